"""`newsgraph extract`: read inputs, clean, analyse, write one record per article."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from newsgraph.cli import app, cli_settings, cli_sources, require_model

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
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="jsonl: one record a line; json: one article as an object, several as an "
            "array; text: the cleaned text, a line of = between articles.",
        ),
    ] = Format.jsonl,
    no_nlp: Annotated[
        bool, typer.Option("--no-nlp", help="Clean only; skip the analysis stages.")
    ] = False,
) -> None:
    """Extract articles from each SOURCE and write one record per article to stdout.

    Formats are detected: plain-text dumps, HTML, WARC, JSON Lines, RSS/Atom, gzip of any of
    them; directories are read recursively. A bad input is reported on stderr in one line and
    the others are still written. A SOURCE that is neither a URL nor - (stdin) is a path.
    Exit status: 0 all read, 1 some inputs failed, 2 usage error (a spaCy model that is not
    installed included).
    """
    from newsgraph.api import analyze_articles, read_articles
    from newsgraph.errors import NewsgraphError

    settings = cli_settings(ctx)
    failed = 0

    def cleaned() -> Iterator[Article]:
        nonlocal failed
        for item in read_articles(cli_sources(sources), settings=settings):
            if isinstance(item, NewsgraphError):
                failed += 1
                typer.echo(f"error: {item.one_line()}", err=True)
            else:
                yield item

    if not no_nlp:  # a model that is not installed: told before any input is read
        require_model(settings)
    try:  # the pipeline is built here: an unknown stage or a refused order is a usage error,
        # told before any input is read
        articles = cleaned() if no_nlp else analyze_articles(cleaned(), settings=settings)
    except NewsgraphError as e:
        typer.echo(f"error: {e.one_line()}", err=True)
        raise typer.Exit(2) from e
    _write(articles, fmt)
    raise typer.Exit(1 if failed else 0)


TEXT_SEPARATOR = "=" * 72
"""The line between two articles of `--format text`."""


def _write(articles: Iterator[Article], fmt: Format) -> None:
    """jsonl: one record a line. json: one article as an object, several as an array (valid
    JSON either way). text: the cleaned texts, a line of `=` between two articles."""
    first = next(articles, None)
    if first is None:
        return
    if fmt is Format.jsonl:
        typer.echo(first.to_json())
        for article in articles:
            typer.echo(article.to_json())
    elif fmt is Format.text:
        typer.echo(first.text)
        for article in articles:
            typer.echo(f"\n{TEXT_SEPARATOR}\n")
            typer.echo(article.text)
    else:
        second = next(articles, None)
        if second is None:
            typer.echo(first.to_json(indent=2))
            return
        typer.echo("[")
        typer.echo(first.to_json(indent=2), nl=False)
        for article in itertools.chain([second], articles):
            typer.echo(",")
            typer.echo(article.to_json(indent=2), nl=False)
        typer.echo("\n]")
