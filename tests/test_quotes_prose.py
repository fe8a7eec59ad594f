"""The quotes stage on running prose: who a pronoun, a title or "it" stands for, and quotations
that name a work rather than report words.

Sentences here are invented for the tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from newsgraph.model import Article, Quote
from newsgraph.nlp import entities, quotes
from newsgraph.nlp.quotes._direct import _interview_roles
from newsgraph.nlp.quotes._lexicon import load_lexicon
from newsgraph.nlp.quotes._marks import find_quote_spans
from newsgraph.nlp.quotes._rules import subject_of
from newsgraph.nlp.quotes._speakers import Speaker, is_person_like
from newsgraph.nlp.quotes._titles import is_label, is_term, is_title, title_case
from newsgraph.rules import RuleFileError, read_toml, using_data_dirs

# --- titles of works (no model) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["Meet", "the", "Press"], True),
        (["Saving", "Made", "Simple"], True),
        (["A", "Change", "Is", "Gonna", "Come"], True),
        (["We", "will", "win"], False),  # a sentence, not a title
        (["the", "Big", "Show"], False),  # a title starts with a capital
        (["Taxes"], False),  # one word is too little to tell
    ],
)
def test_title_case(words: list[str], expected: bool) -> None:
    assert title_case(words) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lee said on NBC’s “Meet the Press” that the plan would pass.", True),
        ("In her 2010 book, “Saving Made Simple,” she argued for thrift.", True),
        ("The choir sang the hymn “Amazing Grace” at the service.", True),
        ("The crowd chanted, “Lock Her Up.”", False),  # a slogan: left to the cue rules
        ("Lee said on NBC’s “we will not give in to this” and left.", False),
    ],
)
def test_a_title_after_a_possessive_or_a_work_noun_is_no_quote(text: str, expected: bool) -> None:
    (span,) = find_quote_spans(text)
    assert is_title(text, span, load_lexicon()) is expected


# --- with the model ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def analyse(nlp):
    def go(text: str) -> list[Quote]:
        doc = nlp(text)
        article = entities.run(Article(text=text, body=text), doc)
        return quotes.run(article, doc).quotes

    return go


@pytest.mark.slow
def test_programme_and_book_titles_are_not_quotes(analyse) -> None:
    found = analyse(
        "Lee said on NBC’s “Meet the Press” that the plan would pass. "
        "“We have the votes for it this time,” Lee said."
    )
    assert [q.text for q in found if q.direct] == ["We have the votes for it this time"]


@pytest.mark.slow
def test_it_said_stands_for_the_organisation_named_last(analyse) -> None:
    (q,) = [
        q
        for q in analyse(
            "Acme Corp sold its plant in Leeds last year. “We had no choice,” it said on Friday."
        )
        if q.direct
    ]
    assert q.speaker == "it" and q.speaker_id == "organization:acme-corp"
    assert q.speaker_ref is not None and q.speaker_ref.text == "Acme Corp"


@pytest.mark.slow
def test_it_said_after_an_unnamed_organisation_speaker(analyse) -> None:
    found = analyse(
        "The ministry said in a statement that the talks would continue. "
        "“Both sides want a deal,” it said."
    )
    (q,) = [q for q in found if q.direct]
    assert q.speaker == "it"
    assert q.speaker_ref is not None and q.speaker_ref.text == "The ministry"


@pytest.mark.slow
def test_she_stands_for_the_person_the_text_moved_on_to(analyse) -> None:
    """A name two sentences back, as the subject, wins over an older speaker."""
    found = analyse(
        "Tom Lee said the plan was late. Ana Ruiz, the builder, arrived at noon. "
        "The site was quiet. “It is fine,” she said."
    )
    (q,) = [q for q in found if q.direct]
    assert q.speaker == "she" and q.speaker_id == "person:ana-ruiz"


@pytest.mark.slow
def test_he_continued_keeps_the_last_speaker(analyse) -> None:
    found = analyse(
        "Police spokesman Jon Berg spoke to reporters outside the station on Monday. "
        "The crowd had thinned by then. “We have two people in custody,” the spokesman said. "
        "“Neither has been charged,” he continued."
    )
    direct = [q for q in found if q.direct]
    assert [q.speaker for q in direct] == ["the spokesman", "he"]
    assert {q.speaker_id for q in direct} == {"person:jon-berg"}


@pytest.mark.slow
def test_a_title_resolves_to_the_name_in_apposition_to_it(analyse) -> None:
    (q,) = analyse(
        "The company’s chief executive, Mara Olsen, was in Berlin. Shares fell 4 percent. "
        "The chief executive said the fall was “a passing thing.”"
    )
    assert q.speaker == "The chief executive" and q.speaker_id == "person:mara-olsen"


@pytest.mark.slow
def test_a_quotation_over_paragraphs_and_its_continuation(analyse) -> None:
    """A quotation left open at a paragraph's end goes on in the next one that opens with a
    mark; the attribution after its first sentence covers it all."""
    text = (
        "“Every week lost costs the boats money,” said Jon Berg, a spokesman for the board. "
        "“We have told the ministry so many times.\n\n"
        "“We will keep telling them until they listen.”"
    )
    found = [q for q in analyse(text) if q.direct]
    assert found[-1].text.endswith("until they listen.")
    assert "\n\n" in found[-1].text
    assert {q.speaker_id for q in found} == {"person:jon-berg"}


# --- speakers in running prose ---------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # set off by a comma, a participle shares the subject of the clause before it
        (
            "The senator defended the vote on Tuesday, saying, “It was the right call.”",
            "The senator",
        ),
        (
            "Ana Ruiz met the farmers’ leader, Tom Hale, saying, “The talks were useful.”",
            "Ana Ruiz",
        ),
        # a date before the participle ends the clause; it is no speaker
        ("Lee released a statement on Friday saying the plan was “a disaster for farmers.”", "Lee"),
    ],
)
def test_a_participle_clause_takes_the_subject_of_its_sentence(
    analyse, text: str, speaker: str
) -> None:
    (q,) = [q for q in analyse(text) if q.direct]
    assert q.speaker == speaker


def test_a_dash_parsed_as_a_second_subject_is_no_speaker() -> None:
    """A parse may take the dash of '... made public ― Ross boasted' for a subject beside the
    name; the name is the speaker."""
    words = ["made", "public", "―", "Ross", "boasted", ",", "“", "Fine", "”"]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=[0, 2, 4, 4, 0, 4, 7, 4, 7],
        deps=["ROOT", "amod", "nsubj", "nsubj", "ccomp", "punct", "punct", "ccomp", "punct"],
        pos=["VERB", "ADJ", "NOUN", "PROPN", "VERB", "PUNCT", "PUNCT", "ADJ", "PUNCT"],
    )
    subject, _ = subject_of(doc[4])
    assert subject is not None and subject.text == "Ross"


@pytest.mark.slow
def test_what_it_calls_keeps_the_subject_out_of_the_content(analyse) -> None:
    """'what it calls “…”': the object is a relative word before the subject; the quotation is
    what was said and the subject is the speaker."""
    (q,) = analyse(
        "The union is denouncing what it calls “a betrayal of every worker in the port.”"
    )
    assert q.direct and q.speaker == "it" and q.cue == "call"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "cue", "content", "speaker"),
    [
        (
            "The mayor rejected Lee’s claim that the election was rigged.",
            "claim",
            "that the election was rigged",
            "Lee’s",
        ),
        (
            "Voters remembered his remark about the closed schools.",
            "remark",
            "the closed schools",
            "his",
        ),
    ],
)
def test_a_reporting_noun_with_its_owner_is_reported_speech(
    analyse, text: str, cue: str, content: str, speaker: str
) -> None:
    found = [q for q in analyse(text) if q.cue == cue]
    assert [(q.text, q.speaker, q.direct) for q in found] == [(content, speaker, False)]


@pytest.mark.slow
def test_a_reporting_noun_leaves_a_quotation_to_the_cue_beside_it(analyse) -> None:
    found = analyse("Ross repeated his claim that the count was “rigged from the very start.”")
    assert not [q for q in found if q.cue == "claim"]


@pytest.mark.slow
def test_a_reporting_noun_without_an_owner_is_not_a_cue(analyse) -> None:
    found = analyse("There is a claim that the election was rigged.")
    assert not [q for q in found if q.cue == "claim"]


@pytest.mark.slow
def test_a_relative_pronoun_speaker_refers_to_its_noun(analyse) -> None:
    """'Mara Olsen, who said ...': the pronoun speaks, and stands for the name it follows."""
    (q,) = analyse("The plan was drafted by Mara Olsen, who said the port would reopen in May.")
    assert q.speaker == "who" and q.text == "the port would reopen in May"
    assert q.speaker_ref is not None and q.speaker_ref.text == "Mara Olsen"
    assert q.speaker_id == "person:mara-olsen"


@pytest.mark.slow
def test_a_clarification_label_is_no_speaker(analyse) -> None:
    """A paper's "CLARIFICATION: ..." note, like "CORRECTION:", speaks for no one."""
    found = analyse("CLARIFICATION: An earlier version of this story misstated the mayor’s age.")
    assert not [q for q in found if q.speaker == "CLARIFICATION"]


