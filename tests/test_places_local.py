"""The places stage on local and outbreak news: states in every style, counties, townships,
towns that share a state, countries that share a name. Every sentence is written for these
tests."""

from __future__ import annotations

import re

import pytest

from newsgraph.model import Place
from newsgraph.nlp import places
from newsgraph.nlp.gazetteer import load_gazetteer
from newsgraph.nlp.places import _cues, _datelines, _unit_names, resolve_spans


def _resolve(text: str, names: list[str]) -> list[Place | None]:
    """Resolve each name at its next occurrence after the previous one."""
    spans, pos = [], 0
    for name in names:
        m = re.compile(rf"\b{re.escape(name)}(?!\w)").search(text, pos)
        assert m is not None, name
        spans.append((m.start(), m.end()))
        pos = m.end()
    return resolve_spans(text, spans)


def _where(place: Place | None) -> tuple[str | None, str | None]:
    assert place is not None
    return place.country_code, place.admin1


# A town and its state, written the AP way, the postal way or in full.
TOWN_AND_STATE = [
    ("The fire spread from Paris, Tenn., to nearby Henry County.", "Paris", "Tennessee"),
    ("The mayor of Springfield, Ill., spoke on Tuesday.", "Springfield", "Illinois"),
    ("Ferries left Portland, Maine, at dawn.", "Portland", "Maine"),
    ("Ferries left Portland, Ore., at dawn.", "Portland", "Oregon"),
    ("Ferries left Portland, OR, at dawn.", "Portland", "Oregon"),
    ("A tornado hit Jackson, Miss., overnight.", "Jackson", "Mississippi"),
    ("The school board in Greenville, S.C., voted on Monday.", "Greenville", "South Carolina"),
    ("The school board in Greenville, NC voted on Monday.", "Greenville", "North Carolina"),
    ("A water main broke in Charleston, W.Va., on Sunday.", "Charleston", "West Virginia"),
    ("The plant in Kingston, Ont., will close.", "Kingston", "Ontario"),
]


@pytest.mark.parametrize(("text", "name", "state"), TOWN_AND_STATE)
def test_a_state_abbreviation_beside_a_town_places_it(text: str, name: str, state: str) -> None:
    assert _where(_resolve(text, [name])[0])[1] == state


def test_abbreviated_states_in_a_list_each_keep_their_own_town() -> None:
    # A list goes on after each state, which a full state name would make ambiguous
    # ("Washington, Oregon and Idaho"); an abbreviation only ever follows its town.
    text = "Police in Albany, N.Y., and in Albany, Ga., said the two cases are unrelated."
    first, second = _resolve(text, ["Albany", "Albany"])
    assert _where(first) == ("US", "New York")
    assert _where(second) == ("US", "Georgia")


def test_a_bare_mention_takes_the_sense_its_stated_namesake_gives() -> None:
    text = "The mill in Lebanon, Mo., closed. Lebanon officials said 80 jobs were lost."
    first, second = _resolve(text, ["Lebanon", "Lebanon"])
    assert _where(first) == _where(second) == ("US", "Missouri")


def test_a_postal_code_is_case_sensitive() -> None:
    # "or" is a word; only the capitals "OR" name Oregon.
    assert _cues.state_code_at("Portland, or Salem", 10) is None
    assert _cues.state_code_at("Portland, OR", 10) == ("OR", 12)
    assert _cues.state_code_at("Paris, Tennessee", 7) is None  # a full name is the gazetteer's


def test_a_state_code_alone_is_read_in_the_article_country() -> None:
    text = "Wastewater in WA is treated, the Perth utility said, as in Sydney and across Australia."
    assert _where(_resolve(text, ["WA", "Perth", "Sydney", "Australia"])[0]) == (
        "AU",
        "Western Australia",
    )
    text = "Wildfires in WA forced evacuations near Spokane and Yakima."
    assert _where(_resolve(text, ["WA", "Spokane", "Yakima"])[0]) == ("US", "Washington")


def test_a_code_that_is_a_large_city_name_stays_the_city() -> None:
    place = _resolve("Traffic in LA was heavy on Friday.", ["LA"])[0]
    assert place is not None and place.name == "Los Angeles"


