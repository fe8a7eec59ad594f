"""The trends and network pages in headless Chromium: charts drawn on the server, a rising
entity followed to its own timeline, the network drawn and listed, hostile names inert, and no
script needed to read any of it. Screenshots go to tests/artifacts/; the published ones
(docs/screenshots/, with NEWSGRAPH_UPDATE_SCREENSHOTS=1) come from the realistic store of
tests/browser/showcase_corpus.py, never from the hostile one.

Skips like tests/browser/test_browser_ui.py without Chromium or playwright.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from tests.browser import showcase_corpus as showcase
from tests.browser.test_browser_ui import _free_port, browser, page, shot
from tests.browser.trends_corpus import build_trends_store

__all__ = ["browser", "page"]  # the fixtures, shared with the other browser tests


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The hostile corpus, for the behaviour and escaping tests."""
    yield from _serve(build_trends_store(tmp_path_factory.mktemp("browser-trends") / "trends.db"))


@pytest.fixture(scope="module")
def showcase_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The realistic corpus, for the screenshots the README shows."""
    target = tmp_path_factory.mktemp("browser-showcase") / "showcase.db"
    yield from _serve(showcase.build_showcase_store(target))


def _serve(path: Path) -> Iterator[str]:
    import uvicorn

    from newsgraph.web.app import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(path), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def _watch(pg: Any) -> dict[str, list[str]]:
    """Record the page's script errors, console errors and dialogs (a dialog is dismissed)."""
    seen: dict[str, list[str]] = {"errors": [], "dialogs": []}

    def console(message: Any) -> None:
        if message.type == "error":
            seen["errors"].append(message.text)

    def dialog(opened: Any) -> None:
        seen["dialogs"].append(opened.message)
        opened.dismiss()

    pg.on("pageerror", lambda e: seen["errors"].append(f"page error: {e}"))
    pg.on("console", console)
    pg.on("dialog", dialog)
    return seen


def test_trends_compare_and_follow_a_rising_entity(server, page) -> None:
    seen = _watch(page)
    page.goto(f"{server}/trends")
    assert page.locator("svg.chart.trend").count() == 3
    assert page.locator("aside .rising-entity li a").count() >= 2
    page.click("aside .rising-entity li a >> text=Sam Spike")
    page.wait_for_url("**/trends?entity=person%3Aspike")
    assert "entity: Sam Spike" in page.locator("ul.series-list").inner_text()
    # Compare with a second entity through the form, no script involved.
    page.fill("form.trends-form input[name=entity] >> nth=1", "Stella Steady")
    page.fill("form.trends-form input[name=since]", "2025-06-01")
    page.click("form.trends-form button[type=submit]")
    page.wait_for_url("**/trends?**")
    assert page.locator("ul.series-list li").count() == 2
    # Two series on each of the three charts; every point says what it is on hover.
    assert page.locator("svg.chart.trend polyline").count() >= 6
    titles = page.locator("svg.chart.trend circle title").all_text_contents()
    assert any(t.startswith("entity: Sam Spike, 2025-06-30: 12 articles") for t in titles)
    csv_href = page.locator("a.download >> text=CSV").get_attribute("href")
    body = page.evaluate(f"() => fetch({csv_href!r}).then(r => r.text())")
    assert body.startswith("window,series,kind,value,articles,tone,events")
    shot(page, "trends-hostile")
    assert seen == {"errors": [], "dialogs": []}


def test_network_page_draws_and_lists_actors(server, page) -> None:
    seen = _watch(page)
    page.goto(f"{server}/network")
    assert page.locator("svg.chart.network circle").count() >= 4
    assert page.locator("table.network-edges tbody tr").count() == 4
    # The hostile actor is shown as text, and nothing it carries ran or became an element.
    assert "<script>alert(7)</script>Vex" in page.locator("table.network-nodes").inner_text()
    assert page.evaluate("() => document.scripts.length") == 1
    assert page.evaluate("() => document.querySelectorAll('img').length") == 0
    page.select_option("form.network-form select[name=actors]", "code")
    page.click("form.network-form button[type=submit]")
    page.wait_for_url("**/network?**actors=code**")
    assert "PRTOPP" in page.locator("table.network-edges").inner_text()
    shot(page, "network-hostile")
    assert seen == {"errors": [], "dialogs": []}


def test_pages_read_without_javascript(server, browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(f"{server}/trends?theme=storm&theme=economy")
        assert pg.locator("svg.chart.trend").count() == 3
        assert "theme: storm" in pg.locator("ul.series-list").inner_text()
        pg.goto(f"{server}/network?q=Spike")
        assert pg.locator("table.network-edges tbody tr").count() == 2
    finally:
        context.close()


def test_showcase_trends_and_network_for_the_readme(showcase_server, page) -> None:
    """The README's screenshots: two entities compared over the sixty days, the strike's spike
    on the last day, and the rising list beside the charts; then the actors' network."""
    seen = _watch(page)
    since = (showcase.DAY0 - timedelta(days=showcase.DAYS - 1)).date().isoformat()
    union, mayor = showcase.UNION, showcase.BRANNOCK
    page.goto(f"{showcase_server}/trends?entity={mayor.id}&entity={union.id}&since={since}")
    chips = page.locator("ul.series-list li").all_inner_texts()
    assert len(chips) == 2
    assert chips[0].startswith(f"entity: {mayor.name}")
    assert chips[1].startswith(f"entity: {union.name}")
    assert page.locator("svg.chart.trend polyline").count() >= 6
    titles = page.locator("svg.chart.trend circle title").all_text_contents()
    peak = f"entity: {union.name}, {showcase.DAY0.date()}: {showcase.STRIKE_ARTICLES} articles"
    assert any(t.startswith(peak) for t in titles)
    rising = page.locator("aside .rising-entity li a").all_inner_texts()
    assert {union.name, showcase.CORVANE.name} <= set(rising[:3])
    shot(page, "trends", publish=True)
    page.goto(f"{showcase_server}/network")
    assert page.locator("svg.chart.network circle").count() >= 5
    nodes = page.locator("table.network-nodes").inner_text()
    assert all(w.name in nodes for w in (mayor, union, showcase.CORVANE, showcase.COUNCIL))
    shot(page, "network", publish=True)
    assert seen == {"errors": [], "dialogs": []}
