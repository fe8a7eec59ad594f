"""Alerts: saved searches and the articles each one matched (all their SQL).

An alert is a query and filters of the one search (`newsgraph.store.search`: the same query
language, read by `newsgraph.store.fts_query`, and the same filter SQL), and the outputs its
matches go to (`Outputs`; sending them is `newsgraph.alerts`). `record_matches` runs every alert
over the articles of one stored batch, plus those stored since the alert last ran (a job killed
between storing a batch and running its alerts leaves them behind): the FTS query and the
filters are restricted to those rowids, so the cost is the batch's, never the corpus's. Each
(alert, article) pair is recorded once (UNIQUE in the table), so an article seen again or a
batch written twice adds no second match. Event filters on the actor's or recipient's country
test one event row together with the event type (`newsgraph.store.events`' conditions): "a
protest by RUS", not "a protest, and some event with RUS".

Every value reaches SQL as a bound parameter. Times are ISO 8601 in UTC.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from newsgraph.errors import E_NOT_FOUND, E_QUERY, E_STORE, StoreError
from newsgraph.store.db import transaction
from newsgraph.store.events import EventFilters, event_conditions
from newsgraph.store.fts_query import MATCH_NOTHING, fts_match
from newsgraph.store.search import HIGHLIGHT, Filters, filter_sql, page_hits

__all__ = [
    "OUTPUT_NAMES",
    "Alert",
    "AlertFilters",
    "AlertMatch",
    "MatchPage",
    "Outputs",
    "Recorded",
    "add_alert",
    "check_query",
    "get_alert",
    "list_alerts",
    "list_matches",
    "pending_matches",
    "record_delivery",
    "record_matches",
    "remove_alert",
]

MAX_NAME = 100
OUTPUT_NAMES = ("jsonl", "command", "webhook")
"""The kinds of output an alert may have, one of each at most (a shell string is a command)."""


@dataclass(frozen=True, slots=True)
class AlertFilters:
    """The search filters of an alert; None means no restriction.

    `entity`, `place`, `theme`, `event_type`, `source`, `since` and `until` mean what they mean
    in `newsgraph.store.search.Filters`; `actor_country` and `recipient_country` (ISO 3166
    alpha-3, as events are coded) restrict to articles with an event whose side is from that
    country (and of `event_type`, when both are given).
    """

    entity: str | None = None
    place: str | None = None
    theme: str | None = None
    event_type: str | None = None
    actor_country: str | None = None
    recipient_country: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None

    def active(self) -> dict[str, str]:
        """The filters that restrict, by name (what the store keeps and the UI shows)."""
        return {f.name: v for f in fields(self) if (v := getattr(self, f.name))}


@dataclass(frozen=True, slots=True)
class Outputs:
    """Where an alert's matches go: a JSON Lines file, a command, a webhook URL.

    `command` is an argument vector run without a shell; `shell` a string run by `/bin/sh -c`
    (only when the user asked for a shell); at most one of the two.
    """

    jsonl: str | None = None
    command: tuple[str, ...] | None = None
    shell: str | None = None
    webhook: str | None = None

    def names(self) -> tuple[str, ...]:
        """The outputs set, among `OUTPUT_NAMES`."""
        present = {
            "jsonl": self.jsonl is not None,
            "command": self.command is not None or self.shell is not None,
            "webhook": self.webhook is not None,
        }
        return tuple(name for name in OUTPUT_NAMES if present[name])

    def to_json(self) -> str:
        return json.dumps({k: v for k, v in asdict(self).items() if v is not None})

    @classmethod
    def from_json(cls, text: str) -> Outputs:
        raw = json.loads(text or "{}")
        command = raw.get("command")
        return cls(
            jsonl=raw.get("jsonl"),
            command=tuple(command) if command is not None else None,
            shell=raw.get("shell"),
            webhook=raw.get("webhook"),
        )


@dataclass(frozen=True, slots=True)
class Alert:
    """A saved search with its outputs, and how many matches it has (and has not delivered)."""

    id: int
    name: str
    query: str
    filters: AlertFilters
    outputs: Outputs
    created: str
    last_checked: str | None
    matches: int = 0
    undelivered: int = 0


@dataclass(frozen=True, slots=True)
class AlertMatch:
    """One article an alert matched, with the article's headline fields and delivery state."""

    id: int
    alert_id: int
    alert: str
    article_id: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None
    duplicate_of: str | None
    matched_at: str
    snippet: str
    delivered: bool
    delivered_to: tuple[str, ...]
    attempts: int
    last_error: str | None


