"""Shared fixtures: paths to the shared evaluation data and the demo articles."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "corpus" / "seed" / "000_467ed663e257af9b.txt"


@pytest.fixture
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.nlp.spacy_model import load_nlp
    from newsgraph.settings import get_settings

    return load_nlp(get_settings().spacy_model)
