"""ACLED's unit of analysis: one event per place and per day.

An incident told of several distinct places ('clashes in Kidal, Gao and Menaka', 'attacks on posts in
the villages of A and B') or days ('on Monday and Tuesday', 'on 3 and 4 May') is one event per place and
day. Its counts are shared among them: the figures the report gives per place ('three in Kidal and five
in Gao'), else evenly, the remainder going to the first events (ACLED's convention for a total reported
over several places or days).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Optional

from ..gazetteer import units
from ..gazetteer.units import ADMIN_UNITS, LOCALITIES, SETTLEMENTS
from ..model import Count, EventDate, Place, Record
from .attach import FINENESS, relocated
from .lexicon import EVENT_PLACE_PREPS
from .numbers import UNITS, word_value

# unit words that may follow a place of a list ('Chora district and Tarinkot', 'Murays front and ...')
UNIT = units.pattern([*ADMIN_UNITS, *SETTLEMENTS, *LOCALITIES])
AND = r"(?:and|as\s+well\s+as|&)"
# the words between two places of one list: the first's unit word and a parenthesis saying where it lies
# ('Murays front (Qaatabah, Ad Dali)') or a bracket with its other name ('Salim [Naqil Hajar]'), the separator, a
# figure of the second place ('and five in'), and words naming the second's kind ('the limits of', 'the town of')
LINK = re.compile(rf"(?:\s+{UNIT})?\s*(?:\([^()]{{0,80}}\)|\[[^\[\]]{{0,80}}\])?"
                  rf"(?P<sep>\s*,\s*(?:{AND}\s+)?|\s+{AND}\s+)"
                  r"(?:[\w-]+\s+(?:[a-z]+\s+)?(?:in|at|near)\s+)?"
                  r"(?:the\s+)?(?:(?:[a-z]+\s+){1,3}of\s+(?:the\s+)?)?", re.I)
# a list that goes on with a name the places stage did not read ('in Gao, Kidal and Tessit')
LIST_GOES_ON = re.compile(rf"(?:\s+{UNIT})?\s*(?:\([^()]{{0,80}}\))?\s*,?\s+{AND}\s+(?:the\s+)?[A-Z]")
HAS_AND = re.compile(rf"\b{AND}(?:\s|$)", re.I)
# a plural unit word after a list makes its places all of one kind ('in A, B and C districts'): none says where
# the one before it lies
PLURAL_UNIT = re.compile(r"\s+(?:" + "|".join(units.plural(w) for w in [*ADMIN_UNITS, *SETTLEMENTS, *LOCALITIES])
                         + r")\b", re.I)
# the gap between two places of such a list
OF_ONE_KIND_GAP = re.compile(rf"\s*,\s*(?:{AND}\s+)?|\s+{AND}\s+", re.I)
# what opens a list of the places of an event: a locative word (or the trigger, 'shelled A and B'), then
# at most a few lowercase words ('in the northern villages of'); a list may spread over an area ('throughout A
# and B')
LEAD_PREPS = EVENT_PLACE_PREPS | {"over", "throughout", "within"}
# the places an act was reported from are where it took place ('clashes were reported from A, B and C')
REPORTED = {"reported", "reports"}
LEAD_SPAN = 4
LOWER_WORD = re.compile(r"[a-z][\w-]*")
# words that make two places the ends of one stretch ('between A and B', 'the road linking A and B')
STRETCH = {"between", "linking", "connecting", "joining", "from", "to", "road", "highway", "route", "border",
           "corridor", "axis", "line"}
NUMBER = r"\d[\d,]*|" + "|".join(sorted((w for w in UNITS if len(w) > 2 and w not in ("single", "couple", "pair", "both")),
                                       key=len, reverse=True))
PER_PLACE = re.compile(rf"\b(?P<n>{NUMBER})\s+"
                       r"(?:[a-z]+\s+)?(?:in|at|near)\s+(?:the\s+)?(?:(?:[a-z]+\s+){1,3}of\s+(?:the\s+)?)?$")
COARSE = {"country", "region"}


def _contains(big: Place, small: Place) -> bool:
    if big.country != small.country or big.feature == small.feature:
        return False
    if big.feature == "country":
        return True
    return big.feature == "admin1" and big.admin1 is not None and big.admin1 == small.admin1


def _parenthesised(text: str, p: Place, lo: int) -> bool:
    """The place lies inside a parenthesis of its sentence ('Al Husayniyah (Bayt Al Faqiah, Al Hudaydah)')."""
    opened = text.rfind("(", lo, p.start)
    return opened >= 0 and text.find(")", opened, p.start) < 0


def _lead(text: str, start: int, sent_start: int, trigger_end: int) -> bool:
    """Whether a locative word, or the trigger itself, opens the phrase that ends at `start`, with at most
    a few lowercase words between ('in the northern villages of', 'shelled the towns of')."""
    lo = trigger_end if sent_start <= trigger_end <= start else sent_start
    words = text[lo:start].split()
    for n, w in enumerate(reversed(words)):
        w = w.lower()
        if w == "from" and n + 1 < len(words) and words[-n - 2].lower() in REPORTED:
            return True
        if w in STRETCH or n > LEAD_SPAN or not LOWER_WORD.fullmatch(w):
            return False
        if w in LEAD_PREPS:
            return True
    return lo == trigger_end


def whole_sentence(sent):
    """The sentence, with the ones before and after it when the parser cut it at a bracket that goes on with it
    ('... were staged on Monday [17 August] in A, B and C', 'shelled houses in A [B] and C villages')."""
    doc = sent.doc
    while sent.start > 0 and _goes_on(doc[sent.start - 1].sent, sent):
        sent = doc[doc[sent.start - 1].sent.start:sent.end]
    while sent.end < len(doc) and _goes_on(sent, doc[sent.end].sent):
        sent = doc[sent.start:doc[sent.end].sent.end]
    return sent


def _goes_on(before, after) -> bool:
    """The parser's sentence `after` opens with a bracket and `before` has no full stop."""
    last = next((t for t in reversed(before) if not t.is_space), None)
    return after.text[:1] in "[(" and last is not None and last.text not in (".", "!", "?")


