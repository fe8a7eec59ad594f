"""An event's participants: which words are its actor and recipient, and which entity they
name, in one article: a name, a pronoun, a title.

The actor is the subject of the trigger's clause (`subject_of`: climbing through "agreed to …"
chains and conjunctions; the noun a relative clause describes, not its "which"; the agent of a
passive, `agent_of`, a reduced one as in "the convoy attacked by rebels" included, and one
whose subject the parser missed; a name the parser hung on the verb as an adverb, "Estonia
shared the logs"; for an act named by a noun, the party the noun phrase names, `nominal_parties`:
"an attack by rebels", "the embargo imposed by Washington", "calls from the opposition", and
for an act named as the subject of a verb of happening or of a passive verb of doing, its sides
on the verb, "Fighting broke out between the army and the rebels", or the verb's agent, "the
bombing was carried out by a rebel cell"; the subject of a "when" clause that says how a passive
act came about, "three guards were wounded when bandits ambushed the convoy"), the recipient its
object or the object of "to/with/against/on/…", else the owner of a thing object (`object_of`:
"the council accepted the rebels' surrender": the rebels). Each is a described
actor (`actor_of`: the words, e.g. "armed men in three villages of the northern province", or a
name with the description wire copy sets after it: "Omar Haddad, the interior minister") with
the canonical entity id when its head names an entity.

"He" and "she" refer back to the nearest person: one named before ("Omar Haddad … he"), or one
named by a title ("the General … he" when "General Omar Haddad" was written before, "the Caliph
… he" after "Caliph Ibrahim …"). "It" refers to an organisation or group, "they" and "them" to any
party; "they", "them" and "it" may also stand for a described party, the nearest subject (else
object) agreeing in number in their sentence or the one before, when no name is nearer ("Rebel
leaders met in the hills. They rejected the offer": coded as the rebel leaders, the words still
"They", as the description lies outside the event's sentence). A pronoun whose antecedent is
named earlier in its own sentence is read as that name
("Omar Haddad returned, and he met …": Omar Haddad), and one in what a subjectless "saying"
reports is the subject of the clause above ("the king was quoted as saying he …"); "we" and
"I" in what a speaker named in the sentence says are that speaker ("'We will not yield,' the
rebel commander said"). A
third-person pronoun inside a direct quotation is never its speaker: a spokesman saying
"he accepts" speaks of someone else. Built once per article, so that each look-up is a short walk
back from the pronoun rather than a pass over the whole article (long texts stay linear).
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.model import Actor, Article, Entity
from newsgraph.nlp.events._actors import code_actor, code_name
from newsgraph.nlp.events._cameo import is_weapon, rows_of
from newsgraph.nlp.events._lexicon import (
    dirs_in_use,
    lexicon,
    words,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Doc, Span, Token

# What each third-person pronoun may refer back to.
PRONOUN_KINDS = {
    "he": frozenset({"person"}),
    "him": frozenset({"person"}),
    "she": frozenset({"person"}),
    "her": frozenset({"person"}),
    "it": frozenset({"organization", "group"}),
    "they": frozenset({"person", "organization", "group"}),
    "them": frozenset({"person", "organization", "group"}),
}
PARTY_TYPES = frozenset({"person", "organization", "group"})
TITLE_WINDOW = 80  # tokens before a pronoun searched for "the <title>"
MAX_WALK = 200  # mentions walked back from a pronoun at most


class References:
    """Pronoun resolution over one article's entities and direct quotations, and the memory of
    the participants read from that article (`actor_of`). One instance serves one article."""

    def __init__(self, article: Article) -> None:
        # Every mention by start, with its entity's and its own rank for ties (as `entity_at`).
        spans = sorted(
            (m.start, m.end, rank, order, e)
            for rank, e in enumerate(article.entities)
            for order, m in enumerate(e.mentions)
        )
        self._spans = [(start, end, (-rank, -order), e) for start, end, rank, order, e in spans]
        self._starts = [start for start, *_ in spans]
        self._longest = max((end - start for start, end, *_ in spans), default=0)
        self._quotes = [(q.start, q.end, q.speaker_id) for q in article.quotes if q.direct]
        self._by_id = {e.id: e for e in article.entities}
        self._entities = article.entities
        self._text = article.text
        # What pronouns are read back to, built on the first pronoun (`_pronoun_index`): the
        # parties' mentions by end, and each title word before or opening a person's name.
        self._ends: list[int] = []
        self._mentions: list[tuple[int, Entity]] = []
        self._titles: dict[str, list[tuple[int, Entity]]] = {}  # word -> (start, person)
        self._indexed = False
        # entity (by identity) -> its mentions' starts, and (start, end, order) rows sorted by
        # start: built on the first pronoun read back to a name (`mentions_within`)
        self._mention_index: dict[int, tuple[list[int], list[tuple[int, int, int]]]] | None = None
        # (parse, token index) -> the participant that token heads (`actor_of`): an actor who
        # does several acts in the article is read and coded once. The article is fixed for
        # the life of the object, so the only key that can change is the parse.
        self.actors: dict[tuple[Doc, int], Actor | None] = {}

    def _pronoun_index(self) -> None:
        """Index the parties' mentions for `antecedent` (once; most articles' events name
        their parties, and never need it)."""
        if self._indexed:
            return
        self._indexed = True
        text = self._text
        mentions = sorted(
            (m.end, m.start, e) for e in self._entities if e.type in PARTY_TYPES for m in e.mentions
        )
        self._ends = [end for end, _, _ in mentions]
        self._mentions = [(start, entity) for _, start, entity in mentions]
        for end, start, entity in mentions:  # title words in text order
            if entity.type != "person":
                continue
            words = text[start:end].split()
            before = text[max(0, start - 40) : start].rstrip(" ").rsplit(maxsplit=1)[-1:]
            for word in [*(words[:1] if len(words) > 1 else []), *before]:
                if word.isalpha() and word[0].isupper():
                    self._titles.setdefault(word.lower(), []).append((start, entity))

    def entity_over(self, start: int, end: int) -> Entity | None:
        """The entity one of whose mentions overlaps `start:end` most (None when none does)."""
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, max(end, start + 1))
        best: tuple[int, tuple[int, int]] | None = None
        found = None
        for m_start, m_end, tie, entity in self._spans[lo:hi]:
            overlap = min(end, m_end) - max(start, m_start)
            if start == end and m_start <= start < m_end:
                overlap = 1
            if overlap > 0 and (best is None or (overlap, tie) > best):
                best, found = (overlap, tie), entity
        return found

    def parties_inside(self, start: int, end: int) -> list[Entity]:
        """Persons, organisations and groups with a mention inside `start:end`, once each."""
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        inside: dict[str, Entity] = {}
        for _, m_end, _, entity in self._spans[lo:hi]:
            if m_end <= end and entity.type in PARTY_TYPES:
                inside.setdefault(entity.id, entity)
        return list(inside.values())

    def entity_by_id(self, entity_id: str | None) -> Entity | None:
        """The article's entity with this id (None for None or an unknown id)."""
        return self._by_id.get(entity_id) if entity_id else None

    def mentions_within(self, entity: Entity, start: int, end: int) -> list[tuple[int, int]]:
        """The entity's mentions lying inside `start:end`, in the entity's own order: a
        bisection over its mentions sorted by offset, so that each pronoun costs the mentions
        near it rather than all of them."""
        if self._mention_index is None:
            index: dict[int, tuple[list[int], list[tuple[int, int, int]]]] = {}
            for e in self._entities:
                rows = sorted((m.start, m.end, order) for order, m in enumerate(e.mentions))
                index[id(e)] = ([row[0] for row in rows], rows)
            self._mention_index = index
        found = self._mention_index.get(id(entity))
        if found is None:  # an entity of another article: read its mentions plainly
            rows = sorted((m.start, m.end, order) for order, m in enumerate(entity.mentions))
            found = ([row[0] for row in rows], rows)
        starts, rows = found
        inside = rows[bisect.bisect_left(starts, start) : bisect.bisect_right(starts, end)]
        return [(m_start, m_end) for m_start, m_end, _ in sorted(inside, key=lambda r: r[2])]

    def speaker_at(self, at: int) -> str | None:
        """The speaker of the direct quotation around offset `at`, if known."""
        return next((s for start, end, s in self._quotes if start <= at < end), None)

    def antecedent(self, pronoun: Token) -> Entity | None:
        """The entity a third-person pronoun refers back to, or None."""
        kinds = PRONOUN_KINDS.get(pronoun.lower_)
        if kinds is None:
            return None
        self._pronoun_index()
        speaker = self.speaker_at(pronoun.idx)
        best: tuple[int, Entity] | None = None
        last = bisect.bisect_right(self._ends, pronoun.idx)
        for i in range(last - 1, max(-1, last - 1 - MAX_WALK), -1):
            entity = self._mentions[i][1]
            if entity.type in kinds and entity.id != speaker:
                best = (self._ends[i], entity)
                break
        if "person" in kinds:
            titled = self._titled(pronoun, best[0] if best else 0, speaker)
            if titled is not None:
                return titled
        return best[1] if best else None

    def _titled(self, pronoun: Token, after: int, speaker: str | None) -> Entity | None:
        """The person a "the <title>" between `after` and the pronoun names."""
        doc = pronoun.doc
        for token in reversed(doc[max(0, pronoun.i - TITLE_WINDOW) : pronoun.i]):
            if token.idx < after:
                break
            bearers = self._titles.get(token.lower_)
            if not bearers or token.i == 0 or doc[token.i - 1].lower_ != "the":
                continue
            named = [e for start, e in bearers if start < token.idx and e.id != speaker]
            if named:
                return named[-1]
        return None


