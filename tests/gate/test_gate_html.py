"""Quality gate: the HTML cleaner's body F1 on the article-extraction pages stays above its floors.

Runs the whole set (127 pages, trafilatura alongside on the same pages, about 5 s of CPU). Floors
and the sha256 of the evaluation files are pinned in `bench/floors/html.json`: body F1, the
margin over trafilatura 2.3.1 on the same run (never below it), and a loose CPU-time speed ratio
that only catches gross slow-downs (the benchmark reports the real ratio). Never lower a floor.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bench import bench_html

FLOORS = Path(__file__).resolve().parents[2] / "bench" / "floors" / "html.json"

pytestmark = pytest.mark.gate


def _skip_without_data() -> None:
    if not bench_html.data_available():
        pytest.skip(f"article-extraction data not found under {bench_html.DATA}")


@pytest.fixture(scope="module")
def results() -> dict[str, Any]:
    _skip_without_data()
    return bench_html.run(repeats=1)


def _floors() -> dict[str, Any]:
    floors: dict[str, Any] = json.loads(FLOORS.read_text(encoding="utf-8"))
    return floors


def test_fixture_is_the_one_the_floors_were_set_on() -> None:
    _skip_without_data()
    assert bench_html.data_sha256() == _floors()["sha256"], (
        "the evaluation files changed: re-run the benchmark and review the floors"
    )


def test_body_f1_is_above_the_floor(results: dict[str, Any]) -> None:
    floor = float(_floors()["body_f1"])
    got = results["ours"]["f1"]
    assert got >= floor, f"clean_html body F1 {got:.4f} fell below the floor {floor:.4f}"


def test_body_f1_is_not_below_trafilatura(results: dict[str, Any]) -> None:
    margin = float(_floors()["body_f1_minus_trafilatura"])
    ours, theirs = results["ours"]["f1"], results["trafilatura"]["f1"]
    assert ours - theirs >= margin, f"clean_html F1 {ours:.4f} vs trafilatura {theirs:.4f}"


def test_speed_is_not_far_below_trafilatura(results: dict[str, Any]) -> None:
    floor = float(_floors()["cpu_speed_ratio"])
    got = results["cpu_speed_ratio"]
    assert got >= floor, f"clean_html runs at {got:.2f}x trafilatura's speed (floor {floor})"
