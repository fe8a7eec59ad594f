"""The spaCy pipeline, loaded once per process and per model name.

Every pipeline gets one component of ours, `newsgraph_paragraphs`, before the parser: a line
break always ends a sentence, so no sentence (and no entity) straddles a headline and the
paragraph after it, or two paragraphs of a dump.

`pipeline_of(doc)` gives back the pipeline that parsed a `Doc` (the loaded one sharing its
vocabulary): a stage that needs the model again (the entities stage re-reads re-cased lines)
takes it from the `Doc` it is given, never from the environment.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.errors import model_not_installed
from newsgraph.nlp._doc import remember_text as remember_text  # re-exported for the pipeline

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PARAGRAPHS = "newsgraph_paragraphs"


def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every whitespace token that holds a line break (a token's own
    trailing whitespace is one space or none, so a line break is always a token of its own).

    Read and written through arrays: spaCy's setter of one token's sentence start first scans
    every token of the `Doc` for a parse, which made one line break cost as much as the text."""
    from spacy.attrs import IS_SPACE, SENT_START

    spaces = doc.to_array(IS_SPACE)[:-1].nonzero()[0].tolist()
    after = [i + 1 for i in spaces if "\n" in doc[i].text]
    if not after:
        return doc
    if doc.has_annotation("DEP"):
        doc[after[0]].is_sent_start = True  # spaCy's own refusal (E043): the Doc is parsed
    starts = doc.to_array(SENT_START)
    starts[after] = 1
    # One attribute's values, which `from_array` takes as its one column (spaCy's stubs call
    # them floats and ask for a table: they are integers, and one column is read alike).
    return doc.from_array([SENT_START], starts)  # type: ignore[arg-type]


# The labels of spaCy's models for other languages (WikiNER: PER, LOC, ORG, MISC) as the
# OntoNotes labels the stages read; MISC (events, works, nationalities alike) has no match.
_FOREIGN_LABELS = {"PER": "PERSON"}
_UNMATCHED_LABELS = frozenset({"MISC"})


def english_labels(doc: Doc) -> Doc:
    """`doc` with its entities relabelled to OntoNotes labels, those without one dropped."""
    from spacy.tokens import Span

    doc.ents = [
        Span(doc, ent.start, ent.end, label=_FOREIGN_LABELS.get(ent.label_, ent.label_))
        for ent in doc.ents
        if ent.label_ not in _UNMATCHED_LABELS
    ]
    return doc


def _register() -> None:
    """Register our component with spaCy (imported here: cleaning alone never loads spaCy)."""
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=paragraph_breaks)


_LOADED: dict[str, Language] = {}  # by name, oldest first
_KEEP = 4  # pipelines kept loaded in one process


def load_nlp(name: str) -> Language:
    """Load a spaCy pipeline by package name or path, once per process; ``blank:LANG`` gives a
    blank one (for tests, and ``blank:xx`` for text in a language without a model)."""
    nlp = _LOADED.get(name)
    if nlp is None:
        nlp = _load(name)
        while len(_LOADED) >= _KEEP:
            del _LOADED[next(iter(_LOADED))]
        _LOADED[name] = nlp
    return nlp


def loaded_models() -> list[str]:
    """The names of the pipelines loaded in this process, oldest first."""
    return list(_LOADED)


def pipeline_of(doc: Doc) -> Language | None:
    """The loaded pipeline that parsed `doc` (None for a `Doc` of a pipeline loaded elsewhere)."""
    return next((nlp for nlp in _LOADED.values() if nlp.vocab is doc.vocab), None)


def ner_of(doc: Doc) -> Callable[[str], list[tuple[int, int, str]]] | None:
    """Named-entity recognition alone (no tagger or parser) by the pipeline that parsed `doc`,
    as (start, end, label) with OntoNotes labels; None when that pipeline is unknown."""
    nlp = pipeline_of(doc)
    if nlp is None:
        return None
    off = [name for name in nlp.pipe_names if name != "ner"]
    foreign = nlp.lang != "en"

    def recognise(text: str) -> list[tuple[int, int, str]]:
        parsed = nlp(text, disable=off)
        if foreign:
            english_labels(parsed)
        return [(e.start_char, e.end_char, e.label_) for e in parsed.ents]

    return recognise


def check_model(name: str) -> None:
    """Refuse, in one line (`StageFailure`), a model that is not ``blank:LANG``, an existing
    folder or an installed package: checked once before any worker starts, without loading it
    (nor importing spaCy)."""
    if not (name.startswith("blank:") or name in _LOADED or _installed(name)):
        raise model_not_installed(name)


def _installed(name: str) -> bool:
    """A folder or an importable package of that name."""
    try:
        if Path(name).expanduser().exists():
            return True
        return name.isidentifier() and importlib.util.find_spec(name) is not None
    except (ImportError, ValueError, OSError):
        return False


def _load(name: str) -> Language:
    import spacy

    _register()

    if name.startswith("blank:"):
        nlp = spacy.blank(name.removeprefix("blank:"))
        nlp.add_pipe(PARAGRAPHS)
        nlp.add_pipe("sentencizer")
        return nlp
    try:
        nlp = spacy.load(name)
    except OSError as e:  # spaCy's E050 (no such package or folder) and E053 (no config)
        if not _installed(name):
            raise model_not_installed(name) from e
        raise
    nlp.max_length = max(nlp.max_length, 2_000_000)
    anchor = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
    nlp.add_pipe(PARAGRAPHS, **anchor)
    return nlp
