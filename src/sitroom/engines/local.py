"""Local engines: in this process, or in a pool of worker processes on this machine.

Workers are spawned (not forked: the parent runs threads), load the pipeline once, ignore
Ctrl-C (the parent handles it) and exit when the parent dies, even by `kill -9`.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain
from typing import Iterable, Iterator, Optional

from . import Batch, EngineError, PipelineSpec, Result, known_in, pipeline_for, process, process_remote


class InProcess:
    """Everything in the calling process (`--workers 1`), with an optional ready pipeline."""

    def __init__(self, pipeline=None, spec: PipelineSpec = PipelineSpec(), known_db: Optional[str] = None,
                 known=None):
        self.pipeline, self.spec, self.known_db, self.known = pipeline, spec, known_db, known
        self.workers = 1

    def attach(self, known) -> None:
        self.known = self.known or known

    def __enter__(self) -> "InProcess":
        return self

    def __exit__(self, *exc) -> None:
        pass

    def map(self, batches: Iterable[Batch]) -> Iterator[list[Result]]:
        pipeline = self.pipeline or pipeline_for(self.spec)
        known = self.known or known_in(self.known_db)
        for batch in batches:
            yield process(batch, pipeline, known)


class ProcessPool:
    """`workers` processes; at most `2 * workers` batches in flight, results in input order.

    A run of a single batch is analysed in this process: starting workers would cost more.
    """

    def __init__(self, workers: int, spec: PipelineSpec = PipelineSpec(), known_db: Optional[str] = None):
        self.workers, self.spec, self.known_db = workers, spec, known_db
        self.window = 2 * workers
        self.pool: Optional[ProcessPoolExecutor] = None
        self.known = None

    def attach(self, known) -> None:
        self.known = known

    def __enter__(self) -> "ProcessPool":
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if self.pool is not None:
            if exc_type is not None:  # interrupted or failed: do not wait for batches in flight
                for proc in list(getattr(self.pool, "_processes", {}).values()):
                    proc.terminate()
            self.pool.shutdown(wait=exc_type is None, cancel_futures=True)
            self.pool = None

    def start(self) -> None:
        """Start the workers and wait until each has loaded its pipeline."""
        if self.pool is None:
            self.pool = warm_pool(self.workers, _load, (self.spec, self.known_db))

    def map(self, batches: Iterable[Batch]) -> Iterator[list[Result]]:
        batches = iter(batches)
        first = next(batches, None)
        if first is None:
            return
        second = next(batches, None)
        if second is None and self.pool is None:
            yield process(first, pipeline_for(self.spec), self.known or known_in(self.known_db))
            return
        try:
            self.start()
            pending: deque = deque()
            for batch in chain([first, second], batches):
                pending.append(self.pool.submit(process_remote, batch, self.spec, self.known_db))
                while len(pending) >= self.window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except BrokenProcessPool as exc:
            raise EngineError("a worker process died (out of memory, or killed)") from exc


def warm_pool(workers: int, load, args: tuple) -> ProcessPoolExecutor:
    """A pool of spawned workers, each of which has run `load(*args)` before this returns."""
    import multiprocessing as mp

    context = mp.get_context("spawn")
    # Each worker holds one `_ready` task at the barrier, so every one of them has loaded.
    barrier = context.Barrier(workers)
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                               initargs=(os.getpid(), barrier, load, args))
    for future in [pool.submit(_ready) for _ in range(workers)]:
        future.result()
    return pool


def _load(spec: PipelineSpec, known_db: Optional[str]) -> None:
    pipeline_for(spec)
    known_in(known_db)


_barrier = None


def _init_worker(parent: int, barrier, load, args: tuple) -> None:
    global _barrier
    _barrier = barrier
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    load(*args)


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _ready() -> int:
    _barrier.wait(timeout=600)
    return os.getpid()
