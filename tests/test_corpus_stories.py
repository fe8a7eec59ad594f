"""Stories: articles on the same event grouped, batch and incremental."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np

from newsgraph.clean.assemble import build_article
from newsgraph.corpus import stories
from newsgraph.model import Article

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
    assert "id:place:x" in terms
    assert "lara_osk" in terms and "kessin" in terms and "2019" in terms
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
