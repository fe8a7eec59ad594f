"""WARC archives: one document per HTML `response` (or `resource`) record.

Each record's body comes out as bytes (`DocumentBytes`, with the charset its HTTP headers
declare): the byte path in `payload.py` decodes it, as it decodes every document. Each keeps
the record's WARC-Target-URI as `url` and its WARC-Date as `fetched`: the capture time is not
the publication time, so `published` stays empty unless the page says. Records that are not
HTML, or whose HTTP status is not 2xx, are skipped without a word. The archive is streamed:
only one record's content is in memory at a time, and each is capped at `settings.max_bytes`.

A broken archive (a Content-Length that does not match, a truncated file, garbage between
records) ends the reading with one error for the rest; the documents already read stand.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from datetime import datetime
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from newsgraph.errors import E_EMPTY, E_MALFORMED, E_TRUNCATED, InputError
from newsgraph.ingest.document import DocumentBytes
from newsgraph.ingest.streams import one_line, read_up_to, too_large
from newsgraph.settings import Settings

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# warcio's own errors, and what it raises on some truncated headers (AttributeError on None).
_CONTAINER_ERRORS = (
    ArchiveLoadFailed,
    StatusAndHeadersParserException,
    ValueError,
    AttributeError,
    IndexError,
)
_CONTENT_ERRORS = (zlib.error, OSError, ValueError, EOFError)


class _Misaligned(Exception):
    """A record is not followed by the blank lines that end it: its length lies."""


class _Counting:
    """A stream that knows how many bytes were read from it (warcio asks `tell()`)."""

    def __init__(self, stream: BinaryIO) -> None:
        # read1: bytes that arrive before a broken gzip member are kept, not dropped with it.
        self._read = getattr(stream, "read1", stream.read)
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self._read(size)
        self.count += len(data)
        return data

    def tell(self) -> int:
        return self.count


class _StrictArchiveIterator(ArchiveIterator):
    """warcio's iterator, failing loudly where it would only warn on stderr.

    warcio 1.8 writes a warning when a record is not followed by a blank line and goes on
    parsing from a wrong offset; here that ends the archive with an error instead.
    """

    def _consume_blanklines(self) -> tuple[bytes | None, int]:
        blank = 0
        while True:
            line = self.reader.readline()
            if not line:
                return None, blank
            if line.strip():
                if blank == 0:
                    raise _Misaligned
                return line, blank
            blank += len(line)


def _media_type(value: str | None) -> tuple[str, str | None]:
    if not value:
        return "", None
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'") or None
    return media.strip().lower(), charset


def _html_record(record: Any) -> tuple[str | None, bool]:
    """The record's declared charset, and whether it is an HTML page worth reading."""
    if record.rec_type == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        media, charset = _media_type(record.http_headers.get_header("Content-Type"))
        return charset, status.startswith("2") and media in _HTML_TYPES
    if record.rec_type == "resource":
        media, charset = _media_type(record.rec_headers.get_header("Content-Type"))
        return charset, media in _HTML_TYPES
    return None, False


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def _body(record: Any, *, origin: str, settings: Settings) -> DocumentBytes | InputError | None:
    """The record's body, an error for this record alone, or None to skip it."""
    charset, is_html = _html_record(record)
    if not is_html:
        return None
    limit = settings.max_bytes
    try:
        data = read_up_to(record.content_stream(), limit + 1)
    except _CONTENT_ERRORS as e:
        return InputError(f"unreadable content ({one_line(e)})", origin=origin, code=E_TRUNCATED)
    if len(data) > limit:
        return too_large(origin, limit)
    return DocumentBytes(
        data=data,
        origin=origin,
        declared=charset,
        markup=True,
        url=record.rec_headers.get_header("WARC-Target-URI"),
        fetched=_warc_date(record.rec_headers.get_header("WARC-Date")),
    )


def iter_warc(
    stream: BinaryIO, *, origin: str, settings: Settings
) -> Iterator[DocumentBytes | InputError]:
    """Each HTML record's body from an uncompressed WARC stream (the caller gunzips
    `.warc.gz` and decodes each body)."""
    counted = _Counting(stream)
    records = _StrictArchiveIterator(counted)
    index = 0
    found = False  # any document or record error
    try:
        end = 0  # where the last complete record (and its blank lines) ended
        for record in records:
            index += 1
            problem = _broken(record, index)
            if problem is not None:
                yield _stopped(problem, origin, E_TRUNCATED)
                return
            item = _body(record, origin=f"{origin}#{index}", settings=settings)
            records.read_to_end()
            missing = getattr(record.raw_stream, "limit", 0)
            if missing > 0:
                yield _stopped(
                    f"record {index} is truncated ({missing:,} bytes missing)", origin, E_TRUNCATED
                )
                return
            end = records.offset
            if item is not None:
                found = True
                yield item
        # warcio ends quietly when a record header is cut short: look for unread bytes.
        if counted.read(1) or end < counted.count:
            yield _stopped(f"incomplete record after record {index}", origin, E_TRUNCATED)
            return
    except InputError as e:
        yield e
        return
    except _Misaligned:
        yield _stopped(
            f"record {index}: Content-Length does not match the data", origin, E_MALFORMED
        )
        return
    except _CONTAINER_ERRORS as e:
        yield _parse_failure(e, counted, index=index, origin=origin)
        return
    if not found:
        yield InputError("no HTML records in the WARC", origin=origin, code=E_EMPTY)


def _broken(record: Any, index: int) -> str | None:
    """Why a record's header cannot be trusted (warcio yields a header cut short)."""
    length = record.rec_headers.get_header("Content-Length")
    if record.format == "warc" and not (length and length.strip().isdigit()):
        return f"record {index} has no valid Content-Length (truncated header?)"
    return None


def _parse_failure(error: Exception, counted: _Counting, *, index: int, origin: str) -> InputError:
    """The error to report when warcio fails: a broken stream, a truncation or garbage."""
    try:
        at_end = not counted.read(1)
    except InputError as broken:  # the gzip layer broke: that is the cause
        return broken
    if isinstance(error, AttributeError | IndexError) and at_end:
        return _stopped(f"incomplete record after record {index}", origin, E_TRUNCATED)
    return _stopped(
        f"not a valid WARC record after record {index} ({one_line(error)})", origin, E_MALFORMED
    )


def _stopped(problem: str, origin: str, code: str) -> InputError:
    return InputError(f"{problem}; stopped reading", origin=origin, code=code)
