"""The gazetteer index: sources merged, names normalised, the cache round trip."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from newsgraph.nlp import gazetteer as gz
from newsgraph.nlp.gazetteer import Entry, Gazetteer, Index, load_gazetteer, norm


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _kinds(gaz: Gazetteer, name: str) -> set[tuple[str, str | None]]:
    return {(c.entry.kind, c.entry.country_code) for c in gaz.lookup(name) if not c.alternate}


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("U.S.", "us"),
        ("the United States", "united states"),
        ("Kabardino-Balkaria", "kabardino balkaria"),
        ("Côte d’Ivoire", "cote d'ivoire"),
        ("  São   Paulo ", "sao paulo"),
    ],
)
def test_norm(raw: str, key: str) -> None:
    assert norm(raw) == key


def test_georgia_is_a_country_and_a_us_state(gaz: Gazetteer) -> None:
    kinds = _kinds(gaz, "Georgia")
    assert ("country", "GE") in kinds
    assert ("admin1", "US") in kinds


def test_country_points_are_geonames_points(gaz: Gazetteer) -> None:
    us = gaz.country("US")
    assert us is not None
    assert (us.entry.lat, us.entry.lon, us.entry.geonames_id) == (39.76, -98.5, 6252001)
    ru = gaz.country("RU")
    assert ru is not None and ru.entry.name == "Russia"


@pytest.mark.parametrize("name", ["Dagestan", "Chechnya", "Ingushetia", "Kabardino-Balkaria"])
def test_russian_republics_are_admin1_with_coordinates(gaz: Gazetteer, name: str) -> None:
    hits = [c.entry for c in gaz.lookup(name) if c.entry.kind == "admin1"]
    assert hits, name
    e = hits[0]
    assert e.country_code == "RU"
    assert e.lat is not None and 42.0 < e.lat < 45.0
    assert e.lon is not None and 42.0 < e.lon < 48.5


def test_named_regions_and_aliases(gaz: Gazetteer) -> None:
    assert ("region", None) in _kinds(gaz, "the Caucasus")
    assert ("region", None) in _kinds(gaz, "Middle East")
    assert ("country", "US") in _kinds(gaz, "U.S.")
    assert ("country", "GB") in _kinds(gaz, "Britain")
    assert ("continent", None) in _kinds(gaz, "EU")


def test_cities_carry_their_region(gaz: Gazetteer) -> None:
    idaho = [c.entry for c in gaz.lookup("Moscow") if c.entry.admin1_name == "Idaho"]
    assert idaho and idaho[0].country_code == "US" and idaho[0].admin1_code == "ID"
    states = [c.entry for c in gaz.lookup("Idaho") if c.entry.kind == "admin1"]
    assert [(s.country_code, s.admin1_code) for s in states] == [("US", "ID")]


def test_demonyms_point_to_places(gaz: Gazetteer) -> None:
    russians = gaz.demonym("Russians")
    assert russians is not None and russians.entry.country_code == "RU"
    european = gaz.demonym("European")
    assert european is not None and european.entry.kind == "continent"
    assert gaz.demonym("Tuesday") is None


def test_unknown_name_gives_no_candidates(gaz: Gazetteer) -> None:
    assert gaz.lookup("Qwertyzzz Plains") == []
    assert gaz.lookup("") == []


def test_cache_round_trip(tmp_path: Path) -> None:
    town = Entry("Testville", "city", 1, "US", "ID", "Idaho", 46.7, -117.0, 25000)
    state = Entry("Idaho", "admin1", 2, "US", "ID", "Idaho", 44.0, -114.0, 1800000)
    small = Index(
        [town, state],
        {"testville": [(0, False)], "idaho": [(1, False), (0, True)]},
        {},
        {"idahoan": 1},
    )
    path = tmp_path / "gazetteer-x.sqlite"
    gz._write_cache(path, small)
    back = gz._read_cache(path)
    assert back is not None
    assert back.lookup("Testville")[0].entry == town
    assert [(c.ref, c.alternate) for c in back.lookup("Idaho")] == [(1, False), (0, True)]
    assert back.lookup("Idaho's") == back.lookup("Idaho")
    demonym = back.demonym("Idahoan")
    assert demonym is not None and demonym.entry == state
    assert back.country("US") is None
    assert back.counts() == {"city": 1, "admin1": 1, "names": 2}


def test_a_new_cache_removes_old_caches_but_not_files_being_written(tmp_path: Path) -> None:
    # Another process's build in the same folder: its file and its SQLite journal must stay.
    old = tmp_path / "gazetteer-old.sqlite"
    busy = [tmp_path / "gazetteer-y.sqlite.77.tmp", tmp_path / "gazetteer-y.sqlite.77.tmp-journal"]
    for f in (old, *busy):
        f.write_bytes(b"x")
    gz._write_cache(tmp_path / "gazetteer-x.sqlite", Index([], {}, {}, {}))
    assert not old.exists()
    assert all(f.exists() for f in busy)
    assert (tmp_path / "gazetteer-x.sqlite").exists()


def test_unreadable_cache_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer-bad.sqlite"
    path.write_bytes(b"not a database")
    assert gz._read_cache(path) is None


def test_an_unwritable_cache_folder_falls_back_to_the_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file, not a folder")
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(blocked))
    monkeypatch.setattr(gz.tempfile, "gettempdir", lambda: str(tmp_path))
    small = Index([Entry("Testville", "city", 1, "US", None, None, 1.0, 2.0, 5)], {}, {}, {})
    monkeypatch.setattr(gz, "build_gazetteer", lambda: small)
    gz._load_gazetteer.cache_clear()
    try:
        gaz = gz.load_gazetteer()
        assert gaz.path.parent == tmp_path / f"newsgraph-{os.getuid()}"
        assert gaz.counts()["city"] == 1
    finally:
        gz._load_gazetteer.cache_clear()


def test_cache_dir_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(tmp_path))
    assert gz.cache_dir() == tmp_path


def test_a_failed_cache_write_leaves_no_file(tmp_path: Path) -> None:
    bad = Index([Entry("X", "city", 1, "US", None, None, 1.0, 2.0, 5)], {}, {}, {})
    bad.entries.append(("not", "an", "entry"))  # type: ignore[arg-type]  # wrong column count
    with pytest.raises(sqlite3.ProgrammingError):
        gz._write_cache(tmp_path / "gazetteer-x.sqlite", bad)
    assert list(tmp_path.iterdir()) == []


# --- issue 14, item 6: the Gaza Strip row, additions, neighbours ---------------------------


def test_issue_14_item_6_a_misplaced_tab_fails_the_build() -> None:
    # The Gaza Strip row had one tab too many: its country slid into the admin1 column and
    # its latitude into the longitude, and the row was dropped without a word.
    from newsgraph.errors import InputError
    from newsgraph.nlp import _gazetteer_build as build

    shifted = ["region", "Gaza Strip", "Gaza", "", "", "PS", "", "31.42", "34.36", "x", "y"]
    with pytest.raises(InputError):
        build._region_row(shifted, "regions.tsv, data row 1")
    with pytest.raises(InputError):  # a latitude without a longitude
        build._region_row(["region", "Nowhere", "", "", "", "", "31.42", ""], "row")
    with pytest.raises(InputError):  # a region code where the country goes
        build._region_row(["region", "Nowhere", "", "", "GZ1", "", "1", "2"], "row")
    row = build._region_row(["region", "Gaza Strip", "~Gaza", "", "PS", "GZ", "31.42", "34.36"], "")
    assert (row.aliases, row.alternates, row.country_code) == ((), ("Gaza",), "PS")


def test_issue_14_item_6_every_curated_row_reaches_the_gazetteer(gaz: Gazetteer) -> None:
    from newsgraph.nlp import _gazetteer_build as build

    rows = [r for r in build.read_regions() if r.lat is not None and r.kind != "city"]
    assert len(rows) >= 50  # issue 15: the loop below checks the curated rows, not none
    for row in rows:
        kinds = {(c.entry.kind, c.entry.country_code) for c in gaz.lookup(row.name)}
        assert (row.kind, row.country_code) in kinds, row.name


def test_issue_14_item_6_gaza_is_the_strip(gaz: Gazetteer) -> None:
    strip = [c for c in gaz.lookup("Gaza Strip") if c.entry.kind == "region"]
    assert strip and strip[0].entry.country_code == "PS" and strip[0].entry.admin1_code == "GZ"
    gaza = {(c.entry.kind, c.entry.country_code, c.alternate) for c in gaz.lookup("Gaza")}
    assert ("region", "PS", True) in gaza  # an alternate name: the city of Gaza is its own
    assert ("city", "PS", False) in gaza


@pytest.mark.parametrize(
    ("name", "kind", "country", "geonames_id"),
    [
        ("Deir al-Balah", "city", "PS", 281141),
        ("Khan Younis", "city", "PS", 281124),
        ("Jordan River", "feature", None, None),
        ("River Niger", "feature", None, None),
        ("Niger Delta", "region", "NG", None),
        ("Akkar", "admin1", "LB", None),
        ("Lake Chad", "feature", None, None),
    ],
)
def test_issue_14_item_6_additions_are_known_by_their_news_names(
    gaz: Gazetteer, name: str, kind: str, country: str | None, geonames_id: int | None
) -> None:
    hits = [c for c in gaz.lookup(name) if not c.alternate and c.entry.kind == kind]
    assert hits, name
    e = hits[0].entry
    assert e.country_code == country and e.lat is not None
    assert geonames_id is None or e.geonames_id == geonames_id


def test_issue_14_item_6_neighbours(gaz: Gazetteer) -> None:
    assert "RU" in gaz.neighbours("GE")
    assert "US" not in gaz.neighbours("GE")
    assert gaz.neighbours(None) == frozenset()


def test_issue_14_item_6_cache_keeps_neighbours_and_refuses_old_versions(tmp_path: Path) -> None:
    small = Index([], {}, {}, {}, {"GE": ("RU", "TR")})
    path = tmp_path / "gazetteer-x.sqlite"
    gz._write_cache(path, small)
    back = gz._read_cache(path)
    assert back is not None and back.neighbours("GE") == {"RU", "TR"}
    with sqlite3.connect(path) as conn:  # a cache written by an older build is rebuilt
        conn.execute("UPDATE meta SET value = '2' WHERE key = 'version'")
    conn.close()
    assert gz._read_cache(path) is None


# Places the packaged data lacks: ISO regions placed from their parts, curated features


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (the benches' 161 km rule)."""
    import math

    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _feature_rows() -> list[tuple[str, list[str], float, float, str]]:
    from newsgraph.nlp import _gazetteer_build as build

    out = []
    for row in build._table("features.tsv", build._REGION_FIELDS, required=1):
        values = row.values
        names = [values["name"], *(a.lstrip("~") for a in values["aliases"].split("|") if a)]
        out.append(
            (values["name"], names, float(values["lat"]), float(values["lon"]), values["example"])
        )
    return out


