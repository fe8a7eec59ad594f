"""Results and standings lines: the names followed by a score there are teams.

- `teams`: in a results or standings line, a name followed by a score is an organisation
  unless it is a country or region (national teams stay places) or already a person,
  organisation or group.
- `scored_people`: in a results or standings line ("Eastford 1 Westbury 0", "Wessex 108-3"),
  a name spaCy called a person is a team when nothing marks it as a person: no initial, no
  given name, and not the last name of a person named in full in the document. Golf and
  athletics lines name their players in full ("Anna Berg 69"), so they keep their persons.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newsgraph.nlp.entities._document import person_parts
from newsgraph.nlp.entities._lexicon import Lexicon
from newsgraph.nlp.entities._spans import CALENDAR, Span, Taken, word_set

# Results and standings lines, as wire services print them (agate type): "Rovers 2 Harbour City
# 1", "Northshire 259 and 207 ( ... ) , Eastvale 108-3", "Harbour City 6 4 1 1 12 5 13". A name
# followed by a score there is a team: the general layout of sports results in news, not a list
# of teams.
_SCORED_NAME = re.compile(
    r"([A-Z](?<![\w'’.-][A-Z])[\w'’.&-]*(?:[ \t]+[A-Z][\w'’.&-]*){0,3})"  # see `_spans.CAP_WORD`
    r"[ \t]+(?!(?:1[89]|20)\d\d(?!\d))\d+(?:[-/]\d+)?(?=[ \t,;.]|$)"  # a score, not a year
)
_STANDINGS = re.compile(
    r"^[ \t]*([A-Z][\w'’.&-]*(?:[ \t]+[A-Z][\w'’.&-]*){0,3})(?:[ \t]+-?\d+){3,}"
)
# Standings with a winning percentage ("Harbour City 74 59 .556 -", "Eastvale 63 71 .470 11 1/2").
_PCT_STANDINGS = re.compile(
    r"^[ \t]*([A-Z][\w'’.&-]*(?:[ \t]+[A-Z][\w'’.&-]*){0,3})(?:[ \t]+\d+){2,3}[ \t]+\.\d{3}(?!\d)"
)
_DIGIT = re.compile(r"\d")  # a line without one is no results line (most lines of prose)
_BRACKETED = re.compile(r"\([^()\n]*\)")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]{2,}(?![\w'’-])")
_RESULTS_PROSE = 4  # more lower-case words than this (outside brackets): prose, not a table


def teams(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """In results and standings lines, a name followed by a score is a team (an organisation),
    unless it is a country or region (national teams stay places) or already a person,
    organisation or group ("A. Dale 69")."""
    kept = Taken(sp for sp in spans if sp.type in ("person", "organization", "group"))
    found: list[Span] = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        for a, b in scored_names(line):
            name = line[a:b]
            if name in lex.strong_places or name.split()[0].lower() in CALENDAR:
                continue
            if kept.free(start + a, start + b):
                found.append(Span(start + a, start + b, "organization", "results"))
    if not found:
        return spans
    new = Taken(found)
    rest = [sp for sp in spans if new.free(sp.start, sp.end)]  # a team replaces a place
    return sorted([*rest, *found], key=lambda sp: sp.start)


def scored_names(line: str) -> list[tuple[int, int]]:
    """Bounds of the names followed by a score in `line` when it is a results line (two or
    more such names, few lower-case words outside brackets) or a standings line."""
    if not _DIGIT.search(line):
        return []
    masked = _BRACKETED.sub(lambda m: " " * len(m.group()), line)
    if len(_LOWER_WORD.findall(masked)) > _RESULTS_PROSE:
        return []
    standing = _STANDINGS.match(masked) or _PCT_STANDINGS.match(masked)
    if standing:
        # A table row opens with its team, acronyms of two letters included ("EV 46 5 59 .441").
        a, b = standing.span(1)
        return [] if any(c.isdigit() for c in masked[a:b]) else [(a, b)]
    found = [m.span(1) for m in _SCORED_NAME.finditer(masked)]
    return found if len(found) >= 2 else []


_INITIAL = re.compile(r"^[A-Z]\.?$|^[A-Z]\.")
# Words that open or close a club's name the world over ("Borussia Eastvale", "Real Northport",
# "Westfield County", "Harbour Athletic"): a name with a score that carries one is the club,
# even when its other word is a given name or a surname ("Ross County 2").
_CLUB_FIRST = word_set(
    "FC AC AS SC SV VfB VfL Borussia Real Sporting Dynamo Dinamo Deportivo Atletico Athletic "
    "Olympique Racing Inter Spartak Lokomotiv Partizan"
)
_CLUB_LAST = word_set(
    "United City County Rovers Athletic Wanderers Albion Town FC AFC CF SC Rangers Hotspur "
    "Thistle Academicals"
)


def scored_people(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """Person-typed names followed by a score in a results line are teams (see above)."""
    people = [sp for sp in spans if sp.type == "person"]
    if not people:
        return spans
    lines = {_line_of(text, sp.start) for sp in people}
    lines = {(a, b) for a, b in lines if _DIGIT.search(text, a, b)}
    if not lines:
        return spans
    surnames, given = person_parts(text, spans, lex)
    team_at: set[tuple[int, int]] = set()
    for start, end in lines:
        line = text[start:end]
        for a, b in scored_names(line):
            words = line[a:b].split()
            if len(words) > 1 and (words[0] in _CLUB_FIRST or words[-1] in _CLUB_LAST):
                team_at.add((start + a, start + b))
                continue
            if any(_INITIAL.match(w) or w in lex.given_names or w in given for w in words):
                continue
            if line[a:b] in surnames:
                continue
            team_at.add((start + a, start + b))
    if not team_at:
        return spans
    return [
        replace(sp, type="organization", source="results")
        if sp.type == "person" and (sp.start, sp.end) in team_at
        else sp
        for sp in spans
    ]


def _line_of(text: str, pos: int) -> tuple[int, int]:
    """Bounds of the line that holds `pos`."""
    end = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, len(text) if end < 0 else end
