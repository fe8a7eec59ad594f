"""The corpus schema: numbered migrations applied in order, tracked by `PRAGMA user_version`.

Each migration is one SQL script; `migrate` runs those above the file's `user_version`, each in
its own transaction, so a store made by an older newsgraph is brought up to date on open. Never
edit a migration that has shipped: append a new one.

Tables (readable names, so the file opens as-is in sqlite3 or Datasette):

- `articles`: one row per stored article; `record_json` holds the full `Article` record.
  `content_hash` is the normalised hash of the body (exact duplicates), `duplicate_of` points at
  the earlier article a near-duplicate copies, `story_id` at its story.
- `article_sources`: every URL/origin the same article was seen at (first one included).
- `articles_fts`: FTS5 index over title, standfirst, body, kept by triggers (external content).
- `entities` (canonical, merged across articles by id) and `mentions` (each occurrence).
- `places`, `quotes`, `amounts`, `dates`, `themes`, `events`: facts, each with `article_id` and
  `start`/`end` offsets into `articles.text`.
- `stories`: groups of articles reporting the same event.
- `articles_meta`: a narrow copy of each article's published/source/story_id by rowid (triggers),
  for fast per-hit filters in search.
- `minhash_bands`: LSH band keys of each article's MinHash signature
  (near-duplicate lookup on disk); `minhash_signatures` the signatures.
- `sources` (what `newsgraph watch` polls, with each one's health) and `seen_urls` (the article
  links it has dealt with); the SQL over them is in `store/sources.py`.
- `alerts` (saved searches with where their matches go) and `alert_matches` (each article an
  alert matched, once, with its delivery state); the SQL over them is in `store/alerts.py`.
"""

from __future__ import annotations

import sqlite3

from newsgraph.errors import E_MIGRATION, E_STORE_NEWER, StoreError

_V1 = """
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    label TEXT NOT NULL DEFAULT '',
    first_seen TEXT,
    last_seen TEXT,
    size INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    url TEXT UNIQUE,
    source TEXT,
    origin TEXT,
    title TEXT,
    standfirst TEXT,
    body TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL DEFAULT '',
    byline TEXT,
    published TEXT,
    language TEXT,
    tone REAL,
    content_hash TEXT NOT NULL,
    story_id INTEGER REFERENCES stories(id),
    duplicate_of TEXT REFERENCES articles(id),
    record_json TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);

CREATE TABLE article_sources (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    url TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT '',
    source TEXT,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (article_id, url, origin)
);
CREATE INDEX article_sources_url ON article_sources(url);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, standfirst, body,
    content='articles', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, standfirst, body)
    VALUES (new.rowid, new.title, new.standfirst, new.body);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, standfirst, body)
    VALUES ('delete', old.rowid, old.title, old.standfirst, old.body);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, standfirst, body ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, standfirst, body)
    VALUES ('delete', old.rowid, old.title, old.standfirst, old.body);
    INSERT INTO articles_fts(rowid, title, standfirst, body)
    VALUES (new.rowid, new.title, new.standfirst, new.body);
END;

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    article_count INTEGER NOT NULL DEFAULT 0,
    mention_count INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT,
    last_seen TEXT
);
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);

CREATE TABLE mentions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL REFERENCES entities(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_entity ON mentions(entity_id, article_id);

CREATE TABLE places (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    name TEXT,
    geonames_id INTEGER,
    kind TEXT,
    country_code TEXT,
    admin1 TEXT,
    lat REAL,
    lon REAL,
    focus INTEGER NOT NULL DEFAULT 0,
    entity_id TEXT
);
CREATE INDEX places_article ON places(article_id);
CREATE INDEX places_name ON places(name COLLATE NOCASE);

CREATE TABLE quotes (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    direct INTEGER NOT NULL,
    cue TEXT,
    speaker TEXT,
    speaker_id TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    source TEXT
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker_id);

CREATE TABLE amounts (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value REAL,
    value_max REAL,
    qualifier TEXT,
    unit TEXT,
    object TEXT
);
CREATE INDEX amounts_article ON amounts(article_id);

CREATE TABLE dates (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    value TEXT,
    granularity TEXT,
    resolved INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX dates_article ON dates(article_id);

CREATE TABLE themes (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    name TEXT NOT NULL,
    score REAL NOT NULL
);
CREATE INDEX themes_article ON themes(article_id);
CREATE INDEX themes_name ON themes(name);

CREATE TABLE events (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    mode TEXT,
    trigger TEXT NOT NULL,
    actor TEXT,
    actor_id TEXT,
    recipient TEXT,
    recipient_id TEXT,
    place TEXT,
    date TEXT,
    negated INTEGER NOT NULL DEFAULT 0,
    hypothetical INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_type ON events(type);

CREATE TABLE minhash_bands (
    band INTEGER NOT NULL,
    key INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX minhash_bands_key ON minhash_bands(key);
CREATE INDEX minhash_bands_article ON minhash_bands(article_id);

CREATE TABLE minhash_signatures (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    signature BLOB NOT NULL
);
"""

