"""`newsgraph watch` against local HTTP sites: rounds, faults, politeness, restarts, signals.

Every site is a threading `http.server` on 127.0.0.1 (tests/watch_site.py); no test reaches
the internet. Each fault case checks its outcome, that the other sources still went through,
and that nothing was fetched or stored twice.
"""

from __future__ import annotations

import gzip
import os
import re
import signal
import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from tests.watch_site import Site, article_html, rss, send
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.errors import InputError, StoreError
from newsgraph.model import Article
from newsgraph.settings import Settings
from newsgraph.store.db import connect
from newsgraph.store.sources import list_sources
from newsgraph.store.write import prepare
from newsgraph.watch import RoundReport, WatchOptions, resolve_source, stop_on_signals, watch
from newsgraph.watch.http import retry_after_seconds, user_agent
from newsgraph.watch.round import backoff

SETTINGS = Settings(
    fetch_timeout=1.0,
    max_bytes=1_000_000,
    user_agent="newsgraph-test/1.0 (+https://newsgraph.dev/bot)",
    contact="ops@example.org",
)
OPTIONS = WatchOptions(nlp=False, delay=0.0, every=0.0)
T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


class Clock:
    """The watch's idea of now, moved by hand."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture(scope="module", autouse=True)
def warm_writer() -> None:
    """Import what the first write imports (seconds on a busy machine) before any timing."""
    prepare([Article(text="Warm up the writer's imports before the clock starts.")])


@pytest.fixture
def sites() -> Iterator[list[Site]]:
    """Start sites with `new(sites)`; all are closed after the test."""
    made: list[Site] = []
    yield made
    for site in made:
        site.close()


def new(sites: list[Site]) -> Site:
    site = Site()
    sites.append(site)
    return site


def once(
    db: Path,
    sources: list[str],
    clock: Clock | None = None,
    settings: Settings = SETTINGS,
    options: WatchOptions = OPTIONS,
) -> RoundReport:
    report = watch(
        sources, db=db, options=options, settings=settings, once=True, clock=clock or Clock()
    )
    assert report is not None
    return report


def stored_urls(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in conn.execute("SELECT origin FROM article_sources"))
    finally:
        conn.close()


def health(db: Path, url: str, now: datetime = T0):
    conn = connect(db)
    try:
        return next(s for s in list_sources(conn, now=now) if s.url == url)
    finally:
        conn.close()


def feed_site(sites: list[Site], count: int, *, etag: str | None = '"v1"') -> tuple[Site, str]:
    site = new(sites)
    links = [site.article(f"/a/{i}") for i in range(count)]
    feed = site.static(
        "/feed.xml",
        rss([(link, f"Story {i}") for i, link in enumerate(links)]),
        "application/rss+xml",
        etag=etag,
    )
    return site, feed


# -- rounds ---------------------------------------------------------------------------------------


def test_a_second_round_fetches_only_the_items_the_feed_gained(tmp_path, sites) -> None:
    db = tmp_path / "w.db"
    site, feed = feed_site(sites, 3)
    first = once(db, [feed])
    assert (first.sources, first.links, first.new, first.fetched, first.stored) == (1, 3, 3, 3, 3)
    assert not first.failed

    links = [site.url(f"/a/{i}") for i in range(5)]
    site.article("/a/3")
    site.article("/a/4")
    site.static(
        "/feed.xml",
        rss([(link, f"Story {i}") for i, link in enumerate(links)]),
        "application/rss+xml",
        etag='"v2"',
    )
    second = once(db, [feed])
    assert (second.links, second.new, second.fetched, second.stored) == (5, 2, 2, 2)
    assert site.article_hits() == {f"/a/{i}": 1 for i in range(5)}
    assert stored_urls(db) == sorted(links)
    assert health(db, feed).articles == 5


def test_a_304_answer_refetches_nothing(tmp_path, sites) -> None:
    db = tmp_path / "w.db"
    site, feed = feed_site(sites, 2)
    once(db, [feed])
    again = once(db, [feed])
    assert (again.sources, again.not_modified, again.links, again.fetched) == (1, 1, 0, 0)
    assert site.requests["/feed.xml"][1]["if-none-match"] == '"v1"'
    assert site.article_hits() == {"/a/0": 1, "/a/1": 1}
    assert health(db, feed).status == "ok"


def test_last_modified_is_sent_back_as_if_modified_since(tmp_path, sites) -> None:
    db = tmp_path / "w.db"
    site = new(sites)
    link = site.article("/a/1")
    feed = site.static("/feed.xml", rss([(link, "One")]), "application/rss+xml", last_modified=T0)
    once(db, [feed])
    assert once(db, [feed]).not_modified == 1
    assert site.requests["/feed.xml"][1]["if-modified-since"] == "Mon, 02 Mar 2026 12:00:00 GMT"


def test_a_feed_without_validators_is_read_again_but_its_links_are_not(tmp_path, sites) -> None:
    db = tmp_path / "w.db"
    site, feed = feed_site(sites, 2, etag=None)
    once(db, [feed])
    again = once(db, [feed])
    assert (again.not_modified, again.links, again.new, again.fetched) == (0, 2, 0, 0)
    assert site.hits["/feed.xml"] == 2
    assert site.article_hits() == {"/a/0": 1, "/a/1": 1}


# -- faults ---------------------------------------------------------------------------------------


def test_a_slow_host_is_cut_at_the_time_limit_and_the_others_go_on(tmp_path, sites) -> None:
    db = tmp_path / "w.db"
    slow = new(sites)

    def sleepy(request: BaseHTTPRequestHandler) -> None:
        time.sleep(3)
        send(request, 200, rss([]), "application/rss+xml")

    def trickle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Content-Length", "1000")
        request.end_headers()
        for _ in range(1000):
            request.wfile.write(b"x")
            request.wfile.flush()
            time.sleep(0.05)

    slow.routes["/feed.xml"] = sleepy
    dribbling = new(sites)
    dribbling.routes["/a/slow"] = trickle
    slow_article = dribbling.url("/a/slow")
    dribbling.static("/feed.xml", rss([(slow_article, "Slow")]), "application/rss+xml")
    _, good = feed_site(sites, 2)

    started = time.monotonic()
    report = once(db, [slow.url("/feed.xml"), dribbling.url("/feed.xml"), good])
    assert time.monotonic() - started < 2.9  # the 3 s answer was not waited for
    assert report.failed_sources == [(slow.url("/feed.xml"), "timed out after 1s [E108]")]
    assert report.failed_articles == [(slow_article, "timed out after 1s [E108]")]
    assert report.stored == 2
    assert health(db, slow.url("/feed.xml")).consecutive_failures == 1


def test_a_host_answering_500_then_200_is_backed_off_then_read(tmp_path, sites) -> None:
    db = tmp_path / "w.db"
    site, feed = feed_site(sites, 2)
    answers = iter([500, 200, 200])
    good = site.routes["/feed.xml"]

    def flaky(request: BaseHTTPRequestHandler) -> None:
        if next(answers) == 500:
            send(request, 500, b"oops", "text/plain")
        else:
            site.routes["/feed.xml"] = good
            send(request, 200, good.body, good.content_type)  # type: ignore[union-attr]

    site.routes["/feed.xml"] = flaky
    clock = Clock()
    first = once(db, [feed], clock)
    assert first.failed_sources == [(feed, "HTTP 500 Internal Server Error [E108]")]
    state = health(db, feed)
    assert (state.consecutive_failures, state.status) == (1, "backing off")
    assert state.next_due == (T0 + timedelta(seconds=60)).isoformat()

    waiting = once(db, [feed], clock)  # not due yet: the host is not asked
    assert (waiting.sources, waiting.waiting) == (0, 1)
    assert site.hits["/feed.xml"] == 1

    clock.advance(61)
    back = once(db, [feed], clock)
    assert (back.sources, back.stored, back.failed) == (1, 2, False)
    state = health(db, feed, clock.now)
    assert (state.consecutive_failures, state.status, state.next_due) == (0, "ok", None)
    assert state.last_error == "HTTP 500 Internal Server Error [E108]"  # kept, with its time
    assert site.article_hits() == {"/a/0": 1, "/a/1": 1}


def test_a_429_with_retry_after_sets_the_next_try(tmp_path, sites) -> None:
    db = tmp_path / "w.db"
    site, feed = feed_site(sites, 1)
    good = site.routes["/feed.xml"]

    def busy(request: BaseHTTPRequestHandler) -> None:
        send(request, 429, b"slow down", "text/plain", {"Retry-After": "600"})
        site.routes["/feed.xml"] = good

    site.routes["/feed.xml"] = busy
    clock = Clock()
    report = once(db, [feed], clock)
    assert report.failed_sources == [(feed, "HTTP 429 Too Many Requests (Retry-After 600s) [E108]")]
    assert health(db, feed).next_due == (T0 + timedelta(seconds=600)).isoformat()
    clock.advance(300)  # the back-off alone (60 s) would allow it: Retry-After does not
    assert once(db, [feed], clock).sources == 0
    clock.advance(301)
    assert once(db, [feed], clock).stored == 1
    assert site.hits["/feed.xml"] == 2


def test_retry_after_reads_seconds_and_dates() -> None:
    assert retry_after_seconds("120", now=T0) == 120
    assert retry_after_seconds("Mon, 02 Mar 2026 12:05:00 GMT", now=T0) == 300
    assert retry_after_seconds("99999999", now=T0) == 7 * 86400
    assert retry_after_seconds("soon", now=T0) is None


def test_a_redirect_loop_is_capped_and_reported(tmp_path, sites) -> None:
    db = tmp_path / "w.db"
    site = new(sites)

    def loop(request: BaseHTTPRequestHandler) -> None:
        send(request, 302, b"", "text/plain", {"Location": request.path})

    site.routes["/loop.xml"] = loop
    site.routes["/a/loop"] = loop
    moved = site.url("/a/moved")
    site.routes["/a/moved"] = lambda r: send(r, 301, b"", "text/plain", {"Location": "/a/there"})
    site.article("/a/there")
    feed = site.static(
        "/feed.xml", rss([(site.url("/a/loop"), "Loop"), (moved, "Moved")]), "application/rss+xml"
    )
    report = once(db, [site.url("/loop.xml"), feed])
    assert report.failed_sources == [(site.url("/loop.xml"), "more than 5 redirects [E108]")]
    assert report.failed_articles == [(site.url("/a/loop"), "more than 5 redirects [E108]")]
    assert site.hits["/loop.xml"] == 6
    assert report.stored == 1
    conn = connect(db)
    row = conn.execute("SELECT url, origin FROM article_sources").fetchone()
    assert tuple(row) == (site.url("/a/there"), moved)  # stored at its final URL, seen as linked
    assert once(db, [feed]).fetched == 0  # neither link is fetched again


def test_a_50_mb_response_is_cut_at_the_size_limit(tmp_path, sites) -> None:
    db = tmp_path / "w.db"
    site = new(sites)
    sent = {"bytes": 0}

    def endless(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "application/rss+xml")
        request.end_headers()  # no Content-Length: the body ends when the connection does
        chunk = b"<!-- padding -->" * 4096
        while sent["bytes"] < 50 * 1024 * 1024:
            request.wfile.write(chunk)
            sent["bytes"] += len(chunk)

    def declared(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Content-Length", str(50 * 1024 * 1024))
        request.end_headers()
        request.wfile.write(b"<p>" * 1000)

    site.routes["/huge.xml"] = endless
    site.routes["/a/huge"] = declared
    feed = site.static(
        "/feed.xml",
        rss([(site.url("/a/huge"), "Huge"), (site.article("/a/fine"), "Fine")]),
        "application/rss+xml",
    )
    report = once(db, [site.url("/huge.xml"), feed])
    cap = "too large: more bytes over the cap of 1,000,000 (settings.max_bytes) [E104]"
    assert report.failed_sources == [(site.url("/huge.xml"), cap)]
    assert report.failed_articles == [
        (
            site.url("/a/huge"),
            "too large: 52,428,800 bytes over the cap of 1,000,000 (settings.max_bytes) [E104]",
        )
    ]
    assert sent["bytes"] < 10 * 1024 * 1024  # the download stopped near the cap
    assert stored_urls(db) == [site.url("/a/fine")]
    assert "\n" not in health(db, site.url("/huge.xml")).last_error


def test_a_feed_that_is_not_xml_is_reported_and_the_others_are_read(tmp_path, sites) -> None:
    db = tmp_path / "w.db"
    site = new(sites)
    html = site.static("/news.html", b"<!doctype html><html><body>News</body></html>")
    text = site.static("/plain.xml", b"this is not a feed", "application/rss+xml")
    broken = site.static("/broken.xml", b"<rss><channel><item><link>", "application/rss+xml")
    _, good = feed_site(sites, 2)
    report = once(db, [html, text, broken, good])
    reasons = dict(report.failed_sources)
    assert set(reasons) == {html, text}
    assert reasons[html].startswith("not an RSS/Atom feed, a sitemap or an OPML file")
    assert "(it starts with '<!doctype html><html><body>News</body></')" in reasons[html]
    assert broken not in reasons  # feedparser reads what it can of a cut feed: no links here
    assert report.stored == 2
    assert health(db, html).status == "backing off"


def test_robots_txt_is_honoured_for_every_link(tmp_path, sites) -> None:
    db = tmp_path / "w.db"
    site = new(sites)
    site.static("/robots.txt", b"User-agent: *\nDisallow: /private/\n", "text/plain")
    site.article("/private/a")
    feed = site.static(
        "/feed.xml",
        rss([(site.url("/private/a"), "Secret"), (site.article("/a/open"), "Open")]),
        "application/rss+xml",
    )
    report = once(db, [feed])
    assert report.failed_articles == [(site.url("/private/a"), "disallowed by robots.txt [E108]")]
    assert site.hits["/private/a"] == 0
    assert report.stored == 1
    assert site.hits["/robots.txt"] == 1


# -- politeness -----------------------------------------------------------------------------------


def test_one_request_at_a_time_per_host_with_the_delay_between(tmp_path, sites) -> None:
    db = tmp_path / "w.db"
    site = new(sites)
    for f in range(3):
        links = [site.article(f"/a/{f}-{i}") for i in range(2)]
        site.static(f"/feed{f}.xml", rss([(u, u) for u in links]), "application/rss+xml")
    options = WatchOptions(nlp=False, delay=0.15, concurrency=4, every=0.0)
    report = once(db, [site.url(f"/feed{f}.xml") for f in range(3)], options=options)
    assert report.stored == 6
    assert site.most_active == 1
    gaps = [b - a for a, b in zip(site.times, site.times[1:], strict=False)]
    assert len(site.times) == 10  # robots.txt, 3 feeds, 6 articles
    assert min(gaps) >= 0.14


def test_the_user_agent_names_the_contact(tmp_path, sites) -> None:
    db = tmp_path / "w.db"
    site, feed = feed_site(sites, 1)
    once(db, [feed])
    agent = "newsgraph-test/1.0 (+https://newsgraph.dev/bot; contact: ops@example.org)"
    for path in ("/robots.txt", "/feed.xml", "/a/0"):
        assert site.requests[path][0]["user-agent"] == agent
    assert site.requests["/a/0"][0]["from"] == "ops@example.org"
    assert user_agent(SETTINGS.with_(contact="")) == SETTINGS.user_agent
    assert user_agent(Settings(user_agent="bot/2", contact="https://x.example/about")) == (
        "bot/2 (contact: https://x.example/about)"
    )


def test_a_source_that_keeps_failing_waits_longer_each_time(tmp_path, sites) -> None:
    db = tmp_path / "w.db"
    site = new(sites)
    down = site.static("/down.xml", b"gone", "text/plain", status=503)
    clock = Clock()
    waits = []
    for _ in range(4):
        report = once(db, [down], clock)
        assert report.failed_sources and report.sources == 1
        due = datetime.fromisoformat(health(db, down, clock.now).next_due or "")
        waits.append((due - clock.now).total_seconds())
        clock.now = due
    assert waits == [60, 120, 240, 480]
    assert [backoff(n) for n in (1, 2, 12, 40)] == [60, 120, 86400, 86400]
    assert health(db, down, clock.now).consecutive_failures == 4


# -- sources: OPML, lists, sitemaps ---------------------------------------------------------------


def test_an_opml_file_and_a_list_register_their_feeds_and_follow_changes(tmp_path, sites) -> None:
    db = tmp_path / "w.db"
    site = new(sites)
    feeds = []
    for f in range(3):
        link = site.article(f"/a/{f}")
        feeds.append(site.static(f"/f{f}.xml", rss([(link, str(f))]), "application/rss+xml"))
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body><outline text="News">'
        f'<outline type="rss" xmlUrl="{feeds[0]}"/><outline type="rss" xmlUrl="{feeds[1]}"/>'
        "</outline></body></opml>"
    )
    listing = tmp_path / "sources.txt"
    listing.write_text(f"# my sources\n\n{feeds[2]}\nfeeds.opml\nnot-there.opml\n")
    report = once(db, [str(listing)])
    assert (report.sources, report.stored) == (3, 3)
    assert report.notes == [f"{listing}: line 5: not a URL or a file: not-there.opml"]
    kinds = {s.url: (s.kind, s.parent) for s in _all(db)}
    assert kinds[str(opml)] == ("opml", str(listing))
    assert kinds[feeds[0]] == ("feed", str(opml))

    opml.write_text(f'<opml version="2.0"><body><outline xmlUrl="{feeds[1]}"/></body></opml>')
    once(db, [str(listing)])
    status = {s.url: s.status for s in _all(db)}
    assert status[feeds[0]] == "inactive" and status[feeds[1]] == "ok"
    assert site.hits["/f0.xml"] == 1 and site.hits["/f1.xml"] == 2


def _all(db: Path):
    conn = connect(db)
    try:
        return list_sources(conn, now=T0)
    finally:
        conn.close()


def test_news_sitemaps_and_sitemap_indexes_newest_first(tmp_path, sites) -> None:
    db = tmp_path / "w.db"
    site = new(sites)
    news = "http://www.google.com/schemas/sitemap-news/0.9"
    urls = "".join(
        f"<url><loc>{site.article(f'/a/n{i}')}</loc><news:news><news:publication>"
        f"<news:name>Example</news:name><news:language>en</news:language></news:publication>"
        f"<news:publication_date>2026-03-0{i + 1}T08:00:00Z</news:publication_date>"
        f"<news:title>News {i}</news:title></news:news></url>"
        for i in range(4)
    )
    child = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="{news}">'
        f"{urls}</urlset>"
    ).encode()
    site.static("/news-sitemap.xml.gz", gzip.compress(child), "application/gzip")
    old = f"<url><loc>{site.article('/a/old')}</loc><lastmod>2020-01-01</lastmod></url>"
    site.static(
        "/old-sitemap.xml",
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{old}</urlset>'.encode(),
        "application/xml",
    )
    index = site.static(
        "/sitemap.xml",
        (
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{site.url('/news-sitemap.xml.gz')}</loc>"
            "<lastmod>2026-03-04</lastmod></sitemap>"
            f"<sitemap><loc>{site.url('/old-sitemap.xml')}</loc>"
            "<lastmod>2020-01-01</lastmod></sitemap></sitemapindex>"
        ).encode(),
        "application/xml",
    )
    options = WatchOptions(nlp=False, delay=0.0, every=0.0, max_per_source=3, max_sitemaps=1)
    report = once(db, [index], options=options)
    assert (report.links, report.new, report.stored) == (4, 3, 3)
    assert site.hits["/old-sitemap.xml"] == 0  # only the newest child sitemap this round
    assert sorted(site.article_hits()) == ["/a/n1", "/a/n2", "/a/n3"]  # the newest three
    conn = connect(db)
    titles = {r[0] for r in conn.execute("SELECT title FROM articles")}
    assert "News 3" not in titles  # the page's own title wins over the sitemap's
    assert health(db, index).kind == "sitemap"
    assert once(db, [index], options=options).fetched == 1  # the fourth, next round


# -- restarts and stops ---------------------------------------------------------------------------


def test_two_runs_on_one_store_fetch_nothing_twice(tmp_path, sites) -> None:
    db = tmp_path / "w.db"
    site, feed = feed_site(sites, 4, etag=None)
    opts = WatchOptions(nlp=False, delay=0.0, every=0.0, max_per_source=2)
    assert once(db, [feed], options=opts).stored == 2
    second = once(db, [], options=opts)  # no sources named: the store's own
    assert (second.new, second.stored) == (2, 2)
    third = once(db, [feed], options=opts)
    assert (third.new, third.fetched) == (0, 0)
    assert site.article_hits() == {f"/a/{i}": 1 for i in range(4)}
    assert len(stored_urls(db)) == 4


def test_a_link_stored_but_not_yet_noted_is_not_fetched_again(tmp_path, sites) -> None:
    """A kill between the article's commit and its `seen_urls` row loses nothing."""
    db = tmp_path / "w.db"
    site, feed = feed_site(sites, 2, etag=None)
    once(db, [feed])
    conn = connect(db)
    conn.execute("DELETE FROM seen_urls")
    conn.close()
    assert once(db, [feed]).fetched == 0
    assert site.article_hits() == {"/a/0": 1, "/a/1": 1}


