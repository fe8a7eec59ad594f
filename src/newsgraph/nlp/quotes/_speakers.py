"""Speakers of the quotes stage: their words, the channel, and the entity they refer to.

A speaker named in the text resolves to the entity whose mention covers it; a pronoun ("he") or
a nominal ("the spokesman") refers back to the nearest compatible earlier speaker, or failing
that to the nearest earlier person (or organisation) mention.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.nlp._doc import sentence_of, span_of, text_of
from newsgraph.nlp.quotes._lexicon import Lexicon, load_lexicon
from newsgraph.nlp.quotes._rules import children_of, lemma, title_lemma

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Doc, Token

    from newsgraph.model import Article, Entity

_KEEP_AFTER_HEAD = ("appos", "compound", "flat", "nummod", "poss", "case")
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_PLURAL_PRONOUNS = frozenset({"they", "them"})
_THING_PRONOUNS = frozenset({"it"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "you"})
_RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
_NOMINAL_DETS = frozenset({"the", "this", "that", "these", "those"})
_PERSON_TYPES = ("person",)
_ACTOR_TYPES = ("person", "organization", "group")


@dataclass(frozen=True, slots=True)
class Speaker:
    start: int
    end: int
    head: int  # token index of the head word
    kind: str  # "name", "person", "plural", "thing", "nominal", "first", "relative"


def speaker_tokens(head: Token) -> list[Token]:
    """The speaker's noun phrase: the head with its modifiers, 'of X' and appositions.

    Relative clauses, participles and other prepositional phrases after the head are left out
    ("the statement issued in both French and English" -> "the statement").
    """
    tokens = [t for t in head.lefts for t in t.subtree]
    tokens.append(head)
    for child in head.rights:
        keep = child.dep_ in _KEEP_AFTER_HEAD or (
            child.dep_ == "prep" and child.text.lower() in ("of", "for")
        )
        keep = keep or _affiliation(head, child)
        if keep:
            tokens.extend(child.subtree)
    tokens = sorted(set(tokens), key=lambda t: t.i)
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    return tokens or [head]


def _affiliation(head: Token, child: Token) -> bool:
    """'analysts at Baxter Bank', 'scientists at the Polar Research Institute': "at" and a
    named organisation after a person noun say whom the speakers speak for, as "of" does."""
    if child.dep_ != "prep" or child.text.lower() != "at" or head.pos_ != "NOUN":
        return False
    if lemma(head) not in load_lexicon().person_nouns:
        return False
    return any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in children_of(child))


def _run_around(tokens: list[Token], head: Token, avoid: tuple[int, int]) -> list[Token]:
    """The unbroken run of `tokens` around `head` that stays out of `avoid`."""
    ok = {t.i for t in tokens if not avoid[0] <= t.idx < avoid[1]}
    lo = hi = head.i
    while lo - 1 in ok:
        lo -= 1
    while hi + 1 in ok:
        hi += 1
    run = [t for t in tokens if lo <= t.i <= hi]
    while len(run) > 1 and (run[-1].is_punct or run[-1].is_space):
        run.pop()
    return run or [head]


def describe(head: Token, lex: Lexicon, *, avoid: tuple[int, int] | None = None) -> Speaker:
    """The speaker's words around `head`, kept out of the content span `avoid`."""
    tokens = speaker_tokens(head)
    if (
        avoid is not None
        and not avoid[0] <= head.idx < avoid[1]
        and any(avoid[0] <= t.idx < avoid[1] for t in tokens)
    ):
        tokens = _run_around(tokens, head, avoid)
    start, end = span_of(tokens)
    start = _description_before(head, tokens, start)
    word = head.text.lower()
    age = _age_description(head)
    if age is not None:
        start, end = min(start, age[0]), max(end, age[1])
    if is_relative(head):
        kind = "relative"
    elif age is not None:
        kind = "person"  # "the 80-year-old said": a person named before, of either gender
    elif word in _PERSON_PRONOUNS:
        kind = "person"
    elif word in _PLURAL_PRONOUNS:
        kind = "plural"
    elif word in _THING_PRONOUNS:
        kind = "thing"
    elif word in _FIRST_PERSON:
        kind = "first"
    elif _described(head):
        kind = "nominal"  # "the minister", even where the tagger calls the noun a name
    elif head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        kind = "name"
    elif any(t.text.lower() in _NOMINAL_DETS for t in head.lefts):
        kind = "nominal"
    else:
        kind = "name" if head.text[:1].isupper() and head.i > sentence_of(head).start else "nominal"
    return Speaker(start, end, head.i, kind)


