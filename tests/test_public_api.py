"""The stable Python API: what ``import dyad`` offers, and that it stays light."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

import dyad
from dyad.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "presstv-2021-12-23-iran-azerbaijan.txt"
SEED = ROOT / "tests" / "gold" / "seed.jsonl"

# The stable API. Adding a name is a minor change; removing or renaming one is a major one.
PUBLIC = {
    "Actor",
    "Analysis",
    "Document",
    "Event",
    "EventFilter",
    "EventStore",
    "Pipeline",
    "Place",
    "When",
    "code",
    "evaluate",
    "open_store",
    "read",
}

CONTRACT_FIELDS = {
    "event_id", "doc_id", "event_type", "mode", "context", "cameo", "quad_class", "goldstein",
    "actor", "recipient", "date", "date_precision", "location", "sentence", "trigger",
    "negated", "hypothetical", "historical", "confidence", "reason",
}  # fmt: skip

MEETING = "Iran's foreign minister met his Azerbaijani counterpart in Baku on Wednesday."
SUMMONS = "Iran summoned the Azerbaijani ambassador on Tuesday."


@pytest.fixture(scope="module")
def shared(nlp: Language) -> dyad.Pipeline:
    """The pipeline behind dyad.code, built on the session's spaCy model (loaded once)."""
    from dyad.public import shared_pipeline

    pipe = shared_pipeline()
    assert pipe.nlp is nlp
    return pipe


def test_all_is_the_stable_api() -> None:
    assert set(dyad.__all__) == PUBLIC
    assert len(dyad.__all__) == len(set(dyad.__all__))
    for name in dyad.__all__:
        assert getattr(dyad, name) is not None, name
    assert set(dyad.__all__) <= set(dir(dyad))
    assert dyad.__version__.count(".") == 2


def test_lazy_names_are_the_real_classes() -> None:
    from dyad.pipeline import Analysis, Pipeline
    from dyad.store import EventFilter, EventStore

    assert dyad.Pipeline is Pipeline
    assert dyad.Analysis is Analysis
    assert dyad.EventStore is EventStore
    assert dyad.EventFilter is EventFilter
    with pytest.raises(AttributeError, match="no attribute 'Pipelines'"):
        _ = dyad.Pipelines  # type: ignore[attr-defined]


def test_import_dyad_does_not_load_spacy_or_duckdb() -> None:
    code = (
        "import sys, dyad\n"
        "heavy = sorted(m for m in ('spacy', 'duckdb', 'pandas', 'dyad.pipeline') "
        "if m in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == ""


def test_evaluate_stays_the_function_after_its_module_is_imported() -> None:
    import importlib

    module = importlib.import_module("dyad.evaluate")
    assert callable(dyad.evaluate)
    assert dyad.evaluate.__module__ == "dyad.public"
    assert sys.modules["dyad.evaluate"] is module
    from dyad.evaluate import Report

    assert Report.__name__ == "Report"


def test_code_a_batch_of_strings(shared: dyad.Pipeline) -> None:
    events = dyad.code([MEETING, SUMMONS], published="2021-12-23")
    assert {e.doc_id for e in events} == {"text-0", "text-1"}
    meeting = next(e for e in events if e.doc_id == "text-0")
    assert meeting.event_type == "CONSULT"
    assert meeting.date == "2021-12-22"
    assert [a.code for a in meeting.actor] == ["IRNGOV"]
    assert [r.code for r in meeting.recipient] == ["AZEGOV"]
    assert meeting.location is not None and meeting.location.name == "Baku"
    summons = next(e for e in events if e.doc_id == "text-1")
    assert (summons.event_type, summons.mode, summons.date) == (
        "ACCUSE",
        "disapprove",
        "2021-12-21",
    )
    # Same input, same events and ids.
    assert [e.event_id for e in dyad.code([MEETING, SUMMONS], published="2021-12-23")] == [
        e.event_id for e in events
    ]


def test_code_one_string_or_mixed_documents(shared: dyad.Pipeline) -> None:
    single = dyad.code(MEETING, published=date(2021, 12, 23))
    assert [e.doc_id for e in single] == ["text-0"]
    doc = dyad.Document(id="mine", text=SUMMONS, published=date(2021, 10, 6))
    mixed = dyad.code([MEETING, doc])
    by_doc = {e.doc_id: e for e in mixed}
    assert set(by_doc) == {"text-0", "mine"}
    assert by_doc["mine"].date == "2021-10-05"  # the Document's own date, not the batch's
    assert by_doc["text-0"].date is None  # no publication date: "Wednesday" stays unresolved


def test_code_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        dyad.code(MEETING, published="23/12/2021")
    with pytest.raises(TypeError, match="expected str or dyad.Document, got int"):
        dyad.code([MEETING, 42])  # type: ignore[list-item]


def test_event_records_follow_the_contract(shared: dyad.Pipeline) -> None:
    event = dyad.code(MEETING, published="2021-12-23")[0]
    record = event.to_dict()
    assert set(record) >= CONTRACT_FIELDS
    assert json.loads(event.to_json()) == record
    assert MEETING[record["trigger"]["start"] : record["trigger"]["end"]] == "met"
    for actor in event.actor + event.recipient:
        assert MEETING[actor.start : actor.end] == actor.text
    plover = event.to_plover()
    assert (plover["event"], plover["actor_country"], plover["recipient_country"]) == (
        "CONSULT",
        "IRN",
        "AZE",
    )


def test_read_files_and_errors(tmp_path: Path) -> None:
    lines = [
        {"id": "a", "text": MEETING, "published": "2021-12-23"},
        {"id": "b", "text": SUMMONS, "published": None},
    ]
    good = tmp_path / "docs.jsonl"
    good.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    docs = list(dyad.read(good))
    assert [(d.id, d.published) for d in docs] == [("a", date(2021, 12, 23)), ("b", None)]

    texts = list(dyad.read([EXAMPLE], published="2021-12-23"))
    assert texts[0].id == EXAMPLE.name and texts[0].published_source == "given"

    missing = tmp_path / "missing.txt"
    with pytest.raises(InputError, match="missing.txt: no such file"):
        list(dyad.read([good, missing]))
    assert [d.id for d in dyad.read([missing, good], skip_errors=True)] == ["a", "b"]


def test_open_store_ingest_and_query(shared: dyad.Pipeline, tmp_path: Path) -> None:
    db = tmp_path / "api.duckdb"
    docs = [
        dyad.Document("d1", MEETING, date(2021, 12, 23), "given", source="one"),
        dyad.Document("d2", "Iran's foreign minister met his Azeri counterpart in Baku on "
                      "Wednesday.", date(2021, 12, 23), "given", source="two"),
    ]  # fmt: skip
    with dyad.open_store(db) as store:
        stats = store.ingest(shared.analyse_many(docs))
        assert stats.documents == 2
    with dyad.open_store(db, read_only=True) as store:
        events = store.events(actor="IRN", recipient="AZE")
        assert len(events) == 1  # two reports of one meeting: one stored event
        assert events[0]["num_sources"] == 2
        f = dyad.EventFilter(actor="IRNGOV", event_type="CONSULT")
        assert store.count(f) == 1
        series = store.series(actor="IRN", by="month")
        assert [(str(r["period"]), r["events"]) for r in series] == [("2021-12-01", 1)]
        assert len(store.to_pandas()) == 1


def test_evaluate_seed(shared: dyad.Pipeline) -> None:
    report = dyad.evaluate(str(SEED))
    assert report.documents == 1
    assert report.f1 >= 0.9
    assert report.to_dict()["gold_events"] == report.gold
