"""Concurrent use of one store: the web UI reads while an ingest writes; one writer at a time.

- The web app (in-process TestClient) answers every page and API route while an ingest in
  another process commits batch after batch: no errors, no request waiting on the writer, and it
  sees the new articles as they land.
- A second ingest on a store being written fails at once with one clear line (exit 1) and
  changes nothing; the first finishes and the store checks clean.
"""

from __future__ import annotations

import subprocess
import time
import warnings
from pathlib import Path

import pytest
from bench.crash_trials import (
    _committed,
    _env,
    ingest_command,
    ingest_in_process,
    make_corpus,
    store_problems,
)

from newsgraph.errors import StoreError
from newsgraph.store.db import writer_lock

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from newsgraph.web.app import create_app

LIMIT_S = 120  # the whole ingest; a hang fails the test instead of stalling the suite
SLOW_REQUEST_S = 5.0  # no single read may wait this long on the writer

ROUTES = [
    "/",
    "/search?q=council",
    "/search?q=council&sort=date",
    "/entities",
    "/map",
    "/stories",
    "/api/stats",
    "/api/search?q=budget",
    "/api/search?q=&sort=date&limit=50",
    "/api/entities",
    "/api/map",
    "/api/stories",
]


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    """A store holding the first 16 dumps, and a folder of 200 (those 16 included)."""
    first, full = tmp_path / "first", tmp_path / "full"
    make_corpus(full, 200, seed=21)
    first.mkdir()
    for path in sorted(full.iterdir())[:16]:
        (first / path.name).write_bytes(path.read_bytes())
    db = tmp_path / "store.db"
    ingest_in_process(first, db)
    return full, db


def _start_ingest(folder: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        ingest_command(folder, db, batch_size=4),
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_web_reads_while_an_ingest_writes(corpus: tuple[Path, Path]) -> None:
    folder, db = corpus
    client = TestClient(create_app(db, warm_map=False))
    before = client.get("/api/stats").json()["articles"]
    writer = _start_ingest(folder, db)
    statuses: dict[int, int] = {}
    seen: list[int] = []
    slowest = 0.0
    deadline = time.monotonic() + LIMIT_S
    try:
        while writer.poll() is None and time.monotonic() < deadline:
            for route in ROUTES:
                started = time.perf_counter()
                r = client.get(route)
                slowest = max(slowest, time.perf_counter() - started)
                statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
                assert r.status_code == 200, (route, r.status_code, r.text[:300])
                if route == "/api/stats":
                    seen.append(r.json()["articles"])
                newest = client.get("/api/search?q=&sort=date&limit=1").json()["hits"]
                assert len(newest) == 1  # the store holds articles from the start (issue 15)
                assert client.get(f"/articles/{newest[0]['id']}").status_code == 200
    finally:
        if writer.poll() is None:
            writer.kill()
        _, err = writer.communicate()
    assert writer.returncode == 0, err
    final = _committed(db)
    after = client.get("/api/stats").json()["articles"]
    assert after == final > before  # the web app sees the finished ingest at once
    assert seen == sorted(seen)  # counts only grow: every read saw whole batches
    assert len({n for n in seen if before < n < final}) >= 1, seen  # read mid-ingest
    assert sum(statuses.values()) >= len(ROUTES)
    assert slowest < SLOW_REQUEST_S, f"a read waited {slowest:.1f}s on the writer"
    assert store_problems(db) == []


def test_a_second_ingest_fails_fast_with_one_line(corpus: tuple[Path, Path]) -> None:
    folder, db = corpus
    before = _committed(db)
    with writer_lock(db):  # another ingest holds the store
        started = time.monotonic()
        second = subprocess.run(
            ingest_command(folder, db),
            env=_env(),
            capture_output=True,
            text=True,
            timeout=LIMIT_S,
            check=False,
        )
        waited = time.monotonic() - started
    assert second.returncode == 1
    lines = [line for line in second.stderr.splitlines() if line.strip()]
    assert lines == [
        f"error: {db}: another ingest is writing to this store; wait for it to finish [E303]"
    ]
    assert waited < 60  # start-up only: it does not wait for the lock
    assert _committed(db) == before


@pytest.mark.slow  # two ingest processes: about 20 s on the loaded 2-core machine
def test_two_ingest_processes_one_store(corpus: tuple[Path, Path]) -> None:
    folder, db = corpus
    first = _start_ingest(folder, db)
    deadline = time.monotonic() + LIMIT_S
    start = _committed(db)
    while _committed(db) == start and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)  # the first is writing now
    second = _start_ingest(folder, db)
    try:
        _, second_err = second.communicate(timeout=LIMIT_S)
        _, first_err = first.communicate(timeout=LIMIT_S)
    finally:
        for proc in (first, second):
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    assert first.returncode == 0, first_err
    # the second either found the lock held (fails fast, one line) or, if the first had
    # already finished, ran alone and found everything stored
    if second.returncode == 1:
        assert "another ingest is writing to this store" in second_err
        assert len(second_err.strip().splitlines()) == 1
    else:
        assert second.returncode == 0 and "stored 0," in second_err, second_err
    assert store_problems(db) == []


def test_the_lock_is_refused_in_process_too(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    with writer_lock(db), pytest.raises(StoreError, match="E303"), writer_lock(db):
        pass
    with writer_lock(db):  # released on exit: taken again at once
        pass
