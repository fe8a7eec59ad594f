"""Handlers of the time-expression rules: each reads one match and returns its TIMEX3 type,
value and granularity (see `newsgraph.nlp.dates.timex` for the conventions)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsgraph.nlp.dates import _lexicon as L
from newsgraph.nlp.dates._calendar import Anchor, iso_week
from newsgraph.nlp.dates._context import (
    Context,
    Result,
    ahead_in_sentence,
    happened,
    looks_ahead,
    tense_at,
)
from newsgraph.nlp.dates._fiscal import (
    compared_quarter,
    compares_quarter,
    same_quarter,
    year_ended,
)
from newsgraph.nlp.dates._tense import sentence_before


def count_value(raw: str | None) -> float | None:
    """A number in digits or words; None when vague ("several", "a few")."""
    if raw is None:
        return None
    s = raw.lower().replace(",", "").strip()
    half = re.fullmatch(r"(\d+)\s+1/2", s)
    if half:
        return float(half[1]) + 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    extra = 0.0
    if s.endswith("and a half"):  # "two and a half"
        s, extra = s[: -len("and a half")].strip(), 0.5
    words = [w for w in re.split(r"[\s-]+", s) if w and w not in ("and", "of")]
    if len(words) > 1 and words[0] in ("a", "an"):
        words = words[1:]  # "a couple", "a hundred"
    if len(words) == 2 and words[0] == "half" and words[1] in ("a", "an"):
        return 0.5  # "half a century"
    if words[:1] == ["quarter"] and words[1:] in ([], ["a"], ["an"]):
        return 0.25  # "a quarter of a century", "a quarter century"
    if not words or any(w in L.VAGUE_NUMBERS for w in words):
        return None
    total, current = 0.0, 0.0
    for w in words:
        v = L.NUMBER_WORDS.get(w)
        if v is None:
            return None
        if w == "half" and current == 0 and total == 0:
            current = 0.5
        elif v in (100, 1000):
            current = (current or 1) * v
            if v == 1000:
                total, current = total + current, 0.0
        else:
            current += v
    return total + current + extra


def _fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _unit_key(unit: str) -> str:
    u = unit.lower()
    if u.endswith("s") and u not in ("millennia",):
        u = u[:-1]
    return "century" if u == "centurie" else u


# Fractions of a unit go to the next smaller one: 2 1/2 years = P2Y6M, 5 1/2 hours = PT5H30M.
_SPLIT = {"year": ("M", 12, "P"), "hour": ("M", 60, "PT"), "day": ("H", 24, "P"),
          "month": ("D", 30, "P"), "minute": ("S", 60, "PT")}  # fmt: skip


def duration_value(n: float | None, unit: str) -> str:
    """The TIMEX3 duration of `n` units (`X` for an unknown count): `P3Y`, `PT90M`, `P2Y6M`."""
    u = _unit_key(unit)
    code = L.UNIT_CODES.get(u, "X")
    if u == "fortnight":
        n = None if n is None else n * 2
    if u == "decade":
        n, code = (None if n is None else n * 10), "Y"
    if u == "century":
        n, code = (None if n is None else n * 100), "Y"
    if n is not None and not float(n).is_integer() and u in _SPLIT:
        whole, smaller, factor, prefix = int(n), *_SPLIT[u]
        rest = _fmt(round((n - whole) * factor, 3))
        head = f"{whole}{code}" if whole else ""
        return f"{prefix}{head}{'T' if u == 'day' else ''}{rest}{smaller}"
    amount = "X" if n is None else _fmt(n)
    return f"PT{amount}{code}" if u in L.TIME_UNITS else f"P{amount}{code}"


def granularity_of(value: str) -> str | None:
    if value.endswith("_REF"):
        return "ref"
    if value.startswith("P"):
        return None
    if "T" in value[10:11] or re.search(r"T\d|T[A-Z]{2}$", value):
        return "time"
    for pattern, name in (
        (r"^[\dX]{4}-[\dX]{2}-[\dX]{2}$", "day"),
        (r"^[\dX]{4}-W[\dX]{2}-WE$", "weekend"),
        (r"^[\dX]{4}-W[\dX]{2}-\d$", "day"),
        (r"^[\dX]{4}-W[\dX]{2}$", "week"),
        (r"^[\dX]{4}-[\dX]{2}$", "month"),
        (r"^[\dX]{4}-Q[\dX]$", "quarter"),
        (r"^[\dX]{4}-H\d$", "half"),
        (r"^[\dX]{4}-(?:SP|SU|FA|WI)$", "season"),
        (r"^[\dX]{4}$", "year"),
        (r"^[\dX]{3}$", "decade"),
        (r"^[\dX]{2}$", "century"),
    ):
        if re.match(pattern, value):
            return name
    return None


# -- handlers -----------------------------------------------------------------------------------


def _month_num(raw: str) -> int:
    return L.MONTHS[raw.lower().rstrip(".")]


def handle_month_day(m: re.Match[str], ctx: Context) -> Result:
    month = _month_num(m["mon"])
    day = int(m["d"])
    if not 1 <= day <= 31:
        return None
    if m["y"]:
        value = f"{int(m['y']):04d}-{month:02d}-{day:02d}"
    elif (year := _framing_year(ctx, m)) is not None:
        value = f"{year}-{month:02d}-{day:02d}"
    else:
        future = looks_ahead(ctx, m)
        tense = "future" if future else tense_at(ctx, m)
        past = tense == "past"
        if tense is None and ahead_in_sentence(ctx, m):
            future = True
        value = ctx.anchor.month_day(
            month, day, future=future, in_past=past, happened=past and happened(ctx, m)
        )
        weekday = m.groupdict().get("wd")
        if weekday:
            value = _year_of_weekday(value, L.WEEKDAYS[weekday.lower()], ctx)
    return "DATE", value, "day"


# A year fronted in its sentence, the frame of what the sentence tells: "In 2015, the
# river burst its banks in March" (the March of 2015).
_FRAMING_YEAR = re.compile(
    r"^\s*(?:In|By|During|Throughout)\s+(?:(?:early|late)\s+|mid-)?(?P<y>(?:1[6-9]|20)\d\d),?\s"
)


def _framing_year(ctx: Context, m: re.Match[str]) -> str | None:
    """The year a sentence opens with ("In 2015, ..."), for a year-less month or day later in
    it; else None."""
    if ctx.anchor.ref is None:
        return None
    frame = _FRAMING_YEAR.match(sentence_before(ctx.text, m.start(), 200))
    return None if frame is None else frame["y"]


def _year_of_weekday(value: str, weekday: int, ctx: Context) -> str:
    """A year-less day given with its weekday ("Monday, March 3") falls in the year, of the
    one before, the reference date's and the one after, where that day is that weekday: the
    calendar names at most one of the three. With none, the day as the tense chose it."""
    ref = ctx.anchor.ref
    if ref is None or not _is_resolved_day(value):
        return value
    chosen = date.fromisoformat(value)
    if chosen.isoweekday() == weekday:
        return value
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            day = chosen.replace(year=year)
        except ValueError:  # Feb. 29
            continue
        if day.isoweekday() == weekday:
            return day.isoformat()
    return value


def _year_text(m: re.Match[str]) -> str | None:
    """The year in digits or in words ("nineteen ninety-four")."""
    if m["y"]:
        return str(m["y"])
    if m["yw"]:
        tail = count_value(m["yw"].split(None, 1)[1])
        if tail is not None and 0 <= tail < 100:
            return f"19{int(tail):02d}"
    return None


def handle_numeric_date(m: re.Match[str], ctx: Context) -> Result:
    """2015-06-24, 24/06/2015, 6/24/2015 (day first unless that cannot be a date)."""
    if m["iso_y"]:
        year, month, day = int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"])
    else:
        a, b, year = int(m["a"]), int(m["b"]), int(m["yy"])
        if year < 100:
            year += 2000 if year < 50 else 1900
        day, month = (a, b) if b <= 12 else (b, a)
    try:
        return "DATE", date(year, month, day).isoformat(), "day"
    except ValueError:
        return None


def handle_month_year(m: re.Match[str], ctx: Context) -> Result:
    year = _year_text(m)
    if year is None:
        return None
    return "DATE", f"{year}-{_month_num(m['mon']):02d}", "month"


_MAY_CONTEXT = re.compile(
    r"(?i)\b(?:in|since|until|till|by|from|of|through|early|late|mid|last"
    r"|next|this|before|after|during|between|and|to|on)\s*-?$"
)


# A month name after an article and before a preposition is a noun, not the month: "the March
# on Washington", "a March for Science" (but "in March for the first time" keeps the month, and
# "the March 1 deadline" or "the March meeting" are dates).
_MONTH_AS_NOUN = re.compile(
    r"(?i)\b(?:the|a|an|annual|this\s+year's|last\s+year's)\s*[`'\"\u201c\u2018]*\s*$"
)
_NOUN_AFTER = re.compile(r"\s+(?:of|for|on|against|to|through|from)\s+(?!\d)")


def handle_month_rel_year(m: re.Match[str], ctx: Context) -> Result:
    """ "February this year", "July last year"."""
    year = ctx.anchor.year(_rel_shift(m["rel"]))
    return "DATE", f"{year}-{_month_num(m['mon']):02d}", "month"


def handle_week_of(m: re.Match[str], ctx: Context) -> Result:
    """ "the week of March 6": the ISO week of that day."""
    day = handle_month_day(m, ctx)
    if day is None or not _is_resolved_day(day[1]):
        return "DATE", "XXXX-WXX", "week"
    return "DATE", iso_week(date.fromisoformat(day[1])), "week"


def _is_resolved_day(value: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d\d-\d\d", value))


def handle_month(m: re.Match[str], ctx: Context) -> Result:
    name = m["mon"]
    before = ctx.text[max(0, m.start() - 12) : m.start()].rstrip()
    if name == "May" and not (m["rel"] or m["mod"]) and not _MAY_CONTEXT.search(before):
        return None
    if (
        not (m["rel"] or m["mod"])
        and _MONTH_AS_NOUN.search(before)
        and _NOUN_AFTER.match(ctx.text, m.end())
    ):
        return None  # "the March of Dimes", "the annual March for Life": a march, a name
    month = _month_num(name)
    rel = (m["rel"] or "").lower().split()
    shift = -1 if rel[:1] in (["last"], ["past"]) else 1 if rel[:1] in (["next"], ["coming"]) else 0
    if rel == ["this"]:
        return "DATE", f"{ctx.anchor.year(0)}-{month:02d}", "month"
    if not rel and (year := _framing_year(ctx, m)) is not None:
        return "DATE", f"{year}-{month:02d}", "month"
    future = looks_ahead(ctx, m)
    tense = "future" if future else tense_at(ctx, m)
    past = tense == "past"
    if tense is None and ahead_in_sentence(ctx, m):
        future = True
    value = ctx.anchor.named_month(
        month, future=future, shift=shift, in_past=past, happened=past and happened(ctx, m)
    )
    return "DATE", value, "month"


# An owner before a model year: "a 2012 Honda", "Reyes's 1994 Toyota", "their 2019 Subaru".
_OWNER_BEFORE = re.compile(r"(?:\b(?i:a|an|his|her|their|its|my|our|your)|['\u2019]s)\s+$")
_MAKE_AFTER = re.compile(r"\s+([A-Z][A-Za-z-]+)")


def _model_year(m: re.Match[str], ctx: Context) -> bool:
    """A year that names a vehicle's model, not a time: "his 2012 Honda Civic"."""
    make = _MAKE_AFTER.match(ctx.text, m.end())
    if make is None or make[1].lower() not in L.VEHICLE_MAKES:
        return False
    return _OWNER_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start()) is not None


