"""Build the events stage's CAMEO tables from the expert dictionaries (run by ``build.py``).

Reads, under the codebooks folder (``../shared/data/events-codebooks``):

- ``petrarch2/CAMEO.2.0.txt``: PETRARCH2's verb dictionary. Its synonym sets (``&WEAPON``: the
  words ``+RIFLE``, ``+MORTAR`` …) and its verb blocks (``---  KILL   [190]  ---``, the verbs of
  the block with their own codes and irregular forms, then the block's patterns
  ``- SUBJECT * OBJECT (PREP WORDS) [code] # verb``);
- ``petrarch2/Phoenix.discards.txt``: phrases that mark a sentence (or a story, ``+``) as no
  political event;
- ``gdelt-lookups/CAMEO.eventcodes.txt`` and ``CAMEO.goldsteinscale.txt``: every CAMEO code's
  description and Goldstein value;

and the CAMEO-to-PLOVER table (``../shared/data/events-plover/CAMEO2PLOVER-2021.txt``). It writes
compact, sorted tables (see each file's header) that the stage reads at run time:
``verbs.tsv``, ``verb_synsets.tsv``, ``event_codes.tsv`` (not ``codes.tsv``: that name holds
the actor code parts), ``discards.tsv``, the upstream licence and ``SOURCES.md``. The same
inputs always give byte-identical outputs.

A pattern keeps what a dependency parse can check: a particle right after the verb (``CALL_OFF``,
``* DOWN RIOT``), words on the subject side (``AIRSTRIKE *``), words on the object side (``*
PROTEST``, ``{HUMANITARIAN AID}``) and prepositional phrases (``(FOR &CEASEFIRE)``). The
positional markers of the PETRARCH format (``$`` source, ``+`` target, ``^`` skip, ``%``
compound) are dropped: the stage finds the participants from the parse itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

VERBS_FILE = "petrarch2/CAMEO.2.0.txt"
DISCARDS_FILE = "petrarch2/Phoenix.discards.txt"
LICENSE_FILE = "petrarch2/LICENSE"
CODES_FILE = "gdelt-lookups/CAMEO.eventcodes.txt"
_GLUED = re.compile(r"\d{2,4}:\[-?[\d.]+\]")
GOLDSTEIN_FILE = "gdelt-lookups/CAMEO.goldsteinscale.txt"

# As in the codebooks' README: where each upstream file was taken from.
PETRARCH_ORIGIN = (
    "github.com/openeventdata/petrarch2, commit 676801cd9cb2924bbbad09f86d15c9323e7097bf, "
    "folder petrarch2/data/dictionaries/"
)
GDELT_ORIGIN = (
    "github.com/moxious/gdelt (data/), commit 44a29095a50287d62a965fc0a94e8b9bd08274ea, "
    "a copy of GDELT's lookup files (gdeltproject.org data/lookups)"
)
PLOVER_ORIGIN = (
    "CAMEO2PLOVER-2021.txt, PLOVER manual draft 0.8 (17 September 2021), edited by "
    "Philip A. Schrodt (Open Event Data Alliance, github.com/openeventdata/PLOVER)"
)
REBUILD = "make event-tables (python -m newsgraph.nlp.events.build)"

# Words that follow a verb as its particle ("call off", "put down"); at run time a particle
# matches a particle or a preposition of that word hanging on the verb.
PARTICLES = frozenset(
    {
        "up",
        "down",
        "off",
        "out",
        "back",
        "away",
        "over",
        "in",
        "on",
        "forward",
        "through",
        "around",
        "aside",
        "along",
        "apart",
        "behind",
        "together",
    }
)
# Words that open a prepositional phrase: "(FOR &CEASEFIRE)" is the preposition "for" and its
# object; "(GUNFIRE)" opens with no preposition and is an object word.
PREPOSITIONS = frozenset(
    {
        "about",
        "above",
        "across",
        "after",
        "against",
        "along",
        "amid",
        "among",
        "around",
        "as",
        "aside",
        "at",
        "before",
        "behind",
        "between",
        "beyond",
        "by",
        "despite",
        "during",
        "for",
        "from",
        "in",
        "inside",
        "into",
        "near",
        "of",
        "off",
        "on",
        "onto",
        "out",
        "outside",
        "over",
        "past",
        "since",
        "through",
        "throughout",
        "to",
        "toward",
        "towards",
        "under",
        "until",
        "upon",
        "with",
        "within",
        "without",
    }
)
ARTICLES = frozenset({"a", "an", "the"})
ROLE_MARKERS = frozenset({"$", "+", "^", "%"})
# CAMEO roots by quad class: 01-05 verbal cooperation, 06-08 material cooperation,
# 09-13 verbal conflict, 14-20 material conflict.
QUADS = ((5, 1), (8, 2), (13, 3), (20, 4))


# Reading the verb dictionary -----------------------------------------------------------------


@dataclass
class Block:
    """One verb block: its name, default code, verbs and patterns, in file order."""

    name: str
    code: str
    verbs: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    # (lemma, particle, object words, prepositional phrases, code)
    patterns: list[tuple[str, str, str, str, str, str]] = field(default_factory=list)
    # (particle, subject words, object words, prepositional phrases, code, source verb)
    forms: dict[str, str] = field(default_factory=dict)
    # an inflected form the block lists in braces ("threw") -> its verb ("throw")


def _word(raw: str) -> str:
    """One pattern word as the table writes it: lower case, ``_`` joining a multi-word term
    ("PRIME_MINISTER"), alternatives kept with ``/``, a synset kept as ``&NAME``, the
    upstream's exact-match underscore at the end dropped."""
    if raw.startswith("&"):
        return "&" + raw[1:].upper().rstrip("_")
    return "/".join(part.strip("_").lower() for part in raw.split("/") if part.strip("_"))


