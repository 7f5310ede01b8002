"""Quotes: who said what — content, cue, speaker (name, role, organisation).

requires: doc, entities   assigns: quotes
The reading itself lives in `sitroom.attribution`.
"""
from __future__ import annotations

from typing import Optional

from ..attribution.extract import extract
from ..model import Record


class Quotes:
    name = "quotes"
    requires = ("doc", "entities")
    assigns = ("quotes",)

    def __init__(self, stance: bool = False):
        self.stance = stance

    def __call__(self, record: Record) -> None:
        if record.doc is None:
            record.quotes = []
            return
        record.quotes = extract(record.doc, record.text, stance=self.stance)


def quote_index(record: Record, start: int, end: int) -> Optional[int]:
    """Index in `record.quotes` of the quote whose content contains [start, end), or None.

    When several do (a quote nested in another's content), the narrowest one wins.
    """
    best, width = None, None
    for i, q in enumerate(record.quotes):
        for p in q.parts or (q,):  # a loop, not any(): it runs per event over every quote of the report
            if p.start <= start and end <= p.end:
                w = q.end - q.start
                if width is None or w < width:
                    best, width = i, w
                break
    return best
