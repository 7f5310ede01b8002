"""Read every attribution of a parsed document into `Quote`s (direct, indirect, mixed)."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import Optional

from ..docmemo import memo
from ..model import Cue, Quote, Span, Speaker
from .cues import CueWord, Inside, conditional, find_cues, negated, that_clause
from .direct import (MARK_TOKENS, DirectHit, content_bounds, cue_after, cue_before, cue_by_tree,
                     ends_clause, standalone)
from .indirect import according_content, noun_content, noun_speaker, trim, verb_content
from .lexicon import SOURCE_NOUNS
from .marks import find_marked, paragraphs
from .speakers import Resolver, Who, can_speak, describe, subject_of

_TAG = re.compile(r"<[A-Za-z/][^<>\n]{0,400}>")
_TRAILING_CONJ = re.compile(r"[\s,;]+(and|but|while|or|as)$")
# Transcript lines: "PENCE: Well, look, ..." (the cue is the colon).
_TRANSCRIPT = re.compile(r'"?([A-Z][A-Z.\'\- ]{1,40}[A-Z.]):\s+')


class _TokenIndex:
    """Character offset -> index of the token that covers it (or the next one)."""

    def __init__(self, doc):
        self.doc = doc
        self.starts = memo(doc).idxs

    def __call__(self, offset: int) -> Optional[int]:
        k = bisect.bisect_right(self.starts, offset) - 1
        if k < 0:
            return 0 if self.starts else None
        t = self.doc[k]
        if offset >= t.idx + len(t) and k + 1 < len(self.starts):
            return k + 1
        return k


def extract(doc, text: str, stance: bool = False) -> list[Quote]:
    """All quotes of `doc` (a parse of `text` with straightened quote marks), in text order.

    `stance` also reads attributed beliefs and expectations ("officials believe that ...").
    """
    ptext = memo(doc).text
    # markup left in the text (<tweet author="..." id="...">) holds neither quotes nor cues
    in_tag = Inside([(m.start(), m.end()) for m in _TAG.finditer(ptext)])
    marked = [m for m in find_marked(ptext) if not in_tag(m.open)]
    inside = Inside([(m.open, m.after) for m in marked])
    tok_at = _TokenIndex(doc)
    paras = paragraphs(ptext)
    para_starts = [s for s, _ in paras]

    def para_of(offset: int) -> int:
        return max(0, bisect.bisect_right(para_starts, offset) - 1)

    cues = [c for c in find_cues(doc, inside)
            if (stance or c.kind != "stance") and not in_tag(c.start)]
    cue_at = {c.token.i: c for c in cues if c.kind != "noun"}
    resolver = Resolver.for_doc(doc)

    hits = _direct_hits(doc, ptext, marked, paras, para_of, tok_at, cue_at, inside)
    hits += _transcript_hits(doc, ptext, paras, hits)
    used = {id(h.cue) for h in hits if h.cue is not None}

    found: list[_Found] = []
    for h in hits:
        s, e = h.parts[0][0], h.parts[-1][1]
        parts = [Span(a, b) for a, b in h.parts] if len(h.parts) > 1 else []
        found.append(_Found(Quote(s, e, text[s:e], h.kind, parts=parts), h.cue, who=h.who))
    direct_spans = sorted((f.quote.start, f.quote.end) for f in found)

    for c in cues:
        if id(c) in used:
            continue
        src = None
        if c.kind == "according":
            span, src = according_content(c.token)
        elif c.kind == "noun":
            span, src = noun_content(c.token, that_clause(c.token)), noun_speaker(c.token)
        else:
            span = verb_content(c.token, c.kind)
        if span is None:
            continue
        ps, pe = paras[para_of(c.start)]
        s, e = trim(ptext, max(span[0], ps), min(span[1], pe))
        if e - s < 2 or _covered(direct_spans, s, e):
            continue
        e = _close_mark(ptext, s, e)
        kind = "mixed" if any(m in ptext[s:e] for m in ('"', "''", "``")) else "indirect"
        found.append(_Found(Quote(s, e, text[s:e], kind), c, head=src))

    found = _drop_nested(found)
    found.sort(key=lambda f: (f.quote.start, f.quote.end))
    found = _merge_floating(found, ptext, paras, para_of)
    quotes: list[Quote] = []
    last_direct: Optional[Quote] = None
    for f in found:
        q, c = f.quote, f.cue
        q.text = text[q.start:q.end]
        if c is not None:
            q.cue = Cue(c.start, c.end, text[c.start:c.end])
            head = f.head
            if c.kind in ("speech", "stance"):
                q.negated = negated(c.token)
                q.conditional = conditional(c.token)
                head = subject_of(c.token)
                if q.kind != "indirect" and (head is None or inside(head.idx)):
                    # "...," said Leslie Wimes: the parse took a quoted word for the subject
                    head = _inverted_subject(c.token) or head
            elif c.kind == "according" and head is None:
                head = according_content(c.token)[1]
            if head is not None:
                q.speaker = _speaker(describe(head), text, resolver, c.start)
            elif f.who is not None:
                q.speaker = _speaker(f.who, text, resolver, c.start)
        elif f.who is not None:
            q.speaker = _speaker(f.who, text, resolver, q.start)
        elif q.kind == "direct" and last_direct is not None and last_direct.speaker is not None:
            q.speaker = replace(last_direct.speaker)  # a floating quote inherits the last speaker
        if q.kind == "direct":
            last_direct = q
        quotes.append(q)
    return quotes


def _merge_floating(found: list["_Found"], ptext: str, paras, para_of) -> list["_Found"]:
    """A quoted paragraph with no cue right after a paragraph that ends with a quote continues
    that quote (the newspaper habit of running one speaker's words over paragraphs)."""
    out: list[_Found] = []
    for f in found:
        prev = out[-1] if out else None
        q = f.quote
        if (prev is not None and f.cue is None and f.who is None and q.kind == "direct"
                and not q.parts):
            p = para_of(q.start)
            pp = para_of(prev.quote.end)
            if p == pp + 1 and paras[pp][1] - prev.quote.end <= 3 and q.start - paras[p][0] <= 2:
                pq = prev.quote
                pieces = pq.parts or [Span(pq.start, pq.end)]
                pq.parts = pieces + [Span(q.start, q.end)]
                pq.end = q.end
                continue
        out.append(f)
    return out


@dataclass
class _Found:
    quote: Quote
    cue: Optional[CueWord]
    head: object = None  # the speaker token when the cue is not a verb ("according to X")
    who: Optional[Who] = None  # a speaker read without a parse (transcripts)


_CONTRAST = frozenset({"while", "whereas", "although", "though", "but"})


def _coordinate(verb) -> bool:
    """A reporting verb that starts a clause of its own inside another quote's content:
    "... and most said", "..., while the UN said"."""
    if verb is None:
        return False
    if verb.dep_ == "conj":
        return True
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONTRAST
                                        for c in verb.children)


