"""Cross-article entities: a batch summed per entity before the store adds it (issue 15)."""

from __future__ import annotations

import json

from newsgraph.corpus.entities import EntityRow, MentionRow, merge_batch
from newsgraph.model import Article, Entity, Mention


def _article(text: str, *entities: Entity) -> Article:
    return Article(text=text, entities=list(entities))


def _entity(entity_id: str, name: str, *spans: tuple[int, int, str]) -> Entity:
    first = spans[0] if spans else (0, len(name), name)
    return Entity(
        id=entity_id,
        name=name,
        type="person",
        start=first[0],
        end=first[1],
        stage="entities",
        mentions=[Mention(start=s, end=e, text=t) for s, e, t in spans],
    )


def test_issue_15_merge_batch_sums_per_entity_without_a_store() -> None:
    one = _article(
        "Ana Duarte spoke. Duarte left.",
        _entity("person:ana-duarte", "Ana Duarte", (0, 10, "Ana Duarte"), (18, 24, "Duarte")),
    )
    two = _article("Mayor Duarte again.", _entity("person:ana-duarte", "Ana Duarte"))
    rows, mentions = merge_batch([(one, "2025-05-02"), (two, "2025-05-01")])
    assert rows == [
        EntityRow(
            "person:ana-duarte",
            "Ana Duarte",
            "person",
            json.dumps(["Duarte"]),
            2,  # articles
            3,  # two mentions in one, the entity's own span in the other
            "2025-05-01",
            "2025-05-02",
        )
    ]
    assert mentions == [
        MentionRow(one.id, "person:ana-duarte", 0, 10, "Ana Duarte"),
        MentionRow(one.id, "person:ana-duarte", 18, 24, "Duarte"),
        MentionRow(two.id, "person:ana-duarte", 0, 10, "Ana Duarte"),
    ]
    assert merge_batch([]) == ([], [])
