"""A full disk (or a refused write) while storing, told in one line with what to do.

SQLite reports a full disk as SQLITE_FULL ("database or disk is full"); a file size limit or a
disk quota reaches it as an I/O error on write. The store is transactional, so what was
committed before stays intact and a rerun with space finishes the job: the message says so,
names the store and the folder to free, and `newsgraph ingest` exits with
`EXIT_STORE_WRITE` (3).
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from newsgraph.errors import StoreWriteError

EXIT_STORE_WRITE = 3  # `newsgraph ingest`: the store could not be written (disk full, I/O)

_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
_SQLITE_FULL = 13
_SQLITE_IOERR = 10


def _cause(error: BaseException) -> tuple[str, str] | None:
    """("full" | "io", detail) for the first disk problem in `error`'s chain, else None."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, sqlite3.Error):
            code = getattr(current, "sqlite_errorcode", None)
            if code is not None and code & 0xFF == _SQLITE_FULL:
                return "full", str(current)
            if code is not None and code & 0xFF == _SQLITE_IOERR:
                return "io", str(current)
        elif isinstance(current, OSError) and current.errno in _FULL_ERRNOS:
            return "full", current.strerror or str(current)
        current = current.__cause__ or current.__context__
    return None


def write_error(
    error: BaseException, target: Path, *, stored: int, parquet: bool = False
) -> StoreWriteError | None:
    """The one-line error for a disk problem behind `error` while writing `target` (a store
    file or a Parquet folder), or None when `error` is something else."""
    cause = _cause(error)
    if cause is None:
        return None
    kind, detail = cause
    folder = (target if parquet else target.parent).resolve()
    what = "the disk is full" if kind == "full" else "cannot write"
    if parquet:
        keep = "the partitions written are complete; rerun into an empty folder"
        return StoreWriteError(
            f"{what} ({detail}): free space on {folder}; {keep}", origin=str(target)
        )
    if kind == "io":
        detail += "; a full disk or a file size limit gives this too"
    return StoreWriteError(
        f"{what} ({detail}): free space on {folder} and rerun: stored articles are kept "
        f"({stored} stored in this run)",
        origin=str(target),
    )
