"""Triggers grouped into incidents (one event each) and typed for ACLED and PLOVER.

Per sentence, the conflict triggers (airstrike, clash, killed, protest ...) that are neither negated
nor hypothetical form one incident; a later sentence that only adds consequences ("Both victims died",
"Police arrested two suspects") joins the incident before it. Political interactions (veto, call for,
talks) are events of their own. The incident's form comes from its highest-ranked trigger, refined by
who did it to whom (an attack on soldiers is a battle, on civilians violence against civilians).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..docmemo import memo
from ..model import Count
from . import counts as C
from .actors import (ARMED, NON_STATE, UNIT_WORDS, Mention, at_home, find_mentions, modifies_kit, off_duty as _off_duty,
                     off_duty_aside, role_of, says_off_duty as _says_off_duty)
from .flags import (asked_for, background, commemorated, conditional, dated, dated_by_remembrance, demanded_verbs,
                    governed_by, habitual, halted, hypothetical, intent_words, negated, permitted, quoted_intention,
                    reaction_object, stated_intent, superlative_description, toll_update, victims_named)
from .lexicon import FIREARMS, SAYING, Kind, lexicon
from .triggers import Trigger, find_triggers

# acts that follow an incident in a later sentence (forces sent in: 'change', see _response_to)
FOLLOW_UPS = {"arrest", "loot", "flee", "kill", "wound", "defuse", "change"}
PROTEST_KINDS = {"protest", "riot"}
NEW_INCIDENT = {"separately", "meanwhile", "elsewhere", "earlier", "later", "also", "additionally"}
VIOLENT_ROLES = {"lead", "harm", "mod"}
COOPERATIVE = {"SUPPORT", "AID", "CONCEDE", "COOPERATE", "CONSULT", "AGREE", "RETREAT"}
HOSTILE = {"ASSAULT", "COERCE", "SANCTION", "PROTEST", "REJECT", "MOBILIZE"}
# harm words whose grammatical subject is the victim ("two men died")
VICTIM_SUBJECT = {"die", "dead", "death", "perish", "succumb", "injure", "wound", "casualty", "flee"}
# unarmed groups that fight each other: "two groups of villagers clashed" is mob violence, not a battle
CIVIL_GROUPS = {"group", "groups", "supporter", "supporters", "member", "members", "villager", "villagers",
                "resident", "residents", "people", "mob", "mobs", "family", "families", "community",
                "communities", "student", "students", "worker", "workers", "labourer", "labourers",
                "laborer", "laborers", "youth", "youths", "neighbour", "neighbours", "neighbor", "neighbors",
                "relative", "relatives", "faction", "factions", "inhabitant", "inhabitants", "local", "locals",
                "shopkeeper", "shopkeepers", "activist", "activists", "accomplice", "accomplices", "follower",
                "followers", "partisan", "partisans", "migrant", "migrants", "refugee", "refugees", "trader",
                "traders", "vendor", "vendors", "crowd", "crowds", "passenger", "passengers", "driver", "drivers"}
CIVILIAN_WORDS = {"man", "woman", "men", "women", "child", "children", "boy", "girl", "people", "person",
                  "civilian", "civilians", "resident", "residents", "villager", "villagers", "farmer",
                  "student", "teacher", "journalist", "family", "worker", "driver", "trader", "victim"}
# 'lathi' is the South Asian police cane ('lathi-charged the crowd'); use_force and break_up are _phrase_form's
INTERVENTION_WORDS = {"disperse", "tear", "teargas", "baton", "cannon", "intervene", "rubber", "forcibly",
                      "evict", "lathi", "lathicharge", "lathicharged", "use_force", "break_up"}
ARREST_WORDS = {"arrest", "detain", "remove"}
# weapons made for dispersing crowds: the police using them on people is a demonstration met with force
CROWD_CONTROL = {("tear", "gas"), ("tear", "-"), ("teargas",), ("rubber", "bullet"), ("rubber", "bullets"),
                 ("plastic", "bullets"), ("beanbag",), ("water", "cannon"), ("water", "cannons"), ("pepper", "spray"),
                 ("stun", "grenade"), ("stun", "grenades"), ("pellet", "guns"), ("flashbang",), ("flashbangs",),
                 ("flash", "-", "bang"), ("flash", "-", "bangs"), ("flash", "grenades"), ("flash", "grenade"),
                 ("sound", "grenades"), ("sound", "bombs"), ("stun", "bombs")}
CROWD_CONTROL_FIRST = {w: [ph for ph in CROWD_CONTROL if ph[0] == w] for w in {ph[0] for ph in CROWD_CONTROL}}
CROWD_CONTROL_KINDS = {"battle", "attack", "shoot", "beat", "kill", "wound", "fire", "shell", "grenade"}
# what a violent crowd does, by lemma: damage or harm ('vandalized the office', 'beat a guard') and missiles
# thrown ('pelted police with stones'); the sets after them, one a use, are built from these two
CROWD_DAMAGE = frozenset({"burn", "torch", "vandalize", "vandalise", "smash", "damage", "loot", "ransack", "destroy",
                          "attack", "assault", "beat"})
THROWING = frozenset({"stone", "pelt", "hurl", "throw"})
# heads of which the demonstrators are the doers ('protesters pelted stones')
DAMAGE_VERBS = CROWD_DAMAGE | THROWING
# verbs whose object tells damage or harm done; 'break' only with BREAKABLE, 'set' only on fire
CROWD_VIOLENCE = CROWD_DAMAGE | {"injure", "wound", "overturn", "break", "set", "kill", "lynch"}
# riot triggers that are stones thrown or a clash, with no demonstration told: mob violence
STONING = THROWING | {"clash"}
# words of the incident's sentences that may tell a crowd's violence, which a violent act of the crowd then
# confirms; not 'destroy', told as often of what forces did to a crowd ('destroyed the protest camp')
VIOLENT_PROTEST_WORDS = ((DAMAGE_VERBS | CROWD_VIOLENCE | STONING) - {"destroy"}) \
    | {"stones", "rock", "rocks", "brick", "bricks", "molotov", "riot", "violent", "burning", "burned", "burnt",
       "barricade"}


@dataclass
class Item:
    trigger: Trigger
    sent: object
    sent_no: int
    negated: bool
    hypothetical: bool
    count: Optional[Count] = None
    count_kind: Optional[str] = None


@dataclass
class Incident:
    items: list[Item] = field(default_factory=list)
    mentions: dict[int, list[Mention]] = field(default_factory=dict)  # sentence no -> mentions
    political: bool = False
    negated: bool = False
    hypothetical: bool = False
    remarks: dict[str, int] = field(default_factory=dict)
    # the typer's features of the incident itself, kept for its actor head (see coding/typer.py)
    typer_words: Optional[list[str]] = field(default=None, repr=False, compare=False)

    @property
    def sent_nos(self) -> list[int]:
        return sorted({i.sent_no for i in self.items})

    def kinds(self) -> set[str]:
        return {i.trigger.kind.name for i in self.items}

    def primary(self) -> Item:
        leads = [i for i in self.items if i.trigger.kind.role == "lead" and not self.trailing(i)]
        pool = leads or [i for i in self.items if i.trigger.kind.role == "harm"] or self.items
        return min(pool, key=lambda i: (i.trigger.kind.rank, i.trigger.token.pos_ != "VERB", i.trigger.start))

    def trailing(self, it: Item) -> bool:
        """A follow-up act (an arrest, a looting) told in a later sentence of an incident that opens with
        deaths or injuries only ('Three people were killed ... Police arrested two suspects'): it neither
        types the incident nor names its parties."""
        first = self.items[0].sent_no
        if it.sent_no == first or it.trigger.kind.name not in FOLLOW_UPS or it.trigger.kind.role != "lead":
            return False
        opening = [i for i in self.items if i.sent_no == first]
        return all(i.trigger.kind.role == "harm" for i in opening) \
            and any(i.trigger.kind.name in ("kill", "wound") for i in opening)


STOPPABLE = {"consult", "visit", "host", "aid", "cooperate", "agree", "support"}
PROTEST_ENDS = {"cancel", "suspend", "end", "postpone", "abandon", "call"}


# a crowd's coming together that armed men do as well: theirs is a massing of forces, not a demonstration
MOVEMENT = {"gather", "assemble", "congregate", "rally", "march", "mass", "converge"}


def _movers(tok):
    """Who gathers or marches: the verb's subject (a conjoined verb's is its head's: 'forces captured the town
    and marched on'), or the noun its clause describes ('militants reported to be gathering', 'fighters who
    gathered')."""
    if tok.dep_ in ("acl", "relcl"):
        return tok.head
    if tok.dep_ == "xcomp" and tok.head.dep_ in ("acl", "relcl"):
        return tok.head.head
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subject is None and tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):
        return _movers(tok.head)
    return subject


# what makes armed men's gathering a protest after all: 'soldiers gathered, demanding their pay'
GRIEVANCE = {"demand", "chant", "slogan", "banner", "placard", "protest", "denounce", "condemn", "wage", "salary",
             "pay", "pension", "right"}


def _armed_movers(tok) -> bool:
    """Armed men on duty gather or march, with no grievance voiced in the clause ('retired soldiers gathered
    ... demanding that their rights be protected' is a protest)."""
    m = _movers(tok)
    if m is None or _says_off_duty(m.doc, m.sent.start, m.i - 4, m.i + 1):
        return False
    words = {m.lower_, m.lemma_.lower()} | {c.lower_ for c in m.children if c.dep_ in ("compound", "amod")}
    if not words & (ARMED_VICTIMS | {"forces", "army", "militia", "militias", "troop", "paramilitaries"}):
        return False
    return not any(t.lemma_.lower() in GRIEVANCE for t in tok.subtree)


def _rekind(trig: Trigger) -> bool:
    """Re-kinds a trigger whose governor changes what the event is, or whose object does; True when the
    governor is the event (so the trigger's own negation does not apply): 'cancelled a visit' (SANCTION),
    'called off the strike', 'allowed the rally' (CONCEDE), 'burnt an effigy' (a peaceful protest)."""
    kinds = lexicon().kinds
    name, tok = trig.kind.name, trig.token
    if name in STOPPABLE and halted(tok):
        trig.kind = kinds["sanction"]
        return True
    if name == "protest" and tok.pos_ == "VERB" and tok.lemma_.lower() in MOVEMENT and _armed_movers(tok):
        trig.kind = kinds["mobilize"]  # PLOVER's MOBILIZE; ACLED codes no event of it
        return False
    if name == "protest" and tok.pos_ == "VERB" and _state_as_subject(tok):
        # 'China protested the arms sale': a diplomatic protest; 'Russia halted gas supplies demanding payment': a
        # state's pressure, no demonstration
        trig.kind = kinds["accuse" if tok.lemma_.lower() == "protest" else "coerce"]
        return False
    if name == "riot" and tok.pos_ == "VERB" and _burned_symbol(tok):
        trig.kind = kinds["protest"]  # 'protesters burnt an effigy of the minister': a sign, no damage
        return False
    if name == "protest" and tok.pos_ == "NOUN":
        if any(g.lemma_.lower() in PROTEST_ENDS and (g.lemma_.lower() != "call" or any(
                c.dep_ == "prt" and c.lower_ == "off" for c in g.children)) for g in [tok.head]) \
                or permitted(tok):
            trig.kind = kinds["concede"]
            return True
    return False


