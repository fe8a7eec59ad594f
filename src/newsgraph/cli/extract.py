"""`newsgraph extract`: read inputs, clean, analyse, write one record per article."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from newsgraph.cli import app, cli_settings

if TYPE_CHECKING:  # the record's module builds pydantic models: imported when a command runs
    from newsgraph.model import Article


class Format(StrEnum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


@app.command()
def extract(
    ctx: typer.Context,
    sources: Annotated[
        list[str],
        typer.Argument(help="Files, directories, URLs, or - for stdin.", metavar="SOURCE..."),
    ],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.jsonl,
    no_nlp: Annotated[
        bool, typer.Option("--no-nlp", help="Clean only; skip the analysis stages.")
    ] = False,
) -> None:
    """Extract articles from each SOURCE and write one record per article to stdout.

    Formats are detected: plain-text dumps, HTML, WARC, JSON Lines, RSS/Atom, gzip of any of
    them; directories are read recursively. A bad input is reported on stderr in one line and
    the others are still written. Exit status: 0 all read, 1 some inputs failed, 2 usage error.
    """
    from newsgraph.api import analyze_articles, read_articles
    from newsgraph.errors import NewsgraphError

    settings = cli_settings(ctx)
    failed = 0

    def cleaned() -> Iterator[Article]:
        nonlocal failed
        for item in read_articles(sources, settings=settings):
            if isinstance(item, NewsgraphError):
                failed += 1
                typer.echo(f"error: {item.one_line()}", err=True)
            else:
                yield item

    try:  # the pipeline is built here: an unknown stage or a refused order is a usage error
        articles = cleaned() if no_nlp else analyze_articles(cleaned(), settings=settings)
    except NewsgraphError as e:
        typer.echo(f"error: {e.one_line()}", err=True)
        raise typer.Exit(2) from e
    for article in articles:
        if fmt is Format.text:
            typer.echo(article.text + "\n")
        else:
            typer.echo(article.to_json(indent=2 if fmt is Format.json else None))
    raise typer.Exit(1 if failed else 0)
