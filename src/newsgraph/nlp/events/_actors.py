"""CAMEO actor coding of an event's participant, as GDELT and POLECAT code actors.

`code_actor` reads the words of an actor ("the deputy secretary of Russia's security council")
and gives its CAMEO code (``RUSGOV``), country, role types and known group, from the tables
built out of the Phoenix dictionaries (``data/events/cameo/``: see `_build_actors`).

How a span is read:

1. Its words are normalised as the tables' names were (`phrase_words`: lower case, no dots,
   hyphens split, possessive ``'s`` dropped) and tiled left to right with the longest phrase
   found in any table: a named actor or country (``actors.tsv``, ``countries.tsv``) or a generic
   agent noun (``agents.tsv``). The last word of a phrase may match in its singular form
   (spaCy's lemma, or the plain English plural rules, demonyms in -i included: "Iraqis"), so
   the tables need no plurals. A single
   word is a name only when capitalised ("Chad", not "chad"), and one of three letters or
   fewer only when written in capitals (``US``, not "us"); a pronoun never starts a phrase. On
   a tie an actor beats an agent, except that a country right before a phrase that is both
   ("Russia's security council", where the phrase alone is the UN body) makes it the
   country's agent. A named actor that is only part of a longer person's name is dropped
   ("Hassan" in "Karim Hassan Odeh" is not the dictionary's Hassan).
2. The head is the phrase holding the span's syntactic root (its rightmost word whose head lies
   outside it); failing that, the object of its "of" ("the deputy secretary of [Russia's
   security council]"); failing that, the nearest coded modifier of the root ("[ISIS] group");
   failing that, the span codes only the country it names ("Russian negotiators").
3. A named actor as head gives its code, dated for office holders, unless the span gives the
   head another country (an adjective, possessive or "of": "King Hassan of Morocco"), which
   makes it a namesake and drops it (his title, if any, then codes him with that country);
   when its code has no role or only ``ELI`` (a person outside his terms), a title in the text
   gives one, since the text is written at the time it tells of: a title before the name
   ("Secretary of State Warren Christopher"), or one the name's own words open or close
   ("President Boris Yeltsin", "Bush administration"), not one marked as past ("former").
   A named group that the span gives another country is its branch there ("Pakistani
   Taliban": PAKREB); a person so placed is a namesake, as above. A person's name marked as
   past ("former President Hosni Mubarak") is an elite whatever the date gives.
   A country's capital is coded as its government (``washington``: USAGOV, in the country
   table), as news writes it for the state ("Moscow denied the report"); a plural demonym
   (tagged a nationality, or found only through its singular: "Croats") names the nation's
   people, its civilians ("Nigerians queued to vote": NGACVL), of the
   country an "of" gives as where they live ("the Albanians of Serbia": SRBCVL), and after
   "ethnic" an ethnic group, coded by the country the span says it lives in, not the one its
   name comes from ("ethnic Albanians in Serbia": SRBCVL; with no such country, neither the
   linked entity, named for the people, nor anything but the places gives one). A people no
   table names, qualified or owned by a country, are its civilians too ("Iraqi Kurds",
   "the Serbs of Bosnia"). An agent as head
   takes its role from the agent and its country from the nearest country in the span reached
   through modifiers and "of", "in", "from" or "at" phrases (not "to", "against", "with": "the
   envoy to Russia" is not Russian; nor through a participle of backing: "Russian-backed
   separatists" are not Russian); a named actor that modifies an agent gives its own code
   ("Hamas militants" are Hamas), and so does one it belongs to ("a spokesman for ISIS"),
   unless it is a person out of office, who only says whose the head is.
   Agents modifying the head add their parts ("Islamist militants" → ``MUS`` + ``UAF``); armed
   men of no known side (``UAF``) whom a modifier gives a side take its role ("rebel
   fighters": REB). A span whose head says only "leaders" and that codes a country alone is
   that country's elite ("Turkish Cypriot leaders": CYPELI). A weapon or a blast named as the
   doer ("a car bombing", "a rocket") is CAMEO's unknown armed group, ``UAF``, of the
   country the places give, as event data codes an unidentified attacker.
4. Without a country so far: the head's linked entity (its canonical name and aliases, coded the
   same way), then a place the span names (its ISO alpha-2 code converted), then, for an actor
   with a role, the article's focus place; never for an international body nor for a named
   group or company that the dictionary codes without a country (Amnesty International,
   ``NGOHRIAMN``: it belongs to no country, wherever the news about it happens).

Cost. A token's normalised words are cached by its text and lemma, a code's parts by the
code, an agent's code by its parts, an entry's code by the entry and day, a span's tiling by its
words and the day (`_span_tiles`: the tiling reads nothing else), and a name's coding
(`code_name`, read for linked entities) by the name and day: news repeats its words and names,
while the parse around a span, which the rest of the coding reads, is new each time (so a span's
own coding is not cached). Tiling looks a phrase up only as far as the tables hold phrases that
open with its words (`Tables.openings`), and the caller may read the tables once an article
(`reading_tables`).

Dates. An office holder's dated codes apply only to articles published within the term; outside
every term the entry's undated code applies (often ``ELI``), else the country its dated codes
share. Without a publication date an entry is coded as of the dictionary's present (2014), its
open-ended ``>date`` code if it has one; else an undated code that holds an office; else his
last term of office, since an undated text most likely tells of a person while in office
(`resolve`). That last is a guess, so an office the text gives him (a title, an apposition:
"Koji Omi, the United Nations relief coordinator") beats it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from newsgraph.model import Entity, Place
from newsgraph.nlp.events._cameo import is_weapon
from newsgraph.rules import RuleFile, RuleFileError, data_dirs, rule_files

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "ActorCode",
    "code_actor",
    "code_name",
    "describe",
    "phrase_words",
    "reading_tables",
    "resolve",
    "singular",
    "tables",
]

TABLES = "events/cameo"
# Prepositions through which a country in the span still describes the head ("militants in
# Russia's Caucasus", "officials from Kenya"); any other ("the envoy to Russia") stops the search.
_COUNTRY_PREPS = frozenset({"of", "in", "from", "at", "within", "inside"})
_OWN_PREPS = frozenset({"of"})  # … and the one through which a country owns the head
# Prepositions after a generic noun that name the group it belongs to ("a spokesman for ISIS").
_FOR_PREPS = frozenset({"for", "of"})
# Dependency relations of a modifier that qualifies the head itself ("Islamist militants").
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "nn", "poss", "npadvmod", "appos"})
# Verbs whose participle joins a patron to a group ("Iranian-backed", "U.S.-trained"): the
# patron's country is not the group's.
_BACKING = frozenset({"back", "support", "sponsor", "fund", "finance", "arm", "train"})
# Heads that name a group's leaders: with nothing else coded, the elites of the country the
# span names ("Turkish Cypriot leaders": CYPELI), as CAMEO codes leaders outside government.
_LEADERS = frozenset({"leader", "leadership"})
_ELITES = "ELI"
# First parts of codes for actors that belong to no country (the region after IGO is not one).
_STATELESS = frozenset({"IGO", "IMG", "INT", "UIS"})
# CAMEO's primary roles: an agent qualifying a head that has one adds only its other parts
# ("deputy foreign minister" stays GOV though "deputy" alone is a police deputy, COP).
_PRIMARY = frozenset({"COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF"})
_BASED = frozenset({"NGO", "NGM", "MNC"})  # … whose next part may name the country they work from
_NULL = "---"
_CIVILIANS = "CVL"
_UNKNOWN_ARMED = "UAF"  # CAMEO's unaligned armed forces: the unknown hand behind an attack
# Blasts named as the doer of an attack ("a car bombing wounded three"), beside the weapons
# of the verb dictionary's &WEAPON set ("a rocket hit the school").
_BLASTS = frozenset({"explosion", "blast", "bombing", "landmine", "minefield"})
# Words before a title that put the office in the past ("former President …").
_PAST = frozenset({"former", "ex", "late", "onetime", "erstwhile"})
_FAR = 10  # added to the distance of a country that does not hang from the head
_DESCRIBED = 8192  # codes whose parts a vocabulary keeps (`describe`)
_NO_DAY = 0
_LAST_DAY = 99991231

# The codes column of a name table (checked on the user's rows; the shipped ones are built).
_ITEM = r"(?:(?:[A-Z0-9]{3})+(?:[<>]\d{8}|:\d{8}-\d{8})?|---)"
_CODES = re.compile(rf"^{_ITEM}(?:;{_ITEM})*$")
_WORD_SPLIT = re.compile(r"[\s_]+")
_HYPHENS = re.compile(r"[-\u2010-\u2015/]+")
_EDGE_PUNCT = ",;:()[]{}\"'!?*“”‘’«»<>"


# --- words -----------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _word_parts(word: str) -> tuple[str, ...]:
    """The normalised words of one written word: lower case, no dots, no possessive ending,
    hyphenated parts apart, surrounding punctuation gone (cached: news repeats its words)."""
    w = word.lower().replace("\u2019", "'").replace("\u2018", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.replace(".", "")
    parts = (p.strip(_EDGE_PUNCT) for p in _HYPHENS.split(w))
    return tuple(p for p in parts if p)


def phrase_words(text: str) -> list[str]:
    """The normalised words of a phrase, as the tables store names ("U.S.-backed Syria's
    forces" → us, backed, syria, forces)."""
    return [p for word in _WORD_SPLIT.split(text) for p in _word_parts(word)]


def singular(word: str) -> str:
    """The singular of a regular English plural ("militias" → militia, "authorities" →
    authority, "gunmen" → gunman, "Iraqis" → iraqi: demonyms in -i take a plain -s); other
    words ("status", "police", "crisis") unchanged. A wrong guess costs nothing: the word as
    written is always tried first."""
    if len(word) <= 3:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("s") and not word.endswith(("ss", "us", "sis", "xis")):
        return word[:-1]
    return word


class _Word(NamedTuple):
    """One normalised word (the token it came from is kept beside it, in `_Words.owners`, so
    that a token's words can be cached and shared)."""

    forms: tuple[str, ...]  # as written, then singular forms
    proper: bool  # written with a capital: may be a one-word name
    acronym: bool  # written in capitals: may be a one-word name of three letters or fewer
    starts: bool  # may start a phrase (not a pronoun)


def _forms(word: str, lemma: str | None) -> tuple[str, ...]:
    out = [word]
    for form in (lemma, singular(word)):
        if form and form not in out:
            out.append(form)
    return tuple(out)


def _casing(text: str) -> tuple[bool, bool]:
    letters = text.replace(".", "")
    return letters[:1].isupper(), letters.isupper()


def _may_name(key: str, word: _Word) -> bool:
    """Whether one word may be a name: the dictionaries' names are proper nouns ("Chad", not
    "chad"), and one of three letters or fewer must be an acronym ("US", not "us")."""
    return word.acronym if len(key) <= 3 else word.proper


class _Words(NamedTuple):
    """A span's (or a name's) words, and for each the token (doc index, or word position in a
    name) it came from."""

    words: list[_Word]
    owners: list[int]


def _span_words(span: Span) -> _Words:
    words: list[_Word] = []
    owners: list[int] = []
    known = _SHAPES
    if len(known) > MAX_SHAPES:
        known.clear()  # (bounded: a stream of rare words is not kept for ever)
    for i, token in enumerate(span, start=span.start):
        ids = (token.orth, token.lemma, token.pos)  # (ids: no string read for a word seen)
        shape = known.get(ids)
        if shape is None:
            pos = token.pos_
            shape = known[ids] = _token_words(
                token.text, token.lemma_ if pos in ("NOUN", "PROPN") else "", pos != "PRON"
            )
        if shape:
            words.extend(shape)
            owners.extend([i] * len(shape))
    return _Words(words, owners)


# `_token_words` of a token by the ids of its word, lemma and part of speech, at most `MAX_SHAPES`.
_SHAPES: dict[tuple[int, int, int], tuple[_Word, ...]] = {}
MAX_SHAPES = 65536


@lru_cache(maxsize=65536)
def _token_words(text: str, lemma: str, starts: bool) -> tuple[_Word, ...]:
    """The words of one token (its `lemma` given for nouns only, else empty). Cached: news
    repeats its words, and a token's words depend on nothing else."""
    parts = _word_parts(text)
    if not parts:
        return ()
    lemma_form = None
    if lemma and len(parts) == 1:
        lemmas = _word_parts(lemma)
        lemma_form = lemmas[0] if len(lemmas) == 1 else None
    proper, acronym = _casing(text)
    out = [_Word((p,), proper, acronym, starts) for p in parts[:-1]]
    out.append(_Word(_forms(parts[-1], lemma_form), proper, acronym, starts))
    return tuple(out)


def _name_words(name: str) -> _Words:
    words: list[_Word] = []
    owners: list[int] = []
    for i, word in enumerate(_WORD_SPLIT.split(name)):
        parts = _word_parts(word)
        proper, acronym = _casing(word)
        words += [_Word((p,), proper, acronym, True) for p in parts[:-1]]
        if parts:
            words.append(_Word(_forms(parts[-1], None), proper, acronym, True))
        owners += [i] * len(parts)
    return _Words(words, owners)


# --- tables ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Agent:
    """A generic noun's role code(s), and whether they precede the country (``IGO…``)."""

    code: str
    prefix: bool


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The three-letter parts of actor codes, by kind."""

    countries: frozenset[str]
    regions: frozenset[str]
    types: frozenset[str]
    religions: frozenset[str]
    groups: frozenset[str]
    alpha3: Mapping[str, str]  # ISO alpha-2 → CAMEO country code
    # code → its parts (`describe`), filled as codes are read: a process meets few codes
    described: dict[str, ActorCode] = field(default_factory=dict, compare=False, repr=False)


# A span's words (each token's ids of its text, lemma and part of speech) and the day: what
# its tiling depends on (`_span_tiles`).
_TilingKey = tuple[tuple[tuple[int, int, int], ...], int | None]


@dataclass(frozen=True, slots=True)
class Tables:
    """The shipped actor tables (user rows appended), read once per set of data folders."""

    actors: Mapping[str, str]  # name → dated codes
    countries: Mapping[str, str]
    agents: Mapping[str, Agent]
    reach: Mapping[str, int]  # first word → most words of a phrase starting with it
    vocabulary: Vocabulary
    # every phrase's openings, up to a space short of its end ("united nations" of "united
    # nations security council"): how far a phrase may still go, word by word
    openings: frozenset[str] = frozenset()
    # a span's tiles by its words and day (`_span_tiles`), filled as spans are read
    tilings: dict[_TilingKey, tuple[int, list[_Tile]]] = field(
        default_factory=dict, compare=False, repr=False
    )


def _rows(relpath: str, columns: int) -> Iterator[tuple[RuleFile, int, list[str]]]:
    for file in rule_files(f"{TABLES}/{relpath}"):
        for number, line in enumerate(file.text.splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) < 2 or len(cells) > columns:
                raise RuleFileError(
                    f"{len(cells)} tab-separated columns, expected 2 to {columns}",
                    file=file.name,
                    line=number,
                )
            yield file, number, cells


def _names(relpath: str) -> dict[str, str]:
    """A name table (name → codes); the hot loop of loading, so written out plainly."""
    out: dict[str, str] = {}
    for file in rule_files(f"{TABLES}/{relpath}"):
        for number, line in enumerate(file.text.splitlines(), start=1):
            if not line or line[0] == "#":
                continue
            name, tab, codes = line.partition("\t")
            if not (tab and name and codes) or "\t" in codes:
                if not line.strip():
                    continue
                raise RuleFileError(
                    "expected 2 tab-separated columns (name, codes)", file=file.name, line=number
                )
            if not file.name.startswith("data/") and not _CODES.match(codes):
                raise RuleFileError(f"codes not understood: {codes!r}", file=file.name, line=number)
            out[name] = codes
    return out


def _agents() -> dict[str, Agent]:
    out = {}
    for file, number, cells in _rows("agents.tsv", 4):
        position = cells[2] if len(cells) > 2 else "suffix"
        if position not in ("suffix", "prefix"):
            raise RuleFileError(
                f"position must be suffix or prefix, not {position!r}", file=file.name, line=number
            )
        out[cells[0]] = Agent(cells[1], position == "prefix")
    return out


def _vocabulary() -> Vocabulary:
    kinds: dict[str, set[str]] = {
        "country": set(),
        "region": set(),
        "type": set(),
        "religion": set(),
    }
    alpha3 = {}
    for file, number, cells in _rows("codes.tsv", 4):
        if cells[1] not in kinds:
            raise RuleFileError(f"unknown kind {cells[1]!r}", file=file.name, line=number)
        kinds[cells[1]].add(cells[0])
        if cells[1] == "country" and len(cells) > 2 and cells[2]:
            alpha3[cells[2]] = cells[0]
    groups = {cells[0] for _, _, cells in _rows("groups.tsv", 3)}
    return Vocabulary(
        countries=frozenset(kinds["country"]),
        regions=frozenset(kinds["region"]),
        types=frozenset(kinds["type"]),
        religions=frozenset(kinds["religion"]),
        groups=frozenset(groups),
        alpha3=alpha3,
    )


# The tables of the article being read (`reading_tables` sets them): looked up once an article, not
# at each of its actors (`data_dirs` reads the environment at every call).
_READING: ContextVar[Tables | None] = ContextVar("newsgraph_actor_tables", default=None)


def tables() -> Tables:
    """The actor tables, loaded on first use and cached per set of user data folders (those of
    the enclosing `reading_tables` block, if any)."""
    found = _READING.get()
    return found if found is not None else _load(data_dirs())


@contextmanager
def reading_tables() -> Iterator[Tables]:
    """Within the block (one article), `tables` gives the tables of the data folders in use as
    it opened without looking the folders up again."""
    found = _load(data_dirs())
    token = _READING.set(found)
    try:
        yield found
    finally:
        _READING.reset(token)


def forget_phrases() -> None:
    """Empty the memos keyed by what texts say (words, names, spans' tilings), keeping the
    loaded tables: a benchmark that runs the same texts again calls it before each round, so
    that a rerun does not find every phrase already read."""
    for memo in (_word_parts, _token_words, _resolved, _agent_joined, _code_name):
        memo.cache_clear()
    tables().tilings.clear()


@lru_cache(maxsize=4)
def _load(_dirs: tuple[Path, ...]) -> Tables:
    actors, countries, agents = _names("actors.tsv"), _names("countries.tsv"), _agents()
    reach: dict[str, int] = {}
    openings: set[str] = set()
    for table in (actors, countries, agents):
        for key in table:
            size = key.count(" ") + 1
            first = key.partition(" ")[0]
            if size > reach.get(first, 0):
                reach[first] = size
            space = key.find(" ")
            while space >= 0:
                openings.add(key[:space])
                space = key.find(" ", space + 1)
    return Tables(actors, countries, agents, reach, _vocabulary(), frozenset(openings))


# --- codes -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActorCode:
    """An actor's CAMEO coding: the whole code as GDELT writes it, and its parts."""

    code: str | None
    country: str | None
    roles: tuple[str, ...]
    group: str | None


@dataclass(frozen=True, slots=True)
class _Dated:
    code: str | None  # None: the dictionary's explicit "no code"
    start: int  # YYYYMMDD, inclusive
    end: int
    kind: Literal["default", "before", "after", "within"]


@lru_cache(maxsize=8192)
def _dated(raw: str) -> tuple[_Dated, ...]:
    out = []
    for item in raw.split(";"):
        if "<" in item:
            code, day = item.split("<")
            out.append(_Dated(code, _NO_DAY, int(day), "before"))
        elif ">" in item:
            code, day = item.split(">")
            out.append(_Dated(code, int(day), _LAST_DAY, "after"))
        elif ":" in item:
            code, days = item.split(":")
            first, last = days.split("-")
            out.append(_Dated(code, int(first), int(last), "within"))
        else:
            out.append(_Dated(item, _NO_DAY, _LAST_DAY, "default"))
    return tuple(_Dated(None if d.code == _NULL else d.code, d.start, d.end, d.kind) for d in out)


def resolve(
    raw: str, when: int | None, *, term: bool = True, types: frozenset[str] | None = None
) -> str | None:
    """The code a table entry gives for a publication day (YYYYMMDD), or without one.

    Without a day: the open-ended code (the dictionary's present), else an undated code that
    holds an office, else (unless `term` is false) the last term of office (the one that
    ended last: a short acting office inside a longer one is not his last): a text that does
    not say when it was written most likely tells of a person while in office, as news reports
    what an office holder does ("Yeltsin signed the decree": RUSGOV, not the elite he was
    before and after). `types` are the role codes (the tables' own when not given)."""
    items = _dated(raw)
    defaults = [d for d in items if d.kind == "default"]
    if when is not None:
        for d in items:
            if d.kind != "default" and d.start <= when <= d.end:
                return d.code
    else:
        current = [d for d in items if d.kind == "after"]
        if current:
            return max(current, key=lambda d: d.start).code
        roles = (types if types is not None else tables().vocabulary.types) if term else None
        if roles is not None and not any(_in_office(d.code, roles) for d in defaults):
            terms = [d for d in items if d.kind == "within" and _in_office(d.code, roles)]
            if terms:  # the one that ended last, whatever the order the entry lists them in
                return max(terms, key=lambda d: (d.end, d.start)).code
    if defaults:
        return defaults[-1].code
    heads = {d.code[:3] for d in items if d.code}
    return heads.pop() if len(heads) == 1 else None


@lru_cache(maxsize=16384)
def _resolved(raw: str, when: int | None, types: frozenset[str]) -> str | None:
    """`resolve` with the tables' role codes, cached by entry and day: a span's tiles are read
    for their code several times, and news names the same actors again and again."""
    return resolve(raw, when, types=types)


def _in_office(code: str | None, types: frozenset[str]) -> bool:
    """Does a code give a role (`types`) other than ``ELI``, an elite out of office?"""
    return code is not None and any(p in types and p != "ELI" for p in _parts(code))


def describe(code: str, vocabulary: Vocabulary | None = None) -> ActorCode:
    """The parts of a CAMEO actor code: ``RUSGOV`` → RUS, (GOV,); ``IGOWSTNAT`` → no country,
    (IGO,), group NAT; ``PSEREBHMS`` → PSE, (REB,), HMS."""
    vocab = vocabulary or tables().vocabulary
    known = vocab.described.get(code)
    if known is not None:
        return known
    parts = _parts(code)
    first = parts[0]
    country = first if first in vocab.countries or first in vocab.regions else None
    if (
        country is None
        and first in _BASED
        and len(parts) > 1
        and parts[1] in vocab.countries
        and parts[1] not in vocab.religions
    ):
        country = parts[1]
    roles = tuple(
        dict.fromkeys(p for p in parts[1 if country == first else 0 :] if p in vocab.types)
    )
    group = next((p for p in parts[1:] if p in vocab.groups), None)
    found = ActorCode(code=code, country=country, roles=roles, group=group)
    if len(vocab.described) < _DESCRIBED:
        vocab.described[code] = found
    return found


@lru_cache(maxsize=4096)
def _parts(code: str) -> tuple[str, ...]:
    return tuple(code[i : i + 3] for i in range(0, len(code), 3))


def _join(*codes: str) -> str:
    """Codes run together, each three-letter part kept once (RUS + GOV + GOVMIL → RUSGOVMIL)."""
    return "".join(dict.fromkeys(p for c in codes for p in _parts(c)))


# --- matching --------------------------------------------------------------------------------

_Kind = Literal["actor", "country", "agent"]


class _Tile(NamedTuple):
    """A phrase of the span found in a table: its words, what it is, and its tokens (told apart
    by identity, never compared)."""

    start: int  # word positions, end excluded
    end: int
    kind: _Kind
    value: str | Agent  # dated codes of a name, or the agent
    tokens: tuple[int, ...]
    words: tuple[_Word, ...] = ()  # the span's words it covers


class _Found(NamedTuple):
    size: int
    kind: _Kind
    value: str | Agent


def _longest(words: Sequence[_Word], i: int, t: Tables) -> tuple[_Found | None, _Found | None]:
    """The longest name (actor or country) and the longest agent starting at word `i`."""
    first = words[i]
    if not first.starts:
        return None, None
    reach = 0
    for form in first.forms:  # (most words start no phrase: done at once)
        reach = max(reach, t.reach.get(form, 0))
    top = min(reach, len(words) - i)
    if top == 0:
        return None, None
    # prefixes[k]: the first k words as written, each followed by a space, while some phrase
    # still opens with them (no longer phrase can match beyond)
    prefixes = [""]
    for w in words[i : i + top - 1]:
        opening = prefixes[-1] + w.forms[0]
        if opening not in t.openings:
            break
        prefixes.append(opening + " ")
    actors, countries, agents = t.actors, t.countries, t.agents
    named: _Found | None = None
    agent: _Found | None = None
    for size in range(len(prefixes), 0, -1):
        body = prefixes[size - 1]
        for last in words[i + size - 1].forms:
            key = body + last
            if named is None and (size > 1 or _may_name(key, first)):
                code = actors.get(key)
                if code is not None:
                    named = _Found(size, "actor", code)
                elif (code := countries.get(key)) is not None:
                    named = _Found(size, "country", code)
            if agent is None and (role := agents.get(key)) is not None:
                agent = _Found(size, "agent", role)
        if named is not None and agent is not None:
            break
    return named, agent


def _country_of(value: str | Agent, when: int | None, vocab: Vocabulary) -> str | None:
    if not isinstance(value, str):
        return None
    code = _resolved(value, when, vocab.types)
    return describe(code, vocab).country if code else None


def _choose(
    named: _Found | None, agent: _Found | None, before: _Tile | None, when: int | None, t: Tables
) -> _Found | None:
    """The longer reading; on a tie the name, unless a country comes right `before` a name that
    belongs to no country (then the phrase is that country's agent)."""
    if named is None or agent is None:
        return named or agent
    if named.size != agent.size:
        return named if named.size > agent.size else agent
    if _country_of(named.value, when, t.vocabulary) is not None:
        return named
    after_country = before is not None and _country_of(before.value, when, t.vocabulary) is not None
    return agent if after_country else named


def _tiles(found_in: _Words, t: Tables, when: int | None) -> list[_Tile]:
    """The span's words tiled left to right with the longest phrases found."""
    words, owners = found_in
    tiles: list[_Tile] = []
    i = 0
    while i < len(words):
        named, agent = _longest(words, i, t)
        before = tiles[-1] if tiles and tiles[-1].end == i else None
        found = _choose(named, agent, before, when, t)
        if found is None:
            i += 1
            continue
        tokens = tuple(dict.fromkeys(owners[i : i + found.size]))
        covered = tuple(words[i : i + found.size])
        tiles.append(_Tile(i, i + found.size, found.kind, found.value, tokens, covered))
        i += found.size
    return tiles


# --- reading the parse -----------------------------------------------------------------------


def _anchor(tile: _Tile, span: Span) -> Token:
    """The tile's token that the others hang from (its own root in the parse)."""
    doc = span.doc
    if len(tile.tokens) == 1:  # (a one-token tile is its own root: no need to read the parse)
        return doc[tile.tokens[0]]
    inside = set(tile.tokens)
    for i in tile.tokens:
        if doc[i].head.i not in inside or doc[i].head.i == i:
            return doc[i]
    return doc[tile.tokens[-1]]


def _climb(token: Token, target: Token, span: Span) -> tuple[list[Token], bool]:
    """The tokens from `token` up towards `target` (excluded), and whether it was reached
    before the way left the span."""
    path = []
    while token.i != target.i:
        path.append(token)
        if token.head.i == token.i or not span.start <= token.head.i < span.end:
            return path, False
        token = token.head
    return path, True


def _modifies(tile: _Tile, head: Token, span: Span) -> bool:
    """Whether the tile qualifies `head` directly ("Islamist" in "Islamist militants"); not
    through a verb of backing ("Russian-backed leaders" are not Russia's, `_backed`)."""
    path, reached = _climb(_anchor(tile, span), head, span)
    modifies = reached and bool(path) and all(t.dep_ in _MODIFIER_DEPS for t in path)
    return modifies and not _backed(path)


def _backed(path: Sequence[Token]) -> bool:
    """Does a participle of backing stand on the path above a tile ("Iranian-backed")?"""
    return any(t.tag_ == "VBN" and t.lemma_.lower() in _BACKING for t in path[1:])


def _reach(
    tile: _Tile, head: Token, span: Span, preps: frozenset[str] = _COUNTRY_PREPS
) -> int | None:
    """How far a country tile is from `head` through modifiers and the prepositions that keep
    it describing the head; a tile that hangs elsewhere in the span, or beside it from outside
    ("Haitian" in "Haitian government" cut from "Haitian government officials"), counts as far;
    None when a preposition like "to" stands between ("the envoy to Russia"), or a verb of
    backing ("Russian-backed separatists" are backed by Russia, not Russian)."""
    path, reached = _climb(_anchor(tile, span), head, span)
    if any(t.dep_ == "prep" and t.lower_ not in preps for t in path):
        return None
    if _backed(path):
        return None
    return len(path) if reached else len(path) + _FAR


def _root(span: Span) -> Token:
    """The span's head word: its rightmost token whose head lies outside it (a span cut from a
    longer phrase has several; English noun phrases end with their head). The last span's is
    kept: coding one actor asks for its root several times."""
    global _root_kept
    doc, start, end = span.doc, span.start, span.end
    kept = _root_kept
    if kept is not None and kept[0] is doc and kept[1] == start and kept[2] == end:
        return kept[3]
    for i in range(end - 1, start - 1, -1):  # from the right: most often the last word
        found = doc[i]
        head = found.head.i
        if head == i or not start <= head < end:
            break
    else:
        found = span.root
    _root_kept = (doc, start, end, found)
    return found


# The span `_root` read last (its doc, start and end), and its root.
_root_kept: tuple[Doc, int, int, Token] | None = None


def _person_around(doc: Doc, i: int) -> range | None:
    """The tokens of the person's name the parser found around token `i`, if any."""
    if doc[i].ent_type_ != "PERSON":
        return None
    start, end = i, i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return range(start, end)


def _whole_names(tiles: list[_Tile], span: Span) -> list[_Tile]:
    """The tiles without named actors that are only the first part of a longer person's name
    the parser found ("Hassan" in "Karim Hassan Odeh" is not the Hassan the dictionary knows);
    a name before the tile does not count, as the dictionaries name a person by the surname
    ("Ali Khamenei" is the dictionary's Khamenei; see `_inside_no_name`)."""
    doc = span.doc

    def partial(tile: _Tile) -> bool:
        person = _person_around(doc, tile.tokens[0])
        last = tile.tokens[-1]
        return (
            person is not None
            and all(i in person for i in tile.tokens)
            and any(
                i > last and not doc[i].is_punct and doc[i].lower_ not in _NAME_PARTICLES
                for i in person
            )
        )

    return [tile for tile in tiles if tile.kind != "actor" or not partial(tile)]


def _head(span: Span, tiles: Sequence[_Tile]) -> _Tile | None:
    """The phrase that names what the span is: the root's, its "of" object's, else the nearest
    coded modifier of the root."""
    by_token = {i: tile for tile in tiles for i in tile.tokens}
    root = _root(span)
    if root.i in by_token:
        return by_token[root.i]
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.i in by_token:
                    return by_token[obj.i]
    modifiers = [tile for tile in tiles if _modifies(tile, root, span)]
    if not modifiers and root.pos_ in ("VERB", "AUX"):  # "[Red Cross] operating in Iraq"
        subjects = [c.i for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        modifiers = [by_token[i] for i in subjects if i in by_token]
    return modifiers[-1] if modifiers else None


# --- coding ----------------------------------------------------------------------------------


def _named_code(tile: _Tile, when: int | None, vocab: Vocabulary) -> ActorCode | None:
    if not isinstance(tile.value, str):
        return None
    code = _resolved(tile.value, when, vocab.types)
    return describe(code, vocab) if code else None


def _agent_code(
    agent: Agent, country: str | None, modifiers: Sequence[Agent], vocab: Vocabulary
) -> ActorCode:
    return describe(_agent_joined(agent, country, tuple(modifiers)), vocab)


@lru_cache(maxsize=4096)
def _agent_joined(agent: Agent, country: str | None, modifiers: tuple[Agent, ...]) -> str:
    """`_agent_code`'s code, cached by its parts: news repeats its agents and countries.

    An armed man of no known side (``UAF``: "fighters", "gunmen") whom a qualifier gives a
    side takes that side's role instead ("rebel fighters": REB, "army gunmen": MIL)."""
    head = agent.code
    sided = [p for m in modifiers for p in _parts(m.code) if p in _PRIMARY and p != _UNKNOWN_ARMED]
    if _UNKNOWN_ARMED in _parts(head) and sided:
        head = "".join(sided[0] if p == _UNKNOWN_ARMED else p for p in _parts(head))
    primary = any(p in _PRIMARY for p in _parts(head))
    qualifiers = [
        "".join(p for p in _parts(m.code) if not (primary and p in _PRIMARY)) for m in modifiers
    ]
    before = [q for q, m in zip(qualifiers, modifiers, strict=True) if m.prefix]
    after = [q for q, m in zip(qualifiers, modifiers, strict=True) if not m.prefix]
    if agent.prefix:
        return _join(*before, head, *([country] if country else []), *after)
    return _join(*before, *([country] if country else []), *after, head)


def _nearest_country(
    tiles: Sequence[_Tile], skip: _Tile | None, head: Token, span: Span, when: int | None, t: Tables
) -> str | None:
    """The country of the tile nearest `head` that still describes it (see `_reach`)."""
    reached = [
        (far, tile.start, found)
        for tile in tiles
        if tile is not skip and (found := _country_of(tile.value, when, t.vocabulary))
        if (far := _reach(tile, head, span)) is not None
    ]
    return min(reached)[2] if reached else None


def _span_tiles(span: Span, when: int | None, t: Tables) -> list[_Tile]:
    """`_tiles` of the span's words, cached by the words' ids and the day: the tiling reads
    nothing but the words (each token's text, lemma and part of speech, `_span_words`), and
    news names its actors in the same words again and again ("police", "the government").
    A tiling found for the same words elsewhere is moved to the span's tokens."""
    start = span.start
    key = (tuple([(w.orth, w.lemma, w.pos) for w in span]), when)  # (ids: no string read)
    known = t.tilings.get(key)
    if known is None:
        tiles = _tiles(_span_words(span), t, when)
        if len(t.tilings) >= MAX_TILINGS:
            t.tilings.clear()  # (bounded: a stream of new phrases is not kept for ever)
        t.tilings[key] = (start, tiles)
        return list(tiles)
    at, tiles = known
    if at == start:
        return list(tiles)
    shift = start - at
    return [tile._replace(tokens=tuple(i + shift for i in tile.tokens)) for tile in tiles]


MAX_TILINGS = 65536


def _code_span(span: Span, when: int | None, t: Tables) -> ActorCode | None:
    found = _code_tiles(span, _whole_names(_span_tiles(span, when, t), span), when, t)
    leaders = _root(span).lemma_.lower() in _LEADERS  # "Turkish Cypriot leaders": CYPELI
    if leaders and found is not None and found.code and found.country and not found.roles:
        return describe(_join(found.code, _ELITES), t.vocabulary)
    return found


def _stated_country(
    tiles: Sequence[_Tile], head: _Tile, span: Span, when: int | None, t: Tables
) -> str | None:
    """A country the span gives the head itself: an adjective, a possessive or an "of"
    ("Moroccan King Hassan", "King Hassan of Morocco")."""
    anchor = _anchor(head, span)
    stated = [
        (far, tile.start, found)
        for tile in tiles
        if tile.kind == "country" and (found := _country_of(tile.value, when, t.vocabulary))
        if (far := _reach(tile, anchor, span, _OWN_PREPS)) is not None and far < _FAR
    ]
    return min(stated)[2] if stated else None


def _title(
    head: _Tile, named: ActorCode, tiles: Sequence[_Tile], span: Span, when: int | None, t: Tables
) -> ActorCode | None:
    """The coding a title before a person's name gives him: an agent ("President") with his
    country, or a named office of his country ("U.S. Secretary of State")."""
    anchor = _anchor(head, span)
    for tile in reversed(tiles):
        if tile is head or not _modifies(tile, anchor, span):
            continue
        if tile.kind == "agent":
            return _with_agents(tile, named.country, [], t.vocabulary)
        office = _named_code(tile, when, t.vocabulary) if tile.kind == "actor" else None
        if office is not None and office.roles and office.country in (None, named.country):
            return office
    return None


def _out_of_office(named: ActorCode) -> bool:
    """A dated entry read outside its terms: only a country, or only ``ELI`` (an elite)."""
    return not named.roles or named.roles == ("ELI",)


def _own_office(head: _Tile, span: Span, t: Tables) -> Agent | None:
    """The office a name's own words state: a title that opens it ("President Boris Yeltsin")
    or an office noun that closes it ("Bush administration"), when that title holds one of
    CAMEO's primary roles and is not marked as past ("former President …")."""
    first = head.tokens[0]
    if first > 0 and span.doc[first - 1].lower_ in _PAST:
        return None
    words = head.words
    for size in range(len(words) - 1, 0, -1):
        for part in (words[:size], words[-size:]):
            body = [w.forms[0] for w in part[:-1]]
            for last in part[-1].forms:
                agent = t.agents.get(" ".join([*body, last]))
                if agent is not None and any(p in _PRIMARY for p in _parts(agent.code)):
                    return agent
    return None


def _past(head: _Tile, span: Span) -> bool:
    """Is the person's name marked as out of office by a word before it and its title
    ("former President Hosni Mubarak", "the ex-leader Omar Haddad")? The words between are the
    title's: nouns, adjectives, names and hyphens. Only a person: "the former rebel group
    FARC" is still a group, a former rebel one."""
    doc = span.doc
    if doc[head.tokens[-1]].ent_type_ != "PERSON":
        return False
    for i in range(head.tokens[0] - 1, span.start - 1, -1):
        token = doc[i]
        if token.lower_ in _PAST:
            return True
        if token.pos_ not in ("PROPN", "NOUN", "ADJ") and token.text != "-":
            return False
    return False


def _code_named(
    span: Span, tiles: list[_Tile], head: _Tile, when: int | None, t: Tables
) -> ActorCode | None:
    """The code of a head that is a name (an actor, a country, a capital)."""
    named = _named_code(head, when, t.vocabulary)
    if head.kind == "country" and named is not None:
        return _people(span, tiles, head, named, when, t) or named
    if head.kind == "actor" and named is not None and named.country:
        stated = _stated_country(tiles, head, span, when, t)
        branch = stated is not None and stated != named.country and named.roles
        own = named.code and named.code.startswith(named.country)  # its own country first
        if branch and own and named.code and _anchor(head, span).ent_type_ != "PERSON":
            # a group with another country is its branch there ("Pakistani Taliban": PAKREB),
            # where a person would be a namesake; not a group coded by where it works (NGO…)
            return describe(_join(str(stated), named.code[3:]), t.vocabulary)
        if stated is not None and stated != named.country:  # a namesake of another country
            # his title, if any, with the country the span gives him ("King Hassan of Morocco")
            titled = _title(head, describe(stated, t.vocabulary), tiles, span, when, t)
            if titled is not None:
                return titled
            return _code_tiles(span, [tile for tile in tiles if tile is not head], when, t)
    if named is not None and head.kind == "actor" and named.country and _past(head, span):
        # "Former President Hosni Mubarak": out of office whatever the date gives, an elite
        return describe(_join(named.country, _ELITES), t.vocabulary)
    if named is not None and head.kind == "actor" and _out_of_office(named):
        # Outside the person's terms only the country (or "elite") is left; a title in the
        # text ("Secretary of State Warren Christopher", "President Boris Yeltsin") still
        # says what he is at the time of writing.
        return _office_in_text(span, tiles, head, named, when, t) or named
    if named is not None and head.kind == "actor" and when is None and isinstance(head.value, str):
        # Undated, a person's last term is only a guess (`resolve`): an office the text gives
        # him beats it ("Omar Haddad, the United Nations envoy": the UN's, not his country's)
        kept = resolve(head.value, when, term=False)
        strict = describe(kept, t.vocabulary) if kept else None
        if strict is None or _out_of_office(strict):
            return _office_in_text(span, tiles, head, strict or named, when, t) or named
    return named


def _office_in_text(
    span: Span, tiles: list[_Tile], head: _Tile, named: ActorCode, when: int | None, t: Tables
) -> ActorCode | None:
    """The office the text gives a named person: his name's own title ("President Boris
    Yeltsin", "Bush administration") or a title before or beside it (`_title`)."""
    office = _own_office(head, span, t)
    if office is not None and named.country:
        return _agent_code(office, named.country, [], t.vocabulary)
    return _title(head, named, tiles, span, when, t)


def _people(
    span: Span, tiles: list[_Tile], head: _Tile, named: ActorCode, when: int | None, t: Tables
) -> ActorCode | None:
    """A plural demonym names a nation's people, not its state: civilians (``CVL``) of that
    country ("Nigerians marched": NGACVL). After "ethnic" it names an ethnic group, which
    CAMEO codes by the country it lives in, not the one its name comes from ("ethnic
    Albanians in Serbia": SRBCVL), so the country is looked for elsewhere in the span."""
    anchor = _anchor(head, span)
    if anchor.tag_ not in ("NNS", "NNPS") or named.roles:
        return None
    if anchor.ent_type_ != "NORP" and not _read_as_plural(head, t):
        return None
    if _ethnic(anchor):
        country = _nearest_country(tiles, head, anchor, span, when, t)
        return describe(_join(*([country] if country else []), _CIVILIANS), t.vocabulary)
    if named.country is None:
        return None
    # "of" a country names where the people live ("the Albanians of Serbia": SRBCVL)
    homes = [
        (far, tile.start, found)
        for tile in tiles
        if tile is not head and (found := _country_of(tile.value, when, t.vocabulary))
        if tile.kind == "country" or not (_named_code(tile, when, t.vocabulary) or named).roles
        if (far := _reach(tile, anchor, span, _OWN_PREPS)) is not None and far < _FAR
    ]
    home = min(homes)[2] if homes else named.country
    return describe(_join(home, _CIVILIANS), t.vocabulary)


def _read_as_plural(head: _Tile, t: Tables) -> bool:
    """Was the country name found only through its singular ("Croats": croat)? Country names
    are not plurals, so the word is a plural demonym even when the parser did not tag it as
    a nationality ("Croats marched")."""
    written = " ".join(w.forms[0] for w in head.words)
    return written not in t.countries and written not in t.actors


def _ethnic(anchor: Token) -> bool:
    """Is the noun marked as an ethnic group ("ethnic Albanians")?"""
    return any(c.lower_ == "ethnic" for c in anchor.children)


def _people_word(span: Span) -> Token | None:
    """A people named by a plural noun that no table codes ("Iraqi Kurds", "thousands of
    Tamils"): the span's root, or its "of" object, tagged a nationality or group (NORP)."""
    root = _root(span)
    candidates = [root] + [
        obj
        for prep in root.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]
    for token in candidates:
        if token.ent_type_ == "NORP" and token.tag_ in ("NNS", "NNPS"):
            return token
    return None


def _code_tiles(span: Span, tiles: list[_Tile], when: int | None, t: Tables) -> ActorCode | None:
    if not tiles:
        return None
    head = _head(span, tiles)
    if head is None:  # nothing names the head ("Russian negotiators"): its country, if any
        root = _root(span)
        country = _nearest_country(tiles, None, root, span, when, t)
        if _people_word(span) is not None:  # a people are civilians: "Iraqi Kurds" (IRQCVL)
            return describe(_join(*([country] if country else []), _CIVILIANS), t.vocabulary)
        return describe(country, t.vocabulary) if country else None
    if head.kind in ("country", "actor"):
        people = _people_word(span)
        named = _named_code(head, when, t.vocabulary)
        if people is not None and people.i not in head.tokens and named and not named.roles:
            # a people the country qualifies or owns: "Iraqi Kurds", "the Serbs of Bosnia"
            home = [named.country] if named.country else []
            return describe(_join(*home, _CIVILIANS), t.vocabulary)
    if head.kind != "agent":
        return _code_named(span, tiles, head, when, t)
    anchor = _anchor(head, span)
    modifiers = [tile for tile in tiles if tile is not head and _modifies(tile, anchor, span)]
    by_token = {i: tile for tile in tiles for i in tile.tokens}
    for prep in anchor.children:  # "a spokesman for ISIS", "fighters of Hamas" speak for it
        if prep.dep_ == "prep" and prep.lower_ in _FOR_PREPS:
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                owners = [by_token[obj.i]] if obj.i in by_token else []
                owners += [tile for tile in tiles if _modifies(tile, obj, span)]  # ISIS group
                modifiers += [tile for tile in owners if tile.kind == "actor"]
    for tile in reversed(modifiers):  # "Hamas militants" are Hamas
        named = _named_code(tile, when, t.vocabulary) if tile.kind == "actor" else None
        if named is not None and not _out_of_office(named):
            # (a person out of office says only whose the head is: "the Bush administration"
            # after his terms is still his country's government, coded by the head below)
            return named
    modifiers = [tile for tile in modifiers if tile.start < head.start]
    country = _nearest_country(tiles, head, anchor, span, when, t)
    return _with_agents(head, country, modifiers, t.vocabulary)


def _with_agents(
    head: _Tile, country: str | None, modifiers: Sequence[_Tile], vocab: Vocabulary
) -> ActorCode | None:
    """The code of an agent head, with its country and the agents before it that qualify it."""
    if not isinstance(head.value, Agent):
        return None
    agents = [m.value for m in modifiers if isinstance(m.value, Agent) and m.start < head.start]
    return _agent_code(head.value, country, agents, vocab)


def _day(published: date | None) -> int | None:
    return (
        None
        if published is None
        else published.year * 10000 + published.month * 100 + published.day
    )


def code_name(name: str, *, published: date | None = None) -> ActorCode | None:
    """The coding of a name without a parse (an entity's canonical name or alias): its last
    coded phrase is the head, any country before it gives the country."""
    return _code_name(name, _day(published), data_dirs())


@lru_cache(maxsize=4096)
def _code_name(name: str, when: int | None, dirs: tuple[Path, ...]) -> ActorCode | None:
    """`code_name`, cached per name, day and set of data folders: an article names the same
    entity many times, and a process meets the same names again."""
    t = _load(dirs)
    words = _name_words(name)
    tiles = _inside_no_name(_tiles(words, t, when), words.words)
    if not tiles:
        return None
    head = tiles[-1]
    if head.kind != "agent":
        return _named_code(head, when, t.vocabulary)
    for tile in reversed(tiles[:-1]):
        named = _named_code(tile, when, t.vocabulary) if tile.kind == "actor" else None
        if named is not None and named.roles:
            return named
    countries = [c for tile in tiles[:-1] if (c := _country_of(tile.value, when, t.vocabulary))]
    return _with_agents(head, countries[0] if countries else None, tiles[:-1], t.vocabulary)


# Lower-case particles inside a person's name ("Omar al-Bashir", "Osama bin Laden").
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "ould", "van", "von", "de"})


def _inside_no_name(tiles: list[_Tile], words: Sequence[_Word]) -> list[_Tile]:
    """The tiles of a name without named actors that are only the first part of a longer name
    no table knows: a capitalised word that no tile covers after the actor, past any name
    particle ("Hassan" in "Karim Hassan Odeh" or "Omar Hassan al-Bashir" is not the
    dictionary's Hassan). A word before it is not counted: a surname is how the dictionaries
    name a person, and a given name or a title goes before it ("Ali Khamenei", "Mr Putin")."""
    covered = {i for tile in tiles for i in range(tile.start, tile.end)}

    def continued(end: int) -> bool:
        i = end
        while i < len(words) and i not in covered and words[i].forms[0] in _NAME_PARTICLES:
            i += 1  # (the word after a particle is a name however written: "al-Bashir")
        return i < len(words) and i not in covered and (words[i].proper or i > end)

    return [tile for tile in tiles if tile.kind != "actor" or not continued(tile.end)]


def _means(span: Span) -> bool:
    """Does the span name the means of an attack rather than a party: a weapon ("a rocket"),
    a blast ("a car bombing"), an explosive device; not as the object of a verb, a thing
    acted on ("troops seized a rocket", "police defused a bomb")."""
    root = _root(span)
    slot = root
    while slot.dep_ == "conj" and slot.head.i != slot.i:  # "seized a rifle and a rocket"
        slot = slot.head
    if slot.dep_ == "dobj":
        return False
    lemma = root.lemma_.lower()
    if lemma in _BLASTS or is_weapon(root):
        return True
    return lemma == "device" and any(c.lower_ == "explosive" for c in root.children)


def _stateless(found: ActorCode | None) -> bool:
    return found is not None and found.code is not None and found.code[:3] in _STATELESS


def _transnational(found: ActorCode) -> bool:
    """A named non-governmental group or company that the dictionary codes without a country
    (``NGOHRIAMN``, Amnesty International): it belongs to none, so neither the places the
    sentence names nor the article's focus give it one."""
    return found.code is not None and found.code[:3] in _BASED and found.group is not None


def _from_entity(entity: Entity, published: date | None) -> ActorCode | None:
    for name in (entity.name, *entity.aliases):
        found = code_name(name, published=published)
        if found is not None:
            return found
    return None


def _place_country(
    span: Span, places: Sequence[Place], vocab: Vocabulary, *, focus: bool
) -> str | None:
    """The CAMEO code of the country of a place the span names (or of the article's focus)."""
    first, last = span.start_char, span.end_char  # (each is read from the parse)
    for place in places:
        inside = first <= place.start and place.end <= last
        if place.country_code and (place.focus if focus else inside):
            code = vocab.alpha3.get(place.country_code.upper())
            if code:
                return code
    return None


def _add_country(found: ActorCode | None, country: str, vocab: Vocabulary) -> ActorCode:
    return describe(_join(country, found.code) if found and found.code else country, vocab)


def code_actor(
    span: Span,
    *,
    entity: Entity | None = None,
    places: Sequence[Place] = (),
    published: date | None = None,
) -> ActorCode | None:
    """The CAMEO coding of an event's actor or recipient (see the module's docstring for how
    it is read); None when nothing in the span, its entity or its places codes."""
    t, when = tables(), _day(published)
    found = _code_span(span, when, t)
    if (found is None or not found.roles) and _means(span):
        # a weapon or a blast that acts stands for whoever set it off, unknown: UAF, of the
        # country the span or the article places it in, as event data codes an unidentified
        # attacker ("Unidentified Gunmen (Iraq)")
        home = [found.country] if found is not None and found.country else []
        found = describe(_join(*home, _UNKNOWN_ARMED), t.vocabulary)
    if found is not None and (found.country or _stateless(found) or _transnational(found)):
        return found
    if entity is not None and not _ethnic(_people_word(span) or _root(span)):
        # (an ethnic group's name gives the country it comes from, not the one it lives in)
        linked = _from_entity(entity, published)
        if linked is not None and found is None:
            return linked
        if linked is not None and found is not None and linked.country and not _stateless(linked):
            return linked if linked.roles else _add_country(found, linked.country, t.vocabulary)
    if _stateless(found):
        return found
    country = _place_country(span, places, t.vocabulary, focus=False)
    if country is None and found is not None and found.roles:
        country = _place_country(span, places, t.vocabulary, focus=True)
    return found if country is None else _add_country(found, country, t.vocabulary)
