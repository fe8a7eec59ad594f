"""Duplicates: exact copies by content hash, near-copies by MinHash LSH.

- **Exact**: `body_hash` is `newsgraph.ids.content_hash` of the body (case-folded, accents
  stripped, whitespace collapsed), so the same story syndicated under another headline or URL is
  stored once.
- **Near**: word 5-shingles of the normalised body, a 128-permutation MinHash signature
  (datasketch's "affine32" scheme: the same values `datasketch.MinHash.update_batch` gives for
  these shingle hashes, computed for all shingles at once in numpy), and LSH with 16 bands of 8
  rows. Two articles
  are near-duplicates when their estimated Jaccard similarity is at least `THRESHOLD` = 0.8. With
  16 x 8 bands a pair at Jaccard 0.8 becomes a candidate with probability 0.95, a pair at 0.5 with
  0.06; candidates are then checked against the threshold on the full signatures.

Shingles are hashed with CRC-32 of each word combined in numpy, which is stable across processes
and runs, so signatures can be stored and compared across ingests.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
from datasketch import MinHash

from newsgraph.ids import content_hash, normalise_text
from newsgraph.model import Article

SHINGLE = 5
NUM_PERM = 128
BANDS = 16
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.8
SEED = 1

_WORD = re.compile(r"\w+")
_MAX_HASH = np.uint64((1 << 32) - 1)
SCHEME = "affine32"
# datasketch's affine32 permutations h -> a*h + b mod 2^32 (a odd), applied after the
# MurmurHash3 32-bit finalizer, exactly as `MinHash.update_batch` does for this scheme.
_A, _B = (
    np.asarray(x, dtype=np.uint32)
    for x in MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
)
_MIX = np.array([(0x9E3779B1 * (k + 1)) & 0xFFFFFFFF for k in range(SHINGLE)], dtype=np.uint64)


_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """`newsgraph.ids.normalise_text`, with a fast path for ASCII text (same result)."""
    if text.isascii():
        return _SPACE.sub(" ", text).strip().casefold()
    return normalise_text(text)


def body_hash(article: Article) -> str:
    """The exact-duplicate key: the normalised hash of the body (the text if there is none).

    Equal to `newsgraph.ids.content_hash(article.body or article.text)`.
    """
    text = article.body or article.text
    if not text.isascii():
        return content_hash(text)
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:16]


def shingle_hashes(text: str) -> np.ndarray:
    """32-bit hashes of the word 5-shingles of `text` (one shingle if it is shorter)."""
    words = _WORD.findall(normalise(text))
    if not words:
        return np.zeros(0, dtype=np.uint64)
    hashed = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    if len(hashed) < SHINGLE:
        hashed = np.concatenate([hashed, np.zeros(SHINGLE - len(hashed), dtype=np.uint64)])
    count = len(hashed) - SHINGLE + 1
    combined = np.zeros(count, dtype=np.uint64)
    for k in range(SHINGLE):
        combined = (combined * np.uint64(31) + hashed[k : k + count] * _MIX[k]) & _MAX_HASH
    return np.unique(combined)


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature (NUM_PERM uint32 values) of `text`; None without words."""
    hashes = shingle_hashes(text)
    if hashes.size == 0:
        return None
    mixed = _fmix32(hashes.astype(np.uint32))
    with np.errstate(over="ignore"):
        permuted = mixed[:, None] * _A[None, :] + _B[None, :]
    return permuted.min(axis=0)


def _fmix32(h: np.ndarray) -> np.ndarray:
    """The MurmurHash3 32-bit finalizer (wrapping uint32 arithmetic)."""
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint32(16))
        h = h * np.uint32(0x85EBCA6B)
        h = h ^ (h >> np.uint32(13))
        h = h * np.uint32(0xC2B2AE35)
        return h ^ (h >> np.uint32(16))


def as_minhash(sig: np.ndarray) -> MinHash:
    """The datasketch `MinHash` with this signature (for its Jaccard estimate, LSH, merging)."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=sig, scheme=SCHEME)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


_BAND_MULTIPLIERS = np.random.RandomState(SEED).randint(
    1, 2**62, size=(BANDS, ROWS), dtype=np.uint64
) | np.uint64(1)
_BAND_OFFSETS = np.arange(BANDS, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band (fits an SQLite INTEGER): a random linear hash of the
    band's rows, with the band number mixed in so keys of different bands never meet."""
    rows = sig.astype(np.uint64).reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):
        keys = (rows * _BAND_MULTIPLIERS).sum(axis=1, dtype=np.uint64) + _BAND_OFFSETS
    return [int(k) for k in keys.view(np.int64)]


def to_blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


class NearDuplicateIndex:
    """In-memory LSH index: add signatures in order, each is matched against those before it."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._buckets: dict[int, list[int]] = defaultdict(list)
        self._sigs: list[np.ndarray] = []

    def add(self, sig: np.ndarray, keys: Sequence[int] | None = None) -> int | None:
        """Index `sig`; return the position of the most similar earlier near-duplicate, if any."""
        position = len(self._sigs)
        self._sigs.append(sig)
        best, best_score = None, self.threshold
        seen: set[int] = set()
        for key in band_keys(sig) if keys is None else keys:
            bucket = self._buckets[key]
            for other in bucket:
                if other in seen:
                    continue
                seen.add(other)
                score = jaccard(sig, self._sigs[other])
                if score >= best_score:
                    best, best_score = other, score
            bucket.append(position)
        return best


def find_near_duplicates(texts: Iterable[str]) -> list[int | None]:
    """For each text, the index of an earlier near-duplicate (or None), in order."""
    index = NearDuplicateIndex()
    out: list[int | None] = []
    empty = np.zeros(NUM_PERM, dtype=np.uint32)
    for text in texts:
        sig = signature(text)
        out.append(None if sig is None else index.add(sig))
        if sig is None:
            index._sigs.append(empty)  # keep positions aligned; never matched (no bands)
    return out


def duplicate_groups(links: Sequence[int | None]) -> list[int]:
    """Resolve `find_near_duplicates` links to the first article of each group."""
    roots: list[int] = []
    for i, link in enumerate(links):
        roots.append(i if link is None else roots[link])
    return roots
