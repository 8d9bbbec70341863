"""The public helper functions: ``code``, ``read``, ``open_store`` and ``evaluate``.

``import dyad`` stays light: this module imports spaCy, DuckDB and the knowledge files only
when one of its functions is first called. The functions share one ``Pipeline`` per process
(built on first use), so calling them repeatedly in a notebook loads the model once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from dyad.errors import InputError
from dyad.model import Document, Event

if TYPE_CHECKING:
    from dyad.evaluate import Report
    from dyad.pipeline import Pipeline
    from dyad.store import EventStore

TextLike = str | Document


@lru_cache(maxsize=1)
def shared_pipeline() -> Pipeline:
    """The process's shared ``Pipeline`` (spaCy model and knowledge files), built once."""
    from dyad.pipeline import Pipeline

    return Pipeline()


def _as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"published must be a date or 'YYYY-MM-DD', got {value!r}") from None


def _documents(texts: TextLike | Iterable[TextLike], published: date | None) -> list[Document]:
    items: Iterable[TextLike] = [texts] if isinstance(texts, str | Document) else texts
    docs: list[Document] = []
    for n, item in enumerate(items):
        if isinstance(item, Document):
            docs.append(item)
        elif isinstance(item, str):
            source = "given" if published else "none"
            docs.append(
                Document(id=f"text-{n}", text=item, published=published, published_source=source)
            )
        else:
            raise TypeError(f"expected str or dyad.Document, got {type(item).__name__}")
    return docs


def code(texts: TextLike | Iterable[TextLike], published: date | str | None = None) -> list[Event]:
    """Code a batch of texts into events, in input order.

    ``texts`` is one string or ``Document``, or an iterable of them (mixed is fine). Strings
    get the ids ``text-0``, ``text-1``, ... by their position (``Event.doc_id`` says which
    text an event came from) and ``published`` (a ``date`` or ``"YYYY-MM-DD"``) as their
    publication date; ``Document`` items keep their own id and date. Relative dates
    ("on Tuesday") stay unresolved when a text has no publication date. The model is loaded
    on the first call and reused.
    """
    docs = _documents(texts, _as_date(published))
    return list(shared_pipeline().events(docs))


def read(
    paths: str | Path | Iterable[str | Path],
    published: date | str | None = None,
    skip_errors: bool = False,
) -> Iterator[Document]:
    """Read documents from files as ``dyad code`` does: .txt, .html/.htm, .jsonl, directories.

    ``published`` is the publication date of plain-text files (else it is looked for in the
    text). A broken input (missing, empty or binary file, malformed JSONL line) raises
    ``dyad.errors.InputError`` naming it, unless ``skip_errors`` is true, in which case it
    is left out. Documents are yielded lazily, so large inputs stream.
    """
    from dyad.sources import read_paths

    items = [paths] if isinstance(paths, str | Path) else paths
    for item in read_paths([Path(p) for p in items], _as_date(published)):
        if isinstance(item, InputError):
            if skip_errors:
                continue
            raise item
        yield item


def open_store(path: str | Path | None = None, read_only: bool = False) -> EventStore:
    """Open (or create) an event store: a DuckDB file of documents and deduplicated events.

    ``path`` defaults to ``$DYAD_DB``, else ``./dyad.duckdb``. ``read_only=True`` lets
    several readers share a file and never creates one. Use it as a context manager (or
    call ``close()``); a file another process is writing raises ``dyad.errors.StoreError``.
    """
    from dyad.store import EventStore

    return EventStore(path, read_only=read_only)


def evaluate(gold: str | Path, pipeline: Pipeline | None = None) -> Report:
    """Score the coder against a gold file (JSONL) as ``dyad eval`` does.

    Returns a ``dyad.evaluate.Report``: ``precision``, ``recall``, ``f1``, ``to_dict()``
    (also sector, date and location accuracy and per-type scores), and the ``misses`` and
    ``false_positives`` lists. Uses the shared pipeline unless one is given. A malformed
    gold line raises ``dyad.errors.InputError`` naming it.
    """
    from dyad.evaluate import evaluate as run

    return run(Path(gold), pipeline or shared_pipeline())
