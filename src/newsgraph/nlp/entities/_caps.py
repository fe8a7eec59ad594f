"""ALL-CAPS lines: spaCy reads them badly, so they are title-cased and read again.

`cased_view` is the text with its capitals lines title-cased (same length, same offsets), which
every later step reads; `from_spacy` maps spaCy's labels and re-runs recognition on those lines;
`confirm_caps` keeps a name found there only with evidence beyond its title-cased shape, and
without the words that say what kind of story a headline heads ("... RESULTS", "... FILING").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache

from newsgraph.nlp.entities._lexicon import Lexicon
from newsgraph.nlp.entities._spans import (
    CAP_WORD,
    EDGE_PUNCT,
    SMALL,
    RawEnt,
    Rerun,
    Span,
    bare,
    word_set,
)

LABELS = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "other",
    "LAW": "other",
    "PRODUCT": "other",
    "WORK_OF_ART": "other",
}
_WORD = re.compile(r"[^\W\d_](?:[^\W_]|['’])*")


@lru_cache(maxsize=8)
def caps_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line whose letters are (nearly) all capitals."""
    out = []
    pos = 0
    for line in text.split("\n"):
        lower = 0 if line.isupper() else sum(map(str.islower, line))
        if 10 * lower <= len(line):  # else too many small letters for a capitals line
            upper = sum(map(str.isupper, line))
            if upper >= 4 and upper >= 9 * lower:
                out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def title_case(line: str, keep: frozenset[str] = frozenset()) -> str:
    """Title-case an ALL-CAPS line without changing its length ("IS" stays, "OF" -> "of")."""
    chars = list(line)
    for i, m in enumerate(_WORD.finditer(line)):
        word = m.group()
        if word in keep:
            continue
        low = word.lower()
        new = low if (i > 0 and low in SMALL) else word[:1] + low[1:]
        if len(new) == len(word):
            chars[m.start() : m.end()] = new
    return "".join(chars)


def from_spacy(
    text: str, ents: Iterable[RawEnt], *, rerun: Rerun | None, keep: frozenset[str]
) -> list[Span]:
    """Map spaCy's entities to spans; re-run recognition on title-cased ALL-CAPS lines."""
    spans = [Span(s, e, LABELS[label]) for s, e, label in ents if label in LABELS]
    lines = caps_lines(text) if rerun is not None else []
    if not lines or rerun is None:
        return spans
    line_starts = [a for a, _ in lines]

    def in_caps(pos: int) -> bool:
        i = bisect.bisect_right(line_starts, pos) - 1
        return i >= 0 and pos < lines[i][1]

    spans = [sp for sp in spans if not in_caps(sp.start)]
    copy = "\n".join(title_case(text[a:b], keep) for a, b in lines)
    copy_starts = []
    pos = 0
    for a, b in lines:
        copy_starts.append(pos)
        pos += b - a + 1
    for s, e, label in rerun(copy):
        if label in LABELS:
            i = bisect.bisect_right(copy_starts, s) - 1
            shift = lines[i][0] - copy_starts[i]
            spans.append(Span(s + shift, e + shift, LABELS[label], "caps"))
    return sorted(spans, key=lambda sp: sp.start)


def confirm_caps(text: str, view: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """Keep a name found on an ALL-CAPS line only with evidence beyond its title-cased shape.

    Evidence: the lexicons know it, it starts with a known given name, or each of its words is
    written capitalised somewhere off the ALL-CAPS lines ("SHEARER" and "Shearer" in the body).
    """
    if not any(sp.source == "caps" for sp in spans):
        return spans
    plain = _remove_ranges(view, caps_lines(text))
    words = set(CAP_WORD.findall(plain))
    out = []
    for sp in spans:
        if sp.source == "caps":
            trimmed = _without_heading_words(view, sp)
            if trimmed is None:
                continue
            sp = trimmed
        name = view[sp.start : sp.end]
        if sp.source != "caps" or _known(name, lex) or name.split()[0] in lex.given_names:
            out.append(sp)
            continue
        if text[sp.start : sp.end] in lex.acronyms:
            out.append(sp)
            continue
        significant = [w for w in name.split() if len(w) > 2 and w.lower() not in SMALL]
        if significant and all(w.strip(EDGE_PUNCT) in words for w in significant):
            out.append(sp)
    return out


# Words that say what kind of story a wire headline heads ("EASTVALE LEAGUE RESULTS",
# "NORTHPORT V EASTVALE SCOREBOARD", "HALDEN TOOLS IPO FILING": our headlines), read into a
# name once the line is title-cased; they end no name.
_HEADING_WORDS = word_set(
    "Results Result Standings Scoreboard Summary Summaries Table Tables Filing Preview Update "
    "Digest Highlights Fixtures Scorers Ratings Factbox Timeline Profile"
)


def _without_heading_words(view: str, sp: Span) -> Span | None:
    """`sp` without the heading words that end it (None when nothing else is left)."""
    words = view[sp.start : sp.end].split()
    end = sp.end
    while words and words[-1] in _HEADING_WORDS:
        end = view.rindex(words.pop(), sp.start, end)
        end = len(view[sp.start : end].rstrip()) + sp.start
    if not words:
        return None
    return sp if end == sp.end else Span(sp.start, end, sp.type, sp.source)


def _known(name: str, lex: Lexicon) -> bool:
    plain = bare(name)
    return any(plain in s for s in (lex.places, lex.organizations, lex.demonyms))


def _remove_ranges(text: str, ranges: list[tuple[int, int]]) -> str:
    parts = []
    pos = 0
    for a, b in ranges:
        parts.append(text[pos:a])
        pos = b
    parts.append(text[pos:])
    return "\n".join(parts)


def cased_view(text: str, keep: frozenset[str]) -> str:
    """`text` with its ALL-CAPS lines title-cased (same length: offsets are shared)."""
    lines = caps_lines(text)
    if not lines:
        return text
    parts = []
    pos = 0
    for a, b in lines:
        parts += [text[pos:a], title_case(text[a:b], keep)]
        pos = b
    parts.append(text[pos:])
    return "".join(parts)