def _state_as_subject(tok) -> bool:
    """The verb's subject, opening the sentence, names a country or city ('China protested', 'Russia halted
    supplies'); not a place the parser took for the subject further on ('On 29 April, in Oaxaca, drivers
    blocked ...')."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.pos_ == "PROPN" and subj.ent_type_ == "GPE" \
        and subj.left_edge.i == memo(tok.doc).sent(tok.i).start


PEOPLE_OF_PROTEST = {"protester", "demonstrator"}


def _speakers(tok) -> bool:
    """'Protesters said that was not enough and demanded ...': the protesters, subject of a verb of saying,
    are the source of what is said, not a protest told (that needs a protest word of its own)."""
    return tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in PEOPLE_OF_PROTEST and tok.dep_ == "nsubj" \
        and tok.head.lemma_.lower() in SAYING


def _item(trig: Trigger, sent, n: int) -> Item:
    tok = trig.token
    if _rekind(trig):
        it = Item(trig, sent, n, False, hypothetical(tok))
    else:
        it = Item(trig, sent, n, negated(tok), hypothetical(tok))
    kind = C.KIND_OF.get(trig.kind.name)
    if kind:
        it.count_kind = kind
        it.count = C.harm_count(tok, kind)
    return it


def _in_quotes(quotes: list[tuple[int, int]], start: int) -> bool:
    return any(a <= start < b for a, b in quotes)


def sentence_triggers(sent, quotes: list[tuple[int, int]] = ()) -> list[Trigger]:
    """The sentence's triggers, less those that tell history or quoted intentions, with demands
    ('X must hand over') and stated intentions ('is ready to contribute') added."""
    lex = lexicon()
    trigs = []
    head = memo(sent.doc).span_text(sent).lstrip()
    opens_quote = len(head) > 1 and head[0] in "\"“" and head[1].isalnum()
    found = find_triggers(sent)
    # 'a truck ... blew up ... in the deadliest attack in Somalia's history': the superlative ranks the event
    # another lead trigger of the sentence tells ('in the worst clashes for decades' alone still tells one)
    ranked = [t for t in found if t.kind.role == "lead" and superlative_description(t.token)]
    if ranked and len(ranked) < sum(t.kind.role == "lead" for t in found):
        found = [t for t in found if t not in ranked]
    # what an anniversary is of, and the participles and clauses telling it after it up to the next main
    # verb ('the anniversary of the U.S. airstrike that destroyed the hospital ..., killing 42 people'),
    # the parser often hanging them elsewhere
    recalled = [t.token.i for t in found if commemorated(t.token)]
    if recalled:
        main = [tok.i for tok in sent if tok.dep_ == "ROOT" or (tok.dep_ == "conj" and tok.head.dep_ == "ROOT"
                                                                and tok.pos_ in ("VERB", "AUX"))]
        first = min(recalled)
        found = [t for t in found if not (t.token.i >= first and not any(first < m <= t.token.i for m in main))]
    told_as = {id(t): background(t.token) for t in found if t.kind.role != "political"}
    totals = [t.token for t in found if t.kind.role == "harm" and t.kind.name != "flee"
              and (told_as[id(t)] == "total" or toll_update(t.token))]
    for t in found:
        told = told_as.get(id(t))
        # a running total of displaced people is still worth its count ("16,000 have fled since ...")
        if told == "history" or t.token in totals:
            continue
        if t.token.dep_ == "pobj" and t.token.head.head in totals:
            continue  # 'the number of people killed in protests since April': the events the total sums
        if t.kind.role == "harm" and victims_named(t.token):
            continue
        if t.kind.plover != "REQUEST" and asked_for(t.token):
            continue
        if t.kind.role == "lead" and dated_by_remembrance(t.token):
            continue
        if habitual(t.token) == "description":
            continue
        if t.kind.role == "lead" and reaction_object(t.token):
            continue
        if t.kind.name == "protest" and _speakers(t.token):
            continue
        if t.kind.role == "lead" and _what_it_followed(t.token, found):
            continue  # 'took control of the stronghold after clashes', 'looted shops the day after they attacked'
        if t.kind.name == "protest" and _stoppage_as_time_frame(t.token, found):
            continue  # 'on day 4 of the hartal, pickets torched a bus', 'killed during the blockade'
        if t.kind.name in ("attack", "beat", "battle") and _figurative(t.token):
            continue  # 'his arrest is an attack on media freedom', 'measures to fight the coronavirus'
        if t.kind.role == "lead" and _alleged(t.token):
            continue  # 'the man was accused of recruiting soldiers': an allegation, no act told
        if t.kind.role == "lead" and (_backing_weapon(t.token) or t.kind.name in WEAPON_KINDS and _carried(t.token)):
            continue  # 'an operation backed by airstrikes', 'a militant armed with a hand grenade'
        if t.kind.name == "curfew" and not _imposed_here(t.token):
            continue  # 'attacked police enforcing the lockdown', 'amid the curfew imposed last week'
        if t.kind.name in WEAPON_KINDS | {"shell"} and _seized(t.token):
            continue  # 'recovered two rifles and three mortar shells': the seizure is the event
        if t.kind.name == "change" and _where_it_happened(t.token):
            continue  # 'killed a man at a checkpoint': the place of another act, no forces set up
        if t.kind.name in ("arrest", "capture") and t.token.dep_ == "amod" and t.token.tag_ == "VBN":
            continue  # 'photographs of detained relatives', 'in the occupied city': held before, not told here
        if t.kind.name == "capture" and _captures_people(t.token):
            # 'militants were killed, injured or captured': people taken, no territory; told alone, an arrest
            if any(o is not t and o.kind.role in ("lead", "harm") for o in found):
                continue
            t.kind = lex.kinds["arrest"]
        if (opens_quote or _in_quotes(quotes, t.start)) and t.kind.role != "political" and quoted_intention(t.token):
            continue
        trigs.append(t)
    for d in demanded_verbs(sent):
        trigs = [t for t in trigs if not governed_by(t.token, d)]
        trigs.append(Trigger(lex.kinds["request"], d, d.idx, d.idx + len(d.text), d.lemma_.lower(), -1))
    for w in intent_words(sent):
        if not any(governed_by(t.token, w) and not conditional(t.token) for t in trigs):
            trigs.append(Trigger(lex.kinds["agree"], w, w.idx, w.idx + len(w.text), w.lemma_.lower(), -1))
    return sorted(trigs, key=lambda t: t.start)


# strikes that last for days, in which other acts are dated ('on day 4 of the hartal', 'during the blockade')
STOPPAGES = {"strike", "hartal", "bandh", "blockade", "shutdown"}
FRAMING_PREPS = {"during", "amid", "amidst", "throughout"}
DAY_WORDS = {"day", "days", "eve"}
TIME_MARKS = {"as", "while", "when"}


def _stoppage_as_time_frame(tok, found: list[Trigger]) -> bool:
    """A strike named as the time of another act the sentence tells ('pickets torched a bus on the third day of
    the hartal'): the act is the event, the strike only dates it."""
    if not _stoppage(tok):
        return False
    tok = _first_of_stoppages(tok)
    if tok.dep_ not in ("pobj", "nsubj"):
        return False
    head = tok.head
    if tok.dep_ == "nsubj":  # 'as the blockade entered its third day': a clause of time of the main verb
        framed = head.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in head.children)
    else:
        framed = head.lower_ in FRAMING_PREPS or head.lower_ == "of" and head.head.lemma_.lower() in DAY_WORDS
    return framed and any(o.kind.role == "lead" and o.token.i != tok.i for o in found)


def _stoppage(tok) -> bool:
    return bool({tok.lemma_.lower(), tok.lower_} & STOPPAGES)


def _first_of_stoppages(tok):
    """The first of strikes told together ('the blockade and the hartal', 'the blockade coupled with a
    hartal'), whose place in the sentence they share."""
    for _ in range(3):
        if tok.dep_ == "conj" and _stoppage(tok.head):
            tok = tok.head
        elif tok.dep_ == "pobj" and tok.head.lower_ == "with" and tok.head.head.dep_ in ("acl", "prep") \
                and _stoppage(tok.head.head.head):
            tok = tok.head.head.head
        else:
            break
    return tok


# prepositions that make a checkpoint or patrol base the place of what the sentence tells
PLACE_OF_ACT = {"at", "near", "outside", "inside", "by"}


def _where_it_happened(tok) -> bool:
    """The trigger noun names a place of the act ('killed a man at a checkpoint')."""
    return tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in PLACE_OF_ACT


# what is attacked only in words: values, rights and institutions ('an attack on media freedom')
ABSTRACT_TARGETS = {"freedom", "freedoms", "liberty", "liberties", "democracy", "right", "rights", "constitution",
                    "sovereignty", "dignity", "independence", "values", "law", "justice", "judiciary", "journalism",
                    "speech", "expression", "press", "reputation", "honour", "honor", "credibility", "integrity",
                    # and what is fought only as a figure: diseases and social ills
                    "coronavirus", "virus", "pandemic", "epidemic", "disease", "outbreak", "covid", "covid-19",
                    "corruption", "poverty", "hunger", "inflation"}


def _figurative(tok) -> bool:
    """An attack or assault on a value or an institution, a fight against a disease ('an attack on media
    freedom', 'an assault on democracy', 'measures to fight the coronavirus'): a figure of speech, no
    violence."""
    targets = [c for c in tok.children if c.dep_ == "dobj" and tok.pos_ == "VERB"] + [
        g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "against", "upon")
        for g in c.children if g.dep_ == "pobj"]
    return any(g.lemma_.lower() in ABSTRACT_TARGETS or g.lower_ in ABSTRACT_TARGETS for g in targets)


ALLEGING = {"accuse", "suspect", "charge", "convict", "indict"}


def _alleged(tok) -> bool:
    """What someone is accused, suspected or convicted of ('accused of recruiting fighters', 'suspected of
    planting the bomb', 'charged with kidnapping'): an allegation, no act the sentence tells."""
    cur = tok
    for _ in range(3):
        if cur.dep_ in ("pobj", "pcomp") and cur.head.lower_ in ("of", "with") \
                and cur.head.head.lemma_.lower() in ALLEGING:
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


AFTER = {"after", "following"}
# acts that end or follow a fight rather than being one: told with what came before, they are the event
OUTCOME_KINDS = {"capture", "recapture", "loot", "protest", "change", "arrest", "handover", "base", "agreement"}


def _what_it_followed(tok, found: list[Trigger]) -> bool:
    """The trigger is in an 'after' or 'following' phrase or clause of another trigger's verb that tells a
    territory taken, a looting, an arrest, a demonstration ('took control of the stronghold after clashes with
    the militia', 'recaptured the town after it was taken over by militants'): what came before that event,
    which ACLED codes as the event."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ == "pobj":
        tok = tok.head.head  # 'after weeks of fighting'
    if tok.dep_ in ("pobj", "pcomp") and tok.head.lower_ in AFTER:
        main = tok.head.head
    elif tok.dep_ == "advcl" and any(c.dep_ in ("mark", "prep") and c.lower_ in AFTER for c in tok.children):
        main = tok.head
    else:
        return False
    if main.dep_ == "npadvmod":
        main = main.head  # 'looted shops the day after they attacked the town'
    # the outcome is the verb, or an agreement it concludes ('signed a truce after weeks of fighting')
    return any(o.kind.name in OUTCOME_KINDS and o.start <= main.idx < o.end
               or o.kind.name == "agreement" and o.token.dep_ == "dobj" and o.token.head.i == main.i for o in found)


WEAPON_KINDS = {"grenade", "ied", "suicide"}
CARRYING = {"armed", "arm", "carry", "equip", "possess", "wear"}


def _by_phrase_of(tok, verbs: set[str]) -> bool:
    """`tok` is the object of 'by' or 'with' under a verb or participle of `verbs`."""
    prep = tok.head
    return tok.dep_ == "pobj" and prep.lower_ in ("by", "with") \
        and bool({prep.head.lemma_.lower(), prep.head.lower_} & verbs)


def _backing_weapon(tok) -> bool:
    """'an operation backed by airstrikes', 'troops supported by artillery': the weapon supports an action
    told otherwise, it is not the event."""
    return _by_phrase_of(tok, BACKING | {"backed", "supported"})


def _carried(tok) -> bool:
    """'a militant armed with a hand grenade', 'carrying explosives': a weapon someone has, not one used
    ('carried out a bombing', 'the attack was carried out with grenades')."""
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    carried_out = any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)
    return not carried_out and (_by_phrase_of(tok, CARRYING)
                                or tok.dep_ == "dobj" and tok.head.lemma_.lower() in CARRYING)


SEIZING = {"seize", "recover", "find", "discover", "confiscate", "uncover", "unearth", "impound", "surrender", "clear",
           "remove", "defuse", "dismantle"}
# what is done to a weapon itself by those who hold it ('destroyed the explosive device'; not 'destroyed a mortar
# position', where the weapon only names the target)
DISPOSING = {"destroy"}
# how a weapon hangs under the verb that takes it ('arms including two mortar shells', 'a cache of rockets')
OBJECT_DEPS = {"dobj", "nsubjpass", "pobj", "prep", "conj", "appos", "compound", "nmod", "amod"}


def _seized(tok) -> bool:
    """The weapon is among what was seized or found ('police recovered rifles and two mortar shells',
    'grenades were found'): no weapon was used."""
    cur = tok
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ in ("dobj", "nsubjpass") and cur.head.lemma_.lower() in DISPOSING:
        return True
    cur = tok
    for _ in range(6):
        if cur.dep_ not in OBJECT_DEPS or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ != "prep":
            return cur.lemma_.lower() in SEIZING
    return False


IMPOSING = {"impose", "enforce", "declare", "announce", "extend", "begin", "order", "institute", "introduce",
            "reimpose", "tighten", "start", "come", "take", "implement", "enact", "decree", "establish", "set"}
# the ways a clause hangs under the sentence's main one and stays its main news ('began enforcing', 'and imposed')
MAIN_DEPS = {"ROOT", "conj", "xcomp", "ccomp"}


def _imposed_here(tok) -> bool:
    """A curfew or lockdown the sentence tells being imposed ('authorities imposed a curfew', 'a curfew was
    declared'), not one that is only its setting ('police enforcing the lockdown were attacked', 'amid the
    lockdown imposed last month', 'for violating the curfew')."""
    verb = tok.head
    if tok.dep_ == "pobj" and verb.lower_ in ("under", "into") and verb.head.lemma_.lower() in ("place", "put", "go"):
        verb = verb.head  # 'placed the district under lockdown', 'the city went into lockdown'
    elif tok.dep_ not in ("dobj", "nsubj", "nsubjpass") or verb.lemma_.lower() not in IMPOSING:
        return False
    for _ in range(6):
        # (a participle adding to the main clause or to its object tells news too: 'troops deployed, imposing
        # a curfew', 'issued a decree imposing a curfew')
        participle = verb.tag_ == "VBG" and (verb.dep_ == "acl" or verb.dep_ == "advcl" and not any(
            c.dep_ in ("mark", "nsubj") for c in verb.children))
        if participle and verb.dep_ == "acl":
            verb = verb.head
            if verb.dep_ not in ("dobj", "nsubj", "nsubjpass"):
                return False
        elif verb.dep_ not in MAIN_DEPS and not participle:
            return False
        if verb.dep_ == "ROOT":
            return True
        verb = verb.head
    return False


def _captures_people(tok) -> bool:
    """The object taken is people ('captured 2 PKK militants', 'were killed, injured or captured'), on the
    trigger or on the verb it is coordinated with."""
    chain = [tok]
    while chain[-1].dep_ == "conj" and len(chain) < 4:
        chain.append(chain[-1].head)
    for h in chain:
        for c in h.children:
            if c.dep_ in ("dobj", "nsubjpass") and (c.lower_ in ARMED_VICTIMS or c.lower_ in CIVILIAN_WORDS):
                return True  # the noun itself: 'the rebel enclave' is a place
    return False


def build(doc, quotes: list[tuple[int, int]] = ()) -> list[Incident]:
    """Incidents of a parsed document; `quotes` are the char spans of direct quotes."""
    sents = memo(doc).sents
    placed = _sentences_with_places(doc, sents)
    incidents: list[Incident] = []
    last: Optional[Incident] = None
    last_sent = -10
    for n, sent in enumerate(sents):
        trigs = sentence_triggers(sent, quotes)
        sent_text = memo(doc).span_text(sent)
        remarks = C.coder_remarks(sent_text)
        if not trigs:
            if remarks and last is not None and not last.political:
                last.remarks.update(remarks)
            continue
        mentions = find_mentions(sent)
        items = [_item(t, sent, n) for t in trigs]
        conflict = Incident(remarks=remarks)
        seen_political: set[str] = set()
        own: list[Incident] = []
        for it in items:
            role = it.trigger.kind.role
            if role == "political":
                key = it.trigger.kind.plover
                if key in seen_political:
                    continue
                seen_political.add(key)
                inc = Incident([it], {n: mentions}, political=True, negated=it.negated,
                               hypothetical=it.hypothetical)
                own.append(inc)
            elif (it.negated or it.hypothetical) and role == "lead":
                own.append(Incident([it], {n: mentions}, negated=it.negated, hypothetical=it.hypothetical))
            elif it.negated and role == "harm":
                # "no one was killed": a zero count for the incident, not an event
                if it.count_kind:
                    conflict.remarks.setdefault(it.count_kind + "_zero", 0)
            elif it.hypothetical and role == "harm":
                continue
            else:
                conflict.items.append(it)
        pacts = [it for it in conflict.items if it.trigger.kind.name == "agreement"]
        if pacts and conflict.kinds() & VIOLENT_KINDS:
            # a truce told beside fighting ('the truce brokered by X took effect, though clashes were
            # reported') is an event of its own: its parties are not the fighters
            conflict.items = [it for it in conflict.items if it not in pacts]
            own.extend(Incident([it], {n: mentions}) for it in pacts)
        if last is not None and not last.political and n - last_sent <= 2 and "attack" not in last.kinds() \
                and last.kinds() & MEANS_KINDS:
            conflict.items = [] if all(_restates(it) for it in conflict.items) else conflict.items
        if conflict.items:
            conflict.mentions[n] = mentions
            kinds = conflict.kinds()
            leads = {k for k in kinds if lexicon().kinds[k].role == "lead"}
            same_place_words = n not in placed
            fresh = sent[0].lower_ in NEW_INCIDENT or sent_text.lower().startswith(("in another", "in a separate"))
            para = memo(doc).paragraph_no
            if last is None or fresh or last.political or n - last_sent > 2:
                joinable = False
            elif para[last.sent_nos[-1]] != para[n]:
                # a new paragraph continues the incident only with its consequences ('21 people were
                # killed') or by referring back to it ('The truck exploded ...', 'It ...')
                joinable = not leads or ((_refers_back(sent, trigs) or _names_again(last, trigs))
                                         and leads <= last.kinds())
            else:
                follow_ups = FOLLOW_UPS if _response_to(last, sent, trigs) else FOLLOW_UPS - {"change"}
                joinable = not leads or leads <= follow_ups \
                    or (same_place_words and leads <= last.kinds() | follow_ups) \
                    or leads == {"battle"} and last.kinds() & VIOLENT_KINDS and _fights_the_attackers(trigs) \
                    or (same_place_words and last.kinds() & PROTEST_KINDS
                        and ("protest" in leads or leads <= PROTEST_KINDS | follow_ups)) \
                    or "chemical" in leads and leads <= last.kinds() | {"chemical"} \
                    and _munitions_told_again(last, sent)
            if joinable:
                last.items.extend(conflict.items)
                last.mentions[n] = mentions
                for k, v in conflict.remarks.items():
                    last.remarks.setdefault(k, v)
            else:
                incidents.append(conflict)
                last = conflict
            last_sent = n
        elif remarks and last is not None:
            last.remarks.update(remarks)
        incidents.extend(own)
    return incidents


VIOLENT_KINDS = {"battle", "attack", "shoot", "beat", "kill", "wound", "shell", "air", "ied", "grenade", "suicide", "fire",
                 "riot", "mob", "capture", "recapture", "abduct"}


def _response_to(last: Incident, sent, trigs: list[Trigger]) -> bool:
    """Forces sent in after a violent incident, on no day of their own, are its response ('Troops were deployed
    to the area', 'Others were hurt when they arrived as reinforcements'); 'On 2 May, troops were deployed'
    or 'the army deployed troops' is an event of its own."""
    return bool(last.kinds() & VIOLENT_KINDS) and not dated(sent) \
        and all(_sent_in(t.token) for t in trigs if t.kind.name == "change")


GIVING_UP = {"surrender", "capitulate"}


def _sent_in(tok) -> bool:
    """Forces sent in ('troops were deployed', 'they arrived as reinforcements') or fighters giving up after
    the fight ('three rebels surrendered'), no one's own move told."""
    return tok.pos_ == "NOUN" or any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) \
        or tok.lemma_.lower() in GIVING_UP and not any(c.dep_ == "dobj" for c in tok.children)


