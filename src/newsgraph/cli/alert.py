"""`newsgraph alert add|list|rm|matches`: saved searches run over every stored batch.

Thin shells over `newsgraph.store.alerts`; the ingest job (`ingest` and `watch`) runs the alerts
and delivers their matches (`newsgraph.alerts`). Exit status: 0 done; 1 the store refused (no
store, no such alert, a name taken); 2 a usage error or a query that cannot be read (`E_QUERY`); one
line on stderr each.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shlex
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlsplit

import typer

from newsgraph.cli import (
    SinceOption,
    UntilOption,
    damaged_store,
    event_type_option,
    usage_error,
)
from newsgraph.cli import app as root
from newsgraph.errors import E_QUERY, NewsgraphError
from newsgraph.store.db import DEFAULT_DB
from newsgraph.words import counted

if TYPE_CHECKING:
    from newsgraph.store.alerts import Alert, AlertMatch, Outputs

app = typer.Typer(  # the `alert` group: `@app.…` is what `make lint` knows as a command
    name="alert",
    help="Saved searches run over every stored batch (ingest, watch); matches go to a JSON "
    "Lines file, a command or a webhook.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
root.add_typer(app)

DbOption = Annotated[Path, typer.Option("--db", help="The corpus store (an SQLite file).")]


def _refused(e: NewsgraphError) -> typer.Exit:
    typer.echo(f"error: {e.one_line()}", err=True)
    return typer.Exit(2 if e.code == E_QUERY else 1)


def _check_program(program: str) -> None:
    """A usage error unless `program` names an executable file: a path, or a name on PATH. The
    watch that runs the alert later inherits this shell's PATH, so a name found now is found
    then (a cron job's PATH may be shorter: give a path there)."""
    if shutil.which(program) is not None:
        return
    if os.sep in program or (os.altsep and os.altsep in program):
        problem = "is not an executable file" if Path(program).exists() else "does not exist"
        raise usage_error("--command", f"{program!r} {problem}")
    raise usage_error("--command", f"no program {program!r} on PATH: give its path, or use --shell")


def _outputs(
    jsonl: Path | None, command: str | None, shell: str | None, webhook: str | None
) -> Outputs:
    """The outputs of the options, checked: one command at most, an http(s) webhook URL."""
    from newsgraph.store.alerts import Outputs

    if command is not None and shell is not None:
        raise usage_error("--command", "give --command or --shell, not both")
    argv: tuple[str, ...] | None = None
    if command is not None:
        try:
            argv = tuple(shlex.split(command))
        except ValueError as e:
            raise usage_error("--command", str(e)) from e
        if not argv:
            raise usage_error("--command", "no command given")
        _check_program(argv[0])
    if webhook is not None:
        _check_webhook(webhook)
    if shell is not None and not shell.strip():
        raise usage_error("--shell", "no command given")
    if jsonl is not None and jsonl.expanduser().is_dir():
        raise usage_error(
            "--jsonl",
            f"{str(jsonl)!r} is a folder: give the file to append to, e.g. "
            f"{jsonl / 'matches.jsonl'}",
        )
    if jsonl is not None and not jsonl.expanduser().resolve().parent.is_dir():
        folder = jsonl.expanduser().resolve().parent
        raise usage_error(
            "--jsonl", f"no folder {str(folder)!r} to write {jsonl.name!r} in: create it first"
        )
    return Outputs(
        jsonl=str(jsonl.expanduser().resolve()) if jsonl is not None else None,
        command=argv,
        shell=shell,
        webhook=webhook.strip() if webhook is not None else None,
    )


def _check_webhook(webhook: str) -> None:
    """A usage error unless `webhook` is an http:// or https:// URL with a host (a URL typed
    without its scheme is told how to write it, as `ingest` tells it)."""
    from newsgraph.ingest.formats import scheme_missing

    try:
        parts = urlsplit(webhook.strip())
        ok = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:  # an unbalanced [ in the host
        ok = False
    if ok:
        return
    typed = scheme_missing(webhook.strip())
    hint = f"; a URL needs its scheme: {typed}" if typed else ""
    raise usage_error(
        "--webhook",
        f"{webhook!r} is not a webhook URL: it must start with http:// or https:// and name a "
        f"host, e.g. https://hooks.example.org/news{hint}",
    )


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="A name for the alert (unique in the store).")],
    query: Annotated[
        str, typer.Argument(help='A search query, as `newsgraph search` reads it; "" for none.')
    ],
    db: DbOption = Path(DEFAULT_DB),
    entity: Annotated[
        str | None, typer.Option(help="Naming this entity (name, alias, id).")
    ] = None,
    place: Annotated[str | None, typer.Option(help="At this place (name or country code).")] = None,
    theme: Annotated[str | None, typer.Option(help="With this theme.")] = None,
    event_type: Annotated[
        str | None,
        typer.Option("--event-type", help="With an event of this type (PROTEST, ASSAULT …)."),
    ] = None,
    actor_country: Annotated[
        str | None,
        typer.Option("--actor-country", help="An event's actor from this country (RUS, USA …)."),
    ] = None,
    recipient_country: Annotated[
        str | None,
        typer.Option("--recipient-country", help="An event's recipient from this country."),
    ] = None,
    source: Annotated[str | None, typer.Option(help="The site (example.org).")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    jsonl: Annotated[
        Path | None, typer.Option("--jsonl", metavar="FILE", help="Append each match here.")
    ] = None,
    command: Annotated[
        str | None,
        typer.Option(
            "--command",
            metavar="CMD",
            help="Run CMD with the match (JSON) on stdin; split like a shell line, run "
            "without a shell.",
        ),
    ] = None,
    shell: Annotated[
        str | None,
        typer.Option("--shell", metavar="CMD", help="Like --command, run by /bin/sh -c."),
    ] = None,
    webhook: Annotated[
        str | None,
        typer.Option("--webhook", metavar="URL", help="POST each match (JSON) to URL."),
    ] = None,
) -> None:
    """Save a search that runs over every batch stored from now on (by ingest or watch).

    Each article it matches is recorded once and sent to the outputs given (none: recorded
    only, see `alert matches`): appended to a JSON Lines file, on the stdin of a command (10 s
    to finish), POSTed to a webhook (retried 3 times). A failed delivery never stops the
    ingest: the match waits, with its error, for a later batch.
    """
    from newsgraph.store.alerts import AlertFilters, add_alert
    from newsgraph.store.db import connect

    filters = AlertFilters(
        entity=entity or None,
        place=place or None,
        theme=theme or None,
        event_type=event_type_option(event_type),
        actor_country=_country("--actor-country", actor_country),
        recipient_country=_country("--recipient-country", recipient_country),
        source=source or None,
        since=_day("--since", since),
        until=_day("--until", until),
    )
    outputs = _outputs(jsonl, command, shell, webhook)
    try:
        conn = connect(db)
        try:
            alert = add_alert(
                conn, name, query, filters, outputs, now=datetime.now(UTC).isoformat()
            )
        finally:
            conn.close()
    except NewsgraphError as e:
        raise _refused(e) from e
    typer.echo(f"alert {alert.name!r} added: {_describe(alert)}", err=True)


