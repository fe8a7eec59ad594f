"""Stable identifiers: content hashes for articles, name keys for entities."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Case-folded, accent-stripped, whitespace-collapsed text: equal for trivially equal copies."""
    if not text.isascii():  # ASCII has nothing to decompose or strip (a per-character loop)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return _SPACE.sub(" ", text).strip().casefold()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]
