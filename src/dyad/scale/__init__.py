"""Runners that code many documents: in this process, a process pool, or on Dask.

All runners take the same items (Documents, or InputErrors / Failures from the readers) and
yield, in input order, an ``Analysis`` per document or a ``Failure`` for an item that could not
be read or coded. The run never stops on a bad document.

``analyse(items, workers, engine, scheduler)`` picks the runner:

- ``engine="local"``, ``workers=1``: this process (``analyse_local``);
- ``engine="local"``, ``workers=N`` (0: one per core): a process pool (``dyad.scale.pool``);
  an input of fewer than ``SMALL_INPUT`` documents is coded in this process, where loading the
  model once is cheaper than loading it in every worker;
- ``engine="dask"``: a Dask cluster at ``scheduler``, or a LocalCluster (``dyad.scale.cluster``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import chain, islice
from typing import TYPE_CHECKING

from dyad.model import Document, Failure
from dyad.pipeline import Analysis, Pipeline
from dyad.scale.batching import Item, Result, as_failure, resolve_workers

if TYPE_CHECKING:
    from dyad.actors.story import Entity

ENGINES = ("local", "dask")
# Below this many documents a process pool costs more (a model load per worker) than it saves.
SMALL_INPUT = 8


def analyse_local(
    items: Iterable[Item], pipeline: Pipeline | None = None, batch_size: int = 16
) -> Iterator[Analysis | Failure]:
    """Code documents in this process, parsing in batches; a document that raises is a Failure.

    A batch is parsed with ``nlp.pipe``; when anything in it raises, its documents are coded
    again one by one so that only the broken one fails.
    """
    pipe = pipeline or Pipeline()
    batch: list[Document] = []
    for item in items:
        if not isinstance(item, Document):
            yield from _code_batch(pipe, batch)
            batch = []
            yield as_failure(item)
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _code_batch(pipe, batch)
            batch = []
    yield from _code_batch(pipe, batch)


def _code_batch(pipe: Pipeline, batch: list[Document]) -> Iterator[Analysis | Failure]:
    if not batch:
        return
    try:
        results: list[Analysis | Failure] = list(pipe.analyse_many(batch))
    except Exception:  # noqa: BLE001 - find the broken document below
        results = [_code_one(pipe, doc) for doc in batch]
    yield from results


def _code_one(pipe: Pipeline, doc: Document) -> Analysis | Failure:
    try:
        return pipe.analyse(doc)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
        reason = f"{type(exc).__name__}: {exc}"
        return Failure(where=doc.id, stage="code", reason=reason, doc_id=doc.id)


def analyse(
    items: Iterable[Item],
    workers: int = 0,
    engine: str = "local",
    scheduler: str | None = None,
    memory: Mapping[str, Entity] | None = None,
) -> Iterator[Analysis | Failure]:
    """Code documents with the chosen engine; one result per input item, in input order.

    ``workers`` 0 means one per core. ``scheduler`` (a Dask scheduler address) implies
    ``engine="dask"``. ``memory`` is the actor memory (``Pipeline(memory=...)``): used live
    in this process, copied once to each worker of a pool or cluster. Raises ValueError for
    an unknown engine.
    """
    if scheduler and engine == "local":
        engine = "dask"
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if engine == "dask":
        from dyad.scale.cluster import analyse_dask

        return analyse_dask(items, workers=workers, scheduler=scheduler, memory=memory)
    n = resolve_workers(workers)
    if n <= 1:
        return analyse_local(items, Pipeline(memory=memory))
    stream = iter(items)
    head = list(islice(stream, SMALL_INPUT))
    if len(head) < SMALL_INPUT:
        return analyse_local(head, Pipeline(memory=memory))
    from dyad.scale.pool import analyse_pool

    return analyse_pool(chain(head, stream), workers=n, memory=memory)


__all__ = ["ENGINES", "Item", "Result", "analyse", "analyse_local", "as_failure"]
