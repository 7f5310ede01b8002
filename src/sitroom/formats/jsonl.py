"""JSON Lines (.jsonl, .jsonl.gz): one object per line with `text` or `html`, and optional
`id`, `title`, `published` (or `date`), `source`, `url`. Items are numbered by line."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from ..model import Failure
from . import Draft, Entry, Options, split_suffix
from .encoding import decode, describe, open_binary


def read(path: Path, name: str, options: Options, after: int = 0) -> Iterator[Entry]:
    _, gz = split_suffix(path)
    n = after
    try:
        with open_binary(path, gz) as handle:
            for n, line in enumerate(handle, 1):
                if n <= after:
                    continue
                item = parse_line(f"{name}:{n}", line, options)
                if item is not None:
                    yield n, item
    except (OSError, EOFError) as exc:
        yield n + 1, Failure(f"{name}:{n + 1}", f"cannot be read: {describe(exc)}")


def read_lines(name: str, lines: Iterable[str], options: Options) -> Iterator[Entry]:
    for n, line in enumerate(lines, 1):
        item = parse_line(f"{name}:{n}", line, options)
        if item is not None:
            yield n, item


def parse_line(where: str, line: Union[bytes, str], options: Options) -> Optional[Union[Draft, Failure]]:
    """A Draft, a Failure saying what is wrong with the line, or None for a blank line."""
    if isinstance(line, bytes):
        if len(line) > options.max_bytes:
            return Failure(where, f"line is {len(line) / 1e6:.1f} MB, over the "
                                  f"{options.max_bytes / 1e6:.0f} MB limit for one document")
        line, warning = decode(line)
        if line is None:
            return Failure(where, warning)
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Failure(where, f"not JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(obj, dict):
        return Failure(where, "JSON line is not an object")
    body, html = obj.get("text"), None
    if not isinstance(body, str) or not body.strip():
        body, html = obj.get("html"), True
    if not isinstance(body, str) or not body.strip():
        return Failure(where, "object has no 'text' or 'html' string", id=_str(obj.get("id")))
    return Draft(where, body, html=html,
                 published=_str(obj.get("published") or obj.get("date")) or options.published,
                 title=_str(obj.get("title")), source=_str(obj.get("source")),
                 url=_str(obj.get("url")), id=_str(obj.get("id")))


def _str(value) -> Optional[str]:
    return None if value is None else str(value)