# The parse, read once per doc --------------------------------------------------------------------

# spaCy finds a token's children by scanning every word its subtree spans (`Token.lefts`,
# `Token.rights`) and walks a subtree by recursive generators, so that on a long chain of clauses
# each look-up costs the rest of the sentence: the participants of a few thousand chained acts
# took seconds. A long subtree's children are read here into lists by position, a sentence at a
# time, once per doc (`_Parse`); a short one is still read through spaCy (`SHORT_SPAN`).


class _Parse:
    """One doc's dependency tree as lists: each token's children by position, in text order (as
    `Token.children` gives them), and what was read of them. The doc's parse is fixed once the
    parser has run, so that a doc is read once however many of its acts ask."""

    __slots__ = (
        "_bounds",
        "_by_dep",
        "_children",
        "_heads",
        "_kids",
        "_shorts",
        "_spacy_children",
        "doc",
        "size",
        "stranded",
    )

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.size = len(doc)
        self._heads: list[int] = []  # each token's head, by position (read with `_bounds`)
        self._bounds: list[int] = []  # where each sentence opens, and the doc's end
        self._kids: dict[int, list[int]] = {}  # read a sentence at a time (`_read`)
        self._children: dict[int, list[Token]] = {}
        self._by_dep: dict[int, dict[str, list[Token]]] = {}
        self._spacy_children: dict[int, list[Token]] = {}  # `spacy_children`, by position
        self._shorts: dict[int, bool] = {}  # `short`, by position
        self.stranded: dict[int, Token | None] = {}  # `_stranded_subject` by verb

    def _read(self, at: int) -> None:
        """Read the children of every token of the sentence around `at`: most of an article's
        sentences hold no act, and are never read. The whole doc is one piece when a head
        lies in another sentence."""
        if not self._bounds:
            import numpy  # spaCy's own dependency, loaded with it

            array = self.doc.to_array(["HEAD", "SENT_START"]).astype("int64")
            heads = numpy.arange(self.size) + array[:, 0]
            opens = array[:, 1] == 1
            opens[0] = True
            sentence = numpy.cumsum(opens)
            self._heads = heads.tolist()
            closed = bool((sentence[heads] == sentence).all())
            opening = numpy.flatnonzero(opens).tolist() if closed else [0]
            self._bounds = [*opening, self.size]
        at_bound = bisect.bisect_right(self._bounds, at) - 1
        start, end = self._bounds[at_bound], self._bounds[at_bound + 1]
        heads, kids = self._heads, self._kids
        for i in range(start, end):
            kids[i] = []
        for i in range(start, end):
            if heads[i] != i:
                kids[heads[i]].append(i)

    def kids(self, at: int) -> list[int]:
        """The positions of the children of the token at `at`, in text order."""
        if at not in self._kids:
            self._read(at)
        return self._kids[at]

    def children(self, at: int) -> list[Token]:
        """The children of the token at `at`, in text order."""
        found = self._children.get(at)
        if found is None:
            doc = self.doc
            found = self._children[at] = [doc[c] for c in self.kids(at)]
        return found

    def short(self, token: Token) -> bool:
        """`_short` of a token of the doc, read once (each reading asks spaCy for the token's
        edges); in a doc of no more than `SHORT_SPAN` words every token's subtree is short."""
        if self.size <= SHORT_SPAN:
            return True
        found = self._shorts.get(token.i)
        if found is None:
            found = self._shorts[token.i] = _short(token)
        return found

    def spacy_children(self, token: Token) -> list[Token]:
        """`Token.children` of a token of the doc, as spaCy reads them, read once: the acts
        of a sentence ask for the children of the same few words again and again."""
        found = self._spacy_children.get(token.i)
        if found is None:
            found = self._spacy_children[token.i] = list(token.children)
        return found

    def by_dep(self, at: int) -> dict[str, list[Token]]:
        """The children of the token at `at` by dependency label, each list in text order."""
        found = self._by_dep.get(at)
        if found is None:
            found = {}
            for child in self.children(at):
                found.setdefault(child.dep_, []).append(child)
            self._by_dep[at] = found
        return found

    def first(self, at: int, deps: Iterable[str]) -> Token | None:
        """The first child, in text order, with one of the labels."""
        by_dep = self.by_dep(at)
        found = [by_dep[dep][0] for dep in deps if dep in by_dep]
        return min(found, key=lambda t: t.i) if found else None

    def has(self, at: int, *deps: str) -> bool:
        """Has the token a child with one of the labels?"""
        by_dep = self.by_dep(at)
        return any(dep in by_dep for dep in deps)

    def subtree(self, at: int) -> list[int]:
        """The positions of the token's subtree in the order of `Token.subtree` (its left
        children's subtrees, itself, its right children's), walked without recursion; bounded
        by the doc's length, so that a malformed parse with a cycle is not walked for ever."""
        found: list[int] = []
        stack: list[tuple[int, bool]] = [(at, False)]
        while stack and len(found) < self.size:
            node, told = stack.pop()
            if told:
                found.append(node)
                continue
            own = self.kids(node)
            stack.extend((c, False) for c in reversed(own) if c > node)
            stack.append((node, True))
            stack.extend((c, False) for c in reversed(own) if c < node)
        return found


_LAST: list[_Parse] = []  # the doc asked last: its acts ask one after another


def _parse_of(doc: Doc) -> _Parse:
    """The doc's `_Parse`, read on the first look-up and kept for the doc's next ones. Only the
    last doc's is kept: a `_Parse` holds its doc and tokens of it, so a table of every doc's
    would keep every doc alive."""
    if _LAST and _LAST[0].doc is doc and _LAST[0].size == len(doc):
        return _LAST[0]
    parse = _Parse(doc)
    _LAST[:] = [parse]
    return parse


# A token whose subtree spans fewer words than this is read through spaCy itself, whose scan of
# so few words is cheaper than reading the sentence into lists; a longer one from the lists.
SHORT_SPAN = 64


def _short(token: Token) -> bool:
    """Does the token's subtree span fewer than `SHORT_SPAN` words (spaCy's edges: no walk)?"""
    return token.right_edge.i - token.left_edge.i < SHORT_SPAN


def _children(token: Token) -> list[Token]:
    """`Token.children`, from the doc's lists (`_Parse`) when its subtree is long."""
    parse = _parse_of(token.doc)
    return parse.spacy_children(token) if parse.short(token) else parse.children(token.i)


def _first(token: Token, deps: Iterable[str]) -> Token | None:
    """The token's first child, in text order, with one of the labels."""
    parse = _parse_of(token.doc)
    if parse.short(token):
        return next((c for c in parse.spacy_children(token) if c.dep_ in deps), None)
    return parse.first(token.i, deps)


def _has(token: Token, *deps: str) -> bool:
    """Has the token a child with one of the labels?"""
    parse = _parse_of(token.doc)
    if parse.short(token):
        return any(c.dep_ in deps for c in parse.spacy_children(token))
    return parse.has(token.i, *deps)


def _with_dep(token: Token, dep: str) -> list[Token]:
    """The token's children with the label, in text order."""
    parse = _parse_of(token.doc)
    if parse.short(token):
        return [c for c in parse.spacy_children(token) if c.dep_ == dep]
    return parse.by_dep(token.i).get(dep, [])


def _subtree(token: Token) -> list[int]:
    """The positions of `Token.subtree`, in its order (`_Parse.subtree` when it is long)."""
    parse = _parse_of(token.doc)
    if parse.short(token):
        return [t.i for t in token.subtree]
    return parse.subtree(token.i)


# Participants ----------------------------------------------------------------------------------

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


# Nouns that name an act (the additions layer's noun triggers, "attack", and the last word of
# its noun phrases, "general strike"): an act is done to someone, never a recipient itself.
# Read from the lexicon at the first call, not at import: the user's data folders count then.
def act_nouns() -> frozenset[str]:
    return _act_nouns(dirs_in_use())  # the folders of the article's `reading_words` block


@lru_cache(maxsize=4)
def _act_nouns(_dirs: tuple[Path, ...]) -> frozenset[str]:
    return frozenset(
        p.lemmas[0] if p.head_pos == "n" else p.lemmas[-1]
        for patterns in lexicon().values()
        for p in patterns
        if p.head_pos == "n" or (p.head_pos is None and len(p.lemmas) > 1)
    )


