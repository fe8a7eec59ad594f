"""The CAMEO verb tables: built from the expert dictionaries, reproducible, small."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from newsgraph.nlp.events import _build_verbs
from newsgraph.nlp.events._build_verbs import build, code_rows, read_discards, read_plover

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
SOURCE = SHARED / "events-codebooks"
PLOVER = SHARED / "events-plover" / "CAMEO2PLOVER-2021.txt"
OURS = (
    "verbs.tsv",
    "verb_synsets.tsv",
    "event_codes.tsv",
    "discards.tsv",
    "LICENSE-petrarch2.txt",
    "SOURCES.md",
)


def _shipped(name: str) -> bytes:
    return resources.files("newsgraph.data").joinpath("events", "cameo", name).read_bytes()


def _rows(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


def test_the_shipped_tables_are_what_the_build_writes(tmp_path: Path) -> None:
    """Rebuilding from the shared dictionaries gives the shipped files byte for byte, twice."""
    if not (SOURCE / _build_verbs.VERBS_FILE).exists() or not PLOVER.exists():
        pytest.skip(f"the codebooks are not at {SOURCE}")
    summary = build(SOURCE, PLOVER, tmp_path / "a")
    build(SOURCE, PLOVER, tmp_path / "b")
    assert any(line.startswith("verbs.tsv:") for line in summary)
    for name in OURS:
        built = (tmp_path / "a" / name).read_bytes()
        assert built == (tmp_path / "b" / name).read_bytes(), name
        assert built == _shipped(name), f"{name} is stale: run make event-tables"
    assert sum(len(_shipped(name)) for name in OURS) < 500_000
    upstream = (SOURCE / _build_verbs.LICENSE_FILE).read_bytes()
    assert _shipped("LICENSE-petrarch2.txt") == upstream  # the MIT notice, verbatim
    assert b"676801cd9cb2924bbbad09f86d15c9323e7097bf" in _shipped("SOURCES.md")
    assert b"make event-tables" in _shipped("SOURCES.md")


# A dictionary of our own in the upstream format, with the upstream's quirks.
VERBS = """\
# header
####### SYNONYM SETS #######

&WEAPON
+RIFLE
+MORTAR_ROUND
+IED_

####### VERB PATTERNS #######

---  KILL   [190]  ---
+SHOOT_DOWN {+SHOOTS_DOWN +SHOT_DOWN }
+KILLED_AND {}
KILL
STRANGLE  [180]  # a comment
- * (IN ACCIDENT)                                     [---]         # KILL
- &WEAPON *                                           [183]         # KILLED_AND
- * {PEACE ENVOY}                                     [180]         # KILL
- * {PEACE ENVOY}                                     [180]         # KILL
- * (BEFORE COURT)                                    [:173]        # KILL
- * OFF (FROM ^)                                      [1952]        # KILL
- SPY_*_DEAL                                          [190]         # KILL

---  DELAY   [120]---  ---
POSTPONE

