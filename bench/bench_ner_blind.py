"""Named entities on blind modern news: exact span and type, PER/ORG/LOC, MISC apart.

    .venv/bin/python -m bench.bench_ner_blind [--no-write] [--misses]

`bench_ner` scores the entities stage on CoNLL-2003 English dev: Reuters wire of 1996, heavy on
sports results and tables. The news newsgraph is used on is another register: conflict,
extremism, politics and business of the 2015-2026 kind, with ministries, armed groups, UN
agencies, acronyms defined in brackets, possessives ("Ukraine's Defence Ministry") and
non-English names. `tests/data/ner_blind.tsv` holds passages of that kind, written for
newsgraph before its entities code was read and annotated by CoNLL-2003's conventions (the
file's header states them). It is the held-out proxy for the news the stage is meant for.

Each row is one gold mention: `id` (of its passage), `half` (`bench/halves.py` by passage id,
written out so that a reader sees it; the loader checks it), `start` and `end` (character
offsets into the passage), `text` (its exact characters), `type` (PER, ORG, LOC or MISC) and
`passage` (the same on each of its rows). Lines starting with `#` are comments. The loader
checks every row, since a slip in the gold would pass for a miss of the stage.

**Scoring** as `bench_ner`: a mention is right when its span and type are both exact.
PER/ORG/LOC make the headline figures ("all" pools them); MISC is scored on its own, since the
stage's "group" (nationalities, peoples) and "other" (events, products) are its MISC. spaCy's
own entities on the same parses are the baseline (PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC;
NORP/EVENT/PRODUCT/LAW/WORK_OF_ART/LANGUAGE->MISC). Every figure is given for the tuning half,
the check half and both; rules may be written only from the tuning half's misses (`--misses`
prints those alone), and the check half is the figure to quote.
"""

from __future__ import annotations

import argparse
import hashlib
import platform
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import bench_ner
from bench._tsv import data_rows
from bench.halves import HALVES, Half, gap_note, half_of

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "ner_blind.tsv"
# A second set, written later by a hand that read neither the stage nor the first set's
# passages, from other regions and beats: held out whole (no rule reads either half).
HELD_OUT = ROOT / "tests" / "data" / "ner_blind2.tsv"
OUT = ROOT / "docs" / "bench" / "ner_blind.md"
COMMAND = ".venv/bin/python -m bench.bench_ner_blind"
COLUMNS = ("id", "half", "start", "end", "text", "type", "passage")
TYPES = ("PER", "ORG", "LOC")
ALL_TYPES = (*TYPES, "MISC")
MISC_LABELS = ("NORP", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART", "LANGUAGE")
SPACY_MAP = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    **dict.fromkeys(MISC_LABELS, "MISC"),
}
OUR_MAP = {
    "person": "PER",
    "organization": "ORG",
    "place": "LOC",
    "group": "MISC",
    "other": "MISC",
}

Triple = tuple[int, int, str]
Pairs = list[tuple[frozenset[Triple], set[Triple]]]


@dataclass(frozen=True, slots=True)
class Passage:
    """One blind passage and its gold mentions."""

    id: str
    half: Half
    text: str
    gold: frozenset[Triple]


def load(path: Path = DATA) -> list[Passage]:
    """The passages of a blind set, in file order, each with its gold (start, end, type).

    Raises ValueError naming the file and line of a row with the wrong number of columns, a
    half that is not its id's, offsets that do not cover its words, an unknown type, or a
    passage text that differs from the one on the id's other rows.
    """
    texts: dict[str, str] = {}
    gold: dict[str, set[Triple]] = {}
    for where, cells in data_rows(path, COLUMNS):
        item_id, half, start_s, end_s, words, kind, text = cells
        if half != half_of(item_id):
            raise ValueError(f"{where}: half {half!r} is not {half_of(item_id)!r} for {item_id}")
        if kind not in ALL_TYPES:
            raise ValueError(f"{where}: type {kind!r} is not one of {', '.join(ALL_TYPES)}")
        start, end = int(start_s), int(end_s)
        if text[start:end] != words:
            raise ValueError(
                f"{where}: offsets {start}-{end} give {text[start:end]!r}, not {words!r}"
            )
        if texts.setdefault(item_id, text) != text:
            raise ValueError(f"{where}: passage of {item_id} differs from its earlier rows")
        gold.setdefault(item_id, set()).add((start, end, kind))
    return [Passage(i, half_of(i), texts[i], frozenset(gold[i])) for i in texts]


def score(pairs: Iterable[tuple[frozenset[Triple], set[Triple]]]) -> dict[str, float]:
    """`bench_ner`'s exact-triple scores, per type, for "all" (PER/ORG/LOC pooled) and for
    MISC on its own."""
    return bench_ner.score(pairs, kinds=ALL_TYPES)


def sha256(path: Path = DATA) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(passages: Sequence[Passage]) -> dict[str, Any]:
    """Score spaCy alone and the entities stage on `passages`, with the CPU time of each."""
    from bench.bench_ner import WARM_UP
    from newsgraph.nlp.entities import find_entities
    from newsgraph.nlp.gazetteer import load_gazetteer
    from newsgraph.nlp.spacy_model import load_nlp, ner_of
    from newsgraph.settings import get_settings

    nlp = load_nlp(get_settings().spacy_model)
    rerun = ner_of(nlp.make_doc(""))
    load_gazetteer()  # one-time costs outside the timing, as in bench_ner
    warm = nlp(WARM_UP)
    find_entities(WARM_UP, [(e.start_char, e.end_char, e.label_) for e in warm.ents], rerun=rerun)
    started = time.process_time()
    parsed = list(nlp.pipe([p.text for p in passages], batch_size=32))
    spacy_s = time.process_time() - started
    raw = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in parsed]
    started = time.process_time()
    ours = [find_entities(p.text, r, rerun=rerun) for p, r in zip(passages, raw, strict=True)]
    stage_s = time.process_time() - started
    base: Pairs = [
        (p.gold, {(s, e, SPACY_MAP[lab]) for s, e, lab in r if lab in SPACY_MAP})
        for p, r in zip(passages, raw, strict=True)
    ]
    mine: Pairs = [
        (p.gold, bench_ner.our_triples(ents, OUR_MAP))
        for p, ents in zip(passages, ours, strict=True)
    ]
    return {
        **_figures(list(passages), base, mine),
        "halves": {
            half: _figures(
                [p for p in passages if p.half == half],
                [b for p, b in zip(passages, base, strict=True) if p.half == half],
                [m for p, m in zip(passages, mine, strict=True) if p.half == half],
            )
            for half in HALVES
        },
        "mine": mine,
        "spacy_seconds": round(spacy_s, 3),
        "stage_seconds": round(stage_s, 3),
        "overhead": round(stage_s / spacy_s, 4) if spacy_s else 0.0,
        "sha256": sha256(),
    }


def _figures(passages: list[Passage], base: Pairs, mine: Pairs) -> dict[str, Any]:
    return {
        "passages": len(passages),
        "gold": Counter(t[2] for p in passages for t in p.gold),
        "spacy": score(base),
        "ours": score(mine),
    }


def misses(passages: Sequence[Passage], mine: Pairs, half: Half = "tuning") -> list[str]:
    """One line per wrong or missed mention of `half`'s passages (the tuning half's only, for
    the rules)."""
    lines = []
    for p, (gold, pred) in zip(passages, mine, strict=True):
        if p.half != half:
            continue
        for s, e, kind in sorted(gold - pred):
            lines.append(f"{p.id} MISS {kind} {p.text[s:e]!r}")
        for s, e, kind in sorted(pred - gold):
            lines.append(f"{p.id} WRONG {kind} {p.text[s:e]!r}")
    return lines


