"""`newsgraph.store.check` and `newsgraph check`: a sound store passes, each damage is named."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from bench import synth
from typer.testing import CliRunner

from newsgraph.cli import app as main_app
from newsgraph.store.check import check, open_for_check
from newsgraph.store.db import connect
from newsgraph.store.schema import LATEST
from newsgraph.store.write import write_batch


@pytest.fixture(scope="module")
def sound(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("check") / "sound.db"
    conn = connect(path)
    articles = list(synth.articles(60, seed=3))
    for start in range(0, len(articles), 20):
        write_batch(conn, articles[start : start + 20])
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


@pytest.fixture
def store(sound: Path, tmp_path: Path) -> Path:
    path = tmp_path / "store.db"
    shutil.copy(sound, path)
    return path


def raw(path: Path) -> sqlite3.Connection:
    """A plain connection without foreign keys: free to damage the store."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    return conn


def problems(path: Path) -> list[str]:
    conn = open_for_check(path)
    try:
        return check(conn, path=path).lines()
    finally:
        conn.close()


def test_a_sound_store_passes(sound: Path) -> None:
    conn = open_for_check(sound)
    report = check(conn, path=sound)
    conn.close()
    assert report.ok, report.lines()
    assert report.articles > 40
    assert report.schema_version == LATEST
    assert report.checks == ["integrity", "schema", "fts", "duplicates", "orphans"]
    assert report.notes == []


def _first_article(conn: sqlite3.Connection) -> str:
    return str(conn.execute("SELECT id FROM articles ORDER BY rowid LIMIT 1").fetchone()[0])