def test_counties_named_together_lie_in_the_state_they_share() -> None:
    # Each county name exists in several states; only one state holds all of them.
    text = (
        "The grants go to Daviess County, McLean County, Muhlenberg County and Ohio County, "
        "and Pike County gets the most."
    )
    names = ["Daviess County", "McLean County", "Muhlenberg County", "Ohio County", "Pike County"]
    assert {_where(p) for p in _resolve(text, names)} == {("US", "Kentucky")}


def test_a_county_alone_is_the_largest_of_its_name() -> None:
    for text, name, state in [
        ("Deputies in Cook County said the roads were icy.", "Cook County", "Illinois"),
        ("Flooding closed schools across Harris County.", "Harris County", "Texas"),
        ("Flooding closed roads in Lafayette Parish on Monday.", "Lafayette Parish", "Louisiana"),
    ]:
        assert _where(_resolve(text, [name])[0]) == ("US", state), text


def test_a_county_and_its_state() -> None:
    text = "Deputies in Washington County, Ark., arrested two men."
    assert _where(_resolve(text, ["Washington County"])[0]) == ("US", "Arkansas")


def test_a_township_is_its_town_in_the_article_context() -> None:
    # Cheltenham in England is far larger; the township outside Philadelphia is meant.
    text = "Residents of Cheltenham Township, outside Philadelphia, met on Monday."
    township, city = _resolve(text, ["Cheltenham Township", "Philadelphia"])
    assert _where(township) == ("US", "Pennsylvania")
    assert city is not None and city.name == "Philadelphia"


def test_units_named_after_their_town() -> None:
    text = "Officials in the Town of Hempstead and in Nassau County, N.Y., met."
    assert _where(_resolve(text, ["Town of Hempstead", "Nassau County"])[0]) == (
        "US",
        "New York",
    )
    text = "Two cholera cases were confirmed in Kiambu County, Kenya's health ministry said."
    assert _where(_resolve(text, ["Kiambu County", "Kenya"])[0])[0] == "KE"


def test_a_capital_old_name_does_not_beat_a_large_city_of_that_name() -> None:
    # "Philadelphia" is also an old name of Amman; the American city bears it as its own.
    place = _resolve("Teachers in Philadelphia went on strike.", ["Philadelphia"])[0]
    assert _where(place) == ("US", "Pennsylvania")


def test_outbreak_towns_follow_the_countries_the_article_names() -> None:
    text = "Cholera cases rose in Malawi and Mozambique, and Beira reported 200 new cases."
    assert _where(_resolve(text, ["Malawi", "Mozambique", "Beira"])[2])[0] == "MZ"
    text = "Measles spread in Samoa, Tonga and Fiji; Lautoka and Suva reported the most cases."
    places = _resolve(text, ["Samoa", "Tonga", "Fiji", "Lautoka", "Suva"])
    assert [_where(p)[0] for p in places[3:]] == ["FJ", "FJ"]


def test_congo_alone_is_dr_congo_and_beside_brazzaville_its_neighbour() -> None:
    text = "Ebola has killed 12 people in Congo, the health ministry said."
    assert _where(_resolve(text, ["Congo"])[0])[0] == "CD"
    text = "Congo's health ministry said the virus had reached Goma and Beni."
    assert _where(_resolve(text, ["Congo", "Goma", "Beni"])[0])[0] == "CD"
    text = "Congo's health ministry said cases were found in Brazzaville and Pointe-Noire."
    assert _where(_resolve(text, ["Congo", "Brazzaville", "Pointe-Noire"])[0])[0] == "CG"


def test_state_code_table_has_every_us_state() -> None:
    states = {name for codes in _cues.STATE_CODES.values() for cc, name in codes if cc == "US"}
    assert len(states) == 51  # the fifty states and the District of Columbia
    assert _cues.STATE_CODES["NT"] == (
        ("CA", "Northwest Territories"),
        ("AU", "Northern Territory"),
    )


# Names the gazetteer lacks, placed by the administrative unit and the place written beside
# them (the names Lokolama, Ambohimena, North Gyeongsang and Lien Chieu Tay are our own test
# names or absent from the gazetteer).


