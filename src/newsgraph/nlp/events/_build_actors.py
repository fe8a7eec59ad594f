"""Build the CAMEO actor tables from the Phoenix actor and agent dictionaries.

Run by ``python -m newsgraph.nlp.events.build`` (``make event-tables``); the coder
(`newsgraph.nlp.events._actors`) reads only what this writes:

- ``actors.tsv``: every named actor of ``Phoenix.International.actors.txt``,
  ``Phoenix.MilNonState.actors.txt`` and the people and institutions of
  ``Phoenix.Countries.actors.txt`` (name phrase → its codes, dated for office holders);
- ``countries.tsv``: the country entries of ``Phoenix.Countries.actors.txt`` (names, adjectives,
  demonyms, capitals and the provinces the file lists → the country code, dated where a country's
  code changed, e.g. Iraq under occupation, or a Soviet republic before 1991), plus a few
  documented demonyms it lacks (`COUNTRY_ADDITIONS`);
- ``agents.tsv``: the generic nouns of ``Phoenix.agents.txt`` (police → COP), with whether the
  role follows the country (``RUSCOP``) or precedes it (``IGO…``), plus a few documented
  additions (`AGENT_ADDITIONS`), the file's ``PPL`` read as CVL (`AGENT_CODE_FIXES`);
- ``groups.tsv``: the known-group codes (GDELT's ``CAMEO.knowngroup.txt``, and the group codes the
  Phoenix files give international and militant groups, such as ISIS's ``ISI``);
- ``codes.tsv``: the three-letter vocabulary an actor code is read with (countries with their ISO
  alpha-2, CAMEO regions, role types, religions).

The reading follows PETRARCH's actor-dictionary format (see the source files' headers): a name
line opens an entry unless the entry before it has no code yet (then it joins it), ``+`` lines
are synonyms, tab-indented ``[CODE restriction]`` lines are dated codes (``<date``, ``>date``,
``date-date``; six-digit years up to 30 read as 20YY), a code on the name line is the default,
``_`` joins words. Names are normalised with `phrase_words`, the same function the coder applies
to the text, so a table row matches whatever the tokeniser makes of the name. Each part of
each code is read through `CODE_FIXES`, so that one country has one code (the Soviet republics'
``USR…`` is the file's own Soviet Union, ``SUN…``; East Timor's CAMEO ``TMP`` its ISO ``TLS``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newsgraph.nlp.events._actors import phrase_words

PETRARCH = "petrarch2"
LOOKUPS = "gdelt-lookups"
COUNTRY_FILE = "Phoenix.Countries.actors.txt"
ACTOR_FILES = (COUNTRY_FILE, "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
AGENT_FILE = "Phoenix.agents.txt"

# CAMEO's region codes (CAMEO manual, "Regions"): they stand where a country code would.
REGIONS = {
    "AFR": "Africa",
    "ARB": "Arab world",
    "ASA": "Asia",
    "BLK": "Balkans",
    "CAS": "Central Asia",
    "CAU": "Caucasus",
    "CEU": "Central Europe",
    "CFR": "Central Africa",
    "CRB": "Caribbean",
    "EAF": "Eastern Africa",
    "EEU": "Eastern Europe",
    "EIN": "East Indies",
    "EUR": "Europe",
    "LAM": "Latin America",
    "MDT": "Mediterranean",
    "MEA": "Middle East",
    "NAF": "North Africa",
    "NMR": "North America",
    "PGS": "Persian Gulf",
    "SAF": "Southern Africa",
    "SAM": "South America",
    "SAS": "South Asia",
    "SCN": "Scandinavia",
    "SEA": "Southeast Asia",
    "WAF": "West Africa",
    "WEU": "Western Europe",
    "WST": "The West",
}
# Codes the Phoenix files use for a religion that GDELT's religion table spells otherwise or
# lacks (GDELT writes MOS for Muslim).
PHOENIX_RELIGIONS = {"MUS": "Muslim", "REL": "Religious (generic)"}
# A role the Phoenix files use that GDELT's type table lacks: PTY, political parties (the agents
# file's PARTY_MEMBER, POLITICIAN), kept so that a party's people have a role.
PHOENIX_TYPES = {"PTY": "Political party"}
# The agents file codes PEOPLE, PERSON, MAN and WOMAN as PPL, a type that neither CAMEO nor
# GDELT has: unnamed people are CAMEO's civilians, as its own CITIZEN and RESIDENT are CVL
# ("Iraqi people": IRQCVL).
AGENT_CODE_FIXES = {"PPL": "CVL"}
# Alpha-2 codes of country codes that ISO 3166 does not list (the places stage may give them).
EXTRA_ALPHA2 = {"KSV": "XK"}
# Country codes the dictionaries write for a state that no longer exists, in the dated codes of
# its successors ("Croatia" is YUGHRV before 1991): each is a country of its time, as ISO
# 3166-3 keeps the former codes, so "Yugoslav army" in a 1990 report codes YUG.
FORMER_COUNTRIES = {"YUG": "Yugoslavia", "FRY": "Federal Republic of Yugoslavia"}
# Country codes the dictionaries write otherwise in some entries than their own country entry
# or ISO 3166 does: the Soviet republics' dated codes say USR where the file's Soviet Union is
# SUN; UNITA's ANG for Angola (AGO); TMP, CAMEO's code for East Timor before it took the ISO
# code TLS, which the places stage gives, so that one country is never two. Every part of a
# code is read through this (East Timor is TMP after a first part too: NGOTMPHRI).
CODE_FIXES = {"USR": "SUN", "ANG": "AGO", "TMP": "TLS"}
# Whole codes read as another: the file codes Wallis and Futuna FRNWLF, France (as FRN, not
# its FRA) and the territory, where ISO 3166 gives the territory its own code, WLF.
WHOLE_CODE_FIXES = {"FRNWLF": "WLF"}

# Our layer over the agents file, each row with a sentence of ours; a row here wins over the
# file's. The agents file lists only compounds of "official" (GOVERNMENT_OFFICIAL,
# HEALTH_OFFICIAL …), so "Russian officials", the commonest way a report names a government's
# people, coded nothing. It codes MILITANT as UAF (unaligned armed forces), a CAMEO type that
# PLOVER's sectors, which the events are coded to, do not have: there, armed groups fighting a
# state are REB, as the file's own "militant movement" and "militant wing" already are.
#
# A state's war machines act for its armed forces: the file codes WARPLANE, WARSHIP, ARTILLERY
# and FIGHTER_JET as MIL but not the plain words a report uses for them, so "Russian aircraft
# bombed the bridge" coded only RUS. A think tank (the file's think tanks are ELI) is listed so
# that its "tank" is not read as armour.
AGENT_ADDITIONS: tuple[tuple[str, str, str], ...] = (
    ("OFFICIAL", "~GOV", "Kenyan officials said the border crossing would reopen on Monday."),
    ("MILITANT", "~REB", "Militants in the hills ambushed an army convoy on Tuesday."),
    ("TANK", "~MIL", "Government tanks rolled into the northern suburbs at dawn."),
    ("AIRCRAFT", "~MIL", "Russian aircraft bombed a bridge over the river on Sunday."),
    ("JET", "~MIL", "Turkish jets struck positions near the border overnight."),
    ("HELICOPTER", "~MIL", "Army helicopters fired on the convoy as it left the town."),
    ("GUNBOAT", "~MIL", "Navy gunboats shelled the rebel-held island on Friday."),
    ("DRONE", "~MIL", "A US drone killed two commanders in the tribal region."),
    ("THINK_TANK", "~ELI", "A think tank in the capital published the survey on Monday."),
    # The file has only compounds of "opposition" (OPPOSITION_PARTY, OPPOSITION_LEADER …), so
    # the word alone, and the groups it qualifies, coded nothing; CAMEO's OPP is its name.
    ("OPPOSITION", "~OPP", "The opposition boycotted the vote, and opposition groups marched."),
    # Humanitarian workers belong to aid groups, which the file codes NGO (AID_GROUP), not to
    # labour (WORKER, LAB).
    ("AID_WORKER", "~NGO", "Aid workers reached the flooded villages on Friday."),
    # The file has only compounds of "forces" (ARMED_FORCES, GOVERNMENT_FORCES, GROUND_FORCES),
    # so a state's forces named by its adjective, the commonest way a report names an army in
    # the field, coded only the country.
    ("FORCES", "~MIL", "Ruritanian forces crossed the river before dawn."),
    # A side's negotiators and its delegation are its envoys at the talks, as the file's
    # DIPLOMAT, ENVOY and EMISSARY are the government's.
    ("NEGOTIATOR", "~GOV", "Ruritanian negotiators left the talks in Geneva on Friday."),
    ("DELEGATION", "~GOV", "A Ruritanian delegation arrived in the capital for talks."),
    # Unnamed young people in the street are civilians, as the file's CITIZEN and RESIDENT are
    # (its YOUTH appears only in ministries and in YOUTH_PROTESTER).
    ("YOUTHS", "~CVL", "Youths threw stones at a police patrol in the old town."),
    # The file codes a state's hereditary rulers (KING, MONARCH, EMPEROR, EMPRESS, PRINCE,
    # CROWN_PRINCE) as its government; these are the same office under other names.
    ("EMIR", "~GOV", "The emir pardoned the jailed poets on Thursday."),
    ("AMIR", "~GOV", "The amir received the visiting envoy in his palace."),
    ("SULTAN", "~GOV", "The sultan dissolved the cabinet on Monday."),
    ("QUEEN", "~GOV", "The queen opened the new session of parliament."),
    # The plain words for what the file has only in compounds: PEACEKEEPING_TROOPS (an
    # international force, IGO before the country), PARATROOPS, APACHE_GUNSHIP and
    # HELICOPTER_GUNSHIP, STRIKING_WORKER; and a hijacker is a criminal as its ABDUCTOR is.
    ("PEACEKEEPER", "IGO~", "Peacekeepers patrolled the buffer zone on Sunday."),
    ("PARATROOPER", "~MIL", "Paratroopers landed near the airport at dawn."),
    ("GUNSHIP", "~MIL", "Gunships fired on the rebel column."),
    ("STRIKER", "~LAB", "Strikers blocked the gates of the steel plant."),
    ("HIJACKER", "~CRM", "The hijackers freed the passengers on Friday."),
)

# Names the actor files lack for an entry they have. The European Union's forerunners, under
# which news reported it until 1993, take its code (GDELT's known-group table names EEC, the
# Economic Community's initials, as the European Union), so that "European Community foreign
# ministers" are not coded as a community (CVL) of ministers.
ACTOR_ADDITIONS: tuple[tuple[str, str, str], ...] = (
    ("EUROPEAN_COMMUNITY", "IGOEUREEC", "European Community ministers met in Luxembourg."),
    ("EUROPEAN_COMMUNITIES", "IGOEUREEC", "The European Communities lifted the ban on beef."),
    ("EUROPEAN_ECONOMIC_COMMUNITY", "IGOEUREEC", "The European Economic Community set quotas."),
    ("EEC", "IGOEUREEC", "The EEC agreed to cut its farm subsidies."),
    # The African Union took the place of the Organization of African Unity in 2002, after the
    # dictionaries' OAU entry was written: it takes that entry's code (GDELT's known group OAU).
    ("AFRICAN_UNION", "IGOAFROAU", "The African Union suspended the country's membership."),
    ("AU", "IGOAFROAU", "The AU sent observers to the vote."),
)

# Demonyms and adjectives the country file lacks for a country it has (it lists CROAT and
# SWEDE but not SERB or SWEDISH): each takes the codes of a name of that country, so that
# "Serb forces" are Serbia's as "Croat forces" are Croatia's.
COUNTRY_ADDITIONS: tuple[tuple[str, str, str], ...] = (
    ("SERB", "serbia", "Serb leaders rejected the plan on Monday."),
    ("BOSNIAK", "bosnia", "Bosniak parties boycotted the session."),
    ("AZERI", "azerbaijan", "Azeri troops shelled the villages overnight."),
    ("KAZAKH", "kazakhstan", "Kazakh officials closed the border crossing."),
    ("NEPALI", "nepal", "Nepali police arrested the smugglers."),
    ("MALDIVIAN", "maldives", "The Maldivian president dissolved the cabinet."),
    ("SWEDISH", "sweden", "Swedish diplomats met the envoy in Stockholm."),
    ("SCOTTISH", "scotland", "Scottish ministers criticised the decision."),
)

_CODE_ITEM = re.compile(r"\[([^\]]*)\]")
_CODE = re.compile(r"^(?:[A-Z0-9]{3})+$|^---$")
_PAREN = re.compile(r"\([^)]*\)")
_SUBST = re.compile(r"!([A-Z]+)!")


@dataclass
class Entry:
    """One actor entry: its names (primary first) and its codes, in file order."""

    source: str
    line: int
    names: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)  # "CODE", "CODE<d", "CODE>d", "CODE:d-d"


@dataclass
class Counts:
    """What the reading skipped, for the build's summary."""

    bad_codes: int = 0
    bad_names: int = 0
    duplicates: int = 0


