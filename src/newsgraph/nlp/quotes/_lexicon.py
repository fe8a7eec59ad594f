"""The cue lexicon of the quotes stage, from `newsgraph/data/quotes/cues.toml` (every cue verb
and its roles live there, once) and the user's data folders (see `newsgraph.rules`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsgraph.rules import RuleFileError, data_dirs, read_toml, strings

_RESOURCE = "quotes/cues.toml"
_NAME = f"data/{_RESOURCE}"


@dataclass(frozen=True)
class Lexicon:
    speech: frozenset[str]
    cognition: frozenset[str]
    weak: frozenset[str]
    addressee_object: frozenset[str]
    object_not_message: frozenset[str]
    doubted_object: frozenset[str]  # "questioned the wisdom of ...": a thing's quality is content
    with_preposition: dict[str, frozenset[str]]
    with_object: dict[str, frozenset[str]]
    source_before: tuple[str, ...]
    person_nouns: frozenset[str]
    channel_nouns: frozenset[str]
    organisation_nouns: frozenset[str]  # "the ministry": a later "it said" stands for it
    # "the police", "the ministry": bodies the noun alone names, with the words an earlier
    # organisation's name must carry for the noun to stand for it
    bodies: dict[str, tuple[str, ...]]
    channels: re.Pattern[str]
    xcomp: frozenset[str]  # cues whose open complement is what was said
    inverting: frozenset[str]  # cues that put their subject after them
    reporting_passive: frozenset[str]  # passive cues whose subject stands in for the speaker
    not_speakers: frozenset[str]  # "Update:", "Photo:": labels, not names, before a colon
    work_nouns: frozenset[str]  # "the book “…”", "the song “…”": a title follows, not speech
    label_nouns: frozenset[str]  # "the slogan “…”", "the “…” slogan": a label, not speech
    reporting_nouns: frozenset[str]  # "her claim that ...": nouns that report words

    def is_cue(self, lemma: str) -> bool:
        return (
            lemma in self.speech
            or lemma in self.cognition
            or lemma in self.with_preposition
            or lemma in self.with_object
        )

    def is_speech(self, lemma: str) -> bool:
        return lemma in self.speech and lemma not in self.weak

    def object_is_message(self, lemma: str) -> bool:
        """Whether a plain noun-phrase object of this cue is what was said."""
        return lemma in self.speech and lemma not in self.object_not_message


def _strings(table: dict[str, object], key: str) -> list[str]:
    return strings(table.get(key, []), key, _NAME)


def _word_sets(table: dict[str, object]) -> dict[str, frozenset[str]]:
    return {k: frozenset(_strings(table, k)) for k in table}


_BODY_KEYS = frozenset({"names", "why", "example"})


def _bodies(table: object) -> dict[str, tuple[str, ...]]:
    """`[speakers.bodies.NOUN]` tables: the words of `names`, lower case, for each noun."""
    if not isinstance(table, dict):
        raise RuleFileError("'speakers.bodies' must be a table of tables", file=_NAME)
    out: dict[str, tuple[str, ...]] = {}
    for noun, row in table.items():
        if not isinstance(row, dict):
            raise RuleFileError(f"'speakers.bodies.{noun}' must be a table", file=_NAME)
        unknown = sorted(set(row) - _BODY_KEYS)
        if unknown:  # a key written under the last table by mistake ends up here
            raise RuleFileError(f"'speakers.bodies.{noun}' has unknown keys {unknown}", file=_NAME)
        names = strings(row.get("names", []), f"speakers.bodies.{noun}.names", _NAME)
        out[noun.lower()] = tuple(n.lower() for n in names)
    return out


def load_lexicon() -> Lexicon:
    """The cue lexicon (cached per set of user data folders)."""
    return _load(data_dirs())


@lru_cache(maxsize=4)
def _load(dirs: tuple[Path, ...]) -> Lexicon:
    data = read_toml(_RESOURCE, dirs)
    verbs = data.get("verbs", {})
    speakers = data.get("speakers", {})
    bodies = _bodies(speakers.get("bodies", {}))
    names = sorted(_strings(data.get("channels", {}), "names"), key=len, reverse=True)
    channels = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
    return Lexicon(
        speech=frozenset(_strings(verbs, "speech")),
        cognition=frozenset(_strings(verbs, "cognition")),
        weak=frozenset(_strings(verbs, "weak")),
        addressee_object=frozenset(_strings(verbs, "addressee_object")),
        object_not_message=frozenset(_strings(verbs, "object_not_message")),
        doubted_object=frozenset(_strings(verbs, "doubted_object")),
        with_preposition=_word_sets(verbs.get("with_preposition", {})),
        with_object=_word_sets(verbs.get("with_object", {})),
        source_before=tuple(_strings(data.get("phrases", {}), "source_before")),
        person_nouns=frozenset(_strings(data.get("speakers", {}), "person_nouns")),
        channel_nouns=frozenset(_strings(data.get("speakers", {}), "channel_nouns")),
        organisation_nouns=frozenset(_strings(speakers, "organisation_nouns")) | set(bodies),
        bodies=bodies,
        channels=channels,
        xcomp=frozenset(_strings(verbs, "xcomp")),
        inverting=frozenset(_strings(verbs, "inverting")),
        reporting_passive=frozenset(_strings(verbs, "reporting_passive")),
        not_speakers=frozenset(_strings(data.get("speakers", {}), "not_speakers")),
        work_nouns=frozenset(_strings(data.get("titles", {}), "work_nouns")),
        label_nouns=frozenset(_strings(data.get("titles", {}), "label_nouns")),
        reporting_nouns=frozenset(_strings(data.get("nouns", {}), "reporting")),
    )
