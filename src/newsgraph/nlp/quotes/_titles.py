"""Titles of works in quotation marks: names of books, songs and programmes, not speech.

News style (the AP Stylebook's rule for composition titles) puts the titles of books, songs,
films, television programmes and papers in quotation marks, so a quotation can name a work
rather than report words: 'In her 2010 book, “Saving Made Simple,” she argued ...', 'Lee said
on NBC's “Meet the Press.”', 'a rendition of the hymn “Amazing Grace”'. Such a quotation is
written in title case and follows a possessive (a programme's network) or a noun that names a
kind of work. A quotation in title case anywhere else (a slogan chanted, “Lock Her Up”) is
left to the cue rules.

A quotation can also name a term rather than report words: 'the so-called “slow cinema”
movement', 'the band, known to fans as “the Lads”'. After "so-called", "known (to ...) as",
"nicknamed" or "aka" the marks set off a name or a phrase in use, not anyone's speech
(`is_term`). So does a quotation beside a noun that labels a phrase ('the party's slogan,
“Homes First,”', 'its “Homes First” slogan'), in any case (`is_label`).
"""

from __future__ import annotations

import re

from newsgraph.nlp.quotes._lexicon import Lexicon
from newsgraph.nlp.quotes._marks import QuoteSpan

# Words a title keeps in lower case (articles, short prepositions and conjunctions).
_MINOR = frozenset(
    {
        "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "to", "for", "at", "by",
        "with", "from", "as", "vs", "vs.", "via", "per", "up", "into", "off", "over",
    }
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_MAX_WORDS = 10
_LOOKBACK = 40  # characters before the opening mark searched for a possessive or a work noun
_POSSESSIVE = re.compile(r"\w['’]s[ \t]*$")


def title_case(words: list[str]) -> bool:
    """Whether words read as a title: the first and every major word capitalised."""
    if not 2 <= len(words) <= _MAX_WORDS or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w.lower() in _MINOR for w in words)


def is_title(text: str, span: QuoteSpan, lex: Lexicon) -> bool:
    """Whether the quotation names a work (see the module's docstring)."""
    words = _WORD.findall(text, span.start, span.end)
    if not title_case(words):
        return False
    before = _before(text, span).rstrip(" \t,:")
    if _POSSESSIVE.search(before):
        return True
    tail = [w.lower() for w in _WORD.findall(before)[-3:]]
    if tail and tail[-1] in _VENUE_PREPOSITIONS and before.endswith(tail[-1]):
        return True  # "appeared on “Morning Report”", "starred in “The Quiet Harbour”"
    return any(w in lex.work_nouns for w in tail)


# A title-case quotation right after "on" or "in" is where someone appeared, starred or wrote
# (a programme, a film, a paper), not words said: speech follows a cue, not a preposition.
_VENUE_PREPOSITIONS = frozenset({"on", "in"})


# "so-called", "known as", "also known to fans as", "nicknamed", "aka" right before the mark.
_TERM_BEFORE = re.compile(
    r"(?:\bso[- ]called|\bknown(?:[ \t]+[\w'’]+){0,3}[ \t]+as|\bnicknamed|\ba\.?k\.?a\.?)"
    r"[ \t]*$",
    re.IGNORECASE,
)


def _before(text: str, span: QuoteSpan) -> str:
    """The words before the opening mark, within its line and `_LOOKBACK` characters."""
    before = text[max(0, span.outer_start - _LOOKBACK) : span.outer_start]
    return before.rsplit("\n", 1)[-1]


def _after(text: str, span: QuoteSpan) -> str:
    """The words after the closing mark, within its line and `_LOOKBACK` characters."""
    return text[span.outer_end : span.outer_end + _LOOKBACK].split("\n", 1)[0]


def is_term(text: str, span: QuoteSpan) -> bool:
    """Whether the quotation names a term or a nickname (see the module's docstring)."""
    return bool(_TERM_BEFORE.search(_before(text, span)))


_LABEL_AFTER = 2  # words after the closing mark searched for a label noun ("” campaign slogan")


def is_label(text: str, span: QuoteSpan, lex: Lexicon) -> bool:
    """Whether a noun right before or right after the quotation names it as a label."""
    tail = [w.lower() for w in _WORD.findall(_before(text, span).rstrip(" \t,:"))[-2:]]
    head = [w.lower() for w in _WORD.findall(_after(text, span))[:_LABEL_AFTER]]
    return any(w in lex.label_nouns for w in [*tail, *head])
