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
    lines = out.read_text().splitlines()
    assert len(lines) >= 20  # a row per original article (issue 15: never an empty pass)
    assert all(len(line.split("\t")) == 27 for line in lines)
    jsonl = invoke("export", "--format", "jsonl", "--table", "stories", "--db", str(db))
    assert json.loads(jsonl.output.splitlines()[0])["size"] >= 1
    bad = invoke("export", "--format", "csv", "--table", "nope", "--db", str(db))
    assert bad.exit_code == 2 and "unknown table" in bad.output


def test_reading_commands_need_an_existing_store(tmp_path: Path) -> None:
    result = invoke("stats", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 1 and "no corpus store" in result.output
    assert not (tmp_path / "none.db").exists()


def _good_and_bad_inputs(folder: Path) -> list[Path]:
    folder.mkdir()
    record = next(iter(synth.articles(1, seed=4)))
    (folder / "good.txt").write_text(f"{record.title}\n\n{record.body}\n", encoding="utf-8")
    bad = [folder / "scan.txt", folder / "zero.txt"]
    bad[0].write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)  # binary
    bad[1].write_bytes(b"")  # empty
    return bad


def test_issue14_item4_ingest_exits_1_when_some_inputs_failed(tmp_path: Path) -> None:
    bad = _good_and_bad_inputs(tmp_path / "in")
    result = invoke("ingest", str(tmp_path / "in"), "--db", str(tmp_path / "n.db"), "--no-nlp")
    assert result.exit_code == 1, result.output
    assert "read 1, stored 1" in result.output and "failed 2" in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2  # one line per failed input, naming the file and the problem
    assert str(bad[0]) in errors[0] and "binary" in errors[0]
    assert str(bad[1]) in errors[1] and "empty" in errors[1]
    assert invoke("stats", "--db", str(tmp_path / "n.db"), "-f", "json").exit_code == 0


def test_issue14_item4_ingest_exits_0_when_every_input_was_read(tmp_path: Path) -> None:
    _good_and_bad_inputs(tmp_path / "in")
    good = str(tmp_path / "in" / "good.txt")
    result = invoke("ingest", good, "--db", str(tmp_path / "n.db"), "--no-nlp")
    assert result.exit_code == 0, result.output
    assert "error:" not in result.output


def test_issue14_item19_a_broken_symlink_is_a_failed_input(tmp_path: Path) -> None:
    _good_and_bad_inputs(tmp_path / "in")
    for path in (tmp_path / "in" / "scan.txt", tmp_path / "in" / "zero.txt"):
        path.unlink()
    link = tmp_path / "in" / "moved.txt"
    link.symlink_to(tmp_path / "elsewhere.txt")
    result = invoke("ingest", str(tmp_path / "in"), "--db", str(tmp_path / "n.db"), "--no-nlp")
    assert result.exit_code == 1, result.output
    assert f"error: {link}: broken symbolic link to {tmp_path / 'elsewhere.txt'}" in result.output
    assert "stored 1" in result.output and "failed 1" in result.output


def _capped_connect(pages: int):
    """`connect` whose connection may hold at most `pages` pages: a disk that fills up."""
    from newsgraph.store.db import connect as real_connect

    def capped(path, **kwargs):
        conn = real_connect(path, **kwargs)
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    return capped


def test_issue14_item20_a_full_disk_is_one_line_exit_3_and_a_rerun_stores_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsgraph import job as ingest_module

    folder = tmp_path / "in"
    folder.mkdir()
    for i, record in enumerate(synth.articles(40, seed=8, exact_copy_rate=0.0)):
        (folder / f"{i:02d}.txt").write_text(f"{record.title}\n\n{record.body}\n", "utf-8")
    store = tmp_path / "n.db"
    args = ("ingest", str(folder), "--db", str(store), "--no-nlp", "--batch-size", "4")
    monkeypatch.setenv("NEWSGRAPH_WRITE_BATCH", "4")
    connect(store).close()
    empty_pages = _page_count(store)
    with monkeypatch.context() as m:
        m.setattr(ingest_module, "connect", _capped_connect(empty_pages + 40))
        full = invoke(*args)
    assert full.exit_code == 3, full.output
    lines = full.output.splitlines()
    assert len(lines) == 1, full.output  # no traceback
    assert lines[0].startswith(f"error: {store}: the disk is full (database or disk is full)")
    assert f"free space on {tmp_path} and rerun: stored articles are kept" in lines[0]
    assert lines[0].endswith("[E310]")
    kept = _count(store)
    assert 0 < kept < 40
    rerun = invoke(*args)
    assert rerun.exit_code == 0, rerun.output
    assert f"already stored {kept}" in rerun.output
    assert _count(store) == 40
    assert invoke("check", "--db", str(store)).exit_code == 0


def _page_count(db: Path) -> int:
    conn = connect(db)
    try:
        return int(conn.execute("PRAGMA page_count").fetchone()[0])
    finally:
        conn.close()


