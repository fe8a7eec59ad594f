from __future__ import annotations

import pytest

from newsgraph.errors import StageFailure
from newsgraph.model import Article
from newsgraph.pipeline import DEFAULT_STAGES, Pipeline, Stage
from newsgraph.settings import Settings

BLANK = Settings(spacy_model="blank:en")


def _flag(name: str):
    def run(article: Article, doc) -> Article:
        return article.model_copy(update={"flags": [*article.flags, f"{name}:{len(doc)}"]})

    return Stage(name, run)


def _boom(article: Article, doc) -> Article:
    raise ValueError("broken stage")


def test_stages_run_in_order_on_one_parse() -> None:
    pipeline = Pipeline(stages=[_flag("a"), _flag("b")], settings=BLANK)
    out = pipeline(Article(text="Two words"))
    assert out.flags == ["a:2", "b:2"]


def test_record_policy_keeps_going_and_notes_the_error() -> None:
    pipeline = Pipeline(stages=[Stage("boom", _boom), _flag("after")], settings=BLANK)
    out = pipeline(Article(text="Some text"))
    assert [e.stage for e in out.errors] == ["boom"]
    assert "broken stage" in out.errors[0].message
    assert out.flags == ["after:2"]


def test_raise_policy_stops_with_the_stage_named() -> None:
    pipeline = Pipeline(stages=[Stage("boom", _boom)], settings=BLANK.with_(error_policy="raise"))
    with pytest.raises(StageFailure, match="boom"):
        pipeline(Article(text="x", origin="file.txt"))


def test_run_many_keeps_order() -> None:
    pipeline = Pipeline(stages=[_flag("n")], settings=BLANK)
    texts = ["one", "two words", "three words here"]
    out = list(pipeline.run_many(Article(text=t) for t in texts))
    assert [a.text for a in out] == texts
    assert [a.flags for a in out] == [["n:1"], ["n:2"], ["n:3"]]


def test_default_stage_order_puts_entities_first_and_events_last() -> None:
    names = [s.name for s in DEFAULT_STAGES]
    assert names[0] == "entities" and names[-1] == "events"
    assert names.index("quotes") > names.index("entities")
