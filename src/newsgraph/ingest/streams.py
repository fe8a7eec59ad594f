"""Byte streams: look at the first bytes, read under the cap (`settings.max_bytes`).

Nothing is read whole before its size is known to fit: the format is chosen from the first
bytes (`peek_head`), a single document is read up to `max_bytes + 1` bytes (`read_capped`),
and containers (WARC, JSON Lines) are read one record at a time, each under the cap.
"""

from __future__ import annotations

import io
from typing import BinaryIO

from newsgraph.errors import E_TOO_LARGE, InputError

HEAD_BYTES = 8192
CHUNK = 64 * 1024
READ_STEP = 1024 * 1024


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
