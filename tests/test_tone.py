from __future__ import annotations

from newsgraph.nlp.tone import score_text


def test_negative_news_has_negative_tone() -> None:
    tone = score_text("The attack killed ten people and wounded dozens.")
    assert tone.tone < 0 and tone.negative > 0 and tone.positive == 0
    assert tone.word_count == 8


def test_positive_and_polarity() -> None:
    tone = score_text("Leaders welcomed the agreement as a great success.")
    assert tone.tone > 0
    assert tone.polarity == tone.positive + tone.negative


def test_negation_flips_a_word() -> None:
    assert score_text("They are happy.").tone > 0
    assert score_text("They are not happy.").tone < 0


def test_empty_text_is_neutral() -> None:
    tone = score_text("")
    assert (tone.tone, tone.word_count) == (0.0, 0)
