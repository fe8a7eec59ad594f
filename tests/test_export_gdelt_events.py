"""The GDELT 2.0 event and mentions exports (`gdelt-events`, `gdelt-mentions`).

A small GDELT reader, written here to the published column list, parses every line the export
writes. The corpus is hand-made: a story of two articles reporting one shelling, an article with
an uncoded actor, an article full of tabs and line breaks, and events that must not be exported.
"""

from __future__ import annotations

import io
import re
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.cli import corpus as _corpus  # noqa: F401  (registers the commands)
from newsgraph.ids import content_hash
from newsgraph.model import (
    Actor,
    Article,
    DateExpr,
    Entity,
    Event,
    Mention,
    Place,
    SentenceTone,
    Tone,
)
from newsgraph.store.db import connect
from newsgraph.store.export import export
from newsgraph.store.gdelt_events import (
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    write_events,
    write_mentions,
)
from newsgraph.store.write import write_batch

COLUMN_LIST = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "events-codebooks"
    / "gdelt-lookups"
    / "GDELT-2.0-columns.txt"
)
runner = CliRunner()


# --- a GDELT reader, from the column list ------------------------------------------------------


def read_column_list(path: Path) -> dict[str, list[str]]:
    """The `[events]` and `[mentions]` sections of GDELT-2.0-columns.txt."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is not None:
            current.append(line)
    return sections


def _int(value: str) -> int:
    assert re.fullmatch(r"-?\d+", value), f"not an integer: {value!r}"
    return int(value)


def _float(value: str) -> float:
    assert re.fullmatch(r"-?\d+(\.\d+)?", value), f"not a plain decimal: {value!r}"
    return float(value)


def _maybe_float(value: str) -> float | None:
    return None if value == "" else _float(value)


def _day(value: str) -> datetime:
    return datetime.strptime(value, "%Y%m%d")


def _stamp(value: str) -> datetime:
    assert len(value) == 14
    return datetime.strptime(value, "%Y%m%d%H%M%S")


def _code(value: str) -> str:
    assert value == "" or re.fullmatch(r"\d{2,4}", value), f"not a CAMEO code: {value!r}"
    return value


def _event_type(name: str) -> Callable[[str], object]:
    if name in ("SQLDATE",):
        return _day
    if name == "DATEADDED":
        return _stamp
    if name in ("GLOBALEVENTID", "MonthYear", "Year", "IsRootEvent", "QuadClass") or name in (
        "NumMentions",
        "NumSources",
        "NumArticles",
    ):
        return _int
    if name.endswith("Geo_Type"):
        return _int
    if name == "FractionDate":
        return _float
    if name in ("GoldsteinScale", "AvgTone") or name.endswith(("_Lat", "_Long")):
        return _maybe_float
    if name in ("EventCode", "EventBaseCode", "EventRootCode"):
        return _code
    return str


def _mention_type(name: str) -> Callable[[str], object]:
    if name in ("EventTimeDate", "MentionTimeDate"):
        return _stamp
    if name == "MentionDocTone":
        return _maybe_float
    if name in ("MentionSourceName", "MentionIdentifier") or name.startswith(
        ("MentionDocTranslation", "Extras")
    ):
        return str
    return _int


def parse(text: str, columns: list[str], kind: Callable[[str], Callable[[str], object]]):
    """Every line split on tabs into exactly `columns`, each value parsed by its type."""
    assert text == "" or text.endswith("\n")
    lines = text.split("\n")[:-1]
    assert len(lines) == len(text.splitlines()), "a value holds a line break"
    rows = []
    for line in lines:
        fields = line.split("\t")
        assert len(fields) == len(columns), f"{len(fields)} fields: {line!r}"
        rows.append({name: kind(name)(value) for name, value in zip(columns, fields, strict=True)})
    return rows


@pytest.fixture(params=["module", "published"])
def columns(request: pytest.FixtureRequest) -> dict[str, list[str]]:
    """The column names: as this module lists them, and as GDELT's codebook list has them."""
    if request.param == "module":
        return {"events": list(EVENT_COLUMNS), "mentions": list(MENTION_COLUMNS)}
    if not COLUMN_LIST.exists():
        pytest.skip(f"the GDELT column list is not at {COLUMN_LIST}")
    return read_column_list(COLUMN_LIST)


