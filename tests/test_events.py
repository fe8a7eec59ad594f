from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsgraph.model import Article, Event
from newsgraph.nlp import events
from newsgraph.nlp._event_lexicon import PLOVER_TYPES, lexicon, parse_lexicon

pytestmark = pytest.mark.slow


def _events(nlp, text: str) -> list[Event]:
    return events.run(Article(text=text, body=text), nlp(text)).events


def _main(nlp, text: str) -> Event:
    found = events.find_events(Article(text=text, body=text), nlp(text))
    assert found, f"no event in {text!r}"
    return found[0]


def test_lexicon_covers_every_plover_type() -> None:
    types = {p.type for patterns in lexicon().values() for p in patterns}
    assert types == PLOVER_TYPES


def test_bad_lexicon_lines_are_named() -> None:
    with pytest.raises(ValueError, match="line 1"):
        parse_lexicon("AGREE\tagree\n")
    with pytest.raises(ValueError, match="unknown type"):
        parse_lexicon("CHEER\t-\tcheer\tFans cheered.\n")


# One sentence of ours for each PLOVER type.
SENTENCES = {
    "AGREE": "The two governments agreed to reopen the border crossing.",
    "CONSULT": "The foreign minister visited Ankara on Monday.",
    "SUPPORT": "The council praised the election commission for its work.",
    "CONCEDE": "The army lifted the curfew in the capital on Friday.",
    "COOPERATE": "Spain extradited the suspect to France.",
    "AID": "Japan donated medical equipment to the hospital in Kabul.",
    "RETREAT": "The rebels withdrew their fighters from the town.",
    "DEMAND": "The opposition demanded the resignation of the interior minister.",
    "DISAPPROVE": "The ministry accused the rebels of violating the truce.",
    "REJECT": "The parliament rejected the proposed constitutional changes.",
    "THREATEN": "The union threatened a general strike over pensions.",
    "PROTEST": "Thousands of students demonstrated outside parliament in Dhaka.",
    "SANCTION": "Norway expelled two Russian diplomats for spying.",
    "MOBILIZE": "The army mobilized reservists along the northern border.",
    "COERCE": "Police arrested 40 protesters in the capital.",
    "ASSAULT": "Gunmen ambushed an aid convoy near Mopti.",
    "FIGHT": "Government forces shelled rebel positions near the airport.",
    "INVESTIGATE": "Prosecutors are investigating alleged war crimes in the region.",
}


@pytest.mark.parametrize(("kind", "sentence"), sorted(SENTENCES.items()))
def test_each_type_on_a_sentence_of_ours(nlp, kind: str, sentence: str) -> None:
    assert _main(nlp, sentence).type == kind


def test_actor_and_recipient_with_entity_ids(nlp) -> None:
    event = _main(nlp, "Norway expelled two Russian diplomats for spying.")
    assert event.actor is not None and event.actor.text == "Norway"
    assert event.recipient is not None and "diplomats" in event.recipient.text
    text = "Norway expelled two Russian diplomats for spying."
    assert text[event.trigger_start : event.trigger_end] == event.trigger == "expelled"


def test_passive_voice_swaps_the_roles(nlp) -> None:
    event = _main(nlp, "An aid convoy was ambushed by gunmen on motorbikes.")
    assert event.type == "ASSAULT"
    assert event.actor is not None and "gunmen" in event.actor.text
    assert event.recipient is not None and "convoy" in event.recipient.text


def test_negation_is_flagged(nlp) -> None:
    event = _main(nlp, "Russia will not share intelligence with the United States.")
    assert event.negated and event.type == "REJECT"
    assert event.recipient is not None and "United States" in event.recipient.text
    assert not _main(nlp, "Russia shared intelligence with the United States.").negated


def test_hypothetical_and_future_are_flagged(nlp) -> None:
    event = _main(nlp, "The farmers said they would blockade the port if prices fell.")
    assert event.hypothetical and event.type == "THREATEN"
    assert event.actor is not None and event.actor.text == "The farmers"
    future = _main(nlp, "The army will withdraw its troops from the valley next week.")
    assert future.future and not future.hypothetical
    assert not _main(nlp, "The army withdrew its troops from the valley.").future


def test_reported_events_are_flagged(nlp) -> None:
    event = _main(nlp, "Officials said the militants attacked a police post overnight.")
    assert event.type == "ASSAULT" and event.reported
    assert event.actor is not None and event.actor.text == "the militants"
    assert not _main(nlp, "The militants attacked a police post overnight.").reported


def test_the_same_event_reported_twice_is_one_event(nlp) -> None:
    text = (
        "Police arrested 40 protesters in the capital.\n\n"
        "Police arrested 40 protesters in the capital, witnesses said."
    )
    found = _events(nlp, text)
    assert len(found) == 1 and len(found[0].mentions) == 2


def test_no_event_in_plain_description(nlp) -> None:
    assert _events(nlp, "The river is wide and the hills are green in spring.") == []


def test_seed_events(seed_text: str) -> None:
    import newsgraph
    from newsgraph.pipeline import default_pipeline

    article = newsgraph.read_text(seed_text, published=datetime(2015, 6, 24, tzinfo=UTC))
    article = default_pipeline()(article)
    found = article.events
    assert found and not any(e.negated for e in found)
    assert all(
        article.body_start <= e.trigger_start or e.trigger_end <= article.body_start for e in found
    )
    assert not any("share" in e.trigger for e in found)  # "Russia ‘will not’ share" is related

    pledge = [
        e
        for e in found
        if e.type == "SUPPORT"
        and "allegiance" in e.trigger.lower()
        and e.actor
        and "militants" in e.actor.text
    ]
    assert pledge and pledge[0].recipient and pledge[0].recipient.entity_id == "organization:isis"
    fealty = [e for e in found if "fealty" in e.trigger]
    assert fealty and fealty[0].date is not None and fealty[0].date.text == "Sunday"

    welcome = [e for e in found if e.type == "SUPPORT" and "welcomed" in e.trigger]
    assert welcome and welcome[0].actor and "al-Adnani" in welcome[0].actor.text
    assert len(welcome) == 1 and len(welcome[0].mentions) == 2  # standfirst and body

    appoint = [e for e in found if "names" in e.trigger]
    assert appoint and appoint[0].recipient and "al-Qadari" in appoint[0].recipient.text

    mobilize = [e for e in found if e.type == "MOBILIZE"]
    assert mobilize and mobilize[0].actor and "Russians" in mobilize[0].actor.text
    assert mobilize[0].amount is not None and mobilize[0].amount.text == "up to 2,000"
