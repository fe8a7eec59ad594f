"""The cue lexicon of the quotes stage, read once from `newsgraph/data/quotes/cues.toml`."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newsgraph.errors import StageFailure

_RESOURCE = "quotes/cues.toml"


@dataclass(frozen=True)
class Lexicon:
    speech: frozenset[str]
    cognition: frozenset[str]
    weak: frozenset[str]
    addressee_object: frozenset[str]
    object_not_message: frozenset[str]
    with_preposition: dict[str, frozenset[str]]
    with_object: dict[str, frozenset[str]]
    source_before: tuple[str, ...]
    person_nouns: frozenset[str]
    channel_nouns: frozenset[str]
    channels: re.Pattern[str]

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
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise StageFailure(f"{_RESOURCE}: '{key}' must be a list of strings")
    return value


def _word_sets(table: dict[str, object]) -> dict[str, frozenset[str]]:
    return {k: frozenset(_strings(table, k)) for k in table}


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    raw = resources.files("newsgraph.data").joinpath(_RESOURCE).read_text(encoding="utf-8")
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as e:
        raise StageFailure(f"{_RESOURCE}: not valid TOML: {e}") from e
    verbs = data.get("verbs", {})
    names = sorted(_strings(data.get("channels", {}), "names"), key=len, reverse=True)
    channels = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
    return Lexicon(
        speech=frozenset(_strings(verbs, "speech")),
        cognition=frozenset(_strings(verbs, "cognition")),
        weak=frozenset(_strings(verbs, "weak")),
        addressee_object=frozenset(_strings(verbs, "addressee_object")),
        object_not_message=frozenset(_strings(verbs, "object_not_message")),
        with_preposition=_word_sets(verbs.get("with_preposition", {})),
        with_object=_word_sets(verbs.get("with_object", {})),
        source_before=tuple(_strings(data.get("phrases", {}), "source_before")),
        person_nouns=frozenset(_strings(data.get("speakers", {}), "person_nouns")),
        channel_nouns=frozenset(_strings(data.get("speakers", {}), "channel_nouns")),
        channels=channels,
    )
