"""The JSON API over a small hand-made store: filters, paging, sorting, one event with its sources,
aggregates, facets, documents, exports, limits, and ingestion behind a token."""
from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from sitroom.api import MAX_PAGE, create_app
from web_fixtures import XSS_SENTENCE, fresh_db, web_db  # noqa: F401  (fixtures)


@pytest.fixture(scope="module")
def client(web_db):  # noqa: F811
    return TestClient(create_app(str(web_db)))


def events(client, **params) -> list[dict]:
    response = client.get("/api/events", params={"limit": MAX_PAGE, **params})
    assert response.status_code == 200, response.text
    return response.json()["events"]


def aleppo(client) -> dict:
    (event,) = events(client, place="Aleppo")
    return event


def test_events_newest_first_with_their_lead_document(client):
    rows = events(client)
    assert len(rows) == 15  # 16 articles; the two Aleppo reports are one event
    dates = [r["date_start"] for r in rows]
    assert dates == sorted(dates, reverse=True)
    assert all(r["doc_source"] and r["evidence_text"] for r in rows)


@pytest.mark.parametrize("params, expected", [
    ({"type": "Battles"}, 12),
    ({"sub_type": "Air/drone strike"}, 1),
    ({"plover": "protest"}, 1),
    ({"country": "iq"}, 4),
    ({"place": "Kunduz", "since": "2016-11-01"}, 3),
    ({"since": "2016-12-01", "until": "2016-12-31"}, 5),
    ({"bbox": "36,35,38,37"}, 1),                 # around Aleppo
    ({"bbox": "170,-10,40,60"}, 6),               # crosses the antimeridian: Juba x4, Aleppo, Kyiv
    ({"min_sources": 2}, 1),
    ({"min_confidence": 0.9}, 1),                 # two independent sources raise confidence
    ({"actor": "GOVERNMENT"}, 1),
    ({"q": "killed 15"}, 1),                      # in the second source's sentence only
    ({"q": "100%"}, 0),                           # % is a character, not a wildcard
    ({"place": "x' OR '1'='1"}, 0),
])
def test_filters(client, params, expected):
    rows = events(client, **params)
    assert len(rows) == expected
    if "type" in params:
        assert {r["acled_event_type"] for r in rows} == {params["type"]}
    if "since" in params:
        assert all(r["date_start"] >= params["since"] for r in rows)


FILTER_CASES = [{"bbox": "36,35,38,37"}, {"bbox": "170,-10,40,60"}, {"bbox": "-180,-90,180,90", "sort": "-fatalities"},
                {"bbox": "-180,-90,180,90", "since": "2016-11-01", "min_confidence": 0.5, "sort": "-confidence"},
                {"bbox": "-180,-90,180,90", "type": "Battles", "sort": "sources"},
                {"q": "killed 15"}, {"q": "ALEPPO"}, {"q": "100%"}, {"q": "ki"}, {"actor": "forces"},
                {"actor": "GOVERNMENT"}, {"actor": "no such actor"}]


@pytest.mark.parametrize("params", FILTER_CASES)
def test_every_query_plan_finds_the_same_events(client, monkeypatch, params):
    """A box or text looked up in the R-tree / FTS5 index first, or checked row by row; an actor
    substring as a list of names, or as LIKE: the same events either way."""
    from sitroom import queries

    answers = []
    for selective, names in ((0, 0), (10**9, 10**9)):
        monkeypatch.setattr(queries, "SELECTIVE", selective)
        monkeypatch.setattr(queries, "ACTOR_NAMES_MAX", names)
        answers.append([r["id"] for r in events(client, **params)])
    assert answers[0] == answers[1]
    if "q" in params and params["q"] != "100%":
        assert answers[0]


