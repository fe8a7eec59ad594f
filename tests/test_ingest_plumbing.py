"""The byte path (issue 15): each input is gunzipped once, sniffed once, each document decoded
once, and each reader handed its input once, whatever the kind of input.

The counts come from wrappers put in place of `decode_document`, `gunzip` and the readers in
every `newsgraph.ingest` module that holds them, so a second path that decodes or gunzips on its
own would be counted too; the structural test checks that only `payload.py` calls them.
"""

from __future__ import annotations

import ast
import gzip
import importlib
import io
import json
import pkgutil
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import newsgraph.ingest
from newsgraph.errors import InputError
from newsgraph.ingest import decode, feeds, fetch, gunzip, jsonl, warc
from newsgraph.ingest.decode import FLAG_INVALID_UTF8
from newsgraph.ingest.document import RawDocument
from newsgraph.ingest.sources import iter_documents
from newsgraph.settings import Settings

SETTINGS = Settings()
INGEST = Path(newsgraph.ingest.__file__).parent

STORY = "The ferry to Inishmore now sails twice a day, the harbour master said on Friday.\n"
PAGE = (
    "<html><head><title>Ferry timetable</title></head><body><article><p>The ferry to "
    "Inishmore now sails twice a day, the harbour master said.</p></article></body></html>"
)
# Mostly UTF-8 with one broken byte: read with U+FFFD and flagged invalid_utf8.
BROKEN = "Caf\u00e9 owners in Gen\u00e8ve welcome the new tram. ".encode() + b"\xff end.\n"
RSS = (
    '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Harbour</title>'
    "<item><title>Ferry</title><link>https://harbour.example/ferry</link>"
    "<description>&lt;p&gt;The ferry sails twice a day.&lt;/p&gt;</description></item>"
    "<item><title>Tram</title><link>https://harbour.example/tram</link>"
    "<description>&lt;p&gt;The tram runs every six minutes.&lt;/p&gt;</description></item>"
    "</channel></rss>"
)
ARTICLES = [
    {"url": "https://harbour.example/a", "text": "The ferry sails twice a day now."},
    {"url": "https://harbour.example/b", "html": "<p>The tram runs every six minutes.</p>"},
]


def _warc_gz(bodies: list[bytes]) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    writer.write_record(writer.create_warcinfo_record("plumbing.warc", {"software": "tests"}))
    for index, body in enumerate(bodies):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        uri = f"https://harbour.example/{index}"
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=http
        )
        writer.write_record(record)
    logo = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "https://harbour.example/logo.png",
            "response",
            payload=io.BytesIO(b"\x89PNG\r\n\x1a\n"),
            http_headers=logo,
        )
    )
    return out.getvalue()


WARC_BODIES = [PAGE.encode(), b"<html><body><p>" + BROKEN + b"</p></body></html>"]
JSONL = "".join(json.dumps(a) + "\n" for a in ARTICLES).encode()


@dataclass(frozen=True)
class Case:
    """One input of one kind and what reading it must take: the bytes handed to the decoder
    (once each), the number of gunzips, the reader called (once) and the documents out."""

    name: str
    data: bytes
    decoded: list[bytes]
    gunzips: int
    reader: str | None
    documents: int
    flags: list[tuple[str, ...]] = field(default_factory=list)


CASES = [
    Case("story.txt", STORY.encode(), [STORY.encode()], 0, None, 1, [()]),
    Case("broken.txt", BROKEN, [BROKEN], 0, None, 1, [(FLAG_INVALID_UTF8,)]),
    Case("page.html", PAGE.encode(), [PAGE.encode()], 0, None, 1, [()]),
    Case("story.txt.gz", gzip.compress(STORY.encode()), [STORY.encode()], 1, None, 1, [()]),
    Case("dump.jsonl.gz", gzip.compress(JSONL), [], 1, "iter_jsonl", 2),
    Case("dump.json", json.dumps(ARTICLES).encode(), [json.dumps(ARTICLES).encode()], 0,
         "iter_json", 2),
    Case("crawl.warc.gz", _warc_gz(WARC_BODIES), WARC_BODIES, 1, "iter_warc", 2,
         [(), (FLAG_INVALID_UTF8,)]),
    Case("feed.rss", RSS.encode(), [RSS.encode()], 0, "iter_feed", 2),
]  # fmt: skip


@dataclass
class Calls:
    decoded: list[bytes] = field(default_factory=list)
    gunzips: int = 0
    readers: Counter[str] = field(default_factory=Counter)


