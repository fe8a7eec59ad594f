"""Handlers of the rules for sets: times that recur ("every Monday", "twice a week", "weekly").

A TIMEX3 SET names the period of the recurrence in its value: `P1W` for "weekly" and "twice a
week", `XXXX-WXX-1` for "every Monday", `XXXX-SU` for "each summer". How many times per period
("twice") is TimeML's `freq` attribute, not part of the value, but the words are part of the
expression: "twice a week" is one SET, not a frequency word beside a duration "a week".
"""

from __future__ import annotations

import re

from newsgraph.nlp.dates import _lexicon as L
from newsgraph.nlp.dates._context import Context, Result
from newsgraph.nlp.dates._handlers import count_value, duration_value, part_code

# Before a plural "weekends" that names a recurrence ("the shop is closed on weekends").
_WEEKEND_LEAD = re.compile(r"(?i)\b(?:on|at|during|over|most|all|every|each)\s+$")


def handle_weekday_set(m: re.Match[str], ctx: Context) -> Result:
    """ "Sundays", "every Tuesday", "Tuesday nights" (the nights of every Tuesday)."""
    wd = L.WEEKDAYS[m["wd"].lower()]
    part = m["part"] or m["parts"]
    suffix = f"T{part_code(part)}" if part else ""
    return "SET", f"XXXX-WXX-{wd}{suffix}", "set"


def handle_set_word(m: re.Match[str], ctx: Context) -> Result:
    value, _ = L.SET_WORDS[m["w"].lower()]
    return "SET", value, "set"


def handle_every(m: re.Match[str], ctx: Context) -> Result:
    """ "every Monday", "every Tuesday morning", "each March", "every summer", "every
    morning", "each weekend", "every three years", "every other week" (every second one:
    `P2W`)."""
    if m["wd"]:  # "every Tuesday morning": the part of each such day
        part = f"T{part_code(m['wdpart'])}" if m["wdpart"] else ""
        return "SET", f"XXXX-WXX-{L.WEEKDAYS[m['wd'].lower()]}{part}", "set"
    if m["mon"]:
        return "SET", f"XXXX-{L.MONTHS[m['mon'].lower().rstrip('.')]:02d}", "set"
    if m["season"]:
        return "SET", f"XXXX-{L.SEASON_CODES[m['season'].lower()]}", "set"
    if m["daypart"]:
        return "SET", f"XXXX-XX-XXT{part_code(m['daypart'])}", "set"
    if m["weekend"]:
        return "SET", "XXXX-WXX-WE", "set"
    n = count_value(m["num"]) if m["num"] else 1
    if n is not None and m["other"]:
        n *= 2
    return "SET", duration_value(n, m["unit"]), "set"


def handle_a_unit_set(m: re.Match[str], ctx: Context) -> Result:
    """ "twice a week", "three times a year", "once a month", "per day", "three days a week": a
    frequency before "a"/"an" (or "per" on its own) makes the unit the period of a SET.
    Without one, "a week" is a duration, left to the duration rule."""
    if not m["freq"] and m["art"].lower() != "per":
        return None
    if _SHIFT_AFTER.match(ctx.text, m.end()):
        return None  # "three days a week ago": a count, then a date
    return "SET", duration_value(1, m["unit"]), "set"


_SHIFT_AFTER = re.compile(r"(?i)\s+(?:ago|earlier|later|before|after|from)\b")


def handle_weekends(m: re.Match[str], ctx: Context) -> Result:
    """ "on weekends", "most weekends", "every weekend": the set of weekends."""
    if not m["every"] and not _WEEKEND_LEAD.search(ctx.text[max(0, m.start() - 8) : m.start()]):
        return None
    return "SET", "XXXX-WXX-WE", "set"