def _phrase_words(token: Token) -> tuple[int, int]:
    """The first and last word of a noun phrase: its subtree without clauses hanging off it, nor
    a preposition that opens one ("accused the opposition of plotting a coup": the charge, not
    the party). Read by position, a long subtree from the doc's lists (`_subtree`): spaCy's
    `Token.subtree` recurses, and costs the square of a long chain's depth."""
    doc, children = token.doc, _children(token)
    skip: set[int] = set()
    for c in children:
        dep = c.dep_  # (each reading of a label is a look-up: read once a child)
        if (
            dep in ("relcl", "acl", "punct", "advcl")
            or (dep == "appos" and not (_describes(c, token) or _names(c, token)))
            or (
                dep == "prep"
                and (
                    c.lower_ not in ("of", "for", "in", "from")
                    or _has(c, "pcomp")
                    # … nor one whose object is a verb's -ing form ("accused the mayor of lying")
                    or any(g.dep_ == "pobj" and g.tag_ == "VBG" for g in _children(c))
                )
            )
        ):
            skip.update(_subtree(c))
        if dep == "appos":  # an apposition's own clauses ("…, the group that runs the port")
            for g in _children(c):
                if g.dep_ in ("relcl", "acl", "advcl"):
                    skip.update(_subtree(g))
        elif dep == "prep" and c.lower_ == "of":
            # nor the act told by a participle on the counted noun ("Hundreds of farmers
            # protesting against …": the hundreds of farmers, `_counted_crowd`)
            for g in _children(c):
                for act in _children(g):
                    if act.dep_ == "acl" and act.tag_ == "VBG":
                        skip.update(_subtree(act))
    words = [t for t in _subtree(token) if t not in skip]
    # nor a closing attribution the parser hung inside the phrase (`closing_speaker`: none
    # but on a clause's verb, whose label is read from the doc's rows before its token is made)
    deps = rows_of(doc).deps
    for t in words:
        if deps[t] not in _CLOSING_DEPS:
            continue
        speaker = closing_speaker(doc[t])
        if speaker is not None and speaker.left_edge.i > token.i:
            words = [w for w in words if w < speaker.left_edge.i - 1]
            break
    if len(words) > MAX_ACTOR_TOKENS:
        # too long: the noun and its modifiers, and its "of" phrase when that still fits, as
        # it says whose the noun is ("members of the jurists' association, a body that …")
        core = [c.i for c in children if c.i < token.i and c.i not in skip] + [token.i]
        of = next(
            (c for c in children if c.i > token.i and c.dep_ == "prep" and c.lower_ == "of"),
            None,
        )
        owner = [t for t in _subtree(of) if t not in skip] if of is not None else []
        words = core + owner if len(core) + len(owner) <= MAX_ACTOR_TOKENS else core
    if words and doc[words[0]].is_sent_start:
        # nor a wire dateline the parser hung on the phrase ("LAGOS - Gunmen"): the words up to
        # a dash set off by spaces (not the hyphen of "Saudi-led") before the noun
        dash = next((t for t in range(words[0], token.i) if _spaced_dash(doc[t])), None)
        if dash is not None:
            words = [t for t in words if t > dash]
    ends = (words[0], words[-1]) if words else ()
    words = [t for t in words if t not in ends or not doc[t].is_punct]
    # nor a closing conjunction, nor the possessive "'s" of an owner ("the army's shelling")
    first, last = 0, len(words) - 1
    while first <= last and _trailing(doc[words[last]]):
        last -= 1
    while first <= last and _leading(doc[words[first]]):
        first += 1
    if first > last:
        return token.i, token.i
    return words[first], words[last]


def _trailing(word: Token) -> bool:
    """A punctuation mark, a conjunction or a possessive "'s" closing a phrase."""
    return word.is_punct or word.dep_ == "cc" or word.tag_ == "POS"


def _leading(word: Token) -> bool:
    """A punctuation mark or a conjunction opening a phrase."""
    return word.is_punct or word.dep_ == "cc"


def _spaced_dash(token: Token) -> bool:
    """A dash with a space on each side ("LAGOS - Gunmen"), not a hyphen inside a word."""
    return (
        token.text in DASHES
        and token.i > 0
        and bool(token.doc[token.i - 1].whitespace_)
        and bool(token.whitespace_)
    )


def _describes(appos: Token, head: Token) -> bool:
    """Is the apposition a description of the actor written after its name ("Omar Haddad, the
    interior minister, …"), which wire copy uses to say who a name is? Not a name list the
    parser read as one ("Russia, China and Iran"), nor an abbreviation in brackets."""
    first = appos.left_edge
    return (
        appos.i > head.i
        and appos.pos_ in ("NOUN", "PROPN")
        and first.dep_ == "det"
        and first.i > 0
        and head.doc[first.i - 1].text == ","
        and _next_to(head, first.i - 1)
    )


def _next_to(head: Token, comma: int) -> bool:
    """Do the words between the noun and the comma before its apposition all hang on the noun
    ("Omar Haddad, the minister"; not "The regulator has refused to publish the report, a press
    watchdog", where the parser hung the apposition on a noun a clause away)? No further
    than an actor's words reach (`MAX_ACTOR_TOKENS`): a list of appositions is read in
    linear time."""
    if comma - head.i > MAX_ACTOR_TOKENS:
        return False
    doc = head.doc
    for t in doc[head.i + 1 : comma]:
        node = t
        for _ in range(8):
            if node.i == head.i or node.head.i == node.i:
                break
            node = node.head
        if node.i != head.i:
            return False
    return True


def _names(appos: Token, head: Token) -> bool:
    """Is the apposition the name of the party a description before it speaks of ("the
    group's leader, Abu Karim, …"), which wire copy also uses? A proper name set off by a
    comma after a common noun; not a name list the parser read as one ("Russia, China and
    Iran" opens with a name, not a common noun)."""
    return (
        appos.i > head.i
        and head.pos_ == "NOUN"
        and appos.pos_ == "PROPN"
        and appos.left_edge.i > 0
        and head.doc[appos.left_edge.i - 1].text == ","
        and _next_to(head, appos.left_edge.i - 1)
    )


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


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """The subject of the verb's clause and whether it is a passive subject.

    Climbs from an embedded act to the clause that has a subject ("agreed to cooperate",
    "guilty of violating"; "was expected to meet", whose passive subject meets); a clause
    modifying a noun takes the subject of the verb that governs that noun ("issued videos
    supporting X"), or the noun itself when it is a subject.
    """
    closing = closing_speaker(verb)
    if closing is not None:  # "…, a rights group complained here Friday", misread
        return closing, False
    node = verb
    embedded = False  # climbed from an infinitive: "troops were ordered to withdraw"
    participle = False  # … from a bare past participle: "soldiers were reported killed"
    purpose = False  # … from an infinitive of purpose: "police were sent in to clear the square"
    # a long clause's children are read once per doc (`_Parse`), not once per act: the acts of
    # a long list of clauses all climb to the clause the list hangs on
    for _ in range(8):
        child = _first(node, SUBJECTS)  # the first subject decides
        if child is not None:
            child = _past_dateline(node, child)
            if node.dep_ == "relcl" and _relative(child):
                # "the militia, which seized the town": the noun the clause describes
                return node.head, child.dep_ == "nsubjpass"
            if child.dep_ in ("nsubj", "csubj"):
                # "Protesters were tear-gassed by police", the participle read as an adjective
                # of "were": passive all the same, its "by" the doer
                misread = (
                    verb.tag_ == "VBN"
                    and verb.dep_ == "acomp"
                    and node.i == verb.head.i
                    and _has(verb, "agent")
                )
                # "three soldiers were killed and four wounded": four were wounded
                elliptic = node.i == verb.i and _elliptic_passive(verb)
                # "The vote was due in May but was postponed by the president": a passive verb
                # joined to an active one shares its subject, which the passive act is done to
                shared = node.i != verb.i and verb.dep_ == "conj" and _has(verb, "auxpass")
                return _described(child, node), misread or elliptic or shared
            # the passive subject of a verb governing an infinitive does the infinitive's
            # act ("the troops were ordered to withdraw": the troops withdraw), but a
            # participle's act is done to it ("two soldiers were reported killed"); so does a
            # party sent or called in for a purpose ("police were called in to clear the
            # square"), where a thing is not ("the road was closed to allow repairs")
            sent = purpose and child.dep_ == "nsubjpass" and _may_act(child)
            return _described(child, node), not (embedded or sent) or participle
        named = _named_opening(node)
        if named is not None:
            return named, False
        if node.dep_ in ("acl", "relcl") and node.head.i != node.i:
            noun = node.head
            if node.dep_ == "acl" and node.tag_ == "VBN" and _has(node, "agent"):
                # a reduced passive with its agent ("the convoy attacked by rebels"): the noun
                # is what the act is done to, the agent the doer
                return noun, True
            if node.dep_ == "acl" and _finite(node):
                # a finite verb read as a clause on the last noun before it ("Gunmen on
                # motorbikes killed …"): the subject is the phrase that noun ends
                while noun.dep_ == "pobj" and noun.head.dep_ == "prep":
                    noun = noun.head.head
            elif node.dep_ == "acl" and node.tag_ == "VBG":
                noun = _counted_crowd(noun)
            if noun.dep_ in SUBJECTS or noun.head.i == noun.i:
                return noun, False
            node = noun.head
        elif node.dep_ in CLIMB and node.head.i != node.i:
            if node.i == verb.i and node.dep_ in ("xcomp", "oprd"):
                participle = verb.tag_ == "VBN" and not _has(verb, "aux")
            embedded = embedded or (node.dep_ == "xcomp" and node.i == verb.i)
            purpose = purpose or (node.i == verb.i and node.dep_ == "advcl" and _to_verb(node))
            node = node.head
        else:
            break
    stranded = _stranded_subject(node)
    if stranded is not None:
        return stranded, _has(node, "auxpass") and not embedded
    # A passive verb whose subject the parser missed is still passive: its agent is the doer
    # ("a man wanted for fraud was extradited by Thailand", "wanted" read as a clausal subject).
    return None, _has(verb, "auxpass")


