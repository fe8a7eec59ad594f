"""Page furniture that news pages mark up: captions, the dek, related-stories blocks.

One XPath pass finds the candidate elements by tag, class and id; the cleaner then keeps these
texts out of the body (captions, teasers) or files them where they belong (standfirst, related).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml.etree import XPath
from lxml.html import HtmlElement

from newsgraph.clean.html._meta import squash
from newsgraph.model import Related

_CANDIDATES = XPath("//@class | //@id | //figcaption | //aside")
_MARKED = re.compile(
    r"caption|credit|related|recommend|more-?stories|read-?more|also|popular|most-?read|trending|"
    r"dek|standfirst|summary|lede|sub-?title|subhead|excerpt|teaser|intro|strapline|description|"
    r"you-?may|further|more-?from|outbrain|taboola"
)
_ANCHORS = XPath(".//a[@href]")
_LINK_TEXTS = XPath("//a[@href][string-length(normalize-space(.)) > 24]")
# Lines are looked up through the text nodes that hold them (`text_holders`), one string test
# per text node, rather than through every element and its text children (`//body//*[...]`).
_TEXT_HOLDING = XPath("//body//text()[contains(., $start)]")
_PARAGRAPH_STARTING = XPath("//body//p[starts-with(normalize-space(.), $start)]")
_IN_CAPTION = XPath(
    "ancestor-or-self::*[self::figure or self::figcaption or contains(@class,'caption')]"
)
_EMBEDDED_POSTS = XPath(
    "//blockquote[contains(@class,'twitter-tweet') or contains(@class,'instagram-media')"
    " or contains(@class,'tiktok-embed') or contains(@class,'bluesky-embed')]"
)
_HAS_H1 = XPath("boolean(.//h1)")
_TEXT_IN_PARAGRAPH = XPath("//body//p/text()[contains(., $start)]")
_SAME_CLASS = XPath(".//*[@class=$cls]")
_HEADER = XPath("ancestor::*[self::header or contains(@class,'headline')]")
_HEADINGS = XPath(".//*[self::h2 or self::h3 or self::h4]")
_PARAS = XPath(".//p")

_TOKEN = re.compile(r"\w+")
_CLASS_SPLIT = re.compile(r"[\s_\-]+")
_CAPTION = re.compile(r"caption|credit")
_RELATED = re.compile(
    r"related|recommend|more-?stories|read-?more|also-?(read|like)|read-?also|popular|most-?read|"
    r"trending|more-?from|you-?may|further-?reading|outbrain|taboola"
)
_DEK_WORDS = frozenset(
    {
        "dek",
        "standfirst",
        "summary",
        "lede",
        "subtitle",
        "subheadline",
        "subhead",
        "excerpt",
        "deck",
        "strapline",
    }
)
_NOT_DEK = re.compile(r"author|bio|comment|promo|newsletter|video|card|teaser|related")
_SOCIAL = re.compile(
    r"\b(follow|share|like) (us )?on\b|"
    r"\b(facebook|twitter|instagram|linkedin|whatsapp|email) icon\b",
    re.IGNORECASE,
)
_NOT_A_STORY = re.compile(
    r"^(#|mailto:|javascript:|tel:)|/(author|authors|people|staff|profile|contributors?)/",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"byline|author|dateline|timestamp|published|pubdate")
_SECTION = re.compile(r"kicker|eyebrow|section|category|rubric|label|overline")
_NEVER_DEK = frozenset({"meta", "body", "html", "article", "main"})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})
MAX_RELATED = 30
PROSE_WORDS = 8
CHUNK_SCOPE = 3  # levels above a chunk where its sibling chunks are looked for


KEY_CHARS = 40  # characters of a block's start used to look it up in the extracted text


def text_key(text: str) -> str:
    """A comparison key: the text's `\\w+` tokens, lower-cased, joined by spaces."""
    return " ".join(_TOKEN.findall(text.lower()))


@dataclass
class Furniture:
    caption_keys: set[str] = field(default_factory=set)
    related_keys: set[str] = field(default_factory=set)
    link_keys: set[str] = field(default_factory=set)
    dek: str | None = None
    related: list[Related] = field(default_factory=list)


def _attrs(element: HtmlElement) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}".lower()


