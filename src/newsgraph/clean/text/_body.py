"""Find the article body among the lines of a dump.

The body is the densest run of prose: each line scores for (prose, by its length) or against
(short lines and chrome, more so in long stretches such as menus and link lists; the rows of a
table count a little for), and the span with the highest total wins (`densest_run`). Prose
right after the repeated headline weighs double, and when the run starts above that headline it
is moved below it. The run is cut where
a comment form or thread begins ("Leave a reply", "34 comments", "Name says:") and extended over
a numbered or dated list right after it; inside it only prose, list items, the short lines
framed by prose (subheadings) or standing in a short run between prose lines (a longer one when
a colon announces it as a list), table rows, a live blog's time stamps, and the signature
under an embedded post are kept, minus short lines that also occur outside it, and up to an
author's note near the end.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsgraph.clean.text._lines import Line, densest_run, line_scores, table_rows

ANCHOR_WINDOW = 12
ANCHOR_WEIGHT = 2.0
END_MIN_PROSE = 40.0
REPEAT_MAX_SIZE = 15.0
LIST_GAP = 2
LIST_MIN_ITEMS = 3
RUN_MAX = 4
LIST_RUN_MAX = 20
AUTHOR_NOTE_TAIL = 0.25
_NUMBERED = re.compile(
    r"^(?:\(?\d{1,2}[.)]|[•·▪◦*–-]|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"\s+\d{1,2}\b)\s*\S",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(r"^[—–-]\s*[^()]{1,60}\(@\w{1,30}\)\s*\w")
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$")

_COMMENT_HEADER = re.compile(
    r"^(?:\S+\s+){0,3}\S+\s+(?:says|said|wrote|writes|replied):?\s*$|^reply$|^rating:\s"
    r"|^\d+\s+(?:likes?|points?|votes?|replies)\b",
    re.IGNORECASE,
)
_COMMENT_FORM = re.compile(
    r"^(?:leave|post|add|write) (?:a |your )?(?:comment|reply)\b|^comments are closed"
    r"|^(?:lascia|laisser|laissez|deja|deixe|hinterlasse) (?:un|una|um|einen)"
    r" (?:commento|comentario|commentaire|comentário|kommentar)\b"
    r"|^(?:kommentar|commento|comentario) (?:schreiben|scrivere)"
    r"|^your email address will not be published"
    r"|^you must be logged in to (?:post )?(?:a )?comment",
    re.IGNORECASE,
)
_END_MARKER = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|reactions)\b|\[\s*\d+\s+comments?\s*\]"
    r"|^(?:leave|post|add|write|view|show|load|join)\b.*\b(?:comments?|reply|conversation|discussion)"
    r"|^(?:related|recommended|read (?:more|next|also)|see also|more (?:on|from|stories|news|in)"
    r"|you (?:may|might) (?:also )?like|popular|most (?:read|popular|viewed|shared)|trending"
    r"|top (?:stories|video|rated)|latest|don'?t miss|also on|tags?|filed under|topics?"
    r"|about the author|editor'?s picks?|promoted|around the web"
    r"|up next|what to read next|previous post|next post|post navigation)\b",
    re.IGNORECASE,
)


# The author's note under a story: a name, then "is a/an/the …" and the trade ("Jo Lee is a
# freelance writer based in Tallinn.", "Sam Roe (@samroe) is the editor of …").
#
# The same note in Spanish, French and German names the trade without an article ("Ana Ruiz es
# periodista y profesora …", "Luc Roy est journaliste …", "Jan Ott ist Autor …"), so the verb
# alone is enough there.
_AUTHOR_NOTE = re.compile(
    r"^(?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*(?:\s+\([^)]{0,60}\))?\s+"
    r"(?:is\s+(?:a|an|the|our)\b"
    r".{0,120}?\b(?:writer|reporter|editor|journalist|correspondent|columnist|contributor|author"
    r"|fellow|producer|blogger|educator|critic|analyst|freelancer)s?\b"
    r"|es\s+(?:(?:un|una|el|la)\s+)?(?:periodista|escritor|escritora|economista|profesor"
    r"|profesora|columnista|investigador|investigadora|editor|editora|analista|colaborador"
    r"|colaboradora)\b"
    r"|est\s+(?:(?:un|une|le|la)\s+)?(?:journaliste|écrivain|écrivaine|économiste|professeur"
    r"|professeure|chroniqueur|chroniqueuse|chercheur|chercheuse|éditorialiste|auteur|autrice)\b"
    r"|ist\s+(?:(?:ein|eine|der|die)\s+)?(?:Journalist|Journalistin|Autor|Autorin|Ökonom"
    r"|Ökonomin|Professor|Professorin|Korrespondent|Korrespondentin|Kolumnist|Kolumnistin"
    r"|Redakteur|Redakteurin)\b)"
)


@dataclass(frozen=True, slots=True)
class BodySpan:
    """The chosen lines: `start`/`end` bound the core run; `keep` are the body's line indices."""

    start: int
    end: int
    keep: tuple[int, ...]


