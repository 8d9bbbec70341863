"""EventStore: the Python API over one DuckDB file (for the CLI, the HTTP API and notebooks)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import duckdb

from dyad.errors import StoreError
from dyad.model import Failure
from dyad.pipeline import Analysis
from dyad.store import aggregate, export, reader, schema
from dyad.store import memory as actor_memory
from dyad.store.reader import EventFilter
from dyad.store.writer import IngestStats, Writer

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from dyad.actors.story import Entity

BATCH_SIZE = 50


def default_db() -> Path:
    """``$DYAD_DB`` if set, else ``./dyad.duckdb``."""
    return Path(os.environ.get("DYAD_DB") or "dyad.duckdb")


def _filter(f: EventFilter | None, kw: dict[str, Any]) -> EventFilter:
    if f is not None and kw:
        raise TypeError("pass either an EventFilter or filter keywords, not both")
    return f or EventFilter(**kw)


class EventStore:
    """A dyad database: documents, deduplicated events and their mentions, failures, memory.

    Use as a context manager. Opening for writing creates the file or upgrades an older
    schema; a file another process holds raises StoreError naming that process.
    Filters are EventFilter fields given as keywords (``actor="IRN"``, ``since=date(...)``).
    """

    def __init__(self, path: Path | str | None = None, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else default_db()
        self.read_only = read_only
        self.con = schema.connect(self.path, read_only=read_only)
        try:
            self.version = schema.ensure_schema(self.con, self.path, read_only)
        except (StoreError, duckdb.Error) as exc:
            self.con.close()
            if isinstance(exc, StoreError):
                raise
            raise StoreError(f"cannot use database {self.path}: {exc}") from None

    def __enter__(self) -> EventStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the database (committed work is already on disk)."""
        self.con.close()

    # -- writing -------------------------------------------------------------------------

    def _writer(self) -> Writer:
        if self.read_only:
            raise StoreError(f"database {self.path} is open read-only")
        return Writer(self.con)

    def has_document(self, doc_id: str, content_hash: str) -> bool:
        """Whether this exact document (same id and text) is already stored."""
        return self._writer().stored_hash(doc_id) == content_hash

    def ingest(
        self,
        analyses: Iterable[Analysis | Failure],
        batch_size: int = BATCH_SIZE,
        on_batch: Callable[[IngestStats], None] | None = None,
    ) -> IngestStats:
        """Store analyses and failures, one transaction per batch of ``batch_size`` items.

        Documents already stored with the same text are skipped; a stored document whose text
        changed is replaced. ``on_batch`` is called after each commit with the running totals.
        """
        writer = self._writer()
        total = IngestStats()
        batch: list[Analysis | Failure] = []
        for item in analyses:
            batch.append(item)
            if len(batch) >= batch_size:
                total.add(writer.write(batch))
                batch = []
                if on_batch:
                    on_batch(total)
        if batch:
            total.add(writer.write(batch))
            if on_batch:
                on_batch(total)
        return total

    def record_failure(self, failure: Failure) -> None:
        """Store one failure at once (outside any batch)."""
        self.ingest([failure])

    # -- events --------------------------------------------------------------------------

    def events(
        self,
        f: EventFilter | None = None,
        limit: int | None = 100,
        offset: int = 0,
        sort: str = "date",
        **filters: Any,
    ) -> list[dict[str, Any]]:
        """Stored events matching the filter: contract event objects plus the three counts."""
        if sort not in reader.SORTS:
            raise StoreError(f"sort must be one of {', '.join(reader.SORTS)}, got {sort!r}")
        where, params = _filter(f, filters).where()
        sql = (
            f"SELECT {reader.EVENT_SUMMARY} FROM events e WHERE {where} "
            f"ORDER BY {reader.SORTS[sort]}"
        )
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return reader.event_dicts(self.con, self.con.execute(sql, params).fetchall())

    def count(self, f: EventFilter | None = None, **filters: Any) -> int:
        """How many stored events match the filter."""
        where, params = _filter(f, filters).where()
        row = self.con.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()
        return int(row[0]) if row else 0

    def event(self, event_id: str) -> dict[str, Any]:
        """One stored event with all its mentions (evidence rows) and their documents."""
        rows = self.con.execute(
            f"SELECT {reader.EVENT_SUMMARY} FROM events e WHERE e.id = ?", [event_id]
        ).fetchall()
        if not rows:
            raise KeyError(event_id)
        record = reader.event_dicts(self.con, rows)[0]
        mentions = reader.mentions_of_events(self.con, [event_id]).get(event_id, [])
        docs = {
            str(r[0]): r[1:]
            for r in self.con.execute(
                "SELECT id, url, source, site, published, story_id FROM documents "
                "WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                [sorted({m.doc_id for m in mentions})],
            ).fetchall()
        }
        record["mentions"] = []
        for m in mentions:
            url, source, site, published, story = docs.get(m.doc_id, (None,) * 5)
            record["mentions"].append(
                {
                    **m.to_dict(),
                    "url": url,
                    "source": source,
                    "site": site,
                    "published": published.isoformat() if published else None,
                    "story_id": story,
                }
            )
        return record

    def document(self, doc_id: str) -> dict[str, Any]:
        """A stored document: text, metadata, story, and every span read from it."""
        cur = self.con.execute(
            "SELECT id, text, content_hash, published, published_source, url, title, source, "
            "author, site, story_id, ingested FROM documents WHERE id = ?",
            [doc_id],
        )
        names = [d[0] for d in cur.description]
        row = cur.fetchone()
        if row is None:
            raise KeyError(doc_id)
        record: dict[str, Any] = dict(zip(names, row, strict=True))
        for key in ("published", "ingested"):
            if record[key] is not None:
                record[key] = record[key].isoformat()
        record["copies"] = [
            str(r[0])
            for r in self.con.execute(
                "SELECT id FROM documents WHERE story_id = ? AND id <> ? ORDER BY id",
                [record["story_id"], doc_id],
            ).fetchall()
        ]
        record["events"] = [
            {**m.to_dict(), "mention_id": m.event_id, "event_id": stored}
            for stored, m in reader.mentions_of_document(self.con, doc_id)
        ]
        record["places"] = self._rows(
            "SELECT text, start_char AS start, end_char AS end, name, geonameid, lat, lon, "
            "country, feature_code FROM places WHERE doc_id = ? ORDER BY start_char",
            [doc_id],
        )
        record["dates"] = self._rows(
            "SELECT text, start_char AS start, end_char AS end, value, precision FROM dates "
            "WHERE doc_id = ? ORDER BY start_char",
            [doc_id],
        )
        record["people"] = self._rows(
            "SELECT name, country, sector, evidence, start_char AS start, end_char AS end "
            "FROM person_notes WHERE doc_id = ? ORDER BY start_char",
            [doc_id],
        )
        return record

    def _rows(self, sql: str, params: list[object]) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    # -- aggregations ----------------------------------------------------------------------

    def series(
        self, f: EventFilter | None = None, by: str = "month", **filters: Any
    ) -> list[dict[str, Any]]:
        """Real events per day/week/month/year: quad-class counts, Goldstein sum and mean."""
        return aggregate.series(self.con, _filter(f, filters), by)

    def top_dyads(
        self,
        f: EventFilter | None = None,
        limit: int | None = 20,
        level: str = "country",
        by: str | None = None,
        **filters: Any,
    ) -> list[dict[str, Any]]:
        """Actor-recipient pairs by events (``level`` country or code; ``by`` a period)."""
        return aggregate.top_dyads(self.con, _filter(f, filters), limit, level, by)

    def top_dyads_arrow(
        self,
        f: EventFilter | None = None,
        limit: int | None = None,
        level: str = "country",
        by: str | None = "month",
        **filters: Any,
    ) -> pa.Table:
        """``top_dyads`` as an Arrow table: much faster for large results such as dyad-months."""
        sql, params = aggregate.top_dyads_sql(_filter(f, filters), limit, level, by)
        return self.con.cursor().sql(sql, params=params).to_arrow_table()

    def top_actors(
        self,
        f: EventFilter | None = None,
        limit: int | None = 20,
        level: str = "country",
        **filters: Any,
    ) -> list[dict[str, Any]]:
        """Actors by events, counted as actor and as recipient."""
        return aggregate.top_actors(self.con, _filter(f, filters), limit, level)

    def network(
        self,
        f: EventFilter | None = None,
        level: str = "country",
        min_events: int = 1,
        **filters: Any,
    ) -> list[dict[str, Any]]:
        """Directed edge list between actors with event counts and Goldstein mean."""
        return aggregate.network(self.con, _filter(f, filters), level, min_events)

    # -- tables, export, bookkeeping ----------------------------------------------------------

    def to_arrow(self, f: EventFilter | None = None, **filters: Any) -> pa.Table:
        """Matching events as an Arrow table (one row per stored event)."""
        return export.to_arrow(self.con, _filter(f, filters))

    def to_pandas(self, f: EventFilter | None = None, **filters: Any) -> pd.DataFrame:
        """Matching events as a pandas DataFrame (one row per stored event)."""
        sql, params = export.table_sql(_filter(f, filters), lists=True)
        return self.con.cursor().sql(sql, params=params).df()

    def export(self, fmt: str, output: Path, f: EventFilter | None = None) -> int:
        """Write events as csv, parquet (a directory, one partition per month), jsonl, gdelt."""
        return export.export(self.con, fmt, Path(output), f)

    def failures(self) -> list[dict[str, Any]]:
        """Recorded failures, oldest first: input, stage, reason, doc_id, time."""
        return self._rows(
            "SELECT input, stage, reason, doc_id, time FROM failures ORDER BY time, id", []
        )

    def counts(self) -> dict[str, int]:
        """Rows per table, plus the number of stories."""
        out: dict[str, int] = {}
        for table in schema.TABLES:
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        row = self.con.execute("SELECT count(DISTINCT story_id) FROM documents").fetchone()
        out["stories"] = int(row[0]) if row else 0
        return out

    def document_hashes(self) -> Iterator[tuple[str, str]]:
        """``(id, content hash)`` of every stored document, to skip them before coding."""
        for doc_id, digest in self.con.execute(
            "SELECT id, content_hash FROM documents ORDER BY id"
        ).fetchall():
            yield str(doc_id), str(digest)

    # -- actor memory --------------------------------------------------------------------------

    def memory(self) -> dict[str, tuple[str, str | None, str]]:
        """``(country, sector, name)`` by lower-case full name and (unambiguous) surname."""
        return actor_memory.memory(self.con)

    def memory_entities(self) -> dict[str, Entity]:
        """The memory as the pipeline takes it (``Pipeline(memory=...)``)."""
        return actor_memory.entities(self.memory())

    def memory_rows(self) -> list[dict[str, Any]]:
        """Every remembered person: name, country, sector, first/last seen, doc, evidence."""
        return actor_memory.memory_rows(self.con)

    def forget(self, name: str) -> int:
        """Forget a person (full name, or all with that surname); returns rows removed."""
        self._writer()
        return actor_memory.forget(self.con, name)

    def correct(self, name: str, country: str, sector: str | None = None) -> int:
        """Fix a person's country and sector by hand; later articles do not override it."""
        self._writer()
        return actor_memory.correct(
            self.con, name, country.upper(), sector.upper() if sector else None
        )
