"""clean_text keeps article text that looks like page furniture: short lines between paragraphs,
lists announced by a colon, the signature under an embedded post, and an opening paragraph
without a full stop on a site that ends no paragraph with one. All text here is invented."""

from __future__ import annotations

from newsgraph.clean.text import clean_text
from newsgraph.clean.text._lines import split_lines

HEAD = ["Quay market reopens after the winter floods - Vellmar Post", "Home", "News", "Sport"]
TITLE = "Quay market reopens after the winter floods"
PROSE = [
    (
        "Traders on the old quay in Vellmar opened their stalls again on Saturday, three months "
        "after the river rose over the cobbles and ruined most of the wooden counters."
    ),
    (
        "The city lent each trader a new counter and waived the spring pitch fee, a help the "
        "market's association said had kept at least twenty families in business."
    ),
    (
        "Shoppers queued from seven in the morning, many of them carrying flasks of tea and "
        "folding chairs, to buy the first smoked eel of the season."
    ),
    (
        "The association now wants the city to raise the quay wall by half a metre before next "
        "winter, a project the council has priced at four million euros."
    ),
]
TAIL = ["-", "Ferry timetable changes for the spring", "Council names new harbour master"]


def _dump(middle: list[str]) -> str:
    return "\n".join([*HEAD, TITLE, PROSE[0], PROSE[1], *middle, PROSE[2], PROSE[3], *TAIL])


def test_a_run_of_four_short_lines_between_paragraphs_is_kept() -> None:
    run = [
        "Smoked eel from the Harbour Smokery",
        "Get it at the quay for 12 euros",
        "Rye bread from Mill Lane Bakery",
        "Get it at the quay for 4 euros",
    ]
    assert {line.kind for line in split_lines("\n".join(run))} == {"short"}
    body = clean_text(_dump(run)).body
    for line in run:
        assert line in body


def test_a_long_unannounced_run_of_short_lines_is_not_taken_whole() -> None:
    run = [
        "Smoked eel from the Harbour Smokery",
        "Rye bread from Mill Lane Bakery",
        "Pickled herring from Dock Street",
        "Cheese from the Oster farm",
        "Apples from the Lind orchard",
        "Honey from the marsh hives",
    ]
    body = clean_text(_dump(run)).body
    assert "Cheese from the Oster farm" not in body  # a menu-like stretch, three lines from prose


def test_a_list_announced_by_a_colon_is_kept() -> None:
    intro = "Stalls that reopened on Saturday included, among others:"
    items = [
        "Smoked eel from the Harbour Smokery",
        "Rye bread from Mill Lane Bakery",
        "Pickled herring from Dock Street",
        "Cheese from the Oster farm",
        "Apples from the Lind orchard",
        "Honey from the marsh hives",
        "Lamps and brass from the Kessel stall",
    ]
    body = clean_text(_dump([intro, *items])).body
    for item in items:
        assert item in body


def test_the_signature_under_an_embedded_post_is_kept() -> None:
    post = (
        "First eel of the season is on the counter and the queue reaches the bridge. Thank you "
        "Vellmar for waiting with us all winter!"
    )
    signature = "— Harbour Smokery (@harboursmoke) March 14, 2020"
    body = clean_text(_dump([post, signature])).body
    assert post in body
    assert signature in body


def test_a_dated_line_that_signs_no_post_stays_out() -> None:
    body = clean_text(_dump(["Harbour Smokery, March 14, 2020"])).body
    assert "March 14, 2020" not in body


def _unstopped(text: str) -> str:
    return text.rstrip(".")


def test_an_opening_paragraph_without_a_stop_is_body_where_no_paragraph_has_one() -> None:
    paragraphs = [_unstopped(p) for p in PROSE]
    article = clean_text("\n".join([*HEAD, TITLE, *paragraphs, *TAIL]))
    assert article.body.startswith(paragraphs[0])
    assert article.standfirst != paragraphs[0]


def test_an_opening_line_without_a_stop_above_stopped_paragraphs_is_the_standfirst() -> None:
    summary = _unstopped(PROSE[0])
    article = clean_text("\n".join([*HEAD, TITLE, summary, *PROSE[1:], *TAIL]))
    assert article.standfirst == summary
    assert not article.body.startswith(summary)


def test_a_line_of_zero_width_characters_is_a_blank_line() -> None:
    """A line that draws nothing splits paragraphs as a blank line does, and is no line."""
    from newsgraph.clean.text._lines import split_lines

    text = "First paragraph of the report.\n\u200b\u200b\nSecond paragraph.\n\ufeff\u2060 \n"
    assert [line.text for line in split_lines(text)] == [
        "First paragraph of the report.",
        "Second paragraph.",
    ]


