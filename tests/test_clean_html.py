"""The HTML cleaner on hand-written news pages: article parts, furniture, hostile and bad input."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph import api
from newsgraph.clean.html import clean_html
from newsgraph.clean.language import guess_language
from newsgraph.errors import E_EMPTY, E_MALFORMED, InputError

BODY = [
    "The harbour authority in Port Elden voted on Tuesday to close the old ferry terminal by "
    "the end of next year, ending more than a century of passenger crossings from the quay.",
    "Board chair Miriam Osei said the decision followed two years of falling ticket sales and "
    "a structural survey that found corrosion in the main pier supports.",
    "“We did not take this lightly,” Osei told reporters after the vote. “The terminal has "
    "served this town for generations, but the pier is no longer safe to maintain.”",
    "Commuters will be moved to the new terminal at Gannet Point, about three kilometres to the "
    "north, where the authority plans to add a covered waiting hall and a bus link by spring.",
    "Local traders warned that the closure would hurt shops along Quay Street, which depend on "
    "foot traffic from passengers waiting for the morning and evening sailings.",
]

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Port Elden to close historic ferry terminal | The Coastal Herald</title>
  <meta property="og:title" content="Port Elden to close historic ferry terminal">
  <meta property="og:site_name" content="The Coastal Herald">
  <meta property="og:description" content="A century of crossings ends as the harbour board
    cites falling sales and a corroded pier.">
  <meta property="article:published_time" content="2024-03-12T09:30:00+00:00">
  <meta name="author" content="Tomas Reyes">
  <link rel="canonical" href="https://www.coastalherald.example/news/port-elden-ferry-terminal">
</head>
<body>
  <nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
    <li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
  <main>
    <article>
      <header class="article-header">
        <h1>Port Elden to close historic ferry terminal</h1>
        <p class="standfirst">A century of crossings ends as the harbour board cites falling
          sales and a corroded pier.</p>
        <div class="byline">By <a rel="author" href="/staff/tomas-reyes">Tomas Reyes</a></div>
        <time datetime="2024-03-12T09:30:00Z">12 March 2024</time>
      </header>
      <figure>
        <img src="/img/terminal.jpg" alt="">
        <figcaption>The old terminal building seen from the breakwater at low tide.</figcaption>
      </figure>
      <div class="article-body">
        {paragraphs}
      </div>
    </article>
    <aside class="related-stories">
      <h2>Related stories</h2>
      <ul>
        <li><span class="kicker">Transport</span>
          <a href="/news/gannet-point-terminal-opens">New Gannet Point terminal opens to its
            first passengers</a><p>The hall took three years to build.</p></li>
        <li><span class="kicker">Business</span>
          <a href="/news/quay-street-traders-meet">Quay Street traders meet to plan for a
            future without ferries</a></li>
      </ul>
    </aside>
  </main>
  <footer class="site-footer"><p>Copyright 2024 The Coastal Herald. All rights reserved.</p>
    <p><a href="/privacy">Privacy policy</a> · <a href="/contact">Contact us</a></p></footer>
</body>
</html>
"""


def news_page(paragraphs: list[str] = BODY, *, head: str = "", lang: str = "en-GB") -> str:
    html = NEWS_PAGE.replace("{paragraphs}", "\n".join(f"<p>{p}</p>" for p in paragraphs))
    return html.replace('<html lang="en-GB">', f'<html lang="{lang}">').replace(
        "</head>", f"{head}</head>"
    )


@pytest.fixture(scope="module")
def article():
    return clean_html(news_page(), origin="tests/port-elden.html")


def test_article_parts(article) -> None:
    assert article.title == "Port Elden to close historic ferry terminal"
    assert article.standfirst is not None
    assert article.standfirst.startswith("A century of crossings ends")
    assert article.byline == "Tomas Reyes"
    assert article.published == datetime(2024, 3, 12, 9, 30, tzinfo=UTC)
    assert article.source == "The Coastal Herald"
    assert article.url == "https://www.coastalherald.example/news/port-elden-ferry-terminal"
    assert article.language == "en"
    assert "non_english" not in article.flags
    assert article.origin == "tests/port-elden.html"


