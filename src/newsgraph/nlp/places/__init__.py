"""The places stage: find place names and resolve each to one gazetteer entry, with the
article's context (CLIFF-like).

Recognition: the place entities of the entities stage when it found any, else spaCy's
GPE/LOC/FAC entities, plus gazetteer names of countries, regions and first-level regions that
spaCy missed, names that a unit word makes a county or region ("Lafourche Parish", "the Somali
region") whatever label the entities stage gave them, and the places of datelines written in
capitals ("BOSTON (Reuters) -", "KOLKATA, India -"). A name inside a person's name (the
entities stage's persons, else spaCy's: "Chad Smith", "Tennessee Williams") is neither a
mention nor context; inside an
organisation's ("the Idaho Statesman") it is context. Resolution (`_resolve`) scores every
candidate of a name:

- a kind prior: a country or named region beats a city of the same name, a capital and a
  populous city beat a village (log10 of the population), an alternate name costs a little;
- the words around the name (`_cues`): its country or state beside it ("Moscow,
  Idaho", "Tripoli, in northern Lebanon", "Lebanon's Tripoli"), which nearly decides; a
  longer name it makes ("the Gaza Strip", "the Jordan River", "along the Niger": the river);
  a word for its kind ("Gaza province", "the state of Georgia"), which a plural after a list
  gives every item ("Gulu and Lira districts"), which makes a demonym or a direction
  the region of that name ("the Somali region", "Western region"), and which, after a town
  of the article's country whose unit the gazetteer lacks, is that town ("Gulu district");
  "state" names the state rather than its namesake city where the two lie apart ("Sao Paulo
  state"), and so does a list with a state ("Minas Gerais and Sao Paulo");
- the article's context: countries and first-level regions that the other names (and
  demonyms such as "Russian") point to, so Georgia with Atlanta is the US state and Georgia
  with Tbilisi the country; a country bordering one named ("Russia and Georgia"); a town
  near another named town when the name's likeliest sense lies in a country nothing else
  supports ("between Harrisburg and Lebanon"), and a little against a larger namesake of a
  supported country ("Jackson ... Driggs": Wyoming), where the towns of a state the article
  names outright count as named towns ("Texas officials ... Paris ... Clarksville"); states
  and countries named outside the mentions count too ("the University of Idaho").

Short forms are spelled out ("Mt. Vernon": Mount Vernon), a direction before a state or a
country the gazetteer lacks as one name is that state or country ("Eastern Washington": never
the capital), and "the capital" is resolved last, to the capital of the country its adjective
or the article names (`_capital`).

The evidence is gathered twice: from each name's likeliest sense, then from the first choices.
A country-or-state tie with no context either way stays unresolved, with the reason.
A name the gazetteer lacks (a street, a building, a venue) is placed in context
(`infer_from_context`): at the place named right beside it ("Royal Street in Paterson"),
else at the article's main city, with no id and a `reason` saying so.
The focus place (`focus=True`) is the country most mentioned (with the places inside it),
title and first paragraph counting double, and the most mentioned place inside it.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from newsgraph.model import Article, Mention, Place
from newsgraph.nlp._doc import named_entities, text_of
from newsgraph.nlp._spans import Spans
from newsgraph.nlp.gazetteer import Candidate, Entry, Gazetteer, describe, load_gazetteer, norm
from newsgraph.nlp.places._capital import capital_country, capital_of, capital_word
from newsgraph.nlp.places._cues import (
    KIND_CUE_BONUS,
    code_states,
    cued_candidates,
    kind_bonus,
    kind_cue_at,
    pattern_bonus,
    pattern_targets,
    plural_unit_after,
    scoring_weight,
    shared_country_candidates,
    state_code_at,
    state_word_at,
)
from newsgraph.nlp.places._infer import LIST_JOIN, infer_from_context, km
from newsgraph.nlp.places._infer import Choice as _Choice
from newsgraph.nlp.places._infer import NameMention as _Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["STAGE", "resolve_spans", "run"]  # the public names; the rest is private

STAGE = "places"

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
BLOCKING_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
# Scoring weights: `data/places/weights.tsv` says what each one means.
_KINDS = ("country", "continent", "region", "feature", "admin2")
KIND_PRIOR = {kind: scoring_weight(f"prior.{kind}") for kind in _KINDS}
OTHER_PRIOR = scoring_weight("prior.other")
ADMIN1_PRIOR = scoring_weight("prior.admin1")
ADMIN2_SIZE = scoring_weight("prior.admin2_size")
CAPITAL_BONUS = scoring_weight("capital_bonus")
ALTERNATE_PENALTY = scoring_weight("alternate_penalty")
PARTIAL_MIN_POPULATION = scoring_weight("partial_min_population")
FAR_KM = scoring_weight("far_km")
COUNTRY_CONTEXT = scoring_weight("country_context")
TOP_COUNTRY_CONTEXT = scoring_weight("top_country_context")
REGION_CONTEXT = scoring_weight("region_context")
NEIGHBOUR_CONTEXT = scoring_weight("neighbour_context")
LOCAL_CONTEXT = scoring_weight("local_context")
NEAR_CONTEXT = scoring_weight("near_context")
NEAR_KM = scoring_weight("near_km")
CITY_REGION_CONTEXT = scoring_weight("city_region_context")
SHARED_REGION_CONTEXT = scoring_weight("shared_region_context")
SHARED_REGION_CAP = scoring_weight("shared_region_cap")
NAMESAKE_BONUS = scoring_weight("namesake_bonus")
AMBIGUOUS_MIN_POPULATION = scoring_weight("ambiguous_min_population")
_OUTRANK_DEMONYMS = frozenset({"country", "continent", "region"})  # not "Western" (LK)
RECOGNISED_KINDS = frozenset({"country", "continent", "region", "admin1"})
_POINT_KINDS = frozenset({"city", "admin2"})  # places small enough for "close by"
# A capital at the start of a word (r"\b[A-Z]"), the look-behind put after the letter: `re`
# then skips ahead to the capitals, not trying the pattern at every character.
_CAPITALISED = re.compile(r"[A-Z](?<!\w[A-Z])[\w'’.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’.-]*){0,3}")
_GENERIC_WORDS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "central",
        "centre",
        "center",
        "western",
        "eastern",
        "northern",
        "southern",
        "metro",
        "city",
        "state",
        "county",
        "new",
        "upper",
        "lower",
        "great",
        "greater",
        "saint",
        "st",
        "san",
        "santa",
        "port",
        "fort",
        "lake",
        "mount",
        "river",
        "valley",
        "union",
        "university",
        "college",
        "school",
        "street",
        "avenue",
        "road",
        "district",
        "island",
        "islands",
    ]
)
_DEMONYM_WORD = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]+(?:\s[A-Z][a-z]+)?\b")  # as `_CAPITALISED`


@dataclass
class _Evidence:
    """Countries, first-level regions and points (of towns) the names of one article give."""

    countries: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    regions: dict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    points: list[tuple[str, Entry]] = field(default_factory=list)
    by_key: dict[str, list[tuple[str | None, tuple[str, str] | None, float]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    # `without`'s answer per name while the evidence is unchanged: a name repeated in a long
    # article is scored many times, and each answer reads every town the article names.
    memo: dict[str, _Context] = field(default_factory=dict, repr=False)

    def add(self, key: str, entry: Entry, weight: float) -> None:
        self.memo.clear()
        self.memo_towns.clear()
        region = None
        if entry.country_code and entry.admin1_code:
            region = (entry.country_code, entry.admin1_code)
        self.by_key[key].append((entry.country_code, region, weight))
        if entry.country_code:
            self.countries[entry.country_code] += weight
        if region:
            self.regions[region] += weight
        if entry.kind in _POINT_KINDS and entry.lat is not None and entry.lon is not None:
            self.points.append((key, entry))

    def without(self, key: str, gaz: Gazetteer) -> _Context:
        """The evidence of every other name (a name is no evidence for itself)."""
        if key not in self.memo:
            self.memo[key] = self._without(key, gaz)
        return self.memo[key]

    def _without(self, key: str, gaz: Gazetteer) -> _Context:
        countries, regions = dict(self.countries), dict(self.regions)
        for cc, region, weight in self.by_key.get(key, ()):
            if cc:
                countries[cc] -= weight
            if region:
                regions[region] -= weight
        countries = {k: v for k, v in countries.items() if v > 1e-9}
        return _Context(
            countries,
            {k: v for k, v in regions.items() if v > 1e-9},
            max(countries, key=lambda k: countries[k]) if countries else None,
            _neighbours_of(gaz, frozenset(countries)),
            # each town once: the likeliest towns of the other names, and their towns in a
            # state the article names outright
            list({id(e): e for k, e in self._points(key)}.values()),
            {r: sum(v for k, v in votes.items() if k != key) for r, votes in self.shared.items()},
        )

    shared: dict[tuple[str, str], dict[str, float]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    # the first-level regions named outright (a state's own name, not a town's), by name
    named: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))

    # each name's senses, whatever their likelihood, its towns counted where their state is
    # named (`_points`)
    senses: dict[str, Sequence[Candidate]] = field(default_factory=dict)

    def _points(self, key: str) -> list[tuple[str, Entry]]:
        """The towns close to which another town gains (`_near`): each other name's
        likeliest town, and its towns in a state the article names outright by a third name
        ("Texas officials ... near Paris ... toward Clarksville": Clarksville, Texas, though
        a larger Clarksville lies in Tennessee)."""
        out = [(k, e) for k, e in self.points if k != key]
        if self.named:
            out += [(k, e) for k, e, only in self._named_towns() if k != key and only != key]
        return out

    def _named_towns(self) -> list[tuple[str, Entry, str | None]]:
        """Each name's towns in a state that another name names outright, with that other
        name when it is the only one (the town does not count for it); built once per state
        of the evidence."""
        if "towns" not in self.memo_towns:
            out = []
            for k, cands in self.senses.items():
                for c in cands:
                    e = c.entry
                    if e.kind != "city" or c.alternate or not e.admin1_code:
                        continue
                    by = self.named.get((e.country_code or "", e.admin1_code))
                    if not by:
                        continue
                    others = by - {k}
                    if others:
                        out.append((k, e, next(iter(others)) if len(others) == 1 else None))
            self.memo_towns["towns"] = out
        return self.memo_towns["towns"]

    memo_towns: dict[str, list[tuple[str, Entry, str | None]]] = field(
        default_factory=dict, repr=False
    )

    def name_state(self, key: str, entry: Entry) -> None:
        """A first-level region the article names outright ("Texas officials"), surer
        evidence for the towns in it than the state of a town's likeliest sense."""
        if entry.kind == "admin1" and entry.country_code and entry.admin1_code:
            self.memo.clear()
            self.memo_towns.clear()
            self.named[(entry.country_code, entry.admin1_code)].add(key)

    def spread(self, key: str, cands: Sequence[Candidate]) -> None:
        """A name that is only ever a town or a county votes for the first-level regions it
        may lie in, its one vote split evenly among them: "McLean County" and "Muhlenberg
        County" named together both lie in Kentucky, whatever their likeliest senses."""
        self.memo.clear()
        self.memo_towns.clear()
        if not cands or any(c.entry.kind not in _POINT_KINDS for c in cands):
            return
        regions = {
            (c.entry.country_code, c.entry.admin1_code)
            for c in cands
            if c.entry.country_code and c.entry.admin1_code and not c.alternate
        }
        if len(regions) < 2:  # one region only: its likeliest sense already counts it
            return
        for region in regions:
            self.shared[region][key] = 1.0 / len(regions)


