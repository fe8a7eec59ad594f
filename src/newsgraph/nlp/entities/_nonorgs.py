"""Names spaCy takes for organisations that news conventions mark as something else.

- `not_organisations`: the words of `not_organisations.tsv`: a sport's name ("GOLF - ..." as a
  section heading, "the World Series of Golf") and the time zones, sports statistics and month
  abbreviations that spaCy tags ("0800 GMT", "three RBI", "Oct.") are no entities; a name
  ending in a competition word ("the Harbour Cup", "the Coastal Tour", and in a sentence about
  sport "the Coastal League") is an event, not the body that runs it.
- `demonym_before_person`: "Norwegian Ola Berg" is a person with a nationality before the
  name (sports and wire copy write it so), not an organisation of three words.
- `datelines`: the dateline that opens a wire story ("WESTPORT , Ireland 1996-08-30",
  "HARBOUR CITY (Reuters) -") names the place the story was filed from, whatever the town's
  team is called in the story; those spans are places and keep that type in the document's
  vote.
- `lone_surnames`: a single word spaCy calls an organisation, of a surname's shape ("-sen",
  "-enko", "-escu") and known to no list, is a person ("Halvorsen said").
- `party_plurals`: "the Social Democrats" is the party, not a group of people.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from newsgraph.nlp.entities._lexicon import Lexicon
from newsgraph.nlp.entities._spans import Span, Taken, is_free
from newsgraph.nlp.entities._teams import sport_sentence
from newsgraph.rules import read_table

TABLE = "entities/not_organisations.tsv"
DATELINE = "dateline"  # the source of a dateline's spans: `consistency` leaves their type


@lru_cache(maxsize=4)
def _table(dirs: tuple[Path, ...]) -> dict[str, frozenset[str]]:
    """kind -> words of the table (the shipped one and the user's)."""
    out: dict[str, set[str]] = {}
    for row in read_table(TABLE, ("word", "kind"), strip=True, dirs=dirs):
        out.setdefault(row["kind"], set()).add(row["word"])
    return {kind: frozenset(words) for kind, words in out.items()}


def not_organisations(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """Drop sports, time zones, statistics and month abbreviations; competitions are events and
    market indices are indices, not the bodies that compile them."""
    table = _table(lex.dirs)
    dropped = table.get("sport", frozenset()) | table.get("word", frozenset())
    out = []
    for sp in spans:
        name = text[sp.start : sp.end]
        if name in dropped or (name.isupper() and name.title() in dropped):
            continue  # "GOLF - ..." heads a section outside an ALL-CAPS line too
        if sp.type == "organization" and _portfolio(text, sp, name, lex):
            continue
        if sp.type == "organization" and name in table.get("index", frozenset()):
            sp = _index(text, sp)
        words = name.split()
        if sp.type == "organization" and len(words) > 1 and _event(text, sp, words[-1], table):
            sp = replace(sp, type="other", source="event")
        out.append(sp)
    return out


# After an index's short name: its count of shares ("the FTSE 100", "the CAC 40"), part of its
# name; a publication word ("the Nikkei business daily"), which makes it the newspaper.
_INDEX_COUNT = re.compile(r" \d{2,3}(?![\d.,]\d)\b")
_PUBLICATION = re.compile(r" (?:business |financial )?(?:daily|newspaper|paper)\b")


def _index(text: str, sp: Span) -> Span:
    """A market index's short name ("the Dow fell", "the Nikkei average") as "other", with its
    count of shares; the same word before a publication word stays the newspaper."""
    if _PUBLICATION.match(text, sp.end):
        return sp
    count = _INDEX_COUNT.match(text, sp.end)
    return replace(sp, end=count.end() if count else sp.end, type="other", source="index")


# An office named by its portfolio: "Education Minister Ana Ruiz", "Interior Secretary Ola Berg",
# "the Secretary of State" (our phrases): the word before the office, or "State" after "Secretary
# of", names the office's field, not a body.
_OFFICE_AFTER = re.compile(r"[ \t]+(?:Minister|Secretary)(?![\w'’-])")
_SECRETARY_OF = re.compile(r"(?<![\w'’-])Secretary[ \t]+of[ \t]+$")


def _portfolio(text: str, sp: Span, name: str, lex: Lexicon) -> bool:
    """True for a one-word name the lexicons do not know that is an office's portfolio."""
    if " " in name or name in lex.organizations or name in lex.places:
        return False
    after = _OFFICE_AFTER.match(text, sp.end) is not None
    return after or _SECRETARY_OF.search(text, max(0, sp.start - 20), sp.start) is not None


def _event(text: str, sp: Span, last: str, table: dict[str, frozenset[str]]) -> bool:
    if last in table.get("event", frozenset()):
        return True
    return last in table.get("league", frozenset()) and sport_sentence(text, sp.start, sp.end)


_NAME = r"[A-Z][\w.'’&-]*(?:[ \t]+[A-Z][\w.'’&-]*){0,3}"
# "WESTPORT , Ireland 1996-08-30" (a name, maybe a region or country, an ISO date) and
# "HARBOUR CITY (Reuters) -" (a name, maybe a region, an agency in brackets).
_DATELINE = re.compile(
    rf"^[ \t]*({_NAME})(?:[ \t]*,[ \t]*({_NAME}))?[ \t]*"
    r"(?:\d{4}-\d\d-\d\d[ \t]*$|\([ \t]*(?:Reuters|AP|AFP|UPI|dpa|DPA|Xinhua|PTI)[ \t]*\))",
    re.MULTILINE,
)


def datelines(text: str, spans: list[Span]) -> list[Span]:
    """The names of a dateline are places (see the module's docstring)."""
    found = []
    for m in _DATELINE.finditer(text):
        found += [m.span(g) for g in (1, 2) if m.group(g)]
    if not found:
        return spans
    bounds = set(found)
    out = [
        replace(sp, type="place", source=DATELINE) if (sp.start, sp.end) in bounds else sp
        for sp in spans
    ]
    taken = Taken(out)
    for start, end in found:
        if taken.free(start, end) and is_free(text, start, end):
            out.append(Span(start, end, "place", DATELINE))
            taken.add(start, end)
    return sorted(out, key=lambda sp: sp.start)


def demonym_before_person(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """ "Norwegian Ola Berg": the demonym is cut off and the given name and surname are a
    person."""
    out = []
    for sp in spans:
        words = text[sp.start : sp.end].split()
        if (
            sp.type != "group"
            and len(words) >= 3
            and words[0] in lex.demonyms
            and words[1] in lex.given_names
        ):
            start = text.index(words[1], sp.start + len(words[0]))
            sp = replace(sp, start=start, type="person", source="names")
        out.append(sp)
    return out


# Endings of surnames in many languages: Scandinavian (-sen, -sson), Slavic (-ov, -ova, -ev,
# -eva, -enko, -ski, -ska, -sky, -wicz, -vich, -ovic), Romanian (-escu, -eanu), Greek (-opoulos,
# -akis, -idis), Armenian (-yan), Turkish (-oglu), Georgian (-shvili, -dze).
_SURNAME_END = re.compile(
    r"[A-Z][a-z]+(?:sen|sson|ov|ova|ev|eva|enko|ski|ska|sky|wicz|vich|ovic|escu|eanu|opoulos"
    r"|akis|idis|yan|oglu|shvili|dze)"
)


def lone_surnames(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """A single word spaCy calls an organisation, of a surname's shape and known to no list of
    organisations or places, is a person named by the surname alone ("Halvorsen said inflation
    had peaked"). A team's or a company's name comes from other rules, not spaCy's guess."""
    from newsgraph.nlp.entities._located import gazetteer_hints

    out = []
    for sp in spans:
        if sp.type == "organization" and sp.source == "spacy":
            name = text[sp.start : sp.end]
            if (
                _SURNAME_END.fullmatch(name)
                and name not in lex.organizations
                and name not in lex.places
                and not gazetteer_hints(name)
            ):
                sp = replace(sp, type="person", source="shape")
        out.append(sp)
    return out


# Parties named by their members in the plural after a capitalised word ("the Social Democrats",
# "the Christian Democrats", "the Sweden Democrats", "the Free Democrats"): at most three words
# before the plural, so that a long run of capitalised words is read in linear time.
_PARTY_WORDS = ("Democrats", "Socialists", "Greens", "Republicans")
_PARTY_PLURAL = re.compile(
    r"(?<![\w'’-])(?:(?!The[ \t])[A-Z][a-z]+[ \t]+){1,3}(?:Democrats|Socialists|Greens|Republicans)"
)


def party_plurals(text: str, spans: list[Span]) -> list[Span]:
    """A party named "<Capitalised> Democrats" (or Socialists, Greens, Republicans) is an
    organisation ("The Christian Democrats named a candidate"), where spaCy reads it as one or
    two groups;
    the bare plural ("Democrats said") is left to spaCy's reading."""
    if not any(word in text for word in _PARTY_WORDS):
        return spans
    out = list(spans)
    for m in _PARTY_PLURAL.finditer(text):
        start, end = m.span()
        inside = [sp for sp in out if sp.start < end and start < sp.end]
        if not inside or any(
            sp.type != "group" or sp.start < start or end < sp.end for sp in inside
        ):
            continue
        out = [sp for sp in out if sp not in inside]
        out.append(Span(start, end, "organization", "names"))
    return sorted(out, key=lambda sp: sp.start)
