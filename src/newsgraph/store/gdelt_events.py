"""GDELT 2.0 event and mention tables from the corpus store (`gdelt-events`, `gdelt-mentions`).

`write_events(conn, stream)` writes the 61-column event table, one row per corpus event;
`write_mentions(conn, stream)` the 16-column mentions table, one row per report of an event in an
article. Both are tab-separated, UTF-8, without a header, as GDELT publishes them; the column
names are `EVENT_COLUMNS` and `MENTION_COLUMNS`, and docs/gdelt-events.md maps each column to the
record field it comes from (and says which GDELT columns stay empty, and why).

One event, many reports. The events of the stored articles that have a CAMEO code (negated ones
left out) are grouped: events with the same scope (the article's story, or the article itself
when it has none), CAMEO code, coded actor and recipient (code, else entity id) and day are one
row, whose GLOBALEVENTID is a hash of that key, so it stays the same from one export to the next
and in the mentions table. The row's fields come from the first article in store order; the
counts (NumMentions, NumSources, NumArticles) and AvgTone come from all of them.

Memory. The grouping runs in a scratch SQLite file in the system's temporary folder (`TMPDIR`),
never in a Python dict over the corpus: the store is read with one cursor, one article at a time,
and the rows are written back from the scratch file in first-seen order. Memory stays that of one
article plus SQLite's page cache, whatever the size of the corpus; the scratch file holds about
one row of text per event (and per mention for the mentions table) and is removed at the end.
"""

from __future__ import annotations

import calendar
import hashlib
import re
import sqlite3
import tempfile
from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO

from newsgraph.errors import E_EXPORT, StoreError
from newsgraph.model import Actor, Article, Event, Mention, Place

_GEO_PARTS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
EVENT_COLUMNS = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(
        f"{actor}{part}"
        for actor in ("Actor1", "Actor2")
        for part in (
            "Code",
            "Name",
            "CountryCode",
            "KnownGroupCode",
            "EthnicCode",
            "Religion1Code",
            "Religion2Code",
            "Type1Code",
            "Type2Code",
            "Type3Code",
        )
    ),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"{geo}_{part}" for geo in ("Actor1Geo", "Actor2Geo", "ActionGeo") for part in _GEO_PARTS),
    "DATEADDED",
    "SOURCEURL",
)
MENTION_COLUMNS = (
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
)

# The fields counted over the whole corpus, filled in when the rows are written back.
_NUM_MENTIONS = EVENT_COLUMNS.index("NumMentions")
_NUM_SOURCES = EVENT_COLUMNS.index("NumSources")
_NUM_ARTICLES = EVENT_COLUMNS.index("NumArticles")
_AVG_TONE = EVENT_COLUMNS.index("AvgTone")
_EVENT_TIME = MENTION_COLUMNS.index("EventTimeDate")

# CAMEO religion codes (GDELT's CAMEO.religion lookup): the roles that go to Religion1/2Code.
# Ethnic codes are written in lower case in CAMEO; every other role is an actor type.
_RELIGIONS = frozenset(
    {
        "ADR",
        "ALE",
        "ATH",
        "BAH",
        "BUD",
        "CHR",
        "CON",
        "CPT",
        "CTH",
        "DOX",
        "DRZ",
        "HIN",
        "HSD",
        "ITR",
        "JAN",
        "JEW",
        "JHW",
        "LDS",
        "MOS",
        "MRN",
        "NRM",
        "PAG",
        "PRO",
        "SFI",
        "SHI",
        "SHN",
        "SIK",
        "SUN",
        "TAO",
        "UDX",
        "ZRO",
    }
)
# CAMEO root code -> QuadClass, when the event does not carry its own.
_QUADS = {
    root: 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4 for root in range(1, 21)
}
_CAMEO = re.compile(r"(?:0[1-9]|1\d|20)\d{0,2}")  # a root code 01-20, then up to two digits
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:$|T)")
# Everything a line-oriented reader could split on: tabs and every line break Python knows.
_BREAKS = re.compile(r"[\t\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029]+")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+|\n+")
_NO_GEO = ["0", "", "", "", "", "", "", ""]

_ARTICLES = (
    "SELECT a.record_json, a.ingested_at, a.story_id FROM articles a "
    "WHERE EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id AND e.cameo IS NOT NULL) "
    "ORDER BY a.rowid"
)
_SCRATCH_SCHEMA = """
CREATE TABLE grp (
    seq INTEGER PRIMARY KEY,
    key BLOB NOT NULL UNIQUE,
    row TEXT NOT NULL,
    added TEXT NOT NULL,
    mentions INTEGER NOT NULL DEFAULT 0,
    articles INTEGER NOT NULL DEFAULT 0,
    sources INTEGER NOT NULL DEFAULT 0,
    tone_sum REAL NOT NULL DEFAULT 0,
    tone_n INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE grp_source (key BLOB, source TEXT, PRIMARY KEY (key, source)) WITHOUT ROWID;
CREATE TABLE mention (seq INTEGER PRIMARY KEY, key BLOB NOT NULL, row TEXT NOT NULL);
"""


