"""Polite asynchronous fetching for `newsgraph watch` (httpx's `AsyncClient`).

What a site owner sees of a watch, request by request:

- one request at a time per host (scheme, host and port, the scope of a robots.txt) and at
  least `delay` seconds between the end of one and the start of the next;
- a user agent that names newsgraph and, when `settings.contact` is set, who runs it (also
  sent as `From` when it is an e-mail address);
- robots.txt honoured for every URL and every redirect hop, through the same `RobotsCache`
  as `newsgraph ingest URL` (a missing robots.txt allows all, an unreachable one forbids the
  host, RFC 9309); its request counts as one to the host;
- conditional requests (`If-None-Match`, `If-Modified-Since`) for feeds and sitemaps;
- after a 429 or a 5xx the host is left alone for `Retry-After` seconds, or an exponential
  back-off (`BACKOFF_BASE_S`, doubling); a host that asks for more than `MAX_WAIT_IN_ROUND_S`,
  or fails `HOST_ERRORS_IN_ROUND` times in a row, is not asked again this round (`HostPaused`).

And what bounds each response: redirects followed by hand, at most `MAX_REDIRECTS`;
`settings.fetch_timeout` for the whole exchange (connect, headers and body); the body cut past
`settings.max_bytes` as it streams in (refused unread when Content-Length says so). Every
failure is a `FetchFailed` that says whether it is worth trying again later (`transient`).
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

import httpx

from newsgraph.errors import E_FETCH, E_UNSUPPORTED, InputError
from newsgraph.ingest import fetch as _fetch
from newsgraph.ingest.fetch import (
    MAX_REDIRECTS,
    RobotsCache,
    content_type,
    not_news_text,
    site_of,
)
from newsgraph.ingest.formats import is_url
from newsgraph.ingest.streams import one_line, too_large
from newsgraph.settings import Settings

BACKOFF_BASE_S = 1.0  # the first wait after a 429/5xx without Retry-After, doubled each time
MAX_WAIT_IN_ROUND_S = 60.0  # a host that asks to wait longer is left for the next round
HOST_ERRORS_IN_ROUND = 3  # consecutive failures (429, 5xx, network) that pause a host
MAX_RETRY_AFTER_S = 7 * 86400.0  # Retry-After is honoured up to a week
ROBOTS_TTL_S = 3600.0  # robots.txt is read again after an hour (a watch runs for days)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class Page:
    """A 2xx answer, read whole under the cap."""

    url: str  # after redirects
    status: int
    body: bytes
    media_type: str | None
    charset: str | None
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True, slots=True)
class NotModified:
    """A 304 answer to a conditional request: what we have is current."""


class FetchFailed(InputError):
    """A fetch that failed, with the HTTP `status` when there was one, the seconds the server
    asked to wait (`retry_after`), and whether trying again later makes sense (`transient`:
    429, 5xx, timeouts, network errors) or not (other 4xx, robots.txt, too large, not text)."""

    def __init__(
        self,
        message: str,
        *,
        origin: str,
        code: str = E_FETCH,
        status: int | None = None,
        retry_after: float | None = None,
        transient: bool = False,
    ) -> None:
        super().__init__(message, origin=origin, code=code)
        self.status = status
        self.retry_after = retry_after
        self.transient = transient

    def reason(self) -> str:
        """The message and its code, without the origin (the caller names the source)."""
        return f"{self.message} [{self.code}]"


LANE: ContextVar[int] = ContextVar("newsgraph_watch_lane", default=0)
"""Which of the round's concurrent workers is asking (each has its own HTTP client)."""


class HostPaused(Exception):
    """The host is not asked again this round (it asked to wait, or kept failing)."""


def user_agent(settings: Settings) -> str:
    """`settings.user_agent`, with `settings.contact` added inside its comment when set."""
    contact = settings.contact.strip()
    if not contact:
        return settings.user_agent
    agent = settings.user_agent.rstrip()
    if agent.endswith(")"):
        return f"{agent[:-1]}; contact: {contact})"
    return f"{agent} (contact: {contact})"


def request_headers(settings: Settings) -> dict[str, str]:
    """The headers of every request: the user agent, and `From` for an e-mail contact."""
    headers = {"User-Agent": user_agent(settings)}
    contact = settings.contact.strip()
    if "@" in contact and not is_url(contact):
        headers["From"] = contact.removeprefix("mailto:")
    return headers


