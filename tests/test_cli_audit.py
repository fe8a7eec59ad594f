"""The CLI audit: what a new user met in the first hour (one test or more per finding)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]


def invoke(*args: str, **kwargs):
    return runner.invoke(app, list(args), **kwargs)


def test_item1_ingest_reads_words_as_a_missing_file_not_an_article(tmp_path: Path) -> None:
    store = tmp_path / "junk.db"
    result = invoke("ingest", "Some words about Mali", "--db", str(store), "--no-nlp")
    assert result.exit_code == 1, result.output
    assert "read 0, stored 0" in result.output
    assert "error: Some words about Mali: no such file or directory [E109]" in result.output


MISSING_MODEL = "spaCy model 'en_core_web_nope' is not installed"


@pytest.mark.parametrize("workers", ["1", "2"])
def test_item2_a_model_that_is_not_installed_is_one_line_before_any_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: str
) -> None:
    monkeypatch.setenv("NEWSGRAPH_SPACY_MODEL", "en_core_web_nope")
    (tmp_path / "a.txt").write_text("Troops crossed the border on Monday.\n", encoding="utf-8")
    result = invoke("ingest", str(tmp_path), "--db", str(tmp_path / "n.db"), "-w", workers)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and MISSING_MODEL in lines[0] and "[E203]" in lines[0]
    assert "NEWSGRAPH_SPACY_MODEL" in lines[0]
    assert not (tmp_path / "n.db").exists()


def test_item2_extract_names_the_missing_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSGRAPH_SPACY_MODEL", "en_core_web_nope")
    (tmp_path / "a.txt").write_text("Troops crossed the border on Monday.\n", encoding="utf-8")
    result = invoke("extract", str(tmp_path / "a.txt"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and MISSING_MODEL in result.stderr
    assert "[E203]" in result.stderr and "-m pip install en_core_web_nope" in result.stderr


def test_watch_refuses_a_missing_model_as_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`watch` told a model that is not installed with the generic stage code (E200), exit 1,
    after opening the store; now it is one line, E203, exit 2, before anything is fetched."""
    monkeypatch.setenv("NEWSGRAPH_SPACY_MODEL", "en_core_web_nope")
    (tmp_path / "urls.txt").write_text("http://127.0.0.1:9/feed.xml\n", encoding="utf-8")
    result = invoke("watch", str(tmp_path / "urls.txt"), "--db", str(tmp_path / "w.db"), "--once")
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and MISSING_MODEL in result.stderr
    assert "[E203]" in result.stderr


def test_item2_the_library_names_the_missing_model_too() -> None:
    from newsgraph.errors import StageFailure
    from newsgraph.nlp.spacy_model import check_model, load_nlp

    check_model("blank:en")
    with pytest.raises(StageFailure, match=MISSING_MODEL):
        check_model("en_core_web_nope")
    with pytest.raises(StageFailure, match=MISSING_MODEL):
        load_nlp("en_core_web_nope")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench import synth

    from newsgraph.store.db import connect
    from newsgraph.store.write import write_batch

    path = tmp_path_factory.mktemp("audit") / "c.db"
    conn = connect(path)
    write_batch(conn, list(synth.articles(12, seed=5)))
    conn.close()
    return path


@pytest.mark.parametrize(
    ("option", "value"),
    [("--until", "2026-3-14"), ("--since", "16/03/2026"), ("--since", "yesterday")],
)
def test_item3_search_refuses_a_date_it_cannot_read(db: Path, option: str, value: str) -> None:
    result = invoke("search", "", "--db", str(db), option, value)
    assert result.exit_code == 2
    assert result.stdout == ""
    line = result.stderr.strip()
    assert line.count("\n") == 0 and f"{option[2:]}: not a date or time: {value!r}" in line
    assert "YYYY-MM-DD" in line and line.endswith("[E308]")


