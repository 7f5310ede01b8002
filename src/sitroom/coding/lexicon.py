"""The curated data of event coding, loaded once per process from src/sitroom/data."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Optional

import yaml

# Verbs that only tell what someone said: their subject is a source, where they spoke is not where
# the told event happened. A narrower set than the attribution lexicon's speech cues
# (data/quotes_cues.tsv), which also hold acts in themselves: 'threaten', 'order', 'demand', 'call'.
SAYING = frozenset({"say", "tell", "speak", "announce", "report", "state", "declare", "address", "brief",
                    "testify", "warn", "claim", "write", "explain", "insist", "note", "confirm", "acknowledge",
                    "allege", "assert", "argue", "add", "describe", "complain"})

# prepositions that put an event at a place ('in Kunduz', 'near the border'); 'throughout' and 'within' a
# region rather spread a toll over it
EVENT_PLACE_PREPS = frozenset({"in", "at", "near", "around", "across", "outside", "inside", "on"})

# weapons a fighter's word may modify without naming a fighter ('sniper rifles', 'militia guns')
FIREARMS = frozenset({"firearm", "firearms", "gunfire", "gunshot", "gunshots", "gun", "guns", "rifle", "rifles",
                      "bullet", "bullets"})

ACLED_TYPES = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                                   "Grenade"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
}
ACLED_SUB_TO_TYPE = {sub: t for t, subs in ACLED_TYPES.items() for sub in subs}


def _load(name: str) -> dict:
    with resources.files("sitroom.data").joinpath(name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@dataclass(frozen=True)
class Kind:
    name: str
    plover: str
    mode: Optional[str]
    acled_type: Optional[str]
    acled_sub: Optional[str]
    role: str  # lead | harm | mod | political
    rank: int


@dataclass
class TriggerSpec:
    words: tuple[str, ...]
    kind: str
    pos: frozenset = frozenset()
    with_: frozenset = frozenset()
    near: frozenset = frozenset()
    unless: frozenset = frozenset()
    # nouns the trigger word may modify without telling an event ('riot police', 'riot gear')
    not_of: frozenset = frozenset()
    # what a seizing verb takes, when it names it, must be one of these or a place ('took the town', not
    # 'every bed was taken', 'the wounded were taken to hospital')
    patient: frozenset = frozenset()
    # who must be the verb's subject ('militias blocked the road' is no demonstration)
    agent: frozenset = frozenset()
    # who may not be its subject ('locals stalled the work demanding shares', not 'gunmen stopped a bus
    # demanding money')
    not_agent: frozenset = frozenset()
    # verbs whose subject or object it may not be ('a fire broke out', 'the house caught fire': a blaze)
    not_head: frozenset = frozenset()
    order: int = 0


@dataclass
class Lexicon:
    kinds: dict[str, Kind]
    # first word -> specs starting with it, longest first, then file order
    triggers: dict[str, list[TriggerSpec]]
    labels: dict[str, str]
    weapons_heavy: frozenset
    weapons_air: frozenset
    armed_targets: frozenset
    max_words: int = 1
    extra: dict = field(default_factory=dict)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = _load("events_triggers.yaml")
    kinds = {}
    for name, k in data["kinds"].items():
        et, sub = (k.get("acled") or [None, None])
        if sub is not None and ACLED_SUB_TO_TYPE.get(sub) != et:
            raise ValueError(f"events_triggers.yaml: {name}: {et!r}/{sub!r} is not an ACLED pair")
        kinds[name] = Kind(name, k["plover"], k.get("mode"), et, sub, k["role"], int(k["rank"]))
    triggers: dict[str, list[TriggerSpec]] = {}
    max_words = 1
    for order, t in enumerate(data["triggers"]):
        if t["kind"] not in kinds:
            raise ValueError(f"events_triggers.yaml: unknown kind {t['kind']!r}")
        lemmas = t["lemma"] if isinstance(t["lemma"], list) else [t["lemma"]]
        variants = []
        for lemma in lemmas:
            low = str(lemma).lower()
            variants.append(low)
            if "-" in low:  # spaCy splits "shoot-out" into shoot - out
                variants.append(low.replace("-", " - "))
        for lemma in variants:
            words = tuple(lemma.split())
            max_words = max(max_words, len(words))
            spec = TriggerSpec(words, t["kind"], frozenset(t.get("pos") or ()),
                               frozenset(str(x).lower() for x in t.get("with") or ()),
                               frozenset(str(x).lower() for x in t.get("near") or ()),
                               frozenset(str(x).lower() for x in t.get("unless") or ()),
                               frozenset(str(x).lower() for x in t.get("not_of") or ()),
                               frozenset(str(x).lower() for x in t.get("patient") or ()),
                               frozenset(str(x).lower() for x in t.get("agent") or ()),
                               frozenset(str(x).lower() for x in t.get("not_agent") or ()),
                               frozenset(str(x).lower() for x in t.get("not_head") or ()), order)
            triggers.setdefault(words[0], []).append(spec)
    for specs in triggers.values():
        specs.sort(key=lambda s: (-len(s.words), s.order))
    return Lexicon(kinds, triggers, {k.lower(): v for k, v in data.get("labels", {}).items()},
                   frozenset(data.get("weapons_heavy", ())), frozenset(data.get("weapons_air", ())),
                   frozenset(data.get("armed_targets", ())), max_words)


@lru_cache(maxsize=1)
def actor_data() -> dict:
    return _load("actors.yaml")
