"""Stories: groups of articles that report the same event.

Two articles are compared by a weighted sum of two cosine similarities:

- words: TF-IDF over unigrams and bigrams (English stop words out, sublinear term frequency,
  terms in at least two articles once there are `MIN_DF_FROM` articles), weight
  `WORD_WEIGHT` = 0.8;
- names: TF-IDF over the article's entity ids (from the entities stage) plus capitalised phrases
  and years found in the text, weight 0.2. Names separate two events of the same kind (two
  earthquakes, two rehab stays) that share most of their vocabulary.

Articles published more than `WINDOW_DAYS` apart never share a story. `cluster` groups a whole
set at once with average-linkage agglomerative clustering cut at similarity `THRESHOLD` (0.18),
then `refine` moves each article to the story whose other members are most similar to it on
average when that mean reaches `JOIN_THRESHOLD` (0.14). `assign` places newly stored articles
incrementally by the same rule: each joins the existing story whose members are, on average, most
similar to it (at least `JOIN_THRESHOLD`), or starts a new one; it compares against the `POOL`
most recent stored articles. Settings are fixed (chosen on ECB+, see docs/bench/stories.md), never
tuned per topic.
"""

from __future__ import annotations

import re
import sqlite3
from collections import OrderedDict
from collections.abc import Sequence
from datetime import datetime

import numpy as np
from scipy import sparse
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import HashingVectorizer

from newsgraph.model import Article

WORD_WEIGHT = 0.8
THRESHOLD = 0.18
WINDOW_DAYS = 7.0
POOL = 400
REFINE_ROUNDS = 3
MIN_DF_FROM = 20  # from this many articles on, words in one article only are dropped
JOIN_THRESHOLD = 0.14
MAX_CHARS = 6000

_CAPITALISED = re.compile(r"\b[A-Z][\w'&.-]*(?:\s+(?:of|de|the|for|and)?\s*[A-Z][\w'&.-]*)*")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_FUNCTION_WORDS = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "You",
        "This",
        "That",
        "These",
        "Those",
        "But",
        "And",
        "Or",
        "For",
        "As",
        "If",
        "When",
        "After",
        "Before",
        "His",
        "Her",
        "Their",
        "Its",
        "Our",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "There",
        "Here",
        "What",
        "Who",
        "Why",
        "How",
        "While",
    ]
)


def name_terms(text: str, entity_ids: Sequence[str] = ()) -> list[str]:
    """Entity ids plus capitalised phrases and years: the names an article is about."""
    terms = [f"id:{e}" for e in entity_ids]
    for match in _CAPITALISED.finditer(text[:MAX_CHARS]):
        words = match.group(0).split()
        while words and words[0] in _FUNCTION_WORDS:
            words = words[1:]
        if words:
            terms.append("_".join(words).lower())
    terms.extend(_YEAR.findall(text[:MAX_CHARS]))
    return terms


def _identity(terms: list[str]) -> list[str]:
    return terms


_WORD_HASHER = HashingVectorizer(
    n_features=2**30, alternate_sign=False, norm=None, stop_words="english", ngram_range=(1, 2)
)
_NAME_HASHER = HashingVectorizer(
    n_features=2**26, alternate_sign=False, norm=None, analyzer=_identity, lowercase=False
)


def term_counts(
    texts: Sequence[str], names: Sequence[Sequence[str]]
) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """Hashed term counts: word unigrams+bigrams, and name terms (one row per article)."""
    words = _WORD_HASHER.transform([t[:MAX_CHARS] for t in texts])
    named = _NAME_HASHER.transform([list(n) for n in names])
    return sparse.csr_matrix(words), sparse.csr_matrix(named)


def _tfidf(counts: sparse.csr_matrix, min_df: int) -> sparse.csr_matrix:
    """Sublinear TF-IDF with smoothed IDF, terms in fewer than `min_df` rows dropped, L2 rows."""
    n = counts.shape[0]
    columns, compact = np.unique(counts.indices, return_inverse=True)
    matrix = sparse.csr_matrix(
        (counts.data.astype(np.float64), compact.ravel(), counts.indptr),
        shape=(n, len(columns)),
    )
    df = np.bincount(matrix.indices, minlength=len(columns))
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    idf[df < min_df] = 0.0
    matrix.data = (np.log(matrix.data) + 1.0) * idf[matrix.indices]
    matrix.eliminate_zeros()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix.data *= np.repeat(1.0 / norms, np.diff(matrix.indptr))
    return matrix


