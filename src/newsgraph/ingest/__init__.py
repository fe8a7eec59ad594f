"""Readers: any source to raw documents (`sources.iter_documents`), errors yielded per input.

sources   dispatch: Path, directory, str path, URL, "-" (stdin), bytes, text
files     files, directories, stdin, bytes          fetch    URLs (httpx, robots.txt)
payload   one input's bytes: gunzip, choose format  formats  extension/type/sniffing
decode    bytes to str, binary detection            streams  peeking, capped reads
warc      WARC records    jsonl  JSON lines/JSON    feeds    RSS/Atom entries
"""
