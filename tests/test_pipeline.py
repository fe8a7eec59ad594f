from __future__ import annotations

import pytest

from newsgraph import pipeline as pipeline_module
from newsgraph.errors import StageFailure
from newsgraph.model import Article
from newsgraph.pipeline import DEFAULT_STAGES, Pipeline, Stage, split_text
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


@pytest.mark.parametrize("limit", [40, 100])
def test_split_text_cuts_after_line_breaks_and_joins_back(limit: int) -> None:
    text = "".join(f"Paragraph {i} says something short.\n" for i in range(30))
    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert len(pieces) > 1
    assert all(len(p) <= limit for p in pieces)
    assert all(p.endswith("\n") for p in pieces[:-1])


def test_split_text_without_line_breaks_cuts_after_sentences_then_spaces() -> None:
    sentences = "One two three. " * 20
    assert all(p.endswith(". ") for p in split_text(sentences, 50)[:-1])
    words = "word " * 40
    assert all(p.endswith(" ") for p in split_text(words, 50)[:-1])
    solid = "x" * 120
    assert split_text(solid, 50) == ["x" * 50, "x" * 50, "x" * 20]
    assert split_text("", 50) == [""]


def test_a_long_text_is_parsed_in_pieces_into_one_doc(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, list[str], list[str]]] = []

    def record(article: Article, doc) -> Article:
        seen.append((doc.text, [s.text for s in doc.sents], [t.text for t in doc]))
        return article

    text = "".join(f"Line {i} of the text.\n" for i in range(12))
    short = "A short one."
    pipeline = Pipeline(stages=[Stage("record", record)], settings=BLANK)
    for limit in (60, 10_000):  # in pieces, then whole
        monkeypatch.setattr(pipeline_module, "PARSE_CHARS", limit)
        out = list(pipeline.run_many([Article(text=text), Article(text=short)]))
        assert [a.text for a in out] == [text, short]
    in_pieces, _, whole, _ = seen
    assert in_pieces[0] == text  # one Doc of the whole text, offsets unchanged
    assert in_pieces == whole
    assert seen[1] == seen[3] == (short, [short], ["A", "short", "one", "."])


def test_entities_after_the_first_piece_keep_their_offsets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pipeline_module, "PARSE_CHARS", 200)
    text = "".join(
        f"Paragraph {i}: Angela Merkel met Emmanuel Macron in Berlin on Tuesday.\n"
        for i in range(8)
    )
    out = Pipeline()(Article(text=text))
    people = [m for e in out.entities if e.type == "person" for m in e.mentions]
    assert len(people) >= 12
    assert all(
        text[m.start : m.end] in ("Angela Merkel", "Emmanuel Macron", "Merkel", "Macron")
        for m in people
    )
    assert max(m.start for m in people) > 400