def _country(option: str, value: str | None) -> str | None:
    """A country option as events hold it (a three-letter CAMEO code, upper-case), or None;
    anything else would match no event, silently: a usage error."""
    if value is None or not value.strip():
        return None
    code = value.strip()
    if len(code) != 3 or not code.isascii() or not code.isalpha():
        raise usage_error(
            option, f"{value!r} is not a three-letter CAMEO country code (RUS, USA, GBR …)"
        )
    return code.upper()


def _day(option: str, value: str | None) -> str | None:
    """A `--since`/`--until` date or UTC time, checked as `search` and `trends` check it."""
    from newsgraph.store.search import check_dates

    if not value:
        return None
    try:
        check_dates(value, None)
    except NewsgraphError as e:
        message = e.message.replace("since: ", "", 1)
        raise usage_error(option, message, e.code) from e
    return value.strip()


def _describe(alert: Alert) -> str:
    what = [f"query {alert.query!r}"] if alert.query else []
    what += [f"{k}={v}" for k, v in alert.filters.active().items()]
    outputs = ", ".join(alert.outputs.names()) or "recorded only"
    return f"{' '.join(what)} -> {outputs}"


def _plain(alert: Alert) -> dict[str, Any]:
    out = dataclasses.asdict(alert)
    out["filters"] = alert.filters.active()
    out["outputs"] = {k: v for k, v in out["outputs"].items() if v is not None}
    return out


