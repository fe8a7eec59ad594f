"""The corpus store: one SQLite file (schema, writes, search, export).

The names below are the library API the CLI and the web UI use; they load on first use so that
importing `newsgraph.store` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "DEFAULT_DB": "newsgraph.store.db",
    "connect": "newsgraph.store.db",
    "transaction": "newsgraph.store.db",
    "writer_lock": "newsgraph.store.db",
    "write_batch": "newsgraph.store.write",
    "Filters": "newsgraph.store.search",
    "Hit": "newsgraph.store.search",
    "SearchResults": "newsgraph.store.search",
    "EntityRecord": "newsgraph.store.search",
    "StoryRecord": "newsgraph.store.search",
    "Stats": "newsgraph.store.search",
    "search": "newsgraph.store.search",
    "get_article": "newsgraph.store.search",
    "get_entity": "newsgraph.store.search",
    "article_sources": "newsgraph.store.search",
    "list_stories": "newsgraph.store.search",
    "stats": "newsgraph.store.search",
    "export": "newsgraph.store.export",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'newsgraph.store' has no attribute {name!r}")
