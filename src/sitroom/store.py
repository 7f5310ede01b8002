"""The store: documents, their event mentions, merged events, stories, and the inputs that failed.

SQLite by default (a file path; WAL journal, one writer, many readers) or PostgreSQL for teams
(a `postgresql://` URL, psycopg 3). One schema for both, versioned and upgraded by the ordered
MIGRATIONS list (SQLite keeps the version in `PRAGMA user_version`, PostgreSQL in a
`sitroom_schema` table). Every statement is parameterised.

Tables: `documents` (one per article, with its near-duplicate `story_id`), `mentions` (one per
event an article reports: the annotate output), `events` (one per real-world event: mentions
merged by sitroom.merge, with every source, independent-source count and count ranges),
`event_aliases` (ids of merged events that no longer exist, pointing at their successor),
`document_minhash`/`document_bands` (the near-duplicate index) and `failures`.

Re-ingesting a document with the same id and content changes nothing; a changed document
replaces its own mentions (and the merged events they belonged to are recomputed); a failed
input that later succeeds loses its failure row.
"""
from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from .model import Event, Failure, Record, from_json, to_json

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
    # 2: what one article reports becomes a mention; events are merged across articles.
    """
    ALTER TABLE events RENAME TO mentions;
    DROP INDEX events_doc;
    DROP INDEX events_date;
    DROP INDEX events_type;
    ALTER TABLE mentions ADD COLUMN event_id TEXT;       -- the merged event (= its seed mention's id)
    ALTER TABLE mentions ADD COLUMN block TEXT;          -- type group | country | negated+hypothetical
    ALTER TABLE mentions ADD COLUMN day_start INTEGER;   -- proleptic ordinal of date_start
    ALTER TABLE mentions ADD COLUMN day_end INTEGER;
    ALTER TABLE mentions ADD COLUMN match TEXT;          -- JSON: the rules that put it in its event
    CREATE INDEX mentions_doc ON mentions(doc_id);
    CREATE INDEX mentions_event ON mentions(event_id);
    CREATE INDEX mentions_block ON mentions(block, day_start);
    ALTER TABLE documents ADD COLUMN story_id TEXT;      -- near-duplicate cluster (smallest doc id)
    CREATE INDEX documents_story ON documents(story_id);
    CREATE TABLE document_minhash (
        doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        signature BLOB NOT NULL
    );
    CREATE TABLE document_bands (
        band BIGINT NOT NULL,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        PRIMARY KEY (band, doc_id)
    );
    CREATE INDEX document_bands_doc ON document_bands(doc_id);
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL,          -- the document of the seed (lead) mention
        plover TEXT, mode TEXT, acled_event_type TEXT, acled_sub_event_type TEXT,
        actor1 TEXT, actor1_type TEXT, actor2 TEXT, actor2_type TEXT,
        place TEXT, geonameid INTEGER, country TEXT, admin1 TEXT, lat REAL, lon REAL, feature TEXT,
        date_value TEXT, date_start TEXT, date_end TEXT, date_precision TEXT,
        fatalities INTEGER, injured INTEGER, displaced INTEGER, size INTEGER,
        negated INTEGER NOT NULL, hypothetical INTEGER NOT NULL,
        evidence_start INTEGER, evidence_end INTEGER, evidence_text TEXT,
        attribution INTEGER, confidence REAL NOT NULL,
        record TEXT NOT NULL,          -- the merged event as JSON, with its `sources`
        fatalities_low INTEGER, fatalities_high INTEGER,
        injured_low INTEGER, injured_high INTEGER,
        displaced_low INTEGER, displaced_high INTEGER,
        contested TEXT,                -- comma-separated count kinds the sources disagree on, or NULL
        n_mentions INTEGER NOT NULL, n_documents INTEGER NOT NULL,
        n_sources INTEGER NOT NULL,    -- independent sources: near-duplicate stories count once
        first_reported TEXT, last_reported TEXT
    );
    CREATE INDEX events_date ON events(date_start);
    CREATE INDEX events_type ON events(acled_event_type, acled_sub_event_type, date_start);
    CREATE INDEX events_plover ON events(plover, date_start);
    CREATE INDEX events_country ON events(country, admin1, date_start);
    CREATE INDEX events_place ON events(place);
    CREATE INDEX events_geo ON events(lat, lon);
    CREATE INDEX events_sources ON events(n_sources);
    CREATE INDEX events_doc ON events(doc_id);
    CREATE TABLE event_aliases (
        alias TEXT PRIMARY KEY,        -- an event id that no longer exists
        event_id TEXT NOT NULL         -- the event that took over its mentions
    );
    """,
    # 3: indexes that make each filter of the situation room selective. Every equality filter leads
    # an index with the date and id after it (the default order), negated last so the default
    # filter needs no row; events_date carries the small columns the other filters and sorts read,
    # so a date range is filtered, sorted and paged inside the index. SQLite adds an R-tree for
    # bounding boxes (holding the columns a box query filters and sorts on, so a box alone is answered
    # from it) and a trigram FTS5 index of the evidence sentences, kept current by triggers
    # (both follow the rowids of their table; sitroom never VACUUMs); PostgreSQL a GiST index of
    # the points and, where the pg_trgm extension may be created, a trigram index of the sentences.
    {"common": """
    DROP INDEX events_date;
    CREATE INDEX events_date ON events(date_start, id, negated, hypothetical, n_sources, confidence,
        fatalities, lat, lon, acled_event_type, plover, actor1, actor2);
    DROP INDEX events_plover;
    CREATE INDEX events_plover ON events(plover, date_start, id, negated);
    DROP INDEX events_place;
    CREATE INDEX events_place ON events(place, date_start, id, negated);
    CREATE INDEX events_type_date ON events(acled_event_type, date_start, id, negated);
    CREATE INDEX events_sub_type_date ON events(acled_sub_event_type, date_start, id, negated);
    CREATE INDEX events_country_date ON events(country, date_start, id, negated);
    CREATE INDEX events_actor1 ON events(actor1, date_start, id, negated);
    CREATE INDEX events_actor2 ON events(actor2, date_start, id, negated);
    CREATE INDEX events_fatalities ON events(fatalities, id, negated, lat, lon);
    CREATE INDEX events_confidence ON events(confidence, id, negated, n_sources);
    """, "sqlite": """
    CREATE INDEX mentions_event_text ON mentions(event_id, evidence_text);
    CREATE VIRTUAL TABLE events_rtree USING rtree(event_rowid, min_lat, max_lat, min_lon, max_lon,
        +id, +lat, +lon, +date_start, +negated, +hypothetical, +fatalities, +confidence, +n_sources,
        +last_reported);
    INSERT INTO events_rtree SELECT rowid, lat, lat, lon, lon, id, lat, lon, date_start, negated, hypothetical,
        fatalities, confidence, n_sources, last_reported FROM events WHERE lat IS NOT NULL AND lon IS NOT NULL;
    CREATE TRIGGER events_rtree_insert AFTER INSERT ON events
        WHEN new.lat IS NOT NULL AND new.lon IS NOT NULL BEGIN
        INSERT INTO events_rtree VALUES (new.rowid, new.lat, new.lat, new.lon, new.lon, new.id, new.lat, new.lon,
            new.date_start, new.negated, new.hypothetical, new.fatalities, new.confidence, new.n_sources,
            new.last_reported);
    END;
    CREATE TRIGGER events_rtree_update AFTER UPDATE ON events BEGIN
        DELETE FROM events_rtree WHERE event_rowid = old.rowid;
        INSERT INTO events_rtree SELECT new.rowid, new.lat, new.lat, new.lon, new.lon, new.id, new.lat, new.lon,
            new.date_start, new.negated, new.hypothetical, new.fatalities, new.confidence, new.n_sources,
            new.last_reported WHERE new.lat IS NOT NULL AND new.lon IS NOT NULL;
    END;
    CREATE TRIGGER events_rtree_delete AFTER DELETE ON events BEGIN
        DELETE FROM events_rtree WHERE event_rowid = old.rowid;
    END;
    CREATE VIRTUAL TABLE mentions_fts USING fts5(evidence_text, content='mentions', content_rowid='rowid',
        tokenize='trigram');
    INSERT INTO mentions_fts(mentions_fts) VALUES ('rebuild');
    CREATE TRIGGER mentions_fts_insert AFTER INSERT ON mentions BEGIN
        INSERT INTO mentions_fts(rowid, evidence_text) VALUES (new.rowid, new.evidence_text);
    END;
    CREATE TRIGGER mentions_fts_delete AFTER DELETE ON mentions BEGIN
        INSERT INTO mentions_fts(mentions_fts, rowid, evidence_text) VALUES ('delete', old.rowid, old.evidence_text);
    END;
    CREATE TRIGGER mentions_fts_update AFTER UPDATE OF evidence_text ON mentions BEGIN
        INSERT INTO mentions_fts(mentions_fts, rowid, evidence_text) VALUES ('delete', old.rowid, old.evidence_text);
        INSERT INTO mentions_fts(rowid, evidence_text) VALUES (new.rowid, new.evidence_text);
    END;
    """, "postgresql": """
    CREATE INDEX events_point ON events USING gist (point(lon, lat));
    DO $$ BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX mentions_evidence_trgm ON mentions USING gin (lower(evidence_text) gin_trgm_ops);
    EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
        RAISE NOTICE 'pg_trgm is not available: evidence text search reads every candidate';
    END $$;
    """},
    # 4: the evidence index keeps which sentences hold each trigram, not where (detail=none): half
    # the cost of indexing a mention. Substring search still comes from the index: it asks for
    # every trigram of the text, then checks the sentences found with LIKE (queries.fts_match).
    # 'optimize' after 'rebuild': otherwise FTS5 keeps merging every new segment with the rebuilt
    # one, and each mention stored afterwards costs twice as much. The triggers of migration 3
    # name the table, so they keep it current.
    {"sqlite": """
    DROP TABLE mentions_fts;
    CREATE VIRTUAL TABLE mentions_fts USING fts5(evidence_text, content='mentions', content_rowid='rowid',
        tokenize='trigram', detail='none');
    INSERT INTO mentions_fts(mentions_fts) VALUES ('rebuild');
    INSERT INTO mentions_fts(mentions_fts) VALUES ('optimize');
    """},
    # 5: indexes no query reads any more, each one a b-tree every stored event or mention
    # updates: boxes go to the R-tree (SQLite) or the GiST index (PostgreSQL), no query looks
    # events up by their lead document, type with sub-type is answered by events_sub_type_date,
    # and SQLite finds an event's mentions through mentions_event_text, which begins with event_id.
    {"common": """
    DROP INDEX events_geo;
    DROP INDEX events_doc;
    DROP INDEX events_type;
    """, "sqlite": """
    DROP INDEX mentions_event;
    """},
    # 6: FTS5 writes its pending terms to disk as a new segment whenever a statement opens a
    # savepoint, and every statement with a trigger does: indexing each mention as it was inserted
    # made one segment per mention, and merging them took a quarter of the instructions of storing
    # an article. New mentions now wait in mentions_fts_pending and are indexed together when the
    # writer commits (index_pending_evidence); a pending mention deleted first was never indexed.
    {"sqlite": """
    CREATE TABLE mentions_fts_pending (mention_rowid INTEGER PRIMARY KEY);
    DROP TRIGGER mentions_fts_insert;
    DROP TRIGGER mentions_fts_delete;
    DROP TRIGGER mentions_fts_update;
    CREATE TRIGGER mentions_fts_insert AFTER INSERT ON mentions BEGIN
        INSERT INTO mentions_fts_pending (mention_rowid) VALUES (new.rowid);
    END;
    CREATE TRIGGER mentions_fts_delete AFTER DELETE ON mentions BEGIN
        INSERT INTO mentions_fts(mentions_fts, rowid, evidence_text) SELECT 'delete', old.rowid, old.evidence_text
            WHERE NOT EXISTS (SELECT 1 FROM mentions_fts_pending WHERE mention_rowid = old.rowid);
        DELETE FROM mentions_fts_pending WHERE mention_rowid = old.rowid;
    END;
    CREATE TRIGGER mentions_fts_update AFTER UPDATE OF evidence_text ON mentions BEGIN
        INSERT INTO mentions_fts(mentions_fts, rowid, evidence_text) SELECT 'delete', old.rowid, old.evidence_text
            WHERE NOT EXISTS (SELECT 1 FROM mentions_fts_pending WHERE mention_rowid = old.rowid);
        INSERT OR IGNORE INTO mentions_fts_pending (mention_rowid) VALUES (new.rowid);
    END;
    """},
]


