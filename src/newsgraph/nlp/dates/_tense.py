"""The tense around a time expression, read from the words of its sentence (no parser).

`tense_of(text, start, end)` says whether the sentence holding `text[start:end]` speaks of the
future ("will", "plans to", "is scheduled to", "expect", "likely to", "should", "might"
before the expression, or as the first verb after it, or a present-tense verb of schedule
right before it or a few words before it: "the Games open Friday", "voters head to the polls
in November"; the end of a span told in the present: "runs through October"), of the past
(a past-tense verb: "was", "said", "stepped", "bought"; "since" before it) or cannot tell. The
resolvers use it to choose between the previous and the next occurrence of a year-less month,
day or weekday.
"""

from __future__ import annotations

import re
from typing import Literal

from newsgraph.nlp.dates._lexicon import NUMBER_WORDS

Tense = Literal["future", "past"] | None

_FUTURE_CUE = re.compile(
    r"(?i)\b(?:will|'ll|shall|going\s+to|scheduled|expected\s+to|plans?\s+to|planning"
    # "planned", unless it says that a past event kept to its plan ("began as planned Saturday")
    r"|(?<!\bas\s)(?<!previously\s)(?<!originally\s)planned"
    r"|due\s+to|is\s+to|are\s+to|until|as\s+(?:soon|early)\s+as|upcoming|set\s+to"
    # "is set for 6:40 p.m.", "more rain is expected Tuesday", "the report is due Aug. 20",
    # "cut its forecast for the fourth quarter": a plan, an expectation, a deadline, a forecast
    r"|set\s+for|(?:is|are)\s+(?:expected|due)|forecasts?\s+for|outlook\s+for"
    r"|would\s+be\s+\w+ing"
    # "forecasters expect rain Friday", "the busiest day is likely to be Sunday", "organizers
    # plan a march Saturday": an expectation or a plan in the present tense looks ahead
    r"|expects?|likely\s+to|plans?\s+(?:a|an)\s"
    # "rain is likely Thursday night", "a deal is unlikely before Friday": a forecast
    r"|(?:is|are)\s+(?:likely|unlikely)"
    # "the storm is forecast to reach the coast Thursday", "the plant is slated to open in
    # March", "the mayor hopes to sign it Friday": a forecast, a timetable or an aim
    r"|(?:forecast|projected|slated|poised|on\s+track)\s+to|slated\s+for"
    # "rain is forecast from late Tuesday": a forecast in the present passive
    r"|(?:is|are)\s+(?:forecast|forecasted|predicted)"
    r"|(?:aims?|hopes?|intends?|promises?|vows?)\s+to"
    # "the storm should reach the coast by Thursday", "talks might resume Monday": a modal of
    # likelihood before a verb speaks of what is still to come ("should have" looks back);
    # "might" before a preposition or a stop is the noun ("its military might at the parade")
    r"|(?:should|might(?!\s*(?:[,.;:]|(?:of|at|in|and|to|against|with|was|is)\b))|(?-i:may))"
    r"(?!\s+(?:(?:not|well|also|never)\s+)?(?:have|be\s+\w+ed\s+as)\b))\b"
    r"(?![^.;]*\b(?:said|announced|told|was|were|had|did)\b(?!\s+(?:planning|scheduled"
    r"|expected|due|set|going)\b))"
)
_ABBREVIATIONS = "".join(
    f"(?<!{a})"
    for a in ("vs", "Mr", "Mrs", "Ms", "Dr", "St", "Gov", "Sen", "Rep", "Gen", "Col", "Lt",
              "No", "Inc", "Corp", "Co", "Jr", "Sr", "Ave", "Ft", "Mt", "Sgt", "Capt", "Prof")
)  # fmt: skip
# The lookahead first: the many lookbehinds run only where a stop stands, not at every character.
_SENTENCE_END = re.compile(
    rf"(?=[.!?])(?<!\.[a-z])(?<![A-Z]){_ABBREVIATIONS}[.!?]\s+(?=[A-Z\"“`])|\n"
)
# A past verb right after the expression ("will ... Friday, as it was ...") undoes a future
# cue, unless it is itself a plan ("... on Saturday and were planning to ...").
_PAST_AFTER = re.compile(
    r"(?i)[^.;]{0,25}?\b(?:had|was|were|did)\b(?!\s+(?:planning|scheduled|expected|due|set"
    r"|going)\b)"
)

