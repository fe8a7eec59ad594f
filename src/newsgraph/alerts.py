"""Alerts: run the saved searches over each stored batch and deliver what they match.

The ingest job (`newsgraph.job`, which `newsgraph watch` drives too) calls
`AlertRunner.after_batch` once a batch is committed, with the ids of the articles it newly
stored. The runner records the matches of every alert over those articles only
(`newsgraph.store.alerts.record_matches`: each match once), then delivers the matches not yet
delivered, alert by alert and oldest first, to their alert's outputs:

- `jsonl`: one JSON object appended per match (`payload`: alert, article id, title, url,
  source, published, matched_at, snippet, duplicate_of);
- `command`: the same object on the standard input of a command run without a shell (an
  argument vector), or of `/bin/sh -c STRING` when the alert was given a shell string. The
  command has `command_timeout` seconds; past that its process group is killed. It dies with
  this process (`newsgraph.lifeline`), and exit status 0 means delivered;
- `webhook`: the object POSTed as JSON; a 2xx answer means delivered. A connection error, a
  timeout, a 408, 429 or 5xx answer is retried `retries` times, `backoff` seconds after the
  first try and twice as long each time after.

A failure never stops the ingest: the match stays undelivered with its error (one log line) and
is tried again with a later batch, and in the next run. An output that failed rests for
`cooldown` seconds in this process, so a dead webhook costs one round of retries, not one per
batch, and its backlog is not even read while it rests, so it holds up no other output. An
output that has a match is never sent it again (`delivered_to`), even while another output of
the same alert keeps failing. Each pass tries at most `per_pass` matches and stops after
`pass_budget` seconds; the rest wait for the next batch. A match is delivered at least once: an
ingest killed between an output's success and its note in the store sends it again.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from newsgraph.lifeline import exec_child_hook
from newsgraph.store.alerts import (
    Alert,
    AlertMatch,
    Outputs,
    list_alerts,
    pending_matches,
    record_delivery,
    record_matches,
)
from newsgraph.store.db import Connection
from newsgraph.words import counted

__all__ = ["OPTIONS", "AlertRunner", "DeliveryError", "DeliveryOptions", "deliver", "payload"]

log = logging.getLogger(__name__)

ERROR_CHARS = 300  # an error kept in the store is cut to this many characters
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class DeliveryOptions:
    """How hard delivery tries (see the module doc); seconds unless said otherwise."""

    command_timeout: float = 10.0
    webhook_timeout: float = 5.0
    retries: int = 3
    backoff: float = 0.5
    cooldown: float = 60.0
    per_pass: int = 200
    pass_budget: float = 30.0
    transport: httpx.BaseTransport | None = None  # tests replace the network here


OPTIONS = DeliveryOptions()
"""The options an `AlertRunner` takes when it is given none (the ingest job's)."""


class DeliveryError(Exception):
    """One output could not take a match; the message says why, in one line."""


def payload(match: AlertMatch) -> dict[str, Any]:
    """The JSON object every output receives for `match`."""
    return {
        "alert": match.alert,
        "article_id": match.article_id,
        "title": match.title,
        "url": match.url,
        "source": match.source,
        "published": match.published,
        "matched_at": match.matched_at,
        "snippet": match.snippet,
        "duplicate_of": match.duplicate_of,
    }


def _to_jsonl(path: str, data: bytes) -> None:
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with open(path, "ab") as f:
            f.write(data)
    except OSError as e:
        raise DeliveryError(f"cannot append to {path}: {e.strerror or e}") from e


def _to_command(argv: Sequence[str], data: bytes, timeout: float) -> None:
    """Run `argv` with `data` on its standard input; DeliveryError unless it exits 0 in time.

    The command leads a process group of its own, killed whole on time-out, and gets the death
    signal of `newsgraph.lifeline` so it never outlives this process (Linux; elsewhere the time-out
    bounds it).
    """
    try:
        proc = subprocess.Popen(
            list(argv),
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
            preexec_fn=exec_child_hook(os.getpid()),
        )
    except OSError as e:
        raise DeliveryError(f"cannot run {argv[0]}: {e.strerror or e}") from e
    try:
        _, err = proc.communicate(data, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        _kill_group(proc)
        raise DeliveryError(f"{argv[0]} did not finish within {timeout:g}s; killed") from e
    if proc.returncode != 0:
        last = (err or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        why = f": {last[0]}" if last[0] else ""
        raise DeliveryError(f"{argv[0]} exited with status {proc.returncode}{why}")


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill `proc` and everything it started in its group; wait briefly for the pipes."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    try:
        proc.communicate(timeout=1.0)
    except subprocess.TimeoutExpired:  # a grandchild left the group and holds the pipe
        proc.kill()
        proc.wait()


def _to_webhook(
    url: str, data: bytes, options: DeliveryOptions, sleep: Callable[[float], None]
) -> None:
    """POST `data` to `url`, retrying what may pass on a second try (see the module doc).

    The error names the status or the network failure, not the URL (it may hold a token)."""
    problem = ""
    tries = 0
    with httpx.Client(
        timeout=options.webhook_timeout, follow_redirects=False, transport=options.transport
    ) as client:
        while tries <= options.retries:
            if tries:
                sleep(options.backoff * 2 ** (tries - 1))
            tries += 1
            try:
                response = client.post(
                    url,
                    content=data,
                    headers={"content-type": "application/json", "user-agent": "newsgraph"},
                )
            except httpx.HTTPError as e:
                problem = type(e).__name__
                continue
            if response.is_success:
                return
            problem = f"HTTP {response.status_code}"
            if response.status_code not in RETRY_STATUSES:
                break
    raise DeliveryError(f"POST failed ({problem}) after {counted(tries, 'try')}")


def deliver(
    output: str,
    outputs: Outputs,
    match: AlertMatch,
    *,
    options: DeliveryOptions = OPTIONS,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Send `match` to the `output` ("jsonl", "command" or "webhook") of `outputs`; raises
    `DeliveryError` when that output did not take it."""
    data = (json.dumps(payload(match), ensure_ascii=False) + "\n").encode("utf-8")
    if output == "jsonl" and outputs.jsonl is not None:
        _to_jsonl(outputs.jsonl, data)
    elif output == "command" and outputs.command is not None:
        _to_command(outputs.command, data, options.command_timeout)
    elif output == "command" and outputs.shell is not None:
        _to_command(["/bin/sh", "-c", outputs.shell], data, options.command_timeout)
    elif output == "webhook" and outputs.webhook is not None:
        _to_webhook(outputs.webhook, data, options, sleep)
    else:
        raise DeliveryError(f"the alert has no {output} output")


def _target(alert: Alert, output: str) -> str:
    """What a failure rests: the file, the alert's command, or the webhook URL."""
    o = alert.outputs
    return {"jsonl": f"jsonl {o.jsonl}", "webhook": f"webhook {o.webhook}"}.get(
        output, f"command of {alert.name}"
    )


@dataclass
class AlertRunner:
    """Alerts over the batches of one ingest job: `after_batch` records and delivers.

    It keeps, for this process only, when each failed output may be tried again.
    """

    options: DeliveryOptions = field(default_factory=lambda: OPTIONS)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _resting: dict[str, float] = field(default_factory=dict)

    def after_batch(self, conn: Connection, stored: Sequence[str]) -> None:
        """Record the alerts' matches among `stored` (the ids of the articles the batch newly
        stored) and deliver what is pending. Never raises: a failure is logged, in one line."""
        try:
            now = datetime.now(UTC).isoformat()
            recorded = record_matches(conn, stored, now=now)
            for name, why in recorded.failed:
                log.warning("alert %r could not run: %s", name, why)
            self.deliver_pending(conn)
        except Exception as e:  # a store or delivery failure must not stop the ingest
            log.warning("alerts: %s", e)

    def deliver_pending(self, conn: Connection) -> None:
        """One delivery pass over the undelivered matches, alert by alert, oldest first (see
        the module doc). Only matches that a working output still lacks are read, so a dead
        webhook's backlog never holds up another output or another alert."""
        budget = self.options.per_pass
        deadline = self.clock() + self.options.pass_budget
        for alert in list_alerts(conn):
            while alert.undelivered and budget > 0:
                live = self._live(alert)
                found = pending_matches(conn, alert_id=alert.id, lacking=live, limit=budget)
                if not found:
                    break
                for match in found:
                    if self.clock() > deadline:
                        return
                    budget -= 1
                    self._deliver_one(conn, alert, match)
                    if self._live(alert) != live:
                        break  # an output failed and rests: ask again for what the rest lack
                else:
                    break  # every match asked for was dealt with

    def _live(self, alert: Alert) -> list[str]:
        """The alert's outputs that are not resting after a failure."""
        return [o for o in alert.outputs.names() if not self._resting_now(alert, o)]

    def _resting_now(self, alert: Alert, output: str) -> bool:
        return self._resting.get(_target(alert, output), 0.0) > self.clock()

    def _deliver_one(self, conn: Connection, alert: Alert, match: AlertMatch) -> None:
        wanted = alert.outputs.names()
        done = [o for o in wanted if o in match.delivered_to]
        errors: list[str] = []
        tried = False
        for output in wanted:
            if output in done or self._resting_now(alert, output):
                continue
            tried = True
            try:
                deliver(output, alert.outputs, match, options=self.options, sleep=self.sleep)
            except DeliveryError as e:
                self._resting[_target(alert, output)] = self.clock() + self.options.cooldown
                errors.append(f"{output}: {e}")
                log.warning(
                    "alert %r: %s delivery of article %s failed: %s",
                    alert.name,
                    output,
                    match.article_id,
                    e,
                )
                continue
            done.append(output)
        if tried:
            record_delivery(
                conn,
                match.id,
                delivered_to=done,
                done=len(done) == len(wanted),
                error="; ".join(errors)[:ERROR_CHARS] or None,
            )
