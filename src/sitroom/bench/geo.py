"""`sitroom bench geo DATASET`: geoparsing figures on geowebnews, lgl, tr-news, geovirus, wiktor.

Reads the staged corpus the way ../shared/eval/geo/make_inputs.py does (same gold selection,
same offset repair) and scores it the way ../shared/eval/geo/score.py does: recognition P/R/F1
by one-to-one span overlap; resolution over gold with coordinates (GeoWebNews: with a GeoNames
id, as --require-id), conditional on recognition and end to end, acc@161 km, mean/median km,
AUC of log error; exact GeoNames id accuracy. A population baseline (spaCy GPE/LOC entities ->
the most populous gazetteer match) is scored in the same run on the same parses.
"""
from __future__ import annotations

import json
import math
import statistics
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Iterator, Optional

from . import parsed_through
from ..model import Place, Record

DATASETS = ("geowebnews", "lgl", "tr-news", "geovirus", "wiktor")
FILES = {"geowebnews": "GWN.xml", "lgl": "lgl.xml", "tr-news": "TR-News.xml",
         "geovirus": "GeoVirus.xml", "wiktor": "wiktor.jsonl"}
GWN_EXCLUDE = {"Non_Toponym", "Literal_Expression", "Non_Lit_Expression"}
MAX_KM = 20039.0
EARTH_R = 6371.0088
MAX_SHIFT = 30


# -- gold ------------------------------------------------------------------------------------
def _num(x: Optional[str]) -> Optional[float]:
    try:
        return float((x or "").strip()) if (x or "").strip() else None
    except ValueError:
        return None


def _int(x: Optional[str]) -> Optional[int]:
    try:
        return int((x or "").strip()) if (x or "").strip() else None
    except ValueError:
        return None


def _articles(path: Path, dataset: str) -> Iterator[dict]:
    if dataset == "wiktor":
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    d = json.loads(line)
                    yield {"id": str(d["id"]), "text": d["text"], "published": None, "toponyms": [
                        {"start": t["start"], "end": t["end"], "text": t["name"], "geonameid": None,
                         "lat": t.get("lat"), "lon": t.get("lon")} for t in d["toponyms"]]}
        return
    root = ET.parse(path).getroot()
    for art in root.findall("article"):
        text = art.findtext("text") or ""
        tops = []
        if dataset == "geowebnews":
            aid, published = art.get("file"), None
            for t in art.find("toponyms") or []:
                if (t.findtext("type") or "").strip() in GWN_EXCLUDE:
                    continue
                tops.append({"start": int(t.findtext("start")), "end": int(t.findtext("end")),
                             "text": t.findtext("extractedName") or "",
                             "geonameid": _int(t.findtext("geonamesID")),
                             "lat": _num(t.findtext("latitude")), "lon": _num(t.findtext("longitude"))})
        elif dataset == "geovirus":
            aid, published = art.get("id"), None
            locs = art.find("locations")
            for loc in (locs.iter("location") if locs is not None else []):
                if loc.find("start") is None:
                    continue
                tops.append({"start": int(loc.findtext("start")), "end": int(loc.findtext("end")),
                             "text": loc.findtext("name") or "", "geonameid": None,
                             "lat": _num(loc.findtext("lat")), "lon": _num(loc.findtext("lon"))})
        else:
            aid = art.get("docid")
            dl = (art.findtext("dltime") or "").strip()
            published = dl[:10] if len(dl) >= 10 and dl[4] == "-" and dl[7] == "-" else None
            for t in art.find("toponyms") or []:
                g = t.find("gaztag")
                item = {"start": int(t.findtext("start")), "end": int(t.findtext("end")),
                        "text": t.findtext("phrase") or "", "geonameid": None, "lat": None, "lon": None}
                if g is not None:
                    item.update(geonameid=_int(g.get("geonameid")), lat=_num(g.findtext("lat")),
                                lon=_num(g.findtext("lon")))
                tops.append(item)
        yield {"id": aid, "text": text, "published": published, "toponyms": tops}


def _repair(text: str, t: dict) -> Optional[tuple[int, int]]:
    occ, i = [], text.find(t["text"])
    while i >= 0 and t["text"]:
        occ.append(i)
        i = text.find(t["text"], i + 1)
    if not occ:
        return None
    best = min(occ, key=lambda i: (abs(i - t["start"]), i))
    if abs(best - t["start"]) <= MAX_SHIFT or len(occ) == 1:
        return best, best + len(t["text"])
    return None