def test_body_is_the_article_paragraphs_only(article) -> None:
    assert article.body.split("\n\n") == BODY
    for furniture in (
        "Home",
        "Weather",
        "breakwater",
        "Gannet Point terminal opens",
        "Copyright",
        "Privacy policy",
        "Related stories",
        "A century of crossings",
    ):
        assert furniture not in article.body


def test_text_lays_out_title_standfirst_body(article) -> None:
    assert article.text.startswith(article.title + "\n\n" + article.standfirst + "\n\n")
    assert article.text[article.body_start :] == article.body


def test_related_stories(article) -> None:
    titles = [r.title for r in article.related]
    assert titles == [
        "New Gannet Point terminal opens to its first passengers",
        "Quay Street traders meet to plan for a future without ferries",
    ]
    first = article.related[0]
    assert first.url == "https://www.coastalherald.example/news/gannet-point-terminal-opens"
    assert first.section == "Transport"
    assert first.teaser == "The hall took three years to build."


def test_url_passed_in_wins_over_canonical() -> None:
    got = clean_html(news_page(), url="https://mirror.example/a/1")
    assert got.url == "https://mirror.example/a/1"


def test_description_under_the_headline_is_the_standfirst() -> None:
    page = (
        news_page()
        .replace('<p class="standfirst">', '<h2 class="sub">')
        .replace("corroded pier.</p>\n        <div", "corroded pier.</h2>\n        <div")
    )
    got = clean_html(page)
    assert got.standfirst is not None and got.standfirst.startswith("A century of crossings")
    assert "A century of crossings" not in got.body


def test_standfirst_above_a_byline_paragraph_is_the_standfirst() -> None:
    # dek, byline and body as sibling paragraphs: the byline between them is no body paragraph
    lead = "The island's only ferry will stop running on Friday, the operator said on Monday."
    page = (
        "<html><head><title>Ferry to stop | The Gull</title></head><body><article>"
        "<h1>Ferry to stop</h1>"
        '<p class="standfirst">Islanders fear for supplies as the crossing ends after ninety '
        "years of daily sailings</p>"
        '<p class="byline">By <span class="author">Ada Moss</span></p>'
        f"<p>{lead}</p>"
        + "".join(f"<p>{line}</p>" for line in BODY[1:])
        + "</article></body></html>"
    )
    got = clean_html(page)
    assert got.standfirst is not None and got.standfirst.startswith("Islanders fear")
    assert got.body.startswith(lead)


def test_description_that_is_the_lead_paragraph_stays_in_the_body() -> None:
    page = news_page().replace(
        '<p class="standfirst">A century of crossings ends as the harbour '
        "board cites falling\n          sales and a corroded pier.</p>",
        "",
    )
    page = page.replace(
        "A century of crossings ends as the harbour board\n    cites falling sales and a corroded "
        "pier.",
        BODY[0],
    )
    got = clean_html(page)
    assert got.body.split("\n\n")[0] == BODY[0]
    assert got.standfirst is None


def test_trailing_newsletter_and_share_lines_are_dropped() -> None:
    extra = [
        "Sign up for our morning newsletter and get the day's stories in your inbox.",
        "Share this article",
    ]
    got = clean_html(news_page([*BODY, *extra]))
    assert got.body.split("\n\n") == BODY


def test_naive_date_is_taken_as_utc() -> None:
    page = (
        news_page()
        .replace("2024-03-12T09:30:00+00:00", "2024-03-12 09:30:00")
        .replace('<time datetime="2024-03-12T09:30:00Z">12 March 2024</time>', "")
    )
    got = clean_html(page)
    assert got.published == datetime(2024, 3, 12, 9, 30, tzinfo=UTC)


