"""Lines of a plain-text dump and what each looks like: prose, a heading, a link, or chrome.

A dump has one block a line. Each non-blank line becomes a `Line` with a few measurements
(length, sentence shape, punctuation) and a `kind`:

- ``prose``: a sentence or several (long, with sentence punctuation);
- ``short``: a short line that may still belong to the article (a subheading, a short paragraph);
- ``chrome``: navigation, share buttons, cookie notices, captions' credits, bare dates, lines
  learnt as the site's boilerplate; never part of the body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from newsgraph.clean.boilerplate import normalise_line

LineKind = Literal["prose", "short", "chrome"]

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*\s*$|[.!?…][\"'”’»)\]]+\s*$")
_INNER_PUNCT = re.compile(r"[,.;:!?。、，]")
_WIDE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_SEPARATOR = re.compile(r"^\s*[-–—_=*•·|~#]+\s*$")

# Phrases of page chrome, matched against short lines (lower case, whole-line or leading).
_CHROME_PHRASES = (
    "advertisement",
    "sponsored",
    "share this",
    "share on",
    "share article",
    "share",
    "tweet",
    "email",
    "print",
    "comments",
    "comment",
    "leave a comment",
    "leave a reply",
    "post comment",
    "subscribe",
    "sign in",
    "sign up",
    "log in",
    "login",
    "register",
    "newsletter",
    "follow us",
    "read more",
    "continue reading",
    "related",
    "related articles",
    "related stories",
    "more stories",
    "recommended",
    "most read",
    "most popular",
    "trending",
    "skip to",
    "back to top",
    "cookie",
    "privacy policy",
    "terms of use",
    "terms of service",
    "all rights reserved",
    "copyright",
    "©",
    "image",
    "photo",
    "video",
    "getty images",
    "credit",
    "loading",
    "menu",
    "search",
    "close",
    "next",
    "previous",
    "home",
)
_CHROME_LEAD = re.compile(
    r"^(?:" + "|".join(re.escape(p) for p in sorted(_CHROME_PHRASES, key=len, reverse=True)) + r")"
    r"(?:\b|$)",
    re.IGNORECASE,
)
_TEASER_END = re.compile(r"(?:\.\.\.|…|\[…\]|\[\.\.\.\]|»|›)\s*$")
_CHROME_ANYWHERE = re.compile(
    r"cookie|logged in to|to post a comment|javascript|all rights reserved|©|\bcopyright\b|privacy policy|terms of (?:use|service)"
    r"|sign up for|subscribe to|newsletter|your inbox|your browser|ad blocker|click here"
    r"|follow us on|share (?:this|on)|(?:image|photo|picture)s?(?: credit)?:\s",
    re.IGNORECASE,
)
# A line that is mostly a date, a time, a byline or a reading-time note.
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATEISH = re.compile(
    rf"\b{_MONTHS}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTHS}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
    r"|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{1,2}:\d{2}\b|\b(?:updated|published|posted)\b"
    r"|\b\d+\s+(?:min(?:ute)?s?|hours?|days?)\s+(?:read|ago)\b",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:by|von|por|par|di|door|av)\s+\S", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Line:
    index: int
    text: str
    words: int
    size: float
    blank_before: bool
    sentence_end: bool
    punct: int
    kind: LineKind
    separator: bool = False

    @property
    def is_prose(self) -> bool:
        return self.kind == "prose"


def text_size(text: str) -> tuple[int, float]:
    """Word count and a length in word units (wide scripts count about two characters a word)."""
    words = len(_WORD.findall(text))
    wide = len(_WIDE_SCRIPT.findall(text))
    return words, max(float(words), wide / 2.0 + (words if not wide else 0))


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def is_separator(text: str) -> bool:
    return bool(_SEPARATOR.match(text))


def is_dateline(text: str, words: int) -> bool:
    return words <= 14 and bool(_DATEISH.search(text)) and not ends_sentence(text.rstrip(".") + "x")


def is_byline(text: str, words: int) -> bool:
    return words <= 10 and bool(_BYLINE.match(text))


def _kind(text: str, words: int, size: float, sentence_end: bool, punct: int) -> LineKind:
    if words == 0:
        return "chrome"
    if size < 6 and _CHROME_LEAD.match(text):
        return "chrome"
    if size < 25 and _CHROME_ANYWHERE.search(text):
        return "chrome"
    if size < 15 and (is_dateline(text, words) or is_byline(text, words)):
        return "chrome"
    if " | " in text and size < 20:
        return "chrome"
    if size < 30 and _TEASER_END.search(text):
        return "chrome"
    if size >= 25 or (size >= 10 and (sentence_end or punct >= 2)):
        return "prose"
    if size >= 6 and sentence_end:
        return "prose"
    return "short"


def split_lines(text: str, boilerplate: frozenset[str] = frozenset()) -> list[Line]:
    """The non-blank lines of a dump, measured and classified."""
    lines: list[Line] = []
    blank = True
    for raw in text.splitlines():
        stripped = " ".join(raw.split())
        if not stripped:
            blank = True
            continue
        words, size = text_size(stripped)
        sentence_end = ends_sentence(stripped)
        punct = len(_INNER_PUNCT.findall(stripped[:-1]))
        separator = is_separator(stripped)
        if separator or (boilerplate and normalise_line(stripped) in boilerplate):
            kind: LineKind = "chrome"
        else:
            kind = _kind(stripped, words, size, sentence_end, punct)
        lines.append(
            Line(len(lines), stripped, words, size, blank, sentence_end, punct, kind, separator)
        )
        blank = False
    return lines


PROSE_FLOOR = 6.0


def line_scores(lines: Sequence[Line]) -> list[float]:
    """Evidence that each line is article text: prose counts for it, every other line against it,
    more so the longer the stretch of non-prose lines it sits in (a menu, a list of links)."""
    scores: list[float] = []
    streak = 0
    for line in lines:
        if line.separator:
            scores.append(-25.0)
            streak += 1
        elif line.kind == "prose":
            scores.append(max(line.size - PROSE_FLOOR, 1.0))
            streak = 0
        else:
            base = 1.0 if line.kind == "short" else 3.0
            scores.append(-min(base + streak, 12.0))
            streak += 1
    return scores


def densest_run(scores: Sequence[float]) -> tuple[int, int]:
    """The span [start, end) with the largest total score (the article's core)."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += score
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span
