"""JSON lines (one article per line) and JSON files (one article or a list of them).

An article is an object with its content under one of the keys in `HTML_KEYS` or `TEXT_KEYS`
(the first present, non-empty one in that order wins: a whole page beats a cleaned text; a
text field that holds markup is read as HTML), and optional metadata under `URL_KEYS`,
`TITLE_KEYS` and `PUBLISHED_KEYS` (ISO 8601, RFC 2822, Unix seconds or milliseconds): the names
common news dumps and scrapers use, listed in the README. A bad line yields one error named
`file:line` and the other lines are still read. JSON lines are streamed, each line capped at
`settings.max_bytes` and decoded as UTF-8 (as JSON Lines require); a `.json` file is one
document, capped as a whole and decoded by the byte path (`payload.py`) before it comes here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import BinaryIO

from newsgraph.errors import E_EMPTY, E_ENCODING, E_MALFORMED, InputError
from newsgraph.ingest.document import RawDocument
from newsgraph.ingest.streams import CHUNK, too_large
from newsgraph.settings import Settings

_MILLISECONDS = 1e11  # a Unix time above this is in milliseconds
# JSON may escape lone surrogates ("\\ud800"), which no later step can encode: replace them.
_SURROGATE = re.compile("[\ud800-\udfff]")


HTML_KEYS = ("html", "raw_html", "content_html", "body_html")
TEXT_KEYS = ("text", "body", "content", "maintext", "article", "full_text", "story")
URL_KEYS = ("url", "link", "source_url", "uri")
TITLE_KEYS = ("title", "headline")
PUBLISHED_KEYS = (
    "published",
    "published_at",
    "date_published",
    "date_publish",
    "publish_date",
    "pubDate",
    "date",
    "datetime",
)
# A text field that opens with a tag and holds block markup is a page, not plain text.
_MARKUP = re.compile(r"^\s*<(?:!doctype|html|head|body|article|div|p|section)\b", re.IGNORECASE)


def _valid(value: str) -> str:
    return _SURROGATE.sub("\ufffd", value)


def parse_when(value: object) -> datetime | None:
    """A publication time from ISO 8601, RFC 2822 or Unix seconds; None when unreadable."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > _MILLISECONDS else value
        try:
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


def _optional_str(obj: dict[str, object], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, str) and (clean := _valid(value).strip()):
            return clean
    return None


def _published(obj: dict[str, object]) -> datetime | None:
    for key in PUBLISHED_KEYS:
        if (when := parse_when(obj.get(key))) is not None:
            return when
    return None


def from_object(obj: object, *, origin: str) -> RawDocument | InputError:
    """One article object as a document, or the error that says what is wrong with it."""
    if not isinstance(obj, dict):
        return InputError(
            f"expected a JSON object, got {type(obj).__name__}", origin=origin, code=E_MALFORMED
        )
    present = [key for key in (*HTML_KEYS, *TEXT_KEYS) if key in obj]
    if not present:
        return InputError(
            f"no article content: expected one of {', '.join(HTML_KEYS + TEXT_KEYS)}",
            origin=origin,
            code=E_MALFORMED,
        )
    for key in present:
        value = obj[key]
        if not isinstance(value, str):
            return InputError(
                f"'{key}' is {type(value).__name__}, not a string", origin=origin, code=E_MALFORMED
            )
        if value.strip():
            html = key in HTML_KEYS or bool(_MARKUP.match(value))
            return RawDocument(
                content=_valid(value),
                kind="html" if html else "text",
                origin=origin,
                url=_optional_str(obj, URL_KEYS),
                title=_optional_str(obj, TITLE_KEYS),
                published=_published(obj),
            )
    return InputError(f"empty '{present[0]}'", origin=origin, code=E_EMPTY)


def _parse_line(line: bytes, *, origin: str, first: bool) -> RawDocument | InputError:
    try:
        text = line.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as e:
        return InputError(f"not UTF-8 (byte {e.start})", origin=origin, code=E_ENCODING)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        return InputError(
            f"invalid JSON ({e.msg} at column {e.colno})", origin=origin, code=E_MALFORMED
        )
    return from_object(obj, origin=origin)


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def iter_jsonl(
    stream: BinaryIO, *, origin: str, settings: Settings
) -> Iterator[RawDocument | InputError]:
    """One document per line of a JSON Lines byte stream (the caller gunzips it)."""
    limit = settings.max_bytes
    lineno = 0
    found = False
    try:
        while line := stream.readline(limit + 1):
            lineno += 1
            where = f"{origin}:{lineno}"
            if len(line) > limit and not line.endswith(b"\n"):
                _skip_rest_of_line(stream)
                found = True
                yield too_large(where, limit)
                continue
            if line.strip():
                found = True
                yield _parse_line(line, origin=where, first=lineno == 1)
    except InputError as e:  # the stream itself broke (truncated gzip)
        yield e
        return
    if not found:
        yield InputError("no JSON lines", origin=origin, code=E_EMPTY)


def iter_json(text: str, *, origin: str) -> Iterator[RawDocument | InputError]:
    """A decoded JSON file holding one article object or a list of them."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        yield InputError(
            f"invalid JSON ({e.msg} at line {e.lineno} column {e.colno})",
            origin=origin,
            code=E_MALFORMED,
        )
        return
    if isinstance(data, list):
        if not data:
            yield InputError("empty JSON list", origin=origin, code=E_EMPTY)
        for index, item in enumerate(data, start=1):
            yield from_object(item, origin=f"{origin}#{index}")
    else:
        yield from_object(data, origin=origin)
