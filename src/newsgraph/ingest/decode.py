"""Bytes to text: binary detection, then BOM, declared charset, UTF-8 and a detector.

The order follows what browsers do, with one refinement: a byte-order mark wins, then the
charset the transport declared (HTTP header), then the one the document declares (`<meta>` or
the XML declaration). A declared single-byte charset loses to UTF-8 when the bytes are valid,
non-ASCII UTF-8 (pages that say `iso-8859-1` but are UTF-8 are common; the reverse coincidence
is vanishingly rare). Failing all that, strict UTF-8, then charset-normalizer.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from newsgraph.errors import E_BINARY, E_EMPTY, E_ENCODING, InputError

SNIFF_BYTES = 8192

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Leading bytes of common binary formats, with a name for the error message.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/EPUB)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document (DOC/XLS)"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)
# Magic numbers made of letters: a text may start with them too, so they only name the
# format of data that is binary by its first bytes as well.
WEAK_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"BZh", "bzip2 data"),
    (b"MZ", "Windows executable"),
    (b"RIFF", "RIFF media (WebP/WAV/AVI)"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"PAR1", "Parquet file"),
)

# C0 controls that never appear in text (tab, newlines, form feed, escape are allowed).
_CONTROL = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x1B)) | {0x1C, 0x1D, 0x1E, 0x1F}
_CONTROL_RATIO = 0.05
_BAD_CHAR_RATIO = 0.02
_CHAOS_TIE = 0.02
_COHERENCE_MARGIN = 0.1

# WHATWG: these labels mean windows-1252 (which is a superset in the printable range).
_LATIN1_LABELS = frozenset(
    {
        "iso-8859-1",
        "iso8859-1",
        "latin-1",
        "latin1",
        "l1",
        "ascii",
        "us-ascii",
        "iso-ir-100",
        "cp819",
        "ibm819",
        "windows-1252",
        "cp1252",
        "x-cp1252",
    }
)
_SINGLE_BYTE_PREFIXES = (
    "iso-8859",
    "iso8859",
    "windows-125",
    "cp125",
    "cp1252",
    "koi8",
    "mac",
    "latin",
    "ascii",
    "us-ascii",
    "cp8",
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:\-]+)""")


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces, and the mark's length."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text with no BOM shows NUL in every other byte (for mostly-ASCII text)."""
    half = len(sample) // 2
    if half < 8:
        return None
    even = sum(1 for b in sample[0 : 2 * half : 2] if b == 0)
    odd = sum(1 for b in sample[1 : 2 * half : 2] if b == 0)
    if odd > 0.6 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.6 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def binary_reason(data: bytes) -> str | None:
    """Why `data` (or its first bytes) look binary rather than text, or None for text."""
    for magic, name in MAGIC:
        if data.startswith(magic):
            return name
    if data[4:8] == b"ftyp" and b"\x00" in data[:4]:
        return "MP4/MOV media"
    if any(b in _CONTROL for b in data[:32]):
        for magic, name in WEAK_MAGIC:
            if data.startswith(magic):
                return name
    if bom_encoding(data) is not None:
        return None
    sample = data[:SNIFF_BYTES]
    if b"\x00" in sample:
        return None if _utf16_without_bom(sample) else "NUL bytes"
    if sample:
        controls = sum(1 for b in sample if b in _CONTROL)
        if controls / len(sample) > _CONTROL_RATIO:
            return f"{controls} control bytes in the first {len(sample)}"
    return None


