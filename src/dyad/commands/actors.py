"""``dyad actors``: how a mention resolves, the actor memory, and the office-holder table."""

from __future__ import annotations

import csv
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from dyad.errors import DyadError

actors_app = typer.Typer(
    help="Actors: resolve a mention, list/export/correct what was learned, import office holders.",
    no_args_is_help=True,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOpt = Annotated[
    Path | None,
    typer.Option("--db", help="Event store (default: $DYAD_DB, else ./dyad.duckdb)."),
]


def _db_path(db: Path | None) -> Path:
    return db or Path(os.environ.get("DYAD_DB", "dyad.duckdb"))


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        err.print(f"error: --date must be YYYY-MM-DD, got {value!r}")
        raise typer.Exit(2) from None


@actors_app.command("resolve")
def resolve(
    text: Annotated[str, typer.Argument(help='A mention, e.g. "Iranian Foreign Minister X".')],
    on: Annotated[
        str | None, typer.Option("--date", help="The event's date (YYYY-MM-DD) for office terms.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show how a mention resolves to country and sector, and why."""
    from dyad.actors.people import office_holders
    from dyad.actors.phrase import resolve_phrase

    when = _parse_date(on)
    res = resolve_phrase(text, when)
    holdings = []
    if res is not None and res.name:
        holdings = office_holders().lookup(res.name, when)[:3]
    record: dict[str, Any] = {
        "text": text,
        "date": when.isoformat() if when else None,
        "country": res.country if res else None,
        "sector": res.sector if res else None,
        "code": f"{res.country or ''}{res.sector or ''}" if res else None,
        "name": res.name if res else None,
        "why": res.why if res else "no country, organisation, title or known person in the text",
        "offices": [
            {
                "person": h.person,
                "country": h.country,
                "position": h.position,
                "start": h.start.isoformat() if h.start else None,
                "end": h.end.isoformat() if h.end else None,
                "source": h.source,
            }
            for h in holdings
        ],
    }
    if as_json:
        typer.echo(json.dumps(record, ensure_ascii=False, indent=2))
    else:
        typer.echo(f"{text!r} → {record['code'] or 'unresolved'}  (name: {record['name']})")
        typer.echo(f"why: {record['why']}")
        for office in record["offices"]:
            typer.echo(
                f"office: {office['person']}, {office['position']} ({office['country']}), "
                f"{office['start']} – {office['end'] or 'open'} [{office['source']}]"
            )
    if res is None or res.country is None:
        raise typer.Exit(1)


def _open_store(db: Path | None, read_only: bool) -> object:
    try:
        from dyad.store import EventStore  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        err.print("error: the event store is not available in this installation")
        raise typer.Exit(2) from None
    path = _db_path(db)
    if read_only and not path.exists():
        err.print(f"error: {path}: no such database (run dyad ingest first)")
        raise typer.Exit(2)
    try:
        return EventStore(path, read_only=read_only)
    except DyadError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None


@actors_app.command("list")
def list_(db: DbOpt = None) -> None:
    """List the people learned from ingested articles (name, code, first seen, evidence)."""
    store = _open_store(db, read_only=True)
    with store:  # type: ignore[attr-defined]
        rows = store.memory_rows()  # type: ignore[attr-defined]
    for row in rows:
        typer.echo(
            f"{row['name']}\t{row['country']}{row.get('sector') or ''}\t"
            f"{row.get('first_seen') or ''}\t{row.get('doc_id') or ''}\t{row.get('evidence') or ''}"
        )


@actors_app.command("export")
def export(
    db: DbOpt = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
) -> None:
    """Export the learned people as CSV."""
    store = _open_store(db, read_only=True)
    with store:  # type: ignore[attr-defined]
        rows = store.memory_rows()  # type: ignore[attr-defined]
    fields = sorted({k for r in rows for k in r}) or ["name", "country", "sector"]
    fh = output.open("w", newline="", encoding="utf-8") if output else sys.stdout
    writer = csv.DictWriter(fh, fieldnames=fields)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k) for k in fields})
    if output:
        fh.close()


@actors_app.command("forget")
def forget(
    name: Annotated[str, typer.Argument(help="The person's name as listed.")],
    db: DbOpt = None,
) -> None:
    """Delete a learned person from the actor memory."""
    store = _open_store(db, read_only=False)
    with store:  # type: ignore[attr-defined]
        removed = store.forget(name)  # type: ignore[attr-defined]
    if not removed:
        err.print(f"error: {name!r} is not in the actor memory")
        raise typer.Exit(1)
    typer.echo(f"forgot {name}")


@actors_app.command("correct")
def correct(
    name: Annotated[str, typer.Argument(help="The person's name.")],
    country: Annotated[str, typer.Option("--country", help="ISO alpha-3 or IGO/NGO/...")],
    sector: Annotated[str | None, typer.Option("--sector", help="Sector code, e.g. GOV.")] = None,
    db: DbOpt = None,
) -> None:
    """Set (or add) a person's country and sector in the actor memory."""
    store = _open_store(db, read_only=False)
    with store:  # type: ignore[attr-defined]
        store.correct(name, country.upper(), sector.upper() if sector else None)  # type: ignore[attr-defined]
    typer.echo(f"{name} → {country.upper()}{(sector or '').upper()}")


@actors_app.command("import")
def import_(
    table: Annotated[Path, typer.Argument(help="CSV/TSV of office holders (see docs).")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            help="Where to write the table (default: $DYAD_OFFICEHOLDERS, else the shipped file).",
        ),
    ] = None,
) -> None:
    """Replace the office-holder table with your own (e.g. a Wikidata CC0 export)."""
    from dyad.actors.people import import_table
    from dyad.ontology import data_file

    dest = output or Path(os.environ.get("DYAD_OFFICEHOLDERS") or data_file("officeholders.tsv"))
    try:
        count = import_table(table, dest)
    except DyadError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(1) from None
    except OSError as exc:
        err.print(f"error: {table}: {exc.strerror or exc}", markup=False)
        raise typer.Exit(1) from None
    typer.echo(f"imported {count} office-holder rows into {dest}")


def register(app: typer.Typer) -> None:
    """Add the ``actors`` command group."""
    app.add_typer(actors_app, name="actors")
