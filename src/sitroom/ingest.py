"""Annotate inputs into a store in this process: skip what is stored already, record failures,
commit every `batch.COMMIT_DOCS` documents. `sitroom ingest` uses `batch.run` directly (worker
processes, a Dask cluster, a checkpoint); this is the simple in-process API over the same code."""
from __future__ import annotations

import time
from typing import Callable, Iterable, Optional

from . import batch
from .engines.local import InProcess
from .formats import Options
from .model import Failure, Record
from .pipeline import Pipeline


def ingest(paths: Iterable[str], db: str, *, published: Optional[str] = None, batch_size: int = 8,
           pipeline: Optional[Pipeline] = None,
           on_failure: Callable[[Failure], None] = lambda f: None,
           on_warning: Callable[[Record], None] = lambda r: None,
           on_progress: Callable[..., None] = lambda n, rate="": None) -> dict[str, int]:
    pipeline = pipeline or Pipeline(batch_size=batch_size)
    start = time.perf_counter()

    def progress(n: int) -> None:
        on_progress(n, f"{n / max(time.perf_counter() - start, 1e-9):.1f} docs/s")

    return batch.run(list(paths), db, engine=InProcess(pipeline), options=Options(published=published),
                     on_failure=on_failure, on_warning=on_warning, on_progress=progress)
