"""Trends, rising and the actors' network in the store (`newsgraph.store.trends`), on a store
whose every count is known by construction (tests/browser/trends_corpus.py), and the pure
arithmetic beside it (`newsgraph.corpus.trends`)."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import networkx as nx
import pytest
from tests.browser.trends_corpus import DAY0, HOSTILE_NAME, build_trends_store

from newsgraph.corpus.trends import (
    MIN_SCORE,
    baseline_counts,
    parse_moment,
    rising_score,
    window_keys,
)
from newsgraph.errors import E_QUERY, StoreError
from newsgraph.store.db import connect, open_readonly
from newsgraph.store.trends import (
    Series,
    network,
    network_document,
    rising,
    trends,
    trends_csv,
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory):
    path = build_trends_store(tmp_path_factory.mktemp("trends") / "trends.db")
    conn = open_readonly(path)
    yield conn
    conn.close()


@pytest.fixture
def empty(tmp_path: Path):
    conn = connect(tmp_path / "empty.db")
    yield conn
    conn.close()


def _series(result, label_part: str):
    return next(s for s in result.series if label_part in s.label)


# --- the pure part --------------------------------------------------------------------------


def test_rising_score_floors_the_spread() -> None:
    steady = rising_score(100, [100] * 28)
    assert steady.score == 0.0
    # std is 0: the floor is sqrt(mean) = 10, so 110 is one spread up, not infinity.
    assert rising_score(110, [100] * 28).score == pytest.approx(1.0)
    # a brand-new item: mean 0, the floor of 1 makes the score its count
    assert rising_score(7, [0] * 28).score == pytest.approx(7.0)
    spread = rising_score(20, [2, 4] * 14)
    assert spread.mean == 3 and spread.std == 1
    assert spread.score == pytest.approx((20 - 3) / math.sqrt(3))


def test_baseline_counts_missing_windows_are_zero() -> None:
    assert baseline_counts({0: 9, 1: 2, 3: 5}, windows=4) == [2, 0, 5, 0]


def test_window_keys_by_day_and_hour() -> None:
    first = datetime(2025, 3, 1, 22, 30, tzinfo=UTC)
    last = datetime(2025, 3, 2, 1, 5, tzinfo=UTC)
    assert window_keys(first, last, "day") == ["2025-03-01", "2025-03-02"]
    assert window_keys(first, last, "hour") == [
        "2025-03-01T22",
        "2025-03-01T23",
        "2025-03-02T00",
        "2025-03-02T01",
    ]


def test_parse_moment_dates_cover_whole_days_and_reject_junk() -> None:
    assert parse_moment("2025-03-01") == datetime(2025, 3, 1, tzinfo=UTC)
    assert parse_moment("2025-03-01", end=True).hour == 23
    assert parse_moment("2025-03-01T14:00+02:00") == datetime(2025, 3, 1, 12, tzinfo=UTC)
    with pytest.raises(StoreError) as caught:
        parse_moment("yesterday")
    assert caught.value.code == E_QUERY


# --- trends ---------------------------------------------------------------------------------


def test_default_range_ends_at_the_newest_article(db) -> None:
    result = trends(db)
    assert len(result.windows) == 90
    assert result.until == "2025-06-30"
    assert [s.label for s in result.series] == ["all articles"]


def test_empty_windows_are_zero_filled(db) -> None:
    result = trends(db, since="2025-06-15", until="2025-06-30")
    assert len(result.windows) == 16 and result.windows[0] == "2025-06-15"
    points = {p.window: p for p in result.series[0].points}
    gap = points["2025-06-20"]  # day 10: nothing published
    assert (gap.articles, gap.tone, gap.events) == (0, None, 0)
    # Day 0: 5 steady + 12 spike + 2 few + 4 hostile.
    assert points["2025-06-30"].articles == 23
    # Events of day 0: 5 CONSULT + 12 PROTEST + 4 ASSAULT + 4 APPEAL.
    assert points["2025-06-30"].events == 25


def test_two_series_compared_on_the_same_windows(db) -> None:
    result = trends(
        db,
        [Series("entity", "Sam Spike"), Series("entity", "person:steady")],
        since="2025-06-23",
        until="2025-06-30",
    )
    spike, steady = _series(result, "Sam Spike"), _series(result, "Stella Steady")
    assert [p.articles for p in spike.points] == [0, 1, 0, 0, 0, 0, 0, 12]  # day 6: 06-24
    assert [p.articles for p in steady.points] == [5] * 8
    assert spike.points[-1].tone == pytest.approx(-4.0)
    assert steady.points[-1].tone == pytest.approx(2.0)
    assert spike.points[-1].events == 16  # 12 PROTEST + 4 ASSAULT in Spike's articles
    assert spike.matched and steady.matched


def test_theme_place_and_event_type_series(db) -> None:
    result = trends(
        db,
        [Series("theme", "STORM"), Series("place", "pt"), Series("event_type", "assault")],
        since="2025-06-30",
    )
    theme, place, etype = result.series
    assert theme.points[-1].articles == 12  # case-insensitive, as the search filter
    assert place.points[-1].articles == 17  # country code PT: Porto (5) and Lisbon (12)
    assert etype.points[-1].articles == 4
    assert etype.points[-1].events == 4  # only the events of that type


def test_unknown_values_give_zero_series_marked_unmatched(db) -> None:
    result = trends(db, [Series("entity", "Nobody At All"), Series("theme", "none")])
    assert all(not s.matched for s in result.series)
    assert all(p.articles == 0 for s in result.series for p in s.points)
    assert result.series[0].label == "entity: Nobody At All"


def test_hour_and_day_buckets_differ(db) -> None:
    by_hour = trends(db, by="hour", since="2025-06-30T08:00", until="2025-06-30T11:59")
    assert by_hour.windows == [
        "2025-06-30T08:00",
        "2025-06-30T09:00",
        "2025-06-30T10:00",
        "2025-06-30T11:00",
    ]
    assert [p.articles for p in by_hour.series[0].points] == [4, 1, 12, 2]
    by_day = trends(db, since="2025-06-30")
    assert by_day.windows == ["2025-06-30"]
    assert by_day.series[0].points[0].articles == 23


def test_default_hour_range_is_72_hours(db) -> None:
    result = trends(db, by="hour")
    assert len(result.windows) == 72 and result.until == "2025-06-30T11:00"


def test_bad_ranges_are_refused(db) -> None:
    for kwargs in (
        {"since": "2025-07-01", "until": "2025-06-01"},
        {"since": "2000-01-01", "by": "hour"},  # far too many windows
        {"since": "soon"},
    ):
        with pytest.raises(StoreError) as caught:
            trends(db, **kwargs)  # type: ignore[arg-type]
        assert caught.value.code == E_QUERY, kwargs
    with pytest.raises(StoreError):
        trends(db, [Series("entity", f"e{i}") for i in range(9)])


def test_csv_has_one_row_per_series_and_window(db) -> None:
    text = trends_csv(
        trends(
            db, [Series("entity", "person:spike"), Series("theme", "economy")], since="2025-06-29"
        )
    )
    lines = text.splitlines()
    assert lines[0] == "window,series,kind,value,articles,tone,events"
    assert "2025-06-30,entity: Sam Spike,entity,person:spike,12,-4.0,16" in lines
    assert "2025-06-29,entity: Sam Spike,entity,person:spike,0,,0" in lines
    assert len(lines) == 1 + 2 * 2


def test_empty_store(empty) -> None:
    now = datetime(2026, 1, 10, 12, tzinfo=UTC)
    result = trends(empty, now=now)
    assert len(result.windows) == 90 and result.until == "2026-01-10"
    assert all(p.articles == 0 and p.tone is None for p in result.series[0].points)
    assert rising(empty, now=now).items == []
    net = network(empty)
    assert (net.nodes, net.edges, net.articles) == ([], [], 0)


# --- rising ---------------------------------------------------------------------------------


def test_a_spike_rises_and_a_steady_entity_does_not(db) -> None:
    found = rising(db, kind="entity")
    keys = [i.key for i in found.items]
    assert "person:spike" in keys
    assert "person:steady" not in keys  # 5 a day, as always
    assert "person:few" not in keys  # 2 articles: below the minimum count
    spike = next(i for i in found.items if i.key == "person:spike")
    assert spike.latest == 12
    assert spike.mean == pytest.approx(4 / 28, abs=1e-3)
    assert spike.score > 10
    assert all(i.score >= MIN_SCORE for i in found.items)
    assert [i.score for i in found.items] == sorted((i.score for i in found.items), reverse=True)
    assert found.end.startswith("2025-06-30T11:30")


def test_minimum_count_can_be_lowered(db) -> None:
    keys = [i.key for i in rising(db, kind="entity", min_count=2).items]
    assert "person:few" in keys


def test_rising_themes_places_and_pairs(db) -> None:
    themes = {i.key: i for i in rising(db, kind="theme").items}
    assert "storm" in themes and "economy" not in themes
    places = [i.label for i in rising(db, kind="place").items]
    assert places == ["Lisbon"]
    pairs = {i.key: i for i in rising(db, kind="pair").items}
    spike_pair = pairs["person:spike -> organization:harbour-council"]
    assert spike_pair.label == "Sam Spike → Harbour Council"
    assert spike_pair.latest == 12
    codes = {i.key for i in rising(db, kind="code-pair").items}
    assert "PRTOPP -> PRTGOV" in codes


def test_rising_by_hour_and_at_a_chosen_time(db) -> None:
    # The hour to 10:30 on day 0 holds Spike's 12 articles; the 28 hours before, none.
    found = {i.key: i for i in rising(db, kind="entity", by="hour", until="2025-06-30T10:30").items}
    assert found["person:spike"].latest == 12 and found["person:spike"].mean == 0
    # Steady's article at 09:30 sits exactly one hour before: the hour before, not this one.
    assert found["organization:harbour-council"].latest == 12
    # A week earlier nothing stands out.
    assert rising(db, kind="entity", until="2025-06-23").items == []


def test_rising_refuses_unknown_kinds(db) -> None:
    with pytest.raises(StoreError):
        rising(db, kind="mood")  # type: ignore[arg-type]


# --- the network ----------------------------------------------------------------------------


def test_network_edges_by_type_and_quad_class(db) -> None:
    net = network(db)
    edges = {(e.source, e.target, e.type, e.quad_class): e for e in net.edges}
    protest = edges[("person:spike", "organization:harbour-council", "PROTEST", 3)]
    assert (protest.events, protest.articles, protest.goldstein) == (12, 12, -6.5)
    assault = edges[("person:spike", "organization:harbour-council", "ASSAULT", 4)]
    assert (assault.events, assault.goldstein) == (4, -10.0)
    consult = edges[("person:steady", "organization:harbour-council", "CONSULT", 1)]
    assert consult.events == 10  # days 0 and 1, five each
    nodes = {n.id: n for n in net.nodes}
    assert nodes["organization:harbour-council"].events == 30
    assert nodes["person:spike"].label == "Sam Spike"
    assert net.nodes[0].id == "organization:harbour-council"  # busiest first


def test_network_of_a_query_a_window_and_coded_actors(db) -> None:
    assert {e.type for e in network(db, query="Spike").edges} == {"PROTEST", "ASSAULT"}
    day1 = network(db, since="2025-06-29", until="2025-06-29")
    assert [(e.type, e.events) for e in day1.edges] == [("CONSULT", 5)]
    coded = network(db, actors="code")
    pairs = {(e.source, e.target, e.type) for e in coded.edges}
    assert ("PRTOPP", "PRTGOV", "PROTEST") in pairs
    assert ("PRTGOV", "PRTGOV", "CONSULT") in pairs  # a coded self-link is kept
    assert {n.country for n in coded.nodes} == {"PRT"}


def test_network_limit_keeps_the_busiest_edges(db) -> None:
    net = network(db, limit=1)
    assert net.truncated and [e.type for e in net.edges] == ["PROTEST"]
    assert {n.id for n in net.nodes} == {"person:spike", "organization:harbour-council"}


def test_network_bad_query_is_a_query_error(db) -> None:
    with pytest.raises(StoreError) as caught:
        network(db, query='"unclosed')
    assert caught.value.code == E_QUERY


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_documents_parse_back_with_networkx(db, fmt: str) -> None:
    net = network(db)
    data = network_document(net, fmt)  # type: ignore[arg-type]
    read = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    graph = read(BytesIO(data))
    assert graph.is_directed() and graph.is_multigraph()
    assert graph.number_of_nodes() == len(net.nodes)
    assert graph.number_of_edges() == len(net.edges)
    spike_edges = graph.get_edge_data("person:spike", "organization:harbour-council")
    by_type = {d["event_type"]: d for d in spike_edges.values()}
    assert int(by_type["PROTEST"]["weight"]) == 12
    assert int(by_type["PROTEST"]["quad_class"]) == 3
    assert float(by_type["ASSAULT"]["goldstein"]) == -10.0
    labels = {graph.nodes[n].get("label") for n in graph.nodes}
    assert HOSTILE_NAME in labels  # stored as text, escaped by the XML writer
    assert b"<script>" not in data


def test_day0_constant_is_the_newest_day(db) -> None:
    assert trends(db).until == DAY0.date().isoformat()


def test_network_reads_the_newest_sample(db) -> None:
    small = network(db, sample=12)
    assert (small.articles, small.sampled) == (12, True)
    # The 12 newest: Few's two (no events) and ten of Spike's, the newest ones.
    assert sum(e.events for e in small.edges if e.type == "PROTEST") == 10
    whole = network(db, sample=1000)
    assert (whole.articles, whole.sampled) == (162, False)


@pytest.mark.parametrize("kind", ["entity", "theme", "place", "pair", "code-pair"])
def test_rising_counts_the_same_by_article_and_in_one_pass(db, kind, monkeypatch) -> None:
    """Few articles are counted one by one through the article index, many in one pass over
    the fact table: both ways give the same list."""
    from dataclasses import replace

    from newsgraph.store import trends as store_trends

    facts = store_trends._FACTS[kind]
    monkeypatch.setitem(store_trends._FACTS, kind, replace(facts, share=10**9))  # one pass
    one_pass = rising(db, kind=kind, min_count=1, min_score=0.0)
    monkeypatch.setitem(store_trends._FACTS, kind, replace(facts, share=0))  # by article
    by_article = rising(db, kind=kind, min_count=1, min_score=0.0)
    assert one_pass.items and one_pass == by_article


def test_issue18_review_ranges_out_of_the_calendar_are_refused_not_built(tmp_path) -> None:
    """A range of millions of hours is refused before its windows are made, and dates at the
    calendar's ends are one-line errors, not crashes."""
    import time

    from newsgraph.errors import StoreError
    from newsgraph.store.db import connect
    from newsgraph.store.trends import rising, trends

    conn = connect(tmp_path / "empty.db")
    started = time.process_time()
    with pytest.raises(StoreError, match="at most"):
        trends(conn, by="hour", since="1000-01-01", until="8999-12-30")
    assert time.process_time() - started < 1.0
    for bad in ("0001-01-01", "9999-12-31"):
        with pytest.raises(StoreError, match="years 1000 to 9000"):
            trends(conn, until=bad)
        with pytest.raises(StoreError, match="years 1000 to 9000"):
            rising(conn, until=bad)


def test_issue18_review_graphs_drop_characters_xml_cannot_hold() -> None:
    import networkx as nx

    from newsgraph.corpus.trends import build_graph, graph_bytes

    nodes = [{"id": "org:acme\x01", "label": "Acme\x01Corp"}, {"id": "org:b", "label": "B"}]
    edges = [{"source": "org:acme\x01", "target": "org:b", "event_type": "AID", "quad_class": 2}]
    graph = build_graph(nodes, edges)
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        back = read(BytesIO(graph_bytes(graph, fmt)))
        assert "org:acme" in back.nodes and back.nodes["org:acme"]["label"] == "AcmeCorp"


def test_issue18_review_a_csv_value_is_never_a_spreadsheet_formula() -> None:
    from newsgraph.store.trends import _inert

    assert _inert('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert _inert("@SUM(A1)") == "'@SUM(A1)" and _inert("harbour") == "harbour"
