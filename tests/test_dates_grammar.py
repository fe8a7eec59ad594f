"""The TIMEX3 grammar's extents, durations, sets, times of day and ranges
(`newsgraph.nlp.dates.timex`), each on example sentences written for these tests.

Each test names the general rule it holds (a TimeML guideline, or a fact of English temporal
expressions), not a sentence of an evaluation set.
"""

from __future__ import annotations

import dataclasses
import re
import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.nlp.dates import timex
from newsgraph.nlp.dates.timex import find_timexes

WED = date(2015, 6, 24)  # a Wednesday


def _values(text: str, ref: date | None = WED) -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, ref)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a preposition is a signal, outside the expression; a modifier of the count is inside
        ("The firm has grown over the past three years.", {"the past three years": "P3Y"}),
        ("The offer runs until 5 p.m. Tuesday.", {"5 p.m. Tuesday": "2015-06-30T17:00"}),
        ("She waited about five hours.", {"five hours": "PT5H"}),
        ("The siege lasted nearly two decades.", {"nearly two decades": "P20Y"}),
        ("They have only 14 days to appeal.", {"14 days": "P14D"}),
        # "the" goes with the noun a hyphenated time modifies, not with the time
        ("The ten-year war ended.", {"ten-year": "P10Y"}),
        ("The third-quarter loss widened.", {"third-quarter": "2014-Q3"}),
        ("The 19th-century mansion burned.", {"19th-century": "18"}),
        ("Profit rose in the third quarter of 2014.", {"the third quarter of 2014": "2014-Q3"}),
        # ... unless the time noun is the head: "a three-year period"
        ("Costs were spread over a three-year period.", {"a three-year period": "P3Y"}),
        # a count told in words with its half, and the half after the unit
        ("The project took two and a half years.", {"two and a half years": "P2Y6M"}),
        ("The trial ran a year and a half.", {"a year and a half": "P1Y6M"}),
        ("They ruled for nearly half a century.", {"nearly half a century": "P50Y"}),
        ("He served almost a hundred days.", {"almost a hundred days": "P100D"}),
        # ranges of counts and approximations share the unit: one expression
        ("Shipments resume within two to three weeks.", {"two to three weeks": "PXW"}),
        ("Talks may take 12-18 months.", {"12-18 months": "PXM"}),
        ("The works will close over the next year or so.", {"the next year or so": "P1Y"}),
        ("A ruling could take a month or two.", {"a month or two": "P1M"}),
        ("It was a week or so ago.", {"a week or so ago": "2015-06-17"}),
        ("Over the next couple of years, prices will rise.", {"the next couple of years": "P2Y"}),
        # a year does not start a range of counts
        (
            "He was sentenced in 1998 to three years in prison.",
            {"1998": "1998", "three years": "P3Y"},
        ),
        # an unknown number of units
        ("The feud has gone on for years.", {"years": "PXY"}),
        ("It became a decades-long feud.", {"decades-long": "PXY"}),
        ("Investors fear losses in the weeks ahead.", {"the weeks ahead": "PXW"}),
        ("He died within weeks or months.", {"weeks or months": "PXW"}),
        ("In the first hours of the strike, trains stopped.", {"the first hours": "PTXH"}),
        ("Days later, a deal emerged.", {"Days": "PXD"}),
        # ... but one counted from an event is the event's time, which is not known here
        ("Police watched him in the weeks before the attack.", {}),
        # decades and centuries with their modifiers
        ("Music of the early 2000s returned.", {"the early 2000s": "200"}),
        ("The mill dates from the late 1800s.", {"the late 1800s": "18"}),
        ("It was built in the early twentieth century.", {"the early twentieth century": "19"}),
    ],
)
def test_extents_and_durations(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She woke at 4 in the morning.", {"4 in the morning": "2015-06-24T04:00"}),
        (
            "The bar closes at eleven o'clock at night.",
            {"eleven o'clock at night": "2015-06-24T23:00"},
        ),
        ("He left at half past six.", {"half past six": "2015-06-24T06:30"}),
        ("He called at a quarter to nine.", {"a quarter to nine": "2015-06-24T08:45"}),
        ("The deal closed at 3:30 this afternoon.", {"3:30 this afternoon": "2015-06-24T15:30"}),
        ("Police arrived in the morning.", {"the morning": "2015-06-24TMO"}),
        ("The troops moved at dawn.", {"dawn": "2015-06-24TMO"}),
        ("Earlier in the day, the minister resigned.", {"Earlier in the day": "2015-06-24"}),
        ("Sales slowed earlier in the year.", {"earlier in the year": "2015"}),
        # the narrative's day, when the text gave one
        (
            "On March 3, 2014, rebels attacked late in the evening.",
            {"March 3, 2014": "2014-03-03", "late in the evening": "2014-03-03TEV"},
        ),
        # a bare number is no time; nor is "half of", "high noon", a morning paper's name
        ("Half of 12 members left at 7.", {}),
        ("For Poland, high noon had come.", {}),
        ("She reads the Morning Star every day.", {"every day": "P1D"}),
    ],
)
def test_times_of_day(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The bus runs twice a day.", {"twice a day": "P1D"}),
        ("The board meets three times a year.", {"three times a year": "P1Y"}),
        ("Fees are $5 per month.", {"per month": "P1M"}),
        ("The fair is held each summer.", {"each summer": "XXXX-SU"}),
        ("The paper comes out every other week.", {"every other week": "P2W"}),
        ("He jogs every morning.", {"every morning": "XXXX-XX-XXTMO"}),
        ("The shop is closed on weekends.", {"weekends": "XXXX-WXX-WE"}),
        ("Flights leave on Tuesday nights.", {"Tuesday nights": "XXXX-WXX-2TNI"}),
        ("The market is shut on Sundays.", {"Sundays": "XXXX-WXX-7"}),
        # a weekday coordinated with a plural one shares its plural
        (
            "Ferries sail on Monday and Tuesday nights.",
            {"Monday": "XXXX-WXX-1TNI", "Tuesday nights": "XXXX-WXX-2TNI"},
        ),
        (
            "The shop opens Friday and Saturdays.",
            {"Friday": "XXXX-WXX-5", "Saturdays": "XXXX-WXX-6"},
        ),
        # "a week" alone is a duration
        ("The visit lasted a week.", {"a week": "P1W"}),
    ],
)
def test_sets(text: str, expected: dict[str, str]) -> None:
    found = {t.text: (t.value, t.type) for t in find_timexes(text, WED)}
    assert {k: v for k, (v, _) in found.items()} == expected
    assert all(kind == "SET" for k, (_, kind) in found.items() if k != "a week")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # each end of a range is an expression; the year of one end completes the other
        ("The show runs from March to June 2016.", {"March": "2016-03", "June 2016": "2016-06"}),
        (
            "It ran from December to February 2016.",
            {"December": "2015-12", "February 2016": "2016-02"},
        ),
        (
            "Prices rose in March, April and May 2012.",
            {"March": "2012-03", "April": "2012-04", "May 2012": "2012-05"},
        ),
        # the end of a range of weekdays follows its start
        ("Rain fell from Friday until Sunday.", {"Friday": "2015-06-19", "Sunday": "2015-06-21"}),
    ],
)
def test_ranges(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the following/previous" count from the narrative's time, not the publication's
        (
            "He arrived on March 3, 2014 and left the next day.",
            {"March 3, 2014": "2014-03-03", "the next day": "2014-03-04"},
        ),
        (
            "The vote was on March 3, 2014; the previous Friday was calm.",
            {"March 3, 2014": "2014-03-03", "the previous Friday": "2014-02-28"},
        ),
        (
            "The ship sank on June 2, 2014. The following week, divers came.",
            {"June 2, 2014": "2014-06-02", "The following week": "2014-W24"},
        ),
        ("Sales for the full year rose.", {"the full year": "2015"}),
        ("He returned last Christmas.", {"last Christmas": "2014-12-25"}),
        # a quarter without its year is the latest begun, as a year-less month is
        ("Profit fell in the fourth quarter.", {"the fourth quarter": "2014-Q4"}),
        ("Profit rose in the first quarter.", {"the first quarter": "2015-Q1"}),
        ("Profit will rise in the third quarter.", {"the third quarter": "2015-Q3"}),
    ],
)
def test_narrative_and_calendar_values(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The annual March for Life and the March of Dimes were held.",  # a march, a name
        "The index closed at 2082.1 and 1987.5.",  # decimals, not years
        "Rebels hold more than a quarter of the country.",  # a share
        'He spoke on the programme "This Week" with reporters.',  # a title
        "The 6-month-old boy was found.",  # an age
    ],
)
def test_words_that_are_not_times(text: str) -> None:
    assert find_timexes(text, WED) == []


