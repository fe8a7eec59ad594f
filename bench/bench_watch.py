"""Watch: one round over local feeds against ingesting the same articles from files.

    .venv/bin/python -m bench.bench_watch [--feeds 200] [--items 20] [--sizes 50,100,200]
                                          [--repeats 1]

A server process (asyncio, one port per feed, so each feed is a host of its own as on the web)
serves `--feeds` RSS feeds of `--items` links each and the article pages behind them; the same
pages are written to files. Each run is a fresh process with a fresh store, timed from after
the imports and a warm-up write (so both sides pay the same one-off costs outside the timing):

- ingest: `newsgraph.job.ingest([folder], nlp=False, workers=1)` over the files;
- watch: `newsgraph.watch.watch(feeds, once=True)` with `nlp=False`, 16 hosts at a time and
  no delay between requests to a host (a real watch waits `--delay`, 1 s by default, between
  two requests to one host: that politeness is not what this measures);

the ratio watch / ingest is the fetch overhead (target < 2x). Then one watch round per size in
`--sizes` (feeds of `--items` links each) gives the peak memory (VmHWM) against the number of
sources (target: flat). Analysis is off on both sides (`--no-nlp`): with it, both would spend
the same minutes in spaCy and the ratio would say nothing of the fetching. Writes
`docs/bench/watch.md`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "bench" / "watch.md"
COMMAND = ".venv/bin/python -m bench.bench_watch"
_VOCABULARY = (
    "harbour council river bridge ferry budget rail station farmers wheat grain storm flood "
    "minister mayor union strike court judge ruling election ballot turnout hospital nurses "
    "doctors school teachers pupils fuel prices market traders exports imports coast border "
    "police protest march square museum library festival theatre drought wells pipeline "
    "reservoir dam valley forest fire crews villages road repairs tunnel airport runway "
    "flights passengers cargo port cranes ships workers wages talks deal treaty summit envoy "
    "aid convoy trucks supplies clinic vaccine outbreak cases tests lab report survey data"
)
_WORDS = _VOCABULARY.split()


def article(feed: int, item: int) -> bytes:
    """A news page of about 300 words, its text its own, with a site's menus around it."""
    rng = random.Random(f"{feed}-{item}")
    title = " ".join(rng.choice(_WORDS) for _ in range(7)).capitalize()
    paragraphs = []
    for _ in range(8):
        sentences = [
            " ".join(rng.choice(_WORDS) for _ in range(rng.randint(9, 16))).capitalize() + "."
            for _ in range(3)
        ]
        paragraphs.append(f"<p>{' '.join(sentences)}</p>")
    return (
        f"<!doctype html><html><head><title>{title} | Site {feed}</title>"
        '<meta property="article:published_time" content="2026-03-02T10:00:00+00:00">'
        f'</head><body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">'
        f"Sport</a></nav><article><h1>{title}</h1>{''.join(paragraphs)}</article>"
        "<footer>© Site. All rights reserved. Subscribe to our newsletter.</footer>"
        "</body></html>"
    ).encode()


def feed_xml(feed: int, items: int, base: str) -> bytes:
    entries = "".join(
        f"<item><title>Story {feed}-{i}</title><link>{base}/a/{feed}-{i}</link>"
        "<pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate></item>"
        for i in range(items)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Site {feed}'
        f"</title>{entries}</channel></rss>"
    ).encode()


# -- the server process ---------------------------------------------------------------------------


async def _serve(feeds: int, items: int) -> None:
    """One port per feed (the demo site's handler over a route table); serves until killed."""
    from newsgraph.demo.feeds import Route, http_handler

    ports: list[int] = []
    servers = []
    for feed in range(feeds):
        routes: dict[str, Route] = {}
        server = await asyncio.start_server(http_handler(routes), "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        routes["/feed.xml"] = (
            "application/rss+xml",
            feed_xml(feed, items, f"http://127.0.0.1:{port}"),
        )
        for item in range(items):
            routes[f"/a/{feed}-{item}"] = ("text/html; charset=utf-8", article(feed, item))
        servers.append(server)
        ports.append(port)
    print(json.dumps(ports), flush=True)
    await asyncio.Event().wait()


