"""The corpus store: one SQLite file (schema, writes, reads, search, export). Every SQL
statement of newsgraph lives in this package.

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
    "open_readonly": "newsgraph.store.db",
    "ReadOnlyStore": "newsgraph.store.db",
    "write_batch": "newsgraph.store.write",
    "Filters": "newsgraph.store.search",
    "Hit": "newsgraph.store.search",
    "SearchResults": "newsgraph.store.search",
    "EntityRecord": "newsgraph.store.read",
    "StoryRecord": "newsgraph.store.read",
    "Stats": "newsgraph.store.read",
    "search": "newsgraph.store.search",
    "map_places": "newsgraph.store.search",
    "co_mentions": "newsgraph.store.read",
    "get_article": "newsgraph.store.read",
    "get_entity": "newsgraph.store.read",
    "article_sources": "newsgraph.store.read",
    "list_stories": "newsgraph.store.read",
    "stats": "newsgraph.store.read",
    "export": "newsgraph.store.export",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'newsgraph.store' has no attribute {name!r}")