def test_a_past_verb_in_its_own_clause_keeps_a_month_in_the_past() -> None:
    text = "Since the fund bought the firm in February, it has agreed to sell two units."
    assert _values(text, date(2015, 10, 30)) == {"February": "2015-02"}


_WORDS = [
    "the past", "three", "years", "early", "next week", "1990s", "a year and a half",
    "twice a week", "every Monday", "March 3,", "2015", "o'clock", "in the morning", "half past",
    "six", "2082.1", "quarter of", "months", "weeks", "ago", "later", ",", ".", "-",
    "decades-long", "Tuesday nights", "from", "to", "June 2016", "yesterday", "at dawn",
    "at", "10:30", "14.05 GMT", "4 p.m.", "11am", "between", "and", "Monday", "today", "Sept.",
    "2015-06-24", "6/24/15", "year-end", "THE PAST", "Years", "Fiscal", "Recently", "NOW",
    "FY2020", "each", "long", "day-long",
]  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=120))
def test_rules_tried_near_their_anchor_find_what_a_full_scan_finds(words: list[str]) -> None:
    """Rules with an anchor word are run only near one: the same expressions must come out as
    when every rule scans the whole text."""
    text = " ".join(words)
    full = tuple(dataclasses.replace(r, near=None) for r in timex.RULES)
    windowed = find_timexes(text, WED)
    saved = timex.RULES
    try:
        timex.RULES = full
        assert find_timexes(text, WED) == windowed
    finally:
        timex.RULES = saved


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=120), st.integers(min_value=0))
def test_rules_read_in_lower_case_find_what_the_text_itself_gives(
    words: list[str], casing: int
) -> None:
    """Rules with case-blind words are searched in the lower-cased text, then matched again on
    the text: the same expressions must come out as when every rule reads the text itself,
    whatever the case of its words."""
    text = " ".join(w.upper() if casing >> (i % 60) & 1 else w for i, w in enumerate(words))
    plain = tuple(dataclasses.replace(r, folded=None) for r in timex.RULES)
    folded = find_timexes(text, WED)
    saved = timex.RULES
    try:
        timex.RULES = plain
        assert find_timexes(text, WED) == folded
    finally:
        timex.RULES = saved


def test_a_pattern_is_read_in_lower_case_where_it_matches_wherever_the_text_does() -> None:
    fold = timex._folded
    assert fold(r"(?i:the\s+(?P<unit>year|month))\b") == r"(?:the\s+(?P<unit>year|month))\b"
    # a case-sensitive word matches more in the lowered text ("Years"), which the match on
    # the text then refuses; in a negative lookahead it would refuse too much
    assert fold(r"(?i:the)\s+years") == r"(?:the)\s+years"
    assert fold(r"(?i:a)\s+year(?!\s+than)") is None
    assert fold(r"(?i:a)[^a-z]") is None
    assert fold(r"(?P<mon>March)\s+(?i:last)") is None  # a capital
    assert fold(r"(?i:[(]a)B") is None  # a bracket in a class opens no group
    assert fold(r"\d+") is None  # nothing case-blind: nothing to gain
    # a capital written in hex is a capital: the lowered text never holds it
    assert fold(r"(?i:the)\s+\x59ears") is None
    assert fold(r"(?i:the)\u2019s") == r"(?:the)\u2019s"
    assert {r.name for r in timex.RULES if r.folded is not None} >= {"duration", "ref", "ago"}


def test_a_place_the_text_refuses_does_not_hide_a_match_overlapping_it() -> None:
    """In "aBbcd" the lowered text matches "abbc" at 0, which the text refuses ("B" is no
    "b"); the search goes on from 1 and finds "bcd", as a search of the text itself does."""
    pattern = r"(?i:a)b+c|bcd"
    rule = timex._Rule("test", re.compile(pattern), lambda m, ctx: None)
    rule = dataclasses.replace(rule, folded=re.compile(timex._folded(pattern) or ""))
    text = "aBbcd"
    got = [m.span() for m in timex._matches(rule, text, text.lower(), 0, len(text))]
    assert got == [m.span() for m in re.finditer(pattern, text)] == [(2, 5)]


def test_anchors_are_whole_unit_words_and_clock_figures() -> None:
    """A unit rule is tried near a unit word standing alone ("three years"), not near the
    "day" of "Monday"; a clock rule near the figures of a clock time."""
    text = "On Monday, today and on holiday, he spoke for three Years. It ended at 10:30."
    units = timex._anchor(timex._UNIT_WORD)
    assert [m[0] for m in units.finditer(text)] == ["Years"]
    assert [m[0] for m in timex._FOLDED[units].finditer(text.lower())] == ["years"]
    assert [m[0] for m in timex._anchor(timex._CLOCK_DIGITS).finditer(text)] == ["0:30"]
    assert [m[0] for m in timex._anchor(timex._AM_PM).finditer("3 dams, 4 P.M.")] == ["4 P.M"]
    sample = "Midday, 12016 and 1999: a Fortnight, two DAYS, weekends, the fall, a 2020s decade."
    spans = [m.span() for m in units.finditer(sample)]
    assert spans == [m.span() for m in timex._FOLDED[units].finditer(sample.lower())]
    assert [sample[a:b] for a, b in spans] == ["Fortnight", "DAYS", "weekends", "fall", "decade"]
    years = timex._anchor(timex._YEAR_DIGITS)
    assert [m[0] for m in years.finditer(sample)] == ["1999", "2020"]
    assert [m.span() for m in years.finditer(sample)] == [
        m.span() for m in re.finditer(r"(?<!\d)(?:1[6-9]|20)\d\d", sample)
    ]


def test_a_megabyte_without_time_words_is_scanned_fast() -> None:
    """A line of words and numbers and no unit, month or clock word: the anchored rules are
    skipped, so the whole grammar reads a megabyte in a few seconds."""
    text = ("the 12 members of a 300 seat board and " * 30_000)[:1_000_000]
    started = time.process_time()
    assert find_timexes(text, WED) == []
    assert time.process_time() - started < 6.0


# -- modern news styles: zones, schedules, holidays, range ends ----------------------------------

MON_2023 = date(2023, 1, 9)  # a Monday


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        # A US zone abbreviation after a clock time belongs to the time (TimeML: the zone is
        # part of the time's extent), and a day after the zone joins it.
        ("Polls close at 8 p.m. ET across the state.", WED, {"8 p.m. ET": "2015-06-24T20:00"}),
        (
            "The final starts at 6:08 p.m. PT Thursday in Los Angeles.",
            WED,
            {"6:08 p.m. PT Thursday": "2015-06-25T18:08"},
        ),
        # "on" is a signal between a time and its day: two expressions, the day given to both.
        (
            "The parade steps off at 10 a.m. on Labor Day downtown.",
            date(2024, 8, 28),
            {"10 a.m.": "2024-09-02T10:00", "Labor Day": "2024-09-02"},
        ),
        # The start of a range of clock times shares the day of its end.
        (
            "The shelter serves lunch from 11 a.m. to 2 p.m. on Thanksgiving Day.",
            date(2023, 11, 22),
            {
                "11 a.m.": "2023-11-23T11:00",
                "2 p.m.": "2023-11-23T14:00",
                "Thanksgiving Day": "2023-11-23",
            },
        ),
    ],
)
def test_clock_zones_and_days(text: str, ref: date, expected: dict[str, str]) -> None:
    assert _values(text, ref) == expected


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        # A present-tense verb of schedule right before the time tells the coming one.
        ("The county fair opens Friday with a rodeo.", WED, {"Friday": "2015-06-26"}),
        ("The Games open Saturday in the capital.", WED, {"Saturday": "2015-06-27"}),
        (
            "The general election is Nov. 5, officials noted.",
            date(2024, 3, 6),
            {"Nov. 5": "2024-11-05"},
        ),
        # The time of day may stand between the verb and the day.
        (
            "Ticket sales open at 10 a.m. ET on Friday.",
            WED,
            {"10 a.m. ET": "2015-06-26T10:00", "Friday": "2015-06-26"},
        ),
        ("The filing deadline is midnight Friday.", WED, {"midnight Friday": "2015-06-26T24:00"}),
        # "until" puts ahead the time right after it, not the later ones of its clause.
        (
            "Clerks said they had until Friday to count mail ballots postmarked by Election Day.",
            date(2020, 11, 4),
            {"Friday": "2020-11-06", "Election Day": "2020-11-03"},
        ),
        (
            "The union gave the company until 9 a.m. Tuesday to answer.",
            MON_2023,
            {"9 a.m. Tuesday": "2023-01-10T09:00"},
        ),
        # ... but not after a past auxiliary.
        ("The county offices were open Friday for voters.", WED, {"Friday": "2015-06-19"}),
        ("The county offices stayed open Friday for voters.", WED, {"Friday": "2015-06-19"}),
        # Plans, expectations, deadlines and forecasts look ahead.
        ("Kickoff is set for Saturday at the new stadium.", WED, {"Saturday": "2015-06-27"}),
        ("More snow is expected Tuesday in the valley.", MON_2023, {"Tuesday": "2023-01-10"}),
        (
            "The retailer cut its forecast for the fourth quarter.",
            date(2019, 9, 5),
            {"the fourth quarter": "2019-Q4"},
        ),
        # A month in the future tense may be the month under way.
        (
            "Sales figures for July are due next week, the agency said.",
            date(2021, 7, 22),
            {"July": "2021-07", "next week": "2021-W30"},
        ),
        # "since" points back, whatever cue the sentence holds.
        (
            "Crews will inspect the 12 pipes that have burst since January.",
            date(2024, 3, 6),
            {"January": "2024-01"},
        ),
    ],
)
def test_schedules_cues_and_since(text: str, ref: date, expected: dict[str, str]) -> None:
    assert _values(text, ref) == expected


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        (
            "Pools close after Labor Day in most towns.",
            date(2024, 9, 2),
            {"Labor Day": "2024-09-02"},
        ),
        ("Traffic peaked before Memorial Day.", date(2025, 5, 28), {"Memorial Day": "2025-05-26"}),
        (
            "Voters in Ohio head to the polls on Election Day.",
            date(2024, 10, 20),
            {"Election Day": "2024-11-05"},
        ),
        (
            "Schools closed for Martin Luther King Jr. Day.",
            date(2025, 1, 21),
            {"Martin Luther King Jr. Day": "2025-01-20"},
        ),
        (
            "Malls were busy on Presidents' Day.",
            date(2025, 2, 18),
            {"Presidents' Day": "2025-02-17"},
        ),
        (
            "Florists sold out before Mother's Day.",
            date(2025, 5, 12),
            {"Mother's Day": "2025-05-11"},
        ),
        (
            "Hardware stores did well on Father's Day.",
            date(2025, 6, 16),
            {"Father's Day": "2025-06-15"},
        ),
        ("Crowds protested on Columbus Day.", date(2025, 10, 14), {"Columbus Day": "2025-10-13"}),
        ("Shoppers lined up on Black Friday.", date(2023, 11, 25), {"Black Friday": "2023-11-24"}),
        (
            "Online sales broke records on Cyber Monday.",
            date(2023, 11, 28),
            {"Cyber Monday": "2023-11-27"},
        ),
        ("Churches filled on Good Friday.", date(2024, 3, 30), {"Good Friday": "2024-03-29"}),
        ("Veterans marched on Veterans Day.", date(2024, 11, 12), {"Veterans Day": "2024-11-11"}),
        (
            "The city celebrated Juneteenth with a parade.",
            date(2024, 6, 20),
            {"Juneteenth": "2024-06-19"},
        ),
        (
            "Roses sold out on Valentine's Day.",
            date(2018, 2, 15),
            {"Valentine's Day": "2018-02-14"},
        ),
        (
            "The pubs were full on St. Patrick's Day.",
            date(2024, 3, 18),
            {"St. Patrick's Day": "2024-03-17"},
        ),
        ("Sales began on Boxing Day.", date(2024, 12, 27), {"Boxing Day": "2024-12-26"}),
        # TimeML: the determiner of a named day belongs to it.
        (
            "Fireworks lit the sky on the Fourth of July.",
            date(2024, 7, 5),
            {"the Fourth of July": "2024-07-04"},
        ),
    ],
)
def test_holidays_of_us_news(text: str, ref: date, expected: dict[str, str]) -> None:
    assert _values(text, ref) == expected


