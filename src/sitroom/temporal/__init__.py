"""Temporal expressions: TIMEX3 recognition (rules.py, recognize.py), normalisation against an
anchor date (calendar.py, resolve.py), clause tense (tense.py) and event dating (eventdate.py)."""
from .recognize import find_timexes
from .eventdate import event_date

__all__ = ["find_timexes", "event_date"]
