"""The JSON API in-process: data of every page, paging bounds, and one error shape for all."""

from __future__ import annotations

import re
import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from tests.browser.corpus import Corpus, build_store

from newsgraph.errors import StoreError
from newsgraph.web.app import create_app


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return build_store(tmp_path_factory.mktemp("web") / "web.db")


@pytest.fixture(scope="module")
def client(corpus: Corpus) -> TestClient:
    return TestClient(create_app(corpus.path, warm_map=False))


def assert_error(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "status"}
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["code"], str) and body["error"]["code"]
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


def test_search_returns_hits_with_marked_snippets_and_facets(client, corpus) -> None:
    body = client.get("/api/search", params={"q": "porto"}).json()
    assert body["total"] == 3
    ids = {h["id"] for h in body["hits"]}
    assert {corpus.flood, corpus.copy, corpus.strike} == ids
    first = body["hits"][0]
    assert ["Porto", True] in first["snippet"]
    assert {f["value"] for f in body["facets"]["entity"]} >= {"person:rui-duarte"}
    assert {f["value"]: f["count"] for f in body["facets"]["theme"]} == {
        "environment": 2,
        "labour": 1,
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"entity": "person:rui-duarte"}, {"flood", "copy", "strike"}),
        ({"entity": "Rui Duarte", "theme": "labour"}, {"strike"}),
        ({"place": "Lisbon", "q": "pumps"}, {"flood", "copy"}),
        ({"event_type": "APPEAL"}, {"strike"}),
        ({"source": "wire.example"}, {"copy"}),
        ({"since": "2025-03-05", "until": "2025-03-05"}, {"hostile"}),
        ({"since": "2025-03-06"}, {"strike"}),
    ],
)
def test_search_facet_filters(client, corpus, params, expected) -> None:
    body = client.get("/api/search", params=params).json()
    assert {h["id"] for h in body["hits"]} == {getattr(corpus, name) for name in expected}


def test_an_unknown_event_type_is_refused_not_an_empty_search(client) -> None:
    """The search's `event_type`, and the trends' series, refuse a type that is neither a
    PLOVER type nor in the store, as the CLI's --event-type does; a stored one still filters."""
    error = client.get("/api/search", params={"event_type": "RIOTS"}).json()["error"]
    assert error["status"] == 400 and error["code"] == "invalid_parameter"
    assert error["message"].startswith("event_type: unknown event type 'RIOTS' (one of ACCUSE,")
    page = client.get("/search", params={"event_type": "RIOTS"})
    assert page.status_code == 400 and "unknown event type &#39;RIOTS&#39;" in page.text
    trend = client.get("/api/trends", params={"event_type": "RIOTS"})
    assert trend.status_code == 400 and "unknown event type 'RIOTS'" in trend.text
    assert client.get("/api/search", params={"event_type": "protest"}).status_code == 200
    assert client.get("/api/trends", params={"event_type": "APPEAL"}).status_code == 200


def test_search_sorts_by_date_and_pages(client, corpus) -> None:
    body = client.get("/api/search", params={"sort": "date", "limit": 2}).json()
    assert body["total"] == 4 and body["limit"] == 2 and body["offset"] == 0
    assert [h["id"] for h in body["hits"]] == [corpus.strike, corpus.hostile]
    rest = client.get("/api/search", params={"sort": "date", "limit": 2, "offset": 2}).json()
    assert len(rest["hits"]) == 2
    assert {h["id"] for h in rest["hits"]} == {corpus.flood, corpus.copy}


def test_article_has_record_duplicates_and_story(client, corpus) -> None:
    body = client.get(f"/api/articles/{corpus.flood}").json()
    assert body["article"]["title"] == "Floods force hundreds from homes in Porto"
    assert body["article"]["quotes"][0]["speaker_id"] == "person:rui-duarte"
    assert [d["id"] for d in body["duplicates"]] == [corpus.copy]
    assert body["story"]["id"] is not None
    copy = client.get(f"/api/articles/{corpus.copy}").json()
    assert copy["duplicate_of"] == corpus.flood
    assert [d["id"] for d in copy["duplicates"]] == [corpus.flood]