def load_gold(data_dir: Path, dataset: str, limit: Optional[int] = None) -> list[dict]:
    """Gold articles with offsets checked and repaired as the reference make_inputs.py does."""
    if dataset not in DATASETS:
        raise ValueError(f"unknown dataset {dataset!r}; one of {', '.join(DATASETS)}")
    data_dir = Path(data_dir)
    path = data_dir / FILES[dataset]
    if not path.exists():
        path = data_dir / dataset / FILES[dataset]
    out = []
    for art in _articles(path, dataset):
        text, kept, seen = art["text"], [], set()
        for t in art["toponyms"]:
            if t["start"] < 0:
                continue
            if text[t["start"]:t["end"]] != t["text"]:
                fix = _repair(text, t)
                if fix is None:
                    continue
                t["start"], t["end"] = fix
            if (t["start"], t["end"]) in seen:
                continue
            seen.add((t["start"], t["end"]))
            kept.append(t)
        kept.sort(key=lambda t: (t["start"], t["end"]))
        art["toponyms"] = kept
        art["id"] = f"{dataset}:{art['id']}"
        out.append(art)
        if limit and len(out) >= limit:
            break
    return out


# -- scoring (the reference scorer's definitions) ---------------------------------------------
def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return min(MAX_KM, 2 * EARTH_R * math.asin(min(1.0, math.sqrt(a))))


def match(gold: list[tuple[int, int]], system: list[tuple[int, int]]) -> dict[int, int]:
    """One-to-one overlap matching, greedy by overlap length: {gold index: system index}."""
    pairs = []
    for gi, (gs, ge) in enumerate(gold):
        for si, (ss, se) in enumerate(system):
            ov = min(ge, se) - max(gs, ss)
            if ov > 0:
                pairs.append((ov, abs(gs - ss) + abs(ge - se), gi, si))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2], p[3]))
    used_g, used_s, out = set(), set(), {}
    for _, _, gi, si in pairs:
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            out[gi] = si
    return out


def dist_stats(errs: list[float]) -> dict:
    if not errs:
        return {"n": 0, "acc161": None, "mean_km": None, "median_km": None, "auc": None}
    e = sorted(errs)
    logs = [math.log(x + 1) for x in e]
    if len(logs) == 1:
        auc = logs[0] / math.log(MAX_KM)
    else:
        area = sum((logs[i] + logs[i + 1]) / 2 for i in range(len(logs) - 1))
        auc = area / (math.log(MAX_KM) * (len(logs) - 1))
    return {"n": len(e), "acc161": round(sum(1 for x in e if x <= 161) / len(e), 4),
            "mean_km": round(statistics.fmean(e), 1), "median_km": round(statistics.median(e), 1),
            "auc": round(auc, 4)}


def score(gold: list[dict], system: dict[str, list[Place]], require_id: bool, partial: bool) -> dict:
    n_sys = tp = n_gold = 0
    cond, e2e = [], []
    n_res = n_recog = n_nocoord = id_gold = id_n = id_ok = 0
    for art in gold:
        places = system.get(art["id"], [])
        gtops = art["toponyms"]
        m = match([(t["start"], t["end"]) for t in gtops], [(p.start, p.end) for p in places])
        n_sys += len(places)
        n_gold += len(gtops)
        tp += len(m)
        for gi, t in enumerate(gtops):
            p = places[m[gi]] if gi in m else None
            gid = t.get("geonameid")
            if t.get("lat") is not None and t.get("lon") is not None and (gid is not None or not require_id):
                n_res += 1
                err = None
                if p is not None:
                    n_recog += 1
                    if p.lat is not None and p.lon is not None:
                        err = km(t["lat"], t["lon"], p.lat, p.lon)
                        cond.append(err)
                    else:
                        n_nocoord += 1
                e2e.append(err if err is not None else MAX_KM)
            if gid is not None:
                id_gold += 1
                if p is not None:
                    id_n += 1
                    id_ok += p.geonameid == gid
    p_ = None if partial else (round(tp / n_sys, 4) if n_sys else 0.0)
    r_ = round(tp / n_gold, 4) if n_gold else 0.0
    f_ = None if partial else (round(2 * p_ * r_ / (p_ + r_), 4) if p_ and r_ else 0.0)
    c = dist_stats(cond)
    over = (round(c["acc161"] * c["n"] / n_recog, 4) if n_recog and c["acc161"] is not None else None)
    return {
        "recognition": {"p": p_, "r": r_, "f1": f_, "tp": tp, "n_system": n_sys, "n_gold": n_gold},
        "n_gold_resolution": n_res, "n_recognised": n_recog, "n_recognised_without_coords": n_nocoord,
        "conditional": c, "acc161_over_recognised": over, "end_to_end": dist_stats(e2e),
        "geonameid": {"n_gold": id_gold,
                      "conditional": round(id_ok / id_n, 4) if id_n else None,
                      "end_to_end": round(id_ok / id_gold, 4) if id_gold else None},
    }


