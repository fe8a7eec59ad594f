"""Full-text search with filters: the one search the CLI, the web UI and the library share.

`search` answers `newsgraph search`, `/api/search` and the search page alike, so the same query
and filters give the same hits in the same order everywhere; `map_places` aggregates the places
of the same matches. Every value reaches SQL as a bound parameter. A query is read by
`newsgraph.store.fts_query`: plain words are always words, and only a real syntax error raises
`StoreError` (`E_QUERY`), with a one-line message that says how to fix it.

The record lookups (articles, entities, stories, stats) live in `newsgraph.store.read`; their
names are importable from here too, as they were before.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from newsgraph.errors import E_NOT_FOUND, E_QUERY, StoreError
from newsgraph.ids import source_key
from newsgraph.store.fts_query import fts_match

if TYPE_CHECKING:
    from datetime import datetime

__all__ = [
    "COUNT_CAP",
    "E_NOT_FOUND",
    "E_QUERY",
    "FACET_SAMPLE",
    "HIGHLIGHT",
    "RANK_WINDOW",
    "FacetValue",
    "Filters",
    "Hit",
    "SearchResults",
    "Sort",
    "map_places",
    "search",
]

COUNT_CAP = 10_000
"""Totals are counted up to this many matches (`SearchResults.total_capped` says when more)."""
RANK_WINDOW = 2_000
"""Relevance ranks the this-many most recently stored matches of a query."""
FACET_SAMPLE = 500
"""Facet counts are taken over the first this-many results of a search, in the chosen order."""
HIGHLIGHT = ("[", "]")
"""The marks around matched words in a snippet, unless the caller asks for others."""
SNIPPET_TOKENS = 20
SNIPPET_MAX_CHARS = 200_000
"""Longer bodies get their snippet from `_long_snippets`, not FTS5's `snippet()`."""
LEAD_CHARS = 240  # the snippet of an article found without a query: its opening
Sort = Literal["relevance", "date"]


def check_dates(since: str | None, until: str | None) -> None:
    """Refuse a `since` or `until` that is not an ISO date or UTC time (YYYY-MM-DD or
    YYYY-MM-DDTHH:MM[:SS][+HH:MM], what `trends` and `alert add` take too), or a range that
    ends before it starts: one `StoreError` (`E_QUERY`) naming the option and the value."""
    from newsgraph.corpus.trends import parse_moment

    moments: list[datetime | None] = []
    for name, value, end in (("since", since, False), ("until", until, True)):
        if not value:
            moments.append(None)
            continue
        try:
            moments.append(parse_moment(value, end=end))
        except StoreError as e:
            raise StoreError(f"{name}: {e.message}", code=E_QUERY) from e
    if moments[0] is not None and moments[1] is not None and moments[0] > moments[1]:
        raise StoreError(f"since {since!r} is after until {until!r}", code=E_QUERY)


def day_bounds(since: str | None, until: str | None) -> tuple[str, str]:
    """Bounds on the ISO `published` text for a date range (checked by `check_dates`): a date
    `until` covers its whole day (every time and offset written on it sorts below the upper
    bound); a time is compared as the store writes one (UTC)."""
    from newsgraph.corpus.trends import iso, parse_moment

    check_dates(since, until)
    since, until = (since or "").strip(), (until or "").strip()
    low = since if len(since) in (0, 10) else iso(parse_moment(since))
    if not until:
        high = "9999"
    elif len(until) == 10:
        high = until + "T23:59:59.999999+99:99"
    else:
        high = iso(parse_moment(until, end=True))
    return low, high


