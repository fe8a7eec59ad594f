"""The Sources page and /api/sources: the watch's sources with their health, escaped."""

from __future__ import annotations

import sqlite3
import warnings
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from newsgraph.store import schema
from newsgraph.store import sources as store
from newsgraph.store.db import connect
from newsgraph.web.app import CSP, create_app

HOSTILE = '<script>alert("x")</script>'


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sources") / "s.db"
    conn = connect(path)
    now = datetime.now(UTC)
    iso = now.isoformat(timespec="seconds")
    [opml] = store.add_sources(conn, [("/feeds/news.opml", "opml")], now=iso)
    ok, down = store.set_children(
        conn, opml, [("https://a.example/feed", "feed"), ("https://b.example/rss", "feed")], now=iso
    )
    store.record_fetch(conn, ok, store.FetchResult(at=iso, ok=True, status=200))
    store.mark_seen(
        conn,
        [store.Seen(f"https://a.example/{i}", ok, "stored", article_id=str(i)) for i in range(3)],
        now=iso,
    )
    later = (now + timedelta(hours=1)).isoformat(timespec="seconds")
    store.record_fetch(
        conn,
        down,
        store.FetchResult(
            at=iso, ok=False, status=503, error=f"HTTP 503 {HOSTILE}", next_due=later
        ),
    )
    conn.close()
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db, warm_map=False))


def test_the_api_lists_each_source_with_its_health(client) -> None:
    r = client.get("/api/sources")
    assert r.status_code == 200
    body = r.json()
    assert (body["total"], body["failing"], body["limit"], body["offset"]) == (3, 1, 100, 0)
    by_url = {s["url"]: s for s in body["sources"]}
    assert by_url["https://a.example/feed"]["status"] == "ok"
    assert by_url["https://a.example/feed"]["articles"] == 3
    assert by_url["https://a.example/feed"]["parent"] == "/feeds/news.opml"
    down = by_url["https://b.example/rss"]
    assert (down["status"], down["consecutive_failures"]) == ("backing off", 1)
    assert down["last_error"] == f"HTTP 503 {HOSTILE}"
    paged = client.get("/api/sources?limit=1&offset=1").json()
    assert [s["url"] for s in paged["sources"]] == ["https://a.example/feed"]
    assert client.get("/api/sources?limit=0").json()["error"]["code"] == "invalid_parameter"


def test_the_page_shows_the_same_and_escapes_what_sites_sent(client) -> None:
    r = client.get("/sources")
    assert r.status_code == 200
    assert r.headers["content-security-policy"] == CSP
    html = r.text
    assert "3 sources, 1 failing" in html
    assert "https://a.example/feed" in html and "from /feeds/news.opml" in html
    assert "backing off" in html
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert 'rel="noopener noreferrer nofollow"' in html
    assert '<a href="/feeds/news.opml"' not in html  # a file path is not a link


def test_a_store_from_before_the_watch_shows_no_sources(tmp_path, monkeypatch) -> None:
    path = tmp_path / "v7.db"
    raw = sqlite3.connect(path, isolation_level=None)
    monkeypatch.setattr(schema, "LATEST", 7)
    schema.migrate(raw)
    raw.close()
    client = TestClient(create_app(path, warm_map=False))
    assert client.get("/api/sources").json()["sources"] == []
    page = client.get("/sources")
    assert page.status_code == 200 and "No sources" in page.text
