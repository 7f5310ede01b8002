"""Great-circle distance, the one the resolver, the event stage and merging share.

(The benchmarks keep their own copy: they follow the reference scorers' constants exactly.)
"""
from __future__ import annotations

import math

EARTH_KM = 6371.0


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(min(1.0, h)))
