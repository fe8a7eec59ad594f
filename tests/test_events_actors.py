"""CAMEO actor coding (`newsgraph.nlp.events._actors`): the tables, dated codes, code parts,
and the coder on real parses (marked slow: they load spaCy)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from newsgraph.model import Entity, Place
from newsgraph.nlp.events._actors import (
    ActorCode,
    code_actor,
    code_name,
    describe,
    phrase_words,
    resolve,
    singular,
    tables,
)
from newsgraph.rules import RuleFileError, using_data_dirs

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span

# --- words and tables (fast) -----------------------------------------------------------------


def test_phrase_words_normalise_as_the_tables_do() -> None:
    assert phrase_words("U.S.-backed Syria’s forces") == ["us", "backed", "syria", "forces"]
    assert phrase_words("ISLAMIC_ARMY_OF_ADEN") == ["islamic", "army", "of", "aden"]
    assert phrase_words("al-Qaeda (AQ), ") == ["al", "qaeda", "aq"]


@pytest.mark.parametrize(
    ("plural", "single"),
    [
        ("militants", "militant"),
        ("authorities", "authority"),
        ("gunmen", "gunman"),
        ("churches", "church"),
        ("police", "police"),
        ("status", "status"),
        ("bus", "bus"),
    ],
)
def test_singular(plural: str, single: str) -> None:
    assert singular(plural) == single


def test_shipped_tables_hold_the_dictionaries() -> None:
    t = tables()
    assert len(t.actors) > 20_000 and len(t.countries) > 3_000 and len(t.agents) > 2_000
    assert t.countries["russia"] == "RUS" and t.countries["russian"] == "RUS"
    assert t.agents["police"].code == "COP" and not t.agents["police"].prefix
    assert t.agents["peacekeeping troops"].prefix  # IGO~: the role comes before the country
    assert {"GOV", "MIL", "REB", "COP"} <= t.vocabulary.types
    assert {"NAT", "HMS", "ISI"} <= t.vocabulary.groups
    assert t.vocabulary.alpha3["RU"] == "RUS" and t.vocabulary.alpha3["XK"] == "KSV"


# Mubarak's row as the dictionary gives it: an elite, then president, then an elite again.
MUBARAK = "EGYELI:19460101-19811007;EGYGOV:19811007-19820102;EGYGOV:19811014-20110211;EGYELI"


def test_dated_codes_hold_only_within_the_term() -> None:
    assert resolve(MUBARAK, 20050601) == "EGYGOV"
    assert resolve(MUBARAK, 20130101) == "EGYELI"  # after the term: the undated code
    assert resolve(MUBARAK, None) == "EGYELI"  # no date and no open-ended code: undated code
    # No undated code: outside every term only the country is left.
    assert resolve("RUSGOV:19910710-19991231;RUSELI:19991231-20070423", 20100101) == "RUS"
    # No date: the open-ended code is the dictionary's present.
    assert resolve("USAELI:19780101-20000101;USAGOV>20090120", None) == "USAGOV"
    assert resolve("IRQ<20030320;IRQOCC:20030320-20060520", 20040101) == "IRQOCC"
    assert resolve("---", None) is None


@pytest.mark.parametrize(
    ("code", "country", "roles", "group"),
    [
        ("RUSGOV", "RUS", ("GOV",), None),
        ("USAGOVMIL", "USA", ("GOV", "MIL"), None),
        ("IGOWSTNAT", None, ("IGO",), "NAT"),
        ("IGOUNO", None, ("IGO", "UNO"), "UNO"),
        ("PSEREBHMS", "PSE", ("REB",), "HMS"),
        ("IMGMUSISI", None, ("IMG",), "ISI"),
        ("NGOUSAHRI", "USA", ("NGO", "HRI"), None),
        ("EURREB", "EUR", ("REB",), None),
        ("ELI", None, ("ELI",), None),
    ],
)
def test_code_parts(
    code: str, country: str | None, roles: tuple[str, ...], group: str | None
) -> None:
    assert describe(code) == ActorCode(code, country, roles, group)


def test_names_code_without_a_parse() -> None:
    assert code_name("Hosni Mubarak", published=date(2005, 6, 1)) == describe("EGYGOV")
    assert code_name("Hosni Mubarak", published=date(1975, 6, 1)) == describe("EGYELI")
    assert code_name("Boris Yeltsin", published=date(2010, 1, 1)) == describe("RUS")
    assert code_name("NATO") == describe("IGOWSTNAT")
    assert code_name("Russian officials") == describe("RUSGOV")
    assert code_name("police") == describe("COP")
    assert code_name("the weather") is None
    # Names are proper nouns: "Chad" is a country, "chad" is not; "US" is, "us" is not.
    assert code_name("Chad") == describe("TCD") and code_name("chad") is None
    assert code_name("US") == describe("USA") and code_name("us") is None


def test_a_bad_user_row_names_its_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "events" / "cameo"
    folder.mkdir(parents=True)
    (folder / "agents.tsv").write_text("# ours\nwarlord\tUAF\tafter\t\n", "utf-8")
    with using_data_dirs([tmp_path]), pytest.raises(RuleFileError, match="line 2"):
        tables()


def test_user_rows_extend_the_shipped_tables(tmp_path: Path) -> None:
    folder = tmp_path / "events" / "cameo"
    folder.mkdir(parents=True)
    (folder / "agents.tsv").write_text("negotiator\tGOV\tsuffix\tours\n", "utf-8")
    (folder / "actors.tsv").write_text("acme dynamics\tMNCUSA;MNCGBR<20010101\n", "utf-8")
    assert code_name("Russian negotiators") == describe("RUS")
    assert code_name("Acme Dynamics") is None
    with using_data_dirs([tmp_path]):
        assert code_name("Russian negotiators") == describe("RUSGOV")
        assert code_name("Acme Dynamics", published=date(1999, 1, 1)) == describe("MNCGBR")


def test_a_user_row_with_codes_not_understood_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "events" / "cameo"
    folder.mkdir(parents=True)
    (folder / "actors.tsv").write_text("acme dynamics\tMNCUSA:2001\n", "utf-8")
    with using_data_dirs([tmp_path]), pytest.raises(RuleFileError, match="line 1"):
        tables()


# --- the coder on real parses (slow) ---------------------------------------------------------


def _span(nlp: Language, sentence: str, words: str) -> Span:
    doc = nlp(sentence)
    start = sentence.index(words)
    span = doc.char_span(start, start + len(words), alignment_mode="expand")
    assert span is not None
    return span


def _code(nlp: Language, sentence: str, words: str, **kwargs: Any) -> ActorCode | None:
    return code_actor(_span(nlp, sentence, words), **kwargs)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "words", "country", "roles"),
    [
        ("Russian officials said the talks would resume.", "Russian officials", "RUS", ("GOV",)),
        (
            "The deputy secretary of Russia's security council met the envoy.",
            "The deputy secretary of Russia's security council",
            "RUS",
            ("GOV",),
        ),
        (
            "Islamist militants in four regions of Russia’s Caucasus have pledged allegiance.",
            "Islamist militants in four regions of Russia’s Caucasus",
            "RUS",
            ("REB",),  # our layer over Phoenix.agents.txt (UAF there): see _build_actors
        ),
        ("The police arrested two men.", "The police", None, ("COP",)),
        ("Protesters blocked the main road.", "Protesters", None, ("OPP",)),
        ("Ivory Coast rebels rejected the plan.", "Ivory Coast rebels", "CIV", ("REB",)),
        (
            "The French ambassador to Germany left.",
            "The French ambassador to Germany",
            "FRA",
            ("GOV",),
        ),
        (
            "The deputy foreign minister of Iran arrived.",
            "The deputy foreign minister of Iran",
            "IRN",
            ("GOV",),
        ),
    ],
)
def test_descriptions_code(
    nlp, sentence: str, words: str, country: str | None, roles: tuple[str, ...]
) -> None:
    found = _code(nlp, sentence, words)
    assert found is not None
    assert (found.country, found.roles) == (country, roles)


@pytest.mark.slow
def test_descriptions_give_gdelt_codes(nlp) -> None:
    assert _code(nlp, "Russian officials said so.", "Russian officials") == describe("RUSGOV")
    assert _code(nlp, "The police arrested two men.", "The police") == describe("COP")
    militants = "Islamist militants in four regions of Russia’s Caucasus"
    found = _code(nlp, f"{militants} have pledged allegiance.", militants)
    assert found is not None and found.code == "RUSMUSREB"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "words", "code", "group"),
    [
        ("ISIS welcomed the pledge.", "ISIS", "IMGMUSISI", "ISI"),
        ("The Islamic State claimed the attack.", "The Islamic State", "IMGMUSISI", "ISI"),
        (
            "The Islamic State of Iraq and Syria (ISIS) group welcomed it.",
            "The Islamic State of Iraq and Syria (ISIS) group",
            "IMGMUSISI",
            "ISI",
        ),
        ("NATO condemned the attack.", "NATO", "IGOWSTNAT", "NAT"),
        ("The United Nations condemned the attack.", "The United Nations", "IGOUNO", "UNO"),
        ("The UN Security Council voted.", "The UN Security Council", "IGOUNO", "UNO"),
        ("Hamas threatened to resume attacks.", "Hamas", "PSEREBHMS", "HMS"),
        ("Hamas militants fired rockets.", "Hamas militants", "PSEREBHMS", "HMS"),
        ("Fighters of Hamas fired rockets.", "Fighters of Hamas", "PSEREBHMS", "HMS"),
        (
            "A spokesman for ISIS group welcomed the news.",
            "A spokesman for ISIS group",
            "IMGMUSISI",
            "ISI",
        ),
        ("They swore fealty to Abu Bakr al-Baghdadi.", "Abu Bakr al-Baghdadi", "IMGMUSISI", "ISI"),
    ],
)
def test_named_groups_take_their_dictionary_entry(
    nlp, sentence: str, words: str, code: str, group: str
) -> None:
    found = _code(nlp, sentence, words, published=date(2015, 3, 1))
    assert found is not None and (found.code, found.group) == (code, group)


@pytest.mark.slow
def test_a_country_before_a_un_body_makes_it_that_countrys(nlp) -> None:
    ours = "Russia's Security Council"
    assert _code(nlp, f"{ours} met on Monday.", ours) == describe("RUSGOV")
    un = "The Security Council"
    assert _code(nlp, f"{un} met on Monday.", un) == describe("IGOUNO")


@pytest.mark.slow
def test_a_leader_is_gov_only_within_his_term(nlp) -> None:
    sentence = "Hosni Mubarak met the envoy in Cairo."
    inside = _code(nlp, sentence, "Hosni Mubarak", published=date(2005, 6, 1))
    after = _code(nlp, sentence, "Hosni Mubarak", published=date(2013, 1, 1))
    assert inside == describe("EGYGOV")
    assert after == describe("EGYELI")


@pytest.mark.slow
def test_part_of_a_longer_name_is_not_the_dictionarys_person(nlp) -> None:
    # "Hassan" alone is Jordan's Prince Hassan in the dictionary; here he is Morocco's king.
    found = _code(nlp, "King Hassan of Morocco received the envoy.", "King Hassan of Morocco")
    assert found is not None and found.country == "MAR"
    bashir = "President Omar Hassan al-Bashir"
    found = _code(nlp, f"{bashir} took several tentative steps.", bashir)
    assert found is not None and found.country != "JOR" and found.roles == ("GOV",)


@pytest.mark.slow
def test_a_title_says_what_a_person_outside_his_terms_is(nlp) -> None:
    words = "U.S. Secretary of State Warren Christopher"
    found = _code(nlp, f"{words} arrived in Cairo.", words)
    assert found == describe("USAGOV")


@pytest.mark.slow
def test_the_entity_and_the_places_give_the_country(nlp) -> None:
    putin = Entity(id="e1", name="Vladimir Putin", type="person", start=0, end=2, stage="entities")
    found = _code(
        nlp, "He said the talks would resume.", "He", entity=putin, published=date(2015, 3, 1)
    )
    assert found == describe("RUSGOV")

    sentence = "Police in Springfield arrested two men."
    springfield = Place(text="Springfield", start=10, end=21, country_code="US", stage="places")
    assert _code(nlp, sentence, "Police in Springfield", places=[springfield]) == describe("USACOP")
    # The article's focus country stands in for an agent's missing country …
    kenya = Place(text="Kenya", start=100, end=105, country_code="KE", focus=True, stage="places")
    assert _code(nlp, "The police arrested two men.", "The police", places=[kenya]) == describe(
        "KENCOP"
    )
    # … but never makes an international body national.
    assert _code(nlp, "NATO condemned it.", "NATO", places=[kenya]) == describe("IGOWSTNAT")


@pytest.mark.slow
def test_nothing_codes_gives_none(nlp) -> None:
    assert _code(nlp, "The weather was fine.", "The weather") is None