def handle_year(m: re.Match[str], ctx: Context) -> Result:
    year = int(m["y"])
    before = ctx.text[max(0, m.start() - 2) : m.start()]
    if before.endswith(("$", "#", "No. ")) or re.search(r"[\d$£€.,]$", before):
        return None
    if not 1600 <= year <= 2100 or _model_year(m, ctx):
        return None
    return "DATE", str(year), "year"


def handle_decade(m: re.Match[str], ctx: Context) -> Result:
    """ "the 1990s", "the mid-'70s", "the Sixties"; "the 1800s" is a century (`18`), as
    "the 1900s" is: the hundreds before 2000 name their century, where "the 2000s" is most
    often the decade."""
    if m["c"] and m["d"] == "0" and int(m["c"]) < 20:
        return "DATE", m["c"], "century"
    if m["c"]:
        value = f"{m['c']}{m['d']}"
    elif m["d2"]:
        value = f"19{m['d2']}"
    else:
        value = f"19{L.DECADE_WORDS[m['word'].lower()]}"
    return "DATE", value, "decade"


def handle_century(m: re.Match[str], ctx: Context) -> Result:
    raw = m["n"].lower()
    n = int(re.sub(r"\D", "", raw)) if raw[0].isdigit() else L.ORDINALS.get(raw)
    if n is None:
        return None
    return "DATE", f"{n - 1:02d}", "century"


