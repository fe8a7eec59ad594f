"""Alerts run by the ingest job and delivered: JSON Lines, a command, a webhook (a local server).

Every ingest and watch stores its batches through `newsgraph.job`, so the job is driven here
with plain-text files (`nlp=False`) or with articles as `watch` hands them over.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import newsgraph.alerts as alerts
from newsgraph.alerts import DeliveryError, DeliveryOptions, deliver
from newsgraph.clean.assemble import build_article
from newsgraph.job import ingest, ingest_articles
from newsgraph.settings import Settings
from newsgraph.store.alerts import AlertFilters, AlertMatch, Outputs, add_alert, list_matches
from newsgraph.store.db import connect

ROOT = Path(__file__).resolve().parents[1]
FAST = DeliveryOptions(backoff=0.01, command_timeout=5.0, webhook_timeout=2.0)
ONE_A_WRITE = Settings(write_batch=1)  # a write per article: several batches in one job


@pytest.fixture(autouse=True)
def fast_delivery(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(alerts, "OPTIONS", FAST)


def write(folder: Path, name: str, title: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    filler = (  # cleaning keeps only an article of some length
        f"Our correspondent filed this report, number {name}, late in the evening. Residents "
        "were told to follow local advice and to check on their neighbours."
    )
    path.write_text(f"{title}\n\n{body} {filler}\n", encoding="utf-8")
    return path


def new_alert(db: Path, outputs: Outputs, query: str = "flood", name: str = "floods") -> None:
    conn = connect(db)
    add_alert(conn, name, query, AlertFilters(), outputs, now=datetime.now(UTC).isoformat())
    conn.close()


def matches(db: Path, name: str = "floods") -> list[AlertMatch]:
    conn = connect(db)
    try:
        return sorted(list_matches(conn, alert=name, limit=100).matches, key=lambda m: m.id)
    finally:
        conn.close()


def lines(path: Path) -> list[dict[str, object]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_each_match_is_appended_to_the_jsonl_file_once(tmp_path: Path) -> None:
    db, out, inputs = tmp_path / "a.db", tmp_path / "out" / "matches.jsonl", tmp_path / "in"
    new_alert(db, Outputs(jsonl=str(out)))
    write(inputs, "1", "Flood in Norfolk", "The river rose two metres overnight.")
    write(inputs, "2", "Budget vote at the council", "The council voted on the budget.")
    write(inputs, "3", "Storm warning for the coast", "A flood warning covers the coast.")
    assert ingest([str(inputs)], db=db, nlp=False).stored == 3
    first = lines(out)
    assert sorted(str(r["title"]) for r in first) == [
        "Flood in Norfolk",
        "Storm warning for the coast",
    ]
    record = next(r for r in first if r["title"] == "Storm warning for the coast")
    assert set(record) == {
        "alert",
        "article_id",
        "title",
        "url",
        "source",
        "published",
        "matched_at",
        "snippet",
        "duplicate_of",
    }
    assert record["alert"] == "floods"
    assert "[flood]" in str(record["snippet"])
    assert ingest([str(inputs)], db=db, nlp=False).already_stored == 3  # the same files again
    assert len(lines(out)) == 2
    write(inputs, "4", "Flood defences open in Suffolk", "New flood defences open in Suffolk.")
    ingest([str(inputs)], db=db, nlp=False)  # a second batch with one new match
    assert [r["title"] for r in lines(out)[2:]] == ["Flood defences open in Suffolk"]
    assert all(m.delivered and m.delivered_to == ("jsonl",) for m in matches(db))


def test_the_watch_route_articles_handed_to_the_job_are_matched(tmp_path: Path) -> None:
    db, out = tmp_path / "a.db", tmp_path / "m.jsonl"
    new_alert(db, Outputs(jsonl=str(out)), query="river", name="rivers")
    article = build_article(
        title="River level",
        standfirst=None,
        paragraphs=["The river is at its highest for a decade."],
        published=datetime(2025, 6, 3, tzinfo=UTC),
        url="https://news.example/river",
        origin="https://news.example/river",
    )
    assert ingest_articles([article], db=db, nlp=False).stored == 1
    [record] = lines(out)
    assert (record["url"], record["source"]) == ("https://news.example/river", "news.example")


def test_a_command_gets_the_match_on_stdin(tmp_path: Path) -> None:
    db, inputs = tmp_path / "a.db", tmp_path / "in"
    got, shell_got = tmp_path / "got.jsonl", tmp_path / "shell.jsonl"
    script = f"import sys; open({str(got)!r}, 'a').write(sys.stdin.read())"
    new_alert(db, Outputs(command=(sys.executable, "-c", script)))
    new_alert(db, Outputs(shell=f"cat >> '{shell_got}'"), name="by-shell")
    write(inputs, "1", "Flood in Norfolk", "The river rose.")
    ingest([str(inputs)], db=db, nlp=False)
    assert [r["title"] for r in lines(got)] == ["Flood in Norfolk"]
    assert [r["alert"] for r in lines(shell_got)] == ["by-shell"]
    assert matches(db)[0].delivered


def test_a_failing_command_leaves_the_match_waiting_with_its_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db, inputs = tmp_path / "a.db", tmp_path / "in"
    script = "import sys; sys.stdin.read(); print('no route to pager', file=sys.stderr); exit(3)"
    new_alert(db, Outputs(command=(sys.executable, "-c", script)))
    write(inputs, "1", "Flood in Norfolk", "The river rose.")
    with caplog.at_level(logging.WARNING, logger="newsgraph.alerts"):
        assert ingest([str(inputs)], db=db, nlp=False).stored == 1
    [m] = matches(db)
    assert (m.delivered, m.attempts) == (False, 1)
    assert m.last_error is not None and "status 3: no route to pager" in m.last_error
    [logged] = caplog.records
    assert "floods" in logged.getMessage() and "\n" not in logged.getMessage()


def test_a_hanging_command_is_killed_at_its_timeout(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    outputs = Outputs(shell=f"echo $$ > '{pid_file}'; exec sleep 30")
    started = time.monotonic()
    with pytest.raises(DeliveryError, match=r"did not finish within 0\.5s"):
        deliver("command", outputs, _match(), options=DeliveryOptions(command_timeout=0.5))
    assert time.monotonic() - started < 5
    assert not _alive(int(pid_file.read_text()))


def test_the_command_dies_with_the_process_that_runs_it(tmp_path: Path) -> None:
    """Killed with SIGKILL mid-delivery, an ingest leaves no command behind."""
    pid_file = tmp_path / "pid"
    parent = textwrap.dedent(
        f"""
        from newsgraph.alerts import DeliveryOptions, deliver
        from newsgraph.store.alerts import AlertMatch, Outputs
        match = AlertMatch(**{_match_fields()!r})
        outputs = Outputs(shell="echo $$ > '{pid_file}'; exec sleep 60")
        deliver("command", outputs, match, options=DeliveryOptions(command_timeout=60))
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", parent], cwd=ROOT)
    try:
        _wait_for(lambda: pid_file.exists() and pid_file.read_text().strip() != "")
        child = int(pid_file.read_text())
        assert _alive(child)
    finally:
        proc.kill()
        proc.wait()
    _wait_for(lambda: not _alive(child))


