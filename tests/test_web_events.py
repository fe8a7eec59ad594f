"""The events page, `/api/events` and the CSV of counts per day; CAMEO codes on the article page.

A tiny store of invented articles whose events carry CAMEO coding (code, quad class, Goldstein,
coded actors), written through the store's normal write path, and the web app called
in-process. One article's actors carry markup in every coded field: it must stay text.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest
from markupsafe import escape

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from newsgraph.clean.assemble import build_article
from newsgraph.model import Actor, Article, Event
from newsgraph.rules import using_data_dirs
from newsgraph.store.db import connect
from newsgraph.store.events import EventFilters, list_events, summarise
from newsgraph.store.write import write_batch
from newsgraph.web import events as events_view
from newsgraph.web.app import CSP, create_app

HOSTILE = '"><script>alert(1)</script>'
HOSTILE_ROLE = "<img/src=x/onerror=alert(2)>"  # roles are stored space-separated
HOSTILE_TYPE = "<svg onload=alert(3)>"


@dataclass(frozen=True)
class Store:
    path: Path
    border: str  # 2025-03-04: ASSAULT (RUS MIL -> UKR), CONSULT (UKR GOV -> USA GOV)
    protest: str  # 2025-03-05: PROTEST (USA CVL -> USA GOV), AID (FRA GOV -> UKR), APPEAL uncoded
    hostile: str  # 2025-03-05: one event whose every coded field is markup
    undated: str  # no date: REJECT (CHN GOV -> JPN)


def _event(
    text: str,
    trigger: str,
    kind: str,
    *,
    actor: Actor | None,
    recipient: Actor | None,
    cameo: str | None = None,
    quad: int | None = None,
    goldstein: float | None = None,
    confidence: float = 0.5,
) -> Event:
    at = text.index(trigger)
    end = text.find(".", at) + 1 or len(text)
    return Event(
        start=at,
        end=end,
        text=text[at:end],
        type=kind,
        trigger=trigger,
        trigger_start=at,
        trigger_end=at + len(trigger),
        actor=actor,
        recipient=recipient,
        cameo=cameo,
        quad_class=quad,
        goldstein=goldstein,
        confidence=confidence,
        stage="events",
    )


def _actor(
    text: str, code: str, country: str | None, *roles: str, group: str | None = None
) -> Actor:
    return Actor(text=text, code=code, country=country, roles=list(roles), group=group)


def _article(title: str, paragraphs: list[str], published: datetime | None) -> Article:
    return build_article(
        title=title,
        standfirst=None,
        paragraphs=paragraphs,
        published=published,
        url=f"https://news.example/{title.lower().replace(' ', '-')}",
        source="news.example",
        language="en",
    )


def border_article() -> Article:
    a = _article(
        "Shelling near the border",
        [
            "Russian troops shelled the Ukrainian village of Zelenyi Hai on Tuesday.",
            "Kyiv's foreign minister consulted Washington about air defence.",
        ],
        datetime(2025, 3, 4, 8, 0, tzinfo=UTC),
    )
    t = a.text
    return a.model_copy(
        update={
            "events": [
                _event(
                    t,
                    "shelled",
                    "ASSAULT",
                    actor=_actor("Russian troops", "RUSMIL", "RUS", "MIL"),
                    recipient=_actor("Zelenyi Hai", "UKR", "UKR"),
                    cameo="190",
                    quad=4,
                    goldstein=-10.0,
                    confidence=0.9,
                ),
                _event(
                    t,
                    "consulted",
                    "CONSULT",
                    actor=_actor("Kyiv's foreign minister", "UKRGOV", "UKR", "GOV"),
                    recipient=_actor("Washington", "USAGOV", "USA", "GOV"),
                    cameo="040",
                    quad=1,
                    goldstein=1.0,
                    confidence=0.7,
                ),
            ]
        }
    )


def protest_article() -> Article:
    a = _article(
        "Protesters march on Washington",
        [
            "Students protested against the government in Washington on Wednesday.",
            "France sent generators to Ukraine.",
            "The mayor urged calm.",
        ],
        datetime(2025, 3, 5, 18, 0, tzinfo=UTC),
    )
    t = a.text
    return a.model_copy(
        update={
            "events": [
                _event(
                    t,
                    "protested",
                    "PROTEST",
                    actor=_actor("Students", "USACVL", "USA", "CVL"),
                    recipient=_actor("the government", "USAGOV", "USA", "GOV"),
                    cameo="141",
                    quad=3,
                    goldstein=-6.5,
                ),
                _event(
                    t,
                    "sent",
                    "AID",
                    actor=_actor("France", "FRAGOV", "FRA", "GOV"),
                    recipient=_actor("Ukraine", "UKR", "UKR"),
                    cameo="070",
                    quad=2,
                    goldstein=7.0,
                ),
                _event(t, "urged", "APPEAL", actor=Actor(text="The mayor"), recipient=None),
            ]
        }
    )


def hostile_article() -> Article:
    a = _article(
        "Council row",
        [f"Spokesman {HOSTILE} attacked the council on Wednesday."],
        datetime(2025, 3, 5, 12, 0, tzinfo=UTC),
    )
    t = a.text
    return a.model_copy(
        update={
            "events": [
                _event(
                    t,
                    "attacked",
                    HOSTILE_TYPE,
                    actor=_actor(HOSTILE, HOSTILE, HOSTILE, HOSTILE_ROLE, group=HOSTILE),
                    recipient=_actor(f"the council {HOSTILE}", HOSTILE, None, HOSTILE_ROLE),
                    cameo="1712",
                    quad=4,
                    goldstein=-9.5,
                )
            ]
        }
    )


def undated_article() -> Article:
    a = _article("Beijing rejects Tokyo's protest", ["Beijing rejected Tokyo's note."], None)
    t = a.text
    return a.model_copy(
        update={
            "events": [
                _event(
                    t,
                    "rejected",
                    "REJECT",
                    actor=_actor("Beijing", "CHNGOV", "CHN", "GOV"),
                    recipient=_actor("Tokyo", "JPN", "JPN"),
                    cameo="120",
                    quad=3,
                    goldstein=-4.0,
                )
            ]
        }
    )


def build(path: Path, articles: list[Article]) -> None:
    conn = connect(path)
    try:
        if articles:
            write_batch(conn, articles)
    finally:
        conn.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("events") / "events.db"
    made = [border_article(), protest_article(), hostile_article(), undated_article()]
    build(path, made)
    return Store(path, *(a.id for a in made))


@pytest.fixture(scope="module")
def client(store: Store) -> TestClient:
    return TestClient(create_app(store.path, warm_map=False))


def triggers(body: dict) -> list[str]:
    return [e["trigger"] for e in body["events"]]


def get(client: TestClient, **params: object) -> dict:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return response.json()


# --- the API: filters, counts, paging -------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"shelled", "consulted", "protested", "sent", "urged", "attacked", "rejected"}),
        ({"type": "assault"}, {"shelled"}),
        ({"quad_class": "4"}, {"shelled", "attacked"}),
        ({"quad_class": "3"}, {"protested", "rejected"}),
        ({"country": "ukr"}, {"shelled", "consulted", "sent"}),
        ({"actor_country": "UKR"}, {"consulted"}),
        ({"recipient_country": "UKR"}, {"shelled", "sent"}),
        ({"role": "gov"}, {"consulted", "protested", "sent", "rejected"}),
        ({"role": "CVL"}, {"protested"}),
        ({"role": "MIL", "country": "UKR"}, {"shelled"}),
        ({"cameo": "19"}, {"shelled"}),
        ({"cameo": "0"}, {"consulted", "sent"}),
        ({"cameo": "1712"}, {"attacked"}),
        (
            {"since": "2025-03-05", "until": "2025-03-05"},
            {"protested", "sent", "urged", "attacked"},
        ),
        ({"until": "2025-03-04"}, {"shelled", "consulted"}),
        ({"q": "generators"}, {"protested", "sent", "urged"}),
        ({"q": "generators", "quad_class": "2"}, {"sent"}),
        ({"type": "AGREE"}, set()),  # a known type no event has: an empty answer
    ],
)
def test_filters(client, params, expected) -> None:
    body = get(client, **params)
    assert set(triggers(body)) == expected
    assert body["total"] == len(expected)
    assert body["filters"] == {k: v.upper() if k != "q" else v for k, v in params.items()}


def test_events_carry_their_coding_and_article(client, store) -> None:
    (shelled,) = get(client, type="ASSAULT")["events"]
    assert shelled["article_id"] == store.border
    assert shelled["title"] == "Shelling near the border"
    assert shelled["published"].startswith("2025-03-04")
    assert (shelled["cameo"], shelled["quad_class"], shelled["goldstein"]) == ("190", 4, -10.0)
    assert shelled["quad_label"] == "material conflict"
    assert shelled["confidence"] == 0.9
    assert (shelled["actor_code"], shelled["actor_country"], shelled["actor_roles"]) == (
        "RUSMIL",
        "RUS",
        ["MIL"],
    )
    assert (shelled["recipient_country"], shelled["recipient_roles"]) == ("UKR", [])
    if events_view.cameo_names():
        assert shelled["cameo_description"].startswith("Use conventional military force")


def test_newest_first_and_undated_last(client) -> None:
    order = triggers(get(client))
    assert order[:2] == ["protested", "sent"] or order[:3] == ["protested", "sent", "urged"]
    assert order.index("attacked") > order.index("urged")  # 12:00 before 18:00 the same day
    assert order[-3:] == ["shelled", "consulted", "rejected"]


def test_paging_walks_every_event_once(client) -> None:
    seen: list[str] = []
    for offset in range(0, 8, 2):
        body = get(client, limit=2, offset=offset)
        assert body["total"] == 7 and body["limit"] == 2 and body["offset"] == offset
        seen += triggers(body)
    assert seen == triggers(get(client))
    assert len(seen) == 7 == len(set(seen))
    assert get(client, limit=2, offset=100)["events"] == []


def test_counts_per_day(client) -> None:
    body = get(client)
    assert body["undated"] == 1
    assert body["daily"] == [
        {
            "day": "2025-03-04",
            "events": 2,
            "verbal_cooperation": 1,
            "material_cooperation": 0,
            "verbal_conflict": 0,
            "material_conflict": 1,
            "goldstein_mean": -4.5,
        },
        {
            "day": "2025-03-05",
            "events": 4,
            "verbal_cooperation": 0,
            "material_cooperation": 1,
            "verbal_conflict": 1,
            "material_conflict": 1,
            "goldstein_mean": -3.0,  # (-6.5 + 7.0 - 9.5) / 3: the uncoded APPEAL has no score
        },
    ]
    assert [d["day"] for d in get(client, country="UKR")["daily"]] == ["2025-03-04", "2025-03-05"]
    assert [d["events"] for d in get(client, role="GOV")["daily"]] == [1, 2]


def test_facet_counts_follow_the_filters(client) -> None:
    facets = get(client)["facets"]
    counts = {name: {f["value"]: f["count"] for f in values} for name, values in facets.items()}
    assert counts["quad_class"] == {"1": 1, "2": 1, "3": 2, "4": 2}
    assert [f["value"] for f in facets["quad_class"]] == ["1", "2", "3", "4"]
    assert counts["country"]["UKR"] == 3
    assert counts["country"]["USA"] == 2  # actor and recipient of one protest: counted once
    assert counts["actor_country"]["USA"] == 1 and counts["recipient_country"]["USA"] == 2
    assert counts["role"]["GOV"] == 4 and counts["role"]["MIL"] == 1
    assert counts["cameo"] == {"19": 1, "04": 1, "14": 1, "07": 1, "17": 1, "12": 1}
    assert counts["type"]["ASSAULT"] == 1 and counts["type"]["APPEAL"] == 1
    narrowed = get(client, country="USA")["facets"]
    assert {f["value"] for f in narrowed["type"]} == {"CONSULT", "PROTEST"}


def test_entity_filter(tmp_path) -> None:
    a = border_article()
    first = a.events[0]
    linked = first.model_copy(
        update={"actor": first.actor.model_copy(update={"entity_id": "organization:army"})}
    )
    build(tmp_path / "e.db", [a.model_copy(update={"events": [linked, a.events[1]]})])
    body = get(
        TestClient(create_app(tmp_path / "e.db", warm_map=False)), entity="organization:army"
    )
    assert triggers(body) == ["shelled"] and body["events"][0]["actor_id"] == "organization:army"


def test_csv_of_counts_per_day(client) -> None:
    r = client.get("/api/events/daily.csv", params={"quad_class": "4"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == list(events_view.CSV_COLUMNS)
    assert rows[1:] == [
        ["2025-03-04", "1", "0", "0", "0", "1", "-10.0"],
        ["2025-03-05", "1", "0", "0", "0", "1", "-9.5"],
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"country": "RU"},
        {"country": "RUSS"},
        {"actor_country": "R1S"},
        {"role": "G"},
        {"quad_class": "5"},
        {"quad_class": "x"},
        {"cameo": "19a"},
        {"cameo": "12345"},
        {"since": "yesterday"},
        {"until": "2025-02-30"},
        {"since": "2025-03-09", "until": "2025-03-01"},
        {"limit": "0"},
        {"offset": "10001"},
        {"type": "T" * 41},
    ],
)
def test_bad_parameters_are_a_422_in_the_one_error_shape(client, params) -> None:
    for path in ("/api/events", "/api/events/daily.csv"):
        if path.endswith(".csv") and {"limit", "offset"} & set(params):
            continue
        r = client.get(path, params=params)
        assert r.status_code == 422, (path, params, r.text)
        body = r.json()
        assert body["error"]["code"] == "invalid_parameter" and body["error"]["status"] == 422
    assert client.get("/events", params=params).status_code == 422


def test_a_bad_query_is_a_400(client) -> None:
    r = client.get("/api/events", params={"q": '"unclosed'})
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_query"
    page = client.get("/events", params={"q": '"unclosed'})
    assert page.status_code == 400 and "unbalanced quote" in page.text
    assert 'value="&#34;unclosed"' in page.text  # the form keeps what was typed


def test_empty_form_fields_mean_no_filter(client) -> None:
    body = client.get(
        "/api/events?type=&quad_class=&country=&actor_country=&recipient_country=&role="
        "&cameo=&entity=&q=&since=&until="
    ).json()
    assert body["total"] == 7 and body["filters"] == {}


def test_injection_in_filters_is_just_a_value(client) -> None:
    assert get(client, country="xOR")["total"] == 0
    assert get(client, q="council")["total"] == 1
    refused = client.get("/api/events", params={"type": "x' OR 1=1 --"})
    assert refused.status_code == 400  # not a type: refused, and never read as SQL


def test_an_unknown_type_is_refused_in_words_listing_the_known_ones(client) -> None:
    """`type=FIGHT` showed 0 events, silently, where the CLI refuses an unknown type: the API,
    the CSV and the page refuse it (400) in the CLI's words, listing the types a filter may
    name: the PLOVER types, then the others the store holds."""
    from newsgraph.nlp.events import PLOVER_ORDER

    assert set(events_view.plover_types()) == set(PLOVER_ORDER)  # the CLI's list, the same
    known = ", ".join(sorted(PLOVER_ORDER))
    held = "<svg onload=alert(3)>, APPEAL"  # the store's own types, after the PLOVER ones
    words = f"type: unknown event type 'FIGHT' (one of {known}, {held})"
    for path in ("/api/events", "/api/events/daily.csv"):
        error = client.get(path, params={"type": "FIGHT"}).json()["error"]
        assert error == {"code": "invalid_parameter", "message": words, "status": 400}
    page = client.get("/events", params={"type": "FIGHT"})
    assert page.status_code == 400
    assert f'<p class="error">{escape(words)}</p>' in page.text
    assert '<form class="search" action="/events"' in page.text  # the form, to choose again
    # what the store holds stays a filter, in any case: the page links its facets
    assert get(client, type="assault")["total"] == 1
    assert get(client, type=HOSTILE_TYPE.upper())["total"] == 1


def test_the_counts_follow_the_store(tmp_path) -> None:
    """Counts are cached, but a store that grew is counted again."""
    path = tmp_path / "grow.db"
    build(path, [border_article()])
    client = TestClient(create_app(path, warm_map=False))
    assert get(client)["total"] == 2
    build(path, [protest_article()])
    assert get(client)["total"] == 5


# --- the store module directly --------------------------------------------------------------


def test_store_lists_and_counts_with_the_same_filters(store) -> None:
    conn = connect(store.path)
    try:
        f = EventFilters(country="UKR", since="2025-03-05")
        listed = list_events(conn, f, limit=10)
        counted = summarise(conn, f)
    finally:
        conn.close()
    assert [e.trigger for e in listed] == ["sent"]
    assert counted.total == 1 and counted.undated == 0
    assert [(d.day, d.events, d.material_cooperation) for d in counted.daily] == [
        ("2025-03-05", 1, 1)
    ]


@pytest.mark.parametrize(
    "f",
    [
        EventFilters(country="UKR"),
        EventFilters(type="ASSAULT", quad_class=4),
        EventFilters(recipient_country="USA", role="GOV"),
        EventFilters(actor_country="CHN"),
    ],
)
def test_both_walks_list_the_same_events(store, f, monkeypatch) -> None:
    """With the filters' article sets (sparse matches) or without them (dense): one answer."""
    import newsgraph.store.events as store_events

    conn = connect(store.path)
    try:
        total = summarise(conn, f).total
        with_sets = list_events(conn, f, limit=3)
        monkeypatch.setattr(store_events, "WALK_BUDGET", 10**9)
        assert store_events._dense(conn, total, 3)
        without = list_events(conn, f, limit=3, matches=total)
        assert list_events(conn, f, limit=3, offset=total, matches=total) == []
    finally:
        conn.close()
    assert with_sets == without and 0 < len(with_sets) <= 3


