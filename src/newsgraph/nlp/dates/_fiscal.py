"""Handlers of the periods of business reporting: quarters and halves ("the third quarter",
"the first half of 1989", "this year's second quarter"), fiscal years ("fiscal 1988", "the
fiscal year"), the codes that stand for them ("Q3", "3Q19", "Q4 2019", "H1 2020", "FY2020"),
and the year-on-year comparisons that refer back to them ("a year earlier", "last year").

TimeML values them as the period they name: a quarter `2019-Q4`, a half `2020-H1`, a fiscal year
the year of its name (`FY2020` -> `2020`, as "fiscal 2020" is). A quarter or a code without its
year is the latest such period begun by the reference date, as a year-less month is, unless the
sentence looks ahead ("expects growth to return in Q3").

A code alone is also a name ("the Audi Q3", "a Q1 tank"): it is read as a time only after a
word that introduces a period ("in Q3", "for 3Q", "the company's Q2", "Q1 and Q2") or with
its year ("Q4 2019").

The context remembers the latest quarter named and where (`Context.last_quarter`): a results
story compares that quarter with the same quarter a year before, so "a year earlier" or "last
year" after it is that quarter of the previous year, until another period is named.
"""

from __future__ import annotations

import re

from newsgraph.nlp.dates import _lexicon as L
from newsgraph.nlp.dates._context import Context, Result, looks_ahead
from newsgraph.nlp.dates._tense import sentence_after, sentence_before

# Words that stand before a period of the reporting calendar: prepositions, determiners and a
# possessive ("in Q3", "the Q3 results", "its 2Q profit", "Apple's Q1", "Q1 and Q2").
_PERIOD_LEAD = re.compile(
    r"(?i)(?:\b(?:in|for|during|since|from|to|through|until|by|of|over|and|or|the|its|their"
    r"|our|this|last|next|first|latest|fiscal)|'s|\u2019s)\s+$"
)


def _full_year(m: re.Match[str]) -> str | None:
    """The year written after the code: "2019", "FY2019", or "'19" (this century's)."""
    if m["y"]:
        return str(m["y"])
    if m["yy"]:
        return f"20{m['yy']}"
    return None


def _introduced(m: re.Match[str], ctx: Context) -> bool:
    return bool(_PERIOD_LEAD.search(ctx.text, max(0, m.start() - 12), m.start()))


def handle_period_code(m: re.Match[str], ctx: Context) -> Result:
    """ "Q3" (`2021-Q3`), "3Q19", "Q4 2019", "H1 2020" (`2020-H1`)."""
    year = _full_year(m)
    if year is None and not _introduced(m, ctx):
        return None
    kind = (m["kind"] or m["kind2"]).upper()
    n = int(m["n"] or m["n2"])
    if kind == "H":
        if n > 2:
            return None
        return "DATE", f"{year or period_year(ctx, m, 6 * n - 5)}-H{n}", "half"
    value = f"{year or period_year(ctx, m, 3 * n - 2)}-Q{n}"
    ctx.last_quarter, ctx.last_quarter_end = value, m.end()
    return "DATE", value, "quarter"


def handle_fy(m: re.Match[str], ctx: Context) -> Result:
    """ "FY2020", "FY 2020", "FY20": the fiscal year of that name."""
    year = m["y"] or f"20{m['yy']}"
    return "DATE", year, "year"


# A figure compared with one "last year" ("a loss of $3 million, compared with a profit of $2
# million last year"): after a quarter, the comparison is year on year, so "last year" is that
# quarter of the year before, as "a year earlier" is (`handle_year_earlier`).
_COMPARED = re.compile(
    r"(?i)\b(?:compared\s+(?:with|to)|against|versus|vs\.|(?:up|down|increase|decrease|rise"
    r"|gain|drop|decline)\s+from|corresponding\s+period|same\s+period)\b[^.;]*$"
)


# A period named between the quarter and the comparison is the one compared: "In the nine
# months, net rose to $30 million from $25 million last year" compares the nine months.
_OTHER_PERIOD = re.compile(
    r"(?i)\b(?:\w+[\s-]+months|(?:the|full|fiscal|calendar)[\s-]+year(?![\s-]+(?:ago|earlier))"
    r"|year\s+ended|\d{4})\b"
)
_QUARTER_REACH = 300