def test_item3_search_takes_dates_and_times_as_trends_does(db: Path) -> None:
    from newsgraph.store.search import day_bounds

    every = json.loads(invoke("search", "", "--db", str(db), "-f", "json", "--limit", "100").stdout)
    days = sorted(h["published"][:10] for h in every if h["published"])
    first, last = days[0], days[-1]
    for args in (["--since", first, "--until", last], ["--since", f"{first}T00:00"]):
        got = invoke("search", "", "--db", str(db), "-f", "json", "--limit", "100", *args)
        assert got.exit_code == 0, got.output
        assert len(json.loads(got.stdout)) == len([d for d in days if first <= d <= last])
    backwards = invoke("search", "", "--db", str(db), "--since", last, "--until", "1990-01-01")
    assert backwards.exit_code == 2 and "is after until" in backwards.stderr
    assert day_bounds("2026-03-14", "2026-03-14")[0] == "2026-03-14"
    assert day_bounds("2026-03-14T10:00+02:00", None) == ("2026-03-14T08:00:00+00:00", "9999")


@pytest.mark.parametrize(
    ("out", "problem"),
    [("missing/dir/x.jsonl", "no such directory"), (".", "it is a directory")],
)
def test_item5_export_to_a_path_it_cannot_write_is_one_line_and_exit_2(
    db: Path, tmp_path: Path, out: str, problem: str
) -> None:
    target = str(tmp_path / out)
    for fmt in ("jsonl", "parquet"):
        result = invoke("export", "--db", str(db), "-f", fmt, "-o", target)
        assert result.exit_code == 2, result.output
        assert result.stderr.count("\n") == 1
        assert (
            result.stderr.startswith(f"error: {target}: cannot write") and problem in result.stderr
        )
        assert "[E307]" in result.stderr


def test_item14_export_refuses_options_that_do_not_apply_as_usage_errors(db: Path) -> None:
    result = invoke("export", "--db", str(db), "--table", "entities", "-f", "gkg")
    assert result.exit_code == 2 and "--table does not apply to gkg" in result.stderr
    assert result.stdout == ""
    result = invoke("export", "--db", str(db), "-f", "parquet")
    assert result.exit_code == 2 and "needs --out PATH" in result.stderr


def test_item6_an_unreachable_scheduler_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("distributed")
    from newsgraph import batch

    monkeypatch.setattr(batch, "CONNECT_TIMEOUT_S", 1)
    monkeypatch.setenv("NEWSGRAPH_SPACY_MODEL", "blank:en")
    (tmp_path / "a.txt").write_text("Troops crossed the border on Monday.\n", encoding="utf-8")
    for out in (["--db", str(tmp_path / "n.db")], ["--out", f"parquet://{tmp_path}/pq/"]):
        args = ["ingest", str(tmp_path / "a.txt"), "--dask", "tcp://127.0.0.1:1", *out]
        result = invoke(*args)
        lines = [x for x in result.output.splitlines() if x.strip()]
        assert result.exit_code == 1, result.output
        assert len(lines) == 1, result.output
        assert "cannot reach the Dask scheduler at tcp://127.0.0.1:1 within 1 s" in lines[0]
        assert "[E000]" in lines[0]


TEXT = "Floods cut off villages in the {} on Monday, officials said.\n"


def _inputs(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i, where in enumerate(["north", "south", "east"][:n]):
        (folder / f"{i}.txt").write_text(TEXT.format(where), encoding="utf-8")
    return folder


def test_item7_json_is_one_object_for_one_article_and_an_array_for_several(
    tmp_path: Path,
) -> None:
    one = invoke("extract", str(_inputs(tmp_path / "one", 1)), "--no-nlp", "-f", "json")
    assert one.exit_code == 0 and isinstance(json.loads(one.stdout), dict)
    many = invoke("extract", str(_inputs(tmp_path / "many", 3)), "--no-nlp", "-f", "json")
    assert many.exit_code == 0
    records = json.loads(many.stdout)
    assert isinstance(records, list) and len(records) == 3
    assert {r["text"].split()[6] for r in records} == {"north", "south", "east"}


def test_item7_text_puts_a_separator_line_between_articles(tmp_path: Path) -> None:
    from newsgraph.cli.extract import TEXT_SEPARATOR

    many = invoke("extract", str(_inputs(tmp_path / "many", 3)), "--no-nlp", "-f", "text")
    parts = many.stdout.split(f"\n{TEXT_SEPARATOR}\n")
    assert len(parts) == 3 and all("Floods cut off" in p for p in parts)


def _run(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "newsgraph", *args], env=env, text=True, timeout=120, **kwargs
    )


