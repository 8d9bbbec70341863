"""Run ``dyad ingest`` in this process and SIGKILL it at a chosen point of a batch write.

    python -m tests.reliability.killer MODE N DELAY -- ingest ARGS...

MODE says where the process kills itself, at the N-th batch (counting from 1):

- ``none``: never (the parent kills it from outside at a random moment);
- ``before-commit``: every row of the batch written, the transaction not yet committed;
- ``in-commit``: ``DELAY`` seconds after COMMIT starts (a timer thread fires while DuckDB
  writes its log, or just after);
- ``in-recount``: mentions inserted, event counts half recomputed (inside the transaction);
- ``after-commit``: the batch committed, the progress line not yet printed.

The kill is ``os.kill(os.getpid(), SIGKILL)``: no cleanup, no atexit, no flush.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from typing import Any

import dyad.store.core as core
import dyad.store.writer as writer_module
from dyad.cli import main

MODES = ("none", "before-commit", "in-commit", "in-recount", "after-commit")


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


class _Con:
    """The writer's connection, watching for the N-th COMMIT."""

    def __init__(self, con: Any, mode: str, target: int, delay: float) -> None:
        self._con = con
        self._mode = mode
        self._target = target
        self._delay = delay
        self.commits = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)

    def execute(self, sql: str, *args: Any) -> Any:
        if sql == "COMMIT":
            self.commits += 1
            if self.commits == self._target:
                if self._mode == "before-commit":
                    _die()
                if self._mode == "in-commit":
                    threading.Timer(self._delay, _die).start()
                if self._mode == "after-commit":
                    result = self._con.execute(sql, *args)
                    _die()
                    return result
        return self._con.execute(sql, *args)


def install(mode: str, target: int, delay: float) -> None:
    """Patch the store's Writer so that the process kills itself at the chosen point."""
    if mode not in MODES:
        raise SystemExit(f"mode must be one of {', '.join(MODES)}")
    if mode == "none":
        return
    if mode == "in-recount":
        original = writer_module.recount_events
        calls = {"n": 0}

        def recount(con: Any, ids: Any) -> None:
            calls["n"] += 1
            if calls["n"] == target:
                con.execute(
                    "UPDATE events SET num_mentions = 0 WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                    [list(ids)[: max(1, len(ids) // 2)]],
                )
                _die()
            original(con, ids)

        writer_module.recount_events = recount
        return

    class KillingWriter(writer_module.Writer):
        def __init__(self, con: Any) -> None:
            super().__init__(_Con(con, mode, target, delay))  # type: ignore[arg-type]

    setattr(core, "Writer", KillingWriter)  # noqa: B010 - patching the module


if __name__ == "__main__":
    mode, target, delay = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    rest = sys.argv[sys.argv.index("--") + 1 :]
    install(mode, target, delay)
    sys.argv = ["dyad", *rest]
    main()
