"""Toponym resolution: choose a GeoNames place for each mention, or none.

Each candidate gets a score from its feature type, population and name match (the prior), then
from the document: the share of the document's other names that fall in its country and admin1
(focus; a name's own mentions do not vote), places named in the document that contain it
("Gainesville, Ga.", "Aleppo ... Syria"), a county named beside one of its towns ("Lebanon" ...
"Boone County"), and nearness to the towns the document places confidently (proximity).
Mentions of one name pool their scores (one sense per discourse). A softmax over the
candidates turns scores into a probability; `Place.score` is that probability times how
sure recognition was, mapped through the calibration table fitted on dev data
(places_calibration.tsv); below MIN_CONFIDENCE the mention keeps no id and no coordinates.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import numpy as np

from ..geodesy import great_circle_km
from ..model import Place
from .index import Candidate, Gazetteer
from .recognise import Mention
from .sources import ADMIN1, ADMIN2, ALT, CITY, CONTINENT, COUNTRY, DEMONYM, VARIANT, data_lines

KIND_WEIGHT = {CONTINENT: 3.5, COUNTRY: 4.0, ADMIN1: 2.5, ADMIN2: 0.6, CITY: 0.0}
POPULATION_WEIGHT = 0.45
ALT_PENALTY = 0.6
VARIANT_PENALTY = 0.5
FOCUS_WEIGHT = 3.0
CONTAINED_BONUS = 1.6
ADJACENT_BONUS = 3.0
COUNTY_PAIR_BONUS = 2.0
HINT_BONUS = 2.5
CAPITAL_BONUS = 3.5
SEAT_BONUS = 3.0  # a capital named as a government or inside an organisation's name
COHESION_WEIGHT = 1.0  # a town candidate near some town candidate of another name
COHESION_KM = 15.0
COHESION_CAP = 2.0
ADMIN1_FOREIGN = 0.7  # foreignness of a small town in another state of the focus country, relative
LIST_BONUS = 2.0  # a name in a list ("Michigan, Oregon, New York and Ohio") is of its siblings' kind
LIST_SURE = 0.8  # a sibling's first choice counts when at least this probable
# below this raw confidence (recognition confidence x candidate probability) a resolution is
# more often wrong than right on the dev data (places_calibration.tsv): no id, no point
MIN_CONFIDENCE = 0.2
ADMIN1_FOCUS_WEIGHT = 2.0
PROXIMITY_WEIGHT = 3.0
PROXIMITY_KM = 150.0
ANCHOR_PROBABILITY = 0.5
MAX_ANCHORS = 60
POOL_MAX_SHARE = 0.5
NULL_SCORE = -100.0  # the score of "none of these": below it no candidate is taken
LOC_CITY_PENALTY = 0.0
# a small town in a country the rest of the document does not name, in a document focused on
# another country ("Jebel" in a report from Juba is the Juba neighbourhood, not the Turkmen
# town): its score falls by FOREIGN_WEIGHT x foreignness, and its probability by
# FOREIGN_DEMOTION x foreignness, where foreignness = smallness x (focus share - own share)
FOREIGN_WEIGHT = 4.0
FOREIGN_DEMOTION = 2.0
FOREIGN_BIG_POPULATION = 6.0  # log10: towns of a million or more are never "small"
FOREIGN_SPAN = 3.0  # log10 range over which smallness goes from 1 to 0 (1,000 .. 1,000,000)
ALT_SIZE_DISCOUNT = 1.5  # an alternate name or spelling variant ("Madina" for Medina) counts as a smaller place
FOCUS_EVIDENCE = 3.0  # other mentions needed before the focus counts in full
# oceans, seas and multi-country regions carry no population; news naming "Atlantic" or "the
# Middle East" means them, not the towns of that name: they weigh as a populous country would
REGION_POPULATION = 100_000_000
MAX_CANDIDATES = 60
RECOGNITION_CONFIDENCE = {"ner": 0.95, "gazetteer": 0.8, "pattern": 0.6}


_INSTITUTION = re.compile(r"\b(?:University|College|School|Academy|Institute|Hospital)\b")


@lru_cache(maxsize=1)
def state_abbreviations() -> dict[str, str]:
    return {row[0]: row[1] for row in data_lines("places_state_abbreviations.tsv")}


@lru_cache(maxsize=1)
def calibration() -> list[tuple[float, float]]:
    """(lowest raw confidence, probability within 161 km) rows, fitted on the dev corpora by
    `sitroom.bench.geo.calibrate` (isotonic, so the probability never falls as raw rises)."""
    return sorted((float(a), float(b)) for a, b, *_ in data_lines("places_calibration.tsv"))


def calibrated(raw: float) -> float:
    """The probability that a resolution with this raw confidence lies within 161 km."""
    p = raw
    for low, prob in calibration():
        if raw >= low:
            p = prob
    return round(p, 3)


SAME_PLACE_KM = 50.0
CONTAINER_SURE = 0.8
# a name's container right after it, past a kind word ("Rupnagar city (Punjab)", "Nirkh district, Wardak")
_CONTAINER_UNIT = r"(?:city|town|village|district|municipality|county|province|governorate|state|region|LGA)"
# "X, Y", "X (Y", "X district, Y" and "X town in Y"
_FOLLOWED_BY_CONTAINER = re.compile(rf"(?:\s+{_CONTAINER_UNIT})?(?:,\s?|\s\()|\s+{_CONTAINER_UNIT}\s+in\s")


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    if math.isnan(lat2) or math.isnan(lon2):
        return math.inf
    return great_circle_km(lat1, lon1, lat2, lon2)


@dataclass
class _Choice:
    row: Optional[int]
    probability: float


class Resolver:
    def __init__(self, g: Gazetteer):
        self.g = g

    def candidates(self, m: Mention) -> list[Candidate]:
        if m.key_id is None:
            return []
        cands = self.g.candidates_of_key(m.key_id)[:MAX_CANDIDATES]
        if m.demonym:
            return [c for c in cands if c.flags & DEMONYM]
        places = [c for c in cands if not c.flags & DEMONYM]
        g = self.g
        if any(int(g.kind[c.index]) == COUNTRY for c in places):
            # a country's name means the country, not a city once called so ("Mexico" is not
            # Mexico City, whose alternate names include "Mexico")
            places = [c for c in places if not (c.flags & ALT and int(g.kind[c.index]) == CITY)]
        if any(int(g.kind[c.index]) in (COUNTRY, ADMIN1) and not c.flags & (ALT | VARIANT)
               for c in places):
            # a country or first-level unit under its own name is meant, not a country for which
            # the name is an alternate ("Wales" is Wales, not the United Kingdom)
            places = [c for c in places if not (c.flags & ALT and int(g.kind[c.index]) == COUNTRY)]
        return places or cands

    def prior(self, m: Mention, c: Candidate) -> float:
        g = self.g
        k = int(g.kind[c.index])
        pop = int(g.population[c.index])
        if k == CONTINENT:
            pop = max(pop, REGION_POPULATION)
        s = KIND_WEIGHT[k] + POPULATION_WEIGHT * math.log10(pop + 10)
        if g.capital[c.index]:
            s += CAPITAL_BONUS
            if m.role == "government":
                # "Washington said": the capital, not the namesake state
                s += SEAT_BONUS
        if c.flags & ALT:
            s -= ALT_PENALTY
        if c.flags & VARIANT:
            s -= VARIANT_PENALTY
        if m.label == "LOC" and k == CITY:  # LOC: seas, regions, ranges; not towns
            s -= LOC_CITY_PENALTY
        if m.kind_hint is not None:
            if k == m.kind_hint:
                s += HINT_BONUS
            elif m.kind_hint == ADMIN1 and k == ADMIN2:
                s += HINT_BONUS / 2  # a 'province' some index keeps a level down; a 'district' is seldom a province
        return s

    def __call__(self, text: str, mentions: list[Mention]) -> list[Place]:
        g = self.g
        cand_lists = [self.candidates(m) for m in mentions]
        priors = [[self.prior(m, c) for c in cands] for m, cands in zip(mentions, cand_lists)]
        for m, cands, ps in zip(mentions, cand_lists, priors):
            self._prefer_city_over_namesake_admin(m, cands, ps)
        first = [self._softmax(ps) for ps in priors]

        # the document's geography from the first pass: country and admin1 shares, and the
        # places each mention names as first choice
        focus: dict[int, float] = {}
        focus1: dict[int, float] = {}
        # row -> keys of the mentions that name it as first choice; a mention draws no support
        # from its namesakes ("Aleppo" the city and "Aleppo" the governorate)
        named: dict[int, set[int]] = {}
        # the same shares from each name's own mentions, taken out again below: four "London"s
        # must not vote themselves into England when the rest of the story is about Canada
        own: dict[int, dict[int, float]] = {}
        own1: dict[int, dict[int, float]] = {}
        # the same country shares without the names standing for a government ('the United States
        # ordered its staff to leave'): where the story is, for the foreignness of namesakes
        where: dict[int, float] = {}
        own_where: dict[int, dict[int, float]] = {}
        for i, (cands, probs) in enumerate(zip(cand_lists, first)):
            k = mentions[i].key_id
            for c, p in zip(cands, probs):
                ci = int(g.country_idx[c.index])
                focus[ci] = focus.get(ci, 0.0) + p
                own.setdefault(k, {})[ci] = own.get(k, {}).get(ci, 0.0) + p
                if mentions[i].role != "government":
                    where[ci] = where.get(ci, 0.0) + p
                    own_where.setdefault(k, {})[ci] = own_where.get(k, {}).get(ci, 0.0) + p
                a1 = self._admin1_of(c.index)
                if a1 >= 0:
                    focus1[a1] = focus1.get(a1, 0.0) + p
                    own1.setdefault(k, {})[a1] = own1.get(k, {}).get(a1, 0.0) + p
            if cands:
                top = max(range(len(cands)), key=lambda j: probs[j])
                named.setdefault(cands[top].index, set()).add(mentions[i].key_id)
        total = sum(focus.values()) or 1.0
        adjacent = self._adjacent_containers(text, mentions, cand_lists)
        # rows that contain some mention's first choice ("Georgia" the state holds "Atlanta")
        holds: dict[int, set[int]] = {}
        for row, idx in named.items():
            for container in self._containers(row):
                holds.setdefault(container, set()).update(idx)

        # counties that are a candidate of some mention ("Boone County" is one of eight), and the
        # counties holding a candidate of some mention: a town and a county that fit each other
        # ("Lebanon" ... "Boone County": Lebanon, Indiana) both gain, whichever first choice
        county_of: dict[int, set[int]] = {}
        holds_any: dict[int, set[int]] = {}
        for m, cands in zip(mentions, cand_lists):
            for c in cands:
                if int(g.kind[c.index]) == ADMIN2:
                    county_of.setdefault(c.index, set()).add(m.key_id)
                a2 = int(g.admin2_row[c.index])
                if a2 >= 0 and a2 != c.index and int(g.kind[c.index]) == CITY:
                    holds_any.setdefault(a2, set()).add(m.key_id)

        # "X, Y" where no namesake of X lies in any namesake of Y: X, a village below the gazetteer
        # or a namesake abroad, says nothing of where Y is ('Sosnovskoye, Donetsk' is no Russian Donetsk)
        unfit = {i + 1: mentions[i].key_id for i in range(len(mentions) - 1)
                 if i not in adjacent and cand_lists[i] and self._container_mention(text, mentions, i)
                 and mentions[i].key_id != mentions[i + 1].key_id}

        def merged(table: dict[int, dict[int, float]], i: int) -> dict[int, float]:
            out = dict(table.get(mentions[i].key_id, {}))
            for k, v in table.get(unfit.get(i), {}).items():
                out[k] = out.get(k, 0.0) + v
            return out

        context = []
        foreign: list[list[float]] = []
        for i, (m, cands, ps) in enumerate(zip(mentions, cand_lists, priors)):
            scores = []
            mine = merged(own, i)
            mine1 = merged(own1, i)
            rest = max(total - sum(mine.values()), 1.0)
            mine_where = merged(own_where, i)
            rest_where = sum(where.values()) - sum(mine_where.values())
            shares = {ci: (v - mine_where.get(ci, 0.0)) / max(rest_where, 1.0) for ci, v in where.items() if ci}
            top_ci, top_share = max(shares.items(), key=lambda kv: kv[1], default=(0, 0.0))
            top_share *= min(1.0, rest_where / FOCUS_EVIDENCE)
            shares1 = {a: (v - mine1.get(a, 0.0)) / rest for a, v in focus1.items()}
            top_a1, top_share1 = max(shares1.items(), key=lambda kv: kv[1], default=(-1, 0.0))
            top_share1 *= min(1.0, (total - sum(mine.values())) / FOCUS_EVIDENCE)
            away = []
            for c, p in zip(cands, ps):
                ci = int(g.country_idx[c.index])
                f = self._foreignness(m, c.index, c.flags, ci, top_ci, top_share, shares.get(ci, 0.0))
                a1 = self._admin1_of(c.index)
                if ci == top_ci and top_a1 >= 0 and a1 != top_a1 and \
                        int(g.country_idx[top_a1]) == top_ci:
                    # the same within a country: a small town of a state the rest of a local
                    # story does not name ("Thurston", Ohio, in a story about Nebraska)
                    f = ADMIN1_FOREIGN * self._foreignness(m, c.index, c.flags, -1, top_a1, top_share1,
                                                           shares1.get(a1, 0.0))
                away.append(f)
                s = p + FOCUS_WEIGHT * (focus.get(ci, 0.0) - mine.get(ci, 0.0)) / rest
                s -= FOREIGN_WEIGHT * f
                a1 = self._admin1_of(c.index)
                if a1 >= 0:
                    s += ADMIN1_FOCUS_WEIGHT * (focus1.get(a1, 0.0) - mine1.get(a1, 0.0)) / rest
                for container in self._containers(c.index):
                    if named.get(container, set()) - {m.key_id}:
                        s += CONTAINED_BONUS
                if holds.get(c.index, set()) - {m.key_id}:
                    s += CONTAINED_BONUS
                if c.index in adjacent.get(i, ()):
                    s += ADJACENT_BONUS
                a2 = int(g.admin2_row[c.index])
                if a2 >= 0 and a2 != c.index and county_of.get(a2, set()) - {m.key_id}:
                    s += COUNTY_PAIR_BONUS
                elif int(g.kind[c.index]) == ADMIN2 and holds_any.get(c.index, set()) - {m.key_id}:
                    s += COUNTY_PAIR_BONUS
                scores.append(s)
            context.append(scores)
            foreign.append(away)
        as_unit = self._add_list_kind(text, mentions, cand_lists, context)
        self._add_proximity(mentions, cand_lists, context)
        self._add_cohesion(mentions, cand_lists, context)
        # a name the text makes a state ("Buffalo, New York"; "Michigan, Oregon, New York and
        # Ohio") keeps it: the city is preferred over its namesake state only elsewhere
        as_unit |= {i for i in adjacent if self._container_is_unit(text, mentions, cand_lists, adjacent, i)}
        for i, (m, cands, sc) in enumerate(zip(mentions, cand_lists, context)):
            if i not in as_unit:
                self._prefer_city_over_namesake_admin(m, cands, sc)
        final = self._one_sense_per_discourse(mentions, cand_lists, context)

        places = []
        demoted: set[int] = set()
        for i, (m, cands, scores) in enumerate(zip(mentions, cand_lists, final)):
            choice = _Choice(None, 0.0)
            if cands:
                probs = self._softmax(scores + [NULL_SCORE])
                j = max(range(len(cands)), key=lambda j: scores[j])
                f = foreign[i][j]
                p = self._mass_near(cands, probs, j)
                choice = _Choice(cands[j].index, p * max(0.0, 1.0 - FOREIGN_DEMOTION * f))
                if f > 0 and RECOGNITION_CONFIDENCE[m.source] * choice.probability < MIN_CONFIDENCE:
                    demoted.add(i)
                elif int(g.kind[cands[j].index]) in (CITY, ADMIN2, ADMIN1) and m.role == "place" and \
                        self._outside_container(text, mentions, cand_lists, final, i):
                    choice = _Choice(None, 0.0)
                    demoted.add(i)
            places.append(self._place(text, m, choice))
        self._attach_unknown(mentions, places, demoted)
        return places

    def _mass_near(self, cands: list[Candidate], probs: list[float], j: int) -> float:
        """The probability that the place meant lies near the chosen one: the chosen
        candidate's share plus its namesakes' that contain it, it contains, or lie within
        SAME_PLACE_KM ("Geneva" the city and the canton)."""
        g = self.g
        r = cands[j].index
        lat, lon = float(g.lat[r]), float(g.lon[r])
        total = probs[j]
        for k, c in enumerate(cands):
            if k == j:
                continue
            o = c.index
            if g.contains(o, r) and int(g.kind[o]) != COUNTRY or g.contains(r, o):
                total += probs[k]
            elif not math.isnan(lat) and _km(lat, lon, float(g.lat[o]), float(g.lon[o])) <= SAME_PLACE_KM:
                total += probs[k]
        return min(1.0, total)

    def _foreignness(self, m: Mention, row: int, flags: int, ci: int, top_ci: int,
                     top_share: float, own_share: float) -> float:
        """How much a town looks like a namesake far from the story: small, in a country the
        rest of the document does not name, while the document is about another country."""
        g = self.g
        if ci == top_ci or int(g.kind[row]) not in (CITY, ADMIN2) or m.role != "place":
            return 0.0
        size = math.log10(int(g.population[row]) + 10) - (ALT_SIZE_DISCOUNT if flags & (ALT | VARIANT) else 0.0)
        small = (FOREIGN_BIG_POPULATION - size) / FOREIGN_SPAN
        return max(0.0, min(1.0, small)) * max(0.0, top_share - own_share)

    def _admin1_of(self, row: int) -> int:
        k = int(self.g.kind[row])
        if k == ADMIN1:
            return row
        if k in (ADMIN2, CITY):
            return int(self.g.admin1_row[row])
        return -1

    def _container_is_unit(self, text: str, mentions: list[Mention], cand_lists: list[list[Candidate]],
                           adjacent: dict[int, set[int]], i: int) -> bool:
        """"Buffalo, New York": the second name is the state holding the first, unless the first
        lies in the second's namesake city ("Brooklyn, New York") or both are in a list."""
        g = self.g
        if i == 0 or i - 1 not in adjacent or not any(
                int(g.kind[r]) in (ADMIN1, ADMIN2) for r in adjacent[i]):
            return False
        if i + 1 < len(mentions) and self._LIST_SEP.match(text[mentions[i].end:mentions[i + 1].start]):
            return False  # "Washington, New York and Boston"
        if i > 1 and self._LIST_SEP.match(text[mentions[i - 2].end:mentions[i - 1].start]):
            return False
        inner = adjacent[i - 1]
        for c in cand_lists[i]:
            if int(g.kind[c.index]) != CITY:
                continue
            lat, lon = float(g.lat[c.index]), float(g.lon[c.index])
            if any(_km(lat, lon, float(g.lat[r]), float(g.lon[r])) <= SAME_PLACE_KM for r in inner):
                return False
        return True

    _LIST_SEP = re.compile(r"^(?:,\s*|,?\s+(?:and|or)\s+|\s*/\s*)$")

    def _add_list_kind(self, text: str, mentions: list[Mention], cand_lists: list[list[Candidate]],
                       scores: list[list[float]]) -> set[int]:
        """Names in one list are of one kind: "Washington, Pennsylvania and California" are
        states, "Washington, New York and Boston" cities. A list is three or more names apart
        only by commas, "and", "or", "/"; each member's candidates of the
        kind its siblings (two or more, all of one kind) surely are gain LIST_BONUS."""
        g = self.g
        lists: list[list[int]] = []
        cur: list[int] = []
        for i in range(len(mentions)):
            if cur and self._LIST_SEP.match(text[mentions[cur[-1]].end:mentions[i].start]):
                cur.append(i)
                continue
            if cur:
                lists.append(cur)
            cur = [i]
        if cur:
            lists.append(cur)
        as_unit: set[int] = set()  # members made admin areas by their siblings
        for members in lists:
            if len(members) < 3:
                continue
            sure: dict[int, int] = {}
            for i in members:
                if not cand_lists[i] or mentions[i].demonym:
                    continue
                probs = self._softmax(scores[i])
                j = max(range(len(probs)), key=lambda j: probs[j])
                if probs[j] >= LIST_SURE:
                    sure[i] = int(g.kind[cand_lists[i][j].index])
            for i in members:
                kinds = {k for o, k in sure.items() if o != i}
                if len(kinds) != 1 or sum(1 for o in sure if o != i) < 2 or not cand_lists[i]:
                    continue  # two siblings or more, all sure and of one kind
                kind = kinds.pop()
                if kind in (ADMIN1, ADMIN2):
                    as_unit.add(i)
                for j, c in enumerate(cand_lists[i]):
                    if int(g.kind[c.index]) == kind:
                        scores[i][j] += LIST_BONUS
        return as_unit

    def _add_cohesion(self, mentions: list[Mention], cand_lists: list[list[Candidate]],
                      scores: list[list[float]]) -> None:
        """Small places named together lie together: a town candidate gains for each other
        name of the document that has some town candidate within a few dozen km ("London"
        with "St. Thomas" and "Middlesex" is London, Ontario), whichever is first choice.
        Grid cells of one degree keep it linear in the number of candidates."""
        g = self.g
        cells: dict[tuple[int, int], list[tuple[float, float, int]]] = {}
        pts: list[list[Optional[tuple[float, float]]]] = []
        for m, cands in zip(mentions, cand_lists):
            row_pts: list[Optional[tuple[float, float]]] = []
            for c in cands:
                k = int(g.kind[c.index])
                lat, lon = float(g.lat[c.index]), float(g.lon[c.index])
                if k not in (CITY, ADMIN2) or math.isnan(lat) or m.role == "metaphor" or m.demonym \
                        or c.flags & (ALT | VARIANT):
                    row_pts.append(None)
                    continue
                row_pts.append((lat, lon))
                cells.setdefault((int(math.floor(lat)), int(math.floor(lon))), []).append(
                    (lat, lon, m.key_id))
            pts.append(row_pts)
        if len({k for v in cells.values() for _, _, k in v}) < 2:
            return
        for i, (m, cands) in enumerate(zip(mentions, cand_lists)):
            if len(cands) < 2:
                continue
            top = max(range(len(cands)), key=lambda j: scores[i][j])
            if int(g.kind[cands[top].index]) not in (CITY, ADMIN2):
                continue  # which town, not whether a town or the state ("Maryland")
            for j, pt in enumerate(pts[i]):
                if pt is None:
                    continue
                lat, lon = pt
                ci, cj = int(math.floor(lat)), int(math.floor(lon))
                near: dict[int, float] = {}
                dlat = COHESION_KM * 3 / 111.0
                dlon = dlat / max(0.1, math.cos(math.radians(lat)))
                for a in (ci - 1, ci, ci + 1):
                    for b in (cj - 1, cj, cj + 1):
                        for olat, olon, key in cells.get((a, b), ()):
                            if key == m.key_id or abs(olat - lat) > dlat or abs(olon - lon) > dlon:
                                continue
                            d = _km(lat, lon, olat, olon)
                            if d < COHESION_KM * 3:
                                near[key] = max(near.get(key, 0.0), math.exp(-d / COHESION_KM))
                if near:
                    scores[i][j] += COHESION_WEIGHT * min(COHESION_CAP, sum(near.values()))

    def _add_proximity(self, mentions: list[Mention], cand_lists: list[list[Candidate]],
                       scores: list[list[float]]) -> None:
        """Towns near the document's other confidently placed towns gain: the "Alexandria"
        of a story about Minnesota lakes is the one in Minnesota."""
        g = self.g
        anchors: list[tuple[float, int, int]] = []  # (probability, row, key)
        for m, cands, sc in zip(mentions, cand_lists, scores):
            if not cands or m.role == "metaphor":
                continue
            probs = self._softmax(sc + [NULL_SCORE])
            j = max(range(len(cands)), key=lambda j: sc[j])
            r = cands[j].index
            if probs[j] >= ANCHOR_PROBABILITY and int(g.kind[r]) in (CITY, ADMIN2):
                anchors.append((probs[j], r, m.key_id))
        if not anchors:
            return
        anchors.sort(reverse=True)
        best: dict[int, tuple[int, int]] = {}
        for _, r, k in anchors:  # one anchor per name
            best.setdefault(k, (r, k))
        rows = [r for r, _ in list(best.values())[:MAX_ANCHORS]]
        keys = np.array([k for _, k in list(best.values())[:MAX_ANCHORS]])
        alat, alon = np.radians(g.lat[rows]), np.radians(g.lon[rows])
        for m, cands, sc in zip(mentions, cand_lists, scores):
            if len(cands) < 2:
                continue
            idx = np.array([c.index for c in cands])
            lat, lon = np.radians(g.lat[idx])[:, None], np.radians(g.lon[idx])[:, None]
            a = (np.sin((alat - lat) / 2) ** 2
                 + np.cos(lat) * np.cos(alat) * np.sin((alon - lon) / 2) ** 2)
            d = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))
            d[:, keys == m.key_id] = np.inf
            d = np.nan_to_num(d, nan=np.inf).min(axis=1)
            near = np.exp(-d / PROXIMITY_KM)
            for j, c in enumerate(cands):
                if int(g.kind[c.index]) in (CITY, ADMIN2):
                    sc[j] += PROXIMITY_WEIGHT * float(near[j])

    @staticmethod
    def _one_sense_per_discourse(mentions: list[Mention], cand_lists: list[list[Candidate]],
                                 scores: list[list[float]]) -> list[list[float]]:
        """Mentions of one name (with the same kind word, if any) mean one place: their
        candidates' scores are pooled, so "Gainesville, Ga." decides the later "Gainesville"."""
        groups: dict[tuple, list[int]] = {}
        for i, m in enumerate(mentions):
            if m.key_id is not None and cand_lists[i]:
                groups.setdefault((m.key_id, m.kind_hint, m.demonym), []).append(i)
        out = [list(sc) for sc in scores]
        for members in groups.values():
            if len(members) < 2:
                continue
            n = len(members)
            pooled = [max(scores[i][j] for i in members) * POOL_MAX_SHARE
                      + sum(scores[i][j] for i in members) / n * (1 - POOL_MAX_SHARE)
                      for j in range(len(cand_lists[members[0]]))]
            for i in members:
                out[i] = list(pooled)
        return out

    # -- scoring helpers ---------------------------------------------------------------------
    def _prefer_city_over_namesake_admin(self, m: Mention, cands: list[Candidate],
                                         ps: list[float]) -> None:
        """"Aleppo", "Hama", "Homs": a governorate named after its capital city; news means the
        city unless it says "province". "Balkh district": the district of that name inside the
        province of that name."""
        g = self.g
        if m.kind_hint == ADMIN2:
            for a, ca in enumerate(cands):
                if int(g.kind[ca.index]) == ADMIN1:
                    for b, cb in enumerate(cands):
                        if int(g.kind[cb.index]) == ADMIN2 and g.contains(ca.index, cb.index):
                            ps[b] = max(ps[b], ps[a] + 0.1)
        if m.kind_hint in (ADMIN1, ADMIN2):
            return
        for a, ca in enumerate(cands):
            if int(g.kind[ca.index]) not in (ADMIN1, ADMIN2):
                continue
            for b, cb in enumerate(cands):
                if int(g.kind[cb.index]) == CITY and g.contains(ca.index, cb.index) and \
                        g.population[cb.index] >= 0.1 * g.population[ca.index]:
                    ps[b] = max(ps[b], ps[a] + 0.1)

    def _containers(self, row: int) -> list[int]:
        g = self.g
        out = []
        a1, a2 = int(g.admin1_row[row]), int(g.admin2_row[row])
        if a1 >= 0 and a1 != row:
            out.append(a1)
        if a2 >= 0 and a2 != row:
            out.append(a2)
        country = g.country_row.get(g.country(row) or "")
        if country is not None and country != row:
            out.append(country)
        return out

    def _adjacent_containers(self, text: str, mentions: list[Mention],
                             cand_lists: list[list[Candidate]]) -> dict[int, set[int]]:
        """"X, Y" and "X (Y)" where Y contains a candidate of X: {mention index: {rows}}."""
        g = self.g
        out: dict[int, set[int]] = {}
        abbreviations = state_abbreviations()
        for i, m in enumerate(mentions):
            follow = _FOLLOWED_BY_CONTAINER.match(text, m.end)
            if not follow:
                continue
            containers: set[int] = set()
            nxt = self._container_mention(text, mentions, i)
            if nxt:
                containers.update(c.index for c in cand_lists[i + 1])
            rest = text[follow.end():follow.end() + 12].lstrip(", (")
            for abbr, iso in abbreviations.items():
                if rest.startswith(abbr) and iso in g.iso_row:
                    containers.add(g.iso_row[iso])
            if not containers:
                continue
            # a district the index cannot place ('(Al Hali, Al Hudaydah)') does not make its container the
            # province: the town of the province's name is the better guess at where it lies
            hits = {c.index for c in cand_lists[i] if not math.isnan(float(g.lat[c.index]))
                    and any(g.contains(k, c.index) and k != c.index for k in containers)}
            if hits:
                out.setdefault(i, set()).update(hits)
                if nxt:
                    out.setdefault(i + 1, set()).update(
                        k for k in containers if any(g.contains(k, h) for h in hits))
        return out

    @staticmethod
    def _container_mention(text: str, mentions: list[Mention], i: int) -> bool:
        """The next mention says where mention i lies: "X, Y", "X (Y", "X city (Y", "X district, Y"."""
        follow = _FOLLOWED_BY_CONTAINER.match(text, mentions[i].end)
        return bool(follow) and i + 1 < len(mentions) and 0 <= mentions[i + 1].start - follow.end() <= 1

    def _outside_container(self, text: str, mentions: list[Mention], cand_lists: list[list[Candidate]],
                           final: list[list[float]], i: int) -> bool:
        """"Valencia, Sangre Grande", "Dessa, Tillaberi": the container named right after a town is
        surely placed, and the town has no namesake in its country: the town is one below the
        gazetteer, not a namesake abroad. Not in lists ("Paris, London and Berlin")."""
        g = self.g
        if not self._container_mention(text, mentions, i) or not cand_lists[i + 1] or mentions[i + 1].demonym:
            return False
        if i > 0 and self._LIST_SEP.match(text[mentions[i - 1].end:mentions[i].start]):
            return False
        bracketed = text[mentions[i].end:mentions[i + 1].start].endswith("(")
        if not bracketed and i + 2 < len(mentions) and \
                self._LIST_SEP.match(text[mentions[i + 1].end:mentions[i + 2].start]):
            return False
        sc = final[i + 1]
        probs = self._softmax(sc + [NULL_SCORE])
        j = max(range(len(sc)), key=lambda j: sc[j])
        if self._mass_near(cand_lists[i + 1], probs, j) < CONTAINER_SURE:
            return False
        container = cand_lists[i + 1][j].index
        own = cand_lists[i][max(range(len(final[i])), key=lambda k: final[i][k])].index
        if int(g.kind[container]) in (CITY, ADMIN2) and int(g.kind[own]) == ADMIN1 and \
                not any(g.contains(container, c.index) for c in cand_lists[i]):
            # a province lies within no town or district: 'Anosy (Ambalavao, ...)'; 'Alberta, Saskatchewan' is a list
            return True
        country = int(g.country_idx[container])
        return bool(country) and all(int(g.country_idx[c.index]) != country for c in cand_lists[i])

    @staticmethod
    def _softmax(scores: list[float]) -> list[float]:
        if not scores:
            return []
        top = max(scores)
        ex = [math.exp(s - top) for s in scores]
        z = sum(ex)
        return [x / z for x in ex]

    # -- output ------------------------------------------------------------------------------
    def _place(self, text: str, m: Mention, choice: _Choice) -> Place:
        g = self.g
        conf = RECOGNITION_CONFIDENCE[m.source]
        span = text[m.start:m.end]
        raw = conf * choice.probability
        if choice.row is None or raw < MIN_CONFIDENCE:
            note = None
            if choice.row is not None:
                note = f"no candidate good enough (best {g.names[choice.row]}, p={choice.probability:.2f})"
            return Place(m.start, m.end, span, None, span, None, None, None, None, "other",
                         score=round(conf * 0.5, 3), role=m.role, note=note)
        r = choice.row
        if m.role == "organisation" and int(g.kind[r]) == ADMIN1 and _INSTITUTION.search(
                text[max(0, m.start - 20):m.end + 20]):
            # "University of California", "Colorado State University": somewhere in the state,
            # not at its middle; keep the state as the container, give no point
            return Place(m.start, m.end, span, None, span, None, None, g.country(r),
                         g.admin1_name(r), "other", score=calibrated(raw), role=m.role,
                         within=g.place_id(r), note=f"an organisation named after {g.names[r]}")
        lat, lon = g.point(r)
        return Place(m.start, m.end, span, g.place_id(r), g.names[r], lat, lon, g.country(r),
                     g.admin1_name(r), g.feature(r), score=calibrated(raw), role=m.role)

    def _attach_unknown(self, mentions: list[Mention], places: list[Place],
                        demoted: set[int] = frozenset()) -> None:
        """Places below the gazetteer, and namesakes demoted as far from the story: attach to the
        smallest known place named nearby in the document's main country, else to the
        document's main place (its most named city, else admin2, else admin1)."""
        rank = {"city": 0, "admin2": 1, "admin1": 2, "country": 3}
        resolved = [(m2, p2) for m2, p2 in zip(mentions, places)
                    if p2.geonameid is not None and p2.role in ("place", "government")
                    and p2.feature in rank]
        weight: dict[str, int] = {}
        for _, p2 in resolved:
            if p2.country:
                weight[p2.country] = weight.get(p2.country, 0) + 1
        main_country = max(weight, key=weight.get) if weight else None
        counts: dict[int, int] = {}
        for _, p2 in resolved:
            counts[p2.geonameid] = counts.get(p2.geonameid, 0) + 1
        main = None
        for _, p2 in resolved:
            if p2.country != main_country or p2.feature == "country":
                continue  # a country is too coarse to stand for "the place of the story"
            key = (rank[p2.feature], -counts[p2.geonameid])
            if main is None or key < main[0]:
                main = (key, p2)
        for i, (m, p) in enumerate(zip(mentions, places)):
            if p.geonameid is not None or (m.key_id is not None and i not in demoted):
                continue
            if p.within is not None:
                continue
            if self._physical(p.text):
                p.note = "a physical feature (sea, river, valley ...): not in the gazetteer, no point"
                continue
            best = None
            for m2, p2 in resolved:
                if abs(m2.sentence - m.sentence) > 2 or m2.start == m.start:
                    continue
                key = (p2.country != main_country, abs(m2.sentence - m.sentence) > 0,
                       rank[p2.feature], abs(m2.start - m.start))
                if best is None or key < best[0]:
                    best = (key, p2)
            if best is not None and best[1].country != main_country and main is not None:
                best = None
            why = "not in the gazetteer" if i not in demoted else \
                f"no {p.text} in the document's countries; taken as a place below the gazetteer"
            if i in demoted:
                p.role = "place"
            if best is not None:
                p.within = best[1].geonameid
                p.note = f"{why}; within {best[1].name} (named nearby)"
            elif main is not None:
                p.within = main[1].geonameid
                p.note = f"{why}; within {main[1].name} (the document's main place)"
            else:
                p.note = f"{why}; no containing place named nearby"

    @staticmethod
    def _physical(span: str) -> bool:
        from .recognise import PHYSICAL
        words = span.lower().split()
        return len(words) > 1 and (words[0] in PHYSICAL or words[-1] in PHYSICAL)
