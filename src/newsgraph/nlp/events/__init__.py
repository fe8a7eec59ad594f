"""The events stage: who did what to whom, coded to CAMEO and PLOVER, with the evidence.

Method, per sentence:

1. **Discards.** A sentence holding a phrase of the Phoenix discard list (sports results,
   entertainment, disease: ``data/events/cameo/discards.tsv``) reports no political event, nor
   does one naming a year before the article's own (history), nor one giving a match score
   ("beat Salford 3-1"; not a vote's count, "voted 7-2"); a headline holding a story-level
   phrase ("Champions League") discards the whole article.
2. **Triggers.** Each verb is coded by the PETRARCH2 CAMEO verb dictionary (`_cameo`): its
   lemma, particle, prepositions, subject and object words against its patterns, the most
   specific pattern winning over the verb's default code. The additions layer
   (``data/events/lexicon.tsv``, `_lexicon`) adds what the dictionary lacks: noun triggers
   ("airstrike", "talks") and verbs it does not code. A dictionary pattern that names words
   beats an addition that names fewer; an addition beats a verb's bare default. A sentence
   whose triggers code no event (none, or only statements, CAMEO 01x: "the ministry
   emphasised the ban") falls back on its nouns that are a dictionary verb's own form ("the
   arrest", "the ban"). Verbs of giving, moving forces and receiving that the dictionary
   leaves uncoded are read by what they take (`_goods`, ``words.toml``): relief goods,
   weapons, money or aid handed over are aid (07x), armed units moved a deployment (154), a
   person received a visit hosted (043). A noun or an object the sentence says none of ("no
   shots were fired") is no act.
3. **Pruning.** A light verb whose object is itself an act ("led to the arrest", "carried out
   airstrikes") gives way to that act, as does a verb with no object whose subject is an act
   ("Fighting raged"), or a verb of impact whose subject is a measure ("Sanctions on the regime
   hit its oil sector": the sanctions). An order to armed forces or police to use force is
   that use of force, the commander's ("The colonel ordered his soldiers to shell the
   ridge"). A governing verb of intention, refusal or threat
   ("agreed to reopen", "refused to release", "threatened to shell") and a reporting verb
   ("said", "claimed") give way to the act they govern, which takes their modality.
4. **The main event.** The trigger closest to the root of the dependency tree wins (ties: the
   longer trigger, then the more specific pattern); triggers coordinated with it ("accepts …
   and names …") or outside its clause are events too.
5. **Modality.** Negation (a ``neg`` dependent), refusal, future and hypothetical markers
   ("will", "would", "if", a governing "plan", "promise", "agree") and "must" recode the act
   the CAMEO way (`_cameo.recoded`): a negated or refused cooperative act is a 12x REJECT code,
   a promised or future one a 03x AGREE code, a future, threatened or conditional act of
   material conflict a 13x THREATEN code, an act someone "must" do a 10x REQUEST code. An act
   noun that a verb brings to an end ("lifted the siege", "cut off support", "put the talks on
   hold") is ended (`_cameo.END_OF`: 16x for cooperation, 08x for conflict); a warning on a
   condition is a threat (130).
6. **Coding.** Each event carries its CAMEO code, PLOVER type and mode, quad class and Goldstein
   value (``event_codes.tsv``) and a `confidence` (`confidence`). A CAMEO code with no PLOVER
   type (01x, public statements) is no event.
7. **Participants** (`_refs`). The actor is the subject of the trigger's clause (the agent of
   a passive; the one who intends, refuses or threatens an act; the speaker of "Y must …", Y
   being the recipient), the recipient its object or the object of "to/with/against/on/…",
   else the owner of a thing object ("the council accepted the rebels' surrender": the
   rebels); an act noun stands for its target ("the arrest of the mayor"). A code for the
   target's act (CAMEO ":173", "appeared before the court") swaps the two. Pronouns refer back
   (to a name in the same sentence, the actor's words are that name's); a relative pronoun is
   the noun its clause describes; a description after a name ("Omar Haddad, the interior
   minister,") is part of the actor. A gerund names its parties as a noun does ("Fighting
   between the army and the rebels"). In a headline with no verb the noun the trigger stands
   beside is the actor ("Rebels ‘seize’ town"). An act announced in the passive with no agent
   ("the ministry said the request was rejected") is the speaker's; an arrest or an attack by
   no one named is coded to the place it happened in ("arrested in Lebanon": ICEWS's practice).
8. **Evidence and place.** The event's span is its sentence, cut at paragraph breaks and
   trimmed; the actor, recipient, date, amount and contexts must lie inside it. The place is the
   event's own (`_evidence.place_of`): one tied to the trigger's clause, else the article's focus.
9. **Attribution, deduplication, conflict.** `reported` for someone else's words (a governing
   speech verb, "according to", a quotation, scare quotes); the same act between compatible
   participants merged into one event with several `mentions`; the article's `tone.conflict`
   the mean Goldstein value of its events.

Confidence (0-1). A full dictionary pattern that matched words starts at 0.7 plus 0.05 a word
(at most 0.9), a verb's bare default at 0.6, a multi-word addition at 0.65, a single-word one
at 0.55, a noun trigger at 0.45 and a noun that is a verb's form at 0.35; then −0.15 if
hypothetical, −0.1 if negated, −0.1 in a headline, −0.05 if nobody takes part (no actor or
recipient), +0.05 when the pattern was written for this very verb. Clipped to 0.05 … 0.95.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, NamedTuple

from newsgraph.model import Actor, Article, Event, Mention
from newsgraph.nlp._doc import text_of
from newsgraph.nlp.events._actors import code_name, describe, forget_phrases, reading_tables
from newsgraph.nlp.events._cameo import (
    DEMAND_OF,
    END_OF,
    INTENT_OF,
    REJECTION_OF,
    THREAT_OF,
    CameoMatch,
    Tree,
    codes,
    discarded,
    forms_of,
    in_synset,
    lemma_index,
    lemma_known,
    match_verb,
    recoded,
    text_words,
    tree_of,
    verb_lemma,
)
from newsgraph.nlp.events._evidence import (
    amount_of,
    clause_span,
    contexts_in,
    date_in,
    inside_quotation_marks,
    place_of,
)
from newsgraph.nlp.events._goods import code_by_what_it_takes, expelled_code, military
from newsgraph.nlp.events._lexicon import (
    NO_EVENT,
    PLOVER_ORDER,
    PLOVER_TYPES,
    SCORE_PATTERN,
    find_matches,
    lemma_of,
    reading_words,
)
from newsgraph.nlp.events._lexicon import Match as Addition
from newsgraph.nlp.events._lexicon import words as word_lists
from newsgraph.nlp.events._refs import (
    RECEIVING_VERBS,
    SUBJECTS,
    References,
    act_nouns,
    actor_of,
    adjunct_of,
    agent_of,
    closing_speaker,
    headline_actor,
    may_act,
    means_only,
    modifier_actor,
    nominal_parties,
    object_of,
    receives_act,
    sender_of,
    speaker_of,
    stray_agent,
    subject_of,
    undergone_source,
    within,
)
from newsgraph.nlp.events._screen import (
    distinct,
    not_an_act,
    screened,
    silenced,
    unknown_hand,
)
from newsgraph.nlp.tone import with_conflict

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from spacy.tokens import Doc, Span, Token

__all__ = [
    "COOPERATIVE",
    "HOSTILE",
    "PLOVER_ORDER",
    "PLOVER_TYPES",
    "STAGE",
    "code_sentence",
    "find_events",
    "forget_phrases",
    "run",
]  # the public names; the rest is private

STAGE = "events"
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "can"})
# PLOVER types by side: quad classes 1-2 (cooperation) and 4 (material conflict) less RETREAT.
COOPERATIVE = frozenset({"SUPPORT", "AID", "CONSULT", "COOPERATE", "CONCEDE", "AGREE"})
HOSTILE = frozenset({"COERCE", "SANCTION", "ASSAULT", "MOBILIZE", "PROTEST"})
# Triggers --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Trigger:
    """The words that carry an act and the CAMEO code the dictionaries give them."""

    tokens: tuple[Token, ...]
    head: Token  # the word that carries the act ("arrest" in "led to the arrest")
    code: str
    swap: bool  # the code is the target's act: actor and recipient trade places
    mode: str | None  # a mode the additions row names (else the code's)
    kind: str  # "pattern", "verb", "addition", "noun", "nominal"
    specificity: float
    own_verb: bool  # the dictionary pattern was written for this very verb
    light: Token | None = None  # the light verb the act stands in for ("led")

    @property
    def start(self) -> int:
        return self.tokens[0].idx

    @property
    def end(self) -> int:
        last = self.tokens[-1]
        return last.idx + len(last.text)


def _verbal(token: Token) -> bool:
    """A verb, or a headline's verb the tagger read as a noun ("Rebels ‘seize’ town"); not a
    participle used as a preposition ("according to", "following the talks")."""
    dep = token.dep_  # (each reading of a label is a look-up: read once)
    if dep in ("prep", "agent", "mark"):
        return False
    pos = token.pos_
    if pos == "VERB" or (token.tag_.startswith("VB") and pos != "AUX"):
        return True
    return (
        pos in ("NOUN", "PROPN")
        and dep in ("appos", "ROOT")
        and any(c.dep_ in ("dobj", "prep") for c in token.children)
        and not _verb_sentences(token.doc)[token.i]
    )


def _verb_sentences(doc: Doc) -> list[bool]:
    """Whether each word's sentence has a verb, read once a doc and kept for its next words: a
    long sentence of nouns in apposition ("the head of …, the chief of …") would otherwise be
    read whole for each of them."""
    global _verbs_kept
    kept = _verbs_kept
    if kept is not None and kept[0] is doc and len(kept[1]) == len(doc):
        return kept[1]
    from spacy.symbols import VERB

    flags = [False] * len(doc)
    verbs = doc.to_array("POS") == VERB  # as an array: not a token object for each word
    for sentence in doc.sents:
        if verbs[sentence.start : sentence.end].any():
            flags[sentence.start : sentence.end] = [True] * len(sentence)
    _verbs_kept = (doc, flags)
    return flags


# The last doc `_verb_sentences` read, and what it found.
_verbs_kept: tuple[Doc, list[bool]] | None = None


def _from_cameo(match: CameoMatch, verb: Token, form: str | None = None) -> Trigger | None:
    """The dictionary's trigger (`form`: the verb's lemma as `keys` reads it, when known)."""
    if match.code is None:
        return None
    pattern = match.pattern
    if form is None:
        form = verb.lemma_.lower() or verb.lower_
    return Trigger(
        tokens=match.tokens,
        head=verb,
        code=match.code,
        swap=pattern.swap,
        mode=None,
        kind="pattern" if pattern.specificity else "verb",
        specificity=pattern.specificity,
        own_verb=pattern.source == form,
    )


def _from_addition(match: Addition, tree: Tree | None = None) -> Trigger | None:
    """The addition's trigger (`tree`: its sentence's, `_tree`, when the caller has it)."""
    if match.pattern.type == NO_EVENT:
        return None
    if tree is None:
        sentence = match.tokens[0].sent
        tokens = list(sentence)
        tree = _tree(sentence, tokens, forms_of(tokens))
    start = tree.start
    # "pledge allegiance": the noun the parse hangs higher
    head = min(match.tokens, key=lambda token: _depth_in(tree, token.i - start))
    noun = head.pos_ in ("NOUN", "PROPN") and not _verbal(head)
    if noun and (_is_date(head) or _denied(head) or _modifier(head)):
        return None
    return Trigger(
        tokens=match.tokens,
        head=head,
        code=match.pattern.cameo,
        swap=False,
        mode=match.pattern.mode,
        kind="noun" if noun else "addition",
        specificity=len(match.pattern.lemmas) - 0.5,
        own_verb=False,
    )


def _modifier(noun: Token) -> bool:
    """A noun trigger that only says what kind of doer the noun after it is ("riot police",
    "attack helicopters", "rescue teams", "the protest leaders"): the sentence speaks of the
    police, not of a riot. Before a noun that is no doer the act stays ("a mediation mission",
    "the currency swap line"), as does a multi-word trigger ("a car bomb", "peace talks"),
    which hangs on its own head."""
    if noun.dep_ != "compound" or noun.head.pos_ not in ("NOUN", "PROPN"):
        return False
    doer = noun.head
    said, lemma = word_lists(), lemma_of(doer)
    return (
        lemma in said.party_nouns
        or lemma in said.people_nouns
        or lemma in said.crowd_nouns
        or lemma in said.doer_heads
        or military(doer)
        or any(in_synset(doer, kind) for kind in _DOER_SETS)
    )


# The dictionary's synonym sets of doers and their arms (`_modifier`).
_DOER_SETS = ("AIRCRAFT", "MILITARY", "PEOPLE", "WEAPON")


def _is_date(token: Token) -> bool:
    """A noun trigger that names a date is none ("in March", "since May")."""
    return token.ent_type_ in ("DATE", "TIME")


def _choose(
    token: Token,
    additions: dict[int, Addition],
    present: frozenset[str] | None = None,
    tree: Tree | None = None,
) -> Trigger | None:
    """The token's trigger: the dictionary's pattern or the addition, the more specific one.

    An addition counts half a word more than a dictionary row with as many words: it beats a
    bare default (the verb's block code, or "no event") but not a pattern that matched more."""
    addition = additions.get(token.i)
    form = tree.forms[token.i - tree.start] if tree is not None else None
    if addition is None:
        # the verb's lemma from the forms the sentence's lists hold, else from the token
        lemma = lemma_known(*form, token) if form is not None else verb_lemma(token)
        if lemma not in lemma_index():
            return None  # most words: neither an addition nor a verb the dictionary knows
    if addition is None and token.dep_ == "amod" and token.tag_ in ("VBN", "VBG"):
        return None  # a participle that describes a noun: "forced labour", "a supporting role"
    match = match_verb(token, present, tree) if _verbal(token) else None
    if match is not None and _fits_by_an_adjective(match, token, tree):
        # "attacked suspected rebel bases": not the dictionary's "attack a suspect"
        own = lemma_known(*form, token) if form is not None else verb_lemma(token)
        entry = lemma_index().get_entry(own)
        match = None
        if entry is not None and entry.default is not None:
            match = CameoMatch(pattern=entry.default, tokens=(token,))
    added = len(addition.pattern.lemmas) - 0.5 if addition else -1.0
    if match is not None and match.pattern.specificity >= added:
        return _from_cameo(match, token, form[0] if form is not None else None)
    return _from_addition(addition, tree) if addition else None


def _fits_by_an_adjective(match: CameoMatch, verb: Token, tree: Tree | None = None) -> bool:
    """Does the dictionary pattern fit only through a participle used as an adjective, read by
    its verb's lemma ("attacked suspected rebel bases": "suspected" is no "suspect", "detained
    wanted men")? The pattern's object words must then be found without it. `tree`: the verb's
    sentence read into lists (`_tree`), when the caller has it (the same words, sooner)."""
    pattern = match.pattern
    if not pattern.object:
        return False
    words: set[str] = set()
    adjectival = False
    for token, dep, lower in _object_words(verb, tree):
        lemma = lemma_of(token)
        if dep == "amod" and token.tag_ in ("VBN", "VBG") and lemma != lower:
            adjectival = True
            words.add(lower)
        else:
            words.update((lemma, lower))
    if not adjectival:
        return False
    found = frozenset(words)
    return not all(clue.found_in(found) for clue in pattern.object)


def _object_words(verb: Token, tree: Tree | None) -> Iterator[tuple[Token, str, str]]:
    """Each word of the verb's direct object and passive subject, with its label and lower-case
    form: read from `tree`'s lists where the caller has them, else from the tokens."""
    if tree is not None:
        deps, forms, tokens = tree.deps, tree.forms, tree.tokens
        for kid in tree.children[verb.i - tree.start]:
            if deps[kid] in ("dobj", "nsubjpass"):
                for at in tree.subtree(kid):
                    yield tokens[at], deps[at], forms[at][1]
        return
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            for token in child.subtree:
                yield token, token.dep_, token.lower_


def _objects(verb: Token) -> list[Token]:
    """What a light verb does: its object, the objects of its prepositions, its passive
    subject ("led to the arrest", "carried out raids", "the raids were conducted")."""
    found = []
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr"):
            found.append(child)
        elif child.dep_ == "prep":
            found += [c for c in child.children if c.dep_ == "pobj"]
    return found


def _nested(node: Token) -> bool:
    """A clause of its own inside a governed clause: a relative or adverbial clause, or a
    report of someone else's ("offered concessions that a negotiator believed could lead to
    an agreement": the agreement is the negotiator's belief, not the offer)."""
    return node.dep_ in ("relcl", "acl", "advcl") or node.head.lemma_.lower() in word_lists().speech


def _governed(verb: Token, others: set[int], tree: Tree | None = None) -> bool:
    """Whether an act among `others` is in a clause that `verb` governs ("refused to release",
    "said the army attacked"); an act it names by a noun ("rejected the appeal") is its object,
    not a clause of its own. `tree`: the verb's sentence read into lists (`_tree`), when the
    caller has it (the same answer, sooner)."""
    if tree is not None:
        start, deps, heads, forms = tree.start, tree.deps, tree.heads, tree.forms
        for kid in tree.children[verb.i - start]:
            dep = deps[kid]
            infinitive = dep == "advcl" and any(
                deps[c] == "aux" and forms[c][1] == "to" for c in tree.children[kid]
            )
            if dep in ("xcomp", "ccomp", "parataxis") or infinitive:
                for at in tree.subtree(kid):
                    if start + at in others:
                        up = at
                        while up != kid and not _nested(tree.tokens[up]):
                            up = heads[up]
                        if up == kid:
                            return True
        return False
    for child in verb.children:
        infinitive = child.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        )  # "sworn to fight" parsed as a clause of purpose
        if child.dep_ in ("xcomp", "ccomp", "parataxis") or infinitive:
            for token in child.subtree:
                if token.i in others:
                    node = token
                    while node.i != child.i and not _nested(node):
                        node = node.head
                    if node.i == child.i:
                        return True
    return False


