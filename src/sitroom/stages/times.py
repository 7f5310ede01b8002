"""Times: TIMEX3 recognition and normalisation anchored on the published date.

requires: doc, published   assigns: times

The rules and their normalisation live in `sitroom.temporal`; `event_date` is what the events
stage calls to date an event trigger.
"""
from __future__ import annotations

from urllib.parse import urlparse

from ..model import EventDate, Record
from ..temporal import eventdate as _eventdate
from ..temporal import find_timexes

__all__ = ["Times", "event_date"]


class Times:
    name = "times"
    requires = ("doc", "published")
    assigns = ("times",)

    def __init__(self, day_first: bool | None = None):
        self.day_first = day_first  # None: decided per record from the outlet's locale

    def __call__(self, record: Record) -> None:
        day_first = self.day_first if self.day_first is not None else outlet_day_first(record)
        record.times = find_timexes(record.text, record.published, record.doc, day_first=day_first)


# Countries whose press writes numeric dates month first; every other country-code domain
# (.uk, .au, .in, .sy, .fr ...) writes them day first. Generic domains (.com, .org) keep the
# month-first reading, which the rules still override when the first number exceeds 12.
_MONTH_FIRST_TLDS = {"us", "ph", "fm", "mh", "pw", "bz"}


def outlet_day_first(record: Record) -> bool:
    """Whether the outlet writes 05/12/2016 for 5 December, judged from its web domain."""
    host = urlparse(record.url or "").hostname or ""
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    return len(tld) == 2 and tld not in _MONTH_FIRST_TLDS


def event_date(record: Record, start: int, end: int) -> EventDate:
    """The date of the event whose trigger is record.text[start:end] (see temporal.eventdate).

    Needs `record.times` (the times stage runs first) and uses `record.doc` when present.
    """
    return _eventdate.event_date(record, start, end)