ATTACKERS = {"attacker", "attackers", "assailant", "assailants", "raider", "raiders", "gunman", "gunmen", "intruder",
             "intruders", "perpetrator", "perpetrators"}


def _fights_the_attackers(trigs: list[Trigger]) -> bool:
    """A fight with the attackers already told ('militiamen routed the assailants', 'clashed with the attackers'):
    the response is part of the attack's incident."""
    for t in trigs:
        if t.kind.name != "battle":
            continue
        for c in t.token.subtree:
            if c.lower_ in ATTACKERS and any(d.dep_ == "det" and d.lower_ in ("the", "these", "those")
                                             for d in c.children):
                return True
    return False


def _refers_back(sent, trigs: list[Trigger]) -> bool:
    """The sentence opens on something already told: a pronoun subject ('It killed ...') or a definite
    noun that is a trigger or its subject ('The attack ...', 'The truck exploded ...')."""
    first = next((t for t in sent if not t.is_punct and not t.is_space), None)
    if first is None:
        return False
    if first.lower_ in ("it", "they") and first.dep_ in ("nsubj", "nsubjpass"):
        return True
    if first.lower_ in ("the", "this", "that", "these", "those") and first.dep_ == "det":
        noun = first.head
        if any(noun.i == t.token.i or (noun.head.i == t.token.i and noun.dep_ in ("nsubj", "nsubjpass"))
               for t in trigs):
            return True
    # 'killed ... in Saturday's blast': a lead noun owned by its day is one already told
    return any(t.kind.role == "lead" and t.token.pos_ == "NOUN" and any(
        c.dep_ == "poss" and c.ent_type_ == "DATE" for c in t.token.children) for t in trigs)


ANAPHORIC_DETS = {"the", "this", "that", "these", "those", "such", "same"}
# incidents told by their means (a bombing, a strike, a shelling, an arson, a crowd's rioting): 'the attack'
# after one can only be it, while after a shooting it may tell who was attacked
MEANS_KINDS = {"chemical", "suicide", "air", "ied", "grenade", "shell", "loot", "riot"}


def _restates(it: Item) -> bool:
    """A definite 'the attack' ('The attack caused damage', 'claimed responsibility for the attack', 'were
    killed in the attack') right after a bombing or an arson names that incident again, no second one; an attack
    with its own ordinal or day ('the third attack on him, in 2018') is another."""
    tok = it.trigger.token
    if it.trigger.kind.name != "attack" or tok.pos_ != "NOUN":
        return False
    mods = list(tok.children)
    if not any(c.lower_ in ANAPHORIC_DETS for c in mods if c.dep_ in ("det", "amod", "predet")):
        return False
    if any(c.lower_ == "such" for c in mods):
        return True  # 'the second such attack in a few days': this one, counted among others
    if any(c.ent_type_ == "ORDINAL" for c in mods):
        return False
    return not any(t.ent_type_ == "DATE" for t in tok.subtree)


def _names_again(last: Incident, trigs: list[Trigger]) -> bool:
    """A lead trigger's subject or object is a definite noun the incident before already named ('a jet
    bombed a camp ... | ... confirmed that the jet had hit the camp'): the same act told again."""
    m = memo(last.items[0].sent.doc)
    told = set()
    for it in last.items:
        told.update(m.lemmas[it.sent.start:it.sent.end])
    for t in trigs:
        if t.kind.role != "lead":
            continue
        for c in t.token.children:
            if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.pos_ == "NOUN" and m.lemmas[c.i] in told \
                    and any(d.dep_ == "det" and d.lower_ in ("the", "this", "that") for d in c.children):
                return True
    return False


DELIVERING = {"shell", "air", "ied"}
MUNITIONS = {"shell", "round", "rocket", "missile", "mortar", "bomb", "projectile", "munition", "barrel"}


def _munitions_told_again(last: Incident, sent) -> bool:
    """A chemical agent in the munitions of the shelling or bombing just told ('rebels shelled the district |
    the shells contained poison gas'): what those weapons carried, no second attack."""
    if not last.kinds() & DELIVERING:
        return False
    m = memo(sent.doc)
    told = {m.lemmas[i] for it in last.items for i in range(it.sent.start, it.sent.end)}
    return any(m.lemmas[t.i] in MUNITIONS & told and any(d.dep_ == "det" and d.lower_ in ANAPHORIC_DETS
                                                         for d in t.children) for t in sent)


def _sentences_with_places(doc, sents) -> set[int]:
    starts = [s.start for s in sents]
    out = set()
    k = 0
    for e in doc.ents:
        if e.label_ in ("GPE", "LOC", "FAC"):
            while k + 1 < len(starts) and starts[k + 1] <= e.start:
                k += 1
            out.add(k)
    return out


@dataclass
class Coding:
    plover: str
    mode: Optional[str]
    acled_type: Optional[str]
    acled_sub: Optional[str]
    primary: Item
    agent: Optional[Mention]
    patient: Optional[Mention]
    agent_type_hint: Optional[str] = None  # ACLED's own coding of the agent (protesters, rioters)
    patient_type_hint: Optional[str] = None
    counts: dict[str, Count] = field(default_factory=dict)
    rule: str = ""


def _roles(inc: Incident) -> tuple[list[Mention], list[Mention], list[Mention], list[Mention]]:
    """Agents, patients and other parties of the incident's triggers; and holders, those whose prison or post the
    harm was done in ('tortured in regime prisons'): the ones who hold the victims there, if no one else acts."""
    agents, patients, others, holders = [], [], [], []
    prim = inc.primary()
    order = [prim] + [i for i in inc.items if i is not prim and not inc.trailing(i)]
    for it in order:
        for m in inc.mentions.get(it.sent_no, []):
            if _backing_phrase(m, it.trigger.token):
                continue
            r = role_of(m, it.trigger.token)
            # ('a prisoner died in police custody': the police are read as the subject's, yet hold the place)
            if r in ("patient", "agent") and it.trigger.kind.name in HELD_HARM and _owns_the_place(m) \
                    and (r == "patient" or it.trigger.token.lemma_.lower() in VICTIM_SUBJECT):
                holders.append(m)
                continue
            if r == "agent" and it.trigger.kind.role == "harm" \
                    and it.trigger.token.lemma_.lower() in VICTIM_SUBJECT \
                    and not any(c.dep_ == "dobj" for c in it.trigger.token.children):
                patients.append(m)
            elif r == "agent":
                agents.append(m)
            elif r in ("patient",):
                patients.append(m)
            elif r == "other":
                others.append(m)
    return agents, patients, others, holders


# harm done to people held or caught somewhere (the place's owner is no victim: see _roles)
HELD_HARM = {"beat", "kill", "wound", "arrest", "abduct", "sexual"}


def _owns_the_place(m: Mention) -> bool:
    """The mention only says whose the place of the act is ('in one of regime prisons', 'at an army post')."""
    h = m.head
    if h.dep_ not in ("compound", "poss", "amod", "nmod"):
        return False
    place = h.head
    if place.dep_ == "appos":
        place = place.head  # 'in the prison, Sidnaya Military Prison'
    if place.dep_ == "pobj" and place.head.lower_ == "of" and place.head.head.dep_ == "pobj":
        place = place.head.head  # 'in one of regime prisons'
    return place.dep_ == "pobj" and place.head.lower_ in ("in", "at", "inside")


BACKING = {"back", "support", "sponsor", "arm", "fund", "finance", "aid", "assist", "help", "accompany", "advise",
           "escort", "train", "equip"}


KILLING_VERBS = {"kill", "neutralize", "neutralise", "shoot", "eliminate", "gun"}


def _bombers_killed(tok) -> bool:
    """The suicide bombers the trigger names are the ones killed ('killed two suicide bombers', 'a suicide
    bomber was shot dead'), not the bombing's victims."""
    noun = tok.head if tok.dep_ in ("compound", "amod", "nmod") else tok
    if noun.lemma_.lower() not in ("bomber", "attacker"):
        return False
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() in KILLING_VERBS:
        return True
    # the object right after the killing verb, numbers and names between (a group's acronym parsed as a verb,
    # 'killed 2 IS suicide bombers', misleads the parse)
    for t in reversed(noun.doc[max(noun.sent.start, noun.i - 6):noun.i]):
        if t.lemma_.lower() in KILLING_VERBS and t.pos_ == "VERB":
            return True
        if t.is_punct or t.pos_ in ("VERB", "AUX", "ADP") and not t.is_upper and t.lower_ != "of":
            return False  # (through 'of': 'killed one of the suicide bombers')
    return False


def _subject_read_as_apposition(m: Mention, trig) -> bool:
    """The active verb has no subject and the mention before it hangs as an apposition of the place that
    opens the sentence ('On 9 May, in Leon, Guanajuato, armed men attacked a man': the parser makes 'men'
    an apposition of the place, or the object of its 'in'): the mention is the verb's missed subject."""
    return trig.pos_ == "VERB" and m.end <= trig.i and (m.head.dep_ == "appos" or _place_swallowed(m.head)) \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "auxpass", "csubj") for c in trig.children)


def _place_swallowed(head) -> bool:
    """'in Choloma, Cortes, armed men broke in': the parser makes the men the object of 'in', the place names
    their modifiers."""
    return head.dep_ == "pobj" and head.head.lower_ == "in" \
        and any(c.i < head.i and c.dep_ in ("nmod", "compound") and c.pos_ == "PROPN" for c in head.children)


def _backer(m: Mention) -> bool:
    """The mention is the 'by' phrase of a participle describing a noun ('troops backed by U.S. special
    forces', 'militias supported by Iran'): it says who stands behind that noun's referent."""
    h = m.head
    return h.dep_ == "pobj" and h.head.lower_ == "by" and h.head.dep_ in ("agent", "prep") \
        and h.head.head.dep_ == "acl" and h.head.head.lemma_.lower() in BACKING \
        and h.head.head.head.pos_ in ("NOUN", "PROPN")


BACKING_NOUNS = {"backing", "support", "help", "assistance", "aid", "blessing", "approval", "sponsorship", "funding",
                 "encouragement", "connivance", "complicity", "collusion", "cover", "protection"}


def _backing_phrase(m: Mention, trigger) -> bool:
    """The mention names whose backing the clause tells ('plotting a coup with U.S. backing', 'with the
    support of Iran', 'with Russia's help'): a backer, neither the one who acts nor a party to the act
    (unless the backing is the trigger itself: 'U.S. backing for the rebels')."""
    h = m.head
    if h.dep_ in ("compound", "amod", "poss", "nmod"):
        noun = h.head
    elif h.dep_ == "pobj" and h.head.lower_ == "of":
        noun = h.head.head
    else:
        return False
    return noun.i != trigger.i and noun.lemma_.lower() in BACKING_NOUNS and noun.i != h.i


def _sentence_words(inc: Incident) -> set[str]:
    out = set()
    for it in inc.items:
        m = memo(it.sent.doc)
        out.update(m.lemmas[it.sent.start:it.sent.end], m.lowers[it.sent.start:it.sent.end])
    return out


