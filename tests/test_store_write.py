"""Writing to the store: round trip, idempotency, duplicates, entities merged across articles."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bench import synth

from newsgraph.clean.assemble import build_article
from newsgraph.model import Article, Entity, Mention, Quote
from newsgraph.store.db import connect
from newsgraph.store.read import co_mentions, get_article, get_entity, stats
from newsgraph.store.write import write_batch


def article(
    title: str, body: str, *, url: str | None = None, day: int = 3, people: tuple[str, ...] = ()
) -> Article:
    a = build_article(
        title=title,
        standfirst=None,
        paragraphs=body.split("\n"),
        published=datetime(2025, 6, day, 9, tzinfo=UTC),
        url=url,
        origin=url,
    )
    entities = []
    for name in people:
        at = a.text.find(name)
        if at < 0:
            continue
        entities.append(
            Entity(
                id=f"person:{name.lower().replace(' ', '-')}",
                name=name,
                type="person",
                start=at,
                end=at + len(name),
                stage="entities",
                mentions=[Mention(start=at, end=at + len(name), text=name)],
            )
        )
    return a.model_copy(update={"entities": entities})


@pytest.fixture
def conn(tmp_path: Path):
    c = connect(tmp_path / "t.db")
    yield c
    c.close()


def test_an_analysed_article_round_trips_unchanged(conn) -> None:
    records = list(synth.articles(3, seed=1))
    write_batch(conn, records)
    for record in records:
        assert get_article(conn, record.id) == record
    row = conn.execute("SELECT count(*) FROM places").fetchone()[0]
    assert row == sum(len(r.places) for r in records)
    assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == sum(
        len(r.quotes) for r in records
    )


def test_writing_the_same_batch_twice_stores_it_once(conn) -> None:
    batch = [
        article(
            "Bridge reopens",
            "The old bridge in Tarvel reopened on Monday.",
            url="https://a.example/1",
        )
    ]
    first = write_batch(conn, batch)
    second = write_batch(conn, batch)
    assert len(first.stored) == 1
    assert second.stored == [] and second.already_stored == [batch[0].id]
    assert stats(conn).articles == 1
    assert stats(conn).sources == 1


def test_the_same_text_at_another_url_is_a_second_source(conn) -> None:
    one = article(
        "Bridge reopens", "The old bridge in Tarvel reopened on Monday.", url="https://a.example/1"
    )
    other = one.model_copy(
        update={
            "url": "https://b.example/9",
            "origin": "https://b.example/9",
            "title": "Tarvel bridge open again",
        }
    )
    result = write_batch(conn, [one, other])
    assert result.stored == [one.id]
    assert result.duplicates == [("https://b.example/9", one.id)]
    urls = {
        r[0]
        for r in conn.execute("SELECT url FROM article_sources WHERE article_id = ?", (one.id,))
    }
    assert urls == {"https://a.example/1", "https://b.example/9"}


def test_the_same_url_with_changed_text_is_not_stored_twice(conn) -> None:
    one = article(
        "Vote delayed", "The council delayed its vote on the budget.", url="https://a.example/v"
    )
    edited = article(
        "Vote delayed again",
        "The council again delayed its budget vote.",
        url="https://a.example/v",
    )
    result = write_batch(conn, [one, edited])
    assert result.stored == [one.id]
    assert stats(conn).articles == 1


def test_a_near_copy_is_stored_and_points_at_the_original(conn) -> None:
    body = (
        "Workers at the Felden port stopped loading ships on Tuesday after talks on pay "
        "collapsed late on Monday night. The union said the strike would last at least three "
        "days and could spread to two other harbours along the coast. Managers said they "
        "regretted the decision and hoped to return to the table soon, while shipping firms "
        "warned of delays to deliveries of grain, fuel and spare parts across the region."
    )
    one = article("Port strike", body, url="https://a.example/p")
    copy = article(
        "Port strike (update)", body.replace("soon", "shortly"), url="https://c.example/p"
    )
    result = write_batch(conn, [one, copy])
    assert result.near_duplicates == [(copy.id, one.id)]
    row = conn.execute("SELECT duplicate_of FROM articles WHERE id = ?", (copy.id,)).fetchone()
    assert row[0] == one.id
    assert stats(conn).duplicates == 1


def test_entities_merge_across_articles_with_counts_aliases_and_dates(conn) -> None:
    a1 = article(
        "Minister visits",
        "Ilse Varga visited the Rendal plant. Varga met staff.",
        day=2,
        people=("Ilse Varga", "Tomas Brenn"),
    )
    a2 = article(
        "Minister speaks",
        "Ilse Varga and Tomas Brenn spoke in Osk.",
        day=5,
        people=("Ilse Varga", "Tomas Brenn"),
    )
    a1 = a1.model_copy(
        update={
            "entities": [
                a1.entities[0].model_copy(
                    update={
                        "aliases": ["Varga"],
                        "mentions": [
                            *a1.entities[0].mentions,
                            Mention(
                                start=a1.text.find("Varga met"),
                                end=a1.text.find("Varga met") + 5,
                                text="Varga",
                            ),
                        ],
                    }
                )
            ]
        }
    )
    write_batch(conn, [a1, a2])
    record = get_entity(conn, "ilse varga")
    assert record.article_count == 2
    assert record.mention_count == 3
    assert record.aliases == ["Varga"]
    assert record.first_seen is not None and record.first_seen.startswith("2025-06-02")
    assert record.last_seen is not None and record.last_seen.startswith("2025-06-05")
    assert [day for day, _ in record.timeline] == ["2025-06-02", "2025-06-05"]
    assert get_entity(conn, "Varga").id == record.id  # found by alias
    assert [(c.name, c.articles) for c in co_mentions(conn, record.id)] == [("Tomas Brenn", 1)]


def test_quotes_by_an_entity_are_listed(conn) -> None:
    a = article(
        "Mayor speaks", 'Ilse Varga said: "We will rebuild the pier."', people=("Ilse Varga",)
    )
    at = a.text.find("We will")
    quote = Quote(
        start=at,
        end=at + 23,
        text="We will rebuild the pier",
        direct=True,
        speaker="Ilse Varga",
        speaker_id="person:ilse-varga",
        stage="quotes",
    )
    write_batch(conn, [a.model_copy(update={"quotes": [quote]})])
    record = get_entity(conn, "person:ilse-varga")
    assert [q.text for q in record.quotes_by] == ["We will rebuild the pier"]


def test_new_articles_are_put_in_stories(conn) -> None:
    records = list(synth.articles(40, seed=3))
    write_batch(conn, records[:20])
    write_batch(conn, records[20:])
    unassigned = conn.execute("SELECT count(*) FROM articles WHERE story_id IS NULL").fetchone()[0]
    assert unassigned == 0
    sizes = conn.execute("SELECT sum(size) FROM stories").fetchone()[0]
    assert sizes == stats(conn).articles
    assert stats(conn).stories < stats(conn).articles


def test_fts_follows_the_articles_table(conn) -> None:
    write_batch(conn, list(synth.articles(10, seed=2)))
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    n = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
    assert n == stats(conn).articles


def test_the_record_json_column_is_the_article(conn) -> None:
    record = next(synth.articles(1, seed=4))
    write_batch(conn, [record])
    raw = conn.execute("SELECT record_json FROM articles").fetchone()[0]
    assert json.loads(raw)["id"] == record.id


def test_entities_sum_the_same_in_one_batch_as_in_several(tmp_path: Path) -> None:
    records = list(synth.articles(60, seed=8))
    together, apart = connect(tmp_path / "one.db"), connect(tmp_path / "many.db")
    write_batch(together, records)
    for start in range(0, 60, 7):
        write_batch(apart, records[start : start + 7])
    query = (
        "SELECT id, name, type, aliases, article_count, mention_count, first_seen, last_seen "
        "FROM entities ORDER BY id"
    )
    rows = [tuple(r) for r in together.execute(query)]
    assert rows == [tuple(r) for r in apart.execute(query)]
    assert max(r[4] for r in rows) > 1  # some entity is named in several articles


def test_an_undated_article_gives_its_entities_no_news_date(conn) -> None:
    """An article without a publication date used to give its entities the time it was
    stored as last seen (and a timeline day), read as the day of the news. It counts apart."""
    dated = article(
        "Mayor opens bridge", "Mayor Ada Brook opened the bridge.", people=("Ada Brook",)
    )
    undated = article(
        "Mayor visits school", "Ada Brook visited the school.", people=("Ada Brook",)
    ).model_copy(update={"published": None})
    write_batch(conn, [dated])
    write_batch(conn, [undated])
    record = get_entity(conn, "Ada Brook")
    assert record.article_count == 2
    assert record.first_seen == record.last_seen == "2025-06-03T09:00:00+00:00"
    assert record.timeline == [("2025-06-03", 1)]
    assert record.undated == 1
    only = article("Harbour gala", "Lena Voss sang at the gala.", people=("Lena Voss",))
    write_batch(conn, [only.model_copy(update={"published": None})])
    alone = get_entity(conn, "Lena Voss")
    assert (alone.first_seen, alone.last_seen, alone.timeline, alone.undated) == (None, None, [], 1)
