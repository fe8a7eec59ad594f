"""The holidays of the time-expression grammar: fixed ones (Christmas, New Year's Day, the
Fourth of July, Veterans Day) and movable ones (Easter, by the Gregorian computus; the US
holidays fixed by weekday, such as Labor Day, the first Monday of September), each resolved like
a year-less date, or the one before ("last Christmas") or after ("next Easter") the reference
date.

The table holds the days that news names without a date because every reader knows them: the
US federal holidays (5 U.S.C. 6103) and Election Day (2 U.S.C. 7), the retail days around
Thanksgiving, Easter and the days counted from it, and a few observances that wire copy dates
by name (Valentine's Day, St. Patrick's Day, Mother's Day, Boxing Day). Election Day is the US
date only in a story with a US cue (`us_context`); elsewhere it stays `XXXX-XX-XX`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from newsgraph.nlp.dates._calendar import easter_sunday, iso_week
from newsgraph.nlp.dates._context import Context, Result, happened, in_past, looks_ahead

_APOS = r"['\u2019]?"
# The names as news writes them (capitalised: "labor day" in lower case is rarely the holiday).
HOLIDAY = (
    r"Christmas(?:\s+Eve|\s+Day)?|New\s+Year['\u2019]s(?:\s+Day|\s+Eve)|Thanksgiving(?:\s+Day)?"
    r"|Independence\s+Day|(?:the\s+)?Fourth\s+of\s+July|Halloween|Easter(?:\s+Sunday|\s+Monday"
    r"|\s+[Ww]eek)?|Good\s+Friday|Black\s+Friday|Cyber\s+Monday|Labor\s+Day|Memorial\s+Day"
    rf"|Veterans{_APOS}\s+Day|Columbus\s+Day|Election\s+Day|Presidents{_APOS}\s+Day|Juneteenth"
    rf"|Valentine{_APOS}s\s+Day|(?:St\.?|Saint)\s+Patrick{_APOS}s\s+Day|Mother{_APOS}s\s+Day"
    rf"|Father{_APOS}s\s+Day|Boxing\s+Day|(?:Martin\s+Luther\s+King(?:\s+Jr\.?)?|MLK)\s+Day"
)
# A word every holiday name holds: the rule is tried only near one.
HOLIDAY_WORD = r"Christmas|Year|Thanksgiving|July|Halloween|Easter|Friday|Monday|Day|Juneteenth"

# Fixed days, by month and day. Example: "Crews worked through Christmas Eve."
_FIXED_HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "new years day": (1, 1),
                   "christmas eve": (12, 24), "new years eve": (12, 31),
                   "independence day": (7, 4), "fourth of july": (7, 4), "halloween": (10, 31),
                   "veterans day": (11, 11), "juneteenth": (6, 19), "valentines day": (2, 14),
                   "st patricks day": (3, 17), "saint patricks day": (3, 17),
                   "boxing day": (12, 26)}  # fmt: skip


def _nth(year: int, month: int, weekday: int, n: int) -> date:
    """The `n`th `weekday` (Monday 0) of a month; `n` = -1 for the last one."""
    if n < 0:
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _thanksgiving(year: int) -> date:
    return _nth(year, 11, 3, 4)  # the fourth Thursday of November


# Days set by weekday or counted from another day. Example: "Pools close after Labor Day."
_MOVABLE: dict[str, Callable[[int], date]] = {
    "thanksgiving": _thanksgiving,
    "thanksgiving day": _thanksgiving,
    "black friday": lambda y: _thanksgiving(y) + timedelta(days=1),
    "cyber monday": lambda y: _thanksgiving(y) + timedelta(days=4),
    "easter": easter_sunday,
    "easter sunday": easter_sunday,
    "easter monday": lambda y: easter_sunday(y) + timedelta(days=1),
    "good friday": lambda y: easter_sunday(y) - timedelta(days=2),
    "martin luther king day": lambda y: _nth(y, 1, 0, 3),
    "martin luther king jr day": lambda y: _nth(y, 1, 0, 3),
    "mlk day": lambda y: _nth(y, 1, 0, 3),
    "presidents day": lambda y: _nth(y, 2, 0, 3),
    "mothers day": lambda y: _nth(y, 5, 6, 2),
    "memorial day": lambda y: _nth(y, 5, 0, -1),
    "fathers day": lambda y: _nth(y, 6, 6, 3),
    "labor day": lambda y: _nth(y, 9, 0, 1),
    "columbus day": lambda y: _nth(y, 10, 0, 2),
    # The Tuesday after the first Monday of November.
    "election day": lambda y: _nth(y, 11, 0, 1) + timedelta(days=1),
}


def _key(name: str) -> str:
    """The table's key of a name as written: "New Year’s  Eve" -> "new years eve"."""
    key = re.sub(r"[^a-z ]", "", re.sub(r"\s+", " ", name.lower()))
    return key.removeprefix("the ").strip()


