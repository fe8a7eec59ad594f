"""Local readers: text and HTML files, gzip, directories, stdin, bytes and strings."""

from __future__ import annotations

import gzip
import io
import os
import sys
import threading
from pathlib import Path

import pytest

from newsgraph.errors import (
    E_BINARY,
    E_EMPTY,
    E_ENCODING,
    E_NOT_FOUND,
    E_TOO_LARGE,
    E_TRUNCATED,
    InputError,
)
from newsgraph.ingest.document import RawDocument
from newsgraph.ingest.sources import iter_documents
from newsgraph.settings import Settings

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
SETTINGS = Settings()

DUMP = (
    "Harbour bridge to reopen in May\n"
    "Engineers say repairs are ahead of schedule\n"
    "The Kessel Street bridge, closed since a barge struck it in January, will reopen to traffic "
    "on 12 May, the city's transport office said on Monday.\n"
)
PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Bridge to reopen</title></head>"
    "<body><article><h1>Bridge to reopen</h1><p>The Kessel Street bridge will reopen in May, "
    "officials said.</p></article></body></html>"
)


def read(source: object, settings: Settings = SETTINGS) -> list[RawDocument | InputError]:
    return list(iter_documents(source, settings=settings))  # type: ignore[arg-type]


def only(source: object, settings: Settings = SETTINGS) -> RawDocument | InputError:
    items = read(source, settings)
    assert len(items) == 1, items
    return items[0]


def error_code(item: RawDocument | InputError) -> str:
    assert isinstance(item, InputError), item
    return item.code


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "bridge.txt"
    path.write_text(DUMP, encoding="utf-8")
    doc = only(path)
    assert isinstance(doc, RawDocument)
    assert (doc.kind, doc.content, doc.origin, doc.url) == ("text", DUMP, str(path), None)


@pytest.mark.parametrize("name", ["bridge.html", "bridge.htm", "bridge.page"])
def test_html_file_by_extension_or_sniffing(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(PAGE, encoding="utf-8")
    doc = only(path)
    assert isinstance(doc, RawDocument)
    assert doc.kind == "html" and doc.content == PAGE


def test_malformed_html_is_still_html(tmp_path: Path) -> None:
    broken = "<div><p>Unclosed paragraph <b>bold <i>mixed</b> tags</div></span><p>Second"
    path = tmp_path / "broken.html"
    path.write_text(broken, encoding="utf-8")
    doc = only(path)
    assert isinstance(doc, RawDocument) and doc.kind == "html" and doc.content == broken
    sniffed = only(broken.encode())
    assert isinstance(sniffed, RawDocument) and sniffed.kind == "html"


def test_gzipped_text_and_html(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(DUMP.encode()))
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    docs = read(tmp_path)
    assert [(d.kind, d.content) for d in docs if isinstance(d, RawDocument)] == [
        ("text", DUMP),
        ("html", PAGE),
    ]


def test_legacy_encoded_file(tmp_path: Path) -> None:
    text = "Caf\u00e9 owners in Montr\u00e9al say the \u201cnew rules\u201d hurt trade.\n"
    path = tmp_path / "cafe.txt"
    path.write_bytes(text.encode("cp1252"))
    doc = only(path)
    assert isinstance(doc, RawDocument) and doc.content == text


def test_utf16_file_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(DUMP.encode("utf-16"))
    doc = only(path)
    assert isinstance(doc, RawDocument) and doc.content == DUMP


def test_bad_files_each_give_one_named_error(tmp_path: Path) -> None:
    cases = {
        "scan.txt": (b"%PDF-1.4\n" + bytes(range(256)) * 4, E_BINARY),
        "photo.html": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, E_BINARY),
        "empty.txt": (b"", E_EMPTY),
        "blank.html": (b"  \n\n\t ", E_EMPTY),
        "noise.txt": (bytes(range(0x80, 0x100)) * 8, E_ENCODING),
        "cut.txt.gz": (gzip.compress(DUMP.encode() * 20)[:-30], E_TRUNCATED),
        "corrupt.html.gz": (b"\x1f\x8b\x08\x00" + b"\xff" * 40, E_TRUNCATED),
    }
    for name, (data, code) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        item = only(path)
        assert error_code(item) == code, name
        assert isinstance(item, InputError) and item.origin == str(path)
        line = item.one_line()
        assert "\n" not in line and line.startswith(f"{path}: ") and line.endswith(f"[{code}]")


def test_file_over_the_cap_is_refused_unread(tmp_path: Path) -> None:
    small = Settings(max_bytes=100)
    path = tmp_path / "long.txt"
    path.write_text(DUMP * 10, encoding="utf-8")
    assert error_code(only(path, small)) == E_TOO_LARGE
    assert isinstance(only(path), RawDocument)


