"""Filters, aggregations, exports and the CLI over a real database file."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from typer.testing import CliRunner

from dyad.cli import app
from dyad.errors import StoreError
from dyad.pipeline import Analysis
from dyad.store import EventFilter, EventStore
from dyad.store.export import GDELT_COLUMNS

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, example: Analysis, edited_copy: Analysis) -> Path:
    path = tmp_path_factory.mktemp("store") / "events.duckdb"
    with EventStore(path) as store:
        store.ingest([example, edited_copy])
    return path


def test_filters(db: Path) -> None:
    with EventStore(db, read_only=True) as store:
        every = store.events(limit=None)
        irn = store.events(limit=None, actor="IRN")
        irngov_aze = store.events(limit=None, actor="IRNGOV", recipient="AZE")
        baku = store.events(limit=None, place="baku")
        boxed = store.events(limit=None, bbox=(44.0, 38.0, 51.0, 42.0))  # around Baku
        consult = store.events(limit=None, event_type="consult", cameo="04")
        phone = store.events(limit=None, text="phone call")
        december = store.events(limit=None, since=date(2021, 12, 1), until=date(2021, 12, 31))
        assert store.count(EventFilter(actor="IRN")) == len(irn)
        with pytest.raises(StoreError):
            store.events(actor="IRN; DROP TABLE events")
    assert len(every) > len(irn) > len(irngov_aze) > 0
    assert all(any(a["code"].startswith("IRN") for a in e["actor"]) for e in irn)
    assert all(
        any(r["code"].startswith("AZE") for r in e["recipient"])
        and any(a["code"] == "IRNGOV" for a in e["actor"])
        for e in irngov_aze
    )
    assert baku and all(e["location"]["name"] == "Baku" for e in baku)
    assert {e["event_id"] for e in baku} <= {e["event_id"] for e in boxed}
    assert consult and all(e["event_type"] == "CONSULT" for e in consult)
    assert phone and all(
        "phone call" in e["sentence"]["text"] or e["num_mentions"] > 1 for e in phone
    )
    assert december and all(e["date"].startswith("2021-12") for e in december)


def test_aggregations(db: Path) -> None:
    with EventStore(db, read_only=True) as store:
        series = store.series(actor="IRN", recipient="AZE", by="month")
        dyads = store.top_dyads(limit=3)
        actors = store.top_actors(limit=2)
        edges = store.network(level="code")
        months = store.top_dyads(limit=None, by="month")
        real = store.count(flagged=False)
    assert [r["period"] for r in series] == sorted(r["period"] for r in series)
    for r in series:
        quads = r["verbal_coop"] + r["material_coop"] + r["verbal_conflict"]
        assert quads + r["material_conflict"] == r["events"]
    assert (dyads[0]["actor"], dyads[0]["recipient"]) == ("IRN", "AZE")
    assert {a["actor"] for a in actors} == {"IRN", "AZE"}
    assert all(e["source"] != e["target"] for e in edges)
    assert sum(r["events"] for r in months) >= sum(r["events"] for r in series)
    assert real > 0


def test_query_json_is_the_contract_plus_counts(db: Path) -> None:
    result = runner.invoke(app, ["query", "--db", str(db), "--actor", "IRN", "--format", "json"])
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)
    assert events
    needed = {"event_id", "doc_id", "event_type", "mode", "context", "cameo", "quad_class",
              "goldstein", "actor", "recipient", "date", "date_precision", "location",
              "sentence", "trigger", "negated", "hypothetical", "historical", "confidence",
              "reason", "num_mentions", "num_sources", "num_articles"}  # fmt: skip
    for e in events:
        assert needed <= set(e)
        assert e["num_sources"] == 2


def test_query_commands(db: Path) -> None:
    base = ["query"]
    series = runner.invoke(app, [*base, "series", "--db", str(db), "--actor", "IRN",
                                 "--recipient", "AZE", "--by", "month", "-f", "json"])  # fmt: skip
    assert series.exit_code == 0, series.output
    assert json.loads(series.stdout)[0]["period"].startswith("2021-")
    network = runner.invoke(app, [*base, "network", "--db", str(db)])
    rows = list(csv.DictReader(network.stdout.splitlines()))
    assert rows and rows[0]["source"] == "IRN" and rows[0]["target"] == "AZE"
    table = runner.invoke(app, [*base, "--db", str(db), "--place", "Baku"])
    assert table.exit_code == 0 and "Baku" in table.stdout
    bad = runner.invoke(app, [*base, "--db", str(db), "--bbox", "1,2,3"])
    assert bad.exit_code == 2 and "--bbox" in bad.stderr


def test_exports(db: Path, tmp_path: Path) -> None:
    with EventStore(db, read_only=True) as store:
        n = store.count()
        assert store.export("csv", tmp_path / "e.csv") == n
        assert store.export("jsonl", tmp_path / "e.jsonl") == n
        assert store.export("gdelt", tmp_path / "e.tsv") == n
        assert store.export("parquet", tmp_path / "pq") == n
        frame = store.to_pandas(actor="IRN")
        table = store.to_arrow()
    rows = list(csv.DictReader((tmp_path / "e.csv").open(encoding="utf-8")))
    assert len(rows) == n and rows[0]["num_sources"] == "2"
    plover = [json.loads(line) for line in (tmp_path / "e.jsonl").open(encoding="utf-8")]
    assert {"id", "event", "actor_country", "recipient_country", "source_text"} <= set(plover[0])
    assert plover[0]["num_sources"] == 2
    gdelt = [line.rstrip("\n").split("\t") for line in (tmp_path / "e.tsv").open(encoding="utf-8")]
    assert len(GDELT_COLUMNS) == 61 and all(len(r) == 61 for r in gdelt)
    first = dict(zip(GDELT_COLUMNS, gdelt[0], strict=True))
    assert first["Day"] == "20211223" and first["MonthYear"] == "202112" and first["Year"] == "2021"
    assert first["EventRootCode"] == first["EventCode"][:2]
    assert first["NumSources"] == "2" and first["SOURCEURL"].startswith("https://www.presstv.ir")
    baku = next(r for r in gdelt if r[GDELT_COLUMNS.index("ActionGeo_FullName")] == "Baku")
    assert baku[GDELT_COLUMNS.index("ActionGeo_Type")] == "4"
    assert float(baku[GDELT_COLUMNS.index("ActionGeo_Lat")]) == pytest.approx(40.38, abs=0.05)
    months = sorted(p.name for p in (tmp_path / "pq").iterdir())
    assert "month=2021-12" in months
    assert ds.dataset(tmp_path / "pq", partitioning="hive").count_rows() == n
    assert 0 < len(frame) < n and table.num_rows == n


def test_export_and_failures_cli(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.tsv"
    result = runner.invoke(
        app, ["export", "--db", str(db), "--format", "gdelt", "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count("\n") > 0
    failures = runner.invoke(app, ["failures", "--db", str(db)])
    assert failures.exit_code == 0 and failures.stdout == ""
    missing = runner.invoke(app, ["query", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "no database" in missing.stderr
