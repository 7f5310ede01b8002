"""The place and the date that govern an event.

Place: a resolved Place (role "place" only) inside a locative phrase ("in/near/at X") attached to
the trigger's clause; else the most specific place of the sentence; else the place of the nearest
earlier sentence of the same paragraph; else the document's dominant place.
Date: the times stage's `event_date` for the evidence span, falling back to the published date.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from typing import Optional

from ..docmemo import memo
from ..gazetteer.names import key as name_key
from ..gazetteer.units import ADMIN_UNITS, LOCALITIES, SETTLEMENTS, forms, pattern as unit_pattern
from ..geodesy import great_circle_km
from ..model import EventDate, Place, Record
from .actors import COMMUNAL_HEADS, MEMBER_WORDS
from .lexicon import SAYING, actor_data

LOCATIVE = {"in", "near", "at", "outside", "around", "across", "inside", "within", "throughout", "on",
            "into", "from", "of", "along", "between", "to", "towards", "toward", "north", "south", "east",
            "west", "off", "over", "through", "besides", "nearby"}
DESTINATION = {"to", "towards", "toward", "into"}
MOTION = {"extradition", "extradite", "deportation", "deport", "expulsion", "expel", "send", "transfer", "return",
          "repatriation", "repatriate", "flee", "escape", "travel", "fly", "flight", "trip", "journey", "route",
          "road", "highway", "move", "relocate", "relocation", "evacuate", "evacuation", "migrate", "migration",
          "smuggle", "smuggling", "export", "ship", "shipment", "bring", "take", "lead", "head", "go", "drive",
          "march", "walk", "sail", "cross", "crossing", "arrive", "ferry", "airlift", "bus"}
FINENESS = {"other": 0, "city": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4}


def usable_places(record: Record) -> list[Place]:
    """The record's resolved places; when none is read as a place, the towns, cities and provinces that the
    places stage took for an organisation's name ('teachers in Bamako staged ...' read as a team, 'the
    Hakkari Governor's Office banned ...') still say where the events happened. A country that acts
    ('France and Britain vetoed ...', 'a truce brokered by Egypt') or a source ('according to Kyiv') is a
    party, not a place, unless the report names no other."""
    out = [p for p in record.places if (p.role or "place") == "place" and p.lat is not None]
    out = sorted(out + _stand_ins(record, out), key=lambda p: p.start)
    if not out:
        out = [p for p in record.places if p.role == "organisation" and p.lat is not None
               and p.feature in ("city", "admin2", "admin1")]
    if record.doc is not None:
        out = [p for p in out if not _party(record.doc, p)] or out
    return out


# a unit word and a bracket or comma after a name, before the place it lies in ('El Menzah (Cite El Khadra, Tunis)')
CONTAINER_NEXT = re.compile(rf"(?:\s+{unit_pattern(ADMIN_UNITS)})?\s*[(,]", re.I)


def _stand_ins(record: Record, located: list[Place]) -> list[Place]:
    """The districts the index holds no point of, with the town they lie in named in the bracket or after the
    comma that follows them ('in El Menzah (Cite El Khadra, Tunis)'): located at that town."""
    out = []
    for p in record.places:
        m = CONTAINER_NEXT.match(record.text, p.end)
        if (p.role or "place") != "place" or p.lat is not None or p.feature != "admin2" or m is None:
            continue
        close = record.text.find(")", m.end()) if m.group().endswith("(") else m.end() + 40
        town = next((q for q in located if m.end() <= q.start < close and q.country == p.country), None)
        if town is not None and town.feature == "city":
            out.append(relocated(p, town.lat, town.lon, f"located at {town.name}, which it lies in"))
    return out


# verbs whose subject is where things are or happen, not who acts ('Syria has seen five years of war')
STATIVE = {"be", "have", "see", "face", "remain", "become", "lie", "border", "host", "experience", "suffer",
           "witness", "endure", "stay", "enter", "plunge", "slide", "descend", "sink", "need"}


def _party(doc, p: Place) -> bool:
    """A name standing for a government: a source ('according to Kyiv'), or a country that is the subject
    of an act, the agent of a passive ('brokered by Egypt'), the one addressed ('urged Egypt to ...') or
    a partner ('would keep working with Egypt')."""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according":
        return True
    if p.feature != "country":
        return False
    while tok.dep_ == "conj" and tok.head.i != tok.i:  # 'France and Britain vetoed'
        tok = tok.head
    if tok.dep_ == "nsubj":
        return tok.head.pos_ == "VERB" and tok.head.lemma_.lower() not in STATIVE
    if tok.dep_ == "dobj":  # 'urged Russia to help', 'accused Iran of arming them'
        return tok.head.lemma_.lower() in ADDRESSING
    return tok.dep_ == "pobj" and (tok.head.dep_ == "agent" or tok.head.lower_ == "with" and tok.head.head.pos_ == "VERB")


# verbs whose object is a party spoken to or of, not a place acted on
ADDRESSING = {"urge", "ask", "press", "call", "accuse", "blame", "warn", "condemn", "criticise", "criticize",
              "thank", "tell", "invite", "persuade", "pressure", "implore", "encourage", "lobby"}


COHERENT_KM = 150.0


def _stray(p: Place, places: list[Place]) -> bool:
    """A town resolved far from every other place the report names ('San Lorenzo neighborhood' of a
    Mexican town resolved to a namesake elsewhere): a doubtful reading when the others agree."""
    others = [q for q in places if q.feature != "country" and (q.geonameid or q.name) != (p.geonameid or p.name)]
    return bool(others) and all(great_circle_km(p.lat, p.lon, q.lat, q.lon) > COHERENT_KM and not _inside(p, q)
                                for q in others)


def _inside(p: Place, q: Place) -> bool:
    """One lies in the other's first-level unit (a town of a large state lies far from the state's middle)."""
    return p.country == q.country and p.admin1 is not None and p.admin1 == q.admin1 and "admin1" in (p.feature, q.feature)


SUB_PLACE_KM = 30.0
# words that make a name part of a town ('Braunas neighborhood', 'the Rabat area of X district', 'Colonia Arboledas')
SUB_AFTER = re.compile(r"\s+(?:neighbou?rhoods?|sector|community|locality|suburb|quarter|colony|favela|area\s+of)\b",
                       re.I)
SUB_BEFORE = re.compile(r"\b(?:Colonia|Barrio|Bairro)\s+$")


def _near(p: Place, q: Place) -> bool:
    """Two places in one town's reach, or one in the other's province: the first read as part of the second."""
    return great_circle_km(p.lat, p.lon, q.lat, q.lon) <= SUB_PLACE_KM or _inside(p, q)


def _named_as_sub_place(text: str, p: Place) -> bool:
    """A town whose name the text makes part of a town ('Braunas neighborhood', 'Colonia Arboledas')."""
    return p.feature in ("city", "admin2") and bool(SUB_AFTER.match(text, p.end)
                                        or SUB_BEFORE.search(text, max(0, p.start - 8), p.start))


def _sub_key(p: Place) -> tuple:
    """What `_named_as_sub_place` reads of a place."""
    return p.start, p.end, p.feature


def _far_sub_place(p: Place, places: list[Place]) -> bool:
    """A neighbourhood or locality read as a town far from the towns the report names ('Braunas
    neighborhood' of Belo Horizonte read as Braúnas, 200 km away): a namesake, not the place. `p` is one
    `_named_as_sub_place`."""
    towns = [q for q in places if q.feature in ("city", "admin2") and (q.geonameid or q.name) != (p.geonameid or p.name)]
    if towns:
        return all(great_circle_km(p.lat, p.lon, q.lat, q.lon) > SUB_PLACE_KM for q in towns)
    return _stray(p, places)


def dominant_place(places: list[Place]) -> Optional[Place]:
    if not places:
        return None
    counts = Counter(p.geonameid or p.name for p in places)
    return max(places, key=lambda p: (counts[p.geonameid or p.name], -FINENESS.get(p.feature, 3),
                                      -p.start))


def _motion(tok) -> bool:
    """A word of going or sending, or a verb whose object is one ('allow extradition to ...')."""
    return tok.lemma_.lower() in MOTION or any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in MOTION
                                               for c in tok.children)


def _clause_of(tok, govs: dict) -> bool:
    """The token is the trigger's clause or a verb chained to it ('allowed to go', 'fled and headed'); a
    verb with a subject of its own ('the raid came as ministers flew to ...') tells another's act."""
    for _ in range(3):
        if tok.i in govs:
            return True
        if tok.dep_ not in ("xcomp", "ccomp", "conj", "advcl") or tok.head.i == tok.i \
                or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            return False
        tok = tok.head
    return tok.i in govs


def _trigger_heads(trigger) -> dict:
    """The trigger and the words governing it in its clause, with their distance from it (index -> steps)."""
    govs = {trigger.i: 0}
    cur, d = trigger, 0
    while cur.head.i != cur.i and d < 3 and cur.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "prep",
                                                           "xcomp", "conj", "compound", "attr", "acl"):
        cur = cur.head
        d += 1
        govs[cur.i] = d
    return govs


