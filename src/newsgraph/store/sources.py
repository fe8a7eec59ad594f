"""The SQL of `newsgraph watch`: the `sources` it polls and the `seen_urls` it has dealt with.

A source is a feed or a sitemap (they list article links), or a container of sources (an OPML
file, a text file of URLs) whose entries are registered as its children. Each row keeps what
the next fetch needs (ETag, Last-Modified, when it is due) and the source's health (last
success, last error, consecutive failures, articles stored), so a restarted watch resumes where
the last one stopped. Times are ISO 8601 strings in UTC, compared as strings.

A link counts as seen (never fetched again) when `seen_urls` holds it with a final status, or
when `article_sources` holds it as an article's origin or URL: the article and its
`article_sources` row are written in one transaction, so a process killed between storing an
article and noting it here still never fetches that link again. A link whose fetch failed for
now (`retry`) is tried again in later rounds, up to `RETRY_ATTEMPTS` times in all.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from newsgraph.store.db import transaction

SourceKind = Literal["feed", "sitemap", "opml", "list"]
KINDS: tuple[SourceKind, ...] = ("feed", "sitemap", "opml", "list")
CONTAINERS: frozenset[str] = frozenset({"opml", "list"})
LISTINGS: frozenset[str] = frozenset({"feed", "sitemap"})
SeenStatus = Literal["stored", "duplicate", "failed", "retry"]
RETRY_ATTEMPTS = 3  # a link that failed for now is fetched at most this many times in all
RATE_DAYS = 7  # articles per day are counted over the last week (or the source's age)
_CHUNK = 500  # values per `IN (...)`: well under SQLite's limit on bound parameters


@dataclass(frozen=True, slots=True)
class Source:
    """What one fetch of a source needs from its row."""

    id: int
    url: str
    kind: SourceKind
    parent_id: int | None
    etag: str | None
    last_modified: str | None
    last_success: str | None
    consecutive_failures: int


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What one fetch of a source came to, as `record_fetch` stores it.

    A success (`ok`) clears the failure count and the due time and keeps the validators the
    server sent (both kept as they were on a 304, `not_modified`); a failure counts one more,
    notes the error and sets `next_due` (the back-off, or what Retry-After asked)."""

    at: str
    ok: bool
    status: int | None = None
    kind: SourceKind | None = None  # what the body turned out to be (None: unchanged)
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    error: str | None = None
    next_due: str | None = None


@dataclass(frozen=True, slots=True)
class Seen:
    """One article link dealt with: its status, the stored article's id, or the error."""

    url: str
    source_id: int | None
    status: SeenStatus
    article_id: str | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class SourceHealth:
    """One source as `newsgraph sources` and the Sources page show it.

    `status`: "new" (never fetched), "ok", "failing" (failed last time, due again), "backing
    off" (failed, not due before `next_due`) or "inactive" (no longer listed by its container).
    `articles_per_day`: articles stored from it over the last `RATE_DAYS` days, or since it was
    added when that is shorter (at least one day), per day; None for a container."""

    id: int
    url: str
    kind: SourceKind
    parent: str | None
    status: str
    last_fetched: str | None
    last_success: str | None
    last_new_article: str | None
    last_error: str | None
    last_error_at: str | None
    consecutive_failures: int
    next_due: str | None
    articles: int
    articles_per_day: float | None


def has_sources(conn: sqlite3.Connection) -> bool:
    """Whether the store has the watch tables (a store older than schema 8 opened read-only
    does not)."""
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sources'"
    ).fetchone()
    return row is not None


def add_sources(
    conn: sqlite3.Connection,
    entries: Sequence[tuple[str, SourceKind]],
    *,
    now: str,
    parent_id: int | None = None,
) -> list[int]:
    """Register sources as (url, kind); a URL already known keeps its state and its kind (the
    kind is corrected from the body on each fetch) and is made active again. Returns the ids in
    the order of `entries`."""
    ids: list[int] = []
    with transaction(conn):
        for url, kind in entries:
            conn.execute(
                "INSERT INTO sources (url, kind, parent_id, added_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(url) DO UPDATE SET active = 1",
                (url, kind, parent_id, now),
            )
            ids.append(
                int(conn.execute("SELECT id FROM sources WHERE url = ?", (url,)).fetchone()[0])
            )
    return ids


def set_children(
    conn: sqlite3.Connection,
    parent_id: int,
    entries: Sequence[tuple[str, SourceKind]],
    *,
    now: str,
) -> list[int]:
    """Make `entries` the active children of the container `parent_id`: new ones are added,
    those it no longer lists become inactive (kept with their history, polled no more)."""
    ids = add_sources(conn, entries, now=now, parent_id=parent_id)
    with transaction(conn):
        conn.execute(
            "UPDATE sources SET active = 0 WHERE parent_id = ? AND id NOT IN "
            "(SELECT value FROM json_each(?))",
            (parent_id, _json_ids(ids)),
        )
    return ids


