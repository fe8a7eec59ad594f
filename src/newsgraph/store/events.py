"""The coded events across the corpus: a filtered listing, counts per day and facet counts.

What an analyst opens an event database for: "material conflict involving RUS, per day, this
month", then the events behind a spike. Each event row carries its CAMEO coding (schema
migration 7: code, quad class, Goldstein score, coded actors); the date of an event is the date
its article was published.

Two kinds of question, two kinds of query:

- The page of events (`list_events`) walks the articles newest first along their date index and
  stops once it has the page, so it costs the page, not the corpus. When matches are sparse, a
  filter that an index of `events` answers (type, quad class, countries, entity) first reads
  the set of article rowids from that index, so a rare value does not make the walk read every
  article's events; when they are dense that set would cost more than the walk (`WALK_BUDGET`).
- The counts (`summarise`: the total, the counts per day and per facet value) read every
  matching event once, a narrow row each, counted in chunks by combination. They cost the
  number of matches (about 3 to 6 microseconds each), so a caller that shows them on every
  page caches them until the store changes (`ReadOnlyStore.cached`).

Roles (space-separated CAMEO role codes) and CAMEO code prefixes have no index: filtering on
them alone reads every event's row.

Every value reaches SQL as a bound parameter.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field, fields
from operator import itemgetter
from typing import Any

from newsgraph.errors import E_QUERY, StoreError
from newsgraph.store.fts_query import fts_match
from newsgraph.store.search import day_bounds

__all__ = [
    "DayCount",
    "EventFilters",
    "EventRecord",
    "EventSummary",
    "FacetCount",
    "list_events",
    "summarise",
]

FACET_VALUES = 30
"""Facets list at most this many values each, the most frequent first."""


@dataclass(frozen=True, slots=True)
class EventFilters:
    """What an events listing is restricted to; None (or "") means no restriction.

    `country` matches the actor's or the recipient's country, `actor_country` and
    `recipient_country` one side only; `role` matches a CAMEO role code (GOV, MIL, REB …) of
    either side; `cameo` is a prefix of the CAMEO event code ("19" finds 190 to 196); `entity`
    an entity id as actor or recipient; `q` a full-text query on the events' articles (the
    search's query language); `since`/`until` ISO dates of publication, inclusive.
    """

    type: str | None = None
    quad_class: int | None = None
    country: str | None = None
    actor_country: str | None = None
    recipient_country: str | None = None
    role: str | None = None
    cameo: str | None = None
    entity: str | None = None
    q: str | None = None
    since: str | None = None
    until: str | None = None

    def active(self) -> dict[str, str]:
        """The filters that restrict, by name, as text (for links and the API's echo)."""
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value not in (None, ""):
                out[f.name] = str(value)
        return out


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One coded event with the article it was found in."""

    article_id: str
    title: str | None
    published: str | None
    source: str | None
    type: str
    mode: str | None
    cameo: str | None
    quad_class: int | None
    goldstein: float | None
    confidence: float | None
    trigger: str
    text: str
    actor: str | None
    actor_id: str | None
    actor_code: str | None
    actor_country: str | None
    actor_roles: list[str]
    recipient: str | None
    recipient_id: str | None
    recipient_code: str | None
    recipient_country: str | None
    recipient_roles: list[str]
    place: str | None
    place_country: str | None
    negated: bool
    hypothetical: bool


@dataclass(frozen=True, slots=True)
class DayCount:
    """The matching events of one publication day, by quad class, with their mean Goldstein."""

    day: str
    events: int
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    goldstein_mean: float | None


@dataclass(frozen=True, slots=True)
class FacetCount:
    value: str
    count: int


@dataclass(frozen=True, slots=True)
class EventSummary:
    """Counts over every matching event: `undated` are those whose article has no date."""

    total: int
    undated: int
    daily: list[DayCount] = field(default_factory=list)
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)


FACETS = ("type", "quad_class", "country", "actor_country", "recipient_country", "role", "cameo")
"""The facet names of `EventSummary.facets`; `cameo` counts the CAMEO root codes (two digits)."""


def _roles(text: str | None) -> list[str]:
    return text.split() if text else []


def _padded(column: str) -> str:
    """The space-separated role codes of `column` between spaces, upper case, for `instr`."""
    return f"(' ' || upper(coalesce({column}, '')) || ' ')"


def event_conditions(f: EventFilters, match: str) -> tuple[list[str], list[Any]]:
    """Conditions on events `e`, one per filter (the date is the caller's: it joins it)."""
    where: list[str] = []
    args: list[Any] = []
    if f.type:
        where.append("e.type = ? COLLATE NOCASE")
        args.append(f.type)
    if f.quad_class is not None:
        where.append("e.quad_class = ?")
        args.append(f.quad_class)
    if f.country:
        where.append(
            "(e.actor_country = ? COLLATE NOCASE OR e.recipient_country = ? COLLATE NOCASE)"
        )
        args += [f.country, f.country]
    if f.actor_country:
        where.append("e.actor_country = ? COLLATE NOCASE")
        args.append(f.actor_country)
    if f.recipient_country:
        where.append("e.recipient_country = ? COLLATE NOCASE")
        args.append(f.recipient_country)
    if f.role:
        where.append(
            f"(instr({_padded('e.actor_roles')}, ?) OR instr({_padded('e.recipient_roles')}, ?))"
        )
        args += [f" {f.role.upper()} "] * 2
    if f.cameo:
        where.append("substr(e.cameo, 1, ?) = ?")
        args += [len(f.cameo), f.cameo]
    if f.entity:
        where.append("(e.actor_id = ? OR e.recipient_id = ?)")
        args += [f.entity, f.entity]
    if match:
        where.append(
            "e.article_rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
        )
        args.append(match)
    return where, args


def _article_sets(f: EventFilters) -> tuple[list[str], list[Any]]:
    """`d.rowid IN (…)` for each filter that an index of `events` answers with article rowids
    (index-only reads), so the walk along the date index skips articles without a match."""
    where: list[str] = []
    args: list[Any] = []

    def rowids(subquery: str, *values: Any) -> None:
        where.append(f"+d.rowid IN ({subquery})")
        args.extend(values)

    if f.type:
        rowids("SELECT article_rowid FROM events WHERE type = ? COLLATE NOCASE", f.type)
    if f.quad_class is not None:
        rowids("SELECT article_rowid FROM events WHERE quad_class = ?", f.quad_class)
    for value, columns in (
        (f.country, ("actor_country", "recipient_country")),
        (f.actor_country, ("actor_country",)),
        (f.recipient_country, ("recipient_country",)),
    ):
        if value:
            rowids(
                " UNION ".join(
                    f"SELECT article_rowid FROM events WHERE {c} = ? COLLATE NOCASE"
                    for c in columns
                ),
                *[value] * len(columns),
            )
    if f.entity:
        rowids(
            "SELECT article_rowid FROM events WHERE actor_id = ? "
            "UNION SELECT article_rowid FROM events WHERE recipient_id = ?",
            f.entity,
            f.entity,
        )
    return where, args


WALK_BUDGET = 10_000
"""A page is read by walking the articles when that should examine at most this many events;
past it, the filters' article sets are read first (see `list_events`)."""


def _dense(conn: sqlite3.Connection, matches: int, wanted: int) -> bool:
    """Whether walking newest first finds `wanted` of `matches` events within `WALK_BUDGET`
    (the events' largest rowid stands for their number: rows are rarely deleted)."""
    stored = int(conn.execute("SELECT coalesce(max(rowid), 0) FROM events").fetchone()[0])
    return wanted * stored <= WALK_BUDGET * max(matches, 1)


def _query_error(e: sqlite3.OperationalError, f: EventFilters) -> StoreError:
    if f.q and "locked" not in str(e):
        return StoreError(f"invalid search query {f.q!r}: {e}", code=E_QUERY)
    return StoreError(f"events query failed: {e}")


_COLUMNS = (
    "e.article_id, d.title, d.published, d.source, e.type, e.mode, e.cameo, e.quad_class, "
    "e.goldstein, e.confidence, e.trigger, e.text, e.actor, e.actor_id, e.actor_code, "
    "e.actor_country, e.actor_roles, e.recipient, e.recipient_id, e.recipient_code, "
    "e.recipient_country, e.recipient_roles, e.place, e.place_country, e.negated, e.hypothetical"
)


def list_events(
    conn: sqlite3.Connection,
    filters: EventFilters,
    *,
    limit: int = 50,
    offset: int = 0,
    matches: int | None = None,
) -> list[EventRecord]:
    """The matching events, newest article first (events of one article in text order).

    Undated articles come last. `matches`, the number of matching events when the caller knows
    it (`summarise(...).total`), chooses how to walk: when matches are dense the walk finds a
    page within a few articles and reading the filters' article sets would cost more; when they
    are sparse (or unknown) those sets keep the walk off articles without a match. A query
    (`filters.q`) that cannot be read raises `StoreError` with code `E_QUERY`.
    """
    if matches is not None and offset >= matches:
        return []
    match = fts_match(filters.q) if filters.q and filters.q.strip() else ""
    where, args = event_conditions(filters, match)
    sets, set_args = _article_sets(filters)
    if matches is not None and sets and _dense(conn, matches, limit + offset):
        sets, set_args = [], []
    low, high = day_bounds(filters.since, filters.until)
    dated = ["d.published >= ? AND d.published <= ?"] if filters.since or filters.until else []
    date_args = [low, high] if dated else []
    conditions = "".join(f" AND {w}" for w in [*dated, *sets, *where])
    page_sql = (
        "SELECT e.rowid FROM articles d INDEXED BY articles_published "
        f"JOIN events e ON e.article_id = d.id WHERE 1{conditions} "
        "ORDER BY d.published DESC, d.rowid DESC, e.rowid LIMIT ? OFFSET ?"
    )
    try:
        page = [
            int(r[0]) for r in conn.execute(page_sql, [*date_args, *set_args, *args, limit, offset])
        ]
        if not page:
            return []
        rows = {
            int(r[0]): r
            for r in conn.execute(
                f"SELECT e.rowid, {_COLUMNS} FROM events e JOIN articles d ON d.id = e.article_id "
                "WHERE e.rowid IN (SELECT value FROM json_each(?))",
                [f"[{','.join(map(str, page))}]"],
            )
        }
    except sqlite3.OperationalError as e:
        raise _query_error(e, filters) from e
    return [_record(rows[rid]) for rid in page if rid in rows]


def _record(r: sqlite3.Row) -> EventRecord:
    return EventRecord(
        article_id=r["article_id"],
        title=r["title"],
        published=r["published"],
        source=r["source"],
        type=r["type"],
        mode=r["mode"],
        cameo=r["cameo"],
        quad_class=r["quad_class"],
        goldstein=r["goldstein"],
        confidence=r["confidence"],
        trigger=r["trigger"],
        text=r["text"],
        actor=r["actor"],
        actor_id=r["actor_id"],
        actor_code=r["actor_code"],
        actor_country=r["actor_country"],
        actor_roles=_roles(r["actor_roles"]),
        recipient=r["recipient"],
        recipient_id=r["recipient_id"],
        recipient_code=r["recipient_code"],
        recipient_country=r["recipient_country"],
        recipient_roles=_roles(r["recipient_roles"]),
        place=r["place"],
        place_country=r["place_country"],
        negated=bool(r["negated"]),
        hypothetical=bool(r["hypothetical"]),
    )


_SUMMARY = (
    "SELECT e.type, e.quad_class, upper(e.actor_country), upper(e.recipient_country), "
    "upper(e.actor_roles), upper(e.recipient_roles), substr(e.cameo, 1, 2), "
    "substr(m.published, 1, 10), e.goldstein "
    "FROM events e LEFT JOIN articles_meta m ON m.article_rowid = e.article_rowid WHERE 1"
)
_CHUNK = 20_000


def summarise(conn: sqlite3.Connection, filters: EventFilters) -> EventSummary:
    """The total of matching events, their counts per publication day (ascending), and the
    `FACET_VALUES` most frequent values of each facet in `FACETS` with their counts.

    `country` and `role` count an event once for each value found on either side. The matching
    events are read once, in chunks, and counted by combination (`Counter` counts in C); SQLite
    would sort every match once per GROUP BY, several times slower.
    """
    match = fts_match(filters.q) if filters.q and filters.q.strip() else ""
    where, args = event_conditions(filters, match)
    if filters.since or filters.until:
        where.append("m.published >= ? AND m.published <= ?")
        args += list(day_bounds(filters.since, filters.until))
    tally = _Tally()
    try:
        cursor = conn.execute(_SUMMARY + "".join(f" AND {w}" for w in where), args)
        cursor.row_factory = None
        while chunk := cursor.fetchmany(_CHUNK):
            tally.add(chunk)
    except sqlite3.OperationalError as e:
        raise _query_error(e, filters) from e
    return tally.summary()


class _Tally:
    """Counts of (type, quad class), (actor country, recipient country), (actor roles,
    recipient roles), CAMEO root and (day, quad class), plus Goldstein sums per day."""

    def __init__(self) -> None:
        self.types: Counter[tuple[str, int | None]] = Counter()
        self.countries: Counter[tuple[str | None, str | None]] = Counter()
        self.roles: Counter[tuple[str | None, str | None]] = Counter()
        self.roots: Counter[str | None] = Counter()
        self.days: Counter[tuple[str | None, int | None]] = Counter()
        self.goldstein: dict[str | None, list[float]] = {}

    def add(self, rows: list[tuple[Any, ...]]) -> None:
        self.types.update(map(itemgetter(0, 1), rows))
        self.countries.update(map(itemgetter(2, 3), rows))
        self.roles.update(map(itemgetter(4, 5), rows))
        self.roots.update(map(itemgetter(6), rows))
        self.days.update(map(itemgetter(7, 1), rows))
        for day, score in map(itemgetter(7, 8), rows):
            if score is not None:
                entry = self.goldstein.setdefault(day, [0.0, 0.0])
                entry[0] += score
                entry[1] += 1

    def summary(self) -> EventSummary:
        facets: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
        for (kind, quad), n in self.types.items():
            facets["type"][kind] += n
            if quad is not None:
                facets["quad_class"][str(quad)] += n
        for root, n in self.roots.items():
            if root:
                facets["cameo"][root] += n
        for (actor, recipient), n in self.countries.items():
            if actor:
                facets["actor_country"][actor] += n
            if recipient:
                facets["recipient_country"][recipient] += n
            for value in {actor, recipient} - {None, ""}:
                facets["country"][str(value)] += n
        for (actor, recipient), n in self.roles.items():
            for value in {*(actor or "").split(), *(recipient or "").split()}:
                facets["role"][value] += n
        top = {
            name: [
                FacetCount(v, c)
                for v, c in sorted(counter.items(), key=lambda vc: (-vc[1], vc[0]))[:FACET_VALUES]
            ]
            for name, counter in facets.items()
        }
        top["quad_class"].sort(key=lambda fc: fc.value)
        return EventSummary(
            total=sum(self.days.values()),
            undated=sum(n for (day, _), n in self.days.items() if day is None),
            daily=self._daily(),
            facets=top,
        )

    def _daily(self) -> list[DayCount]:
        by_day: dict[str, list[int]] = {}
        for (day, quad), n in self.days.items():
            if day is None:
                continue
            counts = by_day.setdefault(day, [0, 0, 0, 0, 0])
            counts[0] += n
            if quad in (1, 2, 3, 4):
                counts[quad] += n
        out = []
        for day in sorted(by_day):
            total, q1, q2, q3, q4 = by_day[day]
            g_sum, g_count = self.goldstein.get(day, (0.0, 0.0))
            mean = round(g_sum / g_count, 2) if g_count else None
            out.append(DayCount(day, total, q1, q2, q3, q4, mean))
        return out
