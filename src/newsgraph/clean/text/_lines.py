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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal, NamedTuple

from newsgraph.clean.boilerplate import normalise_line

LineKind = Literal["prose", "short", "chrome"]

_WORD = re.compile(r"\w+")
# Combining vowel signs and marks (Latin accents, Hebrew points, Arabic harakat, the Indic
# scripts) are not `\w`: "शनिवार" would count as four words. Counting words, they join
# the letters around them.
_MARKED_WORD = re.compile(
    r"[\w\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    r"\u0900-\u0963\u0966-\u0dff\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff]+"
)
# Sentence ends of other scripts: the danda of the Indic scripts (।, ॥), the Arabic question
# mark (؟) and the Urdu full stop (۔), the Armenian (։), Ethiopic (።), Myanmar (။), Khmer (។)
# and Tibetan (།) full stops, besides the Latin and the Chinese and Japanese ones.
_SENTENCE_END = re.compile(r"[.!?…:;。！？।॥؟۔։።။។།][\"'”’»)\]」』]*\s*$")
# A sentence's own end (a full stop, a question or an exclamation mark), not a colon that
# announces a list or a link ("More stories:").
_FULL_STOP = re.compile(r"[.!?。！？।॥؟۔։።။។།][\"'”’»)\]」』]*\s*$")
_INNER_PUNCT = re.compile(r"[,.;:!?。、，،؛।၊]")
_WIDE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# Scripts written without spaces between words (Thai, Lao, Tibetan, Myanmar, Khmer): a line
# is one or two `\w` runs however long it is, so its length is told by its characters.
_UNSPACED_SCRIPT = re.compile(r"[\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff]")
UNSPACED_CHARS_PER_WORD = 4.0
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
    r"\b(?:we use|utilizziamo|usiamo|nous utilisons|wir (?:verwenden|nutzen)|utilizamos|usamos"
    r"|wij gebruiken|vi (?:använder|bruger|bruker)|używamy)\b.{0,40}\bcookies?\b"
    r"|\bcookies?\b.*\b(?:website|browser|consent|browsing|experience|opt[- ]out)\b"
    r"|\b(?:website|browser|consent|browsing|experience)\b.*\bcookies?\b",
)
_NOTICE = re.compile(
    r"internet explorer|(?:update|upgrade) (?:your|to a (?:modern|newer)) browser"
    r"|\bif you (?:enjoyed|liked|value) (?:this|our|reading)|\bsign up (?:for|to) our\b"
    r"|\bsubscribe (?:to|for) our\b|delivered (?:straight |directly )?to your inbox"
    r"|for your personal,? non-?commercial use|subject to copyright|all rights reserved"
    r"|without (?:the )?(?:prior )?(?:express )?written permission|^citation:",
)
# Notices whose words a news sentence may also use ("Police urged commuters to follow the
# harbour authority on Twitter"): chrome only on a short line of its own ("Follow us on
# Instagram", "All names are registered trademarks of their owners").
_SHORT_NOTICE = re.compile(
    r"\bfollow (?:\S+ ){0,6}on (?:twitter|facebook|instagram)\b"
    r"|\bare (?:registered )?trademarks of\b"
)
_SHORT_NOTICE_WORDS = 15

# A newsletter form's own messages ("You have successfully subscribed. Thank you!", "An email
# with an activation link has been sent …", "Stay up to date with Acme."): the sign-up box,
# printed under every story of the site. Tried only on lines that hold one of its words.
_FORM_MESSAGE = re.compile(
    r"\bsucc?ess?fully subscribed\b|\bthank you for subscribing\b|\bactivation link\b"
    r"|\bfill (?:in |out )?the form to subscribe\b|^stay (?:up to date|informed|in touch) with\b"
)


def _form_message(low: str) -> bool:
    cue = "subscri" in low or "activation" in low or low.startswith("stay ")
    return cue and bool(_FORM_MESSAGE.search(low))


