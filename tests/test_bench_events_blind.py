"""The blind event sets load cleanly: every row typed, every actor words of its sentence, no
repeated id (a slip in the labels would otherwise pass for a miss of the stage)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bench import bench_events_blind as blind
from bench.halves import indices


def test_the_sixteen_type_set_has_twenty_of_each_type_and_some_non_events() -> None:
    sentences = blind.load(blind.SETS["news"])
    counts = Counter(s.gold for s in sentences)
    assert len(sentences) == 350 and counts["none"] == 30
    assert all(n == 20 for kind, n in counts.items() if kind != "none")
    assert len(counts) == 17


def test_the_second_news_set_has_twenty_of_each_type_and_forty_non_events() -> None:
    sentences = blind.load(blind.SETS["news2"])
    counts = Counter(s.gold for s in sentences)
    assert len(sentences) == 360 and counts["none"] == 40
    assert all(n == 20 for kind, n in counts.items() if kind != "none") and len(counts) == 17
    assert not {s.text for s in sentences} & {s.text for s in blind.load(blind.SETS["news"])}


def test_the_third_news_set_has_every_type_and_non_events_and_no_earlier_sentence() -> None:
    sentences = blind.load(blind.SETS["news3"])
    counts = Counter(s.gold for s in sentences)
    assert len(sentences) == 400 and counts["none"] == 48
    assert all(n == 22 for kind, n in counts.items() if kind != "none") and len(counts) == 17
    earlier = {s.text for name in ("news", "news2") for s in blind.load(blind.SETS[name])}
    assert not {s.text for s in sentences} & earlier
    # split like the first sets, by id: each half a fair share of it
    halves = indices([s.id for s in sentences])
    assert all(150 <= len(at) <= 250 for at in halves.values())


def test_the_conflict_set_loads() -> None:
    sentences = blind.load(blind.SETS["conflict"])
    assert len(sentences) == 200
    assert Counter(s.gold for s in sentences).most_common(1)[0][0] == "ASSAULT"


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("x1\tCHEER\t\tFans cheered.", "not a PLOVER type"),
        ("x1\tPROTEST\tstrikers\tWorkers marched.", "not in the sentence"),
        ("x1\tPROTEST\t\tWorkers marched.\textra", "columns"),
    ],
)
def test_a_bad_row_names_its_file_and_line(tmp_path: Path, row: str, problem: str) -> None:
    path = tmp_path / "set.tsv"
    path.write_text("# ours\nid\ttype\tactor\tsentence\n" + row + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"set\.tsv:3: .*{problem}"):
        blind.load(path)
