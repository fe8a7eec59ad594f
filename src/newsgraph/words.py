"""Counts in words, the one way messages, the CLI and the web pages write them ("1 article",
"3 matches")."""

from __future__ import annotations

import re

_SIBILANT = re.compile(r"(?:s|x|z|ch|sh)$")
_CONSONANT_Y = re.compile(r"[^aeiou]y$")


def plural(noun: str) -> str:
    """The plural of a regular English noun: article -> articles, match -> matches,
    entity -> entities (what `counted` writes for any count but 1)."""
    if _CONSONANT_Y.search(noun):
        return noun[:-1] + "ies"
    if _SIBILANT.search(noun):
        return noun + "es"
    return noun + "s"


def counted(n: int, noun: str, *, grouped: bool = False) -> str:
    """`n` and `noun`, in the plural unless `n` is 1: "1 article", "2 articles", "3 matches";
    `grouped` writes 1,204 for 1204."""
    number = f"{n:,}" if grouped else str(n)
    return f"{number} {noun if n == 1 else plural(noun)}"
