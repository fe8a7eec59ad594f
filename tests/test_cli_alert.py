"""`newsgraph alert add|list|rm|matches` through Typer's runner: exit codes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def one_error(result, code: int) -> str:
    """The exit status is `code` and stderr is one line, `error: …`; returns that line."""
    assert result.exit_code == code, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "a.db")


def test_add_list_and_rm(db: str, tmp_path: Path) -> None:
    out = tmp_path / "m.jsonl"
    added = invoke(
        "alert", "add", "floods", "flood OR storm", "--db", db, "--place", "Norfolk",
        "--since", "2025-06-01", "--jsonl", str(out), "--webhook", "https://hooks.example/x",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    assert "alert 'floods' added" in added.stderr and "jsonl, webhook" in added.stderr
    assert invoke("alert", "add", "rus", "", "--db", db, "--actor-country", "RUS").exit_code == 0
    listed = invoke("alert", "list", "--db", db)
    assert listed.exit_code == 0
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == ["floods", "rus"]
    as_json = json.loads(invoke("alert", "list", "--db", db, "--json").stdout)
    assert as_json[0]["filters"] == {"place": "Norfolk", "since": "2025-06-01"}
    assert as_json[0]["outputs"] == {"jsonl": str(out), "webhook": "https://hooks.example/x"}
    assert as_json[1]["filters"] == {"actor_country": "RUS"}
    removed = invoke("alert", "rm", "floods", "--db", db)
    assert removed.exit_code == 0 and "removed" in removed.stderr
    assert [
        a["name"] for a in json.loads(invoke("alert", "list", "--db", db, "--json").stdout)
    ] == ["rus"]


def test_a_command_is_split_without_a_shell_and_a_shell_string_kept(db: str) -> None:
    ok = invoke("alert", "add", "a", "flood", "--db", db, "--command", "tee -a 'A flood.txt'")
    assert ok.exit_code == 0, ok.stderr
    ok = invoke("alert", "add", "b", "flood", "--db", db, "--shell", "cat >> /tmp/x | wc")
    assert ok.exit_code == 0, ok.stderr
    [a, b] = json.loads(invoke("alert", "list", "--db", db, "--json").stdout)
    assert a["outputs"] == {"command": ["tee", "-a", "A flood.txt"]}
    assert b["outputs"] == {"shell": "cat >> /tmp/x | wc"}


def test_a_query_that_cannot_be_read_exits_2_with_the_search_message(db: str) -> None:
    line = one_error(invoke("alert", "add", "bad", '"unclosed', "--db", db), 2)
    assert "[E308]" in line
    line = one_error(invoke("alert", "add", "empty", "", "--db", db), 2)
    assert "a query or a filter" in line and "[E308]" in line


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (["--command", "a", "--shell", "b"], "not both"),
        (["--command", "'unclosed"], "--command"),
        (["--webhook", "ftp://example.org/x"], "'ftp://example.org/x' is not a webhook URL"),
        (["--since", "June"], "--since: not a date"),
    ],
)
def test_usage_errors_exit_2_in_one_line(db: str, options: list[str], says: str) -> None:
    assert says in one_error(invoke("alert", "add", "x", "flood", "--db", db, *options), 2)


def test_a_command_that_cannot_run_is_refused_when_the_alert_is_added(
    db: str, tmp_path: Path
) -> None:
    """Found now, not at the first match: a program missing from PATH, a path to nothing, a
    path to a file that is not executable. Nothing is saved."""
    line = one_error(
        invoke("alert", "add", "x", "flood", "--db", db, "--command", "notfy-snd a"), 2
    )
    assert line == (
        "error: --command: no program 'notfy-snd' on PATH: give its path, or use --shell [E001]"
    )
    missing = str(tmp_path / "bin" / "notify")
    line = one_error(invoke("alert", "add", "x", "flood", "--db", db, "--command", missing), 2)
    assert line.endswith(f"{missing!r} does not exist [E001]")
    script = tmp_path / "notify.sh"
    script.write_text("#!/bin/sh\ncat\n")
    line = one_error(invoke("alert", "add", "x", "flood", "--db", db, "--command", str(script)), 2)
    assert line.endswith(f"{str(script)!r} is not an executable file [E001]")
    script.chmod(0o755)
    assert invoke("alert", "add", "x", "flood", "--db", db, "--command", str(script)).exit_code == 0
    [saved] = json.loads(invoke("alert", "list", "--db", db, "--json").stdout)
    assert saved["outputs"] == {"command": [str(script)]}


@pytest.mark.parametrize(
    ("webhook", "hint"),
    [
        ("not-a-url", ""),
        ("hooks.example.org/news", "; a URL needs its scheme: https://hooks.example.org/news"),
        ("https://", ""),
    ],
)
def test_a_webhook_that_is_not_an_http_url_is_a_usage_error_naming_it(
    db: str, webhook: str, hint: str
) -> None:
    """Not the generic E000: the usage code, the value, and what a webhook URL looks like."""
    line = one_error(invoke("alert", "add", "x", "flood", "--db", db, "--webhook", webhook), 2)
    assert line == (
        f"error: --webhook: {webhook!r} is not a webhook URL: it must start with http:// or "
        f"https:// and name a host, e.g. https://hooks.example.org/news{hint} [E001]"
    )
    assert not Path(db).exists()  # refused before the store is opened


def test_values_that_would_never_match_or_deliver_are_usage_errors(db: str, tmp_path) -> None:
    """A country that is not a CAMEO code matched no event, and a --jsonl folder failed every
    delivery, both silently; a code in any case is taken upper-case."""
    line = one_error(invoke("alert", "add", "x", "", "--db", db, "--actor-country", "russia"), 2)
    assert line == (
        "error: --actor-country: 'russia' is not a three-letter CAMEO country code "
        "(RUS, USA, GBR …) [E001]"
    )
    line = one_error(invoke("alert", "add", "x", "", "--db", db, "--recipient-country", "U1"), 2)
    assert line.startswith("error: --recipient-country: 'U1' is not a three-letter")
    line = one_error(invoke("alert", "add", "x", "flood", "--db", db, "--jsonl", str(tmp_path)), 2)
    assert line == (
        f"error: --jsonl: {str(tmp_path)!r} is a folder: give the file to append to, e.g. "
        f"{tmp_path / 'matches.jsonl'} [E001]"
    )
    assert not Path(db).exists()
    ok = invoke("alert", "add", "x", "", "--db", db, "--actor-country", "rus")
    assert ok.exit_code == 0, ok.stderr
    [alert] = json.loads(invoke("alert", "list", "--db", db, "--json").stdout)
    assert alert["filters"] == {"actor_country": "RUS"}


def test_store_refusals_exit_1_in_one_line(db: str, tmp_path: Path) -> None:
    assert invoke("alert", "add", "x", "flood", "--db", db).exit_code == 0
    assert "exists already" in one_error(invoke("alert", "add", "x", "storm", "--db", db), 1)
    assert "[E109]" in one_error(invoke("alert", "rm", "nope", "--db", db), 1)
    assert "[E109]" in one_error(invoke("alert", "matches", "nope", "--db", db), 1)
    missing = str(tmp_path / "missing.db")
    assert "no corpus store" in one_error(invoke("alert", "list", "--db", missing), 1)
    assert "no corpus store" in one_error(invoke("alert", "rm", "x", "--db", missing), 1)


def test_matches_lists_what_an_ingest_matched_with_paging(db: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(
            f"Flood warning number {i} for the valley\n\nFlood number {i} reached the town "
            "overnight. Residents were told to follow local advice and to check on their "
            f"neighbours, the council said in statement {i}.\n",
            encoding="utf-8",
        )
    assert invoke("alert", "add", "floods", "flood", "--db", db).exit_code == 0
    assert invoke("ingest", str(folder), "--db", db, "--no-nlp").exit_code == 0
    page = invoke("alert", "matches", "floods", "--db", db, "--limit", "2", "--json")
    assert page.exit_code == 0, page.stderr
    body = json.loads(page.stdout)
    assert (body["total"], len(body["matches"])) == (3, 2)
    assert all(m["delivered"] for m in body["matches"])  # no outputs: recorded is delivered
    rest = invoke("alert", "matches", "--db", db, "--offset", "2")
    assert rest.exit_code == 0
    assert len(rest.stdout.splitlines()) == 1 and "\tfloods\t" in rest.stdout
    assert "3-3 of 3 matches" in rest.stderr
    assert "3 matches" in invoke("alert", "list", "--db", db).stdout
