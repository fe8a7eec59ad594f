"""The spaCy pipeline, loaded once per process and per model name."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


@lru_cache(maxsize=4)
def load_nlp(name: str) -> Language:
    """Load a spaCy pipeline by package name; ``blank:LANG`` gives a blank one (for tests)."""
    import spacy

    if name.startswith("blank:"):
        nlp = spacy.blank(name.removeprefix("blank:"))
        nlp.add_pipe("sentencizer")
    else:
        nlp = spacy.load(name)
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp
