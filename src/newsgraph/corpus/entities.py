"""Entities across the corpus: one canonical row per entity id, merged as articles arrive.

An article's entities (from the entities stage) carry stable ids, so the same person in two
articles is one row in `entities`: its aliases are the union of the names used, `article_count`
and `mention_count` grow, and `first_seen`/`last_seen` span the articles' dates. Every mention is
kept with its offsets. `merge_batch` sums a batch per entity (no SQL here); the store
(`newsgraph.store.entities`) adds the sums to the stored rows, and `newsgraph.store.read`
answers which entities are named together (`co_mentions`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import NamedTuple

from newsgraph.model import Article


class EntityRow(NamedTuple):
    """One entity summed over a batch: what the store adds to its row."""

    id: str
    name: str
    type: str
    aliases: str  # JSON list of the other names used
    articles: int
    mentions: int
    first_seen: str | None
    last_seen: str | None


class MentionRow(NamedTuple):
    article_id: str
    entity_id: str
    start: int
    end: int
    text: str


def merge_batch(
    articles: Sequence[tuple[Article, str | None]],
) -> tuple[list[EntityRow], list[MentionRow]]:
    """The entities of (article, date seen) pairs summed per entity, and every mention.

    An entity named in several articles of one batch is counted once per article; the batch is
    summed per entity first, so each entity costs the store one upsert however many articles
    name it. An entity without mentions counts its own span as one.
    """
    merged: dict[str, _Merged] = {}
    mentions: list[MentionRow] = []
    for article, seen in articles:
        for entity in article.entities:
            found = entity.mentions or []
            names = {entity.name, *entity.aliases, *(m.text for m in found)}
            row = merged.get(entity.id)
            if row is None:
                merged[entity.id] = _Merged(entity.name, entity.type, names, seen)
                row = merged[entity.id]
            else:
                row.add(names, seen)
            row.mentions += max(len(found), 1)
            if found:
                mentions.extend(
                    MentionRow(article.id, entity.id, m.start, m.end, m.text) for m in found
                )
            else:
                mentions.append(
                    MentionRow(article.id, entity.id, entity.start, entity.end, entity.name)
                )
    rows = [
        EntityRow(
            entity_id,
            m.name,
            m.type,
            json.dumps(sorted(m.names - {m.name})),
            m.articles,
            m.mentions,
            m.first,
            m.last,
        )
        for entity_id, m in merged.items()
    ]
    return rows, mentions


class _Merged:
    """One entity summed over the articles of a batch that name it."""

    __slots__ = ("articles", "first", "last", "mentions", "name", "names", "type")

    def __init__(self, name: str, type_: str, names: set[str], seen: str | None) -> None:
        self.name, self.type, self.names = name, type_, names
        self.articles, self.mentions = 1, 0
        self.first = self.last = seen

    def add(self, names: set[str], seen: str | None) -> None:
        self.names |= names
        self.articles += 1
        if seen is not None:
            self.first = seen if self.first is None else min(self.first, seen)
            self.last = seen if self.last is None else max(self.last, seen)
