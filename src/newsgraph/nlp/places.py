"""The places stage (not built yet: returns the article unchanged)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsgraph.model import Article

STAGE = "places"


def run(article: Article, doc: Doc) -> Article:
    return article
