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
from collections.abc import Sequence

from lxml.etree import XPath
from lxml.html import HtmlElement

from newsgraph.clean.html._meta import squash
from newsgraph.clean.html._page import KEY_CHARS, block_lines, text_key

BUY_BOX_WORDS = 60  # the buy box is small: it stops growing before it holds this many words

_BUY = re.compile(
    r"^(add to (cart|basket|bag|trolley|shopping (cart|bag|basket))|buy( it)? now|pre-?order)$",
    re.IGNORECASE,
)
_REVIEW_BLOCKS = XPath(
    "//*[contains(@class,'review') or contains(@id,'review') or contains(@class,'Review')]"
)
_TOKENS = re.compile(r"[\s_\-]+")
_REVIEW_TOKEN = re.compile(r"^(customer|product|user)?reviews?$", re.IGNORECASE)
# controls are left out of a block's lines: "Was this helpful? [Yes] [No]" reads as its question
_LEAVE_OUT = frozenset({"script", "style", "noscript", "template", "button", "select", "option"})


def buy_buttons(tree: HtmlElement) -> list[HtmlElement]:
    """The page's buy buttons (none on a page that is not a shop's product page)."""
    found = []
    # `//button | //input[@type='submit' or @type='button']`, in one walk from the document's
    # root (a tag-filtered walk costs less than the union query, which walks twice and sorts)
    for control in tree.getroottree().getroot().iter("button", "input"):
        if control.tag == "input" and control.get("type") not in ("submit", "button"):
            continue
        label = squash(control.text_content() if control.tag == "button" else control.get("value"))
        if _BUY.match(label):
            found.append(control)
    return found


def is_product_page(tree: HtmlElement) -> bool:
    return bool(buy_buttons(tree))


def _is_review_block(element: HtmlElement) -> bool:
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return any(_REVIEW_TOKEN.match(token) for token in _TOKENS.split(names))


def shop_keys(tree: HtmlElement, lines: Sequence[str]) -> set[str]:
    """Text keys (`_page.text_key`) of the lines of the buy box and the review blocks of a
    product page; empty on any other page. A block that holds the longest line of the main
    text (`lines`: the description's longest paragraph) is never one of them."""
    buttons = buy_buttons(tree)
    if not buttons:
        return set()
    start = squash(max(lines, key=len, default=""))[:KEY_CHARS]

    def holds_text(element: HtmlElement) -> bool:
        return bool(start) and start in squash(element.text_content())

    blocks: list[HtmlElement] = []
    for button in buttons:
        box: HtmlElement | None = None
        node = button.getparent()
        while node is not None and node.tag != "body":
            if len(node.text_content().split()) > BUY_BOX_WORDS or holds_text(node):
                break
            box, node = node, node.getparent()
        if box is not None:
            blocks.append(box)
    blocks.extend(e for e in _REVIEW_BLOCKS(tree) if _is_review_block(e) and not holds_text(e))
    keys = {text_key(line) for block in blocks for line in block_lines(block, leave_out=_LEAVE_OUT)}
    keys.discard("")
    return keys