# --- the opening paragraph, short sentences, other scripts, tables --------------------------
#
# All text below is invented.

DATELINE = "March 14, 2020"
BYLINE = "By Ona Lind"


def test_a_line_below_the_date_opens_the_body_though_it_has_no_full_stop() -> None:
    """Headline, date, body: the first paragraph under the date is the story's, not a summary,
    even when the site leaves its full stop off."""
    opening = _unstopped(PROSE[0])
    article = clean_text("\n".join([*HEAD, TITLE, DATELINE, opening, *PROSE[1:], *TAIL]))
    assert article.body.startswith(opening)
    assert article.standfirst is None


def test_a_stopped_line_above_the_byline_is_the_standfirst() -> None:
    """Headline, summary, byline, date, body: the line above the byline is the summary even
    though it ends with a full stop like any paragraph."""
    summary = "Three months after the floods, the old quay market is trading again."
    article = clean_text("\n".join([*HEAD, TITLE, summary, BYLINE, DATELINE, *PROSE, *TAIL]))
    assert article.standfirst == summary
    assert article.body.startswith(PROSE[0])


def test_a_short_sentence_with_a_full_stop_is_prose_and_a_label_with_a_colon_is_not() -> None:
    text = "Nobody was hurt.\nWhat the traders said:"
    kinds = {line.text: line.kind for line in split_lines(text)}
    assert kinds == {"Nobody was hurt.": "prose", "What the traders said:": "short"}


def test_a_short_sentence_between_paragraphs_stays_in_the_body() -> None:
    body = clean_text(_dump(["Nobody was hurt."])).body
    assert "Nobody was hurt." in body.split("\n")


def test_sentences_of_scripts_with_their_own_full_stops_are_prose() -> None:
    """The danda (Hindi), the Arabic question mark and the Khmer full stop end sentences; Thai,
    written without spaces between words, is measured by its characters."""
    text = "\n".join(
        [
            "नगर निगम ने कहा कि पुल का काम दो दिन में पूरा होगा।",
            "هل ستفتح البلدية الطريق الساحلي قبل نهاية الأسبوع المقبل؟",
            "ក្រុងនឹងបិទផ្លូវធំៗបីនៅថ្ងៃសៅរ៍ដើម្បីជួសជុលលូទឹក។",
            (
                "เทศบาลประกาศปิดถนนสายหลักสามสายในวันเสาร์เพื่อซ่อมท่อระบายน้ำที่ชำรุดจากฝนตกหนัก"
                " ผู้ว่าราชการกล่าวว่างานจะเสร็จภายในสองวัน"
            ),
        ]
    )
    lines = split_lines(text)
    assert [line.kind for line in lines] == ["prose"] * 4
    assert lines[0].words == 13  # vowel signs join their letters: "निगम" is one word, not two


def test_a_results_table_of_short_lines_is_kept_with_its_story() -> None:
    """A story whose body is mostly a table, scraped one cell or row a line: the rows are
    short lines, like a menu, but each occurs once and most carry figures."""
    rows = [
        "Harbour Rowing Club 9 7 2 23",
        "Mill Lane Rowers 9 6 3 21",
        "Quay Street Eights 9 6 3 20",
        "Oster Boat Club 9 5 4 17",
        "Lind Rowing Society 9 4 5 14",
        "Marsh Oars 9 3 6 11",
        "Kessel Rowing Club 9 2 7 8",
        "Vellmar Students 9 1 8 5",
    ]
    intro = (
        "Twenty crews raced the four kilometres from the barrier to the old bridge on "
        "Saturday morning, in a cold wind and against the last of the ebb tide."
    )
    menu = ["Home", "News", "Sport", "Rowing", "Sailing", "Weather", "Contact"]
    dump = "\n".join([*menu, "Harbour Rowing Club wins the river race", intro, *rows, *menu])
    body = clean_text(dump).body
    for row in rows:
        assert row in body
    assert "Sailing" not in body


def test_a_menu_of_words_is_no_table() -> None:
    from newsgraph.clean.text._lines import table_rows

    menu = ["Local", "World", "Sport", "Rowing", "Sailing", "Weather", "Letters", "Jobs"]
    assert table_rows(split_lines("\n".join(menu))) == set()
    dated = [f"{name} 9 4" for name in menu]
    assert table_rows(split_lines("\n".join(dated))) == set(range(len(dated)))
    assert table_rows(split_lines("\n".join(dated + dated))) == set()  # repeated: a menu
