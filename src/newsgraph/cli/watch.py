"""`newsgraph watch` (poll feeds and sitemaps, store what is new) and `newsgraph sources`.

Thin shells over `newsgraph.watch.watch` and `newsgraph.store.sources.list_sources`.
"""

from __future__ import annotations

import json
import re
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsgraph.cli import app, cli_settings, damaged_store, require_model, usage_error
from newsgraph.errors import InputError, NewsgraphError, StoreWriteError
from newsgraph.store.db import DEFAULT_DB
from newsgraph.words import counted

if TYPE_CHECKING:
    from newsgraph.store.sources import SourceHealth
    from newsgraph.watch import RoundReport

DbOption = Annotated[Path, typer.Option("--db", help="The corpus store (an SQLite file).")]
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
MIN_EVERY = 30.0  # seconds: closer rounds only hammer the sites (one round: --once)


def parse_duration(text: str) -> float:
    """Seconds in "90", "90s", "15m", "1.5h" or "1d"; ValueError for anything else."""
    match = _DURATION.match(text)
    if match is None:
        raise ValueError(f"not a duration: {text!r} (e.g. 90s, 15m, 1h)")
    return float(match.group(1)) * _UNITS[match.group(2).lower()]


def _clock(when: datetime | None) -> str:
    return when.astimezone(UTC).strftime("%H:%M:%SZ") if when is not None else "-"


def _print_round(report: RoundReport) -> None:
    waiting = f", {report.waiting} waiting" if report.waiting else ""
    skipped = f", {report.skipped} skipped" if report.skipped else ""
    failed = f", {len(report.failed_sources)} failed" if report.failed_sources else ""
    next_round = (
        f"; next round at {_clock(report.next_round)}" if report.next_round is not None else ""
    )
    typer.echo(
        f"round at {_clock(report.started)}: {counted(report.sources, 'source')} "
        f"({report.not_modified} not modified{failed}{waiting}{skipped}), "
        f"{counted(report.links, 'link')}, {report.new} new, "
        f"{report.fetched} fetched; stored {report.stored}, duplicates "
        f"{report.duplicates + report.already_stored} (near-duplicates {report.near_duplicates}), "
        f"failed {len(report.failed_articles)} in {report.seconds:.1f}s{next_round}"
        + (" (stopped)" if report.stopped else ""),
        err=True,
    )
    for where, reason in (*report.failed_sources, *report.failed_articles):
        typer.echo(f"error: {where}: {reason}", err=True)
    for note in report.notes:
        typer.echo(f"note: {note}", err=True)
    if report.error:
        typer.echo(f"error: {report.error}", err=True)


@app.command()
def watch(
    ctx: typer.Context,
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            help="Feed or sitemap URLs, OPML files, text files of URLs (one a line). None: "
            "every source the store already watches."
        ),
    ] = None,
    db: DbOption = Path(DEFAULT_DB),
    every: Annotated[
        str,
        typer.Option("--every", help="From one round to the next: 90s, 15m, 1h (30s at least)."),
    ] = "15m",
    once: Annotated[bool, typer.Option("--once", help="One round, then exit (for cron).")] = False,
    no_nlp: Annotated[bool, typer.Option("--no-nlp", help="Store cleaned articles only.")] = False,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Analysis processes (1: in this one).")
    ] = 1,
    delay: Annotated[
        float, typer.Option("--delay", min=0.0, help="Seconds between two requests to one host.")
    ] = 1.0,
) -> None:
    """Poll feeds and sitemaps; fetch, analyse and store the articles not seen before.

    Each round fetches every due source (conditional GET, robots.txt, one request at a time per
    host), then the links no earlier round dealt with, and ingests them as `ingest` does. State
    lives in the store, so a restart resumes; `newsgraph sources` shows each source's health.
    SIGINT or SIGTERM stores the articles in hand and stops (a second one stops at once). Set a
    contact for site owners with NEWSGRAPH_CONTACT (or `contact` in --config).

    Exit status: 0 done (or stopped); 1 (--once) a source or an article failed, one line each on
    stderr, or the store is held by another watch; 2 usage error; 3 the store could not be
    written (disk full).
    """
    from newsgraph.store.write_errors import EXIT_STORE_WRITE
    from newsgraph.watch import WatchOptions, stop_on_signals
    from newsgraph.watch import watch as run_watch

    try:
        seconds = parse_duration(every)
    except ValueError as e:
        raise usage_error("--every", str(e)) from e
    if seconds < MIN_EVERY:
        raise usage_error(
            "--every",
            f"{every.strip()!r} is too often: rounds at least {MIN_EVERY:.0f}s apart "
            "(for one round, --once)",
        )
    settings = cli_settings(ctx)
    if not no_nlp:
        require_model(settings)
    options = WatchOptions(every=seconds, nlp=not no_nlp, workers=workers, delay=delay)
    stop = threading.Event()
    try:
        with stop_on_signals(stop):
            report = run_watch(
                sources or [],
                db=db,
                options=options,
                settings=settings,
                once=once,
                stop=stop,
                on_round=_print_round,
            )
    except StoreWriteError as e:
        typer.echo(f"error: {e.one_line()}", err=True)
        raise typer.Exit(EXIT_STORE_WRITE) from e
    except InputError as e:
        typer.echo(f"error: {e.one_line()}", err=True)
        raise typer.Exit(2) from e
    except NewsgraphError as e:
        typer.echo(f"error: {e.one_line()}", err=True)
        raise typer.Exit(1) from e
    raise typer.Exit(1 if once and report is not None and report.failed else 0)


