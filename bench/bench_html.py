"""Benchmark the HTML cleaner against trafilatura on the article-extraction pages.

    .venv/bin/python -m bench.bench_html [--limit N] [--repeats R]

Both extractors run in the same process on the same pages (after a warm-up); we score the BODY
`clean_html` returns and trafilatura's `extract()` text with the benchmark's scoring (see
`bench/_extraction_scoring.py`). Writes `docs/bench/html.md`.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import platform
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bench._extraction_scoring import page_counts, summarise

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "article-extraction"
DOC = ROOT / "docs" / "bench" / "html.md"
WARMUP = 10


def data_available() -> bool:
    return (DATA / "ground-truth.json").is_file() and (DATA / "html").is_dir()


def data_sha256() -> str:
    """One hash over the ground truth and every page file, in name order."""
    digest = hashlib.sha256()
    digest.update((DATA / "ground-truth.json").read_bytes())
    for path in sorted((DATA / "html").glob("*.html.gz")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def load_pages(limit: int | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """(html by id, gold body by id), ids in sorted order; `limit` takes every k-th page."""
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)
    if limit is not None and limit < len(ids):
        step = len(ids) / limit
        ids = [ids[int(i * step)] for i in range(limit)]
    pages = {
        i: gzip.decompress((DATA / "html" / f"{i}.html.gz").read_bytes()).decode("utf-8", "replace")
        for i in ids
    }
    return pages, {i: truth[i]["articleBody"] for i in ids}


def _ours(html: str) -> str:
    from newsgraph.clean.html import clean_html
    from newsgraph.errors import InputError

    try:
        return clean_html(html).body
    except InputError:
        return ""


def _trafilatura(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def run(*, limit: int | None = None, repeats: int = 1) -> dict[str, object]:
    """Score and time both extractors; returns metrics for `ours` and `trafilatura`.

    The two run page by page, alternately (who goes first swaps every page), so that noise from
    the machine falls on both alike; pages/s uses the total time of each over all repeats.
    """
    pages, gold = load_pages(limit)
    extractors: dict[str, Callable[[str], str]] = {"ours": _ours, "trafilatura": _trafilatura}
    for fn in extractors.values():
        for html in list(pages.values())[:WARMUP]:
            fn(html)
    seconds = dict.fromkeys(extractors, 0.0)
    cpu = dict.fromkeys(extractors, 0.0)
    outputs: dict[str, dict[str, str]] = {name: {} for name in extractors}
    order = list(extractors)
    for _ in range(repeats):
        for key, html in pages.items():
            order.reverse()
            for name in order:
                start, start_cpu = time.perf_counter(), time.process_time()
                outputs[name][key] = extractors[name](html)
                seconds[name] += time.perf_counter() - start
                cpu[name] += time.process_time() - start_cpu
    result: dict[str, object] = {"pages": len(pages), "repeats": repeats}
    runs = len(pages) * repeats
    for name in extractors:
        scores = summarise(page_counts(gold[k], outputs[name][k]) for k in pages)
        scores["pages_per_s"] = runs / seconds[name]
        scores["pages_per_cpu_s"] = runs / cpu[name]
        result[name] = scores
    result["speed_ratio"] = seconds["trafilatura"] / seconds["ours"]
    result["cpu_speed_ratio"] = cpu["trafilatura"] / cpu["ours"]
    return result


_METHOD = [
    "## What `clean_html` does on top of trafilatura",
    "",
    "- Parses the page once (trafilatura's `load_html`) and hands the tree to "
    "`trafilatura.bare_extraction` in its fast mode without comments (retried in full mode "
    "when it finds under 250 characters); page metadata is read from the same tree (meta "
    "tags, JSON-LD, `<html lang>`), not by trafilatura's slower metadata pass.",
    "- Headline (the `<h1>`, og/twitter/JSON-LD titles) and the dek (an element classed "
    "dek/standfirst/summary/lede/subtitle, or the og:description when it sits in a heading or "
    "the page header rather than in a lead paragraph) go to `title`/`standfirst`, not the body.",
    "- Figure captions, teasers of related-stories blocks and paragraphs that are only a link "
    "to another story of the same site (or a list item led by one) leave the body; related "
    "blocks fill `Article.related`.",
    "- Short furniture lines (newsletter and share boxes, promo leads such as `Read more:`, "
    "sign-offs such as `Reporting by`, bare timestamps) are dropped.",
    "- Article text split over several containers with the same tag and class is collected "
    "from all of them; embedded posts (tweets, Instagram) are put back where the page has them.",
    "- When the page's JSON-LD `articleBody` is much longer than the extraction and holds its "
    "words (a paywall or a missed block), that text is the body.",
    "- Rules are general: no per-site rules, nothing tuned on page ids.",
    "",
]


def _markdown(result: dict[str, object], command: str) -> str:
    rows = []
    for name, label in (
        ("ours", "newsgraph `clean_html` (body)"),
        ("trafilatura", "trafilatura 2.3.1 `extract`"),
    ):
        m = result[name]
        if not isinstance(m, dict):
            raise TypeError(name)
        rows.append(
            f"| {label} | {m['f1']:.4f} | {m['precision']:.4f} | {m['recall']:.4f} "
            f"| {m['pages_per_s']:.1f} | {m['pages_per_cpu_s']:.1f} |"
        )
    return "\n".join(
        [
            "# HTML cleaner benchmark",
            "",
            f"- Command: `{command}`",
            f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            f"- Machine: 2 cores, shared with other jobs ({platform.machine()}, Python "
            f"{platform.python_version()}); wall-clock pages/s moves with the load, CPU time less.",
            f"- Data: `../shared/data/article-extraction/`, {result['pages']} pages; scoring: "
            "4-token shingles of `\\w+` tokens, per-page TP/FP/FN normalised, P and R means over "
            "pages, F1 from those means.",
            "- Both run in the same process on the same pages after a warm-up, alternating page by "
            f"page; pages/s over {result['repeats']} repeat(s).",
            "",
            "| extractor | F1 | precision | recall | pages/s (wall) | pages/CPU-s |",
            "|---|---|---|---|---|---|",
            *rows,
            "",
            f"Speed ratio, ours / trafilatura: {result['speed_ratio']:.2f} wall-clock, "
            f"{result['cpu_speed_ratio']:.2f} CPU time.",
            "",
            *_METHOD,
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if not data_available():
        raise SystemExit(f"benchmark data not found at {DATA}")
    result = run(limit=args.limit, repeats=args.repeats)
    command = (
        ".venv/bin/python -m bench.bench_html"
        + (f" --limit {args.limit}" if args.limit else "")
        + (f" --repeats {args.repeats}" if args.repeats != 3 else "")
    )
    text = _markdown(result, command)
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