def _tokens(text: str) -> list[str]:
    return re.findall(r"[(){}]|[^\s(){}]+", text)


def _words_and_phrases(tokens: list[str]) -> tuple[list[str], list[str], str]:
    """Object-side tokens of a pattern: (bare words, prepositional phrases, particle)."""
    words: list[str] = []
    phrases: list[str] = []
    particle = ""
    depth = 0
    current: list[str] = []
    for i, token in enumerate(tokens):
        if token in "{}" or token in ROLE_MARKERS:
            continue
        if token == "(":
            depth, current = 1, []
            continue
        if token == ")":
            if current and current[0] in PREPOSITIONS:
                phrases.append("(" + " ".join(current) + ")")
            else:
                words.extend(current)
            depth = 0
            continue
        word = _word(token)
        if not word or word in ARTICLES:
            continue
        if depth:
            current.append(word)
        elif i == 0 and word in PARTICLES:
            particle = word
        else:
            words.append(word)
    return words, phrases, particle


def _code(raw: str, known: set[str]) -> str:
    """A pattern's code as the table writes it: "190", "042:043" (source's act : target's
    act), ":173" (only the reverse act), "---" (no event); a code unknown to the CAMEO tables
    becomes its nearest known ancestor ("1952" is "195"), a stray "!" is dropped."""
    raw = raw.replace("!", "").strip()
    if raw == "---" or not raw:
        return "---"
    parts = []
    for part in raw.split(":"):
        while part and part not in known:
            part = part[:-1]
        if len(part) == 2:
            part += "0"
        parts.append(part)
    code = ":".join(parts)
    return "---" if not code.strip(":") else code


_BRACKET = re.compile(r"\[([^\]]*)\]")
_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")  # four upstream headers read "[120]---  ---"


