"""The quotes stage: quotation marks, cues, speakers, sources, and the seed article.

Sentences here are invented for the tests.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.model import Article, Quote
from newsgraph.nlp import quotes
from newsgraph.nlp.quotes._marks import find_quote_spans

SEED = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "corpus"
    / "seed"
    / "000_467ed663e257af9b.txt"
)


def _contents(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quote_spans(text)]


# --- quotation marks (no model) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said: “We will win.” Then he left.", ["We will win."]),
        ('She wrote "no deal" twice.', ["no deal"]),
        ("«Nous restons», a-t-il dit.", ["Nous restons"]),
        ("„Wir bleiben“, sagte er.", ["Wir bleiben"]),
        ("“A ‘nested’ phrase stays inside,” she said.", ["A ‘nested’ phrase stays inside"]),
        ("Islamists ‘pledge allegiance’ to the group", ["pledge allegiance"]),
        ("The voters’ choice isn’t ‘final’ yet.", ["final"]),
    ],
)
def test_quote_marks(text: str, expected: list[str]) -> None:
    assert _contents(text) == expected


def test_trailing_comma_is_left_out_of_the_content() -> None:
    assert _contents("“We are ready,” she said.") == ["We are ready"]


def test_a_quotation_reopened_in_the_next_paragraph_is_one_span() -> None:
    text = "“The first part goes on\n\n“and the second part ends here,” he said."
    (span,) = find_quote_spans(text)
    assert text[span.start : span.end].startswith("The first part")
    assert text[span.start : span.end].endswith("ends here")
    assert span.paragraphs == 2 and span.closed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Lee said, ''We don't know what Ross's plan is,'' and left.",
            ["We don't know what Ross's plan is"],
        ),
        ("''It's the workers' money,'' Lee said.", ["It's the workers' money"]),
        (
            "He called it ''a disgrace'' and ''the worst deal ever.''",
            ["a disgrace", "the worst deal ever."],
        ),
        ("''He told me 'no' twice,'' she said.", ["He told me 'no' twice"]),
    ],
)
def test_doubled_apostrophes_are_a_double_mark(text: str, expected: list[str]) -> None:
    """Some wire and archive text types “ and ” as two apostrophes; an apostrophe or a single
    mark inside stays part of the quotation."""
    assert _contents(text) == expected


def test_doubled_apostrophes_reopened_in_the_next_paragraph_are_one_span() -> None:
    text = "''We will win the vote.\n\n''And we will win again,'' Lee said."
    (span,) = find_quote_spans(text)
    assert text[span.start : span.end].startswith("We will win the vote.")
    assert span.paragraphs == 2 and text[span.outer_end - 2 : span.outer_end] == "''"


def test_a_quoted_transcript_turn_starts_a_new_quotation_after_its_label() -> None:
    """'"ANCHOR: ...' opens a speaker's turn: the label is not quoted words, and the turn does
    not continue the previous speaker's open quotation; a paragraph with no label does."""
    text = (
        '"ANCHOR: Will the schools get more money this year?\n\n'
        '"REED: Yes, they will. We have set aside enough.\n\n'
        '"But the roads will have to wait until spring.\n\n'
        '"ANCHOR: Thank you, governor."'
    )
    assert _contents(text) == [
        "Will the schools get more money this year?",
        'Yes, they will. We have set aside enough.\n\n"But the roads will have to wait until spring.',
        "Thank you, governor.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "“never closed",
        "” stray “ marks ” “",
        '"""',
        "‘’‘",
        "“\n\n”\n\n“",
        "„a“b”c«d»",
        "''",
        "'''x''",
    ],
)
def test_unbalanced_marks_never_fail(text: str) -> None:
    for q in find_quote_spans(text):
        assert 0 <= q.start < q.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,:\n“”‘’\"'«»„-—")), max_size=60))
