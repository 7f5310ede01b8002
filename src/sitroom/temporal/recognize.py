"""Find and normalise every temporal expression in a text: all rules run, the longest
surviving match wins where matches overlap."""
from __future__ import annotations

from typing import Any, Optional

from ..model import TimeX
from . import calendar as cal
from . import narrative
from .resolve import Context
from .rules import RULES


def find_timexes(text: str, published: Optional[str] = None, doc: Any = None,
                 day_first: bool = False) -> list[TimeX]:
    """TIMEX3 mentions of `text`, anchored on `published` (YYYY-MM-DD) when given.

    `doc` is a spaCy Doc of the same text (or of a text with the same offsets); it decides the
    tense of clauses ("Friday" after "said" is the last Friday, after "will" the next one).
    """
    ctx = Context(text, cal.parse_anchor(published), doc, day_first)
    candidates = []
    windows: dict[tuple, list[tuple[int, int]]] = {}  # several rules share a gate
    for order, rule in enumerate(RULES):
        key = (rule.gate, rule.back, rule.fwd)
        if key not in windows:
            windows[key] = _windows(rule, text)
        for lo, hi in windows[key]:
            if rule.need is not None and not rule.need.search(text, lo, hi):
                continue
            for m in rule.regex.finditer(text, lo, hi):
                s, e = m.span()
                while e > s and text[e - 1].isspace():
                    e -= 1
                if e > s:
                    candidates.append((-(e - s), order, s, e, rule, m))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    taken: list[tuple[int, int]] = []
    out: list[TimeX] = []
    refs = []
    for _, _, s, e, rule, m in candidates:
        if any(s < te and ts < e for ts, te in taken):
            continue
        value = rule.fn(m, ctx)
        if value is None:
            continue
        if value.span:
            s, e = value.span
            if any(s < te and ts < e for ts, te in taken):
                continue
        taken.append((s, e))
        out.append(TimeX(s, e, text[s:e], value.type, value.value, value.mod))
        if value.ref is not None:
            refs.append((out[-1], value.ref))
    out.sort(key=lambda t: t.start)
    if refs:
        where = {id(t): i for i, t in enumerate(out)}
        narrative.resolve(text, out, {where[id(t)]: ref for t, ref in refs}, doc)
    return out


def _windows(rule, text: str) -> list[tuple[int, int]]:
    """Merged stretches of text around the rule's gate hits, cut at whitespace."""
    n = len(text)
    out: list[tuple[int, int]] = []
    for g in rule.gate.finditer(text):
        lo, hi = max(0, g.start() - rule.back), min(n, g.end() + rule.fwd)
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
        while hi < n and not text[hi].isspace():
            hi += 1
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out
