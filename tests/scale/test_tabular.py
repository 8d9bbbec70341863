"""Parquet and JSONL inputs with their own field names."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from dyad.errors import InputError
from dyad.model import Document
from dyad.sources.tabular import FieldMap, read_jsonl_fields, read_parquet, read_table

FIELDS = FieldMap(id="article_id", text="body", published="pub_time", url="link", title=None)
TEXT = "Turkish President Recep Tayyip Erdogan met Iraqi Prime Minister Mohammed Shia al-Sudani."


def test_parquet_with_own_field_names(tmp_path: Path) -> None:
    path = tmp_path / "corpus.parquet"
    table = pa.table(
        {
            "article_id": [101, 102, 103],
            "body": [TEXT, "   ", "Police detained three journalists in Istanbul."],
            "pub_time": [datetime(2023, 5, 2, 14, 5), None, datetime(2023, 5, 3, 9, 0)],
            "link": ["https://a.example/1", None, None],
            "headline": ["Erdogan meets Sudani", "empty", "Arrests"],
        }
    )
    pq.write_table(table, path, row_group_size=2)
    items = list(read_parquet(path, FIELDS))
    assert len(items) == 3
    first, empty, third = items
    assert isinstance(first, Document) and first.id == "101"
    assert (first.published, first.published_source) == (date(2023, 5, 2), "given")
    assert first.url == "https://a.example/1" and first.title is None
    assert isinstance(empty, InputError) and empty.where == "corpus.parquet:2"
    assert isinstance(third, Document) and third.published == date(2023, 5, 3)


def test_parquet_without_the_text_column(tmp_path: Path) -> None:
    path = tmp_path / "wrong.parquet"
    pq.write_table(pa.table({"id": ["a"], "content": [TEXT]}), path)
    (error,) = read_table(path)
    assert isinstance(error, InputError) and "no text column 'text'" in error.problem
    (doc,) = read_table(path, FieldMap(text="content"))
    assert isinstance(doc, Document) and doc.text == TEXT


def test_jsonl_with_own_field_names_and_missing_ids(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    rows = [
        {"body": TEXT, "pub_time": "2023-05-02T14:05:00Z"},
        "not an object",
        {"article_id": "x9", "body": TEXT, "pub_time": "yesterday"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8")
    items = list(read_jsonl_fields(path, FIELDS))
    assert isinstance(items[0], Document) and items[0].id == "dump.jsonl:1"
    assert items[0].published == date(2023, 5, 2)
    assert [type(i).__name__ for i in items[1:]] == ["InputError"] * 3
    assert isinstance(items[2], InputError) and "not a date" in items[2].problem
    assert isinstance(items[3], InputError) and items[3].where == "dump.jsonl:4"