def test_a_comparison_with_than_is_a_duration_not_a_shifted_date() -> None:
    found = find_timexes("The stadium opened a year later than planned.", WED)
    assert [(t.text, t.type, t.value) for t in found] == [("a year", "DURATION", "P1Y")]


def test_the_end_of_a_month_range_follows_its_start() -> None:
    # Told in April: May is the coming one, and September the one after that May.
    got = _values("The ferry runs hourly from May to September.", date(2019, 4, 16))
    assert got == {"hourly": "PT1H", "May": "2019-05", "September": "2019-09"}


FRI = date(2023, 5, 26)  # a Friday


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        # the present tense of an expectation or a plan looks ahead
        ("Forecasters expect snow Sunday night.", FRI, {"Sunday night": "2023-05-28TNI"}),
        ("The busiest day is likely to be Monday.", FRI, {"Monday": "2023-05-29"}),
        ("Nurses plan a walkout Tuesday at noon.", FRI, {"Tuesday": "2023-05-30"}),
        # a past clause of its own, after a future cue, governs the expression
        (
            "The council will vote again after the motion failed on Wednesday.",
            FRI,
            {"Wednesday": "2023-05-24"},
        ),
        # a span told in the present runs on to a time still ahead; in the past or the perfect,
        # or with a past verb after it, it does not
        ("The fair runs every weekend through March.", FRI, {"March": "2024-03"}),
        ("The fund has gained 4% this year through March.", FRI, {"March": "2023-03"}),
        ("Through March, sales fell 4%.", FRI, {"March": "2023-03"}),
        # a bare clock time takes the day last named with a clock time too
        (
            "Polls open at 7 a.m. Tuesday and close at 9 p.m.",
            FRI,
            {"9 p.m.": "2023-05-30T21:00"},
        ),
    ],
)
def test_tense_cues_and_clock_days(text: str, ref: date, expected: dict[str, str]) -> None:
    assert {k: v for k, v in _values(text, ref).items() if k in expected} == expected


def test_a_clock_day_is_not_the_narratives_day() -> None:
    """ "the previous Friday" counts from the last day the story named as a date, not from a
    day given with a clock time."""
    text = "On May 10 the index fell; at 3 p.m. Monday it rose from the previous Friday."
    assert _values(text, FRI)["the previous Friday"] == "2023-05-05"


OCT_16 = date(2024, 10, 16)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        # twelve months that end on a day other than Dec. 31 are no calendar year: a span
        ("Revenue for the year ended June 30 rose 4%.", OCT_16, {"the year": "P1Y"}),
        (
            "The chain lost money in the fiscal year ending tomorrow.",
            OCT_16,
            {"the fiscal year": "P1Y"},
        ),
        ("Net income for the year ended Dec. 31, 2023, doubled.", OCT_16, {"the year": "2023"}),
        # the year a results story reports on, named without an end, is that year
        ("For the year, shipments were flat.", OCT_16, {"the year": "2024"}),
        ("The company cut its outlook for the fiscal year.", OCT_16, {"the fiscal year": "2024"}),
        # "since year-end" counts from the end of the year before
        ("The index is up 8% since year-end.", OCT_16, {"year-end": "2023"}),
        ("The sale should close by year-end.", OCT_16, {"year-end": "2024"}),
        # "ago" in decades or centuries is counted in years
        ("The bridge opened a century ago.", OCT_16, {"a century ago": "1924"}),
        ("The mill flooded half a century ago.", OCT_16, {"half a century ago": "1974"}),
        # "earlier" counts back from the narrative's time, "ago" from the time of writing
        (
            "The fire began on Aug. 3. A day earlier, rangers had closed the trail.",
            OCT_16,
            {"A day earlier": "2024-08-02"},
        ),
        (
            "The plant opened in June 2019. Two months earlier, the town voted for it.",
            OCT_16,
            {"Two months earlier": "2019-04"},
        ),
        ("The ferry sank two days ago.", OCT_16, {"two days ago": "2024-10-14"}),
    ],
)
def test_reporting_years_and_counted_days(text: str, ref: date, expected: dict[str, str]) -> None:
    assert {k: v for k, v in _values(text, ref).items() if k in expected} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a passive participle after a present "be" is no past tense
        (
            "He faces up to 10 years in prison when he is sentenced in February.",
            {"February": "2025-02"},
        ),
        ("The defendant was sentenced in February.", {"February": "2024-02"}),
        # "as planned" says a past event kept to its plan, not that it lies ahead
        ("The parade began as planned Saturday night.", {"Saturday night": "2024-10-12TNI"}),
        # a forecast, a timetable or an aim in the present looks ahead
        (
            "The storm is forecast to reach the coast Thursday morning.",
            {"Thursday morning": "2024-10-17TMO"},
        ),
        ("The mayor hopes to sign the bill Friday.", {"Friday": "2024-10-18"}),
        # present verbs of schedule: "runs", "is held"
        (
            "The fair runs Thursday through Sunday.",
            {"Thursday": "2024-10-17", "Sunday": "2024-10-20"},
        ),
        ("The regatta is held Sunday on the lake.", {"Sunday": "2024-10-20"}),
        ("The regatta was held Sunday on the lake.", {"Sunday": "2024-10-13"}),
        ("Schools are closed Monday for the storm.", {"Monday": "2024-10-21"}),
        ("Schools were closed Monday for the storm.", {"Monday": "2024-10-14"}),
        # a past verb governing the day from right before it: the event's day, a past one;
        # a saying in the past leaves a date a few weeks ahead as the coming one
        ("The results were certified on Dec. 6.", {"Dec. 6": "2023-12-06"}),
        ("The mall opened on Black Friday.", {"Black Friday": "2023-11-24"}),
        ("He was released on Christmas Day.", {"Christmas Day": "2023-12-25"}),
        ("Stores will close on Christmas Day.", {"Christmas Day": "2024-12-25"}),
        ("Officials said the vote is Nov. 5.", {"Nov. 5": "2024-11-05"}),
        ("The rules, once approved, are to be published in December.", {"December": "2024-12"}),
        # a night told in the past, with no day named, is the one before publication
        ("The storm weakened overnight.", {"overnight": "2024-10-15TNI"}),
        ("Crews worked during the night.", {"the night": "2024-10-15TNI"}),
        ("The bridge will close overnight.", {"overnight": "2024-10-16TNI"}),
        ("On Monday, crews worked during the night.", {"the night": "2024-10-14TNI"}),
    ],
)
def test_tense_of_participles_plans_and_schedules(text: str, expected: dict[str, str]) -> None:
    assert {k: v for k, v in _values(text, OCT_16).items() if k in expected} == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the US date needs a US story: a state, the country, or what only US elections have
        ("Voters in Nevada head to the polls on Election Day.", "2024-11-05"),
        ("Counties must receive absentee ballots by Election Day.", "2024-11-05"),
        ("The U.S. embassy will close on Election Day.", "2024-11-05"),
        # elsewhere, or with no clue at all, the day is left unresolved
        ("Voters head to the polls on Election Day.", "XXXX-XX-XX"),
        ("In Ghana, markets were quiet on Election Day.", "XXXX-XX-XX"),
    ],
)
def test_election_day_is_the_us_date_only_in_a_us_story(text: str, value: str) -> None:
    assert _values(text, OCT_16)["Election Day"] == value