def _repeated_outside(lines: Sequence[Line], start: int, end: int) -> set[int]:
    """Short lines of the core that also occur outside it: teasers, menu items, labels. A live
    blog's time stamps are not: their keys fold the digits, so one stamp above the core would
    make every stamp in it look repeated."""
    outside = Counter(line.key for line in lines if not start <= line.index < end)
    core = range(start, end)
    return {
        i
        for i in core
        if lines[i].size < REPEAT_MAX_SIZE and outside[lines[i].key] and not lines[i].stamp
    }


def is_comment_form(line: Line) -> bool:
    return line.words <= 12 and bool(_COMMENT_FORM.search(line.text))


def is_comment_header(line: Line) -> bool:
    return line.words <= 6 and bool(_COMMENT_HEADER.search(line.text))


def is_end_marker(line: Line) -> bool:
    return (
        line.separator
        or is_comment_header(line)
        or is_comment_form(line)
        or (line.words <= 6 and bool(_END_MARKER.search(line.text)))
    )


def _cut_at_end_marker(lines: Sequence[Line], start: int, end: int) -> int:
    """The first end marker after enough prose that opens a comment form or a comment thread
    (two comment headers or more after it)."""
    before = 0.0  # prose above the line (running sums: a dump may have 100,000 lines)
    headers_after = sum(1 for line in lines[start:end] if is_comment_header(line))
    for offset, line in enumerate(lines[start:end]):
        marks_end = line.kind != "prose" and before >= END_MIN_PROSE and is_end_marker(line)
        if marks_end and (headers_after >= 2 or is_comment_form(line)):
            return start + offset
        before += line.size if line.kind == "prose" else 0.0
        headers_after -= 1 if is_comment_header(line) else 0
    return end


def _framed(lines: Sequence[Line], i: int, start: int, end: int) -> bool:
    """A short line with prose before and after it (a subheading, a one-line paragraph)."""
    before = any(lines[j].kind == "prose" for j in range(max(start, i - 2), i))
    after = any(lines[j].kind == "prose" for j in range(i + 1, min(end, i + 3)))
    blocked = any(lines[j].kind == "chrome" for j in range(max(start, i - 1), min(end, i + 2)))
    return before and after and not blocked


def _short_runs(lines: Sequence[Line], start: int, end: int) -> set[int]:
    """Short lines in runs of at most `RUN_MAX` inside the core, with prose right above and
    right below the run and no chrome in it: a product name and its "Get it for $5", a
    subheading over a one-line dek, a short list. `_framed` looks two lines each way, so it
    misses the middle of such a run. A run announced by a line ending with a colon ("… looked
    like this:"), or opening on one ("Specifications:" over "Weight: 219 g"), is a list and may
    be up to `LIST_RUN_MAX` lines long."""
    out: set[int] = set()
    i = start
    while i < end:
        if lines[i].kind != "short":
            i += 1
            continue
        j = i
        while j < end and lines[j].kind == "short":
            j += 1
        bounded = (
            i > start and lines[i - 1].kind == "prose" and j < end and lines[j].kind == "prose"
        )
        # "… looked like this:" above the run, or the run's own heading ("Key figures:").
        announced = (i > start and lines[i - 1].text.endswith(":")) or lines[i].text.endswith(":")
        if bounded and j - i <= (LIST_RUN_MAX if announced else RUN_MAX):
            out.update(range(i, j))
        i = j
    return out