def _goes_elsewhere(tok, govs: dict) -> bool:
    """The token is where something else goes ('a bill allowing extradition to China'), not the event."""
    return tok.dep_ == "pobj" and tok.head.lower_ in DESTINATION and _motion(tok.head.head) \
        and not _clause_of(tok.head.head, govs)


def _others_destination(tok, govs: dict, limit: int = 8) -> bool:
    """The place is, or is told of in what is said about (', where donors meet ... in Kabul'), a
    destination of another's going, not of the trigger's clause."""
    cur = tok
    for _ in range(limit):
        if cur.i in govs:
            return False
        if _goes_elsewhere(cur, govs):
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _in_clause(tok, trigger, limit: int = 8) -> Optional[int]:
    """Steps from a place token up to the trigger's clause (the trigger or a governor of it)."""
    govs = _trigger_heads(trigger)
    cur, steps, via_loc = tok, 0, False
    while steps < limit:
        if cur.i in govs:
            return steps + govs[cur.i] if via_loc or steps == 0 else None
        if _goes_elsewhere(cur, govs):
            return None
        if cur.dep_ == "pobj" and cur.head.lower_ in LOCATIVE:
            via_loc = True
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        steps += 1
    return None


# the Persian linking vowel joins words into one name ('Dasht-e-Abdan', 'Nawa-e Barakzayi', 'Pul-i-Khumri')
EZAFE_BEFORE = re.compile(r"[A-Za-z]-(?:e|i|ye|yi)-$")
EZAFE_AFTER = re.compile(r"-(?:e|i|ye|yi)[\s-][A-Z]")