def _verb_line(line: str, block: Block, known: set[str]) -> None:
    body = line.split("#", 1)[0].split(";", 1)[0]  # "SCRAP {…};shan 8/30/93": a comment too
    code_match = _BRACKET.search(body)
    code = _code(code_match.group(1), known) if code_match else block.code
    braces = " ".join(re.findall(r"\{([^}]*)\}", body))
    body = _BRACKET.sub("", re.sub(r"\{[^}]*\}", "", body)).strip()
    if not body:
        return
    multi = body.startswith("+")
    parts = [p for p in body.lstrip("+").lower().split("_") if p]
    if not parts or {"and", "or"} & set(parts) or parts[0] in ("is", "are", "was", "be"):
        return  # "KILLED_AND", "IS_DETERMINED": coordinations and copulas, not verbs
    lemma = parts[0]
    if multi and lemma.endswith("ed"):  # "+ANGERED_BY": the base form of the first word
        lemma = lemma[:-2]
    rest = parts[1:]
    particle = rest.pop(0) if rest and rest[0] in PARTICLES else ""
    words: list[str] = []
    phrases: list[str] = []
    while rest:
        word = rest.pop(0)
        if word in PREPOSITIONS:
            phrases.append("(" + " ".join([word, *rest]) + ")")
            rest = []
        elif word not in ARTICLES:
            words.append(word)
    block.verbs.append((lemma, particle, " ".join(words), " ".join(phrases), code))
    if not multi:
        for form in braces.lower().split():
            block.forms.setdefault(form.strip("_"), lemma)


def _pattern_line(line: str, block: Block, known: set[str]) -> None:
    body, _, comment = line[1:].partition("#")
    code_match = _BRACKET.search(body)
    if code_match is None:
        return
    pattern = body[: code_match.start()]
    if pattern.count("*") != 1 or re.search(r"\S\*|\*\S", pattern):
        return  # "SPY_*_DEAL", "*SCEPTICAL": malformed upstream
    left, right = pattern.split("*")
    subject, _, _ = _words_and_phrases(_tokens(left))
    words, phrases, particle = _words_and_phrases(_tokens(right))
    source = comment.strip().split(" ")[0].split(",")[0].split("_")[0].lower()
    row = (
        particle,
        " ".join(subject),
        " ".join(words),
        " ".join(phrases),
        _code(code_match.group(1), known),
        _base_form(source, block),
    )
    if row not in block.patterns:  # the upstream repeats some patterns in a block
        block.patterns.append(row)


def _base_candidates(word: str) -> tuple[str, ...]:
    """The base forms an inflected verb may have: "killed" "kill", "rallied" "rally"."""
    return (
        word,
        word[:-1],
        word[:-2],
        word[:-3],
        word[:-3] + "e",
        word[:-2] + "e",
        word[:-3] + "y",
    )


def _base_form(word: str, block: Block) -> str:
    """The block's verb that a pattern's comment names in an inflected form ("killed",
    "rallied", or an irregular one the block lists in braces: "threw", "went"), else the word
    as written. A pattern whose comment names no verb ("- * OFFICES [1712]" in the BURN block)
    is the block's own: "" (`block_patterns` writes it for every verb of the block)."""
    lemmas = {verb[0] for verb in block.verbs}
    if word in block.forms and word not in lemmas:
        return block.forms[word]
    for candidate in _base_candidates(word):
        if candidate in lemmas:
            return candidate
    return word


def read_verb_dictionary(text: str, known: set[str]) -> tuple[dict[str, list[str]], list[Block]]:
    """The synonym sets and the verb blocks of a PETRARCH2 verb dictionary."""
    synsets: dict[str, list[str]] = {}
    blocks: list[Block] = []
    current_set: list[str] | None = None
    section = "header"
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("####"):
            section = (
                "synsets" if "SYNONYM" in line else "verbs" if "VERB PATTERNS" in line else "done"
            )
            continue
        if section == "synsets":
            if line.startswith("&"):
                current_set = synsets.setdefault(line.split()[0][1:].rstrip("_"), [])
            elif line.startswith("+") and current_set is not None:
                word = line[1:].split("#", 1)[0].strip().rstrip("_").lower()
                if word:
                    current_set.append(word)
        elif section == "verbs" and line and not line.startswith("#"):
            header = _BLOCK.match(line)
            if header:
                blocks.append(Block(name=header.group(1), code=_code(header.group(2), known)))
            elif blocks and line.startswith("-"):
                _pattern_line(line, blocks[-1], known)
            elif blocks:
                _verb_line(line, blocks[-1], known)
    return synsets, blocks


# Spelling twins -------------------------------------------------------------------------------

