"""Train the incident re-typer (src/sitroom/data/events_typer.npz) on ACLED dev notes.

    python -m sitroom.coding.train_typer ../shared/data [--limit N] [--out PATH]

Data: ../shared/data/acled_notes (current taxonomy), rows grouped by note as the events bench does.
Split by note id: the TRAIN half is sha1(id) even, the HELD half odd (the same split as
train_confidence.py and `bench.events.run(split=...)`). Only notes with one gold event are used; the
note's first conflict incident (as the rules build it) is labelled with the gold sub-event type.
Prints the rules' and the model's sub-event accuracy on both halves.
"""
from __future__ import annotations

import argparse
from collections import Counter
from importlib import resources
from pathlib import Path

import numpy as np

from .typer import DIM, Typer, features, hashed


def held_out(note_id: str) -> bool:
    from ..bench.events import note_half

    return note_half(note_id) == "odd"


def examples(data: Path, limit=None):
    """(hashed features, gold sub, rules' sub, held) for the first conflict incident of each one-event note."""
    from rich.progress import track

    from ..bench.events import acled_inputs
    from ..model import Record
    from ..stages.linguistic import Linguistic
    from .incidents import build, code

    notes = [g for g in acled_inputs(data, "current", limit) if len(g["events"]) == 1
             and g["events"][0]["sub_event_type"]]
    recs = (Record(id=g["id"], text=g["text"], published=g["published"]) for g in notes)
    out = []
    for g, rec in track(zip(notes, Linguistic().pipe(recs)), total=len(notes), description="features",
                        transient=True):
        for inc in build(rec.doc):
            if inc.political or inc.negated or inc.hypothetical:
                continue
            c = code(inc)
            out.append((hashed(features(inc, c)), g["events"][0]["sub_event_type"], c.acled_sub,
                        held_out(g["id"])))
            break
    return out


def fit(rows, labels: list[str], epochs: int = 150, l2: float = 1e-3, lr: float = 0.05, seed: int = 0) -> Typer:
    """Full-batch Adam on the softmax cross-entropy with an L2 penalty; features are binary (hashed)."""
    k = len(labels)
    lab = {l: i for i, l in enumerate(labels)}
    idx = [r[0] for r in rows]
    y = np.array([lab[r[1]] for r in rows])
    n = len(rows)
    flat = np.concatenate(idx)
    row_of = np.repeat(np.arange(n), [len(i) for i in idx])
    rng = np.random.default_rng(seed)
    w = (rng.standard_normal((DIM, k)) * 0.001).astype(np.float32)
    b = np.zeros(k, dtype=np.float32)
    mw, vw = np.zeros_like(w), np.zeros_like(w)
    mb, vb = np.zeros_like(b), np.zeros_like(b)
    onehot = np.eye(k, dtype=np.float32)[y]
    for t in range(1, epochs + 1):
        z = np.zeros((n, k), dtype=np.float32)
        np.add.at(z, row_of, w[flat])
        z += b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        d = (p - onehot) / n
        gw = np.zeros_like(w)
        np.add.at(gw, flat, d[row_of])
        gw += l2 * w
        gb = d.sum(axis=0)
        for g, m, v, prm in ((gw, mw, vw, w), (gb, mb, vb, b)):
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g * g
            prm -= lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    return Typer(w, b, labels)


def accuracy(model: Typer, rows, min_prob: float = 0.0) -> tuple[float, float]:
    """(model's, rules') sub-event accuracy; the model decides where its probability >= min_prob."""
    ok_m = ok_r = 0
    for idx, gold, rule, _ in rows:
        z = model.w[idx].sum(axis=0) + model.b
        k = int(z.argmax())
        p = np.exp(z - z.max())
        p /= p.sum()
        pred = model.labels[k] if p[k] >= min_prob else rule
        ok_m += pred == gold
        ok_r += rule == gold
    return round(100 * ok_m / len(rows), 2), round(100 * ok_r / len(rows), 2)


def main(argv=None):
    from .lexicon import ACLED_SUB_TO_TYPE

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="the shared data folder holding acled_notes/")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--epochs", type=int, default=150)
    ap.add_argument("--l2", type=float, default=1e-3)
    ap.add_argument("--out", type=Path, default=None, help="default: the package's events_typer.npz")
    a = ap.parse_args(argv)
    rows = examples(a.data, a.limit)
    train = [r for r in rows if not r[3]]
    held = [r for r in rows if r[3]]
    labels = sorted(ACLED_SUB_TO_TYPE)
    model = fit(train, labels, a.epochs, a.l2)
    out = a.out or Path(str(resources.files("sitroom.data").joinpath("events_typer.npz")))
    model.save(out)
    print(f"train {len(train)} incidents, held-out {len(held)}; labels seen {Counter(r[1] for r in train).most_common(5)}")
    from ..stages.events import TYPER_MIN_PROB

    for name, part in (("train (even ids)", train), ("held-out (odd ids)", held)):
        m, r = accuracy(model, part, TYPER_MIN_PROB)
        print(f"{name}: sub-event accuracy model {m} %, rules {r} % (first incident of one-event notes)")
    print(f"wrote {out} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
