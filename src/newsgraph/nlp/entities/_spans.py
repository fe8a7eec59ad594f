"""Recognition: spaCy's entities corrected with evidence spaCy lacks.

Steps, in order (each a small function over a list of `Span`); from step 2 on they read a
"cased view" of the text in which ALL-CAPS lines are title-cased (same length, same offsets):

1. `from_spacy`: spaCy's entities, labels mapped to our types (numbers and dates dropped); on
   ALL-CAPS lines recognition is re-run on a title-cased copy, and `confirm_caps` keeps what it
   finds there only with evidence (a lexicon entry, a given name, the words seen elsewhere).
2. `repair`: no span crosses a line break, a spaced dash, a bracket or a lone number (a place
   not a comma either); a leading "the", a possessive, trailing numbers and lower-case words
   ("Interfax news agency") are trimmed; `join_person_fragments` joins "Caliph Ibrahim" +
   "ben Awwad"; `acronym_definitions` makes "Long Name (LN)" two linked spans.
3. Lexicons: `split_lists` ("Niger and Burkina Faso"), `apply_lexicon` (known organisations
   are organisations: YouTube, ISIS never places; countries and regions are places; demonyms
   are groups), `organisations` ("... Bank", "Ministry of ..."), `people` ("J. Smith",
   "Given Surname", "Name ( Country )"), `teams` (a name followed by a score in a results or
   standings line, "Rovers 2 Harbour City 1", is an organisation unless a country or region).
4. `gazetteer`: capitalised names of countries, regions, large cities and known organisations
   that spaCy missed; a known longer name replaces the fragments inside it.
5. `consistency`: a name keeps one type in a document (majority vote), its other exact
   occurrences are tagged too, and a person's surname (or first name) alone is that person.
6. Names we added never overlap spaCy's dates and numbers ("May" in "May 2019").

Organisations from general knowledge (`_orgs`) follow `organisations` in step 3: names of the
CAMEO actor dictionaries, a word for a kind of organisation in apposition ("the news agency
X"), acronyms before their expansion (with step 2's definitions) and, after the gazetteer, the
short forms of companies named in full; `_teams` finds sports teams in prose ("the Denver
Foxes", "the Foxes") before the match reports. Type corrections from `_types` sit among steps
3 to 5: armed groups' name shapes and
streets after `people`, well-known cities that spaCy called organisations before `teams`, match
reports ("X beat Y 3-0") and common words at a sentence start after `gazetteer`. Between
`gazetteer` and the match reports, `_located` makes places of the persons and
organisations that the gazetteer knows as populated places and the text uses as places
("hit Khan Younis and Rafah in southern Gaza").
Before `consistency`, `_nonorgs` drops sports, time zones and statistics, makes competitions
events, cuts a demonym off a person ("Norwegian Ola Berg") and makes a dateline's names places;
`_teams.sides` makes a town in the place of a side in a sports sentence its team, after
`teams` come `_teams.fixtures` ("Eastvale v Northport") and `_teams.headline_results`
("SOCCER - EASTVALE BEAT NORTHPORT"). In `consistency`, a type read from evidence (a kind
word, the actor dictionaries, a suffix, a dateline) outweighs spaCy's guesses.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from newsgraph.nlp.entities._lexicon import Lexicon


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


RawEnt = tuple[int, int, str]  # (start, end, spaCy label)
Rerun = Callable[[str], list[RawEnt]]

LABELS = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "other",
    "LAW": "other",
    "PRODUCT": "other",
    "WORK_OF_ART": "other",
}
# Lower-case words that may sit inside a name ("Abu Bakr al-Baghdadi", "Ludwig van Beethoven").
PARTICLES = _words(
    "al el ben bin ibn bint abu abd de da di del della der den van von la le du dos das y"
)
# Lower-case words allowed inside a multi-word acronym's expansion.
_CONNECTORS = _words("of and the for in on at to de du des la le al el")
_CALENDAR = _words(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday"
)
_SMALL = _words("a an and as at by for from in of on or the to vs via with")
_WORD = re.compile(r"[^\W\d_](?:[^\W_]|['’])*")
_ACRONYM_DEF = re.compile(r"\(\s*([A-Z][A-Za-z.&-]{1,11})\s*\)")
_TOKEN = re.compile(r"\S+")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING_POSS = re.compile(r"(?:['’]s|['’])$")
_TRAILING_NUMBER = re.compile(r"(?:\s+[\d.,:/+-]*\d[\d.,:/+-]*)+$")
_CAP_TOKEN = re.compile(r"(?<!\S)[A-Z]\S*")
_CAP_WORD = re.compile(r"(?<![\w'’.-])[A-Z][a-z]+(?![\w'’-])")
_NEXT_NAME_WORD = re.compile(r"[ \t]+([A-Z][\w'’-]*[a-z][\w'’-]*|[a-z]{1,4}(?= [A-Z]))")
_TRAILING_LOWER = re.compile(r"(?:\s+(?!(?:" + "|".join(sorted(PARTICLES)) + r")\b)[a-z]+)+$")
# A span breaks at a line break, a spaced dash ("CRICKET - LEICESTERSHIRE"), a bracket and a
# number standing alone ("Partick 1 St Mirren"); a place also at a comma ("Oval, Surrey").
_PIECE = re.compile(r"(?:(?!\s+-{1,2}\s+|\s+\d[\d.,:-]*\s+)[^\n()\[\]])+")
_PLACE_PIECE = re.compile(r"(?:(?!\s+-{1,2}\s+|\s+\d[\d.,:-]*\s+)[^\n()\[\],])+")
# Capitalised words, possibly joined by "of", "for", "and" ("Bank of England", "Party for Freedom").
_CAP_RUN = re.compile(
    r"(?<![\w'’-])[A-Z][\w&'’.-]*(?:[ \t]+(?:(?:of|for|and|de|the)[ \t]+)?[A-Z][\w&'’.-]*)+"
)
_AND = re.compile(r",?\s+(?:and|&)\s+|,\s+")
_LEADING_NUMBER = re.compile(r"(?:[\d.,:/+-]*\d[\d.,:/+-]*\s+)+")
_EDGE_DASH = "-–—\"'“”‘’«»()[]{},;:!?*"
_EDGE_PUNCT = "\"'“”‘’«»()[]{},;:!?*"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    type: str
    source: str = "spacy"


@lru_cache(maxsize=8)
def caps_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line whose letters are (nearly) all capitals."""
    out = []
    pos = 0
    for line in text.split("\n"):
        lower = 0 if line.isupper() else sum(map(str.islower, line))
        if 10 * lower <= len(line):  # else too many small letters for a capitals line
            upper = sum(map(str.isupper, line))
            if upper >= 4 and upper >= 9 * lower:
                out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def title_case(line: str, keep: frozenset[str] = frozenset()) -> str:
    """Title-case an ALL-CAPS line without changing its length ("IS" stays, "OF" -> "of")."""
    chars = list(line)
    for i, m in enumerate(_WORD.finditer(line)):
        word = m.group()
        if word in keep:
            continue
        low = word.lower()
        new = low if (i > 0 and low in _SMALL) else word[:1] + low[1:]
        if len(new) == len(word):
            chars[m.start() : m.end()] = new
    return "".join(chars)


