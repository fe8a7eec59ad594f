"""Storing stories: the pool new articles are compared with, and the `stories` rows.

The clustering is `newsgraph.corpus.stories.assign`; this module reads what it needs and writes
what it decides, inside the caller's write transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from newsgraph.corpus import stories
from newsgraph.model import Article

_CHUNK = 500


def assign_stories(
    conn: sqlite3.Connection,
    articles: Sequence[Article],
    terms: Sequence[stories.Terms] | None = None,
) -> dict[str, int]:
    """Place new `articles` into stories, inside the caller's write transaction.

    Creates or grows their `stories` rows and returns each article's story id, which the caller
    stores with the article (so the wide article row is written once, not updated after).
    """
    if not articles:
        return {}
    fresh = {a.id for a in articles}
    pool = [p for p in _pool(conn) if p.id not in fresh]
    result = stories.assign(
        articles,
        pool,
        next_id=_next_story_id(conn),
        load=lambda ids: (_texts(conn, ids), _entity_ids(conn, ids)),
        terms=terms,
    )
    _write(conn, articles, result)
    return result


def _pool(conn: sqlite3.Connection) -> list[stories.Pooled]:
    """The `stories.POOL` most recently stored articles that have a story."""
    return [
        stories.Pooled(str(r[0]), r[1], r[2])
        for r in conn.execute(
            "SELECT id, published, story_id FROM articles WHERE story_id IS NOT NULL "
            "ORDER BY rowid DESC LIMIT ?",
            (stories.POOL,),
        )
    ]


def _texts(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for chunk_start in range(0, len(ids), _CHUNK):
        chunk = list(ids[chunk_start : chunk_start + _CHUNK])
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(f"SELECT id, text FROM articles WHERE id IN ({marks})", chunk):
            out[row[0]] = row[1]
    return out


def _entity_ids(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for chunk_start in range(0, len(ids), _CHUNK):
        chunk = list(ids[chunk_start : chunk_start + _CHUNK])
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            f"SELECT DISTINCT article_id, entity_id FROM mentions WHERE article_id IN ({marks})",
            chunk,
        ):
            out.setdefault(row[0], []).append(row[1])
    return out


def _next_story_id(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM stories").fetchone()[0])


def _write(conn: sqlite3.Connection, articles: Sequence[Article], result: dict[str, int]) -> None:
    conn.executemany(
        "INSERT INTO stories (id, label, first_seen, last_seen, size) VALUES (?, ?, ?, ?, 1) "
        "ON CONFLICT(id) DO UPDATE SET size = size + 1, "
        "first_seen = min(coalesce(first_seen, excluded.first_seen), "
        "coalesce(excluded.first_seen, first_seen)), "
        "last_seen = max(coalesce(last_seen, excluded.last_seen), "
        "coalesce(excluded.last_seen, last_seen))",
        [
            (
                result[a.id],
                (a.title or a.text[:80]).strip(),
                a.published.isoformat() if a.published else None,
                a.published.isoformat() if a.published else None,
            )
            for a in articles
        ],
    )
