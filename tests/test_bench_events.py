"""The events benchmark's scoring (issue 16), on hand-made records and events: no spaCy.

Folding of the retired PLOVER names, per-type precision and recall, macro F1, the confusion
table, the keyword baseline, actor coding agreement, the coding checks and the main-event rule.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import pytest
from bench import bench_events as be

from newsgraph.model import Actor, Event


def _event(
    kind: str,
    start: int = 0,
    *,
    actor: Actor | None = None,
    cameo: str | None = None,
    quad: int | None = None,
    confidence: float = 0.5,
) -> Event:
    return Event(
        start=0,
        end=40,
        stage="events",
        text="x" * 40,
        type=kind,
        cameo=cameo,
        quad_class=quad,
        confidence=confidence,
        trigger="t",
        trigger_start=start,
        trigger_end=start + 1,
        actor=actor,
    )


def _record(kind: str, source: Any = None, text: str = "Nothing happened.") -> dict[str, Any]:
    return {"id": f"PLOVER-{kind}-1", "event": kind, "text": text, "source": source}


# Folding and quad classes -------------------------------------------------------------------


def test_retired_names_fold_to_the_current_types_and_no_event_is_none() -> None:
    assert [be.fold(k) for k in ("DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT")] == [
        "REQUEST",
        "ACCUSE",
        "ACCUSE",
        "ASSAULT",
    ]
    assert be.fold("ASSAULT") == "ASSAULT"
    assert be.fold(None) == be.fold("") == be.NONE
    assert set(be.RETIRED.values()) <= set(be.PLOVER_TYPES)
    assert len(set(be.PLOVER_TYPES)) == 16 and not set(be.RETIRED) & set(be.PLOVER_TYPES)


def test_quad_classes_follow_gdelts_rule_on_the_cameo_roots() -> None:
    assert [be.quad_of_root(r) for r in (1, 5, 6, 8, 9, 13, 14, 20)] == [1, 1, 2, 2, 3, 3, 4, 4]
    with pytest.raises(ValueError):
        be.quad_of_root(21)
    assert set(be.QUAD) == set(be.PLOVER_TYPES)
    # CAMEO 08 (yield) is material cooperation, 14 (protest) material conflict.
    assert be.QUAD["CONCEDE"] == be.QUAD["RETREAT"] == 2
    assert be.QUAD["PROTEST"] == be.QUAD["ASSAULT"] == 4
    assert be.QUAD["REQUEST"] == be.QUAD["ACCUSE"] == be.QUAD["THREATEN"] == 3
    assert be.QUAD["AGREE"] == be.QUAD["CONSULT"] == 1


# Per-type figures and the confusion table ----------------------------------------------------

PAIRS = [
    ("ASSAULT", "ASSAULT"),
    ("ASSAULT", "COERCE"),
    ("ASSAULT", be.NONE),
    ("COERCE", "COERCE"),
    ("AGREE", "AGREE"),
    ("AGREE", "CONSULT"),
]


def test_per_type_precision_recall_and_f1() -> None:
    scores = be.per_type(PAIRS)
    assert list(scores) == ["AGREE", "CONSULT", "COERCE", "ASSAULT"]  # the manual's order
    assert scores["ASSAULT"]["precision"] == 1.0
    assert scores["ASSAULT"]["recall"] == pytest.approx(1 / 3)  # "none" costs recall only
    assert scores["ASSAULT"]["f1"] == pytest.approx(0.5)
    assert scores["COERCE"]["precision"] == 0.5 and scores["COERCE"]["recall"] == 1.0
    assert scores["CONSULT"] == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
        "support": 0,
        "predicted": 1,
    }  # predicted, never gold: scored, and it pulls the macro mean down
    assert be.NONE not in scores


def test_macro_f1_is_the_unweighted_mean() -> None:
    scores = be.per_type(PAIRS)
    expected = (2 / 3 + 0.0 + 2 / 3 + 0.5) / 4  # AGREE, CONSULT, COERCE, ASSAULT
    assert be.macro_f1(scores) == pytest.approx(expected)
    assert be.macro_f1({}) == 0.0


def test_confusion_counts_gold_by_predicted_with_none() -> None:
    table = be.confusion(PAIRS)
    assert table["ASSAULT"] == {"ASSAULT": 1, "COERCE": 1, be.NONE: 1}
    assert table["AGREE"] == {"AGREE": 1, "CONSULT": 1}
    markdown = be.confusion_table(table)
    header = markdown.splitlines()[0]
    assert header.split(" | ")[-2:] == ["none", "total |"]
    assert "| ASSAULT |" in markdown and "**1**" in markdown
    row = next(line for line in markdown.splitlines() if line.startswith("| ASSAULT "))
    assert row.endswith("| 3 |")


# The keyword baseline ------------------------------------------------------------------------


def test_keyword_lists_use_the_current_types_and_never_overlap() -> None:
    assert list(be.KEYWORDS) == list(be.PLOVER_TYPES)
    words = [w for ws in be.KEYWORDS.values() for w in ws]
    assert len(words) == len(set(words))


def test_keyword_baseline_codes_the_first_keyword_under_a_current_name() -> None:
    assert be.keyword_baseline("Government troops shelled the town") == (
        "ASSAULT",
        "Government troops",
    )  # "shelled" was a FIGHT keyword
    assert be.keyword_baseline("UN inspectors arrived") == ("ACCUSE", "UN")
    assert be.keyword_baseline("The minister urged calm")[0] == "REQUEST"
    assert be.keyword_baseline("Nothing happened") == (None, None)


# Actors and their coding ---------------------------------------------------------------------


def test_gold_coding_reads_countries_and_roles() -> None:
    record = _record(
        "AGREE",
        [
            {"actorText": "Japan", "code": "JAP", "sector": "GOV"},
            {"actorText": "Kosovo Albanians", "code": "SRB", "sector": "CVLalb"},
            {"actorText": "APEC", "code": "IGO"},
            {"actorText": "someone", "code": "USA", "sector": "***"},
            {"actorText": "Muslim hackers", "code": "ISM", "sector": "CRMMOS"},
        ],
    )
    countries, roles = be.gold_coding(record)
    assert countries == {"JPN", "SRB", "USA"}  # JAP misspelt; IGO and ISM are no countries
    assert roles == {"GOV", "CVL", "IGO", "CRM"}
    assert be.gold_coding(_record("AGREE", None)) == (frozenset(), frozenset())


def test_coding_agreement_counts_an_uncoded_actor_as_wrong() -> None:
    countries, roles = frozenset({"RUS"}), frozenset({"REB"})
    coded = Actor(text="Islamist militants", country="RUS", roles=["REB", "CVL"])
    assert be.coding_agrees(coded, countries, roles) == (True, True)
    assert be.coding_agrees(Actor(text="x", country="RUS"), countries, roles) == (True, False)
    assert be.coding_agrees(Actor(text="x"), countries, roles) == (False, False)
    assert be.coding_agrees(None, countries, roles) == (False, False)
    older = SimpleNamespace(text="militants")  # an actor record without the coding fields
    assert be.coding_agrees(older, countries, roles) == (False, False)


def test_actor_match_is_word_overlap_without_stop_words() -> None:
    assert be.actor_matches("the Serbian police", ["Serbian special police"])
    assert not be.actor_matches("the army", ["The rebels"])
    assert not be.actor_matches(None, ["anyone"])


# One record's outcome and the figures over records --------------------------------------------


def test_score_folds_both_sides_and_scores_the_coding() -> None:
    source = [{"actorText": "Russian troops", "code": "RUS", "sector": "MIL"}]
    record = _record("FIGHT", source, "Russian troops shelled the village.")
    actor = Actor(text="Russian troops", country="RUS", roles=["MIL"])
    main = _event("FIGHT", actor=actor, quad=4)  # a stage still writing the retired name
    row = be.score(record, [main, _event("COERCE", 5, cameo="173")], main)
    assert (row.gold, row.predicted, row.keyword) == ("ASSAULT", "ASSAULT", "ASSAULT")
    assert row.actor_ok and row.keyword_actor_ok and row.country_ok and row.role_ok
    assert row.quad_ok and row.emitted == ("FIGHT", "COERCE") and row.with_cameo == 1

    nothing = be.score(_record("PROTEST", source), [], None)
    assert nothing.predicted == be.NONE and not nothing.actor_ok and not nothing.quad_ok
    assert nothing.country_known and not nothing.country_ok


def test_figures_are_coverage_aware() -> None:
    rows = [
        be.Scored(
            id="a",
            gold="ASSAULT",
            predicted="ASSAULT",
            keyword=be.NONE,
            has_source=True,
            actor_ok=True,
            country_known=True,
            country_ok=True,
            quad_ok=True,
            emitted=("FIGHT", "ASSAULT"),
            with_cameo=1,
        ),
        be.Scored(
            id="b",
            gold="REQUEST",
            predicted=be.NONE,
            keyword="REQUEST",
            has_source=True,
            keyword_actor_ok=True,
            role_known=True,
        ),
        be.Scored(id="c", gold="REQUEST", predicted="ACCUSE", keyword="REQUEST"),
    ]
    f = be.figures(rows, majority="REQUEST")
    assert f["records"] == 3 and f["actor_records"] == 2
    assert f["type_accuracy"] == pytest.approx(1 / 3)
    assert f["coverage"] == pytest.approx(2 / 3)
    assert f["actor_match"] == 0.5 and f["keyword_actor_match"] == 0.5
    assert (f["country_records"], f["actor_country"]) == (1, 1.0)
    assert (f["role_records"], f["actor_role"]) == (1, 0.0)
    assert f["quad_accuracy"] == pytest.approx(1 / 3)
    assert f["type_quad_accuracy"] == pytest.approx(2 / 3)  # ACCUSE is REQUEST's quad (3)
    assert f["events"] == 2 and f["cameo_share"] == 0.5
    assert f["retired_names"] == 1 and f["retired_emitted"] == {"FIGHT": 1}
    assert f["off_list_types"] == 1
    assert f["majority_accuracy"] == pytest.approx(2 / 3)
    assert f["keyword_type_accuracy"] == pytest.approx(2 / 3)
    assert f["macro_f1"] == pytest.approx(1 / 3)  # ASSAULT 1, REQUEST 0, ACCUSE 0
    assert f["confusion"]["REQUEST"] == {be.NONE: 1, "ACCUSE": 1}


def test_the_main_event_is_nearest_the_root_then_most_confident_then_first() -> None:
    depths = {0: 2, 10: 1, 20: 1, 30: 1}
    events = [
        _event("ASSAULT", 0, confidence=0.9),
        _event("COERCE", 10, confidence=0.4),
        _event("ACCUSE", 20, confidence=0.8),
        _event("REJECT", 30, confidence=0.8),
    ]
    chosen = be.main_event(events, lambda e: depths[e.trigger_start])
    assert chosen is not None and chosen.type == "ACCUSE"
    assert be.main_event([], lambda e: 0) is None


def test_render_has_the_command_the_tables_and_the_gap_note() -> None:
    good = be.Scored(id="a", gold="AGREE", predicted="AGREE", keyword="AGREE")
    bad = be.Scored(id="b", gold="AGREE", predicted=be.NONE, keyword="AGREE")
    tuning, check = [good, good, good], [good, bad, bad]
    speed = {"texts": 3, "chars": 90, "events": 2, "parse_s": 1.0}
    speed |= {"other_stages_s": 0.5, "events_s": 0.1, "events_share": 0.1}
    warm = speed | {"repeats": 5, "parse_min_s": 0.8, "events_min_s": 0.06}
    warm |= {"events_share_warm": 0.075}
    results = cast(
        dict[str, Any],
        {
            **be.figures(tuning + check, "AGREE"),
            "majority_class": "AGREE",
            "seconds": 1.0,
            "speed": {"gold": warm, "news": speed},
            "halves": {"tuning": be.figures(tuning, "AGREE"), "check": be.figures(check, "AGREE")},
        },
    )
    text = be.render(results)
    assert be.COMMAND in text
    for heading in ("### Coding checks", "### Per type (check half)", "### Confusion", "### Speed"):
        assert heading in text
    assert "| newsgraph, check half | 3 | **0.333** |" in text
    assert "event-type accuracy: the tuning half scores 0.667 higher" in text
    # the warm share is the figure; one cold pass stands beside it, and a set timed only
    # once says it has no warm figure
    assert "| 10.0% | **7.5%** (0.06 s / 0.80 s, N = 5) |" in text
    assert "| 10.0% | – |" in text
