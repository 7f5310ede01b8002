"""`sitroom explain EVENT_ID`: why these reports were merged into one event."""
from __future__ import annotations

import json
from typing import Any, Optional

from .. import store


def explain(con, event_id: str) -> Optional[dict[str, Any]]:
    """The event, its stories, and for every mention the rules that put it there; None if unknown."""
    row = store.get_event(con, event_id)
    if row is None:
        return None
    record = json.loads(row["record"])
    mentions = []
    for m in store.event_mentions(con, row["id"]):
        match = json.loads(m["match"]) if m["match"] else {}
        mentions.append({
            "id": m["id"], "document": m["doc_id"], "story": m["story_id"], "source": m["doc_source"],
            "title": m["doc_title"], "url": m["doc_url"], "published": m["doc_published"],
            "type": _type(m), "place": m["place"], "date": m["date_start"], "precision": m["date_precision"],
            "fatalities": m["fatalities"], "injured": m["injured"], "displaced": m["displaced"],
            "evidence": {"start": m["evidence_start"], "end": m["evidence_end"]},
            "evidence_text": m["evidence_text"],
            "role": match.get("role", "seed" if m["id"] == row["id"] else "member"),
            "seed": match.get("seed"), "why": match.get("why"), "rules": match.get("rules", []),
            "distance_km": match.get("distance_km"), "date_gap_days": match.get("date_gap_days"),
        })
    stories: dict[str, list[str]] = {}
    for m in mentions:
        docs = stories.setdefault(m["story"] or m["document"], [])
        if m["document"] not in docs:
            docs.append(m["document"])
    return {
        "query": event_id, "id": row["id"],
        "type": _type(row), "place": row["place"], "country": row["country"],
        "date": row["date_start"], "precision": row["date_precision"],
        "counts": record.get("counts", {}), "contested": record.get("contested", []),
        "n_mentions": row["n_mentions"], "n_documents": row["n_documents"], "n_sources": row["n_sources"],
        "stories": [{"story": s, "documents": d} for s, d in sorted(stories.items())],
        "mentions": mentions,
    }


def _type(row) -> str:
    if row["acled_event_type"]:
        sub = row["acled_sub_event_type"]
        return f"{row['acled_event_type']} / {sub}" if sub else row["acled_event_type"]
    return row["plover"] or "?"


def print_explanation(data: dict[str, Any], console) -> None:
    from rich.markup import escape
    from rich.table import Table

    if data["query"] != data["id"]:
        console.print(f"[dim]{escape(data['query'])} is now part of event {escape(data['id'])}[/]")
    console.rule(f"[bold]event {escape(data['id'])}")
    counts = ", ".join(
        f"{kind} {_range(c)}" + (" [red](contested)[/]" if kind in data["contested"] else "")
        for kind, c in data["counts"].items())
    console.print(f"[bold]{escape(data['type'])}[/] in [green]{escape(data['place'] or 'unknown place')}[/] "
                  f"on [cyan]{escape(data['date'] or 'unknown date')}[/] ({data['precision'] or '-'})"
                  + (f"; {counts}" if counts else ""), highlight=False)
    console.print(f"{data['n_mentions']} mentions in {data['n_documents']} documents; "
                  f"{data['n_sources']} independent sources (near-duplicate stories count once)",
                  highlight=False)
    stories = Table(title="Stories (near-duplicate articles count as one source)")
    for col in ("story", "documents"):
        stories.add_column(col, overflow="fold")
    for s in data["stories"]:
        stories.add_row(escape(s["story"]), escape(", ".join(s["documents"])))
    console.print(stories)
    for m in data["mentions"]:
        head = "[bold]lead report[/]" if m["role"] == "seed" else f"joined lead {escape(m['seed'] or '')}"
        console.print(f"\n[bold]{escape(m['id'])}[/] {head} — {escape(m['source'] or 'unknown outlet')}, "
                      f"{escape(m['published'] or '?')}, document {escape(m['document'])}"
                      + (f" <{escape(m['url'])}>" if m["url"] else ""), highlight=False)
        console.print(f"  [dim]“{escape(m['evidence_text'] or '')}” "
                      f"[{m['evidence']['start']}:{m['evidence']['end']}][/]", highlight=False)
        if m["why"]:
            console.print(f"  {escape(m['why'])}", highlight=False)
        for rule in m["rules"]:
            mark = "[green]✓[/]" if rule["ok"] else "[red]✗[/]"
            console.print(f"  {mark} {rule['rule']}: {escape(rule['detail'])}", highlight=False)
        if m["role"] != "seed":
            dist = "n/a" if m["distance_km"] is None else f"{m['distance_km']} km"
            gap = "n/a" if m["date_gap_days"] is None else f"{m['date_gap_days']} days"
            console.print(f"  distance to lead: {dist}; date gap: {gap}", highlight=False)


def _range(c: dict) -> str:
    low, best, high = c.get("low"), c.get("best"), c.get("high")
    if low == best == high or (low is None and high is None):
        return str(best)
    return f"{best} (range {low if low is not None else '?'}–{high if high is not None else '?'})"
