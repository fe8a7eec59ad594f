"""`/trends`, `/network` and their APIs in-process, on the trends test store: JSON shapes, CSV
and graph downloads, the SVG charts, errors in the API's one shape, hostile names kept inert."""

from __future__ import annotations

import csv
import io
import warnings
from html.parser import HTMLParser

import networkx as nx
import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from tests.browser.trends_corpus import HOSTILE_NAME, HOSTILE_THEME, build_trends_store

from newsgraph.web.app import CSP, create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path = build_trends_store(tmp_path_factory.mktemp("web-trends") / "trends.db")
    return TestClient(create_app(path, warm_map=False))


class _Elements(HTMLParser):
    """Every start tag with its attributes, to prove nothing hostile became markup."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.tags


def test_api_trends_json_shape(client) -> None:
    r = client.get(
        "/api/trends",
        params=[("entity", "Sam Spike"), ("theme", "economy"), ("since", "2025-06-28")],
    )
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"by", "since", "until", "windows", "series", "undated"}
    assert body["windows"] == ["2025-06-28", "2025-06-29", "2025-06-30"]
    spike, economy = body["series"]
    assert set(spike) == {"kind", "value", "label", "matched", "points"}
    assert spike["label"] == "entity: Sam Spike" and economy["label"] == "theme: economy"
    assert spike["points"][-1] == {
        "window": "2025-06-30",
        "articles": 12,
        "tone": -4.0,
        "events": 16,
    }
    assert spike["points"][0] == {"window": "2025-06-28", "articles": 0, "tone": None, "events": 0}


def test_api_trends_by_hour(client) -> None:
    body = client.get(
        "/api/trends",
        params={"by": "hour", "since": "2025-06-30T09:00", "until": "2025-06-30T10:59"},
    ).json()
    assert body["windows"] == ["2025-06-30T09:00", "2025-06-30T10:00"]
    assert [p["articles"] for p in body["series"][0]["points"]] == [1, 12]


def test_api_trends_csv_download(client) -> None:
    r = client.get("/api/trends", params={"format": "csv", "since": "2025-06-29"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [(row["window"], row["articles"]) for row in rows] == [
        ("2025-06-29", "5"),
        ("2025-06-30", "23"),
    ]


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"since": "2025-07-01", "until": "2025-06-01"}, 422, "invalid_parameter"),
        ({"since": "tomorrow"}, 422, "invalid_parameter"),
        ({"by": "week"}, 422, "invalid_parameter"),
        ({"by": "hour", "since": "2001-01-01"}, 422, "invalid_parameter"),
        ({"format": "xml"}, 422, "invalid_parameter"),
        ([("entity", f"e{i}") for i in range(9)], 422, "invalid_parameter"),
    ],
)
def test_api_trends_errors_have_the_one_shape(client, params, status, code) -> None:
    r = client.get("/api/trends", params=params)
    assert r.status_code == status
    assert r.json()["error"]["code"] == code
    assert r.json()["error"]["status"] == status


def test_api_rising_json_shape(client) -> None:
    body = client.get("/api/rising", params={"kind": "entity"}).json()
    assert {"kind", "by", "start", "end", "baseline", "min_count", "min_score", "items"} <= set(
        body
    )
    assert body["baseline"] == 28 and body["min_count"] == 3
    keys = [i["key"] for i in body["items"]]
    assert "person:spike" in keys and "person:steady" not in keys
    item = body["items"][keys.index("person:spike")]
    assert set(item) == {"key", "label", "latest", "mean", "std", "score", "source", "target"}
    pairs = client.get("/api/rising", params={"kind": "pair", "limit": 1}).json()["items"]
    assert len(pairs) == 1 and pairs[0]["source"] == "person:spike"
    assert client.get("/api/rising", params={"kind": "mood"}).status_code == 422


def test_api_network_json_and_graph_downloads(client) -> None:
    body = client.get("/api/network").json()
    assert {"nodes", "edges", "articles", "truncated", "sampled", "actors"} <= set(body)
    edge = next(e for e in body["edges"] if e["type"] == "PROTEST")
    assert edge == {
        "source": "person:spike",
        "target": "organization:harbour-council",
        "type": "PROTEST",
        "quad_class": 3,
        "events": 12,
        "articles": 12,
        "goldstein": -6.5,
    }
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        r = client.get("/api/network", params={"format": fmt, "actors": "code"})
        assert r.status_code == 200 and f"network.{fmt}" in r.headers["content-disposition"]
        graph = read(io.BytesIO(r.content))
        assert graph.has_edge("PRTOPP", "PRTGOV")
    bad = client.get("/api/network", params={"q": '"unclosed'})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_query"


def test_trends_page_draws_every_series_with_a_legend(client) -> None:
    r = client.get("/trends", params=[("entity", "person:spike"), ("entity", "Stella Steady")])
    assert r.status_code == 200
    assert r.headers["content-security-policy"] == CSP
    html = r.text
    assert html.count('<svg class="chart trend"') == 3  # articles, tone, events
    assert html.count("<polyline") >= 6  # two series on each chart
    assert "entity: Sam Spike" in html and "entity: Stella Steady" in html
    assert 'href="/api/trends?by=day&amp;entity=person%3Aspike&amp;entity=Stella+Steady' in html
    assert "format=csv" in html
    # The rising lists sit beside the charts; the gap day is a zero in the table.
    assert 'class="facet rising-entity"' in html
    assert "<td>2025-06-20</td><td>0</td><td></td><td>0</td>" in html


def test_trends_page_with_no_series_shows_all_articles(client) -> None:
    html = client.get("/trends").text
    assert "all articles" in html and "90 days" in html


def test_network_page_lists_and_draws_the_actors(client) -> None:
    html = client.get("/network", params={"q": "Spike"}).text
    assert '<svg class="chart network"' in html
    assert "<td>Sam Spike</td><td>Harbour Council</td>" in html
    assert "material conflict" in html
    assert 'href="/api/network?q=Spike&amp;actors=entity&amp;limit=200&amp;format=gexf"' in html
    assert 'href="/entities/person:spike"' in html


def test_hostile_names_are_text_on_every_page(client) -> None:
    for path in ("/trends", "/trends?entity=person:vex", "/network", "/network?actors=code"):
        html = client.get(path).text
        tags = _elements(html)
        assert not [t for t, _ in tags if t in ("script", "img", "iframe")][1:], path  # app.js only
        assert not any(k.startswith("on") for _, attrs in tags for k in attrs), path
        assert "<script>alert(7)" not in html and 'onerror="alert(8)"' not in html, path
    assert "&lt;script&gt;alert(7)&lt;/script&gt;Vex" in client.get("/network").text
    rising_html = client.get("/trends").text
    assert "&lt;img src=x onerror=" in rising_html  # the hostile theme, listed as rising


def test_hostile_values_round_trip_as_data(client) -> None:
    body = client.get("/api/trends", params={"entity": HOSTILE_NAME, "since": "2025-06-30"}).json()
    assert body["series"][0]["label"] == f"entity: {HOSTILE_NAME}"
    assert body["series"][0]["points"][0]["articles"] == 4
    themes = [
        i["label"] for i in client.get("/api/rising", params={"kind": "theme"}).json()["items"]
    ]
    assert HOSTILE_THEME in themes


def test_rising_panel_for_other_pages(client) -> None:
    """The home page's rising list: `rising_panel` data through the `_rising.html` macro."""
    from types import SimpleNamespace

    from newsgraph.web.common import templates
    from newsgraph.web.trends import rising_panel

    request = SimpleNamespace(app=client.app)
    panel = rising_panel(request, limit=2)  # type: ignore[arg-type]
    assert list(panel) == ["entity", "theme", "place", "pair"]
    assert all(len(found.items) <= 2 for found in panel.values())
    assert rising_panel(request, limit=2) is panel  # remembered until the store changes
    macro = templates.env.get_template("_rising.html").module.rising_list  # type: ignore[attr-defined]
    html = str(macro(panel))
    assert 'href="/trends?entity=organization%3Aharbour-council"' in html
    assert 'href="/trends?place=lisbon"' in html
    assert "&lt;img src=x" in html and "<img" not in html


def test_home_page_lists_what_is_rising_and_a_search_does_not(client) -> None:
    home = client.get("/").text
    assert "<h2>Rising</h2>" in home and 'class="facet rising-entity"' in home
    assert 'href="/trends?place=lisbon"' in home
    assert "<h2>Rising</h2>" not in client.get("/search", params={"q": "harbour"}).text


def test_pages_and_api_on_an_empty_store(tmp_path) -> None:
    from newsgraph.store.db import connect

    path = tmp_path / "empty.db"
    connect(path).close()
    client = TestClient(create_app(path, warm_map=False))
    for page in ("/trends", "/trends?by=hour", "/network"):
        r = client.get(page)
        assert r.status_code == 200, page
    assert "Nothing unusual." in client.get("/trends").text
    assert "No actors linked by events here." in client.get("/network").text
    body = client.get("/api/trends").json()
    assert len(body["windows"]) == 90
    assert all(p["articles"] == 0 for p in body["series"][0]["points"])
    assert client.get("/api/rising").json()["items"] == []
    assert client.get("/api/network").json()["edges"] == []