def write_events(conn: sqlite3.Connection, stream: IO[str]) -> int:
    """Write the GDELT 2.0 event table of the store to `stream`; returns the rows written."""
    n = 0
    with _scratch() as scratch:
        _collect(conn, scratch, mentions=False)
        for row, mentions, articles, sources, tone_sum, tone_n in scratch.execute(
            "SELECT row, mentions, articles, sources, tone_sum, tone_n FROM grp ORDER BY seq"
        ):
            fields = row.split("\t")
            fields[_NUM_MENTIONS] = str(mentions)
            fields[_NUM_SOURCES] = str(sources)
            fields[_NUM_ARTICLES] = str(articles)
            fields[_AVG_TONE] = _number(tone_sum / tone_n) if tone_n else ""
            stream.write("\t".join(fields) + "\n")
            n += 1
    return n


def write_mentions(conn: sqlite3.Connection, stream: IO[str]) -> int:
    """Write the GDELT 2.0 mentions table of the store to `stream`; returns the rows written."""
    n = 0
    with _scratch() as scratch:
        _collect(conn, scratch, mentions=True)
        for row, added in scratch.execute(
            "SELECT m.row, g.added FROM mention m JOIN grp g ON g.key = m.key ORDER BY m.seq"
        ):
            fields = row.split("\t")
            fields[_EVENT_TIME] = added
            stream.write("\t".join(fields) + "\n")
            n += 1
    return n


@contextmanager
def _scratch() -> Iterator[sqlite3.Connection]:
    """A throwaway SQLite file for the grouping: disk, not memory, holds the corpus's events."""
    with tempfile.TemporaryDirectory(prefix="newsgraph-gdelt-") as folder:
        try:
            scratch = sqlite3.connect(Path(folder) / "events.db", isolation_level=None)
            scratch.execute("PRAGMA journal_mode = OFF")
            scratch.execute("PRAGMA synchronous = OFF")
            scratch.execute("PRAGMA temp_store = FILE")
            scratch.executescript(_SCRATCH_SCHEMA)
        except sqlite3.Error as e:
            raise StoreError(f"no scratch space for the GDELT export: {e}", code=E_EXPORT) from e
        try:
            scratch.execute("BEGIN")
            yield scratch
        except sqlite3.Error as e:
            raise StoreError(
                f"the GDELT export's scratch file in {folder} failed: {e}", code=E_EXPORT
            ) from e
        finally:
            scratch.close()


# --- reading the store ---------------------------------------------------------------------------


@dataclass
class _Doc:
    """One stored article and what its rows share: times, names, lead, sentences, places."""

    article: Article
    stored: str  # DATEADDED / MentionTimeDate: when the article was stored, YYYYMMDDHHMMSS UTC
    day: date  # the article's day, for events without a day of their own
    names: dict[str, str] = field(default_factory=dict)  # entity id -> canonical name
    links: dict[str, list[str]] = field(default_factory=dict)  # entity id -> linked entity ids
    lead_end: int = 0  # end of title, standfirst and the body's first paragraph
    sentences: list[int] = field(default_factory=list)  # sentence start offsets
    places: list[Place] = field(default_factory=list)  # resolved places

    @classmethod
    def of(cls, article: Article, ingested_at: str) -> _Doc:
        added = datetime.fromisoformat(ingested_at)
        added = (added if added.tzinfo else added.replace(tzinfo=UTC)).astimezone(UTC)
        when = article.published or article.fetched
        text = article.text
        cut = text.find("\n\n", article.body_start)
        tone = article.tone
        sentences = (
            sorted(s.start for s in tone.sentences)
            if tone is not None and tone.sentences
            else [0, *(m.end() for m in _SENTENCE_END.finditer(text))]
        )
        return cls(
            article=article,
            stored=added.strftime("%Y%m%d%H%M%S"),
            day=when.astimezone(UTC).date() if when is not None else added.date(),
            names={e.id: e.name for e in article.entities},
            links={e.id: e.links for e in article.entities if e.links},
            lead_end=len(text) if cut < 0 else cut,
            sentences=sentences,
            places=[p for p in article.places if p.name or p.lat is not None],
        )

    def sentence_of(self, offset: int) -> int:
        """The 1-based number of the sentence holding `offset`."""
        return max(1, bisect_right(self.sentences, offset))


