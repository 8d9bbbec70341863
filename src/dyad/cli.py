"""The ``dyad`` command: one sub-command per verb.

Data goes to standard output, messages and errors to standard error. A broken input is
reported on one line naming it, and the other inputs are still processed; the exit status
is 1 when any input failed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from dyad import __version__
from dyad.errors import DyadError, InputError
from dyad.model import Document, Event

if TYPE_CHECKING:
    from dyad.pipeline import Analysis

app = typer.Typer(
    name="dyad",
    help="Political event data from news: who did what to whom, when and where "
    "(CAMEO and PLOVER, with the evidence for every row).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class EventFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


class LineFormat(StrEnum):
    jsonl = "jsonl"


class InputFormat(StrEnum):
    auto = "auto"
    text = "text"
    html = "html"
    jsonl = "jsonl"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dyad {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Code news into political event data (CAMEO and PLOVER) with evidence on every row."""


FilesArg = Annotated[
    list[Path],
    typer.Argument(
        help="Input files: .txt (one article), .html/.htm (a web page), .jsonl (one document "
        "per line), a directory (read recursively), or - for JSONL on standard input.",
        show_default=False,
    ),
]
PublishedOpt = Annotated[
    str | None,
    typer.Option(
        "--published",
        help="Publication date YYYY-MM-DD for plain-text inputs (else inferred from the text).",
    ),
]
InputFormatOpt = Annotated[
    InputFormat,
    typer.Option("--input-format", help="How to read the inputs (auto: by file suffix)."),
]


def _parse_published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        err.print(f"error: --published must be YYYY-MM-DD, got {value!r}")
        raise typer.Exit(2) from None


class _Inputs:
    """Reads documents, reporting each broken input on standard error and counting it."""

    def __init__(self, files: list[Path], published: date | None, fmt: InputFormat) -> None:
        self.files = files
        self.published = published
        self.fmt = None if fmt is InputFormat.auto else fmt.value
        self.failures = 0

    def __iter__(self) -> Iterator[Document]:
        from dyad.sources import read_paths

        for item in read_paths(self.files, self.published, self.fmt):
            if isinstance(item, InputError):
                self.failures += 1
                err.print(f"error: {item}", markup=False)
                continue
            if item.published is None:
                err.print(
                    f"warning: {item.id}: no publication date given or found; relative dates "
                    "stay unresolved (use --published YYYY-MM-DD)",
                    markup=False,
                )
            elif item.published_source == "inferred":
                err.print(
                    f"note: {item.id}: publication date {item.published} inferred from the text",
                    markup=False,
                )
            yield item


def _pipeline() -> object:
    from dyad.pipeline import Pipeline

    try:
        return Pipeline()
    except DyadError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None


@app.command()
def code(
    files: FilesArg,
    published: PublishedOpt = None,
    format: Annotated[
        EventFormat, typer.Option("--format", "-f", help="jsonl (one event per line), json, table.")
    ] = EventFormat.jsonl,
    input_format: InputFormatOpt = InputFormat.auto,
    workers: Annotated[
        int,
        typer.Option("--workers", help="Worker processes (1: in this process; 0: all cores)."),
    ] = 1,
) -> None:
    """Code articles into events (one per coded event mention, in document order)."""
    inputs = _Inputs(files, _parse_published(published), input_format)
    events: list[Event] = []
    for event in _coded_events(inputs, workers):
        if format is EventFormat.jsonl:
            typer.echo(event.to_json())
        else:
            events.append(event)
    if format is EventFormat.json:
        typer.echo(json.dumps([e.to_dict() for e in events], ensure_ascii=False, indent=2))
    elif format is EventFormat.table:
        _print_table(events)
    raise typer.Exit(1 if inputs.failures else 0)


def _coded_events(inputs: _Inputs, workers: int) -> Iterator[Event]:
    """Events of the inputs, coded here (one worker) or by a process pool, in input order."""
    from dyad.model import Failure
    from dyad.pipeline import Pipeline

    if workers == 1:
        pipe = _pipeline()
        assert isinstance(pipe, Pipeline)
        yield from pipe.events(inputs)
        return
    from dyad.scale import analyse

    for result in analyse(inputs, workers=workers):
        if isinstance(result, Failure):
            inputs.failures += 1
            err.print(f"error: {result.where}: {result.reason}", markup=False)
            continue
        yield from result.events


