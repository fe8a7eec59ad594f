"""The store schema: migrations by user_version, tables readable by plain sqlite3."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsgraph.errors import E_STORE_OPEN, StoreError
from newsgraph.store import schema
from newsgraph.store.db import connect

TABLES = {
    "articles",
    "article_sources",
    "entities",
    "mentions",
    "places",
    "quotes",
    "amounts",
    "dates",
    "themes",
    "events",
    "stories",
    "articles_fts",
}


def test_a_new_store_is_at_the_latest_version_with_every_table(tmp_path: Path) -> None:
    conn = connect(tmp_path / "n.db")
    assert schema.version(conn) == schema.LATEST
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert names >= TABLES
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_migrating_twice_changes_nothing(tmp_path: Path) -> None:
    conn = connect(tmp_path / "n.db")
    before = conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    assert schema.migrate(conn) == schema.LATEST
    conn.close()
    again = connect(tmp_path / "n.db")
    assert again.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == before


def test_migrations_apply_in_order_from_an_older_store(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "old.db"
    connect(path).close()
    extra = "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);"
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, extra))
    monkeypatch.setattr(schema, "LATEST", len(schema.MIGRATIONS))
    conn = sqlite3.connect(path, isolation_level=None)
    assert schema.migrate(conn) == schema.LATEST
    assert schema.version(conn) == schema.LATEST
    assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 0


def test_a_failing_migration_rolls_back_and_says_which(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "old.db"
    connect(path).close()  # at the real latest version
    broken = "CREATE TABLE fine (x INTEGER);\nCREATE TABLE articles (x INTEGER);"
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, broken))
    monkeypatch.setattr(schema, "LATEST", len(schema.MIGRATIONS))
    conn = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(StoreError, match=f"migration {schema.LATEST} failed"):
        schema.migrate(conn)
    assert schema.version(conn) == schema.LATEST - 1
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name='fine'").fetchone()[0] == 0


def test_a_store_from_a_newer_newsgraph_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.LATEST + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        connect(path)


def test_a_missing_store_is_not_created_when_reading(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no corpus store"):
        connect(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()


def test_a_version_1_store_is_brought_up_to_date(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in schema._statements(schema.MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    upgraded = connect(path)
    assert schema.version(upgraded) == schema.LATEST
    indexes = {r[0] for r in upgraded.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"places_country", "places_text"} <= indexes


def test_a_version_5_store_keeps_its_near_duplicate_index_through_migration_6(
    tmp_path: Path, monkeypatch
) -> None:
    from tests.test_store_write import article

    from newsgraph.corpus import dedup
    from newsgraph.store.write import prepare, write_batch

    body = (
        "Workers at the Felden port stopped loading ships on Tuesday after talks on pay "
        "collapsed late on Monday night. The union said the strike would last at least three "
        "days and could spread to two other harbours along the coast. Managers said they "
        "regretted the decision and hoped to return to the table soon, while shipping firms "
        "warned of delays to deliveries of grain, fuel and spare parts across the region."
    )
    one = article("Port strike", body, url="https://a.example/p")
    prep = prepare([one])[0]
    path = tmp_path / "v5.db"
    conn = sqlite3.connect(path, isolation_level=None)
    monkeypatch.setattr(schema, "LATEST", 5)
    schema.migrate(conn)
    conn.execute(
        "INSERT INTO articles (id, url, body, text, content_hash, record_json, ingested_at) "
        "VALUES (?, ?, ?, ?, ?, ?, '2025-06-03')",
        (one.id, one.url, one.body, one.text, prep.key, one.to_json()),
    )
    conn.executemany(
        "INSERT INTO minhash_bands (band, key, article_id) VALUES (?, ?, ?)",
        [(band, key, one.id) for band, key in enumerate(prep.bands)],
    )
    assert prep.signature is not None
    conn.execute(
        "INSERT INTO minhash_signatures VALUES (?, ?)", (one.id, dedup.to_blob(prep.signature))
    )
    conn.close()
    monkeypatch.setattr(schema, "LATEST", len(schema.MIGRATIONS))

    store = connect(path)
    assert schema.version(store) == len(schema.MIGRATIONS)
    kept = store.execute("SELECT key FROM minhash_bands WHERE article_id = ?", (one.id,))
    assert sorted(r[0] for r in kept) == sorted(prep.bands)
    copy = article("Port strike (update)", body.replace("soon", "shortly"))
    assert write_batch(store, [copy]).near_duplicates == [(copy.id, one.id)]


def test_migration_12_drops_the_store_time_an_undated_article_gave_its_entities(
    tmp_path: Path,
) -> None:
    """Stores written before it hold the ingest time as an entity's last seen when an undated
    article named it; the migration recomputes first/last seen from publication dates."""
    from datetime import UTC, datetime

    from newsgraph.clean.assemble import build_article
    from newsgraph.model import Entity, Mention
    from newsgraph.store.read import get_entity
    from newsgraph.store.write import write_batch

    def named(title: str, when: datetime | None):
        a = build_article(title=title, standfirst=None, paragraphs=[f"Ada Brook spoke: {title}."])
        at = a.text.index("Ada Brook")
        person = Entity(
            id="person:ada-brook",
            name="Ada Brook",
            type="person",
            start=at,
            end=at + 9,
            stage="entities",
            mentions=[Mention(start=at, end=at + 9, text="Ada Brook")],
        )
        return a.model_copy(update={"entities": [person], "published": when})

    path = tmp_path / "old.db"
    conn = connect(path)
    write_batch(conn, [named("Bridge opens", datetime(2025, 6, 3, 9, tzinfo=UTC))])
    write_batch(conn, [named("School visit", None)])
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    conn.execute("UPDATE entities SET last_seen = '2026-11-30T10:00:00+00:00'")  # as written
    conn.execute(f"PRAGMA user_version = {schema.LATEST - 1}")
    conn.close()
    conn = connect(path)
    assert schema.version(conn) == schema.LATEST
    assert get_entity(conn, "Ada Brook").last_seen == "2025-06-03T09:00:00+00:00"


def test_a_directory_given_as_the_store_says_so(tmp_path: Path) -> None:
    """`--db dumps/` said only SQLite's "unable to open database file"."""
    with pytest.raises(StoreError, match="is a directory: give the store's file name") as found:
        connect(tmp_path)
    assert found.value.code == E_STORE_OPEN and found.value.origin == str(tmp_path)


def test_a_store_in_a_missing_folder_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    from newsgraph.store.db import writer_lock

    with pytest.raises(StoreError) as e, writer_lock(tmp_path / "nowhere" / "w.db"):
        pass
    assert e.value.code == E_STORE_OPEN and "cannot open store" in e.value.one_line()