_V2 = """
-- Indexes for the search filters, in the collation the filters compare with.
CREATE INDEX places_text ON places(text COLLATE NOCASE);
CREATE INDEX places_country ON places(country_code COLLATE NOCASE);
DROP INDEX themes_name;
CREATE INDEX themes_name ON themes(name COLLATE NOCASE);
DROP INDEX events_type;
CREATE INDEX events_type ON events(type COLLATE NOCASE);
CREATE INDEX articles_source ON articles(source COLLATE NOCASE);
"""

_V3 = """
-- The article's rowid beside its id in the fact tables that search filters on, so that a filter
-- is one index-only range of rowids (no lookup of each article by id).
ALTER TABLE mentions ADD COLUMN article_rowid INTEGER;
ALTER TABLE places ADD COLUMN article_rowid INTEGER;
ALTER TABLE themes ADD COLUMN article_rowid INTEGER;
ALTER TABLE events ADD COLUMN article_rowid INTEGER;
UPDATE mentions SET article_rowid = (SELECT rowid FROM articles WHERE id = mentions.article_id);
UPDATE places SET article_rowid = (SELECT rowid FROM articles WHERE id = places.article_id);
UPDATE themes SET article_rowid = (SELECT rowid FROM articles WHERE id = themes.article_id);
UPDATE events SET article_rowid = (SELECT rowid FROM articles WHERE id = events.article_id);
DROP INDEX mentions_entity;
CREATE INDEX mentions_entity ON mentions(entity_id, article_rowid);
DROP INDEX places_name;
DROP INDEX places_text;
DROP INDEX places_country;
CREATE INDEX places_name ON places(name COLLATE NOCASE, article_rowid);
CREATE INDEX places_text ON places(text COLLATE NOCASE, article_rowid);
CREATE INDEX places_country ON places(country_code COLLATE NOCASE, article_rowid);
DROP INDEX themes_name;
CREATE INDEX themes_name ON themes(name COLLATE NOCASE, article_rowid);
DROP INDEX events_type;
CREATE INDEX events_type ON events(type COLLATE NOCASE, article_rowid);
"""

_V4 = """
-- A narrow copy of the articles' small filter columns, one row per article keyed by its rowid,
-- so a date/source/story filter checks a search hit with one small primary-key lookup instead
-- of reading the wide articles row. Kept by triggers.
CREATE TABLE articles_meta (
    article_rowid INTEGER PRIMARY KEY,
    published TEXT,
    source TEXT,
    story_id INTEGER
);
INSERT INTO articles_meta (article_rowid, published, source, story_id)
    SELECT rowid, published, source, story_id FROM articles;
CREATE TRIGGER articles_meta_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_meta (article_rowid, published, source, story_id)
    VALUES (new.rowid, new.published, new.source, new.story_id);
END;
CREATE TRIGGER articles_meta_update AFTER UPDATE OF published, source, story_id ON articles BEGIN
    UPDATE articles_meta SET published = new.published, source = new.source,
        story_id = new.story_id WHERE article_rowid = new.rowid;
END;
CREATE TRIGGER articles_meta_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_meta WHERE article_rowid = old.rowid;
END;
"""