def same_quarter(ctx: Context, m: re.Match[str]) -> str:
    """ "the quarter", "that quarter", "the latest period": the quarter the text last named,
    named again here (so a comparison after it is with this mention), else the last one
    ended before the reference date."""
    if ctx.last_quarter is None:
        return ctx.anchor.quarter(-1)
    ctx.last_quarter_end = m.end()
    return ctx.last_quarter


# The farthest a year-on-year comparison ("a year earlier") reaches back to its quarter: a few
# paragraphs of an earnings story.
_COMPARISON_REACH = 3000


def compared_quarter(ctx: Context, m: re.Match[str]) -> str | None:
    """The quarter a year-on-year comparison speaks of: the latest the text named, unless
    another period was named since ("For the nine months, net was $30 million, against $25
    million a year earlier" compares the nine months)."""
    quarter, since = ctx.last_quarter, ctx.last_quarter_end
    if not quarter or not quarter[:4].isdigit() or since > m.start():
        return None
    if m.start() - since > _COMPARISON_REACH:
        return None  # too far back to be what the figure is compared with (and a bounded search)
    if _OTHER_PERIOD.search(ctx.text, since, m.start()):
        return None
    return quarter


def compares_quarter(ctx: Context, m: re.Match[str]) -> bool:
    """A year-on-year comparison of the quarter the text has just named: a figure compared
    with "last year" within reach of the quarter (`_compared_quarter`)."""
    if compared_quarter(ctx, m) is None or m.start() - ctx.last_quarter_end > _QUARTER_REACH:
        return False
    return bool(_COMPARED.search(ctx.text, max(0, m.start() - 80), m.start()))


# "the year ended March 31", "the fiscal year ending June 30": twelve months that end on a day
# other than December 31 are no calendar year, so TIMEX3 can write them only as a span of a
# year (`P1Y`); the year "ended Dec. 31" is the calendar year. Example: "Revenue for the year
# ended June 30 rose 4%."
_YEAR_ENDED = re.compile(
    rf"\s+(?i:ended|ending|that\s+ended|which\s+ended|that\s+ends)\s+(?:(?P<mon>{L.MONTH})\s+"
    rf"(?P<d>\d{{1,2}})(?!\d)(?:,?\s+(?P<y>(?:19|20)\d\d))?|(?P<deictic>(?i:today|tomorrow)))"
)
_DEICTIC_OFFSET = {"today": 0, "tomorrow": 1}


_YEAR_WORD = re.compile(r"(?i)\byear\b")


def year_ended(ctx: Context, end: int) -> Result:
    """ "the year ended Sept. 30" or "the fiscal year ending tomorrow" (`P1Y`), or "the year
    ended Dec. 31, 2023" (`2023`), from the words after "the year" (`end`); None when no end
    date follows."""
    m = _YEAR_ENDED.match(ctx.text, end)
    if m is None:
        return None
    if m["deictic"]:
        last = ctx.anchor.day(_DEICTIC_OFFSET[m["deictic"].lower()])
    elif m["y"]:
        last = f"{m['y']}-{L.MONTHS[m['mon'].lower().rstrip('.')]:02d}-{int(m['d']):02d}"
    else:
        last = ctx.anchor.month_day(
            L.MONTHS[m["mon"].lower().rstrip(".")], int(m["d"]), future=False
        )
    if last[4:] == "-12-31":
        return "DATE", last[:4], "year"
    return "DURATION", "P1Y", None


def handle_fiscal_year(m: re.Match[str], ctx: Context) -> Result:
    """ "fiscal 1988", "the fiscal year", "the fiscal year ended June 30"."""
    if m["y"]:
        return "DATE", m["y"], "year"
    if not _YEAR_WORD.search(m[0]):
        return None  # "fiscal" alone is an adjective: "the fiscal cliff", "fiscal policy"
    if not m["mod"] and (span := year_ended(ctx, m.end())) is not None:
        return span
    before = ctx.text[max(0, m.start() - 12) : m.start()].lower()
    if re.search(r"\b(?:during|over|in)\s*$", before):
        return "DURATION", "P1Y", None
    return "DATE", ctx.anchor.year(0), "year"


