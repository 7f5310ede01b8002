"""Merging reports into events: stories, rules, stable ids, order independence, explanations.

Records are built by hand (the texts are written for these tests) so that each test controls
exactly what the events stage would have read. tests/test_postgres.py runs the same tests
against a real PostgreSQL server by overriding the `db_url` fixture.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import random

import pytest

from sitroom import store
from sitroom.merge.explain import explain
from sitroom.model import Actor, Count, Event, EventDate, Place, Record, Span
from sitroom.store import Store

ALEPPO = dict(geonameid=170063, name="Aleppo", lat=36.20124, lon=37.16117, country="SY", admin1="09", feature="city")
HOMS = dict(geonameid=169577, name="Homs", lat=34.72682, lon=36.72339, country="SY", admin1="11", feature="city")
SHAAR = dict(geonameid=None, name="al-Shaar", lat=36.214, lon=37.175, country="SY", admin1="09", feature="other")
AIR = ("Explosions/Remote violence", "Air/drone strike", "aerial")
CLASH = ("Battles", "Armed clash", "firearms")
KILLING = ("Violence against civilians", "Attack", None)

REWORDINGS = [
    "Warplanes struck a field hospital in eastern Aleppo on Friday, killing 12 people, rescue workers said. "
    "The building had been hit twice before this month.",
    "At least 15 people died when jets bombed a hospital in the east of Aleppo on Friday, according to a "
    "monitoring group, which said children were among the dead.",
    "A Friday air raid on a clinic in the besieged eastern districts of Aleppo left 12 dead, medics reported, "
    "adding that the facility had stopped taking patients.",
]
WIRE = ("Government forces and rebels clashed on the southern edge of Homs on Tuesday, a war monitor said, "
        "and the fighting left at least four fighters dead on both sides, according to its count of the day's "
        "losses. Residents said shells fell on two districts through the night and that families had fled "
        "towards the north of the city.")


@pytest.fixture()
def db_url(tmp_path) -> str:
    return str(tmp_path / "merge.db")


def record(doc_id: str, text: str, events, published="2016-11-19", source="Outlet") -> Record:
    r = Record(id=doc_id, text=text, published=published, source=source, url=f"https://news.example/{doc_id}",
               content_hash=hashlib.sha256(text.encode()).hexdigest())
    r.events = [e(r) for e in events]
    return r


def event(eid: str, kind=AIR, place=ALEPPO, day="2016-11-18", precision="day", killed=None, actor1=None,
          negated=False, end=None):
    def build(r: Record) -> Event:
        return Event(
            id=eid, plover="ASSAULT", mode=kind[2], acled_event_type=kind[0], acled_sub_event_type=kind[1],
            actor1=Actor(text=actor1[0], name=actor1[0], type=actor1[1]) if actor1 else None,
            place=Place(start=0, end=0, text=place["name"], **place) if place else None,
            date=EventDate(value=day, start=day, end=end or day, precision=precision) if day else None,
            fatalities=killed, negated=negated, evidence=[Span(0, r.text.index(".") + 1)], confidence=0.6,
            counts={"fatalities": Count(killed, killed, None)} if killed is not None else {})
    return build


def corpus() -> list[Record]:
    """Three rewordings of one strike, a wire copy of a clash, and reports that must stay apart."""
    return [
        record("d-a", REWORDINGS[0], [event("m-a", killed=12, actor1=("Syrian warplanes", "state_forces"))]),
        record("d-b", REWORDINGS[1], [event("m-b", killed=15)], source="Monitor"),
        record("d-c", REWORDINGS[2], [event("m-c", killed=12, place=SHAAR)], published="2016-11-20"),
        record("d-w1", WIRE, [event("m-w1", kind=CLASH, place=HOMS, day="2016-11-15", killed=4)], source="Wire"),
        record("d-w2", WIRE + " Updated with residents' accounts.",
               [event("m-w2", kind=CLASH, place=HOMS, day="2016-11-15", killed=4)], source="Wire reprint"),
        record("d-x", "An airstrike hit Aleppo again four days later. Nobody was reported hurt.",
               [event("m-x", day="2016-11-22")]),
        record("d-y", "Rebels said they did not attack Aleppo on Friday. They denied any role.",
               [event("m-y", kind=CLASH, negated=True)]),
        record("d-z", "Gunmen killed three men in Homs on Friday. Police gave no motive.",
               [event("m-z", kind=KILLING, place=HOMS, killed=3)]),
    ]


def ingest(db_url: str, records) -> None:
    with Store(db_url) as s:
        for r in records:
            s.add(r)


def snapshot(db_url: str) -> dict:
    con = store.connect(db_url, readonly=True)
    try:
        return {
            "events": [tuple(r) for r in con.execute(
                "SELECT id, record, n_sources, n_documents, n_mentions, fatalities, fatalities_low, "
                "fatalities_high, contested FROM events ORDER BY id")],
            "mentions": [tuple(r) for r in con.execute("SELECT id, event_id, match FROM mentions ORDER BY id")],
            "stories": [tuple(r) for r in con.execute("SELECT id, story_id FROM documents ORDER BY id")],
        }
    finally:
        con.close()


def events_by_mention(db_url: str) -> dict[str, str]:
    return {m: e for m, e, _ in snapshot(db_url)["mentions"]}


def test_three_rewordings_merge_into_one_event_with_three_sources_and_a_range(db_url):
    ingest(db_url, corpus()[:3])
    con = store.connect(db_url, readonly=True)
    rows = list(store.query_events(con))
    assert len(rows) == 1
    row = rows[0]
    assert (row["n_sources"], row["n_documents"], row["n_mentions"]) == (3, 3, 3)
    assert (row["fatalities_low"], row["fatalities"], row["fatalities_high"]) == (12, 12, 15)
    assert row["contested"] == "fatalities"
    record = json.loads(row["record"])
    assert record["id"] == row["id"] and record["counts"]["fatalities"] == {"low": 12, "best": 12, "high": 15, "text": ""}
    assert {s["document"] for s in record["sources"]} == {"d-a", "d-b", "d-c"}
    assert record["actor1"]["name"] == "Syrian warplanes"  # filled in from the one report that names it
    texts = {r[0]: r[1] for r in con.execute("SELECT id, text FROM documents")}
    for source in record["sources"]:
        span = source["evidence"][0]
        assert texts[source["document"]][span["start"]:span["end"]] == source["evidence_text"]


def test_reports_that_differ_stay_apart(db_url):
    ingest(db_url, corpus())
    groups = events_by_mention(db_url)
    assert groups["m-a"] == groups["m-b"] == groups["m-c"]
    assert groups["m-w1"] == groups["m-w2"]
    apart = ["m-a", "m-w1", "m-x", "m-y", "m-z"]  # 4 days later; negated; another town
    assert len({groups[m] for m in apart}) == len(apart)


def test_wire_copies_count_once(db_url):
    ingest(db_url, corpus())
    con = store.connect(db_url, readonly=True)
    stories = dict(con.execute("SELECT id, story_id FROM documents").fetchall())
    assert stories["d-w1"] == stories["d-w2"] == "d-w1"
    assert len({stories[d] for d in ("d-a", "d-b", "d-c")}) == 3  # rewordings are independent
    clash = store.get_event(con, "m-w1")
    assert (clash["n_documents"], clash["n_sources"], clash["contested"]) == (2, 1, None)


def test_reingesting_changes_nothing(db_url):
    ingest(db_url, corpus())
    before = snapshot(db_url)
    with Store(db_url) as s:
        assert {s.add(r) for r in corpus()} == {"unchanged"}
    assert snapshot(db_url) == before


@pytest.mark.parametrize("seed", range(4))
def test_any_order_gives_the_same_events_and_ids(db_url, tmp_path, seed):
    records = corpus()
    ingest(db_url, records)
    reference = snapshot(db_url)
    order = records[:]
    random.Random(seed).shuffle(order)
    other = db_url.replace("merge.db", f"order{seed}.db") if "://" not in db_url else _fresh(db_url, seed)
    ingest(other, order)
    assert snapshot(other) == reference


def _fresh(url: str, seed: int) -> str:
    """Another empty database on the same PostgreSQL server (see test_postgres.py)."""
    from test_postgres import new_database

    return new_database(url, f"order{seed}")


def test_every_order_of_the_rewordings_gives_one_id(db_url, tmp_path):
    ids = set()
    for n, perm in enumerate(itertools.permutations(corpus()[:3])):
        url = db_url.replace("merge.db", f"p{n}.db") if "://" not in db_url else _fresh(db_url, 100 + n)
        ingest(url, perm)
        ids |= {e for e, *_ in snapshot(url)["events"]}
    assert ids == {"m-a"}


def test_event_id_survives_new_sources(db_url):
    records = corpus()
    ingest(db_url, [records[1], records[2]])
    con = store.connect(db_url, readonly=True)
    first = [r["id"] for r in store.query_events(con)]
    assert first == ["m-b"]
    # a vaguer report (week precision) never takes the lead, whatever its id
    vague = record("d-0", "Hospitals in Aleppo were bombed this week, doctors said. Several staff were hurt.",
                   [event("m-0", day="2016-11-14", end="2016-11-20", precision="week")])
    ingest(db_url, [vague])
    assert [r["id"] for r in store.query_events(con)] == ["m-b"]
    # a report that is just as precise and sorts first leads from now on; the old id still resolves
    ingest(db_url, [records[0]])
    assert [r["id"] for r in store.query_events(con)] == ["m-a"]
    assert store.get_event(con, "m-b")["id"] == "m-a"
    assert store.get_event(con, "m-b")["n_sources"] == 4


def test_a_changed_document_is_merged_again_and_old_ids_resolve(db_url, tmp_path):
    records = corpus()
    ingest(db_url, records)
    changed = record("d-a", "A correction: the strike on Friday hit Homs, not Aleppo. Officials apologised.",
                     [event("m-a2", place=HOMS, killed=2)])
    with Store(db_url) as s:
        assert s.add(changed) == "updated"
    con = store.connect(db_url, readonly=True)
    assert store.get_event(con, "m-a")["id"] == "m-b"  # the vanished lead points at its successor
    assert store.get_event(con, "m-b")["n_sources"] == 2
    # the incremental result equals ingesting the final corpus from scratch
    final = [changed] + records[1:]
    url = db_url.replace("merge.db", "scratch.db") if "://" not in db_url else _fresh(db_url, 200)
    ingest(url, final)
    assert snapshot(url) == snapshot(db_url)


def test_incremental_merging_equals_merging_from_scratch(db_url):
    """Random reports arriving in random order, some documents replaced: same events as a clean run."""
    rng = random.Random(7)
    places = [ALEPPO, HOMS, SHAAR]
    kinds = [AIR, CLASH, KILLING]

    def random_record(i: int, version: int = 0) -> Record:
        evs = []
        for j in range(rng.randint(1, 3)):
            day = f"2016-11-{rng.randint(10, 16):02d}"
            precision = rng.choice(["day", "day", "day", "week"])
            end = day if precision == "day" else f"2016-11-{int(day[-2:]) + 6:02d}"
            evs.append(event(f"m{i:02d}{version}{j}", kind=rng.choice(kinds), place=rng.choice(places), day=day,
                             end=end, precision=precision, killed=rng.choice([None, 3, 5, 9])))
        return record(f"d{i:02d}", f"Report number {i} version {version}. " + "Words follow. " * rng.randint(1, 3), evs)

    records = [random_record(i) for i in range(30)]
    replaced = {i: random_record(i, 1) for i in rng.sample(range(30), 6)}
    order = records[:]
    rng.shuffle(order)
    ingest(db_url, order)
    ingest(db_url, list(replaced.values()))
    final = [replaced.get(i, r) for i, r in enumerate(records)]
    url = db_url.replace("merge.db", "clean.db") if "://" not in db_url else _fresh(db_url, 300)
    ingest(url, sorted(final, key=lambda r: r.id, reverse=True))
    assert snapshot(url) == snapshot(db_url)
    assert len(snapshot(url)["events"]) < sum(len(r.events) for r in final)  # something was merged


def test_explain_shows_the_rules_distances_and_date_gap(db_url):
    ingest(db_url, corpus())
    con = store.connect(db_url, readonly=True)
    data = explain(con, "m-c")
    assert data["id"] == "m-a" and data["n_sources"] == 3
    member = next(m for m in data["mentions"] if m["id"] == "m-c")
    assert member["role"] == "member" and member["seed"] == "m-a"
    assert {r["rule"] for r in member["rules"]} == {"status", "type", "actors", "place", "date"}
    assert all(r["ok"] for r in member["rules"])
    assert 0 < member["distance_km"] < 5 and member["date_gap_days"] == 0
    lead = next(m for m in data["mentions"] if m["id"] == "m-a")
    assert lead["role"] == "seed" and "lead report" in lead["why"]
    assert explain(con, "no-such-event") is None


def test_explain_command(db_url):
    from typer.testing import CliRunner

    from sitroom.cli import app

    ingest(db_url, corpus())
    result = CliRunner().invoke(app, ["explain", "m-b", "--db", db_url], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for text in ("event m-a", "3 independent sources", "✓ place", "✓ date", "joined lead m-a"):
        assert text in result.stdout
    missing = CliRunner().invoke(app, ["explain", "nope", "--db", db_url])
    assert missing.exit_code == 1 and "no event" in missing.stderr


def test_query_filters_on_merged_events(db_url):
    ingest(db_url, corpus())
    con = store.connect(db_url, readonly=True)
    assert {r["id"] for r in store.query_events(con, min_sources=2)} == {"m-a"}
    assert {r["place"] for r in store.query_events(con, place="homs")} == {"Homs"}
    assert list(store.query_events(con, actor="'; DROP TABLE events; --")) == []
    assert len(list(store.query_events(con, include_negated=True))) == len(list(store.query_events(con))) + 1


def test_three_rewordings_through_the_pipeline_become_one_event(db_url, pipeline, tmp_path):
    from sitroom.bench.merge import REWORDINGS
    from sitroom.ingest import ingest as run_ingest

    folder = tmp_path / "rewordings"
    folder.mkdir()
    for i, text in enumerate(REWORDINGS):
        (folder / f"r{i}.txt").write_text(text, encoding="utf-8")
    assert run_ingest([str(folder)], db_url, pipeline=pipeline)["added"] == 3
    con = store.connect(db_url, readonly=True)
    strikes = list(store.query_events(con, type="Explosions/Remote violence"))
    assert len(strikes) == 1
    strike = strikes[0]
    assert (strike["n_sources"], strike["place"], strike["date_start"]) == (3, "Aleppo", "2016-11-18")
    assert (strike["fatalities_low"], strike["fatalities"], strike["fatalities_high"]) == (20, 20, 24)


def test_a_schema_1_store_is_migrated_and_its_events_merged(tmp_path):
    import sqlite3

    db = tmp_path / "old.db"
    con = sqlite3.connect(db)
    con.executescript(store.MIGRATIONS[0])
    con.execute("PRAGMA user_version=1")
    old = corpus()[0]
    data = old.to_dict()
    con.execute("INSERT INTO documents (id, content_hash, text, record, ingested_at) VALUES (?,?,?,?,?)",
                (old.id, old.content_hash, old.text, json.dumps(data), "2016-11-19T00:00:00"))
    row = store.mention_row(old, old.events[0])[:len(store.EVENT_COLUMNS)]
    con.execute(f"INSERT INTO events ({', '.join(store.EVENT_COLUMNS)}) VALUES "
                f"({', '.join('?' * len(store.EVENT_COLUMNS))})", row)
    con.commit()
    con.close()
    with Store(db) as s:  # migrates to the newest schema
        s.add(corpus()[1])  # the first write merges what schema 1 stored
    con = store.connect(db, readonly=True)
    assert con.execute("PRAGMA user_version").fetchone()[0] == len(store.MIGRATIONS)
    event = store.get_event(con, "m-b")
    assert event["id"] == "m-a" and event["n_sources"] == 2


def test_the_candidate_prefilter_never_drops_a_compatible_mention():
    """The SQL narrowing of candidates by place must keep every mention the place rule accepts:
    random mentions near each other, across admin1s and countries, at every precision."""
    import sqlite3

    from sitroom.merge.rules import Mention, _place, place_prefilter

    rng = random.Random(7)
    features = ["city", "other", "admin2", "admin1", "region", "country", None, "", "continent"]
    mentions = []
    for i in range(400):
        placed = rng.random() > 0.15
        lat = rng.uniform(-89.5, 89.5) if rng.random() < 0.2 else 36.2 + rng.uniform(-3, 3)
        lon = rng.uniform(-180, 180) if rng.random() < 0.2 else 37.1 + rng.uniform(-4, 4)
        coords = placed and rng.random() > 0.1
        mentions.append(Mention(
            id=f"m{i}", doc_id="d", plover="ASSAULT", mode=None, acled_event_type="Battles",
            acled_sub_event_type="Armed clash", actor1=None, actor1_type=None, actor2=None, actor2_type=None,
            place=rng.choice(["Aleppo", "Idlib", "Homs"]) if placed else rng.choice([None, ""]),
            geonameid=rng.choice([None, 1, 2, 3]) if placed else None,
            country=rng.choice(["SY", "SY", None]) if placed else None,
            admin1=rng.choice([None, "09", "10"]) if placed else None,
            lat=lat if coords else None, lon=lon if coords else None,
            feature=rng.choice(features) if placed else None, date_start=None, date_end=None,
            date_precision=None, negated=0, hypothetical=0, block="b", day_start=None, day_end=None))
    con = sqlite3.connect(":memory:")
    con.execute(f"CREATE TABLE mentions ({', '.join(Mention.FIELDS)})")
    con.executemany(f"INSERT INTO mentions VALUES ({', '.join('?' * len(Mention.FIELDS))})",
                    [tuple(getattr(m, f) for f in Mention.FIELDS) for m in mentions])
    kept_fewer = 0
    for m in mentions:
        where, args = place_prefilter(m)
        passing = {r[0] for r in con.execute(f"SELECT id FROM mentions WHERE {where}", args)}
        accepted = {c.id for c in mentions if _place(m, c)[0].ok}
        assert accepted <= passing, (m, sorted(accepted - passing)[:3])
        kept_fewer += len(passing) < len(mentions)
    assert kept_fewer > 300  # and it does narrow the candidates


def test_merge_bench_stores_into_fresh_copies_and_reports_the_median_round(tmp_path):
    import csv
    from statistics import median

    from sitroom.bench import merge as bench

    rows = [("1", "Government warplanes struck a market in Idlib on Monday, killing 12 civilians, rescuers said.",
             "3/6/2017", "idlib"),
            ("2", "Airstrikes on an Idlib market killed 12 people on Monday, a monitoring group said.",
             "3/6/2017", "idlib"),
            ("3", "Rebels shelled a government-held district of Aleppo on Friday, killing four people.",
             "3/10/2017", "aleppo")]
    with (tmp_path / "FA-KES.dev.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["unit_id", "article_title", "article_content", "source", "date", "location"])
        for unit, text, day, place in rows:
            writer.writerow([unit, "", text, "wire", day, place])
    figures = bench.run(tmp_path, store_events=1000, sample=2, store_rounds=3)
    rounds = figures["store_ms_per_article_big_store_rounds"]
    assert len(rounds) == 3 and figures["store_ms_per_article_big_store"] == median(rounds)
    assert figures["big_store_events"] >= 1000 and figures["rewordings_ok"]
    assert figures["gold_pairs_same"] == 1 and figures["gold_pairs_different"] == 2