def test_spans_are_inside_any_text(text: str) -> None:
    for q in find_quote_spans(text):
        assert 0 <= q.outer_start <= q.start < q.end <= q.outer_end <= len(text)


# --- the stage on any text (blank pipeline: fast) ---------------------------------------------


@pytest.fixture(scope="module")
def blank():
    import spacy

    return spacy.blank("en")


def _run(nlp, text: str) -> list[Quote]:
    article = Article(text=text, body=text)
    return quotes.run(article, nlp(text)).quotes


def _check_spans(text: str, found: list[Quote]) -> None:
    for q in found:
        assert 0 <= q.start <= q.end <= len(text)
        assert q.text == text[q.start : q.end]
        assert q.stage == quotes.STAGE
        for a, b in ((q.cue_start, q.cue_end), (q.speaker_start, q.speaker_end)):
            assert (a is None) == (b is None)
            if a is not None and b is not None:
                assert 0 <= a <= b <= len(text)


_PIECES = st.lists(
    st.sampled_from(
        [*"ab .,:\n“”‘’\"'«»„—", "He said ", "according to ", "WALLACE: ", " told Reuters ",
         "the mayor ", "we win"]
    ),
    max_size=30,
).map("".join)  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_PIECES)
def test_run_keeps_spans_inside_the_text(blank, text: str) -> None:
    _check_spans(text, _run(blank, text))


@pytest.mark.slow
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_PIECES)
def test_run_keeps_spans_inside_the_text_with_the_model(nlp, text: str) -> None:
    _check_spans(text, _run(nlp, text))


def test_a_parse_of_another_text_is_refused(blank) -> None:
    from newsgraph.errors import StageFailure

    with pytest.raises(StageFailure):
        quotes.run(Article(text="one", body="one"), blank("two"))


def test_interview_transcript_names_the_speaker_without_a_parse(blank) -> None:
    text = "HOST: Welcome back to the show.\n\n“We are glad to be here with you.”"
    found = _run(blank, text)
    assert [q.speaker for q in found] == ["HOST", "HOST"]
    # a speaker label in capitals is a transcript's: its line is the speaker's own words
    assert found[0].cue == ":" and found[0].direct and found[1].direct


# --- constructions, with the real model ------------------------------------------------------


@pytest.fixture(scope="module")
def analyse(nlp):
    from newsgraph.nlp import entities

    def go(text: str) -> list[Quote]:
        doc = nlp(text)
        article = entities.run(Article(text=text, body=text), doc)
        return quotes.run(article, doc).quotes

    return go


@pytest.mark.slow
def test_direct_quote_with_inverted_cue(analyse) -> None:
    (q,) = analyse("“We will rebuild the bridge,” said Maria Lopez, the mayor of Riverton.")
    assert q.direct and q.text == "We will rebuild the bridge" and q.cue == "say"
    assert q.speaker is not None and q.speaker.startswith("Maria Lopez")


@pytest.mark.slow
def test_quote_split_by_its_cue_gives_two_quotes_with_one_speaker(analyse) -> None:
    first, second = analyse("“We are ready,” she said, “and we will not wait for anyone.”")
    assert first.text == "We are ready" and second.text.startswith("and we will not wait")
    assert first.speaker == second.speaker == "she"
    assert first.cue_start == second.cue_start


@pytest.mark.slow
def test_cue_before_a_colon(analyse) -> None:
    (q,) = analyse("The minister said: “Nothing has changed since last week.”")
    assert q.direct and q.speaker == "The minister" and q.text.startswith("Nothing has changed")


