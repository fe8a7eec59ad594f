"""What an act is done to: whether that can be a party at all, and which words of the sentence
are part of the act's own phrase rather than its recipient.

An event is an act between parties (PETRARCH codes one only when it finds actors on both sides
of the verb). These checks drop or correct the acts whose other side is no party (the word
lists are ``data/events/words.toml``'s):

- A hostile act (its trigger's own code ASSAULT, COERCE or THREATEN) done to an abstract ill, a
  blaze, a lack, a future (``idle_objects``) or a quantity (``counted_objects``) and to no party
  besides is a figure of speech, no event ("The mayor vowed to fight graft", "Crews battled the
  flames", "The incumbent took 40 percent of the ballots", "The clinic struggled with a shortage
  of nurses"); unless the act's phrase names the object ("opened fire"). A coercive act against
  an offence (``offences``: "cracked down on crime") is aimed at its offenders and stays.
- An object the dictionary's pattern names is part of the verb's phrase, not its recipient
  ("Gunmen opened fire on the villagers": the villagers, not "fire"); a recipient found in
  another verb's clause must be a possible party ("used tear gas to clear the square": no
  recipient).
- A statement (CAMEO 01x) negated or refused ("The embassy did not comment", "She declined to
  comment") is CAMEO 011, declining comment, which has no PLOVER type: no event, not a
  rejection; nor is the act noun it is about an act of its speaker ("did not comment on the
  raid").
- A noun that is a dictionary verb's form but names a document or a person (``non_act_nouns``:
  "the bill", "volunteers") and no doer of its own is no act by itself.
- A condition or a happening named as the doer (``idle_doers``: "Unrest has driven thousands
  from the valley") with no party of its own is no doer: the act has none.
- An actor is never its own recipient.
- A warning about what a force of nature or a market quantity will do (``non_agents``: "warned
  that more snow was due") is a forecast, no threat: no event; nor is a need told in the
  passive with no one named ("a new law was needed"), though the dictionary files "need" with
  demands.
- A weapon or an act named as the doer with no party behind it ("A drone struck the depot"),
  coded as known armed forces (MIL) by the actor tables, is the unknown armed hand (UAF) of its
  country, as ICEWS codes an unidentified attacker.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from newsgraph.nlp.events._actors import describe
from newsgraph.nlp.events._cameo import codes, is_weapon, match_verb
from newsgraph.nlp.events._lexicon import dirs_in_use, lemma_of, words
from newsgraph.nlp.events._refs import (
    MEANS,
    act_nouns,
    is_party,
    modifier_actor,
    nominal_parties,
)
from newsgraph.rules import read_toml, strings

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from spacy.tokens import Token

    from newsgraph.model import Actor
    from newsgraph.nlp.events import Coded

    Parties = tuple[Token | None, Token | None]

_WORDS_FILE = "data/events/words.toml"
# Hostile PLOVER types: an act of force or coercion needs a party to be done to.
_HOSTILE = frozenset({"ASSAULT", "COERCE", "THREATEN"})
# Prepositions that name the party an act in a fixed phrase is aimed at ("opened fire on the
# crowd", "took aim at the envoy").
_AIMED = ("on", "at", "against", "upon", "toward", "towards")
# Prepositions that name a party an act is directed at or taken from (not a place: "in", "near").
_DIRECTED = frozenset({*_AIMED, "from", "to", "for", "with"})


@dataclass(frozen=True, slots=True)
class ObjectWords:
    idle_objects: frozenset[str]
    offences: frozenset[str]
    counted_objects: frozenset[str]
    phrase_objects: frozenset[str]
    tallies: frozenset[str]
    non_act_nouns: frozenset[str]
    idle_doers: frozenset[str]


def object_words() -> ObjectWords:
    """The lists of ``words.toml`` this module reads, for the data folders in use."""
    return _object_words(dirs_in_use())


@lru_cache(maxsize=4)
def _object_words(dirs: tuple[Path, ...]) -> ObjectWords:
    table = read_toml("events/words.toml", dirs)

    def listed(key: str) -> frozenset[str]:
        return frozenset(strings(table.get(key, []), key, _WORDS_FILE))

    return ObjectWords(
        idle_objects=listed("idle_objects"),
        offences=listed("offences"),
        counted_objects=listed("counted_objects"),
        phrase_objects=listed("phrase_objects"),
        tallies=listed("tallies"),
        non_act_nouns=listed("non_act_nouns"),
        idle_doers=listed("idle_doers"),
    )


def silenced(code: str, refused: bool) -> bool:
    """Is the act a statement (CAMEO 01x) negated or refused ("did not comment", "declined to
    comment")? CAMEO codes that as 011, declining comment: a statement, no PLOVER event."""
    return refused and code.startswith("01")


# What a noun names its parties or its kind by: with one of these the noun may name an act.
_ARGUMENTS = frozenset({"poss", "compound", "prep", "nmod", "acl", "relcl"})


def not_an_act(noun: Token) -> bool:
    """Is the noun, a dictionary verb's form, one that names a document, a person, a power or a
    pause (``non_act_nouns``: "the bill", "three volunteers", "foreign influence", "a clean
    break") rather than an act: a noun with no party or kind of its own ("a break with the old
    ally" is a rupture, "a jail break" an escape)?"""
    if lemma_of(noun) not in object_words().non_act_nouns:
        return False
    if any(c.dep_ in _ARGUMENTS for c in noun.children):
        return False  # "a break with the old ally", "the jail break", "the envoy's break"
    return nominal_parties(noun)[0] is None  # "a break by the faction": the faction's act


def _phrase_words(coded: Coded) -> frozenset[str]:
    """The words the act's own phrase names: its trigger's words and the object words of the
    dictionary pattern that coded it ("fire" of "open fire")."""
    match = coded.match
    found = {lemma_of(t) for t in match.tokens}
    if match.kind == "pattern":
        cameo = match_verb(match.head)
        if cameo is not None:
            for clue in cameo.pattern.object:
                found |= clue.words
    return frozenset(found)


def _direct_objects(head: Token, verb: Token) -> list[Token]:
    """The direct objects of the trigger and of its clause verb, and what it struggles or
    copes "with" ("struggled with a lack of funds")."""
    found = []
    for node in (head, verb) if verb.i != head.i else (head,):
        for child in node.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                found.append(child)
            elif child.dep_ == "prep" and child.lower_ in ("with", "against", "to"):
                found += [c for c in child.children if c.dep_ == "pobj"]
    return found


def _party_besides(head: Token, verb: Token) -> bool:
    """Does a preposition of the trigger or of its verb name a possible party ("withheld aid
    from the agency", "fought the fire with the rebels")?"""
    for node in (head, verb) if verb.i != head.i else (head,):
        for child in node.children:
            if (
                child.dep_ == "prep"
                and child.lower_ in _DIRECTED
                and any(is_party(c) for c in child.children if c.dep_ == "pobj")
            ):
                return True
            if child.dep_ == "dative" and is_party(child):
                return True
    return False


def _idle_target(coded: Coded, done_to: Token | None) -> bool:
    """Is the act a hostile one (by its trigger's own code: a threat to cut funding is a threat
    of a sanction) done to no party but an abstract ill, a blaze or a lack (``idle_objects``)
    or a quantity (``counted_objects``), which its phrase does not name?"""
    match = coded.match
    if match.kind in ("noun", "nominal"):
        return False
    own = codes().get(match.code)
    kind = own.type if own is not None else None
    if kind not in _HOSTILE:
        return False
    lists = object_words()
    idle = lists.counted_objects | lists.idle_objects
    if kind == "COERCE":  # "cracked down on crime": aimed at offenders
        idle = idle - lists.offences
    if done_to is not None and (done_to.dep_ != "poss" or kind == "THREATEN"):
        if lemma_of(done_to) not in idle or _party_besides(match.head, coded.verb):
            return False  # a party, or a thing that may be one's ("shelled the depot")
        return lemma_of(done_to) not in _phrase_words(coded)
    # no recipient, or the owner of the object ("take our future away"; a threat to one's
    # future is a threat to its owner): the object decides
    objects = _direct_objects(match.head, coded.verb)
    if not objects or any(lemma_of(o) not in idle for o in objects):
        return False
    named = _phrase_words(coded)
    return all(lemma_of(o) not in named for o in objects)


# Adverbs of degree: a participle they grade describes, as an adjective does ("the countries
# most exposed to floods"), and names no act.
_DEGREE = frozenset({"least", "less", "more", "most", "particularly", "so", "too", "very"})


def _idle_doer(doer: Token) -> bool:
    """Is the doer, a noun of ``idle_doers`` ("violence", "unrest", "the drought"), one that
    names no party of its own? "Unrest has driven thousands from the valley" names no one who
    drove them; "the army's violence", "violence by settlers" do."""
    if any(c.dep_ in ("poss", "compound", "amod") and is_party(c) for c in doer.children):
        return False  # "the army's violence", "settler violence", "Russian aggression"
    return nominal_parties(doer)[0] is None


def _counted(noun: Token) -> bool:
    """Is the noun a quantity (``counted_objects``: "60 percent") or a tally a number counts
    (``tallies``: "13 votes")?"""
    lists, lemma = object_words(), lemma_of(noun)
    if lemma in lists.counted_objects:
        return True
    return lemma in lists.tallies and any(c.dep_ == "nummod" for c in noun.children)


def _no_act_by_default(coded: Coded, done_to: Token | None) -> bool:
    """Is the act a verb's bare default (no pattern words matched) done to a count or a
    quantity ("The resolution passed with 13 votes", "The militias control 60 percent of the
    delta"), or told by a participle an adverb of degree grades ("the countries most exposed
    to floods")? Neither names an act between parties."""
    match = coded.match
    if match.kind != "verb":
        return False
    head = match.head
    graded = any(c.dep_ == "advmod" and c.lower_ in _DEGREE for c in head.children)
    if graded and head.tag_ == "VBN" and head.dep_ in ("acl", "amod", "acomp"):
        return True
    return done_to is not None and _counted(done_to)


def _aimed_at(coded: Coded, done_to: Token | None) -> Token | None:
    """The recipient, once an object that is the act itself in the phrase the pattern names
    (``phrase_objects``) is set aside: "Troops opened fire on the crowd" is aimed at the crowd;
    "opened fire" alone at nobody."""
    head = coded.match.head
    if done_to is None or done_to.dep_ != "dobj" or done_to.head.i != head.i:
        return done_to
    lemma = lemma_of(done_to)
    if coded.match.kind != "pattern" or lemma not in object_words().phrase_objects:
        return done_to  # "ambushed a convoy": the target the pattern names
    if lemma not in _phrase_words(coded):
        return done_to
    for node in (head, done_to):
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in _AIMED:
                party = next((c for c in child.children if c.dep_ == "pobj"), None)
                if party is not None:
                    return party
    return None


def _under_silence(head: Token) -> bool:
    """Is the act noun the topic of a statement the sentence says was not made ("The ministry
    did not comment on the raid": no raid by the ministry)? A negated verb above it whose
    dictionary code is a statement (CAMEO 01x)."""
    node, steps = head, 0
    while node.head.i != node.i and steps < 8:
        node, steps = node.head, steps + 1
        if node.pos_ not in ("VERB", "AUX"):
            continue
        if any(c.dep_ == "neg" for c in node.children):
            cameo = match_verb(node)
            return cameo is not None and (cameo.code or "").startswith("01")
        return False
    return False


def _off_clause(coded: Coded, done_to: Token | None) -> bool:
    """Is the recipient found in another verb's clause (the object of an infinitive of purpose:
    "Police used water cannon to clear the square") and no possible party? A place or a thing
    cleared is not the one the act was done to."""
    if done_to is None:
        return False
    own, node, steps = {coded.match.head.i, coded.verb.i}, done_to, 0
    while node.i not in own and node.head.i != node.i and steps < 16:
        node, steps = node.head, steps + 1
        if node.pos_ in ("VERB", "AUX") and node.i not in own:
            # the first verb above it: a clause of purpose the act's verb governs ("used water
            # cannon to clear the square"), not a verb that shares its sides ("was jostled and
            # booed")
            purpose = node.dep_ in ("xcomp", "advcl") and node.head.i in own
            return purpose and not is_party(done_to)
    return False


# Verbs of needing that the dictionary files with demands (CAMEO 10): in the passive with no one
# named they state a need, and no one demands anything ("Rain is needed for the harvest", "The
# permit was wanted by Friday").
_NEEDING = frozenset({"necessitate", "need", "want"})


def _unclaimed_need(coded: Coded) -> bool:
    """Is the act a verb of needing in the passive with no agent ("a new law was needed")?"""
    head = coded.match.head
    if coded.match.kind in ("noun", "nominal") or lemma_of(head) not in _NEEDING:
        return False
    deps = {c.dep_ for c in head.children}
    return "auxpass" in deps and "agent" not in deps


# Prepositions that name what a warning is about ("warned of floods", "cautioned about the heat").
_ABOUT = frozenset({"about", "of", "over"})


def _hazard_warning(coded: Coded) -> bool:
    """Is the act a warning (``warning_verbs``) about what a force of nature or a market
    quantity (``non_agents``) will do ("The weather office warned that more snow was due", "The
    agency cautioned of high winds on the coast")? A forecast, no threat nor complaint toward
    a party: no political event."""
    head = coded.match.head
    said = words()
    if coded.match.kind in ("noun", "nominal") or lemma_of(head) not in said.warning_verbs:
        return False
    about: list[Token] = []
    for child in head.children:
        if child.dep_ == "ccomp":  # "warned that the storm would reach …": its subject
            about += [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")]
        elif child.dep_ == "prep" and child.lower_ in _ABOUT:
            about += [c for c in child.children if c.dep_ == "pobj"]
    return bool(about) and all(lemma_of(t) in said.non_agents for t in about)


def screened(found: list[Coded], participants: Callable[[Coded], Parties]) -> list[Coded]:
    """The acts done to a possible party (`_idle_target` drops the others), each with its
    parties (`participants` reads those not read yet), the recipient set apart from the act's
    own phrase (`_aimed_at`)."""
    kept = []
    idle_doers = object_words().idle_doers
    for coded in found:
        doer, done_to = coded.parties if coded.parties is not None else participants(coded)
        if _idle_target(coded, done_to) or _no_act_by_default(coded, done_to):
            continue
        if _hazard_warning(coded) or _unclaimed_need(coded):
            continue  # "warned that more rain was expected": a forecast; "was needed"
        if coded.match.kind in ("noun", "nominal") and _under_silence(coded.match.head):
            continue
        idle = (
            doer is not None
            and lemma_of(doer) in idle_doers  # (before the part of speech: cheaper, and rare)
            and doer.pos_ == "NOUN"
            and _idle_doer(doer)
        )
        if idle:
            doer = None  # "Violence has driven thousands from their homes": no one named
        aimed = None if _off_clause(coded, done_to) else _aimed_at(coded, done_to)
        if doer is not None and aimed is not None and aimed.i == doer.i:
            aimed = None  # an actor is never its own recipient
        if coded.parties is not None or aimed is not done_to or idle:
            coded = coded.with_parties((doer, aimed))
        kept.append(coded)
    return kept


def unknown_hand(doer: Token | None, actor: Actor | None) -> Actor | None:
    """The actor of a hostile act whose doer is a weapon or an act with no party behind it ("A
    drone struck the depot", "Drone strike hits depot"), which the actor tables code as armed
    forces (MIL) as though they were known: the unknown armed hand (UAF) of its country instead,
    as ICEWS codes an unidentified attacker ("Unidentified Forces (Russia)")."""
    if doer is None or actor is None or actor.entity_id is not None or actor.roles != ["MIL"]:
        return actor
    lemma = lemma_of(doer)
    weapon = lemma in MEANS or lemma in words().arms or is_weapon(doer)
    if doer.pos_ != "NOUN" or not (weapon or lemma in act_nouns()):
        return actor
    if any(c.dep_ == "poss" for c in doer.children) or modifier_actor(doer) is not None:
        return actor  # "Turkish drones", "the army's drones": a party's
    if nominal_parties(doer)[0] is not None:
        return actor  # "a strike by the navy"
    unknown = describe(f"{actor.country or ''}UAF")
    return actor.model_copy(update={"code": unknown.code, "roles": list(unknown.roles)})


def distinct(actor: Actor | None, recipient: Actor | None) -> Actor | None:
    """The recipient, unless it is the actor itself (an actor is never its own recipient)."""
    if actor is None or recipient is None:
        return recipient
    same_entity = actor.entity_id is not None and actor.entity_id == recipient.entity_id
    same_words = actor.text.strip().lower() == recipient.text.strip().lower()
    return None if same_entity or same_words else recipient
