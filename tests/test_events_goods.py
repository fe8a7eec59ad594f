"""Verbs read by what they take (`newsgraph.nlp.events._goods`), on parses built by hand: no
model is loaded. Every sentence is ours."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Token

from newsgraph.nlp.events._goods import code_by_what_it_takes, expelled_code, goods, military

Row = tuple[str, str, str, int, str]


@pytest.fixture(scope="module")
def vocab() -> spacy.Vocab:
    return spacy.blank("en").vocab


def _doc(vocab: spacy.Vocab, rows: list[Row]) -> Doc:
    """A parse from (word, lemma, POS, head position, dependency) rows."""
    words, lemmas, pos, heads, deps = (list(column) for column in zip(*rows, strict=True))
    return Doc(vocab, words=words, lemmas=lemmas, pos=pos, heads=heads, deps=deps)


def _gave(vocab: spacy.Vocab, giver: str, verb: tuple[str, str], things: list[Row]) -> Token:
    """The verb of "The <giver> <verb> <things>.", the things' heads counted from the verb."""
    rows: list[Row] = [
        ("The", "the", "DET", 1, "det"),
        (giver, giver, "NOUN", 2, "nsubj"),
        (verb[0], verb[1], "VERB", 2, "ROOT"),
    ]
    rows += [(w, lemma, pos, head + 2, dep) for w, lemma, pos, head, dep in things]
    rows.append((".", ".", "PUNCT", 2, "punct"))
    return _doc(vocab, rows)[2]


# "two planeloads of medicine and blankets to the valley"
PLANELOADS: list[Row] = [
    ("two", "two", "NUM", 2, "nummod"),
    ("planeloads", "planeload", "NOUN", 0, "dobj"),
    ("of", "of", "ADP", 2, "prep"),
    ("medicine", "medicine", "NOUN", 3, "pobj"),
    ("and", "and", "CCONJ", 4, "cc"),
    ("blankets", "blanket", "NOUN", 4, "conj"),
    ("to", "to", "ADP", 0, "prep"),
    ("the", "the", "DET", 9, "det"),
    ("valley", "valley", "NOUN", 7, "pobj"),
]


def test_the_goods_are_the_objects_what_a_measure_holds_and_their_conjuncts(
    vocab: spacy.Vocab,
) -> None:
    sent = _gave(vocab, "charity", ("sent", "send"), PLANELOADS)
    assert [t.text for t in goods(sent)] == ["planeloads", "medicine", "blankets"]
    assert code_by_what_it_takes(sent) == "073"


@pytest.mark.parametrize(
    ("things", "code"),
    [
        # "handed over their rifles": a side giving up its own weapons disarms
        (
            [
                ("over", "over", "ADP", 0, "prt"),
                ("their", "their", "PRON", 3, "poss"),
                ("rifles", "rifle", "NOUN", 0, "dobj"),
            ],
            "0873",
        ),
        # "handed the militia rifles": weapons given to another side are military aid
        (
            [
                ("the", "the", "DET", 2, "det"),
                ("militia", "militia", "NOUN", 0, "dative"),
                ("rifles", "rifle", "NOUN", 0, "dobj"),
            ],
            "072",
        ),
        # "handed the ministry $5 million": money is economic aid
        (
            [
                ("the", "the", "DET", 2, "det"),
                ("ministry", "ministry", "NOUN", 0, "dative"),
                ("$", "$", "SYM", 5, "nmod"),
                ("5", "5", "NUM", 5, "compound"),
                ("million", "million", "NUM", 0, "dobj"),
            ],
            "071",
        ),
        # "handed over medical aid": aid of the kind its adjective names
        (
            [
                ("over", "over", "ADP", 0, "prt"),
                ("medical", "medical", "ADJ", 3, "amod"),
                ("aid", "aid", "NOUN", 0, "dobj"),
            ],
            "073",
        ),
        # "handed over aid": aid unspecified
        ([("over", "over", "ADP", 0, "prt"), ("aid", "aid", "NOUN", 0, "dobj")], "070"),
        # "handed over the keys": no aid, but a handover, the dictionary's "give" (060)
        (
            [
                ("over", "over", "ADP", 0, "prt"),
                ("the", "the", "DET", 3, "det"),
                ("keys", "key", "NOUN", 0, "dobj"),
            ],
            "060",
        ),
    ],
)
def test_what_is_handed_over_says_which_aid(
    vocab: spacy.Vocab, things: list[Row], code: str | None
) -> None:
    assert code_by_what_it_takes(_gave(vocab, "council", ("handed", "hand"), things)) == code


@pytest.mark.parametrize(("thing", "code"), [("flour", "073"), ("rifle", None), ("cash", None)])
def test_carrying_delivers_relief_goods_but_gives_no_one_weapons_or_money(
    vocab: spacy.Vocab, thing: str, code: str | None
) -> None:
    """Regression: "The guard carried a rifle" was military aid (072), as if handed over."""
    things: list[Row] = [(thing + "s", thing, "NOUN", 0, "dobj")]
    assert code_by_what_it_takes(_gave(vocab, "guard", ("carried", "carry"), things)) == code
    handed = code_by_what_it_takes(_gave(vocab, "guard", ("handed", "hand"), things))
    assert handed == {"flour": "073", "rifle": "072", "cash": "071"}[thing]