# The first verb after the expression, in its clause: a future one ("On Tuesday, the league
# plans to hold ...") or a past one ("On Tuesday, the league held ...").
_FUTURE_VERB = (
    r"will|'ll|shall|plans?\s+to|intends?\s+to|(?:is|are)\s+(?:scheduled|expected|due|set"
    r"|going|to)\b"
)
_IRREGULAR_PAST = (
    r"was|were|had|did|said|told|bought|brought|began|took|made|came|went|left|sold|won|lost"
    r"|fell|rose|gave|held|met|paid|became|saw|ran|spent|sent|struck|thought|found|led|wrote"
    r"|spoke|broke|chose|drew|grew|knew|stood|shot|fled|fought|caught|built|kept|felt|meant"
    r"|got|hit|put|quit|cut|sought|stole|threw|wore|woke|flew|forced|died|killed"
)
_NOT_PAST_ED = {
    "expected", "scheduled", "planned", "proposed", "needed", "indeed", "related", "based",
    "speed", "proceed", "exceed", "succeed", "breed", "need", "embed", "united", "limited",
    "detailed", "advanced", "increased", "reduced", "combined", "continued", "estimated",
    "interested", "concerned",
}  # fmt: skip
# An -ed word after a present form of "be" is a passive participle, not a past tense: "when he
# is sentenced in February" speaks of a coming February.
_PRESENT_BE = "".join(f"(?<!\\b{w}\\s)" for w in ("is", "are", "am", "be", "being"))
_PAST_WORD = re.compile(
    rf"(?<![\w'-])(?:(?:{_IRREGULAR_PAST})\b|{_PRESENT_BE}(?P<ed>[a-z]{{2,}}ed)\b)"
)
_FIRST_VERB_AFTER = re.compile(
    rf"(?i)^[^;:!?]{{0,150}}?\b(?:(?P<future>{_FUTURE_VERB})|(?P<past>{_IRREGULAR_PAST})\b"
    r"|(?P<ed>(?-i:[a-z]{2,}ed))\b)"
)


def sentence_before(text: str, start: int, span: int = 60) -> str:
    """Up to `span` characters before `start`, within its sentence."""
    before = text[max(0, start - span) : start]
    cut = None
    for m in _SENTENCE_END.finditer(before):
        cut = m.end()
    return before if cut is None else before[cut:]


def sentence_after(text: str, end: int, span: int = 120) -> str:
    """Up to `span` characters after `end`, within its sentence."""
    after = text[end : end + span]
    m = _SENTENCE_END.search(after)
    return after if m is None else after[: m.start()]


# The two words right before a time expression: a reporting verb in the past there governs it
# ("Mr. Lee said Friday", "the ministry predicted Wednesday"): the time is the saying's, not
# that of what was said. An auxiliary before the verb makes it a participle of a future or
# passive phrase instead ("the plan will be announced Friday").
_VERB_BEFORE = re.compile(r"(?:(?P<aux>[\w']+)\s+)?(?P<verb>[A-Za-z]+)\s+$")
_REPORTING_PAST = {
    "said", "told", "announced", "predicted", "reported", "added", "stated", "declared",
    "warned", "confirmed", "disclosed", "acknowledged", "conceded", "insisted", "claimed",
}  # fmt: skip
_AUXILIARY = {"be", "been", "being", "is", "are", "will", "to", "'ll", "would", "shall"}


def _told_by_past_verb(text: str, start: int) -> bool:
    """Whether a reporting verb in the past stands right before the expression: "Mr. Lee said
    Friday that he will resign" speaks of the Friday before, whatever the quoted words look
    ahead to."""
    m = _VERB_BEFORE.search(text, max(0, start - 40), start)
    if m is None or (m["aux"] or "").lower() in _AUXILIARY:
        return False
    return m["verb"].lower() in _REPORTING_PAST