def test_scripts_and_handlers_come_out_as_plain_text_or_not_at_all() -> None:
    hostile = [
        f"{BODY[0]} <script>alert('owned')</script>",
        f'{BODY[1]} <img src="x" onerror="alert(document.cookie)">',
        f"{BODY[2]} Writers use &lt;script&gt; tags, she said, <b>not</b> <i>always</i>.",
        f'{BODY[3]} <a href="javascript:alert(1)" onclick="steal()">details</a>',
        BODY[4],
    ]
    page = news_page(hostile).replace("</body>", "<script>document.write('x')</script></body>")
    got = clean_html(page)
    for needle in (
        "alert(",
        "onerror",
        "onclick",
        "document.",
        "javascript:",
        "<img",
        "<b>",
        "<a ",
    ):
        assert needle not in got.text
    assert "Writers use <script> tags, she said, not always." in got.body
    assert "details" in got.body


@pytest.mark.parametrize("html", ["", "   \n\t  "])
def test_empty_input_raises_e_empty(html: str) -> None:
    with pytest.raises(InputError) as caught:
        clean_html(html, origin="feeds/empty.html")
    assert caught.value.code == E_EMPTY
    message = str(caught.value)
    assert "feeds/empty.html" in message and "\n" not in message


def test_page_without_text_raises_e_empty() -> None:
    with pytest.raises(InputError) as caught:
        clean_html("<html><head></head><body><div></div></body></html>", origin="blank.html")
    assert caught.value.code == E_EMPTY


def test_a_fragment_of_one_element_is_read_as_a_page() -> None:
    # a feed item's body_html is often a single paragraph
    line = "The harbour board voted on Tuesday to close the ferry terminal after a century."
    assert clean_html(f"<p>{line}</p>", origin="item.html").body == line


@pytest.mark.parametrize(
    "garbage", ["\x00\x01\x02\x03\x04\x05\x06\x07" * 64, "no markup here, just words " * 20]
)
def test_garbage_raises_e_malformed(garbage: str) -> None:
    with pytest.raises(InputError) as caught:
        clean_html(garbage, origin="junk.bin")
    assert caught.value.code == E_MALFORMED
    assert "junk.bin" in str(caught.value) and "\n" not in str(caught.value)


def test_broken_markup_still_yields_the_article() -> None:
    page = news_page().replace("</p>", "", 3).replace("</div>", "").replace("</article>", "<div>")
    got = clean_html(page)
    assert BODY[4] in got.body


GERMAN = [
    "Der Hafenrat von Port Elden hat am Dienstag beschlossen, das alte Fährterminal bis zum Ende "
    "des nächsten Jahres zu schließen. Damit endet eine mehr als hundertjährige Geschichte.",
    "Die Vorsitzende sagte, die Entscheidung sei nach zwei Jahren mit sinkenden Ticketverkäufen "
    "und einem Gutachten gefallen, das Korrosion an den Stützen des Piers gefunden hat.",
    "Die Pendler sollen zum neuen Terminal im Norden wechseln, wo der Rat eine überdachte "
    "Wartehalle und eine Busverbindung bis zum Frühjahr plant.",
]


def test_non_english_page_is_flagged() -> None:
    got = clean_html(news_page(GERMAN, lang="de"))
    assert got.language == "de"
    assert "non_english" in got.flags


def test_language_comes_from_the_text_when_the_page_does_not_say() -> None:
    page = news_page(GERMAN).replace(' lang="en-GB"', "")
    got = clean_html(page)
    assert got.language == "de"
    assert "non_english" in got.flags


def test_read_html_uses_the_cleaner() -> None:
    got = api.read_html(news_page(), url="https://www.coastalherald.example/x")
    assert got.title == "Port Elden to close historic ferry terminal"
    assert got.source == "The Coastal Herald"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "<p>",
                    "</p>",
                    "<div class='related'>",
                    "</div>",
                    "<figcaption>",
                    "<script>",
                    "</script>",
                    "<h1>",
                    "<!--",
                    "-->",
                    "<![CDATA[",
                    "&amp;",
                    "&#0;",
                    "<html lang='xx'>",
                    "<meta content='x' property='og:title'>",
                ]
            ),
            st.text(max_size=40),
        ),
        max_size=30,
    )
)
def test_hostile_markup_never_crashes(parts: list[str]) -> None:
    try:
        got = clean_html("".join(parts))
    except InputError as err:
        assert err.code in (E_EMPTY, E_MALFORMED)
    else:
        assert got.text.strip()


