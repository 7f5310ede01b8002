"""Negated ("did not attack", "denied attacking") and hypothetical ("threatened to", "aims to take",
"would") events, read from the trigger's dependency context."""
from __future__ import annotations

from typing import Optional

from ..docmemo import memo
from .lexicon import EVENT_PLACE_PREPS

DENY = {"deny", "refute", "reject", "dismiss", "fail", "avoid", "refrain", "stop", "prevent", "thwart",
        "foil", "abort", "cancel", "call off", "rule out", "disprove"}
INTEND = {"threaten", "plan", "aim", "intend", "vow", "pledge", "promise", "seek", "want", "prepare",
          "expect", "fear", "warn", "propose", "consider", "hope", "wish", "plot", "mull", "urge", "call",
          "demand", "ask", "order", "need", "push", "press", "decide", "agree", "offer", "refuse",
          "threat", "plan", "bid", "attempt_to_be", "likely", "able", "ready", "set", "poised", "anticipate",
          "anticipation", "expectation"}
# what is only planned, named by its noun ('a planned bomb attack', 'plotted an attack on the base')
PLANNING = {"plan", "plot", "intend", "threaten", "prepare", "propose", "mull"}
PLANNED = {"planned", "plotted", "intended", "threatened", "proposed", "would-be", "possible", "potential", "imminent",
           "impending", "looming"}
MODALS = {"would", "could", "may", "might", "will", "shall", "should", "'ll", "wo", "ca", "must"}
CONDITION = {"if", "unless", "whether", "lest"}
NEG_DETS = {"no", "neither", "nor", "never", "without"}


def _framing_heads(tok, steps: int = 3):
    """The words `tok` is a complement, object or clause of, going up (with the link to each): where a denial
    or an intention that frames it is told ('denied attacking', 'threatened to seize')."""
    cur = tok
    for _ in range(steps):
        if cur.head.i == cur.i:
            return
        if cur.dep_ not in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acl", "advcl", "conj", "relcl"):
            return
        yield cur.dep_, cur.head
        cur = cur.head


def _from_clause(verb) -> bool:
    """The verb keeps its object from doing something ('stopped the march from reaching')."""
    return any(c.dep_ == "prep" and c.lower_ == "from" and any(g.dep_ == "pcomp" for g in c.children)
               for c in verb.children)


def negated(tok) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    if any(c.dep_ == "det" and c.lower_ in NEG_DETS for c in tok.children):
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ == "without":  # 'took the town without a fight'
        return True
    if tok.dep_ in ("dobj", "nsubjpass", "nsubj") and any(c.dep_ == "neg" for c in tok.head.children):
        return True
    for dep, gov in _framing_heads(tok):
        if dep == "conj":
            continue
        if dep == "dobj" and _from_clause(gov):
            return False  # 'police prevented protesters from reaching the square': the reaching is denied
        if gov.lemma_.lower() in DENY:
            return not any(c.dep_ == "neg" for c in gov.children)
        if dep in ("xcomp", "ccomp") and any(c.dep_ == "neg" for c in gov.children):
            return True
    return False


