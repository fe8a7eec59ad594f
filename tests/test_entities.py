"""The entities stage: recognition fixes, grouping into entities, `entity_at`, the seed article."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsgraph.model import Article
from newsgraph.nlp import entities
from newsgraph.nlp.entities import _names, _orgs, _spans, _teams, _types, entity_at, find_entities
from newsgraph.nlp.entities._caps import caps_lines, title_case
from newsgraph.nlp.entities._lexicon import lexicon
from newsgraph.nlp.entities._recognize import recognize
from newsgraph.nlp.entities._repair import repair
from newsgraph.nlp.entities._spans import Span

SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "seed"
SEED_FILE = SEED / "000_467ed663e257af9b.txt"


def ents_for(text: str, names: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """spaCy-like (start, end, label) for every occurrence of each name."""
    out = []
    for name, label in names:
        out += [(m.start(), m.end(), label) for m in re.finditer(re.escape(name), text)]
    return sorted(out)


def by_name(found: list, name: str):  # type: ignore[no-untyped-def]
    return next(e for e in found if e.name == name)


def test_no_entities_in_empty_or_entity_free_text() -> None:
    assert find_entities("", []) == []
    assert find_entities("it was a quiet day and nothing happened at all.", []) == []


def test_spans_never_cross_a_line_break_and_are_trimmed() -> None:
    text = "talks with the Kremlin\nOfficials met the Ministry's envoy"
    first = Span(text.index("the"), text.index(" met"), "organization")
    second = Span(text.index("the M"), text.index(" envoy"), "organization")
    spans = repair(text, [first, second])
    assert [text[s.start : s.end] for s in spans] == ["Kremlin", "Officials", "Ministry"]


def test_title_case_keeps_length_and_known_acronyms() -> None:
    line = "NATO TROOPS ENTER THE CITY OF KABUL"
    cased = title_case(line, frozenset({"NATO"}))
    assert cased == "NATO Troops Enter the City of Kabul"
    assert len(cased) == len(line)
    assert caps_lines("Normal line here\nALL CAPS HEADLINE\nMixed Case") == [(17, 34)]


def test_caps_lines_are_recognised_again_on_a_recased_copy() -> None:
    text = "REBELS ATTACK CONVOY NEAR GROZNY\nThe attack was condemned."
    calls: list[str] = []

    def rerun(copy: str) -> list[tuple[int, int, str]]:
        calls.append(copy)
        return [(m.start(), m.end(), "GPE") for m in re.finditer("Grozny", copy)]

    found = find_entities(text, [], rerun=rerun)
    assert calls == ["Rebels Attack Convoy Near Grozny"]
    grozny = by_name(found, "Grozny")  # the canonical name is title-cased
    assert (grozny.type, grozny.start, grozny.end) == ("place", 26, 32)
    assert grozny.aliases == ["GROZNY"]


def test_lexicons_fix_types_and_the_gazetteer_adds_places() -> None:
    text = "A video posted on YouTube by ISIS showed fighters in Dagestan and Ingushetia."
    found = find_entities(
        text, ents_for(text, [("YouTube", "GPE"), ("ISIS", "GPE"), ("Ingushetia", "PERSON")])
    )
    types = {e.name: e.type for e in found}
    assert types == {
        "YouTube": "organization",
        "ISIS": "organization",
        "Dagestan": "place",
        "Ingushetia": "place",
    }


def test_acronym_definition_extends_the_long_form() -> None:
    text = "He joined the Islamic State of Iraq and Syria (ISIS) in May. ISIS denied it."
    found = find_entities(
        text,
        ents_for(text, [("the Islamic State of Iraq", "ORG"), ("Syria", "GPE"), ("ISIS", "ORG")]),
    )
    assert [e.name for e in found] == ["ISIS"]
    isis = found[0]
    assert "Islamic State of Iraq and Syria" in isis.aliases
    assert len(isis.mentions) == 3


def test_person_fragments_join_and_surnames_follow_the_person() -> None:
    text = "Officials named Ahmed bin Khalid Hassan as envoy. Hassan arrived on Monday."
    spans, _ = recognize(
        text, ents_for(text, [("Ahmed", "PERSON"), ("Khalid Hassan", "PERSON")]), lexicon()
    )
    assert [(text[s.start : s.end], s.type) for s in spans] == [
        ("Ahmed bin Khalid Hassan", "person"),
        ("Hassan", "person"),
    ]


def test_name_shapes_find_people_spacy_missed() -> None:
    text = "Rain stopped play.\nJ. Ratcliffe 63 and Pete Sampras watched."
    found = find_entities(text, [])
    assert {e.name: e.type for e in found} == {"J. Ratcliffe": "person", "Pete Sampras": "person"}


def test_names_with_scores_in_results_lines_are_teams() -> None:
    # Our own lines, laid out as wire services print results and standings (agate type).
    text = (
        "Eastford 2 Westbury 1 ( halftime 1-1 )\n"
        "Marlow : Wessex 83 and 207 ( A. Dale 4-38 ) , Northshire 108-3 .\n"
        "Harbourton 3 2 1 0 7 3 7\n"
        "Germany 2 France 1\n"
    )
    ents = ents_for(text, [("Marlow", "GPE"), ("Northshire", "GPE"), ("Germany", "GPE")])
    types = {e.name: e.type for e in find_entities(text, ents)}
    for team in ("Eastford", "Westbury", "Wessex", "Northshire", "Harbourton"):
        assert types[team] == "organization", team
    assert types["Marlow"] == "place"  # the venue has no score
    assert types["A. Dale"] == "person"  # a bowler's figures, inside brackets
    assert types["Germany"] == types["France"] == "place"  # national teams stay places


def test_years_beside_numbers_are_not_teams() -> None:
    # A year is no score: two titles with their years and episode numbers are no results line
    # (our own lines). The model-code exception for product lines ("Vela GT 350") was removed:
    # it changed no figure on any set but the CoNLL tuning half, which it lowered.
    text = "Halden Nights 2019 - Episode 29\nCold Harbour 2021 - Episode 4\n"
    found = find_entities(text, ents_for(text, [("Halden", "GPE")]))
    assert not [e for e in found if e.type == "organization"]


def test_a_name_and_a_number_in_prose_is_not_a_team() -> None:
    text = "After the storm Kent 40 homes and Surrey 12 roads were still cut off on Sunday.\n"
    ents = ents_for(text, [("Kent", "GPE"), ("Surrey", "GPE")])
    types = {e.name: e.type for e in find_entities(text, ents)}
    assert types == {"Kent": "place", "Surrey": "place"}


def test_document_consistency_gives_one_type_to_a_name() -> None:
    text = "Kovalenko said no. Later Kovalenko said yes, and Olek Kovalenko left."
    ents = [*ents_for(text, [("Olek Kovalenko", "PERSON")]), (25, 34, "ORG")]
    found = find_entities(text, ents)
    (person,) = found
    assert person.type == "person" and person.name == "Olek Kovalenko"
    assert len(person.mentions) == 3


def test_demonyms_are_groups_linked_to_places() -> None:
    text = "Russian troops entered Ukraine."
    found = find_entities(text, ents_for(text, [("Russian", "NORP"), ("Ukraine", "GPE")]))
    group = by_name(found, "Russians")
    assert group.type == "group" and group.links == ["place:russia"]


def test_entities_have_first_mention_offsets_and_stage() -> None:
    text = "Hamas said Hamas would talk."
    (hamas,) = find_entities(text, ents_for(text, [("Hamas", "ORG")]))
    assert (hamas.start, hamas.end, hamas.stage) == (0, 5, "entities")
    assert [(m.start, m.text) for m in hamas.mentions] == [(0, "Hamas"), (11, "Hamas")]


def test_entity_at_finds_the_entity_of_a_span() -> None:
    text = "Hamas said Jane Ortiz would visit Gaza."
    found = find_entities(text, ents_for(text, [("Hamas", "ORG"), ("Jane Ortiz", "PERSON")]))
    article = Article(text=text, entities=found)
    ortiz = entity_at(article, 11, 21)
    assert ortiz is not None and ortiz.name == "Jane Ortiz"
    assert entity_at(article, 16, 21) is ortiz  # part of a mention
    assert entity_at(article, 11, 11) is ortiz  # a point inside a mention
    assert entity_at(article, 22, 27) is None


@pytest.mark.slow
def test_a_large_article_is_handled_quickly() -> None:
    para = "Jane Ortiz told Reuters in Kabul that the Taliban and NATO met in Pakistan. "
    ents = ents_for(para, [("Jane Ortiz", "PERSON"), ("Reuters", "ORG"), ("Kabul", "GPE")])
    copies = 1_000_000 // len(para) + 1
    text = para * copies
    shifted = [
        (s + i * len(para), e + i * len(para), lab) for i in range(copies) for s, e, lab in ents
    ]
    found = find_entities(text, shifted)
    names = {e.name for e in found}
    assert {"Jane Ortiz", "Reuters", "Kabul", "Taliban", "NATO", "Pakistan"} <= names
    assert len(by_name(found, "Jane Ortiz").mentions) == copies


def seed_analysed_text() -> str:
    lines = SEED_FILE.read_text(encoding="utf-8").split("\n")
    return "\n\n".join(line.strip() for line in lines[: lines.index("-")])


@pytest.mark.slow
def test_seed_article(nlp) -> None:  # type: ignore[no-untyped-def]
    if not SEED_FILE.exists():
        pytest.skip(f"seed article absent: {SEED_FILE}")
    text = seed_analysed_text()
    article = entities.run(Article(text=text, body=text), nlp(text))
    found = {e.name: e for e in article.entities}
    baghdadi = found["Abu Bakr al-Baghdadi"]
    assert baghdadi.type == "person"
    assert {
        "Caliph Ibrahim ben Awwad ben Ibrahim al Badri al-Qoureishi al Husseini",
        "al-Baghdadi",
    } <= set(baghdadi.aliases)
    assert baghdadi.id == "person:abu-bakr-al-baghdadi"
    assert found["Abu Mohammed al-Adnani"].type == "person"
    assert found["Abu Mohammad al-Qadari"].type == "person"
    assert found["Abu Mohammed al-Adnani"].id != found["Abu Mohammad al-Qadari"].id
    isis = found["ISIS"]
    assert isis.type == "organization"
    assert {"Islamic State", "Islamic State of Iraq and Syria"} <= set(isis.aliases)
    assert found["Interfax"].type == "organization"
    assert found["YouTube"].type == "organization"
    for place in (
        "Dagestan",
        "Chechnya",
        "Ingushetia",
        "Kabardino-Balkaria",
        "Russia",
        "Syria",
        "Iraq",
        "Turkey",
        "Caucasus",
    ):
        assert found[place].type == "place", place
    assert not any(e.type == "place" and "ISIS" in [e.name, *e.aliases] for e in article.entities)
    for ent in article.entities:
        for m in ent.mentions:
            assert text[m.start : m.end] == m.text and "\n" not in m.text


@pytest.mark.slow
def test_same_person_gets_the_same_id_in_two_articles(nlp) -> None:  # type: ignore[no-untyped-def]
    one = "Abu Bakr al-Baghdadi spoke in Mosul. Al-Baghdadi called on ISIL to fight."
    two = "A video showed Abu Bakr al-Baghdadi. Daesh released it on Friday."
    ids = [
        {e.name: e.id for e in entities.run(Article(text=t), nlp(t)).entities} for t in (one, two)
    ]
    assert ids[0]["Abu Bakr al-Baghdadi"] == ids[1]["Abu Bakr al-Baghdadi"]
    assert ids[0]["ISIS"] == ids[1]["ISIS"] == "organization:isis"


@pytest.mark.slow
def test_non_english_text_passes(nlp) -> None:  # type: ignore[no-untyped-def]
    checked = 0
    for text in (
        "Die Bundesregierung in Berlin hat am Montag neue Regeln beschlossen.",
        "Президент России Владимир Путин прибыл в Дагестан.",
        "东京都は月曜日に新しい規則を発表した。",
    ):
        article = entities.run(Article(text=text), nlp(text))
        mentions = [m for ent in article.entities for m in ent.mentions]
        assert all(text[m.start : m.end] == m.text for m in mentions)
        checked += len(mentions)
    assert checked >= 2  # issue 15: Berlin and the Russian names are checked, not nothing


_PIECES = [
    "a",
    "b",
    " ",
    "\n",
    "'",
    "’",
    "(",
    ")",
    "-",
    ".",
    ",",
    "A",
    "Z",
    "ISIS",
    "Kabul",
    "Jane",
    "Ortiz",
    "al-",
    "NATO",
    "THE",
    "Russian",
    "Sahel",
    " and ",
    " (IS) ",
]
_LABELS = ("PERSON", "ORG", "GPE", "NORP", "DATE", "LOC", "EVENT")


@settings(max_examples=80, deadline=None)
@given(
    text=st.lists(st.sampled_from(_PIECES), max_size=40).map("".join),
    cuts=st.lists(
        st.tuples(st.integers(0, 300), st.integers(0, 300), st.sampled_from(_LABELS)), max_size=6
    ),
)
def test_any_text_gives_well_formed_entities(text: str, cuts: list[tuple[int, int, str]]) -> None:
    ents = sorted(
        {(min(a, b) % (len(text) + 1), max(a, b) % (len(text) + 1), lab) for a, b, lab in cuts}
    )
    found = find_entities(text, [(s, e, lab) for s, e, lab in ents if s < e], rerun=lambda copy: [])
    seen: list[tuple[int, int]] = []
    for ent in found:
        assert ent.mentions and (ent.start, ent.end) == (ent.mentions[0].start, ent.mentions[0].end)
        for m in ent.mentions:
            assert text[m.start : m.end] == m.text and m.text and "\n" not in m.text
            seen.append((m.start, m.end))
    seen.sort()
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(seen))


def test_a_surname_that_is_a_month_does_not_tag_dates() -> None:
    text = "Theresa May resigned in May 2019. Officials met in March."
    ents = [*ents_for(text, [("Theresa May", "PERSON")]), (24, 32, "DATE"), (51, 56, "DATE")]
    found = find_entities(text, ents)
    assert [(e.name, len(e.mentions)) for e in found] == [("Theresa May", 1)]


def test_organisation_words_and_lists_of_places() -> None:
    text = "The Central Bank of Ruritania raised rates in Niger and Burkina Faso."
    found = find_entities(text, ents_for(text, [("Niger and Burkina Faso", "ORG")]))
    types = {e.name: e.type for e in found}
    assert types == {
        "Central Bank of Ruritania": "organization",
        "Niger": "place",
        "Burkina Faso": "place",
    }


def test_results_lists_name_people_by_their_country_in_brackets() -> None:
    text = "Women's 800 metres:\n1. Irma Kovalenko ( Russia ) 1:58.2\n2. Tessa Brandt ( Germany )"
    found = find_entities(text, ents_for(text, [("Irma Kovalenko", "ORG")]))
    assert {e.name: e.type for e in found} == {
        "Irma Kovalenko": "person",
        "Tessa Brandt": "person",
        "Russia": "place",
        "Germany": "place",
    }


def test_the_same_text_always_gives_the_same_ids() -> None:
    text = "Jane Ortiz of the World Food Programme (WFP) met Hamas in Gaza."
    ents = ents_for(text, [("Jane Ortiz", "PERSON"), ("World Food Programme", "ORG")])
    first = [(e.id, e.name) for e in find_entities(text, ents)]
    assert first == [(e.id, e.name) for e in find_entities(text, ents)]
    assert ("organization:world-food-programme", "World Food Programme") in first


# Issue 14, item 7: entity types an analyst notices at once. The spaCy labels given by hand
# below are the wrong ones the small English model gives on such sentences.


def types_of(text: str, names: list[tuple[str, str]]) -> dict[str, str]:
    return {e.name: e.type for e in find_entities(text, ents_for(text, names))}


def test_issue14_item7_capitals_and_cities_called_groups_or_organisations_are_places() -> None:
    text = (
        "Kigali said on Friday it had no troops in Congo. Kinshasa's government rejected the "
        "claim. Drones hit an oil depot in Belgorod overnight. Raleigh police closed the road."
    )
    labels = [("Kigali", "NORP"), ("Kinshasa", "ORG"), ("Belgorod", "NORP"), ("Raleigh", "ORG")]
    assert types_of(text, [*labels, ("Congo", "GPE")]) == {
        "Kigali": "place",
        "Congo": "place",
        "Kinshasa": "place",
        "Belgorod": "place",
        "Raleigh": "place",
    }


def test_issue14_item7_a_city_stays_a_team_or_a_company_when_its_sentence_says_so() -> None:
    text = (
        "Toyota said its sales rose by a tenth.\n"
        "Raleigh won the league title on Sunday.\n"
        "Lagos accused the governor of lying."
    )
    labels = [("Toyota", "ORG"), ("Raleigh", "ORG"), ("Lagos", "PERSON")]
    assert types_of(text, labels) == {
        "Toyota": "organization",
        "Raleigh": "organization",
        "Lagos": "place",
    }


def test_issue14_item7_well_known_places_come_from_the_gazetteer() -> None:
    from newsgraph.nlp.entities._types import well_known_place

    assert all(map(well_known_place, ["Kigali", "Kinshasa", "Belgorod", "Raleigh", "Rwanda"]))
    assert not any(map(well_known_place, ["Help", "M23", "Share", "Nusrat"]))


def test_issue14_item7_armed_groups_are_organisations_not_places_or_persons() -> None:
    text = (
        "M23 rebels seized Rubaya on Tuesday. The M23 said it had withdrawn.\n"
        "Jama'at Nusrat al-Islam wal-Muslimin claimed the attack near Djibo.\n"
        "Hay'at Tahrir al-Sham fighters entered the city.\n"
        "The Izz ad-Din al-Qassam Brigades fired rockets, and Lashkar-e-Taiba denied a role.\n"
        "The FRPI fighters and the militia UPCX clashed in Ituri."
    )
    labels = [
        ("M23", "GPE"),
        ("Rubaya", "GPE"),
        ("Jama'at Nusrat al-Islam", "PERSON"),
        ("Hay'at Tahrir al-Sham", "PERSON"),
        ("UPCX", "GPE"),
        ("Ituri", "GPE"),
    ]
    found = find_entities(text, ents_for(text, labels))
    types = {e.name: e.type for e in found}
    assert types == {
        "M23": "organization",
        "Rubaya": "place",
        "Jama'at Nusrat al-Islam wal-Muslimin": "organization",
        "Hayat Tahrir al-Sham": "organization",  # the curated name of the group
        "Izz ad-Din al-Qassam Brigades": "organization",
        "Lashkar-e-Taiba": "organization",
        "FRPI": "organization",
        "UPCX": "organization",
        "Ituri": "place",
    }
    assert len(by_name(found, "M23").mentions) == 2


def test_issue14_item7_code_names_without_a_group_word_are_left_alone() -> None:
    text = "Two F-16 fighter jets and a B-52 flew over the G20 summit in Rome."
    found = find_entities(text, ents_for(text, [("Rome", "GPE")]))
    assert {e.name: e.type for e in found} == {"Rome": "place"}
    text = "F-16 fighters jets escorted the plane."
    assert find_entities(text, ents_for(text, [("F-16", "PRODUCT")]))[0].type == "other"


def test_issue14_item7_abbreviated_streets_are_places_not_persons() -> None:
    text = (
        "Police closed N. Milwaukee Ave. after the shooting.\n"
        "A fire broke out on S. Main St. overnight.\n"
        "The shop at 1200 W. Belmont was robbed.\n"
        "E. Jones said the plan would work."
    )
    labels = [("N. Milwaukee Ave", "PERSON"), ("S. Main St.", "ORG")]
    assert types_of(text, labels) == {
        "N. Milwaukee Ave": "place",
        "S. Main St.": "place",
        "W. Belmont": "place",
        "E. Jones": "person",
    }


def test_issue14_item7_a_common_word_at_a_sentence_start_is_no_name() -> None:
    text = "Help\nContact\nThe storm cut power to homes. Share this story."
    labels = [("Help", "GPE"), ("Contact", "ORG"), ("Share", "PERSON")]
    assert find_entities(text, ents_for(text, labels)) == []
    text = "Help arrived in Kigali. Kigali said it needed more."
    assert types_of(text, [("Help", "GPE"), ("Kigali", "GPE")]) == {"Kigali": "place"}
    text = "World leaders met. World Bank officials said they would help."
    assert types_of(text, [("World", "ORG"), ("World Bank", "ORG")]) == {
        "World Bank": "organization"
    }


def test_issue14_item7_negative_controls_keep_their_types() -> None:
    text = (
        "Emmanuel Macron met Olaf Scholz in Berlin.\n"
        "Microsoft said its profit rose.\n"
        "Paris Saint-Germain beat Marseille 3-0 on Sunday.\n"
        "Georgia Power said the outage would end on Friday."
    )
    labels = [
        ("Emmanuel Macron", "PERSON"),
        ("Olaf Scholz", "PERSON"),
        ("Berlin", "GPE"),
        ("Microsoft", "ORG"),
        ("Paris Saint-Germain", "FAC"),
        ("Marseille", "ORG"),
        ("Georgia Power", "ORG"),
    ]
    assert types_of(text, labels) == {
        "Emmanuel Macron": "person",
        "Olaf Scholz": "person",
        "Berlin": "place",
        "Microsoft": "organization",
        "Paris Saint-Germain": "organization",
        "Marseille": "organization",
        "Georgia Power": "organization",
    }


@pytest.mark.slow
def test_issue14_item7_types_with_the_model(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "M23 rebels seized the town of Rubaya on Tuesday, a local official said.\n"
        "Kinshasa accused Rwanda of backing the rebellion in the east.\n"
        "Jama'at Nusrat al-Islam wal-Muslimin claimed the attack on the army post.\n"
        "Police closed N. Milwaukee Ave. after the shooting on Sunday night.\n"
        "Raleigh police are looking for a man who robbed a bank on Tuesday.\n"
        "Paris Saint-Germain beat Marseille 3-0 on Sunday.\n"
        "Georgia Power said the outage would last until Friday."
    )
    doc = nlp(text)
    article = entities.run(Article(text=text), doc)
    types = {e.name: e.type for e in article.entities}
    assert types["M23"] == "organization"
    assert types["Kinshasa"] == "place"
    assert types["Jama'at Nusrat al-Islam wal-Muslimin"] == "organization"
    assert types["N. Milwaukee Ave"] == "place"
    assert types["Raleigh"] == "place"
    assert types["Paris Saint-Germain"] == "organization"
    assert types["Georgia Power"] == "organization"


def test_issue14_item7_group_words_courts_and_possessives_do_not_overreach() -> None:
    text = (
        "The group CEO said the LGBT movement had grown.\n"
        "The Supreme Court ruled on Monday.\n"
        "Jabhat al-Nusra's Abu Saleh spoke."
    )
    labels = [("Supreme Court", "ORG"), ("Abu Saleh", "PERSON")]
    assert types_of(text, labels) == {
        "Supreme Court": "organization",
        "Nusra Front": "organization",  # "Jabhat al-Nusra", by its curated name
        "Abu Saleh": "person",
    }


# Issue 14, items 6 and 7: towns the model calls persons (or organisations) are places when the
# gazetteer knows them and the text uses them as places; persons keep their type.


def test_issue14_item7_towns_called_persons_become_places_from_their_context() -> None:
    text = (
        "Israeli strikes hit Khan Younis and Rafah in southern Gaza on Tuesday, health "
        "officials said. Residents of Deir al-Balah fled north."
    )
    labels = [
        ("Khan Younis", "PERSON"),
        ("Rafah", "PERSON"),
        ("Gaza", "GPE"),
        ("Deir al-Balah", "GPE"),
    ]
    assert types_of(text, labels) == {
        "Khan Younis": "place",
        "Rafah": "place",
        "Gaza": "place",
        "Deir al-Balah": "place",
    }


@pytest.mark.parametrize(
    ("text", "labels", "name"),
    [
        # a locative, with a kind of settlement and any population (Huwara: 5,570)
        ("Settlers attacked the town of Huwara overnight.", [("Huwara", "PERSON")], "Huwara"),
        ("Shells fell in eastern Kupiansk on Sunday.", [("Kupiansk", "ORG")], "Kupiansk"),
        # a list with a place of the same country
        (
            "Tornadoes struck Mayfield and Dawson Springs in western Kentucky.",
            [("Mayfield", "PERSON"), ("Dawson Springs", "GPE"), ("Kentucky", "GPE")],
            "Mayfield",
        ),
        # a list of two countries
        (
            "Jordan and Lebanon closed their borders on Monday.",
            [("Jordan", "PERSON"), ("Lebanon", "GPE")],
            "Jordan",
        ),
        # ", <region>" holding the town
        (
            "The river flooded Lismore, New South Wales, on Friday.",
            [("Lismore", "PERSON"), ("New South Wales", "GPE")],
            "Lismore",
        ),
        # a weak cue ("to") is enough for a sizeable town
        (
            "The minister flew to Kramatorsk on Friday.",
            [("Kramatorsk", "PERSON")],
            "Kramatorsk",
        ),
        # the speaker of "said he" is "officials", not the town after "in"
        (
            "Officials in Rafah said he was killed in a strike.",
            [("Rafah", "PERSON")],
            "Rafah",
        ),
        # "to" after a verb of movement, whatever the population and the sentence
        ("Shop owners fled to Huwara after the sale.", [("Huwara", "PERSON")], "Huwara"),
        # "Rafah said" decides nothing: the locative elsewhere does
        (
            "Aid trucks rolled into Rafah on Monday. Rafah said the crossing would stay open.",
            [("Rafah", "PERSON")],
            "Rafah",
        ),
    ],
)
def test_issue14_item7_place_cues_make_a_known_town_a_place(
    text: str, labels: list[tuple[str, str]], name: str
) -> None:
    assert types_of(text, labels)[name] == "place"


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Paris Hilton arrived in London on Monday.", [("Paris Hilton", "PERSON")]),
        ("Georgia Smith, 34, of Atlanta, was charged.", [("Georgia Smith", "PERSON")]),
        ("Austin Harris scored twice.", [("Austin Harris", "PERSON")]),
        ("Florence Pugh starred in the film.", [("Florence Pugh", "PERSON")]),
        ("Sydney Sweeney said she was in Rome.", [("Sydney Sweeney", "PERSON")]),
        # no place cue: the model's type stays
        ("Rafah said the crossing would stay open.", [("Rafah", "PERSON")]),
        # a title before the name ("Warren in Michigan" would otherwise be the city)
        (
            "Voters cheered Senator Warren in Michigan on Saturday.",
            [("Warren", "PERSON"), ("Michigan", "GPE")],
        ),
        # "who" after the name
        ("The prize went to Lincoln, who was in tears.", [("Lincoln", "PERSON")]),
        # a speech verb with "he", in another mention
        (
            "Fans cheered as the cup was handed to Lincoln. Lincoln said he was proud.",
            [("Lincoln", "PERSON")],
        ),
        # a personal possessive, in another mention
        ("Flowers were sent to Lincoln. Lincoln's wife thanked the fans.", [("Lincoln", "PERSON")]),
        # a given name and a surname (Pedro Betancourt is also a town in Cuba)
        ("The only goal came from Pedro Betancourt.", [("Pedro Betancourt", "PERSON")]),
        # a list of persons; a weak cue before a small town's name
        (
            "Goals from Harris and Austin sealed the win.",
            [("Harris", "PERSON"), ("Austin", "PERSON")],
        ),
        # a weak cue in a sentence of sport
        ("The winning goal came from Lincoln.", [("Lincoln", "PERSON")]),
        # a possessive after the locative: the office is the place
        ("Reporters waited in Warren's office.", [("Warren", "PERSON")]),
    ],
)
def test_issue14_item7_persons_stay_persons_beside_place_words(
    text: str, labels: list[tuple[str, str]]
) -> None:
    found = types_of(text, labels)
    assert {n: found[n] for n, label in labels if label == "PERSON"} == {
        n: "person" for n, label in labels if label == "PERSON"
    }


def test_issue14_item7_a_town_named_as_a_club_stays_an_organisation() -> None:
    text = (
        "The striker joined Lazio from Kupiansk in a summer deal. His coach at Kupiansk "
        "praised him."
    )
    assert types_of(text, [("Kupiansk", "ORG"), ("Lazio", "ORG")])["Kupiansk"] == "organization"


def test_issue14_item7_place_hints_come_from_the_gazetteer() -> None:
    from newsgraph.nlp.entities._located import gazetteer_hints

    assert {h.country for h in gazetteer_hints("Rafah")} >= {"PS"}
    assert {h.country for h in gazetteer_hints("Khan Younis")} == {"PS"}
    assert gazetteer_hints("Sweeney") == ()


@pytest.mark.slow
def test_issue14_item7_towns_called_persons_are_geocoded_with_the_model(nlp) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.nlp import places

    text = (
        "Israeli strikes hit Khan Younis and Rafah in southern Gaza on Tuesday, health "
        "officials said. Residents of Deir al-Balah fled north."
    )
    doc = nlp(text)
    article = entities.run(Article(text=text), doc)
    types = {e.name: e.type for e in article.entities}
    assert types["Khan Younis"] == "place"
    assert types["Rafah"] == "place"
    article = places.run(article, doc)
    found = {m.text: p.country_code for p in article.places for m in p.mentions}
    assert found["Khan Younis"] == "PS"
    assert found["Rafah"] == "PS"
    assert found["Deir al-Balah"] == "PS"


# The whole-text scans take their first letter before the look-behind (`_spans.CAP_WORD`): the
# same matches as the plain form with the look-behind first, which these reference forms keep.
_PLAIN_FORMS = [
    (_spans.CAP_WORD, r"(?<![\w'’.-])[A-Z][a-z]+(?![\w'’-])"),
    (_orgs._CAP_START, r"(?<![\w'’.&-])[A-Z][\w&'’.-]*"),
    (_names._CAP_TOKEN, r"(?<!\S)[A-Z]\S*"),
    (_names._INITIAL_NAME, r"(?<![\w.'’-])[A-Z]\.[ \t]?(?:[A-Z]['’])?[A-Z][a-z][\w'’-]*"),
    (
        _types._CODE_NAME,
        r"(?<![\w'’.-])(?:[A-Z]{1,3}-?\d{1,3}|[A-Z]{3,6}(?:-[A-Z]{1,2})?)(?![\w'’]|-\d|\.\w)",
    ),
    (
        _teams._THE_PLURAL,
        r"(?<![\w'’-])the[ \t]+([A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?s)(?![\w'’-])",
    ),
]


@settings(max_examples=300, deadline=None)
@example("'the Lions and -the Bears’ the Owls", 1)
@example("O'Neil met al-Bakr, x.Smith and J. Doe; .M23, FDLR-N, M-19 and aBBA", 3)
@given(
    st.text(alphabet="AaBbMZthes .-'’&\t\n19()", max_size=40),
    st.integers(min_value=0, max_value=40),
)
def test_fast_scans_match_their_plain_forms(text: str, pos: int) -> None:
    for fast, plain in _PLAIN_FORMS:
        slow = re.compile(plain)
        for start in (0, min(pos, len(text))):  # a look-behind also reads before `pos`
            got = [(m.span(), m.groups()) for m in fast.finditer(text, start)]
            assert got == [(m.span(), m.groups()) for m in slow.finditer(text, start)]


@pytest.mark.parametrize(
    "name",
    ["Moody's", "Reuters’", "Wales", "Smith's.", "Acme,", "X's\n", "'s", "Lee)", "O'Neil"],
)
def test_bare_matches_the_plain_trim(name: str) -> None:
    plain = _spans.TRAILING_POSS.sub("", name.rstrip(_spans.EDGE_PUNCT + "."))
    assert _spans.bare(name) == plain


def test_a_club_word_makes_a_scored_name_a_team_despite_a_given_name() -> None:
    # Issue 17: "County", "Athletic", "Real", "Borussia" open or close club names the world
    # over; in a results line the name is the club even when a word of it is a given name
    # (our own lines).
    text = "Brora 3 Hugh County 1\nReal Marta 2 Nadia Athletic 2\n"
    ents = ents_for(text, [("Hugh County", "PERSON"), ("Real Marta", "PERSON")])
    ents += ents_for(text, [("Nadia Athletic", "PERSON")])
    types = {e.name: e.type for e in find_entities(text, ents)}
    for team in ("Hugh County", "Real Marta", "Nadia Athletic"):
        assert types[team] == "organization", team