def test_sigterm_stores_the_articles_in_hand_and_stops(tmp_path, sites) -> None:
    db = tmp_path / "w.db"
    site = new(sites)
    links = []
    served: list[str] = []
    signalled: list[float] = []
    for i in range(20):
        path = f"/a/{i}"
        body = article_html(path)

        def slowly(request: BaseHTTPRequestHandler, body: bytes = body) -> None:
            time.sleep(0.05)
            send(request, 200, body, "text/html")
            served.append(request.path)
            if len(served) == 5:  # mid-round, as an operator would
                signalled.append(time.monotonic())
                os.kill(os.getpid(), signal.SIGTERM)

        site.routes[path] = slowly
        links.append(site.url(path))
    feed = site.static("/feed.xml", rss([(u, u) for u in links]), "application/rss+xml")
    stop = threading.Event()
    with stop_on_signals(stop):
        report = watch(
            [feed],
            db=db,
            options=WatchOptions(nlp=False, delay=0.0, every=3600.0),
            settings=SETTINGS,
            stop=stop,
            clock=Clock(),
        )
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    assert time.monotonic() - signalled[0] < 3  # not the hour to the next round
    assert report.stopped and report.next_round is None
    assert 4 <= report.stored <= 6  # the pages in hand when the signal came, no more
    kept = stored_urls(db)
    assert len(kept) == report.stored
    rest = once(db, [feed])
    assert rest.stored == 20 - len(kept)
    hits = site.article_hits()
    assert all(hits[u.removeprefix(site.base)] == 1 for u in kept)  # stored once, never again
    assert max(hits.values()) <= 2  # a page in flight at the stop is fetched once more