@lru_cache(maxsize=256)  # the other names of an article mostly name the same few countries
def _neighbours_of(gaz: Gazetteer, countries: frozenset[str]) -> frozenset[str]:
    """The countries bordering any of `countries`."""
    return frozenset(n for cc in countries for n in gaz.neighbours(cc))


@dataclass(frozen=True, slots=True)
class _Context:
    """What the other names of an article say, as one name is scored."""

    countries: dict[str, float]
    regions: dict[tuple[str, str], float]
    top: str | None  # the country they point to most
    neighbours: frozenset[str]  # the countries bordering theirs
    points: list[Entry]  # the towns they name
    shared: dict[tuple[str, str], float]  # first-level regions their towns may lie in


@dataclass(frozen=True, slots=True)
class _Cues:
    """What the words around one mention say: its country or state, the kind it names."""

    targets: list[Entry]
    kinds: frozenset[str]
    after: bool = False  # the kind word follows the name ("Gulu district", not "district of")
    state: bool = False  # the word is "state", or the name is listed with a state's

    def bonus(self, c: Candidate, cands: Sequence[Candidate]) -> float:
        """A region named like a city inside it ("Kandahar province") stays the city, as
        namesakes do (`_namesake_bonuses`): a province or prefecture named after its capital
        mostly lies around it. A state does not ("Sao Paulo state", "the state of New York":
        a federal state is large, its namesake city often far from its middle), unless the
        two lie together ("Lagos State": the city's point stands for both)."""
        namesake = _has_namesake(c, cands)
        if namesake and self.state:  # a state lying apart from its namesake city
            city = _namesake_city(c, cands)
            namesake = city is None or km(c.entry, city.entry) <= FAR_KM
        kind = 0.0 if namesake else kind_bonus(c.entry, self.kinds)
        return pattern_bonus(c.entry, self.targets) + kind


