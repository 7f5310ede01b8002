"""Archive formats: one module per format turns one input file into numbered raw documents.

A reader yields `(number, Draft | Failure)`: `number` is the item's place in its file (line for
.jsonl and .csv, record for WARC, item for feeds, 1 for a one-document file). Readers are
given `after` and pass over items numbered `<= after` without decoding or cleaning them, which
is what lets a resumed run skip what an earlier run committed. A `Draft` is the raw body and
metadata; `Draft.build()` runs the text stage (HTML extraction, cleaning, language) and is the
expensive part, so it happens in the worker that analyses the document, not in the reader.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional, Union

from ..model import Failure, Record

MAX_BYTES = 10 * 1024 * 1024  # one article is ~10 kB; a 10 MB "article" is a mistake


@dataclass(frozen=True)
class Options:
    """How to read inputs: the default anchor date, size limit, CSV text column, network fetch."""
    published: Optional[str] = None
    max_bytes: int = MAX_BYTES
    text_column: Optional[str] = None
    fetch: bool = False  # fetch the article page of a feed item that has only a summary


@dataclass
class Draft:
    """One document as read, before the text stage."""
    input: str
    body: str
    html: Optional[bool] = None
    published: Optional[str] = None
    title: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    id: Optional[str] = None
    warnings: list[str] = field(default_factory=list)
    fetch: Optional[str] = None  # URL of the full article, fetched by `build` (feeds, when allowed)

    def build(self) -> Union[Record, Failure]:
        from ..stages.text import make_record

        body, html, warnings = self.body, self.html, list(self.warnings)
        if self.fetch:
            from .feeds import fetch_page

            page, problem = fetch_page(self.fetch)
            if page is not None:
                body, html = page, True
            else:
                warnings.append(f"article page not fetched ({problem}); the feed's summary is used")
        return make_record(body, input=self.input, published=self.published, title=self.title,
                           source=self.source, url=self.url, id=self.id, html=html,
                           warnings=warnings)


Item = Union[Draft, Failure]
Entry = tuple[int, Item]

# Suffixes after a trailing .gz has been taken off; the value names the reader.
KINDS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".warc": "warc", ".arc": "warc",
    ".rss": "feed", ".atom": "feed",
    ".csv": "csv", ".tsv": "csv",
}
EXPLICIT_KINDS = {**KINDS, ".xml": "feed"}  # .xml is a feed when named, not when met in a folder


def split_suffix(path: Path) -> tuple[str, bool]:
    """('.jsonl', True) for x.jsonl.gz; ('.txt', False) for x.txt."""
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    if gz:
        suffixes = suffixes[:-1]
    return (suffixes[-1] if suffixes else ""), gz


def kind_of(path: Path, explicit: bool = False) -> Optional[str]:
    suffix, _ = split_suffix(path)
    return (EXPLICIT_KINDS if explicit else KINDS).get(suffix)


def read_file(path: Path, options: Options, after: int = 0, explicit: bool = True) -> Iterator[Entry]:
    """Every document (or failure) of one file, numbered; items numbered <= after are passed over."""
    from . import csv, feeds, jsonl, text, warc

    kind = kind_of(path, explicit)
    _, gz = split_suffix(path)
    name = str(path)
    if kind == "jsonl":
        yield from jsonl.read(path, name, options, after)
    elif kind == "warc":
        yield from warc.read(path, name, options, after)
    elif kind == "feed":
        yield from feeds.read(path, name, options, after)
    elif kind == "csv":
        yield from csv.read(path, name, options, after)
    elif after < 1:
        yield 1, text.read(path, name, options, kind, gz)


def count(path: Path, explicit: bool = True) -> int:
    """How many items `read_file` will yield, near enough for a progress bar's total; cheap:
    nothing is decoded or cleaned. An unreadable file counts as its one failure."""
    from .encoding import open_binary

    kind = kind_of(path, explicit)
    _, gz = split_suffix(path)
    try:
        if kind == "jsonl":
            with open_binary(path, gz) as handle:
                return sum(1 for line in handle if line.strip())
        if kind == "csv":
            import csv as _csv
            import io

            with open_binary(path, gz) as raw:
                rows = _csv.reader(io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline=""))
                return max(1, sum(1 for row in rows if any(c.strip() for c in row)) - 1)
        if kind == "warc":
            from warcio.archiveiterator import ArchiveIterator

            from .warc import _is_html_response

            with path.open("rb") as handle:
                return max(1, sum(1 for r in ArchiveIterator(handle, arc2warc=True) if _is_html_response(r)))
        if kind == "feed":
            import feedparser

            with open_binary(path, gz) as handle:
                return max(1, len(feedparser.parse(handle.read()).entries))
    except Exception:  # whatever is wrong with the file, reading it will say so as a Failure
        return 1
    return 1