def _modal_object(tok) -> bool:
    """The noun is what an object of a modal verb consists of ('could take weeks or months of combat',
    'may require months of fighting'): the object is a possibility, and so is the event inside it."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ != "pobj" or tok.head.lower_ != "of":
        return False
    cur = tok.head.head
    while cur.dep_ == "conj" and cur.head.i != cur.i:  # "weeks or months of ..."
        cur = cur.head
    if cur.pos_ not in ("NOUN", "PROPN") or cur.dep_ not in ("dobj", "attr"):
        return False
    return any(c.dep_ == "aux" and c.lower_ in MODALS for c in cur.head.children)


def _modal_subject(tok) -> bool:
    """The event verb is itself the subject of a modal verb ('retaking the town may require months of
    fighting', 'capturing the city could take weeks'): the act is weighed, not told."""
    if not (tok.dep_ in ("csubj", "csubjpass") or (tok.dep_ == "nsubj" and tok.tag_ == "VBG")):
        return False
    return any(c.dep_ == "aux" and c.lower_ in MODALS for c in tok.head.children)


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
    if _modal_object(tok) or _modal_subject(tok):
        return True
    if tok.pos_ == "NOUN" and (any(c.dep_ == "amod" and c.lower_ in PLANNED for c in tok.children)
                               or tok.dep_ == "dobj" and tok.head.lemma_.lower() in PLANNING):
        return True  # 'thwarted a planned bomb attack', 'plotted an attack on the base'
    for dep, gov in _framing_heads(verb):
        lemma = gov.lemma_.lower()
        if dep == "conj":
            continue
        if lemma in INTEND and dep in ("xcomp", "ccomp", "pcomp", "pobj", "acl", "prep"):
            # a complement clause follows the verb of intention: "X protested ..., the students also called
            # for help" (a misparse) does not make the protest a request; and "set" intends only with
            # "to" ("set to attack"), not in "set a bank on fire"
            if dep == "ccomp" and gov.i > verb.i:
                continue
            if lemma == "set" and dep != "xcomp":
                continue
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
    for _ in range(3):  # "will provide nearly 25,000 tons of food aid": up to the verb governing the noun
        if verb.pos_ in ("NOUN", "PROPN", "ADP") and verb.dep_ in ("dobj", "nsubjpass", "nsubj", "pobj", "prep") \
                and verb.head.i != verb.i:
            verb = verb.head
        else:
            break
    if verb.pos_ not in ("VERB", "AUX"):
        verb = tok
    if any(c.dep_ == "mark" and c.lower_ in CONDITION for c in verb.children):
        return False  # "if it is attacked": a condition, not an intention
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_MODALS for c in verb.children):
        return True
    for dep, gov in _framing_heads(verb, 2):
        if dep in ("xcomp", "prep", "pcomp") and gov.lemma_.lower() in WILLING:
            return True
    return False


HALT = {"cancel", "postpone", "suspend", "halt", "stop", "cut", "freeze", "withhold", "prohibit", "end",
        "terminate", "scrap", "shelve", "abandon", "cease", "discontinue", "block", "bar"}
PERMIT = {"allow", "permit", "authorize", "authorise", "approve", "legalize", "legalise"}


def _called_off(gov) -> bool:
    return gov.lemma_.lower() in ("call", "break") and any(c.dep_ == "prt" and c.lower_ == "off"
                                                              for c in gov.children)


def halted(tok) -> bool:
    """'cancelled a planned visit', 'halted economic aid', 'called off a strike': the trigger names what
    the actor stops doing (PLOVER codes the stopping itself)."""
    for dep, gov in _framing_heads(tok, 3):
        if dep == "conj":
            continue
        if gov.lemma_.lower() in HALT or _called_off(gov):
            return True
        if gov.pos_ == "VERB" and dep in ("dobj", "xcomp", "ccomp"):
            return False
    return False


ENDING = {"end", "halt", "stop"}  # "an end to attacks"
ASKING = {"call", "appeal", "demand", "plea", "request", "ask", "press", "push"}  # "called for protests"


# what is asked for may name an event only to say something about it: 'called for an inquiry into the
# killings' or 'demanded justice for the victims of the attack' ask about an event that did happen
ABOUT = {"investigation", "inquiry", "probe", "justice", "accountability", "punishment", "prosecution", "trial",
         "compensation", "release", "explanation", "apology", "answer", "information", "report", "account",
         "victim", "family", "memorial", "anniversary", "aftermath", "response"}
CHAIN_PREPS = {"of", "as", "to", "for"}  # 'an end to the description of last Wednesday's protest as a riot'


def _asked_for_here(tok) -> bool:
    prep, gov = tok.head.lower_, tok.head.head.lemma_.lower()
    before = tok.doc[tok.head.i - 1] if tok.head.i > 0 else tok.head
    # the parser may hang 'to' on the verb: 'demanded a halt | to the shelling'
    ending = gov in ENDING or (before.pos_ == "NOUN" and before.lemma_.lower() in ENDING)
    return (prep == "to" and ending) or (prep == "for" and gov in ASKING) \
        or (prep == "of" and gov == "cessation")


