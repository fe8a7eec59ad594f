"""Which language an article is analysed in, read from what the cleaner found.

The cleaners flag a text that is not English (`non_english`) and name its language when they
can (`Article.language`, an ISO 639-1 code, possibly with a region: "fr-FR"). An article
without either is taken for English, as `newsgraph.analyze(text)` gets it.
"""

from __future__ import annotations

from newsgraph.model import Article

ENGLISH = "en"


def language_code(article: Article) -> str | None:
    """The article's language as a bare lower-case code ("fr"), "en" for English or unknown
    text, and None for a text known not to be English in a language nobody named."""
    declared = (article.language or "").split("-")[0].split("_")[0].strip().lower()
    if "non_english" not in article.flags:
        return declared or ENGLISH
    return declared if declared and declared != ENGLISH else None


def is_english(article: Article) -> bool:
    return language_code(article) == ENGLISH
