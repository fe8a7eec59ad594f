"""Read-only queries the web UI needs beyond `newsgraph.store.search`.

Plain, parameter-bound SQL over the store's tables (see `newsgraph.store.schema`). Every list is
bounded by a `limit`; nothing here writes. The store is opened read-only (`mode=ro` URI), one
connection per thread.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from newsgraph.errors import StoreError
from newsgraph.store.schema import LATEST
from newsgraph.store.search import E_QUERY, Filters
from newsgraph.store.search import _filter_sql as filter_sql

MARK_OPEN = "\ue000"
MARK_CLOSE = "\ue001"
FACET_SAMPLE = 2000
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
    if found != LATEST:
        conn.close()
        raise StoreError(
            f"store schema version {found}, expected {LATEST}; open it with `newsgraph ingest`",
            origin=str(path),
        )
    return conn


class ReadOnlyStore:
    """One read-only connection per thread to the store at `path`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        open_readonly(self.path).close()  # fail fast at start-up

    def conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = open_readonly(self.path)
            self._local.conn = conn
        return conn


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


def _hits_sql(query: str, filters: Filters, sort: str) -> tuple[str, str, list[Any]]:
    where, args = filter_sql(filters)
    extra = "".join(f" AND {w}" for w in where)
    cols = "a.id, a.title, a.url, a.source, a.published, a.story_id, a.duplicate_of"
    if query:
        base = (
            "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            f"WHERE articles_fts MATCH ?{extra}"
        )
        select = (
            f"SELECT {cols}, snippet(articles_fts, -1, '{MARK_OPEN}', '{MARK_CLOSE}', '…', 20) "
            f"AS snippet, bm25(articles_fts, 5.0, 2.0, 1.0) AS score {base}"
        )
        order = (
            "ORDER BY a.published DESC, a.rowid DESC"
            if sort == "date"
            else "ORDER BY score, a.published DESC"
        )
        return f"{select} {order}", base, [query, *args]
    base = f"FROM articles a WHERE 1{extra}"
    select = (
        f"SELECT {cols}, substr(coalesce(a.standfirst, a.body), 1, 240) AS snippet, "
        f"0.0 AS score {base} ORDER BY a.published DESC, a.rowid DESC"
    )
    return select, base, args


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
    """A page of search results with highlighted snippets and facet counts."""
    query = query.strip()
    select, base, args = _hits_sql(query, filters, sort)
    try:
        total = int(conn.execute(f"SELECT count(*) {base}", args).fetchone()[0])
        rows = conn.execute(f"{select} LIMIT ? OFFSET ?", [*args, limit, offset]).fetchall()
        facet_counts = _facets(conn, select, args) if facets and total else {}
    except sqlite3.OperationalError as e:
        if query:
            raise StoreError(
                f"invalid search query {query!r}: {e}; quote words with special characters",
                code=E_QUERY,
            ) from e
        raise StoreError(f"search failed: {e}") from e
    hits = [
        SearchHit(
            id=r["id"],
            title=r["title"],
            url=r["url"],
            source=r["source"],
            published=r["published"],
            story_id=r["story_id"],
            duplicate_of=r["duplicate_of"],
            snippet=split_marks(r["snippet"] or ""),
            score=float(r["score"]),
        )
        for r in rows
    ]
    return SearchPage(query, sort, total, limit, offset, hits, facet_counts)


_FACETS: dict[str, str] = {
    "entity": (
        "SELECT e.id AS value, e.name AS label, COUNT(DISTINCT m.article_id) AS n "
        "FROM hits JOIN mentions m ON m.article_id = hits.id "
        "JOIN entities e ON e.id = m.entity_id GROUP BY e.id"
    ),
    "place": (
        "SELECT coalesce(p.name, p.text) AS value, coalesce(p.name, p.text) AS label, "
        "COUNT(DISTINCT p.article_id) AS n FROM hits JOIN places p ON p.article_id = hits.id "
        "GROUP BY value"
    ),
    "theme": (
        "SELECT t.name AS value, t.name AS label, COUNT(DISTINCT t.article_id) AS n "
        "FROM hits JOIN themes t ON t.article_id = hits.id GROUP BY t.name"
    ),
    "event_type": (
        "SELECT v.type AS value, v.type AS label, COUNT(DISTINCT v.article_id) AS n "
        "FROM hits JOIN events v ON v.article_id = hits.id GROUP BY v.type"
    ),
    "source": (
        "SELECT a.source AS value, a.source AS label, COUNT(*) AS n "
        "FROM hits JOIN articles a ON a.id = hits.id WHERE a.source IS NOT NULL "
        "GROUP BY a.source"
    ),
}