@pytest.mark.parametrize(
    ("text", "declared", "expected"),
    [
        (" ".join(BODY), "de", "en"),  # the text is plainly English whatever the page says
        (" ".join(GERMAN), None, "de"),
        ("東京都は月曜日、新しい防災計画を発表しました。" * 5, None, "ja"),
        ("Городской совет утвердил новый план. " * 3, "en", "ru"),  # the script beats the page
        ("Το δημοτικό συμβούλιο ενέκρινε το σχέδιο. " * 3, None, "el"),
        ("Short.", "fr", "fr"),  # too little text to tell: trust the page
        ("Short.", None, None),
    ],
)
def test_guess_language(text: str, declared: str | None, expected: str | None) -> None:
    assert guess_language(text, declared) == expected


def test_social_links_are_not_related_stories() -> None:
    page = news_page().replace(
        "</ul>\n    </aside>",
        '<li><a href="https://facebook.example/herald">Follow us on Facebook for more news</a>'
        '</li><li><a href="/staff/tomas-reyes">Tomas Reyes, transport correspondent</a></li>'
        "</ul>\n    </aside>",
    )
    titles = [r.title for r in clean_html(page).related]
    assert len(titles) == 2 and not any("Facebook" in t or "Reyes" in t for t in titles)


def test_lone_surrogates_from_a_bad_decode_do_not_lose_the_text() -> None:
    got = clean_html(news_page().replace("harbour authority", "harbour \ud800authority"))
    assert BODY[1] in got.body


def test_story_split_into_chunks_is_read_whole_and_in_order() -> None:
    chunk = '<div class="story-chunk">{}</div>'
    first = "".join(f"<p>{p}</p>" for p in BODY[:3])
    second = "".join(f"<p>{p}</p>" for p in BODY[3:])
    html = news_page([]).replace(
        '<div class="article-body">',
        '<div class="article-body">'
        + chunk.format(first)
        + '<div class="ad-slot"><a href="https://ads.example/x">Advertisement</a></div>'
        + chunk.format(second),
    )
    assert clean_html(html).body.split("\n\n") == BODY


def test_embedded_post_is_kept_where_the_page_has_it() -> None:
    tweet = (
        '<blockquote class="twitter-tweet"><p lang="en">The last ferry leaves Port Elden at '
        "dusk on Friday. End of an era.<br>Thank you to every crew member.</p>&mdash; Elden "
        'Ferries (@eldenferries) <a href="https://twitter.example/status/1">March 12, 2024</a>'
        "</blockquote>"
    )
    paragraphs = [*BODY[:2], tweet, *BODY[2:]]
    got = clean_html(news_page(paragraphs).replace(f"<p>{tweet}</p>", tweet)).body.split("\n\n")
    at = got.index(BODY[1]) + 1
    assert got[at : at + 3] == [
        "The last ferry leaves Port Elden at dusk on Friday. End of an era.",
        "Thank you to every crew member.",
        "— Elden Ferries (@eldenferries) March 12, 2024",
    ]
    assert got[at + 3] == BODY[2]


def test_paragraph_that_only_links_to_another_story_is_dropped() -> None:
    promo = '<a href="/news/harbour-board-budget">Harbour board approves its budget for 2025</a>'
    outside = '<a href="https://other.example/report">The full survey report</a> is online.'
    got = clean_html(news_page([*BODY[:2], promo, *BODY[2:], outside]))
    assert "approves its budget" not in got.body
    assert "The full survey report is online." in got.body


def test_reporting_about_shares_and_subscriptions_is_not_furniture() -> None:
    lines = [
        "Share prices of the ferry operator fell 3% after the vote.",
        "Subscription sales of season tickets had halved since 2019.",
        "Updated timetables will be posted at the quay from April 2.",
    ]
    got = clean_html(news_page([*BODY[:3], *lines, *BODY[3:]]))
    for line in lines:
        assert line in got.body


