"""Tidy the paragraphs trafilatura found: headline, dek, captions, teasers and sign-offs out.

Every rule is general (no site names): a line leaves the body when the page itself marks it as
something else (the `<h1>`, a caption, a related-stories link) or when it reads as page furniture
(a newsletter box, share buttons, a copyright line) at the edge of the article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsgraph.clean.html._page import Furniture, PageProbe, text_key

HEAD_WINDOW = 3  # how many leading lines may still be headline or dek
SHORT_LINE = 25  # words: furniture lines are short

_PROMO = re.compile(
    r"^\W*(related( stories| articles| coverage)?|read more|see more|see also|more|also read|"
    r"read also|recommended|also on [\w.]+|don'?t miss|watch|listen|trending|"
    r"most read( in [\w ]+)?|popular on [\w. ]+|you may also like|explore further|"
    r"leggi anche|lesen sie auch|lire aussi|lea también|leia também)\b\W*(:|\||$)",
    re.IGNORECASE,
)
# Page furniture, as rules: a pattern and the words (lower-cased) of which every line it
# matches holds one. Most lines hold none of a rule's words, so the rule's regex, which scans the
# whole line, never runs on them. Rules anchored at the line's start are one regex, tried at the
# start alone.
_FURNITURE_AT_START = re.compile(
    r"^(?:"
    # newsletter and subscription boxes
    r"(sign up|subscribe|get|join|start your day)\b.*\bnewsletters?\b|subscribe\b|"
    # share buttons, comment counters, tag lists
    r"share( this( story| article| page)?| on \w+| via \w+)?\W*$|comments?$|\d+ comments?$|"
    r"tags?:?$|"
    # sign-offs and contact lines
    r"(write|email|reach) (to )?[\w .]+ at |additional reporting|\(?reporting by|source:|"
    # form errors and app promos
    r"(an )?error has occurred|get the [\w ]+ app\b|"
    # copyright lines ("Copyright 2026 by …", "© 2026 …")
    r"\W*(copyright|©|\(c\))\s*(\d{4}|by|the)\b|"
    # more-stories blocks ("Other Metro Top Stories", "More Local News", "Top Headlines")
    r"(other|more|top|latest)( [\w.&'’-]+){0,3} (top )?(stories|news|headlines|videos)\W*$"
    r")",
    re.IGNORECASE,
)
_FURNITURE_ANYWHERE: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (cues, re.compile(pattern, re.IGNORECASE))
    for cues, pattern in (
        # newsletter and subscription boxes
        (("newsletter",), r"\bnewsletters?\W*$"),
        (("sign", "subscri"), r"\b(sign up|subscribe) (to|for) our\b"),
        (("sign", "subscri"), r"\b(sign up|subscribe) (now|today|here)\b"),
        (("inbox",), r"your inbox"),
        (("sign", "subscri"), r"thanks for (signing up|subscribing)"),
        (("error",), r"error processing your subscription"),
        # share and follow buttons, comment links
        (("share",), r"\bshare (this|it) with\b"),
        (("like this",), r"like this (story|article)\?"),
        (("follow",), r"follow (us|\w+( \w+)?) on (twitter|facebook|instagram)"),
        (("twitter",), r"on twitter @"),
        (("comment",), r"read all comments"),
        # sign-offs
        (("reach",), r"may be reached at"),
        (("contributed",), r"contributed (to this report|reporting)"),
        # reprint notices, forms, rights lines
        (("copy is",), r"this copy is for your personal"),
        (("submitting",), r"by submitting this form"),
        (("rights reserved",), r"\ball rights reserved\b"),
        # notices about the reader's session ("only visible when logged in", "log in to comment")
        (("logged in",), r"\bvisible (only )?(when|if) (you are )?logged in\b"),
        (("log in", "sign in"), r"\b(log|sign) in to (comment|reply|continue|read|view)\b"),
        (("logged in", "signed in"), r"\byou must be (logged|signed) in\b"),
    )
)
# The same rules by word, each word once (a rule under each of its words).
_FURNITURE_BY_CUE = tuple(
    (cue, tuple(pattern for cues, pattern in _FURNITURE_ANYWHERE if cue in cues))
    for cue in dict.fromkeys(cue for cues, _ in _FURNITURE_ANYWHERE for cue in cues)
)
# Every rule's match, lower-cased, holds one of these words.
_FURNITURE_CUES = (
    "newsletter", "subscri", "sign", "inbox", "share", "like this", "follow", "twitter",
    "comment", "tag", "reach", "write", "email", "contributed", "reporting", "source", "copy is",
    "error", "submitting", "app", "copyright", "©", "(c)", "rights reserved", "stories", "news",
    "headlines", "videos", "logged in", "log in", "sign in", "signed in",
)  # fmt: skip
# Letters that a rule's regex, ignoring case, takes for an ASCII letter of its words ("ſ" for
# "s") while lower-casing keeps them apart: on a line holding one a rule's words may hide, so
# such a line must hold one of all the words above, and then meets every rule.
_CASE_ODD = re.compile("[\u0130\u0131\u017f]")
_RULE = re.compile(r"^[\W_]*$")
# Template or script text a page left unrendered: a dotted identifier path alone on its line
# ("nrco.contentDetailController.content.status"), a {{ placeholder }}, a ${expression}.
_CODE_PATH = re.compile(r"^\W*[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*){2,}(?:\(\))?\W*$")
_TEMPLATE = re.compile(r"\{\{[^{}]*\}\}|\$\{[^{}]*\}")  # only where the line holds a "{"
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_TIME = re.compile(r"\b\d{1,2}:\d\d\b")
_LETTERS = re.compile(r"[^\W\d_]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_DATE_WORDS = _words(
    "updated published posted modified last on at by am pm a m p est edt et gmt utc pst pdt "
    "cst cdt bst cet cest ist z t min ago date time monday tuesday wednesday thursday friday "
    "saturday sunday mon tue tues wed thu thur thurs fri sat sun january february march april "
    "may june july august september october november december jan feb mar apr jun jul aug sep "
    "sept oct nov dec st nd rd th of de da do às a las le du der den um am janeiro fevereiro "
    "março abril maio junho julho agosto setembro outubro novembro dezembro enero febrero marzo "
    "mayo junio julio septiembre octubre noviembre diciembre janvier février mars avril mai juin "
    "juillet août septembre octobre novembre décembre gennaio febbraio aprile maggio giugno "
    "luglio settembre ottobre dicembre januar februar märz juni juli oktober dezember "
    "segunda terça quarta quinta sexta feira sábado domingo lunes martes miércoles jueves "
    "viernes lundi mardi mercredi jeudi vendredi samedi dimanche montag dienstag mittwoch "
    "donnerstag freitag samstag sonntag"
)
DATELINE_WORDS = 14
_BARE = re.compile(r"^\s*\d{4}-\d\d-\d\d[T ][\d:.+\-Z]+\s*$")  # a bare timestamp


@dataclass(frozen=True)
class Parts:
    standfirst: str | None
    paragraphs: list[str]


def _similar(a: str, b: str) -> bool:
    """Same text, or one is most of the other (a headline with or without its site suffix)."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 0.6 * len(long_) and short in long_


