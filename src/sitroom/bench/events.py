"""Events benchmark: ACLED notes (the reference scorer's figures) with a keyword baseline, and
PLOVER category accuracy on plover_gsr.

ACLED notes: rows that share a note are one input (published = its latest event date), exactly as
../shared/eval/events/make_inputs.py builds them; the figures are those of ../shared/eval/events/score.py
(type / sub-type accuracy and F1, location within 10/50 km, exact date, fatalities, actor types,
precision). PLOVER: gold categories of PLOVER 0.5 are mapped onto the current set (DEMAND -> REQUEST,
DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT); a sentence counts as right when the event
whose trigger lies in the gold event text (else the most confident event) has the gold category.
CASE 2021 task 2 (case2021_task2, when present): the sub-event type of each ACLED-labelled snippet's main
event (see `case_score`), with the typer and with the rules alone, and how many of the OTHER and
non-ACLED snippets (disasters, crime, diplomacy) get no ACLED event.
"""
from __future__ import annotations

import csv
import datetime
import glob
import hashlib
import json
import math
import os
import re
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Iterator, Optional

from rich.console import Console
from rich.progress import track
from rich.table import Table

EVENT_TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
               "Strategic developments"]
LEGACY_MAP = {
    "riots/protests": ("Riots/Protests", None),
    "battle-no change of territory": ("Battles", "Armed clash"),
    "battle-government regains territory": ("Battles", "Government regains territory"),
    "battle-non-state actor overtakes territory": ("Battles", "Non-state actor overtakes territory"),
    "battle-non-state actors overtake territory": ("Battles", "Non-state actor overtakes territory"),
    "remote violence": ("Explosions/Remote violence", None),
    "violence against civilians": ("Violence against civilians", None),
    "strategic development": ("Strategic developments", None),
    "non-violent transfer of territory": ("Strategic developments", "Non-violent transfer of territory"),
    "headquarters or base established": ("Strategic developments", "Headquarters or base established"),
}
DATE_FORMATS = ("%Y-%m-%d", "%d-%b-%y", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y", "%d %b %Y", "%d-%b-%Y")
INTER = {1: {"state_forces", "government"}, 2: {"rebels"}, 3: {"political_militia"}, 4: {"identity_militia"},
         5: {"rioters"}, 6: {"protesters"}, 7: {"civilians"}, 8: {"external_forces", "igo", "other"}}
PLOVER_05 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
CASE_SUBS = {  # CASE 2021 task 2 codes of ACLED sub-event types (OTHER and the non-ACLED types have none)
    "ABDUCT_DISSAP": "Abduction/forced disappearance", "AGREEMENT": "Agreement", "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash", "ARREST": "Arrests", "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack", "CHANGE_TO_GROUP_ACT": "Change to group/activity", "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use", "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory", "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established", "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory", "PEACE_PROTEST": "Peaceful protest",
    "PROPERTY_DISTRUCT": "Looting/property destruction", "PROTEST_WITH_INTER": "Protest with intervention",
    "REM_EXPLOS": "Remote explosive/landmine/IED", "SEX_VIOL": "Sexual violence", "SUIC_BOMB": "Suicide bomb",
    "VIOL_DEMONSTR": "Violent demonstration",
}


# ---------------------------------------------------------------- inputs (as make_inputs.py)

def _date(s: Optional[str]) -> Optional[str]:
    s = (s or "").strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(s, fmt).date().isoformat()
        except ValueError:
            pass
    return None


def _num(s, cast):
    try:
        return cast(float(s)) if cast is int else float(s)
    except (TypeError, ValueError):
        return None


def acled_inputs(data_dir: Path, taxonomy: str = "current", limit: Optional[int] = None) -> list[dict]:
    root = Path(data_dir)
    if not (root / "acled_notes").is_dir() and root.name.startswith("acled_notes"):
        root = root.parent
    folders = {"current": ["acled_notes"], "legacy": ["acled_notes_legacy"],
               "all": ["acled_notes", "acled_notes_legacy"]}[taxonomy]
    groups: dict[str, dict] = {}
    for folder in folders:
        tax = "legacy" if folder.endswith("legacy") else "current"
        for path in sorted(glob.glob(os.path.join(root, folder, "*.csv"))):
            dataset = os.path.basename(path).split(".")[0]
            with open(path, encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    r = {(k or "").lower(): v for k, v in row.items()}
                    note = (r.get("notes") or "").strip()
                    if not note:
                        continue
                    raw = (r.get("event_type") or "").strip()
                    if tax == "legacy":
                        et, sub = LEGACY_MAP.get(raw.lower(), (raw, None))
                    else:
                        et, sub = raw, (r.get("sub_event_type") or "").strip() or None
                    ev = {"event_id_cnty": r.get("event_id_cnty"), "event_date": _date(r.get("event_date")),
                          "event_type": et, "sub_event_type": sub,
                          "inter1": _num(r.get("inter1"), int), "inter2": _num(r.get("inter2"), int),
                          "latitude": _num(r.get("latitude"), float), "longitude": _num(r.get("longitude"), float),
                          "geo_precision": _num(r.get("geo_precision"), int),
                          "fatalities": _num(r.get("fatalities"), int) or 0}
                    nid = "acled-" + hashlib.sha1(note.encode("utf-8")).hexdigest()[:16]
                    g = groups.setdefault(nid, {"id": nid, "dataset": dataset, "taxonomy": tax, "text": note,
                                                "events": [], "_seen": set()})
                    key = ev["event_id_cnty"] or json.dumps(ev, sort_keys=True)
                    if key in g["_seen"]:
                        continue
                    g["_seen"].add(key)
                    g["events"].append(ev)
    out = []
    for g in groups.values():
        g.pop("_seen")
        dates = sorted(d for d in (e["event_date"] for e in g["events"]) if d)
        g["published"] = dates[-1] if dates else None
        out.append(g)
    if limit:
        out = sorted(out, key=lambda g: g["id"])[:limit]
    return out


def case_inputs(data_dir: Path) -> list[dict]:
    """CASE 2021 task 2 snippets (data_dir/case2021_task2/*.tsv): {"id": "case-" + its id, "text",
    "published": None, "label": its CASE code, "sub": that code's ACLED sub-event type, None for OTHER and
    the non-ACLED types}."""
    out = []
    for path in sorted(glob.glob(os.path.join(data_dir, "case2021_task2", "*.tsv"))):
        with open(path, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                label = (r.get("SubType") or "").strip()
                out.append({"id": "case-" + r["id"], "text": r["EventSnippet"], "published": None,
                            "label": label, "sub": CASE_SUBS.get(label)})
    return out


# ---------------------------------------------------------------- systems

def _stages():
    """The pipeline's stages; while a sibling stage is not in this tree yet, run without it."""
    try:
        from ..pipeline import default_stages
        return default_stages()
    except ImportError:
        import importlib

        stages = []
        for mod, cls in (("times", "Times"), ("places", "Places"), ("quotes", "Quotes"), ("events", "Events")):
            try:
                stages.append(getattr(importlib.import_module(f"sitroom.stages.{mod}"), cls)())
            except ImportError:
                pass
        return stages


def annotate(items: Iterable[dict], total: Optional[int] = None, label: str = "events",
             stages: Optional[list] = None) -> Iterator[dict]:
    """Records (as SCHEMA.md dicts) for inputs {"id", "text", "published"}; `stages` defaults to the
    pipeline's (after the linguistic layer)."""
    from ..model import Record
    from ..stages.linguistic import Linguistic

    stages = _stages() if stages is None else stages
    ling = Linguistic()
    recs = (Record(id=i["id"], text=i["text"], published=i.get("published")) for i in items)
    for rec in track(ling.pipe(recs), total=total, description=label, transient=True):
        for st in stages:
            st(rec)
        rec.doc = None
        yield rec.to_dict()


KEYWORDS = [  # the keyword baseline: first keyword found in the note decides
    (r"air ?strike|drone|warplane|air raid", "Explosions/Remote violence", "Air/drone strike"),
    (r"suicide", "Explosions/Remote violence", "Suicide bomb"),
    (r"\bied\b|landmine|roadside bomb|explosive device|\bmine\b", "Explosions/Remote violence",
     "Remote explosive/landmine/IED"),
    (r"grenade", "Explosions/Remote violence", "Grenade"),
    (r"shell|mortar|artillery|rocket|missile|projectile|explosion", "Explosions/Remote violence",
     "Shelling/artillery/missile attack"),
    (r"riot|mob|stone", "Riots", "Violent demonstration"),
    (r"protest|demonstrat|rally|march|strike", "Protests", "Peaceful protest"),
    (r"clash|fight|exchange of fire|ambush|battle", "Battles", "Armed clash"),
    (r"abduct|kidnap", "Violence against civilians", "Abduction/forced disappearance"),
    (r"rape|sexual", "Violence against civilians", "Sexual violence"),
    (r"kill|shot|attack|murder|dead|wound|injur", "Violence against civilians", "Attack"),
    (r"arrest|detain", "Strategic developments", "Arrests"),
    (r"loot|burn|destroy|demolish", "Strategic developments", "Looting/property destruction"),
]


def keyword_baseline(item: dict) -> dict:
    low = item["text"].lower()
    events = []
    for pattern, et, sub in KEYWORDS:
        if re.search(pattern, low):
            d = item.get("published")
            events.append({"acled_event_type": et, "acled_sub_event_type": sub, "negated": False,
                           "hypothetical": False, "place": None, "actor1": None, "actor2": None,
                           "fatalities": None, "date": {"value": d, "start": d, "end": d}})
            break
    return {"id": item["id"], "events": events}


# ---------------------------------------------------------------- scoring (as score.py)

def _canon_type(t, taxonomy):
    if not t:
        return None
    c = {x.lower(): x for x in EVENT_TYPES}.get(t.strip().lower(), t.strip())
    if taxonomy == "legacy" and c in ("Protests", "Riots", "Riots/Protests"):
        return "Riots/Protests"
    return c


def _canon_sub(t):
    if not t:
        return None
    from ..coding.lexicon import ACLED_SUB_TO_TYPE
    subs = {s.lower(): s for s in ACLED_SUB_TO_TYPE}
    subs["excessive force against protestors"] = "Excessive force against protesters"
    return subs.get(t.strip().lower(), t.strip())


def _km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _coords(ev):
    pl = ev.get("place") or {}
    try:
        lat, lon = pl.get("lat"), pl.get("lon")
        return (float(lat), float(lon)) if lat is not None and lon is not None else None
    except (TypeError, ValueError):
        return None


def _days(ev):
    d = ev.get("date") or {}
    out = set()
    v = d.get("value") or ""
    if re.match(r"\d{4}-\d\d-\d\d", v):
        out.add(v[:10])
    st, en = d.get("start"), d.get("end")
    if st and (not en or en == st):
        out.add(st[:10])
    return out


def _actor_types(ev):
    return [ev[k]["type"].strip().lower() for k in ("actor1", "actor2") if ev.get(k) and ev[k].get("type")]


def assign_max(w: list[list[float]]) -> dict[int, int]:
    """Maximum-weight one-to-one assignment of rows to columns (Hungarian method, O(n^3))."""
    n = len(w)
    m = len(w[0]) if n else 0
    if not n or not m:
        return {}
    size = max(n, m)
    big = max(max(r) for r in w)
    cost = [[(big - w[i][j]) if i < n and j < m else big for j in range(size)] for i in range(size)]
    inf = float("inf")
    u, v = [0.0] * (size + 1), [0.0] * (size + 1)
    match, way = [0] * (size + 1), [0] * (size + 1)
    for i in range(1, size + 1):
        match[0], j0 = i, 0
        minv, used = [inf] * (size + 1), [False] * (size + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, size + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(size + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return {match[j] - 1: j - 1 for j in range(1, size + 1)
            if match[j] and match[j] - 1 < n and j - 1 < m}


def _f1(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _pct(a, b):
    return round(100.0 * a / b, 2) if b else None


def score(gold: list[dict], system: dict[str, dict]) -> dict:
    C = defaultdict(int)
    tp_t, fp_t, fn_t = defaultdict(int), defaultdict(int), defaultdict(int)
    tp_s, fp_s, fn_s = defaultdict(int), defaultdict(int), defaultdict(int)
    for g in gold:
        tax = g.get("taxonomy", "current")
        rec = system.get(g["id"])
        if rec is None:
            C["missing_docs"] += 1
            rec = {"events": []}
        evs = rec.get("events") or []
        C["system_events"] += len(evs)
        kept = [e for e in evs if not e.get("negated") and not e.get("hypothetical")]
        C["system_dropped_neg_hyp"] += len(evs) - len(kept)
        evs = kept
        typed = [e for e in evs if e.get("acled_event_type")]
        C["system_typed"] += len(typed)
        gev = g["events"]
        gt = [_canon_type(e["event_type"], tax) for e in gev]
        gs = [_canon_sub(e.get("sub_event_type")) for e in gev]
        stt = [_canon_type(e.get("acled_event_type"), tax) for e in typed]
        sst = [_canon_sub(e.get("acled_sub_event_type")) for e in typed]
        scoords = [_coords(e) for e in typed]
        sdays = [_days(e) for e in typed]

        def dist(gi, c):
            ge = gev[gi]
            if c is None or ge["latitude"] is None:
                return None
            return _km(ge["latitude"], ge["longitude"], c[0], c[1])

        w = []
        for gi in range(len(gev)):
            row = []
            for si in range(len(typed)):
                x = 0
                if stt[si] == gt[gi]:
                    x += 1000 + (100 if gs[gi] and sst[si] == gs[gi] else 0)
                d = dist(gi, scoords[si])
                x += 10 if d is not None and d <= 50 else 0
                x += 1 if gev[gi]["event_date"] in sdays[si] else 0
                row.append(x)
            w.append(row)
        pairs = assign_max(w) if typed else {}
        all_coords = [c for c in (_coords(e) for e in evs) if c]
        for gi, ge in enumerate(gev):
            C["gold_events"] += 1
            si = pairs.get(gi)
            C["type_ok"] += si is not None and stt[si] == gt[gi]
            C["type_ok_lenient"] += gt[gi] in stt
            if gs[gi]:
                C["gold_with_sub"] += 1
                C["sub_ok"] += si is not None and sst[si] == gs[gi]
                C["sub_ok_lenient"] += gs[gi] in sst
            ds_all = [d for d in (dist(gi, c) for c in all_coords) if d is not None]
            C["loc10"] += any(d <= 10 for d in ds_all)
            C["loc50"] += any(d <= 50 for d in ds_all)
            stys = []
            if si is not None:
                dp = dist(gi, scoords[si])
                C["loc50_paired"] += dp is not None and dp <= 50
                C["date_exact"] += ge["event_date"] in sdays[si]
                stys = _actor_types(typed[si])
            avail = list(stys)
            for code in [x for x in (ge.get("inter1"), ge.get("inter2")) if x]:
                C["actor_slots"] += 1
                hit = next((t for t in avail if t in INTER.get(code, set())), None)
                if hit is not None:
                    avail.remove(hit)
                    C["actor_slot_ok"] += 1
            if ge.get("inter1"):
                C["actor1_gold"] += 1
                C["actor1_ok"] += any(t in INTER.get(ge["inter1"], set()) for t in stys)
        paired_sys = {si: gi for gi, si in pairs.items()}
        for gi in range(len(gev)):
            si = pairs.get(gi)
            if si is not None and stt[si] == gt[gi]:
                tp_t[gt[gi]] += 1
            else:
                fn_t[gt[gi]] += 1
            if gs[gi] and tax == "current":
                if si is not None and sst[si] == gs[gi]:
                    tp_s[gs[gi]] += 1
                else:
                    fn_s[gs[gi]] += 1
        for si in range(len(typed)):
            gi = paired_sys.get(si)
            if gi is None or stt[si] != gt[gi]:
                fp_t[stt[si]] += 1
            if sst[si] and (gi is None or sst[si] != gs[gi]) and tax == "current":
                fp_s[sst[si]] += 1
        gset, gsubset = set(gt), {x for x in gs if x}
        for si in range(len(typed)):
            C["prec_type_ok"] += stt[si] in gset
            if tax == "current":
                C["prec_sub_n"] += 1
                C["prec_sub_ok"] += sst[si] in gsubset
        C["inputs"] += 1
        gtot = sum(e.get("fatalities") or 0 for e in gev)
        stot = 0
        for e in evs:
            try:
                stot += int(e.get("fatalities") or 0)
            except (TypeError, ValueError):
                pass
        C["fat_exact"] += stot == gtot
        C["fat_pm1"] += abs(stot - gtot) <= 1
        if gtot > 0:
            C["fat_nonzero_inputs"] += 1
            C["fat_nonzero_exact"] += stot == gtot
    ng = C["gold_events"]
    types = sorted(t for t in set(tp_t) | set(fn_t) if tp_t[t] + fn_t[t] > 0)
    subs = sorted(t for t in set(tp_s) | set(fn_s) if tp_s[t] + fn_s[t] > 0)
    per_type = {t: round(100 * _f1(tp_t[t], fp_t[t], fn_t[t]), 2) for t in types}
    per_sub = {t: round(100 * _f1(tp_s[t], fp_s[t], fn_s[t]), 2) for t in subs}
    TT, FP, FN = sum(tp_t.values()), sum(fp_t.values()), sum(fn_t.values())
    TS, FPS, FNS = sum(tp_s.values()), sum(fp_s.values()), sum(fn_s.values())
    return {
        "inputs": C["inputs"], "gold_events": ng, "system_events": C["system_events"],
        "system_typed": C["system_typed"], "system_dropped_neg_hyp": C["system_dropped_neg_hyp"],
        "type_acc": _pct(C["type_ok"], ng), "type_acc_lenient": _pct(C["type_ok_lenient"], ng),
        "sub_acc": _pct(C["sub_ok"], C["gold_with_sub"]), "sub_acc_lenient": _pct(C["sub_ok_lenient"], C["gold_with_sub"]),
        "type_micro_f1": round(100 * _f1(TT, FP, FN), 2),
        "type_macro_f1": round(sum(per_type.values()) / len(per_type), 2) if per_type else 0.0,
        "sub_micro_f1": round(100 * _f1(TS, FPS, FNS), 2) if TS + FPS + FNS else None,
        "sub_macro_f1": round(sum(per_sub.values()) / len(per_sub), 2) if per_sub else None,
        "loc10": _pct(C["loc10"], ng), "loc50": _pct(C["loc50"], ng), "loc50_paired": _pct(C["loc50_paired"], ng),
        "date_exact": _pct(C["date_exact"], ng),
        "fatalities_exact": _pct(C["fat_exact"], C["inputs"]), "fatalities_pm1": _pct(C["fat_pm1"], C["inputs"]),
        "fatalities_nonzero_exact": _pct(C["fat_nonzero_exact"], C["fat_nonzero_inputs"]),
        "actor_slot_acc": _pct(C["actor_slot_ok"], C["actor_slots"]),
        "actor1_acc": _pct(C["actor1_ok"], C["actor1_gold"]),
        "precision_type": _pct(C["prec_type_ok"], C["system_typed"]),
        "precision_sub": _pct(C["prec_sub_ok"], C["prec_sub_n"]),
    }


def gazetteer_reach(gold: list[dict]) -> dict:
    """The most any choice of place could score: the share of gold events (with a point) within 10 and
    50 km of some gazetteer place whose name is written in the note (a whole word, capitalised). A
    place the gazetteer does not hold (a village or district below cities500) cannot be found at all."""
    from ..gazetteer import load
    from ..gazetteer.names import fold

    gaz = load()
    n = near10 = near50 = 0
    for g in gold:
        text = g["text"]
        folded = fold(text)
        points = set()
        for a, b, kid in gaz.iter_matches(folded):
            whole = not (a > 0 and folded[a - 1].isalnum()) and not (b < len(folded) and folded[b].isalnum())
            if whole and text[a].isupper():
                points.update(gaz.point(c.index) for c in gaz.candidates_of_key(kid))
        points.discard((None, None))
        for ev in g["events"]:
            if ev["latitude"] is None or ev["longitude"] is None:
                continue
            n += 1
            d = min((_km(ev["latitude"], ev["longitude"], lat, lon) for lat, lon in points), default=math.inf)
            near10 += d <= 10
            near50 += d <= 50
    return {"events": n, "reach10": _pct(near10, n), "reach50": _pct(near50, n)}


# ---------------------------------------------------------------- PLOVER

def plover_items(data_dir: Path) -> list[dict]:
    root = Path(data_dir)
    path = next(iter(sorted(glob.glob(str(root / "plover_gsr" / "*.jsonl")) or glob.glob(str(root / "*.jsonl")))), None)
    if path is None:
        return []
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def plover_score(items: list[dict], records: dict[str, dict]) -> dict:
    ok = ok_any = 0
    for it in items:
        gold = PLOVER_05.get(it["event"], it["event"])
        evs = [e for e in (records.get(it["id"], {}).get("events") or [])]
        if not evs:
            continue
        words = set(re.findall(r"\w+", (it.get("eventText") or "").lower()))
        pick = next((e for e in evs if e.get("trigger") and set(re.findall(r"\w+", e["trigger"]["text"].lower())) & words),
                    None) or max(evs, key=lambda e: e.get("confidence") or 0)
        ok += pick["plover"] == gold
        ok_any += any(e["plover"] == gold for e in evs)
    return {"plover_sentences": len(items), "plover_acc": _pct(ok, len(items)),
            "plover_acc_any_event": _pct(ok_any, len(items))}


# ---------------------------------------------------------------- CASE 2021 task 2

def acled_events(record: Optional[dict]) -> list[dict]:
    """The record's events with an ACLED type that are neither negated nor hypothetical (those `score` keeps)."""
    return [e for e in (record or {}).get("events") or []
            if e.get("acled_event_type") and not e.get("negated") and not e.get("hypothetical")]


def main_event(record: Optional[dict]) -> Optional[dict]:
    """The snippet's main event, picked as on PLOVER GSR (the event whose trigger lies in the gold event
    text): a CASE snippet is its own event text, so that is the first ACLED event of the snippet (events
    come in text order)."""
    return next(iter(acled_events(record)), None)


def case_score(items: list[dict], records: dict[str, dict]) -> dict:
    """Sub-event type of each ACLED-labelled snippet's main event (`main_event`): accuracy, accuracy of any
    event, and macro / weighted (by gold support) F1 over the sub-types of CASE_SUBS found in its gold or
    its predictions; for the OTHER and non-ACLED snippets, the share that get no ACLED event."""
    pairs = [(it["sub"], (main_event(records.get(it["id"])) or {}).get("acled_sub_event_type"))
             for it in items if it["sub"]]
    support = defaultdict(int)
    for g, _ in pairs:
        support[g] += 1
    f1 = {}
    for s in set(CASE_SUBS.values()) & {x for pair in pairs for x in pair}:
        tp = sum(g == s and p == s for g, p in pairs)
        f1[s] = _f1(tp, sum(p == s for _, p in pairs) - tp, support[s] - tp)
    any_ok = sum(it["sub"] in {e.get("acled_sub_event_type") for e in acled_events(records.get(it["id"]))}
                 for it in items if it["sub"])
    others = [it for it in items if not it["sub"]]
    return {"case_snippets": len(pairs), "case_sub_acc": _pct(sum(g == p for g, p in pairs), len(pairs)),
            "case_sub_acc_any_event": _pct(any_ok, len(pairs)),
            "case_sub_macro_f1": round(100 * sum(f1.values()) / len(f1), 2) if f1 else None,
            "case_sub_weighted_f1": _pct(sum(f1[s] * n for s, n in support.items()), len(pairs)),
            "case_other_snippets": len(others),
            "case_other_no_event": _pct(sum(not acled_events(records.get(it["id"])) for it in others),
                                        len(others))}


# ---------------------------------------------------------------- entry points

def note_half(note_id: str) -> str:
    """'even' | 'odd' by sha1 of the note id: the trained typer (coding/train_typer.py) learns from the
    even half only, so the odd half measures it on notes it did not see."""
    return "odd" if int(hashlib.sha1(note_id.encode()).hexdigest(), 16) % 2 else "even"


def note_quarter(note_id: str) -> str:
    """'even', 'odd-fit' or 'odd-held': the odd half halved again by sha1 % 4 (1 | 3). Rule errors are
    read on odd-fit; odd-held stays unread (the confidence table is fitted and checked on its halves)."""
    h = int(hashlib.sha1(note_id.encode()).hexdigest(), 16)
    return "even" if h % 2 == 0 else ("odd-fit" if h % 4 == 1 else "odd-held")


PARTS = ("even", "odd", "odd-fit", "odd-held")


def in_part(note_id: str, part: str) -> bool:
    """Whether the note is in `part` (one of PARTS)."""
    return parts_overlap(note_quarter(note_id), part)


def parts_overlap(a: str, b: str) -> bool:
    """Whether parts `a` and `b` (of PARTS) share notes: 'odd' holds both odd quarters."""
    return a == b or "odd" in (a, b) and a.startswith("odd") and b.startswith("odd")


def run(data_dir: Path, limit: Optional[int] = None, taxonomy: str = "current",
        out: Optional[Path] = None, half: Optional[str] = None, typer_model: Optional[Path] = None) -> dict:
    """Figures on ACLED notes (system and keyword baseline), CASE 2021 task 2 and PLOVER GSR.

    `data_dir` is the shared data folder (or its acled_notes folder); `out` writes the system's
    records as JSON Lines, to check the figures against the reference scorer; `half` (one of PARTS)
    keeps one half or odd quarter of the notes and CASE snippets (see `note_half`, `note_quarter`; a
    snippet's id is "case-" + its CASE id); `typer_model` is the re-typer model file to run (default: the
    package's; a held-out figure needs one trained without it: train_typer --halves even | even+odd-fit)."""
    from ..coding.typer import typer, use_model

    use_model(typer_model)
    model = typer()
    data_dir = Path(data_dir)
    root = data_dir if any((data_dir / f).is_dir() for f in ("acled_notes", "acled_notes_legacy")) else data_dir.parent
    gold = acled_inputs(root, taxonomy, limit)
    if half:
        gold = [g for g in gold if in_part(g["id"], half)]
    system = {}
    fh = open(out, "w", encoding="utf-8") if out else None
    try:
        for rec in annotate(gold, total=len(gold), label="ACLED notes"):
            system[rec["id"]] = rec
            if fh:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    finally:
        if fh:
            fh.close()
    folder = {"current": "acled_notes", "legacy": "acled_notes_legacy"}.get(taxonomy, "acled_notes*")
    figures = {"data": str(root / folder), "taxonomy": taxonomy, "limit": limit, "half": half,
               "typer": str(typer_model) if typer_model else "package",
               "typer_halves": list(model.halves) if model is not None else [],
               "system": score(gold, system),
               "keyword_baseline": score(gold, {g["id"]: keyword_baseline(g) for g in gold}),
               "gazetteer_reach": gazetteer_reach(gold)}
    # CASE's labels are current sub-event types: no CASE figure beside the legacy notes alone
    case = [] if taxonomy == "legacy" else [c for c in case_inputs(root) if not half or in_part(c["id"], half)][:limit]
    if case:
        figures["case2021"] = {"system": case_score(case, _records(case, "CASE 2021")),
                               "keyword_baseline": case_score(case, {c["id"]: keyword_baseline(c) for c in case})}
        use_model(typer_model, rules_alone=True)
        try:
            figures["case2021"]["rules_alone"] = case_score(case, _records(case, "CASE 2021, rules alone"))
        finally:
            use_model(typer_model)
    gsr = plover_items(root)
    if gsr:
        if limit:
            gsr = gsr[:limit]
        figures["plover_gsr"] = plover_score(gsr, _records(gsr, "PLOVER GSR"))
    return figures


def _records(items: list[dict], label: str) -> dict[str, dict]:
    """{id: record} of texts without a publication date."""
    return {r["id"]: r for r in annotate(({"id": it["id"], "text": it["text"], "published": None} for it in items),
                                         total=len(items), label=label)}


def report(figures: dict) -> None:
    console = Console()
    table = Table(title=f"events on {figures.get('data')} ({figures.get('taxonomy')})")
    table.add_column("figure")
    table.add_column("sitroom", justify="right")
    table.add_column("keyword baseline", justify="right")
    sys_f, base = figures["system"], figures["keyword_baseline"]
    for k in sys_f:
        table.add_row(k, str(sys_f[k]), str(base.get(k)))
    console.print(table)
    reach = figures.get("gazetteer_reach")
    if reach:
        console.print(f"gazetteer reach (a place named in the note within 10 / 50 km of the gold point): "
                      f"{reach['reach10']} / {reach['reach50']} % of {reach['events']} events")
    halves = figures.get("typer_halves") or []
    console.print(f"typer: {figures.get('typer')} (trained on: {' + '.join(halves) or 'none'})")
    if figures.get("half") and any(parts_overlap(figures["half"], h) for h in halves):
        console.print(f"[yellow]the typer trained on notes of the {figures['half']} part: its figures are optimistic "
                      "(--typer a model trained without it for a held-out figure)[/yellow]")
    if "case2021" in figures:
        case = figures["case2021"]
        table = Table(title="CASE 2021 task 2 snippets: sub-event type of the main event")
        for col in ("figure", "sitroom", "rules alone", "keyword baseline"):
            table.add_column(col, justify="left" if col == "figure" else "right")
        for k in case["system"]:
            table.add_row(k, *(str(case[s][k]) for s in ("system", "rules_alone", "keyword_baseline")))
        console.print(table)
        console.print("CASE anchor: weighted F1 83 (Kent & Krumbiegel, fine-tuned RoBERTa, shared-task test set). "
                      "The typer may have trained on CASE snippets (train_typer picks its sources by "
                      "cross-validation): 'rules alone' is the clean figure.")
    if "plover_gsr" in figures:
        p = figures["plover_gsr"]
        console.print(f"PLOVER GSR: category accuracy {p['plover_acc']} % "
                      f"(any event {p['plover_acc_any_event']} %, n={p['plover_sentences']})")
