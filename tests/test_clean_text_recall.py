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
