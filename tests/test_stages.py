"""Issue 15, section 1: stages registered by name, built from settings.

A stage declares what it requires and assigns; the pipeline is built from `Settings.stages` and
refuses an order whose requirements are not met; a package adds a stage through the
``newsgraph.stages`` entry points and its output lands in `Article.extensions`, in the store and
in the export.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsgraph
from newsgraph import stages as registry
from newsgraph.cli import app
from newsgraph.errors import E_STAGE_ORDER, StageFailure
from newsgraph.model import Article
from newsgraph.pipeline import DEFAULT_STAGES, Pipeline
from newsgraph.settings import DEFAULT_STAGES as DEFAULT_NAMES
from newsgraph.settings import Settings
from newsgraph.stages import Stage, check_names, check_order, stages_named

TEXT = (
    "Flood barriers held in Norfolk\n\n"
    "The river rose by two metres on 2024-03-02, officials said, and the barriers held."
)

PLUGIN = """
from newsgraph import Stage


def run(article, doc):
    count = {"tokens": len(doc), "dates": [d.text for d in article.dates]}
    return article.model_copy(update={"extensions": {**article.extensions, "wordcount": count}})


def make():
    return Stage("wordcount", run, "any", requires=("doc", "dates"), assigns=("extensions",))
"""


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """An installed package `wordcount-plugin` whose entry point adds the stage `wordcount`."""
    site = tmp_path / "site"
    info = site / "wordcount_plugin-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: wordcount-plugin\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(
        "[newsgraph.stages]\nwordcount = wordcount_plugin:make\n"
    )
    (site / "wordcount_plugin.py").write_text(textwrap.dedent(PLUGIN))
    monkeypatch.syspath_prepend(str(site))
    return "wordcount"


def test_issue15_an_entry_point_stage_fills_extensions_the_store_and_the_export(
    plugin: str, tmp_path: Path
) -> None:
    from newsgraph.store.db import connect
    from newsgraph.store.write import write_batch

    assert plugin in registry.available()
    settings = Settings(spacy_model="blank:en", stages=("dates", plugin))
    article = newsgraph.analyze(TEXT, settings=settings)
    assert article.extensions[plugin]["dates"] == ["2024-03-02"]  # type: ignore[index]
    assert article.extensions[plugin]["tokens"] > 20  # type: ignore[index,operator]
    assert article.entities == [] and article.errors == []  # only the stages named ran

    db = tmp_path / "corpus.db"
    conn = connect(db)
    write_batch(conn, [article])
    (record,) = conn.execute("SELECT record_json FROM articles").fetchone()
    conn.close()
    assert Article.model_validate_json(record).extensions == article.extensions

    result = CliRunner().invoke(app, ["export", "--format", "jsonl", "--db", str(db)])
    assert result.exit_code == 0, result.output
    (exported,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert exported["extensions"] == article.extensions


def test_issue15_an_unmet_requirement_is_refused_naming_the_missing_stage(plugin: str) -> None:
    with pytest.raises(StageFailure, match="put 'entities' before 'quotes'") as refused:
        Pipeline(settings=Settings(stages=("quotes", "entities")))
    assert "\n" not in str(refused.value) and refused.value.code == E_STAGE_ORDER
    with pytest.raises(StageFailure, match=r"'wordcount' requires 'dates'.*put 'dates' before"):
        Pipeline(settings=Settings(spacy_model="blank:en", stages=(plugin,)))
    with pytest.raises(StageFailure, match="put 'tone' before 'events'"):
        stages_named([n for n in DEFAULT_NAMES if n != "tone"])
    with pytest.raises(StageFailure, match=r"unknown stage 'sentiment'.*wordcount"):
        Pipeline(settings=Settings(stages=("dates", "sentiment")))
    with pytest.raises(StageFailure, match="put 'entities' before 'places'"):
        check_names(["places", "entities"])  # without importing the stages
    check_names(DEFAULT_NAMES)


def test_issue15_explicit_stages_are_checked_too() -> None:
    def run(article: Article, doc: object) -> Article:
        return article

    reader = Stage("reader", run, requires=("doc", "quotes", "title"), assigns=())
    with pytest.raises(StageFailure, match="put 'quotes' before 'reader'"):
        Pipeline(stages=[reader])
    check_order([Stage("q", run, assigns=("quotes",)), reader])  # title: the cleaning fills it
    with pytest.raises(StageFailure, match="'mood', which is neither 'doc' nor a field"):
        check_order([Stage("odd", run, requires=("mood",))])


def test_issue15_the_default_pipeline_is_todays_order_with_declared_contracts() -> None:
    today = ("entities", "places", "dates", "amounts", "quotes", "themes", "tone", "events")
    assert today == DEFAULT_NAMES
    assert [s.name for s in DEFAULT_STAGES] == list(DEFAULT_NAMES)
    assert [s.name for s in Pipeline(settings=Settings(stages=DEFAULT_NAMES)).stages] == list(
        DEFAULT_NAMES
    )
    contracts = {s.name: (s.requires, s.assigns) for s in DEFAULT_STAGES}
    assert contracts["quotes"] == (("doc", "entities"), ("quotes",))
    assert set(contracts["events"][0]) == {"doc", *DEFAULT_NAMES} - {"events"}
    from newsgraph.nlp import entities, events

    assert stages_named(["entities"])[0].run is entities.run
    assert DEFAULT_STAGES[-1].run is events.run


def test_issue15_stages_setting_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_STAGES", " entities, places ,dates")
    assert Settings().stages == ("entities", "places", "dates")
    assert [s.name for s in Pipeline().stages] == ["entities", "places", "dates"]
    monkeypatch.setenv("NEWSGRAPH_STAGES", "")
    assert Settings().stages == DEFAULT_NAMES


def test_issue15_a_stage_registered_in_code_is_found_by_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def shout(article: Article, doc: object) -> Article:
        return article.model_copy(update={"extensions": {"shout": article.text.upper()}})

    monkeypatch.setattr(registry, "_registered", {})
    registry.register(Stage("shout", shout, "any", assigns=("extensions",)))
    out = newsgraph.analyze(
        "quiet words", settings=Settings(spacy_model="blank:en", stages=("shout",))
    )
    assert out.extensions == {"shout": "QUIET WORDS"}


def test_issue15_the_entities_stage_takes_its_model_from_the_doc(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before: re-cased lines were re-read by the model the environment named, not the one the
    pipeline's settings named (a missing model failed the stage)."""
    import spacy

    from newsgraph.nlp.spacy_model import load_nlp, ner_of, pipeline_of

    monkeypatch.setenv("NEWSGRAPH_SPACY_MODEL", "no_such_model_installed")
    text = "FLOOD BARRIERS HOLD IN NORFOLK\n\nThe river rose by two metres, officials said."
    settings = Settings(spacy_model="blank:en", stages=("entities",), error_policy="raise")
    out = Pipeline(settings=settings)(Article(text=text, body=text))
    assert out.errors == []
    nlp = load_nlp("blank:en")
    doc = nlp(text)
    assert pipeline_of(doc) is nlp and ner_of(doc) is not None
    assert ner_of(doc)("Angela Merkel") == []  # type: ignore[misc]  # blank: no recogniser
    assert pipeline_of(spacy.blank("en")(text)) is None  # parsed elsewhere: nothing to rerun
