"""Who is speaking: the cue's subject, its mention span, and its name, role and organisation.

No coreference model is available offline, so pronouns and role nouns ("he", "the official")
are resolved by `Resolver` to the nearest earlier compatible speaker or person mention.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .lexicon import (FEMALE_PRONOUNS, GENDERED_ROLES, HONORIFICS, MALE_PRONOUNS, MEDIUM_NOUNS,
                      ORG_LABELS, ORG_NOUNS, PLURAL_PRONOUNS, SPEAKER_PRONOUNS)

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Entity types that never speak: a misparse took "said Monday" or "4:40 p.m." for the subject
# (a PERCENT or CARDINAL does: "47 percent said ...").
NOT_SPEAKER_ENTS = frozenset({"DATE", "TIME", "MONEY", "QUANTITY", "ORDINAL"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})


def can_speak(tok) -> bool:
    if tok.ent_type_ in ("GPE", "LOC") and tok.is_upper and len(tok) > 2:
        return False  # a dateline ("WASHINGTON —") that the parse made the subject
    return tok.ent_type_ not in NOT_SPEAKER_ENTS and not tok.is_punct and not tok.is_space
# Dependents that a speaker's mention keeps (to the left of its head): "the senior UN official".
_MENTION_LEFT = frozenset({"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod",
                           "case", "advmod", "npadvmod"})
_ORG_PREPS = frozenset({"at", "of", "for", "with", "in", "from", "on"})


@dataclass
class Who:
    """A speaker as read from the text; `head` is the spaCy token the mention is built on."""
    start: int
    end: int
    name: Optional[str] = None
    role: Optional[str] = None
    org: Optional[str] = None
    kind: str = "unknown"  # person | org | pronoun | role | unknown
    gender: Optional[str] = None  # m | f | None
    plural: bool = False


def subject_of(cue):
    """The token that does the saying: the cue's subject, climbing through coordinated and
    participial verbs ("Trump took the stage and said", "..., saying that ...")."""
    tok = cue
    if _passive_participle(cue):
        # "Asked about the plan, Ryan said ...": the main clause's subject was asked, it did not ask
        return _agent(cue)
    for _ in range(4):
        subjects = sorted((c for c in tok.children if c.dep_ in SUBJECT_DEPS and can_speak(c)),
                          key=lambda c: abs(c.i - tok.i))
        if subjects:
            child = subjects[0]
            if child.dep_ == "nsubjpass":
                agent = _agent(tok)
                if agent is not None:
                    return agent
                if cue.lemma_ in ("quote", "cite"):
                    return child
                return None if tok.i == cue.i else child
            return child
        agent = _agent(tok)
        if agent is not None:
            return agent
        if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("PROPN", "NOUN", "PRON"):
            carrier = _carrier_verb(tok.head)
            if carrier is None:
                return tok.head
            tok = carrier  # "Trump issued a statement saying ...": Trump says it
            continue
        if tok.dep_ in ("conj", "xcomp", "advcl", "pcomp") and tok.head.i != tok.i:
            tok = tok.head
            continue
        break
    return None


def _carrier_verb(noun):
    """The verb that issued a statement, letter, ad ... ("released a letter that says",
    "said in a statement calling"), or None when `noun` is not such a medium."""
    if noun.lemma_.lower() not in MEDIUM_NOUNS or noun.ent_type_:
        return None
    if noun.dep_ in ("dobj", "nsubjpass"):
        return noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        return noun.head.head if noun.head.head.pos_ in ("VERB", "AUX") else None
    return None


def _passive_participle(verb) -> bool:
    """A bare past participle heading a modifier clause ("Asked about ...", "told of ...")."""
    return (verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl", "amod")
            and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children))


def _agent(verb):
    for child in verb.children:
        if child.dep_ == "agent":
            for g in child.children:
                if g.dep_ == "pobj":
                    return g
    return None


def mention_bounds(head):
    """Token bounds [i, j) of the speaker's mention: its head and left modifiers, plus a name
    that follows as a compound ("spokeswoman Jessica Ditto")."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in _MENTION_LEFT:
            start = min(start, child.left_edge.i)
    end = head.i + 1
    # keep the whole entity the head sits in
    if head.ent_type_:
        doc = head.doc
        j = head.i
        while j > 0 and doc[j - 1].ent_iob_ == "I" and doc[j].ent_iob_ == "I":
            j -= 1
        while j > 0 and doc[j].ent_iob_ == "I":
            j -= 1
        start = min(start, j)
        k = head.i + 1
        while k < len(doc) and doc[k].ent_iob_ == "I":
            k += 1
        end = max(end, k)
    doc = head.doc
    while start < head.i and doc[start].is_punct:
        start += 1
    # hyphenated words the tokenizer split: "under-secretary-general"
    while end < len(doc) and not doc[end - 1].whitespace_ and (
            doc[end].text == "-" or doc[end - 1].text == "-") and doc[end].text not in ('"', "'"):
        end += 1
    while start > 0 and not doc[start - 1].whitespace_ and (
            doc[start - 1].text == "-" or doc[start].text == "-"):
        start -= 1
    return start, end