def _drop_nested(found: list[_Found]) -> list[_Found]:
    """An attribution whose cue sits inside another quote's content is part of that quote
    ("Kelly said she wanted to ..."), except a coordinated one ("... said X, and most said Y"),
    which ends the outer quote instead."""
    keep = []
    for f in sorted(found, key=lambda f: f.quote.start - f.quote.end):
        c = f.cue
        outer = None
        if c is not None:
            for k in keep:
                if k.quote.start <= c.start < k.quote.end and k is not f:
                    outer = k
                    break
        if outer is None:
            keep.append(f)
            continue
        if _coordinate(c.token) and outer.quote.kind != "direct" and not outer.quote.parts:
            head = subject_of(c.token)
            cut = min(c.start, c.token.left_edge.idx,
                      head.left_edge.idx if head is not None else c.start)
            s, e = trim(outer.quote.text, 0, cut - outer.quote.start)
            m = _TRAILING_CONJ.search(outer.quote.text[s:e])
            if m:
                s, e = trim(outer.quote.text, s, s + m.start())
            if e - s >= 2:
                base = outer.quote.start
                outer.quote.start, outer.quote.end = base + s, base + e
                outer.quote.text = outer.quote.text[s:e]
                keep.append(f)
    return keep


def _close_mark(ptext: str, s: int, e: int) -> int:
    """Take in the closing quote mark the parse left outside: 'that "nobody expected this."'."""
    if ptext.count('"', s, e) % 2 == 1:
        j = e
        while j < len(ptext) and j - e < 3 and ptext[j] in ".,!?":
            j += 1
        if j < len(ptext) and ptext[j] == '"':
            return j + 1
    return e


