"""Build an `Article` from the parts a cleaner found, with `text` laid out as
title, blank line, standfirst, blank line, body paragraphs separated by blank lines."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from newsgraph.ids import content_hash, site_of
from newsgraph.model import Article, Related

PARAGRAPH_SEP = "\n\n"


def build_article(
    *,
    title: str | None,
    standfirst: str | None,
    paragraphs: Sequence[str],
    related: Sequence[Related] = (),
    byline: str | None = None,
    published: datetime | None = None,
    url: str | None = None,
    source: str | None = None,
    language: str | None = None,
    origin: str | None = None,
    flags: Sequence[str] = (),
) -> Article:
    body = PARAGRAPH_SEP.join(p.strip() for p in paragraphs if p.strip())
    head = [part.strip() for part in (title, standfirst) if part and part.strip()]
    prefix = PARAGRAPH_SEP.join(head)
    text = prefix + PARAGRAPH_SEP + body if prefix and body else prefix or body
    body_start = len(text) - len(body) if body else len(text)
    return Article(
        id=content_hash(text),
        title=title.strip() if title else None,
        standfirst=standfirst.strip() if standfirst else None,
        body=body,
        byline=byline,
        published=published,
        url=url,
        source=source or site_of(url),
        language=language,
        text=text,
        body_start=body_start,
        related=list(related),
        origin=origin,
        flags=list(flags),
    )
