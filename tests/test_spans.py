"""Spans asked by binary search (`newsgraph.nlp._spans`)."""

from __future__ import annotations

from newsgraph.nlp._spans import Spans


def test_spans_answer_overlap_and_hold_as_a_pass_over_them_would() -> None:
    spans = [(0, 5), (3, 20), (8, 9), (30, 34), (40, 41)]
    taken = Spans(spans)
    for start in range(0, 45):
        for end in range(start + 1, 46):
            overlap = any(start < e and s < end for s, e in spans)
            hold = any(s <= start and end <= e for s, e in spans)
            assert taken.overlaps(start, end) == overlap, (start, end)
            assert taken.holds(start, end) == hold, (start, end)
    assert not Spans([]).overlaps(0, 10) and not Spans([]).holds(0, 1)
