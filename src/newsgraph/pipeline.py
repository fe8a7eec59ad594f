"""The analysis pipeline: an ordered list of stages over one spaCy parse per article.

A stage is a `newsgraph.stages.Stage`: a name, `run(article, doc) -> Article`, what it requires
and what it assigns. `Pipeline(settings=)` runs the stages `Settings.stages` names, in that
order (built-in, registered, or installed through the ``newsgraph.stages`` entry points), and
refuses an order in which a stage comes before the one that fills what it reads. The text is
parsed once (in batches with `nlp.pipe`) and every stage reads the same `Doc`. A text longer
than `PARSE_CHARS` is parsed in pieces cut where a line or a sentence ends
(`newsgraph.nlp.textcut`) and joined back into one `Doc`, so a worker's memory is bounded by
the batch, not by the longest article. Under the `record` error policy a
failing stage leaves a `StageError` on the article and the next stage goes on; under `raise` it
stops with `StageFailure`.

Every input is bounded: the stages read at most `Settings.max_analyse_chars` characters of an
article, cut at a sentence end; a longer article keeps its whole text and gets the flag
`truncated_analysis` (its facts cover the opening only).

Each stage says what it reads (`Stage.language`): English words ("english": lexicons, English
rules), only the parse of a model of the text's language ("model"), or nothing of any language
("any"). An English article gets every stage. An article in another language is parsed by the
model `Settings.language_models` names for it and gets the "model" and "any" stages; without
such a model it gets the "any" stages only, on a language-neutral tokenisation. Both keep the
flag `non_english` and add `english_stages_skipped`: no facts rather than invented ones.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsgraph.errors import StageFailure
from newsgraph.model import Article, StageError
from newsgraph.nlp.language import ENGLISH, language_code
from newsgraph.nlp.spacy_model import english_labels, load_nlp, remember_text
from newsgraph.nlp.textcut import analysis_end
from newsgraph.nlp.textcut import split_text as _split_text
from newsgraph.rules import using_data_dirs
from newsgraph.settings import DEFAULT_STAGES as DEFAULT_STAGE_NAMES
from newsgraph.settings import Brief, Settings, get_settings
from newsgraph.stages import Stage, StageFn, StageLanguage, check_order, stages_named

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

PARSE_CHARS = 10_000  # longest piece of text given to the parser at once
NEUTRAL_MODEL = "blank:xx"  # tokens and sentences of any language, no English in it
TRUNCATED = "truncated_analysis"
NON_ENGLISH = "non_english"
ENGLISH_SKIPPED = "english_stages_skipped"


__all__ = ["DEFAULT_STAGES", "Pipeline", "Stage", "StageFn", "StageLanguage", "split_text"]

# Today's order (`Settings.stages` by default): what each stage reads is in `newsgraph.stages`.
DEFAULT_STAGES: tuple[Stage, ...] = stages_named(DEFAULT_STAGE_NAMES)


@dataclass(frozen=True, slots=True)
class _Plan:
    """How one article is analysed: the text the stages read, the model, the stages."""

    article: Article  # as given
    analysed: Article  # the same article, its text cut to what the analysis reads
    model: str
    stages: tuple[Stage, ...]
    flags: tuple[str, ...]  # added to the result
    foreign: bool  # parsed by another language's model: its labels are mapped to English ones


@dataclass(frozen=True)
class Pipeline(metaclass=Brief):
    """The stages over one parse per article. `stages` defaults to those `settings.stages`
    names, found when the pipeline is built (`settings` defaults to the environment's); an
    order whose requirements are not met is refused then, naming the stage that must come
    first."""

    stages: Sequence[Stage] = field(default=())
    settings: Settings | None = None

    def __post_init__(self) -> None:
        if not self.stages:
            names = self._settings.stages
            chosen = DEFAULT_STAGES if names == DEFAULT_STAGE_NAMES else stages_named(names)
            object.__setattr__(self, "stages", chosen)
        else:
            object.__setattr__(self, "stages", tuple(self.stages))
            check_order(self.stages)

    @property
    def _settings(self) -> Settings:
        return self.settings or get_settings()

    def __call__(self, article: Article) -> Article:
        return next(iter(self.run_many([article])))

    def run_many(
        self, articles: Iterable[Article], *, batch_size: int | None = None
    ) -> Iterator[Article]:
        """Analyse articles in order, parsing their texts in batches (one batch stream per run
        of articles that share a model)."""
        settings = self._settings
        plans = (self._plan(article, settings) for article in articles)
        for model, group in itertools.groupby(plans, key=lambda plan: plan.model):
            nlp = load_nlp(model)
            pieces = nlp.pipe(
                _pieces_of(group), as_tuples=True, batch_size=batch_size or settings.batch_size
            )
            parts: list[Doc] = []
            for doc, (plan, last) in pieces:
                parts.append(doc)
                if last:
                    whole = parts[0] if len(parts) == 1 else _joined(parts)
                    with using_data_dirs(settings.data_dirs):  # the user's rule files, if any
                        result = self._finish(plan, whole, settings.error_policy)
                    yield result
                    parts = []

    def _plan(self, article: Article, settings: Settings) -> _Plan:
        end = analysis_end(article.text, settings.max_analyse_chars)
        analysed = article if end == len(article.text) else _cut(article, end)
        flags: list[str] = [TRUNCATED] if end < len(article.text) else []
        code = language_code(article)
        if code == ENGLISH:
            return _Plan(
                article, analysed, settings.spacy_model, tuple(self.stages), (*flags,), False
            )
        model = settings.language_models.get(code) if code else None
        kept = ("model", "any") if model else ("any",)
        flags += [NON_ENGLISH, ENGLISH_SKIPPED]
        stages = tuple(s for s in self.stages if s.language in kept)
        return _Plan(article, analysed, model or NEUTRAL_MODEL, stages, (*flags,), bool(model))

    def _finish(self, plan: _Plan, doc: Doc, policy: str) -> Article:
        if plan.foreign:
            english_labels(doc)
        remember_text(doc, plan.analysed.text)  # what it was parsed from: no join per stage
        result = _run_stages(plan.analysed, doc, plan.stages, policy)
        update: dict[str, object] = {
            "flags": [*result.flags, *(f for f in plan.flags if f not in result.flags)]
        }
        if plan.analysed is not plan.article:
            update |= {"text": plan.article.text, "body": plan.article.body}
        return result.model_copy(update=update)


def _run_stages(article: Article, doc: Doc, stages: Iterable[Stage], policy: str) -> Article:
    """`article` through `stages` over `doc`; a failing stage is raised (`StageFailure`) under
    the error policy "raise", else recorded on the article (`StageError`) and the next goes on."""
    for stage in stages:
        try:
            article = stage.run(article, doc)
        except Exception as e:
            if policy == "raise":
                raise StageFailure(f"stage {stage.name} failed: {e}", origin=article.origin) from e
            log.warning("%s: stage %s failed: %s", article.origin or article.id, stage.name, e)
            error = StageError(stage=stage.name, code=StageFailure.code, message=str(e)[:500])
            article = article.model_copy(update={"errors": [*article.errors, error]})
    return article


def split_text(text: str, limit: int = PARSE_CHARS) -> list[str]:
    """`text` in consecutive pieces of at most `limit` characters that join back to it, each
    cut after a line break where one lies in the second half of the piece, else after a
    sentence end, else after whitespace (`newsgraph.nlp.textcut.cut_point`)."""
    return _split_text(text, limit)


def _cut(article: Article, end: int) -> Article:
    """`article` with its text (and body) ending at `end`; the id and the rest unchanged."""
    body_start = min(article.body_start, end)
    return article.model_copy(
        update={"text": article.text[:end], "body": article.text[body_start:end]}
    )


def _pieces_of(plans: Iterable[_Plan]) -> Iterator[tuple[str, tuple[_Plan, bool]]]:
    for plan in plans:
        pieces = split_text(plan.analysed.text, PARSE_CHARS)
        for i, piece in enumerate(pieces):
            yield piece, (plan, i == len(pieces) - 1)


def _joined(parts: list[Doc]) -> Doc:
    from spacy.tokens import Doc

    return Doc.from_docs(parts, ensure_whitespace=False)


_default: Pipeline | None = None
_by_settings: dict[Settings, Pipeline] = {}


def default_pipeline() -> Pipeline:
    """The pipeline of the environment's settings (read as each article is analysed)."""
    global _default
    if _default is None:
        _default = Pipeline()
    return _default


def pipeline_for(settings: Settings | None) -> Pipeline:
    """The pipeline of `settings` (the default one for None), built once per process."""
    if settings is None:
        return default_pipeline()
    found = _by_settings.get(settings)
    if found is None:
        found = _by_settings[settings] = Pipeline(settings=settings)
    return found