def _may_hold_teasers(element: HtmlElement) -> bool:
    """A block of teasers, not a page-wide wrapper that merely mentions "related" in a class."""
    return element.tag not in _NEVER_DEK and not _HAS_H1(element)


def _is_dek(attrs: str) -> bool:
    if _NOT_DEK.search(attrs):
        return False
    return any(word in _DEK_WORDS for word in _CLASS_SPLIT.split(attrs))


def _marked_elements(tree: HtmlElement) -> list[HtmlElement]:
    """Figure captions, asides, and elements whose class or id names a kind of furniture."""
    elements: dict[HtmlElement, None] = {}
    marked: dict[str, bool] = {}  # pages repeat a few class names many times: test each once
    for hit in _CANDIDATES(tree):
        if not isinstance(hit, str):
            elements[hit] = None
            continue
        is_marked = marked.get(hit)  # a class or id value (a "smart" string)
        if is_marked is None:
            is_marked = marked[hit] = _MARKED.search(hit.lower()) is not None
        if is_marked:
            elements[hit.getparent()] = None  # type: ignore[attr-defined]
    return [e for e in elements if e.tag not in _SKIP_TAGS]


def find_furniture(tree: HtmlElement, *, base_url: str | None) -> Furniture:
    """Captions, the dek and the related-stories blocks of a page."""
    found = Furniture()
    containers: list[HtmlElement] = []
    kept: set[HtmlElement] = set()
    for element in _marked_elements(tree):
        attrs = _attrs(element)
        if element.tag == "figcaption" or _CAPTION.search(attrs):
            _add_caption(found, element)
        elif _RELATED.search(attrs) or element.tag == "aside":
            if _may_hold_teasers(element) and not any(a in kept for a in element.iterancestors()):
                containers.append(element)
                kept.add(element)
        elif found.dek is None and element.tag not in _NEVER_DEK and _is_dek(attrs):
            text = squash(element.text_content())
            if 30 <= len(text) <= 600 and not _runs_into_body(element):
                found.dek = text
    seen: set[str] = set()
    for container in containers:
        for item in _related_items(container, base_url):
            found.related_keys.add(text_key(item.title))
            if item.teaser:
                found.related_keys.add(text_key(item.teaser))
            if len(found.related) < MAX_RELATED and (item.url or item.title) not in seen:
                seen.add(item.url or item.title)
                found.related.append(item)
    found.related_keys.discard("")
    found.link_keys = _story_link_keys(tree, base_url)
    return found


def text_holders(tree: HtmlElement, start: str, *, first_text: bool = False) -> list[HtmlElement]:
    """The elements below `<body>` (script and style left out) with a text node of their own
    that contains `start`, each once; with `first_text`, only where that node is the element's
    first text node (what XPath's `contains(text(), $start)` tests). `start` is not empty.

    The same elements as `//body//*[text()[contains(., $start)]]` (or `[contains(text(),
    $start)]`), found some 15% quicker: one string test per text node instead of a node-set
    built for every element. lxml hands a text node back as a string whose `getparent()` is
    the element it belongs to: the element itself for its leading text, for a tail the element
    it follows, whose parent holds it in the document."""
    found: dict[HtmlElement, None] = {}
    for node in _TEXT_HOLDING(tree, start=start):
        owner = node.getparent()
        holder = owner.getparent() if node.is_tail and owner is not None else owner
        if holder is None or holder.tag in _SKIP_TAGS:
            continue
        if node.is_tail and first_text and not _first_text_is_tail(holder, owner):
            continue
        if holder.tag == "body" and not any(a.tag == "body" for a in holder.iterancestors()):
            continue  # the body's own text: the query starts below it
        found[holder] = None
    return list(found)


def _first_text_is_tail(holder: HtmlElement, child: HtmlElement) -> bool:
    """Is `child`'s tail the first text node of `holder` (no text before it in `holder`)?"""
    if holder.text is not None:
        return False
    return all(sibling.tail is None for sibling in child.itersiblings(preceding=True))