def test_filters_name_only_what_restricts() -> None:
    assert EventFilters().active() == {}
    assert EventFilters(quad_class=4, country="RUS", q="").active() == {
        "quad_class": "4",
        "country": "RUS",
    }


# --- the pages -------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def assert_inert(html: str, where: str) -> list[tuple[str, dict[str, str]]]:
    """No element or attribute that came from the text: one script (ours), no handlers."""
    parser = _Tags()
    parser.feed(html)
    scripts = [attrs for tag, attrs in parser.tags if tag == "script"]
    assert scripts == [{"src": "/static/app.js", "defer": ""}], where
    for tag, attrs in parser.tags:
        assert tag not in {"img", "iframe", "object", "embed", "style"}, (where, tag)
        for name, value in attrs.items():
            assert not name.startswith("on"), (where, tag, name)
            if name in {"href", "src", "action"}:
                assert value.startswith(("/", "#", "?")) and not value.startswith("//"), value
    for payload in (HOSTILE, HOSTILE_ROLE, HOSTILE_TYPE):
        assert payload not in html, (where, payload)
    return parser.tags


def test_events_page_lists_charts_and_links_the_filters(client, store) -> None:
    r = client.get("/events")
    assert r.status_code == 200
    assert r.headers["content-security-policy"] == CSP
    html = r.text
    assert_inert(html, "/events")
    assert "7 events" in html and "1 in undated articles" in html
    assert '<svg class="chart"' in html and html.count('<rect class="bar"') == 2
    assert 'href="/api/events/daily.csv"' in html
    assert '<a href="/events">Events</a>' in html  # the nav link
    assert 'action="/events" method="get"' in html  # works without JavaScript
    assert f'href="/articles/{store.border}"' in html
    assert 'href="/events?country=RUS"' in html  # the actor's country narrows the page
    assert 'href="/events?role=MIL"' in html
    assert 'href="/events?type=ASSAULT"' in html
    assert 'href="/events?quad_class=4"' in html and "4 material conflict" in html
    assert "RUSMIL" in html and "-10.0" in html and "conf. 0.90" in html
    assert "uncoded" in html  # the APPEAL stored without a CAMEO code
    for t in ("ASSAULT", "PROTEST"):
        assert f'<option value="{t}"' in html


