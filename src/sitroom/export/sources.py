"""What every export row carries about where a merged event was read: ids, URLs, evidence offsets."""
from __future__ import annotations

import json
from typing import Any


def event_record(row) -> dict[str, Any]:
    """The merged event as JSON (with its `sources`), as stored."""
    return json.loads(row["record"])


def sources_of(event: dict[str, Any]) -> list[dict[str, Any]]:
    return event.get("sources") or []


def source_urls(event: dict[str, Any]) -> list[str]:
    seen: list[str] = []
    for s in sources_of(event):
        if s.get("url") and s["url"] not in seen:
            seen.append(s["url"])
    return seen


def outlets(event: dict[str, Any]) -> list[str]:
    seen: list[str] = []
    for s in sources_of(event):
        if s.get("source") and s["source"] not in seen:
            seen.append(s["source"])
    return seen


def evidence_offsets(event: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per evidence span: the document it is in, and its [start, end) offsets."""
    out = []
    for s in sources_of(event):
        for span in s.get("evidence") or []:
            out.append({"document": s["document"], "mention": s.get("mention"),
                        "start": span["start"], "end": span["end"]})
    return out


def evidence_label(event: dict[str, Any]) -> str:
    """Compact `document:start-end` list for one CSV cell."""
    return "; ".join(f"{e['document']}:{e['start']}-{e['end']}" for e in evidence_offsets(event))
