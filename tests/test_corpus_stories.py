"""Stories: articles on the same event grouped, batch and incremental."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from newsgraph.clean.assemble import build_article
from newsgraph.corpus import stories
from newsgraph.corpus._story_names import (
    MAX_SHORT_WORDS,
    in_prose,
    is_noise,
    phrase_and_opening_keys,
    short_forms,
)
from newsgraph.model import Article, Entity, Mention
from newsgraph.store.db import connect
from newsgraph.store.write import write_batch

QUAKE_A = [
    "An earthquake of magnitude 6.1 struck near the town of Oruvel in the Kessin highlands.",
    "Rescue teams from Oruvel searched collapsed houses, and the Kessin governor said schools "
    "would stay closed.",
]
QUAKE_B = [
    "Rescuers in Oruvel pulled survivors from rubble after the Kessin earthquake of magnitude 6.1.",
    "The governor of Kessin said schools in Oruvel would remain shut while engineers check them.",
]
QUAKE_OTHER = [
    "A magnitude 5.4 earthquake shook Daltrey, a port on the Verna coast, cracking walls in the "
    "harbour district.",
    "The Verna mayor ordered checks of old warehouses and said nobody had been hurt.",
]
FINAL = [
    "Harwick Rovers beat Selby Athletic two goals to one in the cup final at Lanmoor stadium.",
    "The Rovers captain lifted the trophy in front of forty thousand fans in Lanmoor.",
]


def make(paragraphs: list[str], hours: float = 0.0, title: str | None = None) -> Article:
    when = datetime(2025, 2, 1, tzinfo=UTC) + timedelta(hours=hours)
    return build_article(title=title, standfirst=None, paragraphs=paragraphs, published=when)


def test_cluster_groups_same_event_and_splits_similar_events() -> None:
    articles = [
        make(QUAKE_A),
        make(FINAL),
        make(QUAKE_B, 3),
        make(QUAKE_OTHER, 5),
        make(FINAL[::-1], 2),
    ]
    labels = stories.cluster(articles)
    assert len(labels) == 5
    assert labels[0] == labels[2]
    assert labels[1] == labels[4]
    assert labels[3] not in {labels[0], labels[1]}
    assert labels[0] == 0  # numbered by first appearance


def test_articles_far_apart_in_time_are_never_one_story() -> None:
    labels = stories.cluster([make(QUAKE_A), make(QUAKE_B, 24 * (stories.WINDOW_DAYS + 2))])
    assert labels[0] != labels[1]


def test_cluster_edge_cases() -> None:
    assert stories.cluster([]) == []
    assert stories.cluster([make(FINAL)]) == [0]
    assert stories.cluster([make(["!"]), make(["?"])]) == [0, 1]


def test_name_terms_take_entities_capitalised_phrases_and_years() -> None:
    terms = stories.name_terms("The Kessin governor met Lara Osk in 2019. He left.", ["place:x"])
    assert "x" in terms
    assert "lara-osk" in terms and "kessin" in terms and "2019" in terms
    assert "the" not in terms and "he" not in terms


def test_incremental_assignment_joins_the_most_similar_story() -> None:
    sim = np.array(
        [
            [1.0, 0.9, 0.1, 0.8],
            [0.9, 1.0, 0.0, 0.7],
            [0.1, 0.0, 1.0, 0.05],
            [0.8, 0.7, 0.05, 1.0],
        ]
    )
    assert stories.assign_incrementally(sim, [5, 5, None, None]) == [5, 5, 6, 5]
    assert stories.assign_incrementally(sim, [None] * 4) == [0, 0, 1, 0]


# Issue 14, item 8: on a small corpus, stories merged unrelated articles. Made-up reports in the
# shape of real ones: a wire footer on the conflict reports, a site footer on the lifestyle pages.
WIRE = (
    "Reporting by Reuters staff; Editing by the Reuters desk. Our Standards: The Thomson Reuters "
    "Trust Principles."
)
SITE = (
    "Sign up to our weekly newsletter for the best ideas on food, travel and tech, straight to "
    "your inbox every Sunday."
)
GAZA_A = [
    "Israeli strikes kill 18 in central Gaza, health officials say",
    "Israeli air strikes on Deir al-Balah in central Gaza killed at least 18 people overnight, "
    "including six children, the Gaza health ministry said on Tuesday.",
    "Witnesses said a strike hit a school run by UNRWA where hundreds of displaced families were "
    "sheltering. The Israeli military said it had targeted Hamas fighters operating from the "
    "compound.",
    "Mediators in Cairo were due to resume talks on a ceasefire later in the week.",
    WIRE,
]
GAZA_B = [
    "Eighteen dead after overnight bombardment of Deir al-Balah",
    "At least 18 Palestinians, six of them children, were killed when Israeli aircraft bombed "
    "Deir al-Balah overnight, according to the health ministry in Gaza.",
    "The Israeli army said the strikes targeted Hamas gunmen who used a UNRWA school as cover; "
    "residents said displaced families had been sleeping in its classrooms.",
    "Hospital staff in Deir al-Balah said they were running out of fuel for generators.",
    WIRE,
]
HOUTHI = [
    "Houthi rebels hit oil tanker off Yemen",
    "Yemen's Houthi rebels fired two missiles at an oil tanker in the Red Sea on Tuesday, setting "
    "it ablaze west of the port of Hodeidah, the British maritime agency UKMTO said.",
    "The crew of the Marshall Islands-flagged vessel were evacuated by a passing warship. A Houthi "
    "military spokesman said the attack was carried out in support of Palestinians in Gaza and "
    "that Israeli-linked ships would remain targets.",
    "Insurers said war-risk premiums for the route would rise again.",
    WIRE,
]
ELN = [
    "ELN guerrillas attack army base in Colombia's Arauca",
    "Fighters of Colombia's ELN guerrilla group attacked an army base in the eastern province of "
    "Arauca with explosives on Tuesday, killing two soldiers and wounding nine, the army said.",
    "President Gustavo Petro suspended peace talks with the National Liberation Army after the "
    "attack, which he called a crime against the peace process.",
    "The ELN has been fighting the state for six decades.",
    WIRE,
]
SUDAN = [
    "Sudan's army says it retook bridge in Khartoum",
    "Sudan's army said on Wednesday it had retaken a strategic bridge in Khartoum from the "
    "paramilitary Rapid Support Forces after days of heavy fighting, killing dozens of fighters.",
    "The RSF denied losing the bridge and said its forces had repelled the attack. General Abdel "
    "Fattah al-Burhan visited soldiers in Omdurman, the army said.",
    "The war has driven more than ten million people from their homes.",
    WIRE,
]
RECIPE = [
    "Easy lemon chicken for busy weeknights",
    "This lemon chicken takes just thirty minutes and one pan, so it is perfect for busy "
    "weeknights at home.",
    "Season the chicken thighs with salt, pepper and garlic, brown them in olive oil, then add "
    "lemon juice and a splash of stock and simmer until tender.",
    "Serve with rice or a simple green salad. Our best tip: let the sauce reduce for a few extra "
    "minutes.",
    SITE,
]
TRAVEL = [
    "A perfect long weekend in Lisbon",
    "Lisbon is perfect for a long weekend: the city is easy to explore on foot and the best views "
    "are free.",
    "Start at the Alfama district, take the famous tram up the hill, and end the day with grilled "
    "sardines by the river at sunset.",
    "Our best tip: book a table a few days ahead, and pack comfortable shoes for the hills.",
    SITE,
]
GADGET = [
    "Review: these wireless earbuds are the best we tested this year",
    "The new wireless earbuds are light, easy to set up and perfect for a busy commute, with "
    "battery life of eight hours.",
    "Noise cancelling works well on trains, and the case charges in just thirty minutes.",
    "Our best tip: update the app at home before your first run, it adds a simple equaliser.",
    SITE,
]
SMALL_CORPUS = [GAZA_A, GAZA_B, HOUTHI, ELN, SUDAN, RECIPE, TRAVEL, GADGET]


def report(parts: list[str], hours: float = 0.0) -> Article:
    when = datetime(2025, 3, 4, tzinfo=UTC) + timedelta(hours=hours)
    return build_article(title=parts[0], standfirst=None, paragraphs=parts[1:], published=when)


def small_corpus() -> list[Article]:
    return [report(parts, hours=k) for k, parts in enumerate(SMALL_CORPUS)]


def test_issue14_item8_cluster_keeps_unrelated_articles_of_a_small_corpus_apart() -> None:
    labels = stories.cluster(small_corpus())
    assert labels[0] == labels[1]  # the same strikes, told in other words
    assert len(set(labels)) == 7  # Houthi, ELN, Sudan and each lifestyle page alone


def test_issue14_item8_incremental_assignment_keeps_unrelated_articles_apart() -> None:
    articles = small_corpus()
    found = stories.scores(
        [a.text for a in articles],
        [stories.name_terms(a.text) for a in articles],
        [a.published for a in articles],
    )
    labels = stories.assign_incrementally(
        found.similarity, [None] * len(articles), evidence=found.evidence
    )
    assert labels[0] == labels[1]
    assert len(set(labels)) == 7


def test_issue14_item8_store_places_a_small_corpus_in_separate_stories(tmp_path: Path) -> None:
    conn = connect(tmp_path / "news.db")
    articles = small_corpus()
    for article in articles:  # one at a time, as they arrive
        write_batch(conn, [article])
    story = dict(conn.execute("SELECT id, story_id FROM articles").fetchall())
    labels = [story[a.id] for a in articles]
    assert labels[0] == labels[1]
    assert len(set(labels)) == 7
    conn.close()


def test_issue14_item8_countries_and_outlets_are_no_evidence() -> None:
    keys = stories.evidence_keys(
        stories.name_terms(
            "Reuters reported on Tuesday that Colombia and Sudan, and the Middle East, "
            "met Israeli envoys. President Gustavo Petro flew to Arauca.",
            ["place:colombia", "organization:reuters", "person:gustavo-petro"],
        )
    )
    assert keys == ["arauca", "gustavo-petro"]


def test_issue14_item8_evidence_needs_a_shared_name_shared_words_and_close_dates() -> None:
    same = ["Floods cut off Velmar", "Floods cut off the town of Velmar after the river rose."]
    again = ["Velmar cut off by floods", "The river rose and floods cut off the town of Velmar."]
    other = ["Floods cut off Dunmore", "Floods cut off the town of Dunmore after the river rose."]
    articles = [report(same), report(again, 5), report(other, 6), report(again, 24 * 9)]
    found = stories.scores(
        [a.text for a in articles],
        [stories.name_terms(a.text) for a in articles],
        [a.published for a in articles],
    )
    assert found.evidence[0, 1]  # the same town, the same words, hours apart
    assert not found.evidence[0, 2]  # the same words, another town
    assert not found.evidence[0, 3]  # the same report nine days later
    assert found.evidence.diagonal().all()


def test_issue14_item8_entity_ids_of_specific_names_are_evidence() -> None:
    def with_entity(parts: list[str], name: str, entity_id: str) -> Article:
        article = report(parts)
        at = article.text.index(name)
        mention = Mention(start=at, end=at + len(name), text=name)
        entity = Entity(
            start=at,
            end=at + len(name),
            stage="entities",
            id=entity_id,
            name=name,
            type="group",
            mentions=[mention],
        )
        return article.model_copy(update={"entities": [entity]})

    # lower-case text: no capitalised phrase, only the entity id names the group
    first = with_entity(
        ["rebels of the eln attacked an army base, killing two soldiers"], "eln", "group:eln"
    )
    second = with_entity(
        ["two soldiers were killed when the eln attacked an army base"], "eln", "group:eln"
    )
    assert stories.cluster([first, second]) == [0, 0]
    assert stories.cluster([first, report(["two soldiers were killed when rebels attacked"])]) == [
        0,
        1,
    ]


def test_split_unsupported_keeps_only_evidence_connected_members() -> None:
    evidence = np.eye(4, dtype=bool)
    evidence[0, 1] = evidence[1, 0] = evidence[1, 2] = evidence[2, 1] = True
    assert stories.split_unsupported([0, 0, 0, 0], evidence) == [0, 0, 0, 1]


def test_issue14_item21_importing_stories_leaves_scikit_learn_and_scipy_unloaded() -> None:
    code = (
        "import sys, newsgraph.corpus.stories; "
        "print(sorted(m for m in ('sklearn', 'scipy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_issue_15_assign_is_pure_the_store_hands_it_the_pool() -> None:
    """Issue 15: `assign` takes the pool and a loader instead of a connection (no SQL here)."""
    stored = make(QUAKE_A, title="Quake in Oruvel")
    asked: list[list[str]] = []

    def load(ids):
        asked.append(list(ids))
        return {stored.id: stored.text}, {stored.id: []}

    stories._CACHE.pop(stored.id, None)
    assert stored.published is not None
    pool = [stories.Pooled(stored.id, stored.published.isoformat(), 7)]
    found = stories.assign([make(QUAKE_B, 3), make(FINAL, 4)], pool, next_id=8, load=load)
    assert asked == [[stored.id]]  # texts read once for the uncached pool member
    assert list(found.values()) == [7, 8]  # joins story 7; the cup final starts story 8
    assert stories.assign([], pool, next_id=8, load=load) == {}


# Shorter forms of a name: a report names a person or a body in full once, another report of the
# same event may use only the surname or the place. Made-up names.
def test_short_forms_are_list_parts_and_the_words_at_either_end_of_a_name() -> None:
    assert short_forms("lina-orvik") == {"lina", "orvik"}
    assert short_forms("kessin-police-department") == {
        "kessin",
        "kessin-police",
        "police-department",
        "department",
    }
    assert short_forms("oruvel-and-daltrey") == {"oruvel", "daltrey"}
    # runs that begin or end with a linking word, short runs and generic names are no names
    assert short_forms("bank-of-tessaly") == {"bank", "tessaly"}
    assert short_forms("al-burhan") == {"burhan"}
    assert short_forms("colombia-and-sudan") == set()
    assert short_forms("velmar") == set()


BRIDGE_A = [
    "Mayor Lina Orvik shuts the old bridge over the Tessa",
    "Mayor Lina Orvik closed the old bridge over the Tessa on Monday after engineers found deep "
    "cracks in two of its stone piers.",
]
BRIDGE_B = [
    "Old bridge stays shut after cracks are found in its piers",
    "The old bridge will stay closed until engineers repair the deep cracks in two stone piers, "
    "the mayor, Orvik, said on Monday.",
]
BRIDGE_OTHER = [
    "Old bridge stays shut after cracks are found in its piers",
    "The old bridge will stay closed until engineers repair the deep cracks in two stone piers, "
    "the mayor, Danner, said on Monday.",
]


def test_a_surname_meets_the_full_name_as_a_shared_name() -> None:
    articles = [report(BRIDGE_A), report(BRIDGE_B, 2), report(BRIDGE_OTHER, 3)]
    names = [stories.name_terms(a.text) for a in articles]
    assert "lina-orvik" in names[0] and "orvik" in names[1] and "lina-orvik" not in names[1]
    assert "orvik" in stories.short_keys(stories.evidence_keys(names[0]))
    found = stories.scores([a.text for a in articles], names, [a.published for a in articles])
    assert found.evidence[0, 1] and found.evidence[1, 0]  # "Lina Orvik" and "Orvik"
    assert not found.evidence[0, 2]  # the same words, but another mayor and no river named
    assert stories.cluster(articles[:2]) == [0, 0]


def test_two_long_names_sharing_only_inner_words_do_not_meet() -> None:
    first = report(
        ["Cup for Harwick Rovers Academy", "The youth cup went to Harwick Rovers Academy."]
    )
    second = report(
        ["Cup for Selby Rovers Academy", "The youth cup went to Selby Rovers Academy."], 1
    )
    assert "harwick-rovers-academy" in stories.name_terms(first.text)
    found = stories.scores(
        [first.text, second.text],
        [stories.name_terms(first.text), stories.name_terms(second.text)],
    )
    assert not found.evidence[0, 1]


def test_assign_matches_a_surname_against_a_stored_full_name() -> None:
    """The store path: short forms travel in the cached `Terms` of pooled articles."""
    stored = report(BRIDGE_A)
    stories._CACHE.pop(stored.id, None)
    assert stored.published is not None
    pool = [stories.Pooled(stored.id, stored.published.isoformat(), 3)]

    def load(ids):
        return {stored.id: stored.text}, {stored.id: []}

    found = stories.assign([report(BRIDGE_B, 2)], pool, next_id=4, load=load)
    assert list(found.values()) == [3]
    stories._CACHE.pop(stored.id, None)
    found = stories.assign([report(BRIDGE_OTHER, 2)], pool, next_id=4, load=load)
    assert list(found.values()) == [4]


def phrase_keys(text: str) -> list[str]:
    return phrase_and_opening_keys(text)[0]


def test_a_capitalised_word_the_text_also_writes_in_lower_case_is_no_name() -> None:
    text = (
        "Police said the fire began after midnight in Velmar. Crews said Police had sealed the "
        "square. By morning the police had closed the road, and Firefighters from Dunmore helped."
    )
    keys = phrase_keys(text)
    assert "police" not in keys  # "the police had closed": the common noun
    assert "velmar" in keys and "dunmore" in keys
    assert "firefighters" in keys  # never written in lower case here: kept, as before
    # a web address is no running prose: "velmar" in it does not make the town a common word
    linked = "Read more at https://news.example/velmar-fire today. Crews in Velmar worked on."
    assert in_prose(linked, ["velmar"]) == set() and "velmar" in phrase_keys(linked)
    assert in_prose("we read it, twice", ["read", "it", "twice"]) == {"read", "it"}


def test_timestamps_are_no_names() -> None:
    assert is_noise("am-pdt") and is_noise("friday-august") and is_noise("gmt")
    assert not is_noise("velmar") and not is_noise("august-lindqvist")
    keys = stories.evidence_keys(
        stories.name_terms("Updated 8:13 AM PDT Friday August 2. Floods cut off Velmar at 9 AM.")
    )
    assert keys == ["velmar"]


def test_outlets_named_news_are_no_names() -> None:
    """An outlet's name ending in "News" says nothing of the event two reports cover."""
    assert is_noise("kessin-evening-news") and is_noise("news")
    assert not is_noise("news-corp") and not is_noise("newsome")
    fire = "The Kessin Evening News said a fire closed the Velmar mill on Monday."
    vote = "The Kessin Evening News said the Dunmore council voted on Monday."
    assert stories.evidence_keys(stories.name_terms(fire)) == ["velmar"]
    found = stories.scores([fire, vote], [stories.name_terms(t) for t in (fire, vote)])
    assert not found.evidence[0, 1]


