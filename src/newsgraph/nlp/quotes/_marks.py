"""Quotation marks in plain text: which spans of the text are enclosed in them.

Works on characters only (no parse), so it is fast and total: unbalanced, nested or stray marks
never raise, they only make fewer or shorter spans. Double marks (“…”, "…", «…», „…“) are
matched per paragraph; single marks (‘…’, '…', ‹…›) count only outside double ones and only
where they cannot be apostrophes. A paragraph that opens a quotation without closing it is
continued by the next paragraph when that one opens with a quotation mark (the newspaper
convention for long quotations), and the whole run becomes one span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘‚‹"
_SINGLE_CLOSE = "’›"
_OPEN_CONTEXT = " \t([{—–-/:;"
_PARAGRAPH = re.compile(r"[^\n]+")
_LETTER = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """Content `start`/`end` (inside the marks) and the marks' outer bounds `outer_*`."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    closed: bool
    single: bool = False
    paragraphs: int = 1


def word_count(text: str, span: QuoteSpan) -> int:
    return len(re.findall(r"\w+", text[span.start : span.end]))


def _is_word(ch: str) -> bool:
    return bool(ch) and _LETTER.match(ch) is not None


def _straight_role(text: str, i: int, pending: bool) -> str:
    """'open' or 'close' for a straight double quote at `i`, judged from its neighbours."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if pending:
        if before.isspace() and _is_word(after):
            return "open"
        return "close"
    if before.isspace() or before in _OPEN_CONTEXT or i == 0:
        return "open"
    if after.isspace() or after in ".,;:!?)]}" or i + 1 == len(text):
        return "close"
    return "open"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _double_spans(text: str, lo: int, hi: int) -> tuple[list[QuoteSpan], int | None]:
    """Matched double quotations in `text[lo:hi]`, and the offset of an unclosed opening mark."""
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    opener = ""
    for i in range(lo, hi):
        ch = text[i]
        if ch == '"':
            role = _straight_role(text, i, open_at is not None)
        elif ch in _DOUBLE_OPEN:
            # „ is closed by “ in German style; a “ after a pending “ that sits at a word end
            # is a mistyped closing mark.
            if open_at is not None and (
                (opener == "„" and ch == "“")
                or (ch == "“" and not text[i - 1].isspace() and not _is_word(text[i + 1 : i + 2]))
            ):
                role = "close"
            else:
                role = "open"
        elif ch in _DOUBLE_CLOSE:
            role = "close"
            if (
                open_at is None
                and i + 1 < hi
                and _is_word(text[i + 1])
                and (i == lo or text[i - 1].isspace())
            ):
                role = "open"  # a closing mark used as an opening one
        else:
            continue
        if role == "open":
            if open_at is not None and i > open_at + 1:
                s, e = _trim(text, open_at + 1, i)
                if e > s:
                    spans.append(QuoteSpan(s, e, open_at, i, closed=False))
            open_at, opener = i, ch
        elif open_at is not None:
            s, e = _trim(text, open_at + 1, i)
            if e > s:
                spans.append(QuoteSpan(s, e, open_at, i + 1, closed=True))
            open_at, opener = None, ""
    return spans, open_at


def _single_spans(text: str, lo: int, hi: int, taken: list[QuoteSpan]) -> list[QuoteSpan]:
    """Single-mark quotations outside the double ones, skipping apostrophes."""
    spans: list[QuoteSpan] = []
    open_at: int | None = None

    def inside_double(i: int) -> bool:
        return any(q.outer_start <= i < q.outer_end for q in taken)

    for i in range(lo, hi):
        ch = text[i]
        if ch not in _SINGLE_OPEN and ch not in _SINGLE_CLOSE and ch != "'":
            continue
        if inside_double(i):
            continue
        before = text[i - 1] if i > lo else " "
        after = text[i + 1] if i + 1 < hi else " "
        if _is_word(before) and _is_word(after):
            continue  # an apostrophe: don’t, Russia’s
        opens = (
            (ch in _SINGLE_OPEN or ch == "'")
            and (not _is_word(before) and before not in ".,!?")
            and (_is_word(after) or after in '“"$£€(')
        )
        if opens and open_at is None:
            open_at = i
            continue
        closes = open_at is not None and not _is_word(after) and not before.isspace()
        if closes and open_at is not None and (ch in _SINGLE_CLOSE or ch == "'"):
            if before == "s" and after.isspace() and i + 1 < hi:
                # "voters’ rights": a plural possessive, not the end of the quotation,
                # unless nothing later could close it.
                later = text[i + 1 : hi]
                if "’" in later or "'" in later:
                    continue
            s, e = _trim(text, open_at + 1, i)
            if e > s:
                spans.append(QuoteSpan(s, e, open_at, i + 1, closed=True, single=True))
            open_at = None
    return spans


def _opens_with_mark(text: str, lo: int, hi: int) -> bool:
    stripped = text[lo:hi].lstrip()
    return bool(stripped) and (stripped[0] in _DOUBLE_OPEN or stripped[0] == '"')


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quotation in `text`, in order, with content offsets inside the marks."""
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    spans: list[QuoteSpan] = []
    carry: QuoteSpan | None = None  # an unclosed quotation waiting for its next paragraph
    for lo, hi in paragraphs:
        doubles, unclosed = _double_spans(text, lo, hi)
        if carry is not None:
            if (
                _opens_with_mark(text, lo, hi)
                and doubles
                and doubles[0].outer_start <= lo + (len(text[lo:hi]) - len(text[lo:hi].lstrip()))
            ):
                first = doubles.pop(0)
                doubles.insert(
                    0,
                    QuoteSpan(
                        carry.start,
                        first.end,
                        carry.outer_start,
                        first.outer_end,
                        closed=first.closed,
                        paragraphs=carry.paragraphs + first.paragraphs,
                    ),
                )
            elif (
                _opens_with_mark(text, lo, hi)
                and unclosed is not None
                and not doubles
                and unclosed == lo + len(text[lo:hi]) - len(text[lo:hi].lstrip())
            ):
                s, e = _trim(text, unclosed + 1, hi)
                carry = QuoteSpan(
                    carry.start, e, carry.outer_start, hi, False, paragraphs=carry.paragraphs + 1
                )
                continue
            else:
                spans.append(carry)
            carry = None
        if unclosed is not None:
            s, e = _trim(text, unclosed + 1, hi)
            if e > s:
                carry = QuoteSpan(s, e, unclosed, hi, closed=False)
        singles = _single_spans(text, lo, hi, doubles)
        spans.extend(sorted([*doubles, *singles], key=lambda q: q.start))
    if carry is not None:
        spans.append(carry)
    return sorted(spans, key=lambda q: (q.start, q.end))
