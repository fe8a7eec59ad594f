"""The demo's live part: a local news site with a feed and a news sitemap, and one watch round.

`DemoSite` serves, on 127.0.0.1 and a free port, an RSS feed and a Google News sitemap (both
written here), the bundled demo articles behind them, and two short articles written for this
demo that the files do not have. `watch_round` runs one `newsgraph watch` round over the two
sources into a store: the bundled articles come back as duplicates of the files already
ingested, the two new ones are stored. Nothing leaves the machine.
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from pathlib import Path

from newsgraph.api import read_html, read_text
from newsgraph.demo import demo_dir
from newsgraph.settings import Settings
from newsgraph.store.db import connect
from newsgraph.store.sources import list_sources, remove_sources
from newsgraph.watch import RoundReport, WatchOptions, watch

Route = tuple[str, bytes]  # (content type, body)

NEW_ARTICLES: dict[str, tuple[str, str, str]] = {
    # path: (title, ISO date, paragraphs separated by blank lines)
    "/world/baltic-ferries.html": (
        "Storm halts ferry crossings between Stockholm and Helsinki",
        "2026-03-22T07:15:00+00:00",
        "STOCKHOLM — Ferry operators cancelled every crossing between Stockholm and Helsinki on "
        "Sunday as a storm with gusts of up to 110 kilometres an hour swept across the Baltic "
        "Sea.\n\nThe Swedish Maritime Administration said waves of six metres had been "
        "recorded south of the Åland Islands overnight, and advised smaller vessels to stay "
        "in port until Monday.\n\n“Safety comes first, and we expect to resume the timetable "
        "once the wind drops,” a spokeswoman for one of the operators said.\n\nAbout 4,000 "
        "passengers had been booked on the cancelled sailings. Some were offered seats on "
        "flights from Arlanda airport.",
    ),
    "/africa/power-line.html": (
        "Kenya and Ethiopia agree to expand cross-border power line",
        "2026-03-23T11:40:00+00:00",
        "NAIROBI — Kenya and Ethiopia signed an agreement on Monday to raise the capacity of "
        "the power line that links their grids, allowing Kenya to import up to 400 megawatts "
        "of hydropower.\n\nThe deal was signed in Nairobi by the energy ministers of both "
        "countries. Ethiopia will supply the extra electricity from its dams on the Omo "
        "river.\n\nKenya's energy minister said the imports would lower costs for households "
        "and factories, and cut the use of diesel generators during the dry season.\n\nThe "
        "work on the substations is expected to take 18 months and to cost about $120 "
        "million, according to the ministry.",
    ),
}
FEED_FILES = ("01_sahel_convoy.txt", "04_floods_pakistan.txt", "06_drone_strike.html")
SITEMAP_FILES = ("03_georgia_protest.txt", "05_un_sanctions.txt", "07_election_result.html")
_TYPES = {".txt": "text/plain; charset=utf-8", ".html": "text/html; charset=utf-8"}


def _page(title: str, published: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n"))
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)} | The Demo Courier</title>"
        f'<meta property="article:published_time" content="{published}">'
        f"</head><body><article><h1>{escape(title)}</h1>{paragraphs}</article></body></html>"
    ).encode()


def _rss(base: str, items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{escape(title)}</title><link>{base}{path}</link>"
        f"<pubDate>{format_datetime(datetime.fromisoformat(when), usegmt=True)}</pubDate></item>"
        for path, title, when in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>The Demo Courier: world</title><link>{base}/</link>"
        f"<description>Demo feed served by newsgraph</description>{entries}</channel></rss>"
    ).encode()


def _news_sitemap(base: str, items: list[tuple[str, str, str]]) -> bytes:
    urls = "".join(
        f"<url><loc>{base}{path}</loc><news:news><news:publication><news:name>The Demo "
        "Courier</news:name><news:language>en</news:language></news:publication>"
        f"<news:publication_date>{when}</news:publication_date>"
        f"<news:title>{escape(title)}</news:title></news:news></url>"
        for path, title, when in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
    ).encode()


def _title(file: Path) -> str:
    """A bundled article's headline, as the cleaner reads it: never a dump's first line, which
    is often navigation ("Home"), nor a page's `<title>` with the site's name after it."""
    text = file.read_text(encoding="utf-8")
    article = read_html(text) if file.suffix == ".html" else read_text(text)
    return (article.title or file.stem)[:200]


def demo_routes(base: str, articles: Path | None = None) -> dict[str, Route]:
    """Every path of the demo site: robots.txt, the feed, the sitemap and the articles."""
    folder = articles or demo_dir()
    routes: dict[str, Route] = {"/robots.txt": ("text/plain", b"User-agent: *\nAllow: /\n")}
    listed: dict[str, list[tuple[str, str, str]]] = {"feed": [], "sitemap": []}
    for kind, names in (("feed", FEED_FILES), ("sitemap", SITEMAP_FILES)):
        for name in names:
            file = folder / name
            path = f"/archive/{name}"
            routes[path] = (_TYPES[file.suffix], file.read_bytes())
            listed[kind].append((path, _title(file), "2026-03-21T12:00:00+00:00"))
    for (path, (title, when, text)), kind in zip(
        NEW_ARTICLES.items(), ("feed", "sitemap"), strict=True
    ):
        routes[path] = (_TYPES[".html"], _page(title, when, text))
        listed[kind].append((path, title, when))
    routes["/feeds/world.xml"] = ("application/rss+xml", _rss(base, listed["feed"]))
    routes["/sitemap-news.xml"] = ("application/xml", _news_sitemap(base, listed["sitemap"]))
    return routes


def http_handler(
    routes: Mapping[str, Route],
) -> Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]:
    """An asyncio connection handler answering GET from `routes` (HTTP/1.1, keep-alive; 404
    for any other path). The table may change while it serves."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while line := await reader.readline():
                while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                    pass  # the request's headers: nothing here depends on them
                parts = line.split()
                path = parts[1].decode("ascii", errors="replace") if len(parts) > 1 else "/"
                found = routes.get(path)
                status = "200 OK" if found is not None else "404 Not Found"
                kind, body = found if found is not None else ("text/plain", b"not found")
                head = f"HTTP/1.1 {status}\r\nContent-Type: {kind}\r\n"
                writer.write(f"{head}Content-Length: {len(body)}\r\n\r\n".encode() + body)
                await writer.drain()
        except ConnectionError:  # the client went away
            pass
        finally:
            writer.close()

    return handle


