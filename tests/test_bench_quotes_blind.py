"""The blind quotes bench: its loader checks every row, its scorer matches spans and speakers.

Fast: tiny hand-made sets and hand-made predictions, no spaCy."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench import bench_quotes_blind as blind
from bench.halves import half_of

HEADER = "\t".join(blind.COLUMNS)
TEXT = "“We will rebuild,” Maria Lopez said.\\nThe so-called “quiet” season ended."


def _row(
    item_id: str, start: str, end: str, direct: str = "1", speaker: str = "Maria Lopez"
) -> str:
    return "\t".join([item_id, half_of(item_id), start, end, direct, speaker, TEXT])


def _write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "set.tsv"
    path.write_text("\n".join(["# a comment", HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_load_reads_offsets_into_the_text_with_its_paragraph_breaks(tmp_path: Path) -> None:
    [passage] = blind.load(_write(tmp_path, _row("q-1", "1", "16")))
    assert passage.half == half_of("q-1")
    assert "\n" in passage.text and "\\n" not in passage.text
    (gold,) = passage.gold
    assert passage.text[gold.start : gold.end] == "We will rebuild"
    assert gold.direct and gold.speaker == "Maria Lopez"


def test_a_passage_without_quotations_loads_with_no_gold(tmp_path: Path) -> None:
    [passage] = blind.load(_write(tmp_path, _row("q-2", "-", "-", "-", "-")))
    assert passage.gold == ()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (_row("q-1", "0", "99"), "outside the text"),
        (_row("q-1", "17", "19"), "space"),  # a span that ends in a space is a slip
        (_row("q-1", "1", "16", direct="yes"), "direct"),
        (_row("q-1", "1", "16", speaker="the"), "name words"),
        ("\t".join(["q-1", half_of("q-1"), "1", "16"]), "columns"),
    ],
)
def test_load_refuses_a_bad_row_naming_its_line(tmp_path: Path, row: str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as caught:
        blind.load(_write(tmp_path, row))
    assert "set.tsv:3" in str(caught.value)


def test_load_refuses_a_half_that_is_not_the_ids(tmp_path: Path) -> None:
    wrong = "check" if half_of("q-1") == "tuning" else "tuning"
    row = _row("q-1", "1", "16").replace(f"\t{half_of('q-1')}\t", f"\t{wrong}\t", 1)
    with pytest.raises(ValueError, match="half"):
        blind.load(_write(tmp_path, row))


def test_load_refuses_a_no_quotation_row_beside_quotations(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no-quotation"):
        blind.load(_write(tmp_path, _row("q-1", "1", "16"), _row("q-1", "-", "-", "-", "-")))


def test_the_shipped_set_loads_with_both_halves() -> None:
    passages = blind.load()
    assert len(passages) >= 50
    assert sum(len(p.gold) for p in passages) >= 150
    assert {p.half for p in passages} == {"tuning", "check"}
    assert any(not p.gold for p in passages)  # a passage of quote marks that quote no one


def test_the_held_out_set_loads_apart_from_the_first() -> None:
    held_out = blind.load(blind.HELD_OUT)
    assert len(held_out) >= 60
    assert sum(len(p.gold) for p in held_out) >= 100
    assert any(not p.gold for p in held_out)  # titles, slogans and scare quotes only
    assert any(not g.direct for p in held_out for g in p.gold)  # reported speech too
    first = {p.text for p in blind.load()}
    assert not first & {p.text for p in held_out}  # no passage is in both sets


def test_the_held_out_table_gives_aggregate_figures_only() -> None:
    passage = blind.Passage("h-1", half_of("h-1"), "x" * 50, (G,))
    result = blind.score([passage], [[blind.Predicted(0, 5, True, ("Lopez",))]])
    shown = blind.held_out_table(result)
    assert "| (content, speaker), direct | 1.000 | 1.000 | 1.000 | 1 | 1 |" in shown
    assert "tuning" not in shown and "h-1" not in shown
    assert "halves" not in blind._aggregate(result)


G = blind.GoldQuote(0, 10, True, "Maria Lopez")
INDIRECT = blind.GoldQuote(20, 40, False, "Ministry of Health")


@pytest.mark.parametrize(
    ("names", "right"),
    [
        (("Lopez",), True),  # the surname alone
        (("she", "Maria Lopez"), True),  # a pronoun with its antecedent
        (("she",), False),  # a pronoun left unresolved
        (("the Lopez family",), True),
        (("The",), False),  # small words never match
    ],
)
def test_speaker_right_by_a_shared_name_word(names: tuple[str, ...], right: bool) -> None:
    assert blind.speaker_right(blind.Predicted(0, 10, True, names), G) is right


def test_counts_for_content_pairs_and_the_direct_subset() -> None:
    preds = [
        blind.Predicted(2, 8, True, ("Lopez",)),  # right span, right speaker
        blind.Predicted(22, 30, False, ("the ministry",)),  # right span, right speaker
        blind.Predicted(50, 60, True, ("Lopez",)),  # a false alarm
    ]
    counts = blind.passage_counts([G, INDIRECT], preds)
    assert counts["content"] == [2, 3, 2, 2]
    assert counts["pair"] == [2, 3, 2, 2]
    assert counts["direct_content"] == [1, 2, 1, 1]
    wrong = [blind.Predicted(0, 10, True, ("Daniel Okafor",))]
    assert blind.passage_counts([G], wrong)["pair"] == [0, 1, 0, 1]
    assert blind.passage_counts([G], wrong)["content"] == [1, 1, 1, 1]


def test_score_splits_by_half_and_computes_f1() -> None:
    def passage(item: str) -> blind.Passage:
        return blind.Passage(item, half_of(item), "x" * 50, (G,))

    items = ["a-1", "a-2", "a-3", "a-4"]
    passages = [passage(i) for i in items]
    preds = [[blind.Predicted(0, 5, True, ("Lopez",))] if i % 2 else [] for i in range(4)]
    result = blind.score(passages, preds)
    assert result["content_p"] == 1.0 and result["content_r"] == 0.5
    assert result["content_f1"] == pytest.approx(0.6667, abs=1e-4)
    halves = result["halves"]
    assert halves["tuning"]["passages"] + halves["check"]["passages"] == 4
