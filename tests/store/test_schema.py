"""Schema versions: a real v1 file upgraded in place; a database held by another process."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from dyad.errors import StoreError
from dyad.pipeline import Analysis
from dyad.store import SCHEMA_VERSION, EventStore
from dyad.store.rows import EVENT_COLUMNS, actor_rows, event_row, mention_row
from dyad.store.schema import create_schema
from dyad.store.writer import (
    event_key,
    fingerprint,
    period_start,
    place_key,
)


def _write_v1(path: Path, analyses: list[Analysis]) -> None:
    """A database as dyad's v1 store wrote it: no stories, no failures table."""
    con = duckdb.connect(str(path))
    create_schema(con, version=1)
    for a in analyses:
        d = a.document
        con.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now())",
            [d.id, d.content_hash, d.text, d.published, d.published_source, d.url, d.title,
             d.source, d.author],
        )  # fmt: skip
        for e in a.events:
            key = event_key(e, d.id)
            con.execute(
                f"INSERT INTO events ({EVENT_COLUMNS}, seq, added) "
                f"VALUES ({', '.join('?' * 35)}, nextval('event_seq'), now())",
                event_row(e, key, period_start(e.date), place_key(e.location)),
            )
            con.execute(
                f"INSERT INTO mentions VALUES ({', '.join('?' * 33)})",
                mention_row(e, e.event_id, fingerprint(e)),
            )
            if actor_rows(e):
                con.executemany("INSERT INTO mention_actors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                actor_rows(e))  # fmt: skip
    con.close()


def test_v1_file_is_upgraded_in_place(
    tmp_path: Path, example: Analysis, edited_copy: Analysis
) -> None:
    db = tmp_path / "v1.duckdb"
    _write_v1(db, [example, edited_copy])
    with pytest.raises(StoreError, match="schema v1"):
        EventStore(db, read_only=True)
    with EventStore(db) as store:
        assert store.version == SCHEMA_VERSION == 2
        counts = store.counts()
        copy = store.document(edited_copy.document.id)
        assert store.failures() == []
    assert counts["documents"] == 2 and counts["stories"] == 1
    assert copy["story_id"] == example.document.id and copy["site"] == "mehr"
    assert counts["doc_bands"] == 40
    con = duckdb.connect(str(db), read_only=True)
    versions = [
        r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()
    ]
    con.close()
    assert versions == [1, 2]
    # The upgraded file takes new documents like any other.
    with EventStore(db) as store:
        assert store.ingest([example]).skipped == 1
    with EventStore(db, read_only=True) as store:
        assert store.counts() == counts


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    EventStore(db).close()
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO schema_version VALUES (99, now())")
    con.close()
    with pytest.raises(StoreError, match="newer"):
        EventStore(db)


HOLDER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("INSERT INTO failures (input, stage, reason, time) VALUES ('held', 'read', 'x', now())")
print("holding", flush=True)
time.sleep(60)
"""


def test_database_in_use_by_another_process(tmp_path: Path, example: Analysis) -> None:
    db = tmp_path / "x.duckdb"
    with EventStore(db) as store:
        store.ingest([example])
        before = store.counts()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(StoreError, match=rf"in use by another process \(pid {holder.pid}\)"):
            EventStore(db)
        with pytest.raises(StoreError, match="in use"):
            EventStore(db, read_only=True)
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.1)
    with EventStore(db) as store:
        after = store.counts()
    assert {k: v for k, v in after.items() if k != "failures"} == {
        k: v for k, v in before.items() if k != "failures"
    }
