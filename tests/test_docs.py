"""The generated docs stay in step with the code (regenerate with `make docs`)."""

from __future__ import annotations

from pathlib import Path

import newsgraph
from newsgraph.cli.reference import command_names, render
from newsgraph.model import dump_schema

DOCS = Path(__file__).resolve().parents[1] / "docs"
README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_cli_reference_is_current() -> None:
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == render(), "run `make docs`"


def test_published_schema_is_current() -> None:
    assert (DOCS / "article.schema.json").read_text(encoding="utf-8") == dump_schema(), (
        "run `make schema`"
    )


def test_every_command_is_in_the_readme_or_reference() -> None:
    reference = (DOCS / "cli.md").read_text(encoding="utf-8")
    for name in command_names():
        assert f"## newsgraph {name}" in reference
        assert f"newsgraph {name}" in README, f"README does not mention `newsgraph {name}`"


def test_public_api_is_complete_and_documented() -> None:
    for name in ("read_text", "read_html", "analyze", "extract", "resolve_places"):
        assert name in newsgraph.__all__
        assert callable(getattr(newsgraph, name))
        assert getattr(newsgraph, name).__doc__
        assert f"newsgraph.{name}(" in README
    assert set(newsgraph.__all__) <= set(dir(newsgraph))


def test_package_help_leads_to_the_api_and_records_stay_short() -> None:
    """Issue 14 item 19: help(newsgraph) was 884 lines of pydantic internals."""
    import pydoc

    intro = newsgraph.__doc__ or ""
    for name in newsgraph.__all__:
        if callable(getattr(newsgraph, name)) and name[0].islower():
            assert f"{name}(" in intro, f"the package docstring does not lead to {name}"
    assert len(pydoc.render_doc(newsgraph, renderer=pydoc.plaintext).splitlines()) < 300
    error_help = pydoc.render_doc(newsgraph.InputError, renderer=pydoc.plaintext)
    assert "with_traceback" not in error_help and "one_line" in error_help
    article_help = pydoc.render_doc(newsgraph.Article, renderer=pydoc.plaintext)
    assert len(article_help.splitlines()) < 40
    assert "__pydantic" not in article_help and "model_json_schema" not in article_help
    record = newsgraph.Article(text="Flood waters recede.")
    assert record.model_copy(update={"title": "Flood"}).title == "Flood"  # pydantic API intact