def test_a_second_watch_on_the_same_store_is_refused(tmp_path, sites) -> None:
    from newsgraph.store.db import writer_lock

    db = tmp_path / "w.db"
    _, feed = feed_site(sites, 1)
    with writer_lock(f"{db}.watch"), pytest.raises(StoreError, match="another watch"):
        once(db, [feed])


def test_sources_that_are_neither_urls_nor_files_are_refused(tmp_path) -> None:
    with pytest.raises(InputError, match="not a feed or sitemap URL"):
        resolve_source(str(tmp_path / "missing.opml"))
    with pytest.raises(InputError, match="nothing to watch"):
        watch([], db=tmp_path / "empty.db", once=True)
    assert resolve_source("https://x.example/sitemap_news.xml") == (
        "https://x.example/sitemap_news.xml",
        "sitemap",
    )


# -- the command line -----------------------------------------------------------------------------


def test_watch_once_and_sources_on_the_command_line(tmp_path, sites, monkeypatch) -> None:
    db = tmp_path / "w.db"
    _, feed = feed_site(sites, 2)
    site = new(sites)
    down = site.static("/down.xml", b"no", "text/plain", status=404)
    monkeypatch.setenv("NEWSGRAPH_CONTACT", "ops@example.org")
    runner = CliRunner()
    result = runner.invoke(
        app, ["watch", feed, down, "--db", str(db), "--once", "--no-nlp", "--delay", "0"]
    )
    assert result.exit_code == 1, result.output
    assert "2 sources (0 not modified, 1 failed), 2 links, 2 new, 2 fetched; stored 2" in (
        result.output
    )
    assert f"error: {down}: HTTP 404 Not Found [E108]" in result.output

    listed = runner.invoke(app, ["sources", "--db", str(db)])
    assert listed.exit_code == 0
    header, first, second = listed.output.splitlines()
    assert header.split() == [
        "id",
        "kind",
        "status",
        "failures",
        "articles",
        "per_day",
        "last_new",
        "last_success",
        "next_try",
        "url",
        "last_error",
    ]
    assert first.split()[:6] == ["1", "feed", "ok", "0", "2", "2"]
    assert second.split()[:4] == ["2", "feed", "backing-off", "1"]
    assert re.search(r"HTTP 404 Not Found \[E108\] \(at \d{4}-\d\d-\d\dT[\d:]+\+00:00\)$", second)

    as_json = runner.invoke(app, ["sources", "--db", str(db), "--json"])
    import json

    rows = json.loads(as_json.output)
    assert [r["url"] for r in rows] == [feed, down]
    assert rows[0]["articles_per_day"] == 2.0


