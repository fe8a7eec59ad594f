"""Pass 4 of the quotes stage: which entity each speaker is, and what a pronoun stands for.

A speaker named in the text takes the entity whose mention covers it. A pronoun ("he") or a
description ("the minister") refers back: to the latest earlier speaker it can stand for, else
to the nearest earlier person (for a description, a person whose own noun phrase carries its
title: "Anna Petrova, the foreign minister, ..." for "the minister"; "it" to an organisation).
A person or organisation named as a subject after that speaker wins over it: the text has moved
on to them. A relative pronoun ("Mara Olsen, who said ...") stands for the noun phrase its
clause hangs on. The words referred to are
kept (`Found.refers_to`) with the entity they name, so the quote reaches that entity's page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from newsgraph.model import SpeakerRef
from newsgraph.nlp._doc import text_of
from newsgraph.nlp.quotes._gender import Genders, pronoun_gender
from newsgraph.nlp.quotes._lexicon import Lexicon
from newsgraph.nlp.quotes._rules import Cue, children_of, lemma, title_lemma
from newsgraph.nlp.quotes._speakers import (
    Speaker,
    describe,
    entity_at,
    headline_person,
    is_organisation,
    is_person_like,
    mentions_before,
    preceding_mention,
    relative_antecedent,
    titled_person,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsgraph.model import Article, Entity

_ANTECEDENT_WINDOW = 1500
_LONGEST_NAME = 300  # characters: a mention starting further back cannot end in the window
_ANTECEDENT_CANDIDATES = 50
_ORGANISATION_WINDOW = 400  # "it" as a speaker reaches back about a paragraph for its name
_REFERRING = (
    "person",
    "plural",
    "thing",
    "first",
    "relative",
)  # speaker kinds that never name an entity


@dataclass(frozen=True, slots=True)
class Found:
    """One attribution before it becomes a `Quote`."""

    start: int
    end: int
    direct: bool
    cue: Cue | None
    speaker: Speaker | None
    source: str | None = None
    speaker_id: str | None = None
    refers_to: tuple[int, int] | None = None  # the earlier words a pronoun/nominal stands for


def speaker_ref(text: str, f: Found) -> SpeakerRef | None:
    """The antecedent of a pronoun or description speaker, as the record shows it."""
    if f.refers_to is None:
        return None
    start, end = f.refers_to
    return SpeakerRef(text=text[start:end], start=start, end=end, entity_id=f.speaker_id)


def resolve(doc: Doc, lex: Lexicon, article: Article, found: list[Found]) -> list[Found]:
    """Speaker ids, pronouns and nominals referring back; the result in text order."""
    done: list[Found] = []  # resolved, in speaker order
    first: dict[tuple[int, int], Found] = {}  # the first resolved of each speaker's words
    genders = Genders.of_article(text_of(doc), article)
    for f in sorted(found, key=lambda f: f.speaker.start if f.speaker else -1):
        if f.speaker is None:
            done.append(f)
            continue
        resolved = _resolve_one(doc, lex, article, f, done, first, genders)
        done.append(resolved)
        if resolved.speaker is not None:
            first.setdefault(_words(resolved.speaker), resolved)
    return sorted(done, key=lambda f: (f.start, f.end))


def _resolve_one(
    doc: Doc,
    lex: Lexicon,
    article: Article,
    f: Found,
    done: list[Found],
    first: dict[tuple[int, int], Found],
    genders: Genders,
) -> Found:
    s = f.speaker
    if s is None:
        return f
    owner = _possessive_owner(doc, lex, s)
    if owner is not None:  # "his statement said": whom "his" stands for
        found = _resolve_one(doc, lex, article, replace(f, speaker=owner), done, first, genders)
        return replace(found, speaker=s)
    issuer = _issuer(doc, lex, s)
    if issuer is not None:  # "the mayor issued a statement saying": whom the statement is from
        found = _resolve_one(doc, lex, article, replace(f, speaker=issuer), done, first, genders)
        if found.refers_to is None and issuer.kind not in _REFERRING:
            found = replace(found, refers_to=(issuer.start, issuer.end))
        return replace(found, speaker=s)
    gender = pronoun_gender(doc[s.head].text) if s.kind == "person" else None
    entity = _named(doc, article, s)
    if entity is not None and s.kind not in _REFERRING:
        return replace(f, speaker_id=entity.id)
    if s.kind == "relative":
        return _resolve_relative(doc, article, f, s)
    author = _author(doc, lex, article, s) if entity is None else None
    if author is not None:
        m_start, m_end, named = author
        return replace(f, speaker_id=named.id, refers_to=(m_start, m_end))
    same = first.get(_words(s))  # a look-up: a scan of `done` per quote grew with its square
    if same is not None:  # the same words already resolved ("“…,” she said, “…”")
        return replace(f, speaker_id=same.speaker_id, refers_to=same.refers_to)
    earlier = [
        d
        for d in done[-_ANTECEDENT_CANDIDATES:]
        if d.speaker is not None
        and d.speaker.end <= s.start
        and s.start - d.speaker.end <= _ANTECEDENT_WINDOW
    ]
    antecedent = _antecedent(doc, lex, article, s, earlier, gender, genders)
    subject = _later_subject(doc, article, s, antecedent, gender, genders)
    if subject is not None:
        m_start, m_end, named = subject
        return replace(f, speaker_id=named.id, refers_to=(m_start, m_end))
    if antecedent is not None and (s.kind != "nominal" or antecedent.speaker_id is not None):
        # a description stands for a named speaker only; "he" for whoever spoke last
        return replace(f, speaker_id=antecedent.speaker_id, refers_to=_span(antecedent))
    mention = None
    if s.kind == "person":
        mention = _agreeing_person(article, s.start, gender, genders)
    elif s.kind == "thing":
        # "it said" with no earlier speaker: the organisation named last, close before it
        mention = preceding_mention(article, s.start, ("organization",), _ORGANISATION_WINDOW)
    elif s.kind == "nominal" and _organisation_noun(doc, lex, s):
        # "the company said": the organisation named last, close before it
        mention = preceding_mention(article, s.start, ("organization",), _ORGANISATION_WINDOW)
    elif s.kind == "nominal" and _body_names(doc, lex, s) is not None:
        # "the police said": the body itself, or an earlier organisation its name says it is
        mention = _named_body(doc, lex, article, s)
    elif s.kind == "nominal":
        mention = titled_person(doc, lex, article, s, _ANTECEDENT_WINDOW)
        if mention is None and _unaffiliated_spokesperson(doc, s):
            mention = preceding_mention(article, s.start, ("organization",), _ORGANISATION_WINDOW)
    if mention is None and s.kind in ("nominal", "name"):
        mention = headline_person(doc, lex, article, s, _ANTECEDENT_WINDOW)
    if mention is not None:
        m_start, m_end, person = mention
        return replace(f, speaker_id=person.id, refers_to=(m_start, m_end))
    return f


_POSSESSIVE_KINDS = {"his": "person", "her": "person", "its": "thing"}


def _possessive_owner(doc: Doc, lex: Lexicon, s: Speaker) -> Speaker | None:
    """'“We lost,” his statement said', 'Her message was blunt: “…”': a document or message
    owned by a pronoun speaks for whom the pronoun stands for; the pronoun is resolved as a
    speaker would be."""
    head = doc[s.head]
    if lemma(head) not in lex.channel_nouns:
        return None
    for child in children_of(head):
        kind = _POSSESSIVE_KINDS.get(child.lower_)
        if child.dep_ == "poss" and kind is not None:
            return Speaker(child.idx, child.idx + len(child.text), child.i, kind)
    return None


_ISSUING = frozenset({"issue", "release", "publish", "post", "send", "put", "deliver", "give"})


def _issuer(doc: Doc, lex: Lexicon, s: Speaker) -> Speaker | None:
    """'The mayor issued a statement saying “…”', 'the club posted a message that read “…”': a
    document or message that is the object of a verb of issuing speaks for that verb's subject
    (resolved as a speaker would be: a name, a pronoun, a description)."""
    head = doc[s.head]
    verb = head.head
    if head.dep_ != "dobj" or lemma(head) not in lex.channel_nouns or lemma(verb) not in _ISSUING:
        return None
    if any(c.dep_ == "poss" for c in children_of(head)):
        return None  # "released her statement": the owner named is the speaker
    subject = next((c for c in children_of(verb) if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ in ("which", "that", "who"):
        return None
    return describe(subject, lex)


_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson"})


def _unaffiliated_spokesperson(doc: Doc, s: Speaker) -> bool:
    """'Harbour Ferries cut its winter timetable. “Demand has fallen,” a spokeswoman said.': a
    spokesperson whom the text gives no name and no employer speaks for the organisation the
    story has just named (news names the employer once, then drops it)."""
    head = doc[s.head]
    if lemma(head) not in _SPOKESPEOPLE:
        return False
    # "a company spokesman" speaks for the company named last; "an Acme spokesman", "a
    # spokesman for Acme" and "the mayor's spokesman" name their employer themselves
    own = ("poss", "appos", "prep", "relcl", "acl")
    return not any(
        c.dep_ in own or (c.dep_ == "compound" and c.pos_ == "PROPN") for c in children_of(head)
    )


def _named(doc: Doc, article: Article, s: Speaker) -> Entity | None:
    """The entity a speaker's words name: the one whose mention holds the head word first.

    "said Daniel Okafor, a spokesman for Meridian Freight" names Okafor, who speaks for the
    company; only words whose head no mention holds ("a Home Office spokesperson") take the
    longest mention in them.
    """
    head = doc[s.head]
    return entity_at(article, head.idx, head.idx + len(head.text)) or entity_at(
        article, s.start, s.end
    )


_AUTHOR_PREPOSITIONS = frozenset({"by", "from"})


def _author(doc: Doc, lex: Lexicon, article: Article, s: Speaker) -> tuple[int, int, Entity] | None:
    """Whom a document speaks for: 'a report by the Audit Office said', 'the report, published
    by the Audit Office, said', 'a statement from the sheriff's office said'. A document is
    the channel; the body named as its author is the speaker."""
    head = doc[s.head]
    if lemma(head) not in lex.channel_nouns:
        return None
    maker = _maker(article, head)
    if maker is not None:
        return maker
    for token in head.subtree:
        preposition = token.head
        if token.dep_ != "pobj" or token.i <= head.i:
            continue
        if preposition.text.lower() not in _AUTHOR_PREPOSITIONS:
            continue
        if preposition.dep_ not in ("prep", "agent"):
            continue
        lo, hi = token.left_edge.idx, token.idx + len(token.text)
        named = entity_at(article, lo, hi)
        if named is not None:
            return lo, hi, named
    return None


def _maker(article: Article, head: Token) -> tuple[int, int, Entity] | None:
    """'a speech Senator Ortiz delivered', 'the letter the senators sent': the named subject
    of a relative clause on a document is who made it, and so whom it speaks for."""
    for clause in children_of(head):
        if clause.dep_ != "relcl" or clause.i < head.i:
            continue
        for subject in children_of(clause):
            if subject.dep_ != "nsubj" or subject.pos_ != "PROPN":
                continue
            lo, hi = subject.left_edge.idx, subject.idx + len(subject.text)
            named = entity_at(article, lo, hi)
            if named is not None:
                return lo, hi, named
    return None


def _resolve_relative(doc: Doc, article: Article, f: Found, s: Speaker) -> Found:
    """A relative pronoun stands for the noun phrase its clause hangs on, in the sentence
    itself: no search back through the article."""
    words = relative_antecedent(doc, s)
    if words is None:
        return f
    named = entity_at(article, *words)
    return replace(f, speaker_id=named.id if named else None, refers_to=words)


_SUBJECT_TYPES = {"person": ("person",), "thing": ("organization",)}


def _later_subject(
    doc: Doc,
    article: Article,
    s: Speaker,
    antecedent: Found | None,
    gender: str | None,
    genders: Genders,
) -> tuple[int, int, Entity] | None:
    """A person (for "he", "she") or organisation (for "it") named as the subject of a clause
    after the latest earlier speaker: the pronoun stands for the one the text moved on to.

    "Lee said the plan was late. Ana Ruiz, the builder, arrived at noon. “It's fine,” she said."
    gives Ana Ruiz, not Lee; "Acme sold the plant. “We had no choice,” it said." gives Acme.
    """
    types = _SUBJECT_TYPES.get(s.kind)
    if types is None:
        return None
    since = antecedent.speaker.end if antecedent is not None and antecedent.speaker else -1
    window = _ANTECEDENT_WINDOW if s.kind == "person" else _ORGANISATION_WINDOW
    # the mentions starting at or before the pronoun, nearest first (a bisection: the walk
    # stops at the window, never reading the mentions after the pronoun; was every mention of
    # the article from its end, for each pronoun)
    for m_start, m_end, entity in mentions_before(article, s.start + 1):
        if m_end > s.start:
            continue
        if m_end <= since or s.start - m_end > window:
            return None
        if entity.type not in types or genders.clashes(entity.id, gender):
            continue
        span = doc.char_span(m_start, m_end, alignment_mode="expand")
        if span is not None and _is_subject(span.root):
            if antecedent is not None and antecedent.speaker_id == entity.id:
                return None
            return m_start, m_end, entity
    return None


def _is_subject(token: Token) -> bool:
    """A subject, or a name set in apposition to one ("Her son, Arun, is less sure": Arun is
    the subject the text moved on to, as "Arun is less sure" would make him)."""
    if token.dep_ in ("nsubj", "nsubjpass"):
        return True
    return token.dep_ == "appos" and token.head.dep_ in ("nsubj", "nsubjpass")


def _disagrees(doc: Doc, d: Found, gender: str | None, genders: Genders) -> bool:
    """Whether an earlier speaker is someone a pronoun of `gender` cannot stand for: one called
    by the other pronoun ("he said" before "she said"), or an entity the text calls so."""
    if gender is None or d.speaker is None:
        return False
    own = pronoun_gender(doc[d.speaker.head].text) if d.speaker.kind == "person" else None
    return (own is not None and own != gender) or genders.clashes(d.speaker_id, gender)


def _agreeing_person(
    article: Article, before: int, gender: str | None, genders: Genders
) -> tuple[int, int, Entity] | None:
    """The person named last before offset `before`, within the window, whom a pronoun of
    `gender` can stand for."""
    for m_start, m_end, entity in mentions_before(article, before):
        if before - m_start > _ANTECEDENT_WINDOW + _LONGEST_NAME:
            break
        if m_end > before or entity.type != "person" or before - m_end > _ANTECEDENT_WINDOW:
            continue
        if not genders.clashes(entity.id, gender):
            return m_start, m_end, entity
    return None


def _words(s: Speaker) -> tuple[int, int]:
    return s.start, s.end


def _span(f: Found) -> tuple[int, int] | None:
    if f.speaker is None:
        return None
    return f.refers_to or (f.speaker.start, f.speaker.end)


def _antecedent(
    doc: Doc,
    lex: Lexicon,
    article: Article,
    s: Speaker,
    earlier: list[Found],
    gender: str | None,
    genders: Genders,
) -> Found | None:
    """The latest earlier attribution whose speaker `s` (a pronoun or nominal) can stand for;
    `gender` is the pronoun's ("he": "m"), None for any other speaker."""

    def fits(d: Found) -> bool:
        other = d.speaker
        if other is None:
            return False
        head = doc[other.head]
        if s.kind == "person":
            # "he" and "she" stand for one person: never for "reporters" or "officials"
            return (
                other.kind not in ("first", "plural")
                and head.tag_ not in _PLURAL_TAGS
                and is_person_like(doc, other, lex, article)
                and not _disagrees(doc, d, gender, genders)
            )
        if s.kind == "plural":
            return other.kind == "plural" or head.tag_ in ("NNS", "NNPS")
        if s.kind == "thing":
            # "“…,” it said": a statement, or the organisation that spoke before
            return (
                other.kind == "thing"
                or lemma(head) in lex.channel_nouns
                or is_organisation(doc, other, lex, article)
            )
        if s.kind == "nominal":
            return d.speaker_id is not None and (
                lemma(head) == lemma(doc[s.head])
                or _titled(doc, lex, other, s)
                or (_organisation_noun(doc, lex, s) and is_organisation(doc, other, lex, article))
                or _carries_body_name(doc, lex, other, s)
            )
        return False

    return next((d for d in reversed(earlier) if fits(d)), None)


