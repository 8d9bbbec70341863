"""Crash safety: ``dyad ingest`` SIGKILLed again and again, then resumed, loses and doubles nothing.

The same corpus (24 real articles, batches of 3) is ingested into one database file by a run
that is killed, resumed and killed again at seeded random points: before a batch's COMMIT,
during the COMMIT (a timer thread fires while DuckDB writes), half-way through recounting
events inside the transaction, just after a COMMIT, and from outside at a random moment. A
last run completes it. The database must then equal a clean run's, table by table: every
document once, every mention and event once, with the same ids and counts.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from dyad.cli import app
from dyad.store import EventStore
from tests.reliability.conftest import ROOT

runner = CliRunner()
CORPUS = ROOT / "benchmarks" / "corpus"
SEED = 20261129
BATCH = "3"
TABLES = (
    "documents",
    "doc_bands",
    "places",
    "dates",
    "person_notes",
    "actor_memory",
    "events",
    "mentions",
    "mention_actors",
)


def write_corpus(path: Path, n: int = 24) -> int:
    """``n`` articles of the benchmark corpus as contract JSONL records."""
    files = sorted(CORPUS.glob("*.txt"))[:n]
    with path.open("w", encoding="utf-8") as fh:
        for k, f in enumerate(files):
            record = {
                "id": f.stem,
                "text": f.read_text(encoding="utf-8"),
                "published": "2023-06-01",
                "source": f"wire{k % 4}",
            }
            fh.write(json.dumps(record) + "\n")
    return len(files)


def snapshot(db: Path) -> dict[str, Any]:
    """Everything that must match a clean run: ids, keys, counts, and per-table row counts."""
    with EventStore(db, read_only=True) as store:
        con = store.con

        def rows(sql: str) -> list[tuple[Any, ...]]:
            return con.execute(sql).fetchall()

        return {
            "documents": rows("SELECT id, content_hash, story_id FROM documents ORDER BY id"),
            "mentions": rows("SELECT id, event_id, doc_id FROM mentions ORDER BY id"),
            "events": rows(
                "SELECT id, key, num_mentions, num_sources, num_articles, mention_id "
                "FROM events ORDER BY id"
            ),
            "counts": {t: rows(f"SELECT count(*) FROM {t}")[0][0] for t in TABLES},
            "memory": rows("SELECT key, country, sector FROM actor_memory ORDER BY key"),
        }


def killed_run(cmd: list[str], mode: str, target: int, delay: float, outside: float) -> int:
    """One ingest that dies: by its own hand (``mode``) or SIGKILL from here after ``outside`` s.

    Returns how many batches it committed before dying (progress lines seen).
    """
    args = [sys.executable, "-m", "tests.reliability.killer", mode, str(target), str(delay)]
    proc = subprocess.Popen(
        [*args, "--", *cmd], stderr=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ}
    )
    assert proc.stderr is not None
    committed = 0
    timer: threading.Timer | None = None
    for line in proc.stderr:
        if line.startswith("stored "):
            committed += 1
            if mode == "none" and timer is None:
                timer = threading.Timer(outside, proc.send_signal, [signal.SIGKILL])
                timer.start()
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, f"{mode}: the ingest finished before it was killed"
    return committed


def test_ingest_killed_five_times_loses_and_doubles_nothing(tmp_path: Path) -> None:
    feed = tmp_path / "corpus.jsonl"
    total = write_corpus(feed)
    db = tmp_path / "killed.duckdb"
    cmd = ["ingest", str(feed), "--db", str(db), "--batch-size", BATCH, "--workers", "1"]
    rng = random.Random(SEED)
    plan = [
        ("before-commit", rng.randint(1, 2), 0.0, 0.0),
        ("in-commit", rng.randint(1, 2), rng.uniform(0.0, 0.004), 0.0),
        ("in-recount", rng.randint(1, 2), 0.0, 0.0),
        ("after-commit", rng.randint(1, 2), 0.0, 0.0),
        ("none", 0, 0.0, rng.uniform(0.05, 0.6)),
    ]
    stored = [0]
    for mode, target, delay, outside in plan:
        killed_run(cmd, mode, target, delay, outside)
        with EventStore(db) as store:  # opening for writing replays or drops the log
            counts = store.counts()
        docs = counts["documents"]
        assert docs % int(BATCH) == 0, f"{mode}: a half-written batch ({docs} documents)"
        assert docs >= stored[-1], f"{mode}: committed documents were lost"
        stored.append(docs)
    assert stored[-1] < total, "every document was stored before the last kill"

    resumed = runner.invoke(app, cmd)
    assert resumed.exit_code == 0, resumed.output
    assert f"{stored[-1]} already stored" in resumed.stderr

    clean = tmp_path / "clean.duckdb"
    result = runner.invoke(
        app, ["ingest", str(feed), "--db", str(clean), "--batch-size", BATCH, "--workers", "1"]
    )
    assert result.exit_code == 0, result.output

    got, want = snapshot(db), snapshot(clean)
    ids = [d[0] for d in got["documents"]]
    assert len(ids) == len(set(ids)) == total
    mention_ids = [m[0] for m in got["mentions"]]
    assert len(mention_ids) == len(set(mention_ids))
    assert sum(e[2] for e in got["events"]) == len(mention_ids) > 0
    differences = {
        k: (
            sorted(set(got[k]) ^ set(want[k]))[:4]
            if isinstance(got[k], list)
            else (got[k], want[k])
        )
        for k in want
        if got[k] != want[k]
    }
    assert got == want, differences
