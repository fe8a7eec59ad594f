"""Reading the store: full-text search with filters, articles, entities, stories and stats.

Plain functions over an open connection returning typed records, for the CLI and the web UI.
Every value reaches SQL as a bound parameter. A query is read by `newsgraph.store.fts_query`
(the web UI uses the same translator): plain words are always words, and only a real syntax
error raises `StoreError`, with a one-line message that says how to fix it.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from newsgraph.corpus.entities import CoMention, co_mentions
from newsgraph.errors import StoreError
from newsgraph.model import Article
from newsgraph.store.fts_query import E_QUERY, fts_match

E_NOT_FOUND = "E306"
COUNT_CAP = 10_000
RANK_WINDOW = 2_000
HIGHLIGHT = ("[", "]")


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
    snippet: str
    score: float


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: str
    total: int
    hits: list[Hit]
    total_capped: bool = False


@dataclass(frozen=True, slots=True)
class EntityQuote:
    article_id: str
    text: str
    speaker: str | None
    direct: bool


@dataclass(frozen=True, slots=True)
class EntityRecord:
    id: str
    name: str
    type: str
    aliases: list[str]
    article_count: int
    mention_count: int
    first_seen: str | None
    last_seen: str | None
    timeline: list[tuple[str, int]] = field(default_factory=list)  # (day, articles)
    quotes_by: list[EntityQuote] = field(default_factory=list)
    quotes_about: list[EntityQuote] = field(default_factory=list)
    co_mentions: list[CoMention] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class StoryRecord:
    id: int
    label: str
    first_seen: str | None
    last_seen: str | None
    size: int


@dataclass(frozen=True, slots=True)
class Stats:
    articles: int
    duplicates: int
    sources: int
    entities: int
    mentions: int
    places: int
    quotes: int
    amounts: int
    dates: int
    themes: int
    events: int
    stories: int
    first_published: str | None
    last_published: str | None
    schema_version: int


def _filter_sql(
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
        high = (filters.until or "9999") + (
            "T23:59:59.999999+99:99" if filters.until and len(filters.until) == 10 else ""
        )
        columns.append(("published >= ? AND published <= ?", (filters.since or "", high)))
    if filters.source:
        columns.append(("source = ? COLLATE NOCASE", (filters.source,)))
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


def search(
    conn: sqlite3.Connection,
    query: str,
    filters: Filters | None = None,
    *,
    limit: int = 20,
    offset: int = 0,
) -> SearchResults:
    """Articles matching `query` (all articles if blank) and `filters`, best first.

    The query language is `newsgraph.store.fts_query`'s: words (al-Qaeda, U.S. and Sudan's
    included), "phrases", prefix*, AND, OR, NOT, NEAR(…), parentheses and title:/body: filters.

    Ranking is FTS5 bm25 with title x5, standfirst x2, body x1 (lower is better) over the
    `RANK_WINDOW` most recently stored matches, so a query matching half the corpus still
    answers in milliseconds; without a query, newest first. `total` counts matches up to
    `RANK_WINDOW` with a query, `COUNT_CAP` without (`total_capped` says there are more).
    Snippets are built for the page only.
    """
    filters = filters or Filters()
    query = query.strip()
    match = fts_match(query)
    if match:
        # unary + keeps SQLite from handing `rowid IN (...)` to FTS5 as one lookup per value
        where, args = _filter_sql(filters, "+articles_fts.rowid")
        base = "FROM articles_fts WHERE articles_fts MATCH ?" + "".join(f" AND {w}" for w in where)
        head: list[Any] = [match]
        window = (
            f"SELECT articles_fts.rowid, bm25(articles_fts, 5.0, 2.0, 1.0) {base} "
            f"ORDER BY articles_fts.rowid DESC LIMIT {RANK_WINDOW}"
        )
    else:
        where, args = _filter_sql(filters, "a.rowid", table="a")
        base = "FROM articles a WHERE 1" + "".join(f" AND {w}" for w in where)
        head = []
    try:
        if match:  # one pass: the window of recent matches, ranked here, counted as it comes
            matches = conn.execute(window, [*head, *args]).fetchall()
            ranked = sorted((r[1], -r[0]) for r in matches)
            page = [(-neg_rowid, score) for score, neg_rowid in ranked[offset : offset + limit]]
            total, capped = len(matches), len(matches) >= RANK_WINDOW
        else:
            count = conn.execute(
                f"SELECT count(*) FROM (SELECT 1 {base} LIMIT ?)", [*args, COUNT_CAP + 1]
            ).fetchone()[0]
            total, capped = min(int(count), COUNT_CAP), int(count) > COUNT_CAP
            page = [
                (r[0], 0.0)
                for r in conn.execute(
                    f"SELECT a.rowid {base} ORDER BY a.published DESC, a.rowid DESC "
                    "LIMIT ? OFFSET ?",
                    [*args, limit, offset],
                )
            ]
        hits = _hits(conn, match, page)
    except sqlite3.OperationalError as e:
        if match and "locked" not in str(e):
            raise StoreError(f"invalid search query {query!r}: {e}", code=E_QUERY) from e
        raise StoreError(f"search failed: {e}") from e
    return SearchResults(query=query, total=total, hits=hits, total_capped=capped)


def _hits(conn: sqlite3.Connection, match: str, page: list[tuple[int, float]]) -> list[Hit]:
    """The hits of `page` ((rowid, score) pairs), with snippets of the FTS5 expression `match`."""
    if not page:
        return []
    rowids = [r[0] for r in page]
    marks = ",".join("?" * len(rowids))
    rows = {
        r["rowid"]: r
        for r in conn.execute(
            "SELECT rowid, id, title, url, source, published, story_id, "
            "substr(coalesce(standfirst, body), 1, 200) AS lead "
            f"FROM articles WHERE rowid IN ({marks})",
            rowids,
        )
    }
    snippets: dict[int, str] = {}
    if match:
        snippets = {
            r[0]: r[1]
            for r in conn.execute(
                "SELECT rowid, snippet(articles_fts, -1, ?, ?, '…', 16) FROM articles_fts "
                f"WHERE articles_fts MATCH ? AND rowid IN ({marks})",
                [*HIGHLIGHT, match, *rowids],
            )
        }
    out = []
    for rowid, score in page:
        r = rows[rowid]
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
            )
        )
    return out


def get_article(conn: sqlite3.Connection, article_id: str) -> Article:
    """The stored record of one article."""
    row = conn.execute("SELECT record_json FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise StoreError(f"no article {article_id!r}", code=E_NOT_FOUND)
    return Article.model_validate_json(row[0])


def article_sources(conn: sqlite3.Connection, article_id: str) -> list[dict[str, str]]:
    rows = conn.execute(
        "SELECT url, origin, source, seen_at FROM article_sources WHERE article_id = ? "
        "ORDER BY seen_at",
        (article_id,),
    ).fetchall()
    return [dict(r) for r in rows]


def find_entity(conn: sqlite3.Connection, key: str) -> sqlite3.Row | None:
    """The entity with id `key`, or named `key`, or with `key` among its aliases."""
    for sql, args in (
        ("SELECT * FROM entities WHERE id = ?", (key,)),
        (
            "SELECT * FROM entities WHERE name = ? COLLATE NOCASE ORDER BY article_count DESC",
            (key,),
        ),
        (
            "SELECT e.* FROM entities e, json_each(e.aliases) j WHERE j.value = ? COLLATE NOCASE "
            "ORDER BY e.article_count DESC",
            (key,),
        ),
    ):
        row = conn.execute(sql + " LIMIT 1", args).fetchone()
        if row is not None:
            return row
    return None


def get_entity(conn: sqlite3.Connection, key: str, *, limit: int = 10) -> EntityRecord:
    """An entity by id or name: aliases, counts, timeline by day, quotes, top co-mentions."""
    row = find_entity(conn, key)
    if row is None:
        raise StoreError(f"no entity {key!r} in the store", code=E_NOT_FOUND)
    entity_id = row["id"]
    timeline = [
        (r[0], r[1])
        for r in conn.execute(
            "SELECT substr(coalesce(a.published, a.ingested_at), 1, 10) AS day, "
            "COUNT(DISTINCT a.id) FROM mentions m JOIN articles a ON a.id = m.article_id "
            "WHERE m.entity_id = ? GROUP BY day ORDER BY day",
            (entity_id,),
        )
    ]
    quotes_by = [
        EntityQuote(r[0], r[1], r[2], bool(r[3]))
        for r in conn.execute(
            "SELECT article_id, text, speaker, direct FROM quotes WHERE speaker_id = ? LIMIT ?",
            (entity_id, limit),
        )
    ]
    quotes_about = [
        EntityQuote(r[0], r[1], r[2], bool(r[3]))
        for r in conn.execute(
            "SELECT q.article_id, q.text, q.speaker, q.direct FROM quotes q "
            "WHERE (q.speaker_id IS NULL OR q.speaker_id != ?) AND EXISTS ("
            "SELECT 1 FROM mentions m WHERE m.article_id = q.article_id AND m.entity_id = ? "
            'AND m.start >= q.start AND m."end" <= q."end") LIMIT ?',
            (entity_id, entity_id, limit),
        )
    ]
    return EntityRecord(
        id=entity_id,
        name=row["name"],
        type=row["type"],
        aliases=list(json.loads(row["aliases"] or "[]")),
        article_count=row["article_count"],
        mention_count=row["mention_count"],
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
        timeline=timeline,
        quotes_by=quotes_by,
        quotes_about=quotes_about,
        co_mentions=co_mentions(conn, entity_id, limit=limit),
    )


def list_stories(
    conn: sqlite3.Connection, *, limit: int = 20, offset: int = 0, min_size: int = 1
) -> list[StoryRecord]:
    """Stories, largest and most recent first."""
    rows = conn.execute(
        "SELECT id, label, first_seen, last_seen, size FROM stories WHERE size >= ? "
        "ORDER BY size DESC, last_seen DESC, id LIMIT ? OFFSET ?",
        (min_size, limit, offset),
    ).fetchall()
    return [StoryRecord(r[0], r[1], r[2], r[3], r[4]) for r in rows]


def stats(conn: sqlite3.Connection) -> Stats:
    """Counts of everything in the store."""

    def count(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    span = conn.execute("SELECT min(published), max(published) FROM articles").fetchone()
    return Stats(
        articles=count("SELECT count(*) FROM articles"),
        duplicates=count("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
        sources=count("SELECT count(*) FROM article_sources"),
        entities=count("SELECT count(*) FROM entities"),
        mentions=count("SELECT count(*) FROM mentions"),
        places=count("SELECT count(*) FROM places"),
        quotes=count("SELECT count(*) FROM quotes"),
        amounts=count("SELECT count(*) FROM amounts"),
        dates=count("SELECT count(*) FROM dates"),
        themes=count("SELECT count(*) FROM themes"),
        events=count("SELECT count(*) FROM events"),
        stories=count("SELECT count(*) FROM stories"),
        first_published=span[0],
        last_published=span[1],
        schema_version=count("PRAGMA user_version"),
    )
