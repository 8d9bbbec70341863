"""An ingest killed part-way (SIGKILL) and resumed stores every document and event once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from dyad.cli import app
from dyad.store import EventStore

runner = CliRunner()


def _feed(example_text: str, path: Path) -> int:
    """About 30 documents: the example's paragraphs, each a short article."""
    paragraphs = [p.strip() for p in example_text.split("\n\n") if len(p.split()) >= 8][:30]
    lines = [
        json.dumps({"id": f"p{n:02d}", "text": p, "published": "2021-12-23", "source": f"s{n % 3}"})
        for n, p in enumerate(paragraphs)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def _snapshot(db: Path) -> tuple[list[str], list[tuple[str, str]], list[tuple[object, ...]]]:
    with EventStore(db, read_only=True) as store:
        con = store.con
        docs = [r[0] for r in con.execute("SELECT id FROM documents ORDER BY id").fetchall()]
        mentions = con.execute("SELECT id, event_id FROM mentions ORDER BY id").fetchall()
        events = con.execute(
            "SELECT id, key, num_mentions, num_sources, num_articles FROM events ORDER BY id"
        ).fetchall()
    return docs, mentions, events


def test_killed_ingest_resumes(tmp_path: Path, example_text: str) -> None:
    feed = tmp_path / "feed.jsonl"
    total = _feed(example_text, feed)
    assert total == 30
    db = tmp_path / "killed.duckdb"
    cmd = [sys.executable, "-m", "dyad.cli", "ingest", str(feed), "--db", str(db),
           "--batch-size", "2"]  # fmt: skip
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env={**os.environ})
    assert proc.stderr is not None
    committed = 0
    for line in proc.stderr:
        if line.startswith("stored "):
            committed += 1
            if committed == 3:
                proc.send_signal(signal.SIGKILL)
                break
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    with EventStore(db, read_only=True) as store:
        partial = store.counts()["documents"]
    assert 6 <= partial < total

    resumed = runner.invoke(app, ["ingest", str(feed), "--db", str(db), "--batch-size", "2"])
    assert resumed.exit_code == 0, resumed.output
    assert f"{partial} already stored" in resumed.stderr

    clean = tmp_path / "clean.duckdb"
    result = runner.invoke(app, ["ingest", str(feed), "--db", str(clean), "--batch-size", "2"])
    assert result.exit_code == 0, result.output

    docs, mentions, events = _snapshot(db)
    assert len(docs) == len(set(docs)) == total
    assert len({m[0] for m in mentions}) == len(mentions)
    assert (docs, mentions, events) == _snapshot(clean)
    assert events and sum(e[2] for e in events) == len(mentions)