_V5 = """
-- An entity's events as actor or recipient, without scanning every event.
CREATE INDEX events_actor ON events(actor_id);
CREATE INDEX events_recipient ON events(recipient_id);
"""

_V6 = """
-- LSH band keys in one b-tree keyed by (key, article_id), instead of a rowid table with two
-- indexes: a third of the b-tree writes per stored article. (The band number is already mixed
-- into each key.)
CREATE TABLE minhash_bands_v6 (
    key INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (key, article_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO minhash_bands_v6 (key, article_id) SELECT key, article_id FROM minhash_bands;
DROP TABLE minhash_bands;
ALTER TABLE minhash_bands_v6 RENAME TO minhash_bands;
"""

_V7 = """
-- CAMEO coding of events (record schema 1.3): the event code, its quad class and Goldstein score,
-- the coded actors, and where the event happened, so the events page and the GDELT export filter
-- and count in SQL. Roles are space-separated CAMEO role codes ("GOV MIL"). Events stored before
-- this version keep NULLs here until their articles are analysed again.
ALTER TABLE events ADD COLUMN cameo TEXT;
ALTER TABLE events ADD COLUMN quad_class INTEGER;
ALTER TABLE events ADD COLUMN goldstein REAL;
ALTER TABLE events ADD COLUMN confidence REAL;
ALTER TABLE events ADD COLUMN actor_code TEXT;
ALTER TABLE events ADD COLUMN actor_country TEXT;
ALTER TABLE events ADD COLUMN actor_roles TEXT;
ALTER TABLE events ADD COLUMN recipient_code TEXT;
ALTER TABLE events ADD COLUMN recipient_country TEXT;
ALTER TABLE events ADD COLUMN recipient_roles TEXT;
ALTER TABLE events ADD COLUMN place_country TEXT;
ALTER TABLE events ADD COLUMN place_lat REAL;
ALTER TABLE events ADD COLUMN place_lon REAL;
CREATE INDEX events_quad ON events(quad_class, article_rowid);
CREATE INDEX events_actor_country ON events(actor_country COLLATE NOCASE, article_rowid);
CREATE INDEX events_recipient_country ON events(recipient_country COLLATE NOCASE, article_rowid);
"""

_V8 = """
-- `newsgraph watch`: the sources it polls and the article links it has dealt with, so that a
-- restart resumes and no link is fetched twice. A source is a feed or sitemap URL, or a
-- container of sources (an OPML file, a text file of URLs: a path or a URL) whose entries are
-- sources with `parent_id` pointing at it. Times are ISO 8601 in UTC; `next_due` NULL means
-- due at the next round (a failing source gets a later one: back-off, Retry-After).
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('feed', 'sitemap', 'opml', 'list')),
    parent_id INTEGER REFERENCES sources(id) ON DELETE CASCADE,
    active INTEGER NOT NULL DEFAULT 1,
    added_at TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    last_fetched TEXT,
    last_status INTEGER,
    last_success TEXT,
    last_new_article TEXT,
    last_error TEXT,
    last_error_at TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    next_due TEXT,
    articles INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sources_parent ON sources(parent_id);

-- Every article link watch has dealt with: stored, a duplicate of a stored article, failed for
-- good, or failed for now ('retry': fetched again until `attempts` reaches the limit). A
-- stored link is also in `article_sources` (its `origin`), written in the same transaction as
-- the article; this row follows just after, with the source it came from.
CREATE TABLE seen_urls (
    url TEXT PRIMARY KEY,
    source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    status TEXT NOT NULL CHECK (status IN ('stored', 'duplicate', 'failed', 'retry')),
    article_id TEXT,
    error TEXT,
    attempts INTEGER NOT NULL DEFAULT 1,
    seen_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX seen_urls_source ON seen_urls(source_id, status, seen_at);
CREATE INDEX article_sources_origin ON article_sources(origin);
"""

