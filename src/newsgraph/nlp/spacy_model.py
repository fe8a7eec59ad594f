"""The spaCy pipeline, loaded once per process and per model name.

Every pipeline gets one component of ours, `newsgraph_paragraphs`, before the parser: a line
break always ends a sentence, so no sentence (and no entity) straddles a headline and the
paragraph after it, or two paragraphs of a dump.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PARAGRAPHS = "newsgraph_paragraphs"


def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every whitespace token that holds a line break."""
    for token in doc[:-1]:
        if ("\n" in token.text and token.is_space) or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


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


@lru_cache(maxsize=4)
def load_nlp(name: str) -> Language:
    """Load a spaCy pipeline by package name or path; ``blank:LANG`` gives a blank one (for
    tests, and ``blank:xx`` for text in a language without a model)."""
    import spacy

    _register()

    if name.startswith("blank:"):
        nlp = spacy.blank(name.removeprefix("blank:"))
        nlp.add_pipe(PARAGRAPHS)
        nlp.add_pipe("sentencizer")
        return nlp
    nlp = spacy.load(name)
    nlp.max_length = max(nlp.max_length, 2_000_000)
    anchor = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
    nlp.add_pipe(PARAGRAPHS, **anchor)
    return nlp
