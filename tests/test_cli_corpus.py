"""The corpus commands through Typer's runner: ingest, search, entity, stories, stats, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bench import synth
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.cli import corpus as _corpus  # noqa: F401  (registers the commands)
from newsgraph.store.db import connect, writer_lock
from newsgraph.store.write import write_batch

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "c.db"
    conn = connect(path)
    write_batch(conn, list(synth.articles(30, seed=13)))
    conn.close()
    return path


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_ingest_prints_a_summary_and_is_idempotent(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, record in enumerate(synth.articles(4, seed=2, exact_copy_rate=0.0)):
        (folder / f"{i}.txt").write_text(f"{record.title}\n\n{record.body}\n", encoding="utf-8")
    store = str(tmp_path / "n.db")
    first = invoke("ingest", str(folder), "--db", store, "--no-nlp")
    assert first.exit_code == 0, first.output
    assert "read 4, stored 4" in first.output
    again = invoke("ingest", str(folder), "--db", store, "--no-nlp", "--workers", "1")
    assert "stored 0" in again.output and "already stored 4" in again.output


def test_ingest_refuses_a_store_another_ingest_holds(tmp_path: Path) -> None:
    store = tmp_path / "n.db"
    with writer_lock(store):
        result = invoke("ingest", str(tmp_path), "--db", str(store), "--no-nlp")
    assert result.exit_code == 1
    assert "another ingest is writing" in result.output


def test_search_table_and_json(db: Path) -> None:
    table = invoke("search", "said", "--db", str(db), "--limit", "3")
    assert table.exit_code == 0, table.output
    assert "articles" in table.output
    as_json = invoke("search", "said", "--db", str(db), "--limit", "2", "--format", "json")
    hits = json.loads(as_json.output)
    assert len(hits) == 2 and {"id", "title", "snippet", "score"} <= set(hits[0])


def test_search_filters_and_jsonl(db: Path) -> None:
    conn = connect(db)
    place = conn.execute("SELECT name FROM places LIMIT 1").fetchone()[0]
    conn.close()
    result = invoke(
        "search",
        "",
        "--db",
        str(db),
        "--place",
        place,
        "--format",
        "jsonl",
        "--since",
        "2025-01-01",
        "--until",
        "2030-01-01",
    )
    lines = result.output.splitlines()
    assert lines and all(json.loads(line)["id"] for line in lines)


def test_a_malformed_query_is_one_line_and_exit_2(db: Path) -> None:
    result = invoke("search", 'flood AND "', "--db", str(db))
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "invalid search query" in result.output


def test_entity_shows_counts_timeline_and_co_mentions(db: Path) -> None:
    conn = connect(db)
    name = conn.execute(
        "SELECT name FROM entities WHERE type = 'person' ORDER BY article_count DESC LIMIT 1"
    ).fetchone()[0]
    conn.close()
    result = invoke("entity", name, "--db", str(db))
    assert result.exit_code == 0, result.output
    assert name in result.output and "timeline" in result.output and "named with" in result.output
    as_json = json.loads(invoke("entity", name, "--db", str(db), "--format", "json").output)
    assert as_json[0]["article_count"] >= 1
    missing = invoke("entity", "Nobody At All", "--db", str(db))
    assert missing.exit_code == 1 and "no entity" in missing.output


def test_stories_and_stats(db: Path) -> None:
    stories = json.loads(invoke("stories", "--db", str(db), "--format", "json").output)
    assert stories and stories[0]["size"] >= stories[-1]["size"]
    stats = json.loads(invoke("stats", "--db", str(db), "--format", "json").output)[0]
    assert stats["articles"] >= 28 and stats["schema_version"] >= 1


def test_export_formats(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.tsv"
    result = invoke("export", "--format", "gkg", "--out", str(out), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert all(len(line.split("\t")) == 27 for line in out.read_text().splitlines())
    jsonl = invoke("export", "--format", "jsonl", "--table", "stories", "--db", str(db))
    assert json.loads(jsonl.output.splitlines()[0])["size"] >= 1
    bad = invoke("export", "--format", "csv", "--table", "nope", "--db", str(db))
    assert bad.exit_code == 1 and "unknown table" in bad.output


def test_reading_commands_need_an_existing_store(tmp_path: Path) -> None:
    result = invoke("stats", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 1 and "no corpus store" in result.output
    assert not (tmp_path / "none.db").exists()
