"""What readers yield: one raw document before cleaning, or one document's bytes before decoding."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from newsgraph.settings import Brief

DocKind = Literal["text", "html"]


@dataclass(frozen=True, slots=True, kw_only=True)
class RawDocument(metaclass=Brief):
    """One document as a reader found it: its text or HTML, where it came from, what it says."""

    content: str
    kind: DocKind
    origin: str  # file path (with #record for containers), URL or "<stdin>"
    url: str | None = None
    published: datetime | None = None  # what the source says (a feed's pubDate, a JSONL field)
    fetched: datetime | None = None  # when it was captured (a WARC record's date)
    title: str | None = None
    flags: tuple[str, ...] = ()  # how the bytes were read: invalid_utf8, encoding_guessed


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentBytes:
    """One document's bytes, read under the cap and not yet decoded: a whole single-document
    input, or a WARC record's body. `payload.py` decodes each one, once."""

    data: bytes
    origin: str
    declared: str | None = None  # the charset the transport or the container declares
    markup: bool = False  # HTML or XML: a `<meta charset>` or XML declaration counts too
    url: str | None = None
    fetched: datetime | None = None