def test_short_forms_stay_few_for_a_long_title_case_phrase() -> None:
    """A run of Title Case words is no name: its forms stay linear in its length."""
    key = "-".join(f"word{i}" for i in range(2000))
    forms = short_forms(key)
    assert 0 < len(forms) <= 2 * MAX_SHORT_WORDS
    assert max(len(f.split("-")) for f in forms) == MAX_SHORT_WORDS
    assert "word0-word1-word2-word3" in forms and "word1999" in forms
    headline = " ".join(["Kessin Harbour Council"] * 600)  # one 1800-word phrase, cut at 6000
    assert stories.short_keys(stories.evidence_keys(stories.name_terms(headline)))


def test_weekday_abbreviations_and_bare_particles_are_no_names() -> None:
    # a dateline "On Tue , 4 / 03" and a name split at its hyphens "Al - Kessin" leave pieces
    assert is_noise("tue") and is_noise("thurs") and is_noise("al") and is_noise("de-la")
    assert not is_noise("al-burhan") and not is_noise("tuesday-market")
    keys = stories.evidence_keys(
        stories.name_terms("On Tue , Al - Kessin said the port of Oruvel shut.")
    )
    assert keys == ["kessin", "oruvel"]


# Sentence-opening words: "Brennock police said ..." opens a sentence, so "Brennock" may be an
# ordinary word ("Witnesses said ..."); it counts only against a report that names it inside a
# sentence. Made-up names.
MILL_A = [
    "Fire at the old mill",
    "Brennock police arrested a man on Friday after a fire destroyed the old flour mill by the "
    "river. Firefighters fought the blaze at the mill for six hours.",
]
MILL_B = [
    "Man held after old mill fire",
    "A fire destroyed the old flour mill in Brennock on Friday, and police arrested a man. "
    "Firefighters fought the blaze at the mill by the river for six hours.",
]
MILL_C = [
    "Fire at the old mill",
    "Dunmore police arrested a man on Friday after a fire destroyed the old flour mill by the "
    "river. Firefighters fought the blaze at the mill for six hours.",
]
MILL_D = [
    "Fire at the old mill",
    "Brennock firefighters fought a fire that destroyed the old flour mill by the river on "
    "Friday, and police arrested a man after the blaze at the mill.",
]