def _prior(c: Candidate) -> float:
    e = c.entry
    if e.kind == "city":
        score = math.log10(e.population + 1) + (CAPITAL_BONUS if e.capital else 0.0)
    elif e.kind == "admin1":
        score = ADMIN1_PRIOR + 0.05 * math.log10(e.population + 1)
    elif e.kind == "country":  # size breaks a tie of namesakes: "Congo" alone is DR Congo
        score = KIND_PRIOR["country"] + 0.05 * math.log10(e.population + 1)
    elif e.kind == "admin2":  # its size: "Cook County" alone is Chicago's, not Georgia's
        score = KIND_PRIOR["admin2"] + ADMIN2_SIZE * math.log10(e.population + 1)
    else:
        score = KIND_PRIOR.get(e.kind, OTHER_PRIOR)
    return score - (ALTERNATE_PENALTY if c.alternate else 0.0)


# The short forms news prints for the first word of a place name ("Ft. Collins", "Mt. Vernon",
# "St. Cloud", "Ste. Genevieve", "Pt. Pleasant"), spelled out as gazetteers hold the names. "St."
# is AP style for Saint in place names; the others are headline and local-paper short forms.
_ABBREVIATED = re.compile(r"(Ft|Mt|St|Ste|Pt)\.?\s+(?=\S)")
_SPELLED_OUT = {
    "Ft": ("Fort",),
    "Mt": ("Mount",),
    "St": ("Saint",),
    "Ste": ("Sainte",),
    "Pt": ("Point", "Port"),
}


def _spelled_out(text: str) -> list[str]:
    """The name with its abbreviated first word spelled out ("Mt. Vernon": "Mount Vernon"),
    or [] when it has none."""
    m = _ABBREVIATED.match(text)
    if m is None:
        return []
    return [word + " " + text[m.end() :] for word in _SPELLED_OUT[m.group(1)]]


def _lookup(gaz: Gazetteer, text: str) -> list[Candidate]:
    """The gazetteer's candidates of a name and of its spelled-out forms: "Mt. Vernon" is
    every Mount Vernon as its own name, not only the one town that lists "Mt. Vernon" among
    its alternate names."""
    found = gaz.lookup(text)
    for full in _spelled_out(text):
        found += gaz.lookup(full)
    best: dict[int, Candidate] = {}
    for c in found:  # one candidate per entry, by its own name where either form gives it
        if c.ref not in best or (best[c.ref].alternate and not c.alternate):
            best[c.ref] = c
    return list(best.values())


def _candidates(gaz: Gazetteer, text: str, kinds: frozenset[str] = frozenset()) -> list[Candidate]:
    """The candidates of a name; `kinds` are those the word beside it names (`kind_cue_at`)."""
    shared = shared_country_candidates(gaz, text)
    countries = {c.ref for c in shared}
    found = shared + _own_city_first(
        [c for c in _lookup(gaz, text) if c.entry.lat is not None and c.ref not in countries]
    )
    found += _coded(gaz, text, found)
    found += _compass_regions(gaz, text, kinds, found)
    demonym = gaz.demonym(text)
    if demonym is not None and not any(
        not c.alternate and c.entry.kind in _OUTRANK_DEMONYMS for c in found
    ):
        return _regions_of_a_people(found, kinds) or [demonym]
    return found or _unit(gaz, text) or _side(gaz, text) or _partial(gaz, text)


# A direction before a state's or a country's name: "Eastern Kentucky", "South Texas",
# "Northern Nigeria", "Western Washington".
_SIDE_WORD = re.compile(
    r"(?:north|south|east|west|central|(?:north|south)-?(?:east|west))(?:ern)?\s+(\S.*)",
    re.IGNORECASE,
)


def _side(gaz: Gazetteer, text: str) -> list[Candidate]:
    """A state or country named with a direction that the gazetteer lacks as one name
    ("Eastern Kentucky", "South Texas", "Southern Illinois"): a part of that state or
    country, so its candidates are the states and countries of the name, flagged alternate,
    never a town ("Eastern Washington" is the state's east, not the capital of the United
    States). The point stays the state's: news and gazetteers alike place "South Florida"
    there when they place it at all (a point moved to the towns of that part of the state
    scored better on local news and worse on general news, so it was left out)."""
    m = _SIDE_WORD.fullmatch(text.strip())
    if m is None:
        return []
    shared = shared_country_candidates(gaz, m.group(1))  # "Eastern Congo": either, by context
    refs = {c.ref for c in shared}
    return [
        c._replace(alternate=True)
        for c in shared + [c for c in gaz.lookup(m.group(1)) if c.ref not in refs]
        if not c.alternate and c.entry.kind in ("admin1", "country") and c.entry.lat is not None
    ]


def _regions_of_a_people(found: Sequence[Candidate], kinds: frozenset[str]) -> list[Candidate]:
    """The first-level regions a demonym also names, when a word for a region follows it:
    many states are named after a people, and "the Somali region" of an Ethiopian report is
    Ethiopia's Somali Region, not Somalia ("Somali pirates" stays Somalia); "Western
    province" is a province, not the West."""
    if not kinds & {"admin1", "region"}:
        return []
    return [c for c in found if c.entry.kind == "admin1" and not c.alternate]


# Words that name a region by direction: "Western region", "Central Province", "Upper East".
_DIRECTIONS = frozenset(
    [
        *("north", "south", "east", "west", "central", "upper", "lower", "far north"),
        *("northern", "southern", "eastern", "western"),
        *("north east", "north west", "south east", "south west"),
    ]
)


def _compass_regions(
    gaz: Gazetteer, text: str, kinds: frozenset[str], found: Sequence[Candidate]
) -> list[Candidate]:
    """A direction followed by "region" or "province" is the region of that full name
    ("Western region": Uganda's Western Region, Nepal's ...), which the gazetteer holds
    under it, not under the bare word; the article's country chooses among them."""
    if not kinds & {"admin1", "region"} or norm(text) not in _DIRECTIONS:
        return []
    known = {c.ref for c in found}
    out = []
    for unit in ("Region", "Province"):
        out += [
            c
            for c in gaz.lookup(f"{text} {unit}")
            if not c.alternate and c.entry.kind == "admin1" and c.ref not in known
        ]
        known.update(c.ref for c in out)
    return out


# "Cheltenham Township", "Kiambu County", "Suffolk City", "Town of Hempstead", "County Kerry"
_UNIT_AFTER = re.compile(
    r"(.+?)\s+(?:township|twp\.?|borough|boro|village|city|town|county|parish|municipality|"
    r"district)",
    re.IGNORECASE,
)
_UNIT_BEFORE = re.compile(
    r"(?:(?:city|town|village|township|borough|county|municipality)\s+of|county|co\.)\s+(.+)",
    re.IGNORECASE,
)


def _unit(gaz: Gazetteer, text: str) -> list[Candidate]:
    """For a town or county the gazetteer lacks under its full name ("Cheltenham Township",
    "Kiambu County", "Town of Hempstead"), the towns and regions of its own name, whatever
    their size: the article's context chooses among them as for any name (a township in a
    US article is the Pennsylvania town, not the English spa), and they are flagged
    alternate."""
    m = _UNIT_AFTER.fullmatch(text) or _UNIT_BEFORE.fullmatch(text)
    if m is None or norm(m.group(1)) in _GENERIC_WORDS:
        return []
    return [
        c._replace(alternate=True)
        for c in gaz.lookup(m.group(1))
        if c.entry.lat is not None
        and not c.alternate
        and c.entry.kind in ("city", "admin2", "admin1")
    ]


