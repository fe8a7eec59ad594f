"""The events stage's fast paths give what the slow ones gave.

The CAMEO verb dictionary is compiled lazily (a verb's entry when it is first asked for), the
quotation-mark count is carried from one event of a sentence to the next, a clause's place
mentions are found by bisection over the article's mentions sorted by offset (the clause itself
from the doc's subtrees read once as intervals), or in a short text by climbing from each
mention's word, a span's actor tiles are kept by its words, a noun's clause verb and whether a
sentence has a verb are read once and kept, a verb's sides are read from its sentence's parse
read once into lists (`tree_of`), and an act's modality is read in one walk over the words
around it. Each test holds one of those shortcuts to what the plain reading gives, on parses
built by hand (no model is loaded).
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Token

from newsgraph.model import Article, Mention, Place
from newsgraph.nlp.events import (
    FUTURE_AUX,
    HYPOTHETICAL_AUX,
    Trigger,
    _choose,
    _clause_verb_in,
    _code,
    _depth_in,
    _evidence,
    _governors_in,
    _intender,
    _lexicon,
    _Modality,
    _recode,
    _tree,
    triggers_in,
)
from newsgraph.nlp.events._cameo import (
    LemmaIndex,
    _sides,
    _sides_in,
    codes,
    keys,
    lemma_index,
    match_verb,
    tree_of,
)
from newsgraph.nlp.events._evidence import inside_quotation_marks, place_of
from newsgraph.nlp.events._lexicon import find_matches, words
from newsgraph.nlp.events._refs import (
    DIRECTED_PREPS,
    OBJECT_PREPS,
    _nearest,
    _prep_object,
    _prep_objects,
    act_nouns,
    object_of,
)
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


# "The army, which rebels attacked, was shelled by them." and "Killing dozens, troops stormed
# the camp on Monday after talks with the elders." (a passive with its agent, a relative clause,
# a participle whose subject is its clause's)
PASSIVE = [
    ("The", "the", "DET", 1, "det"),
    ("army", "army", "NOUN", 8, "nsubjpass"),
    (",", ",", "PUNCT", 1, "punct"),
    ("which", "which", "PRON", 5, "dobj"),
    ("rebels", "rebel", "NOUN", 5, "nsubj"),
    ("attacked", "attack", "VERB", 1, "relcl"),
    (",", ",", "PUNCT", 1, "punct"),
    ("was", "be", "AUX", 8, "auxpass"),
    ("shelled", "shell", "VERB", 8, "ROOT"),
    ("by", "by", "ADP", 8, "agent"),
    ("them", "they", "PRON", 9, "pobj"),
    (".", ".", "PUNCT", 8, "punct"),
    ("Killing", "kill", "VERB", 15, "advcl"),
    ("dozens", "dozen", "NOUN", 12, "dobj"),
    ("troops", "troop", "NOUN", 15, "nsubj"),
    ("stormed", "storm", "VERB", 15, "ROOT"),
    ("the", "the", "DET", 17, "det"),
    ("camp", "camp", "NOUN", 15, "dobj"),
    ("on", "on", "ADP", 15, "prep"),
    ("Monday", "Monday", "PROPN", 18, "pobj"),
    ("after", "after", "ADP", 15, "prep"),
    ("talks", "talk", "NOUN", 20, "pobj"),
    ("with", "with", "ADP", 21, "prep"),
    ("the", "the", "DET", 24, "det"),
    ("elders", "elder", "NOUN", 22, "pobj"),
    (".", ".", "PUNCT", 15, "punct"),
]


@pytest.mark.parametrize("rows", [CALLED_OFF, PASSIVE])
def test_a_verbs_sides_read_from_the_sentences_lists_equal_those_read_from_its_tokens(
    vocab: spacy.Vocab, rows: list[tuple[str, str, str, int, str]]
) -> None:
    doc = _doc(vocab, rows)
    for sentence in doc.sents:
        tokens = list(sentence)
        forms = [keys(t) for t in tokens]
        tree = tree_of(tokens, forms)
        assert tree is not None
        present = frozenset(w for pair in forms for w in pair)
        for at, token in enumerate(tokens):
            assert _sides_in(tree, at) == _sides(token)
            slow, fast = match_verb(token, present), match_verb(token, present, tree)
            assert (slow and (slow.pattern, [t.i for t in slow.tokens])) == (
                fast and (fast.pattern, [t.i for t in fast.tokens])
            )
    if rows is not PASSIVE:
        return
    # the agent of the passive is its subject side, the passive subject its object side
    shelled = _sides(doc[8])
    assert "they" in shelled.subject and "army" in shelled.object
    # the participle's subject is the clause's ("troops" kill)
    assert "troop" in _sides(doc[12]).subject


def test_a_sentence_whose_parse_reaches_outside_it_is_read_from_its_tokens(
    vocab: spacy.Vocab,
) -> None:
    doc = _doc(vocab, CALLED_OFF)
    tokens = list(doc)
    forms = [keys(t) for t in tokens]
    assert tree_of(tokens[:2], forms[:2]) is None  # "army" hangs on "called", outside
    assert tree_of(tokens[2:4], forms[2:4]) is None  # "called" has children outside
    assert tree_of(tokens[3:4], forms[3:4]) is None  # "off": its head is outside
    assert tree_of([], []) is None
    whole = tree_of(tokens, forms)
    assert whole is not None and whole.children[2] == [1, 3, 5, 6, 8]


def _depth(token: Token) -> int:
    """The depth as `_code` read it before, climbing token by token."""
    depth, node, speech = 0, token, words().speech
    while node.head.i != node.i:
        if node.dep_ in ("relcl", "acl", "advcl", "csubj", "appos"):
            depth += 2
        elif not (node.head.lemma_ in speech and node.dep_ in ("ccomp", "xcomp", "parataxis")):
            depth += 1
        node = node.head
    return depth


GOVERNED = ("xcomp", "ccomp", "conj", "advcl", "dobj", "pobj", "prep", "acomp", "amod", "compound")


def _governors(token: Token) -> list[Token]:
    """The chain of governors as `_code` read it before, climbing token by token."""
    chain, node = [], token
    while node.head.i != node.i and node.dep_ in GOVERNED:
        node = node.head
        chain.append(node)
    return chain


def _old_intender(verb: Token) -> Token | None:
    """The intending verb as `_intender` read it before, climbing token by token."""
    said = words()
    for node in _governors(verb):
        if node.lemma_.lower() in said.intent or node.lemma_.lower() in said.refusal:
            return node
        if node.lemma_.lower() in said.speech:
            return None
    return None


def _clause_verb(token: Token) -> Token:
    """The clause verb as `_code` read it before, climbing token by token."""
    if token.dep_ == "aux":
        return token.head
    node = token
    while node.pos_ in ("NOUN", "PROPN", "ADJ", "ADP") and node.head.i != node.i:
        if node.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return node
        node = node.head
    return node


def _old_modality(trigger: Trigger) -> tuple[str, bool, bool, bool, bool]:
    """The modality as `_code` read it before it read each word once: every node's children
    walked by each test in turn."""
    head = trigger.head
    verb = _clause_verb(head)
    above = _governors(head) if head.i != verb.i else _governors(verb)
    above += [n for n in _governors(verb) if n not in above]
    nodes = [head, verb, *above]
    lemmas_above = {n.lemma_.lower() for n in above}
    children = [c for n in (head, verb) for c in n.children]
    negated = any(c.dep_ == "neg" for c in children)
    aux = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    said = words()
    conditional = any(
        c.lower_ in ("if", "unless")
        for n in nodes
        for clause in [n, *(a for a in n.children if a.dep_ == "advcl")]
        for c in clause.children
        if c.dep_ == "mark"
    )
    reported_will = "would" in aux and not conditional and bool(lemmas_above & said.speech)
    future = bool(aux & FUTURE_AUX) or bool(lemmas_above & said.intent) or reported_will
    hypothetical = (bool(aux & HYPOTHETICAL_AUX) and not reported_will) or conditional
    must = any(c.lower_ == "must" and c.dep_ == "aux" for n in nodes for c in n.children)
    how = _Modality(
        refused=negated or bool(lemmas_above & said.refusal),
        must=must or (head.lower_ == "must" and head.dep_ == "aux"),
        threatened="threaten" in lemmas_above and not negated,
        future=future and not negated,
        hypothetical=hypothetical and not negated,
    )
    reported = any(n.lemma_.lower() in said.speech for n in above)
    cameo = _recode(trigger.code, how)
    threat = cameo in codes() and codes()[cameo].type == "THREATEN"  # a threat is future
    return cameo, negated, future or threat, hypothetical, reported


# "Rebels said they would not free the hostages if the army attacked." / "The minister must
# resign, the protesters demanded." / "The army will shell the town unless rebels withdraw."
MODAL = [
    ("Rebels", "rebel", "NOUN", 1, "nsubj"),
    ("said", "say", "VERB", 1, "ROOT"),
    ("they", "they", "PRON", 5, "nsubj"),
    ("would", "would", "AUX", 5, "aux"),
    ("not", "not", "PART", 5, "neg"),
    ("free", "free", "VERB", 1, "ccomp"),
    ("the", "the", "DET", 7, "det"),
    ("hostages", "hostage", "NOUN", 5, "dobj"),
    ("if", "if", "SCONJ", 11, "mark"),
    ("the", "the", "DET", 10, "det"),
    ("army", "army", "NOUN", 11, "nsubj"),
    ("attacked", "attack", "VERB", 5, "advcl"),
    (".", ".", "PUNCT", 1, "punct"),
    ("The", "the", "DET", 14, "det"),
    ("minister", "minister", "NOUN", 16, "nsubj"),
    ("must", "must", "AUX", 16, "aux"),
    ("resign", "resign", "VERB", 20, "ccomp"),
    (",", ",", "PUNCT", 20, "punct"),
    ("the", "the", "DET", 19, "det"),
    ("protesters", "protester", "NOUN", 20, "nsubj"),
    ("demanded", "demand", "VERB", 20, "ROOT"),
    (".", ".", "PUNCT", 20, "punct"),
    ("The", "the", "DET", 23, "det"),
    ("army", "army", "NOUN", 25, "nsubj"),
    ("will", "will", "AUX", 25, "aux"),
    ("shell", "shell", "VERB", 25, "ROOT"),
    ("the", "the", "DET", 27, "det"),
    ("town", "town", "NOUN", 25, "dobj"),
    ("unless", "unless", "SCONJ", 30, "mark"),
    ("rebels", "rebel", "NOUN", 30, "nsubj"),
    ("withdraw", "withdraw", "VERB", 25, "advcl"),
    (".", ".", "PUNCT", 25, "punct"),
]


def test_the_modality_read_in_one_walk_equals_the_plain_reading(vocab: spacy.Vocab) -> None:
    doc = _doc(vocab, MODAL)
    seen = []
    for sentence in doc.sents:
        for trigger in triggers_in(sentence):
            coded = _code(trigger)
            old = _old_modality(trigger)
            if coded is None:
                assert codes().get(old[0]) is None or codes()[old[0]].type is None
                continue
            fast = (coded.cameo, coded.negated, coded.future, coded.hypothetical, coded.reported)
            assert fast == old
            seen.append((trigger.head.text, fast))
    flags = {text: fast for text, fast in seen}
    # the paths the one walk merges are all taken: a negation, a reported "would", a "must",
    # a condition in an adverbial clause
    assert flags["free"][1] and flags["free"][3]  # "would not free … if": negated, conditional
    assert flags["free"][4]  # under "said": reported
    assert flags["shell"][2] and flags["shell"][3]  # "will shell … unless": future, conditional
    assert flags["resign"][0].startswith("10")  # "must resign": a demand (CAMEO 10x)


@pytest.mark.parametrize("rows", [CALLED_OFF, PASSIVE, MODAL])
def test_the_climbs_by_position_equal_those_by_token(
    vocab: spacy.Vocab, rows: list[tuple[str, str, str, int, str]]
) -> None:
    doc = _doc(vocab, rows)
    for sentence in doc.sents:
        tokens = list(sentence)
        tree = _tree(sentence, tokens, [keys(t) for t in tokens])
        assert tree.start == sentence.start and len(tree.tokens) == len(tokens)
        for at, token in enumerate(tokens):
            assert _depth_in(tree, at) == _depth(token)
            assert tree.start + _clause_verb_in(tree, at) == _clause_verb(token).i
            assert [tree.start + n for n in _governors_in(tree, at)] == [
                t.i for t in _governors(token)
            ]
    # "hostages" hangs on "free" as its object: its chain climbs to "said"
    modal = _doc(vocab, MODAL)
    assert [t.text for t in _governors(modal[7])] == ["free", "said"]


def test_a_sentence_cut_inside_a_parse_is_read_from_the_whole_documents(
    vocab: spacy.Vocab,
) -> None:
    doc = _doc(vocab, MODAL)
    cut = doc[0:6]  # "Rebels said they would not free": "hostages" and "attacked" hang on
    # "free" from outside the cut
    tokens = list(cut)
    assert tree_of(tokens, [keys(t) for t in tokens]) is None
    tree = _tree(cut, tokens, [keys(t) for t in tokens])
    assert tree.start == 0 and len(tree.tokens) == len(doc)
    triggers = triggers_in(cut, tokens, None, tree)
    assert [t.head.text for t in triggers] == ["free"]  # "said" governs it: pruned
    for trigger in triggers:
        coded, plain = _code(trigger, tree), _code(trigger)
        assert (coded and (coded.cameo, coded.depth, coded.verb.i)) == (
            plain and (plain.cameo, plain.depth, plain.verb.i)
        )


# "The miners, angry at the closures and the pay, went out on an indefinite general strike, and
# their union took the mining company to court." (a pattern found within the gap, "general
# strike", and ones found beyond it through the parse, "go … strike", "take … court")
STRIKE = [
    ("The", "the", "DET", 1, "det"),
    ("miners", "miner", "NOUN", 11, "nsubj"),
    (",", ",", "PUNCT", 1, "punct"),
    ("angry", "angry", "ADJ", 1, "amod"),
    ("at", "at", "ADP", 3, "prep"),
    ("the", "the", "DET", 6, "det"),
    ("closures", "closure", "NOUN", 4, "pobj"),
    ("and", "and", "CCONJ", 6, "cc"),
    ("the", "the", "DET", 9, "det"),
    ("pay", "pay", "NOUN", 6, "conj"),
    (",", ",", "PUNCT", 1, "punct"),
    ("went", "go", "VERB", 11, "ROOT"),
    ("out", "out", "ADP", 11, "prt"),
    ("on", "on", "ADP", 11, "prep"),
    ("an", "an", "DET", 17, "det"),
    ("indefinite", "indefinite", "ADJ", 17, "amod"),
    ("general", "general", "ADJ", 17, "amod"),
    ("strike", "strike", "NOUN", 13, "pobj"),
    (",", ",", "PUNCT", 11, "punct"),
    ("and", "and", "CCONJ", 11, "cc"),
    ("their", "their", "PRON", 21, "poss"),
    ("union", "union", "NOUN", 22, "nsubj"),
    ("took", "take", "VERB", 11, "conj"),
    ("the", "the", "DET", 25, "det"),
    ("mining", "mining", "NOUN", 25, "compound"),
    ("company", "company", "NOUN", 22, "dobj"),
    ("to", "to", "ADP", 22, "prep"),
    ("court", "court", "NOUN", 26, "pobj"),
    (".", ".", "PUNCT", 11, "punct"),
]


def test_additions_found_from_the_sentences_forms_equal_those_read_from_its_tokens(
    vocab: spacy.Vocab,
) -> None:
    doc = _doc(vocab, STRIKE)
    sentence = doc[:]
    tokens = list(sentence)
    forms = [keys(t) for t in tokens]
    plain = [(m.pattern, [t.i for t in m.tokens]) for m in find_matches(sentence)]
    read = [(m.pattern, [t.i for t in m.tokens]) for m in find_matches(sentence, tokens, forms)]
    assert read == plain
    found = {p.lemmas: at for p, at in read}
    assert found[("general", "strike")] == [16, 17]  # the next word: within the gap
    assert found[("take", "court")] == [22, 27]  # four words on, linked by the parse
    assert ("go", "strike") in found  # six words on, in the verb's subtree
    # cut off from the parse, a word beyond the gap is not the pattern's
    cut = doc[11:18]
    assert [m.pattern.lemmas for m in find_matches(cut, list(cut), [keys(t) for t in cut])] == [
        m.pattern.lemmas for m in find_matches(cut)
    ]


def _old_prep_object(*nodes: Token, preps: tuple[str, ...] = OBJECT_PREPS) -> Token | None:
    """`_prep_object` as it was read before: every node's children walked for each set."""
    found = [
        (preps.index(child.lower_), pobj.i, pobj)
        for node in nodes
        for child in node.children
        if child.dep_ == "prep" and child.lower_ in preps
        for pobj in child.children
        if pobj.dep_ == "pobj" and pobj.ent_type_ not in ("DATE", "TIME")
    ]
    return min(found, key=lambda f: f[:2])[2] if found else None


