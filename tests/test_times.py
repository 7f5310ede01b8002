"""The times stage: TIMEX3 recognition, normalisation against the published date, event dates."""
import os
from pathlib import Path

import pytest

from sitroom.model import Record
from sitroom.stages.linguistic import Linguistic
from sitroom.stages.times import Times, event_date


def annotate(text: str, published="2016-12-07") -> Record:
    record = Record(id="t", text=text, published=published)
    Linguistic()(record)
    Times()(record)
    return record


def timex(record: Record, words: str):
    found = [t for t in record.times if t.text == words]
    assert found, f"no timex {words!r} in {[t.text for t in record.times]}"
    return found[0]


def test_weekday_follows_the_tense_of_its_clause():
    # 2016-12-07 is a Wednesday
    r = annotate("Russia vetoed the resolution on Monday. The rebels will meet on Friday.")
    assert timex(r, "Monday").value == "2016-12-05"
    assert timex(r, "Friday").value == "2016-12-09"


def test_last_weekday_and_deictic_days():
    r = annotate("A resident spoke last Tuesday. Officials said yesterday that talks resume "
                 "tomorrow, and a vote is set for tonight.")
    assert timex(r, "last Tuesday").value == "2016-11-29"
    assert timex(r, "yesterday").value == "2016-12-06"
    assert timex(r, "tomorrow").value == "2016-12-08"
    assert timex(r, "tonight").value == "2016-12-07TNI"


def test_late_october_keeps_its_mod():
    r = annotate("The offensive began in late October and ended in early 2015.")
    t = timex(r, "late October")
    assert (t.type, t.value, t.mod) == ("DATE", "2016-10", "END")
    assert (timex(r, "early 2015").value, timex(r, "early 2015").mod) == ("2015", "START")


def test_january_after_a_december_publication_is_next_year_when_future():
    r = annotate("The new administration will take office on Jan. 20.")
    assert timex(r, "Jan. 20").value == "2017-01-20"
    r = annotate("The convoy left on Nov. 30.")
    assert timex(r, "Nov. 30").value == "2016-11-30"


def test_past_two_weeks_is_a_duration_including_its_determiner():
    r = annotate("Over the past two weeks, 16,000 civilians fled the east of the city.")
    t = timex(r, "the past two weeks")
    assert (t.type, t.value) == ("DURATION", "P2W")


def test_weeks_months_years_seasons_decades_quarters():
    r = annotate("Prices fell last week, rose last month and in the third quarter, as in the "
                 "summer of 2015 and throughout the 1990s. Fighting lasted three years.")
    assert timex(r, "last week").value == "2016-W48"
    assert timex(r, "last month").value == "2016-11"
    assert timex(r, "the third quarter").value == "2016-Q3"
    assert timex(r, "the summer of 2015").value == "2015-SU"
    assert timex(r, "the 1990s").value == "199"
    assert (timex(r, "three years").type, timex(r, "three years").value) == ("DURATION", "P3Y")


def test_references_sets_and_explicit_dates():
    r = annotate("Aid arrives every week. Recently the city was calm; it is currently quiet, "
                 "but the future is unclear. The treaty was signed on Dec. 5, 2016 at 10 p.m.")
    assert (timex(r, "every week").type, timex(r, "every week").value) == ("SET", "P1W")
    assert timex(r, "Recently").value == "PAST_REF"
    assert timex(r, "currently").value == "PRESENT_REF"
    assert timex(r, "the future").value == "FUTURE_REF"
    assert timex(r, "Dec. 5, 2016").value == "2016-12-05"


def test_no_published_date_leaves_relative_values_unresolved():
    r = annotate("The army said on Monday that it had retaken the town last week, in March.",
                 published=None)
    assert timex(r, "Monday").value == "XXXX-WXX-1"
    assert timex(r, "last week").value == "XXXX-WXX"
    assert timex(r, "March").value == "XXXX-03"


def test_verbs_and_names_are_not_dates():
    r = annotate("Prices may fall sharply, April Glaspie said, and 2000 people marched.")
    assert [t.text for t in r.times] == []


def test_every_span_is_its_text():
    r = annotate("ALEPPO, Syria, Dec. 7 (Reuters) - Since 2012, and again on Monday morning, "
                 "about 3,000 people fled within 48 hours; the war is now in its sixth year.")
    assert r.times
    for t in r.times:
        assert r.text[t.start:t.end] == t.text


def test_event_date_prefers_the_governing_timex():
    text = ("ALEPPO, Syria, Dec. 6 (Reuters) - Russia and China vetoed a truce resolution on "
            "Monday. Rebels have held the district since 2012. Shelling continued.")
    r = annotate(text)
    i = text.index("vetoed")
    d = event_date(r, i, i + len("vetoed"))
    assert (d.value, d.start, d.end, d.precision, d.source) == (
        "2016-12-05", "2016-12-05", "2016-12-05", "day", "timex")
    i = text.index("held")
    d = event_date(r, i, i + 4)
    assert (d.value, d.precision, d.start, d.end) == ("2012", "year", "2012-01-01", "2012-12-31")
    i = text.index("Shelling")
    d = event_date(r, i, i + len("Shelling"))
    assert (d.value, d.source) == ("2016-12-06", "dateline")


