"""Clean an HTML news page to its article: headline, standfirst, body, byline, date, related.

trafilatura finds the main text; this module parses the page once, hands trafilatura the tree,
reads the page's own metadata, and tidies what trafilatura returns the way a news reader needs
(headline and dek out of the body, captions and related-stories teasers out, sign-offs dropped).
"""

from __future__ import annotations

import copy
import functools
import logging
import re
from typing import TYPE_CHECKING

from lxml import etree
from lxml.etree import ElementDefaultClassLookup, HTMLParser
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HtmlProcessingInstruction,
    fromstring,
)

from newsgraph.clean.assemble import build_article
from newsgraph.clean.html._body import is_furniture, tidy
from newsgraph.clean.html._choice import MORE_TEXT, Evidence, Mode, weigh
from newsgraph.clean.html._meta import PageMeta, read_meta, squash
from newsgraph.clean.html._page import KEY_CHARS, PageProbe, find_furniture, text_key
from newsgraph.clean.html._product import is_product_page, shop_keys
from newsgraph.clean.html._thread import thread_lines
from newsgraph.clean.language import guess_language
from newsgraph.errors import E_EMPTY, E_MALFORMED, InputError
from newsgraph.ids import site_of
from newsgraph.model import Article

if TYPE_CHECKING:
    from trafilatura.settings import Extractor

__all__ = ["clean_html"]  # the public names; the rest is private

STRUCTURED_RATIO = 1.5  # JSON-LD articleBody this many times longer than the extraction wins
STRUCTURED_OVERLAP = 0.9  # ... when it holds this share of the extraction's words
_WORD = re.compile(r"\w+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_MIN_MARKUP = re.compile(r"<\s*[a-zA-Z!?/]")

# trafilatura logs every page it gives up on; a cleaner reports through its own errors instead.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


# libxml2 stops building the tree at this depth and drops what lies below (its "huge" mode
# lifts the limit, but trafilatura then takes minutes on hostile pages of 10,000 levels).
PARSER_MAX_DEPTH = 255


def _depth_at_limit(tree: HtmlElement) -> bool:
    """Did the parser cut the page at its nesting limit?"""
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth >= PARSER_MAX_DEPTH - 5:
            return True
        stack.extend((child, depth + 1) for child in node)
    return False


def _has_surrogates(html: str) -> bool:
    """Does the text hold surrogate code points (U+D800 to U+DFFF)?

    UTF-8 cannot encode them and nothing else stops a strict encode, so trying one answers in a
    single pass in C, several times quicker than a regex scan of the page."""
    if html.isascii():
        return False
    try:
        html.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _page_parser() -> HTMLParser:
    """libxml2's HTML parser with the settings trafilatura parses with (`load_html`: comments
    and processing instructions dropped, no ids collected, no default doctype), so that the
    tree is the one trafilatura would build, and with lxml.html's element classes picked in C.

    lxml.html's own parser picks each element's class in a Python method, called every time
    Python first touches an element (some 2,500 times a page across trafilatura's passes over
    the tree and its copies, and ours): a tenth of a millisecond per thousand. Its only classes
    besides `HtmlElement` are those of form controls (`<form>`, `<input>`, `<select>`,
    `<textarea>`, `<label>`), whose form helpers neither trafilatura nor this package uses.
    lxml locks a parser while it parses, so one serves every thread."""
    parser = HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
    )
    parser.set_element_class_lookup(
        ElementDefaultClassLookup(
            element=HtmlElement,
            comment=HtmlComment,
            pi=HtmlProcessingInstruction,
            entity=HtmlEntity,
        )
    )
    return parser


_PARSER = _page_parser()


def _from_bytes(html: str) -> HtmlElement | None:
    """The page parsed from its UTF-8 bytes (libxml2 refuses a string that declares its own
    encoding, and may read bytes where a string gave nothing); None when that fails too."""
    try:
        return fromstring(html.encode("utf-8", "surrogatepass"), parser=_PARSER)
    except (ValueError, TypeError, etree.LxmlError):
        return None


# What trafilatura's `repair_faulty_html` removes anywhere in a page: the characters XML forbids.
_XML_FORBIDDEN = (
    *(chr(c) for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20))),
    "\ufffe",
    "\uffff",
)
REPAIR_REACH = 4096  # characters past the first line that its other repairs read
CUT_TRIES = 200  # line breaks tried for a place to cut the page before repairing the whole
_SPACES = re.compile(r"\s*")


