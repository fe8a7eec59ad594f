"""The ingest job: idempotent, resumable after SIGKILL, one writer at a time."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bench import synth

from newsgraph.errors import StoreError
from newsgraph.job import ingest
from newsgraph.store.db import writer_lock

ROOT = Path(__file__).resolve().parents[1]


def write_inputs(folder: Path, n: int, *, seed: int = 11) -> list[Path]:
    """`n` plain-text article files (headline, then paragraphs), all different."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, record in enumerate(
        synth.articles(n, seed=seed, exact_copy_rate=0.0, near_copy_rate=0.0)
    ):
        path = folder / f"{i:04d}.txt"
        path.write_text(f"{record.title} [{i}]\n\n{record.body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        return {
            "articles": conn.execute("SELECT count(*) FROM articles").fetchone()[0],
            "distinct": conn.execute(
                "SELECT count(DISTINCT content_hash) FROM articles"
            ).fetchone()[0],
            "sources": conn.execute("SELECT count(*) FROM article_sources").fetchone()[0],
            "fts": conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0],
            "in_stories": conn.execute("SELECT coalesce(sum(size), 0) FROM stories").fetchone()[0],
            "bands": conn.execute("SELECT count(*) FROM minhash_bands").fetchone()[0],
            "signatures": conn.execute("SELECT count(*) FROM minhash_signatures").fetchone()[0],
        }
    finally:
        conn.close()


