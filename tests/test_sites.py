"""ACLED's unit of analysis: one event per place and day (coding/sites.py)."""
from sitroom.coding.sites import share
from sitroom.model import Record
from sitroom.stages.events import Events
from sitroom.stages.linguistic import Linguistic
from sitroom.stages.places import Places
from sitroom.stages.times import Times


def _events(text, published="2021-07-09"):
    r = Record(id="s", text=text, published=published)
    Linguistic()(r)
    Times()(r)
    Places()(r)
    Events()(r)
    return [e for e in r.events if e.acled_event_type]


def test_share_puts_the_remainder_on_the_first_events():
    assert share(10, 3) == [4, 3, 3]
    assert share(6, 2) == [3, 3]
    assert share(None, 2) == [None, None]


def test_an_incident_in_a_list_of_towns_is_one_event_per_town():
    evs = _events("On 6 July 2021, fighting between troops and rebels in Gao, Kidal and Mopti left 10 dead.")
    assert [e.place.name for e in evs] == ["Gao", "Kidal", "Mopti"]
    assert [e.fatalities for e in evs] == [4, 3, 3]
    assert len({e.id for e in evs}) == 3
    assert all(e.acled_sub_event_type == "Armed clash" and len(e.evidence) == 1 for e in evs)


def test_figures_given_per_place_are_kept():
    evs = _events("On 6 July 2021, soldiers killed four militants in Gao and two in Kidal.")
    assert [(e.place.name, e.fatalities) for e in evs] == [("Gao", 4), ("Kidal", 2)]


def test_a_place_with_its_container_or_the_ends_of_a_road_are_one_place():
    assert len(_events("On 6 July 2021, gunmen killed three traders in Gao, Mali.")) == 1
    assert len(_events("On 6 July 2021, bandits attacked a bus on the road between Gao and Kidal.")) == 1


def test_an_incident_told_of_two_days_is_one_event_per_day():
    evs = _events("Troops clashed with rebels near Gao on 5 and 6 July 2021, leaving 7 dead.")
    assert [(e.date.value, e.fatalities) for e in evs] == [("2021-07-05", 4), ("2021-07-06", 3)]
    evs = _events("Troops clashed with rebels near Gao on Monday and Tuesday.")
    assert [e.date.value for e in evs] == ["2021-07-05", "2021-07-06"]
    # a window the date is only known to lie in is one event
    assert len(_events("Troops clashed with rebels near Gao between 5 and 7 July 2021.")) == 1


def test_listed_names_with_their_districts_in_parentheses_are_one_event_each():
    evs = _events("On 6 July 2021, troops clashed with militants in Al Qaryah (Bayt Al Faqih, Al Hudaydah) and "
                  "Hays (Al Hudaydah).")
    assert [e.place.name for e in evs] == ["Al Qaryah", "Hays"]
    assert evs[0].place.lat != evs[1].place.lat


def test_a_list_of_districts_is_one_event_each_with_its_province_after_the_first_and_a_district_without_a_point():
    # the index holds no point of Kajaki district: it stands at the province it lies in
    evs = _events("On 6 July 2021, Taliban fighters attacked police posts in Kajaki district, Helmand, and Shinwar "
                  "and Achin districts, Nangarhar.")
    assert [e.place.text for e in evs] == ["Kajaki", "Shinwar", "Achin"]
    assert evs[0].place.lat is not None


def test_a_list_a_plural_unit_word_ends_holds_places_of_one_kind_none_the_container_of_another():
    evs = _events("Teachers held demonstrations in Kurnool, Anantapur and Kadapa districts on Friday.")
    assert [e.place.text for e in evs] == ["Kurnool", "Anantapur", "Kadapa"]
    # a province after a single district still says where it lies
    assert len(_events("On 6 July 2021, Taliban fighters attacked police posts in Kajaki district, Helmand.")) == 1


def test_an_act_reported_from_a_list_of_towns_is_one_event_per_town():
    evs = _events("On 6 July 2021, violent clashes between party workers were reported from Gao, Kidal and Mopti, "
                  "leaving six people injured.")
    assert [e.place.name for e in evs] == ["Gao", "Kidal", "Mopti"]
    assert [e.injured for e in evs] == [2, 2, 2]
    # the places people came from are no places of the act
    assert len(_events("On 6 July 2021, troops clashed with rebels who had come from Gao, Kidal and Mopti.")) <= 1


def test_a_name_listed_between_two_places_of_one_province_is_a_place_of_the_list():
    evs = _events("Farmers held protests in Ludhiana, Dhurkot Ransih and Bathinda in Punjab on Monday, and police "
                  "killed four of them.")
    assert [e.place.text for e in evs] == ["Ludhiana", "Dhurkot Ransih", "Bathinda"]
    assert evs[1].place.lat is not None  # at the province the report names
    assert sum(e.fatalities or 0 for e in evs) == 4
    # between places of two provinces it is no place of the report's
    evs = _events("On 6 July 2021, protesters blocked roads in Gao, Bourem and Kidal.")
    assert "Bourem" not in [e.place.text for e in evs]


def test_the_places_of_an_incident_are_listed_in_the_sentence_that_names_them():
    evs = _events("On 6 July 2021, protests against the new tax were held in Gao, Kidal and Mopti. Protesters also "
                  "clashed with the police.")
    assert [e.place.name for e in evs] == ["Gao", "Kidal", "Mopti"]


def test_a_list_the_parser_cuts_at_a_bracket_is_read_whole():
    evs = _events("Protests against the new tax were staged on Monday [5 July 2021] in Gao, Kidal and Mopti.")
    assert [(e.place.name, e.date.value) for e in evs] == [("Gao", "2021-07-05"), ("Kidal", "2021-07-05"),
                                                           ("Mopti", "2021-07-05")]


def test_a_bracketed_other_name_of_a_listed_place_keeps_the_list():
    evs = _events("On 6 July 2021, rebels shelled houses in Gao [Gawgaw] and Kidal, killing three civilians.")
    assert [(e.place.name, e.fatalities) for e in evs] == [("Gao", 2), ("Kidal", 1)]