def _repair(html: str, beginning: str) -> str:
    """trafilatura's `repair_faulty_html` (as `load_html` runs it), with the same result in a
    fraction of the time on a page whose text holds no character XML forbids (nearly all).

    Its first step deletes those characters, a regex scan of the whole page (some 0.8 ms on
    a page of 170 KB, more than all the cleaner's own queries of the tree); its other steps
    read and change only the first line and the next 4,096 characters (a `<!DOCTYPE>` with a
    slash, a self-closing `<html/>`). Checking for the characters costs a third of the scan
    (one `str` search each); without any, the repair runs on the page's head alone, cut at a
    line break that no repair can reach across (`_quiet_cut`), and the rest follows as is."""
    from trafilatura.utils import repair_faulty_html

    cut = _quiet_cut(html)
    if cut is None or any(c in html for c in _XML_FORBIDDEN):
        return repair_faulty_html(html, beginning)
    return repair_faulty_html(html[:cut], beginning) + html[cut:]


def _quiet_cut(html: str) -> int | None:
    """A place to cut `html` that trafilatura's head repairs cannot see past: the first
    character after a line break (and the whitespace after it) at least `REPAIR_REACH`
    characters beyond the first line, when it is not "/" (the `<html ... />` repair spans
    whitespace, line breaks included, up to a "/>"; nothing else of it crosses a line break).
    None when the page has no such place near its head."""
    first = html.find("\n")
    if first == -1:
        return None
    at = html.find("\n", first + REPAIR_REACH + 1)
    for _ in range(CUT_TRIES):
        if at == -1:
            return None
        spaces = _SPACES.match(html, at + 1)
        cut = spaces.end() if spaces else at + 1
        if cut < len(html) and html[cut] != "/":
            return cut
        at = html.find("\n", cut)
    return None


def _load(html: str) -> HtmlElement | None:
    """The page's tree as trafilatura's `load_html` builds it from a string: its repairs of
    markup libxml2 mishandles (`repair_faulty_html`), a string parse, the bytes instead when
    the string parse fails or gives a root without children, and None for a text that names no
    `html` in its first 50 characters and parses to a root of fewer than two children (not an
    HTML page). `tests/test_clean_html_lookups.py` holds the two to the same trees."""
    from trafilatura.utils import is_dubious_html

    beginning = html[:50].lower()
    html = _repair(html, beginning)
    tree: HtmlElement | None = None
    read_bytes = False
    try:
        tree = fromstring(html, parser=_PARSER)
    except ValueError:  # a string that declares its encoding: its bytes, once
        tree, read_bytes = _from_bytes(html), True
    except etree.LxmlError:  # libxml2 found no document in the string
        tree = None
    if not read_bytes and (tree is None or len(tree) < 1):
        tree = _from_bytes(html)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


def _parse(html: str, origin: str | None) -> HtmlElement:
    if not html or html.isspace():
        raise InputError("empty HTML page", origin=origin, code=E_EMPTY)
    if _has_surrogates(html):  # lone surrogates (from a bad decode) would stop the parser
        html = html.encode("utf-8", "replace").decode("utf-8")
    head = html[:4096]
    if len(_CONTROL.findall(head)) > 0.05 * len(head) or not _MIN_MARKUP.search(html):
        raise InputError("not an HTML page (no markup)", origin=origin, code=E_MALFORMED)
    tree = _load(html)
    if tree is None:  # a fragment of one element ("<p>...</p>", a feed's body_html): a page
        tree = _load(f"<html><body>{html}</body></html>")
    if tree is None:
        raise InputError("HTML could not be parsed", origin=origin, code=E_MALFORMED)
    return tree


@functools.cache
def _mode_options(mode: Mode) -> Extractor:
    """trafilatura's options for one mode, as `bare_extraction` would build them from its
    keyword arguments: built once per mode, since building them reads trafilatura's config file
    settings anew each time (some 0.2 ms, a tenth of the work on a small page)."""
    from trafilatura.settings import DEFAULT_CONFIG, Extractor

    return Extractor(
        config=DEFAULT_CONFIG,
        output_format="python",
        fast=mode != "full",
        recall=mode == "recall",
        comments=False,
        tables=True,
        with_metadata=False,
    )


def _options(url: str | None, mode: Mode) -> Extractor:
    """The mode's options for the page at `url` (trafilatura reads them, never changes them)."""
    options = copy.copy(_mode_options(mode))
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    return options


def _extract(tree: HtmlElement, url: str | None, *, mode: Mode) -> str:
    import trafilatura

    document = trafilatura.bare_extraction(tree, options=_options(url, mode))
    return (getattr(document, "text", None) or "") if document is not None else ""