def _tweet_signature(lines: Sequence[Line], i: int, start: int) -> bool:
    """The signature under an embedded post ("— Jo Lee (@jolee) May 3, 2019") right after the
    post's text: part of the quoted post, though a dated line elsewhere is chrome."""
    return i > start and lines[i - 1].kind == "prose" and bool(_SIGNATURE.match(lines[i].text))


def _numbered(line: Line) -> bool:
    return line.kind != "chrome" and bool(_NUMBERED.match(line.text))


def _list_after(lines: Sequence[Line], end: int) -> int:
    """Extend the body over a numbered list that follows it ("1) …", "2. …"): such lists are
    short lines the prose score leaves out. Returns the new end."""
    items, last, i = 0, end, end
    while i < len(lines) and i - last <= LIST_GAP:
        if _numbered(lines[i]):
            items, last = items + 1, i + 1
        elif lines[i].kind == "chrome" and not _URL_LINE.match(lines[i].text):
            break
        i += 1
    return last if items >= LIST_MIN_ITEMS else end


def find_body(lines: Sequence[Line], *, anchor: int | None = None) -> BodySpan:
    rows = frozenset(table_rows(lines))
    scores = line_scores(lines, rows)
    if anchor is not None:
        for i in range(anchor + 1, min(len(lines), anchor + 1 + ANCHOR_WINDOW)):
            if scores[i] > 0:
                scores[i] *= ANCHOR_WEIGHT
    start, end = densest_run(scores)
    if anchor is not None and start <= anchor < end:
        after = sum(line.size for line in lines[anchor + 1 : end] if line.kind == "prose")
        if after >= END_MIN_PROSE:
            start = anchor + 1  # what precedes the repeated headline is not the article
    end = _list_after(lines, _cut_at_end_marker(lines, start, end))
    repeated = _repeated_outside(lines, start, end)
    runs = _short_runs(lines, start, end)
    keep = tuple(
        i
        for i in range(start, end)
        if i not in repeated
        and (
            lines[i].kind == "prose"
            or (lines[i].kind == "short" and (i in runs or _framed(lines, i, start, end)))
            or i in rows
            or lines[i].stamp
            or _tweet_signature(lines, i, start)
            or _numbered(lines[i])
        )
    )
    return BodySpan(start, end, _without_author_notes(lines, keep))


def _without_author_notes(lines: Sequence[Line], keep: tuple[int, ...]) -> tuple[int, ...]:
    """The kept lines up to the author's note near their end, which closes the story: what
    follows it (the author's other work, a pitch, comments) is the page's. A note with much of
    the story still below it is a paragraph about someone, and stays."""
    sizes = [lines[i].size if lines[i].kind == "prose" else 0.0 for i in keep]
    total = sum(sizes)
    before = 0.0
    for n, i in enumerate(keep):
        closing = total - before - sizes[n] <= AUTHOR_NOTE_TAIL * before
        note = _AUTHOR_NOTE.match(lines[i].text) if before >= END_MIN_PROSE and closing else None
        if note is not None and not _named_before(lines, keep[:n], note.group()):
            return keep[:n]
        before += sizes[n]
    return keep


def _named_before(lines: Sequence[Line], kept: Sequence[int], note: str) -> bool:
    """Whether the story names the note's person earlier ("Maria Lopez is a former reporter
    who now chairs the association" about someone the story quoted): then it is a paragraph
    of the story, not the writer's note. The surname is the name's last capitalised word."""
    name = re.split(r"\s+(?:\(|is\s|es\s|est\s|ist\s)", note, maxsplit=1)[0]
    names = re.findall(r"[A-Z][\w'’-]+", name)
    surname = names[-1] if names else ""
    if len(surname) < 3:
        return False
    pattern = re.compile(rf"\b{re.escape(surname)}\b")
    return any(pattern.search(lines[j].text) for j in kept)