def code(inc: Incident) -> Coding:
    lex = lexicon()
    prim = inc.primary()
    kind: Kind = prim.trigger.kind
    kinds = inc.kinds()
    agents, patients, others, holders = _roles(inc)
    agent = agents[0] if agents else None
    # a victim of the agent's own kind is still another party ("a policeman turned on his colleagues,
    # killing 4 policemen"); among the other mentions, one named like the agent is the agent again
    patient = next((m for m in patients if agent is None or m.start != agent.start), None) or next(
        (m for m in others if agent is None or m.name != agent.name), None)
    if agent is None and others:
        agent = others[0]
        # "clashes between the army and rebels": the second party, before any victims
        patient = next((m for m in others[1:] + patients if m.name != agent.name), None)
    if agent is None and patient is not None and _subject_read_as_apposition(patient, prim.trigger.token):
        agent = patient
        patient = next((m for m in patients + others if m.start > prim.trigger.token.i), None)
    if agent is None and holders:
        agent = holders[0]
    if agent is None:
        # a parse that missed the subject: the armed mention just before the trigger acts
        trig = prim.trigger.token
        before = [m for m in inc.mentions.get(prim.sent_no, []) if m.end <= trig.i and m.type in ARMED
                  and m is not patient and (patient is None or m.name != patient.name)]
        # not the backer of another mention ('Afghan troops backed by U.S. special forces fought')
        before = [m for m in before if not _backer(m)] or before
        if before:
            agent = before[-1]
            if patient is None and kind.name == "battle":
                # 'Militants and Indian troops engaged in a gunfight': both sides named before the fight
                patient = next((m for m in reversed(before[:-1]) if m.head.head.i == agent.head.i
                                and m.head.dep_ == "conj" or agent.head.dep_ == "conj" and agent.head.head.i == m.head.i),
                               None)
    et, sub, plover, mode = kind.acled_type, kind.acled_sub, kind.plover, kind.mode
    rule = kind.name
    a_hint = p_hint = None
    words = _sentence_words(inc)
    if not inc.negated and stated_intent(prim.trigger.token):
        # "will support", "would blockade": PLOVER codes the stated intention itself
        if plover in COOPERATIVE:
            return Coding("AGREE", None, None, None, prim, agent, patient, rule="intent_agree")
        if plover in HOSTILE:
            return Coding("THREATEN", None, None, None, prim, agent, patient, rule="intent_threaten")
    if inc.political and kind.name == "aid" and agent is not None and agent.type in NON_STATE:
        # 'a cartel delivered food packages to families': ACLED codes an armed group's aid as a change to
        # its activity
        return Coding(plover, mode, "Strategic developments", "Change to group/activity", prim, agent, patient,
                      rule="armed_group_aid")
    if inc.political:
        return Coding(plover, mode, et, sub, prim, agent, patient, rule=rule)
    if kind.role == "harm" and agent is None and _disaster_toll(inc):
        # 'a tsunami killed 43 people', 'died after flash floods', 'hurt as a boiler exploded': no one's violence
        return Coding(plover, mode, None, None, prim, agent, patient, rule="disaster")
    if kinds & PROTEST_KINDS and _damage_without_crowd(inc, agent):
        # 'militants vandalized the prefect's residence': property damaged by an armed group, with no
        # demonstration nor crowd told
        et, sub, rule, plover, mode = "Strategic developments", "Looting/property destruction", "damage_no_crowd", \
            "COERCE", "seize"
    elif kinds & PROTEST_KINDS or (words & {"protester", "protesters", "demonstrator", "demonstrators"}
                                 and kind.name in ("battle", "attack", "shoot", "kill", "wound")) \
            or (kind.name in CROWD_CONTROL_KINDS and crowd_control(inc)
                and (_police_present(inc) or words & {"protester", "protesters", "demonstrator", "demonstrators"})):
        plover, mode = "PROTEST", "demo"
        fat = any(i.count_kind == "fatalities" and i.count and (i.count.best or 0) > 0
                  and not _cause_of_demonstration(inc, i.trigger.token) for i in inc.items)
        # a riot told inside the grievance is not this crowd's ('against the detention of activists accused
        # of vandalising a bank', 'against the arrest of activists during recent riots')
        rioted = any(it.trigger.kind.name == "riot" and not _in_grievance(it.trigger.token) for it in inc.items)
        violent = bool(words & VIOLENT_PROTEST_WORDS) and (rioted or _protesters_did_violence(inc)
                                                           or "battle" in kinds or _crowd_did_damage(inc)) \
            or _crowd_went_on_to_violence(inc)
        after = _next_sentence(inc)
        police_next = after is not None and any(t.lower_ in POLICE_WORDS for t in after)
        after_words = _crowd_handling_words(inc, [after]) if police_next else set()
        acts = _crowd_handling_words(inc, [memo(prim.sent.doc).sents[n] for n in inc.sent_nos])
        if _stoning_without_demonstration(inc):
            et, sub, rule, a_hint = "Riots", "Mob violence", "mob_stoning", "rioters"
            plover, mode = "ASSAULT", "beat"
        elif rioted or violent or "rioters" in _mention_types(inc):
            et, sub, mode, rule, a_hint = "Riots", "Violent demonstration", "riot", "riot", "rioters"
        elif "repress" in kinds or fat or words & {"live", "ammunition"} and words & {"fire", "shoot"} \
                or _state_fired_on_crowd(inc):
            et, sub, rule, a_hint = "Protests", "Excessive force against protesters", "excessive", "protesters"
        elif "intervene" in kinds or acts & INTERVENTION_WORDS or crowd_control(inc) or _state_harmed_crowd(inc) \
                or _protesters_arrested(inc) \
                or (acts & ARREST_WORDS and _police_present(inc)) \
                or (acts & POLICE_ACTION_WORDS and _police_present(inc)) \
                or after_words & (INTERVENTION_WORDS | POLICE_ACTION_WORDS | ARREST_WORDS):
            et, sub, rule, a_hint = "Protests", "Protest with intervention", "intervention", "protesters"
            p_hint = "state_forces"
        else:
            et, sub, rule, a_hint = "Protests", "Peaceful protest", "protest", "protesters"
        if a_hint in ("protesters", "rioters") and agent is not None and agent.type in ("state_forces",):
            # the crowd the police acted on; a government the protest was against is its target, not a party
            agent, patient = next((m for m in patients + others if m.type in ("civilians", "protesters", "rioters")),
                                  None), agent
    elif kind.name == "mob" or (kind.name in ("attack", "beat", "kill", "shoot", "loot") and agent is not None
                                and agent.type == "rioters") \
            or kind.name == "battle" and agent is not None and agent.type == "rioters" \
            and not _mention_types(inc) & (ARMED - {"state_forces"}) \
            or kind.name == "loot" and ("rioters" in _mention_types(inc) or _crowd_subject(inc)):
        # 'residents burnt down the complainant's house': a crowd's destruction is mob violence
        et, sub, rule, a_hint = "Riots", "Mob violence", "mob", "rioters"
    elif kind.name == "battle" and _civil_parties(inc) and not _mention_types(inc) & (ARMED - {"state_forces"}) \
            and not exchange_of_fire(inc):
        # unarmed groups fighting each other or the police ("a clash between police and shopkeepers")
        et, sub, rule, a_hint = "Riots", "Mob violence", "mob_clash", "rioters"
        plover, mode = "ASSAULT", "beat"
    elif kind.name in ("grenade", "ied") and "battle" in kinds and words & CRUDE_BOMBS and _civil_parties(inc) \
            and not _mention_types(inc) & (ARMED - {"state_forces"}) and not exchange_of_fire(inc):
        # 'supporters of two parties clashed, hurling crude bombs': a crowd's crude explosives in a fight between
        # unarmed groups, which ACLED codes as mob violence, not a grenade attack
        et, sub, rule, a_hint = "Riots", "Mob violence", "crude_bombs_in_clash", "rioters"
        plover, mode = "ASSAULT", "beat"
    elif kind.name == "battle" and prim.trigger.token.lemma_.lower() in ONE_SIDED \
            and (patient is not None and patient.type == "civilians"
                 or patient is None and _harmed(inc) and _lone_armed_party(inc, agent)
                 and not goes_both_ways(prim.sent)) \
            and not (_attacks_armed_target(inc) or _armed_victims(inc)):
        # 'rebels killed 3 civilians during an incursion', 'fired shots at a former MLA': one side's
        # violence against civilians, no battle
        et, sub, rule, p_hint = "Violence against civilians", "Attack", "one_sided_on_civilians", "civilians"
        plover = "ASSAULT"
    elif kind.name == "attack" and prim.trigger.token.lemma_.lower() == "raid" and "arrest" in kinds \
            and not _harmed(inc):
        # 'police raided a house and arrested four suspects': the raid is how the arrest was made
        et, sub, rule, plover, mode = "Strategic developments", "Arrests", "raid_arrest", "COERCE", "arrest"
    elif kind.name in ("arrest", "loot", "change", "defuse") and kinds & {"kill", "wound"} and _armed_victims(inc):
        # 'killed 15 militants and burnt 13 warehouses', '7 militants were killed and 3 arrested during
        # operations', 'killed a militant and recovered weapons': the fight the fighters' deaths tell, not what
        # came with it
        et, sub, rule, plover, mode = "Battles", "Armed clash", "fighters_harmed", "ASSAULT", "firearms"
    elif kind.name == "suicide" and _bombers_killed(prim.trigger.token):
        # 'forces killed 2 suicide bombers': the bombers were stopped in a fight, no bomb went off
        et, sub, rule, mode = "Battles", "Armed clash", "bombers_killed", "firearms"
        # the bombers' side attacked: ACLED's first actor
        bombers = next((m for ms in inc.mentions.values() for m in ms
                        if m.type in ARMED and agent is not None and m.name != agent.name), None)
        if bombers is not None:
            agent, patient = bombers, agent
    elif kind.name == "loot" and prim.trigger.token.lemma_.lower() == "raid" and kinds & {"kill", "shoot", "wound"}:
        # 'a drug suspect was killed during a police raid': the harm done in a drug raid, not the drugs seized,
        # is the event
        if _armed_victims(inc) or _victim_in_gang(inc) or _answered(inc):
            et, sub, rule = "Battles", "Armed clash", "raid_fight"
        else:
            et, sub, rule, p_hint = "Violence against civilians", "Attack", "raid_harm", "civilians"
        plover, mode = "ASSAULT", None
    elif kind.name == "attack" and prim.trigger.token.lemma_.lower() == "raid" and "defuse" in kinds \
            and not _harmed(inc):
        # 'soldiers seized rifles and grenades in a raid on a farm': the raid is how the weapons were found
        et, sub, rule, plover, mode = "Strategic developments", "Disrupted weapons use", "raid_seizure", "COERCE", \
            "confiscate"
    elif kind.name == "attack" and not _harmed(inc) and _property_attacked(prim.trigger.token) \
            and not (_attacks_armed_target(inc) or _armed_victims(inc)):
        # 'militants attacked and burned a school', 'the pipeline was attacked', no one hurt: ACLED's
        # property destruction
        et, sub, rule, plover, mode = "Strategic developments", "Looting/property destruction", "property_attacked", \
            "COERCE", "seize"
    elif kind.name in ("ied", "shell") and _war_remnant(inc):
        # 'villagers stepped on a landmine in an area where fighting occurred in the 1980s': explosive remnants
        # of a past war, which ACLED codes as a strategic development, not an attack
        et, sub, rule = "Strategic developments", "Other", "war_remnant"
    elif kind.name in ("shoot", "fire", "battle") and _shots_in_the_air(inc):
        # 'border guards fired shots into the air', no one hurt and no crowd: a show of force, no attack
        et, sub, rule, plover, mode = "Strategic developments", "Other", "shots_in_air", "THREATEN", None
    elif kind.name in ("attack", "shoot", "beat", "kill", "wound", "fire"):
        armed_patient = patient is not None and patient.type in ARMED and not _off_duty(patient)
        armed_target = _attacks_armed_target(inc) or _armed_victims(inc) or _victim_in_gang(inc)
        civilian_victims = patient is not None and patient.type == "civilians" and not _victim_in_gang(inc)
        if kind.name in ("shoot", "fire") and not (armed_patient or armed_target or civilian_victims) \
                and _machine_guns(prim.sent) and _fired_at_area(prim.trigger.token) and not _harmed(inc) \
                and not _answered(inc) and not any(w in words for w in ("exchange", "exchanged", "exchanging")):
            # 'forces fired machine guns at scattered areas of the district', no one hurt: fire from afar at a
            # place, which ACLED codes as shelling
            et, sub, rule, mode = "Explosions/Remote violence", "Shelling/artillery/missile attack", "area_fire", \
                "heavy-weapons"
        elif (armed_patient or armed_target) and (_unarmed_agent(agent) or (agent is None or agent.type == "civilians")
                                                      and _crowd_subject(inc)):
            # "a group of people attacked police officers", "locals stoned two policemen": a mob
            et, sub, rule, a_hint = "Riots", "Mob violence", "mob_on_armed", "rioters"
        elif (armed_patient or armed_target) and not civilian_victims:
            et, sub, rule = "Battles", "Armed clash", "attack_on_armed"
        elif kind.name in ("shoot", "fire") and _answered(inc):
            et, sub, rule = "Battles", "Armed clash", "fire_answered"
        elif agent is not None and agent.type in ARMED and patient is not None and patient.type in ARMED \
                and not _off_duty(patient):
            et, sub, rule = "Battles", "Armed clash", "armed_pair"
        elif agent is not None and agent.type in ("civilians",) and words & {"villager", "villagers", "locals",
                                                                              "residents", "mob", "crowd"} \
                or (agent is None or agent.type == "civilians") and _crowd_subject(inc):
            # "a group of citizens beat him", "community members set alight 4 suspects": mob violence
            et, sub, rule, a_hint = "Riots", "Mob violence", "mob_civilians", "rioters"
        else:
            et, sub, rule = "Violence against civilians", "Attack", "attack_on_civilians"
            p_hint = "civilians"
        plover = "ASSAULT"
    elif kind.name == "abduct" and _armed_victims(inc):
        # "gunmen abducted a police officer", "abducted 9 regime soldiers": an attack on an armed party
        et, sub, rule = "Battles", "Armed clash", "abduct_armed"
        plover = "ASSAULT"
    elif kind.name == "abduct" and ("kill" in kinds or any(i.count_kind == "fatalities" and i.count
                                                           and (i.count.best or 0) > 0 for i in inc.items)):
        # 'kidnapped and killed', 'abducted ... and found dead': the killing is the event
        et, sub, rule, p_hint = "Violence against civilians", "Attack", "abduct_killed", "civilians"
    elif kind.name == "ied" and _destroyed_by_forces(inc, agent):
        # 'police detonated a bomb planted at the mosque': the device destroyed, ACLED's disrupted weapons use
        et, sub, rule, plover, mode = "Strategic developments", "Disrupted weapons use", "controlled_detonation", \
            "COERCE", "confiscate"
    elif kind.name in WEAPON_KINDS and _found_unused(inc, words):
        # 'packages holding explosive devices were intercepted', 'a bomb was discovered under the bridge': the
        # device was found before it went off, ACLED's disrupted weapons use
        et, sub, rule, plover, mode = "Strategic developments", "Disrupted weapons use", "found_unused", "COERCE", \
            "confiscate"
    elif kind.name == "ied" and _grenade_went_off(prim.trigger.token):
        # 'a grenade blast', 'the explosion of two grenades': the blast is the grenade's
        sub, rule = "Grenade", "grenade_blast"
    elif kind.name in WEAPON_KINDS and _failed_to_explode(inc):
        # 'lobbed a grenade at them, but the grenade did not explode': a disrupted weapons use
        et, sub, rule, plover, mode = "Strategic developments", "Disrupted weapons use", "dud", "COERCE", "confiscate"
    elif kind.name in ("grenade", "ied") and (kinds & {"shoot", "battle"} or words & FIREARMS) \
            and (_attacks_armed_target(inc) or _armed_victims(inc)):
        # 'attacked a police patrol using grenades and firearms', 'an IED exploded, followed by gunshots
        # which left 3 fighters dead': explosives in a fight with armed men
        et, sub, rule, mode = "Battles", "Armed clash", "explosives_and_fire", "firearms"
    elif kind.name == "shell" and (_fire_form(prim.sent, prim.trigger.token) == "clash" or _answered(inc)):
        # heavy weapons fired together with small arms, or fire in both directions: an exchange of fire,
        # which ACLED codes as an armed clash
        et, sub, rule = "Battles", "Armed clash", "shell_small_arms"
    elif kind.name == "battle" and prim.trigger.token.lemma_.lower() in ("burst", "shot") \
            and _fire_form(prim.sent) == "shell":
        # "bursts of fire involving heavy machineguns near X": one side's heavy weapons, no exchange
        et, sub, rule = "Explosions/Remote violence", "Shelling/artillery/missile attack", "heavy_fire"
        mode = "heavy-weapons"
    elif kind.name in ("capture", "recapture") and _taken_unopposed(inc):
        # 'took the district centre without a fight': ACLED's non-violent transfer of territory
        et, sub, rule, plover, mode = "Strategic developments", "Non-violent transfer of territory", "unopposed", \
            "RETREAT", "withdraw"
    elif kind.name == "capture" and agent is not None and agent.type == "state_forces":
        et, sub, rule = "Battles", "Government regains territory", "state_capture"
    elif kind.name == "recapture" and agent is not None and agent.type in NON_STATE:
        # 'the rebels recaptured the village': ACLED keeps regained territory for the state's forces
        et, sub, rule = "Battles", "Non-state actor overtakes territory", "non_state_recapture"
    elif kind.name == "flee":
        et = sub = None
    if sub == "Armed clash" and agent is not None and agent.type == "state_forces" and _territory_taken(inc):
        # 'the army took control of the stronghold after clashes with the militia': ACLED types the fight by the
        # territory the state's forces regained
        sub, rule, plover, mode = "Government regains territory", "fight_regains", "COERCE", "seize"
    elif sub == "Attack" and "abduct" in kinds and not (_harmed(inc) or kinds & {"kill", "wound"}):
        # 'gunmen attacked the village and abducted its chief', 'abducted 5 villagers during an incursion': no one
        # hurt, the people taken are what the attack did
        sub, rule = "Abduction/forced disappearance", "abduct_in_attack"
    elif sub == "Arrests" and agent is not None and agent.type in NON_STATE:
        # people detained by an armed group are abducted: ACLED keeps arrests for the state's forces
        et, sub, rule, plover, mode = "Violence against civilians", "Abduction/forced disappearance", \
            "held_by_armed_group", "ASSAULT", "abduct"
    if sub == "Remote explosive/landmine/IED" and patient is None and not _harmed(inc) \
            and _property_attacked(prim.trigger.token):
        p_hint = "civilians"  # 'blew up a gas pipeline': the civilians' property is ACLED's target
    if habitual(prim.trigger.token) == "pattern":
        et = sub = None
    counts = _counts(inc)
    agent, patient = conventional_roles(sub, a_hint, agent, patient)
    a_hint, p_hint = conventional_hints(sub, a_hint, p_hint)
    if sub == "Violent demonstration" and (patient is None or patient.type in ("protesters", "rioters")):
        # rioters facing the police: ACLED's second actor (the crowd named again is no second party)
        patient = next((m for ms in inc.mentions.values() for m in ms if m.type == "state_forces"), patient)
    return Coding(plover, mode, et, sub, prim, agent, patient, a_hint, p_hint, counts, rule)


