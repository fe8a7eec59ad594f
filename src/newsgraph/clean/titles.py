"""Site-wide titles: the name a page shares with every other page of its site.

A page's `<title>`, a feed item's title or a JSON object's `title` is sometimes the site's own
name or the name of its front page ("Home", "Welcome", "Daily Example") rather than the
article's headline. Such a title never beats the article's own headline, and is never taken for
one where the article has none.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")

# What sites call their front page or an untitled page, in any case and punctuation.
GENERIC_PAGE_NAMES = frozenset(
    {
        "home",
        "homepage",
        "home page",
        "front page",
        "frontpage",
        "main page",
        "start page",
        "index",
        "welcome",
        "untitled",
        "untitled document",
        "untitled page",
        "news",
        "latest news",
        "top stories",
    }
)


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def is_site_title(title: str | None, site_name: str | None = None) -> bool:
    """True when `title` names the site or its front page, not one article: a generic page
    name ("Home", "Welcome", "Untitled") or the site's own name (`site_name`)."""
    key = _key(title or "")
    if not key:
        return False
    return key in GENERIC_PAGE_NAMES or (site_name is not None and key == _key(site_name))