# What a verb with no object of its own may say of an act named as its subject: that it
# happened, went on or spread ("Fighting raged in the capital", "Clashes erupted near the
# camp"); the act is the event, not the verb's own code.
_OBJECTS = frozenset({"dobj", "dative", "ccomp", "xcomp", "attr", "oprd", "nsubjpass"})


def _act_subject(verb: Token, heads: set[int], tree: Tree | None = None) -> Token | None:
    """The act noun (a trigger of the sentence, among `heads`) that is the subject of `verb`,
    when the verb has no object: "Fighting raged", not "The bombing killed five". `tree`: the
    sentence read into lists (`_tree`), when the caller has it (the same words, sooner)."""
    subject = None
    if tree is not None:
        deps, start = tree.deps, tree.start
        for at in tree.children[verb.i - start]:
            dep = deps[at]
            if dep in _OBJECTS:
                return None
            if dep == "nsubj" and start + at in heads and tree.tokens[at].pos_ == "NOUN":
                subject = tree.tokens[at]
        return subject
    for child in verb.children:
        if child.dep_ in _OBJECTS:
            return None
        if child.dep_ == "nsubj" and child.i in heads and child.pos_ == "NOUN":
            subject = child
    return subject


def _joined_act(verb: Token, heads: set[int]) -> Token | None:
    """The act (a trigger among `heads`) that the verb says someone took part in: "took part in
    a march", "participated in the talks", "joined the strike". Taking part in an act is doing
    it; the verb's own code ("take part": 030) says less."""
    lemma = lemma_of(verb)
    if lemma not in ("take", "participate", "join"):
        return None
    part = lemma != "take" or any(c.dep_ == "dobj" and lemma_of(c) == "part" for c in verb.children)
    if not part:
        return None
    for child in verb.children:
        if lemma == "join" and child.dep_ == "dobj" and child.i in heads:
            return child
        if child.dep_ == "prep" and child.lower_ == "in":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.i in heads:
                    return pobj
    return None


_SCHEDULING = frozenset({"plan", "schedule", "slate"})


def _planned_act(verb: Token, heads: set[int]) -> Token | None:
    """The act (a trigger among `heads`) that the verb says is planned or scheduled, named as
    its object or its passive subject: "A meeting of the two envoys is planned for May", "The
    unions scheduled a strike for Monday". The act is the news; planning it says less."""
    if lemma_of(verb) not in _SCHEDULING:
        return None
    return next(
        (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.i in heads), None
    )


# Texts a body passes, adopts or issues, whose wording is an act of their own, and the verbs
# of passing, adopting and issuing them (approving one is an act of its own: agreement).
_DOCUMENTS = frozenset(
    {"bill", "communique", "declaration", "decree", "law", "letter", "motion", "order"}
    | {"report", "resolution", "ruling", "statement"}
)
_ISSUING = frozenset({"adopt", "issue", "pass", "publish", "release", "send"})


def _worded_act(verb: Token, heads: set[int]) -> Token | None:
    """The act (a trigger among `heads`) that a text the verb passes, adopts or issues is
    worded as: "adopted a motion that urges the prisoners' release" (a call), "passed a law banning
    the party" (a ban), "issued a statement condemning the raid" (a condemnation). The text
    does the act; passing it says less."""
    if lemma_of(verb) not in _ISSUING or verb.pos_ != "VERB":  # (the cheaper test first)
        return None
    for child in verb.children:
        if child.dep_ not in ("dobj", "nsubjpass") or lemma_of(child) not in _DOCUMENTS:
            continue
        for clause in child.children:
            if clause.dep_ in ("acl", "relcl") and clause.i in heads:
                return clause
    return None


