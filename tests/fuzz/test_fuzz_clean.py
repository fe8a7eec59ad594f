"""Property: any text into the cleaners gives an Article or an InputError, nothing else."""

from __future__ import annotations

import pytest
from _seeds import HTML_PAGE, TEXT_DUMP, profile
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.api import read_html, read_text
from newsgraph.errors import InputError
from newsgraph.model import Article

# Characters that stress text handling: controls, NUL, zero-width and bidi marks, surrogates,
# combining marks, wide scripts, line and paragraph separators.
_ODD = (
    "\x00\x01\x0b\x0c\x1c\x85\u00ad\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202e\u2066\u2028\u2029\ufeff\ufffd\ud800\udfff\u0301"
    "\u05d0\u0627\u4e2d\U0001f600"
)
odd_text = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(list(_ODD))), max_size=400)


@st.composite
def spliced(draw: st.DrawFn, seed: str) -> str:
    """`seed` with random text cut out and spliced in."""
    text = seed
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 40))
        text = text[:at] + draw(odd_text.map(lambda s: s[:60])) + text[at + cut :]
    return text


def _valid(article: Article) -> None:
    assert 0 <= article.body_start <= len(article.text)
    assert article.text[article.body_start :] == article.body
    again = Article.model_validate_json(article.to_json())
    assert again == article


def _clean(fn, text: str) -> None:  # type: ignore[no-untyped-def]
    try:
        article = fn(text)
    except InputError as e:
        assert "\n" not in str(e)
        return
    _valid(article)


@settings(profile())
@given(st.one_of(odd_text, spliced(TEXT_DUMP)))
def test_read_text_never_raises_but_input_error(text: str) -> None:
    _clean(read_text, text)


@settings(profile())
@given(st.one_of(odd_text, spliced(HTML_PAGE)))
def test_read_html_never_raises_but_input_error(text: str) -> None:
    _clean(read_html, text)


@pytest.mark.parametrize("fn", [read_text, read_html])
def test_seeds_clean(fn) -> None:  # type: ignore[no-untyped-def]
    article = fn(TEXT_DUMP if fn is read_text else HTML_PAGE)
    assert "harbour authority" in article.body
    _valid(article)
