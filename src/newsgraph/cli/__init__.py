"""The `newsgraph` command line: thin commands over the library API.

Each command module registers itself on `app`; the logic lives in the library.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="newsgraph",
    help="Turn news into structured, searchable knowledge.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _root() -> None:
    """Turn news into structured, searchable knowledge."""


from newsgraph.cli import check as _check  # noqa: E402,F401  (registers commands)
from newsgraph.cli import corpus as _corpus  # noqa: E402,F401
from newsgraph.cli import extract as _extract  # noqa: E402,F401
from newsgraph.cli import serve as _serve  # noqa: E402,F401


def main() -> None:
    app()
