"""The quotes stage on running prose: who a pronoun, a title or "it" stands for, and quotations
that name a work rather than report words.

Sentences here are invented for the tests.
"""

from __future__ import annotations

import pytest

from newsgraph.model import Article, Quote
from newsgraph.nlp import entities, quotes
from newsgraph.nlp.quotes._lexicon import load_lexicon
from newsgraph.nlp.quotes._marks import find_quote_spans
from newsgraph.nlp.quotes._titles import is_title, title_case

# --- titles of works (no model) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["Meet", "the", "Press"], True),
        (["Saving", "Made", "Simple"], True),
        (["A", "Change", "Is", "Gonna", "Come"], True),
        (["We", "will", "win"], False),  # a sentence, not a title
        (["the", "Big", "Show"], False),  # a title starts with a capital
        (["Taxes"], False),  # one word is too little to tell
    ],
)
def test_title_case(words: list[str], expected: bool) -> None:
    assert title_case(words) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lee said on NBC’s “Meet the Press” that the plan would pass.", True),
        ("In her 2010 book, “Saving Made Simple,” she argued for thrift.", True),
        ("The choir sang the hymn “Amazing Grace” at the service.", True),
        ("The crowd chanted, “Lock Her Up.”", False),  # a slogan: left to the cue rules
        ("Lee said on NBC’s “we will not give in to this” and left.", False),
    ],
)
def test_a_title_after_a_possessive_or_a_work_noun_is_no_quote(text: str, expected: bool) -> None:
    (span,) = find_quote_spans(text)
    assert is_title(text, span, load_lexicon()) is expected


# --- with the model ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def analyse(nlp):
    def go(text: str) -> list[Quote]:
        doc = nlp(text)
        article = entities.run(Article(text=text, body=text), doc)
        return quotes.run(article, doc).quotes

    return go


@pytest.mark.slow
def test_programme_and_book_titles_are_not_quotes(analyse) -> None:
    found = analyse(
        "Lee said on NBC’s “Meet the Press” that the plan would pass. "
        "“We have the votes for it this time,” Lee said."
    )
    assert [q.text for q in found if q.direct] == ["We have the votes for it this time"]


@pytest.mark.slow
def test_it_said_stands_for_the_organisation_named_last(analyse) -> None:
    (q,) = [
        q
        for q in analyse(
            "Acme Corp sold its plant in Leeds last year. “We had no choice,” it said on Friday."
        )
        if q.direct
    ]
    assert q.speaker == "it" and q.speaker_id == "organization:acme-corp"
    assert q.speaker_ref is not None and q.speaker_ref.text == "Acme Corp"


@pytest.mark.slow
def test_it_said_after_an_unnamed_organisation_speaker(analyse) -> None:
    found = analyse(
        "The ministry said in a statement that the talks would continue. "
        "“Both sides want a deal,” it said."
    )
    (q,) = [q for q in found if q.direct]
    assert q.speaker == "it"
    assert q.speaker_ref is not None and q.speaker_ref.text == "The ministry"


@pytest.mark.slow
def test_she_stands_for_the_person_the_text_moved_on_to(analyse) -> None:
    """A name two sentences back, as the subject, wins over an older speaker."""
    found = analyse(
        "Tom Lee said the plan was late. Ana Ruiz, the builder, arrived at noon. "
        "The site was quiet. “It is fine,” she said."
    )
    (q,) = [q for q in found if q.direct]
    assert q.speaker == "she" and q.speaker_id == "person:ana-ruiz"


@pytest.mark.slow
def test_he_continued_keeps_the_last_speaker(analyse) -> None:
    found = analyse(
        "Police spokesman Jon Berg spoke to reporters outside the station on Monday. "
        "The crowd had thinned by then. “We have two people in custody,” the spokesman said. "
        "“Neither has been charged,” he continued."
    )
    direct = [q for q in found if q.direct]
    assert [q.speaker for q in direct] == ["the spokesman", "he"]
    assert {q.speaker_id for q in direct} == {"person:jon-berg"}


@pytest.mark.slow
def test_a_title_resolves_to_the_name_in_apposition_to_it(analyse) -> None:
    (q,) = analyse(
        "The company’s chief executive, Mara Olsen, was in Berlin. Shares fell 4 percent. "
        "The chief executive said the fall was “a passing thing.”"
    )
    assert q.speaker == "The chief executive" and q.speaker_id == "person:mara-olsen"


@pytest.mark.slow
def test_a_quotation_over_paragraphs_and_its_continuation(analyse) -> None:
    """A quotation left open at a paragraph's end goes on in the next one that opens with a
    mark; the attribution after its first sentence covers it all."""
    text = (
        "“Every week lost costs the boats money,” said Jon Berg, a spokesman for the board. "
        "“We have told the ministry so many times.\n\n"
        "“We will keep telling them until they listen.”"
    )
    found = [q for q in analyse(text) if q.direct]
    assert found[-1].text.endswith("until they listen.")
    assert "\n\n" in found[-1].text
    assert {q.speaker_id for q in found} == {"person:jon-berg"}
