"""The cleaner's quicker lookups find exactly what the plain forms they replace find.

Several page queries in `clean.html` are written for speed (text nodes instead of elements,
attributes before elements, `str.split` instead of a regex); each must answer as the obvious
form does, so that a change made for speed never changes what the cleaner extracts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from newsgraph.clean.html import _extract, _has_surrogates
from newsgraph.clean.html._meta import _BYLINE, _DATE_TEXT, _ITEMPROP, _MARKED_DATE, squash
from newsgraph.clean.html._page import text_holders

VARIED = Path(__file__).parent / "data" / "html_varied"
SKIP = {"script", "style", "noscript", "template"}

# Text in every place a text node can sit: an element's own text, a tail after a child, a tail
# after a comment, the body's own text, script and style, and a line held twice.
HAND_MADE = """<html><head><title>Harbour works</title></head><body>Harbour works start
<div class="post byline"><p>Harbour works start in May, the council said.</p>
<span rel="author">By Ann Lee</span> Harbour works start soon <b>after</b> the vote.</div>
<div><!-- note -->Harbour works start again<i>here</i></div>
<script>var s = "Harbour works start";</script><style>.x{}</style>
<p itemprop="author">Ann Lee</p><time class="date published" datetime="2026-01-02">Jan 2</time>
<span class="post-date">Posted on Jan 2, 2026</span><abbr class="published" title="2026-01-02">x</abbr>
<ul><li>Harbour works start with the north quay<li>and the <em>old</em> pier</ul>
</body></html>"""


def _trees() -> list[HtmlElement]:
    pages = [p.read_text(encoding="utf-8") for p in sorted(VARIED.glob("*.html"))]
    return [load_html(html) for html in [HAND_MADE, *pages]]


def _starts(tree: HtmlElement) -> list[str]:
    """Line starts as the cleaner looks them up, and short ones that many nodes hold."""
    lines = [line for line in _extract(tree, None, mode="fast").split("\n") if line.strip()]
    starts = {squash(line)[:40] for line in lines} | {line.strip()[:40] for line in lines}
    return sorted(starts | {"Harbour works start", "the", "a", "Ann Lee", ".", "\u00a0"})


def _paths(tree: HtmlElement, elements: list[HtmlElement]) -> list[str]:
    root = tree.getroottree()
    return [root.getpath(e) for e in elements]


@pytest.mark.parametrize(
    ("plain", "first_text"),
    [
        ("//body//*[text()[contains(., $start)]]", False),
        ("//body//*[contains(text(), $start)]", True),
    ],
)
def test_text_holders_are_the_elements_the_plain_query_finds(plain: str, first_text: bool) -> None:
    query = XPath(plain)
    checked = 0
    for tree in _trees():
        for start in _starts(tree):
            expected = sorted(
                _paths(tree, [e for e in query(tree, start=start) if e.tag not in SKIP])
            )
            got = _paths(tree, text_holders(tree, start, first_text=first_text))
            assert len(got) == len(set(got)), start  # each holder once
            assert sorted(got) == expected, start
            checked += 1
    assert checked > 50


def test_text_holders_of_the_hand_made_page() -> None:
    tree = load_html(HAND_MADE)
    holders = text_holders(tree, "Harbour works start")
    # the <p>, the div holding a tail, the div whose text follows a comment, the <li>; not the
    # body's own text, not the script
    assert sorted(e.tag for e in holders) == ["div", "div", "li", "p"]
    first_only = text_holders(tree, "Harbour works start", first_text=True)
    # the tail in the first div comes after another text node of it: not its first text
    assert sorted(e.tag for e in first_only) == ["div", "li", "p"]
    assert all(e.get("class") != "post byline" for e in first_only)


@pytest.mark.parametrize(
    ("query", "plain"),
    [
        (
            _BYLINE,
            "//*[@rel='author' or contains(@class,'byline') or contains(@class,'author-name')]",
        ),
        (_ITEMPROP, "//*[@itemprop='author' or @itemprop='datePublished']"),
        (
            _MARKED_DATE,
            "//time[@pubdate]|//*[contains(concat(' ', @class, ' '), ' published ')]"
            "[@datetime or @title]|//abbr[contains(@class,'published')][@title]",
        ),
        (
            _DATE_TEXT,
            "//*[self::time or self::span or self::div or self::p]"
            "[contains(@class,'date') or contains(@class,'timestamp') or contains(@class,'posted-on')]"
            "[string-length(normalize-space()) < 80]",
        ),
    ],
)
def test_attribute_first_queries_find_what_element_queries_find(query: XPath, plain: str) -> None:
    found = 0
    for tree in _trees():
        got = _paths(tree, query(tree))
        assert got == _paths(tree, XPath(plain)(tree))  # same elements, same order
        found += len(got)
    assert found > 0


_WHITESPACE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())


@given(st.text(alphabet=st.sampled_from("ab.\u00e9" + _WHITESPACE), max_size=40) | st.text())
def test_squash_collapses_whitespace_as_the_regex_does(text: str) -> None:
    assert squash(text) == re.sub(r"\s+", " ", text).strip()


@given(st.text(alphabet=st.characters(), max_size=30))
def test_surrogate_check_agrees_with_a_scan(text: str) -> None:
    assert _has_surrogates(text) == any("\ud800" <= c <= "\udfff" for c in text)


def test_surrogates_found_among_other_text() -> None:
    assert _has_surrogates("caf\u00e9 \udc80 bar")
    assert _has_surrogates("\ud83d\ude00")  # a pair written as two code points
    assert not _has_surrogates("caf\u00e9 \U0001f600 bar")
    assert not _has_surrogates("plain ascii")
