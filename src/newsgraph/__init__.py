"""Turn news into structured, searchable knowledge, locally, on your own corpus.

Read and clean (no NLP):
    read_text(text, url=, published=)   a plain-text dump -> Article
    read_html(html, url=, published=)   an HTML page -> Article
    read_documents(source)              `RawDocument`s of a path, URL, bytes or stream
    read_articles(sources)              cleaned Articles from any mix of sources

Analyse:
    analyze(text, published=)           every stage on `text` as given (article.text == text)
    extract(source)                     detect, clean and analyse the one article of a source
    extract_all(source)                 the same for every article of a source (feed, WARC, dir)
    analyze_articles(articles)          analyse cleaned articles in batches
    resolve_places(text, spans)         geocode given spans
    cluster(articles)                   one story label per article (bounded: see corpus.stories)

Configure and extend: `Settings` (model, stages, limits; `settings=` on every function above),
`Pipeline(settings=)` runs the stages `Settings.stages` names, and a `Stage` of your own is
found by name through the ``newsgraph.stages`` entry points (see `newsgraph.stages`); its
output goes to `Article.extensions[stage name]`.

The record: `Article` (immutable, pydantic v2; `article_json_schema()` gives its JSON Schema).
Every fact on it (entities, places, quotes, amounts, dates, themes, events) carries `start` and
`end` offsets into `article.text`. Bad inputs come back as `InputError` items, never raised
mid-stream; all errors derive from `NewsgraphError`.

The command line (`newsgraph --help`) and the web UI (`newsgraph serve`) sit on these functions;
the README has the whole guide.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# The names below load on first use, so that `import newsgraph` (and `newsgraph --help`) stays
# quick: the NLP model, trafilatura and scikit-learn are imported only by what needs them.
_HOMES = {
    "analyze": "newsgraph.api",
    "analyze_articles": "newsgraph.api",
    "extract": "newsgraph.api",
    "extract_all": "newsgraph.api",
    "read_articles": "newsgraph.api",
    "read_documents": "newsgraph.api",
    "read_html": "newsgraph.api",
    "read_text": "newsgraph.api",
    "resolve_places": "newsgraph.api",
    "cluster": "newsgraph.corpus.stories",
    "RawDocument": "newsgraph.ingest.document",
    "Pipeline": "newsgraph.pipeline",
    "Settings": "newsgraph.settings",
    "Stage": "newsgraph.stages",
    "InputError": "newsgraph.errors",
    "NewsgraphError": "newsgraph.errors",
    "StageFailure": "newsgraph.errors",
    "StoreError": "newsgraph.errors",
    "SCHEMA_VERSION": "newsgraph.model",
    "Article": "newsgraph.model",
    "article_json_schema": "newsgraph.model",
}

if TYPE_CHECKING:
    from newsgraph.api import (
        analyze,
        analyze_articles,
        extract,
        extract_all,
        read_articles,
        read_documents,
        read_html,
        read_text,
        resolve_places,
    )
    from newsgraph.corpus.stories import cluster
    from newsgraph.errors import InputError, NewsgraphError, StageFailure, StoreError
    from newsgraph.ingest.document import RawDocument
    from newsgraph.model import SCHEMA_VERSION, Article, article_json_schema
    from newsgraph.pipeline import Pipeline
    from newsgraph.settings import Settings
    from newsgraph.stages import Stage


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})


__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "InputError",
    "NewsgraphError",
    "Pipeline",
    "RawDocument",
    "Settings",
    "Stage",
    "StageFailure",
    "StoreError",
    "analyze",
    "analyze_articles",
    "article_json_schema",
    "cluster",
    "extract",
    "extract_all",
    "read_articles",
    "read_documents",
    "read_html",
    "read_text",
    "resolve_places",
]

__version__ = "0.1.0"
