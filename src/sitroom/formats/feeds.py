"""RSS and Atom feeds (.rss, .atom, .xml, and .gz of them) read with feedparser.

Each item is a document: its full content when the feed carries it, else its summary. With
`Options.fetch` (off by default), an item that has only a summary gets its article page fetched
(by the worker that analyses it) and the page's text is used instead. Items are numbered in
feed order.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Iterator, Optional

from ..model import Failure
from . import Draft, Entry, Options, split_suffix
from .encoding import describe, read_limited

FETCH_TIMEOUT = 20  # seconds
BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section",
          "article", "pre"}


def read(path: Path, name: str, options: Options, after: int = 0) -> Iterator[Entry]:
    _, gz = split_suffix(path)
    try:
        data, problem = read_limited(path, gz, options.max_bytes * 10)
    except (OSError, EOFError) as exc:
        yield 1, Failure(name, f"cannot be read: {describe(exc)}")
        return
    if data is None:
        yield 1, Failure(name, problem.replace("one document", "one feed"))
        return
    yield from parse(name, data, options, after)


def parse(name: str, data: bytes, options: Options, after: int = 0) -> Iterator[Entry]:
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = (f"not an RSS or Atom feed ({_bozo(feed)})" if feed.bozo and not feed.version
                  else "feed has no items")
        yield 1, Failure(name, reason)
        return
    source = feed.feed.get("title")
    for n, entry in enumerate(feed.entries, 1):
        if n > after:
            yield n, _draft(f"{name}:{n}", entry, source, options)


def _draft(where: str, entry, source: Optional[str], options: Options):
    content = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    full = bool(content)
    value = content[0] if full else entry.get("summary_detail") or {"value": entry.get("summary"),
                                                                    "type": "text/html"}
    body = _as_text(value.get("value") or "", value.get("type") or "text/html")
    link = entry.get("link")
    fetch = link if options.fetch and not full and link else None
    if not body.strip() and not fetch:
        return Failure(where, "feed item has no content or summary"
                       + ("" if options.fetch or not link else " (allow fetching to read its page)"))
    return Draft(where, body, html=False, published=_date(entry) or options.published,
                 title=entry.get("title"), source=source, url=link, id=entry.get("id"), fetch=fetch)


def _as_text(value: str, mime: str) -> str:
    """Feed content is usually an HTML fragment: keep its text, one paragraph per block element."""
    if "html" not in mime and "<" not in value:
        return value
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(value, create_parent="div")
    except Exception:  # lxml raises ParserError for fragments it cannot build a tree from
        return value
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
    return root.text_content()


def _date(entry) -> Optional[str]:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return time.strftime("%Y-%m-%d", parsed)
    return entry.get("published") or entry.get("updated")


def _bozo(feed) -> str:
    exc = feed.get("bozo_exception")
    return (str(exc).strip().splitlines() or ["unreadable"])[0][:200] if exc else "unreadable"


def fetch_page(url: str) -> tuple[Optional[str], Optional[str]]:
    """(html, None) or (None, reason). Only called when the user allowed fetching."""
    import urllib.request

    from .encoding import decode

    request = urllib.request.Request(url, headers={"User-Agent": "sitroom (news event coder)"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
            data = response.read(Options().max_bytes + 1)
            charset = response.headers.get_content_charset()
    except Exception as exc:  # urllib raises URLError, HTTPError, timeouts, ValueError for bad URLs
        return None, f"{url}: {describe(exc)}"
    if charset:
        try:
            return data.decode(charset), None
        except (LookupError, UnicodeDecodeError):
            pass
    text, problem = decode(data)
    return (text, None) if text is not None else (None, f"{url}: {problem}")