def _match_fields() -> dict[str, object]:
    return {
        "id": 1,
        "alert_id": 1,
        "alert": "floods",
        "article_id": "a1",
        "title": "Flood",
        "url": None,
        "source": None,
        "published": None,
        "duplicate_of": None,
        "matched_at": "2025-06-03T10:00:00+00:00",
        "snippet": "[Flood]",
        "delivered": False,
        "delivered_to": [],
        "attempts": 0,
        "last_error": None,
    }


def _match() -> AlertMatch:
    return AlertMatch(**_match_fields())  # type: ignore[arg-type]


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie waiting for a parent to reap it counts as dead)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def _wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


class Hook:
    """A local webhook that answers 500 to its first `failures` POSTs (all of them: None)."""

    def __init__(self, failures: int | None) -> None:
        self.failures = failures
        self.bodies: list[dict[str, object]] = []
        self.lock = threading.Lock()

    def answer(self, body: bytes) -> int:
        with self.lock:
            self.bodies.append(json.loads(body))
            failing = self.failures is None or len(self.bodies) <= self.failures
        return 500 if failing else 204


@pytest.fixture
def webhook() -> Iterator[Callable[[int | None], tuple[str, Hook]]]:
    servers: list[ThreadingHTTPServer] = []

    def start(failures: int | None) -> tuple[str, Hook]:
        hook = Hook(failures)

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["content-length"]))
                self.send_response(hook.answer(body))
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/hook?token=secret", hook

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_a_webhook_that_fails_twice_gets_the_match_on_the_third_try(
    tmp_path: Path, webhook
) -> None:
    url, hook = webhook(2)
    db, inputs = tmp_path / "a.db", tmp_path / "in"
    new_alert(db, Outputs(webhook=url))
    write(inputs, "1", "Flood in Norfolk", "The river rose.")
    ingest([str(inputs)], db=db, nlp=False)
    assert len(hook.bodies) == 3
    assert hook.bodies[-1]["title"] == "Flood in Norfolk"
    [m] = matches(db)
    assert (m.delivered, m.attempts, m.last_error) == (True, 1, None)