# -- the measured processes -----------------------------------------------------------------------


def _warm_up() -> None:
    """Pay the one-off costs (imports behind the first write) before the clock starts."""
    from newsgraph.model import Article
    from newsgraph.store.write import prepare

    prepare([Article(text="Ferries run again between the islands, the port said today.")])


def _child(args: argparse.Namespace) -> None:
    from bench import peak_rss_mb

    if args.child == "ingest":
        from newsgraph.job import ingest

        _warm_up()
        started, cpu = time.perf_counter(), time.process_time()
        summary = ingest([args.dir], db=args.db, nlp=False, workers=1)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        out = {
            "seconds": seconds,
            "cpu": cpu,
            "stored": summary.stored,
            "failed": len(summary.failed),
        }
    else:
        from newsgraph.settings import Settings
        from newsgraph.watch import WatchOptions, watch

        _warm_up()
        sources = Path(args.sources).read_text().split()
        started, cpu = time.perf_counter(), time.process_time()
        report = watch(
            sources,
            db=args.db,
            options=WatchOptions(nlp=False, delay=0.0, concurrency=16),
            settings=Settings(fetch_timeout=30.0),
            once=True,
        )
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        out = {
            "seconds": seconds,
            "cpu": cpu,
            "stored": report.stored,
            "fetched": report.fetched,
            "links": report.links,
            "failed": len(report.failed_sources) + len(report.failed_articles),
        }
    out["peak_mb"] = peak_rss_mb()
    print(json.dumps(out), flush=True)


def _run(*extra: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.bench_watch", *extra],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--sizes", default="50,100,200")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child", choices=("ingest", "watch"), help=argparse.SUPPRESS)
    parser.add_argument("--dir", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--sources", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        asyncio.run(_serve(args.feeds, args.items))
        return 0
    if args.child:
        _child(args)
        return 0
    return _bench(args)


def _bench(args: argparse.Namespace) -> int:
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()} | {args.feeds})
    most = max(sizes)
    load_before = os.getloadavg()[0]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bench.bench_watch",
            "--serve",
            "--feeds",
            str(most),
            "--items",
            str(args.items),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        ports = json.loads(server.stdout.readline())
        with tempfile.TemporaryDirectory(prefix="bench-watch-") as tmp:
            work = Path(tmp)
            files = work / "files"
            files.mkdir()
            for f in range(args.feeds):
                for i in range(args.items):
                    (files / f"{f:04d}-{i:03d}.html").write_bytes(article(f, i))
            for size in sizes:
                urls = [f"http://127.0.0.1:{port}/feed.xml" for port in ports[:size]]
                (work / f"feeds-{size}.txt").write_text("\n".join(urls))
            pairs = []
            for r in range(args.repeats):
                ingest = _run(
                    "--child", "ingest", "--dir", str(files), "--db", str(work / f"i{r}.db")
                )
                watched = _run(
                    "--child",
                    "watch",
                    "--sources",
                    str(work / f"feeds-{args.feeds}.txt"),
                    "--db",
                    str(work / f"w{r}.db"),
                )
                pairs.append((ingest, watched))
                print(f"repeat {r + 1}: ingest {ingest}, watch {watched}", flush=True)
            memory = []
            for size in sizes:
                one = _run(
                    "--child",
                    "watch",
                    "--sources",
                    str(work / f"feeds-{size}.txt"),
                    "--db",
                    str(work / f"m{size}.db"),
                )
                memory.append((size, one))
                print(f"{size} sources: {one}", flush=True)
    finally:
        server.kill()
        server.wait()
    write_doc(args, pairs, memory, load_before, os.getloadavg()[0])
    return 0


