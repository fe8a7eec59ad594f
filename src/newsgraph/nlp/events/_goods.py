"""Verbs read by what they take: goods, money and aid handed over, armed units moved, visitors
received, and whom an expulsion sends away.

The CAMEO verb dictionary codes many verbs of giving, moving and receiving by the verb alone, as
no event or as plain cooperation ("send", "station", "receive"). What the verb takes says which
act it is (``data/events/words.toml`` names the words):

- relief goods handed over are humanitarian aid (073), weapons military aid (072) unless they
  are the giver's own (disarming, 0873), money economic aid (071), and aid itself the kind its
  adjective names (070 when none does): "The charity shipped tents to the valley";
- armed units moved are a deployment (154): "The navy stationed two frigates off the cape";
- a person received is a visit hosted (043): "The king received the envoy at the palace";
- a person or a thing handed over ("hand", "turn over", which the dictionary lacks) is given
  (060), returned when a captive or the dead (0841), handed to justice when a suspect (063);
- an expulsion of peacekeepers, observers, aid agencies or diplomats is CAMEO's "expel or
  withdraw" (166x), not the deportation of a person.

Each reading looks only at the words hanging on the verb or on its objects: its cost is bounded
by their number, whatever the sentence's length.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.nlp.events._cameo import in_synset
from newsgraph.nlp.events._lexicon import lemma_of
from newsgraph.nlp.events._lexicon import words as word_lists

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Token

__all__ = ["code_by_what_it_takes", "expelled_code", "goods", "military"]

_OWN = frozenset({"its", "their"})


def military(token: Token | None) -> bool:
    """Is the noun a military unit (the dictionary's &MILITARY set, or ``military_units``), or
    members or units of one named before it ("National Guard members", "navy units")?"""
    if token is None or token.pos_ not in ("NOUN", "PROPN"):
        return False
    if _armed(token):
        return True
    return lemma_of(token) in _MEMBERS and any(
        c.dep_ == "compound" and _armed(c) for c in token.children
    )


# Nouns for the people or parts of a unit named before them ("National Guard members").
_MEMBERS = frozenset({"contingent", "detachment", "member", "officer", "personnel", "unit"})


def _armed(token: Token) -> bool:
    return in_synset(token, "MILITARY") or lemma_of(token) in word_lists().military_units


def _objects_of(nouns: Sequence[Token]) -> list[Token]:
    """What each noun is a measure, a part or one of ("two planeloads of medicine", "part of
    the mission")."""
    return [
        o
        for noun in nouns
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for o in c.children
        if o.dep_ == "pobj"
    ]


def _compounds(nouns: Sequence[Token]) -> list[Token]:
    """The nouns naming what each noun is of or for ("food parcels", "the aid coordinator")."""
    return [c for n in nouns for c in n.children if c.dep_ == "compound"]


def goods(verb: Token) -> list[Token]:
    """What a verb of giving hands over: what it supplies someone with ("supplied the army with
    rockets"), else its object ("sent medicine", "handed the ministry a shipment"), else its
    indirect object (a parse that reads the thing given as one); then what a measure of them
    holds ("two planeloads of medicine", "a shipment of tents"), the nouns coordinated with
    them, and what a container or a kind is of ("food parcels", "fuel trucks"). The one given
    to is none of them: "handed the food agency a letter" hands over no food."""
    supplied = [
        o for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for o in c.children
    ]
    found = (
        supplied
        or [c for c in verb.children if c.dep_ == "dobj"]
        or [c for c in verb.children if c.dep_ == "dative"]
    )
    nouns = [*found, *_objects_of(found)]
    nouns += [c for n in nouns for c in n.children if c.dep_ == "conj"]
    return nouns + _compounds(nouns)


def _aid_kind(handed: Sequence[Token]) -> str:
    """The CAMEO code of aid by the adjective naming its kind (``aid_kinds``: "humanitarian
    assistance" 073, "military aid" 072), else aid unspecified (070)."""
    kinds = word_lists().aid_kinds
    for noun in handed:
        for child in noun.children:
            if child.dep_ in ("amod", "compound") and lemma_of(child) in kinds:
                return kinds[lemma_of(child)]
    return "070"


def _money(handed: Sequence[Token]) -> bool:
    """Are the goods money: ``money`` words, the dictionary's &CURRENCY set, or an amount
    written with a sign of money ("$3 billion")?"""
    listed = word_lists().money
    return any(
        lemma_of(t) in listed
        or in_synset(t, "CURRENCY")
        or any(lemma_of(c) in listed for c in t.children)
        for t in handed
    )


def _own_things(handed: Sequence[Token]) -> bool:
    """Are the goods the giver's own ("its weapons", "their rifles")?"""
    return any(c.dep_ == "poss" and c.lower_ in _OWN for t in handed for c in t.children)


def _delivery(verb: Token) -> str | None:
    """Giving or sending relief goods, weapons, money or aid (``giving_verbs``): humanitarian
    aid (CAMEO 073: "The republic sent two planeloads of medicine to the province"), military
    aid (072: "The alliance supplied the army with rockets"), a side's own weapons given up
    (0873), economic aid (071) or aid of the kind its adjective names; carrying
    (``carrying_verbs``) delivers only relief goods and aid ("a convoy carrying flour"). The
    dictionary codes these verbs' bare forms as no event or as cooperation (060), and knows
    few goods by name."""
    said = word_lists()
    lemma = lemma_of(verb)
    carrying = lemma in said.carrying_verbs
    if lemma not in said.giving_verbs and not carrying:
        return None
    handed = goods(verb)
    lemmas = {lemma_of(t) for t in handed}
    if lemmas & said.relief_goods:
        return "073"
    if carrying:  # "a convoy carrying aid"; a weapon or money carried is handed to no one
        return _aid_kind(handed) if lemmas & said.aid_words else None
    if lemmas & said.arms or any(in_synset(t, "WEAPON") for t in handed):
        # a side giving up its own weapons disarms (CAMEO 0873, demobilize armed forces): "The
        # guerrillas delivered their machine guns to the truce commission", not military aid
        return "0873" if _own_things(handed) else "072"
    if _money(handed):
        return "071"
    if lemmas & said.aid_words:
        return _aid_kind(handed)
    return None


def _movement(verb: Token) -> str | None:
    """Moving armed units (``moving_verbs``): a deployment (CAMEO 154: "The navy stationed two
    frigates off the islands"), which the dictionary codes as no event for these verbs' bare
    forms and the additions name only for its &MILITARY set."""
    if lemma_of(verb) not in word_lists().moving_verbs:
        return None
    if not any(military(t) or in_synset(t, "AIRCRAFT") for t in goods(verb)):
        return None
    return "154"


def _hosting(verb: Token) -> str | None:
    """Receiving a visitor (``hosting_verbs`` with a person named, or one of ``visitors``):
    CAMEO 043, host a visit ("The king received the visiting envoy at the palace"). The
    dictionary files "receive" with obtaining things, and codes its bare form as no event."""
    said = word_lists()
    if lemma_of(verb) not in said.hosting_verbs:
        return None
    # the guest received, or in the passive the one received ("The envoy was received by the
    # king")
    guests = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not any(g.ent_type_ == "PERSON" or lemma_of(g) in said.visitors for g in guests):
        return None
    return "043"


# Verbs that hand a person or a thing over to another party: "hand" (in any form: "handed the
# army a radar") and "turn" with "over". The dictionary lacks both ("hand" is no verb of it, and
# it has no "turn over"); they are its "give" (060, GRANT) and, done with a person in custody,
# its "release &HOSTAGE" (0841) or "extradite &SUSPECT" (063).
_HANDING = frozenset({"hand", "turn"})
# What is returned when handed over: the dictionary's &HOSTAGE set, and the dead ("The militia
# handed over the remains of two pilots": CAMEO 0841, return persons).
_REMAINS = frozenset({"body", "corpse", "remains"})
# Besides the dictionary's &SUSPECT set: a person handed over to a court or a state.
_WANTED = frozenset({"fugitive", "wanted"})
# Papers handed to someone ("handed the minister a letter"): a message delivered, not a thing
# given; handed over ("handed over the files"), they change hands.
_PAPERS = frozenset(
    {"document", "letter", "list", "memo", "message", "note", "petition", "report", "statement"}
)


def _handover(verb: Token) -> str | None:
    """Handing a person or a thing over (`_HANDING`), where `_delivery` found no aid in it:
    returning captives or the dead (CAMEO 0841), handing a suspect to justice (063), else
    giving (060), but for papers handed to someone (a message). "Turn" needs its "over";
    neither verb with another particle ("handed down a sentence", "turned back the boats") is
    a handover."""
    lemma = lemma_of(verb)
    if lemma not in _HANDING:
        return None
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    over = "over" in particles or any(
        c.dep_ in ("prep", "advmod") and c.lower_ == "over" for c in verb.children
    )
    if particles - {"over"} or (lemma == "turn" and not over):
        return None
    handed = goods(verb)
    if not handed:
        return None
    words = {lemma_of(t) for t in handed} | {t.lower_ for t in handed}  # "remains": "remain"
    if words & _REMAINS or any(in_synset(t, "HOSTAGE") for t in handed):
        return "0841"
    wanted = any(
        lemma_of(t) in _WANTED
        or in_synset(t, "SUSPECT")
        or any(lemma_of(c) in _WANTED for c in t.children if c.dep_ == "amod")
        for t in handed
    )
    if wanted:
        return "063"
    if not over and {lemma_of(t) for t in handed} & _PAPERS:
        return None
    return "060"


def code_by_what_it_takes(verb: Token) -> str | None:
    """The CAMEO code of a verb of giving, moving forces, receiving or handing over, read by
    what it takes (`_delivery`, `_movement`, `_hosting`, `_handover`, in that order); None for
    any other verb, or one whose objects say no act. The caller checks that the word is used as
    a verb."""
    said, lemma = word_lists(), lemma_of(verb)
    if (  # (tested one by one: a generator costs more than the five look-ups)
        lemma not in said.giving_verbs
        and lemma not in said.carrying_verbs
        and lemma not in said.moving_verbs
        and lemma not in said.hosting_verbs
        and lemma not in _HANDING
    ):
        return None  # most verbs: none of the four kinds (their objects left unread)
    return _delivery(verb) or _movement(verb) or _hosting(verb) or _handover(verb)


def expelled_code(targets: Sequence[Token]) -> str | None:
    """The CAMEO 166x code (``expelled_*``) of an expulsion of `targets` (its recipient and the
    objects of its trigger), read from them, what each is part or one of, and the nouns naming
    it ("part of the mission", "the relief coordinator"); None when none is listed."""
    expelled = word_lists().expelled
    found = [*targets, *_objects_of(targets)]
    for target in (*found, *_compounds(found)):
        code = expelled.get(lemma_of(target))
        if code is not None:
            return code
    return None
