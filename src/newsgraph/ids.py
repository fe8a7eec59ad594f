"""Stable identifiers: content hashes for articles, name keys for entities."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _without_marks(run: re.Match[str]) -> str:
    return "".join(c for c in run.group() if not unicodedata.combining(c))


def strip_accents(text: str) -> str:
    """The text decomposed (NFKD) without its combining marks: "María" -> "Maria"."""
    if text.isascii():  # nothing to decompose or strip, and no per-character loop
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    # Only non-ASCII characters can be combining marks: look at those runs alone, so an
    # English article with a curly quote is not read a character at a time.
    return _NON_ASCII.sub(_without_marks, decomposed)


def normalise_text(text: str) -> str:
    """Case-folded, accent-stripped, whitespace-collapsed text: equal for trivially equal copies."""
    return _SPACE.sub(" ", strip_accents(text)).strip().casefold()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]