# News tells a scheduled event in the present tense, the verb right before its time: "the
# Games open Friday", "the market opens Saturday", "the tour ends on New Year's Eve", "the
# election is Nov. 5", "the fair runs Thursday through Sunday", and in the passive "the race is
# held Sunday", "schools are closed Monday". A past auxiliary before the verb ("were open
# Friday") undoes it.
_SCHEDULE_VERBS = (
    r"(?:re)?opens?", "starts?", "begins?", "ends?", "closes?", "resumes?", "returns?", "meets?",
    "plays?", "hosts?", "faces?", "votes?", "arrives?", "expires?", "launch(?:es)?", "debuts?",
    "premieres?", r"kicks?\s+off", r"takes?\s+effect", r"goes\s+on\s+sale", r"go\s+on\s+sale",
    "runs?",
    r"falls?(?=\s+on\s)",  # a day on the calendar: "the anniversary falls on Aug. 6"
    r"(?:is|are)\s+(?:held|shut|[a-z]{2,}ed)", "is", "are",
)  # fmt: skip
_SCHEDULED_BEFORE = re.compile(
    rf"(?i)(?:(?P<aux>[\w']+)\s+)?\b(?:{'|'.join(_SCHEDULE_VERBS)})"
    # the time may come first: "Game 3 starts at 6:08 p.m. ET Thursday"
    r"\s+(?:(?:at\s+)?(?:\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?m\.?"
    r"(?:\s+(?:[A-Z]{1,3}T|GMT|UTC|local\s+time))?|noon|midnight)"
    r"\s+)?(?:on\s+|in\s+)?$"
)
# The time as the subject of a verb in the present: "Monday is the deadline", "Sunday marks
# the 50th anniversary": a day on the calendar ahead (or today).
_PRESENT_AFTER = re.compile(r"\s+(?:is|marks)\s+(?!(?:over|past|gone)\b)")
# A weekday or a dated day; a month is not one ("January is the coldest month": any January).
_A_DAY = re.compile(r"(?i)day\b|\d")


def _day_as_subject(text: str, start: int, end: int) -> bool:
    return bool(_A_DAY.search(text, start, end)) and _PRESENT_AFTER.match(text, end) is not None


_PAST_AUX = {"was", "were", "had", "been", "did", "has", "have"}
_SINCE = re.compile(r"(?i)\bsince\s+$")


# A determiner before the word makes it a noun: "after the close on Tuesday", "a start Friday".
# "that" is left out: before a verb it is most often a relative pronoun ("the mall that opens
# Friday"), and the verb stays one.
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "this", "our", "your"}


# The same verbs with a few words of their own between them and the time: "lawmakers return
# to the capital on Monday", "voters head to the polls in November", "he appears in court
# Monday". The words between hold no verb in the past and no second clause.
_NEAR_VERBS = (
    r"\b(?:(?:re)?opens?|starts?|begins?|ends?|closes?|resumes?|returns?|meets?|plays?|hosts?"
    r"|faces?|votes?|arrives?|launch(?:es)?|debuts?|premieres?|heads?|appears?|holds?|visits?"
    r"|travels?|leaves?)"
)
_NEAR_VERB = re.compile(rf"(?i){_NEAR_VERBS}\s")  # cheap: most windows have none of them
_SCHEDULED_NEAR = re.compile(
    rf"(?i)(?:(?P<aux>[\w']+)\s+)?{_NEAR_VERBS}"
    r"(?P<between>(?:\s+(?!(?:and|or|but|which|who|that|when|after|before|since|because|while"
    r"|until|as|if)\b)[\w'-]+){1,4})(?<!\bfrom)(?<!\bsince)(?<!\bby)(?<!\bthrough)(?<!\btill)"
    r"\s+(?:on\s+|in\s+)?$"
)


# An adverb of habit before the verb makes the present a habit, not a timetable: "farmers
# usually begin the harvest in late July" tells of every July.
_HABIT = {"now", "usually", "often", "typically", "generally", "always", "normally",
          "traditionally", "sometimes", "rarely", "never", "regularly"}  # fmt: skip


# Before a noun, not a verb: a preposition, a count or a possessive ("after visits to three
# cities in May", "the March 2 vote on the bill", "two visits to China", "Monday's vote").
_NOUN_LEAD = {"of", "for", "in", "on", "at", "with", "by", "after", "before", "from", "about",
              "over", "during", "into", "per"}  # fmt: skip


def _not_a_subject(word: str) -> bool:
    """Whether `word`, right before a verb of `_NEAR_VERBS`, makes it a habit ("now start")
    or shows it to be a noun ("the March 2 vote", "Monday's vote", "two visits")."""
    return (
        word in _HABIT
        or word in _NOUN_LEAD
        or word in NUMBER_WORDS
        or word[-1:].isdigit()
        or word.endswith(("'s", "\u2019s"))
    )


# The first word of each verb of `_SCHEDULED_BEFORE`, built from the same list: a window
# without one holds no match, and this search is far cheaper than that one's.
_FIRST_WORDS = dict.fromkeys(re.split(r"\\s\+|\(\?=", verb)[0] for verb in _SCHEDULE_VERBS)
_SCHEDULED_WORD = re.compile(rf"(?i)\b(?:{'|'.join(_FIRST_WORDS)})\s")