# --- a hand-made corpus --------------------------------------------------------------------------

A_TITLE = "Russian troops shelled Kharkiv"
A_BODY = (
    "Russian troops shelled Kharkiv on 1 March 2022, officials said. "
    "Ukrainian officials said the city would hold.\n\nMore shelling is expected."
)
B_TITLE = "Kharkiv under fire"
B_BODY = "Russian troops shelled Kharkiv on Tuesday, 1 March 2022, a report said."
C_TITLE = "Crowds in the square"
C_BODY = "The city was calm.\n\nLater, protesters marched on the town hall."
D_TITLE = "Bad\tvalues\nhere"
D_BODY = "The\tgroup of\nmen attacked a convoy near Evil\u2028Town."


def _span(text: str, words: str, after: int = 0) -> tuple[int, int]:
    start = text.index(words, after)
    return start, start + len(words)


def _article(
    title: str,
    body: str,
    *,
    url: str,
    source: str,
    published: datetime,
    tone: float | None,
    build: Callable[[str], tuple[list[Event], list[Entity], list[Place]]],
) -> Article:
    text = f"{title}\n\n{body}"
    events, entities, places = build(text)
    return Article(
        id=content_hash(text),
        title=title,
        body=body,
        text=text,
        body_start=len(title) + 2,
        url=url,
        source=source,
        published=published,
        events=events,
        entities=entities,
        places=places,
        tone=None
        if tone is None
        else Tone(tone=tone, positive=1.0, negative=1.0 - tone, polarity=2.0, word_count=20),
    )


KHARKIV = dict(
    name="Kharkiv",
    geonames_id=706483,
    kind="city",
    country_code="UA",
    admin1="07",
    lat=49.98081,
    lon=36.25272,
    entity_id="kharkiv",
)


def _shelling(text: str, *, mention_all: bool) -> tuple[list[Event], list[Entity], list[Place]]:
    """The shelling in the body's first sentence (its trigger), reported in the title too."""
    body_at = text.index("\n\n") + 2
    sentence_end = text.index(".", body_at) + 1
    a_start, a_end = _span(text, "Russian troops", body_at)
    t_start, t_end = _span(text, "shelled", body_at)
    r_start, r_end = _span(text, "Kharkiv", body_at)
    d_start, d_end = _span(text, "1 March 2022", body_at)
    triggers = [_span(text, "shelled")] if mention_all else []
    triggers.append((t_start, t_end))
    place = Place(start=r_start, end=r_end, stage="places", text="Kharkiv", **KHARKIV)  # type: ignore[arg-type]
    event = Event(
        start=body_at,
        end=sentence_end,
        stage="events",
        text=text[body_at:sentence_end],
        type="ASSAULT",
        cameo="195",
        quad_class=4,
        goldstein=-10.0,
        confidence=0.8,
        trigger="shelled",
        trigger_start=t_start,
        trigger_end=t_end,
        actor=Actor(
            text="Russian troops",
            start=a_start,
            end=a_end,
            entity_id="russia-military",
            code="RUSMIL",
            country="RUS",
            roles=["MIL"],
        ),
        recipient=Actor(
            text="Kharkiv",
            start=r_start,
            end=r_end,
            entity_id="kharkiv",
            code="UKR",
            country="UKR",
        ),
        place=place,
        date=DateExpr(
            start=d_start,
            end=d_end,
            stage="dates",
            text="1 March 2022",
            value="2022-03-01",
            granularity="day",
            resolved=True,
        ),
        mentions=[Mention(start=s, end=e, text="shelled") for s, e in triggers],
    )
    entity = Entity(
        start=a_start,
        end=a_end,
        stage="entities",
        id="russia-military",
        name="Russian Armed Forces",
        type="organization",
    )
    return [event], [entity], [place]


def _article_a(text: str) -> tuple[list[Event], list[Entity], list[Place]]:
    events, entities, places = _shelling(text, mention_all=True)
    s_start, s_end = _span(text, "Ukrainian officials said the city would hold.")
    o_start, o_end = _span(text, "Ukrainian officials")
    statement = Event(
        start=s_start,
        end=s_end,
        stage="events",
        text=text[s_start:s_end],
        type="CONSULT",
        cameo="010",
        confidence=0.55,
        trigger="said",
        trigger_start=text.index("said", o_end),
        trigger_end=text.index("said", o_end) + 4,
        actor=Actor(
            text="Ukrainian officials",
            start=o_start,
            end=o_end,
            country="UKR",
            roles=["GOV", "CHR", "slv"],
        ),
    )
    not_done = statement.model_copy(update={"cameo": "190", "negated": True})
    uncoded = statement.model_copy(update={"cameo": None, "type": "ACCUSE"})
    no_such_root = statement.model_copy(update={"cameo": "990"})
    return [*events, statement, not_done, uncoded, no_such_root], entities, places


