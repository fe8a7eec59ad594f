"""Issue 15, section 3: rules as data, one loader and one error type, extensible by users."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.rules import (
    DATA_DIRS_ENV,
    E_RULE_FILE,
    OVERRIDE_MARKER,
    RuleFileError,
    data_dirs,
    read_json,
    read_lines,
    read_table,
    read_toml,
    using_data_dirs,
)


def _write(folder: Path, relpath: str, text: str) -> Path:
    path = folder / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def user_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user's data folder, named in the environment for the length of one test."""
    folder = tmp_path / "mine"
    folder.mkdir()
    monkeypatch.setenv(DATA_DIRS_ENV, str(folder))
    return folder


@pytest.fixture
def later_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A user's data folder that `use()` names in the environment, after a first look without.

    Loaders cache per set of folders (not per file content), so a test sees the shipped rules,
    writes its files, then switches the folders on."""
    folder = tmp_path / "later"
    folder.mkdir()
    monkeypatch.delenv(DATA_DIRS_ENV, raising=False)

    def use() -> None:
        monkeypatch.setenv(DATA_DIRS_ENV, str(folder))

    return folder, use


# The loader


def test_issue_15_a_bad_row_is_one_error_type_naming_file_and_line(user_dir: Path) -> None:
    _write(user_dir, "events/lexicon.tsv", "# mine\nPROTEST\t-\tbarrack/v\n")
    with pytest.raises(RuleFileError) as caught:
        read_table("events/lexicon.tsv", ("TYPE", "MODE", "PATTERN", "EXAMPLE"))
    error = caught.value
    assert isinstance(error, NewsgraphError) and isinstance(error, ValueError)
    assert error.code == E_RULE_FILE
    assert error.file == str(user_dir / "events" / "lexicon.tsv") and error.line == 2
    assert "lexicon.tsv, line 2" in str(error) and "3 tab-separated columns" in str(error)


def test_issue_15_every_lexicon_reports_bad_rows_with_the_same_error(user_dir: Path) -> None:
    from newsgraph.nlp import themes, tone
    from newsgraph.nlp._gazetteer_build import read_regions
    from newsgraph.nlp.entities import aliases
    from newsgraph.nlp.events import _lexicon as _event_lexicon

    _write(user_dir, "events/lexicon.tsv", "CHEER\t-\tcheer\tFans cheered.\n")
    _write(user_dir, "events/goldstein.tsv", "AGREE\t12\t1\t01\n")
    _write(user_dir, "themes.toml", "[fishing\n")
    _write(user_dir, "entities/variants.tsv", "Mohd\tmuhammad\tx\n")
    _write(user_dir, "gazetteer/additions.tsv", "town\tNowhere\n")
    for load in (
        _event_lexicon.lexicon,
        tone.conflict_scale,
        themes.default_taxonomy,
        lambda: aliases.name_key("Mohd Ali"),
        read_regions,
    ):
        with pytest.raises(RuleFileError, match=str(user_dir)):
            load()


def test_word_lists_skip_comments_and_blank_lines(user_dir: Path) -> None:
    _write(user_dir, "entities/titles.txt", "# more titles\n\nCommissar\n")
    lines = read_lines("entities/titles.txt")
    assert lines[-1] == "Commissar" and not any(line.startswith("#") for line in lines)


def test_toml_and_json_merge_extend_lists_and_add_tables(user_dir: Path) -> None:
    _write(user_dir, "themes.toml", '[fishing]\nterms = ["trawler*"]\n[terrorism]\nterms = ["x"]\n')
    data = read_toml("themes.toml")
    assert data["fishing"]["terms"] == ["trawler*"]
    assert data["terrorism"]["terms"][-1] == "x" and len(data["terrorism"]["terms"]) > 1
    _write(
        user_dir, "entities/aliases.json", '{"entities": [{"id": "a", "name": "A", "type": "x"}]}'
    )
    entities = read_json("entities/aliases.json")["entities"]
    assert entities[-1]["id"] == "a" and len(entities) > 1


def test_a_marked_user_file_overrides_the_shipped_one(user_dir: Path) -> None:
    _write(user_dir, "themes.toml", f'{OVERRIDE_MARKER}\n[fishing]\nterms = ["trawler*"]\n')
    assert list(read_toml("themes.toml")) == ["fishing"]
    _write(user_dir, "entities/aliases.json", '{"_override": true, "entities": []}')
    assert read_json("entities/aliases.json") == {"entities": []}
    _write(user_dir, "entities/titles.txt", f"{OVERRIDE_MARKER}\nCommissar\n")
    assert read_lines("entities/titles.txt") == ("Commissar",)


def test_a_user_file_of_the_wrong_shape_is_named(user_dir: Path) -> None:
    _write(user_dir, "themes.toml", '[terrorism]\nterms = "bomb"\n')
    with pytest.raises(RuleFileError, match=r"terrorism\.terms"):
        read_toml("themes.toml")
    _write(user_dir, "themes.toml", "[terrorism\n")
    with pytest.raises(RuleFileError, match="line 1"):
        read_toml("themes.toml")


def test_data_dirs_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIRS_ENV, f"{tmp_path / 'a'}{os.pathsep}{tmp_path / 'b'}")
    assert data_dirs() == (tmp_path / "a", tmp_path / "b")
    monkeypatch.delenv(DATA_DIRS_ENV)
    assert data_dirs() == ()


def test_issue_15_a_caller_with_settings_chooses_the_folders(tmp_path: Path) -> None:
    from newsgraph.nlp.events._lexicon import lexicon

    _write(
        tmp_path,
        "events/lexicon.tsv",
        "PROTEST\tdemonstrate\tbarrack/v\tFans barracked the coach.\n",
    )
    with using_data_dirs([tmp_path]):
        assert data_dirs() == (tmp_path,) and "barrack" in lexicon()
    assert "barrack" not in lexicon()


# A user's folder extends what the stages read


def test_issue_15_a_user_alias_variant_is_picked_up(later_dir) -> None:
    from newsgraph.nlp.entities.aliases import name_key

    assert name_key("Mohd Ali") != name_key("Muhammad Ali")
    user_dir, use = later_dir
    _write(user_dir, "entities/variants.tsv", "mohd\tmuhammad\tMohd Ali / Muhammad Ali\n")
    use()
    assert name_key("Mohd Ali") == name_key("Muhammad Ali")


def test_issue_15_a_user_curated_alias_is_picked_up(
    user_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsgraph.nlp.entities._lexicon import lexicon
    from newsgraph.nlp.entities.aliases import curated_for

    monkeypatch.delenv(DATA_DIRS_ENV)  # the shipped lexicon first: it caches per folders
    assert curated_for("Harbour Guard", lexicon()) is None
    entry = {"id": "organization:hg", "name": "Harbour Guard", "type": "organization"}
    _write(user_dir, "entities/aliases.json", json.dumps({"entities": [entry]}))
    monkeypatch.setenv(DATA_DIRS_ENV, str(user_dir))
    found = curated_for("the Harbour Guard", lexicon())
    assert found is not None and found.id == "organization:hg"
    assert "Harbour Guard" in lexicon().organizations


def test_issue_15_a_user_theme_term_is_picked_up(later_dir) -> None:
    from newsgraph.model import Article
    from newsgraph.nlp.themes import find_themes

    text = "Zorblats were seen. Zorblat crews returned."
    article = Article(text=text, body=text)
    assert "terrorism" not in {t.name for t in find_themes(article)}
    user_dir, use = later_dir
    _write(user_dir, "themes.toml", '[terrorism]\nterms = ["zorblat*"]\n')
    use()
    assert "terrorism" in {t.name for t in find_themes(article)}


def test_issue_15_a_user_event_pattern_is_picked_up(later_dir) -> None:
    from newsgraph.nlp.events._lexicon import lexicon

    assert "barrack" not in lexicon()
    user_dir, use = later_dir
    _write(
        user_dir,
        "events/lexicon.tsv",
        "PROTEST\tdemonstrate\tbarrack/v\tFans barracked the coach.\n",
    )
    use()
    (pattern,) = lexicon()["barrack"]
    assert (pattern.type, pattern.mode, pattern.head_pos) == ("PROTEST", "demonstrate", "v")


@pytest.mark.slow
def test_issue_15_a_user_event_pattern_fires_in_the_events_stage(later_dir, nlp) -> None:
    from newsgraph.model import Article
    from newsgraph.nlp import events

    text = "Dock workers barracked the port director on Monday."
    article = Article(text=text, body=text)
    before = {e.type for e in events.find_events(article, nlp(text))}
    user_dir, use = later_dir
    _write(
        user_dir,
        "events/lexicon.tsv",
        "PROTEST\tdemonstrate\tbarrack/v\tFans barracked the coach.\n",
    )
    use()
    after = {e.type for e in events.find_events(article, nlp(text))}
    assert "PROTEST" not in before and "PROTEST" in after


def test_issue_15_a_user_gazetteer_addition_reaches_the_build(user_dir: Path) -> None:
    from newsgraph.nlp._gazetteer_build import read_regions

    row = "feature\tZorb River\tRiver Zorb\t\t\t\t10.5\t20.5\tmine\n"
    _write(user_dir, "gazetteer/additions.tsv", row)
    added = read_regions()[-1]
    assert (added.name, added.aliases, added.lat) == ("Zorb River", ("River Zorb",), 10.5)


# The lists that were code


def test_issue_15_quote_cue_roles_name_cues_of_the_one_cue_table() -> None:
    from newsgraph.nlp.quotes._lexicon import load_lexicon

    lex = load_lexicon()
    for role in (lex.xcomp, lex.inverting, lex.reporting_passive):
        assert role and all(lex.is_cue(verb) for verb in role), role - {
            v for v in role if lex.is_cue(v)
        }


def test_issue_15_places_weights_are_one_documented_table() -> None:
    from newsgraph.nlp import places
    from newsgraph.nlp.places import _cues as _place_cues

    rows = read_table("places/weights.tsv", ("NAME", "VALUE", "MEANING"), strip=True)
    assert all(len(row["MEANING"].split()) >= 3 for row in rows)
    weights = {row["NAME"]: float(row["VALUE"]) for row in rows}
    assert weights == _place_cues.WEIGHTS
    assert places.KIND_PRIOR["country"] == weights["prior.country"]
    assert weights["pattern_bonus"] == _place_cues.PATTERN_BONUS


def test_issue_15_amount_words_come_from_their_data_file() -> None:
    from newsgraph.nlp.amounts import _grammar as _amounts_grammar

    words = read_toml("amounts/words.toml")
    used = _amounts_grammar.words()
    assert words["measures"] == used.measures and "barrels" in words["measures"]
    assert tuple(words["qualifiers"]) == used.qualifiers
    assert frozenset(words["people"]) == used.people


def test_amount_words_of_folders_chosen_at_run_time_are_read(tmp_path: Path) -> None:
    """A caller's data folders reach the amounts' words on the next call, not only at import."""
    from newsgraph.nlp import amounts

    _write(tmp_path, "amounts/words.toml", '[currencies]\n"rupiah" = "IDR"\n')
    text = "The firm paid 40 billion rupiah."
    assert amounts.find_amounts(text, None)[0].unit is None
    with using_data_dirs([tmp_path]):
        [found] = amounts.find_amounts(text, None)
    assert (found.text, found.unit, found.value) == ("40 billion rupiah", "IDR", 40e9)
    assert amounts.find_amounts(text, None)[0].unit is None


# Every EXAMPLE column is run


def test_issue_15_every_variant_example_keys_alike() -> None:
    from newsgraph.nlp.entities.aliases import name_key

    rows = read_table("entities/variants.tsv", ("variant", "spelling", "example"))
    assert rows
    for row in rows:
        first, second = row["example"].split(" / ")
        assert name_key(first) == name_key(second), row.line


@pytest.mark.slow
def test_issue_15_every_event_pattern_fires_on_its_example(nlp) -> None:
    from newsgraph.nlp.events._lexicon import find_matches, lexicon

    misses = []
    for patterns in lexicon().values():
        for pattern in patterns:
            doc = nlp(pattern.example)
            found = [m.pattern for sent in doc.sents for m in find_matches(sent)]
            if pattern not in found:
                misses.append(f"{pattern.type} {' '.join(pattern.lemmas)}: {pattern.example}")
    assert not misses, "\n".join(misses)


@pytest.mark.slow
def test_issue_15_a_user_gazetteer_addition_reaches_the_places_stage(
    user_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The user's table changes the gazetteer's fingerprint: a cache of its own is built."""
    from newsgraph.nlp import gazetteer
    from newsgraph.nlp.places import resolve_spans

    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    text = "Barges sailed down the Zorb River on Monday."
    start = text.index("Zorb River")
    spans = [(start, start + len("Zorb River"))]
    assert resolve_spans(text, spans) == [None]  # a cache is built without the user's row
    row = "feature\tZorb River\tRiver Zorb\t\t\t\t10.5\t20.5\tmine\n"
    _write(user_dir, "gazetteer/additions.tsv", row)
    gazetteer._load_gazetteer.cache_clear()  # as a new process would
    [place] = resolve_spans(text, spans)
    assert place is not None and place.name == "Zorb River" and place.lat == 10.5
