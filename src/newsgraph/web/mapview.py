"""The map page, `/api/map` and the world outline: places across the corpus or a search."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import HTMLResponse, Response

from newsgraph.errors import StoreError
from newsgraph.store import read
from newsgraph.store.db import ReadOnlyStore
from newsgraph.store.search import map_places
from newsgraph.web import svg
from newsgraph.web.common import (
    ERROR_RESPONSES,
    Day,
    Offset,
    Text,
    Value,
    WebError,
    conn,
    filters_from,
    render,
    url,
)

api = APIRouter(prefix="/api", tags=["map"], responses=ERROR_RESPONSES)
pages = APIRouter(include_in_schema=False)

MapLimit = Annotated[int, Query(ge=1, le=1000, description="Places to return (1-1000).")]


def map_data(
    request: Request,
    q: str,
    *,
    theme: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    offset: int = 0,
) -> list[dict[str, Any]]:
    filters = filters_from(theme=theme, since=since, until=until)
    store = request.app.state.store
    try:
        return store.cached(
            ("map", q, filters, limit, offset),
            lambda: map_places(conn(request), query=q, filters=filters, limit=limit, offset=offset),
        )
    except StoreError as e:
        raise WebError(400, "invalid_query", e.message) from e


def warm(store: ReadOnlyStore) -> None:
    """Read the world outline and the corpus-wide map once, so the first visitor need not."""
    svg.world_svg()
    store.cached(("map", "", filters_from(), 300, 0), lambda: map_places(store.conn()))


@api.get("/map", summary="Geocoded places with their mention counts")
def api_map(
    request: Request,
    q: Text = "",
    theme: Value = None,
    since: Day = None,
    until: Day = None,
    limit: MapLimit = 300,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Places aggregated by name, most-mentioned first, over the whole corpus or the articles
    matching `q`, `theme` and the date range (at most the newest 5,000 of them)."""
    places = map_data(request, q, theme=theme, since=since, until=until, limit=limit, offset=offset)
    return {"places": places, "limit": limit, "offset": offset}


@pages.get("/map", response_class=HTMLResponse)
def map_page(
    request: Request,
    q: Text = "",
    theme: Value = None,
    since: Day = None,
    until: Day = None,
    limit: MapLimit = 300,
) -> HTMLResponse:
    error = None
    try:
        places = map_data(request, q, theme=theme, since=since, until=until, limit=limit)
    except WebError as e:
        if e.code != "invalid_query":
            raise
        error, places = e.message, []
    return render(
        request,
        "map.html",
        status=400 if error else 200,
        error=error,
        places=places,
        q=q,
        theme=theme,
        since=since,
        until=until,
        themes=request.app.state.store.cached(("themes",), lambda: read.themes(conn(request))),
        world=svg.map_svg(
            places,
            href=lambda p: url(
                "/search", q=q, place=p["name"], theme=theme, since=since, until=until
            ),
        ),
    )


@pages.get("/map/world.svg")
def world_outline() -> Response:
    return Response(
        svg.world_svg(),
        media_type="image/svg+xml",
        headers={"Cache-Control": "public, max-age=86400"},
    )
