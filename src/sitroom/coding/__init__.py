"""Event coding: the support code of the events stage.

    lexicon     the curated data (event triggers and kinds, the actor dictionary), loaded once
    triggers    which tokens start an event, and of what kind
    actors      actor mentions, their normalised name, type and country, and clause roles
    counts      numbers in words and digits; fatalities, injured, displaced and crowd size
    flags       negated and hypothetical events
    attach      the place and date governing an event
    sites       one event per place and day an incident is told of, its counts shared among them
    incidents   triggers grouped into incidents, typed for ACLED and PLOVER
    confidence  calibrated confidence (table built by train_confidence.py)
"""
