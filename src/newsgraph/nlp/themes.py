"""The themes stage: a documented taxonomy (``data/themes.toml``) matched against the text.

Every match is evidence with offsets; see the taxonomy file for how terms, hits and scores work.
Users extend the taxonomy with a `themes.toml` in one of their data folders (see
`newsgraph.rules`: its themes are added, its terms appended to a theme of the same name) or pass
their own file to `load_taxonomy`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.model import Article, Mention, Theme
from newsgraph.nlp._doc import ascii_lower
from newsgraph.rules import RuleFileError, data_dirs, read_toml, read_toml_file

if TYPE_CHECKING:
    from spacy.tokens import Doc

STAGE = "themes"
_WORDS = re.compile(r"\w+")
_HEAD = 4  # characters of each word of a text kept to rule out a stem (`Leads.openings`)


@dataclass(frozen=True, slots=True)
class Leads:
    """The words a theme's matches open with: a match starts where a word of the text (a run of
    word characters) starts, and that word is one of `words` or begins with one of `prefixes`
    (a starred term's stem). A text without any of them has no match to look for, and one
    with some has matches only where they are written: "war", "troops" and "soldier*" lead the
    armed conflict theme."""

    words: frozenset[str]
    prefixes: tuple[str, ...]

    def openings(self, text: str, vocabulary: frozenset[str], heads: frozenset[str]) -> list[int]:
        """Every offset of `text` (whose words are `vocabulary`, and `heads` their first
        `_HEAD` characters) where one of its lead words or a stem is written, in order: each
        match starts at one of them (the pattern itself checks the word boundaries), so the
        pattern is tried there alone rather than at every offset of the text. A stem no word
        can begin with is not looked for."""
        stems = (p for p in self.prefixes if len(p) < _HEAD or p[:_HEAD] in heads)
        places: set[int] = set()
        for lead in (*self.words.intersection(vocabulary), *stems):
            at = text.find(lead)
            while at >= 0:
                places.add(at)
                at = text.find(lead, at + 1)
        return sorted(places)


@dataclass(frozen=True, slots=True)
class ThemeDef:
    name: str
    description: str
    pattern: re.Pattern[str]
    weight: float
    min_hits: int
    saturation: float
    # `pattern` without its case-blind flag, for the text's ASCII-lowered copy (`ascii_lower`):
    # the same matches, faster; None where a term is not ASCII ("café" also matches "CAFÉ").
    folded: re.Pattern[str] | None = None
    # What `folded` matches open with (None where a term opens with no word character): a theme
    # is tried only where one of its leads is written in the text.
    leads: Leads | None = None


def _term_regex(term: str) -> str:
    term = term.strip().lower()
    prefix = term.endswith("*")
    body = re.escape(term.rstrip("*")).replace(r"\ ", r"[\s-]+")
    suffix = r"[\w-]*" if prefix else ""
    return rf"{body}{suffix}(?!\w)"  # the (?<!\w) before it is shared: see `_compile`


def _leads(terms: list[object]) -> Leads | None:
    """The opening word of each term, whole or (a starred term of one word) as a prefix: the
    text's word at a match's start equals the term's first word where a space, a hyphen or
    the term's end follows it (`_term_regex` lets no letter follow), or begins with the stem
    of "troop*"."""
    words: set[str] = set()
    prefixes: set[str] = set()
    for term in terms:
        body = str(term).strip().lower()
        starred = body.endswith("*")
        body = body.rstrip("*")
        first = _WORDS.match(body)
        if first is None:
            return None
        if starred and first.end() == len(body):
            prefixes.add(first.group())
        else:
            words.add(first.group())
    return Leads(frozenset(words), tuple(sorted(prefixes)))


def _compile(name: str, table: object, file: str) -> ThemeDef:
    if not isinstance(table, dict):
        raise RuleFileError(f"theme {name!r} is not a table", file=file)
    terms = table.get("terms", [])
    if not isinstance(terms, list) or not terms:
        raise RuleFileError(f"theme {name!r} has no terms", file=file)
    # One lookbehind for the whole alternation rather than one per term: the same matches,
    # about six times faster (the engine no longer enters every branch at every position).
    alternatives = "|".join(_term_regex(str(t)) for t in terms)
    source = rf"(?<!\w)(?:{alternatives})"
    pattern = re.compile(source, re.IGNORECASE)
    folded = re.compile(source) if source.isascii() else None
    try:
        return ThemeDef(
            name=name,
            description=str(table.get("description", "")),
            pattern=pattern,
            weight=float(table.get("weight", 1.0)),
            min_hits=int(table.get("min_hits", 2)),
            saturation=float(table.get("saturation", 5.0)),
            folded=folded,
            leads=_leads(terms) if folded is not None else None,
        )
    except (TypeError, ValueError) as e:
        raise RuleFileError(f"theme {name!r}: {e}", file=file) from e


def load_taxonomy(path: Path | None = None) -> tuple[ThemeDef, ...]:
    """Read a taxonomy file alone, or by default the shipped one with the user's data folders."""
    if path is None:
        return default_taxonomy()
    data = read_toml_file(path)
    return tuple(_compile(name, table, str(path)) for name, table in data.items())


def default_taxonomy() -> tuple[ThemeDef, ...]:
    """The shipped taxonomy extended by the user's data folders (cached per set of folders)."""
    return _taxonomy(data_dirs())


@lru_cache(maxsize=4)
def _taxonomy(dirs: tuple[Path, ...]) -> tuple[ThemeDef, ...]:
    data = read_toml("themes.toml", dirs)
    return tuple(_compile(name, table, "data/themes.toml") for name, table in data.items())


def find_themes(article: Article, taxonomy: tuple[ThemeDef, ...] | None = None) -> list[Theme]:
    text = article.text
    title_end = len(article.title) if article.title and text.startswith(article.title) else 0
    themes = []
    lowered = ascii_lower(text)
    # The same word boundaries in both (ASCII lowering keeps every letter a letter).
    found = _WORDS.findall(text if lowered is None else lowered)
    words = max(1, len(found))
    vocabulary = frozenset(found) if lowered is not None else frozenset()
    heads = frozenset(word[:_HEAD] for word in vocabulary)
    for theme in taxonomy or default_taxonomy():
        if theme.folded is not None and lowered is not None:
            if theme.leads is not None:
                # `finditer`'s matches, tried only where a lead is written (none: no match)
                spans = _matches_at(
                    theme.folded, lowered, theme.leads.openings(lowered, vocabulary, heads)
                )
            else:
                spans = [m.span() for m in theme.folded.finditer(lowered)]
        else:
            spans = [m.span() for m in theme.pattern.finditer(text)]
        if not spans:
            continue
        in_title = spans[0][0] < title_end  # the matches come in the text's order
        if not in_title:
            if len(spans) < theme.min_hits:
                continue
            if theme.min_hits > 1 and len({text[a:b].lower() for a, b in spans}) < 2:
                continue
        evidence = [Mention(start=a, end=b, text=text[a:b]) for a, b in spans]
        density = 100.0 * len(evidence) / words
        score = min(1.0, theme.weight * density / theme.saturation)
        first = evidence[0]
        themes.append(
            Theme(
                name=theme.name,
                score=round(score, 4),
                evidence=evidence,
                start=first.start,
                end=first.end,
                stage=STAGE,
            )
        )
    themes.sort(key=lambda t: -t.score)
    return themes


def _matches_at(pattern: re.Pattern[str], text: str, places: list[int]) -> list[tuple[int, int]]:
    """The spans `pattern.finditer(text)` gives where every match starts at one of `places`
    (sorted) and none is empty: the first match from each place on, the next from its end."""
    spans: list[tuple[int, int]] = []
    end = 0
    for at in places:
        if at < end:
            continue
        m = pattern.match(text, at)
        if m is not None:
            spans.append(m.span())
            end = m.end()
    return spans


def run(article: Article, doc: Doc) -> Article:
    return article.model_copy(update={"themes": find_themes(article)})
