"""Analysed articles as partitioned Parquet: `DIR/date=YYYY-MM-DD/part-*.parquet`.

For corpora too large for one SQLite file. One partition per publication day (UTC);
`date=unknown` holds articles without a date. Each row is one article: flat columns to query
(id, url, source, title, published, language, text, counts, tone, entity and theme names) and
`record`, the whole `Article` as JSON, which `read_articles` turns back into records. The
partition column comes from the directory names (Hive style), as DuckDB and Spark expect:

    duckdb: SELECT date, count(*) FROM read_parquet('DIR/*/*.parquet', hive_partitioning=true)
            GROUP BY date
    spark:  spark.read.parquet("DIR").groupBy("date").count()

Rows are buffered and written in files of up to `rows_per_file` rows; each file is written under
a temporary name and renamed when complete, so a reader never sees half a file.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from newsgraph.errors import InputError
from newsgraph.model import Article

UNKNOWN = "unknown"
ROWS_PER_FILE = 2000
SCHEME = "parquet://"


def parquet_dir(target: str | Path) -> Path | None:
    """The directory of a `parquet://DIR` target, or None for anything else (a SQLite path)."""
    text = str(target)
    return Path(text.removeprefix(SCHEME)) if text.startswith(SCHEME) else None


def partition(article: Article) -> str:
    """The partition of an article: its publication day in UTC, or "unknown"."""
    if article.published is None:
        return UNKNOWN
    from datetime import UTC

    return article.published.astimezone(UTC).date().isoformat()


def _schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            ("id", pa.string()),
            ("url", pa.string()),
            ("source", pa.string()),
            ("origin", pa.string()),
            ("title", pa.string()),
            ("published", pa.timestamp("us", tz="UTC")),
            ("language", pa.string()),
            ("text", pa.string()),
            ("entities", pa.list_(pa.string())),
            ("entity_types", pa.list_(pa.string())),
            ("themes", pa.list_(pa.string())),
            ("places", pa.list_(pa.string())),
            ("country_codes", pa.list_(pa.string())),
            ("event_types", pa.list_(pa.string())),
            ("n_quotes", pa.int32()),
            ("n_amounts", pa.int32()),
            ("n_dates", pa.int32()),
            ("tone", pa.float64()),
            ("word_count", pa.int32()),
            ("n_errors", pa.int32()),
            ("schema_version", pa.string()),
            ("record", pa.string()),
        ]
    )


def _row(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "url": article.url,
        "source": article.source,
        "origin": article.origin,
        "title": article.title,
        "published": article.published,
        "language": article.language,
        "text": article.text,
        "entities": [e.name for e in article.entities],
        "entity_types": [e.type for e in article.entities],
        "themes": [t.name for t in article.themes],
        "places": [p.name or p.text for p in article.places],
        "country_codes": sorted({p.country_code for p in article.places if p.country_code}),
        "event_types": [e.type for e in article.events],
        "n_quotes": len(article.quotes),
        "n_amounts": len(article.amounts),
        "n_dates": len(article.dates),
        "tone": article.tone.tone if article.tone else None,
        "word_count": article.tone.word_count if article.tone else None,
        "n_errors": len(article.errors),
        "schema_version": article.schema_version,
        "record": article.to_json(),
    }


class ParquetWriter:
    """Append analysed articles to a partitioned Parquet directory; `close()` flushes."""

    def __init__(self, root: str | Path, *, rows_per_file: int = ROWS_PER_FILE) -> None:
        self.root = Path(root)
        self.rows_per_file = max(1, rows_per_file)
        self.written = 0
        self._buffers: dict[str, list[dict[str, Any]]] = {}
        self._buffered = 0
        self._run = uuid.uuid4().hex[:8]
        self._seq = 0
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise InputError(f"cannot create {self.root}: {e.strerror}", origin=str(root)) from e

    def write(self, articles: Iterable[Article]) -> int:
        """Buffer `articles`; full buffers go to disk. Returns how many were taken."""
        count = 0
        for article in articles:
            self._buffers.setdefault(partition(article), []).append(_row(article))
            self._buffered += 1
            count += 1
            if self._buffered >= self.rows_per_file:
                self.flush()
        return count

    def flush(self) -> None:
        """Write every buffered row, one file per partition."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = _schema()
        for day, rows in sorted(self._buffers.items()):
            if not rows:
                continue
            folder = self.root / f"date={day}"
            folder.mkdir(parents=True, exist_ok=True)
            self._seq += 1
            name = f"part-{self._run}-{self._seq:05d}.parquet"
            tmp = folder / f".{name}.tmp"
            table = pa.Table.from_pylist(rows, schema=schema)
            pq.write_table(table, tmp, compression="zstd")
            os.replace(tmp, folder / name)
            self.written += len(rows)
        self._buffers.clear()
        self._buffered = 0

    def close(self) -> None:
        self.flush()

    def __enter__(self) -> ParquetWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def write_articles(
    root: str | Path, articles: Iterable[Article], *, rows_per_file: int = ROWS_PER_FILE
) -> int:
    """Write `articles` under `root`; returns how many were written."""
    with ParquetWriter(root, rows_per_file=rows_per_file) as writer:
        writer.write(articles)
    return writer.written


def part_files(root: str | Path, *, day: str | None = None) -> list[Path]:
    """The complete part files under `root` (of one partition if `day` is given), in order."""
    base = Path(root)
    if not base.is_dir():
        raise InputError(f"no Parquet directory at {base}", origin=str(root))
    pattern = f"date={day}/part-*.parquet" if day else "date=*/part-*.parquet"
    return sorted(base.glob(pattern))


def read_articles(
    root: str | Path, *, day: str | None = None, batch_rows: int = 512
) -> Iterator[Article]:
    """Yield the stored articles back as `Article` records, partition by partition (streamed)."""
    import pyarrow.parquet as pq

    for path in part_files(root, day=day):
        try:
            handle = pq.ParquetFile(path)
        except (OSError, ValueError) as e:
            raise InputError(f"unreadable Parquet file: {e}", origin=str(path)) from e
        for chunk in handle.iter_batches(batch_size=batch_rows, columns=["record"]):
            for record in chunk.column(0).to_pylist():
                yield Article.model_validate_json(record)


def partitions(root: str | Path) -> dict[str, int]:
    """Rows per partition (from the file footers, without reading the data)."""
    import pyarrow.parquet as pq

    counts: dict[str, int] = {}
    for path in part_files(root):
        day = path.parent.name.removeprefix("date=")
        counts[day] = counts.get(day, 0) + pq.ParquetFile(path).metadata.num_rows
    return counts