def test_watch_refuses_a_parquet_output_from_the_command_line(tmp_path) -> None:
    """`--db parquet://DIR` was a traceback: the option's Path had made it "parquet:/DIR"."""
    out = CliRunner().invoke(
        app, ["watch", "https://x.example/f", "--db", "parquet://out/", "--once", "--no-nlp"]
    )
    assert out.exit_code == 2, out.output
    assert "not parquet://" in out.output and out.output.strip().endswith("[E100]")


def test_a_round_of_one_source_and_one_link_says_so_in_the_singular(
    tmp_path, sites, monkeypatch
) -> None:
    """The round's line said "1 sources …, 1 links"."""
    _, feed = feed_site(sites, 1)
    monkeypatch.setenv("NEWSGRAPH_CONTACT", "ops@example.org")
    args = ["watch", feed, "--db", str(tmp_path / "w.db"), "--once", "--no-nlp", "--delay", "0"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert ": 1 source (0 not modified), 1 link, 1 new, 1 fetched; stored 1" in result.output


def test_watch_refuses_a_bad_interval_and_a_missing_source(tmp_path) -> None:
    runner = CliRunner()
    bad = runner.invoke(app, ["watch", "https://x.example/f", "--every", "soon"])
    assert bad.exit_code == 2 and "--every" in bad.output
    for often in ("0", "5s", "0.2m"):
        busy = runner.invoke(app, ["watch", "https://x.example/f", "--every", often])
        assert busy.exit_code == 2, often
        assert f"--every: '{often}' is too often: rounds at least 30s apart" in busy.output
        assert "--once" in busy.output
    missing = runner.invoke(app, ["watch", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "d")])
    assert missing.exit_code == 2 and "not a feed or sitemap URL" in missing.output
    assert "scheme" not in missing.output  # a file name is not taken for a URL


