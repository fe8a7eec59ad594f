"""Organisations from general knowledge (issue 17, section 2): the CAMEO actor dictionaries,
words for kinds of organisation in apposition, acronyms before their expansion, short forms of
companies, and sports teams named by their shapes. Every sentence here is our own.

The stage is fed hand-made spaCy entities (start, end, label), so no model is loaded."""

from __future__ import annotations

import re

import pytest

from newsgraph.nlp.entities import find_entities
from newsgraph.nlp.entities._lexicon import lexicon
from newsgraph.nlp.entities._orgs import _is_org_row, org_key, org_keys
from newsgraph.nlp.entities._spans import Span
from newsgraph.nlp.entities._teams import club_names


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


def test_org_key_normalises_as_the_actor_tables_do() -> None:
    assert org_key("the U.N.-backed Council's") == "un backed council"
    assert org_key("Der  Spiegel") == "der spiegel"


@pytest.mark.parametrize(
    ("name", "code", "is_org"),
    [
        ("rabobank", "MNCNLD", True),  # a multinational
        ("der spiegel", "MED", True),  # media
        ("department of defense", "USAMIL", True),  # a state institution with an org head
        ("american vice president", "USAGOV", False),  # an office, no organisation word
        ("a k antony", "INDGOVMIL>20061101", False),  # dated: an office holder
        ("chad", "TCD", False),  # a plain country code
        ("mr assad", "SYRGOV", False),  # a title: a person
    ],
)
def test_actor_rows_that_name_organisations(name: str, code: str, is_org: bool) -> None:
    heads = frozenset(w.lower() for w in lexicon().org_suffixes)
    assert _is_org_row(name, code, heads, lexicon().given_names) is is_org


def test_the_shipped_actor_table_gives_organisations_but_no_countries() -> None:
    keys, starts = org_keys(lexicon())
    assert "rabobank" in keys and "moro national liberation front" in keys
    assert "france" not in keys
    assert starts["moro"] >= 4


def test_dictionary_organisations_are_found_and_retyped() -> None:
    text = "Shares of Rabobank rose on Monday, and Der Spiegel said the bank had hired advisers."
    got = types_of(text, [("Der Spiegel", "PERSON")])
    assert got["Rabobank"] == "organization"  # spaCy missed it
    assert got["Der Spiegel"] == "organization"  # spaCy called it a person


def test_a_word_for_a_kind_of_organisation_beside_a_name() -> None:
    text = (
        "The news agency Vestrapress reported the talks on Monday.\n"
        "Workers of the KPLM union walked out at the plant."
    )
    got = types_of(text, [("KPLM", "GPE")])
    assert got["Vestrapress"] == "organization"
    assert got["KPLM"] == "organization"


def test_kind_words_leave_offices_and_adjectives_alone() -> None:
    text = "The group CEO said the ruling Moslem party would meet."
    got = types_of(text, [("Moslem", "NORP")])
    assert "CEO" not in got
    assert got["Moslem"] != "organization"


def test_an_acronym_before_its_expansion_is_one_organisation() -> None:
    text = "The NBPC (National Board of Port Control) met on Monday. The NBPC said fees rise."
    entities = find_entities(text, [])
    board = next(e for e in entities if e.name in ("NBPC", "National Board of Port Control"))
    assert board.type == "organization"
    assert {m.start for m in board.mentions} >= {text.index("NBPC"), text.index("National")}


def test_a_company_named_in_full_is_its_short_form_elsewhere() -> None:
    text = "Halden Tools Inc said on Monday it would cut jobs. Halden shares fell 3 percent."
    got = types_of(text, [("Halden Tools Inc", "ORG"), ("Halden", "PERSON")])
    assert got["Halden Tools Inc"] == "organization"
    assert got["Halden"] == "organization"


def test_teams_named_by_town_and_nickname_in_sports_prose() -> None:
    text = (
        "The Denver Foxes beat the Herons 3-1 on Saturday.\n"
        "Denver won for the third time this season.\n"
        "Fans gathered in Denver after the game."
    )
    got = types_of(text, [("Denver", "GPE"), ("Herons", "PERSON")])
    assert got["Denver Foxes"] == "organization"
    assert got["Herons"] == "organization"


