"""Benchmarks: one module per task, each with `run(data, ...) -> figures` and `report(figures)`.

Accuracy benchmarks read the reference data under ../shared/data and compute the figures the
reference scorers in ../shared/eval define; `speed` needs only the demo corpus.
"""
