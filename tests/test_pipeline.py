from __future__ import annotations

import time

import pytest

from newsgraph import pipeline as pipeline_module
from newsgraph.errors import StageFailure
from newsgraph.model import Article
from newsgraph.nlp._doc import text_of
from newsgraph.nlp.language import language_code
from newsgraph.nlp.textcut import analysis_end, cut_point
from newsgraph.pipeline import DEFAULT_STAGES, Pipeline, Stage, StageLanguage, split_text
from newsgraph.settings import Settings, parse_language_models

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
    sentences = split_text("One two three. " * 20, 50)
    assert len(sentences) > 1 and all(p.endswith(". ") for p in sentences[:-1])
    words = split_text("word " * 40, 50)
    assert len(words) > 1 and all(p.endswith(" ") for p in words[:-1])
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


def test_the_stages_read_the_parsed_text_without_a_join(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, str, bool]] = []

    def record(article: Article, doc) -> Article:
        kept = "newsgraph.doc.text" in doc.user_data  # set before the stages, not by text_of
        seen.append((text_of(doc), doc.text, kept))
        return article

    text = "".join(f"Line {i} of the text.\n" for i in range(12))
    monkeypatch.setattr(pipeline_module, "PARSE_CHARS", 60)  # one Doc joined from pieces
    list(Pipeline(stages=[Stage("record", record)], settings=BLANK).run_many([Article(text=text)]))
    assert seen == [(text, text, True)]


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


# -- issue 14, item 2: every input is bounded ---------------------------------------------------


def test_issue14_item2_cut_point_prefers_line_then_sentence_then_space() -> None:
    text = "First line here.\nMr. Smith met Dr. Jones in the U.S. on Monday. They talked on"
    assert text[: cut_point(text, 0, 30)] == "First line here.\n"
    assert text[: cut_point(text, 0, 40)] == "First line here.\nMr. Smith met Dr. "  # a space
    one_line = "Mr. Smith met Dr. Jones in the U.S. on Monday. They talked on and on"
    assert (
        one_line[: cut_point(one_line, 0, 60)] == "Mr. Smith met Dr. Jones in the U.S. on Monday. "
    )
    no_ends = "word " * 30
    assert no_ends[: cut_point(no_ends, 0, 52)] == "word " * 10
    assert cut_point("x" * 100, 0, 40) == 40
    assert cut_point("short", 0, 40) == 5


def test_issue14_item2_analysis_end_cuts_at_a_sentence_end() -> None:
    text = "The talks resumed on Monday. " * 10
    end = analysis_end(text, 100)
    assert end <= 100 and text[:end].endswith("Monday. ")
    assert analysis_end(text, 0) == len(text)  # 0: no bound
    assert analysis_end(text, 10_000) == len(text)


def test_issue14_item2_split_text_of_one_long_line_is_linear() -> None:
    text = "The minister said the talks would resume next week. " * 20_000  # 1 MB, one line
    started = time.process_time()
    pieces = split_text(text, 10_000)
    assert time.process_time() - started < 1.0
    assert "".join(pieces) == text
    assert all(len(p) <= 10_000 and p.endswith("week. ") for p in pieces[:-1])


def test_issue14_item2_a_long_article_is_analysed_up_to_the_bound_and_flagged() -> None:
    seen: list[tuple[str, str]] = []

    def record(article: Article, doc) -> Article:
        seen.append((article.text, doc.text))
        return article.model_copy(update={"flags": [*article.flags, "seen"]})

    text = "The talks resumed on Monday in Geneva. " * 100  # 3,900 characters, one line
    article = Article(id="a1", text=text, body=text)
    settings = BLANK.with_(max_analyse_chars=1_000)
    out = Pipeline(stages=[Stage("record", record)], settings=settings)(article)
    analysed, parsed = seen[0]
    assert analysed == parsed and len(analysed) <= 1_000 and analysed.endswith("Geneva. ")
    assert out.text == text and out.body == text and out.id == "a1"  # the record keeps it all
    assert out.flags == ["seen", "truncated_analysis"]
    whole = Pipeline(stages=[Stage("record", record)], settings=BLANK)(article)
    assert seen[1][0] == text and "truncated_analysis" not in whole.flags