def _own_city_first(found: list[Candidate]) -> list[Candidate]:
    """A capital found by an old or foreign name gets no capital's bonus where a large city
    bears that name as its own: "Philadelphia" is the American city, not Amman."""
    if not any(
        c.entry.kind == "city" and not c.alternate and c.entry.population >= PARTIAL_MIN_POPULATION
        for c in found
    ):
        return found
    return [
        c._replace(entry=c.entry._replace(capital=False)) if c.alternate and c.entry.capital else c
        for c in found
    ]


def _coded(gaz: Gazetteer, text: str, found: Sequence[Candidate]) -> list[Candidate]:
    """The states a mention written as a state's abbreviation alone names ("WA", "NSW"), as
    alternates that the article's country decides between (Washington or Western Australia);
    none where the letters are also a large place's own name ("LA" is Los Angeles)."""
    code = state_code_at(text, 0)
    if code is None or code[1] != len(text):
        return []
    if any(c.entry.population >= PARTIAL_MIN_POPULATION for c in found):
        return []
    known = {c.ref for c in found}
    return [
        c._replace(alternate=True)
        for c in code_states(gaz, code[0])
        if c.ref not in known and c.entry.lat is not None
    ]


def _partial(gaz: Gazetteer, text: str) -> list[Candidate]:
    """For a name the gazetteer lacks ("Oaxaca State", "Manila Cathedral"), the candidates of
    its longest part that names a country, region or large city, else the place of a demonym
    in it ("Mexican Senate"), flagged alternate."""
    words = text.split()
    for n in range(len(words) - 1, 0, -1):
        for i in range(len(words) - n + 1):
            if n == 1 and norm(words[i]) in _GENERIC_WORDS:
                continue
            found = [
                c._replace(alternate=True)
                for c in gaz.lookup(" ".join(words[i : i + n]))
                if c.entry.lat is not None
                and not c.alternate
                and (c.entry.kind != "city" or c.entry.population >= PARTIAL_MIN_POPULATION)
            ]
            if found:
                return found
    for word in words:  # "European Commission", "Mexican Senate": the demonym's place
        demonym = gaz.demonym(word)
        if demonym is not None and demonym.entry.lat is not None:
            return [demonym._replace(alternate=True)]
    return []


def _has_namesake(c: Candidate, cands: Sequence[Candidate]) -> bool:
    return c.entry.kind == "admin1" and any(_namesake_bonuses(cands))


def _namesake_city(c: Candidate, cands: Sequence[Candidate]) -> Candidate | None:
    """For a first-level region, the city of its own name inside it (Sao Paulo), if any."""
    if c.entry.kind != "admin1":
        return None
    return next(
        (o for o, bonus in zip(cands, _namesake_bonuses(cands), strict=True) if bonus), None
    )


def _context_bonus(
    entry: Entry, ctx: _Context, namesake: bool = False, near_bonus: float = 0.0
) -> float:
    """What the article's other names add to a candidate: its country named (most), its
    first-level region named, else a neighbouring country named ("Russia and Georgia"); and,
    where the name's likeliest sense lies in a country that nothing else in the article
    supports, a town close to another town it names ("between Harrisburg and Lebanon":
    Lebanon, Pennsylvania; "from Akkar to Tripoli and Beirut": Tripoli, Lebanon). A town close
    to another named town gains a little even against a favourite of a supported country: a
    local story names towns near each other ("Jackson ... Victor and Driggs": Jackson,
    Wyoming, not the larger Jackson, Mississippi)."""
    bonus = 0.0
    if entry.kind in ("continent", "region", "feature") and entry.country_code is None:
        return 0.0
    if entry.country_code and ctx.countries.get(entry.country_code, 0) > 0:
        bonus += COUNTRY_CONTEXT + (TOP_COUNTRY_CONTEXT if entry.country_code == ctx.top else 0.0)
    elif entry.country_code in ctx.neighbours:
        bonus += NEIGHBOUR_CONTEXT
    region = (entry.country_code or "", entry.admin1_code or "")
    if entry.admin1_code and ctx.regions.get(region, 0) > 0 and not namesake:
        bonus += REGION_CONTEXT if entry.kind == "admin1" else CITY_REGION_CONTEXT
    if near_bonus and entry.kind == "city" and _near(entry, ctx.points):
        bonus += near_bonus
    if entry.kind in _POINT_KINDS:
        bonus += SHARED_REGION_CONTEXT * min(ctx.shared.get(region, 0.0), SHARED_REGION_CAP)
    return bonus


def _near_bonus(best: Candidate, ctx: _Context) -> float:
    """What a town close to another named town gains against the name's likeliest sense on
    its own, `best` (a country, a capital, the largest town): LOCAL_CONTEXT where that
    favourite lies in a country nothing else in the article supports (neither it nor a
    country bordering it named), NEAR_CONTEXT where its country is supported but the favourite
    lies near none of the article's towns, nothing where the favourite is itself close to
    one."""
    cc = best.entry.country_code
    if cc is not None and not ctx.countries.get(cc) and cc not in ctx.neighbours:
        return LOCAL_CONTEXT
    if best.entry.kind == "city" and _near(best.entry, ctx.points):
        return 0.0
    return NEAR_CONTEXT


def _near(entry: Entry, points: Sequence[Entry]) -> bool:
    """Whether a town the article names lies within NEAR_KM."""
    if entry.lat is None or entry.lon is None:
        return False
    degrees = NEAR_KM / 111.0  # a degree of latitude is about 111 km
    return any(
        p.lat is not None and abs(p.lat - entry.lat) <= degrees and km(entry, p) <= NEAR_KM
        for p in points
    )