@pytest.mark.parametrize("rows", [CALLED_OFF, PASSIVE, MODAL, STRIKE])
def test_prepositions_read_once_give_the_objects_read_for_each_set(
    vocab: spacy.Vocab, rows: list[tuple[str, str, str, int, str]]
) -> None:
    doc = _doc(vocab, rows)
    for a in doc:
        for b in doc:
            for preps in (OBJECT_PREPS, DIRECTED_PREPS, ("of", "on", "against", "at")):
                old = _old_prep_object(a, b, a, preps=preps)
                new = _prep_object(a, b, a, preps=preps)
                assert (old and old.i) == (new and new.i)
                linked = _prep_objects(a, b)
                assert (old and old.i) == ((n := _nearest(linked, preps)) and n.i)
    if rows is STRIKE:  # "took the mining company to court"
        taken = _nearest(_prep_objects(doc[22]), DIRECTED_PREPS)
        assert taken is not None and taken.text == "court"
        # a direct object that names no party yields to the object of "to"
        recipient = object_of(doc[22], doc[22])
        assert recipient is not None and recipient.i == taken.i


def test_the_stages_tables_are_looked_up_once_a_block(monkeypatch: pytest.MonkeyPatch) -> None:
    expected_nouns, expected_lexicon = act_nouns(), _lexicon.lexicon()
    folders = _lexicon.data_dirs()
    assert "attack" in expected_nouns

    def no_lookup() -> tuple[()]:
        raise AssertionError("the data folders looked up again inside the block")

    with _lexicon.reading_words():
        monkeypatch.setattr(_lexicon, "data_dirs", no_lookup)
        assert act_nouns() is expected_nouns and _lexicon.lexicon() is expected_lexicon
        assert _lexicon.dirs_in_use() == folders
    with pytest.raises(AssertionError):  # outside a block, each call looks them up
        act_nouns()