@pytest.mark.slow
def test_a_quoted_transcript_gives_each_turn_to_its_speaker(analyse) -> None:
    text = (
        "Partial transcript as follows:\n\n"
        '"ANCHOR: Let us start with the budget. Will the schools get more money this year?\n\n'
        '"REED: Yes, they will. We have set aside enough for every school in the county.\n\n'
        '"But the roads will have to wait until the spring.\n\n'
        '"ANCHOR: Thank you, governor."'
    )
    found = [q for q in analyse(text) if q.direct]
    assert [(q.speaker, q.text.split()[0]) for q in found] == [
        ("ANCHOR", "Let"),
        ("REED", "Yes,"),
        ("ANCHOR", "Thank"),
    ]
    assert found[1].text.endswith("until the spring.")


@pytest.mark.slow
def test_doubled_apostrophe_quotations_over_two_paragraphs(analyse) -> None:
    text = (
        "''We never expected the vote to be this close,'' Ms. Hale said. ''The tenants worked "
        "hard for it.\n\n''Now the council has to act.''"
    )
    found = [q for q in analyse(text) if q.direct]
    assert [q.speaker for q in found] == ["Ms. Hale", "Ms. Hale"]
    assert found[1].text.endswith("has to act.")


# --- news-style conventions (wire copy, AP and Reuters style) -----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fans of the so-called “quiet quitting” trend met online.", True),
        ("The pass, known locally as “the Wedge,” was closed.", True),
        ("The striker, nicknamed “Rocket,” scored twice.", True),
        ("Trump Was ‘Mocking’ Clinton Camp, Aide Says", False),  # a headline in title case
        ("Cole said “we will be back” and left the ring.", False),
        ("Lee called the deal “a disgrace” on Friday.", False),
    ],
)
def test_a_term_or_a_nickname_in_marks_is_no_quote(text: str, expected: bool) -> None:
    (span,) = find_quote_spans(text)
    assert is_term(text, span) is expected


def test_a_periodical_named_after_journal_is_a_title() -> None:
    text = "The study, published in the journal “Ocean Letters,” found that reefs had recovered."
    (span,) = find_quote_spans(text)
    assert is_title(text, span, load_lexicon())


