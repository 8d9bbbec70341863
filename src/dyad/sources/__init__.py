"""Readers that turn inputs (files, lines, pages) into Documents.

Each reader yields ``Document`` or ``InputError`` items: a broken input becomes an error
record naming it, and the readers go on with the next one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from dyad.errors import InputError
from dyad.model import Document
from dyad.sources.feeds import as_url, is_feed, read_feed, read_url
from dyad.sources.html import read_html_file
from dyad.sources.jsonl import read_jsonl_file
from dyad.sources.tabular import PARQUET_SUFFIXES, read_parquet
from dyad.sources.text import read_text_file
from dyad.sources.warc import is_warc, read_warc

Item = Document | InputError

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


def read_path(
    path: Path, published: date | None = None, input_format: str | None = None
) -> Iterator[Item]:
    """Documents from one input, chosen by ``input_format`` or else by its suffix.

    Inputs: plain text, HTML, JSONL (``-`` is standard input), WARC/WARC.gz crawls, Parquet,
    RSS/Atom/OPML feeds, a directory (walked recursively) or an http(s) URL (a feed or page).
    """
    kind = input_format or _kind_of(path)
    url = as_url(path)
    if url is not None:
        yield from read_url(url)
        return
    if str(path) == "-":
        yield from read_jsonl_file(path)
        return
    if not path.exists():
        yield InputError(str(path), "no such file")
        return
    if path.is_dir():
        yield from read_paths(sorted(p for p in path.rglob("*") if p.is_file()), published)
        return
    if kind == "warc":
        yield from read_warc(path)
    elif kind == "parquet":
        yield from read_parquet(path)
    elif kind == "feed":
        yield from read_feed(path)
    elif kind == "jsonl":
        yield from read_jsonl_file(path)
    elif kind == "html":
        yield read_html_file(path, published)
    else:
        yield read_text_file(path, published)


def read_paths(
    paths: Iterable[Path], published: date | None = None, input_format: str | None = None
) -> Iterator[Item]:
    """Documents from many files, in order."""
    for path in paths:
        yield from read_path(path, published, input_format)


def _kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if is_warc(path):
        return "warc"
    if path.name.lower().endswith(PARQUET_SUFFIXES):
        return "parquet"
    if is_feed(path):
        return "feed"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    return "text"


__all__ = ["Item", "read_path", "read_paths"]
