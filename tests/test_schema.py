"""The SCHEMA.md contract, checked on every record of the demo corpus and the fixtures."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sitroom import inputs
from sitroom.model import Record

FIXTURES = Path(__file__).parent / "fixtures"
TOP = {"id": str, "title": (str, type(None)), "published": (str, type(None)), "source": (str, type(None)),
       "url": (str, type(None)), "language": (str, type(None)), "text": str, "entities": list,
       "times": list, "places": list, "quotes": list, "events": list}
PLACE_KEYS = {"start", "end", "text", "geonameid", "name", "lat", "lon", "country", "admin1", "feature"}
EVENT_KEYS = {"id", "plover", "mode", "acled_event_type", "acled_sub_event_type", "actor1", "actor2",
              "place", "date", "fatalities", "injured", "displaced", "size", "negated", "hypothetical",
              "evidence", "attribution", "confidence"}
FEATURES = {"country", "admin1", "admin2", "city", "region", "other"}
TIMEX_TYPES = {"DATE", "TIME", "DURATION", "SET"}
ACTOR_TYPES = {"state_forces", "rebels", "political_militia", "identity_militia", "rioters", "protesters",
               "civilians", "external_forces", "igo", "government", "other"}


@pytest.fixture(scope="module")
def records(pipeline, demo_records):
    extra = [r for r in pipeline.run(inputs.read([str(FIXTURES)])) if isinstance(r, Record)]
    return [json.loads(json.dumps(r.to_dict())) for r in demo_records + extra]


def spans(record: dict):
    """Every (span dict, what it is) in a record that carries text."""
    for key in ("entities", "times", "places", "quotes"):
        for item in record[key]:
            yield item, key
            if key == "quotes":
                for part in ("cue", "speaker"):
                    if item[part]:
                        yield item[part], f"quote {part}"
    for event in record["events"]:
        if event["place"]:
            yield event["place"], "event place"


def test_demo_corpus_is_all_analysed(demo_records):
    assert len(demo_records) >= 20


def test_every_span_points_at_its_text(records):
    checked = 0
    for record in records:
        text = record["text"]
        for item, what in spans(record):
            assert 0 <= item["start"] < item["end"] <= len(text), (record["id"], what, item)
            assert text[item["start"]:item["end"]] == item["text"], (record["id"], what, item)
            checked += 1
        for event in record["events"]:
            for ev in event["evidence"]:
                assert 0 <= ev["start"] < ev["end"] <= len(text)
    assert checked > 100


def test_top_level_fields_and_types(records):
    for record in records:
        for key, kind in TOP.items():
            assert key in record and isinstance(record[key], kind), (record["id"], key)
        if record["published"]:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["published"])


def test_times_places_quotes_and_events_follow_the_schema(records):
    seen = {"times": 0, "places": 0, "quotes": 0, "events": 0}
    for record in records:
        for t in record["times"]:
            assert t["type"] in TIMEX_TYPES and t["value"] and "mod" in t
        for p in record["places"]:
            assert PLACE_KEYS <= set(p) and p["feature"] in FEATURES
            assert (p["lat"] is None) == (p["lon"] is None)
        for q in record["quotes"]:
            assert q["kind"] in {"direct", "indirect", "mixed"}
        for e in record["events"]:
            assert EVENT_KEYS <= set(e)
            assert 0.0 <= e["confidence"] <= 1.0
            assert isinstance(e["negated"], bool) and isinstance(e["hypothetical"], bool)
            for actor in (e["actor1"], e["actor2"]):
                if actor:
                    assert {"text", "name", "type", "country"} <= set(actor) and actor["type"] in ACTOR_TYPES
            if e["date"]:
                assert {"value", "start", "end", "precision"} <= set(e["date"])
            if e["attribution"] is not None:
                assert 0 <= e["attribution"] < len(record["quotes"])
        for key in seen:
            seen[key] += len(record[key])
    assert all(seen.values()), seen


def test_event_ids_are_stable_and_unique(pipeline, records):
    again = [r for r in pipeline.run(inputs.read([str(FIXTURES)])) if isinstance(r, Record)]
    first = {r["id"]: [e["id"] for e in r["events"]] for r in records}
    for record in again:
        assert [e.id for e in record.events] == first[record.id]
    ids = [e["id"] for r in records for e in r["events"]]
    assert len(ids) == len(set(ids))


def test_the_stored_json_is_the_schema_record(demo_records):
    """The store serialises records and events straight from the dataclasses (orjson); what it
    writes must read back as exactly `to_dict()`, the record `annotate` emits."""
    from sitroom.model import from_json, to_json

    for record in demo_records:
        plain = record.to_dict()
        assert from_json(record.to_json()) == plain
        assert [from_json(to_json(e)) for e in record.events] == plain["events"]