def _partial(doc, p: Place) -> bool:
    """A place read from part of a longer name ('Khana' in 'Salla Khana village', 'Salim' in 'Abu Salim'):
    its resolution is a guess about another place."""
    text = memo(doc).text  # doc.text joins every token again on each call
    if EZAFE_BEFORE.search(text, max(0, p.start - 12), p.start) or EZAFE_AFTER.match(text, p.end):
        return True  # 'Abdan' of 'Dasht-e-Abdan', 'Nawa' of 'Nawa-e Barakzayi'
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return False
    near = [doc[span.start - 1]] if span.start > 0 else []
    after = doc[span.end] if span.end < len(doc) else None
    # a unit resolved as that unit, with its unit word after it ('Faskari LGA'), is whole
    if after is not None and not (p.feature in ("admin1", "admin2") and after.lower_ in UNIT_WORDS):
        near.append(after)
    return any(t.pos_ == "PROPN" and t.text[:1].isupper() and not t.is_sent_start for t in near)


# words of an administrative unit written after its name ('Faskari LGA', 'Nawa District'): no part of the name
UNIT_WORDS = frozenset(ADMIN_UNITS)


# 'Mbouda subdivision (...)', 'Sunderbani sector area (...)', 'Sirwah district west of Marib city'
PLACE_KIND = unit_pattern([*ADMIN_UNITS, *SETTLEMENTS, *LOCALITIES, "sector", "subdivision"])
NEAR_KIND = unit_pattern(["district", "subdistrict", "sub-district", "county", "area", "village", "town"])
DIRECTION_OF = (r"(\d+\s*(km|kilometres|kilometers|miles)\s+)?((north|south)-?(east|west)?|east|west)(ern)?"
                r"\s+of\s+(the\s+)?(city\s+of\s+)?")
QUALIFIER_GAP = re.compile(rf"\s*(sector\s+)?{PLACE_KIND}?\s*(,|\(|-|–)\s*(the\s+)?"
                           rf"|\s*{PLACE_KIND}\s+of\s+(the\s+)?(city\s+of\s+)?"
                           rf"|\s*{NEAR_KIND},?\s+{DIRECTION_OF}"
                           rf"|\s*{PLACE_KIND}?\s+in\s+(the\s+)?", re.I)


