"""Benchmark: the web UI under load, over loopback, for a bounded time.

Run from the repo root: `.venv/bin/python -m bench.bench_load [--clients 50] [--seconds 30]
[--articles 2000] [--workers 1,2]`. Builds (once, then reuses) a store of synthetic analysed
articles (`bench/synth.py`) at `out/bench_load_<n>.db`, starts `newsgraph serve --workers W` on
it in a subprocess bound to 127.0.0.1 (a free port), for each W in `--workers`, and runs
`--clients` concurrent httpx clients for `--seconds` seconds, each cycling through the main pages
and API routes. Reports requests, throughput,
latency percentiles (p50/p95/p99, ms) and errors (a non-2xx answer, a timeout or a failed
connection), overall and per route. Loopback only: the server and the clients never use another
address. Writes `docs/bench/load.md`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import socket
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "bench" / "load.md"
COMMAND = ".venv/bin/python -m bench.bench_load"
HOST = "127.0.0.1"  # never any other address
REQUEST_TIMEOUT_S = 30.0


def routes(db: Path) -> list[str]:
    """The main pages and API routes, with real ids from the store."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        one = lambda sql: str(conn.execute(sql).fetchone()[0])  # noqa: E731
        article = one("SELECT id FROM articles ORDER BY rowid LIMIT 1 OFFSET 17")
        entity = one("SELECT id FROM entities ORDER BY article_count DESC LIMIT 1")
        story = one("SELECT id FROM stories ORDER BY size DESC LIMIT 1")
        word = one("SELECT name FROM themes LIMIT 1")
    finally:
        conn.close()
    return [
        "/",
        "/search?q=minister&sort=date",
        f"/search?q=&theme={word}",
        f"/articles/{article}",
        "/entities",
        f"/entities/{entity}",
        "/map",
        "/stories",
        f"/stories/{story}",
        "/api/search?q=minister",
        "/api/search?q=council%20OR%20strike&sort=date&limit=50",
        f"/api/articles/{article}",
        f"/api/entities/{entity}",
        "/api/map",
        "/api/stories",
        "/api/stats",
        "/static/style.css",
    ]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    command = [sys.executable, "-c", "from newsgraph.cli import main; main()"]
    command += ["serve", "--db", str(db), "--host", HOST, "--port", str(port)]
    command += ["--workers", str(workers)]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_ready(base: str, proc: subprocess.Popen[bytes], limit_s: float = 120) -> None:
    import httpx

    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/api/stats", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer within {limit_s:.0f}s")


async def _load(base: str, paths: list[str], clients: int, seconds: float) -> list[tuple]:
    """Each client requests the routes in turn until `seconds` pass; (path, status, s) each."""
    import httpx

    results: list[tuple[str, int, float]] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    timeout = httpx.Timeout(REQUEST_TIMEOUT_S)
    stop = time.monotonic() + seconds
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) as client:

        async def one_client(offset: int) -> None:
            i = offset
            while time.monotonic() < stop:
                path = paths[i % len(paths)]
                i += 1
                started = time.perf_counter()
                try:
                    r = await client.get(path)
                    status = r.status_code
                except httpx.HTTPError:
                    status = 0  # timeout or connection failure
                results.append((path, status, time.perf_counter() - started))

        await asyncio.gather(*(one_client(k) for k in range(clients)))
    return results


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))
    return ordered[index]


def _summary(samples: list[tuple[str, int, float]], seconds: float) -> dict[str, Any]:
    times = [t * 1000 for _, _, t in samples]
    errors = sum(1 for _, status, _ in samples if not 200 <= status < 300)
    return {
        "requests": len(samples),
        "rps": round(len(samples) / seconds, 1),
        "p50_ms": round(_percentile(times, 50), 1),
        "p95_ms": round(_percentile(times, 95), 1),
        "p99_ms": round(_percentile(times, 99), 1),
        "max_ms": round(max(times, default=0.0), 1),
        "errors": errors,
    }


