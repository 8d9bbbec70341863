"""The records passed between pipeline stages: Document, Actor, Place, When, Event.

Every record is a frozen, slotted dataclass. Offsets are character offsets into
``Document.text`` exactly as given, so ``text[start:end] == span_text`` always holds.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class Document:
    """One article: its text and what is known about where and when it was published.

    ``published_source`` says where ``published`` came from: ``given`` (flag or input
    field), ``metadata`` (HTML metadata), ``inferred`` (read from the text) or ``none``.
    """

    id: str
    text: str
    published: date | None = None
    published_source: str = "none"
    url: str | None = None
    title: str | None = None
    source: str | None = None
    author: str | None = None

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text, used to recognise a document already stored."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Actor:
    """A coded political actor as mentioned in the text.

    ``text``/``start``/``end`` are what the sentence says (a pronoun stays a pronoun);
    ``name``, ``country`` and ``sector`` are what it resolved to.
    """

    text: str
    start: int
    end: int
    name: str | None
    country: str | None
    sector: str | None
    how: str = ""

    @property
    def code(self) -> str:
        """CAMEO-style concatenation of country and sector (``IRNGOV``)."""
        return f"{self.country or '---'}{self.sector or ''}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "code": self.code,
        }


@dataclass(frozen=True, slots=True)
class Place:
    """A toponym resolved to a GeoNames place (or unresolved: lat/lon None)."""

    text: str
    start: int
    end: int
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None
    feature_code: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "geonameid": self.geonameid,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "feature_code": self.feature_code,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class When:
    """A time expression and its normalised value (``2021-12-22``, ``2021-10``, ``2020``).

    ``value`` and ``precision`` are None for expressions that are not calendar dates
    (durations such as "six weeks").
    """

    text: str
    start: int
    end: int
    value: str | None
    precision: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "precision": self.precision,
        }


@dataclass(frozen=True, slots=True)
class Failure:
    """A document or input that could not be processed, and why; the run goes on.

    ``where`` names the input (file, ``file:line``, URL, document id); ``stage`` is the step
    that failed (``read``, ``fetch``, ``code``, ``store``).
    """

    where: str
    stage: str
    reason: str
    doc_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "where": self.where,
            "stage": self.stage,
            "reason": self.reason,
            "doc_id": self.doc_id,
        }


@dataclass(frozen=True, slots=True)
class PersonNote:
    """A person the story introduced with a title and nationality, for actor memory."""

    name: str
    country: str
    sector: str | None
    doc_id: str
    published: date | None
    evidence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the document's text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """The sentence an event was read from."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event mention, with the evidence that produced it."""

    doc_id: str
    event_type: str
    mode: str | None
    context: tuple[str, ...]
    cameo: str
    quad_class: int
    goldstein: float
    actor: tuple[Actor, ...]
    recipient: tuple[Actor, ...]
    date: str | None
    date_precision: str | None
    location: Place | None
    sentence: Sentence
    trigger: Span
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    confidence: float = 0.5
    reason: str = ""
    published: str | None = None
    published_source: str = "none"
    event_id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.event_id:
            object.__setattr__(self, "event_id", self.stable_id())

    def stable_id(self) -> str:
        """An id that depends only on the document and what was coded where."""
        key = "|".join(
            [
                self.doc_id,
                str(self.trigger.start),
                str(self.trigger.end),
                self.cameo,
                ",".join(a.code + str(a.start) for a in self.actor),
                ",".join(a.code + str(a.start) for a in self.recipient),
            ]
        )
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object for this event."""
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "event_type": self.event_type,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "actor": [a.to_dict() for a in self.actor],
            "recipient": [a.to_dict() for a in self.recipient],
            "date": self.date,
            "date_precision": self.date_precision,
            "location": self.location.to_dict() if self.location else None,
            "sentence": {
                "index": self.sentence.index,
                "start": self.sentence.start,
                "end": self.sentence.end,
                "text": self.sentence.text,
            },
            "trigger": {
                "start": self.trigger.start,
                "end": self.trigger.end,
                "text": self.trigger.text,
            },
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "historical": self.historical,
            "confidence": round(self.confidence, 3),
            "reason": self.reason,
            "published": self.published,
            "published_source": self.published_source,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    def to_plover(self) -> dict[str, Any]:
        """A PLOVER-style record (the OEDA JSON field names)."""
        first = self.actor[0] if self.actor else None
        target = self.recipient[0] if self.recipient else None
        return {
            "id": self.event_id,
            "date": self.date,
            "event": self.event_type,
            "mode": self.mode or "",
            "contexts": list(self.context),
            "actor": first.name or first.text if first else "",
            "actor_country": first.country if first else "",
            "actor_sector": first.sector if first else "",
            "recipient": (target.name or target.text) if target else "",
            "recipient_country": target.country if target else "",
            "recipient_sector": target.sector if target else "",
            "location": self.location.name if self.location else "",
            "latitude": self.location.lat if self.location else None,
            "longitude": self.location.lon if self.location else None,
            "source_text": self.sentence.text,
            "trigger": self.trigger.text,
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "historical": self.historical,
            "cameo": self.cameo,
            "doc_id": self.doc_id,
        }