def place_list(record: Record, place: Optional[Place], sent, trigger_end: int, places: list[Place]) -> list[Place]:
    """The distinct places of the list the event's place belongs to ('in Kidal, Gao and Menaka'), in text
    order; [] when it belongs to none. A place with its container ('in X district of Y province',
    'in Kidal, Mali') is one place, and the ends of a stretch ('between A and B') are no list."""
    if place is None:
        return []
    text = record.text
    lo, hi = sent.start_char, sent.end_char
    cands = [p for p in places + _unlocated(record) if lo <= p.start < hi and not _parenthesised(text, p, lo)]
    cands = sorted(cands + _named(text, lo, hi, cands, places), key=lambda p: p.start)
    cands = sorted(cands + _listed_between(record, cands, places), key=lambda p: p.start)
    of_one_kind = _of_one_kind(text, cands)
    chain: list[Place] = []
    seps: list[str] = []
    end = 0  # where the chain's last place, or the place after it saying where it lies, ends
    for p in cands:
        if chain:
            m = LINK.fullmatch(text, end, p.start)
            qualifies = m is not None and _qualifies(p, chain[-1], m.group("sep")) and p.start not in of_one_kind
            if qualifies and end == chain[-1].end:
                end = p.end  # 'in A district, Laghman, and B and C districts, Nangarhar': A's province
                continue
            if m is not None and not qualifies:
                chain.append(p)
                seps.append(m.group("sep"))
                end = p.end
                continue
            if _member(chain, place, text):
                break
        chain, seps, end = [p], [], p.end
    if len(chain) < 2 or not _member(chain, place, text):
        return []
    if not (HAS_AND.search(seps[-1]) or LIST_GOES_ON.match(text, chain[-1].end)):
        return []
    if not _lead(text, chain[0].start, lo, trigger_end):
        return []
    if any(_contains(a, b) or _contains(b, a) for a in chain for b in chain if a is not b):
        return []
    if len({p.feature in COARSE for p in chain}) > 1:
        return []
    distinct, seen = [], set()
    for p in (_in_parenthesis(text, p, places) for p in chain):
        key = p.geonameid or p.name
        if key not in seen:
            seen.add(key)
            distinct.append(p)
    return distinct if len(distinct) > 1 else []