@app.command("list")
def list_(
    db: DbOption = Path(DEFAULT_DB),
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of lines.")] = False,
) -> None:
    """The alerts, by name: matches (undelivered), query, filters and outputs."""
    from newsgraph.store.alerts import list_alerts
    from newsgraph.store.db import DatabaseError, open_readonly

    try:
        conn = open_readonly(db)
    except NewsgraphError as e:
        raise _refused(e) from e
    try:
        alerts = list_alerts(conn)
    except DatabaseError as e:
        raise _refused(damaged_store(db, e)) from e
    finally:
        conn.close()
    if as_json:
        typer.echo(json.dumps([_plain(a) for a in alerts], indent=2, ensure_ascii=False))
        return
    if not alerts:
        typer.echo("no alerts (`newsgraph alert add NAME QUERY` saves one)", err=True)
    for a in alerts:
        waiting = f", {a.undelivered} undelivered" if a.undelivered else ""
        typer.echo(f"{a.name}\t{counted(a.matches, 'match')}{waiting}\t{_describe(a)}")


@app.command("rm")
def rm(
    name: Annotated[str, typer.Argument(help="The alert to delete, with its matches.")],
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Delete an alert and the matches it recorded."""
    from newsgraph.store.alerts import remove_alert
    from newsgraph.store.db import connect

    try:
        conn = connect(db, create=False)
        try:
            removed = remove_alert(conn, name)
        finally:
            conn.close()
    except NewsgraphError as e:
        raise _refused(e) from e
    typer.echo(f"alert {name!r} removed with its {counted(removed, 'match')}", err=True)


def _match_line(m: AlertMatch) -> str:
    tries = f"{counted(m.attempts, 'try')}: {m.last_error}"
    state = "delivered" if m.delivered else f"waiting ({tries if m.attempts else 'not tried yet'})"
    return "\t".join([m.matched_at[:19], m.alert, m.article_id, state, m.title or "", m.url or ""])


@app.command("matches")
def matches(
    name: Annotated[str | None, typer.Argument(help="One alert's matches (default: all).")] = None,
    db: DbOption = Path(DEFAULT_DB),
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 20,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of lines.")] = False,
) -> None:
    """Recorded matches, newest first: when, alert, article, delivery, title, URL."""
    from newsgraph.store.alerts import list_matches
    from newsgraph.store.db import DatabaseError, open_readonly

    try:
        conn = open_readonly(db)
        try:
            page = list_matches(conn, alert=name, limit=limit, offset=offset)
        finally:
            conn.close()
    except NewsgraphError as e:
        raise _refused(e) from e
    except DatabaseError as e:
        raise _refused(damaged_store(db, e)) from e
    if as_json:
        body = {
            "total": page.total,
            "limit": limit,
            "offset": offset,
            "matches": [dataclasses.asdict(m) for m in page.matches],
        }
        typer.echo(json.dumps(body, indent=2, ensure_ascii=False))
        return
    for m in page.matches:
        typer.echo(_match_line(m))
    shown = f"{offset + 1}-{offset + len(page.matches)} of " if page.matches else ""
    typer.echo(f"{shown}{counted(page.total, 'match')}", err=True)
