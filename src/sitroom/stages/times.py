"""Times: TIMEX3 recognition and normalisation anchored on the published date.

requires: doc, published   assigns: times

The rules and their normalisation live in `sitroom.temporal`; `event_date` is what the events
stage calls to date an event trigger.
"""
from __future__ import annotations

from ..model import EventDate, Record
from ..temporal import eventdate as _eventdate
from ..temporal import find_timexes

__all__ = ["Times", "event_date"]


class Times:
    name = "times"
    requires = ("doc", "published")
    assigns = ("times",)

    def __init__(self, day_first: bool = False):
        self.day_first = day_first

    def __call__(self, record: Record) -> None:
        record.times = find_timexes(record.text, record.published, record.doc,
                                    day_first=self.day_first)


def event_date(record: Record, start: int, end: int) -> EventDate:
    """The date of the event whose trigger is record.text[start:end] (see temporal.eventdate).

    Needs `record.times` (the times stage runs first) and uses `record.doc` when present.
    """
    return _eventdate.event_date(record, start, end)
