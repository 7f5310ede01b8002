"""A store's content, for comparing two runs: every table, stable order, no write times."""
from __future__ import annotations

import sqlite3
from pathlib import Path

# how FTS5 lays out its index depends on when the writer committed; what it indexes does not,
# and the integrity check compares that with the mentions themselves
SEARCH_INDEX_LAYOUT = {"mentions_fts_data", "mentions_fts_idx"}


def snapshot(db: Path) -> dict:
    con = sqlite3.connect(db)
    out = {}
    for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
        if table in SEARCH_INDEX_LAYOUT:
            continue
        columns = [r[1] for r in con.execute(f"PRAGMA table_info({table})")
                   if r[1] != "at" and not r[1].endswith("_at")]
        out[table] = sorted(con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall(), key=repr)
    if "mentions_fts" in out:
        try:
            con.execute("INSERT INTO mentions_fts(mentions_fts, rank) VALUES ('integrity-check', 1)")
            out["search_index"] = "matches the mentions"
        except sqlite3.DatabaseError as exc:
            out["search_index"] = str(exc)
    con.close()
    return out
