"""Issue 14 item 5: worker processes end with their parent, even when it is killed with SIGKILL.

Children are found through /proc (no psutil): a process whose parent is the one we killed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bench import synth

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (state first), None once it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def alive(pid: int) -> bool:
    fields = _stat(pid)
    return fields is not None and fields[0] not in {"Z", "X"}  # a zombie has ended


def workers_of(parent: int) -> list[int]:
    """Live pool workers (multiprocessing's spawned children) of `parent`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        fields = _stat(int(entry.name))
        if fields is None or fields[1] != str(parent) or not alive(int(entry.name)):
            continue
        try:
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in command:
            found.append(int(entry.name))
    return found


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _end(ingest: subprocess.Popen[Any], workers: list[int]) -> None:
    """Leave nothing of a test's ingest behind, whatever the test found."""
    if ingest.poll() is None:
        ingest.kill()
        ingest.wait()
    for worker in workers:
        if alive(worker):
            os.kill(worker, signal.SIGKILL)


def _python(code: str, **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", code], env=ENV, text=True, **kwargs)  # type: ignore[call-overload]


def test_issue14_item5_a_tied_process_dies_with_its_parent() -> None:
    child = (
        "import os, time; from newsgraph.lifeline import tie_to_parent; "
        "tie_to_parent(os.getppid()); print('tied', flush=True); time.sleep(120)"
    )
    parent = _python(
        "import subprocess, sys, time; "
        f"c = subprocess.Popen([sys.executable, '-c', {child!r}]); "
        "print(c.pid, flush=True); time.sleep(120)",
        stdout=subprocess.PIPE,
    )
    assert parent.stdout is not None
    grandchild = int(parent.stdout.readline())
    assert parent.stdout.readline().strip() == "tied"
    try:
        parent.kill()
        parent.wait()
        assert wait_for(lambda: not alive(grandchild), 5), "the child outlived its parent"
    finally:
        if alive(grandchild):
            os.kill(grandchild, signal.SIGKILL)


def test_issue14_item5_a_parent_that_died_before_the_tie_ends_the_child_at_once() -> None:
    code = "from newsgraph.lifeline import tie_to_parent; tie_to_parent(1); print('alive')"
    result = subprocess.run(
        [sys.executable, "-c", code], env=ENV, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1 and "alive" not in result.stdout


def test_issue14_item5_the_watchdog_ends_an_orphan_where_prctl_is_missing() -> None:
    code = (
        "import time; from newsgraph import lifeline; "
        "lifeline._start_watchdog(1, every=0.05); time.sleep(30); print('alive')"
    )
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", code], env=ENV, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1 and "alive" not in result.stdout
    assert time.monotonic() - started < 25


@pytest.mark.parametrize(
    "backend",
    [
        pytest.param([], id="pool"),
        pytest.param(["--dask", "local"], id="dask-local", marks=pytest.mark.slow),
    ],
)
def test_issue14_item5_killing_ingest_takes_its_worker_processes_along(
    tmp_path: Path, backend: list[str]
) -> None:
    """The pool's workers, and a `--dask local` cluster's (its nannies live in the ingest
    process; each spawns one worker process)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i, record in enumerate(synth.articles(30, seed=3, exact_copy_rate=0.0)):
        (folder / f"{i:02d}.txt").write_text(f"{record.title}\n\n{record.body}\n", "utf-8")
    db = tmp_path / "k.db"
    env = {**ENV, "NEWSGRAPH_SPACY_MODEL": "blank:en", "NEWSGRAPH_WRITE_BATCH": "1"}
    command = "from newsgraph.cli import app, corpus; app()"
    args = ["ingest", str(folder), "--db", str(db), "--workers", "2", "--batch-size", "1"]
    args += backend
    ingest = subprocess.Popen(
        [sys.executable, "-c", command, *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: list[int] = []
    try:
        assert wait_for(lambda: len(workers_of(ingest.pid)) == 2, 90), "no workers started"
        workers = workers_of(ingest.pid)
        assert wait_for(lambda: _stored(db) > 0, 90), "the workers analysed nothing"
        assert ingest.poll() is None, "the ingest ended before it could be killed"
        ingest.send_signal(signal.SIGKILL)
        ingest.wait()
        assert wait_for(lambda: not any(alive(w) for w in workers), 10), (
            f"workers {[w for w in workers if alive(w)]} outlived the killed ingest"
        )
    finally:
        _end(ingest, workers)


def _stored(db: Path) -> int:
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_audit_item4_ctrl_c_stops_ingest_without_a_worker_traceback(tmp_path: Path) -> None:
    """Ctrl-C reaches the whole process group: the workers ignore it, the parent stops them."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i, record in enumerate(synth.articles(40, seed=4, exact_copy_rate=0.0)):
        (folder / f"{i:02d}.txt").write_text(f"{record.title}\n\n{record.body}\n", "utf-8")
    env = {**ENV, "NEWSGRAPH_SPACY_MODEL": "blank:en", "NEWSGRAPH_WRITE_BATCH": "1"}
    command = "from newsgraph.cli import app, corpus; app()"
    args = ["ingest", str(folder), "--db", str(tmp_path / "i.db"), "-w", "2", "--batch-size", "1"]
    ingest = subprocess.Popen(
        [sys.executable, "-c", command, *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    workers: list[int] = []
    try:
        assert wait_for(lambda: len(workers_of(ingest.pid)) == 2, 90), "no workers started"
        workers = workers_of(ingest.pid)
        os.killpg(ingest.pid, signal.SIGINT)
        _, stderr = ingest.communicate(timeout=60)
        assert "Traceback" not in stderr, stderr
        assert len(stderr.strip().splitlines()) <= 2, stderr
        assert wait_for(lambda: not any(alive(w) for w in workers), 10)
    finally:
        _end(ingest, workers)
