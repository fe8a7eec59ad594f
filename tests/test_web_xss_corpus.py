"""A corpus of XSS payloads through every page: shown as text, never as markup; CSP on every page.

One invented article per payload carries it in every field the UI shows: title, standfirst,
body, byline, source, entity name and alias, place, quote and speaker, theme, event actor and
amount. Every page (search, article, entity list and pages, map, stories and story pages) is
parsed as a browser would and must hold no element or attribute that came from the text. Also:
`/static` path traversal in encoded forms, and oversized query parameters.
"""

from __future__ import annotations

import unicodedata
import warnings
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from newsgraph.clean.assemble import build_article
from newsgraph.model import Actor, Amount, Article, Entity, Event, Mention, Place, Quote, Theme
from newsgraph.store.db import connect
from newsgraph.store.write import write_batch

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from newsgraph.web.app import CSP, create_app

PAYLOADS = [
    "<script>alert(1)</script>",
    "<ScRiPt src=//evil.example/x.js></ScRiPt>",
    '<img src=x onerror="alert(2)">',
    "<svg onload=alert(3)>",
    "<svg><script>alert(4)</script></svg>",
    '<a href="javascript:alert(5)">prize</a>',
    "<a href=' jAvAsCrIpT:alert(6)'>x</a>",
    '"><script>alert(7)</script>',
    "'><img src=x onerror=alert(8)>",
    '" onmouseover="alert(9)" x="',
    "' onfocus='alert(10)' autofocus '",
    '<div style="width: expression(alert(11))">css</div>',
    "<style>body{background:url('javascript:alert(12)')}</style>",
    '<iframe src="data:text/html,<script>alert(13)</script>"></iframe>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(14)>",
    "</textarea></title></noscript><script>alert(15)</script>",
    "<!--<script>alert(16)//-->",
    "<base href=//evil.example/>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(17)">',
    "<object data=javascript:alert(18)></object>",
    "<details open ontoggle=alert(19)>",
    "\u202e<script>alert(20)</script>\u202d",  # bidi override around a tag
    "\uff1cscript\uff1ealert(21)\uff1c/script\uff1e",  # fullwidth brackets: text anyway
    "<scr\u200bipt>alert(22)</scr\u200bipt>",  # zero-width space inside the tag name
    "&lt;script&gt;alert(23)&lt;/script&gt;",  # pre-escaped: must not be unescaped
    "{{7*7}} {% raw %} ${alert(24)}",  # template syntax is data
    "javascript:alert(25)",
]

# (`svg` is allowed: the map and timelines are drawn as inline SVG; its attributes are checked)
FORBIDDEN_TAGS = {
    "img",
    "iframe",
    "object",
    "embed",
    "style",
    "math",
    "base",
    "details",
    "textarea",
    "mglyph",
    "scr\u200bipt",
}


