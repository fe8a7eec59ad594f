"""The search page and `/api/search`: full-text query, facets, snippets, paging, sorting."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
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


class SearchQuery:
    """The query and filters shared by the search page and `/api/search` (a dependency)."""

    def __init__(
        self,
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
    ) -> None:
        self.q, self.sort, self.limit, self.offset = q, sort, limit, offset
        self.params: dict[str, str | None] = {
            "entity": entity,
            "place": place,
            "theme": theme,
            "event_type": event_type,
            "source": source,
            "since": since,
            "until": until,
        }

    def run(self, request: Request) -> queries.SearchPage:
        filters = filters_from(**self.params)
        try:
            return queries.search_page(
                conn(request), self.q, filters, sort=self.sort, limit=self.limit, offset=self.offset
            )
        except StoreError as e:
            raise WebError(400, "invalid_query", e.message) from e


Search = Annotated[SearchQuery, Depends()]


@api.get("/search", summary="Search articles")
def api_search(request: Request, search: Search) -> dict[str, Any]:
    """Articles matching `q` (FTS5) and the facet filters, with highlighted snippets.

    Each hit's `snippet` is a list of `[text, is_match]` segments. `facets` count the values
    of each facet over the first 500 results.
    """
    return jsonable(search.run(request))


@api.get("/stats", summary="Counts of everything in the store", tags=["store"])
def api_stats(request: Request) -> dict[str, Any]:
    return jsonable(stats(conn(request)))


@pages.get("/", response_class=HTMLResponse)
@pages.get("/search", response_class=HTMLResponse)
def search_page(request: Request, search: Search) -> HTMLResponse:
    error = None
    try:
        page = search.run(request)
    except WebError as e:
        if e.code != "invalid_query":
            raise
        error = e.message
        page = queries.SearchPage(search.q, search.sort, 0, search.limit, search.offset, [])
    return render(
        request,
        "search.html",
        status=400 if error else 200,
        page=page,
        q=search.q,
        sort=search.sort,
        params=search.params,
        facet_names=FACET_NAMES,
        error=error,
    )