def part_code(raw: str) -> str:
    """TIMEX3 part-of-day code: "Friday night" -> NI, "mid-afternoon" -> AF."""
    word = raw.lower()
    for key, code in (("morning", "MO"), ("afternoon", "AF"), ("evening", "EV")):
        if key in word:
            return code
    return "NI"


# A weekday coordinated with a plural one shares its plural: "flights leave on Monday and
# Tuesday nights" are the nights of every Monday and Tuesday, a recurrence.
_SHARED_PLURAL = re.compile(
    rf"\s+(?:and|or)\s+{L.WEEKDAY}(?:s|\s+(?P<parts>(?i:mornings|afternoons|evenings|nights)))"
    r"(?![\w'])"
)


def handle_weekday(m: re.Match[str], ctx: Context) -> Result:
    """ "Tuesday", "last Friday", "next Monday night", and "the previous Friday" or "the
    following Monday", counted from the narrative's day ("On March 3 ... the following
    Monday")."""
    wd = L.WEEKDAYS[m["wd"].lower()]
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    shared = None if rel or m["part"] else _SHARED_PLURAL.match(ctx.text, m.end())
    if shared is not None:
        part = shared["parts"]
        return "SET", f"XXXX-WXX-{wd}{f'T{part_code(part)}' if part else ''}", "set"
    if rel.startswith("the "):
        anchor = _narrative(ctx, "day")
        value = anchor.weekday(wd, -1 if _rel_shift(rel) < 0 else 1)
        if anchor.ref is not None and value == anchor.day():
            value = anchor.day(-7 if _rel_shift(rel) < 0 else 7)
    elif rel.startswith("last") or rel.endswith("past"):
        value = ctx.anchor.weekday(wd, -1)
        if ctx.anchor.ref is not None and value == ctx.anchor.day():
            value = ctx.anchor.day(-7)
    elif rel in ("next", "this coming", "coming"):
        value = ctx.anchor.weekday(wd, 1)
        if ctx.anchor.ref is not None and value == ctx.anchor.day():
            value = ctx.anchor.day(7)
    elif looks_ahead(ctx, m):
        value = ctx.anchor.weekday(wd, 1)
        after = _coming_day_before(ctx, m)
        if after is not None and value < after:
            # "will visit Paris on Monday and fly to Berlin on Friday": a plan is told in its
            # order, so the later weekday is the one after the coming day named before it
            value = Anchor(date.fromisoformat(after)).weekday(wd, 1)
    else:
        value = ctx.anchor.weekday(wd, -1)
    part = m["part"]
    if part:
        return "TIME", f"{value}T{part_code(part)}", "time"
    return "DATE", value, "day"


def _coming_day_before(ctx: Context, m: re.Match[str]) -> str | None:
    """The day named last before the match, in its sentence and at most 150 characters back,
    where that day lies after the reference date; else None."""
    last, end, ref = ctx.last_day, ctx.last_day_end, ctx.anchor.ref
    if last is None or ref is None or len(last) != 10 or not 0 <= end <= m.start():
        return None
    gap = m.start() - end
    if gap > 150 or len(sentence_before(ctx.text, m.start(), gap)) < gap:
        return None  # too far, or a sentence ends between them
    return last if last[:4].isdigit() and last > ref.isoformat() else None


