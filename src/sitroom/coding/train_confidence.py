"""Build the confidence table (src/sitroom/data/events_confidence.yaml) from ACLED dev notes.

    python -m sitroom.coding.train_confidence ../shared/data [--typer EVEN_MODEL] [--limit N]

An emitted typed event is right when its ACLED sub-event type (event type where the gold has no sub
type) is one of the gold events' of its note. Notes are split by their id hash: the events run with a
typer that did not train on the odd half (the package's, while it is an even-half model; else
`train_typer --halves even --out EVEN_MODEL`: a model's probabilities on notes it saw read too
sure), the even half is not used here, nor the odd-fit quarter (sha1 % 4 == 1), on which rule
errors have been read since 2026-11-26: the rules fit it better than unseen notes, so a table fitted
there reads too sure. The odd-held quarter (sha1 % 4 == 3) is halved again: sha1 % 8 == 3 fits the
table (per rule, per rule + typer-probability bin and per full bucket, smoothed towards the level
above, buckets with < 8 events fall back) and sha1 % 8 == 7 is held out and its reliability table
is printed.
A shipped typer trained on both halves would be a little surer and more often right than the one
calibrated here: the table would err on the cautious side.
Untyped (PLOVER-only) events are not in ACLED notes; their rules keep the overall rate.
"""
from __future__ import annotations

import argparse
import hashlib
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Optional

import yaml

from ..bench.events import acled_inputs, annotate, note_quarter
from .confidence import features

MIN_BUCKET = 8


def split_of(note_id: str) -> str:
    """'typer' (even ids: the calibrating typer's training half), 'rules' (odd-fit: the rules' errors were
    read there), 'fit' or 'held' (odd-held ids, halved again)."""
    part = note_quarter(note_id)
    if part != "odd-held":
        return {"even": "typer", "odd-fit": "rules"}[part]
    return "fit" if int(hashlib.sha1(note_id.encode()).hexdigest(), 16) % 8 == 3 else "held"


def calibrating_typer(path: Optional[Path]) -> None:
    """Run the events with the typer at `path` (None: the package's); it must not have trained on the
    odd half, which the table is fitted and checked on."""
    from .typer import typer, use_model

    use_model(path)
    model = typer()
    if model is not None and any(h.startswith("odd") for h in model.halves):
        raise SystemExit(f"{path or 'the package typer'} trained on the odd half: calibrate with one trained "
                         "on the even half (python -m sitroom.coding.train_typer DATA --halves even --out PATH, "
                         "then --typer PATH)")


def collect(data: Path, limit=None):
    """(rule, detail, right, held_out) per typed, non-negated, non-hypothetical emitted event of the
    notes the typer did not train on."""
    from ..pipeline import default_stages
    from ..stages.events import Events

    gold = [g for g in acled_inputs(data, "current", limit) if split_of(g["id"]) in ("fit", "held")]
    by_id = {g["id"]: g for g in gold}
    seen: dict[str, tuple[str, str]] = {}
    stages = [s for s in default_stages() if s.name != "events"]
    stages.append(Events(trace=lambda ev, info: seen.__setitem__(ev.id, (info["rule"], info["detail"]))))
    rows = []
    for rec in annotate(gold, total=len(gold), label="calibration", stages=stages):
        g = by_id[rec["id"]]
        held = split_of(rec["id"]) == "held"
        subs = {e["sub_event_type"] for e in g["events"]}
        types = {e["event_type"] for e in g["events"]}
        for ev in rec["events"]:
            if not ev["acled_event_type"] or ev["negated"] or ev["hypothetical"]:
                continue
            right = ev["acled_sub_event_type"] in subs if ev["acled_sub_event_type"] else ev["acled_event_type"] in types
            rule, detail = seen[ev["id"]]
            rows.append((rule, detail, right, held))
    return rows


def fit(rows) -> dict:
    tot = [0, 0]
    rules = defaultdict(lambda: [0, 0])
    buckets = defaultdict(lambda: [0, 0])
    for rule, detail, right, held in rows:
        if held:
            continue
        tot[0] += right
        tot[1] += 1
        rules[rule][0] += right
        rules[rule][1] += 1
        for key in (f"{rule}|{detail}", f"{rule}|{detail.split('|')[0]}"):
            buckets[key][0] += right
            buckets[key][1] += 1
    overall = (tot[0] + 1) / (tot[1] + 2)
    rule_p = {r: round((k + overall * 4) / (n + 4), 3) for r, (k, n) in rules.items()}
    bucket_p = {}
    for b, (k, n) in buckets.items():
        if n >= MIN_BUCKET:
            prior = rule_p[b.split("|")[0]]
            bucket_p[b] = round((k + prior * 4) / (n + 4), 3)
    return {"overall": round(overall, 3), "rules": dict(sorted(rule_p.items())),
            "buckets": dict(sorted(bucket_p.items()))}


def reliability(rows, table: dict) -> list[tuple[str, int, float, float]]:
    from .confidence import confidence, table as cached

    cached.cache_clear()
    bins = defaultdict(lambda: [0, 0, 0.0])
    for rule, detail, right, held in rows:
        if not held:
            continue
        b = table["buckets"].get(f"{rule}|{detail}", table["buckets"].get(
            f"{rule}|{detail.split('|')[0]}", table["rules"].get(rule, table["overall"])))
        lo = min(int(b * 10), 9)
        bins[lo][0] += 1
        bins[lo][1] += right
        bins[lo][2] += b
    return [(f"{lo / 10:.1f}-{(lo + 1) / 10:.1f}", n, round(s / n, 3), round(k / n, 3))
            for lo, (n, k, s) in sorted(bins.items())]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="the shared data folder holding acled_notes/")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--out", type=Path, default=None, help="default: the package's events_confidence.yaml")
    ap.add_argument("--typer", type=Path, default=None,
                    help="typer model trained without the odd half (default: the package's, if it was)")
    a = ap.parse_args(argv)
    calibrating_typer(a.typer)
    rows = collect(a.data, a.limit)
    table = fit(rows)
    out = a.out or Path(str(resources.files("sitroom.data").joinpath("events_confidence.yaml")))
    header = ("# Written by `python -m sitroom.coding.train_confidence` from ACLED dev notes (acled_notes,\n"
              "# sha1(note id) % 4 == 1): P(emitted ACLED sub-event type is in the note's gold).\n")
    out.write_text(header + yaml.safe_dump(table, sort_keys=False), encoding="utf-8")
    print(f"fit on {sum(1 for r in rows if not r[3])} events, held-out {sum(1 for r in rows if r[3])}; wrote {out}")
    print("held-out reliability: bin, n, mean confidence, observed precision")
    for row in reliability(rows, table):
        print("  ", *row)


if __name__ == "__main__":
    main()
