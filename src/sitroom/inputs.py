"""The input funnel: paths (files, folders, "-" for stdin) -> Records or Failures, in order.

Formats: .txt (optional `Key: value` header, a blank line, the body), .html/.htm, .jsonl (one
object per line with `text` or `html`). Every input that cannot be read becomes a Failure that
names it and says why; the caller decides what to do with it, and the run goes on.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from .model import Failure, Record
from .stages.text import is_html, make_record

MAX_BYTES = 10 * 1024 * 1024  # one article is ~10 kB; a 10 MB "article" is a mistake
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
HEADER_KEYS = {"title", "published", "source", "url", "id", "date"}
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]{0,20}):\s*(.*)$")

Item = Union[Record, Failure]


def read(paths: Iterable[str], published: Optional[str] = None,
         max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    for path in paths:
        if path == "-":
            yield from _read_bytes("-", sys.stdin.buffer.read(), None, published)
            continue
        p = Path(path)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in KNOWN_SUFFIXES)
            if not files:
                yield Failure(path, "folder holds no .txt, .html or .jsonl files")
            for f in files:
                yield from _read_file(f, published, max_bytes)
        elif p.exists():
            yield from _read_file(p, published, max_bytes)
        else:
            yield Failure(path, "no such file or folder")


def _read_file(path: Path, published: Optional[str], max_bytes: int) -> Iterator[Item]:
    name = str(path)
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as handle:
                yield from _read_jsonl(name, handle, published, max_bytes)
            return
        if size > max_bytes:
            yield Failure(name, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB "
                                "limit for one document (split it, or use .jsonl for many)")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Failure(name, f"cannot be read: {exc.strerror or exc}")
        return
    yield from _read_bytes(name, data, suffix, published)


def _read_bytes(name: str, data: bytes, suffix: Optional[str], published: Optional[str]) -> Iterator[Item]:
    if not data.strip():
        yield Failure(name, "empty file")
        return
    text, warning = decode(data)
    if text is None:
        yield Failure(name, warning)
        return
    warnings = [warning] if warning else []
    if suffix in JSONL_SUFFIXES or (suffix is None and text.lstrip().startswith("{")):
        yield from _read_jsonl(name, text.splitlines(keepends=True), published, MAX_BYTES)
        return
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and is_html(text)):
        yield make_record(text, input=name, published=published, html=True, warnings=warnings)
        return
    header, body = split_header(text)
    yield make_record(
        body, input=name, published=header.get("published") or header.get("date") or published,
        title=header.get("title"), source=header.get("source"), url=header.get("url"),
        id=header.get("id"), html=False, warnings=warnings,
    )


def _read_jsonl(name: str, lines, published: Optional[str], max_bytes: int) -> Iterator[Item]:
    for n, line in enumerate(lines, 1):
        where = f"{name}:{n}"
        if isinstance(line, bytes):
            if len(line) > max_bytes:
                yield Failure(where, f"line is {len(line) / 1e6:.1f} MB, over the "
                                     f"{max_bytes / 1e6:.0f} MB limit for one document")
                continue
            line, warning = decode(line)
            if line is None:
                yield Failure(where, warning)
                continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(where, f"not JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield Failure(where, "JSON line is not an object")
            continue
        body, html = obj.get("text"), False
        if not isinstance(body, str) or not body.strip():
            body, html = obj.get("html"), True
        if not isinstance(body, str) or not body.strip():
            yield Failure(where, "object has no 'text' or 'html' string", id=_str(obj.get("id")))
            continue
        yield make_record(
            body, input=where, published=_str(obj.get("published")) or published,
            title=_str(obj.get("title")), source=_str(obj.get("source")),
            url=_str(obj.get("url")), id=_str(obj.get("id")), html=html or None,
        )


def decode(data: bytes) -> tuple[Optional[str], Optional[str]]:
    """(text, warning) — or (None, reason) when the bytes are not text in any encoding."""
    if b"\x00" in data[:8192]:
        return None, "binary file (contains NUL bytes), not text"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.chaos > 0.3:
        return None, "not UTF-8, and no text encoding fits (binary data?)"
    return str(data, best.encoding, errors="replace"), (
        f"not UTF-8: decoded as {best.encoding}")


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


def _str(value) -> Optional[str]:
    return None if value is None else str(value)

