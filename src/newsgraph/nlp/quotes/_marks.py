"""Quotation marks in plain text: which spans of the text are enclosed in them.

Works on characters only (no parse), so it is fast and total: unbalanced, nested or stray marks
never raise, they only make fewer or shorter spans. Double marks (“…”, "…", «…», „…“) are
matched per paragraph; single marks (‘…’, '…', ‹…›) count only outside double ones and only
where they cannot be apostrophes. A paragraph that opens a quotation without closing it is
continued by the next paragraph when that one opens with a quotation mark (the newspaper
convention for long quotations), and the whole run becomes one span. Two apostrophes ('')
count as a double mark, as some wire and archive text types them. A quoted transcript turn
('"PENCE: Well, ...') starts a new quotation after its speaker label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from newsgraph.nlp._spans import Spans

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘‚‹"
_SINGLE_CLOSE = "’›"
_OPEN_CONTEXT = " \t([{—–-/:;"
_PARAGRAPH = re.compile(r"[^\n]+")
# A quoted transcript turn: '"WALLACE: If I may, sir ...' (speaker labels in capitals)
_TRANSCRIPT_TURN = re.compile(
    r"[ \t]*[\"“]([A-Z][A-Z.'’-]+(?:[ \t]+[A-Z][A-Z.'’-]+){0,3}):[ \t]+(?=\S)"
)
_LETTER = re.compile(r"\w")
# The characters each scan acts on; every other character leaves its state alone, so the scans
# visit only these (found by the regex engine) rather than every character in Python.
_DOUBLE_MARKS = re.compile("['\"" + _DOUBLE_OPEN + _DOUBLE_CLOSE + "]")
_SINGLE_MARKS = re.compile("['" + _SINGLE_OPEN + _SINGLE_CLOSE + "]")


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


_WORDS = re.compile(r"\w+")


def word_count(text: str, span: QuoteSpan) -> int:
    return len(_WORDS.findall(text, span.start, span.end))


def _is_word(ch: str) -> bool:
    return bool(ch) and _LETTER.match(ch) is not None


def _straight_role(text: str, i: int, pending: bool, width: int = 1) -> str:
    """'open' or 'close' for a straight double quote at `i` (`width` characters: 2 for a doubled
    apostrophe), judged from its neighbours."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    if pending:
        if before.isspace() and _is_word(after):
            return "open"
        return "close"
    if before.isspace() or before in _OPEN_CONTEXT or i == 0:
        return "open"
    if after.isspace() or after in ".,;:!?)]}" or i + width == len(text):
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
    width = open_width = 1
    for m in _DOUBLE_MARKS.finditer(text, lo, hi):
        i = m.start()
        ch = text[i]
        width = 1
        if ch == "'":
            if not _doubled_apostrophe(text, i, hi):
                continue
            width = 2
            role = _straight_role(text, i, open_at is not None, width)
        elif ch == '"':
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
            if open_at is not None and i > open_at + open_width:
                s, e = _trim(text, open_at + open_width, i)
                if e > s:
                    spans.append(QuoteSpan(s, e, open_at, i, closed=False))
            open_at, opener, open_width = i, ch, width
        elif open_at is not None:
            s, e = _trim(text, open_at + open_width, i)
            if e > s:
                spans.append(QuoteSpan(s, e, open_at, i + width, closed=True))
            open_at, opener = None, ""
    return spans, open_at


def _doubled_apostrophe(text: str, i: int, hi: int) -> bool:
    """Whether `text[i]` starts a doubled apostrophe used as a double quotation mark.

    Some wire and archive text types a double mark as two apostrophes (''We will win,'' she
    said); a third apostrophe next to them is a single mark beside the double one."""
    return (
        i + 1 < hi
        and text[i + 1] == "'"
        and (i == 0 or text[i - 1] != "'")
        and (i + 2 >= len(text) or text[i + 2] != "'")
    )


def _after_mark(text: str, at: int) -> int:
    """The offset after the opening mark at `at` (one character, or a doubled apostrophe)."""
    return at + (2 if text.startswith("''", at) else 1)


def _single_spans(text: str, lo: int, hi: int, taken: list[QuoteSpan]) -> list[QuoteSpan]:
    """Single-mark quotations outside the double ones, skipping apostrophes."""
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    doubles = Spans((q.outer_start, q.outer_end) for q in taken)  # a bisection a mark
    last_mark = max(text.rfind("’", lo, hi), text.rfind("'", lo, hi))

    for m in _SINGLE_MARKS.finditer(text, lo, hi):
        i = m.start()
        ch = text[i]
        if doubles.holds(i, i + 1):  # inside a double quotation
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
            if before == "s" and after.isspace() and i + 1 < hi and last_mark > i:
                # "voters’ rights": a plural possessive, not the end of the quotation,
                # unless nothing later could close it.
                continue
            s, e = _trim(text, open_at + 1, i)
            if e > s:
                spans.append(QuoteSpan(s, e, open_at, i + 1, closed=True, single=True))
            open_at = None
    return spans


def _opens_with_mark(text: str, lo: int, hi: int) -> bool:
    stripped = text[lo:hi].lstrip()
    return bool(stripped) and (
        stripped[0] in _DOUBLE_OPEN or stripped[0] == '"' or stripped.startswith("''")
    )


def _after_label(text: str, lo: int, hi: int) -> int | None:
    """Where the words start in a quoted transcript turn ('"PENCE: Well, ...'), else None."""
    m = _TRANSCRIPT_TURN.match(text, lo, hi)
    return m.end() if m else None


def _unlabel(spans: list[QuoteSpan], words: int) -> list[QuoteSpan]:
    """The turn's quotation starts after its label: the label is who speaks, not what is said.

    Its outer start moves there too, so the label reads as a cue outside the quotation."""
    return [replace(q, start=words, outer_start=words) if q.start < words else q for q in spans]


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quotation in `text`, in order, with content offsets inside the marks.

    A paragraph that opens a quoted transcript turn ('"PENCE: ...') never continues the
    quotation before it: a new speaker's turn is a new quotation.
    """
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    spans: list[QuoteSpan] = []
    carry: QuoteSpan | None = None  # an unclosed quotation waiting for its next paragraph
    for lo, hi in paragraphs:
        doubles, unclosed = _double_spans(text, lo, hi)
        turn = _after_label(text, lo, hi)
        if turn is not None:
            doubles = _unlabel(doubles, turn)
            if carry is not None:
                spans.append(carry)
                carry = None
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
                s, e = _trim(text, _after_mark(text, unclosed), hi)
                carry = QuoteSpan(
                    carry.start, e, carry.outer_start, hi, False, paragraphs=carry.paragraphs + 1
                )
                continue
            else:
                spans.append(carry)
            carry = None
        if unclosed is not None:
            s, e = _trim(text, _after_mark(text, unclosed), hi)
            if turn is not None and s < turn:
                s = unclosed = turn
            if e > s:
                carry = QuoteSpan(s, e, unclosed, hi, closed=False)
        singles = _single_spans(text, lo, hi, doubles)
        spans.extend(sorted([*doubles, *singles], key=lambda q: q.start))
    if carry is not None:
        spans.append(carry)
    return sorted(spans, key=lambda q: (q.start, q.end))