@pytest.mark.slow
def test_following_quotations_continue_the_speaker(analyse) -> None:
    text = (
        "Maria Lopez spoke on Monday.\n\n“We are ready,” she said. “The water is falling.”"
        "\n\n“Nobody will be left behind.”"
    )
    found = analyse(text)
    assert [q.text for q in found] == [
        "We are ready",
        "The water is falling.",
        "Nobody will be left behind.",
    ]
    assert {q.speaker for q in found} == {"she"}
    assert found[1].cue is None and found[2].cue is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "cue", "speaker"),
    [
        ("The mayor said that the bridge would reopen in May.", "the bridge would reopen",
         "say", "The mayor"),
        ("According to the ministry, 40 people were hurt in the blast.", "40 people were hurt",
         "according to", "the ministry"),
        ("Officials warned that the river could flood the valley.", "the river could flood",
         "warn", "Officials"),
        ("The union maintains that the strike is legal.", "the strike is legal", "maintain",
         "The union"),
        ("Forty people were hurt in the blast, police said.", "Forty people were hurt", "say",
         "police"),
    ],
)  # fmt: skip
def test_indirect_speech(analyse, text: str, content: str, cue: str, speaker: str) -> None:
    (q,) = analyse(text)
    assert not q.direct and content in q.text
    assert q.cue == cue and q.speaker == speaker


@pytest.mark.slow
def test_told_names_the_channel(analyse) -> None:
    (q,) = analyse("The commander told Reuters that the town had fallen.")
    assert q.speaker == "The commander" and q.source == "Reuters" and q.cue == "tell"


@pytest.mark.slow
def test_reported_as_saying_by_an_agency(analyse) -> None:
    (q,) = analyse("The new rules will “hurt small farms,” he was reported as saying by Interfax.")
    assert q.direct and q.text == "hurt small farms"
    assert q.speaker == "he" and q.source == "Interfax" and q.cue == "report as saying"


@pytest.mark.slow
def test_mixed_quote_keeps_the_quoted_fragment(analyse) -> None:
    (q,) = analyse("The spokesman put the number of victims at “about 300.”")
    assert q.direct and q.text == "about 300." and q.speaker == "The spokesman"


@pytest.mark.slow
def test_short_scare_quote_stays_inside_reported_speech(analyse) -> None:
    (q,) = analyse("The senator said the new tax plan was “unfair” to most families in the state.")
    assert not q.direct and "unfair" in q.text and q.speaker == "The senator"


@pytest.mark.slow
def test_signature_after_a_dash(analyse) -> None:
    (q,) = analyse("“This is the best day of my life.” ― Jane Roe")
    assert q.speaker == "Jane Roe" and q.direct


@pytest.mark.slow
def test_pronoun_and_name_resolve_to_the_entity(analyse) -> None:
    found = analyse(
        "Anna Petrova, the mayor, opened the bridge on Sunday.\n\n“It took ten years,” she said."
    )
    (q,) = found
    assert q.speaker == "she"
    assert q.speaker_id == "person:anna-petrova"


@pytest.mark.slow
def test_scare_quotes_without_a_cue_are_not_quotes(analyse) -> None:
    assert analyse("The “smart” fridge costs more than the old one.") == []


@pytest.mark.slow
def test_run_on_short_texts_with_the_model(nlp) -> None:
    for text in ["“", "He said “", "” said she", "“a,” he said, “", "According to", "X: “y"]:
        doc = nlp(text)
        found = quotes.run(Article(text=text, body=text), doc).quotes
        _check_spans(text, found)


# --- the seed article --------------------------------------------------------------------------


def _seed_article_text(raw: str) -> str:
    lines = raw.split("\n")
    body: list[str] = []
    for line in lines[2:]:
        if line.strip() == "-":
            break
        body.append(line)
    return "\n\n".join([lines[0], lines[1], *body])


@pytest.fixture(scope="module")
def seed(nlp):
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    from newsgraph.nlp import entities
    from newsgraph.nlp.quotes import extract

    text = _seed_article_text(SEED.read_text(encoding="utf-8"))
    doc = nlp(text)
    article = entities.run(Article(text=text, body=text), doc)
    return text, quotes.run(article, doc).quotes, extract(article, doc)


def _quote(found: list[Quote], opening: str) -> Quote:
    matches = [q for q in found if q.text.startswith(opening)]
    assert matches, f"no quote opening with {opening!r}"
    return matches[0]


