"""The events page, `/api/events` and `/api/events/daily.csv`: coded events across the corpus.

What an analyst opens GDELT for: every event with its CAMEO code, quad class, Goldstein score
and coded actors, filtered by PLOVER type, quad class, country, role, CAMEO code, date or a
query on the articles, with the counts per day drawn as a chart and counted per facet. The page
and the API take the same parameters and show the same data; the CSV is the counts per day.

The counts read every matching event (`newsgraph.store.events.summarise`), so they are cached
until the store changes, and the corpus-wide ones are computed at start-up (`warm`); the page
of events itself is read on each call and costs the page.

CAMEO event code descriptions come from the shipped table `data/events/cameo/event_codes.tsv`,
the names of actor codes (countries, roles) from `data/events/cameo/codes.tsv`, both read through
`newsgraph.rules` (so a user's data folder can extend them); without a table a code is shown
alone.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import HTMLResponse, Response

from newsgraph.errors import E_QUERY, NewsgraphError, StoreError, one_of
from newsgraph.rules import Row, RuleFileError, data_dirs, read_table
from newsgraph.store.db import ReadOnlyStore
from newsgraph.store.events import (
    FACETS,
    EventFilters,
    EventRecord,
    EventSummary,
    list_events,
    summarise,
)
from newsgraph.web import svg
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
    page_info,
    render,
    url,
)

log = logging.getLogger(__name__)

api = APIRouter(prefix="/api", tags=["events"], responses=ERROR_RESPONSES)
pages = APIRouter(include_in_schema=False)

QUAD_CLASSES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
"""CAMEO's four quad classes, as GDELT numbers them."""

CAMEO_TABLE = "events/cameo/event_codes.tsv"
CAMEO_COLUMNS = ("code", "description", "goldstein", "type", "mode", "context", "quad")
ACTOR_TABLE = "events/cameo/codes.tsv"
ACTOR_COLUMNS = ("code", "kind", "alpha2", "name")
_UNSPECIFIED = ", not specified below"

COUNTRY_PATTERN = r"^([A-Za-z]{3})?$"
CAMEO_PATTERN = r"^[0-9]{0,4}$"
QUAD_PATTERN = r"^[1-4]?$"
Country = Annotated[
    str | None,
    Query(
        pattern=COUNTRY_PATTERN,
        description="A CAMEO country code (ISO 3166-1 alpha-3 for countries), e.g. RUS.",
    ),
]
Role = Annotated[
    str | None,
    Query(pattern=COUNTRY_PATTERN, description="A CAMEO role code, e.g. GOV, MIL, REB."),
]
Cameo = Annotated[
    str | None,
    Query(
        pattern=CAMEO_PATTERN,
        description='A CAMEO event code or its start: "19" finds 190 to 196.',
    ),
]
Quad = Annotated[
    str | None,
    Query(
        pattern=QUAD_PATTERN,
        description="Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal "
        "conflict, 4 material conflict.",
    ),
]


def _rows(relpath: str, columns: tuple[str, ...], dirs: tuple[Path, ...]) -> tuple[Row, ...]:
    """The rows of a shipped lookup table; none when it is absent or unreadable.

    These tables only name codes on the page, so a missing or malformed one costs the names,
    not the page: the failure is logged (the tests hold the shipped tables to their columns).
    """
    if not resources.files("newsgraph.data").joinpath(*relpath.split("/")).is_file():
        return ()
    try:
        return read_table(relpath, columns, required=2, strip=True, dirs=dirs)
    except RuleFileError as e:
        log.warning("CAMEO codes shown without names: %s", e.one_line())
        return ()


@lru_cache(maxsize=4)
def _cameo_table(dirs: tuple[Path, ...]) -> tuple[dict[str, str], tuple[str, ...]]:
    rows = [r for r in _rows(CAMEO_TABLE, CAMEO_COLUMNS, dirs) if r["code"].isdigit()]
    names = {r["code"]: r["description"] for r in rows}
    # CAMEO's roots (01-20) are named by their "not specified below" code (010 … 200).
    for code, description in list(names.items()):
        if len(code) == 3 and code.endswith("0") and description.endswith(_UNSPECIFIED):
            names.setdefault(code[:2], description.removesuffix(_UNSPECIFIED))
    types = sorted({r["type"] for r in rows if r["type"] not in ("", "-")})
    return names, tuple(types)


@lru_cache(maxsize=4)
def _actor_table(dirs: tuple[Path, ...]) -> dict[str, str]:
    return {r["code"]: r["name"] for r in _rows(ACTOR_TABLE, ACTOR_COLUMNS, dirs) if r["name"]}


def actor_names() -> Mapping[str, str]:
    """CAMEO country, region and role codes ("RUS", "GOV") to their names; empty without the
    shipped table."""
    return _actor_table(data_dirs())


