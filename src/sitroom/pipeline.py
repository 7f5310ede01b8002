"""The whole flow in one place.

    inputs  -> text        (stages/text.py: clean body, metadata, id, language)
            -> linguistic  (spaCy, batched with nlp.pipe)
            -> times -> places -> quotes -> events   (each mutates the Record)

`Pipeline` is what the CLI, the store and the benchmarks use; `annotate` is the one-call API.
"""
from __future__ import annotations

import time
from collections import defaultdict
from typing import Iterable, Iterator, Optional, Union

from . import inputs
from .model import Failure, Record
from .stages import Stage, text
from .stages.linguistic import Linguistic


def default_stages() -> list[Stage]:
    """times -> places -> quotes -> events: each reads what the ones before it set."""
    from .stages.events import Events
    from .stages.places import Places
    from .stages.quotes import Quotes
    from .stages.times import Times

    return [Times(), Places(), Quotes(), Events()]


class Pipeline:
    """Runs records through the linguistic layer (batched) and then every stage in order."""

    def __init__(self, stages: Optional[list[Stage]] = None, batch_size: int = 8):
        self.linguistic = Linguistic(batch_size=batch_size)
        self.stages = default_stages() if stages is None else stages
        self.seconds: dict[str, float] = defaultdict(float)  # time spent per stage, for `bench speed`

    def __call__(self, records: Iterable[Record]) -> Iterator[Record]:
        clock = time.perf_counter
        for record in self.linguistic.pipe(records):
            for stage in self.stages:
                started = clock()
                stage(record)
                self.seconds[stage.name] += clock() - started
            record.doc = None  # the Doc is large; nothing after the stages needs it
            yield record

    def run(self, items: Iterable[Union[Record, Failure]]) -> Iterator[Union[Record, Failure]]:
        """Like `__call__`, but lets failures from the input funnel pass through in order."""
        pending: list[Union[Record, Failure]] = []

        def records() -> Iterator[Record]:
            for item in items:
                pending.append(item)
                if isinstance(item, Record):
                    yield item

        for record in self(records()):
            while pending and pending[0] is not record:
                yield pending.pop(0)
            pending.pop(0)
            yield record
        yield from pending

    def annotate_paths(self, paths: Iterable[str], published: Optional[str] = None,
                       ) -> Iterator[Union[Record, Failure]]:
        return self.run(inputs.read(paths, published=published))


_default: Optional[Pipeline] = None


def annotate(body: str, published: Optional[str] = None, title: Optional[str] = None,
             source: Optional[str] = None, url: Optional[str] = None,
             id: Optional[str] = None) -> Record:
    """Annotate one text (plain text or HTML) and return the typed record."""
    global _default
    if _default is None:
        _default = Pipeline()
    item = text.make_record(body, input="<annotate>", published=published, title=title,
                            source=source, url=url, id=id)
    if isinstance(item, Failure):
        raise ValueError(f"{item.input}: {item.reason}")
    return next(_default([item]))
