"""Bytes to text: BOMs, declared charsets, legacy encodings, binary and empty input."""

from __future__ import annotations

import codecs

import pytest

from newsgraph.errors import E_BINARY, E_EMPTY, E_ENCODING, InputError
from newsgraph.ingest.decode import (
    FLAG_ENCODING_GUESSED,
    FLAG_INVALID_UTF8,
    binary_reason,
    declared_charset,
    decode_bytes,
    decode_document,
    normalise_charset,
)

STORY = "Le maire a déclaré « nous reconstruirons le pont » – la crème de la ville applaudit."


def decode(data: bytes, **kwargs: object) -> str:
    return decode_bytes(data, origin="story.txt", **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
)
def test_bom_decides_and_is_dropped(bom: bytes, codec: str) -> None:
    assert decode(bom + STORY.encode(codec)) == STORY


def test_utf16_without_bom_is_recognised_not_binary() -> None:
    data = ("Headline\n" + STORY).encode("utf-16-le")
    assert binary_reason(data) is None
    assert decode(data) == "Headline\n" + STORY


def test_plain_utf8() -> None:
    assert decode(STORY.encode()) == STORY


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_western_legacy_encodings(codec: str) -> None:
    text = "The café on Rue Molière reopened; crème brûlée is back on the menu."
    assert decode(text.encode(codec)) == text


def test_cp1252_smart_quotes() -> None:
    text = "The minister said \u201cwe will not resign\u201d \u2013 and left."
    assert decode(text.encode("cp1252")) == text


def test_cyrillic_legacy_encoding() -> None:
    text = "Президент заявил, что переговоры продолжатся на следующей неделе в Москве."
    assert decode(text.encode("cp1251")) == text


def test_http_charset_wins_over_guessing() -> None:
    text = "Grüße aus Köln"
    assert decode(text.encode("iso-8859-15"), declared="ISO-8859-15") == text


def test_meta_charset_counts_for_markup_only() -> None:
    html = (
        '<html><head><meta charset="windows-1252"></head>'
        "<body>Caf\u00e9 \u201cnews\u201d</body></html>"
    )
    data = html.encode("cp1252")
    assert declared_charset(data) == "windows-1252"
    assert decode(data, markup=True) == html


def test_xml_declaration_charset() -> None:
    assert declared_charset(b'<?xml version="1.0" encoding="ISO-8859-1"?><rss/>') == "ISO-8859-1"


def test_mislabelled_utf8_page_is_read_as_utf8() -> None:
    html = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Zürich</p>'
    assert decode(html.encode("utf-8"), markup=True) == html


def test_unknown_declared_charset_is_ignored() -> None:
    assert normalise_charset("x-no-such-charset") is None
    assert decode(STORY.encode(), declared="x-no-such-charset") == STORY


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ZIP"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    ],
)
def test_magic_numbers_are_binary(data: bytes, name: str) -> None:
    with pytest.raises(InputError) as caught:
        decode(data + b"more text after the header" * 10)
    assert caught.value.code == E_BINARY
    assert name in caught.value.message
    assert caught.value.one_line().startswith("story.txt: ")


def test_nul_bytes_and_control_characters_are_binary() -> None:
    for data in (b"abc\x00\x01\x02def\x00" * 50, bytes(range(0, 32)) * 20 + b"text"):
        with pytest.raises(InputError) as caught:
            decode(data)
        assert caught.value.code == E_BINARY


def test_undecodable_bytes() -> None:
    with pytest.raises(InputError) as caught:
        decode(bytes(range(0x80, 0x100)) * 4)
    assert caught.value.code == E_ENCODING


@pytest.mark.parametrize("data", [b"", b"   \n\t  \r\n", codecs.BOM_UTF8 + b"  \n"])
def test_empty_and_whitespace(data: bytes) -> None:
    with pytest.raises(InputError) as caught:
        decode(data)
    assert caught.value.code == E_EMPTY


def test_text_starting_like_a_weak_magic_number_is_text() -> None:
    for text in ("MZ Wallace opens a store", "RIFF raff and ID3 tags", "PAR1 results are in"):
        assert binary_reason(text.encode()) is None
        assert decode(text.encode()) == text
    assert binary_reason(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00") == "Windows executable"


ENGLISH = b"The council met on Monday to discuss the budget for next year. " * 5


def test_valid_utf8_carries_no_flag() -> None:
    decoded = decode_document("Café Zürich reopened on Monday.".encode(), origin="t")
    assert decoded.flags == ()


def test_broken_utf8_is_repaired_and_flagged_not_mojibake() -> None:
    """Issue 14 item 16: a UTF-8 text with a few bad bytes must not turn into "cafÃ©"."""
    data = ENGLISH + "café ".encode() + b"\xc3\x28 " + ENGLISH
    decoded = decode_document(data, origin="t")
    assert "café" in decoded.text and "Ã" not in decoded.text
    assert "\ufffd" in decoded.text and decoded.flags == (FLAG_INVALID_UTF8,)


def test_guessed_encoding_is_flagged() -> None:
    """Neither a declaration nor valid UTF-8: the detector's reading is flagged as a guess."""
    for odd in (b"\xff\xfe", "café".encode("cp1252")):
        decoded = decode_document(ENGLISH + odd + ENGLISH, origin="t")
        assert decoded.flags == (FLAG_ENCODING_GUESSED,)


def test_flags_reach_the_article(tmp_path) -> None:
    from newsgraph.api import read_articles

    path = tmp_path / "broken.txt"
    path.write_bytes(b"Budget vote delayed\n\n" + ENGLISH + b"\xff\xfe " + ENGLISH)
    [article] = list(read_articles([path]))
    assert FLAG_ENCODING_GUESSED in article.flags  # type: ignore[union-attr]


def test_flags_reach_every_document_of_a_json_file(tmp_path) -> None:
    from newsgraph.api import read_documents

    path = tmp_path / "two.json"
    path.write_bytes(
        b'[{"text": "Bridge vote \xff\xfe delayed. ' + ENGLISH + b'"}, {"text": "Second story."}]'
    )
    docs = [d for d in read_documents(path) if not isinstance(d, InputError)]
    assert len(docs) == 2
    assert all(FLAG_ENCODING_GUESSED in d.flags for d in docs)  # type: ignore[union-attr]