def _payload_article(i: int, payload: str) -> Article:
    word = f"xsscase{i}"
    a = build_article(
        title=f"{word} headline {payload}",
        standfirst=f"Standfirst {payload}",
        paragraphs=[
            f"The {word} council said on Monday that {payload} was sent to the newsroom.",
            f"Spokesman {payload} Vance said the claim was false and cost 40 million {payload}.",
            f"Officials in {payload} town were told {payload} by the mayor.",
        ],
        byline=f"By {payload}",
        published=datetime(2025, 3, 5, 12, i % 60, tzinfo=UTC),
        url=f"https://evil.example/{i}/{payload[:40]}",
        source=f"evil{i}.example{payload[:30]}",
        language="en",
    )
    t = a.text
    body = a.body_start
    said = t.index("said", body)
    name_at = t.index(f"{payload} Vance", body)
    name = f"{payload} Vance"
    place_at = t.index(f"{payload} town", body)
    amount_at = t.index("40 million", body)
    return a.model_copy(
        update={
            "entities": [
                Entity(
                    id=f"person:xss-{i}",
                    name=name,
                    type="person",
                    start=name_at,
                    end=name_at + len(name),
                    stage="entities",
                    aliases=[f"alias {payload}"],
                    mentions=[Mention(start=name_at, end=name_at + len(name), text=name)],
                )
            ],
            "places": [
                Place(
                    start=place_at,
                    end=place_at + len(payload),
                    text=payload,
                    name=payload,
                    kind="city",
                    country_code="XX",
                    lat=10.0 + i,
                    lon=20.0 - i,
                    precision="point",
                    focus=True,
                    stage="places",
                    mentions=[Mention(start=place_at, end=place_at + len(payload), text=payload)],
                )
            ],
            "quotes": [
                Quote(
                    start=name_at,
                    end=name_at + len(name),
                    text=name,
                    direct=False,
                    cue="said",
                    speaker=payload,
                    speaker_id=f"person:xss-{i}",
                    stage="quotes",
                )
            ],
            "amounts": [
                Amount(
                    start=amount_at,
                    end=amount_at + len("40 million"),
                    text="40 million",
                    value=4e7,
                    unit=payload[:20],
                    object=payload,
                    stage="amounts",
                )
            ],
            "themes": [Theme(start=0, end=3, name=f"theme {payload}", score=0.5, stage="themes")],
            "events": [
                Event(
                    start=said,
                    end=said + 4,
                    text="said",
                    type="APPEAL",
                    trigger=payload,
                    trigger_start=said,
                    trigger_end=said + 4,
                    actor=Actor(text=payload, entity_id=f"person:xss-{i}"),
                    recipient=Actor(text=f"to {payload}"),
                    stage="events",
                )
            ],
        }
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    path = tmp_path_factory.mktemp("xss") / "xss.db"
    articles = [_payload_article(i, p) for i, p in enumerate(PAYLOADS)]
    conn = connect(path)
    try:
        write_batch(conn, articles)
        story_ids = [int(r[0]) for r in conn.execute("SELECT id FROM stories ORDER BY id")]
    finally:
        conn.close()
    pages = [
        "/",
        "/search?q=council",
        "/search?q=council&sort=date",
        "/search?q=xsscase3",
        "/entities",
        "/entities?prefix=%3Csvg",
        "/map",
        "/stories",
        "/stories?min_size=1",
    ]
    for i, article in enumerate(articles):
        pages += [f"/articles/{article.id}", f"/entities/person:xss-{i}"]
    pages += [f"/stories/{s}" for s in story_ids[:10]]
    return path, pages


@pytest.fixture(scope="module")
def client(store: tuple[Path, list[str]]) -> TestClient:
    return TestClient(create_app(store[0], warm_map=False))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def _assert_inert(html: str, where: str) -> None:
    parser = _Tags()
    parser.feed(html)
    scripts = [attrs for tag, attrs in parser.tags if tag == "script"]
    assert scripts == [{"src": "/static/app.js", "defer": ""}], where
    assert not any("alert(" in c for c in parser.comments), where
    for tag, attrs in parser.tags:
        assert tag not in FORBIDDEN_TAGS, (where, tag)
        for name, value in attrs.items():
            assert not name.startswith("on"), (where, tag, name)
            assert name not in {"style", "http-equiv", "formaction"}, (where, name)
            assert name != "autofocus" or tag == "input", (where, tag)  # the search box
            assert "alert(" not in name, (where, tag, name)
            if tag == "meta":
                assert name in {"charset", "name", "content"}, (where, name)
                assert "url=" not in value.lower(), (where, value)
            if name in {"href", "src", "action", "data", "xlink:href"}:
                assert value.startswith(("/", "#", "?")) and not value.startswith("//"), (
                    where,
                    tag,
                    value,
                )


def test_every_page_is_inert_and_has_the_csp(client, store) -> None:
    _, pages = store
    assert len(pages) >= len(PAYLOADS)
    for path in pages:
        r = client.get(path)
        assert r.status_code == 200, (path, r.status_code)
        assert r.headers["content-security-policy"] == CSP, path
        assert r.headers["x-content-type-options"] == "nosniff", path
        _assert_inert(r.text, path)
        for payload in PAYLOADS:
            if any(c in payload for c in "<>\"'"):
                assert payload not in r.text, (path, payload)


def test_payloads_are_shown_as_text(client, store) -> None:
    """Escaped, not dropped: the reader sees exactly what the article said."""
    _, pages = store
    articles = [p for p in pages if p.startswith("/articles/")]
    for payload, path in zip(PAYLOADS, articles, strict=True):
        if any(unicodedata.category(c) == "Cf" for c in payload):
            continue  # invisible format characters may be cleaned away
        assert str(escape(payload)) in client.get(path).text, (path, payload)
    pre_escaped = client.get(articles[PAYLOADS.index("&lt;script&gt;alert(23)&lt;/script&gt;")])
    assert "&amp;lt;script&amp;gt;alert(23)" in pre_escaped.text


def test_api_answers_json_with_the_csp(client, store) -> None:
    _, pages = store
    ids = [p.rsplit("/", 1)[1] for p in pages if p.startswith("/articles/")]
    for path in [f"/api/articles/{ids[0]}", "/api/entities/person:xss-3", "/api/search?q=council"]:
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("application/json"), path
        assert r.headers["content-security-policy"] == CSP, path


@pytest.mark.parametrize(
    "path",
    [
        "/static/../../etc/passwd",
        "/static/..%2f..%2f..%2fetc%2fpasswd",
        "/static/%2e%2e%2f%2e%2e%2fetc/passwd",
        "/static/%252e%252e/%252e%252e/etc/passwd",
        "/static/....//....//etc/passwd",
        "/static/..%5c..%5capp.py",
        "/static/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
        "/static/%2e%2e/web/app.py",
        "/static/%2fetc%2fpasswd",
        "/static/style.css%00.js",
    ],
)
def test_static_traversal_is_a_404(client, path) -> None:
    r = client.get(path)
    assert r.status_code == 404, (path, r.status_code)
    assert "root:" not in r.text and "create_app" not in r.text
    assert r.headers["content-security-policy"] == CSP


@pytest.mark.parametrize(
    "path",
    [
        "/search?q=" + "x" * 20_000,
        "/api/search?q=" + "x" * 20_000,
        "/search?q=council&entity=" + "e" * 50_000,
        "/api/map?theme=" + "t" * 50_000,
        "/entities?prefix=" + "p" * 50_000,
        "/api/entities?prefix=" + "p" * 50_000,
    ],
)
def test_oversized_query_parameters_are_a_4xx(client, path) -> None:
    r = client.get(path)
    assert 400 <= r.status_code < 500, (path[:40], r.status_code)
    assert r.headers["content-security-policy"] == CSP
    assert "x" * 1000 not in r.text  # not echoed back in full


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if "<" in p and "\uff1c" not in p][:12])
def test_the_checker_would_catch_an_unescaped_payload(payload) -> None:
    page = f'<html><head><script src="/static/app.js" defer></script></head><p>{payload}</p>'
    with pytest.raises(AssertionError):
        _assert_inert(page, "made-up page")
