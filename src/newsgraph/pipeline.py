"""The analysis pipeline: an ordered list of stages over one spaCy parse per article.

A stage is a module of `newsgraph.nlp` with `STAGE` (its name) and
`run(article, doc) -> Article`. The text is parsed once (in batches with `nlp.pipe`) and every
stage reads the same `Doc`. A text longer than `PARSE_CHARS` is parsed in pieces cut at line
breaks (where a sentence ends anyway) and joined back into one `Doc` of the whole text, so a
worker's memory is bounded by the batch, not by the longest article. Under the `record` error
policy a failing stage leaves a `StageError` on the article and the next stage goes on; under
`raise` it stops with `StageFailure`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.errors import StageFailure
from newsgraph.model import Article, StageError
from newsgraph.nlp import amounts, dates, entities, events, places, quotes, themes, tone
from newsgraph.nlp.spacy_model import load_nlp
from newsgraph.settings import Settings, get_settings

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

StageFn = Callable[[Article, "Doc"], Article]

PARSE_CHARS = 10_000  # longest piece of text given to the parser at once


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    run: StageFn


# Order matters: quotes need entities (speakers), events need everything before them.
DEFAULT_STAGES: tuple[Stage, ...] = tuple(
    Stage(m.STAGE, m.run) for m in (entities, places, dates, amounts, quotes, themes, tone, events)
)


@dataclass(frozen=True)
class Pipeline:
    stages: Sequence[Stage] = DEFAULT_STAGES
    settings: Settings | None = None

    @property
    def _settings(self) -> Settings:
        return self.settings or get_settings()

    def __call__(self, article: Article) -> Article:
        return next(iter(self.run_many([article])))

    def run_many(
        self, articles: Iterable[Article], *, batch_size: int | None = None
    ) -> Iterator[Article]:
        """Analyse articles in order, parsing their texts in batches."""
        settings = self._settings
        nlp = load_nlp(settings.spacy_model)
        pieces = nlp.pipe(
            _pieces_of(articles), as_tuples=True, batch_size=batch_size or settings.batch_size
        )
        parts: list[Doc] = []
        for doc, (article, last) in pieces:
            parts.append(doc)
            if last:
                yield self.apply(article, parts[0] if len(parts) == 1 else _joined(parts))
                parts = []

    def apply(self, article: Article, doc: Doc) -> Article:
        policy = self._settings.error_policy
        for stage in self.stages:
            try:
                article = stage.run(article, doc)
            except Exception as e:
                if policy == "raise":
                    raise StageFailure(
                        f"stage {stage.name} failed: {e}", origin=article.origin
                    ) from e
                log.warning("%s: stage %s failed: %s", article.origin or article.id, stage.name, e)
                error = StageError(stage=stage.name, code=StageFailure.code, message=str(e)[:500])
                article = article.model_copy(update={"errors": [*article.errors, error]})
        return article


def split_text(text: str, limit: int = PARSE_CHARS) -> list[str]:
    """`text` in consecutive pieces of at most `limit` characters that join back to it, each
    cut after a line break where one lies in the second half of the piece, else after a
    sentence end, else after a space."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = -1
        for mark in ("\n", ". ", " "):
            cut = text.rfind(mark, start + limit // 2, end - len(mark) + 1)
            if cut != -1:
                cut += len(mark)
                break
        if cut == -1:
            cut = end
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def _pieces_of(articles: Iterable[Article]) -> Iterator[tuple[str, tuple[Article, bool]]]:
    for article in articles:
        pieces = split_text(article.text, PARSE_CHARS)
        for i, piece in enumerate(pieces):
            yield piece, (article, i == len(pieces) - 1)


def _joined(parts: list[Doc]) -> Doc:
    from spacy.tokens import Doc

    return Doc.from_docs(parts, ensure_whitespace=False)


_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _default
    if _default is None:
        _default = Pipeline()
    return _default