_V9 = """
-- Alerts: saved searches run over every stored batch (`newsgraph alert`). `filters` and
-- `outputs` are JSON objects (their keys: `AlertFilters` and `Outputs` in store/alerts.py);
-- times are ISO 8601 in UTC; `last_checked` is when the alert last ran over a batch.
CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    query TEXT NOT NULL DEFAULT '',
    filters TEXT NOT NULL DEFAULT '{}',
    outputs TEXT NOT NULL DEFAULT '{}',
    created TEXT NOT NULL,
    last_checked TEXT
);

-- Each article an alert matched, recorded once (the UNIQUE pair), with the matched words.
-- `delivered` is 1 once every output of the alert has the match; `delivered_to` names the
-- outputs that have it (space-separated), so a retry never sends it twice to one that did;
-- `attempts` counts the delivery passes that tried it, `last_error` says why the last failed.
CREATE TABLE alert_matches (
    id INTEGER PRIMARY KEY,
    alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    matched_at TEXT NOT NULL,
    snippet TEXT NOT NULL DEFAULT '',
    delivered INTEGER NOT NULL DEFAULT 0,
    delivered_to TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    UNIQUE (alert_id, article_id)
);
CREATE INDEX alert_matches_alert ON alert_matches(alert_id, id);
CREATE INDEX alert_matches_article ON alert_matches(article_id);
CREATE INDEX alert_matches_pending ON alert_matches(alert_id, id) WHERE delivered = 0;
"""

_V10 = """
-- Trends (volume and mean tone per day or hour) read each article's publication time and tone;
-- with both in one index a whole-store chart is one index walk, not a read of every wide row.
CREATE INDEX articles_published_tone ON articles(published, tone);
"""

_V11 = """
-- Alerts keep the last article rowid each one has run over, so articles whose batch was stored
-- but not yet run through the alerts (a job killed between the two) are caught up next time.
-- Alerts saved before this start from the newest article: nothing old is matched late.
ALTER TABLE alerts ADD COLUMN checked_through INTEGER NOT NULL DEFAULT 0;
UPDATE alerts SET checked_through = (SELECT coalesce(max(rowid), 0) FROM articles);
"""

_V12 = """
-- An entity's first and last seen span the publication dates of the articles naming it. Before
-- this an article without a date gave its entities the time it was stored, which read as a
-- news date: recompute them for every entity named in an undated article.
UPDATE entities SET
    first_seen = (SELECT min(a.published) FROM mentions m JOIN articles a ON a.id = m.article_id
                  WHERE m.entity_id = entities.id),
    last_seen = (SELECT max(a.published) FROM mentions m JOIN articles a ON a.id = m.article_id
                 WHERE m.entity_id = entities.id)
WHERE id IN (SELECT m.entity_id FROM articles a JOIN mentions m ON m.article_id = a.id
             WHERE a.published IS NULL);
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5, _V6, _V7, _V8, _V9, _V10, _V11, _V12)
"""Migration n (1-based) brings a store from `user_version` n-1 to n."""

LATEST = len(MIGRATIONS)


def version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, *, origin: str | None = None) -> int:
    """Apply every migration above the store's version; returns the new version."""
    current = version(conn)
    if current > LATEST:
        raise StoreError(
            f"store schema version {current} is newer than this newsgraph ({LATEST}); upgrade",
            origin=origin,
            code=E_STORE_NEWER,
        )
    for number in range(current + 1, LATEST + 1):
        script = MIGRATIONS[number - 1]
        try:
            conn.execute("BEGIN IMMEDIATE")
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except sqlite3.Error as e:
            conn.execute("ROLLBACK")
            raise StoreError(
                f"migration {number} failed: {e}", origin=origin, code=E_MIGRATION
            ) from e
    return LATEST


def _statements(script: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies whole."""
    out: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            out.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        out.append(buffer.strip())
    return out
