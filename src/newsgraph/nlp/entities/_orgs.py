"""Organisations from general knowledge rather than from spaCy's guess.

- `known_organisations`: the institutions, companies, parties, media and armed groups of the
  CAMEO actor dictionaries (`data/events/cameo/actors.tsv`, the Phoenix international, militant
  and country files) are organisations wherever their name is written capitalised: "Rabobank",
  "Der Spiegel", "Moro National Liberation Front". A row is an organisation when its one undated
  code has an organisation part (IGO, NGO, IMG, MNC, BUS, MED, PTY, REB, UAF), or a government,
  military or judicial part and a name ending in an organisation word ("Department of Defense");
  dated codes are office holders (persons) and plain country codes are places.
- `kind_words`: a word for a kind of organisation in apposition makes the name beside it an
  organisation: "the news agency Tanjug", "the weekly Der Spiegel", "the CFDT union".
- `acronyms_before`: "the FOMC (Federal Open Market Committee)": an acronym followed by its
  expansion in brackets; both are organisations and linked as one entity.
- `short_forms`: a company named in full once ("Halden Tools Inc", "Norvik Group") is that
  company when the text later writes only the first words ("Halden", "Norvik").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from newsgraph.nlp.entities._document import occurrences
from newsgraph.nlp.entities._lexicon import Lexicon
from newsgraph.nlp.entities._spans import SPACE_OR_HYPHEN, Span, Taken, is_free, put_over
from newsgraph.rules import read_table


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ACTORS_TABLE = "events/cameo/actors.tsv"
# Code parts that say an actor is an organisation (CAMEO: international, non-governmental,
# international militant; multinational, business, media, party; rebels, unaligned armed forces).
_ORG_PARTS = frozenset({"IGO", "NGO", "IMG", "MNC", "BUS", "MED", "PTY", "REB", "UAF"})
# Parts that name a state institution, an organisation only when the name says so.
_STATE_PARTS = frozenset({"GOV", "MIL", "JUD", "LEG", "SPY", "COP"})
_DATED = re.compile(r"[<>:;]")
_KEY_SPLIT = re.compile(r"[\s\-–]+")
_POSSESSIVE_END = re.compile(r"['’]s$")
_ABBREVIATIONS = _words("Inc Corp Co Ltd Bros Assn Dept Intl")
_TITLE_WORDS = _words("mr mrs ms dr sir lord president minister general")


@lru_cache(maxsize=1 << 14)  # the same capitalised words come back in every article
def org_key(name: str) -> str:
    """A name as the actor tables store it: lower case, no dots, hyphens split, no possessive
    ending and no leading "the" ("the U.N.-backed" -> "un backed")."""
    words = [
        _POSSESSIVE_END.sub("", w) for w in _KEY_SPLIT.split(name.replace(".", "").lower()) if w
    ]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(w for w in words if w)


def _code_parts(code: str) -> list[str]:
    return [code[i : i + 3] for i in range(0, len(code), 3)]


def _is_org_row(name: str, code: str, heads: frozenset[str], given: frozenset[str]) -> bool:
    """Whether a row of the actor table names an organisation (see the module's docstring)."""
    if not code or _DATED.search(code) or code == "---":
        return False
    words = name.split()
    if not words or words[0] in _TITLE_WORDS or words[0].title() in given:
        return False  # "mr assad", "bashar assad": a person coded with an office
    parts = _code_parts(code)
    if _ORG_PARTS.intersection(parts):
        return True
    if _STATE_PARTS.intersection(parts):
        return words[-1] in heads or any(
            w in heads and nxt in ("of", "for") for w, nxt in itertools.pairwise(words)
        )
    return False


def _org_table(dirs: tuple[Path, ...], lex: Lexicon) -> dict[str, int]:
    """Organisation keys of the actor table -> their number of words (for the scan)."""
    heads = frozenset(w.lower() for w in lex.org_suffixes)
    place_keys = {org_key(p) for p in lex.places}
    out: dict[str, int] = {}
    for row in read_table(ACTORS_TABLE, ("name", "codes"), dirs=dirs):
        name = row["name"]
        if name in place_keys or not any(c.isalpha() for c in name):
            continue
        if _is_org_row(name, row["codes"], heads, lex.given_names):
            out[name] = len(name.split())
    return out


Table = tuple[dict[str, int], dict[str, int]]
# Per lexicon (itself one per set of data folders), the lexicon kept beside its table so that an
# id reused by another lexicon is never taken for it: (organisation keys -> words, first word ->
# most words).
_TABLES: dict[int, tuple[Lexicon, Table]] = {}


def org_keys(lex: Lexicon) -> Table:
    """The organisation keys of the actor tables (the shipped table and the user's, from the
    lexicon's data folders), each with its number of words, and the most words of a name by its
    first word (for the scan). Built once per lexicon, not once per article."""
    cached = _TABLES.get(id(lex))
    if cached is not None and cached[0] is lex:
        return cached[1]
    keys = _org_table(lex.dirs, lex)
    starts: dict[str, int] = {}
    for key, n in keys.items():
        first = key.split()[0]
        starts[first] = max(starts.get(first, 0), n)
    _TABLES[id(lex)] = (lex, (keys, starts))
    return keys, starts


# A capitalised word, or a connector inside a name, as the scan reads them.
_NAME_TOKEN = re.compile(r"[A-Z][\w&'’.-]*|(?:of|and|for|the|de|du|des|la|le|al|el|in|on)(?=[ \t])")
_CAP_START = re.compile(r"[A-Z](?<![\w'’.&-][A-Z])[\w&'’.-]*")  # look-behind after: `CAP_WORD`
_GAP = re.compile(r"[ \t]+")

# Organisation types never overwritten by a dictionary name (spaCy's products, our persons
# from name shapes).
_RETYPE = frozenset({"place", "other", "person", "group"})


def known_organisations(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """Spans whose name the actor tables list as an organisation become organisations, and
    capitalised names of the tables that no span covers are added (the longest first)."""
    keys, starts = org_keys(lex)
    if not keys:
        return spans
    out = []
    for sp in _split_pairs(text, spans, lex, keys):
        name = text[sp.start : sp.end]
        if (
            sp.type in _RETYPE
            and name not in lex.strong_places
            and name not in lex.demonyms
            and org_key(name) in keys
            and (sp.type != "person" or name.split()[0] not in lex.given_names)
        ):
            sp = replace(sp, type="organization", source="actors")
        out.append(sp)
    return _add_missing(text, out, lex, keys, starts)


_AND = re.compile(r",?[ \t]+and[ \t]+|,[ \t]+")
# A national society of the Red Cross and Red Crescent movement is named by its country or
# people: "the Westlandic Red Cross", "Norland Red Crescent Society" (our names).
_NATIONAL_SOCIETY = re.compile(
    r"((?:[A-Z](?<![\w'’.-][A-Z])[a-z]+[ \t]+){1,2})Red[ \t]+(?:Cross|Crescent)"
    r"(?:[ \t]+Society)?(?![\w'’-])"
)


def national_societies(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """A country or its people before "Red Cross" or "Red Crescent" names one organisation,
    which replaces the place, people and organisation read inside it."""
    if "Red" not in text:  # a fast first test: most texts name no such society
        return spans
    found = []
    for m in _NATIONAL_SOCIETY.finditer(text):
        lead = m.group(1).rstrip()
        for w in re.finditer(r"\S+", lead):  # "The Westland Red Cross": from "Westland"
            country = lead[w.start() :]
            if country in lex.demonyms or country in lex.strong_places or country in lex.places:
                found.append((m.start() + w.start(), m.end()))
                break
    return put_over(spans, found, "actors") if found else spans


def _known_org(name: str, lex: Lexicon, keys: dict[str, int]) -> bool:
    return name in lex.organizations or (name not in lex.places and org_key(name) in keys)


def _split_pairs(text: str, spans: list[Span], lex: Lexicon, keys: dict[str, int]) -> list[Span]:
    """A span that joins two organisations the dictionaries know by name is two: "Amnesty
    International and Human Rights Watch criticised the ruling" names two bodies, as "Niger and
    Burkina Faso" names two countries."""
    out = []
    for sp in spans:
        m = _AND.search(text, sp.start, sp.end)
        if m is not None:
            left, right = text[sp.start : m.start()], text[m.end() : sp.end]
            if _known_org(left, lex, keys) and _known_org(right, lex, keys):
                out += [
                    Span(sp.start, m.start(), "organization", "actors"),
                    Span(m.end(), sp.end, "organization", "actors"),
                ]
                continue
        out.append(sp)
    return out


def _add_missing(
    text: str, spans: list[Span], lex: Lexicon, keys: dict[str, int], starts: dict[str, int]
) -> list[Span]:
    taken = Taken(spans)
    added: list[Span] = []
    swallowed: set[tuple[int, int]] = set()
    for tok in _CAP_START.finditer(text):
        most = starts.get(org_key(tok.group()))
        if not most:
            continue
        ends = _name_ends(text, tok.start(), most)
        for end in reversed(ends):
            name = text[tok.start() : end]
            if org_key(name) not in keys or name in lex.strong_places or name in lex.places:
                continue
            inside = taken.overlapping(tok.start(), end)
            if not is_free(text, tok.start(), end):
                break
            if inside and not all(tok.start() <= a and b <= end for a, b in inside):
                break
            if inside and (tok.start(), end) in inside:
                break
            swallowed.update(inside)
            added.append(Span(tok.start(), end, "organization", "actors"))
            taken.add(tok.start(), end)
            break
    if not added:
        return spans
    kept = [sp for sp in spans if (sp.start, sp.end) not in swallowed]
    return sorted([*kept, *added], key=lambda sp: sp.start)


def _name_ends(text: str, start: int, most: int) -> list[int]:
    """Ends of the candidate names of 1 to `most` words from `start` (a name never ends on a
    connector)."""
    ends = []
    pos = start
    for _ in range(most):
        m = _NAME_TOKEN.match(text, pos)
        if m is None:
            break
        # "Samsung's chip plants": the possessive is no part of the name.
        word = _POSSESSIVE_END.sub("", m.group().rstrip(",")).rstrip("'’")
        if word.endswith(".") and word.count(".") == 1 and word[:-1] not in _ABBREVIATIONS:
            word = word[:-1]  # a full stop, not "U.N." or "Inc."
        if word[:1].isupper():
            ends.append(m.start() + len(word))
        gap = _GAP.match(text, m.end())
        if gap is None:
            break
        pos = gap.end()
    return ends


# Words for a kind of organisation, written before a name in apposition ("the news agency
# Tanjug", "the weekly Der Spiegel", "tyre maker Halden") or after it ("the CFDT union").
_KIND_BEFORE = _words(
    "agency newspaper daily weekly magazine broadcaster airline company firm group "
    "bank insurer retailer giant conglomerate club side team party union automaker carmaker "
    "brewer publisher exporter importer operator lender"
)
_KIND_AFTER = _words(
    "union party group movement newspaper agency company firm bank airline carrier"
)
# The head noun of an apposition after the name: "Halden, the Norwegian shipbuilder, cut 300
# jobs" and "Volta, a regional airline based in Marston" (our sentences) describe a company. The
# noun must end the apposition ("Ali Hassan, a militia commander" and "Ali Hassan, the group's
# leader" describe persons).
_APPOSITION_NOUNS = (
    "agency newspaper daily weekly magazine broadcaster airline company firm group bank insurer "
    "retailer conglomerate party union automaker carmaker brewer publisher exporter importer "
    "operator lender shipbuilder miner manufacturer maker producer supermarket charity "
    "organisation organization militia network"
)
_APPOSITION = re.compile(
    r"[ \t]*,[ \t]+(?:the|a|an)[ \t]+(?:[A-Za-z-]+[ \t]+){0,3}?(?:"
    + "|".join(_APPOSITION_NOUNS.split())
    + r")(?=[ \t]*[,.;:]|[ \t]+(?:that|which|whose|with|based|in|of|and|for)(?![\w'’-]))"
)
# Words business news writes right before a company's name: "Bergen-based Halden", "shares of
# Halden", "a stake in Halden", "a subsidiary of Halden" (our phrases): a person or a town is not
# based somewhere, listed, or owned so.
_COMPANY_CONTEXT = re.compile(
    r"(?:(?<![\w'’.-])[A-Z][\w.'’]*-based|(?<![\w'’-])(?:shares[ \t]+(?:of|in)|stake[ \t]+in"
    r"|subsidiary[ \t]+of|takeover[ \t]+of|acquisition[ \t]+of))[ \t]+$"
)
_KIND_WORD_BEFORE = re.compile(r"(?<![\w'’-])([a-z]+)[ \t]+$")
_KIND_WORD_AFTER = re.compile(r"[ \t]+([a-z]+)(?![\w'’-])")
_KIND_THEN_NAME = re.compile(r"(?<![\w'’-])(?:" + "|".join(sorted(_KIND_BEFORE)) + r")[ \t]+")
_CAP_NAME = re.compile(r"[A-Z][\w&'’.-]*(?:[ \t]+[A-Z][\w&'’.-]*){0,3}")
_CALENDAR = _words(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
)


def kind_words(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """A name in apposition with a word for a kind of organisation is an organisation; a name
    after such a word that no span covers is added."""
    out = []
    for sp in spans:
        name = text[sp.start : sp.end]
        if sp.type in _RETYPE and _beside_kind_word(text, sp.start, sp.end, name, lex):
            sp = replace(sp, type="organization", source="kind")
        out.append(sp)
    taken = Taken(out)
    added = []
    for word_m in _KIND_THEN_NAME.finditer(text):
        name_m = _CAP_NAME.match(text, word_m.end())
        if name_m is None:
            continue
        start, end = name_m.span()
        name = _trim_calendar(name_m.group())
        end = start + len(name.rstrip(".,"))
        if end - start < 2 or not taken.free(start, end) or not is_free(text, start, end):
            continue
        if name in lex.places or name in lex.demonyms or name.split()[0] in lex.given_names:
            continue
        if _title_word(name.split()[0], lex):
            continue  # "the group CEO", "company President": an office, not a name
        added.append(Span(start, end, "organization", "kind"))
        taken.add(start, end)
    return sorted([*out, *added], key=lambda sp: sp.start)


# Offices written in capitals after a kind word ("group CEO").
_OFFICES = _words("CEO CFO COO CTO CIO MD GM")


def _title_word(word: str, lex: Lexicon) -> bool:
    return word in _OFFICES or word.lower().rstrip(".") in lex.titles


def _trim_calendar(name: str) -> str:
    words = name.split()
    while words and words[-1] in _CALENDAR:
        words.pop()
    return " ".join(words)


def _beside_kind_word(text: str, start: int, end: int, name: str, lex: Lexicon) -> bool:
    """True for a name right after a kind word ("news agency Tanjug") or, for an acronym or a
    name no lexicon knows, right before one ("the CFDT union")."""
    if name in lex.strong_places or name in lex.demonyms or name.split()[0] in lex.given_names:
        return False
    before = _KIND_WORD_BEFORE.search(text, max(0, start - 30), start)
    if before is not None and before.group(1) in _KIND_BEFORE:
        return True
    if _APPOSITION.match(text, end):
        return True
    if _COMPANY_CONTEXT.search(text, max(0, start - 40), start):
        return True
    after = _KIND_WORD_AFTER.match(text, end)
    # After the name, only an acronym or a name of several words: "the Islamic group" and
    # "the ruling Moslem party" describe, "the CFDT union" names.
    named = (name.isupper() and len(name) > 1) or len(name.split()) > 1
    return after is not None and after.group(1) in _KIND_AFTER and named and name not in lex.places


_ACRONYM_THEN_EXPANSION = re.compile(
    r"([A-Z](?<![\w'’.-][A-Z])[A-Z&.-]{1,9})[ \t]*\([ \t]*([A-Z][^()\n]{3,120}?)[ \t]*\)"
)
_SKIPPED_IN_INITIALS = _words("of and for the de du des la le al el in on at to")


def acronyms_before(text: str, spans: list[Span]) -> tuple[list[Span], list[tuple[int, int]]]:
    """ "the FOMC (Federal Open Market Committee)": the acronym and its expansion in brackets
    are both organisations (or the expansion's own type when spaCy gave it a place), linked as
    one entity through (expansion start, acronym start) pairs."""
    pairs = []
    for m in _ACRONYM_THEN_EXPANSION.finditer(text):
        short, long = m.group(1), m.group(2)
        words = [w for w in SPACE_OR_HYPHEN.split(long) if w]
        initials = "".join(w[0] for w in words if w.lower() not in _SKIPPED_IN_INITIALS)
        if initials.upper() != short.replace(".", "").replace("&", "") or not initials.isupper():
            continue
        # A place only when the model read the whole expansion as one ("the DRW (Democratic
        # Republic of Westland)"), not when a place is a part of it ("Labour Party of Westland").
        kind = next(
            (sp.type for sp in spans if sp.start <= m.start(2) and m.end(2) <= sp.end), None
        )
        kind = kind if kind == "place" else "organization"
        new = [
            Span(m.start(1), m.end(1), kind, "acronym"),
            Span(m.start(2), m.end(2), kind, "acronym"),
        ]
        for sp in new:
            spans = [o for o in spans if not (o.start < sp.end and sp.start < o.end)]
        spans = sorted([*spans, *new], key=lambda sp: sp.start)
        pairs.append((m.start(2), m.start(1)))
    return spans, pairs


# Last words of a company's full name, dropped to find the short form it goes by.
_CORPORATE = _words(
    "Inc Corp Corporation Co Company Ltd Limited Plc PLC LLC LLP LP AG SA NV GmbH SpA BV AB ASA "
    "Oyj Tbk Bhd Berhad Pty KGaA Ltda SAB Group Holdings Holding International Industries & "
    # trade words a company drops in running text ("Northwind Airways" ... "Northwind said")
    "Airways Airlines Motors Systems Technologies Bancorp Shipping Mining Minerals "
    "Pharmaceuticals Petroleum Electronics Telecom Communications"
)


def short_forms(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """A company named in full ("Halden Tools Inc") is also what its short forms name
    ("Halden Tools", "Halden") elsewhere in the text: such spans become organisations, and
    their unmarked occurrences are added."""
    shorts: set[str] = set()
    for sp in spans:
        if sp.type != "organization":
            continue
        words = text[sp.start : sp.end].split()
        if len(words) < 2 or words[-1].rstrip(".") not in _CORPORATE:
            continue
        while words and words[-1].rstrip(".") in _CORPORATE:
            words.pop()
        for form in {" ".join(words), words[0]} if words else ():
            if (
                len(form) > 2
                and form[:1].isupper()
                and form not in lex.places
                and form not in lex.demonyms
                and form not in lex.given_names
                and form not in lex.common_words
            ):
                shorts.add(form)
    if not shorts:
        return spans
    out = [
        replace(sp, type="organization", source="short")
        if sp.type in _RETYPE and _named_by_short_form(text[sp.start : sp.end], shorts, lex)
        else sp
        for sp in spans
    ]
    taken = Taken(out)
    for form in sorted(shorts, key=len, reverse=True):
        for start in occurrences(text, form):  # no pattern compiled per article and form
            end = start + len(form)
            if taken.free(start, end) and is_free(text, start, end):
                out.append(Span(start, end, "organization", "short"))
                taken.add(start, end)
    return sorted(out, key=lambda sp: sp.start)


def _named_by_short_form(name: str, shorts: set[str], lex: Lexicon) -> bool:
    """The short form itself, or a person-shaped name that starts with it ("Halden Cables" once
    "Halden Tools Inc" is named: a division of the company, not a person called Halden)."""
    if name in shorts:
        return True
    first = name.split()[0]
    return first in shorts and first not in lex.given_names and len(name.split()) > 1


# Nouns that a company's name modifies directly ("Halden shares", "Halden spokesman Ola Berg",
# "Halden CEO"): a person's name is not written so, a company's is.
_COMPANY_NOUNS = _words(
    "shares share stock stocks CEO chairman spokesman spokeswoman executives subsidiary unit "
    "division GDRs ADRs bonds profit profits earnings sales"
)
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+)(?![\w'’-])")


def company_cues(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """A one-word name spaCy called a person is a company where a company noun follows it."""
    out = []
    for sp in spans:
        name = text[sp.start : sp.end]
        if sp.type == "person" and " " not in name and name not in lex.given_names:
            nxt = _NEXT_WORD.match(text, sp.end)
            if nxt is not None and nxt.group(1) in _COMPANY_NOUNS:
                sp = replace(sp, type="organization", source="kind")
        out.append(sp)
    return out
