"""Small well-formed inputs of every format, written for these tests, that strategies mutate.

Mutating a valid document reaches far deeper into a reader than random bytes do: random
bytes are mostly rejected as binary at the first check.
"""

from __future__ import annotations

import gzip
import json
import os

from hypothesis import settings
from hypothesis import strategies as st


def profile() -> settings:
    """The profile registered in conftest.py: `fast`, or `fuzz` under HYPOTHESIS_PROFILE=fuzz."""
    return settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))


TEXT_DUMP = (
    "Home | World | Business | Sport\n"
    "Harbour authority approves night-time ferry trial\n"
    "Residents of the island will be able to travel after midnight from next month.\n"
    "By Ana Ribeiro\n"
    "12 March 2024\n"
    "The harbour authority on Tuesday approved a six-month trial of night-time ferries, "
    "its chair, Tomas Lindqvist, told reporters in Portsmouth.\n"
    '"We have listened to shift workers," he said. "This is for them."\n'
    "The trial will cost about £1.2 million and run until September.\n"
    "Related stories\n"
    "Bus strike called off after pay deal\n"
)

HTML_PAGE = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
    "<title>Ferry trial approved | Coast News</title>"
    "<meta property='og:title' content='Ferry trial approved'>"
    "<meta name='author' content='Ana Ribeiro'>"
    "<meta property='article:published_time' content='2024-03-12T09:30:00Z'>"
    "</head><body><nav><a href='/'>Home</a><a href='/world'>World</a></nav>"
    "<article><h1>Ferry trial approved</h1>"
    "<p>The harbour authority on Tuesday approved a six-month trial of night-time ferries, "
    "its chair told reporters.</p>"
    "<p>&quot;We have listened to shift workers,&quot; he said.</p>"
    "<p>The trial will cost about £1.2 million.</p></article>"
    "<aside><h2>Related</h2><ul><li><a href='/b'>Bus strike called off</a></li></ul></aside>"
    "</body></html>"
)


def warc_record(index: int, html: str) -> bytes:
    body = html.encode("utf-8")
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: https://coast.example/news/{index}\r\n"
        "WARC-Date: 2024-03-12T10:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{index:012d}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode("ascii")
    return head + http + b"\r\n\r\n"


WARC = warc_record(1, HTML_PAGE) + warc_record(2, HTML_PAGE.replace("Ferry", "Bridge"))
WARC_GZ = gzip.compress(warc_record(1, HTML_PAGE)) + gzip.compress(warc_record(2, HTML_PAGE))
JSONL = (
    json.dumps({"text": TEXT_DUMP, "url": "https://coast.example/a", "published": 1710230000})
    + "\n"
    + json.dumps({"html": HTML_PAGE, "title": "Ferry"})
    + "\n"
).encode("utf-8")
FEED = (
    b"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Coast</title>"
    b"<item><title>Ferry trial approved</title><link>https://coast.example/a</link>"
    b"<pubDate>Tue, 12 Mar 2024 09:30:00 GMT</pubDate>"
    b"<description>&lt;p&gt;The harbour authority approved a trial.&lt;/p&gt;</description>"
    b"</item></channel></rss>"
)

SEEDS: dict[str, bytes] = {
    ".txt": TEXT_DUMP.encode("utf-8"),
    ".html": HTML_PAGE.encode("utf-8"),
    ".warc": WARC,
    ".warc.gz": WARC_GZ,
    ".jsonl": JSONL,
    ".xml": FEED,
    ".gz": gzip.compress(TEXT_DUMP.encode("utf-8")),
}


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """`seed` with a few random edits: cut, splice random bytes, duplicate or drop a slice."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(0, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["cut", "insert", "flip", "dup", "drop"]))
        if op == "cut":
            del data[at:]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif op == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif op == "dup":
            data[at:at] = data[at : at + draw(st.integers(1, 64))]
        elif op == "drop":
            del data[at : at + draw(st.integers(1, 64))]
    return bytes(data)


def payloads(seed: bytes) -> st.SearchStrategy[bytes]:
    """Bytes for a reader: random, a mutated seed, or a mutated seed gzipped."""
    return st.one_of(
        st.binary(max_size=512),
        mutated(seed),
        mutated(seed).map(gzip.compress),
    )


def any_payload() -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=512), *(mutated(seed) for seed in SEEDS.values()))
