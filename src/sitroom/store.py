"""SQLite store: documents, their events, and the inputs that failed.

One writer (the `Store` that ingests), many readers; WAL journal. The schema is versioned
with `PRAGMA user_version` and upgraded by the ordered MIGRATIONS list. Re-ingesting a
document with the same id and content changes nothing; a changed document replaces its
own events; a failed input that later succeeds loses its failure row.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from .model import Event, Failure, Record

MIGRATIONS = [
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        input TEXT,
        title TEXT, published TEXT, source TEXT, url TEXT, language TEXT,
        text TEXT NOT NULL,
        record TEXT NOT NULL,          -- the full SCHEMA.md record as JSON
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        plover TEXT, mode TEXT, acled_event_type TEXT, acled_sub_event_type TEXT,
        actor1 TEXT, actor1_type TEXT, actor2 TEXT, actor2_type TEXT,
        place TEXT, geonameid INTEGER, country TEXT, admin1 TEXT, lat REAL, lon REAL, feature TEXT,
        date_value TEXT, date_start TEXT, date_end TEXT, date_precision TEXT,
        fatalities INTEGER, injured INTEGER, displaced INTEGER, size INTEGER,
        negated INTEGER NOT NULL, hypothetical INTEGER NOT NULL,
        evidence_start INTEGER, evidence_end INTEGER, evidence_text TEXT,
        attribution INTEGER, confidence REAL NOT NULL,
        record TEXT NOT NULL           -- the event as JSON, exactly as annotate emits it
    );
    CREATE INDEX events_doc ON events(doc_id);
    CREATE INDEX events_date ON events(date_start);
    CREATE INDEX events_type ON events(acled_event_type, acled_sub_event_type);
    CREATE TABLE failures (
        input TEXT PRIMARY KEY,
        status TEXT NOT NULL,          -- failed | skipped
        reason TEXT NOT NULL,
        at TEXT NOT NULL
    );
    """,
]

EVENT_COLUMNS = [
    "id", "doc_id", "plover", "mode", "acled_event_type", "acled_sub_event_type",
    "actor1", "actor1_type", "actor2", "actor2_type",
    "place", "geonameid", "country", "admin1", "lat", "lon", "feature",
    "date_value", "date_start", "date_end", "date_precision",
    "fatalities", "injured", "displaced", "size", "negated", "hypothetical",
    "evidence_start", "evidence_end", "evidence_text", "attribution", "confidence", "record",
]


class StoreError(Exception):
    pass


def connect(path: str | Path, readonly: bool = False) -> sqlite3.Connection:
    path = str(path)
    if readonly:
        if not Path(path).exists():
            raise StoreError(f"{path}: no such database (run `sitroom ingest ... --db {path}` first)")
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    else:
        con = sqlite3.connect(path)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
    con.row_factory = sqlite3.Row
    con.execute("PRAGMA foreign_keys=ON")
    try:
        version = con.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a sitroom database ({exc})") from exc
    if version > len(MIGRATIONS):
        raise StoreError(f"{path}: schema version {version} is newer than this sitroom "
                         f"({len(MIGRATIONS)}); upgrade sitroom")
    if version < len(MIGRATIONS):
        if readonly:
            raise StoreError(f"{path}: schema version {version} needs migrating; "
                             "open it once with `sitroom ingest` to upgrade")
        for number, script in enumerate(MIGRATIONS[version:], version + 1):
            with con:
                con.executescript(script)
                con.execute(f"PRAGMA user_version={number}")
    return con


