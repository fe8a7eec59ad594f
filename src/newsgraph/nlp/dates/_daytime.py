"""Handlers of the rules for times of day: clock times ("10:35 a.m.", "4 in the morning",
"half past six", "eleven o'clock"), noon and midnight, and parts of the day ("in the morning",
"late in the afternoon", "at dawn").

A time of day without its day takes the latest day the text mentioned ("On March 3 ... at 4 in
the morning"), else the reference date; a night told in the past with no day named is the night
before it ("the storm weakened overnight", "crews worked during the night"), as "last night" is.
Parts of the day are TimeML's codes: MO, AF, EV, NI.
"""

from __future__ import annotations

import re

from newsgraph.nlp.dates._context import Context, Result, in_past
from newsgraph.nlp.dates._handlers import part_code

HOUR_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip
HOUR = rf"(?:[012]?\d|{'|'.join(HOUR_WORDS)})"


def _day(ctx: Context) -> str:
    return ctx.last_clock_day or ctx.anchor.day()


def _clock(hour: int, minute: int) -> str:
    return f"{hour:02d}:{minute:02d}"


def handle_clock(m: re.Match[str], ctx: Context) -> Result:
    hour = int(m["h"])
    minute = int(m["min"] or 0)
    ap = (m["ap"] or "").lower()
    if hour > 24 or minute > 59 or (ap and hour > 12):
        return None
    if ap.startswith("p") and hour < 12:
        hour += 12
    elif ap.startswith("a") and hour == 12:
        hour = 0
    return "TIME", f"{_day(ctx)}T{_clock(hour, minute)}", "time"


def handle_range_start(m: re.Match[str], ctx: Context) -> Result:
    """The start of a range of clock times, told without its half of the day: the end's
    ("between 2 and 4 p.m.": 2 p.m.; "from 12 to 2 p.m.": noon), unless that would put the
    start after the end: then the morning before an end past noon ("from 11 to 1 p.m.", "from
    11 to 12 p.m.": 11 a.m.), or the evening before an end in the small hours ("from 11 to 2
    a.m.": 11 p.m., the night that starts on the day told of)."""
    hour, end, minute = int(m["h"]), int(m["eh"]), int(m["min"] or 0)  # the rule keeps 1-12
    if m["ap"].lower().startswith("p"):
        if hour % 12 > end % 12:  # 12 p.m. is noon, before 1 p.m.
            return "TIME", f"{_day(ctx)}T{_clock(hour, minute)}", "time"  # 11 a.m.
    elif end != 12 and hour % 12 > end:  # "12 a.m." as an end is read as written (midnight)
        return "TIME", f"{_day(ctx)}T{_clock(hour % 12 + 12, minute)}", "time"  # 11 p.m.
    return handle_clock(m, ctx)


def handle_noon(m: re.Match[str], ctx: Context) -> Result:
    if re.search(r"(?i)\bhigh\W*$", ctx.text[max(0, m.start() - 8) : m.start()]):
        return None  # "high noon": the idiom (or the film), not a time
    word = m["w"].lower()
    clock = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[word]
    if word == "midnight" and ctx.last_clock_day is None and in_past(ctx, m):
        # "the plant closed shortly after midnight", no day named: the midnight that began the
        # day of publication (the end of the day before), not the one still to come
        return "TIME", f"{ctx.anchor.day(-1)}T{clock}", "time"
    return "TIME", f"{_day(ctx)}T{clock}", "time"


def handle_part_alone(m: re.Match[str], ctx: Context) -> Result:
    """ "overnight", "mid-afternoon": a part of the day of publication, except that a night
    told in the past is the one before it ("the storm weakened overnight" in the morning's
    paper), as "last night" is."""
    code = part_code(m["part"])
    back = code == "NI" and in_past(ctx, m)
    return "TIME", f"{ctx.anchor.day(-1 if back else 0)}T{code}", "time"


_DAY_OF_PART = {"this": 0, "tonight": 0, "last": -1, "yesterday": -1, "tomorrow": 1}


