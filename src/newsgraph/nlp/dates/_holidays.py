"""The holidays of the time-expression grammar: fixed ones (Christmas, New Year's Day,
Independence Day, Halloween) and movable ones (Easter, by the Gregorian computus; US
Thanksgiving, the fourth Thursday of November), each resolved like a year-less date, or the one
before ("last Christmas") or after ("next Easter") the reference date."""

from __future__ import annotations

import re
from datetime import date

from newsgraph.nlp.dates._calendar import easter_sunday, iso_week
from newsgraph.nlp.dates._context import Context, Result, looks_ahead

_FIXED_HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "new year's day": (1, 1),
                   "christmas eve": (12, 24), "new year's eve": (12, 31),
                   "independence day": (7, 4), "halloween": (10, 31)}  # fmt: skip


def handle_holiday(m: re.Match[str], ctx: Context) -> Result:
    """A holiday: the nearest one by the rule of year-less dates, or the one before ("last
    Christmas") or after ("next Easter") the reference date."""
    name = re.sub(r"\s+", " ", m["hol"].lower())
    rel = (m["rel"] or "").lower()
    if rel and ctx.anchor.ref is not None:
        return _holiday_around(name, ctx.anchor.ref, after=rel == "next")
    if name in _FIXED_HOLIDAYS:
        month, day = _FIXED_HOLIDAYS[name]
        return "DATE", ctx.anchor.month_day(month, day, future=looks_ahead(ctx, m)), "day"
    sunday = ctx.anchor.easter(future=looks_ahead(ctx, m)) if name.startswith("easter") else None
    if sunday is not None:
        if name.endswith("week"):  # the week that ends on Easter Sunday
            return "DATE", iso_week(sunday), "week"
        return "DATE", sunday.isoformat(), "day"
    if name.startswith("easter") and name.endswith("week"):
        return "DATE", "XXXX-WXX", "week"
    if name.startswith("thanksgiving") and ctx.anchor.ref is not None:
        year = ctx.anchor.ref.year
        if _thanksgiving(year) > ctx.anchor.ref and not looks_ahead(ctx, m):
            year -= 1
        return "DATE", _thanksgiving(year).isoformat(), "day"
    return "DATE", "XXXX-XX-XX", "day"


def _holiday_around(name: str, ref: date, *, after: bool) -> Result:
    """The holiday's last occurrence before `ref` ("last Christmas") or its first after it
    ("next Easter")."""
    days = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := _holiday_on(name, y))]
    chosen = min(d for d in days if d > ref) if after else max(d for d in days if d < ref)
    if name.endswith("week"):
        return "DATE", iso_week(chosen), "week"
    return "DATE", chosen.isoformat(), "day"


def _holiday_on(name: str, year: int) -> date | None:
    if name in _FIXED_HOLIDAYS:
        return date(year, *_FIXED_HOLIDAYS[name])
    if name.startswith("easter"):
        return easter_sunday(year)
    if name.startswith("thanksgiving"):
        return _thanksgiving(year)
    return None


def _thanksgiving(year: int) -> date:
    first = date(year, 11, 1)
    return date(year, 11, 1 + (3 - first.weekday()) % 7 + 21)