def test_the_bare_town_is_the_team_only_as_a_side_in_the_game() -> None:
    text = (
        "The Denver Foxes beat Omaha 3-1 on Saturday.\n"
        "Denver won for the third time this season.\n"
        "Fans gathered in Denver after the match."
    )
    towns = [Span(m.start(), m.end(), "place") for m in re.finditer("Denver", text)]
    out = club_names(text, towns, lexicon(), lambda name: name in ("Denver", "Omaha"))
    kinds = {(sp.start, sp.end): sp.type for sp in out}
    team = text.index("Denver Foxes")
    assert kinds[(team, team + len("Denver Foxes"))] == "organization"
    won = text.index("Denver won")
    assert kinds[(won, won + 6)] == "organization"  # a side in the game
    setting = text.index("Denver after")
    assert kinds[(setting, setting + 6)] == "place"  # the setting


def test_town_shapes_that_are_places_or_events_stay_so() -> None:
    text = "She finished fourth at the Atlanta Games and won in Kansas City last season."
    got = types_of(text, [("Kansas City", "GPE"), ("Atlanta", "GPE")])
    assert got.get("Atlanta Games") != "organization"
    assert got["Kansas City"] == "place"


def test_standings_with_a_winning_percentage_are_teams() -> None:
    text = "Eastern division\nW L PCT GB\nDenver 74 59 .556 -\nOmaha 70 63 .526 4\n"
    got = types_of(text, [("Denver", "GPE"), ("Omaha", "GPE")])
    assert got["Denver"] == "organization"
    assert got["Omaha"] == "organization"


def test_names_called_persons_in_results_lines_are_teams() -> None:
    # Soccer and cricket results where the model wrote a town or county as a person.
    text = (
        "Results on Saturday:\nEastford 1 Westbury 0\nMarlow 2 Chesham 2\n"
        "At Ashby : Wessex 214 ( T. Lowe 84 ; R. Crane 4-55 ) , Mercia 108-3 .\n"
    )
    labelled = [
        ("Eastford", "PERSON"),
        ("Westbury", "GPE"),
        ("Marlow", "PERSON"),
        ("Chesham", "GPE"),
        ("Wessex", "GPE"),
        ("T. Lowe", "PERSON"),
        ("R. Crane", "PERSON"),
        ("Mercia", "PERSON"),
    ]
    got = types_of(text, labelled)
    for team in ("Eastford", "Westbury", "Marlow", "Chesham", "Wessex", "Mercia"):
        assert got[team] == "organization", team
    assert got["T. Lowe"] == "person"  # the players in brackets stay persons


def test_players_in_results_lines_stay_persons() -> None:
    # A golf leaderboard: full names with a given name, and a last name already named in full.
    text = (
        "Scores after the second round:\nAnna Berg 69 70\nLisa Holt 71 68\n"
        "Berg leads by one.\nHolt 71 Berg 69\n"
    )
    labelled = [("Anna Berg", "PERSON"), ("Lisa Holt", "PERSON")]
    got = types_of(text, labelled)
    assert got["Anna Berg"] == "person"
    assert got["Lisa Holt"] == "person"
    assert got.get("Holt", "person") == "person"
    assert got.get("Berg", "person") == "person"


def test_scored_people_reads_only_results_lines() -> None:
    from newsgraph.nlp.entities._scorelines import scored_people

    # Prose with a number after a name is no results line: the person stays.
    text = "Aldous 42 said the council would meet again on Tuesday to vote on the plan."
    spans = [Span(0, 6, "person")]
    assert scored_people(text, spans, lexicon()) == spans


def ents_at(text: str, labelled: list[tuple[str, str, int]]) -> list[tuple[int, int, str]]:
    """spaCy-like entities for the nth occurrence (from 0) of each (name, label, n)."""
    out = []
    for name, label, n in labelled:
        starts = [m.start() for m in re.finditer(re.escape(name), text)]
        out.append((starts[n], starts[n] + len(name), label))
    return out


def mention_types(text: str, labelled: list[tuple[str, str, int]]) -> dict[str, str]:
    return {
        text[m.start : m.end]: e.type
        for e in find_entities(text, ents_at(text, labelled))
        for m in e.mentions
    }


