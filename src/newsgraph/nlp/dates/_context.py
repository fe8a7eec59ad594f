"""What the handlers of the time-expression rules share: the context of one text (its
reference date and what it has named so far) and the shape of a handler's result; and the
shape of a found expression that the passes after the rules (ranges, compounds) read."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol, TypeVar

from newsgraph.nlp.dates._calendar import Anchor
from newsgraph.nlp.dates._tense import Tense, happened_at, is_future, sentence_before, tense_of

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(slots=True)
class Readings:
    """The tense readings of one text's spans made so far (`looks_ahead`, `in_past`,
    `happened`): each depends on the text and the span alone, and a span is read twice, once
    to choose among overlapping matches and once for its value."""

    future: dict[tuple[int, int], bool] = field(default_factory=dict)
    tense: dict[tuple[int, int], Tense] = field(default_factory=dict)
    happened: dict[int, bool] = field(default_factory=dict)


@dataclass(slots=True)
class Context:
    """The reference date and the text, and the periods the text has named so far: the
    narrative's time, which later expressions ("that year", "a year earlier") count from."""

    anchor: Anchor
    text: str
    last_quarter: str | None = None
    last_quarter_end: int = 0  # where the text named it
    last_day: str | None = None  # the latest day-level date mentioned: the narrative's day
    last_day_end: int = -1  # where the text named it
    last_date: str | None = None  # the latest calendar date (year, month or day) mentioned
    last_clock_day: str | None = None  # the day of the latest day or clock time mentioned
    readings: Readings = field(default_factory=Readings)  # shared by the contexts of one text


Result = tuple[TimexType, str, str | None] | None
Handler = Callable[[re.Match[str], Context], Result]


class FoundExpr(Protocol):
    """A found expression as the passes after the rules read it (`timex.Timex` is one)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def type(self) -> str: ...


E = TypeVar("E", bound=FoundExpr)


def looks_ahead(ctx: Context, m: re.Match[str]) -> bool:
    """Whether the sentence of the match speaks of the future (`newsgraph.nlp.dates._tense`)."""
    span = m.span()
    known = ctx.readings.future.get(span)
    if known is None:
        known = ctx.readings.future[span] = is_future(ctx.text, *span)
    return known


# The start or the end of a stretch: "from", "starting", "until" ... right before the time.
_BOUND_BEFORE = re.compile(r"(?i)\b(?:from|starting|beginning|until|till|through|to)\s+$")


def ahead_in_sentence(ctx: Context, m: re.Match[str]) -> bool:
    """Whether a day named earlier in the sentence of the match lies after the reference date,
    the match being the start or the end of a stretch: a timetable listed with a coming day
    shares its direction when no tense decides ("flights start from March 30, with a third
    from August 6": a coming August 6). A time of another event stays as the tense reads it
    ("service resumes March 2 after a fire in December": the December before)."""
    last, end, ref = ctx.last_day, ctx.last_day_end, ctx.anchor.ref
    if last is None or ref is None or not 0 <= end <= m.start() or m.start() - end > 200:
        return False
    if not _BOUND_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start()):
        return False
    if len(sentence_before(ctx.text, m.start(), m.start() - end)) < m.start() - end:
        return False  # a sentence ends between them
    return len(last) == 10 and last[:4].isdigit() and last > ref.isoformat()


def tense_at(ctx: Context, m: re.Match[str]) -> Tense:
    """The tense of the match's sentence (`newsgraph.nlp.dates._tense.tense_of`)."""
    span, known = m.span(), ctx.readings.tense
    if span not in known:
        known[span] = tense_of(ctx.text, *span, future=ctx.readings.future.get(span))
    return known[span]


def in_past(ctx: Context, m: re.Match[str]) -> bool:
    """Whether a past-tense verb governs the match (`newsgraph.nlp.dates._tense`)."""
    return tense_at(ctx, m) == "past"


def happened(ctx: Context, m: re.Match[str]) -> bool:
    """Whether a verb in the past governs the match from right before it ("were certified on
    Dec. 6"): the event's time, so before the telling (`newsgraph.nlp.dates._tense`)."""
    known = ctx.readings.happened.get(m.start())
    if known is None:
        known = ctx.readings.happened[m.start()] = happened_at(ctx.text, m.start())
    return known