# -- the population baseline ----------------------------------------------------------------
def population_baseline(record: Record) -> list[Place]:
    """spaCy GPE/LOC entities, each resolved to its most populous gazetteer match."""
    from ..gazetteer import load

    g = load()
    out = []
    for e in record.entities:
        if e.label not in ("GPE", "LOC"):
            continue
        cands = g.lookup(e.text)
        if cands:
            r = max(cands, key=lambda c: int(g.population[c.index])).index
            lat, lon = g.point(r)
            out.append(Place(e.start, e.end, e.text, g.place_id(r), g.names[r], lat, lon,
                             g.country(r), g.admin1_name(r), g.feature(r)))
        else:
            out.append(Place(e.start, e.end, e.text, None, e.text, None, None, None, None, "other"))
    return out


# -- the run ---------------------------------------------------------------------------------
def run(data_dir: Path, dataset: str = "lgl", limit: Optional[int] = None,
        output: Optional[Path] = None, **options) -> dict:
    """Run linguistic + places over a geo corpus and score it (and the baseline).

    `output`: also write the records as JSON Lines (SCHEMA.md), for the reference scorer.
    """
    from rich.progress import Progress

    from ..stages.places import Places, _parser

    gold = load_gold(Path(data_dir), dataset, limit)
    t0 = time.perf_counter()
    _parser()
    t_load = time.perf_counter() - t0
    stage = Places()
    records = [Record(id=a["id"], text=a["text"], published=a["published"]) for a in gold]
    system: dict[str, list[Place]] = {}
    baseline: dict[str, list[Place]] = {}
    seconds: defaultdict = defaultdict(float)
    out = open(output, "w", encoding="utf-8") if output else None
    try:
        with Progress(transient=True) as bar:
            task = bar.add_task(f"geo {dataset}", total=len(records))
            for r in parsed_through(stage, records, seconds):
                system[r.id] = r.places
                baseline[r.id] = population_baseline(r)
                r.doc = None
                if out:
                    out.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
                bar.advance(task)
    finally:
        if out:
            out.close()
    require_id = dataset == "geowebnews"
    partial = dataset == "wiktor"
    t_spacy, t_places = seconds["spacy"], seconds["places"]
    return {
        "dataset": dataset, "docs": len(gold), "require_id": require_id,
        "sitroom": score(gold, system, require_id, partial),
        "population_baseline": score(gold, baseline, require_id, partial),
        "seconds": {"gazetteer_load": round(t_load, 2), "spacy": round(t_spacy, 2),
                    "places": round(t_places, 2),
                    "places_share_of_spacy": round(t_places / t_spacy, 4) if t_spacy else None},
    }


