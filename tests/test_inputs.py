"""The input funnel: formats, headers, and every kind of bad input named with its reason."""
from __future__ import annotations

from pathlib import Path

from sitroom import inputs
from sitroom.model import Failure, Record

FIXTURES = Path(__file__).parent / "fixtures"
ENGLISH = ("Government forces shelled the northern districts of the city on Monday and the United "
           "Nations said thousands of families had fled towards the border over the past week.\n")


def read_one(path) -> Record | Failure:
    items = list(inputs.read([str(path)]))
    assert len(items) == 1
    return items[0]


def test_txt_header_sets_metadata_and_body():
    record = read_one(FIXTURES / "aleppo_veto.txt")
    assert isinstance(record, Record)
    assert record.id == "test-aleppo-veto"
    assert record.title.startswith("Russia and China block")
    assert record.published == "2016-12-06"
    assert record.source == "Test Desk"
    assert record.url == "https://example.org/test/aleppo-veto"
    assert record.text.startswith("Russia and China vetoed")
    assert "Title:" not in record.text
    assert record.language == "en"


def test_txt_without_header_is_all_body(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("Note: this line looks like a header but is prose.\n\n" + ENGLISH)
    record = read_one(path)
    assert record.text.startswith("Note: this line")
    assert record.title is None


def test_html_body_title_and_date_are_extracted():
    record = read_one(FIXTURES / "protest.html")
    assert isinstance(record, Record)
    assert "Tens of thousands of people marched" in record.text
    assert "Home" not in record.text and "All rights reserved" not in record.text
    assert record.title == "Thousands march in Minsk"
    assert record.published == "2020-08-16"


def test_jsonl_each_line_is_a_document():
    items = list(inputs.read([str(FIXTURES / "wires.jsonl")]))
    assert [i.id for i in items] == ["wire-1", "wire-2"]
    assert items[0].published == "2016-10-08" and items[0].source == "Test Wire"
    assert items[1].input.endswith("wires.jsonl:2")


def test_default_published_applies_only_where_input_has_none():
    items = list(inputs.read([str(FIXTURES / "wires.jsonl")], published="2020-01-01"))
    assert [i.published for i in items] == ["2016-10-08", "2017-02-01"]
    path = FIXTURES / "aleppo_veto.txt"
    assert read_one(path).published == "2016-12-06"


def test_folder_is_read_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text(ENGLISH.replace("Monday", "Tuesday"))
    (tmp_path / "one.txt").write_text(ENGLISH)
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    items = list(inputs.read([str(tmp_path)]))
    assert [Path(i.input).name for i in items] == ["two.txt", "one.txt"]


def test_same_text_gives_same_id(tmp_path):
    (tmp_path / "a.txt").write_text(ENGLISH)
    (tmp_path / "b.txt").write_text("\n" + ENGLISH + "\n\n")
    a, b = inputs.read([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert a.id == b.id and len(a.id) == 16


def test_curly_quotes_stay_in_text_but_parser_sees_straight_ones():
    record = read_one(FIXTURES / "aleppo_veto.txt")
    assert "“The city is being emptied,”" in record.text
    assert len(record.parse_text) == len(record.text)
    assert "“" not in record.parse_text and '"The city' in record.parse_text


def test_boilerplate_lines_removed_and_wrapped_lines_joined(tmp_path):
    path = tmp_path / "wrapped.txt"
    path.write_text("Rebels said they had withdrawn\nfrom two villages on Friday.\n\nAdvertisement\n\n"
                    "Share this article\n\n" + ENGLISH)
    text = read_one(path).text
    assert text.startswith("Rebels said they had withdrawn from two villages on Friday.\n\n")
    assert "Advertisement" not in text and "Share this" not in text


# --- bad input: one Failure each, naming the input and the reason -------------------------

def test_missing_path():
    failure = read_one("/nonexistent/sitroom.txt")
    assert isinstance(failure, Failure)
    assert failure.input == "/nonexistent/sitroom.txt" and "no such file" in failure.reason


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("   \n\n  ")
    for name in ("empty.txt", "blank.txt"):
        failure = read_one(tmp_path / name)
        assert isinstance(failure, Failure) and "empty" in failure.reason


def test_header_only_file_is_empty(tmp_path):
    path = tmp_path / "header.txt"
    path.write_text("Title: Nothing\nPublished: 2020-01-01\n\n")
    failure = read_one(path)
    assert isinstance(failure, Failure) and "empty" in failure.reason


def test_binary_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 20)
    failure = read_one(path)
    assert isinstance(failure, Failure) and "binary" in failure.reason


def test_non_utf8_text_is_repaired_with_a_warning(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(("Caf\u00e9 owners in the old city said " + ENGLISH).encode("cp1252"))
    record = read_one(path)
    assert isinstance(record, Record)
    assert record.text.startswith("Caf\u00e9 owners")
    assert any("not UTF-8" in w for w in record.warnings)


def test_html_without_body(tmp_path):
    path = tmp_path / "nobody.html"
    path.write_text("<html><head><title>Empty</title></head><body><script>x()</script></body></html>")
    failure = read_one(path)
    assert isinstance(failure, Failure) and "HTML without an article body" in failure.reason


def test_non_english_text_is_skipped(tmp_path):
    path = tmp_path / "es.txt"
    path.write_text("Las fuerzas del gobierno bombardearon los barrios del norte de la ciudad el lunes y "
                    "Naciones Unidas dijo que miles de familias habían huido hacia la frontera durante la "
                    "última semana, mientras los hospitales seguían sin electricidad ni medicinas.")
    failure = read_one(path)
    assert isinstance(failure, Failure)
    assert failure.status == "skipped" and "not English" in failure.reason and "es" in failure.reason


def test_fifty_megabyte_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write(ENGLISH.encode() * (50 * 1024 * 1024 // len(ENGLISH)))
    failure = read_one(path)
    assert isinstance(failure, Failure) and "over the 10 MB limit" in failure.reason


def test_jsonl_bad_lines_fail_alone(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"id": "ok-1", "text": %s}\nthis is not json\n[1, 2]\n{"id": "no-text"}\n\n'
                    '{"id": "ok-2", "text": %s}\n' % (_json(ENGLISH), _json(ENGLISH + " Later.")))
    items = list(inputs.read([str(path)]))
    kinds = [(type(i).__name__, i.input.rsplit(":", 1)[1]) for i in items]
    assert kinds == [("Record", "1"), ("Failure", "2"), ("Failure", "3"), ("Failure", "4"), ("Record", "6")]
    assert "not JSON" in items[1].reason
    assert "no 'text' or 'html'" in items[3].reason


def _json(text: str) -> str:
    import json

    return json.dumps(text)
