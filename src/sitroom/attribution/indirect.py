"""Indirect quotes: the clause a reporting verb governs ("Russia said it was concentrating on
...", "told Reuters that ..."), and the clause an "according to X" phrase qualifies."""
from __future__ import annotations

from typing import Optional

from .lexicon import ADDRESSEE_VERBS, WEAK_VERBS, cue_class

_TRIM = " \t\n\u00a0.,;:-\u2014()"
# Verbs whose to-infinitive is what was said or meant ("vowed to fight", "urged them to leave").
XCOMP_VERBS = frozenset({"promise", "vow", "pledge", "threaten", "urge", "ask", "tell", "order",
                         "advise", "warn", "want", "hope", "expect", "demand", "agree", "propose",
                         "call", "claim", "deny", "recommend", "announce"})
_OBJECT_DEPS = ("dobj", "oprd")
# Verbs whose if/whether clause is the question asked ("asked if he would run").
QUESTION_VERBS = frozenset({"ask", "wonder", "question", "inquire", "enquire"})
_TOPIC_PREPS = frozenset({"about", "of", "for", "against"})


def _span_of(tokens) -> tuple[int, int]:
    s = min(t.left_edge.idx for t in tokens)
    last = max((t.right_edge for t in tokens), key=lambda t: t.i)
    return s, last.idx + len(last)


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return s, e


def _pobj_of(verb, prep_word: str):
    for c in verb.children:
        if c.dep_ in ("prep", "prt", "dative", "agent") and c.lower_ == prep_word:
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp"):
                    return g
    return None


def verb_content(cue, kind: str) -> Optional[tuple[int, int]]:
    """The content span a reporting verb governs, or None when it governs no clause."""
    lemma = cue.lemma_.lower()
    objs = [c for c in cue.children if c.dep_ in ("dobj", "oprd", "ccomp", "xcomp") and c.i > cue.i]
    if lemma == "call":
        return _call_content(cue, objs)
    if lemma in ("describe", "accuse", "praise", "criticize", "criticise", "blame"):
        extra = _pobj_of(cue, "as" if lemma == "describe" else "for" if lemma != "accuse" else "of")
        if extra is not None:
            return _span_of([t for t in objs if t.dep_ == "dobj"] + [extra])
    clauses = [c for c in cue.children
               if c.dep_ == "ccomp" or (c.dep_ == "xcomp" and lemma in XCOMP_VERBS)
               or (lemma in QUESTION_VERBS and c.dep_ == "advcl" and c.i > cue.i and any(
                   m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children))]
    if clauses:
        parts = list(clauses)
        if lemma not in ADDRESSEE_VERBS:
            parts += [c for c in cue.children if c.dep_ in _OBJECT_DEPS and c.i > cue.i]
        elif any(c.dep_ == "xcomp" for c in clauses):  # "urged voters to ..."
            parts += [c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i]
        s, e = _span_of(parts)
        if len(parts) == 1 and parts[0].lower_ == "that" and len(list(parts[0].subtree)) == 1:
            # the parse took "that" for the object: the clause after it is the content
            last = cue.sent[-1]
            return s, max(e, last.idx + len(last))
        if s > cue.idx:
            # The rest of the sentence after the content is still the claim ("said waterboarding
            # is "peanuts," compared to ...", "said A, but B"), unless a quotation of its own
            # or another reporting verb coordinated with the cue follows.
            sent = cue.sent
            tail = cue.doc[max(p.right_edge.i for p in parts) + 1:sent.end]
            # ("Asked if he would run, Trump said no": the main clause is not the question)
            main = cue.head.i if cue.dep_ == "advcl" else -1
            if len(tail) and not any(t.i == main for t in tail) and not any(
                    t.text in ('"', "''", "``") or (
                        t.dep_ == "nsubj" and t.head.dep_ == "conj" and t.head.head.i == cue.i
                        and cue_class(t.head)) for t in tail):
                # ... but ", adding that ..." is a quote of its own
                nxt = next((t for t in tail if t.dep_ in ("advcl", "conj") and t.head.i == cue.i
                            and cue_class(t)), None)
                stop = nxt.left_edge.i if nxt is not None else sent.end
                while nxt is not None and stop > tail.start and (
                        cue.doc[stop - 1].is_punct or cue.doc[stop - 1].dep_ == "cc"):
                    stop -= 1
                if stop > tail.start:
                    last = cue.doc[stop - 1]
                    e = max(e, last.idx + len(last))
        return s, e
    if kind == "speech" and lemma not in ADDRESSEE_VERBS and lemma not in WEAK_VERBS:
        objs = [c for c in cue.children if c.dep_ in _OBJECT_DEPS and c.pos_ != "PRON"]
        if objs:
            return _span_of(objs)
    if kind == "speech" and lemma not in ("say", "tell", "add", "write", "speak"):
        # "complained about the ruling", "warned of reprisals", "called for a ceasefire"
        for c in cue.children:
            if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS and c.i > cue.i:
                target = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if target is not None and target.pos_ != "PRON":
                    return _span_of([target])
    if cue.dep_ == "parataxis" and cue.head.pos_ in ("VERB", "AUX") and kind == "speech":
        # "The plan, he said, would cost billions": the head clause minus the cue's subtree
        head = cue.head
        drop = {t.i for t in cue.subtree}
        toks = [t for t in head.subtree if t.i not in drop and not t.is_punct]
        if toks:
            return toks[0].idx, toks[-1].idx + len(toks[-1])
    return None


