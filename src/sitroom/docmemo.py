"""Per-Doc memos of what the rules read over and over.

spaCy recomputes these on every access: `Doc.text` joins every token, `Doc.sents` and `Token.sent`
rescan the sentence starts, and each `doc[i]` builds a new Token whose `lemma_` is a string-store
lookup. A parsed Doc does not change while the stages run, so each is computed once per Doc.
"""
from __future__ import annotations

from typing import Optional


class Memo:
    def __init__(self, doc):
        self.doc = doc
        self._text: Optional[str] = None
        self._sents: Optional[list] = None
        self._sent_no: Optional[list[int]] = None
        self._lowers: Optional[list[str]] = None
        self._lemmas: Optional[list[str]] = None
        self._ent_types: Optional[list[str]] = None
        self._idxs: Optional[list[int]] = None
        self.extra: dict = {}  # other per-Doc values, by the name of the module that needs them

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self.doc.text
        return self._text

    @property
    def sents(self) -> list:
        """`list(doc.sents)`."""
        if self._sents is None:
            self._sents = list(self.doc.sents)
        return self._sents

    @property
    def sent_no(self) -> list[int]:
        """Index into `sents` of each token's sentence."""
        if self._sent_no is None:
            out = [0] * len(self.doc)
            for n, s in enumerate(self.sents):
                out[s.start:s.end] = [n] * (s.end - s.start)
            self._sent_no = out
        return self._sent_no

    def span_text(self, span) -> str:
        """`span.text` (a slice of the Doc's text: tokens and their whitespace tile it)."""
        return self.text[span.start_char:span.end_char]

    def sent(self, i: int):
        """`doc[i].sent`, as the same Span object each time."""
        return self.sents[self.sent_no[i]]

    @property
    def lowers(self) -> list[str]:
        """`token.lower_` of each token."""
        if self._lowers is None:
            self._lowers = [t.lower_ for t in self.doc]
        return self._lowers

    @property
    def idxs(self) -> list[int]:
        """`token.idx` of each token."""
        if self._idxs is None:
            self._idxs = self.doc.to_array("IDX").tolist()
        return self._idxs

    @property
    def ent_types(self) -> list[str]:
        """`token.ent_type_` of each token."""
        if self._ent_types is None:
            self._ent_types = [t.ent_type_ for t in self.doc]
        return self._ent_types

    @property
    def lemmas(self) -> list[str]:
        """`token.lemma_.lower()` of each token."""
        if self._lemmas is None:
            self._lemmas = [t.lemma_.lower() for t in self.doc]
        return self._lemmas


# One entry: the stages read one Doc at a time. Holding the Doc keeps `is` from matching a new
# Doc at a recycled address.
_last: tuple = (None, None)


def memo(doc) -> Memo:
    global _last
    last = _last
    if last[0] is doc:
        return last[1]
    m = Memo(doc)
    _last = (doc, m)
    return m