def test_sports_time_zones_and_statistics_are_no_organisations() -> None:
    # A section heading names the sport; "GMT" and "RBI" are abbreviations, not bodies.
    text = (
        "GOLF - Berg leads in Eastvale .\n"
        "Play resumed at 0800 GMT on Friday.\n"
        "Holt drove in three RBI as the Herons won.\n"
        "She won the Harbour Cup last year."
    )
    labelled = [("GOLF", "ORG", 0), ("GMT", "ORG", 0), ("RBI", "ORG", 0), ("Harbour Cup", "ORG", 0)]
    got = mention_types(text, labelled)
    assert "GOLF" not in got and "Golf" not in got
    assert "GMT" not in got and "RBI" not in got
    assert got["Harbour Cup"] == "other"  # a competition, not the body that runs it


def test_a_league_is_a_competition_only_in_a_sentence_about_sport() -> None:
    text = "Eastvale won the Coastal League title.\nThe Northern League of ports met in May."
    got = mention_types(text, [("Coastal League", "ORG", 0), ("Northern League", "ORG", 0)])
    assert got["Coastal League"] == "other"
    assert got["Northern League"] == "organization"


def test_a_dateline_names_a_place() -> None:
    from newsgraph.nlp.entities._nonorgs import datelines

    text = "WESTPORT , Ireland 1996-08-30\nWestport beat Northport 2-1 on Friday."
    spans = [Span(0, 8, "organization"), Span(11, 18, "place")]
    out = datelines(text, spans)
    assert [(sp.start, sp.end, sp.type) for sp in out] == [(0, 8, "place"), (11, 18, "place")]
    agency = "HARBOUR CITY (Reuters) - Prices rose."
    assert [(sp.start, sp.end) for sp in datelines(agency, [])] == [(0, 12)]


def test_a_company_noun_after_a_name_makes_it_a_company() -> None:
    text = (
        "Varnex shares fell 4 percent.\nVarnex said sales rose.\nVarnex spokesman Ola Berg agreed."
    )
    labelled = [("Varnex", "PERSON", 0), ("Varnex", "PERSON", 1), ("Varnex", "PERSON", 2)]
    got = mention_types(text, labelled)
    assert got["Varnex"] == "organization"
    assert mention_types("Berg said on Monday.", [("Berg", "PERSON", 0)])["Berg"] == "person"


def test_evidence_in_the_text_outweighs_the_model_at_other_mentions() -> None:
    # "tyre maker" is evidence; spaCy's three person labels are guesses. "Varden Cables" is
    # the company's division, not a person whose first name would make "Varden" a person.
    text = (
        "The tyre maker Varden SpA said on Monday it would build a plant.\n"
        "Varden said the plant would open in May.\n"
        "Varden Cables has sales of $ 3 billion.\n"
        "Analysts said Varden would gain."
    )
    labelled = [
        ("Varden SpA", "PERSON", 0),
        ("Varden", "PERSON", 1),
        ("Varden Cables", "PERSON", 0),
        ("Varden", "PERSON", 3),
    ]
    got = mention_types(text, labelled)
    assert got["Varden"] == "organization"
    assert got["Varden Cables"] == "organization"


def test_a_town_in_the_place_of_a_side_is_the_team() -> None:
    text = "The striker joined Eastvale from Northport for a record fee on Friday."
    labelled = [("Eastvale", "GPE", 0), ("Northport", "GPE", 0)]
    got = mention_types(text, labelled)
    assert got["Eastvale"] == "organization"  # "joined": a side
    assert got["Northport"] == "organization"  # the club he moved from is a side too
    text = "The striker joined Eastvale on Friday, and fans from Northport cheered."
    got = mention_types(text, [("Eastvale", "GPE", 0), ("Northport", "GPE", 0)])
    assert got["Northport"] == "place"  # "from" alone decides nothing
    prose = "Eastvale are top of the league after the win.\nThe mayor of Westport spoke in May."
    got = mention_types(prose, [("Eastvale", "GPE", 0), ("Westport", "GPE", 0)])
    assert got["Eastvale"] == "organization"
    assert got["Westport"] == "place"  # no sport in its sentence


def test_a_country_stays_a_place_as_a_national_side() -> None:
    text = "France beat Norway 2-1 and the coach praised the defence."
    got = mention_types(text, [("France", "GPE", 0), ("Norway", "GPE", 0)])
    assert got["France"] == "place" and got["Norway"] == "place"


