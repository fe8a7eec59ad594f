"""Names the lexicons and name shapes decide: organisations, persons, gazetteer entries.

`split_lists` ("Niger and Burkina Faso"), `apply_lexicon` (known organisations, places and
demonyms), `organisations` ("... Bank", "Ministry of ..."), `facilities` ("... Arena",
"... Airport": places), `people` ("J. Smith", "Given Surname", "Name ( Country )") and
`gazetteer` (known names spaCy missed; a known longer name replaces the fragments inside it).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from functools import lru_cache

from newsgraph.ids import strip_accents
from newsgraph.nlp.entities._lexicon import Lexicon
from newsgraph.nlp.entities._spans import (
    CALENDAR,
    CAP_WORD,
    PARTICLES,
    SMALL,
    Span,
    Taken,
    bare,
    is_free,
    sentence_start,
    word_set,
)

_TOKEN = re.compile(r"\S+")
_CAP_TOKEN = re.compile(r"[A-Z](?<!\S[A-Z])\S*")  # look-behind after: see `_spans.CAP_WORD`
_NEXT_NAME_WORD = re.compile(r"[ \t]+([A-Z][\w'’-]*[a-z][\w'’-]*|[a-z]{1,4}(?= [A-Z]))")
# Capitalised words, possibly joined by "of", "for", "and" ("Bank of England", "Party for Freedom").
_CAP_RUN = re.compile(
    r"[A-Z](?<![\w'’-][A-Z])[\w&'’.-]*(?:[ \t]+(?:(?:of|for|and|de|the)[ \t]+)?[A-Z][\w&'’.-]*)+"
)
_AND = re.compile(r",?\s+(?:and|&)\s+|,\s+")


def split_lists(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """Split "Niger and Burkina Faso" in two when each side is a known place."""
    out = []
    for sp in spans:
        m = _AND.search(text, sp.start, sp.end)
        if m is not None:
            left, right = text[sp.start : m.start()], text[m.end() : sp.end]
            if left in lex.places and right in lex.places:
                out += [
                    Span(sp.start, m.start(), "place", sp.source),
                    Span(m.end(), sp.end, "place", sp.source),
                ]
                continue
        out.append(sp)
    return out


def organisations(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """Names ending in an organisation word ("... Bank", "... Party", "... Corp") are ORGs."""
    out = []
    for sp in spans:
        name = text[sp.start : sp.end]
        known = name in lex.places or name in lex.demonyms
        if sp.type in ("place", "person", "other") and _org_head(name.split(), lex) and not known:
            sp = replace(sp, type="organization", source="suffix")
        out.append(sp)
    taken = Taken(out)
    for m in _CAP_RUN.finditer(text):
        words = m.group().split()
        if len(words) < 2 or not _org_head(words, lex):
            continue
        start, end = m.span()
        if words[0] in ("The", "A", "An") or words[0].lower() in _STARTERS:
            start += len(words[0]) + 1
        if text[start:end] in lex.places:
            continue
        if end - start <= len(words[-1]) or not is_free(text, start, end):
            continue
        inside = taken.overlapping(start, end)
        if inside and words[-1] in _DESKS and all(start <= a and b <= end for a, b in inside):
            out = [sp for sp in out if (sp.start, sp.end) not in inside]  # "Dhaka" in the desk
        elif inside:
            continue
        out.append(Span(start, end, "organization", "suffix"))
        taken.add(start, end)
    return sorted(_legal_prefixes(text, out, lex), key=lambda sp: sp.start)


# A wire service's desks, named by their city ("-- Westport Newsroom +1 555 0100").
_DESKS = word_set("Newsroom Newsdesk")
# Legal forms written before a company's name: Indonesian "PT" (Perseroan Terbatas), Russian
# "PJSC", "OJSC", "JSC", "OAO", "ZAO", "PAO" (joint-stock companies): "PT Sinar Makmur said" and
# "PJSC Volga Chemicals said" (our sentences) name companies with the form as part of the name.
_LEGAL_FORMS = "PT|PJSC|OJSC|JSC|OAO|ZAO|PAO"
_LEGAL_PREFIX = re.compile(
    rf"(?<![\w'’.-])(?:{_LEGAL_FORMS})[ \t]+"
    r"[A-Z][\w&'’.-]*(?:[ \t]+(?:(?:of|and|de)[ \t]+)?[A-Z][\w&'’.-]*)*"
)
_LEGAL_FORM = re.compile(_LEGAL_FORMS)  # in every name `_LEGAL_PREFIX` finds


def _legal_prefixes(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """A company named with its legal form first is one organisation, the form included; it
    replaces the spans inside it."""
    if not _LEGAL_FORM.search(text):  # a fast first test: most texts name no such form
        return spans
    found = []
    for m in _LEGAL_PREFIX.finditer(text):
        end = m.start() + len(bare(m.group()))
        found.append(Span(m.start(), end, "organization", "suffix"))
    if not found:
        return spans
    new = Taken(found)
    return [sp for sp in spans if new.free(sp.start, sp.end)] + found


def _org_head(words: list[str], lex: Lexicon) -> bool:
    """True when the last word, or a word before "of"/"for", names a kind of organisation."""
    if words[-1].rstrip(".") in lex.org_suffixes:
        return True
    return any(
        w in lex.org_suffixes and nxt in ("of", "for") for w, nxt in itertools.pairwise(words)
    )


def apply_lexicon(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """Retype spans the lexicons know: organisations, places, demonyms."""
    out = []
    for sp in spans:
        sp = _named_in_possessive(text, sp, lex)
        name = text[sp.start : sp.end]
        kind = sp.type
        if name in lex.organizations:
            kind = "organization"
        elif name in lex.strong_places and kind in ("person", "organization", "group", "other"):
            kind = "place"
        elif name in lex.demonyms and kind in ("place", "person", "organization", "other"):
            kind = "group"
        elif kind == "person" and (name in lex.places or name.endswith("shire")):
            kind = "place"
        out.append(replace(sp, type=kind) if kind != sp.type else sp)
    return out


_POSSESSIVE_S = re.compile(r"['’]s(?![\w'’-])")


def _named_in_possessive(text: str, sp: Span, lex: Lexicon) -> Span:
    """A span trimmed of a possessive that is part of a listed company's name ("Moody's cut the
    rating": the firm is "Moody's", not "Moody") gets it back, as an organisation."""
    m = _POSSESSIVE_S.match(text, sp.end)
    if m is None or sp.type == "group":
        return sp
    if text[sp.start : sp.end] + "'s" not in lex.organizations:
        return sp
    return replace(sp, end=m.end(), type="organization")