def index_pending_evidence(con) -> None:
    """SQLite: add the mentions stored since the last commit to the evidence search index, in one
    statement (one FTS5 segment); call it before committing. PostgreSQL indexes as it goes."""
    if dialect(con) != "sqlite" or not con.execute(
            "SELECT 1 FROM sqlite_master WHERE name='mentions_fts_pending'").fetchone():
        return  # PostgreSQL, or a store of an older schema (an older sitroom opened it)
    con.execute("INSERT INTO mentions_fts (rowid, evidence_text) SELECT rowid, evidence_text FROM mentions "
                "WHERE rowid IN (SELECT mention_rowid FROM mentions_fts_pending)")
    con.execute("DELETE FROM mentions_fts_pending")


def migration_script(entry, dialect: str) -> str:
    """A migration's SQL for one dialect: a string is the same for both; a dict has the shared
    part under "common" and each dialect's own under its name."""
    if isinstance(entry, str):
        return entry
    return entry.get("common", "") + entry.get(dialect, "")

EVENT_COLUMNS = [
    "id", "doc_id", "plover", "mode", "acled_event_type", "acled_sub_event_type",
    "actor1", "actor1_type", "actor2", "actor2_type",
    "place", "geonameid", "country", "admin1", "lat", "lon", "feature",
    "date_value", "date_start", "date_end", "date_precision",
    "fatalities", "injured", "displaced", "size", "negated", "hypothetical",
    "evidence_start", "evidence_end", "evidence_text", "attribution", "confidence", "record",
]
MENTION_COLUMNS = EVENT_COLUMNS + ["block", "day_start", "day_end"]
MERGED_COLUMNS = EVENT_COLUMNS + [
    "fatalities_low", "fatalities_high", "injured_low", "injured_high",
    "displaced_low", "displaced_high", "contested",
    "n_mentions", "n_documents", "n_sources", "first_reported", "last_reported",
]


