"""`newsgraph.nlp._doc`: the ASCII-lowered copy that case-blind rules search."""

from __future__ import annotations

import random
import re

from newsgraph.nlp._doc import ascii_lower


def test_only_ascii_capitals_are_lowered_and_length_is_kept() -> None:
    text = "Five Years in ÀNKARA, Ωmega Straße \ud800 and Zürich"
    lowered = ascii_lower(text)
    assert lowered == "five years in Ànkara, Ωmega straße \ud800 and zürich"
    assert lowered is not None and len(lowered) == len(text)


def test_characters_that_fold_to_ascii_letters_give_none() -> None:
    for odd in ("İstanbul", "ıs", "ſo", "\u212aelvin"):  # dotted I, dotless i, long s, Kelvin
        assert ascii_lower(f"In {odd} today") is None


def test_case_sensitive_search_in_the_copy_finds_the_case_blind_spans() -> None:
    rng = random.Random(7)
    words = ["Years", "DAY", "month", "Été", "Ärger", "week", "ΣΟΦΙΑ", "Quarter", "x"]
    blind, plain = re.compile(r"(?i:years|day|quarter)"), re.compile(r"years|day|quarter")
    for _ in range(200):
        text = " ".join(rng.choice(words) for _ in range(12))
        lowered = ascii_lower(text)
        assert lowered is not None
        assert [m.span() for m in blind.finditer(text)] == [
            m.span() for m in plain.finditer(lowered)
        ]


def test_named_entities_are_read_once_per_doc() -> None:
    from newsgraph.nlp._doc import named_entities

    class _Ent:
        def __init__(self, start: int, end: int, label: str) -> None:
            self.start_char, self.end_char, self.label_ = start, end, label

    class _Doc:
        reads = 0

        def __init__(self) -> None:
            self.user_data: dict[str, object] = {}

        @property
        def ents(self) -> list[_Ent]:
            _Doc.reads += 1
            return [_Ent(0, 5, "GPE"), _Ent(10, 14, "PERSON")]

    doc = _Doc()
    first = named_entities(doc)  # type: ignore[arg-type]
    assert first == ((0, 5, "GPE"), (10, 14, "PERSON"))
    assert named_entities(doc) is first  # type: ignore[arg-type]
    assert _Doc.reads == 1