@pytest.mark.parametrize("rows", [CALLED_OFF, PASSIVE, MODAL, STRIKE])
def test_a_tokens_trigger_read_with_its_sentences_lists_equals_one_read_alone(
    vocab: spacy.Vocab, rows: list[tuple[str, str, str, int, str]]
) -> None:
    doc = _doc(vocab, rows)
    chosen = []
    for sentence in doc.sents:
        tokens = list(sentence)
        forms = [keys(t) for t in tokens]
        tree = _tree(sentence, tokens, forms)
        additions = {m.tokens[0].i: m for m in find_matches(sentence, tokens, forms)}
        present = frozenset(w for pair in forms for w in pair)
        for token in tokens:
            alone, read = (
                _choose(token, additions, present),
                _choose(token, additions, present, tree),
            )
            assert alone == read
            chosen.append(read is not None)
    assert any(chosen)


# "The rebels agreed that the two sides should release prisoners and the army said it would
# refuse to free the hostages." (an intention, and a refusal under a speech verb)
INTENDED = [
    ("The", "the", "DET", 1, "det"),
    ("rebels", "rebel", "NOUN", 2, "nsubj"),
    ("agreed", "agree", "VERB", 2, "ROOT"),
    ("that", "that", "SCONJ", 8, "mark"),
    ("the", "the", "DET", 6, "det"),
    ("two", "two", "NUM", 6, "nummod"),
    ("sides", "side", "NOUN", 8, "nsubj"),
    ("should", "should", "AUX", 8, "aux"),
    ("release", "release", "VERB", 2, "ccomp"),
    ("prisoners", "prisoner", "NOUN", 8, "dobj"),
    ("and", "and", "CCONJ", 2, "cc"),
    ("the", "the", "DET", 12, "det"),
    ("army", "army", "NOUN", 13, "nsubj"),
    ("said", "say", "VERB", 2, "conj"),
    ("it", "it", "PRON", 16, "nsubj"),
    ("would", "would", "AUX", 16, "aux"),
    ("refuse", "refuse", "VERB", 13, "ccomp"),
    ("to", "to", "PART", 18, "aux"),
    ("free", "free", "VERB", 16, "xcomp"),
    ("the", "the", "DET", 20, "det"),
    ("hostages", "hostage", "NOUN", 18, "dobj"),
    (".", ".", "PUNCT", 2, "punct"),
]