DISASTERS = {"flood", "floods", "flooding", "landslide", "landslides", "mudslide", "mudslides", "earthquake", "quake",
             "tsunami", "cyclone", "hurricane", "typhoon", "tornado", "avalanche", "volcano", "eruption", "lightning",
             "drought", "heatwave", "wildfire", "wildfires", "bushfire", "bushfires", "boiler", "transformer",
             "accident", "accidental", "accidentally", "blaze", "blazes"}
# what a fire nobody set does: 'a fire broke out', 'the fire spread to ...'
BLAZING = {"break", "rage", "spread", "engulf", "gut", "erupt", "sweep"}


def _disaster_toll(inc: Incident) -> bool:
    """Deaths or injuries told with a natural disaster or an accident and no act of violence (the incident has
    harm triggers only); 'the flood-hit district' is a place, no cause."""
    if any(it.trigger.kind.role != "harm" for it in inc.items):
        return False
    m = memo(inc.items[0].sent.doc)
    doc = inc.items[0].sent.doc
    return any(m.lowers[t.i] in DISASTERS and not (t.i + 1 < len(doc) and doc[t.i + 1].text == "-")
               or _industrial_blast(t) or _fire_broke_out(t) for n in inc.sent_nos for t in m.sents[n])


def _fire_broke_out(tok) -> bool:
    return tok.lemma_.lower() == "fire" and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in BLAZING


# what blows up by accident: 'a chemical plant exploded', 'a factory blast', 'a gas cylinder explosion'
INDUSTRIAL = {"plant", "factory", "furnace", "refinery", "cylinder", "tanker", "kiln", "warehouse", "gas"}
BLASTS = {"explode", "explosion", "blast", "blow"}


def _industrial_blast(tok) -> bool:
    """The word tells an explosion of which a plant, a furnace or a gas tank is the subject or the kind."""
    return tok.lemma_.lower() in BLASTS and any(c.dep_ in ("nsubj", "compound") and c.lemma_.lower() in INDUSTRIAL
                                                 for c in tok.children)


def _territory_taken(inc: Incident) -> bool:
    """The incident tells a place captured or recaptured (the fight's outcome), not one the fight was
    launched to take ('launched an offensive to retake the city')."""
    return any(it.trigger.kind.name in ("capture", "recapture") and not inc.trailing(it)
               and not it.hypothetical and not _aim_of(it.trigger.token) for it in inc.items)


def _aim_of(tok) -> bool:
    """An infinitive that tells what an act was for ('an offensive to retake', 'moved to capture')."""
    return tok.dep_ in ("advcl", "acl", "xcomp", "relcl") and tok.head.lemma_.lower() != "manage" \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


# ACLED's coding of an actor the report leaves unnamed, by sub-event type (the ACLED codebook's
# conventions: arrests are made by the police, their targets and those of looting, abductions and mob
# violence are civilians unless the report names others)
CONVENTIONAL_AGENT = {"Arrests": "state_forces"}
CONVENTIONAL_PATIENT = {"Arrests": "civilians", "Looting/property destruction": "civilians",
                        "Abduction/forced disappearance": "civilians", "Sexual violence": "civilians",
                        "Mob violence": "civilians", "Attack": "civilians"}


def conventional_roles(sub: Optional[str], a_hint: Optional[str], agent: Optional[Mention],
                       patient: Optional[Mention]) -> tuple[Optional[Mention], Optional[Mention]]:
    """ACLED's order of the parties: rioters and protesters come first even where the police are the
    grammatical subject ('police clashed with the demonstrators'); the forces an explosive device hits are
    its victims, not its users ('an army vehicle struck an IED'), whoever planted it stays to be found."""
    if a_hint in ("protesters", "rioters") and agent is not None and agent.type == "state_forces":
        return patient, agent
    if sub in ("Remote explosive/landmine/IED",) and agent is not None and agent.type == "state_forces":
        return None, agent if patient is None or patient.type != "state_forces" else patient
    return agent, patient


def conventional_hints(sub: Optional[str], a_hint: Optional[str], p_hint: Optional[str]):
    return a_hint or CONVENTIONAL_AGENT.get(sub), p_hint or CONVENTIONAL_PATIENT.get(sub)


# what is damaged, not who is hurt: an attack on these alone, no one hurt, is a property destruction (not homes:
# ACLED codes an attack on homes as one on the people in them)
PROPERTY = {"school", "office", "building", "shop", "store", "church", "mosque", "temple",
            "pipeline", "tower", "mast", "pylon", "track", "railway", "railroad", "transformer", "bridge", "factory", "plant", "warehouse", "property", "facility", "car",
            "truck", "lorry", "machinery", "equipment", "infrastructure", "well", "field", "crop", "crops", "granary"}
# what a few people or an armed group do to property that a crowd's riot also does
DAMAGE_TRIGGERS = {"vandalize", "vandalise", "ransack", "torch", "burn", "set", "light", "throw", "hurl"}
FIRE_BOMBS = {"molotov", "petrol", "firebomb", "firebombs", "incendiary"}
# home-made explosives a crowd throws ('crude bombs', 'petrol bombs', 'handmade bombs')
CRUDE_BOMBS = FIRE_BOMBS | {"crude", "handmade", "cocktail", "cocktails"}


