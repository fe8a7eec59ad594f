"""Which entity the words of an event name, in one article: a name, a pronoun, a title.

"He" and "she" refer back to the nearest person: one named before ("Omar Haddad … he"), or one
named by a title ("the General … he" when "General Omar Haddad" was written before, "the Caliph
… he" after "Caliph Ibrahim …"). "It" refers to an organisation or group, "they" and "them" to any
party. A third-person pronoun inside a direct quotation is never its speaker: a spokesman saying
"he accepts" speaks of someone else. Built once per article, so that each look-up is a short walk
back from the pronoun rather than a pass over the whole article (long texts stay linear).
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from newsgraph.model import Article, Entity

if TYPE_CHECKING:
    from spacy.tokens import Token

# What each third-person pronoun may refer back to.
PRONOUN_KINDS = {
    "he": frozenset({"person"}),
    "him": frozenset({"person"}),
    "she": frozenset({"person"}),
    "her": frozenset({"person"}),
    "it": frozenset({"organization", "group"}),
    "they": frozenset({"person", "organization", "group"}),
    "them": frozenset({"person", "organization", "group"}),
}
PARTY_TYPES = frozenset({"person", "organization", "group"})
TITLE_WINDOW = 80  # tokens before a pronoun searched for "the <title>"
MAX_WALK = 200  # mentions walked back from a pronoun at most


class References:
    """Pronoun resolution over one article's entities and direct quotations."""

    def __init__(self, article: Article) -> None:
        text = article.text
        # Every mention by start, with its entity's and its own rank for ties (as `entity_at`).
        spans = sorted(
            (m.start, m.end, rank, order, e)
            for rank, e in enumerate(article.entities)
            for order, m in enumerate(e.mentions)
        )
        self._spans = [(start, end, (-rank, -order), e) for start, end, rank, order, e in spans]
        self._starts = [start for start, *_ in spans]
        self._longest = max((end - start for start, end, *_ in spans), default=0)
        mentions = sorted(
            (m.end, m.start, e)
            for e in article.entities
            if e.type in PARTY_TYPES
            for m in e.mentions
        )
        self._ends = [end for end, _, _ in mentions]
        self._mentions = [(start, entity) for _, start, entity in mentions]
        self._quotes = [(q.start, q.end, q.speaker_id) for q in article.quotes if q.direct]
        # title word -> (mention start, person) in text order
        self._titles: dict[str, list[tuple[int, Entity]]] = {}
        for end, start, entity in mentions:
            if entity.type != "person":
                continue
            words = text[start:end].split()
            before = text[max(0, start - 40) : start].rstrip(" ").rsplit(maxsplit=1)[-1:]
            for word in [*(words[:1] if len(words) > 1 else []), *before]:
                if word.isalpha() and word[0].isupper():
                    self._titles.setdefault(word.lower(), []).append((start, entity))

    def entity_over(self, start: int, end: int) -> Entity | None:
        """The entity one of whose mentions overlaps `start:end` most (None when none does)."""
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, max(end, start + 1))
        best: tuple[int, tuple[int, int]] | None = None
        found = None
        for m_start, m_end, tie, entity in self._spans[lo:hi]:
            overlap = min(end, m_end) - max(start, m_start)
            if start == end and m_start <= start < m_end:
                overlap = 1
            if overlap > 0 and (best is None or (overlap, tie) > best):
                best, found = (overlap, tie), entity
        return found

    def parties_inside(self, start: int, end: int) -> list[Entity]:
        """Persons, organisations and groups with a mention inside `start:end`, once each."""
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        inside: dict[str, Entity] = {}
        for _, m_end, _, entity in self._spans[lo:hi]:
            if m_end <= end and entity.type in PARTY_TYPES:
                inside.setdefault(entity.id, entity)
        return list(inside.values())

    def speaker_at(self, at: int) -> str | None:
        """The speaker of the direct quotation around offset `at`, if known."""
        return next((s for start, end, s in self._quotes if start <= at < end), None)

    def antecedent(self, pronoun: Token) -> Entity | None:
        """The entity a third-person pronoun refers back to, or None."""
        kinds = PRONOUN_KINDS.get(pronoun.lower_)
        if kinds is None:
            return None
        speaker = self.speaker_at(pronoun.idx)
        best: tuple[int, Entity] | None = None
        last = bisect.bisect_right(self._ends, pronoun.idx)
        for i in range(last - 1, max(-1, last - 1 - MAX_WALK), -1):
            entity = self._mentions[i][1]
            if entity.type in kinds and entity.id != speaker:
                best = (self._ends[i], entity)
                break
        if "person" in kinds:
            titled = self._titled(pronoun, best[0] if best else 0, speaker)
            if titled is not None:
                return titled
        return best[1] if best else None

    def _titled(self, pronoun: Token, after: int, speaker: str | None) -> Entity | None:
        """The person a "the <title>" between `after` and the pronoun names."""
        doc = pronoun.doc
        for token in reversed(doc[max(0, pronoun.i - TITLE_WINDOW) : pronoun.i]):
            if token.idx < after:
                break
            bearers = self._titles.get(token.lower_)
            if not bearers or token.i == 0 or doc[token.i - 1].lower_ != "the":
                continue
            named = [e for start, e in bearers if start < token.idx and e.id != speaker]
            if named:
                return named[-1]
        return None
