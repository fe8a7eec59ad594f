"""Dependency rules of the quotes stage: cues, their content and their speaker in a spaCy Doc.

Everything here reads tokens and returns character offsets; nothing needs a full pipeline (a Doc
without a parse simply yields no cue with a clause).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.nlp._doc import paragraph, sentence_of, span_of, text_of
from newsgraph.nlp.quotes._lexicon import Lexicon, load_lexicon

if TYPE_CHECKING:
    from spacy.strings import StringStore
    from spacy.tokens import Doc, Token

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_CLIMB = ("conj", "xcomp", "advcl", "pcomp", "prep", "dep", "ccomp")
_EXPLETIVES = frozenset({"it", "there", "this", "that", "which", "what"})
_RELATIVES = frozenset({"which", "who", "that", "whom", "whose"})
_WH_OBJECTS = frozenset({"what", "which", "that"})
_MARKS = ("“", "”", '"', "''")
_APPOSED_MAX = 4  # words of a name set off by commas before its cue verb


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue with the character span of its words and its content clause."""

    token: int  # index of the cue's head token in the Doc
    label: str  # lemma or phrase, e.g. "say", "according to", "call for"
    start: int
    end: int
    content_start: int | None = None
    content_end: int | None = None
    subject: int | None = None  # token index of the speaker's head, if the parse gives one
    subject_span: tuple[int, int] | None = None  # the speaker's words, where known without a parse
    weak: bool = False  # a thought or a nominal object rather than a clause said aloud
    quoted_only: bool = False  # a plain object that is speech only through a quotation in it
    verbatim: bool = False  # content that is the speaker's own words without marks (Q-and-A)


# Lemmas the model's lemmatiser gets wrong for cue verbs: "texted" -> "texte".
_LEMMA_FIXES = {"texte": "text"}


def lemma(token: Token) -> str:
    """The token's lemma (its text where it has none) in lower case, a wrong one fixed."""
    key = token.lemma or token.orth  # the id of `token.lemma_`, else of `token.text`
    word = _WORD_OF_ID.get(key)
    return _learn_word(token.vocab.strings, key) if word is None else word


# `lemma`'s word for each string id (a lemma's, else the text's): ids are hashes of the
# strings, the same in every vocabulary, so the table holds across Docs
_WORD_OF_ID: dict[int, str] = {}
_WORD_OF_ID_MAX = 100_000  # distinct ids kept before the table starts over


def _learn_word(strings: StringStore, key: int) -> str:
    """`lemma`'s word for the string of id `key`, kept in `_WORD_OF_ID`."""
    word = strings[key].lower()
    word = _LEMMA_FIXES.get(word, word)
    if len(_WORD_OF_ID) >= _WORD_OF_ID_MAX:
        _WORD_OF_ID.clear()
    _WORD_OF_ID[key] = word
    return word


# Titles that AP style abbreviates before a full name ("Dr. Ana Ruiz", "Sen. Tom Hale") and
# that a later description spells out ("the doctor", "the senator").
_ABBREVIATED_TITLES = {
    "dr": "doctor",
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "gen": "general",
    "col": "colonel",
    "capt": "captain",
    "sgt": "sergeant",
    "cmdr": "commander",
    "prof": "professor",
    "insp": "inspector",
}


def title_lemma(token: Token) -> str:
    """The lemma of a title word, with an abbreviated title spelt out ("Dr." -> "doctor")."""
    text = token.text
    if text[:1].isupper():
        found = _ABBREVIATED_TITLES.get(text.rstrip(".").lower())
        doc = token.doc
        named = token.i + 1 < len(doc) and doc[token.i + 1].text[:1].isupper()
        if found is not None and (text.endswith(".") or named):  # "Dr. Ruiz", "Dr Ruiz"
            return found
    return lemma(token)


# the Doc last read by `children_of`, and the children of its tokens by index: the rules ask
# a cue verb for its children many times over, and each walk spans the verb's whole clause
_kids: list[tuple[Doc, dict[int, tuple[Token, ...]]]] = []


def children_of(token: Token) -> tuple[Token, ...]:
    """`token.children`, walked once per token of a Doc."""
    doc = token.doc
    last = next(iter(_kids), None)  # one read: another thread may replace or drop it meanwhile
    if last is None or last[0] is not doc:
        last = (doc, {})
        _kids[:] = [last]
    found = last[1].get(token.i)
    if found is None:
        found = last[1][token.i] = tuple(token.children)
    return found


