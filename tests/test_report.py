"""The situation report: pictures, totals with ranges, key events with sources, escaping."""
from __future__ import annotations

import re
import xml.dom.minidom

from typer.testing import CliRunner

from sitroom.cli import app
from test_merge import ALEPPO, HOMS, corpus, event, ingest, record

HOSTILE = ('<script>alert("x")</script> Militants shelled Aleppo on Friday. <img src=x onerror=alert(1)> '
           'Residents said the shells hit a school.')


def _db(tmp_path):
    url = str(tmp_path / "report.db")
    hostile = record("d-evil", HOSTILE, [event("m-evil", kind=("Explosions/Remote violence",
                                                              "Shelling/artillery/missile attack", "heavy-weapons"),
                                              day="2016-11-25", killed=2)], source="<b>Evil</b> Times")
    ingest(url, corpus() + [hostile])
    return url


def test_html_report_has_map_timeline_totals_and_sources(tmp_path):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", "--db", _db(tmp_path), "--place", "Aleppo", "--since", "2016-11-15",
                                      "--until", "2016-12-31", "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text()
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(svgs) == 2
    for svg in svgs:
        xml.dom.minidom.parseString(svg)  # well-formed
    assert "<circle" in svgs[0] and "<path" in svgs[0]  # events over country outlines
    assert "<rect" in svgs[1]
    assert "Aleppo" in html and "Homs" not in html.split("<h2>Key events")[1]
    assert "12 (12–15)" in html and "contested" in html  # the strike's range, flagged
    assert "https://news.example/d-b" in html and "Warplanes struck a field hospital" in html
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;Evil&lt;/b&gt; Times" in html


def test_markdown_report_writes_svg_pictures_and_escapes(tmp_path):
    out = tmp_path / "report.md"
    result = CliRunner().invoke(app, ["report", "--db", _db(tmp_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "![Map of events](report_map.svg)" in text and (tmp_path / "report_map.svg").exists()
    assert (tmp_path / "report_timeline.svg").read_text().startswith("<svg")
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "## Contested figures" in text


def test_map_without_located_events_says_so():
    from sitroom.report.svg import map_svg, timeline_svg

    assert "No located events" in map_svg([{"lat": None, "lon": None}])
    assert "No dated events" in timeline_svg([{"date": None}])


def test_totals_add_ranges(tmp_path):
    from sitroom import store
    from sitroom.report.situation import gather

    url = str(tmp_path / "t.db")
    ingest(url, corpus())
    s = gather(store.connect(url, readonly=True), since="2016-11-01", until="2016-11-30")
    assert s.totals["fatalities"] == {"best": 12 + 4 + 3, "low": 12 + 4 + 3, "high": 15 + 4 + 3, "events": 3}
    assert [e["id"] for e in s.contested] == ["m-a"]
    assert s.key_events[0]["id"] == "m-a"
    assert {e["place"] for e in s.events} == {ALEPPO["name"], HOMS["name"]}
