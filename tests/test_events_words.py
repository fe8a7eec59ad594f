"""The events stage's word lists (``data/events/words.toml``) are data read at run time: a data
folder chosen while the process runs (`newsgraph.rules.using_data_dirs`, a `Settings`' data
folders) extends them, and the stage then acts on the extended lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.model import Article
from newsgraph.nlp import events
from newsgraph.nlp.events._lexicon import dirs_in_use, words
from newsgraph.rules import RuleFileError, read_toml, using_data_dirs


def _user_words(folder: Path, text: str) -> Path:
    path = folder / "events" / "words.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return folder


def test_the_shipped_lists_hold_the_words_once_kept_in_code() -> None:
    shipped = words()
    # market quantities, weather and disease: no political doers
    assert {"yen", "gold", "blizzard", "cholera"} <= shipped.non_agents
    assert {"cyclone", "storm"} <= shipped.named_forces
    assert {"town", "province"} <= shipped.settlements
    assert {"verdict", "vote"} <= shipped.vote_heads and "win" in shipped.match_results
    assert {"into", "near"} <= shipped.deploy_preps and "blockade" in shipped.blocking_verbs
    # a phrase of our own and one added for positions and competitions, as runs of words
    phrases = {p for ps in shipped.sports_by_first.values() for p in ps}
    assert ("hat", "trick") in phrases and ("stoppage", "time") in phrases
    # each phrase is reached from its first word, and from no other
    listed = read_toml("events/words.toml", dirs_in_use())["sports_discards"]
    assert phrases == {tuple(p.split()) for p in listed}
    assert all(p[0] == first for first, ps in shipped.sports_by_first.items() for p in ps)
    assert shipped.sports_first == frozenset(shipped.sports_by_first)
    governing = shipped.intent | shipped.refusal | shipped.speech | shipped.deciding
    assert shipped.governors == governing and "decide" in shipped.deciding
    assert {"face", "lead"} <= shipped.party_verbs
    assert shipped.theme_contexts["sanctions"] == "economic"


def test_a_folder_chosen_at_run_time_extends_a_list_only_while_chosen(tmp_path: Path) -> None:
    folder = _user_words(tmp_path / "mine", 'non_agents = ["pig"]\n')
    assert "pig" not in words().non_agents
    with using_data_dirs([folder]):
        assert "pig" in words().non_agents
        assert "yen" in words().non_agents  # the shipped list is extended, not replaced
    assert "pig" not in words().non_agents


def test_a_bad_list_in_a_user_folder_names_the_list(tmp_path: Path) -> None:
    folder = _user_words(tmp_path / "bad", 'crowd_nouns = "mob"\n')
    with using_data_dirs([folder]), pytest.raises(RuleFileError, match="crowd_nouns"):
        words()


def test_a_user_non_agent_chosen_at_run_time_drops_its_act(nlp, tmp_path: Path) -> None:
    # Our sentence: wild pigs are no political party, but the shipped list does not know them.
    text = "Wild pigs attacked the farms near the river on Monday."
    article = Article(text=text, body=text)
    before = {e.type for e in events.find_events(article, nlp(text))}
    folder = _user_words(tmp_path / "pests", 'non_agents = ["pig"]\n')
    with using_data_dirs([folder]):
        during = {e.type for e in events.find_events(article, nlp(text))}
    after = {e.type for e in events.find_events(article, nlp(text))}
    assert "ASSAULT" in before and "ASSAULT" in after
    assert not during


def test_a_user_crowd_noun_chosen_at_run_time_turns_an_attack_into_a_riot(
    nlp, tmp_path: Path
) -> None:
    # Our sentence: the fans' attack is a protest turned violent (CAMEO 145) once they are listed.
    text = "Angry fans attacked the police station in the capital."
    article = Article(text=text, body=text)
    before = events.find_events(article, nlp(text))
    folder = _user_words(tmp_path / "crowds", 'crowd_nouns = ["fan"]\n')
    with using_data_dirs([folder]):
        during = events.find_events(article, nlp(text))
    assert before and before[0].cameo != "145"
    assert during and during[0].cameo == "145" and during[0].type == "PROTEST"