_AGE_UNITS = frozenset({"year", "month", "week"})
_AGE_WORDS = _AGE_UNITS | {"old", "-"}


def _age_description(head: Token) -> tuple[int, int] | None:
    """'the 80-year-old', 'a 34-year-old': AP style's second reference to a person by age,
    which stands for the person named before as "she" or "he" would. The character span of
    the phrase (its "the" or "a" included) when `head` is one of its words, else None."""
    if head.lower_ not in _AGE_WORDS and not head.like_num:
        return None  # most speakers: a name, a pronoun, a title
    doc = head.doc
    end = next((j for j in range(head.i, min(len(doc), head.i + 5)) if doc[j].lower_ == "old"), -1)
    i = end - 4  # the number: "80", "-", "year", "-", "old"
    if i < 0 or not (
        doc[i].like_num
        and doc[i + 1].text == "-"
        and doc[i + 2].lower_ in _AGE_UNITS
        and doc[i + 3].text == "-"
    ):
        return None
    first = doc[i - 1] if i > 0 and doc[i - 1].lower_ in ("the", "a", "an") else doc[i]
    return first.idx, doc[end].idx + len(doc[end].text)


def _described(head: Token) -> bool:
    """'the minister', 'this spokeswoman': a lower-case noun after a definite determiner is a
    description, never a name, whatever tag the model gives it."""
    return head.text.islower() and any(t.lower_ in _NOMINAL_DETS for t in head.lefts)


def _description_before(head: Token, tokens: list[Token], start: int) -> int:
    """Where the speaker's words start when a description comes before the name.

    "the bank's chief economist, Laura Fenn, wrote": the parse may leave the name without its
    description; the speaker is the whole phrase, as it is where the parse joins the two.
    """
    doc = head.doc
    first, last = tokens[0].i, tokens[-1].i
    if head.pos_ != "PROPN" or first < 2 or last + 1 >= len(doc):
        return start
    if doc[first - 1].text != "," or doc[last + 1].text != ",":
        return start
    noun = doc[first - 2]
    if noun.pos_ != "NOUN" or noun.left_edge.i < sentence_of(head).start:
        return start
    return min(start, noun.left_edge.idx)


def is_relative(token: Token) -> bool:
    """'who' in 'an aide who said ...': a relative pronoun as the subject of its clause."""
    return (
        token.text.lower() in _RELATIVE_PRONOUNS
        and token.dep_ in ("nsubj", "nsubjpass")
        and token.head.dep_ in ("relcl", "acl")
    )


def relative_antecedent(doc: Doc, speaker: Speaker) -> tuple[int, int] | None:
    """The words a relative pronoun speaker stands for: the noun phrase its clause hangs on,
    up to the pronoun ("Mara Olsen, who said ..." -> "Mara Olsen")."""
    pronoun = doc[speaker.head]
    noun = pronoun.head.head
    if noun.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    tokens = [t for t in speaker_tokens(noun) if t.i < pronoun.i]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    return span_of(tokens) if tokens else None


def channel(doc: Doc, lex: Lexicon, cue_token: int, speaker_head: int | None) -> str | None:
    """The channel the text names for a statement: 'told Reuters', 'posted on YouTube'."""
    text = text_of(doc)
    for start, end in _channel_places(doc, cue_token, speaker_head):
        match = lex.channels.search(text, start, end)
        if match is not None:
            return match.group(0)
    return None


