"""A store's content, for comparing two runs: every table, stable order, no write times."""
from __future__ import annotations

import sqlite3
from pathlib import Path


def snapshot(db: Path) -> dict:
    con = sqlite3.connect(db)
    out = {}
    for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
        columns = [r[1] for r in con.execute(f"PRAGMA table_info({table})")
                   if r[1] != "at" and not r[1].endswith("_at")]
        out[table] = sorted(con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall(), key=repr)
    con.close()
    return out
