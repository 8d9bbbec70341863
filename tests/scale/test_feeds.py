"""Feeds and watching, against a local HTTP server serving tests/fixtures/feeds."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from dyad.errors import InputError
from dyad.model import Document
from dyad.scale.fetch import Fetcher, FetchError
from dyad.scale.watch import MAX_ATTEMPTS, WatchState, poll_once, state_path_for
from dyad.sources.feeds import parse_feed, parse_opml, read_feed
from tests.scale.feedserver import ROOT, FeedServer


def fetcher(**kw: float) -> Fetcher:
    options = {"timeout": 0.5, "retries": 1, "backoff": 0.05, "min_delay": 0.0}
    options.update(kw)
    return Fetcher(**options)  # type: ignore[arg-type]


def test_parse_rss_items_with_links_and_dates() -> None:
    items = parse_feed((ROOT / "feed.rss").read_bytes(), "feed.rss")
    assert [i.title for i in items][:1] == [
        "Iran and Azerbaijan agree to expand trade after talks in Baku"
    ]
    assert len(items) == 4
    assert items[0].published == date(2023, 3, 14)
    assert items[0].link == "{base}/news/iran-azerbaijan-talks.html"


def test_parse_opml_lists_feed_urls() -> None:
    urls = parse_opml((ROOT / "feeds.opml").read_bytes(), "feeds.opml")
    assert urls == ["{base}/feed.rss", "{base}/feed.atom"]


def test_not_a_feed_is_an_input_error() -> None:
    with pytest.raises(InputError, match="not an RSS/Atom feed"):
        parse_feed(b"<html><body><p>Just a page.</p></body></html>", "page.html")


def test_poll_once_fetches_new_articles_and_reports_failures(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    stored: list[Document] = []
    state = WatchState.load(tmp_path / "feeds.json")
    report = poll_once([f"{feed_server.base}/feeds.opml"], state, stored.extend, fetcher())

    assert report.feeds == 2
    ids = [d.id for d in stored]
    assert ids == [
        f"{feed_server.base}/news/iran-azerbaijan-talks.html",
        f"{feed_server.base}/news/eu-belarus-sanctions.html",
    ]
    iran, eu = stored
    assert "Bayramov" in iran.text and "All rights reserved" not in iran.text
    # The Iran page states no date: the feed's; the EU page's own metadata wins.
    assert (iran.published, iran.published_source) == (date(2023, 3, 14), "metadata")
    assert eu.published == date(2023, 3, 10)
    assert "sanctions on twenty Belarusian officials" in eu.text

    reasons = {f.where.rsplit("/", 1)[-1]: f.reason for f in report.failures}
    assert "timed out" in reasons["slow.html"]
    assert "no article text" in reasons["broken.html"]
    assert "robots.txt" in reasons["members.html"]
    # robots.txt was honoured: the private page was never requested.
    assert not any("/private/" in path for _, path, _ in feed_server.log)
    assert (tmp_path / "feeds.json").exists()


def test_second_poll_is_conditional_and_takes_nothing_twice(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    stored: list[Document] = []
    path = tmp_path / "feeds.json"
    feeds = [f"{feed_server.base}/feed.atom", f"{feed_server.base}/feed.rss"]
    poll_once(feeds, WatchState.load(path), stored.extend, fetcher())
    assert len(stored) == 2

    state = WatchState.load(path)  # reloaded from disk, as the next run would
    rss = state.feeds[f"{feed_server.base}/feed.rss"]
    assert rss.attempts == {f"{feed_server.base}/news/slow.html": 1}
    # The RSS feed has an item to retry, so its ETag is not kept; the Atom feed's is.
    assert rss.etag is None and state.feeds[f"{feed_server.base}/feed.atom"].etag

    feed_server.log.clear()
    report = poll_once(feeds, state, stored.extend, fetcher())
    assert report.not_modified == 1
    assert ("GET", "/feed.atom", 304) in feed_server.log
    assert report.new_items == 1  # only the slow page, tried again
    assert len(stored) == 2


def test_transient_failures_are_given_up_after_max_attempts(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    stored: list[Document] = []
    state = WatchState.load(tmp_path / "feeds.json")
    feed = [f"{feed_server.base}/feed.rss"]
    quick = fetcher(timeout=0.2, retries=0)
    for _ in range(MAX_ATTEMPTS):
        poll_once(feed, state, stored.extend, quick)
    rss = state.feeds[feed[0]]
    assert f"{feed_server.base}/news/slow.html" in rss.seen
    assert rss.attempts == {} and rss.etag is not None
    assert poll_once(feed, state, stored.extend, quick).not_modified == 1


def test_store_failure_leaves_items_to_retry(feed_server: FeedServer, tmp_path: Path) -> None:
    def broken_store(documents: list[Document]) -> None:
        raise RuntimeError("database is locked")

    state = WatchState.load(tmp_path / "feeds.json")
    feed = [f"{feed_server.base}/feed.atom"]
    report = poll_once(feed, state, broken_store, fetcher())
    assert [f.stage for f in report.failures] == ["store"]
    stored: list[Document] = []
    poll_once(feed, state, stored.extend, fetcher())
    assert [d.title for d in stored] == ["EU adopts new sanctions on Belarusian officials"]


def test_fetcher_retries_a_503(feed_server: FeedServer) -> None:
    reply = fetcher(retries=1).get(f"{feed_server.base}/flaky.html")
    assert reply.status == 200 and b"Bayramov" in reply.content
    statuses = [status for _, path, status in feed_server.log if path == "/flaky.html"]
    assert statuses == [503, 200]
    with pytest.raises(FetchError, match="HTTP 503") as info:
        fetcher(retries=0).get(f"{feed_server.base}/flaky.html")
    assert info.value.transient


def test_fetcher_waits_between_requests_to_one_host(feed_server: FeedServer) -> None:
    waits: list[float] = []
    polite = Fetcher(timeout=2.0, retries=0, min_delay=0.5, sleep=waits.append)
    polite.get(f"{feed_server.base}/feed.atom")
    polite.get(f"{feed_server.base}/feed.rss")
    polite.close()
    # robots.txt, then two feeds: the second and third requests each waited for their turn.
    assert len(waits) == 2 and all(0.3 < w <= 0.5 for w in waits)


def test_read_feed_file_fetches_pages(feed_server: FeedServer, tmp_path: Path) -> None:
    feed = tmp_path / "desk.atom"
    text = (ROOT / "feed.atom").read_text(encoding="utf-8")
    feed.write_text(text.replace("{base}", feed_server.base), encoding="utf-8")
    items = list(read_feed(feed, fetcher()))
    assert len(items) == 1 and isinstance(items[0], Document)
    assert items[0].url == f"{feed_server.base}/news/eu-belarus-sanctions.html"


def test_state_path_is_beside_the_database(tmp_path: Path) -> None:
    assert state_path_for(tmp_path / "x.duckdb") == tmp_path / "x.duckdb.feeds.json"


def test_http_error_is_not_transient(feed_server: FeedServer) -> None:
    client = fetcher()
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        client.get(f"{feed_server.base}/news/missing.html")
    assert not info.value.transient and "404" in info.value.problem
    assert time.monotonic() - started < 0.5  # no retries for a 404


def test_read_url_reads_feeds_and_pages(feed_server: FeedServer) -> None:
    from dyad.sources.feeds import as_url, read_url

    page_url = f"{feed_server.base}/news/iran-azerbaijan-talks.html"
    (page,) = read_url(page_url, fetcher())
    assert isinstance(page, Document) and page.id == page_url and "Bayramov" in page.text
    feed_items = list(read_url(f"{feed_server.base}/feed.atom", fetcher()))
    assert [getattr(d, "title", None) for d in feed_items] == [
        "EU adopts new sanctions on Belarusian officials"
    ]
    # A URL that went through pathlib.Path ("http:/host/...") is still recognised.
    assert as_url(Path(page_url)) == page_url and as_url(Path("news/a.html")) is None