def test_page_wide_wrapper_named_related_is_not_a_teaser_block() -> None:
    linked = [*BODY[:2], BODY[2].replace("Osei told", '<a href="/people/osei">Osei</a> told')]
    page = (
        news_page([*linked, *BODY[3:]])
        .replace("<main>", '<main><div class="page has-related-links">')
        .replace("</main>", "</div></main>")
    )
    got = clean_html(page)
    assert got.body.split("\n\n") == BODY
    assert [r.title for r in got.related][:1] == [
        "New Gannet Point terminal opens to its first passengers"
    ]


def _with_json_ld(page: str, body: str) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "articleBody": body}
    script = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    return page.replace("</head>", f"{script}</head>")


def test_longer_json_ld_body_that_holds_the_visible_text_wins() -> None:
    page = _with_json_ld(news_page(BODY[:2]), "\n".join(BODY))  # a paywall shows two paragraphs
    assert clean_html(page).body.split("\n\n") == BODY


def test_json_ld_body_of_another_story_is_ignored() -> None:
    other = "\n".join(GERMAN * 3)
    assert clean_html(_with_json_ld(news_page(), other)).body.split("\n\n") == BODY


# Issue 14 item 17: bylines, dates and site chrome as real pages write them.

MINIMAL_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Port Elden to close historic ferry terminal</title>{head}</head><body><main><article>
<h1>Port Elden to close historic ferry terminal</h1>{top}
<div class="article-body">{paragraphs}</div></article></main></body></html>"""


def minimal_page(*, head: str = "", top: str = "", extra: list[str] | None = None) -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in [*BODY, *(extra or [])])
    return (
        MINIMAL_PAGE.replace("{head}", head)
        .replace("{top}", top)
        .replace("{paragraphs}", paragraphs)
    )


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        ('<div class="byline">Posted by<a href="/u/1">Damien Walter</a></div>', "Damien Walter"),
        ('<p class="byline">By: Joshua Stewart (jstewart@uni.example)</p>', "Joshua Stewart"),
        ('<span class="byline">By Ann Lee | Updated Jan. 5, 2026</span>', "Ann Lee"),
        ('<span class="author-name">Byron Hale</span>', "Byron Hale"),
    ],
)
def test_byline_is_the_reporters_name_only(top: str, expected: str) -> None:
    assert clean_html(minimal_page(top=top)).byline == expected


def test_reporter_wins_over_the_stations_name() -> None:
    head = (
        '<meta property="og:site_name" content="KXTV"><meta name="author" content="KXTV">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": '
        '[{"@type": "Organization", "name": "KXTV"}]}</script>'
    )
    top = '<div class="byline">By <a rel="author" href="/staff/mara">Mara Quint</a></div>'
    assert clean_html(minimal_page(head=head, top=top)).byline == "Mara Quint"
    assert clean_html(minimal_page(head=head)).byline == "KXTV"  # nobody else named


@pytest.mark.parametrize(
    ("head", "top", "expected"),
    [
        (
            '<meta property="article:published" content="2026-01-16T05:00:35Z">',
            "",
            "2026-01-16T05:00:35+00:00",
        ),
        (
            '<meta name="publication_date" content="January 16, 2026 5:00 PM EST">',
            "",
            "2026-01-16T22:00:00+00:00",
        ),
        (
            "",
            '<abbr class="published" title="2026-01-16T08:15:00+00:00">Jan 16</abbr>',
            "2026-01-16T08:15:00+00:00",
        ),
        (
            "",
            '<span class="post-date">Published on Jan. 16, 2026</span>',
            "2026-01-16T00:00:00+00:00",
        ),
        ("", '<div itemprop="datePublished">16 January 2026</div>', "2026-01-16T00:00:00+00:00"),
        (
            '<link rel="canonical" href="https://news.example/2026/01/16/ferry-terminal/">',
            "",
            "2026-01-16T00:00:00+00:00",
        ),
    ],
)
def test_published_date_is_found_wherever_the_markup_has_it(
    head: str, top: str, expected: str
) -> None:
    published = clean_html(minimal_page(head=head, top=top)).published
    assert published is not None
    assert published.astimezone(UTC).isoformat() == expected


def test_page_without_a_date_has_none() -> None:
    assert clean_html(minimal_page(top="<p class='note'>Updated 3 hours ago</p>")).published is None


def test_site_chrome_lines_leave_the_body() -> None:
    chrome = [
        "Other KXTV Top Stories",
        "Copyright 2026 by Valley Broadcasting Company. All rights reserved.",
        "(text and background only visible when logged in)",
        "© 2026 The Coastal Herald",
    ]
    got = clean_html(minimal_page(extra=chrome))
    assert got.body.split("\n\n") == BODY


def test_reporting_about_copyright_or_top_stories_stays() -> None:
    kept = [
        "The copyright dispute over the terminal's murals went to court in 2024.",
        "Top stories in the harbour newsletter were dominated by the vote, traders said.",
    ]
    got = clean_html(minimal_page(extra=kept))
    assert got.body.split("\n\n") == [*BODY, *kept]


def test_unrendered_template_code_leaves_the_body() -> None:
    """Issue 14 item 12: template code left in a page became an "organisation"."""
    code = ["nrco.contentDetailController.content.status", "{{ story.lead_image.caption }}"]
    got = clean_html(minimal_page(extra=code))
    assert got.body.split("\n\n") == BODY


def test_a_paragraph_mentioning_template_syntax_stays() -> None:
    """Only short lines of template code are furniture, not reporting that quotes some."""
    para = (
        "The council's website showed {{ meeting.date }} instead of the date for most of Tuesday, "
        "and residents who tried to book a slot for the public hearing were turned away until "
        "the contractor fixed the page late in the evening, officials said."
    )
    got = clean_html(minimal_page(extra=[para]))
    assert got.body.split("\n\n") == [*BODY, para]


@pytest.mark.parametrize(
    "written",
    [
        "Tuesday, March 3, 2026",
        "Mar 3, 2026 9:05 pm",
        "3 March 2026, 12:15 AM",
        "sat 7 feb 2026 23:59:58",
        "02/03/2026",
        "14-03-2026",
        "1.2.2026",
    ],
)
def test_written_dates_read_without_dateparser_as_dateparser_reads_them(written: str) -> None:
    """The fast reading of printed dates must give dateparser's own answer, or none at all."""
    import dateparser

    from newsgraph.clean.html._meta import _written_date

    fast = _written_date(written)
    assert fast is not None
    assert fast == dateparser.parse(
        written, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True}
    )