# Verbs in -ise that are no -ize verb spelt the British way ("raise", "promise", "prize": "prise"
# is a verb of its own): they get no twin.
_NOT_IZE = frozenset(
    {
        "advertise",
        "advise",
        "apprise",
        "arise",
        "bruise",
        "chastise",
        "compromise",
        "devise",
        "exercise",
        "poise",
        "praise",
        "prize",
        "promise",
        "raise",
        "reappraise",
        "revise",
        "rise",
        "seize",
        "supervise",
        "televise",
        "upraise",
    }
)
_TWIN_ENDINGS = (("ize", "ise"), ("ise", "ize"), ("yze", "yse"), ("yse", "yze"))


def _twin(lemma: str) -> str | None:
    """The other spelling of an -ize/-ise (-yze/-yse) verb: "mobilize" and "mobilise",
    "analyse" and "analyze"; None for a verb with one spelling ("raise", "promise")."""
    if lemma in _NOT_IZE:
        return None
    for ending, other in _TWIN_ENDINGS:
        if lemma.endswith(ending) and len(lemma) > len(ending) + 2:
            return lemma[: -len(ending)] + other
    return None


def add_spelling_twins(blocks: list[Block]) -> int:
    """Give each -ize verb its -ise spelling and each -ise verb its -ize one (and -yze/-yse),
    with the patterns written for it, where the dictionary lacks that spelling: the parser's
    lemma keeps the text's spelling ("criticised": "criticise"), and British and American news
    spell these verbs both ways. Returns how many verbs were added."""
    known = {verb[0] for block in blocks for verb in block.verbs}
    added = 0
    for block in blocks:
        for lemma, particle, words, phrases, code in list(block.verbs):
            twin = _twin(lemma)
            if twin is None or twin in known:
                continue
            known.add(twin)
            added += 1
            block.verbs.append((twin, particle, words, phrases, code))
            block.patterns += [(*p[:5], twin) for p in list(block.patterns) if p[5] == lemma]
    return added


def block_patterns(block: Block) -> list[tuple[str, str, str, str, str, str]]:
    """The block's patterns as written to the table: one whose comment names no verb is the
    whole block's (as PETRARCH reads every pattern of a block), so it is written once for each
    verb of the block ("- * &TOWN [1712]" in BURN: "burn" and "burnt" villages alike)."""
    verbs = list(dict.fromkeys(verb[0] for verb in block.verbs))
    rows: list[tuple[str, str, str, str, str, str]] = []
    for pattern in block.patterns:
        for verb in [pattern[5]] if pattern[5] else verbs:
            row = (*pattern[:5], verb)
            if row not in rows:
                rows.append(row)
    return rows


# The code tables --------------------------------------------------------------------------


def _lookup(path: Path) -> dict[str, str]:
    rows = path.read_text(encoding="utf-8").splitlines()[1:]
    return dict(tuple(row.split("\t", 1)) for row in rows if "\t" in row)  # type: ignore[misc]


def read_plover(text: str) -> dict[str, tuple[str, str, str, str]]:
    """CAMEO code -> (PLOVER type, mode, context, description) from the CAMEO2PLOVER table
    (the first row of a code wins: "08" is both CONCEDE and RETREAT there, its three-digit codes
    decide)."""
    table: dict[str, tuple[str, str, str, str]] = {}
    for line in text.splitlines():
        line, _, description = line.partition("#")
        code, sep, rest = line.partition(":")
        if not sep or not code.strip().isdigit():
            continue
        cells = [c.strip() for c in rest.split(",")]
        cells += [""] * (3 - len(cells))
        context = ",".join(c.strip() for c in cells[2].split(";") if c.strip())
        mode = " ".join(cells[1].split())
        table.setdefault(code.strip(), (cells[0], mode, context, " ".join(description.split())))
    return table


def quad_class(code: str) -> int:
    """QuadClass from the CAMEO root: 1 verbal and 2 material cooperation, 3 verbal and
    4 material conflict."""
    root = int(code[:2])
    return next(quad for top, quad in QUADS if root <= top)