# Verbs of command: ordering one's own armed forces or police to use force is using it ("The
# general ordered troops to storm the compound": the general's assault).
_COMMANDING = frozenset({"command", "direct", "instruct", "order"})
# Roles of the forces a commander sends (the actor tables' armed forces and police).
_FORCE_ROLES = frozenset({"MIL", "COP"})
# Verbs of impact: a measure named as their subject is the act, its impact no act of its own
# ("Sanctions on the regime hit the oil sector": the sanctions, not an assault).
_IMPACT = frozenset({"affect", "batter", "cripple", "damage", "hit", "hurt", "squeeze"})


def _commands_force(verb: Token) -> bool:
    """Is the verb (one of ``_COMMANDING``) an order to armed forces or police (its object:
    "ordered troops to …")?"""
    for child in verb.children:
        if child.dep_ == "dobj":
            coded = code_name(lemma_of(child))
            return military(child) or (coded is not None and bool(_FORCE_ROLES & set(coded.roles)))
    return False


def _measure_subject(verb: Token, triggers: list[Trigger]) -> Token | None:
    """The act noun, not one of force, that is the subject of a verb of impact (``_IMPACT``):
    "Washington's sanctions on Caracas hit the oil sector" tells the sanctions' effect; "the
    blast hit the market" is the blast, an assault either way."""
    for child in verb.children:
        if child.dep_ != "nsubj" or child.pos_ != "NOUN":
            continue
        for t in triggers:
            if t.head.i == child.i and t.kind == "noun":
                kind = codes()[t.code].type
                return child if kind is not None and kind != "ASSAULT" else None
    return None


def _prune(triggers: list[Trigger], tree: Tree | None = None) -> list[Trigger]:
    """Drop a light verb doing an act ("led to the arrest"); then a verb of intention, refusal,
    threat or speech that governs a coded act, and a "must" whose verb is coded: the governed
    act is the event. `tree`: the triggers' sentence read into lists (`_tree`), when known."""
    heads = {t.head.i for t in triggers}
    # act noun -> the light verb it stands in for ("led to the arrest": the arrest, led)
    done_by: dict[int, Token] = {}
    said = word_lists()
    for t in triggers:
        if t.kind == "verb" and t.head.lemma_.lower() in said.light_verbs:
            for o in _objects(t.head):
                if o.i in heads:
                    done_by.setdefault(o.i, t.head)
        elif t.kind == "verb":
            subject = _act_subject(t.head, heads, tree) or (
                _measure_subject(t.head, triggers) if t.head.lemma_ in _IMPACT else None
            )
            if subject is not None:
                done_by.setdefault(subject.i, t.head)
        joined = _joined_act(t.head, heads) or _planned_act(t.head, heads)
        if joined is not None:
            done_by.setdefault(joined.i, t.head)
        worded = _worded_act(t.head, heads)
        if worded is not None:
            done_by.setdefault(worded.i, t.head)
    light = {verb.i for verb in done_by.values()}
    heads -= light
    kept = []
    for trigger in triggers:
        head = trigger.head
        if head.i in light:
            continue
        verb = done_by.get(head.i)
        if verb is not None:  # the act takes the light verb's place, and its words
            tokens = tuple(sorted({verb, *trigger.tokens}, key=lambda t: t.i))
            trigger = replace(trigger, tokens=tokens, light=verb)
        if head.dep_ == "aux" and head.head.i in heads:
            continue  # "must withdraw": the withdrawal, demanded
        if (
            head.lemma_.lower() in said.governors
            and trigger.kind != "noun"
            and _governed(head, heads - {head.i}, tree)
        ):
            continue
        if trigger.kind != "noun" and head.lemma_ in _COMMANDING and _commands_force(head):
            forceful = {
                t.head.i for t in triggers if codes()[t.code].type in _STATE_OR_FORCE
            }  # "ordered troops to storm the compound": the storming, the commander's
            if _governed(head, forceful - {head.i}, tree):
                continue
        kept.append(trigger)
    return kept


def _denied(noun: Token) -> bool:
    """A noun the sentence says none of ("no shots were fired", "no arrests were made"):
    an act that did not happen."""
    return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def _denied_object(tree: Tree, at: int) -> bool:
    """A verb (at `at` in its sentence's `tree`) whose object (or passive subject) the sentence
    says none of (`_denied`): "No attacks were reported in the district", "The patrol found no
    weapons"."""
    deps, forms, children = tree.deps, tree.forms, tree.children
    return any(
        deps[c] in ("dobj", "nsubjpass")
        and any(deps[g] == "det" and forms[g][1] == "no" for g in children[c])
        for c in children[at]
    )


_QUESTIONING = frozenset({"ask", "press", "question"})
# Verbs of expecting and believing: in the passive with no one named ("is expected to", "is
# believed to") they hedge the clause they govern, as an adverb would; nobody expects anything.
_HEARSAY = frozenset({"believe", "expect", "think"})


def _agentless_passive(verb: Token) -> bool:
    children = [c.dep_ for c in verb.children]
    return "auxpass" in children and "agent" not in children


_PARTY_ENTITIES = frozenset({"GPE", "NORP", "ORG", "PERSON"})


