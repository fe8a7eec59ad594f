"""Execution backends: in-process, local process pool and Dask; retries and poisoned items."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from newsgraph.batch import executor, merge_results, parse_spec
from newsgraph.errors import InputError

DEMO = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "demo" / "articles"


def _double(items: list[int]) -> tuple[list[int], list[str]]:
    if any(i < 0 for i in items):
        raise ValueError(f"negative item in {items}")
    return [i * 2 for i in items], [str(i) for i in items]


def _die_once(items: list[int]) -> list[int]:
    marker = Path(os.environ["NEWSGRAPH_TEST_MARKER"])
    if 13 in items and not marker.exists():
        marker.write_text("died")
        os._exit(3)  # the worker process dies without a word
    return [i + 1 for i in items]


def test_merge_results_joins_lists_and_tuples() -> None:
    assert merge_results([[1], [2, 3]]) == [1, 2, 3]
    assert merge_results([([1], ["a"]), ([2], ["b"])]) == ([1, 2], ["a", "b"])
    assert merge_results([]) is None


def test_parse_spec() -> None:
    assert parse_spec(None) is None
    assert parse_spec("local") == "local"
    assert parse_spec("tcp://10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    with pytest.raises(InputError, match="scheduler address"):
        parse_spec("10.0.0.5:8786")


def test_inline_isolates_the_poisoned_item() -> None:
    calls: list[int] = []
    with executor(None, 1, initializer=lambda: calls.append(1)) as runner:
        assert calls == [1] and runner.kind == "inline"
        good = runner.submit(_double, [1, 2])
        bad = runner.submit(_double, [3, -4, 5])
        assert good.result() == ([2, 4], ["1", "2"]) and not good.skipped
        assert bad.result() == ([6, 10], ["3", "5"])
        assert len(bad.skipped) == 1 and bad.skipped[0][0] == 1
        assert "ValueError" in bad.skipped[0][1]
        alone = runner.submit(_double, [-1])
        assert alone.result() is None and alone.skipped[0][0] == 0


def test_pool_survives_a_dying_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_TEST_MARKER", str(tmp_path / "marker"))
    with executor(None, 2) as runner:
        assert runner.kind == "processes"
        futures = [runner.submit(_die_once, [n, n + 10]) for n in (1, 3, 5)]
        assert [f.result() for f in futures] == [[2, 12], [4, 14], [6, 16]]
        assert (tmp_path / "marker").exists()
        assert all(not f.skipped for f in futures)
        assert runner.submit(_double, [7]).result() == ([14], ["7"])


def _demo_articles() -> list[Any]:
    from newsgraph.api import clean_document, read_documents
    from newsgraph.model import Article

    out: list[Article] = []
    for item in read_documents(DEMO):
        if isinstance(item, InputError):
            raise item
        out.append(clean_document(item))
    return out


def _analyse_or_poison(articles: list[Any]) -> Any:
    from newsgraph.job import AnalyseAndPrepare
    from newsgraph.settings import get_settings

    if any("POISON" in a.text for a in articles):
        raise RuntimeError("poisoned document")
    return AnalyseAndPrepare(get_settings())(articles)


@pytest.mark.slow
def test_dask_local_cluster_gives_the_local_records() -> None:
    pytest.importorskip("distributed")
    from newsgraph.api import analyze_articles
    from newsgraph.batch import WorkerSetup
    from newsgraph.settings import get_settings

    articles = _demo_articles()
    poison = articles[0].model_copy(update={"text": "POISON " + articles[0].text, "origin": "bad"})
    local = [a.to_json() for a in analyze_articles(articles)]
    started = time.perf_counter()
    with executor("local", 2, initializer=WorkerSetup(get_settings())) as runner:
        assert runner.kind == "dask" and runner.workers == 2
        batches = [articles[:3], [articles[3], poison, articles[4]], articles[5:]]
        futures = [runner.submit(_analyse_or_poison, b) for b in batches]
        results = [f.result() for f in futures]
    assert time.perf_counter() - started < 90
    remote = [a.to_json() for r in results for a in r[0]]
    assert remote == local
    assert [len(r[1]) for r in results] == [3, 2, len(articles) - 5]
    assert futures[1].skipped == [(1, "RuntimeError: poisoned document")]


def _ingest_takes_dask() -> bool:
    import inspect

    from newsgraph.job import ingest

    return "dask" in inspect.signature(ingest).parameters


@pytest.mark.slow
def test_ingest_on_dask_to_parquet_matches_the_local_run(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    if not _ingest_takes_dask():
        pytest.skip("newsgraph.job.ingest has no `dask` argument yet")
    from newsgraph.job import ingest
    from newsgraph.store.parquet import read_articles

    local = ingest([DEMO], db=f"parquet://{tmp_path / 'local'}", workers=1)
    on_dask: dict[str, Any] = {"dask": "local"}  # the argument the wiring adds
    remote = ingest([DEMO], db=f"parquet://{tmp_path / 'dask'}", workers=2, **on_dask)
    assert local.stored == remote.stored == 7 and not remote.failed
    key = lambda a: a.origin or ""  # noqa: E731
    assert sorted(read_articles(tmp_path / "dask"), key=key) == sorted(
        read_articles(tmp_path / "local"), key=key
    )


def test_issue14_item5_the_dask_setup_ties_only_a_local_clusters_workers() -> None:
    pytest.importorskip("distributed")
    from newsgraph import lifeline
    from newsgraph.batch import WorkerSetup, _dask_plugin
    from newsgraph.settings import get_settings

    assert _dask_plugin(None, local=False) is None
    setup = WorkerSetup(get_settings())
    assert _dask_plugin(setup, local=False).initializer is setup  # remote: as is
    local = _dask_plugin(setup, local=True).initializer
    assert local.func is lifeline._tied_then and local.args == (os.getpid(), setup)


# -- issue 15, section 1: the workers load the model their settings name ------------------------


def test_issue15_worker_processes_load_the_model_of_their_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before: the worker setup loaded the model of the worker's environment, whatever the
    settings the job was given."""
    from newsgraph.batch import WorkerSetup, loaded_models
    from newsgraph.settings import Settings

    monkeypatch.setenv("NEWSGRAPH_SPACY_MODEL", "no_such_model_installed")  # inherited
    setup = WorkerSetup(Settings(spacy_model="blank:en"))
    with executor(None, 2, initializer=setup, inline=False) as runner:
        assert runner.kind == "processes"
        probes = [runner.submit(loaded_models, [n]) for n in range(2)]
        assert [p.result() for p in probes] == [["blank:en"], ["blank:en"]]
        assert all(not p.skipped for p in probes)


def test_issue15_the_dask_setup_plugin_is_named_for_its_model() -> None:
    pytest.importorskip("distributed")
    from newsgraph.batch import WorkerSetup, _dask_plugin
    from newsgraph.settings import Settings

    plugin = _dask_plugin(WorkerSetup(Settings(spacy_model="blank:en")), local=False)
    assert plugin.name == "newsgraph-setup-load-blank:en"  # another model: another plugin
