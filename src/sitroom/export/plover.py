"""PLOVER JSON Lines: one record per merged event in the shape of PLOVER's own records.

Field names follow the PLOVER gold-standard records (id, date, event, mode, context, source,
target, eventText, text, eventLoc, dead, injured, size, language, publication); sitroom adds the
merged event's `sources` (document ids, URLs, evidence offsets), count ranges and contested counts.
"""
from __future__ import annotations

import json
from typing import IO, Any, Iterable, Optional

from .sources import event_record, evidence_offsets, outlets, source_urls

PLOVER_VERSION = "sitroom PLOVER 2.0 categories"


def _actor(actor: Optional[dict]) -> list[dict[str, Any]]:
    if not actor:
        return []
    return [{"actorText": actor.get("text") or actor.get("name"), "name": actor.get("name"),
             "sector": actor.get("type"), "country": actor.get("country")}]


def plover_record(row) -> dict[str, Any]:
    event = event_record(row)
    place = event.get("place") or None
    trigger = event.get("trigger") or {}
    return {
        "id": row["id"],
        "date": row["date_start"],
        "datePrecision": row["date_precision"],
        "event": row["plover"],
        "mode": row["mode"],
        "context": [],
        "source": _actor(event.get("actor1")),
        "target": _actor(event.get("actor2")),
        "eventText": trigger.get("text"),
        "text": row["evidence_text"],
        "eventLoc": None if not place else {
            "name": place.get("name"), "geonameid": place.get("geonameid"), "lat": place.get("lat"),
            "lon": place.get("lon"), "country": place.get("country"), "admin1": place.get("admin1"),
            "feature": place.get("feature")},
        "dead": row["fatalities"], "injured": row["injured"], "displaced": row["displaced"],
        "size": row["size"],
        "counts": event.get("counts") or {},
        "contested": event.get("contested") or [],
        "negated": bool(row["negated"]), "hypothetical": bool(row["hypothetical"]),
        "acledEventType": row["acled_event_type"], "acledSubEventType": row["acled_sub_event_type"],
        "language": "en",
        "publication": "; ".join(outlets(event)),
        "sourceUrls": source_urls(event),
        "evidence": evidence_offsets(event),
        "nSources": event.get("n_sources"),
        "confidence": row["confidence"],
        "version": PLOVER_VERSION,
    }


def write_plover(rows: Iterable, out: IO[str]) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
        n += 1
    return n
