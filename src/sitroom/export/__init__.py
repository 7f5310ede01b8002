"""Exports of merged events: ACLED-style CSV, JSON Lines, PLOVER JSON Lines, GeoJSON, Parquet.

Each writer takes event rows from `store.query_events` and a stream (text, or binary for the
formats in BINARY) and returns how many events it wrote. Every row carries the event id, the
source URLs and the evidence offsets.
"""
from .acled import write_acled_csv
from .geojson import write_geojson
from .jsonl import write_jsonl
from .parquet import write_parquet
from .plover import write_plover

WRITERS = {"acled-csv": write_acled_csv, "jsonl": write_jsonl, "plover": write_plover,
           "geojson": write_geojson, "parquet": write_parquet}
BINARY = {"parquet"}

__all__ = ["BINARY", "WRITERS", "write_acled_csv", "write_geojson", "write_jsonl", "write_parquet",
           "write_plover"]