def _partyless(verb: Token, verb_lemma: str) -> bool:
    """Is the verb one whose dictionary code is its sense toward a party (``party_verbs``:
    "faced the envoy" a meeting, 040; "led the delegation" 060) used with no party as its
    object ("The governor faces re-election", "Stocks climbed, led by bank shares",
    "The men left a note")? Then it names no act between parties."""
    if verb_lemma not in word_lists().party_verbs:
        return False
    if verb_lemma in _DEPARTING and any(c.dep_ == "nsubj" and military(c) for c in verb.children):
        return False  # "The garrison left the town": armed units pull back (`_military_retreat`)
    parties = word_lists().party_nouns
    for child in verb.children:
        objects = [child] if child.dep_ in ("dobj", "dative", "nsubjpass") else []
        if child.dep_ in ("prep", "agent"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
        for noun in objects:
            lemma = lemma_of(noun)
            if noun.ent_type_ in _PARTY_ENTITIES or lemma in parties or lemma in act_nouns():
                return False  # a party, or an act led ("led to the arrest": `_prune`)
            if noun.pos_ == "PRON" and noun.lower_ not in ("it", "this", "that"):
                return False
    return True


def _questioned(verb: Token) -> bool:
    """A fronted past participle of asking with no one named who asks ("Asked about the
    ceasefire, the general said …", "Pressed on the deal, she declined to comment"): the
    main clause's subject was asked, by a reporter the sentence does not name; no act
    between parties."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ == "advcl"
        and verb.i < verb.head.i
        and lemma_of(verb) in _QUESTIONING
        and not any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in verb.children)
    )


def _nominal(token: Token) -> Trigger | None:
    """A noun that is a dictionary verb's own form ("the arrest", "a protest"), coded with the
    verb's default: the fallback of a sentence with no other trigger."""
    if (
        token.pos_ != "NOUN"
        or _is_date(token)
        or _denied(token)
        or _modifier(token)
        or not_an_act(token)
    ):
        return None
    if lemma_of(token) in word_lists().doer_heads:
        return None  # "The head of the agency renewed …": a person, not the verb "head"
    if _share_of(token):
        return None  # "won with 60 percent of the vote": a count, no act
    entry = lemma_index().get(token.lemma_.lower())
    if entry is None or entry.default is None or entry.default.code is None:
        return None
    return Trigger(
        tokens=(token,),
        head=token,
        code=entry.default.code,
        swap=entry.default.swap,
        mode=None,
        kind="nominal",
        specificity=0,
        own_verb=False,
    )


_QUANTITIES = frozenset({"half", "majority", "percent", "proportion", "quarter", "share", "third"})


def _share_of(noun: Token) -> bool:
    """Is the noun what a quantity is a share of ("60 percent of the vote", "a third of the
    seats")?"""
    link = noun.head
    return (
        noun.dep_ == "pobj"
        and link.lower_ == "of"
        and link.head.i != link.i
        and lemma_of(link.head) in _QUANTITIES
    )


def _by_what_it_takes(token: Token) -> Trigger | None:
    """A verb of giving, moving forces or receiving coded by what it takes
    (`_goods.code_by_what_it_takes`: "sent medicine" 073, "stationed frigates" 154, "received
    the envoy" 043), with the weight of a one-word addition."""
    code = code_by_what_it_takes(token)
    if code is None or not _verbal(token):
        return None
    return Trigger(
        tokens=(token,),
        head=token,
        code=code,
        swap=False,
        mode=None,
        kind="addition",
        specificity=1.5,
        own_verb=False,
    )


def triggers_in(
    sentence: Span,
    tokens: Sequence[Token] | None = None,
    forms: Sequence[tuple[str, str]] | None = None,
    tree: Tree | None = None,
) -> list[Trigger]:
    """The sentence's triggers from the dictionary and the additions, before modality and
    ranking. `tokens`: the sentence's tokens, when the caller has walked it already; `forms`,
    their `keys`; `tree`, the parse read into lists (`_tree`)."""
    tokens = list(sentence) if tokens is None else tokens
    if forms is None:
        forms = forms_of(tokens)  # each token's lemma and word, read once
    additions = {m.tokens[0].i: m for m in find_matches(sentence, tokens, forms)}
    present = frozenset(itertools.chain.from_iterable(forms))  # (a genexpr costs a call a word)
    known = lemma_index().lemmas
    found = []
    for token, (lemma, lower) in zip(tokens, forms, strict=True):
        if lemma not in known and not lower.endswith("ed") and token.i not in additions:
            continue  # most words: neither an addition nor a verb the dictionary knows
        if tree is None:  # read once a sentence, and only for one with a candidate
            tree = _tree(sentence, tokens, forms)
        trigger = _choose(token, additions, present, tree)
        if trigger is None or trigger.kind == "verb":  # none, or a verb's bare default
            trigger = _by_what_it_takes(token) or trigger
        if trigger is None:
            continue
        if trigger.kind == "verb" and _partyless(token, lemma):
            continue  # "faces re-election", "led by bank shares": no party met or led
        if trigger.kind == "verb" and lemma in RECEIVING_VERBS and receives_act(token):
            continue  # "faced condemnation from rights groups": the condemnation is the act
        if _denied_object(tree, trigger.head.i - tree.start):
            continue  # "No attacks were reported", "The army killed no civilians"
        if _questioned(trigger.head):
            continue  # "Asked about the talks, the minister said …": a reporter's question
        if lemma in _HEARSAY and _agentless_passive(token):
            continue  # "The heatwave is expected to last": a forecast by no one, no act
        found.append(trigger)
    return _prune(found, tree)


def nominal_triggers_in(
    sentence: Span,
    tokens: Sequence[Token] | None = None,
    forms: Sequence[tuple[str, str]] | None = None,
) -> list[Trigger]:
    """The nouns of the sentence that are a dictionary verb's own form: the fallback of a
    sentence whose verbs code no event ("the ministry emphasised the ban on fishing boats":
    emphasising is a statement, CAMEO 01x; the ban is the act). `tokens` and `forms`: the
    sentence's tokens and their `keys`, when the caller has them."""
    tokens = list(sentence) if tokens is None else tokens
    known = lemma_index().lemmas
    found = []
    for at, token in enumerate(tokens):
        if forms is not None and forms[at][0] not in known:
            continue  # most words: no verb's lemma (a noun's lemma is its first form)
        trigger = _nominal(token)
        if trigger is not None:
            found.append(trigger)
    return _prune(found)


# Modality and coding ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Coded:
    """One trigger in one sentence, coded, before it becomes an `Event`."""

    match: Trigger
    cameo: str
    type: str
    mode: str | None
    depth: int
    negated: bool
    future: bool
    hypothetical: bool
    reported: bool
    verb: Token  # the clause verb the participants hang on
    # the verb of intention or refusal the clause verb hangs on, below any speech verb ("the
    # two sides agreed that …": agreed), read from the sentence's lists (`_intending_in`)
    intending: Token | None = None
    # the doer and the one done to (`_participants`), once read, so that they are read once
    parties: tuple[Token | None, Token | None] | None = None

    def with_parties(self, parties: tuple[Token | None, Token | None] | None) -> Coded:
        """`replace(self, parties=parties)`, made directly: `replace` walks the fields, and
        every act of a sentence is given its parties."""
        return Coded(
            self.match,
            self.cameo,
            self.type,
            self.mode,
            self.depth,
            self.negated,
            self.future,
            self.hypothetical,
            self.reported,
            self.verb,
            self.intending,
            parties,
        )


def _tree(sentence: Span, tokens: Sequence[Token], forms: Sequence[tuple[str, str]]) -> Tree:
    """The sentence's parse read into lists; the whole document's where the sentence's parse
    reaches outside it (a sentence cut where the parser saw none)."""
    tree = tree_of(tokens, forms)
    if tree is None:
        whole = list(sentence.doc)
        tree = tree_of(whole, forms_of(whole))
    if tree is None:  # (a parse always lies within its document)
        raise ValueError("a parse that reaches outside its document")
    return tree


# Climbs by position in a `Tree`: no token is asked of spaCy on the way up (a sentence of a
# thousand coordinated clauses would otherwise make a token object at every step of every climb).


def _depth_in(tree: Tree, at: int) -> int:
    """How deep the word sits: 2 a nested clause, 1 any other arc, 0 a clause a speech verb
    governs ("said the army attacked": the attack is the report's main act). Each position's
    depth is kept on the tree, so that the climbs of a chain of clauses share their upper part
    (a sentence of a thousand "… and …" clauses is read in linear time)."""
    known, speech = tree.depths, word_lists().speech
    heads, deps, tokens = tree.heads, tree.deps, tree.tokens
    path: list[tuple[int, int]] = []  # (position, the step from it to its head)
    node = at
    while node not in known and heads[node] != node and len(path) <= len(heads):
        dep = deps[node]
        if dep in ("relcl", "acl", "advcl", "csubj", "appos"):
            step = 2
        elif not (dep in ("ccomp", "xcomp", "parataxis") and tokens[heads[node]].lemma_ in speech):
            step = 1
        else:
            step = 0
        path.append((node, step))
        node = heads[node]
    depth = known.get(node, 0)
    for position, step in reversed(path):
        depth += step
        known[position] = depth
    return depth


def _clause_verb_in(tree: Tree, at: int) -> int:
    """The verb whose arguments are the event's participants ("must": the verb it helps)."""
    heads, deps, tokens, known = tree.heads, tree.deps, tree.tokens, tree.clause_verbs
    if deps[at] == "aux":
        return heads[at]
    # Each position's answer is kept on the tree, so that the nouns of a long coordination
    # ("the bombing and the bombing and … was carried out") share one climb.
    path: list[int] = []
    node = at
    while node not in known and len(path) <= len(heads):
        if tokens[node].pos_ not in ("NOUN", "PROPN", "ADJ", "ADP") or heads[node] == node:
            break
        if deps[node] in SUBJECTS:  # "the attack killed seven": the noun is the agent
            break
        path.append(node)
        node = heads[node]
    found = known.setdefault(node, node)
    for position in path:
        known[position] = found
    return found


_GOVERNED = frozenset(
    {"xcomp", "ccomp", "conj", "advcl", "dobj", "pobj", "prep", "acomp", "amod", "compound"}
)


# How far up a chain of governing clauses the modality of an act is read: a clause governed by
# more clauses than this (a run of a thousand "… and …" clauses) is read from its nearest ones,
# so that a sentence's acts are coded in linear time.
MAX_GOVERNORS = 64


def _governors_in(tree: Tree, at: int) -> list[int]:
    """The positions of the words that govern the word at `at`, nearest first: the chain of
    clauses, objects and modifiers it hangs on (at most `MAX_GOVERNORS`)."""
    chain: list[int] = []
    node, heads, deps = at, tree.heads, tree.deps
    while heads[node] != node and deps[node] in _GOVERNED and len(chain) < MAX_GOVERNORS:
        node = heads[node]
        chain.append(node)
    return chain


class _Modality(NamedTuple):  # (a tuple: made for each act, and cheaper to make)
    refused: bool  # negated, or governed by "refuse", "reject" …
    must: bool
    threatened: bool  # governed by "threaten"
    future: bool  # "will", or governed by "promise", "plan", "agree" …
    hypothetical: bool  # "would", "could", "if" …


def _recode(code: str, how: _Modality) -> str:
    """The CAMEO code of the act as the sentence puts it (see the module's point 5)."""
    coded = codes().get(code)
    quad = coded.quad_class if coded else 0
    kind = coded.type if coded else None
    if how.refused and quad in (1, 2) and kind != "REQUEST":
        return recoded(code, REJECTION_OF) or "120"
    if how.must and kind not in ("THREATEN", "REQUEST"):
        return recoded(code, DEMAND_OF) or "100"
    if how.threatened and kind not in ("THREATEN", "REJECT"):
        return recoded(code, THREAT_OF) or "130"
    if (how.future or how.hypothetical) and quad == 4:
        return recoded(code, THREAT_OF) or "130"
    if how.future and quad in (1, 2) and kind not in ("AGREE", "REQUEST"):
        return recoded(code, INTENT_OF) or code
    return code


def _code(trigger: Trigger, tree: Tree | None = None) -> Coded | None:
    """The trigger coded as its sentence puts it (`tree`: the sentence's, `_tree`)."""
    head = trigger.head
    if tree is None:
        sentence = head.sent
        tokens = list(sentence)
        tree = _tree(sentence, tokens, forms_of(tokens))
    start, words, deps, forms = tree.start, tree.tokens, tree.deps, tree.forms
    head_at = head.i - start
    verb_at = _clause_verb_in(tree, head_at)
    verb = words[verb_at]
    # a misread closing attribution ("…, a rights group complained") governs the sentence:
    # the words the parser put above it are what it reports, not its modality
    chain = [] if closing_speaker(head) is not None else _governors_in(tree, head_at)
    verb_chain = chain
    if head_at != verb_at:  # (a verb's own chain is in `chain` already)
        above_act = set(chain)
        verb_chain = _governors_in(tree, verb_at)
        chain = chain + [n for n in verb_chain if n not in above_act]
    above = [words[n] for n in chain]
    lemmas_above = {n.lemma_.lower() for n in above}
    # the words hanging on the act, its clause verb and the verbs above: each read once
    negated = conditional = must = False
    aux: set[str] = set()
    seen: set[int] = set()
    for node in (head_at, verb_at, *chain):
        if node in seen:
            continue
        seen.add(node)
        own = node in (head_at, verb_at)
        for child in tree.children[node]:
            dep = deps[child]
            if dep == "advcl":  # "… if the talks fail": the clause's "if"
                conditional = conditional or any(
                    deps[c] == "mark" and forms[c][1] in ("if", "unless")
                    for c in tree.children[child]
                )
                continue
            if dep not in ("mark", "aux", "auxpass", "neg"):
                continue
            lower = forms[child][1]
            if dep == "mark":
                conditional = conditional or lower in ("if", "unless")
            elif dep == "aux" and lower == "must":
                must = True
            if own:
                if dep == "neg":
                    negated = True
                elif dep != "mark":
                    aux.add(lower)
    said = word_lists()
    intended = bool(lemmas_above & said.intent)
    speech_above = bool(lemmas_above & said.speech)
    # "said they would free the hostages": a reported "would" is the speaker's "will"
    reported_will = "would" in aux and not conditional and speech_above
    future = bool(aux & FUTURE_AUX) or intended or reported_will
    hypothetical = (bool(aux & HYPOTHETICAL_AUX) and not reported_will) or conditional
    how = _Modality(
        refused=negated or bool(lemmas_above & said.refusal),
        must=must or (head.lower_ == "must" and head.dep_ == "aux"),
        threatened="threaten" in lemmas_above and not negated,
        future=future and not negated,
        hypothetical=hypothetical and not negated,
    )
    act = trigger.code
    if trigger.kind in _NOUN_KINDS and _ended_in(tree, head_at):
        # "The navy lifted the blockade": the blockade ended (0872), not laid
        ended = recoded(act, END_OF)
        if ended is None:
            return None
        act = ended
    if conditional and act.startswith("11") and forms[head_at][0] in said.warning_verbs:
        act = "130"  # "warned of war unless the deal was signed": a warning on a condition
    if silenced(act, how.refused):
        return None  # "did not comment": CAMEO 011, a statement (`_screen`)
    cameo = _recode(act, how)
    coded = codes().get(cameo)
    if coded is None or coded.type is None:
        return None
    return Coded(
        match=trigger,
        cameo=cameo,
        type=coded.type,
        mode=(trigger.mode if cameo == trigger.code else None) or coded.mode,
        depth=_depth_in(tree, (trigger.light or head).i - start),
        negated=negated,
        future=future or coded.type == "THREATEN",
        hypothetical=hypothetical,
        reported=speech_above,
        verb=verb,
        intending=_intending_in(tree, verb_chain),
    )


_SUSPENDED = frozenset({"hold", "ice"})  # "on hold", "on ice"


def _ended_in(tree: Tree, at: int) -> bool:
    """Is the act noun at `at` the object of a verb that ends it (``ending_verbs``: "lifted
    the siege", "cut off their support", "the talks were suspended")?"""
    if tree.deps[at] == "compound" and tree.heads[at] != at:
        at = tree.heads[at]  # "put its mediation effort on hold": the effort, and the mediation
    if tree.deps[at] not in ("dobj", "nsubjpass") or tree.heads[at] == at:
        return False
    verb = tree.heads[at]
    if tree.forms[verb][0] in word_lists().ending_verbs:
        return True
    # "put its mediation on hold", "put the talks on ice": suspended
    return any(
        tree.deps[prep] == "prep"
        and tree.forms[prep][1] == "on"
        and any(tree.forms[o][1] in _SUSPENDED for o in tree.children[prep])
        for prep in tree.children[verb]
    )


def _intending_in(tree: Tree, chain: Sequence[int]) -> Token | None:
    """The first verb of intention or refusal up the clause verb's chain of governors (its
    positions, `_governors_in`), unless a speech verb comes first ("said they agreed": the
    report, not the agreement, governs)."""
    said, words = word_lists(), tree.tokens
    for node in chain:
        lemma = words[node].lemma_.lower()
        if lemma in said.intent or lemma in said.refusal:
            return words[node]
        if lemma in said.speech:
            return None
    return None


def _sports(lowered: list[str]) -> bool:
    """Whether the words hold one of our sports phrases (``words.toml``), besides the Phoenix
    discard list's."""
    said = word_lists()
    if said.sports_first.isdisjoint(lowered):
        return False  # most sentences hold no phrase's first word
    by_first = said.sports_by_first
    return any(
        tuple(lowered[i : i + len(phrase)]) == phrase
        for i, word in enumerate(lowered)
        for phrase in by_first.get(word, ())
    )


def _targets(coded: Coded, done_to: Token | None) -> list[Token]:
    """What a hostile act is done to: its recipient, and the objects of its trigger ("an
    assault on its rival's share": the share)."""
    head = coded.match.head
    found = [done_to] if done_to is not None else []
    for child in head.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            found.append(child)
        elif child.dep_ == "prep":
            found += [c for c in child.children if c.dep_ == "pobj"]
    return found


_FORCEFUL = frozenset({"ASSAULT", "COERCE", "THREATEN"})


def _as_code(coded: Coded, cameo: str) -> Coded:
    code = codes()[cameo]
    return replace(coded, cameo=cameo, type=code.type or coded.type, mode=code.mode)


_VISITS = frozenset({"040", "042", "043"})  # consult (the code of "arrive"), visit, host a visit
_MILITARY_AID = frozenset({"062", "072"})  # military cooperation, military aid


def _deployment(coded: Coded, doer: Token | None) -> bool:
    """Is the act a deployment of forces (CAMEO 154) that the dictionary coded otherwise?

    CAMEO's meetings and visits (040, 042, 043) are made by officials; troops that arrive
    somewhere are deployed ("Reinforcements arrived on the front line"). CAMEO's military
    cooperation and aid (062, 072: "sent troops") are help to another party; troops sent into,
    along or near a place, or sent with no one named to receive them, are a deployment ("The
    army sent troops into the border province")."""
    verb = coded.verb
    if coded.cameo[:3] == "036" and lemma_of(verb) in word_lists().moving_verbs:
        # "flew two bombers to the island": forces moved, no meeting proposed
        return any(c.dep_ == "dobj" and military(c) for c in verb.children)
    if coded.cameo[:3] in _VISITS:
        return military(doer)
    if coded.cameo[:3] not in _MILITARY_AID:
        return False
    sent = [c for c in verb.children if c.dep_ == "dobj"]
    if not sent:  # the units themselves arrive ("Extra battalions arrived at the border")
        return military(doer)
    if not any(military(c) for c in sent):
        return False
    preps = {c.lower_ for c in verb.children if c.dep_ == "prep"}
    return bool(preps & word_lists().deploy_preps) or "to" not in preps or _sent_to_a_place(verb)


_FRONTS = frozenset({"border", "front", "frontier", "frontline"})


def _sent_to_a_place(verb: Token) -> bool:
    """Are the units sent "to" a place rather than to a party: a settlement noun, a front, a
    named area or site (LOC, FAC) ("The army sent troops to the border town", "sent two
    battalions to the Nuba Mountains"): there they are deployed, where sent to a state or an
    army they are help ("Canberra sent troops to Timor to help its neighbour": 062)."""
    settlements = word_lists().settlements
    for link in verb.children:
        if link.dep_ != "prep" or link.lower_ != "to":
            continue
        for place in link.children:
            if place.dep_ != "pobj":
                continue
            lemma = lemma_of(place)
            if lemma in _FRONTS or lemma in settlements:
                return True
            if place.ent_type_ in ("LOC", "FAC") or (place.pos_ == "PROPN" and not place.ent_type_):
                return True  # a place named that is no state (nor a name the tagger typed)
    return False


_LEAVING_PARTICLES = frozenset({"out", "back", "away"})
_DEPARTING = frozenset({"abandon", "depart", "evacuate", "exit", "leave", "quit"})
# Verbs of taking a place by force, and places held by arms besides towns and regions.
_CAPTURING = frozenset({"capture", "overrun", "recapture", "retake", "seize"})
_HELD_PLACES = frozenset(
    {"airbase", "airfield", "barracks", "base", "checkpoint", "garrison", "outpost", "post"}
    | {"position", "stronghold"}
)


def _taken_by_force(coded: Coded, done_to: Token | None) -> bool:
    """Is the act a town, a region or a military post captured or overrun (the dictionary's
    171, seize property, or 192, occupy territory)? Capturing a place is taking it in battle,
    CAMEO's use of conventional military force (190), where occupying one may be done without a
    fight ("Rebels captured the town of Dera", "Militants overran an army outpost")."""
    if coded.cameo not in ("171", "192") or lemma_of(coded.match.head) not in _CAPTURING:
        return False
    settlements = word_lists().settlements
    for target in _targets(coded, done_to):
        if lemma_of(target) in _SHARES:  # "captured part of the stronghold": the stronghold
            target = next(
                (o for p in target.children if p.lower_ == "of" for o in p.children), target
            )
        lemma = lemma_of(target)
        if lemma in settlements or lemma in _HELD_PLACES or target.ent_type_ in ("GPE", "LOC"):
            return True
    return False


_SHARES = frozenset({"half", "much", "most", "part", "rest"})


def _military_retreat(coded: Coded, doer: Token | None) -> bool:
    """Is the act armed forces pulling back (CAMEO 0874, retreat or surrender militarily) that
    the dictionary coded as a plain yielding (080: "withdraw", "pull back", "disengage") or as
    a journey ("pull out", "leave")? Yielding by an army is military retreat; a journey out,
    back or away is no arrival ("Government forces withdrew from the town", "The battalion
    pulled out of the village", "The garrison left the town before dawn"); so is an armed
    group's, which the actor tables code as rebels or irregular forces ("The rebels withdrew
    from the town after heavy losses")."""
    if coded.cameo != "080" and (
        coded.cameo[:3] not in _VISITS
        or not (
            lemma_of(coded.verb) in _DEPARTING
            or any(
                c.dep_ in ("prt", "prep") and c.lower_ in _LEAVING_PARTICLES
                for c in coded.verb.children
            )
        )
    ):
        return False
    return military(doer) or _irregulars(doer)


# Who raids a place to search it rather than to fight: police and judicial bodies (the actor
# tables' COP and JUD roles), and civil officials and agents by their names.
_SEARCHER_ROLES = frozenset({"COP", "JUD"})
_SEARCHERS = frozenset({"agent", "authority", "inspector", "investigator", "official"})


def _search_raid(coded: Coded, doer: Token | None) -> bool:
    """Is the act a raid (CAMEO's use of force, 19x) made by police, prosecutors or civil
    officials? Theirs is a search of the place, coercion (17x), not an armed assault ("Tax
    inspectors raided the firm's offices", "Police raided the editor's flat"); troops' raids
    stay assaults ("Troops raided the rebel camp")."""
    if doer is None or lemma_of(coded.match.head) != "raid":
        return False
    lemma = lemma_of(doer)
    if lemma in _SEARCHERS:
        return True
    found = code_name(lemma)
    return found is not None and bool(_SEARCHER_ROLES & set(found.roles))


# The actor tables' roles of armed groups that are not a state's forces: rebels, insurgents,
# irregular and unidentified forces.
_IRREGULAR_ROLES = frozenset({"REB", "INS", "UAF"})


def _irregulars(doer: Token | None) -> bool:
    """Is the doer an armed group the actor tables code as rebels or irregular forces?"""
    if doer is None or doer.pos_ != "NOUN":
        return False
    coded = code_name(lemma_of(doer))
    return coded is not None and bool(_IRREGULAR_ROLES & set(coded.roles))


def _civic(doer: Token | None) -> bool:
    """Is the doer of a boycott people rather than a state (CAMEO 143, a strike or boycott, not
    163, a state's embargo or boycott)? Neither a country, a nation, an organisation nor a
    state body (``state_doers``): "Lawyers boycotted the courts", "Teachers boycotted classes"."""
    return (
        doer is not None
        and doer.ent_type_ not in ("GPE", "NORP", "ORG")
        and not _of_a_state(doer, owned=True)
        and lemma_of(doer) not in word_lists().state_doers
    )


def _non_agent(token: Token | None) -> bool:
    """Is the doer a natural force, a disease or a market quantity (``non_agents``), or a name
    that one of these words introduces ("Cyclone Freddy", "Storm Daniel")?"""
    if token is None:
        return False
    if lemma_of(token) in word_lists().non_agents:
        return True
    return token.pos_ == "PROPN" and any(
        c.dep_ == "compound" and lemma_of(c) in word_lists().named_forces for c in token.children
    )


_POLITICAL_LABELS = frozenset({"GPE", "NORP", "PERSON"})
_STATE_LABELS = frozenset({"GPE", "NORP"})


def _of_a_state(token: Token, *, owned: bool = False) -> bool:
    """Does the noun name or hang on a state or a nation ("the state's airline", "Vietnamese
    teams", "the oil ministries of Chile and Peru")? With `owned`, a place the noun is only
    found in is not its owner ("Lawyers across Pakistan", "teachers in Kenya": people, not the
    state)."""
    if token.ent_type_ in _STATE_LABELS:
        return True
    for child in token.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod") and child.ent_type_ in _STATE_LABELS:
            return True
        if (
            child.dep_ == "prep"
            and (child.lower_ in _OWNING_PREPS or not owned)
            and any(t.ent_type_ in _STATE_LABELS for t in child.subtree)
        ):
            return True
    return False


_OWNING_PREPS = frozenset({"of", "from"})  # "the ministries of Chile", "envoys from Peru"


def _commercial(doer: Token | None, done_to: Token | None) -> bool:
    """Is the act one of commerce, sport or entertainment: its doer a company, team or performer
    (``commercial_doers``) or one of theirs ("the club's coach"), of no state, and its recipient
    none, another of them, their clientele (``clientele``) or a thing ("a takeover bid")? Such
    acts are no political events ("The carmaker agreed to buy its supplier"); one toward a
    state, a person, an organisation, a party noun ("government"), a state body
    (``state_doers``: "the ministry") or people harmed (``people_nouns``) still is."""
    said = word_lists()
    if doer is None:
        return False
    if lemma_of(doer) not in said.commercial_doers and not any(
        c.dep_ in ("poss", "compound") and lemma_of(c) in said.commercial_doers
        for c in doer.children
    ):
        return False  # neither a company nor one of its own ("the company's chief executive")
    if _of_a_state(doer):  # (asked second: it walks the doer's phrase, most doers are no firm)
        return False
    if done_to is None:
        return True
    lemma = lemma_of(done_to)
    if lemma in said.commercial_doers or lemma in said.clientele:
        return True
    return not (
        done_to.ent_type_ in _POLITICAL_LABELS
        or done_to.ent_type_ == "ORG"
        or lemma in said.party_nouns
        or lemma in said.state_doers
        or lemma in said.people_nouns
    )


def _market_report(sentence: Span) -> bool:
    """Does the sentence's main clause report what a market quantity or a force of nature did
    ("Oil prices tumbled as investors worried about slowing demand")? Its nouns then name no
    political act of their own ("demand" is the market's, not a party's)."""
    root = sentence.root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return _non_agent(subject)


_SCORE = re.compile(SCORE_PATTERN)
_DASHES = frozenset({"-", "\u2013"})
# Nouns a match score qualifies ("a 2-0 win"); before any other noun the two numbers are a range
# ("10-15 people") or a count of votes ("a 5-4 ruling").


_SCORE_IN_TEXT = re.compile(r"(?<!\d)\d{1,3}[-\u2013]\d{1,3}(?!\d)")
_DIGIT_DASH = re.compile(r"\d[-\u2013]\d")  # what `_SCORE_IN_TEXT` needs, found sooner
_NOUN_KINDS = frozenset({"noun", "nominal"})
# Two numbers next to a month or after these words are days or ages, not a score: "arrested on
# 2-3 March", "on March 2-3", "men aged 18-25", "from 9-11 May".
_MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
_RANGE_BEFORE = frozenset({"on", "from", "between", "aged", "ages", "by", "until", "through"})


def _score(text: str, tokens: Sequence[Token]) -> bool:
    """Does the sentence give a match score ("beat Salford 3-1", "a 2-0 win")? Two numbers of
    one to three digits joined by a dash, written as one word; not a range before a noun ("10-15
    people") nor the count of a vote or a ruling (``vote_heads``: "the council voted 7-2").
    The text is searched first: most sentences hold no such word, and their tokens are left."""
    if _DIGIT_DASH.search(text) is None or _SCORE_IN_TEXT.search(text) is None:
        return False
    for i, token in enumerate(tokens):
        if _SCORE.match(token.text):
            end = i + 1
        elif (
            i + 2 < len(tokens)
            and token.text.isdigit()
            and len(token.text) <= 3
            and tokens[i + 1].text in _DASHES
            and tokens[i + 2].text.isdigit()
            and len(tokens[i + 2].text) <= 3
            and not token.whitespace_
            and not tokens[i + 1].whitespace_
        ):
            end = i + 3
        else:
            continue
        after = tokens[end] if end < len(tokens) else None
        before = tokens[i - 1].lower_.rstrip(".") if i > 0 else ""
        if before in _MONTHS or before in _RANGE_BEFORE:
            continue
        if after is not None and after.lower_.rstrip(".") in _MONTHS:
            continue
        if (
            after is not None
            and after.pos_ == "NOUN"
            and lemma_of(after) not in word_lists().match_results
        ):
            continue
        votes = word_lists().vote_heads
        return not any(lemma_of(t) in votes for t in tokens)
    return False


def _political(found: list[Coded], *, market: bool = False) -> list[Coded]:
    """Only political events, coded by who does them, as event coders do.

    - An act whose doer is a natural force, a disease or a market quantity (``non_agents``:
      "the drought killed the crop", "oil prices tumbled") is no political event; nor is a
      hostile act done to a market quantity, a figure of speech ("an all-out assault on its
      rival's share", ``figurative_targets``).
    - Blocking a road, bridge or port (``passages``) obstructs passage, CAMEO 144, a protest
      form, where the dictionary's "block" is a state's exclusion (170).
    - A hostile act by protesters or a crowd (``crowd_nouns``) is a protest turned violent,
      CAMEO 145 ("Protesters stormed the residence").
    - A riot by armed forces and an expulsion of peacekeepers, observers, aid agencies or
      diplomats are recoded by whom (`_by_whom`).
    A threatened act keeps its threat code (13x): the threat is the event. Once a sentence's
    act is found not political, its noun triggers go with it ("the merger plan is an
    assault on …": no plan either); so do they in a `market` report, a sentence whose main
    clause tells what a market quantity or a force of nature did (`_market_report`)."""
    kept, dropped, said = [], market, word_lists()
    for coded in found:
        doer, done_to = _participants(coded)
        read = coded = coded.with_parties((doer, done_to))  # valid while not recoded
        head = coded.match.head
        if _non_agent(doer) or (head.pos_ == "NOUN" and lemma_of(head) in said.non_agents):
            dropped = True  # "the drought killed …"; "the takeover bid": a market act
            continue
        if _commercial(doer, done_to):
            dropped = True  # "The retailer rejected the takeover bid"
            continue
        # the forces that move: the doer, else (told in the passive) the forces moved
        if _military_retreat(coded, doer if doer is not None else done_to):
            coded = _as_code(coded, "0874")  # "Government forces withdrew from the town"
        elif _deployment(coded, doer):
            coded = _as_code(coded, "154")
        elif _taken_by_force(coded, done_to):
            coded = _as_code(coded, "190")  # "Rebels captured the town after heavy fighting"
        elif _ordered_out(coded):
            coded = _as_code(coded, "174")  # "The junta ordered the envoy to leave": expelled
        elif _gathered(coded):
            coded = _as_code(coded, "141")  # "Thousands rallied in the capital": a demonstration
        elif coded.cameo[:2] == "19" and _search_raid(coded, doer):
            coded = _as_code(coded, "170")  # "Tax inspectors raided the firm's offices"
        elif _under_fire(coded, doer, done_to):
            # "Peacekeepers came under fire from gunmen": the gunmen shot, as read
            coded = read = _as_code(coded, "190")
        if coded.cameo == "163" and _civic(doer):
            coded = _as_code(coded, "143")  # "Teachers boycotted classes over pay"
        coded = _by_whom(coded, doer, done_to)
        if coded is not read:
            coded = replace(coded, parties=None)  # recoded: its parties may read otherwise
        if coded.type not in _FORCEFUL:
            kept.append(coded)
            continue
        targets = {lemma_of(t) for t in _targets(coded, done_to)}
        if targets & said.figurative_targets:
            dropped = True
            continue
        if coded.type == "THREATEN":
            pass  # a threatened blockade or attack stays a threat
        elif (
            lemma_of(head) in said.blocking_verbs
            and targets & said.passages
            and not _of_the_state(doer)
        ):  # a road blocked by people, not a port blockaded by a navy (191)
            coded = replace(_as_code(coded, "144"), parties=None)
        elif lemma_of(head) in said.blocking_verbs and targets & _MEASURES:
            coded = replace(_as_code(coded, "120"), parties=None)  # "blocked the aid package"
        elif lemma_of(doer) in said.crowd_nouns:
            coded = replace(_as_code(coded, "145"), parties=None)
        elif _work_stoppage(coded, doer):
            coded = replace(_as_code(coded, "143"), parties=None)  # "Dockers began a strike"
        kept.append(coded)
    if dropped:  # the nouns of a non-political statement are not acts of their own ("the plan")
        kept = [c for c in kept if c.match.kind not in ("noun", "nominal")]
    return kept


# What a body decides or passes: blocking one is rejecting it (CAMEO 120: "Two members blocked
# the budget deal", "The envoy blocked the resolution"), not a state's exclusion (170).
_MEASURES = _DOCUMENTS | {
    "agreement", "appointment", "budget", "deal", "decision", "measure", "nomination",
    "package", "plan", "proposal", "reform", "sanction", "treaty", "vote",
}  # fmt: skip


def _of_the_state(doer: Token | None) -> bool:
    """Is the doer armed forces or police, a state or one of its bodies (``state_doers``)?"""
    if doer is None:
        return False
    lemma = lemma_of(doer)
    return (
        military(doer)
        or doer.ent_type_ == "GPE"
        or lemma == "police"
        or lemma in word_lists().state_doers
    )


def _work_stoppage(coded: Coded, doer: Token | None) -> bool:
    """Is the act a strike named by the noun "strike" that people, not armed forces nor a state,
    do ("The dockers' union began a strike", "a strike by nurses")? The dictionary's "strike" is
    a blow (190); a strike by workers is CAMEO 143."""
    head = coded.match.head
    return (
        coded.match.kind in _NOUN_KINDS
        and lemma_of(head) == "strike"
        and not military(doer)
        and _civic(doer)
    )


_EXPULSIONS = frozenset({"174", "166"})  # deport persons, expel or withdraw
_BEHIND = frozenset({"around", "behind", "to"})  # "rallied behind the president": support


def _gathered(coded: Coded) -> bool:
    """Is the act people rallying with no one rallied ("Thousands of workers rallied outside
    parliament")? The dictionary's "rally" mobilises support (150: "rallied the party behind
    him"); people who rally, with no object and behind no one, demonstrate (CAMEO 141)."""
    head = coded.match.head
    if lemma_of(head) != "rally" or not coded.cameo.startswith("15"):
        return False
    return not any(
        c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "prep" and c.lower_ in _BEHIND)
        for c in head.children
    )