@dataclass(frozen=True, slots=True)
class MatchPage:
    """A page of matches, newest first, and how many there are in all."""

    total: int
    matches: list[AlertMatch]


def check_query(conn: sqlite3.Connection, query: str) -> None:
    """Raise `StoreError` (`E_QUERY`) unless `query` reads as a search query with a word in it.

    The translator catches syntax errors; the rest (what only FTS5 refuses) is found by
    running the expression against no row at all.
    """
    match = fts_match(query)
    if match == MATCH_NOTHING:
        raise StoreError(f"the query {query!r} has no word to search for", code=E_QUERY)
    if not match:
        return
    try:
        conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid = 0", (match,)
        ).fetchall()
    except sqlite3.OperationalError as e:
        raise StoreError(f"invalid search query {query!r}: {e}", code=E_QUERY) from e


def add_alert(
    conn: sqlite3.Connection,
    name: str,
    query: str,
    filters: AlertFilters,
    outputs: Outputs,
    *,
    now: str,
) -> Alert:
    """Save a new alert; it runs over the batches stored from now on.

    Refuses (StoreError) a blank or over-long name, a name already taken, a query that cannot
    be read (`E_QUERY`), and an alert with neither a query nor a filter (it would match everything).
    """
    name = name.strip()
    if not name or len(name) > MAX_NAME or any(not ch.isprintable() for ch in name):
        raise StoreError(
            f"an alert name is 1 to {MAX_NAME} printable characters, not {name!r}", code=E_STORE
        )
    query = query.strip()
    if not query and not filters.active():
        raise StoreError(
            "an alert needs a query or a filter (it would match every article)", code=E_QUERY
        )
    check_query(conn, query)
    if outputs.command is not None and outputs.shell is not None:
        raise StoreError("an alert runs one command: a command or a shell string", code=E_STORE)
    try:
        with transaction(conn):
            conn.execute(
                "INSERT INTO alerts (name, query, filters, outputs, created, checked_through) "
                "VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(rowid), 0) FROM articles))",
                (name, query, json.dumps(filters.active()), outputs.to_json(), now),
            )
    except sqlite3.IntegrityError as e:
        raise StoreError(
            f"an alert named {name!r} exists already (`newsgraph alert rm` it first)",
            code=E_STORE,
        ) from e
    return get_alert(conn, name)


def remove_alert(conn: sqlite3.Connection, name: str) -> int:
    """Delete the alert `name` and its matches; returns how many matches went with it."""
    alert = get_alert(conn, name)
    with transaction(conn):
        conn.execute("DELETE FROM alerts WHERE id = ?", (alert.id,))
    return alert.matches


CATCH_UP = 5000
"""Most articles one alert catches up on in one call (the rest wait for the next batch), so a
long-idle alert never turns one batch's check into a scan of the corpus."""


def _checked_through(conn: sqlite3.Connection, alert_id: int) -> int:
    """The newest article rowid the alert has run over (read apart from `Alert`, which a
    read-only store of an older version must still be able to list)."""
    row = conn.execute("SELECT checked_through FROM alerts WHERE id = ?", (alert_id,)).fetchone()
    return int(row[0]) if row else 0


def _has_tables(conn: sqlite3.Connection) -> bool:
    """Whether the store has the alert tables (a read-only store of an older version lacks
    them: it has no alerts, rather than an error)."""
    row = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'alert_matches'"
    ).fetchone()
    return bool(row[0])


_ALERT_COLUMNS = (
    "SELECT a.id, a.name, a.query, a.filters, a.outputs, a.created, a.last_checked, "
    "(SELECT count(*) FROM alert_matches m WHERE m.alert_id = a.id) AS matches, "
    "(SELECT count(*) FROM alert_matches m WHERE m.alert_id = a.id AND m.delivered = 0) "
    "AS undelivered FROM alerts a"
)


def _alert(row: sqlite3.Row) -> Alert:
    return Alert(
        id=int(row["id"]),
        name=str(row["name"]),
        query=str(row["query"]),
        filters=AlertFilters(**json.loads(row["filters"] or "{}")),
        outputs=Outputs.from_json(row["outputs"]),
        created=str(row["created"]),
        last_checked=row["last_checked"],
        matches=int(row["matches"]),
        undelivered=int(row["undelivered"]),
    )


