"""Articles without a publication date are shown as undated, never dated by when they were
stored: the day of ingest read as the day of the news."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from newsgraph.clean.assemble import build_article
from newsgraph.model import Article, Entity, Mention
from newsgraph.store.db import connect
from newsgraph.store.write import write_batch
from newsgraph.web.app import create_app

TODAY = datetime.now(UTC).date().isoformat()


def _named(title: str, body: str, when: datetime | None) -> Article:
    a = build_article(title=title, standfirst=None, paragraphs=[body], published=when)
    at = a.text.index("Tamsin Hale")
    person = Entity(
        id="person:tamsin-hale",
        name="Tamsin Hale",
        type="person",
        start=at,
        end=at + 11,
        stage="entities",
        mentions=[Mention(start=at, end=at + 11, text="Tamsin Hale")],
    )
    return a.model_copy(update={"entities": [person]})


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path = tmp_path_factory.mktemp("undated") / "u.db"
    conn = connect(path)
    write_batch(
        conn,
        [
            _named(
                "Ferry pier reopens",
                "Harbour master Tamsin Hale reopened the ferry pier on Monday.",
                datetime(2025, 4, 14, 8, tzinfo=UTC),
            ),
            _named(
                "Lighthouse keepers honoured",
                "Tamsin Hale presented medals to two lighthouse keepers.",
                None,
            ),
        ],
    )
    conn.close()
    return TestClient(create_app(path, warm_map=False))


def test_an_entity_is_never_dated_by_the_day_an_undated_article_was_stored(client) -> None:
    page = client.get("/entities/person:tamsin-hale").text
    assert "last seen 2025-04-14" in page and "(1 undated)" in page
    assert TODAY not in page
    listing = client.get("/entities").text
    assert "2025-04-14" in listing and TODAY not in listing
    api = client.get("/api/entities/person:tamsin-hale").json()
    assert api["entity"]["last_seen"].startswith("2025-04-14") and api["undated"] == 1
    assert [day for day, _ in api["timeline"]] == ["2025-04-14"]


def test_an_undated_article_reads_undated_in_lists(client) -> None:
    search = client.get("/search", params={"q": "lighthouse"}).text
    assert "undated" in search and TODAY not in search
    assert TODAY not in client.get("/stories").text


def test_trends_count_undated_articles_apart(client) -> None:
    """Trends put an undated article in no window; the page and the API say how many there
    are instead of leaving a reader to wonder where an article went."""
    data = client.get("/api/trends", params={"since": "2025-04-10", "until": "2025-04-20"}).json()
    assert sum(p["articles"] for p in data["series"][0]["points"]) == 1
    assert data["undated"] == 1
    page = client.get("/trends", params={"since": "2025-04-10", "until": "2025-04-20"}).text
    assert "1 undated article in the store, in no day." in page


def test_the_home_page_of_an_empty_store_says_how_to_fill_it(tmp_path) -> None:
    """The home page of a new, empty store said only "No articles match"."""
    path = tmp_path / "empty.db"
    connect(path).close()
    home = TestClient(create_app(path, warm_map=False)).get("/").text
    assert "The store holds no articles yet" in home and "newsgraph ingest" in home
    assert "No articles match" not in home
    found = TestClient(create_app(path, warm_map=False)).get("/search", params={"q": "x"}).text
    assert "No articles match" in found and "holds no articles" not in found