def asked_for(tok) -> bool:
    """The event noun is what someone asks for or wants ended ('its call for an end to attacks', 'demanded
    a halt to the shelling', 'called for protests', 'a cessation of hostilities'), or lies inside it, down a
    short chain of nouns and prepositions ('an end to the description of last Wednesday's protest as a
    riot'): no event is told, only the asking (PLOVER REQUEST, read from the asking word). A chain through
    a noun that asks about an event ('an inquiry into the killings', 'justice for the victims of the
    attack') stops: that event did happen."""
    for _ in range(4):
        while tok.dep_ == "conj" and tok.head.i != tok.i:  # "an end to attacks and sieges"
            tok = tok.head
        if tok.dep_ != "pobj" or tok.head.head.i == tok.head.i:
            return False
        if _asked_for_here(tok):
            return True
        noun = tok.head.head
        if tok.head.lower_ not in CHAIN_PREPS or noun.pos_ not in ("NOUN", "PROPN") \
                or noun.lemma_.lower() in ABOUT:
            return False
        tok = noun
    return False


REMEMBRANCE = {"anniversary", "commemoration", "remembrance", "memory", "memorial"}
REMEMBERING = {"commemorate", "remember", "honour", "honor", "mark"}


def commemorated(tok) -> bool:
    """The trigger names, or lies inside, what an anniversary or a commemoration is of ('fell on the first
    anniversary of the U.S. airstrike that destroyed the hospital, killing 42 people', 'commemorating the
    massacre'): history recalled, no event of the report's time."""
    cur = tok
    for _ in range(6):
        if cur.head.i == cur.i:
            return False
        head = cur.head
        if cur.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in REMEMBRANCE \
                and head.head.i != head.i:
            return True
        if cur.dep_ == "dobj" and head.lemma_.lower() in REMEMBERING and (head.lemma_.lower() != "mark"
                                                                          or head.tag_ == "VBG"):
            return True
        if cur.dep_ not in ("relcl", "acl", "advcl", "conj", "pobj", "prep", "dobj", "nsubj", "nsubjpass",
                            "compound", "amod", "appos"):
            return False
        cur = head
    return False


def dated_by_remembrance(tok) -> bool:
    """A definite event noun whose clause only dates it against an anniversary ('The attack fell on the
    first anniversary of ...', 'The bombing came on the anniversary of ...'): it names an event the report
    has told already, no new one."""
    if tok.pos_ != "NOUN" or tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.i == tok.i:
        return False
    if not any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its", "their")
               for c in tok.children):
        return False
    return any(c.dep_ == "prep" and any(g.dep_ == "pobj" and g.lemma_.lower() in REMEMBRANCE for g in c.children)
               for c in tok.head.children)


SUPERLATIVES = {"deadliest", "worst", "bloodiest", "biggest", "largest", "heaviest", "fiercest", "costliest",
                "deadly", "lethal", "devastating", "violent", "serious", "destructive", "intense"}


def superlative_description(tok) -> bool:
    """'... blew up at a junction in the deadliest attack in Somalia's history', '..., the worst violence
    since 2011', 'was the bloodiest attack this year': a superlative noun that ranks an event already told
    in the clause (as a prepositional phrase, an appositive or a predicate), not a new event."""
    if tok.pos_ != "NOUN" or not (tok.dep_ in ("appos", "attr") or (tok.dep_ == "pobj" and tok.head.lower_ == "in")):
        return False
    for c in tok.children:
        if c.dep_ == "amod" and c.lower_ in SUPERLATIVES and (
                c.tag_ == "JJS" or any(a.dep_ == "advmod" and a.lower_ == "most" for a in c.children)):
            return True
    return False


def permitted(tok) -> bool:
    """'allowed the opposition to hold a rally': the permitting is the event (PLOVER CONCEDE)."""
    for dep, gov in _framing_heads(tok, 3):
        if gov.lemma_.lower() in PERMIT and not any(c.dep_ == "neg" for c in gov.children):
            return True
    return False