def test_a_team_sports_headline_names_the_sides_of_the_result() -> None:
    text = (
        "RUGBY LEAGUE - EASTVALE BEAT NORTHPORT 42-36 IN SEMIFINAL .\n"
        "ATHLETICS - BERG BEATS HOLT IN OSLO .\n"
        "SOCCER - FRANCE BEAT NORWAY 2-1 .\n"
    )
    from newsgraph.nlp.entities._caps import cased_view

    view = cased_view(text, frozenset())
    spans = [Span(view.index("Eastvale Beat"), view.index("Eastvale Beat") + 22, "person")]
    out = _teams_headline(view, spans)
    got = {view[sp.start : sp.end]: sp.type for sp in out}
    # Nothing from the athletics line (persons) or from the national sides (places).
    assert got == {"Eastvale": "organization", "Northport": "organization"}


def _teams_headline(text: str, spans: list[Span]) -> list[Span]:
    from newsgraph.nlp.entities._teams import headline_results

    return headline_results(text, spans, lexicon())


def test_a_desk_of_a_wire_service_is_an_organisation() -> None:
    text = "Prices were steady.\n-- Westport Newsroom +44 20 555 0100"
    got = mention_types(text, [("Westport", "GPE", 0)])
    assert got["Westport Newsroom"] == "organization"
    assert "Westport" not in got


def test_a_demonym_before_a_person_is_cut_off() -> None:
    text = "Norwegian Anna Berg won the final."
    got = mention_types(text, [("Norwegian Anna Berg", "ORG", 0)])
    assert got["Anna Berg"] == "person"
    assert "Norwegian Anna Berg" not in got


# General knowledge of organisations' names (2026-12-07): legal forms, acronyms, possessive
# company names, appositions, document-level acronyms. Every sentence here is our own.


def test_hospitals_and_centres_are_organisations_not_facilities() -> None:
    text = (
        "Staff at Marston General Hospital were evacuated. The Eastvale Research Centre said "
        "the dam was safe, and fans filled the Harbour Arena."
    )
    labelled = [
        ("Marston General Hospital", "ORG", 0),
        ("Eastvale Research Centre", "ORG", 0),
        ("Harbour Arena", "ORG", 0),
    ]
    got = mention_types(text, labelled)
    assert got["Marston General Hospital"] == "organization"
    assert got["Eastvale Research Centre"] == "organization"
    assert got["Harbour Arena"] == "place"  # a venue stays a facility


def test_legal_forms_of_other_countries_close_a_company_name() -> None:
    text = "Sinar Makmur Tbk said its profit rose, while Tanjung Mas Bhd cut its forecast."
    got = mention_types(text, [("Sinar Makmur Tbk", "PERSON", 0), ("Tanjung Mas Bhd", "PERSON", 0)])
    assert got == {"Sinar Makmur Tbk": "organization", "Tanjung Mas Bhd": "organization"}


def test_a_legal_form_before_the_name_is_part_of_the_company() -> None:
    text = "PT Sinar Makmur said sales fell. PJSC Volga Chemicals said it would pay a dividend."
    got = mention_types(text, [("Sinar Makmur", "PERSON", 0), ("Volga", "LOC", 0)])
    assert got["PT Sinar Makmur"] == "organization"
    assert got["PJSC Volga Chemicals"] == "organization"
    assert "Sinar Makmur" not in got and "Volga" not in got


def test_an_acronym_may_keep_dotted_initials_and_a_connector() -> None:
    text = (
        "The U.N. Mission for Stabilisation in Westland (UNMSW) said its staff were safe.\n"
        "Officers of the Interim Force in Westland (IFIW) met on Monday."
    )
    got = mention_types(text, [("Westland", "GPE", 0), ("Westland", "GPE", 1)])
    assert got["U.N. Mission for Stabilisation in Westland"] == "organization"
    assert got["UNMSW"] == "organization"
    assert got["Interim Force in Westland"] == "organization"
    assert got["IFIW"] == "organization"


