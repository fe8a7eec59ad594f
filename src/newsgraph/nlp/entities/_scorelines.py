"""Teams that spaCy wrote as persons, recognised by how the text treats the name.

- `scored_people`: in a results or standings line ("Eastford 1 Westbury 0", "Wessex 108-3"),
  a name spaCy called a person is a team when nothing marks it as a person: no initial, no
  given name, and not the last name of a person named in full in the document. Golf and
  athletics lines name their players in full ("Anna Berg 69"), so they keep their persons.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newsgraph.nlp.entities._lexicon import Lexicon
from newsgraph.nlp.entities._spans import Span, person_parts, scored_names

_INITIAL = re.compile(r"^[A-Z]\.?$|^[A-Z]\.")


def scored_people(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """Person-typed names followed by a score in a results line are teams (see above)."""
    people = [sp for sp in spans if sp.type == "person"]
    if not people:
        return spans
    lines = {_line_of(text, sp.start) for sp in people}
    lines = {(a, b) for a, b in lines if any(c.isdigit() for c in text[a:b])}
    if not lines:
        return spans
    surnames, given = person_parts(text, spans, lex)
    teams: set[tuple[int, int]] = set()
    for start, end in lines:
        line = text[start:end]
        for a, b in scored_names(line):
            words = line[a:b].split()
            if any(_INITIAL.match(w) or w in lex.given_names or w in given for w in words):
                continue
            if line[a:b] in surnames:
                continue
            teams.add((start + a, start + b))
    if not teams:
        return spans
    return [
        replace(sp, type="organization", source="results")
        if sp.type == "person" and (sp.start, sp.end) in teams
        else sp
        for sp in spans
    ]


def _line_of(text: str, pos: int) -> tuple[int, int]:
    """Bounds of the line that holds `pos`."""
    end = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, len(text) if end < 0 else end
