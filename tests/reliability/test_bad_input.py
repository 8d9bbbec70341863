"""Bad input never stops ``dyad ingest``: every bad input is a recorded, retried failure.

One run mixes good articles with empty, binary, huge (20 MB, generated here), wrongly encoded,
non-English, article-less HTML, boilerplate, malformed JSONL, a broken feed, HTTP errors and a
timeout, into a real database file. Each bad input becomes one ``failures`` row (input, stage,
reason) that ``dyad failures`` lists; the exit status is 1; a second run retries the failures
and skips every stored document.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dyad.cli import app
from dyad.scale import fetch
from dyad.store import EventStore
from tests.reliability.conftest import BAD, EXAMPLE

runner = CliRunner()
HUGE_BYTES = 20_000_000


class QuickFetcher(fetch.Fetcher):
    """The ingest's fetcher with a short timeout, one retry and no politeness delay."""

    def __init__(self, **kw: Any) -> None:
        kw.update(timeout=0.5, retries=1, backoff=0.0, min_delay=0.0)
        super().__init__(**kw)


@pytest.fixture()
def quick_fetch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "Fetcher", QuickFetcher)


def _inputs(tmp_path: Path) -> list[Path]:
    """Copies of the bad fixtures, a binary file, a 20 MB article and the example."""
    folder = tmp_path / "in"
    shutil.copytree(BAD, folder, ignore=shutil.ignore_patterns("README.md"))
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)
    (folder / "ctrl.txt").write_bytes(bytes(range(1, 32)) * 200)
    example = EXAMPLE.read_text(encoding="utf-8")
    with (folder / "huge.txt").open("w", encoding="utf-8") as fh:
        written, n = 0, 0
        while written < HUGE_BYTES:
            chunk = f"{example}\n\nUpdate {n}.\n\n"
            fh.write(chunk)
            written += len(chunk.encode("utf-8"))
            n += 1
    shutil.copy(EXAMPLE, folder / EXAMPLE.name)
    return sorted(folder.iterdir())


# input -> (stage, words in the reason)
EXPECTED_FAILURES = {
    "empty.txt": ("read", "empty input"),
    "whitespace-only.txt": ("read", "empty input"),
    "photo.txt": ("read", "binary data"),
    "ctrl.txt": ("read", "binary data"),
    "utf16le-nobom-ukraine.txt": ("read", "binary data"),
    "no-article.html": ("read", "no article text"),
    "http://127.0.0.1:9/news/doha.html": ("read", "attempts"),  # the broken feed's only item
    "malformed.jsonl:2": ("read", "malformed JSON"),
    "malformed.jsonl:3": ("read", "must be a JSON object"),
    "malformed.jsonl:4": ("read", "must be a JSON object"),
    "malformed.jsonl:5": ("read", 'missing "id"'),
    "malformed.jsonl:6": ("read", 'missing "id"'),
    "malformed.jsonl:7": ("read", "empty text"),
    "malformed.jsonl:8": ("read", "is not a date"),
    "malformed.jsonl:9": ("read", 'missing "text"'),
    "malformed.jsonl:11": ("read", 'missing "id"'),
    "malformed.jsonl:15": ("read", "malformed JSON"),
    "{base}/missing": ("read", "HTTP 404"),
    "{base}/broken": ("read", "HTTP 500"),
    "{base}/slow": ("read", "timed out"),
    "{base}/binary": ("read", "binary data"),
}
EXPECTED_DOCUMENTS = {
    "latin1-spain-morocco.txt",
    "cp1252-turkey.txt",
    "german-news.txt",
    "arabic-news.txt",
    "chinese-news.txt",
    "boilerplate.html",  # only page furniture: stored, no events
    "jsonl-good-1",
    "jsonl-good-2",
    "html-no-article",  # trafilatura keeps the navigation words: stored, no events
    "../../etc/passwd",
    "/etc/shadow",
    "huge.txt",
    EXAMPLE.name,
    "{base}/ok.html",
}


def _ingest(db: Path, inputs: list[str]) -> Any:
    return runner.invoke(app, ["ingest", *inputs, "--db", str(db), "--workers", "1"])


