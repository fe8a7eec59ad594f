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
  plans to ...") it is the first such day on or after `ref` (`newsgraph.nlp.dates._tense`),
  unless a reporting verb stands right before it ("the mayor said Friday");
- a month or a day without a year is the latest one on or before `ref`, unless the next one
  is less than half as far and no past-tense verb governs it ("who stepped down in March"),
  or the tense is future; a past-tense sentence still takes a date at most a month (62 days)
  ahead as the coming one ("said the vote is Nov. 21"), unless a verb in the past governs it
  from right before ("the results were certified on Dec. 6": the event's day, so a past one);
  where no tense decides, a year-less start or end of a stretch ("from", "until") after a
  coming day of its sentence is a coming one ("resume from March 2, with extra sailings from
  Sept. 9"; not "after a fire in December"); a weekday given with a year-less
  day ("Monday, March 3") picks the year, of the three around `ref`, where the two agree;
- the text's own time: "that year", "later that month", "that quarter", "that same day" take
  the latest date the text mentioned (X where it is vaguer: "last October ... that same day"
  is `1998-10-XX`); "the day before last Friday" counts from that day; the bare day of
  "April 24 and 25" is its own expression;
- "N weeks ago" is the ISO week for N >= 3 (the day for one or two weeks); "a century ago" and
  "two decades ago" are the year so many years back; "over the past decade" is a duration;
  Easter is computed, "Easter week" is the week ending on it;
- "ago" counts from `ref`, the time of writing; "earlier" from the narrative's latest date
  when that is fine enough for the unit ("The fire began on Aug. 3. A day earlier, ..." is
  Aug. 2);
- a year that ends on another day than Dec. 31 ("the year ended June 30", "the fiscal year
  ending tomorrow") is no calendar year but a span, `P1Y`; the year a results story reports
  on, named without its end ("for the year", "for the fiscal year"), is that year; "since
  year-end" counts from the end of the year before (`_fiscal.year_ended`);
- "a year ago" or "a year earlier" after a quarter is that quarter a year before: a figure for
  a period compared "with $5 million a year earlier" is the figure for the same period of the
  year before (a year-on-year comparison), not for the day a year before publication; so is
  "last year" in a comparison ("compared with a profit of $2 million last year"), and neither
  is once another period ("the nine months", "fiscal 1988") has been named since the quarter
  (`newsgraph.nlp.dates._fiscal`): a span of months compared a year back is that span ("the
  year-earlier nine months", or "the year-earlier period" after "the nine months": `P9M`),
  and "the 1988 period" after one is that year; "the same period last year", "the comparable
  quarter a year earlier" and "the corresponding period of 1988" are one expression, the
  compared period a year back (or in the year named); quarter and fiscal-year codes ("Q3",
  "3Q19", "H1 2020", "FY2020") are the periods they name;
- a quarter or a half without its year ("the fourth quarter") is the latest one begun by
  `ref`, as a year-less month is, unless the sentence looks ahead; "the previous quarter" is
  the one before the quarter the text reports on (or before the one under way), a DATE as
  "the previous week" is; "the July-September quarter" is the calendar quarter its months
  make; a quarter or a half of a game ("scored 12 points in the fourth quarter") is none;
- "the following week", "the previous day", "the next day", "the previous Friday" count from
  the narrative's latest date, not from `ref`; so do "the day before" and "the year after"
  closing their clause ("The ship sank on May 4. The day before, ..."), "that week", "that
  weekend" and "that summer" ("In 2011 ... That summer, ..." is `2011-SU`), "the next year"
  or "the next month" after a past date of the narrative without a preposition of a stretch
  ("elected in 2016, he resigned the next year"; "over the next year" is `P1Y`) and "the
  following (next, previous) spring"; "the next day" after a year or a month is a day of it
  that the text leaves open (`1987-XX-XX`); "the coming winter" is a season, not a stretch;
- a weekday of a plan after a coming day named before it in the sentence is the first one
  after that day ("will land on Monday and fly on to Amman on Friday": the Friday after);
  "this weekend" told in the past on a weekday is the weekend just gone;
- "the year to March" is the twelve months up to it, a span (`P1Y`), as "the year ended June
  30" is; "over the next decade" is a stretch (`P10Y`) as "over the past decade" is;
- a year that opens its sentence frames the year-less months and days after it ("In 2015,
  the river burst its banks in March": `2015-03`);
- "the week after next" and "the weekend before last" count two units from `ref`; "the final
  quarter" is the fourth, with its year or without;
- a bare clock time takes the latest day named, with a clock time or alone ("open at 10 a.m.
  Friday and stay open until [8 p.m.]" is Friday's 8 p.m.); a night told in the past with no
  day named is the night before `ref` ("the storm weakened [overnight]");
- "the then current mayor" is `PAST_REF`; a weekday coordinated with a plural one shares its
  plural ("on Monday and Tuesday nights": two SETs);
- a wire story's dateline day ("LIMA, June 22 (Reuters) --"), at most a week before `ref`, is
  the reference instead (`newsgraph.nlp.dates._dateline`); "that night" is the night of the
  narrative's day; a year between an owner and a vehicle make ("his 2012 Honda") is no time;
- `ref=None` (publication date unknown): values keep their shape with X placeholders
  (`XXXX-WXX-2` for "Tuesday", `XXXX-06` for "June") and are not resolved.

Extents follow the TimeML guidelines:
- a preposition is a signal outside the expression ("over [the past three years]", "until
  [5 p.m.]", "about [five hours]"); a modifier of the count is inside ("[nearly two
  decades]", "[at least two weeks]");
- a part of a decade, a century or a year is inside its expression ("[the last half of the
  '80s]" `198`, "[the end of the 19th century]" `18`, "[the latter part of 1989]" `1989`,
  "[the second half of the year]" `2015-H2`), as TimeML keeps a modifier;
- "the" belongs to the expression when a time noun is the head ("[the past three years]", "[a
  three-year period]"), not when the time is a hyphenated modifier of another noun ("the
  [eight-year] war", "the [third-quarter] loss");
- a span told in two or three units is one duration ("[four years and six months]"
  `P4Y6M`, `newsgraph.nlp.dates._compound`);
- a range of counts sharing a unit is one duration with an unknown amount ("[two to three
  weeks]" `PXW`), an approximation keeps its count ("[a year or so]" `P1Y`), "and a half" adds
  half a unit ("[two and a half years]" `P2Y6M`);
- the ends of a range of dates are two expressions, each completed from the other ("from
  [March] to [June 2016]": 2016-03) (`newsgraph.nlp.dates._ranges`);
- a zone belongs to its clock time, and a day right after them joins them ("[6:08 p.m. ET
  Thursday]"); a day after "on" stays its own expression but gives the time its day ("[2 p.m.]
  on [Thanksgiving Day]", "[dawn] on [Wednesday]"), and so does the day of a range's end
  ("from [11 a.m.] to [2 p.m.] on ...");
- holidays are the US federal ones, Election Day, Easter and the days counted from it, and a
  few observances news dates by name (`newsgraph.nlp.dates._holidays`); Election Day is the
  US date only in a story with a US cue (a state, the country, Congress, absentee ballots ...),
  else `XXXX-XX-XX`;
- "[a half-century]" is `P50Y` and "[a quarter-century]" `P25Y`;
- a set holds its frequency ("[twice a week]" `P1W`, "[twice daily]" `P1D`; "[every other
  week]" `P2W`; "[Tuesday nights]" `XXXX-WXX-2TNI`) (`newsgraph.nlp.dates._sets`); times of
  day are read in words and figures ("[4 in the morning]", "[half past six]", "[3:30 this
  afternoon]", "in [the morning]", "at [dawn]") (`newsgraph.nlp.dates._daytime`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from newsgraph.nlp._doc import ascii_lower
from newsgraph.nlp.dates import _lexicon as L
from newsgraph.nlp.dates._calendar import Anchor
from newsgraph.nlp.dates._compound import join_compounds
from newsgraph.nlp.dates._context import Context, Handler, TimexType
from newsgraph.nlp.dates._dateline import dateline_day
from newsgraph.nlp.dates._daytime import (
    DAWN_DUSK,
    HOUR,
    handle_clock,
    handle_clock_words,
    handle_day_part,
    handle_in_the_unit,
    handle_noon,
    handle_part_alone,
    handle_range_start,
)
from newsgraph.nlp.dates._fiscal import (
    handle_fiscal_year,
    handle_fy,
    handle_latest_period,
    handle_month_quarter,
    handle_period_code,
    handle_quarter,
    handle_same_period_before,
    handle_year_earlier,
    handle_year_quarter,
)
from newsgraph.nlp.dates._handlers import (
    granularity_of,
    handle_ago,
    handle_bare_units,
    handle_century,
    handle_decade,
    handle_deictic_day,
    handle_duration,
    handle_month,
    handle_month_day,
    handle_month_rel_year,
    handle_month_year,
    handle_months_span,
    handle_numeric_date,
    handle_recent_units,
    handle_ref,
    handle_relative_period,
    handle_season,
    handle_spelled_year,
    handle_that_unit,
    handle_the_unit,
    handle_unit_before,
    handle_unit_long,
    handle_week_of,
    handle_weekday,
    handle_year,
    handle_year_end,
)
from newsgraph.nlp.dates._holidays import HOLIDAY, HOLIDAY_WORD, handle_holiday
from newsgraph.nlp.dates._offsets import day_offset, second_day
from newsgraph.nlp.dates._ranges import link_ranges
from newsgraph.nlp.dates._sets import (
    handle_a_unit_set,
    handle_every,
    handle_set_word,
    handle_weekday_set,
    handle_weekends,
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
_PARTS = r"(?i:mornings|afternoons|evenings|nights)"
# "the" of a quarter or a half, unless the quarter is a hyphenated modifier of another noun:
# in "the third-quarter loss" the determiner belongs to the loss (TimeML leaves it out).
_THE_HEAD = r"(?:(?i:the)\s+(?!(?i:[a-z0-9]+)-(?i:quarter|half)\s+(?!of\b)[A-Za-z]))?"
_UNITS = r"(?i:hours|days|weeks|months|years|decades|centuries)"
# The zone after a clock time, part of its expression: "4:45 p.m. ET", "14:05 GMT", "8 p.m.
# Eastern time", "04:17 local time".
_ZONE = (
    r"(?:[A-Z]{1,3}T|GMT|UTC|(?i:local\s+time)"
    r"|(?:Eastern|Central|Mountain|Pacific)\s+(?:time|Standard\s+Time|Daylight\s+Time))(?!\w)"
)
# How many units: one count, or a range of counts sharing the unit ("two to three weeks").
_COUNT = rf"(?:(?P<range>(?i:{L.NUMBER_RANGE}))|(?P<num>(?i:{L.NUMBER})))"
# After the unit: "a year and a half", "a week or so", "a year or two".
_MORE = rf"(?P<half>(?i:{L.HALF_MORE}))?(?P<orso>(?i:{L.OR_SO}))?"


# A part of a decade or a century, inside its expression as TimeML keeps a modifier ("[the
# end of the 1990s]", "[the last half of the '80s]", "[the turn of the century]"): the value is
# the decade's or the century's (a half of one is no half-year).
_SPAN_PART = (
    rf"(?:(?i:{L.DATE_MOD}|the\s+turn\s+of|the\s+(?:first|second|last|latter)\s+half\s+of)"
    r"\s+(?=(?i:the)\s))?"
)


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler
    # A word every match holds ("three years" a unit, "early March" a month): the rule is
    # tried only near one (`_windows`), which keeps the cost of its optional prefix (counts,
    # modifiers, determiners, tried at every position) off the text that has none.
    near: re.Pattern[str] | None = None
    # Words one of which every match holds, read case-blind ("weekends" for "every
    # weekends"): the rule is skipped when the text holds none of them.
    need: tuple[str, ...] = ()
    # `pattern` for the ASCII-lowered text (`_folded`): found faster there, where it matches
    # wherever `pattern` matches in the text; each such place is matched on the text itself.
    folded: re.Pattern[str] | None = None


def _rule(
    name: str, pattern: str, handler: Handler, *, near: str | None = None, need: str = ""
) -> _Rule:
    anchor = None if near is None else _anchor(near)
    words = tuple(need.split())
    if not all(w.isascii() and w == w.lower() for w in words):
        words = ()  # read in the ASCII-lowered text (`ascii_lower`) only
    folded = _folded(pattern)
    lowered = None if folded is None else re.compile(folded)
    return _Rule(name, re.compile(pattern), handler, anchor, words, lowered)


_GROUP_NAME = re.compile(r"\(\?P<\w+>")
_CASE_FREE_ESCAPES = "dDsSwWbBAZntrfv"
_HEX_ESCAPES = {"x": 4, "u": 6, "U": 10}  # the width of "\\x41", "\\u2019", "\\U0001F600"


def _folded(pattern: str) -> str | None:
    """`pattern` for the ASCII-lowered text (`ascii_lower`), its (?i:...) groups read as plain
    ones, where every letter it holds is a lower-case ASCII one, and one read case-sensitively
    stands neither in a negative lookaround nor in a negated class. It then matches in the
    lowered text at every place where `pattern` matches in the text ("(?i:the\\s+)years" reads
    "The years" as "the years"), and only there where every letter is case-blind; the search
    is several times faster. None for a pattern without a case-blind group or with a capital,
    and for one with a construct not read here (flags, backreferences, named characters)."""
    if "(?i:" not in pattern:
        return None
    out: list[str] = []
    groups: list[tuple[bool, bool]] = []  # for each open group: case-blind, negative
    blind = negative = in_class = negated = False
    at = 0
    while at < len(pattern):
        c = pattern[at]
        if c == "\\":
            escaped = pattern[at + 1 : at + 2]
            width = _HEX_ESCAPES.get(escaped, 2)
            if escaped.isalnum() and escaped not in _CASE_FREE_ESCAPES and width == 2:
                return None  # a backreference or a named character
            if width > 2 and chr(int(pattern[at + 2 : at + width], 16)).isalpha():
                return None  # a letter in hex ("\\x41"), read as any other letter would be
            out.append(pattern[at : at + width])
            at += width
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            if pattern.startswith(("[]", "[^]"), at):
                return None
            in_class, negated = True, pattern.startswith("[^", at)
        elif c == "(":
            groups.append((blind, negative))
            if pattern.startswith("(?i:", at):
                blind = True
                out.append("(?:")
                at += 4
                continue
            named = _GROUP_NAME.match(pattern, at)
            if named is not None:
                out.append(named[0])
                at = named.end()
                continue
            if pattern[at + 1 : at + 2] == "?" and pattern[at + 2] not in ":=!<":
                return None  # flags, a backreference or a condition
            negative = negative or pattern.startswith(("(?!", "(?<!"), at)
        elif c == ")":
            blind, negative = groups.pop()
        refusing = negative or (in_class and negated)  # a letter here refuses a match
        if c.isalpha() and not (c.isascii() and c.islower() and (blind or not refusing)):
            return None
        out.append(c)
        at += 1
    return "".join(out)


_ANCHORS: dict[str, re.Pattern[str]] = {}


def _anchor(pattern: str, *, lowered: str | None = None) -> re.Pattern[str]:
    """One compiled anchor per pattern, so that rules sharing it share its windows.
    `lowered`: the same anchor for the ASCII-lowered text, finding the same spans there."""
    compiled = _ANCHORS.setdefault(pattern, re.compile(pattern))
    if lowered is None and _CASE_BLIND.fullmatch(pattern) and not any(c.isupper() for c in pattern):
        lowered = pattern.replace("(?i:", "(?:")
    if lowered is not None:
        _FOLDED.setdefault(compiled, re.compile(lowered))
    return compiled


# An anchor made only of case-blind groups of lower-case words ("(?i:spring|summer)") is
# searched case-sensitively in the text's ASCII-lowered copy (`ascii_lower`): the same
# spans, found several times faster.
_CASE_BLIND = re.compile(r"\(\?i:[^()]*\)(?:\|\(\?i:[^()]*\))*")
_FOLDED: dict[re.Pattern[str], re.Pattern[str]] = {}


def _word_starts(words: Iterable[str]) -> str:
    """Lower-case `words`, each at the start of a word, as an alternation that `re` skips
    ahead to the first letters of: "d(?<!\\wd)(?:ay|ecade)" for "day" and "decade", the
    check that no word character stands before the word put after its first letter."""
    rests: dict[str, list[str]] = {}
    for word in words:
        rests.setdefault(word[0], []).append(re.escape(word[1:]))
    return "(?:" + "|".join(rf"{c}(?<!\w{c})(?:{'|'.join(r)})" for c, r in rests.items()) + ")"


# Anchors: a unit word, a season or "weekend", whole ("three years", "last spring"; not the
# "day" of "Monday" or "today": no rule reads a unit inside a longer word); a month name; a
# weekday; a part of the day or the words of a clock time; a digit before "a.m."/"pm"; the
# digits of a clock time ("10:30", "14.05"); a date in figures ("2015-06-24", "6/24"); a
# year in figures (the check that no digit stands before it put after its first digit, so
# that `re` skips ahead to a 1 or a 2).
_UNIT_WORDS = (
    "second", "minute", "hour", "day", "weekend", "week", "fortnight", "month", "quarter", "half",
    "year", "decade", "century", "centurie", "millennium", "millennia",
    "spring", "summer", "fall", "autumn", "winter",
)  # fmt: skip
_UNIT_WORD = rf"(?<!\w)(?i:(?:{'|'.join(_UNIT_WORDS)})s?)(?!\w)"
_anchor(_UNIT_WORD, lowered=rf"{_word_starts(_UNIT_WORDS)}s?(?!\w)")
_SEASON_WORD = r"(?i:spring|summer|fall|autumn|winter)"
_CLOCK_WORD = r"(?i:half|quarter|o['\u2019]clock|morning|afternoon|evening|night)"
_AM_PM = r"\d\s*(?i:[ap]\.?m)"
_anchor(_AM_PM, lowered=r"\d\s*[ap]\.?m")
_CLOCK_DIGITS = r"\d[:.][0-5]\d"
_DATE_DIGITS = r"\d[-/]\d"
_YEAR_DIGITS = r"(?:1(?<!\d1)[6-9]|2(?<!\d2)0)\d\d"


RULES: tuple[_Rule, ...] = (
    _rule(
        "month_day",
        # after a dash too, the end of a range of dates: "Nov. 1-[Dec. 15]"
        rf"(?:{_B}|(?<=\d[-\u2013]))"
        rf"{_DMOD}(?:(?P<wd>{L.WEEKDAY}),?\s+)?(?P<mon>{L.MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"(?!\d|:\d)(?:,?\s+{_Y})?{_E}",
        handle_month_day,
        near=L.MONTH_WORDS,
    ),
    _rule(
        "day_month",
        rf"{_B}{_DMOD}(?:(?P<wd>{L.WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
        rf"(?P<mon>{L.MONTH})(?:,?\s+{_Y})?{_E}",
        handle_month_day,
        near=L.MONTH_WORDS,
    ),
    _rule(
        "numeric_date",
        r"(?<![\w/.-])(?:(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)"
        r"|(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<yy>(?:19|20)?\d\d))(?![\w/-]|\.\d)",
        handle_numeric_date,
        near=_DATE_DIGITS,
    ),
    _rule(
        "month_rel_year",
        rf"{_B}{_DMOD}(?P<mon>{L.MONTH_FULL}|{L.MONTH_ABBR})\s+(?:of\s+)?"
        rf"(?P<rel>(?i:this|last|next))\s+(?i:year){_E}",
        handle_month_rel_year,
        near=L.MONTH_WORDS,
    ),
    _rule(
        "week_of",
        rf"{_B}(?i:the\s+week\s+of)\s+(?P<mon>{L.MONTH})\s+(?P<d>\d{{1,2}})(?!\d|:\d)"
        rf"(?:,?\s+{_Y})?{_E}",
        handle_week_of,
        near=L.MONTH_WORDS,
    ),
    _rule(
        "month_year",
        rf"{_B}{_DMOD}(?P<mon>{L.MONTH})(?:\s+of)?,?\s+{_YS}{_E}",
        handle_month_year,
        near=L.MONTH_WORDS,
    ),
    _rule(
        "month",
        rf"{_B}{_DMOD}(?:(?P<rel>(?i:last|next|this|this\s+past|past|coming))\s+)?"
        rf"(?P<mon>{L.MONTH_FULL}|Sept\.){_E}",
        handle_month,
        near=L.MONTH_WORDS,
    ),
    _rule(
        "year",
        rf"{_B}{_DMOD}(?:(?i:the\s+(?:calendar\s+|full\s+)?year)\s+)?{_Y}"
        r"(?![\w%]|[-/]\d|[.,]\d|\s*(?i:percent))",
        handle_year,
        near=_YEAR_DIGITS,
    ),
    _rule(
        "fiscal_year",
        rf"{_B}{_DMOD}(?i:(?:the\s+(?:current\s+)?)?fiscal(?:\s+year)?)(?:\s+(?:of\s+)?{_Y})?{_E}",
        handle_fiscal_year,
        near=r"(?i:fiscal)",
    ),
    _rule(
        "decade",
        rf"{_B}{_SPAN_PART}(?i:the\s+)?(?:(?P<mod>(?i:early|late|mid))[\s-]+)?"
        rf"(?:(?P<c>1[0-9]|20)(?P<d>\d)0'?s|'(?P<d2>\d)0s|(?P<word>(?i:{'|'.join(L.DECADE_WORDS)})))"
        rf"{_E}",
        handle_decade,
        need=f"0s 0's {' '.join(L.DECADE_WORDS)}".lower(),
    ),
    _rule(
        "century",
        # "the" is the century's unless the century is a hyphenated modifier of another noun:
        # "the [19th-century] mansion", as "the [eight-year] war"
        rf"{_B}{_SPAN_PART}(?:(?i:the)\s+(?![\w-]+-(?i:century)\s+[a-z]))?"
        rf"(?:(?i:early|late|mid)[\s-]+)?"
        rf"(?P<n>\d{{1,2}}(?:st|nd|rd|th)|(?i:{L.ORDINAL}))[\s-]+(?i:century){_E}",
        handle_century,
        near=r"(?i:century)",
    ),
    _rule(
        "weekday",
        rf"{_B}(?:(?P<mod>(?i:early|late|earlier|later))\s+)?"
        rf"(?:(?P<rel>(?i:last|this\s+past|this\s+coming|next|coming|past|the\s+previous"
        rf"|the\s+preceding|the\s+prior|the\s+following|the\s+next))\s+)?"
        rf"(?P<wd>{L.WEEKDAY}){_PART}{_E}",
        handle_weekday,
        near=L.WEEKDAY,
        need="monday tuesday wednesday thursday friday saturday sunday",
    ),
    _rule(
        "weekday_set",
        rf"{_B}(?:(?i:every|each)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
        rf"|Sunday)(?:s(?:\s+(?P<part>{_PARTS}))?|\s+(?P<parts>{_PARTS})){_E}",
        handle_weekday_set,
        need="mondays tuesdays wednesdays thursdays fridays saturdays sundays"
        " mornings afternoons evenings nights",
    ),
    _rule(
        "deictic_day",
        rf"{_B}(?:(?P<mod>(?i:early|late|earlier|later))\s+)?"
        rf"(?P<w>(?i:today|yesterday|tomorrow|tonight|this|last)){_PART}{_E}",
        handle_deictic_day,
        need="today yesterday tomorrow tonight this last",
    ),
    _rule(
        "deictic_part",
        rf"{_B}(?:(?i:early|late|earlier|later|mid)[\s-]+)?(?:(?i:this)\s+)?"
        rf"(?P<w>(?i:today|yesterday|tomorrow))?"
        rf"(?P<part>(?i:overnight|mid-?afternoon|mid-?morning|mid-?evening)){_E}",
        handle_part_alone,
        need="overnight afternoon morning evening",
    ),
    _rule(
        "ref",
        # "right" stays out of "right [now]", as TimeBank and AQUAINT both annotate it; a
        # comparative is in: "[more recently]"; so is "then" of "the [then current] champion"
        rf"{_B}(?i:now|currently|(?:then\s+)?current|nowadays|these\s+days|at\s+present"
        rf"|presently|at\s+the\s+moment|(?:more\s+)?recently|the\s+past|formerly|lately"
        rf"|the\s+(?:near\s+)?future){_E}",
        handle_ref,
        need="now current these present moment recent past former lately future",
    ),
    _rule(
        "relative_period",
        rf"{_B}{_DMOD}(?P<rel>(?i:last|this|next|this\s+past|this\s+coming|the\s+past"
        rf"|the\s+previous|the\s+coming|the\s+current|the\s+following|the\s+latest|the\s+last"
        rf"|the\s+next|the\s+preceding|the\s+prior|past|coming|previous|current))\s+"
        rf"(?:(?i:fiscal|calendar)\s+)?"
        rf"(?P<unit>(?i:day|week|weekend|month|quarter|year|decade|century|spring|summer|fall"
        rf"|autumn|winter))(?P<orso>(?i:{L.OR_SO}))?{_E}",
        handle_relative_period,
        near=_UNIT_WORD,
    ),
    _rule(
        "that_unit",
        rf"{_B}(?:(?P<mod>(?i:earlier|later|early|late))\s+)?(?P<that>(?i:that(?:\s+same)?"
        rf"|the\s+same))\s+(?P<unit>(?i:year|month|quarter|day|week(?:end)?|spring|summer|fall"
        rf"|autumn|winter))(?!\w)",
        handle_that_unit,
        near=_UNIT_WORD,
    ),
    _rule(
        "unit_before",
        # "The ship sank on May 4. [The day before], ...": an adverb, the clause ending on it
        # "the week after next", "the weekend before last": two units from the time of writing
        rf"{_B}(?i:the)\s+(?:(?P<unit>(?i:day|week|month|year))\s+(?P<dir>(?i:before|after))"
        r"(?=\s*[,.;:)]|\s*$)|(?P<far_unit>(?i:week(?:end)?|month|year))\s+"
        r"(?P<far>(?i:before\s+last|after\s+next))"
        r"(?!\s+(?:[A-Z0-9]|(?i:week|month|year|night|time|season|spring|summer|fall|winter))))",
        handle_unit_before,
        near=_UNIT_WORD,
    ),
    _rule(
        "that_part",
        rf"{_B}(?:(?P<mod>(?i:earlier|later|early|late))\s+)?(?P<that>(?i:that(?:\s+same)?))\s+"
        rf"(?P<unit>(?i:morning|afternoon|evening|night)){_E}",
        handle_that_unit,
        near=_CLOCK_WORD,
    ),
    _rule(
        "the_unit",
        rf"{_B}{_DMOD}(?i:the\s+)(?P<full>(?i:full)\s+)?(?P<unit>(?i:year|quarter|month|week"
        rf"|weekend|decade)){_E}(?!-(?i:earlier|ago|long|old))",
        handle_the_unit,
        near=_UNIT_WORD,
    ),
    _rule(
        "quarter",
        rf"{_B}{_DMOD}{_THE_HEAD}(?P<fy>(?i:fiscal|calendar)[\s-]+)?(?P<ord>(?i:first|second|third"
        rf"|fourth|1st|2nd|3rd|4th|last|latter|final))(?:[\s-]+(?i:fiscal|calendar))?[\s-]+"
        rf"(?P<unit>(?i:quarter|half))(?P<plural>s)?"
        rf"(?:\s+(?i:of\s+)?(?:(?i:fiscal|calendar)\s+)?{_Y}"
        rf"|\s+(?i:of\s+)(?P<rel>(?i:this|last|next))\s+(?i:year)"
        # "the second half of the year": the year under way, as a quarter without one
        rf"|\s+(?i:of\s+the\s+(?:(?:fiscal|calendar|current)\s+)?year))?{_E}",
        handle_quarter,
        near=_UNIT_WORD,
    ),
    _rule(
        "month_quarter",
        # a quarter named by its months: "the July-September quarter"
        rf"{_B}(?:(?i:the)\s+)?(?P<m1>{L.MONTH})\s*[-\u2013/]\s*(?P<m2>{L.MONTH})\s+"
        rf"(?i:quarter)(?:\s+(?i:of\s+)?{_Y})?{_E}",
        handle_month_quarter,
        near=L.MONTH_WORDS,
    ),
    _rule(
        "year_quarter",
        rf"{_B}(?:(?i:the)\s+)?(?:(?P<rel>(?i:this|last|next))\s+(?i:year's)|{_Y})\s+"
        rf"(?:(?i:fiscal)\s+)?(?:(?P<ord>(?i:first|second|third|fourth))[\s-]+)?"
        rf"(?P<what>(?i:quarter|period)){_E}",
        handle_year_quarter,
        need="quarter period",
    ),
    _rule(
        "period_code",
        rf"{_B}(?:(?P<kind>[QH])(?P<n>[1-4])|(?P<n2>[1-4])(?P<kind2>[QH]))"
        rf"(?:(?:\s+|-)(?:FY\s?)?{_Y}|(?:\s?['\u2019])?(?P<yy>\d\d))?{_E}",
        handle_period_code,
        need="q1 q2 q3 q4 h1 h2 h3 h4 1q 2q 3q 4q 1h 2h 3h 4h",
    ),
    _rule(
        "fy",
        rf"{_B}FY[\s-]?(?:{_Y}|['\u2019]?(?P<yy>\d\d)){_E}",
        handle_fy,
        near=r"FY",
        need="fy",
    ),
    _rule(
        "latest_period",
        rf"{_B}(?i:the\s+(?:latest|most\s+recent|comparable|same)\s+(?:period|quarter)){_E}",
        handle_latest_period,
        need="period quarter",
    ),
    _rule(
        "spelled_year",
        rf"{_B}(?:(?P<the>(?i:the\s+year))\s+)?(?P<head>(?i:nineteen|two\s+thousand(?:\s+and)?))"
        rf"(?:\s+(?P<tail>(?i:(?:{L.NUM_WORD})(?:-(?:{L.NUM_WORD}))?)))?{_E}",
        handle_spelled_year,
        need="nineteen thousand",
    ),
    _rule(
        "year_end",
        rf"{_B}(?i:(?:around\s+)?(?:the\s+)?(?:year(?:'s)?[\s-]end)){_E}(?:\s+{_Y})?",
        handle_year_end,
        near=_UNIT_WORD,
    ),
    _rule(
        "months_span",
        rf"{_B}(?i:the\s+)?(?i:(?:first|last|past|latest)\s+)?(?P<num>(?i:three|six|nine|3|6|9))"
        rf"[\s-]+(?i:months?)(?!-(?i:old)){_E}",
        handle_months_span,
        near=_UNIT_WORD,
    ),
    _rule(
        "same_period_before",
        # "the same period last year", "the comparable quarter a year earlier", "the
        # corresponding period of 1988": one expression, the period compared a year back
        rf"{_B}(?i:the\s+(?:same|corresponding|comparable|like)\s+(?P<what>period|quarter))"
        rf"(?:\s+(?i:of\s+|in\s+)?(?:(?P<back>(?i:last\s+year|the\s+(?:previous|prior|preceding)"
        rf"\s+year|a\s+year\s+(?:earlier|ago|before)))|{_Y})){_E}",
        handle_same_period_before,
        need="period quarter",
    ),
    _rule(
        "year_earlier",
        # "the year-earlier nine months": a span of the reporting calendar, a year back
        rf"{_B}(?:(?:(?i:the)\s+(?=(?i:year[\s-](?:earlier|ago)\s+(?:period|quarter"
        rf"|(?:three|six|nine|[369])[\s-]+months))\b))?"
        rf"(?i:year[\s-](?:earlier|ago))(?:\s+(?:(?P<what>(?i:period|quarter))"
        rf"|(?P<span>(?i:three|six|nine|[369]))[\s-]+(?i:months)))?"
        rf"|(?i:a\s+year\s+(?:earlier|ago|before)))(?![\w-])",
        handle_year_earlier,
        near=_UNIT_WORD,
        need="earlier ago before",
    ),
    _rule(
        "ago",
        rf"{_B}{_DURMOD}{_COUNT}[\s-]+{L.UNIT}{_MORE}"
        rf"\s+(?P<dir>(?i:ago|earlier|later|from\s+now|hence|or\s+so\s+ago|back)){_E}"
        # "a year later than planned" compares; the span is a duration, the rule below's
        r"(?!\s+(?i:than)\b)",
        handle_ago,
        near=_UNIT_WORD,
        need="ago earlier later now hence back",
    ),
    _rule(
        "duration",
        rf"{_B}{_DURMOD}(?:(?i:the)\s+(?:(?i:past|last|next|previous|coming|first|final|latest"
        rf"|following|same|full|entire|whole)\s+|(?=(?i:{L.NUMBER})\s)))?{_COUNT}[\s-]+"
        # "five business days", "eight trading days": days counted on a calendar of their own
        rf"(?:(?i:more|additional|full|straight|consecutive|long|trading|business|working"
        rf"|school)\s+)?(?i:{L.UNIT}){_MORE}"
        rf"(?:-(?i:long))?(?!-(?i:old)){_E}",
        handle_duration,
        near=_UNIT_WORD,
    ),
    # "a three-year period", "the 90-day span": the period is the head of the noun phrase, so
    # the phrase is the expression (in "the eight-year war" the war is, and "the" stays out).
    _rule(
        "duration_period",
        rf"{_B}(?i:an?\s+|the\s+)?{_DURMOD}{_COUNT}-{L.UNIT}{_MORE}(?:-(?i:long))?"
        rf"\s+(?i:period|span|stretch|window){_E}",
        handle_duration,
        near=_UNIT_WORD,
    ),
    _rule(
        "unit_long",
        rf"{_B}(?P<unit>(?i:hour|day|week|month|year|decade|century))-?(?i:long){_E}",
        handle_unit_long,
        near=r"(?i:long)",
        need="long",
    ),
    _rule(
        "bare_units",
        rf"{_B}(?:(?P<the>(?i:the))\s+(?!{_UNITS}-(?i:long|old))"
        rf"(?:(?P<order>(?i:first|last|final|early|closing|opening"
        rf"|ensuing|intervening|following|previous|preceding))\s+(?:(?i:few)\s+)?)?)?"
        rf"(?P<unit>{_UNITS})(?:\s+(?i:or|and)\s+{_UNITS})?"
        rf"(?P<tail>\s+(?i:ahead|to\s+come)|-(?i:long|old))?{_E}",
        handle_bare_units,
        near=_UNIT_WORD,
    ),
    _rule(
        "recent_units",
        rf"{_B}(?i:recent|past|(?:the\s+)?coming)\s+(?i:(?P<unit>days|weeks|months|quarters|years"
        rf"|decades))(?:\s+(?i:and|or)\s+{_UNITS})?{_E}",
        handle_recent_units,
        near=_UNIT_WORD,
    ),
    _rule(
        "set_word",
        # how many times is part of the set, as in "twice a week": "[twice daily]"
        rf"{_B}(?:(?i:once|twice|thrice|(?:{L.NUMBER})\s+times)\s+)?"
        rf"(?P<w>(?i:{'|'.join(L.SET_WORDS)})){_E}",
        handle_set_word,
        near=rf"(?i:{'|'.join(L.SET_WORDS)})",
        need=" ".join(L.SET_WORDS).lower(),
    ),
    _rule(
        "every",
        rf"{_B}(?i:every|each)\s+(?:(?P<other>(?i:other))\s+)?(?:(?P<wd>{L.WEEKDAY})"
        rf"(?:\s+(?P<wdpart>(?i:morning|afternoon|evening|night)))?"
        rf"|(?P<mon>{L.MONTH_FULL})|(?P<season>(?i:spring|summer|fall|autumn|winter))"
        rf"|(?P<daypart>(?i:morning|afternoon|evening|night))|(?P<weekend>(?i:weekend))"
        rf"|(?:(?P<num>(?i:{L.NUMBER}))\s+)?(?i:{L.UNIT})){_E}",
        handle_every,
        near=r"(?i:every|each)",
        need="every each",
    ),
    _rule(
        "a_unit_set",
        # "three days a week", "24 hours a day": a count of a smaller unit per period, one SET
        rf"{_B}(?:(?P<freq>(?i:once|twice|thrice|(?:{L.NUMBER})\s+times"
        rf"|(?:{L.NUMBER})[\s-]+(?:second|minute|hour|day|week|month)s?))\s+)?"
        rf"(?P<art>(?i:an?|per|each|every))\s+(?i:{L.UNIT}){_E}",
        handle_a_unit_set,
        near=_UNIT_WORD,
    ),
    _rule(
        "weekends",
        rf"{_B}(?P<every>(?i:every|each)\s+)?(?i:weekends){_E}",
        handle_weekends,
        need="weekends",
    ),
    _rule(
        "season",
        rf"{_B}{_DMOD}(?:(?P<rel>(?i:last|this|next|this\s+past|this\s+coming|the\s+coming"
        rf"|the\s+past|past|coming|the))\s+)?(?P<s>(?i:spring|summer|fall|autumn|winter))"
        rf"(?:\s+(?i:of\s+)?{_YS})?{_E}",
        handle_season,
        near=_SEASON_WORD,
    ),
    _rule(
        "clock",
        rf"{_B}(?:(?i:approximately|roughly)\s+)?"
        rf"(?P<h>\d{{1,2}})(?:[:.](?P<min>\d\d))?\s*(?P<ap>(?i:a\.m\.?|p\.m\.?|am|pm)(?!\w))"
        rf"(?:\s+{_ZONE})?",
        handle_clock,
        near=_AM_PM,
        need="am pm a.m p.m",
    ),
    _rule(
        "clock_24",
        rf"{_B}(?P<h>[01]?\d|2[0-3])[:.](?P<min>[0-5]\d)\s*{_ZONE}(?P<ap>)",
        handle_clock,
        near=_CLOCK_DIGITS,
    ),
    # The start of a range of clock times takes its half of the day from the end: "between [2]
    # and [4 p.m.]", "from [9:30] to [11 a.m.]", "from [11] to [1 p.m.]" (`handle_range_start`).
    _rule(
        "clock_range_start",
        r"(?:(?<=\bfrom\s)|(?<=\bbetween\s)|(?<=\bFrom\s)|(?<=\bBetween\s))"
        r"(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<min>[0-5]\d))?(?=\s*(?:-|\u2013|to|and|until)\s*"
        r"(?P<eh>1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s*(?P<ap>(?i:a\.m\.?|p\.m\.?|am|pm))(?!\w))",
        handle_range_start,
        near=_AM_PM,
        need="am pm a.m p.m",
    ),
    # A clock time without "a.m."/"p.m." after a preposition of time ("spoke at 10:30", "by
    # 14:45"): the hour as written; minutes in two digits keep scores ("won 3:2") out, and a
    # game clock ("scored at 4:12 of the third period", "with 1:30 left") is no time of day.
    _rule(
        "clock_bare",
        r"(?:(?<=\bat\s)|(?<=\bby\s)|(?<=\buntil\s)|(?<=\bafter\s)|(?<=\bbefore\s)"
        r"|(?<=\baround\s)|(?<=\bfrom\s))(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)(?P<ap>)"
        r"(?![\d:]|[.,]\d|\s+(?i:of|into|left|remaining|to\s+(?:go|play))\b)"
        rf"(?:\s+{_ZONE})?",
        handle_clock,
        near=_CLOCK_DIGITS,
    ),
    _rule(
        "clock_words",
        rf"{_B}(?:(?P<frac>(?i:half|(?:a\s+)?quarter))\s+(?P<rel>(?i:past|after|to))\s+)?"
        rf"(?P<h>(?i:{HOUR}))(?::(?P<min>\d\d))?(?P<oclock>\s+o['\u2019]clock)?"
        rf"(?:\s+(?P<dp>(?i:in\s+the\s+(?:morning|afternoon|evening)|at\s+night|tonight"
        rf"|(?:this|yesterday|tomorrow)\s+(?:morning|afternoon|evening)|(?:last|tomorrow)\s+night"
        rf")))?{_E}",
        handle_clock_words,
        near=_CLOCK_WORD,
    ),
    _rule(
        "day_part",
        rf"{_B}(?:(?i:the)\s+(?:(?:early|late)\s+)?(?P<part>morning|afternoon|evening|night)"
        rf"|(?P<dawn>{DAWN_DUSK})){_E}",
        handle_day_part,
        need=f"morning afternoon evening night {DAWN_DUSK.replace('|', ' ')}",
    ),
    _rule(
        "in_the_unit",
        rf"{_B}(?i:early|late|earlier|later)\s+(?i:in|during)\s+(?i:the)\s+"
        rf"(?P<unit>(?i:morning|afternoon|evening|night|day|week|month|year)){_E}",
        handle_in_the_unit,
        need="earl late",
    ),
    _rule(
        "noon",
        rf"{_B}(?P<w>(?i:noon|midday|midnight)){_E}",
        handle_noon,
        need="noon midday midnight",
    ),
    _rule(
        "holiday",
        rf"{_B}(?:(?P<rel>(?i:last|next))\s+|(?i:the)\s+(?=(?:{HOLIDAY})\s+(?i:weekend)))?"
        rf"(?P<hol>{HOLIDAY})(?P<wkend>\s+(?i:weekend))?{_E}",
        handle_holiday,
        near=HOLIDAY_WORD,
    ),
)

_JOIN_TIME_DAY = re.compile(r"^,?\s+$")
# "2 p.m. on Thanksgiving Day": the day is the clock time's, but "on" is a signal between two
# expressions (TimeML leaves prepositions out), so the two stay apart.
_TIME_ON_DAY = re.compile(r"^\s+(?i:on)\s+$")
_DAY_VALUE = re.compile(r"^(?:\d{4}|XXXX)-(?:\d\d|XX)-(?:\d\d|XX)$|^XXXX-WXX-\d$")
_YEAR_VALUE = re.compile(r"\d{4}(?:-\d\d)?")
_DAY_TIME_VALUE = re.compile(r"\d{4}-\d\d-\d\dT")


# The rules that read no English word: numeric dates ("2015-06-24", "24/06/2015"), for text
# in other languages.
NEUTRAL_RULES: tuple[_Rule, ...] = tuple(r for r in RULES if r.name == "numeric_date")


# How far a match reaches before its anchor word ("more than two and a half years", "the
# beginning of early March") and after it ("a year and a half or so", "March 3, 2015").
_BEFORE_ANCHOR, _AFTER_ANCHOR = 100, 60


def _windows(text: str, anchor: re.Pattern[str]) -> list[tuple[int, int]]:
    """The stretches of `text` within reach of an anchor word, merged where they overlap. A
    match of a rule holds its anchor word, so it lies inside one of them; a stretch ends well
    after its last anchor word, so no match is cut short at its end."""
    windows: list[tuple[int, int]] = []
    for m in anchor.finditer(text):
        lo, hi = max(0, m.start() - _BEFORE_ANCHOR), m.end() + _AFTER_ANCHOR
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _candidates(text: str, rules: tuple[_Rule, ...] = RULES) -> list[_Candidate]:
    found: list[_Candidate] = []
    # by the anchor's id: hashing a compiled pattern hashes all its code, at every lookup
    windows: dict[int, list[tuple[int, int]]] = {}
    lowered = ascii_lower(text)
    whole = [(0, len(text))]
    for rule in rules:
        if rule.need and lowered is not None and not any(w in lowered for w in rule.need):
            continue  # no word that every match holds: no match
        where = whole
        if rule.near is not None:
            known = windows.get(id(rule.near))
            if known is None:
                folded = _FOLDED.get(rule.near) if lowered is not None else None
                if folded is not None and lowered is not None:
                    known = _windows(lowered, folded)
                else:
                    known = _windows(text, rule.near)
                windows[id(rule.near)] = known
            where = known
        for lo, hi in where:
            for m in _matches(rule, text, lowered, lo, hi):
                if m.end() > m.start():
                    found.append((m.start(), m.end(), rule, m))
    return found


def _matches(
    rule: _Rule, text: str, lowered: str | None, lo: int, hi: int
) -> Iterator[re.Match[str]]:
    """The matches of `rule` in `text[lo:hi]`, as `finditer` finds them: where the rule has a
    pattern for the lowered text, the places it matches there, each matched again on the
    text (and the search taken up again right after a place that does not match there)."""
    if rule.folded is None or lowered is None:
        yield from rule.pattern.finditer(text, lo, hi)
        return
    at = lo
    while (place := rule.folded.search(lowered, at, hi)) is not None:
        m = rule.pattern.match(text, place.start(), hi)
        if m is not None:
            yield m
        at = place.start() + 1 if m is None else max(m.end(), place.start() + 1)


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
    if english:
        ref = dateline_day(text, ref) or ref  # a story counts from its dateline's day
    ctx = Context(anchor=Anchor(ref), text=text)
    results: list[Timex] = []
    scratch = Context(anchor=Anchor(ref), text=text, readings=ctx.readings)
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
        elif results and _on_day(results[-1], kind, value, text, start):
            prev = results[-1]
            results[-1] = replace(prev, value=_join(prev, value)[1], resolved=_is_resolved(value))
        if kind == "DATE" and granularity == "day":
            start, value = day_offset(text, start, value)
            while results and results[-1].end > start:
                results.pop()  # "two days" inside "two days after March 3"
        if granularity == "day" and _is_resolved(value):
            ctx.last_day = ctx.last_clock_day = value
            ctx.last_day_end = end
        if kind == "DATE" and _is_resolved(value) and _YEAR_VALUE.match(value):
            ctx.last_date = value
        elif kind == "TIME" and _DAY_TIME_VALUE.match(value):
            # "open at 10 a.m. Friday and stay open until 8 p.m.": Friday's 8 p.m.
            ctx.last_clock_day = value[:10]
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
            second = second_day(text, end, value)  # "April 24 and [25]"
            if second is not None:
                s, e, v = second
                results.append(Timex(s, e, text[s:e], "DATE", v, "day", _is_resolved(v)))
    return link_ranges(text, join_compounds(text, results), _is_resolved, ref)


def _joins(prev: Timex, kind: str, value: str, text: str, start: int) -> bool:
    """A clock time followed by its day ("10 p.m. Wednesday")."""
    if prev.type != "TIME" or not _JOIN_TIME_DAY.match(text[prev.end : start]):
        return False
    return kind == "DATE" and bool(_DAY_VALUE.match(value))


def _on_day(prev: Timex, kind: str, value: str, text: str, start: int) -> bool:
    """A clock time followed by "on" and its day ("2 p.m. on Thanksgiving Day")."""
    if prev.type != "TIME" or not _TIME_ON_DAY.match(text[prev.end : start]):
        return False
    return kind == "DATE" and bool(_DAY_VALUE.match(value)) and bool(_CLOCK_ONLY.search(prev.value))


# A clock time or a part of the day without its day: "[2 p.m.] on [Monday]", "[dawn] on
# [Wednesday]" (the part of that day, as "Wednesday morning" is).
_CLOCK_ONLY = re.compile(r"T(?:\d\d:\d\d|MO|AF|EV|NI|DT)$")


def _join(prev: Timex, value: str) -> tuple[TimexType, str]:
    clock = prev.value.split("T", 1)[1] if "T" in prev.value else ""
    return "TIME", f"{value}T{clock}"


def _is_resolved(value: str) -> bool:
    return bool(_TWO_DIGITS.match(value)) and "X" not in value


_TWO_DIGITS = re.compile(r"\d{2}")
