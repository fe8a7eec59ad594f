"""Exporting the store: JSON lines, CSV, Parquet, GDELT GKG 2.1, and GDELT 2.0 events.

`export(conn, fmt, out, table=)`: `jsonl` without a table writes one full `Article` record per
line; with a table (or for `csv` and `parquet`) it writes that table's rows. `gkg` writes one
GKG 2.1 record per stored article (duplicates left out), tab-separated, 27 columns, no header.
`gdelt-events` and `gdelt-mentions` write the GDELT 2.0 event and mentions tables
(`newsgraph.store.gdelt_events`, mapped in docs/gdelt-events.md).

GKG 2.1 mapping (column: what we put there):

 1 GKGRECORDID: `YYYYMMDDHHMMSS-n` (publication time, n = row number in the export)
 2 V2.1DATE: publication time (ingest time when unknown) as YYYYMMDDHHMMSS, UTC
 3 V2SOURCECOLLECTIONIDENTIFIER: 1 (web) when the article has a URL, else 6 (non-public)
 4 V2SOURCECOMMONNAME: `source` (the site)
 5 V2DOCUMENTIDENTIFIER: the URL, or the origin (file) when there is none
 6 V1COUNTS / 7 V2.1COUNTS: amounts whose object names a GKG count type (KILL, WOUND, ARREST,
   KIDNAP, EVACUATE, DISPLACED, AFFECT, PROTEST, SEIZE, SICKENED): `TYPE#value#object#` plus
   five empty location fields, and `#offset` in V2.1
 8 V1THEMES / 9 V2ENHANCEDTHEMES: our theme names (upper case, spaces as `_`), with `,offset`
10 V1LOCATIONS / 11 V2ENHANCEDLOCATIONS: resolved places: `type#name#country#adm1#lat#lon#id`
   (type 1 country, 2 US state, 3 US city, 4 world city, 5 world state), V2 adds ADM2 (empty)
   and `#offset`
12 V1PERSONS / 13 V2ENHANCEDPERSONS: person entities, `name` / `name,offset` per mention
14 V1ORGANIZATIONS / 15 V2ENHANCEDORGANIZATIONS: organisation entities, likewise
16 V1.5TONE: tone, positive, negative, polarity, 0, 0, word count
17 V2.1ENHANCEDDATES: resolved dates, `resolution#month#day#year#offset` (1 year, 2 month, 3 day)
18 V2GCAM, 19-22 images and embeds: empty (we have no GCAM dictionaries and keep no media)
23 V2.1QUOTATIONS: direct quotes, `offset|length|cue|quote` joined by `#`
24 V2.1ALLNAMES: every entity mention, `name,offset`
25 V2.1AMOUNTS: amounts with a value, `value,object,offset`
26 V2.1TRANSLATIONINFO: empty (we do not translate)
27 V2EXTRASXML: `<PAGE_TITLE>title</PAGE_TITLE>` (`<`/`>` in the title dropped)

Tabs and newlines inside values become spaces; `#`, `;` and `,` inside names are replaced by
spaces where they would split a field.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from newsgraph.errors import E_EXPORT, StoreError
from newsgraph.model import Article, Entity, Place
from newsgraph.store.gdelt_events import write_events, write_mentions

TABLES = (
    "articles",
    "article_sources",
    "entities",
    "mentions",
    "places",
    "quotes",
    "amounts",
    "dates",
    "themes",
    "events",
    "stories",
)
FORMATS = ("jsonl", "csv", "parquet", "gkg", "gdelt-events", "gdelt-mentions")
WHOLE_STORE_FORMATS = ("gkg", "gdelt-events", "gdelt-mentions")
"""Formats with a layout of their own, over the whole store (no `table`)."""

GKG_COLUMNS = (
    "GKGRECORDID",
    "V2.1DATE",
    "V2SOURCECOLLECTIONIDENTIFIER",
    "V2SOURCECOMMONNAME",
    "V2DOCUMENTIDENTIFIER",
    "V1COUNTS",
    "V2.1COUNTS",
    "V1THEMES",
    "V2ENHANCEDTHEMES",
    "V1LOCATIONS",
    "V2ENHANCEDLOCATIONS",
    "V1PERSONS",
    "V2ENHANCEDPERSONS",
    "V1ORGANIZATIONS",
    "V2ENHANCEDORGANIZATIONS",
    "V1.5TONE",
    "V2.1ENHANCEDDATES",
    "V2GCAM",
    "V2.1SHARINGIMAGE",
    "V2.1RELATEDIMAGES",
    "V2.1SOCIALIMAGEEMBEDS",
    "V2.1SOCIALVIDEOEMBEDS",
    "V2.1QUOTATIONS",
    "V2.1ALLNAMES",
    "V2.1AMOUNTS",
    "V2.1TRANSLATIONINFO",
    "V2EXTRASXML",
)

_COUNT_TYPES = (
    ("KILL", ("kill", "dead", "death", "die")),
    ("WOUND", ("wound", "injur", "hurt")),
    ("ARREST", ("arrest", "detain")),
    ("KIDNAP", ("kidnap", "abduct", "hostage")),
    ("EVACUATE", ("evacuat",)),
    ("DISPLACED", ("displac", "homeless", "refugee")),
    ("PROTEST", ("protest", "demonstrat")),
    ("SEIZE", ("seiz", "confiscat")),
    ("SICKENED", ("sicken", "infect", "ill")),
    ("AFFECT", ("affect",)),
)
_SPLITTERS = re.compile(r"[\t\r\n#;,]+")
_TITLE_UNSAFE = re.compile(r"[<>\t\r\n]")


def export(
    conn: sqlite3.Connection, fmt: str, out: str | Path | None = None, *, table: str | None = None
) -> int:
    """Write the store (or one table) in `fmt` to `out` (stdout if None); returns rows written."""
    if fmt not in FORMATS:
        raise StoreError(
            f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})", code=E_EXPORT
        )
    if table is not None and table not in TABLES:
        raise StoreError(f"unknown table {table!r} (one of {', '.join(TABLES)})", code=E_EXPORT)
    if table is not None and fmt in WHOLE_STORE_FORMATS:
        raise StoreError(
            f"--table does not apply to {fmt}: it exports the whole store in its own columns "
            "(--table goes with jsonl, csv or parquet)",
            code=E_EXPORT,
        )
    if fmt == "parquet":
        if out is None:
            raise StoreError("parquet export needs --out PATH", code=E_EXPORT)
        _check_out(out)
        return _parquet(conn, table or "articles", Path(out))
    with _open(out) as stream:
        if fmt == "gkg":
            return write_gkg(conn, stream)
        if fmt == "gdelt-events":
            return write_events(conn, stream)
        if fmt == "gdelt-mentions":
            return write_mentions(conn, stream)
        if fmt == "jsonl" and table is None:
            return _records(conn, stream)
        if fmt == "jsonl":
            return _jsonl_table(conn, table or "articles", stream)
        return _csv(conn, table or "articles", stream)


@contextmanager
def _open(out: str | Path | None) -> Iterator[IO[str]]:
    if out is None or str(out) == "-":
        yield sys.stdout
        return
    _check_out(out)
    try:
        stream = open(out, "w", encoding="utf-8", newline="")  # noqa: SIM115  (closed below)
    except OSError as e:
        message = f"cannot write ({e.strerror or e})"
        raise StoreError(message, origin=str(out), code=E_EXPORT) from e
    with stream:
        yield stream


def _check_out(out: str | Path) -> None:
    """Refuse, in one line, an output that is a directory or lies in a missing one."""
    path = Path(out)
    if path.is_dir():
        message = "cannot write: it is a directory (give a file name)"
        raise StoreError(message, origin=str(out), code=E_EXPORT)
    if not path.parent.is_dir():
        message = f"cannot write: no such directory {str(path.parent)!r}"
        raise StoreError(message, origin=str(out), code=E_EXPORT)


def _rows(conn: sqlite3.Connection, table: str) -> sqlite3.Cursor:
    # `table` is checked against TABLES: identifiers cannot be bound as parameters.
    if table not in TABLES:
        raise StoreError(f"unknown table {table!r}", code=E_EXPORT)
    return conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid')


def _records(conn: sqlite3.Connection, stream: IO[str]) -> int:
    n = 0
    for (record,) in conn.execute("SELECT record_json FROM articles ORDER BY rowid"):
        stream.write(record + "\n")
        n += 1
    return n


def _jsonl_table(conn: sqlite3.Connection, table: str, stream: IO[str]) -> int:
    n = 0
    for row in _rows(conn, table):
        stream.write(json.dumps(dict(row), ensure_ascii=False) + "\n")
        n += 1
    return n


def _csv(conn: sqlite3.Connection, table: str, stream: IO[str]) -> int:
    cursor = _rows(conn, table)
    writer = csv.writer(stream)
    writer.writerow([d[0] for d in cursor.description])
    n = 0
    for row in cursor:
        writer.writerow(list(row))
        n += 1
    return n


def _parquet(conn: sqlite3.Connection, table: str, out: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:
        raise StoreError(
            "parquet export needs pyarrow: pip install 'newsgraph[parquet]'", code=E_EXPORT
        ) from e
    cursor = _rows(conn, table)
    names = [d[0] for d in cursor.description]
    writer = None
    n = 0
    try:
        while rows := cursor.fetchmany(5000):
            batch = pa.table({name: [r[i] for r in rows] for i, name in enumerate(names)})
            if writer is None:
                writer = pq.ParquetWriter(str(out), batch.schema)
            writer.write_table(batch.cast(writer.schema))
            n += len(rows)
        if writer is None:
            empty = pa.table({name: pa.array([], type=pa.string()) for name in names})
            pq.write_table(empty, str(out))
    finally:
        if writer is not None:
            writer.close()
    return n


# --- GKG 2.1 ------------------------------------------------------------------------------


def write_gkg(conn: sqlite3.Connection, stream: IO[str]) -> int:
    n = 0
    for row in conn.execute(
        "SELECT record_json, ingested_at FROM articles WHERE duplicate_of IS NULL ORDER BY rowid"
    ):
        article = Article.model_validate_json(row[0])
        stream.write("\t".join(gkg_row(article, n + 1, fallback_time=row[1])) + "\n")
        n += 1
    return n


def _clean(value: str) -> str:
    return _SPLITTERS.sub(" ", value).strip()


def _stamp(article: Article, fallback_time: str | None) -> str:
    """GKG's `YYYYMMDDHHMMSS` in UTC: published, else captured, else stored (naive means UTC)."""
    when = article.published or article.fetched
    if when is None and fallback_time:
        when = datetime.fromisoformat(fallback_time)
    if when is None:
        return "00000000000000"
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y%m%d%H%M%S")


