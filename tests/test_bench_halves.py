"""The tuning/check split every benchmark uses (issue 17): fixed, balanced, order-free."""

from __future__ import annotations

from bench.halves import FITTING_GAP, gap_note, half_of, indices, split


def test_the_half_of_an_id_never_changes_and_halves_are_balanced() -> None:
    ids = [f"doc-{n}" for n in range(2000)]
    first = [half_of(i) for i in ids]
    assert first == [half_of(i) for i in ids]
    assert 900 < first.count("check") < 1100


def test_split_keeps_order_and_indices_agree() -> None:
    ids = [f"story-{n}" for n in range(50)]
    halves = split(ids, key=str)
    assert sorted(halves["tuning"] + halves["check"]) == sorted(ids)
    assert halves["check"] == [i for i in ids if half_of(i) == "check"]
    assert [ids[i] for i in indices(ids)["check"]] == halves["check"]
    assert split(list(reversed(ids)), key=str)["check"] == list(reversed(halves["check"]))


def test_a_gap_over_the_limit_is_called_out() -> None:
    assert gap_note("quotes", 0.80, 0.80 - FITTING_GAP / 2) is None
    note = gap_note("quotes", 0.80, 0.74)
    assert note is not None and "tuning half scores 0.060 higher" in note