def similarity_from_counts(
    words: sparse.csr_matrix,
    named: sparse.csr_matrix,
    published: Sequence[datetime | None] | None = None,
    *,
    rows: Sequence[int] | None = None,
) -> np.ndarray:
    """Similarity of every article (or only of `rows`) to every article, from term counts."""
    n = words.shape[0]
    w = _tfidf(words, 2 if n >= MIN_DF_FROM else 1)
    e = _tfidf(named, 1)
    picked = list(range(n)) if rows is None else list(rows)
    sim = WORD_WEIGHT * (w[picked] @ w.T).toarray()
    sim += (1 - WORD_WEIGHT) * (e[picked] @ e.T).toarray()
    if published is not None:
        sim = sim * _window_mask(published)[picked]
    sim[np.arange(len(picked)), picked] = 1.0
    return np.asarray(sim)


def similarity(
    texts: Sequence[str],
    names: Sequence[Sequence[str]],
    published: Sequence[datetime | None] | None = None,
) -> np.ndarray:
    """The pairwise story similarity of articles (dense, n x n, diagonal 1)."""
    if not texts:
        return np.zeros((0, 0))
    words, named = term_counts(texts, names)
    return similarity_from_counts(words, named, published)


def _window_mask(published: Sequence[datetime | None]) -> np.ndarray:
    stamps = np.array([p.timestamp() if p is not None else np.nan for p in published])
    gap = np.abs(stamps[:, None] - stamps[None, :]) / 86400.0
    return np.where(np.isnan(gap) | (gap <= WINDOW_DAYS), 1.0, 0.0)


def _article_features(article: Article) -> tuple[str, list[str]]:
    return article.text, name_terms(article.text, [e.id for e in article.entities])


def cluster(articles: Sequence[Article]) -> list[int]:
    """One story label per article, in order (labels numbered by first appearance)."""
    if not articles:
        return []
    if len(articles) == 1:
        return [0]
    features = [_article_features(a) for a in articles]
    sim = similarity(
        [f[0] for f in features], [f[1] for f in features], [a.published for a in articles]
    )
    distance = np.clip(1.0 - sim, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    raw = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=1.0 - THRESHOLD,
    ).fit_predict(distance)
    return _renumber(refine(sim, raw.tolist()).tolist())


def refine(sim: np.ndarray, labels: Sequence[int], *, rounds: int = REFINE_ROUNDS) -> np.ndarray:
    """Move each article to the story whose other members are most similar to it on average.

    Agglomerative merges are final; this k-means-like pass fixes articles that a merge put in a
    story where they fit worse than in another. An article stays put unless the better story's
    mean similarity reaches `JOIN_THRESHOLD`.
    """
    current = np.asarray(labels)
    for _ in range(rounds):
        names = np.unique(current)
        member = current[:, None] == names[None, :]
        totals = sim @ member.astype(float) - member  # leave the article itself out
        sizes = member.sum(axis=0)[None, :] - member
        means = np.where(sizes > 0, totals / np.maximum(sizes, 1), -1.0)
        best = np.argmax(means, axis=1)
        best_mean = means[np.arange(len(current)), best]
        moved = np.where(best_mean >= JOIN_THRESHOLD, names[best], current)
        if np.array_equal(moved, current):
            break
        current = moved
    return current


def _renumber(raw: Sequence[int]) -> list[int]:
    order: dict[int, int] = {}
    return [order.setdefault(label, len(order)) for label in raw]


def assign_incrementally(
    sim: np.ndarray, labels: Sequence[int | None], *, threshold: float = JOIN_THRESHOLD
) -> list[int]:
    """Give each unlabelled item (in order) the label whose members are most similar on average.

    `labels` holds known labels (None for new items); new stories get labels above the known
    ones. `sim` is the full n x n similarity.
    """
    rows = [i for i, label in enumerate(labels) if label is None]
    return assign_rows(sim[rows], labels, threshold=threshold)


def assign_rows(
    sim_rows: np.ndarray, labels: Sequence[int | None], *, threshold: float = JOIN_THRESHOLD
) -> list[int]:
    """`assign_incrementally` given only the similarity rows of the unlabelled items, in order."""
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


Terms = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
"""One article's hashed term counts: word columns, word counts, name columns, name counts."""


def terms_of(articles: Sequence[Article]) -> list[Terms]:
    """Hashed term counts (words, names) of each article, as `assign` needs them."""
    if not articles:
        return []
    words, named = term_counts(
        [a.text for a in articles], [_article_features(a)[1] for a in articles]
    )
    return _split(words, named)


def _split(words: sparse.csr_matrix, named: sparse.csr_matrix) -> list[Terms]:
    out = []
    for i in range(words.shape[0]):
        w0, w1 = words.indptr[i], words.indptr[i + 1]
        n0, n1 = named.indptr[i], named.indptr[i + 1]
        out.append(
            (
                words.indices[w0:w1].copy(),
                words.data[w0:w1].copy(),
                named.indices[n0:n1].copy(),
                named.data[n0:n1].copy(),
            )
        )
    return out


