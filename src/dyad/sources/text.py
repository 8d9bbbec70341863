"""Plain-text articles: one file, one document."""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

from dyad.errors import InputError
from dyad.model import Document

# Bytes that never occur in text files: a NUL in the first block means binary.
_SNIFF = 8192
# Windows "Unicode" files: UTF-32 first, since its little-endian BOM begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(where: str, raw: bytes) -> str:
    """Text of a file's bytes: UTF-8 (with or without BOM), else Windows-1252.

    Raises InputError for empty or binary content, naming ``where``.
    """
    if not raw.strip():
        raise InputError(where, "empty input")
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                raise InputError(where, f"not valid {codec.upper()} text") from None
    head = raw[:_SNIFF]
    if b"\x00" in head:
        raise InputError(where, "binary data, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text[:_SNIFF] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(text[:_SNIFF]) * 0.05:
        raise InputError(where, "binary data, not text")
    return text


def normalise_newlines(text: str) -> str:
    """Offsets refer to the text with ``\\r\\n`` turned into ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def text_document(doc_id: str, text: str, published: date | None) -> Document:
    """A document from raw text; the publication date is inferred when not given."""
    if published is not None:
        return Document(id=doc_id, text=text, published=published, published_source="given")
    from dyad.when import infer_published

    found = infer_published(text)
    if found is not None:
        return Document(id=doc_id, text=text, published=found[0], published_source="inferred")
    return Document(id=doc_id, text=text, published=None, published_source="none")


def read_text_file(path: Path, published: date | None = None) -> Document | InputError:
    """One plain-text article; the document id is the file name."""
    try:
        raw = path.read_bytes()
        text = normalise_newlines(decode_bytes(path.name, raw))
    except InputError as exc:
        return exc
    except OSError as exc:
        return InputError(str(path), f"cannot read: {exc.strerror or exc}")
    return text_document(path.name, text, published)
