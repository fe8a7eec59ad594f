"""Issue 14 item 3: every path that builds an `Article` from text gives it the content hash of
its text as `id` (`newsgraph.ids.content_hash`), never the hash of ""."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

import newsgraph
from newsgraph.batch import executor
from newsgraph.ids import content_hash
from newsgraph.job import AnalyseAndPrepare
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


def test_issue14_item3_worker_processes_keep_the_ids() -> None:
    articles = [newsgraph.read_text(text) for text in TEXTS]
    task = AnalyseAndPrepare(newsgraph.Settings(spacy_model="blank:en"))
    with executor(None, 2, inline=False) as pool:
        analysed, _prepared = pool.submit(task, articles).result()
    assert [a.id for a in analysed] == [a.id for a in articles]
    assert all(_has_its_own_id(a) for a in analysed)


@pytest.mark.slow
def test_issue14_item3_analyze_with_the_model_gives_distinct_ids() -> None:
    ids = {newsgraph.analyze(text).id for text in TEXTS}
    assert ids == {content_hash(text) for text in TEXTS}


# -- issue 15, section 1: the API takes settings; read_html takes published; extract_all ---------


def test_issue15_read_html_takes_published_like_read_text() -> None:
    when = datetime(2024, 3, 5, 9, 30)
    article = newsgraph.read_html(HTML, url="https://example.org/port", published=when)
    assert article.published == when.replace(tzinfo=UTC)
    assert newsgraph.read_text(TEXTS[0], published=when).published == article.published
    assert newsgraph.read_html(HTML).published is None


def test_issue15_extract_refuses_a_source_of_several_articles_and_extract_all_reads_them(
    tmp_path: Path,
) -> None:
    """Before: `extract` of a feed or JSON Lines file silently returned its first article."""
    lines = tmp_path / "two.jsonl"
    lines.write_text(
        "".join(
            f'{{"title": "T{i}", "text": {json.dumps(text)}}}\n' for i, text in enumerate(TEXTS)
        )
    )
    with pytest.raises(newsgraph.InputError, match=r"holds 2 articles.*extract_all"):
        newsgraph.extract(lines, nlp=False)
    both = newsgraph.extract_all(lines, nlp=False)
    assert [a.text.split("\n\n")[-1] for a in both] == [t.split("\n\n")[-1] for t in TEXTS]
    assert all(_has_its_own_id(a) for a in both)
    (one,) = newsgraph.extract_all(TEXTS[0], nlp=False)
    assert one == newsgraph.extract(TEXTS[0], nlp=False)
    analysed = newsgraph.extract_all(
        lines, settings=newsgraph.Settings(spacy_model="blank:en", stages=("dates",))
    )
    assert len(analysed) == 2 and all(a.entities == [] and a.errors == [] for a in analysed)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(newsgraph.InputError, match="no files"):
        newsgraph.extract_all(empty, nlp=False)


def test_issue15_the_public_names_of_the_pipeline() -> None:
    from newsgraph.ingest.document import RawDocument
    from newsgraph.pipeline import Pipeline
    from newsgraph.settings import Settings
    from newsgraph.stages import Stage

    assert (newsgraph.Pipeline, newsgraph.Stage) == (Pipeline, Stage)
    assert (newsgraph.Settings, newsgraph.RawDocument) == (Settings, RawDocument)
    assert {"Pipeline", "Stage", "Settings", "RawDocument", "extract_all"} <= set(newsgraph.__all__)


def test_normalised_text_is_the_same_for_ascii_and_accented_copies() -> None:
    """ASCII text skips the decomposition (nothing to strip) and still keys like its copies."""
    from newsgraph.ids import content_hash, normalise_text

    assert (
        normalise_text("  The  Café\tOpened \n")
        == normalise_text("the cafe opened")
        == ("the cafe opened")
    )
    assert content_hash("Zoë Smith spoke.") == content_hash("ZOE  smith spoke.")