def test_item12_python_dash_m_newsgraph_runs_the_command() -> None:
    result = _run("--help", capture_output=True)
    assert result.returncode == 0 and "extract" in result.stdout


def test_item13_a_reader_that_stops_early_is_no_error(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(300):  # far more than a pipe holds
        (folder / f"{i:03d}.txt").write_text(TEXT.format(f"valley {i}"), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "newsgraph", "extract", str(folder), "--no-nlp"]
    extract = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert extract.stdout is not None and extract.stderr is not None
    assert extract.stdout.readline().startswith("{")
    extract.stdout.close()  # as `head -1` does
    assert extract.wait(timeout=120) == 0
    assert extract.stderr.read() == ""


def test_item18_sources_remove_forgets_a_mistyped_feed(tmp_path: Path) -> None:
    from newsgraph.store.db import connect
    from newsgraph.store.sources import add_sources

    store = tmp_path / "w.db"
    conn = connect(store)
    good, typo = "https://example.org/rss.xml", "https://example.org/rs.xml"
    add_sources(conn, [(good, "feed"), (typo, "feed")], now="2026-03-01T00:00:00+00:00")
    conn.close()
    result = invoke("sources", "--db", str(store), "--remove", typo)
    assert result.exit_code == 0, result.output
    assert "removed 1 source" in result.stderr
    listed = json.loads(invoke("sources", "--db", str(store), "--json").stdout)
    assert [s["url"] for s in listed] == [good]
    again = invoke("sources", "--db", str(store), "--remove", typo)
    assert again.exit_code == 1
    # the code ends the line, as every error's does (the hint sat after it)
    assert f"error: {typo}: not a watched source (`newsgraph sources` lists them) [E109]\n" in (
        again.stderr
    )


def test_item11_search_takes_event_type_and_refuses_unknown_types(db: Path) -> None:
    for option in ("--event-type", "--type"):
        ok = invoke("search", "", "--db", str(db), option, "protest", "-f", "json")
        assert ok.exit_code == 0, ok.output
    bad = invoke("search", "", "--db", str(db), "--event-type", "NOPE")
    assert bad.exit_code == 2 and bad.stdout == ""
    assert "unknown event type 'NOPE' (one of AGREE, CONSULT" in bad.stderr
    assert bad.stderr.strip().endswith("[E308]")
    trends = invoke("trends", "--db", str(db), "--event-type", "NOPE")
    assert trends.exit_code == 2 and "unknown event type" in trends.stderr


def test_item17_alert_add_option_errors_carry_a_code(tmp_path: Path) -> None:
    store = str(tmp_path / "a.db")
    since = invoke("alert", "add", "x", "flood", "--db", store, "--since", "yesterday")
    assert since.exit_code == 2
    assert since.stderr.startswith("error: --since: not a date or time: 'yesterday'")
    assert since.stderr.strip().endswith("[E308]")
    hook = invoke("alert", "add", "x", "flood", "--db", store, "--webhook", "ftp://x")
    assert hook.exit_code == 2
    assert hook.stderr.strip() == (
        "error: --webhook: 'ftp://x' is not a webhook URL: it must start with http:// or "
        "https:// and name a host, e.g. https://hooks.example.org/news [E001]"
    )
    kind = invoke("alert", "add", "x", "", "--db", store, "--event-type", "RIOT")
    assert kind.exit_code == 2 and "unknown event type 'RIOT'" in kind.stderr


def test_item17_watch_every_error_carries_a_code(tmp_path: Path) -> None:
    result = invoke("watch", "--db", str(tmp_path / "w.db"), "--every", "soon")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "error: --every: not a duration: 'soon' (e.g. 90s, 15m, 1h) [E001]"
    )


@pytest.mark.parametrize("workers", ["0", "-3"])
def test_item10_fewer_than_one_worker_is_a_usage_error(tmp_path: Path, workers: str) -> None:
    result = invoke("ingest", str(tmp_path), "--db", str(tmp_path / "n.db"), "-w", workers)
    assert result.exit_code == 2
    assert "--workers" in result.output and not (tmp_path / "n.db").exists()


def test_version_prints_the_installed_version() -> None:
    """`newsgraph --version`, the first thing many try, was "No such option"."""
    from importlib import metadata

    result = invoke("--version")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"newsgraph {metadata.version('newsgraph')}\n"
