"""The tense of the clause a span sits in, read from the dependency parse.

Relative expressions ("Friday", "Jan. 20") point backwards in reported events and forwards in
plans; the governing verb's tense and auxiliaries decide which.
"""
from __future__ import annotations

import re
from typing import Optional

PAST, PRESENT, FUTURE = "past", "present", "future"

_FUTURE_AUX = {"will", "'ll", "wo", "shall", "would", "'d", "gon", "might", "may", "should", "must"}
# Verbs whose complement or whose present tense points forwards ("is due Friday", "plans to").
_FORWARD = {"plan", "expect", "schedule", "due", "set", "intend", "hope", "aim", "prepare",
            "propose", "want", "seek", "promise", "vow", "pledge", "threaten", "go", "try",
            "agree", "decide", "likely", "poise"}
# Verbs that set a deadline or a date ahead: "postponed until Tuesday", "extended loans through
# January", "has scheduled a news conference Thursday" point forwards whatever their tense.
_DEADLINE = {"postpone", "extend", "delay", "defer", "adjourn", "give", "grant", "suspend",
             "recess", "push", "put"}
_ARRANGE = {"schedule", "plan", "set", "call", "slate"}
_AHEAD_BEFORE = re.compile(r"(?i:\b(?:as\s+(?:early|soon|late)\s+as|no\s+later\s+than|"
                           r"in\s+time\s+for|ahead\s+of|effective)\s+(?:(?:on|next|this)\s+)?)$")
_UNTIL_BEFORE = re.compile(r"(?i:\b(?:until|till|through|to)\s+(?:(?:on|next|this)\s+)?)$")
# Verbs whose past tense is spelled like the present; tagged VBP they are mostly past in news.
_SAME_FORM = {"hurt", "cut", "put", "set", "hit", "cost", "let", "quit", "shut", "spread",
              "split", "bet", "cast", "bid", "burst", "thrust", "upset", "shed", "slit", "beat"}
_WORD_FUTURE = re.compile(r"\b(?:will|won't|'ll|shall|going to|plans? to|expects? to|"
                          r"scheduled|is due|are due|would)\b", re.I)
_WORD_PAST = re.compile(r"\b(?:said|was|were|had|did|told|announced|reported|\w+ed)\b", re.I)


def governing_verb(token, max_steps: int = 8):
    """The nearest verb (or auxiliary acting as main verb) at or above `token`."""
    t = token
    for _ in range(max_steps):
        if t.pos_ in ("VERB", "AUX") and t.dep_ != "aux":
            return t
        if t.head.i == t.i:
            return t if t.pos_ in ("VERB", "AUX") else None
        t = t.head
    return None


def verb_tense(verb, depth: int = 0) -> Optional[str]:
    """past | present | future for one verb token, from its form and its auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if verb.tag_ in ("VBN", "VBD") and verb.lemma_.lower() in _ARRANGE and not words & {"had"} and any(
            c.dep_ == "dobj" for c in verb.children):
        return FUTURE  # "has scheduled a news conference Thursday", "planned a rally Saturday"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes) and not words & {"will", "'ll", "shall"}:
        return PAST  # "may have been", "has said", "had agreed"
    if words & _FUTURE_AUX:
        return FUTURE
    if any(a.lower_ == "to" for a in auxes) or verb.tag_ == "VB" and not auxes:
        # an infinitive takes its time from the verb (or adjective) it complements:
        # "voted to support ... Friday" is past, "is scheduled to meet Friday" future
        head = verb.head
        if head.i != verb.i and head.pos_ == "ADJ":
            lemma = head.lemma_.lower()
            head = governing_verb(head.head) if head.head.i != head.i else None
            if head is not None and depth < 4:
                ht = verb_tense(head, depth + 1)
                return PAST if ht == PAST else FUTURE
            return FUTURE if lemma in _FORWARD else None
        if head.i != verb.i and head.pos_ in ("VERB", "AUX"):
            if head.lemma_.lower() in _FORWARD:
                # "planned to leave Thursday", "is scheduled to close Monday"; but "had been
                # scheduled to expire Friday" is over
                if any(a.lower_ == "had" for a in head.children if a.dep_ in ("aux", "auxpass")):
                    return PAST
                return FUTURE
            ht = verb_tense(head, depth + 1) if depth < 4 else None
            if ht == PAST:
                return PAST
            return FUTURE
        return FUTURE
    for a in auxes:
        if a.tag_ == "VBD" or "Past" in a.morph.get("Tense"):
            return PAST
        if a.lemma_ in ("have",) and verb.tag_ == "VBN":
            return PAST
    if verb.tag_ in ("VBD",):
        return PAST
    if verb.tag_ == "VBN":
        if any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
            return FUTURE if verb.lemma_.lower() in _FORWARD else PRESENT
        if verb.dep_ in ("amod", "acl"):
            return None
        return PAST
    if verb.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return FUTURE  # "is meeting Friday"
    if verb.tag_ == "VBP" and verb.lower_ in _SAME_FORM and not auxes:
        return PAST  # "stocks hurt the index on Friday": the tagger cannot tell, news reports
    if verb.tag_ in ("VBZ", "VBP"):
        if verb.lemma_.lower() in _FORWARD or any(
                c.lemma_.lower() in _FORWARD for c in verb.children if c.dep_ in ("acomp", "xcomp")):
            return FUTURE
        return PRESENT
    return None


def tense_at(doc, start: int, end: int, text: str = "") -> Optional[str]:
    """Tense of the clause around text[start:end]; falls back on nearby words without a parse.

    Words next to the expression override the clause: "as early as Tuesday" and a deadline
    ("postponed until Tuesday") look ahead; "Wednesday's ruling" names something that happened.
    """
    before = text[max(0, start - 30):start] if text else ""
    if before and _AHEAD_BEFORE.search(before):
        return FUTURE
    if re.search(r"(?i:\blast\s+)$", before):
        return PAST  # "shot to death last Oct. 23"
    if re.search(r"(?i:\bnext\s+)$", before):
        return FUTURE
    if text and re.match(r"'s\s+[a-z]", text[end:end + 4]) and not re.search(
            r"(?i:\b(?:next|this|coming)\s+)$", before):
        return PAST
    if doc is not None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            verb = governing_verb(span.root)
            if verb is not None:
                if (before and _UNTIL_BEFORE.search(before)
                        and verb.lemma_.lower() in _DEADLINE | _ARRANGE):
                    return FUTURE
                return verb_tense(verb)
            sent = span.sent
            return _word_tense(text[sent.start_char:sent.end_char]) if text else None
    if text:
        lo = max(0, text.rfind(".", 0, start) + 1)
        hi = text.find(".", end)
        return _word_tense(text[lo: hi if hi > 0 else len(text)])
    return None


def _word_tense(window: str) -> Optional[str]:
    if _WORD_FUTURE.search(window):
        return FUTURE
    if _WORD_PAST.search(window):
        return PAST
    return None
