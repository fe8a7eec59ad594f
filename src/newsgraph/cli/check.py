"""`newsgraph check`: verify a corpus store (integrity, search index, duplicates, orphan facts).

Exit 0 when the store is sound, 1 when a problem is found (each printed on one line) or the store
cannot be opened.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli import app
from newsgraph.errors import NewsgraphError
from newsgraph.store.db import DEFAULT_DB
from newsgraph.words import counted


class CheckFormat(StrEnum):
    table = "table"
    json = "json"


@app.command()
def check(
    db: Annotated[Path, typer.Option("--db", help="The corpus store (an SQLite file).")] = Path(
        DEFAULT_DB
    ),
    fmt: Annotated[CheckFormat, typer.Option("--format", help="table or json.")] = (
        CheckFormat.table
    ),
) -> None:
    """Check the store: SQLite integrity, search index, duplicates, orphan facts, schema."""
    from newsgraph.store.check import check as run_check
    from newsgraph.store.check import open_for_check

    try:
        conn = open_for_check(db)
    except NewsgraphError as e:
        typer.echo(f"error: {e.one_line()}", err=True)
        raise typer.Exit(1) from e
    try:
        report = run_check(conn, path=db)
    finally:
        conn.close()
    if fmt is CheckFormat.json:
        typer.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        for line in report.lines():
            typer.echo(line)
        for note in report.notes:
            typer.echo(f"note: {note}")
        n = len(report.problems)
        verdict = "ok" if report.ok else counted(n, "problem")
        articles = (  # a damaged file's articles are not counted: "0 articles" would mislead
            counted(report.articles, "article")
            if "fts" in report.checks
            else "articles not counted"
        )
        typer.echo(  # the report is the output (`newsgraph check > report.txt`); errors: stderr
            f"{db}: {verdict} ({articles}, "
            f"schema {report.schema_version}; "
            f"checked {', '.join(report.checks)})"
        )
    raise typer.Exit(0 if report.ok else 1)
