"""Checking a corpus store: `check(conn) -> CheckReport`, one `Problem` per thing found wrong.

What is checked (each a short name in `Problem.check`):

- `integrity`: SQLite's own `PRAGMA integrity_check` (pages, indexes, constraints).
- `schema`: the store's `user_version` is this newsgraph's latest migration.
- `fts`: the FTS5 index agrees with the articles (`integrity-check` against the content table,
  and one index row per article); `articles_meta` has one row per article.
- `duplicates`: no two articles share an id, a URL or a body hash (an exact copy is never
  stored twice: it only adds an `article_sources` row).
- `orphans`: every fact, source, MinHash row and mention points at a stored article, every
  mention at a stored entity, every near-duplicate at a stored original, every article's story
  exists, and every story still has articles; every article has a source row.

`open_for_check(path)` opens a store without migrating it, so an old store is reported, not
changed. The checks only read; the FTS5 `integrity-check` needs a writable connection and is
skipped (with a note) on a read-only one.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.errors import E_NOT_FOUND as E_MISSING
from newsgraph.errors import E_STORE_OPEN, StoreError
from newsgraph.store.schema import LATEST, version

E_CHECK = E_STORE_OPEN  # the name this module used before the one table in errors.py

FACT_TABLES = (
    "mentions",
    "places",
    "quotes",
    "amounts",
    "dates",
    "themes",
    "events",
    "article_sources",
    "minhash_bands",
    "minhash_signatures",
)

EXAMPLES = 3  # ids quoted per problem


@dataclass(frozen=True, slots=True)
class Problem:
    check: str  # integrity | schema | fts | duplicates | orphans
    message: str  # one line
    count: int = 1

    def line(self) -> str:
        return f"{self.check}: {self.message}"


@dataclass
class CheckReport:
    path: str | None = None
    schema_version: int = 0
    articles: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # checks skipped, and why
    checks: list[str] = field(default_factory=list)  # checks run

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        return [p.line() for p in self.problems]

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["ok"] = self.ok
        return out


def open_for_check(path: str | Path) -> sqlite3.Connection:
    """Open the store at `path` as it is (no migration, nothing created)."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(
            "no corpus store here (run `newsgraph ingest` first)", origin=str(path), code=E_MISSING
        )
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as e:
        raise StoreError(f"cannot open store: {e}", origin=str(path), code=E_CHECK) from e
    return conn


def check(conn: sqlite3.Connection, *, path: str | Path | None = None) -> CheckReport:
    """Run every check on the store behind `conn`; the report lists what is wrong."""
    report = CheckReport(path=str(path) if path is not None else None)
    _integrity(conn, report)
    if any(p.check == "integrity" for p in report.problems):
        with contextlib.suppress(sqlite3.Error):  # the header's version, read all the same
            report.schema_version = version(conn)
        return report  # a damaged file: the other queries would only repeat it
    _schema(conn, report)
    tables = _tables(conn)
    if "articles" not in tables:
        report.problems.append(Problem("schema", "no articles table: not a newsgraph store"))
        return report
    report.articles = _count(conn, "SELECT count(*) FROM articles")
    _fts(conn, report, tables)
    _duplicates(conn, report)
    _orphans(conn, report, tables)
    return report


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _count(conn: sqlite3.Connection, sql: str) -> int:
    return int(conn.execute(sql).fetchone()[0] or 0)


def _examples(values: list[Any]) -> str:
    shown = ", ".join(str(v) for v in values[:EXAMPLES])
    return f" (e.g. {shown})" if shown else ""


def _integrity(conn: sqlite3.Connection, report: CheckReport) -> None:
    report.checks.append("integrity")
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check(20)")]
    except sqlite3.DatabaseError as e:
        report.problems.append(Problem("integrity", f"integrity_check failed: {e}"))
        return
    if rows != ["ok"]:
        for row in rows:
            report.problems.append(Problem("integrity", " ".join(row.split())))


def _schema(conn: sqlite3.Connection, report: CheckReport) -> None:
    report.checks.append("schema")
    report.schema_version = version(conn)
    if report.schema_version != LATEST:
        report.problems.append(
            Problem(
                "schema",
                f"schema version {report.schema_version}, this newsgraph's is {LATEST} "
                "(opening the store with `newsgraph ingest` migrates it)",
            )
        )