def forget(doc: Doc) -> None:
    """Drop what was kept of `doc` (its children and its clauses' subjects), so that a Doc
    analysed again is read afresh."""
    for kept in (_kids, _owns):
        last = next(iter(kept), None)
        if last is not None and last[0] is doc:
            kept[:] = []


@dataclass(frozen=True, slots=True)
class Scan:
    """The tokens that can be cues, found in one pass over the Doc's arrays: each verb or
    auxiliary and each noun, as (token index, `lemma`), in document order. Reading the arrays
    builds no Token object, so each cue rule looks only at its few candidates."""

    verbs: list[tuple[int, str]]
    nouns: list[tuple[int, str]]


def scan(doc: Doc) -> Scan:
    """The verbs and nouns of `doc` with their lemmas (as `lemma` gives them)."""
    from spacy.attrs import LEMMA, ORTH, POS
    from spacy.symbols import AUX, NOUN, VERB

    strings = doc.vocab.strings
    known = _WORD_OF_ID
    verbs: list[tuple[int, str]] = []
    nouns: list[tuple[int, str]] = []
    array = doc.to_array([POS, LEMMA, ORTH])
    tags = array[:, 0]
    (rows,) = ((tags == VERB) | (tags == AUX) | (tags == NOUN)).nonzero()  # picked in numpy
    for i, (pos, lem, orth) in zip(rows.tolist(), array[rows].tolist(), strict=True):
        key = lem or orth
        word = known.get(key)
        if word is None:
            word = _learn_word(strings, key)
        (nouns if pos == NOUN else verbs).append((i, word))
    return Scan(verbs, nouns)


def _trim_tokens(tokens: list[Token]) -> list[Token]:
    """Drop punctuation and a leading 'that' from a content clause's edges."""
    while tokens and (tokens[0].is_punct or tokens[0].is_space) and tokens[0].text not in '“"‘':
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space) and tokens[-1].text not in '”"’':
        tokens = tokens[:-1]
    return tokens


def _inside(token: Token, bounds: tuple[int, int]) -> bool:
    return bounds[0] <= token.idx < bounds[1]


def _clause(
    roots: list[Token], bounds: tuple[int, int], exclude: set[int] | None = None
) -> tuple[int, int] | None:
    lo, hi = bounds
    tokens = [
        t
        for root in roots
        for t in root.subtree
        if (not exclude or t.i not in exclude) and lo <= t.idx < hi and not t.is_space
    ]
    tokens = _trim_tokens(sorted(tokens, key=lambda t: t.i))
    if not tokens:
        return None
    last = tokens[-1]  # in text order: the first token starts the span, the last ends it
    return tokens[0].idx, last.idx + len(last.text)


def _content_roots(token: Token, lex: Lexicon) -> tuple[list[Token], bool]:
    """The children whose subtrees carry what was said, and whether they are a plain object.

    A plain noun-phrase object is what was said only after a saying verb ("denied the report");
    after any other cue ("welcomed the news", "issued videos supporting X", "believes the
    polls") it is speech only through a quotation inside it.
    """
    child = _content_child(token, lex)
    if child is not None:
        return [child], False
    passive = _passive_message(token, lex)
    if passive is not None:
        return [passive], False
    if lemma(token) in lex.addressee_object:
        doubted = _doubted_object(token, lex)
        return ([doubted], False) if doubted is not None else ([], False)
    children = list(children_of(token))
    objects = [c for c in children if c.dep_ == "dobj"]
    if not objects:
        return [], False
    # "called the charges fabricated", "blasted him for not paying", "rated 32% as false"
    extra = [
        c
        for c in children
        if c.i > objects[0].i
        and (c.dep_ in ("oprd", "xcomp") or (c.dep_ == "prep" and c.text.lower() in ("as", "for")))
    ]
    if extra:
        if objects[0].text.lower() in _WH_OBJECTS and objects[0].i < token.i:
            # "what she calls “a disgrace”", "an attack that he described as “cowardly”": the
            # object is a relative word before the subject; the words said are the complement.
            return extra, False
        return [objects[0], *extra], False
    return [objects[0]], not _message_object(token, objects[0], lex)


