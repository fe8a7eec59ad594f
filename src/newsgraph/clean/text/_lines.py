"""Lines of a plain-text dump and what each looks like: prose, a heading, a link, or chrome.

A dump has one block a line. Each non-blank line becomes a `Line` with a few measurements
(length, sentence shape, punctuation) and a `kind`:

- ``prose``: a sentence or several (long, with sentence punctuation);
- ``short``: a short line that may still belong to the article (a subheading, a short paragraph);
- ``chrome``: navigation, share buttons, cookie notices, captions' credits, bare dates, lines
  learnt as the site's boilerplate; never part of the body.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from newsgraph.clean.boilerplate import normalise_line

LineKind = Literal["prose", "short", "chrome"]

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…:;。！？][\"'”’»)\]」』]*\s*$")
_INNER_PUNCT = re.compile(r"[,.;:!?。、，]")
_WIDE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_SEPARATOR = re.compile(r"^\s*[-–—_=|~]+\s*$")

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
_COOKIE_NOTICE = re.compile(
    r"\bcookies?\b.*\b(?:website|browser|consent|browsing|experience|opt[- ]out)\b"
    r"|\b(?:website|browser|consent|browsing|experience)\b.*\bcookies?\b",
    re.IGNORECASE,
)
_NOTICE = re.compile(
    r"internet explorer|(?:update|upgrade) (?:your|to a (?:modern|newer)) browser"
    r"|for your personal,? non-?commercial use|subject to copyright|all rights reserved"
    r"|without (?:the )?(?:prior )?(?:express )?written permission|^citation:",
    re.IGNORECASE,
)
_CHROME_ANYWHERE = re.compile(
    r"cookie|logged in to|to post a comment|javascript|all rights reserved|©|\bcopyright\b"
    r"|privacy policy|terms of (?:use|service)"
    r"|sign up for|subscribe to|newsletter|your inbox|your browser|ad blocker|click here"
    r"|follow (?:us|\w+(?: \w+)?) on (?:twitter|facebook|instagram)|share (?:this|on)"
    r"|(?:image|photo|picture)s?(?: credit)?:\s",
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
_DATE_WORDS_TEXT = (
    "updated published posted modified last on at by am pm a m p est edt et gmt utc pst pdt cst"
    " cdt bst cet cest ist z t read min mins minute minutes hour hours hr hrs ago day days date"
    " time monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs"
    " fri sat sun january february march april may june july august september october november"
    " december jan feb mar apr jun jul aug sep sept oct nov dec st nd rd th of"
)
_DATE_WORDS = frozenset(_DATE_WORDS_TEXT.split())
DATELINE_OTHER_WORDS = 5
_CAPTION = re.compile(
    r"^(?:above|below|top|left|right|pictured|photo|image|file)\s*:|\b(?:photo|image|picture)s?"
    r"\s*(?:credit)?\s*:|\bcredit\s*:|getty images|\bshutterstock\b|\(AP Photo\b|/AP\b"
    r"|\(AP\)\s*$|/AFP\b|\bReuters/|^\d+\s+of\s+\d+\b|^image caption\b",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:by|von|por|par|di|door|av)\s+\S", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Line:
    index: int
    text: str
    words: int
    size: float
    sentence_end: bool
    punct: int
    kind: LineKind
    separator: bool = False
    key: str = ""


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
    """A line that is mostly a date or time ("Updated 9:08 am EST, Nov 19, 2019", "Posted by
    Jo Lee on 19 November 2019"): a few other words at most, so list items that start with a
    date ("June 9 – Tampa, FL @ Arena") are not taken for one."""
    if words > 16 or not _DATEISH.search(text):
        return False
    rest = [w for w in _WORD.findall(_DATEISH.sub(" ", text)) if not w.isdigit()]
    return sum(1 for w in rest if w.lower() not in _DATE_WORDS) <= DATELINE_OTHER_WORDS


def is_byline(text: str, words: int) -> bool:
    return words <= 16 and bool(_BYLINE.match(text))


def is_caption(text: str) -> bool:
    """A photo caption or credit: "Above: …", "… (Photo: AP)", "… Credit: Getty Images"."""
    return bool(_CAPTION.search(text))


def _kind(text: str, words: int, size: float, sentence_end: bool, punct: int) -> LineKind:
    if words == 0:
        return "chrome"
    if size < 6 and _CHROME_LEAD.match(text):
        return "chrome"
    if (size < 150 and _COOKIE_NOTICE.search(text)) or (size < 80 and _NOTICE.search(text)):
        return "chrome"
    if size < 25 and _CHROME_ANYWHERE.search(text):
        return "chrome"
    if size < 20 and (is_dateline(text, words) or is_byline(text, words)):
        return "chrome"
    if size < 40 and is_caption(text):
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


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + 4]) for i in range(max(0, len(words) - 3))}


def mark_copies(lines: list[Line]) -> list[Line]:
    """A very long line made mostly of earlier lines' text (a page's metadata copy of the
    article) is chrome: the article is already there."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for i, line in enumerate(lines):
        checked = line.words >= COPY_MIN_WORDS and bool(seen)
        if checked or i < len(lines) - 1:  # the last line's shingles serve nothing after it
            grams = _shingles(line.text)
            if checked and grams and len(grams & seen) >= 0.6 * len(grams):
                line = replace(line, kind="chrome")
            seen |= grams
        out.append(line)
    return out


