"""Turn any source into raw documents; bad inputs are yielded as InputError, never raised.

A source is:

- a `Path`: a file, or a directory read recursively in sorted order, hidden entries skipped;
- a `str` that names an existing path (same as a `Path`);
- a `str` http(s) URL: fetched politely (see `newsgraph.ingest.fetch`);
- the `str` "-": standard input (any format, sniffed);
- `bytes`: any format, sniffed;
- any other `str`: the text itself, HTML or plain text by sniffing.

Formats, by extension and by content: plain-text dumps, HTML, WARC (`.warc`, `.warc.gz`),
JSON lines and JSON, RSS/Atom feeds, and gzip around any of them. Each bad input, record or
line gives one InputError naming it; the rest of a batch goes on.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsgraph.errors import E_EMPTY, E_UNSUPPORTED, InputError
from newsgraph.ingest.document import DocKind, RawDocument
from newsgraph.ingest.files import (
    broken_link_error,
    iter_bytes,
    iter_path,
    iter_stdin,
    not_found_error,
    walk_files,
)
from newsgraph.ingest.formats import is_url, looks_like_html, scheme_missing, suffix_format
from newsgraph.ingest.streams import too_large
from newsgraph.settings import Settings

TEXT_ORIGIN = "<text>"
STDIN = "-"
_MAX_PATH_CHARS = 4096
COUNT_BUDGET_S = 2.0  # longest `count_inputs` walks directories before it gives up


def iter_documents(
    source: str | bytes | Path, *, settings: Settings
) -> Iterator[RawDocument | InputError]:
    """Every raw document in `source`, and one InputError per input that cannot be read."""
    if isinstance(source, Path):
        yield from iter_path(source, settings=settings)
    elif isinstance(source, bytes | bytearray | memoryview):
        yield from iter_bytes(bytes(source), settings=settings)
    elif isinstance(source, str):
        yield from _iter_str(source, settings=settings)
    else:
        yield InputError(
            f"unsupported source type {type(source).__name__}",
            origin=repr(source)[:80],
            code=E_UNSUPPORTED,
        )


def _iter_str(source: str, *, settings: Settings) -> Iterator[RawDocument | InputError]:
    if source == STDIN:
        yield from iter_stdin(settings=settings)
    elif is_url(source):
        from newsgraph.ingest.fetch import iter_url  # httpx is imported only when needed

        yield from iter_url(source, settings=settings)
    elif (path := _existing_path(source)) is not None:
        yield from iter_path(path, settings=settings)
    elif _is_link(source):
        yield broken_link_error(Path(source))
    elif _looks_like_path(source):
        yield not_found_error(source)
    else:
        yield _text_document(source, settings=settings)


def _existing_path(source: str) -> Path | None:
    if not source or len(source) > _MAX_PATH_CHARS or "\n" in source or "\x00" in source:
        return None
    try:
        path = Path(source).expanduser()
        return path if path.exists() else None
    except (OSError, ValueError, RuntimeError):
        return None


def _is_link(source: str) -> bool:
    if not source or len(source) > _MAX_PATH_CHARS or "\n" in source or "\x00" in source:
        return False
    return os.path.islink(source)


def _looks_like_path(source: str) -> bool:
    """A one-word string that was meant as a file name (so a typo is not read as the text)."""
    if len(source) > _MAX_PATH_CHARS or any(c.isspace() for c in source):
        return False
    if source.startswith(("/", "./", "../", "~/")) or os.sep in source:
        return True
    name = source.lower().removesuffix(".gz")
    return (
        suffix_format(name) is not None
        or source.lower().endswith(".gz")
        or scheme_missing(source) is not None  # "www.example.org": a URL without its scheme
    )


def _text_document(text: str, *, settings: Settings) -> RawDocument | InputError:
    if not text.strip():
        return InputError("empty text", origin=TEXT_ORIGIN, code=E_EMPTY)
    if len(text) > settings.max_bytes or (
        len(text) * 4 > settings.max_bytes
        and len(text.encode("utf-8", "surrogatepass")) > settings.max_bytes
    ):
        return too_large(TEXT_ORIGIN, settings.max_bytes)
    kind: DocKind = "html" if looks_like_html(text) else "text"
    return RawDocument(content=text.removeprefix("\ufeff"), kind=kind, origin=TEXT_ORIGIN)


def count_inputs(sources: Iterable[str | Path], *, budget_s: float = COUNT_BUDGET_S) -> int | None:
    """How many articles (or failures) `sources` will give, when that is known before reading:
    every source a local file or folder whose files hold one article each (text or HTML, by
    extension, or none). None for standard input, URLs, inline text, containers (WARC, JSON
    lines, JSON, feeds: their records are not counted up front) and folders too big to walk
    within `budget_s` seconds."""
    deadline = time.monotonic() + budget_s
    total = 0
    for source in sources:
        if isinstance(source, str) and (source == STDIN or is_url(source)):
            return None
        path = Path(source) if isinstance(source, Path) else _existing_path(source)
        if path is None:
            if isinstance(source, str) and (_is_link(source) or _looks_like_path(source)):
                total += 1  # one failure: a missing file or a broken link
                continue
            return None
        if not path.is_dir():
            if not _one_article(path.name):
                return None
            total += 1
            continue
        files = 0
        for file in walk_files(path):
            if not _one_article(file.name) or time.monotonic() > deadline:
                return None
            files += 1
        total += max(files, 1)  # an empty folder is one failure
    return total


def _one_article(name: str) -> bool:
    lower = name.lower()
    inner = lower.removesuffix(".gz")
    return suffix_format(inner) in {None, "text", "html"}