@pytest.mark.parametrize("rows", [CALLED_OFF, PASSIVE, MODAL, INTENDED])
def test_the_intending_verb_read_by_position_equals_the_one_read_by_token(
    vocab: spacy.Vocab, rows: list[tuple[str, str, str, int, str]]
) -> None:
    doc = _doc(vocab, rows)
    found = []
    for sentence in doc.sents:
        for trigger in triggers_in(sentence):
            coded = _code(trigger)
            if coded is None:
                continue
            old = _old_intender(coded.verb)
            assert coded.intending == old
            found.append((coded.verb.text, old.text if old is not None else None))
            if old is not None:
                assert _intender(coded) is not None
    if rows is INTENDED:
        # "release" under "agreed": the rebels intend; "free" under "refuse" under "said": the
        # refusal is nearer than the report
        assert ("release", "agreed") in found and ("free", "refuse") in found


def test_a_long_chain_of_coordinated_clauses_is_coded_in_bounded_time(
    vocab: spacy.Vocab,
) -> None:
    """Regression (issue 16): each event climbed its governors token by token, and the whole
    chain above it, so a sentence of thousands of "… and …" clauses took seconds (3 s for this
    one); the climbs are read from the sentence's lists, depths are shared along the chain and
    the governors read are the nearest `MAX_GOVERNORS`."""
    import time

    from newsgraph.nlp.events import code_sentence

    rows: list[tuple[str, str, str, int, str]] = [
        ("Rebels", "rebel", "NOUN", 1, "nsubj"),
        ("attacked", "attack", "VERB", 1, "ROOT"),
        ("towns", "town", "NOUN", 1, "dobj"),
    ]
    for _ in range(1600):  # "… and attacked towns" again and again: 6,400 words
        last_verb = len(rows) - 2
        rows += [
            ("and", "and", "CCONJ", last_verb, "cc"),
            ("attacked", "attack", "VERB", last_verb, "conj"),
            ("towns", "town", "NOUN", len(rows) + 1, "dobj"),
        ]
    rows.append((".", ".", "PUNCT", 1, "punct"))
    doc = _doc(vocab, rows)
    started = time.process_time()  # CPU time: the machine may be shared
    coded = code_sentence(doc[:])
    assert time.process_time() - started < 2.0
    assert len(coded) > 1