# The writer rewrites the same index pages batch after batch. SQLite's default 2 MB page cache
# sends them back to disk between statements on a large store, and its default checkpoint
# (every 1,000 WAL pages) copies them into the database after nearly every commit: a 64 MB
# cache and a checkpoint every 10,000 pages (about 40 MB of WAL) cut the cost of storing an
# article on a 100k-event store by a third (`sitroom bench merge`). A checkpoint every 40,000
# pages (a WAL of up to 160 MB) writes a page the batches keep touching into the database once
# where 10,000 wrote it up to four times: 6.2 -> 5.9 ms an article in alternating runs.
WRITER_CACHE_KIB = 64 * 1024
WRITER_CHECKPOINT_PAGES = 40_000


class StoreError(Exception):
    pass


def is_url(path: str | Path) -> bool:
    return str(path).startswith(("postgresql://", "postgres://"))


# --- PostgreSQL: the same interface as sqlite3.Connection for what sitroom uses ----------------

class PgRow(dict):
    """A row readable by column name and by position, like sqlite3.Row."""

    def __init__(self, names: list[str], values: tuple):
        super().__init__(zip(names, values))
        self._values = values

    def __getitem__(self, key):
        return self._values[key] if isinstance(key, (int, slice)) else dict.__getitem__(self, key)

    def __iter__(self):
        return iter(self._values)

    def __len__(self):
        return len(self._values)


