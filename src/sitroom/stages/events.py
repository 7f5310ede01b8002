"""Events: who did what to whom, where, when, how many — typed for ACLED and PLOVER.

requires: doc, entities, times, places, quotes   assigns: events
The coding itself lives in sitroom.coding (triggers, actors, counts, flags, attachment, incidents).
"""
from __future__ import annotations

import hashlib
from typing import Callable, Optional

from ..coding import attach
from ..coding.actors import Mention, to_actor
from ..coding.confidence import confidence, features
from ..coding.incidents import Coding, Incident, build, code, retype
from ..coding.typer import features as typer_features, typer
from ..model import Actor, Entity, Event, Record, Span

COUNT_FIELDS = ("fatalities", "injured", "displaced", "size")


def event_id(record_id: str, trigger_start: int, plover: str) -> str:
    return hashlib.sha1(f"{record_id}|{trigger_start}|{plover}".encode("utf-8")).hexdigest()[:16]


TYPER_MIN_PROB = 0.5  # below it the rules' type stands (tuned on the typer's training half)


class Events:
    name = "events"
    requires = ("doc", "entities", "times", "places", "quotes")
    assigns = ("events",)

    def __init__(self, trace: Optional[Callable[[Event, dict], None]] = None):
        self.trace = trace

    def __call__(self, record: Record) -> None:
        record.events = events_of(record, self.trace)


def _typed(inc: Incident) -> tuple[Coding, Optional[float]]:
    """The rules' coding, re-typed by the trained typer where it is confident; and the typer's probability."""
    c = code(inc)
    model = typer()
    if model is None or inc.political or inc.negated or inc.hypothetical or c.acled_type is None:
        return c, None
    sub, p = model.predict(typer_features(inc, c))
    if p >= TYPER_MIN_PROB:
        return retype(c, sub), p
    return c, p


def events_of(record: Record, trace: Optional[Callable[[Event, dict], None]] = None) -> list[Event]:
    """The record's events. `trace(event, info)` (for calibration and analysis) receives each event with
    the rule, the confidence bucket and the typer's probability that produced it."""
    doc = record.doc
    if doc is None:
        return []
    places = attach.usable_places(record)
    home = _home_country(places)
    sents = list(doc.sents)
    out: list[Event] = []
    for inc in build(doc):
        c, p = _typed(inc)
        ev, info = _event(record, inc, c, p, places, home, sents)
        if trace is not None:
            trace(ev, info)
        out.append(ev)
    return out


def _home_country(places) -> Optional[str]:
    dom = attach.dominant_place(places)
    return dom.country if dom else None


def _actor(record: Record, m: Optional[Mention], hint: Optional[str], home: Optional[str]) -> Optional[Actor]:
    if m is None:
        if hint is None:
            return None
        name = {"protesters": "Protesters", "rioters": "Rioters", "civilians": "Civilians",
                "state_forces": "Police"}[hint]
        from ..coding.actors import country_name
        if home:
            name = (f"Police Forces of {country_name(home)}" if hint == "state_forces"
                    else f"{name} ({country_name(home)})")
        return Actor(text="", name=name, type=hint, country=home)
    a = to_actor(m, record.text, home)
    if hint in ("protesters", "rioters") and a.type in ("civilians", "other", "protesters", "rioters", "government"):
        a.type = hint
    return a


def _event(record: Record, inc: Incident, c: Coding, p: Optional[float], places, home,
           sents) -> tuple[Event, dict]:
    trig = c.primary.trigger
    sent = c.primary.sent
    place, how = attach.place_for(record, trig.token, sent, places)
    country = place.country if place is not None and place.country else home
    actor1 = _actor(record, c.agent, c.agent_type_hint, country)
    actor2 = _actor(record, c.patient, c.patient_type_hint if c.patient is None and c.agent_type_hint != "rioters"
                    or c.patient is not None else None, country)
    if actor2 is not None and actor1 is not None and actor2.name == actor1.name and actor2.start == actor1.start:
        actor2 = None
    evidence = [Span(sents[n].start_char, sents[n].end_char) for n in inc.sent_nos]
    date = attach.date_for(record, trig.start, trig.end)
    rule, detail = features(c.rule, actor1 is not None, how, len(inc.items), inc.political, p)
    counts = dict(c.counts)
    ev = Event(
        id=event_id(record.id, trig.start, c.plover),
        plover=c.plover, mode=c.mode,
        acled_event_type=c.acled_type, acled_sub_event_type=c.acled_sub,
        actor1=actor1, actor2=actor2, place=place, date=date,
        negated=inc.negated, hypothetical=inc.hypothetical,
        evidence=evidence, attribution=attach.quote_for(record, trig.start, trig.end),
        confidence=round(confidence(rule, detail), 3),
        trigger=Entity(trig.start, trig.end, record.text[trig.start:trig.end], trig.token.lemma_.lower()),
        counts=counts,
    )
    for f in COUNT_FIELDS:
        if f in counts and counts[f].best is not None:
            setattr(ev, f, counts[f].best)
    return ev, {"rule": rule, "detail": detail, "typer_prob": p, "place_how": how}