@pytest.mark.parametrize(
    "left_to_dateparser",
    [
        "Monday, March 3, 2026",
        "March 3, 2026 5:00 PM EST",
        "Sept 3, 2026",
        "30 Feb 2026",
        "March 3, 2026 13:05 pm",
    ],
)
def test_dates_the_fast_reading_cannot_vouch_for_are_left_to_dateparser(
    left_to_dateparser: str,
) -> None:
    """A wrong weekday, a time zone, an unlisted month word or an impossible date: no answer."""
    from newsgraph.clean.html._meta import _written_date

    assert _written_date(left_to_dateparser) is None


SITE_TITLED = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title}</title><meta property="og:site_name" content="The Lakeside Gazette">
</head><body><header><nav><a href="/">Home</a> <a href="/town">Town</a></nav></header>
<article>{h1}<p>{body}</p><p>{more}</p></article></body></html>"""


@pytest.mark.parametrize(
    "title", ["Home", "Home | The Lakeside Gazette", "The Lakeside Gazette", "Welcome"]
)
def test_a_site_wide_title_never_beats_the_articles_headline(title: str) -> None:
    page = SITE_TITLED.format(
        title=title,
        h1="<h1>Lakeside library reopens after a year of roof repairs</h1>",
        body=BODY[0],
        more=BODY[1],
    )
    assert clean_html(page).title == "Lakeside library reopens after a year of roof repairs"


def test_a_site_wide_title_is_no_headline_where_the_page_has_none() -> None:
    page = SITE_TITLED.format(title="Home", h1="", body=BODY[0], more=BODY[1])
    assert clean_html(page).title is None
