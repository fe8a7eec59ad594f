"""The quotes stage: who said what, in direct quotations and in reported speech.

Four passes over one article, all sharing the spaCy parse:

1. Cues that govern a clause (`X said (that) ...`, `according to X, ...`, `X warned of ...`,
   `NAME: ...`, `"NAME: ...` in a quoted transcript, `X's claim that ...`) give a content span
   and a speaker. When quotations fill most of that content the quotations themselves are the
   quotes (direct, or mixed: `put the figure at “up to 2,000.”`); otherwise the clause is an
   indirect quote.
2. Quotations still unattributed take a cue verb right beside them (`“…,” he said`,
   `He said: “…”`, `“…” ― Jane Roe`, a one-word reply `“No,” she said`, `“…,” the letter
   reads`), a next sentence that points back (`“…” That is how X recalls it`), or, in a
   headline, the noun beside them (`Coach ‘bitterly let down’ by referee`, `‘…’ – farmer`);
   a quotation split by its cue gives two quotes with the same cue and speaker.
3. A quotation that opens a sentence or paragraph with no cue continues the previous speaker
   (unless a sentence between hands it to a new person: `X nodded. “…”`), or the subject of the
   previous paragraph's speech verb (`X welcomed the news ... ¶ “We ...”`).
4. Speakers resolve to entities: a name by its mention, a pronoun or a nominal (`he`,
   `the spokesman`, `it`, `his statement`) by the nearest compatible earlier speaker (a pronoun
   agreeing in gender, `_gender`), or a person or organisation named as a subject since then,
   kept as the quote's `speaker_ref` (`_resolve`);
   a relative pronoun (`Mara Olsen, who said ...`) by the noun its clause hangs on.

Quotations that name a work ('on NBC's “Meet the Press”', 'her book “Saving Made Simple”')
or a term ('the so-called “slow cinema”', 'known to fans as “the Lads”') or a label ('the
party's slogan, “Homes First”') are not quotes (`_titles`). "Q:" and "A:" lines are the
interviewer's and the interviewee's words where an introduction names them (`_direct`).

A cue's plain noun-phrase object is content only after a saying verb ("denied the report");
"welcomed the news" or "issued videos supporting X" report no words (`cues.toml`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from newsgraph.errors import StageFailure
from newsgraph.model import Quote
from newsgraph.nlp._doc import sentence_of, text_of, token_at
from newsgraph.nlp._spans import Spans
from newsgraph.nlp.quotes._direct import (
    colon_before,
    colon_cue,
    colon_cues,
    cue_after,
    cue_before,
    document_reads,
    headline_cue,
    pointer_after,
)
from newsgraph.nlp.quotes._lexicon import Lexicon, load_lexicon
from newsgraph.nlp.quotes._marks import QuoteSpan, find_quote_spans, word_count
from newsgraph.nlp.quotes._resolve import Found, resolve, speaker_ref
from newsgraph.nlp.quotes._rules import (
    Cue,
    according_cues,
    as_cues,
    children_of,
    forget,
    lemma,
    noun_cues,
    parenthetical_cues,
    region_head,
    scan,
    subject_of,
    verb_cues,
)
from newsgraph.nlp.quotes._speakers import Speaker, channel, describe
from newsgraph.nlp.quotes._titles import is_label, is_term, is_title

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsgraph.model import Article

__all__ = ["STAGE", "extract", "run"]  # the public names; the rest is private

STAGE = "quotes"

_MIXED_SHARE = 0.5  # quotations filling this share of a clause's words make it direct
_FRAGMENT_WORDS = 3  # a quoted fragment this long is a quote of its own, shorter ones scare quotes
_NESTED_MIN_WORDS = 4  # cues inside a quotation this long belong to the quoted speaker
_UNCUED_MIN_WORDS = 3
_WORD = re.compile(r"\w+")


def _words(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end))


_LINE = re.compile(r"[^\n]+")


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _LINE.finditer(text)]


def _paragraph_of(ends: list[int], offset: int) -> int:
    """The paragraph holding `offset` (or the next one, from a gap between them), by the ends
    of the paragraphs in text order; the last one past the end."""
    return min(bisect_right(ends, offset), max(len(ends) - 1, 0))


def _speaker(doc: Doc, lex: Lexicon, cue: Cue) -> Speaker | None:
    if cue.subject_span is not None and cue.subject is not None:
        return Speaker(*cue.subject_span, cue.subject, "name")
    if cue.subject is None:
        return None
    avoid = _content(cue) if cue.content_start is not None else None
    return describe(doc[cue.subject], lex, avoid=avoid)


def _clause_pass(
    doc: Doc, lex: Lexicon, spans: list[QuoteSpan], used: set[int], *, parsed: bool
) -> list[Found]:
    """Pass 1: cues with a content clause (only `NAME: ...` where the Doc has no parse)."""
    text = text_of(doc)
    long_quotes = [q for q in spans if word_count(text, q) >= _NESTED_MIN_WORDS]
    cues = colon_cues(doc, lex)
    if parsed:
        found_tokens = scan(doc)  # one pass over the tokens for every cue rule below
        verbs = verb_cues(doc, lex, found_tokens)
        taken = {c.token for c in verbs}
        cues += [
            *verbs,
            *according_cues(doc, lex),
            *parenthetical_cues(doc, lex, taken, found_tokens),
            *as_cues(doc, lex, taken, found_tokens),
            *noun_cues(doc, lex, found_tokens),
        ]
    cues.sort(key=lambda c: c.start)
    kept = _kept_cues(text, cues, long_quotes)
    index = _Index.of(spans)
    owner = _quote_owners(spans, index, kept)
    found: list[Found] = []
    for n, cue in enumerate(kept):
        cs, ce = _content(cue)
        if parsed:
            cue = _speaker_after_quote(doc, lex, spans, cue)
        speaker = _speaker(doc, lex, cue)
        source = _source(doc, lex, cue)
        inside = _quotes_of(spans, index, cue)
        own = [i for i in inside if owner.get(i) == n]
        counts = [word_count(text, spans[i]) for i in inside]
        if inside and (
            sum(counts) >= _MIXED_SHARE * _words(text, cs, ce) or max(counts) >= _FRAGMENT_WORDS
        ):
            for i in own:
                used.add(i)
                found.append(Found(spans[i].start, spans[i].end, True, cue, speaker, source))
            if own or cue.weak:
                continue
        if cue.quoted_only:
            continue  # "welcomed the news": an object with no words of the speaker in it
        used.update(own)
        found.append(Found(cs, ce, cue.verbatim, cue, speaker, source))
    return found


def _content(cue: Cue) -> tuple[int, int]:
    return cue.content_start or 0, cue.content_end or 0


def _within(q: QuoteSpan, cue: Cue) -> bool:
    """The quotation lies in the cue's content, or the content in a quotation the cue is outside
    of (a quotation over several paragraphs whose cue's clause stops at the paragraph)."""
    start, end = _content(cue)
    if q.start >= start - 1 and q.end <= end + 1:
        return True
    outside = cue.end <= q.outer_start or cue.start >= q.outer_end
    return outside and q.paragraphs > 1 and q.outer_start <= start and end <= q.outer_end


def _kept_cues(text: str, cues: list[Cue], long_quotes: list[QuoteSpan]) -> list[Cue]:
    """Cues with content, not inside a long quotation, no thought inside someone's speech."""
    quoted = _Reach([(q.outer_start, q.outer_end) for q in long_quotes])
    said = _Reach([(c.content_start, c.content_end) for c in cues if _has_content(c)])
    kept: list[Cue] = []
    seen: set[tuple[int, int]] = set()
    for cue in cues:
        if cue.content_start is None or cue.content_end is None:
            continue
        if quoted.reaches(cue.start - 1, cue.end):  # a quotation opening before the cue
            continue
        cs, ce = cue.content_start, cue.content_end
        if (cs, ce) in seen or _WORD.search(text, cs, ce) is None:  # no word in it
            continue
        if cue.weak and said.reaches(cue.start, cue.end, but=(cs, ce)):
            continue  # a thought inside what someone else said is theirs to report
        seen.add((cs, ce))
        kept.append(cue)
    return kept


def _has_content(cue: Cue) -> bool:
    return cue.content_start is not None and cue.content_end is not None


class _Reach:
    """Spans by start, with the two furthest ends among those starting up to each one: whether
    some span starting at or before an offset reaches a given end is one bisection, not a pass
    over every span (`_kept_cues` asked that of every cue: quadratic on a text of many cues)."""

    def __init__(self, spans: list[tuple[int | None, int | None]]) -> None:
        ordered = sorted((s, e) for s, e in spans if s is not None and e is not None)
        self._starts = [s for s, _ in ordered]
        self._best: list[tuple[tuple[int, int], tuple[int, int] | None]] = []
        first: tuple[int, int] | None = None
        second: tuple[int, int] | None = None
        for span in ordered:
            if first is None or span[1] > first[1]:
                first, second = span, first
            elif second is None or span[1] > second[1]:
                second = span
            self._best.append((first, second))

    def reaches(self, at: int, end: int, *, but: tuple[int, int] | None = None) -> bool:
        """Whether a span starting at or before `at` ends at or after `end`, leaving out one
        span equal to `but` (a cue's own content among all the cues' contents)."""
        k = bisect_right(self._starts, at)
        if k == 0:
            return False
        first, second = self._best[k - 1]
        far = second if first == but else first
        return far is not None and far[1] >= end


@dataclass(frozen=True, slots=True)
class _Index:
    """Quotations by start offset, and those running over several paragraphs."""

    starts: list[int]
    multi: list[int]

    @classmethod
    def of(cls, spans: list[QuoteSpan]) -> _Index:
        multi = [i for i, q in enumerate(spans) if q.paragraphs > 1]
        return cls([q.start for q in spans], multi)


def _quotes_of(spans: list[QuoteSpan], index: _Index, cue: Cue) -> list[int]:
    """Indexes of the quotations in the cue's content."""
    starts = index.starts
    cs, ce = _content(cue)
    lo = bisect_left(starts, cs - 1)
    hi = bisect_right(starts, ce + 1)
    found = [i for i in range(lo, hi) if _within(spans[i], cue)]
    # a quotation over several paragraphs may start before the content it holds
    found += [i for i in index.multi if i < lo and _within(spans[i], cue)]
    return sorted(set(found))


def _quote_owners(spans: list[QuoteSpan], index: _Index, cues: list[Cue]) -> dict[int, int]:
    """For each quotation inside some cue's content, the cue with the narrowest content."""
    owner: dict[int, int] = {}
    width: dict[int, int] = {}
    for n, cue in enumerate(cues):
        cs, ce = _content(cue)
        for i in _quotes_of(spans, index, cue):
            if i not in owner or ce - cs < width[i]:
                owner[i], width[i] = n, ce - cs
    return owner


def _speaker_after_quote(doc: Doc, lex: Lexicon, spans: list[QuoteSpan], cue: Cue) -> Cue:
    """'“…,” the statement from the ministry says': the words between the quotation and the cue.

    The parse often takes a name inside the quotation for the subject; the noun phrase between
    the closing mark and the cue is the speaker in this word order. Not for "according to X":
    its source follows the phrase, whatever comes before it.
    """
    if cue.label in lex.source_before:
        return cue
    last = bisect_left([q.start for q in spans], cue.start)
    before = [
        q
        for q in spans[max(0, last - 3) : last]
        if q.outer_end <= cue.start and cue.start - q.outer_end <= 80
    ]
    if not before:
        return cue
    q = before[-1]
    first = token_at(doc, q.outer_end)
    if first is None or first >= cue.token or "\n" in text_of(doc)[q.outer_end : cue.start]:
        return cue
    if any(t.text in (".", "!", "?", "“") or t.pos_ == "CCONJ" for t in doc[first : cue.token]):
        return cue  # another sentence or clause ("“…” often in his speeches, and criticized")
    if cue.subject is not None and first <= cue.subject < cue.token:
        return cue
    head = region_head(doc, first, cue.token)
    if head is None:
        return cue
    return replace(cue, subject=head)


def _source(doc: Doc, lex: Lexicon, cue: Cue) -> str | None:
    if cue.label in lex.source_before or cue.label == ":":
        if cue.subject is None:
            return None
        head = doc[cue.subject]
        end = head.idx + len(head.text)
        match = lex.channels.search(text_of(doc), head.left_edge.idx, end)
        return match.group(0) if match and match.end() == end else None
    return channel(doc, lex, cue.token, cue.subject)


def _spoken_by(doc: Doc, lex: Lexicon, q: QuoteSpan, cue: Cue | None, by: Cue) -> Found:
    """The direct quotation `q` with the speaker and channel of cue `by` (kept as its own cue
    `cue` when the cue sits beside it, None when it only names the speaker)."""
    return Found(q.start, q.end, True, cue, _speaker(doc, lex, by), _source(doc, lex, by))


def _adjacent_pass(doc: Doc, lex: Lexicon, spans: list[QuoteSpan], used: set[int]) -> list[Found]:
    """Pass 2: quotations with a cue right beside them."""
    text = text_of(doc)
    found: list[Found] = []
    for i, q in enumerate(spans):
        words = word_count(text, q)
        if i in used or (words < 2 and not (words == 1 and _one_word_reply(text, q))):
            continue
        before = text[max(0, q.outer_start - 3) : q.outer_start].rstrip()
        cue = None
        if before.endswith((":", ",")):
            cue = cue_before(doc, lex, q)
        if cue is None:
            cue = cue_after(doc, lex, q)
        if cue is None:
            cue = cue_before(doc, lex, q)
        if cue is None:
            cue = document_reads(doc, lex, q)
        if cue is None:
            cue = pointer_after(doc, lex, q)
        if cue is None:
            cue = headline_cue(doc, lex, q)
        if cue is None and before.endswith(":") and words > 1:
            cue = colon_before(doc, q)
        if cue is None:
            continue
        used.add(i)
        found.append(_spoken_by(doc, lex, q, cue, cue))
    return found


_REPLY_STOPS = frozenset(",.?!")
_LOOK_BACK = 200  # characters read before a quotation for what precedes it on its line
_BEAT_CHARS = 400  # a beat sentence is short; a longer one is read as no beat


def _one_word_reply(text: str, q: QuoteSpan) -> bool:
    """'“No,” she said.', '‘Never’, said Lopez.', '“Why?” he asked.': a one-word quotation is a
    reply of its own when it opens its sentence and its punctuation closes it as a clause; news
    quotes such answers with a cue beside them like any other. A one-word quotation inside a
    sentence ('called the plan “reckless,” she said') is more often a scare quote or a term."""
    lead = _line_lead(text, q.outer_start).rstrip()
    if lead and not lead.endswith((".", "!", "?", "”", '"', ":")):
        return False
    closing = text[q.end - 1 : q.outer_end]  # its last word's end, up to the closing mark
    after = text[q.outer_end : q.outer_end + 1]
    return any(c in _REPLY_STOPS for c in closing) or after in (",", "?", "!")


def _line_lead(text: str, at: int) -> str:
    """What stands before offset `at` on its line, read back at most `_LOOK_BACK` characters:
    only its first and last words matter, and on a line of megabytes every quotation reading
    back to the line's start would take time growing with the square of the line."""
    reach = max(0, at - _LOOK_BACK)
    return text[max(text.rfind("\n", reach, at) + 1, reach) : at]


_BULLETS = frozenset({"-", "–", "—", "•", "*", "·"})


def _opens_unit(text: str, q: QuoteSpan, doc: Doc, *, sentences: bool) -> tuple[bool, bool]:
    """Whether the quotation opens its paragraph (or a bulleted line), and whether it opens a
    sentence. Where the Doc has no sentence boundaries (`sentences` false, asked once per Doc:
    the question reads every token) a sentence is its line, which the words before the
    quotation have opened already."""
    before = _line_lead(text, q.outer_start)
    lead = before.strip()
    paragraph_initial = not lead or lead in _BULLETS
    first = token_at(doc, q.outer_start)
    sentence_initial = paragraph_initial
    if first is not None and not paragraph_initial:
        sentence_initial = sentences and doc[first].i == sentence_of(doc[first]).start
        sentence_initial = sentence_initial or before.rstrip().endswith((".", "!", "?", "”", '"'))
    return paragraph_initial, sentence_initial


def _last_speech_subject(doc: Doc, lex: Lexicon, lo: int, hi: int) -> Cue | None:
    """The last speech verb with a subject in text[lo:hi] (`X welcomed the news ...`)."""
    first = token_at(doc, lo)
    if first is None:
        return None
    best: Cue | None = None
    for token in doc[first:]:
        if token.idx >= hi:
            break
        if token.pos_ in ("VERB", "AUX") and lex.is_speech(lemma(token)):
            subject, _ = subject_of(token)
            if subject is not None:
                best = Cue(
                    token.i,
                    lemma(token),
                    token.idx,
                    token.idx + len(token.text),
                    None,
                    None,
                    subject.i,
                )
    return best


def _uncued_pass(
    doc: Doc,
    lex: Lexicon,
    spans: list[QuoteSpan],
    used: set[int],
    found: list[Found],
    *,
    parsed: bool,
    people: Spans,
) -> list[Found]:
    """Pass 3: sentence- or paragraph-initial quotations continue the previous speaker."""
    text = text_of(doc)
    bounds = _paragraph_bounds(text)
    ends = [hi for _, hi in bounds]
    said = _Said(found)
    sentences = doc.has_annotation("SENT_START")
    added: list[Found] = []
    for i, q in enumerate(spans):
        said.note(added)
        if i in used:
            continue
        if word_count(text, q) < _UNCUED_MIN_WORDS and not _follow_up(text, spans, i, used):
            continue
        paragraph_initial, sentence_initial = _opens_unit(text, q, doc, sentences=sentences)
        if not sentence_initial:
            continue
        para = _paragraph_of(ends, q.outer_start)
        if paragraph_initial and para > 0 and parsed:
            cue = _colon_paragraph(doc, text, bounds[para - 1])
            if cue is not None:
                used.add(i)
                added.append(_spoken_by(doc, lex, q, cue, cue))
                continue
        previous = said.latest(q.outer_start)
        prev_para = _paragraph_of(ends, previous.start) if previous is not None else -9
        if previous is not None and (
            prev_para == para or (paragraph_initial and prev_para == para - 1)
        ):
            beat = _beat_speaker(doc, lex, q, people, previous) if parsed else None
            if beat is not None:
                used.add(i)
                added.append(Found(q.start, q.end, True, None, describe(beat, lex), None))
                continue
            used.add(i)
            added.append(Found(q.start, q.end, True, None, previous.speaker, previous.source))
            continue
        if paragraph_initial and para > 0 and parsed:
            lo, hi = bounds[para - 1]
            cue = _last_speech_subject(doc, lex, lo, hi)
            if cue is not None:
                used.add(i)
                added.append(_spoken_by(doc, lex, q, None, cue))
                continue
        if parsed:
            head = _introduced_person(doc, lex, q, people)
            if head is not None:
                used.add(i)
                added.append(Found(q.start, q.end, True, None, describe(head, lex), None))
    return added


class _Said:
    """The attributions with a speaker that end before a quotation: those of the earlier passes
    by their ends, and the last one this pass added (it adds them in text order), so that the
    latest is found by a bisection, not by a scan of every attribution for every quotation."""

    def __init__(self, found: list[Found]) -> None:
        self._found = sorted((f for f in found if f.speaker is not None), key=lambda f: f.end)
        self._ends = [f.end for f in self._found]
        self._added: Found | None = None
        self._seen = 0

    def note(self, added: list[Found]) -> None:
        """Take in what the pass added since the last call."""
        for f in added[self._seen :]:
            if f.speaker is not None:
                self._added = f
        self._seen = len(added)

    def latest(self, before: int) -> Found | None:
        """The attribution with a speaker ending last at or before `before` (of equal ends, an
        earlier pass's first)."""
        k = bisect_right(self._ends, before)
        found = self._found[bisect_left(self._ends, self._ends[k - 1])] if k else None
        added = self._added if self._added is not None and self._added.end <= before else None
        if found is None or (added is not None and added.end > found.end):
            return added
        return found


_FOLLOW_UP_GAP = 80  # characters of cue between a quotation and a short one after it


def _follow_up(text: str, spans: list[QuoteSpan], i: int, used: set[int]) -> bool:
    """'“We were never consulted,” said Ruth Garcia. “Not once.”': a short quotation right
    after an attributed one, with only its cue between them in the same paragraph, goes on
    with the same speaker; on its own, so short a quotation is more often a scare quote."""
    if i == 0 or i - 1 not in used:
        return False
    gap = text[spans[i - 1].outer_end : spans[i].outer_start]
    return len(gap) <= _FOLLOW_UP_GAP and "\n" not in gap and gap.rstrip().endswith(".")


def _colon_paragraph(doc: Doc, text: str, bounds: tuple[int, int]) -> Cue | None:
    """'The statement read:' or 'Residents listed what they want:' ending the paragraph before
    a quotation (or a bulleted list of them): the colon introduces the quoted words."""
    lo, hi = bounds
    line = text[lo:hi].rstrip()
    if not line.endswith(":"):
        return None
    colon = token_at(doc, lo + len(line) - 1)
    return colon_cue(doc, colon) if colon is not None else None


_PERSON_PRONOUNS = frozenset({"he", "she"})


def _beat_speaker(
    doc: Doc, lex: Lexicon, q: QuoteSpan, people: Spans, previous: Found
) -> Token | None:
    """'“We will rebuild,” said Mayor Ana Ruiz. Council member Tom Hale was less sure. “With
    what money?”': when speakers take turns, a sentence of its own between two quotations
    whose subject is a person hands the next quotation to that person (feature copy's beat:
    "X nodded.", "X was less sure."); the earlier speaker goes on only when nothing but their
    words lies between."""
    first = token_at(doc, q.outer_start)
    if first is None or first == 0:
        return None
    before = sentence_of(doc[first - 1])
    text = text_of(doc)
    if q.outer_start - doc[before.start].idx > _BEAT_CHARS:
        return None
    if doc[before.start].idx < previous.end or any(
        m in text[doc[before.start].idx : q.outer_start] for m in '“”"‘'
    ):
        return None
    return _introduced_person(doc, lex, q, people)


def _introduced_person(doc: Doc, lex: Lexicon, q: QuoteSpan, people: Spans) -> Token | None:
    """'Omar Haddad has run the bakery for 30 years. ¶ “Nobody asked us.”': feature copy puts
    a quotation with no cue right after a sentence about its speaker; the person who is the
    subject of the sentence before is the speaker. Only a person (a name, "he" or "she", a
    title), since a sentence about a thing or a place introduces no one's words."""
    first = token_at(doc, q.outer_start)
    if first is None or first == 0:
        return None
    previous = sentence_of(doc[first - 1])
    if previous.start >= first:
        return None
    root = previous.root
    if root.pos_ not in ("VERB", "AUX"):
        return None
    subject, passive = subject_of(root)
    if subject is None or passive or not previous.start <= subject.i < previous.end:
        return None
    person = (
        subject.ent_type_ == "PERSON"
        or subject.lower_ in _PERSON_PRONOUNS
        or lemma(subject) in lex.person_nouns
        or people.holds(subject.idx, subject.idx + 1)
        or any(c.dep_ == "appos" and lemma(c) in lex.person_nouns for c in children_of(subject))
    )
    return subject if person else None


def extract(article: Article, doc: Doc) -> list[Found]:
    """Every attribution in the article, in text order (the stage's working form)."""
    forget(doc)  # read afresh: nothing kept from an earlier analysis of this Doc
    lex = load_lexicon()
    text = text_of(doc)
    spans = [
        q
        for q in find_quote_spans(text)
        if word_count(text, q) > 0
        and not is_title(text, q, lex)
        and not is_term(text, q)
        and not is_label(text, q, lex)
    ]
    used: set[int] = set()
    parsed = doc.has_annotation("DEP")
    found = _clause_pass(doc, lex, spans, used, parsed=parsed)
    if parsed:
        found += _adjacent_pass(doc, lex, spans, used)
    people = Spans(
        (m.start, m.end) for e in article.entities if e.type == "person" for m in e.mentions
    )
    found += _uncued_pass(doc, lex, spans, used, found, parsed=parsed, people=people)
    return resolve(doc, lex, article, found)


def to_quote(text: str, f: Found) -> Quote:
    return Quote(
        start=f.start,
        end=f.end,
        stage=STAGE,
        text=text[f.start : f.end],
        direct=f.direct,
        cue=f.cue.label if f.cue else None,
        cue_start=f.cue.start if f.cue else None,
        cue_end=f.cue.end if f.cue else None,
        speaker=text[f.speaker.start : f.speaker.end] if f.speaker else None,
        speaker_start=f.speaker.start if f.speaker else None,
        speaker_end=f.speaker.end if f.speaker else None,
        speaker_id=f.speaker_id,
        speaker_ref=speaker_ref(text, f),
        source=f.source,
    )


def run(article: Article, doc: Doc) -> Article:
    text = article.text
    if text_of(doc) != text:
        raise StageFailure(
            f"{STAGE}: the parse does not match the article text", origin=article.origin
        )
    quotes = [to_quote(text, f) for f in extract(article, doc)]
    return article.model_copy(update={"quotes": quotes})