def _doubted_object(verb: Token, lex: Lexicon) -> Token | None:
    """'questioned the wisdom of the merger', 'urged restraint': the object of a verb whose
    object is most often the person addressed is what was said when it is a common noun, not a
    person or a body, that names a quality or a need of something (its own "of"/"for" phrase)
    or a bare mass noun (no determiner, singular); "questioned the minister", "urged voters"
    report no words."""
    if lemma(verb) not in lex.doubted_object:
        return None
    for child in children_of(verb):
        if (
            child.dep_ == "dobj"
            and child.pos_ == "NOUN"
            and not child.ent_type_
            and lemma(child) not in lex.person_nouns
            and (
                any(g.dep_ == "prep" and g.lower_ in ("of", "for") for g in children_of(child))
                or (
                    child.tag_ == "NN"
                    and not any(g.dep_ in ("det", "poss") for g in children_of(child))
                )
            )
        ):
            return child
    return None


def _passive_message(verb: Token, lex: Lexicon) -> Token | None:
    """'The plan was denounced by the union': in the passive of a saying verb with its agent
    named, the subject is what the active object would be ("the union denounced the plan"),
    and the agent is the speaker (`subject_of` gives it)."""
    if verb.tag_ != "VBN" or not _message_object(verb, verb, lex):
        return None
    if not any(
        c.dep_ == "agent" and any(g.dep_ == "pobj" for g in children_of(c))
        for c in children_of(verb)
    ):
        return None
    if any(c.dep_ in ("xcomp", "ccomp", "oprd") for c in children_of(verb)):
        return None  # "was quoted by the paper as saying", "was said by aides to be ill"
    subjects = [c for c in children_of(verb) if c.dep_ == "nsubjpass"]
    if len(subjects) != 1 or subjects[0].pos_ in ("PRON", "DET"):
        return None
    return subjects[0]


def _message_object(verb: Token, obj: Token, lex: Lexicon) -> bool:
    """'denied the report': a saying verb whose object names the message, not a pronoun."""
    return lex.object_is_message(lemma(verb)) and obj.pos_ not in ("PRON", "DET")


def _content_child(token: Token, lex: Lexicon) -> Token | None:
    """The child that carries what was said: a clause, a prepositional or nominal object."""
    children = list(children_of(token))  # walked several times below
    word = lemma(token)
    for child in children:
        if child.dep_ == "ccomp" or (child.dep_ == "parataxis" and child.i < token.i):
            return child
    for child in children:
        if child.dep_ == "xcomp" and word in lex.xcomp:
            return child
    preps = lex.with_preposition.get(word)
    if preps:
        for child in children:
            if child.dep_ in ("prep", "dative") and child.text.lower() in preps:
                objects = [c for c in children_of(child) if c.dep_ in ("pobj", "pcomp")]
                if objects:
                    return objects[0]
    nouns = lex.with_object.get(word)
    if nouns:
        for child in children:
            if child.dep_ == "dobj" and lemma(child) in nouns:
                for prep in children:
                    if (
                        prep.dep_ == "prep"
                        and prep.text.lower() in ("at", "as")
                        and _gives_figure(prep)
                    ):
                        return prep
                return child
    for child in children:
        # "told reporters that ...": the clause can hang off the object.
        if child.dep_ in ("dobj", "dative"):
            for grand in children_of(child):
                if grand.dep_ == "ccomp":
                    return grand
    return _channel_clause(token, lex)


_FIGURES = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})


def _gives_figure(prep: Token) -> bool:
    """'put the toll at 300', 'gave the number as twelve': the phrase holds the figure given;
    'raised concerns at the depot' names a place."""
    return any(t.like_num or t.ent_type_ in _FIGURES for t in prep.subtree)


def _channel_clause(token: Token, lex: Lexicon) -> Token | None:
    """'said in a statement that ...', 'told a briefing that ...': the clause after a channel.

    Wire copy puts the channel between the verb and its clause ("The ministry said in a
    statement that two cases were confirmed"; "Lind told analysts on a call that demand was
    weak"), and the parse then hangs the clause on the channel noun as if it described it. A
    clause opened by the complementiser "that" (a `mark`, not the relative pronoun of "a
    statement that was issued") is what was said. The noun is a prepositional object, or the
    object of a verb whose object is the person addressed ("told reporters"); an object of
    another verb ("rejected the claim that ...") and a noun with an owner ("Lee's claim that
    ...") carry someone else's words.
    """
    addressee = lemma(token) in lex.addressee_object
    for child in children_of(token):
        if child.dep_ in ("dobj", "dative") and addressee:
            nouns = [child]
        elif child.dep_ == "prep":
            nouns = [g for g in children_of(child) if g.dep_ == "pobj"]
        else:
            continue
        for noun in nouns:
            if any(g.dep_ == "poss" for g in children_of(noun)):
                continue
            for grand in children_of(noun):
                if grand.dep_ in ("acl", "relcl", "ccomp") and any(
                    g.dep_ == "mark" and g.text.lower() == "that" for g in children_of(grand)
                ):
                    return grand
    return None