def _opening_words(text: str, count: int) -> str:
    """The first `count` words, lower-cased, without reading the rest of a long line."""
    return " ".join(m.group().lower() for m in itertools.islice(_WORD.finditer(text), count))


def mark_echoes(lines: list[Line]) -> list[Line]:
    """Prose lines whose opening words recur on nearby lines, three times or more: the captions
    of a photo gallery or a carousel of teasers, not paragraphs."""
    keys = [_opening_words(line.text, ECHO_WORDS) for line in lines]
    out = []
    for i, line in enumerate(lines):
        if line.kind == "prose" and line.words >= ECHO_WORDS:
            near = keys[max(0, i - ECHO_WINDOW) : i + ECHO_WINDOW + 1]
            if near.count(keys[i]) >= ECHO_COPIES:
                line = replace(line, kind="chrome")
        out.append(line)
    return out


# Characters that draw nothing (zero-width space, joiners, word joiner, byte-order mark): a line
# of them is blank to a reader, though not to `str.split`. Scraped pages leave them around
# embeds and ad slots.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def split_lines(text: str, boilerplate: frozenset[str] = frozenset()) -> list[Line]:
    """The non-blank lines of a dump, measured and classified."""
    lines: list[Line] = []
    for raw in text.splitlines():
        stripped = " ".join(raw.split()).strip(_INVISIBLE).strip()
        if not stripped:
            continue
        words, size = text_size(stripped)
        sentence_end = ends_sentence(stripped)
        punct = len(_INNER_PUNCT.findall(stripped[:-1]))
        separator = is_separator(stripped)
        key = normalise_line(stripped) if len(stripped) <= KEY_MAX_CHARS else stripped.casefold()
        if separator or key in boilerplate:
            kind: LineKind = "chrome"
        else:
            kind = _kind(stripped, words, size, sentence_end, punct)
        lines.append(
            Line(len(lines), stripped, words, size, sentence_end, punct, kind, separator, key)
        )
    return mark_echoes(mark_copies(lines))


# Keys serve boilerplate lines and repeats; a longer line gets a cheap case-folded key.
KEY_MAX_CHARS = 2000
PROSE_FLOOR = 6.0
SEPARATOR_PENALTY = 1000.0
ISOLATED_WEIGHT = 0.25
STREAK_RESET = 25.0
MAX_PENALTY = 15.0
REPEAT_PENALTY = 2.0
COPY_MIN_WORDS = 100
ECHO_WORDS = 8
ECHO_COPIES = 3
ECHO_WINDOW = 10


def _isolated(lines: Sequence[Line], i: int) -> bool:
    """A prose line with no prose line next to it (a teaser between headlines, a caption)."""
    before = i > 0 and lines[i - 1].kind == "prose"
    after = i + 1 < len(lines) and lines[i + 1].kind == "prose"
    return not before and not after


def line_scores(lines: Sequence[Line]) -> list[float]:
    """Evidence that each line is article text: prose counts for it, every other line against it,
    more so the longer the stretch of non-prose lines it sits in (a menu, a list of links)."""
    scores: list[float] = []
    streak = 0
    seen: set[str] = set()
    for line in lines:
        repeated = line.key in seen
        seen.add(line.key)
        if line.separator:
            scores.append(-SEPARATOR_PENALTY)
            streak += 1
        elif line.kind == "prose":
            weight = ISOLATED_WEIGHT if _isolated(lines, line.index) else 1.0
            scores.append(max(line.size - PROSE_FLOOR, 1.0) * weight)
            streak = 0 if line.size >= STREAK_RESET else streak // 2
        else:
            base = 1.0 if line.kind == "short" else 3.0
            if repeated:
                base += REPEAT_PENALTY
            scores.append(-min(base + streak, MAX_PENALTY))
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
