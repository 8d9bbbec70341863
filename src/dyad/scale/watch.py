"""Watching feeds: poll, fetch each new item's article, hand new documents to the store.

``poll_once(feeds, state, store_ingest)`` does one round and knows nothing of the store:
``store_ingest`` receives each feed's new documents (the ``dyad watch`` command passes the
event store's ingest; tests pass a list's ``extend``). The state remembers, per feed, the
ETag and Last-Modified for conditional requests and the ids of items already taken, and is
saved as JSON (by default beside the database: ``dyad.duckdb.feeds.json``).

An item whose page failed for a passing reason (timeout, 5xx) is tried again on the next
rounds, up to ``MAX_ATTEMPTS``; an item that failed for good (404, robots.txt, no article)
is recorded once and not tried again.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from dyad.errors import InputError
from dyad.model import Document, Failure
from dyad.scale.fetch import Fetcher, FetchError
from dyad.sources.feeds import expand_sources, is_url, item_document, parse_feed

MAX_SEEN = 10_000
MAX_ATTEMPTS = 3

StoreIngest = Callable[[list[Document]], object]


@dataclass(slots=True)
class FeedState:
    """What is remembered about one feed between polls."""

    etag: str | None = None
    modified: str | None = None
    seen: list[str] = field(default_factory=list)
    attempts: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class WatchState:
    """State of every watched feed; ``save()`` writes it to ``path`` atomically."""

    feeds: dict[str, FeedState] = field(default_factory=dict)
    path: Path | None = None

    @classmethod
    def load(cls, path: Path | None) -> WatchState:
        """The state saved at ``path`` (an empty state when there is none yet)."""
        if path is None or not path.exists():
            return cls(path=path)
        raw = json.loads(path.read_text(encoding="utf-8"))
        feeds = {url: FeedState(**value) for url, value in raw.get("feeds", {}).items()}
        return cls(feeds=feeds, path=path)

    def feed(self, url: str) -> FeedState:
        """The state of one feed, created on first use."""
        return self.feeds.setdefault(url, FeedState())

    def save(self) -> None:
        """Write the state (no-op without a path)."""
        if self.path is None:
            return
        data: dict[str, Any] = {"feeds": {u: asdict(s) for u, s in self.feeds.items()}}
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
        os.replace(tmp, self.path)


def state_path_for(db: Path) -> Path:
    """Where the feed state of database ``db`` is kept: beside it."""
    return db.with_name(db.name + ".feeds.json")


@dataclass(slots=True)
class PollReport:
    """What one round found."""

    feeds: int = 0
    not_modified: int = 0
    new_items: int = 0
    documents: int = 0
    failures: list[Failure] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the log."""
        return (
            f"{self.feeds} feeds ({self.not_modified} not modified), {self.new_items} new items, "
            f"{self.documents} documents stored, {len(self.failures)} failures"
        )


def poll_once(
    feeds: Sequence[str | Path],
    state: WatchState,
    store_ingest: StoreIngest,
    fetcher: Fetcher | None = None,
) -> PollReport:
    """One round over ``feeds`` (files, URLs, OPML lists); saves ``state`` after each feed."""
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    report = PollReport()
    try:
        for feed in expand_sources(feeds, fetcher):
            if isinstance(feed, InputError):
                report.failures.append(Failure(feed.where, "read", feed.problem))
                continue
            report.feeds += 1
            _poll_feed(feed, state, store_ingest, fetcher, report)
            state.save()
    finally:
        if own:
            fetcher.close()
    return report


def _poll_feed(
    feed: str, state: WatchState, ingest: StoreIngest, fetcher: Fetcher, report: PollReport
) -> None:
    fs = state.feed(feed)
    try:
        data, etag, modified = _load_feed(feed, fs, fetcher)
    except InputError as exc:
        report.failures.append(Failure(feed, "fetch", exc.problem))
        return
    if data is None:
        report.not_modified += 1
        return
    try:
        items = parse_feed(data, feed)
    except InputError as exc:
        report.failures.append(Failure(feed, "read", exc.problem))
        return
    seen = set(fs.seen)
    taken: list[str] = []
    retry = False
    documents: list[Document] = []
    for item in items:
        if item.key in seen:
            continue
        report.new_items += 1
        try:
            documents.append(item_document(item, fetcher))
            taken.append(item.key)
        except InputError as exc:
            where = item.link or item.key
            report.failures.append(Failure(where, "fetch", exc.problem, doc_id=where))
            tries = fs.attempts.get(item.key, 0) + 1
            if isinstance(exc, FetchError) and exc.transient and tries < MAX_ATTEMPTS:
                fs.attempts[item.key] = tries
                retry = True
            else:
                taken.append(item.key)
    if documents:
        try:
            ingest(documents)
        except Exception as exc:  # noqa: BLE001 - keep watching; these items are retried
            report.failures.append(Failure(feed, "store", f"{type(exc).__name__}: {exc}"))
            return
        report.documents += len(documents)
    for key in taken:
        fs.attempts.pop(key, None)
    fs.seen = (fs.seen + taken)[-MAX_SEEN:]
    if not retry:  # else ask for the whole feed again next time, to retry those items
        fs.etag, fs.modified = etag, modified


def _load_feed(
    feed: str, fs: FeedState, fetcher: Fetcher
) -> tuple[bytes | None, str | None, str | None]:
    """The feed's bytes (None: not modified since the last poll), its ETag and Last-Modified."""
    if is_url(feed):
        reply = fetcher.get(feed, etag=fs.etag, modified=fs.modified)
        if reply.not_modified:
            return None, fs.etag, fs.modified
        return reply.content, reply.etag, reply.modified
    path = Path(feed)
    try:
        stamp = str(path.stat().st_mtime_ns)
        if fs.modified == stamp:
            return None, None, stamp
        return path.read_bytes(), None, stamp
    except OSError as exc:
        raise InputError(feed, f"cannot read: {exc.strerror or exc}") from None


def watch(
    feeds: Sequence[str | Path],
    state: WatchState,
    store_ingest: StoreIngest,
    interval: float = 900.0,
    once: bool = False,
    fetcher: Fetcher | None = None,
    on_round: Callable[[PollReport], object] | None = None,
    max_rounds: int | None = None,
) -> None:
    """Poll every ``interval`` seconds until interrupted (one round with ``once``).

    ``on_round`` receives each round's report (the command prints it). ``max_rounds`` limits
    the number of rounds; by default the loop runs until interrupted.
    """
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        done = 0
        while True:
            started = time.monotonic()
            report = poll_once(feeds, state, store_ingest, fetcher)
            if on_round is not None:
                on_round(report)
            done += 1
            if once or (max_rounds is not None and done >= max_rounds):
                return
            time.sleep(max(0.0, interval - (time.monotonic() - started)))
    finally:
        if own:
            fetcher.close()