def _qualifier(text: str, p: Place, places: list[Place]) -> bool:
    """A place that only says where the place before it lies: 'Chimtal district, Balkh', 'Majzar
    district (Marib)', 'Esenyurt district of Istanbul', 'Sirwah district west of Marib city', 'Menbij in
    Aleppo'. The event happened in the first."""
    return any(q is not p and q.end <= p.start and p.start - q.end <= 20 and QUALIFIER_GAP.fullmatch(text[q.end:p.start])
               and not (q.start <= p.start < q.end) and q.feature not in ("country", "region") for q in places)


# works named after a town, which often lie elsewhere ('the Jalandhar bypass in Ludhiana', 'Los Angeles cemetery')
NAMED_WORK_AFTER = re.compile(r"\s+(?:cemetery|graveyard|bypass|highway|expressway|motorway)\b", re.I)


def _names_a_work(text: str, p: Place) -> bool:
    return p.feature == "city" and bool(NAMED_WORK_AFTER.match(text, p.end))


CITY_AFTER = re.compile(r"\s+city\b", re.I)
CITY_BEFORE = re.compile(r"\bcity\s+of\s+$", re.I)


def _province_name(text: str, p: Place, places: list[Place]) -> bool:
    """A town of its province's name ('Ghazni', 'Al Hudaydah') beside a district of that province in the
    sentence ('in Andar district, Ghazni', 'Hays district in western Yemen (Al Hudaydah)'): the name says
    which province the district lies in; the event is the district's. Not a town the writer calls a city."""
    if p.feature != "city" or not p.admin1 or name_key(p.name) != name_key(p.admin1):
        return False
    if CITY_AFTER.match(text, p.end) or CITY_BEFORE.search(text, max(0, p.start - 12), p.start):
        return False
    return any(q.feature == "admin2" and q.admin1 == p.admin1 and q.country == p.country for q in places)


# nouns a country name before them still places ('the Syrian border', 'Yemen's capital')
PLACE_NOUNS = {"border", "borders", "territory", "soil", "side", "capital", "city", "town", "village", "region",
               "province", "state", "coast", "waters", "airspace", "frontier", "north", "south", "east", "west",
               "part", "parts", "mainland", "countryside", "interior", "area", "areas", "land", "frontline"}


def _attributive(doc, p: Place) -> bool:
    """A country named as the modifier of another noun ('the U.S. government', 'U.S. special forces',
    'Myanmar's military operation'): it says whose, not where."""
    if p.feature != "country":
        return False
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        return root.head.head.lower_ in _owned_nouns()  # 'the military forces of Armenia', 'the government of Sudan'
    return root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.pos_ in ("NOUN", "PROPN") \
        and root.head.i >= span.end and root.head.lower_ not in PLACE_NOUNS


@lru_cache(maxsize=1)
def _owned_nouns() -> frozenset:
    """Single words for a country's forces or government ('army', 'troops', 'government', 'president')."""
    heads = actor_data()["generic_heads"]
    return frozenset(w for typ in ("state_forces", "government") for w in heads[typ] if " " not in w)


def _confirmed(text: str, places: list[Place]) -> set:
    """The places somewhere qualified by their own country ('MOGADISHU, Somalia', 'Erbil, Iraq'): no
    namesake elsewhere, so no stray however far the report's other places lie."""
    out = set()
    for p, q in zip(places, places[1:]):
        if q.feature == "country" and p.feature != "country" and p.country and q.country == p.country \
                and 0 < q.start - p.end <= 3 and text[p.end:q.start].strip() == ",":
            out.add(p.geonameid or p.name)
    return out


def _speech_verb(doc, p: Place) -> Optional[int]:
    """The verb of saying whose locative a place is ('told the Council in Geneva that ...', 'said in Geneva'):
    where someone spoke, by the verb's position."""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return None
    cur, via_loc = span.root, False
    for _ in range(6):
        if cur.dep_ == "pobj" and cur.head.lower_ in LOCATIVE:
            via_loc = True
        # 'Later in Vienna, a spokesman said': the adverb carries the place to the verb
        if cur.dep_ not in ("pobj", "prep", "dobj", "dative", "compound", "appos") \
                and not (cur.dep_ == "advmod" and cur.pos_ == "ADV") or cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur.i if via_loc and cur.lemma_.lower() in SAYING else None
    return None


