"""URL reader, against a real HTTP server on 127.0.0.1 and through httpx.MockTransport."""

from __future__ import annotations

import gzip
import io
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.errors import E_FETCH, E_TOO_LARGE, E_UNSUPPORTED, InputError
from newsgraph.ingest import fetch
from newsgraph.ingest.document import RawDocument
from newsgraph.ingest.fetch import RobotsCache, iter_url
from newsgraph.ingest.sources import iter_documents
from newsgraph.settings import Settings

SETTINGS = Settings(max_bytes=4000, fetch_timeout=2.0, user_agent="newsgraph-test/1.0")
ARTICLE = (
    "<html><head><title>Tram line extended</title></head><body><article><p>The number 4 tram "
    "now runs to the airport, the transit authority said.</p></article></body></html>"
)
PLAIN = "Tram line extended\nThe caf\u00e9 by the new stop expects \u201cmore trade\u201d.\n"
RSS = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
    "<item><title>Tram news</title><link>http://transit.example/tram</link>"
    "<description>&lt;p&gt;Trams run every six minutes.&lt;/p&gt;</description></item>"
    "</channel></rss>"
)


def _warc() -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "http://transit.example/a",
            "response",
            payload=io.BytesIO(ARTICLE.encode()),
            http_headers=http,
        )
    )
    return out.getvalue()


ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /private/\n"),
    "/news/tram": (200, "text/html; charset=utf-8", ARTICLE.encode()),
    "/news/plain": (200, "text/plain; charset=windows-1252", PLAIN.encode("cp1252")),
    "/news/feed": (200, "application/rss+xml", RSS.encode()),
    "/news/crawl.warc.gz": (200, "application/octet-stream", _warc()),
    "/news/photo": (200, "image/png", b"\x89PNG\r\n\x1a\n"),
    "/news/big": (200, "text/html", b"<p>" + b"x" * 10_000 + b"</p>"),
    "/private/secret": (200, "text/html", b"<p>secret</p>"),
}
REDIRECTS = {
    "/go/tram": "/news/tram",
    "/go/private": "/private/secret",
    "/go/loop": "/go/loop",
}