@pytest.mark.slow
def test_terms_and_nicknames_give_no_quote(analyse) -> None:
    found = analyse(
        "The so-called “quiet quitting” trend has reached the civil service. "
        "The pass, known locally as “the Wedge,” was closed on Sunday."
    )
    assert found == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "The water board said in a statement that the reservoir was full again.",
            "the reservoir was full again",
            "The water board",
        ),
        (
            "Kim Ahn told investors on a conference call that sales had doubled in Korea.",
            "sales had doubled in Korea",
            "Kim Ahn",
        ),
    ],
)
def test_a_clause_after_the_channel_is_what_was_said(
    analyse, text: str, content: str, speaker: str
) -> None:
    (q,) = analyse(text)
    assert content in q.text and not q.direct
    assert q.speaker == speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("TOKYO (Reuters) - Nippon Rail said on Friday it would raise fares in April.", "Rail"),
        ("The charity Bright Start said it had raised $2 million for the school.", "Bright Start"),
    ],
)
def test_a_dateline_or_a_description_before_the_subject_is_no_speaker(
    analyse, text: str, speaker: str
) -> None:
    (q,) = analyse(text)
    assert q.speaker is not None and speaker in q.speaker
    assert "TOKYO" not in q.speaker and "charity" not in q.speaker


@pytest.mark.slow
def test_the_company_stands_for_the_organisation_that_spoke_before(analyse) -> None:
    found = analyse(
        "Brightwater Utilities said on Monday it would raise bills by 9 percent. "
        "“The increase is unavoidable,” the company said."
    )
    (q,) = [q for q in found if q.direct]
    assert q.speaker == "the company"
    assert q.speaker_ref is not None and q.speaker_ref.text == "Brightwater Utilities"


@pytest.mark.slow
def test_the_agency_stands_for_the_organisation_named_just_before(analyse) -> None:
    found = analyse(
        "Inspectors from the Food Standards Agency visited the plant on Monday. "
        "The agency said the kitchen would stay closed for a week."
    )
    (q,) = found
    assert q.speaker == "The agency"
    assert q.speaker_ref is not None and "Food Standards Agency" in q.speaker_ref.text


@pytest.mark.slow
def test_a_title_before_the_name_makes_a_person(nlp) -> None:
    """'Mayor Grace Obi' is a person by her title, though neither the entity stage nor the
    named-entity tags say so (here both are taken away)."""
    text = "Mayor Grace Obi said the arena was too dear."
    doc = nlp(text)
    doc.ents = []
    head = next(t for t in doc if t.text == "Obi")
    speaker = Speaker(0, head.idx + len(head.text), head.i, "name")
    article = Article(text=text, body=text)
    assert is_person_like(doc, speaker, load_lexicon(), article)
    plain = nlp("Grace Obi said the arena was too dear.")
    plain.ents = []
    bare = next(t for t in plain if t.text == "Obi")
    other = Speaker(0, bare.idx + 3, bare.i, "name")
    assert not is_person_like(
        plain, other, load_lexicon(), Article(text=plain.text, body=plain.text)
    )


@pytest.mark.slow
def test_at_and_an_organisation_after_a_person_noun_belong_to_the_speaker(analyse) -> None:
    (q,) = analyse("Economists at Harbor Bank said inflation would ease by the summer.")
    assert q.speaker == "Economists at Harbor Bank"


@pytest.mark.slow
def test_said_name_a_spokesman_for_an_organisation_names_the_person(analyse) -> None:
    """AP's commonest attribution: the speaker is the person; the organisation is whom the
    person speaks for, though its name is the longer mention in the speaker's words."""
    (q,) = analyse(
        "“The ferry will sail on time,” said Lena Vos, a spokeswoman for Northern Ferry Services."
    )
    assert q.speaker is not None and q.speaker.startswith("Lena Vos")
    assert q.speaker_id == "person:lena-vos"


# --- labels, requests for anonymity, interviews (no model) --------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The party's slogan, “Homes For All,” was on every poster.", True),
        ("Its “fair rents now” slogan came later.", True),  # the noun after, in any case
        ("The crowd chanted “fair rents now” outside.", False),  # words chanted are speech
        ("“We will not move,” the tenants said.", False),
    ],
)
def test_a_quotation_beside_a_label_noun_is_no_quote(text: str, expected: bool) -> None:
    (span,) = find_quote_spans(text)
    assert is_label(text, span, load_lexicon()) is expected


def _roles(text: str) -> dict[str, str]:
    """The interview roles of a text without a parse, as the words named."""
    roles = _interview_roles(spacy.blank("en")(text), load_lexicon(), text.index("Q:"))
    return {k: text[slice(*v)] for k, v in roles.items() if isinstance(v, tuple)}


def test_interview_roles_name_who_answers_and_who_asks() -> None:
    text = "This interview with the architect Paulo Mendes was conducted by Sara Lind.\nQ: Why?"
    assert _roles(text) == {"A": "Paulo Mendes", "Q": "Sara Lind"}
    assert _roles("Q: Why?\nA: Because.") == {}  # nobody named: no roles


def test_an_outlet_after_interview_with_asks_and_never_answers() -> None:
    text = "In an interview with Reuters, the minister said more.\nQ: Why?\nA: Because."
    assert _roles(text) == {"Q": "Reuters"}


def test_a_body_row_with_an_unknown_key_is_refused(tmp_path: Path) -> None:
    """A key written below a `[speakers.bodies.NOUN]` table joins that table: an error, not a
    list of labels silently lost."""
    folder = tmp_path / "quotes"
    folder.mkdir()
    (folder / "cues.toml").write_text(
        '[speakers.bodies.sheriff]\nnames = ["sheriff"]\nnot_speakers = ["memo"]\n', "utf-8"
    )
    with using_data_dirs([tmp_path]), pytest.raises(RuleFileError, match="unknown keys"):
        load_lexicon()


def test_user_body_rows_extend_the_table(tmp_path: Path) -> None:
    folder = tmp_path / "quotes"
    folder.mkdir()
    (folder / "cues.toml").write_text(
        '[speakers.bodies.sheriff]\nnames = ["Sheriff"]\nwhy = "ours"\nexample = "ours"\n', "utf-8"
    )
    with using_data_dirs([tmp_path]):
        lex = load_lexicon()
    assert lex.bodies["sheriff"] == ("sheriff",) and "sheriff" in lex.organisation_nouns
    assert lex.bodies["police"] == load_lexicon().bodies["police"]