def _count(db: Path) -> int:
    conn = connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        conn.close()


def test_issue14_item18_the_progress_bar_shows_the_phase_and_the_total() -> None:
    import io

    from rich.console import Console

    from newsgraph.cli.corpus import _ingest_progress, _progress_fields
    from newsgraph.job import IngestSummary

    screen = io.StringIO()
    progress = _ingest_progress(Console(file=screen, force_terminal=True, width=150))
    task = progress.add_task("starting", total=None, read=0, stored=0, rate=0.0)
    with progress:
        progress.update(task, **_progress_fields(IngestSummary(phase="loading model", total=7)))
        progress.refresh()
        assert "loading model" in screen.getvalue() and "0/7" in screen.getvalue()
        summary = IngestSummary(phase="ingesting", total=7, read=3, stored=3, unreadable=1)
        summary.seconds = 2.0
        progress.update(task, **_progress_fields(summary))
        progress.refresh()
    frame = screen.getvalue().rsplit("loading model", 1)[-1]
    assert "ingesting" in frame and "4/7" in frame and "3 read, 3 stored" in frame
    unknown = _progress_fields(IngestSummary(phase="ingesting", read=5))
    assert unknown["total"] is None and unknown["completed"] == 5  # a stream: no total


def test_issue14_item20_a_file_size_limit_mid_ingest_is_one_line_and_exit_3(
    tmp_path: Path,
) -> None:
    """The same through the operating system: the store's files may not grow past a limit."""
    import os
    import resource
    import signal
    import subprocess
    import sys

    folder = tmp_path / "in"
    folder.mkdir()
    for i, record in enumerate(synth.articles(40, seed=9, exact_copy_rate=0.0)):
        (folder / f"{i:02d}.txt").write_text(f"{record.title}\n\n{record.body}\n", "utf-8")
    store = tmp_path / "n.db"
    connect(store).close()
    limit = store.stat().st_size + 150_000

    def capped() -> None:  # in the child, before it runs Python
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    src = Path(__file__).resolve().parents[1] / "src"
    env = {**os.environ, "PYTHONPATH": str(src), "NEWSGRAPH_WRITE_BATCH": "4"}
    command = [sys.executable, "-c", "from newsgraph.cli import app, corpus; app()"]
    args = ["ingest", str(folder), "--db", str(store), "--no-nlp", "--batch-size", "4"]
    run = subprocess.run(
        [*command, *args], env=env, capture_output=True, text=True, timeout=120, preexec_fn=capped
    )
    assert run.returncode == 3, run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {store}: "), run.stderr
    assert f"free space on {tmp_path} and rerun: stored articles are kept" in lines[0]
    kept = _count(store)
    assert 0 < kept < 40
    rerun = subprocess.run([*command, *args], env=env, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert _count(store) == 40


def test_entity_and_search_show_an_undated_article_as_undated(tmp_path: Path) -> None:
    """`newsgraph entity` dated an undated article by the day it was stored (its last seen and
    a timeline row): a reader took it for the day of the news."""
    from datetime import UTC, datetime

    from newsgraph.clean.assemble import build_article
    from newsgraph.model import Entity, Mention

    def named(body: str, when: datetime | None):
        a = build_article(title=None, standfirst=None, paragraphs=[body], published=when)
        at = a.text.index("Orla Penn")
        person = Entity(
            id="person:orla-penn",
            name="Orla Penn",
            type="person",
            start=at,
            end=at + 9,
            stage="entities",
            mentions=[Mention(start=at, end=at + 9, text="Orla Penn")],
        )
        return a.model_copy(update={"entities": [person]})

    path = tmp_path / "u.db"
    conn = connect(path)
    write_batch(
        conn,
        [
            named("Orla Penn won the county chess final.", datetime(2024, 9, 2, tzinfo=UTC)),
            named("Orla Penn will coach the junior chess team.", None),
        ],
    )
    conn.close()
    today = datetime.now(UTC).date().isoformat()
    shown = invoke("entity", "Orla Penn", "--db", str(path))
    assert shown.exit_code == 0, shown.output
    assert today not in shown.output and "undated" in shown.output
    assert "2 articles (1 undated)" in shown.output
    record = json.loads(invoke("entity", "Orla Penn", "--db", str(path), "-f", "json").output)[0]
    assert record["last_seen"].startswith("2024-09-02") and record["undated"] == 1
    found = invoke("search", "junior", "--db", str(path))
    assert "undated" in found.output


def test_export_of_an_empty_store_says_it_wrote_nothing(tmp_path: Path) -> None:
    """Exporting an empty store to stdout printed nothing at all, as if it had hung or failed."""
    path = tmp_path / "empty.db"
    connect(path).close()
    for fmt in ("jsonl", "csv", "gkg"):
        result = runner.invoke(app, ["export", "--db", str(path), "--format", fmt])
        assert result.exit_code == 0, result.output
        assert "wrote 0 rows: the store has none" in result.stderr
