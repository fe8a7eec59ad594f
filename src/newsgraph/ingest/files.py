"""Local inputs: files, directories (recursive, sorted, hidden entries skipped), stdin, bytes."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from stat import S_ISREG

from newsgraph.errors import E_EMPTY, E_NOT_FOUND, InputError
from newsgraph.ingest.formats import Hints, scheme_missing
from newsgraph.ingest.payload import Item, iter_payload
from newsgraph.ingest.streams import one_line
from newsgraph.settings import Settings

STDIN_ORIGIN = "<stdin>"
BYTES_ORIGIN = "<bytes>"


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _listing(directory: str) -> Iterator[os.DirEntry[str]]:
    """A directory's visible entries sorted by name (empty when it cannot be listed)."""
    try:
        with os.scandir(directory) as entries:
            visible = sorted((e for e in entries if not _hidden(e.name)), key=lambda e: e.name)
    except OSError:
        visible = []
    return iter(visible)


def walk_files(root: Path) -> Iterator[Path]:
    """Regular files under `root`, sorted by path, skipping hidden files and directories.

    Streams: only the entries of the directories on the current branch are in memory, never
    the whole tree, and depth costs no recursion. The order is that of the paths' parts.
    Symbolic links to directories are not followed (no cycles); links to files are read, and a
    broken link (its target missing, or a loop) is yielded too, so that reading it reports it.
    A directory that cannot be listed, or an entry that vanishes meanwhile, is skipped.
    """
    stack = [_listing(str(root))]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                stack.append(_listing(entry.path))
            elif (entry.is_symlink() and _broken_link(entry.path)) or entry.is_file():
                yield Path(entry.path)
        except OSError:
            continue


def _broken_link(path: str) -> bool:
    """A symbolic link whose target is missing (or a loop of links)."""
    return os.path.islink(path) and not os.path.exists(path)


def broken_link_error(path: Path) -> InputError:
    try:
        target = f" to {os.readlink(path)}"
    except OSError:
        target = ""
    return InputError(f"broken symbolic link{target}", origin=str(path), code=E_NOT_FOUND)


def not_found_error(origin: str) -> InputError:
    """No such file or directory; where the name reads as a URL without its scheme, the line
    says how to write it (`newsgraph extract example.org/story`)."""
    url = scheme_missing(origin)
    hint = f" (a URL needs its scheme: {url})" if url else ""
    return InputError(f"no such file or directory{hint}", origin=origin, code=E_NOT_FOUND)


def iter_file(path: Path, *, settings: Settings) -> Iterator[Item]:
    origin = str(path)
    if _broken_link(origin):
        yield broken_link_error(path)
        return
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        yield not_found_error(origin)
        return
    except OSError as e:
        yield InputError(f"cannot open ({one_line(e)})", origin=origin, code=E_NOT_FOUND)
        return
    with handle:
        try:
            stat = os.fstat(handle.fileno())
        except OSError:
            stat = None
        size = stat.st_size if stat is not None and S_ISREG(stat.st_mode) else None
        try:
            yield from iter_payload(
                handle, origin=origin, settings=settings, hints=Hints(name=path.name), size=size
            )
        except OSError as e:
            yield InputError(f"read error ({one_line(e)})", origin=origin, code=E_NOT_FOUND)


def iter_path(path: Path, *, settings: Settings) -> Iterator[Item]:
    """A file, or every file under a directory."""
    path = path.expanduser()
    if path.is_dir():
        empty = True
        for file in walk_files(path):
            empty = False
            yield from iter_file(file, settings=settings)
        if empty:
            yield InputError("no files in the directory", origin=str(path), code=E_EMPTY)
    else:  # a file, or a pipe named on purpose (`<(zcat crawl.warc.gz)`)
        yield from iter_file(path, settings=settings)


def iter_stdin(*, settings: Settings) -> Iterator[Item]:
    """Whatever arrives on standard input (any format, sniffed)."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        yield InputError("standard input is not available", origin=STDIN_ORIGIN, code=E_NOT_FOUND)
        return
    try:
        yield from iter_payload(stream, origin=STDIN_ORIGIN, settings=settings)
    except OSError as e:
        yield InputError(
            f"cannot read standard input ({one_line(e)})", origin=STDIN_ORIGIN, code=E_NOT_FOUND
        )


def iter_bytes(data: bytes, *, settings: Settings, origin: str = BYTES_ORIGIN) -> Iterator[Item]:
    """Bytes in any format (sniffed)."""
    yield from iter_payload(io.BytesIO(data), origin=origin, settings=settings, size=len(data))
