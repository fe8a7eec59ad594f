"""Cues found by position rather than by parse: beside a quotation, after a dash, before a colon.

“We will win,” he said.           the cue follows the closing mark
He said: “We will win.”           the cue precedes the opening mark
“We will win.” ― Jane Roe         a dash and a name sign the quotation
WALLACE: Let's start.             a name and a colon open a paragraph (interviews, headlines)
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from newsgraph.nlp._doc import text_of, token_at
from newsgraph.nlp.quotes._lexicon import Lexicon
from newsgraph.nlp.quotes._marks import QuoteSpan
from newsgraph.nlp.quotes._rules import (
    Cue,
    bare_cue,
    children_of,
    lemma,
    region_head,
    subject_of,
    title_lemma,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_SENTENCE_END = frozenset({".", "!", "?"})
_OPEN_MARKS = frozenset({"“", "„", "«", '"', "‘"})
_CLOSE_MARKS = frozenset({"”", "»", '"', "’"})
_DASHES = frozenset({"―", "—", "–", "-", "--"})
_NAME_WORD = r"(?:[A-Z][\w.'’-]*|de|van|von|al|bin|la|le)"
_COLON_NAME = re.compile(
    rf"[ \t]*[\"“]?((?:[A-Z][\w.'’-]*)(?:[ \t]+{_NAME_WORD}){{0,4}})[ \t]*:[ \t]+\S"
)
# The dash may open the next line: a signature under a quotation set on its own ("“…” ¶ ― Jane
# Roe, mayor"), as pull quotes and lists of voices are signed.
_DASH_NAME = re.compile(
    r"[ \t\u00a0]*\n?[ \t\u00a0]*(―|—|–|--?)[ \t\u00a0]*"
    r"([A-Z][\w.'’-]*(?:[ \t\u00a0]+[A-Z][\w.'’-]*){0,5})"
    r"(?=[ \t\u00a0]*(?:\n|$|,|\())"
)
_LINE = re.compile(r"[^\n]+")
_MAX_AFTER = 12
_MAX_BEFORE = 8


def _is_cue_verb(token: Token, lex: Lexicon) -> bool:
    return token.pos_ in ("VERB", "AUX") and lex.is_cue(lemma(token))


def cue_after(doc: Doc, lex: Lexicon, span: QuoteSpan) -> Cue | None:
    """'“…,” he said': a cue verb in the few words after the closing mark."""
    dash = _dash_cue(doc, span.outer_end)
    if dash is not None:
        return dash
    first = token_at(doc, span.outer_end)
    if first is None or "\n" in text_of(doc)[span.outer_end : doc[first].idx]:
        return None
    closing = text_of(doc)[span.start : span.end].rstrip()[-1:]
    for i in range(first, min(first + _MAX_AFTER, len(doc))):
        token = doc[i]
        if "\n" in token.text or "\n" in token.whitespace_:
            if _is_cue_verb(token, lex):
                return bare_cue(token, (span.outer_start, span.outer_end))
            return None
        if token.text in _SENTENCE_END or token.text in _OPEN_MARKS:
            return None
        if _is_cue_verb(token, lex):
            if _new_sentence(closing, token):
                return None
            cue = bare_cue(token, (span.outer_start, span.outer_end))
            head = region_head(doc, first, i) or region_head(doc, i + 1, _phrase_end(doc, i + 1))
            if head is not None and (cue.subject is None or not _near(cue.subject, first, i, doc)):
                cue = replace(cue, subject=head)
            return cue
    return None


def _new_sentence(closing: str, verb: Token) -> bool:
    """Whether a cue after a quotation belongs to a sentence of its own.

    News style closes a quotation that its cue follows with a comma, a question mark or an
    exclamation mark ('“We will win,” he said'; '“Why?” she asked'); one that closes with a full
    stop ends its sentence, and a cue after it opens the next with its own words ('“Nobody asked
    us.” A city official said the road would reopen.'). A cue with a clause of its own after a
    question or exclamation is also another sentence's ('“Why?” The mayor said the vote ...').
    """
    if closing == ".":
        return True
    own_clause = any(c.dep_ == "ccomp" and c.i > verb.i for c in children_of(verb))
    return closing in ("?", "!") and own_clause


def _near(subject: int, lo: int, hi: int, doc: Doc) -> bool:
    """Whether the parse's subject lies between the closing mark and the cue, or just after it."""
    return lo <= subject < hi or hi < subject <= _phrase_end(doc, hi + 1)


def _phrase_end(doc: Doc, start: int) -> int:
    end = start
    while end < min(len(doc), start + 8):
        token = doc[end]
        if token.is_punct or "\n" in token.text or token.pos_ in ("VERB", "AUX", "ADP", "SCONJ"):
            break
        end += 1
    return end


def _dash_cue(doc: Doc, offset: int) -> Cue | None:
    """'“…” ― Jane Roe': a dash and a capitalised name right after the closing mark."""
    m = _DASH_NAME.match(text_of(doc), offset)
    if m is None:
        return None
    name_start, name_end = m.span(2)
    name = doc.char_span(name_start, name_end, alignment_mode="expand")
    dash = token_at(doc, m.start(1))
    if name is None or dash is None or len(name) == 0 or len(name) > 8:
        return None
    d = doc[dash]
    return Cue(
        d.i,
        m.group(1),
        m.start(1),
        m.end(1),
        None,
        None,
        name[-1].i,
        subject_span=(name_start, name_end),
    )


def cue_before(doc: Doc, lex: Lexicon, span: QuoteSpan) -> Cue | None:
    """'He said: “…”': the nearest cue verb in the few words before the opening mark."""
    first = token_at(doc, span.outer_start)
    if first is None or first == 0:
        return None
    lo = max(0, first - _MAX_BEFORE)
    for i in range(first - 1, lo - 1, -1):
        token = doc[i]
        if token.text in _SENTENCE_END or token.text in _CLOSE_MARKS:
            return None
        if "\n" in token.text or "\n" in token.whitespace_:
            return None
        if _is_cue_verb(token, lex):
            return bare_cue(token, (span.outer_start, span.outer_end))
    return None


def colon_before(doc: Doc, span: QuoteSpan) -> Cue | None:
    """'Obama is rolling out a new message: “It's about me.”': no cue verb, but a colon.

    The speaker is the subject of the clause before the colon, or the last name in it.
    """
    colon = token_at(doc, span.outer_start)
    if colon is None or colon == 0:
        return None
    return colon_cue(doc, colon - 1)


_COLON_REACH = 80  # tokens read back from a colon for the clause that introduces a quotation


def colon_cue(doc: Doc, c: int) -> Cue | None:
    """The cue of the colon at token `c`: the subject of the clause before it, or its last name
    ("The statement read:", "Residents listed their demands:")."""
    if doc[c].text != ":":
        return None
    lo = c
    floor = max(0, c - _COLON_REACH)  # bounded: a line of colons with no full stop is no clause
    while (
        lo > floor and doc[lo - 1].text not in _SENTENCE_END and "\n" not in doc[lo - 1].whitespace_
    ):
        lo -= 1
        if "\n" in doc[lo].text:
            lo += 1
            break
    if lo >= c:
        return None
    top = doc[c - 1]
    subject: int | None = None
    while True:
        # the nearest clause around the colon with a subject of its own: "She was upset, so
        # I had to change my answer: “…”" is the speaker of "I had to change", not "She was"
        if top.pos_ in ("VERB", "AUX") and not _wh_clause(top):
            found, _ = subject_of(top)
            if found is not None and lo <= found.i < c:
                subject = found.i
                break
        if not lo <= top.head.i < c or top.head.i == top.i:
            break
        top = top.head
    if subject is None:
        names = [t for t in doc[lo:c] if t.pos_ == "PROPN"]
        subject = names[-1].i if names else region_head(doc, lo, c)
    if subject is None:
        return None
    d = doc[c]
    return Cue(d.i, ":", d.idx, d.idx + 1, None, None, subject)


_WH_WORDS = frozenset({"what", "which", "who", "whom", "how", "why", "where", "when"})


def _wh_clause(verb: Token) -> bool:
    """'what they want', 'a plan that works': a relative or wh- clause, whose subject is not the
    one introducing the quotation ("Residents listed what they want: ...")."""
    if verb.dep_ in ("relcl", "acl"):
        return True
    return any(c.lower_ in _WH_WORDS and c.i < verb.i for c in children_of(verb))


_PLACE_TYPES = frozenset({"GPE", "LOC"})


def colon_cues(doc: Doc, lex: Lexicon) -> list[Cue]:
    """'NAME: what they said' at the start of a paragraph (interviews, headlines)."""
    cues: list[Cue] = []
    turns: list[int] = []  # the paragraph number of each cue of a "NAME: ..." line
    text = text_of(doc)
    roles: dict[str, Role] | None = None
    paragraphs = list(_LINE.finditer(text))
    labels = [_COLON_NAME.match(text, para.start(), para.end()) for para in paragraphs]
    # a name that labels several lines is a transcript's speaker, whatever its tag
    repeated = Counter(m.group(1) for m in labels if m is not None)
    for number, (para, m) in enumerate(zip(paragraphs, labels, strict=True)):
        if m is None:
            continue
        name = m.group(1)
        words = name.split()
        if name in ("Q", "A"):
            roles = _interview_roles(doc, lex, para.start()) if roles is None else roles
            if name in roles:
                cue = _role_cue(doc, para, text.index(":", m.end(1)), roles[name])
                if cue is not None:
                    cues.append(cue)
                    turns.append(number)
            continue
        if words[0].lower() in lex.not_speakers or words[-1].lower() in lex.not_speakers:
            continue
        colon = text.index(":", m.end(1))
        content_start = colon + 1
        while content_start < para.end() and text[content_start].isspace():
            content_start += 1
        name_span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        colon_token = token_at(doc, colon)
        if name_span is None or colon_token is None:
            continue
        if (
            not all(t.pos_ == "PROPN" or t.text.isupper() for t in name_span)
            and not name.isupper()
            and repeated[name] < 2
        ):
            continue
        if repeated[name] < 2 and all(t.ent_type_ in _PLACE_TYPES for t in name_span):
            continue  # a dateline ("NEW DELHI: The government said ..."), not a speaker
        head = name_span[-1]
        turns.append(number)
        cues.append(
            Cue(
                colon_token,
                ":",
                colon,
                colon + 1,
                content_start,
                para.end(),
                head.i,
                subject_span=(m.start(1), m.end(1)),
                verbatim=name.isupper(),
            )
        )
    return _transcript_turns(cues, turns)


def _transcript_turns(cues: list[Cue], turns: list[int]) -> list[Cue]:
    """'MORAN: Is the bridge safe? ¶ EKWUEME: Safe enough for now.': the lines of a transcript
    are its speakers' own words. A transcript sets its speakers' names in capitals, or gives
    line after line to a named speaker; a single "Name: ..." line is a headline's paraphrase."""
    lines = set(turns)
    return [
        replace(cue, verbatim=True) if n - 1 in lines or n + 1 in lines else cue
        for cue, n in zip(cues, turns, strict=True)
    ]


# "An interview with the novelist Ana Ruiz, conducted by Jonas Berg": who answers and who asks
# in the "Q:" and "A:" lines of an interview that follows.
_NAME = r"([A-Z][\w'’-]+(?:[ \t]+(?:[A-Z][\w'’-]+|de|van|von|al|bin)){0,3})"
_INTERVIEWEE = re.compile(
    rf"\binterview(?:ed)?[ \t]+with[ \t]+(?:[a-z][\w'’-]*[ \t]+){{0,3}}{_NAME}"
)
_INTERVIEWER = re.compile(rf"\b(?:conducted|interviewed|questioned|asked)[ \t]+by[ \t]+{_NAME}")
_INTERVIEW_WORDS = frozenset({"interview", "interviews"})
# The one who asks, beside the speech verb of the one who answers: "told Reuters in an
# interview", "said in an interview with Reuters", "gave an interview to Reuters".
_ASKER_PREPOSITIONS = frozenset({"with", "to"})
_ASKER_DEPS = frozenset({"dative", "dobj"})

Role = tuple[int, int] | int  # a character span (no parse) or the speaker's head token


def _interview_roles(doc: Doc, lex: Lexicon, before: int) -> dict[str, Role]:
    """The answerer ("A") and the questioner ("Q") of a Q-and-A interview, where the text
    before its first line names them.

    "In an interview with Reuters, the minister said ..." and "The minister told Reuters in an
    interview ..." frame the interview with a clause: its speaker answers, and whoever the
    interview was given to asks. Without such a clause, "This interview with Ana Ruiz was
    conducted by Jonas Berg" names the answerer after "interview with" and the questioner after
    "conducted by". A news outlet or platform (`[channels]`) is the interviewer's: it asks,
    and never answers.
    """
    if doc.has_annotation("DEP"):
        framed = _framed_roles(doc, lex, before)
        if framed:
            return framed
    text = text_of(doc)
    roles: dict[str, Role] = {}
    named = _INTERVIEWEE.search(text, 0, before)
    if named is not None and _is_outlet(lex, named.group(1)):
        roles["Q"] = named.span(1)
    elif named is not None:
        roles["A"] = named.span(1)
        asker = _INTERVIEWER.search(text, 0, before)
        if asker is not None:
            roles["Q"] = asker.span(1)
    return roles


def _is_outlet(lex: Lexicon, name: str) -> bool:
    """Whether a name is a news outlet or platform's: 'Reuters', 'The Washington Post'."""
    found = lex.channels.search(name)
    return found is not None and found.end() == len(name.rstrip())


def _framed_roles(doc: Doc, lex: Lexicon, before: int) -> dict[str, Role]:
    """Roles from a clause around the word "interview": its subject answers, the outlet the
    interview was given to asks."""
    for token in doc:
        if token.idx >= before:
            break
        if token.lower_ not in _INTERVIEW_WORDS or token.pos_ not in ("NOUN", "PROPN"):
            continue
        verb = token.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        subject, passive = subject_of(verb)
        if subject is None or passive or subject.i == token.i or token in subject.subtree:
            continue  # "This interview with X was conducted by Y": no clause frames it
        roles: dict[str, Role] = {}
        asker = _asker(token, verb)
        if asker is not None:
            roles["Q"] = _name_span(asker)
        if not _is_outlet(lex, text_of(doc)[slice(*_name_span(subject))]):
            roles["A"] = subject.i
        elif asker is None:
            roles["Q"] = _name_span(subject)  # "Reuters asked the minister in an interview"
        if "A" in roles:
            return roles
    return {}


def _asker(interview: Token, verb: Token) -> Token | None:
    """Whom an interview was given to: 'interview with Reuters', 'told Reuters', 'gave an
    interview to Reuters'."""
    for head in (interview, verb):
        for child in children_of(head):
            if child.dep_ == "prep" and child.lower_ in _ASKER_PREPOSITIONS:
                objects = [g for g in children_of(child) if g.dep_ == "pobj"]
                if objects:
                    return objects[0]
    for child in children_of(verb):
        if child.dep_ in _ASKER_DEPS and child.i != interview.i and lemma(verb) == "tell":
            return child
    return None


def _name_span(token: Token) -> tuple[int, int]:
    """The words of a name ending at `token` ('The Washington Post'), without what the parse
    hangs on it (an apposition, a relative clause)."""
    doc = token.doc
    lo = token.i
    while lo > 0 and doc[lo - 1].head.i == token.i and doc[lo - 1].dep_ in _NAME_PARTS:
        lo -= 1
    return doc[lo].idx, token.idx + len(token.text)


_NAME_PARTS = frozenset({"compound", "det", "amod", "flat", "poss", "case"})


def _role_cue(doc: Doc, para: re.Match[str], colon: int, who: Role) -> Cue | None:
    """The cue of a "Q:" or "A:" line: its words, said by the person the introduction names."""
    text = text_of(doc)
    start = colon + 1
    while start < para.end() and text[start].isspace():
        start += 1
    colon_token = token_at(doc, colon)
    if colon_token is None or start >= para.end():
        return None
    if isinstance(who, int):
        head, name = who, None
    else:
        named = doc.char_span(*who, alignment_mode="expand")
        if named is None:
            return None
        head, name = named[-1].i, who
    return Cue(
        colon_token,
        ":",
        colon,
        colon + 1,
        start,
        para.end(),
        head,
        subject_span=name,
        verbatim=True,
    )


# A sentence that opens with one of these points back at the quotation before it.
_POINTERS = frozenset({"that", "those", "this", "these", "so", "such"})
# Verbs of memory and wording that, after such a pointer, say whose the words were: "That, in
# short, is what Piet Vos recalls of the fire", "That is how the mayor put it".
_POINTER_VERBS = frozenset({"remember", "put", "sum", "describe", "recall"})
# Nouns that, after a pointer, stand for the words themselves: "Those were the words of X",
# "That was the message from X", "That was the promise X made".
_WORDS_NOUNS = frozenset(
    {
        "word",
        "message",
        "verdict",
        "view",
        "promise",
        "warning",
        "answer",
        "response",
        "reaction",
        "advice",
        "plea",
        "assessment",
        "reply",
        "comment",
        "remark",
        "refrain",
        "mantra",
        # words voiced as a grievance: "That was the complaint of X"
        "complaint",
    }
)
_POINTER_REACH = 30  # tokens of the pointing sentence read for its speaker
_POINTER_DASHES = frozenset({"—", "–", "-", "--"})


def pointer_after(doc: Doc, lex: Lexicon, span: QuoteSpan) -> Cue | None:
    """'“The bell never rang.” That, in short, is what Piet Vos recalls of the fire.': a
    quotation that is a sentence of its own, then a sentence opening with a pointer ("That",
    "Those", "So") that names who said it.

    Feature copy leads with the words and names their speaker in the next sentence: "That is
    how X recalls it", "Those were the words of X", "So said X", "“Never again” — that was the
    promise X made". The speaker is the subject of a speech or memory verb in that sentence, or
    whoever a noun for the words ("words", "message", "promise") belongs to.
    """
    text = text_of(doc)
    first = token_at(doc, span.outer_end)
    while first is not None and first < len(doc) and doc[first].is_space:
        first += 1  # a paragraph break is a token of its own
    if first is None or first >= len(doc):
        return None
    gap = text[span.outer_end : doc[first].idx]
    if "\n" in gap and not _points_across(text, span, doc[first]):
        return None
    closing = text[span.end : span.outer_end]
    if doc[first].text in _POINTER_DASHES:
        first += 1  # “Never again” — that was the promise ...
    elif not any(c in ".!?" for c in (text[span.end - 1 : span.end], closing)):
        return None  # the quotation does not end its sentence
    if first >= len(doc) or doc[first].lower_ not in _POINTERS:
        return None
    for token in doc[first + 1 : min(len(doc), first + _POINTER_REACH)]:
        if token.text in _SENTENCE_END or "\n" in token.whitespace_:
            break
        speaker = _pointed_speaker(token, lex)
        if speaker is not None:
            return Cue(
                token.i, lemma(token), token.idx, token.idx + len(token.text), None, None, speaker.i
            )
    return None


# Pointers that, as the subject opening the next paragraph, still point back at a quotation
# standing as a paragraph of its own ("“…” ¶ That was the complaint of X"); "This" and "So"
# open time phrases and new topics there ("This week X said ...", "So far ...").
_ACROSS_POINTERS = frozenset({"that", "those"})


def _points_across(text: str, span: QuoteSpan, first: Token) -> bool:
    """Whether a sentence opening the next paragraph points back at the quotation: the
    quotation is a paragraph of its own, and the next one opens with "That" or "Those" as its
    subject (a pronoun, not the "That" of "That night, police said")."""
    line_start = text.rfind("\n", 0, span.outer_start) + 1
    line_end = text.find("\n", span.outer_end)
    if text[line_start : span.outer_start].strip() or text[span.outer_end : line_end].strip():
        return False
    if text[span.outer_end : first.idx].count("\n") > 2:
        return False
    return first.lower_ in _ACROSS_POINTERS and first.dep_ in ("nsubj", "nsubjpass")


def _pointed_speaker(token: Token, lex: Lexicon) -> Token | None:
    """The speaker a token of a pointing sentence names: the subject of a speech or memory verb
    ("X said", "X recalls"), or the owner of a noun for the words ("the words of X", "the
    message from X", "the promise X made")."""
    word = lemma(token)
    if token.pos_ in ("VERB", "AUX") and (lex.is_speech(word) or word in _POINTER_VERBS):
        subject, passive = subject_of(token)
        if subject is not None and not passive and subject.lower_ not in _POINTERS:
            return subject
    if token.pos_ == "NOUN" and word in _WORDS_NOUNS:
        for child in children_of(token):
            if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                owner = [g for g in children_of(child) if g.dep_ == "pobj"]
                if owner and owner[0].pos_ in ("PROPN", "NOUN"):
                    return owner[0]
            if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
                return child
            if child.dep_ == "relcl":
                subject, passive = subject_of(child)
                if subject is not None and not passive and subject.pos_ in ("PROPN", "NOUN"):
                    return subject
    return None


_HEADLINE_WORDS = 16  # a first line longer than this is a sentence of the story, not its headline
_HEADLINE_CHARS = 240  # and a headline ends within this many characters
_HEADLINE_SPEAKER_WORDS = 4
_TRAILING_SPEAKER = re.compile(r"[ \t]*(?::|―|—|–|--?)[ \t]*(\w[^\n:―—–]*?)[ \t]*$")
_LEADING_WORDS = 6  # words of a noun phrase before a quotation in a headline


def headline_cue(doc: Doc, lex: Lexicon, span: QuoteSpan) -> Cue | None:
    """A quotation in a headline, whose speaker the headline names without a verb.

    Headlines drop "says": "Coach ‘bitterly let down’ by referee" (the noun phrase before the
    marks speaks), "‘Driest spring on record’ – farmer" and "“No new taxes”: minister"
    (the words after a dash or a colon at the line's end). A headline is the text's first line,
    short, with no full stop, and a story below it. The words before the marks speak only when
    they name someone who can (`_can_speak`): in "Gale ‘may reach’ the islands tonight" or
    "Assembly ‘days away’ from a vote" the marks set off someone else's words about them.
    """
    text = text_of(doc)
    if span.outer_end > _HEADLINE_CHARS:
        return None
    line_end = text.find("\n", 0, _HEADLINE_CHARS)
    if line_end < 0 or span.outer_end > line_end:
        return None
    headline = text[:line_end].rstrip()
    if not headline or headline.endswith(".") or len(headline.split()) > _HEADLINE_WORDS:
        return None
    trailing = _TRAILING_SPEAKER.match(text, span.outer_end, len(headline))
    if trailing is not None:
        return _headline_speaker(doc, trailing.start(), *trailing.span(1))
    first = token_at(doc, span.outer_start)
    if first is None or first == 0 or first > _LEADING_WORDS:
        return None
    cue = _headline_speaker(doc, 0, doc[0].idx, doc[first].idx)
    if cue is None or cue.subject_span is None:
        return None
    words = doc.char_span(*cue.subject_span, alignment_mode="contract")
    return cue if words is not None and _can_speak(words, lex) else None


def _headline_speaker(doc: Doc, mark: int, lo: int, hi: int) -> Cue | None:
    """The cue of a headline's speaker in text[lo:hi]: a noun phrase with no verb."""
    words = doc.char_span(lo, hi, alignment_mode="contract")
    if words is None or not 0 < len(words) <= _HEADLINE_SPEAKER_WORDS + 2:
        return None
    if any(_clause_word(t) for t in words):
        return None  # a clause or a phrase ("Rates rise despite ..."), not a speaker
    if words[-1].pos_ not in ("NOUN", "PROPN"):
        return None
    head = region_head(doc, words.start, words.end)
    if head is None:
        return None
    at = token_at(doc, mark)
    cue = doc[at] if at is not None else doc[head]
    last = words[-1]
    return Cue(
        cue.i,
        "headline",
        cue.idx,
        cue.idx + len(cue.text),
        None,
        None,
        head,
        subject_span=(words[0].idx, last.idx + len(last.text)),
    )


def _can_speak(words: Span, lex: Lexicon) -> bool:
    """Whether a headline's noun phrase names someone who can say the words beside it: a
    person (a name the parse takes for one, or a person noun: "Mayor", "Chief forecaster",
    "Harbour master") or an organisation that issues statements ("Ministry", "Rail operator").

    A storm, a price or a legislature only has words said about it: "Storm ‘could hit’ coast",
    "Senate ‘very close’ to deal" quote a forecaster or an aide, not the noun before the marks.
    """
    for token in words:
        if token.ent_type_ == "PERSON":
            return True
        word = title_lemma(token)
        if word in lex.person_nouns or word in lex.organisation_nouns:
            return True
    return False


def _clause_word(token: Token) -> bool:
    """A word that makes a headline's words a clause or a phrase rather than a name: a verb
    (not one the parse reads as a modifier, "Harbour master"), a conjunction, or a preposition
    other than the "of" and "for" of a title ("Head of police")."""
    if token.pos_ in ("VERB", "AUX"):
        return token.dep_ not in ("compound", "amod")
    if token.pos_ == "ADP":
        return token.lower_ not in ("of", "for")
    return token.pos_ in ("SCONJ", "CCONJ")


_READS_REACH = 8  # tokens after a quotation read for "the letter reads"


def document_reads(doc: Doc, lex: Lexicon, span: QuoteSpan) -> Cue | None:
    """'“We regret the error,” the letter reads.': a document's words, quoted with "read".

    Only a document or message (`[speakers] channel_nouns`: a statement, a letter, a post)
    reads out someone's words; a sign, a banner or a placard that "reads" shows a slogan.
    """
    first = token_at(doc, span.outer_end)
    if first is None or "\n" in text_of(doc)[span.outer_end : doc[first].idx]:
        return None
    for token in doc[first : min(len(doc), first + _READS_REACH)]:
        if token.text in _SENTENCE_END or token.text in _OPEN_MARKS or "\n" in token.whitespace_:
            return None
        if token.pos_ != "VERB" or lemma(token) != "read":
            continue
        subject, _ = subject_of(token)
        if subject is None or subject.i < first:
            head = region_head(doc, first, token.i) or region_head(
                doc, token.i + 1, min(len(doc), token.i + 5)
            )
            subject = doc[head] if head is not None else None
        if subject is None or lemma(subject) not in lex.channel_nouns:
            return None
        return Cue(token.i, "read", token.idx, token.idx + len(token.text), None, None, subject.i)
    return None
