import pytest

from sitroom.coding.actors import find_mentions
from sitroom.model import Record
from sitroom.stages.events import Events
from sitroom.stages.linguistic import Linguistic, load_nlp


def _mentions(text):
    doc = load_nlp()(text)
    return [(m.name, m.type, m.country) for s in doc.sents for m in find_mentions(s)]


def test_the_regime_of_a_named_leader_is_his_government():
    assert _mentions("The curfew was imposed by the regime of President Nicolas Maduro.") == [
        ("Government of Venezuela", "government", "VE")]
    assert _mentions("The regime shelled the town.")[0][1] == "state_forces"


def test_a_weapon_named_for_its_user_is_no_actor():
    assert all(typ != "state_forces" for _, typ, _ in _mentions("The gang fired sniper rifles at the bus."))


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
    ("National Resistance Forces repelled the assault.", "National Resistance Forces", "political_militia", "YE"),
    ("Security Belt Forces deployed in the city.", "Security Belt Forces", "state_forces", "YE"),
    ("Hamas fired rockets overnight.", "Hamas", "political_militia", "PS"),
    ("Mai-Mai militiamen looted the market.", "Mayi Mayi Militia", "political_militia", "CD"),
    ("A private security guard shot a customer.", "Private Security Forces", "other", None),
    ("Dan Na Ambassagou fighters raided the hamlet.", "Dan Na Ambassagou", "identity_militia", "ML"),
    ("The 12th Mechanized Brigade held the bridge.", "Military", "state_forces", None),
    ("Comando Vermelho traffickers fired at the patrol.", "Cartel", "political_militia", None),
    ("A government employee was wounded.", "Civilians", "civilians", None),
    ("Militias from Umuleri and Aguleri fought over farmland.", "Communal Militia", "identity_militia", None),
    ("A Kenyan police officer was wounded.", "Police Forces of Kenya", "state_forces", "KE"),
    ("Inmates were beaten by prison guards.", "Police", "state_forces", None),
    ("GNB officers dispersed the crowd.", "Military Forces of Venezuela", "state_forces", "VE"),
    ("Pro-government forces shelled the village.", "Military", "state_forces", None),
    ("The U.S.-led coalition bombed a bridge.", "Global Coalition Against Daesh", "external_forces", None),
    ("Armed groups looted the clinic.", "Unidentified Armed Group", "political_militia", None),
    ("The FARC handed over its weapons.", "FARC: Revolutionary Armed Forces of Colombia", "rebels", "CO"),
    ("Fighters of the Arakan Rohingya Salvation Army raided a post.", "ARSA: Arakan Rohingya Salvation Army",
     "rebels", "MM"),
    ("Suspected NDFB(S) militants ambushed a convoy.", "North-East Indian Rebels", "rebels", "IN"),
    ("TTP fighters attacked a checkpoint.", "TTP: Tehrik-i-Taliban Pakistan", "rebels", "PK"),
    ("Muslim separatists planted the bomb.", "Malay Muslim Separatists", "rebels", "TH"),
    ("TNLA troops withdrew from the hill.", "Myanmar Ethnic Armed Organisations", "rebels", "MM"),
    ("CPI(Maoist) cadres torched two trucks.", "Naxal-Maoist Rebels (India)", "rebels", "IN"),
    ("Two levies personnel were wounded.", "Police", "state_forces", None),
    ("Frontier Corps troops cordoned off the area.", "Military", "state_forces", None),
    ("Pakistani Rangers raided a house.", "Military Forces of Pakistan", "state_forces", "PK"),
    ("Bangladesh Chhatra League men chased the students.", "AL: Bangladesh Awami League", "civilians", "BD"),
    ("A local leader of the BNP was wounded.", "BNP: Bangladesh Nationalist Party", "civilians", "BD"),
    ("Rebel troops shelled the garrison.", "Rebels", "rebels", None),
    ("A militant of the Assam-based ULFA was killed.", "North-East Indian Rebels", "rebels", "IN"),
    ("A security official was wounded.", "Police", "state_forces", None),
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


def _violent(r):
    return [e for e in r.events if e.acled_event_type in ("Battles", "Explosions/Remote violence",
                                                          "Violence against civilians")]


def test_the_source_of_a_report_is_not_an_actor():
    r = _events("Up to 9,000 people have fled the northern districts, the United Nations said on Tuesday, "
                "after army units overran the rebel enclave.")
    evs = _violent(r)
    assert evs and all(e.actor1 is None or e.actor1.type != "igo" for e in evs)
    assert evs[0].actor1.type == "state_forces"


