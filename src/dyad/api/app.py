"""The FastAPI application: JSON API, dashboard pages, static files, limits and error format.

``create_app(db_path, token=None)`` builds an app over one database file. Without a token the
file is opened read-only and every write is refused; with one, ``POST /api/documents`` and the
paste page store articles when given that token. Errors from ``/api`` are JSON
``{"error": message}``; pages show an HTML error page.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dyad import __version__
from dyad.api import routes, views
from dyad.api.service import MAX_BODY, Service
from dyad.errors import StoreError

log = logging.getLogger("dyad.api")
STATIC = Path(__file__).resolve().parent.parent / "web" / "static"

SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class BodyTooLarge(Exception):
    """The request body went over the limit while it was being read."""


class LimitsMiddleware:
    """Refuses bodies over ``max_body`` bytes (413) and adds security headers to responses."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await _too_large(self.max_body, send)
            return
        seen = 0
        started = False
        too_large = False

        async def limited() -> Message:
            nonlocal seen, too_large
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    too_large = True
                    raise BodyTooLarge
            return message

        async def with_headers(message: Message) -> None:
            nonlocal started
            if too_large:
                # The app turned the refused body into its own error: answer 413 instead.
                if message["type"] == "http.response.start" and not started:
                    started = True
                    await _too_large(self.max_body, send)
                return
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        try:
            await self.app(scope, limited, with_headers)
        except BodyTooLarge:
            if not started:
                await _too_large(self.max_body, send)


async def _too_large(limit: int, send: Send) -> None:
    response = JSONResponse({"error": f"request body larger than {limit} bytes"}, status_code=413)
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [*response.raw_headers, *SECURITY_HEADERS],
        }
    )
    await send({"type": "http.response.body", "body": response.body})


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path"))
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else error.get("msg", ""))
    return "; ".join(parts) or "invalid request"


def create_app(
    db_path: Path | str | None = None, token: str | None = None, max_body: int = MAX_BODY
) -> FastAPI:
    """The dyad web app over the database at ``db_path`` (default ``$DYAD_DB``/``./dyad.duckdb``).

    ``token`` enables writes (bearer token for ``POST /api/documents``); without it the
    database is opened read-only. ``max_body`` limits request bodies (bytes). The database
    is opened on startup (or on first use) and closed on shutdown.
    """
    service = Service(db_path, token, max_body)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service.open()
        try:
            yield
        finally:
            service.close()

    app = FastAPI(
        title="dyad",
        version=__version__,
        summary="Political event data from news: who did what to whom, when and where.",
        description="Stored events (CAMEO and PLOVER) with their evidence, aggregations, and "
        'coding of new articles. Errors are JSON objects `{"error": message}`.',
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.service = service
    app.include_router(routes.router)
    app.include_router(views.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(LimitsMiddleware, max_body=max_body)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse(
                {"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers
            )
        return views.error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        message = _validation_message(exc)
        if _wants_json(request):
            return JSONResponse({"error": message}, status_code=422)
        return views.error_page(request, 422, message)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        log.error("store error: %s", exc)
        if _wants_json(request):
            return JSONResponse({"error": str(exc)}, status_code=503)
        return views.error_page(request, 503, str(exc))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        if _wants_json(request):
            return JSONResponse({"error": "internal server error"}, status_code=500)
        return views.error_page(request, 500, "internal server error")

    return app


def openapi_schema(app: FastAPI) -> dict[str, Any]:
    """The app's OpenAPI description (what ``/openapi.json`` serves)."""
    return app.openapi()
