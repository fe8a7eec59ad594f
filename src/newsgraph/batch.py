"""Execution backends for batch analysis: in-process, a local process pool, or Dask.

`executor(spec, workers, initializer=)` is a context manager yielding a `Runner`:

- `spec=None`: `workers` processes of a local pool (spawn context); `workers=1` runs in this
  process.
- `spec="local"`: a `distributed.LocalCluster` of `workers` processes, one thread each.
- `spec="tcp://HOST:PORT"` (or `tls://`): a `distributed.Client` to a running scheduler; the
  workers must have newsgraph and the spaCy model package installed.

`runner.submit(fn, items)` sends one batch (a list) and returns a `BatchFuture`; its `result()`
gives what `fn(items)` returns. A failed task is retried (`retries` times; a worker that died is
replaced); a batch that still fails is analysed again one item at a time, the items that fail
alone are reported in `future.skipped` as (position in `items`, one-line reason) and left out
of the merged result (None when every item failed), so one poisoned document never kills the
run. `initializer` runs once in every worker process before its first task (the model load:
`WorkerSetup(settings)`), also on workers that join later. Settings travel with the tasks
(`WorkerSetup`, `Analyse` hold one): a worker never reads its own environment for them.

Worker processes started here (the pool's, a `LocalCluster`'s) die with this process, even when
it is killed with SIGKILL (`newsgraph.lifeline`); workers of a remote cluster are left alone.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import get_context
from typing import Any, Protocol

from newsgraph.errors import InputError, NewsgraphError
from newsgraph.lifeline import interrupts_held, tied_initializer
from newsgraph.settings import Settings

log = logging.getLogger(__name__)

RETRIES = 2
CONNECT_TIMEOUT_S = 10  # how long a scheduler (`--dask tcp://...`) may take to answer

BatchFn = Callable[[list[Any]], Any]
Merge = Callable[[list[Any]], Any]


class _Handle(Protocol):
    def result(self, timeout: float | None = None) -> Any: ...


def merge_results(parts: list[Any]) -> Any:
    """Join the results of parts of a batch, in order: lists are concatenated, tuples of lists
    element by element (e.g. `(articles, prepared)`), `None` stays `None`."""
    if not parts:
        return None
    first = parts[0]
    if isinstance(first, tuple):
        return tuple(merge_results([p[i] for p in parts]) for i in range(len(first)))
    if isinstance(first, list):
        return [x for p in parts for x in p]
    if first is None:
        return None
    raise InputError(f"cannot merge batch results of type {type(first).__name__}")


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return f"{type(error).__name__}: {text}"[:300]


@dataclass
class BatchFuture:
    """One submitted batch. `result()` waits for it; poisoned items end up in `skipped`."""

    runner: Runner
    fn: BatchFn
    items: list[Any]
    merge: Merge
    handle: _Handle | None
    skipped: list[tuple[int, str]] = field(default_factory=list)
    _attempts: int = 0

    def result(self) -> Any:
        while True:
            try:
                if self.handle is None:  # in-process
                    return self.fn(self.items)
                return self.handle.result()
            except Exception as e:
                if self.runner.worker_died(e) and self._attempts < self.runner.retries:
                    self._attempts += 1
                    log.warning("worker lost, batch resubmitted (%d): %s", self._attempts, e)
                    self.handle = self.runner.raw_submit(self.fn, self.items)
                    continue
                return self._isolate(e)

    def _isolate(self, error: Exception) -> Any:
        """Run the batch again one item at a time; report and drop the items that fail."""
        if len(self.items) == 1:
            self.skipped.append((0, _one_line(error)))
            return self.merge([])
        log.warning("batch of %d failed (%s): isolating the failing items", len(self.items), error)
        singles = [
            BatchFuture(
                self.runner, self.fn, [item], self.merge, self.runner.raw_submit(self.fn, [item])
            )
            for item in self.items
        ]
        parts = []
        for i, single in enumerate(singles):
            part = single.result()
            if single.skipped:
                self.skipped.append((i, single.skipped[0][1]))
            else:
                parts.append(part)
        return self.merge(parts)


class Runner:
    """Submits batches to one backend; see the module docstring."""

    kind = "inline"
    retries = RETRIES

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def submit(
        self, fn: BatchFn, items: Sequence[Any], *, merge: Merge = merge_results
    ) -> BatchFuture:
        items = list(items)
        return BatchFuture(self, fn, items, merge, self.raw_submit(fn, items))

    def raw_submit(self, fn: BatchFn, items: list[Any]) -> _Handle | None:
        return None

    def worker_died(self, error: BaseException) -> bool:
        return False


class _PoolRunner(Runner):
    kind = "processes"

    def __init__(self, workers: int, initializer: Callable[[], None] | None) -> None:
        super().__init__(workers)
        self._initializer = initializer
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        context = get_context("spawn")
        return ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=tied_initializer(self._initializer)
        )

    def raw_submit(self, fn: BatchFn, items: list[Any]) -> Future[Any]:
        with interrupts_held():  # a submit may start a worker: Ctrl-C is the parent's alone
            try:
                return self._pool.submit(fn, items)
            except BrokenProcessPool:
                self._restart()
                return self._pool.submit(fn, items)

    def worker_died(self, error: BaseException) -> bool:
        if isinstance(error, BrokenProcessPool):
            self._restart()
            return True
        return False

    def _restart(self) -> None:
        if not getattr(self._pool, "_broken", False):
            return  # another batch already replaced it
        log.warning("a worker process died: restarting the pool")
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._start()

    def close(self, *, now: bool = False) -> None:
        """Stop the pool: after the tasks running now, or (`now`: Ctrl-C, a failed write) at
        once, ending the workers (they ignore SIGINT: the parent tears them down)."""
        if now:
            processes: dict[int, Any] = getattr(self._pool, "_processes", None) or {}
            for process in list(processes.values()):
                process.terminate()
        self._pool.shutdown(wait=True, cancel_futures=True)


class _DaskRunner(Runner):
    kind = "dask"

    def __init__(self, client: Any, workers: int) -> None:
        super().__init__(workers)
        self.client = client

    def raw_submit(self, fn: BatchFn, items: list[Any]) -> Any:
        return self.client.submit(fn, items, pure=False, retries=self.retries)

    # Dask reruns the tasks of a worker that died, and retries failed tasks (`retries=`): what
    # still fails (an exception, or KilledWorker after repeated deaths) goes to isolation.


class _Setup:
    """A Dask worker plugin running `initializer` once per worker process."""

    idempotent = True

    def __init__(self, initializer: Callable[[], None], name: str) -> None:
        self.initializer = initializer
        self.name = f"newsgraph-setup-{name}"

    def setup(self, worker: Any) -> None:
        self.initializer()

    def teardown(self, worker: Any) -> None:
        return None


def _dask_plugin(initializer: Callable[[], None] | None, *, local: bool) -> Any:
    """The setup plugin: `initializer`, after tying a local cluster's workers to this process."""
    from distributed import WorkerPlugin

    class Setup(_Setup, WorkerPlugin):
        pass

    name = str(getattr(initializer, "name", None) or getattr(initializer, "__qualname__", "init"))
    if local:
        return Setup(tied_initializer(initializer), f"local-{name}")
    return Setup(initializer, name) if initializer is not None else None