def parse_date(text: str) -> date | None:
    """A PETRARCH date: YYYYMMDD (eight digits or more: the first eight count) or YYMMDD (up to
    seven digits: the first six; YY up to 30 is 20YY); None when it is not a calendar day."""
    digits = text.strip()
    if not digits.isdigit() or len(digits) < 6:
        return None
    try:
        if len(digits) > 7:
            return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
        year = int(digits[:2])
        year += 2000 if year <= 30 else 1900
        return date(year, int(digits[2:4]), int(digits[4:6]))
    except ValueError:
        return None


def code_item(inside: str) -> str | None:
    """The table form of one bracketed code (``RUSGOV 991231-080507`` → ``RUSGOV:19991231-
    20080507``), or None for a code or date the reader cannot use (PETRARCH skips those too)."""
    code, _, rest = inside.strip().partition(" ")
    rest = rest.strip()
    if not _CODE.match(code):
        return None
    if not rest:
        return code
    if rest[0] in "<>":
        when = parse_date(rest[1:])
        return None if when is None else f"{code}{rest[0]}{when:%Y%m%d}"
    first, dash, second = rest.partition("-")
    start, end = parse_date(first), parse_date(second)
    if not dash or start is None or end is None or end < start:
        return None
    return f"{code}:{start:%Y%m%d}-{end:%Y%m%d}"