class PageProbe:
    """Questions about where a line of text sits in the page (asked only for a few lines)."""

    def __init__(self, tree: HtmlElement) -> None:
        self._tree = tree

    def _holders(self, line: str) -> list[HtmlElement]:
        return text_holders(self._tree, line.strip()[:40], first_text=True)

    def is_dek(self, line: str) -> bool:
        """True when `line` comes from a heading under the headline or from the page's header,
        not from a paragraph of the article (a lead paragraph often doubles as the description)."""
        holders = self._holders(line)
        if not holders or any(e.tag == "p" and _runs_into_body(e) for e in holders):
            return False
        return any(
            e.tag in ("h2", "h3", "h4") or _is_dek(_attrs(e)) or bool(_HEADER(e)) for e in holders
        )

    def is_paragraph(self, line: str) -> bool:
        """True when `line` is also a paragraph outside any caption (a caption may repeat it)."""
        start = squash(line)[:40]
        return any(not _IN_CAPTION(e) for e in _PARAGRAPH_STARTING(self._tree, start=start))

    def with_embedded_posts(self, lines: list[str]) -> list[str]:
        """`lines` with the embedded social posts (tweets, ...) put back where the page has them:
        they are quoted material of the article, which trafilatura leaves out."""
        posts = _EMBEDDED_POSTS(self._tree)
        if not posts:
            return lines
        keys = [text_key(line) for line in lines]
        inserts: dict[int, list[str]] = {}
        for post in posts:
            before = _text_before(post)
            post_lines = _lines_of(post)
            if before is None or not post_lines:
                continue
            anchor = text_key(before)
            at = next((i for i, key in enumerate(keys) if key and key == anchor), None)
            if at is not None and text_key(post_lines[0]) not in keys:
                inserts.setdefault(at, []).extend(post_lines)
        if not inserts:
            return lines
        out: list[str] = []
        for index, line in enumerate(lines):
            out.append(line)
            out.extend(inserts.get(index, ()))
        return out

    def sibling_chunks(self, lines: list[str]) -> tuple[list[str], list[str]]:
        """Paragraphs of the article's other chunks: containers with the very same tag and class
        as the one holding the last paragraph found (pages that split a story into blocks).
        Returns the paragraphs that belong before and after the ones found."""
        last = next((line for line in reversed(lines) if len(line.split()) >= 8), None)
        if last is None:
            return [], []
        texts = _TEXT_IN_PARAGRAPH(self._tree, start=squash(last)[:30])
        if len(texts) != 1:
            return [], []
        paragraph = texts[0].getparent()
        container = paragraph.getparent() if paragraph is not None else None
        if container is None or not container.get("class"):
            return [], []
        cls = container.get("class")
        scope: HtmlElement = container
        for _ in range(CHUNK_SCOPE):  # chunks of one story sit close together in the tree
            parent = scope.getparent()
            scope = parent if parent is not None else scope
        twins = [t for t in _SAME_CLASS(scope, cls=cls) if t.tag == container.tag]
        if len(twins) < 2:
            return [], []
        have = {text_key(line) for line in lines}
        before: list[str] = []
        after: list[str] = []
        side = before
        for twin in twins:
            if twin is container:
                side = after
                continue
            for child in twin.iterchildren("p"):
                text = squash(child.text_content())
                if _is_prose(child, text) and text_key(text) not in have:
                    side.append(text)
        return before, after


def _lines_of(element: HtmlElement) -> list[str]:
    """The text of `element` split where the page breaks lines (`<br>`, `<p>`)."""
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        if node.tag == "br" or node.tag == "p":
            parts.append("\n")
        if node.text and node.tag not in _SKIP_TAGS:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                parts.append(child.tail)
        if node.tag == "p":
            parts.append("\n")

    walk(element)
    return [line for line in (squash(t) for t in "".join(parts).split("\n")) if line]


def _text_before(element: HtmlElement) -> str | None:
    """The paragraph just before `element` (climbing out of up to three wrappers)."""
    node: HtmlElement | None = element
    for _ in range(4):
        if node is None:
            return None
        for sibling in node.itersiblings(preceding=True):
            if isinstance(sibling.tag, str) and sibling.tag not in _SKIP_TAGS:
                text = squash(sibling.text_content())
                if len(text.split()) >= PROSE_WORDS:
                    return text
        node = node.getparent()
    return None


def _is_prose(element: HtmlElement, text: str) -> bool:
    """A paragraph of running text: a few words, mostly not link text."""
    if len(text.split()) < PROSE_WORDS:
        return False
    linked = sum(len(squash(a.text_content())) for a in element.iter("a"))
    return linked < 0.5 * len(text)


