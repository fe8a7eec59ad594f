"""One watch round: poll the due sources, fetch the new links, ingest them as `ingest` does.

The round runs in two threads:

- an event loop thread fetches (`Fetcher`): sources grouped by host, `concurrency` hosts at a
  time, each host's sources one after the other, each source's new links right after it. What
  it gets goes into a bounded outbox (`_Outbox`: at most `OUTBOX_ITEMS` items and
  `OUTBOX_BYTES` bytes of pages), so a round over many sources holds a few pages at a time,
  never every page;
- this thread takes from the outbox, cleans each page (`newsgraph.api.clean_document`, the
  reader's byte path before it) and hands the articles to `job.ingest_articles`, the ingest
  job itself: analysis (in worker processes when `workers` > 1), dedup, stories, one
  transaction per batch. It also writes the sources' state, so the store has one writer thread.

A link is noted in `seen_urls` only after the batch holding its article is committed (the
job's progress callback comes after each commit, articles in input order), and the article's
own `article_sources` row (its origin is the link) is written in that commit: killed at any
moment, a watch has lost nothing it stored, and never fetches a stored link again. Pages
fetched but not yet stored when it dies are fetched again by the next round.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import io
import threading
import time
from collections import deque
from collections.abc import Callable, Coroutine, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from newsgraph.api import clean_document
from newsgraph.errors import E_EMPTY, E_LOCKED, E_MALFORMED, InputError, NewsgraphError, StoreError
from newsgraph.ingest.fetch import site_of
from newsgraph.ingest.formats import Hints, is_url
from newsgraph.ingest.payload import iter_payload
from newsgraph.job import IngestSummary, ingest_articles
from newsgraph.model import Article
from newsgraph.settings import Settings
from newsgraph.store import sources as store
from newsgraph.store.db import Connection, connect, writer_lock
from newsgraph.watch.http import (
    LANE,
    Fetcher,
    FetchFailed,
    HostPaused,
    NotModified,
    Page,
    RobotsRules,
)
from newsgraph.watch.listing import Link, Listing, read_file, read_listing

T = TypeVar("T")

BACKOFF_FIRST_S = 60.0  # a failing source waits 1, 2, 4 … minutes (from its failure) …
BACKOFF_MAX_S = 86400.0  # … at most a day, or what Retry-After asks, whichever is longer
OUTBOX_ITEMS = 32
OUTBOX_BYTES = 32 * 1024 * 1024
CONTAINER_DEPTH = 3  # a list of OPML files of feeds is depth 2
_POLL_S = 0.2  # how often this thread looks at the stop flag while it waits for a page


@dataclass(frozen=True, kw_only=True)
class WatchOptions:
    """How a watch runs (the limits of each response are in `Settings`: `fetch_timeout`,
    `max_bytes`; the user agent in `user_agent` and `contact`)."""

    every: float = 900.0  # seconds from the start of one round to the start of the next
    nlp: bool = True  # analyse (False: store cleaned articles only, as `ingest --no-nlp`)
    workers: int = 1  # analysis processes; 1 keeps the model loaded in this process
    delay: float = 1.0  # seconds between two requests to one host
    concurrency: int = 16  # hosts fetched from at the same time
    max_per_source: int = 100  # new links fetched per source per round (the rest next round)
    max_sitemaps: int = 10  # child sitemaps of an index read per round, newest first


@dataclass
class RoundReport:
    """What one round did. `sources`: feeds and sitemaps fetched (`not_modified` of them
    answered 304); `waiting`: those not due yet (backing off); `skipped`: not asked because
    their host was paused this round; `links`: article links listed; `new`: not seen before
    (fetched this round); `fetched`: pages received; then what the ingest job stored."""

    started: datetime
    seconds: float = 0.0
    sources: int = 0
    not_modified: int = 0
    waiting: int = 0
    skipped: int = 0
    links: int = 0
    new: int = 0
    fetched: int = 0
    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    already_stored: int = 0
    failed_sources: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    failed_articles: list[tuple[str, str]] = field(default_factory=list)  # (link, reason)
    notes: list[str] = field(default_factory=list)
    error: str | None = None  # the round could not run (the store was busy)
    stopped: bool = False  # a stop was asked during the round
    next_round: datetime | None = None  # when the next one starts (None: this was the last)

    @property
    def failed(self) -> bool:
        return bool(self.failed_sources or self.failed_articles or self.error)


BatchHook = Callable[[list[store.Seen]], None]
"""Called after each committed batch with the links it settled (stored, duplicate, failed):
the hook for what reacts to new articles (alerts); it runs in the round's writing thread."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="seconds")


