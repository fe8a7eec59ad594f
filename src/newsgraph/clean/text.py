"""Cleaning plain-text dumps (placeholder: every line is body; replaced by the real cleaner)."""

from __future__ import annotations

from datetime import datetime

from newsgraph.clean.assemble import build_article
from newsgraph.model import Article


def clean_text(
    text: str,
    *,
    url: str | None = None,
    published: datetime | None = None,
    origin: str | None = None,
    boilerplate: frozenset[str] = frozenset(),
) -> Article:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return build_article(
        title=lines[0] if lines else None,
        standfirst=None,
        paragraphs=lines[1:],
        url=url,
        published=published,
        origin=origin,
    )
