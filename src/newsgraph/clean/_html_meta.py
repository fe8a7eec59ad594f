"""Page metadata read straight from the parsed tree: meta tags, JSON-LD, `<html lang>`, `<h1>`.

Cheap on purpose (a few XPath queries, no date guessing over the whole page): the cleaner must
stay about as fast as trafilatura alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from lxml.etree import XPath
from lxml.html import HtmlElement

_META = XPath("//meta[@content]")
_JSON_LD = XPath("//script[@type='application/ld+json']/text()")
_CANONICAL = XPath("//link[@rel='canonical']/@href")
_H1 = XPath("//h1")
_TITLE = XPath("//title")
_TIME = XPath("//time[@datetime]/@datetime")
_ITEMPROP = XPath("//*[@itemprop='author' or @itemprop='datePublished']")
_BYLINE = XPath("//*[@rel='author' or contains(@class,'byline') or contains(@class,'author-name')]")

_DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
)
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_SITE_SUFFIX = re.compile(r"\s[|\-–—»:]\s(?!.*\s[|\-–—»:]\s)(.+)$")
_BY = re.compile(r"^\s*(by|von|par|por|di|door)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class PageMeta:
    """What the page says about itself; every field may be missing."""

    titles: list[str] = field(default_factory=list)
    title: str | None = None
    description: str | None = None
    byline: str | None = None
    published: datetime | None = None
    site_name: str | None = None
    lang: str | None = None
    canonical: str | None = None
    article_body: str | None = None  # JSON-LD articleBody, when the page gives one


def squash(text: str | None) -> str:
    """Collapse runs of whitespace and strip."""
    return _SPACE.sub(" ", text or "").strip()


def read_meta(tree: HtmlElement) -> PageMeta:
    """Collect title, description, author, date, site name, language and canonical URL."""
    meta = _meta_tags(tree)
    ld = list(_json_ld_objects(tree))
    h1 = [squash(e.text_content()) for e in _H1(tree)[:1]]
    head_title = [squash(e.text_content()) for e in _TITLE(tree)[:1]]
    ld_headline = [squash(o["headline"]) for o in ld if isinstance(o.get("headline"), str)]
    og_title = [meta[k] for k in ("og:title", "twitter:title") if meta.get(k)]
    titles = [t for t in (*h1, *og_title, *ld_headline, *head_title) if t]
    others = _trim_site([t for t in (*og_title, *ld_headline, *head_title) if t])
    title = _pick_title(h1, others)
    return PageMeta(
        titles=list(dict.fromkeys(titles)),
        title=title or None,
        description=_first(meta, "og:description", "description", "twitter:description")
        or next(
            (squash(o["description"]) for o in ld if isinstance(o.get("description"), str)), None
        ),
        byline=_byline(tree, meta, ld),
        published=_published(tree, meta, ld),
        site_name=_first(meta, "og:site_name", "application-name") or _publisher(ld),
        lang=_lang(tree, meta),
        canonical=_canonical(tree, meta),
        article_body=max(
            (o["articleBody"] for o in ld if isinstance(o.get("articleBody"), str)),
            key=len,
            default=None,
        ),
    )


def _pick_title(h1: list[str], others: list[str]) -> str | None:
    """The `<h1>` when the page's other titles agree with it (it is not a logo or a section
    name), else the first of the others."""
    if h1 and h1[0]:
        words = set(_WORD.findall(h1[0].lower()))
        for other in others or [h1[0]]:
            shared = words & set(_WORD.findall(other.lower()))
            if len(shared) >= 0.5 * len(words):
                return h1[0]
    return others[0] if others else None


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in _META(tree):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        if not key:
            key = element.get("http-equiv") or ""
        key = key.strip().lower()
        if key and key not in found:
            value = squash(element.get("content"))
            if value:
                found[key] = value
    return found


def _first(meta: dict[str, str], *keys: str) -> str | None:
    return next((meta[k] for k in keys if meta.get(k)), None)


def _json_ld_objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    for raw in _JSON_LD(tree):
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        stack: list[Any] = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                yield item


def _trim_site(titles: list[str]) -> list[str]:
    """`Headline | Site` -> `Headline`: drops a short last segment after a separator."""
    trimmed = []
    for title in titles:
        head = title
        match = _SITE_SUFFIX.search(title)
        if match and len(match.group(1).split()) <= 4 and len(match.group(1)) <= 32:
            head = title[: match.start()].strip()
        trimmed.append(head or title)
    return trimmed


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [squash(value)]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    return []


def _clean_byline(text: str) -> str | None:
    text = _BY.sub("", squash(text))
    if not text or "://" in text or len(text) > 120:
        return None
    return text


def _byline(tree: HtmlElement, meta: dict[str, str], ld: list[dict[str, Any]]) -> str | None:
    for obj in ld:
        names = [n for n in _names(obj.get("author")) if n and "://" not in n]
        if names:
            return ", ".join(dict.fromkeys(names))
    for key in ("author", "article:author", "byl", "parsely-author", "sailthru.author"):
        if meta.get(key) and (name := _clean_byline(meta[key])):
            return name
    for element in _ITEMPROP(tree):
        if element.get("itemprop") == "author":
            name = _clean_byline(element.get("content") or element.text_content())
            if name:
                return name
    for element in _BYLINE(tree)[:5]:
        if name := _clean_byline(element.text_content()):
            return name
    return None


def parse_date(value: str | None) -> datetime | None:
    """An ISO 8601 or RFC 2822 date; naive values are taken as UTC."""
    value = squash(value)
    if not value:
        return None
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _published(
    tree: HtmlElement, meta: dict[str, str], ld: list[dict[str, Any]]
) -> datetime | None:
    early = [o["datePublished"] for o in ld if isinstance(o.get("datePublished"), str)]
    early += [meta[k] for k in _DATE_KEYS if meta.get(k)]
    for value in early:
        if parsed := parse_date(value):
            return parsed
    # page markup only when the metadata said nothing (each query walks the whole tree)
    late = [
        e.get("content") or e.get("datetime") or ""
        for e in _ITEMPROP(tree)
        if e.get("itemprop") == "datePublished"
    ]
    for value in (*late, *_TIME(tree)[:3]):
        if parsed := parse_date(value):
            return parsed
    return None


def _publisher(ld: list[dict[str, Any]]) -> str | None:
    for obj in ld:
        names = _names(obj.get("publisher"))
        if names and names[0]:
            return names[0]
    return None


def _lang(tree: HtmlElement, meta: dict[str, str]) -> str | None:
    raw = (
        tree.get("lang")
        or tree.get("xml:lang")
        or meta.get("content-language")
        or meta.get("og:locale")
    )
    if not raw:
        return None
    code = re.split(r"[-_,;\s]", raw.strip().lower())[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def _canonical(tree: HtmlElement, meta: dict[str, str]) -> str | None:
    for href in (*_CANONICAL(tree)[:1], meta.get("og:url")):
        if href and str(href).startswith(("http://", "https://")):
            return squash(str(href))
    return None