def _channel_places(
    doc: Doc, cue_token: int, speaker_head: int | None
) -> Iterator[tuple[int, int]]:
    """Where a channel may be named, in the order they are tried: the cue's prepositional
    phrases and objects, those of an "as" phrase, then the speaker's phrase (each the
    character bounds of a subtree), found as they are tried."""
    token = doc[cue_token]
    for child in children_of(token):
        if child.dep_ in ("prep", "agent", "dative", "dobj") or (
            child.dep_ == "npadvmod" and child.pos_ == "PROPN"
        ):
            yield _subtree_bounds(child)
        if child.dep_ == "prep" and child.text.lower() == "as":
            for grand in child.subtree:
                if grand.dep_ in ("prep", "agent") and grand.i > child.i:
                    yield _subtree_bounds(grand)
    if speaker_head is not None:
        yield _subtree_bounds(doc[speaker_head])


def _subtree_bounds(token: Token) -> tuple[int, int]:
    # from the tokens themselves: a crossing arc can put a subtree's edge tokens elsewhere
    return span_of(list(token.subtree))


# the last article seen: its mentions in text order, and the length of its longest mention
_last: list[tuple[Article, list[tuple[int, int, Entity]], int]] = []


def mentions(article: Article) -> list[tuple[int, int, Entity]]:
    """Every entity mention of the article in text order (kept for the last article seen)."""
    if _last and _last[0][0] is article:
        return _last[0][1]
    found = [(m.start, m.end, e) for e in article.entities for m in e.mentions]
    found += [(e.start, e.end, e) for e in article.entities if not e.mentions]
    found.sort(key=lambda x: (x[0], x[1]))
    _last[:] = [(article, found, max((e - s for s, e, _ in found), default=0))]
    return found


def _longest_mention(article: Article) -> int:
    mentions(article)
    return _last[0][2]


def _start(mention: tuple[int, int, Entity]) -> int:
    return mention[0]


def entity_at(
    article: Article, start: int, end: int, *, types: tuple[str, ...] = _ACTOR_TYPES
) -> Entity | None:
    """The entity of an actor type whose mention overlaps `start:end`, the longest one first."""
    best: Entity | None = None
    best_len = -1
    found = mentions(article)
    # in text order, so only the mentions that start before `end` can overlap, and of those
    # only the ones starting less than the longest mention's length before `start`: walking
    # back from `end` reads a few mentions per call, not every one before it
    reach = start - _longest_mention(article)
    for k in range(bisect_left(found, end, key=_start) - 1, -1, -1):
        m_start, m_end, entity = found[k]
        if m_start <= reach:
            break
        if start < m_end and entity.type in types:
            length = m_end - m_start
            if length >= best_len:  # the first in text order wins a tie
                best, best_len = entity, length
    return best


def mentions_before(article: Article, before: int) -> Iterator[tuple[int, int, Entity]]:
    """The mentions that start before offset `before`, the nearest first (a bisection, so a
    caller that stops at a window never walks the rest of the article)."""
    found = mentions(article)
    for k in range(bisect_left(found, before, key=_start) - 1, -1, -1):
        yield found[k]


def preceding_mention(
    article: Article, before: int, types: tuple[str, ...], window: int
) -> tuple[int, int, Entity] | None:
    """The last mention of an entity of `types` ending before offset `before`, within `window`."""
    reach = before - window - _longest_mention(article)  # no mention starting here ends in it
    for m_start, m_end, entity in mentions_before(article, before):
        if m_start < reach:
            break
        if m_end <= before and before - m_end <= window and entity.type in types:
            return m_start, m_end, entity
    return None