@pytest.mark.slow
def test_seed_recording_quotes(seed) -> None:
    _, found, _ = seed
    pledge = _quote(found, "Obeying the order of Allah")
    assert pledge.direct and pledge.speaker == "the recording" and pledge.cue == "say"
    testify = _quote(found, "We testify that all mujahedeen")
    assert testify.speaker == "the male voice"


@pytest.mark.slow
def test_seed_uncued_paragraph_goes_to_the_previous_speaker(seed) -> None:
    _, found, _ = seed
    q = _quote(found, "We congratulate")
    assert q.cue is None and q.speaker is not None and "Abu Mohammed al-Adnani" in q.speaker
    assert q.speaker_id is not None and "adnani" in q.speaker_id


@pytest.mark.slow
def test_seed_deputy_secretary_and_he(seed) -> None:
    text, found, internal = seed
    figure = _quote(found, "up to 2,000")
    assert figure.speaker == "the deputy secretary of Russia’s security council"
    for opening in ("pretend to be tourists who lost their documents", "pose a problem"):
        q = _quote(found, opening)
        assert q.text == opening and q.speaker == "he" and q.source == "Interfax"
        (f,) = [f for f in internal if f.start == q.start]
        assert f.refers_to is not None
        assert text[f.refers_to[0] : f.refers_to[1]] == figure.speaker
        assert q.speaker_id == figure.speaker_id


@pytest.mark.slow
def test_seed_reported_speech(seed) -> None:
    _, found, _ = seed
    officials = [q for q in found if q.cue == "maintain"]
    assert officials and officials[0].speaker == "Russian officials" and not officials[0].direct
    youtube = [q for q in found if q.source == "YouTube"]
    assert youtube and youtube[0].speaker == "The voice recording"


@pytest.mark.slow
def test_colon_without_a_cue_verb_takes_the_clause_subject(analyse) -> None:
    (q,) = analyse("The senator is rolling out a new and more personal message: “It is about me.”")
    assert q.direct and q.text == "It is about me." and q.speaker == "The senator" and q.cue == ":"


@pytest.mark.slow
def test_participle_cue_takes_the_name_before_it(analyse) -> None:
    (q,) = analyse("The advert shows footage of Jane Roe asking, “Why are we not far ahead?”")
    assert q.speaker is not None and "Jane Roe" in q.speaker and q.cue == "ask"


@pytest.mark.slow
def test_quotation_over_two_paragraphs_is_one_quote(analyse) -> None:
    text = (
        "“The first part of the speech goes here.\n\n"
        "“And the second part ends it,” the mayor said.\n\nThe council agreed."
    )
    (q,) = analyse(text)
    assert q.text.startswith("The first part") and q.text.endswith("the second part ends it")
    assert q.direct and q.speaker == "the mayor"


@pytest.mark.slow
def test_parenthetical_cue_takes_the_sentence(analyse) -> None:
    (q,) = analyse("The old mill, Mr. Grant said, was the biggest employer in the county.")
    assert not q.direct and q.speaker == "Mr. Grant" and q.cue == "say"
    assert q.text.startswith("The old mill") and q.text.endswith("in the county")


# --- issue 14 ----------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The mayor welcomed the news at a short ceremony on Friday.",
        "Several groups have issued videos praising the new governor.",
        "The ministry raised taxes on fuel last year.",
        "Rebels fired two shots at the convoy near the bridge.",
        "She denied it on Monday.",
    ],
)
def test_issue14_item9_an_object_with_no_words_is_not_reported_speech(analyse, text) -> None:
    """Issue 14 item 9: a cue with a plain noun-phrase object reports no speech content."""
    assert analyse(text) == []


@pytest.mark.slow
def test_issue14_item9_a_saying_verb_keeps_its_message_object(analyse) -> None:
    (q,) = analyse("The senator denied the report about her travel costs.")
    assert not q.direct and q.text == "the report about her travel costs"
    assert q.cue == "deny" and q.speaker == "The senator"


