"""Throughput of the full pipeline beside bare spaCy on the same documents in the same run.

Each side runs in its own fresh process (spawned), so peak memory is that side's alone and
neither warms caches for the other. The model loads before the clock starts on both sides.
The two sides alternate for several rounds and the ratio is the median of each round's: a
shared VM's speed drifts by a quarter between minutes, and a lone pair of runs inherits that.
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


def run(data: Optional[Path] = None, docs: int = 200, words: int = 800, batch_size: int = 8,
        engine: str = "local", workers: Optional[int] = None, scheduler: Optional[str] = None,
        scaling: tuple[int, ...] = (1, 2), rounds: int = 3) -> dict:
    """In-process figures (bare spaCy and the pipeline alternating for `rounds` rounds; each
    side's median round), then a scaling table: the same documents through `engine` with 1, 2
    (and `workers`) workers, beside bare spaCy in as many warm processes."""
    from statistics import median

    from ..model import Record

    items = articles(data, docs, words)
    parse_texts = [Record(id="", text=i["text"]).parse_text for i in items]
    n_words = sum(len(t.split()) for t in parse_texts)
    pairs = [(_in_process(_bare, parse_texts, batch_size), _in_process(_full, items, batch_size))
             for _ in range(max(1, rounds))]
    figures = {"docs": len(items), "words": n_words, "words_per_doc": n_words / len(items),
               "batch_size": batch_size, "round_ratios": [b["seconds"] / f["seconds"] for b, f in pairs]}
    figures["ratio"] = median(figures["round_ratios"])
    for name, side in (("spacy", 0), ("pipeline", 1)):
        seconds = median(pair[side]["seconds"] for pair in pairs)
        figures[f"{name}_seconds"] = seconds
        figures[f"{name}_docs_per_s"] = len(items) / seconds
        figures[f"{name}_words_per_s"] = n_words / seconds
        figures[f"{name}_peak_mb"] = max(pair[side]["peak_mb"] for pair in pairs)
    full = pairs[-1][1]
    figures["events"] = full["events"]
    for stage, seconds in full["stages"].items():
        figures[f"stage_{stage}_share"] = seconds / full["seconds"]
    figures["engine"] = engine
    figures["scaling"] = []
    for n in sorted(set(scaling) | ({workers} if workers else set())):
        bare_n = _in_process(_bare_pool, parse_texts, batch_size, n)
        full_n = _in_process(_full_engine, items, batch_size, n, engine, scheduler)
        figures["scaling"].append({
            "workers": n,
            "spacy_docs_per_s": len(items) / bare_n["seconds"], "spacy_peak_mb": bare_n["peak_mb"],
            "pipeline_docs_per_s": len(items) / full_n["seconds"],
            "pipeline_words_per_s": n_words / full_n["seconds"], "pipeline_peak_mb": full_n["peak_mb"],
            "ratio": bare_n["seconds"] / full_n["seconds"]})
    return figures


# --- scaling: N workers, warm before the clock starts; memory is the whole process tree's ------

CHUNK = 16  # documents per task, as `sitroom ingest` batches them


class _TreeMemory:
    """Peak of the summed RSS of this process and all its children, sampled every 0.1 s."""

    def __init__(self):
        import threading

        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _sample(self):
        import psutil

        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for proc in [me] + me.children(recursive=True):
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total / 2 ** 20)
            self._stop.wait(0.1)


def _bare_chunk(texts: list[str], batch_size: int) -> int:
    from ..stages.linguistic import load_nlp

    return sum(1 for _ in load_nlp().pipe(texts, batch_size=batch_size))


def _bare_pool(texts: list[str], batch_size: int, workers: int, queue) -> None:
    from collections import deque

    from ..engines.local import warm_pool

    with _TreeMemory() as memory:
        chunks = [texts[i:i + CHUNK] for i in range(0, len(texts), CHUNK)]
        if workers == 1:
            _bare_chunk(texts[:1], batch_size)
            started = time.perf_counter()
            for chunk in chunks:
                _bare_chunk(chunk, batch_size)
        else:
            pool = warm_pool(workers, _load_nlp_only, ())
            started = time.perf_counter()
            pending = deque()
            for chunk in chunks:
                pending.append(pool.submit(_bare_chunk, chunk, batch_size))
                while len(pending) >= 2 * workers:
                    pending.popleft().result()
            while pending:
                pending.popleft().result()
        seconds = time.perf_counter() - started
    if workers > 1:
        pool.shutdown()
    queue.put({"seconds": seconds, "peak_mb": memory.peak})


def _load_nlp_only() -> None:
    from ..stages.linguistic import load_nlp

    load_nlp()


def _full_engine(items: list[dict], batch_size: int, workers: int, engine: str,
                 scheduler: Optional[str], queue) -> None:
    from contextlib import ExitStack

    from ..engines import PipelineSpec, make_engine
    from ..formats import Draft

    drafts = [Draft(i["id"], i["text"], html=False, published=i["published"], id=i["id"]) for i in items]
    chunks = [drafts[i:i + CHUNK] for i in range(0, len(drafts), CHUNK)]
    spec = PipelineSpec(batch_size=batch_size)
    with _TreeMemory() as memory, ExitStack() as stack:
        if engine == "dask" and scheduler is None:
            from distributed import Client, LocalCluster

            cluster = stack.enter_context(LocalCluster(n_workers=workers, threads_per_worker=1,
                                                       processes=True, dashboard_address=None))
            scheduler = stack.enter_context(Client(cluster))
        runner = stack.enter_context(make_engine(engine, workers=workers, scheduler=scheduler, spec=spec))
        if hasattr(runner, "start"):
            runner.start()  # a local pool: workers loaded before the clock starts
        elif engine == "local":
            from ..engines import pipeline_for

            pipeline_for(spec)
        started = time.perf_counter()
        n_events = sum(len(item.events) for results in runner.map(chunks)
                       for kind, item in results if kind == "record")
        seconds = time.perf_counter() - started
    queue.put({"seconds": seconds, "peak_mb": memory.peak, "events": n_events})


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
    rounds = ", ".join(f"{r:.2f}" for r in figures["round_ratios"])
    console.print(f"pipeline throughput / bare spaCy: [bold]{figures['ratio']:.2f}[/] (median of rounds "
                  f"{rounds}; each side's median round above); {figures['events']} events", highlight=False)
    shares = {k[6:-6]: v for k, v in figures.items() if k.startswith("stage_")}
    console.print("share of pipeline time per stage: " +
                  ", ".join(f"{k} {v:.1%}" for k, v in shares.items()), highlight=False)
    if figures.get("scaling"):
        table = Table(title=f"scaling ({figures['engine']} engine; peak MB = all processes together)")
        for col in ("workers", "spaCy articles/s", "spaCy peak MB", "pipeline articles/s",
                    "pipeline words/s", "pipeline peak MB", "pipeline / spaCy"):
            table.add_column(col, justify="right")
        for row in figures["scaling"]:
            table.add_row(str(row["workers"]), f"{row['spacy_docs_per_s']:.1f}", f"{row['spacy_peak_mb']:.0f}",
                          f"{row['pipeline_docs_per_s']:.1f}", f"{row['pipeline_words_per_s']:.0f}",
                          f"{row['pipeline_peak_mb']:.0f}", f"{row['ratio']:.2f}")
        console.print(table)
