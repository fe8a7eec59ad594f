"""`newsgraph watch`: poll feeds, sitemaps and lists of them, and ingest what is new.

`watch(sources, db=...)` registers the sources in the store's `sources` table, then runs rounds
every `options.every` seconds (one with `once=True`): each round fetches every due source,
fetches the article links no round has dealt with yet, and ingests them through the ingest job
(`newsgraph.job.ingest_articles`: same cleaning, analysis, dedup and stories as `ingest`).

- Sources: feed URLs (RSS, Atom), sitemap URLs (news sitemaps and sitemap indexes included),
  OPML files and text files of URLs (one a line), as paths or URLs. A container's entries are
  registered as sources of their own, and followed as the file changes.
- State lives in the store (`newsgraph.store.sources`): ETag and Last-Modified for conditional
  requests, health, back-off, and every link dealt with, so a restart resumes, and a second
  run never fetches a link the first one stored. Without `sources`, a watch polls every source
  the store knows. One watch per store at a time (a `.watch.lock` file beside it).
- Politeness and limits per request: `newsgraph.watch.http`. A failing source waits 1, 2, 4 …
  minutes (at most a day, or longer if Retry-After asks) and is reported each time; it never
  stops the watch.
- Stopping: with `stop_on_signals`, SIGINT or SIGTERM sets `stop`; the round stops taking new
  pages, stores what it was handed, and `watch` returns. A second signal interrupts at once.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from newsgraph.errors import E_LOCKED, E_NOT_FOUND, InputError, StoreError
from newsgraph.ingest.formats import is_url, scheme_missing
from newsgraph.settings import Settings, get_settings
from newsgraph.store import sources as store
from newsgraph.store.db import DEFAULT_DB, connect, writer_lock
from newsgraph.watch.http import RobotsRules, user_agent
from newsgraph.watch.listing import file_kind, guess_kind
from newsgraph.watch.round import (
    BatchHook,
    RoundReport,
    WatchOptions,
    iso,
    open_round,
    utc_now,
)

__all__ = [
    "BatchHook",
    "RoundReport",
    "WatchOptions",
    "resolve_source",
    "stop_on_signals",
    "user_agent",
    "watch",
]


def resolve_source(arg: str) -> tuple[str, store.SourceKind]:
    """A command-line source as (URL or absolute path, kind); InputError when it is neither a
    URL nor a file (saying how to write a URL typed without its scheme). A URL's kind is a
    guess until its body says."""
    if is_url(arg):
        return arg, guess_kind(arg)
    path = Path(arg).expanduser()
    if path.is_file():
        resolved = path.resolve()
        return str(resolved), file_kind(resolved)
    url = scheme_missing(arg)
    hint = f" (a URL needs its scheme: {url})" if url else ""
    raise InputError(
        f"not a feed or sitemap URL, nor an OPML file or list of URLs{hint}",
        origin=arg,
        code=E_NOT_FOUND,
    )


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """While inside, SIGINT and SIGTERM set `stop` (a clean stop: the current articles are
    stored), and a second signal raises KeyboardInterrupt. Only in the main thread (signals are
    delivered there); elsewhere it does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_signal(*_: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextmanager
def _one_watch(db: Path) -> Iterator[None]:
    try:
        with writer_lock(f"{db}.watch"):
            yield
    except StoreError as e:
        if e.code != E_LOCKED or "another ingest" not in e.message:
            raise
        raise StoreError(
            "another watch is running on this store", origin=str(db), code=E_LOCKED
        ) from e


def watch(
    sources: Sequence[str] = (),
    *,
    db: str | Path = DEFAULT_DB,
    options: WatchOptions | None = None,
    settings: Settings | None = None,
    once: bool = False,
    stop: threading.Event | None = None,
    on_round: Callable[[RoundReport], None] | None = None,
    on_batch: BatchHook | None = None,
    clock: Callable[[], datetime] = utc_now,
) -> RoundReport:
    """Watch `sources` (all the store's sources when empty), one round every `options.every`
    seconds until `stop` is set, or one round with `once`; returns the last round's report
    (the first round always runs; a stop already asked makes it fetch nothing).

    `on_round` gets each round's report; `on_batch` the links of each committed batch (see
    `BatchHook`). Raises InputError for a source that is neither a URL nor a file, or when
    there is nothing to watch; StoreError when the store cannot be opened or another watch
    holds it."""
    options = options or WatchOptions()
    settings = settings or get_settings()
    stop = stop or threading.Event()
    path = Path(db)
    if str(db).startswith("parquet:"):  # a Path has made "parquet://DIR" "parquet:/DIR"
        raise InputError("watch stores into a corpus store file, not parquet://", origin=str(db))
    entries = [resolve_source(arg) for arg in sources]
    if not entries and not path.exists():  # a mistyped --db: say so, and leave no new store
        raise InputError(
            "nothing to watch: no store here yet; name feeds, sitemaps, OPML files or lists of "
            "URLs",
            origin=str(db),
            code=E_NOT_FOUND,
        )
    with _one_watch(path):
        roots = _register(path, entries, now=iso(clock()))
        robots = RobotsRules(settings, clock=time.monotonic)
        try:
            while True:
                robots.refresh()
                began = time.monotonic()
                report = open_round(
                    path,
                    roots=roots,
                    options=options,
                    settings=settings,
                    robots=robots,
                    stop=stop,
                    clock=clock,
                    on_batch=on_batch,
                )
                last = once or stop.is_set()
                wait = 0.0 if last else max(0.0, options.every - (time.monotonic() - began))
                report.next_round = None if last else clock() + timedelta(seconds=wait)
                if on_round is not None:
                    on_round(report)
                if last or stop.wait(wait):
                    return report
        finally:
            robots.close()


def _register(
    db: Path, entries: list[tuple[str, store.SourceKind]], *, now: str
) -> list[int] | None:
    """Add the named sources; the roots of the watch (None: every source in the store)."""
    conn = connect(db)
    try:
        if entries:
            return store.add_sources(conn, entries, now=now)
        if not store.count_active(conn):
            raise InputError(
                "nothing to watch: name feeds, sitemaps, OPML files or lists of URLs",
                origin=str(db),
                code=E_NOT_FOUND,
            )
        return None
    finally:
        conn.close()
