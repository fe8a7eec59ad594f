"""The analysis pipeline: an ordered list of stages over one spaCy parse per article.

A stage is a module of `newsgraph.nlp` with `STAGE` (its name) and
`run(article, doc) -> Article`. The text is parsed once (in batches with `nlp.pipe`) and every
stage reads the same `Doc`. Under the `record` error policy a failing stage leaves a
`StageError` on the article and the next stage goes on; under `raise` it stops with
`StageFailure`.
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
        pairs = nlp.pipe(
            ((a.text, a) for a in articles),
            as_tuples=True,
            batch_size=batch_size or settings.batch_size,
        )
        for doc, article in pairs:
            yield self.apply(article, doc)

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


_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _default
    if _default is None:
        _default = Pipeline()
    return _default
