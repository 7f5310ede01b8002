"""Fatalities, injured, displaced and crowd size from the parse around an event's trigger."""
from __future__ import annotations

import re
from typing import Optional

from ..model import Count
from .flags import hypothetical
from .lexicon import lexicon
from .numbers import FRACTIONS, SCALES, UNITS, VAGUE, parse_count, word_value

HEDGE_WORDS = {"at", "least", "more", "than", "over", "up", "to", "about", "around", "approximately",
               "some", "roughly", "nearly", "almost", "estimated", "an", "less", "fewer", "under",
               "between", "and", "or", "as", "many", "close", "no", "upwards", "of", "in", "excess"}
PEOPLE_WORDS = {"man", "woman", "boy", "girl", "child", "person", "civilian", "soldier", "policeman",
                "officer", "member", "militant", "fighter", "rebel", "resident", "farmer", "student",
                "worker", "driver", "journalist", "teacher", "victim", "wife", "husband", "son",
                "daughter", "brother", "sister", "father", "mother", "commander", "leader", "councilor",
                "councillor", "official", "trader", "shopkeeper", "teenager", "minor", "youth", "body",
                "villager", "guard", "policewoman", "security", "personnel", "owner", "suspect", "baby",
                "infant", "passenger", "pedestrian", "local", "citizen", "individual", "nephew", "cousin",
                "relative", "elder", "chief", "cleric", "priest", "imam", "pastor", "mayor", "lawyer",
                "activist", "doctor", "nurse", "employee", "businessman", "merchant", "vendor", "friend",
                "neighbour", "neighbor", "kid", "infant", "girlfriend", "boyfriend", "colleague", "gunman",
                "attacker", "assailant", "bomber", "sniper", "guardsman", "trooper", "serviceman", "marine",
                "policemen", "people", "family", "tribesman", "herder", "fisherman", "miner", "prisoner",
                "inmate", "detainee", "worshipper", "pilgrim", "migrant", "refugee", "other"}
NUMBERISH = set(UNITS) | set(SCALES) | {"dozens", "hundreds", "thousands", "millions", "scores", "several",
                                         "few", "handful"}
KIND_OF = {"kill": "fatalities", "wound": "injured", "flee": "displaced", "protest": "size",
           "riot": "size", "mobilize": "size"}
_SIZE_RE = re.compile(r"\[size\s*=\s*([^\]]+)\]", re.I)
_CODED_RE = re.compile(r"fatalit(?:y|ies)\s+(?:were\s+|was\s+)?coded\s+as\s+(\d+)", re.I)


# nouns a year dates rather than counts ("the 2014 protests", "an 1851 treaty"), besides the event triggers
DATED_NOUNS = {"war", "uprising", "revolution", "revolt", "election", "vote", "referendum", "crisis", "conflict",
               "coup", "genocide", "massacre", "invasion", "insurgency", "treaty", "accord", "deal", "agreement",
               "law", "constitution", "campaign", "movement", "unrest", "violence", "riots", "crackdown"}
YEAR_PREPS = {"in", "since", "from", "until", "till", "before", "after", "during"}
PERSON_TRIGGERS = {"protester", "demonstrator"}


def is_year(tok) -> bool:
    """A four-digit year (1900-2100) that dates something: after 'in'/'since' ('since 1994') or modifying an
    event noun ('the 2014 protests'). A year is never a count; '2000 people', '2000 protesters' still are."""
    if len(tok.text) != 4 or not tok.text.isdigit() or not 1900 <= int(tok.text) <= 2100:
        return False
    doc = tok.doc
    if tok.i > tok.sent.start and doc[tok.i - 1].lower_ in YEAR_PREPS:
        return True
    head = tok.head
    if tok.dep_ not in ("nummod", "compound", "amod", "nmod") or head.i == tok.i or head.pos_ not in ("NOUN", "PROPN"):
        return False
    lemma = head.lemma_.lower()
    if lemma in DATED_NOUNS:
        return True
    lex = lexicon()
    return lemma not in PERSON_TRIGGERS and any(
        len(spec.words) == 1 and lex.kinds[spec.kind].role in ("lead", "political")
        for spec in lex.triggers.get(lemma, []) + lex.triggers.get(head.lower_, []))


