"""`newsgraph trends`, `rising` and `network`: what the store says over time, what is rising
now, and which actors the events link.

Thin shells over `newsgraph.store.trends`. Exit status: 0 done; 1 the store cannot be opened;
2 a bad option value (a date, a range of too many windows, a search query that cannot be read).
"""

from __future__ import annotations

import dataclasses
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsgraph.cli import app, event_type_option, open_store, usage_error
from newsgraph.store.db import DEFAULT_DB
from newsgraph.words import counted

DbOption = Annotated[Path, typer.Option("--db", help="The corpus store (an SQLite file).")]
Since = Annotated[
    str | None, typer.Option(help="From this date or UTC time (YYYY-MM-DD[THH:MM]), inclusive.")
]
Until = Annotated[
    str | None, typer.Option(help="Up to this date (the whole day) or UTC time, inclusive.")
]


class By(StrEnum):
    day = "day"
    hour = "hour"


class TrendsFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class RisingFormat(StrEnum):
    table = "table"
    json = "json"


class RisingKind(StrEnum):
    entity = "entity"
    theme = "theme"
    place = "place"
    pair = "pair"
    code_pair = "code-pair"


class Actors(StrEnum):
    entity = "entity"
    code = "code"


class NetworkFormat(StrEnum):
    table = "table"
    json = "json"
    graphml = "graphml"
    gexf = "gexf"


def _json(value: Any) -> str:
    data = (
        dataclasses.asdict(value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type)
        else value
    )
    return json.dumps(data, indent=2, ensure_ascii=False)


