"""Fetching URLs politely, with httpx.

- Every request carries `settings.user_agent` and is bounded by `settings.fetch_timeout`
  (per network operation, and in total for reading one body).
- robots.txt is honoured for every URL, redirects included (urllib.robotparser, cached per
  scheme, host and port). A robots.txt that is missing (4xx) allows everything; one that
  cannot be fetched (5xx, timeout) disallows the whole host, as RFC 9309 asks.
- Redirects are followed by hand, at most `MAX_REDIRECTS`, so each hop is checked.
- The body is streamed and cut off past `settings.max_bytes` (E_TOO_LARGE); a non-2xx status,
  a timeout or a refusal by robots.txt is E_FETCH.
- The content type decides the reader (HTML, text, feed, WARC, JSON lines), then the URL's
  extension, then sniffing.

The HTTP seam: pass `client=` to `iter_url`, or replace the module-level `client_factory`
(tests use `httpx.MockTransport` or a local server).
"""

from __future__ import annotations

import io
import time
import urllib.robotparser
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from newsgraph.errors import E_FETCH, E_UNSUPPORTED, InputError
from newsgraph.ingest.formats import Hints, is_url
from newsgraph.ingest.payload import Item, iter_payload
from newsgraph.ingest.streams import one_line, too_large
from newsgraph.settings import Settings

MAX_REDIRECTS = 5
ROBOTS_MAX_BYTES = 512 * 1024
_ROBOTS_CACHE_HOSTS = 1024
_NOT_TEXT = ("image/", "audio/", "video/", "font/")
_NOT_TEXT_TYPES = frozenset({"application/pdf", "application/zip", "application/msword"})


def not_news_text(media: str | None) -> bool:
    """Whether a response's media type says it holds no news text (images, PDFs, archives)."""
    return media is not None and (media.startswith(_NOT_TEXT) or media in _NOT_TEXT_TYPES)


ClientFactory = Callable[[Settings], httpx.Client]


def default_client(settings: Settings) -> httpx.Client:
    return httpx.Client(
        headers={"User-Agent": settings.user_agent},
        timeout=settings.fetch_timeout,
        follow_redirects=False,
    )


# The HTTP seam: replace to route every fetch through another client (tests, proxies).
client_factory: ClientFactory = default_client


def site_of(url: str) -> str:
    """Scheme, host and port of `url`, lower-cased: robots.txt's scope and a host's key."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


@dataclass(frozen=True, slots=True)
class _Rules:
    parser: urllib.robotparser.RobotFileParser | None  # None: everything allowed
    problem: str | None = None  # why the whole site is off limits


class RobotsCache:
    """robots.txt rules per site, fetched once per site and kept."""

    def __init__(self) -> None:
        self._rules: dict[str, _Rules] = {}

    def refusal(self, url: str, *, client: httpx.Client, settings: Settings) -> str | None:
        """Why robots.txt forbids `url`, or None when it may be fetched."""
        site = site_of(url)
        rules = self._rules.get(site)
        if rules is None:
            if len(self._rules) >= _ROBOTS_CACHE_HOSTS:
                self._rules.clear()
            rules = self._rules[site] = _load_robots(site, client=client, settings=settings)
        if rules.problem is not None:
            return rules.problem
        if rules.parser is None or rules.parser.can_fetch(settings.user_agent, url):
            return None
        return "disallowed by robots.txt"


def _load_robots(site: str, *, client: httpx.Client, settings: Settings) -> _Rules:
    try:
        with client.stream(
            "GET", f"{site}/robots.txt", timeout=settings.fetch_timeout, follow_redirects=True
        ) as response:
            if 400 <= response.status_code < 500:
                return _Rules(None)
            if not response.is_success:
                return _Rules(None, f"robots.txt unavailable (HTTP {response.status_code})")
            body = _read_body(
                response,
                origin=f"{site}/robots.txt",
                limit=ROBOTS_MAX_BYTES,
                deadline=time.monotonic() + settings.fetch_timeout,
            )
    except httpx.ConnectError as e:  # no robots.txt because no site: say that, not robots
        return _Rules(None, f"cannot connect: {_describe(e, settings)}")
    except httpx.HTTPError as e:
        return _Rules(None, f"robots.txt unavailable ({_describe(e, settings)})")
    except InputError:
        return _Rules(None, "robots.txt too large or too slow")
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(body.decode("utf-8", errors="replace").splitlines())
    parser.modified()  # robotparser refuses everything until it is marked as read
    return _Rules(parser)


_robots = RobotsCache()


# The resolver's and the socket's words for a connection that never opened, in plain words.
_CONNECT_FAILURES = (
    ("Name or service not known", "host not found"),
    ("nodename nor servname", "host not found"),
    ("No address associated with hostname", "host not found"),
    ("Temporary failure in name resolution", "host not found (name resolution failed)"),
    ("Connection refused", "connection refused"),
    ("Network is unreachable", "network unreachable"),
)


def _describe(error: httpx.HTTPError, settings: Settings) -> str:
    if isinstance(error, httpx.TimeoutException):
        return f"timed out after {settings.fetch_timeout:g}s"
    text = one_line(error)
    if isinstance(error, httpx.ConnectError):
        for words, plain in _CONNECT_FAILURES:
            if words in text:
                return plain
    return text


def _read_body(response: httpx.Response, *, origin: str, limit: int, deadline: float) -> bytes:
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise too_large(origin, limit, int(length))
    parts: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > limit:
            raise too_large(origin, limit)
        if time.monotonic() > deadline:
            raise InputError("timed out while reading the body", origin=origin, code=E_FETCH)
        parts.append(chunk)
    return b"".join(parts)


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    body: bytes
    media_type: str | None
    charset: str | None


def content_type(response: httpx.Response) -> tuple[str | None, str | None]:
    """The response's media type (lower case) and charset, each None when not given."""
    value = response.headers.get("content-type")
    if not value:
        return None, None
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'") or None
    return media.strip().lower() or None, charset