def test_events_page_keeps_the_filters_in_links_pager_and_csv(client) -> None:
    html = client.get("/events", params={"country": "usa", "limit": 1}).text
    assert "2 events" in html
    assert '<a class="chip" href="/events"' in html  # removing the only filter
    assert 'href="/events?country=USA&amp;type=PROTEST"' in html  # narrowing keeps it
    assert 'href="/api/events/daily.csv?country=USA"' in html
    assert 'rel="next" href="/events?offset=1&amp;limit=1&amp;country=USA"' in html
    assert 'name="country" size="4" maxlength="3" pattern="[A-Za-z]{3}" value="USA"' in html


def test_events_page_of_a_filter_that_matches_nothing(client) -> None:
    html = client.get("/events", params={"type": "FIGHT"}).text
    assert "0 events" in html and "No events match." in html and "No dated events." in html


def test_hostile_coded_actors_stay_text(client, store) -> None:
    for path in (
        "/events",
        "/events?quad_class=4",
        f"/events?type={HOSTILE_TYPE}",
        f"/events?q=council&entity={HOSTILE}",
        f"/articles/{store.hostile}",
    ):
        r = client.get(path)
        assert r.status_code == 200, path
        assert_inert(r.text, path)
    html = client.get("/events", params={"quad_class": "4"}).text
    assert str(escape(HOSTILE)) in html and str(escape(HOSTILE_ROLE)) in html
    assert str(escape(HOSTILE_TYPE)) in html
    article = client.get(f"/articles/{store.hostile}").text
    assert str(escape(HOSTILE)) in article and str(escape(HOSTILE_ROLE)) in article
    # a hostile type in a link is a query value, not markup
    assert 'href="/events?quad_class=4&amp;type=%3Csvg+onload%3Dalert%283%29%3E"' in html


