"""The process pool and the Dask engine give the same results as coding in this process."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from spacy.language import Language

from dyad.errors import InputError
from dyad.model import Document, Failure
from dyad.pipeline import Analysis, Pipeline
from dyad.scale import Item, analyse, analyse_local
from dyad.scale.pool import CRASH_REASON, WorkerPool, analyse_pool
from dyad.scale.worker import ready, worker_pid

SENTENCES = [
    "Iranian Foreign Minister Hossein Amir-Abdollahian met Azerbaijani Foreign Minister "
    "Jeyhun Bayramov in Baku on Monday.",
    "Police arrested dozens of protesters in Minsk on Sunday, the interior ministry said.",
    "The European Union imposed new sanctions on Russia on Friday.",
    "China accused the United States of interfering in its internal affairs.",
    "Turkey sent humanitarian aid to Syria after the earthquake.",
]


def documents(n: int) -> list[Document]:
    return [
        Document(f"doc-{i}", SENTENCES[i % len(SENTENCES)], date(2023, 3, 13), "given")
        for i in range(n)
    ]


def items(n: int = 6) -> list[Item]:
    docs: list[Item] = list(documents(n))
    docs.insert(3, InputError("broken.txt", "empty input"))
    return docs


def signature(results: Iterator[Analysis | Failure] | list[Analysis | Failure]) -> list[Any]:
    out: list[Any] = []
    for r in results:
        if isinstance(r, Failure):
            out.append(("failure", r.where, r.stage))
        else:
            out.append((r.document.id, [e.to_dict() for e in r.events]))
    return out


@pytest.fixture(scope="module")
def expected(nlp: Language) -> list[Any]:
    result = signature(analyse_local(items(), Pipeline(nlp=nlp)))
    assert sum(len(r[1]) for r in result if r[0] != "failure") >= 4  # real events to compare
    return result


@pytest.mark.parallel
def test_process_pool_matches_plain_run(expected: list[Any]) -> None:
    got = signature(analyse_pool(items(), workers=2, chunk_size=2, max_inflight=2))
    assert got == expected


@pytest.mark.parallel
def test_worker_pool_is_warmed_once_and_reused_across_runs(expected: list[Any]) -> None:
    with WorkerPool(workers=2) as pool:
        pool.warm()
        # Probes that hold their worker a while, sent together: each worker takes one, so
        # the answer does not depend on how fast one idle worker grabs the next task.
        probes = [pool.executor.submit(ready, 0.5) for _ in range(4)]
        pids = {f.result() for f in probes}
        assert len(pids) == 2  # warm started both workers
        assert signature(pool.analyse(items(), chunk_size=2)) == expected
        # A consumer that stops early leaves the pool usable for the next run.
        first = next(iter(pool.analyse(items(), chunk_size=2)))
        assert signature([first]) == expected[:1]
        assert signature(pool.analyse(items(), chunk_size=2)) == expected
        again = {pool.executor.submit(worker_pid).result() for _ in range(6)}
        assert again <= pids  # the same processes: the model was not loaded again
    assert signature(analyse_pool(items(), workers=2, chunk_size=2, pool=None)) == expected


@pytest.mark.parallel
def test_dask_local_cluster_matches_plain_run_and_writes_partitions(
    expected: list[Any], tmp_path: Path
) -> None:
    from dyad.scale.cluster import dask_client
    from dyad.scale.partitions import write_parquet_partitions

    with dask_client(None, workers=2) as client:
        address = client.scheduler.address
        got = signature(analyse(items(), engine="dask", scheduler=address))
        assert got == expected
        report = write_parquet_partitions(
            items(), tmp_path / "parts", engine="dask", scheduler=address, chunk_size=3
        )
    assert [p.name for p in report.paths] == [f"part-00000{i}.parquet" for i in range(3)]
    assert report.documents == 6 and [f.where for f in report.failures] == ["broken.txt"]
    table = pq.read_table(tmp_path / "parts")
    want = [e["event_id"] for r in expected if r[0] != "failure" for e in r[1]]
    assert sorted(table.column("event_id").to_pylist()) == sorted(want)
    assert report.events == len(want)
    row = table.to_pylist()[0]
    assert row["sentence_text"] and row["trigger_text"] and row["actor"][0]["code"]
    assert row["doc_published"] == date(2023, 3, 13)


def test_small_input_is_coded_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import dyad.scale.pool

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started for three documents")

    monkeypatch.setattr(dyad.scale.pool, "analyse_pool", no_pool)
    results = list(analyse(documents(3), workers=2))
    assert [r.document.id for r in results if isinstance(r, Analysis)] == [
        "doc-0",
        "doc-1",
        "doc-2",
    ]


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        analyse([], engine="spark")


# -- worker failures, with stand-in tasks that need no model ------------------------------


def fake_task(docs: Sequence[Document]) -> list[Analysis | Failure]:
    """Crash the worker on a document named 'crash', fail on 'raise', else an empty Analysis."""
    out: list[Analysis | Failure] = []
    for d in docs:
        if d.id == "crash":
            os._exit(13)
        if d.id == "raise":
            out.append(Failure(d.id, "code", "ValueError: bad", doc_id=d.id))
        else:
            out.append(Analysis(document=d, events=(), dates=(), places=()))
    return out


def test_worker_crash_fails_only_its_document() -> None:
    names = ["a", "b", "crash", "c", "raise", "d", "e", "f"]
    docs = [Document(n, f"text {n}") for n in names]
    results = list(analyse_pool(docs, workers=2, chunk_size=2, task=fake_task, initializer=None))
    assert [getattr(r, "where", None) or r.document.id for r in results] == names  # type: ignore[union-attr]
    failed = {r.where: r.reason for r in results if isinstance(r, Failure)}
    assert failed == {"crash": CRASH_REASON, "raise": "ValueError: bad"}


def test_pool_reads_input_lazily() -> None:
    read: list[int] = []

    def endless() -> Iterator[Document]:
        n = 0
        while True:
            read.append(n)
            yield Document(f"d{n}", "text")
            n += 1

    results = analyse_pool(
        endless(), workers=1, chunk_size=4, max_inflight=2, task=fake_task, initializer=None
    )
    first = [next(results) for _ in range(5)]
    results.close()  # type: ignore[attr-defined]
    assert [r.document.id for r in first if isinstance(r, Analysis)][:1] == ["d0"]
    assert len(read) <= 4 * 3  # the chunks in flight plus the one being filled
