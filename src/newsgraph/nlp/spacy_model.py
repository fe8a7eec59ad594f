"""The spaCy pipeline, loaded once per process and per model name."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


@lru_cache(maxsize=4)
def load_nlp(name: str) -> Language:
    import spacy

    nlp = spacy.load(name)
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp
