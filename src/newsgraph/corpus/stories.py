"""Stories: groups of articles that report the same event.

Two articles are compared by a weighted sum of two cosine similarities:

- words: TF-IDF over unigrams and bigrams (English stop words out, binary term frequency:
  each term counts once, however often the article repeats it), weight `WORD_WEIGHT` = 0.85;
- names: TF-IDF over the names the article is about (`name_terms`: entity ids from the entities
  stage plus capitalised phrases, as name keys, and years), binary too, weight 0.15. Names
  separate two events of the same kind (two earthquakes, two rehab stays) that share most of
  their vocabulary.

Once there are `MIN_DF_FROM` articles, words and names in one article only are left out.

Similarity alone is relative to the corpus (IDF estimated on five articles makes everything look
alike), so two articles are one story only with absolute evidence (`evidence_from_counts`): a shared
specific name (a person, organisation, group or a place inside a country; not a country, a region
across countries, a demonym, a news outlet or a timestamp; a shorter form of a name counts, "Orvik"
for "Lina Orvik", and so does a word that only opens sentences, "Brennock police said", against a
report that names "Brennock" inside a sentence, see `short_keys`), enough shared words (cosine of
plain sublinear counts, no IDF) and publication dates at most `WINDOW_DAYS` apart when both are
known. A common name (in more than `COMMON_SHARE` = 4% of the articles and more than
`COMMON_FROM` = 20: the city of many stories) counts only beside another specific name. Every
article of a story has that evidence with at least one other member.

`cluster` groups a whole set at once with average-linkage agglomerative clustering cut at
similarity `THRESHOLD` (0.13), then `refine` moves each article to the story whose other members
are most similar to it on average when that mean reaches `JOIN_THRESHOLD` (0.11), and
`split_unsupported` splits a story into the groups that evidence connects. `assign` places newly
stored articles incrementally by the same rules: each joins the existing story whose members are,
on average, most similar to it (at least `JOIN_THRESHOLD`, with evidence for one member at
least), or starts a new one; it compares against the `POOL` most recent stored articles (the
store reads them and writes the stories: no SQL here). Word weights then come from the pool alone,
where the first report of a new event has none of its own words in common with any other: it
looks more like an older event of the same kind than it will once its event has more reports, so
`assign` merges more than `cluster` does (the "ingest path" of docs/bench/stories.md).

Grouping at once takes dense n x n matrices (memory and time grow with n²), so `cluster` groups at
most `MAX_CLUSTER` (2,000) articles at once, about 0.2 GB at the peak. A larger set is taken in
order of publication (undated articles last, ties in input order): the first `MAX_CLUSTER` are
grouped at once, then the later ones `POOL` at a time, each step placed as `assign` places new
articles, against the `POOL` articles before it. Memory is then O(MAX_CLUSTER² + POOL² + n) and
time beyond the cap linear in n; labels are still numbered by first appearance in the input, and
such a set merges somewhat more than one grouped at once, as `assign` does.

Settings are fixed (chosen on ECB+, see docs/bench/stories.md), never tuned per topic. scipy and
scikit-learn are imported on first use, so importing this module is cheap.
"""

from __future__ import annotations

import re
import zlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from newsgraph.corpus._story_names import (
    MAX_CHARS,
    entity_key,
    is_generic,
    is_noise,
    phrase_and_opening_keys,
    short_forms,
)
from newsgraph.model import Article

if TYPE_CHECKING:  # scipy and scikit-learn load on first use, not on `import newsgraph`
    from scipy import sparse
    from sklearn.feature_extraction.text import HashingVectorizer

WORD_WEIGHT = 0.85
# The cut and the join are cosines of binary TF-IDF vectors (`_tfidf`), which run lower than
# those of sublinear counts on long articles: 0.13 and 0.10 cut off the same share of ECB+ article
# pairs as 0.18 and 0.14 did with sublinear counts; the join is 0.11, not 0.10, so that an article
# that shares one place and a wire footer with a story stays out of it (a small corpus, where IDF
# says little: tests/test_corpus_stories.py, issue 14 item 8).
THRESHOLD = 0.13
JOIN_THRESHOLD = 0.11
WINDOW_DAYS = 7.0
POOL = 400
MAX_CLUSTER = 2000  # articles `cluster` groups all at once (dense n x n matrices, ~0.2 GB)
REFINE_ROUNDS = 3
MIN_DF_FROM = 20  # from this many articles on, words and names in one article only are dropped
MIN_SHARED_NAMES = 1  # specific names two articles must share to be one story
MIN_WORDS = 0.1  # word overlap (cosine of sublinear counts, no IDF) two articles must reach
MIN_WORDS_ONE_NAME = 0.2  # ... when they share only one specific name
# A name in more than `COMMON_SHARE` of the articles, and in more than `COMMON_FROM`, is common
# (`_common_columns`): the city many stories happen in, a league, a large company. Two articles
# that share a common name and no other specific one are not shown to report one event by it:
# "a fire at a market in Varnholm" and "a tram crash in Varnholm" in a feed where one article in
# ten names Varnholm. With another specific name (the stallholder, the tram operator) it counts.
COMMON_SHARE = 0.04
COMMON_FROM = 20
WORD_FEATURES = 2**30
NAME_FEATURES = 2**26
KEY_FEATURES = 2**32

OPENING = "~"  # marks a name term that is only a sentence-opening key (`name_terms`)

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def name_terms(text: str, entity_ids: Sequence[str] = ()) -> list[str]:
    """The names an article is about (name keys, see `newsgraph.corpus._story_names`) and the
    years it mentions, from entity ids and the capitalised phrases of the text, then its
    sentence-opening keys marked with `OPENING` ("~brennock" for "Brennock police said ...",
    `phrase_and_opening_keys`): maybe names, they weigh nothing in the similarity and count as
    a shared name only against another article's name (see `short_keys`).

    News outlets, weekdays and months are left out.
    """
    terms = [k for k in (entity_key(e) for e in entity_ids) if k is not None]
    keys, opening = phrase_and_opening_keys(text)
    terms.extend(k for k in keys if not k.isdigit() and not is_noise(k))
    terms.extend(_YEAR.findall(text[:MAX_CHARS]))
    named = set(terms)
    terms.extend(OPENING + k for k in opening if not is_noise(k) and k not in named)
    return terms


def _strong(names: Sequence[str]) -> list[str]:
    return [t for t in names if not t.startswith(OPENING)]


def _opening(names: Sequence[str]) -> list[str]:
    return [t[len(OPENING) :] for t in names if t.startswith(OPENING)]


def evidence_keys(names: Sequence[str]) -> list[str]:
    """The specific names among `name_terms`: no year, country, region across countries,
    demonym or sentence-opening key; two articles of one story share at least one."""
    return sorted({t for t in _strong(names) if not t.isdigit() and not is_generic(t)})


def short_keys(keys: Sequence[str], opening: Sequence[str] = ()) -> list[str]:
    """Names an article may stand for that are not keys of its own: the shorter forms of its
    evidence keys (`newsgraph.corpus._story_names.short_forms`: "orvik" for an article that
    only names "Lina Orvik"), and its specific sentence-opening keys with their shorter forms
    ("brennock" for "Brennock police said ..."). Another article's key "orvik" or "brennock"
    then counts as a name the two share; two such forms never do."""
    own = set(keys)
    weak = {k for k in opening if not is_generic(k)}
    return sorted(({s for k in [*keys, *weak] for s in short_forms(k)} | weak) - own)


def _identity(terms: list[str]) -> list[str]:
    return terms


@lru_cache(maxsize=1)
def _word_hasher() -> HashingVectorizer:
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        n_features=WORD_FEATURES,
        alternate_sign=False,
        norm=None,
        stop_words="english",
        ngram_range=(1, 2),
    )


@lru_cache(maxsize=1)
def _name_hasher() -> HashingVectorizer:
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        n_features=NAME_FEATURES,
        alternate_sign=False,
        norm=None,
        analyzer=_identity,
        lowercase=False,
    )


class Counts(NamedTuple):
    """Hashed term counts of a set of articles (one row per article)."""

    words: sparse.csr_matrix  # word unigrams and bigrams
    names: sparse.csr_matrix  # name terms (`name_terms`)
    keys: sparse.csr_matrix  # evidence keys (`evidence_keys`), 0/1
    short: sparse.csr_matrix  # their shorter forms that are no key of the article (`short_keys`)


def term_counts(texts: Sequence[str], names: Sequence[Sequence[str]]) -> Counts:
    """Hashed term counts: word unigrams+bigrams, name terms, evidence keys and short forms."""
    from scipy import sparse

    words = _word_hasher().transform([t[:MAX_CHARS] for t in texts])
    named = _name_hasher().transform([_strong(n) for n in names])
    keys = [evidence_keys(n) for n in names]
    return Counts(
        sparse.csr_matrix(words),
        sparse.csr_matrix(named),
        _key_matrix(keys),
        _key_matrix([short_keys(k, _opening(n)) for k, n in zip(keys, names, strict=True)]),
    )


def _key_hash(key: str) -> int:
    return zlib.crc32(key.encode("utf-8"))


def _key_matrix(keys: Sequence[Sequence[str]]) -> sparse.csr_matrix:
    from scipy import sparse

    columns = [sorted({_key_hash(k) for k in row}) for row in keys]
    indptr = np.zeros(len(columns) + 1, dtype=np.int64)
    np.cumsum([len(c) for c in columns], out=indptr[1:])
    indices = np.array([c for row in columns for c in row], dtype=np.int64)
    return sparse.csr_matrix(
        (np.ones(len(indices)), indices, indptr), shape=(len(columns), KEY_FEATURES)
    )


def _compact(counts: sparse.csr_matrix) -> sparse.csr_matrix:
    """The same rows with only the columns in use (hashed spaces are too wide to multiply)."""
    from scipy import sparse

    columns, compact = np.unique(counts.indices, return_inverse=True)
    return sparse.csr_matrix(
        (counts.data.astype(np.float64), compact.ravel(), counts.indptr),
        shape=(counts.shape[0], len(columns)),
    )


def _tfidf(counts: sparse.csr_matrix, min_df: int) -> sparse.csr_matrix:
    """Binary TF-IDF with smoothed IDF (a term weighs its IDF however often the article repeats
    it), terms in fewer than `min_df` rows dropped, L2 rows.

    Why binary: two reports of one event name the same things and use the same words, but how
    often each repeats them is its length and style (a long profile names "Orvik" eight times,
    a brief once); counting a term once lets the rarer terms the two share decide.
    """
    n = counts.shape[0]
    matrix = _compact(counts)
    matrix.data = np.ones_like(matrix.data)  # present or not; (1 + log 1) * IDF below is the IDF
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    idf[df < min_df] = 0.0
    return _sublinear_l2(matrix, idf[matrix.indices])


def _sublinear_l2(matrix: sparse.csr_matrix, weights: np.ndarray | float) -> sparse.csr_matrix:
    """Rows of (1 + log count) * weight, L2-normalised (empty rows stay empty)."""
    matrix = matrix.astype(np.float64, copy=True)
    matrix.data = (np.log(matrix.data) + 1.0) * weights
    matrix.eliminate_zeros()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix.data *= np.repeat(1.0 / norms, np.diff(matrix.indptr))
    return matrix


class Scores(NamedTuple):
    """What decides stories, article by article (`rows` x n)."""

    similarity: np.ndarray  # weighted cosine (see the module doc), 0 outside the date window
    evidence: np.ndarray  # True where the two articles have the evidence of one story


def evidence_from_counts(
    counts: Counts,
    published: Sequence[datetime | None] | None = None,
    *,
    rows: Sequence[int] | None = None,
) -> np.ndarray:
    """True where two articles have the absolute evidence of one story (`rows` x n).

    Whatever the corpus, two articles are one story only if they share at least
    `MIN_SHARED_NAMES` specific names (a key of one that is a key or a short form of the other's
    keys, `short_keys`: "Orvik" meets "Lina Orvik"; a common name, `_common_columns`, counts only
    beside another), their words overlap (the cosine of their sublinear word counts, with no IDF
    so that it means the same on 5 articles as on 5 million, reaches `MIN_WORDS`, or
    `MIN_WORDS_ONE_NAME` when a single name is all they share) and they were published at most
    `WINDOW_DAYS` apart (when both dates are known). An article always has
    evidence with itself.
    """
    n = counts.words.shape[0]
    picked = list(range(n)) if rows is None else list(rows)
    shared = _shared_names(counts, picked)
    plain = _sublinear_l2(_compact(counts.words), 1.0)
    overlap = (plain[picked] @ plain.T).toarray()
    enough = np.where(shared > MIN_SHARED_NAMES, MIN_WORDS, MIN_WORDS_ONE_NAME)
    out = (shared >= MIN_SHARED_NAMES) & (overlap >= enough)
    if published is not None:
        out &= _window_mask(published)[picked] > 0
    out[np.arange(len(picked)), picked] = True
    return np.asarray(out)


def _shared_names(counts: Counts, picked: Sequence[int]) -> np.ndarray:
    """How many names each picked article shares with each article: keys in common, plus keys
    of one among the other's short forms (`short_keys`), either way; 0 where all they share
    are common names (`_common_columns`)."""
    shared = _count_shared(counts.keys, counts.short, picked)
    common = _common_columns(counts.keys)
    if len(common):
        rare = _count_shared(_without(counts.keys, common), _without(counts.short, common), picked)
        shared = np.where(rare > 0, shared, 0)
    return shared


def _count_shared(
    keys: sparse.csr_matrix, short: sparse.csr_matrix, picked: Sequence[int]
) -> np.ndarray:
    from scipy import sparse

    n = keys.shape[0]
    both = _compact(sparse.vstack([keys, short], format="csr"))
    keys, short = both[:n], both[n:]
    mine = keys[picked]
    shared = mine @ keys.T + mine @ short.T + short[picked] @ keys.T
    return np.asarray(shared.toarray())


def _common_columns(keys: sparse.csr_matrix) -> np.ndarray:
    """Key columns in more than `COMMON_SHARE` of the rows and more than `COMMON_FROM` rows."""
    columns, df = np.unique(keys.indices, return_counts=True)
    return columns[df > max(COMMON_FROM, COMMON_SHARE * keys.shape[0])]


def _without(matrix: sparse.csr_matrix, columns: np.ndarray) -> sparse.csr_matrix:
    """`matrix` with the entries of `columns` removed."""
    out = matrix.copy()
    out.data = np.where(np.isin(out.indices, columns), 0.0, out.data)
    out.eliminate_zeros()
    return out


def scores_from_counts(
    counts: Counts,
    published: Sequence[datetime | None] | None = None,
    *,
    rows: Sequence[int] | None = None,
) -> Scores:
    """Similarity and evidence of every article (or only of `rows`) to every article."""
    n = counts.words.shape[0]
    # A term (word or name) in one article alone is shared with none: kept, it would only
    # shrink the weight of the terms that article does share, the more so the more it has.
    min_df = 2 if n >= MIN_DF_FROM else 1
    w = _tfidf(counts.words, min_df)
    e = _tfidf(counts.names, min_df)
    picked = list(range(n)) if rows is None else list(rows)
    sim = WORD_WEIGHT * (w[picked] @ w.T).toarray()
    sim += (1 - WORD_WEIGHT) * (e[picked] @ e.T).toarray()
    if published is not None:
        sim = sim * _window_mask(published)[picked]
    sim[np.arange(len(picked)), picked] = 1.0
    return Scores(np.asarray(sim), evidence_from_counts(counts, published, rows=picked))


def scores(
    texts: Sequence[str],
    names: Sequence[Sequence[str]],
    published: Sequence[datetime | None] | None = None,
) -> Scores:
    """Pairwise similarity and evidence of articles (n x n); `names` are their `name_terms`."""
    if not texts:
        return Scores(np.zeros((0, 0)), np.zeros((0, 0), dtype=bool))
    return scores_from_counts(term_counts(texts, names), published)


def similarity(
    texts: Sequence[str],
    names: Sequence[Sequence[str]],
    published: Sequence[datetime | None] | None = None,
) -> np.ndarray:
    """The pairwise story similarity of articles (dense, n x n, diagonal 1)."""
    return scores(texts, names, published).similarity


def _window_mask(published: Sequence[datetime | None]) -> np.ndarray:
    stamps = np.array([p.timestamp() if p is not None else np.nan for p in published])
    gap = np.abs(stamps[:, None] - stamps[None, :]) / 86400.0
    return np.where(np.isnan(gap) | (gap <= WINDOW_DAYS), 1.0, 0.0)


def _article_names(article: Article) -> list[str]:
    return name_terms(article.text, [e.id for e in article.entities])


def cluster(articles: Sequence[Article]) -> list[int]:
    """One story label per article, in order (labels numbered by first appearance).

    Up to `MAX_CLUSTER` articles are grouped all at once (`_cluster_scores`); a larger set is
    grouped in bounded memory by `_cluster_in_steps`.
    """
    if not articles:
        return []
    if len(articles) == 1:
        return [0]
    if len(articles) > MAX_CLUSTER:
        return _cluster_in_steps(articles)
    found = scores(
        [a.text for a in articles],
        [_article_names(a) for a in articles],
        [a.published for a in articles],
    )
    return _cluster_scores(found)


def _cluster_scores(found: Scores) -> list[int]:
    """Stories of a whole set from its `Scores` (n x n): average-linkage agglomerative
    clustering cut at `THRESHOLD`, then `refine` and `split_unsupported`; labels numbered by
    first appearance."""
    from sklearn.cluster import AgglomerativeClustering

    distance = np.clip(1.0 - found.similarity, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    raw = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=1.0 - THRESHOLD,
    ).fit_predict(distance)
    refined = refine(found.similarity, raw.tolist(), evidence=found.evidence)
    return _renumber(split_unsupported(refined.tolist(), found.evidence))


def _cluster_in_steps(articles: Sequence[Article]) -> list[int]:
    """`cluster` for more than `MAX_CLUSTER` articles, in memory O(MAX_CLUSTER² + POOL² + n).

    Articles are taken by publication date, an undated one at the date of the nearest dated
    article before it in the input (the first dated one's when none is), so that it meets the
    reports it came with; ties keep input order. The first
    `MAX_CLUSTER` are grouped all at once; the later ones follow in steps of `POOL`, each step
    placed as `assign` places a batch in the store: against the `POOL` articles before it, with
    word weights from those and the step, `JOIN_THRESHOLD` and evidence with one member needed.
    """
    n = len(articles)
    order = sorted(range(n), key=_sort_keys(articles).__getitem__)
    dates = [articles[i].published for i in order]
    counts = term_counts(
        [articles[i].text for i in order], [_article_names(articles[i]) for i in order]
    )
    labels = _cluster_scores(
        scores_from_counts(_take(counts, range(MAX_CLUSTER)), dates[:MAX_CLUSTER])
    )
    for start in range(MAX_CLUSTER, n, POOL):
        labels.extend(_place_step(counts, dates, labels, range(start, min(n, start + POOL))))
    out = [0] * n
    for position, label in zip(order, labels, strict=True):
        out[position] = label
    return _renumber(out)


def _place_step(
    counts: Counts, dates: Sequence[datetime | None], labels: Sequence[int], step: range
) -> list[int]:
    """Stories of the articles of `step`, placed against the `POOL` labelled ones before it
    (`assign_rows`); a new story takes a label above every label so far."""
    pool = list(range(max(0, step.start - POOL), step.start))
    picked = pool + list(step)
    found = scores_from_counts(
        _take(counts, picked), [dates[i] for i in picked], rows=range(len(pool), len(picked))
    )
    known: list[int | None] = [labels[i] for i in pool]
    placed = assign_rows(
        found.similarity,
        known + [None] * len(step),
        threshold=JOIN_THRESHOLD,
        evidence_rows=found.evidence,
    )
    shift, kept = _shift(max(labels) + 1, known), set(known)
    return [x if x in kept else x + shift for x in placed[len(pool) :]]


def _sort_keys(articles: Sequence[Article]) -> list[tuple[float, int]]:
    """(time, input position) of each article; an undated one takes the time of the last dated
    article before it, or of the first dated one when none came before."""
    stamps = [a.published.timestamp() if a.published is not None else None for a in articles]
    last = next((t for t in stamps if t is not None), 0.0)
    keys = []
    for position, stamp in enumerate(stamps):
        last = stamp if stamp is not None else last
        keys.append((last, position))
    return keys


def _take(counts: Counts, rows: Sequence[int]) -> Counts:
    picked = list(rows)
    return Counts(*(m[picked] for m in counts))


def refine(
    sim: np.ndarray,
    labels: Sequence[int],
    *,
    rounds: int = REFINE_ROUNDS,
    evidence: np.ndarray | None = None,
) -> np.ndarray:
    """Move each article to the story whose other members are most similar to it on average.

    Agglomerative merges are final; this k-means-like pass fixes articles that a merge put in a
    story where they fit worse than in another. An article stays put unless the better story's
    mean similarity reaches `JOIN_THRESHOLD` and, given `evidence`, it has the evidence of one
    story with at least one of that story's members.
    """
    current = np.asarray(labels)
    for _ in range(rounds):
        names = np.unique(current)
        member = current[:, None] == names[None, :]
        totals = sim @ member.astype(float) - member  # leave the article itself out
        sizes = member.sum(axis=0)[None, :] - member
        means = np.where(sizes > 0, totals / np.maximum(sizes, 1), -1.0)
        if evidence is not None:
            supported = evidence.astype(float) @ member.astype(float) - member > 0
            means = np.where(supported, means, -1.0)
        best = np.argmax(means, axis=1)
        best_mean = means[np.arange(len(current)), best]
        moved = np.where(best_mean >= JOIN_THRESHOLD, names[best], current)
        if np.array_equal(moved, current):
            break
        current = moved
    return current


def split_unsupported(labels: Sequence[int], evidence: np.ndarray) -> list[int]:
    """Split each story into the groups its members' evidence connects (new labels appended).

    Similar wording alone may put two articles in one story; this keeps together only articles
    linked by a chain of pairwise evidence (`evidence_from_counts`).
    """
    from scipy.sparse.csgraph import connected_components

    out = list(labels)
    next_label = max(labels, default=-1) + 1
    for label in sorted(set(labels)):
        members = [i for i, x in enumerate(labels) if x == label]
        if len(members) < 2:
            continue
        count, parts = connected_components(evidence[np.ix_(members, members)], directed=False)
        for i, part in zip(members, parts.tolist(), strict=True):
            if part:
                out[i] = next_label + part - 1
        next_label += count - 1
    return out


def _renumber(raw: Sequence[int]) -> list[int]:
    order: dict[int, int] = {}
    return [order.setdefault(label, len(order)) for label in raw]


def assign_incrementally(
    sim: np.ndarray,
    labels: Sequence[int | None],
    *,
    threshold: float = JOIN_THRESHOLD,
    evidence: np.ndarray | None = None,
) -> list[int]:
    """Give each unlabelled item (in order) the label whose members are most similar on average.

    `labels` holds known labels (None for new items); new stories get labels above the known
    ones. `sim` is the full n x n similarity; given `evidence` (n x n), an item joins only a
    story with at least one member it has the evidence of one story with.
    """
    rows = [i for i, label in enumerate(labels) if label is None]
    picked = evidence[rows] if evidence is not None else None
    return assign_rows(sim[rows], labels, threshold=threshold, evidence_rows=picked)


def assign_rows(
    sim_rows: np.ndarray,
    labels: Sequence[int | None],
    *,
    threshold: float = JOIN_THRESHOLD,
    evidence_rows: np.ndarray | None = None,
) -> list[int]:
    """`assign_incrementally` given only the rows of the unlabelled items, in order."""
    n = len(labels)
    known = sorted({x for x in labels if x is not None})
    column = {label: k for k, label in enumerate(known)}
    names = list(known)
    unlabelled = sum(1 for x in labels if x is None)
    membership = np.zeros((n, len(known) + unlabelled))
    for j, label in enumerate(labels):
        if label is not None:
            membership[j, column[label]] = 1.0
    counts = membership.sum(axis=0)
    next_label = (known[-1] + 1) if known else 0
    out: list[int] = [x if x is not None else -1 for x in labels]
    row = 0
    for i, label in enumerate(labels):
        if label is not None:
            continue
        used = len(names)
        scores = (sim_rows[row] @ membership[:, :used]) / np.maximum(counts[:used], 1.0)
        if evidence_rows is not None:
            supported = evidence_rows[row].astype(float) @ membership[:, :used] > 0
            scores = np.where(supported, scores, -1.0)
        row += 1
        best = int(np.argmax(scores)) if used else -1
        if best < 0 or scores[best] < threshold:
            best = used
            names.append(next_label)
            next_label += 1
        membership[i, best] = 1.0
        counts[best] += 1.0
        out[i] = names[best]
    return out


class Terms(NamedTuple):
    """One article's hashed term counts (columns and counts), as `assign` needs them."""

    word_columns: np.ndarray
    word_counts: np.ndarray
    name_columns: np.ndarray
    name_counts: np.ndarray
    key_columns: np.ndarray  # evidence keys, each once
    short_columns: np.ndarray  # their short forms that are no key of the article, each once


def terms_of(articles: Sequence[Article]) -> list[Terms]:
    """Hashed term counts (words, names, evidence keys) of each article."""
    if not articles:
        return []
    return _split(term_counts([a.text for a in articles], [_article_names(a) for a in articles]))


def _row(matrix: sparse.csr_matrix, i: int) -> tuple[np.ndarray, np.ndarray]:
    lo, hi = matrix.indptr[i], matrix.indptr[i + 1]
    return matrix.indices[lo:hi].copy(), matrix.data[lo:hi].copy()


