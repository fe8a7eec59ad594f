"""Property: no byte string makes a reader raise; each problem is yielded as one InputError."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from _seeds import SEEDS, any_payload, payloads, profile
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from newsgraph.api import read_documents
from newsgraph.errors import InputError
from newsgraph.ingest.document import RawDocument
from newsgraph.settings import Settings

# A small cap so that "too large" paths are reached by small examples too.
SMALL = Settings(max_bytes=4096)
MAX_ITEMS = 50


def _check(items: object) -> list[RawDocument | InputError]:
    got = list(itertools.islice(items, MAX_ITEMS))  # type: ignore[call-overload]
    for item in got:
        assert isinstance(item, RawDocument | InputError), type(item)
        if isinstance(item, InputError):
            assert "\n" not in str(item) and item.code.startswith("E1"), str(item)
        else:
            assert item.content.strip(), "a document with no text"
            assert item.kind in ("text", "html")
    return got


@settings(profile())
@given(any_payload())
def test_any_bytes_never_raise(data: bytes) -> None:
    _check(read_documents(data))


@settings(profile())
@given(any_payload())
def test_any_bytes_under_a_small_cap(data: bytes) -> None:
    _check(read_documents(data, settings=SMALL))


def _names_a_path(text: str) -> bool:
    try:
        return "\x00" not in text and Path(text).expanduser().exists()
    except (OSError, ValueError, RuntimeError):  # "~nobody": no such user's home directory
        return False


@settings(profile())
@given(st.one_of(st.text(max_size=300), any_payload().map(lambda b: b.decode("latin-1"))))
def test_any_text_source_never_raises(text: str) -> None:
    """A str source that is neither a URL nor an existing path is the text itself."""
    assume(not _names_a_path(text) and not text.lower().startswith(("http:", "https:")))
    assume(text != "-")  # standard input
    _check(read_documents(text, settings=SMALL))


@pytest.mark.parametrize("suffix", sorted(SEEDS))
def test_every_seed_reads(tmp_path: Path, suffix: str) -> None:
    """The unmutated seeds are valid: the strategies mutate real documents."""
    path = tmp_path / f"seed{suffix}"
    path.write_bytes(SEEDS[suffix])
    got = _check(read_documents(path))
    assert any(isinstance(item, RawDocument) for item in got), got


def _file_property(suffix: str):  # type: ignore[no-untyped-def]
    @settings(profile())
    @given(data=payloads(SEEDS[suffix]))
    def check(tmp_path: Path, data: bytes) -> None:
        path = tmp_path / f"input{suffix}"
        path.write_bytes(data)
        _check(read_documents(path))
        _check(read_documents(str(path), settings=SMALL))

    return check


test_txt_files = _file_property(".txt")
test_html_files = _file_property(".html")
test_warc_files = _file_property(".warc")
test_warc_gz_files = _file_property(".warc.gz")
test_jsonl_files = _file_property(".jsonl")
test_xml_files = _file_property(".xml")
test_gz_files = _file_property(".gz")
