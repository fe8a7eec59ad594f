"""Which of trafilatura's modes to trust for a page, chosen by evidence from the page itself.

trafilatura's fast mode (its main extractor alone) is as good as its full mode on news pages and
several times quicker, so it runs first on every page. It fails on pages that are not built like
an article, in two ways the page shows:

- a thread (a forum, a question and its answers): the text sits in a run of sibling blocks with
  the same tag and class, and the fast mode keeps only the first of them. Full mode compares its
  result with other extractors that read the whole run.
- a list among the article's own paragraphs (a product's features, the steps of a how-to): the
  fast mode drops lists it cannot score as prose; recall mode keeps them.

A short result (under `SHORT_TEXT` characters) is the third sign, kept from before: full mode,
then trafilatura's plain baseline. On a page with none of these signs the fast result stands,
so news pages pay nothing but two XPath queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from lxml.etree import XPath
from lxml.html import HtmlElement

from newsgraph.clean.html._meta import squash
from newsgraph.clean.html._page import text_holders

Mode = Literal["fast", "full", "recall"]

SHORT_TEXT = 250  # characters: below this, the fast extraction is retried in full
PROSE_WORDS = 6  # a list item or post of at least this many words is prose, not a menu entry
KEY_CHARS = 40  # characters of a block's start used to look it up in the extracted text
MISSED_ITEMS = 2  # prose list items beside the extracted paragraphs, left out, that call recall
MISSED_POSTS = 1  # sibling posts left out that make a page a thread
THREAD_CLIMB = 3  # levels above the first extracted line where a run of posts is looked for
POST_LINKS = 0.3  # a post is mostly its own words: a block with more link text is teasers
MORE_TEXT = 1.2  # a fuller mode's text must be this many times longer to replace the fast one

# Prose list items outside the page's chrome and comment sections, with no links (a list of
# links is navigation or teasers, never what a page is about).
_PROSE_ITEMS = XPath(
    "//body//li[not(.//a)][not(ancestor::*[self::nav or self::footer or self::header or "
    "self::aside or contains(@class,'comment') or contains(@id,'comment')])]"
)
_VISIBLE = XPath(".//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]")
_LINKED = XPath(".//a//text()")
_SKIP = frozenset({"script", "style", "noscript", "template"})
# A post is a block (a paragraph or a span with a class is a line of one story, not a post).
_POST_TAGS = frozenset({"div", "article", "section", "li", "tr", "td", "table", "dd"})


@dataclass(frozen=True)
class Evidence:
    """Why a fuller mode was asked for (all false: the fast result is trusted)."""

    short: bool = False
    thread: bool = False
    missed_list: bool = False

    @property
    def mode(self) -> Mode:
        if self.short or self.thread:
            return "full"
        return "recall" if self.missed_list else "fast"


def _in_text(block: str, text: str) -> bool:
    return squash(block)[:KEY_CHARS] in text


def _missed_list(tree: HtmlElement, text: str) -> bool:
    """Prose list items left out that sit beside paragraphs the extraction kept: the list is
    part of the article (its parent also holds kept text), not a pop-up or a menu elsewhere."""
    missed = 0
    for item in _PROSE_ITEMS(tree):
        words = item.text_content().split()
        if len(words) < PROSE_WORDS or _in_text(" ".join(words), text):
            continue
        listing = item.getparent()
        holder = listing.getparent() if listing is not None else None
        if holder is None:
            continue
        beside = (
            squash(child.text_content())
            for child in holder
            if child is not listing and isinstance(child.tag, str) and child.tag not in _SKIP
        )
        if any(len(t.split()) >= PROSE_WORDS and _in_text(t, text) for t in beside):
            missed += 1
            if missed >= MISSED_ITEMS:
                return True
    return False


def _is_missed_post(block: HtmlElement, text: str) -> bool:
    """A block of prose (its visible words, not script; little of it link text) that the
    extraction left out."""
    visible = squash(" ".join(_VISIBLE(block)))
    if len(visible.split()) < PROSE_WORDS or _in_text(visible, text):
        return False
    linked = sum(len(t) for t in _LINKED(block))
    return linked < POST_LINKS * len(visible)


def _is_thread(tree: HtmlElement, text: str, lines: list[str]) -> bool:
    """The first extracted line sits in one of a run of same-tag, same-class siblings (posts)
    and the extraction left out at least `MISSED_POSTS` of the others that hold prose."""
    first = next((line for line in lines if len(line.split()) >= PROSE_WORDS), None)
    if first is None:
        return False
    holders = text_holders(tree, squash(first)[:KEY_CHARS])
    if len(holders) != 1:
        return False
    node: HtmlElement | None = holders[0]
    for _ in range(THREAD_CLIMB + 1):
        if node is None:
            return False
        parent = node.getparent()
        cls = node.get("class")
        if parent is not None and cls and node.tag in _POST_TAGS:
            twins = (
                t for t in parent if t is not node and t.tag == node.tag and t.get("class") == cls
            )
            missed = 0
            for twin in twins:  # stop at the post that settles it: runs of menu items are long
                missed += _is_missed_post(twin, text)
                if missed >= MISSED_POSTS:
                    return True
        node = parent
    return False


def weigh(tree: HtmlElement, fast_text: str) -> Evidence:
    """The evidence against the fast result of a page."""
    if len(fast_text) < SHORT_TEXT:
        return Evidence(short=True)
    lines = [line for line in fast_text.split("\n") if line.strip()]
    flat = squash(fast_text)
    if _is_thread(tree, flat, lines):
        return Evidence(thread=True)
    return Evidence(missed_list=_missed_list(tree, flat))