@pytest.mark.slow
def test_issue14_item9_a_quotation_in_the_object_is_still_speech(analyse) -> None:
    (q,) = analyse("The union welcomed “a fair deal for every worker in the port.”")
    assert q.direct and q.text.startswith("a fair deal") and q.speaker == "The union"


@pytest.mark.slow
def test_issue14_item9_seed_news_and_videos_are_not_quotes(seed) -> None:
    _, found, _ = seed
    texts = [q.text for q in found]
    assert "the news" not in texts
    assert not any("supporting al-Baghdadi" in t or t == "al-Baghdadi" for t in texts)
    assert not any(q.cue in ("welcome", "issue") for q in found)


@pytest.mark.slow
def test_issue14_item10_pronoun_speaker_exposes_its_antecedent(analyse) -> None:
    """Issue 14 item 10: "he" keeps its words and names the person it stands for."""
    text = (
        "Deputy Minister Oleg Varga said that the border would reopen in May.\n\n"
        "The new rules will “hurt small farms,” he was reported as saying by Interfax."
    )
    first, second = analyse(text)
    assert second.speaker == "he" and second.speaker_ref is not None
    ref = second.speaker_ref
    assert ref.text == "Deputy Minister Oleg Varga" == text[ref.start : ref.end]
    assert ref.entity_id == second.speaker_id == first.speaker_id
    assert second.speaker_id is not None and "varga" in second.speaker_id


@pytest.mark.slow
def test_issue14_item10_pronoun_after_a_person_with_no_earlier_quote(analyse) -> None:
    (q,) = analyse("Anna Petrova opened the bridge on Sunday.\n\n“It took ten years,” she said.")
    assert q.speaker == "she" and q.speaker_ref is not None
    assert q.speaker_ref.text == "Anna Petrova" and q.speaker_ref.start == 0
    assert q.speaker_ref.entity_id == q.speaker_id == "person:anna-petrova"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "antecedent"),
    [
        ("Anna Petrova, the foreign minister, arrived in Vienna on Monday.", "Anna Petrova"),
        ("Foreign Minister Anna Petrova said that the talks would resume in June.",
         "Foreign Minister Anna Petrova"),
    ],
)  # fmt: skip
def test_issue14_item10_description_speaker_resolves_to_the_titled_person(
    analyse, first: str, antecedent: str
) -> None:
    found = analyse(f"{first}\n\nThe minister added that no date had been set.")
    q = found[-1]
    assert q.speaker == "The minister" and q.speaker_ref is not None
    assert q.speaker_ref.text == antecedent
    assert q.speaker_id == q.speaker_ref.entity_id == "person:anna-petrova"


@pytest.mark.slow
def test_issue14_item10_a_title_given_to_no_named_person_stays_unresolved(analyse) -> None:
    (q,) = analyse(
        "Anna Petrova met the Turkish foreign minister in Vienna on Monday.\n\n"
        "The minister said that the talks would resume in June."
    )
    assert q.speaker == "The minister" and q.speaker_ref is None and q.speaker_id is None


@pytest.mark.slow
def test_issue14_item10_seed_he_refers_to_the_deputy_secretary(seed) -> None:
    _, found, _ = seed
    figure = _quote(found, "up to 2,000")
    for opening in ("pretend to be tourists", "pose a problem"):
        q = _quote(found, opening)
        assert q.speaker == "he" and q.speaker_ref is not None
        assert q.speaker_ref.text == figure.speaker
        assert (q.speaker_ref.start, q.speaker_ref.end) == (
            figure.speaker_start,
            figure.speaker_end,
        )
        assert q.speaker_ref.entity_id == q.speaker_id == figure.speaker_id