def _chain_of_clauses(count: int) -> list[tuple[str, str, str, int, str]]:
    """ "Rebels attacked Kidal and attacked Kidal and …": each clause a conjunct of the one
    before, so that each verb's subtree is the rest of the sentence."""
    rows: list[tuple[str, str, str, int, str]] = [
        ("Rebels", "rebel", "NOUN", 1, "nsubj"),
        ("attacked", "attack", "VERB", 1, "ROOT"),
        ("Kidal", "Kidal", "PROPN", 1, "dobj"),
    ]
    for _ in range(count - 1):
        last_verb = len(rows) - 2
        rows += [
            ("and", "and", "CCONJ", last_verb, "cc"),
            ("attacked", "attack", "VERB", last_verb, "conj"),
            ("Kidal", "Kidal", "PROPN", len(rows) + 1, "dobj"),
        ]
    rows.append((".", ".", "PUNCT", 1, "punct"))
    return rows


@pytest.mark.parametrize("rows", [CALLED_OFF, PASSIVE, _chain_of_clauses(12)])
def test_the_subtrees_read_once_a_doc_equal_spacys(
    vocab: spacy.Vocab, rows: list[tuple[str, str, str, int, str]]
) -> None:
    doc = _doc(vocab, rows)
    spans = _evidence._subtrees_of(doc)
    for token in doc:
        under = {t.i for t in token.subtree}
        entry, last = spans.entry[token.i], spans.last[token.i]
        assert {t.i for t in doc if entry <= spans.entry[t.i] <= last} == under
        assert (spans.low[token.i], spans.high[token.i]) == (min(under), max(under))
        assert spans.token_at[token.idx] == token.i


def test_a_long_chain_of_clauses_is_placed_in_linear_time(vocab: spacy.Vocab) -> None:
    """Regression: each event's clause was read by walking its verb's subtree, most of the
    chain for each of a chain's coordinated verbs (16 s for 7,385 words of "the army attacked
    the town and the police arrested the mayor and …"); the clause is now found from its first
    and last word. The old reading took over 5 s here."""
    import time

    doc = _doc(vocab, _chain_of_clauses(1000))
    text = doc.text
    last = text.rindex("Kidal")
    article = Article(text=text, body=text, places=[_place("Kidal", last)])
    verbs = [token for token in doc if token.pos_ == "VERB"]
    started = time.process_time()  # CPU time: the machine may be shared
    found = [place_of(article, verb, frozenset({"in"}), None, None) for verb in verbs]
    assert time.process_time() - started < 0.5
    # the place named in each clause above the last one's: the one mention, for every verb
    assert all(place is article.places[0] for place in found)


def _coordination(count: int) -> list[tuple[str, str, str, int, str]]:
    """ "bombing and bombing and … was carried": each noun a conjunct of the one before."""
    verb = 2 * count
    rows: list[tuple[str, str, str, int, str]] = [("bombing", "bombing", "NOUN", verb, "nsubjpass")]
    for _ in range(count - 1):
        rows += [
            ("and", "and", "CCONJ", len(rows) - 1, "cc"),
            ("bombing", "bombing", "NOUN", len(rows) - 1, "conj"),
        ]
    return [
        *rows,
        ("was", "be", "AUX", verb, "auxpass"),
        ("carried", "carry", "VERB", verb, "ROOT"),
    ]