def test_every_feature_row_has_a_source_and_an_example_naming_it() -> None:
    from newsgraph.nlp import _gazetteer_build as build

    rows = list(build._table("features.tsv", build._REGION_FIELDS, required=1))
    assert len(rows) >= 200
    for row in rows:
        assert row.values["source"].startswith("general knowledge"), row.values["name"]
        names = _feature_rows()[rows.index(row)][1]
        assert any(n in row.values["example"] for n in names), row.values["name"]


def test_every_feature_example_resolves_to_its_row() -> None:
    from newsgraph.nlp.places import resolve_spans

    wrong: list[tuple[str, str | None]] = []
    for name, names, lat, lon, example in _feature_rows():
        named = max((n for n in names if n in example), key=len)
        start = example.index(named)
        [place] = resolve_spans(example, [(start, start + len(named))])
        if place is None or place.lat is None or place.lon is None:
            wrong.append((name, None))
        elif _km(place.lat, place.lon, lat, lon) > 161:
            wrong.append((name, place.name))
    assert not wrong


@pytest.mark.parametrize(
    ("name", "country", "lat", "lon"),
    [
        ("Eastern Region", "UG", 1.0, 33.8),  # Uganda's region, placed from its districts
        ("Tshopo", "CD", 0.5, 25.0),  # a district raised to a province (capital Kisangani)
        ("Kasai", "CD", -5.0, 21.0),  # curated: DR Congo's provinces of 2015
        ("Haut-Uele", "CD", 3.3, 28.3),
    ],
)
def test_iso_regions_the_packages_lack_are_placed(
    gaz: Gazetteer, name: str, country: str, lat: float, lon: float
) -> None:
    hits = [c.entry for c in gaz.lookup(name) if c.entry.kind == "admin1"]
    here = [e for e in hits if e.country_code == country]
    assert here, name
    e = here[0]
    assert e.lat is not None and e.lon is not None
    assert _km(e.lat, e.lon, lat, lon) < 161