def test_event_told_as_days_before_or_after_another_time_takes_that_time_shifted():
    text = ("Rescue workers were still pulling bodies on Monday, two days after a truck blew up near the hotel. "
            "Police raided the camp on Tuesday, a week after the bombing of the market. "
            "Residents are still clearing rubble, three days after rebels shelled the town. "
            "Troops withdrew on Friday, after rebels shelled the town.")
    r = annotate(text)
    def at(word, n=1):
        i = -1
        for _ in range(n):
            i = text.index(word, i + 1)
        return event_date(r, i, i + len(word)).value
    assert at("blew") == "2016-12-03"      # Monday 2016-12-05 minus two days
    assert at("bombing") == "2016-11-29"   # Tuesday 2016-12-06 minus a week
    assert at("shelled") == "2016-12-04"  # told in the present: the report's day
    assert at("raided") == "2016-12-06"
    # no span of days: the clause's own date rules as before
    assert at("withdrew") == "2016-12-02"
    assert at("shelled", 2) == "2016-12-02"


def test_event_date_falls_back_on_published_then_unknown():
    text = "Shelling continued in the east of the city."
    r = annotate(text)
    d = event_date(r, 0, 8)
    assert (d.value, d.end, d.source, d.precision) == ("2016-12-07", "2016-12-07", "published", "week")
    r = annotate(text, published=None)
    d = event_date(r, 0, 8)
    assert (d.value, d.start, d.end, d.precision) == ("XXXX-XX-XX", None, None, None)


def _shared() -> Path:
    return Path(os.environ.get("SITROOM_SHARED") or Path(__file__).resolve().parents[2] / "shared")


@pytest.mark.skipif(not (_shared() / "data" / "tempeval3").is_dir(), reason="no ../shared data")
def test_bench_on_a_few_tempeval3_documents():
    from sitroom.bench import time as bench

    figures = bench.run(_shared() / "data" / "tempeval3" / "TimeBank", limit=5, heideltime=False)
    assert figures["docs"] == 5 and figures["n_gold"] > 0
    assert figures["relaxed_f1"] > 70 and figures["value_f1"] > 50
    assert figures["strict_f1"] <= figures["relaxed_f1"]


def test_cues_next_to_a_weekday_override_the_clause_tense():
    # 2016-12-07 is a Wednesday
    r = annotate("Officials postponed until Monday any decision. The envoy could arrive as early "
                 "as Tuesday. Lawyers said they would appeal Monday's ruling.")
    assert timex(r, "Monday").value == "2016-12-12"
    assert timex(r, "Tuesday").value == "2016-12-13"
    assert [t.value for t in r.times if t.text == "Monday"][1] == "2016-12-05"


def test_a_plan_made_on_the_same_weekday_is_that_day():
    r = annotate("The minister has decided to travel to Geneva on Wednesday.")
    assert timex(r, "Wednesday").value == "2016-12-07"


def test_last_month_name_just_ended_is_a_year_back_and_last_with_a_day():
    r = annotate("The law passed last November. He was shot last Oct. 23 at his home.",
                 published="2016-12-07")
    assert timex(r, "last November").value == "2015-11"
    assert timex(r, "Oct. 23").value == "2016-10-23"


def test_years_in_words_and_fractions():
    r = annotate("By the year two thousand prices had doubled since the winter of nineteen "
                 "ninety-four. The talks lasted 5 1/2 hours; the vote took a minute and a half.")
    assert timex(r, "the year two thousand").value == "2000"
    assert timex(r, "the winter of nineteen ninety-four").value == "1994-WI"
    assert timex(r, "5 1/2 hours").value == "PT5H30M"
    assert timex(r, "a minute and a half").value == "PT1M30S"


def test_expressions_anchored_on_the_narrative():
    r = annotate("The rebels took the town in June 1998 and lost it later that year. The "
                 "following month the army returned. The blast came at 10:35 a.m. (0735 GMT) "
                 "on Nov. 4, 2016, and the previous Friday a convoy was hit.")
    assert timex(r, "later that year").value == "1998"
    assert timex(r, "The following month").value == "1998-07"
    assert timex(r, "10:35 a.m.").value == "2016-11-04T10:35"
    assert timex(r, "the previous Friday").value == "2016-10-28"


def test_effective_dates_and_soon_look_ahead():
    r = annotate("The board created a new office, effective Feb. 1. Talks will resume soon.")
    assert timex(r, "Feb. 1").value == "2017-02-01"
    assert timex(r, "soon").value == "FUTURE_REF"
    r = annotate("He was arrested and soon released.")
    assert not [t for t in r.times if t.text == "soon"]


def test_numeric_dates_follow_the_outlets_locale():
    from sitroom.model import Record
    from sitroom.stages.linguistic import Linguistic
    from sitroom.stages.times import Times

    def value(url):
        r = Record(id="t", text="The ceasefire was signed on 05/12/2016 in the capital.",
                   published="2016-12-20", url=url)
        Linguistic()(r)
        Times()(r)
        return [t.value for t in r.times if t.text.startswith("05/12")]

    assert value("https://news.example.co.uk/a") == ["2016-12-05"]
    assert value("https://www.example.com/a") == ["2016-05-12"]
    assert value(None) == ["2016-05-12"]