def cameo_names() -> Mapping[str, str]:
    """CAMEO event codes ("190", and the roots "19") to their descriptions; empty without the
    shipped table."""
    return _cameo_table(data_dirs())[0]


def plover_types() -> tuple[str, ...]:
    """The PLOVER event types the CAMEO table codes to (empty without the table)."""
    return _cameo_table(data_dirs())[1]


def known_event_types(request: Request) -> tuple[str, ...]:
    """The event types a filter may name: the PLOVER types the CAMEO table codes to, then any
    other type the store holds (a retired PLOVER name, a type of a user's own table)."""
    table = plover_types()
    store: ReadOnlyStore = request.app.state.store
    held = {f.value for f in _cached_summary(store, EventFilters()).facets.get("type", [])}
    return (*table, *sorted(held - set(table)))


def event_type_param(request: Request, name: str, value: str | None) -> str | None:
    """The event type parameter `name` (`type`, `event_type`) as the store holds it, or None
    when empty. A type that is neither known nor in the store would match nothing, silently:
    it is refused (400) in the CLI's words, with the known types listed
    (`newsgraph.errors.one_of`, the CLI's check)."""
    if value is None or not value.strip():
        return None
    known = known_event_types(request)
    if not known:  # no table and no events: nothing to check against
        return value.strip().upper()
    try:
        return one_of("event type", value, known)
    except NewsgraphError as e:
        raise WebError(400, "invalid_parameter", f"{name}: {e.message}") from e


def cameo_label(code: str | None) -> str | None:
    """The description of a CAMEO code, if the table knows it."""
    return cameo_names().get(code) if code else None


class EventQuery:
    """The filters and page shared by the events page, `/api/events` and the CSV (a dependency).

    Empty form fields mean no filter; codes are compared case-insensitively.
    """

    def __init__(
        self,
        type: Annotated[
            str | None, Query(max_length=40, description="PLOVER event type, e.g. ASSAULT.")
        ] = None,
        quad_class: Quad = None,
        country: Country = None,
        actor_country: Country = None,
        recipient_country: Country = None,
        role: Role = None,
        cameo: Cameo = None,
        entity: Value = None,
        q: Text = "",
        since: Day = None,
        until: Day = None,
    ) -> None:
        dates = filters_from(since=since, until=until)  # the search's date checks and errors
        self.filters = EventFilters(
            type=(type or "").strip().upper() or None,
            quad_class=int(quad_class) if quad_class else None,
            country=(country or "").upper() or None,
            actor_country=(actor_country or "").upper() or None,
            recipient_country=(recipient_country or "").upper() or None,
            role=(role or "").upper() or None,
            cameo=cameo or None,
            entity=entity or None,
            q=q.strip() or None,
            since=dates.since,
            until=dates.until,
        )

    def summary(self, request: Request) -> EventSummary:
        """The counts of the matching events, cached until the store changes."""
        # An unknown type is refused here, not as a parameter, so that the page can show the
        # refusal above its form (the API and the CSV answer it as their error).
        event_type_param(request, "type", self.filters.type)
        store: ReadOnlyStore = request.app.state.store
        return _cached_summary(store, self.filters)

    def page(self, request: Request, *, limit: int, offset: int, matches: int) -> list[EventRecord]:
        with _query_errors():
            return list_events(
                conn(request), self.filters, limit=limit, offset=offset, matches=matches
            )


Events = Annotated[EventQuery, Depends()]


@contextmanager
def _query_errors() -> Iterator[None]:
    """A query that cannot be read is the caller's 400; any other store failure stays a 500."""
    try:
        yield
    except StoreError as e:
        if e.code == E_QUERY:
            raise WebError(400, "invalid_query", e.message) from e
        raise


def _cached_summary(store: ReadOnlyStore, filters: EventFilters) -> EventSummary:
    with _query_errors():
        return store.cached(("events", filters), lambda: summarise(store.conn(), filters))


def warm(store: ReadOnlyStore) -> None:
    """Count the corpus-wide events once, so the first visitor of the events page need not."""
    _cached_summary(store, EventFilters())


def shown(event: EventRecord) -> dict[str, Any]:
    """An event as the API and the page give it: the record with its CAMEO description and
    quad class named."""
    return {
        **jsonable(event),
        "cameo_description": cameo_label(event.cameo),
        "quad_label": QUAD_CLASSES.get(event.quad_class or 0),
    }


def events_data(request: Request, query: EventQuery, *, limit: int, offset: int) -> dict[str, Any]:
    summary = query.summary(request)
    rows = query.page(request, limit=limit, offset=offset, matches=summary.total)
    return {
        "filters": query.filters.active(),
        **page_info(summary.total, limit, offset),
        "undated": summary.undated,
        "events": [shown(e) for e in rows],
        "daily": jsonable(summary.daily),
        "facets": jsonable(summary.facets),
    }


