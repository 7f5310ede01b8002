"""One event, many reports: near-duplicate stories and incremental, explainable event merging.

- stories.py: MinHash/LSH near-duplicate detection; wire copies and updated versions form one story.
- rules.py: when two mentions describe the same event (type family, actors, place, date).
- cluster.py: `Merger`, the incremental, order-independent partition of mentions into events.
- aggregate.py: a merged event's row: sources, independent-source count, count ranges, contested flags.
- explain.py: why an event's reports were merged.
"""
from .cluster import Merger
from .explain import explain
from .rules import Mention, compare, compatible

__all__ = ["Merger", "Mention", "compare", "compatible", "explain"]
