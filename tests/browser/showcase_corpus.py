"""A small, realistic store for the published screenshots of the trends and network pages.

The escaping tests need a corpus full of hostile names (tests/browser/trends_corpus.py); a
reader of the README needs to see what the pages look like on ordinary news. This one is sixty
days of local news from an invented harbour town, every name made up, written through the
store's normal write path (`write_batch`) as analysed articles:

- `person:ilse-brannock` (Mayor Ilse Brannock) and Averly City Council: 4-6 articles on a
  weekday, 1-2 on a weekend, theme `economy`; a budget vote on day `BUDGET_DAY` (the day
  `BUDGET_DAY` days before `DAY0`) brings `BUDGET_ARTICLES` articles with an AGREE event.
- `organization:harbour-workers-union` and Corvane Shipping: 0-2 articles a day about the docks
  (Kestrel Bay), then a strike that builds over three days and peaks on `DAY0` with
  `STRIKE_ARTICLES` articles (theme `protest`, place Port Averly, PROTEST events, some REJECT,
  COERCE and CONSULT ones), so the union, the company, the theme, the town and the actor pair
  all rise.

The random parts (counts on quiet days, tones, wording) come from a seeded generator: the store
is the same on every run.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsgraph.clean.assemble import build_article
from newsgraph.model import (
    Actor,
    Article,
    Entity,
    EntityType,
    Event,
    Mention,
    Place,
    Theme,
    Tone,
)
from newsgraph.store.db import connect
from newsgraph.store.write import write_batch

DAY0 = datetime(2025, 6, 30, tzinfo=UTC)
DAYS = 60
BUDGET_DAY = 35
BUDGET_ARTICLES = 13
BUILD_UP = {3: 3, 2: 5, 1: 8}  # days before DAY0 -> strike articles that day
STRIKE_ARTICLES = 19
SEED = 20250630


@dataclass(frozen=True)
class Who:
    """An invented entity, with the CAMEO actor code its events carry."""

    id: str
    name: str
    type: EntityType
    code: str


BRANNOCK = Who("person:ilse-brannock", "Ilse Brannock", "person", "GBRGOV")
COUNCIL = Who("organization:averly-city-council", "Averly City Council", "organization", "GBRGOV")
UNION = Who(
    "organization:harbour-workers-union", "Harbour Workers' Union", "organization", "GBRLAB"
)
CORVANE = Who("organization:corvane-shipping", "Corvane Shipping", "organization", "GBRBUS")
AUTHORITY = Who(
    "organization:averly-port-authority", "Averly Port Authority", "organization", "GBRGOV"
)
PLACES = {"Port Averly": (50.62, -4.93), "Kestrel Bay": (50.58, -4.81)}


@dataclass(frozen=True)
class Coded:
    """One coded event: PLOVER type, actor, recipient, quad class and Goldstein score."""

    type: str
    actor: Who
    recipient: Who
    quad: int
    goldstein: float


CONSULT_COUNCIL = Coded("CONSULT", BRANNOCK, COUNCIL, 1, 1.0)
BUDGET_AGREE = Coded("AGREE", COUNCIL, BRANNOCK, 1, 3.0)
PAY_ACCUSE = Coded("ACCUSE", UNION, CORVANE, 3, -2.0)
STRIKE = Coded("PROTEST", UNION, CORVANE, 3, -6.5)
REBUFF = Coded("REJECT", CORVANE, UNION, 3, -4.0)
CORDON = Coded("COERCE", AUTHORITY, UNION, 4, -7.0)
MEDIATE = Coded("CONSULT", BRANNOCK, UNION, 1, 1.0)

COUNCIL_TOPICS = [  # (headline, what the mayor told the council)
    ("Library extension to open before winter", "the library extension would open before winter"),
    ("Bus fares frozen for another year", "bus fares would stay frozen for another year"),
    ("Harbour-front housing goes back for review", "the harbour-front housing needed a review"),
    ("Old quay to get new street lights", "the lights on the old quay would be replaced"),
    ("Swimming baths to reopen after repairs", "the swimming baths would reopen after repairs"),
    ("Cycle lane planned from station to seafront", "a cycle lane would link station and sea"),
    ("Market hall lease renewed for ten years", "the market hall lease would be renewed"),
    ("School meal funding to rise in autumn", "school meal funding would rise in the autumn"),
]
DOCK_GRIEVANCES = [
    "had not answered its claim for overtime pay",
    "was cutting night-shift crews at the container berth",
    "had delayed talks on safety equipment",
    "was hiring agency staff instead of crane drivers",
    "owed back pay to forty dock hands",
]
STRIKE_LINES = [
    "pickets gathered at the east gate before dawn",
    "no container ship was unloaded during the day",
    "lorries queued along the coast road for several kilometres",
    "ferry passengers were told to expect delays",
    "union stewards handed out leaflets at the fish market",
    "the company flew in managers to run the cranes",
]
DETAILS = [
    "{n} people attended the meeting at the town hall.",
    "The figures show {n} jobs depend on the port.",
    "Local traders counted {n} fewer customers than a year ago.",
    "A petition had gathered {n} signatures by the evening.",
    "Officials said {n} vessels were due in the coming week.",
    "The town's last survey found {n} households renting near the quay.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class Draft:
    """What one article is about before it is written out."""

    when: datetime
    title: str
    lead: str
    cast: tuple[Who, ...]
    place: str
    theme: str
    events: tuple[Coded, ...]
    tone: float


def _mentions(text: str, words: str) -> list[Mention]:
    out, at = [], text.find(words)
    while at >= 0:
        out.append(Mention(start=at, end=at + len(words), text=words))
        at = text.find(words, at + len(words))
    return out


def _write(n: int, draft: Draft, rng: random.Random) -> Article:
    """Article `n` from `draft`, with its facts at their offsets in the assembled text."""
    details = [d.format(n=rng.randint(40, 4000)) for d in rng.sample(DETAILS, 3)]
    a = build_article(
        title=draft.title,
        standfirst=None,
        paragraphs=[draft.lead, " ".join(details)],
        published=draft.when,
        url=f"https://averly-gazette.example/{draft.when:%Y/%m/%d}/{n}",
        language="en",
    )
    text = a.text
    entities = []
    for who in draft.cast:
        found = _mentions(text, who.name)
        entities.append(
            Entity(
                id=who.id,
                name=who.name,
                type=who.type,
                start=found[0].start,
                end=found[0].end,
                stage="entities",
                mentions=found,
            )
        )
    lat, lon = PLACES[draft.place]
    at = _mentions(text, draft.place)[0]
    place = Place(
        start=at.start,
        end=at.end,
        text=draft.place,
        name=draft.place,
        kind="city",
        country_code="GB",
        lat=lat,
        lon=lon,
        focus=True,
        mentions=[at],
        stage="places",
    )
    events = [
        Event(
            start=0,
            end=len(draft.lead),
            text=draft.lead,
            type=e.type,
            trigger=e.type.lower(),
            trigger_start=0,
            trigger_end=1,
            quad_class=e.quad,
            goldstein=e.goldstein,
            actor=Actor(text=e.actor.name, entity_id=e.actor.id, code=e.actor.code, country="GBR"),
            recipient=Actor(
                text=e.recipient.name,
                entity_id=e.recipient.id,
                code=e.recipient.code,
                country="GBR",
            ),
            stage="events",
        )
        for e in draft.events
    ]
    words = len(text.split())
    return a.model_copy(
        update={
            "entities": entities,
            "places": [place],
            "themes": [Theme(start=0, end=1, name=draft.theme, score=0.8, stage="themes")],
            "events": events,
            "tone": Tone(
                tone=round(draft.tone, 2),
                positive=round(max(draft.tone, 0) + 2.0, 2),
                negative=round(max(-draft.tone, 0) + 2.0, 2),
                polarity=round(abs(draft.tone) + 4.0, 2),
                word_count=words,
            ),
        }
    )


def _council(when: datetime, rng: random.Random, *, budget: bool) -> Draft:
    if budget:
        votes = rng.randint(24, 29)
        lead = (
            f"Averly City Council passed Mayor Ilse Brannock's budget for Port Averly by "
            f"{votes} votes to {41 - votes} on {WEEKDAYS[when.weekday()]}."
        )
        return Draft(
            when,
            "Brannock's budget passes after a long night",
            lead,
            (BRANNOCK, COUNCIL),
            "Port Averly",
            "economy",
            (BUDGET_AGREE,),
            rng.gauss(2.6, 0.5),
        )
    title, topic = rng.choice(COUNCIL_TOPICS)
    return Draft(
        when,
        title,
        f"Mayor Ilse Brannock told Averly City Council in Port Averly that {topic}.",
        (BRANNOCK, COUNCIL),
        "Port Averly",
        "economy",
        (CONSULT_COUNCIL,) if rng.random() < 0.4 else (),
        rng.gauss(1.4, 0.7),
    )


def _docks(when: datetime, rng: random.Random) -> Draft:
    grievance = rng.choice(DOCK_GRIEVANCES)
    return Draft(
        when,
        "Dock workers press Corvane over conditions",
        f"The Harbour Workers' Union said at Kestrel Bay that Corvane Shipping {grievance}.",
        (UNION, CORVANE),
        "Kestrel Bay",
        "economy",
        (PAY_ACCUSE,) if rng.random() < 0.3 else (),
        rng.gauss(-0.8, 0.6),
    )


def _strike(when: datetime, rng: random.Random) -> Draft:
    cast: list[Who] = [UNION, CORVANE]
    events = [STRIKE]
    line = rng.choice(STRIKE_LINES)
    lead = f"The Harbour Workers' Union walked out at Port Averly against Corvane Shipping: {line}."
    if rng.random() < 0.4:
        events.append(REBUFF)
    if rng.random() < 0.3:
        cast.append(AUTHORITY)
        events.append(CORDON)
        lead += " Averly Port Authority closed the quay to pickets."
    if rng.random() < 0.25:
        cast.append(BRANNOCK)
        events.append(MEDIATE)
        lead += " Ilse Brannock offered to host talks."
    return Draft(
        when,
        "Port Averly strike: ships wait as dockers walk out",
        lead,
        tuple(cast),
        "Port Averly",
        "protest",
        tuple(events),
        rng.gauss(-3.6, 0.7),
    )


def drafts(rng: random.Random) -> list[Draft]:
    """Every article of the sixty days, oldest first."""
    out: list[Draft] = []
    for d in range(DAYS - 1, -1, -1):
        day = DAY0 - timedelta(days=d)

        def at(i: int, count: int, day: datetime = day) -> datetime:
            return day + timedelta(hours=7 + i * 11 // max(count, 1), minutes=rng.randint(0, 59))

        weekend = day.weekday() >= 5
        council = rng.randint(1, 2) if weekend else rng.randint(4, 6)
        council = BUDGET_ARTICLES if d == BUDGET_DAY else council
        out += [_council(at(i, council), rng, budget=d == BUDGET_DAY) for i in range(council)]
        strike = STRIKE_ARTICLES if d == 0 else BUILD_UP.get(d, 0)
        docks = 0 if strike else rng.choice((0, 1, 1, 2))
        out += [_docks(at(i, docks), rng) for i in range(docks)]
        out += [_strike(at(i, strike), rng) for i in range(strike)]
    return sorted(out, key=lambda draft: draft.when)


def articles() -> list[Article]:
    """The store's articles, the same on every call."""
    rng = random.Random(SEED)
    return [_write(n, draft, rng) for n, draft in enumerate(drafts(rng), start=1)]


def build_showcase_store(path: Path) -> Path:
    """Write the corpus above to a new store at `path`."""
    conn = connect(path)
    try:
        write_batch(conn, articles())
    finally:
        conn.close()
    return path