def _typed(text: str) -> list[tuple[int, int, str, str]]:
    return [(t.start, t.end, t.type, t.value) for t in find_timexes(text, WED)]


def test_rules_skipped_for_a_missing_word_still_read_capitals() -> None:
    # A rule whose every match holds one of its `need` words is skipped when the ASCII-lowered
    # text holds none; case-blind words in capitals are still read, and a letter that folds to
    # ASCII (the Kelvin sign) turns the shortcut off without changing what is found.
    text = "The shop opens at NOON, stays open OVERNIGHT, and restocks WEEKLY, as two weeks ago."
    found = _typed(text)
    assert [value for *_, value in found] == [
        "2015-06-24T12:00",
        "2015-06-24TNI",
        "P1W",
        "2015-06-10",
    ]
    assert _typed(text + " \u212a") == found
    assert _typed(text.lower()) == found


def test_need_words_are_lower_case_ascii() -> None:
    # They are looked up in the ASCII-lowered text, so any other spelling could never be found.
    for rule in timex.RULES:
        assert all(w.isascii() and w == w.lower() for w in rule.need), rule.name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the" goes with the noun a hyphenated time modifies, a capitalised noun too
        ("Consumers fueled the third-quarter GDP growth.", {"third-quarter": "2014-Q3"}),
        ("The year-ago results were restated.", {"year-ago": "2014"}),
        (
            "Sales in the second quarter fell from the year-ago quarter.",
            {"the second quarter": "2015-Q2", "the year-ago quarter": "2014-Q2"},
        ),
        # "right" is no part of "now"; a comparative is part of "recently"
        ("Right now the plant is idle.", {"now": "PRESENT_REF"}),
        ("More recently it has grown.", {"More recently": "PAST_REF"}),
        # current at a past time the text has moved back to
        ("The prize went to the then current champion.", {"then current": "PAST_REF"}),
    ],
)
def test_extents_of_modifiers_and_present_words(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


def test_a_quoted_programme_title_is_no_time() -> None:
    """Title case right after an opening quotation mark names a programme, not a week."""
    assert _values('The envoy, speaking on CBC\'s "This Week," said talks failed.') == {}
    assert _values('"This week we vote," the mayor said.') == {"This week": "2015-W26"}


def test_a_story_counts_from_its_datelines_day() -> None:
    """A wire story's "today" is its dateline's day, not the later day it was stored."""
    text = "LIMA, June 22 (Reuters) -- Miners went on strike today, union leaders said."
    assert _values(text) == {"June 22": "2015-06-22", "today": "2015-06-22"}
    # no day in the dateline, or one far from the reference date: the reference date
    assert _values("LIMA (AP) -- Miners went on strike today.") == {"today": "2015-06-24"}
    far = "LIMA, March 2 (Reuters) -- Miners went on strike today."
    assert _values(far) == {"March 2": "2015-03-02", "today": "2015-06-24"}
    # a dateline in December, stamped in January: the year before
    late = "LIMA, Dec. 30 (Reuters) -- Miners went on strike today."
    assert _values(late, date(2016, 1, 2)) == {"Dec. 30": "2015-12-30", "today": "2015-12-30"}
    # a dateline after the stamp is no reference; nor is a range of days after a capital word
    ahead = "LIMA, June 26 (Reuters) -- Miners went on strike today."
    assert _values(ahead)["today"] == "2015-06-24"
    assert _values("TALKS, June 20-22 ended today.")["today"] == "2015-06-24"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a clock time without a.m./p.m. after a preposition of time is the hour as written
        ("The mayor spoke at 10:30.", {"10:30": "2015-06-24T10:30"}),
        ("Polls stay open until 21:00.", {"21:00": "2015-06-24T21:00"}),
        # a fractional count of years ago is told in months, not rounded to a year
        ("He left a year and a half ago.", {"a year and a half ago": "2013-12"}),
        # the middle of a part of the day is that part
        ("By mid-morning, crowds had formed.", {"mid-morning": "2015-06-24TMO"}),
        # the start of a range of clock times shares the end's half of the day
        (
            "Storms are likely between 2 and 6 p.m.",
            {"2": "2015-06-24T14:00", "6 p.m.": "2015-06-24T18:00"},
        ),
        (
            "The sale runs from 11 to 1 p.m.",
            {"11": "2015-06-24T11:00", "1 p.m.": "2015-06-24T13:00"},
        ),
        ("Lunch is from 12 to 2 p.m.", {"12": "2015-06-24T12:00", "2 p.m.": "2015-06-24T14:00"}),
        # 12 p.m. is noon: a start before it is in the morning
        (
            "The desk is staffed from 10 to 12 p.m.",
            {"10": "2015-06-24T10:00", "12 p.m.": "2015-06-24T12:00"},
        ),
        # an end in the small hours after a larger start: the start is the evening before it
        (
            "The bar serves from 11 to 2 a.m.",
            {"11": "2015-06-24T23:00", "2 a.m.": "2015-06-24T02:00"},
        ),
        ("Between 2 and 3 percent left by 4 p.m.", {"4 p.m.": "2015-06-24T16:00"}),
        # the zone belongs to the clock time, in letters or in words
        ("Trading opens at 09:30 ET.", {"09:30 ET": "2015-06-24T09:30"}),
        ("The quake hit at 04:17 local time.", {"04:17 local time": "2015-06-24T04:17"}),
        ("The debate began at 9 p.m. Eastern time.", {"9 p.m. Eastern time": "2015-06-24T21:00"}),
        # ... but a ratio or a score is no time
        ("The vote was 10:30 against.", {}),
        ("Lenders cap leverage at 10:1.", {}),
        ("She scored at 4:12 of the third period.", {}),
        ("The goal came at 12:45 into the match.", {}),
        # days counted on a calendar of their own are days
        ("Refunds arrive within five business days.", {"five business days": "P5D"}),
        ("Prices recovered over eight trading days.", {"eight trading days": "P8D"}),
        # a forecast in the present passive looks ahead
        ("Storms are forecast for late Tuesday.", {"late Tuesday": "2015-06-30"}),
        ("Heavy rain is predicted Monday.", {"Monday": "2015-06-29"}),
        # a verb of schedule before a clock time in local time, or a day that "falls on" a date
        (
            "Voting ends at 7 p.m. local time on Sunday.",
            {"7 p.m. local time": "2015-06-28T19:00", "Sunday": "2015-06-28"},
        ),
        ("The festival falls on Monday this time.", {"Monday": "2015-06-29"}),
    ],
)
def test_bare_clocks_counted_days_and_forecasts(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


def test_that_night_is_the_narratives_night() -> None:
    """ "that night" is the night of the day the story last named (TimeML `TNI`), or the
    publication day's when it named none."""
    text = "Rebels shelled the port on June 2. Later that evening, a truce was signed."
    assert _values(text) == {"June 2": "2015-06-02", "Later that evening": "2015-06-02TEV"}
    assert _values("That night, the river rose.") == {"That night": "2015-06-24TNI"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a span told in two or three units is one duration, the units from the largest down
        ("He was sentenced to four years and six months.", {"four years and six months": "P4Y6M"}),
        ("The flight took 11 hours, 40 minutes.", {"11 hours, 40 minutes": "PT11H40M"}),
        ("She ran it in 2 hours 45 minutes.", {"2 hours 45 minutes": "PT2H45M"}),
        ("He spent two days, 40 minutes underground.", {"two days, 40 minutes": "P2DT40M"}),
        (
            "The term is 2 years, 6 months and 15 days.",
            {"2 years, 6 months and 15 days": "P2Y6M15D"},
        ),
        # a quarter of a unit is a count of its own
        ("It lasted a quarter of a century.", {"a quarter of a century": "P25Y"}),
        ("He waited a quarter of an hour.", {"a quarter of an hour": "PT15M"}),
        # a unit made an adjective with "long" is one unit's span; the article is the noun's
        ("A week-long strike ended.", {"week-long": "P1W"}),
        ("The weeklong festival ended.", {"weeklong": "P1W"}),
        ("After a yearlong inquiry, he quit.", {"yearlong": "P1Y"}),
        ("The months-long probe ended.", {"months-long": "PXM"}),
        # weeks are told in days once another unit joins them (ISO 8601)
        ("The strike lasted two weeks and three days.", {"two weeks and three days": "P17D"}),
        # the same unit twice, or a larger unit second, is no compound
        ("Terms of two weeks and three weeks ran.", {"two weeks": "P2W", "three weeks": "P3W"}),
        # the second must be a bare count and unit: "later" makes it an offset of its own
        (
            "The crew worked three hours, 40 minutes later resting.",
            {"three hours": "PT3H", "40 minutes later": "PT40M"},
        ),
        ("It took 40 minutes and two hours.", {"40 minutes": "PT40M", "two hours": "PT2H"}),
    ],
)
def test_durations_in_two_units_are_one(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


def test_dashed_ranges_of_days_are_two_expressions() -> None:
    """ "July 22-24" and "Nov. 1-Dec. 15": each end its own expression, as TimeML writes a
    range; a lower second number is no day of the range ("April 3-2" is a score)."""
    assert _values("The fair runs July 22-24 in Boston.") == {
        "July 22": "2015-07-22",
        "24": "2015-07-24",
    }
    assert _values("Sign-ups ran Nov. 1-Dec. 15.") == {
        "Nov. 1": "2014-11-01",
        "Dec. 15": "2014-12-15",
    }
    assert _values("It ended in an April 3-2 win.") == {"April 3": "2015-04-03"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verb of schedule after a determiner is a noun: "the close" is no "closes"
        ("Results came after the close on Monday.", {"Monday": "2015-06-22"}),
        # "that" before the verb is a relative pronoun, and the verb still tells a schedule
        ("The mall that opens Monday was built by a local firm.", {"Monday": "2015-06-29"}),
        # two weekdays listed together lie on the same side of the telling
        (
            "Schools are closed Monday and Tuesday.",
            {"Monday": "2015-06-29", "Tuesday": "2015-06-30"},
        ),
        ("Talks were held Monday and Tuesday.", {"Monday": "2015-06-22", "Tuesday": "2015-06-23"}),
    ],
)
def test_nouns_of_schedule_and_listed_weekdays(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare season after a preposition of time is a time ...
        ("Crews hope to finish by summer.", {"summer": "2015-SU"}),
        # ... not a season that modifies a noun, or one in a name
        ("He hurt his knee in spring training.", {}),
        ("She sang with Donna Summer in Vegas.", {}),
        # a verb of schedule before "in" and a month looks ahead
        ("Early voting begins in March.", {"March": "2016-03"}),
        ("The tax takes effect in January.", {"January": "2016-01"}),
        # a day as the subject of a verb in the present is a day ahead; a month so is any
        ("Monday is the deadline for bids.", {"Monday": "2015-06-29"}),
        ("Sunday marks the 10th anniversary.", {"Sunday": "2015-06-28"}),
        ("Friday was the deadline.", {"Friday": "2015-06-19"}),
        # a quarter or a half "of last year" is one expression, in that year
        (
            "Profit fell in the third quarter of last year.",
            {"the third quarter of last year": "2014-Q3"},
        ),
        (
            "Growth returns in the first half of next year.",
            {"the first half of next year": "2016-H1"},
        ),
    ],
)
def test_bare_seasons_and_scheduled_months(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


def test_every_weekday_keeps_its_part_of_the_day() -> None:
    """ "every Tuesday morning" is the set of Tuesday mornings, not last Tuesday's morning."""
    assert _values("Trash goes out every Tuesday morning.") == {
        "every Tuesday morning": "XXXX-WXX-2TMO"
    }
    assert _values("The club meets each Friday night.") == {"each Friday night": "XXXX-WXX-5TNI"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a year between an owner and a vehicle make is a model year, not a time
        ("Police found his 2012 Honda Civic.", {}),
        ("The suspect's 1999 Subaru was towed.", {}),
        ("Officers stopped Reyes\u2019s 1994 Toyota.", {}),
        # a year before a capitalised word is still a year elsewhere
        ("The 1996 Olympic torch relay began.", {"1996": "1996"}),
        ("In 2012 Honda sold more cars.", {"2012": "2012"}),
        # the decade under way, a stretch of one, and a half of a decade that is no half-year
        ("Demand doubles by the end of the decade.", {"the end of the decade": "201"}),
        ("Sales doubled over the decade.", {"the decade": "P10Y"}),
        # (the part of the decade is inside its expression, as TimeML keeps a modifier)
        ("It grew in the second half of the 1990s.", {"the second half of the 1990s": "199"}),
        # "the full year" with its year is one expression
        ("For the full year 2014, sales rose.", {"the full year 2014": "2014"}),
    ],
)
def test_model_years_and_full_years(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        # the weekend next to a holiday: before a Monday one, after a Thursday one
        (
            "Travel peaks over Memorial Day weekend.",
            date(2024, 3, 14),
            {"Memorial Day weekend": "2024-W21-WE"},
        ),
        (
            "Roads were busy over the Thanksgiving weekend.",
            date(2023, 12, 1),
            {"the Thanksgiving weekend": "2023-W47-WE"},
        ),
    ],
)
def test_holiday_weekends(text: str, ref: date, expected: dict[str, str]) -> None:
    assert _values(text, ref) == expected


