"""The tab-separated sets under tests/data/ (the blind sets), read one way by every bench.

A set is a `#` comment block, a header row naming its columns, then one row per item. Each
bench checks its own columns' values; the layout is checked here, so that a slip in a file is
an error naming the file and line rather than a silent miss of the stage.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path


def data_rows(path: Path, columns: Sequence[str]) -> Iterator[tuple[str, list[str]]]:
    """The rows after the header, each as ("file:line", cells). Blank lines and lines starting
    with "#" are skipped; a header other than `columns`, a row of another number of cells, or no
    header at all raises ValueError naming the file (and line)."""
    header_read = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        where = f"{path.name}:{number}"
        if len(cells) != len(columns):
            raise ValueError(f"{where}: {len(cells)} columns, expected {len(columns)}")
        if not header_read:
            if tuple(cells) != tuple(columns):
                raise ValueError(f"{where}: header {cells}, expected {list(columns)}")
            header_read = True
            continue
        yield where, cells
    if not header_read:
        raise ValueError(f"{path.name}: no header row")
