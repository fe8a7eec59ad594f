"""Property: `analyze` on any short text never raises, and every span it reports lies inside
`Article.text` (nested spans included) and the record survives a JSON round trip.

Stage failures are recorded on the article under the default error policy, so a stage that
crashes would not raise: the test asserts `article.errors` is empty to surface them.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from _seeds import profile
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.api import analyze
from newsgraph.model import Article

pytestmark = pytest.mark.slow

_WORDS = [
    "The",
    "minister",
    "said",
    "on",
    "Tuesday",
    "that",
    "Paris",
    "and",
    "Berlin",
    "agreed",
    "to",
    "cut",
    "tariffs",
    "by",
    "15%",
    "\u2014",
    '"',
    "\u201c",
    "\u201d",
    "Ms",
    "Okafor",
    "Reuters",
    "reported",
    "$2.5bn",
    "in",
    "March",
    "2024",
    ".",
    ",",
    "\n",
    "\n\n",
    "told",
    "police",
    "killed",
    "protesters",
    "Nairobi",
    "\u200b",
    "\u202e",
    "\u05e9\u05dc\u05d5\u05dd",
    "\u00e9",
    "e\u0301",
    "UN",
    "U.S.",
    "yesterday",
    "three",
    "people",
    "'",
    "(",
    ")",
    "-",
]
newsy = st.lists(st.sampled_from(_WORDS), max_size=40).map(" ".join)
PARAGRAPH = (
    "Kenya's president, William Ruto, said on Friday that the government would spend "
    '4.5 billion shillings on flood defences in Garissa. "We will not wait," he told '
    "reporters in Nairobi, while Oxfam warned that 12,000 people had fled their homes."
)
_ODD = ["\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\x00", "\n", "\u00a0", "e\u0301", '"']


@st.composite
def odd_paragraph(draw: st.DrawFn) -> str:
    """A news paragraph with odd characters spliced in (zero-width, bidi, NUL, quotes)."""
    text = PARAGRAPH
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(_ODD)) + text[at:]
    return text


texts = st.one_of(newsy, st.text(max_size=120), odd_paragraph())
# Each example parses with spaCy: keep the fast profile short.
EXAMPLES = 500 if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" else 40


def spans(value: Any, path: str = "") -> list[tuple[str, int, int]]:
    """Every (path, start, end) in a dumped article: `start`/`end` and `x_start`/`x_end`."""
    found: list[tuple[str, int, int]] = []
    if isinstance(value, dict):
        for key, start in value.items():
            if not key.endswith("start") or key == "body_start" or start is None:
                continue
            end = value.get(key[: -len("start")] + "end")
            found.append((f"{path}.{key}", start, end))
        for key, inner in value.items():
            found.extend(spans(inner, f"{path}.{key}"))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found.extend(spans(inner, f"{path}[{index}]"))
    return found


def check_article(article: Article, text: str) -> None:
    assert article.text == text
    assert not article.errors, article.errors
    for where, start, end in spans(article.model_dump()):
        assert end is not None, f"{where}: start without end"
        assert 0 <= start <= end <= len(text), f"{where}: ({start}, {end}) in {len(text)} chars"
    assert Article.model_validate_json(article.to_json()) == article


@settings(profile(), max_examples=EXAMPLES)
@given(texts)
def test_analyze_spans_inside_text(text: str) -> None:
    check_article(analyze(text), text)


def test_spans_walks_nested_facts() -> None:
    dumped = {"events": [{"trigger_start": 1, "trigger_end": 2, "actor": {"start": 0, "end": 1}}]}
    assert sorted(spans(dumped)) == [
        (".events[0].actor.start", 0, 1),
        (".events[0].trigger_start", 1, 2),
    ]
