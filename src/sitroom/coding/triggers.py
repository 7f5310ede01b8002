"""Which tokens start an event: lemma (one or several words) plus dependency context."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..docmemo import memo
from .lexicon import Kind, TriggerSpec, lexicon


SKIP_ENTS = {"DATE", "TIME", "PERSON", "GPE", "LOC", "FAC"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}
# 'a number of checkpoints', 'half of the city', 'thousands of miners': who or what is meant is the noun after 'of'
PORTIONS = {"number", "part", "half", "rest", "most", "some", "all", "many", "several", "dozen", "dozens",
            "majority", "much", "parts", "each", "one", "hundreds", "thousands", "scores", "group", "groups"}


@dataclass
class Trigger:
    kind: Kind
    token: object  # the spaCy head token of the trigger
    start: int  # char span of the trigger words in the text
    end: int
    lemma: str
    spec_order: int


def _context(tok) -> set[str]:
    """Lemmas and lower forms of the token's children and the two words before it."""
    m = memo(tok.doc)
    lem, low = m.lemmas, m.lowers
    out = set()
    for c in tok.children:
        out.add(lem[c.i])
        out.add(low[c.i])
        for cc in c.children:  # "air" in "an air and drone strike", "fire" in "exchange of fire"
            out.add(lem[cc.i])
            out.add(low[cc.i])
    sent = m.sent(tok.i)
    for i in (1, 2):
        if tok.i - i >= sent.start:
            out.add(lem[tok.i - i])
            out.add(low[tok.i - i])
    for i in (1, 2):
        if tok.i + i < sent.end:
            nxt = tok.doc[tok.i + i]
            if nxt.dep_ in ("compound", "prt") or nxt.head.i == tok.i:
                out.add(lem[nxt.i])
                out.add(low[nxt.i])
    if tok.dep_ in ("compound", "amod", "nmod"):
        out.add(lem[tok.head.i])
        out.add(low[tok.head.i])
    return out


def _matches_words(lem: list[str], low: list[str], i: int, end: int, words: tuple[str, ...]) -> bool:
    if i + len(words) > end:
        return False
    for k, w in enumerate(words):
        if w != lem[i + k] and w != low[i + k]:
            return False
    return True


def _of_objects(tok) -> list:
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]


def _patients(tok) -> list:
    """What a verb acts on (its object or passive subject), or what a noun is of ('capture of the town')."""
    if tok.pos_ in ("NOUN", "PROPN"):
        heads = _of_objects(tok)
    else:
        heads = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    return [_portion_of(x) for h in heads for x in (h, *h.conjuncts)]


def _portion_of(tok):
    of = _of_objects(tok)
    return of[0] if of and (tok.pos_ == "NUM" or tok.lemma_.lower() in PORTIONS or tok.lower_ in PORTIONS) else tok


def _takes_one_of(words: frozenset, tok) -> bool:
    """The verb names nothing it takes, or something among `words`, a place or a pronoun."""
    patients = _patients(tok)
    return not patients or any(p.lemma_.lower() in words or p.lower_ in words or p.ent_type_ in PLACE_ENTS
                               or p.pos_ in ("PROPN", "PRON", "NUM") for p in patients)


# 'carried the wounded out after the strike': the subject of a verb timed by the event did not do it
TIMING_PREPS = {"after", "before", "following", "since", "until", "till"}


def _governing_verb(tok, limit: int = 4):
    """The verb a noun is the object of, through prepositions ('went on strike', 'stopped work on the first day
    of a strike'), unless a preposition of time stands between."""
    cur = tok
    for _ in range(limit):
        if cur.dep_ not in ("dobj", "pobj", "prep") or cur.head.i == cur.i:
            return None
        if cur.dep_ == "prep" and cur.lower_ in TIMING_PREPS:
            return None
        cur = cur.head
        if cur.pos_ == "VERB":
            return cur
    return None


def _agents(tok) -> list:
    """Who does what the token tells: a verb's subject (a conjoined verb shares it) or passive 'by' agent,
    a noun's compound or possessive ('a militia blockade') or the subject of the verb it is the object of
    ('workers went on strike')."""
    deps = ("compound", "poss") if tok.pos_ in ("NOUN", "PROPN") else ("nsubj",)
    out = [c for c in tok.children if c.dep_ in deps]
    if tok.pos_ in ("NOUN", "PROPN"):
        verb = _governing_verb(tok)
        out += [c for c in verb.children if c.dep_ == "nsubj"] if verb is not None else []
    if not out and tok.dep_ == "conj" and tok.pos_ == "VERB":
        out = [c for c in tok.head.children if c.dep_ == "nsubj"]
    out += [g for c in tok.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
            for g in c.children if g.dep_ == "pobj"]
    return [_portion_of(x) for h in out for x in (h, *h.conjuncts)]


