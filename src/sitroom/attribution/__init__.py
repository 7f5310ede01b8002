"""Attribution: reading who said what from a parsed article (used by stages/quotes.py).

    marks.py     quotation-mark spans (straight, typewriter '' pairs, multi-paragraph)
    lexicon.py   reporting verbs and nouns (data/quotes_cues.tsv), pronouns, honorifics
    cues.py      cue words outside quotes, negation and conditional flags
    direct.py    which cue a quoted stretch belongs to
    indirect.py  the clause a reporting verb or "according to" governs
    speakers.py  the speaker mention, its name, role and organisation, pronoun resolution
    extract.py   all of it for one document -> list[Quote]
"""
from .extract import extract

__all__ = ["extract"]