def _article_c(text: str) -> tuple[list[Event], list[Entity], list[Place]]:
    start, end = _span(text, "Later, protesters marched on the town hall.")
    p_start, p_end = _span(text, "protesters")
    t_start, t_end = _span(text, "marched")
    event = Event(
        start=start,
        end=end,
        stage="events",
        text=text[start:end],
        type="PROTEST",
        cameo="141",
        quad_class=3,
        goldstein=-6.5,
        trigger="marched",
        trigger_start=t_start,
        trigger_end=t_end,
        actor=Actor(text="protesters", start=p_start, end=p_end),
        date=DateExpr(start=0, end=5, stage="dates", text="March", value="2022-03"),
    )
    return [event], [], []


def _article_d(text: str) -> tuple[list[Event], list[Entity], list[Place]]:
    body_at = text.index("\n\n") + 2
    g_start, g_end = _span(text, "The\tgroup of\nmen")
    t_start, t_end = _span(text, "attacked")
    n_start, n_end = _span(text, "Evil\u2028Town")
    place = Place(
        start=n_start,
        end=n_end,
        stage="places",
        text="Evil\u2028Town",
        name="Evil\tTown\r\nCentre",
        kind="admin1",
        country_code="US",
        admin1="TX",
        lat=31.0,
        lon=-100.0,
    )
    event = Event(
        start=body_at,
        end=len(text),
        stage="events",
        text=text[body_at:],
        type="ASSAULT",
        cameo="190",
        trigger="attacked",
        trigger_start=t_start,
        trigger_end=t_end,
        actor=Actor(
            text="The\tgroup of\nmen",
            start=g_start,
            end=g_end,
            entity_id="gang",
            code="USA\tREB",
            roles=["REB\n"],
            group="X\x85Y",
        ),
        place=place,
    )
    entity = Entity(
        start=g_start,
        end=g_end,
        stage="entities",
        id="gang",
        name="Gang\u2029of men",
        type="group",
    )
    return [event], [entity], [place]


def corpus() -> list[Article]:
    march = datetime(2022, 3, 2, 9, 30, tzinfo=UTC)
    a = _article(
        A_TITLE,
        A_BODY,
        url="https://one.example/a",
        source="one.example",
        published=march,
        tone=-4.0,
        build=_article_a,
    )
    b = _article(
        B_TITLE,
        B_BODY,
        url="https://two.example/b",
        source="two.example",
        published=march.replace(day=3),
        tone=-2.0,
        build=lambda text: _shelling(text, mention_all=False),
    )
    c = _article(
        C_TITLE,
        C_BODY,
        url="https://three.example/c",
        source="three.example",
        published=datetime(2022, 3, 4, 23, 0, tzinfo=UTC),
        tone=None,
        build=_article_c,
    )
    d = _article(
        D_TITLE,
        D_BODY,
        url="https://evil.example/d\tx",
        source="evil\texample",
        published=datetime(2022, 3, 5, tzinfo=UTC),
        tone=1.5,
        build=_article_d,
    )
    return [a, b, c, d]


def _same_story(conn: sqlite3.Connection, *ids: str) -> None:
    """Put articles in one story, as the story clustering would for two reports of an event."""
    conn.execute("INSERT INTO stories (id, label, size) VALUES (77, 'Kharkiv shelled', ?)", (2,))
    conn.executemany("UPDATE articles SET story_id = 77 WHERE id = ?", [(i,) for i in ids])


@pytest.fixture
def store(tmp_path: Path) -> Iterator[tuple[sqlite3.Connection, Path, list[Article]]]:
    path = tmp_path / "g.db"
    conn = connect(path)
    records = corpus()
    write_batch(conn, records, assign_stories=False)
    _same_story(conn, records[0].id, records[1].id)
    yield conn, path, records
    conn.close()