def _reason(place: Place | None) -> str:
    assert place is not None and place.reason is not None
    return place.reason


def test_an_unknown_name_with_its_unit_takes_the_place_after_the_unit() -> None:
    # Health-agency phrasing: "X health zone of Y", "X region around Y"; without the unit
    # word the name would fall back to the article's main place (Kinshasa, named twice).
    text = (
        "Teams from Kinshasa reached the Lokolama health zone of Mbandaka on Friday, "
        "and samples were flown back to Kinshasa."
    )
    place = _resolve(text, ["Kinshasa", "Lokolama", "Mbandaka", "Kinshasa"])[1]
    assert "Mbandaka, named beside it" in _reason(place)
    text = (
        "Officials in Antananarivo said the cases were in the Ambohimena region around Toamasina."
    )
    place = _resolve(text, ["Antananarivo", "Ambohimena", "Toamasina"])[1]
    assert "Toamasina, named beside it" in _reason(place)


def test_an_unknown_province_of_a_country_named_before_it_lies_in_that_country() -> None:
    # "Country's X province": the country owns an administrative unit, not a building.
    text = "Officials in Tokyo and Osaka said the flu had reached South Korea's North Gyeongsang province."
    place = _resolve(text, ["Tokyo", "Osaka", "South Korea", "North Gyeongsang"])[3]
    assert _where(place)[0] == "KR"
    # With no unit word a country owns no street or stadium: the main place stays.
    text = "Officials in Tokyo said the flu had reached South Korea's North Gyeongsang."
    place = _resolve(text, ["Tokyo", "South Korea", "North Gyeongsang"])[2]
    assert _where(place)[0] == "JP"


def test_an_unknown_name_listed_beside_a_town_goes_there_not_to_the_country_after() -> None:
    text = "Dengue cases rose in Da Nang and Lien Chieu Tay, Vietnam's health ministry said."
    place = _resolve(text, ["Da Nang", "Lien Chieu Tay", "Vietnam"])[1]
    assert "Da Nang, named beside it" in _reason(place)


def test_a_small_namesake_abroad_listed_beside_a_local_town_is_placed_there() -> None:
    # The gazetteer knows only Bow in London; a New Hampshire story means the town there.
    text = "MERRIMACK, N.H. — Voters in Hooksett and Bow approved two new fire trucks on Tuesday."
    place = _resolve(text, ["MERRIMACK", "N.H.", "Hooksett", "Bow"])[3]
    assert _where(place) == ("US", "New Hampshire")
    assert "small namesake abroad" in _reason(place)
    # Where the article names its country, the namesake is meant.
    text = "Police in London said a man from Bow was arrested on Sunday."
    assert _where(_resolve(text, ["London", "Bow"])[1])[0] == "GB"


@pytest.mark.parametrize(
    ("text", "name", "kinds"),
    [
        ("Cases rose in Jigawa and Kano states.", "Kano", {"admin1"}),
        ("Cases rose in the Bay and Gedo regions.", "Gedo", {"admin1", "region"}),
        ("Flooding hit Tangipahoa and Livingston parishes.", "Livingston", {"admin2"}),
    ],
)
def test_a_plural_kind_word_cues_the_name_before_it(text: str, name: str, kinds: set[str]) -> None:
    start = text.index(name)
    assert _cues.kind_cue_at(text, start, start + len(name))[0] == kinds


# Short forms of a name's first word, spelled out as the gazetteer holds them.
@pytest.mark.parametrize(
    ("text", "name", "state"),
    [
        ("The Ft. Wayne council met Monday.", "Ft. Wayne", "Indiana"),
        ("Crews from Mt. Shasta and Redding fought the fire.", "Mt. Shasta", "California"),
        ("Snow closed roads around St. Cloud and Sauk Centre.", "St. Cloud", "Minnesota"),
    ],
)
def test_abbreviated_first_word_is_spelled_out(text: str, name: str, state: str) -> None:
    assert _where(_resolve(text, [name])[0])[1] == state


