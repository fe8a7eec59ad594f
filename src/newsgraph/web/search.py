"""The search page and `/api/search`: full-text query, facets, snippets, paging, sorting."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from starlette.responses import HTMLResponse

from newsgraph.errors import StoreError
from newsgraph.store.search import stats
from newsgraph.web import queries
from newsgraph.web.common import (
    ERROR_RESPONSES,
    Day,
    Limit,
    Offset,
    Text,
    Value,
    WebError,
    conn,
    filters_from,
    jsonable,
    render,
)

api = APIRouter(prefix="/api", tags=["search"], responses=ERROR_RESPONSES)
pages = APIRouter(include_in_schema=False)

Sort = Annotated[Literal["relevance", "date"], Query(description="relevance or date")]
FACET_NAMES = ("entity", "place", "theme", "event_type", "source")


def run_search(
    request: Request,
    q: str,
    *,
    sort: str,
    limit: int,
    offset: int,
    **facets: str | None,
) -> queries.SearchPage:
    filters = filters_from(**facets)
    try:
        return queries.search_page(conn(request), q, filters, sort=sort, limit=limit, offset=offset)
    except StoreError as e:
        raise WebError(400, "invalid_query", e.message) from e


@api.get("/search", summary="Search articles")
def api_search(
    request: Request,
    q: Text = "",
    entity: Value = None,
    place: Value = None,
    theme: Value = None,
    event_type: Value = None,
    source: Value = None,
    since: Day = None,
    until: Day = None,
    sort: Sort = "relevance",
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Articles matching `q` (FTS5) and the facet filters, with highlighted snippets.

    Each hit's `snippet` is a list of `[text, is_match]` segments. `facets` count the values
    of each facet over the first 500 results.
    """
    page = run_search(
        request,
        q,
        sort=sort,
        limit=limit,
        offset=offset,
        entity=entity,
        place=place,
        theme=theme,
        event_type=event_type,
        source=source,
        since=since,
        until=until,
    )
    return jsonable(page)


@api.get("/stats", summary="Counts of everything in the store", tags=["store"])
def api_stats(request: Request) -> dict[str, Any]:
    return jsonable(stats(conn(request)))


@pages.get("/", response_class=HTMLResponse)
@pages.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: Text = "",
    entity: Value = None,
    place: Value = None,
    theme: Value = None,
    event_type: Value = None,
    source: Value = None,
    since: Day = None,
    until: Day = None,
    sort: Sort = "relevance",
    limit: Limit = 20,
    offset: Offset = 0,
) -> HTMLResponse:
    params = {
        "entity": entity,
        "place": place,
        "theme": theme,
        "event_type": event_type,
        "source": source,
        "since": since,
        "until": until,
    }
    error = None
    try:
        page = run_search(request, q, sort=sort, limit=limit, offset=offset, **params)
    except WebError as e:
        if e.code != "invalid_query":
            raise
        error = e.message
        page = queries.SearchPage(q, sort, 0, limit, offset, [])
    return render(
        request,
        "search.html",
        status=400 if error else 200,
        page=page,
        q=q,
        sort=sort,
        params=params,
        facet_names=FACET_NAMES,
        error=error,
    )
