"""Quality gate: toponym resolution on GeoWebNews stays above its floors.

Resolves every gold toponym with coordinates (2,601 in 200 articles) given its gold span, a few
seconds once the gazetteer is cached (the first build takes about 15 s). Floors and the sha256
of GWN.xml are pinned in `bench/floors/places.json`; never lower a floor to pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bench import bench_places

FLOORS = Path(__file__).resolve().parents[2] / "bench" / "floors" / "places.json"

pytestmark = pytest.mark.gate


def _skip_without_data() -> None:
    if not bench_places.available():
        pytest.skip(f"GeoWebNews not found at {bench_places.GWN}")


@pytest.fixture(scope="module")
def results() -> dict[str, float]:
    _skip_without_data()
    return bench_places.run()


def _floors() -> dict[str, object]:
    floors: dict[str, object] = json.loads(FLOORS.read_text(encoding="utf-8"))
    return floors


def test_fixture_is_the_one_the_floors_were_set_on() -> None:
    _skip_without_data()
    assert bench_places.data_sha256() == _floors()["sha256"], (
        "GWN.xml changed: re-run the benchmark and review the floors"
    )


@pytest.mark.parametrize("metric", ["acc161", "exact_id"])
def test_metric_is_above_the_floor(results: dict[str, float], metric: str) -> None:
    floor = float(_floors()[metric])  # type: ignore[arg-type]
    got = results[metric]
    assert got >= floor, f"places {metric} {got:.4f} fell below the floor {floor:.4f}"


def test_beats_the_most_populous_baseline(results: dict[str, float]) -> None:
    assert results["acc161"] > results["baseline_acc161"]