def _skipped(e: StoreError) -> str:
    """The one line of a round skipped because the store was busy: the store's refusal with
    the skip said inside it, so the line still ends with its code."""
    return StoreError(
        f"{e.message} (this round is skipped)", origin=e.origin, code=e.code
    ).one_line()


def backoff(failures: int) -> float:
    """Seconds a source waits after its `failures`-th failure in a row."""
    return float(min(BACKOFF_FIRST_S * 2 ** max(0, failures - 1), BACKOFF_MAX_S))


# -- what the fetching thread hands over ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _SourceDone:
    source: store.Source
    result: store.FetchResult
    links: int = 0
    new: int = 0
    children: tuple[tuple[str, store.SourceKind], ...] | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Skipped:
    source: store.Source


@dataclass(frozen=True, slots=True)
class _Fetched:
    link: Link
    source_id: int
    page: Page


@dataclass(frozen=True, slots=True)
class _LinkFailed:
    url: str
    source_id: int
    reason: str
    transient: bool


@dataclass(frozen=True, slots=True)
class _LinksDone:
    """Every new link of a listing was dealt with: its validators may be kept now."""

    source_id: int
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True, slots=True)
class _Crashed:
    error: BaseException


_Item = _SourceDone | _Skipped | _Fetched | _LinkFailed | _LinksDone | _Crashed


class _Outbox:
    """A queue bounded in items and in page bytes, filled in the loop, emptied from outside."""

    def __init__(self) -> None:
        self._items: deque[_Item | None] = deque()
        self._bytes = 0
        self._cond = asyncio.Condition()
        self._nudged = False

    async def put(self, item: _Item | None) -> None:
        async with self._cond:
            await self._cond.wait_for(
                lambda: (
                    not self._items
                    or (len(self._items) < OUTBOX_ITEMS and self._bytes < OUTBOX_BYTES)
                )
            )
            self._items.append(item)
            self._bytes += _size(item)
            self._cond.notify_all()

    async def take(self, *, wait: bool = True) -> list[_Item | None]:
        """Everything waiting (one hand-over between the threads, not one per page); with
        `wait`, at least one item."""
        async with self._cond:
            if wait:
                await self._cond.wait_for(lambda: bool(self._items) or self._nudged)
            items = list(self._items)
            self._items.clear()
            self._bytes = 0
            self._cond.notify_all()
            return items

    async def nudge(self) -> None:
        """Wake a waiting `take` with what there is, maybe nothing (a stop asks for what is in
        hand; cancelling the take instead could lose items it had just taken)."""
        async with self._cond:
            self._nudged = True
            self._cond.notify_all()


def _size(item: _Item | None) -> int:
    return len(item.page.body) if isinstance(item, _Fetched) else 0


