"""Web pages: the article is extracted with trafilatura, with its title, date, author and site."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import trafilatura

from dyad.errors import InputError
from dyad.model import Document
from dyad.sources.text import decode_bytes, normalise_newlines


def html_document(
    doc_id: str, html: str, published: date | None = None, url: str | None = None
) -> Document:
    """The article in a page; raises InputError when the page holds no article text."""
    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, favor_precision=True
    )
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or not text.strip():
        raise InputError(doc_id, "no article text found in the HTML page")
    title = getattr(extracted, "title", None)
    page_date = _parse_date(getattr(extracted, "date", None))
    if published is not None:
        when, source = published, "given"
    elif page_date is not None:
        when, source = page_date, "metadata"
    else:
        when, source = None, "none"
    return Document(
        id=doc_id,
        text=normalise_newlines(text),
        published=when,
        published_source=source,
        url=url or getattr(extracted, "url", None),
        title=title,
        source=getattr(extracted, "sitename", None) or getattr(extracted, "hostname", None),
        author=getattr(extracted, "author", None),
    )


def read_html_file(path: Path, published: date | None = None) -> Document | InputError:
    """One saved web page; the document id is the file name."""
    try:
        html = decode_bytes(path.name, path.read_bytes())
        return html_document(path.name, html, published)
    except InputError as exc:
        return exc
    except OSError as exc:
        return InputError(str(path), f"cannot read: {exc.strerror or exc}")


def _parse_date(value: object) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
