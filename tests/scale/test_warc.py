"""Web archives: HTML responses become documents, in archive order, streaming."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

from dyad.errors import InputError
from dyad.model import Document
from dyad.sources.warc import is_warc, read_warc

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "warc" / "news.warc.gz"
SITE = "https://news.example.org"


def test_html_responses_become_documents_in_order() -> None:
    items = list(read_warc(FIXTURE))
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.id for d in docs] == [
        f"{SITE}/world/iran-azerbaijan-talks",
        f"{SITE}/europe/eu-belarus-sanctions",
    ]
    iran, eu = docs
    assert iran.url == iran.id and "Jeyhun Bayramov in Baku on Monday" in iran.text
    # No date in the page: the capture day; the EU page states its own date.
    assert (iran.published, iran.published_source) == (date(2023, 3, 14), "metadata")
    assert (eu.published, eu.published_source) == (date(2023, 3, 10), "metadata")


def test_skips_non_html_and_errors_and_reports_pages_without_article() -> None:
    items = list(read_warc(FIXTURE))
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(items) == 3
    assert [e.where for e in errors] == [f"{SITE}/consent"]
    assert "no article text" in errors[0].problem


def test_plain_warc_reads_like_gzipped(tmp_path: Path) -> None:
    plain = tmp_path / "news.warc"
    plain.write_bytes(gzip.decompress(FIXTURE.read_bytes()))
    assert [getattr(i, "id", None) for i in read_warc(plain)] == [
        getattr(i, "id", None) for i in read_warc(FIXTURE)
    ]


def test_damaged_archive_keeps_what_was_read(tmp_path: Path) -> None:
    damaged = tmp_path / "cut.warc"
    raw = gzip.decompress(FIXTURE.read_bytes())
    cut = raw.index(b"eu-belarus-sanctions") - 64  # inside the next record's headers
    damaged.write_bytes(raw[:cut] + b"\x00garbage")
    items = list(read_warc(damaged))
    assert isinstance(items[0], Document)
    assert isinstance(items[-1], InputError) and items[-1].where == str(damaged)


def test_missing_file_and_suffixes(tmp_path: Path) -> None:
    (error,) = read_warc(tmp_path / "none.warc.gz")
    assert isinstance(error, InputError) and "cannot read" in error.problem
    assert is_warc(Path("CC-NEWS-2023.warc.gz")) and is_warc(Path("x.WARC"))
    assert not is_warc(Path("x.gz"))
