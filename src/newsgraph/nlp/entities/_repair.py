"""Span shapes: where a span breaks, what is trimmed from its edges, what is joined.

`repair` splits spans at line breaks, spaced dashes, brackets and lone numbers and trims "the",
possessives, trailing numbers and lower-case words (and a month or weekday before an
organisation's name); `join_person_fragments` joins "Caliph
Ibrahim" + "ben Awwad"; `acronym_definitions` makes "Long Name (LN)" two linked spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from newsgraph.nlp.entities._spans import (
    EDGE_PUNCT,
    LEADING_THE,
    PARTICLES,
    TRAILING_POSS,
    Span,
    word_set,
)

# Lower-case words allowed inside a multi-word acronym's expansion.
_CONNECTORS = word_set("of and the for in on at to de du des la le al el")
_ACRONYM_DEF = re.compile(r"\(\s*([A-Z][A-Za-z.&-]{1,11})\s*\)")
_TOKEN = re.compile(r"\S+")
_WORD_PARTS = re.compile(r"[-\s]")
# Lower-case words before a name are descriptions, not part of it: "the pro-government KDU
# party", "the Westland-based Halden Tools" (our sentences); name particles stay ("de Silva").
_LEADING_LOWER = re.compile(
    r"^(?:(?!(?:" + "|".join(sorted(PARTICLES)) + r")\s)[a-z][\w'’-]*\s+)+(?=[A-Z])"
)
_TRAILING_NUMBER = re.compile(r"(?:\s+[\d.,:/+-]*\d[\d.,:/+-]*)+$")
_TRAILING_LOWER = re.compile(r"(?:\s+(?!(?:" + "|".join(sorted(PARTICLES)) + r")\b)[a-z]+)+$")
# A span breaks at a line break, a spaced dash ("CRICKET - LEICESTERSHIRE"), a bracket and a
# number standing alone ("Partick 1 St Mirren"); a place also at a comma ("Oval, Surrey").
_PIECE = re.compile(r"(?:(?!\s+-{1,2}\s+|\s+\d[\d.,:-]*\s+)[^\n()\[\]])+")
_PLACE_PIECE = re.compile(r"(?:(?!\s+-{1,2}\s+|\s+\d[\d.,:-]*\s+)[^\n()\[\],])+")
# A month or weekday before an organisation's name dates what follows ("the August Halden
# index", "Sept Halden futures", our phrases): it is no part of the name.
_LEADING_CALENDAR = re.compile(
    r"^(?:Jan|Feb|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June"
    r"|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday"
    r"|Friday|Saturday|Sunday)\.?\s+(?=[A-Z])"
)
_LEADING_NUMBER = re.compile(r"(?:[\d.,:/+-]*\d[\d.,:/+-]*\s+)+")
_EDGE_DASH = "-–—\"'“”‘’«»()[]{},;:!?*"


def repair(text: str, spans: Iterable[Span]) -> list[Span]:
    """Split at line breaks and trim "the", possessives and punctuation from every span."""
    out = []
    for sp in spans:
        pieces = _PLACE_PIECE if sp.type == "place" else _PIECE
        for m in pieces.finditer(text, sp.start, sp.end):
            fixed = _trim(text, m.start(), m.end(), sp)
            if fixed is not None:
                out.append(fixed)
    return out


def _trim(text: str, start: int, end: int, sp: Span) -> Span | None:
    while True:
        before = (start, end)
        while start < end and (text[start].isspace() or text[start] in _EDGE_DASH):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE_DASH):
            end -= 1
        m = LEADING_THE.match(text[start:end]) or _LEADING_LOWER.match(text[start:end])
        if m and end - start > m.end():
            start += m.end()
        m = TRAILING_POSS.search(text[start:end])
        if m and m.start() > 0:
            end = start + m.start()
        m = _LEADING_NUMBER.match(text[start:end])
        if m and m.end() < end - start:
            start += m.end()
        if sp.type == "organization":
            m = _LEADING_CALENDAR.match(text[start:end])
            if m and end - start > m.end():
                start += m.end()
        m = _TRAILING_NUMBER.search(text[start:end]) or _TRAILING_LOWER.search(text[start:end])
        if m and m.start() > 0:
            end = start + m.start()
        if (start, end) == before:
            break
    chunk = text[start:end]
    if not any(c.isupper() for c in chunk) or not any(c.isalpha() for c in chunk):
        return None
    return sp if (start, end) == (sp.start, sp.end) else replace(sp, start=start, end=end)


def join_person_fragments(text: str, spans: list[Span]) -> list[Span]:
    """Join person spans separated only by spaces or name particles ("Ibrahim" "ben Awwad")."""
    out: list[Span] = []
    for sp in spans:
        prev = out[-1] if out else None
        if prev is not None and prev.type == "person" and sp.type == "person":
            gap = text[prev.end : sp.start]
            words = gap.split()
            if "\n" not in gap and all(w in PARTICLES for w in words) and len(words) <= 2:
                out[-1] = replace(prev, end=sp.end)
                continue
        out.append(sp)
    return out


def acronym_definitions(text: str, spans: list[Span]) -> tuple[list[Span], list[tuple[int, int]]]:
    """Find "Long Name (LN)": make both spans and return pairs of (long start, short start)."""
    pairs = []
    for m in _ACRONYM_DEF.finditer(text):
        short = m.group(1)
        letters = "".join(c for c in short if c.isupper())
        if len(letters) < 2:
            continue
        long_start = _expansion_start(text, m.start(), letters)
        if long_start is None:
            spans, pair = _foreign_acronym(text, spans, m)
            pairs.extend(pair)
            continue
        long_end = m.start()
        while long_end > long_start and text[long_end - 1].isspace():
            long_end -= 1
        kind = _type_of_cover(spans, long_start, long_end) or "organization"
        if kind in ("person", "group"):
            kind = "organization"
        spans = _insert(spans, Span(long_start, long_end, kind, "acronym"), force=True)
        s_start = m.start(1)
        spans = _insert(spans, Span(s_start, s_start + len(short), kind, "acronym"), force=True)
        pairs.append((long_start, s_start))
    return spans, pairs


def _expansion_start(text: str, paren: int, letters: str) -> int | None:
    """Start of the words before `paren` whose capitals spell `letters`, or None.

    An all-capitals word gives its first letter or all of its letters, since an acronym may
    keep a shorter one whole: "UN Assistance Mission in Afghanistan (UNAMA)", "U.N. Mission in
    Westland (UNMIW)" (its dots dropped). A connector gives its initial or nothing, since some
    acronyms keep it: "Interim Force in Westland (IFIW)" as well as "(IFW)"."""
    reach = max(0, paren - 300)
    line_start = max(text.rfind("\n", reach, paren) + 1, reach)
    words = list(_TOKEN.finditer(text, line_start, paren))
    suffixes = {""}
    for m in reversed(words):
        word = m.group().strip(EDGE_PUNCT)
        if not word:
            return None
        if word[0].isupper():
            caps = "".join(p[0] for p in _WORD_PARTS.split(word) if p and p[0].isupper())
            whole = word.replace(".", "")
            readings = {caps, whole} if whole.isupper() and whole.isalpha() else {caps}
            suffixes = {r + s for r in readings for s in suffixes if letters.endswith(r + s)}
            if letters in suffixes:
                return m.start() + (len(m.group()) - len(m.group().lstrip(EDGE_PUNCT)))
            if not suffixes:
                return None
        elif word.lower() in _CONNECTORS:
            initial = word[0].upper()
            suffixes |= {initial + s for s in suffixes if letters.endswith(initial + s)}
        else:
            return None
    return None


# An acronym of other words than the name's own (the Spanish "ELN" of "National Liberation
# Army"): capitals only, written tight in its brackets, as news writes a group's acronym.
_TIGHT_ACRONYM = re.compile(r"\(([A-Z]{2,8})\)")


def _foreign_acronym(
    text: str, spans: list[Span], m: re.Match[str]
) -> tuple[list[Span], list[tuple[int, int]]]:
    """An acronym in brackets right after an organisation's name is that organisation even
    when its letters are not the name's initials ("the National Liberation Army (ELN)"), and
    only then: "KYIV, Ukraine (AP)" names the agency, not the place."""
    tight = _TIGHT_ACRONYM.fullmatch(m.group())
    if tight is None:
        return spans, []
    end = m.start()
    while end > 0 and text[end - 1] in " \t":  # step back over blanks, not a copy of the text
        end -= 1
    owner = next((sp for sp in spans if sp.end == end), None)
    if owner is None or owner.type != "organization":
        return spans, []
    start = m.start(1)
    new = Span(start, start + len(tight.group(1)), "organization", "acronym")
    return _insert(spans, new, force=True), [(owner.start, start)]


def _type_of_cover(spans: list[Span], start: int, end: int) -> str | None:
    """The type of a span that covers the whole of start:end. A span over part of it says
    nothing of the whole: "Workers' Party of Kenya (WPK)" is a party though "Kenya" is a
    place, and "Democratic Republic of Westland (DRW)" is a place when the model reads it whole."""
    for sp in spans:
        if sp.start <= start and end <= sp.end:
            return sp.type
    return None


def _insert(spans: list[Span], new: Span, *, force: bool) -> list[Span]:
    """Add `new`; with `force` it replaces overlapping spans, otherwise it yields to them."""
    clash = [sp for sp in spans if sp.start < new.end and new.start < sp.end]
    if clash and not force:
        return spans
    kept = [sp for sp in spans if sp not in clash]
    kept.append(new)
    return sorted(kept, key=lambda sp: sp.start)
