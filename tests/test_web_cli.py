"""`newsgraph serve`: options, refusal of a missing store, warning on a public address."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from tests.browser.corpus import build_store
from typer.testing import CliRunner

import newsgraph.cli.serve as serve_module
import newsgraph.web.app as web_app
from newsgraph.cli import app as main_app


def _serve_app() -> typer.Typer:
    """The `serve` command alone, without leaving it registered on the main app (until the
    lead imports it in newsgraph.cli, docs/cli.md does not list it)."""
    before = list(main_app.registered_commands)
    from newsgraph.cli import serve as module

    main_app.registered_commands[:] = before
    single = typer.Typer()
    single.command()(module.serve)
    return single


app = _serve_app()


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    seen: list[tuple] = []
    monkeypatch.setattr(
        web_app, "serve", lambda db, host, port, workers: seen.append((db, host, port, workers))
    )
    monkeypatch.setattr(serve_module, "check_port", lambda host, port: None)  # 8080 may be taken
    return seen


def test_audit_item8_a_port_in_use_is_one_line_exit_2_before_the_ui_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    seen: list[tuple] = []
    monkeypatch.setattr(web_app, "serve", lambda *args, **kwargs: seen.append(args))
    db = build_store(tmp_path / "s.db").path
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(app, ["--db", str(db), "--port", str(port)])
    assert result.exit_code == 2, result.output
    assert result.output == (
        f"error: 127.0.0.1: cannot listen on port {port}: already in use "
        "(choose another --port) [E000]\n"
    )
    assert seen == []


def test_audit_item17_a_missing_store_names_its_code(tmp_path: Path, calls) -> None:
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "none.db")])
    assert result.output.strip().endswith("[E109]")


def test_serve_defaults_to_loopback(tmp_path: Path, calls) -> None:
    db = build_store(tmp_path / "s.db").path
    result = CliRunner().invoke(app, ["--db", str(db)])
    assert result.exit_code == 0, result.output
    assert calls == [(db, "127.0.0.1", 8080, 1)]
    assert "http://127.0.0.1:8080/" in result.output
    assert "warning" not in result.output


def test_serve_warns_on_a_public_address(tmp_path: Path, calls) -> None:
    db = build_store(tmp_path / "s.db").path
    result = CliRunner().invoke(app, ["--db", str(db), "--host", "0.0.0.0", "--port", "9001"])
    assert result.exit_code == 0, result.output
    assert "warning: binding to 0.0.0.0" in result.output
    assert calls == [(db, "0.0.0.0", 9001, 1)]


def test_serve_refuses_a_missing_store(tmp_path: Path, calls) -> None:
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no corpus store" in result.output
    assert calls == []


def test_serve_refuses_a_file_that_is_no_store_before_the_ui_line(tmp_path: Path, calls) -> None:
    """An image given as --db printed "newsgraph UI at http://…" and only then failed."""
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    result = CliRunner().invoke(app, ["--db", str(picture)])
    assert result.exit_code == 1
    assert result.output.startswith("error: ") and result.output.count("\n") == 1
    assert "http://" not in result.output and result.output.strip().endswith("[E305]")
    assert calls == []


def test_serve_rejects_a_bad_port(tmp_path: Path, calls) -> None:
    result = CliRunner().invoke(app, ["--db", "x.db", "--port", "70000"])
    assert result.exit_code == 2 and calls == []


def test_serve_with_two_workers_answers_from_two_processes(tmp_path: Path) -> None:
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time

    import httpx

    db = build_store(tmp_path / "s.db").path
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    root = Path(__file__).resolve().parents[1]
    command = [sys.executable, "-c", "from newsgraph.cli import main; main()", "serve"]
    command += ["--db", str(db), "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(
        command,
        env={**os.environ, "PYTHONPATH": str(root / "src")},
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline, answer = time.monotonic() + 60, None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert answer is not None and answer.status_code == 200, server.poll()
        assert answer.json()["articles"] == 4  # the corpus of the browser tests
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        assert len(children) >= 2  # uvicorn's supervisor and its two server processes
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)


def test_the_shared_listener_of_several_workers_is_marked_tcp() -> None:
    import socket

    bare = socket.socket(socket.AF_INET)  # as uvicorn binds it: protocol 0
    bare.bind(("127.0.0.1", 0))
    port = bare.getsockname()[1]
    assert bare.proto == 0
    marked = web_app.tcp_listener(bare)
    try:
        assert marked.proto == socket.IPPROTO_TCP
        assert marked.getsockname()[1] == port  # the same bound socket
        assert marked.get_inheritable()
    finally:
        marked.close()
