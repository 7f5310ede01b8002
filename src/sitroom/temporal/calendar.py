"""Date arithmetic and TIMEX3 value strings: build values from dates, and read a value back as
a range of days (for event dates)."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Optional

from .lexicon import SEASON_ORDER

Date = dt.date


def parse_anchor(published: Optional[str]) -> Optional[Date]:
    if not published:
        return None
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", published)
    if not m:
        return None
    try:
        return Date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def day(d: Date) -> str:
    return d.isoformat()


def month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def week(d: Date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def quarter_of(d: Date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def season_of(d: Date) -> tuple[int, str]:
    """Meteorological seasons; December belongs to the next year's winter (TIMEX3 YYYY-WI)."""
    if d.month == 12:
        return d.year + 1, "WI"
    return d.year, ("WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA")[d.month - 1]


def valid_day(y: int, m: int, dd: int) -> Optional[Date]:
    try:
        return Date(y, m, dd)
    except ValueError:
        return None


def shift_weekday(anchor: Date, weekday: int, direction: int, allow_same: bool) -> Date:
    """The `weekday` (ISO 1-7) before (direction -1) or after (+1) `anchor`."""
    diff = (weekday - anchor.isoweekday()) % 7
    if direction > 0:
        if diff == 0 and not allow_same:
            diff = 7
        return anchor + dt.timedelta(days=diff)
    back = (anchor.isoweekday() - weekday) % 7
    if back == 0 and not allow_same:
        back = 7
    return anchor - dt.timedelta(days=back)


def season_year(anchor: Date, season: str, direction: int) -> int:
    """The year of the last (-1), next (+1) or current (0) `season` relative to anchor."""
    y, cur = season_of(anchor)
    a, b = SEASON_ORDER[season], SEASON_ORDER[cur]
    if direction < 0:
        return y if a < b else y - 1
    if direction > 0:
        return y if a > b else y + 1
    return y


_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_WEEK = re.compile(r"^(\d{4})-W(\d\d)")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")


@lru_cache(maxsize=4096)  # asked for every timex of a document once per event
def value_range(value: str) -> Optional[tuple[Date, Date, str]]:
    """(first day, last day, precision) of a concrete TIMEX3 date value, else None."""
    if not value:
        return None
    m = _DAY.match(value)
    if m:
        d = valid_day(int(m[1]), int(m[2]), int(m[3]))
        return (d, d, "day") if d else None
    m = _WEEK.match(value)
    if m:
        try:
            start = Date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            return None
        return start, start + dt.timedelta(days=6), "week"
    m = _MONTH.match(value)
    if m and 1 <= int(m[2]) <= 12:
        y, mo = int(m[1]), int(m[2])
        ny, nm = add_months(y, mo, 1)
        return Date(y, mo, 1), Date(ny, nm, 1) - dt.timedelta(days=1), "month"
    for rx, months in ((_QUARTER, 3), (_HALF, 6)):
        m = rx.match(value)
        if m:
            y, k = int(m[1]), int(m[2])
            first = (k - 1) * months + 1
            ny, nm = add_months(y, first, months)
            return Date(y, first, 1), Date(ny, nm, 1) - dt.timedelta(days=1), "month"
    m = _SEASON.match(value)
    if m:
        y = int(m[1])
        start = {"WI": Date(y - 1, 12, 1), "SP": Date(y, 3, 1), "SU": Date(y, 6, 1),
                 "FA": Date(y, 9, 1)}[m[2]]
        ey, em = add_months(start.year, start.month, 3)
        return start, Date(ey, em, 1) - dt.timedelta(days=1), "month"
    m = _YEAR.match(value)
    if m:
        y = int(m[1])
        return Date(y, 1, 1), Date(y, 12, 31), "year"
    m = _DECADE.match(value)
    if m:
        y = int(m[1]) * 10
        return Date(max(y, 1), 1, 1), Date(y + 9, 12, 31), "year"
    m = _CENTURY.match(value)
    if m:
        y = int(m[1]) * 100
        return Date(max(y, 1), 1, 1), Date(y + 99, 12, 31), "year"
    return None
