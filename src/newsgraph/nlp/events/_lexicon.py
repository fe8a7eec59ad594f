"""The event lexicon (``data/events/lexicon.tsv``, extended by the user's data folders: see
`newsgraph.rules`) and its matching against a parsed sentence."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.rules import Row, RuleFile, data_dirs, read_table, table_rows

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


COLUMNS = ("TYPE", "MODE", "PATTERN", "EXAMPLE")
_RESOURCE = "events/lexicon.tsv"


def _pattern(row: Row) -> Pattern:
    kind = TYPE_ALIASES.get(row["TYPE"], row["TYPE"])
    if kind not in PLOVER_TYPES:
        raise row.error(f"unknown type {kind!r}")
    words = row["PATTERN"].lower().split()
    if not words:
        raise row.error("empty pattern")
    head, _, pos = words[0].partition("/")
    return Pattern(
        type=kind,
        mode=None if row["MODE"] == "-" else row["MODE"],
        lemmas=(head, *words[1:]),
        head_pos=pos or None,
        example=row["EXAMPLE"],
    )


def patterns_of(rows: Iterable[Row]) -> tuple[Pattern, ...]:
    return tuple(_pattern(row) for row in rows)


def parse_lexicon(text: str, name: str = "events lexicon") -> tuple[Pattern, ...]:
    """The patterns of a lexicon file's text (bad rows raise `RuleFileError` with the line)."""
    return patterns_of(table_rows(RuleFile(name=name, text=text), COLUMNS, strip=True))


def lexicon() -> dict[str, tuple[Pattern, ...]]:
    """Patterns indexed by their head lemma, longest first (cached per set of data folders)."""
    return _lexicon(data_dirs())


@lru_cache(maxsize=4)
def _lexicon(dirs: tuple[Path, ...]) -> dict[str, tuple[Pattern, ...]]:
    by_head: dict[str, list[Pattern]] = defaultdict(list)
    for pattern in patterns_of(read_table(_RESOURCE, COLUMNS, strip=True, dirs=dirs)):
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