def run(
    *,
    clients: int = 50,
    seconds: float = 30.0,
    articles: int = 2000,
    db: Path | None = None,
    baseline_seconds: float = 10.0,
    workers: int = 1,
) -> dict[str, Any]:
    """Serve a store on loopback and load it; returns the overall and per-route figures.

    The baseline is one client alone for `baseline_seconds` (0: none) on the same server: the
    latency of a request that never waits behind others.
    """
    from bench.bench_web import build

    if db is None:
        db = ROOT / "out" / f"bench_load_{articles}.db"
        if not db.exists():
            build(db, articles)
    port = _free_port()
    base = f"http://{HOST}:{port}"
    server = start_server(db, port, workers)
    try:
        wait_ready(base, server)
        paths = routes(db)
        asyncio.run(_load(base, paths, min(clients, 4), 2.0))  # warm-up, not counted
        baseline: dict[str, Any] = {}
        if baseline_seconds > 0:
            started = time.perf_counter()
            alone = asyncio.run(_load(base, paths, 1, baseline_seconds))
            baseline = _summary(alone, time.perf_counter() - started)
        started = time.perf_counter()
        samples = asyncio.run(_load(base, paths, clients, seconds))
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    stored = int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    conn.close()
    per_route = {path: _summary([s for s in samples if s[0] == path], elapsed) for path in paths}
    return {
        "workers": workers,
        "clients": clients,
        "seconds": round(elapsed, 1),
        "articles": stored,
        **_summary(samples, elapsed),
        "baseline_1_client": baseline,
        "routes": per_route,
    }


def markdown(results: list[dict[str, Any]], command: str) -> str:
    last = results[-1]
    lines = [
        "# Web load (loopback)",
        "",
        f"    {command}",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores (shared with other "
        f"jobs), Python {platform.python_version()}; server: `newsgraph serve --workers W` "
        f"(uvicorn, W processes) on 127.0.0.1; clients: {last['clients']} concurrent httpx tasks "
        f"in one process on the same machine, for {last['seconds']} s; store: "
        f"{last['articles']} synthetic articles.",
        "",
        "| W | clients | requests | req/s | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | errors |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        rows = [(result["clients"], result)]
        if result.get("baseline_1_client"):
            rows.insert(0, ("1 (baseline)", result["baseline_1_client"]))
        for clients, r in rows:
            lines.append(
                f"| {result['workers']} | {clients} | {r['requests']} | {r['rps']} "
                f"| {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | {r['max_ms']} | {r['errors']} |"
            )
    lines += [
        "",
        f"Per route, {last['clients']} clients, {last['workers']} server process(es):",
        "",
        "| route | requests | p50 (ms) | p95 (ms) | p99 (ms) | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for path, r in last["routes"].items():
        shown = path if len(path) <= 60 else path[:57] + "..."
        lines.append(
            f"| `{shown}` | {r['requests']} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} "
            f"| {r['errors']} |"
        )
    lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--db", type=Path, default=None, help="serve this store instead")
    parser.add_argument("--baseline-seconds", type=float, default=10.0)
    parser.add_argument("--workers", default="1", help="server processes, e.g. 1,2 (one run each)")
    args = parser.parse_args()
    results = []
    for workers in (int(w) for w in args.workers.split(",")):
        result = run(
            clients=args.clients,
            seconds=args.seconds,
            articles=args.articles,
            db=args.db,
            baseline_seconds=args.baseline_seconds,
            workers=workers,
        )
        for key, value in result.items():
            if key != "routes":
                print(f"{key}: {value}")
        for path, r in result["routes"].items():
            print(f"  {path}: {r}")
        results.append(result)
    command = f"{COMMAND} {' '.join(sys.argv[1:])}".strip()
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(markdown(results, command), encoding="utf-8")


if __name__ == "__main__":
    main()
