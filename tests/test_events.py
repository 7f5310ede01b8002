import json
import os
from pathlib import Path

import pytest

from sitroom.model import Record
from sitroom.stages.events import Events, event_id
from sitroom.stages.linguistic import Linguistic

SHARED = Path(os.environ.get("SITROOM_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def _record(text, id="e1", published="2016-12-07"):
    r = Record(id=id, text=text, published=published)
    Linguistic()(r)
    Events()(r)
    return r


def _one(r, **want):
    for e in r.events:
        if all(getattr(e, k) == v for k, v in want.items()):
            return e
    raise AssertionError(f"no event with {want} in {[(e.plover, e.acled_sub_event_type) for e in r.events]}")


def test_airstrike():
    r = _record("Russian jets carried out airstrikes on a hospital in the east of the city on Monday.")
    e = _one(r, acled_sub_event_type="Air/drone strike")
    assert (e.acled_event_type, e.plover, e.mode) == ("Explosions/Remote violence", "ASSAULT", "aerial")
    assert e.actor1.name == "Military Forces of Russia"


def test_clashes_are_battles():
    r = _record("Clashes between the army and rebels left four fighters dead.")
    e = _one(r, acled_event_type="Battles")
    assert e.acled_sub_event_type == "Armed clash"
    assert {e.actor1.type, e.actor2.type} == {"state_forces", "rebels"}


def test_shelling():
    r = _record("Rebel forces shelled government positions with mortars overnight.")
    _one(r, acled_sub_event_type="Shelling/artillery/missile attack")


def test_protest_with_crowd_size():
    r = _record("About 300 nurses protested outside the hospital against unpaid wages.")
    e = _one(r, acled_sub_event_type="Peaceful protest")
    assert e.plover == "PROTEST" and e.size == 300
    assert e.actor1.type == "protesters"


def test_protest_dispersed():
    r = _record("Police fired tear gas to disperse hundreds of students who marched on parliament.")
    _one(r, acled_sub_event_type="Protest with intervention")


def test_veto_is_plover_only():
    r = _record("Russia and China vetoed a Security Council resolution on a truce in Aleppo.")
    e = _one(r, plover="REJECT")
    assert e.acled_event_type is None and e.acled_sub_event_type is None
    assert e.actor1.name == "Government of Russia"


def test_ceasefire_call_is_request():
    r = _record("Rebels called for a five-day ceasefire on Wednesday morning.")
    e = _one(r, plover="REQUEST")
    assert e.acled_event_type is None
    assert e.actor1.type == "rebels"


def test_arrests_abductions_ieds_suicide():
    assert _one(_record("Police arrested three opposition leaders in the capital."),
                acled_sub_event_type="Arrests")
    assert _one(_record("Gunmen abducted a teacher from his home."),
                acled_sub_event_type="Abduction/forced disappearance")
    assert _one(_record("A roadside bomb struck a police vehicle."),
                acled_sub_event_type="Remote explosive/landmine/IED")
    assert _one(_record("A suicide bomber blew himself up at a market."), acled_sub_event_type="Suicide bomb")


def test_negated():
    r = _record("The army denied attacking the village.")
    e = _one(r, plover="ASSAULT")
    assert e.negated
    r = _record("Troops did not attack the convoy.")
    assert _one(r, plover="ASSAULT").negated


def test_hypothetical():
    r = _record("Government forces aim to take the rest of the city before Jan. 20.")
    assert _one(r, plover="COERCE").hypothetical
    r = _record("The militia threatened to attack the town.")
    assert _one(r, plover="ASSAULT").hypothetical
    assert not _one(r, plover="THREATEN").hypothetical


def test_evidence_and_trigger_spans():
    text = "The market was quiet. Warplanes bombed the market at noon, killing 7 people."
    r = _record(text)
    e = _one(r, acled_sub_event_type="Air/drone strike")
    assert [(s.start, s.end) for s in e.evidence] == [(22, len(text))]
    assert text[e.trigger.start:e.trigger.end] == e.trigger.text
    assert e.trigger.label == e.trigger.text.lower() or e.trigger.label
    assert e.fatalities == 7
    assert 0.0 <= e.confidence <= 1.0


def test_ids_are_stable_and_not_random():
    text = "Clashes erupted between police and protesters in the capital."
    a, b = _record(text, id="x"), _record(text, id="x")
    assert [e.id for e in a.events] == [e.id for e in b.events]
    e = a.events[0]
    assert e.id == event_id("x", e.trigger.start, e.plover)
    assert _record(text, id="y").events[0].id != e.id


def test_schema_fields_serialise():
    r = _record("Unidentified gunmen killed two men near the market.")
    d = r.to_dict()["events"][0]
    for key in ("id", "plover", "mode", "acled_event_type", "acled_sub_event_type", "actor1", "actor2", "place",
                "date", "fatalities", "injured", "displaced", "size", "negated", "hypothetical", "evidence",
                "attribution", "confidence"):
        assert key in d
    json.dumps(d)


@pytest.mark.skipif(not (SHARED / "data" / "acled_notes").is_dir(), reason="needs ../shared/data")
def test_bench_on_a_few_notes():
    from sitroom.bench import events as bench

    figures = bench.run(SHARED / "data", limit=20)
    s = figures["system"]
    assert s["inputs"] == 20
    assert s["type_acc"] >= figures["keyword_baseline"]["type_acc"] - 10
    assert s["type_acc"] > 50
    assert "plover_gsr" in figures
