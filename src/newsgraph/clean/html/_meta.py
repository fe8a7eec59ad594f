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

from newsgraph.clean.titles import is_site_title

# The tags `_Head` reads in its one pass over the page.
_HEAD_TAGS = ("meta", "script", "link", "h1", "title")
_TIME = XPath("//time[@datetime]/@datetime")
# The queries below start from the attributes (`//@class[...]/..`), not from every element with
# a predicate on its attributes (`//*[contains(@class, ...)]`): the same elements in the same
# order, in half the time, since libxml2 then tests only the elements that carry the attribute.
_ITEMPROP = XPath("//@itemprop[.='author' or .='datePublished']/..")
_BYLINE = XPath(
    "//@class[contains(.,'byline') or contains(.,'author-name')]/.. | //@rel[.='author']/.."
)

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
    "article:published",
    "og:article:published_time",
    "date_published",
    "published_date",
    "publication_date",
    "dc.date.created",
    "article.created",
    "cxenseparse:recs:publishtime",
    "datecreated",
)
_LD_DATE_KEYS = ("datePublished", "dateCreated", "uploadDate")
# Elements that mark the publication date, as microformats and common themes write them.
_MARKED_DATE = XPath(
    "//time[@pubdate]|//@class[contains(concat(' ', ., ' '), ' published ')]"
    "/parent::*[@datetime or @title]|//abbr[contains(@class,'published')][@title]"
)
_DATE_TEXT = XPath(
    "//@class[contains(.,'date') or contains(.,'timestamp') or contains(.,'posted-on')]"
    "/parent::*[self::time or self::span or self::div or self::p]"
    "[string-length(normalize-space()) < 80]"
)
_DATE_LABEL = re.compile(
    r"^\s*(?:published|posted|updated|first published|last updated)\s*(?:on|at)?\s*:?\s*",
    re.IGNORECASE,
)
_RFC2822 = re.compile(r"^(?:[A-Z][a-z]{2},\s*)?\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}\s+\d\d:\d\d")
_DATE_NOISE = re.compile(r"\s*(?:[|•·]|\bat\b)\s*", re.IGNORECASE)
_DAY_AND_YEAR = re.compile(r"\b\d{1,2}\b.*\b(?:19|20)\d\d\b|\b(?:19|20)\d\d\b.*\b\d{1,2}\b")
_MONTH_NAMES = (
    *("january", "february", "march", "april", "may", "june", "july", "august"),
    *("september", "october", "november", "december"),
)
_MONTHS = {name: n for n, full in enumerate(_MONTH_NAMES, 1) for name in (full, full[:3])}
_WEEKDAYS = {
    name: n
    for n, full in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
    for name in (full, full[:3])
}
# "[Weekday[,]] Month D[,] YYYY" or "[Weekday[,]] D Month[,] YYYY", then "[,] H:MM[:SS] [am|pm]"
_WRITTEN_DATE = re.compile(
    r"(?:(?P<weekday>[a-z]+),?\s+)?"
    r"(?:(?P<month>[a-z]+)\s+(?P<day>\d{1,2}),?|(?P<day2>\d{1,2})\s+(?P<month2>[a-z]+),?)"
    r"\s+(?P<year>(?:19|20)\d\d)"
    r"(?:,?\s+(?P<hour>\d{1,2}):(?P<minute>\d\d)(?::(?P<second>\d\d))?(?:\s*(?P<half>[ap]m))?)?",
    re.IGNORECASE | re.ASCII,
)
# "12-01-2023", "16/01/2026", "1.2.2026": month first unless the first number cannot be one
_NUMERIC_DATE = re.compile(
    r"(?P<first>\d{1,2})(?P<sep>[-/.])(?P<second>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d\d)", re.ASCII
)
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|-|$)")
_WORD = re.compile(r"\w+")
_LANG_SPLIT = re.compile(r"[-_,;\s]")
_LANG_CODE = re.compile(r"[a-z]{2,3}")
_SITE_SUFFIX = re.compile(r"\s[|\-–—»:]\s(?!.*\s[|\-–—»:]\s)(.+)$")
# "By", "By:", "Posted by", "Written by" … before the name; "byDamien" where markup glued them.
_BY = re.compile(
    r"^\s*(?:(?:posted|written|reported|words|story|text|photos?)\s*)?"
    r"(?:by|von|par|por|di|door)(?:\s*:\s*|\s+|(?=(?-i:[A-Z])[a-z]))|^\s*(?:author|reporter|words)\s*:\s*",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\(?\s*(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*\)?")
_BYLINE_TAIL = re.compile(
    r"(?:\s+|\s*[|,•·–—-]\s*)(?:updated|published|posted|on)\b.*$", re.IGNORECASE
)
_ORG_WORD = re.compile(
    r"\b(?:news|staff|desk|team|editors?|editorial|press|associated|agency|media|tv|radio|"
    r"channel|broadcasting|network|online|digital|com|times|post|herald|tribune|journal|"
    r"gazette|wire|reuters|afp|ap)\b",
    re.IGNORECASE,
)


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
    # the page calls itself an article (og:type, a JSON-LD *Article type): one story, so blocks
    # of like markup in it are chunks of that story, not the posts of a thread
    declares_article: bool = False


def squash(text: str | None) -> str:
    """Collapse runs of whitespace and strip.

    `str.split()` splits on the very characters that `\\s` matches (both use Unicode's
    whitespace test), so this equals `re.sub(r"\\s+", " ", text).strip()`, several times faster
    on whole pages; it runs on every line and block the cleaner looks at.
    """
    return " ".join(text.split()) if text else ""


@dataclass
class _Head:
    """The elements that metadata is read from, found in one pass over the page instead of one
    XPath query apiece (each `//meta`, `//script`, ... query walks the whole tree): the
    `<meta content>` tags and JSON-LD texts in page order, the first `<h1>` and `<title>`, the
    first canonical link's address. The pass starts at the document's root element, so it sees
    what a `//` query sees even when `tree` is an element below it."""

    metas: list[HtmlElement] = field(default_factory=list)
    json_ld: list[str] = field(default_factory=list)
    h1: HtmlElement | None = None
    title: HtmlElement | None = None
    canonical: str | None = None


def _head(tree: HtmlElement) -> _Head:
    found = _Head()
    canonical_seen = False
    for element in tree.getroottree().getroot().iter(*_HEAD_TAGS):
        tag = element.tag
        if tag == "meta":
            if element.get("content") is not None:
                found.metas.append(element)
        elif tag == "script":
            if element.get("type") == "application/ld+json" and element.text is not None:
                found.json_ld.append(element.text)
        elif tag == "link":
            if not canonical_seen and element.get("rel") == "canonical":
                href = element.get("href")
                if href is not None:
                    found.canonical, canonical_seen = href, True
        elif tag == "h1":
            if found.h1 is None:
                found.h1 = element
        elif found.title is None:
            found.title = element
    return found


def read_meta(tree: HtmlElement) -> PageMeta:
    """Collect title, description, author, date, site name, language and canonical URL."""
    head = _head(tree)
    meta = _meta_tags(head.metas)
    ld = list(_json_ld_objects(head.json_ld))
    h1 = [squash(head.h1.text_content())] if head.h1 is not None else []
    head_title = [squash(head.title.text_content())] if head.title is not None else []
    canonical = _canonical(head.canonical, meta)
    ld_headline = [squash(o["headline"]) for o in ld if isinstance(o.get("headline"), str)]
    og_title = [meta[k] for k in ("og:title", "twitter:title") if meta.get(k)]
    titles = [t for t in (*h1, *og_title, *ld_headline, *head_title) if t]
    others = _trim_site([t for t in (*og_title, *ld_headline, *head_title) if t])
    site_name = _first(meta, "og:site_name", "application-name") or _publisher(ld)
    title = _pick_title(h1, others, site_name)
    return PageMeta(
        titles=list(dict.fromkeys(titles)),
        title=title or None,
        description=_first(meta, "og:description", "description", "twitter:description")
        or next(
            (squash(o["description"]) for o in ld if isinstance(o.get("description"), str)), None
        ),
        byline=_byline(tree, meta, ld),
        published=_published(tree, meta, ld, canonical),
        site_name=site_name,
        lang=_lang(tree, meta),
        canonical=canonical,
        article_body=max(
            (o["articleBody"] for o in ld if isinstance(o.get("articleBody"), str)),
            key=len,
            default=None,
        ),
        declares_article=(meta.get("og:type") or "").lower() == "article"
        or any(_is_article(o) for o in ld),
    )


def _is_article(obj: Any) -> bool:
    kind = obj.get("@type") if isinstance(obj, dict) else None
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.endswith("Article") for k in kinds)


def _pick_title(h1: list[str], others: list[str], site_name: str | None = None) -> str | None:
    """The `<h1>` when the page's other titles agree with it (it is not a logo or a section
    name), else the first of the others. A site-wide title ("Home", the site's own name) is
    no headline: it never beats the `<h1>`, and is never the title (None when all are)."""
    h1 = [t for t in h1 if not is_site_title(t, site_name)]
    others = [t for t in others if not is_site_title(t, site_name)]
    if h1 and h1[0]:
        words = set(_WORD.findall(h1[0].lower()))
        for other in others or [h1[0]]:
            shared = words & set(_WORD.findall(other.lower()))
            if len(shared) >= 0.5 * len(words):
                return h1[0]
    return others[0] if others else None


def _meta_tags(metas: list[HtmlElement]) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in metas:
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


def _json_ld_objects(texts: list[str]) -> Iterator[dict[str, Any]]:
    for raw in texts:
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
    """The names in a byline: no "By", no e-mail address, no date after it."""
    text = _EMAIL.sub(" ", squash(text))
    text = _BYLINE_TAIL.sub("", _BY.sub("", squash(text)))
    text = squash(text).strip(" |,;:-–—")
    if not text or "://" in text or len(text) > 120 or not any(c.isalpha() for c in text):
        return None
    return text


def _is_outlet(name: str, outlets: set[str]) -> bool:
    """A byline that names the outlet or a desk, not a reporter."""
    key = " ".join(_WORD.findall(name.lower()))
    if not key or key in outlets:
        return True
    return bool(_ORG_WORD.search(name)) or (name.isupper() and " " not in name)


def _is_org(obj: Any) -> bool:
    kind = obj.get("@type") if isinstance(obj, dict) else None
    kinds = kind if isinstance(kind, list) else [kind]
    return any(k in ("Organization", "NewsMediaOrganization", "Corporation") for k in kinds)


def _outlet_names(meta: dict[str, str], ld: list[dict[str, Any]]) -> set[str]:
    names = [meta.get("og:site_name"), meta.get("application-name"), _publisher(ld)]
    names += [n for o in ld if _is_org(o) for n in _names(o.get("name"))]
    return {" ".join(_WORD.findall(n.lower())) for n in names if n}


def _spaced_text(element: HtmlElement) -> str:
    """An element's text with a space between its parts ("Posted by<a>Ann</a>" -> "by Ann")."""
    return " ".join(element.itertext())


def _byline_candidates(
    tree: HtmlElement, meta: dict[str, str], ld: list[dict[str, Any]]
) -> Iterator[str]:
    for obj in ld:
        authors = obj.get("author")
        items = authors if isinstance(authors, list) else [authors]
        names = [c for a in items if not _is_org(a) for n in _names(a) if (c := _clean_byline(n))]
        if names:
            yield ", ".join(dict.fromkeys(names))
    for key in ("author", "article:author", "byl", "parsely-author", "sailthru.author"):
        if meta.get(key) and (name := _clean_byline(meta[key])):
            yield name
    for element in _ITEMPROP(tree):
        if element.get("itemprop") == "author":
            name = _clean_byline(element.get("content") or _spaced_text(element))
            if name:
                yield name
    for element in _BYLINE(tree)[:5]:
        if name := _clean_byline(_spaced_text(element)):
            yield name


def _byline(tree: HtmlElement, meta: dict[str, str], ld: list[dict[str, Any]]) -> str | None:
    """The reporters' names; the outlet's own name only when the page names nobody else."""
    outlets = _outlet_names(meta, ld)
    fallback: str | None = None
    for name in _byline_candidates(tree, meta, ld):
        if not _is_outlet(name, outlets):
            return name
        fallback = fallback or name
    return fallback


def parse_date(value: str | None) -> datetime | None:
    """A publication date as pages write it; naive values are taken as UTC.

    ISO 8601 and RFC 2822 first (fast, exact); then the forms sites print ("January 16, 2026
    5:00 PM EST", "16/01/2026") through dateparser, day-first only when the month cannot be
    first. A bare year or a text without a day is no publication date.
    """
    value = squash(value)
    if not value or len(value) > 80:
        return None
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        parsed = _rfc2822(value) if _RFC2822.match(value) else _loose_date(value)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _rfc2822(value: str) -> datetime | None:
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


def _loose_date(value: str) -> datetime | None:
    if not _DAY_AND_YEAR.search(value):
        return None
    value = _DATE_NOISE.sub(" ", value)
    if written := _written_date(value):
        return written
    import dateparser  # only for pages whose dates are not machine-readable

    return dateparser.parse(
        value,
        languages=["en"],
        settings={"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True},
    )


def _written_date(value: str) -> datetime | None:
    """The commonest printed forms, "[Weekday,] January 16, 2026 [5:00 PM]", "16 Jan 2026" and
    "01/16/2026", read without dateparser (some 2 ms a call, the dearest step on small pages):
    the same naive datetime dateparser gives for them. None for anything else (a time zone, a
    weekday that is not the date's, an unknown month word, an impossible date): dateparser
    decides."""
    value = value.strip()
    if numeric := _NUMERIC_DATE.fullmatch(value):  # month first, as dateparser reads English
        first, second, year = (int(numeric[k]) for k in ("first", "second", "year"))
        month_first = first <= 12
        try:
            return datetime(year, *((first, second) if month_first else (second, first)))
        except ValueError:
            return None
    match = _WRITTEN_DATE.fullmatch(value)
    if match is None:
        return None
    month = _MONTHS.get((match["month"] or match["month2"]).lower())
    hour = int(match["hour"] or 0)
    if month is None or (match["half"] and not 1 <= hour <= 12):
        return None
    if match["half"]:
        hour = hour % 12 + (12 if match["half"].lower() == "pm" else 0)
    try:
        written = datetime(
            int(match["year"]),
            month,
            int(match["day"] or match["day2"]),
            hour,
            int(match["minute"] or 0),
            int(match["second"] or 0),
        )
    except ValueError:
        return None
    if match["weekday"] and _WEEKDAYS.get(match["weekday"].lower()) != written.weekday():
        return None
    return written


def _published(
    tree: HtmlElement, meta: dict[str, str], ld: list[dict[str, Any]], canonical: str | None
) -> datetime | None:
    early = [o[k] for o in ld for k in _LD_DATE_KEYS if isinstance(o.get(k), str)]
    early += [meta[k] for k in _DATE_KEYS if meta.get(k)]
    for value in early:
        if parsed := parse_date(value):
            return parsed
    # page markup only when the metadata said nothing (each query walks the whole tree)
    late = [
        e.get("content") or e.get("datetime") or e.text_content()
        for e in _ITEMPROP(tree)
        if e.get("itemprop") in ("datePublished", "dateCreated")
    ]
    late += [e.get("datetime") or e.get("title") or "" for e in _MARKED_DATE(tree)[:3]]
    for value in (*late, *_TIME(tree)[:3]):
        if parsed := parse_date(value):
            return parsed
    for element in _DATE_TEXT(tree)[:3]:
        if parsed := parse_date(_DATE_LABEL.sub("", squash(element.text_content()))):
            return parsed
    return _url_date(canonical)


def _url_date(url: str | None) -> datetime | None:
    """`/2026/01/16/` or `/2026-01-16/` in the article's URL: news CMSs date their paths."""
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    try:
        year, month, day = (int(g) for g in match.groups())
        return datetime(year, month, day, tzinfo=UTC)
    except ValueError:
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
    code = _LANG_SPLIT.split(raw.strip().lower())[0]
    return code if _LANG_CODE.fullmatch(code) else None


def _canonical(link: str | None, meta: dict[str, str]) -> str | None:
    """The page's address: its canonical link's, else og:url's, when it is an absolute URL."""
    for href in (link, meta.get("og:url")):
        if href and str(href).startswith(("http://", "https://")):
            return squash(str(href))
    return None
