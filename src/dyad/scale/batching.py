"""Chunks of input items for the parallel runners, and putting results back in input order."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from dyad.errors import InputError
from dyad.model import Document, Failure
from dyad.pipeline import Analysis

Item = Document | InputError | Failure
Result = Analysis | Failure


def as_failure(item: InputError | Failure) -> Failure:
    """A reader's error as a recorded failure."""
    if isinstance(item, Failure):
        return item
    return Failure(where=item.where, stage="read", reason=item.problem)


def resolve_workers(workers: int) -> int:
    """The number of worker processes: ``workers``, or every core when it is 0 or less."""
    if workers > 0:
        return workers
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


@dataclass(slots=True)
class Chunk:
    """A run of consecutive input items; only its Documents are sent to a worker."""

    index: int
    items: list[Item]
    future: Any = None
    attempts: int = 0
    documents: list[Document] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.documents = [i for i in self.items if isinstance(i, Document)]

    def merge(self, results: Sequence[Result]) -> list[Result]:
        """The chunk's results in input order: reader failures where they were, analyses between."""
        out: list[Result] = []
        coded = iter(results)
        for item in self.items:
            if isinstance(item, Document):
                out.append(next(coded))
            else:
                out.append(as_failure(item))
        return out

    def all_failed(self, reason: str) -> list[Result]:
        """Every document of the chunk recorded as failed with ``reason``."""
        return self.merge(
            [Failure(where=d.id, stage="code", reason=reason, doc_id=d.id) for d in self.documents]
        )


def chunked(items: Iterable[Item], size: int) -> Iterator[Chunk]:
    """Consecutive chunks of at most ``size`` items, read lazily from ``items``."""
    size = max(1, size)
    batch: list[Item] = []
    index = 0
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield Chunk(index, batch)
            index += 1
            batch = []
    if batch:
        yield Chunk(index, batch)