def _pg_row_factory(cursor):
    names = [c.name for c in cursor.description or []]
    return lambda values: PgRow(names, values)


_PLACEHOLDER = re.compile(r"\?")


class PgConnection:
    """A psycopg connection that takes sqlite-style `?` placeholders."""

    dialect = "postgresql"

    def __init__(self, url: str, readonly: bool = False):
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - psycopg is a dependency
            raise StoreError("PostgreSQL needs psycopg: pip install 'psycopg[binary]'") from exc
        try:
            self.raw = psycopg.connect(url, row_factory=_pg_row_factory, autocommit=readonly)
        except psycopg.Error as exc:
            raise StoreError(f"{_redact(url)}: cannot connect ({str(exc).strip()})") from exc
        if readonly:
            self.raw.execute("SET default_transaction_read_only = on")

    def execute(self, sql: str, args: Iterable = ()):
        return self.raw.execute(_PLACEHOLDER.sub("%s", sql), tuple(args) if args else None)

    def executemany(self, sql: str, rows: Iterable):
        with self.raw.cursor() as cur:
            cur.executemany(_PLACEHOLDER.sub("%s", sql), list(rows))

    def script(self, sql: str) -> None:
        self.raw.execute(sql.replace(" REAL", " DOUBLE PRECISION").replace(" BLOB", " BYTEA"))

    def commit(self) -> None:
        self.raw.commit()

    def rollback(self) -> None:
        self.raw.rollback()

    def close(self) -> None:
        self.raw.close()