def _facets(
    conn: sqlite3.Connection, select: str, args: list[Any], per_facet: int = 8
) -> dict[str, list[FacetValue]]:
    hits = f"WITH hits AS MATERIALIZED (SELECT id FROM ({select} LIMIT {FACET_SAMPLE}))"
    out: dict[str, list[FacetValue]] = {}
    for name, sql in _FACETS.items():
        rows = conn.execute(
            f"{hits} {sql} ORDER BY n DESC, label LIMIT ?", [*args, per_facet]
        ).fetchall()
        out[name] = [FacetValue(str(r["value"]), str(r["label"]), int(r["n"])) for r in rows]
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


def entity_events(
    conn: sqlite3.Connection, entity_id: str, *, limit: int = 20, offset: int = 0
) -> list[dict[str, Any]]:
    """Events where the entity is actor or recipient, newest first."""
    return brief_rows(
        conn,
        "SELECT v.article_id, v.type, v.trigger, v.actor, v.actor_id, v.recipient, "
        "v.recipient_id, v.place, v.date, v.negated, v.text, a.title, a.published "
        "FROM events v JOIN articles a ON a.id = v.article_id "
        "WHERE v.rowid IN (SELECT rowid FROM events WHERE actor_id = ? "
        "UNION SELECT rowid FROM events WHERE recipient_id = ?) "
        "ORDER BY a.published DESC LIMIT ? OFFSET ?",
        [entity_id, entity_id, limit, offset],
    )


def entity_places(
    conn: sqlite3.Connection, entity_id: str, *, limit: int = 15, sample: int = 2000
) -> list[dict[str, Any]]:
    """Places named in articles that mention the entity (its most recent `sample` articles)."""
    return brief_rows(
        conn,
        "WITH mine AS MATERIALIZED (SELECT DISTINCT article_id FROM mentions "
        "WHERE entity_id = ? LIMIT ?) "
        "SELECT coalesce(p.name, p.text) AS name, p.country_code, avg(p.lat) AS lat, "
        "avg(p.lon) AS lon, COUNT(*) AS mentions, COUNT(DISTINCT p.article_id) AS articles "
        "FROM mine JOIN places p ON p.article_id = mine.article_id "
        "GROUP BY name ORDER BY articles DESC, name LIMIT ?",
        [entity_id, sample, limit],
    )


def entity_quotes_about(
    conn: sqlite3.Connection, entity_id: str, *, limit: int = 10
) -> list[dict[str, Any]]:
    """Quotes by others that name the entity inside the quoted words."""
    return brief_rows(
        conn,
        "SELECT q.article_id, q.text, q.speaker, q.speaker_id, q.direct FROM mentions m "
        "JOIN quotes q ON q.article_id = m.article_id AND m.start >= q.start "
        'AND m."end" <= q."end" WHERE m.entity_id = ? '
        "AND (q.speaker_id IS NULL OR q.speaker_id != ?) LIMIT ?",
        [entity_id, entity_id, limit],
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
    """(day, mentions) for every day the entity is mentioned."""
    return [
        (str(r[0]), int(r[1]))
        for r in conn.execute(
            "SELECT substr(coalesce(a.published, a.ingested_at), 1, 10) AS day, COUNT(*) "
            "FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? "
            "GROUP BY day ORDER BY day",
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
    sample: int = 20000,
) -> list[dict[str, Any]]:
    """Geocoded places aggregated by name, most-mentioned first.

    With a query or filters, only the first `sample` matching articles (newest first) count.
    """
    filters = filters or Filters()
    where, args = filter_sql(filters)
    if query.strip() or where:
        select, _, hit_args = _hits_sql(query.strip(), filters, "date")
        scope = f"WITH hits AS MATERIALIZED (SELECT id FROM ({select} LIMIT {int(sample)})) "
        join = "JOIN hits ON hits.id = p.article_id"
        args = hit_args
    else:
        scope, join, args = "", "", []
    sql = (
        f"{scope}SELECT coalesce(p.name, p.text) AS name, p.country_code, "
        "avg(p.lat) AS lat, avg(p.lon) AS lon, COUNT(*) AS mentions, "
        f"COUNT(DISTINCT p.article_id) AS articles FROM places p {join} "
        "WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL "
        "GROUP BY name, p.country_code ORDER BY mentions DESC, name LIMIT ? OFFSET ?"
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
    """Articles per day of each story in `ids`."""
    out: dict[int, list[tuple[str, int]]] = {i: [] for i in ids}
    if not ids:
        return out
    marks = ",".join("?" * len(ids))
    for r in conn.execute(
        "SELECT story_id, substr(coalesce(published, ingested_at), 1, 10) AS day, COUNT(*) "
        f"FROM articles WHERE story_id IN ({marks}) GROUP BY story_id, day ORDER BY day",
        ids,
    ):
        out[int(r[0])].append((str(r[1]), int(r[2])))
    return out


def count_stories(conn: sqlite3.Connection, *, min_size: int = 1) -> int:
    return int(
        conn.execute("SELECT count(*) FROM stories WHERE size >= ?", (min_size,)).fetchone()[0]
    )
