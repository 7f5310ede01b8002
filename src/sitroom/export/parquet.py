"""Parquet (pyarrow): one row per merged event, typed columns, sources as nested lists.

Written in row groups so a large store never has to fit in memory at once.
"""
from __future__ import annotations

from typing import IO, Any, Iterable

from .sources import event_record, evidence_offsets, outlets, source_urls

ROW_GROUP = 50_000
SCALARS = [  # (column, pyarrow type name)
    ("id", "string"), ("event_date", "date32"), ("date_end", "date32"), ("date_precision", "string"),
    ("acled_event_type", "string"), ("acled_sub_event_type", "string"), ("plover", "string"),
    ("mode", "string"), ("actor1", "string"), ("actor1_type", "string"), ("actor2", "string"),
    ("actor2_type", "string"), ("place", "string"), ("geonameid", "int64"), ("country", "string"),
    ("admin1", "string"), ("feature", "string"), ("latitude", "float64"), ("longitude", "float64"),
    ("fatalities", "int64"), ("fatalities_low", "int64"), ("fatalities_high", "int64"),
    ("injured", "int64"), ("displaced", "int64"), ("size", "int64"),
    ("negated", "bool"), ("hypothetical", "bool"), ("confidence", "float64"),
    ("n_sources", "int64"), ("n_documents", "int64"), ("contested", "string"),
    ("document_id", "string"), ("evidence_start", "int64"), ("evidence_end", "int64"),
    ("evidence_text", "string"), ("outlets", "list<string>"), ("source_urls", "list<string>"),
]


def _schema():
    import pyarrow as pa

    evidence = pa.list_(pa.struct([("document", pa.string()), ("mention", pa.string()),
                                   ("start", pa.int64()), ("end", pa.int64())]))
    types = {"string": pa.string(), "date32": pa.date32(), "int64": pa.int64(), "float64": pa.float64(),
             "bool": pa.bool_(), "list<string>": pa.list_(pa.string())}
    return pa.schema([(name, types[kind]) for name, kind in SCALARS] + [("evidence", evidence)])


def parquet_row(row) -> dict[str, Any]:
    from datetime import date

    event = event_record(row)

    def day(value):
        return date.fromisoformat(value[:10]) if value else None

    def opt(key):
        try:
            return row[key]
        except (KeyError, IndexError):
            return None

    return {
        "id": row["id"], "event_date": day(row["date_start"]), "date_end": day(row["date_end"]),
        "date_precision": row["date_precision"], "acled_event_type": row["acled_event_type"],
        "acled_sub_event_type": row["acled_sub_event_type"], "plover": row["plover"], "mode": row["mode"],
        "actor1": row["actor1"], "actor1_type": row["actor1_type"], "actor2": row["actor2"],
        "actor2_type": row["actor2_type"], "place": row["place"], "geonameid": row["geonameid"],
        "country": row["country"], "admin1": row["admin1"], "feature": row["feature"],
        "latitude": row["lat"], "longitude": row["lon"], "fatalities": row["fatalities"],
        "fatalities_low": opt("fatalities_low"), "fatalities_high": opt("fatalities_high"),
        "injured": row["injured"], "displaced": row["displaced"], "size": row["size"],
        "negated": bool(row["negated"]), "hypothetical": bool(row["hypothetical"]),
        "confidence": row["confidence"], "n_sources": opt("n_sources"), "n_documents": opt("n_documents"),
        "contested": opt("contested"), "document_id": row["doc_id"],
        "evidence_start": row["evidence_start"], "evidence_end": row["evidence_end"],
        "evidence_text": row["evidence_text"], "outlets": outlets(event), "source_urls": source_urls(event),
        "evidence": evidence_offsets(event),
    }


def write_parquet(rows: Iterable, out: IO[bytes]) -> int:
    """`out` is a binary file (or a path)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _schema()
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict] = []
        for row in rows:
            batch.append(parquet_row(row))
            if len(batch) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n