def _delete_article_without_cascade(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM articles WHERE id = ?", (_first_article(conn),))


def _orphan_place(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO places (article_id, start, \"end\", text) VALUES ('gone', 0, 4, 'Nowhere')"
    )


def _orphan_mention_entity(conn: sqlite3.Connection) -> None:
    conn.execute(
        'INSERT INTO mentions (article_id, entity_id, start, "end", text) '
        "VALUES (?, 'person:nobody', 0, 3, 'Nob')",
        (_first_article(conn),),
    )


def _stray_fts_row(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO articles_fts (rowid, title, standfirst, body) VALUES (999999, 'a', 'b', 'c')"
    )


def _same_body_twice(conn: sqlite3.Connection) -> None:
    conn.execute("DROP INDEX IF EXISTS articles_content_hash")
    row = conn.execute("SELECT * FROM articles ORDER BY rowid LIMIT 1").fetchone()
    names = [d[0] for d in conn.execute("SELECT * FROM articles LIMIT 0").description]
    values = dict(zip(names, row, strict=True))
    values["id"] = "copy-of-first"
    values["url"] = "https://copy.example/first"
    marks = ",".join("?" * len(names))
    conn.execute(
        f"INSERT INTO articles ({','.join(names)}) VALUES ({marks})", list(values.values())
    )
    conn.execute(
        "INSERT INTO article_sources (article_id, url, origin, seen_at) "
        "VALUES ('copy-of-first', 'https://copy.example/first', '', 'now')"
    )


def _empty_story(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO stories (id, label, size) VALUES (424242, 'ghost', 3)")


def _missing_story(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE articles SET story_id = 777777 WHERE id = ?", (_first_article(conn),))


def _old_schema(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA user_version = {LATEST - 1}")


def _no_source(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM article_sources WHERE article_id = ?", (_first_article(conn),))


DAMAGE: list[tuple[Callable[[sqlite3.Connection], None], str]] = [
    (_delete_article_without_cascade, "orphans: "),
    (_orphan_place, "orphans: 1 places rows of missing articles (e.g. gone)"),
    (_orphan_mention_entity, "orphans: 1 mentions of missing entities (e.g. person:nobody)"),
    (_stray_fts_row, "fts: "),
    (_same_body_twice, "duplicates: 1 articles repeat another's body hash"),
    (_empty_story, "orphans: 1 stories whose articles are gone (e.g. 424242)"),
    (_missing_story, "orphans: 1 articles in missing stories"),
    (_old_schema, f"schema: schema version {LATEST - 1}, this newsgraph's is {LATEST}"),
    (_no_source, "orphans: 1 articles without a source row"),
]


@pytest.mark.parametrize(("damage", "expected"), DAMAGE, ids=[d.__name__ for d, _ in DAMAGE])
def test_each_kind_of_damage_is_reported(store: Path, damage, expected: str) -> None:
    conn = raw(store)
    damage(conn)
    conn.close()
    found = problems(store)
    assert any(line.startswith(expected) for line in found), found
    assert all("\n" not in line for line in found)


def test_deleting_an_article_by_hand_leaves_orphan_facts_and_sources(store: Path) -> None:
    conn = raw(store)
    _delete_article_without_cascade(conn)
    conn.close()
    found = " | ".join(problems(store))
    assert "article_sources rows of missing articles" in found
    assert "minhash_signatures rows of missing articles" in found


def test_a_corrupted_file_fails_the_integrity_check(store: Path) -> None:
    data = bytearray(store.read_bytes())
    page = 4096
    for offset in range(3 * page, min(len(data), 12 * page), page):
        data[offset + 100 : offset + 400] = bytes(range(256)) + bytes(44)
    store.write_bytes(bytes(data))
    try:
        found = problems(store)
    except Exception as e:
        assert "malformed" in str(e) or "not a database" in str(e)
        return
    assert found and found[0].startswith("integrity: ")


def test_read_only_connection_skips_the_fts_check_with_a_note(sound: Path) -> None:
    conn = sqlite3.connect(f"file:{sound}?mode=ro", uri=True)
    report = check(conn)
    conn.close()
    assert report.ok and report.notes and "read-only" in report.notes[0]


def test_the_check_does_not_migrate_or_create(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="no corpus store here"):
        open_for_check(tmp_path / "absent.db")
    assert not (tmp_path / "absent.db").exists()


def _check_app() -> typer.Typer:
    """The `check` command alone, without leaving it registered on the main app (until the
    lead imports it in newsgraph.cli, docs/cli.md does not list it)."""
    before = list(main_app.registered_commands)
    from newsgraph.cli import check as module

    main_app.registered_commands[:] = before
    single = typer.Typer()
    single.command()(module.check)
    return single


app = _check_app()
runner = CliRunner()


def test_cli_exits_0_on_a_sound_store(sound: Path) -> None:
    result = runner.invoke(app, ["--db", str(sound)])
    assert result.exit_code == 0, result.output
    as_json = runner.invoke(app, ["--db", str(sound), "--format", "json"])
    assert as_json.exit_code == 0
    report = json.loads(as_json.stdout)
    assert report["ok"] is True and report["problems"] == []


def test_cli_exits_1_with_one_line_per_problem(store: Path) -> None:
    conn = raw(store)
    _orphan_place(conn)
    _empty_story(conn)
    conn.close()
    result = runner.invoke(app, ["--db", str(store)])
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if line]
    assert lines[:-1] == [
        "orphans: 1 places rows of missing articles (e.g. gone)",
        "orphans: 1 stories whose articles are gone (e.g. 424242)",
    ]
    assert lines[-1].startswith(f"{store}: 2 problems (")  # the verdict is the report's too
    assert result.stderr == ""
    report = json.loads(runner.invoke(app, ["--db", str(store), "--format", "json"]).stdout)
    assert report["ok"] is False and len(report["problems"]) == 2


def test_audit_item15_the_verdict_goes_to_stdout(sound: Path) -> None:
    result = runner.invoke(app, ["--db", str(sound)])
    assert result.stdout.strip().splitlines()[-1].startswith(f"{sound}: ok (")
    assert result.stderr == ""


def test_cli_missing_store_is_one_line_exit_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--db", str(tmp_path / "nope.db")])
    assert result.exit_code == 1
    assert "no corpus store here" in result.output
    assert not (tmp_path / "nope.db").exists()
