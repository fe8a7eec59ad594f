"""Writing analysed articles to the store, one transaction per batch.

`write_batch` is idempotent: an article whose URL or body hash is already stored is not stored
again; the new URL/origin is added to `article_sources` instead. Near-duplicates (MinHash, see
`newsgraph.corpus.dedup`) are stored with `duplicate_of` pointing at the article they copy. New
articles are placed in stories in the same transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np

from newsgraph.corpus import dedup, stories
from newsgraph.model import Article
from newsgraph.store.db import transaction
from newsgraph.store.entities import merge_entities
from newsgraph.store.stories import assign_stories as place_in_stories


@dataclass
class WriteResult:
    stored: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (origin, stored id)
    already_stored: list[str] = field(default_factory=list)  # same article from the same origin
    near_duplicates: list[tuple[str, str]] = field(default_factory=list)  # (new id, original id)


@dataclass(frozen=True, slots=True)
class Prepared:
    """What the writer needs besides the article, computable anywhere (e.g. in a worker)."""

    key: str  # body hash
    signature: np.ndarray | None
    bands: list[int]  # LSH band keys of the signature (empty without one)
    terms: stories.Terms


def prepare(articles: Sequence[Article]) -> list[Prepared]:
    """Hashes, MinHash signatures and story terms of `articles` (in a worker or here)."""
    terms = stories.terms_of(articles)
    out = []
    for article, term in zip(articles, terms, strict=True):
        sig = dedup.signature(article.body or article.text)
        bands = dedup.band_keys(sig) if sig is not None else []
        out.append(Prepared(dedup.body_hash(article), sig, bands, term))
    return out


def _complete(
    articles: Sequence[Article], prepared: Sequence[Prepared | None] | None
) -> list[Prepared]:
    given: list[Prepared | None] = (
        list(prepared) if prepared is not None else [None] * len(articles)
    )
    missing = [i for i, p in enumerate(given) if p is None]
    for i, p in zip(missing, prepare([articles[i] for i in missing]), strict=True):
        given[i] = p
    return [p for p in given if p is not None]


def iso(when: datetime | None) -> str | None:
    return when.astimezone(UTC).isoformat() if when is not None else None


def find_stored(
    conn: sqlite3.Connection, article: Article, body_hash: str | None = None
) -> str | None:
    """The id of the stored copy of `article` (same id, URL or body hash), if there is one."""
    row = conn.execute(
        "SELECT id FROM articles WHERE id = ? OR url = ? OR content_hash = ? "
        "ORDER BY id != ?, url IS NOT ? LIMIT 1",
        (article.id, article.url, body_hash or dedup.body_hash(article), article.id, article.url),
    ).fetchone()
    return str(row[0]) if row else None


def write_batch(
    conn: sqlite3.Connection,
    articles: Sequence[Article],
    *,
    assign_stories: bool = True,
    prepared: Sequence[Prepared | None] | None = None,
) -> WriteResult:
    """Store `articles` in one transaction; duplicates only add a source row.

    `prepared` (from `prepare`, e.g. computed in worker processes) may hold None for articles
    to prepare here.
    """
    prepared = _complete(articles, prepared)
    result = WriteResult()
    now = datetime.now(UTC).isoformat()
    with transaction(conn):
        stored = _stored_keys(conn, articles, prepared)
        new: list[int] = []
        sources: list[tuple[str, Article, bool]] = []  # (stored id, article, newly stored)
        for position, (article, prep) in enumerate(zip(articles, prepared, strict=True)):
            existing = (
                stored.get(("id", article.id))
                or (stored.get(("url", article.url)) if article.url else None)
                or stored.get(("key", prep.key))
            )
            if existing is not None:
                sources.append((existing, article, False))
                continue
            for kind, value in (("id", article.id), ("url", article.url), ("key", prep.key)):
                if value:
                    stored[(kind, value)] = article.id
            new.append(position)
            sources.append((article.id, article, True))
        originals = _near_duplicates(conn, [prepared[i] for i in new])
        fresh = [articles[i] for i in new]
        story_ids = (
            place_in_stories(conn, fresh, [prepared[i].terms for i in new])
            if assign_stories
            else {}
        )
        _insert_articles(conn, fresh, [prepared[i].key for i in new], originals, story_ids, now)
        for article, original in zip(fresh, originals, strict=True):
            if original is not None:
                result.near_duplicates.append((article.id, original))
        # an undated article gives its entities no first/last seen: it was stored now, not
        # published now
        merge_entities(conn, [(a, iso(a.published)) for a in fresh])
        _insert_facts(conn, fresh)
        _index_signatures(conn, [(a.id, prepared[i]) for a, i in zip(fresh, new, strict=True)])
        for article_id, article, is_new in sources:
            noted = _note_source(conn, article_id, article, now)
            if is_new:
                result.stored.append(article.id)
            elif noted:
                result.duplicates.append((article.origin or article.url or article.id, article_id))
            else:
                result.already_stored.append(article_id)
    return result


def _stored_keys(
    conn: sqlite3.Connection, articles: Sequence[Article], prepared: Sequence[Prepared]
) -> dict[tuple[str, str | None], str]:
    """Stored article ids by ("id"|"url"|"key", value) for the batch's ids, URLs and body hashes."""
    found: dict[tuple[str, str | None], str] = {}
    ids = [a.id for a in articles]
    urls = [a.url for a in articles if a.url]
    keys = [p.key for p in prepared]
    for column, kind, values in (
        ("id", "id", ids),
        ("url", "url", urls),
        ("content_hash", "key", keys),
    ):
        for start in range(0, len(values), 500):
            chunk = values[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in conn.execute(
                f"SELECT {column}, id FROM articles WHERE {column} IN ({marks})", chunk
            ):
                found.setdefault((kind, row[0]), row[1])
    return found


def _note_source(conn: sqlite3.Connection, article_id: str, article: Article, now: str) -> bool:
    """Record where `article` was seen; False if that URL and origin were already recorded."""
    cursor = conn.execute(
        "INSERT OR IGNORE INTO article_sources (article_id, url, origin, source, seen_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (article_id, article.url or "", article.origin or "", article.source, now),
    )
    return cursor.rowcount > 0


def _near_duplicates(conn: sqlite3.Connection, prepared: Sequence[Prepared]) -> list[str | None]:
    """For each new article, the stored (or earlier in the batch) article it nearly copies."""
    keys = sorted({k for p in prepared for k in p.bands})
    candidates: dict[int, set[str]] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for key, article_id in conn.execute(
            f"SELECT key, article_id FROM minhash_bands WHERE key IN ({marks})", chunk
        ):
            candidates.setdefault(key, set()).add(article_id)
    wanted = sorted({a for ids in candidates.values() for a in ids})
    stored_sigs: dict[str, np.ndarray] = {}
    roots: dict[str, str] = {}
    for start in range(0, len(wanted), 500):
        ids = wanted[start : start + 500]
        marks = ",".join("?" * len(ids))
        for article_id, blob, root in conn.execute(
            "SELECT s.article_id, s.signature, a.duplicate_of FROM minhash_signatures s "
            f"JOIN articles a ON a.id = s.article_id WHERE s.article_id IN ({marks})",
            ids,
        ):
            stored_sigs[article_id] = dedup.from_blob(blob)
            if root:
                roots[article_id] = root
    batch = dedup.NearDuplicateIndex()
    out: list[str | None] = []
    positions: list[int] = []  # batch index position -> position in `prepared`
    for i, prep in enumerate(prepared):
        sig = prep.signature
        if sig is None:
            out.append(None)
            continue
        best, best_score = None, dedup.THRESHOLD
        for candidate in sorted({a for k in prep.bands for a in candidates.get(k, ())}):
            score = dedup.jaccard(sig, stored_sigs[candidate]) if candidate in stored_sigs else 0
            if score >= best_score:
                best, best_score = candidate, score
        earlier = batch.add(sig, prep.bands)
        positions.append(i)
        if best is None and earlier is not None:
            out.append(f"@{positions[earlier]}")  # resolved below to the earlier article's id
            continue
        out.append(roots.get(best, best) if best is not None else None)
    return out


def _index_signatures(conn: sqlite3.Connection, rows: Sequence[tuple[str, Prepared]]) -> None:
    present = [(article_id, p) for article_id, p in rows if p.signature is not None]
    conn.executemany(
        "INSERT OR REPLACE INTO minhash_signatures (article_id, signature) VALUES (?, ?)",
        [
            (article_id, dedup.to_blob(p.signature))
            for article_id, p in present
            if p.signature is not None
        ],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO minhash_bands (key, article_id) VALUES (?, ?)",
        [(key, article_id) for article_id, p in present for key in p.bands],
    )


def _insert_articles(
    conn: sqlite3.Connection,
    articles: Sequence[Article],
    keys: Sequence[str],
    originals: list[str | None],
    story_ids: dict[str, int],
    now: str,
) -> None:
    for i, original in enumerate(originals):  # in-batch near-copies point at the earlier article
        if original is not None and original.startswith("@"):
            first = originals[int(original[1:])]
            originals[i] = (
                first
                if first is not None and not first.startswith("@")
                else articles[int(original[1:])].id
            )
    conn.executemany(
        "INSERT INTO articles (id, url, source, origin, title, standfirst, body, text, byline, "
        "published, language, tone, content_hash, duplicate_of, story_id, record_json, "
        "ingested_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                a.id,
                a.url,
                a.source,
                a.origin,
                a.title,
                a.standfirst,
                a.body,
                a.text,
                a.byline,
                iso(a.published),
                a.language,
                a.tone.tone if a.tone else None,
                key,
                original,
                story_ids.get(a.id),
                a.to_json(),
                now,
            )
            for a, key, original in zip(articles, keys, originals, strict=True)
        ],
    )


