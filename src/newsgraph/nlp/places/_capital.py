""" "The capital" as a place name (used by `places`).

News names a country's capital without its name once the country is clear: "a third patient
was flown to the capital", "the Malawian capital", "the country's capital city". No gazetteer
entry bears that name (a region called "Capital" is another place), so the mention is
resolved after the others: to the capital of the country its own adjective names ("the
Kenyan capital"), else of the country the article's other names point to most.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsgraph.nlp import _gazetteer_build
from newsgraph.nlp.gazetteer import Candidate, Gazetteer, norm

# "the capital", "the capital city", "the country's capital", "the Kenyan capital"
_CAPITAL = re.compile(
    r"the\s+(?:(?:country|nation)['’]s\s+|(?P<word>[A-Za-z][\w-]*)\s+)?capital(?:\s+city)?",
    re.IGNORECASE,
)


# Words before "capital" that still mean the country's own ("the national capital").
_NATIONAL = frozenset({"national", "federal"})


def capital_word(text: str) -> str | None:
    """For a mention that names a capital by the word alone, the word before "capital"
    ("Kenyan" in "the Kenyan capital"; "" when there is none); None for any other name
    ("Capital", "Capital Region", "Capitol Hill")."""
    m = _CAPITAL.fullmatch(text.strip())
    if m is None:
        return None
    return m.group("word") or ""


@lru_cache(maxsize=1)
def _capital_names() -> dict[str, str]:
    """Country code -> its capital's name, from the gazetteer's own country table."""
    return {c.code: c.capital for c in _gazetteer_build.read_countries() if c.code and c.capital}


def capital_of(gaz: Gazetteer, country: str | None) -> Candidate | None:
    """The gazetteer's city that is the capital of `country` (an ISO code), if it has one."""
    name = _capital_names().get(country or "")
    if name is None:
        return None
    towns = [
        c
        for c in gaz.lookup(name)
        if c.entry.kind == "city" and c.entry.country_code == country and c.entry.lat is not None
    ]
    if not towns:
        return None
    return max(towns, key=lambda c: (c.entry.capital, not c.alternate, c.entry.population))


def capital_country(gaz: Gazetteer, word: str, article_country: str | None) -> str | None:
    """The country whose capital is meant: the one the word before "capital" names as a
    demonym or a country name ("the Kenyan capital", "the Kenya capital"), else the
    article's; None when the word makes it another capital ("the state capital", "the
    provincial capital", "the commercial capital", "the former capital")."""
    if word and word.lower() not in _NATIONAL:
        demonym = gaz.demonym(word)
        if demonym is not None and demonym.entry.country_code:
            return demonym.entry.country_code
        for c in gaz.lookup(word):
            if c.entry.kind == "country" and not c.alternate and norm(c.entry.name) == norm(word):
                return c.entry.country_code
        return None
    return article_country
