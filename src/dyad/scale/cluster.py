"""Code documents on a Dask cluster: a scheduler address, or a LocalCluster of processes.

Every worker keeps one Pipeline in a process global (``dyad.scale.worker``); a worker plugin
builds it when the worker joins, so the model is loaded once per worker and before the first
chunk arrives. Documents go to the cluster in chunks, at most ``max_inflight`` at a time, and
results are yielded in input order. A chunk whose worker died more often than the scheduler
allows (``KilledWorker``) is recorded as failed, document by document; the run goes on.
"""

from __future__ import annotations

import importlib
import logging
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from dyad.scale.batching import Chunk, Item, Result, chunked, resolve_workers
from dyad.scale.worker import code_chunk, init_worker

if TYPE_CHECKING:
    from dyad.actors.story import Entity


class LoadPipeline:
    """Dask worker plugin: build the Pipeline when a worker starts."""

    name = "dyad-pipeline"
    idempotent = False

    def __init__(self, memory: Mapping[str, Entity] | None = None) -> None:
        self.memory = dict(memory) if memory is not None else None

    def setup(self, worker: Any) -> None:
        """Called by Dask on every worker (present and future)."""
        init_worker(self.memory)

    def teardown(self, worker: Any) -> None:
        """Nothing to release: the Pipeline dies with the worker process."""


@contextmanager
def dask_client(scheduler: str | None, workers: int = 0) -> Iterator[Any]:
    """A Dask client on ``scheduler``, or on a LocalCluster of ``workers`` processes.

    The local cluster has one thread per worker (spaCy parsing holds the GIL), no dashboard,
    and is shut down on exit; a remote cluster is left running.
    """
    distributed: Any = importlib.import_module("dask.distributed")
    if scheduler:
        client = distributed.Client(scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    cluster = distributed.LocalCluster(
        n_workers=resolve_workers(workers),
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def register_plugin(client: Any, memory: Mapping[str, Entity] | None = None) -> None:
    """Have every worker of ``client``'s cluster build the Pipeline as it starts."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class _Plugin(LoadPipeline, WorkerPlugin):
        pass

    client.register_plugin(_Plugin(memory), name=LoadPipeline.name)


def analyse_dask(
    items: Iterable[Item],
    workers: int = 0,
    scheduler: str | None = None,
    chunk_size: int = 8,
    max_inflight: int | None = None,
    memory: Mapping[str, Entity] | None = None,
) -> Iterator[Result]:
    """Code ``items`` on Dask, yielding an Analysis or Failure per item in input order.

    ``scheduler`` is a scheduler address (``tcp://host:8786``); None starts a LocalCluster
    with ``workers`` processes (0: one per core). ``max_inflight`` bounds the chunks sent
    ahead of the consumer (default: two per worker). ``memory`` (actor memory) is copied to
    every worker.
    """
    with dask_client(scheduler, workers) as client:
        register_plugin(client, memory)
        n = max(1, len(client.scheduler_info().get("workers", {})) or resolve_workers(workers))
        limit = max_inflight or 2 * n
        pending: deque[Chunk] = deque()
        for chunk in chunked(items, chunk_size):
            _submit(client, chunk)
            pending.append(chunk)
            while len(pending) >= limit:
                yield from _collect(pending.popleft())
        while pending:
            yield from _collect(pending.popleft())


def _submit(client: Any, chunk: Chunk) -> None:
    if chunk.documents:
        chunk.future = client.submit(code_chunk, chunk.documents, pure=False)


def _collect(chunk: Chunk) -> list[Result]:
    if chunk.future is None:
        return chunk.merge([])
    try:
        results: list[Result] = chunk.future.result()
    except Exception as exc:  # noqa: BLE001 - KilledWorker, lost connection: record, go on
        return chunk.all_failed(f"dask: {type(exc).__name__}: {exc}")
    finally:
        chunk.future.release()
    return chunk.merge(results)
