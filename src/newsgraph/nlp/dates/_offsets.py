"""Days told from a named day: "the day before last Friday", "two days after March 3", and
the bare second day of "April 24 and 25".

The count and its direction stand right before the named day; the expression is the counted
day, and its span starts at the count ("the" stays outside, as TimeBank annotates it). A bare
day after "and", "or", "to", "through" or a dash is the same month's, an expression of its
own.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_DAY_OFFSET = re.compile(
    r"(?i)(?<![\w-])(?P<n>the|a|one|two|three|four|five|six|seven|\d{1,2})\s+(?P<unit>days?)\s+"
    r"(?P<dir>before|after)\s+$"
)
_DAY_OFFSET_COUNT = {"the": 1, "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                     "six": 6, "seven": 7}  # fmt: skip


def day_offset(text: str, start: int, value: str) -> tuple[int, str]:
    """ "the day before last Friday", "two days after March 3": the day counted from the
    named one; the span starts at the count ("the" stays outside, as in TimeBank)."""
    m = _DAY_OFFSET.search(text, max(0, start - 30), start)
    if m is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return start, value
    raw = m["n"].lower()
    n = int(raw) if raw.isdigit() else _DAY_OFFSET_COUNT[raw]
    sign = -1 if m["dir"].lower() == "before" else 1
    moved = (date.fromisoformat(value) + timedelta(days=sign * n)).isoformat()
    return (m.start("unit") if raw == "the" else m.start()), moved


# "March 12-14": the dash joins the days themselves, so any word may follow.
_DASHED_DAY = re.compile(r"[-\u2013](?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\w-]|[.:/,]\d)")
_SECOND_DAY = re.compile(r"\s+(?:and|or|to|through)\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?=[.,;)]|$)")


def second_day(text: str, end: int, value: str) -> tuple[int, int, str] | None:
    """The span and value of the bare day after "April 24 and 25" or "April 24-25" (a day's
    `value` ending at `end`): the same month's later day."""
    m = _SECOND_DAY.match(text, end) or _DASHED_DAY.match(text, end)
    if m is None or not re.fullmatch(r"[\dX]{4}-\d\d-\d\d", value):
        return None
    day = int(m["d"])
    if not int(value[8:]) < day <= 31:
        return None
    return m.start("d"), m.end("d"), f"{value[:8]}{day:02d}"
