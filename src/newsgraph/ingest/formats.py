"""Which reader a payload needs: from its content type, its name and its first bytes.

Content signatures that cannot lie (a WARC header, a binary magic number) beat everything;
then an HTTP content type, when specific; then the file extension; then sniffing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from newsgraph.errors import E_BINARY, InputError
from newsgraph.ingest.decode import binary_reason, sniff_text

Format = Literal["text", "html", "warc", "jsonl", "json", "feed"]

SINGLE_DOCUMENT: frozenset[Format] = frozenset({"text", "html", "json", "feed"})

_BY_SUFFIX: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".warc": "warc",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}

_BY_MEDIA_TYPE: dict[str, Format] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/feed+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "application/warc": "warc",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/json": "json",
    "text/plain": "text",
}

_HTML_STRONG = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_HTML_TAG = re.compile(
    r"<(?:p|div|article|section|main|span|a|b|i|em|strong|h[1-6]|br|meta|title|table|ul|ol|li"
    r"|img|script|style|link|header|footer|nav|figure|blockquote)[\s/>]",
    re.IGNORECASE,
)
_FEED = re.compile(r"<(?:rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_HTML_FRAGMENT_TAGS = 5


@dataclass(frozen=True, slots=True, kw_only=True)
class Hints:
    """What is known about a payload besides its bytes."""

    name: str | None = None  # file name or URL path (for the extension)
    content_type: str | None = None  # media type without parameters, lower case
    charset: str | None = None  # charset parameter of the content type
    url: str | None = None  # where the payload was fetched from

    def inner(self) -> Hints:
        """The hints for what a gzip wrapper holds."""
        name = self.name
        if name and name.lower().endswith(".gz"):
            name = name[:-3]
        elif name and name.lower().endswith(".tgz"):
            name = name[:-4] + ".tar"
        return replace(self, name=name, content_type=None, charset=None)


# A host name, its port and a path ("example.org/story", "www.example.org"): what a URL typed
# without its scheme looks like. Its last label is letters only, and not a file suffix.
_SCHEMELESS = re.compile(
    r"(?P<host>(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?P<tld>[a-z]{2,24}))(?::\d{1,5})?(?P<path>/\S*)?",
    re.IGNORECASE,
)
_FILE_SUFFIXES = frozenset(
    {s.lstrip(".") for s in _BY_SUFFIX}
    | {"gz", "md", "csv", "tsv", "pdf", "png", "jpg", "jpeg", "gif", "zip", "opml", "db", "py"}
)


def scheme_missing(text: str) -> str | None:
    """`https://` + `text` when `text` reads as a URL typed without its scheme
    ("example.org/story", "www.example.org"), else None (a file name such as "dump.txt")."""
    found = _SCHEMELESS.fullmatch(text)
    if found is None or found.group("tld").lower() in _FILE_SUFFIXES:
        return None
    if not (found.group("path") or text.lower().startswith("www.")):
        return None
    return f"https://{text}"


def is_url(text: str) -> bool:
    """An http(s) URL (one token, no spaces)."""
    lower = text[:8].lower()
    return lower.startswith(("http://", "https://")) and not any(c.isspace() for c in text)


def suffix_format(name: str | None) -> Format | None:
    if not name:
        return None
    lower = name.lower()
    dot = lower.rfind(".")
    return _BY_SUFFIX.get(lower[dot:]) if dot >= 0 else None


def media_type_format(content_type: str | None) -> Format | None:
    if not content_type:
        return None
    return _BY_MEDIA_TYPE.get(content_type.split(";", 1)[0].strip().lower())


def looks_like_html(text: str) -> bool:
    """True for an HTML page or fragment, even a malformed one."""
    head = text[:8192]
    if _HTML_STRONG.search(head):
        return True
    if head.lstrip().startswith("<") and _HTML_TAG.search(head):
        return True
    return len(_HTML_TAG.findall(head)) >= _HTML_FRAGMENT_TAGS


def sniff_format(head: bytes) -> Format:
    """The format the first bytes suggest (text when nothing else fits)."""
    if head.startswith(b"WARC/"):
        return "warc"
    text = sniff_text(head).lstrip("\ufeff \t\r\n")
    if text.startswith("<"):
        if _FEED.search(text[:2048]) and not _HTML_STRONG.search(text[:2048]):
            return "feed"
        if looks_like_html(text):
            return "html"
        if text.startswith("<?xml"):
            return "feed"
    if text.startswith("["):
        return "json"
    if text.startswith("{"):
        first_line = text.split("\n", 1)[0].strip()
        return "jsonl" if first_line.endswith("}") else "json"
    return "html" if looks_like_html(text) else "text"


def choose_format(hints: Hints, head: bytes, *, origin: str) -> Format:
    """The reader for a payload, or InputError(E_BINARY) for known binary formats."""
    if head.startswith(b"WARC/"):
        return "warc"
    reason = binary_reason(head)
    if reason is not None:
        raise InputError(f"binary data, not text ({reason})", origin=origin, code=E_BINARY)
    sniffed = sniff_format(head)
    by_name = suffix_format(hints.name)
    by_type = media_type_format(hints.content_type)
    if by_type == "text" and by_name is not None:
        by_type = None  # servers label many files text/plain: the extension knows better
    chosen = by_type or by_name or sniffed
    if chosen == "feed" and sniffed == "html":
        return "html"  # an XHTML page served or named as XML
    if chosen == "json" and sniffed == "jsonl":
        return "jsonl"  # JSON lines under a .json name or type
    return chosen