def remove_sources(conn: sqlite3.Connection, urls: Sequence[str]) -> int:
    """Forget these sources (their children go with them; the links they led to stay seen).
    Returns how many were removed."""
    with transaction(conn):
        cursor = conn.execute(
            "DELETE FROM sources WHERE url IN (SELECT value FROM json_each(?))",
            (json.dumps(list(urls)),),
        )
    return cursor.rowcount


def count_active(conn: sqlite3.Connection) -> int:
    """How many sources are polled (active)."""
    return int(conn.execute("SELECT count(*) FROM sources WHERE active = 1").fetchone()[0])


def due_sources(
    conn: sqlite3.Connection,
    *,
    now: str,
    kinds: frozenset[str],
    roots: Sequence[int] | None = None,
) -> list[Source]:
    """Active sources of `kinds` due at `now`: every one in the store, or only `roots` and the
    sources their containers list (recursively). In the order they were added."""
    columns = (
        "s.id, s.url, s.kind, s.parent_id, s.etag, s.last_modified, s.last_success, "
        "s.consecutive_failures"
    )
    rows = _select(conn, columns, "(s.next_due IS NULL OR s.next_due <= ?)", now, kinds, roots)
    return [Source(*row) for row in rows]


def count_waiting(
    conn: sqlite3.Connection,
    *,
    now: str,
    kinds: frozenset[str],
    roots: Sequence[int] | None = None,
) -> int:
    """How many active sources of `kinds` (under `roots`) are not due before a later time."""
    rows = _select(conn, "count(*)", "s.next_due > ?", now, kinds, roots)
    return int(rows[0][0])


def _select(
    conn: sqlite3.Connection,
    columns: str,
    when: str,
    now: str,
    kinds: frozenset[str],
    roots: Sequence[int] | None,
) -> list[sqlite3.Row]:
    marks = ",".join("?" * len(kinds))
    where = f"s.active = 1 AND s.kind IN ({marks}) AND {when}"
    if roots is None:
        return conn.execute(
            f"SELECT {columns} FROM sources s WHERE {where} ORDER BY s.id", (*sorted(kinds), now)
        ).fetchall()
    return conn.execute(
        "WITH RECURSIVE tree(id) AS ("
        "SELECT value FROM json_each(?) "
        "UNION SELECT c.id FROM sources c JOIN tree t ON c.parent_id = t.id WHERE c.active = 1"
        f") SELECT {columns} FROM sources s JOIN tree t ON t.id = s.id WHERE {where} "
        "ORDER BY s.id",
        (_json_ids(roots), *sorted(kinds), now),
    ).fetchall()


def _json_ids(ids: Sequence[int]) -> str:
    return "[" + ",".join(str(int(i)) for i in ids) + "]"


def record_fetch(conn: sqlite3.Connection, source_id: int, result: FetchResult) -> None:
    """Store what a fetch of `source_id` came to (see `FetchResult`)."""
    with transaction(conn):
        if result.ok:
            conn.execute(
                "UPDATE sources SET kind = coalesce(?, kind), last_fetched = ?, last_status = ?, "
                "last_success = ?, consecutive_failures = 0, next_due = NULL, "
                "etag = CASE WHEN ? THEN etag ELSE ? END, "
                "last_modified = CASE WHEN ? THEN last_modified ELSE ? END WHERE id = ?",
                (
                    result.kind,
                    result.at,
                    result.status,
                    result.at,
                    result.not_modified,
                    result.etag,
                    result.not_modified,
                    result.last_modified,
                    source_id,
                ),
            )
        else:
            conn.execute(
                "UPDATE sources SET kind = coalesce(?, kind), last_fetched = ?, last_status = ?, "
                "last_error = ?, last_error_at = ?, "
                "consecutive_failures = consecutive_failures + 1, next_due = ? WHERE id = ?",
                (
                    result.kind,
                    result.at,
                    result.status,
                    result.error,
                    result.at,
                    result.next_due,
                    source_id,
                ),
            )


def keep_validators(
    conn: sqlite3.Connection, source_id: int, etag: str | None, last_modified: str | None
) -> None:
    """Store a listing's validators once every link it gave was dealt with (the watch sends
    them back as If-None-Match / If-Modified-Since)."""
    with transaction(conn):
        conn.execute(
            "UPDATE sources SET etag = ?, last_modified = ? WHERE id = ?",
            (etag, last_modified, source_id),
        )