def test_a_feed_url_typed_without_its_scheme_is_told_how_to_write_it(tmp_path) -> None:
    """`watch example.org/rss.xml` says what `extract` and `ingest` say: the URL needs
    https://, and the line still ends with its code."""
    with pytest.raises(InputError, match=r"a URL needs its scheme: https://example\.org/rss\.xml"):
        resolve_source("example.org/rss.xml")
    db = tmp_path / "d.db"
    out = CliRunner().invoke(app, ["watch", "www.example.org/feed", "--db", str(db), "--no-nlp"])
    assert out.exit_code == 2
    assert out.output.strip() == (
        "error: www.example.org/feed: not a feed or sitemap URL, nor an OPML file or list of "
        "URLs (a URL needs its scheme: https://www.example.org/feed) [E109]"
    )
    assert not db.exists()  # nothing registered


def test_removing_a_source_typed_without_its_scheme_says_how_to_write_it(tmp_path) -> None:
    db = tmp_path / "d.db"
    connect(db).close()
    out = CliRunner().invoke(app, ["sources", "--db", str(db), "--remove", "example.org/rss.xml"])
    assert out.exit_code == 1
    assert (
        "error: example.org/rss.xml: not a watched source (`newsgraph sources` lists them; a URL "
        "needs its scheme: https://example.org/rss.xml) [E109]"
    ) in out.output


