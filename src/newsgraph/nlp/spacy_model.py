"""The spaCy pipeline, loaded once per process and per model name.

Every pipeline gets one component of ours, `newsgraph_paragraphs`, before the parser: a line
break always ends a sentence, so no sentence (and no entity) straddles a headline and the
paragraph after it, or two paragraphs of a dump.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.language import Language

if TYPE_CHECKING:
    from spacy.tokens import Doc


@Language.component("newsgraph_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every whitespace token that holds a line break."""
    for token in doc[:-1]:
        if ("\n" in token.text and token.is_space) or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_nlp(name: str) -> Language:
    """Load a spaCy pipeline by package name; ``blank:LANG`` gives a blank one (for tests)."""
    import spacy

    if name.startswith("blank:"):
        nlp = spacy.blank(name.removeprefix("blank:"))
        nlp.add_pipe("newsgraph_paragraphs")
        nlp.add_pipe("sentencizer")
        return nlp
    nlp = spacy.load(name)
    nlp.max_length = max(nlp.max_length, 2_000_000)
    anchor = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
    nlp.add_pipe("newsgraph_paragraphs", **anchor)
    return nlp
