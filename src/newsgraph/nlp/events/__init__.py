"""The events stage: who did what to whom, coded to PLOVER, with the evidence.

Method, per sentence:

1. **Triggers.** Patterns of the lexicon (``data/events/lexicon.tsv``: a PLOVER type, a mode, a
   lemma sequence and an example each) are matched on the parsed sentence.
2. **The main event.** The match closest to the root of the dependency tree wins (a reporting
   verb such as "said" is not an event, so "X said Y attacked Z" codes the attack); ties go to the
   longer pattern. Matches coordinated with the main trigger ("accepts … and names …") are
   events too.
3. **Modality.** Negation (a ``neg`` dependent, "refuse" is a type of its own), future and
   hypothetical markers ("will", "would", "may", "if", or a governing "threaten", "plan",
   "promise") and reporting (a governing speech verb, "according to", a quotation) are flags.
   PLOVER codes intentions by what they intend: a future or promised cooperative act is AGREE,
   a future or conditional hostile act is THREATEN, a negated cooperative act is REJECT, and an
   act someone "must" do is a DEMAND.
4. **Participants.** The actor is the subject of the trigger's clause (the agent of a passive;
   climbing through "agreed to …" chains and conjunctions), the recipient its object or the
   object of "to/with/against/on/…", else the owner of a thing object ("the council accepted
   the rebels' surrender": the rebels). Each is a described actor (the words, e.g. "armed men in
   three villages of the northern province") with the canonical entity id when its head is a named
   entity. Pronouns refer back (`_refs`): "he"/"she" to the nearest person, named or
   titled ("the Colonel"), never the speaker of the quotation they stand in; "you" stays
   unlinked. In a headline with no verb the noun the trigger stands beside is the actor ("Rebels
   ‘seize’ town").
5. **Evidence.** The event's span is its sentence, cut at paragraph breaks and trimmed; the
   actor and recipient must lie inside it, and so must the date, the amount (one that counts the
   actor) and the PLOVER contexts (themes with evidence in the span). A place is one attached to
   the trigger by "in/at/near".
6. **Attribution.** `reported` is true when the words are someone else's: governed by a speech
   verb ("the statement said the units had joined the offensive"), "according to" in the span,
   inside a direct quotation, or inside quotation marks (scare quotes in a headline).
7. **Deduplication.** The same type with the same participants reported again in the article is
   one event with several `mentions`; the record is the mention that names the most participants
   (each record's facts come from its own span), and it is `reported` only if every mention is.
8. **Conflict.** The stage then sets the article's `tone.conflict`, the mean Goldstein-style
   score of its event types (`tone.with_conflict`): what the actors did, not the words used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsgraph.model import Actor, Article, Entity, Event, Mention, Place
from newsgraph.nlp.events._evidence import (
    amount_of,
    clause_span,
    contexts_in,
    date_in,
    inside_quotation_marks,
)
from newsgraph.nlp.events._lexicon import Match, find_matches
from newsgraph.nlp.events._refs import References
from newsgraph.nlp.tone import with_conflict
from newsgraph.rules import read_toml, strings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "COOPERATIVE",
    "HOSTILE",
    "STAGE",
    "code_sentence",
    "find_events",
    "run",
]  # the public names; the rest is private

STAGE = "events"
_WORDS_FILE = "data/events/words.toml"
# The words that are not triggers, read once at import (with the user's data folders set then),
# as the amounts stage reads its own.
_WORDS: dict[str, Any] = read_toml("events/words.toml")


def _word_list(key: str) -> frozenset[str]:
    return frozenset(strings(_WORDS.get(key), key, _WORDS_FILE))


SPEECH = _word_list("speech")
INTENT = _word_list("intent")
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "can"})
COOPERATIVE = frozenset({"SUPPORT", "AID", "CONSULT", "COOPERATE", "CONCEDE", "AGREE"})
HOSTILE = frozenset({"COERCE", "SANCTION", "ASSAULT", "FIGHT", "MOBILIZE", "REJECT"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJECT_PREPS = (
    "to",
    "with",
    "against",
    "toward",
    "towards",
    "at",
    "into",
    "upon",
    "on",
    "from",
    "for",
    "of",
)  # in order of preference
DIRECTED_PREPS = OBJECT_PREPS[:5]  # to, with, against, toward(s): an act aimed at someone
PLACE_PREPS = _word_list("place_preps")
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "him", "her", "them"})
SECOND_PERSON = frozenset({"you", "your", "yours"})
# A possessive pronoun that names the subject itself ("we declare our allegiance").
SAME_PERSON = {
    "i": "my",
    "we": "our",
    "he": "his",
    "she": "her",
    "it": "its",
    "they": "their",
    "you": "your",
}
THIRD_POSSESSIVE = frozenset({"his", "her", "its", "their"})
MAX_ACTOR_TOKENS = 14
PARTY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
PARTY_NOUNS = _word_list("party_nouns")
THING_OBJECTS = _word_list("thing_objects")

# Our themes, as PLOVER context labels (data/events/words.toml).
THEME_CONTEXTS: dict[str, str] = dict(_WORDS["theme_contexts"])


@dataclass(frozen=True, slots=True)
class Coded:
    """One trigger in one sentence, coded, before it becomes an `Event`."""

    match: Match
    type: str
    depth: int
    negated: bool
    future: bool
    hypothetical: bool
    reported: bool
    verb: Token  # the clause verb the participants hang on


def _depth(token: Token) -> int:
    depth, node = 0, token
    while node.head.i != node.i:
        if node.dep_ in ("relcl", "acl", "advcl", "csubj", "appos"):
            depth += 2
        elif not (node.head.lemma_ in SPEECH and node.dep_ in ("ccomp", "xcomp", "parataxis")):
            depth += 1
        node = node.head
    return depth


def _clause_verb(token: Token) -> Token:
    """The verb whose arguments are the event's participants."""
    node = token
    while node.pos_ in ("NOUN", "PROPN", "ADJ", "ADP") and node.head.i != node.i:
        if node.dep_ in SUBJECTS:  # "the attack killed seven": the noun is the agent
            return node
        node = node.head
    return node


