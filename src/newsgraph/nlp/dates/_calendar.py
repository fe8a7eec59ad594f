"""Calendar arithmetic for TIMEX3 values, anchored to a reference date or left as X patterns.

`Anchor` wraps the reference date (the article's publication date, or `None` when unknown).
Every method returns a TIMEX3 value string: a calendar value when the anchor is known, or the
same shape with `X` placeholders when it is not (never a guess).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def add_months(d: date, months: int) -> tuple[int, int]:
    """Year and month `months` after the month of `d`."""
    index = d.year * 12 + (d.month - 1) + months
    return index // 12, index % 12 + 1


def iso_week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def easter_sunday(year: int) -> date:
    """Western Easter Sunday of `year` (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    w = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * w) // 451
    month, day = divmod(h + w - 7 * m + 114, 31)
    return date(year, month, day + 1)


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


T = TypeVar("T")

# In a past-tense sentence a year-less date or month ahead of the anchor still counts as the
# coming one when it is at most this far ahead ("the company said the vote is Nov. 21").
_SOON_DAYS = 62
_SOON_MONTHS = 1


def _pick(
    past: T | None,
    ahead: T | None,
    distance: Callable[[T], int],
    *,
    future: bool,
    in_past: bool = False,
    soon: int = 0,
) -> T:
    """The past candidate, unless there is none, the tense is future, or the one ahead is
    less than half as far away, and, in a past-tense sentence (`in_past`), more than `soon`
    away (a date a few weeks ahead is often announced in the past tense)."""
    if past is not None and in_past and not future and ahead is not None and distance(ahead) > soon:
        return past
    if past is None or (ahead is not None and (future or 2 * distance(ahead) <= distance(past))):
        if ahead is None:
            raise ValueError("no candidate")
        return ahead
    return past