def test_an_acronym_s_type_comes_from_a_span_over_its_whole_expansion() -> None:
    text = (
        "Forward Westland (FW) won the vote.\n"
        "Troops left the Democratic Republic of Westland (DRW) on Monday."
    )
    labelled = [("Westland", "GPE", 0), ("Democratic Republic of Westland", "GPE", 0)]
    got = mention_types(text, labelled)
    assert got["Forward Westland"] == "organization"  # a place inside says nothing
    assert got["FW"] == "organization"
    assert got["Democratic Republic of Westland"] == "place"  # read whole as a place
    assert got["DRW"] == "place"


def test_a_two_letter_acronym_defined_in_the_text_is_tagged_later() -> None:
    text = "The Coastal Union (CU) sent troops. Later, CU troops left the port."
    found = find_entities(text, ents_of(text, [("Coastal Union", "ORG")]))
    cu = [(m.start, e.type) for e in found for m in e.mentions if text[m.start : m.end] == "CU"]
    assert cu == [(19, "organization"), (43, "organization")]
    undefined = "Later, CU troops left the port."  # no definition: two letters are no name
    assert "CU" not in types_of(undefined)


def test_two_organisations_the_dictionaries_know_are_split() -> None:
    text = "Amnesty International and Human Rights Watch criticised the ruling."
    got = mention_types(text, [("Amnesty International and Human Rights Watch", "ORG", 0)])
    assert got == {"Amnesty International": "organization", "Human Rights Watch": "organization"}


def test_a_company_named_in_the_possessive_keeps_its_s() -> None:
    text = "Moody's cut the rating on Friday, and Moody's analysts expect more cuts."
    got = mention_types(text, [("Moody", "ORG", 0)])
    assert got["Moody's"] == "organization"
    assert "Moody" not in got
    other = "Ruiz's office said the talks had ended."  # an ordinary possessive stays trimmed
    assert mention_types(other, [("Ruiz", "PERSON", 0)]) == {"Ruiz": "person"}


def test_an_apposition_with_a_company_noun_makes_a_company() -> None:
    text = "Halden said it would cut 300 jobs. Halden, the Norwegian shipbuilder, employs 4,000."
    got = mention_types(text, [("Halden", "GPE", 0), ("Halden", "GPE", 1)])
    assert got["Halden"] == "organization"
    for person in (
        "Ali Hassan, a militia commander, was killed.",
        "Ali Hassan, the group's leader, spoke.",
    ):
        assert mention_types(person, [("Ali Hassan", "PERSON", 0)]) == {"Ali Hassan": "person"}


def test_a_company_that_drops_its_trade_word_is_its_short_form() -> None:
    text = "Regulators fined Northwind Airways on Monday. Northwind said it would appeal."
    got = mention_types(text, [("Northwind Airways", "ORG", 0), ("Northwind", "GPE", 0)])
    assert got == {"Northwind Airways": "organization", "Northwind": "organization"}


def test_lower_case_words_before_a_name_are_trimmed() -> None:
    text = "A spokesman for the pro-government KDU party said the vote was fair."
    assert mention_types(text, [("pro-government KDU", "ORG", 0)]) == {"KDU": "organization"}


def test_a_country_the_model_calls_an_event_is_the_country() -> None:
    text = "The bloc suspended Niger after the coup."
    assert mention_types(text, [("Niger", "EVENT", 0)]) == {"Niger": "place"}


def test_a_dateline_casts_no_extra_vote_on_the_town_s_other_mentions() -> None:
    text = (
        "WESTPORT 2026-03-01\nWestport beat Eastvale 2-0 on Saturday.\n"
        "Fans cheered Westport after the game."
    )
    labelled = [("WESTPORT", "GPE", 0), ("Westport", "GPE", 0), ("Westport", "GPE", 1)]
    labelled.append(("Eastvale", "GPE", 0))
    found = find_entities(text, ents_at(text, labelled))
    kinds = {m.start: e.type for e in found for m in e.mentions}
    assert kinds[text.index("Westport beat")] == "organization"  # the side
    assert kinds[text.index("Westport after")] == "organization"  # one sense in the story


def test_the_actor_table_is_built_once_per_lexicon() -> None:
    lex = lexicon()
    assert org_keys(lex) is org_keys(lex)
    assert lex.dirs == lexicon().dirs