def test_phrase_and_opening_keys_keep_the_dropped_first_word_apart() -> None:
    keys, opening = phrase_and_opening_keys(
        "Brennock police said the mill burned. Witnesses said the witnesses ran. "
        "Harwick Rovers Trust gave money. The Kessin mayor came."
    )
    assert "brennock" not in keys and "brennock" in opening
    assert "witnesses" not in opening  # also written in lower case: an ordinary word
    assert "rovers-trust" in keys and "harwick-rovers-trust" in opening
    assert "kessin" in keys and "the-kessin" not in opening and "kessin" not in opening


def test_a_sentence_opening_name_meets_the_same_name_inside_another_report() -> None:
    articles = [report(MILL_A), report(MILL_B, 1), report(MILL_C, 2), report(MILL_D, 3)]
    names = [stories.name_terms(a.text) for a in articles]
    assert stories.OPENING + "brennock" in names[0] and "brennock" not in names[0]
    assert "brennock" in names[1]
    assert "brennock" not in stories.evidence_keys(names[0])
    assert "brennock" in stories.short_keys(
        stories.evidence_keys(names[0]), [t[1:] for t in names[0] if t[0] == stories.OPENING]
    )
    found = stories.scores([a.text for a in articles], names, [a.published for a in articles])
    assert found.evidence[0, 1] and found.evidence[1, 0]  # "Brennock police" meets "in Brennock"
    assert not found.evidence[1, 2]  # "Dunmore police": another town
    assert not found.evidence[0, 3]  # two sentence-opening "Brennock" are no shared name
    # opening keys weigh nothing in the similarity
    plain = [[t for t in n if not t.startswith(stories.OPENING)] for n in names]
    again = stories.scores([a.text for a in articles], plain, [a.published for a in articles])
    assert np.allclose(found.similarity, again.similarity)
    assert not again.evidence[0, 1]  # without the opening key, no shared name


