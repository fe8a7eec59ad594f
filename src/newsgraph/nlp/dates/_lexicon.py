"""Word lists and regex pieces of the time-expression grammar (`newsgraph.nlp.dates.timex`).

The word lists are data: `data/dates/words.toml` (see `newsgraph.rules`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from newsgraph.rules import RuleFileError, read_toml, strings

_WORDS: dict[str, Any] = read_toml("dates/words.toml")  # read once, at import
_FILE = "data/dates/words.toml"


def _table(name: str) -> dict[str, Any]:
    value = _WORDS.get(name)
    if not isinstance(value, dict):
        raise RuleFileError(f"[{name}] is missing or not a table", file=_FILE)
    return value


MONTHS: dict[str, int] = _table("months")
WEEKDAYS: dict[str, int] = _table("weekdays")
NUMBER_WORDS: dict[str, float] = _table("number_words")
VAGUE_NUMBERS = tuple(strings(_WORDS.get("vague_numbers"), "vague_numbers", _FILE))
ORDINALS: dict[str, int] = _table("ordinals")
UNIT_CODES: dict[str, str] = _table("unit_codes")
TIME_UNITS = frozenset(strings(_WORDS.get("time_units"), "time_units", _FILE))
VEHICLE_MAKES = frozenset(strings(_WORDS.get("vehicle_makes"), "vehicle_makes", _FILE))
SEASON_CODES: dict[str, str] = _table("season_codes")
DECADE_WORDS: dict[str, int] = _table("decade_words")
SET_WORDS: dict[str, tuple[str, str]] = {k: tuple(v) for k, v in _table("set_words").items()}
REFS: dict[str, str] = _table("refs")


def _alt(words: Iterable[object]) -> str:
    return "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))


# Month names are matched case-sensitively (capitalised) so that "march" and "may" as verbs
# stay out; everything else is case-insensitive through inline (?i:...) groups.
MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_ABBRS = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_CAPITALS = "JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
MONTH_ABBR = rf"(?:{_ABBRS})\.?"
MONTH = rf"(?:{MONTH_FULL}|{MONTH_ABBR}|{_CAPITALS})"
# The same names as one flat list of words ("Jan\.?" for "(?:Jan|...)\.?"), which finds the
# same spans as `MONTH` and lets `re` skip ahead to their first letters: a faster search.
MONTH_WORDS = "|".join((MONTH_FULL, *(rf"{a}\.?" for a in _ABBRS.split("|")), _CAPITALS))
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
NUM_WORD = _alt(k for k in NUMBER_WORDS if k not in {"a", "an", "half", "couple", "dozen"})
# A count of units: digits, number words, "a few", "a couple of", "half a". "and a half" after a
# count ("two and a half years") belongs to it; after a unit ("a year and a half") see
# `HALF_MORE`.
NUMBER = (
    rf"(?:\d+(?:[.,]\d+)?(?:\s+1/2)?|(?:{NUM_WORD})(?:(?:-|\s+|\s+and\s+)(?:{NUM_WORD}))*"
    r"(?:\s+and\s+a\s+half)?"
    # "a quarter of a century", "a quarter century", "a quarter-century", "a half-century"
    # (before "a": the longer reading first)
    r"|a\s+quarter\s+of\s+an?|a\s+(?:quarter|half)(?=[\s-]century)"
    r"|a\s+few|a\s+couple\s+of|couple\s+of|a\s+dozen|a\s+hundred|a\s+thousand|few|several"
    r"|many|some|numerous|an?"
    r"|half\s+an?)"
)
# A range of counts that share one unit: "two to three weeks", "12 to 18 months", "one or two
# days", "12-18 months". The range has no single amount, so its value says X. A year does not
# start one: "sentenced in 1998 to three years".
NUMBER_RANGE = rf"(?!\d{{4}})(?:{NUMBER})(?:\s*[-\u2013]\s*(?=\d)|\s+(?:to|or)\s+)(?:{NUMBER})"
# After a unit: half of it more ("a year and a half"), or an approximation ("a week or so", "a
# year or two"): all of it one expression.
HALF_MORE = r"\s+and\s+a\s+half"
OR_SO = r"\s+or\s+(?:so|two|three|more)"
UNIT = (
    r"(?P<unit>second|minute|hour|day|week|fortnight|month|quarter|year|decade|century"
    r"|centurie|millennium|millennia)s?"
)
ORDINAL = _alt(ORDINALS)
# Modifiers of a count, part of the expression (TimeML keeps them and records them as `mod`):
# "nearly three years", "more than a decade", "at least two weeks". Prepositions are not among
# them: "over", "about", "around", "under", "after" and "until" are signals outside the
# expression ("over [the past three years]", "about [five hours]"), as are the focusing adverbs
# "just", "only" and "barely" ("only [14 days]").
DUR_MOD = (
    r"(?:roughly|approximately|nearly|almost|more\s+than|less\s+than|fewer\s+than"
    r"|at\s+least|at\s+most|some|up\s+to|well\s+over|a\s+full|the\s+full|close\s+to)"
)
DATE_MOD = (
    r"(?:early|late|mid|earlier|later|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
    r"|the\s+middle\s+of|the\s+rest\s+of|the\s+remainder\s+of|the\s+close\s+of"
    r"|end\s+of|beginning\s+of|start\s+of|middle\s+of"
    # "the latter part of 1989", "the early part of next year"
    r"|the\s+(?:early|earlier|first|last|latter|later|final|closing)\s+part\s+of)"
)
PART = r"(?:morning|afternoon|evening|night|mid[\s-]?afternoon|overnight)"
