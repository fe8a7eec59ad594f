"""The byte path of one input: gunzip, sniff, cap, decode, then its reader, each step once.

Files, stdin, bytes and fetched URLs (opened by `files.py` and `fetch.py`) all enter at
`iter_payload` with a binary stream; no other module of `ingest/` gunzips, sniffs or decodes.

- gunzip: up to two gzip layers, bounded (`gunzip.py`);
- sniff: the format, from the hints and the first bytes (`formats.py`);
- cap: a single document (text, HTML, feed, JSON) is capped as a whole at `settings.max_bytes`,
  decompressed size included, and refused unread when its size is known (`streams.py`);
  containers (WARC, JSON Lines) are streamed and their readers cap each record;
- decode: `_read` holds the one call of `decode_document` (`decode.py`), once per document:
  a single document's bytes, or each WARC record's body (the WARC reader hands it back as
  bytes); its flags (invalid_utf8, encoding_guessed) go on the RawDocument;
- read: the JSON Lines and WARC readers get the byte stream; text and HTML become a
  RawDocument here; the feed and JSON readers get the decoded text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import BinaryIO

from newsgraph.errors import E_EMPTY, InputError
from newsgraph.ingest import feeds, jsonl, warc
from newsgraph.ingest.decode import decode_document
from newsgraph.ingest.document import DocumentBytes, RawDocument
from newsgraph.ingest.formats import SINGLE_DOCUMENT, Format, Hints, choose_format
from newsgraph.ingest.gunzip import gunzip, is_gzip
from newsgraph.ingest.streams import HEAD_BYTES, peek_head, read_capped, too_large
from newsgraph.settings import Settings

_MAX_GZIP_LAYERS = 2

Item = RawDocument | InputError


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
    if fmt == "jsonl":  # JSON Lines are UTF-8 line by line: the reader decodes each line
        yield from jsonl.iter_jsonl(stream, origin=origin, settings=settings)
        return
    bodies: Iterator[DocumentBytes | InputError]
    if fmt == "warc":
        bodies = warc.iter_warc(stream, origin=origin, settings=settings)
    else:
        bodies = iter((_whole(stream, fmt, origin=origin, hints=hints, settings=settings),))
    for body in bodies:
        if isinstance(body, InputError):
            yield body
        else:
            yield from _read(body, fmt)


def _open(
    stream: BinaryIO, *, origin: str, hints: Hints, size: int | None, settings: Settings
) -> tuple[Format, BinaryIO, Hints]:
    """Unwrap gzip layers, choose the format and check the size; raise InputError."""
    head, stream = peek_head(stream)
    for _ in range(_MAX_GZIP_LAYERS):
        if not is_gzip(head):
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


def _whole(
    stream: BinaryIO, fmt: Format, *, origin: str, hints: Hints, settings: Settings
) -> DocumentBytes | InputError:
    """A single document's bytes, read under the cap."""
    try:
        data = read_capped(stream, limit=settings.max_bytes, origin=origin)
    except InputError as e:
        return e
    if fmt == "json":  # decoded from its bytes alone: no declared charset, no markup
        return DocumentBytes(data=data, origin=origin, url=hints.url)
    return DocumentBytes(
        data=data, origin=origin, declared=hints.charset, markup=fmt != "text", url=hints.url
    )


def _read(body: DocumentBytes, fmt: Format) -> Iterator[Item]:
    """Decode one document's bytes (the only place that does), then hand the text to its reader."""
    try:
        decoded = decode_document(
            body.data, origin=body.origin, declared=body.declared, markup=body.markup
        )
    except InputError as e:
        yield e
        return
    if fmt in ("feed", "json"):
        items = (
            feeds.iter_feed(decoded.text, origin=body.origin)
            if fmt == "feed"
            else jsonl.iter_json(decoded.text, origin=body.origin)
        )
        for item in items:  # every document of the file was read through the same decoding
            if decoded.flags and isinstance(item, RawDocument):
                item = dataclasses.replace(item, flags=(*item.flags, *decoded.flags))
            yield item
    else:  # text, HTML, or a WARC record's HTML
        yield RawDocument(
            content=decoded.text,
            kind="text" if fmt == "text" else "html",
            origin=body.origin,
            url=body.url,
            fetched=body.fetched,
            flags=decoded.flags,
        )