# Beyond `MAX_CLUSTER` articles, `cluster` groups the first ones by date at once and places the
# later ones in steps, as the store does (bounded memory). Made-up reports of two events.
QUAKE_C = [
    "Aftershocks rattled Oruvel as the Kessin authorities counted the damage from the magnitude "
    "6.1 earthquake.",
    "Schools in Oruvel stay closed, the Kessin governor said, while rescue teams search houses.",
]
QUAKE_D = [
    "The death toll from the Kessin earthquake rose as rescue teams in Oruvel reached the last "
    "collapsed houses.",
    "The governor of Kessin said the schools of Oruvel would reopen once engineers check them.",
]
FINAL_B = [
    "Fans of Harwick Rovers celebrated in Lanmoor after the cup final win over Selby Athletic.",
    "The Rovers captain said the two goals to one win at Lanmoor stadium was for the fans.",
]
FINAL_C = [
    "Selby Athletic lost the cup final to Harwick Rovers at Lanmoor stadium, two goals to one.",
    "Forty thousand fans in Lanmoor watched the Rovers captain lift the trophy.",
]


def two_stories() -> tuple[list[Article], list[str]]:
    """Reports of the quake and of the final over two days, in an input order that is not their
    date order; the story each report belongs to."""
    told = [
        ("final", FINAL_C, 30),
        ("quake", QUAKE_A, 0),
        ("quake", QUAKE_D, 40),
        ("final", FINAL, 1),
        ("quake", QUAKE_B, 3),
        ("final", FINAL_B, 20),
        ("quake", QUAKE_C, 10),
        ("final", FINAL[::-1], 45),
        ("quake", QUAKE_A[::-1], 25),
    ]
    return [make(parts, hours) for _, parts, hours in told], [story for story, _, _ in told]


