"""The CLI audit, item 20: a very long article's snippet is not FTS5's `snippet()`, whose time
grows with the square of a word's occurrences (one 5 MB line took about 45 s to search)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench import synth

from newsgraph.store import search as search_module
from newsgraph.store.db import connect
from newsgraph.store.search import search
from newsgraph.store.write import write_batch


@pytest.fixture
def store(tmp_path: Path):
    filler = " ".join(["harbour", "ferry", "quay", "tide"] * 60)
    body = f"{filler} the Ostrava-Brno rail strike began at dawn, unions said. {filler}"
    article = next(iter(synth.articles(1, seed=7)))
    article = article.model_copy(update={"body": body, "text": body})
    conn = connect(tmp_path / "long.db")
    write_batch(conn, [article])
    yield conn
    conn.close()


def test_a_long_body_gets_a_window_around_its_first_match(store, monkeypatch) -> None:
    monkeypatch.setattr(search_module, "SNIPPET_MAX_CHARS", 100)  # this body counts as long
    for query in ("strike", "strik*", '"rail strike"', "Ostrava-Brno AND unions"):
        hits = search(store, query).hits
        assert len(hits) == 1, query
        snippet = hits[0].snippet
        assert snippet.startswith("…") and snippet.endswith("…"), snippet
        assert "[" in snippet and "]" in snippet, (query, snippet)
        assert len(snippet.split()) <= search_module.SNIPPET_TOKENS + 4
    assert "[strike]" in search(store, "strike").hits[0].snippet
    assert "[rail strike]" in search(store, '"rail strike"').hits[0].snippet


def test_a_short_body_keeps_the_fts5_snippet(store) -> None:
    snippet = search(store, "strike").hits[0].snippet
    assert "[strike]" in snippet