def test_spelled_out_forms_of_an_abbreviation() -> None:
    assert places._spelled_out("Mt. Vernon") == ["Mount Vernon"]
    assert places._spelled_out("Pt Pleasant") == ["Point Pleasant", "Port Pleasant"]
    assert places._spelled_out("Stamford") == []  # a name that merely begins with the letters


def test_a_town_near_the_others_beats_a_larger_namesake_of_the_same_country() -> None:
    # Jackson, Mississippi is the larger; Driggs lies across the pass from Jackson, Wyoming.
    text = "The Jackson town council met with officials from Driggs about bus service."
    assert _where(_resolve(text, ["Jackson", "Driggs"])[0]) == ("US", "Wyoming")


def test_a_state_named_inside_an_organisation_is_context() -> None:
    text = "Moscow police told the Idaho Statesman that the road to Pullman was closed."
    mentions = [
        places._Mention(text.index(n), text.index(n) + len(n), n) for n in ("Moscow", "Pullman")
    ]
    found = places._named_elsewhere(load_gazetteer(), text, mentions)
    assert [(key, c.entry.admin1_name) for key, c in found] == [("idaho", "Idaho")]
    assert _where(_resolve(text, ["Moscow", "Pullman"])[0]) == ("US", "Idaho")


def test_a_name_of_two_countries_inside_an_organisation_is_no_context() -> None:
    text = "A professor at the University of Georgia spoke in Athens."
    at = text.index("Athens")
    found = places._named_elsewhere(load_gazetteer(), text, [places._Mention(at, at + 6, "Athens")])
    assert found == []  # Georgia may be the country or the state


def test_part_of_a_name_far_from_every_town_of_the_story_gives_way() -> None:
    # "Cape Elizabeth" is not in the gazetteer; its part, Elizabeth, New Jersey, lies far from
    # the Maine towns of the story.
    text = (
        "Residents of Cape Elizabeth packed the hearing in Portland, Maine, on Tuesday, and "
        "Scarborough and Falmouth sent letters."
    )
    place = _resolve(text, ["Cape Elizabeth", "Portland", "Maine", "Scarborough", "Falmouth"])[0]
    assert place is not None and place.admin1 == "Maine" and place.reason


# --- outbreak reports: units, lists, regions named like a people or a direction -------------


def test_a_district_named_after_its_chief_town_is_that_town_in_the_articles_country() -> None:
    # Bo District lacks from the gazetteer; the town Bo is its seat. A Norwegian "Bo"
    # municipality must not win by the word "districts" alone.
    text = "Sierra Leone confirmed Lassa fever in Kenema and Bo districts."
    place = _resolve(text, ["Sierra Leone", "Kenema", "Bo"])[2]
    assert place is not None and (place.country_code, place.kind) == ("SL", "city")


def test_a_numbered_district_of_a_state_is_no_town_of_it() -> None:
    text = "She represents the 7th district of Florida; Immokalee and Naples are in it."
    place = _resolve(text, ["Florida", "Immokalee", "Naples"])[0]
    assert place is not None and (place.kind, place.admin1) == ("admin1", "Florida")


def test_a_demonym_before_region_is_the_region_of_that_people() -> None:
    text = "Ethiopia reported measles in the Somali region."
    place = _resolve(text, ["Ethiopia", "Somali"])[1]
    assert place is not None and (place.kind, place.country_code) == ("admin1", "ET")


def test_a_demonym_alone_stays_its_country() -> None:
    place = _resolve("Somali pirates seized a cargo ship.", ["Somali"])[0]
    assert place is not None and (place.kind, place.country_code) == ("country", "SO")


def test_a_direction_before_region_is_the_region_of_that_full_name() -> None:
    text = "The WHO said cases rose in Kabarole district, Western region, of Uganda."
    place = _resolve(text, ["Kabarole", "Western", "Uganda"])[1]
    assert place is not None and (place.kind, place.country_code) == ("admin1", "UG")
    assert place.name == "Western Region"


