"""Source dispatch end to end: a directory mixing every format, good and bad, through the API."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph import api
from newsgraph.errors import (
    E_BINARY,
    E_EMPTY,
    E_MALFORMED,
    E_NOT_FOUND,
    E_TOO_LARGE,
    E_TRUNCATED,
    E_UNSUPPORTED,
    InputError,
)
from newsgraph.ingest.document import RawDocument
from newsgraph.ingest.sources import iter_documents
from newsgraph.settings import Settings

PAGE = (
    "<html><head><title>Library reopens</title></head><body><article><h1>Library reopens</h1>"
    "<p>The central library in Aldermoor reopened on Saturday after a two-year renovation, "
    "with a new children's wing and longer evening hours.</p></article></body></html>"
)
DUMP = "Library reopens\nThe central library in Aldermoor reopened on Saturday.\n"
RSS = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Feed story'
    "</title><link>https://aldermoor.example/feed-story</link><description>&lt;p&gt;From the "
    "feed.&lt;/p&gt;</description></item></channel></rss>"
)


def _warc(pages: list[tuple[str, str]]) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for uri, html in pages:
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                uri, "response", payload=io.BytesIO(html.encode()), http_headers=http
            )
        )
    return out.getvalue()


def _mixed(root: Path) -> dict[str, bytes]:
    warc = _warc([("https://aldermoor.example/w1", PAGE), ("https://aldermoor.example/w2", PAGE)])
    files = {
        "01-dump.txt": DUMP.encode(),
        "02-page.html": PAGE.encode(),
        "03-page.html.gz": gzip.compress(PAGE.encode()),
        "04-latin1.txt": "Caf\u00e9 cr\u00e8me in Aldermoor\nPrices rose.\n".encode("latin-1"),
        "05-utf16.txt": DUMP.encode("utf-16"),
        "06-lines.jsonl": (
            json.dumps({"text": DUMP}) + "\n{oops\n" + json.dumps({"html": PAGE}) + "\n"
        ).encode(),
        "07-feed.rss": RSS.encode(),
        "08-crawl.warc": warc,
        "10-binary.txt": b"\x00\x01\x02\x03" * 100,
        "11-scan.pdf": b"%PDF-1.5\n" + bytes(range(256)),
        "12-empty.html": b"",
        "13-huge.txt": DUMP.encode() * 200,
        "14-cut.txt.gz": gzip.compress(DUMP.encode() * 50)[:-12],
        "15-broken.warc": warc[: len(warc) - 40],
        "16-sitemap.xml": b"<?xml version='1.0'?><urlset><url>x</url></urlset>",
        "17-malformed.html": b"<div><p>Broken <b>markup</div></p><p>still text",
    }
    (root / "sub").mkdir()
    for name, data in files.items():
        target = root / ("sub" if name.startswith("08") else "") / name
        target.write_bytes(data)
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    return files


def test_mixed_directory_reads_the_good_and_names_the_bad(tmp_path: Path) -> None:
    _mixed(tmp_path)
    items = list(iter_documents(tmp_path, settings=Settings(max_bytes=5000)))
    got = [
        (
            Path(i.origin.split("#")[0].rsplit(":", 1)[0]).name,
            i.code if isinstance(i, InputError) else i.kind,
        )
        for i in items
    ]
    assert got == [
        ("01-dump.txt", "text"),
        ("02-page.html", "html"),
        ("03-page.html.gz", "html"),
        ("04-latin1.txt", "text"),
        ("05-utf16.txt", "text"),
        ("06-lines.jsonl", "text"),
        ("06-lines.jsonl", E_MALFORMED),
        ("06-lines.jsonl", "html"),
        ("07-feed.rss", "html"),
        ("10-binary.txt", E_BINARY),
        ("11-scan.pdf", E_BINARY),
        ("12-empty.html", E_EMPTY),
        ("13-huge.txt", E_TOO_LARGE),
        ("14-cut.txt.gz", E_TRUNCATED),
        ("15-broken.warc", "html"),
        ("15-broken.warc", E_TRUNCATED),
        ("16-sitemap.xml", E_UNSUPPORTED),
        ("17-malformed.html", "html"),
        ("08-crawl.warc", "html"),
        ("08-crawl.warc", "html"),
    ]
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert docs[3].content.startswith("Caf\u00e9 cr\u00e8me")
    for error in (i for i in items if isinstance(i, InputError)):
        assert "\n" not in error.one_line() and str(tmp_path) in error.one_line()


def test_api_read_documents_and_extract(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    [doc] = api.read_documents(path)
    assert isinstance(doc, RawDocument) and doc.kind == "html"
    article = api.extract(path, nlp=False)
    assert "Aldermoor" in article.text and article.origin == str(path)
    [error] = api.read_documents(b"")
    assert isinstance(error, InputError) and error.code == E_EMPTY


def test_unsupported_source_type() -> None:
    [error] = iter_documents(12345, settings=Settings())  # type: ignore[arg-type]
    assert isinstance(error, InputError) and error.code == E_UNSUPPORTED


PREFIXES = [
    b"",
    b"WARC/1.0\r\n",
    b"\x1f\x8b\x08\x00",
    b"<?xml version='1.0'?><rss>",
    b'{"text": ',
    b"\xff\xfe",
]


@settings(max_examples=300, deadline=None)
@given(prefix=st.sampled_from(PREFIXES), data=st.binary(max_size=600))
def test_arbitrary_bytes_never_raise(prefix: bytes, data: bytes) -> None:
    for item in iter_documents(prefix + data, settings=Settings(max_bytes=400)):
        assert isinstance(item, RawDocument | InputError)
        if isinstance(item, InputError):
            assert "\n" not in item.one_line()


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    assume(not os.path.exists(text))  # "/" or "." would read a whole tree
    for item in iter_documents(text, settings=Settings()):
        assert isinstance(item, RawDocument | InputError)


def test_issue14_item18_inputs_are_counted_up_front_where_they_can_be(tmp_path: Path) -> None:
    from newsgraph.ingest.sources import count_inputs

    folder = tmp_path / "dumps"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(DUMP)
    (folder / "b.html").write_text(PAGE)
    (folder / "sub" / "c.txt.gz").write_bytes(gzip.compress(DUMP.encode()))
    (folder / "noext").write_text(DUMP)
    (folder / ".hidden.txt").write_text(DUMP)
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")  # one failure
    (tmp_path / "empty").mkdir()  # one failure
    (tmp_path / "feed.xml").write_text(RSS)
    one = tmp_path / "one.txt"
    one.write_text(DUMP)
    assert count_inputs([str(folder)]) == 5
    assert count_inputs([folder, str(one), str(tmp_path / "missing.txt"), tmp_path / "empty"]) == 8
    assert count_inputs([str(one), "-"]) is None  # standard input: a stream
    assert count_inputs(["https://example.org/story"]) is None
    assert count_inputs([str(tmp_path / "feed.xml")]) is None  # a container of articles
    assert count_inputs([str(tmp_path)]) is None  # holds the feed
    assert count_inputs([str(folder)], budget_s=-1.0) is None  # too big to walk in time


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("example.org/story", "https://example.org/story"),
        ("www.example.org", "https://www.example.org"),
        ("news.example.co.uk/2024/05/ferry.html", "https://news.example.co.uk/2024/05/ferry.html"),
        ("story.html", None),
        ("dumps/a.txt", None),
        ("crawl.warc.gz", None),
    ],
)
def test_a_url_typed_without_its_scheme_is_told_how_to_write_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str, hint: str | None
) -> None:
    """`newsgraph extract example.org/story` said only "no such file or directory"."""
    monkeypatch.chdir(tmp_path)
    for source in (typed, Path(typed)):
        [error] = list(iter_documents(source, settings=Settings()))
        assert isinstance(error, InputError) and error.code == E_NOT_FOUND
        assert error.message.startswith("no such file or directory")
        assert (
            (f"a URL needs its scheme: {hint}" in error.message)
            if hint
            else "URL" not in (error.message)
        )
