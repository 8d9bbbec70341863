"""Reliability fixtures: one Pipeline per session, the bad-input folder, a local HTTP server."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from spacy.language import Language

from dyad.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent.parent
BAD = ROOT / "tests" / "fixtures" / "bad"
EXAMPLE = ROOT / "examples" / "presstv-2021-12-23-iran-azerbaijan.txt"
SLOW_SECONDS = 2.0

ARTICLE_HTML = b"""<!doctype html><html><head><title>Talks in Doha</title>
<meta property="article:published_time" content="2023-05-08"></head><body><article>
<h1>Qatar hosts talks</h1>
<p>DOHA, May 8 - Qatar hosted talks between Sudanese army and paramilitary envoys on Monday.
Qatari Foreign Minister Mohammed bin Abdulrahman Al Thani met the two delegations in Doha and
urged them to agree to a ceasefire. The United Nations welcomed the talks.</p>
<p>Sudanese army commander Abdel Fattah al-Burhan said his forces would respect any truce.</p>
</article></body></html>"""


@pytest.fixture(scope="session")
def pipeline(nlp: Language) -> Pipeline:
    """One Pipeline for the whole session (the model is loaded once)."""
    return Pipeline(nlp=nlp)


class _Handler(BaseHTTPRequestHandler):
    """``/ok.html`` an article, ``/missing`` 404, ``/broken`` 500, ``/slow`` hangs."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        path = self.path.split("?", 1)[0]
        if path == "/robots.txt":
            return self._reply(404, b"", "text/plain")
        if path == "/ok.html":
            return self._reply(200, ARTICLE_HTML, "text/html; charset=utf-8")
        if path == "/broken":
            return self._reply(500, b"internal error", "text/plain")
        if path == "/slow":
            time.sleep(SLOW_SECONDS)
            return self._reply(200, ARTICLE_HTML, "text/html; charset=utf-8")
        if path == "/binary":
            return self._reply(200, bytes(range(256)) * 64, "application/octet-stream")
        return self._reply(404, b"not found", "text/plain")

    def _reply(self, status: int, body: bytes, ctype: str) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout): nothing to answer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


@pytest.fixture(scope="module")
def http_base() -> Iterator[str]:
    """Base URL of a local HTTP server with a good page, a 404, a 500 and a slow page."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield f"http://{host!s}:{port}"
    server.shutdown()
    server.server_close()