def _np_text(tok, skip_det: bool = True) -> str:
    """A noun phrase's text without its determiner, relative clauses or trailing punctuation."""
    toks = [t for t in tok.subtree]
    drop = set()
    for t in tok.subtree:
        if t.dep_ in ("relcl", "acl", "appos", "punct") and t.i != tok.i:
            if t.dep_ == "punct":
                drop.add(t.i)
            else:
                drop.update(x.i for x in t.subtree)
    toks = [t for t in toks if t.i not in drop and not (t.dep_ == "case" and t.head.i == tok.i)]
    if skip_det and toks and toks[0].dep_ == "det" and toks[0].head.i == tok.i:
        toks = toks[1:]
    if not toks:
        return tok.text
    doc = tok.doc
    return doc[toks[0].i:toks[-1].i + 1].text.strip(" ,")


def _strip_possessive(text: str) -> str:
    """"Sanders's" / "Sanders'" -> "Sanders" (a name ending in s keeps its s)."""
    for suffix in ("'s", "\u2019s"):
        if text.endswith(suffix):
            return text[:-len(suffix)]
    if text.endswith("s'") or text.endswith("s\u2019"):
        return text[:-1]
    return text


def _entity_of(tok):
    return tok.ent_type_ or None


def _person_text(doc, start, end) -> str:
    toks = [t for t in doc[start:end] if t.ent_type_ == "PERSON" and not t.is_punct]
    if not toks:
        return ""
    while toks and toks[0].lower_ in HONORIFICS:
        toks = toks[1:]
    if not toks:
        return ""
    return _strip_possessive(doc[toks[0].i:toks[-1].i + 1].text).strip()


def _role_words(head, stop: int) -> tuple[str, Optional[str]]:
    """Words left of the name: the role ("senior editor", "Col.") and an organisation named
    there ("State Department spokesman John Kirby"). Mr/Mrs/Ms are no role."""
    doc = head.doc
    role_toks, org = [], None
    for t in doc[head.left_edge.i:stop]:
        if t.dep_ in ("det", "punct", "case", "poss") or t.head.dep_ == "poss":
            continue
        if t.ent_type_ in ("ORG",) and org is None:
            org = _ent_text(t)
            continue
        if t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or HONORIFICS.get(t.lower_, None):
            continue
        role_toks.append(t)
    if not role_toks:
        return "", org
    return doc[role_toks[0].i:role_toks[-1].i + 1].text.strip(" ,"), org


def _prep_org(tok) -> Optional[str]:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in _ORG_PREPS:
            for g in child.children:
                if g.dep_ == "pobj":
                    return _np_text(g)
    return None


def _poss_org(tok) -> Optional[str]:
    for child in tok.children:
        if child.dep_ == "poss" and child.ent_type_ in ORG_LABELS:
            return _np_text(child)
    return None


def _role_phrase(tok) -> str:
    """A role noun with its modifiers: "senior editor", "under-secretary-general for
    humanitarian affairs" (an organisation after at/of/with is not part of the role)."""
    doc = tok.doc
    start = tok.i
    for child in tok.lefts:
        if child.dep_ in ("amod", "compound", "nmod") and not child.ent_type_ in ("PERSON",):
            start = min(start, child.left_edge.i)
    while start < tok.i and (doc[start].ent_type_ in ORG_LABELS | {"PERSON"} or doc[start].is_punct):
        start += 1
    end = tok.i + 1
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ == "for":
            pobj = [g for g in child.children if g.dep_ == "pobj"]
            if pobj and not pobj[0].ent_type_:
                end = child.right_edge.i + 1
    return doc[start:end].text


