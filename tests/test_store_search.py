"""Searching the store: FTS with filters, hostile queries, pagination, stories and stats."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

import pytest

from newsgraph.clean.assemble import build_article
from newsgraph.errors import StoreError
from newsgraph.model import Article, Entity, Event, Mention, Place, Theme
from newsgraph.store.db import connect
from newsgraph.store.read import list_stories, stats
from newsgraph.store.search import Filters, search
from newsgraph.store.write import write_batch


def make(
    title: str,
    body: str,
    day: int,
    *,
    person: str | None = None,
    place: str | None = None,
    theme: str | None = None,
    event: str | None = None,
) -> Article:
    a = build_article(
        title=title,
        standfirst=None,
        paragraphs=[body],
        published=datetime(2025, 4, day, 12, tzinfo=UTC),
        url=f"https://news.example/{day}/{title.lower().replace(' ', '-')}",
    )
    update: dict[str, object] = {}
    if person:
        at = a.text.index(person)
        update["entities"] = [
            Entity(
                id=f"person:{person.lower()}",
                name=person,
                type="person",
                start=at,
                end=at + len(person),
                stage="entities",
                mentions=[Mention(start=at, end=at + len(person), text=person)],
            )
        ]
    if place:
        at = a.text.index(place)
        update["places"] = [
            Place(
                start=at,
                end=at + len(place),
                text=place,
                name=place,
                kind="city",
                country_code="PT",
                stage="places",
            )
        ]
    if theme:
        update["themes"] = [Theme(start=0, end=1, name=theme, score=1.0, stage="themes")]
    if event:
        update["events"] = [
            Event(
                start=0,
                end=5,
                text=a.text[:5],
                type=event,
                trigger="x",
                trigger_start=0,
                trigger_end=1,
                stage="events",
            )
        ]
    return a.model_copy(update=update)


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory):
    c = connect(tmp_path_factory.mktemp("s") / "s.db")
    write_batch(
        c,
        [
            make(
                "Flood in Porto",
                "The river flooded streets in Porto after two days of rain.",
                1,
                place="Porto",
                theme="environment",
                event="ASSAULT",
            ),
            make(
                "Mayor Duarte on floods",
                "Mayor Duarte said the flood defences held in Braga.",
                3,
                person="Duarte",
                place="Braga",
                theme="environment",
            ),
            make(
                "Rail strike",
                "Rail workers went on strike over pay; Duarte urged talks.",
                5,
                person="Duarte",
                theme="labour",
                event="PROTEST",
            ),
            make(
                "Cup final",
                "Braga won the cup final in front of a full stadium.",
                9,
                place="Braga",
                theme="sport",
            ),
        ],
    )
    yield c
    c.close()


ALL = {"Flood in Porto", "Mayor Duarte on floods", "Rail strike", "Cup final"}


def titles(results) -> list[str]:
    return [h.title for h in results.hits]


def test_words_match_title_and_body_best_first(conn) -> None:
    results = search(conn, "flood*")
    assert results.total == 2
    assert titles(results)[0] in {"Flood in Porto", "Mayor Duarte on floods"}


def test_snippets_highlight_the_match(conn) -> None:
    hit = search(conn, "stadium").hits[0]
    assert "[stadium]" in hit.snippet


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(entity="Duarte"), {"Mayor Duarte on floods", "Rail strike"}),
        (Filters(entity="person:duarte"), {"Mayor Duarte on floods", "Rail strike"}),
        (Filters(place="braga"), {"Mayor Duarte on floods", "Cup final"}),
        (Filters(place="PT"), {"Flood in Porto", "Mayor Duarte on floods", "Cup final"}),
        (Filters(theme="environment"), {"Flood in Porto", "Mayor Duarte on floods"}),
        (Filters(event_type="protest"), {"Rail strike"}),
        (
            Filters(since="2025-04-03", until="2025-04-05"),
            {"Mayor Duarte on floods", "Rail strike"},
        ),
        (Filters(until="2025-04-01"), {"Flood in Porto"}),
        (Filters(entity="Duarte", theme="labour"), {"Rail strike"}),
        (Filters(entity="Nobody"), set()),
        # a source by its site, also when given as a URL or with "www." (it never matched then)
        (Filters(source="news.example"), ALL),
        (Filters(source="https://www.news.example/2025/"), ALL),
        (Filters(source="www.news.example"), ALL),
        (Filters(source="other.example"), set()),
    ],
)
def test_filters_without_a_query(conn, filters: Filters, expected: set[str]) -> None:
    assert set(titles(search(conn, "", filters))) == expected


def test_filters_combine_with_the_query(conn) -> None:
    assert titles(search(conn, "flood*", Filters(entity="Duarte"))) == ["Mayor Duarte on floods"]


def test_limit_and_offset_page_through_results(conn) -> None:
    first = search(conn, "", limit=2)
    second = search(conn, "", limit=2, offset=2)
    assert first.total == second.total == 4
    assert not set(titles(first)) & set(titles(second))
    assert titles(first)[0] == "Cup final"  # newest first without a query


@pytest.mark.parametrize(
    "query",
    ['"unterminated', "flood AND", "NEAR(", "title:", ")(", "*", "a OR OR b", "NOT flood", "()"],
)
def test_a_malformed_query_is_one_clear_error(conn, query: str) -> None:
    with pytest.raises(StoreError, match="invalid search query") as info:
        search(conn, query)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("streets: Porto", ["Flood in Porto"]),  # a colon is punctuation, not a column
        ("Mayor: Duarte.", ["Mayor Duarte on floods"]),
        ("cup-final", ["Cup final"]),
        ("rain; Porto", ["Flood in Porto"]),
        ("&", []),  # no word at all: nothing matches, no error
        ("title:cup OR title:strike", ["Cup final", "Rail strike"]),
        ("Duarte NOT Braga", ["Rail strike"]),
        ('NEAR(defences Braga, 3) OR "full stadium"', ["Cup final", "Mayor Duarte on floods"]),
    ],
)
def test_issue_14_item_1_punctuation_is_part_of_a_word_not_syntax(conn, query, expected) -> None:
    """Issue 14, item 1: hyphens, apostrophes, colons and dots in a query no longer fail."""
    assert sorted(titles(search(conn, query))) == expected


@pytest.mark.parametrize(
    "hostile",
    ["'; DROP TABLE articles; --", "Robert'); DELETE FROM articles;--"],
)
def test_values_are_bound_never_pasted(conn, hostile: str) -> None:
    assert search(conn, "", Filters(entity=hostile, place=hostile, theme=hostile)).total == 0
    with contextlib.suppress(StoreError):
        search(conn, hostile)
    assert stats(conn).articles == 4


def test_stories_and_stats(conn) -> None:
    s = stats(conn)
    assert (s.articles, s.entities, s.places, s.themes, s.events) == (4, 1, 3, 4, 2)
    assert s.first_published is not None and s.first_published.startswith("2025-04-01")
    stories = list_stories(conn)
    assert sum(story.size for story in stories) == 4


def test_the_store_package_exports_the_library_api() -> None:
    import newsgraph.store as store

    for name in store.__all__:
        assert getattr(store, name) is not None
    with pytest.raises(AttributeError):
        _ = store.no_such_name
