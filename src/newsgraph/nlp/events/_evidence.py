"""An event's evidence span and the facts read inside it: attribution, date, amount, contexts,
place.

Everything an event carries comes from its own evidence: the sentence it was found in, cut at
paragraph breaks and trimmed of surrounding whitespace (a parser sometimes runs a headline into
the paragraph below it). A date, an amount or a context found elsewhere in the article belongs to
some other event.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from newsgraph.model import Actor, Amount, Article, DateExpr, Place
from newsgraph.nlp.events._cameo import rows_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_OPENING = frozenset("“«„")
_CLOSING = frozenset("”»")
_MARKS = re.compile('[“«„”»‘’"]')  # every character `inside_quotation_marks` counts


def clause_span(text: str, start: int, end: int, at: int) -> tuple[int, int]:
    """The part of `text[start:end]` (a sentence) that holds offset `at`: cut at paragraph
    breaks and trimmed of whitespace.

    >>> clause_span("Rebels seized the town\\n\\nIt rained.", 0, 34, 7)
    (0, 22)
    """
    for brk in _PARAGRAPH_BREAK.finditer(text, start, end):
        if brk.end() <= at:
            start = brk.end()
        elif brk.start() >= at:
            end = brk.start()
            break
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def inside_quotation_marks(text: str, start: int, at: int) -> bool:
    """Whether offset `at` is inside quotation marks opened after `start` (a quotation or scare
    quotes: "Rebels ‘seized’ the town" attributes the word to someone else).

    A ’ followed by a letter is an apostrophe ("Russia’s"), and a ‘ after a letter is not an
    opening mark.

    The marks are counted from `start`; the count reached is kept, so that the next event of
    the same sentence (the same text and `start`, a later `at`) goes on from there instead of
    counting again: a long run-on sentence with many events is read once, not once per event.
    """
    global _quotes
    last = _quotes
    if last is not None and last[0] is text and last[1] == start and last[2] <= at:
        begin, curly, straight = last[2], last[3], last[4]
    else:
        begin, curly, straight = start, 0, False
    first = _MARKS.search(text, begin, at)  # (most sentences hold no mark: nothing to count)
    for i in range(first.start() if first else at, at):
        char = text[i]
        if char in _OPENING or (char == "‘" and not (i > 0 and text[i - 1].isalnum())):
            curly += 1
        elif char in _CLOSING or (
            char == "’" and not (i + 1 < len(text) and text[i + 1].isalpha())
        ):
            curly = max(0, curly - 1)
        elif char == '"':
            straight = not straight
    _quotes = (text, start, at, curly, straight)
    return curly > 0 or straight


# The last count of `inside_quotation_marks`: the text, where the count began, where it
# stopped, and the open curly marks and straight mark there.
_quotes: tuple[str, int, int, int, bool] | None = None


def date_in(article: Article, start: int, end: int) -> DateExpr | None:
    """The first date expression inside the span."""
    return next((d for d in article.dates if start <= d.start < end), None)


def amount_of(article: Article, head: tuple[int, int], start: int, end: int) -> Amount | None:
    """The amount inside the span that counts the noun at `head` ("up to 2,000 fighters" for
    "fighters", "thousands of Russians" for "thousands"), the largest if several do."""
    best = None
    for amount in article.amounts:
        if not start <= amount.start < end:
            continue
        counts = amount.start < head[1] and head[0] < amount.end
        if amount.object_start is not None and amount.object_end is not None:
            counts = counts or (amount.object_start < head[1] and head[0] < amount.object_end)
        if counts and (best is None or (amount.value or 0) > (best.value or 0)):
            best = amount
    return best


def contexts_in(article: Article, start: int, end: int, labels: Mapping[str, str]) -> list[str]:
    """Context labels of the article's themes that have evidence inside the span."""
    contexts: list[str] = []
    for theme in article.themes:
        label = labels.get(theme.name)
        if label is None or label in contexts:
            continue
        if any(start <= m.start and m.end <= end for m in theme.evidence):
            contexts.append(label)
    return contexts


# Kinds of place from the most to the least precise: the focus place an event falls back on is
# the most precise of the article's focus places (a city before its country).
_PRECISE = ("city", "admin2", "feature", "admin1", "region", "country", "continent", "unknown")
_CLIMB = frozenset({"compound", "pobj", "amod", "nmod", "poss", "appos", "conj"})


def _inside(actor: Actor | None, at: int) -> bool:
    return (
        actor is not None
        and actor.start is not None
        and actor.end is not None
        and actor.start <= at < actor.end
    )