@dataclass(frozen=True, slots=True)
class Filters:
    entity: str | None = None
    place: str | None = None
    theme: str | None = None
    event_type: str | None = None
    since: str | None = None  # ISO date or datetime, inclusive
    until: str | None = None  # ISO date or datetime, inclusive (a date covers the whole day)
    source: str | None = None
    story: int | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None
    story_id: int | None
    snippet: str  # matched words between the search's marks (`HIGHLIGHT` by default)
    score: float  # bm25, lower is better; 0.0 when ordered by date
    duplicate_of: str | None = None


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: str
    total: int
    hits: list[Hit]
    total_capped: bool = False
    sort: Sort = "relevance"
    limit: int = 20
    offset: int = 0
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)


def filter_sql(
    filters: Filters, rowid: str, *, table: str | None = None
) -> tuple[list[str], list[Any]]:
    """Conditions on an articles rowid column (`rowid`), one per filter.

    Each filter becomes `rowid IN (a set read from one index)`: the fact tables keep the
    article's rowid, so neither side joins the (wide) articles table row by row.
    """
    where: list[str] = []
    args: list[Any] = []

    def rowids(subquery: str, *values: Any) -> None:
        where.append(f"{rowid} IN ({subquery})")
        args.extend(values)

    if filters.entity:
        rowids(
            "SELECT m.article_rowid FROM mentions m WHERE m.entity_id IN ("
            "SELECT id FROM entities WHERE id = ? OR name = ? COLLATE NOCASE "
            "UNION SELECT e.id FROM entities e, json_each(e.aliases) j "
            "WHERE j.value = ? COLLATE NOCASE)",
            *[filters.entity] * 3,
        )
    if filters.place:
        rowids(
            "SELECT p.article_rowid FROM places p WHERE p.name = ? COLLATE NOCASE "
            "UNION SELECT p.article_rowid FROM places p WHERE p.text = ? COLLATE NOCASE "
            "UNION SELECT p.article_rowid FROM places p WHERE p.country_code = ? COLLATE NOCASE",
            *[filters.place] * 3,
        )
    if filters.theme:
        rowids(
            "SELECT t.article_rowid FROM themes t WHERE t.name = ? COLLATE NOCASE", filters.theme
        )
    if filters.event_type:
        rowids(
            "SELECT v.article_rowid FROM events v WHERE v.type = ? COLLATE NOCASE",
            filters.event_type,
        )
    columns: list[tuple[str, Any]] = []
    if filters.since or filters.until:
        columns.append(
            ("published >= ? AND published <= ?", day_bounds(filters.since, filters.until))
        )
    if filters.source:
        columns.append(("source = ? COLLATE NOCASE", (source_key(filters.source),)))
    if filters.story is not None:
        columns.append(("story_id = ?", (filters.story,)))
    for condition, values in columns:
        if table is not None:  # the articles table is in the query: test its columns directly
            where.append(" AND ".join(f"{table}.{c.strip()}" for c in condition.split(" AND ")))
        else:  # one primary-key lookup per hit in the narrow copy of these columns
            where.append(
                f"EXISTS (SELECT 1 FROM articles_meta am WHERE am.article_rowid = {rowid} "
                f"AND {' AND '.join(f'am.{c.strip()}' for c in condition.split(' AND '))})"
            )
        args.extend(values)
    return where, args


