"""``dyad ingest``, ``dyad query`` (with aggregations), ``dyad export`` and ``dyad failures``.

Data goes to standard output; progress, errors and summaries to standard error. A store that
cannot be opened (in use by another process, newer schema) is an error on one line, exit 2.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Mapping
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from dyad.errors import DyadError, InputError
from dyad.model import Document, Failure

if TYPE_CHECKING:
    from dyad.actors.story import Entity
    from dyad.pipeline import Analysis
    from dyad.store import EventFilter, EventStore, IngestStats

err = Console(stderr=True, highlight=False, soft_wrap=True)


class OutFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class Engine(StrEnum):
    local = "local"
    dask = "dask"


DbOpt = Annotated[
    Path | None,
    typer.Option("--db", help="Event store file (default: $DYAD_DB, else ./dyad.duckdb)."),
]
FormatOpt = Annotated[
    OutFormat, typer.Option("--format", "-f", help="table, csv or json (a JSON array).")
]
ActorOpt = Annotated[str | None, typer.Option("--actor", help="Actor code prefix (IRN, IRNGOV).")]
RecipientOpt = Annotated[str | None, typer.Option("--recipient", help="Recipient code prefix.")]
CountryOpt = Annotated[str | None, typer.Option("--country", help="Country on either side.")]
SectorOpt = Annotated[str | None, typer.Option("--sector", help="Sector on either side (GOV).")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="PLOVER event type (CONSULT).")]
ModeOpt = Annotated[str | None, typer.Option("--mode", help="PLOVER mode (visit).")]
CameoOpt = Annotated[str | None, typer.Option("--cameo", help="CAMEO code prefix (04).")]
QuadOpt = Annotated[int | None, typer.Option("--quad", min=1, max=4, help="Quad class 1-4.")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="On or after YYYY-MM-DD.")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="On or before YYYY-MM-DD.")]
PlaceOpt = Annotated[str | None, typer.Option("--place", help="Place name (Baku).")]
BboxOpt = Annotated[
    str | None, typer.Option("--bbox", help="minlon,minlat,maxlon,maxlat of the event's place.")
]
TextOpt = Annotated[str | None, typer.Option("--text", help="Words in a mention's sentence.")]
SourcesOpt = Annotated[
    int | None, typer.Option("--min-sources", min=1, help="At least this many sources.")
]
RealOpt = Annotated[
    bool, typer.Option("--real", help="Only real events (not negated or hypothetical).")
]
LimitOpt = Annotated[int | None, typer.Option("--limit", min=0, help="At most this many rows.")]
LevelOpt = Annotated[
    str, typer.Option("--level", help="Group actors by country or by full code (IRNGOV).")
]


def _date(value: str | None, flag: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        err.print(f"error: {flag} must be YYYY-MM-DD, got {value!r}", markup=False)
        raise typer.Exit(2) from None


def _fail(exc: Exception) -> typer.Exit:
    err.print(f"error: {exc}", markup=False)
    return typer.Exit(2)


def _filter(
    actor: str | None = None,
    recipient: str | None = None,
    country: str | None = None,
    sector: str | None = None,
    type_: str | None = None,
    mode: str | None = None,
    cameo: str | None = None,
    quad: int | None = None,
    since: str | None = None,
    until: str | None = None,
    place: str | None = None,
    bbox: str | None = None,
    text: str | None = None,
    min_sources: int | None = None,
    real: bool = False,
) -> EventFilter:
    from dyad.store import EventFilter

    try:
        return EventFilter.build(
            actor=actor,
            recipient=recipient,
            country=country,
            sector=sector,
            event_type=type_,
            mode=mode,
            cameo=cameo,
            quad=quad,
            since=_date(since, "--since"),
            until=_date(until, "--until"),
            place=place,
            bbox=bbox,
            text=text,
            min_sources=min_sources,
            real=real,
        )
    except DyadError as exc:
        raise _fail(exc) from None


def _open(db: Path | None, read_only: bool) -> EventStore:
    from dyad.store import EventStore

    try:
        return EventStore(db, read_only=read_only)
    except DyadError as exc:
        raise _fail(exc) from None


# -- ingest ------------------------------------------------------------------------------


class _LiveMemory(Mapping[str, "Entity"]):
    """Actor memory the pipeline reads while the run adds to it (refreshed after each batch)."""

    def __init__(self, store: EventStore) -> None:
        self.store = store
        self.entries: dict[str, Entity] = store.memory_entities()

    def refresh(self) -> None:
        self.entries = self.store.memory_entities()

    def __getitem__(self, key: str) -> Entity:
        return self.entries[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __bool__(self) -> bool:
        return True

    def __reduce__(self) -> tuple[type[dict[str, Entity]], tuple[dict[str, Entity]]]:
        # Worker processes get a snapshot: the store connection stays in this process.
        return (dict, (dict(self.entries),))


class _Reader:
    """Documents to code: already-stored ones are skipped before coding; errors reported."""

    def __init__(self, paths: list[Path], published: date | None, stored: dict[str, str]) -> None:
        self.paths = paths
        self.published = published
        self.stored = stored
        self.skipped = 0
        self.failed = 0

    def __iter__(self) -> Iterator[Document | InputError]:
        from dyad.sources import read_paths

        for item in read_paths(self.paths, self.published):
            if isinstance(item, InputError):
                self.failed += 1
                err.print(f"error: {item}", markup=False)
                yield item
            elif self.stored.get(item.id) == item.content_hash:
                self.skipped += 1
            else:
                yield item


def _report(results: Iterator[Analysis | Failure], reader: _Reader) -> Iterator[Analysis | Failure]:
    for item in results:
        if isinstance(item, Failure) and item.stage != "read":
            reader.failed += 1
            err.print(f"error: {item.where}: {item.stage}: {item.reason}", markup=False)
        yield item


def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files (.txt, .html, .jsonl), directories, or - for JSONL on stdin."),
    ],
    db: DbOpt = None,
    workers: Annotated[
        int,
        typer.Option("--workers", help="Worker processes (0: all cores; 1: in this process)."),
    ] = 0,
    engine: Annotated[Engine, typer.Option("--engine", help="local or dask.")] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address (implies --engine dask)."),
    ] = None,
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date for plain-text inputs.")
    ] = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Documents per transaction.")
    ] = 50,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines.")] = False,
) -> None:
    """Code documents and store them with their deduplicated events (resumable, idempotent)."""
    from dyad.pipeline import Pipeline
    from dyad.scale import analyse, analyse_local
    from dyad.scale.progress import progress as show_progress

    when = _date(published, "--published")
    store = _open(db, read_only=False)
    with store:
        reader = _Reader(paths, when, dict(store.document_hashes()))
        memory = _LiveMemory(store)

        def progress(stats: IngestStats) -> None:
            memory.refresh()
            if not quiet:
                err.print(
                    f"stored {stats.documents} documents ({stats.mentions} event mentions, "
                    f"{stats.new_events} new events, {stats.copies} copies of stored stories)",
                    markup=False,
                )

        try:
            if engine is Engine.local and workers == 1 and scheduler is None:
                results = analyse_local(reader, Pipeline(memory=memory))
            else:
                results = analyse(
                    reader,
                    workers=workers,
                    engine="dask" if scheduler else engine.value,
                    scheduler=scheduler,
                    memory=memory,
                )
            shown = iter(show_progress(results, quiet=quiet))
            stats = store.ingest(_report(shown, reader), batch_size, progress)
        except DyadError as exc:
            raise _fail(exc) from None
    if not quiet:
        err.print(
            f"done: {stats.documents} stored, {reader.skipped + stats.skipped} already stored, "
            f"{stats.replaced} replaced, {reader.failed} failed",
            markup=False,
        )
    raise typer.Exit(1 if reader.failed else 0)


# -- query and aggregations ------------------------------------------------------------------


query_app = typer.Typer(
    help="Query stored (deduplicated) events; sub-commands aggregate them.",
    invoke_without_command=True,
)


def _json_default(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _print_rows(rows: list[dict[str, Any]], fmt: OutFormat, title: str = "") -> None:
    if fmt is OutFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=_json_default))
        return
    if fmt is OutFormat.csv:
        writer = csv.writer(sys.stdout)
        if rows:
            writer.writerow(rows[0].keys())
        for row in rows:
            writer.writerow(["" if v is None else _cell(v) for v in row.values()])
        return
    out = Console(highlight=False)
    table = Table(header_style="bold", title=title or None)
    for key in rows[0].keys() if rows else ["(no rows)"]:
        table.add_column(str(key), overflow="fold")
    for row in rows:
        table.add_row(*("-" if v is None else _cell(v) for v in row.values()))
    out.print(table)


def _cell(value: object) -> str:
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _flat(event: dict[str, Any]) -> dict[str, Any]:
    loc = event.get("location") or {}
    sentence = event.get("sentence") or {}
    flags = [k[:3] for k in ("negated", "hypothetical", "historical") if event.get(k)]
    return {
        "event_id": event["event_id"],
        "date": event["date"],
        "actor": [a["code"] for a in event["actor"]],
        "recipient": [a["code"] for a in event["recipient"]],
        "event_type": event["event_type"],
        "mode": event["mode"],
        "cameo": event["cameo"],
        "quad_class": event["quad_class"],
        "goldstein": event["goldstein"],
        "place": loc.get("name"),
        "num_mentions": event["num_mentions"],
        "num_sources": event["num_sources"],
        "num_articles": event["num_articles"],
        "flags": " ".join(flags),
        "doc_id": event["doc_id"],
        "sentence": sentence.get("text"),
    }


@query_app.callback()
def query(
    ctx: typer.Context,
    db: DbOpt = None,
    actor: ActorOpt = None,
    recipient: RecipientOpt = None,
    country: CountryOpt = None,
    sector: SectorOpt = None,
    type_: TypeOpt = None,
    mode: ModeOpt = None,
    cameo: CameoOpt = None,
    quad: QuadOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: PlaceOpt = None,
    bbox: BboxOpt = None,
    text: TextOpt = None,
    min_sources: SourcesOpt = None,
    real: RealOpt = False,
    limit: LimitOpt = 100,
    sort: Annotated[
        str, typer.Option("--sort", help="date, date-asc, sources, mentions, goldstein, added.")
    ] = "date",
    format: FormatOpt = OutFormat.table,
) -> None:
    """List stored events matching the filters (or aggregate them: see the sub-commands)."""
    if ctx.invoked_subcommand is not None:
        return
    f = _filter(actor, recipient, country, sector, type_, mode, cameo, quad, since, until,
                place, bbox, text, min_sources, real)  # fmt: skip
    with _open(db, read_only=True) as store:
        try:
            events = store.events(f, limit=limit, sort=sort)
        except DyadError as exc:
            raise _fail(exc) from None
    if format is OutFormat.json:
        typer.echo(json.dumps(events, ensure_ascii=False, indent=2))
    elif format is OutFormat.csv:
        _print_rows([_flat(e) for e in events], format)
    else:
        _print_table(events)


def _print_table(events: list[dict[str, Any]]) -> None:
    out = Console(highlight=False)
    table = Table(header_style="bold")
    for col in ("event", "date", "actor → recipient", "type / mode", "CAMEO", "place", "m/s/a"):
        table.add_column(col, overflow="fold")
    table.add_column("trigger / flags", overflow="fold")
    for e in events:
        row = _flat(e)
        actors = ",".join(row["actor"]) or "-"
        recips = ",".join(row["recipient"]) or "-"
        trigger = (e.get("trigger") or {}).get("text") or ""
        table.add_row(
            row["event_id"][:8],
            row["date"] or "-",
            f"{actors} → {recips}",
            f"{row['event_type']} / {row['mode'] or '-'}",
            row["cameo"],
            row["place"] or "-",
            f"{row['num_mentions']}/{row['num_sources']}/{row['num_articles']}",
            f"{trigger} {row['flags']}".strip(),
        )
    out.print(table)
    err.print(f"{len(events)} events (m/s/a: mentions, sources, articles)", markup=False)


def _aggregate(db: Path | None, name: str, fmt: OutFormat, **kw: Any) -> None:
    with _open(db, read_only=True) as store:
        try:
            rows: list[dict[str, Any]] = getattr(store, name)(**kw)
        except DyadError as exc:
            raise _fail(exc) from None
    _print_rows(rows, fmt, title=name.replace("_", " "))


@query_app.command("series")
def series(
    db: DbOpt = None,
    actor: ActorOpt = None,
    recipient: RecipientOpt = None,
    country: CountryOpt = None,
    sector: SectorOpt = None,
    type_: TypeOpt = None,
    cameo: CameoOpt = None,
    quad: QuadOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: PlaceOpt = None,
    min_sources: SourcesOpt = None,
    by: Annotated[str, typer.Option("--by", help="day, week, month or year.")] = "month",
    format: FormatOpt = OutFormat.table,
) -> None:
    """Real events per period: counts per quad class, mentions, Goldstein sum and mean."""
    f = _filter(actor, recipient, country, sector, type_, None, cameo, quad, since, until,
                place, None, None, min_sources)  # fmt: skip
    _aggregate(db, "series", format, f=f, by=by)


@query_app.command("top-dyads")
def top_dyads(
    db: DbOpt = None,
    actor: ActorOpt = None,
    recipient: RecipientOpt = None,
    country: CountryOpt = None,
    type_: TypeOpt = None,
    quad: QuadOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    level: LevelOpt = "country",
    by: Annotated[str | None, typer.Option("--by", help="Per day/week/month/year.")] = None,
    limit: LimitOpt = 20,
    format: FormatOpt = OutFormat.table,
) -> None:
    """Actor-recipient pairs with the most real events."""
    f = _filter(actor, recipient, country, None, type_, None, None, quad, since, until)
    _aggregate(db, "top_dyads", format, f=f, limit=limit, level=level, by=by)


@query_app.command("top-actors")
def top_actors(
    db: DbOpt = None,
    country: CountryOpt = None,
    type_: TypeOpt = None,
    quad: QuadOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    level: LevelOpt = "country",
    limit: LimitOpt = 20,
    format: FormatOpt = OutFormat.table,
) -> None:
    """Actors with the most real events, as actor and as recipient."""
    f = _filter(None, None, country, None, type_, None, None, quad, since, until)
    _aggregate(db, "top_actors", format, f=f, limit=limit, level=level)


@query_app.command("network")
def network(
    db: DbOpt = None,
    country: CountryOpt = None,
    type_: TypeOpt = None,
    quad: QuadOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    level: LevelOpt = "country",
    min_events: Annotated[int, typer.Option("--min-events", min=1, help="Drop weaker edges.")] = 1,
    format: FormatOpt = OutFormat.csv,
) -> None:
    """Edge list (source, target, counts, Goldstein mean) of real events between actors."""
    f = _filter(None, None, country, None, type_, None, None, quad, since, until)
    _aggregate(db, "network", format, f=f, level=level, min_events=min_events)


# -- export and failures ---------------------------------------------------------------------


class ExportFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"
    jsonl = "jsonl"
    gdelt = "gdelt"


def export(
    format: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="csv, parquet (a directory by month), jsonl, gdelt."),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="File (directory for parquet).")],
    db: DbOpt = None,
    actor: ActorOpt = None,
    recipient: RecipientOpt = None,
    country: CountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    real: RealOpt = False,
) -> None:
    """Export stored events: CSV, Parquet partitioned by month, PLOVER JSONL or GDELT 2.0 TSV."""
    f = _filter(actor, recipient, country, since=since, until=until, real=real)
    with _open(db, read_only=True) as store:
        try:
            n = store.export(format.value, output, f)
        except DyadError as exc:
            raise _fail(exc) from None
    err.print(f"wrote {n} events to {output}", markup=False)


class FailureFormat(StrEnum):
    text = "text"
    json = "json"


def failures(
    db: DbOpt = None,
    format: Annotated[
        FailureFormat, typer.Option("--format", "-f", help="text (one per line) or json.")
    ] = FailureFormat.text,
) -> None:
    """Recorded failures, one per line: time, input, stage and reason."""
    with _open(db, read_only=True) as store:
        rows = store.failures()
    if format is FailureFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=_json_default))
        return
    for r in rows:
        typer.echo(f"{r['time']:%Y-%m-%d %H:%M:%S}\t{r['input']}\t{r['stage']}\t{r['reason']}")


def register(app: typer.Typer) -> None:
    """Add ingest, query (with series, top-dyads, top-actors, network), export and failures."""
    app.command("ingest")(ingest)
    app.add_typer(query_app, name="query")
    app.command("export")(export)
    app.command("failures")(failures)