class DemoSite:
    """An HTTP server on 127.0.0.1 (a free port), run by an event loop in a thread of its
    own, answering GET from `routes` (which may change while it runs)."""

    def __init__(self, routes: Mapping[str, Route] | None = None) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self._loop = asyncio.new_event_loop()
        self._server = self._loop.run_until_complete(
            asyncio.start_server(http_handler(self.routes), "127.0.0.1", 0)
        )
        self.base = f"http://127.0.0.1:{self._server.sockets[0].getsockname()[1]}"
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def __enter__(self) -> DemoSite:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        async def close() -> None:
            self._server.close()
            await self._server.wait_closed()

        asyncio.run_coroutine_threadsafe(close(), self._loop).result()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()


def _forget_earlier_sites(db: Path) -> None:
    """Each demo serves its site on a new port, so the sources an earlier demo registered
    answer no more: forget them, or a later `newsgraph watch --db` would poll dead hosts."""
    if not db.exists():
        return
    conn = connect(db)
    try:
        earlier = [
            s.url
            for s in list_sources(conn, now=datetime.now(UTC))
            if _DEMO_SOURCE.fullmatch(s.url)
        ]
        remove_sources(conn, earlier)
    finally:
        conn.close()


_DEMO_SOURCE = re.compile(r"http://127\.0\.0\.1:\d+/(?:feeds/world\.xml|sitemap-news\.xml)")


def watch_round(
    db: Path, *, settings: Settings | None = None, nlp: bool = True
) -> tuple[str, RoundReport]:
    """Serve the demo site and run one watch round over its feed and sitemap into `db`
    (analysed unless `nlp` is False); the site's address and the round's report."""
    _forget_earlier_sites(db)
    with DemoSite() as site:
        site.routes.update(demo_routes(site.base))
        sources = [f"{site.base}/feeds/world.xml", f"{site.base}/sitemap-news.xml"]
        report = watch(
            sources,
            db=db,
            options=WatchOptions(delay=0.0, nlp=nlp),
            settings=settings,
            once=True,
        )
    return site.base, report
