""" "The capital" as a place name (used by `places`).

News names a country's capital without its name once the country is clear: "a third patient
was flown to the capital", "the Malawian capital", "the country's capital city". No gazetteer
entry bears that name (a region called "Capital" is another place), so the mention is
resolved after the others: to the capital of the country its own adjective names ("the
Kenyan capital"), else of the country the article's other names point to most.
"""

from __future__ import annotations

import re

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


def capital_of(gaz: Gazetteer, country: str | None) -> Candidate | None:
    """The gazetteer's city that is the capital of `country` (an ISO code), if it has one."""
    return gaz.capital(country)


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