def titled_person(
    doc: Doc, lex: Lexicon, article: Article, speaker: Speaker, window: int
) -> tuple[int, int, Entity] | None:
    """The person a description stands for: the nearest earlier person mention whose own noun
    phrase carries the description's head noun ("Anna Petrova, the foreign minister, ..." for
    a later "the minister"). A title the text gives to no named person resolves to nothing."""
    word = lemma(doc[speaker.head])
    if word not in lex.person_nouns:
        return None
    # nearest first from the description back (a bisection; was every mention from the end)
    for m_start, m_end, entity in mentions_before(article, speaker.start + 1):
        if m_end > speaker.start or entity.type not in _PERSON_TYPES:
            continue
        if speaker.start - m_end > window:
            break
        span = doc.char_span(m_start, m_end, alignment_mode="expand")
        if span is not None and any(title_lemma(t) == word for t in _described_by(span.root)):
            return m_start, m_end, entity
    return None


def headline_person(
    doc: Doc, lex: Lexicon, article: Article, speaker: Speaker, window: int
) -> tuple[int, int, Entity] | None:
    """The person a headline's title stands for: the first person named after it whose own noun
    phrase carries the title ("Storm was 'worst in 50 years', says forecaster" and then "chief
    forecaster Ian McLeod said"). Headlines call people by their job; the story names them.

    Only a speaker in a headline, the article's first line when it ends without a full stop.
    """
    text = text_of(doc)
    line_end = text.find("\n")
    if line_end < 0 or speaker.start >= line_end or text[:line_end].rstrip().endswith("."):
        return None
    word = lemma(doc[speaker.head])
    if word not in lex.person_nouns:
        return None
    found = mentions(article)
    for k in range(bisect_left(found, line_end, key=_start), len(found)):  # those after the line
        m_start, m_end, entity = found[k]
        if entity.type not in _PERSON_TYPES:
            continue
        if m_start - line_end > window:
            break
        span = doc.char_span(m_start, m_end, alignment_mode="expand")
        if span is not None and any(title_lemma(t) == word for t in _described_by(span.root)):
            return m_start, m_end, entity
    return None


def _described_by(name: Token) -> list[Token]:
    """The words a name is described by: its own noun phrase ("Foreign Minister Anna Petrova",
    "Anna Petrova, the foreign minister"), or the phrase it stands in apposition to ("the
    company's chief executive, Mara Olsen")."""
    tokens = speaker_tokens(name)
    if name.dep_ == "appos":
        tokens += [t for t in speaker_tokens(name.head) if t.i < name.i]
    return tokens


def is_person_like(doc: Doc, speaker: Speaker, lex: Lexicon, article: Article) -> bool:
    head = doc[speaker.head]
    if speaker.kind == "person":
        return True
    entity = entity_at(article, speaker.start, speaker.end, types=_PERSON_TYPES)
    if entity is not None or head.ent_type_ == "PERSON":
        return True
    # a title before the name marks a person ("Mayor Grace Obi", "Sen. Ruth Garcia") even
    # where the name alone was taken for something else
    titles = head.doc[max(head.left_edge.i, head.i - 4) : head.i + 1]
    if any(title_lemma(t) in lex.person_nouns for t in titles):
        return True
    # so does a title set off after it ("Grace Obi, the mayor,")
    return any(c.dep_ == "appos" and lemma(c) in lex.person_nouns for c in children_of(head))


def is_organisation(doc: Doc, speaker: Speaker, lex: Lexicon, article: Article) -> bool:
    """Whether a speaker is an organisation ("the ministry", "Acme Corp"), one that a later
    "it said" can stand for."""
    if speaker.kind in ("person", "plural", "thing", "first", "relative"):
        return False
    head = doc[speaker.head]
    if entity_at(article, speaker.start, speaker.end, types=("organization",)) is not None:
        return True
    return (
        head.ent_type_ == "ORG"
        or lemma(head) in lex.organisation_nouns
        or _apposed_to_organisation(doc, speaker, lex)
    )


def _apposed_to_organisation(doc: Doc, speaker: Speaker, lex: Lexicon) -> bool:
    """'The association, Hearth Homes, said': a name set off after an organisation noun names
    an organisation, whatever the name's own words suggest."""
    i = speaker.head
    while i > 0 and doc[i - 1].pos_ == "PROPN":
        i -= 1
    return i >= 2 and doc[i - 1].text == "," and lemma(doc[i - 2]) in lex.organisation_nouns
