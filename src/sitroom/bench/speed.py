"""Throughput of the full pipeline beside bare spaCy on the same documents in the same run.

Each side runs in its own fresh process (spawned), so peak memory is that side's alone and
neither warms caches for the other. The model loads before the clock starts on both sides.
"""
from __future__ import annotations

import multiprocessing as mp
import resource
import time
from pathlib import Path
from typing import Optional

from rich.console import Console
from rich.table import Table

DEMO = Path(__file__).resolve().parents[3] / "demo" / "corpus"


def articles(data: Optional[Path], docs: int, words: int) -> list[dict]:
    """`docs` articles of about `words` words, built from the inputs (joined, then repeated)."""
    from .. import inputs
    from ..model import Record

    source = data or DEMO
    records = [r for r in inputs.read([str(source)]) if isinstance(r, Record)]
    if not records:
        raise ValueError(f"{source}: no readable articles")
    joined, current, count = [], [], 0
    for record in records:
        current.append(record)
        count += len(record.text.split())
        if count >= words:
            joined.append(current)
            current, count = [], 0
    if current and not joined:
        joined.append(current)
    out = []
    for i in range(docs):
        group = joined[i % len(joined)]
        out.append({"id": f"bench-{i}", "text": "\n\n".join(r.text for r in group),
                    "published": group[0].published})
    return out


def _bare(texts: list[str], batch_size: int, queue) -> None:
    from ..stages.linguistic import load_nlp

    nlp = load_nlp()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    queue.put({"seconds": time.perf_counter() - started, "peak_mb": _peak_mb()})


def _full(items: list[dict], batch_size: int, queue) -> None:
    from ..gazetteer import load as load_gazetteer
    from ..model import Record
    from ..pipeline import Pipeline
    from ..stages.linguistic import load_nlp

    load_nlp()
    load_gazetteer()
    pipeline = Pipeline(batch_size=batch_size)
    records = [Record(id=i["id"], text=i["text"], published=i["published"]) for i in items]
    started = time.perf_counter()
    n_events = sum(len(r.events) for r in pipeline(records))
    queue.put({"seconds": time.perf_counter() - started, "peak_mb": _peak_mb(),
               "stages": dict(pipeline.seconds), "events": n_events})


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _in_process(target, *args) -> dict:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def run(data: Optional[Path] = None, docs: int = 200, words: int = 800, batch_size: int = 8) -> dict:
    from ..model import Record

    items = articles(data, docs, words)
    parse_texts = [Record(id="", text=i["text"]).parse_text for i in items]
    n_words = sum(len(t.split()) for t in parse_texts)
    bare = _in_process(_bare, parse_texts, batch_size)
    full = _in_process(_full, items, batch_size)
    figures = {"docs": len(items), "words": n_words, "words_per_doc": n_words / len(items),
               "batch_size": batch_size}
    for name, side in (("spacy", bare), ("pipeline", full)):
        figures[f"{name}_seconds"] = side["seconds"]
        figures[f"{name}_docs_per_s"] = len(items) / side["seconds"]
        figures[f"{name}_words_per_s"] = n_words / side["seconds"]
        figures[f"{name}_peak_mb"] = side["peak_mb"]
    figures["ratio"] = bare["seconds"] / full["seconds"]
    figures["events"] = full["events"]
    for stage, seconds in full["stages"].items():
        figures[f"stage_{stage}_share"] = seconds / full["seconds"]
    return figures


def report(figures: dict) -> None:
    console = Console()
    table = Table(title=f"bench speed: {figures['docs']} articles, {figures['words_per_doc']:.0f} words each, "
                        f"batch {figures['batch_size']}")
    for col in ("", "seconds", "articles/s", "words/s", "peak MB"):
        table.add_column(col, justify="right")
    for name, label in (("spacy", "bare spaCy (nlp.pipe)"), ("pipeline", "sitroom pipeline")):
        table.add_row(label, f"{figures[f'{name}_seconds']:.1f}", f"{figures[f'{name}_docs_per_s']:.1f}",
                      f"{figures[f'{name}_words_per_s']:.0f}", f"{figures[f'{name}_peak_mb']:.0f}")
    console.print(table)
    console.print(f"pipeline throughput / bare spaCy: [bold]{figures['ratio']:.2f}[/]; "
                  f"{figures['events']} events", highlight=False)
    shares = {k[6:-6]: v for k, v in figures.items() if k.startswith("stage_")}
    console.print("share of pipeline time per stage: " +
                  ", ".join(f"{k} {v:.1%}" for k, v in shares.items()), highlight=False)
