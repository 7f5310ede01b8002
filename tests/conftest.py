"""Shared fixtures. Data under ../shared is optional: tests that need it skip without it."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "corpus"


def shared_dir() -> Path | None:
    path = Path(os.environ.get("SITROOM_SHARED", ROOT.parent / "shared"))
    return path if (path / "data").is_dir() else None


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if path is None:
        pytest.skip("../shared (reference data) is not present")
    return path


@pytest.fixture(scope="session")
def constant_typer():
    """Makes a typer that gives one sub-event type to every incident, sure of it, as trained on `halves`."""
    import numpy as np

    from sitroom.coding.lexicon import ACLED_SUB_TO_TYPE
    from sitroom.coding.typer import DIM, Typer

    def make(sub: str, halves: tuple[str, ...]) -> Typer:
        labels = sorted(ACLED_SUB_TO_TYPE)
        bias = np.full(len(labels), -20.0, dtype=np.float32)
        bias[labels.index(sub)] = 20.0
        model = Typer(np.zeros((DIM, len(labels)), dtype=np.float32), bias, labels)
        model.halves = halves
        return model

    return make


@pytest.fixture(scope="session")
def pipeline():
    from sitroom import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def demo_records(pipeline):
    """The whole demo corpus, annotated once for every test that reads it."""
    from sitroom import inputs
    from sitroom.model import Record

    items = list(pipeline.run(inputs.read([str(DEMO)])))
    return [r for r in items if isinstance(r, Record)]
