"""A local HTTP site for the watch tests: routes set per test, every request counted.

Each `Site` is one host (127.0.0.1 on a port of its own) run by a threading `http.server`;
`static` routes answer conditional requests (ETag, Last-Modified) as a real server would, and
any route can be a function of the request for the misbehaving ones (slow, 429, redirect
loops, endless bodies). Nothing leaves the machine.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Handler = Callable[[BaseHTTPRequestHandler], None]

_VOCABULARY = (
    "harbour council river bridge ferry budget rail station farmers wheat grain storm flood "
    "minister mayor union strike court judge ruling election ballot turnout hospital nurses "
    "doctors school teachers pupils fuel prices market traders exports imports coast border "
    "police protest march square museum library festival theatre drought wells pipeline "
    "reservoir dam valley forest fire crews villages road repairs tunnel airport runway "
    "flights passengers cargo port cranes ships workers wages talks deal treaty summit envoy "
    "aid convoy trucks supplies clinic vaccine outbreak cases tests lab report survey data "
    "census households rent housing tenants landlords loans bank rates inflation growth jobs"
)
WORDS = _VOCABULARY.split()


def article_html(key: str, *, title: str | None = None) -> bytes:
    """A news page whose text is its own (no two keys give near-duplicates)."""
    rng = random.Random(key)
    sentences = []
    for _ in range(6):
        words = [rng.choice(WORDS) for _ in range(14)]
        sentences.append(" ".join(words).capitalize() + ".")
    head = title or f"Report {key}: " + " ".join(rng.choice(WORDS) for _ in range(4))
    body = "".join(f"<p>{s} The officials said on {key}.</p>" for s in sentences)
    return (
        f"<html><head><title>{head}</title></head><body><article><h1>{head}</h1>{body}"
        "</article></body></html>"
    ).encode()


def rss(items: list[tuple[str, str]], *, title: str = "Test feed") -> bytes:
    """An RSS 2.0 feed of (link, title) items."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link>"
        "<pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate></item>"
        for link, t in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}'
        f"</title>{entries}</channel></rss>"
    ).encode()


@dataclass
class Static:
    status: int
    body: bytes
    content_type: str
    etag: str | None = None
    last_modified: datetime | None = None


class Site:
    """One local host. `routes` maps a path to a `Static` answer or a handler function."""

    def __init__(self) -> None:
        self.routes: dict[str, Static | Handler] = {}
        self.hits: Counter[str] = Counter()
        self.requests: defaultdict[str, list[dict[str, str]]] = defaultdict(list)
        self.times: list[float] = []  # when each request arrived (monotonic)
        self.active = 0
        self.most_active = 0
        self._lock = threading.Lock()
        self.routes["/robots.txt"] = Static(404, b"", "text/plain")
        site = self

        class _Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                site._serve(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def static(
        self,
        path: str,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        *,
        etag: str | None = None,
        last_modified: datetime | None = None,
        status: int = 200,
    ) -> str:
        self.routes[path] = Static(status, body, content_type, etag, last_modified)
        return self.url(path)

    def article(self, path: str) -> str:
        return self.static(path, article_html(path))

    def article_hits(self) -> dict[str, int]:
        return {p: n for p, n in self.hits.items() if p.startswith("/a/")}

    def _serve(self, request: BaseHTTPRequestHandler) -> None:
        path = request.path
        with self._lock:
            self.hits[path] += 1
            self.requests[path].append({k.lower(): v for k, v in request.headers.items()})
            self.times.append(time.monotonic())
            self.active += 1
            self.most_active = max(self.most_active, self.active)
        try:
            route = self.routes.get(path)
            if route is None:
                send(request, 404, b"not found", "text/plain")
            elif isinstance(route, Static):
                _answer(request, route)
            else:
                route(request)
        except OSError:  # the client hung up (a cut body, a timeout): nothing to answer
            pass
        finally:
            with self._lock:
                self.active -= 1


def send(
    request: BaseHTTPRequestHandler,
    status: int,
    body: bytes,
    content_type: str,
    headers: dict[str, str] | None = None,
) -> None:
    request.send_response(status)
    request.send_header("Content-Type", content_type)
    request.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        request.send_header(name, value)
    request.end_headers()
    request.wfile.write(body)


def _answer(request: BaseHTTPRequestHandler, route: Static) -> None:
    headers = {}
    if route.etag:
        headers["ETag"] = route.etag
    if route.last_modified:
        headers["Last-Modified"] = format_datetime(route.last_modified, usegmt=True)
    if route.status == 200 and (
        (route.etag and request.headers.get("If-None-Match") == route.etag)
        or (
            route.last_modified
            and request.headers.get("If-Modified-Since") == headers.get("Last-Modified")
        )
    ):
        request.send_response(304)
        for name, value in headers.items():
            request.send_header(name, value)
        request.send_header("Content-Length", "0")
        request.end_headers()
        return
    send(request, route.status, route.body, route.content_type, headers)