def spy_on_scores(monkeypatch) -> list[tuple[int, int]]:
    """Record (articles, rows) of every `scores_from_counts` call: the size of its matrices."""
    calls: list[tuple[int, int]] = []
    real = stories.scores_from_counts

    def spy(counts, published=None, *, rows=None):
        n = counts.words.shape[0]
        calls.append((n, n if rows is None else len(rows)))
        return real(counts, published, rows=rows)

    monkeypatch.setattr(stories, "scores_from_counts", spy)
    return calls


def test_cluster_beyond_the_cap_keeps_two_stories_two(monkeypatch) -> None:
    articles, truth = two_stories()
    exact = stories.cluster(articles)
    assert exact == [0 if story == "final" else 1 for story in truth]  # the whole set at once
    monkeypatch.setattr(stories, "MAX_CLUSTER", 3)
    monkeypatch.setattr(stories, "POOL", 2)
    calls = spy_on_scores(monkeypatch)
    assert stories.cluster(articles) == exact  # the later reports each join their story
    assert calls[0] == (3, 3)  # the three earliest reports at once ...
    assert all(n <= 4 and rows <= 2 for n, rows in calls[1:])  # ... then POOL at a time
    assert len(calls) == 4


def test_cluster_beyond_the_cap_numbers_labels_by_input_order_and_keeps_the_window(
    monkeypatch,
) -> None:
    articles, _ = two_stories()
    late = make(QUAKE_B, 24 * (stories.WINDOW_DAYS + 3))  # same words, weeks later
    undated = build_article(title=None, standfirst=None, paragraphs=FINAL_B, published=None)
    monkeypatch.setattr(stories, "MAX_CLUSTER", 2)
    monkeypatch.setattr(stories, "POOL", 3)
    labels = stories.cluster([late, undated, *articles])
    assert labels[0] == 0 and labels[1] == 1  # numbered by first appearance in the input
    assert labels[0] not in labels[2:]  # outside the date window: a story of its own
    assert labels[2:] == [1, 2, 2, 1, 2, 1, 2, 1, 2]  # the undated report joins the final


