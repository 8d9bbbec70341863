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
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import TYPE_CHECKING

from dyad.model import Document, Failure
from dyad.scale.batching import Chunk, Item, Result, chunked, resolve_workers
from dyad.scale.worker import code_chunk, init_worker, ready

if TYPE_CHECKING:
    from dyad.actors.story import Entity

Task = Callable[[Sequence[Document]], list[Result]]

CRASH_REASON = "the worker process coding this document died"


class WorkerPool:
    """Worker processes that keep their Pipeline across runs; owns the in-flight chunks.

    ``analyse_pool`` makes one for a single run. A caller that codes several inputs (the
    benchmark, a long-lived service) can keep one open and call ``analyse`` on each, paying
    the model load once per worker; ``warm`` waits until every worker has loaded it.
    """

    def __init__(
        self,
        workers: int = 0,
        context: str = "spawn",
        task: Task = code_chunk,
        initializer: Callable[[], None] | None = init_worker,
        memory: Mapping[str, Entity] | None = None,
    ) -> None:
        if memory is not None and initializer is init_worker:
            initializer = partial(init_worker, dict(memory))
        self.workers = resolve_workers(workers)
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

    def warm(self, timeout: float = 300.0) -> None:
        """Start every worker and wait until each has loaded its Pipeline.

        Each probe task holds its worker briefly, so that one fast worker cannot answer
        for all of them; probes go out in rounds until every worker has answered.
        """
        seen: set[int] = set()
        deadline = time.monotonic() + timeout
        while len(seen) < self.workers and time.monotonic() < deadline:
            probes = [self.executor.submit(ready, 0.05) for _ in range(self.workers)]
            seen.update(f.result(timeout=timeout) for f in probes)

    def analyse(
        self, items: Iterable[Item], chunk_size: int = 8, max_inflight: int | None = None
    ) -> Iterator[Result]:
        """Code ``items`` on this pool: an Analysis or Failure per item, in input order."""
        limit = max_inflight or 2 * self.workers
        try:
            for chunk in chunked(items, chunk_size):
                self.submit(chunk)
                while len(self.pending) >= limit:
                    yield from self.next_results()
            while self.pending:
                yield from self.next_results()
        finally:
            # A consumer that stops early leaves chunks behind: drop them, keep the workers.
            for chunk in self.pending:
                if chunk.future is not None:
                    chunk.future.cancel()
            self.pending.clear()

    def close(self) -> None:
        """Stop the workers, dropping anything still queued."""
        self.executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def analyse_pool(
    items: Iterable[Item],
    workers: int = 0,
    chunk_size: int = 8,
    max_inflight: int | None = None,
    context: str = "spawn",
    task: Task = code_chunk,
    initializer: Callable[[], None] | None = init_worker,
    memory: Mapping[str, Entity] | None = None,
    pool: WorkerPool | None = None,
) -> Iterator[Result]:
    """Code ``items`` with a process pool, yielding an Analysis or Failure per item in order.

    ``workers`` 0 means one per core. ``max_inflight`` (default two chunks per worker) bounds
    how many chunks are read ahead of the consumer. ``context`` is the multiprocessing start
    method (``spawn`` or ``forkserver``; not ``fork``, which copies the parent's threads).
    ``memory`` (actor memory, see ``Pipeline``) is copied to every worker at its start.
    ``task`` and ``initializer`` are the worker's functions; tests replace them. ``pool``: an
    open WorkerPool to run on (it stays open); otherwise one is made for this run and closed.
    """
    if pool is not None:
        yield from pool.analyse(items, chunk_size, max_inflight)
        return
    with WorkerPool(workers, context, task, initializer, memory) as own:
        yield from own.analyse(items, chunk_size, max_inflight)
