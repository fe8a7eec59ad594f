"""News-style probes for the dates stage: sentences written for this test (not taken from any
evaluation set), each with its publication date and the TIMEX3 type and value that the TimeML
guidelines give its expressions. Every probe names the exact extent of each expression."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.nlp.dates.timex import find_timexes

THU = date(2026, 12, 3)  # a Thursday, ISO week 49
TUE_JAN = date(2027, 1, 5)  # a Tuesday in ISO week 1 of 2027, after a 53-week 2026
MON = date(2026, 6, 15)  # a Monday, ISO week 25
FRI = date(2026, 3, 20)  # a Friday, ISO week 12
WED = date(2026, 7, 8)  # a Wednesday, ISO week 28
DEC = date(2025, 12, 30)  # a Tuesday near the turn of the year (ISO week 1 of 2026)

Probe = tuple[date, str, list[tuple[str, str, str]]]

PROBES: list[Probe] = [
    # weekdays, told in the past and ahead
    (THU, "The council voted on Tuesday to close the depot.", [("Tuesday", "DATE", "2026-12-01")]),
    (THU, "Talks will resume on Tuesday in the capital.", [("Tuesday", "DATE", "2026-12-08")]),
    (THU, "Police said Monday that two men had been held.", [("Monday", "DATE", "2026-11-30")]),
    (
        THU,
        "The minister is expected to visit the port on Saturday.",
        [("Saturday", "DATE", "2026-12-05")],
    ),
    (THU, "Flights resumed Thursday after the strike ended.", [("Thursday", "DATE", "2026-12-03")]),
    (THU, "The final is scheduled for Sunday.", [("Sunday", "DATE", "2026-12-06")]),
    (
        MON,
        "The storm hit the coast on Friday and moved inland.",
        [("Friday", "DATE", "2026-06-12")],
    ),
    (MON, "Shares fell sharply last Wednesday.", [("last Wednesday", "DATE", "2026-06-10")]),
    (
        THU,
        "Lawmakers return next Tuesday for a special session.",
        [("next Tuesday", "DATE", "2026-12-08")],
    ),
    (FRI, "Results are due on Wednesday, officials said.", [("Wednesday", "DATE", "2026-03-25")]),
    # relative weeks, months and years
    (THU, "Exports dropped last week, the agency reported.", [("last week", "DATE", "2026-W48")]),
    (THU, "The board meets again next week.", [("next week", "DATE", "2026-W50")]),
    (THU, "Prices have risen this week.", [("this week", "DATE", "2026-W49")]),
    (THU, "Unemployment rose last month to 5 percent.", [("last month", "DATE", "2026-11")]),
    (THU, "The law takes effect next month.", [("next month", "DATE", "2027-01")]),
    (
        THU,
        "The company cut 400 jobs earlier this month.",
        [("earlier this month", "DATE", "2026-12")],
    ),
    (THU, "Turnout was higher last year.", [("last year", "DATE", "2025")]),
    (THU, "Elections are due next year.", [("next year", "DATE", "2027")]),
    (THU, "The firm expects to hire 200 people this year.", [("this year", "DATE", "2026")]),
    (THU, "The plant closed late last year.", [("late last year", "DATE", "2025")]),
    (THU, "Work began early this year.", [("early this year", "DATE", "2026")]),
    (TUE_JAN, "Sales slumped last week over the holidays.", [("last week", "DATE", "2026-W53")]),
    (TUE_JAN, "The deal was signed last month.", [("last month", "DATE", "2026-12")]),
    (TUE_JAN, "Inflation eased last year.", [("last year", "DATE", "2026")]),
    (DEC, "The tax rises next month.", [("next month", "DATE", "2026-01")]),
    # "ago"
    (THU, "The bridge opened a week ago.", [("a week ago", "DATE", "2026-11-26")]),
    (THU, "She moved to the city two years ago.", [("two years ago", "DATE", "2024")]),
    (THU, "The fire started three days ago.", [("three days ago", "DATE", "2026-11-30")]),
    (THU, "The mine flooded six months ago.", [("six months ago", "DATE", "2026-06")]),
    (THU, "The treaty was signed a decade ago.", [("a decade ago", "DATE", "2016")]),
    (THU, "A day earlier, on Nov. 20, the mayor resigned.", [("Nov. 20", "DATE", "2026-11-20")]),
    # halves, quarters and fiscal years
    (
        THU,
        "Output grew in the first half, the company said.",
        [("the first half", "DATE", "2026-H1")],
    ),
    (THU, "Profit fell in the third quarter.", [("the third quarter", "DATE", "2026-Q3")]),
    (
        THU,
        "Profit rose 8 percent in the second quarter of 2025.",
        [("the second quarter of 2025", "DATE", "2025-Q2")],
    ),
    (
        MON,
        "Revenue in the first quarter rose 4 percent.",
        [("the first quarter", "DATE", "2026-Q1")],
    ),
    # TIMEX3 has no fiscal-year code: the fiscal year is written as its year, as TimeBank does
    (THU, "The chain plans to open 30 stores in fiscal 2027.", [("fiscal 2027", "DATE", "2027")]),
    (
        THU,
        "Earnings for the fourth quarter will be released in February.",
        [("the fourth quarter", "DATE", "2026-Q4"), ("February", "DATE", "2027-02")],
    ),
    (THU, "The group posted a loss for Q3.", [("Q3", "DATE", "2026-Q3")]),
    (
        THU,
        "Margins narrowed in the second half of 2025.",
        [("the second half of 2025", "DATE", "2025-H2")],
    ),
    (THU, "Sales rose in the previous quarter.", [("the previous quarter", "DATE", "2026-Q3")]),
    (THU, "Growth is forecast to slow next quarter.", [("next quarter", "DATE", "2027-Q1")]),
    # seasons
    (THU, "The bill stalled last summer.", [("last summer", "DATE", "2025-SU")]),
    (MON, "The harvest was poor this spring.", [("this spring", "DATE", "2026-SP")]),
    (THU, "The trial opens next spring.", [("next spring", "DATE", "2027-SP")]),
    (
        THU,
        "Construction stopped in the summer of 2024.",
        [("the summer of 2024", "DATE", "2024-SU")],
    ),
    (WED, "The vote is expected in the fall.", [("the fall", "DATE", "2026-FA")]),
    (THU, "Flooding hit the valley last fall.", [("last fall", "DATE", "2025-FA")]),
    # decades and centuries
    (THU, "The factory was built in the 1990s.", [("the 1990s", "DATE", "199")]),
    (THU, "Crime peaked in the early 1990s.", [("the early 1990s", "DATE", "199")]),
    (THU, "The debt dates from the 1980s.", [("the 1980s", "DATE", "198")]),
    (THU, "The church dates to the 18th century.", [("the 18th century", "DATE", "17")]),
    (
        THU,
        "The bank was founded in the late 19th century.",
        [("the late 19th century", "DATE", "18")],
    ),
    # months and days without a year
    (THU, "Prices spiked in mid-March.", [("mid-March", "DATE", "2026-03")]),
    (THU, "The talks collapsed in early October.", [("early October", "DATE", "2026-10")]),
    (THU, "The strike began in late September.", [("late September", "DATE", "2026-09")]),
    (TUE_JAN, "The hostages were freed on Dec. 28.", [("Dec. 28", "DATE", "2026-12-28")]),
    (TUE_JAN, "The storm struck on Dec. 31, officials said.", [("Dec. 31", "DATE", "2026-12-31")]),
    (TUE_JAN, "The court will rule on Jan. 20.", [("Jan. 20", "DATE", "2027-01-20")]),
    (TUE_JAN, "Arrests rose sharply in December.", [("December", "DATE", "2026-12")]),
    (DEC, "The new rules take effect Jan. 1.", [("Jan. 1", "DATE", "2026-01-01")]),
    (DEC, "Talks will resume on Jan. 8.", [("Jan. 8", "DATE", "2026-01-08")]),
    (DEC, "The plant was shut on Dec. 12.", [("Dec. 12", "DATE", "2025-12-12")]),
    (THU, "The vote is set for Jan. 14.", [("Jan. 14", "DATE", "2027-01-14")]),
    (THU, "The fire broke out on Nov. 29.", [("Nov. 29", "DATE", "2026-11-29")]),
    (THU, "He was arrested in July.", [("July", "DATE", "2026-07")]),
    (THU, "The ship sank on March 3, 2019.", [("March 3, 2019", "DATE", "2019-03-03")]),
    (THU, "The fund was set up in May 2021.", [("May 2021", "DATE", "2021-05")]),
    (THU, "The rule has applied since 2015.", [("2015", "DATE", "2015")]),
    (THU, "Deliveries slowed at the end of the year.", [("the end of the year", "DATE", "2026")]),
    # days and times of day
    (
        THU,
        "The blast happened Tuesday night near the market.",
        [("Tuesday night", "TIME", "2026-12-01TNI")],
    ),
    (
        THU,
        "Rescuers reached the village on Monday morning.",
        [("Monday morning", "TIME", "2026-11-30TMO")],
    ),
    (
        THU,
        "The polls close at 5 p.m. local time.",
        [("5 p.m. local time", "TIME", "2026-12-03T17:00")],
    ),
    (
        THU,
        "The quake struck at 4:15 a.m. Wednesday.",
        [("4:15 a.m. Wednesday", "TIME", "2026-12-02T04:15")],
    ),
    (THU, "Troops entered the town yesterday.", [("yesterday", "DATE", "2026-12-02")]),
    (THU, "The president speaks tomorrow.", [("tomorrow", "DATE", "2026-12-04")]),
    (THU, "Protesters gathered again tonight.", [("tonight", "TIME", "2026-12-03TNI")]),
    (THU, "The minister spoke this morning.", [("this morning", "TIME", "2026-12-03TMO")]),
    (
        THU,
        "The verdict is expected on Friday afternoon.",
        [("Friday afternoon", "TIME", "2026-12-04TAF")],
    ),
    (THU, "The curfew begins at midnight.", [("midnight", "TIME", "2026-12-03T24:00")]),
    (
        THU,
        "The ceasefire took hold at noon on Sunday.",
        [("noon", "TIME", "2026-11-29T12:00"), ("Sunday", "DATE", "2026-11-29")],
    ),
    (THU, "The weekend saw heavy snow.", [("The weekend", "DATE", "2026-W48-WE")]),
    (THU, "The festival runs this weekend.", [("this weekend", "DATE", "2026-W49-WE")]),
    (THU, "Christmas Day falls on a Friday.", [("Christmas Day", "DATE", "2026-12-25")]),
    # durations
    (THU, "He served as mayor for three years.", [("three years", "DURATION", "P3Y")]),
    (THU, "Both sides agreed to a 10-day ceasefire.", [("10-day", "DURATION", "P10D")]),
    (
        THU,
        "Prices have doubled over the past three years.",
        [("the past three years", "DURATION", "P3Y")],
    ),
    # decades written in years (`P10Y`), the spelling TimeBank uses for `P1DE`
    (THU, "The siege lasted more than a decade.", [("more than a decade", "DURATION", "P10Y")]),
    (THU, "Negotiators talked for 18 hours.", [("18 hours", "DURATION", "PT18H")]),
    (THU, "The flight was delayed by 45 minutes.", [("45 minutes", "DURATION", "PT45M")]),
    (THU, "The drought has lasted for months.", [("months", "DURATION", "PXM")]),
    (THU, "Rebels held the town for several weeks.", [("several weeks", "DURATION", "PXW")]),
    (THU, "He was jailed for six months.", [("six months", "DURATION", "P6M")]),
    (THU, "The two-year contract was signed.", [("two-year", "DURATION", "P2Y")]),
    (
        THU,
        "The inquiry could take a year and a half.",
        [("a year and a half", "DURATION", "P1Y6M")],
    ),
    (THU, "Fighting over the past week killed dozens.", [("the past week", "DURATION", "P1W")]),
    (THU, "The stadium was emptied within half an hour.", [("half an hour", "DURATION", "PT30M")]),
    (
        THU,
        "The tunnel took nearly two decades to build.",
        [("nearly two decades", "DURATION", "P20Y")],
    ),
    # sets
    (THU, "The market opens every Monday.", [("every Monday", "SET", "XXXX-WXX-1")]),
    (THU, "The report is published annually.", [("annually", "SET", "P1Y")]),
    (THU, "The committee meets weekly.", [("weekly", "SET", "P1W")]),
    (THU, "Buses run every 15 minutes.", [("every 15 minutes", "SET", "PT15M")]),
    (THU, "The paper prints twice a week.", [("twice a week", "SET", "P1W")]),
    (THU, "Inspectors visit each year.", [("each year", "SET", "P1Y")]),
    (THU, "The pharmacy closes on Sundays.", [("Sundays", "SET", "XXXX-WXX-7")]),
    (THU, "Figures are released monthly.", [("monthly", "SET", "P1M")]),
    (THU, "The council holds hearings every summer.", [("every summer", "SET", "XXXX-SU")]),
    # references without a calendar value
    (THU, "The town is now under curfew.", [("now", "DATE", "PRESENT_REF")]),
    (THU, "The rebels recently seized a second town.", [("recently", "DATE", "PAST_REF")]),
    (
        THU,
        "The minister said more cuts may come in the future.",
        [("the future", "DATE", "FUTURE_REF")],
    ),
    # added after the first run: what the first run found wrong, and more of the same kinds
    (
        THU,
        "Revenue rose 6 percent from the previous quarter.",
        [("the previous quarter", "DATE", "2026-Q3")],
    ),
    (
        THU,
        "Profit in the third quarter beat the preceding quarter.",
        [("the third quarter", "DATE", "2026-Q3"), ("the preceding quarter", "DATE", "2026-Q2")],
    ),
    (
        THU,
        "Output fell in the July-September quarter.",
        [("the July-September quarter", "DATE", "2026-Q3")],
    ),
    (
        THU,
        "Exports grew in the April-June quarter of 2025.",
        [("the April-June quarter of 2025", "DATE", "2025-Q2")],
    ),
    (THU, "The deal marks a quarter-century of ties.", [("a quarter-century", "DURATION", "P25Y")]),
    (
        THU,
        "It was the first such strike in a half-century.",
        [("a half-century", "DURATION", "P50Y")],
    ),
    (
        THU,
        "The alliance has kept the peace for half a century.",
        [("half a century", "DURATION", "P50Y")],
    ),
    (THU, "Take one tablet twice daily.", [("twice daily", "SET", "P1D")]),
    (THU, "The shuttle leaves three times weekly.", [("three times weekly", "SET", "P1W")]),
    (
        THU,
        "The troops moved at dawn on Wednesday.",
        [("dawn", "TIME", "2026-12-02TMO"), ("Wednesday", "DATE", "2026-12-02")],
    ),
    (
        THU,
        "The union said it would strike earlier this week.",
        [("earlier this week", "DATE", "2026-W49")],
    ),
    (
        THU,
        "The report will be published later this month.",
        [("later this month", "DATE", "2026-12")],
    ),
    (
        THU,
        "On Nov. 20 the dam broke. The following day, the valley flooded.",
        [("The following day", "DATE", "2026-11-21")],
    ),
    (
        THU,
        "The terms must be agreed by the end of the month.",
        [("the end of the month", "DATE", "2026-12")],
    ),
    (THU, "The mine could reopen by mid-2027.", [("mid-2027", "DATE", "2027")]),
    (THU, "The tariff rises early next month.", [("early next month", "DATE", "2027-01")]),
    (MON, "Crowds gathered over the weekend.", [("the weekend", "DATE", "2026-W24-WE")]),
    (THU, "Gunfire was heard last night.", [("last night", "TIME", "2026-12-02TNI")]),
    (THU, "Collections happen every other week.", [("every other week", "SET", "P2W")]),
    (THU, "Guards patrol the wall each morning.", [("each morning", "SET", "XXXX-XX-XXTMO")]),
    (THU, "Workers began a 24-hour strike.", [("24-hour", "DURATION", "PT24H")]),
    (
        THU,
        "The doors open at 9 a.m. on Monday.",
        [("9 a.m.", "TIME", "2026-12-07T09:00"), ("Monday", "DATE", "2026-12-07")],
    ),
    (THU, "The summit opens Thursday, Dec. 10.", [("Thursday, Dec. 10", "DATE", "2026-12-10")]),
    (
        DEC,
        "The ban will take effect on New Year's Day.",
        [("New Year's Day", "DATE", "2026-01-01")],
    ),
    (TUE_JAN, "The ferry sank on New Year's Eve.", [("New Year's Eve", "DATE", "2026-12-31")]),
    (THU, "Sales fell over the past 12 months.", [("the past 12 months", "DURATION", "P12M")]),
    (THU, "The ship docked at 8:30 a.m. EST.", [("8:30 a.m. EST", "TIME", "2026-12-03T08:30")]),
    (
        THU,
        "The company will report its results in mid-January.",
        [("mid-January", "DATE", "2027-01")],
    ),
    (TUE_JAN, "Prices jumped in late December.", [("late December", "DATE", "2026-12")]),
    (THU, "The hearing was adjourned until Jan. 12.", [("Jan. 12", "DATE", "2027-01-12")]),
    (THU, "Attacks have risen in recent weeks.", [("recent weeks", "DURATION", "PXW")]),
    (
        THU,
        "The agency counted 1,200 cases on Nov. 30, up from 900 a week earlier.",
        [("a week earlier", "DATE", "2026-11-23")],
    ),
    (THU, "The judge sentenced him to 12 years in prison.", [("12 years", "DURATION", "P12Y")]),
    (THU, "She faces up to 20 years behind bars.", [("up to 20 years", "DURATION", "P20Y")]),
    (THU, "Sentencing is set for Feb. 17.", [("Feb. 17", "DATE", "2027-02-17")]),
    (THU, "The deadline is 11:59 p.m. on Monday.", [("11:59 p.m.", "TIME", "2026-12-07T23:59")]),
    (
        THU,
        "Snow is forecast for Friday night into Saturday morning.",
        [("Friday night", "TIME", "2026-12-04TNI"), ("Saturday morning", "TIME", "2026-12-05TMO")],
    ),
    (THU, "The hurricane made landfall early Tuesday.", [("early Tuesday", "DATE", "2026-12-01")]),
    (THU, "Patients receive a booster every six months.", [("every six months", "SET", "P6M")]),
    (THU, "The abbey was built in the 12th century.", [("the 12th century", "DATE", "11")]),
    (THU, "The custom dates to the 1800s.", [("the 1800s", "DATE", "18")]),
    (THU, "Update, 9:45 a.m.: The road has reopened.", [("9:45 a.m.", "TIME", "2026-12-03T09:45")]),
    (THU, "The war ended in 1945, 81 years ago.", [("81 years ago", "DATE", "1945")]),
    (
        THU,
        "The team plays at home on Saturday at 7:30 p.m.",
        [("7:30 p.m.", "TIME", "2026-12-05T19:30")],
    ),
    (THU, "The coach was fired in January.", [("January", "DATE", "2026-01")]),
    (THU, "The board will meet in January to pick a chief.", [("January", "DATE", "2027-01")]),
    (
        THU,
        "He has led the firm for the last 15 years.",
        [("the last 15 years", "DURATION", "P15Y")],
    ),
    (THU, "A decade earlier, the town had flooded.", [("A decade earlier", "DATE", "2016")]),
    (THU, "The ban runs until the end of next year.", [("the end of next year", "DATE", "2027")]),
    (
        THU,
        "The firm expects to break even in the second half of next year.",
        [("the second half of next year", "DATE", "2027-H2")],
    ),
    (
        THU,
        "The vote will take place in the spring of 2027.",
        [("the spring of 2027", "DATE", "2027-SP")],
    ),
    (THU, "Talks broke down two weeks ago.", [("two weeks ago", "DATE", "2026-11-19")]),
    (THU, "A month ago, few expected the result.", [("A month ago", "DATE", "2026-11")]),
    (THU, "The bridge has been closed since last Friday.", [("last Friday", "DATE", "2026-11-27")]),
    (
        THU,
        "The ship is due in port next Wednesday morning.",
        [("next Wednesday morning", "TIME", "2026-12-09TMO")],
    ),
    (
        THU,
        "At 3:45 p.m. Tuesday, the alarm sounded.",
        [("3:45 p.m. Tuesday", "TIME", "2026-12-01T15:45")],
    ),
    (
        THU,
        "The rate has been held for eight straight months.",
        [("eight straight months", "DURATION", "P8M")],
    ),
    (
        THU,
        "The vote is scheduled for the week of Dec. 14.",
        [("the week of Dec. 14", "DATE", "2026-W51")],
    ),
    (
        THU,
        "The storm is forecast to strengthen over the next 48 hours.",
        [("the next 48 hours", "DURATION", "PT48H")],
    ),
    (
        THU,
        "Rents have risen every year since 2015.",
        [("every year", "SET", "P1Y"), ("2015", "DATE", "2015")],
    ),
    (
        THU,
        "Revenue slipped in the following quarter.",
        [("the following quarter", "DATE", "2027-Q1")],
    ),
    (
        THU,
        "The index rose 20 points in the fourth quarter.",
        [("the fourth quarter", "DATE", "2026-Q4")],
    ),
    (THU, "The treaty took effect on 1 January 2020.", [("1 January 2020", "DATE", "2020-01-01")]),
    (
        THU,
        "Officials said on 30 November that the border was shut.",
        [("30 November", "DATE", "2026-11-30")],
    ),
    (
        THU,
        "The store will be closed from Dec. 24 through Jan. 2.",
        [("Dec. 24", "DATE", "2026-12-24"), ("Jan. 2", "DATE", "2027-01-02")],
    ),
    (THU, "Every four years, the nation elects a president.", [("Every four years", "SET", "P4Y")]),
    (
        THU,
        "The game kicks off at 8:15 p.m. ET Sunday.",
        [("8:15 p.m. ET Sunday", "TIME", "2026-12-06T20:15")],
    ),
    (
        THU,
        "The mayor took office in 2022 and faces re-election next November.",
        [("next November", "DATE", "2027-11")],
    ),
    (THU, "The hospital was founded a century ago.", [("a century ago", "DATE", "1926")]),
    (
        THU,
        "The quake was the strongest in the region in more than a century.",
        [("more than a century", "DURATION", "P100Y")],
    ),
    # the narrative's time: "that summer", "later that week", "the next year", "the day
    # before" count from the latest date the story has told of, not from the publication date
    (
        THU,
        "Floods swept the delta in 2019. That summer, rice prices doubled.",
        [("That summer", "DATE", "2019-SU")],
    ),
    (
        THU,
        "The miners struck in 2012, and later that winter the pit shut.",
        [("later that winter", "DATE", "2012-WI")],
    ),
    (
        THU,
        "The court ruled on Oct. 6. Later that week, the senate voted.",
        [("Later that week", "DATE", "2026-W41")],
    ),
    (
        THU,
        "The storm made landfall on Aug. 14, 2020. That weekend, crews restored power.",
        [("That weekend", "DATE", "2020-W33-WE")],
    ),
    (
        THU,
        "She joined the cabinet in 2014 and quit the next year.",
        [("the next year", "DATE", "2015")],
    ),
    (THU, "Output will grow over the next year.", [("the next year", "DURATION", "P1Y")]),
    (
        THU,
        "The mill burned down in April 2018. The next month, its owners sold the land.",
        [("The next month", "DATE", "2018-05")],
    ),
    (
        THU,
        "Exports reached $4 billion in 2020, up from $3 billion the year before.",
        [("the year before", "DATE", "2019")],
    ),
    (
        THU,
        "The ferry sank on Sept. 9. The day before, the crew had reported engine trouble.",
        [("The day before", "DATE", "2026-09-08")],
    ),
    (
        THU,
        "The dam failed in 1976. The next day, the valley was evacuated.",
        [("The next day", "DATE", "1976-XX-XX")],
    ),
    # a plan told in its order: the later weekday of a coming trip follows the earlier one
    (
        THU,
        "The envoy will land in Cairo on Monday and travel to Amman on Friday.",
        [("Monday", "DATE", "2026-12-07"), ("Friday", "DATE", "2026-12-11")],
    ),
    (
        THU,
        "The envoy landed in Cairo on Monday and travelled to Amman on Wednesday.",
        [("Monday", "DATE", "2026-11-30"), ("Wednesday", "DATE", "2026-12-02")],
    ),
    # a season after "the coming", "the following": a season, not a stretch of time
    (
        THU,
        "Aid agencies fear the coming winter will be the hardest yet.",
        [("the coming winter", "DATE", "2027-WI")],
    ),
    (
        THU,
        "The levee broke in October 2019. The following spring, the town rebuilt it.",
        [("The following spring", "DATE", "2020-SP")],
    ),
    (
        THU,
        "Wildfires raged in 2021. The next summer was cooler.",
        [("The next summer", "DATE", "2022-SU")],
    ),
    # "this weekend" told in the past early in a week is the weekend just gone
    (MON, "This weekend's storms killed three people.", [("This weekend", "DATE", "2026-W24-WE")]),
    (MON, "The rally will be held this weekend.", [("this weekend", "DATE", "2026-W25-WE")]),
    # a year fronted in its sentence frames the year-less months and days after it
    (
        THU,
        "In 2017, the lake froze in January and again in December.",
        [("January", "DATE", "2017-01"), ("December", "DATE", "2017-12")],
    ),
    (THU, "In 2029, the new line will open on May 1.", [("May 1", "DATE", "2029-05-01")]),
    (
        THU,
        "The tower, finished in 2004, was evacuated in October.",
        [("October", "DATE", "2026-10")],
    ),
    # two units from the time of writing
    (
        THU,
        "The final round starts the week after next.",
        [("the week after next", "DATE", "2026-W51")],
    ),
    (
        THU,
        "Thousands marched in the capital the weekend before last.",
        [("the weekend before last", "DATE", "2026-W47-WE")],
    ),
    # decades told from the narrative, and a stretch of ten years ahead
    (
        THU,
        "The mill closed in 2009, and the next decade brought slow recovery.",
        [("the next decade", "DATE", "201")],
    ),
    (
        THU,
        "The war ended in 1953; the following decade was one of growth.",
        [("the following decade", "DATE", "196")],
    ),
    (
        THU,
        "Demand for copper will double over the next decade.",
        [("the next decade", "DURATION", "P10Y")],
    ),
    # "the final quarter" is the fourth, with or without its year
    (
        TUE_JAN,
        "Profit at the brewer doubled in the final quarter of last year.",
        [("the final quarter of last year", "DATE", "2026-Q4")],
    ),
    (
        TUE_JAN,
        "Profit at the brewer doubled in the final quarter.",
        [("the final quarter", "DATE", "2026-Q4")],
    ),
    # "the year to October" is the twelve months up to it, a span
    (
        THU,
        "Consumer prices rose 3 percent in the year to October.",
        [("the year", "DURATION", "P1Y"), ("October", "DATE", "2026-10")],
    ),
]

# Numbers that are no time (ages, scores, prices, routes, temperatures) and the periods of a game.
NOT_TIME = [
    "A man in his 80s was injured.",
    "The 30-year-old driver was arrested.",
    "The match ended 3-2 after extra time.",
    "Traffic was diverted onto Route 66.",
    "Forecasters expect highs in the 70s.",
    "The shares closed at 12.30 after a volatile session.",
    # a quarter or a half of a game is a part of the match, not of the calendar
    "He scored 12 points in the fourth quarter.",
    "Both goals came in the first half.",
    "The Lions trailed 14-7 at the end of the first quarter.",
    "The Celtics scored 40 points in the final quarter.",
    # a season's word as a noun after "from that"
    "He never fully recovered from that fall.",
    "Pilgrims still drink from that spring.",
]


@pytest.mark.parametrize(("ref", "text", "expected"), PROBES, ids=[p[1][:40] for p in PROBES])
def test_probe(ref: date, text: str, expected: list[tuple[str, str, str]]) -> None:
    found = {(t.text, t.type, t.value) for t in find_timexes(text, ref)}
    for want in expected:
        assert want in found, (want, sorted(found))


@pytest.mark.parametrize("text", NOT_TIME)
def test_no_time(text: str) -> None:
    assert find_timexes(text, THU) == []
