"""Gunzip, bounded: truncated or corrupt data and decompression bombs end the input with an error.

`payload.py` unwraps at most two gzip layers with `gunzip`; no other module decompresses.
"""

from __future__ import annotations

import gzip
import io
import zlib
from typing import BinaryIO

from newsgraph.errors import E_TOO_LARGE, E_TRUNCATED, InputError
from newsgraph.ingest.streams import CHUNK, one_line

GZIP_MAGIC = b"\x1f\x8b"
# Text and HTML gzip 3-15x; no real input expands 500x. Past BOMB_FLOOR bytes out, a ratio
# above BOMB_RATIO ends the input, so nested gzip (1000x per layer) cannot run for hours
# inside a streamed container whose records are each under the cap.
BOMB_RATIO = 500
BOMB_FLOOR = 16 * 1024 * 1024


def is_gzip(head: bytes) -> bool:
    """The first bytes open a gzip member."""
    return head.startswith(GZIP_MAGIC)


def gunzip(stream: BinaryIO, *, origin: str) -> io.BufferedReader:
    """The decompressed stream; reading it raises InputError (E_TRUNCATED, E_TOO_LARGE)."""
    return io.BufferedReader(_SafeGunzip(stream, origin=origin), buffer_size=CHUNK)


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
