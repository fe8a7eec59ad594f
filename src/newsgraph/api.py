"""The public API. Evaluation tools call these names: keep them stable.

Every function that analyses or reads takes one `settings=` (`newsgraph.Settings`); without it
the environment's settings apply (`newsgraph.settings.get_settings`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.clean import clean_html, clean_text
from newsgraph.clean.titles import is_site_title
from newsgraph.errors import E_EMPTY, InputError, NewsgraphError
from newsgraph.ids import content_hash
from newsgraph.ingest.document import RawDocument
from newsgraph.model import Article, Place
from newsgraph.settings import Settings, get_settings

if TYPE_CHECKING:
    from newsgraph.pipeline import Pipeline

Source = str | bytes | Path


def _aware(published: datetime | None) -> datetime | None:
    if published is not None and published.tzinfo is None:
        return published.replace(tzinfo=UTC)
    return published


def read_text(text: str, *, url: str | None = None, published: datetime | None = None) -> Article:
    """Clean a plain-text dump (headline, standfirst, body, related stories); no NLP."""
    return clean_text(text, url=url, published=_aware(published))


def read_html(html: str, *, url: str | None = None, published: datetime | None = None) -> Article:
    """Clean an HTML page to its article and metadata; no NLP. `published` overrides the
    publication time the page gives."""
    article = clean_html(html, url=url)
    when = _aware(published)
    return article if when is None else article.model_copy(update={"published": when})


def analyze(
    text: str,
    *,
    published: datetime | None = None,
    title: str | None = None,
    settings: Settings | None = None,
) -> Article:
    """Run the analysis stages (`settings.stages`) on `text` exactly as given
    (`Article.text == text`); the id is the content hash of `text`, as for every other
    article."""
    article = Article(
        id=content_hash(text), title=title, body=text, text=text, published=_aware(published)
    )
    return _pipeline(settings)(article)


def analyze_articles(
    articles: Iterable[Article], *, settings: Settings | None = None
) -> Iterator[Article]:
    """Analyse cleaned articles in batches (one spaCy pass per batch)."""
    return _pipeline(settings).run_many(articles)


def _pipeline(settings: Settings | None) -> Pipeline:
    from newsgraph import pipeline  # the stages load only when they run

    return pipeline.default_pipeline() if settings is None else pipeline.pipeline_for(settings)


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
    if doc.title and not article.title and not is_site_title(doc.title):
        update["title"] = doc.title  # a feed's or JSON's title where the page has no headline
    return article.model_copy(update=update)


def read_documents(
    source: Source, *, settings: Settings | None = None
) -> Iterator[RawDocument | InputError]:
    """Every raw document in a path, directory, URL, bytes or text; errors are yielded."""
    from newsgraph.ingest.sources import iter_documents

    return iter_documents(source, settings=settings or get_settings())


def read_articles(
    sources: Iterable[Source],
    *,
    published: datetime | None = None,
    settings: Settings | None = None,
) -> Iterator[Article | NewsgraphError]:
    """Cleaned articles (no NLP) from every source, in order; a bad input is yielded as its
    one-line error, never raised, so a batch goes on."""
    settings = settings or get_settings()
    for source in sources:
        for item in read_documents(source, settings=settings):
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
    settings: Settings | None = None,
) -> Article:
    """The one article of a path, URL, bytes or text: detect the format, clean, analyse.

    A source that holds several articles (a feed, a WARC file, JSON Lines, a directory) is
    refused with an `InputError` that says how many: `extract_all` returns them all."""
    settings = settings or get_settings()
    documents = _documents(source, settings)
    first = next(documents, None)
    if first is None:
        raise InputError("no article found", origin=_describe(source), code=E_EMPTY)
    more = sum(1 for _ in documents)
    if more:
        raise InputError(
            f"holds {more + 1} articles, extract reads one: use newsgraph.extract_all",
            origin=_describe(source),
        )
    return _extracted([first], url=url, published=published, nlp=nlp, settings=settings)[0]


def extract_all(
    source: Source,
    *,
    url: str | None = None,
    published: datetime | None = None,
    nlp: bool = True,
    settings: Settings | None = None,
) -> list[Article]:
    """Every article of a path, URL, bytes or text, in order: detect, clean, analyse (in
    batches). The first bad input is raised (`InputError`); an empty list is never returned."""
    settings = settings or get_settings()
    documents = list(_documents(source, settings))
    if not documents:
        raise InputError("no article found", origin=_describe(source), code=E_EMPTY)
    return _extracted(documents, url=url, published=published, nlp=nlp, settings=settings)


def _documents(source: Source, settings: Settings) -> Iterator[RawDocument]:
    for item in read_documents(source, settings=settings):
        if isinstance(item, InputError):
            raise item
        yield item


def _extracted(
    documents: list[RawDocument],
    *,
    url: str | None,
    published: datetime | None,
    nlp: bool,
    settings: Settings,
) -> list[Article]:
    articles = [
        clean_document(doc if url is None else replace(doc, url=url), published=published)
        for doc in documents
    ]
    if not nlp:
        return articles
    return list(_pipeline(settings).run_many(articles))


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
