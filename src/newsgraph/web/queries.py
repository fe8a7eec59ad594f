"""Moved: the web UI's queries live in `newsgraph.store` (`read`, `search`, `db`).

Kept so that `from newsgraph.web.queries import open_readonly` (bench/bench_web.py) still works.
"""

from __future__ import annotations

from newsgraph.store.db import ReadOnlyStore, open_readonly

__all__ = ["ReadOnlyStore", "open_readonly"]
