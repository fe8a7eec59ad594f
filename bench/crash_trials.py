"""Crash consistency: SIGKILL `newsgraph ingest` at random moments, rerun, check the store.

Each trial runs `newsgraph ingest --no-nlp --workers 1` (a subprocess) over a generated corpus of
small text dumps (with exact copies under other names and near-copies), kills it with SIGKILL
after a random delay, reruns it to completion and then checks the store
(`newsgraph.store.check`): SQLite and FTS5 integrity, no duplicates, no orphan facts, and the same
articles, near-duplicate links and sources as a clean, uninterrupted run.

    .venv/bin/python -m bench.crash_trials --trials 50

Writes `docs/bench/crash_trials.md` (`crash_trials_nlp.md` with `--nlp`: the 7 demo articles,
analysed, instead of the generated dumps). `run(...)` is the function the tests call (few trials).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "newsgraph" / "demo" / "articles"
OUT = ROOT / "docs" / "bench" / "crash_trials.md"

PLACES = ["Arlen", "Brisk", "Calloway", "Dunmore", "Elsby", "Fenwick", "Garrow", "Holm"]
SUBJECTS = ["council", "port authority", "rail operator", "water board", "hospital trust"]
ACTIONS = ["approved", "delayed", "cancelled", "announced", "defended", "reviewed"]
THINGS = ["a new budget", "the bridge repairs", "a fare rise", "the flood plan", "night services"]
WORDS = [
    *("residents", "officials", "said", "the", "plan", "would", "cost", "more", "than"),
    *("expected", "while", "critics", "argued", "that", "the", "timetable", "was"),
    *("unrealistic", "and", "the", "figures", "had", "not", "been", "published", "in", "full"),
]


def make_corpus(folder: Path, n: int = 240, *, seed: int = 11) -> int:
    """Write `n` small text dumps (about 1 in 10 an exact copy, 1 in 10 a near-copy) to `folder`."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    for i in range(n):
        roll = rng.random()
        if written and roll < 0.1:
            text = rng.choice(written)  # an exact copy under another name
        elif written and roll < 0.2:
            text = rng.choice(written) + "\nAdditional reporting by the regional desk.\n"
        else:
            place, subject = rng.choice(PLACES), rng.choice(SUBJECTS)
            title = f"{place} {subject} {rng.choice(ACTIONS)} {rng.choice(THINGS)} (report {i})"
            paragraphs = [
                f"The {place} {subject} on {rng.choice(['Monday', 'Tuesday', 'Friday'])} "
                f"{rng.choice(ACTIONS)} {rng.choice(THINGS)}, in a meeting that ran late ({i})."
            ]
            for _ in range(rng.randint(2, 5)):
                words = rng.sample(WORDS, rng.randint(10, len(WORDS)))
                paragraphs.append(" ".join(words).capitalize() + f" ({rng.randint(1, 10**6)}).")
            text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
            written.append(text)
        (folder / f"dump_{i:04d}.txt").write_text(text, encoding="utf-8")
    return n


def ingest_command(corpus: Path, db: Path, *, nlp: bool = False, batch_size: int = 8) -> list[str]:
    args = ["ingest", str(corpus), "--db", str(db), "--workers", "1", "--batch-size"]
    args.append(str(batch_size))
    if not nlp:
        args.append("--no-nlp")
    return [sys.executable, "-c", "from newsgraph.cli import main; main()", *args]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["NEWSGRAPH_WRITE_BATCH"] = "1"  # a transaction per batch: many places for a kill to land
    return env


def ingest_once(
    corpus: Path, db: Path, *, nlp: bool = False, batch_size: int = 8, timeout: float = 300
) -> float:
    """Run the ingest to completion; returns its wall time. Raises on a non-zero exit."""
    started = time.perf_counter()
    done = subprocess.run(
        ingest_command(corpus, db, nlp=nlp, batch_size=batch_size),
        env=_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"ingest exited {done.returncode}: {done.stderr.strip()[-500:]}")
    return time.perf_counter() - started


