"""The layers of docs/architecture.md hold on the imports (issue 15).

The table in docs/architecture.md says which package may import which; this test reads it, parses
every module under src/newsgraph with `ast` and fails on an import the table forbids, naming the
file, the import and the rule. Imports inside functions and `TYPE_CHECKING` blocks count, and so
do module names handed to `importlib.import_module` as strings.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "newsgraph"
DOC = ROOT / "docs" / "architecture.md"
FACADE = "newsgraph"  # the package's __init__.py: what users import

# Known debts: (file under src/newsgraph, imported module) -> why it is allowed for now.
# The test fails when an entry is no longer needed, so this list only shrinks.
EXCEPTIONS: dict[tuple[str, str], str] = {}

# Only the store speaks SQL; the gazetteer's place index is a read-only SQLite file of its own.
SQL_HOMES = ("store/", "nlp/gazetteer.py")
SQL_EXCEPTIONS: dict[str, str] = {}


@dataclass(frozen=True)
class Import:
    file: str  # relative to src/newsgraph
    line: int
    module: str  # the newsgraph module imported


def _module_name(rel: Path) -> str:
    parts = ["newsgraph", *rel.with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def unit_of(module: str) -> str:
    """The package of the table a module belongs to: `newsgraph.store.db` -> `store`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else FACADE


