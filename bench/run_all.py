"""`make bench`: run every benchmark and gather their sections into docs/benchmarks.md.

Each `bench/bench_<name>.py` writes `docs/bench/<name>.md`; this runs them in turn (a failing one
is reported, the others still run) and concatenates the sections under a common header.
"""

from __future__ import annotations

import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = ROOT / "docs" / "bench"
OUT = ROOT / "docs" / "benchmarks.md"

HEADER = """# Benchmarks

Every figure below comes from a script in `bench/`; each section names the command that
reproduces it. `make bench` reruns them all and rewrites this file. Evaluation data is read from
`../shared/data/` (see its README for sources, licences and scoring); a benchmark whose data is
absent says so and is skipped.

Machine: {machine}.
"""


def machine() -> str:
    import os

    return f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"


def main(names: list[str]) -> int:
    scripts = sorted(p.stem for p in (ROOT / "bench").glob("bench_*.py"))
    chosen = [s for s in scripts if not names or s.removeprefix("bench_") in names]
    failed = []
    for script in chosen:
        started = time.perf_counter()
        print(f"== {script}", flush=True)
        rc = subprocess.call([sys.executable, "-m", f"bench.{script}"], cwd=ROOT)
        print(f"== {script}: exit {rc} in {time.perf_counter() - started:.0f}s", flush=True)
        if rc:
            failed.append(script)
    gather()
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


def _nest(section: str) -> str:
    """Headings of a section start at level 2 ("##"), whatever level its script wrote."""
    lines = section.splitlines()
    first = next((line for line in lines if line.startswith("#")), "##")
    shift = max(0, 2 - (len(first) - len(first.lstrip("#"))))
    return "\n".join("#" * shift + line if line.startswith("#") else line for line in lines)


def gather() -> None:
    order = [
        "dumps",
        "dumps_blind",
        "html",
        "html_varied",
        "ner",
        "ner_blind",
        "places",
        "places_blind",
        "quotes",
        "quotes_blind",
        "dates",
        "dates_blind",
        "events",
        "events_blind",
        "stories",
        "store",
        "throughput",
        "dask",
        "web",
        "watch",
        "trends",
    ]
    sections = sorted(
        SECTIONS.glob("*.md"),
        key=lambda p: (order.index(p.stem) if p.stem in order else 99, p.stem),
    )
    body = "\n\n".join(_nest(p.read_text(encoding="utf-8").strip()) for p in sections)
    OUT.write_text(HEADER.format(machine=machine()) + "\n" + body + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
