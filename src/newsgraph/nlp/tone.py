"""The tone stage: GKG-like tone at article and sentence level.

Words are scored with VADER's lexicon (its valences, not its sentence heuristics): a word is
positive when its valence is above zero and negative when below. As in GDELT's GKG, for a span of
text with W words, P positive and N negative words:

- ``positive`` = 100 * P / W and ``negative`` = 100 * N / W (percent of words),
- ``tone`` = positive - negative (from -100 to +100, usually between -10 and +10),
- ``polarity`` = positive + negative (how emotionally charged the text is, whatever the sign),
- ``word_count`` = W.

A word preceded within three words by a negator ("not", "no", "never", "n't") counts on the
opposite side, which keeps "not welcome" from counting as positive.

Word tone says how the text is written, not what the actors did: a report of militants pledging
allegiance reads positive ("congratulate", "welcomed", "accepts"). ``conflict`` reads the events
instead: the mean Goldstein value of the article's events, from -10 (conflict) to +10
(cooperation), each event scored by its own ``goldstein`` (its CAMEO code's value in GDELT's
table, set by the events stage); an event without one is scored by its PLOVER type with
``data/events/goldstein.tsv`` (the mean Goldstein value of the CAMEO codes that map to the type;
sources in the file). It scores who did what to whom, so allegiance between militants is
cooperation between them. The events stage runs after this one and fills it in with
`with_conflict`; this stage fills it too when the events are already there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.model import Article, Event, SentenceTone, Tone
from newsgraph.nlp._doc import text_of
from newsgraph.rules import Row, RuleFile, data_dirs, read_table, table_rows

if TYPE_CHECKING:
    from spacy.tokens import Doc

STAGE = "tone"

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_NEGATORS = frozenset(
    {
        "not",
        "no",
        "never",
        "none",
        "nobody",
        "nothing",
        "neither",
        "nor",
        "without",
        "cannot",
        "n't",
    }
)
_NEGATION_WINDOW = 3


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, float]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return {w: v for w, v in SentimentIntensityAnalyzer().lexicon.items() if w.isalpha()}


_NEGATOR = 2  # the kind of a negator; a scored word's kind is its valence's sign, else 0
_KINDS: dict[str, int] = {}  # each word as written -> its kind, learnt as the text is read
_KINDS_MAX = 100_000  # distinct spellings kept before the table starts over
_KIND_CACHED_LENGTH = 40  # longer spellings are classified each time, never kept


def _kind(written: str) -> int:
    word = written.lower().replace("’", "'")
    if word in _NEGATORS or word.endswith("n't"):
        return _NEGATOR
    valence = _lexicon().get(word, 0.0)
    return (valence > 0) - (valence < 0)


def _kinds_of(written: list[str]) -> list[int]:
    """The kind of each word: a negator, or its valence's sign (0 for an unscored word)."""
    kinds = _KINDS
    out = []
    for raw in written:
        kind = kinds.get(raw)
        if kind is None:
            kind = _kind(raw)
            if len(raw) <= _KIND_CACHED_LENGTH:  # a 5 MB "word" is not kept after its text
                if len(kinds) >= _KINDS_MAX:
                    kinds.clear()
                kinds[raw] = kind
        out.append(kind)
    return out


def _tally(kinds: Iterable[int]) -> tuple[int, int]:
    """Positive and negative words among `kinds` read in order, a negator flipping the next
    `_NEGATION_WINDOW` words."""
    positive = negative = 0
    since_negator = _NEGATION_WINDOW + 1
    for kind in kinds:
        if kind == _NEGATOR:
            since_negator = 0
            continue
        since_negator += 1
        if not kind:
            continue
        if since_negator <= _NEGATION_WINDOW:
            kind = -kind
        if kind > 0:
            positive += 1
        else:
            negative += 1
    return positive, negative


def _counts(text: str) -> tuple[int, int, int]:
    written = _WORD.findall(text)
    positive, negative = _tally(_kinds_of(written))
    return len(written), positive, negative


def _shares(words: int, positive: int, negative: int) -> tuple[float, float]:
    if not words:
        return 0.0, 0.0
    return 100.0 * positive / words, 100.0 * negative / words


