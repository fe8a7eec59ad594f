"""What a watched source lists: article links (feeds, sitemaps) or more sources (OPML, lists).

- RSS and Atom feeds are read with feedparser (as `newsgraph.ingest.feeds` reads them): each
  entry's link, with its published date and title as hints for the page behind it.
- Sitemaps (`<urlset>`, Google News sitemaps included) give each `<loc>` with its
  `news:publication_date` (else `<lastmod>`) and `news:title`; a sitemap index
  (`<sitemapindex>`) gives its child sitemaps, which the round fetches in turn. Gzipped
  sitemaps are unwrapped under the same bounds as any input.
- OPML files give the `xmlUrl` of each outline; a text file gives one URL or file per line
  (blank lines and `#` comments skipped, relative paths from the file's folder).

The body's first element decides what it is, whatever the URL or the content type claimed; a
body that is none of these is one `InputError` naming the source. XML is parsed without DTDs,
entities or network access.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
from lxml import etree

from newsgraph.errors import (
    E_BINARY,
    E_EMPTY,
    E_MALFORMED,
    E_NOT_FOUND,
    E_UNSUPPORTED,
    InputError,
)
from newsgraph.ingest.decode import binary_reason
from newsgraph.ingest.feeds import entry_time
from newsgraph.ingest.formats import is_url
from newsgraph.ingest.gunzip import gunzip, is_gzip
from newsgraph.ingest.streams import one_line, read_capped
from newsgraph.settings import Settings
from newsgraph.store.sources import SourceKind
from newsgraph.words import counted

_HEAD = 4096
_ROOT = re.compile(
    rb"^(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*<([A-Za-z_][\w.:-]*)",
    re.DOTALL | re.IGNORECASE,
)
_KINDS: dict[str, SourceKind] = {
    "rss": "feed",
    "feed": "feed",
    "rdf": "feed",
    "urlset": "sitemap",
    "sitemapindex": "sitemap",
    "opml": "opml",
}


@dataclass(frozen=True, slots=True)
class Link:
    """An article link, with what the listing says of it (hints for the page)."""

    url: str
    published: datetime | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Listing:
    """What one source lists: article `links` (a feed, a sitemap), child `sitemaps` (a sitemap
    index, their `published` the `<lastmod>`), or `sources` (an OPML file, a list), and the
    `problems` of entries that could not be read."""

    kind: SourceKind
    links: tuple[Link, ...] = ()
    sitemaps: tuple[Link, ...] = ()
    sources: tuple[tuple[str, SourceKind], ...] = ()
    problems: tuple[str, ...] = ()


def guess_kind(url: str) -> SourceKind:
    """What a URL probably is, from its path, until its body says (a feed by default)."""
    path = urlsplit(url).path.lower()
    if path.endswith(".opml"):
        return "opml"
    if "sitemap" in path:
        return "sitemap"
    if path.endswith(".txt"):
        return "list"
    return "feed"


def root_kind(body: bytes) -> SourceKind | None:
    """What the XML `body` is from its first element, or None when it is not one we list."""
    head = body[:_HEAD]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    head = head.removeprefix(b"\xef\xbb\xbf")
    match = _ROOT.match(head)
    if match is None:
        return None
    name = match.group(1).decode("ascii", errors="replace").rpartition(":")[2].lower()
    return _KINDS.get(name)


def read_listing(
    body: bytes,
    *,
    origin: str,
    settings: Settings,
    base_url: str | None = None,
    charset: str | None = None,
    expect: SourceKind = "feed",
) -> Listing:
    """What `body` (fetched from `origin`, at `base_url` after redirects) lists; raise
    InputError when it is not a feed, a sitemap or an OPML file (or, for an `expect`ed list,
    not text)."""
    body = _unwrapped(body, origin=origin, settings=settings)
    kind = root_kind(body)
    base = base_url or origin
    if kind == "feed":
        return _feed(body, origin=origin, base=base, charset=charset)
    if kind == "sitemap":
        return _sitemap(body, origin=origin, base=base)
    if kind == "opml":
        return _opml(body, origin=origin, base=base)
    if expect == "list":
        return _lines(_list_text(body, origin=origin, charset=charset), base=base, folder=None)
    if not body.strip():
        raise InputError("an empty response, not a feed or a sitemap", origin=origin, code=E_EMPTY)
    start = " ".join(body[:40].decode("utf-8", errors="replace").split())
    raise InputError(
        f"not an RSS/Atom feed, a sitemap or an OPML file (it starts with {start!r})",
        origin=origin,
        code=E_UNSUPPORTED,
    )


def read_file(path: Path, *, settings: Settings) -> Listing:
    """The sources an OPML file or a text file of URLs names."""
    try:
        with path.open("rb") as stream:
            body = read_capped(stream, limit=settings.max_bytes, origin=str(path))
    except FileNotFoundError as e:
        raise InputError("no such file", origin=str(path), code=E_NOT_FOUND) from e
    except OSError as e:
        raise InputError(f"cannot read ({one_line(e)})", origin=str(path)) from e
    if root_kind(body) == "opml":
        return _opml(body, origin=str(path), base=None)
    return _lines(_list_text(body, origin=str(path)), base=None, folder=path.parent)


def _list_text(body: bytes, *, origin: str, charset: str | None = None) -> str:
    """A list of sources as text; InputError (E_BINARY) for an image, an archive or a store
    named by mistake, which would otherwise give a note for every line of bytes."""
    reason = binary_reason(body)
    if reason is not None:
        raise InputError(
            f"binary data, not a list of URLs ({reason})", origin=origin, code=E_BINARY
        )
    return body.decode(charset or "utf-8", errors="replace")


def file_kind(path: Path) -> SourceKind:
    """ "opml" for an OPML file, else "list" (a text file of sources)."""
    with path.open("rb") as stream:
        head = stream.read(_HEAD)
    return "opml" if root_kind(head) == "opml" else "list"


def _unwrapped(body: bytes, *, origin: str, settings: Settings) -> bytes:
    if not is_gzip(body):
        return body
    return read_capped(
        gunzip(io.BytesIO(body), origin=origin), limit=settings.max_bytes, origin=origin
    )


def _when(value: str | None) -> datetime | None:
    """A W3C date-time (`2026-03-14`, `2026-03-14T09:30:00Z`, with an offset) in UTC."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.strip())
        return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    except (ValueError, OverflowError):  # unreadable, or an offset that leaves the calendar
        return None


