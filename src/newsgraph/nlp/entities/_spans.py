"""The span record and the helpers every recognition step shares.

A `Span` is a typed character range of the text; `Taken` answers "is this range inside a span
already?"; `is_free` and `sentence_start` read the words around a range. The steps themselves
live in `_caps` (ALL-CAPS lines), `_repair` (span shapes), `_names` (lexicons and name shapes),
`_scorelines` (results lines), `_document` (one type per name) and, in order, `_recognize`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


RawEnt = tuple[int, int, str]  # (start, end, spaCy label)
Rerun = Callable[[str], list[RawEnt]]

# Lower-case words that may sit inside a name ("Abu Bakr al-Baghdadi", "Ludwig van Beethoven").
PARTICLES = word_set(
    "al el ben bin ibn bint abu abd de da di del della der den van von la le du dos das y"
)
CALENDAR = word_set(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday"
)
SMALL = word_set("a an and as at by for from in of on or the to vs via with")
TRAILING_POSS = re.compile(r"(?:['’]s|['’])$")
# The look-behind follows the first capital in this and the other whole-text scans of the
# entity steps: a pattern that opens with a letter class lets the regex engine skip straight to
# the next capital, where one opening with a look-behind tries every position (the same matches,
# about twice as fast on prose).
CAP_WORD = re.compile(r"[A-Z](?<![\w'’.-][A-Z])[a-z]+(?![\w'’-])")
EDGE_PUNCT = "\"'“”‘’«»()[]{},;:!?*"
SPACE_OR_HYPHEN = re.compile(r"[\s-]+")
LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    type: str
    source: str = "spacy"


# A capitalised word right after or right before a range (compiled once: `is_free` runs for
# every candidate name of every article).
_CAP_AFTER = re.compile(r"[ \t]+([A-Z]\w*)")
_CAP_BEFORE = re.compile(r"([A-Z]\w*)[ \t]+$")


def is_free(text: str, start: int, end: int) -> bool:
    """True when the words at start:end are not glued to other capitalised words."""
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-'’"):
        return False
    if end < len(text) and (text[end].isalnum() or text[end] in "-"):
        return False
    right = _CAP_AFTER.match(text, end, end + 40)
    if right and right.group(1).lower() not in SMALL:
        return False
    left = _CAP_BEFORE.search(text, max(0, start - 40), start)
    return not (left and not sentence_start(text, start - len(left.group())))


def sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 100) : pos].rstrip(" \t")
    if not before:
        return pos <= 100
    return before[-1] in "\n.!?:;\"“”'‘’-"


_BARE_EDGE = EDGE_PUNCT + "."
# The last characters of a name that `TRAILING_POSS` may cut ("'s", "'", and either before a
# final line break, where `$` also matches): any other name skips the regex.
_POSS_ENDS = ("s", "'", "’", "\n")


def bare(name: str) -> str:
    name = name.rstrip(_BARE_EDGE)
    return TRAILING_POSS.sub("", name) if name.endswith(_POSS_ENDS) else name


class Taken:
    """Which characters are inside a span already."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self.ranges = sorted((sp.start, sp.end) for sp in spans)

    def free(self, start: int, end: int) -> bool:
        return not self.overlapping(start, end)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        i = bisect.bisect_left(self.ranges, (end, end))
        near = self.ranges[max(0, i - 8) : i + 1]
        return [(a, b) for a, b in near if a < end and start < b]

    def add(self, start: int, end: int) -> None:
        bisect.insort(self.ranges, (start, end))


def put_over(
    spans: list[Span],
    found: Iterable[tuple[int, int]],
    source: str,
    *,
    alone: Callable[[int, int], bool] | None = None,
) -> list[Span]:
    """`found` (start, end) pairs as organisations (from `source`) that replace the spans
    inside them; a pair that crosses a span's edge is left out, and so is one over no span
    that `alone` (when given) refuses."""
    taken = Taken(spans)
    swallowed: set[tuple[int, int]] = set()
    added = []
    for start, end in found:
        inside = taken.overlapping(start, end)
        if any(not (start <= a and b <= end) for a, b in inside):
            continue
        if not inside and alone is not None and not alone(start, end):
            continue
        swallowed.update(inside)
        added.append(Span(start, end, "organization", source))
    kept = [sp for sp in spans if (sp.start, sp.end) not in swallowed]
    return sorted([*kept, *added], key=lambda sp: sp.start)