def test_gzip_bomb_stops_at_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"word " * 200_000))  # 1 MB from a few kB
    item = only(path, Settings(max_bytes=10_000))
    assert error_code(item) == E_TOO_LARGE


def test_directory_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second story\nBody two.")
    (tmp_path / "a.txt").write_text("First story\nBody one.")
    (tmp_path / "c.txt").write_text("Third story\nBody three.")
    (tmp_path / ".hidden.txt").write_text("Hidden\nNot read.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Hidden dir\nNot read.")
    origins = [d.origin for d in read(tmp_path)]
    assert origins == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "2.txt"),
        str(tmp_path / "c.txt"),
    ]


def test_issue14_item19_broken_symlinks_in_a_folder_are_named_errors(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("First story\nBody one.")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "ok.txt").symlink_to(tmp_path / "a.txt")
    items = read(tmp_path)
    assert [item.origin for item in items] == [
        str(tmp_path / name) for name in ("a.txt", "gone.txt", "loop.txt", "ok.txt")
    ]
    assert isinstance(items[0], RawDocument) and isinstance(items[3], RawDocument)
    for item in items[1:3]:
        assert error_code(item) == E_NOT_FOUND
        assert "broken symbolic link" in item.one_line()
    assert str(tmp_path / "missing.txt") in items[1].one_line()
    named = only(str(tmp_path / "gone.txt"))  # named on the command line
    assert error_code(named) == E_NOT_FOUND and "broken symbolic link" in named.one_line()


def test_empty_directory(tmp_path: Path) -> None:
    assert error_code(only(tmp_path)) == E_EMPTY


def test_str_path_missing_path_and_text(tmp_path: Path) -> None:
    path = tmp_path / "bridge.txt"
    path.write_text(DUMP)
    doc = only(str(path))
    assert isinstance(doc, RawDocument) and doc.origin == str(path)
    assert error_code(only(str(tmp_path / "nope.html"))) == E_NOT_FOUND
    assert error_code(only("articles/missing.txt")) == E_NOT_FOUND
    assert error_code(only(tmp_path / "nope.txt")) == E_NOT_FOUND
    text = only(DUMP)
    assert isinstance(text, RawDocument) and (text.kind, text.origin) == ("text", "<text>")
    html = only(PAGE)
    assert isinstance(html, RawDocument) and html.kind == "html"
    assert error_code(only("  \n ")) == E_EMPTY
    assert error_code(only(DUMP, Settings(max_bytes=50))) == E_TOO_LARGE


def test_bytes_are_sniffed() -> None:
    doc = only(gzip.compress(PAGE.encode("utf-16")))
    assert isinstance(doc, RawDocument) and (doc.kind, doc.origin) == ("html", "<bytes>")
    assert doc.content == PAGE
    assert error_code(only(b"\x89PNG\r\n\x1a\nrest")) == E_BINARY


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeStdin:
        buffer = io.BytesIO(gzip.compress(DUMP.encode()))

    monkeypatch.setattr(sys, "stdin", FakeStdin())
    doc = only("-")
    assert isinstance(doc, RawDocument) and (doc.origin, doc.content) == ("<stdin>", DUMP)


def test_seed_corpus_gives_one_text_document() -> None:
    seed = SHARED / "corpus" / "seed"
    if not seed.is_dir():
        pytest.skip(f"no seed corpus at {seed}")
    docs = read(seed)
    assert len(docs) == 1
    doc = docs[0]
    assert isinstance(doc, RawDocument) and doc.kind == "text" and len(doc.content) > 200


def test_article_extraction_pages_read_as_html() -> None:
    pages = sorted((SHARED / "data" / "article-extraction" / "html").glob("*.html.gz"))[:5]
    if not pages:
        pytest.skip("no ../shared/data/article-extraction/html/*.html.gz")
    for page in pages:
        doc = only(page)
        assert isinstance(doc, RawDocument), doc
        assert doc.kind == "html" and "<" in doc.content and "\ufffd" not in doc.content[:2000]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_read_when_named_and_skipped_in_directories(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert [error_code(i) for i in read(tmp_path)] == [E_EMPTY]  # not opened: it would block

    def feed() -> None:
        with fifo.open("wb") as pipe:
            pipe.write(DUMP.encode())

    writer = threading.Thread(target=feed)
    writer.start()
    doc = only(fifo)
    writer.join(timeout=5)
    assert isinstance(doc, RawDocument) and doc.content == DUMP
