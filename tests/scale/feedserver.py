"""A local HTTP server for the feed tests: serves tests/fixtures/feeds with a few behaviours.

- ``{base}`` in served files is replaced by the server's own address;
- feeds (``.rss``, ``.atom``) carry an ETag and answer 304 to a matching If-None-Match;
- ``/news/slow.html`` is held back ``SLOW_SECONDS`` (longer than the tests' client timeout);
- ``/flaky.html`` answers 503 on every other request;
- every request is logged as (method, path, status) in ``server.log``.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "fixtures" / "feeds"
SLOW_SECONDS = 1.5


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True
    log: list[tuple[str, str, int]]
    base: str
    flaky_calls: int


class Handler(BaseHTTPRequestHandler):
    server: FeedServer

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        path = self.path.split("?", 1)[0]
        if path == "/news/slow.html":
            time.sleep(SLOW_SECONDS)
        if path == "/flaky.html":
            self.server.flaky_calls += 1
            if self.server.flaky_calls % 2 == 1:
                return self._reply(503, b"busy", "text/plain")
            path = "/news/iran-azerbaijan-talks.html"
        file = (ROOT / path.lstrip("/")).resolve()
        if not file.is_file() or ROOT not in file.parents:
            return self._reply(404, b"not found", "text/plain")
        body = file.read_bytes().replace(b"{base}", self.server.base.encode())
        ctype = {
            ".rss": "application/rss+xml",
            ".atom": "application/atom+xml",
            ".opml": "text/x-opml",
            ".txt": "text/plain",
        }.get(file.suffix, "text/html; charset=utf-8")
        headers = {}
        if file.suffix in (".rss", ".atom"):
            etag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
            headers["ETag"] = etag
            if self.headers.get("If-None-Match") == etag:
                return self._reply(304, b"", ctype, headers)
        self._reply(200, body, ctype, headers)

    def _reply(
        self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None
    ) -> None:
        self.server.log.append(("GET", self.path, status))
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            if status != 304:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve() -> Iterator[FeedServer]:
    """A running server on a free local port; stopped on exit."""
    server = FeedServer(("127.0.0.1", 0), Handler)
    server.log = []
    server.flaky_calls = 0
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
