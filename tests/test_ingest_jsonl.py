"""JSON lines and JSON readers: good articles, bad lines named file:line, the rest still read."""

from __future__ import annotations

import gzip
import json
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsgraph.errors import (
    E_EMPTY,
    E_ENCODING,
    E_MALFORMED,
    E_TOO_LARGE,
    E_TRUNCATED,
    InputError,
)
from newsgraph.ingest.document import RawDocument
from newsgraph.ingest.jsonl import parse_when
from newsgraph.ingest.sources import iter_documents
from newsgraph.settings import Settings

SETTINGS = Settings()
GOOD = [
    {
        "url": "https://valley.example/mill",
        "title": "Old mill becomes library",
        "text": "Old mill becomes library\nThe 1850s building opens to readers on Saturday.",
        "published": "2024-04-06T09:00:00+02:00",
    },
    {
        "html": "<html><body><p>Rail fares rise 3% in June.</p></body></html>",
        "published": 1717200000,
    },
]


def jsonl(*lines: object) -> bytes:
    return b"".join(
        (line if isinstance(line, bytes) else json.dumps(line).encode()) + b"\n" for line in lines
    )


def read(source: object, settings: Settings = SETTINGS) -> list[RawDocument | InputError]:
    return list(iter_documents(source, settings=settings))  # type: ignore[arg-type]


def test_good_lines(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_bytes(jsonl(*GOOD))
    first, second = read(path)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert (first.kind, first.url, first.title, first.origin) == (
        "text",
        "https://valley.example/mill",
        "Old mill becomes library",
        f"{path}:1",
    )
    assert first.content == GOOD[0]["text"]
    assert first.published == datetime.fromisoformat("2024-04-06T09:00:00+02:00")
    assert (second.kind, second.url, second.origin) == ("html", None, f"{path}:2")
    assert second.published == datetime(2024, 6, 1, tzinfo=UTC)


def test_html_wins_over_text() -> None:
    [doc] = read(jsonl({"text": "plain", "html": "<p>rich</p>"}))
    assert isinstance(doc, RawDocument) and (doc.kind, doc.content) == ("html", "<p>rich</p>")


@pytest.mark.parametrize("key", ["body", "content", "maintext", "article", "full_text"])
def test_common_dump_keys_are_read_as_text(key: str) -> None:
    """Issue 14 item 15: news dumps often put the article under `body` or `content`."""
    line = {
        key: "Bridge reopens\nThe river crossing reopened on Monday after repairs.",
        "headline": "Bridge reopens",
        "link": "https://town.example/bridge",
        "date_publish": "2024-05-06 08:30:00",
    }
    [doc] = read(jsonl(line))
    assert isinstance(doc, RawDocument)
    assert (doc.kind, doc.content) == ("text", line[key])
    assert (doc.title, doc.url) == ("Bridge reopens", "https://town.example/bridge")
    assert doc.published == datetime(2024, 5, 6, 8, 30)


def test_markup_under_a_text_key_is_read_as_html() -> None:
    [doc] = read(jsonl({"content": "<div><p>Council votes on the budget tonight.</p></div>"}))
    assert isinstance(doc, RawDocument) and doc.kind == "html"


def test_missing_content_names_the_keys_read() -> None:
    [error] = read(jsonl({"title": "no body"}))
    assert isinstance(error, InputError) and "body" in error.message and "html" in error.message


def test_bad_lines_are_named_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.ndjson"
    path.write_bytes(
        jsonl(
            GOOD[0],
            b"{not json",
            b"",
            ["a", "list"],
            {"title": "no body"},
            {"text": "   "},
            {"text": 42},
            b'{"text": "caf\xe9"}',
            GOOD[1],
        )
    )
    items = read(path)
    summary = [(i.origin, i.code if isinstance(i, InputError) else "doc") for i in items]
    assert summary == [
        (f"{path}:1", "doc"),
        (f"{path}:2", E_MALFORMED),
        (f"{path}:4", E_MALFORMED),
        (f"{path}:5", E_MALFORMED),
        (f"{path}:6", E_EMPTY),
        (f"{path}:7", E_MALFORMED),
        (f"{path}:8", E_ENCODING),
        (f"{path}:9", "doc"),
    ]
    assert all("\n" not in i.one_line() for i in items if isinstance(i, InputError))


def test_line_over_the_cap_is_skipped() -> None:
    long_line = {"text": "word " * 500}
    items = read(jsonl(GOOD[0], long_line, GOOD[1]), Settings(max_bytes=1000))
    codes = [i.code if isinstance(i, InputError) else "doc" for i in items]
    assert codes == ["doc", E_TOO_LARGE, "doc"]
    assert items[1].origin == "<bytes>:2"


def test_gzipped_jsonl_and_truncation(tmp_path: Path) -> None:
    data = jsonl(*GOOD * 50)
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress(data))
    assert len(read(path)) == 100
    cut = gzip.compress(data)[:-20]
    path.write_bytes(cut)
    items = read(path)
    assert isinstance(items[-1], InputError) and items[-1].code == E_TRUNCATED
    whole_lines = zlib.decompressobj(31).decompress(cut).count(b"\n")
    assert whole_lines > 0
    assert sum(isinstance(i, RawDocument) for i in items) == whole_lines


def test_json_file_with_a_list_or_one_object(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(GOOD, indent=2))
    items = read(path)
    assert [i.origin for i in items] == [f"{path}#1", f"{path}#2"]
    one = tmp_path / "one.json"
    one.write_text(json.dumps(GOOD[0], indent=2))
    [doc] = read(one)
    assert isinstance(doc, RawDocument) and doc.url == "https://valley.example/mill"
    broken = tmp_path / "broken.json"
    broken.write_text('[{"text": "a"},')
    [error] = read(broken)
    assert isinstance(error, InputError) and error.code == E_MALFORMED


def test_empty_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "none.jsonl"
    path.write_text("\n\n")
    [error] = read(path)
    assert isinstance(error, InputError) and error.code == E_EMPTY


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-02T03:04:05Z", datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("Tue, 02 Jan 2024 03:04:05 GMT", datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)),
        (1704164645, datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)),
        (1704164645000, datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("last Tuesday", None),
        (True, None),
        (None, None),
    ],
)
def test_parse_when(value: object, expected: datetime | None) -> None:
    assert parse_when(value) == expected
