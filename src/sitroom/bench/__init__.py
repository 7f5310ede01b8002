"""Benchmarks: one module per task, each with `run(data, ...) -> figures` and `report(figures)`.

Accuracy benchmarks read the reference data under ../shared/data and compute the figures the
reference scorers in ../shared/eval define; `speed` needs only the demo corpus.
"""
from __future__ import annotations

from collections import defaultdict
from time import perf_counter  # not `import time`: the submodule bench.time would shadow it
from typing import Iterable, Iterator

from ..model import Record


def parsed_through(stage, records: Iterable[Record], seconds: defaultdict) -> Iterator[Record]:
    """Parse `records` with spaCy and run one stage on each, adding the time of each to
    `seconds["spacy"]` and `seconds[stage.name]`; the record keeps its Doc for the caller, and
    what the caller does between records is not counted."""
    from ..stages.linguistic import Linguistic

    clock = perf_counter
    started = clock()
    for record in Linguistic().pipe(records):
        parsed = clock()
        seconds["spacy"] += parsed - started
        stage(record)
        seconds[stage.name] += clock() - parsed
        yield record
        started = clock()