DEMAND_MODALS = {"must", "should"}
INTENT_WORDS = {"ready", "willing", "prepared", "committed", "determined"}


def _modal_heads(doc) -> set[int]:
    """Indices of the tokens with a "must"/"should" among their children."""
    m = memo(doc)
    if "demand_heads" not in m.extra:
        m.extra["demand_heads"] = {doc[i].head.i for i, low in enumerate(m.lowers) if low in DEMAND_MODALS}
    return m.extra["demand_heads"]


def demanded_verbs(sent) -> list:
    """Verbs under 'must'/'should' ('Iraq must cooperate fully', 'said the rebels should hand over their
    weapons'): a demand on the clause's subject (PLOVER REQUEST)."""
    out = []
    doc = sent.doc
    heads = _modal_heads(doc)
    for i in range(sent.start, sent.end):
        if i not in heads:
            continue  # no "must"/"should" child
        t = doc[i]
        if t.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ in DEMAND_MODALS for c in t.children) \
                and t.dep_ in ("ROOT", "ccomp", "conj") and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("i", "we", "it", "one", "you") for c in t.children):
            out.append(t)
    return out


def intent_words(sent) -> list:
    """'is ready to contribute troops', 'is committed to opening up': a stated intention (PLOVER AGREE
    when what is intended is cooperative)."""
    out = []
    doc = sent.doc
    lowers = memo(doc).lowers
    for i in range(sent.start, sent.end):
        if lowers[i] not in INTENT_WORDS:
            continue
        t = doc[i]
        if t.pos_ in ("ADJ", "VERB") and t.dep_ in ("acomp", "ROOT", "ccomp", "xcomp", "conj") \
                and any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "to") for c in t.children) \
                and not any(c.dep_ == "neg" for c in t.head.children) and not any(c.dep_ == "neg" for c in t.children):
            out.append(t)
    return out


def governed_by(tok, gov, steps: int = 4) -> bool:
    if tok.i == gov.i:
        return True
    cur = tok
    for _ in range(steps):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.i == gov.i:
            return True
    return False


CONFLICT_NOUNS = {"conflict", "war", "insurgency", "violence", "fighting", "unrest", "crisis", "uprising",
                  "rebellion", "campaign", "hostilities", "bloodshed", "insurrection", "revolution", "fight"}
CUMULATIVE = ("so far", "to date", "in total", "in all", "since the start", "since the beginning")


def _clause_verb(tok):
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nsubj", "nsubjpass", "dobj") and tok.head.i != tok.i:
        return tok.head
    return tok


GOING_ON = {"continue", "rage", "persist", "go", "drag"}


def _ongoing_setting(tok) -> bool:
    """'reinforcements arrived as battles continue in the area': fighting going on, the setting of the act told."""
    v = tok.head
    return tok.dep_ == "nsubj" and v.lemma_.lower() in GOING_ON and v.dep_ == "advcl" \
        and any(c.dep_ == "mark" and c.lower_ in ("as", "while") for c in v.children)


def _since_clause(tok) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "since" for c in tok.children)


def _since_follows(v) -> bool:
    """'had been injured since the protests began, 28 of whom ...': a 'since' right after the verb opens
    its time span even where the parser hung the clause on a later verb."""
    doc = v.doc
    end = memo(doc).sent(v.i).end
    j = v.i + 1
    while j < end and doc[j].pos_ in ("ADV", "PART", "ADP") and doc[j].dep_ in ("advmod", "prt"):
        j += 1
    return j < end and doc[j].lower_ == "since" and doc[j].dep_ in ("mark", "prep")