# --- with the model: styles of wire and feature copy ----------------------------------------------


@pytest.mark.slow
def test_a_cue_after_a_full_stop_opens_another_sentence(analyse) -> None:
    """“….” A council officer said ...: the officer's cue has its own clause, not the quote."""
    found = analyse(
        "“I have mended shoes here since 1990,” said Omar Haddad, 58. “Nobody told us about "
        "the roadworks.” A council officer said the works would end in May."
    )
    second = next(q for q in found if q.text.startswith("Nobody"))
    assert second.speaker_id == "person:omar-haddad"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The carrier, Bluewing, said all flights would run on Monday.", "Bluewing"),
        (
            "In a message online, the city's mayor, Grace Obi, wrote that she would veto it.",
            "Grace Obi",
        ),
    ],
)
def test_a_name_set_off_before_the_cue_is_the_speaker(analyse, text: str, name: str) -> None:
    (q,) = analyse(text)
    assert q.speaker is not None and name in q.speaker


@pytest.mark.slow
def test_it_said_after_an_organisation_named_in_apposition(analyse) -> None:
    found = analyse(
        "The charity, Open Doors, said volunteers would help on Sunday. "
        "“We are ready for the cold,” it said."
    )
    (q,) = [q for q in found if q.direct]
    assert q.speaker_ref is not None and "Open Doors" in q.speaker_ref.text


@pytest.mark.slow
def test_a_request_for_anonymity_is_no_quote(analyse) -> None:
    found = analyse("The driver, who asked not to be named, said the bus had been late every day.")
    assert [q.text for q in found] == ["the bus had been late every day"]


@pytest.mark.slow
def test_the_question_in_an_opening_asked_is_not_the_speakers(analyse) -> None:
    found = analyse("Asked whether she would stand again, Mayor Grace Obi said: “Not this time.”")
    assert [q.text for q in found] == ["Not this time."]


@pytest.mark.slow
def test_a_document_speaks_for_its_author(analyse) -> None:
    (q,) = analyse("A report by the Water Commission said the old dams were unsafe.")
    assert q.speaker == "A report"
    assert q.speaker_ref is not None and q.speaker_ref.text.endswith("Water Commission")


@pytest.mark.slow
def test_a_headline_title_is_the_person_the_story_names(analyse) -> None:
    found = analyse(
        "Rain was ‘heaviest in a decade’, says forecaster\n"
        "The rain fell all night, and chief forecaster Lena Brandt said rivers would peak."
    )
    headline = next(q for q in found if q.text == "heaviest in a decade")
    assert headline.speaker == "forecaster" and headline.speaker_id == "person:lena-brandt"


@pytest.mark.slow
def test_q_and_a_lines_are_the_named_interviewer_and_interviewee(analyse) -> None:
    found = analyse(
        "This interview with the architect Paulo Mendes was conducted by Sara Lind.\n"
        "Q: Why did you leave the city?\nA: I needed quiet, and the city had none left."
    )
    assert [(q.text, q.speaker, q.direct) for q in found] == [
        ("Why did you leave the city?", "Sara Lind", True),
        ("I needed quiet, and the city had none left.", "Paulo Mendes", True),
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # the interviewer's outlet in the framing clause, then the transcript
        "In an interview with Reuters, the finance minister Anna Petrova said the budget would "
        "balance.\n\nQ: Will taxes rise?\n\nA: No. We have made our choices, and they add up.",
        "Finance Minister Anna Petrova told Reuters in an interview that the budget would "
        "balance.\n\nQ: Will taxes rise?\n\nA: No. We have made our choices, and they add up.",
        "Anna Petrova, the finance minister, gave an interview to Reuters on Monday.\n\n"
        "Q: Will taxes rise?\n\nA: No. We have made our choices, and they add up.",
    ],
)
def test_the_interviewee_answers_and_the_outlet_asks(analyse, text: str) -> None:
    found = {q.text: q for q in analyse(text)}
    question = found["Will taxes rise?"]
    answer = found["No. We have made our choices, and they add up."]
    assert question.speaker == "Reuters"
    assert answer.speaker_id == "person:anna-petrova" and "Reuters" not in (answer.speaker or "")


@pytest.mark.slow
def test_a_pronoun_interviewee_refers_back(analyse) -> None:
    found = analyse(
        "Mara Olsen met us at her farm. She told the Riverton Herald in an interview that she "
        "would sell.\n\nQ: Why sell now?\n\nA: My knees are gone and my children live in town."
    )
    answer = next(q for q in found if q.text.startswith("My knees"))
    assert answer.speaker == "She" and answer.speaker_id == "person:mara-olsen"


# --- collective bodies ("the police", "the ministry") -----------------------------------------

_BODIES = read_toml("quotes/cues.toml")["speakers"]["bodies"]


