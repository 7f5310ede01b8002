"""News-archive formats: WARC, RSS/Atom, CSV, gzip; each with a bad record named and skipped."""
from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from sitroom import inputs
from sitroom.formats import Options, feeds, read_file
from sitroom.model import Failure, Record

BODY = ("Government forces shelled the northern districts of the city on Monday and the United "
        "Nations said thousands of families had fled towards the border over the past week. "
        "Aid agencies said the road to the south was closed and that food was running short.")
SPANISH = ("Las fuerzas del gobierno bombardearon los barrios del norte de la ciudad el lunes y "
           "Naciones Unidas dijo que miles de familias habían huido hacia la frontera durante la "
           "última semana, mientras los hospitales seguían sin electricidad ni medicinas.")


def page(body: str, title: str = "Shelling in the north") -> bytes:
    paragraphs = "".join(f"<p>{s.strip()}.</p>" for s in body.split(".") if s.strip())
    return (f"<html><head><title>{title}</title></head><body><nav>Home | World</nav>"
            f"<article><h1>{title}</h1>{paragraphs}</article><footer>All rights reserved</footer>"
            "</body></html>").encode()


def read(path, **options) -> list:
    return list(inputs.read([str(path)], **options))


# --- WARC ---------------------------------------------------------------------------------

def write_warc(path: Path, gz: bool = True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)

        def response(url, status, ctype, payload, date="2016-12-07T10:00:00Z"):
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                               http_headers=http,
                                               warc_headers_dict={"WARC-Date": date})
            writer.write_record(record)

        writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "test"}))  # 1
        response("https://example.org/news/north", "200 OK", "text/html; charset=utf-8", page(BODY))  # 2
        request = writer.create_warc_record("https://example.org/news/north", "request",
                                            payload=io.BytesIO(b"GET /news/north HTTP/1.1\r\n\r\n"))
        writer.write_record(request)  # 3
        response("https://example.org/logo.png", "200 OK", "image/png", b"\x89PNG....")  # 4
        response("https://example.org/gone", "404 Not Found", "text/html", page(BODY))  # 5
        response("https://example.org/blank", "200 OK", "text/html", b"   ")  # 6: bad record
        response("https://example.org/es/norte", "200 OK", "text/html", page(SPANISH, "Norte"))  # 7


@pytest.mark.parametrize("gz", [True, False])
def test_warc_html_responses_become_documents_with_date_and_url(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, gz)
    items = read(path)
    assert [i.input.rsplit(":", 1)[1] for i in items] == ["2", "6", "7"]
    record, blank, spanish = items
    assert isinstance(record, Record)
    assert record.url == "https://example.org/news/north"
    assert record.published == "2016-12-07"
    assert "Government forces shelled" in record.text and "All rights reserved" not in record.text
    assert isinstance(blank, Failure) and "empty body" in blank.reason
    assert isinstance(spanish, Failure) and spanish.status == "skipped" and "not English" in spanish.reason


def test_warc_resume_passes_over_earlier_records(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    numbers = [n for n, _ in read_file(path, Options(), after=2)]
    assert numbers == [6, 7]


def test_truncated_warc_fails_at_the_record_and_keeps_what_came_before(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    data = path.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 300])
    items = read(cut)
    assert isinstance(items[0], Record)
    assert isinstance(items[-1], Failure) and items[-1].input.startswith(f"{cut}:")


def test_not_a_warc(tmp_path):
    path = tmp_path / "junk.warc"
    path.write_text("this is not an archive\n" * 10)
    (failure,) = read(path)
    assert isinstance(failure, Failure) and failure.input == f"{path}:1"
    assert "not a valid WARC record" in failure.reason


