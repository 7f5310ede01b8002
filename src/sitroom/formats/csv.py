"""CSV and TSV tables (.csv, .tsv, and .gz of them) with one document per row.

The text is in the column named by `Options.text_column`, else the first of TEXT_COLUMNS that
the header has. Columns id, title, published (or date), source and url are used when present
(names matched without regard to case). Items are numbered by the line their row starts on.
"""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Iterator, Optional

from ..model import Failure
from . import Draft, Entry, Options, split_suffix
from .encoding import describe, open_binary

TEXT_COLUMNS = ("text", "body", "content", "article", "html")
FIELDS = {"id": ("id",), "title": ("title", "headline"), "published": ("published", "date"),
          "source": ("source",), "url": ("url", "link")}


def read(path: Path, name: str, options: Options, after: int = 0) -> Iterator[Entry]:
    suffix, gz = split_suffix(path)
    csv.field_size_limit(min(sys.maxsize, 2 ** 31 - 1))
    line = 1
    try:
        with open_binary(path, gz) as raw:
            handle = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
            reader = csv.reader(handle, delimiter="\t" if suffix == ".tsv" else ",")
            header = next(reader, None)
            if not header:
                yield 1, Failure(name, "empty file")
                return
            columns = _columns(header, options.text_column)
            if isinstance(columns, str):
                yield 1, Failure(name, columns)
                return
            line = reader.line_num + 1
            for row in reader:
                start, line = line, reader.line_num + 1
                if start > after and any(cell.strip() for cell in row):
                    yield start, _draft(f"{name}:{start}", row, len(header), columns, options)
    except (OSError, EOFError, UnicodeDecodeError, csv.Error) as exc:
        reason = ("not UTF-8 text" if isinstance(exc, UnicodeDecodeError)
                  else f"not valid CSV ({exc})" if isinstance(exc, csv.Error)
                  else f"cannot be read: {describe(exc)}")
        yield line, Failure(f"{name}:{line}", reason + "; the rest of the file is not read")


def _columns(header: list[str], text_column: Optional[str]) -> dict[str, int] | str:
    names = {h.strip().lower(): i for i, h in reversed(list(enumerate(header)))}
    wanted = [text_column.lower()] if text_column else list(TEXT_COLUMNS)
    text = next((names[w] for w in wanted if w in names), None)
    if text is None:
        shown = ", ".join(h for h in header[:12])
        return (f"no column named {text_column!r}" if text_column else "no text column") + \
            f" (columns: {shown}); name the text column with --text-column"
    columns = {"text": text}
    for key, aliases in FIELDS.items():
        found = next((names[a] for a in aliases if a in names), None)
        if found is not None:
            columns[key] = found
    return columns


def _draft(where: str, row: list[str], width: int, columns: dict[str, int], options: Options):
    if len(row) != width:
        return Failure(where, f"row has {len(row)} fields, the header has {width}")
    body = row[columns["text"]]
    if not body.strip():
        return Failure(where, "row has an empty text column")
    get = lambda key: (row[columns[key]].strip() or None) if key in columns else None  # noqa: E731
    return Draft(where, body, published=get("published") or options.published, title=get("title"),
                 source=get("source"), url=get("url"), id=get("id"))
