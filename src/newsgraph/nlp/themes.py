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


def _term_regex(term: str) -> str:
    term = term.strip().lower()
    prefix = term.endswith("*")
    body = re.escape(term.rstrip("*")).replace(r"\ ", r"[\s-]+")
    suffix = r"[\w-]*" if prefix else ""
    return rf"{body}{suffix}(?!\w)"  # the (?<!\w) before it is shared: see `_compile`


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
    words = max(1, sum(1 for _ in _WORDS.finditer(text)))
    title_end = len(article.title) if article.title and text.startswith(article.title) else 0
    themes = []
    lowered = ascii_lower(text)
    for theme in taxonomy or default_taxonomy():
        if theme.folded is not None and lowered is not None:
            spans = [m.span() for m in theme.folded.finditer(lowered)]
        else:
            spans = [m.span() for m in theme.pattern.finditer(text)]
        evidence = [Mention(start=a, end=b, text=text[a:b]) for a, b in spans]
        if not evidence:
            continue
        in_title = any(m.start < title_end for m in evidence)
        distinct = {m.text.lower() for m in evidence}
        if len(evidence) < theme.min_hits and not in_title:
            continue
        if len(distinct) < 2 and theme.min_hits > 1 and not in_title:
            continue
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


def run(article: Article, doc: Doc) -> Article:
    return article.model_copy(update={"themes": find_themes(article)})
