"""Actor memory: people learned from one article resolve a bare surname in a later one."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from dyad.cli import app
from dyad.store import EventStore

runner = CliRunner()

FIRST = {
    "id": "first",
    "text": "Azerbaijani Deputy Prime Minister Samir Nuriyev met Armenian officials in Baku "
    "on Thursday.",
    "published": "2021-12-23",
}
LATER = {
    "id": "later",
    "text": "On Friday Nuriyev met Armenian officials in Tbilisi.",
    "published": "2021-12-24",
}


def test_memory_resolves_a_later_surname(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(d) for d in (FIRST, LATER)) + "\n", encoding="utf-8")
    db = tmp_path / "x.duckdb"
    result = runner.invoke(app, ["ingest", str(feed), "--db", str(db), "--batch-size", "1"])
    assert result.exit_code == 0, result.output
    with EventStore(db) as store:
        memory = store.memory()
        rows = store.memory_rows()
        later = store.document("later")["events"]
    assert memory["samir nuriyev"] == ("AZE", "GOV", "Samir Nuriyev")
    assert memory["nuriyev"] == ("AZE", "GOV", "Samir Nuriyev")
    assert rows[0]["doc_id"] == "first" and "Deputy Prime Minister" in rows[0]["evidence"]
    assert later and later[0]["actor"][0]["code"] == "AZEGOV"
    # Without the first article the bare surname is nobody.
    alone = tmp_path / "alone.jsonl"
    alone.write_text(json.dumps(LATER) + "\n", encoding="utf-8")
    control = tmp_path / "control.duckdb"
    result = runner.invoke(app, ["ingest", str(alone), "--db", str(control), "--quiet"])
    assert result.exit_code == 0, result.output
    with EventStore(control) as store:
        assert store.document("later")["events"] == []


def test_forget_correct_and_ambiguous_surnames(tmp_path: Path) -> None:
    with EventStore(tmp_path / "x.duckdb") as store:
        store.correct("Samir Nuriyev", "aze", "gov")
        assert store.memory()["nuriyev"] == ("AZE", "GOV", "Samir Nuriyev")
        store.correct("Elnur Nuriyev", "TUR", "MIL")  # same surname, another country
        memory = store.memory()
        assert "nuriyev" not in memory
        assert memory["elnur nuriyev"] == ("TUR", "MIL", "Elnur Nuriyev")
        assert store.correct("elnur nuriyev", "AZE", None) == 1
        assert store.memory()["nuriyev"][0] == "AZE"
        assert store.forget("Nuriyev") == 2
        assert store.memory() == {}
        assert store.forget("Nobody Known") == 0
