"""Type corrections an analyst notices at once, applied to recognised spans (issue 14, item 7).

- `armed_groups`: Arabic organisation shapes ("Jama'at Nusrat al-Islam wal-Muslimin",
  "Hay'at Tahrir al-Sham", "Lashkar-e-Taiba", "Izz ad-Din al-Qassam Brigades") and a code name
  or acronym beside a word for an armed group ("M23 rebels", "the militia CODECO") are
  organisations, never places or persons. Known groups are listed in `armed_groups.txt`.
- `streets`: "N. Milwaukee Ave", "S. Main St." and "1200 N. Milwaukee" are streets (places),
  not persons written "J. Smith".
- `city_names`: a name spaCy called an organisation, group or person that the gazetteer knows as
  a well-known populated place (country, large first-level region, capital or large city) is
  that place unless its sentence speaks of sport or business: "Kigali said" is Rwanda's
  government by metonymy, still the place; "Raleigh beat Durham 3-1" names a team.
- `common_words`: one common English word at a sentence start ("Help", "Share", "Contact"; the
  words of `common_words.txt`) is no name unless the lexicons or the gazetteer know a
  well-known place of that name. Nor is another ordinary word that spaCy alone read as a name
  there ("Turnout was 61 percent"): one the article also writes in lower case, or a "person"
  the English word index of the spaCy pipeline lists, unless the article also writes it
  capitalised inside a sentence, inside a longer name ("George Bush") or as a person who
  speaks ("Bush said").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from newsgraph.nlp.entities._document import occurrences
from newsgraph.nlp.entities._lexicon import Lexicon, english_words
from newsgraph.nlp.entities._spans import Span, Taken, sentence_start

KnownPlace = Callable[[str], bool]

# A city is well known from this population on (capitals and large regions whatever their size).
CITY_POPULATION = 300_000
REGION_POPULATION = 500_000


@lru_cache(maxsize=8192)
def well_known_place(name: str) -> bool:
    """True when the gazetteer's primary names include `name` as a country, a continent, a
    first-level region of `REGION_POPULATION` people, a capital or a city of `CITY_POPULATION`."""
    from newsgraph.nlp.gazetteer import load_gazetteer

    for cand in load_gazetteer().lookup(name):
        entry = cand.entry
        if cand.alternate:
            continue
        if entry.kind in ("country", "continent"):
            return True
        if entry.kind == "admin1" and entry.population >= REGION_POPULATION:
            return True
        if entry.kind == "city" and (entry.capital or entry.population >= CITY_POPULATION):
            return True
    return False


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Arabic words that open an organisation's name: group, movement, board, front, battalions, army,
# army (Urdu), movement (Urdu), party, league, free men, companies, supporters, liberation, banner.
_ARABIC_HEAD = (
    r"(?:Jama['’]?at|Jama['’]?ah|Jamaat|Jemaah|Jamiat|Harakat|Harakah|Hay['’]at|Hayat|Jabhat"
    r"|Kata['’]?ib|Jaysh|Jaish|Lashkar|Tehrik|Tehreek|Hizb|Asa['’]?ib|Ahrar|Saraya|Ansar"
    r"|Tahrir|Liwa)"
)
# Arabic (and Urdu) particles written joined to the next word by a hyphen: "al-Islam", "-e-".
_PARTICLE = r"(?:al|el|ul|ut|ud|ad|an|ar|as|ash|at|az|wal|wa|e|i|fi|li|bi)"
_ARABIC_ORG = re.compile(
    rf"(?<![\w'’-]){_ARABIC_HEAD}(?:(?:[ \t]+|-)(?:{_PARTICLE}-)?[A-Z][\w'’]*)+"
)
# A run of name words, some with a joined particle ("Izz ad-Din al-Qassam Brigades").
_PARTICLE_RUN = re.compile(
    rf"(?<![\w'’-])(?:{_PARTICLE}-)?[A-Z][\w'’]*(?:[ \t]+(?:{_PARTICLE}-)?[A-Z][\w'’]*)*"
)
_HAS_PARTICLE = re.compile(rf"(?:^|[\s-]){_PARTICLE}-[A-Z]")
_JOINED_CAPITAL = re.compile(r"-[A-Z]")  # in every name `_HAS_PARTICLE` finds: a cheap first test
_TRAILING_CALENDAR = re.compile(
    r"(?:[ \t]+(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))+$"
)
# A code name ("M23", "M-19") or an acronym ("FDLR", "SPLM-N"), standing alone.
_CODE_NAME = re.compile(
    # (the first capital taken before the look-behind: see `_spans.CAP_WORD`)
    r"[A-Z](?<![\w'’.-][A-Z])(?:[A-Z]{0,2}-?\d{1,3}|[A-Z]{2,5}(?:-[A-Z]{1,2})?)(?![\w'’]|-\d|\.\w)"
)
_GROUP_AFTER = _words(
    "rebels rebel militia militias militiamen fighters insurgents insurgency militants "
    "guerrillas guerrilla jihadists combatants movement"
)
# "the rebel group M23", "the militia CODECO", "the armed group ADF".
_GROUP_BEFORE = re.compile(
    r"(?:\b(?:the|a|rebel|armed|militant|jihadist|insurgent|Islamist)[ \t]+)"
    r"(?:group|militia|movement|rebels|insurgents|militants|faction|alliance)[ \t]+(?:the[ \t]+)?$"
)
# Capitals that are words, titles or codes, not names of groups ("group CEO", "LGBT movement").
_NOT_GROUPS = _words(
    "CEO CFO COO CTO CIO GDP VAT IPO NGO NGOS LGBT LGBTQ HIV AIDS COVID DNA SUV ATM TV USD EUR "
    "GMT UTC THE AND FOR NEW OLD"
)
_POSSESSIVE = re.compile(r"['’]s(?![\w'’])")
_GROUP_LINK = re.compile(r"-(?:led|backed|controlled|held|run|linked|allied|affiliated)\b")
_WORD_AFTER = re.compile(r"[ \t]+([A-Za-z]+)(?:[ \t]+([A-Za-z]+))?")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ \t]+(?:the[ \t]+)?$")  # the word before a name


def armed_groups(text: str, spans: list[Span], lex: Lexicon, known_place: KnownPlace) -> list[Span]:
    """Organisations from the shapes of armed groups' names (see the module's docstring)."""
    found: list[tuple[int, int]] = []
    if _JOINED_CAPITAL.search(text):  # a name with a joined particle ("al-Nusra") needs one
        found = [
            (m.start(), m.end()) for m in _ARABIC_ORG.finditer(text) if _has_particle(m.group())
        ]
        for m in _PARTICLE_RUN.finditer(text):
            words = m.group().split()
            if len(words) >= 2 and words[-1] in lex.org_suffixes and _has_particle(m.group()):
                start = m.start() + (len(words[0]) + 1 if words[0] in ("The", "A", "An") else 0)
                found.append((start, m.end()))
    found = [_trim_name(text, a, b) for a, b in found]
    orgs = Taken(sp for sp in spans if sp.type == "organization")
    for m in _CODE_NAME.finditer(text):
        name = m.group()
        if name in lex.places or name in lex.organizations or name in _NOT_GROUPS:
            continue
        beside = orgs.free(*m.span()) and _beside_group_word(text, m.start(), m.end())
        if beside and not known_place(name):
            found.append(m.span())
    return _force(spans, [Span(a, b, "organization", "shape") for a, b in found if b > a])


def _has_particle(name: str) -> bool:
    return bool(_HAS_PARTICLE.search(name))


def _trim_name(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds cut before a possessive ("Jabhat al-Nusra's Abu ...") and without trailing day
    and month names ("... al-Sham Tuesday")."""
    m = _POSSESSIVE.search(text, start, end)
    if m:
        end = m.start()
    m = _TRAILING_CALENDAR.search(text, start, end)
    return (start, m.start()) if m and m.start() > start else (start, end)


