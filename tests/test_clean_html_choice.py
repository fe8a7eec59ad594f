"""The per-page choice of trafilatura's mode (`clean.html._choice`) and our own varied pages.

`tests/data/html_varied/` holds pages written for this project (a forum thread, a blog post
with comments, a product page, a docs page, a short news brief, a list-heavy article, a page with
a long sidebar), each with the main text a reader expects (`.txt`). The news benchmark has few
such pages; these check that the mode chosen for each extracts it well.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import trafilatura
from bench._extraction_scoring import page_counts
from trafilatura.utils import load_html

from newsgraph.clean.html import _extract, clean_html
from newsgraph.clean.html._choice import Evidence, weigh

VARIED = Path(__file__).parent / "data" / "html_varied"
PAGES = sorted(p.stem for p in VARIED.glob("*.html"))


def _f1(gold: str, got: str) -> float:
    tp, fp, fn = page_counts(gold, got)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _page(name: str) -> tuple[str, str]:
    return (VARIED / f"{name}.html").read_text(encoding="utf-8"), (
        VARIED / f"{name}.txt"
    ).read_text(encoding="utf-8")


def test_the_varied_set_has_every_kind_of_page() -> None:
    assert set(PAGES) == {
        "blog_with_comments",
        "docs_page",
        "forum_thread",
        "list_article",
        "long_sidebar",
        "news_brief",
        "product_page",
    }


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("forum_thread", Evidence(thread=True)),
        ("product_page", Evidence(missed_list=True)),
        ("news_brief", Evidence(short=True)),
        ("blog_with_comments", Evidence()),  # comments are a run of blocks, but not the text's
        ("docs_page", Evidence()),
        ("list_article", Evidence()),  # its list was kept: nothing missed
        ("long_sidebar", Evidence()),
    ],
)
def test_evidence_against_the_fast_result(name: str, expected: Evidence) -> None:
    tree = load_html(_page(name)[0])
    assert weigh(tree, _extract(tree, None, mode="fast")) == expected


@pytest.mark.parametrize("name", PAGES)
def test_varied_page_is_extracted_well(name: str) -> None:
    """Every page reaches 0.85 F1, and never less than trafilatura's own default mode."""
    html, gold = _page(name)
    ours = _f1(gold, clean_html(html).body)
    theirs = _f1(gold, trafilatura.extract(html) or "")
    assert ours >= 0.85, f"{name}: F1 {ours:.3f}"
    assert ours >= theirs - 1e-9, f"{name}: F1 {ours:.3f} below trafilatura's {theirs:.3f}"


def test_forum_thread_keeps_every_post() -> None:
    body = clean_html(_page("forum_thread")[0]).body
    assert "Not ruined at all" in body  # the first answer
    assert "Two feeds a day fixed it" in body  # the last post


def test_product_features_list_is_kept() -> None:
    body = clean_html(_page("product_page")[0]).body
    assert "Sleeve for a hydration bladder" in body


def test_blog_comments_stay_out() -> None:
    body = clean_html(_page("blog_with_comments")[0]).body
    assert "Where do you get your cardboard" not in body
    assert "Slugs also liked the cardboard" in body


_STORY = (
    "<p>The river rose two metres overnight and the council opened the school hall to families "
    "from the lower streets.</p><p>Volunteers filled sandbags at the depot until dawn, and the "
    "road to the bridge stayed shut all morning while engineers checked it.</p><p>By noon the "
    "water had begun to fall, and the first families went home to count the damage.</p>"
)


def _weigh_html(html: str) -> Evidence:
    tree = load_html(html)
    evidence = weigh(tree, _extract(tree, None, mode="fast"))
    assert not evidence.short  # the story is long enough for the other signs to be weighed
    return evidence


def test_a_run_of_teaser_cards_is_not_a_thread() -> None:
    """Sibling blocks that are mostly link text are teasers, not posts left out."""
    cards = "".join(
        f'<div class="card"><a href="/s/{i}">Another story about the flood number {i} and what '
        "the council said about it</a></div>"
        for i in range(3)
    )
    html = f'<html><body><div class="card"><h1>Flood</h1>{_STORY}</div>{cards}</body></html>'
    assert not _weigh_html(html).thread


def test_prose_list_far_from_the_article_is_not_missed() -> None:
    """Prose list items away from the kept paragraphs (a pop-up's steps) call for nothing."""
    steps = "".join(
        f"<li>Open the settings window and choose the general tab number {i} now.</li>"
        for i in range(4)
    )
    html = (
        f"<html><body><article><h1>Flood</h1>{_STORY}</article>"
        f'<div class="modal"><div class="inner"><ol>{steps}</ol></div></div></body></html>'
    )
    assert not _weigh_html(html).missed_list


def test_evidence_names_the_mode() -> None:
    assert Evidence().mode == "fast"
    assert Evidence(short=True).mode == "full"
    assert Evidence(thread=True).mode == "full"
    assert Evidence(missed_list=True).mode == "recall"