@pytest.mark.slow
@pytest.mark.parametrize("noun", sorted(_BODIES))
def test_every_body_row_speaks_in_its_own_example(analyse, noun: str) -> None:
    """Each row's example has a quote whose speaker is the body; where the speaker refers
    back, the words it refers to carry one of the row's names."""
    row = _BODIES[noun]
    found = [q for q in analyse(row["example"]) if q.speaker and noun in q.speaker.lower()]
    assert found, row["example"]
    names = [n.lower() for n in row["names"]]
    for q in found:
        if q.speaker_ref is not None:
            assert any(n in q.speaker_ref.text.lower() for n in names)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Acme Corp opened a plant in Riverton on Monday. “We had no warning of the blaze,” "
         "the police said.", "the police"),
        ("Norland Steel cut 400 jobs on Monday. The government said it would pay for "
         "retraining.", "The government"),
        ("The Home Office opened an inquiry. The mayor's office said the parade would go "
         "ahead.", "The mayor's office"),
    ],
)  # fmt: skip
def test_a_body_is_not_the_organisation_named_before_it(analyse, text: str, speaker: str) -> None:
    (q,) = [q for q in analyse(text) if q.speaker == speaker]
    assert q.speaker_ref is None and q.speaker_id is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("The Riverton Police Department arrested two men. “They had stolen tools,” the police "
         "said.", "Riverton Police Department"),
        ("The Ministry of Water banned hosepipes on Monday. The ministry said reservoirs were "
         "at a record low.", "Ministry of Water"),
        # a generic noun still stands for the organisation named last (AP second reference)
        ("Greenfield Energy cut its forecast. “There is no risk to supply,” the company said.",
         "Greenfield Energy"),
    ],
)  # fmt: skip
def test_a_body_stands_for_an_earlier_name_that_says_what_it_is(
    analyse, text: str, named: str
) -> None:
    (q,) = [q for q in analyse(text) if q.speaker and q.speaker.lower().startswith("the ")]
    assert q.speaker_ref is not None and q.speaker_ref.text == named


# --- reporting frames in running prose --------------------------------------------------------


def _one(found: list[Quote], start: str) -> Quote:
    (q,) = [q for q in found if q.text.startswith(start)]
    return q


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        # "accuse X of Y": the charge is what was said
        ("Lee accused the mayor of hiding the report from the council.", "the mayor of hiding",
         "Lee"),
        # what a speaker points to is the point made
        ("The union pointed to the closures as proof that the plan had failed.",
         "the closures", "The union"),
        # a gerund after "propose" / "suggest" is the proposal
        ("The senator proposed raising the age limit for the program.", "raising the age",
         "The senator"),
        # the passive of a saying verb with its agent: the subject is what was reported
        ("The closure of the pier was first reported by the Riverton Herald.", "The closure",
         "the Riverton Herald"),
        # an "as" clause reports the clause it modifies
        ("As many tax experts have pointed out, the owner is free to publish his returns.",
         "the owner is free", "many tax experts"),
        ("The bridge will close for a month, as the mayor announced on Friday.",
         "The bridge will close", "the mayor"),
        # a reporting noun owned by a "by" phrase, as by a possessive
        ("A claim by the company that the spill was small was later withdrawn.",
         "that the spill was small", "the company"),
        # a fronted "what": the subject sits inside the content's span and is still the verb's
        ("Developers stretched the zones, amounting to what the two senators said was "
         "gerrymandering.", "what the two senators", "the two senators"),
        # a message sent from a phone
        ("“Running late, start without me,” she texted her assistant.", "Running late", "she"),
    ],
)  # fmt: skip
def test_reporting_frames(analyse, text: str, content: str, speaker: str) -> None:
    assert _one(analyse(text), content).speaker == speaker


@pytest.mark.slow
def test_a_finite_verb_takes_the_phrase_right_before_it_as_subject(analyse) -> None:
    """The parse hangs "the finance minister Anna Petrova" on "Reuters" as an apposition and
    leaves "said" with no subject; the phrase right before the verb is its subject."""
    text = "In an interview with Reuters, the finance minister Anna Petrova said taxes would fall."
    assert _one(analyse(text), "taxes").speaker_id == "person:anna-petrova"


@pytest.mark.slow
def test_the_source_after_according_to_is_a_noun_phrase(analyse) -> None:
    q = _one(analyse("The singer walked off the stage twice, according to show staff."), "The")
    assert q.speaker == "show staff"


@pytest.mark.slow
def test_a_document_speaks_for_the_person_who_made_it(analyse) -> None:
    found = analyse(
        "The tax is meant to curb speculators, according to a speech Mayor Ana Ruiz gave at "
        "the university."
    )
    q = _one(found, "The tax")
    assert q.speaker == "a speech" and q.speaker_id == "person:ana-ruiz"


@pytest.mark.slow
def test_words_after_a_quotation_and_a_conjunction_are_not_the_speaker(analyse) -> None:
    found = analyse(
        "Lee has used the phrase “a lost decade” often in his speeches, and criticized the "
        "council for doing nothing."
    )
    assert _one(found, "the council").speaker == "Lee"


@pytest.mark.slow
def test_a_participle_skips_a_where_clause_for_its_subject(analyse) -> None:
    found = analyse(
        "Small groups of tenants marched past the stadium - where the city's team played on "
        "Sunday - while chanting, “Fair rents now.”"
    )
    assert _one(found, "Fair rents").speaker == "Small groups of tenants"


@pytest.mark.slow
def test_an_indefinite_group_is_no_second_reference(analyse) -> None:
    """ "the company" stands for the organisation named last; "small groups of workers" do not
    stand for the company they protest against."""
    found = analyse(
        "Acme Corp cut 200 jobs on Friday. Small groups of workers marched past the gates, "
        "chanting, “Fair pay now.”"
    )
    q = _one(found, "Fair pay")
    assert q.speaker == "Small groups of workers" and q.speaker_ref is None


# --- quotations after a colon, a list, or a sentence about their speaker -----------------------


@pytest.mark.slow
def test_the_nearest_clause_before_a_colon_gives_the_speaker(analyse) -> None:
    found = analyse(
        'She became so upset that I had to change my answer: "Of course I believe in ghosts."'
    )
    assert _one(found, "Of course").speaker == "I"


@pytest.mark.slow
def test_a_paragraph_ending_in_a_colon_introduces_the_quotation_after_it(analyse) -> None:
    found = analyse("The statement read:\n\n“We regret the error and will correct it.”")
    assert _one(found, "We regret").speaker == "The statement"