def test_article_page_shows_the_codes(client, store) -> None:
    html = client.get(f"/articles/{store.border}").text
    assert '<strong class="etype">ASSAULT</strong>' in html
    assert 'href="/events?type=ASSAULT"' in html
    assert 'href="/events?country=RUS"' in html and 'href="/events?country=UKR"' in html
    assert 'href="/events?cameo=190"' in html and 'href="/events?quad_class=4"' in html
    assert "Goldstein -10.0" in html and "material conflict" in html
    assert "confidence 0.90" in html
    assert '<span class="tag" title="CAMEO actor code">RUSMIL</span>' in html
    assert re.search(r'<span title="role: [^"]+">MIL</span>', html)
    actors = events_view.actor_names()
    if actors:  # the actor table is there: countries and roles are named on hover
        assert f'title="Every event involving {escape(actors["RUS"])}">RUS</a>' in html
        assert f'<span title="role: {escape(actors["MIL"])}">MIL</span>' in html
    names = events_view.cameo_names()
    if names:  # the shipped table is there: codes come with their description
        assert f"190</a> {names['190']}" in html
        assert names["040"] in html
    hostile = client.get(f"/articles/{store.hostile}").text
    assert f'<span title="known group">{escape(HOSTILE)}</span>' in hostile


def test_uncoded_events_show_no_code_line(client, store) -> None:
    html = client.get(f"/articles/{store.protest}").text
    urged = html[html.index("The mayor") :]
    urged = urged[: urged.index("</li>")]
    assert "CAMEO" not in urged and "confidence" not in urged


