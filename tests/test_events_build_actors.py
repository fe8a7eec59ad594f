"""The actor-table builder (`newsgraph.nlp.events._build_actors`): the dictionary formats it
reads, on small texts of ours, and the shipped tables against a fresh build."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.nlp.events._build_actors import (
    ACTOR_ADDITIONS,
    COUNTRY_ADDITIONS,
    COUNTRY_FILE,
    Counts,
    actor_rows,
    agent_table,
    code_item,
    fixed_code,
    mark_capitals,
    name_variants,
    parse_date,
    read_actor_file,
    read_agent_file,
)

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "data" / "events-codebooks"
SHIPPED = ROOT / "src" / "newsgraph" / "data" / "events" / "cameo"

# Invented entries in the dictionaries' format.
ACTORS = """\
# a comment line
RURITANIA_  [RUR]
+RURITANIAN_
+STRELSAU  # the capital

JOHN_DOE_  # two names that share the codes below
JANE_ROE_
+J._ROE
\t[RURELI 550101-981231]
\t[RURGOV 19990101-20041231]
\t[RURELI]
ACME_WORKS_ [MNCRUR]
FREEDOM_FRONT_(FF)_
\t[RURREB >130101]
\t[RURGOV 050101-040101]
"""


def test_actor_entries_group_names_and_read_dated_codes() -> None:
    counts = Counts()
    entries = read_actor_file(ACTORS, "test.actors.txt", counts)
    assert [e.names for e in entries] == [
        ["RURITANIA_", "RURITANIAN_", "STRELSAU"],
        ["JOHN_DOE_", "JANE_ROE_", "J._ROE"],
        ["ACME_WORKS_"],
        ["FREEDOM_FRONT_(FF)_"],
    ]
    assert entries[0].codes == ["RUR"]
    assert entries[1].codes == [
        "RURELI:19550101-19981231",
        "RURGOV:19990101-20041231",
        "RURELI",
    ]
    # An interval that ends before it starts is skipped, as PETRARCH skips it.
    assert entries[3].codes == ["RURREB>20130101"]
    assert counts.bad_codes == 1


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("301231", "2030-12-31"),
        ("310101", "1931-01-01"),
        ("19170101", "1917-01-01"),
        ("9008223", "1990-08-22"),
        ("000231", None),
        ("12", None),
    ],
)
def test_dates_read_as_petrarch_reads_them(text: str, day: str | None) -> None:
    found = parse_date(text)
    assert (found.isoformat() if found else None) == day


def test_code_items() -> None:
    assert code_item("USAGOV > 130701") == "USAGOV>20130701"
    assert code_item("YUGSRB <920427") == "YUGSRB<19920427"
    assert code_item("---") == "---"
    assert code_item("s") is None
    assert code_item("NGOEEURENV") is None  # not whole three-letter parts


def test_name_variants_match_the_coders_words() -> None:
    assert name_variants("THE_UNITED_NATIONS_") == ["united nations"]
    assert name_variants("FREEDOM_FRONT_(FF)_") == ["freedom front ff", "freedom front"]
    assert name_variants("SYRIA'S_GOVERNMENT") == ["syria government"]
    assert name_variants("COTE_D\ufffdIVOIRE_") == []


AGENTS = """\
!PERSON! = MAN, WOMAN
!MINIST! = MINISTER, MINISTRY
POLICE {} [~COP]
POLICE!PERSON! [~COP]
THIEF {THIEVES} [~CRM]
!MINIST! OF_DEFENCE [~GOVMIL]
AD!MINIST!RATOR [~GOV]
TRUCE_MONITOR [IGO~]
STRAY_LINE_WITHOUT_CODE
"""


def test_agents_expand_sets_plurals_and_positions() -> None:
    counts = Counts()
    table = agent_table(read_agent_file(AGENTS, counts), counts)
    assert {k: (v.code, v.position) for k, v in table.items() if not v.note} == {
        "police": ("COP", "suffix"),
        "policeman": ("COP", "suffix"),
        "policewoman": ("COP", "suffix"),
        "thief": ("CRM", "suffix"),
        "thieves": ("CRM", "suffix"),
        "minister of defence": ("GOVMIL", "suffix"),
        "ministry of defence": ("GOVMIL", "suffix"),
        "truce monitor": ("IGO", "prefix"),
    }
    assert table["official"].note.startswith("addition: ")  # ours, with its example
    assert (table["tank"].code, table["think tank"].code) == ("MIL", "ELI")
    assert table["peacekeeper"].position == "prefix"  # ours, IGO~ as the file writes it
    assert counts.bad_names == 1 and counts.bad_codes == 1  # AD!MINIST!RATOR, the stray line


def test_actor_additions_are_shipped_each_with_its_example() -> None:
    from newsgraph.nlp.events._actors import tables

    actors = tables().actors
    for name, code, example in ACTOR_ADDITIONS:
        key = name_variants(name)[0]
        assert actors[key] == code  # the shipped table holds it
        assert key in " ".join(example.lower().replace(".", " ").split())  # its own example
    assert actors["european union"] == "IGOEUREEC"  # the code it shares is the file's own


def test_country_additions_take_the_codes_of_their_country() -> None:
    from newsgraph.nlp.events._actors import tables

    countries = tables().countries
    for name, same_as, example in COUNTRY_ADDITIONS:
        key = name_variants(name)[0]
        assert countries[key] == countries[same_as]
        assert key in example.lower()  # its own example
    assert countries["serb"] == countries["serbia"]


def test_capitals_are_coded_as_their_governments() -> None:
    rows = {
        "ruritania": "RUR",
        "strelsau": "RUR",
        "zenda": "RUR",
        "grand fenwick": "GFW<20000101",
        "monte carlo": "MCC",
        "new town": "OLDNEW<19900101;NEWUNR:19900101-19901231;NEW>19910101",
    }
    capitals = {
        "RU": "Strelsau",
        "GF": "Grand Fenwick",
        "XX": "Zenda",
        "MC": "Monte Carlo",
        "NW": "New Town",
    }
    alpha2 = {"RUR": "RU", "GFW": "GF", "OTH": "XX", "MCC": "MC", "NEW": "NW"}
    names = {"RUR": "Ruritania", "MCC": "Monte Carlo"}
    marked = mark_capitals(rows, alpha2, capitals.get, names)
    assert rows == {
        "ruritania": "RUR",
        "strelsau": "RURGOV",  # the capital of the country it is listed under
        "zenda": "RUR",  # another country's capital by the gazetteer: left alone
        "grand fenwick": "GFW<20000101",  # a dated row with no present: left alone
        "monte carlo": "MCC",  # a city-state: its capital is the country's own name
        # a country that was part of another: its own codes govern, the old state's do not
        "new town": "OLDNEW<19900101;NEWUNRGOV:19900101-19901231;NEWGOV>19910101",
    }
    assert marked == 2


def test_codes_of_former_and_misspelt_countries_are_read_as_one_country() -> None:
    assert fixed_code("USRUKR<19910824") == "SUNUKR<19910824"  # the file's Soviet Union
    assert fixed_code("ANGREB") == "AGOREB"  # Angola
    assert fixed_code("TMPGOV>19990830") == "TLSGOV>19990830"  # East Timor's ISO code
    assert fixed_code("NGOTMPHRI") == "NGOTLSHRI"  # … wherever it stands in a code
    assert fixed_code("IGOUNOTMP:19990908-20020519") == "IGOUNOTLS:19990908-20020519"
    assert fixed_code("FRNWLF") == "WLF"  # a territory is its own country, not France's part
    assert fixed_code("RUSGOV") == "RUSGOV"
    assert fixed_code("---") == "---"


def test_a_country_entry_may_have_been_part_of_another_state() -> None:
    text = "NEWLAND_\n+NEWLANDER_\n\t[OLDNEW <900101]\n\t[NEW >900101]\nJOHN_DOE_ [NEWGOV]\n"
    counts = Counts()
    entries = read_actor_file(text, COUNTRY_FILE, counts)
    actors, countries = actor_rows(entries, {"OLD", "NEW"}, counts)
    assert countries == {
        "newland": "OLDNEW<19900101;NEW>19900101",
        "newlander": "OLDNEW<19900101;NEW>19900101",
    }
    assert actors == {"john doe": "NEWGOV"}


def test_the_agents_files_people_code_as_civilians() -> None:
    counts = Counts()
    rows = read_agent_file("PEOPLE [~PPL]\nMOB [~CVL]\n", counts)
    table = agent_table(rows, counts)
    assert (table["people"].code, table["mob"].code) == ("CVL", "CVL")


@pytest.mark.slow
@pytest.mark.skipif(not SOURCE.is_dir(), reason="the shared dictionaries are not here")
def test_shipped_tables_are_a_fresh_build(tmp_path: Path) -> None:
    from newsgraph.nlp.events._build_actors import build

    lines = build(SOURCE, tmp_path)
    assert any(line.startswith("actors.tsv") for line in lines)
    for name in ("actors.tsv", "countries.tsv", "agents.tsv", "groups.tsv", "codes.tsv"):
        built = (tmp_path / name).read_text("utf-8")
        assert built == (SHIPPED / name).read_text("utf-8"), f"{name} is stale: run the build"
    assert sum((SHIPPED / n).stat().st_size for n in ("actors.tsv", "countries.tsv")) < 2_000_000