def test_cluster_up_to_the_cap_builds_the_whole_matrix_once(monkeypatch) -> None:
    articles, _ = two_stories()
    monkeypatch.setattr(stories, "MAX_CLUSTER", len(articles))
    calls = spy_on_scores(monkeypatch)
    assert stories.cluster(articles) == [0, 1, 1, 0, 1, 0, 1, 0, 1]
    assert calls == [(9, 9)]
    calls.clear()
    monkeypatch.setattr(stories, "MAX_CLUSTER", len(articles) - 1)
    stories.cluster(articles)
    assert calls[0] == (8, 8) and len(calls) == 2  # one more than the cap: placed in a step


def test_cluster_memory_is_bounded_by_the_cap_and_the_pool(monkeypatch) -> None:
    articles = [make(parts, hours) for hours in range(12) for parts in (QUAKE_A, FINAL)]
    monkeypatch.setattr(stories, "MAX_CLUSTER", 5)
    monkeypatch.setattr(stories, "POOL", 4)
    calls = spy_on_scores(monkeypatch)
    labels = stories.cluster(articles)
    assert max(n for n, _ in calls) <= 8  # never 24 x 24: at most the cap or pool + step
    assert sum(rows for _, rows in calls) == len(articles)  # every article scored once
    assert len(set(labels)) == 2 and labels[:2] == [0, 1]


