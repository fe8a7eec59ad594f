"""The blind dump benchmark's loader and scorer (`bench.bench_dumps_blind`) on tiny sets."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench import bench_dumps_blind
from bench.halves import half_of


def _write(folder: Path, name: str, dump: str, body: str | None, title: str | None) -> None:
    (folder / f"{name}.txt").write_text(dump, encoding="utf-8")
    if body is not None:
        (folder / f"{name}.body.txt").write_text(body, encoding="utf-8")
    if title is not None:
        (folder / f"{name}.title.txt").write_text(title, encoding="utf-8")


def test_loader_pairs_each_dump_with_its_body_and_title(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "wire_ferry",
        "Menu\nFerry fares rise\nFares rise.\n",
        "Fares rise.\n",
        "Ferry fares rise\n",
    )
    _write(
        tmp_path,
        "brief_bridge",
        "Bridge shut\nThe bridge is shut.\n",
        "The bridge is shut.\n",
        "Bridge shut",
    )
    pages = bench_dumps_blind.load(tmp_path)
    assert list(pages) == ["brief_bridge", "wire_ferry"]  # sorted; .body/.title files not pages
    assert pages["wire_ferry"].body == "Fares rise.\n"
    assert pages["wire_ferry"].title == "Ferry fares rise"


@pytest.mark.parametrize("missing", ["body", "title"])
def test_a_dump_without_its_gold_is_an_error(tmp_path: Path, missing: str) -> None:
    body = None if missing == "body" else "The bridge is shut.\n"
    title = None if missing == "title" else "Bridge shut\n"
    _write(tmp_path, "brief_bridge", "The bridge is shut.\n", body, title)
    with pytest.raises(FileNotFoundError, match=rf"brief_bridge\.{missing}\.txt"):
        bench_dumps_blind.load(tmp_path)


def test_scores_by_half_with_the_shared_benchmark_scoring() -> None:
    gold = {
        "wire_garden": "the slugs ate every lettuce in the raised bed this spring",
        "wire_walks": "we walked along the canal towpath to the third lock and back",
    }
    predicted = {
        "wire_garden": gold["wire_garden"],  # exact
        "wire_walks": "buy our walking guide today and save ten per cent on the shop",  # wrong
    }
    scores = bench_dumps_blind.score(gold, predicted)
    assert scores["precision"] == pytest.approx(0.5)
    assert scores["recall"] == pytest.approx(0.5)
    halves = scores["halves"]
    assert halves["tuning"]["pages"] + halves["check"]["pages"] == 2
    same = half_of("wire_garden") == half_of("wire_walks")
    assert halves[half_of("wire_garden")]["f1"] == pytest.approx(0.5 if same else 1.0)
    assert bench_dumps_blind.page_f1(gold["wire_walks"], predicted["wire_walks"]) == 0.0


def test_the_blind_set_is_whole_and_split_in_two() -> None:
    pages = bench_dumps_blind.load()
    assert len(pages) >= 30
    assert all(p.body.strip() and p.title and p.title in p.dump for p in pages.values())
    # every line of an expected body is a line of its dump, as a reader would mark it
    assert all(set(p.body.splitlines()) <= set(p.dump.splitlines()) for p in pages.values())
    assert {half_of(name) for name in pages} == {"tuning", "check"}
