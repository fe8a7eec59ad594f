"""Names the dead-code pass of `make lint` (vulture) cannot see used: its false positives.

vulture reads src/newsgraph alone, so it misses what a framework, the interpreter, a template or
a tool outside the package calls. Each name below is used in one of those ways, said beside it;
`tests/test_dead_code.py` imports this file, so an entry whose name is gone fails there.
Code that is really unused is removed, never listed here. FastAPI routes and Typer commands are
skipped by decorator in the Makefile (`--ignore-decorators`).
"""

from __future__ import annotations

import sqlite3

from spacy.tokens import Token

import newsgraph
from newsgraph import batch, errors, model, settings, store
from newsgraph.clean import boilerplate
from newsgraph.cli.corpus import ExportFormat
from newsgraph.cli.trends import RisingKind
from newsgraph.corpus import dedup, stories
from newsgraph.ingest.decode import decode_bytes
from newsgraph.ingest.gunzip import _SafeGunzip
from newsgraph.ingest.streams import _Prefixed
from newsgraph.ingest.warc import _Counting, _StrictArchiveIterator
from newsgraph.nlp.events._lexicon import parse_lexicon
from newsgraph.nlp.themes import load_taxonomy
from newsgraph.nlp.tone import parse_scale
from newsgraph.stages import register
from newsgraph.store import parquet
from newsgraph.store.export import GKG_COLUMNS
from newsgraph.web import app


def _interface_parameters(worker: object, timeout: object, trace: object) -> object:
    """Parameters an interface fixes though the body ignores them: Dask's worker plugin hooks
    (`worker`), `_Handle.result` of the futures protocol (`timeout`), `__exit__` (`trace`)."""
    return worker, timeout, trace


USED_OUTSIDE_THE_CODE = (
    _interface_parameters,
    # Module hooks (PEP 562): Python calls them for a missing attribute and for dir().
    newsgraph.__getattr__,
    newsgraph.__dir__,
    errors.__dir__,
    model.__dir__,
    settings.__dir__,
    store.__getattr__,
    # Dask calls a worker plugin's hooks and reads its `idempotent` flag.
    batch._Setup.setup,
    batch._Setup.teardown,
    batch._Setup.idempotent,
    # io.RawIOBase calls these of its subclasses; warcio calls `tell` on the stream it reads and
    # its ArchiveIterator calls `_consume_blanklines`, overridden to fail loudly.
    _SafeGunzip.readable,
    _SafeGunzip.readinto,
    _Prefixed.readable,
    _Prefixed.readinto,
    _Counting.tell,
    _StrictArchiveIterator._consume_blanklines,
    # pydantic reads `model_config`; a record's fields are data, serialised to JSON and the store
    # (a field is no class attribute: these lambdas name it for vulture and never run).
    model.Article.model_config,
    lambda place: place.precision,  # model.Place
    # `make schema` runs it (Makefile), and tests/test_docs.py checks its output.
    model.dump_schema,
    # spaCy reads the sentence starts that `paragraph_breaks` sets on tokens.
    Token.is_sent_start,
    # sqlite3 reads a connection's `row_factory`.
    sqlite3.Connection.row_factory,
    # Typer offers every member of a choice enum on the command line (`export --format gkg`).
    ExportFormat.gkg,
    ExportFormat.gdelt_events,
    ExportFormat.gdelt_mentions,
    RisingKind.pair,
    RisingKind.code_pair,
    # The events page's rows: the template and the JSON API read every field (store.events).
    lambda row: (
        row.actor_id,
        row.actor_code,
        row.actor_roles,
        row.recipient_id,
        row.recipient_code,
        row.recipient_roles,
        row.place_country,
    ),
    # `newsgraph stats` prints every field of the record (dataclasses.asdict).
    lambda stats: (stats.first_published, stats.last_published),  # store.read.Stats
    # A Jinja template reads it (web/templates/article.html).
    lambda row: row.explanation,  # web.article.ToneRow
    # uvicorn imports the app factory by name when `serve --workers N` starts several processes.
    app.app_from_environment,
    # The public way for a user's code to add a stage in-process (see newsgraph/stages.py).
    register,
    # The table of every error code and its meaning; docs/errors.md is checked against it.
    errors.CODES,
    # `make bench` calls these: bench/bench_dumps.py, bench_store.py, bench_stories.py,
    # bench_throughput.py and _throughput_synth.py.
    boilerplate.learn_by_site,
    dedup.find_near_duplicates,
    stories.assign_incrementally,
    parquet.partitions,
    # Public helpers of the library that its own tests use and users may call: corpus tools,
    # the plain decoder, the table parsers (a user's lexicon file is checked with them), the
    # documented GKG column list, Parquet writing without the ingest job, and the settings
    # builders the README shows (`Settings.with_`, `load_settings`).
    dedup.as_minhash,
    dedup.duplicate_groups,
    decode_bytes,
    parse_lexicon,
    load_taxonomy,
    parse_scale,
    GKG_COLUMNS,
    parquet.write_articles,
    settings.Settings.with_,
    settings.load_settings,
    # The event lexicon's EXAMPLE column: tests/test_rules.py parses every example.
    lambda pattern: pattern.example,  # nlp.events._lexicon.Pattern
)

__all__ = ["USED_OUTSIDE_THE_CODE"]
