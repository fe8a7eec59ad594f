"""Benchmark of the quotes stage on PolNeAR (dev split): who said what.

    .venv/bin/python -m bench.bench_quotes [--limit N]

Reads `../shared/data/quotes-polnear/dev` (never copied into the project). Scoring, as in the
data README: a gold Content span is matched by a predicted quote overlapping it; the source is
right when the predicted speaker span overlaps the gold Source span, or when the predicted
`speaker_id` is an entity with a mention overlapping it.

- content: precision = predicted quotes overlapping any gold Content / predicted quotes;
  recall = gold attributions whose Content some predicted quote overlaps / gold attributions.
- pairs (content, source): gold = attributions with a Source; a gold pair is found when an
  overlapping predicted quote has the right speaker. A predicted quote is correct when it
  overlaps a gold pair's content with the right speaker, wrong when it overlaps none or only
  with the wrong speaker, and left out of the count when it overlaps only attributions that
  have no Source in the gold (nothing to check its speaker against).
- direct: a gold attribution is direct when each piece of its Content is enclosed in quotation
  marks (the piece, stripped of spaces and trailing punctuation, starts with an opening mark or
  follows one, and ends with a closing mark or precedes one). Mixed attributions (reported
  speech with a quoted fragment) are not direct. Direct scores compare gold direct attributions
  with predicted quotes whose `direct` is true (their precision counts any gold attribution they
  overlap).

One annotator's file per article (the first in name order) where PolNeAR has several.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench.halves import gap_note, indices

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "quotes-polnear" / "dev"
DOC = ROOT / "docs" / "bench" / "quotes.md"
COMMAND = ".venv/bin/python -m bench.bench_quotes"
BASELINES = {
    "textacy direct_quotations (from the issue)": {"direct_pair_f1": 0.72, "pair_f1": 0.33}
}
TARGETS = {"direct_pair_f1": 0.90, "pair_f1": 0.70}
NOTES = """\
- The textacy row is the figure given in the issue ("Who said what"); textacy is not a
  dependency of newsgraph and was not re-run here.
- The targets hold for held-out news of the same corpus, scored outside the project; there the
  stage has scored below its check half here (direct 0.844, all 0.671 against check-half 0.920
  and 0.702 before the transcript, doubled-apostrophe, participle and relative-pronoun rules),
  so the check half needs a margin above them. Held out there too: `bench_quotes_blind`'s
  second and third sets, whose aggregates alone are read.
