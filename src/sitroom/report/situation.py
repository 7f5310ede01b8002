"""What a situation report says: the merged events of a place and period, totals with ranges,
the key events with their sources and quotes, and the contested figures."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Optional

from .. import store

COUNT_KINDS = ("fatalities", "injured", "displaced")


@dataclass
class Situation:
    place: Optional[str]
    since: Optional[str]
    until: Optional[str]
    events: list[dict[str, Any]]
    totals: dict[str, dict[str, int]]
    by_type: list[tuple[str, int, int]]
    key_events: list[dict[str, Any]]
    contested: list[dict[str, Any]]
    documents: int
    sources: int
    outlets: list[str] = field(default_factory=list)


def type_of(event: dict[str, Any]) -> str:
    return event.get("acled_event_type") or f"{event.get('plover') or 'Other'} (PLOVER)"


def gather(con, *, place: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
           key_events: int = 10) -> Situation:
    rows = [r for r in store.query_events(con, place=place, since=since, until=until) if not r["hypothetical"]]
    events = []
    for r in rows:
        record = json.loads(r["record"])
        events.append({
            "id": r["id"], "date": r["date_start"], "precision": r["date_precision"],
            "acled_event_type": r["acled_event_type"], "acled_sub_event_type": r["acled_sub_event_type"],
            "plover": r["plover"], "place": r["place"], "country": r["country"], "lat": r["lat"], "lon": r["lon"],
            "actor1": r["actor1"], "actor2": r["actor2"], "n_sources": r["n_sources"],
            "counts": record.get("counts") or {}, "contested": record.get("contested") or [],
            "sources": record.get("sources") or [], "evidence_text": r["evidence_text"],
            "confidence": r["confidence"],
        })
        events[-1]["type"] = type_of(events[-1])
    totals = {}
    for kind in COUNT_KINDS:
        have = [e["counts"][kind] for e in events if kind in e["counts"] and e["counts"][kind].get("best") is not None]
        totals[kind] = {
            "best": sum(c["best"] for c in have),
            "low": sum(c["low"] if c.get("low") is not None else c["best"] for c in have),
            "high": sum(c["high"] if c.get("high") is not None else c["best"] for c in have),
            "events": len(have),
        }
    by_type: dict[str, list[int]] = {}
    for e in events:
        slot = by_type.setdefault(type_of(e), [0, 0])
        slot[0] += 1
        slot[1] += (e["counts"].get("fatalities") or {}).get("best") or 0
    ranked = sorted(events, key=lambda e: (-((e["counts"].get("fatalities") or {}).get("best") or 0),
                                           -(e["n_sources"] or 0), -(e["confidence"] or 0), e["id"]))
    keys = ranked[:key_events]
    for e in keys:
        e["quotes"] = _quotes(con, e["sources"])
    documents = {s["document"] for e in events for s in e["sources"]}
    stories = {s.get("story") or s["document"] for e in events for s in e["sources"]}
    outlets = sorted({s["source"] for e in events for s in e["sources"] if s.get("source")})
    return Situation(place, since, until, events, totals,
                     sorted(((t, n, d) for t, (n, d) in by_type.items()), key=lambda x: (-x[1], x[0])),
                     keys, [e for e in events if e["contested"]], len(documents), len(stories), outlets)


def _quotes(con, sources: list[dict[str, Any]], limit: int = 3) -> list[dict[str, Any]]:
    """The reported speech the event's mentions are attributed to (who says so)."""
    out = []
    for s in sources:
        if s.get("attribution") is None or len(out) >= limit:
            continue
        row = con.execute("SELECT record FROM documents WHERE id=?", (s["document"],)).fetchone()
        if not row:
            continue
        quotes = json.loads(row[0]).get("quotes") or []
        if 0 <= s["attribution"] < len(quotes):
            q = quotes[s["attribution"]]
            speaker = q.get("speaker") or {}
            out.append({"text": q.get("text"), "speaker": speaker.get("name") or speaker.get("text"),
                        "role": speaker.get("role"), "org": speaker.get("org"), "source": s.get("source"),
                        "url": s.get("url")})
    return out