def test_issue14_item10_quote_record_carries_the_reference() -> None:
    from newsgraph.nlp.quotes._resolve import Found
    from newsgraph.nlp.quotes._speakers import Speaker

    text = "Oleg Varga spoke. He said so."
    f = Found(21, 28, False, None, Speaker(18, 20, 4, "person"), None, "person:oleg-varga", (0, 10))
    q = quotes.to_quote(text, f)
    assert q.speaker == "He" and q.speaker_id == "person:oleg-varga"
    assert q.speaker_ref is not None and q.speaker_ref.text == "Oleg Varga"
    assert q.speaker_ref.entity_id == "person:oleg-varga"
    assert quotes.to_quote(text, replace(f, refers_to=None)).speaker_ref is None


# --- one token scan shared by the cue rules (issue 17: faster, same cues) ---------------------

_CUE_SENTENCES = (
    "The mayor said that the bridge would reopen in May.",
    "The museum, Mr. Bush said, celebrated the long history of the port.",
    "As the engineers have pointed out, the old bridge cannot carry heavy trucks.",
    "The court rejected her claim that the vote was rigged.",
    "Lee texted her sister that the train was running late.",
)


@pytest.mark.slow
def test_the_token_scan_lists_the_verbs_and_nouns_a_token_walk_finds(nlp) -> None:
    from newsgraph.nlp.quotes._rules import lemma, scan

    doc = nlp("\n".join(_CUE_SENTENCES))
    found = scan(doc)
    assert found.verbs == [(t.i, lemma(t)) for t in doc if t.pos_ in ("VERB", "AUX")]
    assert found.nouns == [(t.i, lemma(t)) for t in doc if t.pos_ == "NOUN"]
    assert (doc[58].text, dict(found.verbs)[58]) == ("texted", "text")  # the lemma fix holds


@pytest.mark.slow
def test_cue_rules_on_one_shared_scan_give_the_cues_of_a_token_walk(nlp) -> None:
    """Each rule once walked every token itself; fed the scan of a walk over the tokens (the
    old way) and the array scan, every rule gives the same cues, and each rule finds its own."""
    from newsgraph.nlp.quotes._lexicon import load_lexicon
    from newsgraph.nlp.quotes._rules import (
        Scan,
        as_cues,
        lemma,
        noun_cues,
        parenthetical_cues,
        scan,
        verb_cues,
    )

    doc = nlp("\n".join(_CUE_SENTENCES))
    lex = load_lexicon()
    walked = Scan(
        [(t.i, lemma(t)) for t in doc if t.pos_ in ("VERB", "AUX")],
        [(t.i, lemma(t)) for t in doc if t.pos_ == "NOUN"],
    )

    def cues(found: Scan) -> dict[str, list[tuple[str, int | None, int | None]]]:
        verbs = verb_cues(doc, lex, found)
        taken = {c.token for c in verbs}
        rules = {
            "verb": verbs,
            "parenthetical": parenthetical_cues(doc, lex, taken, found),
            "as": as_cues(doc, lex, taken, found),
            "noun": noun_cues(doc, lex, found),
        }
        return {k: [(c.label, c.content_start, c.content_end) for c in v] for k, v in rules.items()}

    merged = cues(scan(doc))
    assert merged == cues(walked)
    assert [label for label, _, _ in merged["verb"]] == ["say", "reject", "text"]
    assert [label for label, _, _ in merged["parenthetical"]] == ["say"]
    assert [label for label, _, _ in merged["as"]] == ["point out"]
    assert [label for label, _, _ in merged["noun"]] == ["claim"]


