"""The situation room page in real headless Chromium against a live server: markers on the map,
brushing the timeline, opening an event with its highlighted sentence, filters in the URL, and
a document carrying <script> that renders as text and never runs."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from web_fixtures import XSS_OUTLET, XSS_SENTENCE, browser, live_server, web_db  # noqa: F401  (fixtures)


@pytest.fixture()
def page(browser, live_server):  # noqa: F811
    context = browser.new_context(viewport={"width": 1300, "height": 850})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def open_page(query: str = ""):
        page.goto(f"{live_server.url}/{query}")
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=20_000)
        return page

    page.open = open_page
    yield page
    context.close()
    assert not errors, errors


def listed(page) -> list[str]:
    return page.locator("#events li").evaluate_all("items => items.map(li => li.dataset.id)")


def test_the_page_shows_every_event_on_the_offline_map(page):
    page.open()
    assert page.locator("body").get_attribute("data-points") == "15"
    # markers: single points are SVG circles, dense ones are clusters with a count
    singles = page.locator("path.sr-point").count()
    clustered = sum(int(t) for t in page.locator(".sr-cluster").all_inner_texts())
    assert singles + clustered == 15 and clustered > 0
    assert page.locator(".leaflet-basemap-pane path").count() > 100  # country outlines, no tiles
    assert page.locator(".leaflet-tile").count() == 0
    assert len(listed(page)) == 15


def test_brushing_the_timeline_filters_by_date(page):
    page.open()
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.02, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.30, y, steps=5)
    page.mouse.up()
    page.wait_for_selector("body[data-ready='1']", state="attached")
    query = parse_qs(urlsplit(page.url).query)
    since, until = query["since"][0], query["until"][0]
    assert "2016-09-26" <= since < until <= "2016-12-01"
    ids = listed(page)
    assert 0 < len(ids) < 15
    assert int(page.locator("body").get_attribute("data-points")) == len(ids)
    dates = page.locator("#events li .ev-meta").first.inner_text()
    assert since <= dates <= until
    assert page.locator("input[name=since]").input_value() == since


def test_opening_an_event_shows_its_sources_with_the_mention_highlighted(page):
    page.open("?place=Aleppo")
    assert len(listed(page)) == 1
    page.locator("#events li").first.click()
    page.wait_for_selector("#panel-body .source")
    panel = page.locator("#panel-body")
    assert panel.locator(".source").count() == 2
    assert sorted(panel.locator("mark.hl-trigger").all_inner_texts()) == ["shelled", "shelling"]
    assert panel.locator("mark.hl-place").all_inner_texts() == ["Aleppo", "Aleppo"]
    assert "Ahmad Khalil, doctor" in panel.locator(".quote").inner_text()
    assert panel.locator(".contested").inner_text() == "fatalities"
    assert set(panel.locator(".outlet").all_inner_texts()) == {"Test Wire", "Levant Desk"}
    assert panel.locator("a[href='https://example.org/aleppo-wire']").count() == 1
    assert "event=" in page.url  # the open event is part of the shareable URL


def test_the_url_carries_the_filter(page):
    page.open("?type=Protests")
    assert page.locator("select[name=type]").input_value() == "Protests"
    assert len(listed(page)) == 1
    page.locator("select[name=type]").select_option("Battles")
    page.wait_for_selector("body[data-ready='1']", state="attached")
    page.wait_for_function("() => document.querySelectorAll('#events li').length === 12")
    assert parse_qs(urlsplit(page.url).query)["type"] == ["Battles"]


def test_a_script_in_an_article_is_shown_as_text_and_never_runs(page):
    page.open("?country=YE")
    page.locator("#events li").first.click()
    page.wait_for_selector("#panel-body .source")
    panel = page.locator("#panel-body")
    page.locator("#panel-body .source button").click()
    page.wait_for_selector("#panel-body .doc-text")
    assert XSS_SENTENCE.split(" on Saturday")[0] in panel.locator(".sentence").inner_text()
    assert XSS_SENTENCE in panel.locator(".doc-text").inner_text()
    assert panel.locator(".outlet").inner_text() == XSS_OUTLET
    assert "<script>" in panel.locator(".source > div").first.inner_text()  # the title, as text
    assert panel.locator("script, img").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0  # the javascript: URL is not a link
    assert page.evaluate("() => window.__pwned") is None
    assert "<script>" in page.locator("#events").inner_text()
