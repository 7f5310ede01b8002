"""Events: who did what to whom, where, when, how many — typed for ACLED and PLOVER.

requires: doc, entities, times, places, quotes   assigns: events
The coding itself lives in sitroom.coding (triggers, actors, counts, flags, attachment, incidents).
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace
from itertools import product
from typing import Callable, Optional

from ..coding import attach, sites
from ..coding.actors import COMMUNAL_WORDS, NON_STATE, Mention, claimant, country_name, party_names, to_actor
from ..coding.confidence import confidence, features
from ..coding.incidents import (Coding, Incident, build, code, crowd_control, exchange_of_fire, goes_both_ways,
                                police_arrested, retype)
from ..coding.lexicon import ACLED_SUB_TO_TYPE
from ..coding.typer import actor_features, features as typer_features, typer
from ..docmemo import memo
from ..model import Actor, Entity, Event, Record, Span
from ..temporal.calendar import parse_anchor, value_range

COUNT_FIELDS = ("fatalities", "injured", "displaced", "size")


def event_id(record_id: str, trigger_start: int, plover: str, part: str = "") -> str:
    """Stable across runs; `part` tells apart the events of one incident told of several places or days."""
    key = f"{record_id}|{trigger_start}|{plover}" + (f"|{part}" if part else "")
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


QUOTE_MARKS = "\"“”«»"


def evidence_span(text: str, start: int, end: int) -> Span:
    """The sentence without surrounding whitespace and without a quote mark that belongs to a neighbour:
    a closing mark (followed by a space) at its start, an opening mark (after a space) at its end."""
    def strip(a, b):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        return a, b

    a, b = strip(start, end)
    while b - a > 1 and text[a] in QUOTE_MARKS and text[a] != "“" and text[a + 1].isspace():
        a, b = strip(a + 1, b)
    while b - a > 1 and text[b - 1] in QUOTE_MARKS and text[b - 1] != "”" and text[b - 2].isspace():
        a, b = strip(a, b - 1)
    return Span(a, b)


# below it the rules' type stands. No per-type thresholds fitted on the typer's training notes: the
# rules were tuned on those very notes' errors, so thresholds fitted there over-protect them
TYPER_MIN_PROB = 0.5
# taking an incident out of an event type the rules read from explicit words needs more: the weapon
# (ACLED types remote violence by it, whoever it hits), a crowd's own violence, a non-violent act
TYPER_CROSS_PROB = 0.8
EXPLICIT_TYPES = {"Explosions/Remote violence", "Riots", "Strategic developments"}


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
    if _defies_report(inc, c, sub):
        return c, p
    leaves = c.acled_type in EXPLICIT_TYPES and ACLED_SUB_TO_TYPE.get(sub) != c.acled_type
    if p >= (TYPER_CROSS_PROB if leaves else TYPER_MIN_PROB):
        return retype(c, sub), p
    return c, p


TERRITORY_TAKEN = {"Government regains territory", "Non-state actor overtakes territory"}


def _defies_report(inc: Incident, c: Coding, sub: str) -> bool:
    """The typer's sub-event type contradicts what the report says of a demonstration: police firing tear gas
    or rubber bullets at a crowd meet a demonstration (mob violence has none), and a protest where the police
    detain people or use such weapons, or that the rules read as met by the state's intervention or force
    (the police dispersed, blocked or charged it), is not a peaceful one. A fight the report says armed men
    fought ('two armed families clashed', 'exchanged gunfire') is no mob violence, an armed group detaining
    people makes no arrest (its words read like the police's, the actor differs), and a fight in which the
    report says a place was taken is no mere armed clash."""
    if sub == "Mob violence" and (_armed_party(inc) or exchange_of_fire(inc)):
        return True
    if sub == "Arrests" and c.agent is not None and c.agent.type in NON_STATE:
        return True
    if sub == "Armed clash" and c.acled_sub in TERRITORY_TAKEN:
        return True  # the report tells the place taken: the fight is typed by it
    if c.plover != "PROTEST":
        return False
    if sub == "Mob violence":
        return crowd_control(inc)
    if sub == "Peaceful protest":
        return c.acled_sub in STATE_INTERVENES or crowd_control(inc) or police_arrested(inc)
    return False


def _armed_party(inc: Incident) -> bool:
    """A side of the incident is called armed ('armed families', 'armed men')."""
    m = memo(inc.items[0].sent.doc)
    return any(t.lower_ == "armed" and t.dep_ == "amod" for n in inc.sent_nos for t in m.sents[n])


def events_of(record: Record, trace: Optional[Callable[[Event, dict], None]] = None) -> list[Event]:
    """The record's events. `trace(event, info)` (for calibration and analysis) receives each event with
    the rule, the confidence bucket and the typer's probability that produced it."""
    doc = record.doc
    if doc is None:
        return []
    places = attach.usable_places(record)
    home = _home_country(places)
    # the countries of the report's finer places (the same for every event)
    local = frozenset(p.country for p in places if p.country and p.feature != "country")
    sents = memo(doc).sents
    out: list[Event] = []
    quotes = [(q.start, q.end) for q in record.quotes if q.kind == "direct"]
    told = []
    for inc in build(doc, quotes):
        c, p = _typed(inc)
        ev, info = _event(record, inc, c, p, places, home, local, sents)
        past = not inc.political and _told_of_the_past(record, inc, ev, sents)
        told.append((past, inc.political, inc, c, ev, info))
    current = any(not past and not political for past, political, _, _, _, _ in told)
    for past, _, inc, c, ev, info in told:
        if past and current:
            continue  # 'protested today ... after he was attacked in May 2018': history told as context
        for part in _per_site(record, ev, c.primary.sent, c.primary.trigger.token, places,
                              _place_sentence(inc, c, ev, sents)):
            part.place = attach.at_seat(part.place, record, c.primary.sent)
            if trace is not None:
                trace(part, info)
            out.append(part)
    return out


HISTORY_DAYS = 60


def _long_before(last_day: Optional[dt.date], published: Optional[str]) -> bool:
    """A day two months or more before the report."""
    anchor = parse_anchor(published)
    return last_day is not None and anchor is not None and (anchor - last_day).days > HISTORY_DAYS


def _told_of_the_past(record: Record, inc: Incident, ev: Event, sents) -> bool:
    """An act the text dates two months or more before the report, in sentences that name no day near it
    ('he was attacked in May 2018'; not 'entered the city on Tuesday, for the first time since it fell in 2014')."""
    if ev.date is None or ev.date.source != "timex" or not ev.date.end \
            or not _long_before(dt.date.fromisoformat(ev.date.end[:10]), record.published):
        return False
    spans = [(sents[n].start_char, sents[n].end_char) for n in inc.sent_nos]
    for t in record.times:
        days = value_range(t.value) if t.type in ("DATE", "TIME") else None
        if days and any(lo <= t.start < hi for lo, hi in spans) and not _long_before(days[1], record.published):
            return False
    return True


def _place_sentence(inc: Incident, c: Coding, ev: Event, sents):
    """The sentence of the incident (or one within it; whole, see sites.whole_sentence) that names the event's
    place, where a list of its places is told ('Protests were held in A, B and C. Protesters also clashed with
    the police.'); else the trigger's."""
    if ev.place is not None:
        for n in range(inc.sent_nos[0], inc.sent_nos[-1] + 1):
            sent = sites.whole_sentence(sents[n])
            if sent.start_char <= ev.place.start < sent.end_char:
                return sent
    return sites.whole_sentence(c.primary.sent)


def _per_site(record: Record, ev: Event, sent, trigger, places, place_sent=None) -> list[Event]:
    """ACLED's events for one incident: one per distinct place and day the report tells it of, the counts
    shared among them (see coding/sites.py); the first keeps the incident's id. The places are listed in
    `place_sent` (the trigger's sentence unless told), the days in the trigger's."""
    if ev.negated or ev.hypothetical or ev.acled_event_type is None:
        return [ev]
    sent = sites.whole_sentence(sent)
    place_sent = sent if place_sent is None else place_sent
    where = sites.place_list(record, ev.place, place_sent, trigger.idx + len(trigger.text), places) or [ev.place]
    when = sites.told_days(record, ev.date, sent) or [ev.date]
    n = len(where) * len(when)
    if n == 1:
        return [ev]
    figures = sites.per_place_figures(record.text, where, place_sent.start_char) if len(when) == 1 else []
    shares = sites.shared_counts(ev.counts, n, figures)
    out = []
    for i, ((place, date), counts) in enumerate(zip(product(where, when), shares)):
        part = ev if i == 0 else replace(ev, id=event_id(record.id, ev.trigger.start, ev.plover,
                                                         f"{place.start if place else None}|{date.value}"))
        part = replace(part, place=place, date=date, counts=counts, evidence=list(ev.evidence))
        for f in COUNT_FIELDS:
            setattr(part, f, counts[f].best if f in counts else None)
        out.append(part)
    return out


def _home_country(places) -> Optional[str]:
    dom = attach.dominant_place(places)
    return dom.country if dom else None


# sub-event types whose perpetrator, when the report names none, ACLED codes as an unidentified armed group
UNNAMED_PERPETRATOR = {"Attack", "Abduction/forced disappearance", "Sexual violence", "Remote explosive/landmine/IED",
                       "Grenade", "Suicide bomb"}
HINT_NAMES = {"protesters": "Protesters", "rioters": "Rioters", "civilians": "Civilians", "state_forces": "Police",
              "political_militia": "Unidentified Armed Group"}


CLAIMABLE = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
UNARMED = {"civilians", "protesters", "rioters"}
STATE_INTERVENES = {"Protest with intervention", "Excessive force against protesters"}


def _party_militia(agent: Optional[Mention], patient: Optional[Mention], event_type: Optional[str]):
    """A party's men who attack, bomb or fight are its militia (ACLED's political militia), and so are both sides
    of a battle; the party's people attacked are civilians."""
    def militia(m):
        if m is not None and m.name in party_names():
            return replace(m, type="political_militia")
        return m

    return militia(agent), militia(patient) if event_type == "Battles" else patient


def _armed_roles(agent: Optional[Mention], patient: Optional[Mention]):
    """Violence is done by armed actors: a government that fights is its military, and civilians named
    as the subject ('rescue workers said the shells ...', 'a man was found dead') are victims or sources."""
    def forces(m):
        if m is not None and m.type == "government":
            return replace(m, type="state_forces", name="Military")
        return m

    agent, patient = forces(agent), forces(patient)
    if agent is not None and agent.type == "civilians":
        agent, patient = None, (patient if patient is not None else agent)
    return agent, patient


RESPONSIBILITY_WORDS = {"claim", "responsibility", "blame", "attribute", "suspect", "perpetrator", "behind"}


def _about_responsibility(m, sent) -> bool:
    """The sentence is about who carried out an attack: 'No group has claimed responsibility', 'Officials
    blamed al-Shabaab'."""
    return bool(RESPONSIBILITY_WORDS & set(m.lemmas[sent.start:sent.end]))


def _claimed_by(inc: Incident, sents, patient: Optional[Mention]) -> Optional[Mention]:
    """A perpetrator named in the incident's sentences or the next two of its paragraph ('Al Shabaab
    claimed responsibility')."""
    last = inc.sent_nos[-1]
    pool = [sents[n] for n in inc.sent_nos]
    doc_memo = memo(sents[0].doc)
    paragraph = doc_memo.paragraph_no
    for n in range(last + 1, min(last + 3, len(sents))):
        # a paragraph of its own may tell who is to blame: it still speaks of the attack before it
        if paragraph[n] != paragraph[n - 1] and not (paragraph[n - 1] == paragraph[last]
                                                      and _about_responsibility(doc_memo, sents[n])):
            break
        pool.append(sents[n])
    m = claimant(pool)
    if m is None or (patient is not None and m.name == patient.name):
        return None
    return m


OFFICIALS = {"official", "officials", "security officials", "local officials"}
CROWD_MEMBERS = {"civilians", "other", "protesters", "rioters", "government"}


def _actor(record: Record, m: Optional[Mention], hint: Optional[str], home: Optional[str],
           local: frozenset = frozenset()) -> Optional[Actor]:
    if m is None:
        if hint is None:
            return None
        name = HINT_NAMES[hint]
        if home:
            name = (f"Police Forces of {country_name(home)}" if hint == "state_forces"
                    else f"{name} ({country_name(home)})")
        return Actor(text="", name=name, type=hint, country=home)
    a = to_actor(m, record.text, home, local)
    if hint in ("protesters", "rioters") and (a.type in CROWD_MEMBERS or _crowd_of_militia(m)):
        # 'people', 'crowds': the demonstrators; protesters who riot are rioters
        if a.type == "civilians" and m.name == "Civilians" or a.type == "protesters" and m.name == "Protesters" \
                or m.name == "Unidentified Armed Group":
            a.name = to_actor(replace(m, name=HINT_NAMES[hint]), record.text, home, local).name
        a.type = hint
    return a


def _crowd_of_militia(m: Mention) -> bool:
    """Unidentified attackers or a party's men in a riot or demonstration: ACLED codes them as rioters or
    protesters (the party only as the associated actor); an armed group proper keeps its own type."""
    return m.type == "political_militia" and (m.name == "Unidentified Armed Group" or m.name in party_names())


# the actor an interaction code stands for when the report names none (the actor head of the typer)
CODE_ACTORS = {1: ("state_forces", "Military Forces"), 2: ("rebels", "Rebels"),
               3: ("political_militia", "Unidentified Armed Group"), 4: ("identity_militia", "Communal Militia"),
               5: ("rioters", "Rioters"), 6: ("protesters", "Protesters"), 7: ("civilians", "Civilians"),
               8: ("external_forces", "External Forces")}
CODE_OF_TYPE = {t: code for code, (t, _) in CODE_ACTORS.items()} | {"government": 1, "igo": 8, "other": 8}
ACTOR_MIN_PROB = 0.5


def _unnamed_actors(inc: Incident, c: Coding, country: Optional[str], actor1: Optional[Actor],
                    actor2: Optional[Actor]) -> tuple[Optional[Actor], Optional[Actor]]:
    """Empty actor slots filled with the kinds of actor the trained actor head finds likely for such an
    incident in that country (ACLED codes an unnamed side too: 'clashes near the frontline' are fought by
    two armed sides, an unclaimed bombing by an unidentified armed group)."""
    model = typer()
    probs = model.actor_probs(actor_features(inc, c, country)) if model is not None else None
    if not probs:
        return actor1, actor2

    have = {CODE_OF_TYPE.get(a.type) for a in (actor1, actor2) if a is not None}
    for code, p in sorted(probs.items(), key=lambda kv: -kv[1]):
        if actor1 is not None and actor2 is not None:
            break
        if p < ACTOR_MIN_PROB and actor1 is not None:
            break  # every ACLED event has a first actor; a second one only where it is likely
        if code in have:
            continue
        if actor1 is None and _may_do(c, CODE_ACTORS[code][0]):
            actor1 = _coded_actor(code, country)
        elif actor2 is None:
            actor2 = _coded_actor(code, country)
        else:
            continue
        have.add(code)
    if actor2 is None and actor1 is not None and c.acled_type == "Battles":
        # a battle has two armed sides; the likeliest kind for the unnamed one may be the named side's own
        # (rival gangs in a shoot-out, two clans, two factions of one army)
        armed = {code: p for code, p in probs.items() if CODE_ACTORS[code][0] not in UNARMED}
        code = max(armed, key=armed.get)
        actor2 = _coded_actor(code, country)
        if _own_opponent(actor1, actor2):
            actor2 = _coded_actor(code, None)  # another army than the named one: of a country the report omits
    return actor1, actor2


# the only kinds of actor that carry out air or drone strikes a report leaves unattributed
AIR_FORCES = {"state_forces", "external_forces"}


def _may_do(c: Coding, kind: str) -> bool:
    """An unnamed actor of that kind may be the event's first actor: unarmed people are the victims of violence,
    not its doers, and aircraft are flown by armies."""
    if c.acled_sub == "Air/drone strike":
        return kind in AIR_FORCES
    return not (c.acled_type in CLAIMABLE and kind in UNARMED)


# kinds of actor whose unnamed members may face each other under one name (rival gangs, two rebel factions,
# two clans, two crowds); a state's forces are no opponent of their own
SELF_OPPOSED = UNARMED | {"rebels", "political_militia", "identity_militia"}


# the words of a fight among local people (clans, castes, villagers, a land dispute): ACLED codes its unnamed
# sides as communal militias, not as an armed group or the army ('village' and 'community' also name places)
FEUD_WORDS = COMMUNAL_WORDS - {"village", "community"} | {"villagers", "castes"}


def _communal_feud(inc: Incident, sents) -> bool:
    doc_memo = memo(sents[0].doc)
    words = {w for n in inc.sent_nos for w in doc_memo.lowers[sents[n].start:sents[n].end]}
    return bool(words & FEUD_WORDS) or {"land", "dispute"} <= words


def _own_opponent(actor1: Optional[Actor], actor2: Optional[Actor]) -> bool:
    return actor1 is not None and actor2 is not None and actor2.name == actor1.name \
        and actor1.type not in SELF_OPPOSED


def _mutual(c: Coding) -> bool:
    """The fight goes both ways: 'two groups clashed', 'attacked each other'."""
    return c.rule == "mob_clash" or c.primary.trigger.token.lemma_.lower() == "clash" \
        or goes_both_ways(c.primary.sent)


def _coded_actor(code: int, country: Optional[str]) -> Actor:
    typ, name = CODE_ACTORS[code]
    if country and code == 1:
        name = f"Military Forces of {country_name(country)}"
    elif country and code != 8:
        name = f"{name} ({country_name(country)})"
    return Actor(text="", name=name, type=typ, country=None if code == 8 else country)


def _event(record: Record, inc: Incident, c: Coding, p: Optional[float], places, home, local: frozenset,
           sents) -> tuple[Event, dict]:
    trig = c.primary.trigger
    sent = c.primary.sent
    place, how = attach.place_for(record, trig.token, sent, places)
    country = place.country if place is not None and place.country else home
    agent, patient, a_hint = c.agent, c.patient, c.agent_type_hint
    if (agent is None or agent.name == "Unidentified Armed Group") and c.acled_type in CLAIMABLE \
            and not inc.negated and not inc.hypothetical:
        agent = _claimed_by(inc, sents, patient) or agent
    if c.acled_type in CLAIMABLE:
        agent, patient = _armed_roles(*_party_militia(agent, patient, c.acled_type))
    p_hint = None if c.acled_sub == "Violent demonstration" else c.patient_type_hint
    if c.acled_type == "Battles" and patient is not None and patient.type in UNARMED:
        patient = None  # battles are fought between armed sides: civilians caught in them are victims, no side
    elif c.acled_sub == "Mob violence" and _mutual(c):
        p_hint = "rioters"  # two unarmed groups fighting each other: both sides are rioters
    elif c.acled_sub == "Violent demonstration" and patient is not None and patient.type == "civilians":
        # rioters facing the police: ACLED's second actor, rather than people the crowd spoke of
        patient = next((m for ms in inc.mentions.values() for m in ms if m.type == "state_forces"), patient)
    elif c.acled_sub in STATE_INTERVENES:
        # the other side of a protest met with force is the state that used it, not the protest's target
        if patient is not None and patient.type not in ("state_forces", "government"):
            patient = None
        p_hint = "state_forces"
    if c.acled_sub in UNNAMED_PERPETRATOR and not inc.negated and not inc.hypothetical:
        if agent is None and a_hint is None:
            a_hint = "political_militia"
    actor1 = _actor(record, agent, a_hint, country, local)
    if inc.political and actor1 is not None and actor1.type == "civilians" and actor1.text.lower() in OFFICIALS:
        # 'Officials blamed al-Shabaab': officials who accuse, demand or agree speak for the government
        gov = actor1.country or country
        actor1 = replace(actor1, name=f"Government of {country_name(gov)}" if gov else "Government", type="government",
                         country=gov)
    actor2 = _actor(record, patient, p_hint, country, local)
    if actor2 is not None and actor1 is not None and actor2.name == actor1.name and actor1.start is not None \
            and actor2.start == actor1.start:
        actor2 = None
    has_actor1 = actor1 is not None  # the confidence buckets: an actor read from the report or its coding
    if c.acled_type == "Battles" and actor1 is None and actor2 is None and _communal_feud(inc, sents):
        actor1, actor2 = _coded_actor(4, country), _coded_actor(4, country)
    if (actor1 is None or actor2 is None) and c.acled_type is not None and not inc.political \
            and not inc.negated and not inc.hypothetical:
        actor1, actor2 = _unnamed_actors(inc, c, country, actor1, actor2)
    evidence = [evidence_span(record.text, sents[n].start_char, sents[n].end_char) for n in inc.sent_nos]
    date = attach.date_for(record, trig.start, trig.end)
    rule, detail = features(c.rule, has_actor1, how, len(inc.items), inc.political, p)
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