def list_alerts(conn: sqlite3.Connection) -> list[Alert]:
    """Every alert, by name."""
    if not _has_tables(conn):
        return []
    return [_alert(r) for r in conn.execute(f"{_ALERT_COLUMNS} ORDER BY a.name")]


def get_alert(conn: sqlite3.Connection, name: str) -> Alert:
    """The alert `name`; StoreError (`E_NOT_FOUND`) if there is none."""
    row = (
        conn.execute(f"{_ALERT_COLUMNS} WHERE a.name = ?", (name,)).fetchone()
        if _has_tables(conn)
        else None
    )
    if row is None:
        raise StoreError(
            f"no alert named {name!r} (`newsgraph alert list` shows them)", code=E_NOT_FOUND
        )
    return _alert(row)


def _condition(alert: Alert) -> tuple[str, list[Any]]:
    """The WHERE conditions on articles `a` that the alert's filters make, with their values.

    The search's filter SQL, plus one condition on a single event row when a country of an
    event's side is asked for (the event type then joins that condition).
    """
    f = alert.filters
    by_event = f.actor_country is not None or f.recipient_country is not None
    where, args = filter_sql(
        Filters(
            entity=f.entity,
            place=f.place,
            theme=f.theme,
            event_type=None if by_event else f.event_type,
            since=f.since,
            until=f.until,
            source=f.source,
        ),
        "a.rowid",
        table="a",
    )
    if by_event:
        events = EventFilters(
            type=f.event_type,
            actor_country=f.actor_country,
            recipient_country=f.recipient_country,
        )
        conditions, values = event_conditions(events, "")
        where.append(
            "a.rowid IN (SELECT e.article_rowid FROM events e WHERE "
            + " AND ".join(conditions)
            + ")"
        )
        args += values
    return "".join(f" AND {w}" for w in where), args


def _matching(conn: sqlite3.Connection, alert: Alert, rowids: str) -> list[tuple[int, str]]:
    """(rowid, snippet) of the articles among `rowids` (a JSON list) that `alert` matches.

    The FTS5 expression is asked only for the batch's rowids (a lookup per rowid, not the
    query's whole match list), and the filters test only those rows.
    """
    match = fts_match(alert.query)
    conditions, args = _condition(alert)
    head: list[Any] = [rowids]
    if match:
        conditions = (
            " AND a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
            "AND rowid IN (SELECT value FROM json_each(?)))" + conditions
        )
        head += [match, rowids]
    found = conn.execute(
        "SELECT a.rowid FROM articles a WHERE a.rowid IN (SELECT value FROM json_each(?))"
        + conditions
        + " ORDER BY a.rowid",
        [*head, *args],
    ).fetchall()
    hits = page_hits(conn, match, [(int(r[0]), 0.0) for r in found], HIGHLIGHT)
    return [(int(r[0]), hit.snippet) for r, hit in zip(found, hits, strict=True)]


@dataclass(frozen=True, slots=True)
class Recorded:
    """What `record_matches` did: new matches, and the alerts that could not run (name, why)."""

    new: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


def record_matches(conn: sqlite3.Connection, article_ids: Sequence[str], *, now: str) -> Recorded:
    """Run every alert over the articles `article_ids` (just stored) and record new matches.

    Each alert also catches up on the articles stored since it last ran (its `checked_through`
    rowid, at most `CATCH_UP` of them a call): a job killed after a batch was committed but
    before its alerts ran leaves those articles to the next call, never unmatched.

    One transaction. A match already recorded (same alert, same article) is not recorded
    again. An alert whose query the store refuses is reported in `failed`, not raised: the
    other alerts still run. Alerts with no output are recorded as delivered.
    """
    if not _has_tables(conn):
        return Recorded()
    alerts = list_alerts(conn)
    if not alerts:
        return Recorded()
    failed: list[tuple[str, str]] = []
    new = 0
    with transaction(conn):
        batch = {
            int(r[0])
            for r in conn.execute(
                "SELECT rowid FROM articles WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(list(article_ids)),),
            )
        }
        for alert in alerts:
            through = _checked_through(conn, alert.id)
            behind = [
                int(r[0])
                for r in conn.execute(
                    "SELECT rowid FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?",
                    (through, CATCH_UP),
                )
            ]
            rowids = json.dumps(sorted(batch.union(behind)))
            try:
                found = _matching(conn, alert, rowids)
            except (sqlite3.OperationalError, StoreError) as e:
                failed.append((alert.name, str(e)))
                found = []  # a query the store refuses never matches: its backlog is not reread
            done = 0 if alert.outputs.names() else 1
            for rowid, snippet in found:
                cursor = conn.execute(
                    "INSERT OR IGNORE INTO alert_matches "
                    "(alert_id, article_id, matched_at, snippet, delivered) "
                    "SELECT ?, id, ?, ?, ? FROM articles WHERE rowid = ?",
                    (alert.id, now, snippet, done, rowid),
                )
                new += cursor.rowcount
            conn.execute(
                "UPDATE alerts SET last_checked = ?, checked_through = ? WHERE id = ?",
                (now, max([through, *behind]), alert.id),
            )
    return Recorded(new, failed)