_ROWID = "(SELECT rowid FROM articles WHERE id = ?)"


def _insert_facts(conn: sqlite3.Connection, articles: Sequence[Article]) -> None:
    conn.executemany(
        'INSERT INTO places (article_id, article_rowid, start, "end", text, name, geonames_id, '
        "kind, country_code, admin1, lat, lon, focus, entity_id) "
        f"VALUES (?, {_ROWID}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                a.id,
                a.id,
                p.start,
                p.end,
                p.text,
                p.name,
                p.geonames_id,
                p.kind,
                p.country_code,
                p.admin1,
                p.lat,
                p.lon,
                int(p.focus),
                p.entity_id,
            )
            for a in articles
            for p in a.places
        ],
    )
    conn.executemany(
        'INSERT INTO quotes (article_id, start, "end", text, direct, cue, speaker, speaker_id, '
        "speaker_start, speaker_end, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                a.id,
                q.start,
                q.end,
                q.text,
                int(q.direct),
                q.cue,
                q.speaker,
                q.speaker_id,
                q.speaker_start,
                q.speaker_end,
                q.source,
            )
            for a in articles
            for q in a.quotes
        ],
    )
    conn.executemany(
        'INSERT INTO amounts (article_id, start, "end", text, value, value_max, qualifier, '
        "unit, object) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (a.id, m.start, m.end, m.text, m.value, m.value_max, m.qualifier, m.unit, m.object)
            for a in articles
            for m in a.amounts
        ],
    )
    conn.executemany(
        'INSERT INTO dates (article_id, start, "end", text, type, value, granularity, '
        "resolved) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (a.id, d.start, d.end, d.text, d.type, d.value, d.granularity, int(d.resolved))
            for a in articles
            for d in a.dates
        ],
    )
    conn.executemany(
        'INSERT INTO themes (article_id, article_rowid, start, "end", name, score) '
        f"VALUES (?, {_ROWID}, ?, ?, ?, ?)",
        [(a.id, a.id, t.start, t.end, t.name, t.score) for a in articles for t in a.themes],
    )
    conn.executemany(
        'INSERT INTO events (article_id, article_rowid, start, "end", text, type, mode, '
        "trigger, actor, actor_id, recipient, recipient_id, place, date, negated, hypothetical, "
        "cameo, quad_class, goldstein, confidence, actor_code, actor_country, actor_roles, "
        "recipient_code, recipient_country, recipient_roles, place_country, place_lat, place_lon) "
        f"VALUES (?, {_ROWID}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                a.id,
                a.id,
                e.start,
                e.end,
                e.text,
                e.type,
                e.mode,
                e.trigger,
                e.actor.text if e.actor else None,
                e.actor.entity_id if e.actor else None,
                e.recipient.text if e.recipient else None,
                e.recipient.entity_id if e.recipient else None,
                (e.place.name or e.place.text) if e.place else None,
                (e.date.value or e.date.text) if e.date else None,
                int(e.negated),
                int(e.hypothetical),
                e.cameo,
                e.quad_class,
                e.goldstein,
                e.confidence,
                e.actor.code if e.actor else None,
                e.actor.country if e.actor else None,
                " ".join(e.actor.roles) or None if e.actor else None,
                e.recipient.code if e.recipient else None,
                e.recipient.country if e.recipient else None,
                " ".join(e.recipient.roles) or None if e.recipient else None,
                e.place.country_code if e.place else None,
                e.place.lat if e.place else None,
                e.place.lon if e.place else None,
            )
            for a in articles
            for e in a.events
        ],
    )