def _is_num(tok) -> bool:
    low = tok.lower_
    if is_year(tok):
        return False
    if low in ("a", "an"):
        return False
    if tok.like_num or low in NUMBERISH or low in VAGUE:
        return word_value(low) is not None or low in VAGUE or tok.like_num
    return False


def number_span(tok) -> Optional[tuple[int, int]]:
    """Token range [i, j) of the number phrase containing or modifying `tok`, hedges included."""
    doc = tok.doc
    if not _is_num(tok):
        num = [c for c in tok.children if c.dep_ in ("nummod", "quantmod") and _is_num(c)]
        if not num:
            # "dozens of people", "hundreds of protesters": the vague number is the head
            return None
        tok = num[0]
    i = j = tok.i
    while i - 1 >= tok.sent.start and (_is_num(doc[i - 1]) or doc[i - 1].lower_ in HEDGE_WORDS
                                        or (doc[i - 1].lower_ in ("a", "an") and doc[i].lower_ in SCALES)):
        i -= 1
    while j + 1 < tok.sent.end and (_is_num(doc[j + 1]) or (doc[j + 1].lower_ in ("to", "and", "or", "-")
                                                            and j + 2 < tok.sent.end and _is_num(doc[j + 2]))):
        j += 1
    while i < tok.i and doc[i].lower_ in ("and", "or", "to", "of", "in", "as"):
        i += 1
    nxt = doc[j + 1] if j + 1 < tok.sent.end else None
    if nxt is not None and (nxt.lower_ in FRACTIONS or nxt.lower_.strip("-") in FRACTIONS):
        return None
    if "-" in doc[j].text and doc[j].text.split("-")[-1].lower() in FRACTIONS:
        return None
    return i, j + 1


def count_of(tok) -> Optional[Count]:
    """The count a noun phrase headed by `tok` stands for ("12 civilians", "two dozen", "a man and his wife")."""
    total: Optional[Count] = None
    for head in [tok] + _conjuncts(tok):
        c = _single(head)
        if c is None:
            continue
        total = c if total is None else _add(total, c)
    return total


def _conjuncts(tok) -> list:
    out, stack = [], list(tok.children)
    while stack:
        c = stack.pop()
        if c.dep_ == "conj":
            out.append(c)
            stack.extend(c.children)
    return sorted(out, key=lambda t: t.i)


def _single(head) -> Optional[Count]:
    doc = head.doc
    sp = number_span(head)
    if sp is None and head.lower_ in VAGUE and VAGUE[head.lower_]:
        sp = (head.i, head.i + 1)
    if sp is None:
        # "dozens of civilians": the number is the head of the phrase, the people are its object
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in NUMBERISH | set(VAGUE):
            return _single(head.head.head)
        if head.lemma_.lower() in PEOPLE_WORDS and head.tag_ in ("NN", "NNP"):
            det = [c for c in head.children if c.dep_ in ("det", "poss", "amod")]
            if any(c.lower_ in ("a", "an", "one", "another", "his", "her", "their", "its", "the") for c in det) \
                    or head.dep_ in ("nsubjpass", "nsubj", "dobj"):
                return Count(1, 1, 1, head.text)
        if head.lower_ == "both" or any(c.lower_ == "both" for c in head.children if c.dep_ in ("det", "predet")):
            return Count(2, 2, 2, head.text)
        return None
    i, j = sp
    span = doc[i:j]
    parsed = parse_count(span.text)
    if parsed is None:
        return None
    low, best, high = parsed
    return Count(low, best, high, span.text)