def test_without_the_cameo_table_a_code_shows_alone(client, store, monkeypatch) -> None:
    monkeypatch.setattr(events_view, "CAMEO_TABLE", "events/cameo/no-such-table.tsv")
    events_view._cameo_table.cache_clear()
    try:
        assert events_view.cameo_names() == {} and events_view.plover_types() == ()
        html = client.get(f"/articles/{store.border}").text
        assert 'title="Every event coded 190">190</a> · Goldstein -10.0' in html
        assert get(client, type="ASSAULT")["events"][0]["cameo_description"] is None
        assert client.get("/events").status_code == 200
    finally:
        monkeypatch.undo()
        events_view._cameo_table.cache_clear()


def _shipped(relpath: str) -> bool:
    return resources.files("newsgraph.data").joinpath(*relpath.split("/")).is_file()


def test_shipped_code_tables_are_read() -> None:
    """A shipped table that does not fit its columns would cost the page its names: caught here."""
    if not _shipped(events_view.CAMEO_TABLE):
        pytest.skip(f"no CAMEO event table shipped ({events_view.CAMEO_TABLE})")
    names = events_view.cameo_names()
    assert names["19"] == "Use conventional military force"
    assert names["190"].startswith("Use conventional military force")
    assert "ASSAULT" in events_view.plover_types() and "-" not in events_view.plover_types()
    if _shipped(events_view.ACTOR_TABLE):
        actors = events_view.actor_names()
        assert {"RUS", "UKR", "GOV", "MIL"} <= set(actors)


