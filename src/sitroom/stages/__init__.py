"""The stages of the pipeline, one per module, in the order `pipeline.py` runs them.

Each stage is a callable object with `name`, `requires` and `assigns` (the Record fields it
reads and the ones it sets), in the spirit of spaCy's components. It mutates the Record it is
given. The linguistic stage is the exception: it parses many records at once (`nlp.pipe`).
"""
from typing import Protocol

from ..model import Record


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, record: Record) -> None: ...
