"""RSS/Atom reader: one HTML document per entry, with link, title and date."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsgraph.errors import E_BINARY, E_EMPTY, E_MALFORMED, E_UNSUPPORTED, InputError
from newsgraph.ingest.document import RawDocument
from newsgraph.ingest.sources import iter_documents
from newsgraph.settings import Settings

SETTINGS = Settings()
RSS = """<?xml version="1.0" encoding="iso-8859-1"?>
<rss version="2.0"><channel><title>Harbour Daily</title><link>https://harbour.example/</link>
<item><title>Port strike ends after nine days</title>
<link>https://harbour.example/strike</link>
<pubDate>Tue, 05 Mar 2024 08:30:00 +0100</pubDate>
<description>&lt;p&gt;Dock workers in Br\u00eame returned on Tuesday.&lt;/p&gt;</description>
</item>
<item><title>Entry without a body</title><link>https://harbour.example/empty</link></item>
<item><title>Ferry fares frozen</title><link>https://harbour.example/fares</link>
<description>Fares stay at 2023 levels until autumn.</description></item>
</channel></rss>
"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>City Desk</title><id>urn:x</id>
<updated>2024-02-01T12:00:00Z</updated>
<entry><title>Council approves budget</title><link href="https://city.example/budget"/>
<id>urn:1</id><updated>2024-02-01T12:00:00Z</updated>
<summary>Short summary</summary>
<content type="html">&lt;p&gt;The council voted seven to two for the budget.&lt;/p&gt;</content>
</entry></feed>
"""


def read(source: object, settings: Settings = SETTINGS) -> list[RawDocument | InputError]:
    return list(iter_documents(source, settings=settings))  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["harbour.rss", "harbour.xml", "harbour.feed"])
def test_rss_entries(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(RSS.encode("latin-1"))
    first, empty, third = read(path)
    assert isinstance(first, RawDocument)
    assert (first.kind, first.url, first.title, first.origin) == (
        "html",
        "https://harbour.example/strike",
        "Port strike ends after nine days",
        f"{path}#1",
    )
    assert first.published == datetime(2024, 3, 5, 7, 30, tzinfo=UTC)
    assert "<p>Dock workers in Br\u00eame returned on Tuesday.</p>" in first.content
    assert "<title>Port strike ends after nine days</title>" in first.content
    assert isinstance(empty, InputError) and empty.code == E_EMPTY and empty.origin == f"{path}#2"
    assert isinstance(third, RawDocument) and "Fares stay" in third.content


def test_atom_prefers_full_content(tmp_path: Path) -> None:
    path = tmp_path / "city.atom"
    path.write_text(ATOM, encoding="utf-8")
    [doc] = read(path)
    assert isinstance(doc, RawDocument)
    assert "seven to two" in doc.content and "Short summary" not in doc.content
    assert doc.url == "https://city.example/budget"
    assert doc.published == datetime(2024, 2, 1, 12, tzinfo=UTC)


def test_sniffed_feed_from_gzipped_bytes() -> None:
    items = read(gzip.compress(ATOM.encode()))
    assert len(items) == 1 and isinstance(items[0], RawDocument)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"<?xml version='1.0'?><urlset><url><loc>x</loc></url></urlset>", E_UNSUPPORTED),
        (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
            E_EMPTY,
        ),
        (b"<?xml version='1.0'?>\n<<<>>> &&& not xml", E_MALFORMED),
        (b"", E_EMPTY),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, E_BINARY),
    ],
)
def test_bad_feeds(tmp_path: Path, data: bytes, code: str) -> None:
    path = tmp_path / "bad.xml"
    path.write_bytes(data)
    [error] = read(path)
    assert isinstance(error, InputError) and error.code == code and error.origin == str(path)


def test_xhtml_named_xml_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "page.xml"
    path.write_text(
        '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>Hi</p></body></html>'
    )
    [doc] = read(path)
    assert isinstance(doc, RawDocument) and doc.kind == "html"


def test_a_site_wide_item_title_never_beats_the_entrys_headline(tmp_path: Path) -> None:
    """A feed whose items are titled "Home" (the site's front page) still gives each article
    its own headline, and no article is titled "Home"."""
    from newsgraph.api import read_articles

    body = (
        "&lt;h1&gt;Ferry timetable changes for the winter season&lt;/h1&gt;&lt;p&gt;The island "
        "ferry will sail four times a day from November, down from six, the operator said on "
        "Friday after a review of passenger numbers.&lt;/p&gt;"
    )
    plain = "The island ferry will sail four times a day from November, the operator said."
    path = tmp_path / "site.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Isle News</title>'
        f"<item><title>Home</title><link>https://isle.example/a</link>"
        f"<description>{body}</description></item>"
        f"<item><title>Home</title><link>https://isle.example/b</link>"
        f"<description>&lt;p&gt;{plain}&lt;/p&gt;</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    first, second = read_articles([path])
    assert not isinstance(first, InputError) and not isinstance(second, InputError)
    assert first.title == "Ferry timetable changes for the winter season"
    assert second.title is None
