"""The Alerts page and /api/alerts, /api/alerts/matches: paging, escaping, no output targets."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from newsgraph.clean.assemble import build_article
from newsgraph.store.alerts import AlertFilters, Outputs, add_alert, record_matches
from newsgraph.store.db import connect
from newsgraph.store.write import write_batch
from newsgraph.web.app import CSP, create_app

HOSTILE = '<script>alert("x")</script>'
SECRET = "https://hooks.example/T0K3N"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("alerts") / "a.db"
    conn = connect(path)
    now = datetime(2025, 6, 3, 12, tzinfo=UTC).isoformat()
    add_alert(conn, "floods", "flood", AlertFilters(), Outputs(webhook=SECRET), now=now)
    add_alert(conn, f"x{HOSTILE}", "storm", AlertFilters(place="Norfolk"), Outputs(), now=now)
    articles = [
        build_article(
            title=f"Flood {i} <b>in</b> the valley" if i else f"Flood {HOSTILE}",
            standfirst=None,
            paragraphs=[f"Flood number {i} reached the town; a storm followed. {HOSTILE}"],
            published=datetime(2025, 6, 1 + i, tzinfo=UTC),
            url=f"https://news.example/flood-{i}",
            source="news.example",
        )
        for i in range(25)
    ]
    for i in range(0, 25, 5):  # five batches
        record_matches(conn, write_batch(conn, articles[i : i + 5]).stored, now=now)
    conn.close()
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db, warm_map=False))


def test_the_api_lists_the_alerts_without_their_targets(client) -> None:
    r = client.get("/api/alerts")
    assert r.status_code == 200
    body = r.json()
    assert (body["total"], body["limit"], body["offset"]) == (2, 100, 0)
    floods = body["alerts"][0]
    assert (floods["name"], floods["query"], floods["outputs"]) == ("floods", "flood", ["webhook"])
    assert (floods["matches"], floods["undelivered"]) == (25, 25)
    assert "T0K3N" not in r.text
    assert body["alerts"][1]["filters"] == {"place": "Norfolk"}
    assert (
        client.get("/api/alerts", params={"limit": 1, "offset": 1})
        .json()["alerts"][0]["name"]
        .startswith("x<script>")
    )


def test_the_api_pages_through_the_matches_newest_first(client) -> None:
    first = client.get("/api/alerts/matches", params={"alert": "floods", "limit": 10}).json()
    assert (first["total"], len(first["matches"]), first["alert"]) == (25, 10, "floods")
    assert first["matches"][0]["url"] == "https://news.example/flood-24"
    last = client.get(
        "/api/alerts/matches", params={"alert": "floods", "limit": 10, "offset": 20}
    ).json()
    assert [m["url"] for m in last["matches"]][-1] == "https://news.example/flood-0"
    assert len(last["matches"]) == 5
    every = client.get("/api/alerts/matches").json()
    assert every["total"] == 25  # the hostile alert's place filter matched nothing
    assert set(every["matches"][0]) >= {"alert", "article_id", "title", "snippet", "delivered"}


def test_api_errors_have_the_one_shape(client) -> None:
    missing = client.get("/api/alerts/matches", params={"alert": "nope"})
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    bad = client.get("/api/alerts/matches", params={"limit": 0})
    assert bad.status_code == 422
    assert bad.json()["error"]["code"] == "invalid_parameter"


def test_the_page_shows_recent_matches_escaped_with_links_and_a_pager(client) -> None:
    r = client.get("/alerts")
    assert r.status_code == 200
    assert r.headers["content-security-policy"] == CSP
    html = r.text
    assert HOSTILE not in html and "<b>in</b>" not in html
    assert "&lt;b&gt;in&lt;/b&gt; the valley" in html
    assert 'href="/articles/' in html
    assert 'rel="next"' in html and "1–20 of 25" in html
    assert "T0K3N" not in html
    assert 'href="/alerts?alert=floods"' in html


def test_the_page_of_one_alert_and_its_last_page(client) -> None:
    r = client.get("/alerts", params={"alert": "floods", "offset": 20})
    assert r.status_code == 200
    assert "Matches of floods" in r.text and "21–25 of 25" in r.text
    assert "Flood &lt;script&gt;" in r.text  # the hostile title, escaped, on the last page
    assert "<script>alert" not in r.text
    assert client.get("/alerts", params={"alert": "nope"}).status_code == 404