def normalise_charset(label: str | None) -> str | None:
    """A Python codec name for a declared charset label, or None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _LATIN1_LABELS:
        return "cp1252"
    if label in ("utf8", "unicode-1-1-utf-8", "x-unicode20utf8"):
        label = "utf-8"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML `<meta>` or an XML declaration names in the first bytes."""
    head = data[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        if encoding == "cp1252":  # WHATWG maps cp1252's five holes to C1 controls
            return data.decode("latin-1")
        return None
    return text


def _is_single_byte(encoding: str) -> bool:
    return encoding.startswith(_SINGLE_BYTE_PREFIXES)


def _detect(data: bytes) -> str | None:
    """charset-normalizer's reading, biased to windows-1252 among equally clean readings.

    On short Western text the detector often ties cp1252 with cp1250 or a Mac code page
    ("crème" vs "crčme"); for news, cp1252 is by far the likelier, unless another reading is
    clearly more coherent in its language.
    """
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None
    pool = [m for m in results if m.chaos <= best.chaos + _CHAOS_TIE]
    western = next((m for m in pool if "cp1252" in m.could_be_from_charset), None)
    if western is not None and western.coherence + _COHERENCE_MARGIN >= max(
        m.coherence for m in pool
    ):
        return _strict(data, "cp1252")
    return str(best)


def _looks_garbled(text: str) -> bool:
    sample = text[:100_000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if ch == "\ufffd" or "\x80" <= ch <= "\x9f")
    return bad / len(sample) > _BAD_CHAR_RATIO


FLAG_INVALID_UTF8 = "invalid_utf8"  # UTF-8 with some bad bytes, read with U+FFFD in their place
FLAG_ENCODING_GUESSED = "encoding_guessed"  # no BOM, declaration or valid UTF-8: a detector chose


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    flags: tuple[str, ...] = ()


def decode_bytes(
    data: bytes,
    *,
    origin: str,
    declared: str | None = None,
    markup: bool = False,
) -> str:
    """Decode one document's bytes, or raise InputError (E_BINARY, E_ENCODING, E_EMPTY)."""
    return decode_document(data, origin=origin, declared=declared, markup=markup).text


def decode_document(
    data: bytes,
    *,
    origin: str,
    declared: str | None = None,
    markup: bool = False,
) -> Decoded:
    """Decode one document's bytes with flags that say how sure the reading is.

    `declared` is the transport's charset (HTTP header); `markup` lets the document's own
    `<meta charset>` or XML declaration count. A reading that had to repair or guess carries
    `invalid_utf8` or `encoding_guessed`, so the record says so instead of hiding mojibake.
    Raises InputError (E_BINARY, E_ENCODING, E_EMPTY).
    """
    if not data.strip():
        raise InputError("empty input", origin=origin, code=E_EMPTY)
    reason = binary_reason(data)
    if reason is not None:
        raise InputError(f"binary data, not text ({reason})", origin=origin, code=E_BINARY)
    decoded = _decode(data, declared=declared, markup=markup)
    if decoded is None or _looks_garbled(decoded.text):
        raise InputError("cannot determine the text encoding", origin=origin, code=E_ENCODING)
    text = decoded.text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError("empty input (whitespace only)", origin=origin, code=E_EMPTY)
    return Decoded(text, decoded.flags)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes: valid multi-byte characters outnumber the bad bytes.

    Legacy single-byte text (windows-1252 "café" is `63 61 66 E9`) almost never forms a valid
    UTF-8 multi-byte sequence, so one such sequence beside fewer bad bytes says UTF-8.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ch > "\x7f" and ch != "\ufffd")
    return text if good and good >= bad else None


def _decode(data: bytes, *, declared: str | None, markup: bool) -> Decoded | None:
    bom = bom_encoding(data)
    if bom is not None:
        name, size = bom
        return _sure(_strict(data[size:], name))
    if b"\x00" in data[:SNIFF_BYTES]:
        utf16 = _utf16_without_bom(data[:SNIFF_BYTES])
        return _sure(_strict(data, utf16)) if utf16 else None
    candidates = [normalise_charset(declared)]
    if markup:
        candidates.append(normalise_charset(declared_charset(data)))
    for encoding in candidates:
        if encoding is None:
            continue
        if _is_single_byte(encoding) and not data.isascii():
            utf8 = _strict(data, "utf-8")
            if utf8 is not None:
                return Decoded(utf8)
        text = _strict(data, encoding)
        if text is not None:
            return Decoded(text)
    text = _strict(data, "utf-8")
    if text is not None:
        return Decoded(text)
    repaired = _mostly_utf8(data)
    if repaired is not None:
        return Decoded(repaired, (FLAG_INVALID_UTF8,))
    guessed = _detect(data)
    return Decoded(guessed, (FLAG_ENCODING_GUESSED,)) if guessed is not None else None


def _sure(text: str | None) -> Decoded | None:
    return Decoded(text) if text is not None else None


def sniff_text(head: bytes) -> str:
    """The first bytes as text, good enough to recognise a format (never fails)."""
    bom = bom_encoding(head)
    if bom is not None:
        name, size = bom
        return head[size:].decode(name, errors="ignore")
    if b"\x00" in head:
        utf16 = _utf16_without_bom(head)
        if utf16:
            return head.decode(utf16, errors="ignore")
    return head.decode("utf-8", errors="ignore") or head.decode("latin-1")