def _redact(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


def dialect(con) -> str:
    return getattr(con, "dialect", "sqlite")


# --- opening and migrating ---------------------------------------------------------------------

def connect(path: str | Path, readonly: bool = False):
    """A connection to the store at `path` (file or postgresql:// URL), migrated to the newest schema.

    Read-only connections never migrate: they refuse an older schema with a clear message.
    """
    if is_url(path):
        return _connect_pg(str(path), readonly)
    path = str(path)
    if readonly:
        if not Path(path).exists():
            raise StoreError(f"{path}: no such database (run `sitroom ingest ... --db {path}` first)")
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    else:
        con = sqlite3.connect(path)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        con.execute(f"PRAGMA cache_size=-{WRITER_CACHE_KIB}")
        con.execute(f"PRAGMA wal_autocheckpoint={WRITER_CHECKPOINT_PAGES}")
    con.row_factory = sqlite3.Row
    con.execute("PRAGMA foreign_keys=ON")
    try:
        version = con.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a sitroom database ({exc})") from exc
    _check_version(path, version, readonly)
    if version < len(MIGRATIONS):
        for number, script in enumerate(MIGRATIONS[version:], version + 1):
            try:  # all of a migration or none of it (executescript alone commits statement by statement)
                con.executescript(f"BEGIN; {migration_script(script, 'sqlite')}; "
                                  f"PRAGMA user_version={number}; COMMIT;")
            except BaseException:
                if con.in_transaction:
                    con.rollback()
                raise
    return con


def _check_version(where: str, version: int, readonly: bool) -> None:
    if version > len(MIGRATIONS):
        raise StoreError(f"{where}: schema version {version} is newer than this sitroom "
                         f"({len(MIGRATIONS)}); upgrade sitroom")
    if version < len(MIGRATIONS) and readonly:
        raise StoreError(f"{where}: schema version {version} needs migrating; "
                         "open it once with `sitroom ingest` to upgrade")


def _connect_pg(url: str, readonly: bool) -> PgConnection:
    con = PgConnection(url, readonly=readonly)
    where = _redact(url)
    has_table = con.execute("SELECT to_regclass('sitroom_schema') IS NOT NULL").fetchone()[0]
    version = con.execute("SELECT max(version) FROM sitroom_schema").fetchone()[0] or 0 if has_table else 0
    if version == 0 and readonly:
        raise StoreError(f"{where}: no sitroom schema in this database "
                         f"(run `sitroom ingest ... --db URL` first)")
    _check_version(where, version, readonly)
    if version < len(MIGRATIONS):
        # one migrator at a time: a second writer waits here, then sees the new version
        con.execute("SELECT pg_advisory_xact_lock(?)", (_PG_LOCK,))
        con.execute("CREATE TABLE IF NOT EXISTS sitroom_schema (version INTEGER NOT NULL)")
        version = con.execute("SELECT max(version) FROM sitroom_schema").fetchone()[0] or 0
        for number, script in enumerate(MIGRATIONS[version:], version + 1):
            con.script(migration_script(script, "postgresql"))
            con.execute("INSERT INTO sitroom_schema (version) VALUES (?)", (number,))
        con.commit()
    return con


_PG_LOCK = 0x5171_0001  # advisory lock id: the single writer of a PostgreSQL store


# --- writing -------------------------------------------------------------------------------------

class Store:
    """The single writer. Use as a context manager; `commit()` after each batch.

    `add` stores a record's document and mentions and merges the mentions into events at once
    (incrementally: only the events the new mentions touch are recomputed).
    """

    def __init__(self, path: str | Path, merge: bool = True):
        from .merge import Merger

        self.path = str(path)
        self.con = connect(path)
        self.merger = Merger(self.con) if merge else None
        self._locked = False
        self._pending_checked = False

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.commit()
        self.con.close()

    def commit(self) -> None:
        index_pending_evidence(self.con)
        self.con.commit()
        self._locked = False

    def known(self, doc_id: str, content_hash: Optional[str]) -> bool:
        """True when this exact document is already stored (nothing to do)."""
        return is_stored(self.con, doc_id, content_hash)

    def _write_lock(self) -> None:
        """PostgreSQL: one writer per store, held until the transaction commits."""
        if dialect(self.con) == "postgresql" and not self._locked:
            self.con.execute("SELECT pg_advisory_xact_lock(?)", (_PG_LOCK,))
            self._locked = True
        if self.merger and not self._pending_checked:
            self._pending_checked = True
            self.merger.merge_pending()  # mentions stored before merging existed (schema 1)

    def add(self, record: Record) -> str:
        """Store a record and its events: 'added', 'unchanged' or 'updated'."""
        if self.known(record.id, record.content_hash):
            self._clear_failure(record.input)
            return "unchanged"
        self._write_lock()
        existed = self.con.execute("SELECT 1 FROM documents WHERE id=?", (record.id,)).fetchone()
        if existed:
            self._remove_document(record.id)
        self.con.execute(
            "INSERT INTO documents (id, content_hash, input, title, published, source, url, "
            "language, text, record, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (record.id, record.content_hash, record.input, record.title, record.published,
             record.source, record.url, record.language, record.text,
             record.to_json(), _now()),
        )
        rows = [mention_row(record, event) for event in record.events]
        self.con.executemany(
            f"INSERT INTO mentions ({', '.join(MENTION_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(MENTION_COLUMNS))}) "
            f"ON CONFLICT (id) DO NOTHING", rows)
        if self.merger:
            self.merger.add_document(record.id, record.text, [r[0] for r in rows])
        self._clear_failure(record.input)
        return "updated" if existed else "added"

    def _remove_document(self, doc_id: str) -> None:
        if self.merger:
            self.merger.remove_document(doc_id)
        self.con.execute("DELETE FROM mentions WHERE doc_id=?", (doc_id,))
        self.con.execute("DELETE FROM documents WHERE id=?", (doc_id,))

    def add_failure(self, failure: Failure) -> None:
        self.con.execute(
            "INSERT INTO failures (input, status, reason, at) VALUES (?,?,?,?) "
            "ON CONFLICT(input) DO UPDATE SET status=excluded.status, reason=excluded.reason, at=excluded.at",
            (failure.input, failure.status, failure.reason, _now()))

    def _clear_failure(self, input: Optional[str]) -> None:
        if input:
            self.con.execute("DELETE FROM failures WHERE input=?", (input,))