# TimeML resolves an under-specified date from the temporal focus of its context when no tense
# decides: a year-less date listed after a coming day of the same sentence is a coming one too.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Crossings on the northern route resume from March 2, with extra sailings to the"
            " islands from Sept. 9.",
            {"March 2": "2015-03-02", "Sept. 9": "2015-09-09"},
        ),
        (
            "The museum reopens its east wing from March 2 and the sculpture garden from"
            " September.",
            {"March 2": "2015-03-02", "September": "2015-09"},
        ),
        # the earlier day is past, or in another sentence: the nearer past one stays
        (
            "Crossings on the northern route start from Jan. 5, with extra sailings to the"
            " islands from Sept. 9.",
            {"Jan. 5": "2015-01-05", "Sept. 9": "2014-09-09"},
        ),
        (
            "Crossings on the northern route resume from March 2. Extra sailings to the islands"
            " date from Sept. 9.",
            {"March 2": "2015-03-02", "Sept. 9": "2014-09-09"},
        ),
        # the time of another event, not the start or the end of a stretch: the tense decides
        (
            "Ferry service resumes March 2 after a fire in December.",
            {"March 2": "2015-03-02", "December": "2014-12"},
        ),
        (
            "The hearing opens March 2 and concerns a break-in on Nov. 8.",
            {"March 2": "2015-03-02", "Nov. 8": "2014-11-08"},
        ),
    ],
)
def test_a_date_listed_after_a_coming_day_is_a_coming_one(
    text: str, expected: dict[str, str]
) -> None:
    assert _values(text, date(2015, 2, 10)) == expected