_MATCH_COLUMNS = (
    "SELECT m.id, m.alert_id, al.name AS alert, m.article_id, ar.title, ar.url, ar.source, "
    "ar.published, ar.duplicate_of, m.matched_at, m.snippet, m.delivered, m.delivered_to, "
    "m.attempts, m.last_error FROM alert_matches m JOIN alerts al ON al.id = m.alert_id "
    "JOIN articles ar ON ar.id = m.article_id"
)


def _match(row: sqlite3.Row) -> AlertMatch:
    return AlertMatch(
        id=int(row["id"]),
        alert_id=int(row["alert_id"]),
        alert=str(row["alert"]),
        article_id=str(row["article_id"]),
        title=row["title"],
        url=row["url"],
        source=row["source"],
        published=row["published"],
        duplicate_of=row["duplicate_of"],
        matched_at=str(row["matched_at"]),
        snippet=str(row["snippet"]),
        delivered=bool(row["delivered"]),
        delivered_to=tuple(str(row["delivered_to"]).split()),
        attempts=int(row["attempts"]),
        last_error=row["last_error"],
    )


def pending_matches(
    conn: sqlite3.Connection, *, alert_id: int, lacking: Sequence[str], limit: int
) -> list[AlertMatch]:
    """The alert's undelivered matches that one of the outputs `lacking` has not had yet,
    oldest first (a match waiting only for an output left out here is not one of them)."""
    if not lacking or not _has_tables(conn):
        return []
    padded = "(' ' || delivered_to || ' ')"
    missing = " OR ".join(f"instr({padded}, ?) = 0" for _ in lacking)
    rows = conn.execute(
        f"{_MATCH_COLUMNS} WHERE m.id IN (SELECT id FROM alert_matches "
        f"WHERE alert_id = ? AND delivered = 0 AND ({missing}) ORDER BY id LIMIT ?) "
        "ORDER BY m.id",
        [alert_id, *(f" {name} " for name in lacking), limit],
    )
    return [_match(r) for r in rows]


def record_delivery(
    conn: sqlite3.Connection,
    match_id: int,
    *,
    delivered_to: Sequence[str],
    done: bool,
    error: str | None,
) -> None:
    """Note one delivery pass over a match: the outputs that now have it, whether that is all
    of them, and the error of the pass (None when it failed nowhere)."""
    with transaction(conn):
        conn.execute(
            "UPDATE alert_matches SET delivered_to = ?, delivered = ?, attempts = attempts + 1, "
            "last_error = ? WHERE id = ?",
            (" ".join(delivered_to), int(done), error, match_id),
        )


def list_matches(
    conn: sqlite3.Connection, *, alert: str | None = None, limit: int = 20, offset: int = 0
) -> MatchPage:
    """A page of recorded matches, newest first, of one alert or of all; StoreError
    (`E_NOT_FOUND`) for an alert that does not exist."""
    if not _has_tables(conn):
        if alert is not None:
            get_alert(conn, alert)  # raises: there is no alert at all
        return MatchPage(0, [])
    where: str = ""
    args: list[Any] = []
    if alert is not None:
        where = " WHERE m.alert_id = ?"
        args = [get_alert(conn, alert).id]
    total = int(conn.execute(f"SELECT count(*) FROM alert_matches m{where}", args).fetchone()[0])
    rows = conn.execute(
        f"{_MATCH_COLUMNS}{where} ORDER BY m.id DESC LIMIT ? OFFSET ?", [*args, limit, offset]
    )
    return MatchPage(total, [_match(r) for r in rows])