def fixed_code(item: str) -> str:
    """A code item read through `WHOLE_CODE_FIXES`, then each part through `CODE_FIXES`
    (``USRUKR<19910824`` → ``SUNUKR<19910824``, ``NGOTMP`` → ``NGOTLS``, ``FRNWLF`` →
    ``WLF``); its date restriction kept."""
    code, dated = _split_item(item)
    return _read_parts(WHOLE_CODE_FIXES.get(code, code), CODE_FIXES) + dated


def _split_item(item: str) -> tuple[str, str]:
    """A code item's code and its date restriction (``UKR>19911221`` → UKR, ``>19911221``)."""
    code, dated = re.match(r"([A-Z0-9]+|---)(.*)", item).groups()  # type: ignore[union-attr]
    return code, dated


def _read_parts(code: str, fixes: dict[str, str]) -> str:
    """Each three-letter part of a code read through `fixes`."""
    parts = (code[i : i + 3] for i in range(0, len(code), 3))
    return "".join(fixes.get(p, p) for p in parts)


def _codes_in(text: str, counts: Counts) -> list[str]:
    items = []
    for found in _CODE_ITEM.finditer(text):
        item = code_item(found.group(1))
        if item is None:
            counts.bad_codes += 1
        else:
            items.append(fixed_code(item))
    return items


