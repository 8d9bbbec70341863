"""``dyad serve``: the HTTP API and web dashboard over one event store (uvicorn).

Binds to 127.0.0.1 by default. Writes (``POST /api/documents``, storing from the paste page)
need the token in ``$DYAD_TOKEN``; without it the database is opened read-only.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

err = Console(stderr=True, highlight=False, soft_wrap=True)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the ``dyad`` app."""

    @app.command("serve")
    def serve(
        db: Annotated[
            Path | None,
            typer.Option("--db", help="Event store file (default: $DYAD_DB, else ./dyad.duckdb)."),
        ] = None,
        host: Annotated[
            str, typer.Option("--host", help="Address to listen on (default: this machine only).")
        ] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port.")] = 8000,
        max_body: Annotated[
            int,
            typer.Option("--max-body", min=1024, help="Largest request body accepted, in bytes."),
        ] = 2_000_000,
    ) -> None:
        """Serve the JSON API (/api) and the web dashboard (/) over an event store.

        Set DYAD_TOKEN to allow writes (POST /api/documents with "Authorization: Bearer
        TOKEN"); without it the store is opened read-only and writes are refused.
        """
        import uvicorn

        from dyad.api import create_app
        from dyad.errors import DyadError
        from dyad.store import EventStore, default_db

        path = db or default_db()
        token = os.environ.get("DYAD_TOKEN") or None
        try:  # fail early, on one line, when the store cannot be opened
            EventStore(path, read_only=token is None).close()
        except DyadError as exc:
            err.print(f"error: {exc}", markup=False)
            raise typer.Exit(2) from None
        if not _loopback(host):
            err.print(
                f"warning: listening on {host}: anyone who can reach this address can read "
                "the store; keep DYAD_TOKEN secret",
                markup=False,
            )
        mode = "writes need the bearer token" if token else "read-only (DYAD_TOKEN not set)"
        err.print(f"dyad: serving {path} on http://{host}:{port}/ ({mode})", markup=False)
        uvicorn.run(
            create_app(path, token=token, max_body=max_body),
            host=host,
            port=port,
            log_level="info",
            server_header=False,
        )