def _resolve(
    gaz: Gazetteer,
    text: str,
    mentions: Sequence[_Mention],
    people: Sequence[tuple[int, int]] = (),
) -> list[_Choice]:
    """Choose one entry per mention, with the context of all the mentions and demonyms.

    `people` are the spans of person names: a country or state inside one ("Kenya Moore",
    "Tennessee Williams") is no context, while one inside an organisation's name ("the Idaho
    Statesman") still is."""
    keys = [norm(m.text) for m in mentions]
    groups = [m.entity_id or key for m, key in zip(mentions, keys, strict=True)]
    runs = _lists(text, mentions)
    cues = _list_cues(
        text,
        mentions,
        [
            _Cues(
                pattern_targets(gaz, text, m.start, m.end),
                *kind_cue_at(text, m.start, m.end),
                state_word_at(text, m.start, m.end),
            )
            for m in mentions
        ],
        runs,
    )
    cands: list[list[Candidate]] = []
    longer = [False] * len(mentions)
    senses: dict[tuple[str, frozenset[str]], list[Candidate]] = {}  # a name named again
    for i, m in enumerate(mentions):
        cued = cued_candidates(gaz, text, m.start, m.end)
        if cued is not None:  # "across the Jordan": the river, apart from the country
            keys[i] = groups[i] = norm(cued[0])
            longer[i] = True
        if capital_word(m.text) is not None:  # "the capital": resolved after the others
            cands.append([])
            continue
        if cued is not None:
            cands.append(cued[1])
            continue
        asked = (m.text, cues[i].kinds)
        if asked not in senses:
            senses[asked] = _candidates(gaz, m.text, cues[i].kinds)
        cands.append(list(senses[asked]))
    cues = _listed_with_states(runs, cues, cands)
    # Each candidate's score from its name and the words around it alone (`_score` adds what
    # the other names say), and each name's likeliest sense on its own: the first best.
    own = [[_prior(c) + cue.bonus(c, cs) for c in cs] for cs, cue in zip(cands, cues, strict=True)]
    firsts = [
        cs[scores.index(max(scores))] if cs else None for cs, scores in zip(cands, own, strict=True)
    ]
    persons = Spans(people)
    demonyms = [
        (norm(m.group()), d)
        for m in _DEMONYM_WORD.finditer(text)
        if not persons.overlaps(m.start(), m.end()) and (d := gaz.demonym(m.group()))
    ]
    demonyms += _named_elsewhere(gaz, text, mentions, people)
    loose = [not cue.targets for cue in cues]
    evidence = _evidence(keys, firsts, demonyms, cands, loose)
    choices, strength = _score(gaz, keys, cands, cues, own, firsts, evidence)
    # Once more with the evidence of the first choices, not of each name's likeliest sense:
    # a small Parkland, WA no longer makes Washington the state beside Parkland, Florida.
    chosen = [c.candidate for c in choices]
    evidence = _evidence(keys, chosen, demonyms, cands, loose)
    choices, strength = _score(gaz, keys, cands, cues, own, firsts, evidence)
    choices = _capitals(gaz, mentions, keys, choices, demonyms, cands)
    partial = [bool(cs) and not _exact(gaz, m.text) for m, cs in zip(mentions, cands, strict=True)]
    anchored = [
        c.candidate is not None and pattern_bonus(c.candidate.entry, cue.targets) > 0
        for c, cue in zip(choices, cues, strict=True)
    ]
    choices = _one_sense(groups, choices, strength, anchored)
    choices = [
        replace(c, cued=True) if cued else c for c, cued in zip(choices, longer, strict=True)
    ]
    return infer_from_context(text, mentions, choices, partial)


def _lists(text: str, mentions: Sequence[_Mention]) -> list[list[int]]:
    """The lists of two names or more ("Kano, Katsina and Jigawa"), as mention indices."""
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].start, mentions[i].end))
    runs: list[list[int]] = []
    for i in order:
        if runs:
            last = mentions[runs[-1][-1]]
            if mentions[i].start >= last.end and LIST_JOIN.fullmatch(
                text, last.end, mentions[i].start
            ):
                runs[-1].append(i)
                continue
        runs.append([i])
    return [run for run in runs if len(run) > 1]


def _list_cues(
    text: str,
    mentions: Sequence[_Mention],
    cues: list[_Cues],
    runs: list[list[int]] | None = None,
) -> list[_Cues]:
    """The items of a list name places of one kind: a plural unit word after the last is
    each item's ("Kano and Katsina states", "Garissa, Wajir and Mandera counties"), as if
    written after each."""
    out = list(cues)
    for run in _lists(text, mentions) if runs is None else runs:
        last = mentions[run[-1]]
        plural = plural_unit_after(text, last.end)
        if plural:
            state = state_word_at(text, last.start, last.end)
            for i in run:
                if not out[i].kinds:
                    out[i] = replace(out[i], kinds=plural, after=True, state=state)
    return out


def _listed_with_states(
    runs: list[list[int]], cues: list[_Cues], cands: Sequence[Sequence[Candidate]]
) -> list[_Cues]:
    """A name listed with a state's ("Minas Gerais and Sao Paulo", "Oregon and Washington")
    names a state too, a list naming places of one kind; never where it may be a country
    ("Texas and Mexico")."""
    out = list(cues)
    for run in runs:
        if not any(_state_first(cands[i]) for i in run):
            continue
        for i in run:
            if (
                not out[i].kinds
                and not _state_first(cands[i])
                and not any(c.entry.kind == "country" for c in cands[i])
            ):
                out[i] = replace(out[i], kinds=frozenset({"admin1"}), state=True)
    return out


def _state_first(cands: Sequence[Candidate]) -> bool:
    """Whether a name's likeliest sense on its own is a first-level region ("Oregon")."""
    own = [c for c in cands if not c.alternate]
    return bool(own) and max(own, key=_prior).entry.kind == "admin1"


def _named_elsewhere(
    gaz: Gazetteer,
    text: str,
    mentions: Sequence[_Mention],
    people: Sequence[tuple[int, int]] = (),
) -> list[tuple[str, Candidate]]:
    """Countries and states named in the article outside the mentions, counted like
    demonyms: "The University of Idaho ... its Moscow campus" is Moscow, Idaho, whether or
    not the name inside the university's is a mention. Only a name whose senses all lie in
    one country counts ("Georgia" may be two), and for its state only when they all lie in
    one state ("Washington": the state or the capital). A name inside a person's name
    (`people`: "Tennessee Williams signed copies in Athens") is no place at all."""
    taken = Spans([*((m.start, m.end) for m in mentions), *people])
    out = []
    for start, end in _gazetteer_spans(gaz, text):
        if taken.overlaps(start, end):
            continue
        senses = [
            c for c in gaz.lookup(text[start:end]) if not c.alternate and c.entry.lat is not None
        ]
        if not senses or len({c.entry.country_code for c in senses}) != 1:
            continue
        best = max(senses, key=_prior)
        if len({c.entry.admin1_code for c in senses}) != 1:
            best = best._replace(entry=best.entry._replace(admin1_code=None))
        out.append((norm(text[start:end]), best))
    return out


def _capitals(
    gaz: Gazetteer,
    mentions: Sequence[_Mention],
    keys: Sequence[str],
    choices: list[_Choice],
    demonyms: Sequence[tuple[str, Candidate]],
    cands: Sequence[Sequence[Candidate]],
) -> list[_Choice]:
    """ "The capital" resolved to the capital of the country its adjective names ("the Kenyan
    capital"), else of the country the article's other names point to most (`_capital`)."""
    words = [capital_word(m.text) for m in mentions]
    if all(w is None for w in words):
        return choices
    evidence = _evidence(keys, [c.candidate for c in choices], demonyms, cands, [False] * len(keys))
    out = []
    for key, word, choice in zip(keys, words, choices, strict=True):
        if word is None:
            out.append(choice)
            continue
        country = capital_country(gaz, word, evidence.without(key, gaz).top)
        capital = capital_of(gaz, country)
        out.append(_Choice(capital) if capital else _Choice(None, "no country for the capital"))
    return out


