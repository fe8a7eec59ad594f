"""A small hand-made corpus store for the web tests (in-process and in a real browser).

Invented articles with facts placed by offsets, a syndicated near-copy, and one hostile article
whose text, title, byline and extracted names carry script tags, event handlers and
`javascript:` links: the UI must show all of it as inert text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from newsgraph.clean.assemble import build_article
from newsgraph.model import (
    Actor,
    Amount,
    Article,
    DateExpr,
    Entity,
    Event,
    Mention,
    Place,
    Quote,
    Theme,
)
from newsgraph.store.db import connect
from newsgraph.store.write import write_batch

HOSTILE_SCRIPT = '<script>window.__pwned = 1; alert("body")</script>'
HOSTILE_IMG = '<img src="x" onerror="window.__pwned = 2; alert(2)">'
HOSTILE_LINK = '<a href="javascript:window.__pwned = 3; alert(3)">claim your prize</a>'
HOSTILE_NAME = '"><script>alert(4)</script>Vex'


@dataclass(frozen=True)
class Corpus:
    path: Path
    flood: str
    strike: str
    copy: str
    hostile: str


def _span(text: str, words: str, after: int = 0) -> tuple[int, int]:
    at = text.index(words, after)
    return at, at + len(words)


def _entity(text: str, eid: str, name: str, kind: str, *names: str) -> Entity:
    mentions = []
    for word in names or (name,):
        at = text.find(word)
        while at >= 0:
            mentions.append(Mention(start=at, end=at + len(word), text=word))
            at = text.find(word, at + len(word))
    mentions.sort(key=lambda m: m.start)
    first = mentions[0]
    return Entity(
        id=eid,
        name=name,
        type=kind,
        start=first.start,
        end=first.end,  # type: ignore[arg-type]
        stage="entities",
        mentions=mentions,
        aliases=[n for n in names if n != name],
    )


def _place(
    text: str, words: str, name: str, cc: str, lat: float, lon: float, after: int = 0
) -> Place:
    s, e = _span(text, words, after)
    return Place(
        start=s,
        end=e,
        text=words,
        name=name,
        kind="city",
        country_code=cc,
        lat=lat,
        lon=lon,
        precision="point",
        focus=True,
        stage="places",
        mentions=[Mention(start=s, end=e, text=words)],
    )


def flood_article(*, copy: bool = False) -> Article:
    paragraphs = [
        "Civil protection teams evacuated 300 residents from the riverside districts of Porto "
        "on Tuesday after the Douro burst its banks following three days of rain.",
        '"We moved people before the water reached the old town," said Mayor Rui Duarte, '
        "who visited the shelters in the evening.",
        "The Porto Civil Protection agency said pumps had been brought in from Lisbon and that "
        "schools in the area would stay closed until Friday.",
        "Forecasters expect the river to fall slowly over the weekend."
        + (" Officials will review the defences." if copy else ""),
    ]
    a = build_article(
        title="Floods force hundreds from homes in Porto",
        standfirst="Rising river swamps the Ribeira district",
        paragraphs=paragraphs,
        byline="By Ana Ferreira",
        published=datetime(2025, 3, 4, 9, 30, tzinfo=UTC),
        url="https://news.example/2025/03/04/porto-floods" + ("-syndicated" if copy else ""),
        source="wire.example" if copy else "news.example",
        language="en",
    )
    t = a.text
    duarte = _entity(t, "person:rui-duarte", "Rui Duarte", "person", "Rui Duarte")
    agency = _entity(
        t,
        "organization:porto-civil-protection",
        "Porto Civil Protection",
        "organization",
        "Porto Civil Protection",
    )
    q_s, q_e = _span(t, "We moved people before the water reached the old town")
    sp_s, sp_e = _span(t, "Mayor Rui Duarte")
    n_s, n_e = _span(t, "300 residents")
    d_s, d_e = _span(t, "Tuesday")
    v_s, v_e = _span(t, "evacuated")
    sentence_end = t.index(".", v_s) + 1
    return a.model_copy(
        update={
            "entities": [duarte, agency],
            "places": [
                _place(t, "Porto", "Porto", "PT", 41.15, -8.61, a.body_start),
                _place(t, "Lisbon", "Lisbon", "PT", 38.72, -9.14),
            ],
            "quotes": [
                Quote(
                    start=q_s,
                    end=q_e,
                    text=t[q_s:q_e],
                    direct=True,
                    cue="said",
                    speaker="Mayor Rui Duarte",
                    speaker_start=sp_s,
                    speaker_end=sp_e,
                    speaker_id="person:rui-duarte",
                    stage="quotes",
                )
            ],
            "amounts": [
                Amount(
                    start=n_s,
                    end=n_e,
                    text="300 residents",
                    value=300.0,
                    unit="people",
                    object="residents",
                    stage="amounts",
                )
            ],
            "dates": [
                DateExpr(
                    start=d_s,
                    end=d_e,
                    text="Tuesday",
                    value="2025-03-04",
                    granularity="day",
                    resolved=True,
                    stage="dates",
                )
            ],
            "themes": [Theme(start=0, end=6, name="environment", score=0.9, stage="themes")],
            "events": [
                Event(
                    start=0,
                    end=sentence_end,
                    text=t[:sentence_end],
                    type="AID",
                    trigger="evacuated",
                    trigger_start=v_s,
                    trigger_end=v_e,
                    actor=Actor(text="Civil protection teams"),
                    recipient=Actor(text="300 residents"),
                    stage="events",
                )
            ],
        }
    )


def strike_article() -> Article:
    a = build_article(
        title="Rail workers strike as Duarte urges talks",
        standfirst=None,
        paragraphs=[
            "Rail workers across Lisbon walked out on Thursday over pay, cancelling most "
            "commuter trains into the capital.",
            "Rui Duarte, the mayor of Porto, urged the Lusitania Rail Authority to return to "
            'talks. "Nobody wins a long strike," Duarte said.',
        ],
        published=datetime(2025, 3, 6, 7, 0, tzinfo=UTC),
        url="https://news.example/2025/03/06/rail-strike",
        language="en",
    )
    t = a.text
    duarte = _entity(t, "person:rui-duarte", "Rui Duarte", "person", "Rui Duarte", "Duarte")
    rail = _entity(
        t, "organization:lusitania-rail-authority", "Lusitania Rail Authority", "organization"
    )
    q_s, q_e = _span(t, "Nobody wins a long strike")
    v_s, v_e = _span(t, "urged")
    return a.model_copy(
        update={
            "entities": [duarte, rail],
            "places": [_place(t, "Lisbon", "Lisbon", "PT", 38.72, -9.14)],
            "quotes": [
                Quote(
                    start=q_s,
                    end=q_e,
                    text=t[q_s:q_e],
                    direct=True,
                    cue="said",
                    speaker="Duarte",
                    speaker_id="person:rui-duarte",
                    stage="quotes",
                )
            ],
            "themes": [Theme(start=0, end=4, name="labour", score=0.8, stage="themes")],
            "events": [
                Event(
                    start=v_s,
                    end=v_e,
                    text="urged",
                    type="APPEAL",
                    trigger="urged",
                    trigger_start=v_s,
                    trigger_end=v_e,
                    actor=Actor(text="Rui Duarte", entity_id="person:rui-duarte"),
                    recipient=Actor(
                        text="Lusitania Rail Authority",
                        entity_id="organization:lusitania-rail-authority",
                    ),
                    stage="events",
                )
            ],
        }
    )


def hostile_article() -> Article:
    a = build_article(
        title='<script>alert("title")</script> Council denies <b>leak</b>',
        standfirst='<img src=x onerror=alert("standfirst")>',
        paragraphs=[
            f"The council of Vexford said on Monday that {HOSTILE_SCRIPT} was never run.",
            f"A reader sent {HOSTILE_IMG} and a link {HOSTILE_LINK} to the newsroom.",
            f"Spokesman {HOSTILE_NAME} said the claims were false.",
        ],
        byline='<script>alert("byline")</script>',
        published=datetime(2025, 3, 5, 12, 0, tzinfo=UTC),
        url="https://evil.example/javascript:alert(5)",
        source='evil.example"><script>alert(6)</script>',
        language="en",
    )
    t = a.text
    name_s, name_e = _span(t, HOSTILE_NAME)
    script_s, script_e = _span(t, HOSTILE_SCRIPT)
    link_s, link_e = _span(t, HOSTILE_LINK)
    return a.model_copy(
        update={
            "entities": [
                Entity(
                    id="person:vex",
                    name=HOSTILE_NAME,
                    type="person",
                    start=name_s,
                    end=name_e,
                    stage="entities",
                    aliases=['<img src=x onerror=alert("alias")>'],
                    mentions=[Mention(start=name_s, end=name_e, text=HOSTILE_NAME)],
                )
            ],
            "places": [
                Place(
                    start=link_s,
                    end=link_e,
                    text=HOSTILE_LINK,
                    name=HOSTILE_LINK,
                    kind="city",
                    country_code="XX",
                    lat=10.0,
                    lon=10.0,
                    stage="places",
                )
            ],
            "quotes": [
                Quote(
                    start=script_s,
                    end=script_e,
                    text=HOSTILE_SCRIPT,
                    direct=True,
                    speaker=HOSTILE_IMG,
                    stage="quotes",
                )
            ],
            "themes": [
                Theme(
                    start=0,
                    end=3,
                    name='<script>alert("theme")</script>',
                    score=0.5,
                    stage="themes",
                )
            ],
        }
    )


def build_store(path: Path) -> Corpus:
    """Write the corpus to a new store at `path`."""
    flood, copy, strike, hostile = (
        flood_article(),
        flood_article(copy=True),
        strike_article(),
        hostile_article(),
    )
    conn = connect(path)
    try:
        write_batch(conn, [flood, strike, hostile])
        write_batch(conn, [copy])
    finally:
        conn.close()
    return Corpus(path=path, flood=flood.id, strike=strike.id, copy=copy.id, hostile=hostile.id)
