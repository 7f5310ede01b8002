"""The offline gazetteer: built once from installed packages, cached on disk, loaded fast.

    from sitroom import gazetteer
    gazetteer.build()          # at install time (`sitroom gazetteer build`); returns the path
    g = gazetteer.load()       # once per process; builds the index first if it is missing
    g.lookup("Aleppo")         # -> [Candidate(index, flags), ...], best-known first
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Optional

from .index import FORMAT, Candidate, Gazetteer, compile_index, open_index, save

__all__ = ["build", "load", "default_path", "Gazetteer", "Candidate"]


def default_path() -> Path:
    base = os.environ.get("SITROOM_CACHE") or os.path.join(Path.home(), ".cache", "sitroom")
    return Path(base) / f"gazetteer-v{FORMAT}.pkl"


def build(path: Optional[Path] = None) -> Path:
    """Build the index from the installed packages and write it to `path` (default cache)."""
    from . import sources

    path = Path(path) if path else default_path()
    entries = sources.continents() + sources.countries() + sources.subdivisions()
    entries += sources.cities()
    sources.place_admin_points(entries)
    sources.admin2_seats(entries)
    sources.curated(entries)
    sources.state_abbreviations(entries)
    sources.reference_points(entries)
    entries += sources.regions(entries)
    capitals = sources.capitals(entries)
    for e in entries:
        if e.geonameid in capitals:
            e.capital = True
    save(compile_index(entries, sources.arabic_countries()), path)
    return path


@lru_cache(maxsize=4)
def load(path: Optional[Path] = None) -> Gazetteer:
    """The index at `path` (default cache), built first when it is missing or outdated."""
    path = Path(path) if path else default_path()
    if not path.exists():
        build(path)
    try:
        return open_index(path)
    except (ValueError, EOFError, OSError):  # outdated or truncated: rebuild once
        build(path)
        return open_index(path)
