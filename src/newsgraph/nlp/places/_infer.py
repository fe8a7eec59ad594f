"""Placing a name in its context (used by `places`): a name the gazetteer lacks, one it knows
only through a part of it, and a small foreign town that stands among the places of another
country.

Where such a name goes, most specific first:

- the place named right beside it: after it ("Royal Street in Paterson", "Bikoro health zone,
  Equateur province", "the Hauts-Bassins region around Bobo-Dioulasso") or before it ("Seoul's
  Jamsil Stadium"; a country only for an administrative unit: "South Korea's South Chungcheong
  province");
- else the place listed beside it ("Can Tho and An Giang"), preferred as well to a country
  named after it that holds that place ("Can Tho and An Giang, Vietnam's ...");
- else the article's main city, region or country.

A town the gazetteer knows is placed so too when the text puts it in a city far from it
("Fremont in Seattle": a neighbourhood, not the Californian city).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsgraph.nlp.gazetteer import Candidate, Entry
from newsgraph.nlp.places._cues import scoring_weight

REGION_SUPPORT = scoring_weight("region_support")
FAR_KM = scoring_weight("far_km")
PARTIAL_MIN_POPULATION = scoring_weight("partial_min_population")


@dataclass(frozen=True, slots=True)
class NameMention:
    """A place name as written, with its offsets and the entity it belongs to."""

    start: int
    end: int
    text: str
    entity_id: str | None = None


@dataclass(slots=True)
class Choice:
    """The entry chosen for a mention, or why none was, or where the context put it."""

    candidate: Candidate | None
    reason: str | None = None
    inferred: Entry | None = None  # the context place an unknown name was placed at
    cued: bool = False  # chosen as part of a longer name ("along the Niger": the river)


# The administrative unit a name may carry before its context: "Bikoro health zone, Equateur
# province", "the Hauts-Bassins region around Bobo-Dioulasso", "Turkana county in Kenya".
_UNIT = (
    r"(?:(?:health|sanitary|rural|urban)\s+)?(?:zone|district|province|region|state|county|"
    r"parish|governorate|prefecture|department|division|municipality|sub-?county|territory)s?"
)
# "Royal Street in Paterson", "Cavan Institute, Cavan", "Bikoro health zone, Equateur"
_ATTACHED_AFTER = re.compile(
    rf"\s*(?:{_UNIT}\s*)?(?:,|\(|(?:,\s*)?(?:in|at|near|outside|off|of|on|around)\b)"
    r"\s*(?:the\s+)?",
    re.IGNORECASE,
)
_ATTACHED_BEFORE = re.compile(r"(?:['’]s?)?\s*(?:-\s*)?")  # "Seoul's Jamsil Stadium", "Derry's"
_UNIT_AFTER = re.compile(rf"\s+{_UNIT}\b", re.IGNORECASE)  # "South Chungcheong province"
# Items of one list: "Can Tho and An Giang", "Concord and Bow", "Kano, Katsina"
LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and|or)?|and|or|&)\s*")
_LISTED_KINDS = frozenset({"city", "admin1", "admin2"})


def infer_from_context(
    text: str, mentions: Sequence[NameMention], choices: list[Choice], partial: Sequence[bool]
) -> list[Choice]:
    """Place a name the gazetteer lacks (a street, a building, a village) at the most specific
    place its context gives (see the module's docstring). The choice keeps no id, no name and
    no kind of its own; its `reason` says where it was put and why, and its precision is
    "centroid" (the area it lies in, not its point).

    A name resolved only through a part of it (`partial`: "Windsor Castle" by Windsor) is
    placed in context too when the context is more specific ("Washington University in St.
    Louis") or when the part's country is none the article's other names point to. So is a
    small town of a country nothing else in the article names, listed or attached beside a
    place of another country ("Interstate 93 in Concord and Bow" in a New Hampshire story:
    not Bow in London): a gazetteer lacks many small towns, and a namesake abroad is then all
    it offers. And so is a town said to lie in a city far from it, alone or as an item of a
    list ("Ballard and Fremont in Seattle"): a neighbourhood the gazetteer lacks."""
    known = [
        (m, c.candidate.entry)
        for m, c, p in zip(mentions, choices, partial, strict=True)
        if c.candidate is not None and c.candidate.entry.lat is not None and not p
    ]
    if not known:
        return choices
    by_country: Counter[str] = Counter(e.country_code for _, e in known if e.country_code)
    stray = [
        not p and c.candidate is not None and _stray(c.candidate, by_country)
        for c, p in zip(choices, partial, strict=True)
    ]
    compass = [
        not p and c.candidate is not None and _compass_abroad(m.text, c.candidate, by_country)
        for m, c, p in zip(mentions, choices, partial, strict=True)
    ]
    stray = [s or c for s, c in zip(stray, compass, strict=True)]
    index = Known(known)
    within = _within(text, mentions, choices, partial, index)
    if not any(
        _open(c, p) or s or w for c, p, s, w in zip(choices, partial, stray, within, strict=True)
    ):
        return choices
    main = _main_place(known)
    countries = set(by_country)
    towns = [e for _, e in known if e.kind in ("city", "admin2")]
    out = []
    for m, c, p, s, bare, w in zip(mentions, choices, partial, stray, compass, within, strict=True):
        if w is not None:
            out.append(
                Choice(None, f"a namesake far from the city it lies in; placed at {w.name}", w)
            )
            continue
        if not (_open(c, p) or s):
            out.append(c)
            continue
        found = _attached(text, m, index)
        if s:
            found = found or _listed(text, m, index) or (main if bare else None)
            if found is None or found.kind == "country" or not by_country[found.country_code or ""]:
                out.append(c)
                continue
        elif c.candidate is not None and not _replaces(c.candidate.entry, found, countries, towns):
            out.append(c)
            continue
        if found is not None:
            how = f"{found.name}, named beside it"
        elif main is not None:
            found, how = main, f"{main.name}, the article's main place"
        else:
            out.append(c)
            continue
        lacks = "not in gazetteer"
        if s:
            lacks = "a region of that name abroad" if bare else "a small namesake abroad"
        out.append(Choice(None, f"{lacks}; placed at {how}", found))
    return out


# "Fremont in Seattle", "Hyde Park in London": a place said to lie in a city.
_IN_CITY = re.compile(r"\s+in\s+(?:downtown\s+)?", re.IGNORECASE)


def _within(
    text: str,
    mentions: Sequence[NameMention],
    choices: Sequence[Choice],
    partial: Sequence[bool],
    index: Known,
) -> list[Entry | None]:
    """For each mention, the city it is said to lie in when its town lies far from it
    (`_in_far_city`), itself or as an item of a list said to lie there ("Ballard and
    Fremont in Seattle")."""
    out: list[Entry | None] = [None] * len(mentions)
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].start, mentions[i].end))
    run: list[int] = []
    for n, i in enumerate(order):
        run.append(i)
        following = order[n + 1] if n + 1 < len(order) else None
        if following is not None and LIST_JOIN.fullmatch(
            text, mentions[i].end, max(mentions[i].end, mentions[following].start)
        ):
            continue
        city = _in_city(text, mentions[i], index)
        if city is not None:
            for j in run:
                c = choices[j].candidate
                if not partial[j] and c is not None and _far_town(c.entry, city):
                    out[j] = city
        run = []
    return out


