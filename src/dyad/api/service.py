"""The server's state: one store connection, per-request cursors, and the lazily loaded pipeline.

The database is opened once per process: read-only when no write token is configured,
otherwise for writing (so ``POST /api/documents`` can store). Each request reads through its
own DuckDB cursor, so reads run in parallel; writes and coding are serialised by locks.
The spaCy pipeline is loaded on the first request that codes text, once per process.
"""

from __future__ import annotations

import copy
import hmac
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dyad.errors import DyadError, InputError
from dyad.model import Failure

if TYPE_CHECKING:
    from dyad.model import Document
    from dyad.pipeline import Analysis, Pipeline
    from dyad.store import EventStore, IngestStats

MAX_BODY = 2_000_000  # bytes in one request body
MAX_DOCUMENTS = 50  # documents in one POST


@dataclass
class Coded:
    """One document's outcome: its analysis (or the failure) and whether it was stored."""

    doc_id: str
    status: str  # stored | unchanged | coded | failed
    analysis: Analysis | None = None
    error: str | None = None
    stored_events: list[dict[str, Any]] = field(default_factory=list)


class Service:
    """Everything a request needs: the store, the write token, the pipeline (lazy)."""

    def __init__(
        self, db_path: Path | str | None, token: str | None = None, max_body: int = MAX_BODY
    ) -> None:
        from dyad.store import default_db

        self.db_path = Path(db_path) if db_path is not None else default_db()
        self.token = token or None
        self.max_body = max_body
        self._store: EventStore | None = None
        self._pipeline: Pipeline | None = None
        self._open_lock = threading.Lock()
        self._nlp_lock = threading.Lock()
        self._write_lock = threading.Lock()

    # -- the store -------------------------------------------------------------------------

    @property
    def writable(self) -> bool:
        """Writes are possible only when a token is configured."""
        return self.token is not None

    def open(self) -> EventStore:
        """The process's one store (opened on first use; read-only without a token)."""
        with self._open_lock:
            if self._store is None:
                from dyad.store import EventStore

                self._store = EventStore(self.db_path, read_only=not self.writable)
            return self._store

    @contextmanager
    def reader(self) -> Iterator[EventStore]:
        """A view of the store with its own cursor, for one request."""
        base = self.open()
        view = copy.copy(base)
        view.con = base.con.cursor()
        try:
            yield view
        finally:
            view.con.close()

    def close(self) -> None:
        """Close the store (the pipeline stays loaded)."""
        with self._open_lock:
            if self._store is not None:
                self._store.close()
                self._store = None

    def check_token(self, given: str | None) -> bool:
        """Whether ``given`` is the configured token (constant-time comparison)."""
        if self.token is None or not given:
            return False
        return hmac.compare_digest(given.encode("utf-8"), self.token.encode("utf-8"))

    # -- coding ----------------------------------------------------------------------------

    @property
    def pipeline_loaded(self) -> bool:
        """Whether the spaCy pipeline has been loaded in this process."""
        return self._pipeline is not None

    def pipeline(self) -> Pipeline:
        """The pipeline, loaded on first use (once per process)."""
        with self._nlp_lock:
            if self._pipeline is None:
                from dyad.pipeline import Pipeline

                self._pipeline = Pipeline()
            return self._pipeline

    def code(self, documents: Sequence[Document]) -> list[Coded]:
        """Code documents without storing them (the pipeline runs one request at a time)."""
        pipeline = self.pipeline()
        out: list[Coded] = []
        with self._nlp_lock:
            for document in documents:
                try:
                    analysis = pipeline.analyse(document)
                except (DyadError, ValueError) as exc:
                    out.append(Coded(document.id, "failed", error=str(exc)))
                    continue
                out.append(Coded(document.id, "coded", analysis))
        return out

    def code_and_store(
        self, items: Sequence[Document | InputError]
    ) -> tuple[IngestStats, list[Coded]]:
        """Code and store documents; one already stored with the same text is not recoded."""
        from dyad.store import IngestStats

        results: list[Coded | None] = [None] * len(items)
        with self._write_lock, self.reader() as store:
            todo: list[tuple[int, Document]] = []
            for n, item in enumerate(items):
                if isinstance(item, InputError):
                    results[n] = Coded(item.where, "failed", error=item.problem)
                elif store.has_document(item.id, item.content_hash):
                    events = store.document(item.id)["events"]
                    results[n] = Coded(item.id, "unchanged", stored_events=events)
                else:
                    todo.append((n, item))
            stats = IngestStats()
            if todo:
                pipeline = self.pipeline()
                with self._nlp_lock:
                    pipeline.memory = store.memory_entities()
                coded = self.code([d for _, d in todo])
                batch: list[Analysis | Failure] = []
                for (n, _), c in zip(todo, coded, strict=True):
                    results[n] = c
                    if c.analysis is not None:
                        batch.append(c.analysis)
                        c.status = "stored"
                    else:
                        batch.append(Failure(c.doc_id, "code", c.error or "", c.doc_id))
                stats = store.ingest(batch)
        return stats, [r for r in results if r is not None]
