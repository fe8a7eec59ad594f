"""One sense per document: a name keeps one type, and its other occurrences are tagged.

`consistency` gives a name the type most of its mentions carry (a type read from evidence
weighs more than spaCy's guesses), tags its other exact occurrences (on the title-cased ALL-CAPS
lines too, where a headline names what the body names), and makes a person's surname (or first
name) alone that person.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import replace

from newsgraph.nlp.entities._lexicon import Lexicon
from newsgraph.nlp.entities._spans import CALENDAR, PARTICLES, Span, Taken, is_free

# A type read from evidence in the text (a kind word, the actor dictionaries, a suffix, an
# acronym's definition, a side in the game, a results line) outweighs spaCy's guesses at the
# other mentions: "tyre maker Varden" decides "Varden said"; one sense per discourse, so
# "Eastvale beat Northport" decides "the deal cost Eastvale $1 million" in the same sports
# story. A dateline keeps its own spans' type but casts no extra vote: the town a story was
# filed from says nothing of what the name means in the story's sentences (weighting it
# raised only the half of the development set the rules were read from).
_VOTES = {"kind": 3, "actors": 3, "suffix": 3, "acronym": 3, "short": 3, "side": 3, "results": 3}
# Evidence that marks a name as an organisation by what the text says of it, which a person's
# surname does not override; a team read from a results line or a side does yield to a player
# named in full ("Anna Berg 69" ... "Holt 71 Berg 69").
_SAID_ORG = frozenset({"kind", "actors", "suffix", "acronym", "short"})


def consistency(
    text: str, spans: list[Span], lex: Lexicon, caps: Sequence[tuple[int, int]] = ()
) -> list[Span]:
    """One type per name (majority vote) and every exact occurrence of a name tagged; on the
    title-cased ALL-CAPS lines `caps` (a headline), a name the body names is tagged too."""
    votes: dict[str, dict[str, int]] = {}  # name -> type -> votes, types in order of first vote
    for sp in spans:
        tally = votes.setdefault(text[sp.start : sp.end], {})
        tally[sp.type] = tally.get(sp.type, 0) + _VOTES.get(sp.source, 1)
    # the type of most votes; of tied ones, the first voted for (as `Counter.most_common`)
    best = {name: max(tally, key=tally.__getitem__) for name, tally in votes.items()}
    spans = [
        sp
        if sp.type == best[text[sp.start : sp.end]] or sp.source in ("dateline", "side")
        else replace(sp, type=best[text[sp.start : sp.end]])
        for sp in spans
    ]
    surnames, given = person_parts(text, spans, lex)
    # Names of two letters are too often words or initials to tag alone, unless the text
    # defined one as an acronym: "the Coastal Union (CU)" makes every later "CU" the union.
    defined = {text[sp.start : sp.end] for sp in spans if sp.source == "acronym"}
    names = {n: t for n, t in best.items() if (len(n) > 2 or n in defined) and n[:1].isupper()}
    for name in surnames:
        names[name] = "person"
    if not names:
        return spans
    # A person's names win over another type given to that exact word ("al-Baghdadi" as ORG),
    # but not over an organisation the text itself marks as one ("tyre maker Pirelli").
    parts = (surnames | given) - {
        text[sp.start : sp.end]
        for sp in spans
        if sp.type == "organization" and sp.source in _SAID_ORG
    }
    spans = [
        replace(sp, type="person")
        if sp.type not in ("person", "group")
        and (name := text[sp.start : sp.end]) in parts
        and name not in lex.strong_places
        and name not in lex.organizations
        else sp
        for sp in spans
    ]
    taken = Taken(spans)
    out = list(spans)
    line_starts = [a for a, _ in caps]
    for name in sorted(names, key=len, reverse=True):
        for start in occurrences(text, name):
            end = start + len(name)
            if taken.free(start, end) and (
                is_free(text, start, end) or _on_caps_line(caps, line_starts, start)
            ):
                out.append(Span(start, end, names[name], "document"))
                taken.add(start, end)
    return sorted(out, key=lambda sp: sp.start)


def _on_caps_line(caps: Sequence[tuple[int, int]], starts: list[int], pos: int) -> bool:
    """True when `pos` is on one of the ALL-CAPS lines. There every word is capitalised once
    title-cased, so a name's neighbours say nothing of where it ends: "SOCCER - EASTVALE FANS
    BANNED" names the club the body calls "Eastvale" (our headline)."""
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and pos < caps[i][1]


def occurrences(text: str, name: str) -> Iterator[int]:
    """Starts of `name` in `text` as a whole word (not inside a longer word or hyphenation)."""
    pos = text.find(name)
    while pos >= 0:
        before = text[pos - 1] if pos else " "
        after = text[pos + len(name) : pos + len(name) + 1]
        if not (before.isalnum() or before in "_'’-") and not (after.isalnum() or after in "_-"):
            yield pos
        pos = text.find(name, pos + 1)


def person_parts(text: str, spans: list[Span], lex: Lexicon) -> tuple[set[str], set[str]]:
    """Last names (also without an "al-" prefix) and first names of multi-word person names."""
    last_names: set[str] = set()
    first_names: set[str] = set()
    for sp in spans:
        if sp.type != "person":
            continue
        words = text[sp.start : sp.end].split()
        if len(words) < 2:
            continue
        last = words[-1]
        if last.lower() in CALENDAR:
            continue
        if len(last) > 2 and last[:1].isupper() and last not in lex.strong_places:
            last_names.add(last)
        head, _, tail = last.partition("-")
        if tail and head.lower() in PARTICLES and len(tail) > 2 and tail[:1].isupper():
            last_names.update((last, tail))
        first = words[0]
        if (
            len(words) == 2
            and len(first) > 2
            and first[:1].isupper()
            and first.lower().rstrip(".") not in lex.titles
            and first not in lex.places
        ):
            first_names.add(first)
    return last_names, first_names
