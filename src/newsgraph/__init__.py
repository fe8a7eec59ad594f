"""Turn news into structured, searchable knowledge, locally, on your own corpus.

Read and clean (no NLP):
    read_text(text, url=, published=)   a plain-text dump -> Article
    read_html(html, url=)               an HTML page -> Article
    read_documents(source)              raw documents of a path, URL, bytes or stream
    read_articles(sources)              cleaned Articles from any mix of sources

Analyse:
    analyze(text, published=)           every stage on `text` as given (article.text == text)
    extract(source)                     detect, clean and analyse a path, URL, bytes or text
    analyze_articles(articles)          analyse cleaned articles in batches
    resolve_places(text, spans)         geocode given spans
    cluster(articles)                   one story label per article

The record: `Article` (immutable, pydantic v2; `article_json_schema()` gives its JSON Schema).
Every fact on it (entities, places, quotes, amounts, dates, themes, events) carries `start` and
`end` offsets into `article.text`. Bad inputs come back as `InputError` items, never raised
mid-stream; all errors derive from `NewsgraphError`.

The command line (`newsgraph --help`) and the web UI (`newsgraph serve`) sit on these functions;
the README has the whole guide.
"""

from newsgraph.api import (
    analyze,
    analyze_articles,
    extract,
    read_articles,
    read_documents,
    read_html,
    read_text,
    resolve_places,
)
from newsgraph.corpus.stories import cluster
from newsgraph.errors import InputError, NewsgraphError, StageFailure, StoreError
from newsgraph.model import SCHEMA_VERSION, Article, article_json_schema

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "InputError",
    "NewsgraphError",
    "StageFailure",
    "StoreError",
    "analyze",
    "analyze_articles",
    "article_json_schema",
    "cluster",
    "extract",
    "read_articles",
    "read_documents",
    "read_html",
    "read_text",
    "resolve_places",
]

__version__ = "0.1.0"
