"""The offline basemap: country outlines from the countryinfo package as one GeoJSON
FeatureCollection, coordinates rounded to 0.01 degree (about 1 km: plenty for a backdrop,
and a third of the size)."""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def world_geojson() -> bytes:
    from countryinfo import all_countries

    features = []
    for country in all_countries():
        shape = country.geo_json() or {}
        for feature in shape.get("features") or []:
            geometry = feature.get("geometry")
            if not geometry:
                continue
            features.append({"type": "Feature",
                             "properties": {"name": country.name(), "iso": country.iso(2)},
                             "geometry": {"type": geometry["type"],
                                          "coordinates": _round(geometry["coordinates"])}})
    return json.dumps({"type": "FeatureCollection", "features": features},
                      separators=(",", ":")).encode("utf-8")


def _round(coordinates: Any) -> Any:
    if coordinates and isinstance(coordinates[0], (int, float)):
        return [round(coordinates[0], 2), round(coordinates[1], 2)]
    return [_round(c) for c in coordinates]
