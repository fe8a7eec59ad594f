"""One input's bytes to documents: unwrap gzip, choose the format, run its reader.

Files, stdin, bytes and fetched URLs all end here. Single documents (text, HTML, a feed, a
JSON file) are capped as a whole at `settings.max_bytes`, decompressed size included;
containers (WARC, JSON lines) are streamed and capped per record.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from newsgraph.errors import E_EMPTY, InputError
from newsgraph.ingest import feeds, jsonl, warc
from newsgraph.ingest.decode import decode_document
from newsgraph.ingest.document import DocKind, RawDocument
from newsgraph.ingest.formats import SINGLE_DOCUMENT, Format, Hints, choose_format
from newsgraph.ingest.streams import (
    GZIP_MAGIC,
    HEAD_BYTES,
    gunzip,
    peek_head,
    read_capped,
    too_large,
)
from newsgraph.settings import Settings

_MAX_GZIP_LAYERS = 2

Item = RawDocument | InputError


def _open(
    stream: BinaryIO, *, origin: str, hints: Hints, size: int | None, settings: Settings
) -> tuple[Format, BinaryIO, Hints]:
    """Unwrap gzip layers, choose the format and check the size; raise InputError."""
    head, stream = peek_head(stream)
    for _ in range(_MAX_GZIP_LAYERS):
        if not head.startswith(GZIP_MAGIC):
            break
        head, stream = peek_head(gunzip(stream, origin=origin))
        hints, size = hints.inner(), None
    if not head.strip() and len(head) < HEAD_BYTES:
        stream.read(1)  # a stream that broke early raises its own error here
        raise InputError("empty input", origin=origin, code=E_EMPTY)
    fmt = choose_format(hints, head, origin=origin)
    if fmt in SINGLE_DOCUMENT and size is not None and size > settings.max_bytes:
        raise too_large(origin, settings.max_bytes, size)
    return fmt, stream, hints


def iter_payload(
    stream: BinaryIO,
    *,
    origin: str,
    settings: Settings,
    hints: Hints | None = None,
    size: int | None = None,
) -> Iterator[Item]:
    """Every document in one input stream; `size` (when known) rejects big files unread."""
    hints = hints or Hints()
    try:
        fmt, stream, hints = _open(stream, origin=origin, hints=hints, size=size, settings=settings)
    except InputError as e:
        yield e
        return
    if fmt == "warc":
        yield from warc.iter_warc(stream, origin=origin, settings=settings)
    elif fmt == "jsonl":
        yield from jsonl.iter_jsonl(stream, origin=origin, settings=settings)
    elif fmt == "json":
        yield from jsonl.iter_json(stream, origin=origin, settings=settings)
    else:
        yield from _iter_single(stream, fmt, origin=origin, hints=hints, settings=settings)


def _iter_single(
    stream: BinaryIO, fmt: Format, *, origin: str, hints: Hints, settings: Settings
) -> Iterator[Item]:
    try:
        data = read_capped(stream, limit=settings.max_bytes, origin=origin)
        decoded = decode_document(data, origin=origin, declared=hints.charset, markup=fmt != "text")
    except InputError as e:
        yield e
        return
    if fmt == "feed":
        yield from feeds.iter_feed(decoded.text, origin=origin)
    else:
        kind: DocKind = "html" if fmt == "html" else "text"
        yield RawDocument(
            content=decoded.text, kind=kind, origin=origin, url=hints.url, flags=decoded.flags
        )
