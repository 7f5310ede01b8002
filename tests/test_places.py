"""The places stage on texts written for these tests, and the geo bench on a few documents."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitroom.model import Record
from sitroom.stages.linguistic import Linguistic
from sitroom.stages.places import Places


def places_of(text: str, published: str = "2016-12-07"):
    r = Record(id="t", text=text, published=published)
    Linguistic()(r)
    Places()(r)
    for p in r.places:
        assert r.text[p.start:p.end] == p.text
        assert 0.0 <= p.score <= 1.0
        if p.geonameid is None and p.feature != "region":  # oceans and regions have no id
            assert p.lat is None and p.lon is None
    return r.places


def by_text(places, text):
    return [p for p in places if p.text == text]


def country_of(places, text):
    """The country of the first place read as `text`, None when there is none."""
    found = by_text(places, text)
    return found[0].country if found else None


def test_aleppo_is_found_and_resolved_to_the_city():
    ps = places_of("Government forces took most of eastern Aleppo on Wednesday, and Aleppo "
                   "residents fled west.")
    aleppo = by_text(ps, "Aleppo")
    assert aleppo and all(p.geonameid == 170063 and p.feature == "city" for p in aleppo)
    assert abs(aleppo[0].lat - 36.20) < 0.05 and abs(aleppo[0].lon - 37.16) < 0.05


def test_georgia_follows_the_document_context():
    caucasus = places_of("Russian troops stayed in Georgia after the war. Tbilisi said the "
                         "troops near South Ossetia and Armenia's border must leave.")
    us = places_of("Storms hit Atlanta and Savannah, Georgia, on Monday, and Florida and "
                   "Alabama braced for floods.")
    assert by_text(caucasus, "Georgia")[0].feature == "country"
    state = by_text(us, "Georgia")[0]
    assert state.feature == "admin1" and state.country == "US"


def test_hama_is_a_place_and_hamas_is_not():
    ps = places_of("Rebels advanced near Hama while Hamas leaders met in Doha.")
    assert country_of(ps, "Hama") == "SY"
    assert not [p for p in ps if "Hamas" in p.text]


def test_metaphor_and_government_uses_are_not_event_places():
    ps = places_of('"It\'s the New York of Syria," said Antoun Issa. Moscow denied the report.')
    ny = by_text(ps, "New York")
    assert ny and ny[0].role == "metaphor"
    moscow = by_text(ps, "Moscow")
    assert moscow and moscow[0].role == "government"


def test_org_names_are_marked_as_organisations():
    ps = places_of("She studied at Hampshire College before moving to Boston.")
    assert all(p.role == "organisation" for p in ps if "Hampshire" in p.text)
    assert by_text(ps, "Boston")[0].role == "place"


def test_neighbourhood_below_the_gazetteer_is_attached_to_aleppo():
    ps = places_of("A resident of Aleppo spoke from the Al-Mash'had neighbourhood last Tuesday.")
    nb = [p for p in ps if "Mash'had" in p.text]
    assert nb, ps
    p = nb[0]
    assert p.feature == "other" and p.geonameid is None and p.lat is None and p.lon is None
    assert p.within == 170063 and p.note and "Aleppo" in p.note


def test_transliteration_variants_resolve():
    ps = places_of("Fighting spread from Raqqa to Deir ez-Zor, and ships docked at Lattakia.")
    assert by_text(ps, "Raqqa")[0].country == "SY"
    assert by_text(ps, "Deir ez-Zor")[0].country == "SY"
    assert by_text(ps, "Lattakia")[0].geonameid == by_text(places_of("in Latakia."), "Latakia")[0].geonameid


def test_arabic_script_does_not_crash():
    ps = places_of("قصفت الطائرات مدينة حلب. Shelling also hit Idlib.")
    assert by_text(ps, "Idlib")


def test_common_words_are_not_places():
    ps = places_of("The Best of Mobile phones is a list. Most of them are cheap.")
    assert not [p for p in ps if p.text in ("Best", "Of", "Most")]


def test_a_document_naming_500_places_gives_sane_results():
    from sitroom.gazetteer import load

    g = load()
    rows = [i for i in range(len(g)) if g.feature(i) == "city" and g.population[i] > 300_000][:500]
    text = "Aid convoys reached " + ", ".join(g.names[i] for i in rows) + "."
    ps = places_of(text)
    assert len(ps) > 250
    assert sum(p.geonameid is not None for p in ps) > 200


def test_thousands_of_capitalised_words():
    text = " ".join(["Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliett"] * 300) + "."
    ps = places_of(text)
    assert len(ps) <= 3 * 300  # stays bounded, at most a few hits per repetition


def test_the_capital_is_meant_over_a_namesake_state():
    ps = places_of("Officials in Washington said the talks with Beijing would go on.")
    w = by_text(ps, "Washington")[0]
    assert w.geonameid == 4140963 and w.feature == "city"  # Washington, D.C.


def test_a_big_city_is_meant_over_its_namesake_state():
    ps = places_of("The mayor of New York met protesters outside City Hall on Monday.")
    assert by_text(ps, "New York")[0].feature == "city"


def test_a_town_near_the_other_towns_of_the_story_is_chosen():
    text = "Flooding hit St. Cloud, Minnesota, on Monday. A road north of Alexandria was closed."
    alexandria = by_text(places_of(text), "Alexandria")[0]
    assert alexandria.country == "US" and alexandria.admin1 == "Minnesota"


def test_one_sense_per_discourse():
    text = "Gainesville, Ga., police arrested two men on Friday. The men were held in Gainesville overnight."
    gs = by_text(places_of(text), "Gainesville")
    assert len(gs) == 2 and gs[0].geonameid == gs[1].geonameid and gs[0].admin1 == "Georgia"


def test_physical_features_are_not_the_places_named_inside_them():
    ps = places_of("Debris washed up on the shores of the Indian Ocean and the Gulf of Alaska.")
    ocean = [p for p in ps if "Indian" in p.text]
    assert ocean and ocean[0].feature == "region" and ocean[0].geonameid is None
    assert -40 < ocean[0].lat < 10 and 50 < ocean[0].lon < 110
    gulf = [p for p in ps if "Alaska" in p.text]
    assert gulf and all(p.lat is None and p.feature != "admin1" for p in gulf), gulf


def test_oceans_and_regions_are_regions_not_towns():
    ps = places_of("The storm crossed the Atlantic before it reached the Caribbean. Leaders in "
                   "the Middle East and West Africa sent aid, and the EU pledged more.")
    for name in ("Atlantic", "Middle East", "West Africa"):
        found = by_text(ps, name)
        assert found and found[0].feature == "region" and found[0].country is None, (name, ps)
    west_africa = by_text(ps, "West Africa")[0]
    assert 0 < west_africa.lat < 25 and -20 < west_africa.lon < 15
    assert by_text(ps, "EU") and by_text(ps, "EU")[0].feature == "region"


def test_a_country_name_is_the_country_not_a_city_called_so():
    ps = places_of("Flights from Mexico to Canada resumed on Monday.")
    assert by_text(ps, "Mexico")[0].feature == "country"


def test_hurricane_names_are_not_places():
    ps = places_of("Hurricane Maria flattened homes in Puerto Rico.")
    assert not [p for p in ps if "Maria" in p.text]
    assert by_text(ps, "Puerto Rico")


def test_a_university_named_after_a_state_gets_no_state_centre():
    ps = places_of("She teaches at the University of California and lives in Oakland.")
    uc = [p for p in ps if "California" in p.text]
    assert uc and all(p.lat is None and p.within is not None for p in uc), uc


def test_province_abbreviations_and_town_words_pick_the_local_town():
    ps = places_of("The fire near Kamloops, B.C., spread overnight.")
    bc = by_text(ps, "B.C.")
    assert bc and bc[0].name == "British Columbia"
    ps = places_of("Lebanon Police arrested a Boone County man on Friday, the Boone County "
                   "Sheriff's Office said. The Lebanon woman was released.")
    leb = by_text(ps, "Lebanon")
    assert leb and all(p.country == "US" for p in leb), leb


def test_a_name_does_not_vote_for_its_own_country():
    ps = places_of("Hundreds joined a London rally for refugees on Saturday. London police said "
                   "the rally in Victoria Park was peaceful. Organisers thanked Canada for its "
                   "welcome and asked Ottawa and the Ontario government to do more. London "
                   "residents have raised money for families arriving in Canada.")
    london = by_text(ps, "London")
    assert london and all(p.country == "CA" for p in london), london


def test_score_is_calibrated_and_weak_resolutions_have_no_point():
    from sitroom.gazetteer.resolve import MIN_CONFIDENCE, calibrated, calibration

    table = calibration()
    assert table and all(a[1] <= b[1] for a, b in zip(table, table[1:]))  # isotonic
    assert calibrated(0.95) >= calibrated(0.45) >= calibrated(MIN_CONFIDENCE)
    assert calibrated(MIN_CONFIDENCE) >= 0.5 > calibrated(MIN_CONFIDENCE - 0.01)


def test_isotonic_pools_violating_bins():
    from sitroom.bench.geo import isotonic

    out = isotonic([(0.0, 1, 10), (0.5, 8, 10), (0.7, 6, 10), (0.9, 9, 10)])
    assert [lo for lo, _ in out] == [0.0, 0.5, 0.9]
    assert out[1][1] == 0.7 and all(a[1] <= b[1] for a, b in zip(out, out[1:]))


SHARED = Path(os.environ.get("SITROOM_SHARED") or Path(__file__).resolve().parents[2] / "shared")


@pytest.mark.skipif(not (SHARED / "data" / "tr-news").exists(), reason="no ../shared data")
def test_geo_bench_on_a_few_documents(tmp_path):
    from sitroom.bench import geo

    out = tmp_path / "out.jsonl"
    f = geo.run(SHARED / "data", "tr-news", limit=4, output=out)
    s = f["sitroom"]
    assert f["docs"] == 4 and s["recognition"]["n_gold"] > 0
    assert 0 <= s["recognition"]["f1"] <= 1 and s["conditional"]["n"] > 0
    assert s["recognition"]["r"] > f["population_baseline"]["recognition"]["r"] - 0.2
    assert len(out.read_text().splitlines()) == 4


def test_all_caps_datelines_are_places():
    ps = places_of("ST. PAUL, Minn. (AP) - Lawmakers met on Tuesday to pass the budget.")
    st_paul = by_text(ps, "ST. PAUL")
    assert st_paul and st_paul[0].country == "US" and st_paul[0].admin1 == "Minnesota"
    ps = places_of("WASHINGTON (AP) — The Senate voted on Tuesday.")
    assert by_text(ps, "WASHINGTON")


def test_a_lone_unknown_word_needs_a_place_cue():
    from sitroom.gazetteer.recognise import Recogniser

    text = "Crowds gathered in Zorblat and Quennick spoke."
    assert Recogniser._cued(text, text.index("Zorblat"), text.index("Zorblat") + 7)
    assert not Recogniser._cued(text, text.index("Quennick"), text.index("Quennick") + 8)


def test_multi_word_names_are_whole_spans():
    ps = places_of("A roadside bomb hit a police car in Puli Alam city, Logar, on Sunday, and "
                   "fighting went on in Dawlat Abad district of Balkh.")
    texts = [p.text for p in ps]
    assert "Puli Alam" in texts and "Puli" not in texts
    assert "Dawlat Abad" in texts and "Dawlat" not in texts
    puli = by_text(ps, "Puli Alam")[0]
    assert puli.country == "AF" and abs(puli.lat - 34.0) < 0.1


def test_district_resolves_to_its_seat_with_a_point():
    ps = places_of("Two farmers were wounded by a mortar round in Dawlat Abad district, Balkh, "
                   "officials said.")
    d = by_text(ps, "Dawlat Abad")[0]
    assert d.feature == "admin2" and d.country == "AF" and d.lat is not None
    assert abs(d.lat - 36.99) < 0.1 and abs(d.lon - 66.82) < 0.1  # the town of Dawlatabad


def test_unknown_multi_word_name_is_not_split_into_towns():
    ps = places_of("Heavy gunfire was heard in Abu Salim (Tripoli) late on Monday.")
    texts = [p.text for p in ps]
    assert "Abu" not in texts and "Salim" not in texts


def test_small_town_between_preposition_and_container_is_a_place():
    ps = places_of("Gunmen ambushed two army trucks near Buni Yadi (Gujiba LGA, Borno) on Friday.")
    b = by_text(ps, "Buni Yadi")
    assert b and b[0].country == "NG" and b[0].lat is not None


def test_article_and_inner_apostrophe_are_not_towns():
    ps = places_of("Shells fell on Al-Khaldiyah village and near the town of Da'el in Dar'a.")
    texts = [p.text for p in ps]
    assert "Al" not in texts and "Da" not in texts


def test_foreign_namesake_town_loses_to_a_place_below_the_gazetteer():
    # "Jebel" is a town in Turkmenistan; in a story about Juba it is a part of Juba
    ps = places_of("Clashes broke out in Juba, the capital of South Sudan, on Friday. Soldiers "
                   "traded fire in Jebel and near the airport on Saturday. Juba residents hid "
                   "indoors as South Sudan's army deployed tanks.")
    juba = by_text(ps, "Juba")[0]
    assert juba.country == "SS" and juba.feature == "city"
    jebel = by_text(ps, "Jebel")[0]
    assert jebel.geonameid is None and jebel.lat is None and jebel.feature == "other"
    assert jebel.within == juba.geonameid and jebel.note


def test_governments_named_do_not_dilute_the_story_country_against_a_foreign_namesake():
    # 'the United States ordered' names a government, not where the story is
    ps = places_of("Gunfire echoed across Juba in South Sudan overnight. Chinese aid workers hid in a "
                   "compound in Jebel, and two guards were hurt in Jebel on Sunday. The United States "
                   "ordered its diplomats to leave.")
    assert all(p.country != "TM" for p in by_text(ps, "Jebel"))


def test_foreign_namesake_keeps_a_big_city_the_story_is_not_about():
    ps = places_of("Troops shelled Aleppo and Idlib in Syria, and diplomats met in Geneva on "
                   "Saturday to discuss a truce for Aleppo.")
    geneva = by_text(ps, "Geneva")[0]
    assert geneva.country == "CH" and geneva.lat is not None


def test_neighbourhood_is_attached_to_the_story_city_not_a_foreign_capital():
    ps = places_of("Moscow said its jets were not flying over Aleppo. Rebels in Aleppo lost the "
                   "Masaken Hanano district on Sunday, and shells hit Bab al-Hadid.")
    nb = by_text(ps, "Masaken Hanano")
    assert nb and nb[0].feature == "other" and nb[0].within == 170063


def test_groups_and_institutes_are_not_places():
    ps = places_of("Volunteers from the White Helmets pulled people from the rubble in Aleppo, "
                   "said an analyst at the Tigris Centre for Security Studies in Erbil. A UN "
                   "base and Kiir's camp were calm.")
    texts = [p.text for p in ps]
    assert "White Helmets" not in texts and "UN" not in texts and "Kiir" not in texts
    assert not [t for t in texts if "Centre" in t or "Tigris" in t]
    assert country_of(ps, "Erbil") == "IQ"


def test_town_named_by_its_writer_is_a_place_even_when_tagged_as_a_person():
    ps = places_of("A jet bombed a camp for displaced people in the north-eastern town of Rann "
                   "in Borno state, Nigeria, on Tuesday. Rann lies close to the border.")
    rann = by_text(ps, "Rann")
    assert len(rann) == 2 and all(p.country == "NG" for p in rann)


def test_controlling_side_is_not_part_of_a_neighbourhood_name():
    ps = places_of("Families crossed from eastern Aleppo into the Kurdish-controlled Sheikh "
                   "Maqsoud district on Monday.")
    assert by_text(ps, "Sheikh Maqsoud") and not [p for p in ps if "Kurdish" in p.text]


def test_a_constituent_country_is_itself_not_the_united_kingdom():
    ps = places_of("The team travelled from Wales to Scotland for the final.")
    wales = by_text(ps, "Wales")
    assert wales and wales[0].feature == "admin1" and wales[0].geonameid == 2634895


def test_demonym_of_a_first_level_unit():
    ps = places_of("The English coach praised the young squad after the match.")
    english = by_text(ps, "English")
    assert english and english[0].geonameid == 6269131  # England, not the United Kingdom


def test_a_newspaper_named_after_a_capital_is_the_capital():
    ps = places_of("The network told The Washington Post the trip had been planned for months.")
    wash = by_text(ps, "Washington")
    assert wash and wash[0].feature == "city" and abs(wash[0].lat - 38.9) < 0.2


def test_names_in_a_list_take_their_siblings_kind():
    ps = places_of("Officials are investigating cases in Oregon, Idaho, Washington, Pennsylvania "
                   "and California.")
    wash = by_text(ps, "Washington")
    assert wash and wash[0].feature == "admin1"


def test_a_state_office_makes_the_name_the_state():
    ps = places_of("New York Governor Andrew Cuomo declared a state of emergency on Monday.")
    ny = by_text(ps, "New York")
    assert ny and ny[0].feature == "admin1"


def test_a_town_modifying_a_noun_is_a_place_when_the_story_names_it():
    ps = places_of("When Alexandria police found the body, detectives had few leads. The "
                   "victim lived in Alexandria, Virginia, for years.")
    alex = by_text(ps, "Alexandria")
    assert len(alex) >= 2 and all(p.country == "US" for p in alex if p.lat is not None)


def test_a_destination_of_something_else_does_not_place_the_event():
    from sitroom.stages.events import Events

    r = Record(id="t", text="Hong Kong's leader apologised on Sunday after a second weekend of huge marches "
                            "against a bill that would allow extradition to mainland China.", published="2019-06-17")
    Linguistic()(r)
    Places()(r)
    Events()(r)
    march = next(e for e in r.events if e.plover == "PROTEST")
    assert march.place is not None and march.place.name == "Hong Kong"


def test_spanish_names_with_los_and_las_are_recognised():
    ps = places_of("Gunmen attacked a bar in Leon de los Aldama, Guanajuato, on Friday night.")
    leon = by_text(ps, "Leon de los Aldama")
    assert leon and leon[0].country == "MX" and leon[0].feature == "city"


def test_a_name_running_past_a_shorter_entity_is_read_whole():
    ps = places_of("On Friday, in Tijuana Baja California, police found a body in a vacant lot.")
    assert country_of(ps, "Baja California") == "MX"
    assert not by_text(ps, "California")


def test_a_town_with_no_namesake_in_its_containers_country_is_below_the_gazetteer():
    ps = places_of("On Monday, in Valencia, Sangre Grande, a man was shot dead outside his home.")
    valencia = by_text(ps, "Valencia")
    assert valencia and valencia[0].lat is None and valencia[0].country != "ES"
    ps = places_of("Soldiers killed two militants in Kollo (Dessa, Tillaberi) on Tuesday.")
    assert all(p.country in (None, "NE") for p in ps)
    # a list is no town and its container
    ps = places_of("Protests spread to Paris, London and Berlin over the weekend.")
    assert by_text(ps, "Paris")[0].country == "FR"
    # 'X town in Y' names the container too
    ps = places_of("A roadside bomb hit a bus in Maan town in Idlib countryside on Sunday.")
    maan = by_text(ps, "Maan")
    assert maan and maan[0].lat is None and maan[0].country != "JO"


def test_a_province_is_no_place_within_a_town_or_district():
    ps = places_of("Teachers marched in Anosy (Ambalavao, Haute Matsiatra) on Monday over unpaid wages.")
    anosy = by_text(ps, "Anosy")
    assert anosy and anosy[0].feature != "admin1"
    # the province named inside its own brackets is still read as the province
    ps = places_of("In Veracruz, Veracruz, nurses protested over missing masks on Friday.")
    assert all(p.lat is not None for p in ps)
    # two provinces side by side are a list, not a province and its container
    ps = places_of("Prices fell in provinces such as Manitoba, Saskatchewan and Nova Scotia.")
    assert by_text(ps, "Manitoba")[0].feature == "admin1"


def test_names_beside_a_comma_or_parenthesis_inside_a_non_place_entity_are_read():
    # spaCy may tag 'Tome (Biobio' or 'Alagoinha, Pernambuco' as one title or group
    ps = places_of("On Tuesday, in Tome (Biobio), firefighters protested against budget cuts.")
    assert country_of(ps, "Tome") == "CL"
    ps = places_of("On Thursday, in Alagoinha, Pernambuco, a man was killed in a drive-by shooting.")
    assert country_of(ps, "Alagoinha") == "BR"
    # a demonym at the head of an organisation's name stays out
    ps = places_of("The rules were set by the Swedish Board of Agriculture (Jordbruksverket) last year.")
    assert not by_text(ps, "Swedish")


def test_a_district_named_like_its_province_is_the_district():
    ps = places_of("Militants ambushed and killed two soldiers in Ghazni district on Monday.")
    ghazni = by_text(ps, "Ghazni")
    assert ghazni and ghazni[0].feature == "admin2" and ghazni[0].lat is not None
    ps = places_of("Militants attacked a checkpoint in Ghazni province on Monday.")
    assert any(p.feature == "admin1" for p in ps if p.text.startswith("Ghazni"))


@pytest.mark.parametrize("text,name,country", [
    # a name spaCy read as a surname, between a preposition and its container
    ("On Tuesday, patients at a clinic in Gombe (Gombe LGA, Gombe) protested over their treatment.", "Gombe", "NG"),
    # a name between a place preposition (and a kind word) and its container, whatever spaCy tagged
    ("On Tuesday, gunmen killed a soldier during an operation in Mamfe town (Manyu, Sud-Ouest).", "Mamfe", "CM"),
    ("On Monday, citizens held a sit-in in Berrechid (Settat) over the distribution of aid.", "Berrechid", "MA"),
    # its county after 'of the', or a kind word after 'of'
    ("On Friday, police broke up a fight between dozens of people in Blaj of the Alba county.", "Blaj", "RO"),
    ("On Tuesday, gunmen killed a government employee in PD1 of Lashkargah city, Helmand.", "Lashkargah", "AF"),
    # an entity cut short on the left is read whole
    ("On Thursday, nurses went on strike in Tarn Taran city (Punjab) demanding higher pay.", "Tarn Taran", "IN"),
    # the district of a '(district, province)' pair after a place, whatever spaCy tagged it
    ("On Sunday, gunmen kidnapped a trader from Kopa (Damboa, Borno) after a raid on the market.", "Damboa", "NG"),
])
def test_a_name_beside_its_container_is_a_place(text, name, country):
    assert country_of(places_of(text), name) == country


def test_a_district_with_no_point_leaves_its_province_name_to_the_town():
    # Al Hali (a district of Hodeidah city) has no point in the index: it does not make 'Al Hudaydah' the
    # governorate, whose middle lies far from the city the district belongs to
    ps = places_of("On Monday, shells hit houses near the Harbour Gate (Al Hali, Al Hudaydah), wounding two fishermen.")
    assert by_text(ps, "Al Hali") and by_text(ps, "Al Hudaydah")[0].feature == "city"


def test_persian_and_arabic_names_with_a_lowercase_link_word_are_read_whole():
    ps = places_of("Gunmen attacked a checkpoint on the edge of Pul-e Khumri on Sunday.")
    assert by_text(ps, "Pul-e Khumri") and by_text(ps, "Pul-e Khumri")[0].country == "AF"
    ps = places_of("Airstrikes hit positions in Khabb wa ash Shaaf district overnight.")
    assert by_text(ps, "Khabb wa ash Shaaf") and by_text(ps, "Khabb wa ash Shaaf")[0].country == "YE"


def test_a_currency_named_after_a_country_is_no_place():
    ps = places_of("Shopkeepers in Sidon closed their doors as the US dollar rate climbed again.")
    assert not by_text(ps, "US")
    assert country_of(ps, "Sidon") == "LB"


def test_a_town_taken_for_a_product_is_a_place_after_a_place_preposition():
    ps = places_of("Monitors recorded several bursts of machine-gun fire near Svitlodarsk.")
    assert country_of(ps, "Svitlodarsk") == "UA"


def test_a_small_town_ends_its_phrase_before_another_preposition():
    ps = places_of("Nurses rallied in Nowshahr after the hospital cut their pay.")
    assert country_of(ps, "Nowshahr") == "IR"


def test_a_name_before_its_district_and_province_in_brackets_is_a_place():
    ps = places_of("Bandits raided Kagara (Rafi LGA, Niger) overnight and stole cattle.")
    assert country_of(ps, "Kagara") == "NG" and by_text(ps, "Kagara")[0].feature == "city"
    # so is one with its unit word before the brackets
    ps = places_of("A mob burned a police post near the market, Mbouda subdivision (Bamboutos, Ouest), on Friday.")
    assert country_of(ps, "Mbouda") == "CM"
    ps = places_of("Troops traded fire across the line in Sunderbani sector area (Rajouri district, J&K) overnight.")
    assert country_of(ps, "Sunderbani") == "IN"


def test_an_arabic_name_keeps_its_own_article_in_another_spelling():
    ps = places_of("Gunmen shot dead a council member in Ar-Raqqa city on Friday.")
    assert country_of(ps, "Ar-Raqqa") == "SY"


def test_a_country_leading_or_backing_a_force_is_no_place():
    ps = places_of("Saudi-led coalition jets bombed a bridge near Hodeidah on Tuesday.")
    assert all(p.role == "government" for p in by_text(ps, "Saudi"))
    assert country_of(ps, "Hodeidah") == "YE"


def test_a_name_after_area_of_with_its_container_is_a_place_whatever_spacy_took_it_for():
    ps = places_of("Rebels shelled army positions in the area of Yasynuvata, Donetsk on Friday.")
    assert country_of(ps, "Yasynuvata") == "UA"
    ps = places_of("Two soldiers were shot in the Qala area of Spin Boldak (Takhtah Pul) district, Kandahar.")
    assert country_of(ps, "Spin Boldak") == "AF"


def test_a_village_abroad_does_not_pull_its_container_abroad():
    # no Sosnovskoye in Ukraine: the village says nothing of which Donetsk is meant
    ps = places_of("Militias fired mortars at army positions in Sosnovskoye, Donetsk on Monday.")
    assert country_of(ps, "Donetsk") == "UA"


def test_each_name_of_a_list_of_places_of_a_kind_is_a_place_whatever_spacy_took_it_for():
    ps = places_of("On 6 July 2021, militants attacked checkpoints in Nad Ali, Sangin and Garmser districts, Helmand.")
    assert country_of(ps, "Sangin") == "AF" and by_text(ps, "Sangin")[0].feature == "admin2"
    # but not a surname a county list names ('Clay County' is in the index, a bare 'Clay' a town elsewhere)
    ps = places_of("Flood warnings remain in force in Becker, Clay and Wilkin counties until Friday.")
    assert not by_text(ps, "Clay")


def test_a_name_running_past_the_entity_spacy_made_of_its_first_or_last_words_is_whole():
    ps = places_of("Coalition jets struck Khabb wa ash Shaaf district (Al Jawf) on Tuesday.")
    assert country_of(ps, "Khabb wa ash Shaaf") == "YE"


def test_a_town_heading_a_longer_name_with_its_container_after_it_is_a_place_not_a_group():
    ps = places_of("On Monday, in Machiques de Perija, Zulia state, hundreds of drivers protested fuel shortages.")
    assert [p.role for p in by_text(ps, "Machiques")] == ["place"]


def test_a_name_followed_by_a_province_holding_a_place_of_its_name_is_that_place_whatever_spacy_took_it_for():
    ps = places_of("On 6 July 2021, rebels shelled Saraqib in Idlib overnight.")
    assert country_of(ps, "Saraqib") == "SY"
    ps = places_of("On 6 July 2021, militants raided Siayan, Zamboanga del Norte, overnight.")
    assert country_of(ps, "Siayan") == "PH"


def test_the_abbreviations_of_kashmir_and_khyber_pakhtunkhwa_are_their_provinces():
    ps = places_of("Troops traded fire along the Line of Control in Poonch district, J&K, on Monday.")
    assert [(p.country, p.feature) for p in by_text(ps, "J&K")] == [("IN", "admin1")]
    ps = places_of("Shelling hit Kotli, AJK, while gunmen attacked a post in Bannu, KPK.")
    assert country_of(ps, "AJK") == "PK" and country_of(ps, "KPK") == "PK"


def test_a_name_the_writer_calls_a_district_is_the_district_not_a_namesake_province():
    ps = places_of("A mob beat a soldier at a market in Masafu sub-county (Busia district) on Monday.")
    assert [(p.country, p.feature) for p in by_text(ps, "Busia")] == [("UG", "admin2")]