def _covered(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Is [s, e) mostly inside a direct quote already found?"""
    for a, b in spans:
        if a < e and s < b:
            if min(b, e) - max(a, s) >= 0.5 * (e - s):
                return True
    return False


def _speaker(who: Who, text: str, resolver: Resolver, offset: int) -> Speaker:
    who = resolver.resolve(who, offset)
    return Speaker(who.start, who.end, text[who.start:who.end], who.name, who.role, who.org)


def _direct_hits(doc, ptext, marked, paras, para_of, tok_at, cue_at, inside) -> list[DirectHit]:
    hits: list[DirectHit] = []
    for m in marked:
        p = para_of(m.open)
        pstart = paras[p][0]
        cue = cue_after(doc, ptext, m, tok_at, cue_at)
        alone = standalone(ptext, m, pstart) and ends_clause(ptext, m)
        k = tok_at(m.open)
        if cue is None and not alone and k and doc[k - 1].i in cue_at and ends_clause(ptext, m):
            cue, alone = cue_at[doc[k - 1].i], True  # Trump declared "..."
        kind = "direct"
        if cue is None and not alone:
            continue
        s, e = content_bounds(ptext, m.start, m.end)
        if not alone:
            # The country "has made dramatic changes," McConnell said: the sentence is the content
            sent = doc[k].sent if k is not None else None
            if sent is not None and sent.start_char < m.open:
                s, kind = max(sent.start_char, pstart), "mixed"
        who = None
        if cue is None:
            cue = cue_before(doc, ptext, m, tok_at, cue_at, pstart) or cue_by_tree(
                doc, m, tok_at, cue_at, inside, paras[p])
        if cue is None:
            cue, who = _dash_signature(ptext, m, paras[p][1])
        if cue is None and m.open - pstart <= 1 and p > 0:
            cue, who = _colon_intro(doc, ptext, paras[p - 1], tok_at, cue_at)
        if e <= s:
            continue
        parts = _paragraph_parts(ptext, s, e) if m.paragraphs > 1 else [(s, e)]
        prev = hits[-1] if hits else None
        if prev is not None and (cue is None or cue is prev.cue) and (
                prev.paragraph == p or (cue is prev.cue and prev.paragraph >= p - 1)):
            # the second half of a quote split by its cue, or more of the same quote
            prev.parts.extend(parts)
            prev.marks.append(m)
            continue
        hits.append(DirectHit(parts, cue, para_of(m.close), floating=cue is None, marks=[m],
                              kind=kind, who=who))
    return hits


_DASH_NAME = re.compile(r"[ \t]*([\u2015\u2014\u2013-]{1,2})[ \t]*([A-Z][\w.'-]*(?:[ \t]+[A-Z][\w.'-]*){0,3})")


def _dash_signature(ptext: str, m, para_end: int):
    """"..." ― Edwin Monroy: a signed quote (the dash is the cue)."""
    hit = _DASH_NAME.match(ptext, m.after, para_end)
    if hit is None:
        return None, None
    name = hit.group(2).strip()
    cue = CueWord(None, hit.start(1), hit.end(1), "signature")
    return cue, Who(hit.start(2), hit.start(2) + len(name), name=name, kind="person")


def _colon_intro(doc, ptext: str, prev_para, tok_at, cue_at):
    """"Sanders made the following comment:" then a quoted paragraph: the introducing
    sentence gives the cue (its reporting verb, else the colon) and the speaker."""
    ps, pe = prev_para
    if ptext[pe - 1] != ":":
        return None, None
    k = tok_at(pe - 1)
    if k is None:
        return None, None
    sent = doc[k].sent
    verbs = [cue_at[t.i] for t in sent if t.i in cue_at]
    if verbs:
        return verbs[-1], None
    root = sent.root
    head = subject_of(root)
    cue = CueWord(None, pe - 1, pe, "colon")
    return cue, (describe(head) if head is not None else None)


def _inverted_subject(cue):
    """"..., said Obama" / ", Brent Bozell, founder of ..., tells Breitbart" when the parse
    gives the cue no subject: the name or pronoun right after the cue, else the first one
    between the closing quote mark and the cue."""
    doc = cue.doc
    sent = cue.sent
    for i in range(cue.i + 1, min(sent.end, cue.i + 4)):
        t = doc[i]
        if t.text in MARK_TOKENS or t.text in (".", "?", "!"):
            break
        if _speaker_word(t):
            return _name_head(t)
    j = cue.i - 1
    while j >= sent.start and doc[j].text not in MARK_TOKENS and doc[j].text not in (
            ".", "?", "!") and cue.i - j <= 30:
        j -= 1
    for t in doc[j + 1:cue.i]:
        if _speaker_word(t) or (t.pos_ == "NOUN" and t.dep_ not in ("compound", "amod")):
            return _name_head(t)
    return None


def _speaker_word(t) -> bool:
    return (t.pos_ in ("PROPN", "PRON") and t.dep_ != "poss" and t.lower_ != "it"
            and can_speak(t))


def _name_head(t):
    """The head of the name a token sits in ("Bill" -> "Eastland")."""
    while t.dep_ == "compound" and t.head.i != t.i and 0 < t.head.i - t.i <= 3:
        t = t.head
    return t


def _paragraph_parts(ptext: str, s: int, e: int) -> list[tuple[int, int]]:
    out = []
    for m in re.finditer(r"[^\n]+", ptext[s:e]):
        a, b = s + m.start(), s + m.end()
        while a < b and ptext[a] in ' "\t':
            a += 1
        while b > a and ptext[b - 1] in ' "\t':
            b -= 1
        if b > a:
            out.append((a, b))
    return out or [(s, e)]


_HEADLINE = re.compile(r"(?:[A-Z]+ [\u2013\u2014-] )?((?:[A-Z][\w.'\u2019-]*\s){0,4}[A-Z][\w.'\u2019-]*):\s+(?=\S)")
_NOT_SPEAKERS = frozenset({"update", "updates", "exclusive", "watch", "video", "breaking", "note",
                           "transcript", "photos", "photo", "source", "sources", "live", "read",
                           "listen", "analysis", "opinion", "editorial", "q",
                           "a", "related", "see", "more", "warning", "correction", "editor's note"})


def _headline(doc, ptext: str, ps: int, pe: int):
    """"Sanders: Brexit's message could draw Trump support" — a headline giving a claim to its
    source: a short paragraph, the source one to five capitalised words that the article names
    as a person or an organisation somewhere, the claim at least three words."""
    if pe - ps > 160:
        return None
    m = _HEADLINE.match(ptext, ps, pe)
    if m is None or m.group(1).split()[-1].lower() in _NOT_SPEAKERS:
        return None
    if len(ptext[m.end():pe].split()) < 3 or ptext[m.end()].isdigit():
        return None
    last = m.group(1).split()[-1]
    if last.lower() in SOURCE_NOUNS:  # "Poll: ...", "Officials: ..."
        return m
    if not any(e.label_ in ("PERSON", "ORG") and last in e.text.split() for e in doc.ents):
        return None
    return m


_QUOTED_HEADLINE = re.compile(r"([^:\n]{3,120}):\s+(['\u2018\"])(?=\S)")
_CLOSE = {"'": "'", "\u2018": "\u2019", '"': '"'}


def _quoted_headline(doc, ptext: str, ps: int, pe: int):
    """"Warren Hammers Wells Fargo CEO: 'You Should Be Investigated'" — a short paragraph
    whose words after a colon are all in quote marks, single ones included (headline style):
    the first person (else organisation) named before the colon is the speaker."""
    if pe - ps > 200:
        return None
    m = _QUOTED_HEADLINE.match(ptext, ps, pe)
    if m is None:
        return None
    close = _CLOSE[m.group(2)]
    end = pe
    while end > m.end() and ptext[end - 1] in ".!? ":
        end -= 1
    if ptext[end - 1] != close or end - 1 - m.end() < 3:
        return None
    a, b = m.end(), end - 1
    for label in ("PERSON", "ORG"):
        for ent in doc.ents:
            if ent.label_ == label and ps <= ent.start_char and ent.end_char <= m.end(1):
                return ent, (a, b), m.end(1)
    return None


def _transcript_hits(doc, ptext, paras, hits) -> list[DirectHit]:
    """Interview transcripts: "NAME: words" paragraphs (the colon is the cue); the paragraphs
    after one, up to the next name, are the same turn."""
    out: list[DirectHit] = []
    taken = [(p.parts[0][0], p.parts[-1][1]) for p in hits]
    turn: Optional[DirectHit] = None
    for i, (ps, pe) in enumerate(paras):
        m = _TRANSCRIPT.match(ptext, ps, pe)
        headline = m is None and (m := _headline(doc, ptext, ps, pe)) is not None
        if m is None and (quoted := _quoted_headline(doc, ptext, ps, pe)) is not None:
            ent, (a, b), colon = quoted
            who = describe(ent.root)
            out.append(DirectHit([(a, b)], CueWord(None, colon, colon + 1, "transcript"), i,
                                 who=who, kind="direct"))
            turn = None
            continue
        if m is None:
            if turn is not None and ptext[ps] == '"':
                a, b = content_bounds(ptext, ps + 1, pe)
                b = b - 1 if ptext[b - 1] == '"' else b
                if b > a:
                    turn.parts.append((a, b))
                    continue
            turn = None
            continue
        a, b = content_bounds(ptext, m.end(), pe)
        if ptext[ps] == '"' and b > a and ptext[b - 1] == '"':
            b -= 1
        if b - a < 2:
            turn = None
            continue
        name_s, name_e = m.start(1), m.end(1)
        name = ptext[name_s:name_e]
        who = Who(name_s, name_e, name=name if headline else name.title(), kind="person")
        cue = CueWord(None, m.end(1), m.end(1) + 1, "transcript")
        kind = "direct"
        if headline:
            quoted = any(mk in ptext[a:b] for mk in ('"', "''", "\u2018"))
            kind = "mixed" if quoted else "indirect"
        turn = DirectHit([(a, b)], cue, i, who=who, kind=kind)
        out.append(turn)
        if headline:
            turn = None
    # a turn that overlaps a quote already found is that quote
    return [h for h in out if not any(s < h.parts[-1][1] and h.parts[0][0] < e for s, e in taken)]
