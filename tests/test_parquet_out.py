"""Partitioned Parquet output: one partition per day, readable back as Articles and by pyarrow."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from newsgraph.clean.assemble import build_article
from newsgraph.errors import InputError
from newsgraph.model import Entity, Mention, Theme, Tone
from newsgraph.store.parquet import (
    ParquetWriter,
    parquet_dir,
    partition,
    partitions,
    read_articles,
    write_articles,
)


def _article(n: int, published: datetime | None):
    article = build_article(
        title=f"Harbour board approves dredging plan {n}",
        standfirst=None,
        paragraphs=[
            f"The Lowmere harbour board voted {n} to 2 on Tuesday to deepen the channel.",
            "Chair Odile Brannagh said the work would start in spring.",
        ],
        published=published,
        url=f"https://lowmere-gazette.example/harbour/{n}",
        source="lowmere-gazette.example",
        origin=f"feed:{n}",
    )
    start = article.text.index("Odile Brannagh")
    entity = Entity(
        start=start,
        end=start + 14,
        stage="entities",
        id="person:odile-brannagh",
        name="Odile Brannagh",
        type="person",
        mentions=[Mention(start=start, end=start + 14, text="Odile Brannagh")],
    )
    theme = Theme(start=0, end=7, stage="themes", name="INFRASTRUCTURE", score=0.5)
    tone = Tone(tone=1.5, positive=2.0, negative=0.5, polarity=2.5, word_count=30)
    return article.model_copy(update={"entities": [entity], "themes": [theme], "tone": tone})


def test_parquet_dir_parses_only_the_scheme() -> None:
    assert parquet_dir("parquet:///data/out") == Path("/data/out")
    assert parquet_dir("parquet://rel/dir") == Path("rel/dir")
    assert parquet_dir("corpus.db") is None


def test_partition_is_the_utc_day_or_unknown() -> None:
    late = datetime(2026, 3, 4, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert partition(_article(1, late)) == "2026-03-05"
    assert partition(_article(2, None)) == "unknown"


def test_round_trip_by_day(tmp_path: Path) -> None:
    day1 = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
    day2 = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)
    articles = [_article(1, day1), _article(2, day2), _article(3, day1), _article(4, None)]
    assert write_articles(tmp_path, articles) == 4
    assert partitions(tmp_path) == {"2026-03-04": 2, "2026-03-05": 1, "unknown": 1}
    back = sorted(read_articles(tmp_path), key=lambda a: a.origin or "")
    assert back == sorted(articles, key=lambda a: a.origin or "")
    only = list(read_articles(tmp_path, day="2026-03-05"))
    assert [a.origin for a in only] == ["feed:2"]


def test_queryable_as_a_hive_dataset(tmp_path: Path) -> None:
    day = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
    write_articles(tmp_path, [_article(n, day) for n in range(3)] + [_article(9, None)])
    table = ds.dataset(tmp_path, format="parquet", partitioning="hive").to_table()
    rows = table.to_pylist()
    assert sorted(str(r["date"]) for r in rows) == ["2026-03-04"] * 3 + ["unknown"]
    assert all(r["entities"] == ["Odile Brannagh"] for r in rows)
    assert all(r["themes"] == ["INFRASTRUCTURE"] and r["tone"] == 1.5 for r in rows)


def test_small_files_flush_as_they_fill(tmp_path: Path) -> None:
    day = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
    with ParquetWriter(tmp_path, rows_per_file=2) as writer:
        writer.write(_article(n, day) for n in range(5))
        assert len(list(tmp_path.glob("date=*/part-*.parquet"))) == 2
    assert len(list(tmp_path.glob("date=*/part-*.parquet"))) == 3
    assert not list(tmp_path.rglob("*.tmp"))
    assert len(list(read_articles(tmp_path))) == 5


def test_missing_directory_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no Parquet directory"):
        list(read_articles(tmp_path / "absent"))
