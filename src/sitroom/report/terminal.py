"""Readable views of a store for the terminal: the event table and the situation summary."""
from __future__ import annotations

import sqlite3
from typing import Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .. import store


def _type_label(row) -> str:
    if row["acled_sub_event_type"]:
        return f"{row['acled_event_type']} / {row['acled_sub_event_type']}"
    return row["acled_event_type"] or f"({row['plover']})"


def _place_label(row) -> str:
    if not row["place"]:
        return ""
    return f"{row['place']}, {row['country']}" if row["country"] else row["place"]


def _counts_label(row) -> str:
    keys = row.keys()
    parts = []
    for k, label in (("fatalities", "killed"), ("injured", "hurt"), ("displaced", "displaced"), ("size", "people")):
        if row[k] is None:
            continue
        low, high = (row[f"{k}_low"], row[f"{k}_high"]) if f"{k}_low" in keys else (None, None)
        span = f" ({low}–{high})" if low is not None and high is not None and low != high else ""
        contested = " contested" if "contested" in keys and row["contested"] and k in row["contested"] else ""
        parts.append(f"{row[k]}{span} {label}{contested}")
    return ", ".join(parts)


def _sources_label(row) -> str:
    try:
        n = row["n_sources"]
    except (KeyError, IndexError):
        n = None
    lead = row["doc_source"] or ""
    return f"{lead} +{n - 1}" if n and n > 1 else lead


def events_table(rows: Sequence[sqlite3.Row], title: str = "Events") -> Table:
    table = Table(title=title, show_lines=False, expand=True)
    for name, style in (("date", "cyan"), ("type", "bold"), ("place", "green"), ("actors", ""),
                        ("counts", "red"), ("sources", "dim"), ("id", "dim")):
        table.add_column(name, style=style, overflow="fold")
    for row in rows:
        actors = " vs ".join(a for a in (row["actor1"], row["actor2"]) if a)
        table.add_row(escape(row["date_start"] or "?"), escape(_type_label(row)), escape(_place_label(row)),
                      escape(actors), escape(_counts_label(row)), escape(_sources_label(row)), row["id"])
    return table


def _top(con: sqlite3.Connection, sql: str, n: int = 8) -> list[tuple]:
    return [tuple(r) for r in con.execute(sql + f" LIMIT {int(n)}")]


def print_summary(con: sqlite3.Connection, console: Console, latest: int = 8) -> None:
    totals = store.counts(con)
    console.rule("[bold]sitroom situation summary")
    console.print(f"{totals['documents']} documents ({totals['stories']} stories), {totals['mentions']} "
                  f"event mentions merged into {totals['events']} events "
                  f"({totals['failed']} inputs failed, {totals['skipped']} skipped)", highlight=False)
    live = "negated = 0 AND hypothetical = 0"

    by_type = Table(title="Events by type")
    for col in ("ACLED event type", "PLOVER", "events", "fatalities"):
        by_type.add_column(col, justify="right" if col in ("events", "fatalities") else "left")
    for etype, plover, n, dead in _top(con, f"""
            SELECT coalesce(acled_event_type, '(not an ACLED event)'), plover, count(*),
                   coalesce(sum(fatalities), 0)
            FROM events WHERE {live} GROUP BY 1, 2 ORDER BY 3 DESC""", 20):
        by_type.add_row(escape(etype), escape(plover or ""), str(n), str(dead))
    console.print(by_type)

    places = Table(title="Top places")
    for col in ("place", "country", "events"):
        places.add_column(col)
    for name, country, n in _top(con, f"""
            SELECT place, country, count(*) FROM events WHERE place IS NOT NULL AND {live}
            GROUP BY place, country ORDER BY 3 DESC, 1"""):
        places.add_row(escape(name), escape(country or ""), str(n))
    actors = Table(title="Top actors")
    for col in ("actor", "type", "events"):
        actors.add_column(col)
    for name, kind, n in _top(con, f"""
            SELECT name, type, count(*) FROM (
                SELECT actor1 AS name, actor1_type AS type FROM events WHERE {live}
                UNION ALL SELECT actor2, actor2_type FROM events WHERE {live}) AS a
            WHERE name IS NOT NULL GROUP BY name, type ORDER BY 3 DESC, 1"""):
        actors.add_row(escape(name), escape(kind or ""), str(n))
    console.print(places)
    console.print(actors)

    rows = con.execute(f"""
        SELECT e.*, d.source AS doc_source, d.title AS doc_title FROM events e
        JOIN documents d ON d.id = e.doc_id
        WHERE e.date_start IS NOT NULL AND e.acled_event_type IS NOT NULL AND {live}
        ORDER BY e.date_start DESC, e.confidence DESC LIMIT ?""", (latest,)).fetchall()
    console.rule("[bold]Latest dated events")
    for row in rows:
        console.print(f"[cyan]{escape(row['date_start'])}[/]  [bold]{escape(_type_label(row))}[/]  "
                      f"[green]{escape(_place_label(row))}[/]  [red]{escape(_counts_label(row))}[/]  "
                      f"[dim]{row['n_sources']} source(s), id {escape(row['id'])}[/]", highlight=False)
        console.print(f"    “{escape(row['evidence_text'] or '')}”  [dim]— {escape(row['doc_source'] or 'unknown source')}[/]",
                      highlight=False, soft_wrap=True)
    if totals["failed"] or totals["skipped"]:
        console.rule("[bold]Inputs not analysed")
        for row in store.failures(con):
            console.print(f"  {row['status']}: {escape(row['input'])}: {escape(row['reason'])}",
                          highlight=False, soft_wrap=True)
