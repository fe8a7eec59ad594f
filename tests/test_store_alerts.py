"""The alerts' SQL: saved searches, matches over a batch's articles only, each match once."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsgraph.clean.assemble import build_article
from newsgraph.errors import E_NOT_FOUND, E_QUERY, StoreError
from newsgraph.model import Actor, Article, Entity, Event, Mention
from newsgraph.store import schema
from newsgraph.store.alerts import (
    AlertFilters,
    AlertMatch,
    Outputs,
    add_alert,
    get_alert,
    list_alerts,
    list_matches,
    pending_matches,
    record_delivery,
    record_matches,
    remove_alert,
)
from newsgraph.store.db import connect, open_readonly
from newsgraph.store.write import write_batch

NOW = "2025-06-03T10:00:00+00:00"
OUT = Outputs(jsonl="/tmp/never-written.jsonl")


def article(
    title: str,
    body: str,
    *,
    day: int = 3,
    site: str = "news.example",
    person: str | None = None,
    events: tuple[tuple[str, str, str], ...] = (),  # (trigger, type, actor country)
) -> Article:
    slug = title.lower().replace(" ", "-")
    a = build_article(
        title=title,
        standfirst=None,
        paragraphs=[body],
        published=datetime(2025, 6, day, 9, tzinfo=UTC),
        url=f"https://{site}/{slug}",
        source=site,
    )
    update: dict[str, object] = {}
    if person is not None:
        at = a.text.index(person)
        mention = Mention(start=at, end=at + len(person), text=person)
        update["entities"] = [
            Entity(
                id=f"person:{person.lower().replace(' ', '-')}",
                name=person,
                type="person",
                start=at,
                end=at + len(person),
                stage="entities",
                mentions=[mention],
            )
        ]
    if events:
        update["events"] = [
            Event(
                start=(at := a.text.index(trigger)),
                end=at + len(trigger),
                text=trigger,
                type=kind,
                trigger=trigger,
                trigger_start=at,
                trigger_end=at + len(trigger),
                actor=Actor(text="them", country=country),
                stage="events",
            )
            for trigger, kind, country in events
        ]
    return a.model_copy(update=update)


@pytest.fixture
def conn(tmp_path: Path):
    c = connect(tmp_path / "a.db")
    yield c
    c.close()


def store(conn: sqlite3.Connection, *articles: Article) -> list[str]:
    return write_batch(conn, list(articles)).stored


def matched(conn: sqlite3.Connection, name: str) -> list[str | None]:
    return sorted(m.title for m in list_matches(conn, alert=name, limit=100).matches)


def test_an_alert_is_saved_listed_and_removed_with_its_matches(conn) -> None:
    alert = add_alert(conn, "floods", "flood", AlertFilters(source="news.example"), OUT, now=NOW)
    assert (alert.name, alert.query, alert.filters.active()) == (
        "floods",
        "flood",
        {"source": "news.example"},
    )
    assert alert.outputs.names() == ("jsonl",)
    ids = store(conn, article("Flood in Norfolk", "The river rose."))
    assert record_matches(conn, ids, now=NOW).new == 1
    assert [(a.name, a.matches, a.undelivered) for a in list_alerts(conn)] == [("floods", 1, 1)]
    assert remove_alert(conn, "floods") == 1
    assert list_alerts(conn) == []
    assert conn.execute("SELECT count(*) FROM alert_matches").fetchone()[0] == 0


def test_names_queries_and_empty_alerts_are_checked(conn) -> None:
    add_alert(conn, "a", "flood", AlertFilters(), OUT, now=NOW)
    with pytest.raises(StoreError, match="exists already"):
        add_alert(conn, "a", "storm", AlertFilters(), OUT, now=NOW)
    for query in ('"unclosed', "flood AND", "-"):
        with pytest.raises(StoreError) as bad:
            add_alert(conn, "b", query, AlertFilters(), OUT, now=NOW)
        assert bad.value.code == E_QUERY
    with pytest.raises(StoreError, match="a query or a filter") as empty:
        add_alert(conn, "c", "  ", AlertFilters(), OUT, now=NOW)
    assert empty.value.code == E_QUERY
    with pytest.raises(StoreError, match="name"):
        add_alert(conn, "bad\nname", "flood", AlertFilters(), OUT, now=NOW)
    with pytest.raises(StoreError) as missing:
        remove_alert(conn, "nope")
    assert missing.value.code == E_NOT_FOUND
    assert add_alert(conn, "d", "", AlertFilters(theme="FLOOD"), OUT, now=NOW).query == ""


def test_only_the_batch_is_searched_and_each_match_is_recorded_once(conn) -> None:
    old = store(conn, article("Flood before the alert", "Water everywhere, flood."))
    add_alert(conn, "floods", "flood", AlertFilters(), OUT, now=NOW)
    new = store(
        conn,
        article("Flood in Norfolk", "The river rose."),
        article("Budget vote", "The council voted."),
    )
    assert record_matches(conn, new, now=NOW).new == 1
    assert matched(conn, "floods") == ["Flood in Norfolk"]  # the older article is not searched
    assert record_matches(conn, new, now=NOW).new == 0  # the same batch again
    assert store(conn, article("Flood in Norfolk", "The river rose.")) == []  # stored already
    later = store(conn, article("Flood in Suffolk", "More rain, more flood."))
    assert record_matches(conn, [*later, *new, *old], now=NOW).new == 2  # old: first time seen
    assert matched(conn, "floods") == [
        "Flood before the alert",
        "Flood in Norfolk",
        "Flood in Suffolk",
    ]
    assert get_alert(conn, "floods").last_checked == NOW


def test_the_search_filters_are_honoured(conn) -> None:
    add_alert(conn, "by-person", "", AlertFilters(entity="Jane Doe"), OUT, now=NOW)
    add_alert(conn, "by-site", "vote", AlertFilters(source="other.example"), OUT, now=NOW)
    add_alert(conn, "by-date", "vote", AlertFilters(since="2025-06-04"), OUT, now=NOW)
    ids = store(
        conn,
        article("Vote one", "Jane Doe led the vote.", day=3, person="Jane Doe"),
        article("Vote two", "A vote with no one named.", day=4, site="other.example"),
        article("Vote three", "John Roe cast a vote.", day=5, person="John Roe"),
    )
    record_matches(conn, ids, now=NOW)
    assert matched(conn, "by-person") == ["Vote one"]
    assert matched(conn, "by-site") == ["Vote two"]
    assert matched(conn, "by-date") == ["Vote three", "Vote two"]


def test_an_event_filter_holds_on_one_event(conn) -> None:
    add_alert(
        conn,
        "rus-protests",
        "",
        AlertFilters(event_type="PROTEST", actor_country="RUS"),
        OUT,
        now=NOW,
    )
    add_alert(conn, "protests", "", AlertFilters(event_type="protest"), OUT, now=NOW)
    ids = store(
        conn,
        article(
            "Moscow rally", "Crowds protested in Moscow.", events=(("protested", "PROTEST", "RUS"),)
        ),
        article(
            "Paris rally", "Crowds protested in Paris.", events=(("protested", "PROTEST", "FRA"),)
        ),
        article(
            "Paris clash",  # a protest, and something else by RUS: not a protest by RUS
            "Crowds protested. Troops attacked.",
            events=(("protested", "PROTEST", "FRA"), ("attacked", "ASSAULT", "RUS")),
        ),
    )
    record_matches(conn, ids, now=NOW)
    assert matched(conn, "rus-protests") == ["Moscow rally"]
    assert matched(conn, "protests") == ["Moscow rally", "Paris clash", "Paris rally"]


def test_snippets_mark_the_matched_words(conn) -> None:
    add_alert(conn, "floods", "river", AlertFilters(), OUT, now=NOW)
    record_matches(conn, store(conn, article("Flood", "The river rose overnight.")), now=NOW)
    [m] = list_matches(conn, alert="floods").matches
    assert "[river]" in m.snippet
    assert (m.url, m.source, m.published) == (
        "https://news.example/flood",
        "news.example",
        "2025-06-03T09:00:00+00:00",
    )


def test_delivery_state_and_what_is_pending(conn) -> None:
    add_alert(conn, "quiet", "flood", AlertFilters(), Outputs(), now=NOW)  # recorded only
    loud = add_alert(conn, "loud", "flood", AlertFilters(), OUT, now=NOW)

    def pending(*lacking: str) -> list[AlertMatch]:
        return pending_matches(conn, alert_id=loud.id, lacking=lacking, limit=10)

    record_matches(conn, store(conn, article("Flood", "Water.")), now=NOW)
    [waiting] = pending("jsonl")
    assert (waiting.alert, waiting.delivered, waiting.attempts) == ("loud", False, 0)
    assert list_matches(conn, alert="quiet").matches[0].delivered
    record_delivery(conn, waiting.id, delivered_to=[], done=False, error="jsonl: disk full")
    [again] = pending("jsonl")
    assert (again.attempts, again.last_error) == (1, "jsonl: disk full")
    record_delivery(conn, waiting.id, delivered_to=["jsonl"], done=False, error="webhook: 500")
    assert pending("jsonl") == []  # what waits only for another output is not read
    assert [m.id for m in pending("jsonl", "webhook")] == [waiting.id]
    record_delivery(conn, waiting.id, delivered_to=["jsonl", "webhook"], done=True, error=None)
    assert pending("jsonl", "webhook") == []
    [done] = list_matches(conn, alert="loud").matches
    assert (done.delivered, done.delivered_to, done.attempts, done.last_error) == (
        True,
        ("jsonl", "webhook"),
        3,
        None,
    )


def test_matches_page_newest_first(conn) -> None:
    add_alert(conn, "all-votes", "vote", AlertFilters(), OUT, now=NOW)
    for i in range(5):
        record_matches(conn, store(conn, article(f"Vote {i}", f"Vote number {i}.")), now=NOW)
    first = list_matches(conn, limit=2)
    assert first.total == 5
    assert [m.title for m in first.matches] == ["Vote 4", "Vote 3"]
    assert [m.title for m in list_matches(conn, limit=2, offset=4).matches] == ["Vote 0"]
    with pytest.raises(StoreError) as missing:
        list_matches(conn, alert="nope")
    assert missing.value.code == E_NOT_FOUND


def test_a_store_from_before_alerts_reads_as_having_none(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "v8.db"
    with monkeypatch.context() as m:
        m.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:8])
        m.setattr(schema, "LATEST", 8)
        connect(path).close()
    conn = open_readonly(path)  # read-only: not migrated
    assert list_alerts(conn) == []
    assert list_matches(conn).total == 0
    with pytest.raises(StoreError):
        get_alert(conn, "x")
    conn.close()


def test_articles_stored_but_never_run_through_the_alerts_are_caught_up(conn) -> None:
    # A job killed after committing a batch and before running its alerts: the next call, for
    # another batch (or none), still matches the articles left behind, once.
    before = store(conn, article("Flood last year", "An old flood."))
    add_alert(conn, "floods", "flood", AlertFilters(), OUT, now=NOW)
    store(conn, article("Flood in Kent", "The flood came at night."))  # its alerts never ran
    later = store(conn, article("Budget vote", "The council voted."))
    assert record_matches(conn, later, now=NOW).new == 1
    assert matched(conn, "floods") == ["Flood in Kent"]  # not the article from before the alert
    assert record_matches(conn, [], now=NOW).new == 0
    store(conn, article("Flood in Essex", "Another flood."))
    assert record_matches(conn, [], now=NOW).new == 1  # a batch of duplicates still catches up
    assert before and matched(conn, "floods") == ["Flood in Essex", "Flood in Kent"]


def test_catching_up_is_bounded_per_call(conn, monkeypatch) -> None:
    from newsgraph.store import alerts as store_alerts

    monkeypatch.setattr(store_alerts, "CATCH_UP", 2)
    add_alert(conn, "votes", "vote", AlertFilters(), OUT, now=NOW)
    store(conn, *(article(f"Vote {i}", f"Vote number {i}.") for i in range(5)))
    assert [record_matches(conn, [], now=NOW).new for _ in range(4)] == [2, 2, 1, 0]
