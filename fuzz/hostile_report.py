"""Time the hostile-input cases of tests/test_hostile_input.py and print a markdown table
(input, result, seconds, peak Python memory) for docs/reliability.md.

    .venv/bin/python fuzz/hostile_report.py            # fast cases
    .venv/bin/python fuzz/hostile_report.py --long     # plus the 100 MB line, 20,000 files
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LONG_CASES = {"single_line_100mb", "20000_tiny_files"}


def _load_cases():  # type: ignore[no-untyped-def]
    path = ROOT / "tests" / "test_hostile_input.py"
    spec = importlib.util.spec_from_file_location("hostile_cases", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _summary(value: object) -> str:
    from newsgraph.errors import InputError
    from newsgraph.ingest.document import RawDocument
    from newsgraph.model import Article

    if isinstance(value, list):
        return "; ".join(_summary(v) for v in value) or "nothing"
    if isinstance(value, InputError):
        return value.code
    if isinstance(value, RawDocument):
        return "doc"
    if isinstance(value, Article):
        return f"Article ({len(value.text)} chars)"
    if isinstance(value, Path):
        return "path"
    return str(value)


def main() -> None:
    long = "--long" in sys.argv
    cases = _load_cases()
    print("| input | result | time (s) | peak memory (MiB) |")
    print("|---|---|---:|---:|")
    for name, case in cases.CASES.items():
        if name in LONG_CASES and not long:
            continue
        got = cases.measure(case)
        result = _summary(got.value).replace("|", "/")
        print(f"| {name} | {result} | {got.seconds:.2f} | {got.peak / 2**20:.1f} |", flush=True)


if __name__ == "__main__":
    main()