@api.get("/events", summary="Coded events, newest first, with counts per day and per facet")
def api_events(
    request: Request, events: Events, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """Events matching every filter given, newest article first, paged by `limit`/`offset`.

    `total` counts every match; `daily` gives the matches per publication day (by quad class,
    with the mean Goldstein score), `undated` those whose article has no date; `facets` the
    most frequent values of type, quad class, country (either side, or `actor_country`,
    `recipient_country`), role (either side) and CAMEO root among the matches.
    """
    return events_data(request, events, limit=limit, offset=offset)


CSV_COLUMNS = (
    "day",
    "events",
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
    "goldstein_mean",
)


@api.get(
    "/events/daily.csv",
    summary="Counts per day of the matching events, as CSV",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "CSV, one row per day"}},
)
def api_events_daily_csv(request: Request, events: Events) -> Response:
    """One row per publication day with events: the count, the count per quad class and the
    mean Goldstein score (empty when no event of the day has one)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for d in events.summary(request).daily:
        writer.writerow(
            [
                d.day,
                d.events,
                d.verbal_cooperation,
                d.material_cooperation,
                d.verbal_conflict,
                d.material_conflict,
                "" if d.goldstein_mean is None else d.goldstein_mean,
            ]
        )
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="events-per-day.csv"'},
    )


FACET_TITLES = {
    "type": "Type",
    "quad_class": "Quad class",
    "country": "Country",
    "role": "Role",
    "cameo": "CAMEO root",
}
"""The facets the page lists, in order (the API also gives actor and recipient countries)."""


def facet_label(name: str, value: str) -> str:
    """How the page names a facet value: a quad class or CAMEO root in words."""
    if name == "quad_class" and value.isdigit():
        return f"{value} {QUAD_CLASSES.get(int(value), '')}".strip()
    if name == "cameo":
        label = cameo_label(value)
        return f"{value} {label}" if label else value
    return value


@pages.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request, events: Events, limit: Limit = 50, offset: Offset = 0
) -> HTMLResponse:
    error = None
    try:
        data = events_data(request, events, limit=limit, offset=offset)
    except WebError as e:
        if e.status != 400:
            raise
        error = e.message
        data = {
            "filters": events.filters.active(),
            **page_info(0, limit, offset),
            "undated": 0,
            "events": [],
            "daily": [],
            "facets": {},
        }
    series = [(d["day"], d["events"]) for d in data["daily"]]
    facet_names = [n for n in FACET_TITLES if n in FACETS]
    params = _form_values(events.filters)
    types = {*plover_types(), *(f["value"] for f in data["facets"].get("type", []))}
    if params["type"]:
        types.add(params["type"])

    def narrow(name: str, value: object) -> str:
        """This page with one more filter (or another value of it), from its first page; ""
        for a stored value the filter would refuse (a malformed code is shown, not linked)."""
        if not linkable(name, value):
            return ""
        return url("/events", **{**data["filters"], name: value})

    def widen(name: str) -> str:
        """This page without the filter `name`."""
        return url("/events", **{k: v for k, v in data["filters"].items() if k != name})

    return render(
        request,
        "events.html",
        status=400 if error else 200,
        error=error,
        **data,
        chart=svg.bar_chart(series, noun="event"),
        facet_names=facet_names,
        facet_titles=FACET_TITLES,
        facet_label=facet_label,
        quad_classes=QUAD_CLASSES,
        actor_names=actor_names(),
        params=params,
        types=sorted(types),
        narrow=narrow,
        widen=widen,
        csv_url=url("/api/events/daily.csv", **data["filters"]),
    )


_PATTERNS = {
    "country": re.compile(r"[A-Za-z]{3}"),
    "role": re.compile(r"[A-Za-z]{3}"),
    "cameo": re.compile(r"[0-9]{1,4}"),
    "quad_class": re.compile(r"[1-4]"),
    "type": re.compile(r".{1,40}", re.DOTALL),
}


def linkable(name: str, value: object) -> bool:
    """Whether `value` is one the filter `name` accepts (the query parameters' patterns)."""
    pattern = _PATTERNS.get(name.removeprefix("actor_").removeprefix("recipient_"))
    return pattern is None or pattern.fullmatch(str(value)) is not None


def event_link(name: str, value: object) -> str:
    """The events page filtered on `name` = `value`; "" for a value the filter refuses."""
    return url("/events", **{name: value}) if linkable(name, value) else ""


def coding_context() -> dict[str, Any]:
    """What a page needs to show events' CAMEO coding: code and actor names, quad class
    names, and links to the events page (the article page's events panel)."""
    return {
        "cameo_names": cameo_names(),
        "actor_names": actor_names(),
        "quad_classes": QUAD_CLASSES,
        "event_link": event_link,
    }


def _form_values(filters: EventFilters) -> dict[str, str | None]:
    """Every filter by name (None when unset), for the form, the chips and the links."""
    active = filters.active()
    return {name: active.get(name) for name in EventFilters.__dataclass_fields__}