def _events(conn: sqlite3.Connection) -> str:
    out = io.StringIO()
    write_events(conn, out)
    return out.getvalue()


def _mentions(conn: sqlite3.Connection) -> str:
    out = io.StringIO()
    write_mentions(conn, out)
    return out.getvalue()


# --- the tests -----------------------------------------------------------------------------------


def test_the_module_lists_gdelts_61_event_and_16_mention_columns() -> None:
    assert len(EVENT_COLUMNS) == len(set(EVENT_COLUMNS)) == 61
    assert len(MENTION_COLUMNS) == len(set(MENTION_COLUMNS)) == 16
    assert EVENT_COLUMNS[:2] == ("GLOBALEVENTID", "SQLDATE")
    assert EVENT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    assert EVENT_COLUMNS.index("ActionGeo_FeatureID") == 58


def test_the_module_columns_are_gdelts_published_list() -> None:
    if not COLUMN_LIST.exists():
        pytest.skip(f"the GDELT column list is not at {COLUMN_LIST}")
    published = read_column_list(COLUMN_LIST)
    assert published["events"] == list(EVENT_COLUMNS)
    assert published["mentions"] == list(MENTION_COLUMNS)


def test_every_line_parses_to_the_columns_with_their_types(store, columns) -> None:
    conn, _, _ = store
    events = parse(_events(conn), columns["events"], _event_type)
    mentions = parse(_mentions(conn), columns["mentions"], _mention_type)
    assert len(events) == 4  # the shelling, the statement, the protest, the hostile attack
    assert len(mentions) == 3 + 1 + 1 + 1
    ids = {row["GLOBALEVENTID"] for row in events}
    assert len(ids) == 4 and all(0 < i < 2**63 for i in ids)  # type: ignore[operator]
    assert {row["GLOBALEVENTID"] for row in mentions} == ids


def test_two_articles_of_one_story_reporting_one_event_are_one_row(store) -> None:
    conn, _, records = store
    rows = parse(_events(conn), list(EVENT_COLUMNS), _event_type)
    (shelling,) = [r for r in rows if r["EventCode"] == "195"]
    assert shelling["NumArticles"] == 2
    assert shelling["NumSources"] == 2
    assert shelling["NumMentions"] == 3  # title and body of the first, body of the second
    assert shelling["AvgTone"] == -3.0  # the mean of the two articles' tones
    assert shelling["SOURCEURL"] == records[0].url  # the first article stored
    assert shelling["SQLDATE"] == datetime(2022, 3, 1)  # the event's own day, not published
    assert (shelling["MonthYear"], shelling["Year"], shelling["FractionDate"]) == (
        202203,
        2022,
        2022.1671,  # 2022 + (2 * 30 + 1) / 365
    )
    assert shelling["Actor1Code"] == "RUSMIL"
    assert shelling["Actor1Name"] == "RUSSIAN ARMED FORCES"  # the entity's canonical name
    assert (shelling["Actor1CountryCode"], shelling["Actor1Type1Code"]) == ("RUS", "MIL")
    assert (shelling["Actor2Code"], shelling["Actor2Name"]) == ("UKR", "KHARKIV")
    assert (shelling["EventBaseCode"], shelling["EventRootCode"]) == ("195", "19")
    assert (shelling["QuadClass"], shelling["GoldsteinScale"]) == (4, -10.0)
    assert shelling["IsRootEvent"] == 1
    assert shelling["ActionGeo_Type"] == 4  # a city outside the US
    assert (shelling["ActionGeo_FullName"], shelling["ActionGeo_CountryCode"]) == ("Kharkiv", "UA")
    assert shelling["ActionGeo_ADM1Code"] == "UA07"
    assert (shelling["ActionGeo_Lat"], shelling["ActionGeo_Long"]) == (49.9808, 36.2527)
    assert shelling["ActionGeo_FeatureID"] == "706483"
    assert shelling["Actor2Geo_FullName"] == "Kharkiv"  # the recipient is the place
    assert shelling["Actor1Geo_Type"] == 0  # the troops have no place of their own
    stored = conn.execute("SELECT ingested_at FROM articles WHERE id = ?", (records[0].id,))
    added = datetime.fromisoformat(stored.fetchone()[0]).astimezone(UTC).replace(tzinfo=None)
    assert shelling["DATEADDED"] == added.replace(microsecond=0)