def _stack(rows: Sequence[Terms], part: int, width: int) -> sparse.csr_matrix:
    indices = [r[part] for r in rows]
    data = [r[part + 1] for r in rows]
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(x) for x in indices], out=indptr[1:])
    return sparse.csr_matrix(
        (
            np.concatenate(data) if data else np.zeros(0),
            np.concatenate(indices) if indices else np.zeros(0, dtype=np.int64),
            indptr,
        ),
        shape=(len(rows), width),
    )


_CACHE: OrderedDict[str, Terms] = OrderedDict()
_CACHE_SIZE = 4 * POOL


def _remember(ids: Sequence[str], texts: Sequence[str], names: Sequence[Sequence[str]]) -> None:
    """Keep the term counts of these articles for the next batches (LRU, `_CACHE_SIZE`)."""
    if not ids:
        return
    words, named = term_counts(texts, names)
    for key, row in zip(ids, _split(words, named), strict=True):
        _CACHE[key] = row
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)


def _recall(ids: Sequence[str]) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    for key in ids:
        _CACHE.move_to_end(key)
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    rows = [_CACHE[key] for key in ids]
    return _stack(rows, 0, _WORD_HASHER.n_features), _stack(rows, 2, _NAME_HASHER.n_features)


def assign(
    conn: sqlite3.Connection, articles: Sequence[Article], terms: Sequence[Terms] | None = None
) -> dict[str, int]:
    """Place new `articles` into stories, inside the caller's write transaction.

    Creates or grows their `stories` rows and returns each article's story id, which the caller
    stores with the article (so the wide article row is written once, not updated after).
    """
    if not articles:
        return {}
    fresh = {a.id for a in articles}
    pool_rows = conn.execute(
        "SELECT id, published, story_id FROM articles WHERE story_id IS NOT NULL "
        "ORDER BY rowid DESC LIMIT ?",
        (POOL,),
    ).fetchall()
    pool = [r for r in pool_rows if r["id"] not in fresh]
    pool_ids = [str(r["id"]) for r in pool]
    uncached = [key for key in pool_ids if key not in _CACHE]
    texts = _texts(conn, uncached)
    entities = _entity_ids(conn, uncached)
    _remember(
        uncached,
        [texts[k] for k in uncached],
        [name_terms(texts[k], entities.get(k, [])) for k in uncached],
    )
    new_ids = [a.id for a in articles]
    for key, row in zip(new_ids, terms if terms is not None else terms_of(articles), strict=True):
        _CACHE[key] = row
    words, named = _recall(pool_ids + new_ids)
    dates = [_parse(r["published"]) for r in pool] + [a.published for a in articles]
    sim_rows = similarity_from_counts(
        words, named, dates, rows=range(len(pool), len(pool) + len(articles))
    )
    start = _next_story_id(conn)
    known: list[int | None] = [r["story_id"] for r in pool]
    labels = assign_rows(sim_rows, known + [None] * len(articles), threshold=JOIN_THRESHOLD)
    known_set = {k for k in known if k is not None}
    shift = _shift(start, known)
    result: dict[str, int] = {}
    for offset, article in enumerate(articles):
        label = labels[len(pool) + offset]
        result[article.id] = label if label in known_set else label + shift
    _write(conn, articles, result)
    return result


def _texts(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for chunk_start in range(0, len(ids), 500):
        chunk = list(ids[chunk_start : chunk_start + 500])
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(f"SELECT id, text FROM articles WHERE id IN ({marks})", chunk):
            out[row[0]] = row[1]
    return out


def _shift(start: int, known: Sequence[int | None]) -> int:
    """New labels follow max(known)+1; move them to start at the next free story id."""
    top = max((k for k in known if k is not None), default=-1)
    return start - (top + 1)


def _write(conn: sqlite3.Connection, articles: Sequence[Article], result: dict[str, int]) -> None:
    conn.executemany(
        "INSERT INTO stories (id, label, first_seen, last_seen, size) VALUES (?, ?, ?, ?, 1) "
        "ON CONFLICT(id) DO UPDATE SET size = size + 1, "
        "first_seen = min(coalesce(first_seen, excluded.first_seen), "
        "coalesce(excluded.first_seen, first_seen)), "
        "last_seen = max(coalesce(last_seen, excluded.last_seen), "
        "coalesce(excluded.last_seen, last_seen))",
        [
            (
                result[a.id],
                (a.title or a.text[:80]).strip(),
                a.published.isoformat() if a.published else None,
                a.published.isoformat() if a.published else None,
            )
            for a in articles
        ],
    )


def _next_story_id(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM stories").fetchone()[0])


def _entity_ids(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start : chunk_start + 500]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            f"SELECT DISTINCT article_id, entity_id FROM mentions WHERE article_id IN ({marks})",
            chunk,
        ):
            out.setdefault(row[0], []).append(row[1])
    return out


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
