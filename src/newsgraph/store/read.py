"""Reading the store: articles, entities, stories and counts, for the CLI and the web UI.

Plain, parameter-bound, read-only SQL over the store's tables (see `newsgraph.store.schema`),
returning typed records or plain rows. Every list is bounded by a `limit`. Full-text search is
`newsgraph.store.search`.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from newsgraph.errors import E_NOT_FOUND, StoreError
from newsgraph.model import Article

ENTITY_SAMPLE = 1000
"""Events, co-mentions, places and quotes about an entity come from its newest this-many
articles, so a page about a very frequent entity stays fast."""

_RECENT = (
    "recent AS MATERIALIZED (SELECT article_id, max(rowid) AS seen FROM mentions "
    f"WHERE entity_id = ? GROUP BY article_id ORDER BY seen DESC LIMIT {ENTITY_SAMPLE})"
)


@dataclass(frozen=True, slots=True)
class CoMention:
    entity_id: str
    name: str
    type: str
    articles: int


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
    timeline: list[tuple[str, int]] = field(default_factory=list)  # (publication day, articles)
    quotes_by: list[EntityQuote] = field(default_factory=list)
    quotes_about: list[EntityQuote] = field(default_factory=list)
    co_mentions: list[CoMention] = field(default_factory=list)
    # Articles with no publication date: in no day of the timeline, nor in first/last seen
    # (the day an article was stored is no news date).
    undated: int = 0


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


def brief_rows(conn: sqlite3.Connection, sql: str, args: list[Any]) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(sql, args).fetchall()]


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
    timeline = entity_timeline(conn, entity_id)
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
        undated=entity_undated(conn, entity_id),
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


# --- article pages ----------------------------------------------------------------------


def article_row(conn: sqlite3.Connection, article_id: str) -> sqlite3.Row | None:
    return conn.execute(
        "SELECT id, story_id, duplicate_of FROM articles WHERE id = ?", (article_id,)
    ).fetchone()


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


def co_mentions(conn: sqlite3.Connection, entity_id: str, *, limit: int = 10) -> list[CoMention]:
    """Entities named in the same articles as `entity_id` (its newest `ENTITY_SAMPLE`), most
    shared articles first: the one co-mention query of the CLI, the web UI and the library."""
    rows = conn.execute(
        f"WITH {_RECENT} SELECT e.id, e.name, e.type, COUNT(DISTINCT m.article_id) AS n "
        "FROM recent JOIN mentions m ON m.article_id = recent.article_id "
        "JOIN entities e ON e.id = m.entity_id WHERE m.entity_id != ? "
        "GROUP BY e.id ORDER BY n DESC, e.name LIMIT ?",
        [entity_id, entity_id, limit],
    ).fetchall()
    return [CoMention(str(r[0]), str(r[1]), str(r[2]), int(r[3])) for r in rows]


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


def with_speaker_names(db: sqlite3.Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quote rows with `speaker_name`: the name of the entity a speaker ("he") stands for."""
    names: dict[str, str | None] = {}
    for row in rows:
        speaker_id = row.get("speaker_id")
        if speaker_id and speaker_id not in names:
            found = find_entity(db, speaker_id)
            names[speaker_id] = found["name"] if found is not None else None
    return [{**row, "speaker_name": names.get(row.get("speaker_id") or "")} for row in rows]


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


def entity_undated(conn: sqlite3.Connection, entity_id: str) -> int:
    """The articles that mention the entity and have no publication date (in no timeline)."""
    return int(
        conn.execute(
            "SELECT count(*) FROM articles d WHERE d.published IS NULL AND d.id IN ("
            "SELECT m.article_id FROM mentions m WHERE m.entity_id = ?)",
            (entity_id,),
        ).fetchone()[0]
    )


def themes(conn: sqlite3.Connection, *, limit: int = 50) -> list[str]:
    return [
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM themes GROUP BY name ORDER BY count(*) DESC LIMIT ?", (limit,)
        )
    ]


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
