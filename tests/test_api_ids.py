"""Issue 14 item 3: every path that builds an `Article` from text gives it the content hash of
its text as `id` (`newsgraph.ids.content_hash`), never the hash of ""."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsgraph
from newsgraph.batch import executor
from newsgraph.corpus.ingest import _analyse
from newsgraph.ids import content_hash
from newsgraph.model import Article

EMPTY_HASH = content_hash("")
TEXTS = (
    "Flood barriers held in Norfolk\n\nThe river rose by two metres overnight, officials said.",
    "Rail strike called off\n\nUnion leaders accepted the offer after talks ended on Friday.",
)
HTML = (
    "<html><head><title>Port reopens</title></head><body><article><h1>Port reopens</h1>"
    "<p>The harbour reopened to shipping on Tuesday after a week of repairs to the quay.</p>"
    "<p>Ferry services will resume a normal timetable from Thursday, the operator said.</p>"
    "</article></body></html>"
)


def _has_its_own_id(article: Article) -> bool:
    return article.id == content_hash(article.text) and article.id != EMPTY_HASH


def test_issue14_item3_analyze_ids_are_the_hash_of_each_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsgraph import pipeline

    monkeypatch.setattr(pipeline, "default_pipeline", lambda: lambda article: article)
    first, second = (newsgraph.analyze(text) for text in TEXTS)
    assert first.text == TEXTS[0] and second.text == TEXTS[1]
    assert _has_its_own_id(first) and _has_its_own_id(second)
    assert first.id != second.id


def test_issue14_item3_readers_and_extract_give_the_hash_of_the_text() -> None:
    assert _has_its_own_id(newsgraph.read_text(TEXTS[0]))
    assert _has_its_own_id(newsgraph.read_html(HTML, url="https://example.org/port"))
    assert _has_its_own_id(newsgraph.extract(TEXTS[1], nlp=False))
    assert _has_its_own_id(newsgraph.extract(HTML.encode(), nlp=False))


def test_issue14_item3_extract_with_a_title_from_the_source_keeps_the_text_hash(
    tmp_path: Path,
) -> None:
    feed = tmp_path / "a.jsonl"
    feed.write_text('{"title": "Dam report", "text": "The dam held, engineers said."}\n')
    article = newsgraph.extract(feed, nlp=False)
    assert _has_its_own_id(article)


def test_issue14_item3_worker_processes_keep_the_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_SPACY_MODEL", "blank:en")
    articles = [newsgraph.read_text(text) for text in TEXTS]
    with executor(None, 2, inline=False) as pool:
        analysed, _prepared = pool.submit(_analyse, articles).result()
    assert [a.id for a in analysed] == [a.id for a in articles]
    assert all(_has_its_own_id(a) for a in analysed)


@pytest.mark.slow
def test_issue14_item3_analyze_with_the_model_gives_distinct_ids() -> None:
    ids = {newsgraph.analyze(text).id for text in TEXTS}
    assert ids == {content_hash(text) for text in TEXTS}
