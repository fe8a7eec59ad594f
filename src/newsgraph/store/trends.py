"""Trends over time, what is rising, and the actors' network: the queries behind
`newsgraph trends`/`rising`/`network`, `/api/trends`, `/api/rising`, `/api/network` and their
pages.

- `trends`: per window (UTC day or hour) and per series, the articles published, their mean
  tone and the events found in them; every window of the range is present (zero when nothing
  was published). A series is every article, or those naming an entity, a theme, a place or an
  event type, matched as the search filters match them (`newsgraph.store.search`), so a series
  and the search for the same filter hold the same articles.
- `rising`: entities, themes, places and actor pairs named in unusually many articles in the
  latest window against their own previous `BASELINE` windows (`newsgraph.corpus.trends` has
  the score). Windows here are rolling: the latest is the day (or hour) that ends at the newest
  article (or `until`), so the latest window is always a whole one.
- `network`: for a query and a time window, actors (entities or CAMEO actor codes) linked by
  the events between them, counted by event type and quad class with their mean Goldstein
  score; exported as JSON, GraphML or GEXF.

Times are compared as the store writes them (UTC ISO 8601), so each range is one scan of the
`articles_published` index; articles without a publication date are in no window. Every value
reaches SQL as a bound parameter.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from newsgraph.corpus.trends import (
    BASELINE,
    FIRST_YEAR,
    KEY_CHARS,
    MIN_COUNT,
    MIN_SCORE,
    STEP,
    By,
    GraphFormat,
    baseline_counts,
    build_graph,
    graph_bytes,
    iso,
    label,
    parse_moment,
    rising_score,
    window_count,
    window_keys,
    window_start,
)
from newsgraph.errors import E_QUERY, StoreError
from newsgraph.store.fts_query import fts_match

SeriesKind = Literal["all", "entity", "theme", "place", "event_type"]
RisingKind = Literal["entity", "theme", "place", "pair", "code-pair"]
Actors = Literal["entity", "code"]

RISING_KINDS: tuple[RisingKind, ...] = ("entity", "theme", "place", "pair", "code-pair")
DEFAULT_WINDOWS: dict[str, int] = {"day": 90, "hour": 72}
"""Windows shown when no `since` is given: the last 90 days, or the last 72 hours."""
MAX_WINDOWS = 5_000
"""A trends range holds at most this many windows (13 years of days, 208 days of hours)."""
MAX_SERIES = 8
NETWORK_SAMPLE = 20_000
"""The network is drawn from the newest this-many articles that match the query and window."""
_SEP = "\x1f"  # between the two actors of a pair key


# --- trends ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Series:
    """Which articles a series counts: all, or those naming `value` as an entity (id, name or
    alias), theme, place (name, text or country code) or event type."""

    kind: SeriesKind = "all"
    value: str = ""


@dataclass(frozen=True, slots=True)
class Point:
    window: str  # the window's first instant: 2025-03-04 or 2025-03-04T09:00 (UTC)
    articles: int
    tone: float | None  # mean tone of those articles; None when there are none with a tone
    events: int


@dataclass(frozen=True, slots=True)
class SeriesResult:
    kind: str
    value: str
    label: str
    matched: bool  # the value names something in the store
    points: list[Point]


@dataclass(frozen=True, slots=True)
class Trends:
    by: str
    since: str  # first window
    until: str  # last window
    windows: list[str]
    series: list[SeriesResult]
    # Articles in the store without a publication date: in no window of any series (the day
    # one was stored is no news date), so counted here apart.
    undated: int = 0


def anchor(conn: sqlite3.Connection, *, now: datetime | None = None) -> datetime | None:
    """The newest publication time not in the future (a misdated article cannot move "now"
    years ahead); None for a store without dated articles."""
    cap = iso(now or datetime.now(UTC))
    row = conn.execute(
        "SELECT max(published) FROM articles WHERE published <= ? AND published >= ?",
        (cap, _EARLIEST),
    ).fetchone()
    return parse_moment(row[0]) if row and row[0] else None


_EARLIEST = f"{FIRST_YEAR:04d}-01-01"  # stored times before it are misdated, not news
MIN_HISTORY = 7
"""Rising needs this many baseline windows with the store already collecting: before its first
article every count is zero, and against zeros everything looks as if it were rising."""


def _history(conn: sqlite3.Connection, edges: Sequence[str]) -> int:
    """How many of the baseline windows (1 … BASELINE) end after the store's first article."""
    row = conn.execute(
        "SELECT min(published) FROM articles WHERE published >= ?", (_EARLIEST,)
    ).fetchone()
    first = row[0] if row else None
    if first is None:
        return 0
    return sum(1 for k in range(1, BASELINE + 1) if edges[k] > first)


