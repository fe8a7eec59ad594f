"""Exporting the store: JSON lines, CSV, Parquet and GKG 2.1."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC
from pathlib import Path

import pytest
from bench import synth

from newsgraph.errors import StoreError
from newsgraph.model import Article
from newsgraph.store.db import connect
from newsgraph.store.export import GKG_COLUMNS, export, gkg_row
from newsgraph.store.write import write_batch


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    conn = connect(tmp_path_factory.mktemp("e") / "e.db")
    records = list(synth.articles(12, seed=5))
    write_batch(conn, records)
    yield conn, records
    conn.close()


def test_jsonl_without_a_table_writes_the_article_records(store, tmp_path: Path) -> None:
    conn, records = store
    out = tmp_path / "a.jsonl"
    n = export(conn, "jsonl", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert n == len(lines) == stored
    assert Article.model_validate_json(lines[0]) == records[0]


def test_jsonl_and_csv_of_one_table(store, tmp_path: Path) -> None:
    conn, _ = store
    export(conn, "jsonl", tmp_path / "e.jsonl", table="entities")
    rows = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert rows and {"id", "name", "type", "article_count"} <= set(rows[0])
    export(conn, "csv", tmp_path / "p.csv", table="places")
    table = list(csv.DictReader(io.StringIO((tmp_path / "p.csv").read_text())))
    assert table and table[0]["country_code"]


def test_parquet(store, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    conn, _ = store
    n = export(conn, "parquet", tmp_path / "a.parquet", table="articles")
    assert pq.read_table(tmp_path / "a.parquet").num_rows == n


def test_gkg_has_27_tab_separated_columns_per_original_article(store, tmp_path: Path) -> None:
    conn, _ = store
    export(conn, "gkg", tmp_path / "g.tsv")
    lines = (tmp_path / "g.tsv").read_text(encoding="utf-8").splitlines()
    originals = conn.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NULL").fetchone()[
        0
    ]
    assert len(lines) == originals
    for line in lines:
        assert len(line.split("\t")) == len(GKG_COLUMNS) == 27


def test_gkg_fields_follow_the_documented_mapping() -> None:
    record = next(synth.articles(1, seed=9))
    fields = dict(zip(GKG_COLUMNS, gkg_row(record, 1), strict=True))
    assert fields["V2.1DATE"] == record.published.astimezone(UTC).strftime("%Y%m%d%H%M%S")  # type: ignore[union-attr]
    assert fields["GKGRECORDID"] == fields["V2.1DATE"] + "-1"
    assert fields["V2SOURCECOLLECTIONIDENTIFIER"] == "1"
    assert fields["V2DOCUMENTIDENTIFIER"] == record.url
    person = next(e for e in record.entities if e.type == "person")
    assert fields["V1PERSONS"] == person.name
    assert fields["V2ENHANCEDPERSONS"].startswith(f"{person.name},{person.mentions[0].start}")
    place = record.places[0]
    assert fields["V1LOCATIONS"].split("#")[:3] == ["4", place.name, place.country_code]
    assert fields["V1.5TONE"].split(",")[-1] == str(record.tone.word_count)  # type: ignore[union-attr]
    assert fields["V2EXTRASXML"] == f"<PAGE_TITLE>{record.title}</PAGE_TITLE>"
    (quote,) = record.quotes
    assert fields["V2.1QUOTATIONS"] == (
        f"{quote.start}|{quote.end - quote.start}|{quote.cue}|{quote.text}"
    )


def test_unknown_formats_and_tables_are_refused(store) -> None:
    conn, _ = store
    with pytest.raises(StoreError, match="unknown table"):
        export(conn, "csv", None, table="sqlite_master; --")
    with pytest.raises(StoreError, match="unknown export format"):
        export(conn, "xml", None)
    with pytest.raises(StoreError, match="needs --out"):
        export(conn, "parquet", None)


def test_gkg_date_is_utc_whatever_the_source_offset() -> None:
    """Issue 14 item 13: a time stored as 05:00:35Z must not come out in local time."""
    from datetime import datetime, timedelta, timezone

    record = next(synth.articles(1, seed=9))
    eastern = timezone(timedelta(hours=-5))
    local = record.model_copy(update={"published": datetime(2026, 1, 16, 0, 0, 35, tzinfo=eastern)})
    fields = dict(zip(GKG_COLUMNS, gkg_row(local, 1), strict=True))
    assert fields["V2.1DATE"] == "20260116050035"
    undated = record.model_copy(update={"published": None})
    fields = dict(
        zip(
            GKG_COLUMNS, gkg_row(undated, 1, fallback_time="2026-01-16T05:00:35+00:00"), strict=True
        )
    )
    assert fields["V2.1DATE"] == "20260116050035"
