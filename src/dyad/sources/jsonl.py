"""JSON Lines: one document per line, as the contract describes."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from dyad.errors import InputError
from dyad.model import Document
from dyad.sources.html import html_document
from dyad.sources.text import normalise_newlines


def parse_record(where: str, record: object) -> Document:
    """A Document from one decoded JSON record; raises InputError naming ``where``."""
    if not isinstance(record, dict):
        raise InputError(where, "a line must be a JSON object")
    for key in ("id", "text", "html", "title", "url", "source"):
        value = record.get(key)
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise InputError(where, f'"{key}" is not valid Unicode (lone surrogate)') from None
    doc_id = record.get("id")
    if not isinstance(doc_id, str) or not doc_id:
        raise InputError(where, 'missing "id" (a non-empty string)')
    published = _published(where, record.get("published"))
    url = _opt_str(record, "url")
    html = record.get("html")
    text = record.get("text")
    if (not isinstance(text, str) or not text.strip()) and isinstance(html, str):
        doc = html_document(doc_id, html, published, url)
        title = _opt_str(record, "title") or doc.title
        source = _opt_str(record, "source") or doc.source
        return Document(
            doc.id,
            doc.text,
            doc.published,
            doc.published_source,
            doc.url,
            title,
            source,
            doc.author,
        )
    if not isinstance(text, str):
        raise InputError(where, 'missing "text" (a string)')
    if not text.strip():
        raise InputError(where, f"document {doc_id!r} has empty text")
    return Document(
        id=doc_id,
        text=normalise_newlines(text),
        published=published,
        published_source="given" if published else "none",
        url=url,
        title=_opt_str(record, "title"),
        source=_opt_str(record, "source"),
    )


def read_jsonl_lines(name: str, lines: Iterable[str]) -> Iterator[Document | InputError]:
    """Documents from JSONL lines; a bad line becomes an InputError naming ``name:line``."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            yield parse_record(where, json.loads(line))
        except json.JSONDecodeError as exc:
            yield InputError(
                where, f"malformed JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})"
            )
        except InputError as exc:
            yield exc


def read_jsonl_file(path: Path) -> Iterator[Document | InputError]:
    """Documents from a JSONL file, or from standard input when the path is ``-``."""
    if str(path) == "-":
        yield from read_jsonl_lines("<stdin>", sys.stdin)
        return
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            yield from read_jsonl_lines(path.name, fh)
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}")


def _published(where: str, value: object) -> date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(where, '"published" must be "YYYY-MM-DD" or null')
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise InputError(where, f'"published" is not a date: {value!r}') from None


def _opt_str(record: dict[str, object], key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) and value else None