def trends(
    conn: sqlite3.Connection,
    series: Sequence[Series] = (),
    *,
    by: By = "day",
    since: str | None = None,
    until: str | None = None,
    now: datetime | None = None,
) -> Trends:
    """Articles, mean tone and events per window for each of `series` (every article when
    none is given), zero-filled from `since` to `until` (ISO dates or times, inclusive).

    Without `until`, the range ends at the newest article (or now, if that is earlier); without
    `since` it holds the last `DEFAULT_WINDOWS[by]` windows.
    """
    if by not in STEP:
        raise StoreError(f"unknown window {by!r}: day or hour", code=E_QUERY)
    chosen = list(series) or [Series()]
    if len(chosen) > MAX_SERIES:
        raise StoreError(f"at most {MAX_SERIES} series on one chart", code=E_QUERY)
    first, last = _range(conn, by, since, until, now)
    count = window_count(first, last, by)  # before making them: a range may hold millions
    if count > MAX_WINDOWS:
        raise StoreError(
            f"{count} windows from {iso(first)[:16]} to {iso(last)[:16]}: at most "
            f"{MAX_WINDOWS}; narrow the range or count by day",
            code=E_QUERY,
        )
    keys = window_keys(first, last, by)
    bounds = (iso(window_start(first, by)), iso(window_start(last, by) + STEP[by]))
    span = _span(conn, bounds)
    results = [_one_series(conn, s, by, keys, bounds, span) for s in chosen]
    labels = [label(k) for k in keys]
    undated = conn.execute("SELECT count(*) FROM articles WHERE published IS NULL").fetchone()[0]
    return Trends(by, labels[0], labels[-1], labels, results, int(undated))


def _range(
    conn: sqlite3.Connection, by: By, since: str | None, until: str | None, now: datetime | None
) -> tuple[datetime, datetime]:
    if until:
        last = parse_moment(until, end=True)
    else:
        last = anchor(conn, now=now) or (now or datetime.now(UTC))
    if since:
        first = parse_moment(since)
    else:
        first = window_start(last, by) - STEP[by] * (DEFAULT_WINDOWS[by] - 1)
    if first > last:
        raise StoreError("`since` is after `until`", code=E_QUERY)
    return first, last


_LOOKUPS: dict[str, tuple[tuple[str, str], ...]] = {
    "theme": (("themes", "name"),),
    "place": (("places", "name"), ("places", "text"), ("places", "country_code")),
    "event_type": (("events", "type"),),
}
"""Where a series' value is looked for, to say whether it names anything in the store."""