def _name_part(text: str) -> str:
    return text.split("[", 1)[0].strip()


def read_actor_file(text: str, source: str, counts: Counts) -> list[Entry]:
    """The entries of one PETRARCH actor dictionary, with PETRARCH's grouping rules."""
    entries: list[Entry] = []
    current: Entry | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        if "---STOP---" in raw:
            break
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line[0] in " \t":  # a code line (a name on it is ignored, as PETRARCH does)
            if current is not None:
                current.codes += _codes_in(line, counts)
            continue
        if line[0] == "+":
            names = [_name_part(n) for n in line[1:].split("+")]
        else:
            names = [_name_part(line)]
            if current is None or current.codes:
                current = Entry(source=source, line=number)
                entries.append(current)
        if current is None:
            continue
        current.names += [n for n in names if n]
        current.codes += _codes_in(line, counts)
    return [e for e in entries if e.codes]


def name_variants(name: str) -> list[str]:
    """The table keys of one dictionary name: its words, and its words without a bracketed
    abbreviation (``ISLAMIC_ARMY_OF_ADEN_(IAA)`` is also written without ``(IAA)``)."""
    if "\ufffd" in name:
        return []
    keys = []
    for variant in (name, _PAREN.sub(" ", name)):
        words = phrase_words(variant.replace("_", " "))
        if words and words[0] == "the":
            words = words[1:]
        if words and not all(w.isdigit() for w in words):
            key = " ".join(words)
            if key not in keys:
                keys.append(key)
    return keys


