"""Cutting long texts where a sentence ends, so that no parse and no rule sees an unbounded
stretch of text (issue 14, item 2: a 5 MB article on one line).

`cut_point(text, start, end)` is where a piece of `text` that may run from `start` to `end`
ends best: after the last line break in its second half, else after the last sentence end
there, else after the last whitespace, else at `end` (a run of 5 MB without a space).
`split_text` cuts a text into such pieces; `analysis_end` bounds what the analysis reads.
"""

from __future__ import annotations

import re

# A full stop, question or exclamation mark (closing quotes and brackets after it), then space
# and what opens a sentence. "Mr. Smith", "U.S. troops" and "No. 10" are not sentence ends.
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bNo)(?<!\bMrs)(?<!\bGen)(?<!\bGov)"
    r"[.!?…。！？][\"'”’»)\]]*(?P<space>\s+)(?=[\"'“‘«(\[]?[A-Z0-9À-ÖØ-Þ])"
)
_SPACE = re.compile(r"\s+")


def _last_end(pattern: re.Pattern[str], text: str, low: int, high: int) -> int | None:
    """The end of the last match of `pattern` that ends in (low, high]."""
    cut = None
    for m in pattern.finditer(text, low, high):
        cut = m.end()
    return cut


def cut_point(text: str, start: int, end: int) -> int:
    """Where a piece of `text` starting at `start` and at most `end` long should stop."""
    if end >= len(text):
        return len(text)
    low = start + (end - start) // 2
    line = text.rfind("\n", low, end)
    if line != -1:
        return line + 1
    for pattern in (_SENTENCE_END, _SPACE):
        cut = _last_end(pattern, text, low, end)
        if cut is not None and cut > start:
            return cut
    return end


def split_text(text: str, limit: int) -> list[str]:
    """`text` in consecutive pieces of at most `limit` characters that join back to it."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        cut = cut_point(text, start, start + limit)
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def analysis_end(text: str, limit: int) -> int:
    """How much of `text` the analysis reads: all of it up to `limit` characters (0: no
    bound), else a prefix of at most `limit` cut where a sentence ends."""
    if limit <= 0 or len(text) <= limit:
        return len(text)
    return cut_point(text, 0, limit)
