"""Issue 14 item 20: disk problems while storing become one line saying what to do."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from newsgraph.errors import StoreError, StoreWriteError
from newsgraph.store.write_errors import EXIT_STORE_WRITE, write_error


def _sqlite_error(message: str, code: int) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return error


def test_issue14_item20_disk_problems_are_named_with_the_folder_to_free(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    full = write_error(_sqlite_error("database or disk is full", 13), db, stored=64)
    assert isinstance(full, StoreWriteError) and full.code == "E310"
    assert full.one_line() == (
        f"{db}: the disk is full (database or disk is full): free space on {tmp_path} and "
        "rerun: stored articles are kept (64 stored in this run) [E310]"
    )
    io = write_error(_sqlite_error("disk I/O error", 778), db, stored=0)  # SQLITE_IOERR_WRITE
    assert io is not None and "cannot write (disk I/O error;" in io.message
    no_space = write_error(OSError(errno.ENOSPC, "No space left on device"), db, stored=1)
    assert no_space is not None and "No space left on device" in no_space.message
    parquet = write_error(OSError(errno.ENOSPC, "No space"), tmp_path, stored=3, parquet=True)
    assert parquet is not None and "rerun into an empty folder" in parquet.message
    assert EXIT_STORE_WRITE == 3


def test_issue14_item20_the_cause_is_found_behind_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        try:
            raise _sqlite_error("database or disk is full", 13)
        except sqlite3.Error as e:
            raise StoreError("migration 6 failed") from e
    assert write_error(caught.value, tmp_path / "n.db", stored=0) is not None


def test_issue14_item20_other_errors_are_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    assert write_error(_sqlite_error("no such table: x", 1), db, stored=0) is None
    assert write_error(OSError(errno.EACCES, "Permission denied"), db, stored=0) is None
    assert write_error(StoreError("another ingest is writing"), db, stored=0) is None
