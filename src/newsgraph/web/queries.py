"""Read-only queries the web UI needs beyond `newsgraph.store.search`.

Plain, parameter-bound SQL over the store's tables (see `newsgraph.store.schema`). Every list is
bounded by a `limit`; nothing here writes. The store is opened read-only (`mode=ro` URI), one
connection per thread.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from newsgraph.errors import StoreError
from newsgraph.store.fts_query import fts_match
from newsgraph.store.schema import LATEST
from newsgraph.store.search import E_QUERY, Filters

MARK_OPEN = "\ue000"
MARK_CLOSE = "\ue001"
CACHE_SIZE = 64
T = TypeVar("T")
FACET_SAMPLE = 500
"""Facet counts are taken over the first this-many results of a search, in the chosen order."""


def open_readonly(path: str | Path) -> sqlite3.Connection:
    """Open the store at `path` read-only; refuse a missing file or an unknown schema version."""
    path = Path(path)
    if not path.is_file():
        raise StoreError("no corpus store here (run `newsgraph ingest` first)", origin=str(path))
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        found = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error as e:
        raise StoreError(f"cannot open store read-only: {e}", origin=str(path)) from e
    if not 1 <= found <= LATEST:
        conn.close()
        raise StoreError(
            f"not a newsgraph store of a known version (found {found}, this reads 1-{LATEST})",
            origin=str(path),
        )
    return conn


class ReadOnlyStore:
    """One read-only connection per thread to the store at `path`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._cache: dict[Hashable, tuple[tuple[int, ...], Any]] = {}
        open_readonly(self.path).close()  # fail fast at start-up

    def conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = open_readonly(self.path)
            self._local.conn = conn
        return conn

    def signature(self) -> tuple[int, ...]:
        """Changes whenever articles or facts are added (cheap: three index look-ups)."""
        row = (
            self.conn()
            .execute(
                "SELECT (SELECT max(rowid) FROM articles), (SELECT count(*) FROM stories), "
                "(SELECT max(rowid) FROM places)"
            )
            .fetchone()
        )
        return tuple(int(v or 0) for v in row)

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()`, remembered until the store changes (for corpus-wide aggregates)."""
        sig = self.signature()
        with self._lock:
            hit = self._cache.get(key)
        if hit is not None and hit[0] == sig:
            return hit[1]
        value = compute()
        with self._lock:
            if len(self._cache) >= CACHE_SIZE:
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = (sig, value)
        return value


# --- search ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None
    story_id: int | None
    duplicate_of: str | None
    snippet: list[tuple[str, bool]]  # (text, is_match) segments
    score: float


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str
    label: str
    count: int


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


COUNT_CAP = 10_000
"""Totals are counted up to this many matches (`SearchPage.total_capped` says when more)."""

_COLS = "a.id, a.title, a.url, a.source, a.published, a.story_id, a.duplicate_of"


def _rowid_sets(filters: Filters) -> tuple[str, list[Any]]:
    """The filters as ` AND {r} IN (...)` conditions on an article rowid (`{r}` is filled in by
    the caller); each set of rowids is read from an index, never from the wide article rows."""
    where: list[str] = []
    args: list[Any] = []

    def by_id(subquery: str, *values: Any) -> None:
        where.append(f"SELECT x.rowid FROM articles x WHERE x.id IN ({subquery})")
        args.extend(values)

    if filters.entity:
        by_id(
            "SELECT m.article_id FROM mentions m WHERE m.entity_id IN ("
            "SELECT id FROM entities WHERE id = ? OR name = ? COLLATE NOCASE "
            "UNION SELECT e.id FROM entities e, json_each(e.aliases) j "
            "WHERE j.value = ? COLLATE NOCASE)",
            *[filters.entity] * 3,
        )
    if filters.place:
        by_id(
            "SELECT p.article_id FROM places p WHERE p.name = ? COLLATE NOCASE "
            "OR p.text = ? COLLATE NOCASE OR p.country_code = ? COLLATE NOCASE",
            *[filters.place] * 3,
        )
    if filters.theme:
        by_id("SELECT t.article_id FROM themes t WHERE t.name = ? COLLATE NOCASE", filters.theme)
    if filters.event_type:
        by_id(
            "SELECT v.article_id FROM events v WHERE v.type = ? COLLATE NOCASE",
            filters.event_type,
        )
    if filters.since or filters.until:
        where.append("SELECT rowid FROM articles WHERE published >= ? AND published <= ?")
        until = filters.until or "9999"
        args += [filters.since or "", until + ("T99" if len(until) == 10 else "")]
    if filters.source:
        where.append("SELECT rowid FROM articles WHERE source = ? COLLATE NOCASE")
        args.append(filters.source)
    if filters.story is not None:
        where.append("SELECT rowid FROM articles WHERE story_id = ?")
        args.append(filters.story)
    return "".join(f" AND {{r}} IN ({w})" for w in where), args


def _ranked_sql(match: str, filters: Filters, sort: str) -> tuple[str, str, list[Any]]:
    """(ranked, base, args): `ranked` selects `rid` (article rowid) and `score` in page order;
    `base` is the FROM/WHERE part to count matches. `match` is an FTS5 expression from
    `fts_match` ("" for none). No article row is read here."""
    sets, args = _rowid_sets(filters)
    if match and sort != "date":
        base = f"FROM articles_fts WHERE articles_fts MATCH ?{sets.format(r='+rowid')}"
        ranked = (
            f"SELECT rowid AS rid, bm25(articles_fts, 5.0, 2.0, 1.0) AS score {base} "
            "ORDER BY score, rowid"
        )
        return ranked, base, [match, *args]
    if match:  # newest first: walk the date index, keep what the full-text index matched
        matched = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
        base = (
            "FROM articles d INDEXED BY articles_published "
            f"WHERE d.rowid IN ({matched}){sets.format(r='+d.rowid')}"
        )
        args = [match, *args]
    else:
        base = f"FROM articles d INDEXED BY articles_published WHERE 1{sets.format(r='+d.rowid')}"
    ranked = f"SELECT d.rowid AS rid, 0.0 AS score {base} ORDER BY d.published DESC"
    return ranked, base, args


def _page_hits(conn: sqlite3.Connection, match: str, page: list[sqlite3.Row]) -> list[SearchHit]:
    if not page:
        return []
    rowids = [int(r["rid"]) for r in page]
    marks = ",".join("?" * len(rowids))
    if match:
        rows = conn.execute(
            f"SELECT a.rowid AS rid, {_COLS}, snippet(articles_fts, -1, '{MARK_OPEN}', "
            f"'{MARK_CLOSE}', '…', 20) AS snippet FROM articles_fts JOIN articles a "
            "ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ? "
            f"AND articles_fts.rowid IN ({marks})",
            [match, *rowids],
        ).fetchall()
    else:
        rows = conn.execute(
            f"SELECT a.rowid AS rid, {_COLS}, substr(coalesce(a.standfirst, a.body), 1, 240) "
            f"AS snippet FROM articles a WHERE a.rowid IN ({marks})",
            rowids,
        ).fetchall()
    by_rowid = {int(r["rid"]): r for r in rows}
    hits = []
    for ranked in page:
        r = by_rowid.get(int(ranked["rid"]))
        if r is None:
            continue
        hits.append(
            SearchHit(
                id=r["id"],
                title=r["title"],
                url=r["url"],
                source=r["source"],
                published=r["published"],
                story_id=r["story_id"],
                duplicate_of=r["duplicate_of"],
                snippet=split_marks(r["snippet"] or ""),
                score=float(ranked["score"]),
            )
        )
    return hits


def search_page(
    conn: sqlite3.Connection,
    query: str,
    filters: Filters,
    *,
    sort: str = "relevance",
    limit: int = 20,
    offset: int = 0,
    facets: bool = True,
) -> SearchPage:
    """A page of search results with highlighted snippets and facet counts.

    `query` is read by `newsgraph.store.fts_query`, as the CLI's search reads it."""
    query = query.strip()
    match = fts_match(query)
    ranked, base, args = _ranked_sql(match, filters, sort)
    want = max(offset + limit, FACET_SAMPLE if facets else 0)
    try:
        rows = conn.execute(f"{ranked} LIMIT ?", [*args, want]).fetchall()
        if len(rows) < want:
            total = len(rows)
        else:
            total = int(
                conn.execute(
                    f"SELECT count(*) FROM (SELECT 1 {base} LIMIT ?)", [*args, COUNT_CAP + 1]
                ).fetchone()[0]
            )
        hits = _page_hits(conn, match, rows[offset : offset + limit])
        sample = [int(r["rid"]) for r in rows[:FACET_SAMPLE]] if facets else []
        facet_counts = _facets(conn, sample) if sample else {}
    except sqlite3.OperationalError as e:
        if match:
            raise StoreError(f"invalid search query {query!r}: {e}", code=E_QUERY) from e
        raise StoreError(f"search failed: {e}") from e
    result = SearchPage(query, sort, min(total, COUNT_CAP), limit, offset, hits, facet_counts)
    result.total_capped = total > COUNT_CAP
    return result


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


def _facets(
    conn: sqlite3.Connection, rowids: list[int], per_facet: int = 8
) -> dict[str, list[FacetValue]]:
    """The top values of every facet over the articles `rowids`, in one statement."""
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


# --- article -----------------------------------------------------------------------------------


def article_row(conn: sqlite3.Connection, article_id: str) -> sqlite3.Row | None:
    return conn.execute(
        "SELECT id, story_id, duplicate_of FROM articles WHERE id = ?", (article_id,)
    ).fetchone()


def brief_rows(conn: sqlite3.Connection, sql: str, args: list[Any]) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(sql, args).fetchall()]


_BRIEF = "a.id, a.title, a.source, a.published, a.url"


def duplicates(
    conn: sqlite3.Connection, article_id: str, duplicate_of: str | None, *, limit: int = 20
) -> list[dict[str, Any]]:
    """Near-copies of this article (or of the article it copies), this one excluded."""
    root = duplicate_of or article_id
    return brief_rows(
        conn,
        f"SELECT {_BRIEF} FROM articles a WHERE (a.id = ? OR a.duplicate_of = ?) AND a.id != ? "
        "ORDER BY a.published LIMIT ?",
        [root, root, article_id, limit],
    )


def story_mates(
    conn: sqlite3.Connection, story_id: int | None, article_id: str, *, limit: int = 10
) -> list[dict[str, Any]]:
    """Other articles of the same story that are not copies of this one."""
    if story_id is None:
        return []
    return brief_rows(
        conn,
        f"SELECT {_BRIEF} FROM articles a WHERE a.story_id = ? AND a.id != ? "
        "AND a.duplicate_of IS NULL ORDER BY a.published DESC LIMIT ?",
        [story_id, article_id, limit],
    )


# --- entities ----------------------------------------------------------------------------------


def list_entities(
    conn: sqlite3.Connection,
    *,
    prefix: str = "",
    type_: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[dict[str, Any]]]:
    where = ["1"]
    args: list[Any] = []
    if prefix:
        where.append("name LIKE ? ESCAPE '\\' COLLATE NOCASE")
        args.append(prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    if type_:
        where.append("type = ?")
        args.append(type_)
    clause = " AND ".join(where)
    total = int(conn.execute(f"SELECT count(*) FROM entities WHERE {clause}", args).fetchone()[0])
    rows = brief_rows(
        conn,
        "SELECT id, name, type, article_count, mention_count, first_seen, last_seen "
        f"FROM entities WHERE {clause} ORDER BY article_count DESC, name LIMIT ? OFFSET ?",
        [*args, limit, offset],
    )
    return total, rows


ENTITY_SAMPLE = 1000
"""Events, co-mentions, places and quotes about an entity come from its newest this-many
articles, so a page about a very frequent entity stays fast."""

_RECENT = (
    "recent AS MATERIALIZED (SELECT article_id, max(rowid) AS seen FROM mentions "
    f"WHERE entity_id = ? GROUP BY article_id ORDER BY seen DESC LIMIT {ENTITY_SAMPLE})"
)


def entity_events(
    conn: sqlite3.Connection, entity_id: str, *, limit: int = 20, offset: int = 0
) -> list[dict[str, Any]]:
    """Events where the entity is actor or recipient, newest stored first."""
    return brief_rows(
        conn,
        f"WITH {_RECENT}, found AS MATERIALIZED (SELECT v.rowid AS vid, recent.seen "
        "FROM recent JOIN events v ON v.article_id = recent.article_id "
        "WHERE v.actor_id = ? OR v.recipient_id = ? "
        "ORDER BY recent.seen DESC, v.rowid LIMIT ? OFFSET ?) "
        "SELECT v.article_id, v.type, v.trigger, v.actor, v.actor_id, v.recipient, "
        "v.recipient_id, v.place, v.date, v.negated, v.text, a.title, a.published "
        "FROM found JOIN events v ON v.rowid = found.vid JOIN articles a ON a.id = v.article_id "
        "ORDER BY found.seen DESC, found.vid",
        [entity_id, entity_id, entity_id, limit, offset],
    )


def entity_co_mentions(
    conn: sqlite3.Connection, entity_id: str, *, limit: int = 10
) -> list[dict[str, Any]]:
    """Entities named in the same articles, most shared articles first."""
    return brief_rows(
        conn,
        f"WITH {_RECENT} SELECT e.id AS entity_id, e.name, e.type, "
        "COUNT(DISTINCT m.article_id) AS articles FROM recent "
        "JOIN mentions m ON m.article_id = recent.article_id "
        "JOIN entities e ON e.id = m.entity_id WHERE m.entity_id != ? "
        "GROUP BY e.id ORDER BY articles DESC, e.name LIMIT ?",
        [entity_id, entity_id, limit],
    )


def entity_places(
    conn: sqlite3.Connection, entity_id: str, *, limit: int = 15
) -> list[dict[str, Any]]:
    """Places named in articles that mention the entity."""
    return brief_rows(
        conn,
        f"WITH {_RECENT} SELECT coalesce(p.name, p.text) AS name, "
        "max(p.country_code) AS country_code, avg(p.lat) AS lat, avg(p.lon) AS lon, "
        "COUNT(*) AS mentions, COUNT(DISTINCT p.article_id) AS articles "
        "FROM recent JOIN places p ON p.article_id = recent.article_id "
        "GROUP BY name COLLATE NOCASE ORDER BY articles DESC, name LIMIT ?",
        [entity_id, limit],
    )


def entity_quotes_about(
    conn: sqlite3.Connection, entity_id: str, *, limit: int = 10
) -> list[dict[str, Any]]:
    """Quotes by others that name the entity inside the quoted words."""
    return brief_rows(
        conn,
        f"WITH {_RECENT} SELECT q.article_id, q.text, q.speaker, q.speaker_id, q.direct "
        "FROM recent JOIN mentions m ON m.article_id = recent.article_id AND m.entity_id = ? "
        "JOIN quotes q ON q.article_id = m.article_id "
        'AND m.start >= q.start AND m."end" <= q."end" '
        "WHERE (q.speaker_id IS NULL OR q.speaker_id != ?) GROUP BY q.rowid "
        "ORDER BY recent.seen DESC LIMIT ?",
        [entity_id, entity_id, entity_id, limit],
    )


def entity_quotes_by(
    conn: sqlite3.Connection, entity_id: str, *, limit: int = 10
) -> list[dict[str, Any]]:
    return brief_rows(
        conn,
        "SELECT article_id, text, speaker, speaker_id, direct FROM quotes WHERE speaker_id = ? "
        "LIMIT ?",
        [entity_id, limit],
    )


def entity_timeline(conn: sqlite3.Connection, entity_id: str) -> list[tuple[str, int]]:
    """(day, articles) for every publication day of the articles that mention the entity."""
    return [
        (str(r[0]), int(r[1]))
        for r in conn.execute(
            "SELECT substr(d.published, 1, 10) AS day, COUNT(*) "
            "FROM articles d INDEXED BY articles_published WHERE d.rowid IN ("
            "SELECT a.rowid FROM mentions m JOIN articles a ON a.id = m.article_id "
            "WHERE m.entity_id = ?) AND d.published IS NOT NULL GROUP BY day ORDER BY day",
            (entity_id,),
        )
    ]


# --- map ---------------------------------------------------------------------------------------


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

    With a query or filters, only the newest `sample` matching articles count.
    """
    filters = filters or Filters()
    match = fts_match(query)
    if match or filters != Filters():
        ranked, _, args = _ranked_sql(match, filters, "date")
        scope = (
            "WITH hits AS MATERIALIZED (SELECT a.id AS id FROM articles a JOIN "
            f"({ranked} LIMIT {int(sample)}) r ON a.rowid = r.rid) "
        )
        join = "JOIN hits ON hits.id = p.article_id"
    else:
        scope, join, args = "", "", []
    sql = (
        f"{scope}SELECT p.name AS name, max(p.country_code) AS country_code, "
        "avg(p.lat) AS lat, avg(p.lon) AS lon, COUNT(*) AS mentions "
        f"FROM places p {join} WHERE p.name IS NOT NULL AND p.lat IS NOT NULL "
        "AND p.lon IS NOT NULL GROUP BY p.name COLLATE NOCASE "
        "ORDER BY mentions DESC, name LIMIT ? OFFSET ?"
    )
    try:
        return brief_rows(conn, sql, [*args, limit, offset])
    except sqlite3.OperationalError as e:
        raise StoreError(f"invalid search query {query!r}: {e}", code=E_QUERY) from e


def themes(conn: sqlite3.Connection, *, limit: int = 50) -> list[str]:
    return [
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM themes GROUP BY name ORDER BY count(*) DESC LIMIT ?", (limit,)
        )
    ]


# --- stories -----------------------------------------------------------------------------------


def story(conn: sqlite3.Connection, story_id: int) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT id, label, first_seen, last_seen, size FROM stories WHERE id = ?", (story_id,)
    ).fetchone()
    return dict(row) if row else None


def story_articles(
    conn: sqlite3.Connection, story_id: int, *, limit: int = 20, offset: int = 0
) -> list[dict[str, Any]]:
    return brief_rows(
        conn,
        f"SELECT {_BRIEF}, a.duplicate_of FROM articles a WHERE a.story_id = ? "
        "ORDER BY a.published, a.rowid LIMIT ? OFFSET ?",
        [story_id, limit, offset],
    )


def story_timelines(conn: sqlite3.Connection, ids: list[int]) -> dict[int, list[tuple[str, int]]]:
    """Articles per publication day of each story in `ids`."""
    out: dict[int, list[tuple[str, int]]] = {i: [] for i in ids}
    if not ids:
        return out
    marks = ",".join("?" * len(ids))
    for r in conn.execute(
        "SELECT story_id, substr(published, 1, 10) AS day, COUNT(*) FROM articles "
        f"WHERE story_id IN ({marks}) AND published IS NOT NULL "
        "GROUP BY story_id, day ORDER BY day",
        ids,
    ):
        out[int(r[0])].append((str(r[1]), int(r[2])))
    return out


def count_stories(conn: sqlite3.Connection, *, min_size: int = 1) -> int:
    return int(
        conn.execute("SELECT count(*) FROM stories WHERE size >= ?", (min_size,)).fetchone()[0]
    )
