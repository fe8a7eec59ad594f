"""Quality gate: story clustering's B-cubed scores on ECB+ stay above their floors.

Runs every topic together (772 articles, a few seconds; no baseline). Floors and the sha256 of
the evaluation files are pinned in `bench/floors/stories.json` (the check half's under "check");
never lower a floor to pass.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bench import bench_stories

FLOORS = Path(__file__).resolve().parents[2] / "bench" / "floors" / "stories.json"

pytestmark = pytest.mark.gate


def _skip_without_data() -> None:
    if not bench_stories.data_available():
        pytest.skip(f"ECB+ data not found under {bench_stories.DATA}")


@pytest.fixture(scope="module")
def results() -> dict[str, object]:
    _skip_without_data()
    return bench_stories.run(with_baseline=False)


def _floors() -> dict[str, object]:
    floors: dict[str, object] = json.loads(FLOORS.read_text(encoding="utf-8"))
    return floors


def test_fixture_is_the_one_the_floors_were_set_on() -> None:
    _skip_without_data()
    assert bench_stories.fixture_sha256() == _floors()["sha256"], (
        "the evaluation files changed: re-run the benchmark and review the floors"
    )


@pytest.mark.parametrize(
    ("floor", "method", "metric"),
    [
        ("bcubed_f1", "ours", "f1"),
        ("bcubed_precision", "ours", "precision"),
        ("bcubed_recall", "ours", "recall"),
        ("incremental_f1", "incremental", "f1"),
    ],
)
def test_bcubed_is_above_the_floor(
    results: dict[str, dict[str, float]], floor: str, method: str, metric: str
) -> None:
    value = results[method][metric]
    minimum = float(_floors()[floor])  # type: ignore[arg-type]
    assert value >= minimum, f"{method} B-cubed {metric} {value:.4f} fell below {minimum}"


@pytest.mark.parametrize(
    ("floor", "method", "metric"),
    [
        ("bcubed_f1", "ours", "f1"),
        ("bcubed_precision", "ours", "precision"),
        ("bcubed_recall", "ours", "recall"),
        ("incremental_f1", "incremental", "f1"),
    ],
)
def test_check_half_is_above_its_floor(
    results: dict[str, Any], floor: str, method: str, metric: str
) -> None:
    """Issue 17: the gate is on the check half (topics split by a hash of the topic id)."""
    value = results["halves"]["check"][method][metric]
    check_floors: dict[str, float] = _floors()["check"]  # type: ignore[assignment]
    minimum = float(check_floors[floor])
    assert value >= minimum, (
        f"check-half {method} B-cubed {metric} {value:.4f} fell below {minimum}"
    )


def test_halves_split_whole_topics(results: dict[str, Any]) -> None:
    """Issue 17: the halves partition the articles and the topics; the whole is their mean."""
    tuning, check = results["halves"]["tuning"], results["halves"]["check"]
    assert tuning["articles"] + check["articles"] == results["articles"]
    assert min(tuning["articles"], check["articles"]) > 0
    # no event, so no topic, is split between the halves
    assert tuning["events"] + check["events"] == results["events"]
    for metric in ("precision", "recall"):
        mean = (
            tuning["ours"][metric] * tuning["articles"] + check["ours"][metric] * check["articles"]
        ) / results["articles"]
        assert mean == pytest.approx(results["ours"][metric])
