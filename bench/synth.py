"""Synthetic analysed articles for store benchmarks and tests.

`articles(n, seed=)` yields `n` varied, invented news articles as full `Article` records with
entities, places, quotes, amounts, dates, themes, events and tone already filled in (as if the
NLP stages had run), grouped into events: several outlets write about the same event with their
own wording, a share are syndicated near-copies (a few words changed) and some are exact copies
under another URL. Everything is generated from templates and random names: no real article text.
Deterministic for a given seed.
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path

from newsgraph.clean.assemble import build_article
from newsgraph.model import (
    Amount,
    Article,
    DateExpr,
    Entity,
    Event,
    Mention,
    Place,
    Quote,
    Theme,
    Tone,
)

FIRST = [
    "Amara",
    "Bilal",
    "Chloe",
    "Dmitri",
    "Elena",
    "Farid",
    "Greta",
    "Hiro",
    "Ines",
    "Jonas",
    "Kofi",
    "Lena",
    "Mateo",
    "Nadia",
    "Oskar",
    "Priya",
    "Quentin",
    "Rosa",
    "Sami",
    "Tomas",
    "Uma",
    "Viktor",
    "Wanda",
    "Xavier",
    "Yara",
    "Zeno",
    "Alba",
    "Bruno",
    "Carla",
    "Dario",
    "Esme",
    "Felix",
    "Gloria",
    "Hugo",
    "Ilse",
    "Jamal",
    "Karin",
    "Luca",
    "Mira",
    "Nils",
]
LAST = [
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Petrov",
    "Tanaka",
    "Haddad",
    "Novak",
    "Silva",
    "Brennan",
    "Kowalski",
    "Achebe",
    "Ferreira",
    "Olsen",
    "Marchetti",
    "Duarte",
    "Varga",
    "Keller",
    "Nakamura",
    "Rahman",
    "Costa",
    "Jensen",
    "Horvat",
    "Mensah",
    "Dubois",
    "Ivanova",
    "Quispe",
    "Sorensen",
    "Bauer",
    "Yilmaz",
    "Castillo",
]
ORG_HEAD = [
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Coastal",
    "Central",
    "United",
    "National",
    "Federal",
    "Regional",
    "Atlantic",
    "Pacific",
    "Alpine",
    "Harbour",
    "Riverside",
]
ORG_TAIL = (
    "Energy Group",
    "Rail Authority",
    "Health Trust",
    "Farmers Union",
    "Water Board",
    "Shipping Line",
    "Teachers Federation",
    "Mining Company",
    "Bank",
    "Airways",
    "Transport Union",
    "Housing Agency",
    "Steel Works",
    "Grain Cooperative",
)
CITIES = (
    ("Lisbon", "PT", 38.72, -9.14),
    ("Porto", "PT", 41.15, -8.61),
    ("Lyon", "FR", 45.76, 4.84),
    ("Nantes", "FR", 47.22, -1.55),
    ("Leipzig", "DE", 51.34, 12.37),
    ("Graz", "AT", 47.07, 15.44),
    ("Krakow", "PL", 50.06, 19.94),
    ("Bergen", "NO", 60.39, 5.32),
    ("Cork", "IE", 51.9, -8.47),
    ("Seville", "ES", 37.39, -5.98),
    ("Turin", "IT", 45.07, 7.69),
    ("Ghent", "BE", 51.05, 3.72),
    ("Tampere", "FI", 61.5, 23.76),
    ("Brno", "CZ", 49.2, 16.61),
    ("Aarhus", "DK", 56.16, 10.2),
    ("Mombasa", "KE", -4.04, 39.67),
    ("Recife", "BR", -8.05, -34.9),
    ("Osaka", "JP", 34.69, 135.5),
    ("Denver", "US", 39.74, -104.99),
    ("Halifax", "CA", 44.65, -63.58),
)
KINDS = {
    "flood": (
        "environment",
        "ASSAULT",
        "Floods force {n} {obj} from homes in {city}",
        [
            "Heavy rain pushed the river over its banks in {city} on {day}, and {n} {obj} were "
            "moved to shelters, officials said.",
            "Emergency crews from the {org} worked through the night as water rose in the old "
            "town of {city}.",
            "{person}, who leads the regional council, said the damage would take months to "
            "repair.",
        ],
        "residents",
    ),
    "strike": (
        "labour",
        "PROTEST",
        "{org} workers walk out in {city} over pay",
        [
            "Thousands of staff at the {org} stopped work in {city} on {day}, demanding a rise "
            "of {n} {obj}.",
            "Picket lines formed outside the main depot before dawn, and services were "
            "cancelled across the region.",
            "{person}, a spokesperson for the union, said talks had broken down.",
        ],
        "percent",
    ),
    "election": (
        "politics",
        "CONSULT",
        "{person} wins mayoral race in {city}",
        [
            "Voters in {city} elected {person} as mayor on {day}, with turnout reaching {n} {obj}.",
            "The result ends a long campaign dominated by housing costs and public transport.",
            "Officials from the {org} confirmed the count late in the evening.",
        ],
        "percent",
    ),
    "quake": (
        "disaster",
        "ASSAULT",
        "Earthquake shakes {city}, {n} {obj} injured",
        [
            "A strong earthquake struck near {city} on {day}, and at least {n} {obj} were "
            "injured, according to local hospitals.",
            "Buildings swayed for several seconds and power was cut in parts of the city.",
            "{person}, a seismologist, said aftershocks were likely over the coming days.",
        ],
        "people",
    ),
    "deal": (
        "economy",
        "COOPERATE",
        "{org} agrees takeover worth {n} {obj}",
        [
            "The {org} said on {day} it had agreed to buy a rival in a deal worth {n} {obj}, "
            "creating one of the largest firms in {city}.",
            "Shares rose sharply after the announcement, and analysts expect regulators to "
            "review the merger.",
            "{person}, the chief executive, called the agreement a turning point.",
        ],
        "million euros",
    ),
    "court": (
        "justice",
        "ACCUSE",
        "Court in {city} rules against {org}",
        [
            "Judges in {city} ruled on {day} that the {org} had broken safety rules, ordering it "
            "to pay {n} {obj} in fines.",
            "The case began after an inspection found repeated failures over several years.",
            "{person}, a lawyer for the families, said the ruling was long overdue.",
        ],
        "thousand euros",
    ),
    "fire": (
        "environment",
        "ASSAULT",
        "Wildfire near {city} forces {n} {obj} to flee",
        [
            "A wildfire spread through forest near {city} on {day}, and {n} {obj} were told to "
            "leave their homes.",
            "Firefighters from the {org} battled strong winds, and smoke drifted over the city.",
            "{person}, the fire chief, said the blaze was not yet under control.",
        ],
        "residents",
    ),
    "final": (
        "sport",
        "CONSULT",
        "{city} side win cup final in front of {n} {obj}",
        [
            "The home side from {city} won the cup final on {day}, watched by {n} {obj} in a "
            "packed stadium.",
            "A late goal settled a tense match that had been level for most of the evening.",
            "{person}, the captain, lifted the trophy as the {org} band played.",
        ],
        "fans",
    ),
}
FILLER = (
    "Residents described a day of confusion as updates arrived slowly.",
    "Local radio stations carried live reports throughout the afternoon.",
    "The national government said it was following the situation closely.",
    "Opposition politicians called for an independent review.",
    "Several schools closed early, and parents were asked to collect children.",
    "Economists warned the costs could weigh on the regional budget next year.",
    "Traffic was diverted around the centre for several hours.",
    "A statement posted online thanked volunteers for their help.",
    "Critics said the warning signs had been clear for some time.",
    "Business owners said they hoped for a quick return to normal.",
    "Experts noted that similar events had become more frequent.",
    "The mayor's office promised a full report within weeks.",
    "Insurance companies said it was too early to estimate claims.",
    "Hospitals said they had extra staff on standby.",
    "The story drew wide attention on social media.",
    "Officials urged people to check official channels for updates.",
)
QUOTES = (
    "We will do everything we can to help the people affected",
    "This is a difficult moment, but we are ready",
    "Nobody should have to go through this again",
    "The numbers speak for themselves",
    "We are asking for patience while the work continues",
    "It is a result that belongs to the whole city",
)
SITES = (
    "dailyherald.example",
    "morningpost.example",
    "citywire.example",
    "northnews.example",
    "eveningstar.example",
    "globaldesk.example",
    "coastaltimes.example",
    "metroline.example",
)


_SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ne",
    "ru",
    "sa",
    "to",
    "vi",
    "ber",
    "dan",
    "fel",
    "gor",
    "hal",
    "jun",
    "kor",
    "lin",
    "mar",
    "nor",
    "pel",
    "quin",
    "ros",
    "sel",
    "tam",
    "ul",
    "ven",
)


def _vocabulary(size: int, rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    ordered = sorted(words)
    rng.shuffle(ordered)
    return ordered


_VOCAB = _vocabulary(30000, random.Random(0))
_ZIPF = list(accumulate(1.0 / (rank + 1) for rank in range(len(_VOCAB))))


def _detail(rng: random.Random) -> str:
    """A paragraph of words drawn from a Zipf-distributed vocabulary (realistic term statistics)."""
    words = rng.choices(_VOCAB, cum_weights=_ZIPF, k=rng.randint(40, 120))
    return " ".join(words).capitalize() + "."


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _mentions(text: str, name: str) -> list[Mention]:
    return [
        Mention(start=m.start(), end=m.end(), text=name) for m in re.finditer(re.escape(name), text)
    ]


def _event(rng: random.Random, number: int, start: datetime) -> dict[str, object]:
    kind = rng.choice(sorted(KINDS))
    city = rng.choice(CITIES)
    return {
        "kind": kind,
        "city": city,
        "person": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "org": f"{rng.choice(ORG_HEAD)} {rng.choice(ORG_TAIL)}",
        "n": rng.randint(12, 9000),
        "when": start + timedelta(hours=number * 3 + rng.randint(0, 2)),
        "number": number,
    }


def _write(rng: random.Random, ev: dict[str, object], copy: int) -> tuple[str, str, list[str]]:
    _, _, headline, lines, obj = KINDS[str(ev["kind"])]
    city = ev["city"][0]  # type: ignore[index]
    when: datetime = ev["when"]  # type: ignore[assignment]
    fields = {
        "city": city,
        "person": ev["person"],
        "org": ev["org"],
        "n": ev["n"],
        "obj": obj,
        "day": when.strftime("%A %d %B %Y").replace(" 0", " "),
    }
    title = headline.format(**fields)
    if copy:
        title = f"{title} ({rng.choice(('update', 'live', 'analysis', 'report'))})"
    paragraphs = [line.format(**fields) for line in lines]
    rng.shuffle(paragraphs[1:])
    quote = rng.choice(QUOTES)
    paragraphs.append(f'"{quote}," said {ev["person"]}.')
    paragraphs += rng.sample(FILLER, rng.randint(4, 9))
    paragraphs.insert(rng.randint(3, len(paragraphs)), _detail(rng))
    return title, quote, paragraphs


def _analysed(article: Article, ev: dict[str, object], quote: str) -> Article:
    text = article.text
    person, org = str(ev["person"]), str(ev["org"])
    city, country, lat, lon = ev["city"]  # type: ignore[misc]
    entities = []
    for name, kind in ((person, "person"), (org, "organization"), (city, "place")):
        found = _mentions(text, name)
        if found:
            entities.append(
                Entity(
                    id=f"{kind}:{_slug(name)}",
                    name=name,
                    type=kind,
                    start=found[0].start,
                    end=found[0].end,
                    stage="entities",
                    mentions=found,
                    aliases=[name.split()[-1]] if kind == "person" else [],
                )
            )
    places = [
        Place(
            start=m.start,
            end=m.end,
            text=city,
            name=city,
            kind="city",
            country_code=country,
            lat=lat,
            lon=lon,
            geonames_id=zlib.crc32(city.encode()) % 10**7,
            precision="point",
            focus=True,
            entity_id=f"place:{_slug(city)}",
            stage="places",
        )
        for m in _mentions(text, city)[:3]
    ]
    quotes = []
    q_at = text.find(quote)
    if q_at >= 0:
        s_at = text.find(person, q_at)
        quotes.append(
            Quote(
                start=q_at,
                end=q_at + len(quote),
                text=quote,
                direct=True,
                cue="said",
                speaker=person,
                speaker_start=s_at,
                speaker_end=s_at + len(person),
                speaker_id=f"person:{_slug(person)}",
                stage="quotes",
            )
        )
    amounts = []
    n_text = str(ev["n"])
    n_at = text.find(f" {n_text} ")
    if n_at >= 0:
        amounts.append(
            Amount(
                start=n_at + 1,
                end=n_at + 1 + len(n_text),
                text=n_text,
                value=float(n_text),
                unit="people",
                object=KINDS[str(ev["kind"])][4],
                stage="amounts",
            )
        )
    when: datetime = ev["when"]  # type: ignore[assignment]
    day = when.strftime("%A %d %B %Y").replace(" 0", " ")
    dates = []
    d_at = text.find(day)
    if d_at >= 0:
        dates.append(
            DateExpr(
                start=d_at,
                end=d_at + len(day),
                text=day,
                value=f"{when:%Y-%m-%d}",
                granularity="day",
                resolved=True,
                stage="dates",
            )
        )
    theme = KINDS[str(ev["kind"])][0]
    themes = [Theme(start=0, end=min(len(text), 5), name=theme, score=0.8, stage="themes")]
    first = text.find(". ") + 1 or len(text)
    events = [
        Event(
            start=0,
            end=first,
            text=text[:first],
            type=KINDS[str(ev["kind"])][1],
            trigger=text.split()[1] if len(text.split()) > 1 else "",
            trigger_start=0,
            trigger_end=1,
            stage="events",
        )
    ]
    tone = Tone(tone=-1.5, positive=2.0, negative=3.5, polarity=5.5, word_count=len(text.split()))
    return article.model_copy(
        update={
            "entities": entities,
            "places": places,
            "quotes": quotes,
            "amounts": amounts,
            "dates": dates,
            "themes": themes,
            "events": events,
            "tone": tone,
            "language": "en",
        }
    )


def articles(
    n: int,
    *,
    seed: int = 7,
    start: datetime | None = None,
    near_copy_rate: float = 0.05,
    exact_copy_rate: float = 0.02,
) -> Iterator[Article]:
    """`n` synthetic analysed articles, events spread over time, in publication order."""
    rng = random.Random(seed)
    start = start or datetime(2025, 3, 1, tzinfo=UTC)
    made, number = 0, 0
    while made < n:
        ev = _event(rng, number, start)
        number += 1
        previous: tuple[str, str, list[str]] | None = None
        for copy in range(rng.randint(1, 6)):
            if made >= n:
                return
            title, quote, paragraphs = _write(rng, ev, copy)
            if previous is not None and rng.random() < near_copy_rate:
                # a syndicated near copy: the previous outlet's text, one credit line added
                title, quote, paragraphs = previous
                paragraphs = [*paragraphs, "Additional reporting by the news desk."]
            previous = (title, quote, paragraphs)
            site = rng.choice(SITES)
            url = f"https://{site}/{ev['when']:%Y/%m/%d}/{_slug(title)[:60]}-{made}"  # type: ignore[str-format]
            published = ev["when"] + timedelta(minutes=rng.randint(0, 600))  # type: ignore[operator]
            article = build_article(
                title=title,
                standfirst=None,
                paragraphs=paragraphs,
                published=published,
                url=url,
                origin=url,
            )
            yield _analysed(article, ev, quote)
            made += 1
            if made < n and rng.random() < exact_copy_rate:
                other = f"https://{rng.choice(SITES)}/syndicated/{made}"
                yield article.model_copy(update={"url": other, "origin": other})
                made += 1


def write_store(path: Path, records: Iterable[Article], *, batch: int = 500) -> float:
    """Write `records` to a new store at `path`, through a `.partial` file renamed at the end
    (an interrupted build leaves no store that looks whole); returns the seconds taken."""
    import time

    from newsgraph.store.db import connect
    from newsgraph.store.write import write_batch

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    started = time.perf_counter()
    conn = connect(partial)
    chunk: list[Article] = []
    for article in records:
        chunk.append(article)
        if len(chunk) == batch:
            write_batch(conn, chunk)
            chunk = []
    if chunk:
        write_batch(conn, chunk)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    partial.rename(path)
    return time.perf_counter() - started
