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
   object of "to/with/against/on/…". Each is a described actor (the words, e.g. "Islamist
   militants in four regions of Russia’s Caucasus") with the canonical entity id when its head is
   a named entity; pronouns refer back to the nearest person or organisation before them.
5. **Context.** A place attached to the trigger by "in/at/near", the sentence's date from the
   dates stage, an amount counting the actor, and PLOVER contexts from the themes stage.
6. **Deduplication.** The same type with the same participants reported again in the article is
   one event with several `mentions`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.model import Actor, Amount, Article, DateExpr, Entity, Event, Mention, Place
from newsgraph.nlp._event_lexicon import Match, find_matches
from newsgraph.nlp.entities import entity_at

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

STAGE = "events"

SPEECH = frozenset(
    {
        "say",
        "tell",
        "report",
        "announce",
        "state",
        "add",
        "claim",
        "note",
        "quote",
        "write",
        "declare",
        "explain",
        "insist",
        "confirm",
        "maintain",
        "argue",
        "believe",
        "think",
        "show",
    }
)
INTENT = frozenset(
    {
        "threaten",
        "plan",
        "intend",
        "promise",
        "vow",
        "pledge",
        "offer",
        "ready",
        "willing",
        "prepared",
        "prepare",
        "expect",
        "hope",
        "aim",
        "seek",
        "want",
    }
)
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
PLACE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "him", "her", "them"})
MAX_ACTOR_TOKENS = 14
PARTY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
PARTY_NOUNS = frozenset(
    {
        "government",
        "army",
        "police",
        "force",
        "troop",
        "soldier",
        "rebel",
        "militant",
        "official",
        "minister",
        "president",
        "leader",
        "group",
        "people",
        "civilian",
        "refugee",
        "protester",
        "demonstrator",
        "student",
        "worker",
        "party",
        "opposition",
        "authority",
        "militia",
        "guerrilla",
        "settler",
        "prisoner",
        "detainee",
        "journalist",
        "diplomat",
        "ambassador",
        "envoy",
        "delegation",
        "country",
        "state",
        "nation",
        "administration",
        "regime",
        "junta",
        "villager",
        "resident",
        "fighter",
        "insurgent",
        "ally",
        "neighbour",
        "neighbor",
        "camp",
    }
)
THING_OBJECTS = frozenset({"allegiance", "fealty", "news", "statement", "decision"})

# Our themes, as PLOVER context labels.
THEME_CONTEXTS = {
    "terrorism": "terrorism",
    "armed_conflict": "military",
    "extremism": "pol_violence",
    "foreign_fighters": "military",
    "diplomacy": "diplomatic",
    "sanctions": "economic",
    "elections": "political_institutions",
    "protest": "protest",
    "crime": "crime",
    "migration": "migration",
    "economy": "economic",
    "disaster": "disaster",
    "health": "health",
    "security_services": "intelligence",
    "religion": "rights_freedoms",
}


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


def _code(match: Match, sentence: Span) -> Coded:
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
    reported = any(n.lemma_.lower() in SPEECH for n in _governors(verb)) or (
        "according to" in sentence.text.lower()
    )
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
    coded = [_code(m, sentence) for m in find_matches(sentence)]
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


def _prep_object(*nodes: Token) -> Token | None:
    """The object of the most telling preposition (to, with, against, …) on any of the nodes."""
    found = [
        (OBJECT_PREPS.index(child.lower_), pobj.i, pobj)
        for node in nodes
        for child in node.children
        if child.dep_ == "prep" and child.lower_ in OBJECT_PREPS
        for pobj in child.children
        if pobj.dep_ == "pobj" and pobj.ent_type_ not in ("DATE", "TIME")
    ]
    return min(found, key=lambda f: f[:2])[2] if found else None