def describe(head) -> Who:
    """Read a speaker mention: bounds, kind, name, role, organisation, gender."""
    doc = head.doc
    s, e = mention_bounds(head)
    who = Who(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))
    low = head.lower_
    if low in RELATIVE_PRONOUNS and head.head.dep_ == "relcl" and head.head.head.i != head.head.i:
        # "Madison, who recalled ...": the mention is "who", the speaker its antecedent
        ante = describe(head.head.head)
        ante.start, ante.end = who.start, who.end
        if ante.kind in ("role", "unknown"):
            ante.kind = "role"
        return ante
    if head.pos_ == "PRON" or low in SPEAKER_PRONOUNS:
        who.kind = "pronoun"
        who.gender = "m" if low in MALE_PRONOUNS else "f" if low in FEMALE_PRONOUNS else None
        who.plural = low in PLURAL_PRONOUNS
        return who
    label = head.ent_type_
    appos = [c for c in head.children if c.dep_ == "appos"]
    if label == "PERSON":
        who.kind = "person"
        who.name = _person_text(doc, s, e) or head.text
        for t in doc[s:e]:
            g = HONORIFICS.get(t.lower_)
            if g:
                who.gender = g
        title, org = _role_words(head, _first_person_token(doc, s, e))
        org = _poss_org(head) or org
        role = None
        # "Antoun Issa, senior editor at ...", and the other way round: "the UN's
        # under-secretary-general, Stephen O'Brien, said"
        described = appos + ([head.head] if head.dep_ == "appos" and head.head.pos_ == "NOUN"
                             else [])
        for a in described:
            if a.ent_type_ in ORG_LABELS and a.pos_ == "PROPN":
                org = org or _ent_text(a)
                continue
            role = role or _role_phrase(a)
            org = org or _prep_org(a) or _poss_org(a)
        if role is None and head.dep_ != "appos":
            role, org = _role_before(doc, s, e, org)
        role = role or title
        for c in head.lefts:
            if c.dep_ == "compound" and c.ent_type_ in ("ORG", "NORP") and not org:
                org = c.text if c.ent_iob_ == "B" and (c.i + 1 >= len(doc) or doc[c.i + 1].ent_iob_ != "I") else _ent_text(c)
        who.role = role or None
        who.org = org
        for w in (who.role or "").lower().split():
            who.gender = who.gender or GENDERED_ROLES.get(w)
        return who
    if label in ORG_LABELS and head.pos_ == "PROPN":
        who.kind = "org"
        who.name = _ent_text(head)
        if any(c.dep_ == "poss" and c.ent_type_ in ORG_LABELS for c in head.lefts):
            who.name = _mention_name(doc, s, e)  # "Russia's defence ministry"
        who.org = who.name
        who.plural = head.tag_ == "NNPS"
        return who
    # a common noun: a role ("the official") or an organisation in common words ("the commission")
    person_appos = [a for a in appos if a.ent_type_ == "PERSON"]
    if person_appos:
        p = person_appos[0]
        ps, pe = mention_bounds(p)
        who.kind = "person"
        who.name = _person_text(doc, ps, pe) or p.text
        who.role = _role_phrase(head)
        who.org = _poss_org(head) or _prep_org(head)
        return who
    if head.lemma_.lower() in ORG_NOUNS or (head.ent_type_ == "ORG" and head.tag_ == "NN"):
        # "Russia's defence ministry", "the Syrian army": an organisation in common words
        who.kind = "org"
        who.name = who.org = _mention_name(doc, s, e)
        return who
    who.kind = "role"
    who.role = _role_phrase(head)
    who.org = _poss_org(head) or _prep_org(head)
    who.plural = head.tag_ in ("NNS", "NNPS")
    who.gender = GENDERED_ROLES.get(low)
    return who


def _mention_name(doc, s: int, e: int) -> str:
    """The mention's words without a leading determiner or a trailing possessive."""
    if doc[s].dep_ == "det" and s + 1 < e:
        s += 1
    return _strip_possessive(doc[s:e].text)


