"""WARC / ARC archives (.warc, .warc.gz, .arc.gz) read with warcio.

Only HTTP responses whose content is HTML are documents; other records (requests, warcinfo,
images, redirects, errors) are passed over without a word. Items are numbered by their record's
place in the archive, counting every record. The record's WARC-Target-URI is the document's URL
and its WARC-Date the published date unless the page states its own.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, Optional

from ..model import Failure
from . import Draft, Entry, Options
from .encoding import decode, describe

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read(path: Path, name: str, options: Options, after: int = 0) -> Iterator[Entry]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = after
    try:
        problem = _not_an_archive(path)
        if problem:
            yield 1, Failure(f"{name}:1", problem)
            return
        with path.open("rb") as handle:
            for n, record in enumerate(ArchiveIterator(handle, arc2warc=True), 1):
                if n <= after or not _is_html_response(record):
                    continue
                where = f"{name}:{n}"
                try:
                    data = record.content_stream().read(options.max_bytes + 1)
                except Exception as exc:  # warcio raises zlib/brotli/chunking errors of any kind
                    yield n, Failure(where, f"WARC record content cannot be read: {describe(exc)}")
                    continue
                yield n, _draft(where, record, data, options)
    except ArchiveLoadFailed as exc:
        yield n + 1, Failure(f"{name}:{n + 1}", f"not a valid WARC record: {_first_line(exc)}")
    except (OSError, EOFError) as exc:
        yield n + 1, Failure(f"{name}:{n + 1}", f"cannot be read: {describe(exc)}")


def _not_an_archive(path: Path) -> Optional[str]:
    """warcio reads almost anything as some record; check the first bytes ourselves."""
    import gzip

    with path.open("rb") as handle:
        head = handle.read(2)
        handle.seek(0)
        if head == b"\x1f\x8b":
            head = gzip.GzipFile(fileobj=handle).read(16)
        else:
            head = handle.read(16)
    if not head.lstrip().startswith((b"WARC/", b"filedesc:")):
        return "not a valid WARC record: the file does not start with a WARC (or ARC) header"
    return None


def _is_html_response(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    return status.startswith("2") and any(t in ctype for t in HTML_TYPES)


def _draft(where: str, record, data: bytes, options: Options):
    if len(data) > options.max_bytes:
        return Failure(where, f"response is over the {options.max_bytes / 1e6:.0f} MB limit for one document")
    if not data.strip():
        return Failure(where, "HTML response with an empty body")
    text, warning = _decode(data, record.http_headers.get_header("Content-Type") or "")
    if text is None:
        return Failure(where, warning)
    date = record.rec_headers.get_header("WARC-Date")
    return Draft(where, text, html=True, published=(date[:10] if date else None) or options.published,
                 url=record.rec_headers.get_header("WARC-Target-URI"),
                 warnings=[warning] if warning else [])


def _decode(data: bytes, content_type: str) -> tuple[Optional[str], Optional[str]]:
    charset = None
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'")
    if charset:
        try:
            return data.decode(charset), None
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
