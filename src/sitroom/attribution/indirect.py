"""Indirect quotes: the clause a reporting verb governs ("Russia said it was concentrating on
...", "told Reuters that ..."), and the clause an "according to X" phrase qualifies."""
from __future__ import annotations

from typing import Optional

from .lexicon import ADDRESSEE_VERBS, WEAK_VERBS

_TRIM = " \t\n\u00a0.,;:-\u2014()"
_CLAUSE_DEPS = ("ccomp", "xcomp")
_OBJECT_DEPS = ("dobj", "oprd")


def _span_of(tokens) -> tuple[int, int]:
    s = min(t.left_edge.idx for t in tokens)
    last = max((t.right_edge for t in tokens), key=lambda t: t.i)
    return s, last.idx + len(last)


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return s, e


def verb_content(cue, kind: str) -> Optional[tuple[int, int]]:
    """The content span a reporting verb governs, or None when it governs no clause."""
    lemma = cue.lemma_.lower()
    clauses = [c for c in cue.children if c.dep_ in _CLAUSE_DEPS]
    if kind == "stance":
        clauses = [c for c in clauses if c.dep_ == "ccomp" or lemma in ("want", "hope", "expect")]
    if clauses:
        parts = list(clauses)
        if lemma not in ADDRESSEE_VERBS:
            parts += [c for c in cue.children if c.dep_ in _OBJECT_DEPS and c.i > cue.i]
        elif any(c.dep_ == "xcomp" for c in clauses):  # "urged voters to ..."
            parts += [c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i]
        return _span_of(parts)
    if kind == "speech" and lemma not in ADDRESSEE_VERBS and lemma not in WEAK_VERBS:
        objs = [c for c in cue.children if c.dep_ in _OBJECT_DEPS and c.pos_ != "PRON"]
        if objs:
            return _span_of(objs)
    if cue.dep_ == "parataxis" and cue.head.pos_ in ("VERB", "AUX") and kind == "speech":
        # "The plan, he said, would cost billions": the head clause minus the cue's subtree
        head = cue.head
        drop = {t.i for t in cue.subtree}
        toks = [t for t in head.subtree if t.i not in drop and not t.is_punct]
        if toks:
            return toks[0].idx, toks[-1].idx + len(toks[-1])
    return None


def according_content(according) -> tuple[Optional[tuple[int, int]], Optional[object]]:
    """("according to the UN, 16,000 fled") -> (span of the clause, the source token)."""
    doc = according.doc
    to = doc[according.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        source = next((c for c in according.children if c.dep_ == "pobj"), None)
    sent = according.sent
    phrase_start = according.i
    phrase_end = max(according.right_edge.i, to.right_edge.i) + 1
    before = doc[sent.start:phrase_start]
    after = doc[phrase_end:sent.end]
    words = lambda span: sum(1 for t in span if not t.is_punct)
    side = after if words(after) >= words(before) else before
    if words(side) < 2:
        return None, source
    return (side[0].idx, side[-1].idx + len(side[-1])), source