def ingest_killed(
    corpus: Path, db: Path, delay: float, *, after: int = 0, nlp: bool = False, batch_size: int = 8
) -> bool:
    """Start the ingest and SIGKILL it `delay` s after `after` articles are committed.

    Returns False if it finished before that.
    """
    proc = subprocess.Popen(
        ingest_command(corpus, db, nlp=nlp, batch_size=batch_size),
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        if after > 0:
            while _committed(db) < after:
                if proc.poll() is not None:
                    return False
                time.sleep(0.01)
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return True
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def ingest_in_process(corpus: Path, db: Path, *, nlp: bool = False, batch_size: int = 8) -> float:
    """The same ingest in this process (a clean reference run without the start-up cost)."""
    from newsgraph.job import ingest

    started = time.perf_counter()
    ingest([str(corpus)], db=db, workers=1, nlp=nlp, batch_size=batch_size)
    return time.perf_counter() - started


def snapshot(db: Path) -> dict[str, Any]:
    """What a finished ingest must have stored, independent of batch timing."""
    conn = sqlite3.connect(str(db))
    try:
        articles = sorted(conn.execute("SELECT id, url, duplicate_of, content_hash FROM articles"))
        sources = sorted(conn.execute("SELECT article_id, url, origin FROM article_sources"))
        facts = {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("mentions", "places", "quotes", "amounts", "dates", "themes", "events")
        }
    finally:
        conn.close()
    return {"articles": articles, "sources": sources, "facts": facts}


def store_problems(db: Path, *, reload_code: bool = False) -> list[str]:
    """`newsgraph.store.check` problems; `reload_code` re-imports the checker (and the schema)
    first, so a long run checks with the same code its ingest subprocesses ran."""
    import importlib

    import newsgraph.store.check as checker
    import newsgraph.store.schema as schema

    if reload_code:
        importlib.reload(schema)
        importlib.reload(checker)
    check, open_for_check = checker.check, checker.open_for_check
    conn = open_for_check(db)
    try:
        return check(conn, path=db).lines()
    finally:
        conn.close()


def _committed(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(str(db))
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0
    finally:
        conn.close()


def run(
    trials: int = 5,
    *,
    files: int = 240,
    seed: int = 1,
    nlp: bool = False,
    corpus: Path | None = None,
    workdir: Path | None = None,
    batch_size: int = 8,
    clean_in_process: bool = False,
    reload_code: bool = False,
) -> dict[str, Any]:
    """Run `trials` kill-and-rerun trials; returns the counts and any failures (as lines)."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="crash-", dir=workdir) as tmp:
        base = Path(tmp)
        if corpus is None:
            corpus = base / "corpus"
            make_corpus(corpus, files)
        clean_db = base / "clean.db"
        reference = ingest_in_process if clean_in_process else ingest_once
        clean_seconds = reference(corpus, clean_db, nlp=nlp, batch_size=batch_size)
        expected = snapshot(clean_db)
        problems = store_problems(clean_db, reload_code=reload_code)
        if problems:
            raise RuntimeError(f"the clean run's store fails its check: {problems[0]}")
        started = time.perf_counter()
        killed = mid_run = 0
        failures: list[str] = []
        for trial in range(trials):
            db = base / f"trial{trial}.db"
            if trial % 5 == 4:  # any moment, start-up and store creation included
                after, delay = 0, rng.uniform(0.05, clean_seconds)
            else:  # while writing: after a random number of articles are committed
                after = rng.randint(1, max(1, len(expected["articles"]) - 1))
                delay = rng.uniform(0.0, 0.05)
            was_killed = ingest_killed(
                corpus, db, delay, after=after, nlp=nlp, batch_size=batch_size
            )
            stored = _committed(db)
            when = f"killed {delay:.2f}s after {after} articles, {stored} committed"
            killed += was_killed
            mid_run += was_killed and 0 < stored < len(expected["articles"])
            try:
                ingest_once(corpus, db, nlp=nlp, batch_size=batch_size)
            except (RuntimeError, subprocess.TimeoutExpired) as e:
                failures.append(f"trial {trial} ({when}): rerun failed: {e}")
                continue
            found = store_problems(db, reload_code=reload_code)
            found += _differences(expected, snapshot(db))
            failures += [f"trial {trial} ({when}): {p}" for p in found]
            for suffix in ("", "-wal", "-shm", ".lock"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
        return {
            "trials": trials,
            "survived": trials - len({f.split(" (")[0] for f in failures}),
            "killed": killed,
            "killed_mid_run": mid_run,
            "articles": len(expected["articles"]),
            "sources": len(expected["sources"]),
            "clean_run_s": round(clean_seconds, 2),
            "seconds": round(time.perf_counter() - started, 1),
            "failures": failures,
        }


def _differences(expected: dict[str, Any], found: dict[str, Any]) -> list[str]:
    out = []
    if found["articles"] != expected["articles"]:
        out.append(
            f"articles differ from a clean run ({len(found['articles'])} vs "
            f"{len(expected['articles'])})"
        )
    if found["sources"] != expected["sources"]:
        out.append(
            f"sources differ from a clean run ({len(found['sources'])} vs "
            f"{len(expected['sources'])})"
        )
    if found["facts"] != expected["facts"]:
        out.append(f"fact counts differ from a clean run ({found['facts']})")
    return out


def _markdown(result: dict[str, Any], command: str) -> str:
    lines = [
        "# Crash consistency (SIGKILL during ingest"
        + (", analysis on)" if "--nlp" in command else ", cleaning only)"),
        "",
        f"    {command}",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node() or 'dev'}: "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, SQLite "
        f"{sqlite3.sqlite_version}.",
        "",
        "| trials | survived | killed mid-run | killed (any time) | articles | sources "
        "| clean run (s) | total (s) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {result['trials']} | {result['survived']} | {result['killed_mid_run']} "
        f"| {result['killed']} | {result['articles']} | {result['sources']} "
        f"| {result['clean_run_s']} | {result['seconds']} |",
        "",
    ]
    if result["failures"]:
        lines += ["Failures:", ""] + [f"- {f}" for f in result["failures"][:50]] + [""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--files", type=int, default=240)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--nlp", action="store_true", help="analyse too (the demo articles)")
    parser.add_argument("--batch-size", type=int, default=8)
    args = parser.parse_args()
    corpus = DEMO if args.nlp else None
    result = run(
        args.trials,
        files=args.files,
        seed=args.seed,
        nlp=args.nlp,
        corpus=corpus,
        batch_size=args.batch_size,
        reload_code=True,
    )
    command = ".venv/bin/python -m bench.crash_trials " + " ".join(sys.argv[1:])
    for key, value in result.items():
        if key != "failures":
            print(f"{key}: {value}")
    for failure in result["failures"]:
        print(f"FAIL {failure}")
    out = OUT.with_name("crash_trials_nlp.md") if args.nlp else OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(_markdown(result, command.strip()), encoding="utf-8")
    sys.exit(1 if result["failures"] else 0)


if __name__ == "__main__":
    main()
