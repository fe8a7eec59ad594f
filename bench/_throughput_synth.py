"""The 10,000-article run through Dask, compared with the local process pool (bench only).

Synthetic articles from `bench.synth` are stripped of their analysis (text and metadata only),
analysed once by the local pool and once by a Dask LocalCluster, the Dask records written to
partitioned Parquet and read back; every record must be the same in both runs.
"""

from __future__ import annotations

import hashlib
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsgraph.batch import executor
from newsgraph.model import Article

BATCH = 64


def raw_articles(n: int, seed: int = 11) -> Iterator[Article]:
    """`n` synthetic articles as a reader would give them: no facts yet."""
    from bench.synth import articles

    for a in articles(n, seed=seed):
        yield Article.model_validate(
            a.model_dump(
                exclude={
                    "entities",
                    "places",
                    "quotes",
                    "amounts",
                    "dates",
                    "themes",
                    "events",
                    "tone",
                    "errors",
                }
            )
        )


def _digest(article: Article) -> str:
    return hashlib.sha256(article.to_json().encode()).hexdigest()


def _batches(n: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for a in raw_articles(n):
        batch.append(a)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _run(
    spec: str | None, n: int, workers: int, out: Path | None, keep: dict[str, str] | None = None
) -> dict[str, Any]:
    from newsgraph.batch import WorkerSetup
    from newsgraph.job import AnalyseAndPrepare
    from newsgraph.settings import get_settings

    settings = get_settings()
    from newsgraph.store.parquet import ParquetWriter

    digests: dict[str, str] = {}
    skipped = 0
    started = time.perf_counter()
    writer = ParquetWriter(out) if out is not None else None
    with executor(spec, workers, initializer=WorkerSetup(settings)) as runner:
        pending: list[Any] = []

        def collect(future: Any) -> None:
            nonlocal skipped
            done = future.result()
            skipped += len(future.skipped)
            for a in done[0] if done else []:
                digests[a.origin or a.id] = _digest(a)
                if keep is not None:
                    keep[a.origin or a.id] = a.to_json()
            if writer is not None and done:
                writer.write(done[0])

        for batch in _batches(n):
            pending.append(runner.submit(AnalyseAndPrepare(settings), batch))
            while len(pending) > 2 * runner.workers:
                collect(pending.pop(0))
        while pending:
            collect(pending.pop(0))
    if writer is not None:
        writer.close()
    return {
        "seconds": time.perf_counter() - started,
        "digests": digests,
        "skipped": skipped,
    }


def compare(
    n: int, workers: int = 2, *, keep_dir: Path | None = None, local_limit: int | None = None
) -> dict[str, Any]:
    """Run `n` articles on Dask and locally (the first `local_limit` of them, all by default);
    same records? (`keep_dir`: where to put the differing JSON)"""
    from newsgraph.store.parquet import partitions, read_articles

    kept: tuple[dict[str, str], dict[str, str]] | None = ({}, {}) if keep_dir else None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "parquet"
        remote = _run("local", n, workers, out, kept[1] if kept else None)
        back = {a.origin or a.id: _digest(a) for a in read_articles(out)}
        days = len(partitions(out))
    local = _run(None, min(n, local_limit or n), workers, None, kept[0] if kept else None)
    differ = sorted(k for k, v in local["digests"].items() if remote["digests"].get(k) != v)
    same = not differ and len(local["digests"]) == min(n, local_limit or n)
    if kept and keep_dir is not None:
        keep_dir.mkdir(parents=True, exist_ok=True)
        for i, key in enumerate(differ[:20]):
            (keep_dir / f"{i}.local.json").write_text(kept[0][key])
            (keep_dir / f"{i}.dask.json").write_text(kept[1].get(key, ""))
    return {
        "articles": n,
        "local_seconds": local["seconds"],
        "dask_seconds": remote["seconds"],
        "records_local": len(local["digests"]),
        "records_dask": len(remote["digests"]),
        "same_records": same,
        "differing": len(differ),
        "parquet_same": back == remote["digests"],
        "parquet_partitions": days,
        "skipped": local["skipped"] + remote["skipped"],
    }


DOC = Path(__file__).resolve().parents[1] / "docs" / "bench" / "dask.md"


def markdown(result: dict[str, Any], command: str, load: tuple[float, float]) -> str:
    import os
    import platform
    from datetime import UTC, datetime

    compared = result["records_local"]
    return "\n".join(
        [
            "## Dask: 10,000 synthetic articles, compared with the local path",
            "",
            f"Command: `{command}` — {datetime.now(UTC):%Y-%m-%d %H:%M UTC}, "
            f"{os.cpu_count()} cores ({platform.machine()}, Python {platform.python_version()}); "
            f"load average {load[0]:.1f} at the start, {load[1]:.1f} at the end.",
            "",
            "Synthetic articles from `bench/synth.py`, stripped of their facts (text and metadata "
            "only), analysed once by a Dask LocalCluster of 2 workers (the Dask records written to "
            "partitioned Parquet, one partition per day, and read back) and once by the local "
            "process pool of 2 workers. Records are compared by the SHA-256 of each record's JSON.",
            "",
            "| measure | result |",
            "|---|---|",
            f"| articles through Dask | {result['records_dask']:,} of {result['articles']:,} |",
            f"| articles through the local pool | {compared:,} |",
            f"| records identical to the local path | "
            f"{'yes' if result['same_records'] else 'NO'} ({result['differing']} differ) |",
            f"| Parquet read back identical | {'yes' if result['parquet_same'] else 'NO'} "
            f"({result['parquet_partitions']} day partitions) |",
            f"| articles skipped as poisoned | {result['skipped']} |",
            f"| wall time, Dask / local pool | {result['dask_seconds']:.0f} s / "
            f"{result['local_seconds']:.0f} s |",
            "",
        ]
    )


if __name__ == "__main__":
    import json
    import os
    import sys

    args = sys.argv[1:]
    count = int(args[0]) if args else 10_000
    limit = int(args[1]) if len(args) > 1 and int(args[1]) > 0 else None
    keep = Path(args[2]) if len(args) > 2 else None
    before = os.getloadavg()[0]
    outcome = compare(count, keep_dir=keep, local_limit=limit)
    print(json.dumps(outcome))
    if limit is None or limit >= count:  # a full comparison: the benchmarks section
        command = ".venv/bin/python -m bench._throughput_synth " + " ".join(args)
        DOC.write_text(markdown(outcome, command.strip(), (before, os.getloadavg()[0])))