def _is_country_entry(entry: Entry, countries: set[str]) -> bool:
    """An entry of the country file that names a country: every code is a country's (several
    for a state that was part of another: "Ukraine" is SUNUKR before 1991, UKR after) and one
    is the bare country code."""
    heads = {c[:3] for c in entry.codes}
    bare = [c for c in entry.codes if len(re.split(r"[:<>]", c)[0]) == 3]
    return entry.source == COUNTRY_FILE and bool(bare) and heads <= countries


def actor_rows(
    entries: Iterable[Entry], countries: set[str], counts: Counts
) -> tuple[dict[str, str], dict[str, str]]:
    """Name key → codes, for the actors table and the countries table; the first entry that
    gives a name keeps it (PETRARCH reads the files in this order too)."""
    actors: dict[str, str] = {}
    country_rows: dict[str, str] = {}
    for entry in entries:
        table = country_rows if _is_country_entry(entry, countries) else actors
        value = ";".join(entry.codes)
        for name in entry.names:
            keys = name_variants(name)
            if not keys:
                counts.bad_names += 1
            for key in keys:
                if key in actors or key in country_rows:
                    counts.duplicates += 1
                    continue
                table[key] = value
    return actors, country_rows


def _expand(phrase: str, substitutions: dict[str, list[str]]) -> list[str] | None:
    """The phrases a ``!SET!`` pattern stands for; None when a set sits inside a word (the file
    has a few such slips, e.g. ``AD!MINIST!RATIVE``)."""
    found = _SUBST.search(phrase)
    if found is None:
        return [phrase]
    name = found.group(1)
    before, after = phrase[: found.start()], phrase[found.end() :]
    if name not in substitutions or (before[-1:].isalpha() and after[:1].isalpha()):
        return None
    out: list[str] = []
    for word in substitutions[name]:
        more = _expand(before + word + after, substitutions)
        if more is None:
            return None
        out += more
    return out


@dataclass(frozen=True, slots=True)
class AgentRow:
    phrase: str
    code: str
    position: str  # "suffix" (after the country: RUSCOP) or "prefix" (before it: IGO…)
    note: str


def _agent_code(text: str) -> tuple[str, str] | None:
    """An agent's code (its parts read through `AGENT_CODE_FIXES`) and its position."""
    inside = text.strip()
    if inside.startswith("~") and _CODE.match(inside[1:]):
        return _read_parts(inside[1:], AGENT_CODE_FIXES), "suffix"
    if inside.endswith("~") and _CODE.match(inside[:-1]):
        return _read_parts(inside[:-1], AGENT_CODE_FIXES), "prefix"
    return None


def _agent_lines(text: str) -> Iterator[tuple[int, str]]:
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if line:
            yield number, line


