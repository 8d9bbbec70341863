"""Pydantic models of the HTTP API: what every endpoint takes and returns (the OpenAPI schema)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Sort = Literal["date", "date-asc", "sources", "mentions", "goldstein", "added"]
Period = Literal["day", "week", "month", "year"]
Level = Literal["country", "code"]


class ErrorResponse(BaseModel):
    """Every error: one message."""

    error: str = Field(examples=["no event 'abc'"])


class ActorOut(BaseModel):
    """An actor as the sentence mentions it and what it resolved to."""

    text: str | None = None
    start: int | None = None
    end: int | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    code: str


class PlaceOut(BaseModel):
    """A resolved place (``text``/``start``/``end`` are absent for bulk-loaded events)."""

    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    feature_code: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None


class SentenceOut(BaseModel):
    """The sentence an event was read from (offsets into the document's text)."""

    index: int
    start: int
    end: int
    text: str


class SpanOut(BaseModel):
    """A stretch of the document's text."""

    start: int
    end: int
    text: str


class MentionBase(BaseModel):
    """The contract's event object (one coded mention)."""

    model_config = ConfigDict(extra="ignore")

    event_id: str
    doc_id: str | None
    event_type: str
    mode: str | None
    context: list[str]
    cameo: str
    quad_class: int
    goldstein: float
    actor: list[ActorOut]
    recipient: list[ActorOut]
    date: str | None
    date_precision: str | None
    location: PlaceOut | None
    sentence: SentenceOut | None
    trigger: SpanOut | None
    negated: bool
    hypothetical: bool
    historical: bool
    confidence: float | None
    reason: str
    published: str | None = None
    published_source: str | None = None


class EventOut(MentionBase):
    """A stored (deduplicated) event: its representative mention plus the counts."""

    mention_id: str
    num_mentions: int
    num_sources: int
    num_articles: int


class MentionOut(MentionBase):
    """One mention of a stored event with the document it came from."""

    url: str | None = None
    source: str | None = None
    site: str | None = None
    story_id: str | None = None


class EventDetail(EventOut):
    """A stored event with every mention (the evidence)."""

    mentions: list[MentionOut]


class EventPage(BaseModel):
    """One page of events and the number matching the filters."""

    total: int
    limit: int
    offset: int
    events: list[EventOut]


class DocEvent(MentionBase):
    """A mention read from a document, with the stored event it joined."""

    mention_id: str


class DatePlace(BaseModel):
    """A time expression or place found in a document."""

    model_config = ConfigDict(extra="allow")

    text: str | None
    start: int | None
    end: int | None


class PersonOut(BaseModel):
    """A person the article introduced with title and nationality."""

    name: str | None
    country: str | None
    sector: str | None
    evidence: str | None
    start: int | None
    end: int | None


class DocumentOut(BaseModel):
    """A stored document: text, metadata, story, and every span read from it."""

    id: str
    text: str
    content_hash: str
    published: str | None
    published_source: str | None
    url: str | None
    title: str | None
    source: str | None
    author: str | None
    site: str | None
    story_id: str | None
    ingested: str | None
    copies: list[str]
    events: list[DocEvent]
    places: list[DatePlace]
    dates: list[DatePlace]
    people: list[PersonOut]


class SeriesPoint(BaseModel):
    """Real events in one period."""

    period: str
    events: int
    mentions: int
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    goldstein_sum: float
    goldstein_mean: float | None


class SeriesOut(BaseModel):
    """A dyad's time series."""

    actor: str
    recipient: str
    by: Period
    both_directions: bool
    series: list[SeriesPoint]


class ActorCount(BaseModel):
    """An actor by number of events as actor and as recipient."""

    actor: str
    events: int
    as_actor: int
    as_recipient: int
    mentions: int
    goldstein_mean: float | None


class Edge(BaseModel):
    """A directed actor-recipient edge."""

    source: str
    target: str
    events: int
    mentions: int
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    goldstein_sum: float
    goldstein_mean: float | None


class DocumentIn(BaseModel):
    """A document to code: the contract's JSONL record."""

    id: str = Field(min_length=1, max_length=500)
    text: str | None = None
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    url: str | None = None
    title: str | None = None
    source: str | None = None
    html: str | None = None

    @field_validator("*")
    @classmethod
    def _valid_unicode(cls, value: object) -> object:
        """Refuse strings that cannot be stored (lone surrogates are valid JSON, not text)."""
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError("not valid Unicode (lone surrogate)") from None
        return value


class DocumentResult(BaseModel):
    """What happened to one posted document."""

    id: str
    status: Literal["stored", "unchanged", "failed"]
    error: str | None = None
    events: list[MentionBase]


class IngestOut(BaseModel):
    """The result of ``POST /api/documents``."""

    documents: int
    skipped: int
    replaced: int
    mentions: int
    new_events: int
    failures: int
    results: list[DocumentResult]


class Health(BaseModel):
    """Service status and table sizes."""

    status: Literal["ok"]
    version: str
    schema_version: int
    writable: bool
    pipeline_loaded: bool
    counts: dict[str, int]
