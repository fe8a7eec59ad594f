"""Floors are never lowered silently (issue 17): every floor in bench/floors/*.json is compared
with the strictest value it has had in git history, and a looser one must be explained by a
`floor lowered: FILE KEY OLD -> NEW: reason` line in docs/bench/floors.md (part of
docs/benchmarks.md). Keys named `max_…` are ceilings; counts such as `documents` are no floors.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "bench" / "floors"
EXPLAINED = ROOT / "docs" / "bench" / "floors.md"
NOT_FLOORS = frozenset({"documents"})
_LINE = re.compile(r"floor lowered: (\S+) (\S+) ([\d.]+) -> ([\d.]+):")


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, float]:
    out: dict[str, float] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            out.update(flatten(value, f"{prefix}{key}."))
        elif (
            isinstance(value, int | float) and not isinstance(value, bool) and key not in NOT_FLOORS
        ):
            out[prefix + key] = float(value)
    return out


def is_ceiling(key: str) -> bool:
    return key.rsplit(".", 1)[-1].startswith("max_")


def loosened(
    history: list[dict[str, float]], now: dict[str, float]
) -> list[tuple[str, float, float]]:
    """(key, strictest earlier value, current value) for every floor now looser than before."""
    found = []
    for key, value in now.items():
        earlier = [h[key] for h in history if key in h]
        if not earlier:
            continue
        strictest = min(earlier) if is_ceiling(key) else max(earlier)
        if (value > strictest) if is_ceiling(key) else (value < strictest):
            found.append((key, strictest, value))
    return found


def explained(text: str) -> set[tuple[str, str, float, float]]:
    return {(f, k, float(a), float(b)) for f, k, a, b in _LINE.findall(text)}


def _covered(
    notes: set[tuple[str, str, float, float]], name: str, key: str, old: float, new: float
) -> bool:
    """Whether a line explains the floor going from `old` to `new` or to a looser value (a
    floor lowered with a reason and raised again since stays explained)."""
    ceiling = is_ceiling(key)
    return any(
        (f, k, a) == (name, key, old) and (b >= new if ceiling else b <= new)
        for f, k, a, b in notes
    )


def _history(path: Path) -> list[dict[str, float]]:
    rel = path.relative_to(ROOT).as_posix()
    revs = subprocess.run(
        ["git", "log", "--format=%H", "--", rel], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    out = []
    for rev in revs:
        shown = subprocess.run(
            ["git", "show", f"{rev}:{rel}"], cwd=ROOT, capture_output=True, text=True
        )
        if shown.returncode == 0:
            out.append(flatten(json.loads(shown.stdout)))
    return out


def test_issue17_no_floor_went_down_without_a_reason() -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: no history to compare the floors with")
    notes = explained(EXPLAINED.read_text(encoding="utf-8"))
    silent = [
        f"{path.name} {key} {old:g} -> {new:g}"
        for path in sorted(FLOORS.glob("*.json"))
        for key, old, new in loosened(_history(path), flatten(json.loads(path.read_text())))
        if not _covered(notes, path.name, key, old, new)
    ]
    assert not silent, f"floors lowered without a line in {EXPLAINED.name}: {silent}"


def test_a_floor_raised_again_after_an_explained_lowering_stays_explained() -> None:
    notes = {("e.json", "f1", 0.88, 0.83)}
    assert _covered(notes, "e.json", "f1", 0.88, 0.85)
    assert not _covered(notes, "e.json", "f1", 0.88, 0.82)  # lower than the reason gave
    assert not _covered(notes, "e.json", "f2", 0.88, 0.85)
    assert _covered({("e.json", "max_x", 0.1, 0.3)}, "e.json", "max_x", 0.1, 0.2)


def test_a_lowered_floor_and_a_raised_ceiling_are_found() -> None:
    history = [{"f1": 0.80, "max_overhead": 0.2}, {"f1": 0.82, "max_overhead": 0.15}]
    assert loosened(history, {"f1": 0.81, "max_overhead": 0.2, "new": 0.5}) == [
        ("f1", 0.82, 0.81),
        ("max_overhead", 0.15, 0.2),
    ]
    assert loosened(history, {"f1": 0.83, "max_overhead": 0.1}) == []
    line = "- floor lowered: ner.json all_f1 0.815 -> 0.81: why"
    assert explained(line) == {("ner.json", "all_f1", 0.815, 0.81)}
    assert flatten({"documents": 216, "check": {"f1": 0.8}, "sha256": "x"}) == {"check.f1": 0.8}