_WH_ADVERBS = frozenset({"where", "when", "whereby"})


def _skipped_by_participle(participle: Token, clause: Token) -> bool:
    """'Tenants marched past the stadium, where the team played, while chanting “…”': a
    participle's understood subject is the main clause's, so a relative "where"/"when" clause
    the parse hangs it on is climbed over, subject and all."""
    if participle.tag_ != "VBG" or clause.dep_ not in ("advcl", "relcl", "ccomp"):
        return False
    if clause.head.i == clause.i:
        return False
    return any(
        c.dep_ == "advmod" and c.lower_ in _WH_ADVERBS and c.i < clause.i
        for c in children_of(clause)
    )


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in children_of(token))


def _nearer_of_adjacent(subjects: list[Token], verb: Token) -> list[Token]:
    """'BRUSSELS (Reuters) — The Commission said', 'The charity Safe Passage said': two
    subjects before the verb with nothing but punctuation between them are one noun phrase
    split by the parse (a dateline, or a description and the name in apposition to it); the
    nearer is the verb's subject."""
    before = [c for c in subjects if c.i < verb.i]
    if len(before) < 2:
        return subjects
    far, near = before[-2], before[-1]
    between = far.doc[far.right_edge.i + 1 : near.left_edge.i]
    if near.left_edge.i <= far.right_edge.i or any(not t.is_punct for t in between):
        return subjects
    return [near]


def subject_of(token: Token) -> tuple[Token | None, bool]:
    """The speaker's head token for a cue, climbing through conjunctions and complements."""
    subject, passive = _parsed_subject(token)
    named = _apposed_name(token, subject)
    if named is None and subject is None:
        named = _phrase_before(token)
    return (named, False) if named is not None else (subject, passive)


_FINITE = frozenset({"VBD", "VBZ", "VBP"})


def _phrase_before(verb: Token) -> Token | None:
    """The noun phrase right before a finite verb that the parse left with no subject.

    "In an interview with the paper, the finance minister Anna Petrova said ...": the parse
    may hang the phrase on an earlier noun (here as an apposition of "the paper"), but in
    English word order a noun phrase that ends right before a finite verb, after a comma or
    at the start of the sentence, is its subject.
    """
    doc = verb.doc
    if verb.tag_ not in _FINITE or verb.i == 0:
        return None
    prev = doc[verb.i - 1]
    if prev.pos_ not in ("NOUN", "PROPN", "PRON") or prev.text.lower() in _RELATIVES:
        return None
    lo = verb.i - 1
    start = sentence_of(verb).start
    while lo > start and not doc[lo - 1].is_punct and "\n" not in doc[lo - 1].whitespace_:
        lo -= 1
    head = region_head(doc, lo, verb.i)
    return doc[head] if head is not None else None


def _apposed_name(verb: Token, subject: Token | None) -> Token | None:
    """The name set off by commas between a description and its cue verb.

    News introduces a speaker by a description and then the name in apposition ("The airline,
    Skyward, said ..."; "the state's governor, Amy Torres, wrote ..."). The parse often hangs
    the name elsewhere (an adverb, an apposition of an earlier noun) and leaves the cue with
    the description or with no subject at all; the name right before the cue is the speaker.
    """
    doc = verb.doc
    comma = verb.i - 1
    if comma < 3 or doc[comma].text != "," or verb.tag_ in ("VBG", "VBN"):
        return None  # a participle ("met the leader, Tom Hale, saying ...") has its own subject
    i = comma - 1
    while i >= 0 and doc[i].pos_ == "PROPN" and comma - i <= _APPOSED_MAX:
        i -= 1
    if i == comma - 1 or i < 1 or doc[i].text != "," or doc[i - 1].pos_ != "NOUN":
        return None
    if subject is not None and subject.i >= i:
        return None  # the parse found a subject inside or after the name: keep it
    if sentence_of(verb).start > i - 1:
        return None
    return doc[comma - 1]