def _in_city(text: str, m: NameMention, index: Known) -> Entry | None:
    """The city named right after a mention as the one it lies in ("Fremont in Seattle",
    "Hyde Park in London"). When the town the gazetteer gave the mention lies far from it,
    the name is a neighbourhood of that city, which the gazetteer lacks, and its namesake
    elsewhere is no answer."""
    if _IN_CITY.match(text, m.end) is None:  # no "in" after it: no item needs trying
        return None
    for i in index.after(text, m.end):
        k, city = index.items[i]
        if k.start >= m.end and city.kind == "city" and _IN_CITY.fullmatch(text, m.end, k.start):
            return city
    return None


def _far_town(e: Entry, city: Entry) -> bool:
    return e.kind == "city" and km(e, city) > FAR_KM


def _stray(c: Candidate, by_country: Counter[str]) -> bool:
    """A small town (no capital) of a country no other name of the article points to, in an
    article whose other names point somewhere: its one vote is its own."""
    e = c.entry
    return (
        e.kind == "city"
        and not e.capital
        and e.population < PARTIAL_MIN_POPULATION
        and _stray_country(e, by_country)
    )


# Words that make a region's name by direction alone: "Eastern", "Western Region", "Central
# Province", "North East", "Upper West". Many countries name provinces so (Uganda, Ghana, Zambia,
# Sri Lanka, Kenya's former provinces), and a gazetteer holds only some of them.
_COMPASS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "upper",
        "lower",
        "north-east",
        "north-west",
        "south-east",
        "south-west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "far",
        "mid",
        "region",
        "province",
    ]
)


