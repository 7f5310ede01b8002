"""ACLED export codes, checked against ACLED's own codebook where ../shared has it."""
from __future__ import annotations

import csv

from sitroom.export.acled import ACLED_COLUMNS, INTER_CODES, interaction


def test_interaction_codes_follow_acled():
    assert interaction(1, None) == 10          # sole military action
    assert interaction(1, 2) == interaction(2, 1) == 12
    assert interaction(6, 1) == 16
    assert interaction(None, 3) is None
    assert INTER_CODES["civilians"] == 7 and INTER_CODES["protesters"] == 6


def test_columns_are_named_as_in_acleds_codebook(shared):
    with (shared / "data" / "acled_codebook" / "acled_codebook.csv").open() as handle:
        documented = {row["Variable"] for row in csv.DictReader(handle)}
    assert set(ACLED_COLUMNS) <= documented
    with (shared / "data" / "acled_codebook" / "acled_interaction_codes.csv").open() as handle:
        codes = {int(float(row["Numeric Code"])) for row in csv.DictReader(handle)}
    assert set(INTER_CODES.values()) <= codes


def _merged_db(tmp_path):
    from test_merge import corpus, ingest

    url = str(tmp_path / "export.db")
    ingest(url, corpus())
    return url


def test_every_export_carries_event_id_source_urls_and_offsets(tmp_path):
    import io
    import json

    import pyarrow.parquet as pq

    from sitroom import store
    from sitroom.export import WRITERS

    con = store.connect(_merged_db(tmp_path), readonly=True)
    text = io.StringIO()
    WRITERS["acled-csv"](store.query_events(con), text)
    rows = {r["sitroom_event_id"]: r for r in csv.DictReader(io.StringIO(text.getvalue()))}
    strike = rows["m-a"]
    assert strike["event_date"] == "18-11-2016" and strike["time_precision"] == "1" and strike["geo_precision"] == "1"
    assert strike["source"] == "Outlet; Monitor" and strike["fatalities"] == "12"
    assert strike["sitroom_source_urls"].count("https://news.example/") == 3
    assert strike["sitroom_evidence"].startswith("d-a:0-") and strike["sitroom_n_sources"] == "3"
    assert (strike["sitroom_fatalities_low"], strike["sitroom_fatalities_high"], strike["sitroom_contested"]) == \
        ("12", "15", "fatalities")
    assert rows["m-a"]["inter1"] == "1" and rows["m-a"]["interaction"] == "10"  # state forces alone
    assert rows["m-w1"]["inter1"] == "" and rows["m-w1"]["interaction"] == ""  # no actor named

    text = io.StringIO()
    WRITERS["plover"](store.query_events(con), text)
    plover = {r["id"]: r for r in map(json.loads, text.getvalue().splitlines())}
    assert plover["m-a"]["event"] == "ASSAULT" and plover["m-a"]["dead"] == 12
    assert len(plover["m-a"]["sourceUrls"]) == 3 and plover["m-a"]["evidence"][0]["document"] == "d-a"

    text = io.StringIO()
    WRITERS["geojson"](store.query_events(con), text)
    features = {f["id"]: f for f in json.loads(text.getvalue())["features"]}
    assert len(features["m-a"]["properties"]["source_urls"]) == 3
    assert features["m-a"]["properties"]["evidence_offsets"][0]["start"] == 0

    path = tmp_path / "events.parquet"
    with path.open("wb") as handle:
        n = WRITERS["parquet"](store.query_events(con), handle)
    table = pq.read_table(path).to_pylist()
    assert len(table) == n and {r["id"] for r in table} == set(rows)
    strike = next(r for r in table if r["id"] == "m-a")
    assert strike["n_sources"] == 3 and len(strike["source_urls"]) == 3 and strike["evidence"][0]["end"] > 0
    assert (strike["fatalities_low"], strike["fatalities"], strike["fatalities_high"]) == (12, 12, 15)


def test_parquet_export_needs_a_file(tmp_path):
    from typer.testing import CliRunner

    from sitroom.cli import app

    result = CliRunner().invoke(app, ["export", "--db", _merged_db(tmp_path), "--format", "parquet"])
    assert result.exit_code == 2 and "binary format" in result.output