# -- issue 14, item 12: non-English articles get no English stages ------------------------------


def _reads(name: str, language: StageLanguage, seen: list[str]) -> Stage:
    def run(article: Article, doc) -> Article:
        seen.append(f"{name}:{doc.lang_}:{[(e.text, e.label_) for e in doc.ents]}")
        return article

    return Stage(name, run, language)


FRENCH = Article(
    text="Mais Jean Dupont est arrivé à Lyon le 2024-06-14.",
    language="fr",
    flags=["non_english"],
)


def test_issue14_item12_default_stages_declare_what_they_read() -> None:
    reads = {s.name: s.language for s in DEFAULT_STAGES}
    assert reads == {
        "entities": "model",
        "places": "model",
        "dates": "any",
        "amounts": "english",
        "quotes": "english",
        "themes": "english",
        "tone": "english",
        "events": "english",
    }


def test_issue14_item12_without_a_model_only_language_free_stages_run() -> None:
    seen: list[str] = []
    stages = [_reads(n, lang, seen) for n, lang in (("e", "english"), ("m", "model"), ("a", "any"))]
    out = Pipeline(stages=stages, settings=BLANK)(FRENCH)
    assert seen == ["a:xx:[]"]  # a language-neutral tokenisation, no English model
    assert out.flags == ["non_english", "english_stages_skipped"]
    english = Pipeline(stages=stages, settings=BLANK)(Article(text="He came."))
    assert [s.split(":")[0] for s in seen[1:]] == ["e", "m", "a"]
    assert english.flags == []


def test_issue14_item12_a_configured_model_is_loaded_and_its_labels_mapped(tmp_path) -> None:
    import spacy

    nlp = spacy.blank("fr")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(  # type: ignore[attr-defined]
        [
            {"label": "PER", "pattern": "Jean Dupont"},
            {"label": "LOC", "pattern": "Lyon"},
            {"label": "MISC", "pattern": "Mais"},
        ]
    )
    nlp.to_disk(tmp_path / "fr_model")
    settings = BLANK.with_(language_models={"fr": str(tmp_path / "fr_model")})
    seen: list[str] = []
    stages = [_reads(n, lang, seen) for n, lang in (("e", "english"), ("m", "model"), ("a", "any"))]
    out = Pipeline(stages=stages, settings=settings)(FRENCH)
    mapped = "[('Jean Dupont', 'PERSON'), ('Lyon', 'LOC')]"
    assert seen == [f"m:fr:{mapped}", f"a:fr:{mapped}"]
    assert out.flags == ["non_english", "english_stages_skipped"]


def test_issue14_item12_language_models_setting_reads_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NEWSGRAPH_LANGUAGE_MODELS", "fr=fr_core_news_md, DE = de_core_news_md")
    assert Settings().language_models == {"fr": "fr_core_news_md", "de": "de_core_news_md"}
    monkeypatch.setenv("NEWSGRAPH_LANGUAGE_MODELS", "")
    assert Settings().language_models == {}
    with pytest.raises(ValueError, match="LANG=MODEL"):
        parse_language_models("fr_core_news_md")


def test_issue14_item12_language_of_an_article() -> None:
    assert language_code(Article(text="x")) == "en"
    assert language_code(Article(text="x", language="fr-FR", flags=["non_english"])) == "fr"
    assert language_code(Article(text="x", flags=["non_english"])) is None
    assert language_code(Article(text="x", language="de")) == "de"


@pytest.mark.slow
def test_issue14_item12_a_french_page_gets_no_english_facts() -> None:
    text = (
        "Prendre la route des vacances\n\n"
        "Mais la ville de La Rochelle prépare un festival pour le 2024-07-14. Mais les "
        "syndicats, qui ont déjà manifesté dans plusieurs villes, refusent le projet et "
        "appellent à une grève dans toute la France, a déclaré le maire."
    )
    article = Article(text=text, body=text, language="fr", flags=["non_english"])
    out = Pipeline()(article)
    assert out.entities == [] and out.places == [] and out.quotes == [] and out.events == []
    assert out.themes == [] and out.amounts == []
    assert [(d.text, d.value) for d in out.dates] == [("2024-07-14", "2024-07-14")]
    assert out.flags == ["non_english", "english_stages_skipped"]