_SECONDS = re.compile(r"[0-9]{1,12}")


def retry_after_seconds(value: str | None, *, now: datetime) -> float | None:
    """Seconds asked by a Retry-After header (delta seconds or an HTTP date), at most a week;
    None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if _SECONDS.fullmatch(value):  # ASCII digits only: "²".isdigit() is true too
        return min(float(value), MAX_RETRY_AFTER_S)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return min(max(0.0, (when - now).total_seconds()), MAX_RETRY_AFTER_S)


class RobotsRules:
    """robots.txt for the watch: the shared `RobotsCache`, read by a few threads of its own
    (`executor`), each with a blocking client, for the whole watch; forgotten after
    `ROBOTS_TTL_S`."""

    def __init__(self, settings: Settings, *, clock: Callable[[], float]) -> None:
        self._settings = settings
        self._clock = clock
        self._cache = RobotsCache()
        self._since = clock()
        self._local = threading.local()
        self._clients: list[httpx.Client] = []
        self._lock = threading.Lock()
        self._known: set[str] = set()
        # The threads that read robots.txt, kept from round to round with their clients.
        self.executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="newsgraph-robots")

    def refresh(self) -> None:
        """Start a new cache once the current one is older than `ROBOTS_TTL_S`."""
        if self._clock() - self._since > ROBOTS_TTL_S:
            self._cache = RobotsCache()
            self._known = set()
            self._since = self._clock()

    def unread(self, url: str) -> bool:
        """Whether the check of `url` will request its host's robots.txt (first time here)."""
        site = site_of(url)
        if site in self._known:
            return False
        self._known.add(site)
        return True

    def refusal(self, url: str) -> str | None:
        """Why robots.txt forbids `url`, or None (blocking: run it in a thread)."""
        client: httpx.Client | None = getattr(self._local, "client", None)
        if client is None or client.is_closed:
            client = _fetch.client_factory(self._settings)
            client.headers.update(request_headers(self._settings))
            self._local.client = client
            with self._lock:
                self._clients.append(client)
        return self._cache.refusal(url, client=client, settings=self._settings)

    def close(self) -> None:
        """Stop the threads and close their clients."""
        self.executor.shutdown(wait=True)
        with self._lock:
            clients, self._clients = self._clients, []
        for client in clients:
            client.close()


class _Host:
    """One host's turn: a lock (one request at a time), when it may be asked next, and its
    failures in a row this round."""

    def __init__(self, delay: float) -> None:
        self.lock = asyncio.Lock()
        self.delay = delay
        self.ready_at = 0.0
        self.errors = 0
        self.paused: str | None = None

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        loop = asyncio.get_running_loop()
        async with self.lock:
            if self.paused is not None:
                raise HostPaused(self.paused)
            wait = self.ready_at - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                yield
            finally:
                self.ready_at = max(self.ready_at, loop.time() + self.delay)

    def failed(self, retry_after: float | None, reason: str) -> None:
        self.errors += 1
        wait = max(retry_after or 0.0, BACKOFF_BASE_S * 2 ** (self.errors - 1), self.delay)
        if wait > MAX_WAIT_IN_ROUND_S or self.errors >= HOST_ERRORS_IN_ROUND:
            self.paused = f"{reason}; left until the next round"
        else:
            self.ready_at = asyncio.get_running_loop().time() + wait

    def succeeded(self) -> None:
        self.errors = 0


