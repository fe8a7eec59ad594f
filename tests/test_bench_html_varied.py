"""The varied-pages benchmark's loader and scorer (`bench.bench_html_varied`) on a tiny set."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench import bench_html_varied
from bench.halves import half_of


def _write(folder: Path, name: str, html: str, gold: str | None) -> None:
    (folder / f"{name}.html").write_text(html, encoding="utf-8")
    if gold is not None:
        (folder / f"{name}.txt").write_text(gold, encoding="utf-8")


def test_loader_pairs_each_page_with_its_expected_text(tmp_path: Path) -> None:
    _write(tmp_path, "recipe_soup", "<p>Stir the soup.</p>", "Stir the soup.\n")
    _write(tmp_path, "forum_bikes", "<p>Oil the chain.</p>", "Oil the chain.\n")
    pages, gold = bench_html_varied.load_pages(tmp_path)
    assert list(pages) == ["forum_bikes", "recipe_soup"]  # sorted by name
    assert gold["recipe_soup"] == "Stir the soup.\n"


def test_a_page_without_expected_text_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path, "news_brief", "<p>The bridge is shut.</p>", None)
    with pytest.raises(FileNotFoundError, match=r"news_brief\.html"):
        bench_html_varied.load_pages(tmp_path)


def test_scores_by_half_and_by_kind() -> None:
    gold = {
        "blog_garden": "the slugs ate every lettuce in the raised bed this spring",
        "blog_walks": "we walked along the canal towpath to the third lock and back",
    }
    outputs = {
        "blog_garden": gold["blog_garden"],  # exact
        "blog_walks": "buy our walking guide today and save ten per cent on the shop",  # wrong
    }
    scores = bench_html_varied.score(gold, outputs)
    assert scores["precision"] == pytest.approx(0.5)
    assert scores["recall"] == pytest.approx(0.5)
    assert scores["kinds"] == {"blog": pytest.approx(0.5)}
    assert scores["kind_pages"] == {"blog": 2}
    halves = scores["halves"]
    assert halves["tuning"]["pages"] + halves["check"]["pages"] == 2
    garden = half_of("blog_garden")
    assert halves[garden]["f1"] == pytest.approx(1.0 if garden != half_of("blog_walks") else 0.5)


def test_the_blind_set_has_pages_of_every_kind() -> None:
    pages, gold = bench_html_varied.load_pages()
    kinds = {bench_html_varied.kind_of(name) for name in pages}
    assert kinds == set(bench_html_varied.KINDS)
    assert len(pages) >= 30 and all(gold[name].strip() for name in pages)
