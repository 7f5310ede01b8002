"""A small store built from hand-made records (no NLP), a live server on a loopback port, and
headless Chromium, for the API and browser tests of the situation room."""
from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from sitroom.model import Actor, Count, Cue, Entity, Event, EventDate, Place, Quote, Record, Span, Speaker
from sitroom.store import Store

CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]
XSS_TITLE = "<script>window.__pwned = 'title'</script>Market strike"
XSS_OUTLET = "<img src=x onerror=\"window.__pwned = 'outlet'\">"
XSS_SENTENCE = "An airstrike hit the market in Saada <script>window.__pwned = 'text'</script> on Saturday."
CITIES = [  # name, geonameid, lat, lon, country, admin1
    ("Aleppo", 170063, 36.2021, 37.1343, "SY", "09"),
    ("Kyiv", 703448, 50.4547, 30.5238, "UA", "12"),
    ("Saada", 71333, 16.9402, 43.7639, "YE", "15"),
    ("Mosul", 99072, 36.335, 43.1189, "IQ", "15"),
    ("Kunduz", 1135689, 36.728, 68.857, "AF", "24"),
    ("Juba", 373303, 4.8517, 31.5825, "SS", "06"),
]


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def _event(record: Record, n: int, sentence: str, trigger: str, city: tuple, day: str, *,
           kind=("Explosions/Remote violence", "Shelling/artillery/missile attack", "ASSAULT", "heavy-weapons"),
           actor: str | None = None, killed: int | None = None, attribution: int | None = None) -> Event:
    text = record.text
    s0, s1 = _span(text, sentence)
    t0, t1 = _span(text, trigger, s0)
    p0, p1 = _span(text, city[0], s0)
    actor1 = None
    if actor:
        a0, a1 = _span(text, actor, s0)
        actor1 = Actor(text=actor, name=actor, type="state_forces", start=a0, end=a1)
    return Event(
        id=f"{record.id}-e{n}", plover=kind[2], mode=kind[3], acled_event_type=kind[0], acled_sub_event_type=kind[1],
        actor1=actor1,
        place=Place(p0, p1, city[0], city[1], city[0], city[2], city[3], city[4], city[5], "city"),
        date=EventDate(day, day, day, "day"), fatalities=killed, evidence=[Span(s0, s1)], attribution=attribution,
        confidence=0.8, trigger=Entity(t0, t1, trigger, trigger.lower()),
        counts={"fatalities": Count(killed, killed, killed)} if killed is not None else {})


def records() -> list[Record]:
    out = []
    shelling = ("Government forces shelled eastern Aleppo on Monday, killing 12 civilians. "
                "\"The city is being destroyed street by street,\" said Ahmad Khalil, a doctor in the city.")
    r = Record(id="aleppo-wire", text=shelling, title="Shelling in Aleppo", published="2016-12-06",
               source="Test Wire", url="https://example.org/aleppo-wire", content_hash="h-aleppo-wire")
    q0, q1 = _span(shelling, "The city is being destroyed street by street,")
    c0, c1 = _span(shelling, "said")
    k0, k1 = _span(shelling, "Ahmad Khalil")
    r.quotes = [Quote(q0, q1 - 1, shelling[q0:q1 - 1], "direct", Cue(c0, c1, "said"),
                      Speaker(k0, k1, "Ahmad Khalil", "Ahmad Khalil", "doctor", None))]
    r.events = [_event(r, 0, "Government forces shelled eastern Aleppo on Monday, killing 12 civilians.", "shelled",
                       CITIES[0], "2016-12-05", actor="Government forces", killed=12, attribution=0)]
    out.append(r)
    second = "Army shelling of eastern Aleppo on Monday killed 15 civilians, activists told the Levant Desk."
    r = Record(id="aleppo-desk", text=second, title="Aleppo toll rises", published="2016-12-06",
               source="Levant Desk", url="https://example.org/aleppo-desk", content_hash="h-aleppo-desk")
    r.events = [_event(r, 0, second, "shelling", CITIES[0], "2016-12-05", killed=15)]
    out.append(r)
    protest = "Thousands of people marched in Kyiv on Wednesday to demand the release of detained activists."
    r = Record(id="kyiv-daily", text=protest, title="March in Kyiv", published="2017-02-02", source="Kyiv Daily",
               url="https://example.org/kyiv", content_hash="h-kyiv")
    r.events = [_event(r, 0, protest, "marched", CITIES[1], "2017-02-01",
                       kind=("Protests", "Peaceful protest", "PROTEST", "demo"))]
    out.append(r)
    xss = XSS_SENTENCE + " Nine people were killed, officials said."
    r = Record(id="xss-doc", text=xss, title=XSS_TITLE, published="2016-10-09", source=XSS_OUTLET,
               url="javascript:window.__pwned='url'", content_hash="h-xss")
    r.events = [_event(r, 0, XSS_SENTENCE, "airstrike", CITIES[2], "2016-10-08",
                       kind=("Explosions/Remote violence", "Air/drone strike", "ASSAULT", "aerial"), killed=9)]
    out.append(r)
    # a spread of clashes over three months, for the timeline and the map
    for i in range(12):
        city = CITIES[3 + i % 3]
        day = f"2016-{10 + i // 4:02d}-{1 + 7 * (i % 4):02d}"
        sentence = f"Fighters clashed with troops near {city[0]} in report {i}, leaving {i + 1} dead."
        r = Record(id=f"clash-{i:02d}", text=sentence, title=f"Clashes near {city[0]}", published=day,
                   source=f"Outlet {i % 4}", url=f"https://example.org/clash/{i}", content_hash=f"h-clash-{i}")
        r.events = [_event(r, 0, sentence, "clashed", city, day, kind=("Battles", "Armed clash", "ASSAULT", "firearms"),
                           killed=i + 1)]
        out.append(r)
    return out


def build_store(path: Path) -> Path:
    with Store(path) as s:
        for record in records():
            s.add(record)
        s.commit()
    return path


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("web") / "web.db")


@pytest.fixture()
def fresh_db(web_db, tmp_path) -> Path:
    """A copy of the store that a test may write to."""
    path = tmp_path / "web.db"
    shutil.copy(web_db, path)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn serving an app in a thread on a free loopback port."""

    def __init__(self, app):
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.time() + 30
        while not self.server.started:
            if time.time() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(web_db):
    from sitroom.api import create_app

    with LiveServer(create_app(str(web_db))) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright Python package is not installed (pip install playwright)")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield chromium
        chromium.close()
