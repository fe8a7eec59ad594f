"""End to end in headless Chromium: search, open an article, follow an entity, open the map;
and a hostile article that must stay inert. Screenshots go to tests/artifacts/ and the final
ones are copied to docs/screenshots/.

Needs Debian's `chromium` (/usr/bin/chromium, or NEWSGRAPH_CHROMIUM) and the `playwright`
package (its own browsers are never downloaded); skips with the reason otherwise.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.browser.corpus import Corpus, build_store

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = Path(os.environ.get("NEWSGRAPH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install playwright==1.65.2)"
)
if not CHROMIUM.exists():
    pytest.skip(
        f"no Chromium at {CHROMIUM} (apt-get install -y chromium, or set NEWSGRAPH_CHROMIUM)",
        allow_module_level=True,
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _with_synthetic(corpus: Corpus, n: int = 240) -> None:
    """Add invented articles (bench/synth.py) so the map and stories have something to show."""
    try:
        from bench import synth
    except ImportError:
        return
    from newsgraph.store.db import connect
    from newsgraph.store.write import write_batch

    conn = connect(corpus.path)
    try:
        write_batch(conn, list(synth.articles(n, seed=11)))
    finally:
        conn.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Corpus]]:
    import uvicorn

    from newsgraph.web.app import create_app

    corpus = build_store(tmp_path_factory.mktemp("browser") / "ui.db")
    _with_synthetic(corpus)
    port = _free_port()
    config = uvicorn.Config(
        create_app(corpus.path), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", corpus
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    yield pg
    context.close()


def shot(pg: Any, name: str, *, publish: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(target), full_page=False)
    if publish and os.environ.get("NEWSGRAPH_UPDATE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, SCREENSHOTS / f"{name}.png")


def test_search_article_entity_map_journey(server, page) -> None:
    base, corpus = server
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)

    page.goto(f"{base}/")
    page.fill("form.search input[name=q]", "Porto")
    page.click("form.search button[type=submit]")
    page.wait_for_url("**/search?**")
    assert page.locator("ol.hits mark").first.inner_text() == "Porto"
    assert page.locator("aside.facets section.facet").count() >= 3
    shot(page, "search", publish=True)

    page.click(f'ol.hits a.title[href="/articles/{corpus.flood}"]')
    page.wait_for_url(f"**/articles/{corpus.flood}")
    assert page.locator(".body .hl-entity").count() >= 2
    box = page.locator("#fact-box")
    assert box.is_hidden()
    page.hover(".body .hl-place >> nth=0")
    assert box.is_visible()
    assert "PT" in box.inner_text() and "41.15" in box.inner_text()
    page.click(".body .hl-quote >> nth=0", position={"x": 3, "y": 3})
    assert "speaker: Mayor Rui Duarte" in box.inner_text()
    page.click(".body .hl-entity >> nth=0")
    assert "person:rui-duarte" in box.inner_text()
    shot(page, "article", publish=True)

    box.locator("a.follow").click()
    page.wait_for_url("**/entities/person:rui-duarte")
    assert page.locator("h1").inner_text().startswith("Rui Duarte")
    assert page.locator("svg.chart rect.bar").count() >= 1
    shot(page, "entity", publish=True)

    page.click("header.top nav >> text=Map")
    page.wait_for_url("**/map")
    page.wait_for_load_state("networkidle")
    assert page.locator("svg.map circle.place-dot").count() >= 3
    loaded = page.evaluate("() => fetch('/map/world.svg').then(r => r.headers.get('content-type'))")
    assert loaded.startswith("image/svg+xml")
    shot(page, "map", publish=True)

    page.click("header.top nav >> text=Stories")
    page.wait_for_url("**/stories")
    assert page.locator("table.stories tbody tr").count() >= 1
    shot(page, "stories", publish=True)
    assert problems == []


def test_hostile_article_stays_inert(server, page) -> None:
    base, corpus = server
    dialogs: list[str] = []
    violations: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: violations.append(m.text))

    page.goto(f"{base}/articles/{corpus.hostile}")
    page.wait_for_load_state("networkidle")
    # The text is shown, as text.
    assert "<script>window.__pwned = 1;" in page.locator("#article-body").inner_text()
    assert page.locator("h1").inner_text().startswith('<script>alert("title")</script>')
    # Nothing from the article became an element or ran.
    assert page.evaluate("() => window.__pwned") is None
    assert page.evaluate("() => document.scripts.length") == 1
    assert page.evaluate("() => document.scripts[0].getAttribute('src')") == "/static/app.js"
    assert page.evaluate("() => document.querySelectorAll('img').length") == 0
    assert (
        page.evaluate(
            "() => [...document.querySelectorAll('a')].filter(a => !a.getAttribute('href')"
            ".startsWith('/')).length"
        )
        == 0
    )
    assert (
        page.evaluate(
            "() => [...document.querySelectorAll('*')].some(el => [...el.attributes]"
            ".some(a => a.name.startsWith('on')))"
        )
        is False
    )
    # The would-be javascript: link is plain text: clicking it goes nowhere and runs nothing.
    before = page.url
    page.get_by_text("claim your prize", exact=False).first.click()
    page.hover(".body .hl-entity >> nth=0")
    page.wait_for_timeout(300)
    assert page.url == before
    assert dialogs == []
    assert page.evaluate("() => window.__pwned") is None
    # The fact box shows the hostile name as text, not markup.
    assert "<script>alert(4)</script>" in page.locator("#fact-box").inner_text()
    shot(page, "hostile-article")

    page.goto(f"{base}/entities/person:vex")
    page.goto(f"{base}/search?q=council")
    page.wait_for_load_state("networkidle")
    assert dialogs == [] and page.evaluate("() => window.__pwned") is None
    assert not [v for v in violations if "Content Security Policy" in v]


def test_inline_script_would_be_blocked_by_the_csp(server, page) -> None:
    """Belt and braces: even injected inline script could not run under our CSP."""
    base, _ = server
    page.goto(f"{base}/stories")
    ran = page.evaluate(
        """() => new Promise(resolve => {
            document.addEventListener('securitypolicyviolation', () => resolve('blocked'));
            const s = document.createElement('script');
            s.textContent = 'window.__inline = 1';
            document.body.appendChild(s);
            setTimeout(() => resolve(window.__inline ? 'ran' : 'blocked'), 300);
        })"""
    )
    assert ran == "blocked"