def _main_text(
    tree: HtmlElement, url: str | None, *, article: bool = False, shop: bool | None = None
) -> tuple[list[str], Evidence]:
    """trafilatura's main text as lines, and the evidence that chose the mode.

    Its fast mode first (on news pages as good as the full one, and much quicker); when the
    page gives evidence that the fast result missed part of the text (`_choice.weigh`: a short
    result, a thread, a list left out beside the kept paragraphs), the mode that evidence calls
    for, kept when it finds clearly more; then trafilatura's plain baseline if nothing was found.
    A thread's posts are read one by one (`_with_posts`) unless the page declares itself an
    `article`: there, like blocks are the chunks of one story, which the fuller mode reads.
    """
    import trafilatura

    text = _extract(tree, url, mode="fast")
    evidence = weigh(tree, text, shop=shop)
    if evidence.thread and not article:
        posts = _with_posts(text.split("\n"), evidence)
        if posts:
            return posts, evidence
    if evidence.mode != "fast":
        fuller = _extract(tree, url, mode=evidence.mode)
        # a short result gives way to any longer one (it had little to lose), and so does a
        # product page's (its shop chrome is filtered below); a full-length one only to one
        # clearly longer, so that a fuller mode's extra chrome is not taken for text
        if len(fuller) > (len(text) if evidence.short or evidence.shop else MORE_TEXT * len(text)):
            text = fuller
    if not text:
        _, text, _ = trafilatura.baseline(tree)
    return (text or "").split("\n"), evidence


def _with_posts(lines: list[str], evidence: Evidence) -> list[str]:
    """On a thread, the extraction's lines before the first post (a topic's opening text), then
    every post's own words (`_thread.thread_lines`) instead of what the extraction made of them:
    trafilatura keeps one post only, or all of them with their authors, dates and signatures.
    [] when the posts cannot be read one by one."""
    posts = thread_lines(evidence.posts, evidence.post_body)
    if not posts:
        return []
    inside = squash(" ".join(post.text_content() for post in evidence.posts))
    before: list[str] = []
    for line in lines:
        key = squash(line)[:KEY_CHARS]
        if key and key in inside:
            break
        before.append(line)
    return [*before, *posts]


def _prefer_structured_body(paragraphs: list[str], article_body: str | None) -> list[str]:
    """The page's JSON-LD articleBody instead of the extracted text when it is much longer and
    holds what was extracted (the extraction missed part of the story); else `paragraphs`."""
    if not article_body:
        return paragraphs
    found = " ".join(paragraphs)
    if len(article_body) < STRUCTURED_RATIO * len(found):
        return paragraphs
    words = set(_WORD.findall(found.lower()))
    structured = set(_WORD.findall(article_body.lower()))
    if words and len(words & structured) < STRUCTURED_OVERLAP * len(words):
        return paragraphs
    lines = [squash(line) for line in article_body.splitlines()]
    return [line for line in lines if line and not is_furniture(line)]


def clean_html(html: str, *, url: str | None = None, origin: str | None = None) -> Article:
    """The article in an HTML page; `InputError` (E_EMPTY, E_MALFORMED) when there is none."""
    tree = _parse(html, origin)
    meta: PageMeta = read_meta(tree)
    page_url = url or meta.canonical
    furniture = find_furniture(tree, base_url=page_url)
    probe = PageProbe(tree)
    product = is_product_page(tree)  # asked before trafilatura's pass (see `_choice.weigh`)
    lines, evidence = _main_text(tree, page_url, article=meta.declares_article, shop=product)
    if evidence.shop:  # a product page: its buy box and customer reviews are not its text
        shop = shop_keys(tree, lines)
        lines = [line for line in lines if text_key(line) not in shop]
    before, after = probe.sibling_chunks(lines)
    lines = probe.with_embedded_posts([*before, *lines, *after])
    parts = tidy(
        lines,
        titles=meta.titles,
        description=meta.description,
        furniture=furniture,
        probe=probe,
    )
    paragraphs = _prefer_structured_body(parts.paragraphs, meta.article_body)
    title = meta.title
    if not paragraphs and not title:
        if _depth_at_limit(tree):
            raise InputError(
                f"HTML nested deeper than {PARSER_MAX_DEPTH} elements: text below is lost",
                origin=origin,
                code=E_MALFORMED,
            )
        raise InputError("no article text in HTML page", origin=origin, code=E_EMPTY)
    body_sample = " ".join(paragraphs) or squash(title)
    language = guess_language(body_sample, meta.lang)
    flags: list[str] = []
    if language is not None and language != "en":
        flags.append("non_english")
    if not paragraphs:
        flags.append("empty_body")
    return build_article(
        title=title,
        standfirst=parts.standfirst,
        paragraphs=paragraphs,
        related=furniture.related,
        byline=meta.byline,
        published=meta.published,
        url=page_url,
        source=meta.site_name or site_of(page_url),
        language=language,
        origin=origin,
        flags=flags,
    )
