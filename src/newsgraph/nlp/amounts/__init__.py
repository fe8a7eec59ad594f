"""The amounts stage: numbers with their qualifier, unit and the thing they count.

Numbers are found with a regex grammar (`_grammar`: digits, number words, ranges,
"thousands of", money, percent) and read to a value; numbers inside time expressions (years,
dates, clock times, durations), clock times in a zone ("0735 GMT"), ordinals, list markers and
"No. 10" are not amounts. What a number counts comes from the spaCy parse:

- "four regions": the noun the number modifies (`nummod`), with its compounds and adjectives;
- "thousands of Russians", "300 of them": the object of the "of" that follows;
- "the 15-nation council": the noun after the hyphen ("nation");
- "a 40-year-old man": an age (unit "years old") of the noun after it;
- "the death toll rose to 43": the count noun (toll, number, total, turnout) the clause gives
  the number to;
- "put the figure at up to 2,000", "the number could reach 100": a sentence that names the
  figure (number, total, estimate) takes the object of the latest amount before it within the
  two sentences before (its offsets point there);
- "Total dead: 14" on its own line: the label.

An object never crosses a line break. Units: the currency (ISO code; GBX/USX for pence and
cents) or "percent" read off the words, a measure word after the number (km, t, barrel), or
"people" when the counted noun names people. Without a parse (`doc=None`) amounts still come
with value, qualifier and unit, and only labels give objects.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsgraph.model import Amount
from newsgraph.nlp._doc import text_of
from newsgraph.nlp.amounts._grammar import RawAmount, find_numbers, words
from newsgraph.nlp.dates.timex import find_timexes

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsgraph.model import Article

__all__ = ["STAGE", "run"]  # the public names; the rest is private

STAGE = "amounts"
# The nouns of people, of counts ("the death toll rose to 43" counts what the toll counts) and
# referential nouns come from `data/amounts/words.toml` (`_grammar.words()`, read at call time
# with the user's data folders).
_ANTECEDENT = re.compile(
    r"(?i)\b(?:the|that|this|their|its)\s+(?:figure|number|total|toll|estimate|count|tally)\b"
)
_AGE = re.compile(r"[\s-]years?[\s-]old\b")
_NUMBER_SIGN = re.compile(r"\b(?:No|Nos|no|Number|number)\.?\s*$")
_TIME_ZONE = re.compile(r"\s*(?:GMT|UTC|[ECMP][SD]T)\b")
_LIST_MARKER = re.compile(r"(?m)^\s*\d{1,3}[.)]\s")
_OBJECT_MODS = frozenset({"compound", "amod", "nmod", "poss", "case"})


def find_amounts(
    text: str, doc: Doc | None, *, time_spans: list[tuple[int, int]] | None = None
) -> list[Amount]:
    """Every amount in `text`; `doc` (the spaCy parse of `text`) supplies the counted objects.

    `time_spans` are the time expressions to leave out (found here when not given)."""
    if time_spans is None:
        time_spans = [(t.start, t.end) for t in find_timexes(text, None)]
    markers = {
        m.start() + len(m.group()) - len(m.group().lstrip()) for m in _LIST_MARKER.finditer(text)
    }
    raws = [
        r
        for r in find_numbers(text)
        if r.start not in markers
        and not _in_time(r, time_spans)
        and not _TIME_ZONE.match(text, r.end)
        and not _NUMBER_SIGN.search(text, max(0, r.start - 8), r.start)
    ]
    amounts: list[Amount] = []
    for raw in raws:
        obj = _object(raw, text, doc)
        referential = obj is not None and text[obj[0] : obj[1]].lower() in words().referential
        if (obj is None or referential) and doc is not None and raw.unit is None:
            obj = _antecedent(raw, doc, amounts) or obj
        age = _AGE.match(text, raw.end)
        if age is not None and raw.unit is None:
            obj = _noun_after(doc, age.end()) if doc is not None else None
        unit = raw.unit or ("years old" if age else None)
        unit = unit or _measure_after(text, raw.end) or _people_unit(obj, doc)
        amounts.append(
            Amount(
                start=raw.start,
                end=raw.end,
                stage=STAGE,
                text=text[raw.start : raw.end],
                value=raw.value,
                value_max=raw.value_max,
                qualifier=raw.qualifier,
                unit=unit,
                object=None if obj is None else text[obj[0] : obj[1]],
                object_start=None if obj is None else obj[0],
                object_end=None if obj is None else obj[1],
            )
        )
    return amounts


def _in_time(raw: RawAmount, spans: list[tuple[int, int]]) -> bool:
    if raw.unit is not None:
        return False
    return any(raw.start < e and s < raw.end for s, e in spans)


_MEASURE_WORD = re.compile(r"\s*(sq(?:uare)?\s+\w+|[A-Za-z]+)")


def _measure_after(text: str, end: int) -> str | None:
    m = _MEASURE_WORD.match(text[end : end + 24])
    if not m:
        return None
    return words().measures.get(m.group(1).lower())


def _people_unit(obj: tuple[int, int] | None, doc: Doc | None) -> str | None:
    if obj is None or doc is None:
        return None
    span = doc.char_span(obj[0], obj[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    head = span.root
    people = words().people
    if head.lemma_.lower() in people or head.text.lower() in people or head.ent_type_ == "NORP":
        return "people"
    return None


def _object(raw: RawAmount, text: str, doc: Doc | None) -> tuple[int, int] | None:
    found = _counted(raw, doc)
    if found is not None and "\n" in text[min(raw.end, found[0]) : max(raw.start, found[0])]:
        found = None  # never across a line break
    if found is None:
        return _label(raw, text)
    if found is None or doc is None or text[found[0] : found[1]].lower() not in words().measures:
        return found
    unit_span = doc.char_span(found[0], found[1], alignment_mode="expand")
    if unit_span is not None and unit_span.end < len(doc) and doc[unit_span.end].lower_ == "of":
        return _pobj(doc[unit_span.end], unit_span)
    return None


_LABEL = re.compile(r"([A-Z][A-Za-z ]{1,40}):[ \t]*$")  # matched up to the figure


def _label(raw: RawAmount, text: str) -> tuple[int, int] | None:
    """A figure in a short "Label: 192" line counts what the label names."""
    lo = max(0, raw.start - 48)
    newline = text.rfind("\n", lo, raw.start)
    if newline < 0 and lo > 0:
        return None
    line_start = newline + 1
    after = text[raw.end : raw.end + 24]
    rest = after.split("\n", 1)[0]
    if rest.strip(" \t.;,") or ("\n" not in after and raw.end + 24 < len(text)):
        return None
    m = _LABEL.match(text, line_start, raw.start)
    return None if m is None else (m.start(1), m.end(1))


def _counted(raw: RawAmount, doc: Doc | None) -> tuple[int, int] | None:
    if raw.hyphen_noun is not None:
        return raw.hyphen_noun
    if doc is None or raw.unit in ("percent", "percentage point"):
        return None
    span = doc.char_span(raw.start, raw.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    last = span[-1]
    if last.lower_ == "of":
        return _pobj(last, span)
    nums = [t for t in span if t.like_num or t.lower_ in ("dozen", "hundred", "thousand")]
    token = nums[-1] if nums else last
    for _ in range(3):
        if (
            token.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod")
            and token.head.i > token.i
        ):
            token = token.head
            if token.pos_ in ("NOUN", "PROPN") and token not in span:
                return _noun_span(token, span)
        else:
            break
    subject = _count_subject(token)
    if subject is not None:
        return _noun_span(subject, span)
    following = doc[span.end] if span.end < len(doc) else None
    if following is not None and following.lower_ == "of":
        return _pobj(following, span)
    if following is not None and following.pos_ == "NOUN" and raw.unit is None:
        return _noun_span(following, span)
    return None


def _count_subject(number: Token) -> Token | None:
    """ "the death toll rose to 43": the count noun the sentence gives the number to."""
    head = number.head
    if number.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    if head.pos_ not in ("VERB", "AUX"):
        return None
    for child in head.children:
        if (
            child.dep_ in ("nsubj", "nsubjpass", "dobj")
            and child.lemma_.lower() in words().count_nouns
        ):
            return child
    return None


def _noun_after(doc: Doc, offset: int) -> tuple[int, int] | None:
    """The noun right after an age ("a 40-year-old man" -> man)."""
    span = doc.char_span(offset, min(len(text_of(doc)), offset + 40), alignment_mode="expand")
    if span is None:
        return None
    for token in span[:3]:
        if token.pos_ in ("NOUN", "PROPN"):
            return token.idx, token.idx + len(token.text)
        if token.is_punct and token.text != "-":
            break
    return None


def _pobj(of: Token, amount: Span) -> tuple[int, int] | None:
    for child in of.children:
        if child.dep_ == "pobj" and child.pos_ in ("NOUN", "PROPN", "PRON"):
            return _noun_span(child, amount)
    nxt = of.doc[of.i + 1] if of.i + 1 < len(of.doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
        return _noun_span(nxt, amount)
    return None


def _noun_span(head: Token, amount: Span) -> tuple[int, int]:
    """The noun with the modifiers left of it that are not part of the amount."""
    start = head.i
    for child in sorted(head.lefts, key=lambda t: -t.i):
        inside = amount.start <= child.i < amount.end
        if child.i != start - 1 or child.dep_ not in _OBJECT_MODS or inside:
            break
        start = child.i
    while start < head.i and head.doc[start].dep_ == "case":
        start += 1
    first = head.doc[start]
    return first.idx, head.idx + len(head.text)


def _antecedent(raw: RawAmount, doc: Doc, earlier: list[Amount]) -> tuple[int, int] | None:
    """The object of "the figure" (number, total, toll) from the amounts just before it."""
    span = doc.char_span(raw.start, raw.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    sent = span[0].sent
    if not _ANTECEDENT.search(text_of(doc)[sent.start_char : sent.end_char]):
        return None
    window_start = sent.start_char
    prev = doc[sent.start - 1].sent if sent.start > 0 else None
    if prev is not None:
        window_start = prev.start_char
        if prev.start > 0:
            window_start = doc[prev.start - 1].sent.start_char
    for amount in reversed(earlier):
        has_object = amount.object_start is not None and amount.object_end is not None
        if has_object and window_start <= amount.start < raw.start:
            return amount.object_start, amount.object_end  # type: ignore[return-value]
    return None


def run(article: Article, doc: Doc) -> Article:
    text = article.text
    parse: Doc | None = doc if doc is not None and text_of(doc) == text else None
    # The dates stage runs first in the pipeline; reuse its spans when it found any.
    spans = [(d.start, d.end) for d in article.dates] if article.dates else None
    return article.model_copy(update={"amounts": find_amounts(text, parse, time_spans=spans)})