def _counted_crowd(noun: Token) -> Token:
    """The phrase a crowd's noun ends after "of" when that phrase is a subject or the whole
    headline ("Hundreds of farmers protesting against land seizures": the hundreds, whom the
    participle describes), else the noun."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "of" and prep.dep_ == "prep":
        whole = prep.head
        if whole.dep_ in SUBJECTS or whole.head.i == whole.i:
            return whole
    return noun


DASHES = frozenset({"-", "--", "\u2013", "\u2014"})


def _past_dateline(verb: Token, subject: Token) -> Token:
    """The verb's subject after a dateline that the parser read as a first subject ("BAGHDAD,
    May 2 (AP) - Iraqi police arrested …": "BAGHDAD" and "police" both subjects): a second
    subject of the verb with a dash between the two, the dash that ends a wire dateline."""
    doc, end = verb.doc, subject.right_edge.i  # (spaCy's edges: no walk)
    if _fronted_participle(subject, end):
        pass  # "Facing shelling, hundreds of herders fled": the clause is no subject
    elif not subject.is_sent_start or not (
        doc[end].text in DASHES or (end + 1 < len(doc) and doc[end + 1].text in DASHES)
    ):
        return subject  # a dateline opens the sentence, and a dash closes it
    later = next((c for c in _children(verb) if c.dep_ in SUBJECTS and c.i > end), None)
    return later if later is not None and later.i < verb.i else subject


def _elliptic_passive(verb: Token) -> bool:
    """A bare past participle joined to a passive verb, its auxiliary left out ("three soldiers
    were killed and four wounded"): passive like the verb it is joined to."""
    return (
        verb.dep_ == "conj"
        and verb.tag_ == "VBN"
        and not _has(verb, "aux", "auxpass")
        and _has(verb.head, "auxpass")
    )


def _to_verb(verb: Token) -> bool:
    """Is the verb an infinitive with "to" ("sent in to clear the square")?"""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in _children(verb))


def _fronted_participle(subject: Token, end: int) -> bool:
    """Is the subject a fronted participle clause the parser read as a noun phrase ("Facing
    shelling, hundreds of herders fled": "shelling" a first subject, "Facing" its
    modifier)? It opens the sentence with an -ing or -ed form and a comma closes it."""
    first = subject.left_edge
    doc = subject.doc
    return (
        bool(first.is_sent_start)
        and first.tag_ in ("VBG", "VBN")
        and first.i != subject.i
        and end + 1 < len(doc)
        and doc[end + 1].text == ","
    )


# Verbs that close a sentence with what it reports put before them ("The dam is unsafe, the
# engineers warned"): verbs of speech, and acts done by saying something (a complaint, a charge,
# a denial, a warning, a demand, a pledge).
CLOSING_SPEECH = frozenset(
    {
        "add",
        "admit",
        "allege",
        "announce",
        "assert",
        "charge",
        "claim",
        "complain",
        "concede",
        "confirm",
        "contend",
        "declare",
        "demand",
        "deny",
        "insist",
        "pledge",
        "promise",
        "protest",
        "report",
        "say",
        "state",
        "threaten",
        "vow",
        "warn",
    }
)
_AFTER_SPEECH = frozenset({"advmod", "npadvmod", "prep", "punct", "aux", "neg"})


# The labels of a verb `closing_speaker` reads (any other: no attribution).
_CLOSING_DEPS = ("acl", "relcl")


def closing_speaker(verb: Token) -> Token | None:
    """Who speaks in a sentence-closing attribution that the parser read as a clause on a noun
    of the sentence before it ("Police beat the marchers, a rights group complained here
    Friday": "group" read as an apposition of "marchers", "complained" as a clause on it, or
    "complained" as a relative clause with "group" its subject): a past form of saying
    (`CLOSING_SPEECH`) with no object or clause of its own, only adverbs, times and places
    after it to the sentence's end, whose noun opens after a comma. None for any other verb."""
    if verb.dep_ not in ("acl", "relcl") or verb.tag_ not in ("VBD", "VBN"):
        return None  # (the parser tags the past form as a participle when it reads a clause)
    if verb.lemma_.lower() not in CLOSING_SPEECH:
        return None
    children = _children(verb)
    if any(
        (c.dep_ not in _AFTER_SPEECH and c.i > verb.i)
        or c.dep_ in ("auxpass", "agent")
        or (c.dep_ == "prep" and c.lower_ == "by")
        for c in children
    ):
        return None  # an object, a clause, or a passive ("the figures, confirmed by police")
    if verb.right_edge.i + 1 < verb.sent.end and not all(
        t.is_punct for t in verb.doc[verb.right_edge.i + 1 : verb.sent.end]
    ):
        return None
    if verb.dep_ == "relcl":
        speaker = next((c for c in children if c.dep_ == "nsubj" and c.i < verb.i), None)
        if speaker is None or _relative(speaker):
            return None  # a true relative clause: "the envoy, who protested"
    else:
        speaker = verb.head
    if speaker.pos_ not in ("NOUN", "PROPN") or speaker.i > verb.i:
        return None
    opening = speaker.left_edge.i
    if opening == 0 or verb.doc[opening - 1].text != ",":
        return None
    if not (_may_act(speaker) or verb.doc[opening].dep_ == "det"):
        return None  # a party, or a described one ("a press watchdog")
    return speaker


def _named_opening(verb: Token) -> Token | None:
    """A name opening the clause that the parser read as an adverb of the verb instead of its
    subject ("Estonia shared the logs": "Estonia" as npadvmod): a proper noun that names a
    party, not a date or time, before the verb, when the verb has no subject."""
    if _has(verb, *SUBJECTS, "expl"):
        return None
    for child in _with_dep(verb, "npadvmod"):
        if (
            child.i < verb.i
            and child.pos_ == "PROPN"
            and child.ent_type_ in PARTY_LABELS
            and child.i == child.left_edge.i
        ):
            return child
    return None


_BEFORE_VERB = frozenset({"aux", "auxpass", "neg", "advmod"})


def _stranded_subject(verb: Token) -> Token | None:
    """The subject of a sentence's main verb that the parser hung on the phrase opening the
    sentence ("With the signing of the accord, the government and the rebels have agreed …":
    "government" read as a conjunct of "accord", the verb left without a subject). Only for a
    main verb with no subject of its own: the noun phrase between the last comma before it and
    the verb (its auxiliaries and adverbs aside), when that phrase is whole and hangs on a word
    before the comma. Read once per verb (`_Parse`): the acts of a long list of clauses may
    all climb to it."""
    if verb.dep_ != "ROOT" or verb.pos_ not in ("VERB", "AUX"):
        return None
    parse = _parse_of(verb.doc)
    if verb.i not in parse.stranded:
        parse.stranded[verb.i] = _read_stranded(verb)
    return parse.stranded[verb.i]


def _read_stranded(verb: Token) -> Token | None:
    if _has(verb, *SUBJECTS, "expl"):
        return None
    doc, first = verb.doc, verb.sent.start
    end = verb.i - 1
    while end >= first and doc[end].head.i == verb.i and doc[end].dep_ in _BEFORE_VERB:
        end -= 1
    comma = end
    while comma >= first and doc[comma].text != ",":
        comma -= 1
    if comma < first or comma == end:
        return None
    tops = [t for t in doc[comma + 1 : end + 1] if not comma < t.head.i <= end]
    if len(tops) != 1:
        return None
    head = tops[0]
    if head.pos_ not in ("NOUN", "PROPN") or not first <= head.head.i < comma:
        return None
    return head


RELATIVES = frozenset({"who", "which", "that", "whom"})


def _described(subject: Token, verb: Token) -> Token:
    """The noun a relative pronoun stands for when its clause lies inside another clause of
    the relative clause ("the sheds, which the council says were put up illegally": the
    sheds), found through the relative clause above the verb; any other subject itself."""
    if not _relative(subject):
        return subject
    node = verb
    for _ in range(4):
        if node.dep_ == "relcl" and node.head.i != node.i:
            return node.head
        if node.head.i == node.i:
            break
        node = node.head
    return subject


def _relative(token: Token) -> bool:
    """A relative pronoun ("who", "which", "that"): it stands for the noun its clause describes."""
    return token.lower_ in RELATIVES and token.tag_ in ("WP", "WDT", "IN", "DT")