def test_cluster_beyond_the_cap_never_reuses_the_label_of_a_story_out_of_the_pool(
    monkeypatch,
) -> None:
    # by date: quake, final (grouped at once), two more quake reports (the final leaves the pool),
    # then another earthquake: a new story, not the final's
    articles = [
        make(QUAKE_OTHER, 4),
        make(FINAL, 1),
        make(QUAKE_A, 0),
        make(QUAKE_B, 2),
        make(QUAKE_C, 3),
    ]
    monkeypatch.setattr(stories, "MAX_CLUSTER", 2)
    monkeypatch.setattr(stories, "POOL", 2)
    assert stories.cluster(articles) == [0, 1, 2, 2, 2]


def test_cluster_beyond_the_cap_places_an_undated_report_beside_the_reports_it_came_with(
    monkeypatch,
) -> None:
    # an undated report of the final, given right after a dated one, among many quake reports:
    # taken last, it would meet only quake reports in its pool and start a story of its own
    undated = build_article(title=None, standfirst=None, paragraphs=FINAL_B, published=None)
    quakes = [make(parts, hours) for hours in range(2, 10) for parts in (QUAKE_A,)]
    articles = [make(FINAL, 1), undated, *quakes]
    monkeypatch.setattr(stories, "MAX_CLUSTER", 2)
    monkeypatch.setattr(stories, "POOL", 2)
    assert stories.cluster(articles) == [0, 0] + [1] * len(quakes)


# Binary term weights: a report that repeats itself is no more and no less like another report.
FERRY = [
    "A ferry ran aground off Skarra island on Monday and its 212 passengers were taken ashore.",
    "The Skarra harbour master said the ferry Norvind struck a sandbank in thick fog.",
]
FERRY_AGAIN = [
    "Passengers of the Norvind were brought ashore on Skarra after the ferry hit a sandbank.",
    "Fog was thick, the harbour master of Skarra said, and all 212 people were safe.",
]


def test_repeating_a_paragraph_leaves_the_similarity_as_it_was() -> None:
    long_version = [*FERRY, FERRY[1], FERRY[1], FERRY[1]]  # a page that repeats its text
    articles = [make(FERRY), make(long_version, 1), make(FERRY_AGAIN, 2)]
    found = stories.scores(
        [a.text for a in articles], [stories.name_terms(a.text) for a in articles]
    )
    # the same terms, each counted once; only the bigram across a repeat ("fog skarra") is new
    # (counted by 1 + log of its count, the threefold paragraph made it 0.90)
    assert found.similarity[0, 1] > 0.95


def test_tfidf_weighs_a_term_by_presence_not_by_count() -> None:
    from scipy import sparse

    counts = sparse.csr_matrix(np.array([[7.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 1.0, 1.0]]))
    weighted = stories._tfidf(counts, 1).toarray()
    assert np.allclose(weighted[0], weighted[1])


# Terms in one article only: filler reports of other things, so that the corpus passes
# `MIN_DF_FROM` and terms in one article are dropped.
_FILLER_TOPICS = [
    "orchard", "violin", "glacier", "tram", "lantern", "pottery", "falcon", "quarry",
    "meadow", "kiln", "harbour", "canal", "beehive", "observatory", "loom", "vineyard",
    "lighthouse", "bakery", "chess", "regatta",
]  # fmt: skip


def _fillers() -> list[Article]:
    return [
        make([f"The {word} society met to plan its {word} season and elect a new treasurer."], k)
        for k, word in enumerate(_FILLER_TOPICS)
    ]


def test_names_in_one_article_only_do_not_dilute_the_names_it_shares() -> None:
    bystanders = "Guests included Ottla Brenvik, Sigurd Malmqvist and Ines Corvallo."
    plain = [make(FERRY), make(FERRY_AGAIN, 1)]
    padded = [make([*FERRY, bystanders]), make(FERRY_AGAIN, 1)]
    sims = []
    for pair in (plain, padded):
        articles = [*pair, *_fillers()]
        assert len(articles) >= stories.MIN_DF_FROM
        found = stories.scores(
            [a.text for a in articles], [stories.name_terms(a.text) for a in articles]
        )
        sims.append(found.similarity[0, 1])
    assert abs(sims[0] - sims[1]) < 1e-9  # names nobody else has weigh nothing