def _scheduled(text: str, start: int) -> bool:
    lo = max(0, start - 40)
    m = (
        _SCHEDULED_BEFORE.search(text, lo, start)
        if _SCHEDULED_WORD.search(text, lo, start)
        else None
    )
    if m is None:
        if not _NEAR_VERB.search(text, max(0, start - 60), start):
            return False
        m = _SCHEDULED_NEAR.search(text, max(0, start - 60), start)
        if m is None or _past_words(m["between"]) or _not_a_subject((m["aux"] or "").lower()):
            return False
    aux = (m["aux"] or "").lower()
    if aux in _DETERMINERS:
        return False
    return aux not in _PAST_AUX and not _past_words(aux)  # "stayed open Friday": the past


def _since(text: str, start: int) -> bool:
    """ "since January": the point a span runs from, so never ahead of the telling."""
    return _SINCE.search(text, max(0, start - 10), start) is not None


# The end of a span told in the present ("runs through October", "is open till Sunday"):
# a span that runs on to a time has not reached it yet. ("until" is a future cue already.)
_THROUGH = re.compile(r"(?i)\b(?:through|thru|till)\s+$")
_PERFECT = re.compile(r"(?i)\b(?:has|have|'ve)\b")


def _past_verb_after(text: str, end: int) -> bool:
    """Whether the first verb after the expression, in its clause, is in the past ("Through
    Oct. 19, the funds had gained 1%")."""
    first = _FIRST_VERB_AFTER.match(sentence_after(text, end))
    if first is None or first["future"] is not None:
        return False
    return first["ed"] is None or first["ed"] not in _NOT_PAST_ED


def _far_until(cue: re.Match[str]) -> bool:
    """ "until" puts ahead the time right after it ("had until [Friday]"), not the later ones
    of its clause ("... to count ballots postmarked by [Election Day]")."""
    if cue[0].lower() != "until":
        return False
    return not _CLOCK_BETWEEN.fullmatch(cue.string[cue.end() :])  # "until 9 a.m. [Tuesday]"


_CLOCK_BETWEEN = re.compile(
    r"(?i)\s*(?:(?:\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?m\.?(?:\s+[A-Z]{1,3}T)?|noon|midnight)\s+)?"
)


def is_future(text: str, start: int, end: int) -> bool:
    """A future cue before the expression ("will meet on Friday") or, in its clause, as the
    first verb after it ("On Tuesday, the league plans to ..."), or a present-tense verb of
    schedule right before it ("the Games open Friday"); a reporting verb right before it ("he
    said Friday") or "since" ("since January") settles it in the past."""
    if _told_by_past_verb(text, start) or _since(text, start):
        return False
    if _scheduled(text, start) or _day_as_subject(text, start, end):
        return True
    before = sentence_before(text, start, 100)
    if (
        _THROUGH.search(before)
        and not _past_words(before)
        and not _PERFECT.search(before)  # "the fund has fallen 2% this year through Oct. 19"
        and not _past_verb_after(text, end)
    ):
        return True  # "the market runs every Saturday through October": the end still ahead
    cues = [m for m in _FUTURE_CUE.finditer(before) if not _far_until(m)]
    if cues:
        between = before[cues[-1].end() :]
        if _past_clause_between(between) or _past_in_last_clause(between):
            return False
        return not _PAST_AFTER.match(text, end)
    first = _FIRST_VERB_AFTER.match(sentence_after(text, end))
    if first is None or first["future"] is None:
        return False
    return not _past_words(sentence_before(text, start, 100))  # "said Monday it will ..."


# A clause of its own between a future cue and the expression, led by a conjunction and told
# in the past, governs the expression: "the race will go to a runoff after neither candidate
# won a majority in Sunday's first round" speaks of the Sunday before.
_PAST_CLAUSE = re.compile(
    r"(?i)\b(?:after|because|when|since|as|though|although|but)\s+(?!(?:been|being|be)\b)"
    r"(?:[\w'-]+\s+){0,3}?(?:(?:" + _IRREGULAR_PAST + r")\b|(?-i:[a-z]{2,}ed)\b)"
)


def _past_clause_between(chunk: str) -> bool:
    """Whether `chunk` (the words between a future cue and the expression) holds a clause in
    the past; a participle after an auxiliary ("after it is signed") is not one."""
    m = _PAST_CLAUSE.search(chunk)
    if m is None:
        return False
    word = m[0].split()[-1].lower()
    return word not in _NOT_PAST_ED and not re.search(
        r"(?i)\b(?:be|been|being|is|are|will|to)\s+\S+$", m[0]
    )


# Past forms that are also present ones ("they cut jobs"): no sign of the past on their own.
_SAME_IN_PRESENT = {"cut", "hit", "put", "quit"}


