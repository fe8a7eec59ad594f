"""Build the shipped CAMEO tables from the expert dictionaries: ``make event-tables``.

    python -m newsgraph.nlp.events.build [--source ../shared/data/events-codebooks]
        [--plover ../shared/data/events-plover/CAMEO2PLOVER-2021.txt]

Reads the PETRARCH2 verb and Phoenix actor dictionaries and GDELT's CAMEO lookup tables and
writes compact tables to ``newsgraph/data/events/cameo/`` (with the upstream licence and sources
beside them). The events stage reads only those shipped tables, never the source folder.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newsgraph.nlp.events import _build_actors, _build_verbs

ROOT = Path(__file__).resolve().parents[4]
SOURCE = ROOT.parent / "shared" / "data" / "events-codebooks"
PLOVER = ROOT.parent / "shared" / "data" / "events-plover" / "CAMEO2PLOVER-2021.txt"
OUT = Path(__file__).resolve().parents[2] / "data" / "events" / "cameo"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsgraph.nlp.events.build")
    parser.add_argument("--source", type=Path, default=SOURCE, help="the events-codebooks folder")
    parser.add_argument("--plover", type=Path, default=PLOVER, help="CAMEO2PLOVER-2021.txt")
    parser.add_argument("--out", type=Path, default=OUT, help="where the tables go")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for line in _build_verbs.build(args.source, args.plover, args.out):
        print(line)
    for line in _build_actors.build(args.source, args.out):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