def test_mixed_bad_inputs_become_failures_and_are_retried(
    tmp_path: Path, http_base: str, quick_fetch: None
) -> None:
    urls = [f"{http_base}/{p}" for p in ("ok.html", "missing", "broken", "slow", "binary")]
    inputs = [str(p) for p in _inputs(tmp_path)] + urls
    db = tmp_path / "bad.duckdb"
    first = _ingest(db, inputs)
    assert first.exit_code == 1, first.output
    expected = {k.format(base=http_base): v for k, v in EXPECTED_FAILURES.items()}
    docs = {d.format(base=http_base) for d in EXPECTED_DOCUMENTS}

    listed = runner.invoke(app, ["failures", "--db", str(db), "--format", "json"])
    assert listed.exit_code == 0
    rows = json.loads(listed.stdout)
    assert {r["input"] for r in rows} == set(expected)
    for row in rows:
        stage, words = expected[row["input"]]
        assert row["stage"] == stage and words in row["reason"], row
        assert f"error: {row['input']}: " in first.stderr  # each one printed on stderr
    text = runner.invoke(app, ["failures", "--db", str(db)]).stdout
    assert len(text.splitlines()) == len(expected)

    with EventStore(db, read_only=True) as store:
        stored = {
            r[0]: r[1] for r in store.con.execute("SELECT id, text FROM documents").fetchall()
        }
        counts = store.counts()
    assert set(stored) == docs
    assert "José Manuel Albares" in stored["latin1-spain-morocco.txt"]
    assert "\u201cstrongly condemned\u201d" in stored["cp1252-turkey.txt"]
    assert "习近平" in stored["chinese-news.txt"] and "السيسي" in stored["arabic-news.txt"]
    assert len(stored["huge.txt"].encode("utf-8")) > HUGE_BYTES - 10_000
    assert stored["../../etc/passwd"].startswith("Ukrainian officials")
    assert counts["events"] > 0 and counts["failures"] == len(expected)
    assert f"{len(docs)} stored" in first.stderr and f"{len(expected)} failed" in first.stderr

    # Second run: every failure is tried again (and fails again, recorded once), nothing
    # stored is coded again.
    second = _ingest(db, inputs)
    assert second.exit_code == 1
    assert f"done: 0 stored, {len(docs)} already stored" in second.stderr
    assert f"{len(expected)} failed" in second.stderr
    for where in expected:
        assert f"error: {where}: " in second.stderr
    with EventStore(db, read_only=True) as store:
        assert store.counts() == counts

    # The good inputs alone: nothing failed, exit status 0.
    good = [i for i in inputs if Path(i).name in docs or i.endswith("ok.html")]
    assert _ingest(db, good).exit_code == 0


def test_a_fixed_input_is_stored_on_the_next_run(tmp_path: Path) -> None:
    broken = tmp_path / "later.txt"
    broken.write_bytes(b"")
    db = tmp_path / "retry.duckdb"
    assert _ingest(db, [str(broken)]).exit_code == 1
    broken.write_text(
        "Iranian President Ebrahim Raisi met Azerbaijani President Ilham Aliyev in Ashgabat "
        "on Sunday.",
        encoding="utf-8",
    )
    again = _ingest(db, [str(broken)])
    assert again.exit_code == 0, again.output
    with EventStore(db, read_only=True) as store:
        assert store.counts()["documents"] == 1 and store.counts()["events"] >= 1


def test_a_retried_failure_that_succeeds_is_no_longer_listed(tmp_path: Path) -> None:
    broken = tmp_path / "later.txt"
    broken.write_bytes(b"\x00\x01binary")
    db = tmp_path / "retry.duckdb"
    assert _ingest(db, [str(broken)]).exit_code == 1
    broken.write_text("Egypt condemned Israeli air strikes on Rafah on Sunday.", encoding="utf-8")
    assert _ingest(db, [str(broken)]).exit_code == 0
    listed = runner.invoke(app, ["failures", "--db", str(db)])
    assert "later.txt" not in listed.stdout


def test_a_long_document_is_coded_to_its_end(tmp_path: Path) -> None:
    filler = "The weather in the capital was mild and the markets were quiet. " * 4_000
    tail = "Qatar hosted talks between Sudanese army and paramilitary envoys in Doha on Monday."
    article = tmp_path / "long.txt"
    article.write_text(filler + "\n\n" + tail + "\n", encoding="utf-8")
    db = tmp_path / "long.duckdb"
    result = _ingest(db, [str(article), "--published", "2023-05-08"])
    assert result.exit_code == 0, result.output
    with EventStore(db, read_only=True) as store:
        starts = [r[0] for r in store.con.execute("SELECT trigger_start FROM mentions").fetchall()]
    assert any(s > len(filler) for s in starts)


def test_a_lone_surrogate_in_jsonl_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    feed = tmp_path / "surrogate.jsonl"
    feed.write_text(
        '{"id": "ok", "text": "Egypt condemned Israeli air strikes on Rafah on Sunday."}\n'
        '{"id": "bad", "text": "Egypt condemned Israel \\ud800 on Sunday."}\n'
        '{"id": "ok2", "text": "Iran condemned Israel on Monday."}\n',
        encoding="utf-8",
    )
    db = tmp_path / "surrogate.duckdb"
    result = _ingest(db, [str(feed)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1
    with EventStore(db, read_only=True) as store:
        assert store.counts()["documents"] == 2
        assert [f["input"] for f in store.failures()] == ["surrogate.jsonl:2"]


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    article = tmp_path / "utf16.txt"
    text = "Ukrainian officials said Russia shelled Kharkiv on Friday."
    article.write_bytes(text.encode("utf-16"))  # with BOM
    db = tmp_path / "utf16.duckdb"
    result = _ingest(db, [str(article)])
    assert result.exit_code == 0, result.output
    with EventStore(db, read_only=True) as store:
        assert store.document("utf16.txt")["text"] == text