def test_the_search_indexes_follow_every_write(fresh_db):  # noqa: F811
    """The R-tree and the evidence index are kept by triggers: merged events that move or go,
    and documents that are replaced, leave nothing stale behind."""
    import sqlite3

    from sitroom.store import Store
    from web_fixtures import records

    def check():
        con = sqlite3.connect(fresh_db)
        held = "id, lat, lon, date_start, negated, hypothetical, fatalities, confidence, n_sources, last_reported"
        boxes = sorted(con.execute(f"SELECT event_rowid, min_lat, min_lon, {held} FROM events_rtree"))
        points = sorted(con.execute(f"SELECT rowid, lat, lon, {held} FROM events WHERE lat IS NOT NULL"))
        assert [b[0] for b in boxes] == [p[0] for p in points] and [b[3:] for b in boxes] == [p[3:] for p in points]
        assert all(abs(b[1] - p[1]) < 1e-3 and abs(b[2] - p[2]) < 1e-3 for b, p in zip(boxes, points))
        found = {r[0] for r in con.execute(
            "SELECT m.id FROM mentions_fts f JOIN mentions m ON m.rowid = f.rowid WHERE f.evidence_text LIKE ?",
            ("%Shell%",))}
        expected = {r[0] for r in con.execute("SELECT id FROM mentions WHERE lower(evidence_text) LIKE '%shell%'")}
        assert found == expected
        con.execute("INSERT INTO mentions_fts(mentions_fts, rank) VALUES ('integrity-check', 1)")
        con.close()
        return expected

    assert check() == {"aleppo-wire-e0", "aleppo-desk-e0"}
    changed = next(r for r in records() if r.id == "aleppo-desk")
    changed.content_hash = "h-changed"
    changed.events[0].evidence[0].end = changed.events[0].evidence[0].start + len("Army shelling of eastern Aleppo")
    with Store(fresh_db) as s:
        assert s.add(changed) == "updated"
        s.con.execute("DELETE FROM documents WHERE id = 'aleppo-wire'")  # cascades to its mentions
        s.con.execute("DELETE FROM events WHERE doc_id = 'aleppo-wire'")
        s.commit()
    assert check() == {"aleppo-desk-e0"}


def test_aggregates_are_cached_until_the_store_changes(fresh_db):  # noqa: F811
    import sqlite3

    client = TestClient(create_app(str(fresh_db)))
    monthly = {"interval": "month", "by": "none"}
    before = client.get("/api/aggregates", params=monthly).json()
    assert client.get("/api/aggregates", params=monthly).json() == before
    con = sqlite3.connect(fresh_db)  # another writer, as `sitroom ingest` would be
    con.execute("UPDATE events SET date_start = '2017-03-01' WHERE place = 'Aleppo'")
    con.commit()
    con.close()
    after = client.get("/api/aggregates", params=monthly).json()
    assert after != before and any(b["period"] == "2017-03" for b in after)


def test_the_page_preloads_its_data_and_assets_are_cached(client):
    page = client.get("/", params={"since": "2016-12-01", "actor": "a b~*"}).text
    assert '<link rel="preload" href="/api/points?since=2016-12-01&amp;actor=a+b%7E*"' in page
    assert 'href="/api/events?since=2016-12-01&amp;actor=a+b%7E*&amp;limit=50"' in page
    script = page.split('<script src="/static/app.js?v=')[1].split('"')[0]
    assert client.get(f"/static/app.js?v={script}").headers["cache-control"].endswith("immutable")
    assert client.get("/static/app.js").headers["cache-control"] == "no-cache"
    assert "max-age" in client.get("/vendor/leaflet/leaflet.js").headers["cache-control"]
    basemap = client.get("/api/basemap.geojson", headers={"accept-encoding": "gzip"})
    assert basemap.headers["content-encoding"] == "gzip" and basemap.json()["type"] == "FeatureCollection"


def test_paging_and_sorting(client):
    first = client.get("/api/events", params={"limit": 5}).json()
    second = client.get("/api/events", params={"limit": 5, "offset": 5}).json()
    last = client.get("/api/events", params={"limit": 5, "offset": 10}).json()
    assert first["more"] and second["more"] and not last["more"]
    ids = [e["id"] for page in (first, second, last) for e in page["events"]]
    assert len(ids) == len(set(ids)) == 15
    killed = [r["fatalities"] for r in events(client, sort="-fatalities")]
    known = [k for k in killed if k is not None]
    assert known == sorted(known, reverse=True) and killed[-1] is None
    counted = client.get("/api/events", params={"count": True, "type": "Battles"}).json()
    assert counted["total"] == 12 and counted["total_exact"]


@pytest.mark.parametrize("params", [{"limit": MAX_PAGE + 1}, {"sort": "id; DROP TABLE events"},
                                    {"since": "yesterday"}, {"bbox": "1,2,3"}, {"bbox": "0,80,10,20"},
                                    {"country": "SYR"}, {"min_confidence": 2}])
def test_bad_parameters_are_refused(client, params):
    assert client.get("/api/events", params=params).status_code == 422


