"""The offline place index: compact arrays of places, a name -> candidates table, and an
Aho-Corasick automaton over every name key (pyahocorasick), saved as one pickle file."""
from __future__ import annotations

import math
import pickle
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

import ahocorasick
import numpy as np

from . import names as nm
from .sources import ADMIN1, ADMIN2, ALT, CITY, CONTINENT, COUNTRY, FEATURES, VARIANT, Entry

FORMAT = 14  # bump when the saved layout or its content rules change: a new file is built


@dataclass(frozen=True)
class Candidate:
    index: int  # row in the place arrays
    flags: int  # sources.ALT | VARIANT | DEMONYM | ACRONYM


class Gazetteer:
    """Query side of the index. Rows are addressed by their position (`index`)."""

    def __init__(self, data: dict):
        self.geonameid: np.ndarray = data["geonameid"]
        self.lat: np.ndarray = data["lat"]
        self.lon: np.ndarray = data["lon"]
        self.population: np.ndarray = data["population"]
        self.kind: np.ndarray = data["kind"]
        self.capital: np.ndarray = data["capital"]
        self.country_idx: np.ndarray = data["country_idx"]
        self.admin1_row: np.ndarray = data["admin1_row"]
        self.admin2_row: np.ndarray = data["admin2_row"]
        self.names: list[str] = data["names"]
        self.country_codes: list[str] = data["country_codes"]
        self.offsets: np.ndarray = data["offsets"]
        self.cand_rows: np.ndarray = data["cand_rows"]
        self.cand_flags: np.ndarray = data["cand_flags"]
        self.automaton = data["automaton"]
        self.country_row: dict[str, int] = data["country_row"]
        self.iso_row: dict[str, int] = data["iso_row"]
        self.continent_row: dict[str, int] = data["continent_row"]
        self._key_len: np.ndarray = data["key_len"]
        self._key_lens: Optional[memoryview] = None  # indexes to plain ints, unlike the array
        self._unit_rows: Optional[dict[int, int]] = None
        self._seats: Optional[dict[int, int]] = None

    def __len__(self) -> int:
        return len(self.geonameid)

    # -- lookups -------------------------------------------------------------------------
    def key_id(self, key: str) -> Optional[int]:
        return self.automaton.get(key, None)

    def candidates_of_key(self, key_id: int) -> list[Candidate]:
        a, b = int(self.offsets[key_id]), int(self.offsets[key_id + 1])
        return [Candidate(int(r), int(f)) for r, f in zip(self.cand_rows[a:b], self.cand_flags[a:b])]

    def lookup(self, name: str) -> list[Candidate]:
        kid = self.key_id(nm.key(name))
        return [] if kid is None else self.candidates_of_key(kid)

    def iter_matches(self, folded_text: str) -> Iterator[tuple[int, int, int]]:
        """(start, end, key_id) of every name key occurring in the folded text."""
        if self._key_lens is None:
            self._key_lens = memoryview(np.ascontiguousarray(self._key_len))
        key_len = self._key_lens
        for end, kid in self.automaton.iter(folded_text):
            yield end + 1 - key_len[kid], end + 1, kid

    # -- row accessors -------------------------------------------------------------------
    def feature(self, row: int) -> str:
        return FEATURES[int(self.kind[row])]

    def place_id(self, row: int) -> Optional[int]:
        """The GeoNames id of a row; None for the regions the index numbers itself (< 0)."""
        gid = int(self.geonameid[row])
        return gid if gid > 0 else None

    def country(self, row: int) -> Optional[str]:
        c = self.country_codes[int(self.country_idx[row])]
        return c or None

    def point(self, row: int) -> tuple[Optional[float], Optional[float]]:
        lat, lon = float(self.lat[row]), float(self.lon[row])
        if math.isnan(lat) or math.isnan(lon):
            return None, None
        return round(lat, 5), round(lon, 5)

    def admin1_name(self, row: int) -> Optional[str]:
        a = int(self.admin1_row[row])
        if int(self.kind[row]) == ADMIN1:
            return self.names[row]
        return self.names[a] if a >= 0 else None

    def unit_row(self, geonameid: int) -> Optional[int]:
        """The row of a country, first- or second-level unit by its GeoNames id."""
        if self._unit_rows is None:
            units = np.nonzero(self.kind != CITY)[0]
            self._unit_rows = {int(self.geonameid[r]): int(r) for r in units}
        return self._unit_rows.get(geonameid)

    def seat(self, row: int) -> Optional[int]:
        """The town a country or first-level unit is governed from: a country's capital; for a unit, as
        far as the index knows (it holds no capitals of units), the most populous town of the unit's own
        name inside it ('Herat' of Herat province), else its most populous town."""
        if self._seats is None:
            self._seats = self._find_seats()
        return self._seats.get(row)

    def _find_seats(self) -> dict[int, int]:
        def compact(name: str) -> str:
            return re.sub(r"[^a-z0-9]", "", nm.key(name))

        units = {int(r): compact(self.names[r]) for r in np.nonzero(self.kind == ADMIN1)[0]}
        biggest: dict[int, int] = {}
        named: dict[int, int] = {}
        towns = np.nonzero((self.kind == CITY) & (self.admin1_row >= 0))[0]
        for r in towns[np.argsort(-self.population[towns], kind="stable")]:
            a1 = int(self.admin1_row[r])
            biggest.setdefault(a1, int(r))
            if a1 not in named and a1 in units and compact(self.names[r]) == units[a1]:
                named[a1] = int(r)
        capitals = {int(self.country_idx[r]): int(r) for r in np.nonzero(self.capital)[0]}
        countries = {int(r): capitals[int(self.country_idx[r])] for r in np.nonzero(self.kind == COUNTRY)[0]
                     if int(self.country_idx[r]) in capitals}
        return {**biggest, **named, **countries}

    def contains(self, outer: int, inner: int) -> bool:
        """True when place `outer` is (or contains) place `inner`, as far as the index knows."""
        if outer == inner:
            return True
        k = int(self.kind[outer])
        if k == COUNTRY:
            return self.country_idx[outer] == self.country_idx[inner] and self.kind[inner] > COUNTRY
        if k == ADMIN1:
            return int(self.admin1_row[inner]) == outer
        if k == ADMIN2:
            return int(self.admin2_row[inner]) == outer
        return False