# The calendar decides: a year-less day given with its weekday lies in the year (of the three
# around the reference date) where that day falls on that weekday; with none, the tense decides.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The trial began on Monday, March 3, after a month of motions.", "2014-03-03"),
        ("The trial began on Tuesday, March 3, after a month of motions.", "2015-03-03"),
        ("Hearings resume on Saturday, 5 March, in the capital.", "2016-03-05"),
        ("The trial began on Friday, March 3.", "2015-03-03"),  # no such day near: the tense
    ],
)
def test_a_weekday_picks_the_year_of_a_yearless_day(text: str, value: str) -> None:
    found = [t for t in find_timexes(text, WED) if t.type == "DATE"]
    assert found[0].value == value


# News tells a timetable in the present ("voters head to the polls in November") and a likely
# outcome with a modal ("the storm should reach the coast by Thursday"): both look ahead. A
# habit ("usually begin ... in July"), a past verb between ("returns fell in July"), "should
# have", a noun that looks like a verb ("two visits to") or a past verb in the time's own clause
# after the cue's ("the bank, which may sell the unit, reported ...") keep the time in the past.
@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        ("Lawmakers return to the capital on Monday to debate the bill.", WED, "2015-06-29"),
        ("He was arrested Sunday and appears in court Monday.", WED, "2015-06-29"),
        ("Voters head to the polls in November.", WED, "2015-11"),
        ("Forecasters say the storm should reach the coast by Thursday.", WED, "2015-06-25"),
        ("The storm might weaken over land on Friday.", WED, "2015-06-26"),
        ("Rain is likely Thursday night, forecasters said.", WED, "2015-06-25TNI"),
        ("The mayor should have acted on Friday.", WED, "2015-06-19"),
        ("Farmers usually begin the harvest in late July.", date(2015, 9, 2), "2015-07"),
        ("The company's returns fell sharply in July.", date(2015, 9, 2), "2015-07"),
        # a noun, not a verb: after a count, a possessive or a preposition
        ("Two visits to the border in May drew crowds.", date(2015, 2, 10), "2014-05"),
        ("Monday's vote on the levy in May was close.", date(2015, 2, 10), "2014-05"),
        # the cue in a clause of its own, the time's clause in the past
        ("The bank, which may sell the unit, reported a loss on Tuesday.", WED, "2015-06-23"),
        ("Whatever might happen, the mill closed its doors on Monday.", WED, "2015-06-22"),
        ("He may well have left the city on Monday.", WED, "2015-06-22"),
        ("The army showed its might at a parade on Thursday.", WED, "2015-06-18"),  # a noun
        ("The mill will, if need be, cut 300 jobs on Monday.", WED, "2015-06-29"),  # "cut": present
    ],
)
def test_timetables_in_the_present_and_modals_look_ahead(
    text: str, ref: date, expected: str
) -> None:
    assert find_timexes(text, ref)[-1].value == expected


