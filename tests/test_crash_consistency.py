"""SIGKILL during `newsgraph ingest`, then a rerun: the store ends as a clean run leaves it.

A few trials here (bench/crash_trials.py runs 50): each kills the ingest subprocess after a random
number of articles are committed, reruns it to completion and checks the store (integrity, FTS5,
no duplicates, no orphan facts) and that it holds the same articles, near-duplicate links and
sources as an uninterrupted run.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from bench.crash_trials import DEMO, ingest_in_process, make_corpus, run, store_problems


def test_killed_ingests_rerun_to_the_clean_result(tmp_path: Path) -> None:
    result = run(3, files=120, seed=5, workdir=tmp_path, batch_size=2, clean_in_process=True)
    assert result["failures"] == []
    assert result["survived"] == 3
    assert result["killed_mid_run"] >= 1  # a kill landed while batches were being written
    assert result["articles"] > 90 and result["sources"] == 120
    # each rerun started while the killed run's `.lock` file was still there: the OS lock
    # died with the process, so the file alone never blocks a rerun


@pytest.mark.slow
def test_killed_ingest_with_nlp_reruns_to_the_clean_result(tmp_path: Path) -> None:
    result = run(
        1, seed=2, nlp=True, corpus=DEMO, workdir=tmp_path, batch_size=2, clean_in_process=True
    )
    assert result["failures"] == [], result["failures"]
    assert result["killed"] == 1


def test_store_problems_sees_a_half_written_batch(tmp_path: Path) -> None:
    """The check behind the trials is not vacuous: facts without their article are caught."""
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 20)
    db = tmp_path / "store.db"
    ingest_in_process(corpus, db)
    conn = sqlite3.connect(str(db), isolation_level=None)
    conn.execute("DELETE FROM articles WHERE rowid = (SELECT max(rowid) FROM articles)")
    conn.close()
    assert any("article_sources rows of missing articles" in p for p in store_problems(db))