def background(tok) -> Optional[str]:
    """A trigger that tells history or a running total rather than an event: 'history' for 'since the
    offensive began', 'the conflict, which began in 1964, has killed ...', 'people who fled Boko Haram
    violence' in a sentence about today; 'total' for 'attacks have killed eight leaders since July',
    'killed in protests since early April' (the acts happened, the figure sums many events)."""
    v = _clause_verb(tok)
    if _ongoing_setting(tok):
        return "history"
    cur = v
    for _ in range(4):
        if _since_clause(cur):
            return "history"
        if cur.head.i == cur.i:
            break
        cur = cur.head
    kids = list(v.children)
    if v.dep_ == "conj":  # "has killed ... and driven millions from their homes": the shared subject and aux
        kids += [c for c in v.head.children if c.dep_ in ("nsubj", "aux")]
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in kids)
    if any(c.dep_ == "nsubj" and c.lemma_.lower() in CONFLICT_NOUNS for c in kids) and (perfect or v.tag_ == "VBZ"):
        return "history"
    if v.dep_ == "relcl" and memo(v.doc).sent(v.i).root.tag_ in ("VBZ", "VBP"):
        return "history"  # "hosts thousands of people who fled ...": a description of who they are
    if any(c.dep_ == "prep" and c.lower_ == "since" for c in kids) \
            or any(c.dep_ == "advcl" and _since_clause(c) for c in kids) or _since_follows(v):
        return "total"
    m = memo(v.doc)
    sent = m.sent(v.i)
    low = m.span_text(sent).lower()
    if perfect and any(w in low for w in CUMULATIVE):
        return "total"
    if perfect and _rounded_toll(v) and not _dated_or_placed(sent):
        return "total"
    return None


ROUNDING = {"about", "around", "some", "nearly", "almost", "roughly", "approximately", "over", "more", "least",
            "up"}


def _rounded_toll(v) -> bool:
    """'about 400 people have been killed', 'more than 1,000 have died': a present perfect harm whose victims
    are a rounded figure."""
    if not any(c.dep_ == "aux" and c.tag_ in ("VBP", "VBZ") for c in v.children):
        return False  # 'had been killed' tells what happened before an event
    for c in v.children:
        if c.dep_ not in ("nsubj", "nsubjpass"):
            continue
        nums = [c] if c.pos_ == "NUM" else [n for n in c.children if n.dep_ == "nummod"]
        if any(w.lower_ in ROUNDING for n in nums for w in n.subtree):
            return True
    return False


def dated(sent) -> bool:
    """The sentence names a date or a time."""
    ents = memo(sent.doc).ent_types
    return any(ents[i] in ("DATE", "TIME") for i in range(sent.start, sent.end))


def _dated_or_placed(sent) -> bool:
    """The sentence names a date or time, or a place something happened in ('in Kunduz', 'near the border')."""
    return dated(sent) or any(t.ent_type_ in ("GPE", "LOC", "FAC") and t.dep_ == "pobj"
                              and t.head.lower_ in EVENT_PLACE_PREPS for t in sent)


TOLL_NOUNS = {"toll", "number", "total", "tally", "count"}
RAISING = {"bring", "raise", "push", "take", "lift", "increase"}


def toll_update(tok) -> bool:
    """'The deaths brought the toll to eight': harm already told, now added to a running total."""
    if tok.pos_ != "NOUN":
        return False
    # the parser may make the noun the root and the verb a clause on it
    verbs = [tok.head] if tok.dep_ == "nsubj" else [c for c in tok.children if c.dep_ in ("acl", "relcl")]
    verbs = [v for v in verbs if v.lemma_.lower() in RAISING]
    if not verbs or not any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in tok.children) \
            or any(c.dep_ == "nummod" for c in tok.children):
        return False  # 'two more deaths brought the toll to 12': deaths told here
    return any(c.dep_ == "dobj" and c.lemma_.lower() in TOLL_NOUNS for v in verbs for c in v.children)


FREQUENCY = {"often", "usually", "regularly", "frequently", "routinely", "typically", "generally", "normally",
             "commonly", "sometimes", "always", "habitually", "occasionally"}
LONG_SPANS = {"year", "decade", "generation", "century"}


def _verb_of(tok):
    """The verb whose clause the trigger belongs to: the trigger itself, or the verb of which it (or the
    noun it modifies: 'suicide car bombs') is subject or object."""
    cur = tok
    while cur.dep_ in ("compound", "amod", "nmod") and cur.head.i != cur.i:
        cur = cur.head
    if cur.pos_ in ("NOUN", "PROPN") and cur.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and cur.head.i != cur.i:
        cur = cur.head
    return cur


