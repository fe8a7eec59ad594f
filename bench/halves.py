"""The tuning half and the check half of every evaluation set, by a fixed hash of each item's id.

Rules are written only from tuning-half misses; the CI gates and the figures the docs report are
the check half's, with the tuning half beside them. A gap of more than `FITTING_GAP` between the
halves is called out in the docs as a sign that rules were fitted to the tuning half.

The split is a pure function of the id (the first byte of its SHA-256), so it never moves when a
set grows or is read in another order, and needs no file of its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from typing import Literal, TypeVar

Half = Literal["tuning", "check"]
HALVES: tuple[Half, Half] = ("tuning", "check")
FITTING_GAP = 0.03

T = TypeVar("T")


def half_of(item_id: str) -> Half:
    """`"tuning"` or `"check"` for an item, always the same for the same id."""
    first = hashlib.sha256(item_id.encode("utf-8")).digest()[0]
    return "check" if first & 1 else "tuning"


def split(items: Iterable[T], key: Callable[[T], str]) -> dict[Half, list[T]]:
    """The items of each half, in their order."""
    out: dict[Half, list[T]] = {"tuning": [], "check": []}
    for item in items:
        out[half_of(key(item))].append(item)
    return out


def indices(ids: Sequence[str]) -> dict[Half, list[int]]:
    """Positions of the items of each half, for scores kept in parallel lists."""
    out: dict[Half, list[int]] = {"tuning": [], "check": []}
    for i, item_id in enumerate(ids):
        out[half_of(item_id)].append(i)
    return out


def gap_note(name: str, tuning: float, check: float) -> str | None:
    """A sentence for the docs when the halves differ by more than `FITTING_GAP`."""
    gap = tuning - check
    if abs(gap) <= FITTING_GAP:
        return None
    side = "tuning" if gap > 0 else "check"
    return (
        f"{name}: the {side} half scores {abs(gap):.3f} higher than the other "
        f"(tuning {tuning:.3f}, check {check:.3f}); a gap over {FITTING_GAP} is a sign of "
        "fitting (or of a small half)."
    )