def test_a_plural_unit_word_after_a_list_is_every_items() -> None:
    text = "Uganda reported Ebola in Mubende and Kassanda districts."
    place = _resolve(text, ["Uganda", "Mubende", "Kassanda"])[1]
    assert place is not None and (place.kind, place.name) == ("admin2", "Mubende District")
    alone = _resolve("Uganda reported Ebola in Mubende.", ["Uganda", "Mubende"])[1]
    assert alone is not None and alone.kind == "city"
    names = ["Mubende", "Kassanda"]
    cues = places._list_cues(text, _mentions(text, names), [places._Cues([], frozenset())] * 2)
    assert [(c.kinds, c.after) for c in cues] == [(frozenset({"admin2"}), True)] * 2


def _mentions(text: str, names: list[str]) -> list[places._Mention]:
    return [places._Mention(text.index(n), text.index(n) + len(n), n) for n in names]


def test_a_country_listed_with_a_state_stays_a_country() -> None:
    place = _resolve("Trade between Mexico and Texas grew.", ["Mexico", "Texas"])[0]
    assert place is not None and place.kind == "country"


def test_the_lists_of_a_text_are_read_in_order() -> None:
    text = "Kano, Katsina and Jigawa voted; Lagos did not."
    mentions = [
        places._Mention(m.start(), m.end(), m.group())
        for m in re.finditer(r"Kano|Katsina|Jigawa|Lagos", text)
    ]
    assert places._lists(text, mentions) == [[0, 1, 2]]


def test_a_direction_before_a_state_is_that_state_never_a_town() -> None:
    # "Eastern Washington" is no gazetteer name; its part Washington is also the capital.
    place = _resolve("Wildfire smoke drifted over Eastern Washington.", ["Eastern Washington"])[0]
    assert place is not None and (place.kind, place.admin1) == ("admin1", "Washington")
    # A shared country name keeps both senses: the larger Congo, unless the story says else.
    place = _resolve("Ebola spread again in Eastern Congo.", ["Eastern Congo"])[0]
    assert place is not None and (place.kind, place.country_code) == ("country", "CD")
    text = "Brazzaville said floods hit Northern Congo."
    place = _resolve(text, ["Brazzaville", "Northern Congo"])[1]
    assert place is not None and (place.kind, place.country_code) == ("country", "CG")


def test_a_region_named_by_a_vernacular_word_follows_the_state_around_it() -> None:
    columbia = "The Midlands got heavy rain, officials in Columbia said."
    gweru = "Gold mines in the Midlands reopened, officials in Gweru said."
    assert _where(_resolve(columbia, ["Midlands", "Columbia"])[0])[0] == "US"
    assert _where(_resolve(gweru, ["Midlands", "Gweru"])[0])[0] == "ZW"


def test_former_country_names_are_their_countries() -> None:
    text = "Ebola struck Kikwit, Zaire, in 1995; Dahomey and Upper Volta were spared."
    found = _resolve(text, ["Kikwit", "Zaire", "Dahomey", "Upper Volta"])
    assert [p.country_code for p in found if p] == ["CD", "CD", "BJ", "BF"]
    assert all(p is not None and p.kind in ("city", "country") for p in found)


def test_a_region_the_packages_name_only_by_town_names_is_known() -> None:
    # Papua New Guinea's towns sit a few hundred metres apart in the two packaged tables.
    text = "Papua New Guinea reported polio cases in Morobe and Enga provinces."
    found = _resolve(text, ["Papua New Guinea", "Morobe", "Enga"])
    assert [(p.kind, p.country_code) for p in found[1:] if p] == [("admin1", "PG")] * 2
    haiti = "Haiti reported cholera cases in Artibonite and Centre departments."
    assert _where(_resolve(haiti, ["Haiti", "Artibonite", "Centre"])[2])[0] == "HT"


def test_a_parish_of_an_island_state_does_not_outrank_a_town_elsewhere() -> None:
    # Barbados and Antigua have parishes called Saint John; they are too small to be kept.
    place = _resolve("The ferry left Saint John for Digby.", ["Saint John", "Digby"])[0]
    assert place is not None and (place.country_code, place.kind) == ("CA", "city")


def test_a_country_across_the_180th_meridian_keeps_its_point() -> None:
    place = _resolve("Leptospirosis cases rose in Fiji after the floods.", ["Fiji"])[0]
    assert place is not None and place.lon is not None and place.lon > 170


