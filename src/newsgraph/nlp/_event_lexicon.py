"""The event lexicon (``data/events/lexicon.tsv``) and its matching against a parsed sentence."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Types written with their PLOVER gold-standard names; the names map onto them.
TYPE_ALIASES = {"REQUEST": "DEMAND", "ACCUSE": "DISAPPROVE"}
PLOVER_TYPES = frozenset(
    {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "DEMAND",
        "DISAPPROVE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
        "FIGHT",
        "INVESTIGATE",
    }
)

_GAP = 3  # words a pattern may skip between two of its lemmas when not linked by the parse
_REACH = 12  # how far after the previous lemma the next may be found at all


@dataclass(frozen=True, slots=True)
class Pattern:
    type: str
    mode: str | None
    lemmas: tuple[str, ...]
    head_pos: str | None  # "v", "n" or None
    example: str


@dataclass(frozen=True, slots=True)
class Match:
    pattern: Pattern
    tokens: tuple[Token, ...]

    @property
    def start(self) -> int:
        return self.tokens[0].idx

    @property
    def end(self) -> int:
        last = self.tokens[-1]
        return last.idx + len(last.text)


def parse_lexicon(text: str) -> tuple[Pattern, ...]:
    patterns = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 4:
            raise ValueError(f"events lexicon line {number}: expected 4 tab-separated columns")
        kind, mode, pattern, example = (c.strip() for c in cols)
        kind = TYPE_ALIASES.get(kind, kind)
        if kind not in PLOVER_TYPES:
            raise ValueError(f"events lexicon line {number}: unknown type {kind!r}")
        words = pattern.lower().split()
        head, _, pos = words[0].partition("/")
        patterns.append(
            Pattern(
                type=kind,
                mode=None if mode == "-" else mode,
                lemmas=(head, *words[1:]),
                head_pos=pos or None,
                example=example,
            )
        )
    return tuple(patterns)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[Pattern, ...]]:
    """Patterns indexed by their head lemma, longest first."""
    raw = resources.files("newsgraph.data").joinpath("events/lexicon.tsv").read_text("utf-8")
    by_head: dict[str, list[Pattern]] = defaultdict(list)
    for pattern in parse_lexicon(raw):
        by_head[pattern.lemmas[0]].append(pattern)
    return {h: tuple(sorted(ps, key=lambda p: -len(p.lemmas))) for h, ps in by_head.items()}


def _lemma(token: Token) -> str:
    return token.lemma_.lower() if token.lemma_ else token.lower_


def _pos_ok(token: Token, pos: str | None) -> bool:
    if pos == "v":
        return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")
    if pos == "n":
        return token.pos_ in ("NOUN", "PROPN")
    return token.pos_ in ("VERB", "NOUN", "ADJ", "PROPN", "AUX")


def _follow(sentence: Span, head: Token, lemmas: tuple[str, ...]) -> tuple[Token, ...] | None:
    """Find the pattern's further lemmas after `head`: close by, or linked to it in the parse."""
    found = [head]
    position = head.i
    subtree = {t.i for t in head.subtree}
    for lemma in lemmas[1:]:
        hit = None
        for token in sentence.doc[position + 1 : min(sentence.end, position + 1 + _REACH)]:
            between = sentence.doc[position + 1 : token.i]
            if lemma in (_lemma(token), token.lower_) and (
                token.i - position <= _GAP + 1
                or token.i in subtree
                or head.i in {a.i for a in token.ancestors}
                or all(t.pos_ in ("PROPN", "PUNCT", "ADP", "DET") for t in between)
            ):
                hit = token
                break
        if hit is None:
            return None
        found.append(hit)
        position = hit.i
    return tuple(found)


def find_matches(sentence: Span) -> list[Match]:
    """Every lexicon pattern found in the sentence (the longest per head token)."""
    table = lexicon()
    matches = []
    for token in sentence:
        patterns = table.get(_lemma(token)) or table.get(token.lower_)
        if not patterns:
            continue
        for pattern in patterns:
            if not _pos_ok(token, pattern.head_pos):
                continue
            tokens = _follow(sentence, token, pattern.lemmas)
            if tokens is not None:
                matches.append(Match(pattern, tokens))
                break
    return matches
