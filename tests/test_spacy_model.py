"""`newsgraph.nlp.spacy_model`: our paragraph component on hand-made (blank) `Doc`s; the
whitespace tokens read from arrays start the very sentences the token-by-token loop started
(issue 17: the whole pipeline's speed)."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from newsgraph.nlp.spacy_model import paragraph_breaks

_TOKENIZER = spacy.blank("en").tokenizer


def _breaks_token_by_token(doc: Doc) -> Doc:
    """The component as it was: every token read one at a time."""
    for token in doc[:-1]:
        if ("\n" in token.text and token.is_space) or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


def _starts(doc: Doc) -> list[bool | None]:
    return [t.is_sent_start for t in doc]


def test_a_line_break_starts_a_sentence_and_a_space_does_not() -> None:
    doc = paragraph_breaks(_TOKENIZER("Storm hits coast\nResidents flee  inland.\n\n Roads shut"))
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["Storm", "Residents", "Roads"]


def test_a_text_without_a_line_break_is_left_alone() -> None:
    doc = paragraph_breaks(_TOKENIZER("One line,  two spaces and a tab\there."))
    assert _starts(doc)[1:] == [None] * (len(doc) - 1)


def test_a_line_break_at_the_end_starts_nothing() -> None:
    doc = paragraph_breaks(_TOKENIZER("The end.\n"))
    assert _starts(doc)[1:] == [None] * (len(doc) - 1)


def test_a_parsed_doc_is_refused_as_spacy_refuses_it() -> None:
    words, spaces = ["Hello", "\n", "world"], [False, False, False]
    doc = Doc(_TOKENIZER.vocab, words=words, spaces=spaces, heads=[0, 0, 0], deps=["ROOT"] * 3)
    with pytest.raises(ValueError, match="E043"):
        paragraph_breaks(doc)


_PIECES = st.lists(
    st.sampled_from(
        [
            "word",
            "Word.",
            "a",
            ",",
            " ",
            "  ",
            "\n",
            "\n\n",
            " \n ",
            "\r\n",
            "\t",
            "\u2028",
            "\u00a0",
            "\u00a0\n",
            "é",
            "—",
            '"',
            "3.5",
        ]
    ),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(_PIECES)
def test_the_array_reading_equals_the_token_by_token_loop(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _starts(paragraph_breaks(_TOKENIZER(text))) == _starts(
        _breaks_token_by_token(_TOKENIZER(text))
    )