class _Loop:
    """An event loop in a thread of its own for one round; `run` submits a coroutine."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self.loop.run_forever, name="newsgraph-watch", daemon=True
        )
        self._thread.start()

    def run(self, coro: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def close(self, fetcher: Fetcher | None) -> None:
        """Cancel what still runs (a stopped round's fetches), close `fetcher`, end the loop."""

        async def wind_down() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            if fetcher is not None:
                await fetcher.aclose()

        self.run(wind_down()).result()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join()
        self.loop.close()


# -- the round ------------------------------------------------------------------------------------


class Round:
    """One round over the due sources of a store (see the module's docstring)."""

    def __init__(
        self,
        *,
        db: Path,
        conn: Connection,
        reader: Connection,
        roots: Sequence[int] | None,
        options: WatchOptions,
        settings: Settings,
        robots: RobotsRules,
        stop: threading.Event,
        clock: Callable[[], datetime],
        on_batch: BatchHook | None,
    ) -> None:
        self.db = db
        self.conn = conn  # this thread's connection: every write
        self.reader = reader  # the loop thread's connection: which links are new
        self.roots = roots
        self.options = options
        self.settings = settings
        self.robots = robots
        self.stop = stop
        self.clock = clock
        self.on_batch = on_batch
        self.report = RoundReport(started=clock())
        self._scheduled: set[str] = set()  # links taken this round (listed by two sources)
        self._pending: deque[tuple[str, int, str]] = deque()  # (link, source, article id)
        # A listing's validators, with how many articles must be committed before they are
        # kept (its links' articles), and the sources with a link to retry (never kept).
        self._validators: deque[tuple[int, _LinksDone]] = deque()
        self._retrying: set[int] = set()
        self._committed = 0
        self._failures_seen = 0
        self._fetcher: Fetcher | None = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            raise RuntimeError("the round's fetcher is not open")
        return self._fetcher

    # -- in this thread ---------------------------------------------------------------------------

    def run(self) -> RoundReport:
        started = time.perf_counter()
        loop = _Loop()
        try:
            self._fetcher = loop.run(self._open_fetcher()).result()
            skipped = False
            try:
                with writer_lock(self.db):  # the sources they name are written, as ingest writes
                    self._containers(loop)
            except StoreError as e:
                if e.code != E_LOCKED:
                    raise
                self.report.error = _skipped(e)
                skipped = True
            now = iso(self.clock())
            listings = store.due_sources(self.conn, now=now, kinds=store.LISTINGS, roots=self.roots)
            self.report.waiting = store.count_waiting(
                self.conn, now=now, kinds=store.LISTINGS, roots=self.roots
            )
            if listings and not skipped and not self.stop.is_set():
                self._ingest(loop, listings)
        finally:
            loop.close(self._fetcher)
        self.report.stopped = self.stop.is_set()
        self.report.seconds = time.perf_counter() - started
        return self.report

    async def _open_fetcher(self) -> Fetcher:
        return Fetcher(
            self.settings,
            robots=self.robots,
            delay=self.options.delay,
            clock=self.clock,
        )

    def _containers(self, loop: _Loop) -> None:
        """Read the due OPML files and lists (nested up to `CONTAINER_DEPTH`) and register the
        sources they name, so that a new feed is polled in this same round."""
        done: set[int] = set()
        for _ in range(CONTAINER_DEPTH):
            due = [
                s
                for s in store.due_sources(
                    self.conn, now=iso(self.clock()), kinds=store.CONTAINERS, roots=self.roots
                )
                if s.id not in done
            ]
            if not due or self.stop.is_set():
                return
            for source in due:
                done.add(source.id)
                if is_url(source.url):
                    item, _, _ = loop.run(self._listing(source)).result()
                else:
                    item = self._read_container_file(source)
                if isinstance(item, _SourceDone):
                    self._source_done(item)

    def _read_container_file(self, source: store.Source) -> _SourceDone:
        at = self.clock()
        try:
            listing = read_file(Path(source.url), settings=self.settings)
        except InputError as e:
            return _SourceDone(source, self._failure(source, e, at))
        result = store.FetchResult(at=iso(at), ok=True, kind=listing.kind)
        return _SourceDone(source, result, children=listing.sources, notes=listing.problems)

    def _ingest(self, loop: _Loop, listings: list[store.Source]) -> None:
        try:
            summary = ingest_articles(
                self._articles(loop, listings),
                db=self.db,
                workers=self.options.workers,
                nlp=self.options.nlp,
                on_progress=self._progress,
                settings=self.settings,
            )
        except StoreError as e:
            if e.code != E_LOCKED:
                raise
            self.report.error = _skipped(e)
            return
        self.report.stored = summary.stored
        self.report.duplicates = summary.duplicates
        self.report.near_duplicates = summary.near_duplicates
        self.report.already_stored = summary.already_stored

    def _articles(self, loop: _Loop, listings: list[store.Source]) -> Iterator[Article]:
        """The articles of the round, cleaned, as the fetching thread delivers their pages.

        Starts the fetching on its first step (so only once the job holds the store). When a
        stop is asked, the pages already in hand are still stored, and no more are taken."""
        outbox = _Outbox()
        loop.run(self._crawl(listings, outbox))
        waiting: concurrent.futures.Future[list[_Item | None]] | None = None
        while True:
            last = self.stop.is_set()
            if last:  # what is in hand now, and no more (the fetching stops on the same flag)
                items = []
                if waiting is not None:
                    loop.run(outbox.nudge()).result()
                    items = waiting.result()
                items += loop.run(outbox.take(wait=False)).result()
            else:
                if waiting is None:
                    waiting = loop.run(outbox.take())
                try:
                    items = waiting.result(timeout=_POLL_S)
                except concurrent.futures.TimeoutError:
                    continue
                waiting = None
            for item in items:
                if item is None:
                    return
                article = self._take(item)
                if article is not None:
                    yield article
            if last:
                return

    def _take(self, item: _Item) -> Article | None:
        """Note what the fetching thread says; the article of a fetched page, if any."""
        if isinstance(item, _Crashed):
            raise item.error
        if isinstance(item, _SourceDone):
            self._source_done(item)
        elif isinstance(item, _Skipped):
            self.report.skipped += 1
        elif isinstance(item, _LinkFailed):
            self._link_failed(item.url, item.source_id, item.reason, transient=item.transient)
        elif isinstance(item, _LinksDone):
            self._validators.append((self._committed + len(self._pending), item))
            self._keep_validators()
        else:
            self.report.fetched += 1
            cleaned = self._clean(item)
            if isinstance(cleaned, NewsgraphError):
                self._link_failed(item.link.url, item.source_id, _reason(cleaned), transient=False)
                return None
            self._pending.append((item.link.url, item.source_id, cleaned.id))
            return cleaned
        return None

    def _clean(self, item: _Fetched) -> Article | NewsgraphError:
        """The page's article, read and cleaned as `ingest URL` reads one; the listing's date
        and title stand in where the page has none."""
        page = item.page
        hints = Hints(
            name=urlsplit(page.url).path.rsplit("/", 1)[-1] or None,
            content_type=page.media_type,
            charset=page.charset,
            url=page.url,
        )
        for doc in iter_payload(
            io.BytesIO(page.body),
            origin=item.link.url,
            settings=self.settings,
            hints=hints,
            size=len(page.body),
        ):
            if isinstance(doc, InputError):
                return doc
            doc = dataclasses.replace(
                doc,
                published=doc.published or item.link.published,
                title=doc.title or item.link.title,
            )
            try:
                article = clean_document(doc)
            except NewsgraphError as e:
                return e
            except Exception as e:  # one hostile page fails alone, never the watch
                return InputError(f"could not clean: {e}", origin=item.link.url, code=E_MALFORMED)
            if not article.text.strip():
                return InputError("no text after cleaning", origin=item.link.url, code=E_EMPTY)
            return article  # a link is one article: a page that holds more gives its first
        return InputError("empty page", origin=item.link.url, code=E_EMPTY)

    def _source_done(self, item: _SourceDone) -> None:
        source, result = item.source, item.result
        store.record_fetch(self.conn, source.id, result)
        if result.kind in store.CONTAINERS or source.kind in store.CONTAINERS:
            if item.children is not None:
                store.set_children(self.conn, source.id, item.children, now=result.at)
            self.report.sources += int(not result.ok)  # the failed are among the sources counted
        else:
            self.report.sources += 1
            self.report.not_modified += int(result.not_modified)
            self.report.links += item.links
            self.report.new += item.new
        if not result.ok:
            self.report.failed_sources.append((source.url, result.error or "failed"))
        self.report.notes.extend(f"{source.url}: {note}" for note in item.notes)

    def _link_failed(self, url: str, source_id: int, reason: str, *, transient: bool) -> None:
        self.report.failed_articles.append((url, reason))
        seen = store.Seen(url, source_id, "retry" if transient else "failed", error=reason)
        store.mark_seen(self.conn, [seen], now=iso(self.clock()))

    def _progress(self, summary: IngestSummary) -> None:
        """After each committed batch: note its links as seen (the job writes in input order,
        so the first `summary.read` articles handed over are stored)."""
        count = summary.read - self._committed
        if count <= 0:
            return
        self._committed = summary.read
        done = [self._pending.popleft() for _ in range(min(count, len(self._pending)))]
        failures = dict(summary.failed[self._failures_seen :])
        self._failures_seen = len(summary.failed)
        mine = store.stored_from(self.conn, [(article_id, url) for url, _, article_id in done])
        rows = []
        for url, source_id, article_id in done:
            if url in failures:  # the analysis failed: try the link again in a later round
                self._retrying.add(source_id)
                self.report.failed_articles.append((url, failures[url]))
                rows.append(store.Seen(url, source_id, "retry", error=failures[url]))
            else:
                status: store.SeenStatus = "stored" if url in mine else "duplicate"
                rows.append(store.Seen(url, source_id, status, article_id=article_id))
        store.mark_seen(self.conn, rows, now=iso(self.clock()))
        self._keep_validators()
        if self.on_batch is not None:
            self.on_batch(rows)

    def _keep_validators(self) -> None:
        """Store the validators of the listings whose links' articles are all committed (a
        kill before that leaves the next request unconditional, so no link is hidden)."""
        while self._validators and self._validators[0][0] <= self._committed:
            _, done = self._validators.popleft()
            if done.source_id not in self._retrying:
                store.keep_validators(self.conn, done.source_id, done.etag, done.last_modified)

    # -- in the loop thread -----------------------------------------------------------------------

    async def _crawl(self, listings: list[store.Source], outbox: _Outbox) -> None:
        """Visit every source, `concurrency` hosts at a time; then the end marker (None)."""
        try:
            by_host: dict[str, deque[store.Source]] = {}
            for source in listings:
                by_host.setdefault(site_of(source.url), deque()).append(source)
            hosts = deque(by_host.values())

            async def worker(lane: int) -> None:
                LANE.set(lane)  # this task's own HTTP client
                while hosts and not self.stop.is_set():
                    group = hosts.popleft()
                    while group and not self.stop.is_set():
                        await self._visit(group.popleft(), outbox)

            count = max(1, min(self.options.concurrency, len(hosts)))
            await asyncio.gather(*(worker(lane) for lane in range(count)))
        except asyncio.CancelledError:
            raise
        except Exception as e:  # a bug, not a site's fault: stop the round and say so
            await outbox.put(_Crashed(e))
        await outbox.put(None)

    async def _visit(self, source: store.Source, outbox: _Outbox) -> None:
        """Fetch one source, then the new links it lists; the listing's validators are kept
        only once every link was dealt with (see `_listing`)."""
        item, links, validators = await self._listing(source)
        await outbox.put(item)
        fetcher = self.fetcher
        left = False
        for link in links:
            if self.stop.is_set():
                return  # the rest, and the validators, wait for the next round
            try:
                page = await fetcher.get(link.url)
            except HostPaused:
                left = True  # not noted: the link is tried again next round
                continue
            except FetchFailed as e:
                left = left or e.transient
                await outbox.put(_LinkFailed(link.url, source.id, e.reason(), e.transient))
                continue
            if isinstance(page, Page):
                await outbox.put(_Fetched(link, source.id, page))
        if validators is not None and not left:
            await outbox.put(_LinksDone(source.id, *validators))

    async def _listing(
        self, source: store.Source
    ) -> tuple[_Item, list[Link], tuple[str | None, str | None] | None]:
        """What fetching `source` came to, the new links to fetch after it (the listing's body
        is not kept while they are fetched), and the validators to keep once they are all dealt
        with.

        While links of a listing are left (over the round's cap, a paused host, a transient
        failure, a stop), its next request must not be conditional, or a 304 would hide them
        until the listing changes: so the validators are stored only after the last link."""
        at = self.clock()
        fetcher = self.fetcher
        try:
            got = await fetcher.get(
                source.url, etag=source.etag, last_modified=source.last_modified
            )
        except HostPaused:
            return _Skipped(source), [], None
        except FetchFailed as e:
            return _SourceDone(source, self._failure(source, e, at)), [], None
        if isinstance(got, NotModified):
            result = store.FetchResult(at=iso(at), ok=True, status=304, not_modified=True)
            return _SourceDone(source, result), [], None
        try:
            # Parsed off the event loop: a 20 MB feed takes seconds, and the other hosts'
            # requests must not time out meanwhile.
            listing = await asyncio.to_thread(
                read_listing,
                got.body,
                origin=source.url,
                settings=self.settings,
                base_url=got.url,
                charset=got.charset,
                expect=source.kind,
            )
        except InputError as e:
            return _SourceDone(source, self._failure(source, e, at, status=got.status)), [], None
        except Exception as e:  # a hostile listing fails its source, never the watch
            error = InputError(f"unreadable listing: {e}", origin=source.url, code=E_MALFORMED)
            failed = self._failure(source, error, at, status=got.status)
            return _SourceDone(source, failed), [], None
        result = store.FetchResult(
            at=iso(at),
            ok=True,
            status=got.status,
            kind=listing.kind,
            etag=got.etag,
            last_modified=got.last_modified,
        )
        if listing.kind in store.CONTAINERS:
            return _SourceDone(source, result, children=listing.sources), [], None
        notes = list(listing.problems)
        links = list(listing.links)
        if listing.sitemaps:
            links += await self._child_sitemaps(source, listing, notes)
        new, more = self._new_links(links, newest_first=listing.kind == "sitemap")
        validators = None
        if more or new:
            validators = None if more else (got.etag, got.last_modified)
            result = dataclasses.replace(result, etag=None, last_modified=None)
        done = _SourceDone(source, result, len(links), len(new), notes=tuple(notes))
        return done, new, validators

    async def _child_sitemaps(
        self, source: store.Source, index: Listing, notes: list[str]
    ) -> list[Link]:
        """The links of an index's child sitemaps: the newest `max_sitemaps` of those changed
        since the index was last read (all of them the first time)."""
        since = datetime.fromisoformat(source.last_success) if source.last_success else None
        children = [
            c for c in index.sitemaps if since is None or c.published is None or c.published > since
        ]
        children.sort(key=lambda c: c.published or datetime.min.replace(tzinfo=UTC), reverse=True)
        fetcher = self.fetcher
        links: list[Link] = []
        for child in children[: self.options.max_sitemaps]:
            try:
                got = await fetcher.get(child.url)
                if not isinstance(got, Page):
                    continue
                listing = await asyncio.to_thread(
                    read_listing,
                    got.body,
                    origin=child.url,
                    settings=self.settings,
                    base_url=got.url,
                )
            except HostPaused:
                break
            except InputError as e:
                notes.append(f"child sitemap {e.one_line()}")
                continue
            except Exception as e:  # a hostile child fails alone
                notes.append(f"child sitemap {child.url}: unreadable: {e}")
                continue
            links.extend(listing.links)
        return links

    def _new_links(self, links: list[Link], *, newest_first: bool) -> tuple[list[Link], bool]:
        """The links not seen before nor taken this round, at most `max_per_source`, and
        whether more were left for a later round."""
        fresh = {link.url: link for link in links if link.url not in self._scheduled}
        new = [fresh[url] for url in store.unseen(self.reader, list(fresh))]
        if newest_first:
            new.sort(key=lambda k: k.published or datetime.min.replace(tzinfo=UTC), reverse=True)
        more = len(new) > self.options.max_per_source
        new = new[: self.options.max_per_source]
        self._scheduled.update(link.url for link in new)
        return new, more

    def _failure(
        self, source: store.Source, error: InputError, at: datetime, status: int | None = None
    ) -> store.FetchResult:
        """A failed fetch: the next try after the back-off, or Retry-After if longer."""
        wait = backoff(source.consecutive_failures + 1)
        if isinstance(error, FetchFailed):
            status = error.status
            wait = max(wait, error.retry_after or 0.0)
        return store.FetchResult(
            at=iso(at),
            ok=False,
            status=status,
            error=_reason(error),
            next_due=iso(at + timedelta(seconds=wait)),
        )


def _reason(error: NewsgraphError) -> str:
    return error.reason() if isinstance(error, FetchFailed) else f"{error.message} [{error.code}]"


def open_round(
    db: Path,
    *,
    roots: Sequence[int] | None,
    options: WatchOptions,
    settings: Settings,
    robots: RobotsRules,
    stop: threading.Event,
    clock: Callable[[], datetime],
    on_batch: BatchHook | None,
) -> RoundReport:
    """Run one round on the store at `db` (a connection for writing, one for the fetching
    thread's reads, both closed at the end)."""
    conn = connect(db)
    reader = connect(db)
    try:
        return Round(
            db=db,
            conn=conn,
            reader=reader,
            roots=roots,
            options=options,
            settings=settings,
            robots=robots,
            stop=stop,
            clock=clock,
            on_batch=on_batch,
        ).run()
    finally:
        reader.close()
        conn.close()