def _add(a: Count, b: Count) -> Count:
    def plus(x, y):
        return None if x is None or y is None else x + y
    return Count(plus(a.low, b.low), plus(a.best, b.best), plus(a.high, b.high), f"{a.text} + {b.text}")


def _projected(num, top) -> bool:
    """The number is what a toll may become ('was likely to rise above 300', 'could reach 50'), not a count:
    a verb between it and the toll's clause is hypothetical."""
    cur = num
    while cur.i != top.i and cur.head.i != cur.i:
        cur = cur.head
        if cur.i != top.i and cur.pos_ in ("VERB", "AUX") and hypothetical(cur):
            return True
    return False


VICTIM_DEPS = ("nsubjpass", "dobj", "nsubj", "attr")


def harm_count(trigger_tok, kind: str) -> Optional[Count]:
    """The count of people killed/wounded/displaced by this trigger word, or the crowd size."""
    tok = trigger_tok
    lemma = tok.lemma_.lower()
    # nouns: "1 fatality", "3 deaths", "death toll rose to 12", "casualties of 4"
    if tok.pos_ in ("NOUN", "PROPN") and lemma not in ("protester", "demonstrator"):
        c = _single(tok) if number_span(tok) else None
        if c:
            return c
        if lemma in ("toll", "death") or tok.lower_ in ("toll",):
            top = tok.head if tok.dep_ in ("nsubj", "nsubjpass") else tok
            for t in top.subtree:
                if t.i > tok.i and _is_num(t):
                    return None if _projected(t, top) else _single(t)
        if kind in ("size",):
            return None
        return None
    heads = []
    if kind != "size" and tok.pos_ in ("ADJ", "VERB") and number_span(tok):
        # the harm word as a noun with its own number: 'counted 50 dead', 'confirmed 12 dead', 'left 2 dead'
        return _single(tok)
    if tok.tag_ == "VBN" and tok.dep_ == "conj" and not any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        # '... 50 dead and 120 wounded': a bare number the parser made the subject of the participle
        bare = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NUM"]
        if bare:
            return count_of(bare[0])
    if tok.pos_ in ("ADJ",) or tok.dep_ in ("acomp", "oprd", "amod", "xcomp", "ccomp") and tok.pos_ != "VERB":
        # "leaving 2 civilians dead", "2 soldiers dead", "12 were wounded" (parsed as ADJ)
        if tok.dep_ == "amod":
            heads.append(tok.head)
        for c in tok.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                heads.append(c)
        if not heads:
            for c in tok.head.children:
                if c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.i < tok.i:
                    heads.append(c)
    else:
        deps = ("nsubjpass", "dobj") if lemma not in ("die", "flee", "perish", "protest", "march", "rally",
                                                       "demonstrate", "gather", "strike", "riot") \
            else ("nsubj",)
        for c in tok.children:
            if c.dep_ in deps:
                heads.append(c)
        if not heads:
            # "killing 3", "were killed" inside a relative clause: "3 men who were killed"
            if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "NUM", "PROPN"):
                heads.append(tok.head)
        if not heads and tok.dep_ == "conj" and any(c.dep_ == "auxpass" for c in tok.children):
            # "3 were killed and 8 wounded": the second verb shares the subject only through the first
            heads.extend(c for c in tok.head.children if c.dep_ == "nsubjpass")
    for h in heads:
        c = count_of(h)
        if c is not None:
            return c
    return None


def coder_remarks(text: str) -> dict[str, int]:
    """ACLED coders' remarks in a note: '[size=2500]', 'Fatalities coded as 0 (VoJ reported 2)'."""
    out: dict[str, int] = {}
    m = _CODED_RE.search(text)
    if m:
        out["fatalities"] = int(m.group(1))
    m = _SIZE_RE.search(text)
    if m:
        parsed = parse_count(m.group(1).strip())
        if parsed and parsed[1] is not None:
            out["size"] = parsed[1]
    return out
