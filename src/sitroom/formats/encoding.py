"""Bytes -> text: UTF-8 first, then the most plausible encoding; gzip opened transparently."""
from __future__ import annotations

import gzip
from pathlib import Path
from typing import BinaryIO, Optional

GZIP_MAGIC = b"\x1f\x8b"


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


def open_binary(path: Path, gz: bool) -> BinaryIO:
    return gzip.open(path, "rb") if gz else path.open("rb")


def read_limited(path: Path, gz: bool, max_bytes: int) -> tuple[Optional[bytes], Optional[str]]:
    """The whole (decompressed) file, or (None, reason) when it is over `max_bytes`."""
    size = path.stat().st_size
    if not gz:
        if size > max_bytes:
            return None, (f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB "
                          "limit for one document (split it, or use .jsonl for many)")
        return path.read_bytes(), None
    with gzip.open(path, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        return None, (f"decompressed file is over the {max_bytes / 1e6:.0f} MB limit for one "
                      "document (split it, or use .jsonl for many)")
    return data, None


def describe(exc: BaseException) -> str:
    """A short reason for a read error: OSError's strerror, gzip's and zlib's messages."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    if isinstance(exc, EOFError):
        return "file is truncated (compressed stream ended early)"
    return str(exc) or type(exc).__name__
