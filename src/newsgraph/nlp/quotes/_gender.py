"""Which people a gendered pronoun speaker ("he", "she") cannot stand for.

News refers back to a person by a pronoun that agrees with them, so "she said" after a
quotation of a man's is someone else's: "Mr. Baker and Ms. Cruz disagree. “It's a disaster,”
he said. “It's a chance,” she replied." gives the second quotation to Ms. Cruz. What a person is
called is learnt from the courtesy title before a name (AP and newspaper style: "Mr. Baker",
"Ms. Cruz", "Mrs. Ortiz"), and an earlier speaker called by the other pronoun is someone else;
a person the text says nothing of rules nothing out. (A list of given names by gender was
tried and dropped: it moved one attribution of the shared set's check half the wrong way.)
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsgraph.model import Article

# the words a pronoun speaker can be: "he said", "according to him", "his statement said"
_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
_TITLES = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
_TITLE_REACH = 6  # characters before a mention read for a courtesy title ("Mrs. ")
_TITLE_END = re.compile(r"(?<![\w.])(Mr|Mrs|Ms|Miss)\.?[ \t]+$", re.IGNORECASE)


def pronoun_gender(word: str) -> str | None:
    """ "m" for "he", "f" for "she", None for any other word."""
    return _PRONOUNS.get(word.lower())


def _title_before(text: str, start: int) -> str | None:
    """The gender of a courtesy title right before offset `start` ("Mr. " in "Mr. Baker")."""
    m = _TITLE_END.search(text, max(0, start - _TITLE_REACH), start)
    return _TITLES[m.group(1).lower()] if m else None


class Genders:
    """The pronoun each person entity takes, as the courtesy titles of its mentions say ("Mr."
    "m", "Ms." "f"): one, or both where its titles disagree (then nothing is ruled out). A
    pronoun that resolved to the entity teaches nothing here; `_resolve` checks earlier
    pronoun speakers itself."""

    def __init__(self) -> None:
        self._seen: dict[str, set[str]] = {}

    @classmethod
    def of_article(cls, text: str, article: Article) -> Genders:
        """Courtesy titles before, or opening, each person mention."""
        genders = cls()
        for entity in article.entities:
            if entity.type != "person":
                continue
            for m in entity.mentions:
                first = text[m.start : m.end].split(maxsplit=1)[:1]
                title = _TITLES.get(first[0].rstrip(".").lower()) if first else None
                genders.learn(entity.id, title or _title_before(text, m.start))
        return genders

    def learn(self, entity_id: str | None, gender: str | None) -> None:
        if entity_id is not None and gender is not None:
            self._seen.setdefault(entity_id, set()).add(gender)

    def clashes(self, entity_id: str | None, gender: str | None) -> bool:
        """Whether the text calls the entity only by the other pronoun or title."""
        if entity_id is None or gender is None:
            return False
        seen = self._seen.get(entity_id)
        return seen is not None and gender not in seen and len(seen) == 1
