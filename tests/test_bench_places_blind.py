"""The blind places bench: its loader checks every row, its scorer counts 161 km hits by half.

Fast: a tiny hand-made set and a fake resolver, no gazetteer and no spaCy."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from bench import bench_places_blind as blind
from bench.halves import half_of

HEADER = "\t".join(blind.COLUMNS)
TEXT = "PARIS, Tenn. — Crews in Paris worked late."


def _row(item_id: str, start: int, end: int, words: str, lat: str = "36.3") -> str:
    cells = [item_id, half_of(item_id), str(start), str(end), words, lat, "-88.3", "US", TEXT]
    return "\t".join(cells)


def _write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "set.tsv"
    path.write_text("\n".join(["# a comment", HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_load_groups_rows_by_snippet_in_text_order(tmp_path: Path) -> None:
    path = _write(tmp_path, _row("x-1", 24, 29, "Paris"), _row("x-1", 0, 5, "PARIS"))
    [snippet] = blind.load(path)
    assert snippet.id == "x-1" and snippet.half == half_of("x-1")
    assert [t.text for t in snippet.gold] == ["PARIS", "Paris"]
    assert snippet.gold[1].start == 24 and snippet.gold[1].country == "US"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (_row("x-1", 0, 4, "PARIS"), "not 'PARIS'"),  # offsets that miss the words
        (_row("x-1", 0, 5, "PARIS", lat="96.0"), "latitude"),  # a point off the globe
        ("\t".join(["x-1", "tuning", "0", "5", "PARIS"]), "columns"),
    ],
)
def test_load_refuses_a_bad_row_naming_its_line(tmp_path: Path, row: str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as caught:
        blind.load(_write(tmp_path, row))
    assert "set.tsv:3" in str(caught.value)


def test_load_refuses_a_half_that_is_not_the_ids(tmp_path: Path) -> None:
    wrong = "check" if half_of("x-1") == "tuning" else "tuning"
    row = _row("x-1", 0, 5, "PARIS").replace(f"\t{half_of('x-1')}\t", f"\t{wrong}\t", 1)
    with pytest.raises(ValueError, match="half"):
        blind.load(_write(tmp_path, row))


def test_both_shipped_sets_load_with_their_halves() -> None:
    for path in blind.SETS.values():
        snippets = blind.load(path)
        assert len(snippets) >= 40
        assert sum(len(s.gold) for s in snippets) >= 120
        assert {s.half for s in snippets} == {"tuning", "check"}


def test_score_counts_hits_within_161_km_by_half(tmp_path: Path) -> None:
    ids = ("a-1", "a-2", "a-3", "a-4", "a-5", "a-6")
    tuning = next(i for i in ids if half_of(i) == "tuning")
    check = next(i for i in ids if half_of(i) == "check")
    path = _write(tmp_path, _row(tuning, 0, 5, "PARIS"), _row(check, 24, 29, "Paris"))

    def resolver(text: str, spans: Sequence[tuple[int, int]]) -> list[blind.Point]:
        # the dateline close to the gold point, the other 200 km off (about 1.8 degrees)
        return [(36.3, -88.3, "US") if s == 0 else (36.3, -90.1, "US") for s, _ in spans]

    def baseline(name: str) -> blind.Point:
        return (48.86, 2.35, "FR")  # Paris, France: what a population prior picks

    got = blind.by_half(blind.score(blind.load(path), resolver, baseline))
    assert got["tuning"]["acc161"] == 1.0 and got["check"]["acc161"] == 0.0
    assert got["all"]["acc161"] == 0.5 and got["all"]["country"] == 1.0
    assert got["all"]["baseline_acc161"] == 0.0 and got["all"]["toponyms"] == 2.0


def test_km_and_hit_use_the_161_km_radius() -> None:
    gold = blind.Toponym(0, 5, "Paris", 36.3, -88.3, "US")
    assert blind.km(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.2, abs=0.2)
    assert blind.hit((37.7, -88.3, "US"), gold)  # about 156 km north
    assert not blind.hit((37.8, -88.3, "US"), gold)  # about 167 km north
    assert not blind.hit((None, None, None), gold)


def test_every_set_has_a_title_and_the_hard_sets_are_scored() -> None:
    assert {"local", "outbreak", "local_hard", "outbreak_hard"} == set(blind.SETS)
    assert set(blind.TITLES) == set(blind.SETS)