def test_an_iso_name_of_a_packaged_region_is_that_region(gaz: Gazetteer) -> None:
    # Piemonte is Piedmont: its ISO provinces are Piedmont's towns, so no second region.
    piemonte = [c.ref for c in gaz.lookup("Piemonte") if c.entry.kind == "admin1"]
    piedmont = [c.ref for c in gaz.lookup("Piedmont") if c.entry.kind == "admin1"]
    assert piemonte and set(piemonte) <= set(piedmont)


def test_a_feature_row_takes_an_example_column_and_no_more() -> None:
    from newsgraph.errors import InputError
    from newsgraph.nlp import _gazetteer_build as build

    row = ["feature", "Lake Albert", "", "", "", "", "1.68", "30.92", "src", "On Lake Albert."]
    assert build._region_row(row, "features.tsv").name == "Lake Albert"
    with pytest.raises(InputError):
        build._region_row([*row, "stray"], "features.tsv")


def test_a_countrys_capital_is_the_city_marked_so() -> None:
    gaz = load_gazetteer()
    found = {code: gaz.capital(code) for code in ("KE", "AU", "ZM")}
    assert {code: c.entry.name for code, c in found.items() if c} == {
        "KE": "Nairobi",
        "AU": "Canberra",  # not the larger Sydney
        "ZM": "Lusaka",
    }
    assert gaz.capital("ZZ") is None and gaz.capital(None) is None


