"""Where the analysis runs: in this process, in local worker processes, or on a Dask cluster.

Every engine maps batches of raw items (`Draft` or `Failure`) to batches of results, in the
order the batches were given, holding only a bounded number of batches in flight. The unit of
work is `process`: the text stage, the known-document check, and the whole pipeline (spaCy's
`nlp.pipe` over the batch, then every stage). Whatever the engine, the caller writes the
results through the store's single writer, in input order — so every engine gives the same store.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Optional, Protocol, Union

from ..formats import Draft
from ..model import Failure, Record

Result = tuple[str, Union[Record, Failure]]  # ("record" | "unchanged" | "failure", item)
Batch = list[Union[Draft, Failure]]


class EngineError(Exception):
    """The engine cannot go on: a worker process died, the cluster went away."""


@dataclass(frozen=True)
class PipelineSpec:
    """How a worker builds its pipeline: picklable, and equal specs share one loaded pipeline."""
    batch_size: int = 8
    stages: Optional[str] = None  # "module:function" returning the stage list; None = the default

    def build(self):
        from ..pipeline import Pipeline

        stages = None
        if self.stages:
            import importlib

            module, _, name = self.stages.partition(":")
            stages = getattr(importlib.import_module(module), name)()
        return Pipeline(stages=stages, batch_size=self.batch_size)


class Engine(Protocol):
    def attach(self, known: Callable[[str, Optional[str]], bool]) -> None:
        """The writer's own "is this document stored?" check, for work done in this process."""

    def __enter__(self) -> "Engine": ...
    def __exit__(self, *exc) -> None: ...
    def map(self, batches: Iterable[Batch]) -> Iterator[list[Result]]: ...


def make_engine(name: str = "local", *, workers: Optional[int] = None, scheduler: Optional[str] = None,
                spec: PipelineSpec = PipelineSpec(), known_db: Optional[str] = None) -> Engine:
    """'local' (worker processes; workers=1 runs in this process) or 'dask' (a cluster)."""
    if name == "local":
        from .local import InProcess, ProcessPool

        workers = workers or default_workers()
        if workers == 1:
            return InProcess(spec=spec, known_db=known_db)
        return ProcessPool(workers, spec=spec, known_db=known_db)
    if name == "dask":
        from .dask import DaskEngine

        return DaskEngine(scheduler, spec=spec, workers=workers)
    raise ValueError(f"unknown engine {name!r}: choose local or dask")


def default_workers() -> int:
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


# --- the unit of work ------------------------------------------------------------------------

def process(items: Batch, pipeline, known: Optional[Callable[[str, Optional[str]], bool]] = None,
            ) -> list[Result]:
    """Clean, check and analyse one batch; a document that breaks a stage becomes a Failure."""
    results: list[Optional[Result]] = [None] * len(items)
    todo: list[tuple[int, Record]] = []
    for i, item in enumerate(items):
        if isinstance(item, Failure):
            results[i] = ("failure", item)
            continue
        built = _build(item)
        if isinstance(built, Failure):
            results[i] = ("failure", built)
        elif known is not None and known(built.id, built.content_hash):
            results[i] = ("unchanged", built)
        else:
            todo.append((i, built))
    try:
        for (i, _), record in zip(todo, pipeline([r for _, r in todo])):
            results[i] = ("record", record)
    except Exception:
        # One bad document must not lose the batch: redo each on its own, from a clean record.
        for i, _ in todo:
            results[i] = _analyse_one(items[i], pipeline)
    return results  # type: ignore[return-value]


def _build(draft: Draft) -> Union[Record, Failure]:
    try:
        return draft.build()
    except Exception as exc:  # a bug in the text stage, reported against the input
        return Failure(draft.input, f"text stage failed: {type(exc).__name__}: {exc}")


def _analyse_one(draft: Draft, pipeline) -> Result:
    record = _build(draft)
    if isinstance(record, Failure):
        return "failure", record
    try:
        return "record", next(iter(pipeline([record])))
    except Exception as exc:
        return "failure", Failure(draft.input, f"analysis failed: {type(exc).__name__}: {exc}",
                                  id=record.id)


# --- per-process caches (a worker loads the model once) ----------------------------------------

_lock = threading.Lock()
_pipelines: dict[PipelineSpec, object] = {}
_stores: dict[str, object] = {}

WARM_UP = ("Government forces shelled rebel positions near the city of Aleppo on Monday, "
           "killing at least 12 people, the United Nations said in a statement.")


def pipeline_for(spec: PipelineSpec):
    """This process's pipeline for `spec`, built (and run once on a sentence) on first use."""
    with _lock:
        if spec not in _pipelines:
            pipeline = spec.build()
            for _ in pipeline([Record(id="warm-up", text=WARM_UP, published="2016-12-05")]):
                pass
            _pipelines[spec] = pipeline
        return _pipelines[spec]


def known_in(db: Optional[str]) -> Optional[Callable[[str, Optional[str]], bool]]:
    """A read-only "is this exact document stored?" check against the store, or None."""
    if not db:
        return None
    from ..store import connect, is_stored

    with _lock:
        if db not in _stores:
            try:
                _stores[db] = connect(db, readonly=True)
            except Exception:  # an unreachable store only costs the shortcut, never correctness
                _stores[db] = None
        con = _stores[db]
    if con is None:
        return None

    def known(doc_id: str, content_hash: Optional[str]) -> bool:
        try:
            return is_stored(con, doc_id, content_hash)
        except Exception:  # e.g. the database is busy: analyse, and let the writer decide
            return False

    return known


def process_remote(items: Batch, spec: PipelineSpec, known_db: Optional[str] = None) -> list[Result]:
    """`process` in a worker process: the pipeline and the store handle are cached per process."""
    pipeline = pipeline_for(spec)
    known = known_in(known_db)
    with _lock:  # a Dask worker may run tasks in several threads; the pipeline is not thread-safe
        return process(items, pipeline, known)