def _table(result: dict[str, Any], kinds: Sequence[str]) -> list[str]:
    halves = result["halves"]
    rows = [
        "| type | newsgraph check | newsgraph tuning | newsgraph both "
        "| spaCy check | spaCy tuning | spaCy both |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind in kinds:
        key = f"{kind}_f1"
        cells = [
            f"{sets[system][key]:.3f}"
            for system in ("ours", "spacy")
            for sets in (halves["check"], halves["tuning"], result)
        ]
        cells[0] = f"**{cells[0]}**"
        rows.append(f"| {kind} | " + " | ".join(cells) + " |")
    return rows


def report(result: dict[str, Any]) -> str:
    """The markdown page of a run."""
    tuning, check = (result["halves"][half] for half in HALVES)
    gold = result["gold"]
    notes = [
        note
        for kind in ("all", *TYPES)
        if (
            note := gap_note(
                f"newsgraph {kind} F1", tuning["ours"][f"{kind}_f1"], check["ours"][f"{kind}_f1"]
            )
        )
    ]
    prf = [
        "| type | spaCy P | spaCy R | spaCy F1 | newsgraph P | newsgraph R | newsgraph F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind in (*TYPES, "all", "MISC"):
        b, o = result["spacy"], result["ours"]
        prf.append(
            f"| {kind} | {b[f'{kind}_p']:.3f} | {b[f'{kind}_r']:.3f} | {b[f'{kind}_f1']:.3f} "
            f"| {o[f'{kind}_p']:.3f} | {o[f'{kind}_r']:.3f} | {o[f'{kind}_f1']:.3f} |"
        )
    when = datetime.now(UTC).strftime("%Y-%m-%d")
    return "\n".join(
        [
            "## Named entities on blind modern news",
            "",
            f"Command: `{COMMAND}` ({when}; {platform.machine()}, Python "
            f"{platform.python_version()}; data sha256 {result['sha256'][:12]}).",
            "",
            f"`tests/data/ner_blind.tsv`: {result['passages']} passages of 2015-2026-style news "
            "(conflict, extremism, politics, business, health, sport in prose) written for "
            "newsgraph before its entities code was read, annotated by CoNLL-2003's conventions "
            f"(a capital standing for its government is LOC): {gold['PER']} PER, {gold['ORG']} "
            f"ORG, {gold['LOC']} LOC, {gold['MISC']} MISC. Exact span and type. Check half "
            f"{check['passages']} passages, tuning half {tuning['passages']}.",
            "",
            "F1 by half; the check half is the figure to quote, the tuning half the one to read "
            "misses from. spaCy = the small English model alone on the same parses.",
            "",
            *_table(result, (*TYPES, "all")),
            "",
            "MISC (nationalities and peoples, events, products, indices), scored apart: the "
            'stage\'s "group" and "other" entities against gold MISC.',
            "",
            *_table(result, ("MISC",)),
            "",
            " ".join(notes) or "No newsgraph F1 differs between the halves by more than 0.03.",
            "",
            "Both halves, precision and recall:",
            "",
            *prf,
            "",
            "Rules written from this set's tuning-half misses only (2026-12-07; check half "
            "before -> after: PER 0.864 -> 0.886, ORG 0.855 -> 0.865, LOC 0.917 -> 0.926, all "
            "0.883 -> 0.894, MISC 0.905 -> 0.905; tuning all 0.908 -> 0.957; CoNLL-2003 dev "
            "unchanged, check ORG 0.752, all 0.852): an acronym in brackets may keep a shorter "
            'one whole ("UN Assistance Mission in Afghanistan (UNAMA)") and one written tight '
            "after an organisation is that organisation even in another language's letters "
            '("the National Liberation Army (ELN)"); a listed organisation\'s possessive is no '
            'part of its name ("Samsung\'s plants"); a given name is read without its accents '
            '("María"); two or three capitalised words after a role word ("opposition leader", '
            '"fast bowler", "chief executive") are a person; a one-word "person" of a brand\'s '
            'camel-case shape ("SpaceX") is an organisation; a well-known city after "in", '
            '"near" or "outside" is the place even in a business sentence ("shares fell in '
            'Copenhagen"). Lexicon rows (militias, two companies, two newspapers, "Cartel" as '
            "an organisation word) raised the tuning half alone, as rows of names do: read the "
            "check half. Misses left: persons named once with no cue and no known given name, "
            "companies named after a person or a river, products and market indices (MISC), "
            "metonymic buildings (the Pentagon: LOC by this set's convention).",
            "",
            "Organisation shapes and the audit (2026-12-07; see docs/bench/ner.md; check half "
            "before -> after: ORG 0.865 -> 0.874, LOC 0.926 -> 0.939, all 0.894 -> 0.904, PER "
            "0.886 -> 0.886; tuning all 0.960 -> 0.964; held-out set all 0.855 -> 0.864, ORG "
            "0.837 -> 0.851): most of the gain comes from hospitals and research centres read "
            "as organisations, lower-case words trimmed before a name, an office's portfolio "
            '("Education Minister") read as no organisation, an acronym typed as a place only '
            "when its whole expansion is one, and a company noun in an apposition.",
            "",
            f"CPU time: spaCy's pipeline {result['spacy_seconds']:.2f} s; the entities stage "
            f"adds {result['stage_seconds']:.2f} s ({100 * result['overhead']:.1f}% of spaCy's), "
            "after a warm-up sentence that loads the lexicons and the gazetteer.",
            "",
        ]
    )


def held_out_section(result: dict[str, Any]) -> list[str]:
    """The held-out set's figures, whole set only (its halves are never read apart)."""
    gold = result["gold"]
    rows = ["| type | spaCy F1 | newsgraph F1 |", "|---|---|---|"]
    rows += [
        f"| {kind} | {result['spacy'][f'{kind}_f1']:.3f} | {result['ours'][f'{kind}_f1']:.3f} |"
        for kind in (*TYPES, "all", "MISC")
    ]
    return [
        "### Held out: a second set by another hand",
        "",
        f"`tests/data/ner_blind2.tsv`: {result['passages']} passages written later by a hand "
        "that read neither the stage nor the first set's passages (South and Southeast Asia, "
        "Latin America, Africa; business, courts, health, science, culture, local government, "
        f"sport in prose): {gold['PER']} PER, {gold['ORG']} ORG, {gold['LOC']} LOC, "
        f"{gold['MISC']} MISC. No rule reads either of its halves: the whole set is the figure.",
        "",
        *rows,
        "",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print, do not write the doc")
    parser.add_argument("--misses", action="store_true", help="print the tuning half's misses")
    args = parser.parse_args()
    passages = load()
    result = run(passages)
    if args.misses:
        print("\n".join(misses(passages, result["mine"])))
    text = report(result) + "\n" + "\n".join(held_out_section(run(load(HELD_OUT))))
    print(text)
    if not args.no_write:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
