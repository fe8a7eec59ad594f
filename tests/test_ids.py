"""`newsgraph.ids`: accents stripped run by run give the very text the character-by-character
strip gave (issue 17: the whole pipeline's speed)."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.ids import content_hash, strip_accents


def _strip_each_character(text: str) -> str:
    """The strip as it was: every character of the decomposed text read one at a time."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def test_accents_and_compatibility_forms_are_stripped() -> None:
    assert strip_accents("María Ñúñez, Zoë") == "Maria Nunez, Zoe"
    assert strip_accents("the ﬁrst “café” — ½") == "the first “cafe” — 1⁄2"
    assert strip_accents("Nguyễn Thị Minh Khai") == "Nguyen Thi Minh Khai"


def test_ascii_text_comes_back_unchanged() -> None:
    text = "Plain ASCII, with punctuation: 3 + 4!"
    assert strip_accents(text) is text


# Letters with and without marks, lone combining marks, curly quotes and dashes, ligatures,
# other scripts, and ASCII around them: the strings a news text mixes.
_MIXED = st.text(
    alphabet=st.one_of(
        st.sampled_from("aeiouAEIOU nN,.'\"-\n\t"),
        st.sampled_from("éèêëñçüöåøÅÉ\u0301\u0308\u0327\u2019“”—ﬁß½①ǅİıẞ"),
        st.characters(min_codepoint=0x80, max_codepoint=0x2FFFF),
    ),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(_MIXED)
def test_stripping_by_runs_equals_stripping_each_character(text: str) -> None:
    assert strip_accents(text) == _strip_each_character(text)


def test_content_hash_keys_accented_and_plain_copies_alike() -> None:
    assert content_hash("Café “Zoë” reopened") == content_hash("CAFE “zoe”  reopened")