_LEAVING = frozenset({"depart", "exit", "go", "leave", "quit", "withdraw"})
# Armed doers besides military units: those who shoot ("Snipers opened fire on the square").
_ARMED = frozenset(
    {"gunman", "guerrilla", "insurgent", "militant", "militiaman", "rebel", "sniper"}
)


def _under_fire(coded: Coded, doer: Token | None, done_to: Token | None) -> bool:
    """Is the act coming "under fire" where armed men shoot or are shot at ("The patrol came
    under fire from snipers", "Rebels said their positions came under fire")? The dictionary
    reads "come under fire" as criticism (111), as it is when a minister comes under fire from
    lawmakers; between armed parties it is gunfire (190)."""
    head = coded.match.head
    if coded.type != "ACCUSE" or lemma_of(head) != "come":
        return False
    if not any(
        c.dep_ == "prep" and c.lower_ == "under" and any(lemma_of(o) == "fire" for o in c.children)
        for c in head.children
    ):
        return False
    return any(
        party is not None and (military(party) or lemma_of(party) in _ARMED)
        for party in (doer, done_to)
    )


def _ordered_out(coded: Coded) -> bool:
    """Is the act an order to someone to leave ("ordered the envoy to leave the country",
    "ordered the mission's staff out")? Ordering a party out of the country is expelling it
    (CAMEO 174, or 166 for diplomats and forces: `_by_whom`), not a demand (10x)."""
    head = coded.match.head
    if lemma_of(head) != "order" or not coded.cameo.startswith("10"):
        return False
    if not any(c.dep_ == "dobj" for c in head.children):
        return False
    return any(
        (c.dep_ == "xcomp" and lemma_of(c) in _LEAVING)
        or (c.dep_ in ("prt", "advmod") and c.lower_ == "out")
        for c in head.children
    )