def _property_attacked(tok) -> bool:
    """What the attack verb hits is property only ('attacked and burned a school', 'the pipeline was attacked'),
    no people, armed targets nor places where people live."""
    if tok.pos_ != "VERB":
        return False
    passive = any(c.dep_ == "auxpass" for c in tok.children)
    hit = [c for c in tok.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
    if not hit and not passive:  # 'attacked and burned a school': the object the coordinated verbs share
        hit = [c for v in tok.conjuncts if v.pos_ == "VERB" for c in v.children if c.dep_ == "dobj"]
    hit += [c for h in hit for c in h.conjuncts]
    return bool(hit) and all(h.lemma_.lower() in PROPERTY or h.lower_ in PROPERTY for h in hit)


def _damage_without_crowd(inc: Incident, agent: Optional[Mention]) -> bool:
    """The riot words tell damage to property only (vandalized, torched, petrol bombs thrown), no demonstration
    nor crowd is told anywhere in the report, and the ones who did it are an armed group (a few unnamed men
    throwing petrol bombs stay rioters: ACLED often codes them so)."""
    riots = [it for it in inc.items if it.trigger.kind.name in PROTEST_KINDS]
    if not riots or any(it.trigger.kind.name != "riot" or it.trigger.token.lemma_.lower() not in DAMAGE_TRIGGERS
                        and it.trigger.lemma not in DAMAGE_TRIGGERS and not (set(it.trigger.lemma.split()) & FIRE_BOMBS)
                        for it in riots):
        return False
    m = memo(inc.items[0].sent.doc)
    doc_words = set(m.lemmas) | set(m.lowers)
    if doc_words & (DEMONSTRATION_WORDS | TIRES | {"riot", "rioter", "rioters", "rioting", "mob"}):
        return False
    if any(it.trigger.token.lemma_.lower() in ("throw", "hurl") or it.trigger.lemma in ("throw", "hurl")
           for it in riots) and not doc_words & FIRE_BOMBS:
        return False  # stones thrown are a crowd's
    if _mention_types(inc) & {"protesters", "rioters"}:
        return False
    return agent is not None and agent.type in ARMED


UNOPPOSED = ("without a fight", "without fighting", "without resistance", "without any resistance", "unopposed",
             "peacefully", "without a shot", "without firing", "without clashes", "without bloodshed")
# 'seized a deserted base', 'took over the abandoned positions': no one held the place
LEFT_EMPTY = re.compile(r"\b(?:deserted|abandoned|vacated)\b")


def _taken_unopposed(inc: Incident) -> bool:
    """The place was taken with no fighting and no one hurt, as the report says ('without a fight',
    'unopposed', 'a deserted base'); a withdrawal before it alone may follow days of fighting."""
    if _harmed(inc) or inc.kinds() & {"battle", "attack", "shoot", "fire", "shell", "air", "kill", "wound"}:
        return False
    m = memo(inc.items[0].sent.doc)
    text = " ".join(m.span_text(m.sents[n]).lower() for n in inc.sent_nos)
    return any(w in text for w in UNOPPOSED) or bool(LEFT_EMPTY.search(text))


def _war_remnant(inc: Incident) -> bool:
    """The device is left over from a past war: the report calls it a remnant, or places the fighting in a
    past decade ('where fighting occurred in the 1980s'), and no one is said to have planted or fired it."""
    m = memo(inc.items[0].sent.doc)
    if "war_remnant" not in m.extra:  # it reads the whole report: once per Doc
        m.extra["war_remnant"] = _report_of_war_remnant(m)
    return m.extra["war_remnant"]


def _report_of_war_remnant(m) -> bool:
    words = set(m.lowers) | set(m.lemmas)
    if words & {"plant", "planted", "fire", "fired", "launch", "target", "targeted"}:
        return False
    if words & {"remnant", "remnants", "leftover", "uxo", "erw"} or "left over" in m.text.lower():
        return True
    past_decade = any(len(w) == 5 and w.endswith("0s") and w[:4].isdigit() for w in m.lowers)
    return past_decade and bool(words & {"war", "fighting", "conflict", "battle"})


# shots that hit no one: 'fired into the air', 'warning shots', 'aerial firing', 'fired blanks' (not 'an air
# strike', 'at point-blank range', 'opened fire without warning')
SKYWARD = re.compile(r"\b(?:in|into)\s+(?:the\s+)?(?:air|sky)\b(?![\s-]*(?:strike|raid|force|base|attack|defen))"
                     r"|\bwarning\s+shots?\b|\baerial\s+(?:fir|shot|round)|\bblanks\b"
                     r"|\bblank\s+(?:rounds?|shots?|bullets?|cartridges?|ammunition)\b", re.I)


def _fired_skyward(sent) -> bool:
    """The sentence tells shots fired to warn or scare, not at anyone (SKYWARD)."""
    return SKYWARD.search(memo(sent.doc).span_text(sent)) is not None


def _shots_in_the_air(inc: Incident) -> bool:
    """Every shot the incident tells went into the air, with no one hurt and no other act of force."""
    if _harmed(inc) or inc.kinds() - {"shoot", "fire", "battle", "change"}:
        return False
    if any(it.trigger.kind.name == "battle" and it.trigger.token.lemma_.lower() not in ("shot", "burst")
           for it in inc.items):
        return False
    m = memo(inc.items[0].sent.doc)
    return all(_fired_skyward(m.sents[n]) for n in inc.sent_nos)


def _unarmed_agent(agent: Optional[Mention]) -> bool:
    """The attackers are an unarmed group: villagers, youths, a crowd, 'a group of people'."""
    if agent is None:
        return False
    if agent.type in ("rioters", "protesters"):
        return True
    if agent.type != "civilians":
        return False
    head = agent.head
    words = {head.lower_, head.lemma_.lower()} | {t.lower_ for t in head.subtree if t.i < head.i + 4}
    return bool(words & (CIVIL_GROUPS | {"people", "youths", "youth", "crowd", "community"}))


SMALL_ARMS = {"small", "machine", "machinegun", "machineguns", "machine-gun", "machine-guns", "rifle", "rifles",
              "kalashnikov", "kalashnikovs", "gunfire", "bullets"}
HEAVY_WORDS = {"heavy", "mortar", "mortars", "artillery", "launcher", "launchers", "projectile", "projectiles",
               "explosion", "explosions", "tank", "tanks", "rocket", "rockets", "missile", "missiles", "howitzer",
               "howitzers", "mlrs", "shell", "shells", "ifv", "ifvs", "cannon", "rpg", "rpgs", "atgm", "atgms"}
RETURNED_FIRE = ("fired back", "firing back", "fire back", "shot back", "shooting back", "shoot back", "returned fire",
                 "returned the fire", "returning fire", "responded to", "retaliated")
EXCHANGED = ("exchange", "exchanged", "exchanging")
TWO_SIDED = ("both directions", *EXCHANGED, "each other", "one another") + RETURNED_FIRE


def _small_arms(sent) -> bool:
    """'small arms', 'machine guns' (not heavy ones), 'rifles', 'gunfire' in the sentence."""
    for t in sent:
        low = t.lower_
        if low not in SMALL_ARMS:
            continue
        nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
        if low == "small" and (nxt is None or nxt.lower_ not in ("arms", "arm")):
            continue
        if low == "machine" and (nxt is None or nxt.lemma_.lower() != "gun"):
            continue
        if low.startswith("machine") and t.i > 0 and t.doc[t.i - 1].lower_ == "heavy":
            continue
        return True
    return False


def _failed_to_explode(inc: Incident) -> bool:
    """A sentence of the incident says the device did not go off ('did not explode', 'failed to detonate')."""
    m = memo(inc.items[0].sent.doc)
    for n in inc.sent_nos:
        for t in m.sents[n]:
            if m.lemmas[t.i] in ("explode", "detonate", "go") and (negated(t) or t.head.lemma_.lower() == "fail"):
                return t.lemma_.lower() != "go" or any(c.lower_ == "off" for c in t.children)
    return False


DETONATING = {"detonate", "explode", "blow"}
# the forces' own blast ('a controlled explosion'), not a bomber's remote trigger ('a remote-controlled explosion')
CONTROLLED = re.compile(r"(?<!remote-)(?<!remote )(?<!remotely )controlled (?:explosion|detonation)", re.I)


def _grenade_went_off(tok) -> bool:
    """The explosion is a grenade's ('a grenade blast', 'the explosion of two grenades', 'a grenade exploded')."""
    return any(t.lemma_.lower() == "grenade" for c in tok.children if c.dep_ in ("compound", "nsubj", "nmod", "prep")
               for t in (c, *(g for g in c.children if g.dep_ == "pobj")))


USED = DETONATING | THROWING | {"explosion", "blast", "detonation", "off", "lob", "toss"}


def _found_unused(inc: Incident, words: set[str]) -> bool:
    """The incident tells an explosive found, seized or intercepted, none going off or thrown and no one hurt."""
    return bool(inc.kinds() & {"defuse", "intercept"}) and not inc.kinds() & {"kill", "wound"} \
        and not _harmed(inc) and not words & USED


def _destroyed_by_forces(inc: Incident, agent: Optional[Mention]) -> bool:
    """State forces set off the device themselves ('police detonated the bomb', 'a controlled explosion')."""
    m = memo(inc.items[0].sent.doc)
    if any(CONTROLLED.search(m.span_text(m.sents[n])) for n in inc.sent_nos):
        return True
    if agent is None or agent.type != "state_forces":
        return False
    return any(it.trigger.token.pos_ == "VERB" and it.trigger.token.lemma_.lower() in DETONATING
               and any(c.dep_ == "dobj" for c in it.trigger.token.children)
               and role_of(agent, it.trigger.token) == "agent" for it in inc.items)


def _answered(inc: Incident) -> bool:
    """The incident or the sentence after it says the other side fired back ('Pro-Hadi forces fired back')."""
    m = memo(inc.items[0].sent.doc)
    sents = [m.sents[n] for n in inc.sent_nos] + [s for s in [_next_sentence(inc)] if s is not None]
    return any(w in m.span_text(s).lower() for s in sents for w in RETURNED_FIRE)


def _machine_guns(sent) -> bool:
    low = memo(sent.doc).lowers
    return any(low[t.i] in ("machinegun", "machineguns", "machine-gun", "machine-guns")
               or low[t.i] == "machine" and t.i + 1 < sent.end and low[t.i + 1] in ("gun", "guns") for t in sent)


def _harmed(inc: Incident) -> bool:
    """The incident counts someone killed or hurt."""
    return any(i.count_kind in ("fatalities", "injured") and i.count and (i.count.best or 0) > 0 for i in inc.items)


def _fired_at_area(tok) -> bool:
    """The fire is aimed at a place that is no armed target ('fired mortar shells and machine guns at farms
    and villages', 'at Hays district'), not at positions, posts or forces."""
    targets = lexicon().armed_targets
    verbs = [tok] + [c for c in tok.children if c.dep_ == "conj"]
    # the aim hangs on the verb, or on the weapons it fired ('fired machine guns at scattered areas')
    arms = [o for v in verbs for o in v.children if o.dep_ == "dobj"]
    holders = verbs + _listed(arms)
    aims = [c for v in holders for p in v.children if p.dep_ == "prep" and p.lower_ in ("at", "on", "towards", "toward")
            for c in p.children if c.dep_ == "pobj" and c.ent_type_ not in ("DATE", "TIME")]
    return bool(aims) and not any(t.lemma_.lower() in targets for a in aims for t in a.subtree)


def _listed(heads: list) -> list:
    """The items of the lists these nouns head, through conjuncts and appositions ('mortar shells, 12.7mm and
    7.62mm machine guns, and sniper rifles', where a calibre is parsed as an apposition)."""
    out, todo = [], list(heads)
    while todo:
        t = todo.pop()
        if t not in out:
            out.append(t)
            todo.extend(c for c in t.children if c.dep_ in ("conj", "appos"))
    return out


SHOTS = ("fire", "gunfire", "shots", "gunshots", "bullets")
GUNFIGHTS = ("gunfight", "gun fight", "gun battle", "shootout", "shoot-out", "firefight")


def exchange_of_fire(inc: Incident) -> bool:
    """The incident's sentences tell shots fired both ways ('exchanged gunfire', 'a shootout', 'fired back'): only
    armed men do that, whoever they are."""
    m = memo(inc.items[0].sent.doc)
    for n in inc.sent_nos:
        low = m.span_text(m.sents[n]).lower()
        if any(w in low for w in GUNFIGHTS + RETURNED_FIRE) \
                or any(w in low for w in EXCHANGED) and any(w in low for w in SHOTS):
            return True
    return False


def goes_both_ways(sent) -> bool:
    """The sentence tells fire or a fight going both ways ('exchanged fire', 'attacked each other', 'fired back')."""
    low = memo(sent.doc).span_text(sent).lower()
    return any(w in low for w in TWO_SIDED)


def _fire_form(sent, tok=None) -> Optional[str]:
    """How ACLED reads a report of fire: 'clash' when small arms join in or the fire goes both ways,
    'shell' when only heavy weapons (heavy machine guns, mortars, launchers) are named or heavy weapons
    and others are fired one way at a place that is no armed target (`tok` the firing verb), else None."""
    if goes_both_ways(sent):
        return "clash"
    heavy = any(t.lower_ in HEAVY_WORDS for t in sent)
    if heavy and tok is not None and _fired_at_area(tok):
        return "shell"
    if _small_arms(sent):
        return "clash"
    return "shell" if heavy else None


CROWD_WORDS = {"people", "citizens", "locals", "residents", "villagers", "community", "crowd", "mob", "kin",
               "relatives", "neighbours", "neighbors", "inhabitants"}
COMMUNAL = {"caste", "clan", "tribe", "tribal", "ethnic"}
ARMED_WORDS = {"armed", "gunman", "gunmen", "militant", "militants", "bandit", "bandits", "soldier", "soldiers",
               "police", "policemen", "officer", "officers", "troops", "forces", "fighters", "rebels", "militia",
               "militiamen", "unidentified", "unknown", "gang", "gangs", "cartel", "criminal", "criminals"} | UNIT_WORDS


# battle words that tell one side's assault: on civilians they are an attack on civilians
ONE_SIDED = {"ambush", "incursion", "storm", "shot", "burst", "raid", "invade", "invasion"}


def _lone_armed_party(inc: Incident, agent: Optional[Mention]) -> bool:
    """No armed party is named in the incident besides the one who acts."""
    return not any(m.type in ARMED and (agent is None or m.name != agent.name)
                   for ms in inc.mentions.values() for m in ms)


def _crowd_subject(inc: Incident) -> bool:
    """The subject of the incident's verb is an unarmed crowd: 'a group of around 20 people attacked',
    'a group of local people killed a man', 'community members set alight ...'; or the agent of the passive
    verb: 'a man was beaten by villagers'."""
    for it in inc.items:
        tok = it.trigger.token
        for _ in range(3):
            if tok.pos_ in ("VERB", "AUX"):
                break
            tok = tok.head
        for _ in range(3):  # up a chain of coordinated verbs to the one with the subject
            # (all of them: an opening date is at times parsed as a second subject, 'Around 8 May, villagers set')
            subjs = [c for c in tok.children if c.dep_ == "nsubj"]
            if subjs or tok.dep_ != "conj":
                break
            tok = tok.head
        if not subjs:
            # a passive verb: the crowd is its agent ("a man was assaulted by a woman's kin")
            by = next((c for c in tok.children if c.dep_ == "agent"), None)
            subjs = [c for c in by.children if c.dep_ == "pobj"] if by is not None else []
        if tok.lemma_.lower() in VICTIM_SUBJECT:
            continue
        for subj in subjs:
            words = {t.lower_ for t in subj.subtree}
            if words & CROWD_WORDS and not words & (ARMED_WORDS | COMMUNAL):
                return True
    return False


HAPPEN = {"take", "erupt", "occur", "ensue", "break", "happen"}


def _civil_parties(inc: Incident) -> bool:
    """An unarmed group is a party of a battle trigger: its subject, 'between'/'with' object or modifier
    ('villagers clashed', 'clashes between two groups'), not a bystander ('people were trapped before the
    offensive')."""
    for it in inc.items:
        tok = it.trigger.token
        if it.trigger.kind.name != "battle":
            continue
        if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in HAPPEN:
            tok = tok.head  # 'a clash took place between two groups': the parties hang on the verb
        for c in tok.subtree:
            if c.lower_ not in CIVIL_GROUPS and c.lemma_.lower() not in CIVIL_GROUPS:
                continue
            if any(t.lower_ in ARMED_WORDS for t in c.subtree):
                continue  # 'two armed families', 'two factions of pro-Houthi forces'
            cur, ok = c, False
            for _ in range(4):
                if cur.i == tok.i:
                    break
                if cur.dep_ in ("nsubj", "compound", "amod", "nmod", "poss") and cur.head.i == tok.i:
                    ok = True
                if cur.dep_ == "pobj" and cur.head.lower_ in ("between", "with", "among", "of"):
                    ok = True
                cur = cur.head
            if ok and cur.i == tok.i:
                return True
        for c in tok.children:  # "villagers clashed": the subject is a child of the verb
            if c.dep_ == "nsubj" and any(t.lower_ in CIVIL_GROUPS for t in c.subtree):
                return True
    return False


POLICE_WORDS = {"police", "policemen", "policeman", "officers", "gendarmes", "gendarmerie", "troops", "soldiers",
                "forces", "guards", "authorities"}
# what police do to a crowd short of force: 'tried to control the crowd', 'stopped protesters from'
POLICE_ACTION_WORDS = {"control", "stop", "prevent", "remove", "clear", "push", "chase", "confront", "block",
                       "dismantle", "contain", "cordon", "kettle"}
TIRES = {"tire", "tires", "tyre", "tyres", "barricade", "barricades"}
# the forms of setting something alight (the parser reads 'burned tires' as an adjective of its own)
BURNING = {"burn", "burning", "burned", "burnt", "set", "light", "lit"}
# putting up barricades ('erected barricades on the road')
RAISING = {"erect", "set", "put", "build", "mount", "place", "raise"}


def _next_sentence(inc: Incident):
    """The sentence after the incident's last one, in the same paragraph (where a report often says how
    the police responded)."""
    last = max(inc.items, key=lambda i: i.sent_no).sent
    doc = last.doc
    if last.end >= len(doc):
        return None
    m = memo(doc)
    nxt = m.sent(last.end)
    if m.paragraph_no[m.sent_no[last.start]] != m.paragraph_no[m.sent_no[nxt.start]]:
        return None
    return nxt


# heads under which a word tells what the demonstrators want or blame, not what was done to them
# ('denouncing the arrest of', 'urged the authorities to intervene', 'stranded due to measures to stop ...')
GRIEVANCE_HEADS = {"demand", "denounce", "condemn", "against", "urge", "call", "ask", "reject", "oppose", "complain",
                   "accuse", "decry", "criticize", "criticise", "seek", "over", "due", "because"}
CROWD_HANDLING = INTERVENTION_WORDS | POLICE_ACTION_WORDS | ARREST_WORDS


# what a demonstration reacts to ('protested after the death of ...', 'over the killing of ...')
CAUSES = {"after", "following", "over"}


def _cause_of_demonstration(inc: Incident, tok) -> bool:
    """The word tells what the demonstration reacts to, under an 'after', 'following' or 'over' phrase or clause
    of its trigger ('demonstrated after the death of a detainee', 'protested after two men were killed'), or
    what it is for or against: no harm done at it."""
    if _in_grievance(tok):
        return True
    protests = {it.trigger.token.i for it in inc.items if it.trigger.kind.name in PROTEST_KINDS}
    cur = tok
    for _ in range(8):
        if cur.dep_ in ("pobj", "pcomp") and cur.head.lower_ in CAUSES:
            return cur.head.head.i in protests
        if cur.dep_ == "advcl" and any(c.dep_ in ("mark", "prep") and c.lower_ in CAUSES for c in cur.children):
            return cur.head.i in protests
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _in_grievance(tok) -> bool:
    """The word is part of what a demonstration is for or against (under a GRIEVANCE_HEADS word, not as
    its conjunct)."""
    lemmas = memo(tok.doc).lemmas
    head = tok
    for _ in range(8):
        if head.head.i == head.i:
            return False
        if head.dep_ != "conj" and lemmas[head.head.i] in GRIEVANCE_HEADS:
            return True
        head = head.head
    return False


FORCE_VERBS = {"use", "apply", "employ"}


def _phrase_form(t, lemmas) -> Optional[str]:
    """The crowd handling a phrase tells, named by its token `t`: 'used force', 'resorted to force' (force in the
    singular: 'security forces' is no use of it), 'taken into custody' and 'broke up the rally', 'the sit-in was
    broken up'."""
    if t.lower_ == "force" and (t.dep_ == "dobj" and lemmas[t.head.i] in FORCE_VERBS or t.dep_ == "pobj"
                                and t.head.lower_ == "to" and lemmas[t.head.head.i] == "resort"):
        return "use_force"
    if lemmas[t.i] == "custody" and t.dep_ == "pobj" and t.head.lower_ == "into":
        return "arrest"  # 'taken into custody'
    if lemmas[t.i] == "break" and any(c.dep_ == "prt" and c.lower_ == "up" for c in t.children) \
            and any(c.dep_ in ("dobj", "nsubjpass") for c in t.children):
        return "break_up"
    return None


def _crowd_handling_words(inc: Incident, sents) -> set[str]:
    """Lemmas and forms of the words of `sents` that may tell how the police handled a demonstration, less
    the protest's own trigger words ('students blocked the road'), participles describing a noun ('regime
    controlled areas'), what the crowd itself did ('protested ..., preventing the police from entering') and
    words inside a grievance (GRIEVANCE_HEADS)."""
    m = memo(inc.items[0].sent.doc)
    protest_toks = {it.trigger.token.i for it in inc.items if it.trigger.kind.name in PROTEST_KINDS}
    out = set()
    for sent in sents:
        for t in sent:
            forms = {m.lemmas[t.i], m.lowers[t.i], _phrase_form(t, m.lemmas)} & CROWD_HANDLING
            if not forms or t.i in protest_toks or t.dep_ == "amod" and t.tag_ == "VBN":
                continue
            if t.head.i in protest_toks and not any(c.dep_ in ("nsubj", "nsubjpass", "auxpass", "agent")
                                                    for c in t.children):
                continue  # the demonstrators' own act, unless passive ('gathered ... and were dispersed')
            head, grievance = t, False
            while head.head.i != head.i and not grievance:
                # a conjunct is no part of its head's grievance ('demanding ... and were dispersed by police')
                grievance = head.dep_ != "conj" and m.lemmas[head.head.i] in GRIEVANCE_HEADS
                head = head.head
            if not grievance:
                out |= forms
    return out


# what rioters or a mob damage ('rioters torched police bunkers'): with no demonstration told, mob violence too
MOB_DAMAGE = (CROWD_DAMAGE - {"attack", "assault", "beat"}) | {"set"}
DEMONSTRATION_WORDS = {"protest", "protester", "protesters", "demonstrator", "demonstrators", "demonstration", "rally",
                       "march", "slogan", "slogans", "demand", "agitation", "agitate", "strike", "sit-in", "grievance"}


def _stoning_without_demonstration(inc: Incident) -> bool:
    """A crowd throws stones (or clashes and throws stones) with no demonstration told ('villagers pelted
    stones at police who tried to settle a dispute'): ACLED's mob violence, not a violent demonstration. A
    protest word inside what the crowd opposes ('opposing the barricading of their street') is none of theirs."""
    riots = [it for it in inc.items if it.trigger.kind.name in PROTEST_KINDS and not _in_grievance(it.trigger.token)]
    if not riots or not all(it.trigger.kind.name == "riot" and it.trigger.token.lemma_.lower() in STONING | MOB_DAMAGE
                            for it in riots):
        return False
    m = memo(inc.items[0].sent.doc)
    words = set(m.lemmas) | set(m.lowers)
    if any(it.trigger.token.lemma_.lower() in MOB_DAMAGE for it in riots) and words & TIRES:
        return False  # burning tyres or barricades is a demonstration's
    # a demonstration told anywhere in the report (or petrol bombs thrown) keeps it a violent demonstration
    return not words & (DEMONSTRATION_WORDS | {"molotov", "petrol", "firebomb"})


def _crowd_did_damage(inc: Incident) -> bool:
    """The demonstrators damaged or burned something: 'demonstrators burned tires', 'protesters
    pelted stones', 'hartal supporters set a bus on fire'; burning tyres on a road is itself violent in ACLED's
    coding."""
    for it in inc.items:
        tok = it.trigger.token
        if it.trigger.kind.name in PROTEST_KINDS and tok.dep_ in ("nsubj", "compound") and \
                tok.head.lemma_.lower() in DAMAGE_VERBS and not _burned_symbol(tok.head):
            return True
        if it.trigger.kind.name in PROTEST_KINDS and _strikers_did_damage(tok):
            return True
        for t in it.sent:
            if t.lower_ in TIRES and any(w.lemma_.lower() in BURNING or w.lower_ in BURNING
                                         for w in [t.head, *t.children]):
                return True
            if _barricading(t):
                return True
    return False


def _strikers_did_damage(tok) -> bool:
    """The people a strike word names ('hartal supporters', 'bandh enforcers') are the subject of a violent
    act ('set a bus on fire', 'vandalised shops')."""
    people = tok.head
    if tok.dep_ not in ("compound", "nmod", "amod") or people.dep_ != "nsubj" or people.pos_ not in ("NOUN", "PROPN"):
        return False
    return _violent_act(people.head, memo(tok.doc).lemmas)


def _barricading(tok) -> bool:
    """Roads barricaded ('barricaded the main road', 'erected barricades'), which ACLED's codebook counts
    as a violent demonstration; not people barricading themselves in."""
    if tok.lemma_.lower() != "barricade":
        return False
    if tok.pos_ == "VERB":
        return any(c.dep_ == "dobj" and c.pos_ != "PRON" for c in tok.children)
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in RAISING


# what is done to property only: told in the passive with no one named doing it, right after a demonstration,
# it is the crowd's ('Chairs were burnt and windows smashed'), where people hurt may be the police's doing
PROPERTY_DAMAGE = CROWD_VIOLENCE - {"attack", "assault", "beat", "injure", "wound", "kill", "lynch"}
BREAKABLE = {"window", "door", "gate", "glass", "windshield", "windscreen", "furniture", "car", "vehicle", "camera",
             "shop", "lock"}
# what a crowd burns as a sign, which ACLED reads as a peaceful protest
SYMBOLS = {"effigy", "effigies", "flag", "flags", "photo", "photos", "picture", "pictures", "portrait", "portraits",
           "copy", "copies", "poster", "posters", "candle", "candles", "banner", "banners", "card", "cards"}
CROWD_PRONOUNS = {"they", "some", "several", "many", "others", "protesters", "demonstrators", "crowd", "participants"}


def _violent_act(verb, lemmas) -> bool:
    """The verb tells damage or harm done ('smashed windows', 'set a car on fire'), not a symbol burned."""
    lemma = lemmas[verb.i]
    if lemma not in CROWD_VIOLENCE:
        return False
    objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if lemma == "set":
        return any(lemmas[t.i] == "fire" or lemmas[t.i] == "ablaze" for t in verb.subtree)
    if lemma == "break":
        return any(lemmas[o.i] in BREAKABLE for o in objs)
    return bool(objs) and not _burned_symbol(verb)


def _burned_symbol(verb) -> bool:
    """'burned an effigy of the minister', 'burned copies of the law': a sign, no damage."""
    return any(c.dep_ in ("dobj", "nsubjpass") and (c.lower_ in SYMBOLS or c.lemma_.lower() in SYMBOLS)
               for c in verb.children)


def _acts_of(verb):
    """The verbs coordinated with or subordinate to `verb` that have no subject of their own ('protested and
    smashed', 'demonstrated, breaking windows')."""
    out, todo = [], [verb]
    while todo:
        v = todo.pop()
        for c in v.children:
            if c.dep_ in ("conj", "advcl", "xcomp") and c.pos_ == "VERB" \
                    and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
                out.append(c)
                todo.append(c)
    return out


def _crowd_went_on_to_violence(inc: Incident) -> bool:
    """The demonstrators' own clause goes on to damage or harm ('residents protested and damaged the office',
    'demonstrated, breaking windows', 'a crowd protesting the arrest set a police car on fire'), or the
    sentence right after the demonstration's, or the next one of the paragraph, says they did ('They smashed
    the windows of the town hall'); sentences further on may tell another incident."""
    m = memo(inc.items[0].sent.doc)
    for it in inc.items:
        if it.trigger.kind.name != "protest":
            continue
        tok = it.trigger.token
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "nsubj":
            verb = tok.head  # 'protesters forced their way in and destroyed furniture'
        elif tok.dep_ == "acl" and tok.head.dep_ == "nsubj":
            verb = tok.head.head  # 'a crowd protesting the arrest set a car on fire'
        else:
            verb = tok
        if any(_violent_act(v, m.lemmas) for v in [verb] + _acts_of(verb) if v.i != tok.i):
            return True
    protest_sents = [it.sent_no for it in inc.items if it.trigger.kind.name == "protest"]
    if not protest_sents:
        return False
    later = [m.sents[n] for n in inc.sent_nos if n == min(protest_sents) + 1] + [
        s for s in [_next_sentence(inc)] if s is not None]
    return any(_crowd_violence_told(sent, m.lemmas) for sent in later)


def _crowd_violence_told(sent, lemmas) -> bool:
    """A sentence after a demonstration's says the crowd did damage or harm: 'They smashed the windows',
    'The inmates burned documents', or, naming no one, 'Chairs were burnt'."""
    crowds = [x for x in find_mentions(sent) if x.type in ("civilians", "protesters", "rioters")]
    for v in [sent.root] + _acts_of(sent.root):
        if not _violent_act(v, lemmas) or _told_as_before(v):
            continue
        subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
        if subj is not None and _crowd_named(subj, crowds):
            return True
        if subj is None and lemmas[v.i] in PROPERTY_DAMAGE and _passive_without_agent(v):
            return True
    return False


def _crowd_named(subj, crowds: list[Mention]) -> bool:
    """The subject names the crowd again: 'they', 'the protesters', 'some of them', 'the inmates' (not
    'several gunmen')."""
    if subj.lower_ in CROWD_PRONOUNS and not any(c.dep_ in ("amod", "compound") for c in subj.children):
        crowd = CROWD_PRONOUNS | PARTICIPANTS
        return not any(c.dep_ == "prep" and c.lower_ == "of" and not {g.lower_ for g in c.subtree} & crowd
                       for c in subj.children)
    return any(x.start <= subj.i < x.end for x in crowds)


def _told_as_before(verb) -> bool:
    """'Their shops had been burned', 'the market, burned since ...': what came before the demonstration
    (often its cause), not what the crowd did."""
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d") for c in verb.children) \
        or background(verb) == "history"


def _passive_without_agent(verb) -> bool:
    """'Chairs were burnt': a passive that names no one doing it (no 'by' phrase), said of a thing."""
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return subj is not None and subj.lower_ not in CIVILIAN_WORDS | ARMED_VICTIMS \
        and not any(c.dep_ == "agent" for c in verb.children)


def _protesters_did_violence(inc: Incident) -> bool:
    for it in inc.items:
        for m in inc.mentions.get(it.sent_no, []):
            if (m.type in ("protesters", "rioters") or _unarmed_agent(m)) and role_of(m, it.trigger.token) == "agent" \
                    and not _burned_symbol(it.trigger.token) \
                    and (it.trigger.kind.name in ("battle", "attack", "beat", "loot", "riot", "shoot")
                         or it.trigger.kind.name == "wound" and _has_patient(inc, it)):
                return True
    return False


def _has_patient(inc: Incident, it: Item) -> bool:
    """Someone named suffers the trigger's act ('protesters injured three police officers', not 'three
    protesters injured')."""
    return any(role_of(m, it.trigger.token) == "patient" for m in inc.mentions.get(it.sent_no, []))


def _state_did(inc: Incident, kinds: set[str]):
    """The items of those kinds that state forces do ('police beat protesters', 'were beaten by police'), less
    those the demonstrators protest against."""
    return [it for it in inc.items if it.trigger.kind.name in kinds and not _in_grievance(it.trigger.token) and any(
        m.type == "state_forces" and role_of(m, it.trigger.token) == "agent" for m in inc.mentions.get(it.sent_no, []))]


def _state_fired_on_crowd(inc: Incident) -> bool:
    """State forces shoot at a demonstration, with no crowd-control weapon nor shots in the air told ('soldiers
    opened fire on demonstrators'): lethal force, ACLED's excessive force against protesters even when no one
    is reported hurt."""
    shots = _state_did(inc, {"shoot"})
    if not shots or crowd_control(inc):
        return False
    return not any(_fired_skyward(it.sent) for it in shots)


def _state_harmed_crowd(inc: Incident) -> bool:
    """State forces beat, attack or injure the demonstrators: a demonstration met with force."""
    return bool(_state_did(inc, {"beat", "attack", "wound"}))


# who, arrested in a demonstration's report, are its participants ('several of them were taken into custody')
PARTICIPANTS = {"them", "they", "participants", "protesters", "protestors", "demonstrators", "organisers",
                "organizers"}


def _protesters_arrested(inc: Incident) -> bool:
    """The demonstrators are the ones arrested ('twenty protesters were detained', and in the incident or the
    next sentence 'some of them were taken into custody'), whoever the report says did it."""
    if any(m.type == "protesters" and role_of(m, it.trigger.token) == "patient"
           for it in inc.items if it.trigger.kind.name == "arrest" and not _in_grievance(it.trigger.token)
           for m in inc.mentions.get(it.sent_no, [])):
        return True
    m = memo(inc.items[0].sent.doc)
    sents = [m.sents[n] for n in inc.sent_nos] + [s for s in [_next_sentence(inc)] if s is not None]
    for sent in sents:
        for t in sent:
            if not {m.lemmas[t.i], _phrase_form(t, m.lemmas)} & ARREST_WORDS or _in_grievance(t):
                continue
            verb = t.head.head if m.lemmas[t.i] == "custody" else t  # 'taken into custody'
            subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if subj is not None and {w.lower_ for w in subj.subtree} & PARTICIPANTS or _arrests_named_no_one(verb):
                return True
    return False


def _arrests_named_no_one(tok) -> bool:
    """Arrests told with no one else named as arrested: 'several arrests were made', '26 arrested for
    violating the curfew'; in a demonstration's report, those of its participants."""
    if tok.pos_ == "NOUN":
        return tok.dep_ in ("nsubjpass", "dobj") and tok.head.lemma_.lower() == "make"
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return tok.tag_ == "VBN" and subj is not None and subj.pos_ == "NUM"


def crowd_control(inc: Incident) -> bool:
    """'fired tear gas, rubber bullets and beanbag rounds at crowds', 'used water cannon'."""
    m = memo(inc.items[0].sent.doc)
    for n in inc.sent_nos:
        sent = m.sents[n]
        low = m.lowers[sent.start:sent.end]
        for i, w in enumerate(low):
            if w in CROWD_CONTROL_FIRST and any(tuple(low[i:i + len(ws)]) == ws for ws in CROWD_CONTROL_FIRST[w]):
                return True
    return False


def police_arrested(inc: Incident) -> bool:
    """State forces arrest or detain people in the incident: 'police detained 700 people during protests'."""
    for it in inc.items:
        if it.trigger.kind.name != "arrest":
            continue
        if any(m.type == "state_forces" and role_of(m, it.trigger.token) == "agent"
               for m in inc.mentions.get(it.sent_no, [])):
            return True
    return False


def _mention_types(inc: Incident) -> set[str]:
    """The actor types of every mention in the incident's sentences."""
    return {m.type for ms in inc.mentions.values() for m in ms}


def _police_present(inc: Incident) -> bool:
    return "state_forces" in _mention_types(inc)


# victims who are fighters: a killing of them is a battle in ACLED's coding, unless they were off duty
ARMED_VICTIMS = {"policeman", "policemen", "officer", "officers", "soldier", "soldiers", "militant", "militants",
                 "fighter", "fighters", "bodyguard", "bodyguards", "guard", "guards", "troops", "combatant",
                 "combatants", "jihadist", "jihadists", "insurgent", "insurgents", "rebel", "rebels", "gunman",
                 "gunmen", "militiaman", "militiamen", "serviceman", "servicemen", "conscript", "conscripts",
                 "recruit", "recruits", "commander", "commanders", "gendarme", "gendarmes", "agent", "agents",
                 "personnel", "sniper", "snipers", "policewoman", "policewomen", "vigilante", "vigilantes",
                 "paramilitary", "paramilitaries", "trooper", "troopers", "jawan", "jawans", "guardsman", "guardsmen",
                 "ranger", "rangers", "peacekeeper", "peacekeepers", "bandit", "bandits", "terrorist", "terrorists",
                 "constable", "constables", "khasadar", "khasadars"}
ALSO_VICTIMS = ("in addition to", "along with", "together with", "as well as")
HARM_KINDS = {"kill", "wound", "abduct", "attack", "shoot", "beat"}
# agents who carry no arms: a party's at the polling station, a travel or an estate agent
UNARMED_AGENTS = {"polling", "election", "party", "travel", "estate", "sales", "insurance", "booking", "ticket",
                  "shipping", "clearing", "commission"}


def _victim_word(tok) -> bool:
    if tok.lower_ not in ARMED_VICTIMS and tok.lemma_.lower() not in ARMED_VICTIMS or modifies_kit(tok):
        return False
    if tok.lemma_.lower() == "agent" and any(c.lower_ in UNARMED_AGENTS for c in tok.children):
        return False
    return not (_says_off_duty(tok.doc, tok.sent.start, tok.i - 5, tok.i) or off_duty_aside(tok.doc, tok.i + 1)
                or at_home(tok))


def _victim_right_after(verb, sent_end: int) -> bool:
    """A fighter's word in the object right after the active verb (numbers, adjectives and names between)."""
    for t in verb.doc[verb.i + 1:min(verb.i + 7, sent_end)]:
        if _victim_word(t):
            return True
        # (a group's acronym parsed as a verb, 'killed 15 IS militants', does not end the object)
        if t.is_punct or t.pos_ in ("VERB", "AUX") and not t.is_upper or t.pos_ == "ADP" and t.lower_ != "of":
            return False
    return False


def _armed_victims(inc: Incident) -> bool:
    """The harm falls on fighters: 'killed 3 IS militants', 'killing 4 policemen', 'abducted a police
    officer', 'two opposition fighters were found dead'."""
    for it in inc.items:
        if it.trigger.kind.name not in HARM_KINDS:
            continue
        tok = it.trigger.token
        if tok.pos_ == "VERB" and not any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
            # the object right after an active verb (numbers, adjectives and names between), or after the
            # last verb coordinated with it ('killing, injuring or capturing 2 militants'; 'killed six militants
            # and wounded several others' has one of its own)
            last = max((c for c in (tok, *tok.conjuncts) if c.pos_ == "VERB"), key=lambda c: c.i)
            if any(_victim_right_after(v, it.sent.end) for v in {tok, last}):
                return True
            # victims added to the object ('killed a council member in addition to 3 of his guards',
            # 'along with two soldiers', 'as well as his bodyguard')
            for c in (c for v in (tok, *tok.conjuncts) for c in v.children):
                if c.dep_ not in ("dobj", "prep", "advmod"):
                    continue
                for p in ([c] if c.dep_ != "dobj" else [c] + [d for d in c.children if d.dep_ == "prep"]):
                    low = p.lower_ + " " + " ".join(d.lower_ for d in p.doc[p.i + 1:p.i + 3])
                    if low.startswith(ALSO_VICTIMS) and any(_victim_word(t) for t in p.subtree):
                        return True
        # passive or a victim's verb: its subject ("two soldiers were killed", "fighters were found dead")
        # (not the verb that takes the victim as object: the subject of 'gunmen shot dead a man' is the shooter)
        heads = [tok] + ([tok.head] if tok.dep_ in ("acomp", "oprd", "xcomp")
                         and not any(c.dep_ == "dobj" for c in tok.head.children) else [])
        # (a transitive 'wounded' has the attackers for subject: "gunmen wounded a civilian")
        if tok.pos_ == "VERB" and any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) \
                or tok.lemma_.lower() in VICTIM_SUBJECT and not any(c.dep_ == "dobj" for c in tok.children):
            for h in heads:
                for c in h.children:
                    if c.dep_ in ("nsubj", "nsubjpass") and any(_victim_word(t) for t in c.subtree):
                        return True
    return False