_DAY_OFFSETS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "this": 0, "last": -1}


def handle_deictic_day(m: re.Match[str], ctx: Context) -> Result:
    word = m["w"].lower()
    offset = _DAY_OFFSETS[word]
    part = (m["part"] or "").lower()
    if word == "tonight":
        part = "night"
    if (word == "last" and part != "night") or (word == "this" and not part):
        return None
    value = ctx.anchor.day(offset)
    if part:
        return "TIME", f"{value}T{part_code(part)}", "time"
    return "DATE", value, "day"


# "the then current mayor": current at a time the text has moved back to, a past one.
_THEN = re.compile(r"(?i)\bthen\s+$")


def handle_ref(m: re.Match[str], ctx: Context) -> Result:
    """ "now", "currently", "recently", "the future"; "more recently" is the past as
    "recently" is, and "the then current champion" is current at a past time (`PAST_REF`)."""
    key = re.sub(r"\s+", " ", m[0].lower())
    then = key.startswith("then ")
    key = key.removeprefix("more ").removeprefix("then ")
    value = L.REFS.get(key)
    if value is None:
        return None
    if value == "PRESENT_REF" and (
        then or _THEN.search(ctx.text, max(0, m.start() - 8), m.start())
    ):
        return "DATE", "PAST_REF", "ref"
    return "DATE", value, "ref"


def _rel_shift(rel: str) -> int:
    rel = re.sub(r"\s+", " ", rel.lower())
    if rel in ("last", "past", "previous", "the past", "the previous", "the last", "this past",
               "the preceding", "the prior"):  # fmt: skip
        return -1
    if rel in ("next", "coming", "the coming", "the next", "the following", "this coming"):
        return 1
    return 0


_YEAR_OR_MONTH = re.compile(r"\d{4}(?:-\d\d)?")


# Words that count from the narrative's time, not the reader's: "the following week" is the
# week after the one the story is telling of, "the previous day" the day before it.
_ANAPHORIC = ("the following", "the previous", "the preceding", "the prior")


def _narrative(ctx: Context, unit: str) -> Anchor:
    """The anchor of the narrative's time: its latest day (or, for a month or a year, its
    latest month), else the reference date."""
    last = ctx.last_day if unit in ("day", "week", "weekend") else ctx.last_date or ctx.last_day
    if last and re.fullmatch(r"\d{4}(?:-\d\d(?:-\d\d)?)?", last):
        year, month, day = (last + "-01-01")[:10].split("-")
        return Anchor(date(int(year), int(month), int(day)))
    return ctx.anchor


_WORD_BEFORE = re.compile(r"([A-Za-z][\w'-]*)\W*$")
_QUOTE_BEFORE = re.compile('["\u201c`]$')


def _is_title(m: re.Match[str], ctx: Context) -> bool:
    """A time expression written in title case inside running text is part of a name: the
    television programme "This Week", the newspaper "Next Year" ("speaking on ABC's This Week
    with ..."). Title case is a capital on a word after the first; the running text is a word
    before it without one, or an opening quotation mark right before it (a headline in title
    case stays a time: "Stocks Fell Last Week")."""
    words = m[0].split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return False
    if _QUOTE_BEFORE.search(ctx.text, max(0, m.start() - 2), m.start()):
        return True  # a quoted title: 'appeared on NBC's "This Week" program'
    before = _WORD_BEFORE.search(ctx.text, max(0, m.start() - 30), m.start())
    return before is not None and before[1][:1].islower()