def _row(source: SourceHealth) -> list[str]:
    per_day = "-" if source.articles_per_day is None else f"{source.articles_per_day:g}"
    error = f"{source.last_error} (at {source.last_error_at})" if source.last_error else "-"
    return [
        str(source.id),
        source.kind,
        source.status.replace(" ", "-"),
        str(source.consecutive_failures),
        str(source.articles),
        per_day,
        source.last_new_article or "-",
        source.last_success or "-",
        source.next_due or "-",
        source.url,
        error,
    ]


@app.command()
def sources(
    db: DbOption = Path(DEFAULT_DB),
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of columns.")] = False,
    remove: Annotated[
        list[str] | None,
        typer.Option(
            "--remove",
            metavar="URL",
            help="Stop watching this source (repeatable), with the sources it listed; the "
            "articles stored stay.",
        ),
    ] = None,
) -> None:
    """Watched sources with their health: status, failures in a row, articles, articles per
    day, last new article, last success, next try, last error (times in UTC).

    --remove URL forgets a source (a mistyped feed URL, a feed that is gone): exit status 1
    when one of them is not watched (each named on stderr)."""
    import dataclasses

    from newsgraph.store.db import DatabaseError, open_readonly
    from newsgraph.store.sources import list_sources

    if remove:
        _remove(db, remove)
        return

    try:
        conn = open_readonly(db)
    except NewsgraphError as e:
        typer.echo(f"error: {e.one_line()}", err=True)
        raise typer.Exit(1) from e
    try:
        found = list_sources(conn, now=datetime.now(UTC))
    except DatabaseError as e:
        typer.echo(f"error: {damaged_store(db, e).one_line()}", err=True)
        raise typer.Exit(1) from e
    finally:
        conn.close()
    if as_json:
        typer.echo(json.dumps([dataclasses.asdict(s) for s in found], indent=2, ensure_ascii=False))
        return
    header = [
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
    rows = [header, *(_row(s) for s in found)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        typer.echo("  ".join([*cells, row[-1]]).rstrip())


def _remove(db: Path, urls: list[str]) -> None:
    from newsgraph.cli import open_store
    from newsgraph.errors import E_NOT_FOUND, StoreError
    from newsgraph.ingest.formats import scheme_missing
    from newsgraph.store.sources import list_sources, remove_sources

    with open_store(db) as conn:
        watched = {s.url for s in list_sources(conn, now=datetime.now(UTC))}
        known = [url for url in urls if url in watched]
        removed = remove_sources(conn, known) if known else 0
    typer.echo(f"removed {counted(removed, 'source')}", err=True)
    missing = [url for url in urls if url not in watched]
    for url in missing:
        typed = scheme_missing(url)
        hint = f"; a URL needs its scheme: {typed}" if typed else ""
        error = StoreError(
            f"not a watched source (`newsgraph sources` lists them{hint})",
            origin=url,
            code=E_NOT_FOUND,
        )
        typer.echo(f"error: {error.one_line()}", err=True)
    if missing:
        raise typer.Exit(1)
