"""The blind dates set's loader and scorer (`bench.bench_dates_blind`): every row of the shipped
file checked, bad rows refused by name, and the scoring's extent and value rules on hand-made
systems. No model is loaded; the stage itself runs only on the shipped snippets."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench import bench_dates_blind as blind
from bench.bench_dates import Doc, Span
from bench.halves import half_of

HEADER = "\t".join(blind.COLUMNS)


def _write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "set.tsv"
    path.write_text("# a comment\n" + "\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def _row(sid: str, start: str, end: str, text: str, kind: str, value: str, snippet: str) -> str:
    return "\t".join([sid, half_of(sid), "2024-03-06", start, end, text, kind, value, snippet])


def test_the_shipped_set_loads_with_its_precision_snippets() -> None:
    docs = blind.load()
    assert len(docs) >= 60
    assert sum(len(d.gold) for d in docs) >= 250
    empty = [d for d in docs if not d.gold]
    assert len(empty) >= 10 and all(d.name.startswith("nt-") for d in empty)
    kinds = {g.type for d in docs for g in d.gold}
    assert kinds == {"DATE", "TIME", "DURATION", "SET"}
    for d in docs:
        for g in d.gold:
            assert 0 <= g.start < g.end <= len(d.text)
            assert d.text[g.start : g.end] == d.text[g.start : g.end].strip()


def test_a_wrong_offset_is_refused_with_its_row(tmp_path: Path) -> None:
    path = _write(tmp_path, _row("x-1", "0", "5", "Monday", "DATE", "2024-03-04", "Monday, rain."))
    with pytest.raises(ValueError, match="row 2"):
        blind.load(path)


def test_a_wrong_half_is_refused(tmp_path: Path) -> None:
    good = _row("x-1", "0", "6", "Monday", "DATE", "2024-03-04", "Monday, rain.")
    other = "check" if half_of("x-1") == "tuning" else "tuning"
    path = _write(tmp_path, good.replace(half_of("x-1"), other, 1))
    with pytest.raises(ValueError, match="half"):
        blind.load(path)


def test_an_empty_row_must_be_alone(tmp_path: Path) -> None:
    snippet = "Monday, rain."
    path = _write(
        tmp_path,
        _row("x-1", "0", "6", "Monday", "DATE", "2024-03-04", snippet),
        _row("x-1", "", "", "", "", "", snippet),
    )
    with pytest.raises(ValueError, match="only one"):
        blind.load(path)


def test_decades_and_centuries_as_years() -> None:
    assert blind.as_years("P1DE") == "P10Y"
    assert blind.as_years("P2CE") == "P200Y"
    assert blind.as_years("P3Y") == "P3Y"
    assert blind.as_years("199") == "199"
    assert blind.as_years(None) is None


def _docs(tmp_path: Path) -> list[Doc]:
    snippet = "Rain fell Monday and for the past decade."
    return blind.load(
        _write(
            tmp_path,
            _row("x-1", "10", "16", "Monday", "DATE", "2024-03-04", snippet),
            _row("x-1", "25", "40", "the past decade", "DURATION", "P10Y", snippet),
            _row("x-2", "", "", "", "", "", "The Bills won 27-24."),
        )
    )


def test_scoring_strict_relaxed_and_values(tmp_path: Path) -> None:
    docs = _docs(tmp_path)

    def system(doc: Doc) -> list[Span]:
        if doc.name == "x-1":  # right day; decade spelled P1DE; extent one word short
            return [(10, 16, "2024-03-04"), (29, 40, "P1DE")]
        return [(14, 19, "2024")]  # a score read as a year: a false expression

    whole, halves = blind.score_halves(docs, system)
    assert whole["gold"] == 2 and whole["system"] == 3
    assert whole["strict_r"] == pytest.approx(0.5)
    assert whole["relaxed_r"] == pytest.approx(1.0)
    assert whole["relaxed_p"] == pytest.approx(2 / 3)
    assert whole["value_accuracy"] == pytest.approx(1.0)
    assert halves[half_of("x-1")]["gold"] == 2


def test_misses_name_the_extent_and_the_extra(tmp_path: Path) -> None:
    docs = _docs(tmp_path)

    def system(doc: Doc) -> list[Span]:
        return [(29, 40, "P10Y")] if doc.name == "x-1" else [(14, 19, "2024")]

    lines = blind.misses(docs, half_of("x-1"), system)
    assert any("MISS DATE 2024-03-04" in ln for ln in lines)
    assert any("EXTENT gold [the past decade]" in ln for ln in lines)
    if half_of("x-2") == half_of("x-1"):
        assert any("EXTRA 2024" in ln for ln in lines)