class Fetcher:
    """GET politely (see the module's docstring); one per round, inside its event loop."""

    def __init__(
        self,
        settings: Settings,
        *,
        robots: RobotsRules,
        delay: float,
        clock: Callable[[], datetime],
    ) -> None:
        self._settings = settings
        self._robots = robots
        self._delay = delay
        self._clock = clock
        self._hosts: dict[str, _Host] = {}
        self._ssl = httpx.create_ssl_context()  # made once: costly, and the same for all
        self._clients: dict[int, httpx.AsyncClient] = {}

    def _client(self) -> httpx.AsyncClient:
        """The client of the calling lane (`LANE`). A lane asks one host at a time, so its
        pool stays tiny: httpcore checks every pooled socket on each request, and one shared
        pool of all the hosts in flight made that the largest cost of a round."""
        lane = LANE.get()
        client = self._clients.get(lane)
        if client is None:
            client = self._clients[lane] = httpx.AsyncClient(
                headers=request_headers(self._settings),
                timeout=self._settings.fetch_timeout,
                follow_redirects=False,
                verify=self._ssl,
                limits=httpx.Limits(max_connections=2, max_keepalive_connections=2),
            )
        return client

    async def aclose(self) -> None:
        clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            await client.aclose()

    async def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Page | NotModified:
        """GET `url` (conditionally when given validators); raise FetchFailed or HostPaused."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            key = site_of(current)
            host = self._hosts.get(key)
            if host is None:
                host = self._hosts[key] = _Host(self._delay)
            async with host.turn():
                unread = self._robots.unread(current)
                refusal = await asyncio.get_running_loop().run_in_executor(
                    self._robots.executor, self._robots.refusal, current
                )
                if unread and self._delay:
                    await asyncio.sleep(self._delay)  # robots.txt was a request to the host
                if refusal is not None:
                    where = "" if current == url else f" (redirected to {current})"
                    raise FetchFailed(f"{refusal}{where}", origin=url)
                answer = await self._exchange(current, host, origin=url, headers=headers)
            if not isinstance(answer, str):
                return answer
            current = answer
        raise FetchFailed(f"more than {MAX_REDIRECTS} redirects", origin=url)

    async def _exchange(
        self, url: str, host: _Host, *, origin: str, headers: dict[str, str]
    ) -> Page | NotModified | str:
        """One request: the answer, or the next hop's URL for a redirect."""
        limit = self._settings.fetch_timeout
        try:
            async with asyncio.timeout(limit):
                return await self._request(url, host, origin=origin, headers=headers)
        except (TimeoutError, httpx.TimeoutException) as e:
            host.failed(None, f"timed out after {limit:g}s")
            raise FetchFailed(f"timed out after {limit:g}s", origin=origin, transient=True) from e
        except httpx.HTTPError as e:
            host.failed(None, one_line(e))
            raise FetchFailed(f"cannot fetch ({one_line(e)})", origin=origin, transient=True) from e

    async def _request(
        self, url: str, host: _Host, *, origin: str, headers: dict[str, str]
    ) -> Page | NotModified | str:
        async with self._client().stream("GET", url, headers=headers) as response:
            status = response.status_code
            if status == 304:
                host.succeeded()
                return NotModified()
            if status in _REDIRECTS:
                return _next_hop(response, origin=origin)
            reason = f"HTTP {status}" + (
                f" {response.reason_phrase}" if response.reason_phrase else ""
            )
            if status == 429 or status >= 500:
                wait = retry_after_seconds(response.headers.get("retry-after"), now=self._clock())
                host.failed(wait, reason)
                told = f" (Retry-After {wait:g}s)" if wait is not None else ""
                raise FetchFailed(
                    f"{reason}{told}",
                    origin=origin,
                    status=status,
                    retry_after=wait,
                    transient=True,
                )
            host.succeeded()
            if not response.is_success:
                raise FetchFailed(reason, origin=origin, status=status)
            media, charset = content_type(response)
            if not_news_text(media):
                raise FetchFailed(
                    f"content type {media} is not news text", origin=origin, code=E_UNSUPPORTED
                )
            body = await _read_body(response, origin=origin, limit=self._settings.max_bytes)
            return Page(
                url=str(response.url),
                status=status,
                body=body,
                media_type=media,
                charset=charset,
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
            )


def _next_hop(response: httpx.Response, *, origin: str) -> str:
    location = str(response.headers.get("location") or "")
    if not location:
        raise FetchFailed(f"HTTP {response.status_code} redirect without a Location", origin=origin)
    target: str = urljoin(str(response.url), location)
    if not is_url(target):
        raise FetchFailed(f"redirect to a non-HTTP URL: {target[:200]}", origin=origin)
    return target


async def _read_body(response: httpx.Response, *, origin: str, limit: int) -> bytes:
    """The body, streamed and cut past `limit` bytes (decoded size: gzip bombs included)."""
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise _too_large(origin, limit, int(length))
    body = bytearray()
    async for chunk in response.aiter_bytes():
        if len(body) + len(chunk) > limit:
            raise _too_large(origin, limit, None)
        body += chunk
    return bytes(body)


def _too_large(origin: str, limit: int, size: int | None) -> FetchFailed:
    error = too_large(origin, limit, size)
    return FetchFailed(error.message, origin=origin, code=error.code)