def test_a_malformed_code_table_costs_the_names_not_the_page(
    client, store, tmp_path, caplog
) -> None:
    folder = tmp_path / "events" / "cameo"
    folder.mkdir(parents=True)
    (folder / "event_codes.tsv").write_text("190\tone\ttoo\tmany\tcolumns\there\t4\t!\n")
    events_view._cameo_table.cache_clear()
    try:
        with using_data_dirs([tmp_path]), caplog.at_level("WARNING"):
            assert events_view.cameo_names() == {}
        assert "CAMEO codes shown without names" in caplog.text and "event_codes.tsv" in caplog.text
    finally:
        events_view._cameo_table.cache_clear()
    assert client.get(f"/articles/{store.border}").status_code == 200


def test_empty_store(tmp_path) -> None:
    build(tmp_path / "empty.db", [])
    client = TestClient(create_app(tmp_path / "empty.db", warm_map=False))
    body = get(client)
    assert (body["total"], body["events"], body["daily"], body["undated"]) == (0, [], [], 0)
    assert all(v == [] for v in body["facets"].values())
    html = client.get("/events").text
    assert "0 events" in html and "No events match." in html and "Counts per day" not in html
    csv_text = client.get("/api/events/daily.csv").text
    assert csv_text.splitlines() == [",".join(events_view.CSV_COLUMNS)]


def test_openapi_documents_the_event_routes(client) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/events", "/api/events/daily.csv"} <= set(paths)
    names = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert {"type", "quad_class", "country", "actor_country", "recipient_country", "role"} <= names
    assert {"cameo", "entity", "q", "since", "until", "limit", "offset"} <= names