def _governors(token: Token) -> list[Token]:
    chain, node = [], token
    while node.head.i != node.i and node.dep_ in (
        "xcomp",
        "ccomp",
        "conj",
        "advcl",
        "dobj",
        "pobj",
        "prep",
        "acomp",
        "amod",
        "compound",
    ):
        node = node.head
        chain.append(node)
    return chain


def _code(match: Match) -> Coded:
    head = min(match.tokens, key=_depth)
    verb = _clause_verb(head)
    nodes = [head, verb, *_governors(verb)]
    lemmas_above = {n.lemma_.lower() for n in _governors(verb)}
    children = [c for n in (head, verb) for c in n.children]
    negated = any(c.dep_ == "neg" for c in children)
    aux = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    future = bool(aux & FUTURE_AUX) or bool(lemmas_above & (INTENT - {"threaten"}))
    hypothetical = bool(aux & HYPOTHETICAL_AUX) or any(
        c.dep_ == "mark" and c.lower_ in ("if", "unless") for n in nodes for c in n.children
    )
    must = "must" in aux
    reported = any(n.lemma_.lower() in SPEECH for n in _governors(verb))
    kind = match.pattern.type
    threatened = "threaten" in lemmas_above
    if negated and kind in COOPERATIVE | {"RETREAT"}:
        kind = "REJECT"
    elif must and kind not in ("DEMAND", "THREATEN"):
        kind = "DEMAND"
    elif ((threatened or hypothetical) and kind in HOSTILE) or (
        future and kind in HOSTILE and not negated
    ):
        kind = "THREATEN"
    elif future and kind in COOPERATIVE and not negated:
        kind = "AGREE"
    return Coded(
        match=match,
        type=kind,
        depth=_depth(head),
        negated=negated,
        future=future or kind == "THREATEN",
        hypothetical=hypothetical,
        reported=reported,
        verb=verb,
    )


def code_sentence(sentence: Span) -> list[Coded]:
    """The sentence's events, the main one first."""
    coded = [_code(m) for m in find_matches(sentence)]
    if not coded:
        return []
    coded.sort(key=lambda c: (c.depth, -len(c.match.tokens), c.match.start))
    main = coded[0]
    inside = {t.i for t in main.verb.subtree}
    events = [main]
    for other in coded[1:]:
        head = min(other.match.tokens, key=_depth)
        coordinated = (other.verb.dep_ == "conj" and other.verb.head.i == main.verb.i) or (
            head.dep_ == "conj" and other.type != main.type
        )
        separate = other.verb.i not in inside and other.depth <= main.depth + 1
        if coordinated or (separate and other.verb.i != main.verb.i):
            events.append(other)
    return events


