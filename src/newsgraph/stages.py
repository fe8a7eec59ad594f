"""Analysis stages by name: what each one reads and fills, and where to find it.

A stage is a `Stage`: its `name`, `run(article, doc) -> Article`, what it `requires` (``"doc"``,
the spaCy parse, or the `Article` fields earlier stages fill: ``"entities"``, ``"dates"`` …),
what it `assigns` (the fields it fills) and what it reads of a language (`language`, see
`newsgraph.pipeline`). `stage(name)` finds one by name: the built-in stages, those registered in
this process with `register`, and those of installed packages, registered through the
entry-point group ``newsgraph.stages``:

    # pyproject.toml of a package that adds a stage
    [project.entry-points."newsgraph.stages"]
    sentiment = "my_package.stages:sentiment"

The entry point loads a `Stage`, or a callable with no arguments that returns one (a factory).
A stage of a package writes its output under its name in `Article.extensions`
(``article.extensions["sentiment"] = {...}``, JSON values) and declares
``assigns=("extensions",)``; it is stored and exported with the rest of the record.

`check_order(stages)` refuses an order in which a stage requires a field that no earlier stage
assigns, naming the stage that must come first.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Literal

from newsgraph.errors import E_STAGE_ORDER, E_UNKNOWN_STAGE, StageFailure
from newsgraph.model import Article
from newsgraph.settings import Brief

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "newsgraph.stages"
DOC = "doc"  # the requirement every pipeline meets: the spaCy parse of the article's text

StageFn = Callable[[Article, "Doc"], Article]
StageLanguage = Literal["english", "model", "any"]


@dataclass(frozen=True, slots=True)
class Stage(metaclass=Brief):
    """One analysis stage: `run(article, doc)` returns the article with its fields filled."""

    name: str
    run: StageFn
    language: StageLanguage = "english"  # what it reads; see `newsgraph.pipeline`
    requires: tuple[str, ...] = ()  # "doc" and the Article fields it reads
    assigns: tuple[str, ...] = ()  # the Article fields it fills


@dataclass(frozen=True, slots=True)
class _Builtin:
    module: str  # a module with `run(article, doc)`
    language: StageLanguage
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


# The stages shipped with newsgraph. Dates read English month and day names but find ISO dates
# in any language; entities and places read only the parse of a model of the text's language.
_BUILTINS: dict[str, _Builtin] = {
    "entities": _Builtin("newsgraph.nlp.entities", "model", (DOC,), ("entities",)),
    "places": _Builtin("newsgraph.nlp.places", "model", (DOC, "entities"), ("places",)),
    "dates": _Builtin("newsgraph.nlp.dates", "any", (), ("dates",)),
    "amounts": _Builtin("newsgraph.nlp.amounts", "english", (DOC, "dates"), ("amounts",)),
    "quotes": _Builtin("newsgraph.nlp.quotes", "english", (DOC, "entities"), ("quotes",)),
    "themes": _Builtin("newsgraph.nlp.themes", "english", (), ("themes",)),
    "tone": _Builtin("newsgraph.nlp.tone", "english", (DOC,), ("tone",)),
    "events": _Builtin(
        "newsgraph.nlp.events",
        "english",
        (DOC, "entities", "places", "dates", "amounts", "quotes", "themes", "tone"),
        ("events", "tone"),  # and the tone's conflict score, read from the events
    ),
}

_registered: dict[str, Stage] = {}


def register(stage: Stage) -> Stage:
    """Make `stage` available by its name in this process (it replaces a stage of that name).

    Worker processes (`newsgraph ingest`, Dask) do not see it: install a stage they run through
    the ``newsgraph.stages`` entry points."""
    _registered[stage.name] = stage
    return stage


def stage(name: str) -> Stage:
    """The stage called `name`: registered in this process (`register`), else built in, else
    installed through the ``newsgraph.stages`` entry points (an installed package cannot
    replace a built-in stage by accident)."""
    if name in _registered:
        return _registered[name]
    builtin = _BUILTINS.get(name)
    if builtin is not None:
        module = importlib.import_module(builtin.module)
        return Stage(name, module.run, builtin.language, builtin.requires, builtin.assigns)
    found = _from_entry_point(name)
    if found is None:
        raise StageFailure(
            f"unknown stage {name!r} (available: {', '.join(available())})",
            code=E_UNKNOWN_STAGE,
        )
    return found


def stages_named(names: Iterable[str]) -> tuple[Stage, ...]:
    """The stages named, in order, checked with `check_order`."""
    found = tuple(stage(name) for name in names)
    check_order(found)
    return found


def check_names(names: Iterable[str]) -> None:
    """`stages_named(names)` without importing the built-in stages: what a process that only
    hands the settings to its workers checks before it starts them."""
    declared = []
    for name in names:
        builtin = _BUILTINS.get(name) if name not in _registered else None
        if builtin is None:
            declared.append(stage(name))
        else:
            declared.append(
                Stage(name, _not_loaded, builtin.language, builtin.requires, builtin.assigns)
            )
    check_order(declared)


def _not_loaded(article: Article, doc: Doc) -> Article:
    raise StageFailure("a stage declaration, not the stage: use newsgraph.stages.stage()")


def available() -> list[str]:
    """Every stage name: built in, registered, installed."""
    installed = [ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)]
    return list(dict.fromkeys([*_BUILTINS, *_registered, *installed]))


def _from_entry_point(name: str) -> Stage | None:
    for ep in entry_points(group=ENTRY_POINT_GROUP, name=name):
        loaded = ep.load()
        found = loaded if isinstance(loaded, Stage) else loaded()
        if not isinstance(found, Stage):
            raise StageFailure(
                f"entry point {ep.value} of {ENTRY_POINT_GROUP} gives no Stage",
                code=E_UNKNOWN_STAGE,
            )
        return found
    return None


def _assigned_by() -> dict[str, list[str]]:
    """Which known stages fill each field (built-in and registered ones; installed stages
    are loaded only when named)."""
    by_field: dict[str, list[str]] = {}
    known = [(n, b.assigns) for n, b in _BUILTINS.items()]
    known += [(s.name, s.assigns) for s in _registered.values()]
    for name, assigns in known:
        for key in assigns:
            by_field.setdefault(key, []).append(name)
    return by_field


def check_order(order: Sequence[Stage]) -> None:
    """Refuse (`StageFailure`, one line) a stage that requires what no earlier stage assigns.

    A requirement is met by ``"doc"``, by a field an earlier stage assigns, or by a field of
    `Article` that no stage fills (the cleaned text, title, publication date …)."""
    fields_of_article = set(Article.model_fields)
    by_field = _assigned_by()
    for listed in order:
        for key in listed.assigns:
            by_field.setdefault(key, []).append(listed.name)
    filled: set[str] = set()
    for current in order:
        for need in current.requires:
            if need == DOC or need in filled:
                continue
            if need not in by_field and need in fields_of_article:
                continue
            _refuse(current, need, by_field.get(need, []))
        filled.update(current.assigns)


def _refuse(current: Stage, need: str, fillers: list[str]) -> None:
    if not fillers:
        raise StageFailure(
            f"stage {current.name!r} requires {need!r}, which is neither 'doc' nor a field"
            " of Article",
            code=E_STAGE_ORDER,
        )
    missing = next((name for name in fillers if name != current.name), current.name)
    raise StageFailure(
        f"stage {current.name!r} requires {need!r}, which stage {missing!r} assigns:"
        f" put {missing!r} before {current.name!r}",
        code=E_STAGE_ORDER,
    )