def _by_whom(coded: Coded, doer: Token | None, done_to: Token | None) -> Coded:
    """The act recoded by who does it and to whom, as CAMEO's descriptions set them apart.

    - A riot (145) is a crowd's: armed forces that loot or burn use violence (180: "Militiamen
      looted the shops").
    - An expulsion (174, 166) of peacekeepers, observers, aid agencies or diplomats
      (``expelled_*``) is CAMEO's "expel or withdraw" (166x), a sanction ("Moscow expelled
      three diplomats"), not the deportation of a person."""
    cameo = coded.cameo
    if cameo == "145":
        return _as_code(coded, "180") if military(doer) else coded
    if cameo[:3] in _EXPULSIONS:
        targets = _targets(coded, done_to)
        code = expelled_code(targets)
        if code is None and any(military(t) for t in targets):
            code = "166"  # "ordered the foreign troops to leave": forces expelled, not persons
        if code is not None:
            return _as_code(coded, code)
    return coded


_LINKS = frozenset({"conj", "parataxis", "ccomp"})


def _shared_doers(coded: list[Coded]) -> list[Coded]:
    """A forceful act told in the passive with no doer takes the doer of a forceful act in a
    clause joined to it, one clause hanging on the other: the attackers did the harm the
    clause beside theirs tells ("Militants stormed a checkpoint; three policemen were killed":
    the militants killed). One pass over the acts, one look-up each."""
    doers = {  # clause verb -> the doer of a forceful act told in it
        c.verb.i: c.parties[0]
        for c in coded
        if c.type in _STATE_OR_FORCE and c.parties is not None and c.parties[0] is not None
    }
    if not doers:
        return coded
    out = []
    for one in coded:
        verb = one.verb
        if (
            one.parties is not None
            and one.parties[0] is None
            and one.type in _STATE_OR_FORCE
            and any(c.dep_ == "auxpass" for c in verb.children)
        ):
            joined = [c.i for c in verb.children if c.dep_ in _LINKS]
            if verb.dep_ in _LINKS:
                joined.insert(0, verb.head.i)
            doer = next((doers[i] for i in joined if i in doers and i != verb.i), None)
            if doer is not None:
                one = replace(one, parties=(doer, one.parties[1]))
        out.append(one)
    return out


