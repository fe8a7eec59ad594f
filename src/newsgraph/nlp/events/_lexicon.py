"""The additions layer (``data/events/lexicon.tsv``, extended by the user's data folders: see
`newsgraph.rules`): the few triggers the CAMEO dictionaries lack, and their matching; and the
stage's other word lists (``data/events/words.toml``).

The events stage codes verbs with the PETRARCH2 CAMEO dictionary (`_cameo`). This table adds
what that dictionary does not have: noun triggers ("airstrike", "talks"), verbs it does not list
("urge", "boo") or lists with no code of their own ("reject"), and a few multi-word acts
("pledge allegiance"). Each row names its PLOVER type and CAMEO code ("ASSAULT 195"; a type
alone takes its most general code, `DEFAULT_CODE`), a mode ("-": the code's), a pattern and an
example sentence of ours.

A row of type "-" says its words carry no event (the dictionary's "---"). A pattern is a
sequence of lemmas: the first is the trigger's head ("lemma/v" verbs only,
"lemma/n" nouns only), each further lemma follows close by or is linked to it in the parse; a
further word "&NAME" is any one-word member of the dictionary's synonym set of that name
(``cameo/verb_synsets.tsv``: "deploy/v &MILITARY" holds for "deployed troops", "deployed
marines"), so that an addition speaks of the same sets as the patterns it completes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from newsgraph.nlp.events._cameo import codes, in_synset
from newsgraph.rules import (
    Row,
    RuleFile,
    RuleFileError,
    data_dirs,
    read_table,
    read_toml,
    strings,
    table_rows,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# The stage's words that are not triggers (``data/events/words.toml``), read at the first call
# for each set of data folders (`newsgraph.rules.data_dirs`), so that folders chosen at run
# time (`newsgraph.rules.using_data_dirs`, a `Settings`' data folders) reach them.
_WORDS_FILE = "data/events/words.toml"
# A match score ("beat Salford 3-1", "a 2-0 win", "won 112-108"), one to three digits a side (a
# basketball score has three): a sports result unless the count is a vote's or a court's
# (``vote_heads``: "the court ruled 5-4", "the House voted 219-212").
SCORE_PATTERN = r"^\d{1,3}[-\u2013]\d{1,3}$"


@dataclass(frozen=True, slots=True)
class Words:
    """The word lists of ``words.toml``, as sets of lemmas (see the file for each one's use)."""

    speech: frozenset[str]
    intent: frozenset[str]
    refusal: frozenset[str]
    deciding: frozenset[str]
    light_verbs: frozenset[str]
    party_verbs: frozenset[str]
    place_preps: frozenset[str]
    deploy_preps: frozenset[str]
    party_nouns: frozenset[str]
    thing_objects: frozenset[str]
    group_heads: frozenset[str]
    non_agents: frozenset[str]
    named_forces: frozenset[str]
    commercial_doers: frozenset[str]
    clientele: frozenset[str]
    people_nouns: frozenset[str]
    state_doers: frozenset[str]
    giving_verbs: frozenset[str]
    carrying_verbs: frozenset[str]
    relief_goods: frozenset[str]
    money: frozenset[str]
    aid_words: frozenset[str]
    aid_kinds: Mapping[str, str]  # adjective -> the CAMEO code of the aid it names
    moving_verbs: frozenset[str]
    ending_verbs: frozenset[str]
    warning_verbs: frozenset[str]
    hosting_verbs: frozenset[str]
    visitors: frozenset[str]
    arms: frozenset[str]
    figurative_targets: frozenset[str]
    crowd_nouns: frozenset[str]
    passages: frozenset[str]
    blocking_verbs: frozenset[str]
    military_units: frozenset[str]
    doer_heads: frozenset[str]
    settlements: frozenset[str]
    match_results: frozenset[str]
    vote_heads: frozenset[str]
    attribution_verbs: frozenset[str]
    expelled: Mapping[str, str]  # whom an expulsion names -> its CAMEO 166 code
    # our sports phrases (``sports_discards``, runs of lower-case words) by their first word,
    # so that a word is compared with its own phrases only, and those first words alone, to
    # pass over most sentences at once
    sports_by_first: Mapping[str, tuple[tuple[str, ...], ...]]
    sports_first: frozenset[str]
    theme_contexts: Mapping[str, str]  # our themes, as PLOVER context labels
    governors: frozenset[str]  # intent, refusal, speech, deciding: what governs an act it reports


# The word lists of the article being read (`reading_words` sets them): looked up once an
# article, not at each of the many helpers that consult them (`data_dirs` reads the environment
# at every call).
_READING: ContextVar[Words | None] = ContextVar("newsgraph_event_lexicon_words", default=None)
# The data folders in use as the enclosing `reading_words` block opened: the lexicon and the
# tables read from it (`lexicon`, `_refs.act_nouns`) are looked up by them, once an article.
_DIRS: ContextVar[tuple[Path, ...] | None] = ContextVar("newsgraph_event_dirs", default=None)


def dirs_in_use() -> tuple[Path, ...]:
    """The data folders of the enclosing `reading_words` block, else those in use now."""
    found = _DIRS.get()
    return found if found is not None else data_dirs()


def words() -> Words:
    """The word lists for the data folders in use now (read once per set of folders), or those
    of the enclosing `reading_words` block."""
    found = _READING.get()
    return found if found is not None else _words(data_dirs())


@contextmanager
def reading_words() -> Iterator[Words]:
    """Within the block (one article), `words` gives the lists of the data folders in use as it
    opened without looking the folders up again."""
    dirs = data_dirs()
    found = _words(dirs)
    token, folders = _READING.set(found), _DIRS.set(dirs)
    try:
        yield found
    finally:
        _DIRS.reset(folders)
        _READING.reset(token)


# The lists of whom an expulsion names, and the CAMEO code of each (166, expel or withdraw).
_EXPELLED = (
    ("expelled_diplomats", "166"),
    ("expelled_aid", "1663"),
    ("expelled_observers", "1662"),
    ("expelled_peacekeepers", "1661"),
)


def _codes_table(table: Mapping[str, object], key: str) -> dict[str, str]:
    """A table of words to CAMEO codes (``aid_kinds``), each code checked."""
    found = table.get(key, {})
    if not isinstance(found, dict) or not all(isinstance(v, str) for v in found.values()):
        raise RuleFileError(f"{key!r} must be a table of strings", file=_WORDS_FILE)
    for word, code in found.items():
        if code not in codes():
            raise RuleFileError(
                f"{key!r}: unknown CAMEO code {code!r} for {word!r}", file=_WORDS_FILE
            )
    return dict(found)


@lru_cache(maxsize=4)
def _words(dirs: tuple[Path, ...]) -> Words:
    table = read_toml("events/words.toml", dirs)

    def listed(key: str) -> frozenset[str]:
        return frozenset(strings(table.get(key), key, _WORDS_FILE))

    contexts = table.get("theme_contexts")
    if not isinstance(contexts, dict) or not all(isinstance(v, str) for v in contexts.values()):
        raise RuleFileError("'theme_contexts' must be a table of strings", file=_WORDS_FILE)
    speech, intent, refusal = listed("speech"), listed("intent"), listed("refusal")
    deciding = listed("deciding")
    sports = tuple(tuple(p.split()) for p in sorted(listed("sports_discards")))
    return Words(
        speech=speech,
        intent=intent,
        refusal=refusal,
        deciding=deciding,
        light_verbs=listed("light_verbs"),
        party_verbs=listed("party_verbs"),
        place_preps=listed("place_preps"),
        deploy_preps=listed("deploy_preps"),
        party_nouns=listed("party_nouns"),
        thing_objects=listed("thing_objects"),
        group_heads=listed("group_heads"),
        non_agents=listed("non_agents"),
        named_forces=listed("named_forces"),
        commercial_doers=listed("commercial_doers"),
        clientele=listed("clientele"),
        people_nouns=listed("people_nouns"),
        state_doers=listed("state_doers"),
        giving_verbs=listed("giving_verbs"),
        carrying_verbs=listed("carrying_verbs"),
        relief_goods=listed("relief_goods"),
        money=listed("money"),
        aid_words=listed("aid_words"),
        aid_kinds=MappingProxyType(_codes_table(table, "aid_kinds")),
        moving_verbs=listed("moving_verbs"),
        ending_verbs=listed("ending_verbs"),
        warning_verbs=listed("warning_verbs"),
        hosting_verbs=listed("hosting_verbs"),
        visitors=listed("visitors"),
        arms=listed("arms"),
        figurative_targets=listed("figurative_targets"),
        crowd_nouns=listed("crowd_nouns"),
        passages=listed("passages"),
        blocking_verbs=listed("blocking_verbs"),
        military_units=listed("military_units"),
        doer_heads=listed("doer_heads"),
        settlements=listed("settlements"),
        match_results=listed("match_results"),
        vote_heads=listed("vote_heads"),
        attribution_verbs=listed("attribution_verbs"),
        expelled=MappingProxyType(
            {word: code for key, code in _EXPELLED for word in sorted(listed(key))}
        ),
        sports_by_first=MappingProxyType(
            {
                first: tuple(phrase for phrase in sports if phrase[0] == first)
                for first in {phrase[0] for phrase in sports}
            }
        ),
        sports_first=frozenset(phrase[0] for phrase in sports),
        theme_contexts=MappingProxyType(dict(contexts)),
        governors=intent | refusal | speech | deciding,
    )


# The 16 PLOVER event types (PLOVER 2021), in the manual's order (cooperation to conflict).
PLOVER_ORDER: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
PLOVER_TYPES = frozenset(PLOVER_ORDER)
# Retired PLOVER names (still used by the PLOVER gold standard) a row may use: the current type,
# and the code a row without one gets.
RETIRED = {
    "DEMAND": ("REQUEST", "100"),
    "DISAPPROVE": ("ACCUSE", "110"),
    "INVESTIGATE": ("ACCUSE", "090"),
    "FIGHT": ("ASSAULT", "190"),
}
# The CAMEO code of a row that gives none: the type's most general code.
DEFAULT_CODE = {
    "AGREE": "030",
    "CONSULT": "040",
    "SUPPORT": "050",
    "CONCEDE": "080",
    "COOPERATE": "060",
    "AID": "070",
    "RETREAT": "084",
    "REQUEST": "100",
    "ACCUSE": "110",
    "REJECT": "120",
    "THREATEN": "130",
    "PROTEST": "140",
    "SANCTION": "160",
    "MOBILIZE": "150",
    "COERCE": "170",
    "ASSAULT": "180",
}

# A row of type "-" (CAMEO "---") says its words carry no event, as the dictionary's "---"
# patterns do: it overrules a dictionary verb's bare default.
NO_EVENT = "-"
NO_CODE = "---"

_GAP = 3  # words a pattern may skip between two of its lemmas when not linked by the parse
_REACH = 12  # how far after the previous lemma the next may be found at all


@dataclass(frozen=True, slots=True)
class Pattern:
    type: str
    mode: str | None
    lemmas: tuple[str, ...]
    head_pos: str | None  # "v", "n" or None
    example: str
    cameo: str


@dataclass(frozen=True, slots=True)
class Match:
    pattern: Pattern
    tokens: tuple[Token, ...]

    @property
    def start(self) -> int:
        return self.tokens[0].idx

    @property
    def end(self) -> int:
        last = self.tokens[-1]
        return last.idx + len(last.text)


COLUMNS = ("TYPE", "MODE", "PATTERN", "EXAMPLE")
_RESOURCE = "events/lexicon.tsv"


def _pattern(row: Row) -> Pattern:
    name, _, given = row["TYPE"].partition(" ")
    kind, default = RETIRED.get(name, (name, DEFAULT_CODE.get(name, NO_CODE)))
    if kind not in PLOVER_TYPES and kind != NO_EVENT:
        raise row.error(f"unknown type {kind!r}")
    words = row["PATTERN"].lower().split()
    if not words:
        raise row.error("empty pattern")
    cameo = given.strip() or default
    if kind == NO_EVENT:
        if cameo != NO_CODE:
            raise row.error(f"type {NO_EVENT!r} (no event) takes no CAMEO code")
    elif (coded := codes().get(cameo)) is None:
        raise row.error(f"unknown CAMEO code {cameo!r}")
    elif coded.type != kind:
        raise row.error(f"CAMEO {cameo} is PLOVER {coded.type}, not {kind}")
    head, _, pos = words[0].partition("/")
    return Pattern(
        type=kind,
        mode=None if row["MODE"] == "-" else row["MODE"],
        lemmas=(head, *words[1:]),
        head_pos=pos or None,
        example=row["EXAMPLE"],
        cameo=cameo,
    )


def patterns_of(rows: Iterable[Row]) -> tuple[Pattern, ...]:
    return tuple(_pattern(row) for row in rows)


def parse_lexicon(text: str, name: str = "events lexicon") -> tuple[Pattern, ...]:
    """The patterns of a lexicon file's text (bad rows raise `RuleFileError` with the line)."""
    return patterns_of(table_rows(RuleFile(name=name, text=text), COLUMNS, strip=True))


def lexicon() -> dict[str, tuple[Pattern, ...]]:
    """Patterns indexed by their head lemma, longest first (cached per set of data folders)."""
    return _lexicon(dirs_in_use())


@lru_cache(maxsize=4)
def _lexicon(dirs: tuple[Path, ...]) -> dict[str, tuple[Pattern, ...]]:
    by_head: dict[str, list[Pattern]] = defaultdict(list)
    for pattern in patterns_of(read_table(_RESOURCE, COLUMNS, strip=True, dirs=dirs)):
        by_head[pattern.lemmas[0]].append(pattern)
    return {h: tuple(sorted(ps, key=lambda p: -len(p.lemmas))) for h, ps in by_head.items()}


def lemma_of(token: Token | None) -> str:
    """The token's lemma in lower case, else its word ("" for no token). Kept by the lemma's id
    (`_LEMMAS`): reading the lemma's string decodes it from the vocabulary each time, and the
    acts of a text ask for the lemmas of the same words again and again."""
    if token is None:
        return ""
    lemma = token.lemma
    found = _LEMMAS.get(lemma)
    if found is None:
        found = (token.lemma_ or token.text).lower()
        if lemma:  # (a word with no lemma is read by its own text: not kept)
            if len(_LEMMAS) > MAX_LEMMAS:
                _LEMMAS.clear()  # (bounded: a stream of rare words is not kept for ever)
            _LEMMAS[lemma] = found
    return found


# `lemma_of` by the lemma's id, at most `MAX_LEMMAS`.
_LEMMAS: dict[int, str] = {}
MAX_LEMMAS = 100_000


def _pos_ok(token: Token, pos: str | None) -> bool:
    if pos == "v":
        return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")
    if pos == "n":
        return token.pos_ in ("NOUN", "PROPN")
    return token.pos_ in ("VERB", "NOUN", "ADJ", "PROPN", "AUX")


def _follow(
    sentence: Span,
    head: Token,
    lemmas: tuple[str, ...],
    tokens: Sequence[Token],
    forms: Sequence[tuple[str, str]],
) -> tuple[Token, ...] | None:
    """Find the pattern's further lemmas after `head`: close by, or linked to it in the parse.
    (The parse is read only for a word found beyond the gap: most patterns fail on the word.)
    `tokens` and `forms`: the sentence's tokens and their forms, by position in the sentence."""
    found = [head]
    position = head.i
    start = sentence.start
    subtree: set[int] | None = None
    for lemma in lemmas[1:]:
        hit = None
        for i in range(position + 1, min(sentence.end, position + 1 + _REACH)):
            token = tokens[i - start]
            same = (
                in_synset(token, lemma[1:].upper())
                if lemma.startswith("&")
                else lemma in forms[i - start]
            )
            if not same:
                continue
            if i - position <= _GAP + 1:
                hit = token
                break
            if subtree is None:
                subtree = {t.i for t in head.subtree}
            if (
                i in subtree
                or head.i in {a.i for a in token.ancestors}
                or all(
                    t.pos_ in ("PROPN", "PUNCT", "ADP", "DET")
                    for t in tokens[position + 1 - start : i - start]
                )
            ):
                hit = token
                break
        if hit is None:
            return None
        found.append(hit)
        position = hit.i
    return tuple(found)


def find_matches(
    sentence: Span,
    tokens: Sequence[Token] | None = None,
    forms: Sequence[tuple[str, str]] | None = None,
) -> list[Match]:
    """Every lexicon pattern found in the sentence (the longest per head token). `tokens`, the
    sentence's tokens when the caller has them already (each token spaCy hands out is a new
    object, so a sentence walked once is cheaper than one walked twice); `forms`, each token's
    lower-case lemma and word (`_cameo.keys`), when the caller has read them."""
    table = lexicon()
    matches = []
    walked = list(sentence) if tokens is None else tokens
    if forms is None:
        forms = [(lemma_of(token), token.lower_) for token in walked]
    for at, token in enumerate(walked):
        lemma, lower = forms[at]
        patterns = table.get(lemma) or table.get(lower)
        if not patterns:
            continue
        fits: dict[str | None, bool] = {}  # `_pos_ok` by part of speech, read once a word
        for pattern in patterns:
            pos = pattern.head_pos
            fit = fits.get(pos)
            if fit is None:
                fit = fits[pos] = _pos_ok(token, pos)
            if not fit:
                continue
            found = _follow(sentence, token, pattern.lemmas, walked, forms)
            if found is not None:
                matches.append(Match(pattern, found))
                break
    return matches