def _compass_abroad(text: str, c: Candidate, by_country: Counter[str]) -> bool:
    """A region named by direction alone ("Eastern region") whose only sense the gazetteer
    holds lies in a country no other name of the article points to, while they point
    elsewhere: in a report on Uganda, "Eastern region" is Uganda's, not Ghana's."""
    e = c.entry
    words = text.lower().split()
    return (
        e.kind in ("admin1", "admin2", "region")
        and bool(words)
        and all(w in _COMPASS for w in words)
        and _stray_country(e, by_country)
    )


def _stray_country(e: Entry, by_country: Counter[str]) -> bool:
    """Whether no other name of the article points to the entry's country, while some do
    point elsewhere."""
    return (
        e.country_code is not None
        and by_country[e.country_code] <= 1
        and sum(by_country.values()) > by_country[e.country_code]
    )


def _replaces(
    part: Entry, attached: Entry | None, countries: set[str], towns: Sequence[Entry]
) -> bool:
    """Whether the context beats the place a part of a name gives: a city named right beside
    it and far from that part ("Washington University in St. Louis"); a city or region part
    in a country the article does not otherwise name ("Windsor Castle" in Canada); or a town
    part (not a capital) far from every town the article names in its country, two or more:
    in a story of Portland, Maine, "Cape Elizabeth" is no cape of Elizabeth, New
    Jersey."""
    if attached is not None and attached.kind in ("city", "admin2"):
        return km(part, attached) > FAR_KM
    if part.kind in ("city", "admin1", "admin2") and part.country_code not in countries:
        return True
    near = [t for t in towns if t.country_code == part.country_code]
    return (
        part.kind == "city"
        and not part.capital
        and len(near) >= 2
        and all(km(part, t) > FAR_KM for t in near)
    )


