"""Annotate inputs into a store: skip what is stored already, record failures, commit in batches."""
from __future__ import annotations

import time
from typing import Callable, Iterable, Iterator, Optional, Union

from . import inputs
from .model import Failure, Record
from .pipeline import Pipeline
from .store import Store

COMMIT_EVERY = 32  # documents per transaction: few fsyncs, little lost on a crash


def ingest(paths: Iterable[str], db: str, *, published: Optional[str] = None, batch_size: int = 8,
           pipeline: Optional[Pipeline] = None,
           on_failure: Callable[[Failure], None] = lambda f: None,
           on_warning: Callable[[Record], None] = lambda r: None,
           on_progress: Callable[..., None] = lambda n, rate="": None) -> dict[str, int]:
    pipeline = pipeline or Pipeline(batch_size=batch_size)
    result = {"added": 0, "updated": 0, "unchanged": 0, "failed": 0, "events": 0}
    start = time.perf_counter()
    with Store(db) as store:

        def unseen(items: Iterator[Union[Record, Failure]]) -> Iterator[Union[Record, Failure]]:
            for item in items:
                if isinstance(item, Record) and store.known(item.id, item.content_hash):
                    store.add(item)  # clears an old failure of this input, changes nothing else
                    result["unchanged"] += 1
                    continue
                yield item

        for n, item in enumerate(pipeline.run(unseen(inputs.read(paths, published=published))), 1):
            if isinstance(item, Failure):
                store.add_failure(item)
                result["failed"] += 1
                on_failure(item)
            else:
                on_warning(item)
                result[store.add(item)] += 1
                result["events"] += len(item.events)
            if n % COMMIT_EVERY == 0:
                store.commit()
            on_progress(n, f"{n / (time.perf_counter() - start):.1f} docs/s")
    return result
