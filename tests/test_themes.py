from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from newsgraph.model import Article
from newsgraph.nlp.themes import default_taxonomy, find_themes, load_taxonomy


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


def test_a_disaster_toll_and_a_fight_against_graft_are_no_armed_conflict() -> None:
    text = (
        "Mudslides killed nine hikers and the army flew the injured out. The mayor vowed to "
        "fight graft, and crews will fight the wildfire for days."
    )
    assert "armed_conflict" not in {t.name for t in find_themes(_article(text))}
    ambush = "Gunmen ambushed a bus on the coast road, killing four passengers."
    assert "armed_conflict" in {t.name for t in find_themes(_article(ambush))}


def test_the_un_security_council_is_diplomacy_not_the_security_services() -> None:
    title = "Security Council backs plan"
    text = f"{title}\n\nThe council met on Friday. Its members backed the plan."
    names = {t.name for t in find_themes(_article(text, title=title))}
    assert "security_services" not in names


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


def test_a_theme_is_skipped_only_when_no_word_of_the_text_opens_a_term(tmp_path: Path) -> None:
    # The leads (opening words) of each theme decide which taxonomies are searched at all; with
    # them or without them (every theme searched) the themes and their evidence are the same.
    path = tmp_path / "odd.toml"
    path.write_text(
        '[odd]\ndescription = "Odd terms"\nmin_hits = 1\n'
        'terms = ["neo-nazi*", "pledge* allegiance", "9/11", "al qaeda", "troop*", "air strike*"]\n'
    )
    odd = load_taxonomy(path)
    assert odd[0].leads is not None
    assert odd[0].leads.words == frozenset({"neo", "pledge", "9", "al", "air"})
    assert odd[0].leads.prefixes == ("troop",)
    texts = [
        "Neo-Nazis marched; TROOPERS watched the air-strikes after 9/11.",
        "Al  Qaeda claimed it. Soldiers and troops fought the rebels before an airstrike.",
        "They voted in the election and the referendum; the ceasefire held.",
        "Nothing here: a quiet day at the harbour, trooping the colour.",
        "Pledge* allegiance, pledged allegiance, neon lights, alqaeda, 911.",
        "",
    ]
    for taxonomy in (odd, default_taxonomy()):
        unled = tuple(replace(theme, leads=None) for theme in taxonomy)
        for text in texts:
            article = _article(text, title=text[:20] or None)
            assert find_themes(article, taxonomy) == find_themes(article, unled)
    found = find_themes(_article(texts[0]), odd)[0]
    assert [e.text for e in found.evidence] == ["Neo-Nazis", "TROOPERS", "air-strikes", "9/11"]
    assert find_themes(_article(texts[3]), odd)[0].evidence[0].text == "trooping"
