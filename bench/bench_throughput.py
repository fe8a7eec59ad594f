"""Throughput: the full pipeline against spaCy's own pipeline, 1 vs 2 workers, memory, HTML.

    .venv/bin/python -m bench.bench_throughput [--repeats R] [--copies K] [--synth N]

Measured side by side in one run, on the demo corpus and on the article dumps
(`../shared/data/article-extraction/dumps.json`, each dump read with `newsgraph.read_text`):

- spaCy alone: `nlp.pipe` over the cleaned texts (the same model, settings and batch size as
  the pipeline), tokens per CPU-second of this process;
- full pipeline: text dumps in (reading and cleaning), every stage, records out (`to_json`),
  tokens per CPU-second; the ratio of the two is the "per core" target (>= 0.75);
- workers: the dumps (repeated `--copies` times) analysed by a process pool of 1 and of 2
  workers, wall-clock seconds after the model load; speed-up = t1 / t2 (target >= 1.8, fair only
  on an idle machine: the load average is recorded), and the peak RSS of every worker, batch by
  batch, to show it is flat in corpus size (target <= 800 MB);
- HTML reading: `bench.bench_html.run` (newsgraph `clean_html` against trafilatura `extract`).

CPU times are best of `--repeats`. `--synth N` also runs N synthetic articles through the local
pool and a Dask LocalCluster (2 workers) and checks the records are the same (slow: minutes per
thousand articles). Writes `docs/bench/throughput.md`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench import peak_rss_mb
from newsgraph.model import Article

if TYPE_CHECKING:
    from newsgraph.batch import BatchFuture

ROOT = Path(__file__).resolve().parents[1]
DUMPS = ROOT / ".." / "shared" / "data" / "article-extraction" / "dumps.json"
DEMO = ROOT / "src" / "newsgraph" / "demo" / "articles"
DOC = ROOT / "docs" / "bench" / "throughput.md"
BATCH = 8  # articles per task in the worker runs: small, so that the last one ends soon


# -- corpora: raw inputs and the function that reads one --------------------------------------


def _demo_inputs() -> list[Any]:
    from newsgraph.api import read_documents
    from newsgraph.errors import InputError

    docs = [d for d in read_documents(DEMO) if not isinstance(d, InputError)]
    return docs


def _read_demo(raw: Any) -> Article:
    from newsgraph.api import clean_document

    return clean_document(raw)


def _read_dump(raw: str) -> Article:
    from newsgraph.api import read_text

    return read_text(raw)


def corpora(limit: int | None = None) -> dict[str, tuple[list[Any], Callable[[Any], Article]]]:
    """name -> (raw inputs, reader); the dumps only where ../shared/data is present."""
    out: dict[str, tuple[list[Any], Callable[[Any], Article]]] = {
        "demo": (_demo_inputs(), _read_demo)
    }
    if DUMPS.is_file():
        dumps = json.loads(DUMPS.read_text(encoding="utf-8"))
        keys = sorted(dumps)[:limit] if limit else sorted(dumps)
        out["dumps"] = ([dumps[k] for k in keys], _read_dump)
    return out


# -- single process: spaCy alone vs the full pipeline -----------------------------------------


def _spacy_alone(texts: list[str]) -> tuple[float, float, int]:
    from newsgraph.nlp.spacy_model import load_nlp
    from newsgraph.settings import get_settings

    settings = get_settings()
    nlp = load_nlp(settings.spacy_model)
    cpu, wall = time.process_time(), time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=settings.batch_size))
    return time.process_time() - cpu, time.perf_counter() - wall, tokens


def _full(raws: list[Any], read: Callable[[Any], Article]) -> tuple[float, float, int]:
    from newsgraph.pipeline import default_pipeline

    cpu, wall = time.process_time(), time.perf_counter()
    size = 0
    for article in default_pipeline().run_many(read(r) for r in raws):
        size += len(article.to_json())
    return time.process_time() - cpu, time.perf_counter() - wall, size


def single_process(
    raws: list[Any], read: Callable[[Any], Article], repeats: int
) -> dict[str, float]:
    texts = [read(r).text for r in raws]
    _spacy_alone(texts[:3])  # warm-up: model, gazetteer and lexicons loaded before timing
    _full(raws[:3], read)
    best: dict[str, float] = {}
    tokens = 0
    spacy_cpus: list[float] = []
    full_cpus: list[float] = []
    for _ in range(repeats):  # interleaved, so that load falls on both alike
        s_cpu, s_wall, tokens = _spacy_alone(texts)
        f_cpu, f_wall, _ = _full(raws, read)
        spacy_cpus.append(s_cpu)
        full_cpus.append(f_cpu)
        for key, value in (("spacy_cpu", s_cpu), ("spacy_wall", s_wall)):
            best[key] = min(best.get(key, value), value)
        for key, value in (("full_cpu", f_cpu), ("full_wall", f_wall)):
            best[key] = min(best.get(key, value), value)
    return {
        "articles": len(raws),
        "tokens": tokens,
        "spacy_tokens_per_cpu_s": tokens / best["spacy_cpu"],
        "full_tokens_per_cpu_s": tokens / best["full_cpu"],
        "ratio_cpu": best["spacy_cpu"] / best["full_cpu"],
        "ratio_cpu_median": statistics.median(spacy_cpus) / statistics.median(full_cpus),
        "spacy_tokens_per_s": tokens / best["spacy_wall"],
        "full_tokens_per_s": tokens / best["full_wall"],
        "ratio_wall": best["spacy_wall"] / best["full_wall"],
    }


# -- worker pools: 1 vs 2 processes, peak memory ----------------------------------------------


def _analyse_peak(articles: list[Article]) -> tuple[int, float, float]:
    """Analyse and serialise a batch in a worker; (count, worker peak RSS MB, worker CPU s)."""
    from newsgraph.job import AnalyseAndPrepare
    from newsgraph.settings import get_settings

    done, _prepared = AnalyseAndPrepare(get_settings())(articles)
    for article in done:
        article.to_json()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return len(done), peak_rss_mb(), usage.ru_utime + usage.ru_stime


def _done(future: BatchFuture) -> tuple[int, float, float]:
    """A one-item batch's result; its skip reason as the error when the item failed (a worker
    that died on it three times is skipped by design, see `newsgraph.batch`)."""
    result = future.result()
    if result is None:
        reason = future.skipped[0][1] if future.skipped else "no result"
        raise RuntimeError(f"the long-article worker failed: {reason}")
    return result


def _batches(articles: list[Article], size: int) -> Iterator[list[Article]]:
    for i in range(0, len(articles), size):
        yield articles[i : i + size]


def pool_run(articles: list[Article], workers: int) -> dict[str, Any]:
    from newsgraph.batch import WorkerSetup, executor
    from newsgraph.settings import get_settings

    with executor(None, workers, initializer=WorkerSetup(get_settings()), inline=False) as runner:
        warm = [runner.submit(_analyse_peak, articles[:1]) for _ in range(workers)]
        for f in warm:
            f.result()
        started = time.perf_counter()
        futures = [runner.submit(_analyse_peak, b) for b in _batches(articles, BATCH)]
        peaks = []
        cpu = 0.0
        for f in futures:
            _count, peak, worker_cpu = f.result()
            peaks.append(peak)
            cpu = max(cpu, worker_cpu)
        seconds = time.perf_counter() - started
    half = len(peaks) // 2
    return {
        "workers": workers,
        "seconds": seconds,
        "articles_per_s": len(articles) / seconds,
        "peak_rss_mb": max(peaks),
        "peak_rss_first_half_mb": max(peaks[: max(1, half)]),
        "loadavg": os.getloadavg()[0],
    }


def scaling(raws: list[Any], read: Callable[[Any], Article], copies: int) -> dict[str, Any]:
    articles = [read(r) for r in raws] * copies
    load_before = os.getloadavg()
    one = pool_run(articles, 1)
    two = pool_run(articles, 2)
    return {
        "articles": len(articles),
        "one": one,
        "two": two,
        "speedup": one["seconds"] / two["seconds"],
        "loadavg_before": load_before[0],
        "peak_rss_mb": max(one["peak_rss_mb"], two["peak_rss_mb"]),
        "flat": two["peak_rss_mb"] <= one["peak_rss_first_half_mb"] * 1.1,
    }


LONG_CHARS = 250_000


def long_article(raws: list[Any], read: Callable[[Any], Article]) -> dict[str, Any]:
    """Peak RSS of a fresh worker that analyses one article of `LONG_CHARS` characters (the
    corpus joined), beside the same worker after one ordinary article."""
    from newsgraph.batch import WorkerSetup, executor
    from newsgraph.settings import get_settings

    articles = [read(r) for r in raws]
    text = "\n\n".join(a.text for a in articles)
    while len(text) < LONG_CHARS:
        text = f"{text}\n\n{text}"
    long = articles[0].model_copy(update={"text": text[:LONG_CHARS], "id": "long"})
    with executor(None, 1, initializer=WorkerSetup(get_settings()), inline=False) as runner:
        _count, ordinary, _cpu = _done(runner.submit(_analyse_peak, articles[:1]))
        _count, peak, _cpu = _done(runner.submit(_analyse_peak, [long]))
    return {"chars": LONG_CHARS, "ordinary_peak_mb": ordinary, "peak_rss_mb": peak}


# -- the whole benchmark ----------------------------------------------------------------------


def run(
    *,
    limit: int | None = None,
    repeats: int = 3,
    copies: int = 2,
    html_limit: int | None = None,
    synth: int = 0,
) -> dict[str, Any]:
    """Every measurement; `limit` bounds the dumps used (for a quick gate)."""
    result: dict[str, Any] = {"loadavg_start": os.getloadavg()[0], "corpora": {}}
    chosen = corpora(limit)
    for name, (raws, read) in chosen.items():
        result["corpora"][name] = single_process(raws, read, repeats)
    name = "dumps" if "dumps" in chosen else "demo"
    raws, read = chosen[name]
    result["scaling_corpus"] = name
    result["scaling"] = scaling(raws, read, copies if name == "dumps" else copies * 10)
    result["long"] = long_article(raws, read)
    try:
        from bench.bench_html import data_available
        from bench.bench_html import run as html_run

        if data_available():
            html = html_run(limit=html_limit, repeats=1)
            result["html"] = {
                "speed_ratio": html["speed_ratio"],
                "cpu_speed_ratio": html["cpu_speed_ratio"],
            }
    except ImportError:
        pass
    if synth:
        from bench._throughput_synth import compare

        result["synth"] = compare(synth)
    result["loadavg_end"] = os.getloadavg()[0]
    return result


def _batch_size() -> int:
    from newsgraph.settings import get_settings

    return get_settings().batch_size


def _markdown(result: dict[str, Any], command: str) -> str:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Throughput",
        "",
        f"- Command: `{command}`",
        f"- Date: {now}",
        f"- Machine: {os.cpu_count()} cores ({platform.machine()}, Python "
        f"{platform.python_version()}); load average {result['loadavg_start']:.1f} at the start, "
        f"{result['loadavg_end']:.1f} at the end (other jobs share the machine when above ~0.5).",
        "- Tokens per CPU-second of this process, best of the repeats; spaCy alone and the full",
        "  pipeline interleaved on the same texts (targets: full/spaCy >= 0.75 per core);",
        f"  nlp.pipe batch size {_batch_size()} (NEWSGRAPH_BATCH_SIZE) in both.",
        "",
        "| corpus | articles | tokens | spaCy alone tok/CPU-s | full pipeline tok/CPU-s "
        "| ratio (CPU) | ratio (CPU, medians) | ratio (wall) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, c in result["corpora"].items():
        lines.append(
            f"| {name} | {c['articles']} | {c['tokens']} | {c['spacy_tokens_per_cpu_s']:.0f} "
            f"| {c['full_tokens_per_cpu_s']:.0f} | {c['ratio_cpu']:.2f} "
            f"| {c['ratio_cpu_median']:.2f} | {c['ratio_wall']:.2f} |"
        )
    lines += [
        "",
        "The demo is seven short articles (about 1,550 tokens, 0.3 s of parsing a run), so its",
        "ratio is the least steady figure: the best of each side over a few repeats can pair a",
        "fast spaCy run with a slow pipeline run or the reverse, and moved by 0.07 between two",
        "quiet runs of this bench on the same code (0.81, 0.74). The ratio of the medians of the",
        "interleaved repeats is the steadier reading; the dumps, long real pages, move by about",
        "0.02. On 2026-12-07 the machine's own speed also moved by up to 40% between runs",
        "(spaCy alone read 5,233 tokens per CPU-second at 20:08 and 3,874 at 22:59 on the same",
        "model): a demo ratio of 0.75 is claimed only when the best-of and the medians both",
        "reach it in a quiet run. On 2026-12-08 spaCy alone moved again between two quiet",
        "runs (4,598 and 3,523 tokens per CPU-second on the demo, 04:11 and 06:30), more than",
        "the pipeline did, and the dumps read above 1.0: spaCy alone is given each long page",
        "whole, the pipeline gives it pieces of at most 10,000 characters (`PARSE_CHARS`), so",
        "the dumps ratio is no measure of the stages' cost. A per-stage count on the demo in",
        "the same quiet hour (medians of 9 passes: parse 535 ms, the stages 152 ms, reading",
        "14 ms) gives 0.76, the cross-check on the demo ratio.",
    ]
    s = result["scaling"]
    lines += [
        "",
        f"Worker processes ({result['scaling_corpus']}, {s['articles']} articles, batches of "
        f"{BATCH}, wall-clock after the model load; target speed-up >= 1.8, peak RSS per worker "
        "<= 800 MB):",
        "",
        "| workers | seconds | articles/s | peak RSS per worker (MB) | load average |",
        "|---|---|---|---|---|",
    ]
    for run_ in (s["one"], s["two"]):
        lines.append(
            f"| {run_['workers']} | {run_['seconds']:.1f} | {run_['articles_per_s']:.2f} "
            f"| {run_['peak_rss_mb']:.0f} | {run_['loadavg']:.1f} |"
        )
    lines += [
        "",
        f"Speed-up 1 -> 2 workers: {s['speedup']:.2f} (load average {s['loadavg_before']:.1f} "
        "before; on a loaded 2-core machine this is not the scaling of the code, rerun alone).",
        f"Peak RSS flat in corpus size (two-worker run within 10% of the first half of the "
        f"one-worker run): {'yes' if s['flat'] else 'no'}.",
    ]
    long = result["long"]
    lines.append(
        f"One article of {long['chars']:,} characters (parsed in pieces): a fresh worker peaks "
        f"at {long['peak_rss_mb']:.0f} MB ({long['ordinary_peak_mb']:.0f} MB after one ordinary "
        "article)."
    )
    per_core = s["one"]["articles_per_s"] * 86400
    lines.append(f"Projected articles per day per core (one worker): {per_core:,.0f}.")
    if "html" in result:
        h = result["html"]
        lines += [
            "",
            f"HTML reading, newsgraph / trafilatura pages per second: {h['speed_ratio']:.2f} "
            f"wall, {h['cpu_speed_ratio']:.2f} CPU (target >= 0.9; see the HTML section).",
        ]
    if "synth" not in result:
        lines += [
            "",
            "Dask check (not run here: about 15 minutes on 2 cores): `.venv/bin/python -m "
            "bench._throughput_synth 10000` sends 10,000 synthetic articles through Dask and "
            "through the local pool and compares every record; its result is the Dask section "
            "below.",
        ]
    else:
        y = result["synth"]
        lines += [
            "",
            f"Dask: {y['articles']} synthetic articles through a LocalCluster of 2 workers in "
            f"{y['dask_seconds']:.0f} s (local pool: {y['local_seconds']:.0f} s); same records "
            f"as the local path: {'yes' if y['same_records'] else 'no'} "
            f"({y.get('differing', 0)} differ); Parquet read back the same: "
            f"{'yes' if y['parquet_same'] else 'no'} ({y['parquet_partitions']} day partitions).",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--copies", type=int, default=2, help="dumps repeated for the pools")
    parser.add_argument("--limit", type=int, default=None, help="use the first N dumps")
    parser.add_argument("--html-limit", type=int, default=None)
    parser.add_argument("--synth", type=int, default=0, help="N synthetic articles via Dask")
    args = parser.parse_args(argv)
    result = run(
        limit=args.limit,
        repeats=args.repeats,
        copies=args.copies,
        html_limit=args.html_limit,
        synth=args.synth,
    )
    print(json.dumps(result, indent=1, default=str))
    env = os.environ.get("NEWSGRAPH_BATCH_SIZE")
    prefix = f"NEWSGRAPH_BATCH_SIZE={env} " if env else ""
    command = prefix + ".venv/bin/python -m bench.bench_throughput " + " ".join(argv or [])
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(_markdown(result, command.strip()), encoding="utf-8")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
