"""Headline, standfirst, byline, date and language of a dump, found around the body."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

from newsgraph.clean.boilerplate import normalise_line
from newsgraph.clean.text._lines import Line, ends_sentence, is_byline, is_dateline
from newsgraph.clean.titles import is_site_title

TITLE_LOOKAHEAD = 12
# A page title is a line of a few dozen words; a longer line is prose (or a whole article
# dumped on one line) and is never split into title candidates (issue 14, item 2).
TITLE_MAX_CHARS = 400
LANGUAGE_SAMPLE_CHARS = 20_000  # the language of a text is told by its opening
_SITE_SEPARATOR = re.compile(r"\s+(?:[-|–—:·•»]|::)\s+")


def _headline_and_site(line: str) -> bool:
    """A short "Headline | Site" reads as chrome (a line of links), yet it is the page title:
    two parts, the first of three words or more ("Home | News | Sport" is a menu), and no
    cookie notice ("We use cookies - accept all to continue")."""
    parts = _SITE_SEPARATOR.split(line)
    return len(parts) == 2 and len(parts[0].split()) >= 3 and "cookie" not in line.lower()


_MONTH_NUMBER = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_TIME = r"(?:,?\s*(?:at\s+)?(\d{1,2})[:.](\d{2})\s*([ap]\.?m\.?)?)?"
_ZONE = r"(?:\s*\(?\b(utc|gmt|z|est|edt|et|cst|cdt|ct|mst|mdt|pst|pdt|pt|bst|cet|cest|ist)\b\)?)?"
_MDY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}}){_TIME}{_ZONE}", re.I)
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(\d{{4}}){_TIME}{_ZONE}", re.I)
_ISO = re.compile(
    r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?"
)
_ZONE_HOURS = {
    "utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "et": -5, "cst": -6, "cdt": -5,
    "ct": -6, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7, "pt": -8, "bst": 1, "cet": 1,
    "cest": 2, "ist": 5.5,
}  # fmt: skip
_BY_NAME = re.compile(
    r"\b(?:[Bb]y|BY|[Vv]on|[Pp]or|[Pp]ar)\s+"
    r"([A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|da|al-\w+)){0,4})"
)
_STOPWORDS_TEXT = (
    "the of and to in a is that for it on was with as by at from be this have are not but"
    " an or has had were said his her their they he she its which will would been who"
)
_STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
_WORD = re.compile(r"[^\W\d_]+")
_KEY_WORD = re.compile(r"\w+")


def _hour(hour: str | None, minute: str | None, half: str | None) -> tuple[int, int]:
    if hour is None or minute is None:
        return 0, 0
    h, m = int(hour), int(minute)
    if half and half[0].lower() == "p" and h < 12:
        h += 12
    if half and half[0].lower() == "a" and h == 12:
        h = 0
    return (h, m) if h < 24 and m < 60 else (0, 0)


def _zone(name: str | None) -> timezone:
    hours = _ZONE_HOURS.get((name or "utc").lower(), 0)
    return UTC if hours == 0 else timezone(timedelta(hours=hours))


def _safe(year: int, month: int, day: int, hm: tuple[int, int], tz: timezone) -> datetime | None:
    if not 1990 <= year <= 2100:
        return None
    try:
        return datetime(year, month, day, hm[0], hm[1], tzinfo=tz)
    except ValueError:
        return None


def parse_date(text: str) -> datetime | None:
    """The first calendar date in `text` (with its time and zone when given), timezone-aware."""
    if match := _ISO.search(text):
        year, month, day, hour, minute, zone = match.groups()
        tz: timezone = UTC
        if zone and zone != "Z":
            sign = -1 if zone[0] == "-" else 1
            digits = zone[1:].replace(":", "")
            tz = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
        return _safe(int(year), int(month), int(day), _hour(hour, minute, None), tz)
    if match := _MDY.search(text):
        month, day, year, hour, minute, half, zone = match.groups()
    elif match := _DMY.search(text):
        day, month, year, hour, minute, half, zone = match.groups()
    else:
        return None
    month_number = _MONTH_NUMBER[month[:3].lower()]
    return _safe(int(year), month_number, int(day), _hour(hour, minute, half), _zone(zone))


def title_key(text: str) -> str:
    """Words only, case-folded: "Doesn’t run." and "doesn't run" share a key."""
    return " ".join(_KEY_WORD.findall(normalise_line(text)))


def _title_candidates(first: str) -> list[str]:
    parts = _SITE_SEPARATOR.split(first)
    candidates = [first]
    for cut in range(len(parts) - 1, 0, -1):
        candidates.append(" ".join(parts[:cut]))
    candidates.extend(part for part in parts if len(part.split()) >= 3)
    return candidates


def _strip_site(first: str) -> str:
    parts = _SITE_SEPARATOR.split(first)
    while len(parts) > 1 and len(parts[-1].split()) <= 5:
        parts.pop()
    return " - ".join(parts) if len(parts) > 1 else parts[0]


def _prose_follows(lines: Sequence[Line], index: int) -> bool:
    window = lines[index + 1 : index + 1 + TITLE_LOOKAHEAD]
    return any(line.kind == "prose" and line.size >= 12 for line in window)


def mark_site_title(lines: list[Line]) -> list[Line]:
    """`lines` with a first line that names the site or its front page, not an article
    ("Homepage - The Daily Example", "Home"), marked as chrome: never the headline."""
    if lines and lines[0].kind != "chrome" and is_site_title(_strip_site(lines[0].text)):
        lines[0] = replace(lines[0], kind="chrome")
    return lines


def find_title(lines: Sequence[Line]) -> tuple[str | None, int | None]:
    """The headline and the index of the line that carries it just before the article.

    The first line of a dump is usually the page title ("Headline - Site"); the headline shows
    again above the article. The anchor is the first repeat followed by prose, else line 0.
    """
    if not lines:
        return None, None
    first = lines[0].text
    if lines[0].words < 3:  # "Home", "Menu": navigation, no title
        return None, None
    if lines[0].kind == "chrome" and not _headline_and_site(first):
        return None, None
    if len(first) > TITLE_MAX_CHARS:
        return None, None
    wanted = {title_key(c): c for c in _title_candidates(first)}
    wanted.pop("", None)
    for line in lines[1:]:
        if len(line.text) > TITLE_MAX_CHARS:
            continue
        key = title_key(line.text)
        if key in wanted and _prose_follows(lines, line.index):
            return line.text, line.index
    title = _strip_site(first)
    if lines[0].kind == "prose" and ends_sentence(first):
        return None, None
    return title, 0


def _headline_like(line: Line) -> bool:
    return line.kind != "chrome" and 3 <= line.words <= 25 and not ends_sentence(line.text)


def heading_before(lines: Sequence[Line], start: int) -> int | None:
    """A headline-like line just above the body, for dumps whose first line is no title.

    When two such lines stand together above the body, the upper one is the headline and the
    lower one its standfirst.
    """
    for i in range(start - 1, max(-1, start - 8), -1):
        if _headline_like(lines[i]):
            return i - 1 if i > 0 and _headline_like(lines[i - 1]) else i
    return None


def is_standfirst(line: Line) -> bool:
    """A summary line: one sentence of some length, with no full stop after it."""
    return line.kind == "prose" and 8 <= line.words <= 60 and not ends_sentence(line.text)


def find_byline(lines: Sequence[Line]) -> str | None:
    for line in lines:
        candidate = is_byline(line.text, line.words) or (
            line.words <= 16 and is_dateline(line.text, line.words)
        )
        if candidate and (match := _BY_NAME.search(line.text)):
            words = match.group(1).strip(" .,").split()
            half = len(words) // 2
            if half and len(words) % 2 == 0 and words[:half] == words[half:]:
                words = words[:half]  # "Sean Martin Sean Martin": a name and its link
            return " ".join(words)
    return None


def find_date(lines: Sequence[Line]) -> datetime | None:
    """The date of the first line that is mostly a date (a dateline, not a sentence)."""
    for line in lines:
        if is_dateline(line.text, line.words) and (when := parse_date(line.text)):
            return when
    return None


def looks_english(text: str, *, min_words: int = 20, min_share: float = 0.12) -> bool | None:
    """True or False when there are enough words to tell, None otherwise."""
    words = [w.lower() for w in _WORD.findall(text, 0, LANGUAGE_SAMPLE_CHARS)]
    if len(words) < min_words:
        return None
    share = sum(1 for w in words if w in _STOPWORDS) / len(words)
    return share >= min_share
