"""Exports of stored events: ACLED-style CSV, JSON Lines, GeoJSON.

Each writer takes event rows from `store.query_events` and a text stream.
"""
from .acled import write_acled_csv
from .geojson import write_geojson
from .jsonl import write_jsonl

WRITERS = {"acled-csv": write_acled_csv, "jsonl": write_jsonl, "geojson": write_geojson}

__all__ = ["WRITERS", "write_acled_csv", "write_geojson", "write_jsonl"]
