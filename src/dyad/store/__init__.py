"""The event store: documents, stories, deduplicated events with their mentions, in DuckDB.

``EventStore(path)`` is the whole Python API; see docs/store.md for the schema and rules.
"""

from __future__ import annotations

from dyad.store.core import BATCH_SIZE, EventStore, default_db
from dyad.store.reader import EventFilter, parse_bbox
from dyad.store.schema import SCHEMA_VERSION
from dyad.store.writer import IngestStats

__all__ = [
    "BATCH_SIZE",
    "SCHEMA_VERSION",
    "EventFilter",
    "EventStore",
    "IngestStats",
    "default_db",
    "parse_bbox",
]