def score_text(text: str) -> Tone:
    """Tone of a whole text, without sentence detail."""
    return _tone(*_counts(text))


def _tone(words: int, pos: int, neg: int) -> Tone:
    p, n = _shares(words, pos, neg)
    return Tone(
        tone=round(p - n, 4),
        positive=round(p, 4),
        negative=round(n, 4),
        polarity=round(p + n, 4),
        word_count=words,
        stage=STAGE,
    )


_SCALE_COLUMNS = ("TYPE", "SCORE", "N", "CAMEO")


def _scale(rows: Iterable[Row]) -> dict[str, float]:
    scale = {}
    for row in rows:
        try:
            score = float(row["SCORE"])
        except ValueError as e:
            raise row.error("expected TYPE<tab>SCORE<tab>…: the score is not a number") from e
        if not -10.0 <= score <= 10.0:
            raise row.error(f"score {score} outside -10 … +10")
        scale[row["TYPE"].strip()] = score
    return scale


def parse_scale(text: str, name: str = "conflict scale") -> dict[str, float]:
    """PLOVER type -> score from the lines of a conflict scale file (see goldstein.tsv)."""
    return _scale(table_rows(RuleFile(name=name, text=text), _SCALE_COLUMNS, required=2))


def conflict_scale() -> dict[str, float]:
    """The PLOVER type -> Goldstein-style score table (shipped, then the user's data folders)."""
    return _conflict_scale(data_dirs())


@lru_cache(maxsize=4)
def _conflict_scale(dirs: tuple[Path, ...]) -> dict[str, float]:
    return _scale(read_table("events/goldstein.tsv", _SCALE_COLUMNS, required=2, dirs=dirs))


def _score(event: Event, scale: dict[str, float]) -> float | None:
    if event.goldstein is not None:
        return event.goldstein
    return scale.get(event.type)


def conflict_score(events: Sequence[Event]) -> float | None:
    """Mean Goldstein value of the events (-10 conflict … +10 cooperation): each event's own,
    else its type's on the conflict scale; None if no event has either. A negated event did
    not happen ("the army did not attack the town") and is left out."""
    scale = conflict_scale()
    scores = [s for s in (_score(e, scale) for e in events if not e.negated) if s is not None]
    if not scores:
        return None
    return round(sum(scores) / len(scores), 2)


def with_conflict(article: Article) -> Article:
    """The article with `tone.conflict` read from its events (unchanged when it has no tone)."""
    if article.tone is None:
        return article
    tone = article.tone.model_copy(update={"conflict": conflict_score(article.events)})
    return article.model_copy(update={"tone": tone})


def run(article: Article, doc: Doc) -> Article:
    sentences = []
    text = text_of(doc)
    # The article's words are its sentences' words in order where the sentences hold the
    # analysed text, nothing but spaces between them, and no word runs across a sentence end:
    # their kinds, read once per sentence, are then read again for the whole text.
    whole: list[int] | None = [] if text == article.text else None
    done = 0  # where the sentences read so far end
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        if whole is not None and (
            start < done
            or text[done:start].strip()
            or (0 < end < len(text) and _crosses(text, end))
        ):
            whole = None
        done = end
        sent_text = text[start:end]  # `sent.text`, without rejoining it
        if not sent_text.strip():
            continue
        written = _WORD.findall(sent_text)
        if not written:
            continue
        kinds = _kinds_of(written)
        if whole is not None:
            whole += kinds
        pos, neg = _tally(kinds)
        p, n = _shares(len(written), pos, neg)
        sentences.append(
            SentenceTone(
                start=start,
                end=end,
                stage=STAGE,
                tone=round(p - n, 4),
                positive=round(p, 4),
                negative=round(n, 4),
            )
        )
    if whole is not None and text[done:].strip():
        whole = None
    overall = score_text(article.text) if whole is None else _tone(len(whole), *_tally(whole))
    overall = overall.model_copy(
        update={"sentences": sentences, "conflict": conflict_score(article.events)}
    )
    return article.model_copy(update={"tone": overall})


_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'’-")


def _crosses(text: str, end: int) -> bool:
    """Whether a word (`_WORD`) may run on across offset `end`: both characters around it are
    of a word."""
    return text[end - 1] in _WORD_CHARS and text[end] in _WORD_CHARS