# The label line that lists a story's tags or sections under it or beside the date ("Filed
# Under: Floods, Weather, Vellmar"; "Tags: budget, council"): the publishing system's index
# terms, never a sentence of the story.
_TAG_LINE = re.compile(
    r"^(?:filed under|tagged(?: with| in)?|tags?|topics?|categor(?:y|ies)|posted in|labels?)"
    r"\s*:",
)
# A link to another story set inside the article under a label ("Read more: Ferry fares rise",
# "RELATED: Council names harbour master", "Also on vellmarpost.com …", "(Leggi anche: …)"):
# the label is the page's, the headline another article's.
_LINK_LABEL = re.compile(
    r"^[(\[]?\s*(?:(?:related|read more|read also|also read|read next|see more|see also"
    r"|more on this|watch more|also|more|leggi anche|lire aussi|à lire aussi|lesen sie auch"
    r"|lea también"
    r"|leia também)(?: (?:on|at|su|sur|auf|en|em)(?: [\w.-]+)?)?\s*[:|]|also on [\w-]+\.\w+"
    r"|(?:on|at) [\w-]+\.(?:com|org|net|co\.uk)\s*:)",
)
# The credit line under a wire or staff story ("Jo Lee contributed reporting from Tallinn.",
# "(Reporting by Jo Lee; editing by Sam Roe)"): the newsroom's note, not the story. An open
# "Additional reporting by …" line stays: papers print it as the story's last line, and an
# updated copy of a story may differ from the first by that line alone.
_CREDIT_LINE = re.compile(
    r"\bcontributed (?:reporting|to (?:this|the) (?:report|story|article))"
    r"|^[(\[](?:additional )?(?:reporting|writing|editing|compiled) by\b",
)
_CHROME_ANYWHERE = re.compile(
    r"cookie|logged in to|to post a comment|javascript|all rights reserved|©|\bcopyright\b"
    r"|privacy policy|terms of (?:use|service)"
    r"|sign up for|subscribe to|newsletter|your inbox|your browser|ad blocker|click here"
    r"|follow (?:us|\w+(?: \w+)?) on (?:twitter|facebook|instagram)|share (?:this|on)"
    r"|(?:image|photo|picture)s?(?: credit)?:\s",
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
    r"^(?:above|below|top|left|right|pictured|photo|photograph|image|file)\s*:"
    r"|\b(?:photo|image|picture)s?"
    r"\s*(?:credit)?\s*:|\bcredit\s*:|getty images|\bshutterstock\b|\(AP Photo\b|/AP\b"
    r"|\(AP\)\s*$|/AFP\b|\bReuters/|^\d+\s+of\s+\d+\b|^(?:image|media|video) caption\b"
    r"|\bcredit\s*(?:\.\.\.|…)",
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
    stamp: bool = False


def text_size(text: str) -> tuple[int, float]:
    """Word count and a length in word units: wide scripts (Chinese, Japanese, Korean) count
    about two characters a word, scripts written without spaces about four."""
    words = len(_MARKED_WORD.findall(text))
    wide = len(_WIDE_SCRIPT.findall(text))
    unspaced = len(_UNSPACED_SCRIPT.findall(text)) if not text.isascii() else 0
    if not wide and not unspaced:
        return words, float(words)
    return words, max(float(words), wide / 2.0 + unspaced / UNSPACED_CHARS_PER_WORD)


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


# A roll of names, optionally under a label ("Harlow: Banks, Reid, Osei (Carr 75), Dunn, …",
# "Cast: …"): `NAME_ROLL_ITEMS` or more comma-separated items of at most three words each.
_ROLL_ITEM = re.compile(r"^[^\W\d_][\w.'’-]*(?:\s+[\w.'’-]+){0,2}(?:\s*\([^)]{0,20}\))?$")
NAME_ROLL_ITEMS = 6


def is_name_roll(text: str) -> bool:
    """A line-up, a cast or a squad list: its commas separate names, not clauses, so it reads
    as prose by its punctuation but is a data box beside the story, not a paragraph."""
    if text.count(",") < NAME_ROLL_ITEMS - 1 or _FULL_STOP.search(text):
        return False
    label, colon, rest = text.partition(":")
    items = (rest if colon and len(label.split()) <= 3 else text).split(",")
    return all(_ROLL_ITEM.match(item.strip()) for item in items)


def _kind(text: str, words: int, size: float, sentence_end: bool, punct: int) -> LineKind:
    if words == 0:
        return "chrome"
    if punct >= NAME_ROLL_ITEMS - 1 and size < 60 and is_name_roll(text):
        return "short"
    if size < 6 and _CHROME_LEAD.match(text):
        return "chrome"
    # The phrase patterns are written in lower case and run on the lower-cased line: matching
    # without IGNORECASE is several times faster, and most lines of a dump pass through here.
    low = text.lower() if size < 150 else ""
    if size <= _SHORT_NOTICE_WORDS and _SHORT_NOTICE.search(low):
        return "chrome"
    if (size < 150 and _COOKIE_NOTICE.search(low)) or (size < 80 and _NOTICE.search(low)):
        return "chrome"
    if size < 80 and _form_message(low):
        return "chrome"
    if size < 25 and _CHROME_ANYWHERE.search(low):
        return "chrome"
    if size < 20 and (is_dateline(text, words) or is_byline(text, words)):
        return "chrome"
    if size < 40 and (is_caption(text) or _TAG_LINE.match(low)):
        return "chrome"
    if size < 30 and (_LINK_LABEL.match(low) or _CREDIT_LINE.search(low)):
        return "chrome"
    if " | " in text and (size < 20 or size < LINK_LIST_WORDS * (text.count(" | ") + 1)):
        return "chrome"
    if size < 30 and _TEASER_END.search(text):
        return "chrome"
    if size >= 25 or (size >= 10 and (sentence_end or punct >= 2)):
        return "prose"
    if size >= 6 and sentence_end:
        return "prose"
    if words >= FULL_STOP_MIN_WORDS and _FULL_STOP.search(text):
        return "prose"  # "Nobody was hurt.": a sentence, though short; menus end in no stop
    return "short"


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return set(zip(words, words[1:], words[2:], words[3:], strict=False))  # each run of four


def mark_copies(lines: list[Line]) -> list[Line]:
    """A very long line made mostly of earlier lines' text (a page's metadata copy of the
    article) is chrome: the article is already there."""
    seen: set[tuple[str, ...]] = set()
    out = []
    # Only a line that long is checked: the lines after the last one need no shingles.
    last = max((i for i, line in enumerate(lines) if line.words >= COPY_MIN_WORDS), default=-1)
    for line in lines[: last + 1]:
        checked = line.words >= COPY_MIN_WORDS and bool(seen)
        grams = _shingles(line.text)
        if checked and grams and len(grams & seen) >= 0.6 * len(grams):
            line = replace(line, kind="chrome")
        seen |= grams
        out.append(line)
    return out + lines[last + 1 :]


def _opening_words(text: str, count: int) -> str:
    """The first `count` words, lower-cased, without reading the rest of a long line."""
    return " ".join(m.group().lower() for m in itertools.islice(_WORD.finditer(text), count))


# What ends a line cut off with an ellipsis, before any trailing space: as the pattern
# r"(?:\.\.\.|…|\[…\]|\[\.\.\.\])\s*$" finds, without trying it at every character of the line.
_TRUNCATED_ENDS = ("...", "…", "[…]", "[...]")


def _truncated(text: str) -> bool:
    return text.rstrip().endswith(_TRUNCATED_ENDS)


def mark_teaser_runs(lines: list[Line]) -> list[Line]:
    """Lines cut off with an ellipsis next to another such line are a list of teasers
    ("Council names new harbour master The post has been empty since…"), however long: one
    paragraph may trail off, two in a row are the site cutting its summaries to length."""
    cut = [_truncated(line.text) for line in lines]
    out = []
    for i, line in enumerate(lines):
        paired = (i > 0 and cut[i - 1]) or (i + 1 < len(lines) and cut[i + 1])
        if cut[i] and paired and line.kind != "chrome":
            line = replace(line, kind="chrome")
        out.append(line)
    return out


_GALLERY_NUMBER = re.compile(r"^(\d{1,3})\s+of\s+(\d{1,3})\b")


def mark_gallery(lines: list[Line]) -> list[Line]:
    """Captions of a slideshow, numbered "1 of 4 …", "2 of 4 …": however long, a line whose
    number continues a neighbour's count of the same total is a caption. (A sentence may open
    on "1 of 4 voters"; the next one does not open on "2 of 4".)"""
    numbers = [_GALLERY_NUMBER.match(line.text) for line in lines]
    slides = [(int(m.group(1)), m.group(2)) if m else None for m in numbers]
    out = []
    for i, line in enumerate(lines):
        slide = slides[i]
        if slide is not None and line.kind != "chrome":
            near = slides[max(0, i - GALLERY_WINDOW) : i + GALLERY_WINDOW + 1]
            if any(s and s[1] == slide[1] and abs(s[0] - slide[0]) == 1 for s in near):
                line = replace(line, kind="chrome")
        out.append(line)
    return out


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


# A live blog's post time on a line of its own ("17:42", "9.05am", "23:55 BREAKING", "10:30 GMT").
_CLOCK_STAMP = re.compile(
    r"^\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.|h|uhr))?(?:\s+\S+){0,2}$", re.IGNORECASE
)


def mark_live_stamps(lines: list[Line]) -> list[Line]:
    """The time stamps of a live blog: on a page with `LIVE_MIN_STAMPS` or more lines that are
    only a clock time (a word or two beside it at most) each followed by prose, those lines
    head the blog's posts. They are short lines of the story, not dates to drop, and the post
    under one is no isolated teaser though it may be one paragraph long. A lone time under a
    byline ("10:32") stays chrome."""
    heads = [
        i
        for i, line in enumerate(lines[:-1])
        if line.words <= 4 and lines[i + 1].kind == "prose" and _CLOCK_STAMP.match(line.text)
    ]
    if len(heads) < LIVE_MIN_STAMPS:
        return lines
    out = list(lines)
    for i in heads:
        out[i] = replace(lines[i], kind="short", stamp=True)
    return out


# Characters that draw nothing (zero-width space, joiners, word joiner, byte-order mark): a line
# of them is blank to a reader, though not to `str.split`. Scraped pages leave them around
# embeds and ad slots.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


class _Measure(NamedTuple):
    """What a line's text alone says of it (`Line` without its place and the site's lines)."""

    words: int
    size: float
    sentence_end: bool
    punct: int
    separator: bool
    key: str
    kind: LineKind  # before the site's boilerplate is looked up


def _measure(stripped: str) -> _Measure:
    words, size = text_size(stripped)
    sentence_end = ends_sentence(stripped)
    punct = len(_INNER_PUNCT.findall(stripped[:-1]))
    separator = is_separator(stripped)
    key = normalise_line(stripped) if len(stripped) <= KEY_MAX_CHARS else stripped.casefold()
    kind: LineKind = "chrome" if separator else _kind(stripped, words, size, sentence_end, punct)
    return _Measure(words, size, sentence_end, punct, separator, key, kind)


# A site prints the same short lines on every page (menus, share buttons, credits, section
# names): their measurements are kept for the next dump. Only short lines, so the cache stays
# small (`CACHED_LINES` of at most `CACHED_LINE_CHARS` characters) and prose never fills it.
CACHED_LINES = 8192
CACHED_LINE_CHARS = 200
_measure_short = lru_cache(maxsize=CACHED_LINES)(_measure)


def split_lines(text: str, boilerplate: frozenset[str] = frozenset()) -> list[Line]:
    """The non-blank lines of a dump, measured and classified."""
    lines: list[Line] = []
    for raw in text.splitlines():
        stripped = " ".join(raw.split()).strip(_INVISIBLE).strip()
        if not stripped:
            continue
        short = len(stripped) <= CACHED_LINE_CHARS
        words, size, sentence_end, punct, separator, key, kind = (
            _measure_short(stripped) if short else _measure(stripped)
        )
        if key in boilerplate:
            kind = "chrome"
        lines.append(
            Line(len(lines), stripped, words, size, sentence_end, punct, kind, separator, key)
        )
    return mark_live_stamps(mark_gallery(mark_teaser_runs(mark_echoes(mark_copies(lines)))))


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
# Links strung on one line with " | " ("Careers | Investors | Hospital Solutions | Contact"):
# a line whose pieces average fewer words than this is a menu, however long.
LINK_LIST_WORDS = 6.0
TABLE_MIN_ROWS = 8
TABLE_DIGIT_SHARE = 0.5
TABLE_ROW_SCORE = 1.0
FULL_STOP_MIN_WORDS = 3
GALLERY_WINDOW = 4
LIVE_MIN_STAMPS = 3


def _isolated(lines: Sequence[Line], i: int) -> bool:
    """A prose line with no prose line next to it (a teaser between headlines, a caption); a
    post under a live blog's time stamp is not."""
    before = i > 0 and (lines[i - 1].kind == "prose" or lines[i - 1].stamp)
    after = i + 1 < len(lines) and lines[i + 1].kind == "prose"
    return not before and not after


_DIGIT = re.compile(r"\d")


def table_rows(lines: Sequence[Line]) -> set[int]:
    """Short lines that make a table or a data list: a run of at least `TABLE_MIN_ROWS` short
    lines, each found once on the page, at least `TABLE_DIGIT_SHARE` of them with a figure in
    them (results, standings, a timetable, tour dates: "Round 3 – Silverstone – 14 July").
    A menu or a list of links is made of words and recurs (header and footer); a table's cells
    are numbers and appear once."""
    counts = Counter(line.key for line in lines)
    rows: set[int] = set()
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j].kind == "short" and counts[lines[j].key] == 1:
            j += 1
        if j - i >= TABLE_MIN_ROWS:
            figures = sum(1 for line in lines[i:j] if _DIGIT.search(line.text))
            if figures >= TABLE_DIGIT_SHARE * (j - i):
                rows.update(range(i, j))
        i = max(j, i + 1)
    return rows


def line_scores(lines: Sequence[Line], rows: frozenset[int] = frozenset()) -> list[float]:
    """Evidence that each line is article text: prose counts for it, every other line against it,
    more so the longer the stretch of non-prose lines it sits in (a menu, a list of links).
    The `rows` of a table (`table_rows`) count a little for it and break no stretch."""
    scores: list[float] = []
    streak = 0
    seen: set[str] = set()
    for line in lines:
        repeated = line.key in seen
        seen.add(line.key)
        if line.index in rows:
            scores.append(TABLE_ROW_SCORE)
        elif line.separator:
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