@pytest.mark.slow
def test_bulleted_quotations_after_a_colon(analyse) -> None:
    found = analyse(
        "Residents told the council what they want:\n- “More buses at night.”\n"
        "- “A library that opens on Sundays.”"
    )
    assert _one(found, "More buses").speaker == "Residents"
    assert _one(found, "A library").speaker == "Residents"


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Omar Haddad has run the bakery for 30 years.\n\n“Nobody asked us about the roadworks.”",
        "Ana Ruiz, 34, a nurse, remembers the night of the flood.\n\n"
        "“Nobody asked us about the roadworks.”",
        "Maria Lopez is not impressed. “Nobody asked us about the roadworks.”",
    ],
)
def test_a_quotation_after_a_sentence_about_a_person_is_theirs(analyse, text: str) -> None:
    q = _one(analyse(text), "Nobody")
    assert q.direct and q.speaker is not None and q.speaker_id is not None


@pytest.mark.slow
def test_a_sentence_about_a_thing_introduces_no_speaker(analyse) -> None:
    found = analyse("The bridge was closed for repairs in May.\n\n“Nobody asked us about this.”")
    assert not [q for q in found if q.text.startswith("Nobody")]


@pytest.mark.slow
def test_a_title_after_a_quotation_is_the_person_given_that_title(analyse) -> None:
    """ "the minister" is a description, even where the tagger reads "minister" as a name."""
    found = analyse(
        "Anna Petrova, the foreign minister, arrived in Oslo on Monday. Talks lasted two hours."
        "\n\n“We made progress,” the minister said."
    )
    q = _one(found, "We made")
    assert q.speaker == "the minister" and q.speaker_id == "person:anna-petrova"


@pytest.mark.slow
def test_she_refers_to_a_speaker_whose_title_follows_the_name(analyse) -> None:
    """ "Grace Obi, the mayor," is a person by her title, whatever type the name was given."""
    found = analyse(
        "Grace Obi, the mayor, was in no mood to wait.\n\n“We have waited ten years for this "
        "bridge.”\n\nShe said the council would borrow if it had to."
    )
    q = _one(found, "the council")
    assert q.speaker == "She" and q.speaker_ref is not None
    assert q.speaker_ref.text.startswith("Grace Obi")


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "'We were never consulted,' said Ruth Garcia, who runs the corner shop. 'Not once.'",
        "“I don't know what happens next,” Ruth Garcia says. “Nobody does.”",
    ],
)
def test_a_short_quotation_after_an_attributed_one_goes_on_with_its_speaker(
    analyse, text: str
) -> None:
    found = analyse(text)
    assert len(found) == 2 and found[1].direct
    assert found[1].speaker_id == found[0].speaker_id == "person:ruth-garcia"


@pytest.mark.slow
def test_a_short_quotation_far_from_any_cue_is_still_no_quote(analyse) -> None:
    found = analyse("The council met on Monday to discuss the budget. “Fair shares” was the theme.")
    assert not [q for q in found if q.text.startswith("Fair")]


@pytest.mark.slow
def test_an_inverted_cue_the_parse_left_without_subject(analyse) -> None:
    found = analyse(
        "Critics say the law is too vague. “It could cover anyone,” warned Ana Ruiz of the "
        "Civil Rights Union."
    )
    assert _one(found, "It could").speaker_id == "person:ana-ruiz"


# --- media that speak: tapes, videos and the voices on them ------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # an unnamed voice on a tape is a person noun ("voice"), as "a man" is
        ("“We are coming for the harbour,” a man's voice says on the tape.", "a man's voice"),
        # a recording or video speaks for whoever made it, as a statement does
        ("“The dam will not hold another winter,” the video says.", "the video"),
        ("The recording says, “Leave the valley before the rains.”", "The recording"),
    ],
)  # fmt: skip
def test_a_tape_or_a_voice_on_it_is_the_speaker(analyse, text: str, speaker: str) -> None:
    (q,) = [q for q in analyse(text) if q.direct]
    assert q.speaker == speaker


# --- one-word replies and quotations named by the next sentence (issue 17) ---------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("“No,” she said. “Not while I am mayor.”", ["No", "Not while I am mayor."], "she"),
        ("“Absolutely,” Dana Pike said when asked if the bridge would open.", ["Absolutely"], None),
        ("“Why?” the farmer asked.", ["Why?"], "the farmer"),
        ("‘Never’, said Dana Pike.", ["Never"], "Dana Pike"),
    ],
)
def test_a_one_word_reply_with_its_cue_is_a_quote(
    analyse, text: str, words: list[str], speaker: str | None
) -> None:
    direct = [q for q in analyse(text) if q.direct]
    assert [q.text for q in direct] == words
    assert speaker is None or direct[0].speaker == speaker
    assert direct[0].speaker is not None


@pytest.mark.slow
def test_a_one_word_quotation_inside_a_sentence_stays_a_term(analyse) -> None:
    """A single quoted word mid-sentence is a scare quote or a term, not a reply."""
    found = analyse("Dana Pike called the new tariff “unfair” in a radio interview on Monday.")
    assert not [q for q in found if q.direct and q.text == "unfair"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "“The water came in at midnight.” That, in short, is what Rosa Delgado recalls "
            "of the storm.",
            "The water came in at midnight.",
            "Rosa Delgado",
        ),
        (
            "“Keep the lights on.” Those were the last words Omar Haddad said to his crew.",
            "Keep the lights on.",
            "Omar Haddad",
        ),
        (
            "“We are ready for the worst.” So said Rosa Delgado, the harbour master.",
            "We are ready for the worst.",
            "Rosa Delgado",
        ),
        (
            "“No family left behind” – that was the promise Omar Haddad made to the town.",
            "No family left behind",
            "Omar Haddad",
        ),
        (
            "“Safety first, always.” That was the message from Rosa Delgado on Tuesday.",
            "Safety first, always.",
            "Rosa Delgado",
        ),
    ],
)
def test_a_sentence_pointing_back_names_the_speaker(
    analyse, text: str, words: str, speaker: str
) -> None:
    (q,) = [q for q in analyse(text) if q.direct]
    assert q.text == words
    assert q.speaker is not None and q.speaker.startswith(speaker)