_PLURAL_TAGS = frozenset({"NNS", "NNPS"})


def _organisation_noun(doc: Doc, lex: Lexicon, s: Speaker) -> bool:
    """'the company', 'the agency': a description of an organisation, which AP style uses for
    an organisation after its first, named reference ("Greenfield Energy said ... “There is no
    risk,” the company said"). The bodies a noun names on its own ("the police", "the
    government") are not such descriptions (`_body_names`)."""
    head = doc[s.head]
    word = lemma(head)
    if word not in lex.organisation_nouns or word in lex.bodies:
        return False
    # a second reference is definite ("the company", "its carrier", "the two banks"); "small
    # groups of protesters" or "companies" in general refer to no one named before
    return any(
        (c.dep_ == "det" and c.lower_ in _DEFINITE) or c.dep_ == "poss" for c in children_of(head)
    )


_DEFINITE = frozenset({"the", "this", "that"})


_OWNERS = frozenset({"poss", "compound"})


def _body_names(doc: Doc, lex: Lexicon, s: Speaker) -> tuple[str, ...] | None:
    """The words an earlier organisation's name must carry for a body noun ("the police",
    "the ministry") to stand for it; None for other speakers, and for a body its own words
    already name ("the mayor's office", "the city council": no earlier name is needed)."""
    head = doc[s.head]
    names = lex.bodies.get(lemma(head)) or lex.bodies.get(head.text.lower())
    if names is None or any(c.dep_ in _OWNERS for c in children_of(head)):
        return None
    return names


