"""The input funnel: paths (files, folders, globs, "-" for stdin) -> Records or Failures, in order.

Formats (one module each in `formats/`): .txt (optional `Key: value` header, a blank line, the
body), .html/.htm, .jsonl, WARC/ARC, RSS/Atom feeds, CSV/TSV — each also gzipped (.gz). Folders
are read recursively, in sorted order; a path with `*`, `?` or `[` that names no file is a glob
(`**` recurses). Every input that cannot be read becomes a Failure that names it (with the line
or record number inside an archive) and says why; the caller decides what to do with it, and
the run goes on.

`scan` is the lower layer the batch runner uses: it yields raw documents (`Draft`, cleaned later
by the worker that analyses them) with their position, and can start after a given position.
"""
from __future__ import annotations

import glob
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from .formats import MAX_BYTES, Draft, Options, kind_of, read_file
from .formats import jsonl as _jsonl
from .formats import text as _text
from .formats.encoding import GZIP_MAGIC, decode  # noqa: F401  (part of this module's API)
from .formats.text import split_header  # noqa: F401
from .model import Failure, Record

Item = Union[Record, Failure]
GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class Position:
    """Where an item comes from: the index of the argument, the file, the item's number in it."""
    arg: int
    path: str
    number: int


@dataclass
class Entry:
    position: Position
    item: Union[Draft, Failure]


def read(paths: Iterable[str], published: Optional[str] = None, max_bytes: int = MAX_BYTES, *,
         text_column: Optional[str] = None, fetch: bool = False) -> Iterator[Item]:
    """Every document of every input, cleaned (the text stage), in order."""
    options = Options(published=published, max_bytes=max_bytes, text_column=text_column, fetch=fetch)
    for entry in scan(paths, options):
        yield entry.item.build() if isinstance(entry.item, Draft) else entry.item


def scan(paths: Iterable[str], options: Options = Options(),
         after: Optional[Position] = None) -> Iterator[Entry]:
    """Raw documents with their positions; with `after`, only those that come after it.

    Positions are ordered: arguments in the order given, files of a folder or glob in sorted
    path order, items by number inside a file. That order is what makes `after` meaningful.
    Standard input cannot be skipped into: it is read whole each time.
    """
    for arg, path in enumerate(paths):
        if after is not None and arg < after.arg:
            continue
        skip_to = Path(after.path).parts if after is not None and arg == after.arg else None
        for file in expand(path):
            if isinstance(file, Failure):
                if skip_to is None or Path(file.input).parts > skip_to:
                    yield Entry(Position(arg, file.input, 1), file)
                continue
            name, explicit = file
            number_after = 0
            if skip_to is not None and name != "-":
                parts = Path(name).parts
                if parts < skip_to:
                    continue
                if parts == skip_to:
                    number_after = after.number
            if name == "-":
                source = _stdin(options)
            else:
                source = read_file(Path(name), options, number_after, explicit)
            for number, item in source:
                yield Entry(Position(arg, name, number), item)


def expand(path: str) -> Iterator[Union[tuple[str, bool], Failure]]:
    """(file name, named explicitly?) for each file an argument stands for, in sorted order."""
    if path == "-":
        yield "-", True
        return
    p = Path(path)
    if p.is_dir():
        found = False
        for file in walk(p):
            found = True
            yield file, False
        if not found:
            yield Failure(path, "folder holds no readable files (.txt, .html, .jsonl, .warc, .csv, "
                                ".rss, .atom, or .gz of them)")
    elif p.exists():
        yield str(p), True
    elif GLOB_CHARS & set(path):
        matches = sorted((Path(m) for m in glob.iglob(path, recursive=True)), key=lambda m: m.parts)
        files = [m for m in matches if m.is_file() and kind_of(m, explicit=True)]
        folders = [m for m in matches if m.is_dir()]
        if not files and not folders:
            yield Failure(path, "no files match this pattern")
        # A folder's files sort right after the folder itself: merge both lists in path order.
        for match in sorted(files + folders, key=lambda m: m.parts):
            if match.is_dir():
                yield from ((f, False) for f in walk(match))
            else:
                yield str(match), True
    else:
        yield Failure(path, "no such file or folder")


def walk(folder: Path) -> Iterator[str]:
    """Readable files under `folder`, recursively, in sorted path order, one folder in memory at a time."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from walk(folder / entry.name)
        elif entry.is_file() and kind_of(Path(entry.name)):
            yield str(folder / entry.name)


def _stdin(options: Options) -> Iterator[tuple[int, Union[Draft, Failure]]]:
    import gzip

    data = sys.stdin.buffer.read()
    if data[:2] == GZIP_MAGIC:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            yield 1, Failure("-", f"not a readable gzip stream ({exc})")
            return
    head = data[:4096].lstrip()
    if head.startswith((b"WARC/", b"filedesc:")):
        yield 1, Failure("-", "WARC archives are read from files, not from standard input")
        return
    if head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head) or head.startswith((b"<rss", b"<feed")):
        from .formats import feeds

        yield from feeds.parse("-", data, options)
        return
    if data.strip() and data.lstrip().startswith(b"{"):
        text, warning = decode(data)
        if text is not None:
            yield from _jsonl.read_lines("-", text.splitlines(keepends=True), options)
            return
    yield 1, _text.from_bytes("-", data, None, options)