def _parsed_subject(token: Token) -> tuple[Token | None, bool]:
    """The subject the parse gives a cue, climbing through conjunctions and complements."""
    current = token
    for _ in range(6):
        if current is not token and _skipped_by_participle(token, current):
            current = current.head
            continue
        own = _own_subject(current)
        if own is not None:
            found, passive = own
            return (current.doc[found] if found is not None else None), passive
        if current.dep_ in _CLIMB and current.head.i != current.i:
            current = current.head
            continue
        break
    return None, False


# the Doc last read by `_own_subject`, and what it found for each token: cues that climb to one
# clause ("A said, and said, and said ...") share its answer, so a clause with very many
# children is read once, not once per cue (each read walks every child; was quadratic)
_owns: list[tuple[Doc, dict[int, tuple[int | None, bool] | None]]] = []


def _own_subject(current: Token) -> tuple[int | None, bool] | None:
    """The subject (token index, or None for no speaker) and passiveness that a clause's own
    children give it, or None where it has none and the climb goes on."""
    doc = current.doc
    last = next(iter(_owns), None)  # one read: another thread may replace or drop it meanwhile
    if last is None or last[0] is not doc:
        last = (doc, {})
        _owns[:] = [last]
    seen = last[1]
    if current.i not in seen:
        found = _read_own_subject(current)
        seen[current.i] = None if found is None else (_index(found[0]), found[1])
    return seen[current.i]


def _index(token: Token | None) -> int | None:
    return token.i if token is not None else None


def _read_own_subject(current: Token) -> tuple[Token | None, bool] | None:
    children = list(children_of(current))
    agent = next(
        (g for c in children if c.dep_ == "agent" for g in children_of(c) if g.dep_ == "pobj"),
        None,
    )
    subjects = [c for c in children if c.dep_ in _SUBJECTS]
    if len(subjects) > 1:
        # "public ― Trump boasted": a dash mistaken for a second subject is no speaker
        subjects = [c for c in subjects if not c.is_punct] or subjects
        subjects = _nearer_of_adjacent(subjects, current)
    for child in subjects:
        if child.dep_ == "nsubjpass":
            word = child.text.lower()
            if agent is not None and (
                word in _EXPLETIVES or lemma(current) not in load_lexicon().reporting_passive
            ):
                return agent, True
            if word in _EXPLETIVES:
                return None, False
        if child.text.lower() in _RELATIVES and current.dep_ in ("relcl", "acl"):
            # "an aide who said ...": the relative pronoun is the speaker's word here; it
            # stands for the noun the clause hangs on (resolved as a pronoun is)
            return child, False
        if child.text.lower() in ("there",):
            return None, False
        return child, False
    if agent is not None:
        return agent, True
    if current.dep_ in ("relcl", "acl") and current.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return current.head, False
    return None


def _cue_words(token: Token) -> tuple[str, list[Token]]:
    """The cue's label and its words: 'reported as saying', 'called for', 'said'."""
    words = [token]
    word = lemma(token)
    label = word
    for child in children_of(token):
        if child.dep_ == "prt":
            words.append(child)
            label = f"{word} {child.text.lower()}"
        if child.dep_ == "prep" and child.text.lower() == "as":
            saying = [g for g in children_of(child) if g.dep_ == "pcomp" and lemma(g) == "say"]
            if saying:
                words += [child, saying[0]]
                label = f"{word} as saying"
    return label, words


def verb_cues(doc: Doc, lex: Lexicon, found: Scan | None = None) -> list[Cue]:
    """Every verb cue that governs a content clause, in document order."""
    cues: list[Cue] = []
    taken: set[int] = set()
    for i, word in (found or scan(doc)).verbs:
        if i in taken or not lex.is_cue(word):
            continue
        token = doc[i]
        roots, quoted_only = _content_roots(token, lex)
        if not roots:
            continue
        content = roots[0]
        label, words = _cue_words(token)
        taken.update(w.i for w in words)
        if content.dep_ == "prep" or (
            content.dep_ in ("pobj", "pcomp") and content.head.head == token
        ):
            label = f"{word} {content.head.text.lower()}" if content.dep_ != "prep" else label
        bounds = paragraph(doc, token)
        if not _inside(content, bounds):
            continue
        exclude = {w.i for w in words}
        span = _clause(roots, bounds, exclude)
        if span is None or _no_words(doc, token, span):
            continue
        subject, _ = subject_of(token)
        own = subject is not None and subject.head.i == token.i and subject.dep_ == "nsubj"
        if (subject is None and span[1] <= token.idx) or (
            subject is not None
            and (not _inside(subject, bounds) or (span[0] <= subject.idx < span[1] and not own))
        ):
            # none after the content ("“…,” warned Ana Ruiz"), or one inside the content (the
            # parse's mistake, unless it is the verb's own: "what the senators said was
            # gerrymandering" fronts part of the content): the noun phrase beside the cue
            subject = nearby_subject(doc, token, span)
        cue_start, cue_end = span_of(words)
        weak = word not in lex.speech or content.dep_ in ("dobj", "oprd")
        cues.append(
            Cue(
                token.i,
                label,
                cue_start,
                cue_end,
                span[0],
                span[1],
                subject.i if subject is not None else None,
                weak=weak,
                quoted_only=quoted_only,
            )
        )
    return cues