def test_entity_at_takes_the_longest_overlapping_mention_in_text_order() -> None:
    from newsgraph.model import Entity, Mention
    from newsgraph.nlp.quotes._speakers import entity_at

    text = "Ruth Garcia of the Harbour Board met Garcia and the Board."

    def entity(key: str, kind: str, *spans: tuple[int, int]) -> Entity:
        found = [Mention(start=s, end=e, text=text[s:e]) for s, e in spans]
        return Entity(
            id=key, name=key, type=kind, start=spans[0][0], end=spans[0][1], stage="entities",
            mentions=found,
        )  # fmt: skip

    ruth = entity("ruth", "person", (0, 11), (37, 43))
    board = entity("board", "organization", (19, 32), (52, 57))
    harbour = entity("harbour", "place", (19, 26))
    article = Article(text=text, body=text, entities=[harbour, board, ruth])
    assert entity_at(article, 5, 8) is ruth  # inside a mention
    assert entity_at(article, 10, 20) is board  # a longer mention wins over a shorter one
    assert entity_at(article, 19, 26) is board  # a place is no speaker
    assert entity_at(article, 11, 19) is None  # a mention starting at `end` does not overlap
    assert entity_at(article, 30, 37) is board  # one that starts before `start` does
    assert entity_at(article, 40, 55) is ruth  # "Garcia" is longer than "Board"


def test_single_marks_on_one_long_line_are_read_in_linear_time() -> None:
    # each single mark asks whether a double quotation holds it and whether a later mark could
    # close it: one bisection and one look-up, not a pass over the line (was 35 s here)
    text = "“Go on, he said.” " * 10_000 + "the voters’ rights ‘x’ " * 10_000
    started = time.process_time()
    spans = find_quote_spans(text)
    assert time.process_time() - started < 5
    assert len(spans) == 20_000
    assert sum(1 for s in spans if s.single) == 10_000  # the ‘x’, never "voters’ rights"


def _hand_parsed(text: str):
    """A Doc of `text` with a parse made by hand (no model): short sentences, each word hanging
    on the sentence's first verb, so the stage's parsed passes run on a text of any size."""
    import spacy
    from spacy.tokens import Doc

    from newsgraph.nlp._doc import remember_text

    verbs = {"said": "say", "recalls": "recall", "nodded": "nod"}
    words = spacy.blank("en").make_doc(text)
    tags = [
        "VERB" if w.text in verbs else "PUNCT" if not w.text[0].isalnum() else "PROPN"
        if w.text[0].isupper() else "PRON" if w.text in ("she", "he") else "NOUN"
        for w in words
    ]  # fmt: skip
    heads, deps, lo = list(range(len(words))), ["dep"] * len(words), 0
    for i, w in enumerate(words):
        if w.text in (".", "!", "?") or i == len(words) - 1:
            root = next((j for j in range(lo, i + 1) if tags[j] == "VERB"), lo)
            for j in range(lo, i + 1):
                heads[j] = root
                deps[j] = (
                    "ROOT" if j == root else "nsubj" if tags[j] in ("PRON", "PROPN") else "dep"
                )
            lo = i + 1
    doc = Doc(
        words.vocab, words=[w.text for w in words], spaces=[bool(w.whitespace_) for w in words],
        pos=tags, deps=deps, heads=heads, lemmas=[verbs.get(w.text, w.lower_) for w in words],
    )  # fmt: skip
    return remember_text(doc, text)


def test_many_quotations_on_one_line_take_linear_time() -> None:
    # each quotation reads a bounded stretch around it: the clause before a colon (was the whole
    # line), the earlier speaker of the same words and the latest attribution before it (were
    # a scan of every one so far); 4,000 quotations here took over 100 s before
    text = (
        "“No,” she said. " * 1500
        + "x: “a b” " * 1500
        + "“We won,” said Ana Ruiz. Ana Ruiz nodded. “And we stay.” " * 500
        + "“We won.” That is how Ana Ruiz recalls it. " * 500
    )
    doc = _hand_parsed(text)
    started = time.process_time()
    found = quotes.run(Article(text=text, body=text), doc).quotes
    assert time.process_time() - started < 5
    assert sum(1 for q in found if q.text == "No" and q.speaker == "she") == 1500
    pointed = [q.speaker for q in found if q.text == "We won."]  # named by "That is how ..."
    assert len(pointed) == 500 and all(s and s.endswith("Ruiz") for s in pointed)


