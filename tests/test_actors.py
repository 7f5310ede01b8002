import pytest

from sitroom.coding.actors import find_mentions
from sitroom.model import Record
from sitroom.stages.events import Events
from sitroom.stages.linguistic import Linguistic, load_nlp


def _mentions(text):
    doc = load_nlp()(text)
    return [(m.name, m.type, m.country) for s in doc.sents for m in find_mentions(s)]


@pytest.mark.parametrize("text,name,typ,country", [
    ("Assad's forces advanced overnight.", "Military Forces of Syria", "state_forces", "SY"),
    ("The regime pressed its assault.", "Military Forces of Syria", "state_forces", "SY"),
    ("Pro-government militias entered the area.", "Pro-Government Militias (Syria)", "political_militia", "SY"),
    ("The Free Syrian Army withdrew.", "Opposition Rebels (Syria)", "rebels", "SY"),
    ("The Taliban claimed the attack.", "Taliban", "rebels", "AF"),
    ("Houthis fired a missile.", "Houthis", "state_forces", "YE"),
    ("Afghan forces repelled the assault.", "Military Forces of Afghanistan", "state_forces", "AF"),
    ("Russian jets struck the town.", "Military Forces of Russia", "state_forces", "RU"),
    ("The UN Security Council met.", "UN Security Council", "igo", None),
    ("Unidentified gunmen opened fire.", "Unidentified Armed Group", "political_militia", None),
    ("Iraqi police arrested him.", "Police Forces of Iraq", "state_forces", "IQ"),
])
def test_dictionary(text, name, typ, country):
    assert (name, typ, country) in _mentions(text)


def test_rebel_held_is_not_an_actor():
    assert _mentions("Shells fell on rebel-held districts.") == []


def _events(text):
    r = Record(id="a", text=text, published="2020-03-04")
    Linguistic()(r)
    Events()(r)
    return r


def test_passive_actors():
    r = _events("Five Taliban fighters were killed when Afghan forces repulsed their attack on a checkpoint.")
    ev = next(e for e in r.events if e.acled_event_type)
    assert ev.acled_event_type == "Battles"
    assert ev.actor1.name == "Military Forces of Afghanistan"
    assert ev.actor2.name == "Taliban"
    assert r.text[ev.actor1.start:ev.actor1.end] == ev.actor1.text == "Afghan forces"


def test_agent_by_phrase():
    r = _events("Two farmers were shot dead by unidentified gunmen near their village.")
    ev = next(e for e in r.events if e.acled_event_type)
    assert ev.acled_event_type == "Violence against civilians"
    assert ev.actor1.type == "political_militia"
    assert ev.actor2.type == "civilians"
    assert ev.fatalities == 2
