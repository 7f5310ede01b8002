"""Turning recognised pieces (a month, a weekday, "last week") into TIMEX3 values, anchored
on the document's date and the tense of the clause. Without an anchor, values keep X's."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Optional

from . import calendar as cal
from .lexicon import NUMBER_WORDS, UNITS, VAGUE_NUMBERS
from .tense import FUTURE, PAST, PRESENT, tense_at


@dataclass
class Value:
    type: str
    value: str
    mod: Optional[str] = None
    span: Optional[tuple[int, int]] = None  # when narrower than the rule's whole match
    ref: Any = None  # a narrative.Ref: the value depends on a date mentioned earlier


class Context:
    """What normalisation needs from the document: anchor date, text, parse, and a cache."""

    def __init__(self, text: str, anchor: Optional[dt.date], doc: Any = None,
                 day_first: bool = False):
        self.text = text
        self.anchor = anchor
        self.doc = doc
        self.day_first = day_first  # numeric dates like 05/12/2016 read day first
        self._tense: dict[tuple[int, int], Optional[str]] = {}
        self.cache: dict[str, Any] = {}

    def tense(self, start: int, end: int) -> Optional[str]:
        key = (start, end)
        if key not in self._tense:
            self._tense[key] = tense_at(self.doc, start, end, self.text)
        return self._tense[key]

    # -- relative to the anchor -------------------------------------------------------------
    def day_offset(self, n: int) -> str:
        return cal.day(self.anchor + dt.timedelta(days=n)) if self.anchor else "XXXX-XX-XX"

    def weekday(self, wd: int, direction: int, allow_same: bool = True) -> str:
        if not self.anchor:
            return f"XXXX-WXX-{wd}"
        return cal.day(cal.shift_weekday(self.anchor, wd, direction, allow_same))

    def weekday_of_week(self, wd: int, weeks: int) -> str:
        """The weekday `wd` in the week `weeks` away from the anchor's week."""
        if not self.anchor:
            return f"XXXX-WXX-{wd}"
        monday = self.anchor - dt.timedelta(days=self.anchor.isoweekday() - 1)
        return cal.day(monday + dt.timedelta(weeks=weeks, days=wd - 1))

    def weekday_by_tense(self, wd: int, tense: Optional[str]) -> str:
        """A bare weekday: the coming one in plans (today's included: a report written on a
        Thursday about a trip "on Thursday" means that day), else the last one. A weekday in
        the present simple is a schedule ("the leaders meet Monday")."""
        if tense in (FUTURE, PRESENT):
            return self.weekday(wd, +1, allow_same=True)
        return self.weekday(wd, -1, allow_same=True)

    def unit_offset(self, unit: str, n: int) -> str:
        """The calendar unit (day, week, month, quarter, year, ...) n units from the anchor."""
        a = self.anchor
        if unit == "day":
            return self.day_offset(n)
        if unit in ("week", "weekend"):
            if not a:
                return "XXXX-WXX" + ("-WE" if unit == "weekend" else "")
            return cal.week(a + dt.timedelta(weeks=n)) + ("-WE" if unit == "weekend" else "")
        if unit == "month":
            return cal.month(*cal.add_months(a.year, a.month, n)) if a else "XXXX-XX"
        if unit == "quarter":
            if not a:
                return "XXXX-QX"
            y, q = cal.quarter_of(a)
            k = y * 4 + q - 1 + n
            return f"{k // 4:04d}-Q{k % 4 + 1}"
        if unit == "year":
            return f"{a.year + n:04d}" if a else "XXXX"
        if unit == "decade":
            return f"{(a.year // 10 + n):03d}" if a else "XXX"
        if unit == "century":
            return f"{(a.year // 100 + n):02d}" if a else "XX"
        return "XXXX-XX-XX"

    def month_year(self, m: int, tense: Optional[str], day: Optional[int] = None,
                   weekday: Optional[int] = None) -> Optional[int]:
        """The year of a month (and day) given without one: the nearest occurrence, unless the
        tense says otherwise ("Jan. 20" said in December of a plan is next January; "October"
        in a past-tense clause written in March is last October)."""
        a = self.anchor
        if not a:
            return None
        if day is None:
            ahead = m - a.month  # months from the anchor month, same year
            if ahead == 0:
                return a.year
            if tense == PAST:  # the parse often lends a plan the tense of "said": stay close
                return a.year if ahead < 3 else a.year - 1 if ahead > 0 else a.year
            if tense == FUTURE:
                return a.year if ahead > -2 else a.year + 1
            return a.year - 1 if ahead > 4 else a.year + 1 if ahead < -7 else a.year
        options = []
        for y in (a.year - 1, a.year, a.year + 1):
            try:
                options.append(dt.date(y, m, day))
            except ValueError:
                continue
        if not options:
            return None
        return self.nearest(options, tense, weekday).year

    def nearest(self, options: list[dt.date], tense: Optional[str],
                weekday: Optional[int] = None) -> dt.date:
        """The candidate date the tense and the anchor make most likely."""
        a = self.anchor
        if weekday is not None:
            fitting = [d for d in options if d.isoweekday() == weekday]
            if len(fitting) == 1:
                return fitting[0]
        def cost(d: dt.date) -> float:
            diff = (d - a).days
            if tense == PAST and diff > 0:
                return diff * 4  # a past event dated ahead: possible, but less likely
            if tense == FUTURE and diff < 0:
                return -diff * 4
            return diff * 1.5 if diff > 0 else -diff  # news reports look back more than ahead
        return min(options, key=cost)

    def reference_quarter(self) -> tuple[int, int]:
        """The quarter a news report means by "the quarter": the last one, in its first weeks."""
        a = self.anchor
        return cal.quarter_of(a - dt.timedelta(days=45))


