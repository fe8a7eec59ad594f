"""Duplicates: content hash for exact copies, MinHash LSH for near copies."""

from __future__ import annotations

import numpy as np

from newsgraph.clean.assemble import build_article
from newsgraph.corpus import dedup

BODY = (
    "The regional court in Halvik ordered the ferry operator to pay compensation to forty "
    "passengers on Thursday, two years after a storm left the vessel adrift for nine hours off "
    "the northern coast. Judges found that the crew had ignored two weather warnings before "
    "sailing, and that lifejackets on the upper deck were missing or damaged. The company said "
    "it would study the ruling before deciding whether to appeal, while the passengers' lawyer "
    "called it a clear message to the whole industry."
)


def test_body_hash_ignores_case_accents_and_spacing_but_not_the_title() -> None:
    one = build_article(title="Ferry ruling", standfirst=None, paragraphs=[BODY])
    two = build_article(
        title="Court rules on ferry",
        standfirst=None,
        paragraphs=["  " + BODY.upper().replace(" ", "  ")],
    )
    assert dedup.body_hash(one) == dedup.body_hash(two)
    assert one.id != two.id


def test_a_few_changed_words_stay_above_the_threshold() -> None:
    edited = BODY.replace("Thursday", "Friday").replace("whole industry", "entire industry")
    score = dedup.jaccard(dedup.signature(BODY), dedup.signature(edited))  # type: ignore[arg-type]
    assert score >= dedup.THRESHOLD


def test_a_different_article_on_the_same_topic_is_far_below() -> None:
    other = (
        "Passengers stranded on a ferry off the northern coast two years ago won their case "
        "in Halvik, where the court said the operator must compensate them; the firm may "
        "appeal."
    )
    score = dedup.jaccard(dedup.signature(BODY), dedup.signature(other))  # type: ignore[arg-type]
    assert score < 0.3


def test_signatures_are_stable_and_round_trip_through_blobs() -> None:
    sig = dedup.signature(BODY)
    assert sig is not None and sig.shape == (dedup.NUM_PERM,)
    assert np.array_equal(dedup.from_blob(dedup.to_blob(sig)), sig)
    assert dedup.band_keys(sig) == dedup.band_keys(dedup.signature(BODY))  # type: ignore[arg-type]
    assert len(dedup.band_keys(sig)) == dedup.BANDS
    assert dedup.as_minhash(sig).jaccard(dedup.as_minhash(sig)) == 1.0


def test_empty_and_short_texts() -> None:
    assert dedup.signature("") is None
    assert dedup.signature("...") is None
    assert dedup.signature("Breaking news") is not None


def test_find_near_duplicates_links_copies_to_the_first() -> None:
    texts = [
        BODY,
        "An unrelated note about the weather in the hills this weekend.",
        BODY.replace("Thursday", "Friday"),
        "",
        BODY.replace("nine", "ten"),
    ]
    links = dedup.find_near_duplicates(texts)
    assert links == [None, None, 0, None, 0]
    assert dedup.duplicate_groups(links) == [0, 1, 0, 3, 0]


def test_signatures_equal_what_datasketch_computes_for_the_same_shingles() -> None:
    from datasketch import MinHash

    hashes = dedup.shingle_hashes(BODY)
    reference = MinHash(num_perm=dedup.NUM_PERM, seed=dedup.SEED, scheme=dedup.SCHEME, hashfunc=int)
    reference.update_batch(int(h) for h in hashes)
    assert np.array_equal(reference.hashvalues, dedup.signature(BODY))
