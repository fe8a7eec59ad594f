"""Rules for the register of modern news (conflict, politics, business), written from the
tuning half of `tests/data/ner_blind.tsv`: acronyms in brackets, possessives of listed
organisations, accented given names, role words before a name, camel-case brands, a city after
"in" in a business sentence, and lexicon rows. Every sentence here is our own.

The stage is fed hand-made spaCy entities (start, end, label), so no model is loaded."""

from __future__ import annotations

import pytest

from newsgraph.nlp.entities import find_entities


def ents_of(text: str, labelled: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """spaCy-like entities for the first occurrence of each (name, label)."""
    out = []
    for name, label in labelled:
        start = text.index(name)
        out.append((start, start + len(name), label))
    return out


def types_of(text: str, labelled: list[tuple[str, str]] = []) -> dict[str, str]:  # noqa: B006
    """Entity type by each mention's text."""
    return {
        text[m.start : m.end]: e.type
        for e in find_entities(text, ents_of(text, labelled))
        for m in e.mentions
    }


def test_an_acronym_keeps_a_short_name_whole_inside_it() -> None:
    text = "The UN Relief Mission in Somalia (UNRMS) said roads were cut near the coast."
    found = types_of(text, [("UN Relief Mission", "ORG"), ("Somalia", "GPE"), ("UNRMS", "GPE")])
    assert found == {"UN Relief Mission in Somalia": "organization", "UNRMS": "organization"}


def test_a_tight_acronym_after_an_organisation_is_that_organisation() -> None:
    text = "Talks with the Popular Defence Front (FPD) resumed. The FPD denied the claim."
    [group] = find_entities(text, ents_of(text, [("the Popular Defence Front", "ORG")]))
    assert group.type == "organization"
    assert [m.text for m in group.mentions] == ["Popular Defence Front", "FPD", "FPD"]


def test_a_tight_acronym_after_a_place_is_not_the_place() -> None:
    text = "TALLINN, Estonia (AP) — Officials in Tallinn met on Monday."
    found = types_of(text, [("Estonia", "GPE"), ("Tallinn", "GPE")])
    assert found.get("AP") != "place"
    assert found["Estonia"] == "place"


def test_a_listed_organisations_possessive_is_not_part_of_its_name() -> None:
    text = "Workers at Samsung Electronics walked out. Samsung's plants kept running."
    found = types_of(text, [("Samsung Electronics", "ORG")])
    assert found.get("Samsung") == "organization"
    assert "Samsung's" not in found


def test_an_accented_given_name_makes_a_person() -> None:
    text = "Opposition figure María Delgado Ruiz said the count was false."
    found = types_of(text, [("María Delgado Ruiz", "ORG")])
    assert found == {"María Delgado Ruiz": "person"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The bill was backed by opposition leader Tarek Venn on Friday.", "Tarek Venn"),
        ("The club said fast bowler Virendra Kumbhar would rest.", "Virendra Kumbhar"),
        ("Rovers guard Jalen Okafor fouled out late.", "Jalen Okafor"),
    ],
)
def test_a_name_after_a_role_word_is_a_person(text: str, name: str) -> None:
    assert types_of(text, [(name, "ORG")])[name] == "person"


def test_a_role_word_before_a_place_or_organisation_leaves_it() -> None:
    text = "The party's chief executive Volta Holdings Ltd said no. The envoy South Africa sent."
    found = types_of(text, [("Volta Holdings Ltd", "ORG"), ("South Africa", "GPE")])
    assert found["Volta Holdings Ltd"] == "organization"
    assert found["South Africa"] == "place"


def test_a_camel_case_word_read_as_a_person_is_a_brand() -> None:
    text = "BrightPath launched a satellite. Senator McCartney praised it."
    found = types_of(text, [("BrightPath", "PERSON"), ("McCartney", "PERSON")])
    assert found == {"BrightPath": "organization", "McCartney": "person"}


def test_a_city_after_in_is_a_place_in_a_business_sentence() -> None:
    text = "The drugmaker's shares fell 6 percent in Oslo on Tuesday."
    assert types_of(text, [("Oslo", "ORG")]) == {"Oslo": "place"}


@pytest.mark.parametrize(
    ("text", "name", "label", "kind"),
    [
        ("Fano fighters entered the town at dawn.", "Fano", "PERSON", "organization"),
        ("Members of the Proud Boys marched downtown.", "Proud Boys", "", "organization"),
        ("Eli Lilly raised its forecast for the year.", "Eli Lilly", "PERSON", "organization"),
        ("Anglo American sold two mines in Chile.", "Anglo American", "NORP", "organization"),
        ("The Arizona Republic reported the arrest.", "Arizona Republic", "GPE", "organization"),
        ("Troops fought the Gulf Cartel near the border.", "Gulf Cartel", "", "organization"),
    ],
)
def test_lexicon_rows_of_modern_news(text: str, name: str, label: str, kind: str) -> None:
    labelled = [(name, label)] if label else []
    assert types_of(text, labelled).get(name) == kind