def is_stored(con, doc_id: str, content_hash: Optional[str]) -> bool:
    """True when the document with this id and content is in the store."""
    row = con.execute("SELECT content_hash FROM documents WHERE id=?", (doc_id,)).fetchone()
    return row is not None and row[0] == content_hash


def mention_row(record: Record, event: Event) -> tuple:
    """The `mentions` row of one event as one article reports it (MENTION_COLUMNS order)."""
    from .merge.rules import block_of, day_range

    a1, a2, place, when = event.actor1, event.actor2, event.place, event.date
    ev = event.evidence[0] if event.evidence else None
    day_start, day_end = day_range(when.start if when else None, when.end if when else None)
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
        event.attribution, event.confidence, to_json(event),
        block_of(event.acled_event_type, event.acled_sub_event_type, event.plover,
                 place.country if place else None, event.negated, event.hypothetical),
        day_start, day_end,
    )


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# --- reading -------------------------------------------------------------------------------------

def query_events(con, *, type: Optional[str] = None, place: Optional[str] = None,
                 since: Optional[str] = None, until: Optional[str] = None,
                 actor: Optional[str] = None, include_negated: bool = False,
                 min_sources: Optional[int] = None, limit: Optional[int] = None) -> Iterator:
    """Merged events joined with their lead document, newest first; every filter is a bound parameter."""
    where, args = [], []
    if type:
        where.append("(lower(e.acled_event_type)=lower(?) OR lower(e.acled_sub_event_type)=lower(?) "
                     "OR lower(e.plover)=lower(?))")
        args += [type, type, type]
    if place:
        where.append("(lower(e.place) LIKE lower(?) OR lower(e.admin1) LIKE lower(?) OR e.country = upper(?))")
        args += [f"%{place}%", f"%{place}%", place]
    if since:
        where.append("e.date_start >= ?")
        args.append(since)
    if until:
        where.append("e.date_start <= ?")
        args.append(until)
    if actor:
        where.append("(lower(e.actor1) LIKE lower(?) OR lower(e.actor2) LIKE lower(?))")
        args += [f"%{actor}%", f"%{actor}%"]
    if not include_negated:
        where.append("e.negated = 0")
    if min_sources:
        where.append("e.n_sources >= ?")
        args.append(min_sources)
    sql = ("SELECT e.*, d.title AS doc_title, d.source AS doc_source, d.url AS doc_url, "
           "d.published AS doc_published FROM events e JOIN documents d ON d.id = e.doc_id")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY e.date_start IS NULL, e.date_start DESC, e.id"
    if limit:
        sql += " LIMIT ?"
        args.append(limit)
    yield from con.execute(sql, args)


