"""Ranges: two time expressions joined by "to", "through", "until", "and" or a dash.

TimeML annotates each end of a range as its own expression ("from [March] to [June 2016]"),
each with its full value; what one end leaves unsaid the other says. Two rules follow:

- a month or a day without its year takes the year of the end that has one: "from March to
  June 2016" is 2016-03; "December to February 2016" starts in December 2015;
- a weekday at the end of a range is the first such day after its start: in "from Friday until
  Sunday" told on a Wednesday, Sunday is the Sunday after that Friday, whatever the tense says.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from newsgraph.nlp.dates._context import E

_JOIN = re.compile(r"(?i)\s*(?:,\s*(?:and|or)?|-|\u2013|to|through|thru|until|till|and|or)\s*")
_LIST_JOIN = re.compile(r"(?i)\s*(?:,\s*(?:and|or)?|and|or)\s*")
_RANGE_JOIN = re.compile(r"(?i)\s*(?:-|\u2013|to|through|thru|until|till)\s*")
_YEAR_IN_TEXT = re.compile(r"(?<!\d)(?:1[6-9]|20)\d\d(?!\d)")
_MONTH_OR_DAY = re.compile(r"(\d{4})-(\d\d)(-\d\d)?")
_WEEKDAY = re.compile(r"(?i)(?:mon|tues|wednes|thurs|fri|satur|sun)day")


def link_ranges(
    text: str, found: Sequence[E], resolved: Callable[[str], bool], ref: date | None = None
) -> list[E]:
    """`found` (in text order) with the ends of each range completed from each other, and
    the second of two listed weekdays on the side of `ref` the first is on."""
    out = list(found)
    dated = [bool(_YEAR_IN_TEXT.search(t.text)) for t in out]  # the year said, or taken
    for i in range(len(out) - 2, -1, -1):  # right to left: "March, April and May 2016"
        a, b = out[i], out[i + 1]
        if dated[i + 1] and not dated[i] and _JOIN.fullmatch(text[a.end : b.start]):
            out[i] = _year_from(a, b, resolved)
            dated[i] = out[i] is not a
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if _RANGE_JOIN.fullmatch(text[a.end : b.start]):
            out[i + 1] = _after_start(a, _weekday_after(a, b), dated[i + 1])
            out[i] = _clock_on_day(out[i], out[i + 1])
        elif ref is not None and _LIST_JOIN.fullmatch(text[a.end : b.start]):
            out[i + 1] = _same_side(a, b, ref)
    return out


def _same_side(a: E, b: E, ref: date) -> E:
    """`b`, the second of two bare weekdays listed together ("schools are closed Monday and
    Tuesday"), on the side of `ref` that `a` is on: the tense that placed the first places the
    second; ahead, it is the first such day after `a`, behind, the one a week before."""
    days = _weekday_days(a, b)
    if days is None:
        return b
    first, second = days
    if first > ref >= second:
        return _weekday_after(a, b)
    if second > ref >= first:
        return replace(b, value=(second - timedelta(days=7)).isoformat())  # type: ignore[type-var]
    return b


def _after_start(a: E, b: E, b_dated: bool) -> E:
    """`b`, a month or day without its year that the tense put before the start `a`, moved a
    year on: "hourly from May to September", told in April, ends in the September after May."""
    mine, theirs = _MONTH_OR_DAY.fullmatch(b.value), _MONTH_OR_DAY.fullmatch(a.value)
    if b_dated or mine is None or theirs is None or len(a.value) != len(b.value):
        return b
    if b.value >= a.value:
        return b
    return replace(b, value=f"{int(mine[1]) + 1:04d}{b.value[4:]}")  # type: ignore[type-var]


_CLOCK = re.compile(r"(\d{4}-\d\d-\d\d)T(\d\d:\d\d)")


def _clock_on_day(a: E, b: E) -> E:
    """`a`, a bare clock time, on the day of the range's end: "from 11 a.m. to 2 p.m. on
    Thanksgiving Day" is all on Thanksgiving."""
    mine, theirs = _CLOCK.fullmatch(a.value), _CLOCK.fullmatch(b.value)
    if mine is None or theirs is None or _WEEKDAY.search(a.text) or mine[1] == theirs[1]:
        return a
    if not re.fullmatch(r"(?i)[\d:.\s]+[ap]\.?m\.?(?:\s+[A-Z]{1,3}T)?", a.text):
        return a
    return replace(a, value=f"{theirs[1]}T{mine[2]}")  # type: ignore[type-var]


def _year_from(a: E, b: E, resolved: Callable[[str], bool]) -> E:
    """`a`, a month or a day whose text gives no year, in the year of `b` (`a` itself when
    either is something else)."""
    mine, theirs = _MONTH_OR_DAY.fullmatch(a.value), _MONTH_OR_DAY.fullmatch(b.value)
    if mine is None or theirs is None or not resolved(b.value):
        return a
    if re.search(r"(?i)\byear\b", a.text):
        return a  # "March this year": its year is said
    year = int(theirs[1]) - (1 if int(mine[2]) > int(theirs[2]) else 0)
    return replace(a, value=f"{year:04d}{a.value[4:]}")  # type: ignore[type-var]


def _weekday_after(a: E, b: E) -> E:
    """`b`, a bare weekday, moved to the first such day after the day `a`."""
    days = _weekday_days(a, b)
    if days is None:
        return b
    start, end = days
    ahead = (end.isoweekday() - start.isoweekday()) % 7 or 7
    return replace(b, value=(start + timedelta(days=ahead)).isoformat())  # type: ignore[type-var]


def _weekday_days(a: E, b: E) -> tuple[date, date] | None:
    """The days of `a` and `b` when both are bare weekdays resolved to a day, else None."""
    if not (_WEEKDAY.fullmatch(a.text) and _WEEKDAY.fullmatch(b.text)):
        return None
    try:
        return date.fromisoformat(a.value), date.fromisoformat(b.value)
    except ValueError:
        return None
