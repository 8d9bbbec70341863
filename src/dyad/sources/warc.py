"""Web archives (.warc, .warc.gz): news crawls read as a stream, one document per HTML page.

Only ``response`` records with a 2xx HTTP status and an HTML content type are read; request,
metadata, revisit and non-HTML records are skipped silently. The document id is the record's
``WARC-Target-URI``; the publication date is the page's own (HTML metadata) when it states
one, else the day of the capture (``WARC-Date``), marked ``published_source="metadata"``.
A page without article text becomes an InputError naming the URI; a damaged archive an
InputError naming the file, after the records read before the damage.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from dyad.errors import InputError
from dyad.model import Document
from dyad.sources.html import html_document
from dyad.sources.text import decode_bytes

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: Path) -> bool:
    """Whether the file name says it is a web archive."""
    return path.name.lower().endswith(WARC_SUFFIXES)


def read_warc(path: Path) -> Iterator[Document | InputError]:
    """Documents from the HTML responses of a web archive, in archive order."""
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream, arc2warc=True):
                item = _record_document(record)
                if item is not None:
                    yield item
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - warcio raises assorted errors on damaged files
        yield InputError(str(path), f"damaged web archive: {type(exc).__name__}: {exc}")


def _record_document(record: Any) -> Document | InputError | None:
    if record.rec_type != "response":
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    http = record.http_headers
    if http is None:
        return None
    status = http.get_statuscode() or ""
    ctype = (http.get_header("Content-Type") or "").lower()
    if not status.startswith("2") or not ctype.startswith(HTML_TYPES):
        return None
    where = uri or record.rec_headers.get_header("WARC-Record-ID") or "warc record"
    try:
        raw = record.content_stream().read()
        html = decode_bytes(where, _charset_decode(raw, ctype))
        doc = html_document(where, html, url=uri or None)
    except InputError as exc:
        return exc
    if doc.published is None:
        captured = _warc_day(record.rec_headers.get_header("WARC-Date"))
        if captured is not None:
            doc = dataclasses.replace(doc, published=captured, published_source="metadata")
    return doc


def _charset_decode(raw: bytes, ctype: str) -> bytes:
    """Bytes re-encoded as UTF-8 when the header names another charset."""
    if "charset=" not in ctype:
        return raw
    charset = ctype.split("charset=", 1)[1].split(";")[0].strip().strip("\"'")
    if charset.replace("-", "").lower() in ("utf8", ""):
        return raw
    try:
        return raw.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return raw


def _warc_day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