def _split(counts: Counts) -> list[Terms]:
    out = []
    for i in range(counts.words.shape[0]):
        words, names, keys, short = (_row(m, i) for m in counts)
        out.append(Terms(*words, *names, keys[0], short[0]))
    return out


def _stack(
    indices: Sequence[np.ndarray], data: Sequence[np.ndarray], width: int
) -> sparse.csr_matrix:
    from scipy import sparse

    indptr = np.zeros(len(indices) + 1, dtype=np.int64)
    np.cumsum([len(x) for x in indices], out=indptr[1:])
    return sparse.csr_matrix(
        (
            np.concatenate(data) if data else np.zeros(0),
            np.concatenate(indices) if indices else np.zeros(0, dtype=np.int64),
            indptr,
        ),
        shape=(len(indices), width),
    )


_CACHE: OrderedDict[str, Terms] = OrderedDict()
_CACHE_SIZE = 4 * POOL


def _remember(ids: Sequence[str], texts: Sequence[str], names: Sequence[Sequence[str]]) -> None:
    """Keep the term counts of these articles for the next batches (LRU, `_CACHE_SIZE`)."""
    if not ids:
        return
    for key, row in zip(ids, _split(term_counts(texts, names)), strict=True):
        _CACHE[key] = row
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)


def _recall(ids: Sequence[str]) -> Counts:
    for key in ids:
        _CACHE.move_to_end(key)
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    rows = [_CACHE[key] for key in ids]
    return Counts(
        _stack([r.word_columns for r in rows], [r.word_counts for r in rows], WORD_FEATURES),
        _stack([r.name_columns for r in rows], [r.name_counts for r in rows], NAME_FEATURES),
        _ones([r.key_columns for r in rows]),
        _ones([r.short_columns for r in rows]),
    )


def _ones(columns: Sequence[np.ndarray]) -> sparse.csr_matrix:
    return _stack(columns, [np.ones(len(c)) for c in columns], KEY_FEATURES)


class Pooled(NamedTuple):
    """A stored article new ones are compared with: its id, publication date and story."""

    id: str
    published: str | None
    story_id: int | None


Loader = Callable[[Sequence[str]], tuple[dict[str, str], dict[str, list[str]]]]
"""Given article ids, their texts and their entity ids (read from the store)."""


def assign(
    articles: Sequence[Article],
    pool: Sequence[Pooled],
    *,
    next_id: int,
    load: Loader,
    terms: Sequence[Terms] | None = None,
) -> dict[str, int]:
    """Each new article's story: an existing story of `pool` (the `POOL` most recently stored
    articles with a story), or a new id from `next_id` on. `load` gives the texts and entity
    ids of pooled articles whose terms are not cached. No SQL here: the store reads the pool
    and writes the result (`newsgraph.store.stories`).
    """
    if not articles:
        return {}
    pool_ids = [p.id for p in pool]
    uncached = [key for key in pool_ids if key not in _CACHE]
    texts, entities = load(uncached) if uncached else ({}, {})
    _remember(
        uncached,
        [texts[k] for k in uncached],
        [name_terms(texts[k], entities.get(k, [])) for k in uncached],
    )
    new_ids = [a.id for a in articles]
    for key, row in zip(new_ids, terms if terms is not None else terms_of(articles), strict=True):
        _CACHE[key] = row
    counts = _recall(pool_ids + new_ids)
    dates = [_parse(p.published) for p in pool] + [a.published for a in articles]
    found = scores_from_counts(counts, dates, rows=range(len(pool), len(pool) + len(articles)))
    known: list[int | None] = [p.story_id for p in pool]
    labels = assign_rows(
        found.similarity,
        known + [None] * len(articles),
        threshold=JOIN_THRESHOLD,
        evidence_rows=found.evidence,
    )
    known_set = {k for k in known if k is not None}
    shift = _shift(next_id, known)
    result: dict[str, int] = {}
    for offset, article in enumerate(articles):
        label = labels[len(pool) + offset]
        result[article.id] = label if label in known_set else label + shift
    return result


def _shift(start: int, known: Sequence[int | None]) -> int:
    """New labels follow max(known)+1; move them to start at the next free story id."""
    top = max((k for k in known if k is not None), default=-1)
    return start - (top + 1)


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