def _sentence_text(sentence: Span) -> str:
    """`Span.text`, cut from the doc's text (`text_of`: read once a doc), where spaCy would join
    the sentence's words again."""
    return text_of(sentence.doc)[sentence.start_char : sentence.end_char]


_MATERIAL = frozenset({2, 4})  # GDELT's quad classes of material cooperation and conflict


def code_sentence(sentence: Span, *, year: int | None = None) -> list[Coded]:
    """The sentence's events, the main one first (none in a discarded sentence; `year`, the
    article's, decides which years are history)."""
    # spaCy makes a new object for every token it hands out: walk the sentence once.
    tokens = list(sentence)
    text = _sentence_text(sentence)
    lowered = text_words(text)
    if discarded(lowered, year=year) or _sports(lowered) or _score(text, tokens):
        return []
    forms = forms_of(tokens)  # each token's lemma and word, read once
    tree = _tree(sentence, tokens, forms)
    triggers = triggers_in(sentence, tokens, forms, tree)
    found = [c for c in (_code(t, tree) for t in triggers) if c is not None]
    # a market report's nouns are no acts (read only when there are nouns to drop)
    market = any(c.match.kind in _NOUN_KINDS for c in found) and _market_report(sentence)
    coded = _political(found, market=market)
    if not found:  # a sentence whose acts are not political does not fall back on its nouns
        nominal = [
            c
            for c in (_code(t, tree) for t in nominal_triggers_in(sentence, tokens, forms))
            if c is not None
        ]
        coded = _political(nominal) if nominal and not _market_report(sentence) else []
    # "refused to go back to work until the wages were paid": a condition is no act yet
    coded = [c for c in coded if not _condition(c.verb)]
    coded = screened(coded, _participants)  # no act done to no party (`_screen`)
    if not coded:
        return []
    coded = _shared_doers(coded)
    coded.sort(key=lambda c: (c.depth, -len(c.match.tokens), -c.match.specificity, c.match.start))
    main = coded[0]
    if len(coded) == 1:
        return coded
    closing = next((c for c in coded if closing_speaker(c.match.head) is not None), None)
    if closing is not None and not any(
        codes()[c.cameo].quad_class in _MATERIAL for c in coded if c is not closing
    ):
        # "The ministry is failing the refugees, a rights group complained", the attribution
        # misread as a clause on a noun: the complaint is the act, what it says its content.
        # A material act it reports stays the news ("Guards beat the inmates, a group charged")
        return [closing]
    inside = {tree.start + at for at in tree.subtree(main.verb.i - tree.start)}
    events = [main]
    for other in coded[1:]:
        head = other.match.head
        coordinated = (other.verb.dep_ == "conj" and other.verb.head.i == main.verb.i) or (
            head.dep_ == "conj" and other.type != main.type
        )
        separate = other.verb.i not in inside and other.depth <= main.depth + 1
        if coordinated or (separate and other.verb.i != main.verb.i):
            events.append(other)
    return events


_CONDITIONS = frozenset({"if", "unless", "until"})


def _condition(verb: Token) -> bool:
    """Is the verb's clause the condition of another ("… until the wages were paid", "… unless
    the troops leave")? What it tells has not happened: no event."""
    return verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in verb.children
    )


_BASE = {"pattern": 0.7, "verb": 0.6, "addition": 0.55, "noun": 0.45, "nominal": 0.35}


def confidence(coded: Coded, *, headline: bool, parties: int) -> float:
    """How sure the coding is (see the module's last paragraph)."""
    trigger = coded.match
    score = _BASE[trigger.kind]
    if trigger.kind == "pattern":
        score = min(0.9, score + 0.05 * (trigger.specificity - 1))
    elif trigger.kind == "addition" and trigger.specificity > 1:
        score = 0.65
    score += 0.05 * trigger.own_verb
    score -= 0.15 * coded.hypothetical + 0.1 * coded.negated + 0.1 * headline
    score -= 0.05 * (parties == 0)
    return round(min(0.95, max(0.05, score)), 2)


# Participants ----------------------------------------------------------------------------------


def _reported(article: Article, coded: Coded, start: int, end: int, at: int) -> bool:
    """Are the event's words (its trigger at `at`) attributed to someone other than the
    narrator?"""
    return (
        coded.reported
        or "according to" in article.text[start:end].lower()
        or any(q.direct and q.start <= at < q.end for q in article.quotes)
        or inside_quotation_marks(article.text, start, at)
    )


def _intender(coded: Coded) -> Token | None:
    """The subject of the verb of intention, refusal or threat the act hangs on ("the two
    sides agreed that their countries should cooperate": the two sides)."""
    return subject_of(coded.intending)[0] if coded.intending is not None else None


def _gerund(token: Token) -> bool:
    """A verb's -ing form used as a noun, the subject or object of another verb ("Fighting
    between the army and the rebels continued"): its parties are named as a noun's are."""
    return token.tag_ == "VBG" and token.dep_ in ("nsubj", "nsubjpass", "csubj", "dobj", "pobj")


