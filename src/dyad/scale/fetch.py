"""A polite HTTP fetcher for feeds and article pages.

- conditional requests: ``If-None-Match`` / ``If-Modified-Since`` from a feed's saved ETag and
  Last-Modified; a 304 reply comes back as ``Fetched(status=304)`` with no content;
- politeness: at least ``min_delay`` seconds between two requests to the same host (longer
  when the host's robots.txt asks with ``Crawl-delay``);
- robots.txt (``urllib.robotparser``), fetched once per host: a page it disallows is not
  fetched. A missing robots.txt (4xx) allows everything; 401/403 disallows everything; a
  robots.txt that cannot be fetched (timeout, 5xx) allows (and is retried next run);
- timeouts and retries: timeouts, connection errors, 429 and 5xx replies are retried
  ``retries`` times with exponential backoff; then a ``FetchError`` with ``transient=True``.
  Other 4xx replies fail at once (``transient=False``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from dyad import __version__
from dyad.errors import InputError

USER_AGENT = f"dyad/{__version__} (political event coder; +https://github.com/dyad)"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class FetchError(InputError):
    """A URL that could not be fetched; ``transient`` errors may succeed on a later try."""

    def __init__(self, where: str, problem: str, transient: bool = False) -> None:
        super().__init__(where, problem)
        self.transient = transient


@dataclass(frozen=True, slots=True)
class Fetched:
    """A reply: status 200 with content, or 304 (not modified) without."""

    url: str
    status: int
    content: bytes = b""
    etag: str | None = None
    modified: str | None = None
    content_type: str = ""

    @property
    def not_modified(self) -> bool:
        """The server said the resource has not changed since the conditional request."""
        return self.status == 304


class Fetcher:
    """Fetches URLs politely; one instance per run (it remembers hosts and robots.txt)."""

    def __init__(
        self,
        user_agent: str = USER_AGENT,
        timeout: float = 10.0,
        retries: int = 2,
        backoff: float = 1.0,
        min_delay: float = 1.0,
        respect_robots: bool = True,
        client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.user_agent = user_agent
        self.retries = retries
        self.backoff = backoff
        self.min_delay = min_delay
        self.respect_robots = respect_robots
        self.sleep = sleep
        self.client = client or httpx.Client(
            timeout=timeout, follow_redirects=True, headers={"User-Agent": user_agent}
        )
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}

    def get(self, url: str, etag: str | None = None, modified: str | None = None) -> Fetched:
        """Fetch ``url`` (conditionally when ``etag``/``modified`` are given); raises FetchError."""
        if not url.lower().startswith(("http://", "https://")):
            raise FetchError(url, "not an http(s) URL")
        if self.respect_robots and not self.allowed(url):
            raise FetchError(url, "disallowed by robots.txt")
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        reply = self._request(url, headers)
        if reply.status_code == 304:
            return Fetched(url, 304, etag=etag, modified=modified)
        if reply.status_code >= 400:
            raise FetchError(url, f"HTTP {reply.status_code}", transient=False)
        return Fetched(
            url=str(reply.url),
            status=reply.status_code,
            content=reply.content,
            etag=reply.headers.get("ETag"),
            modified=reply.headers.get("Last-Modified"),
            content_type=reply.headers.get("Content-Type", ""),
        )

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets this user agent fetch ``url``."""
        rules = self._robots_for(url)
        return rules is None or rules.can_fetch(self.user_agent, url)

    def close(self) -> None:
        """Close the connection pool."""
        self.client.close()

    # -- internals ---------------------------------------------------------------------

    def _request(self, url: str, headers: dict[str, str]) -> httpx.Response:
        problem = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            self._wait_turn(url)
            try:
                reply = self.client.get(url, headers=headers)
            except httpx.TimeoutException:
                problem = "timed out"
                continue
            except httpx.HTTPError as exc:
                problem = f"{type(exc).__name__}: {exc}"
                continue
            if reply.status_code in RETRY_STATUS:
                problem = f"HTTP {reply.status_code}"
                continue
            return reply
        raise FetchError(url, f"{problem} (after {self.retries + 1} attempts)", transient=True)

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        delay = self.min_delay
        rules = self._robots.get(host)
        if rules is not None:
            asked = rules.crawl_delay(self.user_agent)
            if asked is not None:
                delay = max(delay, float(asked))
        last = self._last.get(host)
        now = time.monotonic()
        if last is not None and now - last < delay:
            self.sleep(delay - (now - last))
        self._last[host] = time.monotonic()

    def _robots_for(self, url: str) -> RobotFileParser | None:
        parts = urlsplit(url)
        host = parts.netloc.lower()
        if host in self._robots:
            return self._robots[host]
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        rules: RobotFileParser | None = RobotFileParser(robots_url)
        self._wait_turn(robots_url)
        try:
            reply = self.client.get(robots_url)
        except httpx.HTTPError:
            return None  # not cached: try again on the next page of this host
        assert rules is not None
        if reply.status_code in (401, 403):
            setattr(rules, "disallow_all", True)  # noqa: B010 - undeclared in typeshed
        elif reply.status_code >= 500:
            return None
        elif reply.status_code >= 400:
            setattr(rules, "allow_all", True)  # noqa: B010 - undeclared in typeshed
        else:
            rules.parse(reply.text.splitlines())
        self._robots[host] = rules
        return rules
