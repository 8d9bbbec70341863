"""Tables of articles: Parquet files and JSON Lines with their own field names.

Corpora rarely use dyad's field names (``id``, ``text``, ``published``...). A ``FieldMap``
says which column holds what (``--id-field``, ``--text-field``, ``--date-field``, ...); each
row is then read exactly like a contract JSONL record (``dyad.sources.jsonl.parse_record``).
Parquet files are read in record batches, so a file larger than memory streams. A row
without an id gets ``<file>:<row>``; dates may be strings, dates or timestamps.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from dyad.errors import InputError
from dyad.model import Document
from dyad.sources.jsonl import parse_record

PARQUET_SUFFIXES = (".parquet", ".pq")
BATCH_ROWS = 1024
KEYS = ("id", "text", "published", "url", "title", "source", "html")


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Which input field holds each document field (None: the input has no such field)."""

    id: str = "id"
    text: str = "text"
    published: str | None = "published"
    url: str | None = "url"
    title: str | None = "title"
    source: str | None = "source"
    html: str | None = "html"

    def record(self, row: Mapping[str, Any], where: str) -> dict[str, Any]:
        """The row as a contract record (``id``, ``text``, ``published``...)."""
        out: dict[str, Any] = {}
        for key in KEYS:
            name = getattr(self, key)
            if name is not None and row.get(name) is not None:
                out[key] = _plain(row[name])
        if "id" not in out:
            out["id"] = where
        elif not isinstance(out["id"], str):
            out["id"] = str(out["id"])
        return out


DEFAULT_FIELDS = FieldMap()


def read_parquet(path: Path, fields: FieldMap = DEFAULT_FIELDS) -> Iterator[Document | InputError]:
    """Documents from a Parquet file, one per row, read in batches of rows."""
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
    except (OSError, ValueError) as exc:
        yield InputError(str(path), f"cannot read Parquet: {exc}")
        return
    names = set(table.schema_arrow.names)
    if fields.text not in names and (fields.html is None or fields.html not in names):
        yield InputError(str(path), f"no text column {fields.text!r} (columns: {sorted(names)})")
        return
    wanted = [
        n for n in dict.fromkeys(getattr(fields, k) for k in KEYS) if n is not None and n in names
    ]
    row_number = 0
    for batch in table.iter_batches(batch_size=BATCH_ROWS, columns=wanted):
        for row in batch.to_pylist():
            row_number += 1
            yield _parse(f"{path.name}:{row_number}", row, fields)


def read_jsonl_fields(
    path: Path, fields: FieldMap = DEFAULT_FIELDS
) -> Iterator[Document | InputError]:
    """Documents from a JSON Lines file whose records use the field names in ``fields``."""
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                where = f"{path.name}:{number}"
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield InputError(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
                    continue
                if not isinstance(row, dict):
                    yield InputError(where, "a line must be a JSON object")
                    continue
                yield _parse(where, row, fields)
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}")


def read_table(path: Path, fields: FieldMap = DEFAULT_FIELDS) -> Iterator[Document | InputError]:
    """Parquet or JSON Lines, chosen by the file's suffix."""
    if path.name.lower().endswith(PARQUET_SUFFIXES):
        return read_parquet(path, fields)
    return read_jsonl_fields(path, fields)


def _parse(where: str, row: Mapping[str, Any], fields: FieldMap) -> Document | InputError:
    try:
        return parse_record(where, fields.record(row, where))
    except InputError as exc:
        return exc


def _plain(value: Any) -> Any:
    """Dates and timestamps as ISO strings; other values unchanged."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value