def test_condemning_an_attack_is_not_doing_it():
    r = _events("The UN envoy condemned the attack on the market.")
    assert all(e.actor1 is None or e.actor1.type != "igo" for e in _violent(r))


def test_perpetrator_named_in_a_later_sentence():
    r = _events("A car bomb exploded outside a hotel in the capital, killing six guests. "
                "Al Shabaab claimed responsibility for the blast.")
    ev = _violent(r)[0]
    assert ev.actor1.name == "Al Shabaab"


def test_attack_blamed_on_a_group():
    r = _events("Gunmen opened fire on a minibus, killing three passengers. Officials blamed the attack on the Taliban.")
    assert _violent(r)[0].actor1.name == "Taliban"


def test_repelled_attack_by_is_the_opponent():
    r = _events("Afghan forces repelled an attack by Taliban militants in the district, killing nine militants.")
    ev = _violent(r)[0]
    assert ev.actor1.name == "Military Forces of Afghanistan"
    assert ev.actor2.name == "Taliban"


def test_anti_group_forces_are_not_the_group():
    assert not [m for m in _mentions("Anti-Houthi forces shelled the port.") if m[0] == "Houthis"]


def test_a_country_named_as_a_place_is_not_an_actor():
    r = _events("Shells hit a crowded market in Aleppo, Syria, killing four shoppers.")
    assert all(a is None or a.type != "government" for e in r.events for a in (e.actor1, e.actor2))


def test_civilians_are_not_the_perpetrators_of_violence():
    r = _events("Rescue workers said artillery fire killed 21 people in the district.")
    ev = _violent(r)[0]
    assert ev.actor1 is None or ev.actor1.type != "civilians"


def test_arrests_have_conventional_actors():
    from sitroom.coding.incidents import conventional_hints

    assert conventional_hints("Arrests", None, None) == ("state_forces", "civilians")
    assert conventional_hints("Mob violence", "rioters", None) == ("rioters", "civilians")
    r = _events("Police arrested ten young men in the village.")
    ev = next(e for e in r.events if e.acled_sub_event_type == "Arrests")
    assert ev.actor1.type == "state_forces" and ev.actor2.type == "civilians"


def test_a_country_modifying_a_strike_names_its_forces():
    assert ("Military Forces of United States", "state_forces", "US") in _mentions("A U.S. airstrike hit the hospital.")
    assert ("Military Forces of Russia", "state_forces", "RU") in _mentions("Russian air strikes hit the town.")
    assert ("Military Forces of United States", "state_forces", "US") in _mentions(
        "Afghan troops backed by U.S. special forces fought the Taliban.")
    # a force word that only modifies another noun names no forces
    assert not any(t == "state_forces" for _, t, _ in _mentions("U.S. security cooperation with Riyadh is no blank check."))
    assert ("Military Forces of Russia", "state_forces", "RU") in _mentions("Russian military aircraft bombed the town.")
    # (what an anniversary is of is history and makes no event: the strike told as news instead)
    r = _events("A U.S. airstrike destroyed the trauma hospital in Kunduz on Saturday, killing 42 people.")
    assert _violent(r)[0].actor1.name == "Military Forces of United States"


def test_the_backer_of_the_subject_is_not_the_agent():
    r = _events("Afghan troops backed by U.S. special forces fought on Tuesday to clear pockets of Taliban fighters "
                "from Kunduz, a day after the insurgents pushed into the heart of the northern city.")
    ev = next(e for e in r.events if e.acled_event_type == "Battles")
    assert ev.actor1.name == "Military Forces of Afghanistan"


def test_officials_who_accuse_speak_for_the_government():
    r = _events("A truck bomb killed 20 people in Mogadishu, Somalia. Officials blamed al-Shabaab for the attack.")
    e = next(e for e in r.events if e.plover == "ACCUSE")
    assert e.actor1.type == "government"
    # officials killed in an attack are still its civilian victims
    r = _events("Gunmen shot dead two officials in Mogadishu, Somalia.")
    assert _violent(r)[0].actor2.type == "civilians"


def test_whose_backing_the_clause_tells_is_no_actor():
    r = _events("Maduro addressed a rally of his supporters and accused opposition leaders of plotting a coup "
                "with U.S. backing.")
    acc = [e for e in r.events if e.plover == "ACCUSE"]
    assert acc and all(e.actor1 is None or e.actor1.country != "US" for e in acc)
    r = _events("With the support of Iran, militants attacked the town.")
    assert _violent(r) and _violent(r)[0].actor1.country != "IR"
    # the backing told as the event itself keeps its backer
    r = _events("Iran backed the militants.")
    assert any(e.plover == "SUPPORT" and e.actor1 is not None and e.actor1.country == "IR" for e in r.events)


