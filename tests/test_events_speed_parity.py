"""The events stage's fast paths give what the slow ones gave.

The CAMEO verb dictionary is compiled lazily (a verb's entry when it is first asked for), the
quotation-mark count is carried from one event of a sentence to the next, and a clause's
place mentions are found by bisection over the article's mentions sorted by offset. Each test
holds one of those shortcuts to what the plain reading gives, on parses built by hand (no model
is loaded).
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from newsgraph.model import Article, Mention, Place
from newsgraph.nlp.events import _evidence
from newsgraph.nlp.events._cameo import LemmaIndex, keys, lemma_index, match_verb
from newsgraph.nlp.events._evidence import inside_quotation_marks, place_of
from newsgraph.rules import Row


@pytest.fixture(scope="module")
def vocab() -> spacy.Vocab:
    return spacy.blank("en").vocab


def _doc(vocab: spacy.Vocab, rows: list[tuple[str, str, str, int, str]]) -> Doc:
    """A parse from (word, lemma, POS, head position, dependency) rows."""
    words, lemmas, pos, heads, deps = (list(column) for column in zip(*rows, strict=True))
    return Doc(vocab, words=words, lemmas=lemmas, pos=pos, heads=heads, deps=deps)


# "The army called off the talks in Goma. Rebels, who had fled, returned." (two sentences)
CALLED_OFF = [
    ("The", "the", "DET", 1, "det"),
    ("army", "army", "NOUN", 2, "nsubj"),
    ("called", "call", "VERB", 2, "ROOT"),
    ("off", "off", "ADP", 2, "prt"),
    ("the", "the", "DET", 5, "det"),
    ("talks", "talk", "NOUN", 2, "dobj"),
    ("in", "in", "ADP", 2, "prep"),
    ("Goma", "Goma", "PROPN", 6, "pobj"),
    (".", ".", "PUNCT", 2, "punct"),
    ("Rebels", "rebel", "NOUN", 14, "nsubj"),
    (",", ",", "PUNCT", 9, "punct"),
    ("who", "who", "PRON", 13, "nsubj"),
    ("had", "have", "AUX", 13, "aux"),
    ("fled", "flee", "VERB", 9, "relcl"),
    ("returned", "return", "VERB", 14, "ROOT"),
    (".", ".", "PUNCT", 14, "punct"),
]


def test_a_phrasal_verb_keeps_its_particle(vocab: spacy.Vocab) -> None:
    doc = _doc(vocab, CALLED_OFF)
    match = match_verb(doc[2])
    assert match is not None and match.pattern.particle == "off"
    assert [t.i for t in match.tokens] == [2, 3]  # "called off", as the token objects
    assert match.tokens[1].text == "off"


def test_a_verb_read_with_its_sentences_words_codes_as_one_read_alone(vocab: spacy.Vocab) -> None:
    # the sentence's words (`present`) only spare reading the sides of a verb no pattern fits
    doc = _doc(vocab, CALLED_OFF)
    present = frozenset(word for token in doc for word in keys(token))
    for token in doc:
        if token.pos_ == "VERB":
            alone, read = match_verb(token), match_verb(token, present)
            assert (alone and (alone.code, alone.pattern)) == (read and (read.code, read.pattern))
    # with none of its patterns' gate words in the sentence, no pattern is tried: the verb's
    # own default codes it
    assert lemma_index()["return"].by_gate  # "returned" has patterns, none of them tried
    bare = match_verb(doc[14], frozenset({"xyzzy"}))
    default = lemma_index()["return"].default
    assert bare is not None and default is not None and bare.pattern == default


def test_a_particle_the_dictionary_lacks_codes_nothing(vocab: spacy.Vocab) -> None:
    # "The ministry shipped out the aid": "ship out" is not in the dictionary
    doc = _doc(
        vocab,
        [
            ("The", "the", "DET", 1, "det"),
            ("ministry", "ministry", "NOUN", 2, "nsubj"),
            ("shipped", "ship", "VERB", 2, "ROOT"),
            ("out", "out", "ADP", 2, "prt"),
            ("the", "the", "DET", 5, "det"),
            ("aid", "aid", "NOUN", 2, "dobj"),
        ],
    )
    assert match_verb(doc[2]) is None


def _row(order: int, block: str, lemma: str, obj: str, code: str, source: str = "-") -> Row:
    values = {
        "BLOCK": block,
        "LEMMA": lemma,
        "PARTICLE": "-",
        "SUBJECT": "-",
        "OBJECT": obj,
        "PREPS": "-",
        "CODE": code,
        "SOURCE": source,
    }
    return Row(values=values, file="verbs.tsv", line=order + 1)


def test_the_lazy_index_compiles_a_verb_from_its_rows_and_its_block() -> None:
    rows = [
        _row(0, "STRIKE", "strike", "-", "190"),
        _row(1, "STRIKE", "hit", "-", "190"),
        _row(2, "STRIKE", "*", "AIR_BASE TARGET", "195"),  # two words: the whole block's
        _row(3, "STRIKE", "*", "DEAL", "---", source="strike"),  # one word: "strike" alone
        _row(4, "STRIKE", "hit", "MARKET", "---"),
    ]
    index = LemmaIndex(rows, {})
    assert set(index) == {"strike", "hit"} and len(index) == 2
    hit = index["hit"]
    assert hit.default is not None and hit.default.code == "190"
    # the most specific first, then the one written for the verb, then the first written
    assert [p.order for p in hit.patterns] == [2, 4]
    assert [p.order for p in index["strike"].patterns] == [2, 3]
    assert index["hit"] is hit  # compiled once
    assert index.get("miss") is None and "miss" not in index and len(index) == 2
    with pytest.raises(KeyError):
        index["miss"]


def test_the_shipped_index_knows_every_lemma_without_compiling_it() -> None:
    index = lemma_index()
    assert "kill" in index and "xyzzy" not in index
    assert index.get("xyzzy") is None and index.get("xyzzy", index["kill"]) is index["kill"]
    assert all(isinstance(lemma, str) for lemma in index)


QUOTED = 'He said “rebels ‘seized’ the town” and "fled" to Russia’s border.'


@pytest.mark.parametrize("start", [0, 3, 9])
def test_quotation_counts_carried_over_equal_fresh_counts(start: int) -> None:
    def fresh(at: int) -> bool:
        _evidence._quotes = None
        return inside_quotation_marks(QUOTED, start, at)

    expected = [fresh(at) for at in range(start, len(QUOTED))]
    _evidence._quotes = None
    carried = [inside_quotation_marks(QUOTED, start, at) for at in range(start, len(QUOTED))]
    backwards = [
        inside_quotation_marks(QUOTED, start, at) for at in range(len(QUOTED) - 1, start - 1, -1)
    ]
    assert carried == expected and backwards[::-1] == expected
    opened = start <= QUOTED.index("“")  # a mark before `start` opens nothing
    assert expected[QUOTED.index("rebels") - start] is opened
    assert not expected[QUOTED.index(" to ") + 1 - start]


def _place(text: str, at: int, *, focus: bool = False, kind: str = "city") -> Place:
    mention = Mention(start=at, end=at + len(text), text=text)
    return Place(
        text=text,
        start=at,
        end=at + len(text),
        stage="places",
        kind=kind,
        focus=focus,
        mentions=[mention],
    )


def test_the_place_tied_by_a_preposition_is_the_first_in_the_articles_order(
    vocab: spacy.Vocab,
) -> None:
    doc = _doc(vocab, CALLED_OFF)
    text = doc.text
    goma = text.index("Goma")
    # the same words found twice (say, a city and a district of that name): the one the
    # places stage lists first wins, whatever the order of their mentions
    first, second = _place("Goma", goma), _place("Goma", goma, kind="admin2")
    elsewhere = _place("Rebels", text.index("Rebels"), focus=True)
    article = Article(text=text, body=text, places=[elsewhere, first, second])
    assert place_of(article, doc[2], frozenset({"in"}), None, None) is article.places[1]
    swapped = Article(text=text, body=text, places=[second, first])
    assert place_of(swapped, doc[2], frozenset({"in"}), None, None) is swapped.places[0]
    # no preposition ties a place to "returned": the place named in its clause
    assert place_of(article, doc[14], frozenset({"in"}), None, None) is article.places[0]