def report(figures: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    def pct(x):
        return "n/a" if x is None else f"{100 * x:.1f}"

    table = Table(title=f"geo {figures['dataset']} ({figures['docs']} docs"
                        f"{'; resolution over gold with a GeoNames id' if figures['require_id'] else ''})")
    table.add_column("metric")
    systems = ("sitroom", "population_baseline")
    for name in systems:
        table.add_column(name, justify="right")
    rows = [
        ("recognition P", lambda s: pct(s["recognition"]["p"])),
        ("recognition R", lambda s: pct(s["recognition"]["r"])),
        ("recognition F1", lambda s: pct(s["recognition"]["f1"])),
        ("acc@161 conditional", lambda s: pct(s["conditional"]["acc161"])),
        ("acc@161 over recognised", lambda s: pct(s["acc161_over_recognised"])),
        ("acc@161 end to end", lambda s: pct(s["end_to_end"]["acc161"])),
        ("mean km (conditional)", lambda s: str(s["conditional"]["mean_km"])),
        ("median km (conditional)", lambda s: str(s["conditional"]["median_km"])),
        ("AUC (conditional)", lambda s: str(s["conditional"]["auc"])),
        ("AUC (end to end)", lambda s: str(s["end_to_end"]["auc"])),
        ("GeoNames id conditional", lambda s: pct(s["geonameid"]["conditional"])),
        ("GeoNames id end to end", lambda s: pct(s["geonameid"]["end_to_end"])),
    ]
    for label, get in rows:
        table.add_row(label, *(get(figures[n]) for n in systems))
    console = Console()
    console.print(table)
    sec = figures["seconds"]
    console.print(f"gazetteer load {sec['gazetteer_load']} s; spaCy {sec['spacy']} s; places "
                  f"{sec['places']} s ({pct(sec['places_share_of_spacy'])} % of spaCy's time)")


# -- calibration of Place.score ----------------------------------------------------------------
CALIBRATION_BINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def isotonic(bins: list[tuple[float, int, int]]) -> list[tuple[float, float]]:
    """Pool-adjacent-violators over (low edge, hits, n) bins: non-decreasing hit rates."""
    blocks = [[low, hits, n] for low, hits, n in bins if n]
    i = 0
    while i < len(blocks) - 1:
        a, b = blocks[i], blocks[i + 1]
        if a[1] / a[2] > b[1] / b[2]:
            a[1] += b[1]
            a[2] += b[2]
            del blocks[i + 1]
            i = max(i - 1, 0)
        else:
            i += 1
    return [(low, hits / n) for low, hits, n in blocks]


def calibrate(data_dir: Path, datasets: tuple[str, ...] = ("geowebnews", "lgl", "tr-news"),
              limit: Optional[int] = None, write: Optional[Path] = None) -> dict:
    """Reliability of the raw resolution confidence on dev data, and its isotonic mapping.

    Raw confidence (recognition confidence x candidate probability) is recorded for every gold
    toponym that a resolved place matches; a hit is an error within 161 km. The corpora with
    GeoNames gold are the default (GeoVirus' Wikipedia points measure another reference).
    `write`: save the mapping as a places_calibration.tsv table.
    """
    from ..gazetteer import resolve as rz
    from ..stages.linguistic import Linguistic
    from ..stages.places import _parser

    recognise, resolver = _parser()
    keep, rz.MIN_CONFIDENCE = rz.MIN_CONFIDENCE, 0.0
    calibrated, rz.calibrated = rz.calibrated, lambda raw: raw  # record raw confidences
    pairs: list[tuple[float, bool]] = []
    try:
        for ds in datasets:
            gold = load_gold(Path(data_dir), ds, limit)
            records = [Record(id=a["id"], text=a["text"], published=a["published"]) for a in gold]
            for art, r in zip(gold, Linguistic().pipe(records)):
                places = resolver(r.text, recognise(r.text, r.doc))
                m = match([(t["start"], t["end"]) for t in art["toponyms"]],
                          [(p.start, p.end) for p in places])
                for gi, t in enumerate(art["toponyms"]):
                    p = places[m[gi]] if gi in m else None
                    if p is None or p.lat is None or t.get("lat") is None:
                        continue
                    if ds == "geowebnews" and t.get("geonameid") is None:
                        continue
                    pairs.append((p.score, km(t["lat"], t["lon"], p.lat, p.lon) <= 161))
                r.doc = None
    finally:
        rz.MIN_CONFIDENCE, rz.calibrated = keep, calibrated
    edges = list(CALIBRATION_BINS) + [float("inf")]
    bins = []
    for lo, hi in zip(edges, edges[1:]):
        sel = [ok for s, ok in pairs if lo <= s < hi]
        bins.append((lo, sum(sel), len(sel)))
    mapping = isotonic(bins)
    if write:
        lines = ["# Place.score calibration: raw resolution confidence (recognition x candidate",
                 "# probability) -> share of dev resolutions within 161 km of gold, isotonic.",
                 f"# Fitted by sitroom.bench.geo.calibrate on {', '.join(datasets)} ({len(pairs)} toponyms).",
                 "# raw_from\tprobability"]
        lines += [f"{low:.2f}\t{prob:.3f}" for low, prob in mapping]
        Path(write).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"n": len(pairs), "bins": [{"raw_from": lo, "n": n, "within_161": round(h / n, 3) if n else None}
                                      for lo, h, n in bins],
            "mapping": [{"raw_from": lo, "probability": round(p, 3)} for lo, p in mapping]}