def _scope(
    conn: sqlite3.Connection, s: Series, span: tuple[int, int]
) -> tuple[str, list[Any], str, bool]:
    """The subquery of the rowids of the articles a series counts ("" for all), read from the
    fact table's (value, article_rowid) index within the rowid `span` of the range's articles,
    its arguments, its label, and whether its value names anything in the store."""
    value = s.value.strip()
    if s.kind == "all":
        return "", [], "all articles", True
    if not value:
        raise StoreError(f"a {s.kind.replace('_', ' ')} series needs a value", code=E_QUERY)
    within = "article_rowid BETWEEN ? AND ?"
    if s.kind == "entity":
        rows = conn.execute(
            "SELECT id, name FROM entities WHERE id = ? OR name = ? COLLATE NOCASE "
            "UNION SELECT e.id, e.name FROM entities e, json_each(e.aliases) j "
            "WHERE j.value = ? COLLATE NOCASE",
            (value, value, value),
        ).fetchall()
        ids = [str(r[0]) for r in rows]
        exact = [str(r[1]) for r in rows if r[0] == value]
        name = exact[0] if exact else (str(rows[0][1]) if rows else value)
        holes = ",".join("?" * len(ids)) or "NULL"
        sub = f"SELECT article_rowid FROM mentions WHERE entity_id IN ({holes}) AND {within}"
        return sub, [*ids, *span], f"entity: {name}", bool(ids)
    if s.kind == "theme":
        sub = f"SELECT article_rowid FROM themes WHERE name = ? COLLATE NOCASE AND {within}"
        args: list[Any] = [value, *span]
    elif s.kind == "place":
        sub = " UNION ".join(
            f"SELECT article_rowid FROM places WHERE {column} = ? COLLATE NOCASE AND {within}"
            for column in ("name", "text", "country_code")
        )
        args = [value, *span] * 3
    elif s.kind == "event_type":
        sub = f"SELECT article_rowid FROM events WHERE type = ? COLLATE NOCASE AND {within}"
        args = [value, *span]
    else:
        raise StoreError(f"unknown series kind {s.kind!r}", code=E_QUERY)
    found = any(
        conn.execute(
            f"SELECT EXISTS (SELECT 1 FROM {table} WHERE {column} = ? COLLATE NOCASE)", (value,)
        ).fetchone()[0]
        for table, column in _LOOKUPS[s.kind]
    )
    return sub, args, f"{s.kind.replace('_', ' ')}: {value}", bool(found)


def _span(conn: sqlite3.Connection, bounds: tuple[str, str]) -> tuple[int, int] | None:
    """The lowest and highest rowid of the articles published within `bounds` (None if none):
    every fact query below reads only that slice of its (value, article_rowid) index."""
    row = conn.execute(
        "SELECT min(rowid), max(rowid) FROM articles INDEXED BY articles_published "
        "WHERE published >= ? AND published < ?",
        bounds,
    ).fetchone()
    return None if row[0] is None else (int(row[0]), int(row[1]))


def _counts(
    conn: sqlite3.Connection,
    s: Series,
    by: By,
    bounds: tuple[str, str],
    span: tuple[int, int],
    sub: str,
    args: list[Any],
) -> tuple[dict[str, tuple[int, Any]], dict[str, int]]:
    """(articles, mean tone) and events per window key of one series."""
    n = KEY_CHARS[by]
    within = "a.published >= ? AND a.published < ?"
    # The published index gives the windows; a series' rowid set is tested on each index entry
    # (the unary + keeps SQLite from reading the articles by rowid instead, each row's published
    # and tone lying past the body, in overflow pages), so only the series' own rows are read,
    # for their tone, and none where an index on (published, tone) holds it.
    scoped = f" AND +a.rowid IN ({sub})" if sub else ""
    volume = {
        str(r[0]): (int(r[1]), r[2])
        for r in conn.execute(
            f"SELECT substr(a.published, 1, {n}) AS w, count(*), avg(a.tone) "
            f"FROM articles a WHERE {within}{scoped} GROUP BY w",
            [*bounds, *args],
        )
    }
    # Events: the (type, article_rowid) index gives each event's article (within the span),
    # the narrow articles_meta its publication time (one primary-key look-up each).
    if s.kind == "event_type":
        condition, ev_args = " AND v.type = ? COLLATE NOCASE", [s.value.strip()]
    elif sub:
        condition, ev_args = f" AND v.article_rowid IN ({sub})", args
    else:
        condition, ev_args = "", []
    events = {
        str(r[0]): int(r[1])
        for r in conn.execute(
            f"SELECT substr(a.published, 1, {n}) AS w, count(*) FROM events v "
            "INDEXED BY events_type JOIN articles_meta a ON a.article_rowid = v.article_rowid "
            f"WHERE v.article_rowid BETWEEN ? AND ? AND {within}{condition} GROUP BY w",
            [*span, *bounds, *ev_args],
        )
    }
    return volume, events