def handle_holiday(m: re.Match[str], ctx: Context) -> Result:
    """A holiday, or the weekend next to it ("Memorial Day weekend": the Saturday and Sunday
    before that Monday; "Fourth of July weekend" in a year it is a Friday, the two days
    after)."""
    result = _holiday_day(m, ctx)
    if result is None or not m["wkend"]:
        return result
    try:
        day = date.fromisoformat(result[1])
    except ValueError:
        return "DATE", "XXXX-WXX-WE", "weekend"
    # The Saturday nearest the holiday: back to it from a Monday or a Tuesday, on from the
    # other days (a Sunday's is the day before).
    wd = day.isoweekday()
    saturday = day + timedelta(days=-(wd + 1) if wd <= 2 else 6 - wd)
    return "DATE", f"{iso_week(saturday)}-WE", "weekend"


def _holiday_day(m: re.Match[str], ctx: Context) -> Result:
    """A holiday: the nearest one by the rule of year-less dates, or the one before ("last
    Christmas") or after ("next Easter") the reference date."""
    name = _key(m["hol"])
    rel = (m["rel"] or "").lower()
    if rel and ctx.anchor.ref is not None:
        return _holiday_around(name, ctx.anchor.ref, after=rel == "next")
    future = looks_ahead(ctx, m)
    past = not future and in_past(ctx, m)
    event = past and happened(ctx, m)
    if name in _FIXED_HOLIDAYS:  # by the tense, as a year-less date is
        month, day = _FIXED_HOLIDAYS[name]
        value = ctx.anchor.month_day(month, day, future=future, in_past=past, happened=event)
        return "DATE", value, "day"
    if name == "easter week":  # the week that ends on Easter Sunday
        sunday = ctx.anchor.easter(future=future)
        return "DATE", "XXXX-WXX" if sunday is None else iso_week(sunday), "week"
    day_in = _MOVABLE.get(name)
    if name == "election day" and not us_context(ctx.text):
        return "DATE", "XXXX-XX-XX", "day"  # another country's, or one the text does not place
    when = (
        None
        if day_in is None
        else ctx.anchor.yearly(day_in, future=future, in_past=past, happened=event)
    )
    if when is None:
        return "DATE", "XXXX-XX-XX", "day"
    return "DATE", when.isoformat(), "day"


# Election Day is a date fixed by US law (2 U.S.C. 7); other countries vote on days set for each
# election, so the name gives the US date only in a US story: one naming a US state, the United
# States, or what belongs to US elections alone (Congress, the Electoral College, the midterms,
# the two parties, mail and absentee ballots, early voting, precincts, county clerks, swing
# states, primaries and caucuses, a secretary of state, a gubernatorial race). Example: "Ohio
# counties mailed absentee ballots weeks before Election Day." Without one the day is left
# unresolved (`XXXX-XX-XX`), not guessed: "In Ghana, markets were quiet on Election Day."
_US_STATES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia"
    "|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland"
    "|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada"
    "|New\\s+Hampshire|New\\s+Jersey|New\\s+Mexico|New\\s+York|North\\s+Carolina|North\\s+Dakota"
    "|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode\\s+Island|South\\s+Carolina|South\\s+Dakota"
    "|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West\\s+Virginia|Wisconsin|Wyoming"
)
_US_CUE = re.compile(
    rf"\b(?:{_US_STATES}|U\.S\.|United\s+States|Americans?|Congress|congressional"
    r"|Electoral\s+College|[Mm]idterms?|GOP|Democrats?|Republicans?"
    r"|(?i:(?:mail|mail-in|absentee)\s+ballots?|early\s+voting|precincts?|gubernatorial"
    r"|(?:swing|battleground)\s+states?|county\s+(?:clerks?|election)|primar(?:y\s+election|ies)"
    r"|secretary\s+of\s+state|caucuses))(?![\w])"
)


def us_context(text: str) -> bool:
    """Whether the text is a US story by the cues of `_US_CUE`."""
    return _US_CUE.search(text) is not None


def _holiday_around(name: str, ref: date, *, after: bool) -> Result:
    """The holiday's last occurrence before `ref` ("last Christmas") or its first after it
    ("next Easter")."""
    days = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := _holiday_on(name, y))]
    if not days:
        return "DATE", "XXXX-XX-XX", "day"
    chosen = min(d for d in days if d > ref) if after else max(d for d in days if d < ref)
    if name.endswith("week"):
        return "DATE", iso_week(chosen), "week"
    return "DATE", chosen.isoformat(), "day"


def _holiday_on(name: str, year: int) -> date | None:
    if name in _FIXED_HOLIDAYS:
        return date(year, *_FIXED_HOLIDAYS[name])
    if name == "easter week":
        return easter_sunday(year)
    day_in = _MOVABLE.get(name)
    return None if day_in is None else day_in(year)