def test_a_group_and_the_word_for_its_members_are_one_actor():
    assert _mentions("Five NPA militants surrendered to military police forces.") == [
        ("NPA: New People's Army", "rebels", "PH"), ("Police", "state_forces", None)]


def test_militias_from_a_known_actor_or_a_country_are_not_communal():
    assert ("Militia", "political_militia", None) in _mentions("Militiamen from Syria crossed the border.")
    assert not any(t == "identity_militia" for _, t, _ in _mentions("Militiamen from Hezbollah crossed the border."))


def test_off_duty_forces_are_civilians():
    r = _events("Gunmen shot dead a soldier (off duty) outside a mosque in the town.")
    assert _violent(r)[0].actor2.type == "civilians"
    # another phrase of the sentence does not make the police off duty
    from sitroom.coding.actors import off_duty

    sent = next(load_nlp()("Forty civilians were freed by Afghan police from a prison.").sents)
    police = next(m for m in find_mentions(sent) if m.type == "state_forces")
    assert not off_duty(police)


def test_a_demonym_naming_persons_is_no_government():
    found = _mentions("A Palestinian stabbed a guard, and two Palestinians were detained.")
    assert found == [("Civilians (Palestinian Territory)", "civilians", "PS")] * 2
    assert _mentions("Russia and China vetoed the resolution.") == [
        ("Government of Russia", "government", "RU"), ("Government of China", "government", "CN")]


def test_an_ordinal_alone_is_no_unit():
    assert _mentions("She finished 4th in the race.") == []


def test_short_acronyms_need_capitals():
    assert ("LeT: Lashkar-e-Taiba", "rebels", "IN") in _mentions("LeT fighters were trapped in the orchard.")
    assert _mentions("Let the talks begin, the envoy said.") == []


def test_the_user_of_a_mine_named_in_a_later_sentence():
    r = _events("A landmine exploded under a truck near the village, wounding its driver. "
                "The mine had been planted by Boko Haram.")
    assert _violent(r)[0].actor1.name == "Boko Haram"


def test_the_sides_of_a_battle_are_armed():
    r = _events("Rival gangs clashed with rifles in the north of the city on Sunday, and two passers-by were killed.")
    ev = next(e for e in r.events if e.acled_event_type == "Battles")
    assert ev.actor1 is not None and ev.actor2 is not None
    assert {ev.actor1.type, ev.actor2.type} <= {"state_forces", "rebels", "political_militia", "identity_militia",
                                                "external_forces"}


def test_both_unarmed_groups_in_a_brawl_are_rioters():
    r = _events("Two groups of villagers clashed over a land dispute, injuring four people.")
    ev = next(e for e in r.events if e.acled_sub_event_type == "Mob violence")
    assert ev.actor1.type == ev.actor2.type == "rioters"
    r = _events("Neighbours in the market attacked each other with sticks, injuring a woman.")
    ev = next(e for e in r.events if e.acled_sub_event_type == "Mob violence")
    assert ev.actor1.type == ev.actor2.type == "rioters"


def test_the_state_is_the_other_side_of_a_protest_met_with_force():
    r = _events("Some 300 workers held a protest outside the factory against their employer on Monday. "
                "Police dispersed them and detained 20 protesters.")
    ev = next(e for e in r.events if e.acled_sub_event_type == "Protest with intervention")
    assert ev.actor1.type == "protesters" and ev.actor2.type == "state_forces"


def test_forces_hit_by_a_device_are_its_victims():
    r = _events("An army truck struck a roadside IED near the village, wounding two soldiers. "
                "Al Shabaab claimed responsibility.")
    ev = _violent(r)[0]
    assert ev.actor1.name == "Al Shabaab" and ev.actor2.type == "state_forces"


def test_a_clause_on_the_mention_tells_what_it_did():
    # the parser reads 'IS' as a verb and 'planted' as a clause on 'militants': with its object it is active
    r = _events("On 3 June 2021, IS militants planted an IED targeting an army convoy near the river, "
                "leaving two soldiers dead.")
    assert _violent(r)[0].actor1.name == "Islamic State"


def test_rioters_face_the_police_named_with_them():
    r = _events("Rioting villagers stoned a lorry driver and torched tyres in protest at the water cuts before "
                "police arrived.")
    ev = next(e for e in r.events if e.acled_sub_event_type == "Violent demonstration")
    assert ev.actor1.type == "rioters" and ev.actor2.type == "state_forces"


