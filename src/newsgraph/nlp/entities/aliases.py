"""Which names mean the same entity, within an article and across articles.

Merge rule (within one article), applied to the recognised mentions in this order:

1. Same key: mentions whose normalised keys are equal are one entity. The key folds case and
   accents, drops a leading "the", a possessive and titles ("Sheikh", "President"), treats
   hyphens and spaces alike, and spells common variants one way (Mohammed / Mohammad /
   Muhammad: the table `data/entities/variants.tsv`, which a user's data folder extends). Only
   the spelling of a word changes, so "Abu Mohammed al-Adnani" and "Abu Mohammad al-Qadari"
   stay two people.
2. Curated table (`data/entities/aliases.json`): organisations and places whose key is listed
   under one id are one entity (ISIS / ISIL / Daesh / Islamic State ...). Never applied to people.
3. Acronyms: "Long Name (LN)" in the text, or an all-capitals mention spelling the capitals of
   a longer organisation or place name in the article.
4. Renamings stated in the text: "X ..., referring to Y" (Y is the name the writer uses),
   "X, also known as Y", "X (Y)".
5. Short forms of people: a person mention whose words end a longer person name in the article
   ("al-Baghdadi", "Baghdadi", a surname alone) joins that person; if several people end that
   way, the nearest one before it.

Demonyms are not merged with their place: a group ("Russians") links to the place's id.

Canonical name: the curated name if the table knows the entity, else the referent of a
"referring to" statement, else the fullest form (most words, then most letters; titles
stripped; an acronym only when nothing else names it; a form seen only in ALL CAPS is
title-cased: "SOUTH SUDAN" -> "South Sudan").

Identity across articles: the id is `"<type>:<slug of the canonical key>"` (for example
`person:abu-bakr-al-baghdadi`), or the curated id; the same name gives the same id everywhere.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from newsgraph.ids import strip_accents
from newsgraph.nlp.entities._lexicon import Curated, Lexicon
from newsgraph.nlp.entities._spans import LEADING_THE, SPACE_OR_HYPHEN
from newsgraph.rules import data_dirs, read_table

_NON_WORD = re.compile(r"[^0-9a-z]+")
# Patterns of the name keys and surfaces, compiled once (keys are made for every mention).
_LEADING_THE_TITLE = re.compile(r"^(?:the|The)\s+")
_POSSESSIVE_END = re.compile(r"['’]s$")
_NEWLINE = re.compile("\n")
_LETTERS = re.compile(r"[^\W\d_]+")
_REFER = re.compile(r"(?:referring to|in reference to|a reference to|meaning)\s+$", re.IGNORECASE)
_REFER_LAST = frozenset("oOgG")
_RENAME = re.compile(
    r"^\s*,?\s*(?:also known as|better known as|known as|also called|a\.k\.a\.?|aka|"
    r"nicknamed|dubbed|alias|whose real name is|formerly known as|now known as|"
    r"(?:which|who) (?:calls|called) (?:itself|himself|herself))\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def fold(text: str) -> str:
    return strip_accents(text).casefold()


def strip_title(name: str, titles: frozenset[str]) -> str:
    """`name` without leading titles ("Sheikh Abu Mohammad al-Qadari" -> "Abu Mohammad ...")."""
    words = name.split()
    while len(words) > 1:
        for n in (2, 1):
            if len(words) > n and " ".join(words[:n]).lower().rstrip(".") in titles:
                words = words[n:]
                break
        else:
            break
    return " ".join(words)


@lru_cache(maxsize=4)
def _variants(dirs: tuple[Path, ...]) -> dict[str, str]:
    """Spelling variant -> the one spelling keys use (`data/entities/variants.tsv`)."""
    rows = read_table("entities/variants.tsv", ("variant", "spelling", "example"), dirs=dirs)
    out = {}
    for row in rows:
        variant, spelling = row["variant"].strip(), row["spelling"].strip()
        if not variant or not spelling or variant.lower() != variant:
            raise row.error("a variant and its spelling, both lower case and not empty")
        out[variant] = spelling
    return out


def name_key(name: str, titles: frozenset[str] = frozenset()) -> str:
    """The normalised key of a name: equal keys are the same name."""
    return _name_key(name, titles, data_dirs())


@lru_cache(maxsize=65536)
def _name_key(name: str, titles: frozenset[str], dirs: tuple[Path, ...]) -> str:
    variants = _variants(dirs)
    name = LEADING_THE.sub("", name.strip())
    name = _POSSESSIVE_END.sub("", name)
    if titles:
        name = strip_title(name, titles)
    words = [w for w in _NON_WORD.split(fold(name).replace("'", "").replace("’", "")) if w]
    return "-".join(variants.get(w, w) for w in words)


def make_id(kind: str, name: str) -> str:
    return f"{kind}:{name_key(name) or 'unnamed'}"


def is_acronym(name: str) -> bool:
    bare = name.replace(".", "").replace("&", "")
    return 2 <= len(bare) <= 8 and bare.isalpha() and bare.isupper()


def initials(name: str) -> str:
    return "".join(w[0] for w in SPACE_OR_HYPHEN.split(name) if w and w[0].isupper())


_INDEXES: dict[int, tuple[tuple[Curated, ...], dict[str, Curated]]] = {}


def _curated_index(curated: tuple[Curated, ...]) -> dict[str, Curated]:
    cached = _INDEXES.get(id(curated))
    if cached is not None and cached[0] is curated:
        return cached[1]
    index: dict[str, Curated] = {}
    for entry in curated:
        for alias in entry.aliases:
            index.setdefault(name_key(alias), entry)
    _INDEXES[id(curated)] = (curated, index)
    return index


def curated_for(name: str, lex: Lexicon) -> Curated | None:
    """The curated entry a name belongs to, if any (exact key match)."""
    return _curated_index(lex.curated).get(_name_key(name, frozenset(), lex.dirs))


@dataclass
class Item:
    """One mention while grouping: its span, text and type."""

    start: int
    end: int
    text: str
    type: str


@dataclass
class Group:
    items: list[Item]
    type: str
    name: str
    id: str
    aliases: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def group_mentions(
    text: str,
    items: Sequence[Item],
    lex: Lexicon,
    *,
    pairs: Sequence[tuple[int, int]] = (),
) -> list[Group]:
    """Group mentions into entities by the merge rule in the module docstring."""
    n = len(items)
    uf = _Union(n)
    keys = [_name_key(it.text, lex.titles, lex.dirs) for it in items]
    by_start = {it.start: i for i, it in enumerate(items)}
    # 1. same key
    first: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key in first:
            uf.union(first[key], i)
        else:
            first[key] = i
    # 2. curated table (not for people)
    curated: dict[int, Curated] = {}
    seen: dict[str, int] = {}
    for i, it in enumerate(items):
        entry = None if it.type == "person" else curated_for(it.text, lex)
        if entry is not None:
            curated[i] = entry
            if entry.id in seen:
                uf.union(seen[entry.id], i)
            else:
                seen[entry.id] = i
    # 3. acronyms
    for long_start, short_start in pairs:
        if long_start in by_start and short_start in by_start:
            uf.union(by_start[long_start], by_start[short_start])
    _acronyms_by_initials(items, uf)
    # 4. renamings
    referents = _renamings(text, items, uf)
    # 5. short forms of people
    _short_forms(items, keys, uf)
    return _build(items, uf, curated, referents, lex)


def _acronyms_by_initials(items: Sequence[Item], uf: _Union) -> None:
    longs: dict[str, list[int]] = {}
    for i, it in enumerate(items):
        if it.type in ("organization", "place", "other") and len(it.text.split()) >= 2:
            longs.setdefault(initials(it.text), []).append(i)
    for i, it in enumerate(items):
        if it.type != "person" and is_acronym(it.text):
            cands = {uf.find(j) for j in longs.get(it.text.replace(".", ""), [])}
            if len(cands) == 1:
                uf.union(cands.pop(), i)


def _renamings(text: str, items: Sequence[Item], uf: _Union) -> set[int]:
    """Merge names a sentence says are one; return the mentions named as the referent."""
    referents: set[int] = set()
    breaks = [m.start() for m in _NEWLINE.finditer(text)]
    for i, it in enumerate(items):
        k = bisect.bisect_left(breaks, it.start)
        line_start = breaks[k - 1] + 1 if k else 0
        before = text[max(line_start, it.start - 40) : it.start]
        # `_REFER` ends in "to" or "meaning" and a space: searched only after such a letter
        if before.rstrip()[-1:] in _REFER_LAST and _REFER.search(before):
            j = _previous_of_type(items, i, it.type, line_start, uf)
            if j is not None:
                uf.union(i, j)
                referents.add(i)
            continue
        if i > 0 and items[i - 1].start >= line_start:
            gap = text[items[i - 1].end : it.start]
            if _RENAME.match(gap) or _is_paren_alias(gap, text, it):
                prev = items[i - 1].type
                if prev == it.type or "person" not in (prev, it.type):
                    uf.union(i - 1, i)
    return referents


def _is_paren_alias(gap: str, text: str, it: Item) -> bool:
    return gap.strip() == "(" and text[it.end : it.end + 1] == ")"


def _previous_of_type(
    items: Sequence[Item], i: int, kind: str, line_start: int, uf: _Union
) -> int | None:
    for j in range(i - 1, max(-1, i - 30), -1):
        if items[j].start < line_start:
            return None
        if items[j].type == kind and uf.find(j) != uf.find(i):
            return j
    return None


def _short_forms(items: Sequence[Item], keys: Sequence[str], uf: _Union) -> None:
    by_key: dict[str, list[int]] = {}
    for i, it in enumerate(items):
        if it.type == "person":
            by_key.setdefault(keys[i], []).append(i)
    for short, idxs in by_key.items():
        words = short.split("-")
        tails = ["-" + short]
        if len(words) >= 2 and words[0] in ("al", "el"):
            tails.append("-" + "-".join(words[1:]))
        longer = [k for k in by_key if len(k) > len(short) and k.endswith(tuple(tails))]
        if not longer:
            continue
        targets = sorted((items[j].start, j) for k in longer for j in by_key[k])
        if len({uf.find(j) for _, j in targets}) == 1:
            for i in idxs:
                uf.union(i, targets[0][1])
            continue
        for i in idxs:  # several people end that way: the nearest one before, else after
            pos = bisect.bisect_left(targets, (items[i].start, -1))
            uf.union(i, targets[pos - 1][1] if pos > 0 else targets[0][1])


def _build(
    items: Sequence[Item],
    uf: _Union,
    curated: dict[int, Curated],
    referents: set[int],
    lex: Lexicon,
) -> list[Group]:
    members: dict[int, list[int]] = {}
    for i in range(len(items)):
        members.setdefault(uf.find(i), []).append(i)
    groups = []
    for idxs in members.values():
        mine = [items[i] for i in idxs]
        ids = [curated[i].id for i in idxs if i in curated]
        entry = None
        if ids:  # the curated entry most mentions name (of tied ones, the first named)
            top = Counter(ids).most_common(1)[0][0]
            entry = next((curated[i] for i in idxs if i in curated and curated[i].id == top), None)
        kind = entry.type if entry else _majority_type(mine)
        if entry is not None:
            name, ident = entry.name, entry.id
        else:
            name = _canonical(mine, [items[i] for i in idxs if i in referents], lex, kind)
            ident = make_id(kind, name)
        surfaces = list(dict.fromkeys(_surface(it.text) for it in mine))
        stripped = [strip_title(s, lex.titles) for s in surfaces]
        aliases = [a for a in dict.fromkeys([*surfaces, *stripped]) if a != name]
        groups.append(
            Group(
                items=mine,
                type=kind,
                name=name,
                id=ident,
                aliases=aliases,
                links=_links(kind, name, surfaces, lex),
            )
        )
    return groups


@lru_cache(maxsize=1 << 14)  # a mention's words, read for its group's name and its aliases
def _surface(text: str) -> str:
    text = _LEADING_THE_TITLE.sub("", " ".join(text.split()))
    return _POSSESSIVE_END.sub("", text)


def _majority_type(items: Sequence[Item]) -> str:
    if len(items) == 1:  # most entities: one mention
        return items[0].type
    counts = Counter(it.type for it in items)
    top = max(counts.values())
    return next(it.type for it in items if counts[it.type] == top)


def _canonical(items: Sequence[Item], referents: Sequence[Item], lex: Lexicon, kind: str) -> str:
    if referents:
        return strip_title(_surface(referents[0].text), lex.titles)
    if kind == "group":
        for it in items:
            if _surface(it.text) in lex.demonym_plural:
                return lex.demonym_plural[_surface(it.text)]
    forms = [strip_title(_surface(it.text), lex.titles) for it in items]
    full = [f for f in forms if not is_acronym(f)] or forms
    best = max(full, key=lambda f: (len(f.split()), f != f.upper(), len(f), -forms.index(f)))
    return _uncapitalise(best, lex)


def _uncapitalise(name: str, lex: Lexicon) -> str:
    """A name seen only on ALL-CAPS lines, in title case ("SOUTH SUDAN" -> "South Sudan")."""
    if name != name.upper() or not any(c.isalpha() for c in name):
        return name
    titled = _LETTERS.sub(lambda m: m.group()[:1] + m.group()[1:].lower(), name)
    if " " in name or len(name) > 5 or titled in lex.places or titled in lex.organizations:
        return titled
    return name


def _links(kind: str, name: str, surfaces: Sequence[str], lex: Lexicon) -> list[str]:
    if kind != "group":
        return []
    for surface in [name, *surfaces]:
        place = lex.demonyms.get(surface)
        if place is not None:
            entry = curated_for(place, lex)
            return [entry.id if entry and entry.type == "place" else make_id("place", place)]
    return []