def _by_date(match: str, filters: Filters) -> tuple[str, list[Any]]:
    """The FROM/WHERE part selecting articles `d` that match (`match`, "" for any) and
    `filters`, to be ordered newest first along the date index."""
    where, args = filter_sql(filters, "+d.rowid", table="d")
    head: list[Any] = []
    if match:
        where.insert(0, "d.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        head = [match]
    base = "FROM articles d INDEXED BY articles_published WHERE 1" + "".join(
        f" AND {w}" for w in where
    )
    return base, [*head, *args]


_NEWEST = "ORDER BY d.published DESC, d.rowid DESC"


def _ranked(
    conn: sqlite3.Connection, match: str, filters: Filters, sort: Sort, want: int
) -> tuple[list[tuple[int, float]], int, bool]:
    """The first `want` (rowid, score) pairs in result order, the total and whether it is
    capped. Relevance: FTS5 bm25 (title x5, standfirst x2, body x1; lower is better) over the
    `RANK_WINDOW` most recently stored matches, ties newest first. Otherwise newest published
    first."""
    if match and sort == "relevance":
        # unary + keeps SQLite from handing `rowid IN (...)` to FTS5 as one lookup per value
        where, args = filter_sql(filters, "+articles_fts.rowid")
        window = (
            "SELECT articles_fts.rowid, bm25(articles_fts, 5.0, 2.0, 1.0) FROM articles_fts "
            "WHERE articles_fts MATCH ?"
            + "".join(f" AND {w}" for w in where)
            + f" ORDER BY articles_fts.rowid DESC LIMIT {RANK_WINDOW}"
        )
        matches = conn.execute(window, [match, *args]).fetchall()
        ranked = sorted((float(r[1]), -int(r[0])) for r in matches)
        page = [(-neg_rowid, score) for score, neg_rowid in ranked[:want]]
        return page, len(matches), len(matches) >= RANK_WINDOW
    base, args = _by_date(match, filters)
    rows = conn.execute(f"SELECT d.rowid {base} {_NEWEST} LIMIT ?", [*args, want]).fetchall()
    if len(rows) < want:
        return [(int(r[0]), 0.0) for r in rows], len(rows), False
    count = int(
        conn.execute(
            f"SELECT count(*) FROM (SELECT 1 {base} LIMIT ?)", [*args, COUNT_CAP + 1]
        ).fetchone()[0]
    )
    return [(int(r[0]), 0.0) for r in rows], min(count, COUNT_CAP), count > COUNT_CAP


def search(
    conn: sqlite3.Connection,
    query: str,
    filters: Filters | None = None,
    *,
    sort: Sort = "relevance",
    limit: int = 20,
    offset: int = 0,
    facets: bool = False,
    marks: tuple[str, str] = HIGHLIGHT,
) -> SearchResults:
    """Articles matching `query` (all articles if blank) and `filters`, best first.

    The query language is `newsgraph.store.fts_query`'s: words (al-Qaeda, U.S. and Sudan's
    included), "phrases", prefix*, AND, OR, NOT, NEAR(…), parentheses and title:/body: filters.

    `sort="relevance"` ranks by FTS5 bm25 with title x5, standfirst x2, body x1 over the
    `RANK_WINDOW` most recently stored matches, so a query matching half the corpus still
    answers in milliseconds; `total` then counts up to `RANK_WINDOW` (`total_capped` says there
    are more). `sort="date"`, or no query, gives newest published first, counted up to
    `COUNT_CAP`. Snippets (matched words between `marks`) are built for the page only;
    `facets=True` adds the top values of each facet over the first `FACET_SAMPLE` results.
    """
    filters = filters or Filters()
    query = query.strip()
    match = fts_match(query)
    want = max(offset + limit, FACET_SAMPLE if facets else 0)
    try:
        ranked, total, capped = _ranked(conn, match, filters, sort, want)
        hits = page_hits(conn, match, ranked[offset : offset + limit], marks)
        counted = _facets(conn, [r for r, _ in ranked[:FACET_SAMPLE]]) if facets else {}
    except sqlite3.OperationalError as e:
        if match and "locked" not in str(e):
            raise StoreError(f"invalid search query {query!r}: {e}", code=E_QUERY) from e
        raise StoreError(f"search failed: {e}") from e
    return SearchResults(query, total, hits, capped, sort, limit, offset, counted)


def page_hits(
    conn: sqlite3.Connection, match: str, page: list[tuple[int, float]], marks: tuple[str, str]
) -> list[Hit]:
    """The hits of `page` ((rowid, score) pairs), with snippets of the FTS5 expression `match`."""
    if not page:
        return []
    rowids = [r[0] for r in page]
    holes = ",".join("?" * len(rowids))
    rows = {
        r["rowid"]: r
        for r in conn.execute(
            "SELECT rowid, id, title, url, source, published, story_id, duplicate_of, "
            f"substr(coalesce(standfirst, body), 1, {LEAD_CHARS}) AS lead, "
            "length(body) AS chars "
            f"FROM articles WHERE rowid IN ({holes})",
            rowids,
        )
    }
    snippets: dict[int, str] = {}
    if match:
        long = {rowid for rowid, r in rows.items() if (r["chars"] or 0) > SNIPPET_MAX_CHARS}
        short = [rowid for rowid in rowids if rowid not in long]
        if short:
            snippets = {
                r[0]: r[1]
                for r in conn.execute(
                    f"SELECT rowid, snippet(articles_fts, -1, ?, ?, '…', {SNIPPET_TOKENS}) "
                    "FROM articles_fts WHERE articles_fts MATCH ? "
                    f"AND rowid IN ({','.join('?' * len(short))})",
                    [*marks, match, *short],
                )
            }
        snippets.update(_long_snippets(conn, sorted(long), match, marks))
    out = []
    for rowid, score in page:
        r = rows.get(rowid)
        if r is None:
            continue
        out.append(
            Hit(
                r["id"],
                r["title"],
                r["url"],
                r["source"],
                r["published"],
                r["story_id"],
                snippets.get(rowid) or r["lead"] or "",
                float(score),
                r["duplicate_of"],
            )
        )
    return out


def _long_snippets(
    conn: sqlite3.Connection, rowids: list[int], match: str, marks: tuple[str, str]
) -> dict[int, str]:
    """Snippets of articles too long for FTS5's `snippet()`, whose time grows with the square
    of a word's occurrences (a 5 MB body: minutes): the first match of the query's words in
    the title, the standfirst or the body, with about `SNIPPET_TOKENS` words around it. One
    pass of a regular expression; words are matched case-insensitively, as written."""
    if not rowids:
        return {}
    pattern = _words_pattern(match)
    if pattern is None:
        return {}
    out: dict[int, str] = {}
    holes = ",".join("?" * len(rowids))
    sql = f"SELECT rowid, title, standfirst, body FROM articles WHERE rowid IN ({holes})"
    for rowid, *columns in conn.execute(sql, rowids):
        for text in columns:
            found = pattern.search(text or "")
            if found is not None:
                out[rowid] = _window(text, found.start(), found.end(), marks)
                break
    return out


_PHRASE = re.compile(r'"((?:[^"]|"")*)"(\*?)')
_WORD = re.compile(r"\w+")


def _words_pattern(match: str) -> re.Pattern[str] | None:
    """Any phrase of an FTS5 expression (as `fts_match` writes it), as a regular expression."""
    alternatives = []
    for phrase, star in _PHRASE.findall(match):
        words = _WORD.findall(phrase.replace('""', '"'))
        if words:
            body = r"\W+".join(re.escape(w) for w in words)
            end = r"\w*" if star else r"\b"
            alternatives.append(rf"\b{body}{end}")
    if not alternatives:
        return None
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _window(text: str, start: int, end: int, marks: tuple[str, str]) -> str:
    """`text[start:end]` between `marks`, with about half of `SNIPPET_TOKENS` words each side."""
    half = SNIPPET_TOKENS // 2
    reach = 40 * half  # characters looked at each side, enough for `half` ordinary words
    before = text[max(0, start - reach) : start]
    starts = [m.start() for m in _WORD.finditer(before)]
    lead = before[starts[-half] :] if len(starts) >= half else before
    after = text[end : end + reach]
    ends = [m.end() for m in _WORD.finditer(after)]
    tail = after[: ends[half - 1]] if len(ends) >= half else after
    first = start - len(lead)
    opening = "…" if first > 0 else ""
    closing = "…" if end + len(tail) < len(text) else ""
    return f"{opening}{lead}{marks[0]}{text[start:end]}{marks[1]}{tail}{closing}"


_FACETS: dict[str, str] = {
    "entity": (
        "SELECT 'entity' AS facet, e.id AS value, e.name AS label, "
        "COUNT(DISTINCT m.article_id) AS n FROM hits JOIN mentions m ON m.article_id = hits.id "
        "JOIN entities e ON e.id = m.entity_id GROUP BY e.id"
    ),
    "place": (
        "SELECT 'place', p.name, p.name, COUNT(DISTINCT p.article_id) AS n "
        "FROM hits JOIN places p ON p.article_id = hits.id WHERE p.name IS NOT NULL "
        "GROUP BY p.name"
    ),
    "theme": (
        "SELECT 'theme', t.name, t.name, COUNT(DISTINCT t.article_id) AS n "
        "FROM hits JOIN themes t ON t.article_id = hits.id GROUP BY t.name"
    ),
    "event_type": (
        "SELECT 'event_type', v.type, v.type, COUNT(DISTINCT v.article_id) AS n "
        "FROM hits JOIN events v ON v.article_id = hits.id GROUP BY v.type"
    ),
    "source": (
        "SELECT 'source', hits.source, hits.source, COUNT(*) AS n "
        "FROM hits WHERE hits.source IS NOT NULL GROUP BY hits.source"
    ),
}
FACETS = tuple(_FACETS)


def _facets(
    conn: sqlite3.Connection, rowids: list[int], per_facet: int = 8
) -> dict[str, list[FacetValue]]:
    """The top values of every facet over the articles `rowids`, in one statement."""
    if not rowids:
        return {}
    union = " UNION ALL ".join(_FACETS.values())
    rows = conn.execute(
        "WITH hits AS MATERIALIZED (SELECT a.id AS id, a.source AS source FROM articles a "
        "WHERE a.rowid IN (SELECT value FROM json_each(?))), "
        f"counted AS ({union}) "
        "SELECT facet, value, label, n FROM (SELECT *, row_number() OVER ("
        "PARTITION BY facet ORDER BY n DESC, label) AS k FROM counted) WHERE k <= ?",
        [json.dumps(rowids), per_facet],
    ).fetchall()
    out: dict[str, list[FacetValue]] = {name: [] for name in _FACETS}
    for r in rows:
        out[str(r[0])].append(FacetValue(str(r[1]), str(r[2]), int(r[3])))
    return out


def map_places(
    conn: sqlite3.Connection,
    *,
    query: str = "",
    filters: Filters | None = None,
    limit: int = 300,
    offset: int = 0,
    sample: int = 5_000,
) -> list[dict[str, Any]]:
    """Geocoded places aggregated by name (case-insensitive), most-mentioned first.

    With a query or filters, only the newest `sample` articles that `search` finds count.
    """
    filters = filters or Filters()
    match = fts_match(query)
    args: list[Any] = []
    scope = join = ""
    if match or filters != Filters():
        base, args = _by_date(match, filters)
        scope = (
            "WITH hits AS MATERIALIZED (SELECT a.id AS id FROM articles a JOIN "
            f"(SELECT d.rowid AS rid {base} {_NEWEST} LIMIT {int(sample)}) r "
            "ON a.rowid = r.rid) "
        )
        join = "JOIN hits ON hits.id = p.article_id"
    sql = (
        f"{scope}SELECT p.name AS name, max(p.country_code) AS country_code, "
        "avg(p.lat) AS lat, avg(p.lon) AS lon, COUNT(*) AS mentions "
        f"FROM places p {join} WHERE p.name IS NOT NULL AND p.lat IS NOT NULL "
        "AND p.lon IS NOT NULL GROUP BY p.name COLLATE NOCASE "
        "ORDER BY mentions DESC, name LIMIT ? OFFSET ?"
    )
    try:
        return [dict(r) for r in conn.execute(sql, [*args, limit, offset]).fetchall()]
    except sqlite3.OperationalError as e:
        raise StoreError(f"invalid search query {query!r}: {e}", code=E_QUERY) from e
