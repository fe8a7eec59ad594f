"""Stable identifiers: content hashes for articles, name keys for entities, sites by host."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

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


def site_of(url: str | None) -> str | None:
    """The site of a URL, as an article's `source` names it: its host without "www."
    ("https://www.example.org/news/1" -> "example.org"); None without a host."""
    if not url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    return host.removeprefix("www.")


def source_key(value: str) -> str:
    """A source filter as the store holds sources: a URL by its site ("https://www.example.org/"
    -> "example.org"), a bare "www." host without it; a site's name as it is."""
    value = value.strip()
    if "://" in value:
        return site_of(value) or value
    return value.removeprefix("www.")