NAME = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|(?:al|el|wa|de|da|du|des|la|le|az|ad|as|ash|at|an|ar|bin|"
                  r"ibn|e|i|y)(?=\s+[A-Z])))*")
# after a name the places stage did not read, what makes it a place and says where it lies: its unit word and
# the place after it ('Narang districts, Kunar', 'Komo villages in Chikun LGA'), or a parenthesis ('Al Jah
# (Bayt Al Faqiah, Al Hudaydah)')
UNIT_AFTER = re.compile(rf"\s+{UNIT}\b(?:\s*,\s*|\s+(?:of|in)\s+)(?:the\s+)?", re.I)
PAREN_NEXT = re.compile(r"\s*\(")


def _named(text: str, lo: int, hi: int, read: list[Place], places: list[Place]) -> list[Place]:
    """Names the places stage did not read that the text marks as places by a unit word or a parenthesis
    naming where they lie: located there, as ACLED locates a village it cannot find."""
    taken = [(p.start, p.end) for p in places if lo <= p.start < hi] + [(p.start, p.end) for p in read]
    located = [p for p in places if lo <= p.start < hi and p.lat is not None]
    out = []
    for m in NAME.finditer(text, lo, hi):
        if m.start() == lo or any(a < m.end() and m.start() < b for a, b in taken):
            continue
        unit, paren = UNIT_AFTER.match(text, m.end()), PAREN_NEXT.match(text, m.end())
        if unit is not None:
            box = next((p for p in located if p.start == unit.end() and p.feature != "city"), None)
        elif paren is not None:
            close = text.find(")", paren.end())
            box = next((p for p in located if paren.end() <= p.start < close), None) if close > 0 else None
        else:
            box = None
        if box is not None:
            out.append(Place(m.start(), m.end(), m.group(), None, m.group(), box.lat, box.lon, box.country,
                             box.admin1, "other", role="place",
                             note=f"not in the gazetteer; located at {box.name}, which it lies within"))
    return out


# the names between two places of one list ('in A, X, Y and B'): a comma before each, a comma or 'and' after the last
BETWEEN = re.compile(rf"\s*,\s*(?P<names>{NAME.pattern}(?:\s*,\s*{NAME.pattern})*)(?:\s*,\s*|\s*,?\s+{AND}\s+)")


def _listed_between(record: Record, cands: list[Place], places: list[Place]) -> list[Place]:
    """Names the places stage did not read listed between two places of one province ('in Gao, Ber, Tessit and
    Kidal'): places of the list, located as ACLED locates a place it cannot find, at the province the report
    names them in."""
    text = record.text
    provinces = {(p.country, p.admin1): p for p in places if p.feature == "admin1" and p.lat is not None}
    out = []
    for a, b in zip(cands, cands[1:]):
        m = BETWEEN.fullmatch(text, a.end, b.start)
        box = provinces.get((a.country, a.admin1)) if (a.country, a.admin1) == (b.country, b.admin1) else None
        if m is None or box is None:
            continue
        for n in NAME.finditer(text, m.start("names"), m.end("names")):
            out.append(Place(n.start(), n.end(), n.group(), None, n.group(), box.lat, box.lon, box.country,
                             box.admin1, "other", role="place",
                             note=f"not in the gazetteer; listed with places of {box.name}, located there"))
    return out


