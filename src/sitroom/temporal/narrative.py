"""Expressions anchored on a date the narrative has set rather than on the publication date:
"that year", "the following month", "earlier that day", "the previous Friday", "the next
morning", and a clock time whose day is named elsewhere in its sentence ("at 10:35 a.m.
(0735 GMT) Friday"). Resolved after all other expressions, in document order, against the
latest earlier date precise enough to serve."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

from ..model import TimeX
from . import calendar as cal

_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_MONTH = re.compile(r"^(\d{4})-(\d\d)(?!\d)")
_YEAR = re.compile(r"^(\d{4})(?![\d])")


@dataclass
class Ref:
    """How to read a value off the reference date: the calendar `unit` ("year", "month",
    "day", "weekday", "clock") moved by `offset`; `weekday` (ISO) for "the previous Friday";
    `suffix` appended to a day ("TMO", "T10:35")."""
    unit: str
    offset: int = 0
    weekday: Optional[int] = None
    suffix: str = ""


def _reference(times: list[TimeX], i: int, unit: str) -> Optional[dt.date]:
    """The latest date before times[i] precise enough for `unit`."""
    need = _DAY if unit in ("day", "weekday", "clock") else _MONTH if unit == "month" else _YEAR
    for t in reversed(times[:i]):
        if t.type not in ("DATE", "TIME"):
            continue
        m = need.match(t.value)
        if not m:
            continue
        y = int(m[1])
        mo = int(m[2]) if m.re is not _YEAR else 1
        d = int(m[3]) if m.re is _DAY else 1
        return cal.valid_day(y, mo, d)
    return None


_SENT_END = re.compile(r"(?<![ap]\.m)(?<!\b[A-Z])[.!?][\"')]*\s+(?=[\"'(]*[A-Z])|\n")


def _sentence(text: str, doc, start: int, end: int) -> tuple[int, int]:
    if doc is not None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            return span.sent.start_char, span.sent.end_char
    lo = 0
    for m in _SENT_END.finditer(text, max(0, start - 400), start):
        lo = m.end()
    m = _SENT_END.search(text, end)
    return lo, m.start() if m else len(text)


def _same_sentence_day(text: str, doc, times: list[TimeX], i: int,
                       clocks: set[int]) -> Optional[dt.date]:
    """A day-precise date in the same sentence as times[i], nearest first (other clock times
    without a day of their own do not count)."""
    t = times[i]
    lo, hi = _sentence(text, doc, t.start, t.end)
    near = sorted((abs(o.start - t.start), j) for j, o in enumerate(times)
                  if j != i and j not in clocks and lo <= o.start and o.end <= hi + 1 and o.type in ("DATE", "TIME"))
    for _, j in near:
        m = _DAY.match(times[j].value)
        if m:
            return cal.valid_day(int(m[1]), int(m[2]), int(m[3]))
    return None


def value_from(ref: Ref, date: dt.date) -> str:
    if ref.unit == "year":
        return f"{date.year + ref.offset:04d}"
    if ref.unit == "month":
        return cal.month(*cal.add_months(date.year, date.month, ref.offset))
    if ref.unit == "weekday":
        return cal.day(cal.shift_weekday(date, ref.weekday, ref.offset, allow_same=False))
    return cal.day(date + dt.timedelta(days=ref.offset)) + ref.suffix


def resolve(text: str, times: list[TimeX], refs: dict[int, Ref], doc=None) -> None:
    """Set the value of times[i] for every i in `refs` (times in document order); a value
    without a usable reference keeps what the rule gave it."""
    clocks = {i for i, r in refs.items() if r.unit == "clock"}
    for i in sorted(refs):
        ref = refs[i]
        if ref.unit == "clock":
            date = _same_sentence_day(text, doc, times, i, clocks)
        else:
            date = _reference(times, i, ref.unit)
        if date is not None:
            times[i].value = value_from(ref, date)
