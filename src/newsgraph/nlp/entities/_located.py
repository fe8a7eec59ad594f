"""Names spaCy called persons or organisations that the text uses as places (issue 14, item 7).

"Israeli strikes hit Khan Younis and Rafah in southern Gaza": the small English model calls both
towns persons. A span typed person or organisation becomes a place when the gazetteer knows its
name as a populated place (any size) and the text uses it as one:

- strong cues: a locative before it ("in", "near", "into", "outside", "around", "across",
  "towards", "north of", "the town of", "shelled", "fled to", "withdrew from", optionally with
  a compass word: "in southern Rafah"), unless a possessive follows ("in Smith's office");
  "X in/near Y" or "X, Y" where Y is a place the gazetteer puts in the same country ("Rafah in
  southern Gaza", "Paris, Texas": Y a country or first-level region holding X); a list ("X and
  Y", "X, Y and Z") with a place of the same country, or with a country when X is a country;
- weak cues ("at", "from", "to", "via") count alone only for a place of 10,000 people or more
  (or a region or country) whose name is not a given name ("Victoria"), outside sentences of
  sport or business ("a goal from Lincoln");
- a kind word of land or water after the name, in lower case ("the Hunza valley", "the Osun
  river", "the Tver region"; after a list, in the plural: "the Tver and Oryol regions"): the
  name is a place even where the gazetteer lacks it (a valley, a river, a district).

A one-word name spaCy calls "other" (a product, an event: "the Oryol regions" read as a
product) is a place on the same cues only when the gazetteer knows it in the article's focus
country, the country its places name most.

A name stays a person when any of its mentions reads as one: a title or role before it ("Mr",
"President", "striker"), a known given name followed by words that are not a place ("Victoria
Harris"), an age or "who" after it ("Smith, 34,"; "Smith, who"), "himself", a speech verb
followed by he or she ("Smith said he ..."; "Rafah said" alone decides nothing, and in
"officials in Rafah said he" the officials speak), or a personal possessive ("Smith's wife",
"Smith's career"). An organisation in a sentence of sport or
business keeps its type ("shares in Shell"). The decision is per name: every mention of a
name with a place cue and no person reading becomes a place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from newsgraph.nlp.entities._lexicon import Lexicon
from newsgraph.nlp.entities._spans import PARTICLES, Span


@dataclass(frozen=True, slots=True)
class Hint:
    """One populated place a name may be: its kind, country and first-level region."""

    kind: str  # country, admin1, admin2, city, region
    country: str | None
    region: str | None
    population: int


Hints = Callable[[str], tuple[Hint, ...]]

_POPULATED = frozenset({"country", "admin1", "admin2", "city", "region"})
# A weak cue ("from Clinton") is enough alone from this population on.
WEAK_POPULATION = 10_000
_ROUNDS = 3  # lists pass "place" along: "Khan Younis and Rafah in southern Gaza"


@lru_cache(maxsize=16384)
def gazetteer_hints(name: str) -> tuple[Hint, ...]:
    """The populated places the gazetteer knows by `name` (primary names; alternates of cities
    only, which are spellings: "Janin" for Jenin, not "Harris County" for "Harris")."""
    from newsgraph.nlp.gazetteer import load_gazetteer

    out = []
    for cand in load_gazetteer().lookup(name):
        e = cand.entry
        if e.kind in _POPULATED and (not cand.alternate or e.kind == "city"):
            out.append(Hint(e.kind, e.country_code, e.admin1_code, e.population))
    return tuple(out)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_COMPASS = (
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
    r"|central|downtown"
)
_SETTLEMENT = (
    r"city|town|village|villages|district|province|governorate|region|camp|refugee[ \t]+camp"
    r"|neighbourhood|neighborhood|municipality|county|port|capital|suburb|suburbs|area"
    r"|outskirts|border[ \t]+town|enclave"
)
_TAIL = rf"[ \t]+(?:(?:{_COMPASS})[ \t]+)?$"
# Verbs of movement make "to" and "from" locatives ("fled to", "withdrew from").
_MOVED = (
    r"(?:fled|flee|fleeing|flew|fly|flying|moved|move|moving|travelled|traveled|travel|returned"
    r"|return|headed|drove|sailed|marched|advanced|deployed|evacuated|relocated|withdrew"
    r"|withdrawn|retreated|displaced|expelled)(?:[ \t]+back)?[ \t]+(?:to|from)"
)
_STRONG_BEFORE = re.compile(
    r"(?:\b(?:in|near|into|outside|around|across|towards|toward|inside|throughout|through"
    rf"|besieged|shelled|bombed|{_MOVED})|\b(?:{_COMPASS})[ \t]+of"
    rf"|\b(?:the|a)[ \t]+(?:{_SETTLEMENT})[ \t]+of){_TAIL}",
    re.IGNORECASE,
)
_WEAK_BEFORE = re.compile(rf"\b(?:at|from|to|via){_TAIL}", re.IGNORECASE)
_IN_PLACE = re.compile(rf"[ \t]+(?:in|near|outside)[ \t]+(?:(?:{_COMPASS})[ \t]+)?")
_COMMA = re.compile(r",[ \t]+")
_LIST_GAP = re.compile(r"(?:[ \t]*,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)")
_POSSESSIVE = re.compile(r"['’]s?(?![\w'’])")
# A kind word of land or water right after a name ("the Hunza valley", "the Tver region");
# the plural after the last name of a list gives every name of the list its kind.
_KIND = (
    r"valley|river|region|province|district|oblast|governorate|prefecture|basin|delta"
    r"|valleys|rivers|regions|provinces|districts|oblasts|governorates|prefectures"
)
_LIST_MOST = 12  # names a list of places runs to before its plural kind word, at most
_KIND_AFTER = re.compile(rf"[ \t]+(?:{_KIND})(?![\w'’-])")

# Roles that may stand before a person's name ("striker Harris"), beside the lexicon's titles.
_ROLES = _words(
    "coach officer detective deputy ambassador sheriff lieutenant councillor councilman "
    "councilwoman pastor spokesman spokeswoman striker midfielder goalkeeper defender forward "
    "actor actress singer rapper star player captain manager reporter correspondent author "
    "writer director producer suspect victim driver pilot"
)
_SPEECH = (
    r"said|says|told|added|wrote|tweeted|posted|explained|insisted|argued|denied|admitted"
    r"|recalled|asked|replied|claimed|stated|announced"
)
_HUMAN_AFTER = re.compile(
    rf"[ \t]*(?:,[ \t]*\d{{1,3}}[ \t]*,|,[ \t]*who\b|[ \t]+(?:himself|herself)\b"
    rf"|[ \t]+(?:{_SPEECH})\b[^.!?\n]{{0,40}}?\b(?:he|she|him|his|her|himself|herself)\b)"
)
_PERSONAL = _words(
    "wife husband son sons daughter daughters mother father brother brothers sister sisters "
    "parents children kids girlfriend boyfriend fiancé fiancée fiance fiancee widow widower "
    "lawyer lawyers attorney attorneys agent body face head hand hands eyes hair career "
    "birthday funeral album debut memoir family"
)
_WORDS_AFTER_POSSESSIVE = re.compile(r"['’]s?[ \t]+([a-z-]+)(?:[ \t]+([a-z]+))?")
_PLACE_WORDS = _words(
    "City Town Falls Springs Beach Heights Park Hills Valley Bay Harbour Harbor Port Mines "
    "Township Village Creek Lake"
)


@dataclass(frozen=True, slots=True)
class _Context:
    text: str
    lex: Lexicon
    hints: Hints
    org_sentence: Callable[[str, int, int], bool]
    focus: list[frozenset[str]]  # the article's focus countries, found at the first need


def used_as_places(
    text: str,
    spans: list[Span],
    lex: Lexicon,
    *,
    hints: Hints = gazetteer_hints,
    org_sentence: Callable[[str, int, int], bool],
) -> list[Span]:
    """Retype to places the person and organisation spans (and spaCy's one-word "other") the
    text uses as places."""
    ctx = _Context(text, lex, hints, org_sentence, [])
    mentions: dict[str, list[int]] = {}
    for i, sp in enumerate(spans):
        if _candidate(text, sp):
            mentions.setdefault(text[sp.start : sp.end], []).append(i)
    names = {name: idx for name, idx in mentions.items() if _place_shaped(name, lex)}
    kept: dict[str, bool] = {}  # asked only of names with a place cue (it looks names up)

    def keeps(name: str) -> bool:
        if name not in kept:
            kept[name] = any(_keeps_type(ctx, spans[i]) for i in mentions[name])
        return kept[name]

    def undecided(name: str) -> bool:  # a town not yet placed, in a list beside another
        return name in names and bool(hints(name)) and not keeps(name)

    out = list(spans)
    for _ in range(_ROUNDS):
        placed = [
            name
            for name, idx in names.items()
            if _used(ctx, out, name, idx, undecided) and not keeps(name)
        ]
        if not placed:
            break
        for name in placed:
            for i in names.pop(name):
                out[i] = replace(out[i], type="place")
    return out


def _candidate(text: str, sp: Span) -> bool:
    """A person or organisation; or spaCy's "other" of one word ("the Oryol regions")."""
    if sp.type in ("person", "organization"):
        return sp.source in ("spacy", "caps", "names")
    return sp.type == "other" and sp.source == "spacy" and " " not in text[sp.start : sp.end]


def _place_shaped(name: str, lex: Lexicon) -> bool:
    """Capitalised words (particles allowed: "Deir al-Balah"), no known organisation,
    demonym or acronym, not all capitals."""
    words = name.split()
    if not words or len(words) > 4 or name.isupper():
        return False
    if name in lex.organizations or name in lex.demonyms or name in lex.acronyms:
        return False
    return all(w[:1].isupper() or w in PARTICLES or _particle_joined(w) for w in words)


def _particle_joined(word: str) -> bool:
    head, _, tail = word.partition("-")
    return head in PARTICLES and tail[:1].isupper()


def _keeps_type(ctx: _Context, sp: Span) -> bool:
    """An organisation in a sentence of sport or business ("coach at Torino": a club, so
    every mention of the name is), a person by `_reads_as_person`."""
    if sp.type == "organization":
        return ctx.org_sentence(ctx.text, sp.start, sp.end)
    return _reads_as_person(ctx, sp)


def _reads_as_person(ctx: _Context, sp: Span) -> bool:
    """A title or role before it, a given name and a surname, an age, "who", a speech verb
    followed by he or she, a personal possessive."""
    text, lex = ctx.text, ctx.lex
    before = text[max(0, sp.start - 30) : sp.start].split()
    last = [w.lower().rstrip(".") for w in before[-2:]]
    if last and (last[-1] in lex.titles or last[-1] in _ROLES or " ".join(last) in lex.titles):
        return True
    words = text[sp.start : sp.end].split()
    if len(words) > 1 and words[0] in lex.given_names:
        rest = " ".join(words[1:])
        if words[-1] not in _PLACE_WORDS and not ctx.hints(rest):
            return True
    if _HUMAN_AFTER.match(text, sp.end) and not _strong_before(text, sp):
        return True  # "officials in Rafah said he": the officials speak
    m = _WORDS_AFTER_POSSESSIVE.match(text, sp.end)  # "Smith's wife", "Smith's late wife"
    return m is not None and (m.group(1) in _PERSONAL or m.group(2) in _PERSONAL)


def _used(
    ctx: _Context, spans: list[Span], name: str, idx: list[int], undecided: Callable[[str], bool]
) -> bool:
    """True when a mention of `name` has a kind word of land or water after it, or a strong
    place cue and the gazetteer knows the name, or a weak one and the gazetteer knows a
    sizeable place of that name that is not a given name; spaCy's "other" needs a place of the
    article's focus country."""
    cue = _cue(ctx, spans, name, idx, undecided)
    if cue is None:
        return False
    hints = ctx.hints(name)
    if any(spans[i].type == "other" for i in idx):
        return cue != "weak" and _in_focus(ctx, spans, hints)
    if cue == "kind":
        return True
    if not hints:
        return False
    if cue == "strong":
        return True
    big = any(h.kind != "city" or h.population >= WEAK_POPULATION for h in hints)
    return big and name not in ctx.lex.given_names


def _cue(
    ctx: _Context, spans: list[Span], name: str, idx: list[int], undecided: Callable[[str], bool]
) -> str | None:
    """The strongest place cue among the mentions: "kind", "strong", "weak" or None."""
    strong = weak = False
    for i in idx:
        if _kind_after(ctx.text, spans, i):
            return "kind"
        if strong:
            continue
        sp = spans[i]
        if _strong_before(ctx.text, sp) or _inside_place(ctx, spans, i, name, undecided):
            strong = True
        else:
            weak = weak or _weak_before(ctx, sp)
    return "strong" if strong else "weak" if weak else None


def _kind_after(text: str, spans: list[Span], i: int) -> bool:
    """ "the Hunza valley", "the Tver region"; "the Tver and Oryol regions" for both names."""
    if _KIND_AFTER.match(text, spans[i].end):
        return True
    j, last = i, min(len(spans) - 1, i + _LIST_MOST)  # (a list of names: a dozen at most)
    while j < last and _LIST_GAP.fullmatch(text, spans[j].end, spans[j + 1].start):
        j += 1
    m = _KIND_AFTER.match(text, spans[j].end) if j > i else None
    return m is not None and m.group().endswith("s")


def _in_focus(ctx: _Context, spans: list[Span], hints: tuple[Hint, ...]) -> bool:
    """True when a place of `hints` lies in the article's focus country."""
    if not ctx.focus:
        ctx.focus.append(_focus_countries(ctx, spans))
    return any(h.country in ctx.focus[0] for h in hints)


def _focus_countries(ctx: _Context, spans: list[Span]) -> frozenset[str]:
    """The countries the article's places name most: each place counts for the country of its
    likeliest sense (a country, else a first-level region, else the most populous)."""
    counts: dict[str, int] = {}
    for sp in spans:
        if sp.type != "place":
            continue
        hints = ctx.hints(ctx.text[sp.start : sp.end])
        if hints:
            best = max(hints, key=lambda h: (h.kind == "country", h.kind == "admin1", h.population))
            if best.country:
                counts[best.country] = counts.get(best.country, 0) + 1
    top = max(counts.values(), default=0)
    return frozenset(c for c, n in counts.items() if n == top)


def _weak_before(ctx: _Context, sp: Span) -> bool:
    """ "at", "from", "to", "via" before the name, outside sentences of sport or business
    ("a goal from Lincoln")."""
    if _WEAK_BEFORE.search(ctx.text, max(0, sp.start - 30), sp.start) is None:
        return False
    return not ctx.org_sentence(ctx.text, sp.start, sp.end)


def _strong_before(text: str, sp: Span) -> bool:
    """A locative before the name, unless the name is a possessive ("in Smith's office")."""
    if _POSSESSIVE.match(text, sp.end):
        return False
    return _STRONG_BEFORE.search(text, max(0, sp.start - 40), sp.start) is not None


def _inside_place(
    ctx: _Context, spans: list[Span], i: int, name: str, undecided: Callable[[str], bool]
) -> bool:
    """ "X in (southern) Y", "X, Y" with Y a place holding X, or X in a list with a place."""
    text, sp = ctx.text, spans[i]
    nxt = spans[i + 1] if i + 1 < len(spans) else None
    if nxt is not None and nxt.type == "place":
        other = text[nxt.start : nxt.end]
        if _IN_PLACE.fullmatch(text, sp.end, nxt.start):
            return _same_country(ctx.hints(name), ctx.hints(other))
        if _COMMA.fullmatch(text, sp.end, nxt.start) and _holds(ctx.hints(other), ctx.hints(name)):
            return True
    listed = [spans[j] for j in _list_neighbours(text, spans, i)]
    others = [text[o.start : o.end] for o in listed if o.type != "place"]
    if not listed or not all(map(undecided, others)):
        return False  # a list of persons ("Breen, Staunton, Irwin") is no list of places
    return any(
        _listed_with_place(ctx, name, text[o.start : o.end]) for o in listed if o.type == "place"
    )


def _list_neighbours(text: str, spans: list[Span], i: int) -> Iterable[int]:
    """Indexes of the spans beside span i in a list ("X, Y and Z"), in both directions."""
    j = i
    while j > 0 and _LIST_GAP.fullmatch(text, spans[j - 1].end, spans[j].start):
        j -= 1
        yield j
    j, last = i, min(len(spans) - 1, i + _LIST_MOST)  # (a list of names: a dozen at most)
    while j < last and _LIST_GAP.fullmatch(text, spans[j].end, spans[j + 1].start):
        j += 1
        yield j


def _listed_with_place(ctx: _Context, name: str, other: str) -> bool:
    """A place of the same country, or two countries ("Jordan and Lebanon")."""
    mine, theirs = ctx.hints(name), ctx.hints(other)
    both_countries = any(h.kind == "country" for h in mine) and any(
        h.kind == "country" for h in theirs
    )
    return both_countries or _same_country(mine, theirs)


def _same_country(a: tuple[Hint, ...], b: tuple[Hint, ...]) -> bool:
    countries = {h.country for h in a if h.country}
    return any(h.country in countries for h in b)


def _holds(outer: tuple[Hint, ...], inner: tuple[Hint, ...]) -> bool:
    """True when a country or first-level region in `outer` holds a place in `inner`."""
    for o in outer:
        if o.kind == "country" and any(h.country == o.country for h in inner):
            return True
        if o.kind == "admin1" and any(
            h.country == o.country and h.region == o.region and h.kind != "admin1" for h in inner
        ):
            return True
    return False


# Kind words written after the name of an administrative division ("Lafourche Parish", "Sindh
# Province", "Giza Governorate"): the name and its kind word are one place.
_DIVISION = re.compile(
    r"(?<![\w'’-])((?:[A-Z][\w'’.-]*[ \t]+){1,3})"
    r"(Parish|County|Borough|Township|Province|Governorate|Prefecture|District)(?![\w'’-])"
)
_DIVISION_BASE = frozenset({"admin1", "admin2"})
# A province or governorate may be named by its capital ("Kandahar Province", "Giza
# Governorate"); a county word after a town is as often a club's ("Derby County").
_PROVINCE_BASE = frozenset({"admin1", "admin2", "city"})
_COUNTY_WORDS = frozenset({"Parish", "County", "Borough", "Township"})
_DIVISION_WORDS = (*_COUNTY_WORDS, "Province", "Governorate", "Prefecture", "District")


def divisions(text: str, spans: list[Span], hints: Hints = gazetteer_hints) -> list[Span]:
    """A name and its division word ("Parish", "County", "Province", "Governorate") is one
    place when the gazetteer knows the whole name as a populated place, or the name alone as a
    first- or second-level division (a province's or governorate's also as a city): "The storm
    hit Lafourche Parish", which spaCy splits into an organisation and a group. Spans wholly
    inside it give way; one reaching past it ("Lafourche Parish Sheriff's Office") keeps its
    reading."""
    if not any(word in text for word in _DIVISION_WORDS):
        return spans
    out = list(spans)
    for m in _DIVISION.finditer(text):
        words = m.group(1).split()
        end = m.end()
        for i in range(len(words)):
            name = " ".join(words[i:])
            start = m.start(2) - len(name) - 1
            if text[start : m.start(2) - 1] != name:
                continue
            base = _DIVISION_BASE if m.group(2) in _COUNTY_WORDS else _PROVINCE_BASE
            if hints(text[start:end]) or any(h.kind in base for h in hints(name)):
                break
        else:
            continue
        inside = [sp for sp in out if sp.start < end and start < sp.end]
        if any(sp.start < start or end < sp.end for sp in inside):
            continue
        if any((sp.start, sp.end) == (start, end) and sp.source != "spacy" for sp in inside):
            continue
        out = [sp for sp in out if sp not in inside]
        out.append(Span(start, end, "place", "gazetteer"))
    return sorted(out, key=lambda sp: sp.start)
