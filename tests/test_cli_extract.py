from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.demo import demo_dir
from newsgraph.model import SCHEMA_VERSION

runner = CliRunner()

DUMP = """World
Floods cut off villages in the north
Rescue teams struggle to reach the valley after two days of rain
Flash floods have cut off dozens of villages in the north of the country, officials said on Monday, as rescue teams struggled to reach the valley.
The regional governor said about 3,000 people had been moved to schools and mosques, and that the army had sent helicopters.
"""


def test_extract_writes_one_json_line_per_article(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DUMP, encoding="utf-8")
    (tmp_path / "b.txt").write_text(DUMP.replace("north", "south"), encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "--no-nlp"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 2
    assert {r["schema_version"] for r in records} == {SCHEMA_VERSION}
    assert all("Flash floods" in r["body"] for r in records)


def test_a_bad_input_is_one_line_and_the_rest_is_still_written(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(DUMP, encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(
        app,
        ["extract", str(binary), str(good), str(empty), str(tmp_path / "missing.txt"), "--no-nlp"],
    )
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    errors = result.stderr.splitlines()
    assert len(errors) == 3
    assert any("image.txt" in e and "E102" in e for e in errors)
    assert any("empty.txt" in e and "E101" in e for e in errors)
    assert any("missing.txt" in e and "E109" in e for e in errors)


def test_text_format_and_stdin() -> None:
    result = runner.invoke(app, ["extract", "-", "--no-nlp", "--format", "text"], input=DUMP)
    assert result.exit_code == 0
    assert "Flash floods have cut off dozens of villages" in result.stdout


def test_usage_errors_exit_2() -> None:
    assert runner.invoke(app, ["extract"]).exit_code == 2
    assert runner.invoke(app, ["extract", "x.txt", "--format", "xml"]).exit_code == 2


@pytest.mark.slow
def test_demo_articles_extract_with_nlp() -> None:
    result = runner.invoke(app, ["extract", str(demo_dir()), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == len(list(demo_dir().iterdir()))
    assert sum(len(r["entities"]) for r in records) >= len(records)
    for record in records:
        text = record["text"]
        for entity in record["entities"]:
            for m in entity["mentions"]:
                assert text[m["start"] : m["end"]] == m["text"]


def test_help_and_cleaning_import_no_model_or_clustering(tmp_path) -> None:
    """Issue 14 item 21: `--help` took 3.9 s and `--no-nlp` 4.4 s, importing everything."""
    import subprocess
    import sys

    dump = tmp_path / "small.txt"
    dump.write_text("Harbour vote delayed\n\nThe board put off its vote until March.\n")
    probe = (
        "import sys\n"
        "from newsgraph.cli import app\n"
        "from typer.testing import CliRunner\n"
        "heavy = ('spacy', 'sklearn', 'scipy', 'newsgraph.pipeline', 'newsgraph.model')\n"
        "assert not [m for m in heavy if m in sys.modules], 'import newsgraph.cli'\n"
        "CliRunner().invoke(app, ['--help'])\n"
        "assert not [m for m in heavy if m in sys.modules], '--help'\n"
        "result = CliRunner().invoke(app, ['extract', '--no-nlp', sys.argv[1]])\n"
        "assert result.exit_code == 0, result.output\n"
        "loaded = [m for m in ('spacy', 'sklearn', 'newsgraph.pipeline') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    run = subprocess.run([sys.executable, "-c", probe, str(dump)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


# -- issue 15, section 1: --config ---------------------------------------------------------------


def test_issue15_config_file_names_the_model_and_the_stages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file beats the environment: a model the environment names but nobody installed
    is never loaded, and only the stages the file names run."""
    monkeypatch.setenv("NEWSGRAPH_SPACY_MODEL", "no_such_model_installed")
    config = tmp_path / "newsgraph.toml"
    config.write_text('spacy_model = "blank:en"\nstages = ["dates", "themes"]\n')
    source = tmp_path / "a.txt"
    source.write_text(DUMP.replace("on Monday", "on 2024-03-04"), encoding="utf-8")
    result = runner.invoke(app, ["--config", str(config), "extract", str(source)])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert "2024-03-04" in [d["text"] for d in record["dates"]]
    assert record["entities"] == [] and record["tone"] is None and record["errors"] == []


def test_issue15_a_bad_config_or_stage_order_is_a_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(DUMP, encoding="utf-8")
    config = tmp_path / "bad.toml"
    config.write_text('spacy_modle = "blank:en"\n')
    result = runner.invoke(app, ["--config", str(config), "extract", str(source)])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {config}: unknown setting 'spacy_modle' (known: batch_size, ")
    assert "spacy_model, stages" in line and line.endswith(") [E100]")
    config.write_text('spacy_model = "blank:en"\nstages = ["quotes", "entities"]\n')
    result = runner.invoke(app, ["--config", str(config), "extract", str(source)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: stage 'quotes' requires 'entities', which stage 'entities' assigns: "
        "put 'entities' before 'quotes' [E202]"
    ]
    missing = runner.invoke(app, ["--config", str(tmp_path / "none.toml"), "extract", "-"])
    assert missing.exit_code == 2 and "config file not found" in missing.stderr


def test_a_source_that_is_no_path_is_missing_not_text(tmp_path: Path, monkeypatch) -> None:
    """Audit item 1: a mistyped folder (or words) was read as the text of an article."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["extract", "dumps", "--no-nlp"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip() == "error: dumps: no such file or directory [E109]"
    result = runner.invoke(app, ["extract", "Some words about Mali", "--no-nlp"])
    assert result.exit_code == 1 and result.stdout == ""
    assert "Some words about Mali: no such file or directory" in result.stderr
