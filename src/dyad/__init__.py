"""dyad: political event data from news, coded in CAMEO and PLOVER with evidence.

The public API is what ``__all__`` lists; everything else may change between minor versions.

Example::

    import dyad

    events = dyad.code("Iran's foreign minister met his Azerbaijani counterpart in Baku "
                       "on Wednesday.", published="2021-12-23")
    events[0].event_type, events[0].date      # ('CONSULT', '2021-12-22')

``import dyad`` is cheap: spaCy, DuckDB and the knowledge files load on first use of
``Pipeline``, ``code``, ``open_store``, ``EventStore`` or ``evaluate``.
"""

from __future__ import annotations

import sys
import types
from importlib import import_module
from typing import TYPE_CHECKING, Any

from dyad.model import Actor, Document, Event, Place, When
from dyad.public import code, evaluate, open_store, read

if TYPE_CHECKING:
    from dyad.pipeline import Analysis, Pipeline
    from dyad.store import EventFilter, EventStore

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Analysis",
    "Document",
    "Event",
    "EventFilter",
    "EventStore",
    "Pipeline",
    "Place",
    "When",
    "code",
    "evaluate",
    "open_store",
    "read",
]

# Names whose modules import spaCy or DuckDB: resolved on first attribute access.
_LAZY = {
    "Pipeline": "dyad.pipeline",
    "Analysis": "dyad.pipeline",
    "EventStore": "dyad.store",
    "EventFilter": "dyad.store",
}


if not TYPE_CHECKING:  # type checkers see the imports above, and flag unknown names

    def __getattr__(name: str) -> Any:
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module 'dyad' has no attribute {name!r}")
        value = getattr(import_module(module), name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """Keeps ``dyad.evaluate`` the function after the ``dyad.evaluate`` module is imported.

    Importing a submodule sets it as an attribute of its package; the scorer module shares
    the name of the public function, so that assignment is ignored here (the module stays
    importable as ``dyad.evaluate`` through ``sys.modules``).
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "evaluate" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