def _modified_noun(tok) -> Optional[str]:
    """The lemma of the noun the word modifies ('riot police'), also as a conjunct of its modifier ('nuclear
    and missile programmes')."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.head.lemma_.lower() if tok.dep_ in ("compound", "amod", "nmod") else None


def _ok(spec: TriggerSpec, tok, ctx: set[str], sent_words: set[str]) -> bool:
    if spec.pos and tok.pos_ not in spec.pos:
        return False
    if spec.with_ and not (spec.with_ & ctx):
        return False
    if spec.near and not (spec.near & sent_words):
        return False
    if spec.unless and (spec.unless & (ctx | sent_words if len(spec.words) == 1 else ctx)):
        return False
    if spec.not_of and _modified_noun(tok) in spec.not_of:
        return False
    if spec.not_head and tok.dep_ in ("nsubj", "nsubjpass", "dobj") and tok.head.lemma_.lower() in spec.not_head:
        return False
    if spec.patient and not _takes_one_of(spec.patient, tok):
        return False
    if spec.agent and not _agent_among(spec.agent, tok):
        return False
    if spec.not_agent and _agent_among(spec.not_agent, tok):
        return False
    return True


def _agent_among(words: frozenset, tok) -> bool:
    return any(a.lemma_.lower() in words or a.lower_ in words for a in _agents(tok))


def _leads_hyphenated(doc, i: int) -> bool:
    """The word opens a hyphenated compound ('a shoot-them-up', 'bomb-making', 'gun-toting'): it names no act."""
    return i + 2 < len(doc) and not doc[i].whitespace_ and doc[i + 1].text == "-" and not doc[i + 1].whitespace_ \
        and doc[i + 2].is_alpha


def _closes_hyphenated(doc, i: int) -> bool:
    """A participle closing a hyphenated modifier ('Iranian-backed militias', 'state-funded media'): it says
    what the noun is, no act the report tells."""
    tok = doc[i]
    return tok.tag_ == "VBN" and tok.dep_ in ("amod", "compound") and _after_hyphen(doc, i)


def _after_hyphen(doc, i: int) -> bool:
    """The word follows a hyphen that joins it to the word before ('state-funded', 'cease-fire')."""
    return i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_


NEGATING_PREFIXES = {"cease", "anti"}


def _negated_by_prefix(doc, i: int) -> bool:
    """The word closes 'cease-fire' or an 'anti-' compound ('a cease-fire agreement', 'an anti-protest law'):
    it names what is stopped or opposed, no act."""
    return _after_hyphen(doc, i) and doc[i - 2].lower_ in NEGATING_PREFIXES


def _label_kind(sent) -> Optional[str]:
    """ACLED notes may open with a label such as 'Property destruction:'."""
    text = memo(sent.doc).span_text(sent)
    colon = text.find(":")
    if 0 < colon < 40:
        return lexicon().labels.get(text[:colon].strip().lower())
    return None


def find_triggers(sent) -> list[Trigger]:
    """All triggers in one sentence (a spaCy Span), in text order, one per token."""
    lex = lexicon()
    doc = sent.doc
    m = memo(doc)
    lem, low, ent_types, poses = m.lemmas, m.lowers, m.ent_types, m.poses
    sent_words = set(lem[sent.start:sent.end]) | set(low[sent.start:sent.end])
    out: list[Trigger] = []
    label = _label_kind(sent)
    triggers = lex.triggers
    i = sent.start
    while i < sent.end:
        if ent_types[i] in SKIP_ENTS:  # "March" the month, "Strike" in a name
            i += 1
            continue
        by_lemma, by_lower = triggers.get(lem[i]), triggers.get(low[i])
        if not by_lemma and not by_lower:
            i += 1
            continue
        specs = (by_lemma or []) + (by_lower or [])
        tok = doc[i]
        hit = None
        if not tok.is_stop or poses[i] in ("VERB", "NOUN"):
            ctx = None
            for spec in sorted(specs, key=lambda s: (-len(s.words), s.order)):
                if not _matches_words(lem, low, i, sent.end, spec.words):
                    continue
                if len(spec.words) == 1 and (_leads_hyphenated(doc, i) or _closes_hyphenated(doc, i)
                                             or _negated_by_prefix(doc, i)):
                    continue
                span = doc[i:i + len(spec.words)]
                head = span.root
                if ctx is None or len(spec.words) > 1:
                    ctx = _context(head) | (set(lem[span.start:span.end]) if len(spec.words) > 1 else set())
                if _ok(spec, head, ctx, sent_words):
                    hit = (spec, span, head)
                    break
        if hit:
            spec, span, head = hit
            kind = lex.kinds[spec.kind]
            out.append(Trigger(kind, head, span.start_char, span.end_char, " ".join(spec.words), spec.order))
            i += len(spec.words)
        else:
            i += 1
    if label and out:
        # the label names the incident's form; it re-types the sentence's first lead trigger, and the other
        # lead triggers ('Weapons seizure: ... seized 8 hand-grenades', 'Detonation: ... landmines exploded')
        lead = next((t for t in out if t.kind.role in ("lead", "harm")), out[0])
        for t in out:
            if t is lead or t.kind.role == "lead":
                t.kind = lex.kinds[label]
    elif label:
        root = sent.root
        out.append(Trigger(lex.kinds[label], root, root.idx, root.idx + len(root.text), root.lemma_.lower(), -1))
    return out