def _collect(conn: sqlite3.Connection, scratch: sqlite3.Connection, *, mentions: bool) -> None:
    """Read every article with coded events, once, in store order, into the scratch tables."""
    for record, ingested_at, story_id in conn.execute(_ARTICLES):
        doc = _Doc.of(Article.model_validate_json(record), ingested_at)
        scope = f"story {story_id}" if story_id is not None else f"article {doc.article.id}"
        groups: dict[bytes, list[Event]] = {}  # this article's events by key (one article)
        for event in doc.article.events:
            if event.negated or event.cameo is None or not _CAMEO.fullmatch(event.cameo):
                continue
            groups.setdefault(_key(scope, event, _event_day(event, doc)), []).append(event)
        for key, events in groups.items():
            _add(scratch, key, events, doc, mentions=mentions)


def _add(
    scratch: sqlite3.Connection, key: bytes, events: list[Event], doc: _Doc, *, mentions: bool
) -> None:
    """Count one article's reports of one event; the first article also gives the row."""
    article = doc.article
    event_id = _event_id(key)
    reports = [(event, m) for event in events for m in _reports(event)]
    new_source = scratch.execute(
        "INSERT OR IGNORE INTO grp_source (key, source) VALUES (?, ?)",
        (key, article.source or ""),
    ).rowcount
    tone = article.tone
    counts = (len(reports), new_source, tone.tone if tone else 0.0, int(tone is not None))
    seen = scratch.execute(
        "UPDATE grp SET mentions = mentions + ?, articles = articles + 1, sources = sources + ?, "
        "tone_sum = tone_sum + ?, tone_n = tone_n + ? WHERE key = ?",
        (*counts, key),
    ).rowcount
    if not seen:  # the first article to report it: its row is the event's
        scratch.execute(
            "INSERT INTO grp (key, row, added, mentions, articles, sources, tone_sum, tone_n) "
            "VALUES (?, ?, ?, ?, 1, ?, ?, ?)",
            (key, "\t".join(_event_row(event_id, events, doc)), doc.stored, *counts),
        )
    if mentions:
        scratch.executemany(
            "INSERT INTO mention (key, row) VALUES (?, ?)",
            [(key, "\t".join(_mention_row(event_id, e, m, doc))) for e, m in reports],
        )


def _key(scope: str, event: Event, day: date) -> bytes:
    """What makes two reports one event: scope, CAMEO code, coded participants, day."""
    parts = (scope, event.cameo or "", _party(event.actor), _party(event.recipient), str(day))
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=16).digest()


def _event_id(key: bytes) -> int:
    """GLOBALEVENTID: a positive 63-bit integer from the key (fits GDELT readers' int64)."""
    return int.from_bytes(key[:8], "big") >> 1 or 1


def _party(actor: Actor | None) -> str:
    if actor is None:
        return ""
    return _actor_code(actor) or actor.entity_id or ""


def _event_day(event: Event, doc: _Doc) -> date:
    """The event's own day when its date resolves to one, else the article's day."""
    when = event.date
    match = _DAY.match(when.value or "") if when is not None and when.resolved else None
    if match is not None:
        year, month, day = (int(g) for g in match.groups())
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1] and year >= 1:
            return date(year, month, day)
    return doc.day


def _reports(event: Event) -> list[Mention]:
    """Where the event is reported in the article: its mentions, else its own trigger."""
    own = Mention(start=event.trigger_start, end=event.trigger_end, text=event.trigger)
    return list(event.mentions) or [own]


# --- the rows ------------------------------------------------------------------------------------


def _event_row(event_id: int, events: list[Event], doc: _Doc) -> list[str]:
    """The 61 fields from the first of `events` (one article's reports of one event); the
    corpus counts and AvgTone are left empty here and filled when the row is written."""
    event = events[0]
    code = event.cameo or ""
    day = _event_day(event, doc)
    root = code[:2]
    quad = event.quad_class or _QUADS.get(int(root))
    article = doc.article
    root_event = any(m.start < doc.lead_end for e in events for m in _reports(e))
    return [
        str(event_id),
        day.strftime("%Y%m%d"),
        day.strftime("%Y%m"),
        str(day.year),
        f"{day.year + ((day.month - 1) * 30 + day.day) / 365:.4f}",
        *_actor(event.actor, doc),
        *_actor(event.recipient, doc),
        "1" if root_event else "0",
        code,
        code[:3],
        root,
        str(quad or ""),
        "" if event.goldstein is None else _number(event.goldstein),
        "",  # NumMentions
        "",  # NumSources
        "",  # NumArticles
        "",  # AvgTone
        *_geo(_actor_place(event.actor, doc)),
        *_geo(_actor_place(event.recipient, doc)),
        *_geo(event.place if event.place is not None and _resolved(event.place) else None),
        doc.stored,
        _clean(article.url or article.origin or article.id),
    ]