def handle_relative_period(m: re.Match[str], ctx: Context) -> Result:
    """ "last week", "next month", "this quarter", "the past year" (a stretch: `P1Y`), "the
    following week" and "the previous day" (from the narrative's time)."""
    if _is_title(m, ctx):
        return None
    unit = m["unit"].lower()
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    shift = _rel_shift(rel)
    if unit == "day":
        if rel not in (*_ANAPHORIC, "the next"):
            return None  # "the last day of trading", "the past day"
        coarse = ctx.last_date
        if coarse is not None and _YEAR_OR_MONTH.fullmatch(coarse) and coarse != ctx.last_day:
            # "The crash came in 1987. The next day, ...": a day of the narrative's year (or
            # month) that the text leaves open, not the day after the time of writing
            return "DATE", (coarse + "-XX-XX")[:10], "day"
        return "DATE", _narrative(ctx, unit).day(shift), "day"
    if rel in _ANAPHORIC and unit == "quarter":
        # "up 4% from the previous quarter": a calendar quarter, the one before the quarter
        # the text reports on (without one, before the quarter under way), as "the previous
        # week" is a week
        return "DATE", _quarter_moved(ctx.last_quarter or ctx.anchor.quarter(0), shift), "quarter"
    told = unit in _UNIT_WIDTH and (rel in _ANAPHORIC or _next_told(ctx, m, rel, unit))
    if told and not m["mod"]:
        ctx = Context(anchor=_narrative(ctx, unit), text=ctx.text, readings=ctx.readings)
    elif rel.startswith("the ") and shift != 0 and unit != "decade" and not m["mod"]:
        if unit in L.SEASON_CODES:  # "the coming winter": a season, not a stretch
            return "DATE", _season_told(ctx, m, rel, L.SEASON_CODES[unit], shift), "season"
        # "the past year", "the next month": a stretch of time, not a calendar unit.
        return "DURATION", duration_value(1, unit), None
    anchor = ctx.anchor
    if unit in L.SEASON_CODES:
        value = anchor.season(L.SEASON_CODES[unit], shift, future=looks_ahead(ctx, m))
        return "DATE", value, "season"
    if unit == "week":
        return "DATE", anchor.week(shift), "week"
    if unit == "weekend":
        if rel == "this" and _past_weekend(anchor) and tense_at(ctx, m) == "past":
            # "This weekend's storms killed three" on a Monday: the weekend just past, as the
            # week's own one is still to come
            shift = -1
        return "DATE", anchor.weekend(shift), "weekend"
    if unit == "month":
        return "DATE", anchor.month(shift), "month"
    if unit == "quarter":
        value = anchor.quarter(shift if rel != "the latest" else -1)
        if rel in ("this", "the current", "current") or (shift == 0 and rel != "the latest"):
            value = anchor.quarter(0)
        ctx.last_quarter, ctx.last_quarter_end = value, m.end()
        return "DATE", value, "quarter"
    if unit == "decade":
        if shift != 0 and _STRETCH_LEAD.search(ctx.text[max(0, m.start() - 12) : m.start()]):
            # "over the past decade", "over the next decade": a stretch of ten years
            return "DURATION", "P10Y", None
        if shift < 0 and rel.startswith("the"):
            return "DATE", anchor.decade(-1), "decade"
        return "DATE", anchor.decade(shift), "decade"
    if unit == "century":
        return (
            "DATE",
            ("XX" if anchor.ref is None else f"{anchor.ref.year // 100 + shift}"),
            "century",
        )
    if shift < 0 and rel == "last" and not m["mod"] and compares_quarter(ctx, m):
        return "DATE", anchor.year_of(ctx.last_quarter or "", -1), "quarter"
    return "DATE", anchor.year(shift), "year"


# A preposition of a stretch before "the next year": "over the next year" is a span of time.
_SPAN_LEAD = re.compile(r"(?i)\b(?:over|for|during|within|in|into|through|throughout)\s+$")
_UNIT_WIDTH = {"week": 10, "weekend": 10, "month": 7, "year": 4, "decade": 3}


def _next_told(ctx: Context, m: re.Match[str], rel: str, unit: str) -> bool:
    """ "the next year" after a past date of the narrative, with no preposition of a stretch
    before it ("He was elected in 2016 and resigned the next year"): the unit after the
    narrative's, as "the following year" is; "over the next year" stays a span."""
    if rel != "the next" or ctx.anchor.ref is None:
        return False
    last = ctx.last_day if unit in ("week", "weekend") else ctx.last_date
    if last is None or len(last) < _UNIT_WIDTH[unit] or not last[:4].isdigit():
        return False
    if last[: _UNIT_WIDTH[unit]] >= ctx.anchor.ref.isoformat()[: _UNIT_WIDTH[unit]]:
        return False  # the narrative is at the time of writing or after it
    return not _SPAN_LEAD.search(ctx.text, max(0, m.start() - 12), m.start())


def _season_told(ctx: Context, m: re.Match[str], rel: str, code: str, shift: int) -> str:
    """ "the coming winter" from the publication date; "the following (next, previous)
    spring" after a past date of the narrative from that date ("The flood came in 2019. The
    next summer was dry": 2020's), a bare year's season being the next (previous) year's."""
    last, ref = ctx.last_date, ctx.anchor.ref
    told = rel in (*_ANAPHORIC, "the next") and last and ref and _YEAR_DATE.fullmatch(last)
    if told and last and ref and last[:4] < str(ref.year):
        if len(last) == 4:
            return f"{int(last) + shift}-{code}"
        return _narrative(ctx, "season").season(code, shift)
    return ctx.anchor.season(code, shift, future=looks_ahead(ctx, m))


_YEAR_DATE = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?")


def _quarter_moved(value: str, shift: int) -> str:
    """A quarter's value ("1989-Q3") moved by `shift` quarters; X where it has no number."""
    q = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if q is None:
        return "XXXX-QX"
    n = int(q[1]) * 4 + int(q[2]) - 1 + shift
    return f"{n // 4}-Q{n % 4 + 1}"


