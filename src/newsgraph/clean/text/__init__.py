"""Cleaning plain-text dumps: one block a line, the article somewhere among menus and teasers.

`clean_text` splits the dump into measured lines (`_lines`), drops the site's learnt
boilerplate when given (`boilerplate`), finds the headline and the line that repeats it above
the article (`_meta`), takes the densest run of prose after it as the body (`_body`),
a summary line between headline and body as the standfirst, and the block after the body as
related stories (`_related`). Dates and bylines come from the short lines around the body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime

from newsgraph.clean.assemble import build_article
from newsgraph.clean.language import guess_language
from newsgraph.clean.text._body import BodySpan, find_body
from newsgraph.clean.text._lines import Line, is_byline, is_caption, is_dateline, split_lines
from newsgraph.clean.text._meta import (
    LANGUAGE_SAMPLE_CHARS,
    find_byline,
    find_date,
    find_title,
    heading_before,
    is_standfirst,
    looks_english,
    mark_site_title,
    title_key,
)
from newsgraph.clean.text._related import find_related
from newsgraph.errors import E_EMPTY, InputError
from newsgraph.model import Article

__all__ = ["clean_text"]  # the public names; the rest is private

HEAD_WINDOW = 8
# Lone surrogates (JSON escapes such as "\\ud800", bad decodes) cannot be encoded or hashed.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _stops_paragraphs(lines: Sequence[Line], keep: Sequence[int]) -> bool:
    """Whether most of the body's prose paragraphs end with a full stop: only then does a first
    paragraph without one stand apart as a summary. Sites that end no paragraph with a stop
    would otherwise lose their opening paragraph to the standfirst."""
    prose = [lines[i] for i in keep if lines[i].kind == "prose"]
    return 2 * sum(1 for line in prose if line.sentence_end) > len(prose)


def _dated(lines: Sequence[Line], start: int, end: int) -> bool:
    """Whether a dateline or byline stands among `lines[start:end]`.

    A page sets headline, standfirst, then the byline and date, then the body: a line below the
    date ("Headline / May 3, 2021 / It was the wettest spring…") opens the body, even without a
    full stop, and a prose line above it ("Headline / The river rose a metre overnight. / By Jo
    Lee / May 3, 2021 / …") is the summary, even with one.
    """
    return any(
        is_dateline(line.text, line.words) or is_byline(line.text, line.words)
        for line in lines[start:end]
    )


def _standfirst(
    lines: Sequence[Line], anchor: int | None, title: str | None, span: BodySpan
) -> tuple[str | None, BodySpan]:
    """A summary line between the headline and the body, or opening the body without a full stop.

    Returns the standfirst and the body without it.
    """
    if not span.keep:
        return None, span
    first = span.keep[0]
    opens_body = anchor is not None and first - anchor <= 2 and len(span.keep) >= 3
    if opens_body and anchor is not None and not _dated(lines, anchor + 1, first):
        summary = is_standfirst(lines[first]) and _stops_paragraphs(lines, span.keep[1:])
        if summary or _dated(lines, first + 1, span.keep[1]):
            return lines[first].text, BodySpan(span.start, span.end, span.keep[1:])
    low = anchor + 1 if anchor is not None else first - HEAD_WINDOW
    heading = title_key(title or "")
    for line in lines[max(0, low, first - HEAD_WINDOW) : first]:
        if line.kind == "chrome" or line.words < 8 or is_caption(line.text):
            continue
        if is_byline(line.text, line.words) or is_dateline(line.text, line.words):
            continue
        if heading and (title_key(line.text) in heading or heading in title_key(line.text)):
            continue
        return line.text, span
    return None, span


def _near_anchor(
    lines: Sequence[Line], anchor: int | None, span: BodySpan, *, titled: bool
) -> int | None:
    """The headline line that opens the body: the title anchor when it sits just above the
    body, else a headline-like line there that repeats part of the page title (or any such
    line when the dump opens with navigation instead of a page title)."""
    if not span.keep:
        return anchor
    first = span.keep[0]
    if anchor is not None and 0 <= first - anchor <= HEAD_WINDOW:
        return anchor
    nearer = heading_before(lines, first)
    if nearer is not None and (
        not titled or title_key(lines[nearer].text) in title_key(lines[0].text)
    ):
        return nearer
    return None


def clean_text(
    text: str,
    *,
    url: str | None = None,
    published: datetime | None = None,
    origin: str | None = None,
    boilerplate: frozenset[str] = frozenset(),
) -> Article:
    """Clean a plain-text dump into an `Article` (headline, standfirst, body, related stories).

    `boilerplate` holds normalised lines learnt from other dumps of the same site (see
    `newsgraph.clean.boilerplate.learn_boilerplate`); such lines never enter the article.
    """
    if not text or not text.strip():
        raise InputError("empty text", origin=origin, code=E_EMPTY)
    text = _SURROGATE.sub("\ufffd", text)
    lines = mark_site_title(split_lines(text, boilerplate))
    title, anchor = find_title(lines)
    span = find_body(lines, anchor=anchor)
    anchor = _near_anchor(lines, anchor, span, titled=title is not None)
    if anchor is not None and (anchor > 0 or title is None):
        title = lines[anchor].text
    standfirst, span = _standfirst(lines, anchor, title, span)
    paragraphs = [lines[i].text for i in span.keep]
    around = lines[max(0, span.start - HEAD_WINDOW) : span.start] if lines else []
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    when = published or find_date(around) or find_date(lines[span.start : span.end])
    flags = []
    if not paragraphs:
        flags.append("empty_body")
    sample = " ".join(paragraphs) or text
    english = looks_english(sample)
    language = None
    if english is False:
        flags.append("non_english")
        guessed = guess_language(sample[:LANGUAGE_SAMPLE_CHARS])
        language = guessed if guessed != "en" else None  # the analysis picks its model by it
    return build_article(
        title=title,
        standfirst=standfirst,
        paragraphs=paragraphs,
        related=find_related(lines, span.end),
        byline=find_byline(around),
        published=when,
        url=url,
        language=language,
        origin=origin,
        flags=flags,
    )
