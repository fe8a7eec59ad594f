"""Corpus commands: `ingest`, `search`, `entity`, `stories`, `stats`, `export`.

Thin shells: each validates its options, calls one library function and prints the result.
Errors print one line to stderr and exit 1 (2 for a bad query; `ingest`: 3 when the disk is
full).
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsgraph.cli import (
    SinceOption,
    UntilOption,
    app,
    cli_settings,
    cli_sources,
    damaged_store,
    event_type_option,
    require_model,
    usage_error,
)
from newsgraph.errors import E_EXPORT, NewsgraphError
from newsgraph.words import counted

if TYPE_CHECKING:
    from newsgraph.job import IngestSummary
from newsgraph.store.db import DEFAULT_DB

DbOption = Annotated[Path, typer.Option("--db", help="The corpus store (an SQLite file).")]


class OutFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    gkg = "gkg"
    gdelt_events = "gdelt-events"
    gdelt_mentions = "gdelt-mentions"


def _fail(error: NewsgraphError, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {error.one_line()}", err=True)
    return typer.Exit(code)


@contextmanager
def _store(db: Path) -> Iterator[Any]:
    from newsgraph.store.db import DatabaseError, connect

    try:
        conn = connect(db, create=False)
    except NewsgraphError as e:
        raise _fail(e) from e
    try:
        yield conn
    except DatabaseError as e:
        raise _fail(damaged_store(db, e)) from e
    finally:
        conn.close()


def _emit(records: list[Any], fmt: OutFormat, table: Table | None = None) -> None:
    rows = [
        dataclasses.asdict(r) if dataclasses.is_dataclass(r) and not isinstance(r, type) else r
        for r in records
    ]
    if fmt is OutFormat.json:
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False, default=str))
    elif fmt is OutFormat.jsonl:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False, default=str))
    elif table is not None:
        Console(soft_wrap=False).print(table)


@app.command()
def ingest(
    ctx: typer.Context,
    sources: Annotated[list[str], typer.Argument(help="Files, directories or URLs to read.")],
    db: DbOption = Path(DEFAULT_DB),
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", min=1, help="Analysis processes (default: all cores)."),
    ] = None,
    no_nlp: Annotated[bool, typer.Option("--no-nlp", help="Store cleaned articles only.")] = False,
    batch_size: Annotated[
        int,
        typer.Option(
            "--batch-size",
            min=1,
            help="Articles per analysis task (writes are grouped to NEWSGRAPH_WRITE_BATCH).",
        ),
    ] = 16,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            help="Analyse on Dask: 'local' (a LocalCluster of --workers processes) or a "
            "scheduler address such as tcp://HOST:8786.",
        ),
    ] = None,
    out: Annotated[
        str | None,
        typer.Option(
            "--out",
            help="Write partitioned Parquet instead of the store: parquet://DIR (a partition "
            "per publication day).",
        ),
    ] = None,
) -> None:
    """Read, clean, analyse and store every article in SOURCES (safe to rerun).

    Exit status: 0 all inputs read; 1 some inputs failed (one line each on stderr, the others
    are stored); 2 usage error (a spaCy model that is not installed included); 3 the store
    could not be written (disk full): free space and rerun, the articles stored so far are
    kept. A SOURCE that is neither a URL nor - (stdin) is a path.
    """
    from newsgraph.errors import StoreWriteError
    from newsgraph.job import ingest as run_ingest
    from newsgraph.store.write_errors import EXIT_STORE_WRITE

    if out is not None and not out.startswith("parquet://"):
        raise usage_error(
            "--out", f"{out!r} is not parquet://DIR: write --out parquet://{out.strip() or 'DIR'}"
        )
    settings = cli_settings(ctx)
    if not no_nlp and dask in (None, "local"):  # a remote cluster's workers have their own
        from newsgraph.batch import WorkerSetup

        require_model(settings)
        try:  # a model that is not installed, unknown stages: told once, before any worker
            WorkerSetup(settings).check()
        except NewsgraphError as e:
            raise _fail(e, 2) from e
    console = Console(stderr=True)
    progress = _ingest_progress(console)
    task = progress.add_task("starting", total=None, read=0, stored=0, rate=0.0)

    def update(summary: IngestSummary) -> None:
        progress.update(task, **_progress_fields(summary))
        progress.refresh()

    try:
        with progress:
            summary = run_ingest(
                cli_sources(sources),
                db=out or db,
                dask=dask,
                workers=workers,
                nlp=not no_nlp,
                batch_size=batch_size,
                on_progress=update,
                settings=settings,
            )
    except StoreWriteError as e:
        raise _fail(e, EXIT_STORE_WRITE) from e
    except NewsgraphError as e:
        raise _fail(e) from e
    typer.echo(
        f"read {summary.read}, stored {summary.stored}, duplicates {summary.duplicates} "
        f"(near-duplicates {summary.near_duplicates}), already stored {summary.already_stored}, "
        f"failed {len(summary.failed)} in {summary.seconds:.1f}s "
        f"({summary.read / summary.seconds if summary.seconds else 0:.1f} articles/s)",
        err=True,
    )
    for origin, reason in summary.failed:
        typer.echo(
            f"error: {reason}" if origin in reason else f"error: {origin}: {reason}", err=True
        )
    raise typer.Exit(1 if summary.failed else 0)


def _ingest_progress(console: Console) -> Any:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(bar_width=None),
        MofNCompleteColumn(),
        TextColumn("{task.fields[read]} read, {task.fields[stored]} stored"),
        TextColumn("{task.fields[rate]:.1f} articles/s"),
        TimeElapsedColumn(),
        console=console,
        disable=not console.is_terminal,
        transient=True,
    )


def _progress_fields(summary: IngestSummary) -> dict[str, Any]:
    """The progress bar's task fields: the phase ("loading model" while the model loads), the
    inputs done out of their total when known, and the counts."""
    rate = summary.read / summary.seconds if summary.seconds else 0.0
    done = summary.done if summary.total is None else min(summary.done, summary.total)
    return {
        "description": summary.phase,
        "total": summary.total,
        "completed": done,
        "read": summary.read,
        "stored": summary.stored,
        "rate": rate,
    }


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='FTS5 query, e.g. "flood AND Norfolk"; "" for all.')],
    db: DbOption = Path(DEFAULT_DB),
    entity: Annotated[str | None, typer.Option(help="Only articles naming this entity.")] = None,
    place: Annotated[str | None, typer.Option(help="Only articles at this place.")] = None,
    theme: Annotated[str | None, typer.Option(help="Only articles with this theme.")] = None,
    event_type: Annotated[
        str | None,
        typer.Option(
            "--event-type",
            "--type",
            help="Only articles with an event of this type (PROTEST, ASSAULT …).",
        ),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: Annotated[int, typer.Option(min=1, max=10000)] = 20,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    fmt: Annotated[OutFormat, typer.Option("--format", "-f")] = OutFormat.table,
) -> None:
    """Full-text search over titles, standfirsts and bodies, with filters."""
    from newsgraph.store.search import Filters
    from newsgraph.store.search import search as run_search

    event_type = event_type_option(event_type)
    filters = Filters(
        entity=entity, place=place, theme=theme, event_type=event_type, since=since, until=until
    )
    with _store(db) as conn:
        try:
            results = run_search(conn, query, filters, limit=limit, offset=offset)
        except NewsgraphError as e:
            raise _fail(e, 2) from e
    if fmt is OutFormat.table and not results.hits:  # a word, not an empty table
        past = f", none from --offset {offset}" if results.total else ""
        typer.echo(f"{counted(results.total, 'article')} matched{past}", err=True)
        return
    table = Table("id", "published", "title", "snippet", title=_page_title(results))
    for hit in results.hits:
        table.add_row(
            hit.id,
            (hit.published or "undated")[:10],
            escape(hit.title or ""),
            escape(hit.snippet),
        )
    _emit(results.hits, fmt, table)


def _page_title(results: Any) -> str:
    """ "12 articles" when all are shown, else which of them: "12 articles, 1-5 shown"."""
    title = counted(results.total, "article") + ("+" if results.total_capped else "")
    if len(results.hits) == results.total:
        return title
    first = results.offset + 1
    return f"{title}, {first}-{results.offset + len(results.hits)} shown"


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="Entity name, alias or id.")],
    db: DbOption = Path(DEFAULT_DB),
    limit: Annotated[int, typer.Option(min=1)] = 10,
    fmt: Annotated[OutFormat, typer.Option("--format", "-f")] = OutFormat.table,
) -> None:
    """One entity: aliases, counts, timeline by day, quotes by and about, top co-mentions."""
    from newsgraph.store.read import get_entity

    with _store(db) as conn:
        try:
            record = get_entity(conn, name, limit=limit)
        except NewsgraphError as e:
            raise _fail(e) from e
    if fmt is not OutFormat.table:
        _emit([record], fmt)
        return
    console = Console()
    console.print(f"[bold]{escape(record.name)}[/] ({record.type}) id {record.id}")
    console.print(escape(f"aliases: {', '.join(record.aliases) or '-'}"))
    undated = f" ({record.undated} undated)" if record.undated else ""
    console.print(
        f"{counted(record.article_count, 'article')}{undated}, "
        f"{counted(record.mention_count, 'mention')}, "
        f"first seen {record.first_seen or '-'}, last seen {record.last_seen or '-'}"
        " (published)"
    )
    timeline = Table("day", "articles", title="timeline")
    for day, n in record.timeline:
        timeline.add_row(day, str(n))
    if record.undated:
        timeline.add_row("undated", str(record.undated))
    console.print(timeline)
    for title, quotes in (("quotes by", record.quotes_by), ("quotes about", record.quotes_about)):
        for q in quotes:
            console.print(escape(f"{title}: “{q.text}” ({q.speaker or '?'}, {q.article_id})"))
    co = Table("entity", "type", "shared articles", title="named with")
    for c in record.co_mentions:
        co.add_row(escape(c.name), c.type, str(c.articles))
    console.print(co)


@app.command()
def stories(
    db: DbOption = Path(DEFAULT_DB),
    limit: Annotated[int, typer.Option(min=1)] = 20,
    min_size: Annotated[int, typer.Option("--min-size", min=1)] = 1,
    fmt: Annotated[OutFormat, typer.Option("--format", "-f")] = OutFormat.table,
) -> None:
    """Stories (groups of articles on the same event), largest first."""
    from newsgraph.store.read import list_stories

    with _store(db) as conn:
        records = list_stories(conn, limit=limit, min_size=min_size)
    if fmt is OutFormat.table and not records:  # a word, not an empty table
        least = f" of {min_size} articles or more" if min_size > 1 else ""
        typer.echo(f"no stories{least} in {db}", err=True)
        return
    table = Table("id", "size", "first seen", "last seen", "label", title="stories")
    for s in records:
        table.add_row(
            str(s.id),
            str(s.size),
            (s.first_seen or "undated")[:10],
            (s.last_seen or "undated")[:10],
            escape(s.label),
        )
    _emit(records, fmt, table)


@app.command()
def stats(
    db: DbOption = Path(DEFAULT_DB),
    fmt: Annotated[OutFormat, typer.Option("--format", "-f")] = OutFormat.table,
) -> None:
    """Counts of articles, sources, entities, facts and stories in the store."""
    from newsgraph.store.read import stats as run_stats

    with _store(db) as conn:
        record = run_stats(conn)
    table = Table("what", "count", title=str(db))
    for key, value in dataclasses.asdict(record).items():
        table.add_row(key, "" if value is None else str(value))
    if fmt is OutFormat.table:
        _emit([record], fmt, table)
    else:
        _emit([record], fmt)


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.jsonl,
    table: Annotated[str | None, typer.Option(help="One table (default: articles).")] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="File (default: stdout).")] = None,
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Export articles or one table as JSON lines, CSV, Parquet, GDELT GKG 2.1 or GDELT events."""
    from newsgraph.store.export import export as run_export

    with _store(db) as conn:
        try:
            n = run_export(conn, fmt.value, out, table=table)
        except NewsgraphError as e:  # an export that cannot run as asked is a usage error
            raise _fail(e, 2 if e.code == E_EXPORT else 1) from e
    if out is not None:
        typer.echo(f"wrote {counted(n, 'row')} to {out}", err=True)
    elif n == 0:  # an empty output on stdout is no error, yet say why it is empty
        typer.echo(f"wrote 0 rows: {'table ' + table if table else 'the store'} has none", err=True)
    sys.stdout.flush()