def _beside_group_word(text: str, start: int, end: int) -> bool:
    """True for "M23 rebels", "M23-backed", "the rebel group M23", "the militia CODECO"."""
    if _GROUP_LINK.match(text, end):
        return True
    after = _WORD_AFTER.match(text, end)
    if after and after.group(1).lower() in _GROUP_AFTER:
        word, nxt = after.group(1).lower(), (after.group(2) or "").lower()
        return not (word == "fighters" and nxt in ("jet", "jets"))
    return _GROUP_BEFORE.search(text, max(0, start - 60), start) is not None


def _force(spans: list[Span], new: list[Span]) -> list[Span]:
    """Put the new spans in (the longer first where they overlap), each replacing the spans
    it overlaps unless one of them is "other" (spaCy's products: "F-16") or an organisation
    that already covers it."""
    if not new:
        return spans
    taken = Taken(spans)
    by_range: dict[tuple[int, int], list[Span]] = {}
    for o in spans:
        by_range.setdefault((o.start, o.end), []).append(o)
    placed = Taken([])
    dropped: set[tuple[int, int]] = set()
    added = []
    for sp in sorted(new, key=lambda s: (s.start - s.end, s.start)):
        if not placed.free(sp.start, sp.end):
            continue
        ranges = taken.overlapping(sp.start, sp.end)
        clash = [o for r in ranges for o in by_range.get(r, [])]
        if any(o.type == "other" for o in clash):
            continue
        inside = all(o.start <= sp.start and sp.end <= o.end for o in clash)
        if inside and any(o.type == "organization" for o in clash):
            continue
        dropped.update(ranges)
        placed.add(sp.start, sp.end)
        added.append(sp)
    kept = [o for o in spans if (o.start, o.end) not in dropped]
    return sorted([*kept, *added], key=lambda s: s.start)


