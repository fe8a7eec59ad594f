"""The amounts stage: numbers, their qualifiers, units and what they count."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.model import Amount, Article
from newsgraph.nlp import amounts
from newsgraph.nlp.amounts._grammar import find_numbers, parse_number


def _seed_article_text(seed: str) -> str:
    lines = seed.splitlines()
    body = lines[: lines.index("-")] if "-" in lines else lines
    return "\n\n".join(body)


def _by_text(found: list[Amount]) -> dict[str, Amount]:
    return {a.text: a for a in found}


@pytest.mark.parametrize(
    ("raw", "value"),
    [("2,000", 2000.0), ("3.2", 3.2), ("twenty-one", 21.0), ("a dozen", 12.0),
     ("two hundred", 200.0), ("four", 4.0), ("forty five", 45.0)],
)  # fmt: skip
def test_parse_number(raw: str, value: float) -> None:
    assert parse_number(raw) == value


def test_grammar_reads_values_ranges_qualifiers_and_money() -> None:
    text = (
        "Up to 2,000 fighters, between 10 and 20 cars, more than 300 arrests, a dozen eggs, "
        "$5m and 5 million euros, £3.2bn, 12% and 4.5 per cent, 10-20 rounds."
    )
    got = {text[r.start : r.end]: r for r in find_numbers(text)}
    assert got["Up to 2,000"].value == 2000 and got["Up to 2,000"].qualifier == "up to"
    between = got["between 10 and 20"]
    assert (between.value, between.value_max, between.qualifier) == (10, 20, "between")
    assert got["more than 300"].qualifier == "more than"
    assert got["a dozen"].value == 12
    assert (got["$5m"].value, got["$5m"].unit) == (5e6, "USD")
    assert (got["5 million euros"].value, got["5 million euros"].unit) == (5e6, "EUR")
    assert (got["£3.2bn"].value, got["£3.2bn"].unit) == (3.2e9, "GBP")
    assert got["12%"].unit == "percent" and got["4.5 per cent"].value == 4.5
    assert (got["10-20"].value, got["10-20"].value_max) == (10, 20)


@pytest.mark.parametrize(
    "text",
    [
        "ABOUT THREE HUNDRED marchers, Tens Of Thousands watching, US$4bn and HK$ 12 spent.",
        "Nearly Forty cars (Some 12 vans) and A Dozen bikes; 7-8 km; Fifty-Five percent.",
        "The Kelvin sign \u212a and \u0130stanbul: roughly 30 ferries, twenty-one of them.",
        "nothing to count here at all",
    ],
)
def test_grammar_finds_what_a_plain_search_finds(text: str) -> None:
    # find_numbers looks for the openings in the lower-cased text first: the same amounts as
    # searching the text itself with the whole grammar, whatever the case of the words
    from newsgraph.nlp.amounts._grammar import _read, words

    w, plain, pos = words(), [], 0
    while (m := w.amount_re.search(text, pos)) is not None:
        raw = _read(m, w.currencies)
        plain += [raw] if raw is not None else []
        pos = max(m.start() + 1, raw.end if raw is not None else m.end())
    assert find_numbers(text) == plain
    assert plain or text.startswith("nothing")


def test_percent_ranges_bare_from_and_per_share_prices() -> None:
    text = "Shares could gain 5% to 10%, to about 450 stores from 360, at a $10-a-share price."
    got = {text[r.start : r.end]: r for r in find_numbers(text)}
    assert (got["5% to 10%"].value, got["5% to 10%"].value_max) == (5, 10)
    assert got["5% to 10%"].unit == "percent"
    assert got["360"].qualifier is None
    assert got["$10"].hyphen_noun is None


def test_a_figure_on_a_labelled_line_counts_the_label() -> None:
    text = "CASUALTIES:\nTotal dead: 14\nInjured: 230\n"
    found = {a.text: a.object for a in amounts.find_amounts(text, None)}
    assert found == {"14": "Total dead", "230": "Injured"}


def test_clock_times_in_zones_are_not_amounts() -> None:
    assert amounts.find_amounts("The blast came at 0735 GMT on the quay.", None) == []


def test_years_dates_ordinals_and_list_markers_are_not_amounts() -> None:
    text = "1. In 1998, on June 24 at 10 p.m., the 21st Century Fund lost 3 seats.\n2. Later."
    found = amounts.find_amounts(text, None)
    assert [a.text for a in found] == ["3"]


@pytest.mark.slow
def test_seed_amounts(seed_text: str, nlp) -> None:  # type: ignore[no-untyped-def]
    text = _seed_article_text(seed_text)
    article = Article(text=text, body=text)
    out = amounts.run(article, nlp(text))
    got = _by_text(out.amounts)
    upto = got["up to 2,000"]
    assert (upto.value, upto.qualifier) == (2000, "up to")
    assert upto.object == "Russians"  # "the figure" points back to the previous sentence
    thousands = got["thousands of"]
    assert thousands.qualifier == "thousands of" and thousands.object == "Russians"
    four = next(a for a in out.amounts if a.text == "four")
    assert four.value == 4 and four.object == "regions"
    for a in out.amounts:
        assert text[a.start : a.end] == a.text and a.stage == "amounts"
        if a.object is not None:
            assert text[a.object_start : a.object_end] == a.object  # type: ignore[index]


@pytest.mark.slow
def test_objects_and_units_from_the_parse(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Police said more than 300 protesters were arrested. The 15-nation council met. "
        "The firm paid $5m for a dozen hotels. Some 40 km of road was closed. "
        "Two of the victims were children."
    )
    got = _by_text(amounts.find_amounts(text, nlp(text)))
    assert (got["more than 300"].object, got["more than 300"].unit) == ("protesters", "people")
    assert got["15"].object == "nation"
    assert got["$5m"].unit == "USD"
    assert got["a dozen"].object == "hotels"
    assert (got["Some 40"].unit, got["Some 40"].object) == ("km", "road")
    assert got["Two"].object == "victims"


@pytest.mark.slow
def test_ages_counts_named_by_their_subject_and_the_number_antecedent(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A 40-year-old man was hurt and some 1.5m people fled. The death toll rose to 43. "
        "The number could reach 100, officials said. The No. 10 bus was hit."
    )
    got = _by_text(amounts.find_amounts(text, nlp(text)))
    assert (got["40"].unit, got["40"].object) == ("years old", "man")
    assert (got["some 1.5m"].value, got["some 1.5m"].object) == (1.5e6, "people")
    assert got["43"].object == "death toll"
    assert got["100"].object == "death toll"  # "the number" points back
    assert "10" not in got


@pytest.mark.slow
def test_objects_never_cross_a_line_break(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Total Dead: 192\nAmericans: 12\n"
    got = _by_text(amounts.find_amounts(text, nlp(text)))
    assert got["192"].object == "Total Dead"
    assert got["12"].object == "Americans"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab 0123456789,.$%-£upto thousandsof")), max_size=80))
def test_every_span_is_inside_the_text(text: str) -> None:
    for a in amounts.find_amounts(text, None):
        assert 0 <= a.start < a.end <= len(text)
        assert text[a.start : a.end] == a.text


def test_stage_reuses_the_dates_found_before_it() -> None:
    from newsgraph.nlp import dates

    text = "In 1998, 3 ships sank; two years later 40 more did."
    article = dates.run(Article(text=text, body=text), None)  # type: ignore[arg-type]
    out = amounts.run(article, None)  # type: ignore[arg-type]
    assert [a.text for a in out.amounts] == ["3", "40"]
    assert all(a.stage == "amounts" for a in out.amounts)