@pytest.mark.slow
def test_a_pointer_to_a_slogan_names_no_speaker(analyse) -> None:
    """'That slogan was painted ...' names no one who said the words."""
    found = analyse("“Bread for all.” That slogan was painted on every wall in the square.")
    assert not [q for q in found if q.direct and q.speaker]


# --- pronouns that agree, headlines, signatures, transcripts, beats (issue 17) -----------------


@pytest.mark.slow
def test_she_does_not_stand_for_the_man_who_spoke_before(analyse) -> None:
    """A pronoun agrees with its person: after "he said", "she" is someone else."""
    found = analyse(
        "Mr. Haddad and Ms. Delgado run the ferry together. “The season was bad,” he said. "
        "“It was the worst in ten years,” she replied."
    )
    direct = [q for q in found if q.direct]
    assert [q.speaker for q in direct] == ["he", "she"]
    assert [q.speaker_ref.text for q in direct if q.speaker_ref] == ["Haddad", "Delgado"]


@pytest.mark.slow
def test_a_courtesy_title_gives_the_pronoun(analyse) -> None:
    """'Mr. Haddad' is never "she"; the woman named with "Ms." is."""
    found = analyse("Mr. Haddad thanked Ms. Delgado after the vote. “We lost fairly,” she said.")
    (q,) = [q for q in found if q.direct]
    assert q.speaker == "she" and q.speaker_ref is not None and "Delgado" in q.speaker_ref.text


@pytest.mark.parametrize(
    ("title", "role"),
    [("Mr. ", "m"), ("Ms ", "f"), ("Mrs. ", "f"), ("Miss ", "f"), ("Sen. ", None)],
)
def test_courtesy_titles_before_a_name(title: str, role: str | None) -> None:
    from newsgraph.nlp.quotes._gender import _title_before

    text = f"The vote went to {title}Haddad on Friday."
    assert _title_before(text, text.index("Haddad")) == role


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # headline style drops "says": the noun phrase before the marks speaks
        (
            "Harbour master ‘deeply worried’ over silt\nThe port may close by spring.",
            "deeply worried",
            "Harbour master",
        ),
        # or the words after a dash or a colon at the end of the headline
        (
            "‘Worst season in memory’ – ferry operator\nThe ferries ran half empty all summer.",
            "Worst season in memory",
            "ferry operator",
        ),
        (
            "“No more fare rises”: mayor\nThe city froze bus fares on Monday.",
            "No more fare rises",
            "mayor",
        ),
    ],
)
def test_a_quotation_in_a_headline_is_spoken_by_the_noun_beside_it(
    analyse, text: str, words: str, speaker: str
) -> None:
    direct = [q for q in analyse(text) if q.direct]
    assert [(q.text, q.speaker) for q in direct] == [(words, speaker)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a person named, a person noun, an organisation that issues statements: they speak
        ("Mayor ‘will not resign’ over parking row\nThe council met on Tuesday.", "Mayor"),
        (
            "Chief forecaster ‘stunned by the heat’ in May\nThe mercury hit 41C.",
            "Chief forecaster",
        ),
        (
            "Marta Kowalski ‘over the moon’ with silver medal\nShe finished second in Lyon.",
            "Marta Kowalski",
        ),
        (
            "Rail operator ‘truly sorry’ for week of delays\nTrains ran late all week.",
            "Rail operator",
        ),
        # weather, a price, a legislature: the marks set off words said about them
        ("Storm ‘could hit’ coast by Friday\nResidents were told to prepare.", None),
        ("Gale ‘could reach’ the islands by Sunday\nFerries were cancelled on Thursday.", None),
        ("Wheat price ‘set to double’ this winter\nBakers fear the worst.", None),
        ("Senate ‘very close’ to deal\nTalks resumed on Monday.", None),
        ("Assembly ‘within a day’ of a budget vote\nTalks went on past midnight.", None),
    ],
)
def test_a_headline_quotation_needs_a_noun_that_can_speak(
    analyse, text: str, speaker: str | None
) -> None:
    direct = [q.speaker for q in analyse(text) if q.direct]
    assert direct == ([speaker] if speaker else [])


@pytest.mark.slow
def test_a_sentence_with_a_full_stop_is_no_headline(analyse) -> None:
    found = analyse("Harbour master ‘deeply worried’ over silt.\nThe port may close by spring.")
    assert not [q for q in found if q.speaker == "Harbour master"]


@pytest.mark.slow
def test_a_signature_on_the_line_below_a_quotation(analyse) -> None:
    (q,) = analyse("“The sea gives and the sea takes.”\n— Omar Haddad, ferry captain")
    assert q.direct and q.speaker == "Omar Haddad"


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "PIKE: Will the ferry run in winter?\nHADDAD: Only if the council pays for it.",
        "Pike: Will the ferry run in winter?\nHaddad: Only if the council pays for it.\n"
        "Pike: And if it does not?",
    ],
)
def test_transcript_lines_are_their_speakers_own_words(analyse, text: str) -> None:
    """A transcript (names in capitals, or line after line to named speakers) is verbatim."""
    found = analyse(text)
    assert found and all(q.direct for q in found)
    assert found[0].text == "Will the ferry run in winter?" and found[0].speaker == text[:4]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "WASHINGTON: The Senate passed the farm bill on Tuesday.\nThe vote was close.",
        "LONDON: Rail fares will rise in March.\nUnions called the rise unfair.",
    ],
)
def test_a_dateline_before_a_colon_is_no_speaker(analyse, text: str) -> None:
    """Some wires end a dateline with a colon: the place in capitals is where, not who."""
    assert not [q for q in analyse(text) if q.speaker == text.split(":")[0]]


@pytest.mark.slow
def test_a_single_name_colon_headline_stays_a_paraphrase(analyse) -> None:
    (q,) = analyse("Haddad: Ferry fares will rise in spring\nThe captain spoke on Monday.")[:1]
    assert q.speaker == "Haddad" and not q.direct