# Street words, written in full or abbreviated with or without a dot.
_STREET = (
    r"(?:St|Street|Ave|Avenue|Blvd|Boulevard|Rd|Road|Dr|Drive|Ln|Lane|Way|Pkwy|Parkway|Hwy"
    r"|Highway|Ct|Pl|Place|Ter|Terrace|Sq|Square|Cir|Pike|Expy|Expressway)\.?"
)
_COMPASS_NAME = re.compile(r"[NSEW]\.[ \t]?([A-Z][a-z][\w'’-]*)(?![\w'’-])")
_ENDS_IN_STREET = re.compile(rf"[ \t]{_STREET}$")
_STREET_AFTER = re.compile(rf"[ \t]+{_STREET}(?![\w'’-])")
_HOUSE_NUMBER = re.compile(r"\d+[A-Za-z]?[ \t]+$")


def streets(text: str, spans: list[Span], known_place: KnownPlace) -> list[Span]:
    """ "N. Milwaukee Ave", "S. Main St." are streets (places); a compass initial before a
    well-known place or after a house number ("1200 N. Milwaukee") is a street, not "J. Smith"."""
    out = []
    for sp in spans:
        name = text[sp.start : sp.end]
        if sp.type != "place" and len(name.split()) >= 2:
            compass = _COMPASS_NAME.match(name)
            street = _STREET_AFTER.match(text, sp.end)
            if _ENDS_IN_STREET.search(name):
                sp = replace(sp, type="place")
            elif compass is not None and (
                street
                or known_place(compass.group(1))
                or _HOUSE_NUMBER.search(text, max(0, sp.start - 12), sp.start)
            ):
                sp = replace(sp, type="place", end=street.end() if street else sp.end)
        out.append(sp)
    return out


# Words that make a city's name mean a team or a company in their sentence.
_SPORT_OR_BUSINESS = _words(
    "beat beats beaten defeated defeat drew draw win wins won victory lost loss title champion "
    "champions championship league cup match matches season coach manager striker midfielder "
    "defender goalkeeper goal goals scored scoring fans stadium tournament playoff playoffs final "
    "semifinal innings wicket wickets club clubs team teams squad player players signed transfer "
    "halftime fixture derby points race "
    "shares stock stocks profit profits revenue revenues sales earnings company companies firm "
    "firms carmaker automaker maker brand brands ceo executive investors dividend merger "
    "acquisition subsidiary products customers"
)
_LOWER_WORD = re.compile(r"[a-z][a-z-]*")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