def test_a_name_after_a_company_phrase_is_a_company() -> None:
    text = "The Bergen-based Halden cut 300 jobs, and investors sold shares of Norvik."
    got = mention_types(text, [("Halden", "GPE", 0), ("Norvik", "PERSON", 0)])
    assert got["Halden"] == "organization"
    assert got["Norvik"] == "organization"
    person = "The Bergen-based analyst Ola Berg said prices would rise."
    assert mention_types(person, [("Ola Berg", "PERSON", 0)])["Ola Berg"] == "person"


def test_an_office_s_portfolio_is_no_organisation() -> None:
    text = (
        "Education Minister Ana Ruiz met the Secretary of State on Monday. "
        "The Marston Port Authority said ships were waiting."
    )
    labelled = [("Education", "ORG", 0), ("State", "ORG", 0), ("Ana Ruiz", "PERSON", 0)]
    labelled.append(("Marston Port Authority", "ORG", 0))
    got = mention_types(text, labelled)
    assert "Education" not in got and "State" not in got
    assert got["Ana Ruiz"] == "person"
    assert got["Marston Port Authority"] == "organization"


def test_a_market_index_is_no_organisation() -> None:
    # Issue 17: the short names of stock indices are indices ("other"), with their count of
    # shares; before a publication word the same name is the newspaper (our sentences).
    text = "Shares slid as the Dow lost 90 points and the CAC 40 ended flat in thin trade."
    got = types_of(text, [("Dow", "ORG"), ("CAC", "ORG")])
    assert got == {"Dow": "other", "CAC 40": "other"}
    text = "Exports to Asia grew, the Nikkei business daily wrote on Tuesday."
    assert types_of(text, [("Nikkei", "ORG"), ("Asia", "LOC")])["Nikkei"] == "organization"


def test_a_firm_named_by_a_family_of_brothers_is_a_company() -> None:
    # Issue 17: "Brothers" and "Bros" end a firm's name as "Corp" does (our sentence).
    text = "Analysts at Norlund Bros. cut the target, said Ola Berg of Halvard Brothers on Monday."
    got = types_of(
        text, [("Norlund Bros", "PERSON"), ("Halvard Brothers", "PERSON"), ("Ola Berg", "PERSON")]
    )
    assert got["Norlund Bros"] == got["Halvard Brothers"] == "organization"
    assert got["Ola Berg"] == "person"


def test_a_club_word_opening_a_name_makes_a_team() -> None:
    # Issue 17: "Borussia", "Dynamo", "Deportivo" open club names and nothing else; "Real"
    # and "Sporting" do so in a sentence about sport (our sentences).
    text = "Dynamo Harkov 2 Borussia Feldt 0\n"
    got = types_of(text, [("Dynamo Harkov", "PERSON"), ("Borussia", "PERSON")])
    assert got == {"Dynamo Harkov": "organization", "Borussia Feldt": "organization"}
    text = "The striker joined Real Vesta on loan after the league season ended."
    assert types_of(text, [("Real Vesta", "PERSON")]) == {"Real Vesta": "organization"}
    text = "Real Vesta has opened an office in Oslo to sell homes."
    assert types_of(text, [("Oslo", "GPE")]) == {"Oslo": "place"}


def test_a_country_s_red_cross_society_is_one_organisation() -> None:
    # Issue 17: national Red Cross and Red Crescent societies are named by their country or its
    # people (our sentences; the model reads the people apart).
    text = "Blankets were handed out by Norwegian Red Cross volunteers on Sunday."
    assert types_of(text, [("Norwegian", "NORP"), ("Red Cross", "ORG")]) == {
        "Norwegian Red Cross": "organization"
    }
    text = "The Kenya Red Cross Society said two camps were flooded."
    assert types_of(text, [("Kenya", "GPE")]) == {"Kenya Red Cross Society": "organization"}


def test_a_headline_in_capitals_names_what_the_body_names() -> None:
    # Every word of a title-cased headline is capitalised, so the club the body reads as a side
    # is tagged there too, not only where its neighbours are lower case.
    text = "SOCCER - EASTVALE FANS BANNED\nEastvale beat Northport 2-1 on Saturday ."
    ents = [(30, 38, "GPE"), (44, 53, "GPE")]
    assert text[30:38] == "Eastvale" and text[44:53] == "Northport"
    found = {(m.start, e.type) for e in find_entities(text, ents) for m in e.mentions}
    assert (9, "organization") in found  # "EASTVALE" in the headline
    assert (30, "organization") in found