def _finite(clause: Token) -> bool:
    """Is a clause the parser hung on a noun really the sentence's own finite verb? A past form
    ("Gunmen on motorbikes killed …"), or a participle that takes a direct object, which a
    reduced passive never does ("the convoy attacked by rebels" has none; "rebels on trucks
    attacked the convoy" has one)."""
    return clause.tag_ == "VBD" or (
        clause.tag_ == "VBN"
        and any(c.dep_ == "dobj" for c in _children(clause))
        and not any(c.dep_ in ("agent", "auxpass") for c in _children(clause))
    )


def modifier_actor(noun: Token) -> Token | None:
    """For a noun trigger with no subject ("Palestinian riots"): who the noun says did it; in
    a headline, a crowd counted before it ("Thousands march in Madrid", "thousands" read as
    the number of marches: a plural noun, not a number)."""
    for child in _children(noun):
        if child.dep_ in ("amod", "compound", "poss", "nmod") and (
            child.ent_type_ in PARTY_LABELS or child.pos_ == "PROPN" or is_party(child)
        ):  # "Palestinian riots", "police raids", "army shelling"
            return child
        if child.dep_ == "nummod" and child.tag_ == "NNS" and child.i < noun.i:
            return child
    return None


SIDE_PREPS = ("between", "among", "amongst")  # … whose object names the sides of the act
NOMINAL_DOER_PREPS = ("by", *SIDE_PREPS)

# Nouns of leaving or removal, whose "from" names what is left, not who acts ("the withdrawal
# from the border", "his release from prison"); after any other act noun "from" names the
# party the act comes from ("protests from farmers", "criticism from Beijing").
AWAY_NOUNS = frozenset(
    {
        "withdrawal",
        "pullout",
        "pull-out",
        "retreat",
        "release",
        "expulsion",
        "deportation",
        "extradition",
        "evacuation",
        "departure",
        "exit",
        "escape",
        "flight",
        "defection",
        "ouster",
        "removal",
        "resignation",
        "return",
        "secession",
        "separation",
        "independence",
        "exile",
        "ban",
        "suspension",
    }
)


def nominal_parties(noun: Token) -> tuple[Token | None, Token | None]:
    """Who an act named by a noun is done by, when the noun phrase says so itself, and the
    other side where it names two: "an attack by rebels", "protests by students" (by);
    "clashes between the army and the militia" (between: the first side does, the second is
    done to); the agent of a participle on the noun ("the embargo imposed by Washington", "the
    raid, led by special forces"); a party the act comes from ("calls from the opposition",
    not after a noun of leaving, `AWAY_NOUNS`), these two not for an act that is only the
    setting of another clause (`_circumstance`); "the army's shelling of the town" (a possessor
    that is a party, not a pronoun, whose owner is unsure). These beat the subject of the verb
    the noun hangs on ("officials condemned an attack by rebels": the rebels attacked)."""
    found = _sides(noun, NOMINAL_DOER_PREPS)
    if found is not None:
        return found
    verb = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass") and verb.i != noun.i:
        # the act as the subject of a verb of happening, its sides hung on the verb ("Fighting
        # broke out between the army and the rebels"), or of a passive verb of doing, its doer
        # the agent ("The bombing was carried out by a rebel cell", "… was claimed by ISIS")
        found = _sides(verb, SIDE_PREPS)
        if found is not None and _may_act(found[0]):  # not "spread among the ruins"
            return found
        if noun.dep_ == "nsubjpass" and verb.lemma_.lower() in DOING_VERBS:
            agent = agent_of(verb)
            if agent is not None and _may_act(agent):
                return agent, None
    if _circumstance(noun):
        return _owner(noun) or _own_pronoun(noun), None
    for child in _children(noun):
        # "the sanctions imposed by the EU", "the attack, carried out by rebels": a reduced
        # passive on the noun whose agent says who did the act
        if child.dep_ == "acl" and child.tag_ == "VBN":
            agent = agent_of(child)
            if agent is not None and _may_act(agent):
                return agent, None
    if noun.lemma_.lower() not in AWAY_NOUNS:
        for child in _children(noun):
            if child.dep_ == "prep" and child.lower_ == "from":
                pobj = next((c for c in _children(child) if c.dep_ == "pobj"), None)
                if pobj is not None and _may_act(pobj):
                    return pobj, None
        received = _received_from(noun)
        if received is not None:
            return received
    return _owner(noun) or _own_pronoun(noun), None


def _own_pronoun(noun: Token) -> Token | None:
    """Whose act a third-person possessive on an act noun names, when the noun is in a
    prepositional phrase or the subject of a clause below another: the subject of the clause
    above, passive or not, when it may act ("the minister was accompanied by two generals on
    his visit to the front": the minister visits; "the ministry said its inspection found no
    fault"). Not for an act its possessor undergoes ("after his arrest", `UNDERGONE_NOUNS`)."""
    if noun.lemma_.lower() in UNDERGONE_NOUNS or not any(
        c.dep_ == "poss" and c.lower_ in THIRD_POSSESSIVE for c in _children(noun)
    ):
        return None
    if noun.dep_ == "pobj":
        verb = noun.head.head
    elif noun.dep_ in ("nsubj", "nsubjpass") and noun.head.dep_ in ("ccomp", "advcl"):
        verb = noun.head.head  # "the ministry said its inspection found …": said
    else:
        return None
    for _ in range(4):  # "by two generals on his visit": the phrase hung on the agent
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    subject = _first(verb, ("nsubj", "nsubjpass"))
    if subject is None or subject.pos_ == "PRON" or not _may_act(subject):
        return None
    return subject


# Act nouns whose possessor is the one the act is done to ("his arrest", "their release").
UNDERGONE_NOUNS = frozenset(
    {
        "arrest",
        "detention",
        "killing",
        "murder",
        "assassination",
        "release",
        "expulsion",
        "deportation",
        "extradition",
        "execution",
        "abduction",
        "kidnapping",
        "dismissal",
        "ouster",
        "removal",
        "trial",
        "conviction",
        "capture",
        "torture",
        "rescue",
        "evacuation",
        "imprisonment",
        "sentencing",
        "prosecution",
    }
)


# Verbs whose passive agent did the act their subject names ("The raid was led by special
# forces", "The attack was claimed by the rebels": claiming an attack is owning it), unlike
# verbs of causing ("The protests were sparked by the arrest") or of judging ("The attack was
# condemned by the UN").
DOING_VERBS = frozenset(
    {"carry", "conduct", "stage", "launch", "mount", "lead", "perform", "execute", "claim"}
)


def _sides(node: Token, preps: tuple[str, ...]) -> tuple[Token, Token | None] | None:
    """The party after one of `preps` on `node` ("an attack by rebels"), and for "between" or
    "among" the other side ("clashes between the army and the militia"); not a date, nor an
    act."""
    for child in _children(node):
        if child.dep_ != "prep" or child.lower_ not in preps:
            continue
        pobj = next((c for c in _children(child) if c.dep_ == "pobj"), None)
        if pobj is None or pobj.ent_type_ in ("DATE", "TIME") or pobj.lemma_.lower() in act_nouns():
            continue
        other = None
        if child.lower_ != "by":
            other = next((c for c in _children(pobj) if c.dep_ == "conj"), None)
            if other is None:  # "clashes between police and protesters" parsed flat
                other = next((c for c in _children(child) if c.dep_ == "conj"), None)
        return pobj, other
    return None


def _owner(noun: Token) -> Token | None:
    """A possessor that is a party ("the army's shelling"), not a pronoun; on an act that is
    its clause's subject, also a word the actor tables code with a role (`_subject_owner`)."""
    for child in _children(noun):
        if (
            child.dep_ == "poss"
            and child.pos_ != "PRON"
            and (is_party(child) or _subject_owner(noun, child))
        ):
            return child
    return None


def _subject_owner(noun: Token, owner: Token) -> bool:
    """Does the possessor of an act noun that is its clause's subject say who acted, as a word
    the actor tables code with a role ("The king's pardon of the dissidents surprised
    diplomats": the king pardons)? Only there: the act told as the subject has no other doer
    in its clause."""
    return noun.dep_ in ("nsubj", "nsubjpass") and _may_act(owner)


def _circumstance(noun: Token) -> bool:
    """Is the act noun the setting of another clause's act ("shops closed in a strike called by
    the party": the shopkeepers strike, the party only called it), not told for itself? An
    object of a preposition other than "by", whose clause names its own doer; not an act its
    subject undergoes ("the town came under shelling from the rebels", `_undergone`)."""
    if noun.dep_ != "pobj" or noun.head.lower_ == "by" or _undergone(noun):
        return False
    verb = noun.head.head
    return any(c.dep_ in SUBJECTS for c in _children(verb))


# Verbs whose subject receives the act their object names: "the plan drew criticism from the
# unions", "the mayor faced protests from residents" (the unions criticise the plan).
RECEIVING_VERBS = frozenset({"draw", "receive", "face", "get", "attract", "earn", "meet"})


# Verbs whose subject is "under" an act it undergoes: "the convoy came under fire", "the
# city is under attack", "the regime remained under pressure".
UNDERGOING_VERBS = frozenset({"come", "be", "remain"})


def _undergone(noun: Token) -> bool:
    """Is the act noun one its clause's subject undergoes, after "come under", "be under",
    "remain under" ("the town came under shelling from the rebels")?"""
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.lower_ == "under"
        and prep.dep_ == "prep"
        and prep.head.lemma_.lower() in UNDERGOING_VERBS
    )