def read_agent_file(text: str, counts: Counts) -> list[AgentRow]:
    """The agents of ``Phoenix.agents.txt``: every phrase and irregular plural with its role
    code(s), ``!SET!`` patterns expanded (regular plurals are left to the coder's lemmas)."""
    substitutions: dict[str, list[str]] = {}
    rows: list[AgentRow] = []
    for _number, line in _agent_lines(text):
        head, eq, tail = line.partition("=")
        if eq and _SUBST.fullmatch(head.strip()):
            substitutions[head.strip().strip("!")] = [w.strip() for w in tail.split(",")]
            continue
        found = _CODE_ITEM.search(line)
        coded = _agent_code(found.group(1)) if found else None
        if coded is None:
            counts.bad_codes += 1
            continue
        phrase = re.split(r"[\[{]", line, maxsplit=1)[0].strip()
        plurals = re.search(r"\{([^}]*)\}", line)
        forms = [phrase] + (plurals.group(1).split() if plurals else [])
        for form in forms:
            expanded = _expand(form, substitutions)
            if expanded is None:
                counts.bad_names += 1
                continue
            rows += [AgentRow(p, coded[0], coded[1], "") for p in expanded]
    additions = [
        AgentRow(
            phrase,
            code.strip("~"),
            "prefix" if code.endswith("~") else "suffix",
            f"addition: {example}",
        )
        for phrase, code, example in AGENT_ADDITIONS
    ]
    return additions + rows  # first row of a phrase wins (agent_table): ours go first


def agent_table(rows: Iterable[AgentRow], counts: Counts) -> dict[str, AgentRow]:
    """Key → agent; the first row that gives a phrase keeps it."""
    table: dict[str, AgentRow] = {}
    for row in rows:
        for key in name_variants(row.phrase):
            if key in table:
                counts.duplicates += 1
            else:
                table[key] = row
    return table


def read_lookup(path: Path) -> dict[str, str]:
    """A GDELT lookup table (CODE, LABEL with a header line): code → label, first one kept."""
    out: dict[str, str] = {}
    for line in path.read_text("utf-8").splitlines()[1:]:
        code, _, label = line.partition("\t")
        if code.strip():
            out.setdefault(code.strip(), label.strip())
    return out


def _iso_countries() -> dict[str, tuple[str, str]]:
    """ISO alpha-3 → (alpha-2, name), from pycountry (the build's dependency, not the coder's)."""
    import pycountry

    return {c.alpha_3: (c.alpha_2, c.name) for c in pycountry.countries}