def resolve_event_id(con, event_id: str) -> Optional[str]:
    """The current id of an event: itself, the event holding that mention, or its alias' target."""
    for _ in range(16):  # alias chains are short; the bound only guards against a cycle
        if con.execute("SELECT 1 FROM events WHERE id=?", (event_id,)).fetchone():
            return event_id
        row = con.execute("SELECT event_id FROM mentions WHERE id=?", (event_id,)).fetchone()
        if row and row[0]:
            return row[0]
        row = con.execute("SELECT event_id FROM event_aliases WHERE alias=?", (event_id,)).fetchone()
        if not row:
            return None
        event_id = row[0]
    return None


def get_event(con, event_id: str):
    """One merged event row (any of its past ids works), or None."""
    current = resolve_event_id(con, event_id)
    if current is None:
        return None
    return con.execute(
        "SELECT e.*, d.title AS doc_title, d.source AS doc_source, d.url AS doc_url, "
        "d.published AS doc_published FROM events e JOIN documents d ON d.id = e.doc_id "
        "WHERE e.id=?", (current,)).fetchone()


def event_mentions(con, event_id: str) -> list:
    """The mentions merged into an event, with their documents, lead mention first."""
    return con.execute(
        "SELECT m.*, d.title AS doc_title, d.source AS doc_source, d.url AS doc_url, "
        "d.published AS doc_published, d.story_id AS story_id FROM mentions m "
        "JOIN documents d ON d.id = m.doc_id WHERE m.event_id=? "
        "ORDER BY m.id = m.event_id DESC, d.published, m.id", (event_id,)).fetchall()


def counts(con) -> dict[str, int]:
    one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "documents": one("SELECT count(*) FROM documents"),
        "stories": one("SELECT count(DISTINCT story_id) FROM documents"),
        "mentions": one("SELECT count(*) FROM mentions"),
        "events": one("SELECT count(*) FROM events"),
        "failed": one("SELECT count(*) FROM failures WHERE status='failed'"),
        "skipped": one("SELECT count(*) FROM failures WHERE status='skipped'"),
    }


def failures(con) -> list:
    return con.execute("SELECT * FROM failures ORDER BY input").fetchall()


def iter_records(con) -> Iterable[dict]:
    for (data,) in con.execute("SELECT record FROM documents ORDER BY id"):
        yield from_json(data)