def parse_spec(spec: str | None) -> str | None:
    """Check a `--dask` value: None, "local" or a scheduler address."""
    if spec is None or spec == "local":
        return spec
    if "://" in spec and spec.split("://", 1)[0] in {"tcp", "tls", "ucx", "inproc", "ws", "wss"}:
        return spec
    raise InputError(
        f"--dask wants 'local' or a scheduler address like tcp://HOST:8786, got {spec!r}"
    )


def _connect(client: Callable[..., Any], spec: str) -> Any:
    """A client of the scheduler at `spec`, or one line saying it cannot be reached."""
    try:
        return client(spec, timeout=f"{CONNECT_TIMEOUT_S}s")
    except (OSError, TimeoutError) as e:  # refused, unknown host, no answer in time
        raise NewsgraphError(
            f"cannot reach the Dask scheduler at {spec} within {CONNECT_TIMEOUT_S} s: is it "
            "running, and is the address right? (--dask local runs a cluster here)",
            origin="--dask",
        ) from e


@contextmanager
def executor(
    spec: str | None,
    workers: int | None = None,
    *,
    initializer: Callable[[], None] | None = None,
    retries: int = RETRIES,
    memory_limit: str | None = None,
    inline: bool = True,
) -> Iterator[Runner]:
    """The backend named by `spec` (None, "local" or "tcp://HOST:PORT"); see the module doc.

    With `spec=None` and one worker the work runs in this process, unless `inline=False` (one
    worker process, as benchmarks want to compare 1 and 2 processes alike).
    """
    spec = parse_spec(spec)
    count = max(1, workers or os.cpu_count() or 1)
    if spec is None:
        if count == 1 and inline:
            if initializer is not None:
                initializer()
            runner = Runner(1)
            runner.retries = retries
            yield runner
            return
        pool = _PoolRunner(count, initializer)
        pool.retries = retries
        try:
            yield pool
        except BaseException:  # Ctrl-C, a write that failed, the consumer gone: stop now
            pool.close(now=True)
            raise
        pool.close()
        return
    from distributed import Client, LocalCluster

    cluster = None
    if spec == "local":
        cluster = LocalCluster(
            n_workers=count,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            memory_limit=memory_limit or "auto",
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    else:
        client = _connect(Client, spec)
    try:
        plugin = _dask_plugin(initializer, local=cluster is not None)
        if plugin is not None:
            client.register_plugin(plugin)
        size = len(client.scheduler_info().get("workers", {})) or count
        runner = _DaskRunner(client, size)
        runner.retries = retries
        yield runner
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@dataclass(frozen=True)
class WorkerSetup:
    """A worker's setup: load the spaCy model `settings` names (once per process; `load_nlp`
    keeps it), never the one the worker's environment names. Picklable, so it travels to
    process pools and Dask workers with the settings in it."""

    settings: Settings

    @property
    def name(self) -> str:  # the Dask plugin's name: one per model
        return f"load-{self.settings.spacy_model}"

    def check(self, *, model: bool = True) -> None:
        """Refuse, here and before any worker starts, settings whose stages are unknown or in
        an order that cannot run (`newsgraph.stages.check_names`), and (`model`: the workers
        run on this machine) a spaCy model that is not installed, in one line."""
        from newsgraph.nlp.spacy_model import check_model
        from newsgraph.stages import check_names

        check_names(self.settings.stages)
        if model:
            check_model(self.settings.spacy_model)

    def __call__(self) -> None:
        from newsgraph.nlp.spacy_model import load_nlp

        load_nlp(self.settings.spacy_model)


@dataclass(frozen=True)
class Analyse:
    """The task for outputs that need only the analysed records (Parquet): one batch, analysed
    with `settings` (its model and its stages)."""

    settings: Settings

    def __call__(self, articles: list[Any]) -> list[Any]:
        from newsgraph.api import analyze_articles

        return list(analyze_articles(articles, settings=self.settings))


def loaded_models(items: list[Any]) -> list[str]:
    """A probe task: the spaCy models loaded in the worker that runs it."""
    from newsgraph.nlp.spacy_model import loaded_models as loaded

    return loaded()
