"""Code documents with a pool of worker processes on this machine.

Each worker builds the Pipeline once (the pool's initializer). The input is read lazily in
chunks; at most ``max_inflight`` chunks are queued or running at any time, so memory stays
bounded however long the input is. Results come back in input order. A document that raises
becomes a Failure inside its worker; a worker that dies (segfault, out of memory) breaks the
pool, which is restarted: the chunk it was coding is retried one document at a time, and a
document that kills a worker again is recorded as a Failure.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import TYPE_CHECKING

from dyad.model import Document, Failure
from dyad.scale.batching import Chunk, Item, Result, chunked, resolve_workers
from dyad.scale.worker import code_chunk, init_worker

if TYPE_CHECKING:
    from dyad.actors.story import Entity

Task = Callable[[Sequence[Document]], list[Result]]

CRASH_REASON = "the worker process coding this document died"


class PoolRun:
    """One run over the input: owns the executor and the queue of in-flight chunks."""

    def __init__(
        self,
        workers: int,
        context: str,
        task: Task,
        initializer: Callable[[], None] | None,
    ) -> None:
        self.workers = workers
        self.context = multiprocessing.get_context(context)
        self.task = task
        self.initializer = initializer
        self.pending: deque[Chunk] = deque()
        self.restarts = 0
        self.executor = self._new_executor()

    def _new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=self.context,
            initializer=self.initializer,
        )

    def submit(self, chunk: Chunk) -> None:
        """Queue a chunk's documents (a chunk of reader failures only needs no worker)."""
        chunk.future = self.executor.submit(self.task, chunk.documents) if chunk.documents else None
        self.pending.append(chunk)

    def restart(self, resubmit: bool = True) -> None:
        """Replace a broken executor; resubmit the chunks still waiting unless told not to."""
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.restarts += 1
        self.executor = self._new_executor()
        if resubmit:
            self.resubmit()

    def resubmit(self) -> None:
        for chunk in self.pending:
            if chunk.documents:
                chunk.future = self.executor.submit(self.task, chunk.documents)

    def next_results(self) -> list[Result]:
        """Wait for the oldest chunk and return its results in input order."""
        chunk = self.pending.popleft()
        if chunk.future is None:
            return chunk.merge([])
        future: Future[list[Result]] = chunk.future
        try:
            return chunk.merge(future.result())
        except BrokenProcessPool:
            # Nothing else runs while the chunk is retried document by document, so the
            # document that kills a worker now is the one that did.
            self.restart(resubmit=False)
            results = chunk.merge(self._isolate(chunk.documents))
            self.resubmit()
            return results

    def _isolate(self, documents: list[Document]) -> list[Result]:
        """Code documents one at a time, so a document that kills its worker is singled out."""
        results: list[Result] = []
        for document in documents:
            try:
                results.extend(self.executor.submit(self.task, [document]).result())
            except BrokenProcessPool:
                self.restart(resubmit=False)
                doc_id = document.id
                results.append(Failure(doc_id, "code", CRASH_REASON, doc_id=doc_id))
        return results

    def close(self) -> None:
        """Stop the workers, dropping anything still queued."""
        self.executor.shutdown(wait=True, cancel_futures=True)


def analyse_pool(
    items: Iterable[Item],
    workers: int = 0,
    chunk_size: int = 8,
    max_inflight: int | None = None,
    context: str = "spawn",
    task: Task = code_chunk,
    initializer: Callable[[], None] | None = init_worker,
    memory: Mapping[str, Entity] | None = None,
) -> Iterator[Result]:
    """Code ``items`` with a process pool, yielding an Analysis or Failure per item in order.

    ``workers`` 0 means one per core. ``max_inflight`` (default two chunks per worker) bounds
    how many chunks are read ahead of the consumer. ``context`` is the multiprocessing start
    method (``spawn`` or ``forkserver``; not ``fork``, which copies the parent's threads).
    ``memory`` (actor memory, see ``Pipeline``) is copied to every worker at its start.
    ``task`` and ``initializer`` are the worker's functions; tests replace them.
    """
    n = resolve_workers(workers)
    limit = max_inflight or 2 * n
    if memory is not None and initializer is init_worker:
        initializer = partial(init_worker, dict(memory))
    run = PoolRun(n, context, task, initializer)
    try:
        for chunk in chunked(items, chunk_size):
            run.submit(chunk)
            while len(run.pending) >= limit:
                yield from run.next_results()
        while run.pending:
            yield from run.next_results()
    finally:
        run.close()
