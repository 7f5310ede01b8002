"""The SQLite store: idempotent re-ingest, updates, failures kept and cleared, migrations."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from sitroom import store
from sitroom.ingest import ingest

FIXTURES = Path(__file__).parent / "fixtures"


def snapshot(db: Path) -> dict:
    con = sqlite3.connect(db)
    out = {
        "documents": con.execute("SELECT id, content_hash, record FROM documents ORDER BY id").fetchall(),
        "events": con.execute("SELECT id, doc_id, record FROM events ORDER BY id").fetchall(),
        "failures": con.execute("SELECT input, status, reason FROM failures ORDER BY input").fetchall(),
    }
    con.close()
    return out


@pytest.fixture()
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(FIXTURES, folder)
    (folder / "broken.jsonl").write_text("{not json\n")
    return folder


def test_reingest_changes_nothing(corpus, tmp_path, pipeline):
    db = tmp_path / "s.db"
    first = ingest([str(corpus)], str(db), pipeline=pipeline)
    assert first["added"] == 4 and first["failed"] == 1 and first["events"] > 0
    before = snapshot(db)
    second = ingest([str(corpus)], str(db), pipeline=pipeline)
    assert second["added"] == 0 and second["updated"] == 0 and second["unchanged"] == 4
    assert snapshot(db) == before


def test_events_stored_with_their_document(corpus, tmp_path, pipeline):
    db = tmp_path / "s.db"
    ingest([str(corpus)], str(db), pipeline=pipeline)
    con = store.connect(db, readonly=True)
    rows = list(store.query_events(con))
    assert rows and all(r["doc_id"] for r in rows)
    for row in rows:
        doc_text = con.execute("SELECT text FROM documents WHERE id=?", (row["doc_id"],)).fetchone()[0]
        assert doc_text[row["evidence_start"]:row["evidence_end"]] == row["evidence_text"]


def test_changed_document_replaces_its_events(tmp_path, pipeline):
    db = tmp_path / "s.db"
    path = tmp_path / "doc.txt"
    path.write_text("ID: same-id\nPublished: 2016-10-08\n\nAn airstrike hit a market in Saada on "
                    "Saturday, killing at least nine people, local officials said.")
    ingest([str(path)], str(db), pipeline=pipeline)
    path.write_text("ID: same-id\nPublished: 2016-10-08\n\nProtesters marched in Sanaa on Saturday "
                    "to denounce the blockade of the port, organisers said.")
    result = ingest([str(path)], str(db), pipeline=pipeline)
    assert result["updated"] == 1
    assert len(snapshot(db)["documents"]) == 1
    con = store.connect(db, readonly=True)
    evidence = [row["evidence_text"] for row in store.query_events(con, include_negated=True)]
    assert evidence and all(e.startswith("Protesters marched") for e in evidence)


def test_failure_recorded_then_cleared_when_input_is_fixed(tmp_path, pipeline):
    db = tmp_path / "s.db"
    path = tmp_path / "late.txt"
    path.write_text("")
    result = ingest([str(path)], str(db), pipeline=pipeline)
    assert result["failed"] == 1
    assert snapshot(db)["failures"] == [(str(path), "failed", "empty file")]
    path.write_text("Rebels shelled a government checkpoint near Idlib on Friday, killing three soldiers.")
    result = ingest([str(path)], str(db), pipeline=pipeline)
    assert result["added"] == 1 and snapshot(db)["failures"] == []


def test_schema_is_versioned_and_newer_schema_refused(tmp_path):
    db = tmp_path / "s.db"
    con = store.connect(db)
    assert con.execute("PRAGMA user_version").fetchone()[0] == len(store.MIGRATIONS)
    con.execute(f"PRAGMA user_version={len(store.MIGRATIONS) + 1}")
    con.close()
    with pytest.raises(store.StoreError, match="newer than this sitroom"):
        store.connect(db)


def test_reading_a_missing_or_foreign_database_is_a_clear_error(tmp_path):
    with pytest.raises(store.StoreError, match="no such database"):
        store.connect(tmp_path / "missing.db", readonly=True)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(store.StoreError, match="not a sitroom database"):
        store.connect(junk, readonly=True)


def test_query_filters_use_parameters(tmp_path, corpus, pipeline):
    db = tmp_path / "s.db"
    ingest([str(corpus)], str(db), pipeline=pipeline)
    con = store.connect(db, readonly=True)
    assert list(store.query_events(con, place="'; DROP TABLE events; --")) == []
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] > 0


def test_evidence_search_index_holds_exactly_the_stored_sentences(tmp_path):
    """New mentions are indexed for text search when the writer commits. A document replaced
    before its first commit (its mentions never indexed) or after it (indexed) leaves the index
    holding exactly the sentences stored."""
    from sitroom.model import Record
    from sitroom.store import Store
    from web_fixtures import CITIES, _event

    def version(sentence: str, n: int) -> Record:
        r = Record(id="same-doc", text=sentence, published="2016-12-06", content_hash=f"h{n}")
        r.events = [_event(r, 0, sentence, sentence.split()[1], CITIES[0], "2016-12-05")]
        return r

    db = tmp_path / "s.db"
    with Store(db) as s:
        s.add(version("Troops shelled the old market in Aleppo on Monday.", 1))
        s.add(version("Rebels bombarded the grain silo in Aleppo on Monday.", 2))  # replaces 1 before any commit
        s.commit()
        pending = s.con.execute("SELECT count(*) FROM mentions_fts_pending").fetchone()[0]
        s.add(version("Militias attacked the fuel depot in Aleppo on Monday.", 3))  # replaces 2, which is indexed
    assert pending == 0
    con = sqlite3.connect(db)
    con.execute("INSERT INTO mentions_fts(mentions_fts, rank) VALUES ('integrity-check', 1)")

    def found(words: str) -> int:
        return con.execute("SELECT count(*) FROM mentions_fts WHERE evidence_text LIKE ?",
                           (f"%{words}%",)).fetchone()[0]

    assert (found("old market"), found("grain silo"), found("fuel depot")) == (0, 0, 1)
