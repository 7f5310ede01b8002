"""Per-Doc memos of what the rules read over and over.

spaCy recomputes these on every access: `Doc.text` joins every token, `Doc.sents` and `Token.sent`
rescan the sentence starts, and each `doc[i]` builds a new Token whose `lemma_` is a string-store
lookup. A parsed Doc does not change while the stages run, so each is computed once per Doc.
"""
from __future__ import annotations

from functools import cached_property

IOB_STRINGS = ("", "I", "O", "B")  # spaCy's codes of `Token.ent_iob`


class Memo:
    def __init__(self, doc):
        self.doc = doc
        self.extra: dict = {}  # other per-Doc values, by the name of the module that needs them

    @cached_property
    def text(self) -> str:
        return self.doc.text

    @cached_property
    def sents(self) -> list:
        """`list(doc.sents)`."""
        return list(self.doc.sents)

    @cached_property
    def sent_no(self) -> list[int]:
        """Index into `sents` of each token's sentence."""
        out = [0] * len(self.doc)
        for n, s in enumerate(self.sents):
            out[s.start:s.end] = [n] * (s.end - s.start)
        return out

    @cached_property
    def paragraph_no(self) -> list[int]:
        """The paragraph of each sentence: a blank line ends one. spaCy keeps the blank line in the sentence
        before it (as trailing whitespace), so it is looked for around each sentence boundary."""
        text, out, k = self.text, [], 0
        for n, s in enumerate(self.sents):
            if n:
                own = text[s.start_char:s.end_char]
                gap = text[self.sents[n - 1].start_char:s.start_char + len(own) - len(own.lstrip())]
                if gap[len(gap.rstrip()):].count("\n") >= 2:
                    k += 1
            out.append(k)
        return out

    def span_text(self, span) -> str:
        """`span.text` (a slice of the Doc's text: tokens and their whitespace tile it)."""
        return self.text[span.start_char:span.end_char]

    def sent(self, i: int):
        """`doc[i].sent`, as the same Span object each time."""
        return self.sents[self.sent_no[i]]

    def _strings(self, attr: str) -> list[str]:
        """The string of a token attribute for each token, read from the Doc's array: iterating the Doc
        would build a Token object per token."""
        strings, names = self.doc.vocab.strings, {}
        out = []
        for key in self.doc.to_array(attr).tolist():
            name = names.get(key)
            if name is None:
                name = names[key] = strings[key]
            out.append(name)
        return out

    @cached_property
    def lowers(self) -> list[str]:
        """`token.lower_` of each token."""
        return self._strings("LOWER")

    @cached_property
    def idxs(self) -> list[int]:
        """`token.idx` of each token."""
        return self.doc.to_array("IDX").tolist()

    @cached_property
    def ent_types(self) -> list[str]:
        """`token.ent_type_` of each token."""
        return self._strings("ENT_TYPE")

    @cached_property
    def ent_iobs(self) -> list[str]:
        """`token.ent_iob_` of each token."""
        return [IOB_STRINGS[k] for k in self.doc.to_array("ENT_IOB").tolist()]

    @cached_property
    def poses(self) -> list[str]:
        """`token.pos_` of each token."""
        return self._strings("POS")

    @cached_property
    def lemmas(self) -> list[str]:
        """`token.lemma_.lower()` of each token."""
        lowered: dict[str, str] = {}
        return [lowered.get(w) or lowered.setdefault(w, w.lower()) for w in self._strings("LEMMA")]


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
