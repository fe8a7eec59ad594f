"""Cues found by position rather than by parse: beside a quotation, after a dash, before a colon.

“We will win,” he said.           the cue follows the closing mark
He said: “We will win.”           the cue precedes the opening mark
“We will win.” ― Jane Roe         a dash and a name sign the quotation
WALLACE: Let's start.             a name and a colon open a paragraph (interviews, headlines)
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from newsgraph.nlp._doc import text_of, token_at
from newsgraph.nlp.quotes._lexicon import Lexicon
from newsgraph.nlp.quotes._marks import QuoteSpan
from newsgraph.nlp.quotes._rules import Cue, bare_cue, lemma, region_head, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SENTENCE_END = frozenset({".", "!", "?"})
_OPEN_MARKS = frozenset({"“", "„", "«", '"', "‘"})
_CLOSE_MARKS = frozenset({"”", "»", '"', "’"})
_DASHES = frozenset({"―", "—", "–", "-", "--"})
_NAME_WORD = r"(?:[A-Z][\w.'’-]*|de|van|von|al|bin|la|le)"
_COLON_NAME = re.compile(
    rf"[ \t]*[\"“]?((?:[A-Z][\w.'’-]*)(?:[ \t]+{_NAME_WORD}){{0,4}})[ \t]*:[ \t]+\S"
)
_DASH_NAME = re.compile(
    r"[ \t\u00a0]*(―|—|–|--?)[ \t\u00a0]*([A-Z][\w.'’-]*(?:[ \t\u00a0]+[A-Z][\w.'’-]*){0,5})"
    r"(?=[ \t\u00a0]*(?:\n|$|,|\())"
)
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
    own_clause = any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)
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
    c = colon - 1
    if doc[c].text != ":":
        return None
    lo = c
    while lo > 0 and doc[lo - 1].text not in _SENTENCE_END and "\n" not in doc[lo - 1].whitespace_:
        lo -= 1
        if "\n" in doc[lo].text:
            lo += 1
            break
    if lo >= c:
        return None
    top = doc[c - 1]
    while lo <= top.head.i < c and top.head.i != top.i:
        top = top.head
    subject: int | None = None
    if top.pos_ in ("VERB", "AUX"):
        found, _ = subject_of(top)
        if found is not None and lo <= found.i < c:
            subject = found.i
    if subject is None:
        names = [t for t in doc[lo:c] if t.pos_ == "PROPN"]
        subject = names[-1].i if names else region_head(doc, lo, c)
    if subject is None:
        return None
    d = doc[c]
    return Cue(d.i, ":", d.idx, d.idx + 1, None, None, subject)


def colon_cues(doc: Doc, lex: Lexicon) -> list[Cue]:
    """'NAME: what they said' at the start of a paragraph (interviews, headlines)."""
    cues: list[Cue] = []
    text = text_of(doc)
    roles: dict[str, tuple[int, int]] | None = None
    for para in re.finditer(r"[^\n]+", text):
        m = _COLON_NAME.match(text, para.start(), para.end())
        if m is None:
            continue
        name = m.group(1)
        words = name.split()
        if name in ("Q", "A"):
            roles = _interview_roles(text) if roles is None else roles
            if name in roles:
                cue = _role_cue(doc, para, text.index(":", m.end(1)), roles[name])
                cues += [cue] if cue is not None else []
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
        if not all(t.pos_ == "PROPN" or t.text.isupper() for t in name_span) and not (
            name.isupper()
        ):
            continue
        head = name_span[-1]
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
            )
        )
    return cues


# "An interview with the novelist Ana Ruiz, conducted by Jonas Berg": who answers and who asks
# in the "Q:" and "A:" lines of an interview that follows.
_NAME = r"([A-Z][\w'’-]+(?:[ \t]+(?:[A-Z][\w'’-]+|de|van|von|al|bin)){0,3})"
_INTERVIEWEE = re.compile(
    rf"\binterview(?:ed)?[ \t]+with[ \t]+(?:[a-z][\w'’-]*[ \t]+){{0,3}}{_NAME}"
)
_INTERVIEWER = re.compile(rf"\b(?:conducted|interviewed|questioned|asked)[ \t]+by[ \t]+{_NAME}")


def _interview_roles(text: str) -> dict[str, tuple[int, int]]:
    """The answerer ("A") and the questioner ("Q") of a Q-and-A interview, where the article names
    them ("This interview with Ana Ruiz was conducted by Jonas Berg"): where each is named."""
    roles: dict[str, tuple[int, int]] = {}
    answerer = _INTERVIEWEE.search(text)
    if answerer is None:
        return roles
    roles["A"] = answerer.span(1)
    asker = _INTERVIEWER.search(text)
    if asker is not None:
        roles["Q"] = asker.span(1)
    return roles


def _role_cue(doc: Doc, para: re.Match[str], colon: int, name: tuple[int, int]) -> Cue | None:
    """The cue of a "Q:" or "A:" line: its words, said by the person the introduction names."""
    text = text_of(doc)
    start = colon + 1
    while start < para.end() and text[start].isspace():
        start += 1
    named = doc.char_span(*name, alignment_mode="expand")
    colon_token = token_at(doc, colon)
    if named is None or colon_token is None or start >= para.end():
        return None
    head = named[-1].i
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
