"""A progress display for coding runs: one line to wrap any stream of Analysis | Failure.

    for result in progress(analyse(items, workers=4)):
        ...

shows a rich progress bar on standard error (documents, documents/s, events/s, failures)
and prints a one-line summary at the end. ``quiet=True`` shows nothing (for scripts); the
counts are still kept in ``.stats``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from dyad.model import Failure
from dyad.pipeline import Analysis


@dataclass(slots=True)
class RunStats:
    """Counts of a coding run so far."""

    documents: int = 0
    events: int = 0
    failures: int = 0
    started: float = field(default_factory=time.perf_counter)
    finished: float | None = None

    @property
    def seconds(self) -> float:
        """Wall time since the run started (to its end, once finished)."""
        return (self.finished or time.perf_counter()) - self.started

    def rate(self, count: int) -> float:
        """``count`` per second of wall time."""
        return count / self.seconds if self.seconds > 0 else 0.0

    def add(self, result: Analysis | Failure) -> None:
        """Count one result."""
        if isinstance(result, Failure):
            self.failures += 1
        else:
            self.documents += 1
            self.events += len(result.events)

    def summary(self) -> str:
        """One line: documents, events, failures, rates and time."""
        return (
            f"{self.documents} documents, {self.events} events, {self.failures} failures "
            f"in {self.seconds:.1f}s ({self.rate(self.documents):.2f} docs/s, "
            f"{self.rate(self.events):.1f} events/s)"
        )


class CodingProgress:
    """Iterate over results while showing progress; see the module docstring."""

    def __init__(
        self,
        results: Iterable[Analysis | Failure],
        total: int | None = None,
        quiet: bool = False,
        console: Console | None = None,
        label: str = "coding",
    ) -> None:
        self.results = results
        self.total = total
        self.quiet = quiet
        self.console = console or Console(stderr=True, highlight=False)
        self.label = label
        self.stats = RunStats()

    def __iter__(self) -> Iterator[Analysis | Failure]:
        self.stats = RunStats()
        if self.quiet:
            yield from self._count()
            return
        columns = [
            SpinnerColumn(),
            TextColumn("[bold]{task.description}"),
            BarColumn() if self.total else TextColumn(""),
            MofNCompleteColumn() if self.total else TextColumn("{task.completed} docs"),
            TextColumn("{task.fields[rates]}"),
            TextColumn("[red]{task.fields[failed]}"),
            TimeElapsedColumn(),
        ]
        with Progress(*columns, console=self.console, transient=False) as bar:
            task = bar.add_task(self.label, total=self.total, rates="", failed="")
            for result in self._count():
                s = self.stats
                bar.update(
                    task,
                    completed=s.documents + s.failures,
                    rates=f"{s.rate(s.documents):.2f} docs/s {s.rate(s.events):.1f} events/s",
                    failed=f"{s.failures} failed" if s.failures else "",
                )
                yield result
        self.console.print(self.stats.summary(), markup=False)

    def _count(self) -> Iterator[Analysis | Failure]:
        try:
            for result in self.results:
                self.stats.add(result)
                yield result
        finally:
            self.stats.finished = time.perf_counter()


def progress(
    results: Iterable[Analysis | Failure],
    total: int | None = None,
    quiet: bool = False,
    console: Console | None = None,
    label: str = "coding",
) -> CodingProgress:
    """Wrap a stream of results with a progress bar and an end summary (nothing if ``quiet``).

    ``total`` (the number of inputs, when known) turns the counter into a bar. The returned
    object is iterable once per run; its ``stats`` hold the counts.
    """
    return CodingProgress(results, total=total, quiet=quiet, console=console, label=label)