def test_entity_by_id_name_or_alias(client) -> None:
    for key in ("person:rui-duarte", "Rui Duarte", "Duarte"):
        body = client.get(f"/api/entities/{key}").json()
        assert body["entity"]["id"] == "person:rui-duarte"
    assert body["entity"]["aliases"] == ["Duarte"]
    assert [q["text"] for q in body["quotes_by"]][:2] == [
        "We moved people before the water reached the old town",
        "Nobody wins a long strike",
    ]
    assert body["events"][0]["type"] == "APPEAL"
    assert body["co_mentions"][0]["entity_id"] == "organization:porto-civil-protection"
    assert {p["name"] for p in body["places"]} == {"Porto", "Lisbon"}
    assert sum(n for _, n in body["timeline"]) == 3  # articles, per day


def test_entity_list_pages(client) -> None:
    body = client.get("/api/entities", params={"limit": 2}).json()
    assert body["total"] == 4 and len(body["entities"]) == 2
    assert body["entities"][0]["id"] == "person:rui-duarte"
    only = client.get("/api/entities", params={"prefix": "lus", "type": "organization"}).json()
    assert [e["name"] for e in only["entities"]] == ["Lusitania Rail Authority"]


def test_map_aggregates_places_and_filters_by_theme(client) -> None:
    places = {p["name"]: p for p in client.get("/api/map").json()["places"]}
    assert places["Lisbon"]["mentions"] == 3 and places["Porto"]["mentions"] == 2
    labour = client.get("/api/map", params={"theme": "labour"}).json()["places"]
    assert [p["name"] for p in labour] == ["Lisbon"]


def test_stories_and_story(client, corpus) -> None:
    body = client.get("/api/stories").json()
    assert body["total"] == 3
    top = body["stories"][0]
    assert top["size"] == 2 and top["timeline"] == [["2025-03-04", 2]]
    story = client.get(f"/api/stories/{top['id']}").json()
    assert {a["id"] for a in story["articles"]} == {corpus.flood, corpus.copy}


def test_stats(client) -> None:
    assert client.get("/api/stats").json()["articles"] == 4


def test_openapi_lists_every_api_route(client) -> None:
    spec = client.get("/api/openapi.json").json()
    paths = set(spec["paths"])
    assert {
        "/api/search",
        "/api/articles/{article_id}",
        "/api/entities",
        "/api/entities/{key}",
        "/api/map",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/stats",
    } <= paths
    assert all(p.startswith("/api/") for p in paths)


BAD_PARAMS = [
    {"limit": "0"},
    {"limit": "100000"},
    {"offset": "-1"},
    {"offset": "10001"},
    {"limit": "ten"},
]


def _api_routes(client) -> list[str]:
    return sorted(client.get("/api/openapi.json").json()["paths"])