@pytest.mark.slow
def test_a_beat_sentence_hands_the_next_quotation_to_its_subject(analyse) -> None:
    """Speakers taking turns: 'X nodded.' between two quotations introduces the second's."""
    found = analyse(
        "“The council let us down,” said Rosa Delgado. Her neighbour, Omar Haddad, nodded. "
        "“Every one of them did.”"
    )
    direct = [q for q in found if q.direct]
    assert [q.speaker_id for q in direct] == ["person:rosa-delgado", "person:omar-haddad"]


@pytest.mark.slow
def test_a_pause_keeps_the_same_speaker(analyse) -> None:
    found = analyse(
        "“I do not know what happens next,” Rosa Delgado said. She paused. “Maybe we leave.”"
    )
    assert {q.speaker_id for q in found if q.direct} == {"person:rosa-delgado"}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Dr. Rosa Delgado runs the clinic on Pier Road. The queue was long on Monday. "
            "“We saw 200 patients,” the doctor said.",
            "Rosa Delgado",
        ),
        (
            "Gov. Omar Haddad signed the order on Friday. Protesters gathered outside. "
            "“The order stands,” the governor said.",
            "Omar Haddad",
        ),
    ],
)
def test_an_abbreviated_title_is_the_description_spelt_out(analyse, text: str, name: str) -> None:
    """AP style abbreviates a title before a full name ("Dr.", "Gov."); "the doctor" and "the
    governor" refer back to that person."""
    (q,) = [q for q in analyse(text) if q.direct]
    assert q.speaker_ref is not None and q.speaker_ref.text == name


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "employer"),
    [
        (
            "Harbour Ferries cut its winter timetable on Monday. "
            "“Demand has fallen,” a spokeswoman said.",
            "Harbour Ferries",
        ),
        (
            "Harbour Ferries cut its winter timetable on Monday. "
            "“Demand has fallen,” a spokeswoman for the port authority said.",
            None,
        ),
    ],
)
def test_an_unnamed_spokesperson_speaks_for_the_organisation_just_named(
    analyse, text: str, employer: str | None
) -> None:
    (q,) = [q for q in analyse(text) if q.direct]
    ref = q.speaker_ref.text if q.speaker_ref is not None else None
    assert ref == employer


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Rosa Delgado spoke last. Her message was blunt: “Vote them all out.”",
        "Rosa Delgado left before the vote. “We were never asked,” her statement said.",
    ],
)
def test_a_message_owned_by_a_pronoun_speaks_for_its_owner(analyse, text: str) -> None:
    (q,) = [q for q in analyse(text) if q.direct]
    assert q.speaker_ref is not None and q.speaker_ref.text == "Rosa Delgado"


@pytest.mark.slow
def test_a_document_that_reads_quotes_its_words(analyse) -> None:
    (q,) = analyse("“The ferry will not run this winter,” the letter from Harbour Ferries reads.")
    assert q.direct and q.cue == "read" and q.speaker == "the letter"
    assert q.speaker_ref is not None and q.speaker_ref.text == "Harbour Ferries"


@pytest.mark.slow
def test_a_banner_that_reads_shows_a_slogan(analyse) -> None:
    """A sign or banner "reads" a slogan, which quotes no one."""
    assert not [q for q in analyse("“Ferries for all,” read one banner.") if q.speaker]


@pytest.mark.slow
def test_him_after_according_to_is_a_speaker_that_agrees(analyse) -> None:
    # "according to him" makes "him" the speaker's word: it rules out Ms. Cruz, the subject
    # named last (read as any person, the pronoun would stand for her)
    (q,) = analyse(
        "Ms. Cruz flew in to meet Mr. Baker on Monday. "
        "The plan will pass by the spring, according to him."
    )
    assert q.speaker == "him" and q.speaker_id == "person:baker"


# --- reported speech with a noun-phrase content (issue 17) --------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        # "question" with a quality or a need of something as object: the doubt voiced
        (
            "The senator questioned the wisdom of the harbour merger on Tuesday.",
            "the wisdom of the harbour merger",
            "The senator",
        ),
        # "raise" with a doubt noun: the concern voiced, with its topic
        (
            "The union raised concerns about the night shifts at the depot.",
            "concerns about the night shifts",
            "The union",
        ),
        # "urge" with a bare mass noun: what was urged
        ("The envoy urged restraint after the border clash.", "restraint", "The envoy"),
        # verbs that set out a message take it as their object
        (
            "The mayor outlined her budget for the coming year at the town hall.",
            "her budget for the coming year at the town hall",
            "The mayor",
        ),
    ],
)
def test_a_cue_whose_object_is_the_message(analyse, text: str, content: str, speaker: str) -> None:
    (q,) = analyse(text)
    assert (q.text, q.speaker, q.direct) == (content, speaker, False)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Detectives questioned the driver for three hours.",  # a person questioned: no words
        "The council raised taxes last year.",  # a plain "raise": no speech
        "The mayor urged voters on Sunday.",  # the people urged: no words
    ],
)
def test_questioning_a_person_or_raising_taxes_is_no_speech(analyse, text: str) -> None:
    assert analyse(text) == []


@pytest.mark.slow
def test_a_figure_put_at_a_number_keeps_the_number(analyse) -> None:
    """The "put the figure at ..." phrase is the figure; a place after a doubt noun is not."""
    (q,) = analyse("Officials put the death toll at more than 300.")
    assert q.text == "at more than 300"


@pytest.mark.slow
def test_a_report_owned_by_a_named_organisation_reports_its_words(analyse) -> None:
    # news names a report's owner by the name put before the noun
    (q,) = analyse("The mayor pounced on a Reuters report that the ferry contract had been rigged.")
    assert q.text == "that the ferry contract had been rigged" and q.speaker == "Reuters"


@pytest.mark.slow
def test_putting_a_thing_somewhere_is_no_speech(analyse) -> None:
    assert analyse("As Ms. Ward put it on the shelf, the phone rang twice in the hall.") == []
