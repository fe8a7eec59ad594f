"""The blind entities bench: its loader checks every row, its scorer counts exact typed spans.

Fast: tiny hand-made sets and hand-made predictions, no spaCy."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench import bench_ner_blind as blind
from bench.halves import half_of

HEADER = "\t".join(blind.COLUMNS)
TEXT = "Moscow denied it, the Ministry of Health of Estonia said."


def _row(item_id: str, start: int, end: int, words: str, kind: str = "LOC") -> str:
    return "\t".join([item_id, half_of(item_id), str(start), str(end), words, kind, TEXT])


def _write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "set.tsv"
    path.write_text("\n".join(["# a comment", HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_load_groups_the_rows_of_a_passage(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        _row("p-1", 0, 6, "Moscow"),
        _row("p-1", 22, 40, "Ministry of Health", "ORG"),
        _row("p-2", 44, 51, "Estonia"),
    )
    first, second = blind.load(path)
    assert first.id == "p-1" and first.half == half_of("p-1") and first.text == TEXT
    assert first.gold == frozenset({(0, 6, "LOC"), (22, 40, "ORG")})
    assert second.gold == frozenset({(44, 51, "LOC")})


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (_row("p-1", 0, 5, "Moscow"), "not 'Moscow'"),  # offsets that miss the words
        (_row("p-1", 0, 6, "Moscow", "GPE"), "type 'GPE'"),  # a label outside CoNLL's
        ("\t".join(["p-1", half_of("p-1"), "0", "6", "Moscow"]), "columns"),
    ],
)
def test_load_refuses_a_bad_row_naming_its_line(tmp_path: Path, row: str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as caught:
        blind.load(_write(tmp_path, row))
    assert "set.tsv:3" in str(caught.value)


def test_load_refuses_a_half_that_is_not_the_ids(tmp_path: Path) -> None:
    wrong = "check" if half_of("p-1") == "tuning" else "tuning"
    row = _row("p-1", 0, 6, "Moscow").replace(f"\t{half_of('p-1')}\t", f"\t{wrong}\t", 1)
    with pytest.raises(ValueError, match="half"):
        blind.load(_write(tmp_path, row))


def test_load_refuses_two_texts_for_one_passage(tmp_path: Path) -> None:
    other = _row("p-1", 0, 6, "Moscow").replace(TEXT, "Moscow said nothing.")
    with pytest.raises(ValueError, match="differs"):
        blind.load(_write(tmp_path, _row("p-1", 0, 6, "Moscow"), other))


def test_the_shipped_set_loads_with_both_halves_and_every_type() -> None:
    passages = blind.load()
    assert len(passages) >= 70
    assert {p.half for p in passages} == {"tuning", "check"}
    kinds = {kind for p in passages for _, _, kind in p.gold}
    assert kinds == set(blind.ALL_TYPES)
    assert sum(len(p.gold) for p in passages) >= 450


def test_score_counts_exact_span_and_type_and_keeps_misc_apart() -> None:
    gold = frozenset({(0, 6, "LOC"), (21, 39, "ORG"), (50, 56, "MISC")})
    pred = {(0, 6, "ORG"), (21, 39, "ORG"), (50, 56, "MISC")}
    got = blind.score([(gold, pred)])
    assert got["ORG_p"] == 0.5 and got["ORG_r"] == 1.0
    assert got["LOC_r"] == 0.0 and got["LOC_f1"] == 0.0
    assert got["all_p"] == 0.5 and got["all_r"] == 0.5  # MISC is not pooled into "all"
    assert got["MISC_f1"] == 1.0


def test_misses_name_only_the_asked_halfs_passages() -> None:
    tuning = next(f"t-{n}" for n in range(100) if half_of(f"t-{n}") == "tuning")
    check = next(f"c-{n}" for n in range(100) if half_of(f"c-{n}") == "check")
    gold = frozenset({(0, 6, "LOC")})
    passages = [blind.Passage(i, half_of(i), TEXT, gold) for i in (tuning, check)]
    lines = blind.misses(passages, [(gold, {(0, 6, "ORG")}), (gold, set())])
    assert lines == [f"{tuning} MISS LOC 'Moscow'", f"{tuning} WRONG ORG 'Moscow'"]
