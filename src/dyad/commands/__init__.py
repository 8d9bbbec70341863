"""Sub-command groups of the ``dyad`` CLI, each in its own module with ``register(app)``."""

from __future__ import annotations

import importlib

import typer

# Modules that add commands to the app; each defines ``register(app: typer.Typer) -> None``.
MODULES = ("store", "scale", "serve", "actors")


def register_all(app: typer.Typer) -> None:
    """Add every command module that is present to ``app``."""
    for name in MODULES:
        try:
            module = importlib.import_module(f"dyad.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"dyad.commands.{name}":
                continue
            raise
        module.register(app)
