"""Time windows, the rising score and the actors' network as a graph: the arithmetic of
`newsgraph.store.trends`, kept apart from its SQL so it can be read and tested on its own.

Windows are calendar days or clock hours in UTC (the store keeps every publication time in
UTC). A window is named by its first instant: `2025-03-04` for a day, `2025-03-04T09:00` for an
hour.

The rising score of an item (an entity, theme, place or actor pair) compares its count in the
latest window with its own previous `BASELINE` windows:

    score = (latest - mean) / max(std, sqrt(mean), 1)

`mean` and `std` are those of the baseline counts (population standard deviation, windows
without the item count as zero). The floor on the divisor keeps a steady or brand-new item from
exploding: with `std` alone, an item seen exactly 100 times every day would score 10 for 110,
and one never seen before would score infinity for 3. `sqrt(mean)` is the spread a count of that
size has by chance alone (Poisson), and 1 bounds the score of a new item by its count. Items
seen fewer than `MIN_COUNT` times in the latest window are never rising, and an item is listed
as rising from a score of `MIN_SCORE` (two spreads above its usual count).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from typing import TYPE_CHECKING, Any, Literal

from newsgraph.errors import E_QUERY, StoreError

if TYPE_CHECKING:
    import networkx as nx

By = Literal["day", "hour"]
BASELINE = 28
"""Windows before the latest one that make an item's baseline."""
MIN_COUNT = 3
"""Fewest articles in the latest window for an item to be rising."""
MIN_SCORE = 2.0
"""Lowest score listed as rising: two spreads above the baseline's mean."""
STEP: dict[str, timedelta] = {"day": timedelta(days=1), "hour": timedelta(hours=1)}
KEY_CHARS: dict[str, int] = {"day": 10, "hour": 13}
"""How many leading characters of a stored ISO time name its window (`2025-03-04T09`)."""
GraphFormat = Literal["graphml", "gexf"]


def parse_moment(value: str, *, end: bool = False) -> datetime:
    """An ISO date or date-time as an aware UTC datetime (a naive time is taken as UTC).

    A bare date means its first instant, or with `end=True` its last (the whole day counts).
    """
    text = value.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            moment = datetime(day.year, day.month, day.day, tzinfo=UTC)
            if end:
                moment += timedelta(days=1, microseconds=-1)
        else:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as e:
        raise StoreError(
            f"not a date or time: {value!r} (write YYYY-MM-DD or YYYY-MM-DDTHH:MM)", code=E_QUERY
        ) from e
    try:
        moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except OverflowError as e:  # a time zone that moves it past year 1 or 9999
        raise StoreError(f"{value!r} is out of range", code=E_QUERY) from e
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        # News has no such dates, and windows counted back or forth from them would leave
        # the calendar (`datetime` ends at years 1 and 9999).
        raise StoreError(f"{value!r}: years {FIRST_YEAR} to {LAST_YEAR} only", code=E_QUERY)
    return moment


FIRST_YEAR, LAST_YEAR = 1000, 9000


def window_count(first: datetime, last: datetime, by: By) -> int:
    """How many windows `window_keys(first, last, by)` would give, without making them."""
    return (window_start(last, by) - window_start(first, by)) // STEP[by] + 1


def window_start(moment: datetime, by: By) -> datetime:
    """The first instant of the window `moment` falls in."""
    moment = moment.astimezone(UTC)
    if by == "day":
        return moment.replace(hour=0, minute=0, second=0, microsecond=0)
    return moment.replace(minute=0, second=0, microsecond=0)


def label(key: str) -> str:
    """A window's name as shown, from its key (the first `KEY_CHARS[by]` characters of a time
    as the store writes it, `2025-03-04` or `2025-03-04T09`): `2025-03-04` or
    `2025-03-04T09:00`."""
    return key if len(key) == 10 else f"{key}:00"


def window_keys(first: datetime, last: datetime, by: By) -> list[str]:
    """Every window from the one holding `first` to the one holding `last`, in order."""
    cursor, stop = window_start(first, by), window_start(last, by)
    keys = []
    while cursor <= stop:
        keys.append(cursor.isoformat()[: KEY_CHARS[by]])
        cursor += STEP[by]
    return keys


def iso(moment: datetime) -> str:
    """A time as the store writes one (UTC `isoformat`), for comparing with stored times."""
    return moment.astimezone(UTC).isoformat()


@dataclass(frozen=True, slots=True)
class Score:
    """How unusual the latest window's count is against the baseline."""

    latest: int
    mean: float
    std: float
    score: float


def rising_score(latest: int, baseline: Sequence[int]) -> Score:
    """The z-score of `latest` against `baseline` (see the module's docstring for the floor)."""
    n = len(baseline)
    mean = sum(baseline) / n if n else 0.0
    std = math.sqrt(sum((c - mean) ** 2 for c in baseline) / n) if n else 0.0
    spread = max(std, math.sqrt(mean), 1.0)
    return Score(latest, mean, std, (latest - mean) / spread)


def baseline_counts(by_window: dict[int, int], windows: int = BASELINE) -> list[int]:
    """Counts of windows 1..`windows` before the latest (window 0), absent ones as zero."""
    return [by_window.get(k, 0) for k in range(1, windows + 1)]


# --- the actors' network as a graph ----------------------------------------------------


def build_graph(
    nodes: Iterable[dict[str, Any]], edges: Iterable[dict[str, Any]]
) -> nx.MultiDiGraph:
    """A directed multigraph: one node per actor (`id`, with `label` and the rest as
    attributes), one edge per (actor, recipient, event type, quad class) with its counts
    (`event_type`, not `type`: GEXF keeps `type` for directed/undirected).

    Attribute values that are None are left out (GraphML and GEXF have no null).
    """
    import networkx as nx

    graph = nx.MultiDiGraph()
    for node in nodes:
        attrs = {k: _xml_safe(v) for k, v in node.items() if k != "id" and v is not None}
        graph.add_node(_xml_safe(str(node["id"])), **attrs)
    for edge in edges:
        attrs = {
            k: _xml_safe(v)
            for k, v in edge.items()
            if k not in ("source", "target") and v is not None
        }
        key = f"{edge['event_type']}|{edge['quad_class']}"
        graph.add_edge(
            _xml_safe(str(edge["source"])), _xml_safe(str(edge["target"])), key=key, **attrs
        )
    return graph


# Characters XML 1.0 cannot hold (names come from article text, which may carry them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(value: Any) -> Any:
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def graph_bytes(graph: nx.MultiDiGraph, fmt: GraphFormat) -> bytes:
    """The graph as a GraphML or GEXF 1.2 document (UTF-8), for Gephi and the like."""
    import networkx as nx

    out = BytesIO()
    if fmt == "graphml":
        nx.write_graphml(graph, out, encoding="utf-8")
    else:
        nx.write_gexf(graph, out, encoding="utf-8", version="1.2draft")
    return out.getvalue()