def test_a_long_coordination_of_nouns_finds_its_clause_verb_in_linear_time(
    vocab: spacy.Vocab,
) -> None:
    """Regression: each noun of "the bombing and the bombing and … was carried out" climbed
    the whole coordination to its verb (2.3 s for a sentence of 6,000 words); the answer is now
    kept for each position on the way. The old climbs took over 1 s here."""
    import time

    small = _doc(vocab, _coordination(20))
    small_tree = _tree(small[:], list(small), [keys(t) for t in small])
    for token in small:  # the kept answers equal the climbs token by token
        assert _clause_verb_in(small_tree, token.i) == _clause_verb(token).i
    doc = _doc(vocab, _coordination(4000))
    verb = len(doc) - 1
    tokens = list(doc)
    tree = _tree(doc[:], tokens, [keys(t) for t in tokens])
    started = time.process_time()  # CPU time: the machine may be shared
    found = [_clause_verb_in(tree, at) for at in reversed(range(len(tokens)))][::-1]
    assert time.process_time() - started < 0.5
    # every noun stands for the act as the subject's conjunct; the verb is its own
    assert {found[t.i] for t in doc if t.text == "bombing"} == {0}
    assert found[verb] == verb


def test_a_long_sentence_without_verbs_reads_its_verbs_once(vocab: spacy.Vocab) -> None:
    """Regression: a noun at the root or in apposition with an object was checked against
    every word of its sentence for a verb, so a long sentence of appositions was read once
    for each ("the head of the office, the head of the office, …"). The old reading took over
    2 s here."""
    import time

    from newsgraph.nlp.events import _verbal

    rows: list[tuple[str, str, str, int, str]] = [
        ("head", "head", "NOUN", 0, "ROOT"),
        ("of", "of", "ADP", 0, "prep"),
        ("office", "office", "NOUN", 1, "pobj"),
    ]
    for _ in range(999):
        rows += [
            (",", ",", "PUNCT", len(rows) - 3, "punct"),
            ("head", "head", "NOUN", len(rows) - 3, "appos"),
            ("of", "of", "ADP", len(rows) + 1, "prep"),
            ("office", "office", "NOUN", len(rows) + 2, "pobj"),
        ]
    doc = _doc(vocab, rows)
    started = time.process_time()  # CPU time: the machine may be shared
    verbal = [token.i for token in doc if _verbal(token)]
    assert time.process_time() - started < 0.5
    assert verbal == [t.i for t in doc if t.text == "head"]  # a headline's verbs, all of them
    # a verb anywhere in the sentence makes its nouns nouns, and only its own
    after = [(w, lemma, pos, head + 7, dep) for w, lemma, pos, head, dep in CALLED_OFF]
    mixed = _doc(vocab, rows[:7] + after)
    assert [t.i for t in mixed if _verbal(t)] == [0, 4, 9, 20, 21]


# "No shells were fired and the patrol found no weapons, the army said."
DENIED = [
    ("No", "no", "DET", 1, "det"),
    ("shells", "shell", "NOUN", 3, "nsubjpass"),
    ("were", "be", "AUX", 3, "auxpass"),
    ("fired", "fire", "VERB", 13, "ccomp"),
    ("and", "and", "CCONJ", 3, "cc"),
    ("the", "the", "DET", 6, "det"),
    ("patrol", "patrol", "NOUN", 7, "nsubj"),
    ("found", "find", "VERB", 3, "conj"),
    ("no", "no", "DET", 9, "det"),
    ("weapons", "weapon", "NOUN", 7, "dobj"),
    (",", ",", "PUNCT", 13, "punct"),
    ("the", "the", "DET", 12, "det"),
    ("army", "army", "NOUN", 13, "nsubj"),
    ("said", "say", "VERB", 13, "ROOT"),
    (".", ".", "PUNCT", 13, "punct"),
]


def test_a_denied_object_read_from_the_sentences_lists_equals_one_read_from_its_tokens(
    vocab: spacy.Vocab,
) -> None:
    from newsgraph.nlp.events import _denied, _denied_object

    for rows in (DENIED, CALLED_OFF, PASSIVE, MODAL):
        doc = _doc(vocab, rows)
        for sentence in doc.sents:
            tokens = list(sentence)
            tree = _tree(sentence, tokens, [keys(t) for t in tokens])
            for at, token in enumerate(tokens):
                plain = any(c.dep_ in ("dobj", "nsubjpass") and _denied(c) for c in token.children)
                assert _denied_object(tree, at) == plain
    tokens = list(_doc(vocab, DENIED))
    tree = _tree(tokens[0].doc[:], tokens, [keys(t) for t in tokens])
    assert [t.text for t in tokens if _denied_object(tree, t.i)] == ["fired", "found"]


