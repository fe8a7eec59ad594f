"""Newspapers named by a press digest's layout.

A press digest (wire services head it "PRESS DIGEST - <country> newspapers - <date>") gives
each newspaper's stories under a line that holds the paper's name alone:

    PRESS DIGEST - Nordland newspapers - May 4 .
    - - - -
    MORGENBLADET
    The government will present its budget on Tuesday .

In such a document a line of one to four capitalised words and nothing else is a newspaper,
unless it is a country or region (a digest may group its papers by country).
"""

from __future__ import annotations

import re

from newsgraph.nlp.entities._lexicon import Lexicon
from newsgraph.nlp.entities._spans import Span, Taken

_DIGEST = re.compile(r"\bpress[ \t]+digest\b", re.IGNORECASE)
_HEADING_LINES = 3  # the digest is named in the document's first lines
_PAPER_LINE = re.compile(
    r"^[ \t]*([A-Z][\w'’&.-]*(?:[ \t]+[A-Z][\w'’&.-]*){0,3})[ \t]*$", re.MULTILINE
)


def digest_papers(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """In a press digest, a line that holds only a name is a newspaper (an organisation); it
    replaces the spans inside it ("Indonesia" in "Media Indonesia")."""
    head = "\n".join(text.split("\n", _HEADING_LINES)[:_HEADING_LINES])
    if not _DIGEST.search(head):
        return spans
    found = [
        m.span(1)
        for m in _PAPER_LINE.finditer(text)
        if m.group(1) not in lex.strong_places and not _DIGEST.search(m.group(1))
    ]
    if not found:
        return spans
    new = Taken(Span(a, b, "") for a, b in found)
    rest = [sp for sp in spans if new.free(sp.start, sp.end)]
    added = [Span(a, b, "organization", "kind") for a, b in found]
    return sorted([*rest, *added], key=lambda sp: sp.start)
