"""sitroom: news about armed conflict and politics -> a sourced event record.

    import sitroom
    record = sitroom.annotate(text, published="2016-12-07")
    for record in sitroom.Pipeline()(records): ...
"""
from .model import Event, Failure, Place, Quote, Record, TimeX
from .pipeline import Pipeline, annotate

__all__ = ["annotate", "Pipeline", "Record", "Event", "Place", "Quote", "TimeX", "Failure"]
__version__ = "0.1.0"