def _told(trigger, verb_i: int) -> bool:
    """The trigger lies in what the verb of saying at verb_i tells (down a ccomp), not in its own clause."""
    cur, content = trigger, False
    for _ in range(12):
        if cur.i == verb_i:
            return content
        if cur.head.i == cur.i:
            return False
        content = content or cur.dep_ == "ccomp"
        cur = cur.head
    return False


def _per_document(doc, places: list[Place]) -> tuple[set[int], Optional[str], set, dict, set]:
    """The starts of the places named attributively, the report's own country, the places qualified by
    their country, the places where someone spoke (start: the verb of saying) and the places named as part
    of a town (`_sub_key`): the same for every event of the record, so computed once per Doc and place
    list."""
    cache = memo(doc).extra.setdefault(__name__, {})
    if id(places) not in cache:
        dom = dominant_place(places)
        speech = {}
        for p in places:
            v = _speech_verb(doc, p)
            if v is not None:
                speech[p.start] = v
        # the entry holds `places` itself, so its id cannot be reused by another list meanwhile
        cache[id(places)] = (places, {p.start for p in places if _attributive(doc, p)}, dom.country if dom else None,
                             _confirmed(memo(doc).text, places), speech,
                             {_sub_key(p) for p in places if _named_as_sub_place(memo(doc).text, p)})
    return cache[id(places)][1:]


def _away(doc, p: Place, govs: dict) -> bool:
    """The place is where others go, not where the trigger's act is."""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    return span is not None and _others_destination(span.root, govs)


# verbs of coming or sending whose 'from' tells where those who came were before ('arrived in A from B')
ARRIVING = {"arrive", "come", "deploy", "dispatch", "send", "bring", "transfer", "move", "return", "redeploy"}


def _origin(doc, p: Place) -> bool:
    """The place says where people come from ('volunteers from Chechnya', 'a farmer from Gao',
    'reinforcements arrived in A from B')."""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    for _ in range(4):  # 'from A and B (C)'
        if root.dep_ not in ("conj", "appos") or root.head.i == root.i:
            break
        root = root.head
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in KIND_NOUNS:
        root = root.head.head  # 'from the cities of B'
    if root.dep_ != "pobj" or root.head.lower_ != "from":
        return False
    head = root.head.head
    if head.lower_ in _people_nouns():
        return True
    for _ in range(3):  # 'arrived in A district from B', however the parser hangs 'from B'
        if head.pos_ == "VERB":
            return head.lemma_.lower() in ARRIVING
        if head.dep_ == "nsubj" and head.head.pos_ == "VERB":  # 'reinforcements from B arrived'
            return head.head.lemma_.lower() in ARRIVING
        if head.dep_ not in ("pobj", "prep") or head.head.i == head.i:
            return False
        head = head.head
    return False


# nouns of a kind of place ('the cities of A and B')
KIND_NOUNS = frozenset(forms([*ADMIN_UNITS, *SETTLEMENTS, *LOCALITIES]))


@lru_cache(maxsize=1)
def _people_nouns() -> frozenset:
    """Single words naming people or armed men ('fighters', 'troops', 'residents', 'officials')."""
    heads = actor_data()["generic_heads"]
    words = {w for typ in heads for w in heads[typ] if " " not in w}
    return frozenset(words | MEMBER_WORDS | COMMUNAL_HEADS)


