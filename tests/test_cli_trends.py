"""`newsgraph trends`, `rising` and `network` through Typer's runner: tables, CSV, JSON,
GraphML and GEXF, and the exit statuses (0 done, 1 no store, 2 a bad value)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from tests.browser.trends_corpus import build_trends_store
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.cli import trends as _trends  # noqa: F401  (registers the commands)
from newsgraph.store.db import connect

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(build_trends_store(tmp_path_factory.mktemp("cli-trends") / "t.db"))


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_trends_table_compares_two_entities(db) -> None:
    r = invoke(
        "trends", "--db", db, "--since", "2025-06-29", "--entity", "Sam Spike",
        "--entity", "person:steady",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    rows = [line for line in r.output.splitlines() if line.startswith("│ 2025-06-")]
    assert len(rows) == 2
    cells = [c.strip() for c in rows[1].strip("│").split("│")]
    assert cells == ["2025-06-30", "12", "-4.00", "16", "5", "2.00", "5"]


def test_trends_csv_by_hour_zero_fills(db) -> None:
    r = invoke(
        "trends", "--db", db, "--by", "hour", "--since", "2025-06-30T09:00",
        "--until", "2025-06-30T12:59", "--format", "csv",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [(row["window"], row["articles"], row["tone"]) for row in rows] == [
        ("2025-06-30T09:00", "1", "2.0"),
        ("2025-06-30T10:00", "12", "-4.0"),
        ("2025-06-30T11:00", "2", "0.0"),
        ("2025-06-30T12:00", "0", ""),
    ]


def test_trends_json_with_theme_place_and_event_type(db) -> None:
    r = invoke(
        "trends", "--db", db, "--since", "2025-06-30", "--theme", "storm", "--place", "Porto",
        "--event-type", "CONSULT", "--format", "json",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    body = json.loads(r.stdout)
    got = {s["label"]: s["points"][0]["articles"] for s in body["series"]}
    assert got == {"theme: storm": 12, "place: Porto": 5, "event type: CONSULT": 5}


def test_rising_lists_the_spike_not_the_steady(db) -> None:
    r = invoke("rising", "--db", db, "--format", "json")
    assert r.exit_code == 0, r.output
    keys = [i["key"] for i in json.loads(r.stdout)["items"]]
    assert "person:spike" in keys and "person:steady" not in keys and "person:few" not in keys
    table = invoke("rising", "--db", db, "--kind", "place")
    assert table.exit_code == 0 and "Lisbon" in table.stdout and "Porto" not in table.stdout
    pairs = invoke("rising", "--db", db, "--kind", "code-pair", "--limit", "1", "--format", "json")
    assert [i["key"] for i in json.loads(pairs.stdout)["items"]] == ["PRTOPP -> PRTGOV"]


def test_rising_says_when_nothing_rises(db) -> None:
    r = invoke("rising", "--db", db, "--until", "2025-06-22")
    assert r.exit_code == 0
    assert "nothing rising" in r.stderr


@pytest.mark.parametrize(("fmt", "read"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_graph_files_open_in_networkx(db, tmp_path: Path, fmt, read) -> None:
    out = tmp_path / f"n.{fmt}"
    r = invoke("network", "--db", db, "--format", fmt, "--out", str(out))
    assert r.exit_code == 0, r.output
    assert "wrote 4 actors and 4 links" in r.stderr
    graph = read(out)
    assert graph.number_of_edges() == 4
    assert graph.has_edge("person:spike", "organization:harbour-council")


def test_network_json_and_table(db) -> None:
    r = invoke("network", "--db", db, "-q", "Spike", "--actors", "code", "--format", "json")
    assert r.exit_code == 0, r.output
    body = json.loads(r.stdout)
    assert {(e["source"], e["target"], e["type"]) for e in body["edges"]} == {
        ("PRTOPP", "PRTGOV", "PROTEST"),
        ("PRTOPP", "PRTGOV", "ASSAULT"),
    }
    table = invoke("network", "--db", db, "--since", "2025-06-29", "--until", "2025-06-29")
    assert table.exit_code == 0 and "CONSULT" in table.stdout and "PROTEST" not in table.stdout


def test_exit_statuses(db, tmp_path: Path) -> None:
    missing = str(tmp_path / "none.db")
    for args in (["trends"], ["rising"], ["network"]):
        r = invoke(*args, "--db", missing)
        assert r.exit_code == 1, args
        assert "no corpus store" in r.stderr
    for args in (
        ["trends", "--since", "not-a-date"],
        ["trends", "--since", "2025-07-01", "--until", "2025-06-01"],
        ["trends", "--by", "hour", "--since", "2000-01-01"],
        ["network", "-q", '"unclosed'],
        ["rising", "--until", "nope"],
    ):
        r = invoke(*args, "--db", db)
        assert r.exit_code == 2, (args, r.output)
        assert r.stderr.startswith("error: "), args
    assert invoke("trends", "--db", db, "--by", "week").exit_code == 2  # Typer's own usage error


def test_empty_store(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    connect(path).close()
    r = invoke("trends", "--db", str(path), "--format", "json")
    assert r.exit_code == 0
    assert all(p["articles"] == 0 for p in json.loads(r.stdout)["series"][0]["points"])
    assert invoke("rising", "--db", str(path)).exit_code == 0
    net = invoke("network", "--db", str(path), "--format", "json")
    assert net.exit_code == 0 and json.loads(net.stdout)["edges"] == []


def test_network_out_that_cannot_be_written_is_one_line_not_a_traceback(db, tmp_path) -> None:
    """`--out` in a missing folder, or a folder, was a Python traceback; a table with --out
    was printed and the file silently not written."""
    missing = tmp_path / "no" / "n.graphml"
    r = invoke("network", "--db", db, "--format", "graphml", "--out", str(missing))
    assert r.exit_code == 2, r.output
    assert r.stderr == f"error: {missing}: cannot write (No such file or directory) [E307]\n"
    r = invoke("network", "--db", db, "--format", "gexf", "--out", str(tmp_path))
    assert r.exit_code == 2 and r.stderr.endswith("cannot write (Is a directory) [E307]\n")
    table = invoke("network", "--db", db, "--out", str(tmp_path / "n.txt"))
    assert table.exit_code == 2 and not (tmp_path / "n.txt").exists()
    assert table.stderr == (
        "error: --out: the table is printed, not written: give --format json, graphml or gexf "
        "[E001]\n"
    )