# Participants ----------------------------------------------------------------------------------


def _phrase(token: Token) -> tuple[int, int]:
    """Character span of a noun phrase: its subtree without clauses hanging off it."""
    skip = {
        t.i
        for c in token.children
        if c.dep_ in ("relcl", "acl", "appos", "punct", "advcl")
        or (c.dep_ == "prep" and c.lower_ not in ("of", "for", "in", "from"))
        for t in c.subtree
    }
    words = [t for t in token.subtree if t.i not in skip]
    if len(words) > MAX_ACTOR_TOKENS:
        words = [t for t in token.lefts if t.i not in skip] + [token]
    words = [t for t in words if not t.is_punct or t.i not in (words[0].i, words[-1].i)]
    while words and (words[-1].is_punct or words[-1].dep_ == "cc"):
        words.pop()
    while words and (words[0].is_punct or words[0].dep_ == "cc"):
        words.pop(0)
    if not words:
        return token.idx, token.idx + len(token.text)
    return words[0].idx, words[-1].idx + len(words[-1].text)


CLIMB = frozenset(
    {
        "xcomp",
        "conj",
        "advcl",
        "acomp",
        "pcomp",
        "prep",
        "pobj",
        "ccomp",
        "dobj",
        "attr",
        "amod",
        "compound",
        "oprd",
    }
)


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The subject of the verb's clause and whether it is a passive subject.

    Climbs from an embedded act to the clause that has a subject ("agreed to cooperate",
    "guilty of violating"); a clause modifying a noun takes the subject of the verb that governs
    that noun ("issued videos supporting X"), or the noun itself when it is a subject.
    """
    node = verb
    for _ in range(8):
        for child in node.children:
            if child.dep_ in ("nsubj", "csubj", "expl") and child.dep_ != "expl":
                return child, False
            if child.dep_ == "nsubjpass":
                return child, True
        if node.dep_ in ("acl", "relcl") and node.head.i != node.i:
            noun = node.head
            if noun.dep_ in SUBJECTS or noun.head.i == noun.i:
                return noun, False
            node = noun.head
        elif node.dep_ in CLIMB and node.head.i != node.i:
            node = node.head
        else:
            break
    return None, False


def _modifier_actor(noun: Token) -> Token | None:
    """For a noun trigger with no subject ("Palestinian riots"): who the noun says did it."""
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "poss", "nmod") and (
            child.ent_type_ in PARTY_LABELS or child.pos_ == "PROPN"
        ):
            return child
    return None


def _speaker_of(token: Token) -> Token | None:
    """The subject of the speech verb whose reported clause contains `token`."""
    node = token
    while node.head.i != node.i:
        parent = node.head
        if parent.lemma_.lower() in SPEECH and node.dep_ in ("ccomp", "parataxis", "xcomp"):
            return next((c for c in parent.children if c.dep_ == "nsubj"), None)
        node = parent
    return None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _is_party(token: Token) -> bool:
    """Could this noun be a participant (a named or described actor) rather than a thing?"""
    return (
        token.pos_ == "PROPN"
        or token.ent_type_ in PARTY_LABELS
        or (token.lemma_.lower() in PARTY_NOUNS)
    )


def _possessor(thing: Token, subject: Token | None) -> Token | None:
    """Whose thing it is ("accepted the rebels' surrender", "accepts your allegiance"), unless it
    may be the subject's own ("we declare our allegiance", "the army withdrew its troops")."""
    for child in thing.children:
        if child.dep_ != "poss":
            continue
        if child.pos_ == "PRON":
            if subject is not None and SAME_PERSON.get(subject.lower_) == child.lower_:
                continue
            if child.lower_ in THIRD_POSSESSIVE and (subject is None or subject.pos_ != "PRON"):
                continue  # "the council accepted their apology": maybe the council's own
            return child
        if _is_party(child):
            return child
    return None


