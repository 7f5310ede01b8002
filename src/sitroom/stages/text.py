"""Text stage: raw input (plain text or HTML, already decoded) -> a clean Record.

requires: the input's body and metadata   assigns: id, text, title, published, source, url,
language, content_hash, warnings — or a Failure saying why the input cannot be analysed.
"""
from __future__ import annotations

import hashlib
import re
from datetime import date
from functools import lru_cache
from typing import Optional, Union

from ..model import Failure, Record

MIN_CHARS = 20  # less than a sentence: nothing to analyse
_HTML_SNIFF = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.I)
_TAG = re.compile(r"<(p|div|article|br|span|h[1-6])\b", re.I)

# Site furniture that plain-text dumps of web pages carry; a whole line matching one of these
# is dropped. trafilatura already removes such lines from HTML.
_BOILERPLATE = re.compile(
    r"^\s*(advertisement|sponsored( content)?|share (this|on)\b.*|click here\b.*|read more\b.*"
    r"|related( articles| stories)?:?|sign up\b.*|subscribe\b.*|follow us\b.*"
    r"|(all rights reserved|copyright|©).{0,80}|skip to (main )?content|image (copyright|caption).*"
    r"|(photo|picture|video)( credit)?:.{0,120}|print this (page|article)|email this( story)?)\s*$",
    re.I,
)


def is_html(body: str) -> bool:
    head = body[:2000]
    return bool(_HTML_SNIFF.match(head)) or len(_TAG.findall(head)) >= 3


def make_record(body: str, *, input: str, published: Optional[str] = None,
                title: Optional[str] = None, source: Optional[str] = None,
                url: Optional[str] = None, id: Optional[str] = None,
                html: Optional[bool] = None, warnings: Optional[list[str]] = None,
                ) -> Union[Record, Failure]:
    """Clean one decoded input. `published` is the input's own date (header, JSON field) or the
    user's `--published` default; an HTML page's own date wins over the default."""
    warnings = list(warnings or [])
    if html is None:
        html = is_html(body)
    if html:
        page = _from_html(body)
        if page is None:
            return Failure(input, "HTML without an article body (no main text could be extracted)")
        body = page["text"]
        title = title or page["title"]
        published = page["published"] or published
        url = url or page["url"]
        source = source or page["source"]
    text = clean_text(body)
    if len(text) < MIN_CHARS:
        return Failure(input, "empty: no text to analyse" if not text.strip()
                       else f"too short to analyse ({len(text)} characters)")
    if _looks_binary(text):
        return Failure(input, "binary data, not text")
    language, confident = detect_language(text)
    if language != "en" and confident:
        return Failure(input, f"not English (detected language: {language}); skipped",
                       status="skipped")
    pub = normalise_date(published)
    if published and pub is None:
        warnings.append(f"published date {published!r} not understood; left empty")
    content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Record(
        id=str(id) if id not in (None, "") else content_hash[:16],
        text=text, title=_one_line(title), published=pub, source=_one_line(source),
        url=_one_line(url), language=language, input=input, warnings=warnings,
        content_hash=content_hash,
    )


def clean_text(body: str) -> str:
    """Repair encoding damage, drop boilerplate lines, unwrap hard-wrapped paragraphs.

    Paragraphs are kept apart by one blank line; lines inside a paragraph are joined, so the
    parser does not see a sentence break at every wrap.
    """
    import ftfy

    body = ftfy.fix_text(body, uncurl_quotes=False, fix_line_breaks=True, normalization="NFC")
    body = body.replace("\u00a0", " ").replace("\t", " ")
    paragraphs = []
    for block in re.split(r"\n\s*\n", body):
        lines = [ln.strip() for ln in block.split("\n")]
        lines = [ln for ln in lines if ln and not _BOILERPLATE.match(ln)]
        if lines:
            paragraphs.append(re.sub(r" {2,}", " ", " ".join(lines)))
    return "\n\n".join(paragraphs)


def normalise_date(value: Optional[str]) -> Optional[str]:
    """Any reasonable spelling of a date -> YYYY-MM-DD (None when absent or not understood)."""
    if not value:
        return None
    value = str(value).strip()
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(value, languages=["en"],
                              settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.date().isoformat() if parsed else None


def detect_language(text: str) -> tuple[str, bool]:
    """ISO 639-1 code and whether the guess is confident enough to act on."""
    classify = _language_identifier()
    lang, prob = classify(text[:3000])
    # Short texts full of names fool any identifier; act only on long, sure guesses.
    return lang, prob >= 0.95 and len(text) >= 200


@lru_cache(maxsize=1)
def _language_identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return identifier.classify


def _from_html(html: str) -> Optional[dict]:
    import trafilatura
    from htmldate import find_date

    text = trafilatura.extract(html, include_comments=False, include_tables=False,
                               favor_precision=True, deduplicate=False)
    if not text or not text.strip():
        return None
    meta = trafilatura.extract_metadata(html)
    published = find_date(html, extensive_search=True, original_date=True, outputformat="%Y-%m-%d")
    return {
        "text": text,
        "title": getattr(meta, "title", None),
        "url": getattr(meta, "url", None),
        "source": getattr(meta, "sitename", None),
        "published": published,
    }


def _looks_binary(text: str) -> bool:
    sample = text[:4000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t")
    return "\x00" in sample or controls > len(sample) * 0.01


def _one_line(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None