def code_rows(
    descriptions: dict[str, str],
    goldstein: dict[str, str],
    plover: dict[str, tuple[str, str, str, str]],
) -> list[tuple[str, str, str, str, str, str, str]]:
    """(code, description, Goldstein, type, mode, context, quad) for every CAMEO code.

    CAMEO 02 (appeal) is absent from CAMEO2PLOVER; PLOVER's REQUEST covers both CAMEO's
    appeals and its demands, and CAMEO numbers the two families alike (0211 appeal for economic
    cooperation, 1011 demand economic cooperation), so an 02 code takes the type, mode and
    context of its 10 twin. CAMEO 01 (public statements) has no PLOVER type: "-". A code with no
    Goldstein value takes its parent's.
    """
    rows = []
    for code in sorted(set(descriptions) | set(plover)):
        if len(code) < 3:
            continue  # the two-digit roots are headings; their 0-ending codes stand for them
        twin = "10" + code[2:] if code.startswith("02") else code
        kind, mode, context, _ = plover.get(twin) or plover.get(twin[:3]) or ("-", "", "", "")
        score = goldstein.get(code) or goldstein.get(code[:3]) or goldstein.get(code[:2], "")
        description = " ".join(descriptions.get(code, "").split())
        if not description or _GLUED.search(description):
            # GDELT's lookup runs two rows into one ("…engagement106:[-5.0] Demand …");
            # the CAMEO2PLOVER table's comment names the code then.
            description = plover[code][3] if code in plover else _GLUED.split(description)[0]
        rows.append(
            (
                code,
                description,
                score,
                kind,
                mode or "-",
                context or "-",
                str(quad_class(code)),
            )
        )
    return rows


# Writing ----------------------------------------------------------------------------------