def from_spacy(
    text: str, ents: Iterable[RawEnt], *, rerun: Rerun | None, keep: frozenset[str]
) -> list[Span]:
    """Map spaCy's entities to spans; re-run recognition on title-cased ALL-CAPS lines."""
    spans = [Span(s, e, LABELS[label]) for s, e, label in ents if label in LABELS]
    lines = caps_lines(text) if rerun is not None else []
    if not lines or rerun is None:
        return spans
    line_starts = [a for a, _ in lines]

    def in_caps(pos: int) -> bool:
        i = bisect.bisect_right(line_starts, pos) - 1
        return i >= 0 and pos < lines[i][1]

    spans = [sp for sp in spans if not in_caps(sp.start)]
    copy = "\n".join(title_case(text[a:b], keep) for a, b in lines)
    copy_starts = []
    pos = 0
    for a, b in lines:
        copy_starts.append(pos)
        pos += b - a + 1
    for s, e, label in rerun(copy):
        if label in LABELS:
            i = bisect.bisect_right(copy_starts, s) - 1
            shift = lines[i][0] - copy_starts[i]
            spans.append(Span(s + shift, e + shift, LABELS[label], "caps"))
    return sorted(spans, key=lambda sp: sp.start)


def confirm_caps(text: str, view: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """Keep a name found on an ALL-CAPS line only with evidence beyond its title-cased shape.

    Evidence: the lexicons know it, it starts with a known given name, or each of its words is
    written capitalised somewhere off the ALL-CAPS lines ("SHEARER" and "Shearer" in the body).
    """
    if not any(sp.source == "caps" for sp in spans):
        return spans
    plain = _remove_ranges(view, caps_lines(text))
    words = set(_CAP_WORD.findall(plain))
    out = []
    for sp in spans:
        name = view[sp.start : sp.end]
        if sp.source != "caps" or _known(name, lex) or name.split()[0] in lex.given_names:
            out.append(sp)
            continue
        if text[sp.start : sp.end] in lex.acronyms:
            out.append(sp)
            continue
        significant = [w for w in name.split() if len(w) > 2 and w.lower() not in _SMALL]
        if significant and all(w.strip(_EDGE_PUNCT) in words for w in significant):
            out.append(sp)
    return out


def _known(name: str, lex: Lexicon) -> bool:
    bare = _bare(name)
    return any(bare in s for s in (lex.places, lex.organizations, lex.demonyms))


def _remove_ranges(text: str, ranges: list[tuple[int, int]]) -> str:
    parts = []
    pos = 0
    for a, b in ranges:
        parts.append(text[pos:a])
        pos = b
    parts.append(text[pos:])
    return "\n".join(parts)


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


def cased_view(text: str, keep: frozenset[str]) -> str:
    """`text` with its ALL-CAPS lines title-cased (same length: offsets are shared)."""
    lines = caps_lines(text)
    if not lines:
        return text
    parts = []
    pos = 0
    for a, b in lines:
        parts += [text[pos:a], title_case(text[a:b], keep)]
        pos = b
    parts.append(text[pos:])
    return "".join(parts)


def _trim(text: str, start: int, end: int, sp: Span) -> Span | None:
    while True:
        before = (start, end)
        while start < end and (text[start].isspace() or text[start] in _EDGE_DASH):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE_DASH):
            end -= 1
        m = _LEADING_THE.match(text[start:end])
        if m and end - start > m.end():
            start += m.end()
        m = _TRAILING_POSS.search(text[start:end])
        if m and m.start() > 0:
            end = start + m.start()
        m = _LEADING_NUMBER.match(text[start:end])
        if m and m.end() < end - start:
            start += m.end()
        m = _TRAILING_NUMBER.search(text[start:end]) or _TRAILING_LOWER.search(text[start:end])
        if m and m.start() > 0:
            end = start + m.start()
        if (start, end) == before:
            break
    chunk = text[start:end]
    if not any(c.isupper() for c in chunk) or not any(c.isalpha() for c in chunk):
        return None
    return replace(sp, start=start, end=end)


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


