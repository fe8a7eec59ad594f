"""`python -m newsgraph.demo` (`make demo`): analyse the demo articles, store them, serve the UI.

1. extracts every bundled demo article (text dumps and HTML pages) and writes the records to
   `out/demo.jsonl`;
2. ingests them into the store `out/demo.db` (duplicates and stories included);
3. runs one `newsgraph watch` round over an RSS feed and a news sitemap that a local site
   serves (`newsgraph.demo.feeds`): the bundled articles come back as duplicates, two articles
   written for the feeds are new;
4. prints what was found, then serves the web UI over that store and prints its URL
   (set NEWSGRAPH_DEMO_SERVE=0 to stop after step 3).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from newsgraph.api import analyze_articles, read_articles
from newsgraph.demo import demo_dir
from newsgraph.model import Article


def _table(articles: list[Article]) -> Table:
    table = Table(title=f"newsgraph demo: {len(articles)} articles from {demo_dir()}")
    for col in ("file", "title", "entities", "places", "quotes", "events", "themes", "tone"):
        table.add_column(col, overflow="fold", max_width=40 if col in ("title", "entities") else 24)
    for a in articles:
        table.add_row(
            Path(a.origin or "").name,
            a.title or "",
            ", ".join(e.name for e in a.entities[:5]),
            ", ".join(p.name or p.text for p in a.places[:4]),
            str(len(a.quotes)),
            ", ".join(sorted({e.type for e in a.events})),
            ", ".join(t.name for t in a.themes[:3]),
            f"{a.tone.tone:+.1f}" if a.tone else "",
        )
    return table


def main(out: Path = Path("out")) -> int:
    from newsgraph.job import ingest

    console = Console(width=max(Console().width, 150))
    out.mkdir(exist_ok=True)
    cleaned = (a for a in read_articles([demo_dir()]) if isinstance(a, Article))
    articles = list(analyze_articles(cleaned))
    records = out / "demo.jsonl"
    records.write_text("".join(a.to_json() + "\n" for a in articles), encoding="utf-8")
    console.print(_table(articles))
    console.print(f"Records: {records} (one JSON record per line).")

    db = out / "demo.db"
    summary = ingest([demo_dir()], db=db, workers=1)
    console.print(
        f"Store: {db}: {summary.stored} stored, {summary.duplicates + summary.near_duplicates} "
        f"duplicates, {summary.already_stored} already there, {len(summary.failed)} failed."
    )
    from newsgraph.demo.feeds import watch_round

    site, report = watch_round(db)
    console.print(
        f"Watch: one round over the feed and the news sitemap of {site}/: {report.links} links, "
        f"{report.fetched} fetched, {report.stored} stored, "
        f"{report.duplicates + report.already_stored} duplicates of the files above, "
        f"{len(report.failed_sources) + len(report.failed_articles)} failed "
        f"({report.seconds:.1f}s). `newsgraph sources --db {db}` lists the sources."
    )
    if os.environ.get("NEWSGRAPH_DEMO_SERVE", "1") == "0":
        return 0
    from newsgraph.web.app import serve

    host, port = "127.0.0.1", int(os.environ.get("NEWSGRAPH_DEMO_PORT", "8080"))
    console.print(f"Serving the demo corpus at http://{host}:{port}/  (Ctrl-C to stop)")
    serve(db, host=host, port=port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