# Acts done by announcing them (a rejection, a demand, an accusation, an inquiry opened, an
# approval): when one is told in the passive with no agent inside what a speaker says, the
# speaker's side is the doer ("The ministry said the request had been rejected", "Police said
# an investigation had been opened"); so is a threat, an act foretold by the one who warns of
# it ("The junta warned that strikers would be jailed": the junta threatens). A material act
# so told is not (police who report a killing did not kill).
_ANNOUNCED = frozenset({"AGREE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "CONCEDE", "THREATEN"})
# Troop movements: a deployment (MOBILIZE) and a pull-back (RETREAT).
_TROOP_MOVES = frozenset({"MOBILIZE", "RETREAT"})


def _participants(coded: Coded) -> tuple[Token | None, Token | None]:
    """The tokens of the doer and of the one done to."""
    head = coded.match.head
    subject, passive = subject_of(coded.verb)
    agent = agent_of(coded.verb)
    if coded.type == "REQUEST" and (
        codes()[coded.match.code].type != "REQUEST" or head.dep_ == "aux"
    ):
        # "X said Y must …": X demands, Y is asked.
        speaker = speaker_of(head)
        if speaker is not None:
            asked = agent if passive else subject
            return speaker, asked if asked is not None and asked.i != speaker.i else None
    intender = _intender(coded)
    if intender is not None and not passive:
        subject = intender
    if subject is None and head.pos_ in ("NOUN", "PROPN"):
        subject = modifier_actor(head) or headline_actor(head)
    if passive:
        doer, done_to = agent or stray_agent(coded.verb), subject
        if doer is None and coded.type in _ANNOUNCED:
            # "The ministry said the request had been rejected": the speaker's side did it
            doer = speaker_of(coded.verb)
            if doer is None and coded.type == "THREATEN" and coded.cameo != coded.match.code:
                # "Gunmen left a note: staff would be killed if …": the main clause's doer
                doer = _main_subject(coded.verb, done_to)
        elif doer is None and coded.cameo[:3] in _EXPULSIONS:
            # "Two reporters were expelled from Iran": the state expelling them
            doer = _expelled_from(coded.verb)
        if doer is None and coded.cameo.startswith("17"):
            # "Fifteen people were arrested, police said": the police or the state body that
            # reports an arrest, a ban or a curfew with no one named made it
            speaker = speaker_of(coded.verb)
            if _of_the_state(speaker):
                doer = speaker
        elif doer is None and coded.type in _TROOP_MOVES and military(done_to):
            # "Two battalions were deployed to the border": forces moved by an unnamed
            # command stand for their own side, as a movement's doer is the side that moves
            doer, done_to = done_to, None
        if doer is None and coded.type not in _STATE_OR_FORCE and adjunct_of(coded.verb, done_to):
            # "Two envoys were flown home, leaving the talks to their deputies": an -ing
            # clause's doer is its sentence's subject, passive or not (not so for harm: "the
            # convoy was ambushed, killing three" tells the ambush's toll)
            doer, done_to = done_to, object_of(coded.verb, head, done_to)
    else:
        doer, done_to = subject, object_of(coded.verb, head, subject)
    if (head.pos_ == "NOUN" and coded.match.kind in ("noun", "nominal", "addition")) or (
        _gerund(head) and subject is None
    ):
        own_doer, other_side = nominal_parties(head)
        if own_doer is None and coded.verb.i != head.i and coded.verb.pos_ == "NOUN":
            # "Japan's donation of tents arrived": the noun the act word hangs on names the doer
            own_doer = nominal_parties(coded.verb)[0]
        if own_doer is not None:
            doer = own_doer
            done_to = other_side if other_side is not None else done_to
            if done_to is not None and done_to.i == doer.i:
                done_to = None
    if doer is not None and (
        (doer.pos_ == "NOUN" and doer.lemma_.lower() in act_nouns()) or _gerund(doer)
    ):
        # "the army's shelling killed five", "an attack by rebels killed five": the doer of the
        # act named as the subject; so too an act told by a verb's -ing form ("Shelling by the
        # army destroyed the market", "Fighting between troops and rebels killed ten")
        doer = nominal_parties(doer)[0] or doer
    elif doer is not None and not passive and doer.pos_ == "NOUN":
        # "a convoy sent by the Red Cross reached the town": the sender acts through the thing
        doer = sender_of(doer) or doer
    if coded.match.swap and coded.cameo == coded.match.code:
        doer, done_to = done_to, doer
        if doer is None:  # "The regime came under pressure from Washington": Washington
            doer = undergone_source(coded.verb)
    if not passive:
        sender = _received_from(coded.verb)
        if sender is not None:  # "received a message from the king": the king's message
            doer, done_to = sender, subject
    return doer, done_to


def _expelled_from(verb: Token) -> Token | None:
    """The state a person or a mission is expelled from ("were deported from Kenya")."""
    for link in verb.children:
        if link.dep_ == "prep" and link.lower_ == "from":
            place = next((c for c in link.children if c.dep_ == "pobj"), None)
            if place is not None and place.ent_type_ == "GPE":
                return place
    return None


def _main_subject(verb: Token, done_to: Token | None) -> Token | None:
    """The subject of the sentence's main verb, when `verb` is a clause below it and the
    subject is not the one the act is done to: who foretells a harm told in the passive
    ("Armed men sent letters to the teachers: they would be shot if the school opened")."""
    root = verb.sent.root
    if root.i == verb.i:
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or (done_to is not None and subject.i == done_to.i):
        return None
    return subject if subject.pos_ in ("NOUN", "PROPN") else None


def _received_from(verb: Token) -> Token | None:
    """The party a thing was received from ("received a message from the king", "received a
    letter from the rebels"): the sender does the act, the receiver takes it. A person
    received is a visit hosted, the receiver's act (`_goods`: "received the envoy")."""
    if lemma_of(verb) != "receive":
        return None
    things = [c for c in verb.children if c.dep_ == "dobj"]
    if not things or any(t.ent_type_ == "PERSON" or may_act(t) for t in things):
        return None
    for holder in (verb, *things):
        for link in holder.children:
            if link.dep_ != "prep" or link.lower_ != "from":
                continue
            sender = next((c for c in link.children if c.dep_ == "pobj"), None)
            if sender is not None and may_act(sender):
                return sender
    return None


# Acts that only a state or an armed force does: an arrest, a raid, a killing. When the doer
# goes unnamed ("A missionary was arrested in Lebanon"), the place where it happened stands for
# it, as ICEWS codes an unidentified doer by the country it acts in ("Police (Lebanon)",
# "Unidentified Gunmen (Iraq)"). A doer the text names stays as written; one named only by its
# means ("a roadside bomb near Kirkuk killed …", `means_only`) is no party either: the place
# stands in, coded as the unknown armed hand of its country (UAF), unless the text pins the
# means on a party ("a blast claimed by the Northern Front": the Northern Front).
_STATE_OR_FORCE = frozenset({"COERCE", "ASSAULT"})


def _pinned_on(means: Token) -> Token | None:
    """The party an attack told by its means is pinned on: "attributed to X", "blamed on X",
    "claimed by X" (``attribution_verbs``), in a clause hanging on the means."""
    verbs = word_lists().attribution_verbs
    for clause in means.children:
        if clause.dep_ not in ("acl", "relcl") or lemma_of(clause) not in verbs:
            continue
        for link in clause.children:
            if link.dep_ in ("prep", "agent") and link.lower_ in ("to", "on", "by"):
                party = next((c for c in link.children if c.dep_ == "pobj"), None)
                if party is not None:
                    return party
    return None


_PLACE_LABELS = frozenset({"GPE", "LOC"})


def _place_token(verb: Token) -> Token | None:
    """The noun phrase that places the act, hanging on its verb by "in, near, outside …" and
    naming a country, city or region ("arrested in Lebanon", "detained near the town of X",
    "killed outside of the Iraqi city of Basra")."""
    said = word_lists()
    for child in verb.children:
        if child.dep_ != "prep" or child.lower_ not in said.place_preps:
            continue
        objects = [c for c in child.children if c.dep_ == "pobj"]
        objects += [  # "outside of the city": the object of the second preposition
            g for c in child.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
        ]
        for pobj in objects:
            if lemma_of(pobj) in said.settlements or any(
                t.ent_type_ in _PLACE_LABELS for t in pobj.subtree
            ):
                return pobj
    return None


def _event(article: Article, coded: Coded, sentence: Span, refs: References) -> Event:
    match = coded.match
    at, until = match.start, match.end  # (each reads a token of the parse: read once)
    doer, done_to = coded.parties if coded.parties is not None else _participants(coded)
    start, end = clause_span(article.text, sentence.start_char, sentence.end_char, at)
    actor = within(actor_of(doer, article, refs), start, end)
    recipient = distinct(actor, within(actor_of(done_to, article, refs), start, end))
    doer_span = (doer.idx, doer.idx + len(doer.text)) if doer is not None and actor else None
    code = codes()[coded.cameo]
    headline = bool(article.title) and at < article.body_start
    said = word_lists()
    place = place_of(article, coded.verb, said.place_preps, actor, recipient)
    if coded.type in _STATE_OR_FORCE:
        stand_in = _place_token(coded.verb) if doer is None else _pinned_on(doer)
        means = None  # the means named as the doer, which names no one
        if stand_in is None and doer is not None and actor is not None and means_only(doer):
            # "an explosive device killed three soldiers outside Basra": the place stands in
            means, stand_in = actor, _place_token(coded.verb) or _place_token(doer)
        if stand_in is not None:
            found = within(actor_of(stand_in, article, refs), start, end)
            if found is not None and means is not None:
                # coded as the unknown armed hand (UAF) of the place's country, as ICEWS codes
                # an unidentified attacker: "Unidentified Forces (Iraq)"
                unknown = describe(f"{found.country or ''}UAF")
                found = found.model_copy(
                    update={"code": unknown.code, "roles": list(unknown.roles)}
                )
            actor = found or actor
        actor = unknown_hand(doer, actor)  # "A drone struck …": no known force (`_screen`)
    return Event(
        start=start,
        end=end,
        stage=STAGE,
        text=article.text[start:end],
        type=coded.type,
        mode=coded.mode,
        cameo=coded.cameo,
        quad_class=code.quad_class,
        goldstein=code.goldstein,
        confidence=confidence(
            coded, headline=headline, parties=(actor is not None) + (recipient is not None)
        ),
        trigger=article.text[at:until],
        trigger_start=at,
        trigger_end=until,
        actor=actor,
        recipient=recipient,
        place=place,
        date=date_in(article, start, end),
        amount=amount_of(article, doer_span, start, end) if doer_span else None,
        contexts=contexts_in(article, start, end, said.theme_contexts),
        negated=coded.negated,
        hypothetical=coded.hypothetical,
        future=coded.future,
        reported=_reported(article, coded, start, end, at),
        mentions=[Mention(start=at, end=until, text=article.text[at:until])],
    )


# Deduplication ---------------------------------------------------------------------------------


def _words(actor: Actor | None) -> set[str]:
    if actor is None:
        return set()
    words = (w.lower().replace("’", "'").removesuffix("'s") for w in actor.text.split())
    return {w.rstrip("s'") for w in words if len(w) > 3}  # "Islamists" is "Islamist"


def _stem(trigger: str) -> str:
    return trigger.split()[0].lower()[:5] if trigger.split() else ""


def _same_party(a: Actor | None, b: Actor | None) -> bool:
    """Could these two participants be the same? Unknown is compatible with anything."""
    if a is None or b is None:
        return True
    if a.entity_id and b.entity_id:
        return a.entity_id == b.entity_id
    return a.text.lower() == b.text.lower() or bool(_words(a) & _words(b))


def _named(event: Event) -> int:
    return sum(getattr(event, part) is not None for part in ("actor", "recipient"))


def deduplicate(events: list[Event]) -> list[Event]:
    """One event per report: the same type between compatible participants is merged (title,
    standfirst and body often say it thrice). The record kept is the report naming the most
    participants, the first on a tie; each record's facts come from its own evidence, so a
    headline's event never borrows an actor from the body. The `mentions` are all reports in
    text order, and the event is `reported` only if every report of it is; its confidence is
    the highest of its reports'."""
    kept: list[Event] = []
    mentions: list[list[Mention]] = []
    reported: list[bool] = []
    sure: list[float] = []
    merged: list[bool] = []  # has another report joined it (else the record is kept as it is)
    by_act: dict[tuple[str, str], list[int]] = {}  # (type, trigger stem) -> indices in kept
    for event in events:
        same_act = by_act.setdefault((event.type, _stem(event.trigger)), [])
        index = next(
            (
                i
                for i in same_act
                if _same_party(kept[i].actor, event.actor)
                and _same_party(kept[i].recipient, event.recipient)
            ),
            None,
        )
        if index is None:
            same_act.append(len(kept))
            kept.append(event)
            mentions.append(list(event.mentions))
            reported.append(event.reported)
            sure.append(event.confidence)
            merged.append(False)
            continue
        if _named(event) > _named(kept[index]):
            kept[index] = event
        mentions[index].extend(event.mentions)
        reported[index] = reported[index] and event.reported
        sure[index] = max(sure[index], event.confidence)
        merged[index] = True
    return [
        event
        if not joined and len(ms) <= 1  # one report: its record, unchanged (no copy)
        else event.model_copy(
            update={"mentions": sorted(ms, key=lambda m: m.start), "reported": r, "confidence": c}
        )
        for event, ms, r, c, joined in zip(kept, mentions, reported, sure, merged, strict=True)
    ]


def find_events(article: Article, doc: Doc) -> list[Event]:
    """Every event in the article, in text order, main event of each sentence first."""
    if article.title and discarded(text_words(article.title), story_only=True):
        return []
    events = []
    refs = References(article)
    year = article.published.year if article.published else None
    # tables and word lists read once for the article, not at each of the helpers that consult
    # them (outside the blocks, `word_lists` and `tables` look up the data folders each call)
    with reading_tables(), reading_words():
        for sentence in doc.sents:
            for coded in code_sentence(sentence, year=year):
                events.append(_event(article, coded, sentence, refs))
    return events


def run(article: Article, doc: Doc) -> Article:
    """The article with its events, and its tone's `conflict` score read from them."""
    article = article.model_copy(update={"events": deduplicate(find_events(article, doc))})
    return with_conflict(article)
