"""Word lists and regex pieces of the time-expression grammar (`newsgraph.nlp.timex`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7,
}  # fmt: skip
NUMBER_WORDS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "half": 0.5, "dozen": 12, "couple": 2,
}  # fmt: skip
VAGUE_NUMBERS = ("few", "several", "many", "some", "numerous")
ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21,
}  # fmt: skip
UNIT_CODES: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "fortnight": "W",
    "weekend": "WE", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE",
    "century": "CE", "centurie": "CE", "millennium": "ML", "millennia": "ML",
}  # fmt: skip
TIME_UNITS = frozenset({"second", "minute", "hour"})
SEASON_CODES = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip
SET_WORDS = {
    "hourly": ("PT1H", "hour"), "daily": ("P1D", "day"), "nightly": ("P1D", "day"),
    "weekly": ("P1W", "week"), "monthly": ("P1M", "month"),
    "annually": ("P1Y", "year"), "yearly": ("P1Y", "year"),
}  # fmt: skip
REFS = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at present": "PRESENT_REF",
    "presently": "PRESENT_REF", "at the moment": "PRESENT_REF", "right now": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "the past": "PAST_REF",
    "previously": "PAST_REF", "formerly": "PAST_REF", "lately": "PAST_REF",
    "in the past": "PAST_REF", "the future": "FUTURE_REF", "soon": "FUTURE_REF",
    "the near future": "FUTURE_REF", "shortly": "FUTURE_REF",
}  # fmt: skip


def _alt(words: Iterable[object]) -> str:
    return "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))


# Month names are matched case-sensitively (capitalised) so that "march" and "may" as verbs
# stay out; everything else is case-insensitive through inline (?i:...) groups.
MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
MONTH = (
    rf"(?:{MONTH_FULL}|{MONTH_ABBR}"
    r"|JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
)
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
NUM_WORD = _alt(k for k in NUMBER_WORDS if k not in {"a", "an", "half", "couple", "dozen"})
NUMBER = (
    rf"(?:\d+(?:[.,]\d+)?(?:\s+1/2)?|(?:{NUM_WORD})(?:(?:-|\s+|\s+and\s+)(?:{NUM_WORD}))*"
    r"|a\s+few|a\s+couple\s+of|a\s+dozen|few|several|many|some|numerous|an?|half\s+an?)"
)
UNIT = (
    r"(?P<unit>second|minute|hour|day|week|fortnight|month|quarter|year|decade|century"
    r"|centurie|millennium|millennia)s?"
)
ORDINAL = _alt(ORDINALS)
DUR_MOD = (
    r"(?:about|around|roughly|approximately|nearly|almost|more\s+than|less\s+than|fewer\s+than"
    r"|over|under|at\s+least|at\s+most|some|just|only|up\s+to|well\s+over|barely|a\s+full"
    r"|the\s+full|at\s+most|close\s+to)"
)
DATE_MOD = (
    r"(?:early|late|mid|earlier|later|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
    r"|the\s+middle\s+of|the\s+rest\s+of|the\s+remainder\s+of|the\s+close\s+of"
    r"|end\s+of|beginning\s+of|start\s+of|middle\s+of|until\s+the\s+end\s+of)"
)
PART = r"(?:morning|afternoon|evening|night|mid[\s-]?afternoon|overnight)"