# what puts a victim in a gang ('the victim was involved in a gang', 'had charges for drug trafficking'): ACLED
# codes gang members as an armed party, so the attack on them as an armed clash
GANG_WORDS = {"gang", "gangs", "cartel", "cartels", "trafficking", "trafficker", "traffickers"}
# verbs that tell what the victim was, not what was done to them ('killed by a gang', 'shot in gang violence')
BEING = {"be", "have", "involve", "belong", "link", "associate", "identify"}


def _victim_in_gang(inc: Incident) -> bool:
    """The report says the victim was in a gang or charged with trafficking, in the incident or just after."""
    m = memo(inc.items[0].sent.doc)
    sents = [m.sents[n] for n in inc.sent_nos] + [s for s in [_next_sentence(inc)] if s is not None]
    for sent in sents:
        for t in sent:
            if t.lower_ not in ("victim", "victims") or t.dep_ not in ("nsubj", "nsubjpass") \
                    or t.head.lemma_.lower() not in BEING:
                continue
            told = [w for c in t.head.children if c.i != t.i and c.dep_ not in ("agent", "nsubj", "nsubjpass")
                    for w in c.subtree]
            if any(w.lower_ in GANG_WORDS for w in told):
                return True
    return False


# what makes a camp or a station a civilian place: 'a cattle camp', 'an IDP camp', 'a fuel station'
CIVILIAN_SITES = {"cattle", "refugee", "idp", "displacement", "displace", "migrant", "fishing", "fuel", "gas", "petrol",
                  "bus", "train", "radio", "television", "tv"}


