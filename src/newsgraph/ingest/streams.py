"""Byte streams for the readers: look at the first bytes, gunzip safely, read under a cap.

Every reader works on a binary stream so that a large file is never read whole: the format
is chosen from the first bytes, single documents are read up to `max_bytes + 1` bytes, and
containers (WARC, JSONL) are read one record at a time.
"""

from __future__ import annotations

import gzip
import io
import zlib
from typing import BinaryIO

from newsgraph.errors import E_TOO_LARGE, E_TRUNCATED, InputError

HEAD_BYTES = 8192
CHUNK = 64 * 1024
READ_STEP = 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"
# Text and HTML gzip 3-15x; no real input expands 500x. Past BOMB_FLOOR bytes out, a ratio
# above BOMB_RATIO ends the input, so nested gzip (1000x per layer) cannot run for hours
# inside a streamed container whose records are each under the cap.
BOMB_RATIO = 500
BOMB_FLOOR = 16 * 1024 * 1024


class _Prefixed(io.RawIOBase):
    """Bytes already read, followed by the rest of a stream."""

    def __init__(self, prefix: bytes, rest: BinaryIO, error: InputError | None = None) -> None:
        self._prefix = memoryview(prefix)
        self._read = getattr(rest, "read1", rest.read)  # keep bytes that precede an error
        self._error = error  # raised once the prefix is used up

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        if self._error is not None:
            raise self._error
        data = self._read(len(buffer))
        n = len(data)
        buffer[:n] = data
        return n


class _SafeGunzip(io.RawIOBase):
    """Gunzip that reports truncated or corrupt data as InputError(E_TRUNCATED).

    The stdlib raises EOFError for a truncated member, which some container readers (warcio)
    take for a clean end of file; turning it into InputError keeps the truncation visible.
    """

    def __init__(self, compressed: BinaryIO, *, origin: str) -> None:
        self._compressed = _CountedReads(compressed)
        self._gz = gzip.GzipFile(fileobj=self._compressed, mode="rb")
        self._origin = origin
        self._out = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            data = self._gz.read1(len(buffer))  # one step: what came before an error is kept
        except EOFError as e:
            raise InputError(
                "truncated gzip data (ends before the end-of-stream marker)",
                origin=self._origin,
                code=E_TRUNCATED,
            ) from e
        except (gzip.BadGzipFile, zlib.error) as e:
            raise InputError(
                f"corrupt gzip data ({one_line(e)})", origin=self._origin, code=E_TRUNCATED
            ) from e
        n = len(data)
        self._out += n
        if self._out > BOMB_FLOOR and self._out > BOMB_RATIO * self._compressed.count:
            raise InputError(
                f"gzip data expands over {BOMB_RATIO}x (a decompression bomb?)",
                origin=self._origin,
                code=E_TOO_LARGE,
            )
        buffer[:n] = data
        return n


class _CountedReads:
    """A stream that counts the bytes read from it."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.count += len(data)
        return data

    def seek(self, offset: int, whence: int = 0) -> int:  # gzip only seeks to rewind
        return self._stream.seek(offset, whence)


def one_line(error: BaseException) -> str:
    """An exception's message on one short line."""
    text = " ".join(str(error).split())
    return text[:200] or type(error).__name__


def read_up_to(stream: BinaryIO, size: int) -> bytes:
    """Read `size` bytes, or fewer only at the end of the stream.

    Read in steps of at most `READ_STEP`: asking a stream for the whole cap at once makes
    buffered and gzip layers each allocate a buffer of that size, even for a tiny input.
    """
    data = bytearray()
    while len(data) < size:
        chunk = stream.read(min(size - len(data), READ_STEP))
        if not chunk:
            break
        data += chunk
    return bytes(data)


def peek_head(stream: BinaryIO, size: int = HEAD_BYTES) -> tuple[bytes, io.BufferedReader]:
    """The first `size` bytes, and a stream that still starts at the beginning.

    A stream that breaks within the first bytes (a small truncated gzip) gives what it had,
    and raises the error when the reader gets there, so records before the break are read.
    """
    parts: list[bytes] = []
    error: InputError | None = None
    left = size
    read = getattr(stream, "read1", stream.read)  # one step at a time: keep what came
    try:
        while left > 0:
            chunk = read(left)
            if not chunk:
                break
            parts.append(chunk)
            left -= len(chunk)
    except InputError as e:
        error = e
    head = b"".join(parts)
    return head, io.BufferedReader(_Prefixed(head, stream, error), buffer_size=CHUNK)


def gunzip(stream: BinaryIO, *, origin: str) -> io.BufferedReader:
    return io.BufferedReader(_SafeGunzip(stream, origin=origin), buffer_size=CHUNK)


def read_capped(stream: BinaryIO, *, limit: int, origin: str) -> bytes:
    """All the bytes left, or InputError(E_TOO_LARGE) as soon as there are more than `limit`."""
    data = read_up_to(stream, limit + 1)
    if len(data) > limit:
        raise too_large(origin, limit)
    return data


def too_large(origin: str, limit: int, size: int | None = None) -> InputError:
    what = f"{size:,} bytes" if size is not None else "more bytes"
    return InputError(
        f"too large: {what} over the cap of {limit:,} (settings.max_bytes)",
        origin=origin,
        code=E_TOO_LARGE,
    )