def _is_link_line(key: str, link_keys: set[str]) -> bool:
    """A paragraph that is nothing but a link to another story (optionally tagged `[VIDEO]`)."""
    if key in link_keys:
        return True
    head, _, last = key.rpartition(" ")
    return bool(head) and head in link_keys and len(last) < 12


def _starts_with_link(key: str, link_keys: set[str]) -> bool:
    """A list item led by a link to another story and its teaser: a list of other stories."""
    at = key.find(" ", int(0.3 * len(key)))
    while at != -1:
        if key[:at] in link_keys:
            return True
        at = key.find(" ", at + 1)
    return False


def _more_words_than(line: str, limit: int) -> bool:
    """`len(line.split()) > limit`, splitting no further than the limit: on a paragraph of
    200 words this is a cut after 26, not a list of 200 words."""
    return len(line.split(None, limit)) > limit


def _is_dateline(line: str) -> bool:
    """A line that only says when the story was published or updated."""
    if _more_words_than(line, DATELINE_WORDS):
        return False  # asked first: it settles every paragraph before a regex scans it
    years = len(_YEAR.findall(line))
    if years > 1 or not (years or _TIME.search(line)):
        return False  # no date, or a span of dates (an event's run, not the story's)
    words = _LETTERS.findall(line.lower())
    return sum(1 for w in words if w not in _DATE_WORDS) <= 1


def is_furniture(line: str) -> bool:
    """A short line that reads as page furniture rather than reporting."""
    if _RULE.match(line) or _BARE.match(line):
        return True
    if _more_words_than(line, SHORT_LINE):
        return False  # a paragraph that quotes a template placeholder is still reporting
    if _is_dateline(line):
        return True
    if _CODE_PATH.match(line) or ("{" in line and _TEMPLATE.search(line)):
        return True
    return bool(_PROMO.match(line)) or _furniture_rule(line)


def _furniture_rule(line: str) -> bool:
    """Does a furniture rule match `line`? The same answer as `_FURNITURE_CUES` as a guard
    before one regex of all the rules, in a fraction of the time: a rule's regex runs only on
    a line holding one of its words."""
    low = line.lower()
    odd = _CASE_ODD.search(line) is not None
    if odd and not any(cue in low for cue in _FURNITURE_CUES):
        return False
    if _FURNITURE_AT_START.match(line):
        return True
    if odd:
        return any(pattern.search(line) for _, pattern in _FURNITURE_ANYWHERE)
    for cue, patterns in _FURNITURE_BY_CUE:
        if cue in low:
            for pattern in patterns:
                if pattern.search(line):
                    return True
    return False


def tidy(
    lines: Sequence[str],
    *,
    titles: Sequence[str],
    description: str | None,
    furniture: Furniture,
    probe: PageProbe,
) -> Parts:
    """Split trafilatura's lines into the standfirst (if any) and the body paragraphs."""
    title_keys = [k for k in (text_key(t) for t in titles) if k]
    dek_keys = [k for k in (text_key(furniture.dek or ""), text_key(description or "")) if k]
    marked_dek = furniture.dek is not None
    if marked_dek:  # the page marked its dek: only that text is the standfirst
        dek_keys = dek_keys[:1]
    standfirst: str | None = None
    kept: list[str] = []
    for index, raw in enumerate(lines):
        line = raw.strip()
        key = text_key(line)
        if not key:
            continue
        if key in furniture.related_keys:
            continue
        if key in furniture.caption_keys and not probe.is_paragraph(line):
            continue
        if any(_similar(key, t) for t in title_keys):
            continue  # the headline, at the top or repeated further down
        if (
            index < HEAD_WINDOW
            and not kept
            and standfirst is None
            and any(_similar(key, d) for d in dek_keys)
            and (marked_dek or probe.is_dek(line))
        ):
            standfirst = line
            continue
        if is_furniture(line) or _is_link_line(key, furniture.link_keys):
            continue
        if line.startswith("- ") and _starts_with_link(key, furniture.link_keys):
            continue
        kept.append(line)
    if standfirst is None and furniture.dek:
        standfirst = furniture.dek
    elif standfirst is None and description and probe.is_dek(description):
        standfirst = description  # a dek under the headline that the main text left out
    return Parts(standfirst=standfirst, paragraphs=kept)