def test_one_event_with_every_source_sentence_highlighted(client):
    event = client.get(f"/api/events/{aleppo(client)['id']}").json()
    assert event["n_sources"] == 2 and event["contested"] == ["fatalities"]
    assert (event["counts"]["fatalities"]["low"], event["counts"]["fatalities"]["high"]) == (12, 15)
    by_outlet = {s["outlet"]: s for s in event["sources"]}
    assert set(by_outlet) == {"Test Wire", "Levant Desk"}
    for source in event["sources"]:
        marked = {h["kind"]: source["sentence"][h["start"]:h["end"]] for h in source["highlights"]}
        assert marked["place"] == "Aleppo"
        assert marked["trigger"] in ("shelled", "shelling")
    wire = by_outlet["Test Wire"]
    assert wire["quote"]["speaker"] == "Ahmad Khalil" and wire["quote"]["role"] == "doctor"
    assert wire["url"] == "https://example.org/aleppo-wire"


def test_a_past_mention_id_finds_its_event_and_unknown_ids_404(client):
    merged = aleppo(client)["id"]
    for mention in ("aleppo-wire-e0", "aleppo-desk-e0"):
        assert client.get(f"/api/events/{mention}").json()["id"] == merged
    assert client.get("/api/events/no-such-event").status_code == 404


def test_aggregates_per_period_by_type_and_place(client):
    weekly = client.get("/api/aggregates", params={"interval": "week"}).json()
    assert sum(b["events"] for b in weekly) == 15
    assert all(b["period"] <= b2["period"] for b, b2 in zip(weekly, weekly[1:]))
    assert {b["period"] for b in weekly} >= {"2016-09-26", "2016-12-05"}  # Mondays
    by_place = client.get("/api/aggregates", params={"interval": "month", "by": "place", "type": "Battles"}).json()
    totals: dict[str, int] = {}
    for b in by_place:
        totals[b["key"]] = totals.get(b["key"], 0) + b["fatalities"]
    assert totals == {"Mosul": 1 + 4 + 7 + 10, "Kunduz": 2 + 5 + 8 + 11, "Juba": 3 + 6 + 9 + 12}
    assert client.get("/api/aggregates", params={"interval": "year"}).status_code == 422


def test_places_actors_facets_points(client):
    places = client.get("/api/places").json()
    assert places[0]["events"] == 4 and {p["place"] for p in places} >= {"Aleppo", "Kyiv", "Saada"}
    assert client.get("/api/actors").json() == [{"name": "Government forces", "type": "state_forces", "events": 1}]
    facets = client.get("/api/facets").json()
    assert facets["type"] == ["Battles", "Explosions/Remote violence", "Protests"]
    assert facets["dates"] == ["2016-10-01", "2017-02-01"]
    points = client.get("/api/points", params={"type": "Battles", "limit": 5}).json()
    assert points["fields"][:3] == ["id", "lat", "lon"] and len(points["points"]) == 5 and points["truncated"]
    assert {points["types"][p[3]] for p in points["points"]} == {"Battles"}  # a type is an index into types


def test_documents(client):
    docs = client.get("/api/documents", params={"limit": 100}).json()["documents"]
    assert len(docs) == 16
    doc = client.get("/api/documents/aleppo-wire").json()
    assert doc["text"].startswith("Government forces shelled") and doc["quotes"][0]["speaker"] == "Ahmad Khalil"
    assert doc["mentions"] == [{"mention": "aleppo-wire-e0", "event": aleppo(client)["id"]}]
    xss = client.get("/api/documents/xss-doc").json()
    assert XSS_SENTENCE in xss["text"]  # stored and served as data; the page escapes it
    assert client.get("/api/documents/nope").status_code == 404


