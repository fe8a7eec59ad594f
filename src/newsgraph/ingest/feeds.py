"""RSS and Atom feeds (with feedparser): one document per entry.

Each entry becomes an HTML document built from what the feed itself carries: its full
content when the feed has it, its summary otherwise, with the entry's link as `url`, its title
and its published (or updated) date. The pages behind the links are NOT fetched here: a caller
who wants the full articles passes each document's `url` to `read_documents` (which fetches
politely, honouring robots.txt).
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from html import escape
from typing import Any

import feedparser

from newsgraph.errors import E_EMPTY, E_MALFORMED, E_UNSUPPORTED, InputError
from newsgraph.ingest.document import RawDocument
from newsgraph.ingest.streams import one_line

_XML_DECL_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*["'])[^"']*""")
_PLAIN = "text/plain"


def entry_time(entry: Any) -> datetime | None:
    """A feed entry's publication (else update, else creation) time in UTC; None when it has
    none or one no calendar holds (feedparser gives year 0 for "0000-01-01")."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                return datetime(*value[:6], tzinfo=UTC)
            except (ValueError, OverflowError):
                continue
    return None


def _body(entry: Any) -> tuple[str, str] | None:
    """The entry's richest text and its media type."""
    best: tuple[str, str] | None = None
    for part in entry.get("content") or []:
        value = part.get("value") or ""
        if value.strip() and (best is None or len(value) > len(best[0])):
            best = (value, part.get("type") or "text/html")
    if best is not None:
        return best
    summary = entry.get("summary") or ""
    if summary.strip():
        detail = entry.get("summary_detail") or {}
        return summary, detail.get("type") or "text/html"
    return None


def _page(title: str | None, body: str) -> str:
    head = f"<title>{escape(title)}</title>" if title else ""
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>"


def _entry_document(entry: Any, *, origin: str) -> RawDocument | InputError:
    title = (entry.get("title") or "").strip() or None
    body = _body(entry)
    if body is None:
        link = (entry.get("link") or "").strip()
        hint = f", only a link ({link}): `newsgraph watch` fetches the pages a feed links to"
        return InputError(
            "feed entry has no content or summary" + (hint if link else ""),
            origin=origin,
            code=E_EMPTY,
        )
    value, media = body
    plain = media == _PLAIN
    return RawDocument(
        content=value if plain else _page(title, value),
        kind="text" if plain else "html",
        origin=origin,
        url=entry.get("link") or None,
        title=title,
        published=entry_time(entry),
    )


def iter_feed(text: str, *, origin: str) -> Iterator[RawDocument | InputError]:
    """Documents from a decoded feed; one error for a feed that cannot be read at all."""
    utf8 = _XML_DECL_ENCODING.sub(r"\1utf-8", text, count=1).encode("utf-8")
    parsed = feedparser.parse(
        io.BytesIO(utf8), response_headers={"content-type": "application/xml; charset=utf-8"}
    )
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo") and not parsed.get("version"):
            problem = one_line(parsed.get("bozo_exception") or ValueError("unknown"))
            yield InputError(f"malformed feed ({problem})", origin=origin, code=E_MALFORMED)
        elif not parsed.get("version"):
            yield InputError("XML but not an RSS or Atom feed", origin=origin, code=E_UNSUPPORTED)
        else:
            yield InputError("feed has no entries", origin=origin, code=E_EMPTY)
        return
    for index, entry in enumerate(entries, start=1):
        yield _entry_document(entry, origin=f"{origin}#{index}")
