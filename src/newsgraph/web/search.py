"""The search page and `/api/search`: full-text query, facets, snippets, paging, sorting."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import HTMLResponse

from newsgraph.errors import StoreError
from newsgraph.store.read import stats
from newsgraph.store.search import FACETS, FacetValue, Hit
from newsgraph.store.search import search as run_search
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
from newsgraph.web.events import event_type_param
from newsgraph.web.trends import rising_panel

api = APIRouter(prefix="/api", tags=["search"], responses=ERROR_RESPONSES)
pages = APIRouter(include_in_schema=False)

Sort = Annotated[Literal["relevance", "date"], Query(description="relevance or date")]
FACET_NAMES = FACETS
MARK_OPEN = "\ue000"
MARK_CLOSE = "\ue001"


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A `newsgraph.store.search.Hit` as the page and the API show it."""

    id: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None
    story_id: int | None
    duplicate_of: str | None
    snippet: list[tuple[str, bool]]  # (text, is_match) segments
    score: float


@dataclass(slots=True)
class SearchPage:
    query: str
    sort: str
    total: int
    limit: int
    offset: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    total_capped: bool = False


def split_marks(snippet: str) -> list[tuple[str, bool]]:
    """Split a snippet with match markers into (text, is_match) segments, markers removed."""
    out: list[tuple[str, bool]] = []
    inside = False
    buffer = ""
    for ch in snippet:
        if ch in (MARK_OPEN, MARK_CLOSE):
            if buffer:
                out.append((buffer, inside))
            buffer = ""
            inside = ch == MARK_OPEN
        else:
            buffer += ch
    if buffer:
        out.append((buffer, inside))
    return out


def _shown(hit: Hit) -> SearchHit:
    return SearchHit(
        hit.id,
        hit.title,
        hit.url,
        hit.source,
        hit.published,
        hit.story_id,
        hit.duplicate_of,
        split_marks(hit.snippet),
        hit.score,
    )


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

    def run(self, request: Request) -> SearchPage:
        """The store's one search (the CLI's too), its snippets split for display."""
        event_type = event_type_param(request, "event_type", self.params["event_type"])
        filters = filters_from(**{**self.params, "event_type": event_type})
        try:
            found = run_search(
                conn(request),
                self.q,
                filters,
                sort=self.sort,
                limit=self.limit,
                offset=self.offset,
                facets=True,
                marks=(MARK_OPEN, MARK_CLOSE),
            )
        except StoreError as e:
            raise WebError(400, "invalid_query", e.message) from e
        hits = [_shown(h) for h in found.hits]
        page = SearchPage(found.query, self.sort, found.total, self.limit, self.offset, hits)
        page.facets, page.total_capped = found.facets, found.total_capped
        return page


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
        if e.status != 400:
            raise
        error = e.message
        page = SearchPage(search.q, search.sort, 0, search.limit, search.offset, [])
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
        # The home page (no query, no filter) shows what is rising; a search shows its hits.
        rising=None if search.q or any(search.params.values()) else rising_panel(request),
    )
