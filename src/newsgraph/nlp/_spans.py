"""Character spans asked about many times: sorted by start with the running maximum of their
ends, so that asking whether a span overlaps or holds a range costs a binary search, not a pass
over every span of the article (persons' names, names taken by other entities, quotations)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate


class Spans:
    """A fixed set of [start, end) character spans."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        # the farthest end among the spans up to each one
        self._reach = list(accumulate((e for _, e in ordered), max))

    def _farthest_end(self, starts_before: int) -> int:
        """The farthest end among the spans that start before offset `starts_before`."""
        i = bisect_left(self._starts, starts_before)
        return self._reach[i - 1] if i else -1

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span shares a character with [start, end)."""
        return self._farthest_end(end) > start

    def holds(self, start: int, end: int) -> bool:
        """Whether a span holds all of [start, end)."""
        return self._farthest_end(start + 1) >= end
