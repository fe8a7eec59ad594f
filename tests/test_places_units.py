"""The places stage's rules for units, states and datelines. Every sentence is written for these
tests."""

from __future__ import annotations

import re

from newsgraph.model import Place
from newsgraph.nlp.gazetteer import load_gazetteer
from newsgraph.nlp.places import _datelines, _unit_names, resolve_spans


def _resolve(text: str, names: list[str]) -> list[Place | None]:
    """Resolve each name at its next occurrence after the previous one."""
    spans, pos = [], 0
    for name in names:
        m = re.compile(rf"\b{re.escape(name)}(?!\w)").search(text, pos)
        assert m is not None, name
        spans.append((m.start(), m.end()))
        pos = m.end()
    return resolve_spans(text, spans)


def _where(place: Place | None) -> tuple[str | None, str | None, str | None]:
    assert place is not None
    return place.country_code, place.admin1, place.kind


def test_a_unit_word_makes_a_name_a_place_whatever_label_it_got() -> None:
    # The capitalised unit word is part of the name ("Caddo Parish"); a lowercase one follows
    # a region's name ("the Afar region"). The entities stage may call either a group.
    text = "Crews from Caddo Parish flew to the Afar region, then to Henry County."
    found = [text[s:e] for s, e in _unit_names(load_gazetteer(), text)]
    assert found == ["Caddo Parish", "Afar", "Henry County"]


def test_a_unit_word_after_an_unknown_name_adds_nothing() -> None:
    text = "The Frobnitz region and the Quux County fair drew crowds."
    assert _unit_names(load_gazetteer(), text) == ()


def test_the_word_state_names_the_state_not_its_namesake_city() -> None:
    # A federal state is large and its namesake city often far from its middle.
    (place,) = _resolve("Dengue deaths rose across Sao Paulo state this month.", ["Sao Paulo"])
    assert _where(place) == ("BR", "Sao Paulo", "admin1")


def test_a_state_around_its_namesake_city_keeps_the_city() -> None:
    # Where the state lies around the city ("Lagos State"), the city's point stands for both.
    (place,) = _resolve("The Lagos State governor opened a clinic.", ["Lagos"])
    assert _where(place) == ("NG", "Lagos", "city")


def test_a_province_named_after_its_capital_stays_the_capital() -> None:
    (place,) = _resolve("Bird flu reached a farm in Kagoshima prefecture.", ["Kagoshima"])
    assert _where(place)[2] == "city"


def test_a_country_after_a_unit_word_is_the_units_even_before_a_list_goes_on() -> None:
    text = "Cases climbed in Amazonas state, Brazil, and in Loreto, Peru."
    amazonas, _, _, _ = _resolve(text, ["Amazonas", "Brazil", "Loreto", "Peru"])
    assert _where(amazonas) == ("BR", "Amazonas", "admin1")


def test_a_name_listed_with_a_state_is_a_state() -> None:
    # A list names places of one kind: Sao Paulo beside Minas Gerais is the state.
    text = "Paraná, Minas Gerais and Sao Paulo reported most of the new cases."
    *_, sao_paulo = _resolve(text, ["Paraná", "Minas Gerais", "Sao Paulo"])
    assert _where(sao_paulo) == ("BR", "Sao Paulo", "admin1")
    _, washington = _resolve(
        "Smoke from Oregon and Washington reached Idaho.", ["Oregon", "Washington"]
    )
    assert _where(washington) == ("US", "Washington", "admin1")


def test_towns_of_a_state_named_outright_are_close_to_each_other() -> None:
    # The larger Paris and Clarksville of Tennessee lie close together too; the state named
    # outright makes the Texas pair the one meant.
    text = "Texas officials said the grass fire began near Paris and spread toward Clarksville."
    _, paris, clarksville = _resolve(text, ["Texas", "Paris", "Clarksville"])
    assert _where(paris) == ("US", "Texas", "city")
    assert _where(clarksville) == ("US", "Texas", "city")


def test_a_town_placed_by_its_state_beside_it_lends_no_other_sense() -> None:
    # "Columbus, Ohio" is in Ohio alone: its namesake in Mississippi is no town near Tupelo.
    text = "Mississippi fans drove from Tupelo to Columbus, Ohio, for the final."
    _, tupelo, columbus = _resolve(text, ["Mississippi", "Tupelo", "Columbus"])
    assert _where(tupelo) == ("US", "Mississippi", "city")
    assert _where(columbus) == ("US", "Ohio", "city")


def test_datelines_in_capitals_are_places() -> None:
    gaz = load_gazetteer()
    text = (
        "TULSA, Okla. (AP) — A storm hit.\n\nMEMPHIS (Reuters) - Rain fell. Then more. "
        "LIMA, Peru – Protests grew. NAIROBI: Talks ended."
    )
    assert [text[s:e] for s, e in _datelines(gaz, text)] == ["TULSA", "MEMPHIS", "LIMA", "NAIROBI"]


def test_a_heading_before_a_colon_is_no_dateline() -> None:
    # A colon alone also ends a column's heading; only a large place is read as a dateline.
    assert _datelines(load_gazetteer(), "POLL: Readers want a new park.") == ()