def test_the_one_given_to_is_no_goods(vocab: spacy.Vocab) -> None:
    """Regression: "handed the food agency a letter" was relief handed over (073), the
    recipient's words read as goods."""
    letter: list[Row] = [
        ("the", "the", "DET", 3, "det"),
        ("food", "food", "NOUN", 3, "compound"),
        ("agency", "agency", "NOUN", 0, "dative"),
        ("a", "a", "DET", 5, "det"),
        ("letter", "letter", "NOUN", 0, "dobj"),
    ]
    handed = _gave(vocab, "minister", ("handed", "hand"), letter)
    assert [t.text for t in goods(handed)] == ["letter"]
    assert code_by_what_it_takes(handed) is None
    # "supplied the water board with rifles": the object is the one supplied
    rifles: list[Row] = [
        ("the", "the", "DET", 3, "det"),
        ("water", "water", "NOUN", 3, "compound"),
        ("board", "board", "NOUN", 0, "dobj"),
        ("with", "with", "ADP", 0, "prep"),
        ("rifles", "rifle", "NOUN", 4, "pobj"),
    ]
    supplied = _gave(vocab, "state", ("supplied", "supply"), rifles)
    assert code_by_what_it_takes(supplied) == "072"


def test_armed_units_moved_are_a_deployment_and_other_things_moved_are_not(
    vocab: spacy.Vocab,
) -> None:
    frigates: list[Row] = [
        ("two", "two", "NUM", 2, "nummod"),
        ("frigates", "frigate", "NOUN", 0, "dobj"),
    ]
    stationed = _gave(vocab, "navy", ("stationed", "station"), frigates)
    assert military(stationed.doc[4]) and code_by_what_it_takes(stationed) == "154"
    pumps: list[Row] = [("two", "two", "NUM", 2, "nummod"), ("pumps", "pump", "NOUN", 0, "dobj")]
    assert code_by_what_it_takes(_gave(vocab, "navy", ("stationed", "station"), pumps)) is None


def test_receiving_a_visitor_is_hosting_a_visit_and_receiving_goods_is_not(
    vocab: spacy.Vocab,
) -> None:
    envoy: list[Row] = [("the", "the", "DET", 2, "det"), ("envoy", "envoy", "NOUN", 0, "dobj")]
    assert code_by_what_it_takes(_gave(vocab, "king", ("received", "receive"), envoy)) == "043"
    crates: list[Row] = [("the", "the", "DET", 2, "det"), ("crates", "crate", "NOUN", 0, "dobj")]
    assert code_by_what_it_takes(_gave(vocab, "king", ("received", "receive"), crates)) is None


def test_a_verb_of_no_list_is_not_read_by_what_it_takes(vocab: spacy.Vocab) -> None:
    shelled = _gave(vocab, "army", ("shelled", "shell"), PLANELOADS)
    assert code_by_what_it_takes(shelled) is None


def test_whom_an_expulsion_names_is_read_from_the_target_its_whole_and_its_kind(
    vocab: spacy.Vocab,
) -> None:
    # "expelled part of the observer mission and the peacekeeping force"
    rows: list[Row] = [
        ("part", "part", "NOUN", 0, "ROOT"),
        ("of", "of", "ADP", 0, "prep"),
        ("the", "the", "DET", 4, "det"),
        ("observer", "observer", "NOUN", 4, "compound"),
        ("mission", "mission", "NOUN", 1, "pobj"),
        ("peacekeeping", "peacekeeping", "NOUN", 6, "compound"),
        ("force", "force", "NOUN", 6, "ROOT"),
        ("crowd", "crowd", "NOUN", 7, "ROOT"),
    ]
    doc = _doc(vocab, rows)
    part, force, crowd = doc[0], doc[6], doc[7]
    assert expelled_code([part]) == "1661"  # the mission it is part of, before its kind
    assert expelled_code([force]) == "1661"  # the noun naming its kind
    assert expelled_code([crowd]) is None
    assert expelled_code([crowd, doc[3]]) == "1662"  # the first target listed


@pytest.mark.parametrize(
    ("verb", "things", "code"),
    [
        # "handed over the remains": the dead returned (0841)
        (("handed", "hand"), [("over", "over", "ADP", 0, "prt"), ("the", "the", "DET", 3, "det"),
                              ("remains", "remain", "NOUN", 0, "dobj")], "0841"),
        # "turned over two captives": released (0841)
        (("turned", "turn"), [("over", "over", "ADP", 0, "prt"), ("two", "two", "NUM", 3, "nummod"),
                              ("captives", "captive", "NOUN", 0, "dobj")], "0841"),
        # "turned over the suspect": handed to justice (063)
        (("turned", "turn"), [("over", "over", "ADP", 0, "prt"), ("the", "the", "DET", 3, "det"),
                              ("suspect", "suspect", "NOUN", 0, "dobj")], "063"),
        # "handed the navy a radar": given (060)
        (("handed", "hand"), [("the", "the", "DET", 2, "det"), ("navy", "navy", "NOUN", 0, "dative"),
                              ("a", "a", "DET", 4, "det"), ("radar", "radar", "NOUN", 0, "dobj")],
         "060"),
        # "turned back the boats", "handed down a sentence": no handover; "turned the key": none
        (("turned", "turn"), [("back", "back", "ADP", 0, "prt"), ("the", "the", "DET", 3, "det"),
                              ("boats", "boat", "NOUN", 0, "dobj")], None),
        (("handed", "hand"), [("down", "down", "ADP", 0, "prt"), ("a", "a", "DET", 3, "det"),
                              ("sentence", "sentence", "NOUN", 0, "dobj")], None),
        (("turned", "turn"), [("the", "the", "DET", 2, "det"), ("key", "key", "NOUN", 0, "dobj")],
         None),
    ],
)  # fmt: skip
def test_handing_over_says_what_changes_hands(
    vocab: spacy.Vocab, verb: tuple[str, str], things: list[Row], code: str | None
) -> None:
    """The dictionary lacks "hand" and "turn over": handing over is its "give" (060), its
    "release &HOSTAGE" for captives and the dead (0841), its "extradite &SUSPECT" (063)."""
    assert code_by_what_it_takes(_gave(vocab, "militia", verb, things)) == code
