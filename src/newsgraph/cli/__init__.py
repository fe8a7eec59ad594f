"""The `newsgraph` command line: thin commands over the library API.

Each command module registers itself on `app`; the logic lives in the library. Settings come
from, weakest first: the defaults, the environment (`NEWSGRAPH_*`), the TOML file of the global
`--config` option (keys: the field names of `newsgraph.Settings`), then a command's own options.
A command that analyses gets them from `cli_settings()` and hands them down as one `Settings`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from newsgraph.errors import NewsgraphError
    from newsgraph.settings import Settings

app = typer.Typer(
    name="newsgraph",
    help="Turn news into structured, searchable knowledge.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _print_version(wanted: bool) -> None:
    if wanted:
        from importlib import metadata

        try:
            found = metadata.version("newsgraph")
        except metadata.PackageNotFoundError:  # run from a source tree that is not installed
            found = "(not installed)"
        typer.echo(f"newsgraph {found}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            metavar="FILE",
            help="Settings from a TOML file (keys: the fields of newsgraph.Settings, e.g. "
            'spacy_model = "en_core_web_md", stages = ["entities", "dates"]). The file beats '
            "the environment (NEWSGRAPH_*); a command's own options beat the file.",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_print_version, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Turn news into structured, searchable knowledge."""
    from newsgraph.errors import NewsgraphError
    from newsgraph.settings import read_config

    values: dict[str, Any] = {}
    if config is not None:
        try:
            values = read_config(config)
        except NewsgraphError as e:
            typer.echo(f"error: {e.one_line()}", err=True)
            raise typer.Exit(2) from e
    ctx.obj = values


def cli_settings(ctx: typer.Context, **explicit: Any) -> Settings:
    """The settings of this run: environment < `--config` file < `explicit` (a command's
    options). A bad environment value is one line on stderr and exit status 2."""
    from newsgraph.errors import NewsgraphError
    from newsgraph.settings import Settings

    values = ctx.find_root().obj or {}
    try:
        return Settings(**{**values, **explicit})
    except NewsgraphError as e:
        typer.echo(f"error: {e.one_line()}", err=True)
        raise typer.Exit(2) from e
    except ValueError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e


def require_model(settings: Settings) -> None:
    """Refuse, before any input is read or worker started, a spaCy model that is not
    installed: one line (`E_MODEL_MISSING`) with the command that installs it, exit 2."""
    from newsgraph.errors import StageFailure
    from newsgraph.nlp.spacy_model import check_model

    try:
        check_model(settings.spacy_model)
    except StageFailure as e:  # check_model refuses nothing else
        typer.echo(f"error: {e.one_line()}", err=True)
        raise typer.Exit(2) from e


@contextmanager
def open_store(db: Path) -> Iterator[Any]:
    """The corpus store, opened for a command's reads and writes: a store that cannot be opened
    exits 1, a bad value (E_QUERY) exits 2, each with one line on stderr."""
    from newsgraph.errors import E_QUERY, NewsgraphError
    from newsgraph.store.db import DatabaseError, connect

    try:
        conn = connect(db, create=False)
    except NewsgraphError as e:
        typer.echo(f"error: {e.one_line()}", err=True)
        raise typer.Exit(1) from e
    try:
        yield conn
    except NewsgraphError as e:
        typer.echo(f"error: {e.one_line()}", err=True)
        raise typer.Exit(2 if e.code == E_QUERY else 1) from e
    except DatabaseError as e:
        typer.echo(f"error: {damaged_store(db, e).one_line()}", err=True)
        raise typer.Exit(1) from e
    finally:
        conn.close()


def damaged_store(db: Path, error: Exception) -> NewsgraphError:
    """The one-line error for a store that opened but fails when read (a damaged file, a disk
    error): SQLite's words and the command that says what is wrong."""
    from newsgraph.errors import E_STORE_OPEN, StoreError

    return StoreError(
        f"the store cannot be read ({error}): `newsgraph check --db {db}` says what is wrong",
        origin=str(db),
        code=E_STORE_OPEN,
    )


def cli_sources(sources: list[str]) -> list[str | Path]:
    """The command line's SOURCE arguments as the library reads them: an http(s) URL and `-`
    (standard input) stay strings, anything else is a path, so a mistyped file name is
    reported as missing rather than read as the text of an article (the API reads a plain
    string as text)."""
    from newsgraph.ingest.formats import is_url
    from newsgraph.ingest.sources import STDIN

    return [s if s == STDIN or is_url(s) else Path(s) for s in sources]


def usage_error(option: str, message: str, code: str | None = None) -> typer.Exit:
    """A usage error: one line on stderr that names the option and ends with its code
    (`E_USAGE` unless `code` says otherwise), and exit status 2 (raise what this returns)."""
    from newsgraph.errors import E_USAGE, NewsgraphError

    error = NewsgraphError(message, origin=option, code=code or E_USAGE)
    typer.echo(f"error: {error.one_line()}", err=True)
    return typer.Exit(2)


# The publication-time filters of `search` and `alert add`, read by the library's one check.
SinceOption = Annotated[
    str | None,
    typer.Option(help="Published on or after this date or UTC time (YYYY-MM-DD[THH:MM])."),
]
UntilOption = Annotated[
    str | None,
    typer.Option(help="Published on or before this date (the whole day) or UTC time."),
]


def event_type_option(value: str | None) -> str | None:
    """An `--event-type` value as the store holds it (a PLOVER type, upper-case), or None; an
    unknown type is a usage error (exit status 2) that lists the known ones."""
    if value is None or not value.strip():
        return None
    from newsgraph.errors import E_QUERY, NewsgraphError, one_of
    from newsgraph.nlp.events import PLOVER_ORDER

    try:
        return one_of("event type", value, PLOVER_ORDER, code=E_QUERY)
    except NewsgraphError as e:
        raise usage_error("--event-type", e.message, e.code) from e


from newsgraph.cli import alert as _alert  # noqa: E402,F401
from newsgraph.cli import check as _check  # noqa: E402,F401  (registers commands)
from newsgraph.cli import corpus as _corpus  # noqa: E402,F401
from newsgraph.cli import extract as _extract  # noqa: E402,F401
from newsgraph.cli import serve as _serve  # noqa: E402,F401
from newsgraph.cli import trends as _trends  # noqa: E402,F401
from newsgraph.cli import watch as _watch  # noqa: E402,F401


def main() -> None:
    """The `newsgraph` command. A reader that stops early (`newsgraph export | head`) is not
    an error: the command ends quietly with status 0."""
    from newsgraph.store.db import DatabaseError

    try:
        app()
    except SystemExit as e:
        if e.code != 0 and _stdout_closed():
            raise SystemExit(0) from None
        raise
    except DatabaseError as e:  # a damaged store met by a command with no handler of its own
        typer.echo(f"error: {damaged_store(Path(_db_argument(sys.argv)), e).one_line()}", err=True)
        raise SystemExit(1) from None


def _db_argument(argv: list[str]) -> str:
    """The `--db` value of a command line (the default store when none is given)."""
    from newsgraph.store.db import DEFAULT_DB

    for i, arg in enumerate(argv):
        if arg == "--db" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--db="):
            return arg.removeprefix("--db=")
    return DEFAULT_DB


def _stdout_closed() -> bool:
    """Whether standard output's reader went away (Click then swaps in a wrapper that ignores
    the broken pipe); the descriptor is pointed at /dev/null so the last flush stays quiet."""
    if type(sys.stdout).__name__ != "PacifyFlushWrapper":
        return False
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.__stdout__.fileno() if sys.__stdout__ else 1)
        os.close(null)
    except OSError:
        pass
    return True