def _call_content(cue, objs) -> Optional[tuple[int, int]]:
    """"called the charges fabricated", "called for a ceasefire", "called on Russia to
    withdraw", "is calling for the US to act"; a bare "called the meeting" is no speech."""
    if len(objs) >= 2:
        return _span_of(objs)
    clauses = [c for c in cue.children if c.dep_ in ("xcomp", "advcl") and c.i > cue.i]
    target = None
    if not any(c.dep_ == "dobj" for c in cue.children):  # not "called the hearing for Monday"
        target = _pobj_of(cue, "for")
    nxt = cue.doc[cue.i + 1] if cue.i + 1 < len(cue.doc) else None
    if target is None and nxt is not None and nxt.lower_ in ("on", "upon"):
        target = _pobj_of(cue, nxt.lower_)  # "called on", not "called it ... on Tuesday"
    if target is not None:
        return _span_of([target] + [c for c in clauses if c.i > target.i])
    for c in clauses:
        mark = next((m for m in c.children if m.dep_ == "mark" and m.lower_ == "for"), None)
        if mark is not None:
            return cue.doc[mark.i + 1].idx, _span_of([c])[1]
    for o in objs:
        if o.dep_ == "oprd":
            return _span_of([o])
        if o.dep_ == "dobj" and any(t.i > o.i and (t.dep_ in ("amod", "oprd") or t.is_quote)
                                    for t in o.subtree):
            return _span_of([o])  # called the ruling "outrageous"
    return None


def noun_content(noun, clause) -> tuple[int, int]:
    return _span_of([clause])


def noun_speaker(noun):
    """"her claim", "the claim by the ministry", "issued a statement that" -> the claimant."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    by = _pobj_of(noun, "by")
    if by is not None:
        return by
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ == "VERB":
        for c in noun.head.children:
            if c.dep_ == "nsubj":
                return c
    return None


def according_content(according) -> tuple[Optional[tuple[int, int]], Optional[object]]:
    """("according to the UN, 16,000 fled") -> (span of the clause, the source token)."""
    doc = according.doc
    to = doc[according.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        source = next((c for c in according.children if c.dep_ == "pobj"), None)
    sent = according.sent
    phrase_start = according.i
    phrase_end = max(according.right_edge.i, to.right_edge.i) + 1
    before = doc[sent.start:phrase_start]
    after = doc[phrase_end:sent.end]
    words = lambda span: sum(1 for t in span if not t.is_punct)
    side = after if words(after) >= words(before) else before
    if words(side) < 2:
        return None, source
    return (side[0].idx, side[-1].idx + len(side[-1])), source
