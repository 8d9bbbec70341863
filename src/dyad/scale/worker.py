"""What runs inside a worker process: one Pipeline per process, and coding one chunk.

The process pool and the Dask engine both ship chunks of Documents to ``code_chunk``. The
Pipeline (spaCy model, gazetteer ruler, lexicons) is built the first time a process needs it
and kept in a module global, so it is loaded once per worker, not once per chunk.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from dyad.model import Document, Failure
from dyad.pipeline import Analysis, Pipeline

if TYPE_CHECKING:
    from dyad.actors.story import Entity

Result = Analysis | Failure

_PIPELINE: Pipeline | None = None


def init_worker(memory: Mapping[str, Entity] | None = None) -> None:
    """Load the Pipeline in this process (the pool's initializer).

    ``memory`` is a snapshot of the actor memory (people learned from stored articles); a
    worker already loaded keeps its model and only takes the new memory.
    """
    pipe = worker_pipeline()
    if memory is not None:
        pipe.memory = dict(memory)


def worker_pipeline() -> Pipeline:
    """This process's Pipeline, built on first use."""
    global _PIPELINE
    if _PIPELINE is None:
        _PIPELINE = Pipeline()
        _PIPELINE.warm()
    return _PIPELINE


def failure_for(document: Document, exc: BaseException, stage: str = "code") -> Failure:
    """The Failure recorded for a document whose coding raised ``exc``."""
    return Failure(
        where=document.id, stage=stage, reason=f"{type(exc).__name__}: {exc}", doc_id=document.id
    )


def code_chunk(documents: Sequence[Document]) -> list[Result]:
    """Analyses of a chunk, in order; a document that raises becomes a Failure.

    The chunk is parsed in one ``nlp.pipe`` batch; if any document raises, the rest of the
    chunk is coded one at a time so that only the bad document fails.
    """
    pipe = worker_pipeline()
    results: list[Result] = []
    try:
        for analysis in pipe.analyse_many(documents):
            results.append(analysis)
        return results
    except Exception:  # noqa: BLE001 - isolate the bad document below
        pass
    for document in documents[len(results) :]:
        try:
            results.append(pipe.analyse(document))
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
            results.append(failure_for(document, exc))
    return results


def ready(hold: float = 0.0) -> int:
    """This process's id, once its Pipeline is loaded; ``hold`` keeps the worker busy a moment."""
    worker_pipeline()
    if hold:
        time.sleep(hold)
    return os.getpid()


def worker_pid() -> int:
    """The id of the process running this (for tests and memory reports)."""
    return os.getpid()


def worker_peak_rss() -> tuple[int, int]:
    """This process's id and its peak resident memory in bytes (Linux/macOS)."""
    import resource
    import sys

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return os.getpid(), peak if sys.platform == "darwin" else peak * 1024
