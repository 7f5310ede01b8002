"""A GeoJSON FeatureCollection of the merged events that have coordinates."""
from __future__ import annotations

import json
from typing import IO, Iterable

from .jsonl import event_with_source
from .sources import evidence_offsets, source_urls


def write_geojson(rows: Iterable, out: IO[str]) -> int:
    features = []
    for row in rows:
        if row["lat"] is None or row["lon"] is None:
            continue
        props = event_with_source(row)
        props["source_urls"] = source_urls(props)
        props["evidence_offsets"] = evidence_offsets(props)
        features.append({
            "type": "Feature",
            "id": row["id"],
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": props,
        })
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)