def handle_that_unit(m: re.Match[str], ctx: Context) -> Result:
    """ "that year", "later that month", "that quarter", "that same day", "that night": the
    year, month, quarter, day or part of the day of the latest date the text mentioned (the
    narrative's time, not the publication's), with X for what that date leaves open ("last
    October ... that same day" is `1998-10-XX`)."""
    unit = m["unit"].lower()
    last = ctx.last_date
    if unit in ("morning", "afternoon", "evening", "night"):
        # "The rebels attacked on March 2. That night, ...": that day's night (TimeML TNI)
        day = ctx.last_day if ctx.last_day and len(ctx.last_day) == 10 else ctx.anchor.day()
        return "TIME", f"{day}T{part_code(unit)}", "time"
    if unit == "day":
        plain = m["that"].lower() == "that" and not m["mod"]
        if plain and not re.search(r"(?i)\bon\s+$", ctx.text[max(0, m.start() - 4) : m.start()]):
            return None  # "trades made that day": any day, not the narrative's
        if last is None:
            return "DATE", ctx.anchor.day(), "day"
        return "DATE", (last + "-XX-XX")[:10] if len(last) < 10 else last[:10], "day"
    if unit == "quarter":
        return "DATE", same_quarter(ctx, m), "quarter"
    if unit in ("week", "weekend"):
        # "The strike began on March 2. Later that week, ...": the week of the narrative's day
        # (a week only the year or the month says is that year's unknown week)
        if last is None or len(last) >= 10:
            told = _narrative(ctx, unit)
            return "DATE", told.week(0) if unit == "week" else told.weekend(0), unit
        return "DATE", f"{last[:4]}-WXX" + ("-WE" if unit == "weekend" else ""), unit
    if unit in L.SEASON_CODES:
        # "In 2011, the river flooded. That summer, ...": the season of the narrative's year;
        # ("Later that spring", "in that summer", "That fall, ..."); "recovered from that
        # fall" and "water from that spring" are no time
        lead = _SEASON_LEAD.search(ctx.text, max(0, m.start() - 8), m.start())
        if not (m["mod"] or m[0][0] == "T" or lead):
            return None
        code = L.SEASON_CODES[unit]
        year = last[:4] if last else ctx.anchor.year(0)
        return "DATE", f"{year}-{code}", "season"
    if unit == "year":
        return "DATE", last[:4] if last else ctx.anchor.year(0), "year"
    if last and re.match(r"\d{4}-\d\d(?:-|$)", last):
        return "DATE", last[:7], "month"
    return "DATE", ctx.anchor.month(0), "month"


def handle_unit_before(m: re.Match[str], ctx: Context) -> Result:
    """ "the day before", "the year after" closing their clause ("The ship sank on May 4. The
    day before, ..."): the unit before or after the narrative's, as "the previous day" is;
    "the week after next" and "the weekend before last" count two from the time of writing."""
    if m["far"]:
        unit, anchor = m["far_unit"].lower(), ctx.anchor
        shift = -2 if m["far"].lower().startswith("before") else 2
    else:
        unit = m["unit"].lower()
        shift = -1 if m["dir"].lower() == "before" else 1
        anchor = _narrative(ctx, unit)
    if unit == "weekend":
        return "DATE", anchor.weekend(shift), "weekend"
    if unit == "day":
        return "DATE", anchor.day(shift), "day"
    if unit == "week":
        return "DATE", anchor.week(shift), "week"
    if unit == "month":
        return "DATE", anchor.month(shift), "month"
    return "DATE", anchor.year(shift), "year"


_STRETCH_LEAD = re.compile(r"(?i)\b(?:over|for|during|throughout)\s+$")


# "the year to March", "the year to the end of June": the twelve months up to then (a span, as
# "the year ended June 30" is); "the year to December" is the calendar year.
_YEAR_TO = re.compile(
    rf"\s+(?i:to|through)\s+(?:(?i:the\s+end\s+of)\s+)?(?!Dec)(?:{L.MONTH})(?![\w-])"
)


# "Person of the Year", "Album of the Year": a capitalised "Year" after "of the" is an award's
# name.
_OF_BEFORE = re.compile(r"\bof\s+$")


def handle_the_unit(m: re.Match[str], ctx: Context) -> Result:
    if m["unit"] == "Year" and _OF_BEFORE.search(ctx.text, max(0, m.start() - 4), m.start()):
        return None
    unit = m["unit"].lower()
    anchor = ctx.anchor
    before = ctx.text[max(0, m.start() - 12) : m.start()].lower()
    if unit == "quarter":
        value = same_quarter(ctx, m)
        return "DATE", value, "quarter"
    if unit == "year":
        if not m["mod"] and (span := year_ended(ctx, m.end())) is not None:
            return span
        if not m["mod"] and _YEAR_TO.match(ctx.text, m.end()):
            return "DURATION", "P1Y", None  # "inflation in the year to March": twelve months
        if m["full"]:  # "sales for the full year": the year reported on, as in "full-year"
            return "DATE", anchor.year(0), "year"
        if re.search(r"\b(?:during|over)\s*$", before) and not m["mod"]:
            return "DURATION", "P1Y", None
        return "DATE", anchor.year(0), "year"
    if unit == "month" and m["mod"]:
        return "DATE", anchor.month(0), "month"
    if unit == "decade":  # "by the end of the decade": the decade under way
        if _STRETCH_LEAD.search(before) and not m["mod"]:
            return "DURATION", "P10Y", None  # "over the decade": a stretch of ten years
        if not m["mod"]:
            return None  # "the decade" alone most often names one the text told of before
        return "DATE", anchor.decade(0), "decade"
    if unit == "week":  # "For the week, the index fell 3%": the narrative's week
        return "DATE", (anchor if m["mod"] else _narrative(ctx, "week")).week(0), "week"
    if unit == "weekend":
        direction = 1 if looks_ahead(ctx, m) else -1
        return (
            "DATE",
            anchor.weekend(0 if direction > 0 else -1 if _past_weekend(anchor) else 0),
            "weekend",
        )
    return None


def _past_weekend(anchor: Anchor) -> bool:
    return anchor.ref is not None and anchor.ref.isoweekday() < 6


def handle_months_span(m: re.Match[str], ctx: Context) -> Result:
    n = count_value(m["num"])
    return "DURATION", duration_value(n, "month"), None


