"""Ordinary English words at a sentence start are no names, unless something says they are.

A capitalised word that opens a sentence ("Turnout was 48 percent") is often read as a name by
the model. `_types.common_words` drops such a one-word span when the word is ordinary English
(the article also writes it in lower case, or, for a person, the English word index of the
spaCy pipeline has it) and nothing marks it as a name: a lexicon or the gazetteer, the word
written capitalised inside a sentence, inside a longer name, or a person who speaks. All the
sentences here are written for newsgraph.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.nlp.entities import _types, find_entities
from newsgraph.nlp.entities._lexicon import english_words, lexicon
from newsgraph.nlp.entities._spans import Span
from newsgraph.nlp.spacy_model import ner_of


def _kept(text: str, name: str, kind: str, *, at: int = 0) -> bool:
    """Whether `common_words` keeps a spaCy span over the `at`-th occurrence of `name`."""
    start = -1
    for _ in range(at + 1):
        start = text.index(name, start + 1)
    span = Span(start, start + len(name), kind)
    out = _types.common_words(text, [span], lexicon(), lambda _name: False)
    return out == [span]


def test_the_english_word_index_is_read_from_the_pipeline() -> None:
    words = english_words()
    if not words:
        pytest.skip("the configured spaCy pipeline ships no English word index")
    assert {"turnout", "attendance", "harvest"} <= words
    assert all(w.islower() and w.isalpha() for w in list(words)[:1000])


def test_a_common_noun_opening_a_sentence_is_no_person() -> None:
    if "turnout" not in english_words():
        pytest.skip("the configured spaCy pipeline ships no English word index")
    text = "Polls closed at eight in the evening. Turnout was higher than last time."
    assert not _kept(text, "Turnout", "person")


def test_a_word_the_article_writes_in_lower_case_is_no_name() -> None:
    text = "Harvest came early in the valley. The harvest was the largest in ten years."
    assert not _kept(text, "Harvest", "organization")
    assert not _kept(text, "Harvest", "place")


def test_names_that_are_also_words_keep_their_evidence() -> None:
    # a person who speaks
    assert _kept("Bush said on Monday that the plan would go ahead.", "Bush", "person")
    # a longer name in the same article
    text = "Mark Cook visited the plant on Friday. Cook met the workers after lunch."
    spans = [
        Span(0, 9, "person"),
        Span(text.index("Cook met"), text.index("Cook met") + 4, "person"),
    ]
    out = _types.common_words(text, spans, lexicon(), lambda _name: False)
    assert out == spans
    # a title before it, whose dot reads as a sentence end
    assert _kept("The talks were led by Dr. Mason and a deputy.", "Mason", "person")
    # the word capitalised inside a sentence
    text = "Bramble opened a new office. Analysts said Bramble would hire staff."
    assert _kept(text, "Bramble", "person")
    # a lexicon: a listed company, a given name
    assert _kept("Apple cut the price of its phones. An apple a day.", "Apple", "organization")
    text = "Will Carter joined in May. Will met the mayor on Friday, and the council will vote."
    spans = [
        Span(0, 11, "person"),
        Span(text.index("Will met"), text.index("Will met") + 4, "person"),
    ]
    assert _types.common_words(text, spans, lexicon(), lambda _name: False) == spans
    # the gazetteer's well-known place
    text = "Reading lost ground. Reading is a habit."
    span = Span(0, 7, "place")
    assert _types.common_words(text, [span], lexicon(), lambda n: n == "Reading") == [span]


def test_only_spacys_guesses_at_a_sentence_start_are_dropped() -> None:
    text = "He spoke of the turnout. Then Turnout came up again."
    assert _kept(text, "Turnout", "person")  # inside a sentence
    text = "Turnout rose. Officials praised the turnout."
    start = text.index("Turnout")
    span = Span(start, start + 7, "organization", "kind")  # read from evidence in the text
    assert _types.common_words(text, [span], lexicon(), lambda _name: False) == [span]
    text = "3. Harvest 10-1 ( Ann Roe )\nThe harvest was late."  # a numbered list's item
    assert _kept(text, "Harvest", "organization")


@pytest.mark.parametrize(
    ("text", "word", "kept"),
    [
        (
            "The ruling party came third with 12 percent. Turnout was 48 percent, it said.",
            "Turnout",
            False,
        ),
        ("Attendance was 12,000 at the ground on Sunday.", "Attendance", False),
        ("Apple cut the price of its older phones on Monday.", "Apple", True),
        ("Will Carter scored twice for the visitors.", "Will Carter", True),
        ("George Bush visited the plant on Friday. Bush met workers after lunch.", "Bush", True),
    ],
)
def test_the_stage_on_spacys_parses(nlp: Any, text: str, word: str, kept: bool) -> None:
    if not english_words():
        pytest.skip("the configured spaCy pipeline ships no English word index")
    doc = nlp(text)
    ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    found = {m.text for e in find_entities(text, ents, rerun=ner_of(doc)) for m in e.mentions}
    assert (word in found) is kept


def test_many_sentences_opening_on_the_same_word_are_read_once_a_word() -> None:
    """A hostile text of 20,000 sentences that open on the one word: the article is asked about
    the word once, not once a span (the scans of every span made it quadratic)."""
    import time

    text = "Turnout rose sharply. " * 20_000
    spans = [Span(i * 22, i * 22 + 7, "person") for i in range(20_000)]
    started = time.process_time()
    assert _types.common_words(text, spans, lexicon(), lambda _name: False) == []
    assert time.process_time() - started < 2.0