def undergone_source(verb: Token) -> Token | None:
    """Who an act that the verb's subject undergoes comes from: the party after "from" or "by"
    on the noun it is under, or on the verb ("the regime came under pressure from Washington":
    Washington), for a pattern that codes the act as the target's."""
    nouns = [
        noun
        for child in _children(verb)
        if child.dep_ == "prep" and child.lower_ == "under"
        for noun in _children(child)
        if _undergone(noun)
    ]
    for node in (*nouns, verb):
        for child in _children(node):
            if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by"):
                pobj = next((c for c in _children(child) if c.dep_ == "pobj"), None)
                if pobj is not None and _may_act(pobj):
                    return pobj
    return None


def _received_from(noun: Token) -> tuple[Token, Token | None] | None:
    """The party an act noun comes from when it is the object of a verb of receiving and the
    "from" hangs on the verb ("the plan drew criticism from the unions": the unions, and the
    plan is what the act is aimed at), with that verb's subject; so too for an act undergone
    ("the minister came under criticism from lawmakers", `_undergone`), "by" also."""
    undergone = _undergone(noun)
    verb = noun.head.head if undergone else noun.head
    if not undergone and (noun.dep_ != "dobj" or verb.lemma_.lower() not in RECEIVING_VERBS):
        return None
    for child in _children(verb):
        if child.dep_ == "prep" and (
            child.lower_ == "from" or (undergone and child.lower_ == "by")
        ):
            pobj = next((c for c in _children(child) if c.dep_ == "pobj"), None)
            if pobj is not None and _may_act(pobj):
                subject = next((c for c in _children(verb) if c.dep_ in SUBJECTS), None)
                return pobj, subject
    return None


def receives_act(verb: Token) -> bool:
    """Is the verb one of receiving whose object is an act coming from a party ("the mayor
    faced condemnation from rights groups", "met protests from farmers")? The act noun is
    then the event, done by the party after "from" (`_received_from`); the verb names none
    ("faced" is no meeting)."""
    if verb.lemma_.lower() not in RECEIVING_VERBS:
        return False
    return any(
        c.dep_ == "dobj" and c.lemma_.lower() in act_nouns() and _received_from(c) is not None
        for c in _children(verb)
    )


def may_act(token: Token) -> bool:
    """Could this noun be a doer (`_may_act`)?"""
    return _may_act(token)


def _may_act(token: Token) -> bool:
    """Could this noun be a doer: a party (`is_party`), or a word the actor tables code with a
    role ("jets", "the ombudsman", "both sides"); not a date, nor an act itself, unless the
    actor tables name it as a doer ("a suicide bomber": an agent, MIL, though a bombing is an
    act)."""
    if token.ent_type_ in ("DATE", "TIME"):
        return False
    coded = code_name(token.lemma_.lower())
    if token.lemma_.lower() in act_nouns():
        return coded is not None and bool(coded.roles)
    if is_party(token) or token.lower_ in ("side", "sides") or _someone(token):
        return True
    return coded is not None and bool(coded.roles)


WHO = frozenset({"who", "whom"})


def _someone(noun: Token) -> bool:
    """A noun that a "who" clause describes names a person, as English keeps "who" for people
    ("the inspector, who said the dam was unsafe": a person; "the dam, which…": a thing)."""
    return any(
        clause.dep_ == "relcl" and any(w.lower_ in WHO for w in _children(clause))
        for clause in _children(noun)
    )


def stray_agent(verb: Token) -> Token | None:
    """The doer of a passive verb with no agent of its own, named by a "by" that the parser hung
    on the active verb above it: an active verb with a subject takes no agent, so a party after
    "by" there is the passive act's ("X has been accused of fraud, much of it said to be hidden,
    by rival officials": the officials accuse). Only a "by" after the passive verb, on the
    verb its clause hangs on or on an infinitive of that verb ("thought to be abroad, by …").
    The agent of the passive verb an -ing clause hangs on does that clause's act too ("the
    depot was raided by smugglers, injuring a guard": the smugglers). Else the doer a "when"
    clause on the verb names ("two clerks were hurt when looters stormed the shop": wire
    copy's way of saying who did it), `_when_doer`. A clause above with more than
    `MAX_DEPENDENTS` dependents is not read (see there)."""
    below = _agent_below(verb)  # "were detained in a crackdown by the police"
    if below is not None:
        return below
    clause = verb.head
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and clause.i != verb.i:
        # "The depot was raided by smugglers, injuring a guard": the raiders did the injuring
        agent = agent_of(clause) if _few_dependents(clause) else None
        if agent is not None and _may_act(agent):
            return agent
    if verb.dep_ not in ("ccomp", "parataxis", "conj") or clause.i == verb.i:
        return _when_doer(verb)
    if not _few_dependents(clause):  # a list's verbs all hang here: reading it each is quadratic
        return _when_doer(verb)
    holders = [clause, *(c for c in _children(clause) if c.dep_ == "xcomp" and c.i > verb.i)]
    for holder in holders:
        if any(c.dep_ == "auxpass" for c in _children(holder)):
            continue  # a passive verb takes its own "by"
        for child in _children(holder):
            if child.dep_ == "prep" and child.lower_ == "by" and child.i > verb.i:
                pobj = next((c for c in _children(child) if c.dep_ == "pobj"), None)
                if pobj is not None and _may_act(pobj):
                    return pobj
    return _when_doer(verb)


# Dependents a clause above an event's verb may have for its "by" to be read: each of a list's
# many verbs reads the one clause they all hang on, so a longer list (a parse of a catalogue,
# not a sentence) would make the reading quadratic.
MAX_DEPENDENTS = 40


def adjunct_of(verb: Token, subject: Token | None) -> bool:
    """Is the verb an active -ing clause on a passive clause whose subject, a party, is the
    `subject` ("Two envoys were flown home, leaving the talks to their deputies": the envoys
    leave them)? English gives such a clause its sentence's subject."""
    clause = verb.head
    return (
        subject is not None
        and verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and clause.i != verb.i
        and subject.head.i == clause.i
        and subject.dep_ == "nsubjpass"
        and not _has(verb, "auxpass")
        and _may_act(subject)
    )


def _few_dependents(clause: Token) -> bool:
    """Has the clause at most `MAX_DEPENDENTS` dependents (counted in the parse's arrays)?"""
    return clause.n_lefts + clause.n_rights <= MAX_DEPENDENTS


