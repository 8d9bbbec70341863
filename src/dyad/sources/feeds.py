"""News feeds (RSS, Atom) and OPML lists of feeds, read with feedparser.

A feed names articles; the article itself is on the item's page, which is fetched (politely:
``dyad.scale.fetch.Fetcher``) and extracted like any HTML page. The document id is the item's
link. The publication date is the page's own when it states one, else the feed item's
(``published_source="metadata"``). When the page cannot be fetched or holds no article and
the item carries the full article (``content:encoded``, Atom ``content``), that is coded
instead; otherwise the item becomes an InputError naming the link.
"""

from __future__ import annotations

import dataclasses
import io
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import feedparser

from dyad.errors import InputError
from dyad.model import Document
from dyad.sources.html import html_document
from dyad.sources.text import decode_bytes

if TYPE_CHECKING:
    from dyad.scale.fetch import Fetcher

FEED_SUFFIXES = (".rss", ".atom", ".xml", ".rdf")
_URL = re.compile(r"^(https?):/+(.+)$", re.IGNORECASE)
OPML_SUFFIXES = (".opml",)


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed: what the feed says about an article."""

    key: str
    link: str | None
    title: str | None
    published: date | None
    content: str | None


def is_feed(path: Path) -> bool:
    """Whether the file name says it is a feed or an OPML list."""
    return path.name.lower().endswith(FEED_SUFFIXES + OPML_SUFFIXES)


def is_url(source: str) -> bool:
    """Whether ``source`` is an http(s) URL rather than a file name."""
    return source.lower().startswith(("http://", "https://"))


def as_url(source: str | Path) -> str | None:
    """The http(s) URL ``source`` names, or None for a file name.

    Accepts URLs that went through ``pathlib.Path``, which collapses ``//`` into ``/``.
    """
    match = _URL.match(str(source))
    return f"{match.group(1).lower()}://{match.group(2)}" if match else None


def read_url(url: str, fetcher: Fetcher | None = None) -> Iterator[Document | InputError]:
    """Documents from a URL: a feed's items (fetched), or the article of a web page."""
    own = fetcher is None
    if fetcher is None:
        from dyad.scale.fetch import Fetcher

        fetcher = Fetcher()
    try:
        try:
            page = fetcher.get(url)
        except InputError as exc:
            yield exc
            return
        if "html" not in page.content_type.lower():
            try:
                items = parse_feed(page.content, url)
            except InputError:
                items = None  # not a feed: read it as a page
            if items is not None:
                for item in items:
                    try:
                        yield item_document(item, fetcher)
                    except InputError as exc:
                        yield exc
                return
        try:
            yield html_document(url, decode_bytes(url, page.content), url=page.url)
        except InputError as exc:
            yield exc
    finally:
        if own:
            fetcher.close()


def parse_feed(data: bytes, where: str) -> list[FeedItem]:
    """The entries of an RSS or Atom document; raises InputError when it is not a feed."""
    parsed: Any = feedparser.parse(io.BytesIO(data))
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        problem = parsed.get("bozo_exception") or "no feed entries"
        raise InputError(where, f"not an RSS/Atom feed: {problem}")
    items: list[FeedItem] = []
    for entry in parsed.entries:
        link = entry.get("link") or None
        key = entry.get("id") or link or entry.get("title")
        if not key:
            continue
        items.append(
            FeedItem(
                key=str(key),
                link=link,
                title=entry.get("title") or None,
                published=_entry_date(entry),
                content=_full_content(entry),
            )
        )
    return items


def parse_opml(data: bytes, where: str) -> list[str]:
    """The feed URLs (``xmlUrl``) of an OPML outline, in document order."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(where, f"not an OPML file: {exc}") from None
    urls = [o.get("xmlUrl") or o.get("xmlurl") or "" for o in root.iter("outline")]
    return [u.strip() for u in urls if u.strip()]


def item_document(item: FeedItem, fetcher: Fetcher | None) -> Document:
    """The article an item names: its page fetched and extracted; raises InputError."""
    where = item.link or item.key
    problem: InputError | None = None
    if fetcher is not None and item.link and is_url(item.link):
        try:
            page = fetcher.get(item.link)
            html = decode_bytes(item.link, page.content)
            return _dated(html_document(item.link, html, url=page.url), item)
        except InputError as exc:
            problem = exc
    if item.content:
        try:
            return _dated(html_document(where, item.content, url=item.link), item)
        except InputError as exc:
            problem = problem or exc
    raise problem or InputError(where, "the feed item has no page to fetch and no content")


def read_feed_bytes(
    data: bytes, where: str, fetcher: Fetcher | None = None
) -> Iterator[Document | InputError]:
    """Documents of a feed's items, in feed order."""
    try:
        items = parse_feed(data, where)
    except InputError as exc:
        yield exc
        return
    for item in items:
        try:
            yield item_document(item, fetcher)
        except InputError as exc:
            yield exc


def read_feed(
    source: str | Path, fetcher: Fetcher | None = None
) -> Iterator[Document | InputError]:
    """Documents from a feed file or URL, or from every feed of an OPML list.

    Without a ``fetcher`` a default polite one is made (and closed at the end).
    """
    own = fetcher is None
    if fetcher is None:
        from dyad.scale.fetch import Fetcher

        fetcher = Fetcher()
    try:
        for feed in expand_sources([source], fetcher):
            if isinstance(feed, InputError):
                yield feed
                continue
            try:
                data = _load(feed, fetcher)
            except InputError as exc:
                yield exc
                continue
            yield from read_feed_bytes(data, feed, fetcher)
    finally:
        if own:
            fetcher.close()


def expand_sources(
    sources: Iterable[str | Path], fetcher: Fetcher | None = None
) -> Iterator[str | InputError]:
    """Feed locations (file names or URLs): OPML lists replaced by the feeds they name."""
    for source in sources:
        name = str(source)
        if not name.lower().endswith(OPML_SUFFIXES):
            yield name
            continue
        try:
            yield from parse_opml(_load(name, fetcher), name)
        except InputError as exc:
            yield exc


def _load(source: str, fetcher: Fetcher | None) -> bytes:
    if is_url(source):
        if fetcher is None:
            raise InputError(source, "a URL needs a fetcher")
        return fetcher.get(source).content
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None


def _dated(doc: Document, item: FeedItem) -> Document:
    """The page's document, with the feed's date and title where the page has none."""
    changes: dict[str, Any] = {}
    if doc.published is None and item.published is not None:
        changes.update(published=item.published, published_source="metadata")
    if not doc.title and item.title:
        changes["title"] = item.title
    return dataclasses.replace(doc, **changes) if changes else doc


def _entry_date(entry: Any) -> date | None:
    stamp: time.struct_time | None = entry.get("published_parsed") or entry.get("updated_parsed")
    if stamp is None:
        return None
    try:
        return date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
    except ValueError:
        return None


def _full_content(entry: Any) -> str | None:
    """The item's full article (``content:encoded`` / Atom content), not its summary."""
    for block in entry.get("content") or []:
        value = block.get("value")
        if isinstance(value, str) and len(value) > 500:
            return value
    return None