def test_a_dead_webhook_never_stops_the_ingest_and_rests_between_batches(
    tmp_path: Path, webhook, caplog: pytest.LogCaptureFixture
) -> None:
    url, hook = webhook(None)
    db, inputs = tmp_path / "a.db", tmp_path / "in"
    new_alert(db, Outputs(webhook=url))
    for i in range(3):
        write(inputs, str(i), f"Flood {i} in the valley", f"Flood number {i} in the valley.")
    with caplog.at_level(logging.WARNING, logger="newsgraph.alerts"):
        summary = ingest([str(inputs)], db=db, nlp=False, batch_size=1, settings=ONE_A_WRITE)
    assert (summary.stored, summary.failed) == (3, [])
    assert len(hook.bodies) == 4  # one try and 3 retries; the later batches leave it resting
    assert [(m.delivered, m.attempts) for m in matches(db)] == [(False, 1), (False, 0), (False, 0)]
    error = matches(db)[0].last_error or ""
    assert "HTTP 500" in error and "4 tries" in error and "secret" not in error
    assert len(caplog.records) == 1


def test_an_undelivered_match_is_retried_with_the_next_batch(
    tmp_path: Path, webhook, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(alerts, "OPTIONS", DeliveryOptions(backoff=0.01, cooldown=0.0))
    url, hook = webhook(4)  # the first match's four tries fail; then the hook is back
    db, inputs = tmp_path / "a.db", tmp_path / "in"
    new_alert(db, Outputs(webhook=url))
    write(inputs, "1", "Flood one in the valley", "The first flood.")
    write(inputs, "2", "Flood two in the valley", "The second flood.")
    ingest([str(inputs)], db=db, nlp=False, batch_size=1, settings=ONE_A_WRITE)
    assert [(m.title, m.delivered, m.attempts) for m in matches(db)] == [
        ("Flood one in the valley", True, 2),
        ("Flood two in the valley", True, 1),
    ]
    assert [b["title"] for b in hook.bodies[4:]] == [
        "Flood one in the valley",
        "Flood two in the valley",
    ]


def test_a_dead_webhooks_backlog_holds_up_no_other_output(
    tmp_path: Path, webhook, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(alerts, "OPTIONS", DeliveryOptions(backoff=0.01, per_pass=3))
    url, hook = webhook(None)
    db, inputs = tmp_path / "a.db", tmp_path / "in"
    other, also = tmp_path / "other.jsonl", tmp_path / "also.jsonl"
    new_alert(db, Outputs(webhook=url, jsonl=str(also)), name="a-dead")  # runs first
    new_alert(db, Outputs(jsonl=str(other)), name="b-file")
    for i in range(3):
        write(inputs, str(i), f"Flood {i} in the valley", f"Flood number {i} in the valley.")
    ingest([str(inputs)], db=db, nlp=False)
    assert len(hook.bodies) == 4  # the first match tried; the webhook then rests
    assert len(lines(also)) == 3  # the alert's file still gets every match
    assert lines(other) == []  # the pass's budget of 3 is spent; the next batch has its own
    write(inputs, "9", "Budget vote at the council", "No match here.")
    ingest([str(inputs)], db=db, nlp=False)  # a new run: the webhook is tried once more ...
    assert len(hook.bodies) == 8
    assert len(lines(other)) == 2  # ... spending 1 of the 3; the webhook's backlog, nothing
    assert len(lines(also)) == 3


def test_an_output_that_has_a_match_does_not_get_it_again(tmp_path: Path, webhook) -> None:
    url, hook = webhook(None)
    db, inputs, out = tmp_path / "a.db", tmp_path / "in", tmp_path / "m.jsonl"
    new_alert(db, Outputs(jsonl=str(out), webhook=url))
    write(inputs, "1", "Flood one in the valley", "The first flood.")
    ingest([str(inputs)], db=db, nlp=False)
    write(inputs, "2", "Budget vote at the council", "No match here.")
    ingest([str(inputs)], db=db, nlp=False)  # a new run: the webhook is tried again, not jsonl
    assert len(hook.bodies) == 8
    assert len(lines(out)) == 1
    [m] = matches(db)
    assert (m.delivered, m.delivered_to, m.attempts) == (False, ("jsonl",), 2)


def test_a_failure_of_the_alerts_themselves_never_stops_the_ingest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk I/O error")

    monkeypatch.setattr(alerts, "record_matches", broken)
    db, inputs = tmp_path / "a.db", tmp_path / "in"
    new_alert(db, Outputs(jsonl=str(tmp_path / "m.jsonl")))
    write(inputs, "1", "Flood one in the valley", "The first flood.")
    with caplog.at_level(logging.WARNING, logger="newsgraph.alerts"):
        assert ingest([str(inputs)], db=db, nlp=False).stored == 1
    assert "disk I/O error" in caplog.text
