"""Atheris harness: the plain-text dump cleaner, from bytes and from text.

Each input is read two ways: as bytes through the reader (`read_documents`, so sniffing,
decoding and the cap run too) with every document cleaned, and as a Unicode string straight
into `read_text`. Anything but an `InputError` is a crash.

    .venv/bin/python fuzz/fuzz_textdump.py out/fuzz/textdump fuzz/corpus/textdump \\
        -max_total_time=300 -timeout=10 -rss_limit_mb=2048 -artifact_prefix=out/fuzz/
"""

from __future__ import annotations

import contextlib
import itertools

import atheris

with atheris.instrument_imports(include=["newsgraph"]):
    from newsgraph.api import clean_document, read_documents, read_text
    from newsgraph.errors import InputError
    from newsgraph.settings import Settings

SETTINGS = Settings(max_bytes=64 * 1024)


def test_one_input(data: bytes) -> None:
    for item in itertools.islice(read_documents(data, settings=SETTINGS), 20):
        if isinstance(item, InputError):
            continue
        with contextlib.suppress(InputError):
            clean_document(item).to_json()
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
    with contextlib.suppress(InputError):
        read_text(text).to_json()


if __name__ == "__main__":
    from _common import run

    run(test_one_input)
