"""Read every attribution of a parsed document into `Quote`s (direct, indirect, mixed)."""
from __future__ import annotations

import bisect
import re
from typing import Optional

from ..model import Cue, Quote, Span, Speaker
from .cues import CueWord, Inside, conditional, find_cues, negated
from .direct import (DirectHit, content_bounds, cue_after, cue_before, cue_by_tree, standalone)
from .indirect import according_content, trim, verb_content
from .marks import find_marked, paragraphs
from .speakers import Resolver, Who, describe, subject_of

# Transcript lines: "PENCE: Well, look, ..." (the cue is the colon).
_TRANSCRIPT = re.compile(r'"?([A-Z][A-Z.\'\- ]{1,40}[A-Z.]):\s+')


class _TokenIndex:
    """Character offset -> index of the token that covers it (or the next one)."""

    def __init__(self, doc):
        self.doc = doc
        self.starts = [t.idx for t in doc]

    def __call__(self, offset: int) -> Optional[int]:
        k = bisect.bisect_right(self.starts, offset) - 1
        if k < 0:
            return 0 if self.starts else None
        t = self.doc[k]
        if offset >= t.idx + len(t) and k + 1 < len(self.starts):
            return k + 1
        return k


def extract(doc, text: str, stance: bool = True) -> list[Quote]:
    """All quotes of `doc` (a parse of `text` with straightened quote marks), in text order.

    `stance` also reads attributed beliefs and expectations ("officials believe that ...").
    """
    ptext = doc.text
    marked = find_marked(ptext)
    inside = Inside([(m.open, m.close + 1) for m in marked])
    tok_at = _TokenIndex(doc)
    paras = paragraphs(ptext)
    para_starts = [s for s, _ in paras]

    def para_of(offset: int) -> int:
        return max(0, bisect.bisect_right(para_starts, offset) - 1)

    cues = [c for c in find_cues(doc, inside) if stance or c.kind != "stance"]
    cue_at = {c.token.i: c for c in cues if c.kind != "according"}
    resolver = Resolver.for_doc(doc)

    hits = _direct_hits(doc, ptext, marked, paras, para_of, tok_at, cue_at, inside)
    hits += _transcript_hits(ptext, paras, marked)
    used = {id(h.cue) for h in hits if h.cue is not None}

    found: list[tuple[int, Quote, Optional[CueWord]]] = []
    for h in hits:
        s, e = h.parts[0][0], h.parts[-1][1]
        found.append((s, Quote(s, e, text[s:e], "direct",
                               parts=[Span(a, b) for a, b in h.parts] if len(h.parts) > 1 else []),
                      h.cue))
    direct_spans = sorted((q.start, q.end) for _, q, _ in found)

    for c in cues:
        if id(c) in used:
            continue
        if c.kind == "according":
            span, src = according_content(c.token)
        else:
            span, src = verb_content(c.token, c.kind), None
        if span is None:
            continue
        s, e = trim(ptext, *span)
        if e - s < 2 or _covered(direct_spans, s, e):
            continue
        body = ptext[s:e]
        kind = "mixed" if '"' in body else "indirect"
        q = Quote(s, e, text[s:e], kind)
        if c.kind == "according":
            q.speaker_token = src  # type: ignore[attr-defined]
        found.append((s, q, c))

    found.sort(key=lambda x: (x[0], x[1].end))
    quotes: list[Quote] = []
    last_direct: Optional[Quote] = None
    for _, q, c in found:
        if c is not None:
            q.cue = Cue(c.start, c.end, text[c.start:c.end])
            if c.kind != "according":
                q.negated = negated(c.token)
                q.conditional = conditional(c.token)
                head = subject_of(c.token)
            else:
                head = getattr(q, "speaker_token", None)
            if head is not None:
                q.speaker = _speaker(describe(head), text, resolver, c.start)
        elif getattr(q, "transcript_speaker", None):
            q.speaker = q.transcript_speaker  # type: ignore[attr-defined]
        elif q.kind == "direct" and last_direct is not None and last_direct.speaker is not None:
            q.speaker = last_direct.speaker  # a floating quote inherits the last speaker
        if q.kind == "direct":
            last_direct = q
        for attr in ("speaker_token", "transcript_speaker"):
            if hasattr(q, attr):
                delattr(q, attr)
        quotes.append(q)
    return quotes


def _covered(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Is [s, e) mostly inside a direct quote already found?"""
    for a, b in spans:
        if a < e and s < b:
            if min(b, e) - max(a, s) >= 0.5 * (e - s):
                return True
    return False


def _speaker(who: Who, text: str, resolver: Resolver, offset: int) -> Speaker:
    who = resolver.resolve(who, offset)
    return Speaker(who.start, who.end, text[who.start:who.end], who.name, who.role, who.org)


def _direct_hits(doc, ptext, marked, paras, para_of, tok_at, cue_at, inside) -> list[DirectHit]:
    hits: list[DirectHit] = []
    for m in marked:
        p = para_of(m.open)
        pstart = paras[p][0]
        cue = cue_after(doc, ptext, m, tok_at, cue_at)
        alone = standalone(ptext, m, pstart)
        if cue is None and not alone:
            continue
        if cue is None:
            cue = cue_before(doc, ptext, m, tok_at, cue_at, pstart) or cue_by_tree(
                doc, m, tok_at, cue_at, inside)
        s, e = content_bounds(ptext, m.start, m.end)
        if e <= s:
            continue
        parts = _paragraph_parts(ptext, s, e) if m.paragraphs > 1 else [(s, e)]
        prev = hits[-1] if hits else None
        if prev is not None and (cue is None or cue is prev.cue) and (
                prev.paragraph == p or (cue is prev.cue and prev.paragraph >= p - 1)):
            # the second half of a quote split by its cue, or more of the same quote
            prev.parts.extend(parts)
            prev.marks.append(m)
            continue
        hits.append(DirectHit(parts, cue, para_of(m.close), floating=cue is None, marks=[m]))
    return hits


def _paragraph_parts(ptext: str, s: int, e: int) -> list[tuple[int, int]]:
    out = []
    for m in re.finditer(r"[^\n]+", ptext[s:e]):
        a, b = s + m.start(), s + m.end()
        while a < b and ptext[a] in ' "\t':
            a += 1
        while b > a and ptext[b - 1] in ' "\t':
            b -= 1
        if b > a:
            out.append((a, b))
    return out or [(s, e)]


def _transcript_hits(ptext, paras, marked) -> list[DirectHit]:
    """Interview transcripts: "NAME: words" paragraphs, the colon being the cue."""
    return []
