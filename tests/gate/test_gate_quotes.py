"""Quality gate: who-said-what on PolNeAR (dev) stays above its floors, on the whole split and
on its check half (issue 17: the articles `bench/halves.py` puts in the check half).

Runs the whole dev split (84 articles with the spaCy model and the entities stage, about 40 s on
2 cores). Floors and the sha256 of the evaluation files are pinned in `bench/floors/quotes.json`;
never lower a floor to pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bench import bench_quotes

FLOORS = Path(__file__).resolve().parents[2] / "bench" / "floors" / "quotes.json"

pytestmark = pytest.mark.gate


def _skip_without_data() -> None:
    if not bench_quotes.data_available():
        pytest.skip(f"PolNeAR dev split not found under {bench_quotes.DATA}")


@pytest.fixture(scope="module")
def results() -> dict[str, object]:
    _skip_without_data()
    return bench_quotes.run()


def _floors() -> dict[str, object]:
    floors: dict[str, object] = json.loads(FLOORS.read_text(encoding="utf-8"))
    return floors


def test_fixture_is_the_one_the_floors_were_set_on() -> None:
    _skip_without_data()
    assert bench_quotes.fixture_sha256() == _floors()["sha256"], (
        "the evaluation files changed: re-run the benchmark and review the floors"
    )


@pytest.mark.parametrize(
    "metric", ["pair_f1", "direct_pair_f1", "content_f1", "direct_content_f1", "pair_p"]
)
def test_metric_is_above_the_floor(results: dict[str, object], metric: str) -> None:
    floor = float(_floors()[metric])  # type: ignore[arg-type]
    got = float(results[metric])  # type: ignore[arg-type]
    assert got >= floor, f"quotes {metric} {got:.4f} fell below the floor {floor:.4f}"


@pytest.mark.parametrize(
    "metric", ["pair_f1", "direct_pair_f1", "content_f1", "direct_content_f1", "pair_p"]
)
def test_check_half_metric_is_above_its_floor(results: dict[str, object], metric: str) -> None:
    """Issue 17: the gate is on the check half, the articles no rule was written from."""
    check_floors: dict[str, float] = _floors()["check"]  # type: ignore[assignment]
    halves: dict[str, dict[str, float]] = results["halves"]  # type: ignore[assignment]
    got = halves["check"][metric]
    floor = float(check_floors[metric])
    assert got >= floor, f"quotes check-half {metric} {got:.4f} fell below the floor {floor:.4f}"


def test_the_halves_partition_the_split(results: dict[str, object]) -> None:
    halves: dict[str, dict[str, int]] = results["halves"]  # type: ignore[assignment]
    assert halves["tuning"]["articles"] + halves["check"]["articles"] == results["articles"]
    assert halves["tuning"]["pair_gold"] + halves["check"]["pair_gold"] == results["pair_gold"]
