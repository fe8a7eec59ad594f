"""`python -m newsgraph.demo`: extract the demo articles and show what was found."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from newsgraph.api import analyze_articles, clean_document, read_documents
from newsgraph.demo import demo_dir
from newsgraph.errors import InputError


def main(out: Path = Path("out")) -> int:
    console = Console(stderr=False)
    out.mkdir(exist_ok=True)
    docs = [d for d in read_documents(demo_dir()) if not isinstance(d, InputError)]
    articles = list(analyze_articles(clean_document(d) for d in docs))
    target = out / "demo.jsonl"
    target.write_text("".join(a.to_json() + "\n" for a in articles), encoding="utf-8")

    table = Table(title=f"newsgraph demo: {len(articles)} articles from {demo_dir()}")
    for col in ("file", "title", "entities", "places", "quotes", "dates", "themes", "tone"):
        table.add_column(col, overflow="fold")
    for a in articles:
        table.add_row(
            Path(a.origin or "").name,
            a.title or "",
            ", ".join(e.name for e in a.entities[:5]),
            ", ".join(p.name or p.text for p in a.places[:4]),
            str(len(a.quotes)),
            str(len(a.dates)),
            ", ".join(t.name for t in a.themes[:3]),
            f"{a.tone.tone:+.1f}" if a.tone else "",
        )
    console.print(table)
    console.print(f"Records written to {target} (one JSON record per line).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
