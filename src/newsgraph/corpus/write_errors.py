"""Moved to `newsgraph.store.write_errors` (telling a full disk is the store's business).

Kept so that `newsgraph.corpus.write_errors` imports keep working.
"""

from __future__ import annotations

from newsgraph.store.write_errors import EXIT_STORE_WRITE, write_error

__all__ = ["EXIT_STORE_WRITE", "write_error"]
