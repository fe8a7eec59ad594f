"""The HTML pages in-process: content, security headers, hostile text rendered inert."""

from __future__ import annotations

import re
import warnings
from html.parser import HTMLParser

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from tests.browser.corpus import HOSTILE_NAME, Corpus, build_store

from newsgraph.web import highlight
from newsgraph.web.app import CSP, create_app, is_loopback


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return build_store(tmp_path_factory.mktemp("pages") / "pages.db")


@pytest.fixture(scope="module")
def client(corpus: Corpus) -> TestClient:
    return TestClient(create_app(corpus.path, warm_map=False))


def pages(corpus: Corpus) -> list[str]:
    return [
        "/",
        "/search?q=porto&sort=date",
        "/search?q=porto&entity=person:rui-duarte&theme=environment",
        f"/articles/{corpus.flood}",
        f"/articles/{corpus.hostile}",
        "/entities",
        "/entities/person:rui-duarte",
        "/entities/person:vex",
        "/map",
        "/map?theme=labour&since=2025-03-01",
        "/stories",
        "/stories?min_size=1",
    ]


def test_every_page_renders_with_security_headers(client, corpus) -> None:
    for path in pages(corpus):
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("text/html")
        assert r.headers["content-security-policy"] == CSP
        assert r.headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"]


def test_csp_forbids_inline_script_and_style() -> None:
    script = re.search(r"script-src ([^;]+)", CSP)
    style = re.search(r"style-src ([^;]+)", CSP)
    assert script and style and "unsafe" not in script.group(1) + style.group(1)
    assert "default-src 'self'" in CSP


def test_headers_on_api_static_and_errors(client) -> None:
    for path in ("/api/stats", "/static/style.css", "/nowhere", "/api/nowhere"):
        r = client.get(path)
        assert r.headers["x-content-type-options"] == "nosniff", path
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"], path


def test_search_page_highlights_matches_and_offers_facets(client) -> None:
    html = client.get("/search", params={"q": "Porto"}).text
    assert "<mark>Porto</mark>" in html
    assert 'href="/search?q=Porto&amp;sort=relevance&amp;theme=environment"' in html
    assert "3 articles" in html


def test_search_page_shows_a_bad_query_as_a_400_page(client) -> None:
    r = client.get("/search", params={"q": '"unclosed'})
    assert r.status_code == 400 and "invalid search query" in r.text


def test_article_page_has_highlights_legend_and_panels(client, corpus) -> None:
    html = client.get(f"/articles/{corpus.flood}").text
    for kind in ("entity", "place", "quote", "amount", "date", "event"):
        assert f'class="hl hl-{kind}"' in html, kind
    assert 'data-info="2025-03-04' not in html  # dates are shown with their type
    assert 'data-info="DATE 2025-03-04"' in html
    assert 'data-href="/entities/person:rui-duarte"' in html
    assert "Mayor Rui Duarte</a></span> → <q>We moved people" in html
    assert "Civil protection teams" in html and '<strong class="etype">AID</strong>' in html
    assert f'href="/articles/{corpus.copy}"' in html  # duplicate listed
    assert '<image href="/map/world.svg"' in html
    assert "By Ana Ferreira" in html


def test_entity_page_has_timeline_quotes_events_and_co_mentions(client) -> None:
    html = client.get("/entities/Duarte").text
    assert "<h1>Rui Duarte" in html
    assert 'class="chart"' in html and '<rect class="bar"' in html
    assert "Nobody wins a long strike" in html
    assert "Lusitania Rail Authority</a>" in html
    assert "APPEAL" in html


def test_story_page(client, corpus) -> None:
    stories = client.get("/api/stories").json()["stories"]
    html = client.get(f"/stories/{stories[0]['id']}").text
    assert f'href="/articles/{corpus.flood}"' in html and 'class="chart"' in html


