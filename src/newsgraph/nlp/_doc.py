"""Helpers every stage may share: tokens, sentences and paragraphs of a spaCy `Doc`, the
entity a span of the text names, and a text folded for fast case-blind matching.

Stages import these from here, never each other's private helpers.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from newsgraph.model import Article, Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "ascii_lower",
    "entity_at",
    "named_entities",
    "paragraph",
    "remember_text",
    "sentence_of",
    "span_of",
    "text_of",
    "token_at",
]

_TEXT_KEY = "newsgraph.doc.text"
_ENTS_KEY = "newsgraph.doc.ents"


def token_at(doc: Doc, offset: int) -> int | None:
    """Index of the first token starting at or after `offset`."""
    lo, hi = 0, len(doc)
    while lo < hi:
        mid = (lo + hi) // 2
        if doc[mid].idx < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo if lo < len(doc) else None


def span_of(tokens: list[Token]) -> tuple[int, int]:
    """Character bounds of a run of tokens."""
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t) for t in tokens)  # a token's length in characters, no string made
    return start, end


def text_of(doc: Doc) -> str:
    """`doc.text`, built once per Doc (spaCy joins every token on each access)."""
    cached = doc.user_data.get(_TEXT_KEY)
    if not isinstance(cached, str):
        cached = doc.text
        doc.user_data[_TEXT_KEY] = cached
    return cached


def remember_text(doc: Doc, text: str) -> Doc:
    """`doc` with `text` kept as its text for `text_of`, for a caller that parsed `text` into
    `doc` (spaCy keeps the parsed text verbatim, so the join `text_of` would make is skipped)."""
    doc.user_data[_TEXT_KEY] = text
    return doc


def named_entities(doc: Doc) -> tuple[tuple[int, int, str], ...]:
    """spaCy's entities of `doc` as (start_char, end_char, label_), read once per Doc: the
    entities and places stages both ask, and each reading of `doc.ents` builds every span
    anew. (The pipeline relabels a foreign model's entities before any stage reads them.)"""
    cached = doc.user_data.get(_ENTS_KEY)
    if not isinstance(cached, tuple):
        cached = tuple((e.start_char, e.end_char, e.label_) for e in doc.ents)
        doc.user_data[_ENTS_KEY] = cached
    return cached


def paragraph(doc: Doc, token: Token) -> tuple[int, int]:
    """Character bounds of the line (paragraph) holding `token`."""
    text = text_of(doc)
    lo = text.rfind("\n", 0, token.idx) + 1
    hi = text.find("\n", token.idx)
    return lo, len(text) if hi == -1 else hi


def sentence_of(token: Token) -> Span:
    """The sentence holding `token`, or its paragraph where the Doc has no sentence boundaries."""
    doc = token.doc
    if doc.has_annotation("SENT_START"):
        return token.sent
    lo, hi = paragraph(doc, token)
    span = doc.char_span(lo, hi, alignment_mode="expand")
    return span if span is not None else doc[token.i : token.i + 1]


def entity_at(article: Article, start: int, end: int) -> Entity | None:
    """The entity one of whose mentions overlaps `start:end` most (None when none does)."""
    best: Entity | None = None
    best_overlap = 0
    for ent in article.entities:
        for m in ent.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if start == end and m.start <= start < m.end:
                overlap = 1
            if overlap > best_overlap:
                best, best_overlap = ent, overlap
    return best


# The characters beyond ASCII that a case-blind pattern matches to an ASCII letter (Python's
# `re` folds "İ" and "ı" to "i", "ſ" to "s", the Kelvin sign to "k").
_FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"


@lru_cache(maxsize=4)
def ascii_lower(text: str) -> str | None:
    """`text` with its ASCII capitals in lower case, the same length, or None where it holds a
    character that case-blind matching folds to an ASCII letter ("İ", "ı", "ſ", "K").

    A case-sensitive pattern of lower-case ASCII finds on it the very spans the same pattern
    finds case-blind (``re.IGNORECASE``) on `text`, and runs faster: "Five Years" and "five
    years" both read "five years"."""
    if any(c in text for c in _FOLDS_TO_ASCII):
        return None
    # bytes.lower() changes only A-Z, and UTF-8 keeps every other character's bytes out of
    # that range, so this is str.translate of A-Z at a fraction of its cost
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")