_DIGITS = re.compile(r"^\d[\d,]*(?:\.\d+)?$")


def number(words: str) -> Optional[float]:
    """"two" -> 2, "twenty-five" -> 25, "1,000" -> 1000, "a few" -> None (vague)."""
    w = re.sub(r"\s+", " ", words.strip().lower())
    if _DIGITS.match(w):
        return float(w.replace(",", ""))
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w]
    m = re.match(r"^(\d+)\s+1/2$", w)
    if m:
        return int(m[1]) + 0.5
    if w.endswith(" and a half"):
        base = number(w[: -len(" and a half")])
        return base + 0.5 if base is not None else None
    m = re.match(r"^(.+?)\s+hundred$", w)
    if m and m[1] in NUMBER_WORDS:
        return NUMBER_WORDS[m[1]] * 100
    m = re.match(r"^(.+?)\s+thousand$", w)
    if m and m[1] in NUMBER_WORDS:
        return NUMBER_WORDS[m[1]] * 1000
    return None


def is_vague(words: str) -> bool:
    return re.sub(r"\s+", " ", words.strip().lower()) in VAGUE_NUMBERS


def unit_key(word: str) -> str:
    w = word.lower().rstrip(".")
    if w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith("s") and w[:-1] in UNITS:
        w = w[:-1]
    if w in ("hr", "hrs"):
        w = "hour"
    if w in ("min", "mins"):
        w = "minute"
    if w in ("yr", "yrs"):
        w = "year"
    return w


_YEARS = {"DE": 10, "CE": 100, "ML": 1000}


def duration(n: Optional[float], unit: str) -> str:
    """TIMEX3 duration value: P3Y, P2W, PT2H, P1DE; unknown count -> PXY."""
    letter, is_time = UNITS[unit]
    if n is not None and letter in ("DE", "CE", "ML") and n * _YEARS[letter] == int(n * _YEARS[letter]):
        return f"P{int(n * _YEARS[letter])}Y"  # "two decades" -> P20Y: plain ISO 8601 years
    if n is None:
        amount = "X"
    elif n != int(n):
        # a fraction goes into the next smaller unit: P1Y6M, PT5H30M, PT1M30S, P2DT12H
        if letter == "Y" and n * 2 == int(n * 2) and n > 1:
            return f"P{int(n)}Y6M"
        smaller = {"Y": (12, "M", False), "H": (60, "M", True), "D": (24, "H", True),
                   "W": (7, "D", False), "M": (60, "S", True) if is_time else (30, "D", False)}
        if letter in smaller:
            k, small, small_is_time = smaller[letter]
            whole, rest = int(n), round((n - int(n)) * k)
            if whole == 0:
                return f"PT{rest}{small}" if small_is_time else f"P{rest}{small}"
            if is_time:
                return f"PT{whole}{letter}{rest}{small}"
            if small_is_time:
                return f"P{whole}{letter}T{rest}{small}"
            if letter == "Y" or letter == "M":
                return f"P{whole}{letter}{rest}{small}"
            return f"P{int(n * k)}{small}"
        amount = str(n)
    else:
        amount = str(int(n))
    return f"PT{amount}{letter}" if is_time else f"P{amount}{letter}"


def year_from_words(words: str) -> Optional[int]:
    """"nineteen ninety-four" -> 1994, "two thousand and one" -> 2001."""
    w = re.sub(r"[\s-]+", " ", words.strip().lower())
    m = re.match(r"two thousand(?: and)?(?: (.+))?$", w)
    if m:
        rest = number(m[1]) if m[1] else 0
        return 2000 + int(rest) if rest is not None else None
    m = re.match(r"(nineteen|twenty) (?:hundred (?:and )?)?(?:oh )?(.+)$", w)
    if not m:
        return None
    n = number(m[2].replace(" ", "-")) if " " in m[2] else number(m[2])
    if n is None or n >= 100:
        return None
    return (19 if m[1] == "nineteen" else 20) * 100 + int(n)
