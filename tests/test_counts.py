import pytest

from sitroom.coding.counts import coder_remarks
from sitroom.coding.numbers import parse_count
from sitroom.model import Record
from sitroom.stages.events import Events
from sitroom.stages.linguistic import Linguistic


@pytest.mark.parametrize("text,expected", [
    ("two dozen", (24, 24, 24)),
    ("at least 112", (112, 112, None)),
    ("more than 20", (20, 20, None)),
    ("hundreds", (200, 200, 999)),
    ("16,000", (16000, 16000, 16000)),
    ("between 10 and 20", (10, 15, 20)),
    ("twenty-five", (25, 25, 25)),
])
def test_parse_count(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["three-quarters", "half", "a third", "40 percent"])
def test_fractions_are_not_counts(text):
    assert parse_count(text) is None


def _events(text):
    r = Record(id="c", text=text, published="2019-05-02")
    Linguistic()(r)
    Events()(r)
    return r


def test_killed_civilians_fatalities():
    r = _events("Gunmen killed 12 civilians in a village on Tuesday.")
    assert sum(e.fatalities or 0 for e in r.events) == 12


def test_two_dozen_killed():
    r = _events("Two dozen soldiers were killed in the ambush.")
    assert [e.fatalities for e in r.events if e.fatalities] == [24]


def test_three_quarters_is_not_a_count():
    r = _events("Government forces took three-quarters of the rebel-held district.")
    assert all(e.fatalities is None and e.size is None for e in r.events)


def test_displaced():
    r = _events("The agency said 16,000 civilians had fled the fighting in a few days.")
    assert any(e.displaced == 16000 for e in r.events)


def test_crowd_size_and_range_kept():
    r = _events("Hundreds of teachers protested outside the ministry to demand unpaid salaries.")
    ev = next(e for e in r.events if e.plover == "PROTEST")
    assert ev.size == 200
    assert (ev.counts["size"].low, ev.counts["size"].high) == (200, 999)


def test_counts_go_to_their_own_event():
    r = _events("A roadside bomb killed three soldiers. Separately, the agency said 500 families fled the town.")
    bomb = next(e for e in r.events if e.acled_sub_event_type == "Remote explosive/landmine/IED")
    assert bomb.fatalities == 3 and bomb.displaced is None


def test_coder_remarks():
    assert coder_remarks("Fatalities coded as 0 (local media reported 2).")["fatalities"] == 0
    assert coder_remarks("[size=around 300]")["size"] == 300


def test_coordinated_killed_and_injured_and_a_projected_toll():
    r = _events("Officials said at least 276 people had been killed and about 300 injured in the blast. "
                "Ambulance services said the toll was likely to rise above 300.")
    ev = next(e for e in r.events if e.fatalities)
    assert (ev.fatalities, ev.counts["fatalities"].low, ev.injured) == (276, 276, 300)


def test_a_running_total_since_the_protests_began_is_no_count_of_the_protest():
    r = _events("Police detained about 700 more people on Wednesday during a fourth night of protests. The "
                "ministry said 103 members of the police had been injured since the protests began, 28 of whom "
                "were taken to hospital.")
    assert all(e.injured is None for e in r.events)


def test_arrests_after_a_killing_do_not_make_it_a_strategic_development():
    r = _events("Three people were killed in the town on Monday. Police arrested two suspects.")
    ev = next(e for e in r.events if e.fatalities)
    assert ev.fatalities == 3 and ev.acled_event_type == "Violence against civilians"
    assert ev.actor1 is None or ev.actor1.type != "state_forces"
    r = _events("The government says about 400 people have been killed. It accuses the insurgents of setting fire "
                "to villages.")
    assert all(not e.fatalities for e in r.events if e.acled_event_type == "Strategic developments")


def test_a_year_is_never_a_count():
    r = _events("Joshua Wong was released from prison after serving a sentence linked to the 2014 protests. "
                "Since 1994 protests have been banned.")
    assert all(e.size is None and e.fatalities is None for e in r.events)
    r = _events("About 2000 protesters marched in 2019. Police said 2000 people were killed in the 2014 clashes.")
    assert [e.size for e in r.events if e.size] == [2000]
    assert [e.fatalities for e in r.events if e.fatalities] == [2000]


@pytest.mark.parametrize("text,dead,hurt", [
    ("Doctors Without Borders said its teams had counted 50 dead and 120 wounded.", 50, 120),
    ("Hospital officials confirmed 12 dead and 30 injured.", 12, 30),
    ("The ministry recorded 7 dead and 15 wounded after the shelling.", 7, 15),
])
def test_counted_dead_and_wounded(text, dead, hurt):
    r = _events(text)
    assert max(e.fatalities or 0 for e in r.events) == dead
    assert max(e.injured or 0 for e in r.events) == hurt


def test_counted_dead_outweighs_a_vague_toll():
    r = _events("A jet bombed a camp for displaced people in Rann on Tuesday, killing dozens of civilians. "
                "Doctors Without Borders said its teams had counted 50 dead and 120 wounded.")
    ev = next(e for e in r.events if e.acled_sub_event_type == "Air/drone strike")
    assert (ev.fatalities, ev.injured) == (50, 120)