# One mention of a place: its offset, the place's rank in `article.places`, the mention's rank
# among the place's mentions, and the place.
_Named = tuple[int, int, int, Place]


def _ranked_mentions(places: list[Place]) -> list[_Named]:
    """The mentions of the places (those given no `reason` to drop), in the order of the places
    and of each place's mentions."""
    global _ranked
    last = _ranked
    if last is not None and last[0] is places and last[1] == len(places):
        return last[2]
    found: list[_Named] = []
    for rank, place in enumerate(places):
        if place.reason:
            continue
        starts = [m.start for m in place.mentions] or [place.start]  # (its own words if none)
        found.extend((at, rank, k, place) for k, at in enumerate(starts))
    _ranked = (places, len(places), found)
    return found


# The last article's place mentions (its place list, the list's length, and what
# `_ranked_mentions` made of it): every event of an article reads the same places.
_ranked: tuple[list[Place], int, list[_Named]] | None = None


def _mentions_by_offset(ranked: list[_Named]) -> tuple[list[int], list[_Named]]:
    """The mentions (`_ranked_mentions`) sorted by offset, and their offsets: the mentions
    inside one clause are then found by bisection (kept for the article's next event)."""
    global _by_offset
    last = _by_offset
    if last is not None and last[0] is ranked:
        return last[1], last[2]
    found = sorted(ranked, key=lambda n: n[:3])
    offsets = [n[0] for n in found]
    _by_offset = (ranked, offsets, found)
    return offsets, found


# The mentions `_mentions_by_offset` sorted last, and what it made of them.
_by_offset: tuple[list[_Named], list[int], list[_Named]] | None = None


@dataclass(frozen=True, slots=True)
class _Subtrees:
    """A parse's subtrees as intervals, read once a doc: a word is in the subtree of `v` when
    its `entry` (its rank in a walk that visits each word before the words under it) lies
    between `entry[v]` and `last[v]`; `low` and `high` are the first and last word of each
    subtree, and `token_at` each word's position by its offset."""

    entry: list[int]
    last: list[int]
    low: list[int]
    high: list[int]
    token_at: dict[int, int]


def _subtrees_of(doc: Doc) -> _Subtrees:
    """The doc's `_Subtrees`, kept for the doc's next event: each event's clause is then found
    in constant time, where walking each clause's subtree makes a chain of a thousand
    coordinated clauses quadratic."""
    global _subtrees
    kept = _subtrees
    if kept is not None and kept[0] is doc and kept[1] == len(doc):
        return kept[2]
    size = len(doc)
    # read as arrays, not token by token: each token spaCy hands out is a new object
    table = doc.to_array(["HEAD", "IDX"]).astype("int64").reshape(size, 2)
    heads: list[int] = (table[:, 0] + np.arange(size)).tolist()
    children: list[list[int]] = [[] for _ in range(size)]
    stack: list[int] = []
    for at, head in enumerate(heads):
        (stack if head == at else children[head]).append(at)
    entry = [-1] * size
    order: list[int] = []
    pop, push, visit = stack.pop, stack.extend, order.append  # (bound once: a call a word)
    while stack:
        node = pop()
        if entry[node] >= 0:
            continue
        entry[node] = len(order)
        visit(node)
        push(children[node])
    count, low, high = [1] * size, list(range(size)), list(range(size))
    for node in reversed(order):  # every word after the words under it
        head = heads[node]
        if head != node:
            count[head] += count[node]
            if low[node] < low[head]:  # (compared here: `min` and `max` cost a call each)
                low[head] = low[node]
            if high[node] > high[head]:
                high[head] = high[node]
    last = [e + c - 1 if e >= 0 else -2 for e, c in zip(entry, count, strict=True)]
    found = _Subtrees(
        entry, last, low, high, dict(zip(table[:, 1].tolist(), range(size), strict=True))
    )
    _subtrees = (doc, size, found)
    return found


# The last doc's `_Subtrees` (the doc and its length).
_subtrees: tuple[Doc, int, _Subtrees] | None = None


def _heads_of(doc: Doc) -> tuple[list[int], dict[int, int]]:
    """The doc's heads (each word's head by position) and each word's position by its offset,
    read as arrays once a doc (kept for the doc's next event)."""
    global _heads
    kept = _heads
    if kept is not None and kept[0] is doc and kept[1] == len(doc):
        return kept[2], kept[3]
    rows = rows_of(doc)  # (the rows the sentence's verbs were read from: no second reading)
    heads = rows.heads
    token_at = {offset: at for at, offset in enumerate(rows.offsets)}
    _heads = (doc, len(doc), heads, token_at)
    return heads, token_at