def _actor(actor: Actor | None, doc: _Doc) -> list[str]:
    """Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1/2Code, Type1/2/3Code."""
    if actor is None:
        return [""] * 10
    name = doc.names.get(actor.entity_id or "", actor.text)
    roles = [role for role in map(_clean, actor.roles) if role]
    ethnic = [r for r in roles if r.islower()]
    religions = [r for r in roles if r in _RELIGIONS]
    types = [r for r in roles if r not in _RELIGIONS and not r.islower()]
    return [
        _clean(_actor_code(actor)),
        _clean(name).upper(),
        _clean(actor.country or ""),
        _clean(actor.group or ""),
        *_padded(ethnic, 1),
        *_padded(religions, 2),
        *_padded(types, 3),
    ]


def _padded(values: list[str], size: int) -> list[str]:
    """The first `size` values, padded with empty fields."""
    return [*values[:size], *[""] * (size - len(values[:size]))]


def _actor_code(actor: Actor) -> str:
    """The actor's CAMEO code, else one spelled from its country, group and roles."""
    if actor.code:
        return actor.code
    return "".join([actor.country or "", actor.group or "", *actor.roles])


def _actor_place(actor: Actor | None, doc: _Doc) -> Place | None:
    """The actor's place: the place the actor is (or links to), else one named in its words."""
    if actor is None:
        return None
    if actor.entity_id:
        linked = {actor.entity_id, *doc.links.get(actor.entity_id, ())}
        for place in doc.places:
            if place.entity_id in linked:
                return place
    if actor.start is not None and actor.end is not None:
        for place in doc.places:
            spans = [(m.start, m.end) for m in place.mentions] or [(place.start, place.end)]
            if any(actor.start <= s and e <= actor.end for s, e in spans):
                return place
    return None


def _resolved(place: Place) -> bool:
    return bool(place.name or place.country_code) or place.lat is not None


def _geo(place: Place | None) -> list[str]:
    """Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID (Type 0: none)."""
    if place is None:
        return list(_NO_GEO)
    country = _clean(place.country_code or "").upper()
    us = country == "US"
    kind = 1 if place.kind == "country" else (2 if us else 5) if place.kind == "admin1" else 0
    kind = kind or (3 if us else 4)
    admin1 = _clean(place.admin1 or "")
    adm1 = country if kind == 1 else f"{country}{admin1}" if country and admin1 else ""
    return [
        str(kind),
        _clean(place.name or place.text),
        country,
        adm1,
        "",
        "" if place.lat is None else f"{place.lat:.4f}",
        "" if place.lon is None else f"{place.lon:.4f}",
        "" if place.geonames_id is None else str(place.geonames_id),
    ]


def _mention_row(event_id: int, event: Event, mention: Mention, doc: _Doc) -> list[str]:
    """The 16 fields of one report; EventTimeDate is filled when the row is written."""
    article = doc.article
    own = mention.start == event.trigger_start
    actor, recipient = event.actor, event.recipient
    tone = article.tone
    return [
        str(event_id),
        "",  # EventTimeDate
        doc.stored,
        "1" if article.url else "6",
        _clean(article.source or ""),
        _clean(article.url or article.origin or article.id),
        str(doc.sentence_of(mention.start)),
        _offset(actor) if own else "-1",
        _offset(recipient) if own else "-1",
        str(mention.start),
        "1" if own and _in_raw_text(event) else "0",
        str(round(event.confidence * 100)),
        str(len(article.text)),
        "" if tone is None else _number(tone.tone),
        "",
        "",
    ]


def _offset(actor: Actor | None) -> str:
    return "-1" if actor is None or actor.start is None else str(actor.start)


def _in_raw_text(event: Event) -> bool:
    """True when every participant is written inside the event's own sentence (none was found
    through a pronoun or elsewhere in the article)."""
    for actor in (event.actor, event.recipient):
        if actor is None:
            continue
        if actor.start is None or actor.end is None:
            return False
        if actor.start < event.start or actor.end > event.end:
            return False
    return True


def _clean(value: str) -> str:
    """A value that cannot split a field or a line: tabs and line breaks become spaces."""
    return _BREAKS.sub(" ", value).strip()


def _number(value: float) -> str:
    """A float as GDELT writes one: plain decimal, at most four places, no trailing zeros."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
