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

from dataclasses import dataclass, field
from typing import Literal

from lxml.etree import XPath
from lxml.html import HtmlElement

from newsgraph.clean.html._meta import squash
from newsgraph.clean.html._page import KEY_CHARS, text_holders
from newsgraph.clean.html._product import is_product_page

Mode = Literal["fast", "full", "recall"]

SHORT_TEXT = 250  # characters: below this, the fast extraction is retried in full
PROSE_WORDS = 6  # a list item or post of at least this many words is prose, not a menu entry
SPEC_WORDS = 2  # on a product page, a list item this long is a spec ("Weight 920 grams")
MISSED_ITEMS = 2  # prose list items beside the extracted paragraphs, left out, that call recall
MISSED_POSTS = 1  # sibling posts left out that make a page a thread
THREAD_CLIMB = 4  # levels above the first extracted line where a run of posts is looked for
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
    # the thread's posts in page order and, in the first, the element that holds its words
    posts: tuple[HtmlElement, ...] = field(default=(), compare=False, repr=False)
    post_body: HtmlElement | None = field(default=None, compare=False, repr=False)
    # a shop's product page (`_product`): its buy box and reviews are filtered out afterwards,
    # so a fuller mode's extra chrome costs nothing and any longer result may replace the fast one
    shop: bool = field(default=False, compare=False)

    @property
    def mode(self) -> Mode:
        if self.short or self.thread:
            return "full"
        return "recall" if self.missed_list else "fast"


def _in_text(block: str, text: str) -> bool:
    return squash(block)[:KEY_CHARS] in text


def _missed_list(tree: HtmlElement, text: str, *, item_words: int = PROSE_WORDS) -> bool:
    """Prose list items (of `item_words` words or more) left out that sit beside paragraphs
    the extraction kept: the list is part of the article (its parent also holds kept text),
    not a pop-up or a menu elsewhere."""
    missed = 0
    kept_children: dict[int, list[HtmlElement]] = {}  # per holder, read once however many items
    for item in _PROSE_ITEMS(tree):
        words = item.text_content().split()
        if len(words) < item_words or _in_text(" ".join(words), text):
            continue
        listing = item.getparent()
        holder = listing.getparent() if listing is not None else None
        if holder is None:
            continue
        if id(holder) not in kept_children:
            kept_children[id(holder)] = [
                child
                for child in holder
                if isinstance(child.tag, str)
                and child.tag not in _SKIP
                and len(t := squash(child.text_content()).split()) >= PROSE_WORDS
                and _in_text(" ".join(t), text)
            ]
        if any(child is not listing for child in kept_children[id(holder)]):
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


def _body_of(holder: HtmlElement, post: HtmlElement) -> HtmlElement:
    """The element of `post` that holds its words: the nearest element with a class at or above
    the text holder (a post's `<p>` has none; its body wrapper has), else the post itself."""
    node: HtmlElement | None = holder
    while node is not None and node is not post:
        if node.get("class"):
            return node
        node = node.getparent()
    return post


def _find_thread(
    tree: HtmlElement, text: str, lines: list[str]
) -> tuple[list[HtmlElement], HtmlElement] | None:
    """The posts of a thread and the first post's body, when the first extracted line sits in
    one of a run of same-tag, same-class siblings (posts) and the extraction left out at least
    `MISSED_POSTS` of the others that hold prose; else None."""
    first = next((line for line in lines if len(line.split()) >= PROSE_WORDS), None)
    if first is None:
        return None
    holders = text_holders(tree, squash(first)[:KEY_CHARS])
    if len(holders) != 1:
        return None
    node: HtmlElement | None = holders[0]
    for _ in range(THREAD_CLIMB + 1):
        if node is None:
            return None
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
                    posts = [t for t in parent if t.tag == node.tag and t.get("class") == cls]
                    return posts, _body_of(holders[0], node)
        node = parent
    return None


def weigh(tree: HtmlElement, fast_text: str, *, shop: bool | None = None) -> Evidence:
    """The evidence against the fast result of a page; `shop` says whether it is a product page
    when the caller has already looked (`clean_html` looks with its other early walks over the
    fresh tree, which cost less before trafilatura's pass has churned the CPU's caches)."""
    if shop is None:
        shop = is_product_page(tree)
    if len(fast_text) < SHORT_TEXT:
        return Evidence(short=True, shop=shop)
    lines = [line for line in fast_text.split("\n") if line.strip()]
    flat = squash(fast_text)
    thread = _find_thread(tree, flat, lines)
    if thread is not None:
        posts, body = thread
        return Evidence(thread=True, posts=tuple(posts), post_body=body)
    # a shop's spec list is short lines, not prose: any such list missed calls for recall
    item_words = SPEC_WORDS if shop else PROSE_WORDS
    return Evidence(missed_list=_missed_list(tree, flat, item_words=item_words), shop=shop)