def _count(m: re.Match[str], *, nearest: bool = False) -> float | None:
    """The number of units a duration or an offset match counts: "three", "two and a half",
    "a year and a half" (1.5), "a week or so" and "a month or two" (1, approximately); None
    for a vague count ("a few") or a range ("two to three weeks") unless `nearest` asks for
    its first count (the nearer end of "two or three years ago")."""
    if m["range"]:
        return count_value(_range_ends(m["range"])[0]) if nearest else None
    n = count_value(m["num"])
    if n is None:
        return None
    return n + 0.5 if m["half"] else n  # "a week or so", "a month or two": about n


def _range_ends(raw: str) -> list[str]:
    return re.split(r"(?i)\s*[-\u2013]\s*|\s+(?:to|or)\s+", raw, maxsplit=1)


def _is_range(raw: str | None) -> bool:
    """A range of counts: the first below the second ("two to three", "12-18"). Anything else
    is two numbers that meet by chance: "sentenced in 1998 to three years"."""
    if raw is None:
        return False
    first, second = (count_value(n) for n in _range_ends(raw))
    return first is not None and second is not None and first < second < 1000


def handle_ago(m: re.Match[str], ctx: Context) -> Result:
    if m["range"] and not _is_range(m["range"]):
        return None
    unit = _unit_key(m["unit"])
    n = _count(m, nearest=True)
    direction = m["dir"].lower()
    if direction == "later" and ctx.anchor.ref is not None:
        return "DURATION", duration_value(n, unit), None
    sign = -1 if direction in ("ago", "earlier", "or so ago", "back") else 1
    if n is None:
        if direction != "ago":
            return "DURATION", duration_value(None, unit), None
        vague = (m["num"] or "").lower()
        if unit == "year" and ctx.anchor.ref is not None and "few" in vague:
            return "DATE", f"{ctx.anchor.ref.year // 10}X", "decade"
        return "DATE", "PAST_REF", "ref"
    # Year-on-year comparison in business news: "profit rose 8% in the second quarter from a
    # year ago" means that quarter of the year before, not the day a year before publication.
    if (
        unit == "year"
        and n == 1
        and direction in ("ago", "earlier")
        and (quarter := compared_quarter(ctx, m)) is not None
    ):
        return "DATE", ctx.anchor.year_of(quarter, -1), "quarter"
    if unit in L.TIME_UNITS:
        return "DURATION", duration_value(n, unit), None
    if unit in ("decade", "century") and ctx.anchor.ref is not None:
        return _long_ago(ctx.anchor.ref.year, n * sign, unit)
    if unit == "week" and n >= 3 and float(n).is_integer() and ctx.anchor.ref is not None:
        # "six weeks ago" names a week, not a day; "two weeks ago" is often the very weekday
        return "DATE", iso_week(ctx.anchor.ref + timedelta(weeks=int(sign * n))), "week"
    anchor = _told_time(ctx, unit) if direction == "earlier" else ctx.anchor
    if not float(n).is_integer() and unit in _FINER:
        # "a year and a half ago" is the month 18 months back, not a year rounded down
        finer, per = _FINER[unit]
        if float(n * per).is_integer():
            unit, n = finer, n * per
    value = anchor.shifted(unit, int(sign * n))
    return "DATE", value, granularity_of(value)


# The unit a fractional count of a unit is told in: "two and a half years" is 30 months.
_FINER = {"year": ("month", 12), "week": ("day", 7)}


# How fine the narrative's date must be to count a unit back from it: a day for "two days
# earlier", a month for "a month earlier", a year for "a year earlier".
_FINE_ENOUGH = {"day": 10, "week": 10, "month": 7, "quarter": 7, "year": 4}


def _told_time(ctx: Context, unit: str) -> Anchor:
    """What "earlier" counts back from: the time the narrative has reached (its latest date,
    when that says the unit), where "ago" counts from the time of writing. In "The fire began
    on Aug. 3. A day earlier, officials had warned ..." the day is Aug. 2."""
    last = ctx.last_day if unit in ("day", "week") else ctx.last_date
    if last is None or len(last) < _FINE_ENOUGH.get(unit, 11):
        return ctx.anchor
    return _narrative(ctx, unit)


def _long_ago(year: int, n: float, unit: str) -> Result:
    """ "two decades ago" (`2004` in 2024), "a century ago" (`1924`), "half a century ago"
    (`1974`): the year so many years back. (The count is in years; a decade's or a century's
    value, `200` or `19`, would name the whole span the year falls in.)"""
    years = n * (10 if unit == "decade" else 100)
    return "DATE", str(year + int(years)), "year"


_AGE_OR_FRACTION = re.compile(r"(?i)\s+old\b")
# "of" after a quarter that is not a year's: a share ("a quarter of the vote"), where "the
# fourth quarter of 1989" and "the first quarter of the year" are times.
_FRACTION_OF = re.compile(
    r"(?i)\s+of\s+(?!(?:the\s+|this\s+|last\s+|next\s+)?(?:fiscal|calendar|year|\d{4}))"
)


def handle_unit_long(m: re.Match[str], ctx: Context) -> Result:
    """ "weeklong", "a week-long strike", "yearlong": one unit's span, the adjective alone."""
    return "DURATION", duration_value(1, m["unit"]), None


