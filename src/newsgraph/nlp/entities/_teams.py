"""Sports teams in running prose, from the shapes sports reporting gives their names.

- `club_names`: in a sentence about sport, a place followed by a nickname in the plural or by a
  club word is a team ("the Harbour City Herons beat ...", "Eastvale United", "Northport
  Rovers"), unless the whole name is itself a place ("Kansas City"); "the Herons" alone in a
  sentence about sport is that team; so is the bare town ("Harbour City") once the document has
  named its team in full, wherever a sentence about sport makes it the subject or object of the
  game ("Harbour City won", "for Harbour City", "Harbour City 's lead") rather than the setting
  ("in Harbour City").
- `sides`: a general convention of sports reporting names a club by its town ("Eastvale beat
  Northport", "joined Eastvale", "Eastvale coach Ann Roe", "Eastvale are top", "Eastvale 's
  lead"): in a sentence about sport, a town (not a country or region: national teams stay
  places) in the grammatical place of a side in the game is the team. Each such mention is an
  organisation and keeps that type; the town's other mentions ("in Eastvale") keep theirs.
  The two names of a fixture ("Postponed: Eastvale v Northport") and the club a player moves
  from ("joined Eastvale from Northport", "transferred to Eastvale") are sides too.
- `entrants`: in a cycling or motor-racing results list, the capitalised name after a
  competitor and the country in brackets is the team or make ("Ola Berg ( Norway ) Harbour
  Cycles 12 seconds behind"), unless it opens with a given name (the next competitor).
- `headline_results`: a wire headline under a team sport's heading, "SOCCER - EASTVALE BEAT
  NORTHPORT 2-1", names the two sides of the result verb, teams unless countries or regions
  (national sides stay places). Individual sports ("ATHLETICS - BERG BEATS HOLT") name persons
  and are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from newsgraph.nlp.entities._lexicon import Lexicon
from newsgraph.nlp.entities._spans import Span, Taken, is_free, put_over


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that make a sentence one about sport.
SPORT_WORDS = _words(
    "beat beats beaten defeated defeat drew draw win wins won victory lost loss title champion "
    "champions championship league cup match matches season coach manager striker midfielder "
    "defender goalkeeper goal goals scored scoring fans stadium tournament playoff playoffs final "
    "semifinal innings inning wicket wickets club clubs team teams squad player players signed "
    "transfer halftime fixture derby homer homered pitched pitcher rallied blanked routed "
    "thrashed trounced "
    "outscored game games series standings division postponed abandoned fixtures "
    "soccer football rugby baseball basketball cricket hockey volleyball handball "
    "winger keeper transferred transfers loan loaned debut equaliser equalizer penalty penalties "
    "relegation relegated unbeaten hat-trick substitute referee scorer scorers trophy"
)
# Last words of club names ("Eastvale United", "Northport Rovers", "Sporting Clube").
CLUB_WORDS = _words(
    "United City Rovers Athletic Athletico Wanderers Albion Town FC AFC CF SC Rangers Hotspur "
    "Villa Orient Thistle Academicals Dynamo Sporting Olympique Real"
)
# Plurals that name events, not teams ("the Atlanta Games").
_EVENTS = _words("Games Olympics Championships Awards Talks Trials Open Masters Classics")
_PLACE_THEN_NAME = re.compile(
    r"([A-Z](?<![\w'’.-][A-Z])[\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,2})[ \t]+"
    r"([A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?)(?![\w'’-])"
)
# (look-behinds after the first letters, here and above: see `_spans.CAP_WORD`)
_THE_PLURAL = re.compile(r"the(?<![\w'’-]the)[ \t]+([A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?s)(?![\w'’-])")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
_ANY_WORD = re.compile(r"[A-Za-z]+")
_SETTING_BEFORE = re.compile(r"(?<![\w'’-])(?:in|at|from|to|near|of)[ \t]+$", re.IGNORECASE)

KnownPlace = Callable[[str], bool]


def sport_sentence(text: str, start: int, end: int) -> bool:
    """True when the sentence around start:end has a word about sport."""
    left = max(0, start - 200)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, left, start)]
    a = ends[-1] if ends else left
    m = _SENTENCE_END.search(text, end, min(len(text), end + 200))
    b = m.start() if m else min(len(text), end + 200)
    words = _ANY_WORD.findall(text[a:start] + " " + text[end:b])
    return any(w.lower() in SPORT_WORDS for w in words)  # "Soccer - Wigan Beat Bradford" too


def _nickname(word: str) -> bool:
    last = word.split()[-1]
    if last in _EVENTS:
        return False
    return last in CLUB_WORDS or (last.endswith("s") and not last.endswith("ss") and len(last) > 3)


def club_names(text: str, spans: list[Span], lex: Lexicon, known_place: KnownPlace) -> list[Span]:
    """Teams named "Place Nickname" and "the Nicknames" in sentences about sport; the bare place
    then names the team where the sentence makes it a side in the game (see the docstring)."""
    found: list[tuple[int, int]] = []
    towns: set[str] = set()
    nicknames: set[str] = set()
    for m in _PLACE_THEN_NAME.finditer(text):
        place, nick = m.group(1), m.group(2)
        if place.startswith("The "):
            place = place[4:]
        whole = f"{place} {nick}"
        if not _nickname(nick) or whole in lex.places or whole in lex.strong_places:
            continue
        if not (place in lex.places or known_place(place)) or place in lex.strong_places:
            continue
        if place in lex.not_places or place.split()[0] in lex.given_names:
            continue  # "Chad Curtis" is a person
        if known_place(whole) or not sport_sentence(text, m.start(), m.end()):
            continue
        start = m.end() - len(whole)
        found.append((start, m.end()))
        towns.add(place)
        if nick.split()[-1] not in CLUB_WORDS:
            nicknames.add(nick)
    for m in _THE_PLURAL.finditer(text):
        name = m.group(1)
        if not _nickname(name) or name in lex.places or name in lex.demonyms or known_place(name):
            continue
        if name in nicknames or sport_sentence(text, m.start(), m.end()):
            found.append(m.span(1))
    spans = _put(text, spans, found)
    if not towns:
        return spans
    out = []
    for sp in spans:
        name = text[sp.start : sp.end]
        if (
            sp.type == "place"
            and name in towns
            and sport_sentence(text, sp.start, sp.end)
            and not _SETTING_BEFORE.search(text, max(0, sp.start - 8), sp.start)
        ):
            sp = replace(sp, type="organization", source="team")
        out.append(sp)
    return out


# Words that open a club's name in many countries' football: "Borussia Eastvale", "Dynamo
# Northport", "FC Westbury" (our names). Those that name nothing else make a team wherever they
# open a name; the others ("Real", "Sporting", "Inter") only in a sentence about sport.
_CLUB_OPENERS = _words(
    "Borussia Deportivo Dynamo Dinamo Olympique Spartak Lokomotiv Partizan Atletico CSKA FC VfB VfL"
)
_CLUB_OPENERS_IN_SPORT = _words("Real Sporting Racing Athletic Inter AC SC SV")
_CLUB_OPENER = re.compile(
    r"(?<![\w'’.-])("
    + "|".join(sorted(_CLUB_OPENERS | _CLUB_OPENERS_IN_SPORT))
    + r")[ \t]+[A-Z][a-z][\w'’-]*(?![\w'’-])"
)


def club_openers(text: str, spans: list[Span]) -> list[Span]:
    """A name opened by a club word and one capitalised word is a team ("Dynamo Northport 2",
    "joined Real Westbury"): it replaces the person or place read inside it."""
    found = []
    for m in _CLUB_OPENER.finditer(text):
        opener = m.group(1)
        if opener in _CLUB_OPENERS or (
            opener in _CLUB_OPENERS_IN_SPORT and sport_sentence(text, m.start(), m.end())
        ):
            found.append(m.span())
    return _put(text, spans, found)


def _put(text: str, spans: list[Span], found: list[tuple[int, int]]) -> list[Span]:
    """Teams replace the spans inside them; one that crosses a span's edge is left out, and
    so is one over no span whose words are not free to take."""
    if not found:
        return spans
    return put_over(spans, found, "team", alone=lambda a, b: is_free(text, a, b))


SIDE = "side"  # the source of a town read as its team: `consistency` leaves its type
# Words before a town that make it a side: "joined", "beat", "drew with", "lost to", "former",
# and the verbs of a result with its loser as object ("thrashed Eastvale 5-0").
_SIDE_BEFORE = re.compile(
    r"(?<![\w'’-])(?:joined|joining|join|beat|beating|defeated|defeating|against|over|behind"
    r"|thrashed|routed|edged|crushed|hammered|trounced|stunned|downed|eliminated"
    r"|with|lost[ \t]+to|home[ \t]+to|former|ex|for|play|plays|face|faces|meet|meets|leaders"
    r"|(?:transferred|moved|loaned|sold|returned|switched|away)[ \t]+to|rejoined|left|leaving"
    r"|hosts|visitors|holders|champions|rivals|opponents)"
    r"[ \t-]+$"
)
# Words after a town that make it a side: a result, a plural verb of a club, its people.
_SIDE_AFTER = re.compile(
    r"[ \t]+(?:beat|beats|defeated|drew|lost|won|edged|thrashed|routed|crushed|downed|rallied"
    r"|blanked|snapped|are|were|have|(?:has|had)[ \t]+(?:won|lost|scored|beaten|drawn)"
    r"|coach|manager|striker|skipper|captain|goalkeeper|defender|midfielder|forward|team"
    r"|side|fans|players|player|pitcher|batsman|bowler|club)(?![\w'’-])"
)
# A club a player moves from, a few words after the move: "joined Eastvale from Northport",
# "signed for the club from Northport" (not "joined Eastvale, and fans from Northport").
_TRANSFER_FROM = re.compile(
    r"(?<![\w'’-])(?:joined|joins|signed|signs|moved|moves|transferred|bought|arrived)"
    r"(?:[ \t]+(?!and(?![\w'’-]))[\w'’.-]+){1,3}[ \t]+from[ \t]+$"
)
# "Eastvale 's lead", "Eastvale 's Ann Roe": the town's possession in a sentence about sport.
_SIDE_POSSESSIVE = re.compile(
    r"[ \t]*['’]s?[ \t]+(?:[A-Z]|(?:lead|win|victory|defeat|loss|record|coach|manager|first"
    r"|second|third|[a-z]+th)(?![\w'’-]))"
)


def sides(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """Towns in the place of a side in the game are teams (see the module's docstring)."""
    out = []
    for sp in _fixtures(text, spans, lex):
        name = text[sp.start : sp.end]
        if sp.type == "place" and sp.source != "dateline" and name not in lex.strong_places:
            before = _SIDE_BEFORE.search(text, max(0, sp.start - 20), sp.start)
            if (
                before is not None
                or _SIDE_AFTER.match(text, sp.end)
                or _SIDE_POSSESSIVE.match(text, sp.end)
                or _TRANSFER_FROM.search(text, max(0, sp.start - 60), sp.start)
            ) and sport_sentence(text, sp.start, sp.end):
                sp = replace(sp, type="organization", source=SIDE)
        out.append(sp)
    return out


# A fixture as sports pages write it, "Eastvale v Northport", "Eastvale vs. Northport" (the
# second name may open the next line of a fixture list).
_FIXTURE_NAME = r"[A-Z][\w'’.&-]*(?:[ \t]+[A-Z][\w'’.&-]*){0,2}"
_FIXTURE = re.compile(
    rf"([A-Z](?<![\w'’.&-][A-Z])[\w'’.&-]*(?:[ \t]+[A-Z][\w'’.&-]*){{0,2}})"
    rf"[ \t]+(?:v|vs)\.?[ \t]*\n?[ \t]*({_FIXTURE_NAME})(?![\w'’&-])"
)
_FIXTURE_CUE = re.compile(r"[ \t]vs?\.?\s")  # a fast first test: most texts have no fixture


def _fixtures(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """The two names of a fixture in a sentence about sport are teams, unless countries or
    regions (national sides stay places): "Postponed: Eastvale v Northport" (our line)."""
    if _FIXTURE_CUE.search(text) is None:
        return spans
    found = []
    whole: set[tuple[int, int]] = set()  # one span over both sides ("Eastvale v Northport")
    for m in _FIXTURE.finditer(text):
        if not sport_sentence(text, m.start(), m.end()):
            continue
        sides = [(m.start(g), m.group(g).rstrip(".")) for g in (1, 2)]  # a sentence's dot off
        for start, name in sides:
            if name not in lex.strong_places and name not in lex.demonyms:
                found.append((start, start + len(name)))
        end = sides[1][0] + len(sides[1][1])
        whole.update((sp.start, sp.end) for sp in spans if sp.start <= m.start(1) and end <= sp.end)
    if not found:
        return spans
    spans = [sp for sp in spans if (sp.start, sp.end) not in whole]
    return put_over(spans, found, SIDE, alone=lambda a, b: is_free(text, a, b))


# Headings of team sports, as wire services open a story ("SOCCER - ", "RUGBY LEAGUE - ").
_TEAM_SPORT_HEADING = re.compile(
    r"^[ \t]*(?:soccer|football|baseball|basketball|rugby union|rugby league|rugby|cricket"
    r"|ice hockey|hockey|american football|volleyball|handball)[ \t]+-[ \t]+",
    re.IGNORECASE | re.MULTILINE,
)
_VERB_WORDS = _words("beat beats defeat defeats draw drew hold holds held")
_HEAD_NAME = r"[A-Z][\w'’.&-]*(?:[ \t]+[A-Z][\w'’.&-]*){0,2}"
_HEAD_RESULT = re.compile(
    rf"(?:^|-[ \t]+|(?<=[ \t])(?i:as|and|after|while)[ \t]+)({_HEAD_NAME})[ \t]+"
    r"(?i:beat|beats|defeat|defeats|down|downs|rout|routs|thrash|thrashes|edge|edges|hold|holds"
    r"|held|draw[ \t]+with|drew[ \t]+with|crush|crushes|stun|stuns|upset|upsets)"
    rf"[ \t]+({_HEAD_NAME})(?![\w'’&-])"
)


def headline_results(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """The sides of a result in a team sport's headline are teams (see the docstring)."""
    found = []
    for heading in _TEAM_SPORT_HEADING.finditer(text):
        end = text.find("\n", heading.end())
        line = text[heading.end() : len(text) if end < 0 else end]
        for m in _HEAD_RESULT.finditer(line):
            for g in (1, 2):
                name = m.group(g)
                if name not in lex.strong_places and name.split()[-1].lower() not in _VERB_WORDS:
                    found.append((heading.end() + m.start(g), heading.end() + m.end(g)))
    if not found:
        return spans
    new = Taken(Span(a, b, "") for a, b in found)
    rest = [sp for sp in spans if new.free(sp.start, sp.end)]
    added = [Span(a, b, "organization", "team") for a, b in found]
    return sorted([*rest, *added], key=lambda sp: sp.start)


# A results list's competitor with a country in brackets and then the team or make it rides or
# drives for, as cycling and motor racing lists write them: "4. Ola Berg ( Norway ) Harbour
# Cycles 12 seconds behind", "2. Ann Roe ( Canada ) , Westbury Motors , 54.483" (our lines).
_ENTRANT = re.compile(
    # (the country's words one space apart: a lazy run of spaces before the bracket's own
    # spaces would try every split of a long blank run)
    r"[A-Z][a-z][\w'’-]*[ \t]*\([ \t]*([A-Z][\w.]*(?:[ \t][\w.]+)*)[ \t]*\)[ \t]*,?[ \t]*"
    r"([A-Z][\w'’&-]*(?:[ \t]+[A-Z][\w'’&-]*){0,2})"
    r"(?=[ \t]*(?:,|\d|\n(?![ \t]*[A-Z(])|$|(?:all[ \t]+)?same[ \t]+time))"
)


def entrants(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """The team or make after a listed competitor's country is an organisation (see above)."""
    found = []
    for m in _ENTRANT.finditer(text):
        team = m.group(2)
        if (
            m.group(1) in lex.strong_places
            and team not in lex.strong_places
            and team.split()[0] not in lex.given_names  # the next competitor, "Ann Roe"
        ):
            found.append(m.span(2))
    if not found:
        return spans
    return put_over(spans, found, "results", alone=lambda a, b: is_free(text, a, b))