- Audit (issue 17): "the police" was a special case (never a second reference to the
  organisation named before); it is now one row of a table of collective bodies
  (`[speakers.bodies]` in `data/quotes/cues.toml`, each row with its reason and an example of
  ours), where a body stands for an earlier organisation only when that organisation's name
  carries its word. "Recording", "tape", "video" and "voice" are general channel and person
  nouns, tested on sentences of ours. Before the audit and the prose rules written with it
  (the third set's notes in `docs/bench/quotes_blind.md` list them) the check half scored
  direct 0.930 and all 0.722, the tuning half 0.933 and 0.770. Each rule was switched off in
  turn: none lowered the check half. Two lowered the tuning half by one article each and were
  kept for their reason: "the company" as a second reference only when definite (a bare
  "companies" had been credited to an organisation by chance), and a paragraph ending in a
  colon (one extra quote).
- Second audit (issue 17), with 122 probes of ours (`tests/test_quotes_probes.py`: wire,
  feature and running-prose attribution, and non-quotes such as titles and scare quotes).
  Five rules of the previous round helped only the tuning half and no probe needed them (a
  cue's own clause after a semicolon, "as X put it", a pronoun addressee in a parenthetical
  cue, a relative clause as a reporting noun's content, a name before a bare participle);
  they were dropped. Six general rules came from probe failures (he/she never a plural
  speaker, a name in apposition to a subject, the issuer of a statement, an age as a second
  reference, a title-case quotation after "on"/"in" is a work, a paragraph-long quotation
  claimed by a "That ..." sentence next). Check half 0.938 / 0.740 -> 0.939 / 0.741, tuning
  0.944 / 0.798 -> 0.940 / 0.793 (the gap on "all" 0.058 -> 0.052, still over 0.03), before
  the entities changes of the same day.
- The run includes the entities stage, so a speaker also counts as right when its
  `speaker_id` names an entity mentioned inside the gold Source span. Without the entities
  stage the scores are within 0.01 (floors in `bench/floors/quotes.json` hold either way).
- Predicted quotes of a mixed attribution are the quoted fragments (`direct` true), so the
  direct rows count more predictions than gold direct attributions: a fragment that overlaps
  a mixed gold attribution is correct there too.
- Halves: each article is in the tuning or the check half by a fixed hash of its file name
  (`bench/halves.py`). Rules are written from tuning-half misses only; the check half is the
  reported figure, and a gap over 0.03 between the halves is called out above.
- The gate (`tests/gate/test_gate_quotes.py`) runs the whole dev split and checks the whole
  set and the check half against their floors.
- PolNeAR is one corpus's house style; `bench_quotes_blind` (`docs/bench/quotes_blind.md`)
  scores the stage on two sets of hand-written passages in the quoting styles of wire copy,
  features and British papers: the first now a tuning set, the second held out whole."""
_OPEN = "“„«‘\"'"
_CLOSE = "”“»’\"'"

Span = tuple[int, int]


@dataclass
class Gold:
    content: list[Span]
    source: list[Span] = field(default_factory=list)
    direct: bool = False


def _spans(field_: str) -> list[Span]:
    out: list[Span] = []
    for part in field_.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def parse_ann(ann: str) -> list[Gold]:
    """Attributions of a BRAT standoff file: their Content pieces and Source spans."""
    spans: dict[str, tuple[str, list[Span]]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann.splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            kind, _, where = parts[1].partition(" ")
            spans[parts[0]] = (kind, _spans(where))
        elif line.startswith("E"):
            parts = line.split("\t")
            if len(parts) >= 2:
                events.append([tuple(x.split(":", 1)) for x in parts[1].split()])  # type: ignore[misc]
    golds: list[Gold] = []
    for event in events:
        content: list[Span] = []
        source: list[Span] = []
        for role, ref in event:
            if ref not in spans:
                continue
            if role.startswith("Content"):
                content += spans[ref][1]
            elif role.startswith("Source"):
                source += spans[ref][1]
        if content:
            golds.append(Gold(content, source))
    return golds


def is_direct(text: str, pieces: list[Span]) -> bool:
    for start, end in pieces:
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        s = start + lead
        stripped = piece.strip().rstrip(".,;:!?—–- ")
        if not stripped:
            return False
        e = s + len(stripped)
        opens = text[s] in _OPEN or (s > 0 and text[s - 1] in _OPEN)
        closes = (
            text[e - 1] in _CLOSE
            or text[e : e + 1] in tuple(_CLOSE)
            or (text[e : end + 1].strip(".,;:!? ")[:1] in tuple(_CLOSE))
        )
        if not (opens and closes):
            return False
    return True


def _overlaps(a: Span, bs: list[Span]) -> bool:
    return any(a[0] < b[1] and b[0] < a[1] for b in bs)


def load(limit: int | None = None) -> list[tuple[str, str, list[Gold]]]:
    texts = sorted((DATA / "text").glob("*.txt"))
    if limit is not None:
        texts = texts[:limit]
    docs = []
    for path in texts:
        anns = sorted((DATA / "attributions").glob(path.stem + "_*.ann"))
        if not anns:
            continue
        text = path.read_text(encoding="utf-8")
        golds = parse_ann(anns[0].read_text(encoding="utf-8"))
        for g in golds:
            g.direct = is_direct(text, g.content)
        docs.append((path.stem, text, golds))
    return docs


def data_available() -> bool:
    return (DATA / "text").is_dir() and (DATA / "attributions").is_dir()


def fixture_sha256(limit: int | None = None) -> str:
    """sha256 over the text and annotation files the benchmark reads."""
    digest = hashlib.sha256()
    for name, _, _ in load(limit):
        for path in [
            DATA / "text" / f"{name}.txt",
            *sorted((DATA / "attributions").glob(name + "_*.ann"))[:1],
        ]:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


Counts = dict[str, list[int]]  # metric -> [true predicted, predicted, true gold, gold]
_KEYS = ("content", "pair", "direct_content", "direct_pair")


def doc_counts(golds: list[Gold], preds: list[dict]) -> Counts:
    """The counts one article adds to each metric."""
    counts = {k: [0, 0, 0, 0] for k in _KEYS}
    for subset in ("", "direct_"):
        gs = [g for g in golds if g.direct] if subset else golds
        ps = [p for p in preds if p["direct"]] if subset else preds
        c = counts[subset + "content"]
        pr = counts[subset + "pair"]
        for p in ps:
            span = (p["start"], p["end"])
            hits = [g for g in golds if _overlaps(span, g.content)]
            c[1] += 1
            c[0] += bool(hits)
            with_source = [g for g in hits if g.source]
            if hits and not with_source:
                continue
            pr[1] += 1
            pr[0] += any(_speaker_right(p, g) for g in with_source)
        for g in gs:
            found = [q for q in preds if _overlaps((q["start"], q["end"]), g.content)]
            c[3] += 1
            c[2] += bool(found)
            if g.source:
                pr[3] += 1
                pr[2] += any(_speaker_right(q, g) for q in found)
    return counts


def figures(per_doc: list[Counts]) -> dict:
    """Micro-averaged P/R/F1 and counts over the articles whose counts are given."""
    total = {k: [sum(c[k][i] for c in per_doc) for i in range(4)] for k in _KEYS}
    out: dict = {}
    for key, (tp_p, n_p, tp_r, n_r) in total.items():
        p, r, f = _prf(tp_p, n_p, tp_r, n_r)
        out[f"{key}_p"], out[f"{key}_r"], out[f"{key}_f1"] = p, r, f
        out[f"{key}_gold"], out[f"{key}_pred"] = n_r, n_p
    return out


def score(docs: list[tuple[str, str, list[Gold]]], predictions: list[list[dict]]) -> dict:
    """Scores from gold attributions and predicted quotes (`Quote.model_dump()` plus mentions)."""
    return figures(
        [doc_counts(golds, preds) for (_, _, golds), preds in zip(docs, predictions, strict=True)]
    )


def _speaker_right(pred: dict, gold: Gold) -> bool:
    if pred["speaker_start"] is not None and _overlaps(
        (pred["speaker_start"], pred["speaker_end"]), gold.source
    ):
        return True
    return any(_overlaps(m, gold.source) for m in pred.get("entity_mentions", []))


def predict(docs: list[tuple[str, str, list[Gold]]]) -> list[list[dict]]:
    from newsgraph.model import Article
    from newsgraph.nlp import entities, quotes
    from newsgraph.nlp.spacy_model import load_nlp
    from newsgraph.settings import get_settings

    nlp = load_nlp(get_settings().spacy_model)
    out: list[list[dict]] = []
    for (_, text, _), doc in zip(docs, nlp.pipe(t for _, t, _ in docs), strict=True):
        article = Article(text=text, body=text)
        article = entities.run(article, doc)
        article = quotes.run(article, doc)
        by_id = {e.id: [(m.start, m.end) for m in e.mentions] for e in article.entities}
        preds = []
        for q in article.quotes:
            d = q.model_dump()
            d["entity_mentions"] = by_id.get(q.speaker_id or "", [])
            preds.append(d)
        out.append(preds)
    return out


def run(limit: int | None = None) -> dict:
    """Score the stage on the dev split (the first `limit` articles when given), the whole split
    and each half (`result["halves"]["tuning"|"check"]`, split by article file name)."""
    docs = load(limit)
    started = time.perf_counter()
    predictions = predict(docs)
    per_doc = [
        doc_counts(golds, preds) for (_, _, golds), preds in zip(docs, predictions, strict=True)
    ]
    result = figures(per_doc)
    result["articles"] = len(docs)
    result["halves"] = {}
    for half, where in indices([name for name, _, _ in docs]).items():
        result["halves"][half] = figures([per_doc[i] for i in where])
        result["halves"][half]["articles"] = len(where)
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


_ROWS = (
    ("content", "content, all"),
    ("pair", "(content, source), all"),
    ("direct_content", "content, direct"),
    ("direct_pair", "(content, source), direct"),
)
HEADLINE = ("direct_pair_f1", "pair_f1", "content_f1", "direct_content_f1")


def _table(result: dict) -> str:
    """The check half's figures first (the reported ones), then whole / tuning / check."""
    check, tuning = result["halves"]["check"], result["halves"]["tuning"]
    rows = [
        f"Check half ({check['articles']} of {result['articles']} articles; the tuning half has "
        f"{tuning['articles']}):",
        "",
        "| metric | P | R | F1 | gold | predicted |",
        "|---|---|---|---|---|---|",
    ]
    for key, label in _ROWS:
        rows.append(
            f"| {label} | {check[key + '_p']:.3f} | {check[key + '_r']:.3f} | "
            f"{check[key + '_f1']:.3f} | {check[key + '_gold']} | {check[key + '_pred']} |"
        )
    rows += [
        "",
        "| F1 | whole set | tuning half | check half |",
        "|---|---|---|---|",
    ]
    for key, label in _ROWS:
        rows.append(
            f"| {label} | {result[key + '_f1']:.3f} | {tuning[key + '_f1']:.3f} | "
            f"{check[key + '_f1']:.3f} |"
        )
    rows.append(
        f"| (content, source) P, all | {result['pair_p']:.3f} | {tuning['pair_p']:.3f} | "
        f"{check['pair_p']:.3f} |"
    )
    rows += [
        "",
        "| system | (content, source) F1 direct | (content, source) F1 all |",
        "|---|---|---|",
    ]
    rows.append(
        f"| newsgraph, check half | {check['direct_pair_f1']:.3f} | {check['pair_f1']:.3f} |"
    )
    rows.append(
        f"| newsgraph, whole set | {result['direct_pair_f1']:.3f} | {result['pair_f1']:.3f} |"
    )
    for name, base in BASELINES.items():
        rows.append(f"| {name} | {base['direct_pair_f1']:.2f} | {base['pair_f1']:.2f} |")
    rows.append(f"| target | >= {TARGETS['direct_pair_f1']:.2f} | >= {TARGETS['pair_f1']:.2f} |")
    notes = [_gap(result, metric) for metric in HEADLINE]
    if any(notes):
        rows += ["", *(f"- {n}" for n in notes if n)]
    return "\n".join(rows)


def _gap(result: dict, metric: str) -> str | None:
    halves = result["halves"]
    return gap_note(f"quotes {metric}", halves["tuning"][metric], halves["check"][metric])


def write_markdown(result: dict) -> None:
    DOC.parent.mkdir(parents=True, exist_ok=True)
    doc_string = (__doc__ or "").split("\n\n", 2)[2].strip()
    DOC.write_text(
        "# Quotes benchmark (PolNeAR dev)\n\n"
        f"Command: `{COMMAND}`  \n"
        f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC  \n"
        f"Machine: 2 cores ({platform.machine()}, Python {platform.python_version()}); "
        f"{result['articles']} articles in {result['seconds']} s\n\n"
        f"{_table(result)}\n\n## Scoring\n\n{doc_string}\n\n## Notes\n\n{NOTES}\n",
        encoding="utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if not DATA.exists():
        raise SystemExit(f"PolNeAR dev split not found at {DATA}")
    result = run(args.limit)
    print(json.dumps(result, indent=2))
    print(_table(result))
    if not args.no_write and args.limit is None:
        write_markdown(result)


if __name__ == "__main__":
    main()