def test_another_day_or_code_is_another_row(store) -> None:
    conn, _, _ = store
    rows = parse(_events(conn), list(EVENT_COLUMNS), _event_type)
    statement = next(r for r in rows if r["EventCode"] == "010")
    assert statement["NumArticles"] == 1 and statement["NumMentions"] == 1
    assert statement["QuadClass"] == 1  # from the root code when the event has none
    assert statement["GoldsteinScale"] is None
    assert statement["IsRootEvent"] == 1
    assert statement["SQLDATE"] == datetime(2022, 3, 2)  # no date of its own: published
    roles = [statement[f"Actor1{part}"] for part in ("Code", "EthnicCode", "Religion1Code")]
    assert roles == ["UKRGOVCHRslv", "slv", "CHR"]  # the code spelled from country and roles
    assert (statement["Actor1Type1Code"], statement["Actor1Type2Code"]) == ("GOV", "")
    assert not [r for r in rows if r["EventCode"] == "190" and r["Actor1CountryCode"] == "UKR"]


def test_an_event_without_actor_codes_leaves_them_empty(store) -> None:
    conn, _, _ = store
    rows = parse(_events(conn), list(EVENT_COLUMNS), _event_type)
    protest = next(r for r in rows if r["EventCode"] == "141")
    assert protest["Actor1Name"] == "PROTESTERS"
    coded = [
        "Code",
        "CountryCode",
        "KnownGroupCode",
        "EthnicCode",
        "Religion1Code",
        "Religion2Code",
        "Type1Code",
        "Type2Code",
        "Type3Code",
    ]
    assert all(protest[f"Actor1{part}"] == "" for part in coded)
    assert all(protest[f"Actor2{part}"] == "" for part in [*coded, "Name"])
    assert protest["ActionGeo_Type"] == 0 and protest["ActionGeo_FullName"] == ""
    assert protest["AvgTone"] is None  # the article has no tone
    assert protest["IsRootEvent"] == 0  # in the second paragraph
    assert protest["SQLDATE"] == datetime(2022, 3, 4)  # a month is no day: published


def test_tabs_and_line_breaks_in_values_do_not_break_columns(store) -> None:
    conn, _, _ = store
    text = _events(conn)
    rows = parse(text, list(EVENT_COLUMNS), _event_type)
    attack = next(r for r in rows if r["EventCode"] == "190")
    assert attack["Actor1Code"] == "USA REB"
    assert attack["Actor1Name"] == "GANG OF MEN"
    assert (attack["Actor1KnownGroupCode"], attack["Actor1Type1Code"]) == ("X Y", "REB")
    assert attack["ActionGeo_FullName"] == "Evil Town Centre"
    assert (attack["ActionGeo_Type"], attack["ActionGeo_ADM1Code"]) == (2, "USTX")  # a US state
    assert attack["Actor1Geo_Type"] == 0  # the place is not in the actor's words
    assert attack["SOURCEURL"] == "https://evil.example/d x"
    mentions = parse(_mentions(conn), list(MENTION_COLUMNS), _mention_type)
    (report,) = [m for m in mentions if m["GLOBALEVENTID"] == attack["GLOBALEVENTID"]]
    assert report["MentionSourceName"] == "evil example"


def test_mentions_carry_offsets_sentences_and_the_events_first_time(store) -> None:
    conn, _, records = store
    events = parse(_events(conn), list(EVENT_COLUMNS), _event_type)
    mentions = parse(_mentions(conn), list(MENTION_COLUMNS), _mention_type)
    shelling = next(r for r in events if r["EventCode"] == "195")
    reports = [m for m in mentions if m["GLOBALEVENTID"] == shelling["GLOBALEVENTID"]]
    assert len(reports) == shelling["NumMentions"] == 3
    assert all(m["EventTimeDate"] == shelling["DATEADDED"] for m in reports)
    assert [m["MentionIdentifier"] for m in reports] == [records[0].url] * 2 + [records[1].url]
    title, body, other = reports
    a = records[0]
    assert (title["SentenceID"], body["SentenceID"]) == (1, 2)
    assert title["ActionCharOffset"] == a.text.index("shelled")
    assert (title["Actor1CharOffset"], title["InRawText"]) == (-1, 0)  # coded from the body
    assert body["Actor1CharOffset"] == a.events[0].actor.start  # type: ignore[union-attr]
    assert body["Actor2CharOffset"] == a.events[0].recipient.start  # type: ignore[union-attr]
    assert (body["InRawText"], body["Confidence"], body["MentionType"]) == (1, 80, 1)
    assert (body["MentionDocLen"], body["MentionDocTone"]) == (len(a.text), -4.0)
    assert other["MentionSourceName"] == "two.example" and other["MentionDocTone"] == -2.0
    assert other["MentionTimeDate"] >= body["MentionTimeDate"]