# The last doc's heads and words by offset (the doc and its length).
_heads: tuple[Doc, int, list[int], dict[int, int]] | None = None


def _under(heads: list[int], at: int, v: int) -> bool:
    """Whether word `at` lies in the subtree of word `v`: `v` is on its way up to a root (a
    word that is its own head). A way that reaches no root (a malformed parse with a cycle)
    lies in no subtree, as `_subtrees_of` reads it."""
    above = False
    for _ in range(len(heads)):
        if at == v:
            above = True
        head = heads[at]
        if head == at:
            return above
        at = head
    return False


# Up to this many steps (mentions in the article times words in the doc), each place mention
# is tested by climbing from its word (`_under`); above it, the doc's subtrees are read once
# (`_subtrees_of`) and kept for its other events. Short texts (a sentence, a brief) name few
# places: the climbs cost less than reading the whole doc.
_CLIMBS = 1024


def _clause_mentions(doc: Doc, v: int, ranked: list[_Named]) -> list[tuple[int, int, Place]]:
    """The place mentions that begin a word in the subtree of word `v` (its clause), each with
    its offset and that word, in the order of the article's places (`ranked`)."""
    if len(ranked) * len(doc) <= _CLIMBS:
        heads, token_at = _heads_of(doc)
        found = []
        for at, _, _, place in ranked:
            i = token_at.get(at)
            if i is not None and _under(heads, i, v):
                found.append((at, i, place))
        return found
    offsets, by_offset = _mentions_by_offset(ranked)
    spans = _subtrees_of(doc)
    entry, last = spans.entry[v], spans.last[v]
    first, final = doc[spans.low[v]].idx, doc[spans.high[v]].idx
    inside = by_offset[bisect_left(offsets, first) : bisect_right(offsets, final)]
    inside.sort(key=lambda n: (n[1], n[2]))
    found = []
    for at, _, _, place in inside:
        i = spans.token_at.get(at)
        if i is not None and entry <= spans.entry[i] <= last:
            found.append((at, i, place))
    return found


def place_of(
    article: Article,
    verb: Token,
    preps: frozenset[str],
    actor: Actor | None,
    recipient: Actor | None,
) -> Place | None:
    """Where the event happened, as GDELT's ActionGeo: a place tied to the trigger's clause by
    "in/at/near/…" ("clashes in the capital"); else a place named in the clause that is not the
    actor's ("shelled Kharkiv"; "Russian troops" do not place it in Russia), the recipient's
    last; else the article's focus place, the most precise one. Each keeps its precision.

    A long article has thousands of place mentions and hundreds of events: the clause is found
    from its first and last word (`_subtrees_of`), and only the mentions within its offsets are
    read, in the order of the article's places (the first place tied by a preposition wins). A
    short text naming few places climbs from each mention's word instead (`_clause_mentions`)."""
    ranked = _ranked_mentions(article.places)
    if not ranked:
        return _focus_place(article)  # (the article names no place: no clause to read)
    doc = verb.doc
    named: list[tuple[int, int, Place]] = []
    for at, i, place in _clause_mentions(doc, verb.i, ranked):
        if _inside(actor, at):
            continue
        node = doc[i]
        if node.pos_ == "ADJ":
            continue  # "British diplomats": a demonym names no place of the act
        while node.dep_ in _CLIMB and node.head.i != node.i:
            node = node.head
            if node.dep_ == "prep" and node.lower_ in preps and not _inside(recipient, at):
                return place
        named.append((_inside(recipient, at), at, place))
    if named:
        return min(named, key=lambda n: n[:2])[2]
    return _focus_place(article)


def _focus_place(article: Article) -> Place | None:
    """The most precise of the article's focus places (the first of them on a tie), kept for
    the article's next event."""
    global _focus
    places = article.places
    kept = _focus
    if kept is not None and kept[0] is places and kept[1] == len(places):
        return kept[2]
    focus = [p for p in places if p.focus and not p.reason]
    found = min(focus, key=lambda p: (_PRECISE.index(p.kind), p.start)) if focus else None
    _focus = (places, len(places), found)
    return found


# The last article's focus place (its place list and the list's length).
_focus: tuple[list[Place], int, Place | None] | None = None