def city_names(text: str, spans: list[Span], lex: Lexicon, known_place: KnownPlace) -> list[Span]:
    """A name spaCy called an organisation, group or person that is a well-known populated
    place is the place, unless its sentence speaks of sport or business ("Kigali said")."""
    out = []
    for sp in spans:
        if sp.type in ("organization", "group", "person") and sp.source == "spacy":
            name = text[sp.start : sp.end]
            if (
                _may_be_place(text, sp, name, lex)
                and known_place(name)
                and (
                    not org_sentence(text, sp.start, sp.end)
                    or _LOCATIVE.search(text, max(0, sp.start - 16), sp.start)
                )
            ):
                sp = replace(sp, type="place")
        out.append(sp)
    return out


_COMPASS_WORDS = _words(
    "North South East West Northern Southern Eastern Western Central Northeastern Northwestern "
    "Southeastern Southwestern Upper Lower Middle"
)
_NUMBER_AFTER = re.compile(r"[ \t]+\d")
_ORG_BEFORE = _words(
    "newspaper daily paper weekly magazine agency broadcaster channel station club team side "
    "company firm brand label"
)


# A preposition of place right before the name: "shares fell 4 percent in Oslo" and "a plant
# near Lyon" name the city even in a sentence of business or sport.
_LOCATIVE = re.compile(r"(?<![\w'’-])(?:in|near|outside)[ \t]+$")

# A single word with a capital inside after lower-case letters ("SpaceX", "OpenAI", "TikTok")
# is a brand's shape; a surname written so keeps a known prefix ("McCarthy", "DeSantis").
_CAMEL = re.compile(r"[A-Z][a-z]+[A-Z][\w]*")
_SURNAME_PREFIXES = ("Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "St")


def camel_case_brands(text: str, spans: list[Span]) -> list[Span]:
    """A one-word person with a brand's camel-case shape is an organisation: "SpaceX
    launched its rocket" (spaCy: PERSON) names the company."""
    out = []
    for sp in spans:
        name = text[sp.start : sp.end]
        if (
            sp.type == "person"
            and _CAMEL.fullmatch(name)
            and not name.startswith(_SURNAME_PREFIXES)
        ):
            sp = replace(sp, type="organization", source="shape")
        out.append(sp)
    return out


_TOKEN_BEFORE = re.compile(r"([\w.]+)[ \t]+$")


def _may_be_place(text: str, sp: Span, name: str, lex: Lexicon) -> bool:
    """A short capitalised name the lexicons do not know otherwise; for a person, one word
    that is no given name, no ambiguous place name ("Austin") and has no title before it."""
    words = name.split()
    if not words or len(words) > 3 or name.isupper() or not all(w[:1].isupper() for w in words):
        return False
    if name in lex.organizations or name in lex.demonyms or name in lex.acronyms:
        return False
    if words[0] in _COMPASS_WORDS or _NUMBER_AFTER.match(text, sp.end):
        return False  # "Northern states"; "Atlanta 83 49" is a team in a table
    before = _WORD_BEFORE.search(text, max(0, sp.start - 40), sp.start)
    if before and before.group(1).lower() in _ORG_BEFORE:
        return False  # "the newspaper Granma", "the club Leeds"
    if sp.type == "person":
        before = _TOKEN_BEFORE.search(text, max(0, sp.start - 20), sp.start)
        titled = before is not None and before.group(1).lower().rstrip(".") in lex.titles
        plain = name not in lex.not_places and name not in lex.given_names
        return len(words) == 1 and plain and not titled
    return True


def org_sentence(text: str, start: int, end: int) -> bool:
    """True when the sentence around start:end has a word of sport or business."""
    left = max(0, start - 200)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, left, start)]
    a = ends[-1] if ends else left
    m = _SENTENCE_END.search(text, end, min(len(text), end + 200))
    b = m.start() if m else min(len(text), end + 200)
    words = _LOWER_WORD.findall(text[a:start] + " " + text[end:b])
    return any(w in _SPORT_OR_BUSINESS for w in words)