def write_doc(
    args: argparse.Namespace,
    pairs: list[tuple[dict[str, Any], dict[str, Any]]],
    memory: list[tuple[int, dict[str, Any]]],
    load_before: float,
    load_after: float,
) -> None:
    ingest = min((p[0] for p in pairs), key=lambda r: r["seconds"])
    watched = min((p[1] for p in pairs), key=lambda r: r["seconds"])
    ratio = watched["seconds"] / ingest["seconds"]
    cpu_ratio = watched["cpu"] / ingest["cpu"]
    total = args.feeds * args.items
    peaks = [m["peak_mb"] for _, m in memory]
    growth = peaks[-1] - peaks[0]
    flat = growth <= 0.15 * peaks[0]
    lines = [
        "# Watch: one round over local feeds",
        "",
        f"Command: `{COMMAND} --feeds {args.feeds} --items {args.items} --sizes {args.sizes} "
        f"--repeats {args.repeats}` — run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on "
        f"{platform.machine()} ({os.cpu_count()} cores, shared), Python "
        f"{platform.python_version()}; load average {load_before:.1f} at the start, "
        f"{load_after:.1f} at the end.",
        "",
        f"Corpus: {args.feeds} RSS feeds of {args.items} links each ({total:,} article pages of "
        "about 300 words, with menus and a footer), served by a local asyncio server process, "
        "one port per feed (each feed a host of its own), and the same pages as files. Both "
        "sides without analysis (`--no-nlp`: spaCy would take the same minutes on both and hide "
        "the fetching); each run a fresh process and a fresh store, timed after the imports. "
        "The watch asks 16 hosts at a time with no delay between two requests to one host "
        "(the default `--delay 1` is politeness, not cost: with it this round would take at "
        f"least {args.feeds / 16 * (args.items + 2):.0f} s).",
        "",
        "| run | articles stored | seconds | CPU seconds | articles/s | peak memory (MB) |",
        "|---|---:|---:|---:|---:|---:|",
        f"| `ingest` from files | {ingest['stored']:,} | {ingest['seconds']:.1f} | "
        f"{ingest['cpu']:.1f} | {ingest['stored'] / ingest['seconds']:.0f} | "
        f"{ingest['peak_mb']:.0f} |",
        f"| `watch --once` over the feeds | {watched['stored']:,} | {watched['seconds']:.1f} | "
        f"{watched['cpu']:.1f} | {watched['stored'] / watched['seconds']:.0f} | "
        f"{watched['peak_mb']:.0f} |",
        "",
        f"Watch / ingest: **{ratio:.2f}x** wall-clock (target < 2x: "
        f"{'met' if ratio < 2 else 'not met'}), {cpu_ratio:.2f}x in CPU time of the measured "
        "process (its event loop thread included; the server's time is its own process's). "
        + (
            "Under 1x: the fetching thread works while the cleaning one waits for a core, so on "
            "a busy machine the round ends sooner than one thread reading files; the CPU ratio "
            "is the cost. "
            if ratio < 1
            else ""
        )
        + f"Best of {args.repeats} run{'s' if args.repeats > 1 else ''} each; the watch made "
        f"{watched['fetched'] + 2 * args.feeds:,} requests (robots.txt, feed, pages). CPU "
        "time counts what fetching costs this process (HTTP, feed parsing, the hand-over "
        "between its two threads); wall-clock also counts waiting for a core on a shared "
        "machine, where the watch's fetching overlaps with that wait.",
        "",
        "Peak memory (VmHWM) of one watch round against the number of sources "
        f"({args.items} links each):",
        "",
        "| sources | articles stored | seconds | CPU seconds | peak memory (MB) |",
        "|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {size} | {m['stored']:,} | {m['seconds']:.1f} | {m['cpu']:.1f} | {m['peak_mb']:.0f} |"
        for size, m in memory
    ]
    lines += [
        "",
        f"From {memory[0][0]} to {memory[-1][0]} sources the peak grows by {growth:.0f} MB "
        f"({'flat: within 15%' if flat else 'not flat'}). A round holds at most 32 pages "
        "(and 32 MB of them) between the fetching thread and the writer, and a listing's body "
        "only while it is parsed; what grows with the store is SQLite's page cache.",
    ]
    DOC.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {DOC}")


if __name__ == "__main__":
    sys.exit(main())
