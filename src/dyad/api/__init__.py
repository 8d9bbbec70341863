"""The HTTP API and web dashboard (``dyad serve``): ``create_app(db_path, token=None)``."""

from __future__ import annotations

from dyad.api.app import create_app

__all__ = ["create_app"]
