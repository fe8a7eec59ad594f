"""One loader for every lexicon and rule file, shipped or the user's own.

The rules of the analysis stages live as data under `newsgraph/data/` in four shapes, each read
here and nowhere else:

- tables: tab-separated rows with named columns (`read_table`), `#` starts a comment line;
- word lists: one entry a line (`read_lines`), `#` starts a comment line;
- TOML tables (`read_toml`) and JSON documents (`read_json`).

A bad row, a missing file or a file that does not parse raises `RuleFileError`, which names the
file and, where there is one, the line.

User folders. `NEWSGRAPH_DATA_DIRS` (folders separated by `os.pathsep`) names folders laid out
like `newsgraph/data/`. A user file with the same relative name as a shipped one extends it:
table rows and list lines are appended after the shipped ones, TOML and JSON documents are
merged into them (tables merged key by key, lists extended, other values replaced). A file whose
first line is `# newsgraph: override` (TSV, TXT, TOML) or whose JSON object has
`"_override": true` replaces what came before it instead. Folders are read in the order given,
after the shipped data. Loaders that cache take `data_dirs()` as part of their cache key, so
changing the variable (as a test does) is seen by the next call.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from newsgraph.errors import E_RULE_FILE, InputError

__all__ = [
    "DATA_DIRS_ENV",
    "E_RULE_FILE",
    "OVERRIDE_MARKER",
    "Row",
    "RuleFile",
    "RuleFileError",
    "data_dirs",
    "read_json",
    "read_lines",
    "read_table",
    "read_toml",
    "read_toml_file",
    "rule_files",
    "strings",
    "table_rows",
    "using_data_dirs",
]

DATA_DIRS_ENV = "NEWSGRAPH_DATA_DIRS"
OVERRIDE_MARKER = "# newsgraph: override"
_JSON_OVERRIDE = "_override"
_TOML_LINE = re.compile(r"at line (\d+)")


class RuleFileError(InputError, ValueError):
    """A lexicon or rule file is missing, does not parse, or has a bad row (file and line named).

    A `ValueError` too, so that code catching bad values sees it.
    """

    code = E_RULE_FILE

    def __init__(self, message: str, *, file: str, line: int | None = None) -> None:
        self.file = file
        self.line = line
        super().__init__(message, origin=f"{file}, line {line}" if line else file)


@dataclass(frozen=True, slots=True)
class RuleFile:
    """One source of a rule file: its display name (for errors) and its text."""

    name: str  # "data/events/lexicon.tsv" for a shipped file, the full path for a user's
    text: str

    @property
    def overrides(self) -> bool:
        first = next((ln for ln in self.text.splitlines() if ln.strip()), "")
        return first.strip().lower() == OVERRIDE_MARKER


@dataclass(frozen=True, slots=True)
class Row:
    """One data row of a table: its values by column name, and where it was read."""

    values: Mapping[str, str]
    file: str
    line: int

    def __getitem__(self, column: str) -> str:
        return self.values[column]

    def error(self, message: str) -> RuleFileError:
        """An error about this row, naming its file and line (for the caller to raise)."""
        return RuleFileError(message, file=self.file, line=self.line)


_CHOSEN: ContextVar[tuple[Path, ...] | None] = ContextVar("newsgraph_data_dirs", default=None)


@lru_cache(maxsize=8)
def _parse_dirs(raw: str) -> tuple[Path, ...]:
    return tuple(Path(p).expanduser() for p in raw.split(os.pathsep) if p.strip())


def data_dirs() -> tuple[Path, ...]:
    """The user's data folders: those `using_data_dirs` chose, else `NEWSGRAPH_DATA_DIRS`
    (read at every call; cheap)."""
    chosen = _CHOSEN.get()
    if chosen is not None:
        return chosen
    return _parse_dirs(os.environ.get(DATA_DIRS_ENV, ""))


@contextmanager
def using_data_dirs(dirs: Sequence[str | Path]) -> Iterator[None]:
    """Within the block, the loaders read these folders instead of the environment's (for a
    caller that holds a `Settings`)."""
    token = _CHOSEN.set(tuple(Path(d) for d in dirs))
    try:
        yield
    finally:
        _CHOSEN.reset(token)


def _shipped(relpath: str) -> RuleFile:
    name = f"data/{relpath}"
    try:
        text = resources.files("newsgraph.data").joinpath(*relpath.split("/")).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise RuleFileError(f"cannot read: {e}", file=name) from e
    return RuleFile(name=name, text=text)


def rule_files(relpath: str, dirs: Sequence[Path] | None = None) -> tuple[RuleFile, ...]:
    """The shipped file `relpath` (relative to `newsgraph/data/`, "/"-separated), then each
    user folder's file of that name; a file marked to override drops those before it."""
    files = [_shipped(relpath)]
    for folder in data_dirs() if dirs is None else dirs:
        path = folder.joinpath(*relpath.split("/"))
        if path.is_file():
            files.append(_user_file(path))
    return _after_overrides(files)