class Handler(BaseHTTPRequestHandler):
    seen: list[tuple[str, str]] = []  # noqa: RUF012 - shared log of (path, user agent)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        Handler.seen.append((self.path, self.headers.get("User-Agent", "")))
        if self.path in REDIRECTS:
            self.send_response(302)
            self.send_header("Location", REDIRECTS[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(1.0)
            self._send(200, "text/html", ARTICLE.encode())
        elif self.path == "/trickle":
            self._trickle()
        elif self.path == "/news/unbounded":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            try:
                for _ in range(20):
                    self.wfile.write(b"y" * 1000)
            except OSError:  # the client stopped reading at the cap
                return
        elif self.path in ROUTES:
            self._send(*ROUTES[self.path])
        else:
            self._send(404, "text/plain", b"not found")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _trickle(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "12")
        self.end_headers()
        try:
            for _ in range(12):
                self.wfile.write(b"z")
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:  # the client gave up, as it should
            return


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def read(url: str, settings: Settings = SETTINGS) -> list[RawDocument | InputError]:
    return list(iter_url(url, settings=settings, robots=RobotsCache()))


def test_article(server: str) -> None:
    [doc] = read(f"{server}/news/tram")
    assert isinstance(doc, RawDocument)
    assert (doc.kind, doc.content, doc.url, doc.origin) == (
        "html",
        ARTICLE,
        f"{server}/news/tram",
        f"{server}/news/tram",
    )


def test_user_agent_is_sent_and_robots_fetched_once(server: str) -> None:
    Handler.seen.clear()
    robots = RobotsCache()
    for _ in range(2):
        list(iter_url(f"{server}/news/tram", settings=SETTINGS, robots=robots))
    assert [p for p, _ in Handler.seen] == ["/robots.txt", "/news/tram", "/news/tram"]
    assert {ua for _, ua in Handler.seen} == {"newsgraph-test/1.0"}


def test_plain_text_uses_the_header_charset(server: str) -> None:
    [doc] = read(f"{server}/news/plain")
    assert isinstance(doc, RawDocument) and (doc.kind, doc.content) == ("text", PLAIN)


def test_feed_and_warc_by_content(server: str) -> None:
    [entry] = read(f"{server}/news/feed")
    assert isinstance(entry, RawDocument) and entry.url == "http://transit.example/tram"
    [page] = read(f"{server}/news/crawl.warc.gz")
    assert isinstance(page, RawDocument) and page.url == "http://transit.example/a"
    assert page.content == ARTICLE


def test_redirect_is_followed(server: str) -> None:
    [doc] = read(f"{server}/go/tram")
    assert isinstance(doc, RawDocument) and doc.url == f"{server}/news/tram"
    assert doc.origin == f"{server}/go/tram"


@pytest.mark.parametrize(
    ("path", "code", "words"),
    [
        ("/private/secret", E_FETCH, "robots.txt"),
        ("/go/private", E_FETCH, "robots.txt"),
        ("/nowhere", E_FETCH, "HTTP 404"),
        ("/go/loop", E_FETCH, "redirects"),
        ("/slow", E_FETCH, "timed out"),
        ("/trickle", E_FETCH, "timed out"),
        ("/news/big", E_TOO_LARGE, "too large"),
        ("/news/unbounded", E_TOO_LARGE, "too large"),
        ("/news/photo", E_UNSUPPORTED, "image/png"),
    ],
)
def test_failures(server: str, path: str, code: str, words: str) -> None:
    Handler.seen.clear()
    [error] = read(f"{server}{path}", SETTINGS.with_(fetch_timeout=0.5))
    assert isinstance(error, InputError)
    assert error.code == code and words in error.message
    assert error.origin == f"{server}{path}" and "\n" not in error.one_line()
    assert "/private/secret" not in [p for p, _ in Handler.seen]


def test_unreachable_host() -> None:
    [error] = list(iter_url("http://127.0.0.1:9/x", settings=SETTINGS, robots=RobotsCache()))
    assert isinstance(error, InputError) and error.code == E_FETCH


def test_a_host_that_does_not_resolve_is_named_as_such_not_blamed_on_robots_txt() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno -2] Name or service not known", request=request)

    client = httpx.Client(transport=httpx.MockTransport(answer))
    [error] = iter_url(
        "https://no-such-host.example/a", settings=SETTINGS, client=client, robots=RobotsCache()
    )
    assert isinstance(error, InputError) and error.code == E_FETCH
    assert "host not found" in error.message and "robots" not in error.message


def test_iter_documents_dispatches_urls(server: str) -> None:
    [doc] = iter_documents(f"{server}/news/tram", settings=SETTINGS)
    assert isinstance(doc, RawDocument) and doc.kind == "html"


def test_injected_transport(monkeypatch: pytest.MonkeyPatch) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        if request.url.path == "/gone":
            return httpx.Response(503)
        body = gzip.compress(PLAIN.encode("utf-8"))
        return httpx.Response(200, headers={"Content-Type": "application/gzip"}, content=body)

    def factory(settings: Settings) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(answer))

    monkeypatch.setattr(fetch, "client_factory", factory)
    [doc] = iter_documents("https://mock.example/story.txt.gz", settings=SETTINGS)
    assert isinstance(doc, RawDocument) and (doc.kind, doc.content) == ("text", PLAIN)
    [error] = iter_documents("https://mock.example/gone", settings=SETTINGS)
    assert isinstance(error, InputError) and "HTTP 503" in error.message


def test_robots_unavailable_blocks_the_site() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(500)
        return httpx.Response(200, text=ARTICLE, headers={"Content-Type": "text/html"})

    client = httpx.Client(transport=httpx.MockTransport(answer))
    [error] = iter_url(
        "https://down.example/a", settings=SETTINGS, client=client, robots=RobotsCache()
    )
    assert isinstance(error, InputError) and "robots.txt unavailable" in error.message