def split_lists(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """Split "Niger and Burkina Faso" in two when each side is a known place."""
    out = []
    for sp in spans:
        m = _AND.search(text, sp.start, sp.end)
        if m is not None:
            left, right = text[sp.start : m.start()], text[m.end() : sp.end]
            if left in lex.places and right in lex.places:
                out += [
                    Span(sp.start, m.start(), "place", sp.source),
                    Span(m.end(), sp.end, "place", sp.source),
                ]
                continue
        out.append(sp)
    return out


def organisations(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """Names ending in an organisation word ("... Bank", "... Party", "... Corp") are ORGs."""
    out = []
    for sp in spans:
        name = text[sp.start : sp.end]
        known = name in lex.places or name in lex.demonyms
        if sp.type in ("place", "person", "other") and _org_head(name.split(), lex) and not known:
            sp = replace(sp, type="organization", source="suffix")
        out.append(sp)
    taken = Taken(out)
    for m in _CAP_RUN.finditer(text):
        words = m.group().split()
        if len(words) < 2 or not _org_head(words, lex):
            continue
        start, end = m.span()
        if words[0] in ("The", "A", "An") or words[0].lower() in _STARTERS:
            start += len(words[0]) + 1
        if text[start:end] in lex.places:
            continue
        if end - start <= len(words[-1]) or not is_free(text, start, end):
            continue
        inside = taken.overlapping(start, end)
        if inside and words[-1] in _DESKS and all(start <= a and b <= end for a, b in inside):
            out = [sp for sp in out if (sp.start, sp.end) not in inside]  # "Dhaka" in the desk
        elif inside:
            continue
        out.append(Span(start, end, "organization", "suffix"))
        taken.add(start, end)
    return sorted(out, key=lambda sp: sp.start)


# A wire service's desks, named by their city ("-- Westport Newsroom +1 555 0100").
_DESKS = _words("Newsroom Newsdesk")


def _org_head(words: list[str], lex: Lexicon) -> bool:
    """True when the last word, or a word before "of"/"for", names a kind of organisation."""
    if words[-1].rstrip(".") in lex.org_suffixes:
        return True
    return any(
        w in lex.org_suffixes and nxt in ("of", "for") for w, nxt in itertools.pairwise(words)
    )


def apply_lexicon(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """Retype spans the lexicons know: organisations, places, demonyms."""
    out = []
    for sp in spans:
        name = text[sp.start : sp.end]
        kind = sp.type
        if name in lex.organizations:
            kind = "organization"
        elif name in lex.strong_places and kind in ("person", "organization", "group"):
            kind = "place"
        elif name in lex.demonyms and kind in ("place", "person", "organization", "other"):
            kind = "group"
        elif kind == "person" and (name in lex.places or name.endswith("shire")):
            kind = "place"
        out.append(replace(sp, type=kind) if kind != sp.type else sp)
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
            continue
        long_end = m.start()
        while long_end > long_start and text[long_end - 1].isspace():
            long_end -= 1
        kind = _type_of_overlap(spans, long_start, long_end) or "organization"
        if kind in ("person", "group"):
            kind = "organization"
        spans = _insert(spans, Span(long_start, long_end, kind, "acronym"), force=True)
        s_start = m.start(1)
        spans = _insert(spans, Span(s_start, s_start + len(short), kind, "acronym"), force=True)
        pairs.append((long_start, s_start))
    return spans, pairs


def _expansion_start(text: str, paren: int, letters: str) -> int | None:
    """Start of the words before `paren` whose capitals spell `letters`, or None."""
    reach = max(0, paren - 300)
    line_start = max(text.rfind("\n", reach, paren) + 1, reach)
    words = list(_TOKEN.finditer(text, line_start, paren))
    initials = ""
    for m in reversed(words):
        word = m.group().strip(_EDGE_PUNCT)
        if not word:
            return None
        if word[0].isupper():
            caps = "".join(p[0] for p in re.split(r"[-\s]", word) if p and p[0].isupper())
            initials = caps + initials
            if initials == letters:
                return m.start() + (len(m.group()) - len(m.group().lstrip(_EDGE_PUNCT)))
            if not letters.endswith(initials):
                return None
        elif word.lower() not in _CONNECTORS:
            return None
    return None


_INITIAL_NAME = re.compile(r"(?<![\w.'’-])[A-Z]\.[ \t]?(?:[A-Z]['’])?[A-Z][a-z][\w'’-]*")
# "Irina Privalova ( Russia )": a name followed by a country in brackets, as results lists write.
_LISTED_PERSON = re.compile(
    r"(?<![\w'’-])([A-Z][a-z][\w'’-]*(?:[ \t]+[A-Z][a-z][\w'’-]*){1,2})[ \t]*\([ \t]*"
    r"([A-Z][\w. ]*?)[ \t]*\)"
)
_STARTERS = _words(
    "the a an he she it they we i in on at this that these those but and if as there "
    "his her its their our when while after before"
)


def people(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """Persons from name shapes: "Given Surname" with a known given name, "J. Surname"."""
    found = []
    for m in _INITIAL_NAME.finditer(text):
        last = m.group().split()[-1] if " " in m.group() else m.group()
        if last.lower() not in _STARTERS:
            found.append((m.start(), m.end()))
    for m in _CAP_WORD.finditer(text):
        if m.group() not in lex.given_names:
            continue
        end = _name_end(text, m.end(), lex)
        if end is not None and _left_ok(text, m.start(), lex):
            found.append((m.start(), end))
    for m in _LISTED_PERSON.finditer(text):
        name = m.group(1)
        if (
            m.group(2) in lex.strong_places
            and name not in lex.organizations
            and name not in lex.places
        ):
            found.append(m.span(1))
    exact = {(sp.start, sp.end): i for i, sp in enumerate(spans)}
    out = list(spans)
    taken = Taken(spans)
    for start, end in found:
        name = text[start:end]
        i = exact.get((start, end))
        if i is not None:
            known = name in lex.organizations or name in lex.places
            if out[i].type in ("organization", "place", "other") and not known:
                out[i] = replace(out[i], type="person")
        elif taken.free(start, end):
            out.append(Span(start, end, "person", "names"))
            taken.add(start, end)
    return sorted(out, key=lambda sp: sp.start)


def _name_end(text: str, pos: int, lex: Lexicon) -> int | None:
    """End of the surname words after a given name at `pos`, or None when there are none."""
    end = None
    for _ in range(3):
        m = _NEXT_NAME_WORD.match(text, pos)
        if m is None:
            break
        word = m.group(1)
        if word in PARTICLES:
            pos = m.end()
            continue
        if word.lower().rstrip(".") in lex.titles or word in lex.places:
            break
        if word in lex.organizations or word.rstrip(".") in lex.org_suffixes:
            break
        if word.lower() in _SMALL or word.isupper():
            break
        if word.lower() in _CALENDAR and re.match(r"[ \t]*\d", text[m.end() : m.end() + 3]):
            break
        pos = end = m.end()
    return end


def _left_ok(text: str, start: int, lex: Lexicon) -> bool:
    left = re.search(r"([A-Z][\w.]*)[ \t]+$", text[max(0, start - 30) : start])
    if left is None:
        return start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "-'’")
    word = left.group(1)
    return word.lower().rstrip(".") in lex.titles or sentence_start(text, start - len(left.group()))


# Results and standings lines, as wire services print them (agate type): "Rovers 2 Harbour City
# 1", "Northshire 259 and 207 ( ... ) , Eastvale 108-3", "Harbour City 6 4 1 1 12 5 13". A name
# followed by a score there is a team: the general layout of sports results in news, not a list
# of teams.
_SCORED_NAME = re.compile(
    r"(?<![\w'’.-])([A-Z][\w'’.&-]*(?:[ \t]+[A-Z][\w'’.&-]*){0,3})"
    r"[ \t]+(?!(?:1[89]|20)\d\d(?!\d))\d+(?:[-/]\d+)?(?=[ \t,;.]|$)"  # a score, not a year
)
_STANDINGS = re.compile(
    r"^[ \t]*([A-Z][\w'’.&-]*(?:[ \t]+[A-Z][\w'’.&-]*){0,3})(?:[ \t]+-?\d+){3,}"
)
# Standings with a winning percentage ("Harbour City 74 59 .556 -", "Eastvale 63 71 .470 11 1/2").
_PCT_STANDINGS = re.compile(
    r"^[ \t]*([A-Z][\w'’.&-]*(?:[ \t]+[A-Z][\w'’.&-]*){0,3})(?:[ \t]+\d+){2,3}[ \t]+\.\d{3}(?!\d)"
)
_BRACKETED = re.compile(r"\([^()\n]*\)")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]{2,}(?![\w'’-])")
_RESULTS_PROSE = 4  # more lower-case words than this (outside brackets): prose, not a table


def teams(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """In results and standings lines, a name followed by a score is a team (an organisation),
    unless it is a country or region (national teams stay places) or already a person,
    organisation or group ("A. Dale 69")."""
    kept = Taken(sp for sp in spans if sp.type in ("person", "organization", "group"))
    found: list[Span] = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        for a, b in scored_names(line):
            name = line[a:b]
            if name in lex.strong_places or name.split()[0].lower() in _CALENDAR:
                continue
            if kept.free(start + a, start + b):
                found.append(Span(start + a, start + b, "organization", "results"))
    if not found:
        return spans
    new = Taken(found)
    rest = [sp for sp in spans if new.free(sp.start, sp.end)]  # a team replaces a place
    return sorted([*rest, *found], key=lambda sp: sp.start)


def scored_names(line: str) -> list[tuple[int, int]]:
    """Bounds of the names followed by a score in `line` when it is a results line (two or
    more such names, few lower-case words outside brackets) or a standings line."""
    if not any(c.isdigit() for c in line):
        return []
    masked = _BRACKETED.sub(lambda m: " " * len(m.group()), line)
    if len(_LOWER_WORD.findall(masked)) > _RESULTS_PROSE:
        return []
    standing = _STANDINGS.match(masked) or _PCT_STANDINGS.match(masked)
    found = [standing.span(1)] if standing else [m.span(1) for m in _SCORED_NAME.finditer(masked)]
    found = [(a, b) for a, b in found if not _model_name(masked[a:b])]
    return found if standing or len(found) >= 2 else []


def _model_name(name: str) -> bool:
    """A product or model before its number ("Nova X5 12", "Vela GT 350", "GT 350": product
    lines are named so in reviews and business news), not a team: a digit in the name, or a last
    word in capitals after another word or of 2 letters."""
    words = name.split()
    last = words[-1]
    return any(c.isdigit() for c in name) or (last.isupper() and (len(words) > 1 or len(last) <= 2))


def _type_of_overlap(spans: list[Span], start: int, end: int) -> str | None:
    for sp in spans:
        if sp.start < end and start < sp.end:
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


def is_free(text: str, start: int, end: int) -> bool:
    """True when the words at start:end are not glued to other capitalised words."""
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-'’"):
        return False
    if end < len(text) and (text[end].isalnum() or text[end] in "-"):
        return False
    right = re.match(r"[ \t]+([A-Z]\w*)", text[end : end + 40])
    if right and right.group(1).lower() not in _SMALL:
        return False
    left = re.search(r"([A-Z]\w*)[ \t]+$", text[max(0, start - 40) : start])
    return not (left and not sentence_start(text, start - len(left.group())))


def sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 100) : pos].rstrip(" \t")
    if not before:
        return pos <= 100
    return before[-1] in "\n.!?:;\"“”'‘’-"


def gazetteer(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """Add capitalised gazetteer names that no span covers (places, then organisations).

    A known name of several words also replaces the fragments inside it ("Islamic" + "State").
    """
    taken = Taken(spans)
    added = list(spans)
    swallowed: set[tuple[int, int]] = set()
    window = _window(lex.max_words)
    for tok in _CAP_TOKEN.finditer(text):
        word = tok.group()
        most = lex.starts.get(word) or lex.starts.get(_bare(word))
        if not most or (most == 1 and not taken.free(tok.start(), tok.start() + 1)):
            continue
        words = _TOKEN.findall(window.match(text, tok.start()).group())  # type: ignore[union-attr]
        for n in range(min(most, len(words)), 0, -1):
            name = _bare(" ".join(words[:n]))
            kind = _gazetteer_type(name, lex)
            if kind is None:
                continue
            start, end = tok.start(), tok.start() + len(name)
            if text[start:end] != name or not is_free(text, start, end):
                break
            inside = taken.overlapping(start, end)
            if not inside or (
                " " in name
                and all(start <= a and b <= end for a, b in inside)
                and (start, end) not in inside
            ):
                swallowed.update(inside)
                added.append(Span(start, end, kind, "gazetteer"))
                taken.add(start, end)
            break
    if swallowed:
        added = [sp for sp in added if (sp.start, sp.end) not in swallowed]
    return sorted(added, key=lambda sp: sp.start)


@lru_cache(maxsize=4)
def _window(words: int) -> re.Pattern[str]:
    return re.compile(r"\S+(?:[ \t]+\S+){0," + str(words - 1) + "}")


def _bare(name: str) -> str:
    return _TRAILING_POSS.sub("", name.rstrip(_EDGE_PUNCT + "."))


def _gazetteer_type(name: str, lex: Lexicon) -> str | None:
    if name in lex.organizations:
        return "organization"
    if name in lex.places:
        return "place"
    return None


class Taken:
    """Which characters are inside a span already."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self.ranges = sorted((sp.start, sp.end) for sp in spans)

    def free(self, start: int, end: int) -> bool:
        return not self.overlapping(start, end)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        i = bisect.bisect_left(self.ranges, (end, end))
        near = self.ranges[max(0, i - 8) : i + 1]
        return [(a, b) for a, b in near if a < end and start < b]

    def add(self, start: int, end: int) -> None:
        bisect.insort(self.ranges, (start, end))


# A type read from evidence in the text (a kind word, the actor dictionaries, a suffix, a
# dateline) outweighs spaCy's guesses at the other mentions: "tyre maker Varden" decides
# "Varden said".
_VOTES = {"kind": 3, "actors": 3, "suffix": 3, "acronym": 3, "short": 3, "dateline": 3}


def consistency(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """One type per name (majority vote) and every exact occurrence of a name tagged."""
    votes: dict[str, Counter[str]] = {}
    for sp in spans:
        votes.setdefault(text[sp.start : sp.end], Counter())[sp.type] += _VOTES.get(sp.source, 1)
    best = {name: c.most_common(1)[0][0] for name, c in votes.items()}
    spans = [
        sp
        if sp.type == best[text[sp.start : sp.end]] or sp.source in ("dateline", "side")
        else replace(sp, type=best[text[sp.start : sp.end]])
        for sp in spans
    ]
    surnames, given = person_parts(text, spans, lex)
    names = {n: t for n, t in best.items() if len(n) > 2 and n[:1].isupper()}
    for name in surnames:
        names[name] = "person"
    if not names:
        return spans
    # A person's names win over another type given to that exact word ("al-Baghdadi" as ORG),
    # but not over an organisation the text itself marks as one ("tyre maker Pirelli").
    parts = (surnames | given) - {
        text[sp.start : sp.end] for sp in spans if sp.type == "organization" and sp.source in _VOTES
    }
    spans = [
        replace(sp, type="person")
        if sp.type not in ("person", "group")
        and (name := text[sp.start : sp.end]) in parts
        and name not in lex.strong_places
        and name not in lex.organizations
        else sp
        for sp in spans
    ]
    taken = Taken(spans)
    out = list(spans)
    for name in sorted(names, key=len, reverse=True):
        for start in _occurrences(text, name):
            end = start + len(name)
            if taken.free(start, end) and is_free(text, start, end):
                out.append(Span(start, end, names[name], "document"))
                taken.add(start, end)
    return sorted(out, key=lambda sp: sp.start)


def _occurrences(text: str, name: str) -> Iterator[int]:
    """Starts of `name` in `text` as a whole word (not inside a longer word or hyphenation)."""
    pos = text.find(name)
    while pos >= 0:
        before = text[pos - 1] if pos else " "
        after = text[pos + len(name) : pos + len(name) + 1]
        if not (before.isalnum() or before in "_'’-") and not (after.isalnum() or after in "_-"):
            yield pos
        pos = text.find(name, pos + 1)


def person_parts(text: str, spans: list[Span], lex: Lexicon) -> tuple[set[str], set[str]]:
    """Last names (also without an "al-" prefix) and first names of multi-word person names."""
    last_names: set[str] = set()
    first_names: set[str] = set()
    for sp in spans:
        if sp.type != "person":
            continue
        words = text[sp.start : sp.end].split()
        if len(words) < 2:
            continue
        last = words[-1]
        if last.lower() in _CALENDAR:
            continue
        if len(last) > 2 and last[:1].isupper() and last not in lex.strong_places:
            last_names.add(last)
        head, _, tail = last.partition("-")
        if tail and head.lower() in PARTICLES and len(tail) > 2 and tail[:1].isupper():
            last_names.update((last, tail))
        first = words[0]
        if (
            len(words) == 2
            and len(first) > 2
            and first[:1].isupper()
            and first.lower().rstrip(".") not in lex.titles
            and first not in lex.places
        ):
            first_names.add(first)
    return last_names, first_names


def recognize(
    text: str,
    ents: Iterable[RawEnt],
    lex: Lexicon,
    *,
    rerun: Rerun | None = None,
    known_place: Callable[[str], bool] | None = None,
) -> tuple[list[Span], list[tuple[int, int]]]:
    """All entity spans of `text` (sorted, non-overlapping) and the acronym pairs defined in it.

    `known_place(name)` tells whether the gazetteer knows a well-known populated place of that
    name (default: `_entity_types.well_known_place`).
    """
    from newsgraph.nlp.entities import _located as located  # both build on this module's spans
    from newsgraph.nlp.entities import _nonorgs as nonorgs
    from newsgraph.nlp.entities import _orgs as orgs
    from newsgraph.nlp.entities import _scorelines as scorelines
    from newsgraph.nlp.entities import _teams
    from newsgraph.nlp.entities import _types as types

    known = known_place or types.well_known_place
    ents = list(ents)
    spans = from_spacy(text, ents, rerun=rerun, keep=lex.acronyms)
    view = cased_view(text, lex.acronyms)
    spans = confirm_caps(text, view, repair(view, spans), lex)
    text = view
    spans = join_person_fragments(text, _dedupe(spans))
    spans, pairs = acronym_definitions(text, spans)
    spans, before = orgs.acronyms_before(text, spans)
    pairs = [*pairs, *before]
    spans = apply_lexicon(text, split_lists(text, spans, lex), lex)
    spans = organisations(text, spans, lex)
    spans = orgs.known_organisations(text, spans, lex)
    spans = orgs.company_cues(text, orgs.kind_words(text, spans, lex), lex)
    spans = people(text, spans, lex)
    spans = types.armed_groups(text, spans, lex, known)
    spans = types.streets(text, spans, known)
    spans = types.city_names(text, spans, lex, known)
    spans = scorelines.scored_people(text, teams(text, spans, lex), lex)
    spans = _teams.headline_results(text, _teams.fixtures(text, spans, lex), lex)
    spans = gazetteer(text, spans, lex)
    spans = located.used_as_places(text, spans, lex, org_sentence=types.org_sentence)
    spans = _teams.club_names(text, spans, lex, known)
    spans = orgs.short_forms(text, spans, lex)
    spans = types.match_reports(text, spans, lex)
    spans = types.common_words(text, spans, lex, known)
    spans = nonorgs.demonym_before_person(text, nonorgs.not_organisations(text, spans), lex)
    spans = nonorgs.datelines(text, _teams.sides(text, spans, lex))
    spans = consistency(text, spans, lex)
    return _dedupe(_unblocked(spans, ents)), pairs


# spaCy's numeric and time labels: names we add never overlap them ("May" in "in May 2019").
_BLOCKING = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_ADDED = frozenset({"gazetteer", "document", "names", "suffix"})


def _unblocked(spans: list[Span], ents: Iterable[RawEnt]) -> list[Span]:
    blocked = Taken(Span(s, e, "") for s, e, label in ents if label in _BLOCKING)
    if not blocked.ranges:
        return spans
    return [sp for sp in spans if sp.source not in _ADDED or blocked.free(sp.start, sp.end)]


def _dedupe(spans: Iterable[Span]) -> list[Span]:
    """Sorted, non-overlapping: on overlap the longer span wins."""
    out: list[Span] = []
    for sp in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if out and sp.start < out[-1].end:
            if sp.end - sp.start > out[-1].end - out[-1].start:
                out[-1] = sp
            continue
        out.append(sp)
    return out
