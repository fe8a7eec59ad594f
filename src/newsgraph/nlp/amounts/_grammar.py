"""Finding numbers in text and reading their values: digits, words, ranges, money, percent.

`find_numbers(text)` returns `RawAmount`s with the value, range end, qualifier and unit read off
the words; the amounts stage then drops those inside time expressions and finds what each counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsgraph.nlp._doc import ascii_lower
from newsgraph.rules import RuleFileError, data_dirs, read_toml, strings

_WORDS_FILE = "data/amounts/words.toml"


def _word_map(words: dict[str, Any], table: str) -> dict[str, str]:
    value = words.get(table)
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise RuleFileError(f"[{table}] must map words to strings", file=_WORDS_FILE)
    return value


_UNITS_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12,
}  # fmt: skip
VAGUE = {"dozens": 12.0, "scores": 20.0, "hundreds": 100.0, "thousands": 1e3,
         "tens of thousands": 1e4, "hundreds of thousands": 1e5, "millions": 1e6,
         "tens of millions": 1e7, "hundreds of millions": 1e8, "billions": 1e9}  # fmt: skip
CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "A$": "AUD",
                    "C$": "CAD", "HK$": "HKD", "Rs": "INR", "₹": "INR"}  # fmt: skip


def _alt(words: Iterable[object]) -> str:
    return "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))


_WORD = _alt(_UNITS_WORDS)
_WORD_NUM = (
    rf"(?:{_WORD})(?:[\s-](?:{_WORD}))?"
    rf"(?:\s+(?:hundred|thousand)(?:\s+(?:and\s+)?(?:{_WORD})(?:-(?:{_WORD}))?)?)?"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:hundred|thousand|million|billion|trillion|mn|mln|bn|tn|m|b|k)(?![\w])"
_CUR_PRE = r"(?:US\$|A\$|C\$|HK\$|\$|£|€|¥|₹)"
_NUM = rf"(?:{_DIGITS}|(?i:{_WORD_NUM})|(?i:a\s+dozen|a\s+half|half\s+a))"
_VAGUE = (
    r"(?i:(?:tens|hundreds)\s+of\s+(?:thousands|millions)(?:\s+of)?"
    r"|(?:dozens|scores|hundreds|thousands|millions|billions)\s+of)"
)
# The opening of a match up to its first number word or digit, for the ASCII-lowered text.
_VAGUE_OPENING = r"tens|hundreds|dozens|scores|thousands|millions|billions"
_NUM_OPENING = rf"\d|{_WORD}|a\s+dozen|a\s+half|half\s+a"


@dataclass(frozen=True, slots=True)
class Words:
    """The amounts' words (`data/amounts/words.toml`, with the user's data folders): currency
    words, units of measure, qualifiers, the nouns of what is counted, and the number grammar
    built from them."""

    currencies: dict[str, str]
    measures: dict[str, str]
    qualifiers: tuple[str, ...]
    people: frozenset[str]
    count_nouns: frozenset[str]
    referential: frozenset[str]
    amount_re: re.Pattern[str]
    # Where `amount_re` may match, found in the ASCII-lowered text (`ascii_lower`): its opening
    # alone, with plain lower-case words that the engine skips fast, not case-blind ones. It
    # matches wherever `amount_re` does (and at a few places more); None for non-ASCII
    # qualifiers.
    opening_re: re.Pattern[str] | None


def words() -> Words:
    """The words for the data folders in use now (read once per set of folders)."""
    return _words(data_dirs())


@lru_cache(maxsize=4)
def _words(dirs: tuple[Path, ...]) -> Words:
    table = read_toml("amounts/words.toml", dirs)

    def listed(name: str) -> tuple[str, ...]:
        return tuple(strings(table.get(name), name, _WORDS_FILE))

    currencies = _word_map(table, "currencies")
    qualifiers = listed("qualifiers")
    suffix = (
        r"(?:\s*(?P<pct>%|(?i:per\s*cent|percent|percentage\s+points?))"
        rf"|\s+(?P<curword>(?i:{_alt(currencies)}))(?![\w]))"
    )
    amount_re = re.compile(
        rf"(?<![\w$£€¥.,#/:-])(?:(?P<qual>(?i:{_alt(qualifiers)}|between|from))\s+)?"
        rf"(?:(?P<vague>{_VAGUE})"
        rf"|(?P<cur>{_CUR_PRE})?\s?(?P<num>{_NUM})(?:\s*(?P<scale>{_SCALE}))?"
        rf"(?:(?P<pct1>%|\s(?i:percent|per\s*cent))?\s*(?P<conn>-|–|to|and)\s*"
        rf"(?P<cur2>{_CUR_PRE})?(?P<num2>{_NUM})(?:\s*(?P<scale2>{_SCALE}))?)?"
        rf"(?:{suffix})?(?P<hyphen>-(?P<noun>[a-z]{{3,}})\b(?!-))?)"
        rf"(?![\w$£€])"
    )
    opening_re = re.compile(
        rf"(?<![\w$£€¥.,#/:-])(?:(?:{_alt(q.lower() for q in qualifiers)}|between|from)\s+)?"
        rf"(?:{_VAGUE_OPENING}|{_CUR_PRE.lower()}?\s?(?:{_NUM_OPENING}))"
    )
    return Words(
        currencies=currencies,
        measures=_word_map(table, "measures"),
        qualifiers=qualifiers,
        people=frozenset(listed("people")),
        count_nouns=frozenset(listed("count_nouns")),
        referential=frozenset(listed("referential")),
        amount_re=amount_re,
        opening_re=opening_re if all(q.isascii() for q in qualifiers) else None,
    )


_COUNTED_AFTER = re.compile(r"\s+(?:people|[a-z]{3,}s)\b")


@dataclass(frozen=True, slots=True)
class RawAmount:
    start: int
    end: int
    value: float | None
    value_max: float | None
    qualifier: str | None
    unit: str | None
    hyphen_noun: tuple[int, int] | None


_DIGITS_ONLY = re.compile(r"\d+(?:\.\d+)?")
_WORD_BREAKS = re.compile(r"[\s-]+")
_SPACES = re.compile(r"\s+")


def parse_number(raw: str) -> float | None:
    """A number in digits ("2,000", "3.2") or words ("twenty-one", "a dozen", "two hundred")."""
    s = raw.lower().replace(",", "").strip()
    if _DIGITS_ONLY.fullmatch(s):
        return float(s)
    if s in ("a dozen",):
        return 12.0
    if s in ("a half", "half a"):
        return 0.5
    total = current = 0.0
    for word in _WORD_BREAKS.split(s):
        if word == "and" or not word:
            continue
        if word in _UNITS_WORDS:
            current += _UNITS_WORDS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total, current = total + (current or 1) * 1000, 0.0
        else:
            return None
    return total + current


def _scaled(num: str | None, scale: str | None) -> float | None:
    if num is None:
        return None
    value = parse_number(num)
    if value is None:
        return None
    if scale:
        value *= SCALES[scale.lower()]
    return value


def find_numbers(text: str) -> list[RawAmount]:
    out: list[RawAmount] = []
    pos = 0
    w = words()
    lowered = ascii_lower(text) if w.opening_re is not None else None
    while (m := _search(w, text, lowered, pos)) is not None:
        raw = _read(m, w.currencies)
        if raw is not None:
            out.append(raw)
        pos = max(m.start() + 1, raw.end if raw is not None else m.end())
    return out


def _search(w: Words, text: str, lowered: str | None, pos: int) -> re.Match[str] | None:
    """`w.amount_re.search(text, pos)`: the places `w.opening_re` finds in the lowered text,
    the first where `amount_re` matches in the text."""
    if lowered is None or w.opening_re is None:
        return w.amount_re.search(text, pos)
    while (place := w.opening_re.search(lowered, pos)) is not None:
        m = w.amount_re.match(text, place.start())
        if m is not None:
            return m
        pos = place.start() + 1
    return None


def _read(m: re.Match[str], currencies: dict[str, str]) -> RawAmount | None:
    qual = m["qual"].lower() if m["qual"] else None
    if qual is not None:
        qual = _SPACES.sub(" ", qual)
    if m["vague"]:
        phrase = _SPACES.sub(" ", m["vague"].lower())
        key = phrase.removesuffix(" of")
        return RawAmount(m.start(), m.end(), VAGUE[key], None, phrase, None, None)
    num = m["num"]
    if num is None:
        return None
    if num.lower() == "one" and not (m["scale"] or m["pct"] or m["cur"] or m["curword"]):
        return None
    scale = m["scale"]
    if scale and scale.lower() in ("m", "b", "k") and not (m["cur"] or m["cur2"]):
        # "5 m" is five metres more often than five million; "1.5m people" is not
        attached = m.end("num") == m.start("scale")
        if not (attached and _COUNTED_AFTER.match(m.string, m.end("scale"))):
            return None
    value = _scaled(num, scale)
    if m["conn"] == "and" and qual != "between":
        if m["pct1"]:
            return _plain(m, m.end("pct1"), value, qual, unit="percent")
        end = m.end("scale") if m["scale"] else m.end("num")
        return _plain(m, end, value, qual)
    value_max = _scaled(m["num2"], m["scale2"] or scale)
    if value_max is not None and m["scale2"] and not scale and value is not None:
        value *= SCALES[m["scale2"].lower()]
    unit: str | None = None
    cur = m["cur"] or m["cur2"]
    if cur:
        unit = CURRENCY_SYMBOLS.get(cur, "USD")
    elif m["curword"]:
        unit = currencies[m["curword"].lower()]
    elif m["pct"]:
        unit = "percentage point" if "point" in m["pct"].lower() else "percent"
    if m["pct1"] and not m["pct"]:
        return _plain(m, m.end("pct1"), value, qual, unit="percent")
    if value_max is None and qual in ("between", "from"):
        qual = None  # "from 360": a bare number
    hyphen = (m.start("noun"), m.end("noun")) if m["noun"] else None
    end = m.start("hyphen") if m["hyphen"] else m.end()
    if cur:
        hyphen = None  # "$10-a-share"
    return RawAmount(_start(m, qual), end, value, value_max, qual, unit, hyphen)


def _start(m: re.Match[str], qual: str | None) -> int:
    if qual is not None:
        return m.start()
    return min(m.start("num"), m.start("cur") if m["cur"] else m.start("num"))


def _plain(
    m: re.Match[str], end: int, value: float | None, qual: str | None, *, unit: str | None = None
) -> RawAmount:
    if m["cur"]:
        unit = CURRENCY_SYMBOLS.get(m["cur"], "USD")
    return RawAmount(_start(m, qual), end, value, None, qual, unit, None)