def test_sentence_ids_follow_the_tone_stages_sentences_when_present() -> None:
    text = f"{C_TITLE}\n\n{C_BODY}"
    article = _article(
        C_TITLE,
        C_BODY,
        url="https://three.example/c",
        source="three.example",
        published=datetime(2022, 3, 4, tzinfo=UTC),
        tone=None,
        build=_article_c,
    )
    marched = text.index("marched")
    sentences = [SentenceTone(start=0, end=5, stage="tone", tone=0, positive=0, negative=0)] + [
        SentenceTone(start=s, end=s + 1, stage="tone", tone=0, positive=0, negative=0)
        for s in (marched - 2, marched + 1)
    ]
    tone = Tone(tone=0, positive=0, negative=0, polarity=0, word_count=9, sentences=sentences)
    conn = connect(":memory:")
    write_batch(conn, [article.model_copy(update={"tone": tone})], assign_stories=False)
    (row,) = parse(_mentions(conn), list(MENTION_COLUMNS), _mention_type)
    assert row["SentenceID"] == 2  # the second of the stage's sentences, not a regex count


def test_global_event_ids_are_stable_as_the_corpus_grows(store) -> None:
    conn, _, _ = store
    before = _events(conn)
    assert _events(conn) == before
    third = _article(
        "Shelling in Kharkiv",
        "Russian troops shelled Kharkiv on 1 March 2022, said a third outlet.",
        url="https://four.example/e",
        source="four.example",
        published=datetime(2022, 3, 9, tzinfo=UTC),
        tone=0.0,
        build=lambda text: _shelling(text, mention_all=False),
    )
    write_batch(conn, [third], assign_stories=False)
    conn.execute("UPDATE articles SET story_id = 77 WHERE id = ?", (third.id,))
    after = parse(_events(conn), list(EVENT_COLUMNS), _event_type)
    old = parse(before, list(EVENT_COLUMNS), _event_type)
    assert [r["GLOBALEVENTID"] for r in after] == [r["GLOBALEVENTID"] for r in old]
    shelling = next(r for r in after if r["EventCode"] == "195")
    assert (shelling["NumArticles"], shelling["NumSources"], shelling["NumMentions"]) == (3, 3, 4)
    assert shelling["AvgTone"] == -2.0


def test_an_empty_store_writes_nothing(tmp_path: Path) -> None:
    conn = connect(tmp_path / "empty.db")
    assert (export(conn, "gdelt-events", tmp_path / "e.tsv"), export(conn, "gdelt-mentions")) == (
        0,
        0,
    )
    assert (tmp_path / "e.tsv").read_text(encoding="utf-8") == ""


def test_the_cli_writes_both_tables_to_stdout_and_to_a_file(store, tmp_path: Path) -> None:
    conn, path, _ = store
    expected = _events(conn)
    shown = runner.invoke(app, ["export", "--format", "gdelt-events", "--db", str(path)])
    assert shown.exit_code == 0, shown.output
    assert shown.stdout == expected
    out = tmp_path / "mentions.tsv"
    written = runner.invoke(
        app, ["export", "-f", "gdelt-mentions", "--out", str(out), "--db", str(path)]
    )
    assert written.exit_code == 0, written.output
    assert out.read_text(encoding="utf-8") == _mentions(conn)
    assert "wrote 6 rows to" in written.stderr


def test_the_cli_exit_codes_are_the_other_exports(tmp_path: Path) -> None:
    missing = runner.invoke(
        app, ["export", "-f", "gdelt-events", "--db", str(tmp_path / "none.db")]
    )
    assert missing.exit_code == 1 and "no corpus store" in missing.output
    unknown = runner.invoke(app, ["export", "-f", "gdelt", "--db", str(tmp_path / "none.db")])
    assert unknown.exit_code == 2  # Typer refuses a format it does not list
