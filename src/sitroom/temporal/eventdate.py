"""The date of an event: the time expression that governs the trigger's clause, else the
nearest date in its sentence, else the dateline, else the publication date."""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from ..docmemo import memo
from ..model import EventDate, Record, TimeX
from . import calendar as cal

_DATELINE_END = re.compile(r"\(\s*[A-Za-z][\w .&-]{0,30}\)\s*[-\u2013\u2014]+|\s[-\u2013\u2014]{1,2}\s")
_UNKNOWN = "XXXX-XX-XX"


def _concrete(t: TimeX) -> bool:
    return t.type in ("DATE", "TIME") and cal.value_range(t.value) is not None


def _from_timex(t: TimeX, source: str) -> EventDate:
    first, last, precision = cal.value_range(t.value)
    return EventDate(value=t.value, start=first.isoformat(), end=last.isoformat(),
                     precision=precision, source=source)


def dateline_timex(record: Record) -> Optional[TimeX]:
    """A date in the dateline ("ALEPPO, Syria, Dec. 7 (Reuters) -") if the text opens with one."""
    head = record.text[:160]
    m = _DATELINE_END.search(head)
    if not m:
        return None
    for t in record.times:
        if t.end <= m.start() + 1 and _concrete(t):
            return t
    return None


def _governs(trigger, root) -> bool:
    """Whether the timex whose root token is `root` modifies the trigger's clause."""
    # spaCy makes a new Token object on every access: compare positions, never identity
    clause = _clause_of(trigger)
    t = root
    for _ in range(10):
        if t.i in (trigger.i, clause.i):
            return True
        if t.head.i == t.i:
            return False
        if t.i != root.i and t.pos_ in ("VERB", "AUX") and t.dep_ != "aux":
            return False  # reached another clause's verb first
        t = t.head
    return False


_OFFSET = re.compile(r"^P(\d+)([DW])$")
_OFFSET_MARKERS = {"after": -1, "before": 1}


def _clause_of(trigger):
    clause = trigger
    for _ in range(6):
        if clause.pos_ in ("VERB", "AUX") or clause.head.i == clause.i:
            break
        clause = clause.head
    return clause


def _offset_date(record: Record, doc, trigger, times, line, sent_lo: int, sent_hi: int) -> Optional[EventDate]:
    """An event told as a span of days before or after another clause's time ('were pulling bodies on
    Monday, two days after a truck blew up', 'two days after the bombing'): that time minus (or plus)
    the span, not the time of the clause it hangs on."""
    clause = _clause_of(trigger)
    marker = None
    if trigger.dep_ == "pobj" and trigger.head.lower_ in _OFFSET_MARKERS:
        marker, anchor = trigger.head, trigger.head.head
    else:
        for c in clause.children:
            if c.dep_ == "mark" and c.lower_ in _OFFSET_MARKERS:
                marker, anchor = c, clause.head
                break
    if marker is None or anchor.i == marker.i:
        return None
    span_days = None
    # the parser hangs the span ('two days') on the marker or on the clause's verb
    near = list(marker.children) + (list(clause.children) if marker.dep_ == "mark" else [])
    for c in near:
        if c.dep_ != "npadvmod" or not (c.i < marker.i):
            continue
        lo, hi = c.left_edge.idx, c.right_edge.idx + len(c.right_edge)
        for t in record.times:
            m = _OFFSET.match(t.value or "") if t.type == "DURATION" else None
            if m and lo <= t.start < hi:
                span_days = int(m[1]) * (7 if m[2] == "W" else 1)
    if span_days is None:
        return None
    base = None
    for t in times:
        if t is line or not (sent_lo <= t.start and t.end <= sent_hi):
            continue
        tspan = doc.char_span(t.start, t.end, alignment_mode="expand")
        if tspan is not None and _governs(anchor, tspan.root):
            base = t
            break
    if base is None and (anchor.tag_ in ("VBP", "VBZ") or any(
            a.dep_ == "aux" and a.tag_ in ("VBP", "VBZ") for a in anchor.children)):
        # told in the present: the report's own day
        first = cal.value_range(line.value)[0] if line is not None else cal.parse_anchor(record.published)
        if first is None:
            return None
    elif base is None:
        return None
    else:
        first, _, precision = cal.value_range(base.value)
        if precision != "day":
            return None
    when = first + dt.timedelta(days=_OFFSET_MARKERS[marker.lower_] * span_days)
    return EventDate(value=when.isoformat(), start=when.isoformat(), end=when.isoformat(),
                     precision="day", source="timex")


def event_date(record: Record, start: int, end: int) -> EventDate:
    """Date of the event whose trigger is text[start:end], with where it came from."""
    times = [t for t in record.times if _concrete(t)]
    line = dateline_timex(record)
    doc = record.doc
    sent_lo, sent_hi = 0, len(record.text)
    if doc is not None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            sent = memo(doc).sent(span.start)
            sent_lo, sent_hi = sent.start_char, sent.end_char
            trigger = span.root
            shifted = _offset_date(record, doc, trigger, times, line, sent_lo, sent_hi)
            if shifted is not None:
                return shifted
            for t in times:
                # the parser often hangs the dateline's date on the lead's verb: it dates the
                # report, not the event, and is only the fallback below
                if t is line or not (sent_lo <= t.start and t.end <= sent_hi):
                    continue
                tspan = doc.char_span(t.start, t.end, alignment_mode="expand")
                if tspan is not None and _governs(trigger, tspan.root):
                    return _from_timex(t, "timex")
    else:
        lo = max(record.text.rfind(". ", 0, start), record.text.rfind("\n", 0, start))
        hi = min([i for i in (record.text.find(". ", end), record.text.find("\n", end)) if i >= 0]
                 or [len(record.text)])
        sent_lo, sent_hi = lo + 1, hi + 1
    same = [t for t in times if sent_lo <= t.start and t.end <= sent_hi and t.type == "DATE"]
    if same:
        best = min(same, key=lambda t: min(abs(t.start - end), abs(start - t.end)))
        return _from_timex(best, "timex")
    if line is not None:
        return _from_timex(line, "dateline")
    anchor = cal.parse_anchor(record.published)
    if anchor is not None:
        # reported news: the event happened on the publication day or in the days before it
        return EventDate(value=anchor.isoformat(),
                         start=(anchor - dt.timedelta(days=6)).isoformat(),
                         end=anchor.isoformat(), precision="week", source="published")
    return EventDate(value=_UNKNOWN, start=None, end=None, precision=None, source=None)