# "who asked not to be named", "speaking on condition that he not be identified": a request
# for anonymity, which news reports of a source, not words the source gave as news.
_ANONYMITY = re.compile(
    r"(?:not[ \t]+)?(?:to[ \t]+)?(?:not[ \t]+)?be[ \t]+(?:named|identified|quoted)\b"
    r"|(?:to[ \t]+)?remain[ \t]+anonymous\b",
    re.IGNORECASE,
)


def _no_words(doc: Doc, verb: Token, span: tuple[int, int]) -> bool:
    """Content that reports no words of the subject.

    A request for anonymity ("the passenger, who asked not to be named, said ..."), and the
    question put to someone in a participle that opens the sentence ("Asked whether he would
    resign, Mendes said: ..."): the question is the reporter's, and the answer follows.
    """
    if _ANONYMITY.match(text_of(doc), span[0]):
        return True
    if lemma(verb) != "ask" or verb.tag_ != "VBN" or _has_subject(verb):
        return False
    opening = [t for t in doc[sentence_of(verb).start : verb.i] if not (t.is_punct or t.is_space)]
    return not opening


def nearby_subject(doc: Doc, token: Token, content: tuple[int, int]) -> Token | None:
    """A speaker next to the cue when the parse gives none outside the content.

    The noun phrase between the content and the cue ("“…,” the union's spokeswoman says"), or
    else the one right after the cue ("“…,” said the minister").
    """
    bounds = paragraph(doc, token)
    lo = token.i
    while lo > 0:
        prev = doc[lo - 1]
        if prev.idx < bounds[0] or content[0] <= prev.idx < content[1]:
            break
        if prev.text in (".", "!", "?", "”", '"', "“"):
            break
        lo -= 1
    head = region_head(doc, lo, token.i)
    if head is None and (content[1] <= token.idx or lemma(token) in load_lexicon().inverting):
        hi = token.i + 1
        while hi < min(len(doc), token.i + 8):
            nxt = doc[hi]
            if not _inside(nxt, bounds) or content[0] <= nxt.idx < content[1] or nxt.is_punct:
                break
            if nxt.pos_ in ("VERB", "AUX", "SCONJ") or (nxt.pos_ == "ADP" and hi > token.i + 1):
                break
            hi += 1
        head = region_head(doc, token.i + 1, hi)
    return doc[head] if head is not None else None


def region_head(doc: Doc, lo: int, hi: int) -> int | None:
    """The root of the noun phrase in doc[lo:hi]: the nominal whose head lies outside."""
    region = [t for t in doc[lo:hi] if not t.is_punct and not t.is_space]
    nominal = [t for t in region if t.pos_ in ("NOUN", "PROPN", "PRON")]
    if not nominal:
        return None
    for token in nominal:
        if not lo <= token.head.i < hi or token.head.i == token.i:
            return token.i
    return nominal[-1].i


def bare_cue(token: Token, content: tuple[int, int]) -> Cue:
    """A cue token with no clause of its own (it sits beside the quotation `content`)."""
    label, words = _cue_words(token)
    subject, _ = subject_of(token)
    bounds = paragraph(token.doc, token)
    if subject is None or not _inside(subject, bounds) or content[0] <= subject.idx < content[1]:
        subject = nearby_subject(token.doc, token, content)
    start, end = span_of(words)
    return Cue(token.i, label, start, end, None, None, subject.i if subject else None)