def handle_duration(m: re.Match[str], ctx: Context) -> Result:
    """ "three years", "the past 18 months", "nearly two decades", "two to three weeks" (a
    range: `P...X`), "a year and a half", "the next year or so", "a three-year period"."""
    if m["range"] and not _is_range(m["range"]):
        return None
    unit = m["unit"]
    n = _count(m)
    raw = (m["num"] or "").strip().lower()
    if unit.lower() == "quarter" and "-" in m[0]:
        return None  # "three-quarters" is a fraction
    if unit.lower() == "second" and raw in ("a", "an"):
        return None  # "a second term"
    plural = ctx.text[m.end("unit") : m.end("unit") + 1] in ("s", "S")
    if raw in ("a", "an", "one") and plural and not m["half"]:
        return None  # "a decades-long feud": the article is the feud's
    if raw in ("a", "an") and m[0].lower().endswith("-long"):
        return None  # "a week-long strike": the article is the strike's ("unit_long")
    if _AGE_OR_FRACTION.match(ctx.text, m.end()):
        return None  # "52 years old" is an age
    if unit.lower() in ("quarter", "quarters") and _FRACTION_OF.match(ctx.text, m.end()):
        return None  # "more than a quarter of the market" is a fraction
    if n is not None and n > 10000:
        return None
    if raw in ("some", "many") and not m["lead"]:
        return None
    return "DURATION", duration_value(n, unit), None


_BARE_UNIT_LEAD = re.compile(
    r"(?i)\b(?:for|over|in|within|take|took|takes|last|lasts|lasted|during|through|throughout"
    r"|after|spent|spend)\s+$"
)
# After a plural unit: it counts an unknown number of them from the narrative's time ("days
# later", "in the years since").
_BARE_UNIT_TAIL = re.compile(r"(?i)\s+(?:later|earlier|since)\b")
# ... or from an event ("in the weeks before the shooting", "days after the vote"): the time it
# names is the event's, which the grammar cannot date, so it is left out rather than given a
# value that is surely wrong.
_FROM_EVENT = re.compile(r"(?i)\s+(?:before|after)\b")


def handle_bare_units(m: re.Match[str], ctx: Context) -> Result:
    """An unknown number of units (`PXY`): "for years", "over the years", "within weeks or
    months", "days later", "the first hours of the war", "the weeks ahead", "the years to come",
    "a decades-long feud". Bare, a plural unit needs a preposition or a verb of lasting before
    it, or a word of sequence after it; "the" with a word of order ("the first days", "the
    final weeks") or "ahead"/"to come" after it is enough."""
    if not (m["order"] or m["tail"]):
        if _FROM_EVENT.match(ctx.text, m.end()):
            return None
        before = ctx.text[max(0, m.start() - 12) : m.start()]
        if not _BARE_UNIT_LEAD.search(before) and not (
            m["the"] is None and _BARE_UNIT_TAIL.match(ctx.text, m.end())
        ):
            return None
    return "DURATION", duration_value(None, m["unit"]), None


def handle_recent_units(m: re.Match[str], ctx: Context) -> Result:
    """ "recent years" and "past decades" are the past; "recent weeks", "the coming months" a
    vague stretch."""
    unit = m["unit"].lower()
    if m[0].lower().startswith(("recent", "past")) and unit in ("years", "decades"):
        return "DATE", "PAST_REF", "ref"
    return "DURATION", duration_value(None, unit), None


# A bare season is a time after a preposition of time and before no noun it would modify:
# "repairs end by summer", "talks resume in spring" ("summer camps", "in spring training" are
# not times).
_SEASON_LEAD = re.compile(r"(?i)\b(?:by|in|until|till|since|before|after|during|through)\s+$")
_SEASON_NOUN_AFTER = re.compile(r"\s+[a-z]")


def _bare_season(m: re.Match[str], ctx: Context) -> bool:
    if not m["s"].islower():
        return False  # "Summer" of a name ("the Arab Spring", "Donna Summer")
    if not _SEASON_LEAD.search(ctx.text, max(0, m.start() - 8), m.start()):
        return False
    return not _SEASON_NOUN_AFTER.match(ctx.text, m.end())


# A capitalised season before another capitalised word is part of a name: "the Summer
# Olympics", "the Winter Games", "Spring Street", "the Fall Classic".
_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")


def handle_season(m: re.Match[str], ctx: Context) -> Result:
    code = L.SEASON_CODES[m["s"].lower()]
    year = _year_text(m)
    if year is not None:
        return "DATE", f"{year}-{code}", "season"
    if m["s"][0].isupper() and _NAME_AFTER.match(ctx.text, m.end()):
        return None
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    if not rel and not m["mod"] and not _bare_season(m, ctx):
        return None
    shift = _rel_shift(rel) if rel not in ("the", "this past") else 0
    return "DATE", ctx.anchor.season(code, shift, future=looks_ahead(ctx, m)), "season"


def handle_spelled_year(m: re.Match[str], ctx: Context) -> Result:
    if m["tail"] is None:
        if m["the"] and m["head"].lower().startswith("two"):
            return "DATE", "2000", "year"  # "the year two thousand"
        return None
    tail = count_value(m["tail"])
    if tail is None or not 0 <= tail < 100:
        return None
    century = 19 if m["head"].lower() == "nineteen" else 20
    return "DATE", f"{century}{int(tail):02d}", "year"


_SINCE_BEFORE = re.compile(r"(?i)\bsince\s+$")


def handle_year_end(m: re.Match[str], ctx: Context) -> Result:
    """ "by year-end" is the end of the year under way; "since year-end" counts from the end of
    the year before, the latest that has passed ("shares are up 8% since year-end")."""
    if m["y"]:
        return "DATE", m["y"], "year"
    since = _SINCE_BEFORE.search(ctx.text, max(0, m.start() - 8), m.start()) is not None
    return "DATE", ctx.anchor.year(-1 if since else 0), "year"