def _evidence(
    keys: Sequence[str],
    picks: Sequence[Candidate | None],
    demonyms: Sequence[tuple[str, Candidate]],
    cands: Sequence[Sequence[Candidate]],
    loose: Sequence[bool],
) -> _Evidence:
    """What the names say together; `loose` tells, for each name, whether the words beside it
    leave its sense open (no country or state written beside it)."""
    evidence = _Evidence()
    for key, cs in zip(keys, cands, strict=True):
        evidence.spread(key, cs)
    # a name placed by the words beside it once ("Columbus, Ohio") is there alone
    placed = {key for key, free in zip(keys, loose, strict=True) if not free}
    for key, cs in zip(keys, cands, strict=True):
        if key not in placed:
            evidence.senses[key] = cs
    for key, pick in zip(keys, picks, strict=True):
        if pick is not None:
            evidence.add(key, pick.entry, 1.0 if pick.entry.kind == "country" else 0.5)
            evidence.name_state(key, pick.entry)
    for key, demonym in demonyms:
        evidence.add(key, demonym.entry, 0.5)
        evidence.name_state(key, demonym.entry)
    return evidence


def _score(
    gaz: Gazetteer,
    keys: Sequence[str],
    cands: Sequence[Sequence[Candidate]],
    cues: Sequence[_Cues],
    own: Sequence[Sequence[float]],
    firsts: Sequence[Candidate | None],
    evidence: _Evidence,
) -> tuple[list[_Choice], list[float]]:
    """The best-scored candidate of each name given the evidence of the others; `own` holds
    each candidate's score on its own (`_prior` and its cues), `firsts` each name's best by
    it."""
    choices = []
    strength: list[float] = []
    for key, cs, cue, scores, first in zip(keys, cands, cues, own, firsts, strict=True):
        if first is None:  # no candidate (`first` is None exactly then)
            choices.append(_Choice(None, "not in gazetteer"))
            strength.append(0.0)
            continue
        ctx = evidence.without(key, gaz)
        near = _near_bonus(first, ctx)
        bonuses = _namesake_bonuses(cs)
        city = any(bonuses)  # a region's namesake city among the senses (`_has_namesake`)
        scored = sorted(
            (
                (
                    score + bonus + _chief_town(c, cs, cue, ctx),
                    _context_bonus(c.entry, ctx, city and c.entry.kind == "admin1", near),
                    c,
                )
                for c, score, bonus in zip(cs, scores, bonuses, strict=True)
            ),
            key=lambda t: (-(t[0] + t[1]), t[2].ref),
        )
        choices.append(_choose(scored))
        strength.append(scored[0][0] + scored[0][1])
    return choices, strength


def _exact(gaz: Gazetteer, name: str) -> bool:
    """Whether the gazetteer knows `name` itself (not only a part of it)."""
    return gaz.demonym(name) is not None or any(c.entry.lat is not None for c in gaz.lookup(name))


def _one_sense(
    groups: Sequence[str],
    choices: list[_Choice],
    strength: Sequence[float],
    anchored: Sequence[bool],
) -> list[_Choice]:
    """One sense per article: every mention of a name (or of one entity) takes the choice of
    its best-supported mention ("Moscow, Idaho ... Moscow officials"). A mention that the
    words around it make a longer name ("along the Niger") is a group of its own, and one
    whose own state is written beside it keeps it ("Albany, N.Y., ... Albany, Ga.")."""
    best: dict[str, int] = {}
    for i, group in enumerate(groups):
        if group not in best or strength[i] > strength[best[group]]:
            best[group] = i
    return [choices[i] if anchored[i] else choices[best[group]] for i, group in enumerate(groups)]


_UNIT_KINDS = frozenset({"admin1", "admin2"})


def _chief_town(c: Candidate, cands: Sequence[Candidate], cue: _Cues, ctx: _Context) -> float:
    """A district or province named after its chief town ("Gulu district", "Lira district"),
    where the gazetteer lacks the unit in a country the article names,
    is placed at that town: the word for the unit counts for the town as it would for the
    unit, and no namesake unit abroad wins by the word alone. Only for the
    word after the name, and not where the name is a state or county of that country: "the
    25th district of Florida" is no town of Florida."""
    e = c.entry
    if (
        e.kind != "city"
        or not cue.after
        or not cue.kinds
        or not cue.kinds <= _UNIT_KINDS
        or not ctx.countries.get(e.country_code or "")
        or any(
            o.entry.kind in _UNIT_KINDS and o.entry.country_code == e.country_code for o in cands
        )
    ):
        return 0.0
    return KIND_CUE_BONUS


def _namesake_bonuses(cands: Sequence[Candidate]) -> list[float]:
    """For each candidate, the bonus of a city inside the first-level region of the same name
    (New York, Sao Paulo), the one meant; the region then gets no credit from its own cities
    (`_context_bonus`). One pass over the regions among the senses."""
    regions = {
        (o.entry.country_code, o.entry.admin1_code) for o in cands if o.entry.kind == "admin1"
    }
    return [
        NAMESAKE_BONUS
        if c.entry.kind == "city"
        and not c.alternate
        and (c.entry.country_code, c.entry.admin1_code) in regions
        else 0.0
        for c in cands
    ]


def _choose(scored: list[tuple[float, float, Candidate]]) -> _Choice:
    best = scored[0]
    if len(scored) > 1:
        second = scored[1]
        a, b = best[2].entry, second[2].entry
        if (
            {a.kind, b.kind} == {"country", "admin1"}
            and a.country_code != b.country_code
            and not best[2].alternate
            and not second[2].alternate
            and best[1] == 0.0
            and second[1] == 0.0
            and best[0] - _prior(best[2]) < KIND_CUE_BONUS - 1e-6  # no word beside it decides
            and min(a.population, b.population) >= AMBIGUOUS_MIN_POPULATION
        ):
            return _Choice(None, f"ambiguous: {describe(a)} vs {describe(b)} with no context")
    return _Choice(best[2])


def _place(choice: _Choice, mentions: Sequence[_Mention]) -> Place:
    first = mentions[0]
    ments = [Mention(start=m.start, end=m.end, text=m.text) for m in mentions]
    entity_id = next((m.entity_id for m in mentions if m.entity_id), None)
    if choice.candidate is None and choice.inferred is not None:
        e = choice.inferred
        return Place(
            start=first.start,
            end=first.end,
            stage=STAGE,
            text=first.text,
            country_code=e.country_code,
            admin1=e.admin1_name,
            lat=e.lat,
            lon=e.lon,
            precision="centroid",
            entity_id=entity_id,
            reason=choice.reason,
            mentions=ments,
        )
    if choice.candidate is None:
        return Place(
            start=first.start,
            end=first.end,
            stage=STAGE,
            text=first.text,
            entity_id=entity_id,
            reason=choice.reason,
            mentions=ments,
        )
    e = choice.candidate.entry
    return Place(
        start=first.start,
        end=first.end,
        stage=STAGE,
        text=first.text,
        name=e.name,
        geonames_id=e.geonames_id,
        kind=e.kind,
        country_code=e.country_code,
        admin1=e.admin1_name,
        lat=e.lat,
        lon=e.lon,
        precision="point" if e.kind in ("city", "feature") else "centroid",
        entity_id=entity_id,
        mentions=ments,
    )