def _runs_into_body(element: HtmlElement) -> bool:
    """True for a lead paragraph (followed by more paragraphs), which is body, not a dek. A
    byline or a dateline set as a paragraph is no body: a dek above one stays a dek ("<p
    class=standfirst>Aid is short</p><p class=byline>By A. Writer</p><p>The agency ...")."""
    following = element.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    return (
        element.tag == "p"
        and following is not None
        and following.tag == "p"
        and not _BYLINE.search(_attrs(following))
    )


def _story_link_keys(tree: HtmlElement, base_url: str | None) -> set[str]:
    """Keys of the texts of links to other pages of the same site (teasers for other stories)."""
    host = urlsplit(base_url).hostname if base_url else None
    site = host.removeprefix("www.") if host else None
    keys: set[str] = set()
    for anchor in _LINK_TEXTS(tree):
        href = (anchor.get("href") or "").strip().lower()
        if href.startswith(("http://", "https://", "//")):
            target = href.split("/", 3)[2].split(":")[0].removeprefix("www.")
            if site is None or not (target == site or target.endswith("." + site)):
                continue
        elif href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        keys.add(text_key(anchor.text_content()))
    return keys


def _add_caption(found: Furniture, element: HtmlElement) -> None:
    whole = text_key(element.text_content())
    if whole:
        found.caption_keys.add(whole)
    for child in element:
        if isinstance(child.tag, str):
            part = text_key(child.text_content())
            if len(part) > 20:
                found.caption_keys.add(part)


def _item_of(anchor: HtmlElement, container: HtmlElement) -> HtmlElement:
    """The teaser element holding `anchor`: its nearest list item or article, else the anchor."""
    node = anchor
    for parent in anchor.iterancestors():
        if parent is container:
            break
        node = parent
        if parent.tag in ("li", "article"):
            return parent
    return node if node.tag in ("li", "article", "div") and len(node) < 8 else anchor


def _related_items(container: HtmlElement, base_url: str | None) -> list[Related]:
    items: list[Related] = []
    for anchor in _ANCHORS(container):
        title = squash(anchor.text_content())
        href = (anchor.get("href") or "").strip()
        if len(title) < 20 or len(title.split()) < 4 or _SOCIAL.search(title):
            continue
        if _NOT_A_STORY.search(href) or anchor.get("rel") == "author":
            continue
        item = _item_of(anchor, container)
        heading = next((squash(h.text_content()) for h in _HEADINGS(item)), "")
        if heading and heading in title:
            title = heading
        teaser = next(
            (
                t
                for p in _PARAS(item)
                if (t := squash(p.text_content())) and t != title and t not in title
            ),
            "",
        )
        section = next(
            (
                squash(e.text_content())
                for e in item.iter()
                if isinstance(e.tag, str) and e is not anchor and _SECTION.search(_attrs(e))
            ),
            "",
        )
        url = urljoin(base_url, href) if base_url else href
        items.append(
            Related(
                title=title,
                teaser=teaser,
                section=section if len(section) < 60 else "",
                url=url if url.startswith(("http://", "https://", "/")) else None,
            )
        )
    return items


_BREAKS = frozenset(
    {"br", "p", "div", "li", "pre", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "tr", "td"}
    | {"ol", "ul"}
)


def block_lines(element: HtmlElement, *, leave_out: frozenset[str] = _SKIP_TAGS) -> list[str]:
    """The text of `element` as lines: a line ends where an element breaks it (`<br>`, a
    paragraph, a list item, a cell), not at the page's own newlines, except inside `<pre>`.
    Elements whose tag is in `leave_out` are skipped with their text."""
    parts: list[str] = []

    def walk(node: HtmlElement, pre: bool) -> None:
        pre = pre or node.tag == "pre"
        if node.tag in _BREAKS:
            parts.append("\f")
        if node.text:
            parts.append(node.text.replace("\n", "\f") if pre else node.text)
        for child in node:
            if isinstance(child.tag, str) and child.tag not in leave_out:
                walk(child, pre)
            if child.tail:
                parts.append(child.tail.replace("\n", "\f") if pre else child.tail)
        if node.tag in _BREAKS:
            parts.append("\f")

    walk(element, False)
    joined = "".join(parts).replace("\n", " ")
    return [line for line in (squash(t) for t in joined.split("\f")) if line]