def test_exports_of_the_current_filter(client):
    response = client.get("/api/export/acled-csv", params={"type": "Battles"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 12 and {r["event_type"] for r in rows} == {"Battles"}
    geo = client.get("/api/export/geojson", params={"country": "SY"}).json()
    assert len(geo["features"]) == 1 and len(geo["features"][0]["properties"]["source_urls"]) == 2
    plover = [json.loads(line) for line in client.get("/api/export/plover").text.splitlines()]
    assert len(plover) == 15
    assert client.get("/api/export/parquet").content[:4] == b"PAR1"
    assert client.get("/api/export/xml").status_code == 422


def test_page_headers_and_docs(client):
    page = client.get("/")
    assert page.status_code == 200 and "/vendor/leaflet/leaflet.js" in page.text
    policy = page.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    assert client.get("/vendor/leaflet/leaflet.js").status_code == 200
    assert client.get("/vendor/markercluster/leaflet.markercluster.js").status_code == 200
    assert client.get("/static/app.js").status_code == 200
    world = client.get("/api/basemap.geojson").json()
    assert len(world["features"]) > 150 and {"name", "iso"} <= set(world["features"][0]["properties"])
    spec = client.get("/openapi.json").json()
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"since", "until", "type", "sub_type", "plover", "actor", "country", "admin1", "place", "bbox",
            "min_sources", "min_confidence", "q", "sort", "limit", "offset"} <= names
    assert "/api/events/{event_id}" in spec["paths"] and "/api/aggregates" in spec["paths"]
    assert client.get("/docs").status_code == 200


def test_the_tile_setting_is_escaped_in_the_page(web_db):  # noqa: F811
    client = TestClient(create_app(str(web_db), tiles='https://tiles.example.org/{z}/{x}/{y}.png?a="><b>'))
    page = client.get("/")
    assert '"><b>' not in page.text and "&#34;&gt;&lt;b&gt;" in page.text
    assert "img-src 'self' data: https://tiles.example.org" in page.headers["content-security-policy"]
    with pytest.raises(ValueError):
        create_app(str(web_db), tiles="javascript:alert(1)")


def test_a_missing_store_is_refused(tmp_path):
    from sitroom.store import StoreError

    with pytest.raises(StoreError):
        create_app(str(tmp_path / "missing.db"))


# --- ingestion ---------------------------------------------------------------------------------

ARTICLE = {"id": "api-1", "title": "Strike on Saada", "published": "2016-10-09", "source": "API Test",
           "url": "https://example.org/api-1",
           "text": "An airstrike hit a crowded market in the town of Saada on Saturday, killing at least nine "
                   "people, local officials said."}


def test_ingest_is_off_without_a_token(client):
    assert client.post("/api/documents", json=ARTICLE).status_code == 403


def test_ingest_requires_the_token_and_caps_the_body(fresh_db, pipeline):  # noqa: F811
    client = TestClient(create_app(str(fresh_db), token="s3cret", max_body=10_000, pipeline=pipeline))
    assert client.post("/api/documents", json=ARTICLE).status_code == 401
    assert client.post("/api/documents", json=ARTICLE, headers={"Authorization": "Bearer nope"}).status_code == 401
    auth = {"Authorization": "Bearer s3cret"}
    big = dict(ARTICLE, text="word " * 5000)
    assert client.post("/api/documents", json=big, headers=auth).status_code == 413
    assert client.post("/api/documents", content=b"{not json", headers=auth).status_code == 422
    assert client.post("/api/documents", json={"title": "no text"}, headers=auth).status_code == 422
    created = client.post("/api/documents", json=ARTICLE, headers=auth)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["id"] == "api-1" and body["status"] == "added" and body["events"]
    assert client.get("/api/documents/api-1").json()["source"] == "API Test"
    event = client.get(f"/api/events/{body['events'][0]}").json()
    assert any(s["document"] == "api-1" for s in event["sources"])
    again = client.post("/api/documents", json=ARTICLE, headers=auth).json()
    assert again["status"] == "unchanged"


def test_a_schema_3_store_keeps_its_text_search_after_migrating(tmp_path, monkeypatch):
    """Migration 4 rebuilds the evidence index without positions: what a schema-3 store held
    is found again, and what is stored afterwards too."""
    import sqlite3

    from sitroom import queries, store
    from sitroom.store import Store
    from web_fixtures import records

    db = tmp_path / "old.db"
    first, *rest = records()
    with monkeypatch.context() as m:
        m.setattr(store, "MIGRATIONS", store.MIGRATIONS[:3])
        with Store(db) as s:
            s.add(first)
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == 3
    with Store(db) as s:
        for r in rest:
            s.add(r)
    con = store.connect(db, readonly=True)
    assert con.execute("PRAGMA user_version").fetchone()[0] == len(store.MIGRATIONS)
    found = {r[0] for r in con.execute(
        "SELECT m.doc_id FROM mentions_fts f JOIN mentions m ON m.rowid = f.rowid WHERE f.evidence_text LIKE ?",
        ("%shell%",))}
    expected = {r[0] for r in con.execute("SELECT doc_id FROM mentions WHERE lower(evidence_text) LIKE '%shell%'")}
    assert first.id in found and found == expected
    assert queries.fts_match("ab") is None
    by_trigrams = {r[0] for r in con.execute(
        "SELECT m.doc_id FROM mentions_fts f JOIN mentions m ON m.rowid = f.rowid WHERE mentions_fts MATCH ?",
        (queries.fts_match("Shell"),))}
    assert expected <= by_trigrams
