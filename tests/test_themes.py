from __future__ import annotations

from pathlib import Path

from newsgraph.model import Article
from newsgraph.nlp.themes import find_themes, load_taxonomy


def _article(text: str, title: str | None = None) -> Article:
    return Article(text=text, title=title, body=text)


def test_conflict_article_gets_conflict_themes_with_evidence() -> None:
    text = (
        "Militants attacked an army post overnight. Soldiers fought the rebels for hours "
        "before an airstrike ended the battle."
    )
    themes = {t.name: t for t in find_themes(_article(text))}
    assert "armed_conflict" in themes
    theme = themes["armed_conflict"]
    assert 0 < theme.score <= 1
    for ev in theme.evidence:
        assert text[ev.start : ev.end] == ev.text
    assert (theme.start, theme.end) == (theme.evidence[0].start, theme.evidence[0].end)


def test_single_stray_word_is_not_a_theme() -> None:
    assert "elections" not in {t.name for t in find_themes(_article("He cast a vote of thanks."))}


def test_prefix_terms_do_not_match_inside_words() -> None:
    themes = find_themes(_article("According to the report, the accordion player won."))
    assert "diplomacy" not in {t.name for t in themes}


def test_taxonomy_is_extensible_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('[fishing]\ndescription = "Fish"\nterms = ["trawler*", "catch quota*"]\n')
    taxonomy = load_taxonomy(path)
    themes = find_themes(_article("Two trawlers broke the catch quotas."), taxonomy)
    assert [t.name for t in themes] == ["fishing"]


def test_capitals_and_folding_letters_find_the_same_evidence() -> None:
    # The taxonomy is matched in an ASCII-lowered copy of the text; capitals, and a letter that
    # case-blind matching folds to ASCII (the Kelvin sign, which sends the text down the plain
    # case-blind path), give the same spans and keep the text as written.
    text = "Militants attacked an army post. Soldiers fought the rebels before an airstrike."
    lower = {t.name: [(e.start, e.end) for e in t.evidence] for t in find_themes(_article(text))}
    upper_themes = find_themes(_article(text.upper()))
    upper = {t.name: [(e.start, e.end) for e in t.evidence] for t in upper_themes}
    assert upper == lower and "armed_conflict" in lower
    assert any(e.text == "SOLDIERS" for t in upper_themes for e in t.evidence)
    kelvin = find_themes(_article(text + " \u212a"))
    assert {t.name: [(e.start, e.end) for e in t.evidence] for t in kelvin} == lower