def place_for(record: Record, trigger, sent, places: list[Place]) -> tuple[Optional[Place], str]:
    """(place, how): how is 'clause' | 'sentence' | 'context' | 'document' | 'none'."""
    if not places:
        return None, "none"
    doc = record.doc
    # a country naming whose government or forces ('U.S. special forces') is no place of the event; the
    # report's own country ('Myanmar's government says ...') only gives way to a more specific place of it
    # in the sentence or the paragraph so far
    attributive, home, confirmed, speech, sub_named = _per_document(doc, places)
    places = [p for p in places if p.country == home or p.start not in attributive] or places
    # where someone spoke ('told the Council in Geneva that forces were burning villages') is not where
    # what they told happened, nor where the next sentence's event did
    spoke = {p.start for p in places if p.start in speech and (_told(trigger, speech[p.start])
                                                               or not sent.start_char <= p.start < sent.end_char)}
    places = [p for p in places if p.start not in spoke] or places
    places = [p for p in places if _sub_key(p) not in sub_named or not _far_sub_place(p, places)] or places
    in_sent = [p for p in places if sent.start_char <= p.start < sent.end_char]
    govs = _trigger_heads(trigger)
    # where others go ('as ministers flew to Tokyo') and where people come from ('volunteers from
    # Chechnya') are no place of the event, even when the sentence names no other
    in_sent = [p for p in in_sent if not _away(doc, p, govs) and not _origin(doc, p)]
    whole = [p for p in in_sent if not _partial(doc, p)]
    in_sent = whole or in_sent
    inner = [p for p in in_sent if not _qualifier(record.text, p, in_sent)
             and not _province_name(record.text, p, in_sent)]
    in_sent = inner or in_sent
    in_sent = [p for p in in_sent if not _names_a_work(record.text, p)] or in_sent
    named_countries = {p.country for p in places if p.feature == "country"}
    # a town of a country the report names is no namesake, however far its other places lie
    coherent = [p for p in in_sent if p.feature == "country" or (p.geonameid or p.name) in confirmed
                or p.country in named_countries or not _stray(p, places)]
    in_sent = coherent or in_sent
    para_start = record.text.rfind("\n\n", 0, sent.start_char)
    before = [p for p in places if para_start <= p.start < sent.start_char]
    before = [p for p in before if not _names_a_work(record.text, p)] or before
    # the earlier sentences' places as their own events read them: not the containers after them
    before = [p for p in before if not _qualifier(record.text, p, [q for q in before if _near(p, q)])] or before
    finer = {p.country for p in in_sent + before if p.feature != "country"}
    # a country named as whose forces or government gives way to a finer place of the sentence, its own or
    # another country's ('forces of Armenia fired on positions at Gadabay')
    in_sent = [p for p in in_sent if not (finer and p.start in attributive)]
    best = None
    for p in in_sent:
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            continue
        d = _in_clause(span.root, trigger)
        if d is not None:
            # among equals, a place after the trigger ("clashes broke out in X") before one ahead of it
            key = (FINENESS.get(p.feature, 3), d, p.start < trigger.idx, p.start)
            if best is None or key < best[0]:
                best = (key, p)
    if best:
        return best[1], "clause"
    if in_sent:
        # the most specific place of the sentence, earliest among equals
        return min(in_sent, key=lambda p: (FINENESS.get(p.feature, 3), p.start)), "sentence"
    if before:
        return min(before, key=lambda p: (FINENESS.get(p.feature, 3), -p.start)), "context"
    # the places that only say where another lies ('(Qaatabah, Ad Dali)') do not stand for the report either
    return dominant_place([p for p in places if not _qualifier(record.text, p, places)] or places), "document"


def at_seat(place: Optional[Place], record: Record, sent) -> Optional[Place]:
    """A province- or country-level event where ACLED puts it: at the provincial or national capital, not
    the middle of the province or country; unless the sentence names a place the gazetteer lacks ('the
    village of X in Y province'): the event is there, somewhere in the province, and its middle is the
    better guess."""
    if place is None or place.feature not in ("admin1", "country") or place.geonameid is None \
            or any(p.lat is None and p.geonameid is None and (p.role or "place") == "place"
                   and sent.start_char <= p.start < sent.end_char for p in record.places):
        return place
    from ..gazetteer import load

    g = load()
    row = g.unit_row(place.geonameid)
    seat = g.seat(row) if row is not None else None
    if seat is None:
        return place
    lat, lon = g.point(seat)
    if lat is None:
        return place
    return relocated(place, lat, lon, f"at {g.names[seat]}, its seat")


def relocated(p: Place, lat: float, lon: float, why: str, **fields) -> Place:
    """The place at (lat, lon), `why` added to its note (and any other `fields` set)."""
    return replace(p, lat=lat, lon=lon, note=f"{p.note}; {why}" if p.note else why, **fields)


def date_for(record: Record, start: int, end: int) -> EventDate:
    try:
        from ..stages.times import event_date
    except ImportError:  # the times stage is not installed in this tree yet
        event_date = None
    if event_date is not None:
        return event_date(record, start, end)
    return EventDate(value=record.published or "XXXX-XX-XX", start=record.published, end=record.published,
                     precision=None, source="published")


def quote_for(record: Record, start: int, end: int) -> Optional[int]:
    try:
        from ..stages.quotes import quote_index
    except ImportError:  # the quotes stage is not installed in this tree yet
        return None
    return quote_index(record, start, end)