def test_a_copy_of_a_stored_article_is_a_duplicate_not_a_new_one(tmp_path, sites) -> None:
    db = tmp_path / "w.db"
    first, second = new(sites), new(sites)
    body = article_html("/a/shared")
    feeds = []
    for site in (first, second):
        link = site.static("/a/shared", body)
        feeds.append(site.static("/feed.xml", rss([(link, "Shared")]), "application/rss+xml"))
    report = once(db, feeds)
    assert (report.fetched, report.stored, report.duplicates) == (2, 1, 1)
    assert sorted(health(db, f).articles for f in feeds) == [0, 1]  # the first one fetched
    conn = connect(db)
    statuses = sorted(r[0] for r in conn.execute("SELECT status FROM seen_urls"))
    assert statuses == ["duplicate", "stored"]
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_the_demo_site_serves_a_feed_and_a_news_sitemap(tmp_path) -> None:
    from newsgraph.demo.feeds import NEW_ARTICLES, watch_round

    base, report = watch_round(tmp_path / "demo.db", nlp=False)
    assert base.startswith("http://127.0.0.1:")
    assert (report.sources, report.links, report.stored, report.failed) == (2, 8, 8, False)
    conn = connect(tmp_path / "demo.db")
    titles = {r[0] for r in conn.execute("SELECT title FROM articles")}
    assert {title for title, _, _ in NEW_ARTICLES.values()} <= titles
    conn.close()

    # A second demo serves on another port and forgets the first one's (dead) sources.
    again, second = watch_round(tmp_path / "demo.db", nlp=False)
    assert again != base and second.stored == 0 and not second.failed
    conn = connect(tmp_path / "demo.db")
    try:
        urls = [s.url for s in list_sources(conn, now=T0)]
    finally:
        conn.close()
    assert sorted(urls) == sorted([f"{again}/feeds/world.xml", f"{again}/sitemap-news.xml"])