def all_modules() -> set[str]:
    return {_module_name(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")}


def imports_of(source: str, rel: Path, known: set[str]) -> list[Import]:
    """Every newsgraph module that `source` (the file `rel` under src/newsgraph) imports."""
    tree = ast.parse(source)
    name = _module_name(rel)
    package = name if rel.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    uses_importlib = False
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
            uses_importlib |= any(a.name == "importlib" for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            uses_importlib |= base == "importlib"
            for alias in node.names:
                # `from newsgraph import api` imports the module newsgraph.api, not the facade.
                sub = f"{base}.{alias.name}"
                found.append((node.lineno, sub if sub in known else base))
    if uses_importlib:
        found += [
            (node.lineno, node.value.partition(":")[0])
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and "." in node.value  # a dotted module name, not the word "newsgraph"
            and node.value.partition(":")[0] in known
        ]
    rel_name = rel.as_posix()
    return [
        Import(rel_name, line, module)
        for line, module in sorted(set(found))
        if module == "newsgraph" or module.startswith("newsgraph.")
    ]


def read_rules(doc: str) -> dict[str, frozenset[str]]:
    """The table of docs/architecture.md: package -> the packages it may import."""
    section = doc.split("## The rule", 1)[1]
    rows = [
        line.split("|")[1:3]
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith(("| package", "| ---"))
    ]
    rules: dict[str, frozenset[str]] = {}
    base: frozenset[str] = frozenset()
    for packages, allowed in rows:
        names = re.findall(r"`([\w.]+)`", re.sub(r"\(.*?\)", "", packages))
        may = set(re.findall(r"`([\w.]+)`", allowed))
        if not base:
            base = frozenset(names)
        if "the base" in allowed:
            may |= base
        for package in names:
            rules[package] = frozenset(may)
    return rules


def violations(
    found: list[Import], rules: dict[str, frozenset[str]], exceptions: dict[tuple[str, str], str]
) -> list[str]:
    out = []
    for imp in found:
        here = unit_of(_module_name(Path(imp.file)))
        there = unit_of(imp.module)
        if (imp.file, imp.module) in exceptions:
            continue
        if imp.module == "newsgraph" and imp.file != "__init__.py":
            out.append(
                f"src/newsgraph/{imp.file}:{imp.line} imports the facade `newsgraph`: "
                "import the name from the module that defines it"
            )
        elif here not in rules:
            out.append(
                f"src/newsgraph/{imp.file}: package `{here}` has no row in docs/architecture.md"
            )
        elif there != here and there not in rules[here]:
            allowed = ", ".join(sorted(rules[here])) or "nothing"
            out.append(
                f"src/newsgraph/{imp.file}:{imp.line} imports {imp.module}: "
                f"`{here}` may import only {allowed} (docs/architecture.md)"
            )
    return out


@pytest.fixture(scope="module")
def rules() -> dict[str, frozenset[str]]:
    return read_rules(DOC.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tree_imports() -> list[Import]:
    known = all_modules()
    found: list[Import] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        found += imports_of(path.read_text(encoding="utf-8"), rel, known)
    return found


def test_the_table_has_a_row_for_every_package(rules: dict[str, frozenset[str]]) -> None:
    units = {unit_of(m) for m in all_modules()}
    assert len(units) >= 15, units
    missing = sorted(units - set(rules))
    assert not missing, f"packages with no row in docs/architecture.md: {missing}"
    gone = sorted(set(rules) - units)
    assert not gone, f"docs/architecture.md has rows for packages that do not exist: {gone}"
    base = rules["model"]
    assert {"model", "errors", "settings"} <= base
    for package, allowed in rules.items():
        assert allowed <= set(rules), f"`{package}` may import unknown packages"
        assert package in base or base <= allowed, f"`{package}` may not import the base"


def test_no_import_breaks_the_layers(
    rules: dict[str, frozenset[str]], tree_imports: list[Import]
) -> None:
    assert len(tree_imports) > 200  # the walk found the tree
    problems = violations(tree_imports, rules, EXCEPTIONS)
    assert not problems, "imports against docs/architecture.md:\n" + "\n".join(problems)


def test_every_exception_is_still_needed(
    rules: dict[str, frozenset[str]], tree_imports: list[Import]
) -> None:
    needed = {(imp.file, imp.module) for imp in tree_imports}
    stale = [key for key in EXCEPTIONS if key not in needed or not _breaks(key, rules)]
    assert not stale, f"remove these from EXCEPTIONS, the imports are gone or allowed: {stale}"


def _breaks(key: tuple[str, str], rules: dict[str, frozenset[str]]) -> bool:
    return bool(violations([Import(key[0], 0, key[1])], rules, {}))


def test_only_the_store_imports_sqlite3() -> None:
    users = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(n == "sqlite3" or n.startswith("sqlite3.") for n in names):
                users.add(rel)
    assert "store/db.py" in users
    outside = sorted(u for u in users if not u.startswith(SQL_HOMES) and u not in SQL_EXCEPTIONS)
    assert not outside, (
        f"SQL belongs in store/ (docs/architecture.md); sqlite3 imported by {outside}"
    )
    stale = sorted(set(SQL_EXCEPTIONS) - users)
    assert not stale, f"remove these from SQL_EXCEPTIONS, they no longer import sqlite3: {stale}"


# The checker itself: it must see what it is meant to catch.

RULES_EXAMPLE = """
## The rule

| package | may import |
| --- | --- |
| `model`, `errors` | the base |
| `nlp` | the base |
| `pipeline` | the base, `nlp` |
"""

KNOWN = {
    "newsgraph",
    "newsgraph.model",
    "newsgraph.errors",
    "newsgraph.nlp",
    "newsgraph.nlp.tone",
    "newsgraph.nlp.amounts",
    "newsgraph.pipeline",
}


def test_the_table_is_read_with_the_base_in_every_row() -> None:
    rules = read_rules(RULES_EXAMPLE)
    assert rules == {
        "model": {"model", "errors"},
        "errors": {"model", "errors"},
        "nlp": {"model", "errors"},
        "pipeline": {"model", "errors", "nlp"},
    }


def test_an_upward_import_inside_a_function_is_caught() -> None:
    source = "def run():\n    from newsgraph.pipeline import Pipeline\n    return Pipeline\n"
    found = imports_of(source, Path("nlp/tone.py"), KNOWN)
    assert found == [Import("nlp/tone.py", 2, "newsgraph.pipeline")]
    problems = violations(found, read_rules(RULES_EXAMPLE), {})
    assert len(problems) == 1
    assert "src/newsgraph/nlp/tone.py:2 imports newsgraph.pipeline" in problems[0]
    assert "`nlp` may import only errors, model" in problems[0]


def test_relative_string_and_facade_imports_are_resolved() -> None:
    source = (
        "import importlib\n"
        "from typing import TYPE_CHECKING\n"
        "from . import amounts\n"
        "from .. import model\n"
        "from newsgraph import errors\n"
        "if TYPE_CHECKING:\n"
        "    from newsgraph import Article\n"
        "HOME = importlib.import_module('newsgraph.pipeline')\n"
    )
    found = imports_of(source, Path("nlp/tone.py"), KNOWN)
    assert [(i.line, i.module) for i in found] == [
        (3, "newsgraph.nlp.amounts"),
        (4, "newsgraph.model"),
        (5, "newsgraph.errors"),
        (7, "newsgraph"),
        (8, "newsgraph.pipeline"),
    ]
    problems = violations(found, read_rules(RULES_EXAMPLE), {})
    assert len(problems) == 2
    assert "nlp/tone.py:7 imports the facade" in problems[0]
    assert "nlp/tone.py:8 imports newsgraph.pipeline" in problems[1]


def test_an_exception_silences_only_its_own_import() -> None:
    found = [
        Import("nlp/tone.py", 1, "newsgraph.pipeline"),
        Import("nlp/tone.py", 2, "newsgraph.pipeline"),
    ]
    rules = read_rules(RULES_EXAMPLE)
    assert violations(found, rules, {("nlp/tone.py", "newsgraph.pipeline"): "why"}) == []
    assert len(violations(found, rules, {("nlp/amounts.py", "newsgraph.pipeline"): "why"})) == 2


def private_imports(source: str, rel: Path) -> list[str]:
    """Imports of another package's private module (`newsgraph.nlp.quotes._rules` from outside
    `nlp/quotes/`) or of a private name (`from x import _helper`) from another module."""
    tree = ast.parse(source)
    own_package = ".".join(["newsgraph", *rel.parent.parts])
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith("newsgraph"):
            continue
        module = node.module or ""
        parts = module.split(".")
        private_at = next((i for i, p in enumerate(parts) if p.startswith("_")), None)
        if private_at is not None:
            owner = ".".join(parts[:private_at])
            if not (own_package == owner or own_package.startswith(owner + ".")):
                found.append(f"{rel}:{node.lineno} imports {module}, private to {owner}")
        inside = own_package == module or own_package.startswith(module + ".")
        for alias in node.names:  # a package's own private module is its own to import
            if alias.name.startswith("_") and not alias.name.startswith("__") and not inside:
                found.append(f"{rel}:{node.lineno} imports the private name {alias.name}")
    return found


def test_issue_15_no_module_imports_another_ones_private_names() -> None:
    problems = [
        problem
        for path in sorted(PACKAGE.rglob("*.py"))
        for problem in private_imports(path.read_text(encoding="utf-8"), path.relative_to(PACKAGE))
    ]
    assert problems == []


def test_private_imports_are_found() -> None:
    source = (
        "from newsgraph.nlp.quotes._rules import lemma\n"
        "from newsgraph.nlp.quotes._direct import _token_at\n"
        "from newsgraph.nlp._doc import token_at\n"
    )
    assert private_imports(source, Path("nlp/events/__init__.py")) == [
        "nlp/events/__init__.py:1 imports newsgraph.nlp.quotes._rules, private to newsgraph.nlp.quotes",
        "nlp/events/__init__.py:2 imports newsgraph.nlp.quotes._direct, private to newsgraph.nlp.quotes",
        "nlp/events/__init__.py:2 imports the private name _token_at",
    ]
    assert private_imports(source.splitlines()[0], Path("nlp/quotes/__init__.py")) == []
    own = "from newsgraph.nlp.dates import _lexicon as L\n"
    assert private_imports(own, Path("nlp/dates/timex.py")) == []
    assert private_imports(own, Path("nlp/amounts/__init__.py")) == [
        "nlp/amounts/__init__.py:1 imports the private name _lexicon"
    ]
