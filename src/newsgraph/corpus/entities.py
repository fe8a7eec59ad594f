"""Entities across the corpus: one canonical row per entity id, merged as articles arrive.

An article's entities (from the entities stage) carry stable ids, so the same person in two
articles is one row in `entities`: its aliases are the union of the names used, `article_count`
and `mention_count` grow, and `first_seen`/`last_seen` span the articles' dates. Every mention is
kept in `mentions` with its offsets. `co_mentions` is the query for entities named together.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from newsgraph.model import Article

_UPSERT = """
INSERT INTO entities (id, name, type, aliases, article_count, mention_count, first_seen, last_seen)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(id) DO UPDATE SET
    article_count = entities.article_count + excluded.article_count,
    mention_count = entities.mention_count + excluded.mention_count,
    aliases = (
        SELECT json_group_array(value) FROM (
            SELECT value FROM json_each(entities.aliases)
            UNION SELECT value FROM json_each(excluded.aliases)
        )
    ),
    first_seen = min(coalesce(entities.first_seen, excluded.first_seen),
                     coalesce(excluded.first_seen, entities.first_seen)),
    last_seen = max(coalesce(entities.last_seen, excluded.last_seen),
                    coalesce(excluded.last_seen, entities.last_seen))
"""


def merge_entities(
    conn: sqlite3.Connection, articles: Sequence[tuple[Article, str | None]]
) -> None:
    """Merge the entities of (article, date seen) pairs into the corpus, with their mentions.

    Runs inside the caller's write transaction. An entity named in several articles of one batch
    is counted once per article; the batch is summed per entity first, so each entity costs one
    upsert however many articles name it.
    """
    merged: dict[str, _Merged] = {}
    mentions: list[tuple[object, ...]] = []
    for article, seen in articles:
        for entity in article.entities:
            found = entity.mentions or []
            names = {entity.name, *entity.aliases, *(m.text for m in found)}
            row = merged.get(entity.id)
            if row is None:
                merged[entity.id] = _Merged(entity.name, entity.type, names, seen)
                row = merged[entity.id]
            else:
                row.add(names, seen)
            row.mentions += max(len(found), 1)
            if found:
                mentions.extend(
                    (article.id, article.id, entity.id, m.start, m.end, m.text) for m in found
                )
            else:
                mentions.append(
                    (article.id, article.id, entity.id, entity.start, entity.end, entity.name)
                )
    if merged:
        conn.executemany(
            _UPSERT,
            [
                (
                    entity_id,
                    m.name,
                    m.type,
                    json.dumps(sorted(m.names - {m.name})),
                    m.articles,
                    m.mentions,
                    m.first,
                    m.last,
                )
                for entity_id, m in merged.items()
            ],
        )
        conn.executemany(
            'INSERT INTO mentions (article_id, article_rowid, entity_id, start, "end", text) '
            "VALUES (?, (SELECT rowid FROM articles WHERE id = ?), ?, ?, ?, ?)",
            mentions,
        )


class _Merged:
    """One entity summed over the articles of a batch that name it."""

    __slots__ = ("articles", "first", "last", "mentions", "name", "names", "type")

    def __init__(self, name: str, type_: str, names: set[str], seen: str | None) -> None:
        self.name, self.type, self.names = name, type_, names
        self.articles, self.mentions = 1, 0
        self.first = self.last = seen

    def add(self, names: set[str], seen: str | None) -> None:
        self.names |= names
        self.articles += 1
        if seen is not None:
            self.first = seen if self.first is None else min(self.first, seen)
            self.last = seen if self.last is None else max(self.last, seen)


@dataclass(frozen=True, slots=True)
class CoMention:
    entity_id: str
    name: str
    type: str
    articles: int


def co_mentions(conn: sqlite3.Connection, entity_id: str, *, limit: int = 10) -> list[CoMention]:
    """Entities named in the same articles as `entity_id`, most shared articles first."""
    rows = conn.execute(
        """
        WITH mine AS (SELECT DISTINCT article_id FROM mentions WHERE entity_id = ?)
        SELECT e.id, e.name, e.type, COUNT(DISTINCT m.article_id) AS n
        FROM mentions m JOIN mine USING (article_id) JOIN entities e ON e.id = m.entity_id
        WHERE m.entity_id != ?
        GROUP BY e.id ORDER BY n DESC, e.name LIMIT ?
        """,
        (entity_id, entity_id, limit),
    ).fetchall()
    return [CoMention(r[0], r[1], r[2], r[3]) for r in rows]
