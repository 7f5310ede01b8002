"""The command line, run in-process: formats, exit codes, messages for bad input, no tracebacks."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.export.acled import ACLED_COLUMNS

FIXTURES = Path(__file__).parent / "fixtures"
SCHEMA_KEYS = {"id", "title", "published", "source", "url", "language", "text", "entities", "times",
               "places", "quotes", "events"}


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory, runner):
    path = tmp_path_factory.mktemp("cli") / "s.db"
    result = runner.invoke(app, ["ingest", str(FIXTURES), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_annotate_writes_one_schema_record_per_document(runner, tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["annotate", str(FIXTURES / "aleppo_veto.txt"),
                                 str(FIXTURES / "wires.jsonl"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == ["test-aleppo-veto", "wire-1", "wire-2"]
    assert all(SCHEMA_KEYS <= set(r) for r in records)


def test_annotate_reads_stdin_and_applies_published(runner):
    text = "Rebels shelled a government checkpoint near Idlib on Friday, killing three soldiers."
    result = runner.invoke(app, ["annotate", "-", "--published", "2017-03-04"], input=text)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.strip().splitlines()[-1])
    assert record["published"] == "2017-03-04" and record["text"] == text


def test_bad_inputs_are_named_counted_and_the_run_goes_on(runner, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bad.jsonl").write_text("nope\n")
    result = runner.invoke(app, ["annotate", str(tmp_path / "empty.txt"), str(tmp_path / "bad.jsonl"),
                                 str(FIXTURES / "aleppo_veto.txt"), "/no/such/file.txt"])
    assert result.exit_code == 3
    assert "Traceback" not in result.output
    assert f"{tmp_path / 'empty.txt'}: empty file" in result.stderr
    assert f"{tmp_path / 'bad.jsonl'}:1: not JSON" in result.stderr
    assert "/no/such/file.txt: no such file" in result.stderr
    assert json.loads(result.stdout.strip())["id"] == "test-aleppo-veto"


def test_bad_option_values_are_refused_clearly(runner, db):
    result = runner.invoke(app, ["annotate", "-", "--published", "someday"], input="x")
    assert result.exit_code == 2 and "not a date" in result.output
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "xml"])
    assert result.exit_code == 2 and "choose one of" in result.output
    result = runner.invoke(app, ["events", "--db", "/no/such.db"])
    assert result.exit_code == 2 and "no such database" in result.output


def test_ingest_stores_failures_and_exit_code_counts_them(runner, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    db = tmp_path / "f.db"
    result = runner.invoke(app, ["ingest", str(tmp_path / "empty.txt"), str(FIXTURES / "wires.jsonl"),
                                 "--db", str(db)])
    assert result.exit_code == 1
    assert "2 added" in result.stderr and "1 failed" in result.stderr
    summary = runner.invoke(app, ["summary", "--db", str(db)])
    assert "empty.txt: empty file" in summary.stdout


def test_events_formats(runner, db):
    table = runner.invoke(app, ["events", "--db", str(db)])
    assert table.exit_code == 0 and "Events" in table.stdout
    lines = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"]).stdout.splitlines()
    events = [json.loads(line) for line in lines]
    assert events and all("plover" in e and "document" in e for e in events)
    rows = list(csv.DictReader(io.StringIO(
        runner.invoke(app, ["events", "--db", str(db), "--format", "csv"]).stdout)))
    assert all(r["event_type"] for r in rows)


def test_events_filters(runner, db):
    all_events = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"]).stdout.splitlines()
    later = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl",
                                "--since", "2017-01-01"]).stdout.splitlines()
    assert len(later) < len(all_events)
    for line in later:
        assert json.loads(line)["date"]["start"] >= "2017-01-01"
    protests = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl",
                                   "--type", "PROTEST"]).stdout.splitlines()
    assert protests and all(json.loads(line)["plover"] == "PROTEST" for line in protests)


def test_export_acled_csv_uses_acled_column_names(runner, db, tmp_path):
    out = tmp_path / "acled.csv"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "acled-csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    reader = csv.DictReader(out.open())
    assert reader.fieldnames[:len(ACLED_COLUMNS)] == ACLED_COLUMNS
    rows = list(reader)
    assert rows and all(r["sitroom_event_id"] and r["sitroom_document_id"] for r in rows)


def test_export_geojson_is_a_feature_collection(runner, db):
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "geojson"])
    data = json.loads(result.stdout)
    assert data["type"] == "FeatureCollection"
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["document"]["id"]


def test_summary_shows_types_places_and_latest_sentences(runner, db):
    result = runner.invoke(app, ["summary", "--db", str(db)])
    assert result.exit_code == 0
    for heading in ("Events by type", "Top places", "Top actors", "Latest dated events"):
        assert heading in result.stdout


def test_bench_events_measures_the_chosen_typer(runner, tmp_path, constant_typer):
    from sitroom.coding.typer import use_model

    notes = tmp_path / "acled_notes"
    notes.mkdir()
    with open(notes / "made_up.dev.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["event_id_cnty", "event_date", "event_type", "sub_event_type", "inter1", "inter2", "notes",
                    "fatalities"])
        w.writerow(["XX1", "3 May 2021", "Explosions/Remote violence", "Shelling/artillery/missile attack", "2", "",
                    "On 3 May 2021, rebel artillery shelled the western districts of the town.", "0"])
    model = tmp_path / "even.npz"
    constant_typer("Peaceful protest", ("even",)).save(model)
    out = tmp_path / "records.out"  # (a .jsonl beside acled_notes would be read as PLOVER GSR)
    try:
        result = runner.invoke(app, ["bench", "events", str(notes), "--typer", str(model), "--out", str(out)])
    finally:
        use_model(None)
    assert result.exit_code == 0, result.output
    assert "trained on: even" in result.output
    rec = json.loads(out.read_text().splitlines()[0])
    assert [e["acled_sub_event_type"] for e in rec["events"] if e["acled_event_type"]] == ["Peaceful protest"]
    result = runner.invoke(app, ["bench", "events", str(notes), "--typer", str(tmp_path / "none.npz")])
    assert result.exit_code == 2


def test_bench_events_scores_legacy_notes_with_protests_and_riots_as_one(runner, tmp_path):
    legacy = tmp_path / "acled_notes_legacy"
    legacy.mkdir()
    with open(legacy / "made_up.dev.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["EVENT_ID_CNTY", "EVENT_DATE", "EVENT_TYPE", "INTER1", "INTER2", "NOTES", "FATALITIES"])
        w.writerow(["XX2", "04-May-2015", "Riots/Protests", "6", "", "Hundreds of nurses protested outside the "
                    "health ministry in Dhaka on Monday, demanding higher pay.", "0"])
    result = runner.invoke(app, ["bench", "events", str(tmp_path), "--taxonomy", "legacy"])
    assert result.exit_code == 0, result.output
    assert "(legacy)" in result.output
    type_row = next(line for line in result.output.splitlines() if "type_acc " in line)
    assert type_row.split("│")[2].strip() == "100.0"
    result = runner.invoke(app, ["bench", "events", str(tmp_path), "--taxonomy", "ancient"])
    assert result.exit_code == 2 and "ancient" in result.output