def according_cues(doc: Doc, lex: Lexicon) -> list[Cue]:
    """'according to X, ...': X is the speaker, the clause the phrase modifies is the content."""
    cues: list[Cue] = []
    text_lower = text_of(doc).lower()
    for phrase in lex.source_before:
        start = text_lower.find(phrase)
        while start != -1:
            end = start + len(phrase)
            if (start == 0 or not text_lower[start - 1].isalnum()) and (
                end >= len(text_lower) or not text_lower[end].isalnum()
            ):
                cue = _according_at(doc, phrase, start, end)
                if cue is not None:
                    cues.append(cue)
            start = text_lower.find(phrase, end)
    return sorted(cues, key=lambda c: c.start)


def _words_in(tokens: list[Token], bounds: tuple[int, int]) -> int:
    return sum(1 for t in tokens if _inside(t, bounds) and t.is_alpha)


def _according_at(doc: Doc, phrase: str, start: int, end: int) -> Cue | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    bounds = paragraph(doc, span[0])
    last = span[-1]
    objects = [c for c in children_of(last) if c.dep_ in ("pobj", "pcomp")]
    if not objects:
        following = doc[last.i + 1 : last.i + 2]
        if not len(following):
            return None
        objects = [following[0]]
    speaker = _source_noun(objects[0])
    first = span[0]
    if not _inside(speaker, bounds):
        return None
    speaker_tokens = list(speaker.subtree)
    commas = [t.i for t in speaker_tokens if t.text == "," and t.i > speaker.i]
    if commas:  # the parse may hang the whole clause on the source as an apposition
        speaker_tokens = [t for t in speaker_tokens if t.i < commas[0]]
    phrase_tokens = {t.i for t in span} | {t.i for t in speaker_tokens}
    sentence = sentence_of(first)
    before = [t for t in sentence if t.i < first.i]
    after = [t for t in sentence if t.i > max(phrase_tokens)]
    # "X did Y, according to Z." takes what precedes; "According to Z, X did Y." what follows.
    tokens = before if _words_in(before, bounds) >= _words_in(after, bounds) else after
    tokens = [t for t in tokens if _inside(t, bounds) and not t.is_space]
    tokens = _trim_tokens(sorted(tokens, key=lambda t: t.i))
    if not tokens:
        return None
    cs, ce = span_of(tokens)
    return Cue(first.i, phrase, start, end, cs, ce, speaker.i)


def _source_noun(word: Token) -> Token:
    """The head noun of the source after "according to": a noun phrase, even where the parse
    reads its first word as a verb ("according to press aides": "press" as a verb with the
    object "aides"); then the noun that verb governs heads the phrase."""
    if word.pos_ not in ("VERB", "AUX"):
        return word
    nouns = [
        c for c in children_of(word) if c.dep_ in ("dobj", "attr") and c.pos_ in ("NOUN", "PROPN")
    ]
    return nouns[0] if nouns else word


def parenthetical_cues(
    doc: Doc, lex: Lexicon, taken: set[int], found: Scan | None = None
) -> list[Cue]:
    """'The museum, Mr. Bush said, celebrated ...': a speech verb set off by commas.

    The parse often leaves such a verb without a clause; its content is the rest of the sentence.
    """
    cues: list[Cue] = []
    for i, word in (found or scan(doc)).verbs:
        if i in taken or not lex.is_speech(word):
            continue
        token = doc[i]
        comma = _comma_before_subject(doc, token)
        if comma is None:
            continue
        after = token.i + 1
        while (
            after < len(doc)
            and doc[after].pos_ in ("ADV", "ADP", "NOUN", "PROPN", "DET")
            and (after - token.i <= 3)
        ):
            after += 1  # "said on Tuesday,"
        if after >= len(doc) or doc[after].text not in (",", ".", "!", "?", ";"):
            continue
        bounds = paragraph(doc, token)
        sentence = sentence_of(token)
        rest = [
            t
            for t in sentence
            if (t.i < comma or t.i > after or (t.i == after and t.text != ","))
            and _inside(t, bounds)
            and not t.is_space
        ]
        rest = _trim_tokens(rest)
        if _words_in(rest, bounds) < 3:
            continue
        subject = region_head(doc, comma + 1, token.i)
        if subject is None:
            continue
        start, end = span_of(rest)
        cues.append(Cue(token.i, word, token.idx, token.idx + len(token.text), start, end, subject))
    return cues