def _ingest_modules() -> list[ModuleType]:
    names = [m.name for m in pkgutil.iter_modules([str(INGEST)])]
    return [importlib.import_module(f"newsgraph.ingest.{name}") for name in names]


def _patch_everywhere(
    monkeypatch: pytest.MonkeyPatch, original: Callable[..., Any], wrapper: Callable[..., Any]
) -> None:
    """Put `wrapper` wherever an ingest module holds `original` (its own module included)."""
    for module in _ingest_modules():
        for name, value in vars(module).items():
            if value is original:
                monkeypatch.setattr(module, name, wrapper)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Calls:
    seen = Calls()
    decode_document = decode.decode_document
    gunzip_stream = gunzip.gunzip

    def counted_decode(data: bytes, **kwargs: Any) -> decode.Decoded:
        seen.decoded.append(data)
        return decode_document(data, **kwargs)

    def counted_gunzip(stream: Any, **kwargs: Any) -> Any:
        seen.gunzips += 1
        return gunzip_stream(stream, **kwargs)

    _patch_everywhere(monkeypatch, decode_document, counted_decode)
    _patch_everywhere(monkeypatch, gunzip_stream, counted_gunzip)
    for module, name in ((warc, "iter_warc"), (jsonl, "iter_jsonl"), (jsonl, "iter_json"),
                         (feeds, "iter_feed")):  # fmt: skip
        _patch_everywhere(monkeypatch, getattr(module, name), _counted_reader(seen, module, name))
    return seen


def _counted_reader(seen: Calls, module: ModuleType, name: str) -> Callable[..., Iterator[Any]]:
    reader = getattr(module, name)

    def counted(*args: Any, **kwargs: Any) -> Iterator[Any]:
        seen.readers[name] += 1
        return reader(*args, **kwargs)

    return counted


def _check(case: Case, items: list[RawDocument | InputError], calls: Calls) -> None:
    assert not [i for i in items if isinstance(i, InputError)], items
    assert len(items) == case.documents
    assert calls.decoded == case.decoded  # each document's bytes once, in order
    assert calls.gunzips == case.gunzips
    assert calls.readers == (Counter({case.reader: 1}) if case.reader else Counter())
    if case.flags:
        assert [doc.flags for doc in items if isinstance(doc, RawDocument)] == case.flags


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_file_is_gunzipped_once_and_each_document_decoded_once(
    case: Case, calls: Calls, tmp_path: Path
) -> None:
    path = tmp_path / case.name
    path.write_bytes(case.data)
    _check(case, list(iter_documents(path, settings=SETTINGS)), calls)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bytes_are_gunzipped_once_and_each_document_decoded_once(case: Case, calls: Calls) -> None:
    _check(case, list(iter_documents(case.data, settings=SETTINGS)), calls)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_stdin_is_gunzipped_once_and_each_document_decoded_once(
    case: Case, calls: Calls, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(case.data)))
    _check(case, list(iter_documents("-", settings=SETTINGS)), calls)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_url_is_gunzipped_once_and_each_document_decoded_once(
    case: Case, calls: Calls, monkeypatch: pytest.MonkeyPatch
) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, content=case.data)

    def factory(settings: Settings) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(answer))

    monkeypatch.setattr(fetch, "client_factory", factory)
    url = f"https://plumbing.example/news/{case.name}"
    _check(case, list(iter_documents(url, settings=SETTINGS)), calls)


def _calls_of(tree: ast.AST, names: set[str]) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name in names:
                found.append(name)
    return found


def test_only_the_byte_path_gunzips_and_decodes_documents() -> None:
    """Issue 15: the readers got their bytes from several places and decoded them themselves
    (warc.py and jsonl.py called the decoder); now `payload.py` alone gunzips and decodes, and
    the readers import neither step."""
    callers: dict[str, list[str]] = {}
    for path in sorted(INGEST.glob("*.py")):
        if path.stem in ("decode", "gunzip"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = _calls_of(tree, {"decode_document", "decode_bytes", "gunzip", "GzipFile"})
        if found:
            callers[path.stem] = sorted(found)
        if path.stem in ("warc", "jsonl", "feeds"):
            imported = {
                node.module
                for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.module
            }
            assert not imported & {"newsgraph.ingest.decode", "newsgraph.ingest.gunzip"}, path
    assert callers == {"payload": ["decode_document", "gunzip"]}