def _number(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


@app.command()
def trends(
    db: DbOption = Path(DEFAULT_DB),
    since: Since = None,
    until: Until = None,
    by: Annotated[By, typer.Option(help="Count per UTC day or hour.")] = By.day,
    entity: Annotated[
        list[str] | None, typer.Option(help="A series of the articles naming this entity.")
    ] = None,
    theme: Annotated[list[str] | None, typer.Option(help="A series for this theme.")] = None,
    place: Annotated[list[str] | None, typer.Option(help="A series for this place.")] = None,
    event_type: Annotated[
        list[str] | None, typer.Option("--event-type", help="A series for this event type.")
    ] = None,
    fmt: Annotated[TrendsFormat, typer.Option("--format", "-f")] = TrendsFormat.table,
) -> None:
    """Articles, mean tone and events per day or hour, zero-filled.

    Each --entity, --theme, --place and --event-type (repeatable) is a series of its own, so
    two or more can be compared; with none, every article is one series. Without --since, the
    last 90 days (72 hours by hour) up to the newest article.
    """
    from newsgraph.store.trends import Series, SeriesKind, trends_csv
    from newsgraph.store.trends import trends as run_trends

    given: list[tuple[SeriesKind, list[str] | None]] = [
        ("entity", entity),
        ("theme", theme),
        ("place", place),
        ("event_type", [event_type_option(v) or v for v in event_type or ()] or None),
    ]
    series = [Series(kind, value) for kind, values in given for value in values or ()]
    with open_store(db) as conn:
        result = run_trends(conn, series, by=by.value, since=since, until=until)
    if fmt is TrendsFormat.csv:
        sys.stdout.write(trends_csv(result))
        return
    if fmt is TrendsFormat.json:
        typer.echo(_json(result))
        return
    undated = result.undated
    table = Table(
        by.value,
        title=f"{result.since} to {result.until} (UTC)",
        caption=f"{counted(undated, 'undated article')} in the store, in no {by.value}"
        if undated
        else None,
    )
    for s in result.series:
        name = escape(s.label) + ("" if s.matched else " (not in the store)")
        table.add_column(f"{name}\narticles", justify="right")
        table.add_column("tone", justify="right")
        table.add_column("events", justify="right")
    for i, window in enumerate(result.windows):
        cells = [window]
        for s in result.series:
            p = s.points[i]
            cells += [str(p.articles), _number(p.tone), str(p.events)]
        table.add_row(*cells)
    Console(soft_wrap=False).print(table)


@app.command()
def rising(
    db: DbOption = Path(DEFAULT_DB),
    kind: Annotated[
        RisingKind,
        typer.Option(help="Entities, themes, places, entity pairs or CAMEO-coded pairs."),
    ] = RisingKind.entity,
    by: Annotated[By, typer.Option(help="Window: day or hour.")] = By.day,
    until: Annotated[
        str | None,
        typer.Option(help="The latest window ends here (default: at the newest article)."),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    min_count: Annotated[
        int, typer.Option("--min-count", min=1, help="Fewest articles in the latest window.")
    ] = 3,
    fmt: Annotated[RisingFormat, typer.Option("--format", "-f")] = RisingFormat.table,
) -> None:
    """What is named in unusually many articles in the latest day (or hour).

    Score: (count in the latest window - mean of the 28 before) / max(std, sqrt(mean), 1);
    listed from 2.0, with at least --min-count articles in the latest window.
    """
    from newsgraph.store.trends import rising as run_rising

    with open_store(db) as conn:
        result = run_rising(
            conn,
            kind=kind.value,
            by=by.value,
            until=until,
            limit=limit,
            min_count=min_count,
        )
    if fmt is RisingFormat.json:
        typer.echo(_json(result))
        return
    table = Table(
        kind.value,
        "articles",
        "usual",
        "score",
        "key",
        title=f"rising: the {by.value} to {result.end[:16]} vs the {result.baseline} before",
    )
    for item in result.items:
        table.add_row(
            escape(item.label),
            str(item.latest),
            f"{item.mean:.1f} ± {item.std:.1f}",
            f"{item.score:.1f}",
            escape(item.key),
        )
    Console(soft_wrap=False).print(table)
    if not result.items:
        typer.echo("nothing rising", err=True)


def _write(out: Path, data: bytes) -> None:
    """Write `out`, or say in one line why it cannot be written (exit status 2, as `export`)."""
    from newsgraph.errors import E_EXPORT, StoreError

    try:
        out.write_bytes(data)
    except OSError as e:
        error = StoreError(f"cannot write ({e.strerror or e})", origin=str(out), code=E_EXPORT)
        typer.echo(f"error: {error.one_line()}", err=True)
        raise typer.Exit(2) from e


@app.command()
def network(
    db: DbOption = Path(DEFAULT_DB),
    query: Annotated[
        str, typer.Option("--query", "-q", help='Search words (as `search`); "" for all.')
    ] = "",
    since: Since = None,
    until: Until = None,
    actors: Annotated[
        Actors, typer.Option(help="Nodes: entities, or CAMEO actor codes (e.g. USAGOV).")
    ] = Actors.entity,
    limit: Annotated[int, typer.Option(min=1, help="Most edges (the busiest kept).")] = 500,
    fmt: Annotated[NetworkFormat, typer.Option("--format", "-f")] = NetworkFormat.table,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="File (default: stdout).")] = None,
) -> None:
    """The actors linked by events in the matching articles: edges by event type and quad
    class with their mean Goldstein score, as a table, JSON, GraphML or GEXF (for Gephi)."""
    from newsgraph.store.trends import network as run_network
    from newsgraph.store.trends import network_document

    if out is not None and fmt is NetworkFormat.table:
        raise usage_error(
            "--out", "the table is printed, not written: give --format json, graphml or gexf"
        )
    with open_store(db) as conn:
        result = run_network(
            conn,
            query=query,
            since=since,
            until=until,
            actors=actors.value,
            limit=limit,
        )
    if fmt is NetworkFormat.graphml or fmt is NetworkFormat.gexf:
        data = network_document(result, "graphml" if fmt is NetworkFormat.graphml else "gexf")
    elif fmt is NetworkFormat.json:
        data = (_json(result) + "\n").encode()
    else:
        _network_table(result)
        return
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        _write(out, data)
        typer.echo(
            f"wrote {counted(len(result.nodes), 'actor')} and "
            f"{counted(len(result.edges), 'link')} to {out}",
            err=True,
        )


def _network_table(result: Any) -> None:
    names = {n.id: n.label for n in result.nodes}
    table = Table(
        "actor",
        "recipient",
        "event",
        "quad",
        "events",
        "articles",
        "goldstein",
        title=f"{counted(len(result.nodes), 'actor')}, {counted(len(result.edges), 'link')}, "
        f"{counted(result.articles, 'article')}" + (" (busiest links)" if result.truncated else ""),
    )
    for e in result.edges:
        table.add_row(
            escape(names.get(e.source, e.source)),
            escape(names.get(e.target, e.target)),
            escape(e.type),
            str(e.quad_class),
            str(e.events),
            str(e.articles),
            _number(e.goldstein, 1),
        )
    Console(soft_wrap=False).print(table)
