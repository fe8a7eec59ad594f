"""Atheris harness: the HTML reader and cleaner, from bytes and from text.

Each input is read as bytes through the reader with an `.html` hint path (sniffing, charset
from `<meta>`, decoding, the cap), every document cleaned; and as a string straight into
`read_html`. Anything but an `InputError` is a crash.

    .venv/bin/python fuzz/fuzz_html.py out/fuzz/html fuzz/corpus/html \\
        -max_total_time=300 -timeout=10 -rss_limit_mb=2048 -artifact_prefix=out/fuzz/
"""

from __future__ import annotations

import contextlib
import io
import itertools

import atheris

with atheris.instrument_imports(include=["newsgraph"]):
    from newsgraph.api import clean_document, read_html
    from newsgraph.errors import InputError
    from newsgraph.ingest.formats import Hints
    from newsgraph.ingest.payload import iter_payload
    from newsgraph.settings import Settings

SETTINGS = Settings(max_bytes=64 * 1024)
HINTS = Hints(name="page.html")


def test_one_input(data: bytes) -> None:
    items = iter_payload(io.BytesIO(data), origin="<fuzz>", settings=SETTINGS, hints=HINTS)
    for item in itertools.islice(items, 20):
        if isinstance(item, InputError):
            continue
        with contextlib.suppress(InputError):
            clean_document(item).to_json()
    text = data.decode("utf-8", errors="surrogateescape")  # lone surrogates on purpose
    with contextlib.suppress(InputError):
        read_html(text).to_json()


if __name__ == "__main__":
    from _common import run

    run(test_one_input)
