"""A hand-made store for the trends, rising and network tests (store, web, CLI and browser).

Every count is known by construction. The newest article is at `LAST` (2025-06-30 11:30 UTC);
"day d" below means the day `d` days before 2025-06-30.

- `person:steady` (Stella Steady): 5 articles a day, days 0-28, except day 10 when nothing at
  all is published (a window that must be zero-filled); theme `economy`, place Porto.
- `person:spike` (Sam Spike): 1 article on days 27, 20, 13 and 6, then 12 on day 0; theme
  `storm`, place Lisbon; each of the 12 has a PROTEST event (quad class 3, Goldstein -6.5)
  Sam Spike -> Harbour Council (codes PRTOPP -> PRTGOV), and 4 of them also an ASSAULT (quad 4,
  Goldstein -10).
- `person:few` (Fay Few): 2 articles on day 0 only (below the minimum count of 3).
- The hostile entity `person:vex` (`HOSTILE_NAME`): 4 articles on day 0 with the theme
  `HOSTILE_THEME` and an APPEAL event Vex -> Harbour Council.
- Steady's articles of days 0-1 carry a CONSULT event Stella Steady -> Harbour Council (quad 1,
  Goldstein 1.0; codes PRTGOV -> PRTGOV).
- Hours on day 0: steady's articles are at 01:30, 03:30, 05:30, 07:30 and 09:30; spike's 12 at
  10:00 + 2 minutes each (all in the 10:00 hour), few's at 11:00 and 11:30, vex's at 08:05.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsgraph.clean.assemble import build_article
from newsgraph.model import Actor, Article, Entity, Event, Mention, Place, Theme, Tone
from newsgraph.store.db import connect
from newsgraph.store.write import write_batch

DAY0 = datetime(2025, 6, 30, tzinfo=UTC)
LAST = DAY0 + timedelta(hours=11, minutes=30)
HOSTILE_NAME = '"><script>alert(7)</script>Vex'
HOSTILE_THEME = '<img src=x onerror="alert(8)">'
COUNCIL = ("organization:harbour-council", "Harbour Council", "organization")
STEADY = ("person:steady", "Stella Steady", "person")
SPIKE = ("person:spike", "Sam Spike", "person")
FEW = ("person:few", "Fay Few", "person")
VEX = ("person:vex", HOSTILE_NAME, "person")
PLACES = {"Porto": ("PT", 41.15, -8.61), "Lisbon": ("PT", 38.72, -9.14)}
WORDS = [
    "harbour",
    "tide",
    "ferry",
    "market",
    "bridge",
    "council",
    "budget",
    "rain",
    "wind",
    "tram",
    "clinic",
    "school",
    "library",
    "museum",
    "stadium",
    "orchard",
    "vineyard",
    "quarry",
    "foundry",
    "bakery",
]


@dataclass(frozen=True)
class EventSpec:
    type: str
    actor: tuple[str, str, str]
    recipient: tuple[str, str, str]
    quad: int
    goldstein: float
    codes: tuple[str, str]


def _spans(text: str, words: str) -> list[Mention]:
    out, at = [], text.find(words)
    while at >= 0:
        out.append(Mention(start=at, end=at + len(words), text=words))
        at = text.find(words, at + len(words))
    return out


def make_article(
    n: int,
    when: datetime,
    *,
    people: tuple[tuple[str, str, str], ...] = (),
    theme: str | None = None,
    place: str | None = None,
    events: tuple[EventSpec, ...] = (),
    tone: float = 0.0,
) -> Article:
    """Article number `n` (its words make its text unique) naming `people` and the council."""
    filler = " ".join(WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(12))
    names = [p[1] for p in people] + ([COUNCIL[1]] if events else [])
    paragraphs = [
        f"Dispatch {n} from {place or 'the coast'}: {', '.join(names) or 'nobody'} in the news.",
        f"Notes {n}: {filler} {n * 31 % 997}.",
    ]
    a = build_article(
        title=f"Report number {n}",
        standfirst=None,
        paragraphs=paragraphs,
        published=when,
        url=f"https://trends.example/{n}",
        language="en",
    )
    t = a.text
    entities = []
    for eid, name, kind in [*people, *([COUNCIL] if events else [])]:
        found = _spans(t, name)
        entities.append(
            Entity(
                id=eid,
                name=name,
                type=kind,
                start=found[0].start,
                end=found[0].end,
                stage="entities",
                mentions=found,
            )
        )
    places = []
    if place:
        cc, lat, lon = PLACES[place]
        m = _spans(t, place)[0]
        places.append(
            Place(
                start=m.start,
                end=m.end,
                text=place,
                name=place,
                kind="city",
                country_code=cc,
                lat=lat,
                lon=lon,
                stage="places",
            )
        )
    coded = [
        Event(
            start=0,
            end=len(t),
            text=t[:40],
            type=e.type,
            trigger="news",
            trigger_start=0,
            trigger_end=4,
            quad_class=e.quad,
            goldstein=e.goldstein,
            actor=Actor(text=e.actor[1], entity_id=e.actor[0], code=e.codes[0], country="PRT"),
            recipient=Actor(
                text=e.recipient[1], entity_id=e.recipient[0], code=e.codes[1], country="PRT"
            ),
            stage="events",
        )
        for e in events
    ]
    return a.model_copy(
        update={
            "entities": entities,
            "places": places,
            "themes": [Theme(start=0, end=6, name=theme, score=0.9, stage="themes")]
            if theme
            else [],
            "events": coded,
            "tone": Tone(tone=tone, positive=1.0, negative=1.0, polarity=2.0, word_count=20),
        }
    )


PROTEST = EventSpec("PROTEST", SPIKE, COUNCIL, 3, -6.5, ("PRTOPP", "PRTGOV"))
ASSAULT = EventSpec("ASSAULT", SPIKE, COUNCIL, 4, -10.0, ("PRTOPP", "PRTGOV"))
CONSULT = EventSpec("CONSULT", STEADY, COUNCIL, 1, 1.0, ("PRTGOV", "PRTGOV"))
APPEAL = EventSpec("APPEAL", VEX, COUNCIL, 1, 3.0, ("XXXOPP", "PRTGOV"))


def articles() -> list[Article]:
    out: list[Article] = []
    n = 0
    for d in range(29):
        if d == 10:
            continue
        day = DAY0 - timedelta(days=d)
        for i in range(5):
            n += 1
            out.append(
                make_article(
                    n,
                    day + timedelta(hours=1 + 2 * i, minutes=30),
                    people=(STEADY,),
                    theme="economy",
                    place="Porto",
                    events=(CONSULT,) if d <= 1 else (),
                    tone=2.0,
                )
            )
    for d in (27, 20, 13, 6):
        n += 1
        out.append(
            make_article(
                n, DAY0 - timedelta(days=d) + timedelta(hours=8), people=(SPIKE,), theme="storm"
            )
        )
    for i in range(12):
        n += 1
        out.append(
            make_article(
                n,
                DAY0 + timedelta(hours=10, minutes=2 * i),
                people=(SPIKE,),
                theme="storm",
                place="Lisbon",
                events=(PROTEST, ASSAULT) if i < 4 else (PROTEST,),
                tone=-4.0,
            )
        )
    for minutes in (0, 30):
        n += 1
        out.append(make_article(n, DAY0 + timedelta(hours=11, minutes=minutes), people=(FEW,)))
    for i in range(4):
        n += 1
        out.append(
            make_article(
                n,
                DAY0 + timedelta(hours=8, minutes=5 + i),
                people=(VEX,),
                theme=HOSTILE_THEME,
                events=(APPEAL,),
            )
        )
    return out


def build_trends_store(path: Path) -> Path:
    """Write the corpus above to a new store at `path`."""
    conn = connect(path)
    try:
        write_batch(conn, articles())
    finally:
        conn.close()
    return path
