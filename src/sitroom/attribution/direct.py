"""Direct quotes: a quoted stretch that stands as speech of its own, and the cue it belongs to.

A quoted stretch is *standalone* when it opens a paragraph or follows a comma, colon or
sentence end, or when a cue follows it ("...," said Issa); a stretch inside running prose
("called it a "disaster"") is left to the indirect finder, which reads it as a mixed quote.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .cues import CueWord
from .marks import Marked
from .speakers import Who

_OPENERS = ",:;.?!(\u2014-"
_AFTER_WINDOW = 6  # tokens after a closing mark in which a cue may sit ("," Trump told reporters)
_BEFORE_WINDOW = 10
MARK_TOKENS = ('"', "''", "``")


@dataclass
class DirectHit:
    parts: list[tuple[int, int]]  # content fragments (without marks)
    cue: Optional[CueWord]
    paragraph: int
    floating: bool = False
    marks: list[Marked] = field(default_factory=list)
    who: Optional[Who] = None  # a speaker known without the parse (transcripts)
    kind: str = "direct"  # "mixed" when the quoted words sit inside a sentence of prose


def standalone(text: str, m: Marked, para_start: int) -> bool:
    j = m.open - 1
    while j >= para_start and text[j] in " \t\u00a0":
        j -= 1
    if j < para_start:
        return True
    return text[j] in _OPENERS


def ends_clause(text: str, m: Marked) -> bool:
    """The quoted stretch closes its clause: punctuation inside the closing mark, or right
    after it, or the paragraph ends ("said "budget reforms" and ..." does not)."""
    inner = text[m.start:m.end].rstrip()
    if inner[-1:] in ".?!,;:\u2026-\u2014":
        return True
    j = m.after
    while j < len(text) and text[j] in " \t":
        j += 1
    return j >= len(text) or text[j] in ".,;:?!)\n\u2014\u2013-"


def content_bounds(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e - s > 1 and text[e - 1] == ",":  # "...of Syria," said Issa: the comma is the seam
        e -= 1
    return s, e


def cue_after(doc, text: str, m: Marked, tok_at, cue_at: dict[int, CueWord]) -> Optional[CueWord]:
    """"...," said Issa  /  "...?" he asked  /  "...," Trump told reporters."""
    inner = text[m.start:m.end].rstrip()
    if inner.endswith(".") and not inner.endswith("..."):
        return None
    # without a seam (a comma or dash) only a bare name or pronoun may stand between quote and
    # cue ('"..." Trump said'); '"laughing like hell" for even questioning' is prose
    seam = inner[-1:] in ",?!\u2026-\u2014" or text[m.after:m.after + 2].strip()[:1] in (
        ",", "\u2014", "-", "\u2013")
    k = tok_at(m.after)
    if k is None:
        return None
    if inner[-1:] in "?!":
        nxt = doc[k] if k < len(doc) else None
        while nxt is not None and nxt.is_punct and nxt.i + 1 < len(doc):
            nxt = doc[nxt.i + 1]
        if nxt is None or not (nxt.is_lower or nxt.i in cue_at):
            return None
    for i in range(k, min(len(doc), k + _AFTER_WINDOW)):
        t = doc[i]
        if t.text in MARK_TOKENS or "\n" in t.text:
            break
        if i in cue_at:
            return cue_at[i]
        if t.text in (".", "?", "!", ";") or not (seam or t.pos_ in ("PROPN", "PRON", "DET")):
            break
    return None


def cue_before(doc, text: str, m: Marked, tok_at, cue_at: dict[int, CueWord], para_start: int,
               ) -> Optional[CueWord]:
    """Issa said: "..."  /  He says, "..."  /  Trump wrote in a statement: "..."."""
    j = m.open - 1
    while j >= para_start and text[j].isspace():
        j -= 1
    if j < para_start or text[j] not in ",:":
        return None
    k = tok_at(j)
    if k is None:
        return None
    for i in range(k - 1, max(-1, k - 1 - _BEFORE_WINDOW), -1):
        t = doc[i]
        if t.text in MARK_TOKENS or "\n" in t.text or t.idx < para_start or t.text in (".", "?", "!"):
            break
        if i in cue_at:
            return cue_at[i]
    return None


def cue_by_tree(doc, m: Marked, tok_at, cue_at: dict[int, CueWord], inside,
                para: tuple[int, int]) -> Optional[CueWord]:
    """The quote's root hangs from a cue verb outside the marks, in the same paragraph (the
    parser may run a sentence across a paragraph break)."""
    a, b = tok_at(m.start), tok_at(max(m.start, m.end - 1))
    if a is None or b is None:
        return None
    ps, pe = para
    here = lambda i: ps <= doc[i].idx < pe
    for t in doc[a:b + 1]:
        h = t.head
        if m.open <= h.idx < m.after:
            continue
        for _ in range(2):
            if h.i in cue_at and here(h.i):
                return cue_at[h.i]
            if inside(h.idx) or h.head.i == h.i:
                break
            h = h.head
    for t in doc[a:b + 1]:
        for c in t.children:
            if c.i in cue_at and not (m.open <= c.idx < m.after) and here(c.i):
                return cue_at[c.i]
    return None