def _add(table: dict[str, dict[int, int]], k: str, row: int, flags: int) -> None:
    rows = table.setdefault(k, {})
    old = rows.get(row)
    rows[row] = flags if old is None else min(old, flags)


def compile_index(entries: list[Entry], arabic: set[str]) -> dict:
    """Turn source entries into the saved arrays and automaton."""
    entries = sorted(entries, key=lambda e: (e.kind, -e.population))
    country_codes = [""] + sorted({e.country for e in entries if e.country})
    cidx = {c: i for i, c in enumerate(country_codes)}
    admin1_row = {e.admin1: i for i, e in enumerate(entries) if e.kind == ADMIN1 and e.admin1}
    admin2_row = {e.admin2: i for i, e in enumerate(entries) if e.kind == ADMIN2 and e.admin2}
    table: dict[str, dict[int, int]] = {}
    for row, e in enumerate(entries):
        for name, flags in e.names:
            k = nm.key(name)
            if not nm.is_latin_key(k):
                continue
            variants = {k}
            variants |= nm.saint_variants(k)
            if e.kind in (CITY, ADMIN1, ADMIN2) and (e.population >= 1000 or e.kind != CITY):
                if e.country in arabic:
                    for v in list(variants):
                        variants |= nm.arabic_variants(v)
                        variants.add(v.replace("'", ""))
                elif e.country in nm.PERSIAN_COUNTRIES:
                    for v in list(variants):
                        variants |= nm.persian_variants(v)
            for v in variants:
                _add(table, v, row, flags | (VARIANT if v != k else 0))
    keys = sorted(table)
    offsets = np.zeros(len(keys) + 1, dtype=np.int64)
    rows_flat: list[int] = []
    flags_flat: list[int] = []
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for i, k in enumerate(keys):
        items = sorted(table[k].items(), key=lambda rf: (rf[1] & ~ALT, -entries[rf[0]].population))
        rows_flat.extend(r for r, _ in items)
        flags_flat.extend(f for _, f in items)
        offsets[i + 1] = len(rows_flat)
        automaton.add_word(k, i)
    automaton.make_automaton()
    return {
        "format": FORMAT,
        "geonameid": np.array([e.geonameid for e in entries], dtype=np.int64),
        "lat": np.array([e.lat for e in entries], dtype=np.float64),
        "lon": np.array([e.lon for e in entries], dtype=np.float64),
        "population": np.array([e.population for e in entries], dtype=np.int64),
        "kind": np.array([e.kind for e in entries], dtype=np.int8),
        "capital": np.array([e.capital for e in entries], dtype=bool),
        "country_idx": np.array([cidx.get(e.country, 0) for e in entries], dtype=np.int16),
        "admin1_row": np.array([admin1_row.get(e.admin1, -1) for e in entries], dtype=np.int32),
        "admin2_row": np.array([admin2_row.get(e.admin2, -1) for e in entries], dtype=np.int32),
        "names": [e.name for e in entries],
        "country_codes": country_codes,
        "offsets": offsets,
        "cand_rows": np.array(rows_flat, dtype=np.int32),
        "cand_flags": np.array(flags_flat, dtype=np.int8),
        "key_len": np.array([len(k) for k in keys], dtype=np.int16),
        "automaton": automaton,
        "country_row": {e.country: i for i, e in enumerate(entries) if e.kind == COUNTRY},
        "continent_row": {e.name: i for i, e in enumerate(entries) if e.kind == CONTINENT},
        "iso_row": {e.iso: i for i, e in enumerate(entries) if e.iso},
    }


def save(data: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)


def open_index(path: Path) -> Gazetteer:
    with open(path, "rb") as fh:
        data = pickle.load(fh)
    if data.get("format") != FORMAT:
        raise ValueError(f"{path}: gazetteer format {data.get('format')}, expected {FORMAT}")
    return Gazetteer(data)
