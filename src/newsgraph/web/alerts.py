"""The Alerts page and `/api/alerts`, `/api/alerts/matches`: saved searches and their matches.

Read-only, like the rest of the UI: alerts are added with `newsgraph alert add`. An alert's
outputs are shown by kind only (jsonl, command, webhook): a webhook URL or a command line may
hold a token, and the UI may be served to others.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import HTMLResponse

from newsgraph.errors import NewsgraphError
from newsgraph.store.alerts import Alert, list_alerts, list_matches
from newsgraph.web.common import (
    ERROR_RESPONSES,
    MAX_VALUE,
    Limit,
    Offset,
    conn,
    jsonable,
    not_found,
    page_info,
    render,
)

api = APIRouter(prefix="/api", tags=["alerts"], responses=ERROR_RESPONSES)
pages = APIRouter(include_in_schema=False)

AlertName = Annotated[
    str | None, Query(max_length=MAX_VALUE, description="Only this alert's matches.")
]


def _public(alert: Alert) -> dict[str, Any]:
    """An alert as the UI shows it: its outputs by kind, never their targets."""
    return {
        "name": alert.name,
        "query": alert.query,
        "filters": alert.filters.active(),
        "outputs": list(alert.outputs.names()),
        "created": alert.created,
        "last_checked": alert.last_checked,
        "matches": alert.matches,
        "undelivered": alert.undelivered,
    }


def alerts_data(request: Request, *, limit: int, offset: int) -> dict[str, Any]:
    """A page of the alerts, by name."""
    found = list_alerts(conn(request))
    return {
        "alerts": [_public(a) for a in found[offset : offset + limit]],
        **page_info(len(found), limit, offset),
    }


def matches_data(request: Request, *, alert: str | None, limit: int, offset: int) -> dict[str, Any]:
    """A page of recorded matches, newest first, of one alert or of all (404: no such alert)."""
    try:
        page = list_matches(conn(request), alert=alert or None, limit=limit, offset=offset)
    except NewsgraphError as e:
        raise not_found(f"alert named {alert!r}") from e
    return {
        "alert": alert or None,
        "matches": [jsonable(m) for m in page.matches],
        **page_info(page.total, limit, offset),
    }


@api.get("/alerts", summary="Saved searches (alerts) with their match counts")
def api_alerts(request: Request, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return alerts_data(request, limit=limit, offset=offset)


@api.get("/alerts/matches", summary="Articles the alerts matched, newest first")
def api_alert_matches(
    request: Request, alert: AlertName = None, limit: Limit = 20, offset: Offset = 0
) -> dict[str, Any]:
    return matches_data(request, alert=alert, limit=limit, offset=offset)


@pages.get("/alerts", response_class=HTMLResponse)
def alerts_page(
    request: Request, alert: AlertName = None, limit: Limit = 20, offset: Offset = 0
) -> HTMLResponse:
    return render(
        request,
        "alerts.html",
        saved=alerts_data(request, limit=100, offset=0)["alerts"],
        **matches_data(request, alert=alert, limit=limit, offset=offset),
    )