def gkg_row(article: Article, number: int, *, fallback_time: str | None = None) -> list[str]:
    """The 27 GKG 2.1 fields of one article."""
    stamp = _stamp(article, fallback_time)
    counts = _counts(article)
    persons = [e for e in article.entities if e.type == "person"]
    orgs = [e for e in article.entities if e.type == "organization"]
    row = [
        f"{stamp}-{number}",
        stamp,
        "1" if article.url else "6",
        _clean(article.source or ""),
        (article.url or article.origin or article.id).replace("\t", " "),
        ";".join(c[0] for c in counts),
        ";".join(c[1] for c in counts),
        ";".join(dict.fromkeys(_theme(t.name) for t in article.themes)),
        ";".join(f"{_theme(t.name)},{t.start}" for t in article.themes),
        ";".join(dict.fromkeys(_location(p) for p in article.places if p.name)),
        ";".join(f"{_location(p, v2=True)}#{p.start}" for p in article.places if p.name),
        ";".join(dict.fromkeys(_clean(e.name) for e in persons)),
        ";".join(f"{_clean(e.name)},{start}" for e in persons for start in _starts(e)),
        ";".join(dict.fromkeys(_clean(e.name) for e in orgs)),
        ";".join(f"{_clean(e.name)},{start}" for e in orgs for start in _starts(e)),
        _tone(article),
        ";".join(_dates(article)),
        "",
        "",
        "",
        "",
        "",
        "#".join(
            f"{q.start}|{q.end - q.start}|{_clean(q.cue or '')}|{_clean(q.text)}"
            for q in article.quotes
            if q.direct
        ),
        ";".join(f"{_clean(e.name)},{start}" for e in article.entities for start in _starts(e)),
        ";".join(
            f"{a.value:g},{_clean(a.object or a.unit or '')},{a.start}"
            for a in article.amounts
            if a.value is not None
        ),
        "",
        "<PAGE_TITLE>" + _TITLE_UNSAFE.sub(" ", article.title or "") + "</PAGE_TITLE>",
    ]
    return row


