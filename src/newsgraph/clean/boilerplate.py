"""Boilerplate learnt from a corpus: lines that repeat across many dumps of one site.

Navigation, footers, section labels, share buttons and newsletter pitches are the same on every
page of a site, while an article's sentences are not. The rule:

1. normalise each line (`normalise_line`: case-folded, accents and digits folded, whitespace
   collapsed), so "Updated 3 min ago" and "Updated 12 min ago" are one line;
2. count in how many *documents* each normalised line occurs (a line repeated inside one dump
   counts once);
3. a line found in at least `min_docs` documents, and in at least `min_share` of them, is
   boilerplate. Long lines (over `max_words` words) are never learnt: a long sentence shared by
   two pages is more likely a quoted paragraph or a syndicated story than chrome.

Learn per site (`learn_by_site`) when the corpus mixes sites: `min_docs=2` then means "seen on
two pages of the same site". `clean_text(..., boilerplate=...)` drops every line whose normalised
form is in the learnt set.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from newsgraph.ids import strip_accents

_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"\w+")


def normalise_line(line: str) -> str:
    """The key a line is learnt and looked up under."""
    text = _DIGITS.sub("0", strip_accents(line))
    return _SPACE.sub(" ", text).strip().casefold()


def learn_boilerplate(
    texts: Iterable[str], *, min_docs: int = 2, min_share: float = 0.0, max_words: int = 30
) -> frozenset[str]:
    """Normalised lines that occur in at least `min_docs` (and `min_share`) of the texts."""
    counts: Counter[str] = Counter()
    total = 0
    for text in texts:
        total += 1
        keys = {normalise_line(line) for line in text.splitlines()}
        counts.update(k for k in keys if k and len(_WORD.findall(k)) <= max_words)
    floor = max(min_docs, int(min_share * total + 0.999999))
    return frozenset(key for key, n in counts.items() if n >= floor)


def learn_by_site(
    texts: Mapping[str, str], sites: Mapping[str, str], *, min_docs: int = 2, max_words: int = 30
) -> dict[str, frozenset[str]]:
    """Boilerplate per site: `texts` and `sites` are keyed by document id."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for key, text in texts.items():
        grouped[sites.get(key, "")].append(text)
    return {
        site: learn_boilerplate(group, min_docs=min_docs, max_words=max_words)
        for site, group in grouped.items()
    }
