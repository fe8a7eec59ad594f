"""One sense per document for teams; newspapers by name and by a press digest's layout;
facilities as places; two-letter teams in standings. Every sentence here is our own.

The stage is fed hand-made spaCy entities (start, end, label), so no model is loaded."""

from __future__ import annotations

from newsgraph.nlp.entities import find_entities
from newsgraph.nlp.entities._lexicon import lexicon
from newsgraph.nlp.entities._press import digest_papers
from newsgraph.nlp.entities._scorelines import scored_names
from newsgraph.nlp.entities._spans import Span
from newsgraph.rules import read_table


def types_at(text: str, labelled: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(mention, type) of every mention, given spaCy-like labels for each name's occurrences."""
    ents = []
    for name, label in labelled:
        start = text.find(name)
        while start >= 0:
            ents.append((start, start + len(name), label))
            start = text.find(name, start + 1)
    found = find_entities(text, sorted(ents))
    return sorted((text[m.start : m.end], e.type) for e in found for m in e.mentions)


def test_a_town_shown_to_be_a_side_is_the_team_in_the_other_sentences() -> None:
    # "beat" makes Leeds a side; the other sentences say nothing, so the team reading holds.
    text = (
        "Leeds beat Hull 2-1 on Saturday.\n"
        "The transfer will cost Leeds about $2 million.\n"
        "The fee paid by Leeds was not disclosed."
    )
    got = types_at(text, [("Leeds", "GPE"), ("Hull", "GPE")])
    assert [kind for name, kind in got if name == "Leeds"] == ["organization"] * 3


def test_a_town_without_any_side_stays_a_place() -> None:
    text = (
        "The transfer will cost Leeds about $2 million.\nThe fee paid by Leeds was not disclosed."
    )
    got = types_at(text, [("Leeds", "GPE")])
    assert {kind for name, kind in got if name == "Leeds"} == {"place"}


def test_news_agencies_and_newspapers_by_name_are_organisations() -> None:
    text = "Kommersant said on Monday that the bank had failed, Tanjug reported."
    got = dict(types_at(text, [("Kommersant", "GPE"), ("Tanjug", "PERSON")]))
    assert got["Kommersant"] == "organization"
    assert got["Tanjug"] == "organization"


def test_a_publication_word_of_another_language_ends_a_newspaper_name() -> None:
    text = "The Kobe Shimbun reported the plan on Tuesday."
    got = dict(types_at(text, [("Kobe Shimbun", "GPE")]))  # the model took it for a place
    assert got.get("Kobe Shimbun") == "organization"


def test_the_publications_table_says_what_each_name_is() -> None:
    rows = read_table("entities/publications.tsv", ("name", "kind", "country"))
    assert len(rows) >= 50
    assert {row["kind"] for row in rows} == {"news agency", "newspaper"}
    places = lexicon().places
    assert all(row["country"] in places for row in rows), "the country column names a country"


DIGEST = (
    "PRESS DIGEST - Nordland newspapers - May 4 .\n"
    "Following is a summary of stories in leading Nordland newspapers .\n"
    "- - - -\n"
    "Morgenbladet\n"
    "The government will present its budget on Tuesday .\n"
    "- - - -\n"
    "Norway\n"
    "Dagsposten Nord\n"
    "Fishermen in the north protested against new quotas .\n"
)


def test_a_press_digest_names_its_newspapers_on_lines_of_their_own() -> None:
    spans = [Span(DIGEST.index("Norway"), DIGEST.index("Norway") + 6, "place")]
    out = digest_papers(DIGEST, spans, lexicon())
    got = {DIGEST[sp.start : sp.end]: sp.type for sp in out}
    assert got["Morgenbladet"] == "organization"
    assert got["Dagsposten Nord"] == "organization"
    assert got["Norway"] == "place"  # a country heading groups papers; it is none


def test_a_name_alone_on_a_line_elsewhere_is_no_newspaper() -> None:
    text = DIGEST.replace("PRESS DIGEST", "BUDGET NEWS")
    assert digest_papers(text, [], lexicon()) == []


def test_a_home_side_printed_in_capitals_is_a_team() -> None:
    # Results lines print the home side in capitals ("home team in CAPS"): both are teams.
    line = "Eastvale 3 NORTHPORT CITY 2"
    assert [line[a:b] for a, b in scored_names(line)] == ["Eastvale", "NORTHPORT CITY"]


def test_a_standings_row_opens_with_its_team_even_of_two_letters() -> None:
    assert scored_names("EV 46 5 59 .441 17") == [(0, 2)]
    assert scored_names("NP 61 2 47 .565 -") == [(0, 2)]
    assert scored_names("Nova X5 12 13 14") == []  # a digit in the name: a product model


def test_a_flag_carrier_is_an_organisation() -> None:
    text = "An El Al cargo jet landed in Amsterdam after the crew reported a fault."
    got = dict(types_at(text, [("El Al", "GPE"), ("Amsterdam", "GPE")]))
    assert got["El Al"] == "organization"
    assert got["Amsterdam"] == "place"


def test_a_name_ending_in_a_facility_word_is_a_place() -> None:
    text = "Fans filled the Harbour Arena while Varden Group staff waited at Eastvale Airport."
    labelled = [("Harbour Arena", "ORG"), ("Varden Group", "ORG"), ("Eastvale Airport", "ORG")]
    got = dict(types_at(text, labelled))
    assert got["Harbour Arena"] == "place"
    assert got["Eastvale Airport"] == "place"
    assert got["Varden Group"] == "organization"  # an organisation word stays one
