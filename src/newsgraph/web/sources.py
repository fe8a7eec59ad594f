"""The Sources page and `/api/sources`: what `newsgraph watch` polls, with each one's health."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse

from newsgraph.store.sources import list_sources
from newsgraph.web.common import ERROR_RESPONSES, Limit, Offset, conn, jsonable, page_info, render

api = APIRouter(prefix="/api", tags=["sources"], responses=ERROR_RESPONSES)
pages = APIRouter(include_in_schema=False)


def sources_data(request: Request, *, limit: int, offset: int) -> dict[str, Any]:
    """A page of the watched sources, in the order they were added, and how many fail."""
    found = list_sources(conn(request), now=datetime.now(UTC))
    failing = sum(1 for s in found if s.status in ("failing", "backing off"))
    return {
        "sources": [jsonable(s) for s in found[offset : offset + limit]],
        "failing": failing,
        **page_info(len(found), limit, offset),
    }


@api.get("/sources", summary="Watched sources with their health")
def api_sources(request: Request, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return sources_data(request, limit=limit, offset=offset)


@pages.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request, limit: Limit = 100, offset: Offset = 0) -> HTMLResponse:
    return render(request, "sources.html", **sources_data(request, limit=limit, offset=offset))