def resolve_spans(text: str, spans: Sequence[tuple[int, int]]) -> list[Place | None]:
    """Geocode the given (start, end) spans of `text`: one place or None per span, in order.

    The spans are each other's context. A span outside the text, empty, or whose name is not
    in the gazetteer (or stays ambiguous) gives None; nothing is raised.
    """
    gaz = load_gazetteer()
    valid = [(i, s, e) for i, (s, e) in enumerate(spans) if 0 <= s < e <= len(text)]
    mentions = [_Mention(s, e, text[s:e]) for _, s, e in valid]
    choices = _resolve(gaz, text, mentions)
    out: list[Place | None] = [None] * len(spans)
    for (i, _, _), mention, choice in zip(valid, mentions, choices, strict=True):
        if choice.candidate is not None or choice.inferred is not None:
            out[i] = _place(choice, [mention])
    return out


# --- the stage ---------------------------------------------------------------------------


def _recognise(article: Article, doc: Doc, gaz: Gazetteer) -> list[_Mention]:
    """Place mentions: entities of type place, else spaCy's, plus gazetteer names it missed."""
    found: list[_Mention] = []
    for ent in article.entities:
        if ent.type == "place":
            for m in ent.mentions or [Mention(start=ent.start, end=ent.end, text=ent.name)]:
                found.append(_Mention(m.start, m.end, article.text[m.start : m.end], ent.id))
    ents = named_entities(doc)
    if not found:
        text = text_of(doc)  # an entity's text: `ent.text`, without rejoining its tokens
        found = [_Mention(s, e, text[s:e]) for s, e, label in ents if label in PLACE_LABELS]
    taken = [(m.start, m.end) for m in found]
    taken += [(s, e) for s, e, label in ents if label in BLOCKING_LABELS]
    for ent in article.entities:
        if ent.type != "place":
            taken += [(m.start, m.end) for m in ent.mentions] or [(ent.start, ent.end)]
    # The names found here come in the text's order and never overlap one another, so only
    # the spans taken before the scan need asking.
    blocked = Spans(taken)
    for start, end in _gazetteer_spans(gaz, article.text):
        if not blocked.overlaps(start, end):
            found.append(_Mention(start, end, article.text[start:end]))
    found = _with_units(found, article.text, _unit_names(gaz, article.text))
    return _with_datelines(found, article.text, _datelines(gaz, article.text))


def _with_datelines(
    found: list[_Mention], text: str, datelines: Sequence[tuple[int, int]]
) -> list[_Mention]:
    """The mentions with the datelines' places added where no mention covers them."""
    added = [
        _Mention(s, e, text[s:e])
        for s, e in datelines
        if not any(m.start < e and s < m.end for m in found)
    ]
    return sorted([*found, *added], key=lambda m: (m.start, m.end)) if added else found


# A dateline: a place in capitals at the start of a story ("BOSTON (Reuters) -", "ALBUQUERQUE,
# N.M. (AP) —", "KOLKATA, India –", "NEW DELHI:"), after the start of the text, of a line or of
# a sentence (stories run together); its state or country, its agency and a dash or colon
# follow.
_DATELINE = re.compile(
    r"(?P<name>[A-Z][A-Z'’.-]*[A-Z.](?:\s+[A-Z][A-Z'’.-]*[A-Z.]){0,3})"
    r"(?P<state>,\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)?\s*(?P<agency>\([A-Za-z .]+\)\s*)?"
    r"(?P<mark>[—–-]|:)\s"
)


# Where a line or a sentence starts with two capitals (a dateline may begin there)
_STORY_START = re.compile(r"[\n.!?] ?(?=[A-Z][A-Z'’.-])")


@lru_cache(maxsize=4)
def _datelines(gaz: Gazetteer, text: str) -> tuple[tuple[int, int], ...]:
    """The spans of the places of datelines: news writes them in capitals, where the entities
    stage finds no name. A colon alone after the name ("NEW DELHI:") also heads a column
    ("POLL:"), so the place must then be large (a country, a state or a city of
    `PARTIAL_MIN_POPULATION` people)."""
    out = []
    starts = [0] if text[:2].isupper() else []
    starts += [
        m.end()
        for m in _STORY_START.finditer(text)
        if m.group() == "\n" or m.end() - m.start() == 2  # a line's start, or ". " before
    ]
    for at in starts:
        m = _DATELINE.match(text, at)
        if m is None:
            continue
        start, end = m.span("name")
        name = text[start:end].rstrip(".")
        if len(name.replace(".", "").replace(" ", "")) < 3:
            continue
        cands = [c for c in _lookup(gaz, name) if not c.alternate and c.entry.lat is not None]
        if m.group("mark") == ":" and not (m.group("state") or m.group("agency")):
            cands = [
                c
                for c in cands
                if c.entry.kind != "city" or c.entry.population >= PARTIAL_MIN_POPULATION
            ]
        if cands:
            out.append((start, start + len(name)))
    return tuple(out)


def _with_units(
    found: list[_Mention], text: str, units: Sequence[tuple[int, int]]
) -> list[_Mention]:
    """The mentions with the names of units (`_unit_names`) added, each in place of the
    mentions inside it ("Lafourche" of "Lafourche Parish"); one already inside a longer
    mention adds nothing."""
    for start, end in units:
        if any(m.start <= start and end <= m.end for m in found):
            continue
        found = [m for m in found if not (start <= m.start and m.end <= end)]
        found.append(_Mention(start, end, text[start:end]))
    return sorted(found, key=lambda m: (m.start, m.end))


# The word for a unit after a name: capitalised, it is part of the name ("Lafourche Parish",
# "Henry County"), which no person or organisation bears; lowercase, it follows a region's name
# ("the Somali region", "Sao Paulo state", "Wajir and Mandera counties": the last item only).
_UNIT_WORD = re.compile(
    r" (?:(?P<own>County|Parish|Borough)|(?:region|state|province|governorate|oblast|"
    r"prefecture|county|district|parish)s?)\b"
)
_UNIT_HEADS: tuple[str, ...] = ("County", "Parish", "Borough", "region", "state", "province")
_UNIT_HEADS += ("governorate", "oblast", "prefecture", "county", "district", "parish")


def _unit_words(text: str) -> list[re.Match[str]]:
    """The unit words of a text in order, each looked for as a literal first (most texts hold
    few of them, and a literal is found faster than the pattern is tried at every space)."""
    found = []
    for head in _UNIT_HEADS:
        at = text.find(" " + head)
        while at >= 0:
            m = _UNIT_WORD.match(text, at)
            if m is not None:
                found.append(m)
            at = text.find(" " + head, at + 1)
    return sorted(found, key=lambda m: m.start())


