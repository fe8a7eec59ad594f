"""Boilerplate learnt across dumps: lines repeated on many pages of a site."""

from __future__ import annotations

from newsgraph.clean.boilerplate import learn_boilerplate, learn_by_site, normalise_line


def _page(story: str) -> str:
    return "\n".join(
        [
            "Home",
            "World",
            "Sign up for our morning newsletter",
            f"{story} was the main story of the day, and every reader had a view on it.",
            "Updated 3 min ago",
            "© 2024 The Example Gazette",
        ]
    )


def test_normalise_line_folds_case_accents_digits_and_spaces() -> None:
    assert normalise_line("  Updated  12 MIN ago ") == normalise_line("updated 3 min ago")
    assert normalise_line("Café Société") == "cafe societe"


def test_normalise_line_strips_marks_but_keeps_other_non_ascii_text() -> None:
    """Only combining marks go: quotes, dashes and other scripts stay as they are."""
    assert normalise_line("“Naïve” — Crème brûlée 2") == "“naive” — creme brulee 0"
    assert normalise_line("Погода в Санкт-Петербурге") == "погода в санкт-петербурге"
    assert normalise_line("西港 开放 12") == "西港 开放 0"
    assert normalise_line("e\u0301te\u0301") == "ete"  # marks already decomposed in the input


def test_lines_on_enough_pages_are_learnt_and_article_lines_are_not() -> None:
    pages = [_page(story) for story in ("The bridge", "The election", "The storm")]
    learnt = learn_boilerplate(pages, min_docs=3)
    assert {"home", "world", "sign up for our morning newsletter"} <= learnt
    assert normalise_line("Updated 7 min ago") in learnt
    assert not any("main story" in line for line in learnt)
    assert learn_boilerplate(pages, min_docs=4) == frozenset()


def test_a_line_repeated_inside_one_page_counts_once() -> None:
    page = "Share\nShare\nShare\nA sentence that only this page has, for the record."
    assert learn_boilerplate([page, "Other text entirely"], min_docs=2) == frozenset()


def test_min_share_and_long_lines() -> None:
    long_line = " ".join(["word"] * 40)
    pages = [f"Menu\n{long_line}", f"Menu\n{long_line}", "Something else"]
    assert learn_boilerplate(pages, min_docs=2) == frozenset({"menu"})
    assert learn_boilerplate(pages, min_docs=2, min_share=0.9) == frozenset()


def test_learning_by_site_keeps_sites_apart() -> None:
    texts = {
        "a1": "Alpha menu\nStory one.",
        "a2": "Alpha menu\nStory two.",
        "b1": "Alpha menu\nStory.",
    }
    sites = {"a1": "alpha.example", "a2": "alpha.example", "b1": "beta.example"}
    learnt = learn_by_site(texts, sites, min_docs=2)
    assert learnt["alpha.example"] == frozenset({"alpha menu"})
    assert learnt["beta.example"] == frozenset()
