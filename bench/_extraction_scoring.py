"""Scoring for main-text extraction, as the article-extraction benchmark does it.

Text is split into `\\w+` tokens; each page's text becomes a multiset of 4-token shingles. Per
page, TP/FP/FN are counted over shingles and normalised by their sum. Precision and recall are
means over pages (pages with no predicted or no true shingles are left out of that mean), and F1
is computed from those two means. `summarise_halves` gives the same figures for the tuning and the
check half of the pages (`bench.halves`).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping

from bench.halves import Half, split

_TOKEN = re.compile(r"\w+")
SHINGLE = 4

Counts = tuple[float, float, float]


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(
        tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n]
    )


def page_counts(true: str, pred: str, n: int = SHINGLE) -> Counts:
    """Normalised (tp, fp, fn) for one page."""
    gold, got = shingles(true, n), shingles(pred, n)
    tp = sum((gold & got).values())
    fp = sum((got - gold).values())
    fn = sum((gold - got).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def summarise(counts: Iterable[Counts]) -> dict[str, float]:
    """Precision, recall (means over pages) and F1 from those means."""
    rows = list(counts)
    precisions = [_precision(*row) for row in rows if row[0] + row[1] > 0]
    recalls = [_recall(*row) for row in rows if row[0] + row[2] > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


def summarise_halves(counts: Mapping[str, Counts]) -> dict[Half, dict[str, float]]:
    """`summarise` over the pages of the tuning half and of the check half (`bench.halves`, by
    page id), each with its number of pages as `pages`."""
    halves = split(counts, key=lambda page_id: page_id)
    return {
        half: {**summarise(counts[k] for k in ids), "pages": len(ids)}
        for half, ids in halves.items()
    }