def _fts(conn: sqlite3.Connection, report: CheckReport, tables: set[str]) -> None:
    if "articles_fts" not in tables:
        report.problems.append(Problem("fts", "no articles_fts table: search has no index"))
        return
    report.checks.append("fts")
    try:
        # rank = 1: also compare the index with the external content table (articles)
        conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.OperationalError as e:
        if "readonly" in str(e) or "read-only" in str(e):
            report.notes.append("fts integrity-check skipped: the store was opened read-only")
        else:
            report.problems.append(Problem("fts", f"FTS5 integrity-check failed: {e}"))
    except sqlite3.DatabaseError as e:
        report.problems.append(Problem("fts", f"FTS5 index disagrees with the articles: {e}"))
    if "articles_fts_docsize" in tables:
        indexed = _count(conn, "SELECT count(*) FROM articles_fts_docsize")
        if indexed != report.articles:
            report.problems.append(
                Problem(
                    "fts",
                    f"{indexed} rows in the search index for {report.articles} articles",
                    abs(indexed - report.articles),
                )
            )
    if "articles_meta" in tables:
        missing = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM articles a WHERE NOT EXISTS "
                "(SELECT 1 FROM articles_meta m WHERE m.article_rowid = a.rowid) LIMIT 100"
            )
        ]
        extra = _count(
            conn,
            "SELECT count(*) FROM articles_meta m WHERE NOT EXISTS "
            "(SELECT 1 FROM articles a WHERE a.rowid = m.article_rowid)",
        )
        if missing:
            report.problems.append(
                Problem(
                    "fts",
                    f"{len(missing)} articles without an articles_meta row{_examples(missing)}",
                    len(missing),
                )
            )
        if extra:
            report.problems.append(
                Problem("fts", f"{extra} articles_meta rows for missing articles", extra)
            )


_DUPLICATES = (
    ("id", "SELECT id, count(*) FROM articles GROUP BY id HAVING count(*) > 1"),
    (
        "URL",
        "SELECT url, count(*) FROM articles WHERE url IS NOT NULL AND url != '' "
        "GROUP BY url HAVING count(*) > 1",
    ),
    (
        "body hash",
        "SELECT content_hash, count(*) FROM articles GROUP BY content_hash HAVING count(*) > 1",
    ),
)


def _duplicates(conn: sqlite3.Connection, report: CheckReport) -> None:
    report.checks.append("duplicates")
    for what, sql in _DUPLICATES:
        groups = [(str(r[0]), int(r[1])) for r in conn.execute(sql)]
        if groups:
            extra = sum(n - 1 for _, n in groups)
            report.problems.append(
                Problem(
                    "duplicates",
                    f"{extra} articles repeat another's {what}{_examples([g for g, _ in groups])}",
                    extra,
                )
            )


def _orphans(conn: sqlite3.Connection, report: CheckReport, tables: set[str]) -> None:
    report.checks.append("orphans")
    for table in FACT_TABLES:
        if table not in tables:
            continue
        rows = conn.execute(
            f"SELECT DISTINCT article_id FROM {table} t "  # fixed table names
            "WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = t.article_id) LIMIT 100"
        ).fetchall()
        if rows:
            n = _count(
                conn,
                f"SELECT count(*) FROM {table} t "
                "WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = t.article_id)",
            )
            ids = [r[0] for r in rows]
            report.problems.append(
                Problem("orphans", f"{n} {table} rows of missing articles{_examples(ids)}", n)
            )
    _orphan(
        conn,
        report,
        "SELECT DISTINCT entity_id FROM mentions m "
        "WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = m.entity_id)",
        "mentions of missing entities",
        enabled="mentions" in tables and "entities" in tables,
    )
    _orphan(
        conn,
        report,
        "SELECT id FROM articles a WHERE duplicate_of IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM articles o WHERE o.id = a.duplicate_of)",
        "near-duplicates of missing originals",
    )
    _orphan(
        conn,
        report,
        "SELECT id FROM articles a WHERE story_id IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = a.story_id)",
        "articles in missing stories",
        enabled="stories" in tables,
    )
    _orphan(
        conn,
        report,
        "SELECT id FROM stories s "
        "WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id)",
        "stories whose articles are gone",
        enabled="stories" in tables,
    )
    _orphan(
        conn,
        report,
        "SELECT id FROM articles a WHERE NOT EXISTS "
        "(SELECT 1 FROM article_sources s WHERE s.article_id = a.id)",
        "articles without a source row",
        enabled="article_sources" in tables,
    )


def _orphan(
    conn: sqlite3.Connection, report: CheckReport, sql: str, what: str, *, enabled: bool = True
) -> None:
    if not enabled:
        return
    values = [r[0] for r in conn.execute(f"{sql} LIMIT 100")]
    if values:
        n = len(values) if len(values) < 100 else _count(conn, f"SELECT count(*) FROM ({sql})")
        report.problems.append(Problem("orphans", f"{n} {what}{_examples(values)}", n))
