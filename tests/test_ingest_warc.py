"""WARC reader: HTML responses with their URL and date, and broken archives."""

from __future__ import annotations

import gzip
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.errors import E_EMPTY, E_MALFORMED, E_TOO_LARGE, E_TRUNCATED, InputError
from newsgraph.ingest.document import RawDocument
from newsgraph.ingest.sources import iter_documents
from newsgraph.settings import Settings

SETTINGS = Settings()
FIRST = (
    "<html><head><meta charset='utf-8'><title>Flood barrier tested</title></head><body>"
    "<p>Engineers in Dordrecht raised the new barrier for the first time on Sunday.</p>"
    "</body></html>"
)
SECOND = "<html><body><p>Ferry timetable changes from Monday, the operator said.</p></body></html>"

# (target, record type, HTTP status, content type, body)
RECORDS = [
    ("https://news.example/flood", "response", "200 OK", "text/html; charset=utf-8", FIRST),
    ("https://news.example/logo.png", "response", "200 OK", "image/png", "\x89PNG...."),
    ("https://news.example/old", "response", "301 Moved", "text/html", "<p>Moved</p>"),
    ("https://news.example/ferry", "response", "200 OK", "text/html", SECOND),
]


def build_warc(
    records: list[tuple[str, str, str, str, str]] = RECORDS, *, gz: bool = False
) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    for uri, rec_type, status, content_type, body in records:
        http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri,
            rec_type,
            payload=io.BytesIO(body.encode("utf-8")),
            http_headers=http,
            warc_headers_dict={"WARC-Date": "2024-03-05T10:15:00Z"},
        )
        writer.write_record(record)
    return out.getvalue()


def read(source: object, settings: Settings = SETTINGS) -> list[RawDocument | InputError]:
    return list(iter_documents(source, settings=settings))  # type: ignore[arg-type]


def docs_of(items: list[RawDocument | InputError]) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def errors_of(items: list[RawDocument | InputError]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


@pytest.mark.parametrize(("name", "gz"), [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_html_responses_are_read_with_url_and_date(tmp_path: Path, name: str, gz: bool) -> None:
    path = tmp_path / name
    path.write_bytes(build_warc(gz=gz))
    items = read(path)
    assert errors_of(items) == []
    docs = docs_of(items)
    assert [(d.url, d.content, d.kind) for d in docs] == [
        ("https://news.example/flood", FIRST, "html"),
        ("https://news.example/ferry", SECOND, "html"),
    ]
    assert docs[0].fetched == datetime(2024, 3, 5, 10, 15, tzinfo=UTC)
    assert docs[0].origin == f"{path}#2" and docs[1].origin == f"{path}#5"


def test_whole_file_gzip_and_sniffing_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "crawl.bin"
    path.write_bytes(gzip.compress(build_warc()))
    assert len(docs_of(read(path))) == 2


def test_truncated_warc_keeps_records_already_read() -> None:
    data = build_warc()
    cut = data.index(SECOND.encode()) + 20
    items = read(data[:cut])
    assert [d.url for d in docs_of(items)] == ["https://news.example/flood"]
    [error] = errors_of(items)
    assert error.code == E_TRUNCATED and "record 5" in error.message


def test_truncated_warc_gz_keeps_records_already_read() -> None:
    data = build_warc(gz=True)
    items = read(data[:-40])
    assert [d.url for d in docs_of(items)] == ["https://news.example/flood"]
    assert [e.code for e in errors_of(items)] == [E_TRUNCATED]


def test_cut_inside_a_record_header_is_reported() -> None:
    data = build_warc()
    cut = data.rindex(b"WARC-Target-URI") + 10
    items = read(data[:cut])
    assert len(docs_of(items)) == 1
    assert [e.code for e in errors_of(items)] == [E_TRUNCATED]


def _set_length(data: bytes, marker: bytes, delta: int) -> bytes:
    """Make the Content-Length of the record holding `marker` lie by `delta`."""
    start = data.rindex(b"Content-Length: ", 0, data.index(marker))
    end = data.index(b"\r\n", start)
    length = int(data[start + 16 : end])
    return data[: start + 16] + str(length + delta).encode() + data[end:]


@pytest.mark.parametrize("delta", [-25, 60])
def test_lying_length_stops_with_an_error(delta: int) -> None:
    data = _set_length(build_warc(), SECOND.encode(), delta)
    items = read(data)
    assert [d.url for d in docs_of(items)] == ["https://news.example/flood"]
    [error] = errors_of(items)
    assert error.code in (E_MALFORMED, E_TRUNCATED)
    assert error.origin == "<bytes>" and "stopped reading" in error.message


def test_garbage_after_records() -> None:
    items = read(build_warc() + b"this is not a record\r\n\r\n")
    assert len(docs_of(items)) == 2
    assert [e.code for e in errors_of(items)] == [E_MALFORMED]


def test_record_over_the_cap_is_skipped_and_reading_goes_on() -> None:
    big = "<html><body>" + "<p>Long report paragraph.</p>" * 200 + "</body></html>"
    records = [
        RECORDS[0],
        ("https://news.example/big", "response", "200 OK", "text/html", big),
        RECORDS[3],
    ]
    items = read(build_warc(records), Settings(max_bytes=2000))
    assert [d.url for d in docs_of(items)] == [
        "https://news.example/flood",
        "https://news.example/ferry",
    ]
    [error] = errors_of(items)
    assert error.code == E_TOO_LARGE and error.origin == "<bytes>#3"


def test_warc_without_html() -> None:
    records = [("https://news.example/a.png", "response", "200 OK", "image/png", "\x89PNG")]
    assert [e.code for e in errors_of(read(build_warc(records)))] == [E_EMPTY]


@pytest.mark.parametrize("gz", [False, True])
def test_any_cut_gives_complete_documents_or_an_error(gz: bool) -> None:
    """Cutting the archive anywhere never yields a damaged page, nor loses pages silently
    (a cut between two records leaves a valid, shorter archive)."""
    data = build_warc(gz=gz)
    damaged = 0
    for cut in range(16, len(data), 3):
        items = read(data[:cut])
        assert all(d.content in (FIRST, SECOND) for d in docs_of(items)), cut
        between_records = data[cut:].lstrip(b"\r\n").startswith((b"WARC/", b"\x1f\x8b"))
        if len(docs_of(items)) < 2 and not between_records:
            assert errors_of(items), cut
            damaged += 1
    assert damaged > 10  # most cuts land inside a record


def test_capture_time_is_fetched_not_published(tmp_path: Path) -> None:
    """Issue 14 item 14: a WARC-Date is when the page was captured, not when it was published."""
    from newsgraph.api import clean_document

    path = tmp_path / "crawl.warc"
    path.write_bytes(build_warc())
    doc = docs_of(read(path))[0]
    assert doc.published is None
    article = clean_document(doc)
    assert article.fetched == datetime(2024, 3, 5, 10, 15, tzinfo=UTC)
    assert article.published is None
