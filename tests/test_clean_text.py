"""clean_text: headline, standfirst, body and related stories out of a plain-text dump."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsgraph
from newsgraph.clean.text import clean_text
from newsgraph.clean.text._body import find_body
from newsgraph.clean.text._lines import split_lines
from newsgraph.clean.text._meta import find_title, parse_date
from newsgraph.clean.text._related import shared_suffix
from newsgraph.errors import E_EMPTY, InputError

SEED_BODY_FIRST = "Islamist militants in four regions of Russia’s Caucasus"
SEED_BODY_LAST = "he was reported as saying by Interfax."

# An invented dump shaped like the seed: headline, standfirst with no full stop, body (one
# paragraph repeats the standfirst), a "-" rule, then headline / teaser pairs whose teasers end
# with a glued section label and separator.
HARBOUR_DUMP = "\n".join(
    [
        "Port city opens tidal barrier after decade of delays",
        (
            "The mayor said on Friday the barrier would protect forty thousand homes from "
            "winter storms"
        ),
        (
            "Engineers in the port city of Vellmar switched on a tidal barrier on Friday, ten "
            "years after the first stone was laid and four years later than promised."
        ),
        (
            "The barrier, a line of steel gates across the mouth of the harbour, can close in "
            "under an hour when forecasters warn of a surge, according to the city's flood "
            "office."
        ),
        (
            "“We have waited a long time for this, and every winter without it felt like a "
            "gamble,” said Ana Costa, who runs a bakery two streets from the quay."
        ),
        (
            "The mayor said on Friday the barrier would protect forty thousand homes from "
            "winter storms."
        ),
        (
            "Costs rose from 300 million to almost 520 million euros, a rise the regional "
            "audit court blamed on design changes and a dispute with the first contractor."
        ),
        (
            "Critics say the city should also restore the salt marshes north of the harbour, "
            "which once absorbed much of the sea's force."
        ),
        "The flood office plans a first full test closure in December, weather permitting.",
        "-",
        "Marsh restoration plan wins backing from farmers",
        (
            "A cooperative of farmers agreed to flood two hundred hectares of low pasture "
            "each winter Coast and Climate -"
        ),
        "Storm season starts early on the northern coast",
        (
            "Forecasters recorded the first gale of the season three weeks earlier than the "
            "average of the last thirty years Coast and Climate -"
        ),
        "Ferry operator adds night crossings",
        (
            "The company said demand from freight drivers had doubled since the bridge closed "
            "for repairs in the spring Coast and Climate"
        ),
        "",
    ]
)

MENU_DUMP = "\n".join(
    [
        "Village school saves its library with a book sale - The Valley Courier",
        "",
        "Home",
        "News",
        "Sport",
        "Weather",
        "Subscribe",
        "Sign in",
        "",
        "Village school saves its library with a book sale",
        "",
        "By Mira Holt",
        "March 3, 2024 9:15 AM EST",
        "",
        (
            "Pupils at Linden Hill primary school raised enough money at a weekend book sale "
            "to keep their library open for another year, the head teacher said on Monday."
        ),
        "",
        (
            "The sale, run by parents in the school hall, drew more than four hundred "
            "visitors and sold almost six thousand second-hand books donated by families "
            "across the valley."
        ),
        "",
        (
            "The county council had warned in January that the library would close in the "
            "summer unless the school found the money for a part-time librarian."
        ),
        "",
        (
            "“The children did most of the work, from sorting the boxes to running the till,” "
            "said the head teacher, Paul Onyango."
        ),
        "",
        "Share this:",
        "Facebook",
        "Twitter",
        "Email",
        "",
        "12 comments",
        "reader_one says:",
        "Brilliant effort by everyone involved, well done to the kids and to the parents.",
        "valley_dad says:",
        "We went on Saturday and came home with two bags of books for our children.",
        "",
        "Privacy Policy",
        "Terms of Use",
        "© 2024 The Valley Courier. All rights reserved.",
        "",
    ]
)


def test_empty_text_is_an_input_error() -> None:
    for text in ("", "   \n\t\n"):
        with pytest.raises(InputError) as info:
            clean_text(text, origin="dump.txt")
        assert info.value.code == E_EMPTY
        assert "dump.txt" in str(info.value)


def test_seed_dump_gives_headline_standfirst_body_and_related(seed_text: str) -> None:
    article = clean_text(seed_text)
    assert article.title == "Russia’s Caucasus Islamists ‘pledge allegiance’ to ISIS"
    assert article.standfirst == (
        "A spokesman for ISIS group, Abu Mohammed al-Adnani, on Tuesday welcomed the news in a "
        "recording of his own"
    )
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 10
    assert paragraphs[0].startswith(SEED_BODY_FIRST)
    assert paragraphs[-1].endswith(SEED_BODY_LAST)
    assert paragraphs[4] == article.standfirst + "."  # the repeated standfirst stays in the body
    assert "Middle East" not in article.body
    assert "Lavrov" not in article.body
    assert len(article.related) == 7
    assert all(item.section == "Middle East" for item in article.related)
    assert all(item.title and item.teaser for item in article.related)
    first = article.related[0]
    assert first.title == "How can Russia contribute to the fight against ISIS?"
    assert first.teaser == (
        "It’s a high time to look at the measures taken by the international community in the "
        "fight against ISIS"
    )
    last = article.related[-1]
    assert last.title == "Russia ‘will not’ share intel with U.S. on ISIS"
    assert (
        last.teaser
        == "Moscow dismisses U.S. claims it agreed to share intelligence on ISIS militants"
    )
    assert article.text.startswith(article.title + "\n\n" + article.standfirst + "\n\n")
    assert article.text[article.body_start :] == article.body


def test_read_text_uses_the_cleaner(seed_text: str) -> None:
    article = newsgraph.read_text(seed_text, url="https://example.org/news/1")
    assert article.title == "Russia’s Caucasus Islamists ‘pledge allegiance’ to ISIS"
    assert article.source == "example.org"
    assert len(article.related) == 7


def test_seed_shaped_dump_without_blank_lines() -> None:
    article = clean_text(HARBOUR_DUMP)
    assert article.title == "Port city opens tidal barrier after decade of delays"
    assert article.standfirst == (
        "The mayor said on Friday the barrier would protect forty thousand homes from winter storms"
    )
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 7
    assert paragraphs[0].startswith("Engineers in the port city")
    assert paragraphs[3] == article.standfirst + "."
    assert (
        paragraphs[-1]
        == "The flood office plans a first full test closure in December, weather permitting."
    )
    assert [item.title for item in article.related] == [
        "Marsh restoration plan wins backing from farmers",
        "Storm season starts early on the northern coast",
        "Ferry operator adds night crossings",
    ]
    assert {item.section for item in article.related} == {"Coast and Climate"}
    assert article.related[0].teaser == (
        "A cooperative of farmers agreed to flood two hundred hectares of low pasture each winter"
    )
    assert article.related[2].teaser.endswith("closed for repairs in the spring")
    assert article.flags == []


def test_menus_byline_date_share_buttons_and_comments_are_left_out() -> None:
    article = clean_text(MENU_DUMP)
    assert article.title == "Village school saves its library with a book sale"
    assert article.byline == "Mira Holt"
    assert article.published == datetime(2024, 3, 3, 14, 15, tzinfo=UTC)
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("Pupils at Linden Hill")
    assert paragraphs[-1].endswith("said the head teacher, Paul Onyango.")
    for chrome in ("Subscribe", "Share this", "says:", "Brilliant effort", "Privacy", "©"):
        assert chrome not in article.body


def test_given_published_date_wins() -> None:
    given = datetime(2024, 3, 4, tzinfo=UTC)
    assert clean_text(MENU_DUMP, published=given).published == given


def test_boilerplate_lines_are_dropped() -> None:
    dump = HARBOUR_DUMP.replace(
        "The flood office plans", "Read our live coverage\nThe flood office plans"
    )
    learnt = frozenset({"read our live coverage"})
    assert "Read our live coverage" not in clean_text(dump, boilerplate=learnt).body


def test_no_prose_gives_an_empty_body_flag() -> None:
    article = clean_text("Home\nNews\nSport\nWeather\nContact us\n")
    assert article.body == ""
    assert "empty_body" in article.flags


def test_non_english_text_is_flagged() -> None:
    dump = (
        "Notícias do dia\n"
        "O governo anunciou nesta segunda-feira um novo plano para reduzir as filas nos hospitais "
        "públicos, com a contratação de mais médicos e enfermeiros até o fim do ano.\n"
        "Segundo o ministério, as primeiras equipes começam a trabalhar em março nas cidades com "
        "maior procura, e o investimento total chega a dois bilhões de reais.\n"
    )
    assert "non_english" in clean_text(dump).flags
    assert "non_english" not in clean_text(HARBOUR_DUMP).flags


def test_section_label_is_learnt_from_repetition_only() -> None:
    teasers = [
        "Prices rose again in the third quarter Business Desk",
        "A new factory will open near the airport next year Business Desk",
        "The central bank left rates where they were Business Desk",
    ]
    assert shared_suffix(teasers) == "Business Desk"
    unrelated = ["A teaser about the Big Event", "Another on the small ones", "A third Teaser"]
    assert shared_suffix(unrelated) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Updated 1:39 am EST, Wednesday, November 20, 2019", None),
        (
            "Published Monday, November 18, 2019 8:22AM EST",
            datetime(2019, 11, 18, 13, 22, tzinfo=UTC),
        ),
        ("19 November 2019, 09:01 AM", datetime(2019, 11, 19, 9, 1, tzinfo=UTC)),
        ("2019-11-19T08:57:40+01:00", datetime(2019, 11, 19, 7, 57, tzinfo=UTC)),
        ("no date here", None),
    ],
)
def test_parse_date(text: str, expected: datetime | None) -> None:
    got = parse_date(text)
    if expected is None and "2019" in text:
        assert got is not None and got.date().isoformat() == "2019-11-20"
    else:
        assert got == expected


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=120),
            st.sampled_from(["-", "", "Share", "By Ann Lee", "March 3, 2024", "Related"]),
        ),
        max_size=30,
    )
)
def test_any_dump_gives_a_consistent_article_or_an_empty_error(lines: list[str]) -> None:
    text = "\n".join(lines)
    if not text.strip():
        with pytest.raises(InputError):
            clean_text(text)
        return
    article = clean_text(text)
    assert article.text[article.body_start :] == article.body
    assert ("empty_body" in article.flags) == (article.body == "")


NAV_FIRST = """Home
World
Share on Facebook
Bridge collapse cuts main road to the coast
Engineers say repairs to the span will take at least three months to complete
A road bridge collapsed on Tuesday night after days of heavy rain, cutting the main route between the capital and the coast, the transport ministry said.
No one was hurt, but hundreds of lorries were stuck on both sides of the river on Wednesday as drivers waited for a ferry service to start.
The ministry said engineers would begin work on a temporary crossing next week.
-
Port strike enters third day
Dockers say talks with the operator have stalled World -
"""


def test_navigation_before_the_headline_is_not_the_title() -> None:
    article = clean_text(NAV_FIRST)
    assert article.title == "Bridge collapse cuts main road to the coast"
    assert article.standfirst is not None and article.standfirst.startswith("Engineers say")
    assert article.body.startswith("A road bridge collapsed")


def test_a_single_related_item_keeps_headline_and_teaser_together() -> None:
    related = clean_text(NAV_FIRST).related
    assert [r.title for r in related] == ["Port strike enters third day"]
    assert related[0].teaser.startswith("Dockers say talks")


def test_issue14_item12_non_english_dump_names_its_language() -> None:
    dump = (
        "Culture\n"
        "Le festival de Lyon ouvre ses portes mardi avec plus de cent concerts dans toute la "
        "ville, et les organisateurs attendent des milliers de visiteurs pour cette édition.\n"
    )
    article = clean_text(dump)
    assert article.language == "fr" and "non_english" in article.flags
    assert clean_text(HARBOUR_DUMP).language is None  # English text: no language recorded


# A news paragraph with the separators of page titles (" - ", " — ", " : ") in its sentences.
_LONG_SENTENCES = (
    "The decision — announced late on Sunday — drew criticism from rights groups : one called "
    "it a step back. Markets - already nervous - dropped again in Asia, where the yen rose. "
)


def _one_line(size: int) -> str:
    return (_LONG_SENTENCES * (size // len(_LONG_SENTENCES) + 1))[:size]


def test_issue14_item2_find_title_of_a_1mb_line_is_fast() -> None:
    lines = split_lines(_one_line(1_000_000))
    started = time.process_time()
    assert find_title(lines) == (None, None)  # a 1 MB line is no page title
    assert time.process_time() - started < 0.2


def test_issue14_item2_clean_text_of_a_1mb_line_is_bounded() -> None:
    text = _one_line(1_000_000)
    started = time.process_time()
    article = clean_text(text)
    assert time.process_time() - started < 3.0
    assert article.text == text.strip() and article.title is None


def test_issue14_item2_a_page_title_still_anchors_the_headline() -> None:
    dump = (
        "Port city opens tidal barrier - The Daily Example\n"
        "Menu\n"
        "Port city opens tidal barrier\n" + _LONG_SENTENCES * 3 + "\n"
    )
    assert clean_text(dump).title == "Port city opens tidal barrier"


def test_issue14_item2_body_of_40000_lines_is_found_in_linear_time() -> None:
    """The end-marker search summed the prose above every line anew: quadratic in lines."""
    dump = "\n".join(
        f"Paragraph {i} says the council met again on the matter of the tram."
        for i in range(40_000)
    )
    lines = split_lines(dump)
    started = time.process_time()
    span = find_body(lines)
    assert time.process_time() - started < 0.5
    assert (span.start, span.end) == (0, 40_000)


# --- page furniture inside and around the story --------------------------------------------
#
# All text below is invented.

FURNITURE_HEAD = [
    "Ferry fares rise for the first time in six years - Vellmar Post",
    "Local",
    "Sport",
]
FURNITURE_TITLE = "Ferry fares rise for the first time in six years"
FURNITURE_PROSE = [
    (
        "The harbour ferry will charge two euros ten for a single crossing from April, up from "
        "one euro eighty, the transport board said on Thursday."
    ),
    (
        "The board blamed the price of diesel and the cost of the new landing stage at Mill "
        "Lane, which opened in the autumn after two years of works."
    ),
    (
        "Season tickets for pupils and pensioners keep their old price, and the night ferry "
        "will run every half hour at weekends through the summer."
    ),
    (
        "Passenger groups said the rise was steep but fair, and asked the board to publish its "
        "accounts for the landing stage before the next rise is set."
    ),
]
FURNITURE_TAIL = ["-", "Council names new harbour master", "Night market moves to the quay"]


def _story(middle: list[str], after: list[str] | None = None) -> str:
    return "\n".join(
        [
            *FURNITURE_HEAD,
            FURNITURE_TITLE,
            FURNITURE_PROSE[0],
            FURNITURE_PROSE[1],
            *middle,
            FURNITURE_PROSE[2],
            FURNITURE_PROSE[3],
            *(after or []),
            *FURNITURE_TAIL,
        ]
    )


def _kinds(*texts: str) -> list[str]:
    return [line.kind for line in split_lines("\n".join(texts))]


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Council names new harbour master",
        "RELATED: Night market moves to the quay for the summer",
        "Also on vellmarpost.com Night market moves to the quay",
        "(Leggi anche su: Il mercato notturno si sposta sul molo)",
        "Filed Under: Ferries, Harbour, Transport",
        "Tags: ferry, fares, harbour board",
        "Ona Lind contributed reporting from the Mill Lane landing stage.",
        "(Reporting by Ona Lind; editing by Sam Roe)",
        "The new landing stage at Mill Lane. Credit... Sam Roe/Vellmar Post",
        "Media caption The first ferry leaves the new landing stage",
        "If you enjoyed this article, join our members and support local reporting in Vellmar.",
        "Sign up for our morning briefing and get the harbour news delivered to your inbox.",
        "Follow the Vellmar Post transport desk on Twitter and Facebook.",
        "Utilizziamo i cookie per essere sicuri che tu possa avere la migliore esperienza.",
    ],
)
def test_furniture_lines_are_chrome(line: str) -> None:
    assert _kinds(line) == ["chrome"]
    assert line not in clean_text(_story([line])).body


def test_an_open_additional_reporting_line_stays_with_the_story() -> None:
    """Unlike the bracketed wire credit, it may be all that tells an updated copy apart."""
    line = "Additional reporting by the Vellmar Post news desk."
    assert _kinds(line) == ["prose"]
    assert clean_text(_story([], after=[line])).body.endswith(line)


def test_a_long_line_of_links_strung_with_bars_is_chrome() -> None:
    links = (
        "Ferries | Timetables | Fares and tickets | Landing stages | Night ferry | Lost property "
        "| Accessibility | Contact the board"
    )
    sentence = (
        "The board's notice read: Ferries | Timetables, and most passengers who saw it on the "
        "quay on Thursday morning did not understand what it meant for them."
    )
    assert _kinds(links, sentence) == ["chrome", "prose"]


def test_ellipsis_teasers_in_a_row_are_chrome_and_one_trailing_paragraph_is_not() -> None:
    teasers = [
        "Council names new harbour master The post has been empty since the spring, when the "
        "last holder left for a job in the capital and the council...",
        "Night market moves to the quay Traders voted on Tuesday to move the night market to the "
        "quay for the summer, a change the harbour board had asked for…",
    ]
    assert _kinds(*teasers) == ["chrome", "chrome"]
    trailing = (
        "Asked whether fares would rise again next year, the board's chairman said only that "
        "the price of diesel and the bill for the landing stage would decide it, and that he "
        "hoped, as everyone on the quay did..."
    )
    assert _kinds(FURNITURE_PROSE[0], trailing) == ["prose", "prose"]


def test_numbered_gallery_captions_are_chrome_but_a_sentence_opening_on_a_count_is_not() -> None:
    """Long captions: a short one opening on "1 of 3" was chrome already."""
    captions = [
        "1 of 3 The first ferry of the morning leaves the new landing stage at Mill Lane, with "
        "the old stage still standing behind it until the works end in the summer, when the "
        "board will pull it down and turn the site into a small park for the neighbourhood.",
        "2 of 3 Passengers queue for tickets at the machine on the quay, where the new prices "
        "were posted on Thursday morning, a week before they take effect in April, beside a "
        "notice that explains the rise and lists the fares that stay the same for pupils.",
    ]
    assert _kinds(*captions) == ["chrome", "chrome"]
    sentence = (
        "1 of 4 passengers asked by the board said they would still take the ferry every day, "
        "though most said the price was now close to that of the bus, which takes twice as "
        "long to reach the old town and runs only every twenty minutes in the evening."
    )
    assert _kinds(sentence, FURNITURE_PROSE[0]) == ["prose", "prose"]


def test_the_author_note_after_the_story_ends_the_body() -> None:
    note = (
        "Ona Lind is a transport reporter at the Vellmar Post. She has covered the harbour "
        "board since 2015."
    )
    pitch = (
        "Her book on the history of the harbour ferries, written over five winters, is "
        "available from the Post's shop and from bookshops across the region."
    )
    body = clean_text(_story([], after=[note, pitch])).body
    assert body.endswith(FURNITURE_PROSE[3])


def test_a_paragraph_about_a_reporter_in_the_middle_of_the_story_stays() -> None:
    about = (
        "Sam Roe is a former editor of the Vellmar Post, and he first wrote about the landing "
        "stage in 2016, when it was a plan on paper."
    )
    body = clean_text(_story([about])).body
    assert about in body.split("\n")


def test_a_short_headline_and_site_title_still_names_the_headline() -> None:
    """ "Headline | Site" under 20 words reads as a line of links, yet it is the page title."""
    dump = "\n".join(
        [
            "Ferry fares rise | Vellmar Post",
            "Local",
            "Sport",
            "Weather",
            "Ferry fares rise",
            *FURNITURE_PROSE,
        ]
    )
    lines = split_lines(dump)
    assert lines[0].kind == "chrome"
    assert find_title(lines) == ("Ferry fares rise", 4)
    assert clean_text(dump).title == "Ferry fares rise"


def test_a_comment_form_in_another_language_ends_the_body() -> None:
    comments = [
        "Lascia un commento Annulla risposta",
        "Marta ha scritto:",
        "Finalmente un prezzo giusto per il traghetto, e speriamo che il servizio migliori.",
        "Luca ha scritto:",
        "Due euro e dieci sono troppi per chi lo prende ogni giorno per andare a lavorare.",
    ]
    body = clean_text(_story([], after=comments)).body
    assert "Finalmente" not in body and body.endswith(FURNITURE_PROSE[3])


def test_a_list_under_its_own_colon_heading_stays_in_the_body() -> None:
    """A short heading ending with a colon announces the list under it ("Fares from April:"),
    so a run longer than a few short lines is kept when framed by prose."""
    fares = [
        "Fares from April:",
        "Single crossing: 2.10 euros",
        "Return: 3.90 euros",
        "Night ferry: 2.50 euros",
        "Bicycle: 1 euro",
        "Pupils and pensioners: free",
    ]
    body = clean_text(_story(fares)).body.split("\n")
    assert all(row in body for row in fares)


def test_the_same_short_run_without_a_colon_heading_is_not_taken_as_a_list() -> None:
    menu = ["Ferries", "Buses", "Trams", "Bicycles", "Night services", "Season tickets"]
    body = clean_text(_story(menu)).body.split("\n")
    assert not any(item in body for item in menu)


@pytest.mark.parametrize(
    "note",
    [
        "Ana Ruiz es periodista y escribe sobre transporte desde 2012.",
        "Luc Roy est journaliste au Courrier du port depuis dix ans.",
        "Jan Ott ist Autor eines Buches über die Fähren der Stadt.",
    ],
)
def test_an_author_note_in_spanish_french_or_german_ends_the_body(note: str) -> None:
    body = clean_text(_story([], after=[note])).body
    assert note not in body and body.endswith(FURNITURE_PROSE[3])


LIVE_POSTS = [
    "The first ferry of the day left Mill Lane on time, with about forty passengers on board.",
    "The board says the new timetable will be handed out at every landing stage this week.",
    "Good morning and welcome to our live coverage of the first day of the new ferry fares.",
]


def test_live_blog_time_stamps_head_one_paragraph_posts() -> None:
    """Each post of a live blog is a time stamp and one paragraph: the stamps are kept and the
    posts are not discounted as isolated teasers, so the earliest post is not lost."""
    dump = "\n".join(
        [
            *FURNITURE_HEAD,
            FURNITURE_TITLE,
            "Key events",
            "09:45",
            LIVE_POSTS[0],
            "Photograph: Vellmar Post",
            "09:20",
            LIVE_POSTS[1],
            "08:30 BREAKING",
            LIVE_POSTS[2],
            *FURNITURE_TAIL,
        ]
    )
    lines = split_lines(dump)
    stamps = [line for line in lines if line.stamp]
    assert [line.text for line in stamps] == ["09:45", "09:20", "08:30 BREAKING"]
    body = [p for p in clean_text(dump).body.split("\n") if p]
    # The first stamp sits above the core run and stays out; the stamps inside it are kept.
    assert body == [LIVE_POSTS[0], "09:20", LIVE_POSTS[1], "08:30 BREAKING", LIVE_POSTS[2]]


def test_a_lone_time_under_the_byline_is_still_chrome() -> None:
    assert _kinds("By Ona Lind", "10:32", FURNITURE_PROSE[0]) == ["chrome", "chrome", "prose"]


@pytest.mark.parametrize(
    "line",
    [
        "You have successfully subscribed. Thank you!",
        "An email with an activation link has just been sent to your address.",
        "Stay up to date with the Vellmar Post.",
        "Photograph: Ona Lind/Vellmar Post",
    ],
)
def test_newsletter_form_messages_and_photo_credits_are_chrome(line: str) -> None:
    assert _kinds(line) == ["chrome"]


def test_a_line_up_is_not_a_paragraph_but_a_sentence_listing_names_is() -> None:
    line_up = "Vellmar: Lind, Roe, Okafor, Brandt, Kask (Tamm 70), Ilves, Saar, Mets"
    sentence = "Lind, Roe, Okafor, Brandt, Kask and Ilves all scored in the second half."
    assert _kinds(line_up, sentence) == ["short", "prose"]


# Review: a menu, a sign-in row or a cookie line first is no headline; news sentences that use a
# notice's words or describe someone as a reporter stay in the body.
_STORY = [
    "Ferry fares to rise next spring",
    "The harbour board said on Monday that fares would rise by 8% in April after fuel costs "
    "climbed for a third year running.",
    "Maria Lopez, who chairs the residents' association, said the rise would hit commuters "
    "hardest and asked the board to phase it in over two years.",
    "The board's chairman said savings elsewhere had already been made and that the ferries "
    "could not run at a loss for another winter.",
    "Police urged commuters to follow the harbour authority on Twitter for updates on sailings "
    "during the works.",
    "Lawyers said the documents may not be produced in court until the inquiry reports next "
    "year, delaying any challenge.",
    "Maria Lopez is a former reporter who now chairs the residents' association and has "
    "campaigned on fares since 2019.",
    "A public meeting on the plan will be held at the town hall on March 3, and written "
    "comments can be sent until the end of the month.",
    "Related stories",
    "Bus lanes extended",
]


@pytest.mark.parametrize(
    "first",
    [
        "Home | News | Sport | Weather | Contact",
        "Sign in | Subscribe | Newsletter",
        "We use cookies - accept all cookies to continue browsing",
    ],
)
def test_a_menu_or_cookie_line_first_is_no_headline(first: str) -> None:
    article = clean_text("\n".join([first, *_STORY]))
    assert article.title == "Ferry fares to rise next spring"


def test_news_sentences_with_a_notices_words_or_a_reporter_stay_in_the_body() -> None:
    body = clean_text("\n".join(_STORY)).body
    assert "follow the harbour authority on Twitter" in body
    assert "may not be produced in court" in body
    assert "Maria Lopez is a former reporter" in body
    assert "A public meeting on the plan" in body


def test_a_line_measured_before_reads_the_same_and_still_meets_the_sites_boilerplate() -> None:
    # Short lines are measured once per process (a site prints them on every page): the lines
    # of a dump read the same whether their measurements were kept or not, and a kept line
    # that the site's learnt boilerplate holds is still chrome.
    from dataclasses import astuple

    from newsgraph.clean.boilerplate import normalise_line
    from newsgraph.clean.text import _lines

    dump = HARBOUR_DUMP + "\nShare this story\n" + "Ferry fares rise in spring. " * 12
    _lines._measure_short.cache_clear()
    first = [astuple(line) for line in split_lines(dump)]
    kept = _lines._measure_short.cache_info().currsize
    again = [astuple(line) for line in split_lines(dump)]
    assert again == first and _lines._measure_short.cache_info().hits >= kept > 0
    long_line = [line for line in split_lines(dump) if len(line.text) > _lines.CACHED_LINE_CHARS]
    assert long_line and long_line[0].kind == "prose"  # measured every time, never kept
    site = frozenset({normalise_line("Port city opens tidal barrier after decade of delays")})
    marked = split_lines(dump, site)
    assert marked[0].kind == "chrome" and first[0][6] != "chrome"
    assert [astuple(line) for line in marked[1:]] == first[1:]


def test_a_line_cut_off_by_an_ellipsis_is_read_as_the_old_pattern_read_it() -> None:
    """The ellipsis test is a look at the line's end, no longer a pattern tried at every
    character: both say the same of any line, trailing spaces of any kind included."""
    import random
    import re

    from newsgraph.clean.text._lines import _truncated

    pattern = re.compile(r"(?:\.\.\.|…|\[…\]|\[\.\.\.\])\s*$")
    pieces = [".", "…", "[", "]", " ", "\n", "\t", "\u00a0", "\u2003", "x", "Tide"]
    rng = random.Random(11)
    for _ in range(3000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randrange(9)))
        assert _truncated(line) == bool(pattern.search(line)), repr(line)
    assert _truncated("The ferry left before dawn [...]  ")
    assert not _truncated("The ferry left before dawn... and came back")


def test_a_front_page_title_on_the_first_line_never_beats_the_headline() -> None:
    """A dump whose first line is the site's front-page title ("Homepage - …") took it for
    the headline, and the real headline for a standfirst."""
    body = (
        "The county library in Marlow Vale will open on Sundays from next month, the council "
        "said on Thursday, after a petition signed by two thousand residents.\n\n"
        "Opening hours on weekdays stay the same, and the reading room will host a weekly "
        "homework club for pupils of the two secondary schools."
    )
    dump = f"Homepage - The Vale Weekly\nMarlow Vale library to open on Sundays\n{body}"
    article = clean_text(dump)
    assert article.title == "Marlow Vale library to open on Sundays"
    assert article.standfirst is None
    assert clean_text(f"Homepage - The Vale Weekly\n{body}").title is None
