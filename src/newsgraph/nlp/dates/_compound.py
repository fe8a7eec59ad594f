"""Durations told in two units: "four years and six months", "three hours, 12 minutes".

TimeML annotates such a span as one expression with one value (`P4Y6M`, `PT3H12M`): the second
count is the remainder of the first, so neither is a duration of its own. Two durations join
when only "and", a comma or a space stands between them, each is an exact count, the second
unit is smaller than the first ("two weeks and three weeks" is no compound), and the second is
a bare count and unit ("three hours, 40 minutes later" is no compound); a third joins the two
the same way ("2 years, 6 months and 15 days": `P2Y6M15D`). ISO 8601 writes weeks alone, so
weeks joined to another unit are told in days ("two weeks and three days": `P17D`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from newsgraph.nlp.dates import _lexicon as L
from newsgraph.nlp.dates._context import E

_BETWEEN = re.compile(r"(?i),?\s+and\s+|,?\s+")
# The second of a compound: a count and its unit, nothing before or after them.
_BARE = re.compile(rf"(?i:{L.NUMBER})[\s-]+(?i:{L.UNIT})")
_PARTS = re.compile(r"(\d+)([YMWDHS])")
_VALUE = re.compile(r"P(?:\d+[YMWD])*(?:T(?:\d+[HMS])+)?")
# Units from the largest down; a unit after "T" is a clock unit (`M` the minute).
_ORDER = ("Y", "M", "W", "D", "TH", "TM", "TS")


def _units(value: str) -> list[tuple[int, str]] | None:
    """The counts and units of a duration value (`P2Y6M` -> 2 Y, 6 M), or None."""
    if not _VALUE.fullmatch(value) or value == "P":
        return None
    date_part, _, time_part = value[1:].partition("T")
    units = [(int(n), u) for n, u in _PARTS.findall(date_part)]
    return units + [(int(n), f"T{u}") for n, u in _PARTS.findall(time_part)]


def _value(units: list[tuple[int, str]]) -> str:
    """A duration value of counts and units, weeks told in days once another unit joins them
    (ISO 8601 writes weeks alone: "two weeks and three days" is `P17D`)."""
    if len(units) > 1 and any(u == "W" for _, u in units):
        days = sum(n * 7 if u == "W" else n for n, u in units if u in ("W", "D"))
        units = [(n, u) for n, u in units if u not in ("W", "D")] + [(days, "D")]
        units.sort(key=lambda nu: _ORDER.index(nu[1]))
    date_part = "".join(f"{n}{u}" for n, u in units if not u.startswith("T"))
    time_part = "".join(f"{n}{u[1:]}" for n, u in units if u.startswith("T"))
    return f"P{date_part}{'T' + time_part if time_part else ''}"


def join_compounds(text: str, found: Sequence[E]) -> list[E]:
    """`found` (in text order) with each two-unit duration made one expression."""
    out: list[E] = []
    for expr in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.type == expr.type == "DURATION"
            and _BETWEEN.fullmatch(text[prev.end : expr.start])
            and _BARE.fullmatch(expr.text)
        ):
            big, small = _units(prev.value), _units(expr.value)
            if (
                big
                and small
                and len(small) == 1
                and _ORDER.index(big[-1][1]) < _ORDER.index(small[0][1])
            ):
                out[-1] = replace(  # type: ignore[type-var]
                    prev, end=expr.end, text=text[prev.start : expr.end], value=_value(big + small)
                )
                continue
        out.append(expr)
    return out
