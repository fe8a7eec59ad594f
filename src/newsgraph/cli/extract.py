"""`newsgraph extract`: read inputs, clean, analyse, write one record per article."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli import app


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


@app.command()
def extract(
    sources: Annotated[list[str], typer.Argument(help="Files, directories, URLs, or - for stdin.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.jsonl,
    no_nlp: Annotated[bool, typer.Option("--no-nlp", help="Clean only; skip the analysis stages.")] = False,
) -> None:
    """Extract articles from SOURCES and write one record per article to stdout."""
    from newsgraph.api import analyze_articles, clean_document, read_documents
    from newsgraph.errors import InputError

    failed = 0

    def cleaned():
        nonlocal failed
        for source in sources:
            src: str | bytes | Path = sys.stdin.buffer.read() if source == "-" else source
            for item in read_documents(src if source == "-" else Path(source) if Path(source).exists() else source):
                if isinstance(item, InputError):
                    failed += 1
                    typer.echo(f"error: {item.one_line()}", err=True)
                    continue
                yield clean_document(item)

    articles = cleaned() if no_nlp else analyze_articles(cleaned())
    for article in articles:
        if fmt is Format.text:
            typer.echo(article.text + "\n")
        else:
            typer.echo(article.to_json(indent=2 if fmt is Format.json else None))
    raise typer.Exit(1 if failed else 0)