def km(a: Entry, b: Entry) -> float:
    """Great-circle distance between two entries in kilometres (0 when one has no point)."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return 0.0
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _open(choice: Choice, partial: bool) -> bool:
    """Whether a choice may be placed in context: a name not in the gazetteer, or resolved
    only through a part of it."""
    return partial or (choice.candidate is None and choice.reason == "not in gazetteer")


class Known:
    """The mentions the gazetteer placed, indexed by the offsets where they start and end, so
    that the places written right beside a mention are found by reading the few characters
    around it, not by trying every other mention of the article (linear, not quadratic, in
    the article's length)."""

    def __init__(self, items: Sequence[tuple[NameMention, Entry]]) -> None:
        self.items = list(items)
        self._starts = sorted({m.start for m, _ in self.items})
        self._ends = sorted({m.end for m, _ in self.items})
        self._by_start: dict[int, list[int]] = {}
        self._by_end: dict[int, list[int]] = {}
        for i, (m, _) in enumerate(self.items):
            self._by_start.setdefault(m.start, []).append(i)
            self._by_end.setdefault(m.end, []).append(i)

    def after(self, text: str, pos: int) -> list[int]:
        """The items (by index, in order) that start within a joining gap's reach after
        `pos`: every one whose gap a join pattern of this module may accept."""
        stop = _reach(text, pos, 1)
        lo, hi = bisect_left(self._starts, pos), bisect_right(self._starts, stop)
        return sorted(i for at in self._starts[lo:hi] for i in self._by_start[at])

    def before(self, text: str, pos: int) -> list[int]:
        """The items (by index, in order) that end within a joining gap's reach before
        `pos`."""
        stop = _reach(text, pos, -1)
        lo, hi = bisect_left(self._ends, stop), bisect_right(self._ends, pos)
        return sorted(i for at in self._ends[lo:hi] for i in self._by_end[at])


# What a gap between a mention and the place beside it may hold under `_ATTACHED_AFTER`,
# `_ATTACHED_BEFORE` and `LIST_JOIN`: letters (their words), spaces and these marks, and no
# more than `_GAP_WORD_CHARS` other characters (the longest gap they accept, ", outside the"
# after "sanitary municipalities", has 32). A gap past that reach matches none of them, so
# the mentions past it need not be tried.
_GAP_MARKS = frozenset(",(-'’&")
_GAP_WORD_CHARS = 64


def _reach(text: str, pos: int, step: int) -> int:
    """The farthest offset from `pos` (forward for step 1, back for -1) that a gap accepted by
    a join pattern can reach."""
    count = 0
    i = pos if step > 0 else pos - 1
    while 0 <= i < len(text):
        c = text[i]
        if not c.isspace():
            if not (c.isalpha() or c in _GAP_MARKS):
                break
            count += 1
            if count > _GAP_WORD_CHARS:
                break
        i += step
    return i if step > 0 else i + 1


def _attached(text: str, m: NameMention, known: Known) -> Entry | None:
    """The place named right after ("X in Y", "X, Y", "X province of Y") or right before
    ("Y's X") a mention, else the place listed beside it ("Y and X"). A place listed beside
    it wins over a country after it that holds that place: in "Can Tho and An Giang,
    Vietnam's ..." An Giang lies by Can Tho more surely than anywhere in Vietnam."""
    found = _beside(text, m, known)
    if found is not None and found.kind == "country":
        listed = _listed(text, m, known)
        if listed is not None and listed.country_code == found.country_code:
            return listed
    return found


def _beside(text: str, m: NameMention, known: Known) -> Entry | None:
    """The first place (in the article's order of mentions) attached after the mention, else
    the first attached before it (a country only before a unit word: "Kenya's Turkana
    county")."""
    for i in known.after(text, m.end):
        k, e = known.items[i]
        if k.start >= m.end and _ATTACHED_AFTER.fullmatch(text, m.end, k.start):
            return e
    unit = _UNIT_AFTER.match(text, m.end) is not None
    for i in known.before(text, m.start):
        k, e = known.items[i]
        if (
            k.end <= m.start
            and (e.kind != "country" or unit)
            and _ATTACHED_BEFORE.fullmatch(text, k.end, m.start)
        ):
            return e
    return None


def _listed(text: str, m: NameMention, known: Known) -> Entry | None:
    """The town or region listed right before or after a mention ("Concord and Bow"): the
    first such in the order of mentions."""
    for i in sorted({*known.before(text, m.start), *known.after(text, m.end)}):
        k, e = known.items[i]
        if e.kind not in _LISTED_KINDS:
            continue
        if k.end <= m.start and LIST_JOIN.fullmatch(text, k.end, m.start):
            return e
        if k.start >= m.end and LIST_JOIN.fullmatch(text, m.end, k.start):
            return e
    return None


def _main_place(known: Sequence[tuple[NameMention, Entry]]) -> Entry | None:
    """The most specific place the article is mostly about: inside its most mentioned
    country, the city mentioned most (each other name in the city's first-level region
    counting half), else the most mentioned county, region or the country itself."""
    countries: Counter[str] = Counter(e.country_code for _, e in known if e.country_code)
    if not countries:
        return None
    top = max(countries.items(), key=lambda kv: kv[1])[0]
    inside = [e for _, e in known if e.country_code == top]
    regions: Counter[str] = Counter(e.admin1_code for e in inside if e.admin1_code)
    for kind in ("city", "admin2", "admin1", "country"):
        counts: Counter[Entry] = Counter(e for e in inside if e.kind == kind)
        if counts:
            return max(
                counts,
                key=lambda e: (
                    counts[e] + REGION_SUPPORT * (regions[e.admin1_code or ""] - counts[e])
                ),
            )
    return None
