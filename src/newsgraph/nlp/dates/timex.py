"""A rule grammar for time expressions and their TIMEX3 values.

`find_timexes(text, ref)` finds time expressions with compiled regular expressions (one rule per
kind of expression: calendar dates, weekdays, relative periods, durations, sets, clock times,
past/present/future references), keeps the longest non-overlapping matches, joins a clock time
to the day that follows it, and normalises each one against `ref`, the reference date (the
publication date of a news article).

Conventions (those of the TimeBank/AQUAINT annotation):
- news is told in the past: a bare weekday is the latest such day on or before `ref`, and the
  same day counts ("Friday" in a Friday article is that day); with a future cue before it in
  the sentence ("will", "expected to") or as the first verb after it ("On Tuesday, the league
  plans to ...") it is the first such day on or after `ref` (`newsgraph.nlp.dates._tense`);
- a month or a day without a year is the latest one on or before `ref`, unless the next one
  is less than half as far and no past-tense verb governs it ("who stepped down in March"),
  or the tense is future; a past-tense sentence still takes a date at most a month (62 days)
  ahead as the coming one ("said the vote is Nov. 21");
- the text's own time: "that year", "later that month", "that quarter", "that same day" take
  the latest date the text mentioned (X where it is vaguer: "last October ... that same day"
  is `1998-10-XX`); "the day before last Tuesday" counts from that day; the bare day of
  "April 24 and 25" is its own expression;
- "N weeks ago" is the ISO week for N >= 3 (the day for one or two weeks); "over the past
  decade" is a duration; Easter is computed, "Easter week" is the week ending on it;
- "a year ago" in a story about quarterly results is the same quarter a year before;
- `ref=None` (publication date unknown): values keep their shape with X placeholders
  (`XXXX-WXX-2` for "Tuesday", `XXXX-06` for "June") and are not resolved.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsgraph.nlp.dates import _lexicon as L
from newsgraph.nlp.dates._calendar import Anchor
from newsgraph.nlp.dates._handlers import (
    Context,
    Handler,
    TimexType,
    granularity_of,
    handle_a_unit_set,
    handle_ago,
    handle_bare_units,
    handle_century,
    handle_clock,
    handle_decade,
    handle_deictic_day,
    handle_duration,
    handle_every,
    handle_fiscal_year,
    handle_holiday,
    handle_latest_period,
    handle_month,
    handle_month_day,
    handle_month_rel_year,
    handle_month_year,
    handle_months_span,
    handle_noon,
    handle_numeric_date,
    handle_part_alone,
    handle_quarter,
    handle_recent_units,
    handle_ref,
    handle_relative_period,
    handle_season,
    handle_set_word,
    handle_spelled_year,
    handle_that_unit,
    handle_the_unit,
    handle_week_of,
    handle_weekday,
    handle_weekday_set,
    handle_year,
    handle_year_earlier,
    handle_year_end,
    handle_year_quarter,
)


@dataclass(frozen=True, slots=True)
class Timex:
    """One time expression: `text == source[start:end]`."""

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    granularity: str | None
    resolved: bool


# -- rules --------------------------------------------------------------------------------------

_B = r"(?<![\w-])"  # left word boundary that also refuses a hyphenated continuation
_E = r"(?![\w])"
_DMOD = rf"(?:(?P<mod>(?i:{L.DATE_MOD}))[\s-]+)?"
_DURMOD = rf"(?:(?P<lead>(?i:{L.DUR_MOD}))\s+)?"
_Y = r"(?P<y>(?:1[6-9]|20)\d\d)"
# A year in digits or, in transcripts, in words: "nineteen ninety-four".
_YS = rf"(?:{_Y}|(?P<yw>(?i:nineteen\s+(?:{L.NUM_WORD})(?:-(?:{L.NUM_WORD}))?)))"
_PART = rf"(?:(?:\s+|-)(?P<part>(?i:{L.PART})))?"


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler


def _rule(name: str, pattern: str, handler: Handler) -> _Rule:
    return _Rule(name, re.compile(pattern), handler)


RULES: tuple[_Rule, ...] = (
    _rule(
        "month_day",
        rf"{_B}{_DMOD}(?:{L.WEEKDAY},?\s+)?(?P<mon>{L.MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"(?!\d|:\d)(?:,?\s+{_Y})?{_E}",
        handle_month_day,
    ),
    _rule(
        "day_month",
        rf"{_B}{_DMOD}(?:{L.WEEKDAY},?\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
        rf"(?P<mon>{L.MONTH})(?:,?\s+{_Y})?{_E}",
        handle_month_day,
    ),
    _rule(
        "numeric_date",
        r"(?<![\w/.-])(?:(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)"
        r"|(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<yy>(?:19|20)?\d\d))(?![\w/-]|\.\d)",
        handle_numeric_date,
    ),
    _rule(
        "month_rel_year",
        rf"{_B}{_DMOD}(?P<mon>{L.MONTH_FULL}|{L.MONTH_ABBR})\s+(?:of\s+)?"
        rf"(?P<rel>(?i:this|last|next))\s+(?i:year){_E}",
        handle_month_rel_year,
    ),
    _rule(
        "week_of",
        rf"{_B}(?i:the\s+week\s+of)\s+(?P<mon>{L.MONTH})\s+(?P<d>\d{{1,2}})(?!\d|:\d)"
        rf"(?:,?\s+{_Y})?{_E}",
        handle_week_of,
    ),
    _rule(
        "month_year",
        rf"{_B}{_DMOD}(?P<mon>{L.MONTH})(?:\s+of)?,?\s+{_YS}{_E}",
        handle_month_year,
    ),
    _rule(
        "month",
        rf"{_B}{_DMOD}(?:(?P<rel>(?i:last|next|this|this\s+past|past|coming))\s+)?"
        rf"(?P<mon>{L.MONTH_FULL}|Sept\.){_E}",
        handle_month,
    ),
    _rule(
        "year",
        rf"{_B}{_DMOD}(?:(?i:the\s+(?:calendar\s+)?year)\s+)?{_Y}(?![\w%]|[-/]\d|,\d|\s*(?i:percent))",
        handle_year,
    ),
    _rule(
        "fiscal_year",
        rf"{_B}{_DMOD}(?i:(?:the\s+(?:current\s+)?)?fiscal(?:\s+year)?)(?:\s+(?:of\s+)?{_Y})?{_E}",
        handle_fiscal_year,
    ),
    _rule(
        "decade",
        rf"{_B}(?i:the\s+)?(?:(?P<mod>(?i:early|late|mid))[\s-]+)?"
        rf"(?:(?P<c>1[0-9]|20)(?P<d>\d)0'?s|'(?P<d2>\d)0s|(?P<word>(?i:{'|'.join(L.DECADE_WORDS)})))"
        rf"{_E}",
        handle_decade,
    ),
    _rule(
        "century",
        rf"{_B}(?i:the\s+)?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|(?i:{L.ORDINAL}))[\s-]+(?i:century){_E}",
        handle_century,
    ),
    _rule(
        "weekday",
        rf"{_B}(?:(?P<mod>(?i:early|late|earlier|later))\s+)?"
        rf"(?:(?P<rel>(?i:last|this\s+past|this\s+coming|next|coming|past))\s+)?"
        rf"(?P<wd>{L.WEEKDAY}){_PART}{_E}",
        handle_weekday,
    ),
    _rule(
        "weekday_set",
        rf"{_B}(?:(?i:every|each|on)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
        rf"|Sunday)s(?:\s+(?P<part>(?i:mornings|afternoons|evenings|nights)))?{_E}",
        handle_weekday_set,
    ),
    _rule(
        "deictic_day",
        rf"{_B}(?:(?P<mod>(?i:early|late|earlier|later))\s+)?"
        rf"(?P<w>(?i:today|yesterday|tomorrow|tonight|this|last)){_PART}{_E}",
        handle_deictic_day,
    ),
    _rule(
        "deictic_part",
        rf"{_B}(?:(?i:early|late|earlier|later|mid)[\s-]+)?(?:(?i:this)\s+)?"
        rf"(?P<w>(?i:today|yesterday|tomorrow))?(?P<part>(?i:overnight|mid-?afternoon)){_E}",
        handle_part_alone,
    ),
    _rule(
        "ref",
        rf"{_B}(?i:now|currently|current|nowadays|these\s+days|at\s+present|presently"
        rf"|at\s+the\s+moment|right\s+now|recently|the\s+past|formerly|lately"
        rf"|the\s+(?:near\s+)?future){_E}",
        handle_ref,
    ),
    _rule(
        "relative_period",
        rf"{_B}{_DMOD}(?P<rel>(?i:last|this|next|this\s+past|this\s+coming|the\s+past"
        rf"|the\s+previous|the\s+coming|the\s+current|the\s+following|the\s+latest|the\s+last"
        rf"|the\s+next|past|coming|previous|current))\s+(?:(?i:fiscal|calendar)\s+)?"
        rf"(?P<unit>(?i:week|weekend|month|quarter|year|decade|century|spring|summer|fall"
        rf"|autumn|winter)){_E}",
        handle_relative_period,
    ),
    _rule(
        "that_unit",
        rf"{_B}(?:(?P<mod>(?i:earlier|later|early|late))\s+)?(?P<that>(?i:that(?:\s+same)?"
        rf"|the\s+same))\s+(?P<unit>(?i:year|month|quarter|day))(?!\w)",
        handle_that_unit,
    ),
    _rule(
        "the_unit",
        rf"{_B}{_DMOD}(?i:the\s+)(?P<unit>(?i:year|quarter|month|week|weekend)){_E}",
        handle_the_unit,
    ),
    _rule(
        "quarter",
        rf"{_B}{_DMOD}(?i:the\s+)?(?P<fy>(?i:fiscal|calendar)\s+)?(?P<ord>(?i:first|second|third"
        rf"|fourth|1st|2nd|3rd|4th))(?:[\s-]+(?i:fiscal|calendar))?[\s-]+"
        rf"(?P<unit>(?i:quarter|half))(?P<plural>s)?"
        rf"(?:\s+(?i:of\s+)?(?:(?i:fiscal|calendar)\s+)?{_Y})?{_E}",
        handle_quarter,
    ),
    _rule(
        "year_quarter",
        rf"{_B}(?:(?i:the)\s+)?(?:(?P<rel>(?i:this|last|next))\s+(?i:year's)|{_Y})\s+"
        rf"(?:(?i:fiscal)\s+)?(?:(?P<ord>(?i:first|second|third|fourth))[\s-]+)?"
        rf"(?P<what>(?i:quarter|period)){_E}",
        handle_year_quarter,
    ),
    _rule(
        "latest_period",
        rf"{_B}(?i:the\s+(?:latest|most\s+recent|comparable|same)\s+(?:period|quarter)){_E}",
        handle_latest_period,
    ),
    _rule(
        "spelled_year",
        rf"{_B}(?:(?P<the>(?i:the\s+year))\s+)?(?P<head>(?i:nineteen|two\s+thousand(?:\s+and)?))"
        rf"(?:\s+(?P<tail>(?i:(?:{L.NUM_WORD})(?:-(?:{L.NUM_WORD}))?)))?{_E}",
        handle_spelled_year,
    ),
    _rule(
        "year_end",
        rf"{_B}(?i:(?:around\s+)?(?:the\s+)?(?:year(?:'s)?[\s-]end)){_E}(?:\s+{_Y})?",
        handle_year_end,
    ),
    _rule(
        "months_span",
        rf"{_B}(?i:the\s+)?(?i:(?:first|last|past|latest)\s+)?(?P<num>(?i:three|six|nine|3|6|9))"
        rf"[\s-]+(?i:months?){_E}",
        handle_months_span,
    ),
    _rule(
        "year_earlier",
        rf"{_B}(?:(?i:the\s+)?(?i:year[\s-](?:earlier|ago))(?:\s+(?i:period|quarter))?"
        rf"|(?i:a\s+year\s+(?:earlier|ago|before)))(?![\w-])",
        handle_year_earlier,
    ),
    _rule(
        "ago",
        rf"{_B}{_DURMOD}(?P<num>(?i:{L.NUMBER}))[\s-]+{L.UNIT}"
        rf"\s+(?P<dir>(?i:ago|earlier|later|from\s+now|hence|or\s+so\s+ago|back)){_E}",
        handle_ago,
    ),
    _rule(
        "duration",
        rf"{_B}{_DURMOD}(?:(?i:the\s+)(?:(?i:past|last|next|previous|coming|first|final|latest"
        rf"|following|same|full|entire|whole)\s+)?)?(?P<num>(?i:{L.NUMBER}))[\s-]+"
        rf"(?:(?i:more|additional|full|straight|consecutive|long)\s+)?(?i:{L.UNIT})"
        rf"(?:-(?i:long))?(?!-(?i:old)){_E}",
        handle_duration,
    ),
    _rule(
        "bare_units",
        rf"{_B}(?i:(?P<unit>hours|days|weeks|months|years|decades|centuries)){_E}",
        handle_bare_units,
    ),
    _rule(
        "recent_units",
        rf"{_B}(?i:recent|(?:the\s+)?coming)\s+(?i:(?P<unit>days|weeks|months|quarters|years"
        rf"|decades)){_E}",
        handle_recent_units,
    ),
    _rule(
        "set_word",
        rf"{_B}(?i:{'|'.join(L.SET_WORDS)}){_E}",
        handle_set_word,
    ),
    _rule(
        "every",
        rf"{_B}(?i:every|each|per)\s+(?:(?i:other)\s+)?(?:(?P<wd>{L.WEEKDAY})|(?P<mon>{L.MONTH_FULL})"
        rf"|(?:(?P<num>(?i:{L.NUMBER}))\s+)?(?i:{L.UNIT})){_E}",
        handle_every,
    ),
    _rule(
        "a_unit_set",
        rf"{_B}(?i:an?|per)\s+(?i:{L.UNIT}){_E}",
        handle_a_unit_set,
    ),
    _rule(
        "season",
        rf"{_B}{_DMOD}(?:(?P<rel>(?i:last|this|next|this\s+past|this\s+coming|the\s+coming"
        rf"|the\s+past|past|coming|the))\s+)?(?P<s>(?i:spring|summer|fall|autumn|winter))"
        rf"(?:\s+(?i:of\s+)?{_YS})?{_E}",
        handle_season,
    ),
    _rule(
        "clock",
        rf"{_B}(?:(?i:about|around|approximately|shortly\s+(?:after|before)|just\s+(?:after|before)"
        rf"|after|before|until|by)\s+)?"
        rf"(?P<h>\d{{1,2}})(?:[:.](?P<min>\d\d))?\s*(?P<ap>(?i:a\.m\.?|p\.m\.?|am|pm)(?!\w))"
        rf"(?:\s+(?:[A-Z]{{2,3}}T|GMT|UTC|local\s+time))?",
        handle_clock,
    ),
    _rule(
        "clock_24",
        rf"{_B}(?P<h>[01]?\d|2[0-3])[:.](?P<min>[0-5]\d)\s*(?:GMT|UTC|[A-Z]{{2,3}}T)(?P<ap>)",
        handle_clock,
    ),
    _rule(
        "noon",
        rf"{_B}(?P<w>(?i:noon|midday|midnight)){_E}",
        handle_noon,
    ),
    _rule(
        "holiday",
        rf"{_B}(?P<hol>Christmas(?:\s+Eve|\s+Day)?|New\s+Year's(?:\s+Day|\s+Eve)|Thanksgiving"
        rf"(?:\s+Day)?|Independence\s+Day|Halloween|Easter(?:\s+Sunday|\s+[Ww]eek)?){_E}",
        handle_holiday,
    ),
)

_JOIN_TIME_DAY = re.compile(r"^,?\s+(?:(?i:on)\s+)?$")
_DAY_VALUE = re.compile(r"^(?:\d{4}|XXXX)-(?:\d\d|XX)-(?:\d\d|XX)$|^XXXX-WXX-\d$")


# The rules that read no English word: numeric dates ("2015-06-24", "24/06/2015"), for text
# in other languages.
NEUTRAL_RULES: tuple[_Rule, ...] = tuple(r for r in RULES if r.name == "numeric_date")


def _candidates(text: str, rules: tuple[_Rule, ...] = RULES) -> list[_Candidate]:
    found = []
    for rule in rules:
        for m in rule.pattern.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), m.end(), rule, m))
    return found


_Candidate = tuple[int, int, _Rule, re.Match[str]]


def _select(found: list[_Candidate], scratch: Context) -> list[_Candidate]:
    """The longest matches first, then left to right, dropping any that overlap a kept one
    and any its handler refuses."""
    kept: list[_Candidate] = []
    starts: list[int] = []  # the kept spans, sorted; they never overlap, so ends are sorted too
    ends: list[int] = []
    for cand in sorted(found, key=lambda c: (-(c[1] - c[0]), c[0])):
        s, e = cand[0], cand[1]
        before = bisect.bisect_left(starts, e)  # kept spans that start before this one ends
        if before and ends[before - 1] > s:
            continue
        if cand[2].handler(cand[3], scratch) is None:
            continue
        kept.append(cand)
        at = bisect.bisect_left(starts, s)
        starts.insert(at, s)
        ends.insert(at, e)
    return sorted(kept, key=lambda c: c[0])


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    while start < end and text[start] in " \t\n,":
        start += 1
    return start, end


def find_timexes(text: str, ref: date | None, *, english: bool = True) -> list[Timex]:
    """Every time expression in `text`, normalised against `ref` (None: typed, unresolved).
    `english=False`: the numeric dates only (`NEUTRAL_RULES`), for text in other languages."""
    ctx = Context(anchor=Anchor(ref), text=text)
    results: list[Timex] = []
    scratch = Context(anchor=Anchor(ref), text=text)
    rules = RULES if english else NEUTRAL_RULES
    for start, end, rule, m in _select(_candidates(text, rules), scratch):
        outcome = rule.handler(m, ctx)
        if outcome is None:
            continue
        kind, value, granularity = outcome
        start, end = _strip_span(text, start, end)
        if results and _joins(results[-1], kind, value, text, start):
            prev = results.pop()
            kind, value = _join(prev, value)
            granularity, start = "time", prev.start
        if kind == "DATE" and granularity == "day":
            start, value = _day_offset(text, start, value)
            while results and results[-1].end > start:
                results.pop()  # "two days" inside "two days after March 3"
        if granularity == "day" and _is_resolved(value):
            ctx.last_day = value
        if kind == "DATE" and _is_resolved(value) and re.match(r"\d{4}(?:-\d\d)?", value):
            ctx.last_date = value
        results.append(
            Timex(
                start=start,
                end=end,
                text=text[start:end],
                type=kind,
                value=value,
                granularity=granularity or granularity_of(value),
                resolved=_is_resolved(value),
            )
        )
        if rule.name in ("month_day", "day_month") and kind == "DATE":
            second = _second_day(text, end, value)
            if second is not None:
                results.append(second)
    return results


_SECOND_DAY = re.compile(r"\s+(?:and|or|to|through)\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?=[.,;)]|$)")


def _second_day(text: str, end: int, value: str) -> Timex | None:
    """The bare day after "April 24 and 25" (also "or", "to", "through"): the same month."""
    m = _SECOND_DAY.match(text, end)
    if m is None or not re.fullmatch(r"[\dX]{4}-\d\d-\d\d", value):
        return None
    day = int(m["d"])
    if not int(value[8:]) < day <= 31:
        return None
    second = f"{value[:8]}{day:02d}"
    return Timex(
        start=m.start("d"),
        end=m.end("d"),
        text=m["d"],
        type="DATE",
        value=second,
        granularity="day",
        resolved=_is_resolved(second),
    )


_DAY_OFFSET = re.compile(
    r"(?i)(?<![\w-])(?P<n>the|a|one|two|three|four|five|six|seven|\d{1,2})\s+(?P<unit>days?)\s+"
    r"(?P<dir>before|after)\s+$"
)
_DAY_OFFSET_COUNT = {"the": 1, "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                     "six": 6, "seven": 7}  # fmt: skip


def _day_offset(text: str, start: int, value: str) -> tuple[int, str]:
    """ "the day before last Tuesday", "two days after March 3": the day counted from the
    named one; the span starts at the count ("the" stays outside, as in TimeBank)."""
    m = _DAY_OFFSET.search(text, max(0, start - 30), start)
    if m is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return start, value
    raw = m["n"].lower()
    n = int(raw) if raw.isdigit() else _DAY_OFFSET_COUNT[raw]
    sign = -1 if m["dir"].lower() == "before" else 1
    moved = (date.fromisoformat(value) + timedelta(days=sign * n)).isoformat()
    return (m.start("unit") if raw == "the" else m.start()), moved


def _joins(prev: Timex, kind: str, value: str, text: str, start: int) -> bool:
    """A clock time followed by its day ("10 p.m. Wednesday")."""
    if prev.type != "TIME" or not _JOIN_TIME_DAY.match(text[prev.end : start]):
        return False
    return kind == "DATE" and bool(_DAY_VALUE.match(value))


def _join(prev: Timex, value: str) -> tuple[TimexType, str]:
    clock = prev.value.split("T", 1)[1] if "T" in prev.value else ""
    return "TIME", f"{value}T{clock}"


def _is_resolved(value: str) -> bool:
    return bool(re.match(r"^\d{2}", value)) and "X" not in value