def _one_series(
    conn: sqlite3.Connection,
    s: Series,
    by: By,
    keys: list[str],
    bounds: tuple[str, str],
    span: tuple[int, int] | None,
) -> SeriesResult:
    sub, args, name, matched = _scope(conn, s, span or (0, -1))
    volume: dict[str, tuple[int, Any]] = {}
    events: dict[str, int] = {}
    if span is not None:
        volume, events = _counts(conn, s, by, bounds, span, sub, args)
    points = []
    for key in keys:
        articles, tone = volume.get(key, (0, None))
        points.append(
            Point(
                label(key),
                articles,
                None if tone is None else round(float(tone), 4),
                events.get(key, 0),
            )
        )
    return SeriesResult(s.kind, s.value, name, matched, points)


def trends_csv(result: Trends) -> str:
    """The trends as CSV, one row per series and window (tone empty where there is none)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["window", "series", "kind", "value", "articles", "tone", "events"])
    for s in result.series:
        for p in s.points:
            tone = "" if p.tone is None else p.tone
            writer.writerow(
                [p.window, s.label, s.kind, _inert(s.value), p.articles, tone, p.events]
            )
    return out.getvalue()


def _inert(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula: the user's words may start with one."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


# --- rising ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RisingItem:
    key: str  # entity id, theme, place name, or "actor -> recipient" (ids or codes)
    label: str
    latest: int  # articles in the latest window
    mean: float  # mean articles per baseline window
    std: float
    score: float
    source: str | None = None  # for pairs: the actor
    target: str | None = None  # for pairs: the recipient


@dataclass(frozen=True, slots=True)
class Rising:
    kind: str
    by: str
    start: str  # the latest window: (start, end], UTC
    end: str
    baseline: int
    min_count: int
    min_score: float
    items: list[RisingItem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Facts:
    """Where one kind of rising item is counted: the fact table, the item's key, which rows
    count, the table's covering index on (value, article_rowid) when it has one, and `share`:
    the windows' facts are read one article at a time (through the table's article index) while
    the articles are fewer than 1/`share` of the table's rows, and in one pass over the table
    (its covering index) past that, where the pass is cheaper. The shares were measured on the
    100,000-article bench stores (bench/bench_trends.py): a pass over an index is cheap per row,
    one over the events table (no covering index) is not."""

    table: str
    key: str
    where: str
    by_value: str | None
    share: int


_FACTS: dict[str, _Facts] = {
    "entity": _Facts("mentions", "t.entity_id", "1", "mentions_entity", 20),
    "theme": _Facts("themes", "lower(t.name)", "1", "themes_name", 50),
    "place": _Facts("places", "lower(t.name)", "t.name IS NOT NULL", "places_name", 50),
    "pair": _Facts(
        "events",
        "t.actor_id || char(31) || t.recipient_id",
        "t.actor_id IS NOT NULL AND t.recipient_id IS NOT NULL",
        None,
        3,
    ),
    "code-pair": _Facts(
        "events",
        "t.actor_code || char(31) || t.recipient_code",
        "t.actor_code IS NOT NULL AND t.recipient_code IS NOT NULL",
        None,
        3,
    ),
}


def _counted(conn: sqlite3.Connection, kind: str, articles: int) -> str:
    """The query of (key, window k, articles) over the facts of `arts`, the articles of the
    last BASELINE + 1 windows (rowids from `lo` to `hi` in `span`)."""
    facts = _FACTS[kind]
    rows = conn.execute(f"SELECT max(rowid) FROM {facts.table}").fetchone()[0] or 0
    head = f"SELECT {facts.key} AS key, arts.k AS k, count(DISTINCT t.article_rowid) AS n "
    group = " GROUP BY key, arts.k"
    if articles * facts.share < rows:
        return (
            f"{head}FROM arts CROSS JOIN articles a ON a.rowid = arts.r CROSS JOIN "
            f"{facts.table} t INDEXED BY {facts.table}_article ON t.article_id = a.id "
            f"WHERE {facts.where}{group}"
        )
    index = f" INDEXED BY {facts.by_value}" if facts.by_value else ""
    return (
        f"{head}FROM {facts.table} t{index} JOIN arts ON arts.r = t.article_rowid "
        f"WHERE {facts.where} AND t.article_rowid BETWEEN (SELECT lo FROM span) "
        f"AND (SELECT hi FROM span){group}"
    )


def rising(
    conn: sqlite3.Connection,
    *,
    kind: RisingKind = "entity",
    by: By = "day",
    until: str | None = None,
    limit: int = 20,
    min_count: int = MIN_COUNT,
    min_score: float = MIN_SCORE,
    now: datetime | None = None,
) -> Rising:
    """The `limit` items of `kind` with the highest rising score (at least `min_score`, and
    at least `min_count` articles in the latest window), highest first.

    The latest window is the day (or hour) that ends at `until` (a date means its end), or at
    the newest article when no `until` is given; the baseline is the `BASELINE` windows before.
    """
    if kind not in _FACTS:
        raise StoreError(f"unknown kind {kind!r}: one of {', '.join(RISING_KINDS)}", code=E_QUERY)
    if by not in STEP:
        raise StoreError(f"unknown window {by!r}: day or hour", code=E_QUERY)
    end = parse_moment(until, end=True) if until else anchor(conn, now=now)
    if end is None:
        moment = iso(now or datetime.now(UTC))
        return Rising(kind, by, moment, moment, BASELINE, min_count, min_score)
    step = STEP[by]
    start = end - step
    # Window k holds the articles published in (end - (k+1) steps, end - k steps]: one range
    # of the published index each, so no time arithmetic per article.
    try:
        edges = [iso(end - step * k) for k in range(BASELINE + 2)]
    except OverflowError as e:
        raise StoreError(f"{until!r}: too early to count windows back from", code=E_QUERY) from e
    history = _history(conn, edges)
    if history < MIN_HISTORY:
        return Rising(kind, by, iso(start), iso(end), BASELINE, min_count, min_score)
    arts = " UNION ALL ".join(
        f"SELECT rowid AS r, {k} AS k FROM articles INDEXED BY articles_published "
        "WHERE published > ? AND published <= ?"
        for k in range(BASELINE + 1)
    )
    ranges = [x for k in range(BASELINE + 1) for x in (edges[k + 1], edges[k])]
    articles = conn.execute(f"SELECT count(*) FROM ({arts})", ranges).fetchone()[0]
    rows = conn.execute(
        f"WITH arts AS MATERIALIZED ({arts}), "
        "span AS MATERIALIZED (SELECT min(r) AS lo, max(r) AS hi FROM arts), "
        f"counted AS MATERIALIZED ({_counted(conn, kind, articles)}), "
        "hot AS (SELECT key FROM counted WHERE k = 0 AND n >= ?) "
        "SELECT key, k, n FROM counted WHERE key IN hot",
        [*ranges, min_count],
    ).fetchall()
    per_key: dict[str, dict[int, int]] = defaultdict(dict)
    for key, k, n in rows:
        per_key[str(key)][int(k)] = int(n)
    scored = []
    for key, counts in per_key.items():
        s = rising_score(counts.get(0, 0), baseline_counts(counts, history))
        if s.score >= min_score:
            scored.append((key, s))
    scored.sort(key=lambda item: (-item[1].score, -item[1].latest, item[0]))
    top = scored[:limit]
    names = _names(conn, kind, [k for k, _ in top])
    items = []
    for key, s in top:
        source, _, target = key.partition(_SEP) if kind in ("pair", "code-pair") else ("", "", "")
        items.append(
            RisingItem(
                key=f"{source} -> {target}" if target else key,
                label=(
                    f"{names.get(source, source)} → {names.get(target, target)}"
                    if target
                    else names.get(key, key)
                ),
                latest=s.latest,
                mean=round(s.mean, 3),
                std=round(s.std, 3),
                score=round(s.score, 3),
                source=source or None,
                target=target or None,
            )
        )
    return Rising(kind, by, iso(start), iso(end), history, min_count, min_score, items)


def _names(conn: sqlite3.Connection, kind: str, keys: list[str]) -> dict[str, str]:
    """How each of `keys` is shown: an entity's name (for entity ids, and the actors of entity
    pairs), a theme's or place's stored spelling (keys are lower case)."""
    if kind in ("theme", "place"):
        table = "themes" if kind == "theme" else "places"
        out = {}
        for key in keys:
            row = conn.execute(
                f"SELECT name FROM {table} WHERE name = ? COLLATE NOCASE LIMIT 1", (key,)
            ).fetchone()
            out[key] = str(row[0]) if row else key
        return out
    if kind not in ("entity", "pair"):
        return {}
    ids = sorted({part for key in keys for part in key.split(_SEP)})
    if not ids:
        return {}
    holes = ",".join("?" * len(ids))
    return {
        str(r[0]): str(r[1])
        for r in conn.execute(f"SELECT id, name FROM entities WHERE id IN ({holes})", ids)
    }


# --- the actors' network -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NetworkNode:
    id: str  # an entity id, or a CAMEO actor code
    label: str
    kind: str  # the entity's type, or "actor code"
    country: str | None  # CAMEO country of a coded actor
    events: int  # events it takes part in, as actor or recipient (among the edges kept)


@dataclass(frozen=True, slots=True)
class NetworkEdge:
    source: str
    target: str
    type: str  # event type
    quad_class: int  # 1-4 (verbal/material cooperation/conflict); 0 when not coded
    events: int
    articles: int
    goldstein: float | None  # mean Goldstein score of these events (-10 conflict .. +10)


@dataclass(frozen=True, slots=True)
class Network:
    query: str
    since: str | None
    until: str | None
    actors: str
    articles: int  # articles in scope (at most `NETWORK_SAMPLE`, the newest)
    sampled: bool  # more articles matched than were read
    truncated: bool  # more edges than `limit` (the busiest are kept)
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


_ACTOR_COLUMNS: dict[str, tuple[str, str]] = {
    "entity": ("actor_id", "recipient_id"),
    "code": ("actor_code", "recipient_code"),
}


def network(
    conn: sqlite3.Connection,
    *,
    query: str = "",
    since: str | None = None,
    until: str | None = None,
    actors: Actors = "entity",
    limit: int = 500,
    sample: int = NETWORK_SAMPLE,
) -> Network:
    """Actors linked by the events of the articles matching `query` (the search's language;
    blank for all) published from `since` to `until` (ISO dates or times, inclusive; without
    either, undated articles count too): one edge per actor, recipient, event type and quad
    class, the `limit` busiest kept.

    `actors="entity"` links the entities events name as actor and recipient; `"code"` links
    their CAMEO actor codes (e.g. USAGOV), as GDELT does. Events missing either side are left
    out.
    """
    if actors not in _ACTOR_COLUMNS:
        raise StoreError(f"unknown actors {actors!r}: entity or code", code=E_QUERY)
    source, target = _ACTOR_COLUMNS[actors]
    where, args = ["1"], []
    if since or until:
        low = iso(parse_moment(since)) if since else ""
        high = iso(parse_moment(until, end=True)) if until else "9999"
        if low > high:
            raise StoreError("`since` is after `until`", code=E_QUERY)
        where.append("d.published >= ? AND d.published <= ?")
        args += [low, high]
    match = fts_match(query)
    if match:
        where.append("d.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        args.append(match)
    # The events of the scope's articles, one article at a time through the events' article
    # index: at most `sample` articles, whatever the size of the store.
    scope = (
        "WITH scope AS MATERIALIZED (SELECT d.rowid AS r FROM articles d "
        f"INDEXED BY articles_published WHERE {' AND '.join(where)} "
        "ORDER BY d.published DESC, d.rowid DESC LIMIT ?) "
    )
    try:
        rows = conn.execute(
            f"{scope}SELECT v.{source}, v.{target}, v.type, coalesce(v.quad_class, 0) AS quad, "
            "count(*) AS n, count(DISTINCT v.article_rowid), avg(v.goldstein), "
            "(SELECT count(*) FROM scope) FROM scope CROSS JOIN articles a ON a.rowid = scope.r "
            "CROSS JOIN events v INDEXED BY events_article ON v.article_id = a.id "
            f"WHERE v.{source} IS NOT NULL AND v.{target} IS NOT NULL "
            "GROUP BY 1, 2, 3, 4 ORDER BY n DESC, 1, 2, 3, 4 LIMIT ?",
            [*args, sample, limit + 1],
        ).fetchall()
        found = (
            int(rows[0][7])
            if rows
            else int(
                conn.execute(f"{scope}SELECT count(*) FROM scope", [*args, sample]).fetchone()[0]
            )
        )
        # A full sample may have left articles out: is there one more?
        sampled = found == sample and bool(
            conn.execute(
                scope.replace("LIMIT ?)", "LIMIT 1 OFFSET ?)") + "SELECT count(*) FROM scope",
                [*args, sample],
            ).fetchone()[0]
        )
    except sqlite3.OperationalError as e:
        raise StoreError(f"invalid search query {query!r}: {e}", code=E_QUERY) from e
    edges = [
        NetworkEdge(
            str(r[0]),
            str(r[1]),
            str(r[2]),
            int(r[3]),
            int(r[4]),
            int(r[5]),
            None if r[6] is None else round(float(r[6]), 3),
        )
        for r in rows[:limit]
    ]
    return Network(
        query=query,
        since=since,
        until=until,
        actors=actors,
        articles=found,
        sampled=sampled,
        truncated=len(rows) > limit,
        nodes=_nodes(conn, actors, edges),
        edges=edges,
    )


def _nodes(conn: sqlite3.Connection, actors: str, edges: list[NetworkEdge]) -> list[NetworkNode]:
    """The actors of `edges`, busiest first, named by the entity (or by their code)."""
    busy: dict[str, int] = defaultdict(int)
    for e in edges:
        busy[e.source] += e.events
        if e.target != e.source:
            busy[e.target] += e.events
    ids = sorted(busy)
    info: dict[str, tuple[str, str, str | None]] = {}
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        holes = ",".join("?" * len(chunk))
        if actors == "entity":
            for r in conn.execute(
                f"SELECT id, name, type FROM entities WHERE id IN ({holes})", chunk
            ):
                info[str(r[0])] = (str(r[1]), str(r[2]), None)
        else:
            for r in conn.execute(
                "SELECT code, max(country) FROM (SELECT actor_code AS code, actor_country AS "
                f"country FROM events WHERE actor_code IN ({holes}) UNION ALL SELECT "
                "recipient_code, recipient_country FROM events WHERE recipient_code IN "
                f"({holes})) GROUP BY code",
                [*chunk, *chunk],
            ):
                info[str(r[0])] = (str(r[0]), "actor code", r[1])
    order = sorted(ids, key=lambda i: (-busy[i], i))
    default_kind = "entity" if actors == "entity" else "actor code"
    return [
        NetworkNode(
            i,
            info.get(i, (i, default_kind, None))[0],
            info.get(i, (i, default_kind, None))[1],
            info.get(i, (i, default_kind, None))[2],
            busy[i],
        )
        for i in order
    ]


def network_document(net: Network, fmt: GraphFormat) -> bytes:
    """The network as a GraphML or GEXF document (for Gephi, Cytoscape, networkx)."""
    nodes = [
        {"id": n.id, "label": n.label, "kind": n.kind, "country": n.country, "events": n.events}
        for n in net.nodes
    ]
    edges = [
        {
            "source": e.source,
            "target": e.target,
            "event_type": e.type,
            "quad_class": e.quad_class,
            "weight": e.events,
            "articles": e.articles,
            "goldstein": e.goldstein,
        }
        for e in net.edges
    ]
    return graph_bytes(build_graph(nodes, edges), fmt)