NORVIND = [
    "Ferry runs aground off Skarra",
    "The ferry Norvind ran aground off Skarra island on Monday morning, and all 212 passengers "
    "were taken ashore by lifeboats, the coastguard said.",
    "The ferry had left the port of Velby at dawn. The harbour master of Skarra said the ferry "
    "struck a sandbank in thick fog, and that the ferry company would tow it off at high tide.",
    "Passengers said the ferry tilted and the lights went out. The ferry company, Nordsund "
    "Lines, said nobody was hurt.",
]
NORVIND_AGAIN = [
    "212 safe after Norvind grounding",
    "Lifeboats brought 212 people ashore after the Norvind hit a sandbank near Skarra in heavy "
    "fog on Monday.",
    "Nordsund Lines, which runs the route from Velby, said tugs would try to free the vessel "
    "when the tide rose; the coastguard said there was no leak.",
    "One passenger said the deck lurched and the cabins went dark for an hour.",
]
AURELIA = [  # another grounding, told from the same mould as NORVIND
    "Ferry runs aground off Tallholm",
    "The ferry Aurelia ran aground off Tallholm on Wednesday, and its 96 passengers were taken "
    "ashore, the coastguard said.",
    "The ferry had left the port of Grenna at noon. The harbour master of Tallholm said the "
    "ferry struck rocks in a storm, and that the ferry company would inspect the hull.",
    "Passengers said the ferry shook. The ferry company, Baltvik Ferries, said two people were "
    "treated for bruises.",
]


def test_a_report_of_the_same_event_is_nearer_than_one_that_repeats_the_same_words() -> None:
    # Counted by 1 + log of their counts, the six "ferry"s of both groundings made AURELIA the
    # nearer (0.73 against 0.59); counted once, the details of the event decide.
    articles = [report(NORVIND), report(NORVIND_AGAIN, 3), report(AURELIA, 30), *_fillers()]
    found = stories.scores(
        [a.text for a in articles], [stories.name_terms(a.text) for a in articles]
    )
    assert found.similarity[0, 1] > found.similarity[0, 2]


# A name in many articles (`COMMON_SHARE`, `COMMON_FROM`) is the town of many stories: shared
# alone, it does not make two reports one event.
_OWNERS = [
    f"{first} {last}"
    for first in ("Edda", "Tobias", "Marit", "Henrik", "Solveig", "Anselm")
    for last in ("Rinkvist", "Harlund", "Oskerby", "Tamsholt")
]


def _market_fire(owner: str, k: int) -> Article:
    return make(
        [
            f"A fire destroyed part of the covered market of Varnholm overnight, and {owner} "
            f"lost a stall that had sold cheese for {10 + k} years, firefighters said.",
            f"{owner} said the wooden roof of the market caught first and the flames spread "
            "along the row of stalls before the fire crews arrived.",
        ],
        k,
    )


def test_a_name_in_many_articles_is_no_evidence_alone() -> None:
    for many in (19, 22):  # Varnholm in 20 articles is not common (`COMMON_FROM`), in 23 it is
        articles = [_market_fire(owner, k) for k, owner in enumerate(_OWNERS[:many])]
        articles.append(_market_fire(_OWNERS[0], 30))  # another report on the first stall
        found = stories.scores(
            [a.text for a in articles],
            [stories.name_terms(a.text) for a in articles],
            [a.published for a in articles],
        )
        assert found.evidence[0, many]  # Varnholm and the stallholder: one event
        assert found.evidence[0, 5] == (many < 20)  # Varnholm alone (Edda Rinkvist, Tobias Harlund)


def test_cluster_keeps_two_events_in_one_common_town_apart() -> None:
    first, second = _OWNERS[0], _OWNERS[5]
    articles = [_market_fire(first if k % 2 else second, k) for k in range(24)]
    labels = stories.cluster(articles)
    assert len(set(labels)) == 2
    assert all((labels[k] == labels[1]) == (k % 2 == 1) for k in range(24))


def test_without_drops_only_the_given_columns() -> None:
    from scipy import sparse

    matrix = sparse.csr_matrix(np.array([[1.0, 1.0, 0.0], [0.0, 1.0, 1.0]]))
    kept = stories._without(matrix, np.array([1])).toarray()
    assert kept.tolist() == [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]


def test_tfidf_leaves_a_row_of_single_article_terms_empty_not_undefined() -> None:
    from scipy import sparse

    # a pool where no name of the last article is in any other: its name row is all zeros
    counts = sparse.csr_matrix(np.array([[1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 3.0]]))
    weighted = stories._tfidf(counts, 2).toarray()
    assert np.isfinite(weighted).all()
    assert weighted[2].tolist() == [0.0, 0.0, 0.0]
    assert np.isclose(weighted[0] @ weighted[1], 1.0)