######## TRANSFORMATIONS ##########
~ a (a b ATTACK) SAY = a b 015
"""
CODES = (
    "CAMEOEVENTCODE\tEVENTDESCRIPTION\n010\tMake statement\n0211\tAppeal for economic cooperation\n"
)
CODES += "120\tReject\n173\tArrest\n180\tUse unconventional violence\n183\tBomb\n"
CODES += "190\tUse force\n195\tEmploy aerial weapons\n1011\tDemand economic cooperation\n"
GOLDSTEIN = "CAMEOEVENTCODE\tGOLDSTEINSCALE\n010\t0.0\n0211\t3.4\n12\t-4.0\n120\t-4.0\n"
GOLDSTEIN += "173\t-5.0\n180\t-9.0\n183\t-10.0\n190\t-10.0\n195\t-10.0\n1011\t-5.0\n"
PLOVER_TEXT = """\
# CAMEO to PLOVER
10: REQUEST
1011: REQUEST, assist, economic # Demand economic cooperation
12: REJECT
120: REJECT,  ,    # Reject
1213: REJECT, assist, legal # Reject judicial cooperation
173: COERCE, arrest, legal            # Arrest
18: ASSAULT
180: ASSAULT, ,    # Use unconventional violence
183: ASSAULT,  suicide-attack,  # Bombing
190: ASSAULT, , military # Use conventional military force
195: ASSAULT, heavy-weapons, military # Employ aerial weapons
"""
DISCARDS = "# comment\nCHAMPIONS LEAGUE\n+FIFA  # sls\n1987\nWEEKS AGO\nCHAMPIONS LEAGUE\n"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    source = tmp_path / "codebooks"
    for relpath, text in (
        (_build_verbs.VERBS_FILE, VERBS),
        (_build_verbs.DISCARDS_FILE, DISCARDS),
        (_build_verbs.LICENSE_FILE, "The MIT License (MIT)\n\nCopyright (c) upstream\n"),
        (_build_verbs.CODES_FILE, CODES),
        (_build_verbs.GOLDSTEIN_FILE, GOLDSTEIN),
    ):
        (source / relpath).parent.mkdir(parents=True, exist_ok=True)
        (source / relpath).write_text(text, encoding="utf-8")
    (tmp_path / "plover.txt").write_text(PLOVER_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    build(source, tmp_path / "plover.txt", out)
    return out


def test_verb_rows_keep_what_a_parse_can_check(small: Path) -> None:
    rows = _rows(small / "verbs.tsv")
    verbs = {(r[0], r[1], r[2]): r[6] for r in rows if r[1] != "*"}
    assert verbs[("KILL", "shoot", "down")] == "190"  # a multi-word verb: lemma and particle
    assert verbs[("KILL", "strangle", "-")] == "180"  # its own code beats the block's
    assert verbs[("DELAY", "postpone", "-")] == "120"  # a malformed header still opens a block
    assert ("KILL", "killed", "-") not in verbs  # "KILLED_AND" is no verb
    patterns = [r for r in rows if r[1] == "*"]
    assert ["KILL", "*", "-", "-", "-", "(in accident)", "---", "kill"] in patterns
    assert ["KILL", "*", "-", "&WEAPON", "-", "-", "183", "kill"] in patterns  # "killed": kill
    assert ["KILL", "*", "-", "-", "-", "(before court)", ":173", "kill"] in patterns
    assert ["KILL", "*", "off", "-", "-", "(from)", "195", "kill"] in patterns  # 1952 unknown
    assert sum(r[4] == "peace envoy" for r in patterns) == 1  # repeated upstream, kept once
    assert not any("spy" in r[3] for r in patterns)  # a malformed pattern is left out
    synsets = _rows(small / "verb_synsets.tsv")
    assert synsets == [["WEAPON", "ied"], ["WEAPON", "mortar_round"], ["WEAPON", "rifle"]]


def test_event_codes_carry_plover_goldstein_and_quad(small: Path) -> None:
    rows = {r[0]: r for r in _rows(small / "event_codes.tsv")}
    assert rows["190"] == ["190", "Use force", "-10.0", "ASSAULT", "-", "military", "4"]
    assert rows["010"][3:] == ["-", "-", "-", "1"]  # public statements: no PLOVER type
    assert rows["0211"][3:] == ["REQUEST", "assist", "economic", "1"]  # its 1011 twin's coding
    assert rows["1213"][1:4] == ["Reject judicial cooperation", "-4.0", "REJECT"]  # parent's
    assert list(rows) == sorted(rows)


def test_quad_class_follows_the_cameo_root() -> None:
    assert [_build_verbs.quad_class(c) for c in ("057", "0874", "112", "145", "2042")] == [
        1,
        2,
        3,
        4,
        4,
    ]


def test_discards_keep_their_scope(small: Path) -> None:
    assert _rows(small / "discards.tsv") == [
        ["1987", "year"],
        ["champions league", "sentence"],
        ["fifa", "story"],
        ["weeks ago", "past"],
    ]
    assert read_discards("+A B\nA B\n") == [("a b", "story")]  # a story mark is kept


def test_the_licence_and_sources_sit_beside_the_tables(small: Path) -> None:
    license_text = (small / "LICENSE-petrarch2.txt").read_text(encoding="utf-8")
    assert license_text == "The MIT License (MIT)\n\nCopyright (c) upstream\n"
    sources = (small / "SOURCES.md").read_text(encoding="utf-8")
    assert "CAMEO.2.0.txt" in sources and "CAMEO2PLOVER-2021.txt" in sources


def test_plover_rows_read_type_mode_context_and_description() -> None:
    table = read_plover(PLOVER_TEXT + "094: ACCUSE, investigate, military; legal # War crimes\n")
    assert table["094"] == ("ACCUSE", "investigate", "military,legal", "War crimes")
    assert table["10"] == ("REQUEST", "", "", "")
    rows = code_rows({}, {"10": "-5.0"}, {"106": ("REQUEST", "meet", "", "Demand meeting")})
    assert rows == [("106", "Demand meeting", "-5.0", "REQUEST", "meet", "-", "3")]


def test_an_ize_verb_gets_its_other_spelling_with_its_own_patterns() -> None:
    """British and American news spell these verbs both ways, and the parser's lemma keeps the
    text's spelling ("penalised": "penalise"); a verb with one spelling ("raise") gets none."""
    block = _build_verbs.Block(name="PUNISH", code="170")
    block.verbs += [("penalize", "", "", "", "170"), ("raise", "", "", "", "170")]
    block.verbs.append(("analyse", "", "", "", "090"))
    block.patterns.append(("", "", "fine", "", "1712", "penalize"))
    other = _build_verbs.Block(name="INSPECT", code="090")
    other.verbs.append(("analyze", "", "", "", "090"))  # both spellings already listed
    assert _build_verbs.add_spelling_twins([block, other]) == 1
    assert [v[0] for v in block.verbs] == ["penalize", "raise", "analyse", "penalise"]
    assert ("", "", "fine", "", "1712", "penalise") in block.patterns