def test_every_endpoint_answers_404_and_422_in_the_one_error_shape(client) -> None:
    routes = _api_routes(client)
    assert len(routes) >= 8
    checked = {404: 0, 422: 0}
    for route in routes:
        concrete = re.sub(r"\{[^}]+\}", "999999", route)
        if "{" in route:
            assert_error(client.get(concrete), 404)
            checked[404] += 1
        spec = client.get("/api/openapi.json").json()["paths"][route]["get"]
        names = {p["name"] for p in spec.get("parameters", [])}
        for bad in BAD_PARAMS:
            if set(bad) <= names:
                err = assert_error(client.get(concrete, params=bad), 422)
                assert err["code"] == "invalid_parameter"
                checked[422] += 1
        if "since" in names:
            assert_error(client.get(concrete, params={"since": "last tuesday"}), 422)
            assert_error(client.get(concrete, params={"until": "2025-02-30"}), 422)
            checked[422] += 2
        if "q" in names:
            assert_error(client.get(concrete, params={"q": "x" * 301}), 422)
            checked[422] += 1
    assert checked[404] >= 3 and checked[422] >= 3, checked


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/nothing-here", 404, "not_found"),
        ("/api/articles/no-such-id", 404, "not_found"),
        ("/api/articles/..%2F..%2Fetc%2Fpasswd", 404, "not_found"),
        ("/api/articles/bad%20id%3B", 422, "invalid_parameter"),
        ("/api/entities/nobody", 404, "not_found"),
        ("/api/stories/not-a-number", 422, "invalid_parameter"),
        ("/api/search?q=%22unclosed", 400, "invalid_query"),
        ("/api/search?q=a%20AND", 400, "invalid_query"),
        ("/api/search?sort=size", 422, "invalid_parameter"),
        ("/api/search?since=2025-03-09&until=2025-03-01", 422, "invalid_parameter"),
        ("/api/map?q=%22", 400, "invalid_query"),
        ("/api/map?limit=5000", 422, "invalid_parameter"),
        ("/api/entities?type=planet", 422, "invalid_parameter"),
    ],
)
def test_errors_share_one_shape(client, path, status, code) -> None:
    assert assert_error(client.get(path), status)["code"] == code


def test_wrong_method_is_an_error_in_the_same_shape(client) -> None:
    assert_error(client.post("/api/search"), 405)


def test_empty_form_fields_mean_no_filter(client) -> None:
    body = client.get("/api/search?q=porto&since=&until=&theme=&sort=relevance").json()
    assert body["total"] == 3


def test_injection_in_filters_is_just_a_value(client) -> None:
    body = client.get("/api/search", params={"entity": "x' OR 1=1 --"}).json()
    assert body["total"] == 0


def test_store_is_opened_read_only(corpus) -> None:
    app = create_app(corpus.path, warm_map=False)
    conn = app.state.store.conn()
    with pytest.raises(Exception, match=r"readonly|read-only|query_only"):
        conn.execute("DELETE FROM articles")


def test_missing_store_is_refused(tmp_path) -> None:
    with pytest.raises(StoreError, match="no corpus store"):
        create_app(tmp_path / "absent.db")


def test_an_unexpected_failure_is_a_500_in_the_same_shape(corpus, monkeypatch) -> None:
    from newsgraph.store import read

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(read, "list_entities", broken)
    client = TestClient(create_app(corpus.path, warm_map=False), raise_server_exceptions=False)
    err = assert_error(client.get("/api/entities"), 500)
    assert err["code"] == "internal_error" and "boom" not in err["message"]


def test_issue_14_item_19_head_answers_like_get_on_every_route(client, corpus) -> None:
    """Issue 14, item 19: `curl -I /` answered 405; HEAD is GET without the body, everywhere."""
    from fastapi.routing import APIRoute

    from newsgraph.web.app import PARTS

    story = client.get("/api/stories").json()["stories"][0]["id"]
    values = {"article_id": corpus.flood, "key": "person:rui-duarte", "story_id": str(story)}
    routes = [
        r.path
        for part in PARTS
        for r in (*part.api.routes, *part.pages.routes)
        if isinstance(r, APIRoute) and "GET" in r.methods
    ]
    assert "/" in routes and "/api/search" in routes
    paths = [re.sub(r"\{(\w+)\}", lambda m: values[m[1]], p) for p in routes]
    for path in [*paths, "/api/openapi.json", "/static/style.css", "/no-such-page", "/api/nope"]:
        get, head = client.get(path), client.head(path)
        assert head.status_code == get.status_code != 405, path
        assert head.content == b"", path
        assert head.headers["content-type"] == get.headers["content-type"], path
        assert head.headers["content-length"] == str(len(get.content)), path
        assert head.headers["content-security-policy"] == get.headers["content-security-policy"]
    assert client.head("/").status_code == 200
    assert client.head("/api/search", params={"q": "al-Qaeda"}).status_code == 200
