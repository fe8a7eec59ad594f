"""Names that mean the same entity: keys, the curated table, the within-article merge rule."""

from __future__ import annotations

import re

import pytest

from newsgraph.nlp.entities._lexicon import lexicon
from newsgraph.nlp.entities.aliases import (
    Group,
    Item,
    curated_for,
    group_mentions,
    initials,
    is_acronym,
    make_id,
    name_key,
    strip_title,
)


def items_for(text: str, names: list[tuple[str, str]]) -> list[Item]:
    """Items for each (name, type), found in order in `text` (every occurrence)."""
    found = []
    for name, kind in names:
        for m in re.finditer(re.escape(name), text):
            found.append(Item(m.start(), m.end(), name, kind))
    found.sort(key=lambda it: (it.start, it.start - it.end))
    kept: list[Item] = []
    for it in found:  # longest first at one place, no overlaps
        if kept and it.start < kept[-1].end:
            continue
        kept.append(it)
    return kept


def group_of(groups: list[Group], surface: str) -> Group:
    return next(g for g in groups if any(it.text == surface for it in g.items))


def test_name_key_folds_case_accents_hyphens_and_titles() -> None:
    titles = lexicon().titles
    assert name_key("Abu Bakr al-Baghdadi") == "abu-bakr-al-baghdadi"
    assert name_key("abu bakr Al Baghdadi") == "abu-bakr-al-baghdadi"
    assert name_key("the Caucasus") == "caucasus"
    assert name_key("Russia’s") == "russia"
    assert name_key("Médecins Sans Frontières") == "medecins-sans-frontieres"
    assert name_key("Sheikh Abu Mohammad al-Qadari", titles) == "abu-muhammad-al-qadari"


def test_spelling_variants_share_a_key_but_different_people_do_not() -> None:
    assert name_key("Abu Mohammed al-Adnani") == name_key("Abu Mohammad al-Adnani")
    assert name_key("Abu Mohammed al-Adnani") != name_key("Abu Mohammad al-Qadari")


def test_ids_are_type_and_key() -> None:
    assert make_id("person", "Abu Bakr al-Baghdadi") == "person:abu-bakr-al-baghdadi"
    assert make_id("place", "Kabardino-Balkaria") == "place:kabardino-balkaria"


def test_strip_title_and_acronym_helpers() -> None:
    titles = lexicon().titles
    assert strip_title("Sheikh Abu Mohammad al-Qadari", titles) == "Abu Mohammad al-Qadari"
    assert strip_title("Prime Minister Jane Doe", titles) == "Jane Doe"
    assert strip_title("President", titles) == "President"
    assert is_acronym("ISIS") and is_acronym("U.N.")
    assert not is_acronym("Isis") and not is_acronym("A")
    assert initials("Islamic State of Iraq and Syria") == "ISIS"


def test_curated_table_gathers_the_names_of_isis() -> None:
    lex = lexicon()
    ids = {
        curated_for(n, lex).id  # type: ignore[union-attr]
        for n in (
            "ISIS",
            "ISIL",
            "IS",
            "Daesh",
            "Islamic State",
            "the Islamic State",
            "Islamic State of Iraq and Syria",
            "Islamic State of Iraq and the Levant",
        )
    }
    assert ids == {"organization:isis"}
    assert curated_for("Hizbollah", lex).id == curated_for("Hezbollah", lex).id  # type: ignore[union-attr]
    assert curated_for("Some Unknown Party", lex) is None


def test_curated_table_entries_are_well_formed() -> None:
    seen: set[str] = set()
    entries = lexicon().curated
    assert len(entries) >= 80
    for entry in entries:
        assert entry.id.startswith(entry.type + ":")
        assert entry.type in ("person", "organization", "place", "group", "other")
        assert entry.id not in seen
        seen.add(entry.id)


def test_short_forms_join_the_full_name() -> None:
    text = (
        "Abu Bakr al-Baghdadi leads the group. Jane Ortiz met him. "
        "Later al-Baghdadi spoke and Baghdadi left; Ortiz stayed."
    )
    items = items_for(
        text,
        [
            ("Abu Bakr al-Baghdadi", "person"),
            ("al-Baghdadi", "person"),
            ("Baghdadi", "person"),
            ("Jane Ortiz", "person"),
            ("Ortiz", "person"),
        ],
    )
    groups = group_mentions(text, items, lexicon())
    assert len(groups) == 2
    baghdadi = group_of(groups, "Abu Bakr al-Baghdadi")
    assert baghdadi.name == "Abu Bakr al-Baghdadi"
    assert {"al-Baghdadi", "Baghdadi"} <= set(baghdadi.aliases)
    assert group_of(groups, "Ortiz").name == "Jane Ortiz"