def test_map_page_draws_places_sized_by_mentions(client) -> None:
    html = client.get("/map").text
    assert html.count('class="place-dot"') == 3
    assert "Lisbon: 3 mentions" in html
    world = client.get("/map/world.svg")
    assert world.headers["content-type"].startswith("image/svg+xml")
    assert world.text.startswith("<svg")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def assert_inert(html: str) -> None:
    """No element or attribute from article text: as a browser's parser would see the page."""
    parser = _Tags()
    parser.feed(html)
    scripts = [a for t, a in parser.tags if t == "script"]
    assert scripts == [{"src": "/static/app.js", "defer": ""}]
    for tag, attrs in parser.tags:
        assert tag not in {"img", "iframe", "object", "embed", "b", "style", "form"} or (
            tag == "form" and attrs.get("action", "").startswith("/")
        ), tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert name != "style", tag
            assert not value.strip().lower().startswith(("javascript:", "data:")), (tag, name)
            if name in {"href", "src", "action"}:
                assert value.startswith("/") and not value.startswith("//"), (tag, value)


def test_hostile_article_is_inert(client, corpus) -> None:
    html = client.get(f"/articles/{corpus.hostile}").text
    assert_inert(html)
    assert "&lt;script&gt;window.__pwned = 1;" in html
    assert "&lt;img src=&#34;x&#34; onerror=" in html


def test_hostile_entity_page_is_inert(client) -> None:
    html = client.get("/entities/person:vex").text
    assert_inert(html)
    assert "&lt;img src=x onerror" in html


def test_hostile_search_map_and_stories_are_inert(client) -> None:
    for path in (
        "/search?q=council",
        "/map",
        "/stories?min_size=1",
        "/search?theme=%3Cscript%3E",
        "/search?q=%3Cscript%3E",
        "/entities?prefix=%22%3E%3Cscript%3E",
    ):
        assert_inert(client.get(path).text)


@pytest.mark.parametrize(
    "path",
    [
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e/%2e%2e/store/db.py",
        "/static//etc/passwd",
    ],
)
def test_static_files_cannot_escape_their_folder(client, path) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert "fcntl" not in r.text and "create_app" not in r.text


def test_static_assets_are_served(client) -> None:
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")
    assert "innerHTML" not in client.get("/static/app.js").text


def test_page_errors_are_html(client) -> None:
    r = client.get("/articles/nope")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "no article" in r.text
    assert client.get("/search?limit=500").status_code == 422


# --- the highlighted body ----------------------------------------------------------------------


def span(start: int, end: int, kind: str = "entity", info: str = "i") -> highlight.Span:
    return highlight.Span(start, end, kind, info)


def test_render_nests_spans_and_escapes_text() -> None:
    text = '"A <b> said" B & C'
    html = highlight.render(text, [span(0, 12, "quote"), span(1, 2), span(15, 16, "place")])
    assert str(html).count("<span") == 3 and str(html).count("</span>") == 3
    assert "&lt;b&gt;" in html and "&amp;" in html
    inner = str(html).index('class="hl hl-entity"')
    assert str(html).index('class="hl hl-quote"') < inner < str(html).index("</span>")


def test_render_clips_crossing_spans() -> None:
    html = str(highlight.render("abcdefgh", [span(0, 4, "quote"), span(2, 6)]))
    assert html.count("<span") == 2
    assert re.sub(r"<[^>]+>", "", html) == "abcdefgh"


def test_render_escapes_attribute_values() -> None:
    html = str(highlight.render("x", [span(0, 1, info=HOSTILE_NAME)]))
    assert "<script>" not in html and "&#34;&gt;&lt;script&gt;" in html


def test_render_keeps_every_character() -> None:
    text = "Ünïcode ✓ <tag> & 'quotes' \"double\"\n\nnext"
    spans = [span(0, 7), span(8, 9, "date"), span(10, 15, "amount"), span(30, 40, "quote")]
    html = str(highlight.render(text, spans))
    import html as html_lib

    assert html_lib.unescape(re.sub(r"<[^>]+>", "", html)) == text


def test_loopback_detection() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")


def test_a_count_of_one_is_in_the_singular(client) -> None:
    """Pages said "1 articles", "1 mentions", "1 links": every page counts with one helper."""
    entity = client.get("/entities/person:vex").text
    assert "1 article · 1 mention ·" in entity
    assert "1 articles" not in entity and "1 mentions" not in entity
    assert "1 article for" in client.get("/search", params={"q": "strike"}).text
    network = client.get("/network").text
    assert "1 link," in network and "1 links" not in network
    assert "1 series, 90 days" in client.get("/trends").text
    assert ": 1 article</title>" in entity  # the chart's bars say it too