# After "the first half": a half of something other than a year ("the first half hour", "the
# second half of the game").
_HALF_OF_OTHER = re.compile(
    r"(?i)\s+(?:hour|mile|dozen|point|time)\b"
    # "the second half of the 1990s": a half of a decade, no half-year
    r"|\s+of\s+(?!(?:the\s+|this\s+|last\s+|next\s+)?(?:fiscal|calendar|year|\d{4}(?!'?s)))"
)


def handle_quarter(m: re.Match[str], ctx: Context) -> Result:
    """ "the third quarter", "the fourth quarter of 1989", "the first half", "the last half of
    1989", "the first half of next year" (the second half: "last" and "latter" name one only
    with the year given, since "the last quarter" alone is the one before the present)."""
    ordinal = m["ord"].lower()
    unit = m["unit"].lower()
    year = m["y"]
    if not (year or m["rel"] or m["fy"] or "year" in m[0].lower()) and _in_game(ctx, m):
        return None
    if m["rel"]:  # "the third quarter of last year"
        year = ctx.anchor.year(_YEAR_SHIFT[m["rel"].lower()])
        if not year[:1].isdigit():
            year = None
    if ordinal in ("last", "latter", "final"):
        # "the final quarter" is the fourth even without its year, where "the last quarter"
        # alone is the one before the present
        if (not year and ordinal != "final") or m["plural"]:
            return None
        n = 2 if unit == "half" else 4
    else:
        n = L.ORDINALS[ordinal]
    if unit == "half":
        if n > 2 or _HALF_OF_OTHER.match(ctx.text, m.end()):
            return None
        return "DATE", f"{year or period_year(ctx, m, 6 * n - 5)}-H{n}", "half"
    if n > 4:
        return None
    value = f"{year or period_year(ctx, m, 3 * n - 2)}-Q{n}"
    ctx.last_quarter, ctx.last_quarter_end = value, m.end()
    if m["plural"]:
        return "SET", f"XXXX-Q{n}", "set"
    return "DATE", value, "quarter"


# A quarter or a half of a game ("scored 12 points in the fourth quarter", "both goals came in
# the first half"): a part of the match, no period of the calendar; told by words of play in
# its sentence. Words that business copy shares ("points", "goal", "game", "match", "led")
# and scores ("5-4" is also a vote) are no cue.
_GAME_CUE = re.compile(
    r"(?i)\b(?:scored|scoring|scoreless|goals|touchdowns?|halftime|half-time|quarterback"
    r"|innings|rebounds|assists|field\s+goals?|free\s+throws?|three-pointers?|kickoff"
    r"|overtime|buzzer|trailed|trailing|equali[sz]ed|equali[sz]er|substitutes?|striker"
    r"|midfielder|goalkeeper|free\s+kicks?|penalty\s+(?:kicks?|spot|area))\b"
)


def _in_game(ctx: Context, m: re.Match[str]) -> bool:
    around = sentence_before(ctx.text, m.start(), 150) + sentence_after(ctx.text, m.end(), 150)
    return _GAME_CUE.search(around) is not None


def handle_month_quarter(m: re.Match[str], ctx: Context) -> Result:
    """ "the July-September quarter", "the April-June quarter of 2025": the calendar quarter
    its three months make, the year found as for "the third quarter"; months that make no
    calendar quarter (a fiscal "August-October quarter") are left to the month rules."""
    first = L.MONTHS[m["m1"].lower().rstrip(".")]
    last = L.MONTHS[m["m2"].lower().rstrip(".")]
    if first % 3 != 1 or last != first + 2:
        return None
    value = f"{m['y'] or period_year(ctx, m, first)}-Q{(first + 2) // 3}"
    ctx.last_quarter, ctx.last_quarter_end = value, m.end()
    return "DATE", value, "quarter"


def period_year(ctx: Context, m: re.Match[str], first_month: int) -> str:
    """The year of a quarter or a half named without one: the latest that has begun by the
    reference date, as for a month ("profit fell in the fourth quarter", told in January, is
    last year's), unless the sentence looks ahead."""
    ref = ctx.anchor.ref
    if ref is None:
        return "XXXX"
    if first_month > ref.month and not looks_ahead(ctx, m):
        return str(ref.year - 1)
    return str(ref.year)