# (The look-behind after the first capital, here and below: see `_spans.CAP_WORD`.)
_INITIAL_NAME = re.compile(r"[A-Z](?<![\w.'’-][A-Z])\.[ \t]?(?:[A-Z]['’])?[A-Z][a-z][\w'’-]*")
# "Irina Privalova ( Russia )": a name followed by a country in brackets, as results lists write.
_LISTED_PERSON = re.compile(
    r"([A-Z](?<![\w'’-][A-Z])[a-z][\w'’-]*(?:[ \t]+[A-Z][a-z][\w'’-]*){1,2})[ \t]*\([ \t]*"
    r"([A-Z][\w. ]*?)[ \t]*\)"
)
_STARTERS = word_set(
    "the a an he she it they we i in on at this that these those but and if as there "
    "his her its their our when while after before"
)


def people(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """Persons from name shapes: "Given Surname" with a known given name, "J. Surname"."""
    found = []
    for m in _INITIAL_NAME.finditer(text):
        last = m.group().split()[-1] if " " in m.group() else m.group()
        if last.lower() not in _STARTERS:
            found.append((m.start(), m.end()))
    for m in itertools.chain(CAP_WORD.finditer(text), _ACCENTED_WORD.finditer(text)):
        if strip_accents(m.group()) not in lex.given_names:
            continue
        end = _name_end(text, m.end(), lex)
        if end is not None and _left_ok(text, m.start(), lex):
            found.append((m.start(), end))
    found.extend(_role_named(text, lex))
    for m in _LISTED_PERSON.finditer(text):
        name = m.group(1)
        if (
            m.group(2) in lex.strong_places
            and name not in lex.organizations
            and name not in lex.places
        ):
            found.append(m.span(1))
    exact = {(sp.start, sp.end): i for i, sp in enumerate(spans)}
    out = list(spans)
    taken = Taken(spans)
    for start, end in found:
        name = text[start:end]
        i = exact.get((start, end))
        if i is not None:
            known = name in lex.organizations or name in lex.places
            if out[i].type in ("organization", "place", "other") and not known:
                out[i] = replace(out[i], type="person")
        elif taken.free(start, end):
            out.append(Span(start, end, "person", "names"))
            taken.add(start, end)
        elif _place_surname(text, start, end, out, lex):
            out = [sp for sp in out if not (start < sp.start and sp.end == end)]
            out.append(Span(start, end, "person", "names"))
            taken.add(start, end)
    return sorted(out, key=lambda sp: sp.start)


def _place_surname(text: str, start: int, end: int, spans: list[Span], lex: Lexicon) -> bool:
    """True when the only span over "Given Surname" is its last word, a place or organisation
    name ("Ana Lima": spaCy reads "Lima" as the city), and the first word is a known given name."""
    words = text[start:end].split()
    if len(words) != 2 or strip_accents(words[0]) not in lex.given_names:
        return False
    if words[1] not in lex.places:
        return False
    inside = [sp for sp in spans if sp.start < end and start < sp.end]
    return (
        len(inside) == 1
        and (inside[0].start, inside[0].end) == (end - len(words[1]), end)
        and inside[0].type in ("place", "organization")
    )


# A capitalised word with a letter outside ASCII ("María", "José", "Zoë"): its given name is
# read without the accents, as the list writes it ("María Ruiz" is a person as "Maria Ruiz").
# (The look-ahead finds the letter once and the possessive run never backtracks: a long run of
# letters followed by a digit costs its length, not its square.)
_ACCENTED_WORD = re.compile(
    r"[A-Z](?<![\w'’.-][A-Z])(?=[^\W\d_]*[^\x00-\x7f])[^\W\d_]*+(?![\w'’-])"
)


# Lower-case words for a person's role written straight before the name, as news style's "false
# titles" do ("opposition leader Ana Ruiz", "fast bowler Tom Ellis", "Celtics guard Jon Reyes",
# "chief executive Lena Berg"): the two or three capitalised words after them are a person.
_ROLES = (
    "leader spokesman spokeswoman spokesperson minister chairman chairwoman founder director "
    "governor mayor senator lawmaker legislator candidate activist journalist reporter "
    "correspondent photographer lawyer attorney prosecutor commander coach manager striker "
    "midfielder defender goalkeeper guard bowler batsman pitcher quarterback economist analyst "
    "envoy ambassador negotiator executive"
)
_NAME_WORD = r"[A-Z][\w'’-]*[a-z][\w'’-]*"
_ROLE_THEN_NAME = re.compile(
    r"(?<![\w'’-])(?:" + "|".join(_ROLES.split()) + r")[ \t]+"
    r"(" + _NAME_WORD + r"(?:[ \t]+" + _NAME_WORD + r"){1,2})(?![\w'’-])"
)


def _role_named(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Spans of the names written after a role word (see `_ROLES`) that the lexicons do not
    know as anything else and that hold no title, place or organisation word."""
    out = []
    for m in _ROLE_THEN_NAME.finditer(text):
        name = m.group(1).rstrip("'’")
        words = name.split()
        if name in lex.organizations or name in lex.places or name in lex.demonyms:
            continue
        if any(
            w.lower().rstrip(".") in lex.titles
            or w in lex.org_suffixes
            or w in lex.strong_places
            or w in lex.demonyms
            for w in words
        ):
            continue
        out.append((m.start(1), m.start(1) + len(name)))
    return out


_DIGIT_AFTER = re.compile(r"[ \t]*\d")
_WORD_BEFORE = re.compile(r"([A-Z][\w.]*)[ \t]+$")


def _name_end(text: str, pos: int, lex: Lexicon) -> int | None:
    """End of the surname words after a given name at `pos`, or None when there are none."""
    end = None
    for _ in range(3):
        m = _NEXT_NAME_WORD.match(text, pos)
        if m is None:
            break
        word = m.group(1)
        if word in PARTICLES:
            pos = m.end()
            continue
        if word.lower().rstrip(".") in lex.titles:
            break
        if word in lex.places:
            # A place right after the given name is its surname ("Ana Lima", "Mark Denver"),
            # when the name ends there; later in a name it starts another ("Ana Silva Lima").
            if end is None and _NEXT_NAME_WORD.match(text, m.end()) is None:
                end = m.end()
            break
        if word in lex.organizations or word.rstrip(".") in lex.org_suffixes:
            break
        if word.lower() in SMALL or word.isupper():
            break
        if word.lower() in CALENDAR and _DIGIT_AFTER.match(text, m.end(), m.end() + 3):
            break
        pos = end = m.end()
    return end


def _left_ok(text: str, start: int, lex: Lexicon) -> bool:
    left = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if left is None:
        return start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "-'’")
    word = left.group(1)
    return word.lower().rstrip(".") in lex.titles or sentence_start(text, start - len(left.group()))


# Results and standings lines, as wire services print them (agate type): "Rovers 2 Harbour City


def gazetteer(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """Add capitalised gazetteer names that no span covers (places, then organisations).

    A known name of several words also replaces the fragments inside it ("Islamic" + "State").
    """
    taken = Taken(spans)
    added = list(spans)
    swallowed: set[tuple[int, int]] = set()
    window = _window(lex.max_words)
    for tok in _CAP_TOKEN.finditer(text):
        word = tok.group()
        most = lex.starts.get(word) or lex.starts.get(bare(word))
        if not most or (most == 1 and not taken.free(tok.start(), tok.start() + 1)):
            continue
        words = _TOKEN.findall(window.match(text, tok.start()).group())  # type: ignore[union-attr]
        for n in range(min(most, len(words)), 0, -1):
            name = bare(" ".join(words[:n]))
            kind = _gazetteer_type(name, lex)
            if kind is None:
                continue
            start, end = tok.start(), tok.start() + len(name)
            if text[start:end] != name or not is_free(text, start, end):
                break
            inside = taken.overlapping(start, end)
            if not inside or (
                " " in name
                and all(start <= a and b <= end for a, b in inside)
                and (start, end) not in inside
            ):
                swallowed.update(inside)
                added.append(Span(start, end, kind, "gazetteer"))
                taken.add(start, end)
            break
    if swallowed:
        added = [sp for sp in added if (sp.start, sp.end) not in swallowed]
    return sorted(added, key=lambda sp: sp.start)


@lru_cache(maxsize=4)
def _window(words: int) -> re.Pattern[str]:
    return re.compile(r"\S+(?:[ \t]+\S+){0," + str(words - 1) + "}")


def _gazetteer_type(name: str, lex: Lexicon) -> str | None:
    if name in lex.organizations:
        return "organization"
    if name in lex.places:
        return "place"
    return None


# Last words of the names of buildings and grounds ("the Harbour Arena", "Eastvale Airport"):
# a facility is a place where things happen, not the body that runs it. "Centre", "Center" and
# "Hospital" are not among them: such names are as often the institution that acts and speaks
# ("the Eastvale Research Centre said", "Northport General Hospital confirmed two deaths"), and
# news annotation types hospitals and research centres as organisations.
_FACILITIES = word_set("Stadium Airport Motel Hotel Arena")


def facilities(text: str, spans: list[Span]) -> list[Span]:
    """Names ending in a facility word are places (see `_FACILITIES`)."""
    out = []
    for sp in spans:
        words = text[sp.start : sp.end].split()
        if sp.type == "organization" and len(words) > 1 and words[-1] in _FACILITIES:
            sp = replace(sp, type="place", source="suffix")
        out.append(sp)
    return out
