"""Inline SVG pictures for the situation report: a map of events and a timeline by type.

No JavaScript, nothing fetched: country outlines come from the `countryinfo` package's bundled
GeoJSON when it is installed (otherwise the map is points with labelled places). Every text
drawn is escaped: place names and types come from untrusted articles.
"""
from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from datetime import date, timedelta
from functools import lru_cache
from html import escape
from typing import Any, Iterable, Optional

PALETTE = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9",
    "Riots": "#16a085",
    "Strategic developments": "#7f8c8d",
}
OTHER = "#34495e"
FONT = "font-family='Helvetica, Arial, sans-serif'"


def colour(kind: str) -> str:
    return PALETTE.get(kind, OTHER)


@lru_cache(maxsize=1)
def country_shapes() -> list[tuple[str, str, list[list[tuple[float, float]]]]]:
    """(ISO alpha-2, name, rings) for every country the installed `countryinfo` package outlines."""
    try:
        from importlib.resources import files

        folder = files("countryinfo") / "data"
    except (ImportError, ModuleNotFoundError, TypeError):
        return []
    shapes = []
    for entry in folder.iterdir():
        if not entry.name.endswith(".json"):
            continue
        try:
            data = json.loads(entry.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        geo = data.get("geoJSON") or {}
        rings: list[list[tuple[float, float]]] = []
        for feature in geo.get("features", []):
            geom = feature.get("geometry") or {}
            polys = geom.get("coordinates") or []
            if geom.get("type") == "Polygon":
                polys = [polys]
            elif geom.get("type") != "MultiPolygon":
                continue
            for poly in polys:
                for ring in poly:
                    rings.append([(float(x), float(y)) for x, y in ring])
        if rings:
            shapes.append(((data.get("ISO") or {}).get("alpha2", ""), data.get("name", ""), rings))
    return shapes


class _Frame:
    """Equirectangular projection of a lon/lat box onto a width x height canvas."""

    def __init__(self, lons: list[float], lats: list[float], width: int):
        lon0, lon1, lat0, lat1 = min(lons), max(lons), min(lats), max(lats)
        span = max(lon1 - lon0, lat1 - lat0, 1.5)
        pad = span * 0.25
        cx, cy = (lon0 + lon1) / 2, (lat0 + lat1) / 2
        half = span / 2 + pad
        self.kx = math.cos(math.radians(cy))
        self.lon0, self.lon1 = cx - half / self.kx * 1.4, cx + half / self.kx * 1.4
        self.lat0, self.lat1 = cy - half, cy + half
        self.width = width
        self.scale = width / ((self.lon1 - self.lon0) * self.kx)
        self.height = int((self.lat1 - self.lat0) * self.scale)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return ((lon - self.lon0) * self.kx * self.scale, (self.lat1 - lat) * self.scale)

    def overlaps(self, ring: list[tuple[float, float]]) -> bool:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return not (max(xs) < self.lon0 or min(xs) > self.lon1 or max(ys) < self.lat0 or min(ys) > self.lat1)

    def km_per_px(self) -> float:
        return 111.32 / self.scale


def map_svg(events: Iterable[dict[str, Any]], width: int = 760, labels: int = 10) -> str:
    located = [e for e in events if e.get("lat") is not None and e.get("lon") is not None]
    if not located:
        return (f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='60' role='img'>"
                f"<text x='10' y='35' {FONT} font-size='14'>No located events to map.</text></svg>")
    frame = _Frame([e["lon"] for e in located], [e["lat"] for e in located], width)
    h = frame.height
    out = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{h + 30}' "
           f"viewBox='0 0 {width} {h + 30}' role='img' aria-label='Map of events'>",
           "<defs><clipPath id='mapclip'><rect width='%d' height='%d'/></clipPath></defs>" % (width, h),
           f"<rect width='{width}' height='{h}' fill='#dfe9f3'/>", "<g clip-path='url(#mapclip)'>"]
    named = []
    for iso, name, rings in country_shapes():
        near = [r for r in rings if frame.overlaps(r)]
        if not near:
            continue
        d = " ".join("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in (frame.xy(*p) for p in r)) + " Z" for r in near)
        out.append(f"<path d='{d}' fill='#f4f1ea' stroke='#9a9a9a' stroke-width='0.8'/>")
        biggest = max(near, key=len)
        cx = sum(p[0] for p in biggest) / len(biggest)
        cy = sum(p[1] for p in biggest) / len(biggest)
        x, y = frame.xy(cx, cy)
        if 20 < x < width - 20 and 20 < y < h - 20:
            named.append((x, y, name))
    for x, y, name in named:
        out.append(f"<text x='{x:.0f}' y='{y:.0f}' {FONT} font-size='13' fill='#b0a89a' "
                   f"text-anchor='middle' letter-spacing='2'>{escape(name.upper())}</text>")
    spots: dict[tuple[float, float], list[dict]] = defaultdict(list)
    for e in located:
        spots[(round(e["lon"], 3), round(e["lat"], 3))].append(e)
    for (lon, lat), group in sorted(spots.items(), key=lambda s: -len(s[1])):
        x, y = frame.xy(lon, lat)
        dead = sum((e["counts"].get("fatalities") or {}).get("best") or 0 for e in group)
        r = 4 + 2.2 * math.sqrt(len(group)) + 1.2 * math.sqrt(dead)
        kind = Counter(e["type"] for e in group).most_common(1)[0][0]
        tip = f"{group[0].get('place') or ''}: {len(group)} event(s), {dead} killed"
        out.append(f"<circle cx='{x:.1f}' cy='{y:.1f}' r='{r:.1f}' fill='{colour(kind)}' fill-opacity='0.65' "
                   f"stroke='#fff' stroke-width='1'><title>{escape(tip)}</title></circle>")
    placed = Counter()
    where = {}
    for e in located:
        if e.get("place"):
            placed[e["place"]] += 1
            where.setdefault(e["place"], frame.xy(e["lon"], e["lat"]))
    for name, _ in placed.most_common(labels):
        x, y = where[name]
        out.append(f"<text x='{x + 7:.0f}' y='{y - 6:.0f}' {FONT} font-size='12' fill='#222' "
                   f"stroke='#fff' stroke-width='3' paint-order='stroke'>{escape(name)}</text>")
    out.append("</g>")
    km = _nice(frame.km_per_px() * width / 5)
    px = km / frame.km_per_px()
    out.append(f"<g transform='translate(12,{h - 14})'><rect x='-4' y='-14' width='{px + 60:.0f}' height='22' "
               f"fill='#fff' fill-opacity='0.7'/><line x1='0' y1='0' x2='{px:.0f}' y2='0' stroke='#222' "
               f"stroke-width='2'/><text x='{px + 6:.0f}' y='4' {FONT} font-size='11'>{km:g} km</text></g>")
    out.append(_legend(sorted({e["type"] for e in located}), h + 6, width))
    out.append("</svg>")
    return "".join(out)


def _nice(value: float) -> float:
    exp = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * exp:
            return step * exp
    return 10 * exp


def _legend(kinds: list[str], y: float, width: int) -> str:
    parts, x = [], 10
    for kind in kinds:
        label = escape(kind)
        parts.append(f"<rect x='{x}' y='{y}' width='12' height='12' fill='{colour(kind)}'/>"
                     f"<text x='{x + 16}' y='{y + 10}' {FONT} font-size='11'>{label}</text>")
        x += 30 + 6 * len(kind)
        if x > width - 100:
            break
    return "".join(parts)


def _bin(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


def timeline_svg(events: Iterable[dict[str, Any]], since: Optional[str] = None, until: Optional[str] = None,
                 width: int = 760, height: int = 240) -> str:
    dated = [e for e in events if e.get("date")]
    if not dated:
        return (f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='60' role='img'>"
                f"<text x='10' y='35' {FONT} font-size='14'>No dated events.</text></svg>")
    days = [date.fromisoformat(e["date"][:10]) for e in dated]
    first = date.fromisoformat(since) if since else min(days)
    last = date.fromisoformat(until) if until else max(days)
    if last < first:
        first, last = last, first
    span = (last - first).days + 1
    unit = "day" if span <= 92 else "week" if span <= 730 else "month"
    bins: list[date] = []
    cursor = _bin(first, unit)
    while cursor <= last:
        bins.append(cursor)
        cursor = (cursor + timedelta(days=1 if unit == "day" else 7) if unit != "month"
                  else (cursor.replace(day=28) + timedelta(days=4)).replace(day=1))
    index = {b: i for i, b in enumerate(bins)}
    kinds = sorted({e["type"] for e in dated})
    stack = [defaultdict(int) for _ in bins]
    for e, day in zip(dated, days):
        b = _bin(day, unit)
        if b in index:
            stack[index[b]][e["type"]] += 1
    top = max((sum(s.values()) for s in stack), default=1) or 1
    left, bottom, plot_h = 40, 40, height - 70
    bar_w = min(48.0, (width - left - 10) / max(1, len(bins)))
    out = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
           f"viewBox='0 0 {width} {height}' role='img' aria-label='Events per {unit} by type'>",
           f"<text x='{left}' y='14' {FONT} font-size='12' fill='#444'>events per {unit}, by type</text>"]
    for t in _ticks(top):
        y = 20 + plot_h - t / top * plot_h
        out.append(f"<line x1='{left}' x2='{width - 10}' y1='{y:.1f}' y2='{y:.1f}' stroke='#e3e3e3'/>"
                   f"<text x='{left - 6}' y='{y + 4:.1f}' {FONT} font-size='10' text-anchor='end'>{t}</text>")
    for i, counts in enumerate(stack):
        y = 20 + plot_h
        for kind in kinds:
            n = counts.get(kind, 0)
            if not n:
                continue
            hgt = n / top * plot_h
            y -= hgt
            out.append(f"<rect x='{left + i * bar_w + 0.5:.1f}' y='{y:.1f}' width='{max(1.0, bar_w - 1):.1f}' "
                       f"height='{hgt:.1f}' fill='{colour(kind)}'><title>{escape(bins[i].isoformat())}: "
                       f"{n} {escape(kind)}</title></rect>")
    every = max(1, len(bins) // 8)
    for i in range(0, len(bins), every):
        x = left + i * bar_w
        if x > width - 70:
            break
        out.append(f"<text x='{x:.1f}' y='{20 + plot_h + 14}' {FONT} font-size='10'>{bins[i].isoformat()}</text>")
    out.append(_legend(kinds, height - bottom + 22, width))
    out.append("</svg>")
    return "".join(out)


def _ticks(top: int) -> list[int]:
    step = max(1, int(_nice(top / 4)))
    return list(range(0, top + 1, step))
