"""Trends, rising and the actors' network: `/trends`, `/network`, `/api/trends`, `/api/rising`
and `/api/network`.

The trends page charts articles, mean tone and events per day or hour for up to eight series
(every article, or those naming an entity, a theme, a place or an event type: `entity=`,
`theme=`, `place=` and `event_type=` repeat), with the rising entities, themes, places and
actor pairs beside them. `/api/trends` answers the same parameters as JSON, or CSV with
`format=csv`. The network page lists and draws the actors linked by the events of a search;
`/api/network` gives it as JSON, GraphML or GEXF (`format=`). `rising_panel` is the small
rising list for other pages (the `_rising.html` macro shows it).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import HTMLResponse, Response

from newsgraph.errors import StoreError
from newsgraph.store import trends as store_trends
from newsgraph.store.fts_query import QuerySyntaxError
from newsgraph.store.trends import MAX_SERIES, Network, Series, SeriesKind, Trends
from newsgraph.web.charts import QUAD_NAMES, Line, Link, Node, line_chart, network_svg
from newsgraph.web.common import (
    ERROR_RESPONSES,
    MAX_VALUE,
    Text,
    WebError,
    conn,
    jsonable,
    render,
    url,
)
from newsgraph.web.events import event_type_param

api = APIRouter(prefix="/api", tags=["trends"], responses=ERROR_RESPONSES)
pages = APIRouter(include_in_schema=False)

MOMENT_PATTERN = r"^(\d{4}-\d{2}-\d{2}(T\d{2}(:\d{2}(:\d{2})?)?Z?)?)?$"
Moment = Annotated[
    str | None,
    Query(
        pattern=MOMENT_PATTERN,
        description="A date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDTHH:MM); a date as `until` "
        "covers the whole day.",
    ),
]
By = Annotated[Literal["day", "hour"], Query(description="Window: UTC day or hour.")]
Values = Annotated[
    list[str] | None, Query(description="Repeat for several series (at most 8 in all).")
]
RisingKind = Annotated[
    Literal["entity", "theme", "place", "pair", "code-pair"],
    Query(description="What rises: entities, themes, places, entity pairs or coded pairs."),
]
Actors = Annotated[
    Literal["entity", "code"],
    Query(description="Nodes: entities, or CAMEO actor codes (e.g. USAGOV)."),
]
TrendsFormat = Annotated[Literal["json", "csv"], Query(alias="format")]
NetworkFormat = Annotated[Literal["json", "graphml", "gexf"], Query(alias="format")]
KINDS: tuple[SeriesKind, ...] = ("entity", "theme", "place", "event_type")
PAGE_RISING: tuple[Literal["entity", "theme", "place", "pair"], ...] = (
    "entity",
    "theme",
    "place",
    "pair",
)


def _failed(e: StoreError) -> WebError:
    """A store's refusal as the API's error: a bad search query is 400, a bad range 422."""
    if isinstance(e, QuerySyntaxError) or "search query" in e.message:
        return WebError(400, "invalid_query", e.message)
    return WebError(422, "invalid_parameter", e.message)


def link(path: str, params: list[tuple[str, str]]) -> str:
    """`path` with `params` (names may repeat; empty values dropped) as a query string."""
    kept = [(k, v) for k, v in params if v]
    return f"{path}?{urlencode(kept)}" if kept else path


class TrendsQuery:
    """The parameters shared by `/trends` and `/api/trends` (a dependency)."""

    def __init__(
        self,
        by: By = "day",
        since: Moment = None,
        until: Moment = None,
        entity: Values = None,
        theme: Values = None,
        place: Values = None,
        event_type: Values = None,
    ) -> None:
        self.by, self.since, self.until = by, since or None, until or None
        self.values: dict[str, list[str]] = {}
        for kind, given in zip(KINDS, (entity, theme, place, event_type), strict=True):
            kept = [v.strip() for v in given or () if v.strip()]
            if any(len(v) > MAX_VALUE for v in kept):
                raise WebError(422, "invalid_parameter", f"{kind}: at most {MAX_VALUE} characters")
            self.values[kind] = kept
        self.series = [Series(kind, v) for kind in KINDS for v in self.values[kind]]
        if len(self.series) > MAX_SERIES:
            raise WebError(422, "invalid_parameter", f"at most {MAX_SERIES} series on one chart")

    def params(self) -> list[tuple[str, str]]:
        out = [("by", self.by), ("since", self.since or ""), ("until", self.until or "")]
        return out + [(kind, v) for kind in KINDS for v in self.values[kind]]

    def run(self, request: Request) -> Trends:
        for value in self.values["event_type"]:  # an unknown type is refused, as the CLI does
            event_type_param(request, "event_type", value)
        try:
            return store_trends.trends(
                conn(request), self.series, by=self.by, since=self.since, until=self.until
            )
        except StoreError as e:
            raise _failed(e) from e


TrendsParams = Annotated[TrendsQuery, Depends()]


@api.get("/trends", summary="Articles, tone and events over time, for one or more series")
def api_trends(request: Request, query: TrendsParams, fmt: TrendsFormat = "json") -> Any:
    """Per window (UTC day or hour, every window of the range present, zero when nothing was
    published): articles, their mean tone and the events found in them, for every article or
    for each `entity`, `theme`, `place` and `event_type` given (each a series; repeat them to
    compare). Without `since`, the last 90 days (72 hours) up to the newest article.
    `format=csv` gives one row per series and window."""
    result = query.run(request)
    if fmt == "csv":
        return Response(
            store_trends.trends_csv(result),
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": 'attachment; filename="trends.csv"'},
        )
    return jsonable(result)


def rising_data(
    request: Request,
    *,
    kind: store_trends.RisingKind,
    by: store_trends.By = "day",
    until: str | None = None,
    limit: int = 10,
    min_count: int = store_trends.MIN_COUNT,
) -> store_trends.Rising:
    try:
        return store_trends.rising(
            conn(request),
            kind=kind,
            by=by,
            until=until,
            limit=limit,
            min_count=min_count,
        )
    except StoreError as e:
        raise _failed(e) from e


@api.get("/rising", summary="Entities, themes, places or actor pairs rising now")
def api_rising(
    request: Request,
    kind: RisingKind = "entity",
    by: By = "day",
    until: Moment = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    min_count: Annotated[
        int, Query(ge=1, le=100_000, description="Fewest articles in the latest window.")
    ] = store_trends.MIN_COUNT,
) -> dict[str, Any]:
    """Items named in unusually many articles in the latest window (the day or hour ending at
    the newest article, or at `until`) against their previous 28 windows: score = (latest -
    mean) / max(std, sqrt(mean), 1), listed from 2.0, with at least `min_count` articles."""
    found = rising_data(
        request, kind=kind, by=by, until=until or None, limit=limit, min_count=min_count
    )
    return jsonable(found)


def rising_panel(
    request: Request, *, limit: int = 5, by: store_trends.By = "day", until: str | None = None
) -> dict[str, store_trends.Rising]:
    """The rising entities, themes, places and entity pairs, `limit` of each, for a page that
    shows them beside its own content (`_rising.html`); remembered until the store changes, so
    a busy home page pays for the four queries once per new batch of articles."""

    def compute() -> dict[str, store_trends.Rising]:
        return {
            kind: rising_data(request, kind=kind, by=by, until=until, limit=limit)
            for kind in PAGE_RISING
        }

    return request.app.state.store.cached(("rising-panel", limit, by, until), compute)


def _charts(result: Trends) -> dict[str, Any]:
    title = " vs ".join(s.label for s in result.series)
    per = f"per {result.by}"
    return {
        name: line_chart(
            result.windows,
            [Line(s.label, [getattr(p, name) for p in s.points]) for s in result.series],
            title=f"{label} {per}: {title}",
            unit=label,
            noun=noun,
            signed=name == "tone",
        )
        for name, label, noun in (
            ("articles", "articles", "article"),
            ("tone", "mean tone", None),
            ("events", "events", "event"),
        )
    }


@pages.get("/trends", response_class=HTMLResponse)
def trends_page(request: Request, query: TrendsParams) -> HTMLResponse:
    result = query.run(request)
    return render(
        request,
        "trends.html",
        result=result,
        query=query,
        charts=_charts(result),
        rising=rising_panel(request, limit=10, by=query.by, until=query.until),
        csv_url=link("/api/trends", [*query.params(), ("format", "csv")]),
        json_url=link("/api/trends", query.params()),
        link=link,
        kinds=KINDS,
    )


# --- the actors' network -------------------------------------------------------------------


def network_data(
    request: Request,
    *,
    q: str,
    since: str | None,
    until: str | None,
    actors: store_trends.Actors,
    limit: int,
) -> Network:
    try:
        return store_trends.network(
            conn(request),
            query=q,
            since=since or None,
            until=until or None,
            actors=actors,
            limit=limit,
        )
    except StoreError as e:
        raise _failed(e) from e


EdgeLimit = Annotated[int, Query(ge=1, le=5000, description="Most edges (the busiest kept).")]


@api.get("/network", summary="The actors' network of a search")
def api_network(
    request: Request,
    q: Text = "",
    since: Moment = None,
    until: Moment = None,
    actors: Actors = "entity",
    limit: EdgeLimit = 500,
    fmt: NetworkFormat = "json",
) -> Any:
    """Actors (entities, or CAMEO actor codes) linked by the events of the articles matching
    `q` published from `since` to `until` (the newest 20,000 at most): one edge per actor,
    recipient, event type and quad class with its events, articles and mean Goldstein score.
    `format=graphml` or `gexf` gives a document for Gephi."""
    found = network_data(request, q=q, since=since, until=until, actors=actors, limit=limit)
    if fmt in ("graphml", "gexf"):
        return Response(
            store_trends.network_document(found, fmt),
            media_type="application/xml",
            headers={"content-disposition": f'attachment; filename="network.{fmt}"'},
        )
    return jsonable(found)


def _drawing(found: Network) -> Any:
    names = {n.id: n.label for n in found.nodes}
    nodes = [
        Node(
            n.id,
            n.label,
            n.events,
            f"/entities/{quote(n.id, safe=':@')}" if found.actors == "entity" else "",
        )
        for n in found.nodes
    ]
    links = [
        Link(
            e.source,
            e.target,
            e.events,
            e.quad_class,
            f"{names.get(e.source, e.source)} → {names.get(e.target, e.target)}: {e.type}, "
            f"{QUAD_NAMES.get(e.quad_class, '')}, {e.events} events",
        )
        for e in found.edges
    ]
    return network_svg(nodes, links)


@pages.get("/network", response_class=HTMLResponse)
def network_page(
    request: Request,
    q: Text = "",
    since: Moment = None,
    until: Moment = None,
    actors: Actors = "entity",
    limit: EdgeLimit = 200,
) -> HTMLResponse:
    found = network_data(request, q=q, since=since, until=until, actors=actors, limit=limit)
    params = {"q": q, "since": since, "until": until, "actors": actors, "limit": limit}
    return render(
        request,
        "network.html",
        network=found,
        names={n.id: n.label for n in found.nodes},
        drawing=_drawing(found),
        quad_names=QUAD_NAMES,
        params=params,
        downloads={f: url("/api/network", **params, format=f) for f in ("json", "graphml", "gexf")},
    )
