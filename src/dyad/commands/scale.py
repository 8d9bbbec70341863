"""``dyad watch``: poll news feeds and store the events of every new article.

Feeds are RSS/Atom files or URLs, or OPML lists of them. Each round asks every feed with a
conditional request, fetches the page of each item not seen before (politely: robots.txt, a
minimum delay per host, timeouts and retries), codes the articles and stores them in the
event store. The feed state is kept beside the database (``<db>.feeds.json``). When the
event store is not installed, the events are printed as JSON Lines instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from dyad.model import Document

err = Console(stderr=True, highlight=False, soft_wrap=True)


def watch(
    feeds: Annotated[
        list[str],
        typer.Argument(help="Feed files or URLs (RSS, Atom) and OPML lists of feeds."),
    ],
    interval: Annotated[
        float, typer.Option("--interval", min=1.0, help="Seconds between two polls.")
    ] = 900.0,
    db: Annotated[
        Path | None,
        typer.Option("--db", help="Event store file (default: $DYAD_DB, else ./dyad.duckdb)."),
    ] = None,
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit.")] = False,
    state: Annotated[
        Path | None, typer.Option("--state", help="Feed state file (default: <db>.feeds.json).")
    ] = None,
    workers: Annotated[int, typer.Option("--workers", help="Worker processes (0: all).")] = 1,
    min_delay: Annotated[
        float, typer.Option("--min-delay", min=0.0, help="Seconds between requests to a host.")
    ] = 2.0,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="HTTP timeout (s).")] = 15.0,
    retries: Annotated[int, typer.Option("--retries", min=0, help="Retries per request.")] = 2,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")] = False,
) -> None:
    """Poll feeds on an interval and store the events of every new article."""
    from dyad.scale.fetch import Fetcher
    from dyad.scale.watch import PollReport, WatchState, state_path_for
    from dyad.scale.watch import watch as watch_loop

    db_path = db or _default_db()
    state_file = state or state_path_for(db_path)
    fetcher = Fetcher(timeout=timeout, retries=retries, min_delay=min_delay)
    failed = 0

    def on_round(report: PollReport) -> None:
        nonlocal failed
        failed += len(report.failures)
        for failure in report.failures:
            err.print(f"error: {failure.where}: {failure.stage}: {failure.reason}", markup=False)
        if not quiet:
            err.print(report.summary(), markup=False)

    with _store_ingest(db_path, workers, quiet) as ingest:
        try:
            watch_loop(
                feeds,
                WatchState.load(state_file),
                ingest,
                interval=interval,
                once=once,
                fetcher=fetcher,
                on_round=on_round,
            )
        except KeyboardInterrupt:
            err.print("stopped", markup=False)
        finally:
            fetcher.close()
    raise typer.Exit(1 if once and failed else 0)


class _store_ingest:  # noqa: N801 - used as a context manager, named like one
    """The function that stores new documents: the event store if present, else stdout."""

    def __init__(self, db: Path, workers: int, quiet: bool) -> None:
        self.db = db
        self.workers = workers
        self.quiet = quiet
        self.store: object | None = None

    def __enter__(self) -> Callable[[list[Document]], None]:
        from dyad.scale import analyse
        from dyad.scale.progress import progress

        try:
            from dyad.store import EventStore
        except ImportError:
            err.print("note: the event store is not installed; printing events", markup=False)
            return self._print

        store = EventStore(self.db)
        self.store = store

        def ingest(documents: list[Document]) -> None:
            new = [d for d in documents if not store.has_document(d.id, d.content_hash)]
            if new:
                results = analyse(new, workers=self.workers, memory=store.memory_entities())
                store.ingest(progress(results, total=len(new), quiet=self.quiet))

        return ingest

    def _print(self, documents: list[Document]) -> None:
        from dyad.scale import analyse
        from dyad.scale.progress import progress

        for result in progress(analyse(documents, workers=self.workers), quiet=self.quiet):
            for event in getattr(result, "events", ()):
                typer.echo(event.to_json())

    def __exit__(self, *exc: object) -> None:
        close = getattr(self.store, "close", None)
        if close is not None:
            close()


def _default_db() -> Path:
    import os

    return Path(os.environ.get("DYAD_DB") or "dyad.duckdb")


def register(app: typer.Typer) -> None:
    """Add ``watch`` to the ``dyad`` app."""
    app.command("watch")(watch)