def test_a_town_said_to_lie_in_a_far_city_is_a_neighbourhood_of_that_city() -> None:
    text = "Residents of Ballard and Fremont in Seattle complained about the noise."
    ballard, fremont, seattle = _resolve(text, ["Ballard", "Fremont", "Seattle"])
    assert seattle is not None
    for place in (ballard, fremont):
        assert place is not None and place.reason and place.admin1 == "Washington"
        assert (place.lat, place.lon) == (seattle.lat, seattle.lon)


def test_a_town_said_to_lie_in_a_city_near_it_keeps_its_own_point() -> None:
    # Decatur, Georgia lies by Atlanta: it stays the town the context chose.
    text = "Crews cleared snow in Decatur in Atlanta's east, and in Marietta."
    place = _resolve(text, ["Decatur", "Atlanta", "Marietta"])[0]
    assert place is not None and place.name == "Decatur" and place.reason is None
    assert place.admin1 == "Georgia"
    # Said to lie in Boston, Cambridge is placed there, not in England.
    text = "Students from Cambridge in Boston met on Monday."
    assert _where(_resolve(text, ["Cambridge", "Boston"])[0]) == ("US", "Massachusetts")


# Units, states and datelines ------------------------------------------------------------------


def _country_name_kind(place: Place | None) -> tuple[str | None, str | None, str | None]:
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
    assert _country_name_kind(place) == ("BR", "Sao Paulo", "admin1")


def test_a_state_around_its_namesake_city_keeps_the_city() -> None:
    # Where the state lies around the city ("Lagos State"), the city's point stands for both.
    (place,) = _resolve("The Lagos State governor opened a clinic.", ["Lagos"])
    assert _country_name_kind(place) == ("NG", "Lagos", "city")


def test_a_province_named_after_its_capital_stays_the_capital() -> None:
    (place,) = _resolve("Bird flu reached a farm in Kagoshima prefecture.", ["Kagoshima"])
    assert _country_name_kind(place)[2] == "city"


def test_a_country_after_a_unit_word_is_the_units_even_before_a_list_goes_on() -> None:
    text = "Cases climbed in Amazonas state, Brazil, and in Loreto, Peru."
    amazonas, _, _, _ = _resolve(text, ["Amazonas", "Brazil", "Loreto", "Peru"])
    assert _country_name_kind(amazonas) == ("BR", "Amazonas", "admin1")


def test_a_name_listed_with_a_state_is_a_state() -> None:
    # A list names places of one kind: Sao Paulo beside Minas Gerais is the state.
    text = "Paraná, Minas Gerais and Sao Paulo reported most of the new cases."
    *_, sao_paulo = _resolve(text, ["Paraná", "Minas Gerais", "Sao Paulo"])
    assert _country_name_kind(sao_paulo) == ("BR", "Sao Paulo", "admin1")
    _, washington = _resolve(
        "Smoke from Oregon and Washington reached Idaho.", ["Oregon", "Washington"]
    )
    assert _country_name_kind(washington) == ("US", "Washington", "admin1")


def test_towns_of_a_state_named_outright_are_close_to_each_other() -> None:
    # The larger Paris and Clarksville of Tennessee lie close together too; the state named
    # outright makes the Texas pair the one meant.
    text = "Texas officials said the grass fire began near Paris and spread toward Clarksville."
    _, paris, clarksville = _resolve(text, ["Texas", "Paris", "Clarksville"])
    assert _country_name_kind(paris) == ("US", "Texas", "city")
    assert _country_name_kind(clarksville) == ("US", "Texas", "city")


def test_a_town_placed_by_its_state_beside_it_lends_no_other_sense() -> None:
    # "Columbus, Ohio" is in Ohio alone: its namesake in Mississippi is no town near Tupelo.
    text = "Mississippi fans drove from Tupelo to Columbus, Ohio, for the final."
    _, tupelo, columbus = _resolve(text, ["Mississippi", "Tupelo", "Columbus"])
    assert _country_name_kind(tupelo) == ("US", "Mississippi", "city")
    assert _country_name_kind(columbus) == ("US", "Ohio", "city")


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