@pytest.mark.slow
def test_a_watch_killed_with_sigkill_loses_nothing_and_fetches_nothing_twice(
    tmp_path, sites
) -> None:
    import subprocess
    import sys

    db = tmp_path / "w.db"
    site = new(sites)
    links = []
    for i in range(30):
        path = f"/a/{i}"
        body = article_html(path)

        def slowly(request: BaseHTTPRequestHandler, body: bytes = body) -> None:
            time.sleep(0.1)
            send(request, 200, body, "text/html")

        site.routes[path] = slowly
        links.append(site.url(path))
    feed = site.static("/feed.xml", rss([(u, u) for u in links]), "application/rss+xml")
    script = (
        "import sys\n"
        "from newsgraph.watch import WatchOptions, watch\n"
        "watch([sys.argv[1]], db=sys.argv[2], once=True,\n"
        "      options=WatchOptions(nlp=False, delay=0.0))\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script, feed, str(db)])
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(_committed(db)) < 3:
            time.sleep(0.05)
        child.kill()  # SIGKILL, mid-round
    finally:
        child.wait()
    kept = _committed(db)
    assert 3 <= len(kept) < 30
    report = once(db, [feed])
    assert report.stored == 30 - len(kept)
    hits = site.article_hits()
    assert all(hits[u.removeprefix(site.base)] == 1 for u in kept)
    conn = connect(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 30
    assert conn.execute("SELECT count(*) FROM article_sources").fetchone()[0] == 30


def _committed(db: Path) -> list[str]:
    if not db.exists():
        return []
    try:
        return stored_urls(db)
    except sqlite3.OperationalError:  # the store is being created
        return []


def test_an_alert_matches_what_a_watch_round_stores_once(tmp_path, sites) -> None:
    """Issue 18, section 3: alerts run on every batch stored, by `watch` as by `ingest`."""
    import json

    from newsgraph.store.alerts import AlertFilters, Outputs, add_alert, list_matches

    db = tmp_path / "w.db"
    site = new(sites)
    flood = site.static(
        "/a/flood", article_html("/a/flood", title="Tsunami waters reach the harbour")
    )
    other = site.article("/a/other")
    feed = site.static(
        "/feed.xml", rss([(flood, "Flood"), (other, "Other")]), "application/rss+xml"
    )
    out = tmp_path / "alerts.jsonl"
    conn = connect(db)
    try:
        add_alert(
            conn, "floods", "tsunami", AlertFilters(), Outputs(jsonl=str(out)), now="2026-03-02"
        )
    finally:
        conn.close()

    assert once(db, [feed]).stored == 2
    once(db, [feed], clock=Clock())  # a second round stores nothing and matches nothing new
    conn = connect(db)
    try:
        matches = list_matches(conn, alert="floods").matches
    finally:
        conn.close()
    assert [m.url for m in matches] == [flood]
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["url"] == flood


def test_links_left_for_the_next_round_are_fetched_though_the_feed_has_an_etag(
    tmp_path, sites
) -> None:
    """Review of issue 18: a round that takes only some links must not send the validators
    next time, or the 304 would hide the rest until the feed changes."""
    import dataclasses

    db = tmp_path / "w.db"
    site, feed = feed_site(sites, 5)  # served with an ETag
    capped = dataclasses.replace(OPTIONS, max_per_source=2)
    stored = [once(db, [feed], options=capped).stored for _ in range(3)]
    assert stored == [2, 2, 1]
    assert site.article_hits() == {f"/a/{i}": 1 for i in range(5)}
    assert once(db, [feed], options=capped).not_modified == 1  # all taken: validators again


def test_hostile_dates_and_retry_after_fail_one_source_not_the_watch(tmp_path, sites) -> None:
    """Review of issue 18: a year-0 date in a feed and a Retry-After of "²" are unreadable
    values, not a crash of the whole watch."""
    from newsgraph.ingest.feeds import entry_time
    from newsgraph.watch.listing import _when

    assert retry_after_seconds("\u00b2", now=T0) is None
    assert retry_after_seconds("120", now=T0) == 120.0
    assert _when("0001-01-01T00:00:00+05:00") is None
    assert entry_time({"published_parsed": time.struct_time((0, 1, 1, 0, 0, 0, 0, 1, 0))}) is None

    db = tmp_path / "w.db"
    site = new(sites)
    link = site.article("/a/0")
    body = rss([(link, "Story")]).replace(b"Mon, 02 Mar 2026 10:00:00 GMT", b"0000-01-01T00:00:00Z")
    feed = site.static("/feed.xml", body, "application/rss+xml")
    report = once(db, [feed])
    assert report.stored == 1 and not report.failed_sources


def test_a_link_that_failed_for_now_is_fetched_again_though_the_feed_has_an_etag(
    tmp_path, sites
) -> None:
    """A feed's validators are kept only once each of its links was dealt with: a link that
    failed with a 503 is tried again next round, and the feed is asked unconditionally."""
    db = tmp_path / "w.db"
    site, feed = feed_site(sites, 2)  # served with an ETag
    good = site.routes["/a/1"]
    site.routes["/a/1"] = lambda request: send(request, 503, b"busy", "text/plain")
    first = once(db, [feed])
    assert (first.stored, first.not_modified) == (1, 0)
    site.routes["/a/1"] = good
    second = once(db, [feed])
    assert (second.stored, second.not_modified) == (1, 0)  # the feed was read in full again
    assert site.article_hits() == {"/a/0": 1, "/a/1": 2}
    assert once(db, [feed]).not_modified == 1  # every link dealt with: conditional again


def test_a_round_is_skipped_while_another_writer_holds_the_store(tmp_path, sites) -> None:
    """Registering the feeds an OPML file names is a write: it waits for no other writer and
    does not slip past one (the round says so and is skipped)."""
    from newsgraph.store.db import writer_lock

    db = tmp_path / "w.db"
    _, feed = feed_site(sites, 1)
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        f'<opml version="2.0"><body><outline type="rss" xmlUrl="{feed}"/></body></opml>'
    )
    connect(db).close()
    with writer_lock(db):
        report = once(db, [str(opml)])
    assert report.error is not None and "another ingest" in report.error
    # One line that ends with its code, as every error line does (README, "Errors").
    assert report.error.endswith("(this round is skipped) [E303]"), report.error
    assert report.error.count("[E") == 1
    assert (report.sources, report.stored) == (0, 0)
    conn = connect(db)
    try:
        assert [s.url for s in list_sources(conn, now=T0)] == [str(opml)]  # no feed registered
    finally:
        conn.close()
    assert once(db, [str(opml)]).stored == 1


def test_a_round_whose_ingest_finds_the_store_busy_says_so_ending_with_the_code(
    tmp_path, sites, monkeypatch
) -> None:
    """A writer that takes the store between the sources and the articles skips the round;
    the line the round reports ends with E303, like every error line."""
    from newsgraph.errors import E_LOCKED
    from newsgraph.watch import round as round_module

    def busy(*_: object, **__: object) -> None:
        raise StoreError("another ingest is writing to this store", origin="w.db", code=E_LOCKED)

    monkeypatch.setattr(round_module, "ingest_articles", busy)
    _, feed = feed_site(sites, 1)
    report = once(tmp_path / "w.db", [feed])
    assert report.error == (
        "w.db: another ingest is writing to this store (this round is skipped) [E303]"
    )
