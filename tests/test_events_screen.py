"""What an act is done to (`newsgraph.nlp.events._screen`): an act done to no possible party is
no event, an object that is part of the act's phrase is no recipient, a statement not made is
no rejection, a noun naming a document, a ballot or a person is no act, and an actor is never
its own recipient. Every sentence here is the project's own."""

from __future__ import annotations

import pytest

from newsgraph.model import Actor, Article, Event
from newsgraph.nlp import events
from newsgraph.nlp.events._screen import distinct, object_words


def _events(nlp, text: str) -> list[Event]:
    return events.find_events(Article(text=text, body=text), nlp(text))


def _types(nlp, text: str) -> set[str]:
    return {e.type for e in _events(nlp, text)}


def test_the_lists_are_data() -> None:
    lists = object_words()
    assert {"corruption", "blaze", "lack", "future"} <= lists.idle_objects
    assert "percent" in lists.counted_objects and "crime" in lists.offences
    assert {"bill", "break", "volunteer", "influence", "vote"} <= lists.non_act_nouns
    assert "fire" in lists.phrase_objects and "vote" in lists.tallies


@pytest.mark.parametrize(
    "text",
    [
        "The new mayor vowed to fight graft in the port authority.",
        "Crews battled the flames through the night.",
        "The rural clinic struggled with a shortage of nurses.",
        "The incumbent took 40 percent of the ballots in the capital.",
    ],
)
def test_a_hostile_act_done_to_no_party_is_no_event(nlp, text: str) -> None:
    assert not _types(nlp, text) & {"ASSAULT", "COERCE", "THREATEN"}


def test_a_hostile_act_done_to_a_party_stays(nlp) -> None:
    (fought,) = _events(nlp, "Rebels fought government troops near the dam.")
    assert fought.type == "ASSAULT"


def test_a_crackdown_on_an_offence_is_aimed_at_its_offenders(nlp) -> None:
    (crackdown,) = _events(nlp, "Police cracked down on crime in the port.")
    assert crackdown.type == "COERCE"


def test_a_threat_to_withhold_a_thing_from_a_party_stays(nlp) -> None:
    (threat,) = _events(nlp, "The donor threatened to withhold funding from the agency.")
    assert threat.type == "THREATEN"


def test_the_object_of_a_fixed_phrase_is_no_recipient(nlp) -> None:
    (aimed,) = _events(nlp, "Gunmen opened fire on the villagers near the market.")
    assert aimed.type == "ASSAULT" and aimed.recipient is not None
    assert aimed.recipient.text == "the villagers"
    (blind,) = _events(nlp, "The guards opened fire without warning.")
    assert blind.type == "ASSAULT" and blind.recipient is None


@pytest.mark.parametrize(
    "text",
    [
        "The militias control 60 percent of the delta.",
        "The motion passed with 41 votes in the chamber.",
        "The island is among the places most exposed to rising seas.",
    ],
)
def test_a_bare_default_done_to_a_count_or_told_by_a_graded_participle_is_no_act(
    nlp, text: str
) -> None:
    assert not _events(nlp, text)


def test_a_target_the_pattern_names_stays_the_recipient(nlp) -> None:
    (ambush,) = _events(nlp, "Bandits ambushed a food convoy on the highway.")
    assert ambush.type == "ASSAULT" and ambush.recipient is not None
    assert "convoy" in ambush.recipient.text


@pytest.mark.parametrize(
    "text",
    [
        "The embassy did not comment on the expulsion.",
        "The ministry has not commented on the raid.",
        "The minister declined to comment on the dismissal.",
    ],
)
def test_a_statement_not_made_is_no_rejection(nlp, text: str) -> None:
    assert not _events(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "The bill was published on the parliament's website.",
        "Two volunteers were among the injured.",
        "The charities were listed as agents of foreign influence.",
        "Voters in the coastal towns chose a clean break.",
        "A final vote is due on Friday.",
    ],
)
def test_a_noun_naming_a_document_a_ballot_or_a_person_is_no_act(nlp, text: str) -> None:
    assert not _events(nlp, text)


def test_such_a_noun_with_a_party_of_its_own_may_name_an_act(nlp) -> None:
    found = _events(nlp, "The party announced a break with its old ally.")
    assert found and found[0].actor is not None and found[0].actor.text == "The party"


def test_a_recipient_in_a_clause_of_purpose_must_be_a_party(nlp) -> None:
    used = _events(nlp, "Riot police used water cannon to clear the square.")
    assert used and used[0].type == "ASSAULT"
    assert used[0].recipient is None


def test_abstaining_is_no_concession(nlp) -> None:
    found = _events(nlp, "Two members abstained when the council voted on the harbour plan.")
    assert "CONCEDE" not in {e.type for e in found}


def test_an_actor_is_never_its_own_recipient() -> None:
    mayor = Actor(text="Mayor Lind", entity_id="p1")
    assert distinct(mayor, Actor(text="the mayor", entity_id="p1")) is None
    assert distinct(mayor, Actor(text="mayor lind")) is None
    council = Actor(text="the council", entity_id="o2")
    assert distinct(mayor, council) is council
    assert distinct(None, council) is council and distinct(mayor, None) is None


def test_a_weapon_with_no_party_behind_it_is_an_unknown_armed_hand(nlp) -> None:
    """ICEWS codes an unidentified attacker as the unknown armed forces of the place (UAF),
    not as armed forces known to be there (MIL)."""
    (struck,) = _events(nlp, "A drone struck a grain silo overnight.")
    assert struck.type == "ASSAULT" and struck.actor is not None
    assert struck.actor.roles == ["UAF"]
    owned = _events(nlp, "Turkish drones struck a grain silo overnight.")
    assert owned and owned[0].actor is not None and owned[0].actor.roles != ["UAF"]
