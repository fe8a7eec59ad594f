"""The cleaner's quicker lookups find exactly what the plain forms they replace find.

Several page queries in `clean.html` are written for speed (text nodes instead of elements,
attributes before elements, `str.split` instead of a regex); each must answer as the obvious
form does, so that a change made for speed never changes what the cleaner extracts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml.etree import XPath, tostring
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from newsgraph.clean.html import REPAIR_REACH, _extract, _has_surrogates, _load, _quiet_cut
from newsgraph.clean.html._body import (
    _FURNITURE_ANYWHERE,
    _FURNITURE_AT_START,
    _FURNITURE_CUES,
    _furniture_rule,
)
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


# Pages that take each branch of trafilatura's `load_html`: its repairs (a `<!DOCTYPE>` with a
# slash, a self-closing `<html/>`, characters XML forbids), a string that declares its encoding
# (parsed from its bytes), text that is not a page, a fragment, and long heads that put the
# cut of `_quiet_cut` before a line of whitespace and before a "/>".
_LONG = "<p>" + "Quay works go on. " * 300 + "</p>\n"
LOADER_PAGES = [
    HAND_MADE,
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "http://www.w3.org/TR/xhtml1/x.dtd"/>\n'
    "<html><body><p>Quay</p><p>works</p></body></html>",
    '<html lang="en"/>\n<body><p>Quay works</p><p>start</p></body></html>',
    '<html lang="en"\n\n   />\n<head><title>Quay</title></head><body><p>works</p></body></html>',
    "<html><body><p>Quay\x0b works\x1f start\ufffe</p><p>now</p></body></html>",
    '<?xml version="1.0" encoding="utf-8"?>\n<html><body><p>Quay works</p></body></html>',
    "Quay works start in May",
    "<p>Quay works start in May</p>",
    "<div>Quay</div><div>works</div>",
    "<html>\n" + _LONG * 3 + "<p>after the head</p>\n\n   \n<p>last</p></html>",
    "<html>\n" + _LONG * 3 + "\n   /><p>a slash after the reach</p></html>",
    "<html\n" + _LONG * 3 + "\n  \n  /> <html lang='x'/>\n<body><p>late html</p></body></html>",
    "<html>" + _LONG.replace("\n", " ") * 5 + "</html>",  # one line: no cut
    "<html>\n" + _LONG * 3 + "<p>a late\x0c character</p></html>",  # past the cut
    "<!DOCTYPE html>\n<p>" + "y" * 3000 + "</p>\n<html lang='en'/>\n" + _LONG * 3 + "</html>",
    "<HTML><BODY>" + "<p>Quay works start</p>\n" * 800 + "<html/>\n</BODY></HTML>",
]


def _serialised(tree: HtmlElement | None) -> str | None:
    return None if tree is None else tostring(tree, encoding="unicode")


@pytest.mark.parametrize(
    "html", LOADER_PAGES + [p.read_text("utf-8") for p in VARIED.glob("*.html")]
)
def test_the_loader_builds_the_tree_load_html_builds(html: str) -> None:
    assert _serialised(_load(html)) == _serialised(load_html(html))


_PIECES = ["\n", " ", "  \n ", "/>", " />", "<html", "<html lang='en'", "<HTML>", "<!DOCTYPE html/>",
           "<!doctype html>", "<p>", "</p>", "Quay works", "x" * 1500, "\x0b", "\ufffe", "<br/>",
           '<?xml version="1.0" encoding="utf-8"?>', "<body>", "</html>", "é"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_the_loader_agrees_with_load_html_on_any_mix_of_repairs(pieces: list[str]) -> None:
    html = "".join(pieces)
    assert _serialised(_load(html)) == _serialised(load_html(html))


def test_the_quiet_cut_lies_past_the_reach_of_every_repair() -> None:
    html = "<html>\n" + _LONG * 3 + "\n  \n  <p>after</p>"
    cut = _quiet_cut(html)
    assert cut is not None
    first = html.index("\n")
    assert cut == html.index("\n", first + REPAIR_REACH + 1) + 1  # the first line break past it
    assert html[cut - 1] == "\n" and html[cut] == "<"
    # a line break followed by whitespace and a "/" is passed over for the next one
    tricky = html.replace("\n<p>Quay", "\n \n /><p>Quay", 2)
    tricky_cut = _quiet_cut(tricky)
    assert tricky_cut is not None and tricky_cut > tricky.index("/><p>Quay", first + REPAIR_REACH)
    assert tricky[tricky_cut] not in " \n/"
    # the only line break past the reach is followed by a "/>", which may close an `<html`
    assert _quiet_cut("<html>\n" + _LONG.replace("\n", " ") + "\n  /></p>") is None
    assert _quiet_cut(_LONG.replace("\n", " ")) is None  # one line
    assert _quiet_cut("<html>\n<p>short</p>\n") is None  # nothing beyond the reach


def test_the_loader_gives_html_elements_as_lxml_html_does() -> None:
    """Every element is an `HtmlElement`; the form controls, which lxml.html gives classes of
    their own, are plain ones (neither trafilatura nor the cleaner uses their form helpers)."""
    tree = _load(
        '<html><body><form><input value="Go"><label>L</label></form><p>x</p></body></html>'
    )
    assert tree is not None
    assert all(isinstance(e, HtmlElement) for e in tree.iter())
    assert {type(e) for e in tree.iter()} == {HtmlElement}
    assert tree.find(".//input").get("value") == "Go"


def _furniture_plain(line: str) -> bool:
    """The furniture rules as one guard and every rule's regex: the form `_furniture_rule`
    answers more quickly by running only the rules whose words the line holds."""
    low = line.lower()
    return any(cue in low for cue in _FURNITURE_CUES) and (
        bool(_FURNITURE_AT_START.match(line))
        or any(pattern.search(line) for _, pattern in _FURNITURE_ANYWHERE)
    )


# Words of every rule, in other cases, and the letters that a case-blind regex takes for ASCII
# ones while lower-casing keeps them apart ("ſ" for "s", "ı" for "i"), with the Kelvin sign.
_FURNITURE_WORDS = [
    "Sign up", "SUBSCRIBE", "ſubscribe", "newsletter", "Newsletters", "get", "join", "share",
    "Share this story", "via", "Twitter", "comments", "12", "Tags:", "write", "email", "reach",
    "to", "at", "Additional reporting", "(Reporting by", "Source:", "an error has occurred",
    "get the", "app", "Copyright", "©", "(c)", "2026", "by", "the", "more", "top", "latest",
    "stories", "news", "headlines", "videos", "all rights reserved", "your inbox",
    "thanks for signing up", "like this", "story?", "follow us on", "Instagram", "on twitter @",
    "read all comments", "may be reached at", "contributed reporting", "this copy is for your personal",
    "by submitting this form", "visible only when logged in", "log in to reply",
    "you must be signed in", "İ", "ı", "\u212a", "LIKE THİS", "ſhare", "quay", "works", "—", "now",
    "here", "for our", "ſign up", "ſign in to comment", "loggeD İn",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_FURNITURE_WORDS), max_size=12), st.sampled_from([" ", ": ", ""]))
def test_furniture_rules_by_word_answer_as_all_rules_do(words: list[str], sep: str) -> None:
    line = sep.join(words)
    assert _furniture_rule(line) == _furniture_plain(line)


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("Sign up for our newsletter", True),
        ("ſign up for our newsletter", True),  # the case-blind regex reads "ſ" as "s"
        ("Follow us on Instagram for more", True),
        ("The council will share the cost of the quay works", False),
        ("Quay works start in May", False),
    ],
)
def test_furniture_rule_examples(line: str, furniture: bool) -> None:
    assert _furniture_rule(line) is furniture
    assert _furniture_plain(line) is furniture
