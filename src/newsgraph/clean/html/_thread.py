"""The text of a thread (a forum topic, a question and its replies), read post by post.

On a thread every post is main text, but trafilatura's modes keep only part of it: one post,
or all of them together with each post's furniture (the author's name and rank, the date, the
signature, the like and reply buttons) when the posts sit in table rows. A thread's posts share
their markup, so the element that holds the first post's words (the one the extraction read) has
a twin in every other post: its text, post by post, is the thread. What a post quotes from an
earlier one (a `<blockquote>` inside its body) is left out, since the earlier post already holds
it.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml.etree import XPath
from lxml.html import HtmlElement

from newsgraph.clean.html._page import block_lines

# left out of a post: scripts, controls, and quotes of other posts (held by those posts)
_LEAVE_OUT = frozenset(
    {"script", "style", "noscript", "template", "button", "form", "select", "blockquote"}
)
_BODY_IN = XPath(".//*[local-name()=$tag][@class=$cls]")
MIN_POSTS = 2  # a thread read post by post must give at least this many posts


def _body_in(post: HtmlElement, tag: str, cls: str) -> HtmlElement | None:
    if post.tag == tag and post.get("class") == cls:
        return post
    found = _BODY_IN(post, tag=tag, cls=cls)
    return found[0] if found else None


def thread_lines(posts: Sequence[HtmlElement], body: HtmlElement | None) -> list[str]:
    """The words of every post, in page order (each post's twin of `body`, the element that
    holds the first post's words); [] when fewer than `MIN_POSTS` posts give any."""
    if body is None or not posts:
        return []
    if body in posts:  # no wrapper inside the post: the post is its body
        bodies: list[HtmlElement | None] = list(posts)
    else:
        cls = body.get("class") or ""
        bodies = [_body_in(post, body.tag, cls) for post in posts]
    out: list[str] = []
    given = 0
    for element in bodies:
        if element is None:
            continue
        lines = block_lines(element, leave_out=_LEAVE_OUT)
        given += bool(lines)
        out.extend(lines)
    return out if given >= MIN_POSTS else []