def test_the_subject_of_a_clause_before_an_active_trigger_is_not_its_agent():
    """The passive rule ('were killed when Afghan forces repulsed their attack') needs a trigger with no
    subject of its own; an active trigger's subject acts."""
    events = _events("A day after Russia and China blocked a Security Council demand for a truce in Aleppo, "
                     "Syrian troops on Tuesday captured the Al-Shaar district.")
    capture = next(e for e in events.events if e.plover == "COERCE")
    assert capture.actor1.name == "Military Forces of Syria"
    events = _events("Five Taliban fighters were killed when Afghan forces repulsed their attack on a checkpoint.")
    assert any(e.actor1 and e.actor1.name.startswith("Military Forces of Afghanistan") for e in events.events)


def test_titled_person_named_later_by_surname():
    text = ("President Amara Kolubah accused the rebels of breaking the truce. Kolubah then ordered an inquiry. "
            "Fatou Kolubah, a market trader, was not hurt.")
    doc = load_nlp()(text)
    sents = list(doc.sents)
    assert ("Government", "government") in [(m.name, m.type) for m in find_mentions(sents[1])]
    assert "Government" not in [m.name for m in find_mentions(sents[2])]


def test_country_leader_is_their_government():
    doc = load_nlp()("Taiwan's leader, Lin Mei-hua, apologised to the public on Sunday.")
    assert [(m.name, m.type) for s in doc.sents for m in find_mentions(s)] == [("Government", "government")]


def test_former_president_and_opposition_leader_are_no_government():
    text = "Opposition leader Maria Okonjo called for a march. Okonjo said the vote was rigged."
    doc = load_nlp()(text)
    assert all(m.type != "government" for s in doc.sents for m in find_mentions(s))


def test_named_head_of_state_without_title():
    assert ("Government of Russia", "government", "RU") in _mentions("Putin ordered new airstrikes on the town.")
    assert ("Government of Russia", "government", "RU") in _mentions(
        "A spokesman for President Vladimir Putin denied the report.")


def test_actor_name_follows_its_retyping():
    r = _events("An off-duty Kenyan police officer shot a shopkeeper dead in Kisumu on Friday.")
    a = next(e.actor1 for e in r.events if e.acled_event_type)
    assert (a.type, a.name) == ("civilians", "Civilians (Kenya)")
    r = _events("Protesters set fire to tyres and threw stones at police in Kisumu on Friday.")
    e = next(e for e in r.events if e.acled_sub_event_type == "Violent demonstration")
    assert (e.actor1.type, e.actor1.name.split(" ")[0]) == ("rioters", "Rioters")


def test_a_constable_shot_on_duty_is_a_battle():
    r = _events("Unidentified gunmen shot dead a constable guarding a bank in the town on Monday.")
    assert [e.acled_event_type for e in r.events if e.acled_event_type] == ["Battles"]


def test_a_partys_men_who_fight_or_attack_are_its_militia_and_demonstrate_as_protesters():
    e = next(e for e in _events("Two BNP activists were wounded in a gunfight with police on the highway on Monday.").events
             if e.acled_event_type == "Battles")
    assert {e.actor1.type, e.actor2.type} == {"political_militia", "state_forces"}
    e = next(e for e in _events("A local leader of the BNP was wounded in a gunfight with police on Sunday.").events
             if e.acled_event_type == "Battles")
    assert {e.actor1.type, e.actor2.type} == {"political_militia", "state_forces"}
    e = next(e for e in _events("BJP activists beat a CPI(M) worker with iron rods in the village on Sunday.").events
             if e.acled_event_type == "Violence against civilians")
    assert (e.actor1.name, e.actor1.type) == ("BJP: Bharatiya Janata Party", "political_militia")
    assert e.actor2.type == "civilians"
    e = next(e for e in _events("Hundreds of PTI workers staged a demonstration outside the press club.").events
             if e.acled_event_type == "Protests")
    assert (e.actor1.name, e.actor1.type) == ("PTI: Pakistan Tehreek-e-Insaf", "protesters")


def test_a_member_of_a_named_group_is_the_group():
    assert [(n, t) for n, t, _ in _mentions("A gunman of the Taliban was killed near the post.")] == [("Taliban", "rebels")]
    assert ("Unidentified Armed Group", "political_militia", None) in _mentions("A militant of unknown affiliation died.")


@pytest.mark.parametrize("text, words", [
    ("Hartal supporters set fire to a bus in Khulna on Sunday.", "hartal supporters"),
    ("Bandh enforcers blocked the highway outside the town at dawn.", "bandh enforcers"),
    ("Agitators threw stones at the district office on Monday.", "agitators"),
])
def test_shutdown_enforcers_and_agitators_are_protesters(text, words):
    doc = load_nlp()(text)
    ms = [m for s in doc.sents for m in find_mentions(s)]
    assert any(m.type == "protesters" and doc[m.start:m.end].text.lower() == words for m in ms)