class Store:
    """The single writer. Use as a context manager; `commit()` after each batch."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        self.con = connect(path)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.con.commit()
        self.con.close()

    def commit(self) -> None:
        self.con.commit()

    def known(self, doc_id: str, content_hash: Optional[str]) -> bool:
        """True when this exact document is already stored (nothing to do)."""
        row = self.con.execute("SELECT content_hash FROM documents WHERE id=?", (doc_id,)).fetchone()
        return row is not None and row[0] == content_hash

    def add(self, record: Record) -> str:
        """Store a record and its events: 'added', 'unchanged' or 'updated'."""
        if self.known(record.id, record.content_hash):
            self._clear_failure(record.input)
            return "unchanged"
        existed = self.con.execute("SELECT 1 FROM documents WHERE id=?", (record.id,)).fetchone()
        if existed:
            self.con.execute("DELETE FROM documents WHERE id=?", (record.id,))
        data = record.to_dict()
        self.con.execute(
            "INSERT INTO documents (id, content_hash, input, title, published, source, url, "
            "language, text, record, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (record.id, record.content_hash, record.input, record.title, record.published,
             record.source, record.url, record.language, record.text,
             json.dumps(data, ensure_ascii=False), _now()),
        )
        rows = [_event_row(record, event, data["events"][i]) for i, event in enumerate(record.events)]
        self.con.executemany(
            f"INSERT OR REPLACE INTO events ({', '.join(EVENT_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(EVENT_COLUMNS))})", rows)
        self._clear_failure(record.input)
        return "updated" if existed else "added"

    def add_failure(self, failure: Failure) -> None:
        self.con.execute(
            "INSERT INTO failures (input, status, reason, at) VALUES (?,?,?,?) "
            "ON CONFLICT(input) DO UPDATE SET status=excluded.status, reason=excluded.reason, at=excluded.at",
            (failure.input, failure.status, failure.reason, _now()))

    def _clear_failure(self, input: Optional[str]) -> None:
        if input:
            self.con.execute("DELETE FROM failures WHERE input=?", (input,))


def _event_row(record: Record, event: Event, data: dict[str, Any]) -> tuple:
    a1, a2, place, when = event.actor1, event.actor2, event.place, event.date
    ev = event.evidence[0] if event.evidence else None
    return (
        event.id, record.id, event.plover, event.mode, event.acled_event_type,
        event.acled_sub_event_type,
        a1.name if a1 else None, a1.type if a1 else None,
        a2.name if a2 else None, a2.type if a2 else None,
        place.name if place else None, place.geonameid if place else None,
        place.country if place else None, place.admin1 if place else None,
        place.lat if place else None, place.lon if place else None, place.feature if place else None,
        when.value if when else None, when.start if when else None, when.end if when else None,
        when.precision if when else None,
        event.fatalities, event.injured, event.displaced, event.size,
        int(event.negated), int(event.hypothetical),
        ev.start if ev else None, ev.end if ev else None,
        record.text[ev.start:ev.end] if ev else None,
        event.attribution, event.confidence, json.dumps(data, ensure_ascii=False),
    )


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# --- reading -------------------------------------------------------------------------------

def query_events(con: sqlite3.Connection, *, type: Optional[str] = None, place: Optional[str] = None,
                 since: Optional[str] = None, until: Optional[str] = None,
                 actor: Optional[str] = None, include_negated: bool = False,
                 limit: Optional[int] = None) -> Iterator[sqlite3.Row]:
    """Events joined with their document, newest first; every filter is a bound parameter."""
    where, args = [], []
    if type:
        where.append("(lower(e.acled_event_type)=lower(?) OR lower(e.acled_sub_event_type)=lower(?) "
                     "OR lower(e.plover)=lower(?))")
        args += [type, type, type]
    if place:
        where.append("(e.place LIKE ? OR e.admin1 LIKE ? OR e.country = upper(?))")
        args += [f"%{place}%", f"%{place}%", place]
    if since:
        where.append("e.date_start >= ?")
        args.append(since)
    if until:
        where.append("e.date_start <= ?")
        args.append(until)
    if actor:
        where.append("(e.actor1 LIKE ? OR e.actor2 LIKE ?)")
        args += [f"%{actor}%", f"%{actor}%"]
    if not include_negated:
        where.append("e.negated = 0")
    sql = ("SELECT e.*, d.title AS doc_title, d.source AS doc_source, d.url AS doc_url, "
           "d.published AS doc_published FROM events e JOIN documents d ON d.id = e.doc_id")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY e.date_start IS NULL, e.date_start DESC, e.id"
    if limit:
        sql += " LIMIT ?"
        args.append(limit)
    yield from con.execute(sql, args)


def counts(con: sqlite3.Connection) -> dict[str, int]:
    one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "documents": one("SELECT count(*) FROM documents"),
        "events": one("SELECT count(*) FROM events"),
        "failed": one("SELECT count(*) FROM failures WHERE status='failed'"),
        "skipped": one("SELECT count(*) FROM failures WHERE status='skipped'"),
    }


def failures(con: sqlite3.Connection) -> list[sqlite3.Row]:
    return con.execute("SELECT * FROM failures ORDER BY input").fetchall()


def iter_records(con: sqlite3.Connection) -> Iterable[dict]:
    for (data,) in con.execute("SELECT record FROM documents ORDER BY id"):
        yield json.loads(data)
