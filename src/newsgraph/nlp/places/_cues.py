"""Cues in the words around a place name that say which place it is (used by `places`).

- Patterns that name the country or state of a place: after it ("Moscow, Idaho", "Tripoli,
  in northern Lebanon", "Walker County (Ga.)", "Paris, Tenn.", "Portland, OR": a state's
  abbreviation in any style, from `data/places/state_codes.tsv`; through a unit word:
  "Amazonas state, Brazil") or before it ("Lebanon's Tripoli", "Libya's capital, Tripoli",
  "Lebanon's northern city of Tripoli").
- A geographic word that makes a longer name with it: "Gaza Strip", "Jordan River", "Niger
  Delta", "River Jordan"; a river's preposition before "the": "along the Niger", "across the
  Jordan" mean the rivers, when the gazetteer knows an "X River".
- A word for a kind of place: "Gaza province", "the state of Georgia", "Lebanon County", "the
  town of Lebanon", "Niger's junta" (what only a country has: a junta, an army, an embassy).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from newsgraph.nlp.gazetteer import Candidate, Entry, Gazetteer, norm
from newsgraph.rules import RuleFileError, read_table

WEIGHTS_FILE = "places/weights.tsv"  # every scoring weight of the stage, each with its meaning
STATE_CODES_FILE = "places/state_codes.tsv"  # "Tenn.", "TN", "Ont.", "NSW": the state they name


def read_weights(dirs: Sequence[Path] | None = None) -> dict[str, float]:
    """NAME -> VALUE of `data/places/weights.tsv` (a later row of the same name wins)."""
    out = {}
    for row in read_table(WEIGHTS_FILE, ("NAME", "VALUE", "MEANING"), strip=True, dirs=dirs):
        try:
            out[row["NAME"]] = float(row["VALUE"])
        except ValueError as e:
            raise row.error(f"weight {row['NAME']!r} is not a number: {row['VALUE']!r}") from e
        if not row["MEANING"]:
            raise row.error(f"weight {row['NAME']!r} has no meaning")
    return out


WEIGHTS = read_weights()  # read once, at import (with the user's data folders set then)


def read_state_codes(dirs: Sequence[Path] | None = None) -> dict[str, tuple[tuple[str, str], ...]]:
    """CODE (dots taken out, case kept) -> the (country, state name) pairs it abbreviates: "NT"
    is both Canada's Northwest Territories and Australia's Northern Territory."""
    out: dict[str, tuple[tuple[str, str], ...]] = {}
    for row in read_table(STATE_CODES_FILE, ("COUNTRY", "STATE", "CODES"), strip=True, dirs=dirs):
        for code in row["CODES"].split("|"):
            key = code.replace(".", "").strip()
            if not key:
                raise row.error(f"an empty code for {row['STATE']!r}")
            out[key] = (*out.get(key, ()), (row["COUNTRY"], row["STATE"]))
    return out


STATE_CODES = read_state_codes()
SHARED_NAMES_FILE = "places/shared_country_names.tsv"  # "Congo": DR Congo, else its neighbour


def read_shared_country_names(dirs: Sequence[Path] | None = None) -> dict[str, tuple[str, ...]]:
    """Normalised NAME -> the countries it may name."""
    out = {}
    for row in read_table(SHARED_NAMES_FILE, ("NAME", "COUNTRIES"), strip=True, dirs=dirs):
        codes = tuple(c.strip() for c in row["COUNTRIES"].split("|") if c.strip())
        if not codes:
            raise row.error(f"no country for {row['NAME']!r}")
        out[norm(row["NAME"])] = codes
    return out


SHARED_COUNTRY_NAMES = read_shared_country_names()


def shared_country_candidates(gaz: Gazetteer, name: str) -> list[Candidate]:
    """The countries a shared short name may mean ("Congo"), each under its own name: the
    article's context chooses, else the larger country (the stage's size prior)."""
    out = []
    for code in SHARED_COUNTRY_NAMES.get(norm(name), ()):
        found = gaz.country(code)
        if found is not None and found.entry.lat is not None:
            out.append(found._replace(alternate=False))
    return out


_CODE = re.compile(r"(?:[A-Z][a-z]*\.?){1,3}(?![\w])")  # "TN", "Tenn.", "N.Y.", "W.Va."


def state_code_at(text: str, pos: int) -> tuple[str, int] | None:
    """The state abbreviation written at `pos` ("Tenn.", "N.Y.", "TN") and where it ends."""
    m = _CODE.match(text, pos)
    if m is None:
        return None
    code = m.group().replace(".", "")
    return (code, m.end()) if code in STATE_CODES else None


def code_states(gaz: Gazetteer, code: str) -> list[Candidate]:
    """The first-level regions a state abbreviation names (its dots taken out)."""
    out = []
    for cc, name in STATE_CODES.get(code, ()):
        out += [
            c
            for c in gaz.lookup(name)
            if c.entry.kind == "admin1" and c.entry.country_code == cc and not c.alternate
        ]
    return out


def scoring_weight(name: str) -> float:
    """One weight of the table; a name it lacks is an error in the table."""
    if name not in WEIGHTS:
        raise RuleFileError(f"no weight {name!r}", file=f"data/{WEIGHTS_FILE}")
    return WEIGHTS[name]


PATTERN_BONUS = scoring_weight("pattern_bonus")  # a place's country or state named right beside it
KIND_CUE_BONUS = scoring_weight("kind_cue_bonus")  # "Gaza province", "the state of Georgia"

_WORDS = r"((?:[A-Z][\w.'’-]*)(?:\s+[A-Z][\w.'’-]*){0,2})"
_SIDE = (
    r"(?:(?:the\s+)?(?:far\s+)?(?:north|south|east|west|central|northern|southern|eastern|"
    r"western|north-?eastern|north-?western|south-?eastern|south-?western)\s+(?:of\s+)?)"
)
# "Moscow, Idaho", "Moscow (Idaho)", "Tripoli, in northern Lebanon", "Tripoli, northern Lebanon";
# through the word for the place's kind: "Amazonas state, Brazil", "Mubende district, Uganda"
_UNIT_WORD = (
    r"(?P<unit>\s+(?:state|province|region|district|county|governorate|prefecture|department|"
    r"oblast)s?)?"
)
# (group 2: the words after it)
_FOLLOWER = re.compile(rf"{_UNIT_WORD}\s*(?:,\s*(?:in\s+)?{_SIDE}?|\(\s*){_WORDS}")
_LIST_GOES_ON = re.compile(r"\s*(?:,\s*[A-Z]|(?:,\s*)?(?:and|or|&)\s)")
# "Lebanon's Tripoli", "Libya's capital, Tripoli", "Lebanon's northern port city of Tripoli"
_OWNER = re.compile(
    r"\b([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})['’]s?\s+"
    rf"(?:{_SIDE}?(?:(?:port\s+|coastal\s+|border\s+|second\s+|largest\s+)*"
    r"(?:city|town|village|capital|province|region|state)(?:\s+of|,)?\s+))?$"
)

_HEAD_AFTER = re.compile(
    r"\s+(strip|river|delta|valley|basin|heights|peninsula|desert|mountains|sea|gulf|lake|"
    r"canal)\b",
    re.IGNORECASE,
)
_HEAD_BEFORE = re.compile(r"\b(river|lake|gulf of|sea of)\s+$", re.IGNORECASE)
_LAST_LETTERS_BEFORE = frozenset("rReEfF")
_RIVER_BEFORE = re.compile(
    r"\b(?:along|alongside|across|crossed|cross|crossing|banks?\s+of|mouth\s+of|waters\s+of)"
    r"\s+the\s+$",
    re.IGNORECASE,
)
_KIND_AFTER = (
    (
        re.compile(
            r"(?:['’]s?)?\s+(?:junta|government|president|prime\s+minister|parliament|"
            r"armed\s+forces|army|military|embassy|ambassador|foreign\s+minister)\b",
            re.I,
        ),
        {"country"},
    ),
    (
        re.compile(r"\s+(?:province|governorate|state|oblast|prefecture)s?\b", re.I),
        {"admin1"},
    ),
    (re.compile(r"\s+regions?\b", re.I), {"admin1", "region"}),
    (re.compile(r"\s+(?:county|counties|districts?|parish(?:es)?)\b", re.I), {"admin2"}),
)
_KIND_BEFORE = (
    (
        re.compile(r"\b(?:state|province|governorate|oblast|prefecture)\s+of\s+$", re.I),
        {"admin1"},
    ),
    (re.compile(r"\b(?:county|district|parish)\s+of\s+$", re.I), {"admin2"}),
    (re.compile(r"\b(?:city|town|village)\s+of\s+$", re.I), {"city"}),
)
_LOOK_BACK = 60


def pattern_targets(gaz: Gazetteer, text: str, start: int, end: int) -> list[Entry]:
    """The countries and states named right beside a place as its own ("Moscow, Idaho")."""
    return _follower_targets(gaz, text, end) or _owner_targets(gaz, text, start)


def _states(gaz: Gazetteer, name: str) -> list[Entry]:
    return [c.entry for c in gaz.lookup(name) if c.entry.kind in ("country", "admin1")]


def _follower_targets(gaz: Gazetteer, text: str, end: int) -> list[Entry]:
    m = _FOLLOWER.match(text, end)
    if m is None:
        return []
    code = state_code_at(text, m.start(2))
    if code is not None:  # "Albany, N.Y., and Albany, Ga.": an abbreviation is never a list item
        return [c.entry for c in code_states(gaz, code[0])]
    words = m.group(2).split()
    for n in range(len(words), 0, -1):
        hits = _states(gaz, " ".join(words[:n]).rstrip(","))
        if hits:
            after = text.find(words[n - 1], m.start(2)) + len(words[n - 1])
            # "Washington, New York and Boston" is a list, not a place and its state; a unit's
            # country is no list item ("Amazonas state, Brazil, and Loreto, Peru").
            if m.group("unit") and all(h.kind == "country" for h in hits):
                return hits
            return [] if _LIST_GOES_ON.match(text, after) else hits
    return []


def _owner_targets(gaz: Gazetteer, text: str, start: int) -> list[Entry]:
    before = text[max(0, start - _LOOK_BACK) : start]
    m = _OWNER.search(before) if "'" in before or "’" in before else None  # "Libya's"
    if m is None:
        return []
    words = m.group(1).split()
    for i in range(len(words)):
        hits = _states(gaz, " ".join(words[i:]))
        if hits:
            return hits
    return []


def pattern_bonus(entry: Entry, targets: Sequence[Entry]) -> float:
    """The bonus of a place inside a country or state that a pattern names beside it."""
    for t in targets:
        if t.kind == "country" and entry.country_code == t.country_code and entry.kind != "country":
            return PATTERN_BONUS
        if (
            t.kind == "admin1"
            and entry.kind in ("city", "admin2")
            and entry.country_code == t.country_code
            and entry.admin1_code == t.admin1_code
        ):
            return PATTERN_BONUS
    return 0.0


def cued_candidates(
    gaz: Gazetteer, text: str, start: int, end: int
) -> tuple[str, list[Candidate]] | None:
    """The longer name the words around a mention make with it, and its candidates: "Gaza" in
    "the Gaza Strip", "Jordan" in "the River Jordan" or "across the Jordan"; None if none."""
    name = text[start:end]
    before = text[max(0, start - _LOOK_BACK) : start]
    head = _HEAD_AFTER.match(text, end)
    longer = [f"{name} {head.group(1)}"] if head is not None else []
    # the patterns before end in "river", "lake", "of" or "the" and a space: searched only
    # where the last letter is one of theirs (a case-blind search reads no other letter so)
    ends_right = before.rstrip()[-1:] in _LAST_LETTERS_BEFORE
    head = _HEAD_BEFORE.search(before) if ends_right else None
    longer += [f"{head.group(1)} {name}"] if head is not None else []
    for option in longer:
        found = _placed(gaz, option)
        if found:
            return option, found
    if ends_right and _RIVER_BEFORE.search(before):
        for river in (f"{name} River", f"River {name}"):
            found = [c for c in _placed(gaz, river) if c.entry.kind == "feature"]
            if found:
                return river, found
    return None


def _placed(gaz: Gazetteer, name: str) -> list[Candidate]:
    return [c for c in gaz.lookup(name) if c.entry.lat is not None]


def kind_cue_at(text: str, start: int, end: int) -> tuple[frozenset[str], bool]:
    """The kinds of place a word right beside a mention names: "Gaza province" (admin1),
    "the state of Georgia" (admin1), "Lebanon County" (admin2), "the town of Jordan" (city),
    "Niger's junta" (country); and whether that word follows the mention ("Gulu district")
    rather than comes before it ("the district of Columbia")."""
    after = kind_cue_after(text, end)
    if after:
        return after, True
    before = text[max(0, start - _LOOK_BACK) : start]
    if before.rstrip()[-2:].lower() != "of":
        return frozenset(), False  # each pattern before ends in "of" and a space
    for pattern, kinds in _KIND_BEFORE:
        if pattern.search(before):
            return frozenset(kinds), False
    return frozenset(), False


_STATE_AFTER = re.compile(r"\s+states?\b", re.IGNORECASE)
_STATE_BEFORE = re.compile(r"\bstate\s+of\s+$", re.IGNORECASE)


def state_word_at(text: str, start: int, end: int) -> bool:
    """Whether the word beside a mention is "state" ("Sao Paulo state", "the state of New
    York"): a federal state is large and its namesake city often lies far from its middle, so
    the word names the state, not the city (`_Cues.bonus`)."""
    if "tate" in text[end : end + 8].lower() and _STATE_AFTER.match(text, end):
        return True
    if text[max(0, start - 4) : start].rstrip()[-2:].lower() != "of":
        return False  # the pattern before ends in "of" and a space
    return _STATE_BEFORE.search(text, max(0, start - 20), start) is not None


def kind_cue_after(text: str, end: int) -> frozenset[str]:
    """The kinds of place a word right after a mention names ("Gaza province", "Bo
    district"); none for a word before it ("the district of Columbia")."""
    for pattern, kinds in _KIND_AFTER:
        if pattern.match(text, end):
            return frozenset(kinds)
    return frozenset()


_PLURAL_UNIT_KINDS = frozenset({"admin1", "admin2", "region"})


def plural_unit_after(text: str, end: int) -> frozenset[str]:
    """The kinds of place a plural unit word right after a mention names: "Kano and Katsina
    states", "Garissa, Wajir and Mandera counties" (the word is every item's); none for a
    singular word or a word for a country."""
    for pattern, kinds in _KIND_AFTER:
        m = pattern.match(text, end)
        if m is not None:
            plural = kinds <= _PLURAL_UNIT_KINDS and m.group().lower().endswith("s")
            return frozenset(kinds) if plural else frozenset()
    return frozenset()


def kind_bonus(entry: Entry, kinds: frozenset[str]) -> float:
    return KIND_CUE_BONUS if entry.kind in kinds else 0.0