@dataclass(frozen=True, slots=True)
class Anchor:
    """The reference date relative expressions are resolved against."""

    ref: date | None

    @property
    def known(self) -> bool:
        return self.ref is not None

    # -- days ---------------------------------------------------------------------------------
    def day(self, offset: int = 0) -> str:
        if self.ref is None:
            return "XXXX-XX-XX"
        return (self.ref + timedelta(days=offset)).isoformat()

    def weekday(self, weekday: int, direction: int, *, shift_weeks: int = 0) -> str:
        """The weekday (1 = Monday) nearest the anchor: on or before it (direction -1) or on or
        after it (direction +1); `shift_weeks` moves to the week before/after ("last Friday")."""
        if self.ref is None:
            return f"XXXX-WXX-{weekday}"
        current = self.ref.isoweekday()
        if shift_weeks:
            monday = self.ref - timedelta(days=current - 1) + timedelta(weeks=shift_weeks)
            return (monday + timedelta(days=weekday - 1)).isoformat()
        delta = -((current - weekday) % 7) if direction < 0 else (weekday - current) % 7
        return (self.ref + timedelta(days=delta)).isoformat()

    def month_day(
        self,
        month: int,
        day_of_month: int,
        *,
        future: bool,
        in_past: bool = False,
        happened: bool = False,
    ) -> str:
        """A day given without its year: the latest such day on or before the anchor, unless
        the next one after it is much nearer (and the sentence is not in the past tense) or
        the sentence is in the future tense. `happened`: a verb in the past governs the day
        itself (the event's day), so a day a few weeks ahead is not taken as announced."""
        if self.ref is None:
            return f"XXXX-{month:02d}-{day_of_month:02d}"
        ref = self.ref
        candidates = []
        for year in (ref.year - 1, ref.year, ref.year + 1):
            try:
                candidates.append(date(year, month, day_of_month))
            except ValueError:
                continue
        if not candidates:
            return f"{ref.year}-{month:02d}-{day_of_month:02d}"
        past = [c for c in candidates if c <= ref]
        ahead = [c for c in candidates if c > ref]
        chosen = _pick(
            max(past) if past else None,
            min(ahead) if ahead else None,
            lambda c: abs((c - ref).days),
            future=future,
            in_past=in_past,
            soon=0 if happened else _SOON_DAYS,
        )
        return chosen.isoformat()

    def easter(self, *, future: bool) -> date | None:
        """Easter Sunday nearest the anchor, by the rule of `month_day` (None: no anchor)."""
        return self.yearly(easter_sunday, future=future)

    def yearly(
        self,
        day_in: Callable[[int], date],
        *,
        future: bool,
        in_past: bool = False,
        happened: bool = False,
    ) -> date | None:
        """A day that falls once a year (`day_in(year)`: Easter, Labor Day), told without its
        year: the occurrence chosen by the rule of `month_day` (None: no anchor)."""
        if self.ref is None:
            return None
        ref = self.ref
        this = day_in(ref.year)
        past = this if this <= ref else day_in(ref.year - 1)
        ahead = this if this > ref else day_in(ref.year + 1)
        return _pick(
            past,
            ahead,
            lambda c: abs((c - ref).days),
            future=future,
            in_past=in_past,
            soon=0 if happened else _SOON_DAYS,
        )

    # -- weeks, months, quarters, seasons, years -----------------------------------------------
    def week(self, offset: int = 0) -> str:
        if self.ref is None:
            return "XXXX-WXX"
        return iso_week(self.ref + timedelta(weeks=offset))

    def weekend(self, offset: int = 0) -> str:
        if self.ref is None:
            return "XXXX-WXX-WE"
        return iso_week(self.ref + timedelta(weeks=offset)) + "-WE"

    def month(self, offset: int = 0) -> str:
        if self.ref is None:
            return "XXXX-XX"
        year, month = add_months(self.ref, offset)
        return f"{year}-{month:02d}"

    def named_month(
        self,
        month: int,
        *,
        future: bool,
        shift: int = 0,
        in_past: bool = False,
        happened: bool = False,
    ) -> str:
        """A month named without its year: the latest such month on or before the anchor's
        month unless the next one is much nearer or the tense is future; `shift` -1/+1 for
        "last"/"next" (the one before/after the anchor's month)."""
        if self.ref is None:
            return f"XXXX-{month:02d}"
        ref_index = self.ref.year * 12 + self.ref.month - 1
        past_year = self.ref.year if month <= self.ref.month else self.ref.year - 1
        ahead_year = self.ref.year if month > self.ref.month else self.ref.year + 1
        if shift < 0:  # "last February" in March is a year back ("last month" would do)
            year = self.ref.year if month < self.ref.month - 1 else self.ref.year - 1
        elif shift > 0:
            year = ahead_year
        elif future and month == self.ref.month:
            year = self.ref.year  # "figures for July are due" in July: this July, under way
        else:
            year = _pick(
                past_year,
                ahead_year,
                lambda y: abs(y * 12 + month - 1 - ref_index),
                future=future,
                in_past=in_past,
                soon=0 if happened else _SOON_MONTHS,
            )
        return f"{year}-{month:02d}"

    def quarter(self, offset: int = 0) -> str:
        if self.ref is None:
            return "XXXX-QX"
        year, q = self.ref.year, quarter_of(self.ref) + offset
        year += (q - 1) // 4
        q = (q - 1) % 4 + 1
        return f"{year}-Q{q}"

    def year(self, offset: int = 0) -> str:
        if self.ref is None:
            return "XXXX"
        return f"{self.ref.year + offset}"

    def year_of(self, value: str, offset: int) -> str:
        """`value` (a year-led TIMEX3 value) moved by `offset` years."""
        if len(value) >= 4 and value[:4].isdigit():
            return f"{int(value[:4]) + offset}{value[4:]}"
        return value

    def season(self, season: str, shift: int = 0, *, future: bool = False) -> str:
        if self.ref is None:
            return f"XXXX-{season}"
        year = self.ref.year
        start_month = _SEASON_START[season]
        if shift < 0:  # "last fall", "last spring": the previous year's
            year -= 1
        elif shift > 0:
            year = year + 1 if start_month <= self.ref.month else year
        elif future and start_month + 2 < self.ref.month:
            year += 1
        return f"{year}-{season}"

    def decade(self, offset: int = 0) -> str:
        if self.ref is None:
            return "XXX"
        return f"{self.ref.year // 10 + offset}"

    def shifted(self, unit: str, amount: int) -> str:
        """The anchor moved by `amount` units, at that unit's granularity ("two years ago")."""
        if self.ref is None:
            return {"day": "XXXX-XX-XX", "week": "XXXX-XX-XX", "month": "XXXX-XX"}.get(unit, "XXXX")
        if unit == "day":
            return self.day(amount)
        if unit == "week":
            return self.day(amount * 7)
        if unit == "month":
            return self.month(amount)
        if unit == "quarter":
            return self.quarter(amount)
        if unit == "decade":
            return self.year(amount * 10)
        return self.year(amount)