def unseen(conn: sqlite3.Connection, urls: Sequence[str]) -> list[str]:
    """The links of `urls` not dealt with yet (see the module's docstring), in order, each once."""
    wanted = list(dict.fromkeys(urls))
    known: set[str] = set()
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        known.update(
            str(row[0])
            for row in conn.execute(
                f"SELECT url FROM seen_urls WHERE url IN ({marks}) "
                "AND (status != 'retry' OR attempts >= ?) "
                f"UNION SELECT origin FROM article_sources WHERE origin IN ({marks}) "
                f"UNION SELECT url FROM article_sources WHERE url IN ({marks})",
                (*chunk, RETRY_ATTEMPTS, *chunk, *chunk),
            )
        )
    return [url for url in wanted if url not in known]


def stored_from(conn: sqlite3.Connection, links: Sequence[tuple[str, str]]) -> set[str]:
    """Which of the (article id, link) pairs were stored from that link: the article row is
    theirs (a duplicate of an article stored earlier, from elsewhere, is not)."""
    found: set[tuple[str, str]] = set()
    ids = list(dict.fromkeys(article_id for article_id, _ in links))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        found.update(
            (str(r[0]), str(r[1]))
            for r in conn.execute(f"SELECT id, origin FROM articles WHERE id IN ({marks})", chunk)
        )
    return {link for article_id, link in links if (article_id, link) in found}


def mark_seen(conn: sqlite3.Connection, rows: Sequence[Seen], *, now: str) -> None:
    """Note how each link was dealt with, and count the stored ones on their sources (in one
    transaction). A link noted again counts one more attempt; a `retry` that reaches
    `RETRY_ATTEMPTS` becomes `failed`."""
    if not rows:
        return
    stored: dict[int, int] = {}
    with transaction(conn):
        for row in rows:
            conn.execute(
                "INSERT INTO seen_urls (url, source_id, status, article_id, error, seen_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET "
                "status = CASE WHEN excluded.status = 'retry' AND seen_urls.attempts + 1 >= ? "
                "THEN 'failed' ELSE excluded.status END, "
                "attempts = seen_urls.attempts + 1, error = excluded.error, "
                "article_id = coalesce(excluded.article_id, seen_urls.article_id), "
                "source_id = coalesce(seen_urls.source_id, excluded.source_id), "
                "seen_at = excluded.seen_at",
                (
                    row.url,
                    row.source_id,
                    row.status,
                    row.article_id,
                    row.error,
                    now,
                    RETRY_ATTEMPTS,
                ),
            )
            if row.status == "stored" and row.source_id is not None:
                stored[row.source_id] = stored.get(row.source_id, 0) + 1
        conn.executemany(
            "UPDATE sources SET articles = articles + ?, "
            "last_new_article = max(coalesce(last_new_article, ''), ?) WHERE id = ?",
            [(count, now, source_id) for source_id, count in stored.items()],
        )


def _status(
    active: bool, last_fetched: str | None, failures: int, next_due: str | None, now: str
) -> str:
    if not active:
        return "inactive"
    if last_fetched is None:
        return "new"
    if failures == 0:
        return "ok"
    return "backing off" if next_due is not None and next_due > now else "failing"


def list_sources(conn: sqlite3.Connection, *, now: datetime) -> list[SourceHealth]:
    """Every source with its health, in the order they were added (empty on a store without
    the watch tables)."""
    if not has_sources(conn):
        return []
    now_iso = now.isoformat(timespec="seconds")
    since = (now - timedelta(days=RATE_DAYS)).isoformat(timespec="seconds")
    rows = conn.execute(
        "SELECT s.id, s.url, s.kind, p.url, s.active, s.added_at, s.last_fetched, "
        "s.last_success, s.last_new_article, s.last_error, s.last_error_at, "
        "s.consecutive_failures, s.next_due, s.articles, "
        "(SELECT count(*) FROM seen_urls u WHERE u.source_id = s.id AND u.status = 'stored' "
        "AND u.seen_at >= ?) "
        "FROM sources s LEFT JOIN sources p ON p.id = s.parent_id ORDER BY s.id",
        (since,),
    ).fetchall()
    out = []
    for row in rows:
        (id_, url, kind, parent, active, added, fetched, success, new, error) = row[:10]
        error_at, failures, next_due, articles, recent = row[10:]
        per_day: float | None = None
        if kind in LISTINGS:
            age_days = (now - datetime.fromisoformat(added)).total_seconds() / 86400
            per_day = round(recent / max(1.0, min(float(RATE_DAYS), age_days)), 2)
        out.append(
            SourceHealth(
                id=int(id_),
                url=url,
                kind=kind,
                parent=parent,
                status=_status(bool(active), fetched, int(failures), next_due, now_iso),
                last_fetched=fetched,
                last_success=success,
                last_new_article=new,
                last_error=error,
                last_error_at=error_at,
                consecutive_failures=int(failures),
                next_due=next_due,
                articles=int(articles),
                articles_per_day=per_day,
            )
        )
    return out