def test_the_children_read_once_a_doc_are_spacys(vocab: spacy.Vocab) -> None:
    from newsgraph.nlp.events._refs import (
        SHORT_SPAN,
        _children,
        _first,
        _has,
        _parse_of,
        _short,
        _subtree,
        _with_dep,
    )

    for rows in (CALLED_OFF, _chain_of_clauses(40)):  # a short doc, and one past `SHORT_SPAN`
        doc = _doc(vocab, rows)
        assert (len(doc) > SHORT_SPAN) == (rows is not CALLED_OFF)
        parse = _parse_of(doc)
        for token in doc:
            assert parse.short(token) == _short(token)
            children = list(token.children)
            assert [c.i for c in _children(token)] == [c.i for c in children]
            assert _children(token) is _children(token)  # read once
            first = next((c for c in children if c.dep_ in ("nsubj", "dobj")), None)
            found = _first(token, ("nsubj", "dobj"))
            assert (found and found.i) == (first and first.i)
            assert _has(token, "prep") == any(c.dep_ == "prep" for c in children)
            assert [c.i for c in _with_dep(token, "conj")] == [
                c.i for c in children if c.dep_ == "conj"
            ]
            assert _subtree(token) == [t.i for t in token.subtree]


def test_only_the_last_docs_parse_is_kept(vocab: spacy.Vocab) -> None:
    """A `_Parse` holds its doc: kept for every doc, it kept every doc of the process alive."""
    import gc
    import weakref

    from newsgraph.nlp.events._refs import _children, _parse_of

    first = _doc(vocab, CALLED_OFF)
    _children(first[2])
    gone = weakref.ref(first)
    second = _doc(vocab, DENIED)
    assert _parse_of(second) is _parse_of(second)
    del first
    gc.collect()
    assert gone() is None


def test_the_root_kept_for_the_last_span_is_each_spans_own(vocab: spacy.Vocab) -> None:
    from newsgraph.nlp.events._actors import _root

    doc = _doc(vocab, CALLED_OFF)
    for start in range(len(doc)):
        for end in range(start + 1, len(doc) + 1):
            span = doc[start:end]
            outside = [t for t in span if t.head.i == t.i or not start <= t.head.i < end]
            assert _root(span).i == (outside[-1] if outside else span.root).i
            assert _root(doc[start:end]).i == _root(span).i  # kept, and still this span's


def test_a_report_merged_with_no_other_is_kept_as_it_is() -> None:
    from newsgraph.model import Actor, Event
    from newsgraph.nlp.events import deduplicate

    def event(start: int, actor: str, confidence: float, *, reported: bool) -> Event:
        text = "Rebels attacked the convoy."
        return Event(
            start=start,
            end=start + len(text),
            stage="events",
            text=text,
            type="ASSAULT",
            trigger="attacked",
            trigger_start=start + 7,
            trigger_end=start + 15,
            actor=Actor(text=actor, start=start, end=start + len(actor)),
            confidence=confidence,
            reported=reported,
            mentions=[Mention(start=start + 7, end=start + 15, text="attacked")],
        )

    alone = event(0, "Rebels", 0.6, reported=True)
    once, twice = (
        event(30, "Militants", 0.5, reported=True),
        event(60, "Militants", 0.7, reported=False),
    )
    kept = deduplicate([alone, once, twice])
    assert kept[0] is alone  # one report: no copy, the same record
    merged = kept[1]
    assert [m.start for m in merged.mentions] == [37, 67]
    assert merged.confidence == 0.7 and merged.reported is False
    assert once.mentions == [Mention(start=37, end=45, text="attacked")]  # left as it was


def test_a_sentences_text_is_cut_from_the_docs_text(vocab: spacy.Vocab) -> None:
    from newsgraph.nlp.events import _sentence_text

    words = ["Rebels", "seized", "the", "town", ".", "Troops", "fled", "south", "."]
    spaces = [True, True, True, False, True, True, True, False, True]
    doc = Doc(vocab, words=words, spaces=spaces, sent_starts=[1, 0, 0, 0, 0, 1, 0, 0, 0])
    assert [_sentence_text(s) for s in doc.sents] == [s.text for s in doc.sents]
    assert [_sentence_text(s) for s in doc.sents] == [
        "Rebels seized the town.",
        "Troops fled south.",
    ]


def test_the_forms_looked_up_by_their_ids_are_each_tokens_keys(
    vocab: spacy.Vocab, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsgraph.nlp.events import _cameo

    # "Rebels seized the town. The rebels seize towns." (the same lemma under other words)
    doc = _doc(
        vocab,
        [
            ("Rebels", "rebel", "NOUN", 1, "nsubj"),
            ("seized", "seize", "VERB", 1, "ROOT"),
            ("the", "the", "DET", 3, "det"),
            ("town", "town", "NOUN", 1, "dobj"),
            (".", "", "PUNCT", 1, "punct"),
            ("The", "the", "DET", 6, "det"),
            ("rebels", "rebel", "NOUN", 7, "nsubj"),
            ("seize", "seize", "VERB", 7, "ROOT"),
            ("towns", "town", "NOUN", 7, "dobj"),
        ],
    )
    expected = [keys(token) for token in doc]
    assert expected[4] == (".", ".")  # no lemma: the word stands for it
    assert _cameo.forms_of(doc) == expected
    assert _cameo.forms_of(doc) == expected  # the second time from what was kept
    kept = {(i, i): ("x", "x") for i in range(50)}  # a table grown past its bound
    monkeypatch.setattr(_cameo, "_FORMS", kept)
    monkeypatch.setattr(_cameo, "MAX_FORMS", 40)
    assert _cameo.forms_of(doc) == expected
    assert (0, 0) not in kept and len(kept) <= len(doc)  # cleared, then this doc's forms


def test_an_act_given_its_parties_keeps_every_other_field() -> None:
    """`Coded.with_parties` builds the copy field by field, where `replace` would walk them:
    it must name every field, in order, so that a field added later is not dropped."""
    from dataclasses import fields, replace

    from newsgraph.nlp.events import Coded

    values = {f.name: object() for f in fields(Coded)}  # a distinct value for each field
    coded = Coded(**values)
    parties = (object(), None)
    assert coded.with_parties(parties) == replace(coded, parties=parties)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "Leeds beat Salford 3-1 on Sunday.",
        "A well-known envoy met the rebels.",
        "Between 10\u201315 people were hurt.",
        "The court ruled 5-4 in 2019-20.",
        "No numbers here.",
    ],
)
def test_the_quick_search_for_a_score_misses_none_that_the_full_one_finds(text: str) -> None:
    from newsgraph.nlp.events import _DIGIT_DASH, _SCORE_IN_TEXT

    full = _SCORE_IN_TEXT.search(text) is not None
    assert full <= (_DIGIT_DASH.search(text) is not None)


