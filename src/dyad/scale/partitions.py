"""Events written as Parquet partitions: one file per chunk of documents, loadable by the store.

Columns are ``Event.to_dict()`` flattened: nested objects become ``<object>_<field>`` columns
(``sentence_index``, ``trigger_text``, ``location_lat``...), ``context`` is a list of strings,
``actor`` and ``recipient`` are lists of structs with the contract's actor fields, and four
columns describe the document (``doc_published``, ``doc_url``, ``doc_title``, ``doc_source``).
Every partition has the same schema (``EVENT_SCHEMA``), so a directory of them reads as one
table: ``duckdb.sql("select * from 'out/*.parquet'")`` or ``pyarrow.dataset.dataset(out)``.

With ``engine="dask"`` each worker codes its chunk and writes its own partition (the output
directory must be reachable by the workers, as it is for a LocalCluster); only counts and
failures come back. With ``engine="local"`` the chunks are coded by ``dyad.scale.analyse``
and written here.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from dyad.model import Document, Event, Failure
from dyad.pipeline import Analysis
from dyad.scale.batching import Chunk, Item, as_failure, chunked, resolve_workers
from dyad.scale.worker import code_chunk

_ACTOR = pa.struct(
    [
        ("text", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("name", pa.string()),
        ("country", pa.string()),
        ("sector", pa.string()),
        ("code", pa.string()),
    ]
)
_LOCATION = (
    ("name", pa.string()),
    ("geonameid", pa.int64()),
    ("lat", pa.float64()),
    ("lon", pa.float64()),
    ("country", pa.string()),
    ("feature_code", pa.string()),
    ("text", pa.string()),
    ("start", pa.int64()),
    ("end", pa.int64()),
)
EVENT_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("doc_id", pa.string()),
        ("event_type", pa.string()),
        ("mode", pa.string()),
        ("context", pa.list_(pa.string())),
        ("cameo", pa.string()),
        ("quad_class", pa.int64()),
        ("goldstein", pa.float64()),
        ("actor", pa.list_(_ACTOR)),
        ("recipient", pa.list_(_ACTOR)),
        ("date", pa.string()),
        ("date_precision", pa.string()),
        *((f"location_{k}", t) for k, t in _LOCATION),
        ("sentence_index", pa.int64()),
        ("sentence_start", pa.int64()),
        ("sentence_end", pa.int64()),
        ("sentence_text", pa.string()),
        ("trigger_start", pa.int64()),
        ("trigger_end", pa.int64()),
        ("trigger_text", pa.string()),
        ("negated", pa.bool_()),
        ("hypothetical", pa.bool_()),
        ("historical", pa.bool_()),
        ("confidence", pa.float64()),
        ("reason", pa.string()),
        ("doc_published", pa.date32()),
        ("doc_url", pa.string()),
        ("doc_title", pa.string()),
        ("doc_source", pa.string()),
    ]
)


@dataclass(slots=True)
class PartitionReport:
    """What ``write_parquet_partitions`` wrote."""

    paths: list[Path] = field(default_factory=list)
    documents: int = 0
    events: int = 0
    failures: list[Failure] = field(default_factory=list)


def event_row(event: Event, document: Document) -> dict[str, Any]:
    """One Parquet row: the event's contract fields flattened, plus the document's."""
    data = event.to_dict()
    row: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("sentence", "trigger"):
            row.update({f"{key}_{k}": v for k, v in value.items()})
        elif key == "location":
            row.update({f"location_{k}": (value or {}).get(k) for k, _ in _LOCATION})
        else:
            row[key] = value
    row.update(
        doc_published=document.published,
        doc_url=document.url,
        doc_title=document.title,
        doc_source=document.source,
    )
    return row


def write_partition(analyses: Sequence[Analysis], path: Path) -> int:
    """Write the events of ``analyses`` to one Parquet file; returns the number of events."""
    rows = [event_row(e, a.document) for a in analyses for e in a.events]
    table = pa.Table.from_pylist(rows, schema=EVENT_SCHEMA)
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)
    return len(rows)


def code_and_write(documents: Sequence[Document], path: str) -> tuple[int, int, list[Failure]]:
    """Worker task: code a chunk, write its partition; returns (documents, events, failures)."""
    results = code_chunk(documents)
    analyses = [r for r in results if isinstance(r, Analysis)]
    failures = [r for r in results if isinstance(r, Failure)]
    events = write_partition(analyses, Path(path))
    return len(analyses), events, failures


def write_parquet_partitions(
    items: Iterable[Item],
    out_dir: Path,
    engine: str = "dask",
    workers: int = 0,
    scheduler: str | None = None,
    chunk_size: int = 64,
) -> PartitionReport:
    """Code ``items`` and write their events to ``out_dir/part-NNNNNN.parquet``.

    One partition per chunk of ``chunk_size`` input items (a chunk with no events still
    writes an empty partition, so partition numbers follow the input). Reader and coding
    failures are returned, not written. See the module docstring for the columns.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    if engine == "dask":
        return _write_dask(items, out_dir, workers, scheduler, chunk_size)
    from dyad.scale import analyse

    report = PartitionReport()
    buffer: list[Analysis] = []
    count = 0
    for result in analyse(items, workers=workers, engine=engine, scheduler=scheduler):
        count += 1
        if isinstance(result, Failure):
            report.failures.append(result)
        else:
            buffer.append(result)
        if count % chunk_size == 0:
            _flush(buffer, out_dir, report)
    if count % chunk_size:
        _flush(buffer, out_dir, report)
    return report


def _part(out_dir: Path, index: int) -> Path:
    return out_dir / f"part-{index:06d}.parquet"


def _flush(buffer: list[Analysis], out_dir: Path, report: PartitionReport) -> None:
    path = _part(out_dir, len(report.paths))
    report.events += write_partition(buffer, path)
    report.documents += len(buffer)
    report.paths.append(path)
    buffer.clear()


def _write_dask(
    items: Iterable[Item], out_dir: Path, workers: int, scheduler: str | None, chunk_size: int
) -> PartitionReport:
    from dyad.scale.cluster import dask_client, register_plugin

    report = PartitionReport()
    with dask_client(scheduler, workers) as client:
        register_plugin(client)
        limit = 2 * max(1, len(client.scheduler_info().get("workers", {})) or resolve_workers(0))
        pending: deque[tuple[Chunk, Path]] = deque()
        for chunk in chunked(items, chunk_size):
            path = _part(out_dir.resolve(), chunk.index)
            chunk.future = client.submit(code_and_write, chunk.documents, str(path), pure=False)
            pending.append((chunk, path))
            while len(pending) >= limit:
                _collect(*pending.popleft(), report)
        while pending:
            _collect(*pending.popleft(), report)
    return report


def _collect(chunk: Chunk, path: Path, report: PartitionReport) -> None:
    report.failures.extend(as_failure(i) for i in chunk.items if not isinstance(i, Document))
    try:
        documents, events, failures = chunk.future.result()
    except Exception as exc:  # noqa: BLE001 - KilledWorker etc.: the chunk fails, the run goes on
        failed = chunk.all_failed(f"dask: {type(exc).__name__}: {exc}")
        report.failures.extend(f for f in failed if isinstance(f, Failure) and f.stage == "code")
        return
    report.documents += documents
    report.events += events
    report.failures.extend(failures)
    report.paths.append(path)
