"""A GeoJSON FeatureCollection of the events that have coordinates."""
from __future__ import annotations

import json
from typing import IO, Iterable

from .jsonl import event_with_source


def write_geojson(rows: Iterable, out: IO[str]) -> int:
    features = []
    for row in rows:
        if row["lat"] is None or row["lon"] is None:
            continue
        props = event_with_source(row)
        features.append({
            "type": "Feature",
            "id": row["id"],
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": props,
        })
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)
