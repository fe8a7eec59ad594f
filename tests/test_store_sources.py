"""The watch's tables: sources and their health, links seen, and the schema 8 migration."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsgraph.model import Article
from newsgraph.store import schema
from newsgraph.store import sources as store
from newsgraph.store.db import connect, open_readonly
from newsgraph.store.write import write_batch

T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
NOW = T0.isoformat()
LISTINGS = store.LISTINGS


def at(seconds: float) -> str:
    return (T0 + timedelta(seconds=seconds)).isoformat()


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    return connect(tmp_path / "s.db")


def test_adding_a_known_url_keeps_its_state(conn) -> None:
    [feed] = store.add_sources(conn, [("https://a.example/feed", "feed")], now=NOW)
    store.record_fetch(conn, feed, store.FetchResult(at=NOW, ok=True, status=200, kind="sitemap"))
    again = store.add_sources(
        conn, [("https://b.example/rss", "feed"), ("https://a.example/feed", "feed")], now=at(5)
    )
    assert again[1] == feed
    [source] = [s for s in store.due_sources(conn, now=at(5), kinds=LISTINGS) if s.id == feed]
    assert source.kind == "sitemap"  # what the body said, not the guess
    assert source.last_success == NOW


def test_a_container_s_children_follow_its_listing(conn) -> None:
    [outer] = store.add_sources(conn, [("/feeds/all.txt", "list")], now=NOW)
    [inner] = store.set_children(conn, outer, [("/feeds/news.opml", "opml")], now=NOW)
    first = store.set_children(
        conn, inner, [("https://a.example/f", "feed"), ("https://b.example/f", "feed")], now=NOW
    )
    [other] = store.add_sources(conn, [("https://c.example/f", "feed")], now=NOW)
    due = store.due_sources(conn, now=NOW, kinds=LISTINGS, roots=[outer])
    assert [s.id for s in due] == first  # the tree under the root, not the other source
    assert {s.id for s in store.due_sources(conn, now=NOW, kinds=LISTINGS)} == {*first, other}
    store.set_children(conn, inner, [("https://b.example/f", "feed")], now=at(60))
    assert [s.url for s in store.due_sources(conn, now=NOW, kinds=LISTINGS, roots=[outer])] == [
        "https://b.example/f"
    ]
    health = {h.url: h for h in store.list_sources(conn, now=T0)}
    assert health["https://a.example/f"].status == "inactive"
    assert health["https://b.example/f"].parent == "/feeds/news.opml"
    assert health["/feeds/news.opml"].articles_per_day is None  # a container stores none


def test_failures_count_up_and_a_success_clears_them(conn) -> None:
    [feed] = store.add_sources(conn, [("https://a.example/feed", "feed")], now=NOW)
    for n, due in ((1, at(60)), (2, at(180))):
        store.record_fetch(
            conn,
            feed,
            store.FetchResult(at=NOW, ok=False, status=503, error=f"HTTP 503 ({n})", next_due=due),
        )
    assert store.due_sources(conn, now=at(179), kinds=LISTINGS) == []
    assert store.count_waiting(conn, now=at(179), kinds=LISTINGS) == 1
    [source] = store.due_sources(conn, now=at(180), kinds=LISTINGS)
    assert source.consecutive_failures == 2
    [health] = store.list_sources(conn, now=T0)
    assert (health.status, health.last_error, health.last_error_at) == (
        "backing off",
        "HTTP 503 (2)",
        NOW,
    )
    [health] = store.list_sources(conn, now=T0 + timedelta(seconds=200))
    assert health.status == "failing"  # due again, not yet retried

    ok = store.FetchResult(at=at(200), ok=True, status=200, etag='"e1"', last_modified="lm")
    store.record_fetch(conn, feed, ok)
    [source] = store.due_sources(conn, now=at(200), kinds=LISTINGS)
    assert (source.consecutive_failures, source.etag, source.last_modified) == (0, '"e1"', "lm")
    store.record_fetch(conn, feed, store.FetchResult(at=at(300), ok=True, not_modified=True))
    [source] = store.due_sources(conn, now=at(300), kinds=LISTINGS)
    assert source.etag == '"e1"'  # a 304 keeps the validators
    [health] = store.list_sources(conn, now=T0 + timedelta(seconds=300))
    assert (health.status, health.last_error, health.next_due) == ("ok", "HTTP 503 (2)", None)


def _article(url: str, text: str) -> Article:
    from newsgraph.ids import content_hash

    return Article(id=content_hash(text), url=url, origin=url, text=text, body=text)


def test_a_link_is_seen_once_stored_noted_or_failed_for_good(conn) -> None:
    [feed] = store.add_sources(conn, [("https://a.example/feed", "feed")], now=NOW)
    links = [f"https://a.example/{i}" for i in range(6)]
    write_batch(conn, [_article(links[0], "Ferries run again between the islands today.")])
    store.mark_seen(
        conn,
        [
            store.Seen(links[1], feed, "duplicate", article_id="x"),
            store.Seen(links[2], feed, "failed", error="HTTP 404"),
            store.Seen(links[3], feed, "retry", error="HTTP 503"),
        ],
        now=NOW,
    )
    assert store.unseen(conn, [*links, links[4]]) == [links[3], links[4], links[5]]
    for _ in range(store.RETRY_ATTEMPTS - 1):
        store.mark_seen(conn, [store.Seen(links[3], feed, "retry", error="HTTP 503")], now=NOW)
    assert store.unseen(conn, links) == [links[4], links[5]]  # tried enough: failed for good
    row = conn.execute("SELECT status, attempts FROM seen_urls WHERE url = ?", (links[3],))
    assert tuple(row.fetchone()) == ("failed", store.RETRY_ATTEMPTS)


def test_stored_links_count_on_their_source_and_per_day(conn) -> None:
    [feed] = store.add_sources(conn, [("https://a.example/feed", "feed")], now=at(-10 * 86400))
    store.mark_seen(
        conn,
        [
            store.Seen(f"https://a.example/{i}", feed, "stored", article_id=str(i))
            for i in range(14)
        ],
        now=NOW,
    )
    store.mark_seen(conn, [store.Seen("https://a.example/old", feed, "stored")], now=at(-9 * 86400))
    store.mark_seen(conn, [store.Seen("https://a.example/dup", feed, "duplicate")], now=NOW)
    [health] = store.list_sources(conn, now=T0)
    assert health.articles == 15
    assert health.articles_per_day == 2.0  # 14 in the last 7 days
    assert health.last_new_article == NOW
    [young] = store.add_sources(conn, [("https://b.example/feed", "feed")], now=at(-3600))
    store.mark_seen(conn, [store.Seen("https://b.example/1", young, "stored")], now=NOW)
    by_url = {h.url: h for h in store.list_sources(conn, now=T0)}
    assert by_url["https://b.example/feed"].articles_per_day == 1.0  # an hour old: one day


def test_a_link_counts_as_stored_only_when_the_article_row_is_its_own(conn) -> None:
    text = "Ferries run again between the islands today."
    first = _article("https://a.example/1", text)
    write_batch(conn, [first, _article("https://b.example/copy", text)])
    pairs = [(first.id, "https://a.example/1"), (first.id, "https://b.example/copy")]
    assert store.stored_from(conn, [*pairs, ("nope", "https://c.example/")]) == {
        "https://a.example/1"
    }


def test_schema_8_adds_the_tables_to_an_older_store(tmp_path, monkeypatch) -> None:
    path = tmp_path / "v7.db"
    raw = sqlite3.connect(path, isolation_level=None)
    monkeypatch.setattr(schema, "LATEST", 7)
    schema.migrate(raw)
    raw.execute(
        "INSERT INTO articles (id, url, content_hash, record_json, ingested_at) "
        "VALUES ('a1', 'https://a.example/1', 'h', '{}', '2026-03-01')"
    )
    raw.execute(
        "INSERT INTO article_sources (article_id, url, origin, seen_at) "
        "VALUES ('a1', 'https://a.example/1', 'https://a.example/link', '2026-03-01')"
    )
    raw.close()
    readonly = open_readonly(path)
    assert not store.has_sources(readonly)
    assert store.list_sources(readonly, now=T0) == []  # an old store lists no sources
    readonly.close()
    monkeypatch.setattr(schema, "LATEST", len(schema.MIGRATIONS))
    conn = connect(path)
    assert schema.version(conn) == schema.LATEST and store.has_sources(conn)
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "article_sources_origin" in indexes
    assert store.unseen(conn, ["https://a.example/link", "https://a.example/1", "https://n"]) == [
        "https://n"
    ]
    plan = " ".join(
        str(r[3])
        for r in conn.execute(
            "EXPLAIN QUERY PLAN SELECT origin FROM article_sources WHERE origin IN ('x')"
        )
    )
    assert "article_sources_origin" in plan
