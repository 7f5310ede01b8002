"""One merged event per line: the event as `annotate` emits it, plus its sources and lead document."""
from __future__ import annotations

import json
from typing import IO, Iterable

from .sources import event_record


def event_with_source(row) -> dict:
    event = event_record(row)
    event["document"] = {"id": row["doc_id"], "title": row["doc_title"], "source": row["doc_source"],
                         "url": row["doc_url"], "published": row["doc_published"]}
    event["evidence_text"] = row["evidence_text"]
    return event


def write_jsonl(rows: Iterable, out: IO[str]) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(event_with_source(row), ensure_ascii=False) + "\n")
        n += 1
    return n