def test_cues_that_climb_to_one_wide_clause_take_linear_time() -> None:
    # "Ana said, and said rain falls, and said rain falls, ...": every cue with no subject of
    # its own climbs to the one root, whose children were all read again for each cue (3,000
    # cues took about 30 s); what the root's children give is now read once per Doc
    import spacy
    from spacy.tokens import Doc

    from newsgraph.nlp._doc import remember_text

    words, heads = ["Ana", "said"], [1, 1]
    deps, tags = ["nsubj", "ROOT"], ["PROPN", "VERB"]
    for _ in range(3000):
        i = len(words)
        words += ["and", "said", "rain", "falls", ","]
        heads += [1, 1, i + 3, i + 1, 1]
        deps += ["cc", "conj", "nsubj", "ccomp", "punct"]
        tags += ["CCONJ", "VERB", "NOUN", "VERB", "PUNCT"]
    words.append(".")
    heads.append(1)
    deps.append("punct")
    tags.append("PUNCT")
    lemmas = ["say" if w == "said" else "fall" if w == "falls" else w.lower() for w in words]
    doc = Doc(
        spacy.blank("en").vocab, words=words, spaces=[True] * len(words), heads=heads, deps=deps,
        pos=tags, lemmas=lemmas,
    )  # fmt: skip
    text = doc.text
    doc = remember_text(doc, text)
    started = time.process_time()
    found = quotes.run(Article(text=text, body=text), doc).quotes
    assert time.process_time() - started < 5
    assert len(found) == 3000 and {q.speaker for q in found} == {"Ana"}


def test_kept_cues_drop_thoughts_in_speech_and_cues_in_quotations_in_linear_time() -> None:
    from newsgraph.nlp.quotes import _kept_cues
    from newsgraph.nlp.quotes._marks import QuoteSpan
    from newsgraph.nlp.quotes._rules import Cue

    text = "Lee said Ana thinks the plan works. " * 2
    said = Cue(0, "say", 4, 8, 9, 35)  # "said" and its content "Ana thinks ..."
    thinks = Cue(0, "think", 13, 19, 20, 35, weak=True)  # inside what Lee said: Lee's
    alone = Cue(0, "think", 49, 55, 56, 71, weak=True)  # a thought of its own
    quoted = Cue(0, "say", 40, 44, 45, 71)
    long_quote = QuoteSpan(start=37, end=72, outer_start=36, outer_end=72, closed=True)
    assert _kept_cues(text, [said, thinks, alone], []) == [said, alone]
    assert _kept_cues(text, [said, quoted], [long_quote]) == [said]
    # each cue asked every long quotation and every other cue (4,000 cues took 2.7 s, 8,000
    # about four times that); one bisection each now
    n = 8000
    many = [
        Cue(0, "think", 10 * i, 10 * i + 3, 10 * i + 4, 10 * i + 9, weak=True) for i in range(n)
    ]
    longs = [QuoteSpan(10 * i + 6, 10 * i + 8, 10 * i + 5, 10 * i + 9, True) for i in range(n)]
    started = time.process_time()
    assert len(_kept_cues("x " * 5 * n, many, longs)) == n
    assert time.process_time() - started < 2


def test_quotations_inside_one_long_line_without_a_parse_take_linear_time() -> None:
    # without sentence boundaries, whether a quotation opens a sentence asked the Doc whether
    # it had any (a read of every token) once per quotation: 4,000 such lines took 13 s here
    import spacy

    from newsgraph.nlp._doc import remember_text

    text = "x: “a b c” and “We won,” Ana said. “And we stay.” " * 4000
    doc = remember_text(spacy.blank("en").make_doc(text), text)
    started = time.process_time()
    found = quotes.run(Article(text=text, body=text), doc).quotes
    assert time.process_time() - started < 5
    assert found == []  # no cue without a parse, and no earlier speaker to continue