def _carries(words: str, names: tuple[str, ...]) -> bool:
    lowered = words.lower()
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", lowered) for n in names)


def _carries_body_name(doc: Doc, lex: Lexicon, other: Speaker, s: Speaker) -> bool:
    """'The Riverton Police Department said ... the police added': an earlier speaker whose
    name carries the body's word."""
    names = _body_names(doc, lex, s)
    if names is None or other.kind in _REFERRING:
        return False
    return _carries(text_of(doc)[other.start : other.end], names)


def _named_body(
    doc: Doc, lex: Lexicon, article: Article, s: Speaker
) -> tuple[int, int, Entity] | None:
    """The nearest earlier organisation whose name carries the body's word ("the Ministry of
    Water" for "the ministry"); none when no such name came before: the body speaks as
    itself ("Norland Steel cut jobs. The government said ..." is not Norland Steel)."""
    names = _body_names(doc, lex, s)
    if names is None:
        return None
    text = text_of(doc)
    for m_start, m_end, entity in mentions_before(article, s.start):
        if s.start - m_start > _ANTECEDENT_WINDOW + _LONGEST_NAME:
            break
        if m_end > s.start or entity.type != "organization":
            continue
        if s.start - m_end > _ANTECEDENT_WINDOW:
            break
        if _carries(text[m_start:m_end], names) or _carries(entity.name, names):
            return m_start, m_end, entity
    return None


def _titled(doc: Doc, lex: Lexicon, other: Speaker, s: Speaker) -> bool:
    """'Foreign Minister Anna Petrova said ... The minister added': the title in a named speaker."""
    word = lemma(doc[s.head])
    if other.kind in _REFERRING or word not in lex.person_nouns:
        return False
    span = doc.char_span(other.start, other.end, alignment_mode="expand")
    return span is not None and any(title_lemma(t) == word for t in span)
