"""The CLI audit, item 16: error pages say what is wrong in words, never a pattern."""

from __future__ import annotations

import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from tests.browser.corpus import Corpus, build_store

from newsgraph.web.app import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    corpus: Corpus = build_store(tmp_path_factory.mktemp("errors") / "e.db")
    return TestClient(create_app(corpus.path, warm_map=False))


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/search?since=yesterday", "since: not a date or time: &#39;yesterday&#39;"),
        ("/search?until=2026-3-14", "until: not a date or time"),
        ("/events?since=yesterday", "since: not a date or time"),
        ("/events?quad_class=7", "quad_class: &#39;7&#39; is not a quad class, 1 to 4"),
        ("/events?country=<b>x", "is not a three-letter CAMEO code"),
        ("/articles/bad;id", "&#39;bad;id&#39; is not an article id"),
        ("/stories/abc", "&#39;abc&#39; is not a whole number"),
    ],
)
def test_error_pages_say_what_is_wrong_in_words(client: TestClient, path: str, words: str) -> None:
    page = client.get(path)
    assert page.status_code == 422
    assert words in page.text
    assert "String should match pattern" not in page.text and "^" not in page.text
    assert "<b>x" not in page.text  # the value stays escaped


def test_the_api_says_it_in_the_same_words(client: TestClient) -> None:
    error = client.get("/api/stories/abc").json()["error"]
    assert error == {
        "code": "invalid_parameter",
        "message": "story_id: 'abc' is not a whole number",
        "status": 422,
    }