def _prep_object(*nodes: Token, preps: tuple[str, ...] = OBJECT_PREPS) -> Token | None:
    """The object of the most telling preposition (to, with, against, …) on any of the nodes."""
    found = [
        (preps.index(child.lower_), pobj.i, pobj)
        for node in nodes
        for child in node.children
        if child.dep_ == "prep" and child.lower_ in preps
        for pobj in child.children
        if pobj.dep_ == "pobj" and pobj.ent_type_ not in ("DATE", "TIME")
    ]
    return min(found, key=lambda f: f[:2])[2] if found else None


def _object(verb: Token, trigger: Token, subject: Token | None = None) -> Token | None:
    """The recipient: a direct object that is a party, else the object of to/with/against …,
    else the owner of the thing the act is done to ("accepted their surrender")."""
    named = next((c for c in trigger.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if named is not None:  # "names Sheikh X as governor"
        return named
    direct = next(
        (
            c
            for n in (trigger, verb)
            for c in n.children
            if c.dep_ in ("dobj", "dative") and c.i != trigger.i
        ),
        None,
    )
    if direct is not None and _is_party(direct):
        return direct
    nodes = (trigger, verb, *([direct] if direct is not None else []))
    found = _prep_object(*nodes, preps=DIRECTED_PREPS)
    if found is not None:
        return found
    owner = _possessor(direct, subject) if direct is not None else None
    if owner is not None:
        return owner
    found = _prep_object(*nodes)
    if found is not None:
        return found
    if direct is not None and direct.lemma_.lower() not in THING_OBJECTS:
        return direct
    for child in verb.children:  # "agreed to give X": the object of the intended act
        if child.dep_ == "xcomp":
            found = _object(child, child, subject)
            if found is not None:
                return found
    return None


FIRST_PERSON = frozenset({"we", "i", "us", "me", "our"})
GROUP_HEADS = _word_list("group_heads")


def _phrase_entity(token: Token, start: int, end: int, refs: References) -> Entity | None:
    """The entity a described actor names: its head, an apposition, or the one named inside."""
    for candidate in [token, *(c for c in token.children if c.dep_ in ("appos", "compound"))]:
        entity = refs.entity_over(candidate.idx, candidate.idx + len(candidate.text))
        if (entity is not None and entity.type != "place") or (
            entity is not None and candidate.i == token.i
        ):
            return entity
    inside = refs.parties_inside(start, end)
    people = [e for e in inside if e.type == "person"]
    if len(people) == 1:
        return people[0]
    orgs = [e for e in inside if e.type == "organization"]
    if len(orgs) == 1 and (token.lemma_.lower() in GROUP_HEADS or not people):
        return orgs[0]
    return None


def _quote_speaker(article: Article, at: int) -> str | None:
    for quote in article.quotes:
        if quote.start <= at < quote.end:
            return quote.speaker_id
    return None


def _actor(token: Token | None, article: Article, refs: References) -> Actor | None:
    if token is None:
        return None
    start, end = _phrase(token)
    entity = _phrase_entity(token, start, end, refs)
    entity_id = entity.id if entity else None
    if token.lower_ in FIRST_PERSON:
        entity_id = _quote_speaker(article, token.idx)
    elif token.lower_ in SECOND_PERSON:
        entity_id = None  # the addressees: not resolved
    elif token.lower_ in PRONOUNS:
        speaker = _speaker_of(token)
        if speaker is not None and speaker.lower_ not in PRONOUNS:
            return _actor(speaker, article, refs)
        antecedent = refs.antecedent(token)
        entity_id = antecedent.id if antecedent else None
    return Actor(text=article.text[start:end], start=start, end=end, entity_id=entity_id)


def _place(article: Article, coded: Coded, taken: list[Actor | None]) -> Place | None:
    # the clause's tokens by offset, built once: mentions outside its span are skipped at once
    # (a long article has thousands of place mentions and hundreds of events)
    by_offset = {t.idx: t for t in coded.verb.subtree}
    low, high = min(by_offset), max(by_offset)
    for place in article.places:
        for m in place.mentions or [Mention(start=place.start, end=place.end, text=place.text)]:
            if not low <= m.start <= high or m.start not in by_offset:
                continue
            if any(
                a and a.start is not None and a.end is not None and a.start <= m.start < a.end
                for a in taken
            ):
                continue
            node = by_offset[m.start]
            while (
                node.dep_ in ("compound", "pobj", "amod", "nmod", "poss", "appos", "conj")
                and node.head.i != node.i
            ):
                node = node.head
                if node.dep_ == "prep" and node.lower_ in PLACE_PREPS:
                    return place
    return None


def _within(actor: Actor | None, start: int, end: int) -> Actor | None:
    """The participant if its words lie in the event's evidence span, else None."""
    if actor is None or actor.start is None or actor.end is None:
        return actor
    return actor if start <= actor.start and actor.end <= end else None


def _reported(article: Article, coded: Coded, start: int, end: int) -> bool:
    """Are the event's words attributed to someone other than the narrator?"""
    at = coded.match.start
    return (
        coded.reported
        or "according to" in article.text[start:end].lower()
        or any(q.direct and q.start <= at < q.end for q in article.quotes)
        or inside_quotation_marks(article.text, start, at)
    )


def _headline_actor(head: Token) -> Token | None:
    """In a headline with no verb the parser hangs the act beside its doer ("Rebels ‘seize’
    town": seize is an apposition of Rebels), the doer being a party or a plural noun."""
    doer = head.head
    if head.dep_ != "appos" or doer.i > head.i:
        return None
    if _is_party(doer) or (doer.dep_ == "ROOT" and doer.tag_ in ("NNS", "NNPS")):
        return doer
    return None


def _event(article: Article, coded: Coded, sentence: Span, refs: References) -> Event:
    match = coded.match
    subject, passive = _subject(coded.verb)
    agent = _agent(coded.verb)
    head = min(match.tokens, key=_depth)
    if coded.type == "DEMAND" and coded.match.pattern.type != "DEMAND":
        # "X said Y must …": X demands, Y is asked.
        speaker = _speaker_of(head)
        if speaker is not None:
            subject, passive, agent = speaker, False, None
    if subject is None and head.pos_ in ("NOUN", "PROPN"):
        subject = _modifier_actor(head) or _headline_actor(head)
    if passive:
        doer, done_to = agent, subject
    else:
        doer, done_to = subject, _object(coded.verb, head, subject)
    start, end = clause_span(article.text, sentence.start_char, sentence.end_char, match.start)
    actor = _within(_actor(doer, article, refs), start, end)
    recipient = _within(_actor(done_to, article, refs), start, end)
    doer_span = (doer.idx, doer.idx + len(doer.text)) if doer is not None and actor else None
    return Event(
        start=start,
        end=end,
        stage=STAGE,
        text=article.text[start:end],
        type=coded.type,
        mode=match.pattern.mode,
        trigger=article.text[match.start : match.end],
        trigger_start=match.start,
        trigger_end=match.end,
        actor=actor,
        recipient=recipient,
        place=_place(article, coded, [actor, recipient]),
        date=date_in(article, start, end),
        amount=amount_of(article, doer_span, start, end) if doer_span else None,
        contexts=contexts_in(article, start, end, THEME_CONTEXTS),
        negated=coded.negated,
        hypothetical=coded.hypothetical,
        future=coded.future,
        reported=_reported(article, coded, start, end),
        mentions=[
            Mention(start=match.start, end=match.end, text=article.text[match.start : match.end])
        ],
    )


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
    text order, and the event is `reported` only if every report of it is."""
    kept: list[Event] = []
    mentions: list[list[Mention]] = []
    reported: list[bool] = []
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
            continue
        if _named(event) > _named(kept[index]):
            kept[index] = event
        mentions[index].extend(event.mentions)
        reported[index] = reported[index] and event.reported
    return [
        event.model_copy(update={"mentions": sorted(ms, key=lambda m: m.start), "reported": r})
        for event, ms, r in zip(kept, mentions, reported, strict=True)
    ]


def find_events(article: Article, doc: Doc) -> list[Event]:
    """Every event in the article, in text order, main event of each sentence first."""
    events = []
    refs = References(article)
    for sentence in doc.sents:
        for coded in code_sentence(sentence):
            events.append(_event(article, coded, sentence, refs))
    return events


def run(article: Article, doc: Doc) -> Article:
    """The article with its events, and its tone's `conflict` score read from them."""
    article = article.model_copy(update={"events": deduplicate(find_events(article, doc))})
    return with_conflict(article)
