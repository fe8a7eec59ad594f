from __future__ import annotations

import itertools
from importlib import resources
from pathlib import Path

import pytest

from newsgraph.model import Article, Event
from newsgraph.nlp import tone
from newsgraph.nlp.tone import score_text

SHARED = Path(__file__).resolve().parents[2] / "shared"


class _FakeDoc:
    """Stands in for a parsed text: the tone stage only reads its sentences."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.user_data: dict[str, object] = {}  # as a Doc's: helpers keep what they read

    @property
    def sents(self) -> list[_FakeSpan]:
        return [_FakeSpan(self.text)]


class _FakeSpan:
    def __init__(self, text: str) -> None:
        self.text, self.start_char, self.end_char = text, 0, len(text)


def test_negative_news_has_negative_tone() -> None:
    tone = score_text("The attack killed ten people and wounded dozens.")
    assert tone.tone < 0 and tone.negative > 0 and tone.positive == 0
    assert tone.word_count == 8


def test_positive_and_polarity() -> None:
    tone = score_text("Leaders welcomed the agreement as a great success.")
    assert tone.tone > 0
    assert tone.polarity == tone.positive + tone.negative


def test_negation_flips_a_word() -> None:
    assert score_text("They are happy.").tone > 0
    assert score_text("They are not happy.").tone < 0


def test_empty_text_is_neutral() -> None:
    tone = score_text("")
    assert (tone.tone, tone.word_count) == (0.0, 0)


# Issue 14, item 11: a tone that reads what the actors did, beside the word tone.


def _event(kind: str, at: int = 0, goldstein: float | None = None) -> Event:
    return Event(
        start=at,
        end=at + 10,
        stage="events",
        text="x" * 10,
        type=kind,
        goldstein=goldstein,
        trigger="x",
        trigger_start=at,
        trigger_end=at + 1,
    )


def test_issue14_item11_conflict_reads_the_events_not_the_words() -> None:
    text = "The militants happily welcomed the great success of their brave attack on the town."
    article = Article(text=text, body=text, events=[_event("ASSAULT")])
    article = tone.run(article, _FakeDoc(text))
    assert article.tone is not None
    assert article.tone.tone > 0  # the words are cheerful
    assert article.tone.conflict is not None and article.tone.conflict < -9  # the act is not


def test_issue14_item11_with_conflict_sets_the_mean_score() -> None:
    scale = tone.conflict_scale()
    article = Article(text="a", body="a", tone=tone.score_text("a"))
    article = article.model_copy(update={"events": [_event("SUPPORT"), _event("ASSAULT", 5)]})
    scored = tone.with_conflict(article)
    assert scored.tone is not None
    assert scored.tone.conflict == round((scale["SUPPORT"] + scale["ASSAULT"]) / 2, 2)
    assert tone.with_conflict(article.model_copy(update={"events": []})).tone.conflict is None
    assert tone.with_conflict(Article(text="a", body="a")).tone is None  # no tone stage: no tone


def test_conflict_is_the_mean_goldstein_of_the_events_own_codes() -> None:
    """An event's own Goldstein value (its CAMEO code's) counts, not its type's average: an
    air raid (195, -10) and a threat of one (1384, -7) are both conflict, to different degrees."""
    article = Article(text="a", body="a", tone=tone.score_text("a"))
    events = [_event("ASSAULT", goldstein=-10.0), _event("THREATEN", 5, goldstein=-7.0)]
    scored = tone.with_conflict(article.model_copy(update={"events": events}))
    assert scored.tone is not None and scored.tone.conflict == -8.5
    mixed = [_event("ASSAULT", goldstein=-10.0), _event("CONSULT", 5)]  # no value: the type's
    scored = tone.with_conflict(article.model_copy(update={"events": mixed}))
    assert scored.tone is not None
    assert scored.tone.conflict == round((-10.0 + tone.conflict_scale()["CONSULT"]) / 2, 2)


def test_a_negated_event_did_not_happen_and_is_no_conflict() -> None:
    article = Article(text="a", body="a", tone=tone.score_text("a"))
    attack = _event("ASSAULT", goldstein=-10.0).model_copy(update={"negated": True})
    meeting = _event("CONSULT", 5, goldstein=1.0)
    scored = tone.with_conflict(article.model_copy(update={"events": [attack, meeting]}))
    assert scored.tone is not None and scored.tone.conflict == 1.0


def test_conflict_scale_covers_every_plover_type_with_the_right_sign() -> None:
    from newsgraph.nlp.events import COOPERATIVE, HOSTILE
    from newsgraph.nlp.events._lexicon import PLOVER_TYPES

    scale = tone.conflict_scale()
    assert set(scale) == PLOVER_TYPES  # the 16 current types, no retired name
    assert all(-10 <= v <= 10 for v in scale.values())
    assert all(scale[t] > 0 for t in COOPERATIVE | {"RETREAT"})
    assert all(scale[t] < 0 for t in HOSTILE)
    assert scale["ASSAULT"] < scale["THREATEN"] < scale["ACCUSE"] < 0 < scale["CONSULT"]


def test_bad_conflict_scale_lines_are_named() -> None:
    with pytest.raises(ValueError, match="line 2"):
        tone.parse_scale("# comment\nAGREE\n")
    with pytest.raises(ValueError, match="outside"):
        tone.parse_scale("AGREE\t12\n")


def test_conflict_scale_is_the_mean_goldstein_of_each_types_cameo_codes() -> None:
    """The shipped table is reproducible from the sources named in its header."""
    goldstein = SHARED / "data" / "events-codebooks" / "gdelt-lookups" / "CAMEO.goldsteinscale.txt"
    if not goldstein.exists():
        pytest.skip(f"CAMEO lookup tables not found at {goldstein}")
    values = dict(
        (code, float(value))
        for code, value in (line.split("\t") for line in goldstein.read_text().splitlines()[1:])
    )
    from newsgraph.nlp.events._lexicon import PLOVER_TYPES

    raw = resources.files("newsgraph.data").joinpath("events/goldstein.tsv").read_text("utf-8")
    rows = [line for line in raw.splitlines() if not line.startswith("#")]
    assert {row.split("\t")[0] for row in rows} == PLOVER_TYPES  # issue 15: every type checked
    for line in rows:
        kind, score, count, codes = line.split("\t")
        assert len(codes.split()) == int(count), kind
        mean = sum(values[c] for c in codes.split()) / int(count)
        assert float(score) == pytest.approx(mean, abs=0.05), kind


def test_a_word_scores_the_same_in_any_capitals_and_negation_still_flips_it() -> None:
    # Each spelling's kind (negator, positive, negative, neutral) is learnt once per process;
    # the counts must not depend on which spelling came first.
    assert tone._counts("Great news. GREAT news. great news.") == (6, 3, 0)
    assert tone._counts("It was not great.") == (4, 0, 1)
    assert tone._counts("It wasn’t great, it was GREAT.") == (6, 1, 1)


class _SentencesDoc:
    """A parsed text cut into sentences at the given offsets."""

    def __init__(self, text: str, cuts: list[int]) -> None:
        self.text = text
        self.user_data: dict[str, object] = {}
        bounds = [0, *cuts, len(text)]
        self._sents = [_FakeSpan(text[a:b]) for a, b in itertools.pairwise(bounds)]
        for span, start in zip(self._sents, bounds, strict=False):
            span.start_char, span.end_char = start, start + len(span.text.rstrip())

    @property
    def sents(self) -> list[_FakeSpan]:
        return self._sents


def test_the_whole_text_tone_is_read_from_its_sentences_words_as_from_the_text() -> None:
    """The article's tone is counted from the words its sentences gave, the negation window
    running on across a sentence end as it does in the whole text ("Never. Happy" reads the
    "happy" as negated there, not in its own sentence); a sentence end inside a word ("well-"
    and "known" cut apart) makes the stage read the text again."""
    cases = [
        ("The crowd cheered. Rescuers never gave up hope. Nothing was lost.", [19, 48]),
        ("They said never. Happy days returned to the valley.", [17]),
        ("A well-known and trusted envoy arrived.", [7]),  # a word across the cut
    ]
    for text, cuts in cases:
        article = Article(text=text, body=text)
        scored = tone.run(article, _SentencesDoc(text, cuts)).tone  # type: ignore[arg-type]
        whole = score_text(text)
        assert scored is not None
        assert (scored.tone, scored.positive, scored.negative, scored.word_count) == (
            whole.tone,
            whole.positive,
            whole.negative,
            whole.word_count,
        )
        assert len(scored.sentences) == len(cuts) + 1
