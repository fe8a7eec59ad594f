"""Turn any source into raw documents (placeholder: replaced by the readers)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from newsgraph.errors import InputError
from newsgraph.ingest.document import RawDocument
from newsgraph.settings import Settings


def iter_documents(
    source: str | bytes | Path, *, settings: Settings
) -> Iterator[RawDocument | InputError]:
    if isinstance(source, Path):
        text = source.read_text(encoding="utf-8")
        yield RawDocument(content=text, kind="html" if "<html" in text.lower() else "text", origin=str(source))
    elif isinstance(source, bytes):
        yield RawDocument(content=source.decode("utf-8"), kind="text", origin="<bytes>")
    else:
        yield RawDocument(content=source, kind="html" if "<html" in source.lower() else "text", origin="<text>")