# --- RSS / Atom -----------------------------------------------------------------------------

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Test Desk World</title><link>https://example.org/</link><description>news</description>
<item><title>Shelling in the north</title><link>https://example.org/a</link><guid>item-a</guid>
<pubDate>Wed, 07 Dec 2016 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>{BODY}</p><p>Residents said the bombardment went on all night.</p>]]></content:encoded></item>
<item><title>Brief</title><link>https://example.org/b</link><guid>item-b</guid>
<pubDate>Thu, 08 Dec 2016 09:00:00 GMT</pubDate><description>Only a summary: {BODY}</description></item>
<item><title>Nothing here</title><link>https://example.org/c</link><guid>item-c</guid></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Test Atom Desk</title><id>urn:test</id>
<updated>2017-02-01T00:00:00Z</updated>
<entry><title>Protest in the capital</title><id>urn:test:1</id>
<link href="https://example.org/atom/1"/><published>2017-02-01T08:00:00Z</published>
<updated>2017-02-01T08:00:00Z</updated>
<content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_items_are_documents_with_metadata(tmp_path):
    path = tmp_path / "world.rss"
    path.write_text(RSS)
    full, summary, empty = read(path)
    assert isinstance(full, Record) and full.id == "item-a"
    assert full.title == "Shelling in the north" and full.source == "Test Desk World"
    assert full.url == "https://example.org/a" and full.published == "2016-12-07"
    assert full.text.startswith("Government forces") and "<p>" not in full.text
    assert "\n\nResidents said" in full.text
    assert isinstance(summary, Record) and summary.text.startswith("Only a summary")
    assert summary.published == "2016-12-08"
    assert isinstance(empty, Failure) and empty.input == f"{path}:3"
    assert "no content or summary" in empty.reason


def test_atom_entry_content(tmp_path):
    path = tmp_path / "feed.atom"
    path.write_text(ATOM)
    (record,) = read(path)
    assert isinstance(record, Record) and record.id == "urn:test:1"
    assert record.published == "2017-02-01" and record.url == "https://example.org/atom/1"
    assert record.source == "Test Atom Desk" and record.text.startswith("Government forces")


def test_article_pages_are_fetched_only_when_allowed(tmp_path, monkeypatch):
    path = tmp_path / "world.xml"
    path.write_text(RSS)
    fetched = []

    def fake_fetch(url):
        fetched.append(url)
        return page("The full article says more. " + BODY).decode(), None

    monkeypatch.setattr(feeds, "fetch_page", fake_fetch)
    assert isinstance(read(path)[1], Record) and fetched == []
    full, summary, empty = read(path, fetch=True)
    assert fetched == ["https://example.org/b", "https://example.org/c"]  # items with no full content
    assert "The full article says more." in summary.text
    assert full.text.startswith("Government forces")  # full content in the feed: nothing fetched
    assert isinstance(empty, Record)


def test_failed_fetch_falls_back_to_the_summary_with_a_warning(tmp_path, monkeypatch):
    path = tmp_path / "world.rss"
    path.write_text(RSS)
    monkeypatch.setattr(feeds, "fetch_page", lambda url: (None, f"{url}: timed out"))
    summary = read(path, fetch=True)[1]
    assert summary.text.startswith("Only a summary")
    assert any("not fetched" in w and "timed out" in w for w in summary.warnings)


def test_not_a_feed(tmp_path):
    path = tmp_path / "notes.xml"
    path.write_text("<notes><note>hello</note></notes>")
    (failure,) = read(path)
    assert isinstance(failure, Failure) and failure.input == str(path)


# --- CSV ------------------------------------------------------------------------------------

def test_csv_rows_with_mapped_columns_and_bad_rows(tmp_path):
    path = tmp_path / "articles.csv"
    path.write_text(
        "ID,Title,Date,Source,URL,Text\n"
        f'c1,North,2016-12-07,Test Desk,https://example.org/1,"{BODY}"\n'
        "c2,Broken,2016-12-07,Test Desk\n"
        "c3,Empty,2016-12-07,Test Desk,https://example.org/3,\n"
        f'c4,"Two\nlines",2016-12-08,Test Desk,https://example.org/4,"{SPANISH}"\n'
        f'c5,Last,2016-12-09,Test Desk,https://example.org/5,"{BODY} More."\n')
    items = read(path)
    assert [i.input.rsplit(":", 1)[1] for i in items] == ["2", "3", "4", "5", "7"]
    first, broken, empty, spanish, last = items
    assert isinstance(first, Record) and first.id == "c1" and first.title == "North"
    assert first.published == "2016-12-07" and first.source == "Test Desk"
    assert first.url == "https://example.org/1"
    assert isinstance(broken, Failure) and "4 fields, the header has 6" in broken.reason
    assert isinstance(empty, Failure) and "empty text column" in empty.reason
    assert isinstance(spanish, Failure) and spanish.status == "skipped"
    assert isinstance(last, Record) and last.id == "c5"