def country_codes(entries: list[Entry], iso: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Every country code: ISO alpha-3 and the bare codes the country file gives (KSV, DDR, …),
    with a name (the ISO name, else the entry's first name)."""
    out = {code: name for code, (_, name) in iso.items()} | FORMER_COUNTRIES
    for entry in entries:
        if entry.source != COUNTRY_FILE:
            continue
        for item in entry.codes:
            code = re.split(r"[:<>]", item)[0]
            if len(code) == 3 and code.isalpha() and code not in out:
                out[code] = entry.names[0].strip("_").replace("_", " ").title()
    return out


def phoenix_groups(
    entries: list[Entry], vocabulary: set[str], known: dict[str, str]
) -> dict[str, str]:
    """Group codes that the Phoenix files give international and militant groups and that
    GDELT's known-group table lacks: the last part of an ``IGO…``/``IMG…`` code when it is no
    country, region, role type or religion (``IMGMUSISI`` → ``ISI``). The files name no group
    for these codes, so each is described by the first three entries coded with it."""
    names: dict[str, list[str]] = {}
    for entry in entries:
        for item in entry.codes:
            code = re.split(r"[:<>]", item)[0]
            last = code[-3:]
            if (
                code[:3] not in ("IGO", "IMG")
                or len(code) < 9
                or last in vocabulary
                or last in known
                or not last.isalpha()
            ):
                continue
            seen = names.setdefault(last, [])
            name = entry.names[0].strip("_").replace("_", " ").title()
            if name not in seen and len(seen) < 3:
                seen.append(name)
    return {code: "; ".join(seen) for code, seen in names.items()}


def mark_capitals(
    country_rows: dict[str, str],
    alpha2: dict[str, str],
    capital_of: Callable[[str], str | None],
    names: Mapping[str, str] | None = None,
) -> int:
    """Code each country's capital as its government: news writes the capital for the state
    that sits there ("Washington rejected the offer", "Moscow denied the report"), as the
    dictionary itself codes the Kremlin and the White House (RUSGOV, USAGOV). `alpha2` maps a
    CAMEO country code to its ISO alpha-2 code, `capital_of` an alpha-2 code to its capital's
    name (the gazetteer's). Only a capital the country file lists under that same country, with
    a plain code (undated, or open-ended: the present), is marked; its row keeps its kind (a
    place name that gives a country) and gains the role in each of its codes of that country
    ("Kyiv" is UKRGOV after 1991, and still SUNUKR, a Soviet city, before). A city-state's
    capital, named as the country is (`names`: code → country name; "Singapore",
    "Luxembourg"), is the country's name first and stays as it is. Returns how many rows were
    marked."""
    marked = 0
    for code, iso2 in alpha2.items():
        name = capital_of(iso2) if iso2 else None
        key = " ".join(phrase_words(name)) if name else ""
        own = (names or {}).get(code)
        if own and key == " ".join(phrase_words(own)):
            continue
        items = country_rows.get(key, "").split(";") if key else []
        if code in items or any(item.startswith(f"{code}>") for item in items):
            country_rows[key] = ";".join(_governing(item, code) for item in items)
            marked += 1
    return marked


def _governing(item: str, country: str) -> str:
    """A code item of `country` with the government role added (``UKR>19911221`` →
    ``UKRGOV>19911221``); an item of another country as it is."""
    code, dated = _split_item(item)
    return f"{code}GOV{dated}" if code.startswith(country) else item


def _gazetteer_capital(iso2: str) -> str | None:
    """The capital the shipped gazetteer marks for a country (ISO alpha-2), by name."""
    from newsgraph.nlp.gazetteer import load_gazetteer

    found = load_gazetteer().capital(iso2)
    return found.entry.name if found is not None else None


def _header(lines: list[str]) -> str:
    return "".join(f"# {line}\n" if line else "#\n" for line in lines)


PROVENANCE = [
    "Derived from the PETRARCH2 Phoenix dictionaries (MIT licence: LICENSE-petrarch2.txt) and",
    "GDELT's CAMEO lookup tables; see SOURCES-actors.md. Written by",
    "`python -m newsgraph.nlp.events.build`: edit the builder, not this file.",
]
DATED = [
    "codes: ';'-separated, in the dictionary's order: CODE (the default), CODE<YYYYMMDD (before),",
    "CODE>YYYYMMDD (after), CODE:YYYYMMDD-YYYYMMDD (within; both days included); --- is no code.",
]


def _write(path: Path, header: list[str], rows: Iterable[str]) -> int:
    body = sorted(rows)
    path.write_text(_header(header) + "".join(row + "\n" for row in body), "utf-8")
    return len(body)


def build(source: Path, out: Path) -> list[str]:
    """Read the dictionaries under `source` (the events-codebooks folder), write the actor
    tables into `out`, and return one line per table for the build to print."""
    petrarch, lookups = source / PETRARCH, source / LOOKUPS
    counts = Counts()
    entries: list[Entry] = []
    for name in ACTOR_FILES:
        text = (petrarch / name).read_text("utf-8", errors="replace")
        entries += read_actor_file(text, name, counts)

    iso = _iso_countries()
    countries = country_codes(entries, iso)
    types = read_lookup(lookups / "CAMEO.type.txt") | PHOENIX_TYPES
    religions = read_lookup(lookups / "CAMEO.religion.txt") | PHOENIX_RELIGIONS
    known = read_lookup(lookups / "CAMEO.knowngroup.txt")
    vocabulary = set(countries) | set(REGIONS) | set(types) | set(religions)
    groups = known | phoenix_groups(entries, vocabulary, known)

    actors, country_rows = actor_rows(entries, set(countries), counts)
    for name, code, _example in ACTOR_ADDITIONS:
        for key in name_variants(name):
            if key not in actors and key not in country_rows:
                actors[key] = code
    for name, same_as, _example in COUNTRY_ADDITIONS:
        for key in name_variants(name):
            if key not in actors and key not in country_rows:
                country_rows[key] = country_rows[same_as]
    alpha2 = {code: iso[code][0] for code in countries if code in iso}
    capitals = mark_capitals(country_rows, alpha2, _gazetteer_capital, countries)
    agents = agent_table(
        read_agent_file((petrarch / AGENT_FILE).read_text("utf-8"), counts), counts
    )

    lines = []
    n = _write(
        out / "actors.tsv",
        [
            "CAMEO actor codes of named actors: people (office holders dated), institutions,",
            "international and non-state groups.",
            *PROVENANCE,
            "columns: name (normalised words: lower case, no dots, hyphens split, no leading",
            "'the'), codes",
            *DATED,
        ],
        (f"{key}\t{value}" for key, value in actors.items()),
    )
    lines.append(f"actors.tsv: {n} names ({len(ACTOR_ADDITIONS)} additions)")
    n = _write(
        out / "countries.tsv",
        [
            "CAMEO country codes of country names, adjectives, demonyms, capitals and provinces;",
            "a capital that stands for its government is coded so (washington: USAGOV).",
            *PROVENANCE,
            "columns: name (normalised as in actors.tsv), codes",
            *DATED,
        ],
        (f"{key}\t{value}" for key, value in country_rows.items()),
    )
    lines.append(
        f"countries.tsv: {n} names ({len(COUNTRY_ADDITIONS)} additions, {capitals} capitals "
        "coded as governments)"
    )
    n = _write(
        out / "agents.tsv",
        [
            "Generic nouns that give an actor's role (police → COP), from Phoenix.agents.txt;",
            "rows whose note starts with 'addition:' are ours, each with an example sentence.",
            *PROVENANCE,
            "columns: phrase (normalised; regular plurals are matched through lemmas), code",
            "(one or more three-letter parts), position (suffix: after the country code, as in",
            "RUSCOP; prefix: before it), note",
        ],
        (f"{key}\t{row.code}\t{row.position}\t{row.note}" for key, row in agents.items()),
    )
    lines.append(f"agents.tsv: {n} phrases ({len(AGENT_ADDITIONS)} additions)")
    n = _write(
        out / "groups.tsv",
        [
            "Known-group codes: GDELT's CAMEO.knowngroup.txt, and the group codes the Phoenix",
            "files give international and militant groups (the last part of an IGO/IMG code).",
            *PROVENANCE,
            "columns: code, name (for a Phoenix code: the first names coded with it), source",
        ],
        [f"{code}\t{name}\tCAMEO.knowngroup.txt" for code, name in known.items()]
        + [f"{code}\t{name}\tPhoenix" for code, name in groups.items() if code not in known],
    )
    lines.append(f"groups.tsv: {n} groups")
    vocab_rows = [
        f"{code}\tcountry\t{iso.get(code, (EXTRA_ALPHA2.get(code, ''), ''))[0]}\t{name}"
        for code, name in countries.items()
    ]
    vocab_rows += [f"{code}\tregion\t\t{name}" for code, name in REGIONS.items()]
    vocab_rows += [f"{code}\ttype\t\t{label}" for code, label in types.items()]
    vocab_rows += [f"{code}\treligion\t\t{label}" for code, label in religions.items()]
    n = _write(
        out / "codes.tsv",
        [
            "The three-letter parts a CAMEO actor code is read with: countries (with their ISO",
            "3166 alpha-2 code where there is one), CAMEO regions, role types (CAMEO.type.txt)",
            "and religions (CAMEO.religion.txt and the Phoenix files' MUS and REL).",
            *PROVENANCE,
            "columns: code, kind (country, region, type, religion), alpha2, name",
        ],
        vocab_rows,
    )
    lines.append(f"codes.tsv: {n} codes")
    kinds = Counter(row.split("\t")[1] for row in vocab_rows)
    lines.append(
        "actor dictionaries: "
        f"{len(entries)} entries, {counts.duplicates} repeated names kept once, "
        f"{counts.bad_codes} unreadable codes and {counts.bad_names} unusable names skipped; "
        + ", ".join(f"{v} {k} codes" for k, v in sorted(kinds.items()))
    )
    return lines
