"""One document per file: .txt (optional `Key: value` header, a blank line, the body) and HTML."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional, Union

from ..model import Failure
from . import Draft, Options
from .encoding import decode, describe, read_limited

HEADER_KEYS = {"title", "published", "source", "url", "id", "date"}
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]{0,20}):\s*(.*)$")


def read(path: Path, name: str, options: Options, kind: Optional[str], gz: bool) -> Union[Draft, Failure]:
    try:
        data, problem = read_limited(path, gz, options.max_bytes)
    except (OSError, EOFError) as exc:
        return Failure(name, f"cannot be read: {describe(exc)}")
    if data is None:
        return Failure(name, problem)
    return from_bytes(name, data, kind, options)


def from_bytes(name: str, data: bytes, kind: Optional[str], options: Options) -> Union[Draft, Failure]:
    """`kind` is 'text', 'html' or None (sniff: HTML when it looks like it, else text)."""
    from ..stages.text import is_html

    if not data.strip():
        return Failure(name, "empty file")
    text, warning = decode(data)
    if text is None:
        return Failure(name, warning)
    warnings = [warning] if warning else []
    if kind == "html" or (kind != "text" and is_html(text)):
        return Draft(name, text, html=True, published=options.published, warnings=warnings)
    header, body = split_header(text)
    return Draft(name, body, html=False,
                 published=header.get("published") or header.get("date") or options.published,
                 title=header.get("title"), source=header.get("source"), url=header.get("url"),
                 id=header.get("id"), warnings=warnings)


def split_header(text: str) -> tuple[dict[str, str], str]:
    """A leading block of `Key: value` lines (Title, Published, Source, URL, ID), then a blank line."""
    lines = text.lstrip("\ufeff").split("\n")
    header: dict[str, str] = {}
    for i, line in enumerate(lines):
        if not line.strip():
            if header:
                return header, "\n".join(lines[i + 1:])
            break
        m = _HEADER_LINE.match(line.strip())
        if not m or m.group(1).strip().lower() not in HEADER_KEYS:
            break
        header[m.group(1).strip().lower()] = m.group(2).strip()
    return {}, text
