"""`newsgraph serve`: the analyst's web UI and JSON API over a corpus store."""

from __future__ import annotations

from errno import EADDRINUSE
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli import app
from newsgraph.errors import NewsgraphError, StoreError
from newsgraph.store.db import DEFAULT_DB


@app.command()
def serve(
    db: Annotated[Path, typer.Option("--db", help="The corpus store (an SQLite file).")] = Path(
        DEFAULT_DB
    ),
    host: Annotated[str, typer.Option(help="Address to bind (loopback by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8080,
    workers: Annotated[
        int,
        typer.Option(
            min=1, max=64, help="Server processes (one per core serves more users at once)."
        ),
    ] = 1,
) -> None:
    """Serve the web UI and JSON API (read-only) over the corpus store."""
    try:
        from newsgraph.web.app import is_loopback
        from newsgraph.web.app import serve as run_server
    except ImportError as e:
        typer.echo(
            f"error: the web UI needs the `web` extra: pip install 'newsgraph[web]' ({e})",
            err=True,
        )
        raise typer.Exit(1) from e
    from newsgraph.store.db import open_readonly

    try:  # a missing file, or one that is no store (an image, a newer store): told before the
        # server says where it listens
        open_readonly(db).close()
    except StoreError as e:
        typer.echo(f"error: {e.one_line()}", err=True)
        raise typer.Exit(1) from e
    try:
        check_port(host, port)
    except NewsgraphError as e:
        typer.echo(f"error: {e.one_line()}", err=True)
        raise typer.Exit(2) from e
    if not is_loopback(host):
        typer.echo(
            f"warning: binding to {host}, a non-loopback address: anyone who can reach it can "
            "read the corpus",
            err=True,
        )
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"newsgraph UI at http://{shown}:{port}/ (Ctrl+C to stop)", err=True)
    try:
        run_server(db, host, port, workers=workers)
    except NewsgraphError as e:
        typer.echo(f"error: {e.one_line()}", err=True)
        raise typer.Exit(1) from e


def check_port(host: str, port: int) -> None:
    """Refuse, in one line, an address this process cannot listen on (a port in use, an
    address not of this machine), before the server starts and says where it listens."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except OSError as e:
        raise NewsgraphError(f"cannot listen on {host}: {e.strerror or e}", origin="--host") from e
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
        try:
            probe.bind(address)
        except OSError as e:
            why = "already in use (choose another --port)" if e.errno == EADDRINUSE else e.strerror
            raise NewsgraphError(f"cannot listen on port {port}: {why}", origin=host) from e