def test_clubs_and_bodies_named_alone_are_organisations() -> None:
    # General knowledge (data/entities/clubs.txt, organizations.txt): clubs and bodies whose
    # name is no place's or person's.
    lex = lexicon()
    for name in ("Juventus", "Feyenoord", "Red Sox", "Bundesbank", "Nasdaq", "UNICEF", "Siemens"):
        assert name in lex.organizations, name
    for place in ("Walsall", "Leeds", "Nice"):
        assert place not in lex.organizations, place


def test_a_month_before_an_organisation_is_no_part_of_its_name() -> None:
    # The month dates the figure ("the August Halden survey"): the body is "Halden Institute".
    text = "The August Halden Institute survey rose 3 points ."
    assert types_of(text, [("August Halden Institute", "ORG")]) == {
        "Halden Institute": "organization"
    }


def test_a_headline_word_is_no_part_of_a_name_read_on_a_capitals_line() -> None:
    # The model reads "Halden Tools Results" on the title-cased headline; "RESULTS" says what
    # the story is, the company is "HALDEN TOOLS".
    from newsgraph.nlp.entities._caps import cased_view, confirm_caps

    text = "BUSINESS - HALDEN TOOLS RESULTS\nHalden Tools Results said its sales rose ."
    view = cased_view(text, lexicon().acronyms)
    kept = confirm_caps(text, view, [Span(11, 31, "organization", "caps")], lexicon())
    assert [text[sp.start : sp.end] for sp in kept] == ["HALDEN TOOLS"]


def test_a_long_run_of_capitalised_words_is_read_in_linear_time() -> None:
    """A party plural is at most three capitalised words and the plural ("the Social
    Democrats"): a line of 20,000 capitalised words before a lower-case "democrats" took 21 s
    when any number of words could come before it."""
    import time

    from newsgraph.nlp.entities._nonorgs import party_plurals

    text = "Abc " * 20_000 + "democrats. The Social Democrats won."
    started = time.process_time()
    found = party_plurals(text, [])
    assert time.process_time() - started < 2.0
    assert found == []  # (no group span of spaCy's to turn into the party)


def test_the_two_names_of_a_fixture_are_teams_unless_countries() -> None:
    text = (
        "Postponed: Eastvale v Northport.\nFixtures: Norway vs Harwick Town, Millbrook v\nOakport"
    )
    got = mention_types(text, [("Eastvale v Northport", "PERSON", 0), ("Norway", "GPE", 0)])
    assert got["Eastvale"] == got["Northport"] == "organization"  # the span over both is split
    assert got["Harwick Town"] == "organization" and got["Norway"] == "place"
    assert got["Oakport"] == "organization"  # the second side on the next line of the list
    # "v" outside a sentence about sport is left alone (a court case)
    text = "The judges cited Hale v Morton in their ruling."
    assert "Morton" not in mention_types(text, [])


def test_the_team_after_a_listed_competitor_and_country() -> None:
    text = (
        "1. Ola Berg ( Norway ) Harbour Cycles 4 hours 2 mins\n"
        "2. Ann Roe ( Canada ) , Westbury Motors , 54.483\n"
        "3. Per Holt ( Sweden ) , Anna\nLind ( Finland ) same time"
    )
    got = mention_types(text, [("Ola Berg", "PERSON", 0), ("Westbury Motors", "PERSON", 0)])
    assert got["Harbour Cycles"] == got["Westbury Motors"] == "organization"
    assert got.get("Anna") != "organization"  # the next competitor, cut by a line break


def test_a_results_line_with_a_long_blank_run_in_its_bracket_is_read_in_linear_time() -> None:
    """The bracket's country is words one space apart: a bracket opened before 300,000 blanks
    (a hostile page) is refused at once, where a lazy run of spaces split them every way."""
    import time

    from newsgraph.nlp.entities._teams import entrants

    text = "2. Ann Roe (Canada" + " " * 300_000 + "x"
    started = time.process_time()
    assert entrants(text, [], lexicon()) == []
    assert time.process_time() - started < 2.0
    line = "2. Ann Roe ( Canada ) , Westbury Motors , 54.483"
    [team] = entrants(line, [], lexicon())
    assert line[team.start : team.end] == "Westbury Motors"