def test_csv_text_column_is_named_by_option(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(f'headline,story\nNorth,"{BODY}"\n')
    (failure,) = read(path)
    assert isinstance(failure, Failure) and "no text column" in failure.reason
    assert "--text-column" in failure.reason
    (record,) = read(path, text_column="Story")
    assert isinstance(record, Record) and record.title == "North"


# --- gzip -----------------------------------------------------------------------------------

def test_jsonl_gz_and_a_bad_line(tmp_path):
    path = tmp_path / "wire.jsonl.gz"
    lines = [json.dumps({"id": "g1", "text": BODY, "published": "2016-12-07"}), "{oops",
             json.dumps({"id": "g2", "text": BODY + " Later."})]
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    good, bad, other = read(path)
    assert good.id == "g1" and good.published == "2016-12-07" and other.id == "g2"
    assert isinstance(bad, Failure) and bad.input == f"{path}:2" and "not JSON" in bad.reason


def test_truncated_gzip_is_named_and_earlier_lines_kept(tmp_path):
    path = tmp_path / "wire.jsonl.gz"
    lines = [json.dumps({"id": f"t{i}", "text": f"{BODY} Item {i}."}) for i in range(200)]
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    path.write_bytes(data[: len(data) // 2])
    items = read(path)
    assert isinstance(items[0], Record)
    assert isinstance(items[-1], Failure) and "truncated" in items[-1].reason
    assert items[-1].input == f"{path}:{len(items)}"


def test_gzipped_single_documents(tmp_path):
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(f"Title: North\nID: gz-1\n\n{BODY}".encode()))
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(page("A page seen once. " + BODY)))
    (tmp_path / "c.txt.gz").write_bytes(b"not gzip at all")
    a, b, c = read(tmp_path)
    assert a.id == "gz-1" and a.title == "North"
    assert isinstance(b, Record) and b.title == "Shelling in the north"
    assert isinstance(c, Failure) and c.input.endswith("c.txt.gz") and "cannot be read" in c.reason


# --- many inputs -------------------------------------------------------------------------------

def test_globs_and_folders_find_every_format(tmp_path):
    (tmp_path / "x" / "y").mkdir(parents=True)
    (tmp_path / "x" / "y" / "feed.rss").write_text(RSS)
    (tmp_path / "x" / "one.txt").write_text(BODY)
    (tmp_path / "x" / "sitemap.xml").write_text("<urlset/>")  # .xml only when named
    write_warc(tmp_path / "x" / "crawl.warc.gz")
    names = [i.input for i in read(tmp_path / "x")]
    assert [Path(n.split(":")[0]).name for n in names] == ["crawl.warc.gz"] * 3 + ["one.txt"] + ["feed.rss"] * 3
    assert [i.input for i in read(tmp_path / "x" / "**" / "*.rss")] == [
        f"{tmp_path}/x/y/feed.rss:{n}" for n in (1, 2, 3)]
    (failure,) = read(tmp_path / "nothing-*.csv")
    assert isinstance(failure, Failure) and "no files match" in failure.reason


def test_scan_resumes_after_a_position(tmp_path):
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.jsonl").write_text(
            "".join(json.dumps({"id": f"{name}{i}", "text": BODY}) + "\n" for i in range(3)))
    everything = list(inputs.scan([str(tmp_path)]))
    middle = everything[4].position  # b.jsonl line 2
    rest = list(inputs.scan([str(tmp_path)], after=middle))
    assert [e.item.id for e in rest] == [e.item.id for e in everything[5:]] == ["b2", "c0", "c1", "c2"]