def _when_doer(verb: Token) -> Token | None:
    """The active subject of a "when" clause after the verb, when it is a party: the clause
    tells how the passive act came about ("were wounded when bandits ambushed them")."""
    for clause in _children(verb):
        if clause.dep_ != "advcl" or clause.i < verb.i:
            continue
        if not any(c.dep_ == "advmod" and c.lower_ == "when" for c in _children(clause)):
            continue
        subject = next((c for c in _children(clause) if c.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ != "PRON" and _may_act(subject):
            return subject
    return None


# Means of attack that name no one who used them ("a roadside bomb", "an explosive device"),
# besides the dictionary's weapons and the act nouns ("a bombing", "an ambush").
MEANS = frozenset(
    {"bomb", "device", "explosive", "explosion", "blast", "landmine", "mine", "grenade", "shell"}
)


def means_only(doer: Token) -> bool:
    """Is the doer only the means of an attack, naming no party: a weapon or an act, not a
    party's ("Turkish drones", "the army's shelling"), nor an agent ("a suicide bomber")? Then
    the doer goes unnamed, as ICEWS codes it: the events stage names the place instead."""
    lemma = doer.lemma_.lower()
    return (
        doer.pos_ == "NOUN"
        and (lemma in MEANS or is_weapon(doer) or lemma in act_nouns())
        and not _may_act(doer)
        and modifier_actor(doer) is None
        and nominal_parties(doer)[0] is None
    )


# Verbs of sending, launching and driving: a thing so handled by a party acts for it ("a
# convoy sent by the Red Cross reached the town", "a drone launched by the rebels hit the
# base"); other participles on a noun do not make their agent its doer ("a man arrested by
# police attacked a guard": the man did).
SENDING_VERBS = frozenset(
    {"send", "dispatch", "launch", "fire", "fly", "drive", "operate", "deploy", "charter"}
)


def sender_of(thing: Token) -> Token | None:
    """The party a thing that acts was sent by: the agent of a sending participle on the noun
    or on the object of its "of" ("a convoy of trucks, sent by the army": the army); none for a
    party itself ("troops sent by the king": the troops act)."""
    if is_party(thing):
        return None
    nodes = [thing]
    for child in _children(thing):
        if child.dep_ == "prep" and child.lower_ == "of":
            nodes += [c for c in _children(child) if c.dep_ == "pobj"]
    for node in nodes:
        for child in _children(node):
            if (
                child.dep_ == "acl"
                and child.tag_ == "VBN"
                and child.lemma_.lower() in SENDING_VERBS
            ):
                agent = agent_of(child)
                if agent is not None and _may_act(agent):
                    return agent
    return None


def speaker_of(token: Token) -> Token | None:
    """The subject of the speech verb whose reported clause contains `token`. A speech verb
    with no subject of its own speaks for the subject of the clause it hangs on ("the king was
    quoted as saying he would host talks", "the minister left, saying he would return")."""
    node, speech = token, words().speech
    while node.head.i != node.i:
        parent = node.head
        if parent.lemma_.lower() in speech and node.dep_ in ("ccomp", "parataxis", "xcomp"):
            speaker = next((c for c in _children(parent) if c.dep_ == "nsubj"), None)
            if speaker is None and not any(c.dep_ in SUBJECTS for c in _children(parent)):
                speaker = _subject_above(parent)
            return speaker
        node = parent
    return None


def _subject_above(verb: Token) -> Token | None:
    """The subject of the clause a subjectless participle hangs on: "was quoted as saying"
    (through "as"), "left, saying" (an adverbial clause)."""
    node = verb
    for _ in range(3):
        if node.dep_ not in ("pcomp", "advcl", "prep", "xcomp") or node.head.i == node.i:
            return None
        node = node.head
        found = next((c for c in _children(node) if c.dep_ in ("nsubj", "nsubjpass")), None)
        if found is not None:
            return found
    return None


def agent_of(verb: Token) -> Token | None:
    """The doer of a passive verb: the object of its "by" agent, or of a "by" the parser read
    as a plain preposition when the verb is passive and the object may act ("the plan was
    rejected outright by the army"; not "by Monday", "by road"), else of its "between" or
    "among" ("talks were held between the two ministers")."""
    children = _children(verb)  # read once per doc (`_Parse`)
    for child in children:
        if child.dep_ == "agent":
            for grandchild in _children(child):
                if grandchild.dep_ == "pobj":
                    return grandchild
            misread = _misread_agent(child)
            if misread is not None:
                return misread
    if any(c.dep_ == "auxpass" for c in children):
        # "by" first; then the sides of a passive act done together ("talks were held between
        # the two ministers", "a deal was reached among the parties"): both are its doers
        for prep in ("by", "between", "among"):
            for child in children:
                if child.dep_ == "prep" and child.lower_ == prep:
                    pobj = next((c for c in _children(child) if c.dep_ == "pobj"), None)
                    if pobj is not None and _may_act(pobj):
                        return pobj
    return None


def _misread_agent(agent: Token) -> Token | None:
    """The doer after "by" when the parser read a participle before it as a gerund taking it
    as object ("set on fire by retreating soldiers": "retreating" a verb, "soldiers" its
    object): the object right after the -ing word, when it may act."""
    for verb in _children(agent):
        if verb.dep_ != "pcomp" or verb.tag_ != "VBG":
            continue
        for noun in _children(verb):
            if noun.dep_ == "dobj" and noun.left_edge.i == verb.i + 1 and _may_act(noun):
                return noun
    return None


# Prepositions of a passive verb's place or way whose object the parser gives the verb's "by"
# ("supplies were flown into the city by the UN", "were taken to hospital by relatives").
PLACE_PREPS = ("into", "to", "onto", "across", "through", "toward", "towards")


def _agent_below(verb: Token) -> Token | None:
    """The doer of a passive verb with no agent of its own, named by a "by" the parser hung
    below it: on the act that tells how it was done, a noun after "in" or "during" or an act
    noun ("detained in a crackdown by the police": the police), not a reason ("arrested over
    a speech by the mayor"), or on an active verb of its clause, which takes no agent itself
    ("were prevented from entering the camp by militiamen", "was forced to quit by the
    board"). Only a party ("by road", "by force" are means). English also names the doer "at
    the hands of" it ("were killed at the hands of militiamen")."""
    lowers: list[Token] = []
    for child in _children(verb):
        if child.dep_ == "xcomp":
            lowers.append(child)
        elif child.dep_ == "prep" and child.lower_ != "by":
            for below in _children(child):
                if child.lower_ == "at" and below.lower_ == "hands":  # "at the hands of X"
                    owner = _prep_object(below, preps=("of",))
                    if owner is not None:  # the idiom names a doer, whatever the noun
                        return owner
                act = below.dep_ == "pobj" and (  # "in a raid by", "during the operation by"
                    child.lower_ in ("in", "during", *PLACE_PREPS)
                    or below.lemma_.lower() in act_nouns()
                )
                if act or (below.dep_ == "pcomp" and below.pos_ == "VERB"):
                    lowers.append(below)
    for lower in lowers:
        if lower.pos_ == "VERB" and _has(lower, "auxpass", "agent"):
            continue  # a passive verb below takes its own "by"
        for child in _children(lower):
            if child.dep_ == "prep" and child.lower_ == "by":
                pobj = next((c for c in _children(child) if c.dep_ == "pobj"), None)
                if pobj is not None and _may_act(pobj):
                    return pobj
    return None


def is_party(token: Token) -> bool:
    """Could this noun be a participant (a named or described actor) rather than a thing?"""
    return (
        token.pos_ == "PROPN"
        or token.ent_type_ in PARTY_LABELS
        or (token.lemma_.lower() in words().party_nouns)
    )


def _possessor(thing: Token, subject: Token | None) -> Token | None:
    """Whose thing it is ("accepted the rebels' surrender", "accepts your allegiance"), unless it
    may be the subject's own ("we declare our allegiance", "the army withdrew its troops")."""
    for child in _children(thing):
        if child.dep_ != "poss":
            continue
        if child.pos_ == "PRON":
            if subject is not None and SAME_PERSON.get(subject.lower_) == child.lower_:
                continue
            if child.lower_ in THIRD_POSSESSIVE and (subject is None or subject.pos_ != "PRON"):
                continue  # "the council accepted their apology": maybe the council's own
            return child
        if is_party(child):
            return child
    return None


def _prep_objects(*nodes: Token) -> list[tuple[str, Token]]:
    """The objects of the prepositions on the nodes (not a date or a time), each with its
    preposition: read once for all the sets of prepositions a caller tries (a node named
    twice is read once; its objects would be the same)."""
    seen: set[int] = set()
    read = []
    for node in nodes:
        if node.i not in seen:
            seen.add(node.i)
            read.append(_children(node))
    return _objects_in(read)


def _objects_in(read: Iterable[Iterable[Token]]) -> list[tuple[str, Token]]:
    """`_prep_objects` of nodes whose children are read already, each node's once."""
    found = []
    for children in read:
        for child in children:
            if child.dep_ != "prep" and not (child.dep_ == "dative" and child.lower_ == "to"):
                continue  # "sent shells to Kyiv": the parser's "to" of a thing given
            word = child.lower_
            found += [
                (word, pobj)
                for pobj in _children(child)
                if pobj.dep_ == "pobj" and pobj.ent_type_ not in ("DATE", "TIME")
            ]
    return found


def _people(noun: Token) -> bool:
    """A direct object that names people, or people of a kind the actor tables code ("dispersed
    the crowd", "deported forty migrants to their home country", "sentenced four men to death"):
    the one the act is done to, before a place or a state it is put in. Not an act noun ("an
    army patrol" names its target, if any, as an act does)."""
    if noun.pos_ != "NOUN":
        return False
    lemma = noun.lemma_.lower()
    said = words()
    if lemma in said.people_nouns or lemma in said.crowd_nouns:
        return True
    if noun.tag_ != "NNS" or lemma in act_nouns():
        return False  # people counted, not a body or a thing the tables code ("intelligence")
    coded = code_name(lemma)
    return coded is not None and bool(coded.roles)


def _nearest(linked: list[tuple[str, Token]], preps: tuple[str, ...]) -> Token | None:
    """The object of the most telling of `preps` among the objects `_prep_objects` found, the
    first in the text on a tie; not a weapon used ("dispersed the crowd with tear gas")."""
    found = [
        (preps.index(word), pobj.i, pobj)
        for word, pobj in linked
        if word in preps and not (word == "with" and is_weapon(pobj))
    ]
    return min(found, key=lambda f: f[:2])[2] if found else None


def _prep_object(*nodes: Token, preps: tuple[str, ...] = OBJECT_PREPS) -> Token | None:
    """The object of the most telling preposition (to, with, against, …) on any of the nodes."""
    return _nearest(_prep_objects(*nodes), preps)


def _done_to(noun: Token | None) -> Token | None:
    """Who a noun stands for as a recipient: an act noun names its target ("led to the arrest
    of the mayor": the mayor; "condemned the attack on the convoy": the convoy), else the
    party it names as its own ("ambushed an army patrol": the army), else nobody; any other
    noun itself."""
    if noun is None or noun.lemma_.lower() not in act_nouns():
        return noun
    target = _prep_object(noun, preps=("of", "on", "against", "at"))
    if target is not None:
        return target if target.lemma_.lower() not in act_nouns() else None
    return next(
        (
            c
            for c in _children(noun)
            if c.dep_ in ("poss", "compound") and c.pos_ != "PRON" and _party_word(c)
        ),
        None,
    )


def _party_word(token: Token) -> bool:
    """A party (`is_party`) or a word the actor tables code with a role ("army", "police")."""
    if is_party(token):
        return True
    coded = code_name(token.lemma_.lower())
    return coded is not None and bool(coded.roles)


def object_of(
    verb: Token, trigger: Token, subject: Token | None = None, *, depth: int = 0
) -> Token | None:
    """The recipient: a direct object that is a party, else the object of to/with/against …,
    else the owner of the thing the act is done to ("accepted their surrender"), else the
    direct object itself (not a thing given or a weapon used), else the object of another
    preposition (on, from, for, of)."""
    # the children of the trigger and of its verb, each read once (each is a new object)
    own = list(_children(trigger))
    named = next((c for c in own if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if named is not None:  # "names Sheikh X as governor"
        return named
    verbs = own if verb.i == trigger.i else list(_children(verb))
    direct = next(
        (
            c
            for children in (own, verbs)
            for c in children
            if c.dep_ in ("dobj", "dative") and c.i != trigger.i
        ),
        None,
    )
    if direct is not None and (is_party(direct) or _people(direct)):
        return direct
    read = [own] if verbs is own else [own, verbs]
    if direct is not None and direct.i not in (trigger.i, verb.i):
        read.append(list(_children(direct)))
    linked = _objects_in(read)
    found = _done_to(_nearest(linked, DIRECTED_PREPS))
    if found is not None:
        return found
    owner = _possessor(direct, subject) if direct is not None else None
    if owner is not None:
        return owner
    if (
        direct is not None
        and direct.lemma_.lower() not in words().thing_objects
        and not is_weapon(direct)
    ):
        found = _done_to(direct)
        if found is not None:
            return found
    found = _done_to(_nearest(linked, OBJECT_PREPS))
    if found is not None:
        return found
    if depth >= MAX_XCOMP:
        return None
    for child in _children(verb):  # "agreed to give X": the object of the intended act
        if child.dep_ == "xcomp":
            found = object_of(child, child, subject, depth=depth + 1)
            if found is not None:
                return found
    return None


MAX_XCOMP = 8  # "agreed to try to begin to give X": a chain of intentions is short in news


FIRST_PERSON = frozenset({"we", "i", "us", "me", "our"})


def _phrase_entity(token: Token, start: int, end: int, refs: References) -> Entity | None:
    """The entity a described actor names: its head, an apposition, or the one named inside."""
    for candidate in [token, *(c for c in _children(token) if c.dep_ in ("appos", "compound"))]:
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
    if len(orgs) == 1 and (token.lemma_.lower() in words().group_heads or not people):
        return orgs[0]
    return None


def _quote_speaker(article: Article, at: int) -> str | None:
    for quote in article.quotes:
        if quote.start <= at < quote.end:
            return quote.speaker_id
    return None


# spaCy's `Span`, imported at the first actor read (`_read_actor`).
_SPAN: list[type[Span]] = []


def actor_of(token: Token | None, article: Article, refs: References) -> Actor | None:
    """The participant `token` heads: its words, its entity, and its CAMEO coding (`_actors`):
    a pronoun is coded as the entity it refers to, a description by its own words."""
    if token is None:
        return None
    key = (token.doc, token.i)
    if key not in refs.actors:
        refs.actors[key] = _read_actor(token, article, refs)
    return refs.actors[key]


def _read_actor(token: Token, article: Article, refs: References) -> Actor | None:
    if not _SPAN:  # (imported once: a function's import of a package's name costs a call)
        from spacy.tokens import Span as span_type

        _SPAN.append(span_type)
    first, last = _phrase_words(token)
    doc = token.doc
    span: Span | None
    if first <= last:  # the phrase's words (made directly: a doc's slice is checked in Python)
        words = _SPAN[0](doc, first, last + 1)
        span, start, end = words, words.start_char, words.end_char
    else:  # a parse whose subtree is out of order: the words between the two words' offsets
        start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
        span = doc.char_span(start, end, alignment_mode="expand")
    entity = _phrase_entity(token, start, end, refs)
    if token.lower_ in FIRST_PERSON:
        # "'We will not surrender,' the rebel commander said": the speaker named in the
        # sentence, whose words say who "we" are, as for "he" (`speaker_of`)
        speaker = speaker_of(token)
        if speaker is not None and speaker.lower_ not in PRONOUNS | FIRST_PERSON:
            return actor_of(speaker, article, refs)
        entity = refs.entity_by_id(_quote_speaker(article, token.idx))
    elif token.lower_ in SECOND_PERSON:
        entity = None  # the addressees: not resolved
    elif token.lower_ in PRONOUNS:
        speaker = speaker_of(token)
        if speaker is not None and speaker.lower_ not in PRONOUNS:
            return actor_of(speaker, article, refs)
        entity = refs.antecedent(token)
        described = _described_before(token, entity, refs)
        if described is not None and described.sent.start == token.sent.start:
            return actor_of(described, article, refs)
        if described is not None:  # told in the sentence before: its coding, our words
            return _standing_for(token, actor_of(described, article, refs))
        named = _named_before(token, entity, refs)
        if named is not None:
            return actor_of(named, article, refs)
    text, entity_id = article.text[start:end], entity.id if entity else None
    coded = (
        code_actor(
            span,
            entity=entity,
            places=article.places,
            published=article.published.date() if article.published else None,
        )
        if span is not None
        else None
    )
    if coded is None:
        return Actor(text=text, start=start, end=end, entity_id=entity_id)
    return Actor(  # built once with its coding, not built and then copied
        text=text,
        start=start,
        end=end,
        entity_id=entity_id,
        code=coded.code,
        country=coded.country,
        roles=list(coded.roles),
        group=coded.group,
    )


# Pronouns whose antecedent may be a description rather than a name, and the number it takes:
# "they" and "them" stand for a plural party ("Rebel leaders met in the hills. They rejected
# the offer"), "it" for a singular one, which English never calls a person ("The ministry
# denied the report. It said …"). "He" and "she" are left to named persons: a description
# does not say whether it is one ("the ministry … he" speaks of someone else).
DESCRIBED_BY = {"they": True, "them": True, "it": False}  # pronoun -> plural antecedent
DESCRIPTION_WINDOW = 80  # tokens searched back from the pronoun, within two sentences


def _described_before(pronoun: Token, entity: Entity | None, refs: References) -> Token | None:
    """The nearest subject before the pronoun, else the nearest object, in its sentence or
    the one before, that is a described party agreeing with it in number (`DESCRIBED_BY`),
    when no mention of the named antecedent (`entity`) lies nearer: "Rebel leaders gathered in
    the hills. They rejected the offer": Rebel leaders; "The envoy met the rebels. They …":
    the rebels. A subject first, as a pronoun most often goes on with what the clause before
    was about ("The army attacked the militia. It said …": the army)."""
    plural = DESCRIBED_BY.get(pronoun.lower_)
    if plural is None:
        return None
    doc, sent = pronoun.doc, pronoun.sent
    first = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    window = doc[max(first, pronoun.i - DESCRIPTION_WINDOW) : pronoun.i]
    for deps in (("nsubj", "nsubjpass"), ("dobj",)):
        for token in reversed(window):
            if token.dep_ not in deps or token.pos_ != "NOUN":
                continue
            if _plural(token) != plural or not _may_act(token):
                continue
            if entity is not None and refs.mentions_within(entity, token.idx, pronoun.idx):
                return None  # the name is nearer
            return token
    return None


def _plural(noun: Token) -> bool:
    """Is the noun phrase plural: a plural noun, or nouns joined ("the army and the police")?"""
    return noun.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in _children(noun))


def _standing_for(pronoun: Token, antecedent: Actor | None) -> Actor | None:
    """The pronoun as a participant, coded as the description it stands for (told in an
    earlier sentence, outside the event's evidence, so the words stay the pronoun's)."""
    if antecedent is None:
        return None
    start = pronoun.idx
    return antecedent.model_copy(
        update={"text": pronoun.text, "start": start, "end": start + len(pronoun.text)}
    )


def _named_before(pronoun: Token, entity: Entity | None, refs: References) -> Token | None:
    """The head of the antecedent's mention earlier in the pronoun's own sentence ("Omar Haddad
    said on Monday that he would resign": Omar Haddad), so that the actor's words name it; None
    when it was named in an earlier sentence, which lies outside the event's evidence. The
    mentions come from the article's index (`References.mentions_within`), not a walk over all
    of the entity's mentions for each pronoun."""
    if entity is None:
        return None
    for start, end in refs.mentions_within(entity, pronoun.sent.start_char, pronoun.idx):
        if end <= pronoun.idx:
            span = pronoun.doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span) and span.root.lower_ not in PRONOUNS:
                return span.root
    return None


def within(actor: Actor | None, start: int, end: int) -> Actor | None:
    """The participant if its words lie in the event's evidence span, else None."""
    if actor is None or actor.start is None or actor.end is None:
        return actor
    return actor if start <= actor.start and actor.end <= end else None


def headline_actor(head: Token) -> Token | None:
    """In a headline with no verb the parser hangs the act beside its doer ("Rebels ‘seize’
    town": seize is an apposition of Rebels), the doer being a party or a plural noun."""
    doer = head.head
    if head.dep_ != "appos" or doer.i > head.i:
        return None
    if is_party(doer) or (doer.dep_ == "ROOT" and doer.tag_ in ("NNS", "NNPS")):
        return doer
    return None
