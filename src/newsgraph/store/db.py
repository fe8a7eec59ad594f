"""Opening the corpus store: one SQLite file in WAL mode, migrated on open, one writer at a time."""

from __future__ import annotations

import fcntl
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsgraph.errors import StoreError
from newsgraph.store.schema import migrate

DEFAULT_DB = "newsgraph.db"
E_LOCKED = "E303"
E_MISSING = "E304"


def connect(path: str | Path = DEFAULT_DB, *, create: bool = True) -> sqlite3.Connection:
    """Open (and migrate) the store at `path`; `create=False` refuses a missing file."""
    path = Path(path)
    if not create and str(path) != ":memory:" and not path.exists():
        raise StoreError(
            "no corpus store here (run `newsgraph ingest` first)", origin=str(path), code=E_MISSING
        )
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA cache_size = -65536")  # 64 MiB: index updates stay in memory
        # Checkpoint the WAL every 64 MiB rather than 4 MiB: a bulk ingest copies each hot page
        # (FTS segments, indexes) back to the database file, with an fsync, far less often.
        conn.execute("PRAGMA wal_autocheckpoint = 16384")
    except sqlite3.Error as e:
        raise StoreError(f"cannot open store: {e}", origin=str(path)) from e
    migrate(conn, origin=str(path))
    return conn


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
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
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
