"""The entities stage: who and what the article names, grouped into canonical entities.

Recognition is spaCy's, corrected with evidence it lacks (see `_recognize` for the steps and
where each lives: `_types` for the types checked against the gazetteer and name shapes,
`_located` for towns the text uses as places, `_scorelines` for teams in results lines,
`_document` for one type per name in a document); mentions are grouped into entities with
stable ids by the merge rule in `newsgraph.nlp.entities.aliases`.
`entity_at(article, start, end)` tells other stages (quotes, events) which entity a span names.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from newsgraph.model import Article, Entity, Mention
from newsgraph.nlp._doc import (
    entity_at,  # re-exported: which entity a span names
    named_entities,
)
from newsgraph.nlp.entities._lexicon import Lexicon, lexicon
from newsgraph.nlp.entities._recognize import recognize
from newsgraph.nlp.entities._spans import RawEnt, Rerun, Span
from newsgraph.nlp.entities._types import well_known_place
from newsgraph.nlp.entities.aliases import Item, group_mentions
from newsgraph.nlp.spacy_model import ner_of, pipeline_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["STAGE", "entity_at", "find_entities", "run"]  # the public names; the rest is private

STAGE = "entities"


def find_entities(text: str, ents: Iterable[RawEnt], *, rerun: Rerun | None = None) -> list[Entity]:
    """Canonical entities of `text`, given spaCy's entities as (start, end, label).

    The lexicon is looked up once per article and handed to every step (the gazetteer loads
    itself at its first lookup), so that a short article pays for its own words and not for
    finding the shared tables again."""
    lex = lexicon()
    spans, pairs = recognize(text, ents, lex, rerun=rerun, known_place=well_known_place)
    return entities_from_spans(text, spans, pairs, lex=lex)


def entities_from_spans(
    text: str,
    spans: Sequence[Span],
    pairs: Sequence[tuple[int, int]] = (),
    *,
    lex: Lexicon | None = None,
) -> list[Entity]:
    """Group recognised spans into entities, ordered by first mention."""
    lex = lex or lexicon()
    items = [Item(sp.start, sp.end, text[sp.start : sp.end], sp.type) for sp in spans]
    groups = group_mentions(text, items, lex, pairs=pairs)
    out = []
    for g in groups:
        mentions = [Mention(start=it.start, end=it.end, text=it.text) for it in g.items]
        mentions.sort(key=lambda m: m.start)
        out.append(
            Entity(
                start=mentions[0].start,
                end=mentions[0].end,
                stage=STAGE,
                id=g.id,
                name=g.name,
                type=g.type,
                aliases=g.aliases,
                mentions=mentions,
                links=g.links,
            )
        )
    return _merge_same_id(sorted(out, key=lambda e: e.start))


def _merge_same_id(entities: list[Entity]) -> list[Entity]:
    """Two groups that ended with one id (a rare key collision) become one entity."""
    by_id: dict[str, Entity] = {}
    for ent in entities:
        prev = by_id.get(ent.id)
        if prev is None:
            by_id[ent.id] = ent
            continue
        aliases = list(dict.fromkeys([*prev.aliases, ent.name, *ent.aliases]))
        mentions = sorted([*prev.mentions, *ent.mentions], key=lambda m: m.start)
        by_id[ent.id] = prev.model_copy(
            update={
                "aliases": [a for a in aliases if a != prev.name],
                "mentions": mentions,
                "links": list(dict.fromkeys([*prev.links, *ent.links])),
            }
        )
    return list(by_id.values())


def run(article: Article, doc: Doc) -> Article:
    ents = list(named_entities(doc))
    # Re-cased lines are read again by the model that parsed `doc` (`ner_of`), never by one
    # the environment names.
    entities = find_entities(article.text, ents, rerun=_rerun(doc))
    return article.model_copy(update={"entities": entities})


def _rerun(doc: Doc) -> Rerun | None:
    """`ner_of(doc)`, made at its first call: most articles have no ALL-CAPS line to re-read,
    and making it asks the pipeline for its components (None, as `ner_of` gives, where the
    pipeline that parsed `doc` is unknown)."""
    if pipeline_of(doc) is None:
        return None
    made: list[Rerun] = []

    def recognise(text: str) -> list[tuple[int, int, str]]:
        if not made:
            found = ner_of(doc)
            if found is None:  # the pipeline was unloaded since
                return []
            made.append(found)
        return made[0](text)

    return recognise
