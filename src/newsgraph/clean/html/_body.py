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
_FURNITURE = re.compile(
    # newsletter and subscription boxes
    r"\bnewsletters?\W*$|^(sign up|subscribe|get|join|start your day)\b.*\bnewsletters?\b|"
    r"\b(sign up|subscribe) (to|for) our\b|\b(sign up|subscribe) (now|today|here)\b|"
    r"^subscribe\b|your inbox|"
    r"thanks for (signing up|subscribing)|error processing your subscription|"
    # share and follow buttons, comment counters
    r"^share( this( story| article| page)?| on \w+| via \w+)?\W*$|\bshare (this|it) with\b|"
    r"like this (story|article)\?|follow (us|\w+( \w+)?) on (twitter|facebook|instagram)|"
    r"on twitter @|^comments?$|^\d+ comments?$|read all comments|^tags?:?$|"
    # sign-offs and contact lines
    r"may be reached at|^(write|email|reach) (to )?[\w .]+ at |"
    r"contributed (to this report|reporting)|^additional reporting|^\(?reporting by|^source:|"
    # reprint notices, form and app promos
    r"this copy is for your personal|^(an )?error has occurred|by submitting this form|"
    r"^get the [\w ]+ app\b|"
    # copyright and rights lines ("Copyright 2026 by …", "© 2026 …", "All rights reserved")
    r"^\W*(copyright|©|\(c\))\s*(\d{4}|by|the)\b|\ball rights reserved\b|"
    # more-stories blocks ("Other Metro Top Stories", "More Local News", "Top Headlines")
    r"^(other|more|top|latest)( [\w.&'’-]+){0,3} (top )?(stories|news|headlines|videos)\W*$|"
    # notices about the reader's session ("only visible when logged in", "log in to comment")
    r"\bvisible (only )?(when|if) (you are )?logged in\b|\b(log|sign) in to (comment|reply|"
    r"continue|read|view)\b|\byou must be (logged|signed) in\b",
    re.IGNORECASE,
)
_FURNITURE_CUES = (
    "newsletter", "subscri", "sign", "inbox", "share", "like this", "follow", "twitter",
    "comment", "tag", "reach", "write", "email", "contributed", "reporting", "source", "copy is",
    "error", "submitting", "app", "copyright", "©", "(c)", "rights reserved", "stories", "news",
    "headlines", "videos", "logged in", "log in", "sign in", "signed in",
)  # fmt: skip
_RULE = re.compile(r"^[\W_]*$")
# Template or script text a page left unrendered: a dotted identifier path alone on its line
# ("nrco.contentDetailController.content.status"), a {{ placeholder }}, a ${expression}.
_CODE = re.compile(
    r"^\W*[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*){2,}(?:\(\))?\W*$|\{\{[^{}]*\}\}|\$\{[^{}]*\}"
)
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


def _is_dateline(line: str) -> bool:
    """A line that only says when the story was published or updated."""
    years = len(_YEAR.findall(line))
    if years > 1 or not (years or _TIME.search(line)) or len(line.split()) > DATELINE_WORDS:
        return False  # no date, or a span of dates (an event's run, not the story's)
    words = _LETTERS.findall(line.lower())
    return sum(1 for w in words if w not in _DATE_WORDS) <= 1


def is_furniture(line: str) -> bool:
    """A short line that reads as page furniture rather than reporting."""
    if _RULE.match(line) or _BARE.match(line) or _is_dateline(line):
        return True
    if len(line.split()) > SHORT_LINE:
        return False  # a paragraph that quotes a template placeholder is still reporting
    if _CODE.search(line):
        return True
    if _PROMO.match(line):
        return True
    low = line.lower()  # every _FURNITURE pattern holds one of the cues: skip the regex if none
    return any(cue in low for cue in _FURNITURE_CUES) and bool(_FURNITURE.search(line))


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