def test_the_nominal_fallback_read_with_the_sentences_forms_equals_the_plain_reading(
    vocab: spacy.Vocab,
) -> None:
    from newsgraph.nlp.events import nominal_triggers_in

    # "The ministry emphasised the ban on the boats ." (the ban: a dictionary verb's noun)
    doc = _doc(
        vocab,
        [
            ("The", "the", "DET", 1, "det"),
            ("ministry", "ministry", "NOUN", 2, "nsubj"),
            ("emphasised", "emphasise", "VERB", 2, "ROOT"),
            ("the", "the", "DET", 4, "det"),
            ("ban", "ban", "NOUN", 2, "dobj"),
            ("on", "on", "ADP", 4, "prep"),
            ("the", "the", "DET", 7, "det"),
            ("boats", "boat", "NOUN", 5, "pobj"),
            (".", "", "PUNCT", 2, "punct"),
        ],
    )
    sentence = doc[:]
    tokens = list(sentence)
    plain = nominal_triggers_in(sentence, tokens)
    assert [t.head.i for t in plain] == [4]
    assert nominal_triggers_in(sentence, tokens, [keys(t) for t in tokens]) == plain


@pytest.mark.parametrize("rows", [CALLED_OFF, PASSIVE, _chain_of_clauses(12)])
def test_climbing_from_each_mention_places_as_the_subtrees_do(
    vocab: spacy.Vocab, rows: list[tuple[str, str, str, int, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A short text's place mentions are tested by climbing from their words; a long one's by
    the doc's subtrees read once (`_clause_mentions`): both give every verb the same place."""
    doc = _doc(vocab, rows)
    text = doc.text
    named = [t for t in doc if t.pos_ in ("PROPN", "NOUN")]
    places = [_place(t.text, t.idx, focus=k == 0) for k, t in enumerate(named)]
    article = Article(text=text, body=text, places=places)
    preps = frozenset({"in", "on", "with", "by"})

    def placed() -> list[Place | None]:
        return [place_of(article, token, preps, None, None) for token in doc]

    assert len(places) * len(doc) <= _evidence._CLIMBS  # (climbs here)
    climbed = placed()
    monkeypatch.setattr(_evidence, "_CLIMBS", 0)  # (the subtrees there)
    assert [id(p) for p in placed()] == [id(p) for p in climbed]
    assert any(p is not None and not p.focus for p in climbed)


def test_a_tiling_read_for_the_same_words_elsewhere_is_moved_to_the_span() -> None:
    """`_span_tiles` keeps a span's tiles by its words: the same words at another place in
    another doc give the tiles read afresh there."""
    from spacy.tokens import Span

    from newsgraph.nlp.events._actors import _span_tiles, _span_words, _tiles, tables

    vocab = spacy.blank("en").vocab
    first = Doc(vocab, words=["Russian", "troops", "shelled", "the", "town"])
    second = Doc(vocab, words=["Yesterday", ",", "Russian", "troops", "left"])
    t = tables()
    t.tilings.clear()
    kept = _span_tiles(Span(first, 0, 2), None, t)
    assert kept == _tiles(_span_words(Span(first, 0, 2)), t, None)
    assert kept and kept[0].tokens == (0,)
    moved = _span_tiles(Span(second, 2, 4), None, t)
    assert len(t.tilings) == 1  # (read once, for both)
    assert moved == _tiles(_span_words(Span(second, 2, 4)), t, None)
    assert [tile.tokens for tile in moved] == [(2,), (3,)]


def test_forgetting_the_phrases_empties_the_memos_and_reads_them_again_alike() -> None:
    """`forget_phrases` (called by the bench between rounds) empties the tilings and the name
    memos; the tiles read afresh equal those read before."""
    from spacy.tokens import Span

    from newsgraph.nlp.events import forget_phrases
    from newsgraph.nlp.events._actors import _code_name, _span_tiles, tables

    doc = Doc(spacy.blank("en").vocab, words=["Turkish", "police", "raided", "the", "office"])
    t = tables()
    before = _span_tiles(Span(doc, 0, 2), None, t)
    _code_name("Turkish police", None, ())
    assert t.tilings and _code_name.cache_info().currsize
    forget_phrases()
    assert not t.tilings and not _code_name.cache_info().currsize
    assert _span_tiles(Span(doc, 0, 2), None, t) == before
