"""Ingest, story and event deduplication, documents and events read back."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from dyad.errors import StoreError
from dyad.model import Document, Failure
from dyad.pipeline import Analysis, Pipeline
from dyad.store import EventStore
from dyad.store.minhash import signature, similarity


def test_ingest_twice_is_a_no_op(tmp_path: Path, example: Analysis) -> None:
    db = tmp_path / "x.duckdb"
    with EventStore(db) as store:
        first = store.ingest([example])
        counts = store.counts()
        again = store.ingest([example])
        assert store.counts() == counts
    assert first.documents == 1 and first.mentions == len({e.event_id for e in example.events})
    assert again.documents == 0 and again.skipped == 1
    assert counts["documents"] == 1 and counts["stories"] == 1
    # Mentions of one event inside the article are merged: fewer events than mentions.
    assert 0 < counts["events"] < counts["mentions"]
    with EventStore(db) as store:  # reopened from disk: same counts
        assert store.counts() == counts
        assert store.has_document(example.document.id, example.document.content_hash)


def test_edited_copy_adds_sources_not_events(
    tmp_path: Path, example: Analysis, edited_copy: Analysis
) -> None:
    with EventStore(tmp_path / "x.duckdb") as store:
        store.ingest([example])
        alone = store.counts()
        stats = store.ingest([edited_copy])
        both = store.counts()
        events = store.events(limit=None)
    assert stats.copies == 1
    assert both["documents"] == 2 and both["stories"] == 1
    assert both["events"] == alone["events"]
    assert both["mentions"] == 2 * alone["mentions"]
    assert {e["num_sources"] for e in events} == {2}
    assert {e["num_articles"] for e in events} == {1}
    assert all(e["num_mentions"] >= 2 for e in events)


def test_minhash_separates_copies_from_other_articles(example: Analysis) -> None:
    text = example.document.text
    copy = text.replace("tensions soared", "tensions rose sharply")
    other = "Kenyan police arrested 12 protesters in Nairobi on Tuesday after a rally."
    assert similarity(signature(text), signature(copy)) > 0.9
    assert similarity(signature(text), signature(other)) < 0.2


def test_flagged_mentions_stay_apart(tmp_path: Path, example: Analysis) -> None:
    real = example.events[0]
    doc = replace(example.document, id="hypothetical-copy.txt", source="Other")
    flagged = replace(real, doc_id=doc.id, hypothetical=True, event_id="")
    confirmed = replace(real, doc_id=doc.id, event_id="", trigger=replace(real.trigger, start=1))
    other = Analysis(doc, (flagged, confirmed), (), ())
    with EventStore(tmp_path / "x.duckdb") as store:
        store.ingest([Analysis(example.document, (real,), (), ())])
        store.ingest([other])
        events = store.events(limit=None)
        real_only = store.events(limit=None, flagged=False)
    assert len(events) == 2
    merged = next(e for e in events if not e["hypothetical"])
    apart = next(e for e in events if e["hypothetical"])
    assert merged["num_mentions"] == 2 and merged["num_sources"] == 2
    assert apart["num_mentions"] == 1
    assert [e["event_id"] for e in real_only] == [merged["event_id"]]


def test_dates_and_places_decide_merging(tmp_path: Path, example: Analysis) -> None:
    base = next(e for e in example.events if e.date_precision == "day" and e.location)
    doc = replace(example.document, id="other.txt", text="other text entirely", source="X")

    def variant(n: int, **kw: object) -> object:
        return replace(
            base, doc_id=doc.id, trigger=replace(base.trigger, start=n), event_id="", **kw
        )

    next_day = variant(1, date="2021-12-24")  # within a day: same event
    far = variant(2, date="2021-12-28")  # five days later: another event
    no_place = variant(3, location=None)  # no place: same event
    elsewhere = variant(4, location=replace(base.location, geonameid=1, name="Elsewhere"))
    with EventStore(tmp_path / "x.duckdb") as store:
        store.ingest([Analysis(example.document, (base,), (), ())])
        store.ingest([Analysis(doc, (next_day, far, no_place, elsewhere), (), ())])  # type: ignore[arg-type]
        events = {e["event_id"]: e for e in store.events(limit=None)}
    assert len(events) == 3
    assert events[base.event_id]["num_mentions"] == 3


def test_failures_are_stored_and_do_not_stop(tmp_path: Path, example: Analysis) -> None:
    bad = Failure(where="feed.jsonl:7", stage="read", reason="malformed JSON")
    with EventStore(tmp_path / "x.duckdb") as store:
        stats = store.ingest([bad, example, bad])
        rows = store.failures()
    assert stats.documents == 1 and stats.failures == 2
    assert len(rows) == 1  # the same failure seen twice is one row
    assert rows[0]["input"] == "feed.jsonl:7" and rows[0]["stage"] == "read"


def test_document_and_event_read_back(tmp_path: Path, example: Analysis) -> None:
    with EventStore(tmp_path / "x.duckdb") as store:
        store.ingest([example])
        doc = store.document(example.document.id)
        top = store.events(limit=1, sort="mentions")[0]
        event = store.event(top["event_id"])
        with pytest.raises(KeyError):
            store.event("nope")
    text = doc["text"]
    assert text == example.document.text and doc["source"] == "PressTV"
    assert doc["published"] == "2021-12-23"
    for e in doc["events"]:
        assert text[e["trigger"]["start"] : e["trigger"]["end"]] == e["trigger"]["text"]
        for a in e["actor"] + e["recipient"]:
            assert text[a["start"] : a["end"]] == a["text"]
    for p in doc["places"]:
        assert text[p["start"] : p["end"]] == p["text"]
    assert {p["name"] for p in doc["people"]} >= {"Ilham Aliyev"}
    assert len(event["mentions"]) == top["num_mentions"] > 1
    assert {m["event_type"] for m in event["mentions"]} == {top["event_type"]}
    assert event["mentions"][0]["url"].startswith("https://www.presstv.ir/")
    # Re-coding the stored mention gives back the same contract object.
    original = {e.event_id: e.to_dict() for e in example.events}
    for m in event["mentions"]:
        stored = {k: v for k, v in m.items() if k in original[m["event_id"]]}
        assert stored == original[m["event_id"]]


def test_changed_document_is_replaced(tmp_path: Path, pipeline: Pipeline) -> None:
    doc = Document("wire-1", "Kenyan police arrested 12 protesters in Nairobi on Tuesday.")
    doc = replace(doc, published=replace_date(), published_source="given")
    changed = replace(doc, text="Russia and Ukraine exchanged prisoners on Friday.")
    with EventStore(tmp_path / "x.duckdb") as store:
        store.ingest([pipeline.analyse(doc)])
        before = store.events(limit=None)
        stats = store.ingest([pipeline.analyse(changed)])
        after = store.events(limit=None)
        assert store.document("wire-1")["text"] == changed.text
    assert stats.replaced == 1 and stats.documents == 1
    assert before and after
    assert {e["event_type"] for e in before} != {e["event_type"] for e in after}
    assert all(e["doc_id"] == "wire-1" for e in after)


def replace_date() -> object:
    from datetime import date

    return date(2023, 3, 8)


def test_read_only_store_refuses_writes(tmp_path: Path, example: Analysis) -> None:
    db = tmp_path / "x.duckdb"
    with pytest.raises(StoreError, match="no database"):
        EventStore(db, read_only=True)
    with EventStore(db) as store:
        store.ingest([example])
    with EventStore(db, read_only=True) as store:
        assert store.count() > 0
        with pytest.raises(StoreError, match="read-only"):
            store.ingest([example])
