"""The dates stage: time expressions normalised to TIMEX3 values (`newsgraph.nlp.dates.timex`).

Relative expressions are anchored to `article.published` (its calendar date in its own time
zone). News is told in the past, so a bare weekday is the latest such day on or before
publication, the publication day included ("on Wednesday" in a Wednesday article is that day,
as in the TimeBank annotation); a future cue in the sentence ("will", "scheduled", "until", or
"plans to" as the first verb after it) turns it forward. A year-less month or day in a
past-tense sentence stays in the past (a passive participle after "is" is no past tense: "when
he is sentenced in February" looks ahead); "that year"/"that same day", "the following week"
and "two days earlier" follow the text's own latest date, where "two days ago" counts from
publication. Without a publication date the values keep their shape with X placeholders
("XXXX-WXX-2" for "Tuesday") and `resolved` stays False: nothing is guessed. Durations, sets and
PRESENT_REF/PAST_REF/FUTURE_REF are never `resolved` (they name no calendar value).

In an article that is not English (`newsgraph.nlp.language`) only numeric dates are read
("2015-06-24", "24/06/2015"): the other rules read English words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.model import DateExpr
from newsgraph.nlp.dates.timex import find_timexes
from newsgraph.nlp.language import is_english

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsgraph.model import Article

__all__ = ["STAGE", "run"]  # the public names; the rest is private

STAGE = "dates"


def find_dates(article: Article) -> list[DateExpr]:
    ref = article.published.date() if article.published is not None else None
    return [
        DateExpr(
            start=t.start,
            end=t.end,
            stage=STAGE,
            text=t.text,
            type=t.type,
            value=t.value,
            granularity=t.granularity,
            resolved=t.resolved,
        )
        for t in find_timexes(article.text, ref, english=is_english(article))
    ]


def run(article: Article, doc: Doc) -> Article:
    return article.model_copy(update={"dates": find_dates(article)})
