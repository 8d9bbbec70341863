"""The one exception tree. A bad document becomes a recorded failure; the run goes on."""

from __future__ import annotations


class DyadError(Exception):
    """Base of every error dyad raises on purpose."""


class InputError(DyadError):
    """An input (file, line, feed item) that cannot be read as a document.

    ``where`` names the input (a file name, ``file:line``, a URL) so that the message
    printed to the user says which one failed and why.
    """

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


class ModelNotFoundError(DyadError):
    """No spaCy English model is installed."""


class StoreError(DyadError):
    """The event store cannot be opened or written (locked, corrupt, wrong version)."""


class DataFileError(DyadError):
    """A knowledge file is missing or malformed."""
