"""`newsgraph serve`: options, refusal of a missing store, warning on a public address."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from tests.browser.corpus import build_store
from typer.testing import CliRunner

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
    monkeypatch.setattr(web_app, "serve", lambda db, host, port: seen.append((db, host, port)))
    return seen


def test_serve_defaults_to_loopback(tmp_path: Path, calls) -> None:
    db = build_store(tmp_path / "s.db").path
    result = CliRunner().invoke(app, ["--db", str(db)])
    assert result.exit_code == 0, result.output
    assert calls == [(db, "127.0.0.1", 8080)]
    assert "http://127.0.0.1:8080/" in result.output
    assert "warning" not in result.output


def test_serve_warns_on_a_public_address(tmp_path: Path, calls) -> None:
    db = build_store(tmp_path / "s.db").path
    result = CliRunner().invoke(app, ["--db", str(db), "--host", "0.0.0.0", "--port", "9001"])
    assert result.exit_code == 0, result.output
    assert "warning: binding to 0.0.0.0" in result.output
    assert calls == [(db, "0.0.0.0", 9001)]


def test_serve_refuses_a_missing_store(tmp_path: Path, calls) -> None:
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no corpus store" in result.output
    assert calls == []


def test_serve_rejects_a_bad_port(tmp_path: Path, calls) -> None:
    result = CliRunner().invoke(app, ["--db", "x.db", "--port", "70000"])
    assert result.exit_code == 2 and calls == []