def _absolute(url: str | None, base: str | None) -> str | None:
    if not url:
        return None
    url = url.strip()
    full = urljoin(base, url) if base else url
    return full if is_url(full) else None


def _feed(body: bytes, *, origin: str, base: str, charset: str | None) -> Listing:
    media = "application/xml" + (f"; charset={charset}" if charset else "")
    parsed = feedparser.parse(
        io.BytesIO(body), response_headers={"content-type": media, "content-location": base}
    )
    entries = parsed.get("entries") or []
    if not entries and parsed.get("bozo") and not parsed.get("version"):
        problem = one_line(parsed.get("bozo_exception") or ValueError("unknown"))
        raise InputError(f"malformed feed ({problem})", origin=origin, code=E_MALFORMED)
    links = []
    skipped = 0
    for entry in entries:
        url = _absolute(entry.get("link"), base)
        if url is None:
            skipped += 1
            continue
        title = (entry.get("title") or "").strip() or None
        links.append(Link(url, entry_time(entry), title))
    problems = (f"{counted(skipped, 'entry')} without an http(s) link",) if skipped else ()
    return Listing("feed", links=tuple(links), problems=problems)


_PARSER_OPTIONS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


def _xml(body: bytes, *, origin: str, what: str) -> Any:
    try:
        return etree.fromstring(body, etree.XMLParser(**_PARSER_OPTIONS))
    except etree.XMLSyntaxError as e:
        raise InputError(
            f"malformed {what} ({one_line(e)})", origin=origin, code=E_MALFORMED
        ) from e


def _local(tag: Any) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _children(element: Any) -> dict[str, str]:
    """The text of each descendant by local name (the first of each name)."""
    found: dict[str, str] = {}
    for child in element.iter():
        name = _local(child.tag)
        if name and name not in found and child.text and child.text.strip():
            found[name] = child.text.strip()
    return found


def _sitemap(body: bytes, *, origin: str, base: str) -> Listing:
    root = _xml(body, origin=origin, what="sitemap")
    index = _local(root.tag) == "sitemapindex"
    entries = []
    for element in root:
        if _local(element.tag) not in ("sitemap", "url"):
            continue
        values = _children(element)
        url = _absolute(values.get("loc"), base)
        if url is None:
            continue
        when = _when(values.get("publication_date")) or _when(values.get("lastmod"))
        entries.append(Link(url, when, None if index else values.get("title")))
    if index:
        return Listing("sitemap", sitemaps=tuple(entries))
    return Listing("sitemap", links=tuple(entries))


def _opml(body: bytes, *, origin: str, base: str | None) -> Listing:
    root = _xml(body, origin=origin, what="OPML file")
    sources: list[tuple[str, SourceKind]] = []
    for outline in root.iter():
        if _local(outline.tag) != "outline":
            continue
        url = _absolute(outline.get("xmlUrl") or outline.get("xmlurl"), base)
        if url is not None:
            sources.append((url, guess_kind(url)))
    return Listing("opml", sources=tuple(dict.fromkeys(sources)))


def _lines(text: str, *, base: str | None, folder: Path | None) -> Listing:
    sources: list[tuple[str, SourceKind]] = []
    problems: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        url = _absolute(line, base)
        if url is not None:
            sources.append((url, guess_kind(url)))
            continue
        path = (folder / line).expanduser() if folder is not None else None
        if path is not None and _is_file(path):
            resolved = path.resolve()
            sources.append((str(resolved), file_kind(resolved)))
        else:
            problems.append(f"line {number}: not a URL or a file: {line[:100]}")
    return Listing("list", sources=tuple(dict.fromkeys(sources)), problems=tuple(problems))


def _is_file(path: Path) -> bool:
    """Whether `path` is a file; False for a line no file can be named by (too long, a NUL)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False