def _user_file(path: Path) -> RuleFile:
    try:
        return RuleFile(name=str(path), text=path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise RuleFileError(f"cannot read: {e}", file=str(path)) from e


def _after_overrides(files: list[RuleFile]) -> tuple[RuleFile, ...]:
    last = max((i for i, f in enumerate(files) if f.overrides), default=0)
    return tuple(files[last:])


def _content_lines(file: RuleFile) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(file.text.splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            yield number, line


def read_lines(relpath: str, dirs: Sequence[Path] | None = None) -> tuple[str, ...]:
    """The entries of a word list: each non-comment line, stripped, shipped ones first."""
    return tuple(
        line.strip() for file in rule_files(relpath, dirs) for _, line in _content_lines(file)
    )


def read_table(
    relpath: str,
    columns: Sequence[str],
    *,
    required: int | None = None,
    strip: bool = False,
    dirs: Sequence[Path] | None = None,
) -> tuple[Row, ...]:
    """The rows of a tab-separated table with these `columns`, shipped rows first.

    A row needs at least `required` columns (default: all); missing optional ones read as "".
    More columns than named is an error too (a stray tab shifts every value after it).
    `strip` strips each value of surrounding white space.
    """
    return tuple(
        row
        for file in rule_files(relpath, dirs)
        for row in table_rows(file, columns, required=required, strip=strip)
    )


def table_rows(
    file: RuleFile, columns: Sequence[str], *, required: int | None = None, strip: bool = False
) -> list[Row]:
    """The rows of one tab-separated file (see `read_table`)."""
    need = len(columns) if required is None else required
    rows = []
    for number, line in _content_lines(file):
        cells = line.split("\t")
        if not need <= len(cells) <= len(columns):
            wanted = f"{need}" if need == len(columns) else f"{need} to {len(columns)}"
            raise RuleFileError(
                f"{len(cells)} tab-separated columns, expected {wanted} ({', '.join(columns)})",
                file=file.name,
                line=number,
            )
        cells += [""] * (len(columns) - len(cells))
        if strip:
            cells = [c.strip() for c in cells]
        values = dict(zip(columns, cells, strict=True))
        rows.append(Row(values=values, file=file.name, line=number))
    return rows


def _merge(base: Any, extra: Any, file: str, where: str = "") -> Any:
    """`extra` merged into `base`: tables key by key, lists extended, other values replaced."""
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for key, value in extra.items():
            out[key] = _merge(base[key], value, file, f"{where}.{key}") if key in base else value
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return [*base, *extra]
    if isinstance(base, (dict, list)) or isinstance(extra, (dict, list)):
        raise RuleFileError(
            f"'{where.lstrip('.')}' is a {type(extra).__name__} here but a "
            f"{type(base).__name__} in the file it extends",
            file=file,
        )
    return extra


def read_toml(relpath: str, dirs: Sequence[Path] | None = None) -> dict[str, Any]:
    """A TOML document, the user files' tables merged into the shipped one."""
    merged: dict[str, Any] = {}
    for file in rule_files(relpath, dirs):
        merged = _merge(merged, _parse_toml(file), file.name)
    return merged


def read_toml_file(path: Path) -> dict[str, Any]:
    """One TOML file of the caller's choosing, alone, with the errors of `read_toml`."""
    return _parse_toml(_user_file(path))


def _parse_toml(file: RuleFile) -> dict[str, Any]:
    try:
        return tomllib.loads(file.text)
    except tomllib.TOMLDecodeError as e:
        found = _TOML_LINE.search(str(e))
        line = int(found.group(1)) if found else None
        raise RuleFileError(f"not valid TOML: {e}", file=file.name, line=line) from e


def read_json(relpath: str, dirs: Sequence[Path] | None = None) -> Any:
    """A JSON document, the user files' objects merged into the shipped one."""
    merged: Any = None
    for file in rule_files(relpath, dirs):
        try:
            data = json.loads(file.text)
        except json.JSONDecodeError as e:
            raise RuleFileError(f"not valid JSON: {e.msg}", file=file.name, line=e.lineno) from e
        if isinstance(data, dict) and data.pop(_JSON_OVERRIDE, False) is True:
            merged = None
        merged = data if merged is None else _merge(merged, data, file.name)
    return merged


def strings(value: object, what: str, file: str) -> list[str]:
    """`value` when it is a list of strings, else a `RuleFileError` naming `what` and `file`."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleFileError(f"'{what}' must be a list of strings", file=file)
    return value