# "fiscal" names a time only with "year" or a year after it ("fiscal 2014", "the fiscal
# year"); alone it is an adjective of public money.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Congress averted the fiscal cliff after weeks of talks.", {"weeks": "PXW"}),
        ("The central bank urged tighter fiscal policy.", {}),
        ("Profit fell in fiscal 2014 and rose in the fiscal year after.", None),
    ],
)
def test_fiscal_alone_is_no_time(text: str, expected: dict[str, str] | None) -> None:
    found = _values(text)
    if expected is None:
        assert found["fiscal 2014"] == "2014" and "the fiscal year" in found
    else:
        assert found == expected


# A capitalised season before another capitalised word, and a capitalised "Year" after "of
# the", are parts of names (events, streets, awards), not times.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She won gold at the Summer Olympics and skated at the Winter Games.", {}),
        ("The magazine named her Person of the Year.", {}),
        ("The Summer of 2012 was wet, and prices rose in the summer.", None),
    ],
)
def test_seasons_and_years_in_names_are_no_times(
    text: str, expected: dict[str, str] | None
) -> None:
    found = _values(text)
    if expected is None:
        assert found == {"The Summer of 2012": "2012-SU", "the summer": "2015-SU"}
    else:
        assert found == expected


# A verb in the past that governs the date through its object ("cut 300 jobs in March") sets
# the event in the past, however near the next March is; a modal or an infinitive does not.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The mill said in December that it cut 300 jobs in March.", "2014-03"),
        ("The mill said in December that it would cut 300 jobs in March.", "2015-03"),
        ("Officials said profits rose 5% in March.", "2014-03"),
        ("The newly elected mayor takes office in March.", "2015-03"),  # an adjective
    ],
)
def test_a_past_verb_with_its_object_keeps_a_near_month_past(text: str, expected: str) -> None:
    assert find_timexes(text, date(2015, 2, 10))[-1].value == expected


# Midnight told in the past with no day named is the one that began the day of publication
# (TimeML writes it as the end of the day before); told ahead, the coming one.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The bridge collapsed shortly after midnight.", "2015-06-23T24:00"),
        ("The bridge will close at midnight.", "2015-06-24T24:00"),
    ],
)
def test_a_past_midnight_is_the_one_before(text: str, expected: str) -> None:
    assert _values(text) == {"midnight": expected}


# TimeML: a count of a smaller unit per period ("three days a week") is one SET whose value is
# the period (`P1W`; the count is its `freq`), as "twice a week" is; "a week ago" stays a date.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The clinic opens four days a week.", {"four days a week": "P1W"}),
        ("Guards patrol the dam 24 hours a day.", {"24 hours a day": "P1D"}),
        ("The crew rested two days a week ago.", {"two days": "P2D", "a week ago": "2015-06-17"}),
    ],
)
def test_a_count_per_period_is_one_set(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected


def test_a_span_is_read_for_its_tense_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A match is read twice (to choose among overlapping ones, then for its value); its tense
    depends on the text and the span alone, so it is worked out once."""
    from newsgraph.nlp.dates import _context

    calls: list[tuple[int, int]] = []
    real = _context.is_future

    def counted(text: str, start: int, end: int) -> bool:
        calls.append((start, end))
        return real(text, start, end)

    monkeypatch.setattr(_context, "is_future", counted)
    assert _values("The board will meet on Friday and vote in March.") == {
        "Friday": "2015-06-26",
        "March": "2016-03",
    }
    assert calls and len(calls) == len(set(calls))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a part of a decade or a century is inside its expression, with the decade's value
        (
            "Mill towns emptied during the latter half of the '70s.",
            {"the latter half of the '70s": "197"},
        ),
        ("Rents climbed toward the end of the 1980s.", {"the end of the 1980s": "198"}),
        (
            "Canals were dug at the beginning of the 19th century.",
            {"the beginning of the 19th century": "18"},
        ),
        (
            "The club thrived in the first half of the sixties.",
            {"the first half of the sixties": "196"},
        ),
        # a part of a year, as "the end of 1994" is ("the early part of next year")
        ("Work resumes in the early part of next year.", {"the early part of next year": "2016"}),
        ("Orders slowed in the latter part of 2013.", {"the latter part of 2013": "2013"}),
        # a half or a quarter "of the year" is one expression, the year's half or quarter
        (
            "Hiring should pick up in the second half of the year.",
            {"the second half of the year": "2015-H2"},
        ),
        (
            "Output dipped in the first quarter of the fiscal year.",
            {"the first quarter of the fiscal year": "2015-Q1"},
        ),
        # a half of something else stays out
        ("He scored twice in the first half of the match.", {}),
    ],
)
def test_parts_of_decades_and_years_are_in_the_expression(
    text: str, expected: dict[str, str]
) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the period a results story compares, named with its year back, is one expression:
        # the quarter the story reports on, a year before
        (
            "The dairy earned $4 million in the third quarter, against $6 million in the "
            "same period last year.",
            {"the third quarter": "2014-Q3", "the same period last year": "2013-Q3"},
        ),
        (
            "Freight volume grew in the second quarter from the comparable quarter a year earlier.",
            {"the second quarter": "2015-Q2", "the comparable quarter a year earlier": "2014-Q2"},
        ),
        (
            "Ticket sales in the first quarter topped the corresponding period of 2012.",
            {"the first quarter": "2015-Q1", "the corresponding period of 2012": "2012-Q1"},
        ),
        # after a span of months the span is compared; with no period named, the year before
        (
            "The mill lost money in the third quarter. For the nine months, output trailed "
            "the same period last year.",
            {
                "the third quarter": "2014-Q3",
                "the nine months": "P9M",
                "the same period last year": "P9M",
            },
        ),
        (
            "Tourism rebounded from the same period last year.",
            {"the same period last year": "2014"},
        ),
    ],
)
def test_the_same_period_a_year_back_is_one_expression(text: str, expected: dict[str, str]) -> None:
    assert _values(text) == expected
