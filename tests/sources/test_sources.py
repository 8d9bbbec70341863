"""Readers: plain text, HTML pages and JSONL, and the errors they report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dyad.errors import InputError
from dyad.model import Document
from dyad.sources import read_paths

FIX = Path(__file__).resolve().parent.parent / "fixtures"
ROOT = FIX.parent.parent


def test_text_file_with_given_date() -> None:
    path = ROOT / "examples" / "presstv-2021-12-23-iran-azerbaijan.txt"
    [doc] = list(read_paths([path], date(2021, 12, 23)))
    assert isinstance(doc, Document)
    assert doc.id == path.name
    assert doc.published == date(2021, 12, 23) and doc.published_source == "given"
    assert "Amir-Abdollahian" in doc.text


def test_text_file_infers_date_from_text() -> None:
    path = ROOT / "examples" / "presstv-2021-12-23-iran-azerbaijan.txt"
    [doc] = list(read_paths([path]))
    assert isinstance(doc, Document)
    assert doc.published == date(2021, 12, 23)
    assert doc.published_source == "inferred"


def test_html_page_extracts_article_and_metadata() -> None:
    [doc] = list(read_paths([FIX / "presstv-iran-azerbaijan.html"]))
    assert isinstance(doc, Document)
    assert doc.title == "Iran, Azerbaijan oppose foreign interference in regional affairs"
    assert doc.published == date(2021, 12, 23) and doc.published_source == "metadata"
    assert doc.source == "Press TV"
    assert "Qalibaf" in doc.text
    assert "Most viewed" not in doc.text and "Unrelated story" not in doc.text


def test_jsonl_bad_lines_are_named_and_good_lines_survive() -> None:
    items = list(read_paths([FIX / "mixed.jsonl"]))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [d.id for d in docs] == ["a1", "a2"]
    assert docs[0].published == date(2023, 3, 8) and docs[0].source == "example wire"
    assert [e.where for e in errors] == ["mixed.jsonl:2", "mixed.jsonl:4"]
    assert "malformed JSON" in str(errors[0])
    assert '"id"' in str(errors[1])


def test_missing_empty_and_binary_files_are_errors(tmp_path: Path) -> None:
    items = list(read_paths([tmp_path / "nope.txt", FIX / "empty.txt", FIX / "pixel.gif.txt"]))
    assert all(isinstance(i, InputError) for i in items)
    messages = [str(i) for i in items]
    assert "no such file" in messages[0]
    assert messages[1] == "empty.txt: empty input"
    assert messages[2] == "pixel.gif.txt: binary data, not text"


def test_windows_1252_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes("Paris \u2013 France\u2019s president visited Berlin.".encode("cp1252"))
    [doc] = list(read_paths([path], date(2020, 1, 1)))
    assert isinstance(doc, Document)
    assert doc.text == "Paris \u2013 France\u2019s president visited Berlin."