def test_every_region_spelling_row_resolves_its_example_to_that_countrys_region() -> None:
    # additions.tsv rows with an example: health agencies' spellings of packaged regions, and
    # the regions and districts of outbreak news that the packages lack.
    from newsgraph.nlp import _gazetteer_build as build
    from newsgraph.nlp.places import resolve_spans

    rows = [
        r.values
        for r in build._table("additions.tsv", build._REGION_FIELDS, required=1)
        if r.values.get("example")
    ]
    assert len(rows) >= 30
    wrong = []
    for values in rows:
        names = [values["name"], *values["aliases"].split("|")]
        named = max((n for n in names if n and n in values["example"]), key=len)
        start = values["example"].index(named)
        [place] = resolve_spans(values["example"], [(start, start + len(named))])
        if place is None or (place.kind, place.country_code) != (values["kind"], values["country"]):
            wrong.append((values["name"], place and (place.kind, place.country_code)))
    assert wrong == []


def test_packaged_region_names_get_the_spellings_of_english_news() -> None:
    from newsgraph.nlp._gazetteer_build import spellings

    assert spellings("Northern Darfur") == ["North Darfur"]
    assert spellings("Maluku Utara") == ["North Maluku"]
    assert spellings("Sulawesi Tenggara") == ["Southeast Sulawesi"]
    assert spellings("North-West Province") == ["North-West", "Northwest"]
    assert spellings("Wilayat-e Baghlan") == ["Baghlan"]
    assert "Northern Bahr el Ghazal" in spellings("Northern Bahr al Ghazal")
    assert spellings("North Province") == []  # never a bare compass word
    assert spellings("Eastern Region") == []
    assert spellings("Federal District") == []
    assert spellings("Al Jazirah") == ["Jazirah"]
    assert spellings("El Beni") == []


def test_englands_split_counties_are_known_whole_and_inside_england() -> None:
    from newsgraph.nlp.places import resolve_spans

    text = "Races were held at Oulton Park in Cheshire and at Croft in Yorkshire."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Cheshire", "Yorkshire")]
    found = resolve_spans(text, spans)
    assert [(p.country_code, p.admin1) for p in found if p] == [("GB", "England")] * 2
    # The American town of the name still wins beside its state.
    text = "Police in Cheshire, Connecticut, closed the road."
    [town] = resolve_spans(text, [(10, 18)])
    assert town is not None and (town.kind, town.admin1) == ("city", "Connecticut")