def _write(path: Path, header: str, rows: Iterable[Iterable[str]]) -> int:
    lines = [*header.strip("\n").splitlines(), *("\t".join(r) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path.stat().st_size


VERBS_HEADER = f"""\
# CAMEO verb patterns for newsgraph's events stage, derived from PETRARCH2's CAMEO.2.0.txt
# (MIT licence: LICENSE-petrarch2.txt), from:
# {PETRARCH_ORIGIN}
# Rebuilt by: {REBUILD}
#
# Columns (tab-separated): BLOCK, LEMMA, PARTICLE, SUBJECT, OBJECT, PREPS, CODE, SOURCE.
# - A verb row (LEMMA a verb) gives the verb's code when no pattern of its block matches; a
#   multi-word verb ("call off") has its particle, object words and phrases in the row.
# - A pattern row (LEMMA "*") applies to SOURCE, the verb it was written for; one that names
#   two words or more, not all prepositions or particles, to every verb of its BLOCK (SOURCE
#   preferred on a tie). SUBJECT words must be on the subject side of the verb,
#   OBJECT words after it in its clause, each PREPS phrase "(prep words)" a prepositional
#   phrase of the verb or of its object holding the words; PARTICLE a particle or preposition
#   of the verb. A word "a/b" is either word, "&NAME" any word of that synonym set
#   (verb_synsets.tsv), "x_y" both words. "-" is empty.
# - CODE: the CAMEO code; "042:043" is the source's act : the target's act, ":173" only the
#   target's act (the roles swap), "---" no event (a pattern that blocks its verb's code).
# - An -ize verb that the upstream spells one way only ("penalize") has its other spelling
#   ("penalise", and -yze/-yse) in its block too, with the patterns written for it.
# - SOURCE is the upstream comment's verb in its base form ("# THREW" is "throw"); a pattern
#   whose comment names no verb is written once for each verb of its block.
# Rows are sorted by BLOCK, then verbs before patterns, then the upstream order.
"""

SYNSETS_HEADER = f"""\
# CAMEO synonym sets used by verbs.tsv, from PETRARCH2's CAMEO.2.0.txt (MIT licence:
# LICENSE-petrarch2.txt), from:
# {PETRARCH_ORIGIN}
# Rebuilt by: {REBUILD}
# Columns (tab-separated): SET, WORD ("x_y" is a multi-word term). Sorted by SET, then WORD.
"""

CODES_HEADER = f"""\
# Every CAMEO event code with its description and Goldstein value (GDELT's lookup tables) and
# its PLOVER type, mode and context (the CAMEO-to-PLOVER table), from:
# {GDELT_ORIGIN}
# {PLOVER_ORIGIN}
# Rebuilt by: {REBUILD}
#
# Columns (tab-separated): CODE, DESCRIPTION, GOLDSTEIN (-10 conflict ... +10 cooperation),
# TYPE (one of the 16 PLOVER types; "-" for CAMEO 01, public statements, which PLOVER does not
# code), MODE, CONTEXT ("-" for none), QUAD (1 verbal cooperation, 2 material cooperation,
# 3 verbal conflict, 4 material conflict, from the CAMEO root).
# CAMEO 02 (appeal) takes the PLOVER coding of its CAMEO 10 twin (0211 as 1011): PLOVER's
# REQUEST covers appeals and demands alike. A code without a Goldstein value takes its
# parent's (106 as 10, 1213 as 121).
"""

DISCARDS_HEADER = f"""\
# Phrases whose sentence reports no political event (sports results, entertainment, disease,
# history), from PETRARCH2's Phoenix.discards.txt (MIT licence: LICENSE-petrarch2.txt), from:
# {PETRARCH_ORIGIN}
# Rebuilt by: {REBUILD}
# Columns (tab-separated): PHRASE (lower case, words separated by one space), SCOPE: "story"
# (the upstream marks it as discarding the whole story), "sentence", "year" (a bare year: the
# upstream, run in 2014, drops sentences about earlier years; the stage drops a sentence naming
# a year before the article's own) or "past" ("weeks ago": kept for reference, not applied, as
# a sentence reporting today's act often recalls an older one). Sorted by PHRASE.
"""


def _sources(sizes: dict[str, int]) -> str:
    listing = "\n".join(f"| `{name}` | {size:,} |" for name, size in sorted(sizes.items()))
    return f"""# Where the CAMEO event tables come from

Built from the expert event-coding dictionaries by `make event-tables`
(`python -m newsgraph.nlp.events.build`), which reads
`../shared/data/events-codebooks/` and `../shared/data/events-plover/CAMEO2PLOVER-2021.txt`
(paths can be given: `--source`, `--plover`). The events stage reads only these tables.

- `verbs.tsv`, `verb_synsets.tsv`: PETRARCH2's `CAMEO.2.0.txt` (verb blocks, patterns,
  synonym sets), from {PETRARCH_ORIGIN}.
- `discards.tsv`: PETRARCH2's `Phoenix.discards.txt`, same commit.
- `event_codes.tsv`: GDELT's `CAMEO.eventcodes.txt` and `CAMEO.goldsteinscale.txt`, from
  {GDELT_ORIGIN}; the PLOVER types, modes and contexts from {PLOVER_ORIGIN}.
- `LICENSE-petrarch2.txt`: PETRARCH2's MIT licence, copied verbatim (the licence requires the
  notice with the tables).

GDELT's lookup tables are free to use with citation of the GDELT Project. The Goldstein scale is
J. S. Goldstein, "A Conflict-Cooperation Scale for WEIS Events Data", Journal of Conflict
Resolution 36(2), 1992.

What the build changes: pattern words are lower-cased; PETRARCH's positional markers (`$`, `+`,
`^`, `%`) and articles are dropped; multi-word verbs with a coordination (`KILLED_AND`) or a
copula (`IS_DETERMINED`) and two malformed patterns are left out; a code unknown to the CAMEO
tables becomes its nearest known ancestor; an -ize verb the dictionary lists in one spelling only
gets the other (-ise, and -yze/-yse), with the patterns written for it, in the same block. A
pattern's verb is its comment's, in its base form (an irregular form by the braces of the
block's verbs: "THREW" is "throw"); a pattern whose comment names none belongs to every verb of
its block, as PETRARCH reads it. A verb line's ";" starts a comment, as "#" does.
Each table's header gives its columns.

| file | bytes |
|---|---|
{listing}
"""


def build(source: Path, plover: Path, out: Path) -> list[str]:
    """Write the CAMEO tables to `out`; one-line summaries to print."""
    descriptions = _lookup(source / CODES_FILE)
    goldstein = _lookup(source / GOLDSTEIN_FILE)
    plover_table = read_plover(plover.read_text(encoding="utf-8"))
    known = set(descriptions) | set(plover_table)
    synsets, blocks = read_verb_dictionary((source / VERBS_FILE).read_text(encoding="utf-8"), known)
    twins = add_spelling_twins(blocks)
    out.mkdir(parents=True, exist_ok=True)
    sizes: dict[str, int] = {}

    verb_rows: list[tuple[str, ...]] = []
    for block in sorted(blocks, key=lambda b: b.name):
        for lemma, particle, words, phrases, code in block.verbs:
            verb_rows.append(
                (block.name, lemma, particle or "-", "-", words or "-", phrases or "-", code, "-")
            )
        for particle, subject, words, phrases, code, verb in block_patterns(block):
            verb_rows.append(
                (
                    block.name,
                    "*",
                    particle or "-",
                    subject or "-",
                    words or "-",
                    phrases or "-",
                    code,
                    verb or "-",
                )
            )
    sizes["verbs.tsv"] = _write(out / "verbs.tsv", VERBS_HEADER, verb_rows)

    used = {
        word[1:]
        for row in verb_rows
        for cell in row[3:6]
        for word in re.findall(r"&[A-Z0-9_]+", cell)
    }
    synset_rows = sorted(
        (name, word.replace(" ", "_"))
        for name, words in synsets.items()
        if name in used
        for word in set(words)
    )
    sizes["verb_synsets.tsv"] = _write(out / "verb_synsets.tsv", SYNSETS_HEADER, synset_rows)

    codes = code_rows(descriptions, goldstein, plover_table)
    sizes["event_codes.tsv"] = _write(out / "event_codes.tsv", CODES_HEADER, codes)

    discards = read_discards((source / DISCARDS_FILE).read_text(encoding="utf-8"))
    sizes["discards.tsv"] = _write(out / "discards.tsv", DISCARDS_HEADER, discards)

    license_text = (source / LICENSE_FILE).read_text(encoding="utf-8")
    (out / "LICENSE-petrarch2.txt").write_text(license_text, encoding="utf-8")
    sizes["LICENSE-petrarch2.txt"] = len(license_text.encode("utf-8"))
    (out / "SOURCES.md").write_text(_sources(sizes), encoding="utf-8")

    n_patterns = sum(len(block_patterns(b)) for b in blocks)
    n_verbs = sum(len(b.verbs) for b in blocks)
    typed = sum(1 for c in codes if c[3] != "-")
    return [
        f"verbs.tsv: {len(blocks)} verb blocks, {n_verbs} verbs ({twins} of them -ise/-ize "
        f"spelling twins), {n_patterns} patterns ({sizes['verbs.tsv']:,} bytes)",
        f"verb_synsets.tsv: {len(used)} synonym sets ({sizes['verb_synsets.tsv']:,} bytes)",
        f"event_codes.tsv: {len(codes)} CAMEO codes, {typed} with a PLOVER type "
        f"({sizes['event_codes.tsv']:,} bytes)",
        f"discards.tsv: {len(discards)} phrases ({sizes['discards.tsv']:,} bytes)",
        f"written to {out}",
    ]


_PAST = re.compile(r"^(\w+ )?(weeks|months|years) (ago|later)$")


def read_discards(text: str) -> list[tuple[str, str]]:
    """(phrase, scope) for each discard line, sorted, duplicates dropped. The scope is "story"
    (the upstream's "+"), "year" (a bare year: the upstream drops sentences about the years
    before it was run), "past" ("weeks ago", "years later") or "sentence"."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        body = line.split("#", 1)[0].strip()
        story = body.startswith("+")
        phrase = " ".join(body.lstrip("+").lower().split())
        if not phrase:
            continue
        if story or found.get(phrase) == "story":
            found[phrase] = "story"
        elif re.fullmatch(r"1[89]\d\d|20\d\d", phrase):
            found[phrase] = "year"
        elif _PAST.match(phrase):
            found[phrase] = "past"
        else:
            found[phrase] = "sentence"
    return sorted(found.items())