# A span of months a results story reports on besides its quarter: "the nine months", "the
# first six months", "the 12 months ended June 30".
_MONTHS_SPAN = re.compile(r"(?i)(three|six|nine|twelve|\d{1,2})[\s-]+months")
_MONTHS = {"three": 3, "six": 6, "nine": 9, "twelve": 12}


def compared_span(ctx: Context, m: re.Match[str]) -> str | None:
    """The span of months that "the year-earlier period" is the same span of, a year back
    (`P9M` after "For the nine months, net rose ..."): the latest period the text named
    before it, when that is a span of months named after the latest quarter, within reach."""
    lo = max(ctx.last_quarter_end if ctx.last_quarter else 0, m.start() - _COMPARISON_REACH)
    named = list(_OTHER_PERIOD.finditer(ctx.text, lo, m.start()))
    span = _MONTHS_SPAN.fullmatch(named[-1][0]) if named else None
    if span is None:
        return None
    n = _month_count(span[1])
    return f"P{n}M" if 0 < n <= 12 else None


def _month_count(word: str) -> int:
    return _MONTHS[word.lower()] if word.lower() in _MONTHS else int(word)


def handle_year_earlier(m: re.Match[str], ctx: Context) -> Result:
    """ "A year earlier" after a quarter is that quarter of the year before (business news'
    year-on-year comparison: "sales fell in the third quarter, against a rise a year earlier").
    "The year-earlier nine months" is a span of nine months (`P9M`, as "the nine months" is),
    and so is "the year-earlier period" when the period the text last named is one."""
    if m["span"]:
        return "DURATION", f"P{_month_count(m['span'])}M", None
    quarter = compared_quarter(ctx, m)
    if quarter is not None:
        return "DATE", ctx.anchor.year_of(quarter, -1), "quarter"
    if (m["what"] or "").lower() == "period" and (span := compared_span(ctx, m)) is not None:
        return "DURATION", span, None
    return "DATE", ctx.anchor.year(-1), "year"


def handle_same_period_before(m: re.Match[str], ctx: Context) -> Result:
    """ "the same period last year", "the comparable quarter a year earlier", "the
    corresponding period of 1988": the period a results story compares, a year back (or in
    the year named): the quarter it last named, or the span of months named since ("For the
    nine months, ... against the same period last year": `P9M`), else the year."""
    quarter = compared_quarter(ctx, m)
    if quarter is None and m["what"].lower() == "quarter" and ctx.last_quarter:
        quarter = ctx.last_quarter if ctx.last_quarter[:4].isdigit() else None
    if quarter is not None:
        value = f"{m['y']}{quarter[4:]}" if m["y"] else ctx.anchor.year_of(quarter, -1)
        return "DATE", value, "quarter"
    if m["what"].lower() == "period" and (span := compared_span(ctx, m)) is not None:
        return "DURATION", span, None
    return "DATE", m["y"] or ctx.anchor.year(-1), "year"


_YEAR_SHIFT = {"last": -1, "this": 0, "next": 1}


def handle_year_quarter(m: re.Match[str], ctx: Context) -> Result:
    """ "this year's third quarter", "the 1988 second quarter", "the 1988 period"."""
    rel = (m["rel"] or "").lower()
    year = m["y"] if m["y"] else ctx.anchor.year(_YEAR_SHIFT.get(rel, 0))
    if m["ord"]:
        q = L.ORDINALS[m["ord"].lower()]
        value = f"{year}-Q{q}"
        ctx.last_quarter, ctx.last_quarter_end = value, m.end()
        return "DATE", value, "quarter"
    what = m["what"].lower()
    # "the 1988 period" is the quarter the text compares, unless another period ("the nine
    # months") was named since: then the year it names; "the 1988 quarter" is a quarter
    quarter = compared_quarter(ctx, m) if what == "period" else ctx.last_quarter
    if quarter and quarter[:4].isdigit():
        return "DATE", f"{year}{quarter[4:]}", "quarter"
    if what == "quarter":
        return "DATE", f"{year}-QX", "quarter"
    return "DATE", year, "year"


def handle_latest_period(m: re.Match[str], ctx: Context) -> Result:
    return "DATE", same_quarter(ctx, m), "quarter"
