from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from newsgraph.model import SCHEMA_VERSION, Article, Entity, Mention, article_json_schema


def test_every_record_carries_the_schema_version() -> None:
    article = Article(text="x")
    assert article.schema_version == SCHEMA_VERSION
    assert '"schema_version":"' in article.to_json()


def test_published_must_be_timezone_aware() -> None:
    with pytest.raises(ValidationError):
        Article(published=datetime(2015, 6, 24))
    assert Article(published=datetime(2015, 6, 24, tzinfo=UTC)).published is not None


def test_records_are_immutable_and_copied_by_stages() -> None:
    article = Article(text="Obama spoke.")
    with pytest.raises(ValidationError):
        article.text = "changed"  # type: ignore[misc]
    entity = Entity(
        id="person:obama",
        name="Obama",
        type="person",
        start=0,
        end=5,
        stage="entities",
        mentions=[Mention(start=0, end=5, text="Obama")],
    )
    updated = article.model_copy(update={"entities": [entity]})
    assert article.entities == [] and updated.entities == [entity]


def test_unknown_fields_are_rejected() -> None:
    with pytest.raises(ValidationError):
        Article(headline="no such field")  # type: ignore[call-arg]


def test_json_schema_is_generated_from_the_model() -> None:
    schema = article_json_schema()
    props = schema["properties"]
    for name in (
        "title",
        "standfirst",
        "body",
        "byline",
        "published",
        "url",
        "source",
        "language",
        "text",
        "related",
        "entities",
        "places",
        "quotes",
        "amounts",
        "dates",
        "themes",
        "events",
        "tone",
        "schema_version",
    ):
        assert name in props, name
    assert {"Entity", "Place", "Quote", "Amount", "DateExpr", "Event"} <= set(schema["$defs"])


def test_round_trip_through_json() -> None:
    article = Article(text="abc", title="T", published=datetime(2020, 1, 2, tzinfo=UTC))
    assert Article.model_validate_json(article.to_json()) == article


def test_issue15_extensions_hold_json_values_keyed_by_stage_and_round_trip() -> None:
    assert Article(text="x").extensions == {}
    article = Article(text="x", extensions={"wordcount": {"tokens": 1, "ratio": 0.5, "tags": []}})
    assert Article.model_validate_json(article.to_json()) == article
    with pytest.raises(ValidationError):
        Article(text="x", extensions={"wordcount": object()})
    schema = article_json_schema()
    assert schema["properties"]["extensions"]["type"] == "object"
    assert tuple(map(int, SCHEMA_VERSION.split("."))) >= (1, 2)