# -- ACLED event locations (a diagnostic for the events stage) ---------------------------------
def _word_in(needle: str, hay: str) -> bool:
    i = hay.find(needle)
    while i >= 0:
        j = i + len(needle)
        if (i == 0 or not hay[i - 1].isalnum()) and (j == len(hay) or not hay[j].isalnum()):
            return True
        i = hay.find(needle, i + 1)
    return False


def acled_locations(data_dir: Path, limit: Optional[int] = None, half: Optional[str] = None,
                    failures: Optional[list] = None) -> dict:
    """How often the places stage finds an ACLED event's `location` in its note and places it
    within 10 km of ACLED's point (one count per note and distinct location).

    `named`: the location's name occurs in the note; `found`: a place mention carries that name
    (or the name is inside the mention's); `resolved10`/`resolved50`: that mention's point is
    within 10/50 km; `any10`: some place of the note is within 10 km (what an event could get).
    `failures`, when given, receives (country, location, note, places) for named misses."""
    from collections import Counter

    from ..gazetteer import names as nm
    from ..stages.linguistic import Linguistic
    from ..stages.places import Places
    from .events import acled_inputs, in_part

    items = acled_inputs(Path(data_dir), "current", limit)
    if half:
        items = [g for g in items if in_part(g["id"], half)]
    rows = {}
    for path in sorted((Path(data_dir) / "acled_notes").glob("*.csv")):
        import csv

        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                rows[row["event_id_cnty"]] = (row["location"], row["country"])
    records = [Record(id=g["id"], text=g["text"], published=g["published"]) for g in items]
    stage = Places()
    c: Counter = Counter()
    per_country: dict[str, Counter] = {}
    for g, r in zip(items, Linguistic().pipe(records)):
        stage(r)
        folded = nm.key(r.text)
        seen = set()
        for ev in g["events"]:
            loc, country = rows.get(ev["event_id_cnty"], ("", ""))
            if not loc or ev["latitude"] is None or (loc, ev["latitude"]) in seen:
                continue
            seen.add((loc, ev["latitude"]))
            lat, lon = ev["latitude"], ev["longitude"]
            k = nm.key(loc)
            named = _word_in(k, folded)
            hits = [p for p in r.places if nm.key(p.text) == k or _word_in(k, nm.key(p.text))]
            d = [km(lat, lon, p.lat, p.lon) for p in hits if p.lat is not None]
            dall = [km(lat, lon, p.lat, p.lon) for p in r.places if p.lat is not None]
            f = {"events": 1, "named": named, "found": named and bool(hits),
                 "resolved10": named and any(x <= 10 for x in d),
                 "resolved50": named and any(x <= 50 for x in d), "any10": any(x <= 10 for x in dall)}
            c.update(f)
            per_country.setdefault(country, Counter()).update(f)
            if failures is not None and named and not f["resolved10"]:
                failures.append((country, loc, r.text, [(p.text, p.name, p.feature, p.lat, p.lon)
                                                        for p in r.places]))
        r.doc = None

    def pct(cn: Counter) -> dict:
        n = cn["named"] or 1
        return {"events": cn["events"], "named": cn["named"],
                "found_%": round(100 * cn["found"] / n, 1),
                "resolved10_%": round(100 * cn["resolved10"] / n, 1),
                "resolved50_%": round(100 * cn["resolved50"] / n, 1),
                "any10_%_of_events": round(100 * cn["any10"] / (cn["events"] or 1), 1)}

    out = {"all": pct(c)}
    for country, cn in sorted(per_country.items(), key=lambda kv: -kv[1]["events"]):
        if cn["events"] >= 40:
            out[country] = pct(cn)
    return out