def _print_table(events: list[Event]) -> None:
    out = Console(highlight=False)
    table = Table(show_lines=False, header_style="bold")
    for col in ("date", "actor → recipient", "type / mode", "CAMEO", "place", "trigger", "flags"):
        table.add_column(col, overflow="fold")
    for e in events:
        actors = ", ".join(a.code for a in e.actor)
        recips = ", ".join(r.code for r in e.recipient) or "-"
        flags = " ".join(
            f
            for f, on in (("neg", e.negated), ("hyp", e.hypothetical), ("hist", e.historical))
            if on
        )
        table.add_row(
            e.date or "-",
            f"{actors} → {recips}",
            f"{e.event_type} / {e.mode or '-'}",
            e.cameo,
            e.location.name if e.location else "-",
            e.trigger.text,
            flags,
        )
    out.print(table)
    out.print(f"{len(events)} event{'' if len(events) == 1 else 's'}")


LineFormatOpt = Annotated[
    LineFormat, typer.Option("--format", "-f", help="Output format (JSON Lines).")
]
PLACE_KEYS = ("text", "start", "end", "name", "geonameid", "lat", "lon", "country", "feature_code")


def _print_records(
    inputs: _Inputs, records: Callable[[Analysis], Iterable[dict[str, object]]]
) -> None:
    """One JSON object per line for every record of every document, tagged with its doc_id."""
    from dyad.pipeline import Pipeline

    pipe = _pipeline()
    assert isinstance(pipe, Pipeline)
    for analysis in pipe.analyse_many(inputs):
        for record in records(analysis):
            line = {"doc_id": analysis.document.id, **record}
            typer.echo(json.dumps(line, ensure_ascii=False))
    raise typer.Exit(1 if inputs.failures else 0)


@app.command()
def dates(
    files: FilesArg,
    published: PublishedOpt = None,
    format: LineFormatOpt = LineFormat.jsonl,
    input_format: InputFormatOpt = InputFormat.auto,
) -> None:
    """List every time expression with its resolved date (one JSON object per line)."""
    inputs = _Inputs(files, _parse_published(published), input_format)
    _print_records(inputs, lambda a: (w.to_dict() for w in a.dates))


@app.command()
def places(
    files: FilesArg,
    published: PublishedOpt = None,
    format: LineFormatOpt = LineFormat.jsonl,
    input_format: InputFormatOpt = InputFormat.auto,
) -> None:
    """List every place mention resolved to GeoNames (one JSON object per line)."""
    inputs = _Inputs(files, _parse_published(published), input_format)

    def rows(analysis: Analysis) -> Iterator[dict[str, object]]:
        for place in analysis.places:
            row = place.to_dict()
            yield {k: row[k] for k in PLACE_KEYS}

    _print_records(inputs, rows)


@app.command("eval")
def eval_(
    gold: Annotated[
        Path,
        typer.Argument(help="Gold file (JSONL; format: docs/evaluation.md).", metavar="GOLD.jsonl"),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    show_misses: Annotated[
        bool, typer.Option("--show-misses", help="List missed gold events and false positives.")
    ] = False,
    diagnose: Annotated[
        bool,
        typer.Option(
            "--diagnose",
            help="Sort the misses by kind (no event, modality, type, roles, other) and list them.",
        ),
    ] = False,
) -> None:
    """Score the coder on a gold file: precision, recall, F1, sector/date/location accuracy."""
    from dyad.evaluate import evaluate, format_report

    if not gold.exists():
        err.print(f"error: {gold}: no such file", markup=False)
        raise typer.Exit(2)
    try:
        report = evaluate(gold)
    except DyadError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        typer.echo(format_report(report, show_misses=show_misses, diagnose=diagnose))


def _register_commands() -> None:
    from dyad.commands import register_all

    register_all(app)


_register_commands()


def main() -> None:
    """Entry point of the ``dyad`` console script."""
    try:
        app()
    except BrokenPipeError:
        sys.stderr.close()


if __name__ == "__main__":
    main()
