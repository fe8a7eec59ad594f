"""The ingest job: read any mix of inputs, clean, analyse in parallel, store batch by batch.

- Reading and cleaning happen in this process (`newsgraph.api.read_documents`,
  `clean_document`); analysis runs in a pool of worker processes, each loading the spaCy model
  once, over batches of articles (`workers=1` analyses in this process).
- Batches are written in input order, one transaction per batch, or per group of batches of at
  least `Settings.write_batch` articles (NEWSGRAPH_WRITE_BATCH, 256) while they arrive faster
  than that per `WRITE_EVERY_S`. Articles already stored (same id, URL or body hash) skip the
  analysis; a new URL/origin for them goes to `article_sources`.
- Killed at any moment (even SIGKILL), a rerun finishes the job: committed batches are skipped,
  the interrupted one is redone, nothing is doubled.
- One writer at a time: a second ingest on the same store fails at once with a clear message.
- A full disk (or a refused write) stops the job with one `StoreWriteError` naming the store
  and the folder to free: committed batches are kept, and a rerun with space stores the rest.
- Settings: one `Settings` (`settings=`, the environment's by default) travels to the readers,
  the workers (`WorkerSetup` loads the model it names) and the writer; nothing below reads the
  environment.
- Alerts: after each committed batch, the saved searches run over the articles it newly stored
  and their matches are delivered (`newsgraph.alerts`); a failed delivery is logged and retried
  later, never raised.
- Progress: `on_progress` gets the summary with its `phase` ("starting", "loading model",
  "ingesting") and, when the inputs can be counted up front, their `total`.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.alerts import AlertRunner
from newsgraph.batch import Analyse, BatchFuture, WorkerSetup, executor
from newsgraph.errors import NewsgraphError, StoreError
from newsgraph.ingest.sources import count_inputs
from newsgraph.model import Article
from newsgraph.settings import Settings, get_settings
from newsgraph.store.db import DEFAULT_DB, Connection, DatabaseError, connect, writer_lock
from newsgraph.store.parquet import ParquetWriter, parquet_dir
from newsgraph.store.write import Prepared, WriteResult, find_stored, prepare, write_batch
from newsgraph.store.write_errors import write_error

BATCH_SIZE = 16  # articles per analysis task: small, so that the workers finish together
WRITE_EVERY_S = 1.0  # a write at least this often while analysed articles arrive slowly

STARTING = "starting"
LOADING_MODEL = "loading model"
INGESTING = "ingesting"


@dataclass
class IngestSummary:
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    already_stored: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (origin, one-line reason)
    seconds: float = 0.0
    phase: str = STARTING
    total: int | None = None  # inputs to read, when known up front (see `count_inputs`)
    unreadable: int = 0  # inputs that failed before analysis (also in `failed`)

    @property
    def done(self) -> int:
        """Inputs dealt with so far: articles through the writer and inputs that failed."""
        return self.read + self.unreadable

    @property
    def rate(self) -> float:
        return self.stored / self.seconds if self.seconds > 0 else 0.0

    def add(self, result: WriteResult) -> None:
        self.stored += len(result.stored)
        self.duplicates += len(result.duplicates)
        self.near_duplicates += len(result.near_duplicates)
        self.already_stored += len(result.already_stored)


Progress = Callable[[IngestSummary], None]


def ingest(
    sources: Sequence[str | Path],
    *,
    db: str | Path = DEFAULT_DB,
    workers: int | None = None,
    nlp: bool = True,
    batch_size: int = BATCH_SIZE,
    on_progress: Progress | None = None,
    dask: str | None = None,
    settings: Settings | None = None,
) -> IngestSummary:
    """Read, clean, analyse and store every article in `sources`; returns what happened.

    `db` is a SQLite file or `parquet://DIR`; `dask` is None (local processes), "local" (a
    LocalCluster of `workers`) or a scheduler address such as tcp://HOST:8786; `settings`
    (the environment's by default) name the model, the stages and the limits."""
    settings = settings or get_settings()
    skip = _store_files(db)
    summary = IngestSummary(total=_counted(sources, skip))
    articles = _cleaned(sources, summary, settings, skip=skip)
    return ingest_articles(
        articles,
        db=db,
        workers=workers,
        nlp=nlp,
        batch_size=batch_size,
        on_progress=on_progress,
        summary=summary,
        dask=dask,
        settings=settings,
    )


def ingest_articles(
    articles: Iterable[Article],
    *,
    db: str | Path = DEFAULT_DB,
    workers: int | None = None,
    nlp: bool = True,
    batch_size: int = BATCH_SIZE,
    on_progress: Progress | None = None,
    summary: IngestSummary | None = None,
    dask: str | None = None,
    settings: Settings | None = None,
) -> IngestSummary:
    """Analyse (unless `nlp=False`) and store cleaned `articles`."""
    job = _Job(settings or get_settings(), nlp, batch_size, dask)
    if nlp:
        # here, not once per batch in every worker; a remote cluster's workers have their own
        WorkerSetup(job.settings).check(model=dask is None or dask == "local")
    summary = summary or IngestSummary()
    workers = max(1, workers or os.cpu_count() or 1)
    notify = on_progress or _ignore
    summary.phase = LOADING_MODEL if nlp else INGESTING
    notify(summary)
    root = parquet_dir(db)
    try:
        if root is not None:
            return _to_parquet(articles, root, workers, job, notify, summary)
        return _to_store(articles, Path(db), workers, job, notify, summary)
    except (OSError, DatabaseError, StoreError) as e:  # a stage's failure is not the disk's
        error = write_error(e, root or Path(db), stored=summary.stored, parquet=root is not None)
        if error is None:
            raise
        raise error from e


def _ignore(summary: IngestSummary) -> None:
    return None


@dataclass(frozen=True)
class _Job:
    """What every part of one ingest needs: the settings, and how to analyse."""

    settings: Settings
    nlp: bool
    batch_size: int
    dask: str | None


def _to_store(
    articles: Iterable[Article],
    db: Path,
    workers: int,
    job: _Job,
    notify: Progress,
    summary: IngestSummary,
) -> IngestSummary:
    started = time.perf_counter()
    with writer_lock(db):
        conn = connect(db)
        alerts = AlertRunner()
        analysed = _analysed(conn, _batches(articles, job.batch_size), job, workers, summary)
        try:
            for batch, (ready, prepared) in _grouped(analysed, job.settings.write_batch):
                summary.read += len(batch)
                written = write_batch(conn, ready, prepared=prepared)
                summary.add(written)
                summary.seconds = time.perf_counter() - started
                notify(summary)
                alerts.after_batch(conn, written.stored)  # never raises into the ingest
        finally:
            analysed.close()  # stops the workers now, also when a write failed
            conn.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _store_files(db: str | Path) -> frozenset[Path]:
    """The store's own files (the database, SQLite's journals, the writer lock): a folder
    ingested into a store inside it ("newsgraph ingest . --db here.db") does not read them."""
    if parquet_dir(db) is not None:
        return frozenset()
    base = Path(db).expanduser().resolve()
    return frozenset(
        {base, *(base.with_name(base.name + end) for end in ("-wal", "-shm", "-journal", ".lock"))}
    )


def _counted(sources: Sequence[str | Path], skip: frozenset[Path]) -> int | None:
    """`count_inputs`, less the store's files already there in a folder it walks."""
    total = count_inputs(sources)
    if total is None or not skip:
        return total
    folders = [Path(s).resolve() for s in sources if Path(s).is_dir()]
    inside = [f for f in skip if f.exists() and any(f.is_relative_to(d) for d in folders)]
    return max(0, total - len(inside))


def _is_store_file(origin: str | None, skip: frozenset[Path]) -> bool:
    if not origin or not skip:
        return False
    try:
        return Path(origin).expanduser().resolve() in skip
    except (OSError, RuntimeError, ValueError):
        return False


def _cleaned(
    sources: Sequence[str | Path],
    summary: IngestSummary,
    settings: Settings,
    *,
    skip: frozenset[Path] = frozenset(),
) -> Iterator[Article]:
    from newsgraph.api import read_articles

    for item in read_articles(sources, settings=settings):
        if isinstance(item, NewsgraphError):
            if _is_store_file(item.origin, skip):  # the store's own files: not an input
                continue
            summary.failed.append((item.origin or "", item.one_line()))
            summary.unreadable += 1
        else:
            yield item


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


Ready = tuple[list[Article], list[Prepared | None]]


def _grouped(
    items: Iterator[tuple[list[Article], Ready]],
    size: int,
    every: float = WRITE_EVERY_S,
) -> Iterator[tuple[list[Article], Ready]]:
    """Join consecutive analysed batches into one write of at least `size` articles, or of what
    arrived within `every` seconds: fewer, larger transactions when the workers outpace the
    writer; a write per batch when analysis is the slow part."""
    batch: list[Article] = []
    ready: list[Article] = []
    prepared: list[Prepared | None] = []
    since = time.perf_counter()
    for more, (more_ready, more_prepared) in items:
        batch += more
        ready += more_ready
        prepared += more_prepared
        if len(batch) >= size or time.perf_counter() - since >= every:
            yield batch, (ready, prepared)
            batch, ready, prepared = [], [], []
            since = time.perf_counter()
    if batch:
        yield batch, (ready, prepared)


def _analysed(
    conn: Connection,
    batches: Iterator[list[Article]],
    job: _Job,
    workers: int,
    summary: IngestSummary,
) -> Generator[tuple[list[Article], Ready], None, None]:
    """Yield (batch, (articles to write, their prepared features)), in input order.

    New articles are analysed (unless `nlp` is off) and prepared in worker processes; articles
    already stored skip both.
    """
    if not job.nlp:
        for batch in batches:
            yield batch, (batch, [None] * len(batch))
        return
    task = AnalyseAndPrepare(job.settings)
    with executor(job.dask, workers, initializer=WorkerSetup(job.settings)) as pool:
        workers = pool.workers
        pending: deque[tuple[list[Article], list[int], BatchFuture | None]] = deque()
        for batch in batches:
            todo = _todo(conn, batch)
            future = pool.submit(task, [batch[i] for i in todo]) if todo else None
            pending.append((batch, todo, future))
            while len(pending) > workers * 2:
                yield _collect(pending.popleft(), summary)
        while pending:
            yield _collect(pending.popleft(), summary)


def _collect(
    item: tuple[list[Article], list[int], BatchFuture | None], summary: IngestSummary
) -> tuple[list[Article], Ready]:
    batch, todo, future = item
    if future is None:
        return batch, (batch, [None] * len(batch))
    try:
        done = future.result()
        summary.phase = INGESTING  # the model is loaded: results come back
    except Exception as e:  # a worker died: report the batch, keep going with the rest
        for i in todo:
            summary.failed.append((batch[i].origin or batch[i].id, f"analysis failed: {e}"))
        skip = set(todo)
        rest = [a for i, a in enumerate(batch) if i not in skip]
        return batch, (rest, [None] * len(rest))
    if not future.skipped:
        return batch, _merge(batch, todo, done)
    poisoned = {todo[pos]: reason for pos, reason in future.skipped}  # reported, not stored
    for i, reason in poisoned.items():
        summary.failed.append((batch[i].origin or batch[i].id, f"analysis failed: {reason}"))
    ok = [i for i in todo if i not in poisoned]
    articles, prepared = _merge(batch, ok, done or ([], []))
    keep = [k for k in range(len(batch)) if k not in poisoned]
    return batch, ([articles[k] for k in keep], [prepared[k] for k in keep])


def _todo(conn: Connection, batch: list[Article]) -> list[int]:
    """Positions in `batch` of articles not stored yet (only those need the analysis)."""
    return [i for i, article in enumerate(batch) if find_stored(conn, article) is None]


def _merge(batch: list[Article], todo: list[int], done: Ready) -> Ready:
    articles = list(batch)
    prepared: list[Prepared | None] = [None] * len(batch)
    for i, article, prep in zip(todo, done[0], done[1], strict=True):
        articles[i] = article
        prepared[i] = prep
    return articles, prepared


@dataclass(frozen=True)
class AnalyseAndPrepare:
    """The ingest task: analyse a batch with `settings` and prepare it for the store (hashes,
    MinHash, story terms); runs in a worker, the settings travelling with it."""

    settings: Settings

    def __call__(self, articles: list[Article]) -> Ready:
        from newsgraph.api import analyze_articles

        analysed = list(analyze_articles(articles, settings=self.settings))
        return analysed, list(prepare(analysed))


def _to_parquet(
    articles: Iterable[Article],
    root: Path,
    workers: int,
    job: _Job,
    notify: Progress,
    summary: IngestSummary,
) -> IngestSummary:
    """Analyse and append to partitioned Parquet (no dedup against what is there)."""
    started = time.perf_counter()
    setup = WorkerSetup(job.settings) if job.nlp else None
    analyse = Analyse(job.settings)
    with (
        ParquetWriter(root) as writer,
        executor(job.dask, workers if job.nlp else 1, initializer=setup) as pool,
    ):
        pending: deque[tuple[list[Article], BatchFuture | None]] = deque()

        def collect(batch: list[Article], future: BatchFuture | None) -> None:
            done: Any = batch if future is None else future.result() or []
            summary.phase = INGESTING
            for pos, reason in future.skipped if future is not None else []:
                origin = batch[pos].origin or batch[pos].id
                summary.failed.append((origin, f"analysis failed: {reason}"))
            summary.read += len(batch)
            summary.stored += writer.write(done)
            summary.seconds = time.perf_counter() - started
            notify(summary)

        for batch in _batches(articles, job.batch_size):
            pending.append((batch, pool.submit(analyse, batch) if job.nlp else None))
            while len(pending) > pool.workers * 2:
                collect(*pending.popleft())
        while pending:
            collect(*pending.popleft())
    summary.seconds = time.perf_counter() - started
    return summary
