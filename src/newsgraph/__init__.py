"""newsgraph: turn news into structured, searchable knowledge."""

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