def test_same_first_names_are_different_people() -> None:
    text = "Abu Mohammed al-Adnani praised Abu Mohammad al-Qadari. Abu Mohammad al-Adnani spoke."
    items = items_for(
        text,
        [
            ("Abu Mohammed al-Adnani", "person"),
            ("Abu Mohammad al-Qadari", "person"),
            ("Abu Mohammad al-Adnani", "person"),
        ],
    )
    groups = group_mentions(text, items, lexicon())
    assert len(groups) == 2
    assert len(group_of(groups, "Abu Mohammed al-Adnani").items) == 2


def test_referring_to_makes_the_referent_canonical() -> None:
    text = (
        "“We pledge allegiance to Caliph Ibrahim ben Awwad,” the recording says, "
        "referring to Abu Bakr al-Baghdadi."
    )
    items = items_for(
        text, [("Caliph Ibrahim ben Awwad", "person"), ("Abu Bakr al-Baghdadi", "person")]
    )
    (group,) = group_mentions(text, items, lexicon())
    assert group.name == "Abu Bakr al-Baghdadi"
    assert "Caliph Ibrahim ben Awwad" in group.aliases
    assert group.id == "person:abu-bakr-al-baghdadi"


@pytest.mark.parametrize("cue", ["referring to", "in reference to", "a reference to", "meaning"])
def test_every_referring_cue_passes_the_letter_check_before_its_search(cue: str) -> None:
    """The referring pattern is searched only after one of its last letters (a shortcut): each
    of its cues must still make the later name the canonical one."""
    text = f"The rebels praised the Old Man, {cue} Tariq Salem, in a statement."
    items = items_for(text, [("Old Man", "person"), ("Tariq Salem", "person")])
    (group,) = group_mentions(text, items, lexicon())
    assert group.name == "Tariq Salem"


def test_also_known_as_and_parentheses_merge() -> None:
    text = "The Levant Front, also known as Jabhat Shamiya, and the Union Party (Hizb Wahda) met."
    items = items_for(
        text,
        [
            ("Levant Front", "organization"),
            ("Jabhat Shamiya", "organization"),
            ("Union Party", "organization"),
            ("Hizb Wahda", "organization"),
        ],
    )
    groups = group_mentions(text, items, lexicon())
    assert len(groups) == 2
    assert group_of(groups, "Jabhat Shamiya").name in ("Levant Front", "Jabhat Shamiya")


def test_acronym_pairs_and_initials_merge_with_the_long_form() -> None:
    text = "The Northern Alliance for Democracy (NAD) said the NAD would win. NAD is strong."
    items = items_for(
        text, [("Northern Alliance for Democracy", "organization"), ("NAD", "organization")]
    )
    groups = group_mentions(text, items, lexicon())
    assert len(groups) == 1
    assert groups[0].name == "Northern Alliance for Democracy"
    assert groups[0].aliases == ["NAD"]


def test_curated_names_win_and_people_are_never_curated() -> None:
    text = "Islamic State fighters, whom Daesh commands, fled. Richard Wagner wrote; Wagner died."
    items = items_for(
        text,
        [
            ("Islamic State", "organization"),
            ("Daesh", "place"),
            ("Richard Wagner", "person"),
            ("Wagner", "person"),
        ],
    )
    groups = group_mentions(text, items, lexicon())
    isis = group_of(groups, "Daesh")
    assert (isis.id, isis.name, isis.type) == ("organization:isis", "ISIS", "organization")
    assert group_of(groups, "Wagner").id == "person:richard-wagner"


def test_demonyms_link_to_their_place_without_merging() -> None:
    text = "Russian officials said Russians travelled from Russia."
    items = items_for(text, [("Russian", "group"), ("Russians", "group"), ("Russia", "place")])
    groups = group_mentions(text, items, lexicon())
    group = group_of(groups, "Russian")
    assert group.name == "Russians" and group.type == "group"
    assert group.links == ["place:russia"]
    assert group_of(groups, "Russia").id == "place:russia"
