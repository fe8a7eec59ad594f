"""The public API. Evaluation tools call these names: keep them stable."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from newsgraph.clean import clean_html, clean_text
from newsgraph.errors import E_EMPTY, InputError, NewsgraphError
from newsgraph.ids import content_hash
from newsgraph.ingest.document import RawDocument
from newsgraph.model import Article, Place
from newsgraph.settings import Settings, get_settings

Source = str | bytes | Path


def _aware(published: datetime | None) -> datetime | None:
    if published is not None and published.tzinfo is None:
        return published.replace(tzinfo=UTC)
    return published


def read_text(text: str, *, url: str | None = None, published: datetime | None = None) -> Article:
    """Clean a plain-text dump (headline, standfirst, body, related stories); no NLP."""
    return clean_text(text, url=url, published=_aware(published))


def read_html(html: str, *, url: str | None = None) -> Article:
    """Clean an HTML page to its article and metadata; no NLP."""
    return clean_html(html, url=url)


def analyze(text: str, *, published: datetime | None = None, title: str | None = None) -> Article:
    """Run every analysis stage on `text` exactly as given (`Article.text == text`); the id is
    the content hash of `text`, as for every other article."""
    article = Article(
        id=content_hash(text), title=title, body=text, text=text, published=_aware(published)
    )
    from newsgraph.pipeline import default_pipeline

    return default_pipeline()(article)


def analyze_articles(articles: Iterable[Article]) -> Iterator[Article]:
    """Analyse cleaned articles in batches (one spaCy pass per batch)."""
    from newsgraph.pipeline import default_pipeline

    return default_pipeline().run_many(articles)


def clean_document(doc: RawDocument, *, published: datetime | None = None) -> Article:
    """Clean one raw document from a reader; `published` overrides what the source says."""
    if doc.kind == "html":
        article = clean_html(doc.content, url=doc.url, origin=doc.origin)
    else:
        article = clean_text(doc.content, url=doc.url, origin=doc.origin)
    update: dict[str, object] = {"origin": doc.origin}
    when = _aware(published) or article.published or _aware(doc.published)
    if when is not None:
        update["published"] = when
    if doc.fetched is not None:
        update["fetched"] = _aware(doc.fetched)
    if doc.flags:
        update["flags"] = [*article.flags, *(f for f in doc.flags if f not in article.flags)]
    if doc.title and not article.title:
        update["title"] = doc.title
    return article.model_copy(update=update)


def read_documents(
    source: Source, *, settings: Settings | None = None
) -> Iterator[RawDocument | InputError]:
    """Every raw document in a path, directory, URL, bytes or text; errors are yielded."""
    from newsgraph.ingest.sources import iter_documents

    return iter_documents(source, settings=settings or get_settings())


def read_articles(
    sources: Iterable[Source], *, published: datetime | None = None
) -> Iterator[Article | NewsgraphError]:
    """Cleaned articles (no NLP) from every source, in order; a bad input is yielded as its
    one-line error, never raised, so a batch goes on."""
    for source in sources:
        for item in read_documents(source):
            if isinstance(item, InputError):
                yield item
                continue
            try:
                article = clean_document(item, published=published)
            except NewsgraphError as e:
                yield e
                continue
            if not article.text.strip():
                yield InputError("no text after cleaning", origin=item.origin, code=E_EMPTY)
                continue
            yield article


def extract(
    source: Source,
    *,
    url: str | None = None,
    published: datetime | None = None,
    nlp: bool = True,
) -> Article:
    """Read one article from a path, URL, bytes or text: detect the format, clean, analyze."""
    for item in read_documents(source):
        if isinstance(item, InputError):
            raise item
        doc = (
            item
            if url is None
            else RawDocument(
                content=item.content,
                kind=item.kind,
                origin=item.origin,
                url=url,
                published=item.published,
                title=item.title,
            )
        )
        article = clean_document(doc, published=published)
        if not nlp:
            return article
        from newsgraph.pipeline import default_pipeline  # the stages load only when they run

        return default_pipeline()(article)
    raise InputError("no article found", origin=_describe(source), code=E_EMPTY)


def _describe(source: Source) -> str:
    if isinstance(source, Path):
        return str(source)
    if isinstance(source, bytes):
        return "<bytes>"
    return source if len(source) < 200 and "\n" not in source else "<text>"


def resolve_places(text: str, spans: Sequence[tuple[int, int]]) -> list[Place | None]:
    """Geocode the given (start, end) spans of `text`: one place or None per span, in order."""
    from newsgraph.nlp.places import resolve_spans

    return resolve_spans(text, spans)
