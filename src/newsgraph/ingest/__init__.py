"""Readers: any source to raw documents (`sources.iter_documents`), errors yielded per input.

One path for every input's bytes, each step taken once, in this order:

1. choose   sources.py    Path, directory, path string, URL, "-" (stdin), bytes, or text itself
2. open     files.py      files, directories, stdin, bytes    fetch.py  URLs (robots.txt; the
                          body is capped at settings.max_bytes as it downloads)
3. gunzip   gunzip.py     up to two layers, bounded (truncation and decompression bombs)
4. sniff    formats.py    the format, from content type, name and first bytes
5. cap      streams.py    a single document over settings.max_bytes is refused (unread when its
                          size is known); containers are capped record by record
6. decode   decode.py     bytes to text plus flags (invalid_utf8, encoding_guessed), called once
                          per document, from payload.py only
7. read     warc.py, jsonl.py (JSON Lines) get the byte stream; feeds.py and jsonl.py (JSON)
            get the decoded text; text and HTML become a RawDocument (document.py) directly

payload.py runs steps 3 to 7 for every opened input (`iter_payload`).
"""
