"""Calibrated confidence: the share of such events that were right on dev data.

The table (src/sitroom/data/events_confidence.yaml) is written by `train_confidence.py`; a bucket is
(rule, evidence features); unseen buckets fall back to the rule, then to the overall rate.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Optional

import yaml

TABLE = "events_confidence.yaml"


def features(rule: str, has_actor1: bool, place_how: str, n_triggers: int, political: bool,
             typer_prob: Optional[float] = None) -> tuple[str, str]:
    """(rule, detail): the bucket of an event. `typer_prob` is the trained typer's probability for the
    chosen type (None when the typer did not look at the event), binned in fifths."""
    p = "p-" if typer_prob is None else f"p{min(int(typer_prob * 5), 4)}"
    detail = f"{p}|{'a1' if has_actor1 else 'no_a1'}|{place_how}|{'multi' if n_triggers > 1 else 'single'}"
    return ("political:" + rule if political else rule), detail


@lru_cache(maxsize=1)
def table() -> dict:
    try:
        with resources.files("sitroom.data").joinpath(TABLE).open(encoding="utf-8") as fh:
            return yaml.safe_load(fh) or {}
    except FileNotFoundError:
        return {}


def confidence(rule: str, detail: str) -> float:
    t = table()
    buckets = t.get("buckets", {})
    for key in (f"{rule}|{detail}", f"{rule}|{detail.split('|')[0]}"):
        if key in buckets:
            return float(buckets[key])
    rules = t.get("rules", {})
    if rule in rules:
        return float(rules[rule])
    return float(t.get("overall", 0.5))
