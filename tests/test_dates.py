"""The dates stage and its TIMEX3 grammar (`newsgraph.nlp.timex`)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.model import Article
from newsgraph.nlp import dates
from newsgraph.nlp.timex import find_timexes

WED = date(2015, 6, 24)  # a Wednesday


def _values(text: str, ref: date | None = WED) -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, ref)}


def _seed_article_text(seed: str) -> str:
    lines = seed.splitlines()
    body = lines[: lines.index("-")] if "-" in lines else lines
    return "\n\n".join(body)


def _article(text: str, published: datetime | None) -> Article:
    return Article(text=text, body=text, published=published)


def test_seed_weekdays_resolve_against_publication(seed_text: str) -> None:
    text = _seed_article_text(seed_text)
    out = dates.run(_article(text, datetime(2015, 6, 24, 9, tzinfo=UTC)), None)  # type: ignore[arg-type]
    found = {(d.text, d.value, d.resolved) for d in out.dates}
    assert ("Tuesday", "2015-06-23", True) in found
    assert ("Sunday", "2015-06-21", True) in found
    assert ("Wednesday", "2015-06-24", True) in found  # the same day counts
    for d in out.dates:
        assert text[d.start : d.end] == d.text
        assert d.stage == "dates"


def test_seed_without_publication_date_is_typed_not_resolved(seed_text: str) -> None:
    text = _seed_article_text(seed_text)
    out = dates.run(_article(text, None), None)  # type: ignore[arg-type]
    by_text = {d.text: d for d in out.dates}
    assert by_text["Tuesday"].value == "XXXX-WXX-2"
    assert by_text["Sunday"].value == "XXXX-WXX-7"
    assert not any(d.resolved for d in out.dates)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It happened yesterday.", {"yesterday": "2015-06-23"}),
        ("Sales rose last week.", {"last week": "2015-W25"}),
        ("The law passed in March.", {"March": "2015-03"}),
        ("The plant closed two years ago.", {"two years ago": "2013"}),
        ("Profits fell this year.", {"this year": "2015"}),
        ("Music of the 1990s returned.", {"the 1990s": "199"}),
        ("It was signed on June 24, 2015 in Vienna.", {"June 24, 2015": "2015-06-24"}),
        ("It was signed on 24 June in Vienna.", {"24 June": "2015-06-24"}),
        ("Shots rang out Wednesday morning.", {"Wednesday morning": "2015-06-24TMO"}),
        ("The talks lasted three years.", {"three years": "P3Y"}),
        ("They meet every week.", {"every week": "P1W"}),
        ("He spoke at 10 p.m. Tuesday.", {"10 p.m. Tuesday": "2015-06-23T22:00"}),
        ("Prices are higher now.", {"now": "PRESENT_REF"}),
        ("The summit will open on Friday.", {"Friday": "2015-06-26"}),
        ("The vote is next month.", {"next month": "2015-07"}),
        ("Profit rose in the third quarter.", {"the third quarter": "2015-Q3"}),
        ("He arrived last Friday.", {"last Friday": "2015-06-19"}),
        ("He left earlier this month.", {"earlier this month": "2015-06"}),
        ("Talks began in January.", {"January": "2015-01"}),
        ("The lease ended Dec. 31.", {"Dec. 31": "2014-12-31"}),
        (
            "Filed on 2015-06-02 and 24/06/2015.",
            {"2015-06-02": "2015-06-02", "24/06/2015": "2015-06-24"},
        ),
        ("They stayed 2 1/2 years.", {"2 1/2 years": "P2Y6M"}),
        ("Rates rose in recent weeks.", {"recent weeks": "PXW"}),
        ("She left last February.", {"last February": "2015-02"}),
        ("She left last May.", {"last May": "2014-05"}),
        ("It opens this September.", {"this September": "2015-09"}),
        ("Sales peaked in February this year.", {"February this year": "2015-02"}),
        ("The plan ran until the year two thousand.", {"the year two thousand": "2000"}),
        (
            "A year earlier, the third quarter was weak.",
            {"A year earlier": "2014", "the third quarter": "2015-Q3"},
        ),
        (
            "Third-quarter profit fell; a year ago it rose.",
            {"Third-quarter": "2015-Q3", "a year ago": "2014-Q3"},
        ),
    ],
)
def test_relative_expressions_resolve(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


def test_types_and_granularity() -> None:
    by_text = {t.text: t for t in find_timexes("Wednesday morning, for three years, daily.", WED)}
    assert by_text["Wednesday morning"].type == "TIME"
    assert by_text["three years"].type == "DURATION"
    assert by_text["three years"].resolved is False
    assert by_text["daily"].type == "SET"
    day = find_timexes("It rained on Tuesday.", WED)[0]
    assert (day.type, day.granularity, day.resolved) == ("DATE", "day", True)


def test_unknown_anchor_keeps_x_placeholders() -> None:
    values = _values("They met on Tuesday and again last week, in June.", None)
    assert values == {"Tuesday": "XXXX-WXX-2", "last week": "XXXX-WXX", "June": "XXXX-06"}


def test_words_that_only_look_like_dates_are_left_alone() -> None:
    text = "Protesters may march on the capital; the 6-year-old boy has $1990 and 2,015 votes."
    assert find_timexes(text, WED) == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab 19Tuesday,.-June3 agoweeklastp.m")), max_size=80))
def test_every_span_is_inside_the_text(text: str) -> None:
    for t in find_timexes(text, WED):
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