def _role_before(doc, s: int, e: int, org: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """"the UN's under-secretary-general for humanitarian affairs, Stephen O'Brien, said" when
    the parse did not link the role to the name: a noun phrase that ends in a comma right
    before a name that is itself followed by a comma."""
    if s < 2 or e >= len(doc) or doc[s - 1].text != "," or doc[e].text != ",":
        return None, org
    t = doc[s - 2]
    while t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.pos_ == "NOUN":
        t = t.head.head
    if t.pos_ != "NOUN" or t.ent_type_ or t.lemma_.lower() in ORG_NOUNS:
        return None, org
    return _role_phrase(t), org or _poss_org(t) or _prep_org(t)


def _first_person_token(doc, s, e) -> int:
    for t in doc[s:e]:
        if t.ent_type_ == "PERSON" and t.lower_ not in HONORIFICS:
            return t.i
    return e


def _ent_text(tok) -> str:
    doc = tok.doc
    i = tok.i
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    j = tok.i + 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        j += 1
    toks = doc[i:j]
    if toks and toks[0].lower_ == "the":
        toks = doc[i + 1:j]
    text = toks.text
    return _strip_possessive(text)


@dataclass
class _Known:
    name: str
    kind: str
    gender: Optional[str]
    role: Optional[str]
    org: Optional[str]
    plural: bool = False


def _next_pronoun_gender(doc, ent, stop: int) -> Optional[str]:
    """The gender of the first he/she pronoun after a subject name, within its sentence and
    the next, when no other person is named before it ("Clinton said ... She added")."""
    sent = ent.root.sent
    end = min(stop, len(doc), sent.end + 40)
    for t in doc[ent.end:end]:
        if t.is_sent_start and t.sent.start > sent.end:
            break
        if t.lower_ in MALE_PRONOUNS:
            return "m"
        if t.lower_ in FEMALE_PRONOUNS:
            return "f"
    return None


@dataclass
class Resolver:
    """Remembers the named speakers and people of a document, in order, to resolve later
    pronouns, role nouns and surnames."""
    people: dict[str, str] = field(default_factory=dict)  # surname -> full name
    history: list[_Known] = field(default_factory=list)
    persons: list[tuple[int, str]] = field(default_factory=list)  # (char offset, full name)
    orgs: list[tuple[int, str]] = field(default_factory=list)
    genders: dict[str, str] = field(default_factory=dict)  # surname -> m | f, read from the text

    @classmethod
    def for_doc(cls, doc) -> "Resolver":
        r = cls()
        votes: dict[str, list[int]] = {}
        ents = [e for e in doc.ents if e.label_ == "PERSON"]
        for k, ent in enumerate(ents):
            toks = [t for t in ent if t.lower_ not in HONORIFICS and not t.is_punct]
            if not toks:
                continue
            full = doc[toks[0].i:toks[-1].i + 1].text
            full = _strip_possessive(full)
            r.persons.append((ent.start_char, full))
            if ent.root.dep_ in ("nsubj", "nsubjpass"):
                g = _next_pronoun_gender(doc, ent, ents[k + 1].start if k + 1 < len(ents) else len(doc))
                if g:
                    v = votes.setdefault(full.split()[-1], [0, 0])
                    v[g == "f"] += 1
        r.genders = {n: ("m" if m > f else "f") for n, (m, f) in votes.items() if m != f}
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                continue
            elif ent.label_ == "ORG":
                r.orgs.append((ent.start_char, ent.text[4:] if ent.text.lower().startswith("the ") else ent.text))
        return r

    def full_name(self, name: str, before: int) -> str:
        """"Issa" -> "Antoun Issa" when an earlier (or any) mention gives the longer name."""
        parts = name.split()
        if not parts:
            return name
        last = parts[-1]
        best = None
        for off, full in self.persons:
            fp = full.split()
            if len(fp) > len(parts) and fp[-1] == last:
                if off < before or best is None:
                    best = full
                if off >= before:
                    break
        return best or name

    def resolve(self, who: Who, offset: int) -> Who:
        """Fill `who.name` (and role/org when known) for pronouns, role nouns and surnames."""
        if who.kind == "person" and who.name:
            who.name = self.full_name(who.name, offset)
            who.gender = who.gender or self.genders.get(who.name.split()[-1])
            self._remember(who)
            return who
        if who.kind == "org":
            self._remember(who)
            return who
        if who.kind == "pronoun":
            if who.plural:
                hit = self._last(lambda k: k.kind == "org" or k.plural)
            elif who.gender is None:  # "it"
                hit = self._last(lambda k: k.kind == "org")
            else:
                hit = self._last(lambda k: k.kind == "person" and k.gender in (None, who.gender))
                if hit is None:
                    name = self._last_person(offset, who.gender)
                    if name:
                        hit = _Known(name, "person", who.gender, None, None)
                        self.history.append(hit)
                if hit is not None and hit.gender is None:
                    hit.gender = who.gender
            if hit is not None:
                who.name, who.role, who.org = hit.name, who.role or hit.role, who.org or hit.org
            return who
        if who.kind == "role" and who.role:
            head = who.role.split()[-1].lower()
            hit = self._last(lambda k: k.role is not None and head in k.role.lower().split())
            if hit is None and not who.plural:
                org = self._org_named(head, offset)
                if org:
                    who.kind, who.name, who.org = "org", org, org
                    self._remember(who)
                    return who
            if hit is not None:
                who.name = hit.name
                who.org = who.org or hit.org
            return who
        return who

    def _remember(self, who: Who) -> None:
        for k in self.history:
            if k.name == who.name:
                k.gender = k.gender or who.gender
                k.role = k.role or who.role
                k.org = k.org or who.org
                self.history.remove(k)
                self.history.append(k)
                return
        self.history.append(_Known(who.name or "", who.kind, who.gender, who.role, who.org,
                                   who.plural))

    def _last(self, ok) -> Optional[_Known]:
        for k in reversed(self.history):
            if ok(k):
                return k
        return None

    def _last_person(self, before: int, gender: Optional[str] = None) -> Optional[str]:
        best = None
        for off, full in self.persons:
            if off >= before:
                break
            if gender is None or self.genders.get(full.split()[-1], gender) == gender:
                best = full
        return self.full_name(best, before) if best else None

    def _org_named(self, word: str, before: int) -> Optional[str]:
        for off, name in reversed(self.orgs):
            if off < before and word in name.lower().split():
                return name
        return None