def _object(verb: Token, trigger: Token) -> Token | None:
    """The recipient: a direct object that is a party, else the object of to/with/against …"""
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
    found = _prep_object(trigger, verb, *([direct] if direct is not None else []))
    if found is not None:
        return found
    if direct is not None and direct.lemma_.lower() not in THING_OBJECTS:
        return direct
    for child in verb.children:  # "agreed to give X": the object of the intended act
        if child.dep_ == "xcomp":
            found = _object(child, child)
            if found is not None:
                return found
    return None


def _antecedent(entities: list[Entity], before: int) -> Entity | None:
    best: tuple[int, Entity] | None = None
    for entity in entities:
        if entity.type not in ("person", "organization", "group"):
            continue
        for m in entity.mentions:
            if m.end <= before and (best is None or m.end > best[0]):
                best = (m.end, entity)
    return best[1] if best else None


FIRST_PERSON = frozenset({"we", "i", "us", "me", "our"})
GROUP_HEADS = frozenset(
    {
        "group",
        "organization",
        "organisation",
        "movement",
        "party",
        "network",
        "faction",
        "militia",
        "agency",
        "government",
        "forces",
    }
)


def _phrase_entity(token: Token, start: int, end: int, article: Article) -> Entity | None:
    """The entity a described actor names: its head, an apposition, or the one named inside."""
    for candidate in [token, *(c for c in token.children if c.dep_ in ("appos", "compound"))]:
        entity = entity_at(article, candidate.idx, candidate.idx + len(candidate.text))
        if (entity is not None and entity.type != "place") or (
            entity is not None and candidate.i == token.i
        ):
            return entity
    inside = {
        e.id: e
        for e in article.entities
        if e.type in ("person", "organization", "group")
        for m in e.mentions
        if start <= m.start and m.end <= end
    }
    people = [e for e in inside.values() if e.type == "person"]
    if len(people) == 1:
        return people[0]
    orgs = [e for e in inside.values() if e.type == "organization"]
    if len(orgs) == 1 and (token.lemma_.lower() in GROUP_HEADS or not people):
        return orgs[0]
    return None


def _quote_speaker(article: Article, at: int) -> str | None:
    for quote in article.quotes:
        if quote.start <= at < quote.end:
            return quote.speaker_id
    return None


def _actor(token: Token | None, article: Article) -> Actor | None:
    if token is None:
        return None
    start, end = _phrase(token)
    entity = _phrase_entity(token, start, end, article)
    entity_id = entity.id if entity else None
    if token.lower_ in FIRST_PERSON:
        entity_id = _quote_speaker(article, token.idx)
    elif token.lower_ in PRONOUNS:
        speaker = _speaker_of(token)
        if speaker is not None and speaker.lower_ not in PRONOUNS:
            return _actor(speaker, article)
        antecedent = _antecedent(article.entities, token.idx)
        entity_id = antecedent.id if antecedent else None
    return Actor(text=article.text[start:end], start=start, end=end, entity_id=entity_id)


def _place(article: Article, coded: Coded, taken: list[Actor | None]) -> Place | None:
    for place in article.places:
        for m in place.mentions or [Mention(start=place.start, end=place.end, text=place.text)]:
            if any(
                a and a.start is not None and a.end is not None and a.start <= m.start < a.end
                for a in taken
            ):
                continue
            tokens = [t for t in coded.verb.subtree if t.idx == m.start]
            if not tokens:
                continue
            node = tokens[0]
            while (
                node.dep_ in ("compound", "pobj", "amod", "nmod", "poss", "appos", "conj")
                and node.head.i != node.i
            ):
                node = node.head
                if node.dep_ == "prep" and node.lower_ in PLACE_PREPS:
                    return place
    return None


def _date(article: Article, sentence: Span) -> DateExpr | None:
    inside = [d for d in article.dates if sentence.start_char <= d.start < sentence.end_char]
    return inside[0] if inside else None


