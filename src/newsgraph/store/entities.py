"""Storing the corpus's entities: a batch's sums added to the `entities` rows, and its mentions.

The summing is `newsgraph.corpus.entities.merge_batch`; this module only writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from newsgraph.corpus.entities import merge_batch
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

    Runs inside the caller's write transaction: one upsert per entity of the batch.
    """
    rows, mentions = merge_batch(articles)
    if not rows:
        return
    conn.executemany(_UPSERT, rows)
    conn.executemany(
        'INSERT INTO mentions (article_id, article_rowid, entity_id, start, "end", text) '
        "VALUES (?, (SELECT rowid FROM articles WHERE id = ?), ?, ?, ?, ?)",
        [(m.article_id, m.article_id, m.entity_id, m.start, m.end, m.text) for m in mentions],
    )
