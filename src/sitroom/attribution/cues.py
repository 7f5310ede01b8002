"""Cue finding: reporting verbs outside quotation marks, "according to", and their flags."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

from ..docmemo import memo
from .lexicon import cue_class, cue_lemmas, cue_nouns

_MODALS = frozenset({"would", "could", "might", "may", "should", "can", "will", "'d", "must"})
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})


class Inside:
    """Answers "is this character offset inside quotation marks?" for sorted mark spans."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def __call__(self, offset: int) -> bool:
        k = bisect.bisect_right(self.starts, offset) - 1
        return k >= 0 and offset < self.ends[k]


@dataclass
class CueWord:
    token: object  # the verb (or "according")
    start: int
    end: int
    kind: str  # speech | stance | according


@lru_cache(maxsize=1)
def _cue_lemma_heads() -> frozenset[str]:
    """Every lemma that can make a token a cue: noun cues, verb cues, and the verb of every
    "verb particle" cue (any prefix of a key that ends before a space)."""
    out = set(cue_nouns())
    for k in cue_lemmas():
        out.add(k)
        out.update(k[:j] for j, ch in enumerate(k) if ch == " ")
    return frozenset(out)


def find_cues(doc, inside: Inside) -> list[CueWord]:
    out: list[CueWord] = []
    heads = _cue_lemma_heads()
    m = memo(doc)
    lowers = m.lowers
    for i, lemma in enumerate(m.lemmas):
        if lemma not in heads and lowers[i] != "according":
            continue  # no cue of any kind
        tok = doc[i]
        if inside(tok.idx):
            continue
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            nxt = doc[tok.i + 1]
            out.append(CueWord(tok, tok.idx, nxt.idx + len(nxt), "according"))
            continue
        if tok.pos_ == "NOUN":
            if tok.lemma_.lower() in cue_nouns() and _that_clause(tok) is not None:
                out.append(CueWord(tok, tok.idx, tok.idx + len(tok), "noun"))
            continue
        kind = cue_class(tok)
        if kind:
            out.append(CueWord(tok, tok.idx, tok.idx + len(tok), kind))
    return out


def _that_clause(noun):
    """The "that ..." clause a reporting noun governs ("her claim that he lied")."""
    for c in noun.children:
        if c.dep_ in ("acl", "ccomp", "appos", "relcl") and c.i > noun.i:
            first = c.left_edge
            if first.lower_ == "that" and first.dep_ == "mark":
                return c
    return None


that_clause = _that_clause


def negated(verb) -> bool:
    """"did not say", "never said", "has not claimed"."""
    return any(c.dep_ == "neg" for c in verb.children)


def conditional(verb) -> bool:
    """"would say", "may have said", "if he said"."""
    for c in verb.children:
        if c.dep_ == "aux" and c.lower_ in _MODALS and c.lower_ != "will":
            return True
        if c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS:
            return True
    head = verb
    for _ in range(3):
        if head.dep_ in ("advcl",) and any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS
                                             for c in head.children):
            return True
        if head.head.i == head.i:
            break
        head = head.head
    return False