def _amount(article: Article, actor: Actor | None) -> Amount | None:
    if actor is None or actor.start is None or actor.end is None:
        return None
    head = article.text[actor.start : actor.end].lower()
    best = None
    for amount in article.amounts:
        if amount.object_start is not None and amount.object_end is not None:
            overlaps = amount.object_start < actor.end and actor.start < amount.object_end
        else:
            overlaps = actor.start <= amount.start < actor.end
        named = bool(amount.object) and (amount.object or "").lower() in head
        if (overlaps or named) and (best is None or (amount.value or 0) > (best.value or 0)):
            best = amount
    return best


def _contexts(article: Article) -> list[str]:
    contexts: list[str] = []
    for theme in article.themes:
        label = THEME_CONTEXTS.get(theme.name)
        if label and label not in contexts:
            contexts.append(label)
    return contexts


def _in_quote(article: Article, start: int) -> bool:
    return any(q.start <= start < q.end for q in article.quotes)


def _event(article: Article, coded: Coded, sentence: Span) -> Event:
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
        subject = _modifier_actor(head)
    if passive:
        actor, recipient = _actor(agent, article), _actor(subject, article)
    else:
        recipient_token = _object(coded.verb, head)
        actor, recipient = _actor(subject, article), _actor(recipient_token, article)
    return Event(
        start=sentence.start_char,
        end=sentence.end_char,
        stage=STAGE,
        text=sentence.text,
        type=coded.type,
        mode=match.pattern.mode,
        trigger=article.text[match.start : match.end],
        trigger_start=match.start,
        trigger_end=match.end,
        actor=actor,
        recipient=recipient,
        place=_place(article, coded, [actor, recipient]),
        date=_date(article, sentence),
        amount=_amount(article, actor),
        contexts=_contexts(article),
        negated=coded.negated,
        hypothetical=coded.hypothetical,
        future=coded.future,
        reported=coded.reported or _in_quote(article, match.start),
        mentions=[
            Mention(start=match.start, end=match.end, text=article.text[match.start : match.end])
        ],
    )


def _words(actor: Actor | None) -> set[str]:
    if actor is None:
        return set()
    return {w.lower() for w in actor.text.split() if len(w) > 3}


def _stem(trigger: str) -> str:
    return trigger.split()[0].lower()[:5] if trigger.split() else ""


def _same_party(a: Actor | None, b: Actor | None) -> bool:
    """Could these two participants be the same? Unknown is compatible with anything."""
    if a is None or b is None:
        return True
    if a.entity_id and b.entity_id:
        return a.entity_id == b.entity_id
    return a.text.lower() == b.text.lower() or bool(_words(a) & _words(b))


def deduplicate(events: list[Event]) -> list[Event]:
    """One event per report: the same type between compatible participants is merged, later
    reports becoming `mentions` of the first (title, standfirst and body often say it thrice)."""
    kept: list[Event] = []
    for event in events:
        index = next(
            (
                i
                for i, k in enumerate(kept)
                if k.type == event.type
                and _stem(k.trigger) == _stem(event.trigger)
                and _same_party(k.actor, event.actor)
                and _same_party(k.recipient, event.recipient)
            ),
            None,
        )
        if index is None:
            kept.append(event)
            continue
        first = kept[index]
        update: dict[str, object] = {"mentions": [*first.mentions, *event.mentions]}
        for part in ("actor", "recipient", "place", "date", "amount"):
            if getattr(first, part) is None and getattr(event, part) is not None:
                update[part] = getattr(event, part)
        kept[index] = first.model_copy(update=update)
    return kept


def find_events(article: Article, doc: Doc) -> list[Event]:
    """Every event in the article, in text order, main event of each sentence first."""
    events = []
    for sentence in doc.sents:
        for coded in code_sentence(sentence):
            events.append(_event(article, coded, sentence))
    return events


def run(article: Article, doc: Doc) -> Article:
    return article.model_copy(update={"events": deduplicate(find_events(article, doc))})