def as_cues(doc: Doc, lex: Lexicon, taken: set[int], found: Scan | None = None) -> list[Cue]:
    """'As the experts have pointed out, the law allows it'; 'the law allows it, as Lee noted':
    a speech verb in an "as" clause reports the clause that clause modifies."""
    cues: list[Cue] = []
    for i, word in (found or scan(doc)).verbs:
        if i in taken or not lex.is_speech(word):
            continue
        token = doc[i]
        if token.dep_ != "advcl" or token.head.i == token.i:
            continue
        if not any(c.dep_ == "mark" and c.lower_ == "as" for c in children_of(token)):
            continue
        if _content_roots(token, lex)[0]:
            continue  # "as she told reporters that ...": a clause of its own
        subject, _ = subject_of(token)
        if subject is None or subject.i not in {t.i for t in token.subtree}:
            continue
        bounds = paragraph(doc, token)
        own = {t.i for t in token.subtree}
        rest = [t for t in token.head.subtree if t.i not in own and _inside(t, bounds)]
        rest = _trim_tokens([t for t in rest if not t.is_space])
        if _words_in(rest, bounds) < 3:
            continue
        label, words = _cue_words(token)
        start, end = span_of(rest)
        cue_start, cue_end = span_of(words)
        cues.append(Cue(token.i, label, cue_start, cue_end, start, end, subject.i))
    return cues


def _comma_before_subject(doc: Doc, token: Token) -> int | None:
    """Index of the comma opening ', Mr. Bush said', with only a noun phrase in between."""
    i = token.i - 1
    while i >= 0 and token.i - i <= 8:
        t = doc[i]
        if t.text == ",":
            return i if i < token.i - 1 else None
        if t.pos_ not in ("PROPN", "NOUN", "PRON", "DET", "ADJ", "PART", "NUM", "PUNCT", "ADV"):
            return None
        if t.text in (".", "!", "?", "”", '"', "“") or "\n" in t.whitespace_:
            return None
        i -= 1
    return None


def noun_cues(doc: Doc, lex: Lexicon, found: Scan | None = None) -> list[Cue]:
    """'her claim that the vote was rigged', 'his remark about the budget': a reporting noun
    with a content clause (or an 'about' phrase) and an owner, the speaker: a possessive, or
    a "from"/"by" phrase ("a warning from the union that ...").

    A reporting noun reports words as its verb does ("she claimed that ..."); without an owner
    the text does not say whose words they are, so the noun is left alone.
    """
    cues: list[Cue] = []
    for i, word in (found or scan(doc)).nouns:
        if word not in lex.reporting_nouns:
            continue
        token = doc[i]
        owner = (
            next((c for c in children_of(token) if c.dep_ == "poss"), None)
            or _agent_of(token)
            or _named_owner(token)
        )
        content = _noun_content(token)
        if owner is None or content is None:
            continue
        bounds = paragraph(doc, token)
        span = _clause([content], bounds)
        if span is None or not _inside(owner, bounds):
            continue
        if any(mark in text_of(doc)[span[0] : span[1]] for mark in _MARKS):
            continue  # quotations keep the cue verbs beside them, which name their speaker
        cues.append(
            Cue(token.i, word, token.idx, token.idx + len(token.text), span[0], span[1], owner.i)
        )
    return cues


_OWNER_ENTITIES = frozenset({"ORG", "PERSON"})


def _named_owner(noun: Token) -> Token | None:
    """'a Reuters report that ...', 'a Pentagon statement that ...': news names the owner of
    a report or a statement by the organisation's or person's name put before the noun."""
    for child in children_of(noun):
        if (
            child.dep_ == "compound"
            and child.pos_ == "PROPN"
            and child.ent_type_ in _OWNER_ENTITIES
            and child.i < noun.i
        ):
            return child
    return None


def _agent_of(noun: Token) -> Token | None:
    """'warnings from his lawyer that ...', 'a claim by the company that ...': the owner named
    in a "from" or "by" phrase right after the noun, as a possessive names it before."""
    for child in children_of(noun):
        if child.dep_ == "prep" and child.lower_ in ("from", "by") and child.i == noun.i + 1:
            return next((g for g in children_of(child) if g.dep_ == "pobj"), None)
    return None


def _noun_content(noun: Token) -> Token | None:
    """The clause a reporting noun carries: 'that ...' (acl/ccomp) or the object of 'about'."""
    for child in children_of(noun):
        if child.i <= noun.i:
            continue
        if child.dep_ in ("acl", "ccomp") and any(
            g.dep_ == "mark" and g.text.lower() == "that" for g in children_of(child)
        ):
            return child
        if child.dep_ == "prep" and child.text.lower() == "about" and child.i == noun.i + 1:
            return next((g for g in children_of(child) if g.dep_ in ("pobj", "pcomp")), None)
    return None
