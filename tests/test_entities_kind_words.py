"""Names the model calls persons, organisations or products that a kind word of land or water
after them makes places: "the Brenmoor valley", "the Tver and Oryol regions". Every sentence
here is our own; the stage is fed hand-made spaCy entities (start, end, label), so no model is
loaded."""

from __future__ import annotations

import re

import pytest

from newsgraph.nlp.entities import find_entities
from newsgraph.nlp.entities._located import gazetteer_hints


def ents_of(text: str, labelled: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """spaCy-like entities: every whole-word occurrence of each (name, label)."""
    out = []
    for name, label in labelled:
        out += [(m.start(), m.end(), label) for m in re.finditer(rf"\b{re.escape(name)}\b", text)]
    return sorted(out)


def types_of(text: str, labelled: list[tuple[str, str]]) -> dict[str, str]:
    """Entity type by mention text (one type per name in a document)."""
    return {e.name: e.type for e in find_entities(text, ents_of(text, labelled))}


def test_a_kind_word_makes_a_name_the_gazetteer_lacks_a_place() -> None:
    # "Brenmoor" is made up: no gazetteer entry, so only the words around it can tell.
    assert gazetteer_hints("Brenmoor") == ()
    text = (
        "Mudslides cut off dozens of hamlets in the north of Pakistan on Friday. Worst hit "
        "was Brenmoor, near the border, where the Brenmoor river rose two metres overnight."
    )
    # the model reads one mention as a person and the other as an organisation
    found = find_entities(
        text,
        [
            (text.index("Pakistan"), text.index("Pakistan") + 8, "GPE"),
            (text.index("Brenmoor,"), text.index("Brenmoor,") + 8, "PERSON"),
            (text.index("Brenmoor river"), text.index("Brenmoor river") + 8, "ORG"),
        ],
    )
    by_name = {e.name: e for e in found}
    assert by_name["Brenmoor"].type == "place"
    assert len(by_name["Brenmoor"].mentions) == 2


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        (
            "Shepherds drove their flocks down the Brenmoor valley before the snow.",
            "Brenmoor",
            "PERSON",
        ),
        ("Officials said the Tarvik district had no power for a week.", "Tarvik", "ORG"),
        ("Engineers opened a dam on the Tarvik river to ease the flooding.", "Tarvik", "PERSON"),
    ],
)
def test_valley_river_district_after_a_name(text: str, name: str, label: str) -> None:
    assert types_of(text, [(name, label)])[name] == "place"


def test_a_plural_kind_word_after_a_list_places_every_name_of_it() -> None:
    text = (
        "Russia said on Monday that it had downed nine drones over the Tver and Oryol regions. "
        "Moscow blamed Ukraine for the raid."
    )
    labelled = [("Russia", "GPE"), ("Tver", "GPE"), ("Oryol", "PRODUCT"), ("Ukraine", "GPE")]
    assert types_of(text, labelled)["Oryol"] == "place"


def test_a_product_with_a_weak_cue_or_none_stays_a_product() -> None:
    text = "Russia's navy said the Oryol sailed from Tver on Sunday with a new crew."
    labelled = [("Russia", "GPE"), ("Oryol", "PRODUCT")]
    assert types_of(text, labelled)["Oryol"] == "other"
    text = "Russia's navy said the crew of the Oryol had been paid off at Tver."
    assert types_of(text, labelled)["Oryol"] == "other"


def test_a_product_is_a_place_only_in_its_focus_country() -> None:
    # the same words in a story whose places are Russian, then in one whose places are Kenyan
    ru = "Russia's governor said the Oryol region was calm. Tver and Moscow were calm too."
    ke = "Kenya's governor said the Oryol region was calm. Nairobi and Mombasa were calm too."
    assert types_of(ru, [("Russia", "GPE"), ("Oryol", "PRODUCT")])["Oryol"] == "place"
    assert types_of(ke, [("Kenya", "GPE"), ("Oryol", "PRODUCT")])["Oryol"] == "other"


@pytest.mark.parametrize(
    ("text", "labelled", "name"),
    [
        # a person of two words that begins with a place's name
        (
            "Paris Hilton toured a vineyard in the Loire valley last week.",
            [("Paris Hilton", "PERSON")],
            "Paris Hilton",
        ),
        # a person who speaks, in a text that names a region
        (
            "Washington said the Tver region needed more aid.",
            [("Washington", "PERSON"), ("Tver", "GPE")],
            "Washington",
        ),
        # a player in a match report
        ("Jordan scored twice in the second half.", [("Jordan", "PERSON")], "Jordan"),
        # a possessive: the district is the person's
        (
            "Voters in Congresswoman Dalby's district backed the bill.",
            [("Dalby", "PERSON")],
            "Dalby",
        ),
        # a title before the name outweighs the kind word elsewhere
        (
            "Governor Pellow visited the flood zone. Pellow said he would tour the Pellow "
            "district named after his grandfather.",
            [("Pellow", "PERSON")],
            "Pellow",
        ),
    ],
)
def test_persons_stay_persons(text: str, labelled: list[tuple[str, str]], name: str) -> None:
    assert types_of(text, labelled)[name] == "person"


def test_a_list_is_followed_a_dozen_names_at_most_to_its_kind_word() -> None:
    """Each name of a list looks ahead a dozen names for the plural kind word, so a hostile
    list of 20,000 names is read in linear time; the last dozen still take the kind."""
    import time

    from newsgraph.nlp.entities._located import _kind_after
    from newsgraph.nlp.entities._spans import Span

    n = 20_000
    text = ", ".join("Abcd" for _ in range(n)) + " regions"
    spans = [Span(i * 6, i * 6 + 4, "other") for i in range(n)]
    started = time.process_time()
    kinds = [_kind_after(text, spans, i) for i in range(n)]
    assert time.process_time() - started < 2.0
    assert kinds[-13:] == [True] * 13 and not any(kinds[:-13])
