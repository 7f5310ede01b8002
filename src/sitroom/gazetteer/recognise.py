"""Toponym recognition: spaCy entities plus the gazetteer's Aho-Corasick matcher, with rules
against common-word and person-name false hits, and the roles of non-place uses."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from spacy.lang.en.stop_words import STOP_WORDS

from ..docmemo import memo
from . import names as nm
from .index import Gazetteer
from .units import ADMIN_UNITS, LOCALITIES, SETTLEMENTS, plural
from .sources import ACRONYM, ADMIN1, ADMIN2, ALT, CITY, CONTINENT, COUNTRY, DEMONYM, data_lines

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# words after a name that make it a town: "an Alexandria man", "Woodstock Mayor", "Ohio-based"
LOCAL_NOUNS = re.compile(r"(?:\s+(?:man|woman|men|women|boy|girl|resident|residents|native|natives"
                         r"|mayor|police|sheriff|officials|city council|town council|area)\b"
                         r"|-(?:based|area)\b)", re.I)
DATELINE = re.compile(r"(?:^|\n)[ \t]*([A-Z][A-Z.'’]+(?:[ \-][A-Z][A-Z.'’]+){0,3})"
                      r"(?=,\s+[A-Z]|\s*\((?:AP|Reuters|AFP|UPI|CNN)\)|\s+[—–-]+\s)")
TOWN_NOUNS = re.compile(r"\s+(?:[Mm]an|[Ww]oman|[Rr]esidents?|Mayor|Police|Sheriff|City Council|"
                        r"Town Council|mayor|police)\b")
# a street or road named by capitalised words: "Upper King Street", "N. Main St.", "Big Hill Avenue"
_STREET_NAME = r"(?:[A-Z][a-z]+(?:['’](?!s\b)[a-z]+)?\.?|[A-Z]\.|\d+(?:st|nd|rd|th))"
STREET = re.compile(r"\b((?:(?:N|S|E|W)\.\s)?" + _STREET_NAME + r"(?:[ \-]" + _STREET_NAME + r"){0,2}\s"
                    r"(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Lane|Drive|Boulevard|Blvd\.|Parkway|Pike|"
                    r"Bypass|Highway|Turnpike|Expressway|Freeway))(?=\W|$)")
COUNTY_NAME = re.compile(r"\s(?:County|Parish|Borough|Township)$")
# words after a name that end its phrase
PHRASE_END = re.compile(r"(?:[,.;:)]|\s*$|\s+(?:and|or|on|in|at|for|to|by|with|last|this|when|where|against|after|"
                        r"during|amid|following|over)\b)")
# words after a town in a multi-word PERSON entity spaCy made of it ("Alexandria Police")
OFFICE_WORDS = {"police", "mayor", "sheriff", "council", "county", "city", "department", "court",
                "spokeswoman", "spokesman", "officials", "board", "schools", "fire", "township"}
NEWSPAPER = re.compile(r"\s+(?:Post|Times|Herald|Tribune|Journal|Gazette|Chronicle|Daily News|"
                       r"Courier|Inquirer|Examiner|Star|Sun)\b")
# offices of a state or province after its name
STATE_OFFICES = re.compile(r"(?:['’]s)?\s+(?:[Gg]overnor|[Gg]ov\.|[Ll]t\. [Gg]ov\.|[Ll]ieutenant [Gg]overnor|"
                           r"[Aa]ttorney [Gg]eneral|[Ll]egislature|[Gg]eneral [Aa]ssembly|"
                           r"[Ss]tate [Ss]enate|[Ss]ecretary of [Ss]tate)\b")
# words before a name that make it a place ("in Hama", "near Idlib")
PLACE_PREPOSITIONS = {"in", "near", "at", "from", "outside", "into", "to", "around", "across",
                      "toward", "towards", "through", "of", "inside", "within", "between", "via"}
DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
              "central", "northeastern", "northwestern", "southeastern", "southwestern",
              "northeast", "northwest", "southeast", "southwest", "rural", "greater", "downtown",
              "upstate", "coastal"}
# single words spaCy tags as places that name no one place
VAGUE = {"gulf", "midwest", "west", "east", "north", "south", "olympic", "ridge", "road",
         "northeast", "northwest", "southeast", "southwest", "central", "mainland", "interior",
         "centre", "center"}
# words that make a name a physical feature ("Indian Ocean", "Gulf of Alaska", "Nile Delta"):
# the gazetteer holds no such features, and the place names inside them are not their places
PHYSICAL = {"ocean", "sea", "gulf", "bay", "lake", "lakes", "river", "peninsula", "island",
            "islands", "isle", "delta", "mountain", "mountains", "valley", "canal", "strait",
            "straits", "desert", "coast", "channel", "basin", "plateau", "range", "hills",
            "forest", "creek", "falls", "glacier", "reef", "sound", "cape", "highlands",
            "wadi"}
LOCATED_BEFORE = re.compile(r"\b(in|near|at|(?:town|village|city|area|outskirts|vicinity) of|of)\s+$")
LOCATED_AFTER = re.compile(r"(\s+(?:town|city|village|district|municipality|subdivision|taluka|tehsil|LGA))?"
                           r"(?:,\s+[A-Z][a-z]|\s*\((?:[A-Z][a-z]|\d)"
                           r"|\s+of\s+the\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?\s+(?:county|district|province|region)\b)")
# '(X, Y)' or '(X LGA, Y)' right after a name: X is the district or town the name before lies in, Y its province
PAIR_OPEN = re.compile(r"[A-Z][\w'’.-]*(?:\s+[a-z]+)?\s+\($")
PAIR_REST = re.compile(r"(?:\s+(?:district|municipality|subdivision|LGA|county|commune|tehsil|taluka|upazila))?"
                       r",\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}\)")
# a name's unit word and its district and province in brackets after it: 'Kagara (Rafi LGA, Niger)', 'Mbouda
# subdivision (Bamboutos, Ouest)', 'Sunderbani sector area (Rajouri district, J&K)'
PAIR_AFTER = re.compile(r"(?:\s+(?:subdivision|sub-district|district|commune|sector(?:\s+area)?|area))?"
                        r"\s+\([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}"
                        r"(?:\s+(?:district|municipality|subdivision|LGA|county|commune|tehsil|taluka|upazila))?"
                        r",\s+[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,2}\)")
# a list of names closed or opened by the plural of a kind of place ('Nad Ali, Sangin and Nawa districts', 'the
# Sirwah (Marib) and Nihm (Sanaa) frontlines', 'the localities of Dimsu, Tullus and Katayla'): each name is one.
# Not communities (of people as often as of places), counties (the index knows 'Clay County', and a bare 'Clay'
# is a town elsewhere) nor villages (mostly below the index: a name it knows is a namesake elsewhere)
_LISTED_KINDS = {plural(w): w for w in [*ADMIN_UNITS, *SETTLEMENTS, *LOCALITIES, "frontline"]
                 if w not in ("community", "county", "village")}
_KINDS = "(?P<kind>" + "|".join(sorted(_LISTED_KINDS, key=len, reverse=True)).replace("-", r"\-") + ")"
_LIST_NAME = r"[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|(?:al|el|wa|ash|as|ad|an|at|az|de|da|do|e|i)(?=\s+[A-Z])))*"
_LIST_PAREN = r"(?:\s*\([^()]{0,60}\))?"
_LIST_SEP = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
LISTED_AFTER = re.compile(rf"{_LIST_PAREN}(?:{_LIST_SEP}{_LIST_NAME}{_LIST_PAREN}){{1,8}}\s+{_KINDS}\b")
NAME_BEFORE = re.compile(r"[A-Z][\w'’-]*\s+$")  # the name is the end of a longer one ('Bala' of 'Dih Bala')
LISTED_BEFORE = re.compile(rf"\b{_KINDS}\s+of\s+(?:the\s+)?(?:{_LIST_NAME}{_LIST_PAREN}{_LIST_SEP}){{0,8}}$")
# between a name and the province or district it lies in ('Menbij in Aleppo', 'Douma, Rif Dimashq')
CONTAINER_GAP = re.compile(r"\s+in\s+(?:the\s+)?|\s*,\s*")
# words after a name that say which kind of place it is
CONTAINER_AFTER = re.compile(r"(?:,\s+[A-Z][a-z]|\s*\((?:[A-Z][a-z]|\d))")
KIND_WORDS = {**ADMIN_UNITS, **dict.fromkeys(SETTLEMENTS, CITY)}
BELOW = ("neighbourhood", "neighborhood", "neighbourhoods", "neighborhoods", "district",
         "quarter", "camp", "refugee camp", "suburb", "village", "area", "square", "street",
         "road", "checkpoint", "crossing", "front", "frontline", "airbase", "air base", "base",
         "hospital", "market", "mosque", "prison", "airport")
INSTITUTIONS = {"college", "university", "school", "academy", "institute", "institution",
                "hospital", "clinic", "church", "cathedral", "museum", "library", "club", "society",
                "centre", "center", "council", "company", "bank", "times", "post", "tribune",
                "herald", "gazette", "journal", "press"}
# words that make an unknown name an organisation, not a place ("Zagros Centre for Security
# Studies", "Northern Syria Medical Network")
ORGANISATION_WORDS = {"centre", "center", "institute", "institution", "society", "council",
                      "company", "bank", "network", "organization", "organisation", "studies",
                      "university", "college", "academy", "agency", "committee", "foundation",
                      "association", "wire", "news", "times", "post", "tribune", "herald",
                      "gazette", "journal", "press", "party", "lab", "forum", "policy", "front", "movement", "helmets",
                      "brigade", "brigades", "army", "forces", "group"}
# a currency named after its country ("the US dollar exchange rate", "Hong Kong dollars")
CURRENCY_AFTER = re.compile(r"\s+(?:dollars?|pounds?|euros?|liras?|lira|rupees?|dinars?|riyals?|rials?|pesos?|"
                            r"shillings?|francs?|yuan|rubles?|roubles?|naira|rand|cedis?|kwacha|reais|real)\b")
# a country that leads or backs a force ("the Saudi-led coalition", "US-backed fighters"): a government, not a place
PARTY_AFTER = re.compile(r"-(?:led|backed|sponsored|funded|brokered|armed|trained)\b")
# "the town of Rann", "Avdiivka, a government-held town": the writer says it is a town
TOWN_OF = re.compile(r"\b(?:town|city|village|hamlet|port|capital|suburb)\s+of\s+$", re.I)
TOWN_APPOSITION = re.compile(r",\s+(?:a|an|the)\s+(?:[\w\-]+\s+){0,3}?"
                             r"(?:town|city|village|hamlet|port|suburb)\b")
GOVERNMENT_VERBS = {"say", "deny", "announce", "warn", "reject", "accuse", "demand", "veto",
                    "condemn", "insist", "claim", "respond", "threaten", "urge", "call",
                    "refuse", "agree", "sign", "approve", "impose", "sanction", "expel",
                    "recall", "protest", "welcome", "believe", "want", "seek", "plan", "decide",
                    "confirm", "dismiss", "blame", "vow", "pledge", "propose", "negotiate",
                    "tell", "state", "declare", "argue", "hope", "expect", "order", "ask",
                    "allege", "admit", "criticize", "criticise", "retaliate", "recognize",
                    "recognise", "suggest", "note"}


@dataclass
class Mention:
    start: int
    end: int
    key_id: Optional[int]  # gazetteer key of text[start:end], None when the name is unknown
    source: str  # ner | gazetteer | pattern
    label: Optional[str] = None  # the spaCy entity label that covered it, if any
    role: str = "place"  # place | metaphor | government | organisation | demonym
    kind_hint: Optional[int] = None  # a kind word next to it ("Aleppo province" -> ADMIN1)
    demonym: bool = False
    sentence: int = 0


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    return frozenset(nm.key(r[0]) for r in data_lines("places_common_words.txt"))


_WORD = re.compile(r"\w", re.UNICODE)


def _bounds(text: str) -> tuple[set[int], set[int]]:
    starts, ends = set(), set()
    prev = False
    n = len(text)
    for i, ch in enumerate(text):
        # an apostrophe inside a word is part of it: "Da'el" holds no "Da"
        cur = ch.isalnum() or (ch in "'’ʼ" and prev and i + 1 < n and text[i + 1].isalnum())
        if cur and not prev:
            starts.add(i)
        if prev and not cur:
            ends.add(i)
        prev = cur
    if prev:
        ends.add(len(text))
    return starts, ends


def _capitalised(span: str) -> bool:
    """Every content word starts with a capital ("Deir ez-Zor", "Bay of Pigs", "al-Bab")."""
    words = [w for w in re.split(r"[\s\-]+", span) if w]
    if not words:
        return False
    small = {"of", "de", "del", "la", "le", "el", "al", "ez", "az", "ad", "ar", "as", "an", "at",
             "ash", "the", "and", "upon", "on", "da", "do", "dos", "das", "di", "du", "des",
             "y", "en", "sur", "am", "im", "bin", "ibn", "bani", "beni", "abu", "los", "las", "les",
             "e", "i", "ye", "wa"}  # the Persian ezafe ("Pul-e Khumri", "Kut e Abdollah"), Arabic "and"
    if not words[-1][:1].isupper() and words[-1][:1].isalpha():
        return False
    for w in words:
        if w[:1].isupper() or w.lower() in small or not w[:1].isalpha():
            continue
        if "'" in w and w.split("'")[-1][:1].isupper():  # "Mash'had"-like inner marks are fine
            continue
        return False
    return True


_ARTICLES = {"al", "el", "ar", "as", "ad", "an", "at", "az", "ash", "ed", "er", "es", "et", "ez", "en"}


def all_matches(g: Gazetteer, text: str) -> list[tuple[int, int, int]]:
    """Every word-bounded gazetteer name occurrence written as a name ("Dawlat Abad" in "Dawlat
    Abad district", not the alias "Dawlat Abad District"): (start, end, key_id)."""
    folded = nm.fold(text)
    starts, ends = _bounds(text)
    out = []
    for s, e, kid in g.iter_matches(folded):
        if s in starts and e in ends and text[s:e] != folded[s:e] and _capitalised(text[s:e]):
            if folded[s:e] in _ARTICLES and text[e:e + 1] in ("-", " ") and text[e + 1:e + 2].isupper():
                continue  # "Al" of "Al-Khaldiyah", "Al Sham": an article, not the town Al
            out.append((s, e, kid))
    return out


def gazetteer_matches(g: Gazetteer, text: str,
                      found: Optional[list[tuple[int, int, int]]] = None) -> list[tuple[int, int, int]]:
    """Leftmost-longest of `all_matches`: the longest name consistent with capitalisation."""
    best: dict[int, tuple[int, int]] = {}
    for s, e, kid in (all_matches(g, text) if found is None else found):
        if e > best.get(s, (0, -1))[0]:
            best[s] = (e, kid)
    out = []
    last = -1
    for s in sorted(best):
        e, kid = best[s]
        if s < last:
            continue
        out.append((s, e, kid))
        last = e
    return out


def _strip_entity(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop a leading "the", a possessive and trailing punctuation from an entity span."""
    span = text[s:e]
    for art in ("the ", "The "):
        if span.startswith(art):
            s += len(art)
            span = span[len(art):]
    for tail in ("'s", "’s", "'"):
        if span.endswith(tail) and len(span) > len(tail):
            e -= len(tail)
            span = span[: -len(tail)]
    while e > s and text[e - 1] in ".,;:":
        if text[e - 1] == "." and (span.count(".") > 1 or len(span) <= 6):  # "U.S.", "Ky."
            break
        e -= 1
        span = text[s:e]
    return s, e


class _TokensAt:
    """`get(offset)`: the token that starts at a character offset, or None."""

    def __init__(self, doc):
        self.doc = doc
        self.index = {idx: i for i, idx in enumerate(memo(doc).idxs)}

    def get(self, offset: int):
        i = self.index.get(offset)
        return None if i is None else self.doc[i]


class Recogniser:
    def __init__(self, g: Gazetteer):
        self.g = g
        self.common = common_words()

    def __call__(self, text: str, doc) -> list[Mention]:
        g = self.g
        token_at = _TokensAt(doc)
        sent_no = memo(doc).sent_no
        ents = [(e.start_char, e.end_char, e.label_, e) for e in doc.ents]
        cover: dict[int, tuple[int, int, str]] = {}
        for s, e, label, _ in ents:
            for i in range(s, e):
                cover[i] = (s, e, label)
        mentions: dict[tuple[int, int], Mention] = {}
        used: set[int] = set()

        def sentence(pos: int) -> int:
            i = token_at.index.get(pos)
            return sent_no[i] if i is not None else 0

        def add(m: Mention) -> None:
            if any(i in used for i in range(m.start, m.end)):
                return
            span = text[m.start:m.end]
            if (span.lower() in STOP_WORDS and not span.isupper()) or self._not_a_place(text, m):
                return  # "But" (a town somewhere), not "US"
            used.update(range(m.start, m.end))
            m.sentence = sentence(m.start)
            mentions[(m.start, m.end)] = m

        # 0. streets and roads ("E. Walnut Street", "Big Hill Avenue", "Washington Drive"):
        # places below the gazetteer, whole, before the town names inside them
        for sm in STREET.finditer(text):
            s, e = sm.span(1)
            if sm.group(1).split()[0] in ("The", "A", "An", "This", "That") or \
                    re.match(r"\s[A-Z]", text[e:e + 2]) or sm.group(1).endswith("State Highway"):
                continue  # "National Highway Traffic Safety Administration": a longer name
            add(Mention(s, e, None, "pattern"))

        every = all_matches(g, text)
        matches = gazetteer_matches(g, text, every)
        person_words = self._person_words(ents, text)
        full_names = {nm.key(w) for _, _, label, ent in ents if label == "PERSON"
                      for w in ent.text.split() if len(ent.text.split()) > 1}

        label_counts: dict[str, list[int]] = {}
        for s0, e0, label, _ in ents:
            a, b = _strip_entity(text, s0, e0)
            c = label_counts.setdefault(nm.key(text[a:b]), [0, 0])
            c[0 if label in PLACE_LABELS else 1] += 1

        def place_label_majority(span: str) -> bool:
            """spaCy tags the word a place at least as often as anything else."""
            places, other = label_counts.get(nm.key(span), [1, 0])
            return places >= other

        match_at = {ms: mk for ms, _, mk in matches}

        def in_next(e: int, kid: int) -> bool:
            """The name is followed by a province or district that holds a place of its name ('Menbij in
            Aleppo', 'Douma, Rif Dimashq'): a place, whatever spaCy took it for."""
            gap = CONTAINER_GAP.match(text, e)
            outer = match_at.get(gap.end()) if gap else None
            if outer is None:
                return False
            units = [c.index for c in g.candidates_of_key(outer) if int(g.kind[c.index]) in (ADMIN1, ADMIN2)]
            return any(g.contains(u, c.index) for u in units for c in g.candidates_of_key(kid) if c.index != u)

        def personal(s: int, e: int, kid: int) -> bool:
            k = nm.key(text[s:e])
            return k in person_words and not self._notable(kid, country_only=True)

        # 1. spaCy's places (and NORP entities that are gazetteer names or demonyms)
        for s0, e0, label, ent in ents:
            if label not in PLACE_LABELS and label != "NORP":
                continue
            s, e = _strip_entity(text, s0, e0)
            if e <= s:
                continue
            kid = g.key_id(nm.key(text[s:e]))
            if label != "NORP":
                # spaCy cut a longer name short ("Dawlat" of "Dawlat Abad", "Puli" of "Puli Alam")
                longer = [x for x in every if x[0] <= s and x[1] >= e and x[1] - x[0] > e - s
                          and (x[0] == s or x[0] >= s0 or self._located(text, x[0], x[1])
                               or self._kind_after(text, x[1]))  # 'Shaaf' of 'Khabb wa ash Shaaf district'
                          and "\n" not in text[x[0]:x[1]]]
                if longer:
                    s, e, kid = max(longer, key=lambda x: x[1] - x[0])
            if kid is None:
                # the entity holds a name plus other words ("eastern Aleppo", "Aleppo city")
                words = nm.key(text[s:e]).split()
                if label in ("LOC", "GPE") and len(words) > 1 and (
                        words[0] in PHYSICAL or words[-1] in PHYSICAL):
                    add(Mention(s, e, None, "ner", label))  # a physical feature: no point
                    continue
                # a name running on past the entity counts too ("Tijuana Baja" + "California")
                inner = [(ms, me, mk) for ms, me, mk in matches if s <= ms < e and (
                    me <= e or re.fullmatch(r"\s+[A-Z]\w+", text[e:me]) and (e + 1) in cover)]
                inner = [x for x in inner if _capitalised(text[x[0]:x[1]])
                         and nm.key(text[x[0]:x[1]]) not in self.common]
                if label == "FAC":  # "Hampshire College", "Aleppo airport": not the head word
                    inner = [x for x in inner if x[1] < e and self._notable(x[2], admin2=True)]
                elif self._one_unknown_name(text, s, e, inner):
                    inner = []  # "Abu Salim" is a place of its own, not "Abu" and "Salim"
                if inner and label != "NORP":
                    head = text[s:e].split()[-1].lower()
                    for ms, me, mk in inner:
                        m = self._mention(text, doc, ms, me, mk, "ner", label)
                        if label == "FAC" and (head in INSTITUTIONS or self._organisation_name(text[s:e])):
                            m.role = "organisation"
                        add(m)
                    continue
                if label == "NORP":
                    continue
                if " " not in text[s:e].strip() and nm.key(text[s:e]) in person_words:
                    continue  # a surname spaCy took for a place
                if " " not in text[s:e].strip() and not self._cued(text, s, e):
                    continue  # one unknown word: "Saakashvili", "Hartmann" are people
                if " " not in text[s:e].strip() and not place_label_majority(text[s:e]):
                    continue  # "Kristina" tagged a place 3 times, an organisation or person 8
                if self._organisation_name(text[s:e]) or (
                        not self._place_word(text[s:e]) and not self._cued(text, s, e)):
                    # "Zagros Centre for Security Studies", "the White Helmets", "Jabhat Fateh
                    # al-Sham": a group, not a place, and no place inside it either
                    used.update(range(s, e))
                    continue
                add(Mention(s, e, None, "ner", label))  # a place the gazetteer lacks
                continue
            m = self._mention(text, doc, s, e, kid, "ner", label)
            if label == "NORP" and not m.demonym and not (self._is_place_name(kid) and self._notable(kid)):
                continue
            k = nm.key(text[s:e])
            if personal(s, e, kid) or k in DIRECTIONS or k in VAGUE:
                continue
            if " " not in k and not m.demonym and label != "NORP" and not self._notable(kid) \
                    and not place_label_majority(text[s:e]) and not self._cued(text, s, e):
                continue  # a minor namesake spaCy mostly tags otherwise ("Kristina")
            add(m)

        # 2. gazetteer names spaCy did not tag as places
        for s, e, kid in matches:
            if any(i in used for i in range(s, e)):
                continue
            span = text[s:e]
            if not _capitalised(span) or nm.key(span) in DIRECTIONS or nm.key(span) in VAGUE:
                continue
            cands = g.candidates_of_key(kid)
            flags = min((c.flags for c in cands), default=0)
            if flags & ACRONYM and not span.replace(".", "").isupper():
                continue
            if span.isupper() and len(span) <= 3 and not any(c.flags & ACRONYM for c in cands):
                continue
            ent = cover.get(s)
            if ent and ent[2] not in PLACE_LABELS and self._whole_segment(text, ent[0], ent[1], s, e):
                ent = None  # a title or group made of names and their containers ('Coquimbo (Coquimbo')
            label = ent[2] if ent else None
            if ent and label in ("PERSON", "ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "FAC"):
                whole = ent[0] == s and _strip_entity(text, ent[0], ent[1])[1] == e
                listed = self._listed(text, s, e, kid)
                if self._located(text, s, e) or listed:
                    m = self._mention(text, doc, s, e, kid, "gazetteer", label)
                    if m.kind_hint is None and listed:
                        m.kind_hint = KIND_WORDS.get(_LISTED_KINDS[listed])
                    add(m)
                    continue
                if whole or ent[0] == s and e > ent[1]:  # or the entity is the name's first words ('Khabb' of 'Khabb wa ash Shaaf')
                    notable = self._notable(kid) and nm.key(span) not in self.common
                    if label == "PERSON" and nm.key(span) in full_names and \
                            not self._notable(kid, country_only=True) and not self._located(text, s, e):
                        continue  # "Santos" after "President Juan Manuel Santos"
                    # a name spaCy took for a product or a work ('near Svitlodarsk.') is a place in a place's context
                    if (label in ("PERSON", "ORG") and notable) or self._place_context(text, doc, s, e, kid) \
                            or in_next(e, kid):
                        add(self._mention(text, doc, s, e, kid, "gazetteer", label))
                    continue
                if label in ("ORG", "FAC", "EVENT") and (
                        self._notable(kid, exact=" " not in span) or COUNTY_NAME.search(span)):
                    # one word names a notable place under its own name, not as an alternate
                    # ("Federal" Ministry is no Distrito Federal; "Lagos State" is fine)
                    # "Butler County Coroner's Office": the county inside an office's name
                    m = self._mention(text, doc, s, e, kid, "gazetteer", label)
                    if m.role == "place" and label == "ORG" and not self._located(text, ent[0], ent[1]):
                        m.role = "organisation"  # but 'in Machiques de Perija, Zulia' is where, not who
                    add(m)
                continue
            if ent and label == "LANGUAGE" and self._notable(kid) and \
                    not any(c.flags & DEMONYM for c in cands):
                label = None  # "eastern Aleppo" tagged a language
            elif ent and label not in ("NORP", "GPE", "LOC"):
                continue
            if personal(s, e, kid) or not self._accept_bare(text, doc, s, e, kid, token_at):
                continue
            add(self._mention(text, doc, s, e, kid, "gazetteer", label))

        # one sense per discourse: a name taken as a place once is a place wherever it stands
        # alone again, even where spaCy called it a person ("Gainesville", "Sri Lanka")
        place_keys = {m.key_id for m in mentions.values()
                      if m.key_id is not None and m.role == "place"
                      and (m.label in PLACE_LABELS or m.kind_hint == CITY)}
        # names the writer called a town ("the town of Rann"): a lone "Rann" later is the town,
        # however often spaCy took it for a person
        town_keys = {m.key_id for m in mentions.values() if m.kind_hint == CITY and m.role == "place"}
        for s, e, kid in matches:
            if kid not in place_keys or any(i in used for i in range(s, e)) or (
                    personal(s, e, kid) and kid not in town_keys):
                continue
            ent = cover.get(s)
            if ent and not (ent[0] == s and _strip_entity(text, ent[0], ent[1])[1] == e) and \
                    ent[2] not in ("ORG", "FAC"):
                continue
            if _capitalised(text[s:e]):
                m = self._mention(text, doc, s, e, kid, "gazetteer", ent[2] if ent else None)
                if ent and ent[2] in ("ORG", "FAC") and (ent[0], ent[1]) != (s, e) and \
                        not re.search(r"\b(?:in|of|at|near)\s+$", text[ent[0]:s]):
                    m.role = "organisation"
                add(m)

        # datelines: "HAMILTON —", "ST. PAUL, Minn. (AP) -" at the start of a paragraph
        for dm in DATELINE.finditer(text):
            s, e = dm.start(1), dm.end(1)
            kid = g.key_id(nm.key(text[s:e]))
            if kid is not None and not any(c.flags & DEMONYM for c in g.candidates_of_key(kid)):
                add(self._mention(text, doc, s, e, kid, "gazetteer", None))

        # 3. names below the gazetteer in place patterns ("the Al-Mash'had neighbourhood")
        for s, e in self._below_patterns(text):
            add(Mention(s, e, None, "pattern"))

        out = sorted(mentions.values(), key=lambda m: m.start)
        for m in out:
            self._assign_role(text, doc, m, token_at)
        return out

    # -- helpers ---------------------------------------------------------------------------
    @staticmethod
    def _person_words(ents, text: str = "") -> set[str]:
        """Words of the people named in the document: "Kristina" alone is then Kristina Smith.
        A lone word spaCy tags as a person only counts when it is tagged a person more often
        than a place ("an Alexandria man" (PERSON) ... "in Alexandria" (GPE) is the town)."""
        full, alone, place = {}, {}, {}
        for _, _, label, ent in ents:
            words = [nm.key(w) for w in ent.text.split()]
            if label == "PERSON" and len(words) > 1:
                if not any(w in OFFICE_WORDS for w in words[1:]):  # "Alexandria Police"
                    for w in set(words):
                        full[w] = full.get(w, 0) + 1
            elif label == "PERSON" and words:
                if Recogniser._modifies_common_noun(ent):
                    # "Alexandria police", "Hopkinton homes", "a Bicester teenager": a town
                    # modifying a common noun, whatever spaCy's label says
                    place[words[0]] = place.get(words[0], 0) + 1
                    continue
                alone[words[0]] = alone.get(words[0], 0) + 1
            elif label in PLACE_LABELS:
                k = nm.key(ent.text)
                place[k] = place.get(k, 0) + 1
        # a word spaCy also tags a place between "in", "near", "from" and the end of a phrase
        # ("in Lawrenceburg.")
        # is that place, even where it took the town and the next word for a full name
        # ("Lawrenceburg Parks and Recreation")
        cued = {nm.key(ent.text) for s0, e0, label, ent in ents if label in PLACE_LABELS
                and re.search(r"\b(?:in|near|from)\s+$", text[max(0, s0 - 8):s0])
                and PHRASE_END.match(text[e0:e0 + 8])}
        return (set(full) - cued) | \
            {w for w, n in alone.items() if n > place.get(w, 0)}

    @staticmethod
    def _modifies_common_noun(ent) -> bool:
        """A one-word entity that modifies a lower-case noun ("Sochi election", "Lombard
        fifth-graders"); people do so rarely ("Obama administration" names no town)."""
        root = ent.root
        head = root.head
        return (len(ent) == 1 and root.dep_ in ("compound", "nmod") and head.i > root.i
                and head.text[:1].islower() and head.pos_ == "NOUN")

    def _mention(self, text, doc, s, e, kid, source, label) -> Mention:
        cands = self.g.candidates_of_key(kid)
        dem = bool(cands) and all(c.flags & DEMONYM for c in cands)
        if label == "NORP" and any(c.flags & DEMONYM for c in cands):
            dem = True  # "Canadian" (NORP) is the nationality, not Canadian, Texas
        m = Mention(s, e, kid, source, label, demonym=dem)
        if dem:
            m.role = "demonym"
        after = text[e:e + 16].lower().lstrip()
        for word, kind in KIND_WORDS.items():
            if after.startswith(word) and not after[len(word):len(word) + 1].isalpha():
                m.kind_hint = kind
        if m.kind_hint is None and not dem and (
                TOWN_OF.search(text[max(0, s - 16):s]) or TOWN_APPOSITION.match(text[e:e + 48])):
            m.kind_hint = CITY
        if m.kind_hint is None and not dem and STATE_OFFICES.match(text[e:e + 24]):
            m.kind_hint = ADMIN1  # "New York Gov. Andrew Cuomo", "New York's attorney general"
        if m.kind_hint is None and not dem and NEWSPAPER.match(text[e:e + 16]):
            m.kind_hint = CITY  # "The Washington Post": a paper is named after its city
        if m.kind_hint is None and not dem and TOWN_NOUNS.match(text[e:e + 16]):
            m.kind_hint = CITY  # "Lebanon Police", "a Lebanon woman": the town, not the country
        return m

    def _one_unknown_name(self, text: str, s: int, e: int, inner) -> bool:
        """A capitalised multi-word entity whose words are all name words (no "province",
        "eastern", "Sea") and whose gazetteer pieces are all minor places."""
        words = re.split(r"[\s\-]+", text[s:e].strip())
        if len(words) < 2 or not _capitalised(text[s:e]):
            return False
        if any(w.lower() in KIND_WORDS or w.lower() in DIRECTIONS or w.lower() in PHYSICAL
               or w.lower() in BELOW or w.lower() in INSTITUTIONS for w in words):
            return False
        return not any(self._notable(mk, admin2=True) for _, _, mk in inner)

    @staticmethod
    def _organisation_name(span: str) -> bool:
        return any(w.lower() in ORGANISATION_WORDS for w in re.split(r"[\s\-]+", span))

    @staticmethod
    def _place_word(span: str) -> bool:
        words = [w.lower() for w in re.split(r"[\s\-]+", span)]
        return any(w in KIND_WORDS or w in DIRECTIONS or w in PHYSICAL or w in BELOW
                   for w in words)

    @staticmethod
    def _not_a_place(text: str, m: Mention) -> bool:
        """"Hurricane Maria", "St. Patrick's Day", "the US dollar": a name that is not a place here."""
        if CURRENCY_AFTER.match(text, m.end):
            return True
        before = text[max(0, m.start - 16):m.start]
        if re.search(r"\b(?:[Hh]urricane|[Tt]yphoon|[Cc]yclone|[Tt]ropical [Ss]torm|[Ss]torm)\s+$", before):
            return True
        span = text[m.start:m.end]
        return bool(re.match(r"(?:St\.?|Saint)\s", span)) and text[m.end:m.end + 2] in ("'s", "’s")

    def _is_place_name(self, kid: int) -> bool:
        return any(not c.flags & DEMONYM for c in self.g.candidates_of_key(kid))

    def _notable(self, kid: int, admin2: bool = False, country_only: bool = False,
                 exact: bool = False) -> bool:
        g = self.g
        for c in g.candidates_of_key(kid)[:8]:
            if exact and c.flags & ALT and int(g.kind[c.index]) != COUNTRY:
                continue
            k = int(g.kind[c.index])
            if country_only:
                if k == COUNTRY and not c.flags & DEMONYM:
                    return True
                continue
            if k in (CONTINENT, COUNTRY, ADMIN1) or (k == CITY and g.population[c.index] >= 100_000) or \
                    (admin2 and k == ADMIN2):
                if not c.flags & DEMONYM:
                    return True
        return False

    @staticmethod
    def _kind_after(text: str, e: int) -> bool:
        """A kind word after the name ("Hama province", "Nawa district")."""
        after = text[e:e + 16].lower().lstrip()
        return any(after.startswith(w) for w in KIND_WORDS)

    def _place_context(self, text, doc, s, e, kid) -> bool:
        """Preceded by a place preposition, or followed by a kind word ("Hama province")."""
        before = text[max(0, s - 12):s].rstrip().lower()
        prev = re.findall(r"[a-z]+$", before)
        if self._kind_after(text, e):
            return True
        if LOCAL_NOUNS.match(text[e:e + 16]):
            return True
        if TOWN_OF.search(text[max(0, s - 16):s]) or TOWN_APPOSITION.match(text[e:e + 48]):
            return True
        if self._located(text, s, e):
            return True
        if not prev or prev[0] not in PLACE_PREPOSITIONS - {"of", "to"}:
            return False
        # "near Buni Yadi (Gujiba LGA, Borno)", "in Avdiivka, Donetsk": a name between a place
        # preposition and its container is a place, however small; so is one that ends the
        # phrase ("a teenager from Bicester.", "a school in Lombard, won")
        return self._notable(kid) or bool(CONTAINER_AFTER.match(text[e:e + 24])) or (
            prev[0] in ("in", "near", "outside", "from") and bool(PHRASE_END.match(text[e:e + 8])))

    @staticmethod
    def _whole_segment(text: str, a: int, b: int, s: int, e: int) -> bool:
        """text[s:e] is a whole comma or parenthesis separated part of the entity text[a:b], which has
        two parts or more: 'Alagoinha, Pernambuco', not 'Jos' of 'Hulu, Jos. A. Bank'."""
        before, after = text[a:s], text[e:b]
        starts = not before.strip() or bool(re.search(r"[(,]\s*$", before))
        ends = not after.strip(" )") or bool(re.match(r"\s*[(,]", after))
        return starts and ends and bool(re.search(r"[(,]", text[a:b]))

    @staticmethod
    def _located(text: str, s: int, e: int) -> bool:
        """'in X (Y', 'near X, Y', 'in X town (Y', 'in X of the Y county': a name after a place preposition
        with its container after it, whatever spaCy took it for."""
        before, after = LOCATED_BEFORE.search(text, max(0, s - 16), s), LOCATED_AFTER.match(text, e)
        if PAIR_OPEN.search(text, max(0, s - 24), s) and PAIR_REST.match(text, e):
            return True  # 'Al Aram (Habban, Shabwah)': the district and province of the place before
        if PAIR_AFTER.match(text, e):
            return True  # 'attacked Kagara (Rafi LGA, Niger)': the name before its district and province
        # after a bare 'of' only with a kind word ('PD1 of Lashkargah city, Helmand')
        return bool(before and after) and (before.group(1) != "of" or after.group(1) is not None)

    def _listed(self, text: str, s: int, e: int, kid: int) -> Optional[str]:
        """The plural kind word of a list of places the name is one of, whatever spaCy took it for ('in Nad
        Ali, Sangin and Nawa districts', 'the towns of Kidal and Gao'); None when it is none, or the gazetteer
        knows no place of that kind by the name ('Jackson and Barrow counties': Jackson is a town)."""
        m = LISTED_AFTER.match(text, e) or LISTED_BEFORE.search(text[max(0, s - 240):s])
        if m is None or NAME_BEFORE.search(text, max(0, s - 40), s):
            return None
        level = KIND_WORDS.get(_LISTED_KINDS[m.group("kind")])
        kinds = {int(self.g.kind[c.index]) for c in self.g.candidates_of_key(kid)}
        fits = level is None or (CITY in kinds if level == CITY else bool(kinds & {ADMIN1, ADMIN2}))
        return m.group("kind") if fits else None

    @staticmethod
    def _cued(text: str, s: int, e: int) -> bool:
        """A place cue around text[s:e]: "in X", "near X", "X province", "X, Texas"."""
        before = re.sub(r"\bthe\s*$", "", text[max(0, s - 16):s].rstrip().lower()).rstrip()
        prev = re.findall(r"[a-z]+$", before)
        if TOWN_OF.search(text[max(0, s - 16):s]) or TOWN_APPOSITION.match(text[e:e + 48]):
            return True
        after = text[e:e + 16].lower().lstrip()
        if any(after.startswith(w) for w in KIND_WORDS):
            return True
        if re.match(r",\s+[A-Z][a-z]", text[e:e + 4]) or re.match(r"-based\b", text[e:e + 7]):
            return True
        return bool(prev) and prev[0] in PLACE_PREPOSITIONS - {"of", "to"}

    def _accept_bare(self, text, doc, s, e, kid, token_at) -> bool:
        """A gazetteer name with no place entity on it: keep it only when it looks like one."""
        g = self.g
        k = nm.key(text[s:e])
        tok = token_at.get(s)
        single = " " not in k
        cands = g.candidates_of_key(kid)
        best = cands[0] if cands else None
        if best is None:
            return False
        if best.flags & DEMONYM:
            return tok is not None and tok.pos_ in ("PROPN", "ADJ", "NOUN")
        if single and (k in self.common or tok is None or tok.is_stop):
            return self._place_context(text, doc, s, e, kid) and k not in {"of", "best"}
        if tok is not None and tok.is_sent_start and single and not self._notable(kid):
            return False
        if tok is not None and tok.pos_ not in ("PROPN",) and single:
            return self._place_context(text, doc, s, e, kid)
        return self._notable(kid) or self._place_context(text, doc, s, e, kid) or not single

    _BELOW_RE = re.compile(
        r"\b((?:[Aa]l|[Ee]l)[\-\s]?[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)*|[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+){0,3})"
        r"\s+(" + "|".join(sorted(BELOW, key=len, reverse=True)) + r")\b")

    def _below_patterns(self, text: str) -> list[tuple[int, int]]:
        out = []
        for m in self._BELOW_RE.finditer(text):
            name = m.group(1)
            s = m.start(1)
            first = name.split()[0]
            if first in ("The", "A", "An", "This", "That", "In", "On", "At"):
                continue
            if name.isupper() or re.search(r"['’]s?$", name):
                continue  # "a UN base", "Machar's camp": an owner, not a place name
            lead = re.match(r"[A-Z][\w]+-(?:controlled|held|run|led|backed|dominated)\s+", name)
            if lead:  # "Kurdish-controlled Sheikh Maqsoud"
                s += lead.end()
                name = name[lead.end():]
            if self._organisation_name(name):
                continue
            out.append((s, s + len(name)))
        return out

    def _assign_role(self, text, doc, m: Mention, token_at) -> None:
        if m.role != "place":
            return
        before = text[max(0, m.start - 24):m.start]
        after = text[m.end:m.end + 40]
        if PARTY_AFTER.match(text, m.end) and m.key_id is not None and self._government_capable(m.key_id):
            m.role = "government"  # "the Saudi-led coalition": the state that leads it, not where it fights
            return
        # "the New York of Syria", "another Vietnam", "a new Aleppo"
        if re.search(r"\b(?:the|a|an)\s+$", before, re.I) and re.match(r"\s+of\s+(?:the\s+)?[A-Z]", after):
            if m.label != "FAC" and m.kind_hint is None:
                m.role = "metaphor"
                return
        if re.search(r"\b(?:another|a new|the next|a second)\s+$", before, re.I):
            m.role = "metaphor"
            return
        tok = token_at.get(m.start)
        if tok is None:
            return
        last = tok
        for t in doc[tok.i:]:
            if t.idx >= m.end:
                break
            last = t
        if last.dep_ in ("nsubj", "nsubjpass") and last.head.lemma_.lower() in GOVERNMENT_VERBS:
            if m.key_id is not None and self._government_capable(m.key_id):
                m.role = "government"

    def _government_capable(self, kid: int) -> bool:
        g = self.g
        for c in g.candidates_of_key(kid)[:3]:
            k = int(g.kind[c.index])
            if k == COUNTRY or (k == CITY and g.population[c.index] >= 500_000):
                return True
        return False