def handle_clock_words(m: re.Match[str], ctx: Context) -> Result:
    """A clock time told in words or with its part of the day: "4 in the morning", "eleven
    o'clock at night", "half past six", "a quarter to nine", "3:30 this afternoon". A bare
    number needs one of these to be a time ("at 7" is left alone)."""
    if not (m["frac"] or m["oclock"] or m["dp"]):
        return None
    raw = m["h"].lower()
    hour = HOUR_WORDS[raw] if raw in HOUR_WORDS else int(raw)
    minute = int(m["min"] or 0)
    if m["min"] and not m["dp"]:
        return None  # "3:30" alone is a score or a ratio as often as a time
    if not 0 <= hour <= 24 or minute > 59:
        return None
    if m["frac"]:
        frac, rel = m["frac"].lower(), m["rel"].lower()
        if hour > 12 or (frac == "half" and rel == "to"):
            return None  # "half to ten" is no time; a clock told in words counts to twelve
        minute = 30 if frac == "half" else 15
        if rel == "to":
            hour, minute = (hour - 1) % 24, 60 - minute
    dp = re.sub(r"\s+", " ", (m["dp"] or "").lower())
    if dp and hour < 12 and ("afternoon" in dp or "evening" in dp or ("night" in dp and hour > 4)):
        hour += 12
    elif dp and hour == 12 and "morning" in dp:
        hour = 0
    first = dp.split(" ", 1)[0]
    day = ctx.anchor.day(_DAY_OF_PART[first]) if first in _DAY_OF_PART else _day(ctx)
    return "TIME", f"{day}T{_clock(hour, minute)}", "time"


# Prepositions before "the morning", "dawn": the part of a day the narrative is in ("police
# arrived in the morning"), not a noun of another sense ("the morning papers", "the dawn of").
_PART_LEAD = re.compile(
    r"(?i)\b(?:in|during|by|until|till|through|throughout|into|at|before|after|from|since"
    r"|toward|towards|around)\s+$"
)


def handle_day_part(m: re.Match[str], ctx: Context) -> Result:
    """ "in the morning", "during the night", "by the late afternoon", "at dawn", "before
    dusk": a part of the narrative's day, when a preposition governs it and no "of" follows
    ("the morning of March 3" is left to the date)."""
    if not _PART_LEAD.search(ctx.text[max(0, m.start() - 12) : m.start()]):
        return None
    if re.match(r"\s+of\b", ctx.text[m.end() : m.end() + 4]):
        return None
    code = part_code(m["part"] or _DAWN_DUSK[m["dawn"].lower()])
    return "TIME", f"{_night_day(ctx, m, code)}T{code}", "time"


def _night_day(ctx: Context, m: re.Match[str], code: str) -> str:
    """The day of a part of the day: the narrative's day; without one, the day of publication,
    or the day before for a night told in the past ("crews worked through the night")."""
    if ctx.last_clock_day is None and code == "NI" and in_past(ctx, m):
        return ctx.anchor.day(-1)
    return _day(ctx)


# Sunrise and sunset have no TIMEX3 code of their own: the morning and the evening.
_DAWN_DUSK = {"dawn": "morning", "daybreak": "morning", "sunrise": "morning",
              "dusk": "evening", "sunset": "evening", "nightfall": "evening"}  # fmt: skip
DAWN_DUSK = "|".join(_DAWN_DUSK)


def handle_in_the_unit(m: re.Match[str], ctx: Context) -> Result:
    """ "earlier in the day", "late in the afternoon": a part of the narrative's day (the
    latest day the text mentioned, else the reference date); "later in the week", "early in
    the year": a part of the reference date's week, month or year, the present of the
    writer ("Sales slowed earlier in the year")."""
    unit = m["unit"].lower()
    if unit in ("morning", "afternoon", "evening", "night"):
        return "TIME", f"{_day(ctx)}T{part_code(unit)}", "time"
    anchor = ctx.anchor
    if unit == "day":
        return "DATE", _day(ctx), "day"
    if unit == "week":
        return "DATE", anchor.week(0), "week"
    if unit == "month":
        return "DATE", anchor.month(0), "month"
    return "DATE", anchor.year(0), "year"