def fetch(
    url: str, *, settings: Settings, client: httpx.Client, robots: RobotsCache | None = None
) -> Fetched:
    """GET `url` politely; raise InputError (E_FETCH, E_TOO_LARGE, E_UNSUPPORTED)."""
    robots = robots or _robots
    current = url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            refusal = robots.refusal(current, client=client, settings=settings)
            if refusal is not None:
                where = "" if current == url else f" (redirected to {current})"
                raise InputError(f"{refusal}{where}", origin=url, code=E_FETCH)
            deadline = time.monotonic() + settings.fetch_timeout
            with client.stream(
                "GET", current, timeout=settings.fetch_timeout, follow_redirects=False
            ) as response:
                if response.is_redirect:
                    current = _next_hop(response, origin=url)
                    continue
                return _accept(response, origin=url, settings=settings, deadline=deadline)
    except httpx.HTTPError as e:
        raise InputError(
            f"cannot fetch ({_describe(e, settings)})", origin=url, code=E_FETCH
        ) from e
    raise InputError(f"more than {MAX_REDIRECTS} redirects", origin=url, code=E_FETCH)


def _next_hop(response: httpx.Response, *, origin: str) -> str:
    location = response.headers.get("location")
    if not location:
        raise InputError(
            f"HTTP {response.status_code} redirect without a Location", origin=origin, code=E_FETCH
        )
    target = urljoin(str(response.url), location)
    if not is_url(target):
        raise InputError(f"redirect to a non-HTTP URL: {target[:200]}", origin=origin, code=E_FETCH)
    return target


def _accept(
    response: httpx.Response, *, origin: str, settings: Settings, deadline: float
) -> Fetched:
    if not response.is_success:
        reason = f" {response.reason_phrase}" if response.reason_phrase else ""
        raise InputError(f"HTTP {response.status_code}{reason}", origin=origin, code=E_FETCH)
    media, charset = content_type(response)
    if not_news_text(media):
        raise InputError(
            f"content type {media} is not news text", origin=origin, code=E_UNSUPPORTED
        )
    body = _read_body(response, origin=origin, limit=settings.max_bytes, deadline=deadline)
    return Fetched(url=str(response.url), body=body, media_type=media, charset=charset)


def _fetch_with(
    url: str, *, settings: Settings, client: httpx.Client | None, robots: RobotsCache | None
) -> Fetched:
    if client is not None:
        return fetch(url, settings=settings, client=client, robots=robots)
    with client_factory(settings) as own:
        return fetch(url, settings=settings, client=own, robots=robots)


def iter_url(
    url: str,
    *,
    settings: Settings,
    client: httpx.Client | None = None,
    robots: RobotsCache | None = None,
) -> Iterator[Item]:
    """Documents at `url` (one page, or every entry/record of a feed, WARC or JSON lines)."""
    try:
        fetched = _fetch_with(url, settings=settings, client=client, robots=robots)
    except InputError as e:
        yield e
        return
    hints = Hints(
        name=urlsplit(fetched.url).path.rsplit("/", 1)[-1] or None,
        content_type=fetched.media_type,
        charset=fetched.charset,
        url=fetched.url,
    )
    yield from iter_payload(
        io.BytesIO(fetched.body), origin=url, settings=settings, hints=hints, size=len(fetched.body)
    )
