"""The record every stage reads and extends: SCHEMA.md as typed dataclasses.

All offsets are `str` offsets into `Record.text`, half-open. Fields named in SCHEMA.md are a
contract; extra fields (marked "extra" below) may be added, never renamed.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Optional

import orjson


@dataclass
class Span:
    start: int
    end: int


@dataclass
class Entity:
    start: int
    end: int
    text: str
    label: str


@dataclass
class TimeX:
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    mod: Optional[str] = None


@dataclass
class Place:
    start: int
    end: int
    text: str
    geonameid: Optional[int]
    name: str
    lat: Optional[float]
    lon: Optional[float]
    country: Optional[str]
    admin1: Optional[str]
    feature: str  # country | admin1 | admin2 | city | region | other
    score: float = 0.0  # extra: resolution confidence 0..1
    role: str = "place"  # extra: place | metaphor | government | organisation
    within: Optional[int] = None  # extra: geonameid of the containing place for feature "other"
    note: Optional[str] = None  # extra: why the place was resolved as it was


@dataclass
class Cue:
    start: int
    end: int
    text: str


@dataclass
class Speaker:
    start: int
    end: int
    text: str
    name: Optional[str] = None
    role: Optional[str] = None
    org: Optional[str] = None


@dataclass
class Quote:
    start: int
    end: int
    text: str
    kind: str  # direct | indirect | mixed
    cue: Optional[Cue] = None
    speaker: Optional[Speaker] = None
    negated: bool = False  # extra: "did not say"
    conditional: bool = False  # extra: "would say", "may have said"
    # extra: the content's fragments when it is interrupted ("X," said Y, "Z.") or runs over
    # paragraphs; `start`/`end` then span them all. Empty when the content is one piece.
    parts: list[Span] = field(default_factory=list)


@dataclass
class Actor:
    text: str
    name: str
    type: str  # state_forces | rebels | political_militia | identity_militia | rioters |
    #            protesters | civilians | external_forces | igo | government | other
    country: Optional[str] = None
    start: Optional[int] = None  # extra: the mention in text, when there is one
    end: Optional[int] = None


@dataclass
class EventDate:
    value: str
    start: Optional[str] = None
    end: Optional[str] = None
    precision: Optional[str] = None  # day | week | month | year
    source: Optional[str] = None  # extra: timex | dateline | published


@dataclass
class Count:
    """extra: a count with UCDP-style range; `best` is what the schema's int field holds."""
    low: Optional[int]
    best: Optional[int]
    high: Optional[int]
    text: str = ""


@dataclass
class Event:
    id: str
    plover: str
    mode: Optional[str] = None
    acled_event_type: Optional[str] = None
    acled_sub_event_type: Optional[str] = None
    actor1: Optional[Actor] = None
    actor2: Optional[Actor] = None
    place: Optional[Place] = None
    date: Optional[EventDate] = None
    fatalities: Optional[int] = None
    injured: Optional[int] = None
    displaced: Optional[int] = None
    size: Optional[int] = None
    negated: bool = False
    hypothetical: bool = False
    evidence: list[Span] = field(default_factory=list)
    attribution: Optional[int] = None
    confidence: float = 0.0
    trigger: Optional[Entity] = None  # extra: the word the event was read from (label = lemma)
    counts: dict[str, Count] = field(default_factory=dict)  # extra: ranges per count kind


@dataclass
class Record:
    id: str
    text: str
    title: Optional[str] = None
    published: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    language: Optional[str] = None
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeX] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    input: Optional[str] = None  # extra: where the document came from (path, path:line, "-")
    warnings: list[str] = field(default_factory=list)  # extra: repairs made on the way in
    content_hash: Optional[str] = None  # extra: sha256 of `text`
    # The parsed spaCy Doc of `parse_text`; in-process only, never serialised.
    doc: Any = field(default=None, repr=False, compare=False)

    @property
    def parse_text(self) -> str:
        """The text handed to the parser: `text` with typographic quotes made straight.

        Every replacement is one character for one, so offsets into it are offsets into `text`.
        """
        return self.text.translate(_STRAIGHTEN)

    def to_dict(self) -> dict[str, Any]:
        return {name: _plain(getattr(self, name)) for name in _field_names(type(self))}

    def to_json(self) -> str:
        """`to_dict()` as compact JSON without building the dicts: orjson walks the nested
        dataclasses itself (the store writes every record; tested equal to `to_dict`)."""
        return to_json({name: getattr(self, name) for name in _field_names(type(self))})

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Record":
        return _build(cls, data)


@dataclass
class Failure:
    """An input that could not be turned into a Record, and why."""
    input: str
    reason: str
    id: Optional[str] = None
    status: str = "failed"  # failed | skipped (e.g. not English)


_STRAIGHTEN = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u2033": '"',
})


def to_json(value: Any) -> str:
    """Compact JSON of plain data (what the store keeps): orjson, since the writer serialises
    every record, mention and merged event and the standard library's encoder was a tenth of the
    cost of storing an article."""
    return orjson.dumps(value).decode("utf-8")


def from_json(text: str | bytes) -> Any:
    return orjson.loads(text)


_SCALARS = (str, int, float, bool, type(None))
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...]:
    """A record type's serialised fields (the parsed spaCy `doc` is never one)."""
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind) if f.name != "doc")
    return names


def _plain(value: Any) -> Any:
    # called for every span of every record the store writes: field names are cached per class
    kind = type(value)
    if kind in _SCALARS:
        return value
    names = _FIELD_NAMES.get(kind)
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _field_names(kind)
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _build(cls: type, data: dict[str, Any]) -> Any:
    """Inverse of `_plain` for the record types (unknown keys are ignored)."""
    hints = _field_types(cls)
    kwargs = {}
    for name, value in data.items():
        if name not in hints:
            continue
        kind, inner = hints[name]
        if value is None or inner is None:
            kwargs[name] = value
        elif kind == "list":
            kwargs[name] = [_build(inner, v) for v in value]
        elif kind == "dict":
            kwargs[name] = {k: _build(inner, v) for k, v in value.items()}
        else:
            kwargs[name] = _build(inner, value)
    return cls(**kwargs)


_TYPES = {c.__name__: c for c in (Span, Entity, TimeX, Place, Cue, Speaker, Quote, Actor,
                                  EventDate, Count, Event, Record)}


def _field_types(cls: type) -> dict[str, tuple[str, Optional[type]]]:
    out: dict[str, tuple[str, Optional[type]]] = {}
    for f in dataclasses.fields(cls):
        t = str(f.type)
        kind = "list" if t.startswith("list[") else "dict" if t.startswith("dict[") else "one"
        inner = None
        for name, typ in _TYPES.items():
            if f"[{name}]" in t or t == name or f"Optional[{name}]" in t or f", {name}]" in t:
                inner = typ
        out[f.name] = (kind, inner)
    return out
