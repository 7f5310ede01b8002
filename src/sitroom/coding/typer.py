"""A small trained re-typer: ACLED sub-event type of a conflict incident from its words and the rules' reading.

Multinomial logistic regression over hashed features (lemma unigrams and bigrams of the incident's
sentences, the trigger kinds, the rules' own sub-event type, the actor types around the triggers).
The weights (src/sitroom/data/events_typer.npz, float16, hashed — no vocabulary is stored) are
written by `python -m sitroom.coding.train_typer`. Without the file the rules decide alone.
The rules' reading is itself a feature, so the model learns where to trust them.
"""
from __future__ import annotations

import zlib
from functools import lru_cache
from importlib import resources
from typing import Optional

import numpy as np

from ..docmemo import memo

MODEL = "events_typer.npz"
DIM = 1 << 15
SKIP_POS = {"PUNCT", "SPACE", "DET", "CCONJ", "NUM", "SYM", "X"}


def _lemma(tok) -> Optional[str]:
    if tok.pos_ in SKIP_POS or tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "GPE", "PERSON", "LOC", "FAC"):
        return None
    low = tok.lemma_.lower()
    return low if any(ch.isalpha() for ch in low) else None


def _lemmas(sent) -> list[Optional[str]]:
    """`_lemma` of every token of the sentence, once per sentence of the Doc."""
    done = memo(sent.doc).extra.setdefault("typer", {})
    key = (sent.start, sent.end)
    if key not in done:
        done[key] = [_lemma(t) for t in sent]
    return done[key]


def features(inc, coding) -> list[str]:
    """The feature strings of an incident (`incidents.Incident`) and its rule coding (`incidents.Coding`)."""
    out = [f"rule={coding.rule}", f"sub={coding.acled_sub}", f"kind={coding.primary.trigger.kind.name}"]
    out += [f"kinds={k}" for k in sorted(inc.kinds())]
    out.append(f"a1={coding.agent.type if coding.agent else None}")
    out.append(f"a2={coding.patient.type if coding.patient else None}")
    seen_sents = set()
    for it in inc.items:
        out.append(f"trig={it.trigger.token.lemma_.lower()}")
        if it.count_kind and it.count is not None and (it.count.best or 0) > 0:
            out.append(f"count={it.count_kind}")
        if it.sent_no in seen_sents:
            continue
        seen_sents.add(it.sent_no)
        prev = "<s>"
        for lem in _lemmas(it.sent):
            if lem is None:
                continue
            out.append(lem)
            out.append(f"{prev}_{lem}")
            prev = lem
    for ms in inc.mentions.values():
        out += [f"m={m.type}" for m in ms]
    return out


def hashed(feats: list[str]) -> np.ndarray:
    return np.fromiter((zlib.crc32(f.encode("utf-8")) % DIM for f in feats), dtype=np.int64, count=len(feats))


class Typer:
    def __init__(self, weights: np.ndarray, bias: np.ndarray, labels: list[str]):
        self.w = weights.astype(np.float32)
        self.b = bias.astype(np.float32)
        self.labels = labels

    def probs(self, feats: list[str]) -> np.ndarray:
        idx = hashed(feats)
        z = self.w[idx].sum(axis=0) + self.b
        z = np.exp(z - z.max())
        return z / z.sum()

    def predict(self, feats: list[str]) -> tuple[str, float]:
        p = self.probs(feats)
        k = int(p.argmax())
        return self.labels[k], float(p[k])

    def save(self, path) -> None:
        np.savez_compressed(path, w=self.w.astype(np.float16), b=self.b.astype(np.float32),
                            labels=np.array(self.labels))


@lru_cache(maxsize=1)
def typer() -> Optional[Typer]:
    try:
        with resources.files("sitroom.data").joinpath(MODEL).open("rb") as fh:
            z = np.load(fh)
            return Typer(z["w"], z["b"], [str(x) for x in z["labels"]])
    except FileNotFoundError:
        return None
