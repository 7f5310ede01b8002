"""Places: toponyms found in the text and resolved to GeoNames places (offline gazetteer).

requires: doc, entities   assigns: places
Recognition and resolution live in sitroom.gazetteer; this module only wires them together.
"""
from __future__ import annotations

from functools import lru_cache

from ..model import Record


@lru_cache(maxsize=1)
def _parser():
    from ..gazetteer import load
    from ..gazetteer.recognise import Recogniser
    from ..gazetteer.resolve import Resolver

    g = load()
    return Recogniser(g), Resolver(g)


class Places:
    name = "places"
    requires = ("doc", "entities")
    assigns = ("places",)

    def __call__(self, record: Record) -> None:
        if record.doc is None or not record.text:
            record.places = []
            return
        recognise, resolve = _parser()
        mentions = recognise(record.text, record.doc)
        record.places = resolve(record.text, mentions)