# The capitalised words that end right before a unit word (at most four)
_NAME_BEFORE = re.compile(r"[A-Z](?<!\w[A-Z])[\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}$")
_UNIT_KIND_NAMES = frozenset({"admin1", "admin2"})
_OWN_UNITS = frozenset({"County", "Parish", "Borough"})


@lru_cache(maxsize=4)
def _unit_names(gaz: Gazetteer, text: str) -> tuple[tuple[int, int], ...]:
    """The spans of names that a unit word makes a first- or second-level region the gazetteer
    knows: "Lafourche Parish" whole, "Somali" of "the Somali region" (the longest such name
    among the capitalised words before the word). The entities stage may split such a name or
    call it a group, a person or an organisation ("Lafourche" an organisation, "Parish" a
    group); the unit word settles it, so these are mentions whatever label the name got
    (never where a person's name holds it: "Anna Kent district manager")."""
    out = []
    for unit in _unit_words(text):
        at = unit.start()
        window = _NAME_BEFORE.search(text, max(0, at - 60), at)
        if window is None:
            continue
        own = unit.group("own") is not None
        end = unit.end() if own else at
        kinds = {"admin2"} if own else _UNIT_KIND_NAMES
        words = [w.start() for w in _NON_SPACE.finditer(text, window.start(), at)]
        for start in words:
            if text[start:at] == "The" or text[start:at].startswith("The "):
                continue  # a sentence's first word
            if any(
                not c.alternate and c.entry.kind in kinds and c.entry.lat is not None
                for c in gaz.lookup(text[start:end])
            ):
                out.append((start, end))
                break
    return tuple(out)


@lru_cache(maxsize=4)
def _gazetteer_spans(gaz: Gazetteer, text: str) -> tuple[tuple[int, int], ...]:
    """The longest gazetteer names of countries and regions in every run of capitalised words
    of `text`, in order (kept for the last few texts: recognition and the context of the
    other names both read them)."""
    return tuple(
        span
        for run in _CAPITALISED.finditer(text)
        for span in _gazetteer_names(gaz, text, run.start(), run.end())
    )


_NON_SPACE = re.compile(r"\S+")
_SPACE = re.compile(r"\s")


def _gazetteer_names(gaz: Gazetteer, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Longest gazetteer names of countries and regions inside a run of capitalised words."""
    run = text[start:end]
    if _SPACE.search(run) is None:  # one word, as most runs are
        name = run.rstrip(".,'’")
        return [(start, start + len(name))] if name and _recognised(gaz, name) else []
    words = [(m.start(), m.end()) for m in _NON_SPACE.finditer(text, start, end)]
    out = []
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            s, e = words[i][0], words[j - 1][1]
            while e > s and text[e - 1] in ".,'’":
                e -= 1
            name = text[s:e]
            if name[:1].isupper() and _recognised(gaz, name):
                out.append((s, e))
                i = j - 1
                break
        i += 1
    return out


@lru_cache(maxsize=1 << 14)  # the same capitalised names come back in every article
def _recognised(gaz: Gazetteer, name: str) -> bool:
    """Whether `name` is a country, continent, region or state the gazetteer knows."""
    return any(not c.alternate and c.entry.kind in RECOGNISED_KINDS for c in gaz.lookup(name))


def _whole_unit(text: str, m: _Mention, units: set[tuple[int, int]]) -> bool:
    """Whether a mention is a unit's name with its capitalised unit word ("Henry County")."""
    return (m.start, m.end) in units and text[m.start : m.end].rsplit(None, 1)[-1] in _OWN_UNITS


def _lead_end(article: Article) -> int:
    """The end of the title, standfirst and first paragraph of the body."""
    cut = article.text.find("\n\n", article.body_start)
    return len(article.text) if cut < 0 else cut


def _mark_focus(places: list[Place], lead_end: int) -> list[Place]:
    weights = [
        0 if p.reason else sum(2 if m.start < lead_end else 1 for m in p.mentions) for p in places
    ]
    by_country: Counter[str] = Counter()
    for p, w in zip(places, weights, strict=True):
        if p.country_code and w:
            by_country[p.country_code] += w
    if not by_country:
        return places
    top = max(by_country.items(), key=lambda kv: (kv[1], -_first(places, kv[0])))[0]
    focus: set[int] = set()
    country = [i for i, p in enumerate(places) if p.kind == "country" and p.country_code == top]
    focus.update(country)
    inside = [
        i
        for i, p in enumerate(places)
        if p.country_code == top and p.kind in ("city", "admin1", "region") and weights[i] >= 2
    ]
    if inside:
        focus.add(max(inside, key=lambda i: (weights[i], -places[i].start)))
    if not focus:
        candidates = [i for i, w in enumerate(weights) if w and places[i].country_code == top]
        focus.add(max(candidates, key=lambda i: (weights[i], -places[i].start)))
    return [p.model_copy(update={"focus": True}) if i in focus else p for i, p in enumerate(places)]


def _first(places: Sequence[Place], cc: str) -> int:
    return min(p.start for p in places if p.country_code == cc)


def _group(choices: Sequence[_Choice], mentions: Sequence[_Mention]) -> list[Place]:
    groups: dict[object, list[int]] = defaultdict(list)
    for i, (choice, m) in enumerate(zip(choices, mentions, strict=True)):
        key: object = choice.candidate.ref if choice.candidate else ("?", norm(m.text))
        groups[key].append(i)
    places = [_place(choices[idx[0]], [mentions[i] for i in idx]) for idx in groups.values()]
    return sorted(places, key=lambda p: (p.start, p.end))


def _people(article: Article, doc: Doc) -> list[tuple[int, int]]:
    """The spans of person names: the entities stage's persons when it ran, else spaCy's."""
    if article.entities:
        return [
            (m.start, m.end)
            for ent in article.entities
            if ent.type == "person"
            for m in ent.mentions or [Mention(start=ent.start, end=ent.end, text=ent.name)]
        ]
    return [(s, e) for s, e, label in named_entities(doc) if label == "PERSON"]


def run(article: Article, doc: Doc) -> Article:
    if not article.text.strip():
        return article
    gaz = load_gazetteer()
    people = _people(article, doc)
    # A name inside a person's ("Chad Smith", "Kenya Moore") is no place mention.
    persons = Spans(people)
    # A unit's full name ("Henry County") is a place even where it was read as a person's.
    units = set(_unit_names(gaz, article.text))
    mentions = [
        m
        for m in _recognise(article, doc, gaz)
        if not persons.holds(m.start, m.end) or _whole_unit(article.text, m, units)
    ]
    if not mentions:
        return article.model_copy(update={"places": []})
    choices = _resolve(gaz, article.text, mentions, people)
    # A mention read as part of a longer name ("along the Niger") is not its entity's place.
    mentions = [
        replace(m, entity_id=None) if c.cued else m for m, c in zip(mentions, choices, strict=True)
    ]
    places = _mark_focus(_group(choices, mentions), _lead_end(article))
    return article.model_copy(update={"places": places})