def _unlocated(record: Record) -> list[Place]:
    """The places below the gazetteer ('Al Kirsh front', a village the places stage knows only to lie within
    a district) and the districts it holds no point of, located as ACLED locates them: at the place they lie
    within."""
    located = {p.geonameid: p for p in record.places if p.geonameid is not None and p.lat is not None}
    provinces = {(p.country, p.admin1): p for p in located.values() if p.feature == "admin1"}
    out = []
    for p in record.places:
        box = located.get(p.within)
        if box is None and p.feature == "admin2":
            box = provinces.get((p.country, p.admin1))
        if (p.role or "place") == "place" and p.lat is None and box is not None:
            out.append(relocated(p, box.lat, box.lon, f"located at {box.name}, which it lies within",
                                 country=p.country or box.country, admin1=p.admin1 or box.admin1))
    return out


PAREN_AFTER = re.compile(rf"(?:\s+{UNIT})?\s*\(", re.I)


def _in_parenthesis(text: str, p: Place, places: list[Place]) -> Place:
    """A place below the gazetteer located by the parenthesis after it ('Al Kirsh front (Al Qabbaytah,
    Lahij)'): at the first located place in it, rather than where the places stage guessed it lies."""
    m = PAREN_AFTER.match(text, p.end)
    if p.geonameid is not None or m is None:
        return p
    close = text.find(")", m.end())
    inside = [q for q in places if m.end() <= q.start < close and q.lat is not None]
    if close < 0 or not inside:
        return p
    box = min(inside, key=lambda q: q.start)
    return replace(p, lat=box.lat, lon=box.lon, country=box.country, admin1=box.admin1,
                   note=f"located at {box.name}, named after it")


def _of_one_kind(text: str, cands: list[Place]) -> set[int]:
    """The starts of the places of a list a plural unit word ends ('in A, B and C districts')."""
    out: set[int] = set()
    for i, p in enumerate(cands):
        if not PLURAL_UNIT.match(text, p.end):
            continue
        j, joined = i, False
        while j > 0 and OF_ONE_KIND_GAP.fullmatch(text, cands[j - 1].end, cands[j].start):
            has_and = bool(HAS_AND.search(text, cands[j - 1].end, cands[j].start))
            if has_and and joined:
                break  # a list has one 'and': one before it ends another ('A district, B, and C and D districts')
            joined = joined or has_and
            j -= 1
        if j < i:
            out.update(q.start for q in cands[j:i + 1])
    return out


def _qualifies(p: Place, prev: Place, sep: str) -> bool:
    """A coarser place after a comma says where the one before it lies ('Tarinkot, Uruzgan')."""
    return not HAS_AND.search(sep) and FINENESS.get(p.feature, 3) > FINENESS.get(prev.feature, 3)


def _member(chain: list[Place], place: Place, text: str) -> bool:
    """The place is one of the chain's, or in the parenthesis after it saying where they lie ('in A and B
    villages (X, Y)')."""
    if not chain:
        return False
    if chain[0].start <= place.start <= chain[-1].start:
        return True
    m = PAREN_AFTER.match(text, chain[-1].end)
    return m is not None and m.end() <= place.start < text.find(")", m.end())


def per_place_figures(text: str, sites: list[Place], lo: int) -> list[Optional[int]]:
    """The figure written before each place ('killing three in Kidal and five in Gao'), or None."""
    out = []
    for p in sites:
        m = PER_PLACE.search(text, max(lo, p.start - 60), p.start)
        v = word_value(m.group("n")) if m else None
        out.append(int(v) if v is not None and v == int(v) else None)
    return out


def _per_place(figures: list[Optional[int]], n: int, total: Count) -> bool:
    """The figures of every place make up the total, or the total is the first place's figure alone (the
    counts read 'three' of 'three in Kidal and five in Gao')."""
    return len(figures) == n and None not in figures and total.best is not None \
        and total.best in (sum(figures), figures[0])


