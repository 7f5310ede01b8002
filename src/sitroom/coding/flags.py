"""Negated ("did not attack", "denied attacking") and hypothetical ("threatened to", "aims to take",
"would") events, read from the trigger's dependency context."""
from __future__ import annotations

DENY = {"deny", "refute", "reject", "dismiss", "fail", "avoid", "refrain", "stop", "prevent", "thwart",
        "foil", "abort", "cancel", "call off", "rule out", "disprove"}
INTEND = {"threaten", "plan", "aim", "intend", "vow", "pledge", "promise", "seek", "want", "prepare",
          "expect", "fear", "warn", "propose", "consider", "hope", "wish", "plot", "mull", "urge", "call",
          "demand", "ask", "order", "need", "push", "press", "decide", "agree", "offer", "refuse",
          "threat", "plan", "bid", "attempt_to_be", "likely", "able", "ready", "set", "poised"}
MODALS = {"would", "could", "may", "might", "will", "shall", "should", "'ll", "wo", "ca", "must"}
CONDITION = {"if", "unless", "whether", "lest"}
NEG_DETS = {"no", "neither", "nor", "never", "without"}


def _governors(tok, steps: int = 3):
    cur = tok
    for _ in range(steps):
        if cur.head.i == cur.i:
            return
        if cur.dep_ not in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acl", "advcl", "conj", "relcl"):
            return
        yield cur.dep_, cur.head
        cur = cur.head


def negated(tok) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    if any(c.dep_ == "det" and c.lower_ in NEG_DETS for c in tok.children):
        return True
    if tok.dep_ in ("dobj", "nsubjpass", "nsubj") and any(c.dep_ == "neg" for c in tok.head.children):
        return True
    for dep, gov in _governors(tok):
        if dep == "conj":
            continue
        if gov.lemma_.lower() in DENY:
            return not any(c.dep_ == "neg" for c in gov.children)
        if dep in ("xcomp", "ccomp") and any(c.dep_ == "neg" for c in gov.children):
            return True
    return False


def hypothetical(tok) -> bool:
    verb = tok
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "nsubjpass", "nsubj") and tok.head.pos_ in ("VERB", "AUX"):
        verb = tok.head
    for t in {tok, verb}:
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in MODALS:
                return True
            if c.dep_ == "mark" and c.lower_ in CONDITION:
                return True
    for dep, gov in _governors(verb):
        lemma = gov.lemma_.lower()
        if dep == "conj":
            continue
        if lemma in INTEND and dep in ("xcomp", "ccomp", "pcomp", "pobj", "acl", "prep"):
            return True
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in gov.children) and dep in ("xcomp",):
            return True
    return False


FUTURE_MODALS = {"will", "would", "shall", "'ll", "wo"}
WILLING = {"willing", "ready", "prepared", "committed", "offer", "pledge", "promise", "determined", "agree"}


def stated_intent(tok) -> bool:
    """'will support', 'is willing to withdraw', 'offered to send': a stated intention of the actor (which
    PLOVER codes as AGREE when cooperative and THREATEN when hostile), not a mere possibility."""
    verb = tok
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "nsubjpass", "nsubj") and tok.head.pos_ in ("VERB", "AUX"):
        verb = tok.head
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_MODALS for c in verb.children):
        return not any(c.dep_ == "mark" and c.lower_ in CONDITION for c in verb.children)
    for dep, gov in _governors(verb, 2):
        if dep in ("xcomp", "prep", "pcomp") and gov.lemma_.lower() in WILLING:
            return True
    return False
