"""Cleaning HTML pages (placeholder around trafilatura; replaced by the real cleaner)."""

from __future__ import annotations

from newsgraph.clean.assemble import build_article
from newsgraph.model import Article


def clean_html(html: str, *, url: str | None = None, origin: str | None = None) -> Article:
    import trafilatura

    body = trafilatura.extract(html, url=url) or ""
    return build_article(title=None, standfirst=None, paragraphs=body.split("\n"), url=url, origin=origin)