def share(total: Optional[int], n: int) -> list[Optional[int]]:
    """A total split evenly over n events, the remainder on the first ones."""
    if total is None:
        return [None] * n
    q, r = divmod(total, n)
    return [q + (1 if i < r else 0) for i in range(n)]


def shared_counts(counts: dict[str, Count], n: int, figures: list[Optional[int]]) -> list[dict[str, Count]]:
    """The counts of each of n events an incident is split into: the per-place figures of a kind whose total
    they make up, else each bound shared evenly."""
    out: list[dict[str, Count]] = [{} for _ in range(n)]
    for kind, c in counts.items():
        if _per_place(figures, n, c):
            parts = [Count(f, f, f, c.text) for f in figures]
        else:
            lows, bests, highs = share(c.low, n), share(c.best, n), share(c.high, n)
            parts = [Count(a, b, h, c.text) for a, b, h in zip(lows, bests, highs)]
        for i, part in enumerate(parts):
            out[i][kind] = part
    return out


MAX_DAYS = 7  # a longer stretch told without its days is one event of a coarser date, not one a day
# 'on 3 and 4 May', 'from 2 to 4 May' ('between 2 and 4 May' and '2-4 May' more often bound a date not known
# to the day than tell of each day)
DAY_LIST = re.compile(r"(?:\bon\s+(?P<days>\d{1,2}(?:st|nd|rd|th)?(?:\s*,\s*\d{1,2}(?:st|nd|rd|th)?)*)\s*,?\s*"
                      rf"{AND}\s+|\bfrom\s+(?P<first>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:to|until|till)\s+)$", re.I)
DAY_FIRST = re.compile(r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Z]")


def _day(value: str) -> Optional[dt.date]:
    try:
        return dt.date.fromisoformat(value[:10]) if re.fullmatch(r"\d{4}-\d\d-\d\d", value) else None
    except ValueError:
        return None


def told_days(record: Record, date: EventDate, sent) -> list[EventDate]:
    """The distinct days the event's sentence tells it of: dates in a list with the event's own ('on Monday
    and Tuesday', 'on 3 and 4 May', 'between 2 and 4 May'); [] when it tells of one day."""
    if date is None or date.source != "timex" or date.precision != "day":
        return []
    text = record.text
    lo, hi = sent.start_char, sent.end_char
    times = sorted((t for t in record.times if lo <= t.start < hi and t.type == "DATE" and _day(t.value)),
                   key=lambda t: t.start)
    own = next((i for i, t in enumerate(times) if t.value == date.value), None)
    if own is None:
        return []
    # the run of dates joined as a list around the event's own
    first = last = own
    while first > 0 and _joined(text, times[first - 1].end, times[first].start):
        first -= 1
    while last + 1 < len(times) and _joined(text, times[last].end, times[last + 1].start):
        last += 1
    days = [_day(t.value) for t in times[first:last + 1]]
    lead = times[first]
    m = DAY_LIST.search(text, max(lo, lead.start - 40), lead.start) if DAY_FIRST.match(lead.text) else None
    if m is not None:
        end = days[0]
        if m.group("days"):
            days = [end.replace(day=int(d)) for d in re.findall(r"\d{1,2}", m.group("days"))
                    if int(d) < end.day] + days
        else:
            start = int(m.group("first"))
            if start < end.day:
                days = [end.replace(day=d) for d in range(start, end.day)] + days
    days = sorted(set(days))
    if len(days) < 2 or (days[-1] - days[0]).days >= MAX_DAYS:
        return []
    return [EventDate(value=d.isoformat(), start=d.isoformat(), end=d.isoformat(), precision="day",
                      source=date.source) for d in days]


def _joined(text: str, a: int, b: int) -> bool:
    gap = text[a:b]
    return bool(re.fullmatch(rf"\s*,\s*(?:{AND}\s+)?(?:on\s+)?|\s+{AND}\s+(?:on\s+)?", gap, re.I))