# prepositions under which a word is where, when or by whom the act was done, not its target ('attack in the
# army's zone', 'during a raid', 'by the police')
NOT_TARGET_PREPS = {"in", "near", "inside", "during", "after", "by"}


def _attacks_armed_target(inc: Incident) -> bool:
    targets = lexicon().armed_targets
    for it in inc.items:
        tok = it.trigger.token
        if it.trigger.kind.role != "lead" or it.trigger.kind.acled_type == "Strategic developments":
            continue  # ('his arrest at a checkpoint': a place, no target)
        # one is shot or fired 'at' a target, but beaten 'at' or 'on' a place ('beat a man at the police station')
        not_target = NOT_TARGET_PREPS | ({"at", "on"} if it.trigger.kind.name == "beat" else set())
        for c in tok.subtree:
            if c.i == tok.i or c.head.i == tok.i and c.dep_ in ("compound", "amod", "nmod", "poss"):
                continue  # "a police raid": the police raided
            if c.lemma_.lower() in targets and (c.dep_ in ("dobj", "pobj", "nsubjpass", "conj", "compound")) \
                    and not _says_off_duty(c.doc, c.sent.start, c.i - 4, c.i + 1) and not at_home(c) \
                    and not any(m.lemma_.lower() in CIVILIAN_SITES for m in c.children) \
                    and not (c.lemma_.lower() == "vehicle" and not _military_vehicle(c)):
                # "attacked a police post", "fired at positions"; not "attack in the army's zone"
                path = c
                ok = True
                for _ in range(4):
                    if path.head.i == tok.i:
                        break
                    # (nor what describes the victim: 'an officer working at the anti-drug unit')
                    if path.dep_ == "pobj" and path.head.lower_ in not_target \
                            or path.dep_ in ("agent", "acl", "relcl"):
                        ok = False
                    path = path.head
                # the attackers' own words ('police officers beat a man', 'soldiers manning a checkpoint
                # opened fire') name no target
                if ok and not (path.head.i == tok.i and path.dep_ in ("nsubj", "csubj")):
                    return True
    return False


# what makes a vehicle a target of the forces ('an army vehicle', 'an armoured vehicle'), not of travellers
MILITARY_MODIFIERS = {"military", "army", "police", "armoured", "armored", "security", "patrol", "troop", "troops",
                      "government", "official", "un", "peacekeeping"}


def _military_vehicle(tok) -> bool:
    """The vehicle is named as the forces' ('a police vehicle', 'vehicles of the army'); bare 'vehicles' are
    travellers' as often ('ambushed and looted vehicles on the highway')."""
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss")]
    mods += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "carrying") for g in c.subtree]
    return any(m.lemma_.lower() in MILITARY_MODIFIERS or m.lower_ in MILITARY_MODIFIERS or m.ent_type_ == "ORG"
               for m in mods)


def _counts(inc: Incident) -> dict[str, Count]:
    per_sent: dict[tuple[str, int], Count] = {}
    for it in inc.items:
        if it.count_kind and it.count is not None:
            key = (it.count_kind, it.sent_no)
            prev = per_sent.get(key)
            per_sent[key] = it.count if prev is None else C._add(prev, it.count)
    out: dict[str, Count] = {}
    for (kind, _), c in per_sent.items():
        if kind not in out or (c.best or 0) > (out[kind].best or 0):
            out[kind] = c
    for kind in ("fatalities", "size"):
        if kind in inc.remarks:
            v = inc.remarks[kind]
            out[kind] = Count(v, v, v, "coder remark")
    return out


# the PLOVER category/mode and the actor hints that go with an ACLED sub-event type chosen by the typer
_HINTS = {"Peaceful protest": ("protesters", None), "Protest with intervention": ("protesters", "state_forces"),
          "Excessive force against protesters": ("protesters", None), "Violent demonstration": ("rioters", None),
          "Mob violence": ("rioters", None), "Attack": (None, "civilians"),
          "Sexual violence": (None, "civilians"), "Abduction/forced disappearance": (None, "civilians")}
_PLOVER_OF_SUB = {"Violent demonstration": ("PROTEST", "riot"), "Mob violence": ("ASSAULT", "beat"),
                  "Excessive force against protesters": ("PROTEST", "demo"),
                  "Protest with intervention": ("PROTEST", "demo"), "Armed clash": ("ASSAULT", "firearms"),
                  "Attack": ("ASSAULT", None)}


def retype(c: Coding, sub: str) -> Coding:
    """The coding with its ACLED sub-event type replaced (by the trained typer), kept consistent."""
    from .lexicon import ACLED_SUB_TO_TYPE

    if sub == c.acled_sub:
        return c
    plover, mode = _PLOVER_OF_SUB.get(sub) or next(
        ((k.plover, k.mode) for k in lexicon().kinds.values() if k.acled_sub == sub), (c.plover, c.mode))
    a_hint, p_hint = conventional_hints(sub, *_HINTS.get(sub, (None, None)))
    agent, patient = conventional_roles(sub, a_hint, c.agent, c.patient)
    return Coding(plover, mode, ACLED_SUB_TO_TYPE[sub], sub, c.primary, agent, patient, a_hint, p_hint,
                  c.counts, "typer")
