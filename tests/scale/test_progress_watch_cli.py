"""The progress wrapper, and ``dyad watch --once`` end to end against the local feed server."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from spacy.language import Language
from typer.testing import CliRunner

from dyad.model import Document, Failure
from dyad.pipeline import Pipeline
from dyad.scale import analyse_local
from dyad.scale.progress import progress
from tests.scale.feedserver import FeedServer

TEXT = "Police arrested dozens of protesters in Minsk on Sunday, the interior ministry said."


def test_progress_counts_and_summarises(nlp: Language) -> None:
    docs = [Document(f"d{i}", TEXT, date(2023, 3, 13), "given") for i in range(3)]
    items: list[Document | Failure] = [*docs, Failure("bad.html", "read", "no article text")]
    out = io.StringIO()
    console = Console(file=out, width=120, force_terminal=False)
    wrapped = progress(analyse_local(items, Pipeline(nlp=nlp)), total=4, console=console)
    results = list(wrapped)
    assert len(results) == 4
    stats = wrapped.stats
    assert (stats.documents, stats.failures) == (3, 1)
    assert stats.events >= 3
    assert f"3 documents, {stats.events} events, 1 failures" in out.getvalue()


def test_quiet_progress_prints_nothing() -> None:
    out = io.StringIO()
    wrapped = progress([Failure("x", "read", "empty")], quiet=True, console=Console(file=out))
    assert [f.where for f in wrapped] == ["x"]  # type: ignore[union-attr]
    assert out.getvalue() == "" and wrapped.stats.failures == 1


def test_watch_once_stores_new_articles(
    feed_server: FeedServer, tmp_path: Path, nlp: Language
) -> None:
    from dyad.cli import app

    pytest.importorskip("dyad.store")
    db = tmp_path / "events.duckdb"
    feed = f"{feed_server.base}/feed.atom"
    args = ["watch", feed, "--db", str(db), "--once", "--min-delay", "0", "--timeout", "2", "-q"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    state = json.loads((tmp_path / "events.duckdb.feeds.json").read_text())
    assert state["feeds"][feed]["seen"] == ["urn:dyad:test:eu-sanctions-belarus"]

    from dyad.store import EventStore

    with EventStore(db, read_only=True) as store:
        assert store.counts()["documents"] == 1
        assert store.count() >= 1
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0
    assert ("GET", "/feed.atom", 304) in feed_server.log
