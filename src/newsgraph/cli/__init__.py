"""The `newsgraph` command line: thin commands over the library API.

Each command module registers itself on `app`; the logic lives in the library. Settings come
from, weakest first: the defaults, the environment (`NEWSGRAPH_*`), the TOML file of the global
`--config` option (keys: the field names of `newsgraph.Settings`), then a command's own options.
A command that analyses gets them from `cli_settings()` and hands them down as one `Settings`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from newsgraph.settings import Settings

app = typer.Typer(
    name="newsgraph",
    help="Turn news into structured, searchable knowledge.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


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
    from newsgraph.settings import Settings

    values = ctx.find_root().obj or {}
    try:
        return Settings(**{**values, **explicit})
    except ValueError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e


from newsgraph.cli import alert as _alert  # noqa: E402,F401
from newsgraph.cli import check as _check  # noqa: E402,F401  (registers commands)
from newsgraph.cli import corpus as _corpus  # noqa: E402,F401
from newsgraph.cli import extract as _extract  # noqa: E402,F401
from newsgraph.cli import serve as _serve  # noqa: E402,F401
from newsgraph.cli import trends as _trends  # noqa: E402,F401
from newsgraph.cli import watch as _watch  # noqa: E402,F401


def main() -> None:
    app()