def _starts(entity: Entity) -> list[int]:
    """Offsets of an entity's mentions (its own offset when it lists none)."""
    return [m.start for m in entity.mentions] or [entity.start]


def _theme(name: str) -> str:
    return re.sub(r"[^A-Z0-9_]+", "_", name.upper()).strip("_")


def _location(place: Place, *, v2: bool = False) -> str:
    us = (place.country_code or "").upper() == "US"
    kind = {"country": 1, "admin1": 2 if us else 5, "city": 3 if us else 4}.get(place.kind, 4)
    adm1 = f"{place.country_code or ''}{place.admin1 or ''}" if place.admin1 else ""
    lat = "" if place.lat is None else f"{place.lat:.4f}"
    lon = "" if place.lon is None else f"{place.lon:.4f}"
    fid = "" if place.geonames_id is None else str(place.geonames_id)
    parts = [str(kind), _clean(place.name or place.text), place.country_code or "", adm1]
    if v2:
        parts.append("")  # ADM2
    return "#".join([*parts, lat, lon, fid])


def _counts(article: Article) -> list[tuple[str, str]]:
    out = []
    for amount in article.amounts:
        if amount.value is None:
            continue
        what = (amount.object or "").lower()
        kind = next((k for k, stems in _COUNT_TYPES if any(s in what for s in stems)), None)
        if kind is None:
            continue
        v1 = f"{kind}#{amount.value:g}#{_clean(amount.object or '')}#####"
        out.append((v1, f"{v1}#{amount.start}"))
    return out


def _tone(article: Article) -> str:
    t = article.tone
    if t is None:
        return ""
    return (
        ",".join(f"{x:g}" for x in (t.tone, t.positive, t.negative, t.polarity, 0, 0))
        + f",{t.word_count}"
    )


def _dates(article: Article) -> list[str]:
    out = []
    for d in article.dates:
        if not d.resolved or not d.value:
            continue
        m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$", d.value)
        if not m:
            continue
        year, month, day = m.group(1), m.group(2) or "0", m.group(3) or "0"
        resolution = 3 if m.group(3) else 2 if m.group(2) else 1
        out.append(f"{resolution}#{int(month)}#{int(day)}#{year}#{d.start}")
    return out