# A block of our own in the upstream format: irregular forms in braces, a ";" comment on a verb
# line, and patterns whose comment names a past form or no verb at all.
QUIRKS = """\
####### VERB PATTERNS #######

---  SCORCH   [---]  ---
SCORCH {SCORCHES SCORCHED}
SEAR {SEARS SEARED};ab 1/2/03
FLING {FLINGS FLUNG}
CARRY {CARRIES CARRIED}
- * BARNS                                             [1712]
- * GRENADE                                           [183]         # FLUNG
- * SUPPLIES                                          [070]         # CARRIED
- * FIELDS                                            [1712]        # SCORCHED
"""


def test_pattern_verbs_are_read_in_their_base_form_and_a_blank_one_is_the_blocks() -> None:
    """A pattern applies to the verb its comment names: an irregular form ("FLUNG") by the
    braces of the block's verbs, a "-ied" form ("CARRIED") by its "-y"; a pattern naming no verb
    belongs to every verb of the block (else a one-word pattern such as "burn * villages" would
    reach no verb at all); a ";" on a verb line starts a comment."""
    _, blocks = _build_verbs.read_verb_dictionary(QUIRKS, {"070", "183", "1712"})
    (block,) = blocks
    assert [v[0] for v in block.verbs] == ["scorch", "sear", "fling", "carry"]
    rows = _build_verbs.block_patterns(block)
    assert ("", "", "grenade", "", "183", "fling") in rows
    assert ("", "", "supplies", "", "070", "carry") in rows
    assert ("", "", "fields", "", "1712", "scorch") in rows
    assert [r[5] for r in rows if r[2] == "barns"] == ["scorch", "sear", "fling", "carry"]
