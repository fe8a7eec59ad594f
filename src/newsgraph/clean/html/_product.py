"""Product pages: what is main text there, and what is the shop around it.

A shop's product page shows itself by its buy button ("Add to basket", "Add to cart", "Buy
now"); news pages have none. On such a page the description and the specifications are the main
text, while two blocks that trafilatura often keeps beside them are not:

- the buy box, the small block around the buy button (price, stock, delivery promise);
- customer reviews, blocks whose class or id names them (`reviews`, `review-card`): readers'
  opinions of the product, like comments under a story.

Specification lists are short lines ("Weight 920 grams"), too short for the prose test that
decides whether a missed list calls for trafilatura's recall mode on other pages
(`_choice.SPEC_WORDS`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from itertools import accumulate, islice

from lxml.etree import XPath, iterwalk
from lxml.html import HtmlElement

from newsgraph.clean.html._meta import squash
from newsgraph.clean.html._page import KEY_CHARS, block_lines, text_key

BUY_BOX_WORDS = 60  # the buy box is small: it stops growing before it holds this many words
BUY_BOX_ELEMENTS = 400  # ... or this many elements (a price, a stock line, icons: some 5 to 50)
BUY_BOX_CHARS = 10_000  # ... or this many characters, indentation included
LABEL_ELEMENTS = 100  # a buy button's label is a few words, perhaps beside an icon: a button
LABEL_CHARS = 500  # that holds more elements or characters is no buy button

_BUY = re.compile(
    r"^(add to (cart|basket|bag|trolley|shopping (cart|bag|basket))|buy( it)? now|pre-?order)$",
    re.IGNORECASE,
)
_REVIEW_NAMED = "[contains(@class,'review') or contains(@id,'review') or contains(@class,'Review')]"
_REVIEW_BLOCKS = XPath("//*" + _REVIEW_NAMED)
_REVIEW_BLOCKS_BELOW = XPath(".//*" + _REVIEW_NAMED)  # inside one block, itself left out
_TOKENS = re.compile(r"[\s_\-]+")
_REVIEW_TOKEN = re.compile(r"^(customer|product|user)?reviews?$", re.IGNORECASE)
# controls are left out of a block's lines: "Was this helpful? [Yes] [No]" reads as its question
_LEAVE_OUT = frozenset({"script", "style", "noscript", "template", "button", "select", "option"})


def _bounded_text(element: HtmlElement, *, elements: int, chars: int) -> str | None:
    """`element.text_content()` when its subtree has at most `elements` elements and its text
    at most `chars` characters; None, after reading no more than that, when it is larger.

    Asked of blocks that must be small (a button's label, a buy box), so that a page-wide
    block, or each of a chain of 250 nested ones, costs a few hundred steps, not a read of the
    whole page."""
    for _ in islice(element.iter(), elements, None):
        return None  # an element past the limit
    pieces: list[str] = []
    size = 0
    for piece in element.itertext():
        size += len(piece)
        if size > chars:
            return None
        pieces.append(piece)
    return "".join(pieces)


def buy_buttons(tree: HtmlElement) -> list[HtmlElement]:
    """The page's buy buttons (none on a page that is not a shop's product page)."""
    found = []
    # `//button | //input[@type='submit' or @type='button']`, in one walk from the document's
    # root (a tag-filtered walk costs less than the union query, which walks twice and sorts)
    for control in tree.getroottree().getroot().iter("button", "input"):
        if control.tag == "input":
            if control.get("type") not in ("submit", "button"):
                continue
            label = control.get("value")
        else:  # a label is a few words: a button that holds a whole block is none
            label = _bounded_text(control, elements=LABEL_ELEMENTS, chars=LABEL_CHARS)
        if _BUY.match(squash(label)):
            found.append(control)
    return found


def is_product_page(tree: HtmlElement) -> bool:
    return bool(buy_buttons(tree))


def _is_review_block(element: HtmlElement) -> bool:
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return any(_REVIEW_TOKEN.match(token) for token in _TOKENS.split(names))


def _buy_boxes(buttons: Sequence[HtmlElement], start: str) -> list[HtmlElement]:
    """The buy box of each button: its largest ancestor below `<body>` that is still small (at
    most `BUY_BOX_WORDS` words, `BUY_BOX_ELEMENTS` elements, `BUY_BOX_CHARS` characters) and
    does not hold the main text (none when its parent already fails).

    Buttons share their ancestors (a grid of 4,000 "Add to cart" buttons has one wrapper), so
    each ancestor is tested once and the box found above it is remembered; a test reads no more
    than a small block: the work grows with the page, not with buttons times page."""
    top: dict[HtmlElement, HtmlElement | None] = {}  # the box found by a climb from a node
    boxes: list[HtmlElement] = []
    for button in buttons:
        path: list[HtmlElement] = []  # nodes passed on this climb, each still small enough
        node = button.getparent()
        box: HtmlElement | None = None
        while node is not None and node.tag != "body":
            if node in top:  # climbed from here before: the same box, or none above
                found = top[node]
                box = found if found is not None else (path[-1] if path else None)
                break
            text = _bounded_text(node, elements=BUY_BOX_ELEMENTS, chars=BUY_BOX_CHARS)
            if text is None or len(text.split()) > BUY_BOX_WORDS or _holds(text, start):
                top[node] = None
                box = path[-1] if path else None
                break
            path.append(node)
            node = node.getparent()
        else:
            box = path[-1] if path else None
        for passed in path:
            top[passed] = box
        if box is not None:
            boxes.append(box)
    return boxes


def _holds(text: str, start: str) -> bool:
    """Does `text` hold `start`, the squashed start of the main text?"""
    return bool(start) and start in squash(text)


class _TextIndex:
    """Where the start of the main text occurs in one block's text, and where blocks inside
    that block begin and end in it: a block inside holds the start when an occurrence lies
    within its span, the answer of `_holds(block.text_content(), start)` without reading the
    block's text again. Reviews nested in a review wrapper that holds the text (250 levels deep
    on a hostile page) would otherwise each read it anew: the depth times the page.

    `squash` makes each run of whitespace one space, so the start's spaces are matched as runs;
    a start cut after a space needs a non-space after the run, inside the block (`squash`
    strips a trailing run)."""

    def __init__(self, holder: HtmlElement, start: str, inside: Sequence[HtmlElement]) -> None:
        wanted = set(inside)
        opened: dict[HtmlElement, int] = {}
        self.spans: dict[HtmlElement, tuple[int, int]] = {}
        pieces: list[str] = []
        size = 0
        for event, node in iterwalk(holder, events=("start", "end")):
            if event == "start":
                if node in wanted:
                    opened[node] = size
                if isinstance(node.tag, str) and node.text:  # as `text_content`: no comments
                    pieces.append(node.text)
                    size += len(node.text)
                continue
            if node in opened:
                self.spans[node] = (opened.pop(node), size)
            if node is not holder and node.tail:
                pieces.append(node.tail)
                size += len(node.tail)
        text = "".join(pieces)
        trailing = start.endswith(" ")
        words = start.split()
        pattern = re.compile(
            r"\s+".join(map(re.escape, words)) + (r"\s+(?=\S)" if trailing else "")
        )
        # every occurrence, overlapping ones too, as (start, end); the end past the non-space
        found: list[tuple[int, int]] = []
        match = pattern.search(text) if words else None
        while match:
            found.append((match.start(), match.end() + trailing))
            match = pattern.search(text, match.start() + 1)
        self.starts = [at for at, _ in found]
        # the least end among the occurrences from each one on
        self.least_end = list(accumulate((end for _, end in reversed(found)), min))[::-1]

    def holds(self, element: HtmlElement) -> bool:
        begin, end = self.spans[element]
        at = bisect_left(self.starts, begin)
        return at < len(self.starts) and self.least_end[at] <= end


def _review_blocks(tree: HtmlElement, start: str) -> list[HtmlElement]:
    """The customer-review blocks that do not hold the main text, outermost first. A block
    inside one already taken is left out (the outer block's lines hold its lines), so that
    reviews nested in reviews are read once, not once per level; blocks inside one that holds
    the text are asked of its `_TextIndex`, read once."""
    skip: set[HtmlElement] = set()  # review blocks inside a block taken
    indexed: dict[HtmlElement, _TextIndex] = {}  # review blocks inside a block holding the text
    blocks: list[HtmlElement] = []
    for element in _REVIEW_BLOCKS(tree):
        if element in skip or not _is_review_block(element):
            continue
        index = indexed.get(element)
        if index is None and _holds(element.text_content(), start):
            inside = [e for e in _REVIEW_BLOCKS_BELOW(element) if _is_review_block(e)]
            if inside:
                indexed.update(dict.fromkeys(inside, _TextIndex(element, start, inside)))
            continue
        if index is not None and index.holds(element):
            continue
        blocks.append(element)
        skip.update(_REVIEW_BLOCKS_BELOW(element))
    return blocks


def shop_keys(tree: HtmlElement, lines: Sequence[str]) -> set[str]:
    """Text keys (`_page.text_key`) of the lines of the buy box and the review blocks of a
    product page; empty on any other page. A block that holds the longest line of the main
    text (`lines`: the description's longest paragraph) is never one of them."""
    buttons = buy_buttons(tree)
    if not buttons:
        return set()
    start = squash(max(lines, key=len, default=""))[:KEY_CHARS]
    blocks = dict.fromkeys(_buy_boxes(buttons, start))  # once each, in page order
    blocks.update(dict.fromkeys(_review_blocks(tree, start)))
    keys = {text_key(line) for block in blocks for line in block_lines(block, leave_out=_LEAVE_OUT)}
    keys.discard("")
    return keys