def _past_in_last_clause(chunk: str) -> bool:
    """Whether the clause of the expression, after a break that closes the one of a future
    cue, holds a verb in the past: "the company, which may sell the unit, reported a loss on
    Tuesday" speaks of the Tuesday before."""
    parts = _CLAUSE_END.split(chunk)
    return len(parts) > 1 and any(
        m["ed"] not in _NOT_PAST_ED if m["ed"] else m[0] not in _SAME_IN_PRESENT
        for m in _PAST_WORD.finditer(parts[-1])
    )


def _past_words(chunk: str) -> bool:
    return any(m["ed"] is None or m["ed"] not in _NOT_PAST_ED for m in _PAST_WORD.finditer(chunk))


_CLAUSE_END = re.compile(r"[,;:()\u2014]|\s--\s")
_DEADLINE = re.compile(r"(?i)\b(?:by|through|until|till|before|effective|from)\s*$")
# Case-sensitive: "May" is a month, "may" a modal verb.
_NOT_PAST = re.compile(
    r"\b(?:would|will|'ll|could|might|should|can|may|must|expects?|plans?|effective"
    r"|to\s+(?!(?:a|an|the|its|his|her|their|be|\d)\b)[a-z]+)\b"
)


def tense_of(text: str, start: int, end: int, *, future: bool | None = None) -> Tense:
    """Future (see `is_future`; `future`: its answer where the caller has it already), past (a
    past-tense verb governs the expression: the clause before it has one, or the first verb
    after it is one) or unknown. Modal verbs, a "to" infinitive or a deadline ("by May",
    "effective Feb. 1") leave it unknown."""
    if is_future(text, start, end) if future is None else future:
        return "future"
    if _since(text, start):
        return "past"
    before = sentence_before(text, start, 100)
    if _DEADLINE.search(before):
        return None
    after = sentence_after(text, end, 150)
    if _NOT_PAST.search(before):
        return None
    if _past_words(_CLAUSE_END.split(before)[-1]):
        return "past"  # the verb of its own clause: "Since KKR bought RJR in February, it has
        # agreed to sell ...": the infinitive of the next clause does not govern it
    if _NOT_PAST.search(after[:60]):
        return None
    if _past_words(before):
        return "past"
    first = _FIRST_VERB_AFTER.match(after)
    if first is not None and first["future"] is None:
        ed = first["ed"]
        if ed is None or ed not in _NOT_PAST_ED:
            return "past"
    return None


# A verb in the past right before the time, or before "on" or "in" and the time: "the results
# were certified on Dec. 6", "the mall opened on Black Friday". The time is the event's, so it
# lies before the telling, however near the next such day is.
_PAST_VERB_BEFORE = re.compile(r"(?:(?P<aux>[\w']+)\s+)?(?P<verb>[A-Za-z]+)\s+(?:(?i:on|in)\s+)?$")


def happened_at(text: str, start: int) -> bool:
    """Whether a verb in the past governs the expression from right before it; a participle
    after "be", "to" or "will" is not one ("guidelines to be published in early November")."""
    m = _PAST_VERB_BEFORE.search(text, max(0, start - 40), start)
    if m is not None and (m["aux"] or "").lower() not in _AUXILIARY and _past_words(m["verb"]):
        return True
    return _past_verb_with_object(text, start)


# A past verb with its object between it and "in" or "on": "the company cut 300 jobs in March",
# "voters rejected the measure on Nov. 3". No clause starts between, and no verb of another
# tense.
_IN_ON_BEFORE = re.compile(r"(?i)\s(?:in|on)\s+$")
_WORDS_BEFORE = re.compile(r"[\w'$%.-]+")
_NOT_OBJECT = {
    "and", "or", "but", "that", "which", "who", "to", "will", "would", "is", "are", "be",
    "when", "after", "before", "since", "because", "while", "until", "as", "if", "said",
}  # fmt: skip


def _past_verb_with_object(text: str, start: int) -> bool:
    lo = max(0, start - 60)
    cue = _IN_ON_BEFORE.search(text, lo, start)
    if cue is None:
        return False
    chunk = _CLAUSE_END.split(text[lo : cue.start()])[-1]
    words = _WORDS_BEFORE.findall(chunk)[-5:]
    for i in range(len(words) - 2, -1, -1):  # the verb, then one to three words of object
        if words[i + 1].lower() in _NOT_OBJECT:
            return False
        if len(words) - i > 4:
            return False
        if _past_words(words[i]):
            before = words[i - 1].lower() if i else ""
            # after "will", "to" or "be" a participle; after "the" or "newly" an adjective ("the
            # newly elected mayor takes office in January")
            return not (before in _AUXILIARY or before in _DETERMINERS or before.endswith("ly"))
    return False