def common_words(text: str, spans: list[Span], lex: Lexicon, known_place: KnownPlace) -> list[Span]:
    """Drop a single common English word at a sentence start ("Help", "Share"; "Turnout was 61
    percent") unless the lexicons or the gazetteer know it as a name; an ordinary word that is
    no page furniture also needs no other sign of a name (`_ordinary_word`)."""
    out = []
    seen = _Seen(text, spans)
    for sp in spans:
        name = text[sp.start : sp.end]
        if (
            _starts_sentence(text, sp.start)
            and (name in lex.common_words or _ordinary_word(text, sp, name, seen, lex))
            and not _named(name, lex)
            and not known_place(name)
        ):
            continue
        out.append(sp)
    return out


_WORD_TYPES = frozenset({"person", "organization", "place"})
# A numbered item's number ("3. Pelham 10-1" in a results list): no sentence ends before a name.
_LIST_NUMBER = re.compile(r"(?:^|\s)\d+\.[ \t]*$")
# The word after a person's name that says a person is meant ("Bush said", "Cook told").
_SPEECH_AFTER = re.compile(r"[ \t]+(?:said|says|told|added|tells|adds|wrote|asked)\b")
# A lower-case word right before a name, in the same sentence ("shares of Apple", "Apple,").
_LOWER_BEFORE = re.compile(r"(?<![\w'’-])[a-z][\w'’]*,?[ \t]+$")


def _ordinary_word(text: str, sp: Span, name: str, seen: _Seen, lex: Lexicon) -> bool:
    """True when spaCy's one-word name `name` is an ordinary English word with no sign of a
    name around it: the article writes it in lower case elsewhere, or (for a person) the English
    word index has it, and the article never writes it capitalised inside a sentence ("shares
    of Apple"), inside a longer name ("George Bush"), after a title ("Mr. Baker", whose dot
    reads as a sentence end) or as a person who speaks ("Bush said")."""
    if sp.source != "spacy" or sp.type not in _WORD_TYPES:
        return False
    before = text[max(0, sp.start - 30) : sp.start].split()
    if before and before[-1].lower().rstrip(".") in lex.titles:
        return False
    if not (name.isalpha() and name[:1].isupper() and name[1:].islower()):
        return False
    if _LIST_NUMBER.search(text, max(0, sp.start - 12), sp.start):
        return False
    word = name.lower()
    if not seen.in_lower_case(word) and (sp.type != "person" or word not in english_words()):
        return False
    if sp.type == "person" and _SPEECH_AFTER.match(text, sp.end):
        return False
    return not seen.named_elsewhere(name)


class _Seen:
    """What `_ordinary_word` asks of the whole article, read once a name: a text of many
    sentences opening on names is scanned once for each of at most `LIMIT` names, not once a
    span; past them a name counts as written as one (kept, as before the rule)."""

    LIMIT = 200

    def __init__(self, text: str, spans: list[Span]) -> None:
        self.text, self.spans = text, spans
        self._lower: dict[str, bool] = {}
        self._named: dict[str, bool] = {}
        self._inner: set[str] | None = None

    def in_lower_case(self, word: str) -> bool:
        if word not in self._lower:
            if len(self._lower) >= self.LIMIT:
                return False
            self._lower[word] = next(occurrences(self.text, word), None) is not None
        return self._lower[word]

    def named_elsewhere(self, name: str) -> bool:
        """Inside a longer name, or capitalised after a lower-case word of its sentence."""
        if name not in self._named:
            if len(self._named) >= self.LIMIT:
                return True
            if self._inner is None:
                self._inner = {
                    word
                    for other in self.spans
                    if " " in (inner := self.text[other.start : other.end])
                    for word in inner.split()
                }
            text = self.text
            self._named[name] = name in self._inner or any(
                _LOWER_BEFORE.search(text, max(0, pos - 30), pos) for pos in occurrences(text, name)
            )
        return self._named[name]


def _starts_sentence(text: str, pos: int) -> bool:
    return pos == 0 or sentence_start(text, pos)


def _named(name: str, lex: Lexicon) -> bool:
    return any(name in s for s in (lex.places, lex.organizations, lex.demonyms, lex.given_names))