def _long_span(tok) -> bool:
    """'for a decade', 'for years'; not a year named ('insurance for the year 2013-14')."""
    return tok.lemma_.lower() in LONG_SPANS and not any(c.text[:4].isdigit() for c in tok.children)


def habitual(tok) -> Optional[str]:
    """A trigger in a clause that tells what an actor does habitually or has done for years rather than an
    event: a frequency adverb ('often uses suicide car bombs'), a span of years ('has fought the government
    for a decade'), 'tended to raid'. 'description' when the clause describes a participant (a relative
    clause: 'an insurgency that ... often uses', and there also the present simple: 'Iran, which backs the
    Houthis'): no event at all; 'pattern' when the sentence asserts it ('soldiers routinely beat up
    detainees'): PLOVER still codes the reported acts, ACLED codes no event without a date and place."""
    v = _verb_of(tok)
    if v.pos_ not in ("VERB", "AUX"):
        return None
    kids = list(v.children)
    top = v
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    describes = top.dep_ in ("relcl", "acl")
    if any(c.dep_ == "advmod" and c.lower_ in FREQUENCY for c in kids) \
            or any(c.dep_ == "prep" and c.lower_ == "for" and any(
                g.dep_ == "pobj" and _long_span(g) for g in c.children) for c in kids) \
            or (v.dep_ == "xcomp" and v.head.lemma_.lower() == "tend"):
        return "description" if describes else "pattern"
    if top.dep_ != "relcl" or v.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in kids):
        return None
    # 'Brussels, where donors meet this week': a scheduled event, not a description
    if any(c.lower_ in ("where", "when") or c.ent_type_ in ("DATE", "TIME") for c in [*kids, *top.children]):
        return None
    return "description"


FIRST_SECOND = {"i", "we", "you"}


def quoted_intention(tok) -> bool:
    """Inside a direct quote, a present, negated or first-person statement ('We are not here to fight')
    speaks of intentions, not of an event that happened."""
    v = _clause_verb(tok)
    if v.tag_ in ("VBD", "VBN") and not negated(tok):
        subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
        return bool(subj) and subj[0].lower_ in FIRST_SECOND and v.tag_ != "VBD"
    return True


def conditional(tok) -> bool:
    """'if it is attacked': the clause of the trigger is a condition."""
    v = _clause_verb(tok)
    return any(c.dep_ == "mark" and c.lower_ in CONDITION for c in v.children)


VICTIM_NOUNS = {"injured", "wounded", "dead", "killed", "displaced", "fallen"}


def victims_named(tok) -> bool:
    """A harm word standing for people already reported ('flew dozens of the seriously injured to Ankara',
    'doctors treated the wounded'): it names victims, it reports no harm of its own."""
    if tok.lower_ not in VICTIM_NOUNS:
        return False
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
        return False  # 'the injured soldiers': an adjective of the noun that follows
    i = tok.i - 1
    while i >= 0 and doc[i].tag_ in ("RB", "RBR", "RBS"):
        i -= 1
    return i >= 0 and doc[i].lower_ in ("the", "those", "their")


REACTIONS = {"condemn", "denounce", "deplore", "decry", "investigate", "probe", "criticise", "criticize", "mourn"}


def reaction_object(tok) -> bool:
    """'Ban condemned the attack', 'he condemned what he called a horrific attack': the event a reaction is
    to, told earlier in the report (in its first sentence a reaction may be all the report says of it)."""
    if tok.pos_ != "NOUN" or memo(tok.doc).sent_no[tok.i] == 0:
        return False
    if any(c.dep_ == "nummod" for c in tok.children):
        return False
    gov = tok.head
    if tok.dep_ in ("oprd", "attr") and gov.lemma_.lower() == "call" and any(c.lower_ == "what" for c in gov.children):
        tok, gov = gov, gov.head  # 'what he called a horrific attack'
    elif not any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "these", "those", "its", "their")
                 for c in tok.children):
        return False
    return tok.dep_ in ("dobj", "ccomp") and gov.lemma_.lower() in REACTIONS

