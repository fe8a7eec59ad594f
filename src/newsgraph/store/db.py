"""Opening the corpus store: one SQLite file in WAL mode, migrated on open, one writer at a time;
or read-only (`open_readonly`, `ReadOnlyStore`) for the web UI, one connection per thread."""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from newsgraph.errors import E_LOCKED, E_STORE_NEWER, E_STORE_OPEN, StoreError
from newsgraph.errors import E_NOT_FOUND as E_MISSING
from newsgraph.store.schema import LATEST, migrate

DEFAULT_DB = "newsgraph.db"
Connection = sqlite3.Connection
"""An open store, as callers outside `newsgraph.store` name it (they never import sqlite3)."""
CACHE_SIZE = 64
T = TypeVar("T")
DatabaseError = sqlite3.Error
"""What a caller outside the store catches for a failed database call."""


def connect(path: str | Path = DEFAULT_DB, *, create: bool = True) -> sqlite3.Connection:
    """Open (and migrate) the store at `path`; `create=False` refuses a missing file."""
    path = Path(path)
    if not create and str(path) != ":memory:" and not path.exists():
        raise StoreError(
            "no corpus store here (run `newsgraph ingest` first)", origin=str(path), code=E_MISSING
        )
    if path.is_dir():  # `--db dumps/`: SQLite's own words ("unable to open") say nothing
        raise StoreError(
            f"is a directory: give the store's file name (e.g. {path / DEFAULT_DB})",
            origin=str(path),
            code=E_STORE_OPEN,
        )
    if not create and path.is_file() and path.stat().st_size == 0:  # `touch`ed, or mistyped
        raise StoreError(
            "an empty file, not a corpus store (run `newsgraph ingest` first)",
            origin=str(path),
            code=E_MISSING,
        )
    conn: sqlite3.Connection | None = None
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        _refuse_foreign(conn, path)  # before any pragma writes to the file
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA cache_size = -65536")  # 64 MiB: index updates stay in memory
        # Checkpoint the WAL every 64 MiB rather than 4 MiB: a bulk ingest copies each hot page
        # (FTS segments, indexes) back to the database file, with an fsync, far less often.
        conn.execute("PRAGMA wal_autocheckpoint = 16384")
    except (sqlite3.Error, StoreError) as e:
        if conn is not None:
            conn.close()
        if isinstance(e, StoreError):
            raise
        raise StoreError(f"cannot open store: {e}", origin=str(path), code=E_STORE_OPEN) from e
    migrate(conn, origin=str(path))
    return conn


def _refuse_foreign(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse to make a store of an SQLite database of another program: it has tables of its
    own and no schema version, and the store's tables would be written into it."""
    if int(conn.execute("PRAGMA user_version").fetchone()[0]):
        return
    tables = [
        str(row[0])
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name LIMIT 4"
        )
    ]
    # a store another process is creating this moment has its tables before its version
    if (
        tables
        and not conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles'"
        ).fetchone()
    ):
        shown = ", ".join(tables[:3]) + (" …" if len(tables) > 3 else "")
        raise StoreError(
            f"an SQLite database of another program (tables {shown}), not a newsgraph store: "
            "give --db a new file name",
            origin=str(path),
            code=E_STORE_OPEN,
        )


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: everything inside is committed together or not at all."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextmanager
def writer_lock(path: str | Path) -> Iterator[None]:
    """Hold the store's writer lock (a `.lock` file beside it); fail fast if another holds it.

    The lock is an OS file lock, so a writer killed with SIGKILL releases it.
    """
    lock_path = Path(f"{path}.lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:  # a missing or read-only folder: one line, not a traceback
        raise StoreError(
            f"cannot open store: {e.strerror or e}", origin=str(path), code=E_STORE_OPEN
        ) from e
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            raise StoreError(
                "another ingest is writing to this store; wait for it to finish",
                origin=str(path),
                code=E_LOCKED,
            ) from e
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        yield
    finally:
        os.close(fd)


def open_readonly(path: str | Path) -> sqlite3.Connection:
    """Open the store at `path` read-only; refuse a missing file or an unknown schema version."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(
            "no corpus store here (run `newsgraph ingest` first)", origin=str(path), code=E_MISSING
        )
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        found = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error as e:
        raise StoreError(
            f"cannot open store read-only: {e}", origin=str(path), code=E_STORE_OPEN
        ) from e
    if found == 0 and _no_tables(conn):
        conn.close()
        raise StoreError(
            "an empty file, not a corpus store (run `newsgraph ingest` first)",
            origin=str(path),
            code=E_MISSING,
        )
    if not 1 <= found <= LATEST:
        conn.close()
        raise StoreError(
            f"not a newsgraph store of a known version (found {found}, this reads 1-{LATEST})",
            origin=str(path),
            code=E_STORE_NEWER if found > LATEST else E_STORE_OPEN,
        )
    return conn


def _no_tables(conn: sqlite3.Connection) -> bool:
    try:
        return conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is None
    except sqlite3.Error:
        return False


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
