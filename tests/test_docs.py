"""The generated docs stay in step with the code (regenerate with `make docs`)."""

from __future__ import annotations

import inspect
from pathlib import Path
from types import SimpleNamespace

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
    names = command_names()
    assert {"extract", "ingest", "search", "serve"} <= set(names)  # the loop below checks them
    for name in names:
        assert f"## newsgraph {name}" in reference
        assert f"newsgraph {name}" in README, f"README does not mention `newsgraph {name}`"


def api_problems(public: list[str], module: object, readme: str) -> list[str]:
    """What is missing from the documentation of each public name of `module`: a function
    needs a docstring and a line in the README (`newsgraph.name(`), a class a docstring of its
    own, and anything else must be a plain constant."""
    problems = []
    for name in public:
        value = getattr(module, name)
        if inspect.isclass(value):
            if not (value.__dict__.get("__doc__") or "").strip():
                problems.append(f"class {name} has no docstring")
        elif callable(value):
            if not (value.__doc__ or "").strip():
                problems.append(f"function {name} has no docstring")
            if f"newsgraph.{name}(" not in readme:
                problems.append(f"README.md does not show `newsgraph.{name}(`")
        elif not isinstance(value, str | int | float | tuple | frozenset):
            problems.append(f"{name} is neither a class, a function nor a plain constant")
    return problems


def test_public_api_is_complete_and_documented() -> None:
    """Issue 15: every name of `newsgraph.__all__` is checked, not 5 of the 16."""
    public = newsgraph.__all__
    assert len(public) >= 16 and len(set(public)) == len(public)
    assert set(public) <= set(dir(newsgraph))
    problems = api_problems(public, newsgraph, README)
    assert not problems, "\n".join(problems)
    assert newsgraph.Article(text="x").schema_version == newsgraph.SCHEMA_VERSION


def test_the_api_check_names_each_gap() -> None:
    def told() -> None:
        """Documented."""

    def untold() -> None:
        pass

    class Quiet(Exception):
        pass

    api = SimpleNamespace(told=told, untold=untold, Quiet=Quiet, VERSION="1.1", nothing=None)
    names = ["told", "untold", "Quiet", "VERSION", "nothing"]
    assert api_problems(names, api, "newsgraph.told(text)") == [
        "function untold has no docstring",
        "README.md does not show `newsgraph.untold(`",
        "class Quiet has no docstring",
        "nothing is neither a class, a function nor a plain constant",
    ]


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