def test_ingest_stores_each_article_once_and_a_rerun_adds_nothing(tmp_path: Path) -> None:
    paths = write_inputs(tmp_path / "in", 12)
    copy = tmp_path / "in" / "copy.txt"
    copy.write_text(paths[3].read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "c.db"
    first = ingest([str(tmp_path / "in")], db=db, nlp=False, batch_size=5)
    assert (first.read, first.stored, first.duplicates, first.failed) == (13, 12, 1, [])
    second = ingest([str(tmp_path / "in")], db=db, nlp=False)
    assert (second.stored, second.duplicates, second.already_stored) == (0, 0, 13)
    c = counts(db)
    assert c["articles"] == c["distinct"] == c["fts"] == c["in_stories"] == 12
    assert c["sources"] == 13


def test_unreadable_inputs_are_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    write_inputs(tmp_path / "in", 3)
    summary = ingest(
        [str(tmp_path / "in"), str(tmp_path / "missing.txt")], db=tmp_path / "c.db", nlp=False
    )
    assert summary.stored == 3
    assert len(summary.failed) == 1
    assert "missing.txt" in summary.failed[0][1]


def test_a_folder_holding_the_store_does_not_read_the_stores_own_files(tmp_path: Path) -> None:
    write_inputs(tmp_path, 3)
    (tmp_path / "notes.db").write_bytes(b"SQLite format 3\x00" + bytes(200))  # not the store
    first = ingest([str(tmp_path)], db=tmp_path / "here.db", nlp=False)
    again = ingest([str(tmp_path)], db=tmp_path / "here.db", nlp=False)
    assert (first.stored, again.already_stored) == (3, 3)
    # the store, its journal and its lock are skipped; another database is still an input
    for summary in (first, again):
        assert [origin.rsplit("/", 1)[-1] for origin, _ in summary.failed] == ["notes.db"]
        assert summary.total == 4  # counted up front: the three articles and notes.db


def test_a_second_writer_fails_fast_with_a_clear_message(tmp_path: Path) -> None:
    write_inputs(tmp_path / "in", 2)
    db = tmp_path / "c.db"
    with writer_lock(db), pytest.raises(StoreError, match="another ingest is writing"):
        ingest([str(tmp_path / "in")], db=db, nlp=False)


def test_killed_with_sigkill_a_rerun_finishes_with_nothing_lost_or_doubled(
    tmp_path: Path,
) -> None:
    n = 1000  # several write transactions of WRITE_BATCH articles
    write_inputs(tmp_path / "in", n, seed=21)
    db = tmp_path / "k.db"
    command = [
        sys.executable,
        "-c",
        "from newsgraph.cli import app, corpus; app()",
        "ingest",
        str(tmp_path / "in"),
        "--db",
        str(db),
        "--no-nlp",
        "--batch-size",
        "4",
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
        try:
            conn = sqlite3.connect(db, timeout=0.1)
            stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            conn.close()
        except sqlite3.Error:
            continue
        if stored >= 20:
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"
    assert 0 < counts(db)["articles"] < n
    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    c = counts(db)
    assert c["articles"] == c["distinct"] == c["fts"] == c["in_stories"] == c["signatures"] == n
    assert c["sources"] == n
    assert c["bands"] == n * 16


@pytest.mark.slow
def test_ingest_with_the_analysis_in_worker_processes(tmp_path: Path) -> None:
    write_inputs(tmp_path / "in", 4, seed=31)
    db = tmp_path / "nlp.db"
    summary = ingest([str(tmp_path / "in")], db=db, workers=2, batch_size=2)
    assert (summary.stored, summary.failed) == (4, [])
    c = counts(db)
    assert c["articles"] == c["fts"] == c["in_stories"] == 4
    again = ingest([str(tmp_path / "in")], db=db, workers=2)
    assert again.already_stored == 4 and again.stored == 0


def test_quick_batches_are_joined_into_larger_writes_in_order() -> None:
    from newsgraph.job import _grouped

    records = list(synth.articles(10, seed=4))
    batches = [records[i : i + 3] for i in range(0, 10, 3)]  # 3, 3, 3, 1
    items = ((b, (b, [None] * len(b))) for b in batches)
    writes = list(_grouped(items, 5, every=60.0))
    assert [len(batch) for batch, _ in writes] == [6, 4]
    assert [a.id for batch, _ in writes for a in batch] == [a.id for a in records]
    assert all(len(ready) == len(prep) == len(batch) for batch, (ready, prep) in writes)


def test_slow_batches_are_written_one_by_one() -> None:
    from newsgraph.job import _grouped

    records = list(synth.articles(6, seed=4))
    batches = [records[i : i + 2] for i in range(0, 6, 2)]
    items = ((b, (b, [None] * len(b))) for b in batches)
    assert [len(batch) for batch, _ in _grouped(items, 100, every=0.0)] == [2, 2, 2]


def test_issue14_item18_progress_says_loading_model_then_counts_to_a_total(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSGRAPH_SPACY_MODEL", "blank:en")
    write_inputs(tmp_path / "in", 3, seed=41)
    (tmp_path / "in" / "empty.txt").write_text("")
    seen: list[tuple[str, int | None, int]] = []
    summary = ingest(
        [str(tmp_path / "in")],
        db=tmp_path / "p.db",
        workers=1,
        batch_size=1,
        on_progress=lambda s: seen.append((s.phase, s.total, s.done)),
    )
    assert summary.stored == 3 and len(summary.failed) == 1
    assert seen[0] == ("loading model", 4, 0)  # before the model loads
    assert seen[-1] == ("ingesting", 4, 4)  # 3 articles and the empty file
    assert all(total == 4 for _, total, _ in seen)


def test_issue14_item18_without_nlp_there_is_no_model_to_wait_for(tmp_path: Path) -> None:
    write_inputs(tmp_path / "in", 2)
    phases: list[str] = []
    ingest(
        [str(tmp_path / "in")],
        db=tmp_path / "p.db",
        nlp=False,
        on_progress=lambda s: phases.append(s.phase),
    )
    assert phases and set(phases) == {"ingesting"}


def test_issue15_ingest_hands_its_settings_to_the_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: the workers loaded the model of the environment (and ran every stage), whatever
    the settings given to `ingest`."""
    from newsgraph.settings import Settings
    from newsgraph.store.export import export

    monkeypatch.setenv("NEWSGRAPH_SPACY_MODEL", "no_such_model_installed")  # inherited
    write_inputs(tmp_path / "in", 4, seed=43)
    settings = Settings(spacy_model="blank:en", stages=("dates", "themes"), write_batch=2)
    db = tmp_path / "s.db"
    summary = ingest([str(tmp_path / "in")], db=db, workers=2, batch_size=2, settings=settings)
    assert summary.stored == 4 and not summary.failed
    out = tmp_path / "out.jsonl"
    conn = sqlite3.connect(db)
    try:
        export(conn, "jsonl", out)
    finally:
        conn.close()
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 4
    assert all(r["entities"] == [] and r["tone"] is None and not r["errors"] for r in records)


def test_issue15_ingest_refuses_a_bad_stage_order_before_starting(tmp_path: Path) -> None:
    from newsgraph.errors import StageFailure
    from newsgraph.settings import Settings

    write_inputs(tmp_path / "in", 1)
    bad = Settings(spacy_model="blank:en", stages=("quotes",))
    with pytest.raises(StageFailure, match="put 'entities' before 'quotes'"):
        ingest([str(tmp_path / "in")], db=tmp_path / "b.db", workers=2, settings=bad)
