"""A small trained re-typer: ACLED sub-event type of a conflict incident from its words and the rules' reading.

Multinomial logistic regression over hashed features (lemma unigrams and bigrams of the incident's
sentences, the trigger kinds, the rules' own sub-event type, the actor types around the triggers).
The weights (src/sitroom/data/events_typer.npz, float16, hashed — no vocabulary is stored) are
written by `python -m sitroom.coding.train_typer`. Without the file the rules decide alone.
The rules' reading is itself a feature, so the model learns where to trust them.

A second head (same file, optional) gives, per ACLED interaction code (1 state forces ... 8 external/other),
the probability that an actor of that kind takes part in the incident (independent sigmoids), from the
same features plus the final sub-event type and the country of the event's place. The events stage
uses it only to fill an actor slot that the report leaves unnamed (`actor_codes`).
"""
from __future__ import annotations

import zlib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Optional

import numpy as np

from ..docmemo import memo

MODEL = "events_typer.npz"
DIM = 1 << 15
CONTEXT_SENTS = 3
SKIP_POS = {"PUNCT", "SPACE", "DET", "CCONJ", "NUM", "SYM", "X"}


SKIP_ENTS = {"DATE", "TIME", "CARDINAL", "GPE", "PERSON", "LOC", "FAC"}


def _lemma(pos: str, ent_type: str, low: str) -> Optional[str]:
    """The token's lowered lemma as a feature, from its `pos_`, `ent_type_` and `lemma_.lower()`."""
    if pos in SKIP_POS or ent_type in SKIP_ENTS:
        return None
    return low if any(ch.isalpha() for ch in low) else None


def _lemmas(sent) -> list[Optional[str]]:
    """`_lemma` of every token of the sentence, once per sentence of the Doc."""
    m = memo(sent.doc)
    done = m.extra.setdefault("typer", {})
    key = (sent.start, sent.end)
    if key not in done:
        a, b = sent.start, sent.end
        done[key] = [_lemma(*t) for t in zip(m.poses[a:b], m.ent_types[a:b], m.lemmas[a:b])]
    return done[key]


def features(inc, coding) -> list[str]:
    """The feature strings of an incident (`incidents.Incident`) and its rule coding (`incidents.Coding`)."""
    out = [f"rule={coding.rule}", f"sub={coding.acled_sub}", f"kind={coding.primary.trigger.kind.name}"]
    out.append(f"a1={coding.agent.type if coding.agent else None}")
    out.append(f"a2={coding.patient.type if coding.patient else None}")
    if inc.typer_words is None:  # the incident's own part, computed once (the actor head reads it again)
        inc.typer_words = _incident_features(inc)
    return out + inc.typer_words


def _incident_features(inc) -> list[str]:
    out = [f"kinds={k}" for k in sorted(inc.kinds())]
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
    # the rest of the report (how the police responded, who claimed it): the words of up to three
    # sentences after the incident's
    m = memo(inc.items[0].sent.doc)
    last = max(it.sent.end for it in inc.items)  # a sentence's end: the next one starts there
    if last < len(m.doc):
        first = m.sent_no[last]
        for sent in m.sents[first:first + CONTEXT_SENTS]:
            out += [f"nx:{lem}" for lem in _lemmas(sent) if lem is not None]
    return out


ACTOR_CODES = [1, 2, 3, 4, 5, 6, 7, 8]


def actor_features(inc, coding, country: Optional[str]) -> list[str]:
    """Features of the actor head: the typer's, the final sub-event type and the event's country."""
    sub = coding.acled_sub
    return features(inc, coding) + [f"final={sub}", f"cc={country}", f"cc|sub={country}|{sub}",
                                    f"cc|type={country}|{coding.acled_type}"]


def hashed(feats: list[str]) -> np.ndarray:
    return np.fromiter((zlib.crc32(f.encode("utf-8")) % DIM for f in feats), dtype=np.int64, count=len(feats))


class Typer:
    def __init__(self, weights: np.ndarray, bias: np.ndarray, labels: list[str],
                 actor_w: Optional[np.ndarray] = None, actor_b: Optional[np.ndarray] = None):
        self.w = weights.astype(np.float32)
        self.b = bias.astype(np.float32)
        self.labels = labels
        self.aw = None if actor_w is None else actor_w.astype(np.float32)
        self.ab = None if actor_b is None else actor_b.astype(np.float32)
        self.halves: tuple[str, ...] = ()  # the halves of acled_notes it trained on (bench.events.note_half)

    def actor_probs(self, feats: list[str]) -> Optional[dict[int, float]]:
        """{interaction code: probability that an actor of that kind takes part}; None without the head."""
        if self.aw is None:
            return None
        z = self.aw[hashed(feats)].sum(axis=0) + self.ab
        p = 1.0 / (1.0 + np.exp(-z))
        return {c: float(x) for c, x in zip(ACTOR_CODES, p)}

    def probs(self, feats: list[str]) -> np.ndarray:
        return self._probs(hashed(feats))

    def _probs(self, idx: np.ndarray) -> np.ndarray:
        z = self.w[idx].sum(axis=0) + self.b
        z = np.exp(z - z.max())
        return z / z.sum()

    def predict_ids(self, idx: np.ndarray) -> tuple[str, float]:
        """`predict` from hashed feature ids (the trainer hashes each row once)."""
        p = self._probs(idx)
        k = int(p.argmax())
        return self.labels[k], float(p[k])

    def predict(self, feats: list[str]) -> tuple[str, float]:
        return self.predict_ids(hashed(feats))

    def save(self, path) -> None:
        extra = {} if self.aw is None else {"aw": self.aw.astype(np.float16), "ab": self.ab.astype(np.float32)}
        if self.halves:
            extra["halves"] = np.array(self.halves)
        np.savez_compressed(path, w=self.w.astype(np.float16), b=self.b.astype(np.float32),
                            labels=np.array(self.labels), **extra)


_model_path: Optional[Path] = None  # None: the package's model
_rules_alone = False


def use_model(path: Optional[Path], rules_alone: bool = False) -> None:
    """Load the typer from `path` from now on (None: the package's events_typer.npz), or none with
    `rules_alone`; the benches measure a model trained without the held-out notes, or the rules, this way."""
    global _model_path, _rules_alone
    _model_path = None if path is None else Path(path)
    _rules_alone = rules_alone
    typer.cache_clear()


def load(fh) -> Typer:
    z = np.load(fh)
    model = Typer(z["w"], z["b"], [str(x) for x in z["labels"]],
                  z["aw"] if "aw" in z.files else None, z["ab"] if "ab" in z.files else None)
    # files written before the halves were stored all trained on the even half
    model.halves = tuple(str(h) for h in z["halves"]) if "halves" in z.files else ("even",)
    return model


@lru_cache(maxsize=1)
def typer() -> Optional[Typer]:
    if _rules_alone:
        return None
    if _model_path is not None:
        with open(_model_path, "rb") as fh:  # a model asked for by name must exist
            return load(fh)
    try:
        with resources.files("sitroom.data").joinpath(MODEL).open("rb") as fh:
            return load(fh)
    except FileNotFoundError:
        return None
